// Package telegramtest is a fake Telegram Bot API for tests: an httptest
// server with Telegram's semantics where they matter for delivery.
//
//   - getUpdates long-polls (returns early when updates arrive), confirms by
//     offset (every update with an id below the offset is dropped), keeps and
//     redelivers unconfirmed updates, honours limit, and answers 409 while a
//     webhook is set or when a newer getUpdates call takes over.
//   - Requests are read as multipart/form-data (what go-telegram/bot sends),
//     application/x-www-form-urlencoded or JSON.
//   - Every call is recorded; answers can be scripted (429, 403, 409, 5xx,
//     delays, hang-ups); chats can block the bot.
//   - Every broken Telegram rule is collected in Violations: text length after
//     entity parsing, caption length, callback_data size, invalid HTML, empty
//     text, rate limits, sends to a chat that blocked the bot. With
//     EnforceRateLimits(true) sends over the limit get 429 with retry_after.
//
// Rate rules (the fake's reading of Telegram's FAQ; see RateRules):
//
//   - Overall: at most 30 sends in any 1-second window (t-1s, t].
//   - Per chat: a token bucket of 3 tokens refilled at 1 token per second;
//     each send takes a token; a send is over the limit when the bucket holds
//     less than 0.9 tokens (100 ms tolerance for network jitter).
//
// "Sends" are the methods that put or change a message in a chat: every
// send* method except sendChatAction, copyMessage(s), forwardMessage(s) and
// editMessage*. Only sends that were answered 200 count.
//
// A Server is safe for concurrent use.
package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/sozialamt-dortmund/sozialbot/bot/botapi"
)

// Token is the only bot token the fake accepts; other tokens get 401.
const Token = "123456:TEST-TOKEN"

// BotID is the bot's user id, the number before the colon in Token.
const BotID = 123456

// Rate rules the fake applies to sends.
const (
	GlobalPerSecond  = 30                     // sends per 1 s window, all chats together
	PerChatBurst     = 3                      // tokens in a chat's bucket
	PerChatInterval  = time.Second            // one token comes back per interval
	PerChatTolerance = 100 * time.Millisecond // early arrival forgiven per send
)

// Limits Telegram applies to content.
const (
	MaxTextLen         = 4096 // UTF-16 units of the text after entity parsing
	MaxCaptionLen      = 1024 // UTF-16 units of a caption after entity parsing
	MaxCallbackData    = 64   // bytes
	MaxCallbackAnswer  = 200  // UTF-16 units of answerCallbackQuery text
	DefaultUpdateLimit = 100
)

// Call is one request the fake received.
type Call struct {
	Method string
	// Params holds each form field (multipart or urlencoded, first value) or
	// top-level JSON key. Nested JSON values (reply_markup, results, ...)
	// are kept as their JSON text; JSON strings are unquoted.
	Params map[string]string
	// Files holds uploaded multipart files by field name.
	Files map[string][]byte
	// At is when the request arrived.
	At time.Time
	// Status is the HTTP status the fake answered (0 while a long poll or a
	// scripted delay is still pending; -1 when the fake hung up).
	Status int
}

// Response is a scripted answer. Status 0 or 200 means the normal answer
// (after Delay). Any other status answers {"ok":false,"error_code":Status}
// with Description (a Telegram-like default when empty) and, for 429,
// parameters.retry_after = RetryAfter (default 1).
type Response struct {
	Status      int
	RetryAfter  int
	Description string
	// Delay waits before answering; the wait ends early when the client
	// gives up (its context is cancelled), which is how timeouts are tested.
	Delay time.Duration
	// Hangup closes the connection without an answer (a network error for
	// the client).
	Hangup bool
}

type pendingUpdate struct {
	id   int64
	json []byte
}

type chatBucket struct {
	tokens float64
	last   time.Time
}

// Server is a running fake Bot API.
type Server struct {
	t   testing.TB
	srv *httptest.Server

	mu         sync.Mutex
	calls      []Call
	changed    chan struct{} // closed and replaced whenever something changes
	pending    []pendingUpdate
	nextID     int64
	scripts    map[string][]Response
	blocked    map[string]bool
	enforce    bool
	webhook    bool
	webhookURL string
	violations []string
	messageIDs map[string]int
	sends      []time.Time // successful sends in the last second
	buckets    map[string]*chatBucket
	pollStop   chan struct{} // closed when a newer getUpdates takes over
	closed     chan struct{}
}

