package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestDistressMessages: every distress message of the tuning table is
// recognised, no ordinary one.
func TestDistressMessages(t *testing.T) {
	kb := loadBuiltinKB(t)
	data, err := os.ReadFile("testdata/distress-messages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Distress, Ordinary []struct{ Lang, Text string }
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Distress) == 0 || len(m.Ordinary) == 0 {
		t.Fatal("no messages")
	}
	for _, c := range m.Distress {
		if !kb.DetectDistress(c.Text) {
			t.Errorf("missed [%s] %s", c.Lang, c.Text)
		}
	}
	for _, c := range m.Ordinary {
		if kb.DetectDistress(c.Text) {
			t.Errorf("false alarm [%s] %s", c.Lang, c.Text)
		}
	}
	if l := kb.DistressLine(); l == nil || len(l.Phone) == 0 {
		t.Errorf("DistressLine() = %v, want the TelefonSeelsorge with its phones", l)
	}
}

// TestDistressMatching: the matching rules on a small base of its own.
func TestDistressMatching(t *testing.T) {
	kb, err := load(t, map[string]string{"krisen.yaml": distressKB})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Ich habe Angst vor dem Termin", true},
		{"ich hab so große angst", true},
		{"Ich habe keine Angst", false},
		{"Angstzustände", false}, // whole words only
		{"ich kann nicht mehr", true},
		{"ich kann nicht mehr laufen", false}, // "$": the message ends there
		{"ich bin verzweifelt", true},
		{"ich bin VERZWEIFELT!!!", true},
		{"bin erschoepft und müde", true}, // ö = oe
		{"bin erschopft", true},           // ö = o
		{"", false},
		{"   ", false},
	} {
		if got := kb.DetectDistress(tc.text); got != tc.want {
			t.Errorf("DetectDistress(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

const distressKB = `
crisis_lines:
  - id: telefonseelsorge
    name: {de: TelefonSeelsorge, en: TelefonSeelsorge}
    phone: ["0800 111 0 111"]
    sources: [https://www.telefonseelsorge.de]
    reviewed: 2026-01-01
distress:
  - id: angst
    signals:
      de: [habe ... angst, hab ... angst, kann nicht mehr $, verzweif*, bin erschöpft]
    unless:
      de: [keine angst]
`

// TestDistressProblems: a signal that cannot work is named at its line,
// and the distress line needs the TelefonSeelsorge.
func TestDistressProblems(t *testing.T) {
	_, err := load(t, map[string]string{"krisen.yaml": `
distress:
  - id: angst
    signals:
      de: [habe <angst>, "... angst"]
      xx: [angst]
    unless:
      de: [keine + angst]
`})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`krisen.yaml:3:5: distress: the crisis line "telefonseelsorge"`,
		`krisen.yaml:5:12: distress "angst": phrase "habe <angst>"`,
		`distress "angst": phrase "... angst" "..." must stand between words`,
		`krisen.yaml:6:7: distress "angst": unknown language "xx"`,
		`distress "angst": phrase "keine + angst" may not combine`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestDistressQuestionSets measures how many ordinary questions of the
// search and conversation sets (tuning and retired; no crisis message and
// no crisis detected) would get the distress line. A false positive costs
// a kind line, but it must stay rare: at most 3 %.
func TestDistressQuestionSets(t *testing.T) {
	kb := loadBuiltinKB(t)
	var files []string
	for _, g := range []string{"../index/testdata/questions-*tune.yaml", "../index/testdata/questions-*retired.yaml",
		"../bot/answer/testdata/conversations-tune.yaml", "../bot/answer/testdata/conversations-retired.yaml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	var ordinary, flagged int
	for _, name := range files {
		n, k := 0, 0
		for _, it := range readQuestionSet(t, name) {
			qs := []string{it.Q}
			if len(it.Dialog) > 0 {
				qs = it.Dialog
			}
			for i, q := range qs {
				last := i == len(qs)-1
				if q == "" || (last && it.Crisis != nil && *it.Crisis) || kb.DetectCrisis(q) != nil {
					continue
				}
				n++
				if kb.DetectDistress(q) {
					k++
					t.Logf("  %s: %s", filepath.Base(name), q)
				}
			}
		}
		t.Logf("%s: distress line on %d of %d ordinary messages", filepath.Base(name), k, n)
		ordinary += n
		flagged += k
	}
	if ordinary == 0 {
		t.Skip("no question sets found")
	}
	rate := float64(flagged) / float64(ordinary)
	t.Logf("all: distress line on %d of %d ordinary messages (%.1f %%)", flagged, ordinary, 100*rate)
	if rate > 0.03 {
		t.Errorf("distress line on %.1f %% of ordinary messages, want at most 3 %%", 100*rate)
	}
}

// TestScreen: one reading gives what DetectCrisis and DetectDistress give,
// distress only where there is no crisis.
func TestScreen(t *testing.T) {
	kb := loadBuiltinKB(t)
	m := readCrisisMessages(t, "crisis-messages-3.yaml")
	texts := []string{"", "   ", "ich halte das alles nicht mehr aus", "Wo ist das Sozialamt?"}
	for _, c := range m.Crisis {
		texts = append(texts, c.Text)
	}
	for _, l := range m.Lookalike {
		texts = append(texts, l.Text)
	}
	for _, text := range texts {
		crisis, distress := kb.Screen(text)
		wantCrisis := kb.DetectCrisis(text)
		wantDistress := wantCrisis == nil && kb.DetectDistress(text)
		if crisis != wantCrisis || distress != wantDistress {
			t.Errorf("Screen(%q) = %v, %v; want %v, %v", text, crisis != nil, distress, wantCrisis != nil, wantDistress)
		}
	}
}
