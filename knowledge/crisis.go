package knowledge

import (
	"encoding/json"
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
	Note     Text       `yaml:"note,omitempty" json:"note,omitempty"`
	Sources  []Citation `yaml:"sources" json:"sources"`
	Reviewed Date       `yaml:"reviewed" json:"reviewed"`

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
	// InsteadOf are kinds this one is answered instead of when a message
	// signals one of them and also one of InsteadWhen: a child as the
	// victim of violence gets the children's lines first.
	InsteadOf   []string            `yaml:"instead_of,omitempty" json:"instead_of,omitempty"`
	InsteadWhen map[string][]string `yaml:"instead_when,omitempty" json:"instead_when,omitempty"`

	Pos Pos `yaml:"-" json:"-"`

	signals, instead      phraseSet // compiled Signals and InsteadWhen, all languages together
	combos, insteadCombos comboSet  // their combined signals ("a + b")
	byLang                map[string]*langSignals
}

// langSignals are the compiled Signals of one language: they tell the
// language of a message a signal found.
type langSignals struct {
	phrases phraseSet
	combos  comboSet
}

// CrisisCue is a class of words that crisis signals share, written once:
// "<sterben>" in a signal stands for any word of the cue "sterben". A cue
// with Idiom set lists everyday sayings instead ("das bringt mich um",
// "zu Tode gelangweilt"): their words never count for a signal.
type CrisisCue struct {
	ID string `yaml:"id" json:"id"`
	// Note says what the words have in common, for the staff.
	Note  string `yaml:"note,omitempty" json:"note,omitempty"`
	Idiom bool   `yaml:"idiom,omitempty" json:"idiom,omitempty"`
	// Words are, per language code, single words (a cue) or phrases (an
	// idiom), written as in signals.
	Words map[string][]string `yaml:"words" json:"words"`

	Pos Pos `yaml:"-" json:"-"`
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

// DetectCrisis returns the crisis one of whose signals the text contains,
// or nil. When several kinds are signalled, the first in the order of the
// knowledge files wins, unless a kind that lists it in instead_of also
// finds one of its instead_when signals (a child as the victim of
// violence: kind-in-gefahr instead of gewalt).
//
// Text and signals are compared word by word after normalising both: lower
// case, accents and other diacritics removed (ä is read both as ae and as a,
// ß as ss, Arabic and Persian letter variants unified), punctuation read as
// a space. A long word with one typo (a letter missing, added, wrong or two
// swapped) counts as the word of a signal. A signal matches only whole
// words in a row, so "tod" never matches "todmüde"; a word ending in "*"
// matches every word beginning with it ("vergewaltig*"), "<cue>" matches any
// word of a crisis cue (crisis_cues), a word "..." stands for up to three
// other words ("will ... nicht mehr leben"), and a final "$" means the
// message ends there ("ich will nicht mehr $", but not "ich will nicht mehr
// warten"). Words of an everyday saying (a cue with idiom: true, "das
// bringt mich um") are never part of a signal.
//
// When no signal matches, the crisis model (crisis_model.go) reads the
// words that are not part of an everyday saying; above its threshold it
// returns the kind it finds most likely.
func (b *Base) DetectCrisis(text string) *Crisis {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	words, clause, masked := b.crisisInput(text)
	if c := b.signalledCrisis(words, clause, masked); c != nil && !b.distant(words, masked) {
		return c
	}
	return b.modelCrisis(b.modelScore(words, masked))
}

// distantCue is the crisis cue of words that tell a crisis from a
// distance: long ago, in a film, asked for clients or in general.
const distantCue = "abstand"

// distantVeto is the crisis model's score below which a signal in a message
// told from a distance raises no alarm: "hatte früher mal Suizidgedanken,
// das ist lange her", "wir sind eine Beratungsstelle gegen häusliche
// Gewalt". The words of a signal name the crisis; whether it is here and
// now, the model judges better from the whole message.
const distantVeto = 0.02

// distant reports whether a signal found in the words is told from a
// distance: a word of the cue distantCue, and the crisis model sure that
// the message is no crisis. Asked only when a signal matched.
func (b *Base) distant(words [][]string, masked []bool) bool {
	if b.model == nil {
		return false
	}
	found := false
	for j, forms := range words {
		if !masked[j] && !found {
			b.cueWords.each(forms, func(name string) { found = found || name == distantCue })
		}
	}
	if !found {
		return false
	}
	p, _ := b.modelScore(words, masked)
	return p < distantVeto
}

// Screen is DetectCrisis and, when it finds no crisis, DetectDistress, in
// one reading of the text: the crisis model scores a message at most once
// for both.
func (b *Base) Screen(text string) (crisis *Crisis, distress bool) {
	if strings.TrimSpace(text) == "" {
		return nil, false
	}
	words, clause, masked := b.crisisInput(text)
	if c := b.signalledCrisis(words, clause, masked); c != nil && !b.distant(words, masked) {
		return c, false
	}
	p, kind := b.modelScore(words, masked)
	if c := b.modelCrisis(p, kind); c != nil {
		return c, false
	}
	return nil, len(b.Distress) > 0 && (b.distressSignalled(text) || b.modelDistress(p))
}

// SignalLanguages are the languages, in the order of CrisisLanguages, whose
// crisis signals the text contains: the language of a crisis message that
// is too short for language detection ("cut again last night deeper than
// before" has no word of an English question, but an English signal). Nil
// when no signal matches (a crisis the model found).
func (b *Base) SignalLanguages(text string) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	words, clause, masked := b.crisisInput(text)
	var out []string
	for _, lang := range CrisisLanguages {
		for i := range b.Crises {
			ls := b.Crises[i].byLang[lang]
			if ls != nil && (ls.phrases.match(words, masked) || ls.combos.match(words, clause, masked)) {
				out = append(out, lang)
				break
			}
		}
	}
	return out
}

