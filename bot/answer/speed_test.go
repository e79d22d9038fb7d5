package answer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// BenchmarkBestOf measures what a message costs without the noise of a
// shared machine: every tuning conversation message is answered (and
// searched) seven times, each message keeps its fastest run, and the 50th
// and 99th percentile over the messages are reported, for the whole
// answer step (D) and the search alone (S). Run it with -benchtime 1x.
func BenchmarkBestOf(b *testing.B) {
	msgs := tuneMessages(b)
	ix := realIndex(b)
	a := answer.New(ix, answer.Options{})
	ctx := context.Background()
	search := make([]time.Duration, len(msgs))
	decide := make([]time.Duration, len(msgs))
	for i := range msgs {
		search[i], decide[i] = time.Hour, time.Hour
	}
	b.ResetTimer()
	for range 7 * b.N {
		var st answer.State
		for i, m := range msgs {
			start := time.Now()
			if _, err := ix.Search(ctx, m); err != nil {
				b.Fatal(err)
			}
			search[i] = min(search[i], time.Since(start))
			start = time.Now()
			d, err := a.Decide(ctx, &st, m, answer.Person{PhoneLang: "de"})
			if err != nil {
				b.Fatal(err)
			}
			answer.Render(ix.Base(), d).HTML()
			decide[i] = min(decide[i], time.Since(start))
		}
	}
	b.StopTimer()
	slices.Sort(search)
	slices.Sort(decide)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	n := len(msgs)
	b.ReportMetric(ms(decide[n/2]), "D-p50-ms")
	b.ReportMetric(ms(decide[n*99/100]), "D-p99-ms")
	b.ReportMetric(ms(search[n/2]), "S-p50-ms")
	b.ReportMetric(ms(search[n*99/100]), "S-p99-ms")
}
