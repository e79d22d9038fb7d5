package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// ErrBuiltin is returned by Knowledge.Reload when the bot serves the
// knowledge base compiled into it, which cannot change.
var ErrBuiltin = errors.New("the bot serves its built-in knowledge base; start it with --kb DIR to reload a folder")

// DefaultMaxDrop is the share of the served topics a reload may remove
// before it waits for staff to confirm it.
const DefaultMaxDrop = 0.2

// Knowledge keeps the bot's knowledge base current: it reloads the folder
// into the live index on request (the staff's /reload in Telegram, or
// Watch when files change), logs and counts every attempt, and reports the
// state for /status and /readyz. It implements bot.Staff. Its methods are
// safe for concurrent use; reloads run one at a time.
//
// A reload that would remove more than MaxDrop of the topics in service, or
// any topic of Keep, is held back: the last good version stays in service
// until staff confirm by loading the same files once more (/reload, or
// saving the folder again unchanged). A file saved empty by mistake, or a
// deployment that copied half the folder, so never blanks the bot.
type Knowledge struct {
	// Live is the index the bot searches. Required.
	Live *index.Live
	// Source is where the knowledge base comes from; nil or the built-in
	// knowledge base cannot be reloaded.
	Source *knowledge.Source
	// MaxAge is passed to knowledge.Load; zero means its default.
	MaxAge time.Duration
	// MaxDrop is the share of the served topics (0 to 1) a reload may
	// remove without confirmation; zero means DefaultMaxDrop, 1 turns the
	// check off (Keep still applies).
	MaxDrop float64
	// Keep are topic ids a reload may not remove without confirmation; nil
	// means knowledge.ContractTopics.
	Keep []string
	// Metrics counts reloads; nil counts nothing.
	Metrics *Metrics
	// Logger receives one line per reload, and one per problem of a failed
	// one (file:line:col); nil discards.
	Logger *slog.Logger
	// Started is when the bot started, for Status.
	Started time.Time

	mu   sync.Mutex // guards held
	held *HeldBack  // the version waiting for confirmation, if any
}

// HeldBack is the error of a reload that was held back because it would
// remove too many topics. Loading the same files again confirms it.
type HeldBack struct {
	// Removed are the ids of the served topics the new version lacks.
	Removed []string
	// Kept are those of them that Knowledge.Keep lists.
	Kept []string
	// Served is the number of topics in service.
	Served int
	// MaxDrop is the share that may be removed without confirmation.
	MaxDrop float64
	// At is when the version was first held back.
	At time.Time

	digest string // of the files held back (knowledge.Base.Digest)
}

func (h *HeldBack) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "reload held back: the new version would remove %d of the %d topics in service", len(h.Removed), h.Served)
	if len(h.Kept) > 0 {
		fmt.Fprintf(&b, ", among them %s, which the bot must always offer", idList(h.Kept))
	} else {
		fmt.Fprintf(&b, ", more than %.0f %%", h.MaxDrop*100)
	}
	fmt.Fprintf(&b, " (removed: %s). The previous version stays in service. If this is intended, send /reload or save the folder again unchanged", idList(h.Removed))
	return b.String()
}

// maxListedIDs bounds the topic ids one message lists.
const maxListedIDs = 10

func idList(ids []string) string {
	if len(ids) <= maxListedIDs {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:maxListedIDs], ", ") + fmt.Sprintf(" and %d more", len(ids)-maxListedIDs)
}

// maxLoggedProblems bounds the log lines of one failed reload.
const maxLoggedProblems = 50

// maxStatusProblems bounds the problems Status shows in Telegram.
const maxStatusProblems = 5

func (k *Knowledge) log() *slog.Logger {
	if k.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return k.Logger
}

func (k *Knowledge) reloadable() bool { return k.Source != nil && !k.Source.Builtin() }

// Reload loads, validates and indexes the knowledge folder and swaps it in.
// When that fails, the last good knowledge base stays in service and Reload
// returns why: a knowledge.Problems with every problem as file:line:col, a
// *HeldBack, or ErrBuiltin without a folder. Reload returns soon after ctx
// ends, even when the folder does not answer.
func (k *Knowledge) Reload(ctx context.Context) error {
	if !k.reloadable() {
		return ErrBuiltin
	}
	err := k.Live.Reload(ctx, k.load)
	log := k.log()
	dir := k.Source.Dir()
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		log.Info("knowledge reload abandoned: the bot is stopping", "dir", dir)
		return err // not a fault of the folder: neither counted nor logged as one
	}
	k.Metrics.Reload(err)
	st := k.Live.Status()
	var problems knowledge.Problems
	var held *HeldBack
	switch {
	case err == nil:
		log.Info("knowledge base reloaded", "dir", dir, "generation", st.Generation,
			"topics", st.Topics, "offices", st.Offices, "warnings", st.Warnings)
	case errors.As(err, &held):
		log.Warn("knowledge reload HELD BACK: it would remove many topics; the last good version stays in service until staff confirm (/reload or saving again)",
			"dir", dir, "removed", len(held.Removed), "served", held.Served, "topics", idList(held.Removed), "must_keep", idList(held.Kept))
	case errors.As(err, &problems):
		errs := problems.Errors()
		log.Error("knowledge base NOT reloaded; the last good one stays in service", "dir", dir,
			"errors", len(errs), "generation", st.Generation)
		for i, p := range errs {
			if i == maxLoggedProblems {
				log.Error("more knowledge problems not logged; run sozialbot validate", "more", len(errs)-i)
				break
			}
			log.Error("knowledge problem", "at", p.Pos.String(), "problem", p.Msg)
		}
	default:
		log.Error("knowledge base NOT reloaded; the last good one stays in service", "dir", dir, "err", err)
	}
	return err
}

