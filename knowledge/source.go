package knowledge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// DefaultLoadTimeout bounds how long reading a knowledge folder may take. A
// healthy folder is read in milliseconds; a network drive that stopped
// answering would otherwise hold a load for ever.
const DefaultLoadTimeout = 10 * time.Second

// ErrStillReading is returned by Source.Load while an earlier read of the
// same folder is still stuck (see Source.Load).
var ErrStillReading = errors.New("an earlier read of the knowledge folder has not finished; the folder (a network drive?) does not answer")

// Source is where a knowledge base comes from: the one compiled into the
// binary, or a folder on disk. It is the one place that decides between the
// two; every command and the live reload load through it.
//
// A folder is read safely: only regular files inside it are read. A symbolic
// link that leads outside the folder, a pipe, a device or a socket is a
// problem that names the file without opening it, and a file larger than 4
// MiB is a problem too. Reading has a time limit (Timeout).
//
// A Source is safe for concurrent use.
type Source struct {
	dir string
	// Timeout bounds reading the folder; zero means DefaultLoadTimeout.
	Timeout time.Duration

	// reading holds a token while a read of the folder runs, so that a
	// read stuck in the kernel is never joined by a second one.
	reading chan struct{}
	// readDir reads the folder; readFolder, except in tests.
	readDir func(dir string) ([]rawFile, Problems, error)
}

// NewSource returns the source of the knowledge folder dir, or of the
// knowledge base built into the binary when dir is "".
func NewSource(dir string) *Source {
	return &Source{dir: dir, reading: make(chan struct{}, 1), readDir: readFolder}
}

// Dir is the knowledge folder, or "" for the built-in knowledge base.
func (s *Source) Dir() string { return s.dir }

// Builtin reports whether s is the knowledge base built into the binary,
// which never changes.
func (s *Source) Builtin() bool { return s.dir == "" }

// String names the source for people: the folder, or "built-in knowledge base".
func (s *Source) String() string {
	if s.dir == "" {
		return "built-in knowledge base"
	}
	return s.dir
}

// Load reads, checks and returns the knowledge base, like Load. Problems in
// the files are a Problems error; a folder that cannot be read, or does not
// answer within Timeout, or ctx ending first, is another error.
//
// Load never waits longer than Timeout or ctx for the disk. A read that does
// not return in time is abandoned: it goes on in the background until the
// kernel gives up, and until then every Load returns ErrStillReading at
// once. So a hung network drive costs at most one goroutine per Source.
func (s *Source) Load(ctx context.Context, opts Options) (*Base, error) {
	if s.dir == "" {
		return Load(Builtin(), opts)
	}
	files, problems, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	return build(files, problems, opts)
}

func (s *Source) read(ctx context.Context) ([]rawFile, Problems, error) {
	select {
	case s.reading <- struct{}{}:
	default:
		return nil, nil, fmt.Errorf("read %s: %w", s.dir, ErrStillReading)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultLoadTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		files    []rawFile
		problems Problems
		err      error
	}
	done := make(chan result, 1) // the abandoned reader must not block on it
	go func() {
		files, problems, err := s.readDir(s.dir)
		<-s.reading // before the result: the next Load must find the token free
		done <- result{files, problems, err}
	}()
	select {
	case r := <-done:
		return r.files, r.problems, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, nil, fmt.Errorf("read %s: no answer within %s; is it on a network drive that hangs?", s.dir, timeout)
		}
		return nil, nil, fmt.Errorf("read %s: %w", s.dir, ctx.Err())
	}
}

// Watch calls onChange whenever the knowledge files change, until ctx is
// done (see the function Watch). The built-in knowledge base never changes:
// then Watch just waits for ctx.
func (s *Source) Watch(ctx context.Context, quiet time.Duration, onChange func()) error {
	if s.dir == "" {
		<-ctx.Done()
		return nil
	}
	return Watch(ctx, s.dir, quiet, onChange)
}

// readFolder reads the knowledge files of the folder dir. Every file that
// is not read for safety is a problem naming it; an error means the folder
// itself cannot be read.
func readFolder(dir string) ([]rawFile, Problems, error) {
	// The folder itself may be reached through links (/srv/kb → /data/kb);
	// "inside the folder" means inside where they lead.
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read knowledge folder %s: %w", dir, err)
	}
	if real, err = filepath.Abs(real); err != nil {
		return nil, nil, fmt.Errorf("read knowledge folder %s: %w", dir, err)
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		if st, serr := os.Stat(real); serr == nil && !st.IsDir() {
			return nil, nil, fmt.Errorf("%s is not a folder", dir)
		}
		return nil, nil, fmt.Errorf("read knowledge folder %s: %w", dir, err)
	}
	defer root.Close()
	var files []rawFile
	var problems Problems
	for _, dir := range folders {
		entries, err := fs.ReadDir(root.FS(), dir)
		if dir != "." && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read knowledge folder %s: %w", dir, err)
		}
		for _, e := range entries {
			if e.IsDir() || !IsKnowledgeFile(e.Name()) {
				continue
			}
			name := path.Join(dir, e.Name())
			data, why := readInside(root, real, name)
			if why != "" {
				problems = append(problems, refused(name, why))
				continue
			}
			files = append(files, rawFile{name, data})
		}
	}
	return files, problems, nil
}

// readInside reads the file name in the folder real (opened as root), or
// says why it is not read. It looks at the file before it opens it, so a
// pipe is never opened for reading (which would wait for a writer for ever),
// nor a device.
func readInside(root *os.Root, real, name string) (data []byte, why string) {
	path := name
	info, err := root.Lstat(name)
	if err != nil {
		return nil, "cannot be read: " + errText(err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(filepath.Join(real, name))
		if err != nil {
			return nil, "is a symbolic link that leads nowhere; only files inside the knowledge folder are read"
		}
		rel, err := filepath.Rel(real, target)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return nil, "is a symbolic link that leads outside the knowledge folder; only files inside it are read"
		}
		path = rel
		if info, err = root.Lstat(path); err != nil {
			return nil, "cannot be read: " + errText(err)
		}
	}
	if why := notRegular(info); why != "" {
		return nil, why
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Sprintf("file is larger than %d MiB; is it really a knowledge file?", maxFileSize>>20)
	}
	// O_NONBLOCK: should a pipe have taken the file's place since Lstat,
	// opening it does not wait; the check after opening refuses it.
	f, err := root.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, "cannot be read: " + errText(err)
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, "cannot be read: " + errText(err)
	}
	if why := notRegular(opened); why != "" {
		return nil, why
	}
	data, err = io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, "cannot be read: " + errText(err)
	}
	return data, ""
}

// notRegular says why a file of info's type is not read, or "" for a
// regular file.
func notRegular(info fs.FileInfo) string {
	m := info.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a link to a folder, not a file; only regular files are read"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a file; only regular files are read"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file; only regular files are read"
	case m&fs.ModeDevice != 0:
		return "is a device, not a file; only regular files are read"
	}
	return "is not a regular file; only regular files are read"
}

// errText is the reason of a file system error without the path, which the
// problem names already.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
