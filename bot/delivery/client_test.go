package delivery

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// newTestClient returns a Client on a fake clock (sleeps return at once).
func newTestClient(t *testing.T, s *telegramtest.Server, cfg ClientConfig) (*Client, *fakeClock, *logBuf) {
	t.Helper()
	clock := newFakeClock()
	log, lb := newLogger(t)
	if cfg.HTTP == nil {
		cfg.HTTP = s.Client()
	}
	cfg.Logger, cfg.now, cfg.sleep = log, clock.now, clock.sleep
	return NewClient(cfg), clock, lb
}

func send(t *testing.T, b *bot.Bot, chat int64, text string, mode models.ParseMode) error {
	t.Helper()
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: chat, Text: text, ParseMode: mode})
	checkNoToken(t, "send", err)
	return err
}

func TestClientHonours429RetryAfter(t *testing.T) {
	s := telegramtest.New(t)
	var seen []time.Duration
	c, clock, _ := newTestClient(t, s, ClientConfig{On429: func(method string, d time.Duration) { seen = append(seen, d) }})
	b := newBot(t, s, c)
	s.Script("sendMessage", telegramtest.Response{Status: 429, RetryAfter: 3})
	if err := send(t, b, 1, "Hallo", ""); err != nil {
		t.Fatalf("got %v, want success after the retry", err)
	}
	if n := s.Count("sendMessage", 0); n != 2 {
		t.Errorf("calls: got %d, want 2", n)
	}
	if sl := clock.slept(); len(sl) != 1 || sl[0] != 3*time.Second {
		t.Errorf("slept %v, want [3s]", sl)
	}
	if st := c.Stats(); st.TooManyRequests != 1 || st.Retries != 1 || st.Sends != 1 {
		t.Errorf("stats: %+v", st)
	}
	if len(seen) != 1 || seen[0] != 3*time.Second {
		t.Errorf("On429: %v", seen)
	}
}

func TestClient429TooLongOrTooOftenIsReturned(t *testing.T) {
	s := telegramtest.New(t)
	c, clock, _ := newTestClient(t, s, ClientConfig{MaxAttempts: 3})
	b := newBot(t, s, c)

	s.Script("sendMessage", telegramtest.Response{Status: 429, RetryAfter: 100000})
	err := send(t, b, 1, "x", "")
	var tooMany *bot.TooManyRequestsError
	if !errors.As(err, &tooMany) || tooMany.RetryAfter != 100000 {
		t.Errorf("retry_after over the cap: got %v, want the 429 at once", err)
	}
	if sl := clock.slept(); len(sl) != 0 {
		t.Errorf("waited %v for a retry_after over the cap", sl)
	}

	s.Script("sendMessage", telegramtest.Response{Status: 429, RetryAfter: 1}, telegramtest.Response{Status: 429, RetryAfter: 1},
		telegramtest.Response{Status: 429, RetryAfter: 1}, telegramtest.Response{Status: 429, RetryAfter: 1})
	before := s.Count("sendMessage", 0)
	if err := send(t, b, 2, "x", ""); !errors.As(err, &tooMany) {
		t.Errorf("persistent 429: got %v", err)
	}
	if n := s.Count("sendMessage", 0) - before; n != 3 {
		t.Errorf("persistent 429: %d attempts, want MaxAttempts=3", n)
	}
}

func TestClientNeverRetries403(t *testing.T) {
	s := telegramtest.New(t)
	c, clock, _ := newTestClient(t, s, ClientConfig{})
	b := newBot(t, s, c)
	s.Block(7)
	if err := send(t, b, 7, "x", ""); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("got %v, want ErrorForbidden", err)
	}
	if n := s.Count("sendMessage", 0); n != 1 {
		t.Errorf("calls: %d, want 1", n)
	}
	if st := c.Stats(); st.Forbidden != 1 || st.Retries != 0 {
		t.Errorf("stats: %+v", st)
	}
	if sl := clock.slept(); len(sl) != 0 {
		t.Errorf("slept %v", sl)
	}
}

func TestClientReturnsParseErrorsAsTheyAre(t *testing.T) {
	s := telegramtest.New(t)
	c, _, _ := newTestClient(t, s, ClientConfig{})
	b := newBot(t, s, c)
	// Staff wrote "<Mo-Fr>" in an answer: not a tag Telegram knows. The
	// conversation, not the client, sends it again as plain text.
	if err := send(t, b, 1, "<b>Öffnungszeiten</b> <Mo-Fr> 8&amp;9 Uhr", models.ParseModeHTML); !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("got %v, want the 400", err)
	}
	if n := s.Count("sendMessage", 0); n != 1 {
		t.Errorf("calls: %d, want 1 (no retry)", n)
	}
}

