package bot

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Telegram's HTML parse mode, as far as the bot needs it: checking a message,
// counting its length the way Telegram does, and splitting a long message so
// that no part is longer than the limit and no tag is cut.

// MaxMessageLen is the most characters one Telegram text message may show,
// counted in UTF-16 code units after the HTML is parsed.
const MaxMessageLen = 4096

// esc escapes data for Telegram HTML. Every piece of data from the knowledge
// base or from a user goes through it.
func esc(s string) string { return html.EscapeString(s) }

type atomKind int

const (
	atomText  atomKind = iota // one character
	atomOpen                  // <b>, <a href="…">
	atomClose                 // </b>
)

// atom is one indivisible piece of a Telegram HTML text.
type atom struct {
	kind  atomKind
	raw   string // as written, e.g. "&amp;" or "<b>"
	text  string // what it shows (text atoms)
	name  string // tag name (tags)
	width int    // UTF-16 code units it shows as
}

// allowedTags are the tags Telegram's HTML parse mode knows.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "span": true, "tg-spoiler": true,
	"a": true, "code": true, "pre": true, "blockquote": true, "tg-emoji": true,
}

// parseHTML splits a Telegram HTML text into atoms, and reports what
// Telegram would reject: unknown tags, unbalanced tags, a bare "<", ">"
// or "&", unknown named entities, invalid UTF-8.
func parseHTML(s string) ([]atom, error) {
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("text is not valid UTF-8")
	}
	var atoms []atom
	var stack []string
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return nil, fmt.Errorf("byte %d: unclosed tag", i)
			}
			raw := s[i : i+end+1]
			a, err := parseTag(raw)
			if err != nil {
				return nil, fmt.Errorf("byte %d: %w", i, err)
			}
			if a.kind == atomOpen {
				stack = append(stack, a.name)
			} else {
				if len(stack) == 0 || stack[len(stack)-1] != a.name {
					return nil, fmt.Errorf("byte %d: %s does not close the open tag", i, raw)
				}
				stack = stack[:len(stack)-1]
			}
			atoms = append(atoms, a)
			i += len(raw)
		case '>':
			return nil, fmt.Errorf("byte %d: bare \">\" must be written &gt;", i)
		case '&':
			end := strings.IndexByte(s[i:], ';')
			if end < 0 || end > 10 {
				return nil, fmt.Errorf("byte %d: bare \"&\" must be written &amp;", i)
			}
			raw := s[i : i+end+1]
			text, err := entity(raw)
			if err != nil {
				return nil, fmt.Errorf("byte %d: %w", i, err)
			}
			atoms = append(atoms, atom{kind: atomText, raw: raw, text: text, width: utf16Len(text)})
			i += len(raw)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			atoms = append(atoms, atom{kind: atomText, raw: s[i : i+n], text: s[i : i+n], width: utf16.RuneLen(r)})
			i += n
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("tag <%s> is never closed", stack[len(stack)-1])
	}
	return atoms, nil
}

func parseTag(raw string) (atom, error) {
	inner := raw[1 : len(raw)-1]
	if strings.HasPrefix(inner, "/") {
		name := strings.TrimSpace(inner[1:])
		if !allowedTags[name] {
			return atom{}, fmt.Errorf("unknown tag %s", raw)
		}
		return atom{kind: atomClose, raw: raw, name: name}, nil
	}
	name, attrs, _ := strings.Cut(inner, " ")
	if !allowedTags[name] {
		return atom{}, fmt.Errorf("unknown tag %s", raw)
	}
	if strings.ContainsAny(attrs, "<&") && !validAttr(attrs) {
		return atom{}, fmt.Errorf("invalid attribute in %s", raw)
	}
	if name == "a" && !strings.HasPrefix(strings.TrimSpace(attrs), `href="`) {
		return atom{}, fmt.Errorf("link without href: %s", raw)
	}
	if strings.Count(attrs, `"`)%2 != 0 {
		return atom{}, fmt.Errorf("unbalanced quotes in %s", raw)
	}
	return atom{kind: atomOpen, raw: raw, name: name}, nil
}

// validAttr reports whether the "&" in attribute values start entities.
func validAttr(attrs string) bool {
	if strings.Contains(attrs, "<") {
		return false
	}
	for i := 0; i < len(attrs); i++ {
		if attrs[i] != '&' {
			continue
		}
		end := strings.IndexByte(attrs[i:], ';')
		if end < 0 {
			return false
		}
		if _, err := entity(attrs[i : i+end+1]); err != nil {
			return false
		}
	}
	return true
}

