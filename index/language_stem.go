package index

import (
	"strings"
	"unicode/utf8"
)

// inflections returns the known terms an unknown term of a translated
// language may be another form of: terms with the same long beginning,
// and in Arabic the term without a prefix (arabicRest).
func (ix *Index) inflections(lang int, term string) []string {
	out := ix.vocab[lang].sameStem(term)
	if rest := ix.arabicRest(lang, term); rest != "" {
		out = append(out, rest)
	}
	return out
}

// arabicRest returns the known Arabic term an unknown one is with a prefix
// the light stemmer leaves, or "": a one-letter prefix (the colloquial
// present "بيعمل", "لشقة"), or "على ال" and "هذا ال" that spoken Arabic
// glues to the noun ("عالدكتور", to the doctor; "هالشهر", this month).
func (ix *Index) arabicRest(lang int, term string) string {
	if Languages[lang] != "ar" || utf8.RuneCountInString(term) < 3 {
		return ""
	}
	for _, p := range []string{"عال", "هال"} {
		if rest, ok := strings.CutPrefix(term, p); ok && utf8.RuneCountInString(rest) >= 2 && ix.known(lang, rest) {
			return rest
		}
	}
	if first, size := utf8.DecodeRuneInString(term); strings.ContainsRune("وفبلك", first) && ix.known(lang, term[size:]) {
		return term[size:]
	}
	return ""
}

// sameStem returns the known terms that share a long beginning with term:
// the translated languages inflect more than their light stemmers undo
// ("размещают" and "размещение", "başvurusunu" and "başvuru"), so a word
// the index does not know is read as a known one with another ending. The
// shared part must be at least five letters and leave at most three letters
// of either word (four letters, or two, cost as much as they gain on the
// tuning sets).
func (v *vocabulary) sameStem(term string) []string {
	r := []rune(term)
	n := len(r)
	if n < 6 {
		return nil
	}
	var out []string
	for l := max(5, n-3); l <= n+3; l++ {
		for _, cand := range v.byKey[vocabKey{r[0], l}] {
			if cand == term {
				continue
			}
			p := commonPrefix(r, cand)
			if p >= 5 && p >= n-3 && p >= utf8.RuneCountInString(cand)-3 {
				out = append(out, cand)
			}
		}
	}
	return out
}

// commonPrefix is how many runes a and b share at their beginning.
func commonPrefix(a []rune, b string) int {
	i := 0
	for _, rb := range b {
		if i >= len(a) || a[i] != rb {
			break
		}
		i++
	}
	return i
}

// germanTermWeight is how much more a German official term inside a
// foreign sentence weighs when a document has it in its title, phrasings
// or keywords.
const germanTermWeight = 2
