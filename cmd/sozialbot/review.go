package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/insights"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func cmdReview(_ context.Context, args []string, _ env, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("review", "[--kb DIR] [--max-age 183d|6mo] [--markdown FILE] [--state DIR] [--days 30]", stderr)
	dir := fs.String("kb", "", "knowledge folder (default: the built-in knowledge base)")
	maxAge := fs.String("max-age", "183d", "an entry is due this long after its reviewed date: days (183 or 183d), weeks (26w), months (6mo) or years (1y)")
	markdown := fs.String("markdown", "", "also write the report as Markdown to `FILE`, to share with the team (\"-\": Markdown on standard output instead of text)")
	state := fs.String("state", "", "state folder of the running bot; its insights tell which synonyms never matched")
	days := fs.Int("days", int(insights.DefaultRetention/(24*time.Hour)), "with --state: how many days of questions to read")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "review: unexpected argument %q; the folder goes after --kb\n", fs.Arg(0))
		return exitError(2)
	}
	age, err := knowledge.ParseAge(*maxAge)
	if err != nil {
		fmt.Fprintf(stderr, "review: --max-age: %v\n", err)
		return exitError(2)
	}

	now := time.Now()
	fsys, name := knowledge.Builtin(), "built-in knowledge base"
	if *dir != "" {
		fsys, name = os.DirFS(*dir), *dir
	}
	kb, err := knowledge.Load(fsys, knowledge.Options{Now: now, MaxAge: age})
	var problems knowledge.Problems
	if errors.As(err, &problems) {
		for _, p := range problems.Errors() {
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stdout, "%s: %d errors; fix them first (sozialbot validate lists warnings too)\n", name, len(problems.Errors()))
		return exitError(1)
	}
	if err != nil {
		fmt.Fprintf(stderr, "review: %v\n", err)
		return exitError(1)
	}

	opts := knowledge.ReviewOptions{Now: now, MaxAge: age}
	if *state != "" {
		sum, err := insights.Read(*state, *days, now)
		if err != nil {
			fmt.Fprintf(stderr, "review: --state: %v\n", err)
			return exitError(1)
		}
		opts.SynonymsSeen, opts.SeenDays = sum.SynonymsSeen(), sum.Days
	}
	report := knowledge.NewReport(kb, opts)

	if *markdown == "-" {
		return report.WriteMarkdown(stdout)
	}
	if err := report.WriteText(stdout); err != nil {
		return err
	}
	writeTranslationReview(stdout, kb)
	if *markdown != "" {
		if err := writeFileAtomic(*markdown, report.WriteMarkdown); err != nil {
			fmt.Fprintf(stderr, "review: %v\n", err)
			return exitError(1)
		}
		fmt.Fprintf(stdout, "\nMarkdown report written to %s\n", *markdown)
	}
	return nil
}

// writeFileAtomic writes a file through a temporary file in the same folder,
// so that a reader never sees half a report.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
