package ops

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/sozialamt-dortmund/sozialbot/bot"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: status %d", rec.Code)
	}
	return rec.Body.String()
}

type fakeSearcher struct{ err error }

func (f fakeSearcher) Search(_ context.Context, q string) (index.Result, error) {
	return index.Result{Question: q}, f.err
}
func (fakeSearcher) Base() *knowledge.Base { return nil }

func TestMetrics(t *testing.T) {
	m := NewMetrics()
	handle := m.Handler(func(context.Context, *models.Update) {})
	handle(context.Background(), &models.Update{})
	handle(context.Background(), &models.Update{})
	m.Answer("answered")
	m.Record(bot.Event{Outcome: bot.OutcomeDeclined, Question: "secret question 0231 12345"})
	m.Answer("<script>") // unknown outcomes must not create labels
	m.Searcher(fakeSearcher{}).Search(context.Background(), "q")
	m.Searcher(fakeSearcher{err: errors.New("boom")}).Search(context.Background(), "q")
	m.Reload(nil)
	m.Reload(errors.New("broken"))
	m.Reload(errors.New("broken"))
	m.RetryAfter("sendMessage", 5*time.Second)
	m.RetryAfter(strings.Repeat("x", 100), time.Second)
	m.Overdue(3)
	m.WebhookRefused("unauthorized")
	m.WebhookRefused("<script>")
	if !m.StateSaveOK() {
		t.Error("state not OK before any failure")
	}
	m.StateSave(errors.New("no space left on device"))
	if m.StateSaveOK() {
		t.Error("state OK after a failed save")
	}

	text := scrape(t, AdminHandler(m, nil))
	for _, want := range []string{
		"sozialbot_updates_handled_total 2",
		"sozialbot_update_duration_seconds_count 2",
		`sozialbot_answers_total{outcome="answered"} 1`,
		`sozialbot_answers_total{outcome="declined"} 1`,
		`sozialbot_answers_total{outcome="feedback-up"} 0`,
		`sozialbot_answers_total{outcome="other"} 1`,
		"sozialbot_search_duration_seconds_count 2",
		"sozialbot_search_errors_total 1",
		`sozialbot_reloads_total{result="ok"} 1`,
		`sozialbot_reloads_total{result="failed"} 2`,
		`sozialbot_telegram_retry_after_total{method="sendMessage"} 1`,
		`sozialbot_telegram_retry_after_total{method="other"} 1`,
		"sozialbot_knowledge_loaded_timestamp_seconds ",
		"sozialbot_updates_overdue_total 3",
		"sozialbot_state_save_ok 0",
		`sozialbot_webhook_refused_total{reason="unauthorized"} 1`,
		`sozialbot_webhook_refused_total{reason="other"} 1`,
		"go_goroutines ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for _, never := range []string{"secret", "12345", "<script>"} {
		if strings.Contains(text, never) {
			t.Errorf("metrics hold %q", never)
		}
	}
}

func TestNilMetricsDoNothing(t *testing.T) {
	var m *Metrics
	m.UpdateHandled()
	m.Answer("answered")
	m.Latency(time.Second)
	m.Reload(nil)
	m.Loaded(time.Now())
	m.RetryAfter("getUpdates", time.Second)
	m.Overdue(1)
	m.StateSave(errors.New("full"))
	m.WebhookRefused("method")
	if !m.StateSaveOK() {
		t.Error("nil metrics report a failing state")
	}
	m.Record(bot.Event{Outcome: bot.OutcomeAnswered})
	called := false
	m.Handler(func(context.Context, *models.Update) { called = true })(context.Background(), nil)
	if !called {
		t.Error("the wrapped handler was not called")
	}
	if _, ok := m.Searcher(fakeSearcher{}).(fakeSearcher); !ok {
		t.Error("nil metrics should hand back the searcher itself")
	}
	if m.Registry() != nil {
		t.Error("nil metrics have a registry")
	}
	rec := httptest.NewRecorder()
	AdminHandler(nil, nil).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("/metrics without metrics: status %d, want 404", rec.Code)
	}
}

type countRecorder struct{ n int }

func (c *countRecorder) Record(bot.Event) { c.n++ }

func TestFanout(t *testing.T) {
	a, b := &countRecorder{}, &countRecorder{}
	var nilMetrics *Metrics
	var nilRecorder *countRecorder
	f := Fanout(a, nil, nilMetrics, nilRecorder, b)
	f.Record(bot.Event{Outcome: bot.OutcomeAnswered})
	if a.n != 1 || b.n != 1 {
		t.Errorf("recorders got %d and %d events, want 1 each", a.n, b.n)
	}
}

func TestAdminHandler(t *testing.T) {
	ready := false
	h := AdminHandler(NewMetrics(), func() bool { return ready })
	tests := []struct {
		method, path string
		ready        bool
		code         int
		body         string
	}{
		{"GET", "/healthz", false, 200, "ok"},
		{"GET", "/readyz", false, 503, "not ready"},
		{"GET", "/readyz", true, 200, "ready"},
		{"GET", "/metrics", true, 200, "sozialbot_updates_handled_total"},
		{"GET", "/", true, 404, ""},
		{"GET", "/debug/pprof/", true, 404, ""},
		{"POST", "/healthz", true, 405, ""},
	}
	for _, tt := range tests {
		ready = tt.ready
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s %s (ready %v): got %d %q, want %d with %q", tt.method, tt.path, tt.ready, rec.Code, rec.Body.String(), tt.code, tt.body)
		}
	}
}

