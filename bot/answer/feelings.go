package answer

import (
	"slices"
	"strings"
)

// Feelings and urgency said beside a need ("die Nebenkosten bringen mich
// noch um", "Notfall!", "ich sterbe vor Langeweile, gibt es Treffen für
// Senioren?") name no topic. No text of the knowledge base holds them, so
// the search weighs them as much as a word it has never seen, and the words
// that do name the need explain too little of the message to be answered;
// a noun among them ("Notfall") even reads as a subject the knowledge base
// does not know. The crisis screen has read them before the search: what is
// left is searched without them.

// feelingWords are single words of feeling or urgency, folded.
var feelingWords = set(strings.Fields(`notfall notfalle notlage dringend dringende dringender dringendst eilig eilt
	verzweifelt verzweiflung langeweile wahnsinn wahnsinnig katastrophe albtraum horror todmude todmuede
	stress gestresst genervt nervig urgent urgently desperate desperately nightmare bored boredom`))

// feelingSayings are the sayings of feeling, folded; every word of one is
// left out ("ins Grab" would read as a funeral).
var feelingSayings = foldCues(
	"bringt mich um", "bringt mich noch um", "bringen mich um", "bringen mich noch um", "bringt einen um",
	"bringt mich ins grab", "bringt mich noch ins grab", "bringen mich noch ins grab", "bringen mich ins grab",
	"sterbe vor", "sterbe hier vor", "sterbe noch vor", "sterben vor",
	"platzt der kopf", "platzt mir der kopf", "platzt gleich der kopf", "platzt mir gleich der kopf",
	"dreh durch", "drehe durch", "dreh bald durch", "drehe bald durch", "dreh noch durch", "drehe noch durch",
	"am ende mit den nerven", "mit den nerven am ende", "nerven am ende",
	"fallt mir die decke auf den kopf", "fallt die decke auf den kopf",
	"bricht mir das herz", "brechen mir das herz",
	"killing me", "kills me", "is killing", "are killing", "driving me crazy", "drives me crazy", "going crazy",
)

// feelingAt marks the words (folded) that are feelings or urgency.
func feelingAt(words []string) []bool {
	var mark []bool
	set := func(i, n int) {
		if mark == nil {
			mark = make([]bool, len(words))
		}
		for k := i; k < i+n; k++ {
			mark[k] = true
		}
	}
	for i, w := range words {
		if feelingWords[w] {
			set(i, 1)
		}
		for _, c := range feelingSayings {
			if c[0] == w && matchAt(words, i, c) {
				set(i, len(c))
			}
		}
	}
	return mark
}

// withoutFeelings is the text without its words of feeling and urgency,
// the rest as written (punctuation too: sentences and clauses still count);
// the text itself when it has none, or nothing else.
func withoutFeelings(q string) string {
	orig, words := splitWords(q)
	mark := feelingAt(words)
	if mark == nil {
		return q
	}
	var b strings.Builder
	off, kept := 0, false
	for i, w := range orig {
		at := strings.Index(q[off:], w)
		if at < 0 {
			return q
		}
		at += off
		if mark[i] {
			b.WriteString(q[off:at])
		} else {
			b.WriteString(q[off : at+len(w)])
			kept = kept || !stopWords[words[i]]
		}
		off = at + len(w)
	}
	b.WriteString(q[off:])
	if !kept {
		return q
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// withoutFeelingWords are the words of rest (a part of words, the folded
// words of the message) that are no feeling or urgency; rest itself when
// nothing else would be left.
func withoutFeelingWords(words, rest []string) []string {
	mark := feelingAt(words)
	if mark == nil {
		return rest
	}
	drop := map[string]bool{}
	for i, w := range words {
		if mark[i] {
			drop[w] = true
		}
	}
	out := slices.DeleteFunc(slices.Clone(rest), func(w string) bool { return drop[w] })
	if len(out) == 0 {
		return rest
	}
	return out
}
