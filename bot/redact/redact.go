// Package redact removes what could identify a person from a message: the
// one masker of the bot, used before a declined question reaches any
// recorder, and again by the insights store before anything is written.
package redact

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/index"
)

// Placeholders that stand in for what Question removes.
const (
	MaskEmail  = "[E-Mail]"
	MaskLink   = "[Link]"
	MaskIBAN   = "[IBAN]"
	MaskDate   = "[Datum]"
	MaskPhone  = "[Telefon]"
	MaskName   = "[Name]"
	MaskNumber = "[Zahl]"
)

// The rules run in this order: each one sees the text the earlier ones
// left, so an e-mail address is gone before its digits could look like a
// phone number. After them, every digit that is left is masked, in any script.
var maskRules = []struct {
	re *regexp.Regexp
	// mask returns what replaces a match; a match it returns unchanged is
	// left to the later rules.
	mask func(match string) string
}{
	{regexp.MustCompile(`[\p{L}\p{N}._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}\-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\p{L}\p{N}\-]+)+`), always(MaskEmail)},
	// What is left of an address that was cut or mistyped.
	{regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@\S*`), always(MaskEmail)},
	{regexp.MustCompile(`(?i)\b(?:https?://|www\.|t\.me/)\S*`), always(MaskLink)},
	{regexp.MustCompile(`(?i)\b[a-z]{2}\s?\p{Nd}{2}(?:\s?[a-z\p{Nd}]{4}){2,7}(?:\s?[a-z\p{Nd}]{1,4})?`), ifDigits(10, MaskIBAN)},
	{regexp.MustCompile(`\p{Nd}{4}-\p{Nd}{1,2}-\p{Nd}{1,2}|\p{Nd}{1,2}[./]\p{Nd}{1,2}[./](?:\p{Nd}{2,4})?`), always(MaskDate)},
	{regexp.MustCompile(`(?:\+|\b0)[\p{Nd} ()/.\-]{4,}\p{Nd}`), ifDigits(6, MaskPhone)},
	{regexp.MustCompile(`@\w+`), always(MaskName)},
}

// nameRule masks the name after "mein Name ist" and the like. It runs after
// the digits are masked, so that "123Ich heiße" is "[Zahl]Ich heiße".
var nameRule = regexp.MustCompile(`(?i)\b(?:ich heiße|ich heisse|mein name ist|my name is|i am called)\s+\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)?`)

// nameIntro is the introduction before a name, which stays.
var nameIntro = regexp.MustCompile(`(?i)^(?:ich heiße|ich heisse|mein name ist|my name is|i am called)\s+`)

func always(with string) func(string) string { return func(string) string { return with } }

// ifDigits masks a match only when it holds at least n digits.
func ifDigits(n int, with string) func(string) string {
	return func(m string) string {
		count := 0
		for _, r := range m {
			if unicode.IsDigit(r) {
				count++
			}
		}
		if count < n {
			return m
		}
		return with
	}
}

// Question removes what could identify a person from a question before it is
// stored: e-mail addresses, links, IBANs, dates, phone numbers, @names and
// names after "mein Name ist", and then every digit that is left, so that no
// customer number, file number, postcode or Telegram id survives. It also
// removes control and invisible formatting characters, joins white space and
// cuts the text to index.MaxQuestionRunes. The result holds no digit at all. Mask
// is safe for concurrent use.
func Question(s string) string {
	s = strings.ToValidUTF8(s, " ")
	if utf8.RuneCountInString(s) > 2*index.MaxQuestionRunes { // bound the work; the rest would be cut anyway
		s = string([]rune(s)[:2*index.MaxQuestionRunes])
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) { // zero-width characters could split a number
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	for _, rule := range maskRules {
		s = rule.re.ReplaceAllStringFunc(s, rule.mask)
	}
	s = maskDigitRuns(s)
	s = nameRule.ReplaceAllStringFunc(s, func(m string) string { return nameIntro.FindString(m) + MaskName })
	if utf8.RuneCountInString(s) > index.MaxQuestionRunes {
		s = string([]rune(s)[:index.MaxQuestionRunes])
	}
	return strings.TrimSpace(s)
}

// isDigitLike is true for digits in any script and for other number
// characters such as ² or Ⅻ.
func isDigitLike(r rune) bool {
	return unicode.IsDigit(r) || unicode.Is(unicode.No, r) || unicode.Is(unicode.Nl, r)
}

// maskDigitRuns replaces every run of digits, in any script (Arabic-Indic,
// full-width ...), by MaskNumber.
func maskDigitRuns(s string) string {
	if strings.IndexFunc(s, isDigitLike) < 0 {
		return s
	}
	var b strings.Builder
	inRun := false
	for _, r := range s {
		if isDigitLike(r) {
			if !inRun {
				b.WriteString(MaskNumber)
			}
			inRun = true
			continue
		}
		inRun = false
		b.WriteRune(r)
	}
	return b.String()
}
