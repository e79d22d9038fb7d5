package delivery

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// LockFileName is the lock file in a state folder.
const LockFileName = "lock"

// ErrStateDirInUse is returned (wrapped) by LockStateDir, Poll and
// NewWebhook when another process uses the state folder.
var ErrStateDirInUse = errors.New("the state folder is in use by another sozialbot process; only one process may use a state folder")

// dirLocks are the state folders this process holds, so that serve and Poll
// in one process can both ask for the same folder.
var dirLocks = struct {
	sync.Mutex
	held map[string]*dirLock
}{held: map[string]*dirLock{}}

type dirLock struct {
	f     *os.File
	users int
}

// LockStateDir makes dir (created if missing) this process's own: it takes
// an exclusive flock on dir/lock, which the kernel releases when the
// process ends, however it ends (SIGKILL included), so a stale lock never
// blocks a restart. Another process holding it gives an error wrapping
// ErrStateDirInUse with its pid. Within one process the folder may be
// locked again; release undoes one LockStateDir.
func LockStateDir(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("state folder: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("state folder: %w", err)
	}
	dirLocks.Lock()
	defer dirLocks.Unlock()
	l := dirLocks.held[abs]
	if l == nil {
		path := filepath.Join(abs, LockFileName)
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("state folder lock: %w", err)
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				pid, _ := os.ReadFile(path)
				return nil, fmt.Errorf("%s: %w (pid %s); stop it first or give this one another --state", abs, ErrStateDirInUse, strings.TrimSpace(string(pid)))
			}
			return nil, fmt.Errorf("state folder lock %s: %w", path, err)
		}
		// The pid is only for the message above; the flock is the lock.
		if f.Truncate(0) == nil {
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		l = &dirLock{f: f}
		dirLocks.held[abs] = l
	}
	l.users++
	var once sync.Once
	return func() {
		once.Do(func() {
			dirLocks.Lock()
			defer dirLocks.Unlock()
			if l.users--; l.users == 0 {
				delete(dirLocks.held, abs)
				l.f.Close() // releases the flock
			}
		})
	}, nil
}
