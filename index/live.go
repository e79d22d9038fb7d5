package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// ErrClosed is returned by a Live after Close.
var ErrClosed = errors.New("index: closed")

// Live serves searches from the current index and swaps in a new one when
// the knowledge base is reloaded. A search runs on the index that was current
// when it began, to its end: an old index is closed only after the last
// search on it has finished, and a new one is served only once it is fully
// built. Searches never wait for a reload, nor a reload for searches.
//
// Live is safe for concurrent use: any number of searches, one reload at a
// time (further reloads wait for it, or for their context to end).
type Live struct {
	cur atomic.Pointer[generation]
	// build makes a searchable index; Build, except in tests.
	build func(*knowledge.Base) (engine, error)
	now   func() time.Time

	// reload holds a token while Reload, Replace or Close runs; a channel,
	// not a mutex, so that a Reload waiting behind a slow one can give up
	// when its context ends.
	reload chan struct{}

	mu     sync.Mutex // guards status
	status LiveStatus
}

// engine is what Live serves; *Index is one.
type engine interface {
	Search(ctx context.Context, question string) (Result, error)
	Base() *knowledge.Base
	Close() error
}

// generation is one index with a count of who uses it: Live itself while it
// is current, and each search running on it.
type generation struct {
	engine
	number int
	refs   atomic.Int64
	// retired receives the error of closing the engine, once no one uses it.
	retired func(error)
}

