package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
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
	cases, err := answer.ReadCases(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	ix, err := buildIndex(ctx, *kbDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	report, err := answer.Evaluate(ctx, answer.New(ix, answer.Options{}), cases)
	if err != nil {
		return err
	}
	report.Write(stdout, *misses)
	return nil
}
