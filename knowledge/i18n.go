package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// TranslationDir is the sub-folder of a knowledge folder that holds one
// translation file per language: i18n/tr.yaml, i18n/ar.yaml, …
const TranslationDir = "i18n"

// TranslationLanguages are the languages translated in TranslationDir, in the
// order lists show them. German is the original; English stays inline (en:).
var TranslationLanguages = []string{"tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa"}

// IsTranslationLanguage reports whether lang has a translation file.
func IsTranslationLanguage(lang string) bool {
	for _, l := range TranslationLanguages {
		if l == lang {
			return true
		}
	}
	return false
}

// TranslationState says how a text in one language relates to the German.
type TranslationState int

const (
	// TranslationMissing: there is no text in the language; Lookup returns German.
	TranslationMissing TranslationState = iota
	// TranslationCurrent: translated from the German text as it is now.
	TranslationCurrent
	// TranslationStale: translated from an older German text. Lookup returns
	// the translation; the German text says what is true now.
	TranslationStale
)

func (s TranslationState) String() string {
	switch s {
	case TranslationCurrent:
		return "current"
	case TranslationStale:
		return "stale"
	}
	return "missing"
}

// Translation is one text translated into one language, as written in a
// translation file.
type Translation struct {
	// Of names the translated text: "topic/grundsicherung/summary",
	// "office/seniorenbuero-eving/hours_note", "category/geld/title".
	Of string `yaml:"of"`
	// From is the Fingerprint of the German text the translation was made from.
	From string `yaml:"from"`
	// Text is the translation; empty means not translated yet.
	Text string `yaml:"text"`

	Lang  string `yaml:"-"`
	Pos   Pos    `yaml:"-"`
	stale bool
	// withheld: stale, and its facts differ from the German text as it is
	// now (a changed amount or phone number), so the German text is shown.
	withheld bool
}

// SearchWords are the words people use for a topic or an office in one
// language: the index reads them beside the translated titles.
type SearchWords struct {
	// Of is "topic/<id>" or "office/<id>".
	Of        string   `yaml:"of"`
	Phrasings []string `yaml:"phrasings,omitempty"`
	Keywords  []string `yaml:"keywords,omitempty"`

	Pos Pos `yaml:"-"`
}

// TranslationFile is one language's file, i18n/<lang>.yaml; a language may
// be split over several files (i18n/tr-sgb12.yaml …), which load as one.
type TranslationFile struct {
	Texts  []Translation `yaml:"texts"`
	Search []SearchWords `yaml:"search"`
	// Elsewhere are the language's words for services of other offices, as
	// Base.Elsewhere in German and English: a question about them is
	// declined, however many of its other words our topics know.
	Elsewhere []string `yaml:"elsewhere,omitempty"`

	// Lang comes from the file name; File is the language's first file.
	Lang string `yaml:"-"`
	File string `yaml:"-"`

	// search finds an entry of Search by its "of".
	search map[string]int
}

// translated holds a text's translations by language. Text points to it, so
// that Text stays a small comparable value and callers that copy it keep the
// translations.
type translated struct{ by map[string]*Translation }

// Lookup returns the text in lang and whether that is a current translation,
// a stale one (made from an older German text) or missing, in which case the
// German text is returned. German is always current; English is current when
// the en: text is given (it has no fingerprint).
func (t Text) Lookup(lang string) (string, TranslationState) {
	switch lang {
	case "de":
		return t.DE, TranslationCurrent
	case "en":
		if strings.TrimSpace(t.EN) != "" {
			return t.EN, TranslationCurrent
		}
		return t.DE, TranslationMissing
	}
	if t.tr != nil {
		if tr := t.tr.by[lang]; tr != nil && !tr.withheld {
			if tr.stale {
				return tr.Text, TranslationStale
			}
			return tr.Text, TranslationCurrent
		}
	}
	return t.DE, TranslationMissing
}

