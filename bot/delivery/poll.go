package delivery

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"
)

// refetchEvery is how often Poll asks getUpdates again while updates are
// in flight: Telegram answers at once (with the same updates) while any of
// them is unconfirmed, so asking at every answer would be a busy loop.
const refetchEvery = 250 * time.Millisecond

// maxPollBody bounds a getUpdates answer (100 updates).
const maxPollBody = 64 << 20

// Poll receives updates by long polling getUpdates and hands each to h
// until ctx is cancelled. It does not use go-telegram/bot's Start.
//
// An update is confirmed to Telegram (by the offset of the next
// getUpdates) only after it was answered; the answered ids above the offset
// are saved in StateDir/offset.json, each before its worker takes the next
// update. So after any stop, Telegram sends the unanswered updates again
// and the answered ones are skipped. Only when unanswered updates have kept
// getUpdates from newer ones for StallAfter are they confirmed early (see
// Config.StallAfter; logged and reported to OnOverdue).
//
// On cancellation Poll stops fetching, answers what it has received (queued
// or running) within ShutdownTimeout, saves the state and returns nil.
// What was not answered by then comes again at the next start. Errors from
// getUpdates are retried with capped exponential backoff and jitter (409
// Conflict is logged as "another instance is polling or a webhook is set");
// only a rejected token (401/404) ends Poll early, with an error wrapping
// ErrBadToken. No error or log line contains the token. A state folder
// that another process uses, or whose state file cannot be read, checked or
// written, is an error before anything is fetched.
func Poll(ctx context.Context, cfg Config, h Handler) error {
	if cfg.Token == "" {
		return errors.New("delivery: Poll needs a bot token")
	}
	if h == nil {
		return errors.New("delivery: Poll needs a handler")
	}
	cfg = cfg.withDefaults()
	if cfg.PollTimeout < time.Second {
		cfg.PollTimeout = time.Second // 0 would be short polling, a busy loop
	}
	if cfg.StateDir != "" {
		release, err := LockStateDir(cfg.StateDir)
		if err != nil {
			return fmt.Errorf("delivery: %w", err)
		}
		defer release()
	}
	st, err := openState(cfg, false)
	if err != nil {
		return fmt.Errorf("delivery: %w", scrub(err, cfg.Token))
	}
	d := newDispatcher(cfg, h, st.finish, st.awaitSaved)
	saveCtx, stopSave := context.WithCancel(context.Background())
	saverDone := make(chan struct{})
	go func() {
		st.saveLoop(saveCtx)
		close(saverDone)
	}()
	toldDone := make(chan struct{})
	go func() {
		tellLost(d.hardCtx, cfg, st)
		close(toldDone)
	}()

	p := &poller{cfg: cfg, st: st, d: d}
	cfg.Logger.Info("polling for updates", "state", st.path, "workers", cfg.Workers, "poll_timeout", cfg.PollTimeout)
	err = p.loop(ctx)

	start := time.Now()
	d.stop(cfg.ShutdownTimeout)
	<-toldDone
	stopSave()
	<-saverDone
	cfg.Logger.Info("polling stopped", "shutdown", time.Since(start).Round(time.Millisecond), "watermark", st.offset()-1)
	return err
}

type poller struct {
	cfg Config
	st  *state
	d   *dispatcher
}

type fetched struct {
	id  int64
	raw json.RawMessage
	u   *models.Update // nil when the update could not be decoded
}

func (p *poller) loop(ctx context.Context) error {
	log := p.cfg.Logger
	failures := 0
	for ctx.Err() == nil {
		offset := p.st.offset()
		batch, err := p.fetch(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			failures++
			wait, fatal := p.retryWait(err, failures)
			if fatal != nil {
				return fatal
			}
			if p.cfg.sleep(ctx, wait) != nil {
				return nil
			}
			continue
		}
		if failures > 0 {
			log.Info("getUpdates works again", "after_failures", failures)
			failures = 0
		}
		if len(batch) > 0 && batch[0].id < offset && offset > 1 {
			p.st.rebase(batch[0].id)
		}
		fresh := 0
		for _, f := range batch {
			if p.st.accept(f.id, f.raw) != accepted {
				continue // answered or in flight: a redelivery
			}
			fresh++
			if f.u == nil {
				log.Warn("update could not be decoded; skipped", "update_id", f.id)
				p.st.finish(f.id, true)
				continue
			}
			if err := p.d.submit(ctx, f.u, nil); err != nil {
				p.st.finish(f.id, false)
				return nil // cancelled: the update stays unconfirmed and comes again
			}
		}
		p.settle(ctx, offset, len(batch) == p.cfg.PollLimit)
	}
	return nil
}

// idleStall is how long a full window may keep a worker idle before the
// updates in flight are confirmed early (StallAfter applies while all
// workers are busy).
const idleStall = 100 * time.Millisecond

