package index

import (
	"strings"
	"unicode"
)

// Words that carry no meaning for finding a topic, beyond the analyzers' stop
// words: what people add to be polite or to ask ("bitte", "brauche", "wo").
// A question made only of them and greetings is a greeting.
var fillerWords = strings.Fields(`
	bitte brauche brauchen benötige benoetige möchte moechte will wollen kann können koennen
	muss müssen gibt geben gern gerne frage fragen info infos information informationen
	wissen weiß weiss sagen erklären erklaeren wo wann wie was wer welche welcher welches warum
	wieso weshalb hallo danke dortmund stadt tun machen bekommen kriegen ja nein ok okay
	please need want get can could would know tell me my where when how what who which why
	hello hi thanks thank info information dortmund city do does help
	adresse anschrift telefon telefonnummer tel nr nummer e-mail email mail öffnungszeiten
	oeffnungszeiten sprechzeiten sprechstunde kontakt termin erreichen address phone number
	opening hours contact appointment reach`)

// Words asking for contact details ("Telefonnummer", "Öffnungszeiten") are
// fillers too: every answer card shows the office's address, hours and phone.

// greetingWords are what people write to open or close a chat.
var greetingWords = strings.Fields(`
	hallo hi hey moin servus gruss grüß gruß gott gute guten morgen tag abend nacht alles für
	hello good morning evening afternoon day danke vielen dank thanks thank you
	tschuss tschüss bye ciao ok okay super prima ja nein yes no na und du ihnen dir
	geht gehts es wie how are liebe lieber sehr schon schönen schonen merhaba salam`)

// englishWords and germanWords are frequent words that tell the languages apart.
var (
	englishWords = set(strings.Fields(`the a an is are i my me you your to for of in on with and or
		how what where when who which do does can need get help please is there old have has this that
		from about am not want`))
	germanWords = set(strings.Fields(`der die das ist ich mein meine meiner sie du ein eine einen für
		fur von mit und oder wie was wo wann wer kann brauche bitte habe hat nicht auf bei zum zur
		den dem des im in an bin sind gibt es mir mich`))
)

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Language guesses the language of a text from its function words: "en"
// or "de", and whether the words showed it at all (a place name or a
// single noun does not). It is the one place the bot reads a language.
func Language(text string) (lang string, sure bool) {
	return guessLanguage(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}))
}

// guessLanguage returns "en" when a question has more English than German
// function words, else "de": most citizens write German. sure is false when
// the words gave no evidence either way (a single name, a place).
func guessLanguage(folded []string) (lang string, sure bool) {
	en, de := 0, 0
	for _, w := range folded {
		if englishWords[w] {
			en++
		}
		if germanWords[w] {
			de++
		}
	}
	if en > de {
		return "en", true
	}
	return "de", de > en
}

// termSets analyses a word list with each language's analyzer.
func (ix *Index) termSets(words []string) [2]map[string]bool {
	out := [2]map[string]bool{{}, {}}
	for _, w := range words {
		for _, t := range ix.analyzeDE(w) {
			out[langDE][t] = true
		}
		for _, t := range ix.analyzeEN(w) {
			out[langEN][t] = true
		}
	}
	return out
}

// isGreeting reports whether a question holds nothing but greetings and
// politeness.
func (ix *Index) isGreeting(folded []string) bool {
	if len(folded) == 0 {
		return false
	}
	for _, w := range folded {
		if !ix.greetings[w] {
			return false
		}
	}
	return true
}
