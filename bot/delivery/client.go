package delivery

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/botapi"
)

// ClientConfig configures NewClient. Zero fields mean their defaults.
type ClientConfig struct {
	// HTTP does the requests. Default: an *http.Client with a 60 s timeout.
	HTTP HTTPDoer
	// Token is redacted from errors and logs. The token in each request
	// URL is redacted too, so this is only a second line of defence.
	Token string

	// PerSecond is the overall pace of sends. Default 30, Telegram's
	// documented limit.
	PerSecond float64
	// Burst is how many sends may leave at once overall. Default 1.
	Burst int
	// PerWindow bounds the sends that can reach Telegram within one second
	// even when requests are delayed on the way (scheduling, network): a
	// send starts only one second after the send PerWindow places before it
	// was answered. Default 30; negative turns the bound off.
	PerWindow int
	// PerChatPerSecond is the sustained pace of sends to one chat. Default 1.
	PerChatPerSecond float64
	// PerChatBurst is how many sends one chat may get at once. Default 3.
	PerChatBurst int

	// MaxAttempts bounds the tries of one request (429, 5xx and network
	// errors). Default 4.
	MaxAttempts int
	// MaxRetryAfter is the longest retry_after the client waits for; a 429
	// asking for more is returned to the caller at once. Default 30s.
	MaxRetryAfter time.Duration
	// RetryMin and RetryMax bound the backoff after 5xx and network
	// errors. Defaults 500ms and 8s.
	RetryMin, RetryMax time.Duration

	// Logger receives retries and failures (never message text). Default slog.Default().
	Logger *slog.Logger
	// On429 is called for every 429 answer, e.g. to count it in metrics.
	On429 func(method string, retryAfter time.Duration)

	// now and sleep are replaced in tests.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// Client is an HTTP client for go-telegram/bot (pass it with
// bot.WithHTTPClient). It paces sends (every send* method but
// sendChatAction, copy/forward, editMessage*) at PerSecond overall and
// PerChatPerSecond per chat, reading chat_id from the request body; waits
// out 429 retry_after (up to MaxRetryAfter, MaxAttempts in all); never
// retries 403; retries 5xx and network errors with backoff and jitter.
// Other refusals, such as 400 "can't parse entities", are returned as they
// are: the conversation (bot.Conversation) owns the plain-text fallback. getUpdates passes through unpaced and unretried. Errors never
// contain the token. Safe for concurrent use.
type Client struct {
	cfg ClientConfig

	mu      sync.Mutex
	global  pacer
	chats   map[string]*pacer
	booked  int
	window  []*sendRecord // the last PerWindow sends, a ring
	windowI int

	requests, sends, retries, tooMany, forbidden, failures atomic.Uint64
}

// Stats are the Client's counters since it was created.
type Stats struct {
	Requests        uint64 // requests made by callers (getUpdates not counted)
	Sends           uint64 // paced requests that succeeded
	Retries         uint64 // extra attempts after 429, 5xx or network errors
	TooManyRequests uint64 // 429 answers seen
	Forbidden       uint64 // 403 answers (blocked by the user, kicked)
	Failures        uint64 // requests that ended with an error or a non-2xx answer
}

// NewClient returns a Client with cfg's defaults filled in.
func NewClient(cfg ClientConfig) *Client {
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 60 * time.Second}
	}
	if cfg.PerSecond <= 0 {
		cfg.PerSecond = 30
	}
	setInt(&cfg.PerWindow, 30)
	setInt(&cfg.Burst, 1)
	if cfg.PerChatPerSecond <= 0 {
		cfg.PerChatPerSecond = 1
	}
	setInt(&cfg.PerChatBurst, 3)
	setInt(&cfg.MaxAttempts, 4)
	setDur(&cfg.MaxRetryAfter, 30*time.Second)
	setDur(&cfg.RetryMin, 500*time.Millisecond)
	setDur(&cfg.RetryMax, 8*time.Second)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.sleep == nil {
		cfg.sleep = sleepCtx
	}
	c := &Client{
		cfg:    cfg,
		global: newPacer(cfg.PerSecond, cfg.Burst),
		chats:  map[string]*pacer{},
	}
	if cfg.PerWindow > 0 {
		c.window = make([]*sendRecord, cfg.PerWindow)
	}
	return c
}

// Stats returns the counters; safe to call at any time.
func (c *Client) Stats() Stats {
	return Stats{
		Requests:        c.requests.Load(),
		Sends:           c.sends.Load(),
		Retries:         c.retries.Load(),
		TooManyRequests: c.tooMany.Load(),
		Forbidden:       c.forbidden.Load(),
		Failures:        c.failures.Load(),
	}
}

