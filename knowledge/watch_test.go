package knowledge

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fakeTimer lets a test decide when the quiet period is over.
type fakeTimer struct {
	c      chan time.Time
	resets chan time.Duration
}

func newFakeTimer() *fakeTimer {
	return &fakeTimer{c: make(chan time.Time), resets: make(chan time.Duration, 100)}
}

func (f *fakeTimer) C() <-chan time.Time   { return f.c }
func (f *fakeTimer) Reset(d time.Duration) { f.resets <- d }
func (f *fakeTimer) Stop()                 {}

type debounceRig struct {
	t       *testing.T
	events  chan fsnotify.Event
	errs    chan error
	timer   *fakeTimer
	changes chan struct{}
	done    chan error
	cancel  context.CancelFunc
}

func startDebounce(t *testing.T, dir string) *debounceRig {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &debounceRig{
		t:       t,
		events:  make(chan fsnotify.Event),
		errs:    make(chan error),
		timer:   newFakeTimer(),
		changes: make(chan struct{}, 100),
		done:    make(chan error, 1),
		cancel:  cancel,
	}
	go func() {
		r.done <- debounce(ctx, dir, r.events, r.errs, r.timer, time.Second, func() { r.changes <- struct{}{} }, func(string) {})
	}()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

// event hands one event to the loop; when it returns, every earlier event has
// been fully handled.
func (r *debounceRig) event(name string, op fsnotify.Op) {
	r.events <- fsnotify.Event{Name: name, Op: op}
}

// sync makes sure the loop has finished with everything sent before: the
// loop takes one irrelevant event only after it is done with the last one.
func (r *debounceRig) sync() { r.event("/kb/sync.txt", fsnotify.Write) }

func TestDebounceFiltersEvents(t *testing.T) {
	tests := []struct {
		name  string
		op    fsnotify.Op
		reset bool
	}{
		{"/kb/topics.yaml", fsnotify.Write, true},
		{"/kb/topics.yml", fsnotify.Create, true},
		{"/kb/topics.yaml", fsnotify.Remove, true},
		{"/kb/topics.yaml", fsnotify.Rename, true},
		{"/kb/topics.yaml", fsnotify.Chmod, false},
		{"/kb/topics.yaml", fsnotify.Chmod | fsnotify.Write, true},
		{"/kb/.topics.yaml.swp", fsnotify.Write, false},
		{"/kb/.topics.yaml", fsnotify.Create, false},
		{"/kb/topics.yaml~", fsnotify.Create, false},
		{"/kb/#topics.yaml#", fsnotify.Write, false},
		{"/kb/README.md", fsnotify.Write, false},
		{"/kb/kb.schema.json", fsnotify.Write, false},
		{"/kb/..data", fsnotify.Create, true},
		{"/kb/sub", fsnotify.Create, false},
	}
	r := startDebounce(t, "/kb")
	for _, tt := range tests {
		r.event(tt.name, tt.op)
		r.sync()
		got := len(r.timer.resets) > 0
		for len(r.timer.resets) > 0 {
			<-r.timer.resets
		}
		if got != tt.reset {
			t.Errorf("%s %v: restarts the quiet period = %v, want %v", tt.name, tt.op, got, tt.reset)
		}
	}
	if n := len(r.changes); n != 0 {
		t.Errorf("onChange called %d times before the quiet period ended", n)
	}
}

func TestDebounceCollapsesBursts(t *testing.T) {
	r := startDebounce(t, "/kb")
	// An editor's atomic save: temporary file, rename over the original.
	r.event("/kb/.topics.yaml.tmp", fsnotify.Create)
	r.event("/kb/.topics.yaml.tmp", fsnotify.Write)
	r.event("/kb/.topics.yaml.tmp", fsnotify.Rename)
	r.event("/kb/topics.yaml", fsnotify.Create)
	r.event("/kb/offices.yaml", fsnotify.Write)
	r.sync()
	if n := len(r.timer.resets); n != 2 {
		t.Fatalf("quiet period restarted %d times, want 2", n)
	}
	if d := <-r.timer.resets; d != time.Second {
		t.Errorf("quiet period %v, want the configured 1s", d)
	}
	r.timer.c <- time.Now() // the folder stayed quiet
	r.sync()
	if n := len(r.changes); n != 1 {
		t.Errorf("onChange called %d times for one burst, want 1", n)
	}

	// A watcher error (lost events) means: reload everything.
	r.errs <- fsnotify.ErrEventOverflow
	r.sync()
	r.timer.c <- time.Now()
	r.sync()
	if n := len(r.changes); n != 2 {
		t.Errorf("onChange called %d times in all after a watcher error, want 2", n)
	}
}

func TestDebounceFolderGone(t *testing.T) {
	for _, op := range []fsnotify.Op{fsnotify.Remove, fsnotify.Rename} {
		r := startDebounce(t, "/kb/")
		r.event("/kb", op)
		if err := <-r.done; !errors.Is(err, ErrFolderGone) {
			t.Errorf("%v of the folder: got %v, want ErrFolderGone", op, err)
		}
		r.done <- nil // for the cleanup
	}
}

func TestDebounceStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	events := make(chan fsnotify.Event)
	go func() {
		done <- debounce(ctx, "/kb", events, nil, newFakeTimer(), time.Second, func() {}, func(string) {})
	}()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("after cancel: got %v, want nil", err)
	}
	go func() {
		done <- debounce(context.Background(), "/kb", events, nil, newFakeTimer(), time.Second, func() {}, func(string) {})
	}()
	close(events)
	if err := <-done; err != nil {
		t.Errorf("after the watcher closed: got %v, want nil", err)
	}
}

