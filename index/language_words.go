package index

import (
	_ "embed"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
	"gopkg.in/yaml.v3"
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
	transSorted    []string            // transVocab's words, sorted
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
		transSorted = slices.Sorted(maps.Keys(transVocab))
	})
	return transVocab
}

// stemLanguages returns the languages whose translations have a word
// that shares all but the last one or two letters of a word they lack, and
// differs from it in at most three letters at the end: the translations
// hold "fiyatın", "fiyatını", a message writes "fiyatı"; the lists cannot
// hold every ending of Turkish, Slavic or Romanian words. Stems shorter
// than five letters are too common to tell anything.
//
// A word of the German or English texts, or one that shares a stem with
// such a word, tells nothing: the translations keep the official terms with
// their own endings ("Elterngeldu", "martea" beside Marten), and English
// words have Romance cousins ("refugee", "refugiat").
func stemLanguages(word string) []string {
	names := germanEnglishWords()
	if names.words[word] || len(stemMatches(names.sorted, word)) > 0 {
		return nil
	}
	vocab := translationVocabulary()
	var out []string
	for _, w := range stemMatches(transSorted, word) {
		for _, l := range vocab[w] {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// stemMatches returns the words of a sorted list that begin with the word
// less its last letter, else less its last two, and are at most three
// letters longer than that stem.
func stemMatches(sorted []string, word string) []string {
	r := []rune(word)
	var out []string
	for cut := 1; cut <= 2 && len(r)-cut >= minVocabStem; cut++ {
		stem := string(r[:len(r)-cut])
		i, _ := slices.BinarySearch(sorted, stem)
		for ; i < len(sorted) && strings.HasPrefix(sorted[i], stem); i++ {
			if utf8Len(sorted[i])-len(r)+cut <= 3 {
				out = append(out, sorted[i])
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

type wordList struct {
	words  map[string]bool
	sorted []string
}

var (
	namesOnce sync.Once
	names     wordList
)

// germanEnglishWords returns the folded words of the built-in knowledge
// base's German and English files and of the hand-made German and English
// lists, read once.
func germanEnglishWords() *wordList {
	namesOnce.Do(func() {
		names.words = map[string]bool{}
		add := func(text string) {
			for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
				names.words[foldLetters(w)] = true
			}
		}
		for _, data := range builtinYAML() {
			add(string(data))
			add(umlautSpelling.Replace(string(data)))
		}
		for _, list := range [][]string{fillerWords, greetingWords} {
			add(strings.Join(list, " "))
		}
		for _, l := range []string{"de", "en"} {
			add(strings.Join(slices.Collect(maps.Keys(languageWords[l])), " "))
		}
		names.sorted = slices.Sorted(maps.Keys(names.words))
	})
	return &names
}

// umlautSpelling writes umlauts as people do without them ("Seniorenbuero").
var umlautSpelling = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

// minVocabStem is the shortest stem stemLanguages compares.
const minVocabStem = 5

// vocabularyEvidence scores a word the translations of some languages use
// and the German and English texts do not: a German office or place name
// inside a foreign sentence weighs nothing, a Polish word without its
// diacritics ("przedluzenie") still points to Polish. A word several
// languages share gives each a part.
// It returns the languages it scored.
func vocabularyEvidence(word string, score map[string]float64) []string {
	if utf8Len(word) < 2 {
		return nil
	}
	w := foldLetters(word)
	langs := translationVocabulary()[w]
	if len(langs) == 0 && script(w) == 'A' {
		// Typed on the other language's keyboard ("زندگي" for "زندگی").
		if langs = translationVocabulary()[farsiForms.Replace(w)]; len(langs) == 0 {
			langs = translationVocabulary()[arabicForms.Replace(w)]
		}
	}
	if len(langs) == 0 && script(w) == 'L' {
		// Within Cyrillic and Arabic letters the spelling profile and the
		// letters tell the languages apart; German names written in them
		// ("Лютгендортмунд") would share stems with their inflected forms.
		langs = stemLanguages(w)
	}
	for _, l := range langs {
		score[l] += vocabWeight / float64(len(langs))
	}
	return langs
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

// builtinYAML are the built-in knowledge base's YAML files, which the
// language word lists are drawn from, read once.
var builtinYAML = sync.OnceValue(func() [][]byte {
	var out [][]byte
	files, _ := fs.Glob(knowledge.Builtin(), "*.yaml")
	for _, f := range files {
		if data, err := fs.ReadFile(knowledge.Builtin(), f); err == nil {
			out = append(out, data)
		}
	}
	return out
})

var (
	englishOnce  sync.Once
	englishVocab map[string]bool
)

// englishVocabulary returns the folded words of four letters or more that
// the knowledge base's English texts use and its German texts, the German
// word lists and the translations do not ("asylum", "seekers", "allowance",
// "breakfast"): two of them make a message without any function word
// English ("asylum seekers benefits office address"), where one English
// word in a German chat ("hotline") does not. Read once.
func englishVocabulary() map[string]bool {
	englishOnce.Do(func() {
		en, de := map[string]bool{}, map[string]bool{}
		for _, data := range builtinYAML() {
			var root yaml.Node
			if yaml.Unmarshal(data, &root) == nil {
				textsByLanguage(&root, "", en, de)
			}
		}
		for w := range germanWords {
			de[foldLetters(w)] = true
		}
		englishVocab = map[string]bool{}
		for w := range en {
			if utf8Len(w) >= 4 && !de[w] && !de[umlautSpelling.Replace(w)] && len(translationVocabulary()[w]) == 0 {
				englishVocab[w] = true
			}
		}
	})
	return englishVocab
}

// textsByLanguage adds the folded words of the texts under a key "en" to en,
// and those under "de" to de (keywords and synonyms mix both: neither).
func textsByLanguage(n *yaml.Node, key string, en, de map[string]bool) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			textsByLanguage(c, key, en, de)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			textsByLanguage(n.Content[i+1], n.Content[i].Value, en, de)
		}
	case yaml.ScalarNode:
		to := map[string]map[string]bool{"en": en, "de": de}[key]
		if to == nil {
			return
		}
		for _, w := range strings.FieldsFunc(n.Value, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if key == "en" && unicode.IsUpper([]rune(w)[0]) {
				// A German term quoted in English ("Angebote", "Bayrische
				// Straße") or a sentence's first word: not evidence.
				continue
			}
			to[foldLetters(w)] = true
			to[foldLetters(umlautSpelling.Replace(w))] = true
		}
	}
}
