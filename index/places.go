package index

import (
	"regexp"
	"slices"
	"sort"
	"strings"
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
	tokens []string
	// keys are, per token, how it sounds (see placeKeys), and its
	// consonants, also with "ch" read as Arabic script's ش (shin).
	keys, consonants, shin []string
	district               string
	// runes is the length of a single-token name in letters.
	runes int
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
			n := placeName{tokens: tokens, district: d.ID, runes: utf8.RuneCountInString(tokens[0])}
			for _, t := range tokens {
				k := placeKeys(t)[0]
				n.keys = append(n.keys, k)
				n.consonants = append(n.consonants, consonants(k))
				n.shin = append(n.shin, consonants(single(soundKeyShin.Replace(t))))
			}
			p.names = append(p.names, n)
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
// cyrillicLatin says the question may be Russian, Ukrainian or Bulgarian
// typed in Latin letters, whose place names are then also read as such.
func (p *places) find(text string, words []position, known func(string) bool, cyrillicLatin bool) ([]string, map[int]bool) {
	used := map[int]bool{}
	found := map[string]bool{}
	// Turkish writes case endings after an apostrophe: "Nordstadt'ta".
	words = slices.Clone(words)
	for i, w := range words {
		if j := strings.IndexAny(w.terms[0], "'’"); j > 0 {
			words[i].terms = []string{w.terms[0][:j]}
		}
	}
	// Exact names first, so that "Eichlinghofen" is not taken for a
	// misspelt "Wichlinghofen" before its own name is tried; names in other
	// scripts last.
	qw := questionWords{words: words, foreign: map[int][]string{}, runes: make([]int, len(words)), known: make([]int8, len(words))}
	for i, w := range words {
		if script(w.terms[0]) != 'L' {
			qw.foreign[i] = placeKeys(w.terms[0])
		}
		qw.runes[i] = utf8.RuneCountInString(w.terms[0])
	}
	// A name of several words, and any name tried exactly, begins with one
	// of the question's words: the other names need not be tried at every
	// word (a long story has fifty).
	// A misspelt name is a word of three letters or more that the knowledge
	// base does not know (see matches).
	first := make(map[string]bool, len(words))
	misspelt := make([]bool, len(words))
	for i, w := range words {
		first[w.terms[0]] = true
		misspelt[i] = qw.runes[i] >= 3 && !known(w.terms[0])
		// A name typed in Latin letters the way Russian, Ukrainian and
		// Bulgarian chats write it ("Khombrukhe", "Aplerbeke") is read as
		// the Cyrillic it stands for, after every German name was tried.
		if cyrillicLatin && misspelt[i] && qw.runes[i] >= 5 && script(w.terms[0]) == 'L' && isASCIILower(w.terms[0]) {
			qw.foreign[i] = placeKeys(latinRussian.Replace(w.terms[0]))
		}
	}
	for _, mode := range []matchMode{exact, fuzzy, transliterated, transliteratedNear} {
		if mode >= transliterated && len(qw.foreign) == 0 {
			break
		}
		for _, name := range p.names {
			if mode < transliterated && (mode == exact || len(name.tokens) > 1) && !first[name.tokens[0]] {
				continue
			}
			for i := 0; i+len(name.tokens) <= len(words); i++ {
				if mode == fuzzy && len(name.tokens) == 1 && !misspelt[i] || used[words[i].pos] || !qw.matches(i, name, mode, known) {
					continue
				}
				found[name.district] = true
				for k := range name.tokens {
					used[words[i+k].pos] = true
				}
			}
		}
	}
	// A postcode shared by districts is told apart by a place named
	// beside it ("44388 Oespel").
	for _, code := range postcodePattern.FindAllString(text, -1) {
		ds := p.kb.DistrictsOfPostcode(code)
		if slices.ContainsFunc(ds, func(d string) bool { return found[d] }) {
			continue
		}
		for _, d := range ds {
			found[d] = true
		}
	}
	for i, w := range words {
		if strings.IndexByte(w.terms[0], '4') >= 0 && postcodePattern.MatchString(w.terms[0]) {
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

type matchMode int

const (
	exact matchMode = iota
	// fuzzy: a long single-word name may be misspelt by one letter, unless
	// the misspelling is itself a word the knowledge base knows.
	fuzzy
	// transliterated: words in Cyrillic or Arabic letters that sound like
	// the name ("Хёрде", "هورده"): the same key in Cyrillic, or the name
	// with a case ending ("у Хомбруху", "в Шюрене"); the same consonants in
	// Arabic script.
	transliterated
	// transliteratedNear: in Cyrillic, one letter may differ in long names,
	// and a long name may have any short ending; tried after every name
	// was tried exactly, so that "Айхлингхофен" is not a misspelt
	// "Wichlinghofen".
	transliteratedNear
)

// questionWords are a question's folded words with what find compares
// them by, computed once per question rather than once per place name.
type questionWords struct {
	words []position
	// foreign holds the keys of words in other scripts, by index.
	foreign map[int][]string
	// runes is each word's length in letters; known whether the knowledge
	// base knows it: 0 not yet asked, 1 yes, -1 no.
	runes []int
	known []int8
}

// matches compares a place name with the question's words at i.
func (qw *questionWords) matches(i int, pn placeName, mode matchMode, known func(string) bool) bool {
	words, name := qw.words, pn.tokens
	if mode >= transliterated {
		for k := range name {
			keys, ok := qw.foreign[i+k]
			if !ok || !soundsLike(words[i+k].terms[0], keys, pn, k, mode == transliteratedNear) {
				return false
			}
		}
		return true
	}
	if len(name) > 1 {
		for k, t := range name {
			if words[i+k].terms[0] != t {
				return false
			}
		}
		return true
	}
	w := words[i].terms[0]
	if mode == exact {
		return w == name[0]
	}
	// Lengths first: most names are too long or too short to be the word
	// misspelt or with an ending.
	n, extra := pn.runes, qw.runes[i]-pn.runes
	if !(n >= 7 && extra >= -1 && extra <= 1 || n >= 6 && extra > 0 && extra <= 3 || n >= 4 && extra >= 0 && extra <= 3) {
		return false
	}
	if qw.known[i] == 0 {
		qw.known[i] = -1
		if known(w) {
			qw.known[i] = 1
		}
	}
	return qw.known[i] < 0 && (n >= 7 && editDistance(w, name[0], 1) <= 1 || withEnding(w, name[0]) || inflected(w, name[0]))
}

// isASCIILower reports whether a word is made of the letters a to z only.
func isASCIILower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// withEnding reports whether a word is a name of six letters or more with a
// case ending of at most three letters: "Dorstfeldzie" (Polish), "Hörder",
// "Бракеле" (Russian, transliterated).
func withEnding(word, name string) bool {
	extra := utf8.RuneCountInString(word) - utf8.RuneCountInString(name)
	return utf8.RuneCountInString(name) >= 6 && extra > 0 && extra <= 3 && strings.HasPrefix(word, name)
}

// slavicEndings are the case endings Polish, Ukrainian and Russian put on a
// place name, as keys: "w Hombruchu", "у Евінгу", "в Шюрене", "в Хёрді".
var slavicEndings = []string{"ach", "ah", "om", "em", "ie", "e", "i", "u", "a"}

// inflected reports whether a word is a name of four letters or more with a
// Slavic case ending, which may take the place of the name's last vowel
// ("hordi" for "horde").
func inflected(word, name string) bool {
	if utf8.RuneCountInString(name) < 4 || word == "" || word[0] != name[0] {
		return false // the stem begins as the name does
	}
	for _, e := range slavicEndings {
		stem, ok := strings.CutSuffix(word, e)
		if !ok || stem == "" {
			continue
		}
		if stem == name {
			return true
		}
		if last := name[len(name)-1]; strings.IndexByte("aeiou", last) >= 0 && stem == name[:len(name)-1] && len(stem) >= 4 {
			return true
		}
	}
	return false
}

// soundsLike compares the keys of a word in another script with the k-th
// token of a name. near allows one letter more or less in long names and
// any short ending.
func soundsLike(word string, keys []string, pn placeName, k int, near bool) bool {
	key := pn.keys[k]
	if script(word) == 'A' {
		cons, shin := pn.consonants[k], pn.shin[k]
		return len(cons) >= 3 && slices.ContainsFunc(keys, func(w string) bool { c := consonants(w); return c == cons || c == shin })
	}
	for _, w := range keys {
		if len(w) < 4 {
			continue
		}
		if !near && (w == key || inflected(w, key)) ||
			near && (len(key) >= 7 && editDistance(w, key, 1) <= 1 || withEnding(w, key)) {
			return true
		}
	}
	return false
}