// New starts a fake Bot API. It is closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		t:          t,
		changed:    make(chan struct{}),
		nextID:     1,
		scripts:    map[string][]Response{},
		blocked:    map[string]bool{},
		messageIDs: map[string]int{},
		buckets:    map[string]*chatBucket{},
		closed:     make(chan struct{}),
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		close(s.closed)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
	return s
}

// URL is the base URL to pass to bot.WithServerURL (no trailing slash).
func (s *Server) URL() string { return s.srv.URL }

// Client returns an HTTP client for the fake's server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// notifyLocked wakes everyone waiting in Changed. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Changed returns a channel that is closed at the next change: a call
// arriving or being answered, updates added or confirmed.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// WaitFor waits until cond returns true, checking after every change, and
// fails the test with what in the message when timeout passes first. cond
// runs without the server's lock held, so it may call the Server's methods.
func (s *Server) WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		ch := s.Changed()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("telegramtest: waited %v for %s", timeout, what)
			return
		}
	}
}

// Calls returns a copy of every call so far, in arrival order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	copy(out, s.calls)
	return out
}

// CallsTo returns the calls to one method, in arrival order.
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Count returns how many calls to method were answered with status (0 for
// any status). It is cheap enough to call from WaitFor conditions.
func (s *Server) Count(method string, status int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for i := range s.calls {
		c := &s.calls[i]
		if c.Method == method && (status == 0 || c.Status == status) {
			n++
		}
	}
	return n
}

// Pending returns how many updates are queued and not yet confirmed.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// AddUpdates queues updates for getUpdates. An update with ID 0 gets the
// next free id; ids stay increasing like Telegram's. It returns the ids.
func (s *Server) AddUpdates(us ...models.Update) []int64 {
	s.t.Helper()
	ids := make([]int64, 0, len(us))
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range us {
		if u.ID == 0 {
			u.ID = s.nextID
		}
		if u.ID >= s.nextID {
			s.nextID = u.ID + 1
		}
		b, err := json.Marshal(&u)
		if err != nil {
			s.t.Errorf("telegramtest: marshal update %d: %v", u.ID, err)
			continue
		}
		s.pending = append(s.pending, pendingUpdate{id: u.ID, json: b})
		ids = append(ids, u.ID)
	}
	sort.SliceStable(s.pending, func(i, j int) bool { return s.pending[i].id < s.pending[j].id })
	s.notifyLocked()
	return ids
}

// Script makes the next calls to method get rs, one each, in order; after
// that the method answers normally again.
func (s *Server) Script(method string, rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scripts[method] = append(s.scripts[method], rs...)
}

// Block makes every later call addressed to chatID answer 403 "Forbidden:
// bot was blocked by the user" and records a violation.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[strconv.FormatInt(chatID, 10)] = true
}

// EnforceRateLimits makes sends over the rate rules answer 429 with
// retry_after (on) or succeed while still being recorded as violations (off,
// the default).
func (s *Server) EnforceRateLimits(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.enforce = on
}

// SetWebhookActive switches webhook mode on or off; while on, getUpdates
// answers 409 Conflict. setWebhook and deleteWebhook switch it too.
func (s *Server) SetWebhookActive(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = on
	if on && s.pollStop != nil {
		close(s.pollStop)
		s.pollStop = nil
	}
}

// Violations returns every Telegram rule broken so far, one line each.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// TextUpdate builds an update with a text message from user chatID in the
// private chat chatID (Telegram uses the user id as the private chat id).
func TextUpdate(chatID int64, text string) models.Update {
	return models.Update{Message: &models.Message{
		ID:   1,
		Date: int(time.Now().Unix()),
		From: &models.User{ID: chatID, FirstName: "Test"},
		Chat: models.Chat{ID: chatID, Type: models.ChatTypePrivate},
		Text: text,
	}}
}

