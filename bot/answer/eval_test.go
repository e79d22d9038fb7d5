package answer_test

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

var (
	realOnce sync.Once
	realIx   *index.Index
	realErr  error
)

// realIndex is the index of the built-in knowledge base, built once.
func realIndex(t testing.TB) *index.Index {
	t.Helper()
	realOnce.Do(func() {
		kb, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
		if err != nil {
			realErr = err
			return
		}
		realIx, realErr = index.Build(kb)
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realIx
}

// readCaseFile reads the cases of one question or conversation file.
func readCaseFile(tb testing.TB, file string) []answer.Case {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cases, err := answer.ReadCases(f)
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return cases
}

func evaluate(t *testing.T, file string) answer.Report {
	t.Helper()
	r, err := answer.Evaluate(context.Background(), answer.New(realIndex(t), answer.Options{}), readCaseFile(t, file))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTune prints the report of a tuning file (TUNE=path, default the
// tuning set) with its misses, for calibration: go test -run Tune -v.
func TestTune(t *testing.T) {
	file := os.Getenv("TUNE")
	if file == "" {
		file = filepath.Join("testdata", "conversations-tune.yaml")
	}
	if _, err := os.Stat(file); err != nil {
		t.Skip(err)
	}
	r := evaluate(t, file)
	if testing.Verbose() {
		r.Write(os.Stdout, true)
	}
}

// floors are the lowest figures a conversation set may reach before go test
// fails: the figures reached, less a little, so that a change that makes the
// bot worse fails. The targets are in docs/benchmarks.md.
type floors struct {
	top1, aspect, has, followups, stories, lang, crisis float64
	falseAlarms, confidentlyWrong                       float64 // ceilings
	// medianChars is the ceiling of the first message's median length;
	// zero means the target, 600 (p95: 1,000).
	medianChars int
}

// gate evaluates a conversation set against its floors. Misses are never
// printed: for the held-out set that would be tuning on it.
func gate(t *testing.T, file string, f floors) {
	t.Helper()
	r := evaluate(t, file)
	for _, g := range []struct {
		name  string
		s     answer.Score
		floor float64
	}{
		{"top-1", r.Top1, f.top1},
		{"aspect right", r.Aspect, f.aspect},
		{"fact in first message", r.Has, f.has},
		{"follow-ups", r.Followups, f.followups},
		{"stories", r.Stories, f.stories},
		{"language", r.Lang, f.lang},
		{"crisis recall", r.CrisisRecall, f.crisis},
	} {
		if g.s.Rate() < g.floor {
			t.Errorf("%s: %s %s, below %.0f %%", file, g.name, g.s, 100*g.floor)
		}
	}
	if alarms := r.FalseAlarms.Rate(); alarms > f.falseAlarms {
		t.Errorf("%s: crisis false alarms %s, above %.0f %%", file, r.FalseAlarms, 100*f.falseAlarms)
	}
	if wrong := r.Confident.Rate(); wrong > f.confidentlyWrong {
		t.Errorf("%s: confidently wrong %s, above %.0f %%", file, r.Confident, 100*f.confidentlyWrong)
	}
	median := cmp.Or(f.medianChars, 600)
	if p50, p95 := r.Percentile(50), r.Percentile(95); p50 > median || p95 > 1000 {
		t.Errorf("%s: first message median %d, p95 %d characters; want ≤ %d and ≤ 1,000", file, p50, p95, median)
	}
}

// TestHeldOut gates on the seventh held-out set of conversations, never
// tuned on: written fresh on 2026-12-02 at 15:20 by three writers who saw
// neither the code nor the other sets, measured only as totals. At first
// sight (the code of 15:20, the crisis model having learnt the sixth set):
// top-1 86.5 %, aspect 89.4 %, fact 87.2 %, follow-ups 74.8 %, stories
// 77.5 %, language 97.4 %, crisis 100 %, false alarms 0.5 % (2 of 407),
// confidently wrong 11.0 %, median 583 characters. After the round of
// 15:40–17:05: 86.7, 89.4, 87.2, 78.4, 76.2, 100, 100 %, 0.5 %, 10.5 %,
// median 580. The floors are the figures reached, less about one item;
// raise them, never lower them.
func TestHeldOut(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-heldout.yaml"), floors{
		top1: 0.86, aspect: 0.88, has: 0.86, followups: 0.77, stories: 0.76, lang: 0.99, crisis: 0.97,
		falseAlarms: 0.008, confidentlyWrong: 0.108,
	})
}

// TestRetired6 keeps the sixth held-out set (written fresh on 2026-12-02 at
// 12:30, measured only as totals until it was retired at 15:20 the same day,
// once its misses were read) from sliding back. First sight: top-1 79.6 %,
// aspect 85.9 %, fact 89.4 %, follow-ups 66.2 %, stories 78.8 %, language
// 94.2 %, crisis 82.5 %, false alarms 1.4 %, confidently wrong 16.4 %. When
// retired: 81.8, 86.9, 90.1, 68.2, 84.7, 94.2, 82.5 %, 1.2 % (5 of 427),
// 14.5 %, median 591 characters. Tuned on in the round of 15:40–17:05:
// 85.0, 90.6, 94.7, 78.4, 87.1, 100, 100 %, no false alarm, 10.4 %.
func TestRetired6(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-retired-6.yaml"), floors{
		top1: 0.84, aspect: 0.90, has: 0.94, followups: 0.77, stories: 0.85, lang: 0.99, crisis: 0.97,
		falseAlarms: 0.003, confidentlyWrong: 0.107,
	})
}

