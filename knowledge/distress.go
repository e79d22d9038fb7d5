package knowledge

import (
	"fmt"
	"slices"
	"strings"
)

// Distress is a family of signals of distress: despair, exhaustion, fear,
// being hurt, not coping ("halte das nicht mehr aus", "habe Angst"). They
// are weaker than a crisis signal: the bot answers the question as usual
// and adds one line with the TelefonSeelsorge and 112.
type Distress struct {
	ID   string `yaml:"id" json:"id"`
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
	// Signals are phrases per language, written and matched like crisis
	// signals, but without <cue> words.
	Signals map[string][]string `yaml:"signals" json:"signals"`
	// Unless are phrases per language whose words never count for a
	// signal of any distress entry: "keine Angst", "no fear".
	Unless map[string][]string `yaml:"unless,omitempty" json:"unless,omitempty"`

	Pos Pos `yaml:"-" json:"-"`

	signals phraseSet
	combos  comboSet
	unless  phraseSet
}

// DistressLineID is the crisis line the distress line names.
const DistressLineID = "telefonseelsorge"

// DistressLine returns the crisis line to name after a message that
// signals distress, or nil when the knowledge base has none with a phone.
func (b *Base) DistressLine() *CrisisLine {
	if l := b.lines[DistressLineID]; l != nil && len(l.Phone) > 0 {
		return l
	}
	return nil
}

// DetectDistress reports whether the text contains a distress signal. It
// reads the text the way DetectCrisis does (whole words, case, accents and
// punctuation ignored) and skips the words of crisis idioms and of the
// distress entries' unless phrases. It does not look for crises: callers
// ask DetectCrisis first. A message without a distress signal counts when
// the crisis model finds it close to a crisis, below the crisis threshold
// but above its distress threshold.
func (b *Base) DetectDistress(text string) bool {
	if len(b.Distress) == 0 || strings.TrimSpace(text) == "" {
		return false
	}
	if b.distressSignalled(text) {
		return true
	}
	words, _, masked := b.crisisInput(text)
	p, _ := b.modelScore(words, masked)
	return b.modelDistress(p)
}

// distressSignalled reports whether a distress entry's signals match the text.
func (b *Base) distressSignalled(text string) bool {
	words, clause := crisisClauses(text)
	masked := make([]bool, len(words))
	b.idioms.mask(words, masked)
	for i := range b.Distress {
		b.Distress[i].unless.mask(words, masked)
	}
	for i := range b.Distress {
		d := &b.Distress[i]
		if d.signals.match(words, masked) || d.combos.match(words, clause, masked) {
			return true
		}
	}
	return false
}

// checkDistress checks and compiles the distress entries. It compiles on
// its own rather than through compileLangs so that distress words stay out
// of the crisis typo index: a typo of a distress word is no crisis.
func (b *Base) checkDistress(c *checker) {
	if len(b.Distress) > 0 && b.DistressLine() == nil {
		c.errorf(b.Distress[0].Pos, "distress: the crisis line %q with a phone number is missing; the distress line names it", DistressLineID)
	}
	for i := range b.Distress {
		d := &b.Distress[i]
		what := fmt.Sprintf("distress %q", d.ID)
		c.id(d.Pos, "distress", d.ID)
		for _, o := range b.Distress[:i] {
			if o.ID == d.ID {
				c.errorf(d.Pos.At("id"), "distress id %q is used twice", d.ID)
			}
		}
		if len(d.Signals) == 0 {
			c.errorf(d.Pos, "%s: signals are missing (phrases per language that show distress)", what)
		}
		d.signals, d.combos, d.unless = phraseSet{}, comboSet{}, phraseSet{}
		compileDistress(c, d.Pos, what, "signals", d.Signals, d.signals.add, d.combos.add)
		compileDistress(c, d.Pos, what, "unless", d.Unless, d.unless.add, nil)
	}
}

// compileDistress compiles phrases per language and reports those that
// cannot work at their line; addCombo nil: " + " is not allowed.
func compileDistress(c *checker, at Pos, what, key string, m map[string][]string, add func([]phraseWord), addCombo func([][]phraseWord)) {
	for _, lang := range sortedKeys(m) {
		if !slices.Contains(CrisisLanguages, lang) {
			c.errorf(at.At(key+"."+lang), "%s: unknown language %q; write one of %s", what, lang, strings.Join(CrisisLanguages, ", "))
		}
		for j, s := range m[lang] {
			var parts [][]phraseWord
			msg := ""
			for _, part := range strings.Split(s, " + ") {
				p, m := compilePhrase(part, nil)
				if m != "" {
					msg = m
					break
				}
				parts = append(parts, p)
			}
			if msg == "" && len(parts) > 1 && addCombo == nil {
				msg = `may not combine parts with " + " here`
			}
			if msg != "" {
				c.errorf(at.At(fmt.Sprintf("%s.%s[%d]", key, lang, j)), "%s: phrase %q %s", what, s, msg)
				continue
			}
			if len(parts) > 1 {
				addCombo(parts)
			} else {
				add(parts[0])
			}
		}
	}
}
