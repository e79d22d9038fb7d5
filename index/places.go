package index

import (
	"regexp"
	"sort"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// places finds the Stadtbezirk a question is about: by the district's name,
// a Stadtteil, a statistical district, a colloquial name or a postcode.
type places struct {
	kb    *knowledge.Base
	names []placeName
}

type placeName struct {
	tokens   []string
	district string
}

var postcodePattern = regexp.MustCompile(`\b4[34][0-9]{3}\b`)

func newPlaces(kb *knowledge.Base, fold func(string) []string) *places {
	p := &places{kb: kb}
	seen := map[string]bool{}
	for _, d := range kb.Districts {
		all := append([]string{d.Name}, d.Stadtteile...)
		all = append(all, d.Statistical...)
		all = append(all, d.Colloquial...)
		for _, name := range all {
			tokens := fold(name)
			key := d.ID + "|" + joinTokens(tokens)
			if len(tokens) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			p.names = append(p.names, placeName{tokens: tokens, district: d.ID})
		}
	}
	// Longest names first, so "Innenstadt-Nord" wins over a shorter name.
	sort.SliceStable(p.names, func(i, j int) bool { return len(p.names[i].tokens) > len(p.names[j].tokens) })
	return p
}

func joinTokens(ts []string) string {
	out := ""
	for i, t := range ts {
		if i > 0 {
			out += " "
		}
		out += t
	}
	return out
}

// find returns the districts named in a question (several when a postcode is
// ambiguous or several places are named) and the word positions that named them.
func (p *places) find(text string, words []position, known func(string) bool) ([]string, map[int]bool) {
	used := map[int]bool{}
	found := map[string]bool{}
	// Exact names first, so that "Eichlinghofen" is not taken for a
	// misspelt "Wichlinghofen" before its own name is tried.
	for _, fuzzy := range []bool{false, true} {
		for _, name := range p.names {
			for i := 0; i+len(name.tokens) <= len(words); i++ {
				if used[words[i].pos] || !p.matches(words, i, name.tokens, fuzzy, known) {
					continue
				}
				found[name.district] = true
				for k := range name.tokens {
					used[words[i+k].pos] = true
				}
			}
		}
	}
	for _, code := range postcodePattern.FindAllString(text, -1) {
		for _, d := range p.kb.DistrictsOfPostcode(code) {
			found[d] = true
		}
	}
	for i, w := range words {
		if postcodePattern.MatchString(w.terms[0]) {
			used[words[i].pos] = true
		}
	}
	districts := make([]string, 0, len(found))
	for d := range found {
		districts = append(districts, d)
	}
	sort.Strings(districts)
	return districts, used
}

// matches compares a place name with the question's words at i. With fuzzy,
// a long single-word name may be misspelt by one letter, unless the
// misspelling is itself a word the knowledge base knows.
func (p *places) matches(words []position, i int, name []string, fuzzy bool, known func(string) bool) bool {
	if len(name) > 1 {
		for k, t := range name {
			if words[i+k].terms[0] != t {
				return false
			}
		}
		return true
	}
	w := words[i].terms[0]
	if !fuzzy {
		return w == name[0]
	}
	n := utf8.RuneCountInString(name[0])
	return n >= 7 && !known(w) && editDistance(w, name[0], 1) <= 1
}
