package knowledge

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CrisisLine is a national emergency or crisis number (110, 112,
// TelefonSeelsorge, Hilfetelefon): the first thing to show when someone
// writes about suicide, violence or acute danger.
type CrisisLine struct {
	ID    string   `yaml:"id" json:"id"`
	Name  Text     `yaml:"name" json:"name"`
	Phone []string `yaml:"phone,omitempty" json:"phone,omitempty"`
	// Hours says when it answers and what it costs: "24 Stunden, kostenlos".
	Hours Text   `yaml:"hours,omitempty" json:"hours,omitempty"`
	Web   string `yaml:"web,omitempty" json:"web,omitempty"`
	// Note says whom it is for, or that it is anonymous, or in which languages.
	Note     Text     `yaml:"note,omitempty" json:"note,omitempty"`
	Sources  []string `yaml:"sources" json:"sources"`
	Reviewed Date     `yaml:"reviewed" json:"reviewed"`

	Pos Pos `yaml:"-" json:"-"`
}

// Crisis is one kind of emergency the bot recognises in a message, and what
// it answers: a calm message and the crisis lines, before anything else.
type Crisis struct {
	// ID names the kind: suizid, gewalt, haeusliche-gewalt, sexuelle-gewalt,
	// kind-in-gefahr, akute-gefahr, ...
	ID    string `yaml:"id" json:"id"`
	Title Text   `yaml:"title" json:"title"`
	// Message is one or two calm sentences.
	Message Text `yaml:"message" json:"message"`
	// Lines are the ids of crisis lines, most urgent first.
	Lines []string `yaml:"lines" json:"lines"`
	// Topic is a topic to offer after the lines, e.g. wohnungslosenhilfe.
	Topic string `yaml:"topic,omitempty" json:"topic,omitempty"`
	// Signals are, per language code (CrisisLanguages), the phrases that
	// signal this kind of emergency. See DetectCrisis for how they match.
	Signals map[string][]string `yaml:"signals" json:"signals"`

	Pos Pos `yaml:"-" json:"-"`

	// The compiled Signals, all languages together: by the spelling of
	// their first word, and those whose first word is a stem.
	byFirst   map[string][][]phraseWord
	stemFirst [][]phraseWord
}

// CrisisLanguages are the languages whose signals DetectCrisis reads: the
// languages of the city's citizens that the bot reads or will read.
var CrisisLanguages = []string{"de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa"}

// minStem is the shortest stem a signal may end in "*" with; shorter stems
// match too many everyday words.
const minStem = 4

// CrisisByID returns the crisis with the id, or nil.
func (b *Base) CrisisByID(id string) *Crisis { return b.crises[id] }

// CrisisLines returns the crisis lines of c, most urgent first.
func (b *Base) CrisisLines(c *Crisis) []*CrisisLine {
	if c == nil {
		return nil
	}
	out := make([]*CrisisLine, 0, len(c.Lines))
	for _, id := range c.Lines {
		if l := b.lines[id]; l != nil {
			out = append(out, l)
		}
	}
	return out
}

// DetectCrisis returns the first crisis (in the order of the knowledge
// files) one of whose signals the text contains, or nil.
//
// Text and signals are compared word by word after normalising both: lower
// case, accents and other diacritics removed (ä is read both as ae and as a,
// ß as ss, Arabic and Persian letter variants unified), punctuation read as
// a space. A signal matches only whole words in a row, so "tod" never
// matches "todmüde"; a word ending in "*" matches every word beginning with
// it ("vergewaltig*"), a word "..." stands for up to three other words
// ("will ... nicht mehr leben"), and a final "$" means the message ends
// there ("ich will nicht mehr $", but not "ich will nicht mehr warten").
func (b *Base) DetectCrisis(text string) *Crisis {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	words := crisisWords(text)
	for i := range b.Crises {
		if b.Crises[i].signalled(words) {
			return &b.Crises[i]
		}
	}
	return nil
}

// signalled reports whether one of the crisis's signals occurs in words.
func (c *Crisis) signalled(words [][]string) bool {
	for j, forms := range words {
		for _, f := range forms {
			for _, p := range c.byFirst[f] {
				if matchFrom(p, 1, words, j+1) {
					return true
				}
			}
		}
		for _, p := range c.stemFirst {
			if p[0].matches(forms) && matchFrom(p, 1, words, j+1) {
				return true
			}
		}
	}
	return false
}

func (c *Crisis) addPhrase(p []phraseWord) {
	if p[0].prefix {
		c.stemFirst = append(c.stemFirst, p)
		return
	}
	if c.byFirst == nil {
		c.byFirst = map[string][][]phraseWord{}
	}
	for _, f := range p[0].forms {
		c.byFirst[f] = append(c.byFirst[f], p)
	}
}

// maxGap is how many words "..." in a signal stands for.
const maxGap = 3

// phraseWord is one word of a compiled signal.
type phraseWord struct {
	forms  []string // normalised spellings
	prefix bool     // ends in "*": matches words beginning with a form
	gap    bool     // "...": up to maxGap arbitrary words
	end    bool     // "$": the end of the message
}

func (w phraseWord) matches(forms []string) bool {
	for _, f := range forms {
		for _, p := range w.forms {
			if f == p || (w.prefix && strings.HasPrefix(f, p)) {
				return true
			}
		}
	}
	return false
}

// matchFrom reports whether the phrase from its word i on matches words
// from word j on.
func matchFrom(p []phraseWord, i int, words [][]string, j int) bool {
	for ; i < len(p); i, j = i+1, j+1 {
		if p[i].end {
			return j == len(words)
		}
		if p[i].gap {
			for skip := 0; skip <= maxGap && j+skip <= len(words); skip++ {
				if matchFrom(p, i+1, words, j+skip) {
					return true
				}
			}
			return false
		}
		if j >= len(words) || !p[i].matches(words[j]) {
			return false
		}
	}
	return true
}

// compilePhrase turns a signal into words; it returns a message when the
// signal cannot work.
func compilePhrase(s string) ([]phraseWord, string) {
	var out []phraseWord
	for _, raw := range strings.Fields(s) {
		if raw == "..." {
			if len(out) == 0 {
				return nil, `"..." must stand between words`
			}
			out = append(out, phraseWord{gap: true})
			continue
		}
		if raw == "$" {
			if len(out) == 0 {
				return nil, `"$" must end a signal`
			}
			out = append(out, phraseWord{end: true})
			continue
		}
		if len(out) > 0 && out[len(out)-1].end {
			return nil, `"$" must end a signal`
		}
		prefix := strings.HasSuffix(raw, "*")
		raw = strings.TrimSuffix(raw, "*")
		if strings.Contains(raw, "*") {
			return nil, `"*" may only end a word`
		}
		words := crisisWords(raw)
		if len(words) == 0 {
			continue
		}
		if prefix && len(words) > 1 {
			return nil, fmt.Sprintf("%q splits into several words; \"*\" needs one word", raw)
		}
		for i, forms := range words {
			w := phraseWord{forms: forms}
			if prefix && i == len(words)-1 {
				w.prefix = true
				for _, f := range forms {
					if utf8.RuneCountInString(f) < minStem {
						return nil, fmt.Sprintf("stem %q is shorter than %d letters and would match everyday words", raw+"*", minStem)
					}
				}
			}
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return nil, "has no words"
	}
	if last := out[len(out)-1]; last.gap || (last.end && len(out) > 1 && out[len(out)-2].gap) {
		return nil, `"..." must stand between words`
	}
	return out, ""
}

// crisisWords splits text into normalised words, each with its spellings:
// one, or two where a German umlaut may be written as ae or as a.
func crisisWords(text string) [][]string {
	text = joiners.Replace(norm.NFC.String(strings.ToValidUTF8(text, " ")))
	var words [][]string
	prefix := ""
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	}) {
		w = strings.ToLower(w)
		plain := fold(w, false)
		if plain == "" {
			continue
		}
		if persianPrefixes[plain] {
			prefix += plain
			continue
		}
		forms := []string{prefix + plain}
		if ae := fold(w, true); ae != plain {
			forms = append(forms, prefix+ae)
		}
		prefix = ""
		words = append(words, forms)
	}
	if prefix != "" {
		words = append(words, []string{prefix})
	}
	return words
}

