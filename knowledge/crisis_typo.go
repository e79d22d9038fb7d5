package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minTypoRunes is the shortest word of a signal in which a typo is
// recognised; in shorter words one letter makes another everyday word
// ("tot", "rot"; "schlägt", "schlägt").
const minTypoRunes = 8

// typoIndex finds the word of a signal that a long word with one typo
// (a letter left out, added, wrong, or two letters swapped) was meant as,
// by the symmetric-deletion method: two words are one typo apart when they
// are equal after leaving out at most one letter of each.
type typoIndex struct {
	words map[string]bool   // the long words of the signals
	dels  map[string]string // each of them with one letter left out, to the word; "" when two words share it
	real  map[string]bool   // words of the knowledge base that are one typo from a signal word
}

// typoScript reports whether typos are recognised in w: in Latin and
// Cyrillic letters. In Arabic script one dot makes another word
// (الانتظار, waiting; الانتحار, suicide).
func typoScript(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.In(r, unicode.Latin, unicode.Cyrillic)
}

// add makes w a word whose typos are recognised.
func (t *typoIndex) add(w string) {
	if utf8.RuneCountInString(w) < minTypoRunes || t.words[w] || !typoScript(w) {
		return
	}
	if t.words == nil {
		t.words, t.dels = map[string]bool{}, map[string]string{}
	}
	t.words[w] = true
	var buf []byte
	for i := 0; i < len(w); {
		_, n := utf8.DecodeRuneInString(w[i:])
		buf = append(append(buf[:0], w[:i]...), w[i+n:]...)
		d := string(buf)
		if prev, ok := t.dels[d]; ok && prev != w {
			t.dels[d] = ""
		} else {
			t.dels[d] = w
		}
		i += n
	}
}

// extend adds to each word the signal word it is one typo away from, if
// there is exactly one.
func (t *typoIndex) extend(words [][]string) [][]string {
	if len(t.words) == 0 {
		return words
	}
	for j, forms := range words {
		f := forms[len(forms)-1]
		if t.words[f] || t.real[f] || utf8.RuneCountInString(f) < minTypoRunes-1 || !typoScript(f) {
			continue
		}
		if found := t.meant(f); found != "" && sameFirst(found, f) {
			words[j] = append(forms, found)
		}
	}
	return words
}

// sameFirst reports whether a and b begin with the same letter: people
// seldom miss or change the first letter of a word, and a word one first
// letter away from a signal word is mostly another word (Turkish "eşimden",
// from my spouse; "peşimden", after me).
func sameFirst(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra == rb
}

// meant returns the signal word f is one typo away from, or "".
func (t *typoIndex) meant(f string) string {
	found := t.dels[f] // a letter left out
	var buf []byte
	for i := 0; i < len(f) && found == ""; {
		_, n := utf8.DecodeRuneInString(f[i:])
		buf = append(append(buf[:0], f[:i]...), f[i+n:]...)
		if t.words[string(buf)] { // a letter added
			found = string(buf)
		} else {
			found = t.dels[string(buf)] // a letter wrong, or two swapped
		}
		i += n
	}
	return found
}

// learn records the words of text that are one typo from a signal word
// but real words of their own ("ambulant", one letter from the Romanian
// "ambulanta"): they are never read as the signal word.
func (t *typoIndex) learn(text string) {
	if len(t.words) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if seen[w] || utf8.RuneCountInString(w) < minTypoRunes-1 || !typoScript(w) {
			continue
		}
		seen[w] = true
		for _, forms := range crisisWords(w) {
			f := forms[len(forms)-1]
			if !t.words[f] && !t.real[f] && t.meant(f) != "" {
				if t.real == nil {
					t.real = map[string]bool{}
				}
				t.real[f] = true
			}
		}
	}
}
