package answer

import (
	"html"
	"strings"
)

// A Message is what the bot says first about a decision, in a form that is
// neither Telegram HTML nor plain text: the bot renders it with HTML, the
// command line with Plain. Paragraphs are separated by a blank line, the
// lines of a paragraph by a line break.
type Message struct {
	Paras   []Para
	Buttons [][]Button
	// Pins are the offices to show on the map afterwards (only those with
	// sourced coordinates).
	Pins []Pin
}

// Para is a paragraph: lines shown one below the other.
type Para []Line

// Line is a line of spans.
type Line []Span

// Style says how a span reads.
type Style uint8

const (
	Plain  Style = iota // data, escaped in HTML
	Bold                // a heading or a label
	Italic              // source and review date, side notes
	Markup              // a text of the table: trusted HTML, stripped for plain text
)

// Span is a piece of text; with URL it is a link.
type Span struct {
	Text  string
	Style Style
	URL   string
}

// Pin is an office on the map.
type Pin struct {
	Title, Address string
	Lat, Lon       float64
}

// Do is what a button does. The bot turns it into callback data of ids, so
// that buttons keep working after a restart.
type Do byte

const (
	DoTopic    Do = iota + 1 // show a topic: ID
	DoOffice                 // show an office: ID
	DoAspect                 // a part of a topic: ID topic, Arg aspect
	DoWhere                  // where and when: ID topic
	DoDistrict               // a Stadtbezirk was chosen: ID district, Arg topic (may be empty)
	DoMenu                   // the list of categories
	DoFeedback               // 👍/👎: ID topic or office, Arg "u" or "d"
	DoURL                    // opens URL
	DoGerman                 // the German text of an answer: ID topic or office, Arg aspect (may be empty)
)

// Button is one button under a message.
type Button struct {
	Text    string
	Do      Do
	ID, Arg string
	URL     string
}

// Helpers that build spans and lines.
func text(s string) Span       { return Span{Text: s} }
func bold(s string) Span       { return Span{Text: s, Style: Bold} }
func italic(s string) Span     { return Span{Text: s, Style: Italic} }
func markup(s string) Span     { return Span{Text: s, Style: Markup} }
func link(url, s string) Span  { return Span{Text: s, URL: url} }
func line(spans ...Span) Line  { return Line(spans) }
func para(lines ...Line) Para  { return Para(lines) }
func textPara(s string) Para   { return para(line(text(strings.TrimSpace(s)))) }
func markupPara(s string) Para { return para(line(markup(s))) }

// add appends the paragraphs that hold any text.
func (m *Message) add(ps ...Para) {
	for _, p := range ps {
		if !p.empty() {
			m.Paras = append(m.Paras, p)
		}
	}
}

func (p Para) empty() bool {
	for _, l := range p {
		for _, s := range l {
			if strings.TrimSpace(s.Text) != "" {
				return false
			}
		}
	}
	return true
}

// row adds a row of buttons; buttons without text are left out.
func (m *Message) row(bs ...Button) {
	var row []Button
	for _, b := range bs {
		if b.Text != "" {
			row = append(row, b)
		}
	}
	if len(row) > 0 {
		m.Buttons = append(m.Buttons, row)
	}
}

// grid adds buttons, perRow in a row.
func (m *Message) grid(perRow int, bs []Button) {
	for i := 0; i < len(bs); i += perRow {
		m.row(bs[i:min(i+perRow, len(bs))]...)
	}
}

// HTML renders the message as Telegram HTML, every piece of data escaped.
func (m Message) HTML() string { return m.render(spanHTML) }

// Plain renders the message as plain text without markup, as a person
// reads it in Telegram.
func (m Message) Plain() string { return m.render(spanPlain) }

func (m Message) render(span func(Span) string) string {
	paras := make([]string, 0, len(m.Paras))
	for _, p := range m.Paras {
		lines := make([]string, 0, len(p))
		for _, l := range p {
			var b strings.Builder
			for _, s := range l {
				b.WriteString(span(s))
			}
			if t := strings.TrimSpace(b.String()); t != "" {
				lines = append(lines, t)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// Esc escapes text for Telegram HTML.
func Esc(s string) string { return html.EscapeString(s) }

func spanHTML(s Span) string {
	t := s.Text
	if s.Style != Markup {
		t = Esc(t)
	}
	if s.URL != "" {
		t = `<a href="` + Esc(s.URL) + `">` + t + `</a>`
	}
	switch s.Style {
	case Bold:
		return "<b>" + t + "</b>"
	case Italic:
		return "<i>" + t + "</i>"
	}
	return t
}

func spanPlain(s Span) string {
	if s.Style == Markup {
		return StripHTML(s.Text)
	}
	return s.Text
}

// StripHTML turns a text of the table (Telegram HTML) into plain text.
func StripHTML(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