// Do sends req as described on Client. On failure the returned error has
// the token redacted; a Telegram error answer is returned as the response
// (for go-telegram/bot to turn into its error types), not as an error.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	method := path.Base(req.URL.Path)
	token := tokenFromPath(req.URL.Path)
	if method == "getUpdates" {
		resp, err := c.cfg.HTTP.Do(req)
		return resp, c.scrub(err, token)
	}
	c.requests.Add(1)
	ctx := req.Context()
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			c.failures.Add(1)
			return nil, c.scrub(fmt.Errorf("telegram %s: read request body: %w", method, err), token)
		}
	}
	contentType := req.Header.Get("Content-Type")
	chat := chatIDOf(contentType, body)
	paced := botapi.IsSend(method)
	log := c.cfg.Logger.With("method", method)
	if chat != "" {
		log = log.With("chat", chatPseudonym(chat))
	}

	for attempt := 1; ; attempt++ {
		answered := func() {}
		if paced {
			var err error
			if answered, err = c.pace(ctx, chat); err != nil {
				c.failures.Add(1)
				return nil, fmt.Errorf("telegram %s: waiting for the rate limit: %w", method, err)
			}
		}
		try := req.Clone(ctx)
		try.Body = io.NopCloser(bytes.NewReader(body))
		try.ContentLength = int64(len(body))
		try.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		try.Header.Set("Content-Type", contentType)

		resp, err := c.cfg.HTTP.Do(try)
		answered()
		if err != nil {
			err = c.scrub(err, token)
			if ctx.Err() != nil || attempt >= c.cfg.MaxAttempts {
				c.failures.Add(1)
				log.Warn("telegram request failed", "attempt", attempt, "err", err)
				return nil, err
			}
			if !c.backOff(ctx, log, attempt, "telegram request failed (network); retrying", "err", err) {
				return nil, err
			}
			continue
		}
		if resp.StatusCode < 300 {
			if paced {
				c.sends.Add(1)
			}
			return resp, nil
		}

		data, rerr := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		resp.ContentLength = int64(len(data))
		var env struct {
			ErrorCode   int    `json:"error_code"`
			Description string `json:"description"`
			Parameters  struct {
				RetryAfter int `json:"retry_after"`
			} `json:"parameters"`
		}
		_ = json.Unmarshal(data, &env)
		code := env.ErrorCode
		if code == 0 || rerr != nil {
			code = resp.StatusCode
		}
		desc := redact(env.Description, token)

		switch {
		case code == http.StatusTooManyRequests:
			c.tooMany.Add(1)
			wait := time.Duration(env.Parameters.RetryAfter) * time.Second
			if wait <= 0 {
				wait = time.Second
			}
			if c.cfg.On429 != nil {
				c.cfg.On429(method, wait)
			}
			c.pause(chat, wait)
			if wait > c.cfg.MaxRetryAfter || attempt >= c.cfg.MaxAttempts {
				c.failures.Add(1)
				log.Warn("telegram rate limit (429); giving up", "retry_after", wait, "attempt", attempt)
				return resp, nil
			}
			log.Warn("telegram rate limit (429); waiting retry_after", "retry_after", wait, "attempt", attempt)
			c.retries.Add(1)
			if c.cfg.sleep(ctx, wait) != nil {
				c.failures.Add(1)
				return resp, nil
			}
		case code == http.StatusForbidden:
			c.forbidden.Add(1)
			c.failures.Add(1)
			log.Info("telegram refused (403): the user blocked the bot or the chat is gone; not retried", "description", desc)
			return resp, nil
		case code >= 500:
			if attempt >= c.cfg.MaxAttempts {
				c.failures.Add(1)
				log.Warn("telegram server error; giving up", "status", code, "attempt", attempt)
				return resp, nil
			}
			if !c.backOff(ctx, log, attempt, "telegram server error; retrying", "status", code) {
				return resp, nil
			}
		default:
			c.failures.Add(1)
			log.Warn("telegram refused the request", "status", code, "description", desc)
			return resp, nil
		}
	}
}

func (c *Client) scrub(err error, token string) error {
	if err == nil {
		return nil
	}
	return scrub(scrub(err, token), c.cfg.Token)
}

// sendRecord is one send in the PerWindow ring.
type sendRecord struct {
	done chan struct{} // closed when the send was answered (or never made)
	end  time.Time     // when; guarded by Client.mu
}

