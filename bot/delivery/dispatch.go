package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// outcome is how an accepted update ended.
type outcome int

const (
	handledOutcome   outcome = iota + 1 // the handler returned (or panicked and was recovered)
	limitedOutcome                      // dropped by the flood limit or a full chat queue
	abandonedOutcome                    // not started by the shutdown deadline, or cut off by it
)

// stopGrace is how long shutdown waits for handlers after cancelling
// their contexts at the deadline.
const stopGrace = time.Second

type job struct {
	u       *models.Update
	notice  bool         // call OnLimited instead of the handler
	tracked bool         // report the end to onDone
	result  chan outcome // optional, capacity 1
}

type chatQueue struct {
	jobs    []job
	running bool
}

// dispatcher runs handlers: a fixed pool of workers takes chats round-robin
// from a ready list and runs one update of a chat at a time, so a chat's
// updates stay in order and chats proceed in parallel. Accepted updates
// hold one of QueueSize slots until they finish, so memory is bounded.
type dispatcher struct {
	cfg    Config
	h      Handler
	log    *slog.Logger
	flood  *floodLimiter
	onDone func(id int64, handled bool)
	// recorded waits until the end reported to onDone is saved; a worker
	// calls it after each answered update before it takes the next one.
	recorded func()

	slots chan struct{}

	hardCtx    context.Context // cancelled at the shutdown deadline
	hardCancel context.CancelFunc

	mu       sync.Mutex
	cond     *sync.Cond
	chats    map[int64]*chatQueue // chats with a job waiting or running
	ready    []int64              // chats with a job waiting and none running, FIFO
	busy     int                  // workers running a job
	stopping bool                 // no more submits; workers drain the queues
	abandon  bool                 // past the shutdown deadline: workers start nothing more
	wg       sync.WaitGroup
}

func newDispatcher(cfg Config, h Handler, onDone func(id int64, handled bool), recorded func()) *dispatcher {
	d := &dispatcher{
		cfg:      cfg,
		h:        h,
		log:      cfg.Logger,
		flood:    newFloodLimiter(cfg.PerUserPerMinute, cfg.now),
		onDone:   onDone,
		recorded: recorded,
		slots:    make(chan struct{}, cfg.QueueSize),
		chats:    map[int64]*chatQueue{},
	}
	d.cond = sync.NewCond(&d.mu)
	d.hardCtx, d.hardCancel = context.WithCancel(context.Background())
	d.wg.Add(cfg.Workers)
	for range cfg.Workers {
		go d.worker()
	}
	return d
}

// submit accepts u for handling. Over the flood limit (or with the chat's
// queue full) u is dropped at once as handled, and the first drop of an
// episode queues one OnLimited call. Otherwise submit waits for a free slot
// (backpressure) until ctx is done. The end is reported to onDone; result,
// if not nil, receives the outcome.
func (d *dispatcher) submit(ctx context.Context, u *models.Update, result chan outcome) error {
	chat := chatOf(u)
	user, hasUser := userOf(u)

	d.mu.Lock()
	if d.stopping {
		d.mu.Unlock()
		return errStopping
	}
	limited, notice := false, false
	if hasUser {
		ok, n := d.flood.allow(user)
		limited, notice = !ok, n
	}
	if cq := d.chats[chat]; !limited && cq != nil && len(cq.jobs) >= d.cfg.ChatQueueSize {
		limited = true
		if hasUser {
			notice = d.flood.overflow(user)
		}
		if notice || !hasUser {
			d.log.Warn("chat queue full; updates dropped", "update_id", u.ID, "chat", pseudonym(chat), "queue", d.cfg.ChatQueueSize)
		}
	}
	if limited {
		if notice {
			d.log.Info("user over the inbound limit; further updates dropped until they slow down",
				"update_id", u.ID, "chat", pseudonym(chat), "per_minute", d.cfg.PerUserPerMinute)
			if d.cfg.OnLimited != nil {
				select {
				case d.slots <- struct{}{}:
					d.enqueueFrontLocked(chat, job{u: u, notice: true})
				default:
					d.log.Warn("queue full; flood notice not sent", "chat", pseudonym(chat))
				}
			}
		}
		d.mu.Unlock()
		d.onDone(u.ID, true)
		if result != nil {
			result <- limitedOutcome
		}
		return nil
	}
	d.mu.Unlock()

	select {
	case d.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopping {
		<-d.slots
		return errStopping
	}
	d.enqueueLocked(chat, job{u: u, tracked: true, result: result})
	return nil
}

func (d *dispatcher) enqueueLocked(chat int64, j job) {
	cq := d.chats[chat]
	if cq == nil {
		cq = &chatQueue{}
		d.chats[chat] = cq
		d.ready = append(d.ready, chat)
		d.cond.Signal()
	}
	cq.jobs = append(cq.jobs, j)
}

// enqueueFrontLocked puts j before the chat's waiting jobs (after the one
// running), so a flood notice is not stuck behind the updates it is about.
func (d *dispatcher) enqueueFrontLocked(chat int64, j job) {
	if cq := d.chats[chat]; cq != nil {
		cq.jobs = append([]job{j}, cq.jobs...)
		return
	}
	d.enqueueLocked(chat, j)
}

func (d *dispatcher) worker() {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		for len(d.ready) == 0 && !d.abandon && !(d.stopping && len(d.chats) == 0) {
			d.cond.Wait()
		}
		if len(d.ready) == 0 || d.abandon {
			d.mu.Unlock()
			return
		}
		chat := d.ready[0]
		d.ready = d.ready[1:]
		cq := d.chats[chat]
		j := cq.jobs[0]
		cq.jobs[0] = job{}
		cq.jobs = cq.jobs[1:]
		cq.running = true
		d.busy++
		d.mu.Unlock()

		out := d.run(j)
		<-d.slots
		if j.tracked {
			d.onDone(j.u.ID, out == handledOutcome)
			if out == handledOutcome && d.recorded != nil {
				d.recorded()
			}
		}
		if j.result != nil {
			j.result <- out
		}

		d.mu.Lock()
		cq.running = false
		d.busy--
		if len(cq.jobs) > 0 {
			d.ready = append(d.ready, chat)
			d.cond.Signal()
		} else {
			delete(d.chats, chat)
			if d.stopping && len(d.chats) == 0 {
				d.cond.Broadcast() // drained: idle workers may end
			}
		}
		d.mu.Unlock()
	}
}

