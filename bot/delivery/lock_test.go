package delivery

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// TestHelperHoldStateDir is not a test: run by TestStateDirIsOneProcessOnly
// as another process, it locks the folder in $HOLD_STATE_DIR, says so and
// waits to be killed.
func TestHelperHoldStateDir(t *testing.T) {
	dir := os.Getenv("HOLD_STATE_DIR")
	if dir == "" {
		t.Skip("helper process only")
	}
	if _, err := LockStateDir(dir); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("locked\n")
	select {}
}

func TestStateDirIsOneProcessOnly(t *testing.T) {
	dir := t.TempDir()
	other := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStateDir$")
	other.Env = append(os.Environ(), "HOLD_STATE_DIR="+dir)
	out, err := other.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer other.Process.Kill()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "locked\n" {
		t.Fatalf("helper process: %q", line)
	}

	s := telegramtest.New(t)
	log, _ := newLogger(t)
	cfg := testConfig(t, s, log)
	cfg.StateDir = dir
	err = Poll(context.Background(), cfg, func(context.Context, *models.Update) {})
	if !errors.Is(err, ErrStateDirInUse) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(other.Process.Pid)) {
		t.Errorf("Poll beside another process: %v; want ErrStateDirInUse naming pid %d", err, other.Process.Pid)
	}
	if _, err := NewWebhook(cfg, testSecret, func(context.Context, *models.Update) {}); !errors.Is(err, ErrStateDirInUse) {
		t.Errorf("NewWebhook beside another process: %v", err)
	}
	if n := len(s.CallsTo("getUpdates")); n != 0 {
		t.Errorf("%d getUpdates calls before the lock was refused", n)
	}

	// SIGKILL releases the lock: a restart needs no cleanup.
	other.Process.Kill()
	other.Wait()
	release, err := LockStateDir(dir)
	if err != nil {
		t.Fatalf("after the other process was killed: %v", err)
	}
	// Within one process (serve and Poll) the folder may be locked twice.
	release2, err := LockStateDir(dir)
	if err != nil {
		t.Fatalf("second lock in the same process: %v", err)
	}
	release2()
	release()
}
