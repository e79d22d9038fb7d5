package knowledge

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var reviewNow = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func loadReviewKB(t *testing.T) *Base {
	t.Helper()
	b, err := Load(os.DirFS("testdata/review/kb"), Options{Now: reviewNow})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got with the file in testdata/review, or rewrites the
// file when the test runs with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "review", name)
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test ./knowledge -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestReviewGolden(t *testing.T) {
	b := loadReviewKB(t)
	tests := []struct {
		name string
		opts ReviewOptions
	}{
		{"report", ReviewOptions{Now: reviewNow, SynonymsSeen: map[string]bool{"obdachlos": true}, SeenDays: 30}},
		{"report-no-state", ReviewOptions{Now: reviewNow}},
		{"report-all-used", ReviewOptions{Now: reviewNow, MaxAge: 10 * 365 * 24 * time.Hour, SynonymsSeen: map[string]bool{"obdachlos": true, "Hartz IV": true, "Stütze": true}}},
	}
	for _, tt := range tests {
		r := NewReport(b, tt.opts)
		var text, md bytes.Buffer
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteMarkdown(&md); err != nil {
			t.Fatal(err)
		}
		golden(t, tt.name+".txt", text.Bytes())
		golden(t, tt.name+".md", md.Bytes())
	}
}

func TestReviewFindings(t *testing.T) {
	r := NewReport(loadReviewKB(t), ReviewOptions{Now: reviewNow, SynonymsSeen: map[string]bool{}})
	var due []string
	for _, it := range r.Due {
		due = append(due, it.ID)
	}
	if got, want := fmt.Sprint(due), "[sozialamt-zentrale grundsicherung seniorenbuero-eving wohngeld]"; got != want {
		t.Errorf("due, oldest first: got %s, want %s", got, want)
	}
	if len(r.Soon) != 1 || r.Soon[0].ID != "eving" {
		t.Errorf("soon: got %+v, want district eving", r.Soon)
	}
	if got := r.Due[0].Pos.String(); got != "offices.yaml:11:5" {
		t.Errorf("position of a due entry: got %s, want the reviewed line offices.yaml:11:5", got)
	}
	gaps := map[string]bool{}
	for _, g := range r.Gaps {
		gaps[fmt.Sprintf("%s %s", g.Kind, g.ID)] = true
	}
	for _, want := range []string{
		"No source wohngeld", "No source eving",
		"No phone number seniorenbuero-eving", "No opening hours seniorenbuero-eving",
		"No address seniorenbuero-eving", "No coordinates seniorenbuero-eving",
		`Open questions ("unknown" notes) wohngeld`, `Open questions ("unknown" notes) seniorenbuero-eving`,
	} {
		if !gaps[want] {
			t.Errorf("gap %q not reported", want)
		}
	}
	if len(r.Gaps) != 8 {
		t.Errorf("got %d gaps, want 8: %+v", len(r.Gaps), r.Gaps)
	}
	var old []string
	for _, it := range r.OldSources {
		old = append(old, fmt.Sprintf("%s %d", it.ID, it.Year))
	}
	// seniorenbuero-eving rests on a source of 2017 but was checked with the office in 2026.
	if got, want := fmt.Sprint(old), "[grundsicherung 2019 sozialamt-zentrale 2020]"; got != want {
		t.Errorf("old sources, oldest first: got %s, want %s", got, want)
	}
	if len(r.Undated) != 1 || r.Undated[0].ID != "bildung-teilhabe" {
		t.Errorf("undated: got %+v, want topic bildung-teilhabe", r.Undated)
	}
	if len(r.UnusedSynonyms) != 3 {
		t.Errorf("with no synonym seen, got %d unused groups, want 3", len(r.UnusedSynonyms))
	}
}

func TestSynonymKey(t *testing.T) {
	tests := []struct {
		s    Synonym
		want string
	}{
		{Synonym{Words: []string{"obdachlos", "wohnungslos"}}, "obdachlos"},
		{Synonym{From: []string{"Hartz IV", "ALG 2"}, To: []string{"Bürgergeld"}}, "Hartz IV"},
		{Synonym{}, ""},
	}
	for _, tt := range tests {
		if got := SynonymKey(tt.s); got != tt.want {
			t.Errorf("SynonymKey(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestParseAge(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"183d", 183 * day, true},
		{"6mo", 183 * day, true},
		{"1mo", 30*day + 12*time.Hour, true},
		{"26w", 182 * day, true},
		{"1y", 365 * day, true},
		{" 90d ", 90 * day, true},
		{"183", 183 * day, true},
		{"4392h", 4392 * time.Hour, true},
		{"0d", 0, false},
		{"-5d", 0, false},
		{"six months", 0, false},
		{"", 0, false},
		{"d", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseAge(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseAge(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func ExampleParseAge() {
	age, _ := ParseAge("6mo")
	fmt.Println(int(age/(24*time.Hour)), "days")
	// Output: 183 days
}