// CallbackUpdate builds a callback query update: user chatID pressed a
// button with data under the bot's message messageID in private chat chatID.
func CallbackUpdate(chatID int64, messageID int, data string) models.Update {
	return models.Update{CallbackQuery: &models.CallbackQuery{
		ID:           strconv.FormatInt(chatID, 10) + "-" + strconv.Itoa(messageID) + "-" + data,
		From:         models.User{ID: chatID, FirstName: "Test"},
		ChatInstance: strconv.FormatInt(chatID, 10),
		Data:         data,
		Message: models.MaybeInaccessibleMessage{
			Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{
				ID:   messageID,
				Date: int(time.Now().Unix()),
				From: &models.User{ID: BotID, IsBot: true, FirstName: "Sozialbot"},
				Chat: models.Chat{ID: chatID, Type: models.ChatTypePrivate},
			},
		},
	}}
}

type apiError struct {
	status      int
	description string
	retryAfter  int
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || method == "" || strings.Contains(method, "/") {
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
		return
	}
	if token != Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	params, files, err := readParams(r)
	call := Call{Method: method, Params: params, Files: files, At: at}
	if err != nil {
		s.t.Errorf("telegramtest: %s: read request: %v", method, err)
	}

	s.mu.Lock()
	idx := len(s.calls)
	s.calls = append(s.calls, call)
	var script *Response
	if rs := s.scripts[method]; len(rs) > 0 {
		script = &rs[0]
		s.scripts[method] = rs[1:]
	}
	s.checkContentLocked(idx, method, params)
	s.notifyLocked()
	s.mu.Unlock()

	if script != nil {
		if script.Delay > 0 {
			t := time.NewTimer(script.Delay)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				s.finish(idx, 499)
				return
			case <-s.closed:
				t.Stop()
				s.finish(idx, 499)
				return
			}
		}
		if script.Hangup {
			s.finish(idx, -1)
			hangup(w)
			return
		}
		if script.Status != 0 && script.Status != http.StatusOK {
			s.writeError(w, idx, scriptedError(method, *script))
			return
		}
	}

	if method == "getUpdates" {
		s.getUpdates(w, r, idx, params)
		return
	}
	s.mu.Lock()
	result, apiErr := s.answerLocked(idx, method, params)
	s.mu.Unlock()
	if apiErr != nil {
		s.writeError(w, idx, *apiErr)
		return
	}
	s.finish(idx, http.StatusOK)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func (s *Server) finish(idx, status int) {
	s.mu.Lock()
	s.calls[idx].Status = status
	s.notifyLocked()
	s.mu.Unlock()
}

func (s *Server) writeError(w http.ResponseWriter, idx int, e apiError) {
	s.finish(idx, e.status)
	body := map[string]any{"ok": false, "error_code": e.status, "description": e.description}
	if e.retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.retryAfter}
	}
	writeJSON(w, e.status, body)
}

