package knowledge

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var today = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// minimal is a small valid knowledge base; cases change one file of it.
var minimal = map[string]string{
	"categories.yaml": `categories:
  - id: geld
    title: {de: Geld, en: Money}
`,
	"districts.yaml": `districts:
  - id: aplerbeck
    name: Aplerbeck
    stadtteile: [Aplerbeck, Sölde]
    postcodes: ["44287", "44263"]
    sources: [https://example.org/aplerbeck]
    reviewed: 2026-11-01
  - id: hoerde
    name: Hörde
    stadtteile: [Hörde]
    postcodes: ["44263"]
    sources: [https://example.org/hoerde]
    reviewed: 2026-11-01
`,
	"topics.yaml": `topics:
  - id: grundsicherung
    category: geld
    title: {de: Grundsicherung, en: Basic income support}
    summary: {de: Geld im Alter., en: Money in old age.}
    offices: [sozialbuero]
    sources: [https://example.org/gs]
    reviewed: 2026-11-01
offices:
  - id: sozialbuero
    name: {de: Sozialbüro, en: Social office}
    districts: [aplerbeck]
    address: {street: Musterstraße 1, postcode: "44287", city: Dortmund}
    phone: ["0231 50-0"]
    email: [info@example.org]
    hours: [{days: [Mo, Do], time: "08:00-10:00"}]
    geo: {lat: 51.49, lon: 7.55}
    sources: [https://example.org/sb]
    reviewed: 2026-11-01
`,
}

func load(t *testing.T, changes map[string]string) (*Base, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range minimal {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range changes {
		if text == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Load(fsys, Options{Now: today})
}

func TestLoadMinimal(t *testing.T) {
	kb, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Warnings) != 0 {
		t.Errorf("warnings: %v", kb.Warnings)
	}
	if got := kb.DistrictsOfPostcode("44263"); strings.Join(got, ",") != "aplerbeck,hoerde" {
		t.Errorf("44263 lies in %v, want aplerbeck and hoerde", got)
	}
	if got := kb.DistrictsOfPostcode("44287"); len(got) != 1 {
		t.Errorf("44287 lies in %v, want only aplerbeck", got)
	}
	if o := kb.OfficesOf(kb.Topic("grundsicherung")); len(o) != 1 || o[0].ID != "sozialbuero" {
		t.Errorf("offices of grundsicherung: %v", o)
	}
}

// replaceIn returns the minimal topics file with old replaced by new.
func replaceIn(file, old, new string) map[string]string {
	return map[string]string{file: strings.Replace(minimal[file], old, new, 1)}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name    string
		changes map[string]string
		want    []string // each must appear in the problem list
	}{
		{"unknown key", replaceIn("topics.yaml", "    category: geld\n", "    category: geld\n    titel: x\n"),
			[]string{`topics.yaml:4:5: unknown field "titel" (check the spelling; allowed here: id, category, title`}},
		{"syntax", replaceIn("topics.yaml", "    category: geld", "   category: geld"),
			[]string{"topics.yaml:", "YAML syntax"}},
		{"duplicate id", map[string]string{"more.yaml": "topics:\n" + strings.SplitN(minimal["topics.yaml"], "topics:\n", 2)[1][:strings.Index(strings.SplitN(minimal["topics.yaml"], "topics:\n", 2)[1], "offices:")]},
			[]string{`topics.yaml:2:5: topic id "grundsicherung" is used twice (first at more.yaml:2:5)`}},
		{"dangling office", replaceIn("topics.yaml", "offices: [sozialbuero]", "offices: [sozialbuero, jobcenter]"),
			[]string{`topics.yaml:6:28: topic "grundsicherung": office "jobcenter" does not exist`}},
		{"missing German", replaceIn("topics.yaml", "summary: {de: Geld im Alter., en: Money in old age.}", "summary: {en: Money in old age.}"),
			[]string{`topics.yaml:5:5: summary: German text is missing`}},
		{"bad phone", replaceIn("topics.yaml", `phone: ["0231 50-0"]`, `phone: ["0231 50-0", "0231 50-"]`),
			[]string{`topics.yaml:14:26: office "sozialbuero": phone "0231 50-" is incomplete`}},
		{"letters in phone", replaceIn("topics.yaml", `phone: ["0231 50-0"]`, `phone: ["ruf an"]`),
			[]string{`phone "ruf an" is not a phone number`}},
		{"bad e-mail", replaceIn("topics.yaml", "email: [info@example.org]", "email: [info(at)example.org]"),
			[]string{`topics.yaml:15:13: office "sozialbuero": e-mail "info(at)example.org" is not a valid address`}},
		{"bad url", replaceIn("topics.yaml", "sources: [https://example.org/gs]", "sources: [www.example.org/gs]"),
			[]string{`topics.yaml:7:15: topic "grundsicherung": "www.example.org/gs" is not a web address`}},
		{"bad hours", replaceIn("topics.yaml", `time: "08:00-10:00"`, `time: "10:00-08:00"`),
			[]string{`topics.yaml:16:30: office "sozialbuero": opening time "10:00-08:00" ends before it starts`}},
		{"bad weekday", replaceIn("topics.yaml", "days: [Mo, Do]", "days: [Montag]"),
			[]string{`unknown weekday "Montag"`}},
		{"unknown district", replaceIn("topics.yaml", "districts: [aplerbeck]", "districts: [dorstfeld]"),
			[]string{`topics.yaml:12:17: office "sozialbuero": unknown Stadtbezirk "dorstfeld"`}},
		{"future review", replaceIn("topics.yaml", "reviewed: 2026-11-01", "reviewed: 2027-01-01"),
			[]string{`topics.yaml:8:5: topic "grundsicherung": reviewed date 2027-01-01 is in the future`}},
		{"german date", replaceIn("topics.yaml", "reviewed: 2026-11-01", "reviewed: 01.11.2026"),
			[]string{`topics.yaml:8:5: date "01.11.2026" must be written as YYYY-MM-DD`}},
		{"unknown category", replaceIn("topics.yaml", "category: geld", "category: money"),
			[]string{`unknown category "money"`}},
		{"bad id", replaceIn("topics.yaml", "id: grundsicherung", "id: Grund Sicherung"),
			[]string{`topic id "Grund Sicherung" may only hold`}},
		{"bad postcode", replaceIn("districts.yaml", `"44287"`, `"4428"`),
			[]string{`districts.yaml:5:17: district "aplerbeck": postcode "4428" must have five digits`}},
		{"no files", map[string]string{"categories.yaml": "", "districts.yaml": "", "topics.yaml": ""},
			[]string{"no knowledge files"}},
		{"not a mapping", map[string]string{"list.yaml": "- a\n- b\n"},
			[]string{"list.yaml:1:1: a knowledge file starts with lists"}},
		{"several at once", replaceIn("topics.yaml", "email: [info@example.org]\n    hours: [{days: [Mo, Do], time: \"08:00-10:00\"}]", "email: [x]\n    hours: [{days: [Mo, Do], time: \"8 bis 10\"}]"),
			[]string{`e-mail "x"`, `opening time "8 bis 10"`}},
	}
	for _, tc := range tests {
		kb, err := load(t, tc.changes)
		if kb != nil || err == nil {
			t.Errorf("%s: loaded a broken knowledge base", tc.name)
			continue
		}
		var ps Problems
		if tc.name != "no files" && !errors.As(err, &ps) {
			t.Errorf("%s: error is %T, want Problems", tc.name, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: problems\n%v\nlack %q", tc.name, err, w)
			}
		}
	}
}

