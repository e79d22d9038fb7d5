package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// loadBase loads the knowledge folder dir, or the built-in one when dir is "".
func loadBase(dir string) (*knowledge.Base, error) {
	fsys := knowledge.Builtin()
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	kb, err := knowledge.Load(fsys, knowledge.Options{})
	if err != nil {
		if dir == "" {
			dir = "built-in knowledge base"
		}
		return nil, fmt.Errorf("load %s:\n%w", dir, err)
	}
	return kb, nil
}

// buildIndex loads a knowledge folder and indexes it.
func buildIndex(dir string) (*index.Index, error) {
	kb, err := loadBase(dir)
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
