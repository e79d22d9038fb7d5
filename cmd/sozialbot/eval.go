package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sozialamt-dortmund/sozialbot/index"
)

func cmdEval(ctx context.Context, args []string, _ env, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "[--kb DIR] [--misses=false] FILE.yaml", stderr)
	kbDir := fs.String("kb", "", "knowledge folder (default: the one built into the binary)")
	misses := fs.Bool("misses", true, "list the questions answered wrongly")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError(2)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	qs, err := index.ReadQuestions(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	ix, err := buildIndex(ctx, *kbDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	report, err := index.Evaluate(ctx, ix, qs)
	if err != nil {
		return err
	}
	if !*misses {
		report.Misses = nil
	}
	report.Write(stdout)
	return nil
}
