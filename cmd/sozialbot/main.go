// Command sozialbot answers citizens' questions about the Sozialamt Dortmund:
// on the command line (ask), in Telegram (serve), and helps staff keep the
// knowledge base (validate, review, insights) and measure search (eval).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var exit exitError
		if asExit(err, &exit) {
			os.Exit(int(exit))
		}
		fmt.Fprintln(os.Stderr, "sozialbot:", err)
		os.Exit(1)
	}
}

// env is how commands read the environment, so tests can pass their own.
type env func(string) string

// command is one subcommand: it gets its own arguments.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"ask":          {"answer questions (from the arguments or one per line on standard input)", cmdAsk},
		"validate":     {"check a knowledge folder; exit 1 with the problem list", cmdValidate},
		"eval":         {"measure search quality on a question file", cmdEval},
		"serve":        {"run the Telegram bot", cmdServe},
		"review":       {"report for staff: what is due for review, what is missing", cmdReview},
		"insights":     {"what citizens asked that the bot could not answer (no personal data)", cmdInsights},
		"translations": {"skeleton of the texts still to translate into one language", cmdTranslations},
	}
}

var order = []string{"ask", "serve", "validate", "review", "translations", "insights", "eval"}

func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitError(2)
		}
		return nil
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "sozialbot: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitError(2)
	}
	return cmd.run(ctx, args[1:], getenv, stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sozialbot COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	cmds := commands()
	for _, name := range order {
		fmt.Fprintf(w, "  %-12s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'sozialbot COMMAND -h' for the flags of a command.")
}

// exitError ends the program with a status code and no further message;
// the command has already said what went wrong.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func asExit(err error, target *exitError) bool {
	e, ok := err.(exitError)
	if ok {
		*target = e
	}
	return ok
}
