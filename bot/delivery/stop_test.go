package delivery

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/atomicfile"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// These tests count answers, not messages: every answer carries the id of
// the update it answers (answerWithID), and OnLost notices are counted
// apart, as losses.

// questions queues n questions from chats chats, interleaved, and returns
// their ids.
func questions(s *telegramtest.Server, n, chats int) []int64 {
	us := make([]models.Update, n)
	for i := range us {
		us[i] = telegramtest.TextUpdate(int64(5000+i%chats), "Frage "+strconv.Itoa(i))
	}
	return s.AddUpdates(us...)
}

// tally counts the answers to each id: lost are ids never answered,
// doubled the answers beyond the first. Answers to unknown ids are errors.
func tally(t *testing.T, s *telegramtest.Server, ids []int64) (lost, doubled int) {
	t.Helper()
	count := map[int64]int{}
	for _, id := range ids {
		count[id] = 0
	}
	for _, texts := range answeredIDs(s) {
		for _, text := range texts {
			id, err := strconv.ParseInt(text, 10, 64)
			if _, ok := count[id]; err != nil || !ok {
				t.Errorf("answer %q to no question", text)
				continue
			}
			count[id]++
		}
	}
	for _, n := range count {
		if n == 0 {
			lost++
		}
		doubled += max(n-1, 0)
	}
	return lost, doubled
}

// killable is one process's view of the network and the disk: after kill,
// requests fail before they leave and file writes do nothing, as for a
// process that got SIGKILL. What reached the fake before stays.
type killable struct {
	dead atomic.Bool
	rt   http.RoundTripper
}

func (k *killable) RoundTrip(r *http.Request) (*http.Response, error) {
	if k.dead.Load() {
		return nil, errors.New("process killed")
	}
	return k.rt.RoundTrip(r)
}

func (k *killable) writeFile(path string, data []byte) error {
	if k.dead.Load() {
		return nil
	}
	return atomicfile.WriteBytes(path, 0o600, data)
}

// process is one run of the bot: Poll with its own network, disk and Client.
type process struct {
	k    *killable
	stop func() error
}

func startProcess(t *testing.T, s *telegramtest.Server, cfg Config, handled *atomic.Int64) *process {
	k := &killable{rt: s.Client().Transport}
	cfg.HTTPClient = &http.Client{Transport: k}
	cfg.writeFile = k.writeFile
	c := NewClient(ClientConfig{HTTP: &http.Client{Transport: k}, Logger: cfg.Logger, MaxAttempts: 1, PerSecond: 1e6, PerWindow: -1, PerChatPerSecond: 1e6, PerChatBurst: 1000})
	answer := answerWithID(t, newBot(t, s, c))
	h := func(ctx context.Context, u *models.Update) {
		answer(ctx, u)
		handled.Add(1)
	}
	return &process{k: k, stop: runPoll(t, cfg, h)}
}

// stopScenario runs n questions from chats chats through two processes on
// one state folder and one fake Bot API; interrupt stops the first one once
// it has answered about a third. It returns lost and doubled answers.
func stopScenario(t *testing.T, n, chats int, interrupt func(*process)) (lost, doubled int) {
	s := telegramtest.New(t)
	log, _ := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.Workers = 8
	var told, overdue atomic.Int64
	cfg.OnLost = func(context.Context, Lost) { told.Add(1) }
	cfg.OnOverdue = func(n int) { overdue.Add(int64(n)) }
	ids := questions(s, n, chats)

	var handled atomic.Int64
	first := startProcess(t, s, cfg, &handled)
	s.WaitFor(t, 30*time.Second, "a third answered", func() bool { return handled.Load() >= int64(n/3) })
	interrupt(first)
	if got := s.Count("sendMessage", 200); got >= n {
		t.Fatalf("all %d answered before the stop; the test did not interrupt anything", got)
	}
	before := s.Count("sendMessage", 200)

	second := startProcess(t, s, cfg, &handled)
	s.WaitFor(t, 30*time.Second, "every question answered and confirmed", func() bool {
		lost, _ := tally(t, s, ids)
		return lost == 0 && s.Pending() == 0
	})
	if err := second.stop(); err != nil {
		t.Fatal(err)
	}
	lost, doubled = tally(t, s, ids)
	if told.Load() != 0 {
		t.Errorf("%d senders asked to write again; every question should have been answered", told.Load())
		lost += int(told.Load())
	}
	t.Logf("%d questions from %d chats: %d answered before the stop, %d lost, %d doubled (workers %d); %d confirmed before their answer",
		n, chats, before, lost, doubled, cfg.Workers, overdue.Load())
	if st := readState(t, cfg.StateDir); st.Watermark != ids[len(ids)-1] || len(st.Handled) != 0 || len(st.Lost) != 0 {
		t.Errorf("final state: %+v, want watermark %d and nothing else", st, ids[len(ids)-1])
	}
	return lost, doubled
}

func TestSIGTERMMidBurstLosesAndDoublesNothing(t *testing.T) {
	t.Parallel() // beside the burst test, which mostly waits for the send pace
	lost, doubled := stopScenario(t, 500, 100, func(p *process) {
		// SIGTERM: serve cancels Poll's context.
		if err := p.stop(); err != nil {
			t.Fatal(err)
		}
	})
	if lost != 0 || doubled != 0 {
		t.Errorf("SIGTERM: %d lost, %d doubled; want 0 and 0", lost, doubled)
	}
}