// TestRetired5 keeps the fifth held-out set (written fresh on 2026-12-02 at
// 09:55, measured only as totals until it was retired at 12:30 the same day,
// once its misses were read; the crisis model learns from it since) from
// sliding back. When retired: top-1 88.3 %, aspect 87.4 %, fact 89.5 %,
// follow-ups 88.1 %, stories 81.2 %, language 98.3 %, crisis 90.0 %, no
// false alarm, confidently wrong 6.6 %, median 582 characters (first sight:
// 86.7, 84.5, 85.5, 83.5, 78.8, 98.3, 90.0, 0.5, 6.7 %). Tuned on in the
// round of 12:40–14:30: 93.8, 95.4, 96.5, 95.4, 92.5, 98.3, 100 %, no false
// alarm, 2.7 %.
func TestRetired5(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-retired-5.yaml"), floors{
		top1: 0.93, aspect: 0.94, has: 0.95, followups: 0.94, stories: 0.91, lang: 0.97, crisis: 0.97,
		falseAlarms: 0.005, confidentlyWrong: 0.035,
	})
}

// TestRetired4 keeps the fourth held-out set (written fresh on 2026-12-02 at
// 07:25, measured only as totals until it was retired at 09:55 the same day,
// once the crisis model had learnt from it) from sliding back. When retired:
// top-1 88.5 %, aspect 83.5 %, fact 79.3 %, follow-ups 72.0 %, stories
// 85.5 %, language 99.2 %, crisis 97.5 %, false alarms 0 %, confidently
// wrong 6.2 %, median 599 characters (first sight: 87.9, 76.9, 78.2, 67.0,
// 84.2, 100, 80.0, 1.0, 7.3 %).
func TestRetired4(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-retired-4.yaml"), floors{
		top1: 0.875, aspect: 0.82, has: 0.78, followups: 0.71, stories: 0.84, lang: 0.99, crisis: 0.95,
		falseAlarms: 0.01, confidentlyWrong: 0.07,
	})
}

// TestRetired3 keeps the third held-out set (written fresh on 2026-12-02 at
// 02:30, measured only as totals until it was retired at 07:30 the same day)
// from sliding back. When retired: top-1 87.2 %, aspect 87.6 %, fact 83.4 %,
// follow-ups 69.0 %, stories 80.3 %, language 100 %, crisis 95.0 %, false
// alarms 0 %, confidently wrong 7.4 % (first sight: 81.2, 80.2, 77.6, 63.0,
// 71.2, 100, 90.0, 0.3, 8.8 %).
func TestRetired3(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-retired-3.yaml"), floors{
		top1: 0.86, aspect: 0.87, has: 0.82, followups: 0.67, stories: 0.80, lang: 0.99, crisis: 0.92,
		falseAlarms: 0.01, confidentlyWrong: 0.075,
	})
}