// Fingerprint is the version of a German text that a translation records in
// "from": the first 8 hex digits of the SHA-256 of the text with its white
// space collapsed (so re-wrapping a paragraph does not make translations
// stale) in Unicode NFC.
func Fingerprint(german string) string {
	s := norm.NFC.String(strings.Join(strings.Fields(german), " "))
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// TextRef is one translatable text of a knowledge base and its address.
type TextRef struct {
	Of   string // e.g. "topic/grundsicherung/summary"
	Text *Text
	// Pos is where the German text stands, ENPos the English one (or the
	// German if there is none).
	Pos, ENPos Pos
}

// TranslatableTexts returns every text that can be translated, in the order
// of the knowledge files: categories, topics, offices. Texts without German
// are left out.
func (b *Base) TranslatableTexts() []TextRef {
	var out []TextRef
	add := func(of string, t *Text, p Pos, field string) {
		if strings.TrimSpace(t.DE) != "" {
			out = append(out, TextRef{Of: of + "/" + field, Text: t, Pos: p.At(field + ".de"), ENPos: p.At(field + ".en")})
		}
	}
	for i := range b.Categories {
		c := &b.Categories[i]
		add("category/"+c.ID, &c.Title, c.Pos, "title")
	}
	for i := range b.Topics {
		t := &b.Topics[i]
		of := "topic/" + t.ID
		add(of, &t.Title, t.Pos, "title")
		add(of, &t.Summary, t.Pos, "summary")
		for _, f := range []struct {
			key string
			t   *Text
		}{{"who", &t.Who}, {"what", &t.What}, {"how", &t.How}, {"bring", &t.Bring}, {"costs", &t.Costs}, {"deadlines", &t.Deadlines}, {"legal", &t.Legal}, {"unknown", &t.Unknown}} {
			add(of, f.t, t.Pos, f.key)
		}
		for j := range t.Links {
			add(of, &t.Links[j].Title, t.Pos, fmt.Sprintf("links[%d].title", j))
		}
	}
	for i := range b.Offices {
		o := &b.Offices[i]
		of := "office/" + o.ID
		add(of, &o.Name, o.Pos, "name")
		if o.Address != nil {
			add(of, &o.Address.Note, o.Pos, "address.note")
		}
		add(of, &o.HoursNote, o.Pos, "hours_note")
		add(of, &o.Unknown, o.Pos, "unknown")
	}
	// Someone in danger reads the crisis help first: it is translated too.
	for i := range b.Helplines {
		l := &b.Helplines[i]
		of := "crisis-line/" + l.ID
		add(of, &l.Name, l.Pos, "name")
		add(of, &l.Hours, l.Pos, "hours")
		add(of, &l.Note, l.Pos, "note")
	}
	for i := range b.Crises {
		c := &b.Crises[i]
		of := "crisis/" + c.ID
		add(of, &c.Title, c.Pos, "title")
		add(of, &c.Message, c.Pos, "message")
	}
	return out
}

// SearchWordsOf returns the words for a topic ("topic/<id>") or an office
// ("office/<id>") in lang, or nil.
func (b *Base) SearchWordsOf(lang, of string) *SearchWords {
	f := b.Translations[lang]
	if f == nil {
		return nil
	}
	if i, ok := f.search[of]; ok {
		return &f.Search[i]
	}
	return nil
}

var (
	fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{8}$`)
	translationFile    = regexp.MustCompile(`^([a-z]{2})(-[a-z0-9-]+)?\.ya?ml$`)
)

func init() {
	schemaTypes["TranslationFile"] = reflect.TypeOf(TranslationFile{})
	schemaTypes["Translation"] = reflect.TypeOf(Translation{})
	schemaTypes["SearchWords"] = reflect.TypeOf(SearchWords{})
}

// loadTranslations checks the facts of the English texts, reads
// the translation files (TranslationDir), checks each entry and attaches the
// translations to the texts of b. It runs after b.index, so that ids resolve.
func (b *Base) loadTranslations(raw []rawFile) Problems {
	b.Translations = map[string]*TranslationFile{}
	// The German texts' facts, extracted once for English and every language.
	german := map[*Text][]Fact{}
	ps := b.checkEnglishFacts(german)
	var files []*TranslationFile
	for _, rf := range raw {
		name := rf.name
		m := translationFile.FindStringSubmatch(path.Base(name))
		if m == nil || !IsTranslationLanguage(m[1]) {
			ps = append(ps, Problem{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: fmt.Sprintf("a translation file is named after its language: one of %s, e.g. tr.yaml (or tr-sgb12.yaml to split a language into several files)", strings.Join(TranslationLanguages, ", "))})
			continue
		}
		f, fps := parseTranslationFile(name, rf.data)
		ps = append(ps, fps...)
		// Several files of one language (tr.yaml, tr-sgb12.yaml) are one.
		if all := b.Translations[m[1]]; all != nil {
			all.Texts = append(all.Texts, f.Texts...)
			all.Search = append(all.Search, f.Search...)
			all.Elsewhere = append(all.Elsewhere, f.Elsewhere...)
			continue
		}
		f.Lang, f.File = m[1], name
		b.Translations[f.Lang] = f
		files = append(files, f)
	}
	refs := map[string]*Text{}
	for _, r := range b.TranslatableTexts() {
		refs[r.Of] = r.Text
	}
	for _, f := range files {
		ps = append(ps, b.attach(f, refs, german)...)
	}
	return ps
}

// attach checks one language's entries and hangs its translations on the texts.
func (b *Base) attach(f *TranslationFile, refs map[string]*Text, german map[*Text][]Fact) Problems {
	c := &checker{}
	seen := map[string]Pos{}
	for i := range f.Texts {
		tr := &f.Texts[i]
		tr.Lang = f.Lang
		if tr.Of == "" {
			c.errorf(tr.Pos, "translation without \"of\" (which text it translates, e.g. topic/grundsicherung/summary)")
			continue
		}
		if first, ok := seen[tr.Of]; ok {
			c.errorf(tr.Pos.At("of"), "%s is translated twice (first at %s)", tr.Of, first)
			continue
		}
		seen[tr.Of] = tr.Pos.At("of")
		target := refs[tr.Of]
		if target == nil {
			c.errorf(tr.Pos.At("of"), "%s: %s", tr.Of, b.whyNoText(tr.Of))
			continue
		}
		if strings.TrimSpace(tr.Text) == "" {
			continue // not translated yet: the German text is shown
		}
		switch {
		case tr.From == "":
			c.errorf(tr.Pos.At("text"), "%s: \"from\" is missing: the version of the German text this was translated from (%s for the German text as it is now)", tr.Of, Fingerprint(target.DE))
			continue
		case !fingerprintPattern.MatchString(tr.From):
			c.errorf(tr.Pos.At("from"), "%s: from %q must be 8 hex digits, as `sozialbot translations` prints them", tr.Of, tr.From)
			continue
		}
		diffs := compareFacts(germanFacts(german, target), tr.Text)
		if now := Fingerprint(target.DE); tr.From != now {
			// A German text changed by staff must not block the knowledge
			// base; but a translation whose facts no longer match is not
			// shown: the German text is, until the translation is redone.
			tr.stale = true
			if tr.withheld = len(diffs) > 0; tr.withheld {
				c.warnf(tr.Pos.At("from"), "%s (%s): German text changed since this translation (from %s, German now %s), and its facts differ now (%s): the bot shows the German text until it is translated again", tr.Of, f.Lang, tr.From, now, diffs[0])
			} else {
				c.warnf(tr.Pos.At("from"), "%s (%s): German text changed since this translation (from %s, German now %s); please translate it again", tr.Of, f.Lang, tr.From, now)
			}
		} else {
			for _, msg := range diffs {
				c.errorf(tr.Pos.At("text"), "%s (%s): %s", tr.Of, f.Lang, msg)
			}
		}
		if target.tr == nil {
			target.tr = &translated{by: map[string]*Translation{}}
		}
		target.tr.by[f.Lang] = tr
	}
	seen = map[string]Pos{}
	f.search = make(map[string]int, len(f.Search))
	for i, s := range f.Search {
		if _, ok := f.search[s.Of]; !ok {
			f.search[s.Of] = i
		}
		kind, id, _ := strings.Cut(s.Of, "/")
		switch {
		case s.Of == "":
			c.errorf(s.Pos, "search words without \"of\" (topic/<id> or office/<id>)")
		case kind == "topic" && b.topics[id] == nil, kind == "office" && b.offices[id] == nil:
			c.errorf(s.Pos.At("of"), "%s: there is no %s %q", s.Of, kind, id)
		case kind != "topic" && kind != "office":
			c.errorf(s.Pos.At("of"), "%s: search words belong to a topic (topic/<id>) or an office (office/<id>)", s.Of)
		}
		if first, ok := seen[s.Of]; ok && s.Of != "" {
			c.errorf(s.Pos.At("of"), "%s has search words twice (first at %s); put them in one entry", s.Of, first)
		}
		seen[s.Of] = s.Pos.At("of")
		for j, w := range append(append([]string{}, s.Phrasings...), s.Keywords...) {
			if strings.TrimSpace(w) == "" {
				c.errorf(s.Pos, "%s: empty word (entry %d)", s.Of, j+1)
			}
		}
	}
	return c.ps
}

// whyNoText explains an "of" that names no text.
func (b *Base) whyNoText(of string) string {
	parts := strings.SplitN(of, "/", 3)
	if len(parts) != 3 {
		return "\"of\" must be written as kind/id/field, e.g. topic/grundsicherung/summary"
	}
	switch kind, id := parts[0], parts[1]; {
	case kind == "topic" && b.topics[id] == nil:
		return fmt.Sprintf("there is no topic %q", id)
	case kind == "office" && b.offices[id] == nil:
		return fmt.Sprintf("there is no office %q", id)
	case kind == "crisis-line" && b.lines[id] == nil:
		return fmt.Sprintf("there is no crisis line %q", id)
	case kind == "crisis" && b.crises[id] == nil:
		return fmt.Sprintf("there is no crisis %q", id)
	case kind != "topic" && kind != "office" && kind != "category" && kind != "crisis-line" && kind != "crisis":
		return "the text belongs to a category, topic, office, crisis line or crisis: category/<id>/title, topic/<id>/<field>, office/<id>/<field>, crisis-line/<id>/<field>, crisis/<id>/<field>"
	}
	return fmt.Sprintf("no German text %q there (fields: title, summary, who, what, how, bring, costs, deadlines, legal, unknown, links[N].title; offices: name, address.note, hours_note, unknown; crisis lines: name, hours, note; crises: title, message)", parts[2])
}

// parseTranslationFile decodes one translation file as strictly as parseFile
// decodes a knowledge file.
func parseTranslationFile(name string, data []byte) (*TranslationFile, Problems) {
	f := &TranslationFile{}
	root, ps, ok := decodeStrict(name, data, f, "translation", `a translation file holds the lists "texts:", "search:" and "elsewhere:"`)
	switch {
	case !ok:
		return &TranslationFile{}, ps
	case root == nil:
		return f, nil // an empty file: nothing translated yet
	}
	eachEntry(name, root, func(list string, j int, p Pos) {
		switch list {
		case "texts":
			setPos(f.Texts, j, p, func(t *Translation) *Pos { return &t.Pos })
		case "search":
			setPos(f.Search, j, p, func(s *SearchWords) *Pos { return &s.Pos })
		}
	})
	return f, ps
}

// TranslationStatus is how far one language is.
type TranslationStatus struct {
	Lang    string
	Total   int // translatable texts
	Current int
	// Stale are the translations made from an older German text: to redo.
	Stale []Translation
	// Missing are the texts not translated yet.
	Missing []TextRef
}

// TranslationStatuses returns the state of every language in
// TranslationLanguages, in that order.
func (b *Base) TranslationStatuses() []TranslationStatus {
	refs := b.TranslatableTexts()
	out := make([]TranslationStatus, 0, len(TranslationLanguages))
	for _, lang := range TranslationLanguages {
		s := TranslationStatus{Lang: lang, Total: len(refs)}
		for _, r := range refs {
			if r.Text.tr != nil && r.Text.tr.by[lang] != nil && r.Text.tr.by[lang].withheld {
				s.Stale = append(s.Stale, *r.Text.tr.by[lang])
				continue
			}
			switch _, st := r.Text.Lookup(lang); st {
			case TranslationCurrent:
				s.Current++
			case TranslationStale:
				s.Stale = append(s.Stale, *r.Text.tr.by[lang])
			default:
				s.Missing = append(s.Missing, r)
			}
		}
		sort.SliceStable(s.Stale, func(i, j int) bool { return s.Stale[i].Pos.Line < s.Stale[j].Pos.Line })
		out = append(out, s)
	}
	return out
}
