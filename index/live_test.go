package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// fakeEngine notices a search on a closed index and a Close during a search.
type fakeEngine struct {
	number   int
	base     *knowledge.Base
	inFlight atomic.Int64
	closed   atomic.Bool
	closes   atomic.Int64
	failures *atomic.Int64
}

func newFakeEngine(number int, failures *atomic.Int64) *fakeEngine {
	id := fmt.Sprintf("gen-%d", number)
	return &fakeEngine{number: number, failures: failures, base: &knowledge.Base{Topics: []knowledge.Topic{{ID: id}}}}
}

func (f *fakeEngine) Search(ctx context.Context, q string) (Result, error) {
	f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	if f.closed.Load() {
		f.failures.Add(1)
		return Result{}, errors.New("search on a closed index")
	}
	runtime.Gosched() // widen the window for a Close during the search
	if f.closed.Load() {
		f.failures.Add(1)
		return Result{}, errors.New("index closed during the search")
	}
	return Result{Question: q, Answered: true, Hits: []Hit{{ID: f.base.Topics[0].ID}}}, nil
}

func (f *fakeEngine) Base() *knowledge.Base { return f.base }

func (f *fakeEngine) Close() error {
	if f.inFlight.Load() != 0 {
		f.failures.Add(1)
	}
	f.closed.Store(true)
	f.closes.Add(1)
	return nil
}

func TestLiveSwapsUnderConcurrentSearches(t *testing.T) {
	var failures atomic.Int64
	var mu sync.Mutex
	engines := []*fakeEngine{newFakeEngine(1, &failures)}
	l := newLive(engines[0], func(*knowledge.Base) (engine, error) {
		mu.Lock()
		defer mu.Unlock()
		e := newFakeEngine(len(engines)+1, &failures)
		engines = append(engines, e)
		return e, nil
	}, time.Now)

	stop := make(chan struct{})
	var searches, mismatches atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, kb, err := l.SearchWithBase(context.Background(), "frage")
				searches.Add(1)
				if err != nil {
					failures.Add(1)
					continue
				}
				if kb.Topics[0].ID != res.Hits[0].ID {
					mismatches.Add(1)
				}
			}
		}()
	}
	const swaps = 300
	for i := 0; i < swaps; i++ {
		if err := l.Replace(&knowledge.Base{}); err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			runtime.Gosched()
		}
	}
	close(stop)
	wg.Wait()

	if n := failures.Load(); n != 0 {
		t.Errorf("%d searches failed or ran on a closed index", n)
	}
	if n := mismatches.Load(); n != 0 {
		t.Errorf("%d results came with the knowledge base of another index", n)
	}
	if searches.Load() == 0 {
		t.Fatal("no search ran")
	}
	for i, e := range engines {
		want := int64(1)
		if i == len(engines)-1 {
			want = 0 // still current
		}
		if got := e.closes.Load(); got != want {
			t.Errorf("index %d closed %d times, want %d", e.number, got, want)
		}
	}
	if st := l.Status(); st.Generation != swaps+1 || st.Reloads != swaps || st.Failures != 0 {
		t.Errorf("status after %d swaps: %+v", swaps, st)
	}
	t.Logf("%d searches during %d swaps", searches.Load(), swaps)

	l.Close()
	if got := engines[len(engines)-1].closes.Load(); got != 1 {
		t.Errorf("Close closed the current index %d times, want 1", got)
	}
	if _, err := l.Search(context.Background(), "frage"); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close: got %v, want ErrClosed", err)
	}
	if err := l.Replace(&knowledge.Base{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Replace after Close: got %v, want ErrClosed", err)
	}
	if l.Ready() || l.Base() != nil {
		t.Errorf("after Close: Ready %v, Base %v", l.Ready(), l.Base())
	}
	l.Close() // again: nothing happens
}

