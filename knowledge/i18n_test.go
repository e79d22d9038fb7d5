package knowledge

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// i18nFS is the review test folder plus the given translation files.
func i18nFS(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"topics.yaml", "offices.yaml", "places.yaml"} {
		data, err := os.ReadFile("testdata/review/kb/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	for name, data := range files {
		fsys[TranslationDir+"/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestTranslationLookup(t *testing.T) {
	summary := Fingerprint("Geld für ältere Menschen mit kleiner Rente.")
	b, err := Load(i18nFS(t, map[string]string{
		"tr.yaml": `texts:
  - of: topic/grundsicherung/summary
    from: ` + summary + `
    text: Küçük emekli maaşı olan yaşlılar için para.
  - of: topic/grundsicherung/title
    from: deadbeef
    text: Yaşlılıkta temel gelir (Grundsicherung)
  - of: topic/wohngeld/title
    from: ""
    text: ""
search:
  - of: topic/grundsicherung
    phrasings: [emekli maaşım yetmiyor]
    keywords: [emekli, maaş]
`,
	}), Options{Now: reviewNow})
	if err != nil {
		t.Fatal(err)
	}
	g := b.Topic("grundsicherung")
	for _, tc := range []struct {
		text  Text
		lang  string
		want  string
		state TranslationState
	}{
		{g.Summary, "tr", "Küçük emekli maaşı olan yaşlılar için para.", TranslationCurrent},
		{g.Title, "tr", "Yaşlılıkta temel gelir (Grundsicherung)", TranslationStale},
		{g.Summary, "ar", "Geld für ältere Menschen mit kleiner Rente.", TranslationMissing},
		{g.Summary, "de", "Geld für ältere Menschen mit kleiner Rente.", TranslationCurrent},
		{g.Summary, "en", "Money for older people with a small pension.", TranslationCurrent},
		{b.Topic("wohngeld").Title, "tr", "Wohngeld", TranslationMissing},
		{Text{DE: "nur deutsch"}, "en", "nur deutsch", TranslationMissing},
	} {
		got, state := tc.text.Lookup(tc.lang)
		if got != tc.want || state != tc.state {
			t.Errorf("Lookup(%s) = %q, %v; want %q, %v", tc.lang, got, state, tc.want, tc.state)
		}
		if in := tc.text.In(tc.lang); in != tc.want {
			t.Errorf("In(%s) = %q, want %q", tc.lang, in, tc.want)
		}
	}
	if w := b.SearchWordsOf("tr", "topic/grundsicherung"); w == nil || w.Keywords[1] != "maaş" {
		t.Errorf("SearchWordsOf = %+v", w)
	}
	var stale []string
	for _, p := range b.Warnings {
		if strings.Contains(p.Msg, "German text changed") {
			stale = append(stale, p.String())
		}
	}
	if len(stale) != 1 || !strings.HasPrefix(stale[0], "i18n/tr.yaml:6:5: warning: topic/grundsicherung/title (tr): German text changed") {
		t.Errorf("stale warnings = %q", stale)
	}
	st := b.TranslationStatuses()
	if st[0].Lang != "tr" || st[0].Current != 1 || len(st[0].Stale) != 1 || st[0].Current+len(st[0].Stale)+len(st[0].Missing) != st[0].Total {
		t.Errorf("status tr = %+v", st[0])
	}
}

// evingUnknown is the version of the German text of
// office/seniorenbuero-eving/unknown in testdata/review/kb.
var evingUnknown = Fingerprint("Adresse und Telefon nicht bestätigt; Zentrale 0231 50-0 fragen.")

func TestTranslationProblems(t *testing.T) {
	fp := Fingerprint("Geld für ältere Menschen mit kleiner Rente.")
	for _, tc := range []struct {
		name, file, data string
		want             []string
	}{
		{"unknown field", "tr.yaml", "texts:\n  - of: topic/grundsicherung/summary\n    frm: x\n", []string{`i18n/tr.yaml:3:5: unknown field "frm" (check the spelling; allowed here: of, from, text)`}},
		{"unknown topic", "ar.yaml", "texts:\n  - of: topic/nix/summary\n    from: " + fp + "\n    text: x\n", []string{`i18n/ar.yaml:2:5: topic/nix/summary: there is no topic "nix"`}},
		{"unknown field of topic", "ar.yaml", "texts:\n  - of: topic/grundsicherung/sumary\n    from: " + fp + "\n    text: x\n", []string{`i18n/ar.yaml:2:5: topic/grundsicherung/sumary: no German text "sumary" there`}},
		{"twice", "uk.yaml", "texts:\n  - of: topic/grundsicherung/summary\n    from: " + fp + "\n    text: a\n  - of: topic/grundsicherung/summary\n    from: " + fp + "\n    text: b\n", []string{`i18n/uk.yaml:5:5: topic/grundsicherung/summary is translated twice (first at i18n/uk.yaml:2:5)`}},
		{"no from", "ru.yaml", "texts:\n  - of: topic/grundsicherung/summary\n    text: a\n", []string{`i18n/ru.yaml:3:5: topic/grundsicherung/summary: "from" is missing`}},
		{"bad from", "ru.yaml", "texts:\n  - of: topic/grundsicherung/summary\n    from: 12\n    text: a\n", []string{`i18n/ru.yaml:3:5: topic/grundsicherung/summary: from "12" must be 8 hex digits`}},
		{"language", "ku.yaml", "texts: []\n", []string{`i18n/ku.yaml:1:1: a translation file is named after its language`}},
		{"phone changed", "pl.yaml", "texts:\n  - of: office/seniorenbuero-eving/unknown\n    from: " + evingUnknown + "\n    text: Adres niepotwierdzony; zapytaj centralę 0231 50-1.\n", []string{
			`i18n/pl.yaml:4:5: office/seniorenbuero-eving/unknown (pl): phone "0231 50-0" of the German text is missing`,
			`i18n/pl.yaml:4:5: office/seniorenbuero-eving/unknown (pl): phone "0231 50-1" is not in the German text`}},
		{"search of", "fa.yaml", "search:\n  - of: topic/nix\n    keywords: [a]\n  - of: grundsicherung\n", []string{
			`i18n/fa.yaml:2:5: topic/nix: there is no topic "nix"`,
			`i18n/fa.yaml:4:5: grundsicherung: search words belong to a topic`}},
		{"syntax", "bg.yaml", "texts:\n  - of: [\n", []string{`i18n/bg.yaml:2:1: YAML syntax`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(i18nFS(t, map[string]string{tc.file: tc.data}), Options{Now: reviewNow})
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("err = %v, want Problems", err)
			}
			errs := ps.Errors()
			if len(errs) != len(tc.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(tc.want), errs)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(errs[i].String(), w) {
					t.Errorf("error %d = %q\nwant prefix %q", i, errs[i], w)
				}
			}
		})
	}
}