func TestClientRetries5xxAndNetworkErrors(t *testing.T) {
	s := telegramtest.New(t)
	c, clock, lb := newTestClient(t, s, ClientConfig{RetryMin: time.Second, RetryMax: 4 * time.Second})
	b := newBot(t, s, c)
	s.Script("sendMessage", telegramtest.Response{Status: 502}, telegramtest.Response{Hangup: true}, telegramtest.Response{Status: 500})
	if err := send(t, b, 1, "x", ""); err != nil {
		t.Fatalf("got %v, want success on the 4th attempt", err)
	}
	sl := clock.slept()
	if len(sl) != 3 {
		t.Fatalf("slept %v, want 3 backoffs", sl)
	}
	// Equal jitter: attempt n waits between half and all of min·2^(n-1), capped.
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		if sl[i] < want/2 || sl[i] > want {
			t.Errorf("backoff %d: %v, want in [%v, %v]", i+1, sl[i], want/2, want)
		}
	}
	if !strings.Contains(lb.String(), "server error; retrying") || !strings.Contains(lb.String(), "(network); retrying") {
		t.Errorf("retries not logged:\n%s", lb)
	}

	s.Script("sendMessage", telegramtest.Response{Status: 503}, telegramtest.Response{Status: 503},
		telegramtest.Response{Status: 503}, telegramtest.Response{Status: 503}, telegramtest.Response{Status: 503})
	before := s.Count("sendMessage", 0)
	if err := send(t, b, 1, "x", ""); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("persistent 503: got %v", err)
	}
	if n := s.Count("sendMessage", 0) - before; n != 4 {
		t.Errorf("persistent 503: %d attempts, want 4", n)
	}
}

func TestClientRetriesTimeouts(t *testing.T) {
	s := telegramtest.New(t)
	httpClient := s.Client()
	httpClient.Timeout = 200 * time.Millisecond
	c, _, _ := newTestClient(t, s, ClientConfig{HTTP: httpClient})
	b := newBot(t, s, c)
	s.Script("sendMessage", telegramtest.Response{Delay: time.Hour})
	if err := send(t, b, 1, "x", ""); err != nil {
		t.Fatalf("got %v, want success after a timeout", err)
	}
	calls := s.CallsTo("sendMessage")
	if len(calls) != 2 || calls[1].Status != 200 {
		t.Errorf("calls: %+v", calls)
	}
}

func TestClientDoesNotTouchGetUpdates(t *testing.T) {
	s := telegramtest.New(t)
	c, clock, _ := newTestClient(t, s, ClientConfig{})
	s.Script("getUpdates", telegramtest.Response{Status: 502})
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/bot"+telegramtest.Token+"/getUpdates", nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 || s.Count("getUpdates", 0) != 1 || len(clock.slept()) != 0 {
		t.Errorf("getUpdates was retried or paced: status %d, calls %d, slept %v", resp.StatusCode, s.Count("getUpdates", 0), clock.slept())
	}
	if c.Stats().Requests != 0 {
		t.Errorf("getUpdates counted: %+v", c.Stats())
	}
}

func TestClientPacesPerChatAndOverall(t *testing.T) {
	s := telegramtest.New(t)
	c, clock, _ := newTestClient(t, s, ClientConfig{})
	b := newBot(t, s, c)
	// One chat: a burst of 3, then one per second.
	start := clock.now()
	var at []time.Duration
	for range 6 {
		if err := send(t, b, 1, "x", ""); err != nil {
			t.Fatal(err)
		}
		at = append(at, clock.now().Sub(start))
	}
	// The overall pace (30/s, one at a time) spaces even the burst.
	step := time.Second / 30
	want := []time.Duration{0, step, 2 * step, time.Second, 2 * time.Second, 3 * time.Second}
	for i := range want {
		if d := at[i] - want[i]; d < 0 || d > step {
			t.Errorf("send %d to one chat at %v, want %v", i, at[i], want[i])
		}
	}
	// chat_action is not paced.
	before := clock.now()
	for range 5 {
		if _, err := b.SendChatAction(context.Background(), &bot.SendChatActionParams{ChatID: 1, Action: models.ChatActionTyping}); err != nil {
			t.Fatal(err)
		}
	}
	if clock.now() != before {
		t.Errorf("sendChatAction was paced")
	}
	// Many chats: 30 per second overall (a fresh client: the sends above
	// count against the one-second window too).
	c, clock, _ = newTestClient(t, s, ClientConfig{})
	b = newBot(t, s, c)
	start = clock.now()
	for i := range 60 {
		if err := send(t, b, int64(100+i), "x", ""); err != nil {
			t.Fatal(err)
		}
	}
	if d := clock.now().Sub(start); d < 59*step || d > 60*step {
		t.Errorf("60 sends to 60 chats took %v, want about %v", d, 59*step)
	}
}

