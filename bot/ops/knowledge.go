package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// ErrBuiltin is returned by Knowledge.Reload when the bot serves the
// knowledge base compiled into it, which cannot change.
var ErrBuiltin = errors.New("the bot serves its built-in knowledge base; start it with --kb DIR to reload a folder")

// Knowledge keeps the bot's knowledge base current: it reloads the folder
// into the live index on request (the staff's /reload in Telegram, or
// Watch when files change), logs and counts every attempt, and reports the
// state for /status and /readyz. It implements bot.Staff. Its methods are
// safe for concurrent use; reloads run one at a time.
type Knowledge struct {
	// Live is the index the bot searches. Required.
	Live *index.Live
	// Dir is the knowledge folder; empty means the built-in knowledge base,
	// which cannot be reloaded.
	Dir string
	// MaxAge is passed to knowledge.Load; zero means its default.
	MaxAge time.Duration
	// Metrics counts reloads; nil counts nothing.
	Metrics *Metrics
	// Logger receives one line per reload, and one per problem of a failed
	// one (file:line:col); nil discards.
	Logger *slog.Logger
	// Started is when the bot started, for Status.
	Started time.Time
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

// Reload loads, validates and indexes the knowledge folder and swaps it in.
// When that fails, the last good knowledge base stays in service and Reload
// returns why: a knowledge.Problems with every problem as file:line:col, or
// ErrBuiltin without a folder.
func (k *Knowledge) Reload() error {
	if k.Dir == "" {
		return ErrBuiltin
	}
	err := k.Live.Reload(k.Dir, knowledge.Options{MaxAge: k.MaxAge})
	k.Metrics.Reload(err)
	log := k.log()
	st := k.Live.Status()
	var problems knowledge.Problems
	switch {
	case err == nil:
		log.Info("knowledge base reloaded", "dir", k.Dir, "generation", st.Generation,
			"topics", st.Topics, "offices", st.Offices, "warnings", st.Warnings)
	case errors.As(err, &problems):
		errs := problems.Errors()
		log.Error("knowledge base NOT reloaded; the last good one stays in service", "dir", k.Dir,
			"errors", len(errs), "generation", st.Generation)
		for i, p := range errs {
			if i == maxLoggedProblems {
				log.Error("more knowledge problems not logged; run sozialbot validate", "more", len(errs)-i)
				break
			}
			log.Error("knowledge problem", "at", p.Pos.String(), "problem", p.Msg)
		}
	default:
		log.Error("knowledge base NOT reloaded; the last good one stays in service", "dir", k.Dir, "err", err)
	}
	return err
}

// Watch reloads the knowledge folder whenever its files change, until ctx is
// done (see knowledge.Watch). Without a folder it just waits for ctx. It
// returns an error when the folder cannot be watched, or stops being
// watchable; the bot goes on serving what it has.
func (k *Knowledge) Watch(ctx context.Context, quiet time.Duration) error {
	if k.Dir == "" {
		<-ctx.Done()
		return nil
	}
	if quiet <= 0 {
		quiet = knowledge.DefaultQuiet
	}
	err := knowledge.Watch(ctx, k.Dir, quiet, func() { _ = k.Reload() }) // Reload logs and counts its outcome
	if err != nil {
		k.log().Error("live reload stopped; restart the bot or use /reload", "dir", k.Dir, "err", err)
	}
	return err
}

// Ready reports whether a knowledge base is in service (for /readyz).
func (k *Knowledge) Ready() bool { return k.Live != nil && k.Live.Ready() }

// Status is a short plain-text report for staff (/status in Telegram): what
// is served, since when, and how the last reload went.
func (k *Knowledge) Status() string {
	st := k.Live.Status()
	const layout = "2006-01-02 15:04:05"
	var b strings.Builder
	source := k.Dir
	if source == "" {
		source = "built-in (cannot be reloaded)"
	}
	fmt.Fprintf(&b, "Knowledge: %s\n", source)
	if !k.Live.Ready() {
		b.WriteString("Serving: nothing (shutting down)\n")
	} else {
		fmt.Fprintf(&b, "Serving: version %d, loaded %s\n", st.Generation, st.Loaded.Format(layout))
		fmt.Fprintf(&b, "  %d topics, %d offices, %d warnings\n", st.Topics, st.Offices, st.Warnings)
	}
	if st.LastAttempt.IsZero() {
		b.WriteString("Last reload: none since start\n")
	} else {
		result := "ok"
		if st.LastError != nil {
			result = "FAILED, the version above stays in service"
		}
		fmt.Fprintf(&b, "Last reload: %s, %s\n", st.LastAttempt.Format(layout), result)
		fmt.Fprintf(&b, "Reloads since start: %d, failed: %d\n", st.Reloads, st.Failures)
	}
	var problems knowledge.Problems
	switch {
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
