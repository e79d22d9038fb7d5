package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Arabic and Farsi read right to left. A phone number, an address or a web
// address inside such a text is a run of left-to-right characters; without
// help the reader's bidi algorithm may reorder its parts ("0231 50-0" shown
// as "50-0 0231"). isolateLTR wraps each such run in FSI … PDI (U+2068,
// U+2069), so that it is laid out on its own, left to right and intact.
const (
	fsi = "\u2068"
	pdi = "\u2069"
)

// isolateLTR isolates the left-to-right runs of s: from a Latin letter or a
// digit to the last one before a right-to-left letter or a line break. With
// markup, s is Telegram HTML: tags and entities are kept whole and outside
// the isolates' boundaries.
func isolateLTR(s string, markup bool) string {
	var b strings.Builder
	start, end := -1, -1 // the open run, and the end of its last strong character
	flush := func(at int) {
		if start >= 0 {
			b.WriteString(fsi + s[start:end] + pdi + s[end:at])
			start, end = -1, -1
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u2068':
			// Isolated already (a table text inside a span): kept as it is.
			flush(i)
			j := strings.Index(s[i:], pdi)
			if j < 0 {
				j = len(s) - i - len(pdi)
			}
			b.WriteString(s[i : i+j+len(pdi)])
			i += j + len(pdi)
			continue
		case markup && r == '<':
			flush(i)
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				j = len(s) - i - 1
			}
			b.WriteString(s[i : i+j+1])
			i += j + 1
			continue
		case markup && r == '&':
			// An entity is neutral: inside a run it stays in it.
			if j := strings.IndexByte(s[i:], ';'); j > 0 && j < 10 {
				if start < 0 {
					b.WriteString(s[i : i+j+1])
				}
				i += j + 1
				continue
			}
		}
		switch {
		case r == '\n' || unicode.In(r, unicode.Arabic, unicode.Hebrew):
			flush(i)
			b.WriteString(s[i : i+n])
		case unicode.Is(unicode.Latin, r) || r >= '0' && r <= '9':
			if start < 0 {
				start = i
			}
			end = i + n
		case start < 0:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	flush(len(s))
	return b.String()
}

// isolate applies isolateLTR to every span of an RTL message.
func (m *Message) isolate() {
	for _, p := range m.Paras {
		for _, l := range p {
			for i := range l {
				switch t := strings.TrimSpace(l[i].Text); {
				case l[i].Style == Markup || !hasLTR(t): // table texts were isolated by T
				case !hasRTL(t) && !strings.Contains(t, fsi):
					// All left to right (an address, a German text not yet
					// translated): one isolate, its full stop included.
					l[i].Text = strings.Replace(l[i].Text, t, fsi+t+pdi, 1)
				default:
					l[i].Text = isolateLTR(l[i].Text, false)
				}
			}
		}
	}
}

// hasRTL reports whether s holds a right-to-left letter.
func hasRTL(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew) {
			return true
		}
	}
	return false
}

// hasLTR reports whether s holds a Latin letter or a digit.
func hasLTR(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) || r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
