package index

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

// languageWordsFile holds, per translated language, the words of its
// translations and search phrasings (knowledge/kb/i18n) that the German and
// English texts of the knowledge base do not use: one line per language,
// "code word word …". Latin words are stored folded (foldLetters). Regenerate
// it with `go test ./index/ -run TestLanguageWordsFile -update` after the
// translations changed much.
//
//go:embed language_words.txt
var languageWordsFile string

var (
	transVocabOnce sync.Once
	transVocab     map[string][]string // word → the languages that use it
)

// translationVocabulary returns the words of the translations, read once.
func translationVocabulary() map[string][]string {
	transVocabOnce.Do(func() {
		transVocab = map[string][]string{}
		for _, line := range strings.Split(languageWordsFile, "\n") {
			lang, words, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			for _, w := range strings.Fields(words) {
				transVocab[w] = append(transVocab[w], lang)
			}
		}
	})
	return transVocab
}

// vocabularyEvidence scores a word the translations of some languages use
// and the German and English texts do not: a German office or place name
// inside a foreign sentence weighs nothing, a Polish word without its
// diacritics ("przedluzenie") still points to Polish. A word several
// languages share gives each a part.
func vocabularyEvidence(word string, score map[string]float64) {
	if utf8Len(word) < 2 {
		return
	}
	langs := translationVocabulary()[foldLetters(word)]
	for _, l := range langs {
		score[l] += vocabWeight / float64(len(langs))
	}
}

// vocabWeight is what one word of a language's translations counts,
// against 1 for a word of the hand-made lists: one such word alone does
// not leave German.
const vocabWeight = 0.75

func utf8Len(s string) int { return len([]rune(s)) }

// foldLetters lower-cases a word and takes the diacritics off Latin letters
// (Turkish, Polish, Romanian and German ones), as people type without
// them; Russian ё becomes е and Arabic alef with hamza a bare alef, for the
// same reason.
func foldLetters(w string) string {
	return strings.Map(func(r rune) rune {
		if r == '\u200c' || unicode.Is(unicode.Mn, r) {
			return -1 // Farsi's zero-width non-joiner, Arabic vowel marks
		}
		if f, ok := letterFold[r]; ok {
			return f
		}
		return unicode.ToLower(r)
	}, w)
}

var letterFold = func() map[rune]rune {
	m := map[rune]rune{}
	for _, p := range []string{"ıi", "İi", "şs", "Şs", "çc", "Çc", "ğg", "Ğg", "öo", "Öo", "üu", "Üu",
		"ąa", "ćc", "ęe", "łl", "Łl", "ńn", "óo", "śs", "Śs", "źz", "żz", "Żz",
		"ăa", "âa", "îi", "șs", "ţt", "țt", "şs", "äa", "Äa", "ßs",
		"ёе", "Ёе", "أا", "إا", "آا"} {
		r := []rune(p)
		m[r[0]] = r[1]
	}
	return m
}()
