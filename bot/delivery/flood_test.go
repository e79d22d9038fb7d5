package delivery

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

func TestFloodLimiterEpisodes(t *testing.T) {
	clock := newFakeClock()
	f := newFloodLimiter(20, clock.now)
	notices := 0
	allowed := 0
	step := func(n int) {
		for range n {
			ok, notice := f.allow(1)
			if ok {
				allowed++
			}
			if notice {
				notices++
			}
		}
	}
	step(100)
	if allowed != 20 || notices != 1 {
		t.Fatalf("a burst of 100: %d allowed, %d notices; want 20 and 1", allowed, notices)
	}
	// 3 s later one token is back; flooding on is the same episode.
	clock.sleep(context.Background(), 3*time.Second)
	step(50)
	if allowed != 21 || notices != 1 {
		t.Errorf("flooding on: %d allowed, %d notices; want 21 and 1", allowed, notices)
	}
	// A quiet minute ends the episode and refills the bucket.
	clock.sleep(context.Background(), time.Minute)
	step(25)
	if allowed != 41 || notices != 2 {
		t.Errorf("after a quiet minute: %d allowed, %d notices; want 41 and 2", allowed, notices)
	}
	// Other users are not affected.
	if ok, _ := f.allow(2); !ok {
		t.Error("another user was limited")
	}
	// Disabled limit.
	off := newFloodLimiter(-1, clock.now)
	for range 1000 {
		if ok, _ := off.allow(1); !ok {
			t.Fatal("disabled limiter limited")
		}
	}
}

func TestFloodLimiterForgetsQuietUsers(t *testing.T) {
	clock := newFakeClock()
	f := newFloodLimiter(20, clock.now)
	for u := range int64(5000) {
		f.allow(u)
	}
	clock.sleep(context.Background(), 2*time.Minute)
	for range 1024 {
		f.allow(1)
	}
	f.mu.Lock()
	n := len(f.users)
	f.mu.Unlock()
	if n > 1 {
		t.Errorf("%d users remembered after two quiet minutes, want 1", n)
	}
}

func TestDispatcherKeepsChatOrderAndBounds(t *testing.T) {
	log, _ := newLogger(t)
	cfg := Config{Workers: 4, QueueSize: 50, ChatQueueSize: 5, PerUserPerMinute: -1, Logger: log}.withDefaults()
	var mu sync.Mutex
	seen := map[int64][]int64{}
	release, started := make(chan struct{}), make(chan struct{})
	var noticeFor []int64
	cfg.OnLimited = func(ctx context.Context, u *models.Update) {
		mu.Lock()
		noticeFor = append(noticeFor, u.ID)
		mu.Unlock()
	}
	done := map[int64]bool{}
	d := newDispatcher(cfg, func(ctx context.Context, u *models.Update) {
		if u.ID == 1 {
			close(started)
			<-release
		}
		mu.Lock()
		seen[u.Message.Chat.ID] = append(seen[u.Message.Chat.ID], u.ID)
		mu.Unlock()
	}, func(id int64, handled bool) {
		mu.Lock()
		done[id] = handled
		mu.Unlock()
	}, nil)
	ctx := context.Background()
	id := int64(0)
	next := func(chat int64) *models.Update {
		id++
		u := telegramtest.TextUpdate(chat, "x")
		u.ID = id
		return &u
	}
	// Chat 1 blocks its first update; 1 running + 5 waiting fit, the 7th
	// and 8th are dropped as a flood with one notice.
	var chat1 []chan outcome
	for i := range 8 {
		r := make(chan outcome, 1)
		chat1 = append(chat1, r)
		if err := d.submit(ctx, next(1), r); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			<-started
		}
	}
	// Other chats go on meanwhile, in order.
	for i := range 30 {
		r := make(chan outcome, 1)
		if err := d.submit(ctx, next(int64(2+i%10)), r); err != nil {
			t.Fatal(err)
		}
		if o := <-r; o != handledOutcome {
			t.Errorf("chat %d: outcome %d", 2+i%10, o)
		}
	}
	close(release)
	for i, r := range chat1 {
		want := handledOutcome
		if i >= 6 {
			want = limitedOutcome
		}
		if o := <-r; o != want {
			t.Errorf("chat 1 update %d: outcome %d, want %d", i+1, o, want)
		}
	}
	d.stop(5 * time.Second)
	mu.Lock()
	defer mu.Unlock()
	for chat, ids := range seen {
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Errorf("chat %d: %v out of order", chat, ids)
				break
			}
		}
	}
	if others := len(seen) - 1; len(seen[1]) != 6 || others != 10 {
		t.Errorf("handled: chat 1 %d (want 6), %d other chats (want 10)", len(seen[1]), others)
	}
	// No per-user limit here, but a full chat queue counts as a flood: one notice.
	if len(noticeFor) != 1 || noticeFor[0] != 7 {
		t.Errorf("notices for %v, want [7]", noticeFor)
	}
	if !done[7] || !done[8] || len(done) != 38 {
		t.Errorf("dropped updates must count as handled: %v", done)
	}
}
