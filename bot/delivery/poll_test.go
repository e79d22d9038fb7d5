package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// fastClient is a Client that does not pace (for tests about intake).
func fastClient(s *telegramtest.Server, cfg Config) *Client {
	return NewClient(ClientConfig{HTTP: s.Client(), Logger: cfg.Logger, PerSecond: 1e6, PerWindow: -1, PerChatPerSecond: 1e6, PerChatBurst: 1000})
}

// sleepRecorder replaces Config.sleep: it records waits and returns at
// once; after is called with the number of waits so far.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
	after func(n int)
}

func (r *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	n, after := len(r.waits), r.after
	r.mu.Unlock()
	if after != nil {
		after(n)
	}
	return ctx.Err()
}

func (r *sleepRecorder) recorded() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.waits)
}

func readState(t *testing.T, dir string) stateFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, StateFileName))
	if err != nil {
		t.Fatal(err)
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// checkExactlyOnceInOrder checks that every id in want was answered once,
// nothing else was answered, and each chat's answers came in id order.
func checkExactlyOnceInOrder(t *testing.T, s *telegramtest.Server, want []int64) {
	t.Helper()
	count := map[int64]int{}
	for chat, texts := range answeredIDs(s) {
		last := int64(0)
		for _, text := range texts {
			id, err := strconv.ParseInt(text, 10, 64)
			if err != nil {
				t.Errorf("chat %s: answer %q is not an update id", chat, text)
				continue
			}
			if id <= last {
				t.Errorf("chat %s: update %d answered after %d", chat, id, last)
			}
			last = id
			count[id]++
		}
	}
	for _, id := range want {
		if count[id] != 1 {
			t.Errorf("update %d answered %d times, want 1", id, count[id])
		}
		delete(count, id)
	}
	for id, n := range count {
		t.Errorf("unexpected update %d answered %d times", id, n)
	}
}

func TestRestartMidBatchAnswersEveryUpdateOnceInOrder(t *testing.T) {
	s := telegramtest.New(t)
	log, _ := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.Workers = 8
	b := newBot(t, s, fastClient(s, cfg))

	var us []models.Update
	for i := range 500 {
		us = append(us, telegramtest.TextUpdate(int64(1000+(i*7)%200), "Frage"))
	}
	ids := s.AddUpdates(us...)

	var running, maxRunning, handled atomic.Int64
	calls := sync.Map{} // update id -> *atomic.Int64
	mid := make(chan struct{})
	answer := answerWithID(t, b)
	// Every question gets its answer: a "please send it again" is a loss.
	cfg.OnLost = func(ctx context.Context, l Lost) {
		t.Errorf("update %d lost: its sender was asked to write again", l.UpdateID)
	}
	h := func(ctx context.Context, u *models.Update) {
		n := running.Add(1)
		for m := maxRunning.Load(); n > m && !maxRunning.CompareAndSwap(m, n); m = maxRunning.Load() {
		}
		c, _ := calls.LoadOrStore(u.ID, new(atomic.Int64))
		c.(*atomic.Int64).Add(1)
		answer(ctx, u)
		running.Add(-1)
		if handled.Add(1) == 150 {
			close(mid)
		}
	}

	stop := runPoll(t, cfg, h)
	select {
	case <-mid:
	case <-time.After(30 * time.Second):
		t.Fatal("150 updates not handled in 30 s")
	}
	if err := stop(); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	first := handled.Load()
	if first >= 500 {
		t.Fatalf("all updates were handled before the cancel took effect; the test did not interrupt a batch")
	}
	st := readState(t, cfg.StateDir)
	t.Logf("first run handled %d of 500; saved watermark %d, %d handled above, %d lost", first, st.Watermark, len(st.Handled), len(st.Lost))

	stop = runPoll(t, cfg, h)
	s.WaitFor(t, 30*time.Second, "all 500 answered and confirmed", func() bool {
		return s.Count("sendMessage", 200) >= 500 && s.Pending() == 0
	})
	if err := stop(); err != nil {
		t.Fatalf("Poll after restart: %v", err)
	}
	checkExactlyOnceInOrder(t, s, ids)
	for _, id := range ids {
		if c, ok := calls.Load(id); !ok || c.(*atomic.Int64).Load() != 1 {
			t.Errorf("update %d: handler ran %v times", id, c)
		}
	}
	if m := maxRunning.Load(); m > int64(cfg.Workers) {
		t.Errorf("%d handlers ran at once, Workers is %d", m, cfg.Workers)
	}
	if st := readState(t, cfg.StateDir); st.Watermark != ids[len(ids)-1] || len(st.Handled) != 0 || len(st.Lost) != 0 {
		t.Errorf("final state: %+v, want watermark %d and nothing else", st, ids[len(ids)-1])
	}
	// This test does not pace (see fastClient), so the fake's rate
	// violations are expected; TestBurst covers pacing.
}

func TestSlowChatIsConfirmedAndItsSenderToldAfterRestart(t *testing.T) {
	s := telegramtest.New(t)
	log, lb := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.ShutdownTimeout = 300 * time.Millisecond
	b := newBot(t, s, fastClient(s, cfg))
	answer := answerWithID(t, b)
	var told []Lost
	cfg.OnLost = func(ctx context.Context, l Lost) {
		told = append(told, l)
		answer(ctx, &models.Update{ID: l.UpdateID, Message: &models.Message{Chat: models.Chat{ID: l.ChatID}}})
	}

	slowUpdate := telegramtest.TextUpdate(1, "langsam und geheim")
	slowUpdate.Message.From.LanguageCode = "en"
	slow := s.AddUpdates(slowUpdate)[0]
	var others []models.Update
	for i := range 250 { // more than one getUpdates window (100)
		others = append(others, telegramtest.TextUpdate(int64(2+i%50), "Frage"))
	}
	ids := append([]int64{slow}, s.AddUpdates(others...)...)

	release := make(chan struct{})
	h := func(ctx context.Context, u *models.Update) {
		if u.ID == slow {
			select {
			case <-release:
			case <-ctx.Done():
				return // cut off by the shutdown deadline: no answer
			}
		}
		answer(ctx, u)
	}
	stop := runPoll(t, cfg, h)
	s.WaitFor(t, 30*time.Second, "the 250 other updates answered while chat 1 is stuck", func() bool {
		return s.Count("sendMessage", 200) == 250
	})
	st := readState(t, cfg.StateDir)
	if !slices.ContainsFunc(st.Lost, func(l Lost) bool { return l.UpdateID == slow }) || st.Watermark <= 100 {
		t.Errorf("state while chat 1 is stuck: watermark %d, %d lost; want > 100 and update %d listed", st.Watermark, len(st.Lost), slow)
	}
	if data, _ := os.ReadFile(filepath.Join(cfg.StateDir, StateFileName)); strings.Contains(string(data), "geheim") {
		t.Errorf("the state file holds the text of a message: %s", data)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(lb.String(), "cut off by the shutdown deadline") {
		t.Errorf("cut-off handler not logged")
	}
	if st := readState(t, cfg.StateDir); len(st.Lost) != 1 {
		t.Fatalf("after shutdown: %d lost, want the stuck update", len(st.Lost))
	}

	close(release)
	stop = runPoll(t, cfg, h)
	s.WaitFor(t, 30*time.Second, "the stuck update's sender told after restart", func() bool {
		return s.Count("sendMessage", 200) == 251
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if want := []Lost{{UpdateID: slow, ChatID: 1, Lang: "en"}}; !slices.Equal(told, want) {
		t.Errorf("OnLost got %+v, want %+v", told, want)
	}
	checkExactlyOnceInOrder(t, s, ids)
	if st := readState(t, cfg.StateDir); len(st.Lost) != 0 {
		t.Errorf("lost left: %d", len(st.Lost))
	}
}

func TestInFlightHandlerFinishesAfterCancel(t *testing.T) {
	s := telegramtest.New(t)
	log, _ := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.HandlerTimeout = 5 * time.Second
	b := newBot(t, s, fastClient(s, cfg))
	answer := answerWithID(t, b)

	started, cancelled := make(chan struct{}), make(chan struct{})
	var deadline time.Duration
	h := func(ctx context.Context, u *models.Update) {
		dl, _ := ctx.Deadline()
		deadline = time.Until(dl)
		close(started)
		<-cancelled
		answer(ctx, u) // must still work: shutdown waits for in-flight handlers
	}
	id := s.AddUpdates(telegramtest.TextUpdate(1, "Frage"))[0]
	stop := runPoll(t, cfg, h)
	<-started
	done := make(chan error)
	go func() { done <- stop() }()
	// Poll's context is cancelled; the handler is still running.
	s.WaitFor(t, 10*time.Second, "the poller to stop fetching", func() bool {
		calls := s.CallsTo("getUpdates")
		return len(calls) > 0 && calls[len(calls)-1].Status != 0
	})
	close(cancelled)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if deadline <= 0 || deadline > cfg.HandlerTimeout {
		t.Errorf("handler deadline in %v, want within HandlerTimeout %v", deadline, cfg.HandlerTimeout)
	}
	checkExactlyOnceInOrder(t, s, []int64{id})
	if st := readState(t, cfg.StateDir); st.Watermark != id {
		t.Errorf("watermark %d, want %d", st.Watermark, id)
	}
}

func TestPollConflictBacksOffAndSaysSo(t *testing.T) {
	s := telegramtest.New(t)
	log, lb := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.RetryMin, cfg.RetryMax = time.Second, 4*time.Second
	rec := &sleepRecorder{}
	cfg.sleep = rec.sleep
	b := newBot(t, s, fastClient(s, cfg))

	s.Script("getUpdates", telegramtest.Response{Status: 409}, telegramtest.Response{Status: 409},
		telegramtest.Response{Status: 409}, telegramtest.Response{Status: 409})
	id := s.AddUpdates(telegramtest.TextUpdate(1, "Frage"))[0]
	stop := runPoll(t, cfg, answerWithID(t, b))
	s.WaitFor(t, 10*time.Second, "the answer after the conflicts", func() bool { return s.Count("sendMessage", 200) == 1 })

	// A webhook set by someone else: the real 409 of the fake.
	s.SetWebhookActive(true)
	rec.mu.Lock()
	rec.after = func(n int) {
		if n == 6 {
			s.SetWebhookActive(false)
		}
	}
	rec.mu.Unlock()
	id2 := s.AddUpdates(telegramtest.TextUpdate(2, "Frage"))[0]
	s.WaitFor(t, 10*time.Second, "the answer after the webhook is gone", func() bool { return s.Count("sendMessage", 200) == 2 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	checkExactlyOnceInOrder(t, s, []int64{id, id2})

	if n := lb.count("another instance is polling or a webhook is set"); n < 6 {
		t.Errorf("409 logged %d times, want ≥ 6:\n%s", n, lb)
	}
	if !strings.Contains(lb.String(), "webhook is active") {
		t.Errorf("the webhook conflict's description is not logged")
	}
	w := rec.recorded()
	for i, max := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second} {
		if w[i] < max/2 || w[i] > max {
			t.Errorf("backoff %d: %v, want in [%v, %v]", i+1, w[i], max/2, max)
		}
	}
	if !strings.Contains(lb.String(), "getUpdates works again") {
		t.Errorf("recovery not logged")
	}
}

func TestPollRetriesServerErrorsHangupsAnd429(t *testing.T) {
	s := telegramtest.New(t)
	log, lb := newLogger(t)
	cfg := testConfig(t, s, log)
	rec := &sleepRecorder{}
	cfg.sleep = rec.sleep
	b := newBot(t, s, fastClient(s, cfg))
	s.Script("getUpdates", telegramtest.Response{Status: 502}, telegramtest.Response{Hangup: true},
		telegramtest.Response{Status: 429, RetryAfter: 7})
	id := s.AddUpdates(telegramtest.TextUpdate(1, "Frage"))[0]
	stop := runPoll(t, cfg, answerWithID(t, b))
	s.WaitFor(t, 10*time.Second, "the answer after the failures", func() bool { return s.Count("sendMessage", 200) == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	checkExactlyOnceInOrder(t, s, []int64{id})
	w := rec.recorded()
	if len(w) != 3 || w[2] != 7*time.Second {
		t.Errorf("waits %v, want three with retry_after 7s last", w)
	}
	for _, want := range []string{"Telegram server error", "(network)", "rate limited (429)"} {
		if !strings.Contains(lb.String(), want) {
			t.Errorf("log lacks %q", want)
		}
	}
}

func TestPollStopsOnRejectedToken(t *testing.T) {
	for _, tc := range []struct {
		name   string
		token  string
		script *telegramtest.Response
	}{
		{"401 wrong token", "999:WRONG-" + tokenSecret, nil},
		{"404", telegramtest.Token, &telegramtest.Response{Status: 404}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := telegramtest.New(t)
			log, _ := newLogger(t)
			cfg := testConfig(t, s, log)
			cfg.Token = tc.token
			if tc.script != nil {
				s.Script("getUpdates", *tc.script)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := Poll(ctx, cfg, func(context.Context, *models.Update) {})
			if !errors.Is(err, ErrBadToken) {
				t.Errorf("got %v, want ErrBadToken", err)
			}
			checkNoToken(t, "Poll", err)
		})
	}
}

func TestPollNetworkFailuresNeverShowTheToken(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	log, lb := newLogger(t)
	ctx, cancel := context.WithCancel(context.Background())
	rec := &sleepRecorder{after: func(n int) {
		if n == 3 {
			cancel()
		}
	}}
	cfg := Config{APIURL: dead.URL, Token: telegramtest.Token, StateDir: t.TempDir(), Logger: log, sleep: rec.sleep}
	err := Poll(ctx, cfg, func(context.Context, *models.Update) {})
	if err != nil {
		t.Errorf("Poll after cancel: %v", err)
	}
	if n := lb.count("getUpdates failed (network)"); n != 3 {
		t.Errorf("network failures logged %d times, want 3:\n%s", n, lb)
	}
	if !strings.Contains(lb.String(), "bot<token>") {
		t.Errorf("expected the redacted URL in the log:\n%s", lb)
	}
}

func TestPanicIsRecoveredLoggedWithoutTextAndReported(t *testing.T) {
	s := telegramtest.New(t)
	log, lb := newLogger(t)
	cfg := testConfig(t, s, log)
	b := newBot(t, s, fastClient(s, cfg))
	answer := answerWithID(t, b)
	const marker = "IBAN DE02120300000000202051"
	var apologised []int64
	var mu sync.Mutex
	cfg.OnPanic = func(ctx context.Context, u *models.Update) {
		mu.Lock()
		apologised = append(apologised, u.ID)
		mu.Unlock()
		b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chatOf(u), Text: "Entschuldigung"})
	}
	h := func(ctx context.Context, u *models.Update) {
		switch u.Message.Text {
		case "boom":
			panic(fmt.Sprintf("cannot answer %q", marker))
		case "index":
			var xs []int
			_ = xs[len(u.Message.Text)]
		}
		answer(ctx, u)
	}
	ids := s.AddUpdates(telegramtest.TextUpdate(1, "boom"), telegramtest.TextUpdate(1, "index"), telegramtest.TextUpdate(1, "Frage"))
	stop := runPoll(t, cfg, h)
	s.WaitFor(t, 10*time.Second, "two apologies and one answer", func() bool { return s.Count("sendMessage", 200) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(apologised, ids[:2]) {
		t.Errorf("OnPanic for %v, want %v", apologised, ids[:2])
	}
	out := lb.String()
	if strings.Contains(out, marker) || strings.Contains(out, "boom") {
		t.Errorf("message text in the log:\n%s", out)
	}
	// Where, not what: the stack names the handler; the value (which may
	// hold a citizen's text) is left out, even a runtime error's message.
	if lb.count("handler panicked") != 2 || !strings.Contains(out, "TestPanicIsRecoveredLoggedWithoutTextAndReported") ||
		!strings.Contains(out, `"panic_type":"runtime.boundsError"`) || strings.Contains(out, "index out of range") {
		t.Errorf("panics not logged as expected:\n%s", out)
	}
	if st := readState(t, cfg.StateDir); st.Watermark != ids[2] {
		t.Errorf("watermark %d, want %d (panicked updates count as handled)", st.Watermark, ids[2])
	}
}

func TestCorruptStateFileStopsPoll(t *testing.T) {
	s := telegramtest.New(t)
	log, _ := newLogger(t)
	cfg := testConfig(t, s, log)
	path := filepath.Join(cfg.StateDir, StateFileName)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Poll(context.Background(), cfg, func(context.Context, *models.Update) {})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want an error naming %s", err, path)
	}
}

func TestStateWritesAtomically(t *testing.T) {
	dir := t.TempDir()
	st := testState(t, dir)
	for id := int64(1); id <= 5; id++ {
		st.accept(id, json.RawMessage(`{"update_id":`+strconv.FormatInt(id, 10)+`}`))
	}
	st.finish(1, true)
	st.finish(3, true)
	st.finish(4, false) // abandoned: stays unconfirmed
	if err := st.save(false); err != nil {
		t.Fatal(err)
	}
	if f := readState(t, dir); f.Watermark != 1 || !slices.Equal(f.Handled, []int64{3}) {
		t.Errorf("saved %+v, want watermark 1, handled [3]", f)
	}
	if n, err := st.confirmOverdue(0); err != nil || n != 3 {
		t.Fatalf("confirmOverdue: %d, %v", n, err)
	}
	f := readState(t, dir)
	if f.Watermark != 5 || len(f.Lost) != 3 || len(f.Handled) != 0 {
		t.Errorf("after confirmOverdue: %+v", f)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the state directory: %v", entries)
	}
	// Reload: the overdue updates come back as lost, in order, and count as seen.
	st2 := testState(t, dir)
	if got, want := st2.lostUpdates(), []Lost{{UpdateID: 2}, {UpdateID: 4}, {UpdateID: 5}}; !slices.Equal(got, want) {
		t.Errorf("lost after reload: %v, want %v", got, want)
	}
	if st2.accept(4, nil) != alreadyHandled || st2.accept(6, nil) != accepted {
		t.Errorf("pending update not recognised after reload")
	}
}