func TestListenAdmin(t *testing.T) {
	ln, err := ListenAdmin("", false)
	if ln != nil || err != nil {
		t.Errorf("empty address: got %v, %v; want off (nil, nil)", ln, err)
	}
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.0.2.1:9100", "admin.example.org:9100"} {
		ln, err := ListenAdmin(addr, false)
		if !errors.Is(err, ErrNotLoopback) {
			t.Errorf("%s: got %v, want ErrNotLoopback", addr, err)
		}
		if ln != nil {
			ln.Close()
		}
	}
	if _, err := ListenAdmin("127.0.0.1", false); err == nil {
		t.Error("address without port: no error")
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "[::1]:0"} {
		ln, err := ListenAdmin(addr, false)
		if err != nil {
			var opErr *net.OpError
			if addr == "[::1]:0" && errors.As(err, &opErr) {
				t.Logf("%s: %v (no IPv6 here)", addr, err)
				continue
			}
			t.Errorf("%s: %v", addr, err)
			continue
		}
		ln.Close()
	}
	ln, err = ListenAdmin(":0", true)
	if err != nil {
		t.Errorf(":0 allowed explicitly: %v", err)
	} else {
		ln.Close()
	}
}

func TestServeAdmin(t *testing.T) {
	ln, err := ListenAdmin("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeAdmin(ctx, ln, AdminHandler(NewMetrics(), func() bool { return true })) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ready" {
		t.Errorf("/readyz: %d %q", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ServeAdmin after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeAdmin did not stop")
	}

	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- ServeAdmin(ctx, nil, nil) }()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("ServeAdmin off: %v", err)
	}
}

const testKB = `categories:
  - id: geld
    title: {de: Geld, en: Money}
topics:
  - id: wohngeld
    category: geld
    title: {de: "{{TITLE}}", en: Housing benefit}
    summary: {de: Zuschuss zur Miete., en: A grant towards the rent.}
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-11-01
`

// logSink collects log records and tells when one with a message arrives.
type logSink struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	select {
	case s.lines <- string(p):
	default:
	}
	return len(p), nil
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func TestKnowledgeReloadAndStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "topics.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(strings.Replace(testKB, "{{TITLE}}", "Wohngeld", 1))
	src := knowledge.NewSource(dir)
	live := openLive(t, src)
	sink := &logSink{lines: make(chan string, 100)}
	m := NewMetrics()
	k := &Knowledge{Live: live, Source: src, Metrics: m, Logger: slog.New(slog.NewTextHandler(sink, nil)), Started: time.Now()}

	if !k.Ready() {
		t.Error("not ready with a knowledge base")
	}
	if st := k.Status(); !strings.Contains(st, "Serving: version 1") || !strings.Contains(st, "Last reload: none since start") {
		t.Errorf("status at start:\n%s", st)
	}

	write(strings.Replace(testKB, "{{TITLE}}", "Wohngeld neu", 1))
	if err := k.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := live.Base().Topic("wohngeld").Title.DE; got != "Wohngeld neu" {
		t.Errorf("after reload: title %q", got)
	}

	write(strings.Replace(testKB, "{{TITLE}}", "Wohngeld kaputt", 1) + "  - id: Kaputt\n")
	err := k.Reload(context.Background())
	var problems knowledge.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("reload of a broken folder: got %v, want knowledge.Problems", err)
	}
	if got := live.Base().Topic("wohngeld").Title.DE; got != "Wohngeld neu" {
		t.Errorf("after a failed reload: title %q, want the last good one", got)
	}
	st := k.Status()
	for _, want := range []string{"Serving: version 2", "FAILED, the version above stays in service", "Reloads since start: 2, failed: 1", "topics.yaml:11:5: topic id \"Kaputt\""} {
		if !strings.Contains(st, want) {
			t.Errorf("status lacks %q:\n%s", want, st)
		}
	}
	logs := sink.String()
	for _, want := range []string{"knowledge base reloaded", "knowledge base NOT reloaded", "at=topics.yaml:11:5"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
	text := scrape(t, AdminHandler(m, k.Ready))
	if !strings.Contains(text, `sozialbot_reloads_total{result="failed"} 1`) || !strings.Contains(text, `sozialbot_reloads_total{result="ok"} 1`) {
		t.Errorf("reload metrics:\n%s", text)
	}

	// The watcher reloads on its own.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Watch(ctx, 20*time.Millisecond) }()
	deadline := time.After(10 * time.Second)
	for i := 0; live.Base().Topic("wohngeld").Title.DE != "Wohngeld wieder gut"; i++ {
		// Write until the watcher, which may not be in place yet, reacts.
		write(strings.Replace(testKB, "{{TITLE}}", "Wohngeld wieder gut", 1) + strings.Repeat("\n", i%2))
		select {
		case <-sink.lines:
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			t.Fatalf("the watcher did not reload within 10s; status:\n%s", k.Status())
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Watch: %v", err)
	}
}

func TestKnowledgeBuiltin(t *testing.T) {
	live := openLive(t, knowledge.NewSource(""))
	k := &Knowledge{Live: live, Source: knowledge.NewSource("")}
	if err := k.Reload(context.Background()); !errors.Is(err, ErrBuiltin) {
		t.Errorf("reload of the built-in knowledge: got %v, want ErrBuiltin", err)
	}
	if st := k.Status(); !strings.Contains(st, "built-in") {
		t.Errorf("status:\n%s", st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := k.Watch(ctx, 0); err != nil {
		t.Errorf("Watch without a folder: %v", err)
	}
	live.Close()
	if k.Ready() {
		t.Error("ready after Close")
	}
	if st := k.Status(); !strings.Contains(st, "Serving: nothing") {
		t.Errorf("status after Close:\n%s", st)
	}
}

// openLive loads src and serves its index until the test ends.
func openLive(t *testing.T, src *knowledge.Source) *index.Live {
	t.Helper()
	kb, err := src.Load(context.Background(), knowledge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(kb)
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix)
	t.Cleanup(func() { live.Close() })
	return live
}
