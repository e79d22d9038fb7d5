package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs the program as the shell would, with stdin as its input.
func runIn(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// exitCode is the status main would exit with after err.
func exitCode(err error) int {
	var exit exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return int(exit)
	}
	return 1
}

// runCode runs the program and returns its output and exit status.
func runCode(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	stdout, stderr, err := runIn(t, stdin, args...)
	return stdout, stderr, exitCode(err)
}

// TestAskJSON checks the output docs/ask.md fixes: one object per
// question, on one line, with exactly these fields.
func TestAskJSON(t *testing.T) {
	questions := "Grundsicherung\nSeniorenbüro Sölde\n\nqwertz\n" + strings.Repeat("x", 200000) + "\n\x00\xff\n"
	out, errOut, code := runCode(t, questions, "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines for 6 questions:\n%s", len(lines), out)
	}
	type result struct {
		ID    string  `json:"id"`
		Kind  string  `json:"kind"`
		Title string  `json:"title"`
		Score float64 `json:"score"`
	}
	want := []struct {
		answered bool
		first    string
	}{{true, "grundsicherung"}, {true, "seniorenbuero-aplerbeck"}, {false, ""}, {false, ""}, {false, ""}, {false, ""}}
	for i, line := range lines {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatalf("line %d is not JSON: %v", i, err)
		}
		if len(raw) != 7 || raw["question"] == nil || raw["answered"] == nil || raw["results"] == nil ||
			raw["kind"] == nil || raw["aspect"] == nil || raw["lang"] == nil || raw["text"] == nil {
			t.Errorf("line %d has fields %v, want question, answered, results, kind, aspect, lang, text", i, keys(raw))
		}
		var got struct {
			Answered bool     `json:"answered"`
			Results  []result `json:"results"`
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatal(err)
		}
		if got.Answered != want[i].answered || (want[i].first != "" && got.Results[0].ID != want[i].first) {
			t.Errorf("line %d: answered %v, results %v; want %v, %q", i, got.Answered, got.Results, want[i].answered, want[i].first)
		}
		if len(got.Results) > 5 {
			t.Errorf("line %d: %d results, at most 5", i, len(got.Results))
		}
		for _, r := range got.Results {
			if r.ID == "" || (r.Kind != "topic" && r.Kind != "office") || r.Title == "" {
				t.Errorf("line %d: result %+v", i, r)
			}
		}
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The new fields of ask --json, and a conversation with --dialog: a blank
// line starts a new chat, a follow-up resolves against the one before.
func TestAskDialog(t *testing.T) {
	conv := "Behindertenfahrdienst\nwas kostet das?\n\nwas kostet das?\nIch will nicht mehr leben\n"
	out, errOut, code := runCode(t, conv, "ask", "--dialog", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines for 4 messages:\n%s", len(lines), out)
	}
	type line struct {
		Answered bool    `json:"answered"`
		Kind     string  `json:"kind"`
		Aspect   *string `json:"aspect"`
		Lang     string  `json:"lang"`
		Text     string  `json:"text"`
		Results  []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	var got []line
	for _, l := range lines {
		var g line
		if err := json.Unmarshal([]byte(l), &g); err != nil {
			t.Fatalf("%q is not JSON: %v", l, err)
		}
		got = append(got, g)
	}
	if got[0].Kind != "answer" || got[0].Aspect != nil || got[0].Lang != "de" || !strings.Contains(got[0].Text, "Behindertenfahrdienst") || strings.Contains(got[0].Text, "<b>") {
		t.Errorf("first message: %+v", got[0])
	}
	if got[1].Kind != "answer" || got[1].Aspect == nil || *got[1].Aspect != "costs" || got[1].Results[0].ID != "behindertenfahrdienst" || !strings.Contains(got[1].Text, "25 €") {
		t.Errorf("follow-up: %+v", got[1])
	}
	if got[2].Kind != "ask" || got[2].Answered {
		t.Errorf("follow-up in a new chat must ask what it is about: %+v", got[2])
	}
	if got[3].Kind != "crisis" || !strings.Contains(got[3].Text, "TelefonSeelsorge") {
		t.Errorf("crisis: %+v", got[3])
	}
}

func TestAskText(t *testing.T) {
	out, _, code := runCode(t, "", "ask", "Ich", "bin", "70", "und", "meine", "Rente", "reicht", "nicht")
	if code != 0 || !strings.Contains(out, "Grundsicherung") || !strings.Contains(out, "Text vom: ") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	out, _, _ = runCode(t, "", "ask", "Wie spät ist es?")
	if !strings.Contains(out, "0231 50-0") {
		t.Errorf("a declined question gives no number to call:\n%s", out)
	}
}

func TestValidate(t *testing.T) {
	out, _, code := runCode(t, "", "validate")
	if code != 0 || !strings.Contains(out, "built-in knowledge base: ok") {
		t.Errorf("built-in: exit %d\n%s", code, out)
	}
	out, _, code = runCode(t, "", "validate", "--quiet", filepath.Join("testdata", "broken"))
	if code != 1 {
		t.Errorf("broken folder: exit %d, want 1", code)
	}
	for _, want := range []string{
		`topics.yaml:7:5: unknown field "titel"`,
		`topics.yaml:15:13: office "sozialbuero": phone "0231 50-" is incomplete`,
		`topics.yaml:16:13: office "sozialbuero": e-mail "info(at)example.org" is not a valid address`,
		"NOT loaded",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("broken folder: output lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := runCode(t, "", "validate", "no-such-folder"); code != 1 {
		t.Errorf("missing folder: exit %d, want 1", code)
	}
}

func TestEval(t *testing.T) {
	file := filepath.Join(t.TempDir(), "q.yaml")
	questions := `- {q: "Grundsicherung", expect: [grundsicherung], tags: [short]}
- {q: "Elterngeld", expect: [grundsicherung], tags: [short]}
- {q: "qwertz", expect: [], tags: [gibberish]}
`
	if err := os.WriteFile(file, []byte(questions), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCode(t, "", "eval", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"top-1                     50.0% (1/2)", "out of scope declined    100.0% (1/1)",
		"gibberish", "short", "misses (1):", `"Elterngeld"`, "want grundsicherung",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestUsage(t *testing.T) {
	if _, errOut, code := runCode(t, ""); code != 2 || !strings.Contains(errOut, "usage: sozialbot COMMAND") {
		t.Errorf("no command: exit %d, %q", code, errOut)
	}
	if _, errOut, code := runCode(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
}
