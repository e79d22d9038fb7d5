package knowledge

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// secret stands for what a file outside the folder holds; it must never
// appear in a problem.
const secret = "root:$6$geheim-und-vertraulich"

// goodFolder copies testdata/source/good into a new folder and returns it.
func goodFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFiles(t, filepath.Join("testdata", "source", "good"), dir)
	return dir
}

func copyFiles(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// outsideFile writes a file with the secret outside any knowledge folder.
func outsideFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(p, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

func badFile(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		data, err := os.ReadFile(filepath.Join("testdata", "source", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSourceRefusesBadContent adds one kind of bad entry to a good folder:
// the load fails with a problem that names the file (and for a file outside
// the folder, never quotes it), and it fails at once, without waiting.
func TestSourceRefusesBadContent(t *testing.T) {
	tests := []struct {
		name string
		add  func(t *testing.T, dir string)
		want string
	}{
		{"empty file", badFile("empty.yaml"), "empty.yaml:1:1: file is empty"},
		{"blank file", badFile("blank.yaml"), "blank.yaml:1:1: file is empty"},
		{"comments only", badFile("comments.yaml"), "comments.yaml:1:1: file is empty (or holds only comments)"},
		{"tab in the indentation", badFile("tab-indent.yaml"), "tab-indent.yaml:4:1: YAML syntax: a tab character"},
		{"tab after a dash", badFile("tab-after-dash.yaml"), "tab-after-dash.yaml:2:4: YAML syntax: a tab character"},
		{"symlink outside", func(t *testing.T, dir string) {
			symlink(t, outsideFile(t), filepath.Join(dir, "secret.yaml"))
		}, "secret.yaml:1:1: is a symbolic link that leads outside the knowledge folder"},
		{"relative symlink outside", func(t *testing.T, dir string) {
			rel, err := filepath.Rel(dir, outsideFile(t))
			if err != nil {
				t.Fatal(err)
			}
			symlink(t, rel, filepath.Join(dir, "secret.yaml"))
		}, "secret.yaml:1:1: is a symbolic link that leads outside"},
		{"symlink through a sub-folder link outside", func(t *testing.T, dir string) {
			symlink(t, filepath.Dir(outsideFile(t)), filepath.Join(dir, "sub"))
			symlink(t, filepath.Join("sub", "shadow"), filepath.Join(dir, "secret.yaml"))
		}, "secret.yaml:1:1: is a symbolic link that leads outside"},
		{"dangling symlink", func(t *testing.T, dir string) {
			symlink(t, "gone.yaml", filepath.Join(dir, "link.yaml"))
		}, "link.yaml:1:1: is a symbolic link that leads nowhere"},
		{"link to a folder", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			symlink(t, "sub", filepath.Join(dir, "sub.yaml"))
		}, "sub.yaml:1:1: is a link to a folder"},
		{"FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}, "x.yaml:1:1: is a named pipe (FIFO)"},
		{"symlink to a FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			symlink(t, "pipe", filepath.Join(dir, "x.yaml"))
		}, "x.yaml:1:1: is a named pipe (FIFO)"},
		{"socket", func(t *testing.T, dir string) {
			ln, err := net.Listen("unix", filepath.Join(dir, "s.yaml"))
			if err != nil {
				t.Skipf("unix socket: %v", err)
			}
			t.Cleanup(func() { ln.Close() })
		}, "s.yaml:1:1: is a socket"},
		{"huge file", func(t *testing.T, dir string) {
			f, err := os.Create(filepath.Join(dir, "huge.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(maxFileSize + 1); err != nil { // sparse: costs no disk
				t.Fatal(err)
			}
		}, "huge.yaml:1:1: file is larger than 4 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := goodFolder(t)
			tc.add(t, dir)
			src := NewSource(dir)
			src.Timeout = time.Minute // a wait would show as a timeout error instead of the problem
			start := time.Now()
			kb, err := src.Load(context.Background(), Options{Now: today})
			if kb != nil {
				t.Fatal("loaded a folder with bad content")
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v, want Problems", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("problems\n%v\nlack %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "geheim") {
				t.Errorf("problems quote a file outside the folder:\n%v", err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("load took %s", d)
			}
		})
	}
}

// TestSourceFollowsLinksInside: links that stay inside the folder are read,
// as a Kubernetes ConfigMap mounts its files (name → ..data/name, ..data →
// a timestamped folder).
func TestSourceFollowsLinksInside(t *testing.T) {
	dir := t.TempDir()
	stamp := filepath.Join(dir, "..2026_11_24_09_00_00.1")
	if err := os.Mkdir(stamp, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFiles(t, filepath.Join("testdata", "source", "good"), stamp)
	symlink(t, filepath.Base(stamp), filepath.Join(dir, "..data"))
	symlink(t, filepath.Join("..data", "topics.yaml"), filepath.Join(dir, "topics.yaml"))
	symlink(t, filepath.Join("..data", "categories.yaml"), filepath.Join(dir, "categories.yaml"))
	symlink(t, filepath.Join(dir, "..data", "districts.yaml"), filepath.Join(dir, "districts.yaml")) // absolute, still inside

	// The folder itself reached through a link.
	link := filepath.Join(t.TempDir(), "kb")
	symlink(t, dir, link)
	kb, err := NewSource(link).Load(context.Background(), Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if kb.Topic("grundsicherung") == nil || kb.District("hoerde") == nil {
		t.Error("files behind links inside the folder were not read")
	}
}

func TestSourceFolderErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "kb.yaml")
	if err := os.WriteFile(file, []byte("topics: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct{ dir, want string }{
		"missing":     {filepath.Join(t.TempDir(), "missing"), "no such file"},
		"a file":      {file, "is not a folder"},
		"no files":    {t.TempDir(), "no knowledge files"},
		"only a FIFO": {fifoFolder(t), "x.yaml:1:1: is a named pipe"},
	} {
		_, err := NewSource(tc.dir).Load(context.Background(), Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
}

func fifoFolder(t *testing.T) string {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return dir
}

// TestSourceBuiltin: the source without a folder is the knowledge base
// compiled into the binary, and its digest is stable.
func TestSourceBuiltin(t *testing.T) {
	src := NewSource("")
	if !src.Builtin() || src.String() != "built-in knowledge base" {
		t.Errorf("NewSource(\"\") = %v", src)
	}
	a, err := src.Load(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Digest() == "" || a.Digest() != b.Digest() {
		t.Errorf("digests %q and %q differ", a.Digest(), b.Digest())
	}
	for _, id := range ContractTopics {
		if a.Topic(id) == nil {
			t.Errorf("topic %q of the contract is missing", id)
		}
	}
}

// TestSourceDigest: the same files give the same digest, any change another.
func TestSourceDigest(t *testing.T) {
	dir := goodFolder(t)
	src := NewSource(dir)
	load := func() string {
		t.Helper()
		kb, err := src.Load(context.Background(), Options{Now: today})
		if err != nil {
			t.Fatal(err)
		}
		return kb.Digest()
	}
	first := load()
	if again := load(); again != first {
		t.Error("same files, different digest")
	}
	data, err := os.ReadFile(filepath.Join(dir, "topics.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "topics.yaml"), append(data, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if load() == first {
		t.Error("edited file, same digest")
	}
}

// stuckSource is a folder source whose reads hang until release is closed,
// as on a network drive that stopped answering.
func stuckSource(t *testing.T) (src *Source, started chan struct{}, release chan struct{}) {
	t.Helper()
	src = NewSource(goodFolder(t))
	started, release = make(chan struct{}, 10), make(chan struct{})
	src.readDir = func(dir string) ([]rawFile, Problems, error) {
		started <- struct{}{}
		<-release
		return readFolder(dir)
	}
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	return src, started, release
}

// TestSourceLoadTimeLimit: a read that hangs is given up after Timeout or
// when ctx ends; while it hangs, further loads fail at once instead of
// starting another read; once it returns, loading works again.
func TestSourceLoadTimeLimit(t *testing.T) {
	src, started, release := stuckSource(t)
	src.Timeout = 20 * time.Millisecond
	_, err := src.Load(context.Background(), Options{Now: today})
	if err == nil || !strings.Contains(err.Error(), "no answer within 20ms") {
		t.Fatalf("hung read: got %v", err)
	}
	<-started

	src.Timeout = time.Hour
	if _, err := src.Load(context.Background(), Options{Now: today}); !errors.Is(err, ErrStillReading) {
		t.Errorf("load while a read hangs: got %v, want ErrStillReading", err)
	}

	close(release)
	for {
		kb, err := src.Load(context.Background(), Options{Now: today})
		if errors.Is(err, ErrStillReading) {
			runtime.Gosched() // the released read is finishing
			continue
		}
		if err != nil || kb == nil {
			t.Fatalf("after the read returned: %v", err)
		}
		break
	}
}

func TestSourceLoadCancel(t *testing.T) {
	src, started, _ := stuckSource(t)
	src.Timeout = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := src.Load(ctx, Options{Now: today})
		done <- err
	}()
	<-started
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled load: got %v", err)
	}
}

// TestSourceWatchStopsWhileLoadHangs: the live reload, stuck in a load,
// still ends when its context does, so a stuck folder never blocks shutdown.
func TestSourceWatchStopsWhileLoadHangs(t *testing.T) {
	src, started, _ := stuckSource(t)
	src.Timeout = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- src.Watch(ctx, time.Millisecond, func() { _, _ = src.Load(ctx, Options{}) })
	}()
	for i := 0; ; i++ { // write until the watcher, which may not be in place yet, reloads
		if err := os.WriteFile(filepath.Join(src.Dir(), "extra.yaml"), []byte(strings.Repeat("\n", i%2)+"topics: []\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(100 * time.Millisecond):
			continue
		}
		break
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Watch did not stop while a load hung")
	}
}
