package answer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Case is one entry of a conversation question file (the format of
// eval-sample.yaml): one message (Q) or a conversation (Dialog, whose
// expectations hold for its last message), the ids of which any answers it
// (empty: no topic), and what the first message must show.
type Case struct {
	Q      string   `yaml:"q,omitempty"`
	Dialog []string `yaml:"dialog,omitempty"`
	Expect []string `yaml:"expect"`
	Aspect string   `yaml:"aspect,omitempty"`
	Has    []string `yaml:"has,omitempty"`
	Lang   string   `yaml:"lang,omitempty"`
	// Crisis: true when the first message must name crisis lines, false
	// for a harmless look-alike; nil when it does not matter.
	Crisis *bool `yaml:"crisis,omitempty"`
	// Kind is the decision expected, where it matters (e.g. ask).
	Kind string   `yaml:"kind,omitempty"`
	Tags []string `yaml:"tags,omitempty"`
}

// Messages are the case's messages in order.
func (c Case) Messages() []string {
	if len(c.Dialog) > 0 {
		return c.Dialog
	}
	return []string{c.Q}
}

// ReadCases reads a conversation question file.
func ReadCases(r io.Reader) ([]Case, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var cs []Case
	if err := dec.Decode(&cs); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read cases: %w", err)
	}
	return cs, nil
}

// Score counts right answers out of a number of cases.
type Score struct{ Right, Of int }

func (s *Score) add(ok bool) {
	s.Of++
	if ok {
		s.Right++
	}
}

// Rate is Right/Of, 1 when there were none.
func (s Score) Rate() float64 {
	if s.Of == 0 {
		return 1
	}
	return float64(s.Right) / float64(s.Of)
}

func (s Score) String() string {
	if s.Of == 0 {
		return "     –"
	}
	return fmt.Sprintf("%5.1f%% (%d/%d)", 100*s.Rate(), s.Right, s.Of)
}

// Report holds the figures of an evaluation.
type Report struct {
	Top1, Top3   Score // in-scope cases: the expected id answered first / among the first three hits
	OutDeclined  Score // cases without a topic: not answered with one
	Aspect       Score // cases with an aspect: that aspect
	Has          Score // cases with `has`: every string in the first message
	Lang         Score // cases with `lang`: answered in it
	Followups    Score // conversations: the last message answered right
	Stories      Score // cases tagged story: answered right
	AskBacks     Score // cases that expect kind ask: asked back
	Kind         Score // cases with `kind`: that decision
	CrisisRecall Score // crisis: true: crisis lines first
	FalseAlarms  Score // every case without crisis: true: Right counts the alarms raised
	Confident    Score // answered cases: Right counts those answered with a wrong topic
	AskedInScope Score // in-scope cases: Right counts those asked back instead of answered
	Lengths      []int // characters of every first message of an answer
	ByTag        map[string]*Score
	Misses       []Miss
}

// Miss is a case the decision got wrong, with what was said.
type Miss struct {
	Case     Case
	Decision Decision
	Text     string
	Why      []string
}

// Evaluate runs every case in a fresh conversation and counts.
func Evaluate(ctx context.Context, a *Answerer, cases []Case) (Report, error) {
	r := Report{ByTag: map[string]*Score{}}
	kb := a.Base()
	for _, c := range cases {
		var st State
		var d Decision
		for _, msg := range c.Messages() {
			var err error
			if d, err = a.Decide(ctx, &st, msg, Person{PhoneLang: "de"}); err != nil {
				return r, err
			}
		}
		text := Render(kb, d).Plain()
		var why []string
		check := func(s *Score, ok bool, reason string) {
			s.add(ok)
			if !ok {
				why = append(why, reason)
			}
		}
		_, _, answered := d.Answered()
		right := false
		if len(c.Expect) > 0 {
			right = (answered || d.Kind == KindCrisis) && slices.ContainsFunc(c.Expect, func(id string) bool { return decidedFor(d, id) })
			if c.Kind == "" || c.Kind == string(KindAnswer) || c.Kind == string(KindReferral) {
				check(&r.Top1, right, "top-1")
				r.Top3.add(top3(d, c.Expect))
			}
			r.AskedInScope.add(d.Kind == KindAsk)
		} else if c.Crisis == nil || !*c.Crisis {
			check(&r.OutDeclined, !answered, "answered out of scope")
		}
		if answered && (len(c.Expect) == 0 || !right) && c.Kind != string(KindAsk) {
			r.Confident.add(true)
		} else if answered {
			r.Confident.add(false)
		}
		if c.Aspect != "" {
			check(&r.Aspect, string(d.Aspect) == c.Aspect, "aspect "+string(d.Aspect))
		}
		if len(c.Has) > 0 {
			check(&r.Has, hasAll(text, c.Has), "fact missing")
		}
		if c.Lang != "" {
			check(&r.Lang, d.Lang == c.Lang, "lang "+d.Lang)
		}
		if c.Kind != "" {
			check(&r.Kind, string(d.Kind) == c.Kind, "kind "+string(d.Kind))
			if c.Kind == string(KindAsk) {
				r.AskBacks.add(d.Kind == KindAsk)
			}
		}
		if c.Crisis != nil && *c.Crisis {
			check(&r.CrisisRecall, d.Kind == KindCrisis, "no crisis lines")
		} else {
			r.FalseAlarms.add(d.Kind == KindCrisis)
			if d.Kind == KindCrisis {
				why = append(why, "false alarm")
			}
		}
		ok := len(why) == 0
		if len(c.Dialog) > 1 {
			r.Followups.add(ok)
		}
		if slices.Contains(c.Tags, "story") {
			r.Stories.add(ok)
		}
		for _, t := range c.Tags {
			if r.ByTag[t] == nil {
				r.ByTag[t] = &Score{}
			}
			r.ByTag[t].add(ok)
		}
		if answered {
			r.Lengths = append(r.Lengths, utf8.RuneCountInString(text))
		}
		if !ok {
			r.Misses = append(r.Misses, Miss{Case: c, Decision: d, Text: text, Why: why})
		}
	}
	return r, nil
}

