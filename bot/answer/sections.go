package answer

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Weights of the aspect choice, calibrated on conversations-tune.yaml: a
// cue ("was kostet") counts cueWeight per point of its weight; a section
// that holds the question's rarer words counts their weight; without a cue
// a section must reach minOverlap to lead instead of the overview.
const (
	cueWeight   = 1.0
	minOverlap  = 1.2
	minOwnWords = 2
)

// aspectFor chooses the aspect to answer a message about a topic with: the
// cues it holds, and the topic's sections that hold its words ("Darf meine
// Begleitperson mitfahren?" is answered by the section that names the
// Begleitperson).
func aspectFor(kb *knowledge.Base, t *knowledge.Topic, lang string, sig signals) Aspect {
	prof := profileOf(t, lang)
	// A cue in the topic's own name ("Bestattungskosten", "funeral
	// costs") does not ask for an aspect.
	cues := map[Aspect]int{}
	for _, m := range sig.matches {
		own := true
		for _, w := range m.words {
			own = own && prof.name[stem(w)]
		}
		if !own {
			cues[m.aspect] += m.weight
		}
	}
	for a, w := range sig.cues {
		if w > 0 && len(sig.matches) == 0 {
			cues[a] = w // set by the caller, without words
		}
	}
	places := placeWords(kb)
	var qstems []string
	seen := map[string]bool{}
	for _, w := range foldWords(sig.query) {
		if len([]rune(w)) < 3 && !isDigits(w) || followupWords[w] || stopWords[w] || places[w] {
			continue
		}
		st := stem(w)
		if !seen[st] && !prof.name[st] {
			seen[st] = true
			qstems = append(qstems, st)
		}
	}
	best, bestScore := AspectNone, 0.0
	bestOverlap := 0.0
	for _, a := range aspectOrder {
		overlap := 0.0
		if sec := prof.sections[a]; sec != nil {
			for _, st := range qstems {
				if sec[st] {
					overlap += prof.weight(st)
				}
			}
		}
		score := cueWeight*float64(cues[a]) + overlap
		if score > bestScore {
			best, bestScore, bestOverlap = a, score, overlap
		}
	}
	summary := 0.0
	for _, st := range qstems {
		if prof.summary[st] {
			summary += prof.weight(st)
		}
	}
	if cues[best] == 0 && summary > 0 && summary >= bestOverlap {
		// The overview says as much about the question's words as any
		// section ("meine Rente reicht nicht"): no aspect was asked.
		return AspectNone
	}
	if cues[best] == 0 && bestOverlap < minOverlap {
		if len(qstems) >= minOwnWords && prof.sections[AspectWhat] != nil {
			// A question with words of its own beyond the topic's name, that
			// no section holds: what the topic gives comes closest.
			return AspectWhat
		}
		return AspectNone
	}
	return best
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// profile is a topic's sections as sets of word stems, per language.
type profile struct {
	// name are the stems of the topic's title; title adds its keywords.
	name     map[string]bool
	title    map[string]bool
	summary  map[string]bool
	sections map[Aspect]map[string]bool
	df       map[string]int
}

func (p *profile) weight(stem string) float64 {
	n := float64(len(p.sections))
	return math.Log((n + 1) / (float64(p.df[stem]) + 0.5))
}

// profiles caches profiles by topic pointer and language: a knowledge
// base is immutable, and a reload brings new pointers.
var profiles sync.Map // profileKey → *profile

type profileKey struct {
	t    *knowledge.Topic
	lang string
}

func profileOf(t *knowledge.Topic, lang string) *profile {
	k := profileKey{t, lang}
	if p, ok := profiles.Load(k); ok {
		return p.(*profile)
	}
	p := &profile{name: map[string]bool{}, title: map[string]bool{}, summary: map[string]bool{}, sections: map[Aspect]map[string]bool{}, df: map[string]int{}}
	for _, w := range foldWords(t.Summary.In(lang)) {
		p.summary[stem(w)] = true
	}
	for _, w := range foldWords(t.Title.In(lang)) {
		p.name[stem(w)] = true
	}
	for _, w := range foldWords(t.Title.In(lang) + " " + strings.Join(t.Keywords, " ")) {
		p.title[stem(w)] = true
	}
	for _, s := range t.Sections() {
		if s.Text.IsZero() {
			continue
		}
		set := map[string]bool{}
		for _, w := range foldWords(s.Text.In(lang)) {
			set[stem(w)] = true
		}
		for st := range set {
			p.df[st]++
		}
		p.sections[Aspect(s.Key)] = set
	}
	if profileCount.Add(1) > maxCached {
		// Each reload brings new topic pointers: forget the old ones
		// instead of growing for as long as the bot runs.
		profiles.Clear()
		profileCount.Store(1)
	}
	profiles.Store(k, p)
	return p
}

// placeWords are the folded words of the Stadtbezirke's and Stadtteile's
// names: a place says where the person lives, not which section they ask.
func placeWords(kb *knowledge.Base) map[string]bool {
	if p, ok := placeCache.Load(kb); ok {
		return p.(map[string]bool)
	}
	m := map[string]bool{}
	for _, d := range kb.Districts {
		for _, name := range append(append([]string{d.Name}, d.Stadtteile...), d.Colloquial...) {
			for _, w := range foldWords(name) {
				m[w] = true
			}
		}
	}
	if placeCount.Add(1) > maxCachedBases {
		placeCache.Clear()
		placeCount.Store(1)
	}
	placeCache.Store(kb, m)
	return m
}

var placeCache sync.Map // *knowledge.Base → map[string]bool

// The caches are bounded: a knowledge base of some hundred topics in ten
// languages fits, and reloads cannot grow them without end.
const (
	maxCached      = 8192
	maxCachedBases = 4
)

var profileCount, placeCount atomic.Int64