// TestTranslationWithheld: when staff change a fact of a German text, its
// old translations do not block the knowledge base (a warning, not an
// error), but they are not shown either: their number is the old one, so
// the German text is shown until the translation is redone.
func TestTranslationWithheld(t *testing.T) {
	b, err := Load(i18nFS(t, map[string]string{"pl.yaml": `texts:
  - of: office/seniorenbuero-eving/unknown
    from: 00000000
    text: Adres niepotwierdzony; zapytaj centralę 0231 50-1.
  - of: office/seniorenbuero-eving/name
    from: 00000000
    text: Biuro seniora Eving
`}), Options{Now: reviewNow})
	if err != nil {
		t.Fatal(err)
	}
	o := b.Office("seniorenbuero-eving")
	if got, st := o.Unknown.Lookup("pl"); got != o.Unknown.DE || st != TranslationMissing {
		t.Errorf("withheld translation: Lookup = %q, %v; want the German text, missing", got, st)
	}
	if _, st := o.Name.Lookup("pl"); st != TranslationStale {
		t.Errorf("stale translation with the same facts: state %v, want stale (shown with a note)", st)
	}
	var withheld bool
	for _, p := range b.Warnings {
		withheld = withheld || strings.Contains(p.String(), "office/seniorenbuero-eving/unknown (pl): German text changed since this translation (from 00000000, German now "+evingUnknown+"), and its facts differ now")
	}
	if !withheld {
		t.Errorf("no warning for the withheld translation: %v", b.Warnings)
	}
	for _, s := range b.TranslationStatuses() {
		if s.Lang == "pl" && len(s.Stale) != 2 {
			t.Errorf("pl: %d translations to redo, want 2 (the withheld one too)", len(s.Stale))
		}
	}
}

func TestTranslationFilesSplit(t *testing.T) {
	fp := Fingerprint("Zuschuss zur Miete.")
	b, err := Load(i18nFS(t, map[string]string{
		"tr.yaml":       "texts:\n  - of: topic/wohngeld/summary\n    from: " + fp + "\n    text: Kira yardımı.\n",
		"tr-konut.yaml": "search:\n  - of: topic/wohngeld\n    keywords: [kira]\n",
	}), Options{Now: reviewNow})
	if err != nil {
		t.Fatal(err)
	}
	if got, state := b.Topic("wohngeld").Summary.Lookup("tr"); got != "Kira yardımı." || state != TranslationCurrent || b.SearchWordsOf("tr", "topic/wohngeld") == nil {
		t.Errorf("Lookup = %q, %v; search words %v", got, state, b.SearchWordsOf("tr", "topic/wohngeld"))
	}
	_, err = Load(i18nFS(t, map[string]string{
		"tr.yaml":       "texts:\n  - of: topic/wohngeld/summary\n    from: " + fp + "\n    text: a\n",
		"tr-konut.yaml": "texts:\n  - of: topic/wohngeld/summary\n    from: " + fp + "\n    text: b\n",
	}), Options{Now: reviewNow})
	if err == nil || !strings.Contains(err.Error(), "i18n/tr.yaml:2:5: topic/wohngeld/summary is translated twice (first at i18n/tr-konut.yaml:2:5)") {
		t.Errorf("a text translated in two files of one language: %v", err)
	}
}

func TestFingerprintIgnoresWrapping(t *testing.T) {
	a := Fingerprint("Geld für  ältere\nMenschen ")
	if b := Fingerprint("Geld für ältere Menschen"); a != b || len(a) != 8 {
		t.Errorf("Fingerprint = %q and %q", a, b)
	}
	if Fingerprint("Geld für ältere Menschen.") == a {
		t.Error("a changed text kept its fingerprint")
	}
}

func TestBuiltinEnglishFacts(t *testing.T) {
	b, err := Load(Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range b.Warnings {
		if strings.Contains(p.Msg, "(en): ") {
			t.Errorf("%v", p)
		}
	}
}
