package index

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Benchmarks of the figures in docs/benchmarks.md:
//
//	go test ./index/ -run '^$' -bench . -benchtime 2000x
//
// Search reports p50 and p99 latency over the tuning questions; Build
// reports the time and the heap an index of each size holds.

var sizes = []struct {
	name   string
	topics int // synthetic topics added to the real knowledge base; 0 for the real one
}{{"real", 0}, {"500-topics", 500}, {"5000-topics", 5000}}

func BenchmarkSearch(b *testing.B) {
	questions := benchQuestions(b)
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			ix := benchIndex(b, size.topics)
			defer ix.Close()
			benchSearch(b, ix, questions)
		})
	}
}

// BenchmarkLanguages measures what the eight translated languages cost: the
// same knowledge base without and with every text translated ("+langs"),
// searched with the German and all translated tuning questions, so that
// the ratios come from one run.
func BenchmarkLanguages(b *testing.B) {
	questions := benchQuestions(b)
	for _, l := range Languages[2:] {
		questions = append(questions, questionsOf(b, "testdata/questions-"+l+"-tune.yaml")...)
	}
	for _, size := range []int{0, 5000} {
		for _, langs := range []bool{false, true} {
			name := fmt.Sprintf("%d-topics", size)
			if size == 0 {
				name = "real"
			}
			if langs {
				name += "+langs"
			}
			kb := benchBaseLangs(b, size, langs)
			b.Run("build/"+name, func(b *testing.B) { benchBuild(b, kb) })
			b.Run("search/"+name, func(b *testing.B) {
				ix, err := Build(kb)
				if err != nil {
					b.Fatal(err)
				}
				defer ix.Close()
				benchSearch(b, ix, questions)
			})
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			benchBuild(b, benchBase(b, size.topics))
		})
	}
}

