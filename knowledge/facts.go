package knowledge

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Fact is one checkable detail of a text: a phone number, an amount, a date…
// Two texts carry the same facts when their facts are equal as multisets.
type Fact struct {
	Kind string // phone, e-mail, web address, amount, percentage, date, postcode, address, §, law, number
	// Key is the normalised value that is compared ("02315012345", "2000 €").
	Key string
	// Text is the fact as written.
	Text string
}

// The patterns run in this order; each masks what it matched, so that the
// digits of a phone number are not read again as a number.
var (
	emailFact = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	urlFact   = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s<>"'()\[\]{}«»“”„]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:de|com|org|net|eu|info)\b(?:/[^\s<>"'()\[\]{}«»“”„]*)?`)
	isoDate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	numDate   = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b`)
	// A day, a month name and a year, or a month name and a year, in any of
	// the languages; monthOf decides whether the word is a month.
	dayMonthYear = regexp.MustCompile(`\b(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})\b`)
	monthDayYear = regexp.MustCompile(`(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})\b`)
	monthYear    = regexp.MustCompile(`(\p{L}+)\.?\s+(\d{4})\b`)
	paragraph    = regexp.MustCompile(`§§?\s*(\d+[a-z]?)`)
	lawCode      = regexp.MustCompile(`\bSGB\s+([IVX]+)\b`)
	phoneFact    = regexp.MustCompile(`(?:\+49|\(0\d{2,5}\)|\b0\d{2,5})(?:[ /-]{0,2}\(?\d+\)?)+|\b116\s?\d{3}\b`)
	street       = regexp.MustCompile(`(\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|platz|weg|allee|ring|gasse|damm|wall|markt|ufer|hof|chaussee|pfad|kamp|graben|bruch))\s+(\d+\s?[a-z]?(?:\s?[-–]\s?\d+\s?[a-z]?)?)\b`)
	amountAfter  = regexp.MustCompile(`(?i)(\d[\d.,]*)\s*(?:€|euro|eur\b|евро|євро|avro|یورو|يورو)`)
	amountBefore = regexp.MustCompile(`(?:€|EUR)\s*(\d[\d.,]*)`)
	percent      = regexp.MustCompile(`(?i)(\d[\d.,]*)\s*(?:%|٪|prozent|percent|процент\p{L}*|відсот\p{L}*)|[%٪]\s*(\d[\d.,]*)`)
	clock        = regexp.MustCompile(`\b([01]?\d|2[0-4])[:.]([0-5]\d)\s*Uhr\b|\b([01]?\d|2[0-4]):([0-5]\d)\b`)
	postcode     = regexp.MustCompile(`\b\d{5}\b`)
	number       = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
)

// months are the beginnings of month names in the ten languages, January first,
// with the forms after "in" where the beginning does not cover them (у лютому, w lipcu).
var months = [12][]string{
	{"januar", "jänner", "january", "jan", "ocak", "январ", "січень", "січня", "січн", "stycz", "ianuarie", "януари", "يناير", "ژانویه"},
	{"februar", "february", "feb", "şubat", "феврал", "лютий", "лютого", "лютому", "luty", "lutego", "lutym", "februarie", "февруари", "فبراير", "شباط", "فوریه"},
	{"märz", "march", "mar", "mart", "март", "берез", "marzec", "marca", "marcu", "martie", "مارس", "آذار"},
	{"april", "apr", "nisan", "апрел", "квіт", "kwie", "aprilie", "април", "أبريل", "ابريل", "نيسان", "آوریل"},
	{"mai", "may", "mayıs", "мая", "май", "мае", "трав", "maj", "maja", "maju", "مايو", "أيار", "مه"},
	{"juni", "june", "jun", "haziran", "июнь", "июня", "июне", "черв", "czerw", "iunie", "юни", "يونيو", "حزيران", "ژوئن"},
	{"juli", "july", "jul", "temmuz", "июль", "июля", "июле", "липень", "липня", "липн", "lipiec", "lipca", "lipcu", "iulie", "юли", "يوليو", "تموز", "ژوئیه", "جولای"},
	{"august", "aug", "ağustos", "август", "серп", "sierp", "أغسطس", "آب", "اوت"},
	{"september", "sep", "sept", "eylül", "сентябр", "верес", "wrze", "septembrie", "септември", "سبتمبر", "أيلول", "سپتامبر"},
	{"oktober", "october", "oct", "okt", "ekim", "октябр", "жовт", "paźdz", "octombrie", "октомври", "أكتوبر", "اکتبر"},
	{"november", "nov", "kasım", "ноябр", "листопад", "listopad", "noiembrie", "ноември", "نوفمبر", "نوامبر"},
	{"dezember", "december", "dec", "dez", "aralık", "декабр", "груд", "grud", "decembrie", "декември", "ديسمبر", "دسامبر"},
}

// monthOf returns 1–12 for a month name in any of the languages, or 0.
func monthOf(word string) int {
	w := strings.ToLower(strings.TrimSuffix(word, "."))
	for i, names := range months {
		for _, n := range names {
			// A name of four letters or more is the beginning of a word at
			// most three letters longer ("январ" → "января"); a shorter one
			// ("mai", "jan") must be the whole word.
			if w == n || len([]rune(n)) >= 4 && strings.HasPrefix(w, n) && len([]rune(w))-len([]rune(n)) <= 3 {
				return i + 1
			}
		}
	}
	return 0
}

// ExtractFacts returns the facts of a text in the order found: web
// addresses, e-mails, dates, § references, phone numbers, street addresses,
// amounts, percentages, postcodes and finally all other numbers (a time of
// day counts as its numbers: "9:30 Uhr" and "9.30" are 9 and 30, "9:00" is 9).
// Arabic-Indic and Persian digits count as the digits they are.
func ExtractFacts(text string) []Fact {
	s := []byte(asciiDigits(text))
	var out []Fact
	mask := func(loc []int) {
		for i := loc[0]; i < loc[1]; i++ {
			s[i] = ' ' // byte by byte: the text stays valid UTF-8
		}
	}
	each := func(re *regexp.Regexp, fn func(m []string) (kind, key string, ok bool)) {
		if !mayMatch(re, s) {
			return
		}
		str := string(s)
		for _, loc := range re.FindAllStringSubmatchIndex(str, -1) {
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = str[loc[2*i]:loc[2*i+1]]
				}
			}
			kind, key, ok := fn(m)
			if !ok {
				continue
			}
			out = append(out, Fact{Kind: kind, Key: key, Text: strings.TrimSpace(m[0])})
			mask(loc[:2])
		}
	}
	each(emailFact, func(m []string) (string, string, bool) { return "e-mail", strings.ToLower(m[0]), true })
	each(urlFact, func(m []string) (string, string, bool) {
		u := strings.ToLower(strings.TrimRight(m[0], ".,;:!?"))
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		return "web address", strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/"), true
	})
	each(isoDate, func(m []string) (string, string, bool) { return "date", m[1] + "-" + m[2] + "-" + m[3], true })
	each(numDate, func(m []string) (string, string, bool) {
		return "date", fmt.Sprintf("%s-%02s-%02s", m[3], m[2], m[1]), true
	})
	each(dayMonthYear, func(m []string) (string, string, bool) {
		mo := monthOf(m[2])
		return "date", fmt.Sprintf("%s-%02d-%02s", m[3], mo, m[1]), mo > 0
	})
	each(monthDayYear, func(m []string) (string, string, bool) {
		mo := monthOf(m[1])
		return "date", fmt.Sprintf("%s-%02d-%02s", m[3], mo, m[2]), mo > 0
	})
	each(monthYear, func(m []string) (string, string, bool) {
		mo := monthOf(m[1])
		return "date", fmt.Sprintf("%s-%02d", m[2], mo), mo > 0
	})
	each(paragraph, func(m []string) (string, string, bool) { return "§", "§ " + m[1], true })
	each(lawCode, func(m []string) (string, string, bool) { return "law", "SGB " + m[1], true })
	each(phoneFact, func(m []string) (string, string, bool) {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, strings.Replace(m[0], "+49", "0", 1))
		return "phone", digits, len(digits) >= 6
	})
	each(street, func(m []string) (string, string, bool) {
		name := strings.ToLower(m[1])
		name = strings.Replace(strings.Replace(name, "strasse", "straße", 1), "str.", "straße", 1)
		no := strings.Join(strings.Fields(strings.ReplaceAll(m[2], "–", "-")), "")
		return "address", name + " " + no, true
	})
	each(amountAfter, func(m []string) (string, string, bool) { return "amount", normNumber(m[1]) + " €", true })
	each(amountBefore, func(m []string) (string, string, bool) { return "amount", normNumber(m[1]) + " €", true })
	each(percent, func(m []string) (string, string, bool) { return "percentage", normNumber(m[1]+m[2]) + " %", true })
	each(clock, func(m []string) (string, string, bool) {
		h, min := m[1]+m[3], m[2]+m[4]
		out = append(out, Fact{Kind: "number", Key: normNumber(h), Text: h})
		if min != "00" {
			out = append(out, Fact{Kind: "number", Key: normNumber(min), Text: min})
		}
		return "", "", false
	})
	// The clock's numbers are in; mask the times so the numbers pass skips them.
	if mayMatch(clock, s) {
		for _, loc := range clock.FindAllStringIndex(string(s), -1) {
			mask(loc)
		}
	}
	each(postcode, func(m []string) (string, string, bool) { return "postcode", m[0], true })
	each(number, func(m []string) (string, string, bool) { return "number", normNumber(m[0]), true })
	return out
}

// mayMatch is a quick test of what a pattern cannot match without: most
// texts have no e-mail, no year and few numbers, and the loader extracts
// the facts of every text in ten languages. Each test holds for every
// match of its pattern (\d is an ASCII digit; of the letters a web
// address needs, (?i) folds none to a letter outside ASCII).
func mayMatch(re *regexp.Regexp, s []byte) bool {
	switch re {
	case emailFact:
		return bytes.IndexByte(s, '@') >= 0
	case urlFact:
		return containsAny(bytes.ToLower(s), "://", "www.", ".de", ".com", ".org", ".net", ".eu", ".info")
	case street:
		return digitRun(s) >= 1 && containsAny(s, "straße", "strasse", "str.", "platz", "weg", "allee", "ring", "gasse", "damm", "wall", "markt", "ufer", "hof", "chaussee", "pfad", "kamp", "graben", "bruch")
	case lawCode:
		return bytes.Contains(s, []byte("SGB"))
	case amountBefore:
		return bytes.Contains(s, []byte("€")) || bytes.Contains(s, []byte("EUR"))
	case isoDate, numDate, dayMonthYear, monthDayYear, monthYear:
		return digitRun(s) >= 4 // a year
	case paragraph, phoneFact, amountAfter, percent, clock, postcode, number:
		return digitRun(s) >= 1
	}
	return true
}

func containsAny(s []byte, subs ...string) bool {
	for _, sub := range subs {
		if bytes.Contains(s, []byte(sub)) {
			return true
		}
	}
	return false
}

// digitRun returns the length of the longest run of ASCII digits.
func digitRun(s []byte) int {
	longest, n := 0, 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return longest
}

// asciiDigits turns Arabic-Indic and Persian digits into 0–9, and the Arabic
// decimal and thousands separators into "," and ".".
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r == '٫':
			return ','
		case r == '٬':
			return '.'
		}
		return r
	}, s)
}

// normNumber reads 2.000 and 2,000 as two thousand, 47,60 and 47.60 as 47.6:
// a separator followed by exactly three digits groups thousands, any other
// separates the decimals.
func normNumber(s string) string {
	s = strings.TrimRight(s, ".,")
	if s == "" {
		return s
	}
	sep := strings.LastIndexAny(s, ".,")
	intPart, frac := s, ""
	if sep >= 0 && len(s)-sep-1 != 3 {
		intPart, frac = s[:sep], s[sep+1:]
	}
	intPart = strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, intPart)
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		return intPart + "." + frac
	}
	return intPart
}

// CompareFacts compares the facts of a translation with those of the German
// text and says, fact by fact, what the translation lacks or adds. Nil means
// they carry the same facts.
func CompareFacts(german, translation string) []string {
	return compareFacts(ExtractFacts(german), translation)
}

// compareFacts is CompareFacts with the German text's facts extracted once,
// as the loader compares each German text with up to nine translations.
func compareFacts(want []Fact, translation string) []string {
	got := ExtractFacts(translation)
	count := map[string]int{}
	for _, f := range want {
		count[f.Kind+"\x00"+f.Key]++
	}
	var extra []Fact
	for _, f := range got {
		k := f.Kind + "\x00" + f.Key
		if count[k] > 0 {
			count[k]--
			continue
		}
		extra = append(extra, f)
	}
	var msgs []string
	for _, f := range want {
		k := f.Kind + "\x00" + f.Key
		if count[k] > 0 {
			count[k]--
			msgs = append(msgs, fmt.Sprintf("%s %q of the German text is missing", f.Kind, f.Text))
		}
	}
	for _, f := range extra {
		msgs = append(msgs, fmt.Sprintf("%s %q is not in the German text", f.Kind, f.Text))
	}
	sort.Strings(msgs)
	return msgs
}

// germanFacts returns the facts of a German text, extracted once per load.
func germanFacts(cache map[*Text][]Fact, t *Text) []Fact {
	facts, ok := cache[t]
	if !ok {
		facts = ExtractFacts(t.DE)
		cache[t] = facts
	}
	return facts
}

// checkEnglishFacts applies the fact check to the inline English texts. It
// warns rather than refuses, as English is written beside the German by the
// same staff and older knowledge folders must still load.
func (b *Base) checkEnglishFacts(german map[*Text][]Fact) Problems {
	c := &checker{}
	for _, r := range b.TranslatableTexts() {
		if strings.TrimSpace(r.Text.EN) == "" {
			continue
		}
		for _, msg := range compareFacts(germanFacts(german, r.Text), r.Text.EN) {
			c.warnf(r.ENPos, "%s (en): %s", r.Of, msg)
		}
	}
	return c.ps
}
