package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func cmdValidate(ctx context.Context, args []string, _ env, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("validate", "[--max-age DAYS] [--quiet] [DIR]", stderr)
	maxAge := fs.Int("max-age", int(knowledge.DefaultMaxAge/(24*time.Hour)), "warn about entries reviewed more than this many days ago")
	quiet := fs.Bool("quiet", false, "print errors only, no warnings")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	src := knowledge.NewSource(fs.Arg(0))
	name := src.String()
	kb, err := src.Load(ctx, knowledge.Options{MaxAge: time.Duration(*maxAge) * 24 * time.Hour})
	var problems knowledge.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			if p.Severity == knowledge.Error || !*quiet {
				fmt.Fprintln(stdout, p)
			}
		}
		fmt.Fprintf(stdout, "%s: %d errors, %d warnings; the knowledge base was NOT loaded\n",
			name, len(problems.Errors()), len(problems.Warnings()))
		return exitError(1)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError(1)
	}
	if !*quiet {
		for _, p := range kb.Warnings {
			fmt.Fprintln(stdout, p)
		}
	}
	fmt.Fprintf(stdout, "%s: ok: %d topics, %d offices, %d districts, %d synonym groups; %d warnings\n",
		name, len(kb.Topics), len(kb.Offices), len(kb.Districts), len(kb.Synonyms), len(kb.Warnings))
	return nil
}
