package ops

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// topicsKB is a knowledge file with the topics ids, in one category.
func topicsKB(ids ...string) string {
	var b strings.Builder
	b.WriteString("categories:\n  - id: geld\n    title: {de: Geld, en: Money}\n")
	if len(ids) > 0 {
		b.WriteString("topics:\n")
	}
	for _, id := range ids {
		fmt.Fprintf(&b, `  - id: %s
    category: geld
    title: {de: "Thema %s", en: "Topic %s"}
    summary: {de: Eine Antwort., en: An answer.}
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-11-01
`, id, id, id)
	}
	return b.String()
}

func topicIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("thema-%02d", i+1)
	}
	return ids
}

// reloadRig is a Knowledge on a folder with one file, kb.yaml.
type reloadRig struct {
	t    *testing.T
	dir  string
	k    *Knowledge
	m    *Metrics
	logs *logSink
}

func newReloadRig(t *testing.T, text string) *reloadRig {
	t.Helper()
	r := &reloadRig{t: t, dir: t.TempDir(), m: NewMetrics(), logs: &logSink{lines: make(chan string, 100)}}
	r.write(text)
	src := knowledge.NewSource(r.dir)
	r.k = &Knowledge{Live: openLive(t, src), Source: src, Keep: []string{"thema-01"}, Metrics: r.m,
		Logger: slog.New(slog.NewTextHandler(r.logs, nil))}
	return r
}

func (r *reloadRig) write(text string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, "kb.yaml"), []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *reloadRig) topics() int { return len(r.k.Live.Base().Topics) }

// TestReloadHoldBack: a reload that removes more than MaxDrop of the topics,
// or a topic of Keep, is held back until the same files are loaded again;
// a reload within the limit, or a different version, goes through.
func TestReloadHoldBack(t *testing.T) {
	ids := topicIDs(10)
	tests := []struct {
		name    string
		next    []string // topics of the new version
		maxDrop float64
		held    bool
	}{
		{"no change", ids, 0, false},
		{"new topics", topicIDs(12), 0, false},
		{"2 of 10 removed (20 %)", ids[:8], 0, false},
		{"3 of 10 removed (30 %)", ids[:7], 0, true},
		{"3 of 10 removed, 50 % allowed", ids[:7], 0.5, false},
		{"all removed", nil, 0, true},
		{"all but the kept one removed, 100 % allowed", ids[:1], 1, false},
		{"a topic of Keep removed", ids[1:], 0, true},
		{"a topic of Keep removed, 100 % allowed", ids[1:], 1, true},
		{"every topic renamed", topicIDs(20)[10:], 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newReloadRig(t, topicsKB(ids...))
			r.k.MaxDrop = tc.maxDrop
			r.write(topicsKB(tc.next...))
			err := r.k.Reload(context.Background())
			var held *HeldBack
			if got := errors.As(err, &held); got != tc.held {
				t.Fatalf("held back %v (err %v), want %v", got, err, tc.held)
			}
			if !tc.held {
				if err != nil || r.topics() != len(tc.next) {
					t.Fatalf("err %v, %d topics served, want %d", err, r.topics(), len(tc.next))
				}
				return
			}
			if r.topics() != 10 || r.k.Held() == nil {
				t.Fatalf("held back, yet %d topics served (want the old 10), held %v", r.topics(), r.k.Held())
			}
			st := r.k.Status()
			for _, want := range []string{"HELD BACK since ", "would remove", "send /reload or save the folder again unchanged", "Last reload: ", "held back (see above)"} {
				if !strings.Contains(st, want) {
					t.Errorf("status lacks %q:\n%s", want, st)
				}
			}
			if !strings.Contains(r.logs.String(), "HELD BACK") {
				t.Errorf("no warning logged:\n%s", r.logs)
			}
			if text := scrape(t, AdminHandler(r.m, r.k.Ready)); !strings.Contains(text, `sozialbot_reloads_total{result="held"} 1`) {
				t.Errorf("held reload not counted")
			}

			// Staff confirm: the same files once more.
			if err := r.k.Reload(context.Background()); err != nil {
				t.Fatalf("confirming reload: %v", err)
			}
			if r.topics() != len(tc.next) || r.k.Held() != nil {
				t.Errorf("after confirming: %d topics, held %v", r.topics(), r.k.Held())
			}
			if strings.Contains(r.k.Status(), "HELD BACK") {
				t.Errorf("status after confirming:\n%s", r.k.Status())
			}
		})
	}
}

