package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// loadBase loads the knowledge folder dir, or the built-in one when dir is "".
func loadBase(ctx context.Context, dir string, opts knowledge.Options) (*knowledge.Base, error) {
	src := knowledge.NewSource(dir)
	kb, err := src.Load(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("load %s:\n%w", src, err)
	}
	return kb, nil
}

// buildIndex loads a knowledge folder and indexes it.
func buildIndex(ctx context.Context, dir string) (*index.Index, error) {
	kb, err := loadBase(ctx, dir, knowledge.Options{})
	if err != nil {
		return nil, err
	}
	return index.Build(kb)
}

// newFlags makes a flag set that prints its usage to stderr and returns errors.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: sozialbot %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; -h ends the command without an error.
func parseFlags(fs *flag.FlagSet, args []string) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return true, nil
		}
		return true, exitError(2)
	}
	return false, nil
}