// decidedFor reports whether a decision answers with the id: its topic,
// its office, or the office it puts first for the person.
func decidedFor(d Decision, id string) bool {
	if d.Kind == KindCrisis {
		// The lines first, then the topic that helps, with the place that fits.
		return d.Topic != nil && (d.Topic.ID == id || len(d.Fits) > 0 && d.Fits[0].Office.ID == id)
	}
	got, _, ok := d.Answered()
	return ok && (got == id || d.Topic != nil && d.Topic.ID == id)
}

func top3(d Decision, expect []string) bool {
	if slices.ContainsFunc(expect, func(id string) bool { return decidedFor(d, id) }) {
		return true
	}
	for i, h := range d.Result.Hits {
		if i < 3 && slices.Contains(expect, h.ID) {
			return true
		}
	}
	return false
}

func hasAll(text string, want []string) bool {
	// The isolates around left-to-right runs in Arabic and Farsi are
	// invisible: "\u206825\u2069 €" reads "25 €".
	norm := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer(fsi, "", pdi, "").Replace(s)), " "))
	}
	t := norm(text)
	for _, w := range want {
		if !strings.Contains(t, norm(w)) {
			return false
		}
	}
	return true
}

// Percentile is the p-th percentile (0–100) of the first-message lengths.
func (r Report) Percentile(p float64) int {
	if len(r.Lengths) == 0 {
		return 0
	}
	l := slices.Clone(r.Lengths)
	sort.Ints(l)
	i := int(float64(len(l)-1) * p / 100)
	return l[i]
}

// Write prints the report for people; with misses, every case gone wrong.
func (r Report) Write(w io.Writer, misses bool) {
	rows := []struct {
		name string
		s    Score
	}{
		{"top-1", r.Top1}, {"top-3", r.Top3}, {"out of scope declined", r.OutDeclined},
		{"aspect right", r.Aspect}, {"fact in first message", r.Has}, {"language right", r.Lang},
		{"follow-ups", r.Followups}, {"stories", r.Stories}, {"ask-backs", r.AskBacks}, {"kind", r.Kind},
		{"crisis recall", r.CrisisRecall}, {"crisis false alarms", r.FalseAlarms},
		{"confidently wrong", r.Confident}, {"asked back (in scope)", r.AskedInScope},
	}
	for _, row := range rows {
		fmt.Fprintf(w, "%-24s %s\n", row.name, row.s)
	}
	fmt.Fprintf(w, "%-24s median %d, p95 %d characters (%d answers)\n", "first message", r.Percentile(50), r.Percentile(95), len(r.Lengths))
	tags := make([]string, 0, len(r.ByTag))
	for t := range r.ByTag {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	if len(tags) > 0 {
		fmt.Fprintln(w, "\nall right, per tag:")
	}
	for _, t := range tags {
		fmt.Fprintf(w, "  %-22s %s\n", t, *r.ByTag[t])
	}
	if !misses || len(r.Misses) == 0 {
		return
	}
	fmt.Fprintf(w, "\nmisses (%d):\n", len(r.Misses))
	for _, m := range r.Misses {
		d := m.Decision
		got := string(d.Kind)
		switch {
		case d.Topic != nil:
			got += " " + d.Topic.ID
		case d.Office != nil:
			got += " " + d.Office.ID
		case d.Ask != "":
			got += " " + string(d.Ask)
		}
		if d.Aspect != "" {
			got += " [" + string(d.Aspect) + "]"
		}
		want := strings.Join(m.Case.Expect, "|")
		if m.Case.Aspect != "" {
			want += " [" + m.Case.Aspect + "]"
		}
		fmt.Fprintf(w, "  %q\n      want %s, got %s: %s\n", strings.Join(m.Case.Messages(), " ⏎ "), want, got, strings.Join(m.Why, ", "))
		if slices.Contains(m.Why, "fact missing") {
			fmt.Fprintf(w, "      has %q; said: %.300q\n", m.Case.Has, m.Text)
		}
	}
}
