package answer_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

var (
	realOnce sync.Once
	realIx   *index.Index
	realErr  error
)

// realIndex is the index of the built-in knowledge base, built once.
func realIndex(t testing.TB) *index.Index {
	t.Helper()
	realOnce.Do(func() {
		kb, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
		if err != nil {
			realErr = err
			return
		}
		realIx, realErr = index.Build(kb)
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realIx
}

func evaluate(t *testing.T, file string) answer.Report {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := answer.ReadCases(f)
	if err != nil {
		t.Fatal(err)
	}
	r, err := answer.Evaluate(context.Background(), answer.New(realIndex(t), answer.Options{}), cases)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTune prints the report of a tuning file (TUNE=path, default the
// tuning set) with its misses, for calibration: go test -run Tune -v.
func TestTune(t *testing.T) {
	file := os.Getenv("TUNE")
	if file == "" {
		file = filepath.Join("testdata", "conversations-tune.yaml")
	}
	if _, err := os.Stat(file); err != nil {
		t.Skip(err)
	}
	r := evaluate(t, file)
	if testing.Verbose() {
		r.Write(os.Stdout, true)
	}
}