func benchBuild(b *testing.B, kb *knowledge.Base) {
	var heap uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		ix, err := Build(kb)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = max(heap, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
		ix.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

func benchSearch(b *testing.B, ix *Index, questions []string) {
	ctx := context.Background()
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := ix.Search(ctx, questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
}

func benchQuestions(b *testing.B) []string { return questionsOf(b, "testdata/questions-tune.yaml") }

func questionsOf(b *testing.B, file string) []string {
	f, err := os.Open(file)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Q
	}
	return out
}

func benchIndex(b *testing.B, topics int) *Index {
	ix, err := Build(benchBase(b, topics))
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// benchBase returns the built-in knowledge base plus n synthetic topics made
// of its own words, so term statistics stay realistic.
func benchBase(tb testing.TB, n int) *knowledge.Base { return benchBaseLangs(tb, n, false) }

// benchBaseLangs is benchBase, with langs every text of the real topics and
// offices, and the title and summary of the synthetic topics, translated
// into the eight languages, each with search words: synthetic translations
// made of the words of testdata/i18n, carrying the German text's facts.
func benchBaseLangs(tb testing.TB, n int, langs bool) *knowledge.Base {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(knowledge.Builtin(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(knowledge.Builtin(), path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	// Files of 500 topics each, as staff would split them (and under the
	// loader's size limit per file).
	for start := 0; start < n; start += 500 {
		data, err := syntheticTopics(start, min(n, start+500))
		if err != nil {
			tb.Fatal(err)
		}
		fsys[fmt.Sprintf("synthetic-%d.yaml", start)] = &fstest.MapFile{Data: data}
	}
	if langs {
		kb, err := knowledge.Load(fsys, knowledge.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		for _, lang := range Languages[2:] {
			files, err := syntheticTranslations(kb, lang)
			if err != nil {
				tb.Fatal(err)
			}
			// The synthetic files translate every text, also those the real
			// files of the language translate (the crisis lines'); the other
			// offices' words stay.
			for path := range fsys {
				if strings.HasPrefix(path, knowledge.TranslationDir+"/"+lang) && !strings.HasSuffix(path, "-andere-stellen.yaml") {
					delete(fsys, path)
				}
			}
			for name, data := range files {
				fsys[knowledge.TranslationDir+"/"+name] = &fstest.MapFile{Data: data}
			}
		}
	}
	kb, err := knowledge.Load(fsys, knowledge.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return kb
}

// syntheticTranslations returns translation files by name: <lang>.yaml and,
// as staff would split a large language, one file per 1,000 texts more.
func syntheticTranslations(kb *knowledge.Base, lang string) (map[string][]byte, error) {
	data, err := os.ReadFile("testdata/i18n/" + lang + ".yaml")
	if err != nil {
		return nil, err
	}
	var fixture knowledge.TranslationFile
	if err := yaml.Unmarshal(data, &fixture); err != nil {
		return nil, err
	}
	var pool []string
	for _, t := range fixture.Texts {
		pool = append(pool, strings.Fields(t.Text)...)
	}
	rng := rand.New(rand.NewPCG(2, uint64(len(lang))))
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = pool[rng.IntN(len(pool))]
		}
		return strings.Join(out, " ")
	}
	files := map[string][]byte{}
	var f knowledge.TranslationFile
	flush := func(name string) error {
		data, err := yaml.Marshal(f)
		files[name] = data
		f = knowledge.TranslationFile{}
		return err
	}
	for _, r := range kb.TranslatableTexts() {
		synthetic := strings.HasPrefix(r.Of, "topic/synthetic-")
		if synthetic && !strings.HasSuffix(r.Of, "/title") && !strings.HasSuffix(r.Of, "/summary") {
			continue // keeps each file under the loader's size limit
		}
		text := words(len(strings.Fields(r.Text.DE)))
		for _, fact := range knowledge.ExtractFacts(r.Text.DE) {
			text += " ; " + fact.Text
		}
		f.Texts = append(f.Texts, knowledge.Translation{Of: r.Of, From: knowledge.Fingerprint(r.Text.DE), Text: text})
		if len(f.Texts) == 1000 {
			if err := flush(fmt.Sprintf("%s-%d.yaml", lang, len(files))); err != nil {
				return nil, err
			}
		}
	}
	for _, t := range kb.Topics {
		sw := knowledge.SearchWords{Of: "topic/" + t.ID, Keywords: strings.Fields(words(8))}
		for range 4 {
			sw.Phrasings = append(sw.Phrasings, words(5))
		}
		f.Search = append(f.Search, sw)
	}
	return files, flush(lang + ".yaml")
}

func syntheticTopics(from, to int) ([]byte, error) {
	real, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
	if err != nil {
		return nil, err
	}
	// Words of euro amounts are left out: a random "473,00 €" without a
	// year in its sentence is refused by the loader.
	var de, en []string
	plain := func(text string) []string {
		return slices.DeleteFunc(strings.Fields(text), func(w string) bool {
			return strings.Contains(strings.ToLower(w), "eur") || strings.Contains(w, "€")
		})
	}
	for _, t := range real.Topics {
		for _, s := range append(t.Sections(), knowledge.Section{Text: t.Summary}) {
			de = append(de, plain(s.Text.DE)...)
			en = append(en, plain(s.Text.EN)...)
		}
	}
	rng := rand.New(rand.NewPCG(1, uint64(from)))
	words := func(pool []string, k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = pool[rng.IntN(len(pool))]
		}
		return strings.Join(out, " ")
	}
	text := func(k int) knowledge.Text { return knowledge.Text{DE: words(de, k), EN: words(en, k)} }
	reviewed := knowledge.Date{Time: time.Now().AddDate(0, -1, 0).Truncate(24 * time.Hour)}
	var f struct {
		Topics []knowledge.Topic `yaml:"topics"`
	}
	for i := from; i < to; i++ {
		t := knowledge.Topic{
			ID:       fmt.Sprintf("synthetic-%d", i),
			Category: real.Topics[i%len(real.Topics)].Category,
			Title:    text(3), Summary: text(25),
			Who: text(30), What: text(50), How: text(40), Bring: text(30),
			Keywords: strings.Fields(words(de, 15)),
			Sources:  []knowledge.Citation{{URL: fmt.Sprintf("https://example.org/synthetic/%d", i)}},
			Reviewed: reviewed,
		}
		for range 8 {
			t.Phrasings.DE = append(t.Phrasings.DE, words(de, 5))
			t.Phrasings.EN = append(t.Phrasings.EN, words(en, 5))
		}
		f.Topics = append(f.Topics, t)
	}
	return yaml.Marshal(f)
}