// signalledCrisis is the crisis whose signals the words match, or the kind
// answered instead of it.
func (b *Base) signalledCrisis(words [][]string, clause []int, masked []bool) *Crisis {
	for i := range b.Crises {
		c := &b.Crises[i]
		if !c.signals.match(words, masked) && !c.combos.match(words, clause, masked) {
			continue
		}
		for j := range b.Crises {
			o := &b.Crises[j]
			if slices.Contains(o.InsteadOf, c.ID) && (o.instead.match(words, masked) || o.insteadCombos.match(words, clause, masked)) {
				return o
			}
		}
		return c
	}
	return nil
}

// crisisInput reads a text as DetectCrisis does: its words with their
// spellings (and the signal word a typo stands for), the clause of each
// word, and which words belong to an everyday saying.
func (b *Base) crisisInput(text string) ([][]string, []int, []bool) {
	words, clause := crisisClauses(text)
	words = b.fuzzy.extend(words)
	masked := make([]bool, len(words))
	b.idioms.mask(words, masked)
	return words, clause, masked
}

// phraseSet is a set of compiled phrases, indexed by the spelling of their
// first word; those whose first word is a stem are tried everywhere.
type phraseSet struct {
	byFirst map[string][][]phraseWord
	byStem  map[string][][]phraseWord // by the first two letters of a stem of their first word
}

func (s *phraseSet) add(p []phraseWord) {
	if s.byFirst == nil {
		s.byFirst, s.byStem = map[string][][]phraseWord{}, map[string][][]phraseWord{}
	}
	for _, f := range p[0].forms {
		s.byFirst[f] = append(s.byFirst[f], p)
	}
	for _, key := range stemKeys(p[0].stems) {
		s.byStem[key] = append(s.byStem[key], p)
	}
}

// stemKey is the first two letters of a word: stems are indexed by it.
func stemKey(w string) string {
	_, a := utf8.DecodeRuneInString(w)
	_, b := utf8.DecodeRuneInString(w[a:])
	return w[:a+b]
}