// The tests below use the real file system watcher. They wait for the
// reload with a generous timeout, never for a fixed time.

const eventTimeout = 10 * time.Second

type watchRig struct {
	t       *testing.T
	dir     string
	changes chan struct{}
	done    chan error
}

func startWatch(t *testing.T) *watchRig {
	t.Helper()
	dir := t.TempDir()
	w, err := watchFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &watchRig{t: t, dir: dir, changes: make(chan struct{}, 100), done: make(chan error, 1)}
	go func() {
		defer w.Close()
		r.done <- debounce(ctx, dir, w.Events, w.Errors, newClockTimer(), 20*time.Millisecond, func() { r.changes <- struct{}{} }, watchSub(w))
	}()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

func (r *watchRig) path(name string) string { return filepath.Join(r.dir, name) }

func (r *watchRig) write(name, text string) {
	r.t.Helper()
	if err := os.WriteFile(r.path(name), []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *watchRig) wantChange(what string) {
	r.t.Helper()
	select {
	case <-r.changes:
	case err := <-r.done:
		r.t.Fatalf("%s: watch ended: %v", what, err)
	case <-time.After(eventTimeout):
		r.t.Fatalf("%s: no reload within %v", what, eventTimeout)
	}
	for len(r.changes) > 0 { // a slow machine may split a burst; that is fine
		<-r.changes
	}
}

func TestWatchEditorSaves(t *testing.T) {
	r := startWatch(t)

	r.write("topics.yaml", "topics: []\n")
	r.wantChange("new file")

	r.write("topics.yaml", "topics: []\n# edited\n")
	r.wantChange("edit in place")

	r.write(".topics.yaml.tmp", "topics: []\n# saved atomically\n")
	if err := os.Rename(r.path(".topics.yaml.tmp"), r.path("topics.yaml")); err != nil {
		t.Fatal(err)
	}
	r.wantChange("atomic save (rename over the file)")

	// vim: move the original to a backup, write a new file, remove the backup.
	if err := os.Rename(r.path("topics.yaml"), r.path("topics.yaml~")); err != nil {
		t.Fatal(err)
	}
	r.write("topics.yaml", "topics: []\n# saved by vim\n")
	if err := os.Remove(r.path("topics.yaml~")); err != nil {
		t.Fatal(err)
	}
	r.wantChange("backup-and-write save")

	r.write("topics.yaml", "topics: []\n# still watched after the renames\n")
	r.wantChange("edit after the renames")

	if err := os.Remove(r.path("topics.yaml")); err != nil {
		t.Fatal(err)
	}
	r.wantChange("file removed")
}

// TestWatchTranslations: the translation folder is read by Load, so a saved
// translation is live like any other file, also when the folder is new.
func TestWatchTranslations(t *testing.T) {
	r := startWatch(t)
	if err := os.Mkdir(r.path(TranslationDir), 0o755); err != nil {
		t.Fatal(err)
	}
	r.wantChange("translation folder made")
	r.write(filepath.Join(TranslationDir, "tr.yaml"), "texts: []\n")
	r.wantChange("translation saved")
	r.write(filepath.Join(TranslationDir, "tr.yaml"), "texts: []\n# edited\n")
	r.wantChange("translation edited")
}

func TestWatchFolderRemoved(t *testing.T) {
	r := startWatch(t)
	if err := os.RemoveAll(r.dir); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-r.done:
		if !errors.Is(err, ErrFolderGone) {
			t.Errorf("got %v, want ErrFolderGone", err)
		}
		r.done <- nil // for the cleanup
	case <-time.After(eventTimeout):
		t.Fatalf("watch did not end within %v after its folder was removed", eventTimeout)
	}
}

func TestWatchMissingFolder(t *testing.T) {
	err := Watch(context.Background(), filepath.Join(t.TempDir(), "missing"), time.Millisecond, func() {})
	if err == nil {
		t.Fatal("watching a missing folder: got nil error")
	}
}
