package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The amount rule: amounts in euros change by law, by index or by the
// city's decision, so every sentence of a topic that names an amount also
// names when it applies: a year ("ab 1. Januar 2026", "Stand 2026",
// "seit 2023", "(2025)"). Where the source shows no date at all, the
// sentence says so ("ohne Datum", "undatiert"; in English "undated", "no
// date"), so that citizens know how far to trust it.

var (
	// euroAmount finds "563 €", "2.000 €", "0,50 €", "100.000 Euro", "15 EUR".
	euroAmount = regexp.MustCompile(`\d[\d.,]*\s?(€|(?i:euro|eur)\b)`)
	// yearOrUndated finds a year, or words saying that the source has no date.
	yearOrUndated = regexp.MustCompile(`(?i)\b(19[9][0-9]|20[0-9][0-9])\b|ohne datum|undatiert|undated|no date`)
	// amountYear is a four-digit number that is itself an amount ("2000 €"), not a year.
	amountYear = regexp.MustCompile(`\b(19|20)[0-9]{2}\s?(€|(?i:euro|eur)\b)`)
)

// undatedAmounts returns the sentences of a text that name an amount in
// euros but no date.
func undatedAmounts(text string) []string {
	var out []string
	for _, s := range sentences(text) {
		if !euroAmount.MatchString(s) {
			continue
		}
		if !yearOrUndated.MatchString(amountYear.ReplaceAllString(s, "")) {
			out = append(out, s)
		}
	}
	return out
}

// sentences splits a text at sentence ends, paragraphs and list items. A
// full stop after a number of up to three digits ("1. Januar", "13. Woche",
// "101. Fahrt") or after a single letter ("z. B.", "e.g.") or a common
// abbreviation does not end a sentence.
func sentences(text string) []string {
	var out []string
	start := 0
	cut := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, strings.Join(strings.Fields(s), " "))
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			rest := strings.TrimLeft(text[i+1:], " \t")
			if strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "• ") {
				cut(i + 1)
			}
		case '.', '!', '?':
			if i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' {
				continue
			}
			if c == '.' && !endsSentence(text[start:i], text[i+1:]) {
				continue
			}
			cut(i + 1)
		}
	}
	cut(len(text))
	return out
}

var abbreviations = map[string]bool{
	"abs": true, "nr": true, "str": true, "ca": true, "bzw": true, "inkl": true, "vgl": true,
	"ggf": true, "evtl": true, "usw": true, "tel": true, "dr": true, "st": true, "mio": true,
	"mrd": true, "ff": true, "gem": true, "max": true, "min": true, "etc": true, "approx": true,
	"no": true, "incl": true, "art": true, "kap": true, "jan": true, "feb": true, "aug": true,
	"sept": true, "okt": true, "nov": true, "dez": true, "v": true, "i": true,
}

// endsSentence reports whether a full stop after before ends the sentence.
func endsSentence(before, after string) bool {
	word := before
	if i := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '.' }); i >= 0 {
		word = before[i+1:]
	}
	if word == "" {
		return true
	}
	digits := strings.TrimLeftFunc(word, unicode.IsDigit) == ""
	if digits && len(word) <= 3 {
		return false // an ordinal: "1. Januar", "101. Fahrt"
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0]) {
		return false // "z. B.", "u. a.", "e.g."
	}
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	// A lower-case word after the full stop continues the sentence.
	next := strings.TrimLeft(after, " \n\t")
	r, _ := utf8.DecodeRuneInString(next)
	return !unicode.IsLower(r)
}
