package delivery

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// tokenSecret is the part of the test token that must never be printed.
const tokenSecret = "TEST-TOKEN"

// logBuf collects log output; safe for concurrent use.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuf) count(s string) int { return strings.Count(l.String(), s) }

// newLogger returns a logger whose whole output is checked for the token
// when the test ends.
func newLogger(t testing.TB) (*slog.Logger, *logBuf) {
	lb := &logBuf{}
	t.Cleanup(func() {
		if out := lb.String(); strings.Contains(out, tokenSecret) {
			t.Errorf("the bot token appears in the logs:\n%s", out)
		}
	})
	return slog.New(slog.NewJSONHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug})), lb
}

// checkNoToken fails when err's text contains the token.
func checkNoToken(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), tokenSecret) {
		t.Errorf("%s: token in error %q", what, err)
	}
}

// newBot builds the go-telegram/bot client the conversation will use, with
// our Client as its HTTP client. It is only used to send.
func newBot(t testing.TB, s *telegramtest.Server, c *Client) *bot.Bot {
	t.Helper()
	b, err := bot.New(telegramtest.Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(),
		bot.WithHTTPClient(time.Minute, c), bot.WithNotAsyncHandlers())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answerWithID answers every update with its update_id as text.
func answerWithID(t testing.TB, b *bot.Bot) Handler {
	return func(ctx context.Context, u *models.Update) {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chatOf(u), Text: strconv.FormatInt(u.ID, 10)})
		checkNoToken(t, "answer", err)
	}
}

// runPoll runs Poll in the background; stop cancels it and returns its error.
func runPoll(t testing.TB, cfg Config, h Handler) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Poll(ctx, cfg, h) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-errc:
			case <-time.After(30 * time.Second):
				t.Fatal("Poll did not return 30 s after cancel")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stop
}

// testConfig is a Config for the fake with fast polling.
func testConfig(t testing.TB, s *telegramtest.Server, log *slog.Logger) Config {
	return Config{
		APIURL:          s.URL(),
		Token:           telegramtest.Token,
		StateDir:        t.TempDir(),
		PollTimeout:     time.Second,
		ShutdownTimeout: 5 * time.Second,
		HTTPClient:      s.Client(),
		Logger:          log,
	}
}

// fakeClock is a clock for single-goroutine tests: sleep advances it at once.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.sleeps = append(c.sleeps, d)
		c.t = c.t.Add(d)
	}
	return ctx.Err()
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func (c *fakeClock) slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// answeredIDs returns, per chat, the texts of successful sendMessage calls
// in the order the fake received them.
func answeredIDs(s *telegramtest.Server) map[string][]string {
	out := map[string][]string{}
	for _, c := range s.CallsTo("sendMessage") {
		if c.Status == 200 {
			out[c.Params["chat_id"]] = append(out[c.Params["chat_id"]], c.Params["text"])
		}
	}
	return out
}

// testState opens the state in dir for polling, with a test logger.
func testState(t testing.TB, dir string) *state {
	t.Helper()
	log, _ := newLogger(t)
	st, err := openState(Config{StateDir: dir, Logger: log}.withDefaults(), false)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