func TestLiveKeepsServingWhenBuildFails(t *testing.T) {
	var failures atomic.Int64
	first := newFakeEngine(1, &failures)
	l := newLive(first, func(*knowledge.Base) (engine, error) { return nil, errors.New("out of memory") }, time.Now)
	defer l.Close()
	if err := l.Replace(&knowledge.Base{}); err == nil || !strings.Contains(err.Error(), "out of memory") {
		t.Errorf("Replace: got %v", err)
	}
	if l.Base() != first.base || first.closes.Load() != 0 {
		t.Errorf("the first index is no longer served")
	}
	if st := l.Status(); st.Failures != 1 || st.LastError == nil || st.Generation != 1 {
		t.Errorf("status: %+v", st)
	}
}

// Knowledge files for the reload test. {{WOHNGELD}} is the title of the
// topic the test edits.
const liveTopics = `categories:
  - id: geld
    title: {de: Geld zum Leben, en: Money to live on}
topics:
  - id: grundsicherung
    category: geld
    title: {de: Grundsicherung im Alter, en: Basic income in old age}
    summary: {de: Geld für ältere Menschen mit kleiner Rente., en: Money for older people with a small pension.}
    offices: [sozialamt]
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-11-01
  - id: wohngeld
    category: geld
    title: {de: "{{WOHNGELD}}", en: Housing benefit}
    summary: {de: Zuschuss zur Miete., en: A grant towards the rent.}
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-11-01
`

const liveOffices = `offices:
  - id: sozialamt
    name: {de: Sozialamt Dortmund, en: Social welfare office}
    address: {street: Luisenstraße 11-13, postcode: "44137", city: Dortmund}
    phone: ["0231 50-0"]
    hours: [{days: [Mo, Di], time: "08:30-12:00"}]
    geo: {lat: 51.5149, lon: 7.4597}
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-11-01
`

const liveExtra = `topics:
  - id: hundesteuer
    category: geld
    title: {de: Hundesteuer, en: Dog tax}
    summary: {de: Steuer für Hunde; das Steueramt ist zuständig., en: Tax on dogs.}
    referral: true
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-11-01
`

func TestLiveReloadsEditedFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	topics := func(title string) string { return strings.Replace(liveTopics, "{{WOHNGELD}}", title, 1) }
	write("topics.yaml", topics("Wohngeld"))
	write("offices.yaml", liveOffices)
	opts := knowledge.Options{Now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	src := knowledge.NewSource(dir)
	l, err := openLive(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	load := func(ctx context.Context) (*knowledge.Base, error) { return src.Load(ctx, opts) }

	// Citizens keep asking while staff edit.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := make(chan struct{})
	var searches atomic.Int64
	var failMu sync.Mutex
	var fails []string
	fail := func(format string, args ...any) {
		failMu.Lock()
		defer failMu.Unlock()
		if len(fails) < 10 {
			fails = append(fails, fmt.Sprintf(format, args...))
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			question, want := "Grundsicherung im Alter", "grundsicherung"
			if i%2 == 1 {
				question, want = "Wohngeld", "wohngeld"
			}
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, kb, err := l.SearchWithBase(context.Background(), question)
				searches.Add(1)
				switch {
				case err != nil:
					fail("%q: %v", question, err)
				case !res.Answered || len(res.Hits) == 0 || res.Hits[0].ID != want:
					fail("%q: got %+v, want an answer with %s", question, res, want)
				case kb.Topic(want) == nil || kb.Topic(want).Title.In(res.Lang) != res.Hits[0].Title:
					fail("%q: hit title %q does not match the knowledge base", question, res.Hits[0].Title)
				}
			}
		}(i)
	}

	reloads := make(chan error, 100)
	watchDone := make(chan error, 1)
	go func() {
		watchDone <- knowledge.Watch(ctx, dir, 20*time.Millisecond, func() { reloads <- l.Reload(ctx, load) })
	}()
	// The watch must be in place before the first edit; a reload of the
	// unchanged folder shows it is.
	waitFor := func(what string, ok func(err error) bool) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case err := <-reloads:
				if ok(err) {
					return
				}
			case err := <-watchDone:
				t.Fatalf("%s: watch ended: %v", what, err)
			case <-deadline:
				t.Fatalf("%s: not seen within 10s; status %+v", what, l.Status())
			}
		}
	}
	title := func() string { return l.Base().Topic("wohngeld").Title.DE }
	for i := 0; ; i++ { // touch until the watcher reports, so no edit is lost
		write("offices.yaml", liveOffices+strings.Repeat("\n", i%2))
		select {
		case err := <-reloads:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(200 * time.Millisecond):
			continue
		}
		break
	}

	write("topics.yaml", topics("Wohngeld Version 2"))
	waitFor("edit in place", func(err error) bool { return err == nil && title() == "Wohngeld Version 2" })

	write(".topics.yaml.tmp", topics("Wohngeld Version 3"))
	if err := os.Rename(filepath.Join(dir, ".topics.yaml.tmp"), filepath.Join(dir, "topics.yaml")); err != nil {
		t.Fatal(err)
	}
	waitFor("atomic save", func(err error) bool { return err == nil && title() == "Wohngeld Version 3" })

	write("topics.yaml", topics("Wohngeld Version 4")+"  - id: Kaputt\n    reviewed: 24.11.2026\n")
	var problems knowledge.Problems
	waitFor("broken file", func(err error) bool { return errors.As(err, &problems) })
	if title() != "Wohngeld Version 3" {
		t.Errorf("after a broken save the bot serves %q, want the last good Version 3", title())
	}
	if !strings.Contains(problems.Error(), "topics.yaml:") || l.Status().LastError == nil {
		t.Errorf("problems: %v; status %+v", problems, l.Status())
	}

	write("topics.yaml", topics("Wohngeld Version 5"))
	waitFor("repair", func(err error) bool { return err == nil && title() == "Wohngeld Version 5" })

	write("extra.yaml", liveExtra)
	waitFor("new file", func(err error) bool { return err == nil && l.Base().Topic("hundesteuer") != nil })
	if err := os.Remove(filepath.Join(dir, "extra.yaml")); err != nil {
		t.Fatal(err)
	}
	waitFor("removed file", func(err error) bool { return err == nil && l.Base().Topic("hundesteuer") == nil })

	close(stop)
	wg.Wait()
	cancel()
	if err := <-watchDone; err != nil {
		t.Errorf("watch: %v", err)
	}
	for _, f := range fails {
		t.Error(f)
	}
	st := l.Status()
	t.Logf("%d searches, %d reloads (%d failed), generation %d", searches.Load(), st.Reloads, st.Failures, st.Generation)
	if searches.Load() == 0 || st.Generation < 6 || st.Failures < 1 {
		t.Errorf("searches %d, status %+v", searches.Load(), st)
	}
}

func TestLiveReloadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("topics: [\n")
	var problems knowledge.Problems
	src := knowledge.NewSource(dir)
	if _, err := openLive(src, knowledge.Options{}); !errors.As(err, &problems) {
		t.Errorf("opening a broken folder: got %v, want knowledge.Problems", err)
	}

	opts := knowledge.Options{Now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	write(strings.Replace(liveTopics, "{{WOHNGELD}}", "Wohngeld", 1) + liveOffices)
	l, err := openLive(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	missing := knowledge.NewSource(filepath.Join(dir, "missing"))
	err = l.Reload(context.Background(), func(ctx context.Context) (*knowledge.Base, error) { return missing.Load(ctx, opts) })
	if err == nil || errors.As(err, &problems) || !strings.Contains(err.Error(), "missing") {
		t.Errorf("reload of a missing folder: got %v", err)
	}
	if l.Base().Topic("wohngeld") == nil {
		t.Error("after a failed reload the knowledge base is gone")
	}
	if st := l.Status(); st.LastError == nil || st.Failures != 1 || st.Generation != 1 {
		t.Errorf("status after a failed reload: %+v", st)
	}
	l.Close()
	called := false
	err = l.Reload(context.Background(), func(context.Context) (*knowledge.Base, error) { called = true; return nil, nil })
	if !errors.Is(err, ErrClosed) || called {
		t.Errorf("reload after Close: got %v, load called %v", err, called)
	}
}

// openLive loads a knowledge source and serves its index.
func openLive(src *knowledge.Source, opts knowledge.Options) (*Live, error) {
	kb, err := src.Load(context.Background(), opts)
	if err != nil {
		return nil, err
	}
	ix, err := Build(kb)
	if err != nil {
		return nil, err
	}
	return NewLive(ix), nil
}
