package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// askOutput is one line of `ask --json`, exactly as docs/ask.md fixes it.
type askOutput struct {
	Question string      `json:"question"`
	Answered bool        `json:"answered"`
	Results  []askResult `json:"results"`
}

type askResult struct {
	ID    string     `json:"id"`
	Kind  index.Kind `json:"kind"`
	Title string     `json:"title"`
	Score float64    `json:"score"`
}

// maxLine bounds one question read from standard input; longer lines are
// read whole but searched only in part (index.MaxQuestionRunes).
const maxLine = 1 << 20

func cmdAsk(ctx context.Context, args []string, _ env, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("ask", "[--kb DIR] [--json] [QUESTION]", stderr)
	kbDir := fs.String("kb", "", "knowledge folder (default: the one built into the binary)")
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	ix, err := buildIndex(ctx, *kbDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	answer := func(q string) error {
		res, err := ix.Search(ctx, q)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(out, res)
		}
		writeText(out, ix.Base(), res)
		return nil
	}
	if fs.NArg() > 0 {
		return answer(strings.Join(fs.Args(), " "))
	}
	r := bufio.NewReaderSize(stdin, 64<<10)
	for {
		line, err := readLine(r)
		if line != "" || err == nil {
			if aerr := answer(line); aerr != nil {
				return aerr
			}
			out.Flush()
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read questions: %w", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// readLine returns one line without its line break, keeping at most maxLine
// bytes of a longer one.
func readLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := r.ReadLine()
		if b.Len() < maxLine {
			b.Write(chunk[:min(len(chunk), maxLine-b.Len())])
		}
		if err != nil || !isPrefix {
			return b.String(), err
		}
	}
}

func writeJSON(w io.Writer, res index.Result) error {
	out := askOutput{Question: res.Question, Answered: res.Answered, Results: []askResult{}}
	for _, h := range res.Hits {
		out.Results = append(out.Results, askResult(h))
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// writeText prints an answer for a person at a terminal.
func writeText(w io.Writer, kb *knowledge.Base, res index.Result) {
	fmt.Fprintf(w, "? %s\n", res.Question)
	if !res.Answered {
		switch res.Reason {
		case index.ReasonEmpty:
			fmt.Fprintln(w, "  (keine Frage erkannt)")
		case index.ReasonGreeting:
			fmt.Fprintln(w, "  Hallo! Fragen Sie mich zu Leistungen des Sozialamts Dortmund.")
		default:
			fmt.Fprintln(w, "  Dazu habe ich keine sichere Antwort. Zentrale der Stadt Dortmund: 0231 50-0.")
		}
		if len(res.Hits) > 0 {
			fmt.Fprint(w, "  Meinten Sie:")
			for _, h := range res.Hits[:min(3, len(res.Hits))] {
				fmt.Fprintf(w, " %s (%s);", h.Title, h.ID)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
		return
	}
	top := res.Hits[0]
	fmt.Fprintf(w, "  %s [%s %s]\n", top.Title, top.Kind, top.ID)
	if t := kb.Topic(top.ID); t != nil {
		fmt.Fprintf(w, "  %s\n", t.Summary.In(res.Lang))
		for _, o := range kb.OfficesOf(t)[:min(2, len(t.Offices))] {
			writeOffice(w, o, res.Lang)
		}
		fmt.Fprintf(w, "  Stand: %s\n", t.Reviewed.German())
	}
	if o := kb.Office(top.ID); o != nil {
		writeOffice(w, o, res.Lang)
		fmt.Fprintf(w, "  Stand: %s\n", o.Reviewed.German())
	}
	if len(res.Hits) > 1 {
		fmt.Fprint(w, "  Auch:")
		for _, h := range res.Hits[1:min(4, len(res.Hits))] {
			fmt.Fprintf(w, " %s;", h.Title)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

func writeOffice(w io.Writer, o *knowledge.Office, lang string) {
	fmt.Fprintf(w, "  > %s", o.Name.In(lang))
	if o.Address != nil {
		fmt.Fprintf(w, ", %s", o.Address)
	}
	if len(o.Phone) > 0 {
		fmt.Fprintf(w, ", Tel. %s", strings.Join(o.Phone, " / "))
	}
	fmt.Fprintln(w)
}
