package answer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOtherLanguage(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"ሰላም፡ ሓገዝ የድልየኒ ኣሎ", true},                               // Tigrinya, Ge'ez script
		{"ኣብ ዶርትሙንድ Sozialamt ኣበይ ኣሎ?", true},                     // with a German term
		{"Tôi không có nhà, tối nay tôi có thể ngủ ở đâu?", true}, // Vietnamese
		{"خانووم نییە، ئەمشەو لە کوێ بخەوم؟", true},               // Sorani
		{"Xaniyê min tune ye, ez îşev li ku derê razêm?", true},   // Kurmancî
		{"Silav, ez li Dortmundê dijîm û alîkariya Sozialamt dixwazim", true},
		{"Guri ma haysto, caawa xaggee ayaan seexan karaa?", true}, // Somali
		{"ku eshte Sozialamt ne Dortmund", true},                   // Albanian without ë
		{"مه خانه ندارم، امشو کجا خو کنم؟", false},                 // Dari: answered in Farsi
		{"Grundsicherung beantragen", false},
		{"Wo ist das Seniorenbüro in Hörde?", false},
		{"how do I apply for basic income", false},
		{"Emekli maaşım yetmiyor, Grundsicherung alabilir miyim?", false},
		{"أنا لاجئ، من يدفع لي مال المعيشة؟", false},
		{"Я втратив житло, де можна переночувати?", false},
		{"Мне нужна помощь с квартирой", false},
		{"Gdzie jest Sozialamt w Dortmundzie?", false},
		{"Am nevoie de ajutor pentru chirie în Dortmund", false},
		{"Къде е Sozialamt в Дортмунд?", false},
		{"من پناهنده هستم، چه کسی پول زندگی من را می\u200cدهد؟", false},
		{"Seniorenbüro Eving", false},
		{"👍", false},
		{"", false},
	} {
		if got := OtherLanguage(c.q); got != c.want {
			t.Errorf("OtherLanguage(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

// TestOtherLanguageSets: every question of the other-languages set is in
// another language, no question of a tuning set of the ten languages is.
func TestOtherLanguageSets(t *testing.T) {
	files, _ := filepath.Glob("../../index/testdata/questions-*-tune.yaml")
	files = append(files, "../../index/testdata/questions-tune.yaml", "testdata/conversations-tune.yaml", "../../index/testdata/questions-other-languages.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := ReadCases(strings.NewReader(string(data)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		want := strings.HasSuffix(f, "other-languages.yaml")
		for _, c := range cases {
			for _, q := range c.Messages() {
				if got := OtherLanguage(q); got != want {
					t.Errorf("%s: OtherLanguage(%q) = %v", filepath.Base(f), q, got)
				}
			}
		}
	}
}

func TestIsolateLTR(t *testing.T) {
	for _, c := range []struct {
		in     string
		markup bool
		want   string
	}{
		{"الهاتف: 0231 50-0", false, "الهاتف: \u20680231 50-0\u2069"},
		{"اتصل بـ 0231 50-0.", false, "اتصل بـ \u20680231 50-0\u2069."},
		{"العنوان: Königswall 25, 44137 Dortmund", false, "العنوان: \u2068Königswall 25, 44137 Dortmund\u2069"},
		{"<b>مرحبا</b> Sozialamt &amp; Co", true, "<b>مرحبا</b> \u2068Sozialamt &amp; Co\u2069"},
		{"<a href=\"https://x.de\">x.de</a>", true, "<a href=\"https://x.de\">\u2068x.de\u2069</a>"},
		{"سطر\nسطر", false, "سطر\nسطر"},
		{"مفتوح الآن، حتى \u206812:00\u2069 Sozialamt", false, "مفتوح الآن، حتى \u206812:00\u2069 \u2068Sozialamt\u2069"},
	} {
		if got := isolateLTR(c.in, c.markup); got != c.want {
			t.Errorf("isolateLTR(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestAnswerLanguage: the rules of the answer's language, one by one.
func TestAnswerLanguage(t *testing.T) {
	a := &Answerer{}
	for _, c := range []struct {
		name           string
		phone, chosen  string
		before         string // the conversation's language so far
		msgLang        string
		sure           bool
		want, wantKept string
	}{
		{"chosen wins over the message", "de", "tr", "", "ar", true, "tr", ""},
		{"a clear Arabic question", "de", "", "", "ar", true, "ar", "ar"},
		{"one Arabic word beats a German phone", "de", "", "", "ar", false, "ar", "ar"},
		{"a Russian guess on a Ukrainian phone: the phone", "uk", "", "", "ru", false, "uk", ""},
		{"a weak Turkish guess beats a German phone", "de", "", "", "tr", false, "tr", "tr"},
		{"no evidence: the conversation's language", "de", "", "tr", "de", false, "tr", "tr"},
		{"no evidence, no conversation: the phone", "pl", "", "", "de", false, "pl", ""},
		{"no evidence, phone unknown to the bot: English", "vi", "", "", "de", false, "en", ""},
		{"no phone: German", "", "", "", "de", false, "de", ""},
	} {
		st := &State{Lang: c.before}
		if got := a.lang(st, Person{PhoneLang: c.phone, ChosenLang: c.chosen}, c.msgLang, c.sure); got != c.want || st.Lang != c.wantKept {
			t.Errorf("%s: lang %q (kept %q), want %q (kept %q)", c.name, got, st.Lang, c.want, c.wantKept)
		}
	}
}

// FuzzIsolateLTR: isolating never loses or changes a character, only adds
// isolates, and never panics; OtherLanguage never panics.
func FuzzIsolateLTR(f *testing.F) {
	for _, s := range []string{"الهاتف: 0231 50-0", "<b>x</b> &amp; مرحبا", "&", "<", "a&b;c", "ኣብ ዶርትሙንድ"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, markup bool) {
		OtherLanguage(s)
		got := isolateLTR(s, markup)
		if back := strings.NewReplacer(fsi, "", pdi, "").Replace(got); back != strings.NewReplacer(fsi, "", pdi, "").Replace(s) {
			t.Errorf("isolateLTR(%q) = %q changes the text", s, got)
		}
	})
}