func hangup(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

func scriptedError(method string, r Response) apiError {
	e := apiError{status: r.Status, description: r.Description}
	if r.Status == http.StatusTooManyRequests {
		e.retryAfter = r.RetryAfter
		if e.retryAfter <= 0 {
			e.retryAfter = 1
		}
	}
	if e.description != "" {
		return e
	}
	switch r.Status {
	case http.StatusBadRequest:
		e.description = "Bad Request"
	case http.StatusUnauthorized:
		e.description = "Unauthorized"
	case http.StatusForbidden:
		e.description = "Forbidden: bot was blocked by the user"
	case http.StatusNotFound:
		e.description = "Not Found"
	case http.StatusConflict:
		if method == "getUpdates" {
			e.description = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
		} else {
			e.description = "Conflict"
		}
	case http.StatusTooManyRequests:
		e.description = fmt.Sprintf("Too Many Requests: retry after %d", e.retryAfter)
	default:
		e.description = http.StatusText(r.Status)
		if e.description == "" {
			e.description = "Internal Server Error"
		}
	}
	return e
}

func (s *Server) violateLocked(idx int, method, chat, format string, args ...any) {
	where := fmt.Sprintf("call %d %s", idx, method)
	if chat != "" {
		where += " chat " + chat
	}
	s.violations = append(s.violations, where+": "+fmt.Sprintf(format, args...))
}

// checkContentLocked records content violations (lengths, HTML, callback
// data). It does not decide the answer; answerLocked does.
func (s *Server) checkContentLocked(idx int, method string, p map[string]string) {
	chat := p["chat_id"]
	if _, ok := p["text"]; ok && (method == "sendMessage" || method == "editMessageText") {
		if _, err := checkText(p["text"], p["parse_mode"], MaxTextLen, true); err != nil {
			s.violateLocked(idx, method, chat, "text: %s", err.description)
		}
	} else if method == "sendMessage" || method == "editMessageText" {
		s.violateLocked(idx, method, chat, "text: message text is empty")
	}
	if c, ok := p["caption"]; ok {
		if _, err := checkText(c, p["parse_mode"], MaxCaptionLen, false); err != nil {
			s.violateLocked(idx, method, chat, "caption: %s", err.description)
		}
	}
	if method == "answerCallbackQuery" {
		if n := UTF16Len(p["text"]); n > MaxCallbackAnswer {
			s.violateLocked(idx, method, chat, "callback answer text is %d UTF-16 units, limit %d", n, MaxCallbackAnswer)
		}
	}
	if rm, ok := p["reply_markup"]; ok {
		for _, msg := range checkReplyMarkup(rm) {
			s.violateLocked(idx, method, chat, "%s", msg)
		}
	}
	if method == "answerInlineQuery" {
		var results []struct {
			ID          string          `json:"id"`
			ReplyMarkup json.RawMessage `json:"reply_markup"`
			Content     *struct {
				Text      string `json:"message_text"`
				ParseMode string `json:"parse_mode"`
			} `json:"input_message_content"`
		}
		if err := json.Unmarshal([]byte(p["results"]), &results); err != nil {
			s.violateLocked(idx, method, chat, "results are not a JSON array: %v", err)
		}
		for _, r := range results {
			if r.Content != nil {
				if _, err := checkText(r.Content.Text, r.Content.ParseMode, MaxTextLen, true); err != nil {
					s.violateLocked(idx, method, chat, "result %q: %s", r.ID, err.description)
				}
			}
			if len(r.ReplyMarkup) > 0 {
				for _, msg := range checkReplyMarkup(string(r.ReplyMarkup)) {
					s.violateLocked(idx, method, chat, "result %q: %s", r.ID, msg)
				}
			}
		}
	}
}

// checkText parses text per parse_mode and checks its length. The error
// carries the 400 description Telegram would give.
func checkText(text, parseMode string, limit int, required bool) (string, *apiError) {
	plain := text
	if strings.EqualFold(parseMode, "HTML") {
		var err error
		plain, err = ParseHTML(text)
		if err != nil {
			return "", &apiError{status: 400, description: "Bad Request: can't parse entities: " + err.Error()}
		}
	}
	if required && strings.TrimSpace(plain) == "" {
		return "", &apiError{status: 400, description: "Bad Request: message text is empty"}
	}
	if n := UTF16Len(plain); n > limit {
		what := "message is too long"
		if !required {
			what = "message caption is too long"
		}
		return "", &apiError{status: 400, description: fmt.Sprintf("Bad Request: %s (%d UTF-16 units, limit %d)", what, n, limit)}
	}
	return plain, nil
}

func checkReplyMarkup(raw string) []string {
	var rm struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &rm); err != nil {
		return []string{fmt.Sprintf("reply_markup is not valid JSON: %v", err)}
	}
	var out []string
	for _, row := range rm.InlineKeyboard {
		for _, b := range row {
			if n := len(b.CallbackData); n > MaxCallbackData {
				out = append(out, fmt.Sprintf("callback_data %q is %d bytes, limit %d", b.CallbackData, n, MaxCallbackData))
			}
			if b.Text == "" {
				out = append(out, "inline button without text")
			}
		}
	}
	return out
}

