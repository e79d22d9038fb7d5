package answer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// TestKeyNames: the name table holds every constant of text.go by its name.
func TestKeyNames(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "text.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, s := range g.Specs {
				for _, id := range s.(*ast.ValueSpec).Names {
					if id.Name != "numMsgs" && id.Name != "CentralPhone" {
						names = append(names, id.Name)
					}
				}
			}
		}
		return true
	})
	if len(names) != int(numMsgs) {
		t.Fatalf("%d constants in text.go, %d keys", len(names), numMsgs)
	}
	for i, n := range names {
		if keyNames[i] != n {
			t.Errorf("keyNames[%d] = %q, the constant is %s", i, keyNames[i], n)
		}
	}
}

// TestMessageFiles checks every message file: it loads without a problem,
// has every key (once all languages have a file), and each text keeps the
// German text's fmt verbs in order, its HTML tags and its facts.
func TestMessageFiles(t *testing.T) {
	for _, err := range translationProblems {
		t.Error(err)
	}
	all := true
	for _, lang := range knowledge.TranslationLanguages {
		if _, err := os.Stat("messages/" + lang + ".yaml"); err != nil {
			all = false
		}
	}
	for _, lang := range knowledge.TranslationLanguages {
		t.Run(lang, func(t *testing.T) {
			tr := translations[lang]
			if _, err := os.Stat("messages/" + lang + ".yaml"); err != nil {
				if all {
					t.Fatalf("no messages/%s.yaml", lang)
				}
				t.Skipf("no messages/%s.yaml yet", lang)
			}
			var missing []string
			for _, k := range Keys() {
				if untranslated[k] {
					continue
				}
				if tr[k] == "" {
					missing = append(missing, k.Name())
					continue
				}
				checkTranslation(t, lang, k, texts[k].DE, tr[k])
			}
			if len(missing) > 0 {
				t.Errorf("messages/%s.yaml lacks %d keys: %s", lang, len(missing), strings.Join(missing, ", "))
			}
		})
	}
}

var (
	verbPattern = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)
	tagPattern  = regexp.MustCompile(`</?[a-z]+[^>]*>`)
)

func checkTranslation(t *testing.T, lang string, k MsgKey, german, tr string) {
	t.Helper()
	if g, x := verbPattern.FindAllString(german, -1), verbPattern.FindAllString(tr, -1); !slices.Equal(g, x) {
		t.Errorf("%s %s: verbs %v, German has %v", lang, k.Name(), x, g)
	}
	g, x := tagPattern.FindAllString(german, -1), tagPattern.FindAllString(tr, -1)
	slices.Sort(g)
	slices.Sort(x)
	if !slices.Equal(g, x) {
		t.Errorf("%s %s: HTML tags %v, German has %v", lang, k.Name(), x, g)
	}
	for _, msg := range knowledge.CompareFacts(german, tr) {
		t.Errorf("%s %s: %s", lang, k.Name(), msg)
	}
}

// TestLoadMessagesStrict: unknown keys, untranslated keys, doubles, empty
// texts and badly named files are reported with file:line.
func TestLoadMessagesStrict(t *testing.T) {
	fsys := fstest.MapFS{
		"m/tr.yaml":       {Data: []byte("MsgStart: \"Merhaba\"\nMsgNope: \"x\"\nMsgStart: \"iki\"\nMsgEmpty: \"\"\nMsgOtherLanguage: \"x\"\nMsgHelp: [a]\n")},
		"m/tr-extra.yaml": {Data: []byte("BtnMap: \"🗺 Harita\"\n")},
		"m/xx.yaml":       {Data: []byte("MsgStart: \"x\"\n")},
		"m/README.md":     {Data: []byte("# not a message file")},
	}
	got, errs := loadMessages(fsys, "m")
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		`m/tr.yaml:2: unknown key "MsgNope"`,
		`m/tr.yaml:3: MsgStart is given twice`,
		`m/tr.yaml:4: MsgEmpty is empty`,
		`m/tr.yaml:5: MsgOtherLanguage is always shown in German and English`,
		`m/tr.yaml:6: MsgHelp: the text must be a string`,
		`m/xx.yaml:1: a message file is named after its language`,
	}
	joined := strings.Join(msgs, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("no problem %q in:\n%s", w, joined)
		}
	}
	if len(msgs) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(msgs), len(want), joined)
	}
	if tr := got["tr"]; tr == nil || tr[MsgStart] != "Merhaba" || tr[BtnMap] != "🗺 Harita" {
		t.Errorf("tr texts not kept: %v", got["tr"])
	}
}

// TestTFallback: a language without the key shows English; de and en the table.
func TestTFallback(t *testing.T) {
	saved := translations
	defer func() { translations = saved }()
	translations = map[string]*[numMsgs]string{"tr": {MsgFeedbackThanks: "Teşekkürler!"}}
	for _, c := range []struct {
		lang string
		key  MsgKey
		want string
	}{
		{"tr", MsgFeedbackThanks, "Teşekkürler!"},
		{"tr", BtnMap, texts[BtnMap].EN},
		{"uk", BtnMap, texts[BtnMap].EN},
		{"de", BtnMap, texts[BtnMap].DE},
		{"en", BtnMap, texts[BtnMap].EN},
	} {
		if got := T(c.lang, c.key); got != c.want {
			t.Errorf("T(%s, %s) = %q, want %q", c.lang, c.key.Name(), got, c.want)
		}
	}
}
