package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/atomicfile"
	"github.com/sozialamt-dortmund/sozialbot/bot/insights"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func cmdReview(ctx context.Context, args []string, _ env, _ io.Reader, stdout, stderr io.Writer) error {
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
	src := knowledge.NewSource(*dir)
	name := src.String()
	kb, err := src.Load(ctx, knowledge.Options{Now: now, MaxAge: age})
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
		if err := atomicfile.Write(*markdown, 0o644, report.WriteMarkdown); err != nil {
			fmt.Fprintf(stderr, "review: %v\n", err)
			return exitError(1)
		}
		fmt.Fprintf(stdout, "\nMarkdown report written to %s\n", *markdown)
	}
	return nil
}
