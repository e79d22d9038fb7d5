package answer

import (
	"strings"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// translationNote adds, under an answer in a translated language, one line
// when a text it shows is translated from an older German text (with a
// button that shows the German answer), or when a text is not translated
// yet and is shown in German.
func translationNote(m *Message, d Decision) {
	if d.Lang == "de" || d.Lang == LangOther || d.Lang == "" {
		return
	}
	stale, missing := false, false
	for _, t := range shownTexts(d) {
		if strings.TrimSpace(t.DE) == "" {
			continue
		}
		switch _, st := t.Lookup(d.Lang); st {
		case knowledge.TranslationStale:
			stale = true
		case knowledge.TranslationMissing:
			missing = true
		}
	}
	switch {
	case stale:
		m.add(markupPara(T(d.Lang, MsgStaleTranslation)))
		b := Button{Text: T(d.Lang, BtnShowGerman), Do: DoGerman}
		switch {
		case d.Topic != nil:
			b.ID, b.Arg = d.Topic.ID, string(d.Aspect)
		case d.Office != nil:
			b.ID = d.Office.ID
		}
		if b.ID != "" {
			m.row(b)
		}
	case missing:
		m.add(markupPara(T(d.Lang, MsgMissingTranslation)))
	}
}

// shownTexts are the knowledge texts the first message of d shows.
func shownTexts(d Decision) []knowledge.Text {
	var out []knowledge.Text
	// An office's card shows its notes in full, a contact in an answer
	// only the short ones (as fitCard and ContactLines do).
	office := func(o *knowledge.Office, full bool) {
		out = append(out, o.Name)
		if full || utf8.RuneCountInString(strings.TrimSpace(o.HoursNote.DE)) <= 60 {
			out = append(out, o.HoursNote)
		}
		if full || o.Address == nil {
			out = append(out, o.Unknown)
		}
		if full && o.Address != nil {
			out = append(out, o.Address.Note)
		}
	}
	switch d.Kind {
	case KindAnswer, KindReferral, KindCrisis:
	default:
		return nil
	}
	if d.Crisis != nil {
		out = append(out, d.Crisis.Message)
		for _, l := range d.Lines {
			out = append(out, l.Name, l.Hours, l.Note)
		}
	}
	if t := d.Topic; t != nil {
		out = append(out, t.Title)
		switch sec, ok := section(t, d.Aspect); {
		case d.Kind == KindCrisis:
		case d.Aspect == AspectNone:
			out = append(out, t.Summary)
		case ok:
			out = append(out, sec.Text)
		case d.Aspect != AspectWhere:
			out = append(out, t.Unknown)
		}
	}
	if d.Office != nil {
		office(d.Office, true)
	}
	for i, f := range d.Fits[:min(2, len(d.Fits))] {
		office(f.Office, d.Aspect == AspectWhere && i == 0)
	}
	return out
}

// otherLanguageMessage is the fixed reply, in German and English, to a
// message in a language the bot does not speak: the lokal willkommen
// offices with the languages they advise in, the city's Integreat app and
// the Hilfetelefon with its interpreters, all as the knowledge base has them.
func otherLanguageMessage(m *Message, kb *knowledge.Base) {
	m.add(para(line(markup(T("de", MsgOtherLanguage))), line(markup(T("en", MsgOtherLanguage)))))
	if t := kb.Topic(otherLanguageTopic); t != nil {
		for _, o := range kb.OfficesOf(t) {
			if len(o.Languages) == 0 {
				continue
			}
			names := make([]string, len(o.Languages))
			for i, l := range o.Languages {
				names[i] = languageName(l)
			}
			p := Para{line(bold(o.Name.DE)), line(text(strings.Join(names, " · ")))}
			if len(o.Phone) > 0 {
				p = append(p, line(markup(T("de", LblPhone)+" / "+T("en", LblPhone)+": "), text(strings.Join(o.Phone, ", "))))
			}
			if o.Address != nil {
				p = append(p, line(text(o.Address.String())))
			}
			m.add(p)
		}
	}
	if t := kb.Topic(appTopic); t != nil {
		// The titles name the app as the stores list it; its links are
		// German news, no help to this reader.
		m.add(Para{line(bold(t.Title.DE)), line(text(t.Title.In("en")))})
	}
	for i := range kb.Helplines {
		if l := &kb.Helplines[i]; l.ID == interpreterLine {
			p := Para{line(bold(l.Name.DE + ": " + strings.Join(l.Phone, ", ")))}
			p = append(p, line(text(strings.TrimSpace(l.Note.DE))), line(text(strings.TrimSpace(l.Note.In("en")))))
			m.add(p)
		}
	}
	m.add(para(line(markup(T("de", MsgOtherLanguageEnd))), line(markup(T("en", MsgOtherLanguageEnd)))))
	m.row(Button{Text: T("de", BtnAllTopics) + " / " + T("en", BtnAllTopics), Do: DoMenu})
}

// The knowledge the reply to another language reads: the topic whose offices
// advise in several languages, the city's app for newcomers, and the crisis
// line with interpreters.
const (
	otherLanguageTopic = "lokal-willkommen"
	appTopic           = "integreat"
	interpreterLine    = "hilfetelefon-gewalt-gegen-frauen"
)

// languageName names a language of an office (ISO 639-1 code) in itself,
// so that a reader finds their own language; an unknown code stays a code.
func languageName(code string) string {
	if n, ok := otherLangNames[code]; ok {
		return n
	}
	return LangName(code)
}

var otherLangNames = map[string]string{
	"fr": "Français", "es": "Español", "it": "Italiano", "ku": "Kurdî", "ckb": "کوردی", "ti": "ትግርኛ",
	"so": "Soomaali", "sq": "Shqip", "vi": "Tiếng Việt", "prs": "دری", "ps": "پښتو", "am": "አማርኛ",
	"hr": "Hrvatski", "sr": "Srpski", "bs": "Bosanski", "hu": "Magyar", "el": "Ελληνικά", "ur": "اردو",
}
