package index

import (
	"context"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// fixtureBase is the built-in knowledge base with the translation files of
// testdata/i18n: four topics translated into all eight languages.
func fixtureBase(t testing.TB) *knowledge.Base {
	t.Helper()
	fsys := builtinFiles(t)
	entries, err := os.ReadDir("testdata/i18n")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(path.Join("testdata/i18n", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[path.Join(knowledge.TranslationDir, e.Name())] = &fstest.MapFile{Data: data}
	}
	kb, err := knowledge.Load(fsys, knowledge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

// builtinFiles are the files of the built-in knowledge base, to change in a test.
func builtinFiles(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(knowledge.Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(knowledge.Builtin(), p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestActiveLanguages(t *testing.T) {
	// A translation file with nothing filled in adds no language.
	fsys := builtinFiles(t)
	for name := range fsys {
		if strings.HasPrefix(name, knowledge.TranslationDir+"/") {
			delete(fsys, name)
		}
	}
	fsys[path.Join(knowledge.TranslationDir, "tr.yaml")] = &fstest.MapFile{Data: []byte("texts: []\n")}
	kb, err := knowledge.Load(fsys, knowledge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := activeLanguages(kb); !slices.Equal(got, []int{langDE, langEN}) {
		t.Errorf("an empty translation file: active languages %v, want German and English only", got)
	}
	if got := activeLanguages(fixtureBase(t)); len(got) != nLangs {
		t.Errorf("fixture: active languages %v, want all ten", got)
	}
}

// TestForeignQuestions asks the fixture's topics in each language, the way
// people write: with German official terms, places in their script, no
// diacritics; and questions for other offices, which must be declined.
func TestForeignQuestions(t *testing.T) {
	ix, err := Build(fixtureBase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		q, lang, want string // want "" means declined
		districts     []string
	}{
		{"Emekli maaşım yetmiyor, ne yapabilirim?", "tr", "grundsicherung", nil},
		{"Nordstadt'ta Grundsicherung nasıl alırım", "tr", "grundsicherung", []string{"innenstadt-nord"}},
		{"Evimi kaybettim, bu gece nerede kalabilirim?", "tr", "wohnungslosenhilfe", nil},
		{"Hörde'de yaşlılar için danışma var mı?", "tr", "seniorenbuero-hoerde", []string{"hoerde"}},
		{"Pasaportumu nasıl yenilerim?", "tr", "", nil},
		{"أنا لاجئ، من يدفع لي مال المعيشة؟", "ar", "asylbewerberleistungen", nil},
		{"معاشي التقاعدي لا يكفي للعيش", "ar", "grundsicherung", nil},
		{"أين مكتب كبار السن في هورده؟", "ar", "seniorenbuero-hoerde", []string{"hoerde"}},
		{"كيف أجدد جواز سفري؟", "ar", "", nil},
		{"Я втратив житло, де можна переночувати?", "uk", "wohnungslosenhilfe", nil},
		{"Моєї пенсії не вистачає, чи можу я отримати Grundsicherung?", "uk", "grundsicherung", nil},
		{"Як поміняти водійське посвідчення?", "uk", "", nil},
		{"Я потерял жильё, где можно переночевать?", "ru", "wohnungslosenhilfe", nil},
		{"Где Seniorenbüro в Хёрде?", "ru", "seniorenbuero-hoerde", []string{"hoerde"}},
		{"Как получить водительские права?", "ru", "", nil},
		{"Moja emerytura nie wystarcza na życie", "pl", "grundsicherung", nil},
		{"Straciłem mieszkanie, gdzie mogę przenocować?", "pl", "wohnungslosenhilfe", nil},
		{"Jak odnowić paszport?", "pl", "", nil},
		{"Pensia mea nu ajunge pentru trai", "ro", "grundsicherung", nil},
		{"Sunt refugiat, cine îmi plătește banii de trai?", "ro", "asylbewerberleistungen", nil},
		{"Cum îmi reînnoiesc pașaportul?", "ro", "", nil},
		{"Пенсията ми не стига за живот", "bg", "grundsicherung", nil},
		{"Загубих жилището си, къде мога да пренощувам?", "bg", "wohnungslosenhilfe", nil},
		{"Как да подновя паспорта си?", "bg", "", nil},
		{"من پناهنده هستم، چه کسی به من پول زندگی می\u200cدهد؟", "fa", "asylbewerberleistungen", nil},
		{"خانه\u200cام را از دست دادم، کجا بخوابم؟", "fa", "wohnungslosenhilfe", nil},
		{"چطور پاسپورتم را تمدید کنم؟", "fa", "", nil},
		// German questions are answered as before.
		{"Grundsicherung beantragen", "de", "grundsicherung", nil},
		{"Personalausweis verlängern", "de", "", nil},
	} {
		res, err := ix.Search(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if res.Answered {
			got = res.Hits[0].ID
		}
		if got != tc.want || res.Lang != tc.lang || !slices.Equal(res.Districts, tc.districts) {
			t.Errorf("%q: got %q (%s, %v, lang %s, districts %v), want %q (lang %s, districts %v)", tc.q, got, res.Reason, res.Hits, res.Lang, res.Districts, tc.want, tc.lang, tc.districts)
		}
	}
}

// TestTranslatedTitles: hits carry the title in the question's language.
func TestTranslatedTitles(t *testing.T) {
	ix, err := Build(fixtureBase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), "Я потерял жильё, где можно переночевать?")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Title != "Помощь людям без жилья и бездомным (Wohnungslosenhilfe)" {
		t.Errorf("hits %v", res.Hits)
	}
}

// TestElsewhereTranslated: a translation file's words for other offices'
// services are read in its language, in their longer forms too, and a
// question naming one is declined with the words reported.
func TestElsewhereTranslated(t *testing.T) {
	with := builtinFiles(t)
	without := builtinFiles(t)
	for name := range without {
		if strings.HasSuffix(name, "-andere-stellen.yaml") {
			delete(without, name)
		}
	}
	tests := []struct{ q, word string }{
		{"yeni pasaportumun randevusu nereden alınır", "pasaportumun"},
		{"сколько платить налог на собаку в год", "налог"},
		{"kiedy przyjeżdża wywóz śmieci", "śmieci"},
	}
	for _, files := range []fstest.MapFS{with, without} {
		kb, err := knowledge.Load(files, knowledge.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := Build(kb)
		if err != nil {
			t.Fatal(err)
		}
		listed := len(files) == len(with)
		for _, tt := range tests {
			res, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(res.Elsewhere, tt.word); got != listed {
				t.Errorf("%q (lists %v): Elsewhere %q, want %q named: %v", tt.q, listed, res.Elsewhere, tt.word, listed)
			}
			if listed && res.Answered {
				t.Errorf("%q: answered with %s, want declined", tt.q, res.Hits[0].ID)
			}
		}
	}
}

func TestFormOf(t *testing.T) {
	tests := []struct {
		lang          int
		listed, asked string
		want          bool
	}{
		{langDE, "hundesteu", "hundesteu", true},
		{langDE, "pass", "passport", false}, // German and English: exact terms only
		{langIndex("tr"), "pasaport", "pasaportunu", true},
		{langIndex("tr"), "pasaport", "pasaportlarımızın", false}, // more than three letters added
		{langIndex("ro"), "viza", "vizat", false},                 // too short to carry endings
	}
	for _, tt := range tests {
		if got := formOf(tt.lang, tt.listed, tt.asked); got != tt.want {
			t.Errorf("formOf(%s, %q, %q) = %v, want %v", Languages[tt.lang], tt.listed, tt.asked, got, tt.want)
		}
	}
}
