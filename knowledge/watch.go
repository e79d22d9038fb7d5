package knowledge

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// ErrFolderGone is returned by Watch when the knowledge folder itself was
// removed or renamed: the watch is lost, and live reload has stopped.
var ErrFolderGone = errors.New("knowledge folder was removed or renamed; live reload stopped")

// DefaultQuiet is how long a knowledge folder must stay unchanged before
// Watch reports a change: long enough to collapse an editor's save (write a
// temporary file, rename it over the old one) into one reload, short enough
// that an edit is live within a second.
const DefaultQuiet = 400 * time.Millisecond

// Watch calls onChange each time the knowledge files in dir were created,
// written, renamed or removed and the folder then stayed quiet for the quiet
// period. A burst of events, such as the several an editor makes for one save,
// leads to a single call. onChange runs on Watch's goroutine, one call at a
// time; events during a call lead to one more call after it.
//
// Watch watches the folder, not the files, because many editors save by
// writing a new file and renaming it over the old one, which would end a watch
// on the file. It ignores files that are not knowledge files (see
// IsKnowledgeFile) and changes of permissions only. When the watcher reports
// an error, such as lost events after an overflow, Watch cannot know what
// changed and calls onChange to reload everything. Of the sub-folders only
// the translations (TranslationDir) are watched, as Load reads no others;
// a translation folder made after the start is watched from then on.
//
// Watch blocks until ctx is done and then returns nil; it notices ctx only
// between calls of onChange, so onChange must return soon after ctx ends. It returns an error
// when the folder cannot be watched, and ErrFolderGone when the folder itself
// is removed or renamed. onChange is not called for the state at the start.
func Watch(ctx context.Context, dir string, quiet time.Duration, onChange func()) error {
	w, err := watchFolder(dir)
	if err != nil {
		return err
	}
	defer w.Close()
	return debounce(ctx, dir, w.Events, w.Errors, newClockTimer(), quiet, onChange, watchSub(w))
}

// watchSub returns how a sub-folder made later is added to w.
func watchSub(w *fsnotify.Watcher) func(string) {
	return func(path string) { _ = w.Add(path) } // a folder gone again has nothing to watch
}

// watchFolder starts watching dir. When it returns, every later change in
// the folder is reported on the watcher's channels.
func watchFolder(dir string) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if st, err := os.Stat(filepath.Join(dir, TranslationDir)); err == nil && st.IsDir() {
		if err := w.Add(filepath.Join(dir, TranslationDir)); err != nil {
			w.Close()
			return nil, fmt.Errorf("watch %s: %w", filepath.Join(dir, TranslationDir), err)
		}
	}
	return w, nil
}

// timer is the one directory-wide debounce timer; tests pass a fake.
type timer interface {
	C() <-chan time.Time
	// Reset (re)starts the timer; a tick still pending is dropped.
	Reset(d time.Duration)
	Stop()
}

type clockTimer struct{ t *time.Timer }

func newClockTimer() *clockTimer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &clockTimer{t}
}

func (c *clockTimer) C() <-chan time.Time { return c.t.C }

// Reset relies on the timer semantics of Go 1.23 and newer: after Reset no
// tick from before it is delivered.
func (c *clockTimer) Reset(d time.Duration) { c.t.Reset(d) }
func (c *clockTimer) Stop()                 { c.t.Stop() }

// debounce is Watch's loop: every relevant event or watcher error restarts
// the timer, and when it fires, onChange is called. A translation folder
// that appears is handed to watch.
func debounce(ctx context.Context, dir string, events <-chan fsnotify.Event, errs <-chan error, t timer, quiet time.Duration, onChange func(), watch func(string)) error {
	defer t.Stop()
	dir = filepath.Clean(dir)
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if filepath.Clean(ev.Name) == dir && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				return fmt.Errorf("watch %s: %w", dir, ErrFolderGone)
			}
			if ev.Has(fsnotify.Create) && filepath.Clean(ev.Name) == filepath.Join(dir, TranslationDir) {
				watch(ev.Name)
				t.Reset(quiet)
			}
			if relevant(ev) {
				t.Reset(quiet)
			}
		case _, ok := <-errs:
			if !ok {
				return nil
			}
			t.Reset(quiet)
		case <-t.C():
			onChange()
		}
	}
}

// relevant reports whether an event may have changed the knowledge base.
func relevant(ev fsnotify.Event) bool {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return false // only Chmod: indexers, backup and antivirus tools touch files all the time
	}
	name := filepath.Base(ev.Name)
	// A Kubernetes ConfigMap mount swaps all files at once by renaming its
	// hidden "..data" link; the files themselves report nothing.
	return IsKnowledgeFile(name) || name == "..data"
}
