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

// spillAfter is how long an update may be in flight before the poller
// saves it as pending so that getUpdates can move past it.
const spillAfter = 500 * time.Millisecond

// maxPollBody bounds a getUpdates answer (100 updates).
const maxPollBody = 64 << 20

// Poll receives updates by long polling getUpdates and hands each to h
// until ctx is cancelled. It does not use go-telegram/bot's Start.
//
// An update is confirmed to Telegram (by the offset of the next
// getUpdates) only after it was handled or saved as pending in
// StateDir/offset.json; handled ids are saved there too, so after a restart
// pending updates are handled first and handled ones are skipped.
//
// On cancellation Poll stops fetching, lets running handlers finish within
// ShutdownTimeout, saves the state and returns nil. Updates not started by
// then are delivered again at the next start. Errors from getUpdates are
// retried with capped exponential backoff and jitter (409 Conflict is
// logged as "another instance is polling or a webhook is set"); only a
// rejected token (401/404) ends Poll early, with an error wrapping
// ErrBadToken. No error or log line contains the token.
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
	st, err := openState(cfg.StateDir, false, cfg.Logger)
	if err != nil {
		return fmt.Errorf("delivery: %w", scrub(err, cfg.Token))
	}
	st.now = cfg.now
	d := newDispatcher(cfg, h, st.finish)
	stopSave, saverDone := make(chan struct{}), make(chan struct{})
	go func() {
		st.saveLoop(stopSave)
		close(saverDone)
	}()

	p := &poller{cfg: cfg, st: st, d: d}
	cfg.Logger.Info("polling for updates", "state", st.path, "workers", cfg.Workers, "poll_timeout", cfg.PollTimeout)
	err = p.loop(ctx)

	start := time.Now()
	d.stop(cfg.ShutdownTimeout)
	close(stopSave)
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
	if !tellLost(ctx, p.cfg, p.st) {
		return nil // cancelled; the rest are told at the next start
	}

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
				continue // handled, pending or in flight: a redelivery
			}
			fresh++
			if f.u == nil {
				log.Warn("update could not be decoded; skipped", "update_id", f.id)
				p.st.finish(f.id, true)
				continue
			}
			if err := p.d.submit(ctx, f.u, nil); err != nil {
				return nil // cancelled: the update stays unconfirmed and comes again
			}
		}
		p.settle(ctx, len(batch), fresh)
	}
	return nil
}

// settle decides what to do when updates are still in flight after a
// batch. Telegram answers getUpdates at once while any update is
// unconfirmed, and only from the offset on, at most PollLimit updates. So:
// after a full batch, newer updates may wait behind the ones in flight:
// save those as pending (spill) at once. Otherwise, if the batch held
// nothing new, wait for the watermark to move, and spill when an update
// has been in flight for spillAfter, so a slow chat cannot hold back
// everyone else.
func (p *poller) settle(ctx context.Context, batchLen, fresh int) {
	age, n := p.st.oldestInflight()
	if n == 0 || (batchLen == fresh && batchLen < p.cfg.PollLimit) {
		return
	}
	if batchLen < p.cfg.PollLimit && age < spillAfter {
		if fresh > 0 {
			return
		}
		offset := p.st.offset()
		timer := time.NewTimer(spillAfter - age)
		defer timer.Stop()
		for p.st.offset() == offset {
			select {
			case <-p.st.progressed():
				continue
			case <-timer.C:
			case <-ctx.Done():
				return
			}
			break
		}
		if p.st.offset() != offset {
			return
		}
	}
	spilled, err := p.st.spill()
	if err != nil {
		p.cfg.Logger.Error("could not save waiting updates; getUpdates stays behind them", "err", err)
		return
	}
	p.cfg.Logger.Info("slow handlers: saved waiting updates as pending so getUpdates can move on", "count", spilled)
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
