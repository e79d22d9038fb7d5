package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/insights"
)

func cmdInsights(_ context.Context, args []string, _ env, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("insights", "--state DIR [--days 30] [--top 20]", stderr)
	state := fs.String("state", "", "state folder of the running bot (required)")
	days := fs.Int("days", int(insights.DefaultRetention/(24*time.Hour)), "how many days to sum up, today included; older questions are deleted anyway")
	top := fs.Int("top", 20, "how many groups of unanswered questions to show (0: all)")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if *state == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitError(2)
	}
	sum, err := insights.Read(*state, *days, time.Now())
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, "insights: no insights in %s yet (the bot writes them to %s/%s while it runs with --state %s)\n", *state, *state, insights.Folder, *state)
		return exitError(1)
	}
	if err != nil {
		fmt.Fprintf(stderr, "insights: %v\n", err)
		return exitError(1)
	}
	return sum.WriteText(stdout, *top)
}