// acquire counts one more user, unless the generation is already retired.
func (g *generation) acquire() bool {
	for {
		n := g.refs.Load()
		if n <= 0 {
			return false
		}
		if g.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// release counts one user less; the last one closes the engine.
func (g *generation) release() {
	if g.refs.Add(-1) == 0 {
		err := g.engine.Close()
		if g.retired != nil {
			g.retired(err)
		}
	}
}

// LiveStatus tells what a Live serves and how the last reload went.
type LiveStatus struct {
	// Generation counts the knowledge bases served: 1 for the first, one
	// more for each successful reload.
	Generation int
	// Loaded is when the current knowledge base was loaded.
	Loaded time.Time
	// Topics, Offices and Warnings count the current knowledge base.
	Topics, Offices, Warnings int
	// LastAttempt is when a reload was last tried; zero if never.
	LastAttempt time.Time
	// LastError is why the last reload failed; nil if it succeeded (or none
	// was tried). It is a knowledge.Problems when the files were invalid, or
	// what else the load function of Reload returned.
	LastError error
	// Reloads and Failures count reload attempts since start.
	Reloads, Failures int
	// CloseError is the last error closing a retired index, if any.
	CloseError error
}

// NewLive returns a Live that serves first until a reload swaps in another.
// The Live owns first from now on and closes it when it is no longer used.
func NewLive(first *Index) *Live {
	return newLive(first, func(kb *knowledge.Base) (engine, error) {
		ix, err := Build(kb)
		if err != nil {
			return nil, err
		}
		return ix, nil
	}, time.Now)
}

func newLive(first engine, build func(*knowledge.Base) (engine, error), now func() time.Time) *Live {
	l := &Live{build: build, now: now, reload: make(chan struct{}, 1)}
	g := l.generation(first, 1)
	l.cur.Store(g)
	l.status.Generation = 1
	l.status.Loaded = now()
	l.count(first.Base())
	return l
}

func (l *Live) generation(e engine, number int) *generation {
	g := &generation{engine: e, number: number, retired: l.retired}
	g.refs.Store(1) // Live's own reference, dropped when it is replaced
	return g
}

func (l *Live) retired(err error) {
	if err != nil {
		l.mu.Lock()
		l.status.CloseError = err
		l.mu.Unlock()
	}
}

// count records the size of the current knowledge base; l.mu or exclusive
// access must be held.
func (l *Live) count(kb *knowledge.Base) {
	if kb == nil {
		return
	}
	l.status.Topics, l.status.Offices, l.status.Warnings = len(kb.Topics), len(kb.Offices), len(kb.Warnings)
}

// acquire returns the current generation, counted as used; the caller must
// release it.
func (l *Live) acquire() (*generation, error) {
	for {
		g := l.cur.Load()
		if g == nil {
			return nil, ErrClosed
		}
		if g.acquire() {
			return g, nil
		}
		// g was retired between Load and acquire; its successor is current.
	}
}

// Search answers a question from the current index. It returns ErrClosed
// after Close, and otherwise what the index returns.
func (l *Live) Search(ctx context.Context, question string) (Result, error) {
	res, _, err := l.SearchWithBase(ctx, question)
	return res, err
}

// SearchWithBase is Search that also returns the knowledge base the result
// comes from, so that the ids in the result are always found in it, even
// when a reload happens in between.
func (l *Live) SearchWithBase(ctx context.Context, question string) (Result, *knowledge.Base, error) {
	g, err := l.acquire()
	if err != nil {
		return Result{}, nil, err
	}
	defer g.release()
	res, err := g.Search(ctx, question)
	return res, g.Base(), err
}

// Base returns the current knowledge base, or nil after Close. A loaded
// knowledge base never changes; a reload replaces it as a whole.
func (l *Live) Base() *knowledge.Base {
	g, err := l.acquire()
	if err != nil {
		return nil
	}
	defer g.release()
	return g.Base()
}

// Ready reports whether a knowledge base is served (for /readyz).
func (l *Live) Ready() bool { return l.cur.Load() != nil }

// Status returns what is served and how the last reload went.
func (l *Live) Status() LiveStatus {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.status
}

// Reload gets a knowledge base from load, builds its index and swaps it in.
// load reads the files (the caller decides from where; see knowledge.Source)
// and may refuse a base by returning an error. When anything fails, the
// current knowledge base stays in service and Reload returns load's error
// or why the index could not be built. Reloads run one at a time: a reload
// waits for the one before it, or returns ctx's error when ctx ends first,
// so load should honour ctx too. Reload returns ErrClosed after Close.
func (l *Live) Reload(ctx context.Context, load func(context.Context) (*knowledge.Base, error)) error {
	select {
	case l.reload <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer l.unlock()
	if l.cur.Load() == nil {
		return ErrClosed
	}
	kb, err := load(ctx)
	if err != nil {
		return l.attempted(err)
	}
	return l.attempted(l.replaceLocked(kb))
}

// Replace builds the index of a loaded knowledge base and swaps it in. On
// error the current knowledge base stays in service.
func (l *Live) Replace(kb *knowledge.Base) error {
	l.reload <- struct{}{}
	defer l.unlock()
	return l.attempted(l.replaceLocked(kb))
}

func (l *Live) replaceLocked(kb *knowledge.Base) error {
	if l.cur.Load() == nil {
		return ErrClosed
	}
	e, err := l.build(kb)
	if err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	old := l.cur.Load()
	next := l.generation(e, old.number+1)
	l.cur.Store(next) // from here on, new searches use next
	old.release()     // closes old once its last search is done
	l.mu.Lock()
	l.status.Generation = next.number
	l.status.Loaded = l.now()
	l.count(kb)
	l.mu.Unlock()
	return nil
}

func (l *Live) unlock() { <-l.reload }

// attempted records the outcome of a reload and returns err.
func (l *Live) attempted(err error) error {
	if errors.Is(err, ErrClosed) {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.status.LastAttempt = l.now()
	l.status.LastError = err
	l.status.Reloads++
	if err != nil {
		l.status.Failures++
	}
	return err
}

// Close stops serving: later searches return ErrClosed, and the index is
// closed once the searches still running have finished. Close returns nil;
// calling it again does nothing.
func (l *Live) Close() error {
	l.reload <- struct{}{}
	defer l.unlock()
	if g := l.cur.Swap(nil); g != nil {
		g.release()
	}
	return nil
}