// TestReloadHoldBackNeedsTheSameFiles: a held-back version is confirmed
// only by the same files; a broken save in between does not clear it, and
// a different acceptable version replaces it.
func TestReloadHoldBackNeedsTheSameFiles(t *testing.T) {
	ids := topicIDs(10)
	r := newReloadRig(t, topicsKB(ids...))
	ctx := context.Background()
	var held *HeldBack

	r.write(topicsKB(ids[:5]...))
	if err := r.k.Reload(ctx); !errors.As(err, &held) || len(held.Removed) != 5 || held.Served != 10 {
		t.Fatalf("half removed: got %v", err)
	}
	r.write(topicsKB(ids[:4]...)) // another version that removes too much
	if err := r.k.Reload(ctx); !errors.As(err, &held) || len(held.Removed) != 6 {
		t.Fatalf("a different shrunk version: got %v, want held back anew", err)
	}
	r.write("")
	var problems knowledge.Problems
	if err := r.k.Reload(ctx); !errors.As(err, &problems) || !strings.Contains(err.Error(), "kb.yaml:1:1: file is empty") {
		t.Fatalf("empty file: got %v, want a problem", err)
	}
	if r.topics() != 10 || r.k.Held() == nil {
		t.Fatalf("after an empty save: %d topics, held %v", r.topics(), r.k.Held())
	}
	r.write(topicsKB(ids[:4]...)) // saved again as held back: confirmed
	if err := r.k.Reload(ctx); err != nil || r.topics() != 4 {
		t.Fatalf("confirmation after a broken save: err %v, %d topics", err, r.topics())
	}

	r.write(topicsKB(ids[:3]...)) // 1 of 4 is 25 %: held
	if err := r.k.Reload(ctx); !errors.As(err, &held) {
		t.Fatalf("got %v, want held back", err)
	}
	r.write(topicsKB(ids...)) // staff restore the folder instead
	if err := r.k.Reload(ctx); err != nil || r.topics() != 10 || r.k.Held() != nil {
		t.Fatalf("restored folder: err %v, %d topics, held %v", err, r.topics(), r.k.Held())
	}
}

// TestReadyNeedsTopics: /readyz is not ready while no topic is in service,
// whether the bot started so or a confirmed reload removed them all.
func TestReadyNeedsTopics(t *testing.T) {
	readyz := func(k *Knowledge) int {
		rec := httptest.NewRecorder()
		AdminHandler(nil, k.Ready).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec.Code
	}
	empty := newReloadRig(t, topicsKB())
	if empty.k.Ready() || readyz(empty.k) != http.StatusServiceUnavailable {
		t.Errorf("ready with no topics: %v, /readyz %d", empty.k.Ready(), readyz(empty.k))
	}
	if st := empty.k.Status(); !strings.Contains(st, "NOT READY: no topics") {
		t.Errorf("status:\n%s", st)
	}

	r := newReloadRig(t, topicsKB(topicIDs(3)...))
	if !r.k.Ready() || readyz(r.k) != http.StatusOK {
		t.Fatalf("not ready with topics")
	}
	r.write(topicsKB())
	var held *HeldBack
	if err := r.k.Reload(context.Background()); !errors.As(err, &held) {
		t.Fatalf("removing every topic: got %v, want held back", err)
	}
	if !r.k.Ready() {
		t.Error("a held-back reload made the bot unready")
	}
	if err := r.k.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r.k.Ready() || readyz(r.k) != http.StatusServiceUnavailable {
		t.Error("ready after the confirmed removal of every topic")
	}
}

// TestWatchStopsWhileReloadHangs: shutdown does not wait for a reload that
// waits for the folder. Here a reload is stuck in its load (as on a network
// drive that stopped answering); the watcher's own reload, queued behind it,
// and the watcher end as soon as their context does.
func TestWatchStopsWhileReloadHangs(t *testing.T) {
	r := newReloadRig(t, topicsKB(topicIDs(3)...))
	stuck, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	go r.k.Live.Reload(context.Background(), func(context.Context) (*knowledge.Base, error) {
		close(stuck)
		<-release
		return nil, errors.New("released")
	})
	<-stuck

	// A /reload from a chat waits behind it only until its context ends.
	short, cancelShort := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelShort()
	if err := r.k.Reload(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("reload queued behind a hung one: got %v, want context.DeadlineExceeded", err)
	}

	// The watcher, whose reload after the change queues behind it too,
	// ends with its context.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.k.Watch(ctx, time.Millisecond) }()
	r.write(topicsKB(topicIDs(4)...))
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Watch did not return while a reload hung")
	}
	if r.topics() != 3 {
		t.Errorf("%d topics served, want the first 3", r.topics())
	}
}
