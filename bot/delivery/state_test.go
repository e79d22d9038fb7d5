package delivery

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/atomicfile"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

func TestStartRefusesAStateItCannotTrust(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		write      func(string, []byte) error
		want       string
	}{
		{"watermark 2^63-1", `{"version":1,"watermark":9223372036854775807}`, nil, "watermark 9223372036854775807 is impossible"},
		{"negative watermark", `{"version":1,"watermark":-5}`, nil, "watermark -5 is impossible"},
		{"handled below the watermark", `{"version":1,"watermark":10,"handled":[3]}`, nil, "handled id 3 is impossible"},
		{"lost update 0", `{"version":1,"watermark":10,"lost":[{"update_id":0}]}`, nil, "lost update id 0 is impossible"},
		{"not JSON", `{"version":1,`, nil, "fix or remove the file"},
		{"cannot be saved", `{"version":1,"watermark":10}`, func(string, []byte) error { return syscall.EACCES }, "is not writable"},
		{"cannot be created", "", func(string, []byte) error { return syscall.EROFS }, "is not writable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := telegramtest.New(t)
			log, _ := newLogger(t)
			cfg := testConfig(t, s, log)
			cfg.writeFile = tc.write
			if tc.file != "" {
				if err := os.WriteFile(filepath.Join(cfg.StateDir, StateFileName), []byte(tc.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := Poll(context.Background(), cfg, func(context.Context, *models.Update) {})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
			if n := len(s.CallsTo("getUpdates")); n != 0 {
				t.Errorf("%d getUpdates calls with a state that cannot be trusted", n)
			}
		})
	}
}

func TestStartRefusesAStateFileItMayNotWrite(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, StateFileName)
	if err := os.WriteFile(path, []byte(`{"version":1,"watermark":10}`), 0o400); err != nil {
		t.Fatal(err)
	}
	log, _ := newLogger(t)
	if _, err := openState(Config{StateDir: dir, Logger: log}.withDefaults(), false); err == nil || !strings.Contains(err.Error(), "not writable") {
		t.Errorf("got %v, want not writable", err)
	}
}

// gatedSleep records the waits of the state saver and returns from each
// only when the test lets it.
type gatedSleep struct {
	mu    sync.Mutex
	waits []time.Duration
	gate  chan struct{}
	asked chan struct{}
}

