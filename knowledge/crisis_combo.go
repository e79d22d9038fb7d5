package knowledge

// comboWindow is how many words apart the parts of a combined signal
// ("nicht + @wollen + @leben") may begin.
const comboWindow = 6

// comboSet holds the combined signals of a crisis: signals whose parts
// must all occur, in any order, within comboWindow words. Word order is
// free in most of the languages the bot reads ("жить не хочу", "не хочу
// жить"), so one combined signal stands for many phrases.
type comboSet struct {
	parts     []comboPart
	byFirst   map[string][]int // part indexes by the spelling of their first word
	stemFirst []int            // parts whose first word is a stem or has stems
	combos    [][2]int         // per signal: its first part and how many
}

type comboPart struct {
	combo int
	p     []phraseWord
}

func (s *comboSet) add(parts [][]phraseWord) {
	c := len(s.combos)
	s.combos = append(s.combos, [2]int{len(s.parts), len(parts)})
	if s.byFirst == nil {
		s.byFirst = map[string][]int{}
	}
	for _, p := range parts {
		k := len(s.parts)
		s.parts = append(s.parts, comboPart{c, p})
		if len(p[0].stems) > 0 {
			s.stemFirst = append(s.stemFirst, k)
		}
		for _, f := range p[0].forms {
			s.byFirst[f] = append(s.byFirst[f], k)
		}
	}
}

// match reports whether all parts of one combined signal occur close
// enough together, none of them on a masked word.
func (s *comboSet) match(words [][]string, masked []bool) bool {
	if len(s.combos) == 0 {
		return false
	}
	var hits [][]int // per part, where it begins
	found := func(k, j int) {
		if _, ok := matchFrom(s.parts[k].p, 1, words, j+1, masked); ok {
			if hits == nil {
				hits = make([][]int, len(s.parts))
			}
			if n := len(hits[k]); n == 0 || hits[k][n-1] != j {
				hits[k] = append(hits[k], j)
			}
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
		for _, k := range s.stemFirst {
			if s.parts[k].p[0].matchesStem(forms) {
				found(k, j)
			}
		}
	}
	if hits == nil {
		return false
	}
	for _, c := range s.combos {
		if s.together(hits[c[0] : c[0]+c[1]]) {
			return true
		}
	}
	return false
}

// together reports whether every part has a hit within comboWindow words
// of a hit of one of them.
func (s *comboSet) together(hits [][]int) bool {
	for _, h := range hits {
		if len(h) == 0 {
			return false
		}
	}
	for _, h := range hits {
		for _, start := range h {
			ok := true
			for _, other := range hits {
				near := false
				for _, j := range other {
					if j >= start && j-start <= comboWindow {
						near = true
						break
					}
				}
				if !near {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}
