package index

import (
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// position is one word of a question after analysis: the word's own term
// first, then the parts of a split compound.
type position struct {
	pos   int
	terms []string
}

// analyzePositions groups an analyzer's terms by the word they came from.
// Both analyzers share the tokenizer, so positions line up across them.
func analyzePositions(a analysis.Analyzer, s string) []position {
	var out []position
	for _, t := range a.Analyze([]byte(s)) {
		if n := len(out); n > 0 && out[n-1].pos == t.Position {
			// A word that is itself a word part comes back twice.
			if !slices.Contains(out[n-1].terms, string(t.Term)) {
				out[n-1].terms = append(out[n-1].terms, string(t.Term))
			}
			continue
		}
		out = append(out, position{pos: t.Position, terms: []string{string(t.Term)}})
	}
	return out
}

// vocabulary finds indexed terms close to a misspelt one.
type vocabulary struct {
	// byKey buckets terms by first letter and length.
	byKey map[vocabKey][]string
}

type vocabKey struct {
	first rune
	n     int
}

func newVocabulary(df map[string]int) *vocabulary {
	v := &vocabulary{byKey: map[vocabKey][]string{}}
	for term := range df {
		first, _ := utf8.DecodeRuneInString(term)
		k := vocabKey{first, utf8.RuneCountInString(term)}
		v.byKey[k] = append(v.byKey[k], term)
	}
	return v
}

// maxTypos is how many edits a word of n letters may be away from a known
// term: none for short words, where one edit already makes another word.
func maxTypos(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 9:
		return 1
	}
	return 2
}

// near returns the known terms within maxTypos edits of term, keeping the
// first letter (people rarely mistype it, and it keeps the search small).
func (v *vocabulary) near(term string) []string {
	n := utf8.RuneCountInString(term)
	d := maxTypos(n)
	if d == 0 {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(term)
	var out []string
	for l := n - d; l <= n+d; l++ {
		for _, cand := range v.byKey[vocabKey{first, l}] {
			if cand != term && editDistance(term, cand, d) <= d {
				out = append(out, cand)
			}
		}
	}
	return out
}

// editDistance is the optimal-string-alignment distance (a swap of two
// neighbouring letters counts as one edit), or max+1 once it exceeds max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// synonyms knows, for the confidence measure, which words of a question the
// staff's synonyms turn into which other words.
type synonyms struct {
	groups []synonymGroup
}

type synonymGroup struct {
	key string
	// phrases per language: each a sequence of analysed terms, with the
	// terms it expands to.
	phrases [2][]synonymPhrase
}

type synonymPhrase struct {
	terms    []string
	expandTo []string
}

// newSynonyms analyses the staff's synonym groups with each language's
// analyzer. A phrase is matched by the first term of each word (the whole
// word, not the parts of a split compound); it expands to every term.
func newSynonyms(groups []knowledge.Synonym, analyzers [2]func(string) []position) *synonyms {
	s := &synonyms{}
	for _, g := range groups {
		sg := synonymGroup{key: firstWord(g)}
		for lang, analyze := range analyzers {
			type phrase struct{ words, all []string }
			phrases := func(texts []string) []phrase {
				var out []phrase
				for _, text := range texts {
					var p phrase
					for _, pos := range analyze(text) {
						p.words = append(p.words, pos.terms[0])
						p.all = append(p.all, pos.terms...)
					}
					if len(p.words) > 0 {
						out = append(out, p)
					}
				}
				return out
			}
			all := func(ps []phrase) []string {
				var out []string
				for _, p := range ps {
					out = append(out, p.all...)
				}
				return out
			}
			if len(g.Words) > 0 {
				words := phrases(g.Words)
				for _, p := range words {
					sg.phrases[lang] = append(sg.phrases[lang], synonymPhrase{terms: p.words, expandTo: all(words)})
				}
				continue
			}
			to := phrases(g.To)
			for _, p := range phrases(g.From) {
				sg.phrases[lang] = append(sg.phrases[lang], synonymPhrase{terms: p.words, expandTo: all(to)})
			}
			for _, p := range to {
				sg.phrases[lang] = append(sg.phrases[lang], synonymPhrase{terms: p.words})
			}
		}
		s.groups = append(s.groups, sg)
	}
	return s
}

func firstWord(g knowledge.Synonym) string {
	if terms := g.Terms(); len(terms) > 0 {
		return terms[0]
	}
	return ""
}

// expand finds synonym phrases in a question's words. It returns, per index
// into ps, the extra terms the word stands for, and the keys of the groups used.
func (s *synonyms) expand(lang int, ps []position) (map[int][]string, []string) {
	extra := map[int][]string{}
	var used []string
	for _, g := range s.groups {
		hit := false
		for _, p := range g.phrases[lang] {
			for i := 0; i+len(p.terms) <= len(ps); i++ {
				if !matchesAt(ps, i, p.terms) {
					continue
				}
				hit = true
				for k := range p.terms {
					extra[i+k] = append(extra[i+k], p.expandTo...)
				}
			}
		}
		if hit {
			used = append(used, g.key)
		}
	}
	return extra, used
}

func matchesAt(ps []position, i int, terms []string) bool {
	for k, t := range terms {
		if ps[i+k].terms[0] != t {
			return false
		}
	}
	return true
}