func TestSIGKILLMidBurstLosesNothingAndDoublesAtMostTheSendsInFlight(t *testing.T) {
	t.Parallel() // beside the burst test, which mostly waits for the send pace
	const workers = 8
	lost, doubled := stopScenario(t, 500, 100, func(p *process) {
		// SIGKILL: from now on nothing of this process reaches the fake
		// or the disk; then its goroutines are wound down.
		p.k.dead.Store(true)
		p.stop()
	})
	if lost != 0 || doubled > workers {
		t.Errorf("SIGKILL: %d lost, %d doubled; want 0 lost and at most %d doubled (one send in flight per worker)", lost, doubled, workers)
	}
}

// pusher plays Telegram's side of a webhook: it POSTs every update until
// it gets a 200, one chat's updates in order and chats in parallel (at
// most 40 connections, setWebhook's default), trying again after a
// refusal or a broken connection, at whatever address is current.
type pusher struct {
	url atomic.Pointer[string]
}

func (p *pusher) deliver(t *testing.T, byChat map[int64][]string) (done <-chan struct{}) {
	finished := make(chan struct{})
	sem := make(chan struct{}, 40)
	var left atomic.Int64
	left.Store(int64(len(byChat)))
	client := &http.Client{Timeout: 10 * time.Second}
	for _, bodies := range byChat {
		go func() {
			for _, body := range bodies {
				for {
					sem <- struct{}{}
					req, _ := http.NewRequest(http.MethodPost, *p.url.Load(), strings.NewReader(body))
					req.Header.Set(SecretHeader, testSecret)
					resp, err := client.Do(req)
					<-sem
					if err == nil {
						resp.Body.Close()
						if resp.StatusCode == http.StatusOK {
							break
						}
					}
					time.Sleep(5 * time.Millisecond) // Telegram's retry interval, shortened
				}
			}
			if left.Add(-1) == 0 {
				close(finished)
			}
		}()
	}
	return finished
}

func TestWebhookKillLosesNothingAndDoublesAtMostTheSendsInFlight(t *testing.T) {
	t.Parallel() // beside the burst test, which mostly waits for the send pace
	const n, chats, workers = 500, 100, 8
	s := telegramtest.New(t)
	log, _ := newLogger(t)
	dir := t.TempDir()
	byChat := map[int64][]string{}
	var ids []int64
	for i := range n {
		chat, id := int64(5000+i%chats), int64(i+1)
		byChat[chat] = append(byChat[chat], updateJSON(t, id, chat, "Frage"))
		ids = append(ids, id)
	}
	var handled atomic.Int64
	start := func() (*Webhook, *httptest.Server, *killable) {
		k := &killable{rt: s.Client().Transport}
		c := NewClient(ClientConfig{HTTP: &http.Client{Transport: k}, Logger: log, MaxAttempts: 1, PerSecond: 1e6, PerWindow: -1, PerChatPerSecond: 1e6, PerChatBurst: 1000})
		answer := answerWithID(t, newBot(t, s, c))
		cfg := Config{StateDir: dir, Logger: log, Workers: workers, ShutdownTimeout: time.Second, writeFile: k.writeFile}
		w, err := NewWebhook(cfg, testSecret, func(ctx context.Context, u *models.Update) {
			answer(ctx, u)
			handled.Add(1)
		})
		if err != nil {
			t.Fatal(err)
		}
		// A killed process answers nothing: its connections just break.
		serve := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			if !k.dead.Load() {
				w.ServeHTTP(rec, r)
			}
			if k.dead.Load() {
				panic(http.ErrAbortHandler)
			}
			rw.WriteHeader(rec.Code)
		})
		return w, httptest.NewServer(serve), k
	}

	w1, srv1, k1 := start()
	p := &pusher{}
	p.url.Store(&srv1.URL)
	finished := p.deliver(t, byChat)
	s.WaitFor(t, 30*time.Second, "a third answered", func() bool { return handled.Load() >= n/3 })
	// SIGKILL: nothing more of this process reaches Telegram or the disk,
	// and its connections break without an answer.
	k1.dead.Store(true)
	srv1.CloseClientConnections()
	before := s.Count("sendMessage", 200)
	w2, srv2, _ := start()
	p.url.Store(&srv2.URL)
	srv1.Close()
	w1.Close(context.Background())

	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		t.Fatal("Telegram's side could not deliver every update")
	}
	srv2.Close()
	w2.Close(context.Background())
	lost, doubled := tally(t, s, ids)
	t.Logf("webhook: %d questions from %d chats: %d answered before the kill, %d lost, %d doubled (workers %d)",
		n, chats, before, lost, doubled, workers)
	if before >= n {
		t.Fatalf("all answered before the kill; the test did not interrupt anything")
	}
	if lost != 0 || doubled > workers {
		t.Errorf("webhook kill: %d lost, %d doubled; want 0 lost and at most %d doubled", lost, doubled, workers)
	}
}
