package answer

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// messageClauses splits a message at sentence and clause marks and at the words
// that join two clauses ("und", "aber", "and", "but"): "die pflege zahlt
// keiner und ich will nur noch sterben" is two things said.
func messageClauses(q string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(q, func(r rune) bool {
		return strings.ContainsRune(".!?,;:\n", r)
	}) {
		var cur []string
		for _, w := range strings.Fields(part) {
			if joiners[strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))] && len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = nil
				continue
			}
			cur = append(cur, w)
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
	}
	return out
}

var joiners = set(strings.Fields(`und aber sondern and but`))

// withoutCrisis is the part of a crisis message that says something else
// than the crisis: the clauses that are no crisis on their own and whose
// leaving out does not end the crisis. "grundsicherung abgelehnt, miete
// kann ich nicht zahlen, ich hab mir schon einen strick besorgt" says what
// the person needs besides help now. Empty when the message cannot be told
// apart so (one clause, or every clause speaks of the crisis).
func withoutCrisis(kb *knowledge.Base, q string) string {
	cs := messageClauses(q)
	if len(cs) < 2 {
		return ""
	}
	carries := make([]bool, len(cs))
	found := false
	for i, c := range cs {
		if crisis, _ := kb.Screen(c); crisis != nil {
			carries[i], found = true, true
		}
	}
	if !found {
		// The crisis is in no clause alone ("mein Freund will mich
		// umbringen, wenn ich es behalte"): the clauses without which it
		// is gone carry it.
		for i := range cs {
			rest := strings.Join(append(append([]string{}, cs[:i]...), cs[i+1:]...), ", ")
			if crisis, _ := kb.Screen(rest); crisis == nil {
				carries[i], found = true, true
			}
		}
	}
	if !found {
		return ""
	}
	var keep []string
	for i, c := range cs {
		if !carries[i] {
			keep = append(keep, c)
		}
	}
	return strings.Join(keep, ", ")
}

// crisisTopic is the topic to offer after the crisis lines: the need the
// message names beside the crisis ("ich bring mich um, die Grundsicherung
// wurde abgelehnt"), where the search is sure of it; else a topic the whole
// message names by its title ("… in der Unterkunft geschlagen"); else the
// topic of the crisis itself (a shelter for the night, tonight set); else
// the conversation's topic ("wie beantrage ich Grundsicherung" … "ich bring
// mich sowieso bald um").
func (a *Answerer) crisisTopic(ctx context.Context, kb *knowledge.Base, st *State, q string, c *knowledge.Crisis) (t *knowledge.Topic, tonight bool) {
	if need := withoutCrisis(kb, q); need != "" {
		if t := a.sureTopic(ctx, kb, need, false); t != nil {
			return t, false
		}
	}
	if t := a.sureTopic(ctx, kb, q, true); t != nil {
		return t, false
	}
	if t := kb.Topic(c.Topic); t != nil {
		return t, true
	}
	return kb.Topic(st.Topic), false
}

// sureTopic is the topic a search of q answers with and is sure of: a
// topic q names by a word of its title that leads the next by the margin,
// or (unless named is set) an answer of the search, with no second topic
// within the margin, to words of which one at least names some topic
// ("eigentlich ist es egal" names none). Nil otherwise.
func (a *Answerer) sureTopic(ctx context.Context, kb *knowledge.Base, q string, named bool) *knowledge.Topic {
	res, err := a.s.Search(ctx, q)
	if err != nil || len(res.Elsewhere) > 0 {
		return nil
	}
	hits := knownHits(kb, res.Hits)
	if len(hits) == 0 || !leads(kb, hits, a.margin) {
		return nil
	}
	rest := readSignals(q).rest
	if namesTopic(kb, hits[0], rest, "de") || namesTopic(kb, hits[0], rest, "en") ||
		!named && res.Answered && slices.ContainsFunc(rest, vocabOf(kb).namesWord) {
		return kb.Topic(topicOfHit(kb, hits[0]))
	}
	return nil
}
