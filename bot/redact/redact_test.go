package redact

import (
	"github.com/sozialamt-dortmund/sozialbot/index"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestQuestion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Wo beantrage ich Grundsicherung?", "Wo beantrage ich Grundsicherung?"},
		{"Meine Nummer ist 0231 50-12345, ruft mich an", "Meine Nummer ist [Telefon], ruft mich an"},
		{"Tel. +49 (231) 123 456 7", "Tel. [Telefon]"},
		{"Handy 0176/12345678", "Handy [Telefon]"},
		{"schreibt an max.mustermann@web.de bitte", "schreibt an [E-Mail] bitte"},
		{"max (at) example (dot) org", "[E-Mail]"},
		{"IBAN DE89 3704 0044 0532 0130 00 Geld", "IBAN [IBAN] Geld"},
		{"iban de89370400440532013000", "iban [IBAN]"},
		{"Termin am 24.11.2026 um 9 Uhr", "Termin am [Datum] um [Zahl] Uhr"},
		{"geboren 1950-03-07", "geboren [Datum]"},
		{"seit dem 1.3. krank", "seit dem [Datum] krank"},
		{"Aktenzeichen 50/123/4567-89", "Aktenzeichen [Zahl]/[Zahl]/[Zahl]-[Zahl]"},
		{"Kundennummer 987654321", "Kundennummer [Zahl]"},
		{"ich wohne in 44137", "ich wohne in [Zahl]"},
		{"Hartz 4 Antrag", "Hartz [Zahl] Antrag"},
		{"ich bin zu 70 Prozent behindert", "ich bin zu [Zahl] Prozent behindert"},
		{"von 12 - 14 Uhr offen?", "von [Zahl] - [Zahl] Uhr offen?"},
		{"Arabic digits ٠١٢٣٤٥٦٧٨٩ here", "Arabic digits [Zahl] here"},
		{"full-width １２３４５６", "full-width [Zahl]"},
		{"1\u200b2\u200b3\u200b4\u200b5", "[Zahl] [Zahl] [Zahl] [Zahl] [Zahl]"},
		{"frag @max_mustermann", "frag [Name]"},
		{"Mein Name ist Erika Musterfrau und ich brauche Hilfe", "Mein Name ist [Name] und ich brauche Hilfe"},
		{"ich heiße Ali, wo ist das Amt", "ich heiße [Name], wo ist das Amt"},
		{"siehe https://example.org/a?id=123 bitte", "siehe [Link] bitte"},
		{"Zeile\nzwei\tdrei", "Zeile zwei drei"},
		{"bad \xff utf8", "bad utf[Zahl]"},
		{"x²", "x[Zahl]"},
	}
	for _, tt := range tests {
		if got := Question(tt.in); got != tt.want {
			t.Errorf("Question(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

var (
	emailLike  = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+\.[\p{L}]{2,}`)
	mentionish = regexp.MustCompile(`@\w`)
)

// leaks says what a stored text must never hold.
func leaks(s string) string {
	switch {
	case strings.IndexFunc(s, unicode.IsDigit) >= 0:
		return "a digit"
	case emailLike.MatchString(s):
		return "an e-mail address"
	case mentionish.MatchString(s):
		return "an @name"
	case !utf8.ValidString(s):
		return "invalid UTF-8"
	case utf8.RuneCountInString(s) > index.MaxQuestionRunes:
		return "more than index.MaxQuestionRunes"
	}
	return ""
}

func FuzzQuestion(f *testing.F) {
	for _, s := range []string{
		"0231 50-12345", "a@b.de", "DE89 3704 0044 0532 0130 00", "24.11.2026", "@name",
		"٠١٢٣٤٥", "1\u200b2\u200b3", "x@y.z@w.de", "a1@b2.c3d", "Mein Name ist A B", strings.Repeat("9", 400),
		"ab12 cdef ghij klmn", "+", "00", "(at)(dot)", "1.2.", "٣@٤.de",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Question(s)
		if what := leaks(got); what != "" {
			t.Fatalf("Question(%q) = %q holds %s", s, got, what)
		}
		if again := Question(got); again != got {
			t.Fatalf("Question is not stable: Question(%q) = %q, Mask of that = %q", s, got, again)
		}
	})
}
