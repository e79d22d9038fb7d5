package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Question is one line of a question file: what a citizen wrote, the ids that
// answer it (any of them at rank 1 counts), and tags for the report. An empty
// Expect means the question is out of scope and must be declined.
type Question struct {
	Q      string   `yaml:"q"`
	Expect []string `yaml:"expect"`
	// Lang is the language the question is written in (and must be answered
	// in), "other" for a language the bot does not speak; empty if not given.
	Lang string `yaml:"lang,omitempty"`
	// Aspect is the part of the topic asked for (who, how, where, …).
	Aspect string `yaml:"aspect,omitempty"`
	// Has are strings the first reply must contain; the search ignores them,
	// the answer step's eval (bot/answer) checks them.
	Has []string `yaml:"has,omitempty"`
	// Kind (the decision expected: ask, greeting, …) and Crisis (whether the
	// reply must give crisis lines) are checked by the answer step's eval
	// too; a question file may carry them.
	Kind   string   `yaml:"kind,omitempty"`
	Crisis *bool    `yaml:"crisis,omitempty"`
	Tags   []string `yaml:"tags,omitempty"`
}

// ReadQuestions reads a question file in the format of docs/questions-sample.yaml.
func ReadQuestions(r io.Reader) ([]Question, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var qs []Question
	if err := dec.Decode(&qs); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	return qs, nil
}

// Counts are the figures of one group of questions.
type Counts struct {
	InScope         int // questions with an expected id
	Top1            int // answered, with an expected id first
	Top3            int // an expected id among the first three hits
	WronglyDeclined int // in scope, but declined
	OutOfScope      int // questions that must be declined
	OutDeclined     int // of those, declined
	LangGiven       int // questions whose language is given (one of Languages)
	LangRight       int // of those, detected right
}

// LangRate is the share of questions whose language was detected right.
func (c Counts) LangRate() float64 { return ratio(c.LangRight, c.LangGiven) }

// Top1Rate is the share of in-scope questions answered right.
func (c Counts) Top1Rate() float64 { return ratio(c.Top1, c.InScope) }

// Top3Rate is the share of in-scope questions with a right id in the first three.
func (c Counts) Top3Rate() float64 { return ratio(c.Top3, c.InScope) }

// DeclineRate is the share of out-of-scope questions declined.
func (c Counts) DeclineRate() float64 { return ratio(c.OutDeclined, c.OutOfScope) }

// WrongDeclineRate is the share of in-scope questions declined.
func (c Counts) WrongDeclineRate() float64 { return ratio(c.WronglyDeclined, c.InScope) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Miss is a question the search got wrong.
type Miss struct {
	Question Question
	Result   Result
}

// Report is the outcome of Evaluate.
type Report struct {
	All    Counts
	ByTag  map[string]*Counts
	Misses []Miss
}

// Searcher is what Evaluate needs: *Index or anything that serves its searches.
type Searcher interface {
	Search(ctx context.Context, question string) (Result, error)
}

// Evaluate runs every question and counts what went right.
func Evaluate(ctx context.Context, s Searcher, qs []Question) (Report, error) {
	r := Report{ByTag: map[string]*Counts{}}
	for _, q := range qs {
		res, err := s.Search(ctx, q.Q)
		if err != nil {
			return r, fmt.Errorf("question %q: %w", q.Q, err)
		}
		groups := []*Counts{&r.All}
		for _, t := range q.Tags {
			if r.ByTag[t] == nil {
				r.ByTag[t] = &Counts{}
			}
			groups = append(groups, r.ByTag[t])
		}
		ok := count(groups, q, res)
		if !ok {
			r.Misses = append(r.Misses, Miss{q, res})
		}
	}
	return r, nil
}

// count adds one result to every group and reports whether it was right.
func count(groups []*Counts, q Question, res Result) bool {
	if langIndex(q.Lang) >= 0 {
		for _, c := range groups {
			c.LangGiven++
			if res.Lang == q.Lang {
				c.LangRight++
			}
		}
	}
	if len(q.Expect) == 0 {
		for _, c := range groups {
			c.OutOfScope++
			if !res.Answered {
				c.OutDeclined++
			}
		}
		return !res.Answered
	}
	top1 := res.Answered && len(res.Hits) > 0 && slices.Contains(q.Expect, res.Hits[0].ID)
	top3 := false
	for i, h := range res.Hits {
		if i < 3 && slices.Contains(q.Expect, h.ID) {
			top3 = true
		}
	}
	for _, c := range groups {
		c.InScope++
		if top1 {
			c.Top1++
		}
		if top3 {
			c.Top3++
		}
		if !res.Answered {
			c.WronglyDeclined++
		}
	}
	return top1
}

// Write prints the report for people: overall, per tag, then the misses.
func (r Report) Write(w io.Writer) {
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "%-16s %4d  top-1 %5.1f%%  top-3 %5.1f%%  wrongly declined %5.1f%%  out-of-scope declined %5.1f%% (%d)",
			name, c.InScope+c.OutOfScope, 100*c.Top1Rate(), 100*c.Top3Rate(), 100*c.WrongDeclineRate(), 100*c.DeclineRate(), c.OutOfScope)
		if c.LangGiven > 0 {
			fmt.Fprintf(w, "  language right %5.1f%%", 100*c.LangRate())
		}
		fmt.Fprintln(w)
	}
	line("overall", r.All)
	tags := make([]string, 0, len(r.ByTag))
	for t := range r.ByTag {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	if len(tags) > 0 {
		fmt.Fprintln(w, "\nper tag:")
	}
	for _, t := range tags {
		line(t, *r.ByTag[t])
	}
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses (%d):\n", len(r.Misses))
	}
	for _, m := range r.Misses {
		want := "(decline)"
		if len(m.Question.Expect) > 0 {
			want = strings.Join(m.Question.Expect, "|")
		}
		var got []string
		for _, h := range m.Result.Hits {
			got = append(got, fmt.Sprintf("%s %.2f", h.ID, h.Score))
		}
		state := "answered"
		if !m.Result.Answered {
			state = "declined:" + string(m.Result.Reason)
		}
		fmt.Fprintf(w, "  %q\n      want %s, got %s [%s]\n", m.Question.Q, want, state, strings.Join(got, ", "))
	}
}