// joiners are characters inside a word: apostrophes (Ukrainian б'є, English
// don't, written with any of the usual marks) and the Persian zero-width
// non-joiner (می‌خواهم, also written میخواهم).
var joiners = strings.NewReplacer("'", "", "’", "", "ʼ", "", "`", "", "´", "", "\u200c", "")

// persianPrefixes are Persian verb prefixes that people write joined, apart
// or with a zero-width non-joiner: all three become one word.
var persianPrefixes = map[string]bool{"مي": true, "نمي": true}

// letterFolds unify letters people write interchangeably.
var letterFolds = strings.NewReplacer(
	"ß", "ss", "ı", "i", "ł", "l", "đ", "d", "ø", "o", "æ", "ae", "œ", "oe",
	// Arabic and Persian: hamza forms of alef, teh marbuta, alef maksura,
	// Persian yeh and keheh, and the tatweel that only stretches a word.
	"أ", "ا", "إ", "ا", "آ", "ا", "ٱ", "ا", "ة", "ه", "ى", "ي", "ی", "ي", "ک", "ك", "ـ", "",
)

var umlautsAE = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue")

// fold removes diacritics from a lower-case word; with ae it first writes
// German umlauts as ae, oe, ue.
func fold(w string, ae bool) string {
	if ae {
		w = umlautsAE.Replace(w)
	}
	w = letterFolds.Replace(w)
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) && r != '\u200c' && r != '\u200d' {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// crisisPhonePattern allows the short national numbers besides ordinary
// ones: 110, 112, 116 xxx.
var crisisPhonePattern = regexp.MustCompile(`^(110|112|116 ?[0-9]{3})$`)

func (b *Base) checkCrises(c *checker) {
	for i := range b.Helplines {
		l := &b.Helplines[i]
		what := fmt.Sprintf("crisis line %q", l.ID)
		c.id(l.Pos, "crisis line", l.ID)
		c.text(l.Pos, "name", l.Name, true)
		for j, n := range l.Phone {
			if crisisPhonePattern.MatchString(n) {
				continue
			}
			if msg := checkPhone(n); msg != "" {
				c.errorf(l.Pos.At(fmt.Sprintf("phone[%d]", j)), "%s: phone %q %s", what, n, msg)
			}
		}
		if l.Web != "" {
			c.url(l.Pos.At("web"), what, l.Web)
		}
		if len(l.Phone) == 0 && l.Web == "" {
			c.errorf(l.Pos, "%s: give a phone number or a web page", what)
		}
		c.text(l.Pos, "hours", l.Hours, false)
		c.text(l.Pos, "note", l.Note, false)
		c.sources(l.Pos, what, l.Sources)
		c.reviewed(l.Pos, what, l.Reviewed)
	}
	for i := range b.Crises {
		cr := &b.Crises[i]
		what := fmt.Sprintf("crisis %q", cr.ID)
		c.id(cr.Pos, "crisis", cr.ID)
		c.text(cr.Pos, "title", cr.Title, true)
		c.text(cr.Pos, "message", cr.Message, true)
		if len(cr.Lines) == 0 {
			c.errorf(cr.Pos, "%s: list at least one crisis line (lines: [notruf-112])", what)
		}
		for j, id := range cr.Lines {
			if b.lines[id] == nil {
				c.errorf(cr.Pos.At(fmt.Sprintf("lines[%d]", j)), "%s: crisis line %q does not exist", what, id)
			}
		}
		if cr.Topic != "" && b.topics[cr.Topic] == nil {
			c.errorf(cr.Pos.At("topic"), "%s: topic %q does not exist", what, cr.Topic)
		}
		if len(cr.Signals) == 0 {
			c.errorf(cr.Pos, "%s: signals are missing (phrases per language that show this emergency)", what)
		}
		cr.byFirst, cr.stemFirst = nil, nil
		for _, lang := range sortedKeys(cr.Signals) {
			if !slices.Contains(CrisisLanguages, lang) {
				c.errorf(cr.Pos.At("signals."+lang), "%s: unknown language %q; write one of %s", what, lang, strings.Join(CrisisLanguages, ", "))
			}
			for j, s := range cr.Signals[lang] {
				p, msg := compilePhrase(s)
				if msg != "" {
					c.errorf(cr.Pos.At(fmt.Sprintf("signals.%s[%d]", lang, j)), "%s: signal %q %s", what, s, msg)
					continue
				}
				cr.addPhrase(p)
			}
		}
		if len(cr.Signals) > 0 {
			for _, lang := range CrisisLanguages {
				if len(cr.Signals[lang]) == 0 {
					c.warnf(cr.Pos.At("signals"), "%s: no signals in language %q; messages in it are not recognised", what, lang)
				}
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