// idle reports whether a worker has nothing to do: no chat is waiting for
// one and not all are running.
func (d *dispatcher) idle() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.ready) == 0 && d.busy < d.cfg.Workers
}

// run calls the handler (or OnLimited) with a timeout, recovering panics.
func (d *dispatcher) run(j job) outcome {
	ctx, cancel := context.WithTimeout(d.hardCtx, d.cfg.HandlerTimeout)
	defer cancel()
	fn, what := d.h, "handler"
	if j.notice {
		fn, what = d.cfg.OnLimited, "OnLimited"
	}
	if d.call(ctx, what, fn, j.u) && !j.notice && d.cfg.OnPanic != nil {
		pctx, pcancel := context.WithTimeout(d.hardCtx, d.cfg.HandlerTimeout)
		d.call(pctx, "OnPanic", d.cfg.OnPanic, j.u)
		pcancel()
	}
	if d.hardCtx.Err() != nil {
		d.log.Warn("handler cut off by the shutdown deadline; the update will be delivered again",
			"update_id", j.u.ID, "kind", kindOf(j.u), "chat", pseudonym(chatOf(j.u)))
		return abandonedOutcome
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		d.log.Warn("handler timed out", "what", what, "update_id", j.u.ID, "kind", kindOf(j.u),
			"chat", pseudonym(chatOf(j.u)), "timeout", d.cfg.HandlerTimeout)
	}
	return handledOutcome
}

// call runs fn and reports whether it panicked. A panic is logged with the
// stack (where it happened) and the type of the panic value, never the
// value itself: it may hold a citizen's text.
func (d *dispatcher) call(ctx context.Context, what string, fn func(context.Context, *models.Update), u *models.Update) (panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			panicked = true
			d.log.Error("handler panicked (recovered)", "what", what, "update_id", u.ID, "kind", kindOf(u),
				"chat", pseudonym(chatOf(u)), "panic_type", fmt.Sprintf("%T", r), "stack", string(debug.Stack()))
		}
	}()
	fn(ctx, u)
	return false
}

// stop takes no more updates and lets the workers answer what is queued
// and running within timeout. Then it gives up on what has not started
// (reported to onDone as not handled: unconfirmed, so Telegram delivers it
// again), cancels the contexts of the handlers still running and waits
// stopGrace more.
func (d *dispatcher) stop(timeout time.Duration) {
	d.mu.Lock()
	d.stopping = true
	queued := 0
	for _, cq := range d.chats {
		queued += len(cq.jobs)
	}
	d.cond.Broadcast()
	d.mu.Unlock()
	if queued > 0 {
		d.log.Info("shutdown: answering the updates already received", "queued", queued, "deadline", timeout)
	}

	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	select {
	case <-done:
	case <-deadline.C:
		d.mu.Lock()
		d.abandon = true
		var left []job
		for chat, cq := range d.chats {
			left = append(left, cq.jobs...)
			cq.jobs = nil
			if !cq.running {
				delete(d.chats, chat)
			}
		}
		d.ready = nil
		d.cond.Broadcast()
		d.mu.Unlock()
		for _, j := range left {
			<-d.slots
			if j.tracked {
				d.onDone(j.u.ID, false)
			}
			if j.result != nil {
				j.result <- abandonedOutcome
			}
		}
		d.log.Warn("shutdown deadline passed; updates not started are left for the next start, running handlers are cancelled",
			"deadline", timeout, "not_started", len(left))
		d.hardCancel()
		grace := time.NewTimer(stopGrace)
		defer grace.Stop()
		select {
		case <-done:
		case <-grace.C:
			d.log.Error("handlers did not return after cancellation; leaving them behind")
		}
	}
	d.hardCancel()
}
