package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestSourceForms(t *testing.T) {
	const kb = `categories: [{id: geld, title: {de: Geld}}]
topics:
  - id: elterngeld
    category: geld
    title: {de: Elterngeld}
    summary: {de: Geld für Eltern.}
    sources:
      - https://dortmund.de/services/elterngeld.html
      - url: https://www.haufe.de/elterngeld
        year: 2025
        note: Einkommensgrenze
    reviewed: 2026-11-01
    checked: 2026-11-20
`
	b, err := Load(fstest.MapFS{"kb.yaml": {Data: []byte(kb)}}, Options{Now: reviewNow})
	if err != nil {
		t.Fatal(err)
	}
	got := b.Topic("elterngeld")
	want := []Citation{{URL: "https://dortmund.de/services/elterngeld.html"}, {URL: "https://www.haufe.de/elterngeld", Year: 2025, Note: "Einkommensgrenze"}}
	if len(got.Sources) != 2 || got.Sources[0] != want[0] || got.Sources[1] != want[1] {
		t.Errorf("sources: got %+v, want %+v", got.Sources, want)
	}
	if got.SourceYear() != 2025 || got.Checked.String() != "2026-11-20" {
		t.Errorf("source year %d, checked %s; want 2025, 2026-11-20", got.SourceYear(), got.Checked)
	}
	if urls := SourceURLs(got.Sources); strings.Join(urls, " ") != "https://dortmund.de/services/elterngeld.html https://www.haufe.de/elterngeld" {
		t.Errorf("SourceURLs: %v", urls)
	}
}

// TestSourceProblems: every mistake in a source is reported at its line and
// column, and the rest of the file is still checked.
func TestSourceProblems(t *testing.T) {
	tests := []struct {
		name, source, want string
	}{
		{"file instead of web page", `- /work/shared/facts-dortmund.md`, `kb.yaml:8:9: office "a": "/work/shared/facts-dortmund.md" is not a web address`},
		{"block without url", `- {year: 2019}`, `kb.yaml:8:9: office "a": source without url`},
		{"year as text", "- url: https://example.org/\n        year: neunzehn", `kb.yaml:9:9: source year "neunzehn" must be a year such as 2019`},
		{"year in the future", "- url: https://example.org/\n        year: 2027", `kb.yaml:9:9: office "a": source year 2027 is not possible`},
		{"year long ago", "- url: https://example.org/\n        year: 1919", `kb.yaml:9:9: office "a": source year 1919 is not possible`},
		{"misspelt field", "- url: https://example.org/\n        jahr: 2019", `kb.yaml:9:9: unknown field "jahr" (check the spelling; allowed here: url, year, note)`},
		{"note with a machine path", "- url: https://example.org/\n        note: see facts-dortmund.md", `kb.yaml:9:9: office "a": a source note must not point to files`},
		{"url as a list", "- url: [https://example.org/]", `kb.yaml:8:7: source field "url" must be a single value`},
		{"list in place of a source", "- [https://example.org/]", `kb.yaml:8:7: a source is a web address (https://...) or a block with url and year`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := `offices:
  - id: a
    name: {de: Amt}
    phone: ["0231 50-0"]
    reviewed: 2026-11-01
    checked: 2026-12-24
    sources:
      ` + tt.source + "\n"
			_, err := Load(fstest.MapFS{"kb.yaml": {Data: []byte(kb)}}, Options{Now: reviewNow})
			ps, _ := err.(Problems)
			if !strings.Contains(ps.Errors().Error(), tt.want) {
				t.Errorf("got\n%v\nwant a line containing\n%s", err, tt.want)
			}
			// The checked date is wrong in every case and must be reported too.
			if !strings.Contains(ps.Errors().Error(), `kb.yaml:6:5: office "a": checked date 2026-12-24 is in the future`) {
				t.Errorf("the future checked date was not reported:\n%v", err)
			}
		})
	}
}

func TestFreshness(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	day := func(s string) Date {
		d, err := time.Parse(dateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return Date{d}
	}
	tests := []struct {
		name      string
		checked   Date
		year      int
		callFirst bool
	}{
		{"nothing known", Date{}, 0, false},
		{"recent source", Date{}, 2024, false},
		{"source three years old", Date{}, 2023, true},
		{"old source", Date{}, 2019, true},
		{"checked this week", day("2026-12-01"), 2019, false},
		{"checked long ago", day("2022-03-15"), 0, true},
	}
	for _, tt := range tests {
		f := FreshnessOf(tt.checked, tt.year, now)
		if f.CallFirst != tt.callFirst {
			t.Errorf("%s: got %+v, want call first %v", tt.name, f, tt.callFirst)
		}
	}
	o := Office{Sources: []Citation{{URL: "https://a.example/"}, {URL: "https://b.example/", Year: 2019}, {URL: "https://c.example/", Year: 2021}}}
	if got := o.ContactSourceYear(); got != 2021 {
		t.Errorf("ContactSourceYear: got %d, want the newest dated source, 2021", got)
	}
	if f := o.Freshness(now); !f.CallFirst || f.SourceYear != 2021 {
		t.Errorf("office freshness: got %+v, want call first with the source of 2021", f)
	}
}
