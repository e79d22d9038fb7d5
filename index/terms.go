package index

import (
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

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

func newVocabulary(t *termTable) *vocabulary {
	v := &vocabulary{byKey: map[vocabKey][]string{}}
	for term := range t.ids {
		first, _ := utf8.DecodeRuneInString(term)
		k := vocabKey{first, utf8.RuneCountInString(term)}
		v.byKey[k] = append(v.byKey[k], term)
	}
	return v
}

// termTable numbers the analysed terms of one language and counts in how
// many documents each occurs. Documents keep sorted term numbers, which is
// far smaller than a map of strings per document.
type termTable struct {
	ids  map[string]int32
	docs []int32 // document frequency, by term number
	// strong tells, by term number, whether a document's title, phrasings
	// or keywords hold the term (whole or as a compound part): what bleve
	// indexes.
	strong []bool
}

func newTermTable() *termTable { return &termTable{ids: map[string]int32{}} }

// id returns the term's number, or -1 for a term no document holds.
func (t *termTable) id(term string) int32 {
	if id, ok := t.ids[term]; ok {
		return id
	}
	return -1
}

// df returns in how many documents the term occurs.
func (t *termTable) df(term string) int32 {
	if id := t.id(term); id >= 0 {
		return t.docs[id]
	}
	return 0
}

func (t *termTable) intern(term string) int32 {
	id, ok := t.ids[term]
	if !ok {
		id = int32(len(t.docs))
		t.ids[term] = id
		t.docs = append(t.docs, 0)
		t.strong = append(t.strong, false)
	}
	return id
}

// inFields reports whether a document's title, phrasings or keywords hold
// the term.
func (t *termTable) inFields(term string) bool {
	id := t.id(term)
	return id >= 0 && t.strong[id]
}

// addDocument numbers the terms of one document's body and of its strong
// parts (title, phrasings, keywords) and counts the document for each.
func (t *termTable) addDocument(words *wordCache, body string, strong ...string) docTerms {
	whole, parts, bodySet := map[int32]bool{}, map[int32]bool{}, map[int32]bool{}
	for _, text := range strong {
		for _, w := range words.words(text) {
			whole[t.intern(w[0])] = true
			for _, p := range w[1:] {
				parts[t.intern(p)] = true
			}
		}
	}
	for _, w := range words.words(body) {
		for _, term := range w {
			bodySet[t.intern(term)] = true
		}
	}
	var d docTerms
	for id := range whole {
		d.strong = append(d.strong, id)
	}
	for id := range parts {
		if !whole[id] {
			d.parts = append(d.parts, id)
		}
	}
	for id := range bodySet {
		if !whole[id] && !parts[id] {
			d.body = append(d.body, id)
		}
	}
	for _, ids := range [][]int32{d.strong, d.parts} {
		for _, id := range ids {
			t.strong[id] = true
		}
	}
	for _, ids := range [][]int32{d.strong, d.parts, d.body} {
		slices.Sort(ids)
		for _, id := range ids {
			t.docs[id]++
		}
	}
	return d
}

// What a match counts for, by where the document has the term: a word of
// its title, phrasings or keywords counts fully; a part of a compound there
// ("Senioren" in "Seniorenheim") less, as the document is about the whole;
// a word of its body least, as the body mentions many things ("bringen Sie
// Ihren Personalausweis mit") that the topic is not about.
const (
	partMatch = 0.7
	bodyMatch = 0.4
)

// docTerms are a document's term numbers by where the document has them.
type docTerms struct{ strong, parts, body []int32 }

// share is how much a match on the term counts: 1, partMatch, bodyMatch or 0.
func (d docTerms) share(id int32) float64 {
	if id < 0 {
		return 0
	}
	for _, c := range []struct {
		ids   []int32
		share float64
	}{{d.strong, 1}, {d.parts, partMatch}, {d.body, bodyMatch}} {
		if _, ok := slices.BinarySearch(c.ids, id); ok {
			return c.share
		}
	}
	return 0
}

// wordCache analyses each distinct word once while an index is built:
// the analyzers work word by word, and splitting compounds is costly.
type wordCache struct {
	analyzer analysis.Analyzer
	cache    map[string][]string
}

func newWordCache(a analysis.Analyzer) *wordCache {
	return &wordCache{analyzer: a, cache: map[string][]string{}}
}

var tokenizer = unicode.NewUnicodeTokenizer()

// words returns the analysed terms of a text, word by word: the word's own
// term first, then the parts of a split compound.
func (c *wordCache) words(text string) [][]string {
	var out [][]string
	for _, tok := range tokenizer.Tokenize([]byte(text)) {
		terms, ok := c.cache[string(tok.Term)] // no copy of the word to look it up
		if !ok {
			word := string(tok.Term)
			terms = analyze(c.analyzer, word)
			c.cache[word] = terms
		}
		if len(terms) > 0 {
			out = append(out, terms)
		}
	}
	return out
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
	var bufA, bufB [64]rune
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	var rows [3][65]int
	if len(rb) >= len(rows[0]) {
		return max + 1 // no place name or term is that long
	}
	prev2, prev, cur := rows[0][:len(rb)+1], rows[1][:len(rb)+1], rows[2][:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	// Only the cells within max of the diagonal can be max or less: the
	// band is computed, the cells beside it count as max+1.
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		lo, hi := i-max, min(len(rb), i+max)
		if lo < 1 {
			lo = 1
		}
		if lo > 1 {
			cur[lo-1] = max + 1
		}
		if hi < len(rb) {
			cur[hi+1] = max + 1
		}
		for j := lo; j <= hi; j++ {
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
	return min(prev[len(rb)], max+1)
}

func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}

// synonyms knows, for the confidence measure, which words of a question the
// staff's synonyms turn into which other words.
type synonyms struct {
	groups []synonymGroup
	// byFirst lists, per language and first term, the phrases that begin
	// with it: a question is compared only with the phrases it can match.
	byFirst [2]map[string][]phraseRef
}

// phraseRef is the place of a phrase in synonyms.groups.
type phraseRef struct{ group, phrase int }

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
		sg := synonymGroup{key: knowledge.SynonymKey(g)}
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
		for lang, ps := range sg.phrases {
			if s.byFirst[lang] == nil {
				s.byFirst[lang] = map[string][]phraseRef{}
			}
			for k, p := range ps {
				s.byFirst[lang][p.terms[0]] = append(s.byFirst[lang][p.terms[0]], phraseRef{len(s.groups), k})
			}
		}
		s.groups = append(s.groups, sg)
	}
	return s
}

// expand finds synonym phrases in a question's words. It returns, per index
// into ps, the extra terms the word stands for, and the keys of the groups used.
func (s *synonyms) expand(lang int, ps []position) (map[int][]string, []string) {
	// The phrases that begin with a word of the question, in the groups'
	// order, so that the expansions come in the same order as if every
	// phrase were tried.
	var refs []phraseRef
	for _, p := range ps {
		refs = append(refs, s.byFirst[lang][p.terms[0]]...)
	}
	slices.SortFunc(refs, func(a, b phraseRef) int {
		if a.group != b.group {
			return a.group - b.group
		}
		return a.phrase - b.phrase
	})
	refs = slices.Compact(refs)
	extra := map[int][]string{}
	var used []string
	for j := 0; j < len(refs); {
		g := refs[j].group
		hit := false
		for ; j < len(refs) && refs[j].group == g; j++ {
			p := s.groups[g].phrases[lang][refs[j].phrase]
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
			used = append(used, s.groups[g].key)
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