// answerLocked produces the normal answer of a method, applying blocks,
// content rules and rate rules.
func (s *Server) answerLocked(idx int, method string, p map[string]string) (any, *apiError) {
	chat := p["chat_id"]
	if chat != "" && s.blocked[chat] {
		s.violateLocked(idx, method, chat, "sent to a chat that blocked the bot")
		return nil, &apiError{status: 403, description: "Forbidden: bot was blocked by the user"}
	}
	switch method {
	case "sendMessage", "editMessageText":
		if _, err := checkText(p["text"], p["parse_mode"], MaxTextLen, true); err != nil {
			return nil, err
		}
	}
	if c, ok := p["caption"]; ok {
		if _, err := checkText(c, p["parse_mode"], MaxCaptionLen, false); err != nil {
			return nil, err
		}
	}
	if rm, ok := p["reply_markup"]; ok && len(checkReplyMarkup(rm)) > 0 {
		return nil, &apiError{status: 400, description: "Bad Request: BUTTON_DATA_INVALID"}
	}
	if botapi.IsSend(method) {
		if wait, ok := s.rateLocked(idx, method, chat); !ok && s.enforce {
			ra := int(math.Ceil(wait.Seconds()))
			if ra < 1 {
				ra = 1
			}
			return nil, &apiError{status: 429, description: fmt.Sprintf("Too Many Requests: retry after %d", ra), retryAfter: ra}
		}
	}
	switch method {
	case "getMe":
		return models.User{ID: BotID, IsBot: true, FirstName: "Sozialbot Test", Username: "sozialbot_test_bot"}, nil
	case "setWebhook":
		s.webhook, s.webhookURL = true, p["url"]
		if s.pollStop != nil {
			close(s.pollStop)
			s.pollStop = nil
		}
		return true, nil
	case "deleteWebhook":
		s.webhook, s.webhookURL = false, ""
		if p["drop_pending_updates"] == "true" {
			s.pending = nil
		}
		return true, nil
	case "getWebhookInfo":
		return map[string]any{"url": s.webhookURL, "has_custom_certificate": false, "pending_update_count": len(s.pending)}, nil
	case "sendMessage", "sendVenue", "sendLocation", "sendPhoto", "sendDocument", "copyMessage", "forwardMessage":
		return s.messageLocked(chat, p), nil
	case "editMessageText", "editMessageReplyMarkup", "editMessageCaption":
		if p["inline_message_id"] != "" {
			return true, nil
		}
		m := s.messageLocked(chat, p)
		if id, err := strconv.Atoi(p["message_id"]); err == nil {
			m.ID = id
		}
		return m, nil
	}
	return true, nil
}

// messageLocked builds the Message Telegram returns for a send.
func (s *Server) messageLocked(chat string, p map[string]string) models.Message {
	s.messageIDs[chat]++
	id, _ := strconv.ParseInt(chat, 10, 64)
	m := models.Message{
		ID:   s.messageIDs[chat],
		Date: int(time.Now().Unix()),
		From: &models.User{ID: BotID, IsBot: true, FirstName: "Sozialbot Test", Username: "sozialbot_test_bot"},
		Chat: models.Chat{ID: id, Type: models.ChatTypePrivate},
	}
	if strings.EqualFold(p["parse_mode"], "HTML") {
		m.Text, _ = ParseHTML(p["text"])
	} else {
		m.Text = p["text"]
	}
	if lat, err := strconv.ParseFloat(p["latitude"], 64); err == nil {
		lon, _ := strconv.ParseFloat(p["longitude"], 64)
		m.Location = &models.Location{Latitude: lat, Longitude: lon}
		if p["title"] != "" {
			m.Venue = &models.Venue{Location: models.Location{Latitude: lat, Longitude: lon}, Title: p["title"], Address: p["address"]}
		}
	}
	return m
}