// entity decodes the HTML entities Telegram supports: &lt; &gt; &amp;
// &quot; and numeric ones.
func entity(raw string) (string, error) {
	switch raw {
	case "&lt;":
		return "<", nil
	case "&gt;":
		return ">", nil
	case "&amp;":
		return "&", nil
	case "&quot;":
		return `"`, nil
	}
	if strings.HasPrefix(raw, "&#") {
		num := raw[2 : len(raw)-1]
		base := 10
		if strings.HasPrefix(num, "x") || strings.HasPrefix(num, "X") {
			num, base = num[1:], 16
		}
		n, err := strconv.ParseUint(num, base, 32)
		if err == nil && n > 0 && utf8.ValidRune(rune(n)) {
			return string(rune(n)), nil
		}
	}
	return "", fmt.Errorf("unsupported entity %s (Telegram knows &lt; &gt; &amp; &quot; and numeric ones)", raw)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// checkMessage reports whether Telegram would accept text as an HTML
// message: valid markup, not empty, at most MaxMessageLen characters.
func checkMessage(text string) error {
	atoms, err := parseHTML(text)
	if err != nil {
		return err
	}
	n := 0
	visible := false
	for _, a := range atoms {
		n += a.width
		if a.kind == atomText && strings.TrimSpace(a.text) != "" {
			visible = true
		}
	}
	switch {
	case !visible:
		return fmt.Errorf("message is empty")
	case n > MaxMessageLen:
		return fmt.Errorf("message has %d characters, more than %d", n, MaxMessageLen)
	}
	return nil
}

// textLen is the length Telegram counts for an HTML text; -1 if it is invalid.
func textLen(s string) int {
	atoms, err := parseHTML(s)
	if err != nil {
		return -1
	}
	n := 0
	for _, a := range atoms {
		n += a.width
	}
	return n
}

// plainText is what an HTML text shows, without markup; for sending it
// again without parse mode when Telegram refused the HTML.
func plainText(s string) string {
	atoms, err := parseHTML(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, a := range atoms {
		b.WriteString(a.text)
	}
	return b.String()
}

// splitMessage cuts an HTML text into parts of at most limit characters.
// It cuts at a paragraph break if it can, else at a line break, else
// between words, else between characters; it never cuts a tag or an entity,
// and closes the tags that are open at a cut and opens them again in the
// next part. Invalid HTML is sent as escaped plain text.
func splitMessage(s string, limit int) []string {
	atoms, err := parseHTML(s)
	if err != nil {
		atoms, _ = parseHTML(esc(s))
	}
	var parts []string
	var open []atom // tags open at the start of the current part
	start := 0
	for start < len(atoms) {
		end, next, stack := cut(atoms, start, open, limit)
		var b strings.Builder
		for _, a := range open {
			b.WriteString(a.raw)
		}
		for _, a := range atoms[start:end] {
			b.WriteString(a.raw)
		}
		for i := len(stack) - 1; i >= 0; i-- {
			b.WriteString("</" + stack[i].name + ">")
		}
		if part := trimHTML(b.String()); hasText(part) {
			parts = append(parts, part)
		}
		start, open = next, stack
	}
	return parts
}

// cut finds where the part that starts at atoms[start] must end: atoms
// [start:end] go into it, the next part starts at next, and stack are the
// tags open at end. A paragraph or line break is preferred to a space only
// if it leaves the part at least half full, so that a heading does not end
// up alone in a message.
func cut(atoms []atom, start int, open []atom, limit int) (end, next int, stack []atom) {
	type point struct {
		at, width int
		stack     []atom
		ok        bool
	}
	var para, line, space point
	stack = append([]atom{}, open...)
	width := 0
	for i := start; i < len(atoms); i++ {
		a := atoms[i]
		if a.kind == atomText && width+a.width > limit && i > start {
			best := point{at: i, stack: stack}
			switch {
			case para.ok && para.width >= limit/2:
				best = para
			case line.ok && line.width >= limit/2:
				best = line
			case space.ok:
				best = space
			case para.ok:
				best = para
			case line.ok:
				best = line
			}
			next = best.at
			for next < len(atoms) && atoms[next].kind == atomText && isSpace(atoms[next].text) {
				next++
			}
			return best.at, next, best.stack
		}
		if a.kind == atomText && i > start {
			snapshot := func() point { return point{at: i, width: width, stack: append([]atom{}, stack...), ok: true} }
			switch {
			case a.text == "\n" && i+1 < len(atoms) && atoms[i+1].text == "\n":
				para = snapshot()
			case a.text == "\n":
				line = snapshot()
			case a.text == " ":
				space = snapshot()
			}
		}
		switch a.kind {
		case atomOpen:
			stack = append(stack, a)
		case atomClose:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
		width += a.width
	}
	return len(atoms), len(atoms), stack
}

func isSpace(s string) bool { return s == " " || s == "\n" || s == "\t" }

// trimHTML removes blank lines and spaces at both ends of a part.
func trimHTML(s string) string { return strings.Trim(s, " \n\t") }

// hasText reports whether an HTML text shows anything but blanks.
func hasText(s string) bool { return strings.TrimSpace(plainText(s)) != "" }