// pace waits until a send to chat may leave: first the chat's own pace,
// then the overall one, so a throttled chat does not hold overall slots,
// then the PerWindow bound. The caller must call answered when the
// request came back.
func (c *Client) pace(ctx context.Context, chat string) (answered func(), err error) {
	if chat != "" {
		c.mu.Lock()
		p := c.chats[chat]
		if p == nil {
			np := newPacer(c.cfg.PerChatPerSecond, c.cfg.PerChatBurst)
			p = &np
			c.chats[chat] = p
		}
		at := p.reserve(c.cfg.now())
		c.sweepLocked()
		c.mu.Unlock()
		if err := c.cfg.sleep(ctx, at.Sub(c.cfg.now())); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	at := c.global.reserve(c.cfg.now())
	rec := &sendRecord{done: make(chan struct{})}
	var before *sendRecord
	if c.window != nil {
		before = c.window[c.windowI]
		c.window[c.windowI] = rec
		c.windowI = (c.windowI + 1) % len(c.window)
	}
	c.mu.Unlock()
	answered = func() {
		c.mu.Lock()
		rec.end = c.cfg.now()
		c.mu.Unlock()
		close(rec.done)
	}
	if err := c.cfg.sleep(ctx, at.Sub(c.cfg.now())); err != nil {
		answered()
		return nil, err
	}
	if before != nil {
		select {
		case <-before.done:
		case <-ctx.Done():
			answered()
			return nil, ctx.Err()
		}
		c.mu.Lock()
		wait := before.end.Add(time.Second).Sub(c.cfg.now())
		c.mu.Unlock()
		if err := c.cfg.sleep(ctx, wait); err != nil {
			answered()
			return nil, err
		}
	}
	return answered, nil
}

// pause keeps sends to chat (or all sends when the chat is unknown) back
// for d after a 429.
func (c *Client) pause(chat string, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	until := c.cfg.now().Add(d)
	if p := c.chats[chat]; p != nil {
		p.pause(until)
		return
	}
	if chat == "" {
		c.global.pause(until)
	}
}

// sweepLocked forgets chats whose pacer is idle again, every 1024 sends.
func (c *Client) sweepLocked() {
	c.booked++
	if c.booked%1024 != 0 {
		return
	}
	now := c.cfg.now()
	for k, p := range c.chats {
		if !p.tat.After(now) {
			delete(c.chats, k)
		}
	}
}

// pacer is a GCRA rate limiter (a token bucket expressed as the
// theoretical arrival time of the next send) that hands out slots in
// arrival order.
type pacer struct {
	interval  time.Duration
	tolerance time.Duration // (burst-1) intervals
	tat       time.Time
}

func newPacer(perSecond float64, burst int) pacer {
	interval := time.Duration(float64(time.Second) / perSecond)
	return pacer{interval: interval, tolerance: time.Duration(max(burst-1, 0)) * interval}
}

// reserve books the next slot and returns when it begins.
func (p *pacer) reserve(now time.Time) time.Time {
	tat := p.tat
	if tat.Before(now) {
		tat = now
	}
	at := tat.Add(-p.tolerance)
	if at.Before(now) {
		at = now
	}
	p.tat = tat.Add(p.interval)
	return at
}

// pause makes the next slot begin no earlier than until.
func (p *pacer) pause(until time.Time) {
	if t := until.Add(p.tolerance); t.After(p.tat) {
		p.tat = t
	}
}

// tokenFromPath returns the token in a Bot API path (/bot<token>/method).
func tokenFromPath(p string) string {
	rest, ok := strings.CutPrefix(p, "/bot")
	if !ok {
		if i := strings.Index(p, "/bot"); i >= 0 {
			rest = p[i+4:]
		} else {
			return ""
		}
	}
	token, _, _ := strings.Cut(rest, "/")
	return token
}

// chatIDOf reads chat_id from a request body (multipart, urlencoded or JSON).
func chatIDOf(contentType string, body []byte) string {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	switch mt {
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				return ""
			}
			if part.FormName() == "chat_id" {
				v, _ := io.ReadAll(io.LimitReader(part, 256))
				return string(v)
			}
		}
	case "application/x-www-form-urlencoded":
		v, _ := url.ParseQuery(string(body))
		return v.Get("chat_id")
	case "application/json":
		var m map[string]json.RawMessage
		if json.Unmarshal(body, &m) != nil || m["chat_id"] == nil {
			return ""
		}
		var s string
		if json.Unmarshal(m["chat_id"], &s) == nil {
			return s
		}
		return string(m["chat_id"])
	}
	return ""
}

// backOff logs a retry and waits with jittered backoff before it. It returns
// false, counting a failure, when ctx ends first.
func (c *Client) backOff(ctx context.Context, log *slog.Logger, attempt int, msg string, args ...any) bool {
	wait := backoff(attempt, c.cfg.RetryMin, c.cfg.RetryMax)
	log.Warn(msg, append(args, "attempt", attempt, "retry_in", wait)...)
	c.retries.Add(1)
	if c.cfg.sleep(ctx, wait) != nil {
		c.failures.Add(1)
		return false
	}
	return true
}
