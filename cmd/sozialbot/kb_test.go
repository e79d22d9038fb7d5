package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// secretLine stands for what a file outside the knowledge folder holds.
const secretLine = "root:$6$streng-geheim"

// badFolder is a valid knowledge folder with a FIFO named x.yaml and a link
// to a file outside the folder.
func badFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "topics.yaml"), []byte(strings.Replace(serveKB, "{{TITLE}}", "Wohngeld", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	plantBadEntries(t, dir)
	return dir
}

// TestKnowledgeFolderFaultsInCommands: every command that takes a folder
// refuses a FIFO and a link out of the folder at once, naming both files
// and never quoting the outside file.
func TestKnowledgeFolderFaultsInCommands(t *testing.T) {
	dir := badFolder(t)
	q := filepath.Join(t.TempDir(), "q.yaml")
	if err := os.WriteFile(q, []byte(`- {q: "Wohngeld", expect: [wohngeld], tags: [short]}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"validate", dir},
		{"ask", "--kb", dir, "Wohngeld"},
		{"review", "--kb", dir},
		{"eval", "--kb", dir, q},
	} {
		start := time.Now()
		stdout, stderr, err := runIn(t, "", args...)
		out := stdout + stderr
		if err != nil {
			out += err.Error()
		}
		if exitCode(err) != 1 {
			t.Errorf("%s: exit %d, want 1", args[0], exitCode(err))
		}
		for _, want := range []string{"x.yaml:1:1: is a named pipe", "shadow.yaml:1:1: is a symbolic link that leads outside the knowledge folder"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", args[0], want, out)
			}
		}
		if strings.Contains(out, "streng-geheim") {
			t.Errorf("%s: the outside file was quoted:\n%s", args[0], out)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s took %s", args[0], d)
		}
	}

	// serve refuses to start, before it contacts Telegram.
	var stderr lockedBuffer
	err := run(context.Background(), []string{"serve", "--kb", dir}, envOf(map[string]string{
		"TELEGRAM_BOT_TOKEN": "1:UNUSED", "TELEGRAM_API_URL": "http://127.0.0.1:1",
	}), nil, &stderr, &stderr)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:1:1: is a named pipe") || strings.Contains(err.Error()+stderr.String(), "streng-geheim") {
		t.Errorf("serve with a FIFO in the folder: %v\n%s", err, &stderr)
	}
}

// TestServeKnowledgeFolderFaults: a FIFO, a link out of the folder and an
// empty file saved into the folder of a running bot are refused, and never
// quoted; a save that removes a contract topic is held back until /reload
// confirms it; with no topic left /readyz is not ready; and the bot stops
// promptly all the while.
func TestServeKnowledgeFolderFaults(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "topics.yaml")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := strings.Replace(serveKB, "{{TITLE}}", "Wohngeld", 1)
	write(good)
	s := telegramtest.New(t)
	const admin = 4242
	stderr, stop := startServe(t, s, []string{"--kb", dir, "--admin", "127.0.0.1:0"}, map[string]string{"SOZIALBOT_ADMINS": "4242"})
	m, ok := stderr.waitFor(regexp.MustCompile(`msg="admin listener" addr=(127\.0\.0\.1:\d+)`), 20*time.Second)
	if !ok {
		t.Fatalf("no admin listener in the logs:\n%s", stderr)
	}
	readyz := "http://" + m[1] + "/readyz"
	if _, ok := stderr.waitFor(regexp.MustCompile(`msg="bot ready"`), 20*time.Second); !ok {
		t.Fatalf("the bot did not start:\n%s", stderr)
	}
	ask := func(text string) string {
		t.Helper()
		before := countCalls(s, "sendMessage")
		s.AddUpdates(telegramtest.TextUpdate(admin, text))
		s.WaitFor(t, 20*time.Second, "the reply to "+text, func() bool { return countCalls(s, "sendMessage") > before })
		return s.CallsTo("sendMessage")[before].Params["text"]
	}

	// Bad entries land in the folder; /reload says why, the bot goes on.
	plantBadEntries(t, dir)
	reply := ask("/reload")
	for _, want := range []string{"x.yaml:1:1: is a named pipe", "shadow.yaml:1:1: is a symbolic link that leads outside"} {
		if !strings.Contains(reply, want) {
			t.Errorf("/reload reply lacks %q:\n%s", want, reply)
		}
	}
	os.Remove(filepath.Join(dir, "x.yaml"))
	os.Remove(filepath.Join(dir, "shadow.yaml"))
	// The watcher reloads the repaired folder (and so shows it is in place).
	wait := func(what string, n int) {
		t.Helper()
		re := regexp.MustCompile(`(?s)(` + regexp.QuoteMeta(what) + `.*){` + strconv.Itoa(n) + `}`)
		if _, ok := stderr.waitFor(re, 20*time.Second); !ok {
			t.Fatalf("no %d× %q in the logs:\n%s", n, what, stderr)
		}
	}
	wait(`msg="knowledge base reloaded"`, 1)

	write("")
	if reply := ask("/reload"); !strings.Contains(reply, "topics.yaml:1:1: file is empty") {
		t.Errorf("/reload of an empty file:\n%s", reply)
	}

	// Removing the only topic, which the contract fixes: held back.
	noTopics := strings.SplitN(good, "topics:", 2)[0]
	write(noTopics)
	wait("HELD BACK", 1)
	if reply := ask("/status"); !strings.Contains(reply, "HELD BACK since") || !strings.Contains(reply, "1 topics") || !strings.Contains(reply, "wohngeld") {
		t.Errorf("/status while held back:\n%s", reply)
	}
	if code := httpStatus(t, readyz); code != 200 {
		t.Errorf("/readyz while held back: %d, want 200", code)
	}
	// Staff confirm with /reload.
	if reply := ask("/reload"); !strings.Contains(reply, "Wissensbasis neu geladen") {
		t.Errorf("confirming /reload:\n%s", reply)
	}
	if code := httpStatus(t, readyz); code != 503 {
		t.Errorf("/readyz with no topics: %d, want 503", code)
	}

	// Restored, removed again, and confirmed by saving the same once more.
	write(good)
	if _, ok := stderr.waitFor(regexp.MustCompile(`(?s)reloaded"[^\n]* topics=0 .*reloaded"[^\n]* topics=1 `), 20*time.Second); !ok {
		t.Fatalf("the restored folder was not reloaded:\n%s", stderr)
	}
	if code := httpStatus(t, readyz); code != 200 {
		t.Errorf("/readyz after the restore: %d, want 200", code)
	}
	write(noTopics)
	wait("HELD BACK", 2)
	write(noTopics)
	if _, ok := stderr.waitFor(regexp.MustCompile(`(?s)(held-back knowledge reload confirmed.*){2}reloaded"[^\n]* topics=0 `), 20*time.Second); !ok {
		t.Fatalf("the second save did not confirm the held-back version:\n%s", stderr)
	}
	if code := httpStatus(t, readyz); code != 503 {
		t.Errorf("/readyz after a second save: %d, want 503", code)
	}

	logs := stderr.String()
	if strings.Contains(logs, "streng-geheim") {
		t.Errorf("the logs quote the outside file:\n%s", logs)
	}
	for _, call := range s.CallsTo("sendMessage") {
		if strings.Contains(call.Params["text"], "streng-geheim") {
			t.Errorf("a reply quotes the outside file:\n%s", call.Params["text"])
		}
	}

	start := time.Now()
	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("serve took %s to stop", d)
	}
}

func httpStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestParseShare(t *testing.T) {
	for in, want := range map[string]float64{"20%": 0.2, "20": 0.2, " 5 % ": 0.05, "100%": 1, "0.5%": 0.005} {
		if got, err := parseShare(in); err != nil || got != want {
			t.Errorf("parseShare(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "0%", "-5%", "120%", "viel", "20%%"} {
		if _, err := parseShare(in); err == nil {
			t.Errorf("parseShare(%q) accepted", in)
		}
	}
}

// plantBadEntries puts into dir what a knowledge folder must refuse without
// blocking or quoting it: a FIFO, and a symlink to a file outside the folder
// that holds secretLine.
func plantBadEntries(t *testing.T, dir string) {
	t.Helper()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	outside := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(outside, []byte(secretLine+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "shadow.yaml")); err != nil {
		t.Skipf("symlink: %v", err)
	}
}