// load is Live.Reload's loader: it loads the folder and holds a version back
// that would remove too many topics, unless it is the one held back before.
func (k *Knowledge) load(ctx context.Context) (*knowledge.Base, error) {
	kb, err := k.Source.Load(ctx, knowledge.Options{MaxAge: k.MaxAge})
	if err != nil {
		return nil, err // a version held back stays so: the next good load may confirm it
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.held != nil && k.held.digest == kb.Digest() {
		k.log().Info("held-back knowledge reload confirmed; putting it in service", "removed", len(k.held.Removed))
		k.held = nil
		return kb, nil
	}
	k.held = k.shrinks(k.Live.Base(), kb)
	if k.held != nil {
		return nil, k.held
	}
	return kb, nil
}

// shrinks returns a HeldBack when next would remove more of cur's topics
// than allowed, and nil otherwise.
func (k *Knowledge) shrinks(cur, next *knowledge.Base) *HeldBack {
	if cur == nil {
		return nil
	}
	h := &HeldBack{Served: len(cur.Topics), MaxDrop: k.MaxDrop, At: time.Now(), digest: next.Digest()}
	if h.MaxDrop <= 0 {
		h.MaxDrop = DefaultMaxDrop
	}
	for _, t := range cur.Topics {
		if next.Topic(t.ID) == nil {
			h.Removed = append(h.Removed, t.ID)
		}
	}
	keep := k.Keep
	if keep == nil {
		keep = knowledge.ContractTopics
	}
	for _, id := range keep {
		if cur.Topic(id) != nil && next.Topic(id) == nil {
			h.Kept = append(h.Kept, id)
		}
	}
	if len(h.Kept) == 0 && float64(len(h.Removed)) <= h.MaxDrop*float64(h.Served) {
		return nil
	}
	return h
}

// Held returns the version held back for confirmation, or nil.
func (k *Knowledge) Held() *HeldBack {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.held
}

// Watch reloads the knowledge folder whenever its files change, until ctx is
// done (see knowledge.Watch). Without a folder it just waits for ctx. It
// returns an error when the folder cannot be watched, or stops being
// watchable; the bot goes on serving what it has. It returns soon after ctx
// ends, even while a reload waits for a folder that does not answer.
func (k *Knowledge) Watch(ctx context.Context, quiet time.Duration) error {
	if !k.reloadable() {
		<-ctx.Done()
		return nil
	}
	if quiet <= 0 {
		quiet = knowledge.DefaultQuiet
	}
	err := k.Source.Watch(ctx, quiet, func() { _ = k.Reload(ctx) }) // Reload logs and counts its outcome
	if err != nil {
		k.log().Error("live reload stopped; restart the bot or use /reload", "dir", k.Source.Dir(), "err", err)
	}
	return err
}

// Ready reports whether a knowledge base with at least one topic is in
// service (for /readyz).
func (k *Knowledge) Ready() bool {
	return k.Live != nil && k.Live.Ready() && k.Live.Status().Topics > 0
}

// Status is a short plain-text report for staff (/status in Telegram): what
// is served, since when, what is held back, and how the last reload went.
func (k *Knowledge) Status() string {
	st := k.Live.Status()
	const layout = "2006-01-02 15:04:05"
	var b strings.Builder
	source := "built-in (cannot be reloaded)"
	if k.reloadable() {
		source = k.Source.Dir()
	}
	fmt.Fprintf(&b, "Knowledge: %s\n", source)
	if !k.Live.Ready() {
		b.WriteString("Serving: nothing (shutting down)\n")
	} else {
		fmt.Fprintf(&b, "Serving: version %d, loaded %s\n", st.Generation, st.Loaded.Format(layout))
		fmt.Fprintf(&b, "  %d topics, %d offices, %d warnings\n", st.Topics, st.Offices, st.Warnings)
		if st.Topics == 0 {
			b.WriteString("  NOT READY: no topics in service\n")
		}
	}
	if h := k.Held(); h != nil {
		fmt.Fprintf(&b, "HELD BACK since %s: %s\n", h.At.Format(layout), h)
	}
	var held *HeldBack
	if st.LastAttempt.IsZero() {
		b.WriteString("Last reload: none since start\n")
	} else {
		result := "ok"
		switch {
		case errors.As(st.LastError, &held):
			result = "held back (see above), the version above stays in service"
		case st.LastError != nil:
			result = "FAILED, the version above stays in service"
		}
		fmt.Fprintf(&b, "Last reload: %s, %s\n", st.LastAttempt.Format(layout), result)
		fmt.Fprintf(&b, "Reloads since start: %d, failed: %d\n", st.Reloads, st.Failures)
	}
	var problems knowledge.Problems
	switch {
	case held != nil:
	case errors.As(st.LastError, &problems):
		errs := problems.Errors()
		for i, p := range errs {
			if i == maxStatusProblems {
				fmt.Fprintf(&b, "  ... %d more (sozialbot validate lists all)\n", len(errs)-i)
				break
			}
			fmt.Fprintf(&b, "  %s\n", p)
		}
	case st.LastError != nil:
		fmt.Fprintf(&b, "  %v\n", st.LastError)
	}
	if !k.Started.IsZero() {
		fmt.Fprintf(&b, "Running since: %s\n", k.Started.Format(layout))
	}
	return strings.TrimRight(b.String(), "\n")
}