func (g *gatedSleep) sleep(ctx context.Context, d time.Duration) error {
	g.mu.Lock()
	g.waits = append(g.waits, d)
	g.mu.Unlock()
	g.asked <- struct{}{}
	select {
	case <-g.gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestStateThatCannotBeSavedBacksOffAndSaysSoOnce(t *testing.T) {
	s := telegramtest.New(t)
	log, lb := newLogger(t)
	cfg := testConfig(t, s, log)
	var mu sync.Mutex
	full, writes := false, 0
	cfg.writeFile = func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		writes++
		if full {
			return syscall.ENOSPC
		}
		return atomicfile.WriteBytes(path, 0o600, data)
	}
	g := &gatedSleep{gate: make(chan struct{}), asked: make(chan struct{}, 10)}
	cfg.sleep = g.sleep
	var reports []error
	cfg.OnStateSave = func(err error) {
		mu.Lock()
		reports = append(reports, err)
		mu.Unlock()
	}
	b := newBot(t, s, fastClient(s, cfg))
	stop := runPoll(t, cfg, answerWithID(t, b))
	s.WaitFor(t, 10*time.Second, "polling", func() bool { return len(s.CallsTo("getUpdates")) > 0 })

	mu.Lock()
	full = true
	mu.Unlock()
	ids := s.AddUpdates(telegramtest.TextUpdate(1, "Frage"), telegramtest.TextUpdate(2, "Frage"), telegramtest.TextUpdate(3, "Frage"))
	s.WaitFor(t, 10*time.Second, "answers while the disk is full", func() bool { return s.Count("sendMessage", 200) == 3 })
	for range 3 {
		<-g.asked
		g.gate <- struct{}{}
	}
	<-g.asked
	mu.Lock()
	failedWrites := writes
	full = false
	mu.Unlock()
	g.gate <- struct{}{}
	s.WaitFor(t, 10*time.Second, "the state saved again", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(reports) == 2
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	checkExactlyOnceInOrder(t, s, ids)
	g.mu.Lock()
	waits := g.waits[:4]
	g.mu.Unlock()
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if waits[i] != want {
			t.Errorf("wait %d after a failed save: %v, want %v", i+1, waits[i], want)
		}
	}
	if failedWrites > 8 {
		t.Errorf("%d save attempts during 4 backoff steps: spinning", failedWrites)
	}
	if n := lb.count("cannot save the delivery state"); n != 1 {
		t.Errorf("the failure logged %d times, want once:\n%s", n, lb)
	}
	if n := lb.count("delivery state saved again"); n != 1 {
		t.Errorf("the recovery logged %d times, want once", n)
	}
	if !errors.Is(reports[0], syscall.ENOSPC) || reports[1] != nil {
		t.Errorf("OnStateSave got %v, want ENOSPC then nil", reports)
	}
	if st := readState(t, cfg.StateDir); st.Watermark != ids[2] {
		t.Errorf("saved watermark %d, want %d", st.Watermark, ids[2])
	}
}

func TestFullDiskWithABlockedWindowDoesNotSpin(t *testing.T) {
	s := telegramtest.New(t)
	log, lb := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.ShutdownTimeout = 100 * time.Millisecond
	var mu sync.Mutex
	full, writes := false, 0
	cfg.writeFile = func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		writes++
		if full {
			return syscall.ENOSPC
		}
		return atomicfile.WriteBytes(path, 0o600, data)
	}
	g := &gatedSleep{gate: make(chan struct{}), asked: make(chan struct{}, 10)}
	cfg.sleep = g.sleep // the saver waits until the test ends
	b := newBot(t, s, fastClient(s, cfg))
	answer := answerWithID(t, b)
	release := make(chan struct{})
	h := func(ctx context.Context, u *models.Update) {
		if u.Message.Chat.ID == 1 {
			select { // chat 1 hangs
			case <-release:
			case <-ctx.Done():
				return
			}
		}
		answer(ctx, u)
	}
	stop := runPoll(t, cfg, h)
	s.WaitFor(t, 10*time.Second, "polling", func() bool { return len(s.CallsTo("getUpdates")) > 0 })
	mu.Lock()
	full = true
	mu.Unlock()
	var us []models.Update
	us = append(us, telegramtest.TextUpdate(1, "Frage"))
	for i := range 150 {
		us = append(us, telegramtest.TextUpdate(int64(2+i%50), "Frage"))
	}
	s.AddUpdates(us...)
	s.WaitFor(t, 10*time.Second, "the 99 others in the first window answered", func() bool { return s.Count("sendMessage", 200) == 99 })
	polls, start := len(s.CallsTo("getUpdates")), time.Now()
	mu.Lock()
	w0 := writes
	mu.Unlock()
	time.Sleep(time.Second) // a span of wall time in which a spinning loop would show
	polls = len(s.CallsTo("getUpdates")) - polls
	mu.Lock()
	w := writes - w0
	mu.Unlock()
	close(release)
	stop()
	if polls > 10 || w > 2 {
		t.Errorf("in %v with a full disk and a blocked window: %d getUpdates calls and %d save attempts; want a few", time.Since(start).Round(time.Millisecond), polls, w)
	}
	if n := lb.count("cannot save the delivery state"); n != 1 {
		t.Errorf("the failure logged %d times, want once", n)
	}
	if n := lb.count("confirmed to Telegram before their answer"); n != 0 {
		t.Errorf("updates confirmed early while nothing can be saved")
	}
}