// TestRetired2 keeps the held-out set of 2026-12-01 (retired on 2026-12-02,
// once its misses had been looked at, tuned on since) from sliding back:
// top-1 92.9 %, aspect 92.5 %, fact 91.9 %, follow-ups 90.4 %, stories 92 %,
// crisis 100 % (when it was retired: 83.7, 84.5, 86.1, 77.7, 78.0, 82.5 %).
func TestRetired2(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-retired-2.yaml"), floors{
		top1: 0.91, aspect: 0.9, has: 0.9, followups: 0.88, stories: 0.88, lang: 0.97, crisis: 0.95,
		falseAlarms: 0.01, confidentlyWrong: 0.04,
	})
}

// TestRetired keeps the retired held-out set (looked at, tuned on since) from
// sliding back: the figures it reaches, less a little.
func TestRetired(t *testing.T) {
	gate(t, filepath.Join("testdata", "conversations-retired.yaml"), floors{
		top1: 0.88, aspect: 0.82, has: 0.80, followups: 0.88, stories: 0.85, lang: 0.95, crisis: 0.95,
		falseAlarms: 0.01, confidentlyWrong: 0.07,
	})
}

// tuneMessages are all messages of the tuning conversations, in order.
func tuneMessages(b *testing.B) []string {
	b.Helper()
	var msgs []string
	for _, c := range readCaseFile(b, filepath.Join("testdata", "conversations-tune.yaml")) {
		msgs = append(msgs, c.Messages()...)
	}
	return msgs
}

