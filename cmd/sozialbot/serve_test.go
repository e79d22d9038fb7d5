package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/sozialamt-dortmund/sozialbot/bot/ops"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

func envOf(m map[string]string) env { return func(k string) string { return m[k] } }

// lockedBuffer is an io.Writer the serving goroutines and the test share.
type lockedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // closed and replaced on every write
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.changed != nil {
		close(l.changed)
	}
	l.changed = make(chan struct{})
	return l.b.Write(p)
}

// waitFor waits up to timeout for the text written so far to match re and
// returns the match; ok is false when it did not within timeout.
func (l *lockedBuffer) waitFor(re *regexp.Regexp, timeout time.Duration) (match []string, ok bool) {
	deadline := time.After(timeout)
	for {
		l.mu.Lock()
		if l.changed == nil {
			l.changed = make(chan struct{})
		}
		ch := l.changed
		m := re.FindStringSubmatch(l.b.String())
		l.mu.Unlock()
		if m != nil {
			return m, true
		}
		select {
		case <-ch:
		case <-deadline:
			return nil, false
		}
	}
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeSettings(t *testing.T) {
	const token = "999999:SECRET-TOKEN-VALUE"
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no token", nil, nil, "TELEGRAM_BOT_TOKEN is not set"},
		{"webhook without secret", []string{"--webhook-url", "https://bot.example.org/hook"}, map[string]string{"TELEGRAM_BOT_TOKEN": token}, "TELEGRAM_WEBHOOK_SECRET"},
		{"webhook secret malformed", []string{"--webhook-url", "https://bot.example.org/hook"}, map[string]string{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_WEBHOOK_SECRET": "kurz"}, "TELEGRAM_WEBHOOK_SECRET: delivery: webhook secret must be"},
		{"webhook url not a url", []string{"--webhook-url", "bot.example.org"}, map[string]string{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_WEBHOOK_SECRET": "0123456789abcdef"}, "not an https address"},
		{"admin by name", nil, map[string]string{"TELEGRAM_BOT_TOKEN": token, "SOZIALBOT_ADMINS": "123, @chef"}, "not a numeric Telegram user id"},
		{"bad api url", nil, map[string]string{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"},
		{"bad max age", []string{"--max-age", "soon"}, map[string]string{"TELEGRAM_BOT_TOKEN": token}, "--max-age"},
		{"admin without port", []string{"--admin", "127.0.0.1"}, map[string]string{"TELEGRAM_BOT_TOKEN": token}, "admin address"},
	}
	for _, tc := range tests {
		var stderr lockedBuffer
		err := run(context.Background(), append([]string{"serve"}, tc.args...), envOf(tc.env), nil, &stderr, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error about %q", tc.name, err, tc.want)
			continue
		}
		if strings.Contains(err.Error()+stderr.String(), "SECRET-TOKEN-VALUE") {
			t.Errorf("%s: the token was printed", tc.name)
		}
	}
}

func TestServeRejectedToken(t *testing.T) {
	s := telegramtest.New(t)
	var stderr lockedBuffer
	err := run(context.Background(), []string{"serve"}, envOf(map[string]string{
		"TELEGRAM_BOT_TOKEN": "111:WRONG-TOKEN-VALUE",
		"TELEGRAM_API_URL":   s.URL(),
	}), nil, &stderr, &stderr)
	if err == nil || !strings.Contains(err.Error(), "rejected") {
		t.Errorf("got %v, want a rejected token", err)
	}
	if strings.Contains(stderr.String()+err.Error(), "WRONG-TOKEN-VALUE") {
		t.Errorf("the token was printed")
	}
}

// startServe runs `sozialbot serve` against the fake Bot API until the
// returned stop function is called; stop returns what serve returned.
func startServe(t *testing.T, s *telegramtest.Server, args []string, env map[string]string) (stderr *lockedBuffer, stop func() error) {
	t.Helper()
	full := map[string]string{"TELEGRAM_BOT_TOKEN": telegramtest.Token, "TELEGRAM_API_URL": s.URL()}
	for k, v := range env {
		full[k] = v
	}
	stderr = &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), envOf(full), nil, stderr, stderr)
	}()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("serve did not stop")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stderr, stop
}

func countCalls(s *telegramtest.Server, method string) int { return len(s.CallsTo(method)) }

// The "done when": against a Bot API server, serve answers a new
// user's /start, a free-text question, a button press and a shared location.
func TestServePolling(t *testing.T) {
	s := telegramtest.New(t)
	const user = 5001
	loc := telegramtest.TextUpdate(user, "")
	loc.Message.Location = &models.Location{Latitude: 51.4833, Longitude: 7.5}
	s.AddUpdates(telegramtest.TextUpdate(user, "/start"), telegramtest.TextUpdate(user, "Wie beantrage ich Grundsicherung?"),
		telegramtest.CallbackUpdate(user, 1, "v1:t:seniorenbueros"), loc)

	stderr, stop := startServe(t, s, []string{"--state", t.TempDir()}, map[string]string{"SOZIALBOT_ADMINS": "4242"})
	s.WaitFor(t, 30*time.Second, "answers to all four updates", func() bool {
		return countCalls(s, "sendMessage") >= 5 && countCalls(s, "answerCallbackQuery") >= 1
	})
	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}

	for _, m := range []string{"getMe", "deleteWebhook"} {
		if countCalls(s, m) != 1 {
			t.Errorf("%s called %d times, want 1", m, countCalls(s, m))
		}
	}
	cmds := s.CallsTo("setMyCommands")
	if len(cmds) != 10 || !strings.Contains(cmds[0].Params["commands"], "hilfe") || cmds[1].Params["language_code"] != "en" || cmds[9].Params["language_code"] != "fa" {
		t.Errorf("setMyCommands: %+v", cmds)
	}
	var texts []string
	for _, c := range s.CallsTo("sendMessage") {
		texts = append(texts, c.Params["text"])
	}
	all := strings.Join(texts, "\n----\n")
	for _, want := range []string{"Guten Tag", "Standort senden", "<b>Grundsicherung", "<b>Seniorenbüros", "Stadtbezirk <b>Hörde</b>"} {
		if !strings.Contains(all, want) {
			t.Errorf("no reply contains %q; replies:\n%s", want, all)
		}
	}
	if countCalls(s, "sendChatAction") == 0 {
		t.Errorf("no typing action")
	}
	t.Logf("logs:\n%s", stderr)
	if strings.Contains(stderr.String(), telegramtest.Token) || strings.Contains(stderr.String(), "Grundsicherung?") {
		t.Errorf("logs show the token or a question:\n%s", stderr)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestServeWebhook(t *testing.T) {
	s := telegramtest.New(t)
	addr := freePort(t)
	const secret = "test-secret-0123456789"
	hook := "http://" + addr + "/telegram"
	stderr, stop := startServe(t, s, []string{"--webhook-url", hook, "--webhook-listen", addr},
		map[string]string{"TELEGRAM_WEBHOOK_SECRET": secret})
	// Not just the call: stopping before its answer arrived fails setWebhook.
	if _, ok := stderr.waitFor(regexp.MustCompile(`msg="webhook set"`), 30*time.Second); !ok {
		t.Fatalf("webhook not set:\n%s", stderr)
	}
	set := s.CallsTo("setWebhook")[0]
	if set.Params["url"] != hook || set.Params["secret_token"] != secret {
		t.Errorf("setWebhook %+v", set.Params)
	}

	post := func(secretHeader string) int {
		body := `{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":6001,"type":"private"},"from":{"id":6001,"is_bot":false,"first_name":"A","language_code":"de"},"text":"/hilfe"}}`
		req, _ := http.NewRequest(http.MethodPost, hook, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if secretHeader != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secretHeader)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("wrong-secret-0123456789"); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", code)
	}
	if code := post(secret); code != http.StatusOK {
		t.Errorf("right secret: status %d, want 200", code)
	}
	msgs := s.CallsTo("sendMessage")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Params["text"], "So funktioniert es") {
		t.Errorf("webhook update not answered: %+v", msgs)
	}
	if countCalls(s, "deleteWebhook") != 0 {
		t.Errorf("webhook mode deleted the webhook")
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// An admin address other machines could reach is refused before the bot
// talks to Telegram, unless --admin-public allows it.
func TestServeAdminNotLoopback(t *testing.T) {
	s := telegramtest.New(t)
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		var stderr lockedBuffer
		err := run(context.Background(), []string{"serve", "--admin", addr}, envOf(map[string]string{
			"TELEGRAM_BOT_TOKEN": telegramtest.Token, "TELEGRAM_API_URL": s.URL(),
		}), nil, &stderr, &stderr)
		if !errors.Is(err, ops.ErrNotLoopback) || !strings.Contains(err.Error(), "--admin-public") || !strings.Contains(err.Error(), "other machines") {
			t.Errorf("--admin %s: got %v, want a refusal that names --admin-public", addr, err)
		}
	}
	if n := countCalls(s, "getMe"); n != 0 {
		t.Errorf("getMe called %d times before the refusal", n)
	}

	stderr, stop := startServe(t, s, []string{"--admin", "0.0.0.0:0", "--admin-public"}, nil)
	if _, ok := stderr.waitFor(regexp.MustCompile(`msg="bot ready"`), 20*time.Second); !ok {
		t.Fatalf("--admin-public: the bot did not start:\n%s", stderr)
	}
	if err := stop(); err != nil {
		t.Errorf("--admin-public: serve returned %v", err)
	}
}

const serveKB = `categories:
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

// With --admin the bot serves /healthz, /readyz and /metrics; with --kb it
// reloads the folder when a file changes, and /status tells so.
func TestServeAdminAndLiveReload(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "topics.yaml")
	write := func(title string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(strings.Replace(serveKB, "{{TITLE}}", title, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Wohngeld")
	s := telegramtest.New(t)
	const admin, user = 4242, 5002
	stderr, stop := startServe(t, s, []string{"--kb", dir, "--admin", "127.0.0.1:0"}, map[string]string{"SOZIALBOT_ADMINS": "4242"})
	m, ok := stderr.waitFor(regexp.MustCompile(`msg="admin listener" addr=(127\.0\.0\.1:\d+)`), 20*time.Second)
	if !ok {
		t.Fatalf("no admin listener in the logs:\n%s", stderr)
	}
	base := "http://" + m[1]
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": `sozialbot_reloads_total{result="ok"} 0`} {
		if code, body := get(path); code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, want 200 with %q; body:\n%.500s", path, code, want, body)
		}
	}

	// ask sends a question and returns the bot's reply.
	ask := func(from int64, text string) string {
		t.Helper()
		before := countCalls(s, "sendMessage")
		s.AddUpdates(telegramtest.TextUpdate(from, text))
		s.WaitFor(t, 20*time.Second, "the reply to "+text, func() bool { return countCalls(s, "sendMessage") > before })
		return s.CallsTo("sendMessage")[before].Params["text"]
	}
	if reply := ask(user, "Wohngeld"); !strings.Contains(reply, "<b>Wohngeld") {
		t.Errorf("reply before the edit:\n%s", reply)
	}
	// The update is counted when its handler returns, just after the reply.
	want := []string{"sozialbot_updates_handled_total 1", `sozialbot_answers_total{outcome="answered"} 1`, "sozialbot_search_duration_seconds_count 1"}
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		_, metrics := get("/metrics")
		var missing []string
		for _, w := range want {
			if !strings.Contains(metrics, w) {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			break
		}
		if time.Now().After(end) {
			t.Errorf("metrics lack %q", missing)
			break
		}
	}

	// Save until the watcher, which may not be in place at the first save,
	// reloads.
	reloaded := regexp.MustCompile(`msg="knowledge base reloaded"`)
	deadline := time.Now().Add(15 * time.Second)
	for i := 0; ; i++ {
		write("Wohngeld (Mietzuschuss)" + strings.Repeat(" ", i%2))
		if _, ok := stderr.waitFor(reloaded, 2*time.Second); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no reload within 15s; logs:\n%s", stderr)
		}
	}
	if reply := ask(user, "Wohngeld"); !strings.Contains(reply, "Mietzuschuss") {
		t.Errorf("reply after the edit:\n%s", reply)
	}
	if _, metrics := get("/metrics"); strings.Contains(metrics, `sozialbot_reloads_total{result="ok"} 0`) {
		t.Errorf("reload not counted")
	}
	if reply := ask(admin, "/status"); !strings.Contains(reply, "Knowledge: "+dir) || strings.Contains(reply, "version 1,") ||
		!strings.Contains(reply, "Last reload: ") || !strings.Contains(reply, "Telegram: ") {
		t.Errorf("/status:\n%s", reply)
	}

	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("the admin listener still answers after serve returned")
	}
}

// TestHelperServe is not a test: run by TestServeOneProcessPerStateFolder
// as another process, it runs serve with the arguments in
// $SOZIALBOT_HELPER_SERVE against the API in TELEGRAM_API_URL.
func TestHelperServe(t *testing.T) {
	args := os.Getenv("SOZIALBOT_HELPER_SERVE")
	if args == "" {
		t.Skip("helper process only")
	}
	run(context.Background(), append([]string{"serve"}, strings.Fields(args)...), os.Getenv, nil, io.Discard, os.Stderr)
}

func TestServeOneProcessPerStateFolder(t *testing.T) {
	s := telegramtest.New(t)
	state := t.TempDir()
	first := exec.Command(os.Args[0], "-test.run=^TestHelperServe$")
	first.Env = append(os.Environ(), "SOZIALBOT_HELPER_SERVE=--state "+state,
		"TELEGRAM_BOT_TOKEN="+telegramtest.Token, "TELEGRAM_API_URL="+s.URL())
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	s.WaitFor(t, 30*time.Second, "the first serve polling", func() bool { return countCalls(s, "getUpdates") > 0 })

	var stderr lockedBuffer
	err := run(context.Background(), []string{"serve", "--state", state}, envOf(map[string]string{
		"TELEGRAM_BOT_TOKEN": telegramtest.Token, "TELEGRAM_API_URL": s.URL(),
	}), nil, &stderr, &stderr)
	want := fmt.Sprintf("in use by another sozialbot process; only one process may use a state folder (pid %d)", first.Process.Pid)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("second serve: %v; want %q", err, want)
	}
	for _, m := range []string{"getMe", "deleteWebhook"} {
		if n := countCalls(s, m); n != 1 {
			t.Errorf("%s called %d times; the second serve must not talk to Telegram", m, n)
		}
	}

	// SIGKILL frees the folder: the next serve starts without cleanup.
	first.Process.Kill()
	first.Wait()
	_, stop := startServe(t, s, []string{"--state", state}, nil)
	s.WaitFor(t, 30*time.Second, "the next serve polling", func() bool { return countCalls(s, "getMe") == 2 && countCalls(s, "deleteWebhook") == 2 })
	if err := stop(); err != nil {
		t.Errorf("serve after the kill: %v", err)
	}
}

func TestServeRefusesAStateItCannotTrust(t *testing.T) {
	s := telegramtest.New(t)
	state := t.TempDir()
	if err := os.WriteFile(filepath.Join(state, "offset.json"), []byte(`{"version":1,"watermark":9223372036854775807}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	err := run(context.Background(), []string{"serve", "--state", state}, envOf(map[string]string{
		"TELEGRAM_BOT_TOKEN": telegramtest.Token, "TELEGRAM_API_URL": s.URL(),
	}), nil, &stderr, &stderr)
	if err == nil || !strings.Contains(err.Error(), "watermark 9223372036854775807 is impossible") {
		t.Errorf("got %v, want an impossible watermark", err)
	}
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls to Telegram with a state that cannot be trusted", n)
	}
}