func TestClientWindowHoldsBackWhenAnswersAreLate(t *testing.T) {
	// Every answer takes 100 ms: a send may leave only one second after
	// the send 30 places before it was answered, so no second at Telegram
	// can see more than 30 however late requests arrive.
	s := telegramtest.New(t)
	clock := newFakeClock()
	var starts []time.Time
	slow := doerFunc(func(r *http.Request) (*http.Response, error) {
		starts = append(starts, clock.now())
		clock.sleep(r.Context(), 100*time.Millisecond)
		return s.Client().Do(r)
	})
	c, _, _ := newTestClient(t, s, ClientConfig{HTTP: slow})
	c.cfg.now, c.cfg.sleep = clock.now, clock.sleep
	b := newBot(t, s, c)
	for i := range 61 {
		if err := send(t, b, int64(100+i), "x", ""); err != nil {
			t.Fatal(err)
		}
	}
	for k := 30; k < len(starts); k++ {
		if gap := starts[k].Sub(starts[k-30]); gap < time.Second+100*time.Millisecond {
			t.Errorf("send %d started %v after send %d, want ≥ 1.1s", k, gap, k-30)
		}
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestPacerBurstAndPause(t *testing.T) {
	p := newPacer(1, 3)
	t0 := time.Unix(1000, 0)
	var got []time.Duration
	for range 5 {
		got = append(got, p.reserve(t0).Sub(t0))
	}
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reserve %d: got %v, want %v", i, got[i], want[i])
		}
	}
	p = newPacer(1, 3)
	p.pause(t0.Add(10 * time.Second))
	if at := p.reserve(t0).Sub(t0); at != 10*time.Second {
		t.Errorf("after pause: got %v, want 10s", at)
	}
}

func TestClientRedactsTokenFromNetworkErrors(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // connection refused from now on
	log, lb := newLogger(t)
	clock := newFakeClock()
	c := NewClient(ClientConfig{Logger: log, now: clock.now, sleep: clock.sleep, MaxAttempts: 2})
	b, err := bot.New(telegramtest.Token, bot.WithServerURL(deadURL), bot.WithSkipGetMe(), bot.WithHTTPClient(time.Minute, c))
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: 1, Text: "x"})
	if err == nil {
		t.Fatal("no error from a dead server")
	}
	checkNoToken(t, "send to a dead server", err)

	// Directly: the error is still a *url.Error, without the token.
	req, _ := http.NewRequest(http.MethodPost, deadURL+"/bot"+telegramtest.Token+"/sendMessage", strings.NewReader("chat_id=1&text=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	_, err = c.Do(req)
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("got %T %v, want a *url.Error", err, err)
	}
	checkNoToken(t, "Client.Do", err)
	if !strings.Contains(lb.String(), "retrying") {
		t.Errorf("network retry not logged:\n%s", lb)
	}
}

func TestScrubKeepsChain(t *testing.T) {
	inner := context.DeadlineExceeded
	err := &url.Error{Op: "Post", URL: "https://api.telegram.org/bot" + telegramtest.Token + "/sendMessage", Err: inner}
	wrapped := scrub(errors.Join(errors.New("send"), err), "")
	if strings.Contains(wrapped.Error(), tokenSecret) {
		t.Errorf("token left: %v", wrapped)
	}
	if !errors.Is(wrapped, context.DeadlineExceeded) {
		t.Errorf("chain lost: %v", wrapped)
	}
	var ue *url.Error
	if !errors.As(wrapped, &ue) || strings.Contains(ue.URL, tokenSecret) {
		t.Errorf("url.Error lost or not redacted: %v", ue)
	}
}
