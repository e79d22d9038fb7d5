package knowledge

import "slices"

// comboWindow is how many words apart the parts of a combined signal
// ("nicht + @wollen + @leben") may begin.
const comboWindow = 6

// clauseWindow is how many words apart they may begin inside one clause
// (crisisClauses) when the last of them is the last word of the clause, as
// a German participle is: "mein Freund hat mich letzte Woche vor den Kindern an den
// Haaren gezogen und getreten".
const clauseWindow = 16

// comboSet holds the combined signals of a crisis: signals whose parts
// must all occur, in any order, within comboWindow words. Word order is
// free in most of the languages the bot reads ("жить не хочу", "не хочу
// жить"), so one combined signal stands for many phrases.
type comboSet struct {
	parts   []comboPart
	byFirst map[string][]int // part indexes by the spelling of their first word
	byStem  map[string][]int // and by the first two letters of its stems
	combos  [][2]int         // per signal: its first part and how many
}

type comboPart struct {
	combo int
	p     []phraseWord
	far   bool // may occur anywhere in the message ("~" in the signal)
}

func (s *comboSet) add(parts [][]phraseWord) { s.addFar(parts, nil) }

// addFar adds a combined signal whose parts marked in far may occur
// anywhere in the message: the topic of a long message ("~schwanger"),
// told far from the danger ("meine Eltern werfen mich raus").
func (s *comboSet) addFar(parts [][]phraseWord, far []bool) {
	c := len(s.combos)
	s.combos = append(s.combos, [2]int{len(s.parts), len(parts)})
	if s.byFirst == nil {
		s.byFirst, s.byStem = map[string][]int{}, map[string][]int{}
	}
	for i, p := range parts {
		k := len(s.parts)
		s.parts = append(s.parts, comboPart{c, p, i < len(far) && far[i]})
		for _, key := range stemKeys(p[0].stems) {
			s.byStem[key] = append(s.byStem[key], k)
		}
		for _, f := range p[0].forms {
			s.byFirst[f] = append(s.byFirst[f], k)
		}
	}
}

// hit is where a part of a combined signal begins.
type hit struct{ part, pos int }

// match reports whether all parts of one combined signal occur close
// enough together (clause numbers the clause of each word), none of them on
// a masked word.
func (s *comboSet) match(words [][]string, clause []int, masked []bool) bool {
	if len(s.combos) == 0 {
		return false
	}
	var hits []hit
	found := func(k, j int) {
		if _, ok := matchFrom(s.parts[k].p, 1, words, j+1, masked); ok && (len(hits) == 0 || hits[len(hits)-1] != hit{k, j}) {
			hits = append(hits, hit{k, j})
		}
	}
	for j, forms := range words {
		if masked[j] {
			continue
		}
		for _, f := range forms {
			for _, k := range s.byFirst[f] {
				found(k, j)
			}
		}
		for i, f := range forms {
			if i > 0 && stemKey(f) == stemKey(forms[0]) {
				continue
			}
			for _, k := range s.byStem[stemKey(f)] {
				if s.parts[k].p[0].matchesStem(forms) {
					found(k, j)
				}
			}
		}
	}
	if len(hits) < 2 {
		return false
	}
	// Only the signals with a hit can match; hits come in text order, so
	// one signal may be tried more than once, which costs little.
	tried := -1
	for _, h := range hits {
		ci := s.parts[h.part].combo
		if ci == tried {
			continue
		}
		tried = ci
		if c := s.combos[ci]; s.together(hits, words, clause, c[0], c[0]+c[1]) {
			return true
		}
	}
	return false
}

// together reports whether every part from first to end (excluded) has a
// hit within comboWindow words after a hit of one of them, or within
// clauseWindow words of the same clause if it ends that clause; a far part
// anywhere.
func (s *comboSet) together(hits []hit, words [][]string, clause []int, first, end int) bool {
	for _, h := range hits {
		if h.part < first || h.part >= end || s.parts[h.part].far {
			continue
		}
		all := true
		for part := first; part < end && all; part++ {
			far := s.parts[part].far
			all = slices.ContainsFunc(hits, func(o hit) bool {
				d := o.pos - h.pos
				return o.part == part && (far || d >= 0 && (d <= comboWindow || d <= clauseWindow && closes(words, clause, h.pos, o.pos)))
			})
		}
		if all {
			return true
		}
	}
	return false
}

// closes reports whether the words from to to are one clause and the word
// at to is its last, or the last but one joined by "und": the place of a
// German participle ("überfallen und ausgeraubt"), not of a verb that has
// its object after it ("das Amt bedroht mich").
func closes(words [][]string, clause []int, from, to int) bool {
	last := func(i int) bool { return i+1 == len(clause) || clause[i+1] != clause[i] }
	if clause[from] != clause[to] {
		return false
	}
	return last(to) || to+2 < len(clause) && clause[to+2] == clause[to] && last(to+2) && slices.Contains(coordinators, words[to+1][0])
}

// coordinators join two participles at the end of a clause.
var coordinators = []string{"und", "oder"}
