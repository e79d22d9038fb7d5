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
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			kb := benchBase(b, size.topics)
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
		})
	}
}

func benchQuestions(b *testing.B) []string {
	f, err := os.Open("testdata/questions-tune.yaml")
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
func benchBase(tb testing.TB, n int) *knowledge.Base {
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
	kb, err := knowledge.Load(fsys, knowledge.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return kb
}

func syntheticTopics(from, to int) ([]byte, error) {
	real, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
	if err != nil {
		return nil, err
	}
	var de, en []string
	for _, t := range real.Topics {
		for _, s := range append(t.Sections(), knowledge.Section{Text: t.Summary}) {
			de = append(de, strings.Fields(s.Text.DE)...)
			en = append(en, strings.Fields(s.Text.EN)...)
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
