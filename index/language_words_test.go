package index

import (
	"flag"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite language_words.txt from the knowledge base")
	}
}

// TestLanguageWordsFile rewrites language_words.txt from the built-in
// knowledge base with -update; without it, it checks that the file names
// every translated language.
func TestLanguageWordsFile(t *testing.T) {
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		out, err := translationWords(knowledge.Builtin())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("language_words.txt", []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have := map[string]bool{}
	for _, langs := range translationVocabulary() {
		for _, l := range langs {
			have[l] = true
		}
	}
	for _, l := range Languages[2:] {
		if !have[l] {
			t.Errorf("language_words.txt has no words of %s", l)
		}
	}
}

// translationWords builds language_words.txt: each translated language's
// words less those of the German and English texts (the kb's own files and
// the DE/EN comments of the translation files).
func translationWords(kb fs.FS) (string, error) {
	names := map[string]bool{}
	own := map[string]map[string]bool{}
	translated := map[string]bool{}
	for _, l := range Languages[2:] {
		translated[l] = true
	}
	files, err := fs.Glob(kb, "*.yaml")
	if err != nil {
		return "", err
	}
	i18n, err := fs.Glob(kb, "i18n/*.yaml")
	if err != nil {
		return "", err
	}
	for _, f := range append(files, i18n...) {
		data, err := fs.ReadFile(kb, f)
		if err != nil {
			return "", err
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return "", err
		}
		if path.Dir(f) != "i18n" {
			// The crisis signals and other offices' words in the
			// further languages are that language's words, no names.
			scalars(&doc, translated, func(s string) { addNames(names, s) })
			continue
		}
		lang, _, _ := strings.Cut(strings.TrimSuffix(path.Base(f), ".yaml"), "-")
		if own[lang] == nil {
			own[lang] = map[string]bool{}
		}
		scalars(&doc, nil, func(s string) { addWords(own[lang], s) })
		// The comments of the translations hold the German and English
		// texts; those of the lists of other offices' words are the
		// editors' notes, with words of the language itself ("engelli
		// kartı stays out"), which are no names.
		if strings.HasSuffix(f, "-andere-stellen.yaml") {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if c, ok := strings.CutPrefix(strings.TrimSpace(line), "#"); ok && !strings.ContainsFunc(c, func(r rune) bool {
				return unicode.In(r, unicode.Cyrillic, unicode.Arabic)
			}) {
				addNames(names, c)
			}
		}
	}
	// German names written in Cyrillic letters ("Хомбрух") are names too.
	keys := map[string]bool{}
	for w := range names {
		for _, k := range placeKeys(w) {
			keys[k] = true
		}
	}
	sorted := slices.Sorted(maps.Keys(names))
	// A Latin word a German name begins with is a part of the name
	// ("schwerbehinderten", "DortmundPas'ı"); a name with a foreign ending
	// ("telefonul", "seniora") is not.
	partOfName := func(w string) bool {
		if script(w) != 'L' || utf8Len(w) < 6 {
			return false
		}
		i, _ := slices.BinarySearch(sorted, w)
		return i < len(sorted) && strings.HasPrefix(sorted[i], w)
	}
	// German terms spelt anew ("grundsischerung", "елтернгелт") are names
	// too: a Latin word or the Latin reading of a Cyrillic one at one edit
	// from a German term that the translations keep ("Elterngeld").
	nameKeys := map[string][]string{}
	kept := map[string]bool{}
	for _, words := range own {
		for w := range words {
			if k := latinKey(w); names[w] && script(w) == 'L' && utf8Len(k) >= 7 && !kept[k] {
				kept[k] = true
				nameKeys[k[:3]] = append(nameKeys[k[:3]], k)
			}
		}
	}
	spelledName := func(w, lang string) bool {
		k, least := latinKey(w), 8
		switch {
		case script(w) == 'C':
			// Shorter Cyrillic words are mostly shared loans
			// ("процедура"), which tell Russian from Ukrainian.
			k, least = cyrillicKey(w, lang), 10
		case script(w) != 'L' || lang == "tr" || lang == "pl" || lang == "ro":
			// Latin cognates of these languages are their own words
			// ("februarie").
			return false
		}
		if utf8Len(k) < least {
			return false
		}
		return slices.ContainsFunc(nameKeys[k[:3]], func(n string) bool { return editDistance(k, n, 1) <= 1 })
	}
	isName := func(w, lang string) bool {
		if names[w] || partOfName(w) || spelledName(w, lang) {
			return true
		}
		if script(w) != 'C' || utf8Len(w) < 5 {
			return false
		}
		return slices.ContainsFunc(placeKeys(w), func(k string) bool { return keys[k] })
	}
	var b strings.Builder
	for _, lang := range Languages[2:] {
		var words []string
		for w := range own[lang] {
			if !isName(w, lang) {
				words = append(words, w)
			}
		}
		slices.Sort(words)
		b.WriteString(lang + " " + strings.Join(words, " ") + "\n")
	}
	return b.String(), nil
}

// scalars calls fn with every value of a YAML document but ids, hashes and
// the values of the keys in skip.
func scalars(n *yaml.Node, skip map[string]bool, fn func(string)) {
	switch n.Kind {
	case yaml.ScalarNode:
		fn(n.Value)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if skip[n.Content[i].Value] {
				continue
			}
			switch n.Content[i].Value {
			case "of", "from", "id", "topic", "office", "offices", "url", "source", "sources":
				// Ids and addresses; but a file's list of offices
				// themselves holds their names and streets.
				if v := n.Content[i+1]; v.Kind != yaml.SequenceNode || len(v.Content) == 0 || v.Content[0].Kind != yaml.MappingNode {
					continue
				}
			}
			scalars(n.Content[i+1], skip, fn)
		}
	default:
		for _, c := range n.Content {
			scalars(c, skip, fn)
		}
	}
}

func addWords(to map[string]bool, s string) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\u200c'
	}) {
		if w = foldLetters(w); utf8Len(w) >= 2 {
			to[w] = true
		}
	}
}

// addNames adds a German or English text's words, umlauts also written as
// ae, oe, ue ("Seniorenbuero").
func addNames(to map[string]bool, s string) {
	addWords(to, s)
	addWords(to, strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue").Replace(s))
}