// stemKeys are the stem keys of stems, each once.
func stemKeys(stems []string) []string {
	var keys []string
	for _, st := range stems {
		if k := stemKey(st); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// each calls fn with every phrase that may start at word j.
func (s *phraseSet) each(forms []string, fn func(p []phraseWord) bool) bool {
	for _, f := range forms {
		for _, p := range s.byFirst[f] {
			if fn(p) {
				return true
			}
		}
	}
	for i, f := range forms {
		if i > 0 && stemKey(f) == stemKey(forms[0]) {
			continue // the other spelling begins the same: the same phrases
		}
		for _, p := range s.byStem[stemKey(f)] {
			if p[0].matchesStem(forms) && fn(p) {
				return true
			}
		}
	}
	return false
}

// match reports whether one of the phrases occurs in words without using a
// masked word.
func (s *phraseSet) match(words [][]string, masked []bool) bool {
	for j, forms := range words {
		if masked[j] {
			continue
		}
		if s.each(forms, func(p []phraseWord) bool {
			_, ok := matchFrom(p, 1, words, j+1, masked)
			return ok
		}) {
			return true
		}
	}
	return false
}

// mask marks the words of every occurrence of the phrases.
func (s *phraseSet) mask(words [][]string, masked []bool) {
	for j, forms := range words {
		s.each(forms, func(p []phraseWord) bool {
			if end, ok := matchFrom(p, 1, words, j+1, nil); ok {
				for k := j; k < end; k++ {
					masked[k] = true
				}
			}
			return false
		})
	}
}

// maxGap is how many words "..." in a signal stands for.
const maxGap = 3

// phraseWord is one word of a compiled signal.
type phraseWord struct {
	forms []string // normalised spellings
	stems []string // matches words beginning with one of these
	gap   bool     // "...": up to maxGap arbitrary words
	end   bool     // "$": the end of the message
}

func (w phraseWord) matches(forms []string) bool {
	for _, f := range forms {
		if slices.Contains(w.forms, f) {
			return true
		}
	}
	return w.matchesStem(forms)
}

func (w phraseWord) matchesStem(forms []string) bool {
	for _, f := range forms {
		for _, p := range w.stems {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
	}
	return false
}

// matchFrom reports whether the phrase from its word i on matches words
// from word j on, and where the match ends. Masked words (nil: none) never
// match a word of the phrase.
func matchFrom(p []phraseWord, i int, words [][]string, j int, masked []bool) (int, bool) {
	for ; i < len(p); i, j = i+1, j+1 {
		if p[i].end {
			return j, j == len(words)
		}
		if p[i].gap {
			for skip := 0; skip <= maxGap && j+skip <= len(words); skip++ {
				if end, ok := matchFrom(p, i+1, words, j+skip, masked); ok {
					return end, true
				}
			}
			return j, false
		}
		if j >= len(words) || (masked != nil && masked[j]) || !p[i].matches(words[j]) {
			return j, false
		}
	}
	return j, true
}

// compilePhrase turns a signal into words; it returns a message when the
// signal cannot work. cues are the cues "<name>" may name, with their words
// in the signal's language (none: nil).
func compilePhrase(s string, cues map[string]phraseWord) ([]phraseWord, string) {
	var out []phraseWord
	for _, raw := range strings.Fields(s) {
		if name, ok := strings.CutPrefix(raw, "<"); ok {
			name = strings.TrimSuffix(name, ">")
			w, known := cues[name]
			if !known {
				if cues == nil {
					return nil, `"<...>" may not stand here`
				}
				return nil, fmt.Sprintf("names the cue %q, which is not among the crisis_cues or has no words in this language", raw)
			}
			if len(out) > 0 && out[len(out)-1].end {
				return nil, `"$" must end a signal`
			}
			out = append(out, w)
			continue
		}
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
				w = phraseWord{stems: forms}
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
	words, _ := crisisClauses(text)
	return words
}

// crisisClauses is crisisWords that also numbers the clause of each word:
// a clause ends at a punctuation mark (. , ; : ! ? and their Arabic forms).
// A German verb stands at the end of its clause, far from its subject ("hat
// mich gestern vor den Kindern ... geschlagen"), so the parts of a combined
// signal may lie further apart inside one clause.
func crisisClauses(text string) ([][]string, []int) {
	text = joiners.Replace(norm.NFC.String(strings.ToValidUTF8(text, " ")))
	var words [][]string
	var clause []int
	prefix := ""
	n, start := 0, -1
	word := func(w string) {
		w = strings.ToLower(w)
		plain := fold(w, false)
		if plain == "" {
			return
		}
		if persianPrefixes[plain] {
			prefix += plain
			return
		}
		forms := []string{prefix + plain}
		if ae := fold(w, true); ae != plain {
			forms = append(forms, prefix+ae)
		}
		if rest, ok := strings.CutPrefix(plain, "و"); ok && prefix == "" && utf8.RuneCountInString(rest) >= 3 {
			forms = append(forms, rest) // Arabic "and" is written joined: وبدي = و بدي
		}
		prefix = ""
		words = append(words, forms)
		clause = append(clause, n)
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(text[start:i])
			start = -1
		}
		if strings.ContainsRune(clauseMarks, r) {
			n++
		}
	}
	if start >= 0 {
		word(text[start:])
	}
	if prefix != "" {
		words = append(words, []string{prefix})
		clause = append(clause, n)
	}
	return words, clause
}

// clauseMarks end a clause.
const clauseMarks = ".,;:!?،؛؟…"

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
	if isASCII(w) {
		return w // most words: nothing to fold
	}
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
	cues := b.checkCues(c)
	defer b.learnRealWords()
	defer b.useCrisisModel(c)
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
		cr.signals, cr.instead, cr.combos, cr.insteadCombos = phraseSet{}, phraseSet{}, comboSet{}, comboSet{}
		b.compileLangs(c, cr.Pos, what, "signals", "signal", cr.Signals, cues, false, cr.signals.add, cr.combos.addFar)
		b.compileLangs(c, cr.Pos, what, "instead_when", "signal", cr.InsteadWhen, cues, false, cr.instead.add, cr.insteadCombos.addFar)
		cr.byLang = map[string]*langSignals{}
		for _, lang := range sortedKeys(cr.Signals) {
			// Once more per language; its problems were reported above.
			ls := &langSignals{phrases: phraseSet{}, combos: comboSet{}}
			b.compileLangs(&checker{}, cr.Pos, what, "signals", "signal", map[string][]string{lang: cr.Signals[lang]}, cues, false, ls.phrases.add, ls.combos.addFar)
			cr.byLang[lang] = ls
		}
		for j, id := range cr.InsteadOf {
			if b.crises[id] == nil || id == cr.ID {
				c.errorf(cr.Pos.At(fmt.Sprintf("instead_of[%d]", j)), "%s: instead_of names %q, which is not another crisis", what, id)
			}
		}
		if (len(cr.InsteadOf) == 0) != (len(cr.InsteadWhen) == 0) {
			c.errorf(cr.Pos, "%s: instead_of and instead_when go together (which kinds this one replaces, and the signals that decide it)", what)
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

// learnRealWords tells the typo index the words of the knowledge base's
// texts: they are words of their own, not typos of a signal word.
func (b *Base) learnRealWords() {
	for _, v := range []any{b.Topics, b.Offices, b.Synonyms, b.Translations} {
		data, err := json.Marshal(v)
		if err == nil {
			b.fuzzy.learn(string(data))
		}
	}
}

// checkCues checks and compiles the crisis cues: the idioms into b.idioms,
// the others into the word classes that signals name with "<id>".
// A cue's words count in the signals of their own language only: "die" is
// English for sterben but a German article.
func (b *Base) checkCues(c *checker) map[string]map[string]phraseWord {
	cues := map[string]map[string]phraseWord{} // by language, by name
	b.idioms, b.fuzzy, b.cueWords = phraseSet{}, typoIndex{}, cueIndex{}
	for i := range b.CrisisCues {
		cue := &b.CrisisCues[i]
		what := fmt.Sprintf("crisis cue %q", cue.ID)
		c.id(cue.Pos, "crisis cue", cue.ID)
		if slices.ContainsFunc(b.CrisisCues[:i], func(o CrisisCue) bool { return o.ID == cue.ID }) {
			c.errorf(cue.Pos.At("id"), "crisis cue id %q is used twice", cue.ID)
		}
		if len(cue.Words) == 0 {
			c.errorf(cue.Pos, "%s: words are missing (per language, the words of the cue)", what)
		}
		if cue.Idiom {
			continue
		}
		for _, lang := range sortedKeys(cue.Words) {
			var w phraseWord
			b.compileLangs(c, cue.Pos, what, "words", "word", map[string][]string{lang: cue.Words[lang]}, nil, true, func(p []phraseWord) {
				w.forms = append(w.forms, p[0].forms...)
				w.stems = append(w.stems, p[0].stems...)
			}, nil)
			if cues[lang] == nil {
				cues[lang] = map[string]phraseWord{}
			}
			cues[lang][cue.ID] = w
			b.cueWords.add(cue.ID, w)
		}
	}
	// Idioms may name cues: "nu <wollen> să <sterben>" (not wanting to die).
	for i := range b.CrisisCues {
		if cue := &b.CrisisCues[i]; cue.Idiom {
			b.compileLangs(c, cue.Pos, fmt.Sprintf("crisis cue %q", cue.ID), "words", "idiom", cue.Words, cues, false, b.idioms.add, nil)
		}
	}
	return cues
}

// compileLangs compiles phrases per language, reports those that cannot
// work at their line, and hands the others to add, or, combined with "+",
// to addCombo (nil: "+" is not allowed) with the parts marked "~" (may
// stand anywhere in the message). With single, each must be one word.
// Their long words become words a typo is recognised in.
func (b *Base) compileLangs(c *checker, at Pos, what, key, kind string, m map[string][]string, cues map[string]map[string]phraseWord, single bool, add func([]phraseWord), addCombo func([][]phraseWord, []bool)) {
	for _, lang := range sortedKeys(m) {
		if !slices.Contains(CrisisLanguages, lang) {
			c.errorf(at.At(key+"."+lang), "%s: unknown language %q; write one of %s", what, lang, strings.Join(CrisisLanguages, ", "))
		}
		for j, s := range m[lang] {
			pos := at.At(fmt.Sprintf("%s.%s[%d]", key, lang, j))
			var parts [][]phraseWord
			var far []bool
			msg := ""
			for _, part := range strings.Split(s, " + ") {
				part, tilde := strings.CutPrefix(part, "~")
				far = append(far, tilde)
				p, m := compilePhrase(part, cues[lang])
				if m != "" {
					msg = m
					break
				}
				parts = append(parts, p)
			}
			switch {
			case msg == "" && len(parts) > 1 && addCombo == nil:
				msg = `may not combine parts with " + " here`
			case msg == "" && (len(parts) == 1 || !slices.Contains(far, false)) && slices.Contains(far, true):
				msg = `"~" marks a part of a combined signal that may stand anywhere in the message; the signal needs another part without it`
			case msg == "" && single && (len(parts[0]) != 1 || parts[0][0].gap || parts[0][0].end):
				msg = "is not one word; a cue holds single words (write phrases as signals, or make the cue an idiom)"
			}
			if msg != "" {
				c.errorf(pos, "%s: %s %q %s", what, kind, s, msg)
				continue
			}
			for _, p := range parts {
				for _, w := range p {
					for _, f := range append(w.forms, w.stems...) {
						b.fuzzy.add(f)
					}
				}
			}
			if len(parts) > 1 {
				addCombo(parts, far)
			} else {
				add(parts[0])
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