func TestLoadWarnings(t *testing.T) {
	kb, err := load(t, replaceIn("topics.yaml", "    geo: {lat: 51.49, lon: 7.55}\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	want := `topics.yaml:10:5: warning: office "sozialbuero": no coordinates`
	if len(kb.Warnings) != 1 || !strings.HasPrefix(kb.Warnings[0].String(), want) {
		t.Errorf("warnings %v, want %q", kb.Warnings, want)
	}
	old, err := Load(fstest.MapFS{
		"categories.yaml": {Data: []byte(minimal["categories.yaml"])},
		"districts.yaml":  {Data: []byte(minimal["districts.yaml"])},
		"topics.yaml":     {Data: []byte(minimal["topics.yaml"])},
	}, Options{Now: today.AddDate(1, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(old.Warnings); n != 4 {
		t.Errorf("a year later: %d warnings, want 4 (every entry with a review date due for review):\n%v", n, old.Warnings)
	}
}

// TestBuiltin checks the knowledge base compiled into the binary: it loads,
// holds every id the contract fixes, and has no warnings but the known gaps.
func TestBuiltin(t *testing.T) {
	kb, err := Load(Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range kb.Warnings {
		// 110 and 112 are fixed by law; the facts have no source page for them.
		nationalNumber := strings.HasPrefix(w.Msg, `crisis line "notruf-112": no source`) || strings.HasPrefix(w.Msg, `crisis line "polizei-110": no source`)
		if !strings.Contains(w.Msg, "no coordinates") && !strings.Contains(w.Msg, "no opening hours") && !nationalNumber {
			t.Errorf("unexpected warning: %s", w)
		}
	}
}

func FuzzLoad(f *testing.F) {
	for _, text := range minimal {
		f.Add([]byte(text))
	}
	f.Add([]byte("topics: [{id: x, title: {de: [1, 2]}}]"))
	f.Add([]byte("offices:\n  - hours: [{days: [Mo], time: 25:99-00:00}]\n"))
	f.Add([]byte(crisisKB))
	f.Add([]byte("offices:\n  - sources: [{url: [a], year: x, note: {a: b}}, &s {year: 2019}, *s, [b]]\n    checked: 2026-13-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"f.yaml": {Data: data}, "categories.yaml": {Data: []byte(minimal["categories.yaml"])}}
		kb, err := Load(fsys, Options{Now: today})
		if (kb == nil) == (err == nil) {
			t.Fatalf("Load returned base %v and error %v", kb != nil, err)
		}
		var ps Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				if p.Pos.File == "" || p.Pos.Line < 1 || p.Pos.Col < 1 {
					t.Fatalf("problem without position: %+v", p)
				}
			}
		}
	})
}
