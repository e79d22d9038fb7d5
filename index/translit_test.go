package index

import (
	"slices"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func TestPlacesInOtherScripts(t *testing.T) {
	kb, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(kb)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Где социальная служба в Нордштадт?", []string{"innenstadt-nord"}},
		{"Seniorenbüro у Хёрде", []string{"hoerde"}},
		{"Я живу в Хьорде", []string{"hoerde"}},
		{"Де Seniorenbüro в Гомбрух?", []string{"hombruch"}},
		{"Я живу в Хомбрухе", []string{"hombruch"}},
		{"Живея в Евинг", []string{"eving"}},
		{"Аплербек", []string{"aplerbeck"}},
		{"Шарнхорст", []string{"scharnhorst"}},
		{"Лютгендортмунд", []string{"luetgendortmund"}},
		{"Хуккарде", []string{"huckarde"}},
		{"Менгеде", []string{"mengede"}},
		{"أين مكتب المسنين في هورده؟", []string{"hoerde"}},
		{"أسكن في أبلربك", []string{"aplerbeck"}},
		{"مكتب المسنين بهورده وين؟", []string{"hoerde"}},
		{"ساكن بشارنهورست", []string{"scharnhorst"}},
		{"بدي روح لهومبروخ", []string{"hombruch"}},
		{"من در نوردشتات زندگی می کنم", []string{"innenstadt-nord"}},
		{"Я живу в Дортмунде", nil},
		{"Мне нужна помощь", nil},
		{"أنا لاجئ، من يدفع لي مال المعيشة؟", nil},
	} {
		q := ix.analyzeQuestion(Clean(tc.text))
		if !slices.Equal(q.districts, tc.want) {
			t.Errorf("%q: districts %v, want %v", tc.text, q.districts, tc.want)
		}
	}
}

func TestLatinToCyrillic(t *testing.T) {
	for _, c := range []struct{ text, lang, want string }{
		{"de otrymaty zhytlo", "uk", "де отримати житло"},
		{"pensiya mala, shcho robyty?", "uk", "пенсія мала, що робити?"},
		{"de otrymaty Dortmund-Pass", "uk", "де отримати Dortmund-Pass"},
		{"pomoshch s kvartiroy", "ru", "помощ с квартирой"},
		{"nyamam kyde da spya", "bg", "нямам къде да спя"},
		{"pomosht za naem", "bg", "помощ за наем"},
		{"", "ru", ""},
	} {
		if got := latinToCyrillic(c.text, c.lang); got != c.want {
			t.Errorf("latinToCyrillic(%q, %s) = %q, want %q", c.text, c.lang, got, c.want)
		}
	}
}
