package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot"
	"github.com/sozialamt-dortmund/sozialbot/bot/insights"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

const reviewKB = "../../knowledge/testdata/review/kb"

func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runIn(t, "", args...)
}

func TestReviewCommand(t *testing.T) {
	md := filepath.Join(t.TempDir(), "review.md")
	out, errOut, err := runCmd(t, "review", "--kb", reviewKB, "--max-age", "6mo", "--markdown", md)
	if err != nil {
		t.Fatalf("review: %v\n%s", err, errOut)
	}
	for _, want := range []string{
		"Due for review (reviewed more than 183 days ago), oldest first: ",
		`offices.yaml:11:5: office "sozialamt-zentrale" Sozialamt Zentrale: reviewed 2024-12-15`,
		"Old sources, not checked with the office since (confirm by phone), oldest first: 2",
		`topics.yaml:11:5: topic "grundsicherung" Grundsicherung im Alter: source of 2019`,
		"No opening hours: 1",
		"Synonyms that never matched: not known",
		"Markdown report written to " + md,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("review output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "# Knowledge base review of ") || !strings.Contains(string(data), "| Sozialamt Zentrale (office `sozialamt-zentrale`) | 2024-12-15 |") {
		t.Errorf("Markdown report:\n%s", data)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(md), ".review.md.*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

type synonymSearcher struct{}

func (synonymSearcher) Search(_ context.Context, q string) (index.Result, error) {
	return index.Result{Question: q, Synonyms: []string{"obdachlos"}}, nil
}
func (synonymSearcher) Base() *knowledge.Base { return nil }

func TestReviewCommandWithState(t *testing.T) {
	state := t.TempDir()
	store, err := insights.Open(state, insights.Options{PruneEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	store.Observe(synonymSearcher{}).Search(context.Background(), "ich bin wohnungslos")
	store.Record(bot.Event{Outcome: bot.OutcomeDeclined, Question: "Hundesteuer zahlen"})
	store.Close()

	out, errOut, err := runCmd(t, "review", "--kb", reviewKB, "--state", state)
	if err != nil {
		t.Fatalf("review: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "Synonyms no question used in the last 30 days: 2 of 3") || strings.Contains(out, "obdachlos, wohnungslos") {
		t.Errorf("unused synonyms:\n%s", out)
	}

	out, errOut, err = runCmd(t, "insights", "--state", state, "--days", "7")
	if err != nil {
		t.Fatalf("insights: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Insights of the last 7 days", "Questions declined: 1 (100% of 1)", "    1  Hundesteuer zahlen", "    1  obdachlos"} {
		if !strings.Contains(out, want) {
			t.Errorf("insights output lacks %q:\n%s", want, out)
		}
	}
}

func TestReviewCommandErrors(t *testing.T) {
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "topics.yaml"), []byte("topics:\n  - id: Kaputt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"review", "--kb", broken}, 1, "topics.yaml:2:"},
		{[]string{"review", "--max-age", "soon"}, 2, "--max-age"},
		{[]string{"review", "--kb", reviewKB, "--state", filepath.Join(broken, "missing")}, 1, "--state"},
		{[]string{"review", reviewKB}, 2, "--kb"},
		{[]string{"insights"}, 2, "usage: sozialbot insights"},
		{[]string{"insights", "--state", broken}, 1, "no insights in"},
	}
	for _, tt := range tests {
		out, errOut, err := runCmd(t, tt.args...)
		var code exitError
		if !asExit(err, &code) || int(code) != tt.code {
			t.Errorf("%v: got %v, want exit status %d", tt.args, err, tt.code)
		}
		if !strings.Contains(out+errOut, tt.want) {
			t.Errorf("%v: output lacks %q:\n%s%s", tt.args, tt.want, out, errOut)
		}
	}
}

func TestReviewBuiltin(t *testing.T) {
	out, errOut, err := runCmd(t, "review")
	if err != nil {
		t.Fatalf("review of the built-in knowledge base: %v\n%s%s", err, out, errOut)
	}
	if !strings.HasPrefix(out, "Knowledge base review of "+time.Now().Format("2006-01-02")) {
		t.Errorf("review output:\n%s", out)
	}
}
