package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// allowedTags are the tags Telegram accepts with parse_mode=HTML, with the
// attributes each may carry. A nil attribute set means "no attributes".
var allowedTags = map[string][]string{
	"b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil,
	"s": nil, "strike": nil, "del": nil, "tg-spoiler": nil,
	"span":       {"class"},
	"a":          {"href"},
	"code":       {"class"},
	"pre":        nil,
	"blockquote": {"expandable"},
	"tg-emoji":   {"emoji-id"},
}

// ParseHTML reads text the way Telegram reads a message with
// parse_mode=HTML. It returns the visible text (tags removed, entities
// decoded) or an error naming the first problem and its byte offset, in the
// style of Telegram's "can't parse entities" answers.
func ParseHTML(text string) (string, error) {
	var plain strings.Builder
	var open []string
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+end]
			if strings.HasPrefix(tag, "/") {
				name := strings.ToLower(strings.TrimSpace(tag[1:]))
				if len(open) == 0 {
					return "", fmt.Errorf("unexpected end tag %q at byte offset %d", name, i)
				}
				if top := open[len(open)-1]; top != name {
					return "", fmt.Errorf("can't find end tag corresponding to start tag %q (found %q at byte offset %d)", top, name, i)
				}
				open = open[:len(open)-1]
			} else {
				name, err := checkStartTag(tag)
				if err != nil {
					return "", fmt.Errorf("%v at byte offset %d", err, i)
				}
				open = append(open, name)
			}
			i += end + 1
		case '>':
			return "", fmt.Errorf("unescaped '>' at byte offset %d", i)
		case '&':
			r, n, err := entity(text[i:])
			if err != nil {
				return "", fmt.Errorf("%v at byte offset %d", err, i)
			}
			plain.WriteString(r)
			i += n
		default:
			plain.WriteByte(c)
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag %q", open[len(open)-1])
	}
	return plain.String(), nil
}

// checkStartTag validates the inside of <...> and returns the tag name.
func checkStartTag(tag string) (string, error) {
	if strings.HasSuffix(tag, "/") {
		return "", fmt.Errorf("self-closing tag %q is not supported", tag)
	}
	name, rest, _ := strings.Cut(tag, " ")
	name = strings.ToLower(name)
	allowed, ok := allowedTags[name]
	if !ok {
		return "", fmt.Errorf("unsupported start tag %q", name)
	}
	attrs, err := parseAttrs(rest)
	if err != nil {
		return "", fmt.Errorf("tag %q: %v", name, err)
	}
	for k := range attrs {
		found := false
		for _, a := range allowed {
			found = found || a == k
		}
		if !found {
			return "", fmt.Errorf("unsupported attribute %q in tag %q", k, name)
		}
	}
	switch name {
	case "a":
		if attrs["href"] == "" {
			return "", fmt.Errorf("tag \"a\" without href")
		}
	case "span":
		if attrs["class"] != "tg-spoiler" {
			return "", fmt.Errorf("tag \"span\" needs class=\"tg-spoiler\"")
		}
	case "tg-emoji":
		if attrs["emoji-id"] == "" {
			return "", fmt.Errorf("tag \"tg-emoji\" without emoji-id")
		}
	}
	return name, nil
}

// parseAttrs reads name="value", name='value', name=value and bare names.
func parseAttrs(s string) (map[string]string, error) {
	attrs := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t\n")
		if s == "" {
			return attrs, nil
		}
		n := strings.IndexAny(s, "= \t\n")
		if n < 0 {
			attrs[strings.ToLower(s)] = ""
			return attrs, nil
		}
		name := strings.ToLower(s[:n])
		s = s[n:]
		if s[0] != '=' {
			attrs[name] = ""
			continue
		}
		s = s[1:]
		var value string
		switch {
		case s == "":
			return nil, fmt.Errorf("attribute %q without value", name)
		case s[0] == '"' || s[0] == '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return nil, fmt.Errorf("unclosed quote in attribute %q", name)
			}
			value, s = s[1:1+end], s[2+end:]
		default:
			end := strings.IndexAny(s, " \t\n")
			if end < 0 {
				end = len(s)
			}
			value, s = s[:end], s[end:]
		}
		attrs[name] = value
	}
}

// entity decodes the HTML entity at the start of s. Telegram knows &lt;
// &gt; &amp; &quot; and numeric entities; anything else is an error.
func entity(s string) (string, int, error) {
	end := strings.IndexByte(s, ';')
	if end < 0 || end > 12 {
		return "", 0, fmt.Errorf("unescaped '&'")
	}
	name := s[1:end]
	switch name {
	case "lt":
		return "<", end + 1, nil
	case "gt":
		return ">", end + 1, nil
	case "amp":
		return "&", end + 1, nil
	case "quot":
		return "\"", end + 1, nil
	}
	if strings.HasPrefix(name, "#") {
		num, base := name[1:], 10
		if strings.HasPrefix(num, "x") || strings.HasPrefix(num, "X") {
			num, base = num[1:], 16
		}
		v, err := strconv.ParseUint(num, base, 32)
		if err == nil && utf8.ValidRune(rune(v)) {
			return string(rune(v)), end + 1, nil
		}
	}
	return "", 0, fmt.Errorf("unsupported entity %q (or unescaped '&')", "&"+name+";")
}

// UTF16Len is the length of s in UTF-16 code units, the unit Telegram uses
// for message and caption limits.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
