package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// askOutput is one line of `ask --json`, as docs/ask.md fixes it.
type askOutput struct {
	Question string      `json:"question"`
	Answered bool        `json:"answered"`
	Results  []askResult `json:"results"`
	Kind     answer.Kind `json:"kind"`
	Aspect   *string     `json:"aspect"`
	Lang     string      `json:"lang"`
	Text     string      `json:"text"`
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
	fs := newFlags("ask", "[--kb DIR] [--json] [--dialog] [QUESTION]", stderr)
	kbDir := fs.String("kb", "", "knowledge folder (default: the one built into the binary)")
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	dialog := fs.Bool("dialog", false, "read one conversation from standard input: a message a line, a blank line starts a new chat")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	ix, err := buildIndex(ctx, *kbDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	a := answer.New(ix, answer.Options{})
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var st answer.State
	reply := func(q string) error {
		if !*dialog {
			st = answer.State{}
		}
		d, err := a.Decide(ctx, &st, q, answer.Person{})
		if err != nil {
			return err
		}
		msg := answer.Render(ix.Base(), d)
		if *asJSON {
			return writeJSON(out, ix.Base(), q, d, msg)
		}
		writeText(out, q, msg)
		return nil
	}
	if fs.NArg() > 0 && !*dialog {
		return reply(strings.Join(fs.Args(), " "))
	}
	r := bufio.NewReaderSize(stdin, 64<<10)
	for {
		line, err := readLine(r)
		switch {
		case *dialog && line == "" && err == nil:
			st = answer.State{} // a blank line starts a new chat
		case line != "" || err == nil:
			if aerr := reply(line); aerr != nil {
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

func writeJSON(w io.Writer, kb *knowledge.Base, q string, d answer.Decision, msg answer.Message) error {
	out := askOutput{Question: q, Results: []askResult{}, Kind: d.Kind, Lang: d.Lang, Text: msg.Plain()}
	if d.Aspect != answer.AspectNone {
		s := string(d.Aspect)
		out.Aspect = &s
	}
	id, kind, ok := d.Answered()
	out.Answered = ok
	if ok {
		// The answer comes first, also when it came from the conversation
		// rather than from this message's search.
		out.Results = append(out.Results, askResult{ID: id, Kind: kind, Title: title(kb, id, kind, d.Lang), Score: scoreOf(d.Result.Hits, id)})
	}
	for _, h := range d.Result.Hits {
		if len(out.Results) == index.MaxHits {
			break
		}
		if h.ID != id {
			out.Results = append(out.Results, askResult(h))
		}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func title(kb *knowledge.Base, id string, kind index.Kind, lang string) string {
	if kind == index.KindOffice {
		if o := kb.Office(id); o != nil {
			return o.Name.In(lang)
		}
	}
	if t := kb.Topic(id); t != nil {
		return t.Title.In(lang)
	}
	return id
}

func scoreOf(hits []index.Hit, id string) float64 {
	for _, h := range hits {
		if h.ID == id {
			return h.Score
		}
	}
	return 0
}

// writeText prints the first message as the bot would send it, and its
// buttons, for a person at a terminal.
func writeText(w io.Writer, q string, msg answer.Message) {
	fmt.Fprintf(w, "? %s\n", q)
	for _, l := range strings.Split(msg.Plain(), "\n") {
		fmt.Fprintf(w, "  %s\n", l)
	}
	for _, row := range msg.Buttons {
		var cells []string
		for _, b := range row {
			cells = append(cells, "["+b.Text+"]")
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(cells, " "))
	}
	fmt.Fprintln(w)
}
