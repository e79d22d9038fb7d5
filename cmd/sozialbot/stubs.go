package main

import (
	"context"
	"errors"
	"io"
)

// Commands still being built; each moves to its own file when it is done.

func cmdServe(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("serve: not built yet")
}
