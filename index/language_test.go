package index

import (
	"os"
	"sync"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct {
		text      string
		lang      string
		confident bool
	}{
		{"Wie beantrage ich Grundsicherung?", "de", true},
		{"How do I apply for basic income support?", "en", true},
		{"Grundsicherung", "de", false},
		{"Seniorenbüro Aplerbeck", "de", false},
		{"Nordstadt'ta Grundsicherung nasıl alırım", "tr", true},
		{"Emekli maaşım yetmiyor, ne yapabilirim?", "tr", true},
		{"emekli maasim yetmiyor ne yapabilirim", "tr", false},
		{"Hörde'de Seniorenbüro nerede?", "tr", true},
		{"أنا لاجئ، من يدفع لي مال المعيشة؟", "ar", true},
		{"أين مكتب lokal willkommen في Dortmund؟", "ar", true},
		{"من پناهنده هستم، چطور کمک بگیرم؟", "fa", true},
		{"کمک", "fa", false},
		{"Я втратив житло, де можна переночувати?", "uk", true},
		{"Я потерял жильё, где можно переночевать?", "ru", true},
		{"Где находится Sozialamt в Нордштадт?", "ru", true},
		{"Загубих жилището си, къде мога да спя?", "bg", true},
		{"Къде е Sozialamt?", "bg", true},
		{"Potrzebuję pomocy, gdzie jest Sozialamt?", "pl", true},
		{"Straciłem mieszkanie", "pl", false},
		{"Unde pot cere ajutor social în Dortmund?", "ro", true},
		{"Am nevoie de bani pentru chirie", "ro", false},
		{"Grundsicherung для пенсионеров", "ru", false},
		{"Dortmund-Pass", "de", false},
		{"Merci, tschüss!", "de", false},
		{"Seniorenbüro Huckarde adresa", "ro", false},
		{"przedluzenie legitymacji niepelnosprawnosci", "pl", false},
		{"Добрий день", "uk", false},
		{"Какво прави едно Seniorenbüro?", "bg", false},
		// Short Cyrillic messages without a telling word: the spelling.
		{"пенсия малка", "bg", false},
		{"Elterngeld молба", "bg", false},
		{"допомога Sozialamt", "uk", false},
		{"Sozialamt телефон", "ru", false},
		// Cyrillic languages typed in Latin letters.
		{"pensiya malka", "bg", false},
		{"dopomoga na zhytlo", "uk", false},
		{"posobie na zhilyo", "ru", false},
		{"Gast-Haus kostenloses Frühstück", "de", false},
		{"kak zapisatsya na priyom v sozialamt", "ru", false},
		{"potribna dopomoga z doglyadom", "uk", false},
		// Short Cyrillic messages: colloquial Russian, Ukrainian surzhyk.
		{"че делать если пенсии не хватает", "ru", true},
		{"шо робить якщо пенсії не хватає", "uk", true},
		// Dari is read as Farsi.
		{"مه خانه ندارم، امشو کجا خو کنم؟", "fa", true},
		{"مریض استم و کار کرده نمیتوانم، پیسه ندارم", "fa", true},
		// Farsi typed on an Arabic keyboard (ي ك), Arabic without ة.
		{"ميخواهم كمك بگيرم", "fa", true},
		{"ما عندي مصاري", "ar", true},
		// Farsi and Arabic in Latin letters.
		{"mitoonam wohngeld begiram?", "fa", true},
		{"kif bjeeb wohngeld", "ar", true},
		{"kam yom bta5od el WBS", "ar", false},
		{"Pflegegrad5 beantragen", "de", false},
		// A long word of a language's own beside German names is enough;
		// a word no list holds is read by its spelling.
		{"unde e Sozialamt", "ro", true},
		{"am nevoie de Wohngeld", "ro", false},
		{"Grundsicherung Antrag wo? jestem emerytem", "pl", true},
		{"przedluzenie Dortmund Pass", "pl", false},
		{"Borsigplatz yakininda Seniorenburo", "tr", false},
		// A foreign name's letters do not make a German sentence foreign.
		{"Seniorenbüro Eving, ich suche Frau Şahin", "de", false},
		{"Mein Nachbar Mehmet Yılmaz braucht Hilfe beim Grundsicherung Antrag", "de", false},
		{"lorem ipsum dolor", "de", false},
		{"", "de", false},
		{"😀👍", "de", false},
	} {
		lang, conf := DetectLanguage(tc.text)
		if lang != tc.lang || (tc.confident && !conf) {
			t.Errorf("DetectLanguage(%q) = %s, %v; want %s, %v", tc.text, lang, conf, tc.lang, tc.confident)
		}
	}
}

// TestDetectLanguageUnsure: a short word another language shares ("ne",
// "da") in a German message is no reason to be sure of that language: the
// conversation keeps its language.
func TestDetectLanguageUnsure(t *testing.T) {
	for _, text := range []string{"gibts da ne frist?", "hab ne frage", "wat kost ne currywurst am borsigplatz"} {
		if lang, sure := DetectLanguage(text); sure && lang != "de" {
			t.Errorf("DetectLanguage(%q) = %s, sure", text, lang)
		}
	}
}

// TestDetectLanguageOnQuestionSets checks that the German and English
// questions of the question sets are never taken for another language.
func TestDetectLanguageOnQuestionSets(t *testing.T) {
	for _, file := range []string{"testdata/questions-tune.yaml", "testdata/questions-retired-3.yaml", "testdata/questions-retired.yaml"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := ReadQuestions(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		wrong := 0
		for _, q := range qs {
			if lang, _ := DetectLanguage(q.Q); lang != "de" && lang != "en" {
				wrong++
				t.Logf("%s: %q detected as %s", file, q.Q, lang)
			}
		}
		if wrong > 0 {
			t.Errorf("%s: %d of %d German or English questions taken for another language", file, wrong, len(qs))
		}
	}
}

func BenchmarkDetectLanguage(b *testing.B) {
	msgs := []string{"Wie beantrage ich Grundsicherung?", "пенсия малка", "dopomoga na zhytlo",
		"Seniorenbüro Хьорде", "Nordstadt'ta Grundsicherung nasıl alırım"}
	DetectLanguage(msgs[0]) // the profiles are built once
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		DetectLanguage(msgs[i%len(msgs)])
	}
}

func BenchmarkLanguageProfiles(b *testing.B) {
	for i := 0; i < b.N; i++ {
		profilesOnce = sync.Once{}
		loadProfiles()
	}
}