// settle waits before the next getUpdates while updates are in flight, as
// Telegram would only return them again at once. It returns when nothing
// is in flight (the next getUpdates long-polls), when the offset moved by
// half a batch, or after refetchEvery if the offset moved or the last batch
// was not full (newer updates may be waiting behind the ones in flight).
//
// After a full batch, getUpdates cannot reach newer updates until the
// offset moves. If it does not move for StallAfter, or for idleStall while
// a worker has nothing to do, the updates in flight are confirmed early
// (confirmOverdue): holding them would stall everyone else.
func (p *poller) settle(ctx context.Context, offset int64, full bool) {
	tick := time.NewTicker(idleStall / 2)
	defer tick.Stop()
	start := time.Now()
	last, lastMove := offset, start
	for {
		cur := p.st.offset()
		if cur != last {
			last, lastMove = cur, time.Now()
		}
		moved := cur - offset
		if p.st.inflightCount() == 0 || moved >= int64(p.cfg.PollLimit/2) {
			return
		}
		if time.Since(start) >= refetchEvery && (moved > 0 || !full) {
			return
		}
		// While the state cannot be saved nothing is confirmed early: it
		// would be lost at a restart. The window then waits for answers.
		if still := time.Since(lastMove); full && !p.st.saveFailing() && (still >= p.cfg.StallAfter || still >= idleStall && p.d.idle()) {
			p.confirmOverdue()
			return
		}
		select {
		case <-p.st.progressed():
		case <-tick.C:
		case <-ctx.Done():
			return
		}
	}
}

// confirmOverdue confirms the updates in flight that blocked getUpdates,
// logs it and reports it to OnOverdue. They are still answered
// from memory; only a stop before their answer loses them (their senders
// are then asked to write again at the next start).
func (p *poller) confirmOverdue() {
	n, err := p.st.confirmOverdue(0)
	if err != nil {
		return // logged once by the state; settle waits until saving works
	}
	if n == 0 {
		return
	}
	p.cfg.Logger.Warn("unanswered updates held back getUpdates too long; confirmed to Telegram before their answer (answered from memory; lost if the bot stops first)",
		"count", n, "stall_after", p.cfg.StallAfter)
	if p.cfg.OnOverdue != nil {
		p.cfg.OnOverdue(n)
	}
}

// fetch calls getUpdates once.
func (p *poller) fetch(ctx context.Context, offset int64) ([]fetched, error) {
	params := map[string]any{
		"offset":  offset,
		"limit":   p.cfg.PollLimit,
		"timeout": int(p.cfg.PollTimeout / time.Second),
	}
	if len(p.cfg.AllowedUpdates) > 0 {
		params["allowed_updates"] = p.cfg.AllowedUpdates
	}
	body, err := json.Marshal(params)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.cfg.APIURL+"/bot"+p.cfg.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, scrub(fmt.Errorf("getUpdates: %w", err), p.cfg.Token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, scrub(fmt.Errorf("getUpdates: %w", err), p.cfg.Token)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxPollBody))
	if err != nil {
		return nil, scrub(fmt.Errorf("getUpdates: read answer: %w", err), p.cfg.Token)
	}
	var env struct {
		OK          bool              `json:"ok"`
		Result      []json.RawMessage `json:"result"`
		ErrorCode   int               `json:"error_code"`
		Description string            `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, &httpStatusError{method: "getUpdates", code: resp.StatusCode, description: "answer is not Bot API JSON"}
	}
	if !env.OK {
		code := env.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		return nil, &httpStatusError{method: "getUpdates", code: code,
			description: redact(env.Description, p.cfg.Token), retryAfter: env.Parameters.RetryAfter}
	}
	out := make([]fetched, 0, len(env.Result))
	for _, raw := range env.Result {
		out = append(out, decodeUpdate(raw))
	}
	return out, nil
}

func decodeUpdate(raw json.RawMessage) fetched {
	var u models.Update
	if err := json.Unmarshal(raw, &u); err == nil {
		return fetched{id: u.ID, raw: raw, u: &u}
	}
	var head struct {
		ID int64 `json:"update_id"`
	}
	_ = json.Unmarshal(raw, &head)
	return fetched{id: head.ID, raw: raw}
}

// retryWait says how long to wait after a failed getUpdates, logs why,
// or returns a final error when the token is rejected.
func (p *poller) retryWait(err error, failures int) (time.Duration, error) {
	log := p.cfg.Logger
	wait := backoff(failures, p.cfg.RetryMin, p.cfg.RetryMax)
	var se *httpStatusError
	if !errors.As(err, &se) {
		log.Warn("getUpdates failed (network); retrying", "err", err, "attempt", failures, "retry_in", wait)
		return wait, nil
	}
	switch {
	case se.code == http.StatusUnauthorized || se.code == http.StatusNotFound:
		log.Error("Telegram rejected the bot token; stopping", "status", se.code, "description", se.description)
		return 0, fmt.Errorf("delivery: getUpdates: %w (HTTP %d %s)", ErrBadToken, se.code, se.description)
	case se.code == http.StatusConflict:
		log.Warn("getUpdates conflict: another instance is polling or a webhook is set; backing off",
			"description", se.description, "attempt", failures, "retry_in", wait)
	case se.code == http.StatusTooManyRequests:
		wait = time.Duration(se.retryAfter) * time.Second
		wait = min(max(wait, p.cfg.RetryMin), p.cfg.RetryMax)
		log.Warn("getUpdates rate limited (429); waiting", "retry_after_s", se.retryAfter, "retry_in", wait)
	case se.code >= 500:
		log.Warn("getUpdates failed (Telegram server error); retrying", "status", se.code, "attempt", failures, "retry_in", wait)
	default:
		log.Error("getUpdates refused; retrying", "status", se.code, "description", se.description, "attempt", failures, "retry_in", wait)
	}
	return wait, nil
}
