package delivery

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

const testSecret = "s3cr3t-webhook_token-0123456789"

func newTestWebhook(t *testing.T, cfg Config, h Handler) (*Webhook, *logBuf) {
	t.Helper()
	log, lb := newLogger(t)
	cfg.Logger = log
	if cfg.StateDir == "" {
		cfg.StateDir = t.TempDir()
	}
	w, err := NewWebhook(cfg, testSecret, h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	t.Cleanup(func() {
		if strings.Contains(lb.String(), testSecret) {
			t.Errorf("webhook secret in the logs")
		}
	})
	return w, lb
}

func webhookRequest(t *testing.T, w http.Handler, secret string, body string) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/telegram", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretHeader, secret)
	}
	rec := httptest.NewRecorder()
	w.ServeHTTP(rec, req)
	return rec.Code
}

func updateJSON(t *testing.T, id int64, chat int64, text string) string {
	t.Helper()
	u := telegramtest.TextUpdate(chat, text)
	u.ID = id
	b, err := json.Marshal(&u)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNewWebhookRefusesWeakSecrets(t *testing.T) {
	h := func(context.Context, *models.Update) {}
	for _, secret := range []string{"", "short", "sixteen-chars-but-ä!", strings.Repeat("a", 257)} {
		if w, err := NewWebhook(Config{StateDir: t.TempDir()}, secret, h); err == nil {
			w.Close(context.Background())
			t.Errorf("secret %q accepted", secret)
		}
	}
}

func TestWebhookRefusesWrongSecretMethodAndBigBodies(t *testing.T) {
	var handled, refused atomic.Int64
	clock := newFakeClock()
	cfg := Config{WebhookMaxBody: 1024, now: clock.now, OnRefused: func(string) { refused.Add(1) }}
	w, lb := newTestWebhook(t, cfg, func(context.Context, *models.Update) { handled.Add(1) })
	body := updateJSON(t, 1, 1, "Frage")
	tests := []struct {
		name   string
		secret string
		body   string
		want   int
	}{
		{"missing secret", "", body, 401},
		{"wrong secret", "s3cr3t-webhook_token-0123456788", body, 401},
		{"prefix of the secret", testSecret[:20], body, 401},
		{"body over the limit", testSecret, updateJSON(t, 2, 1, strings.Repeat("x", 2000)), 413},
		{"not JSON", testSecret, "{", 400},
		{"no update_id", testSecret, `{"message":{}}`, 400},
	}
	for _, tt := range tests {
		if got := webhookRequest(t, w, tt.secret, tt.body); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/telegram", nil)
	req.Header.Set(SecretHeader, testSecret)
	rec := httptest.NewRecorder()
	w.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: got %d, want 405", rec.Code)
	}
	if n := handled.Load(); n != 0 {
		t.Errorf("%d refused requests were handled", n)
	}
	if n := lb.count("webhook requests refused"); n != 1 {
		t.Errorf("refusals logged %d times, want once a minute:\n%s", n, lb)
	}
	if got := refused.Load(); got != 7 {
		t.Errorf("%d refusals counted, want 7", got)
	}
	clock.advance(time.Minute)
	webhookRequest(t, w, "", body)
	if n := lb.count("webhook requests refused"); n != 2 || !strings.Contains(lb.String(), `"too_large":1,"unauthorized":3`) {
		t.Errorf("after a minute: %d lines, want 2 with the counts since the first:\n%s", n, lb)
	}
}

func TestWebhookAnswersAfterHandlingAndOnlyOnce(t *testing.T) {
	release, started := make(chan struct{}), make(chan struct{}, 1)
	var handled atomic.Int64
	cfg := Config{StateDir: t.TempDir()}
	w, _ := newTestWebhook(t, cfg, func(ctx context.Context, u *models.Update) {
		started <- struct{}{}
		<-release
		handled.Add(1)
	})
	body := updateJSON(t, 42, 7, "Frage")
	done := make(chan int)
	go func() { done <- webhookRequest(t, w, testSecret, body) }()
	<-started
	select {
	case code := <-done:
		t.Fatalf("answered %d before the handler finished", code)
	default:
	}
	// Telegram retries while the first delivery is still being handled.
	if code := webhookRequest(t, w, testSecret, body); code != http.StatusServiceUnavailable {
		t.Errorf("retry during handling: got %d, want 503", code)
	}
	close(release)
	if code := <-done; code != http.StatusOK || handled.Load() != 1 {
		t.Fatalf("got %d with %d handled, want 200 after handling", code, handled.Load())
	}
	// A redelivery after the 200 is not handled again.
	if code := webhookRequest(t, w, testSecret, body); code != http.StatusOK || handled.Load() != 1 {
		t.Errorf("redelivery: got %d, handled %d times", code, handled.Load())
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code := webhookRequest(t, w, testSecret, updateJSON(t, 43, 7, "x")); code != http.StatusServiceUnavailable {
		t.Errorf("after Close: got %d, want 503", code)
	}
	// The handled id survives a restart.
	w2, _ := newTestWebhook(t, cfg, func(context.Context, *models.Update) { handled.Add(1) })
	if code := webhookRequest(t, w2, testSecret, body); code != http.StatusOK || handled.Load() != 1 {
		t.Errorf("redelivery after restart: got %d, handled %d times", code, handled.Load())
	}
}

func TestWebhookFloodGetsOneNotice(t *testing.T) {
	var handled, notices atomic.Int64
	noticed := make(chan struct{}, 10)
	cfg := Config{
		PerUserPerMinute: 5,
		OnLimited: func(context.Context, *models.Update) {
			notices.Add(1)
			noticed <- struct{}{}
		},
	}
	w, _ := newTestWebhook(t, cfg, func(context.Context, *models.Update) { handled.Add(1) })
	for i := range 30 {
		if code := webhookRequest(t, w, testSecret, updateJSON(t, int64(i+1), 9, "spam")); code != http.StatusOK {
			t.Fatalf("update %d: got %d", i+1, code)
		}
	}
	select {
	case <-noticed:
	case <-time.After(10 * time.Second):
		t.Fatal("no flood notice")
	}
	w.Close(context.Background())
	if handled.Load() != 5 || notices.Load() != 1 {
		t.Errorf("handled %d, notices %d; want 5 and 1", handled.Load(), notices.Load())
	}
}

func TestWebhookCloseWaitsForHandlers(t *testing.T) {
	started := make(chan struct{})
	var finished atomic.Bool
	w, _ := newTestWebhook(t, Config{ShutdownTimeout: 5 * time.Second}, func(ctx context.Context, u *models.Update) {
		close(started)
		<-ctx.Done() // a handler that only stops when told
		finished.Store(true)
	})
	done := make(chan int)
	go func() { done <- webhookRequest(t, w, testSecret, updateJSON(t, 1, 1, "x")) }()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	w.Close(ctx)
	if !finished.Load() {
		t.Error("Close returned before the handler stopped")
	}
	if code := <-done; code != http.StatusServiceUnavailable {
		t.Errorf("cut-off update: got %d, want 503 so Telegram delivers it again", code)
	}
}

func TestWebhookTellsUpdatesLostWhilePolling(t *testing.T) {
	dir := t.TempDir()
	st := testState(t, dir)
	st.accept(7, json.RawMessage(updateJSON(t, 7, 3, "Frage")))
	if _, err := st.confirmOverdue(0); err != nil {
		t.Fatal(err)
	}
	got := make(chan Lost, 1)
	w, _ := newTestWebhook(t, Config{StateDir: dir, OnLost: func(ctx context.Context, l Lost) { got <- l }},
		func(ctx context.Context, u *models.Update) { t.Errorf("update %d handled; it was lost", u.ID) })
	select {
	case l := <-got:
		if l.UpdateID != 7 || l.ChatID != 3 {
			t.Errorf("told %+v, want update 7 in chat 3", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("lost update not told")
	}
	w.Close(context.Background())
	if f := readState(t, dir); len(f.Lost) != 0 {
		t.Errorf("still lost: %d", len(f.Lost))
	}
}
