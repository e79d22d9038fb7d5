package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

func TestCheckMessage(t *testing.T) {
	ok := []string{
		"plain",
		"<b>bold</b> &amp; &lt;x&gt; &quot;q&quot; &#39;s &#x1F600;",
		`<a href="https://x.de/?a=1&amp;b=2">link</a>`,
		"<b><i>nested</i></b>",
		strings.Repeat("ä", MaxMessageLen),
		strings.Repeat("😀", MaxMessageLen/2), // two UTF-16 units each
	}
	for _, s := range ok {
		if err := checkMessage(s); err != nil {
			t.Errorf("checkMessage(%.40q): %v", s, err)
		}
	}
	bad := []string{
		"",
		"  \n ",
		"<b></b>",
		"a < b",
		"a > b",
		"Tom & Jerry",
		"&nbsp;",
		"<b>open",
		"<b><i>crossed</b></i>",
		"</b>",
		"<div>x</div>",
		"<a>no href</a>",
		"\xff",
		strings.Repeat("a", MaxMessageLen+1),
		strings.Repeat("😀", MaxMessageLen/2+1),
	}
	for _, s := range bad {
		if err := checkMessage(s); err == nil {
			t.Errorf("checkMessage(%.40q) = nil, want an error", s)
		}
	}
}

func TestTextLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"abc", 3},
		{"<b>abc</b>", 3},
		{"&amp;&lt;", 2},
		{"äöü", 3},
		{"😀", 2},
		{`<a href="https://example.org/long/path">x</a>`, 1},
		{"a < b", -1},
	}
	for _, tc := range tests {
		if got := textLen(tc.in); got != tc.want {
			t.Errorf("textLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// checkParts checks that parts are valid Telegram messages, both by our own
// rules and by the fake Bot API's parser, and that together they show the
// whole text.
func checkParts(t *testing.T, name, in string, parts []string, limit int) {
	t.Helper()
	var shown strings.Builder
	for i, p := range parts {
		if err := checkMessage(p); err != nil {
			t.Errorf("%s: part %d: %v", name, i, err)
		}
		plain, err := telegramtest.ParseHTML(p)
		if err != nil {
			t.Errorf("%s: part %d: fake Bot API: %v", name, i, err)
		}
		if n := telegramtest.UTF16Len(plain); n > limit {
			t.Errorf("%s: part %d has %d characters, limit %d", name, i, n, limit)
		}
		shown.WriteString(plain)
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if want := strip(plainText(in)); strip(shown.String()) != want {
		t.Errorf("%s: parts do not show the whole text", name)
	}
}

func TestSplitMessage(t *testing.T) {
	para := func(n int, word string) string { return strings.TrimSpace(strings.Repeat(word+" ", n)) }
	tests := []struct {
		name      string
		in        string
		limit     int
		wantParts int
		first     string // the first part, if given
	}{
		{"short", "<b>Hallo</b>\n\nWelt", 4096, 1, "<b>Hallo</b>\n\nWelt"},
		{"at paragraph", "aaaa bbbb\n\ncccc dddd", 12, 2, "aaaa bbbb"},
		{"at line", "aaaa bbbb\ncccc dddd", 12, 2, "aaaa bbbb"},
		{"at word", "aaaa bbbb cccc dddd", 12, 2, "aaaa bbbb"},
		{"inside a tag reopens it", "<b>aaaa bbbb cccc dddd</b>", 12, 2, "<b>aaaa bbbb</b>"},
		{"link is not cut", `<a href="https://x.de/a?b=1&amp;c=2">aaaa bbbb cccc</a>`, 10, 2, `<a href="https://x.de/a?b=1&amp;c=2">aaaa bbbb</a>`},
		{"entity is not cut", "aaaaaaaaa&amp;bbbb", 10, 2, "aaaaaaaaa&amp;"},
		{"no spaces", strings.Repeat("x", 25), 10, 3, strings.Repeat("x", 10)},
		{"emoji counts two", strings.Repeat("😀", 6), 5, 3, "😀😀"},
		{"blank parts dropped", "aaaa\n\n\n\n\n\nbbbb", 6, 2, "aaaa"},
		{"card", paragraphs("<b>Titel</b>\n"+para(300, "Wort"), "<b>Zweiter</b>\n"+para(300, "Wort"), para(300, "Wort")), 4096, 2, ""},
		{"one huge paragraph", "<b>Titel</b>\n" + para(2000, "Wörter&amp;"), 4096, 4, ""},
	}
	for _, tc := range tests {
		parts := splitMessage(tc.in, tc.limit)
		if len(parts) != tc.wantParts {
			t.Errorf("%s: %d parts, want %d", tc.name, len(parts), tc.wantParts)
			for _, p := range parts {
				t.Logf("  %d characters: %.80q…", textLen(p), p)
			}
			continue
		}
		if tc.first != "" && parts[0] != tc.first {
			t.Errorf("%s: first part %q, want %q", tc.name, parts[0], tc.first)
		}
		checkParts(t, tc.name, tc.in, parts, tc.limit)
	}
}

func TestSplitMessageInvalidHTMLIsEscaped(t *testing.T) {
	parts := splitMessage("a < b & <c>", 4096)
	if len(parts) != 1 || parts[0] != "a &lt; b &amp; &lt;c&gt;" {
		t.Errorf("got %q", parts)
	}
}

func FuzzSplitMessage(f *testing.F) {
	f.Add("<b>Titel</b>\n\nText & mehr", 10)
	f.Add("<i>a b c d e f g</i>", 3)
	f.Add("😀😀😀 x", 1)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 2 || limit > 5000 || !utf8.ValidString(s) {
			return
		}
		in := esc(s)
		if strings.Count(s, " ")%2 == 0 {
			in = "<b>" + in + "</b>"
		}
		parts := splitMessage(in, limit)
		if strings.TrimSpace(s) == "" {
			return
		}
		checkParts(t, "fuzz", in, parts, limit)
	})
}