// rateLocked applies the rate rules to a send arriving now. It returns
// false and how long to wait when the send is over a limit; the violation is
// recorded. Sends that pass are counted.
func (s *Server) rateLocked(idx int, method, chat string) (time.Duration, bool) {
	now := time.Now()
	cut := now.Add(-time.Second)
	keep := 0
	for keep < len(s.sends) && !s.sends[keep].After(cut) {
		keep++
	}
	s.sends = s.sends[keep:]
	var wait time.Duration
	ok := true
	if len(s.sends) >= GlobalPerSecond {
		ok = false
		wait = s.sends[len(s.sends)-GlobalPerSecond].Sub(cut)
		s.violateLocked(idx, method, chat, "more than %d sends in one second overall", GlobalPerSecond)
	}
	b := s.buckets[chat]
	if b == nil {
		b = &chatBucket{tokens: PerChatBurst, last: now}
		if chat != "" {
			s.buckets[chat] = b
		}
	}
	tokens := math.Min(PerChatBurst, b.tokens+float64(now.Sub(b.last))/float64(PerChatInterval))
	need := 1 - float64(PerChatTolerance)/float64(PerChatInterval)
	if chat != "" && tokens < need {
		ok = false
		if w := time.Duration((need - tokens) * float64(PerChatInterval)); w > wait {
			wait = w
		}
		s.violateLocked(idx, method, chat, "more than 1 send per second sustained in one chat (burst %d)", PerChatBurst)
	}
	if ok || !s.enforce {
		s.sends = append(s.sends, now)
		b.tokens, b.last = tokens-1, now
	}
	return wait, ok
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, idx int, p map[string]string) {
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	limit, err := strconv.Atoi(p["limit"])
	if err != nil || limit <= 0 || limit > DefaultUpdateLimit {
		limit = DefaultUpdateLimit
	}
	timeout, _ := strconv.Atoi(p["timeout"])
	if timeout < 0 {
		timeout = 0
	}

	s.mu.Lock()
	if s.webhook {
		s.mu.Unlock()
		s.writeError(w, idx, apiError{status: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
		return
	}
	if s.pollStop != nil {
		close(s.pollStop)
	}
	stop := make(chan struct{})
	s.pollStop = stop
	switch {
	case offset > 0:
		keep := 0
		for keep < len(s.pending) && s.pending[keep].id < offset {
			keep++
		}
		if keep > 0 {
			s.pending = s.pending[keep:]
			s.notifyLocked()
		}
	case offset < 0:
		if n := int(-offset); n < len(s.pending) {
			s.pending = s.pending[len(s.pending)-n:]
			s.notifyLocked()
		}
	}
	s.mu.Unlock()

	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		var batch []json.RawMessage
		for _, u := range s.pending {
			if len(batch) == limit {
				break
			}
			if u.id >= offset {
				batch = append(batch, u.json)
			}
		}
		changed := s.changed
		s.mu.Unlock()
		if len(batch) > 0 || timeout == 0 {
			s.clearPoll(stop)
			s.finish(idx, http.StatusOK)
			if batch == nil {
				batch = []json.RawMessage{}
			}
			writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": batch})
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			timeout = 0
		case <-stop:
			s.writeError(w, idx, apiError{status: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"})
			return
		case <-r.Context().Done():
			s.clearPoll(stop)
			s.finish(idx, 499)
			return
		case <-s.closed:
			s.finish(idx, 499)
			return
		}
	}
}

func (s *Server) clearPoll(stop chan struct{}) {
	s.mu.Lock()
	if s.pollStop == stop {
		s.pollStop = nil
	}
	s.mu.Unlock()
}

// readParams reads the request's parameters whatever the encoding.
func readParams(r *http.Request) (map[string]string, map[string][]byte, error) {
	params := map[string]string{}
	files := map[string][]byte{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		mr := multipart.NewReader(r.Body, ctParams["boundary"])
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) { // also an empty body (no parameters)
				break
			}
			if err != nil {
				return params, files, err
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return params, files, err
			}
			if part.FileName() != "" {
				files[part.FormName()] = data
			} else if _, dup := params[part.FormName()]; !dup {
				params[part.FormName()] = string(data)
			}
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return params, files, err
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
	case "application/json":
		var m map[string]json.RawMessage
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return params, files, err
		}
		if len(bytes.TrimSpace(body)) > 0 {
			if err := json.Unmarshal(body, &m); err != nil {
				return params, files, err
			}
		}
		for k, v := range m {
			var str string
			if json.Unmarshal(v, &str) == nil {
				params[k] = str
			} else {
				params[k] = string(v)
			}
		}
	}
	return params, files, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
