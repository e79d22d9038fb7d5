// Package delivery gets updates from Telegram to the conversation and
// answers back with the guarantees go-telegram/bot does not give:
//
//   - Poll long-polls getUpdates itself and confirms an update to Telegram
//     only after it was answered; a small state file (StateDir/offset.json)
//     keeps the answered ids (ids only), so after any stop Telegram sends
//     the unanswered updates again and the answered ones are skipped.
//   - Webhook serves Telegram's webhook with a required secret, a body
//     limit, and answers 200 only after the update was answered and
//     recorded, so Telegram retries everything else.
//   - One process per state folder (LockStateDir, a flock).
//   - Both feed one dispatcher: updates of a chat in order, chats in
//     parallel, a bounded worker pool and bounded queues, a per-user flood
//     limit applied before the handler, panics recovered, a timeout on every
//     handler call.
//   - Client is the HTTP client for go-telegram/bot (bot.WithHTTPClient): it
//     paces sends under Telegram's limits and retries what may be retried.
//
// Nothing here logs message text, and no error or log line contains the bot
// token. Chats appear in logs as a pseudonym that changes with every process
// start.
package delivery

import (
	"context"
	"crypto/hmac"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Handler handles one update. ctx carries the handler timeout and is not
// cancelled when polling stops, only when the shutdown deadline passes, so
// an answer in progress can still be sent.
type Handler func(ctx context.Context, u *models.Update)

// HTTPDoer is what Poll and Client need from an HTTP client; *http.Client
// and *Client satisfy it, and so does go-telegram/bot's bot.HttpClient.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// Config configures Poll and NewWebhook. The zero value of every field but
// Token means its default.
type Config struct {
	// APIURL is the Bot API base URL. Default "https://api.telegram.org".
	APIURL string
	// Token is the bot token. Required for Poll; it never appears in logs
	// or errors.
	Token string
	// StateDir holds offset.json, the answered update ids, and the lock
	// (one process per folder). Empty keeps them in memory only (a restart
	// may then answer an update twice).
	StateDir string

	// Workers is how many handlers run at once. Default 16. A handler
	// waiting for the per-chat send pace holds its worker, so this is also
	// how many chats may be slowed by their own floods before others wait.
	Workers int
	// QueueSize is how many accepted updates may wait or run, all chats
	// together; when full, intake waits. Default 1000.
	QueueSize int
	// ChatQueueSize is how many updates one chat may have waiting; more are
	// treated like a flood (dropped, one notice). Default 32.
	ChatQueueSize int
	// PerUserPerMinute is the inbound limit per user (a token bucket of
	// this size refilled over a minute). Default 20; negative disables it.
	PerUserPerMinute int

	// HandlerTimeout bounds every handler call. Default 30s.
	HandlerTimeout time.Duration
	// ShutdownTimeout is how long the updates already received (running
	// and queued) may still be answered after the context of Poll is
	// cancelled (or Webhook.Close is called). Default 10s.
	ShutdownTimeout time.Duration
	// StallAfter is how long unanswered updates may keep getUpdates from
	// reaching newer ones (it returns at most PollLimit updates from the
	// first unanswered one) while all workers are busy, before they are
	// confirmed to Telegram anyway and answered from memory. With a worker
	// idle the limit is 100ms. Default 2s.
	StallAfter time.Duration

	// PollTimeout is the long-poll length asked from Telegram. Default 50s.
	PollTimeout time.Duration
	// PollLimit is the most updates per getUpdates (1–100). Default 100.
	PollLimit int
	// AllowedUpdates is sent as allowed_updates; empty means Telegram's
	// default (all but a few).
	AllowedUpdates []string
	// RetryMin and RetryMax bound the backoff of getUpdates after errors
	// (network, 5xx, 409, 429). Defaults 1s and 60s.
	RetryMin, RetryMax time.Duration
	// HTTPClient sends getUpdates. Default: an *http.Client whose timeout
	// is PollTimeout + 15s. A *Client works too (it does not pace getUpdates).
	HTTPClient HTTPDoer

	// WebhookMaxBody is the largest webhook request body accepted. Default 1 MiB.
	WebhookMaxBody int64

	// Logger receives operational logs (never message text). Default slog.Default().
	Logger *slog.Logger
	// OnLimited is called once per flood episode of a user, with the
	// update that hit the limit, so the conversation can send one friendly
	// notice. It runs in the chat's queue like a handler.
	OnLimited func(ctx context.Context, u *models.Update)
	// OnPanic is called after a handler panicked (the panic is recovered and
	// logged), so the conversation can apologise.
	OnPanic func(ctx context.Context, u *models.Update)
	// OnLost is called after start, beside the intake of new updates, for
	// each update that a previous run had confirmed to Telegram early (see
	// StallAfter) and could not answer before it stopped, so the
	// conversation can ask the person to send it again: the message itself
	// is not kept on disk.
	OnLost func(ctx context.Context, l Lost)
	// OnOverdue is called with the number of updates confirmed to Telegram
	// before they were answered (see StallAfter), e.g. to count them.
	OnOverdue func(n int)
	// OnStateSave is called when saving the state file starts failing
	// (with the error) and when it works again (nil), e.g. for /readyz.
	OnStateSave func(err error)
	// OnRefused is called for every refused webhook request with the
	// reason: "unauthorized" (wrong or missing secret), "method", "too_large" or "not_update".
	OnRefused func(reason string)

	// now, sleep and writeFile are replaced in tests.
	now       func() time.Time
	sleep     func(ctx context.Context, d time.Duration) error
	writeFile func(path string, data []byte) error
}

func (c Config) withDefaults() Config {
	if c.APIURL == "" {
		c.APIURL = "https://api.telegram.org"
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	setInt(&c.Workers, 16)
	setInt(&c.QueueSize, 1000)
	setInt(&c.ChatQueueSize, 32)
	setInt(&c.PerUserPerMinute, 20)
	setDur(&c.HandlerTimeout, 30*time.Second)
	setDur(&c.ShutdownTimeout, 10*time.Second)
	setDur(&c.StallAfter, 2*time.Second)
	setDur(&c.PollTimeout, 50*time.Second)
	if c.PollLimit <= 0 || c.PollLimit > 100 {
		c.PollLimit = 100
	}
	setDur(&c.RetryMin, time.Second)
	setDur(&c.RetryMax, 60*time.Second)
	if c.RetryMax < c.RetryMin {
		c.RetryMax = c.RetryMin
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: c.PollTimeout + 15*time.Second}
	}
	if c.WebhookMaxBody <= 0 {
		c.WebhookMaxBody = 1 << 20
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	return c
}

func setInt(p *int, def int) {
	if *p == 0 {
		*p = def
	}
}

func setDur(p *time.Duration, def time.Duration) {
	if *p <= 0 {
		*p = def
	}
}

// ErrBadToken is returned (wrapped) by Poll when Telegram answers 401 or
// 404: the token is wrong or revoked. The error never contains the token.
var ErrBadToken = errors.New("telegram rejected the bot token (HTTP 401/404); check the token")

// errStopping is returned by submit after shutdown began.
var errStopping = errors.New("delivery: shutting down")

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// backoff returns the wait before retry number attempt (1-based): min·2^(attempt-1)
// capped at max, with "equal jitter" (half fixed, half random).
func backoff(attempt int, min, max time.Duration) time.Duration {
	d := min
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// pseudonymKey makes chat pseudonyms differ between process starts.
var pseudonymKey = func() []byte {
	k := make([]byte, 16)
	_, _ = crand.Read(k) // never fails on supported platforms
	return k
}()

// pseudonym is how a chat appears in logs: a keyed hash, stable within one
// process run, not reversible to the chat id.
func pseudonym(chatID int64) string {
	return chatPseudonym(strconv.FormatInt(chatID, 10))
}

// chatPseudonym is pseudonym for a chat_id as sent (a number or @name).
func chatPseudonym(chat string) string {
	m := hmac.New(sha256.New, pseudonymKey)
	m.Write([]byte(chat))
	return hex.EncodeToString(m.Sum(nil)[:6])
}

// chatOf returns the chat whose updates must stay in order: the chat of a
// message, the chat of the message under a pressed button, or the user for
// inline queries. Updates without any get chat 0.
func chatOf(u *models.Update) int64 {
	for _, m := range []*models.Message{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost, u.BusinessMessage, u.EditedBusinessMessage} {
		if m != nil {
			return m.Chat.ID
		}
	}
	switch {
	case u.CallbackQuery != nil:
		cq := u.CallbackQuery
		if m := cq.Message.Message; m != nil && m.Chat.ID != 0 {
			return m.Chat.ID
		}
		if m := cq.Message.InaccessibleMessage; m != nil && m.Chat.ID != 0 {
			return m.Chat.ID
		}
		return cq.From.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID
	case u.ChosenInlineResult != nil:
		return u.ChosenInlineResult.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.ChatMember != nil:
		return u.ChatMember.Chat.ID
	case u.ChatJoinRequest != nil:
		return u.ChatJoinRequest.Chat.ID
	}
	return 0
}

// userOf returns the user who caused the update, for the flood limit.
func userOf(u *models.Update) (int64, bool) {
	switch {
	case u.Message != nil && u.Message.From != nil:
		return u.Message.From.ID, true
	case u.EditedMessage != nil && u.EditedMessage.From != nil:
		return u.EditedMessage.From.ID, true
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID, true
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID, true
	case u.BusinessMessage != nil && u.BusinessMessage.From != nil:
		return u.BusinessMessage.From.ID, true
	}
	return 0, false
}

// kindOf names the update's type for logs.
func kindOf(u *models.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.InlineQuery != nil:
		return "inline_query"
	case u.ChosenInlineResult != nil:
		return "chosen_inline_result"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return "other"
}

// httpStatusError is a non-2xx answer of the Bot API.
type httpStatusError struct {
	method      string
	code        int
	description string
	retryAfter  int
}

func (e *httpStatusError) Error() string {
	return fmt.Sprintf("telegram %s: %d %s", e.method, e.code, e.description)
}