// BenchmarkDecide measures the whole answer step (signals, crisis check,
// search, decision, rendering) on the tuning conversations' messages and
// reports the 50th and 99th percentile of one message.
func BenchmarkDecide(b *testing.B) {
	msgs := tuneMessages(b)
	ix := realIndex(b)
	a := answer.New(ix, answer.Options{})
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	var st answer.State
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msg := msgs[i%len(msgs)]
		if i%len(msgs) == 0 {
			st = answer.State{}
		}
		start := time.Now()
		d, err := a.Decide(ctx, &st, msg, answer.Person{PhoneLang: "de"})
		if err != nil {
			b.Fatal(err)
		}
		answer.Render(ix.Base(), d).HTML()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkSearchOnly is the search alone on the same messages, to tell the
// index's share of BenchmarkDecide.
func BenchmarkSearchOnly(b *testing.B) {
	msgs := tuneMessages(b)
	ix := realIndex(b)
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := ix.Search(ctx, msgs[i%len(msgs)]); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// FuzzDecide feeds messages of any shape through the whole answer step
// (crisis and distress check, language, search, decision, rendering) in one
// conversation: nothing may panic, and every reply is valid UTF-8 (Telegram
// refuses anything else).
func FuzzDecide(f *testing.F) {
	for _, s := range []string{"Ich bin 70 und meine Rente reicht nicht", "und wo ist das?", "ich bin eine Frau",
		"\xff\xfe", "ich halte das nicht mehr aus", "Sozialticket цена", "مساعدة", "🙂🙂🙂", strings.Repeat("Pflegeheim ", 400)} {
		f.Add(s)
	}
	ix := realIndex(f)
	a := answer.New(ix, answer.Options{})
	var st answer.State
	f.Fuzz(func(t *testing.T, msg string) {
		d, err := a.Decide(context.Background(), &st, msg, answer.Person{PhoneLang: "tr"})
		if err != nil {
			t.Fatalf("Decide(%q): %v", msg, err)
		}
		for _, text := range []string{answer.Render(ix.Base(), d).HTML(), answer.Render(ix.Base(), d).Plain()} {
			if !utf8.ValidString(text) {
				t.Errorf("Decide(%q): reply is not valid UTF-8: %q", msg, text)
			}
		}
	})
}

// TestCalibrateMargin prints, for a range of ask-back margins, how the
// tuning and retired sets fare (never the held-out ones): top-1, answered
// with a wrong topic, asked back in scope. CALIBRATE=1 go test -run
// CalibrateMargin -v; the trade-off is in docs/benchmarks.md.
func TestCalibrateMargin(t *testing.T) {
	if os.Getenv("CALIBRATE") == "" {
		t.Skip("CALIBRATE=1 to run")
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "index", "testdata", "questions-*-tune.yaml"))
	retired, _ := filepath.Glob(filepath.Join("..", "..", "index", "testdata", "questions-*-retired.yaml"))
	files = append(append(files, retired...), filepath.Join("..", "..", "index", "testdata", "questions-tune.yaml"),
		filepath.Join("..", "..", "index", "testdata", "questions-retired.yaml"),
		filepath.Join("testdata", "conversations-tune.yaml"), filepath.Join("testdata", "conversations-retired.yaml"),
		filepath.Join("testdata", "aspects-tune.yaml"))
	var cases []answer.Case
	for _, file := range files {
		if strings.Contains(file, "heldout") {
			continue
		}
		cases = append(cases, readCaseFile(t, file)...)
	}
	// How the gap between the first two hits and the first hit's score
	// separate the right answers from the wrong ones (default margin).
	a := answer.New(realIndex(t), answer.Options{})
	gapEdges, scoreEdges := []float64{0.1, 0.2, 0.5, 1, 2}, []float64{0.5, 1, 2, 4, 8}
	gaps, scores := map[bool][]int{true: make([]int, 6), false: make([]int, 6)}, map[bool][]int{true: make([]int, 6), false: make([]int, 6)}
	// Rules that would ask back: the gap within [minGap, gap) and the
	// first hit's score below score.
	rules := []struct{ minGap, gap, score float64 }{{0.08, 0.5, 2}, {0.08, 0.5, 3}, {0.08, 1, 2}, {0.08, 0.3, 100}, {0.08, 0.2, 3}}
	caught := make([]map[bool]int, len(rules))
	for i := range caught {
		caught[i] = map[bool]int{}
	}
	for _, c := range cases {
		var st answer.State
		var d answer.Decision
		for _, msg := range c.Messages() {
			d, _ = a.Decide(context.Background(), &st, msg, answer.Person{PhoneLang: "de"})
		}
		id, _, ok := d.Answered()
		if !ok || c.Kind == "ask" || len(d.Result.Hits) == 0 {
			continue
		}
		right := slices.Contains(c.Expect, id) || d.Topic != nil && slices.Contains(c.Expect, d.Topic.ID)
		hits := d.Result.Hits
		gap := hits[0].Score
		for _, h := range hits[1:] {
			if h.ID != hits[0].ID {
				gap = hits[0].Score - h.Score
				break
			}
		}
		bucket := func(v float64, edges []float64) int {
			for i, e := range edges {
				if v < e {
					return i
				}
			}
			return len(edges)
		}
		for i, r := range rules {
			if gap >= r.minGap && gap < r.gap && hits[0].Score < r.score {
				caught[i][right]++
			}
		}
		gaps[right][bucket(gap, gapEdges)]++
		scores[right][bucket(hits[0].Score, scoreEdges)]++
	}
	t.Logf("gap to the next hit, edges %v: right %v, wrong %v", gapEdges, gaps[true], gaps[false])
	t.Logf("score of the first hit, edges %v: right %v, wrong %v", scoreEdges, scores[true], scores[false])
	for i, r := range rules {
		t.Logf("ask back when %.2f <= gap < %.2f and score < %.1f: would ask on %d right, %d wrong", r.minGap, r.gap, r.score, caught[i][true], caught[i][false])
	}
	for _, m := range margins() {
		r, err := answer.Evaluate(context.Background(), answer.New(realIndex(t), answer.Options{Margin: m}), cases)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("margin %.2f: top-1 %v, confidently wrong %v, asked back in scope %v, ambiguous right %v", m, r.Top1, r.Confident, r.AskedInScope, r.ByTag["ambiguous"])
	}
}

// margins are the ask-back margins TestCalibrateMargin compares; MARGINS=
// limits them to the default.
func margins() []float64 {
	if os.Getenv("MARGINS") == "default" {
		return []float64{answer.DefaultMargin}
	}
	return []float64{0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.20, 0.25, 0.30}
}
