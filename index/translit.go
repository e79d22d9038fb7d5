package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// People write Dortmund's place names in their own script: "Нордштадт",
// "Хёрде", "هورده". Instead of asking staff to list every spelling, a place
// word in Cyrillic or Arabic letters is transliterated and both it and the
// German names are reduced to a key of how they sound, which is compared.
// Arabic script leaves out most vowels, so there only the consonants count.

var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'є': "e", 'ё': "o", 'ж': "s",
	'з': "s", 'и': "i", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "c", 'ш': "s",
	'щ': "s", 'ъ': "", 'ы': "i", 'ь': "", 'э': "e", 'ю': "u", 'я': "a",
}

var arabicLatin = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ب': "b", 'پ': "p", 'ت': "t", 'ث': "s", 'ج': "g", 'چ': "c",
	'ح': "h", 'خ': "h", 'د': "d", 'ذ': "s", 'ر': "r", 'ز': "s", 'ژ': "s", 'س': "s", 'ش': "s", 'ص': "s",
	'ض': "d", 'ط': "t", 'ظ': "s", 'ع': "", 'غ': "g", 'ف': "f", 'ڤ': "f", 'ق': "k", 'ك': "k", 'ک': "k",
	'گ': "g", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'ة': "a", 'و': "u", 'ي': "i", 'ی': "i", 'ى': "a",
	'ء': "", 'ئ': "i", 'ؤ': "u",
}

// German spellings of sounds, in the order they are replaced. "ey" and
// "ay" sound as "ei" ("Hacheney", "Хахеней"); "oe" in a name is a long o
// ("Oespel", "Оспель").
var soundPairs = []string{
	"tsch", "c", "sch", "s", "ch", "h", "ck", "k", "tz", "c", "ts", "c", "z", "c", "dt", "t", "th", "t",
	"ph", "f", "w", "f", "v", "f", "ie", "i", "ei", "ai", "ey", "ai", "ay", "ai", "eu", "oi", "äu", "oi",
	"oe", "o", "y", "i", "j", "i", "qu", "kf", "x", "ks", "ä", "e", "ö", "o", "ü", "u", "ß", "s", "é", "e",
}

var soundKey = strings.NewReplacer(soundPairs...)

// soundKeyShin reads a German "ch" as Arabic script often writes it, with
// ش ("Brechten" as "بريشتن", "Kirchhörde" as "کیرشهورده").
var soundKeyShin = func() *strings.Replacer {
	pairs := slices.Clone(soundPairs)
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i] == "ch" {
			pairs[i+1] = "s"
		}
	}
	return strings.NewReplacer(pairs...)
}()

// script tells the script of a word: 'L'atin, 'C'yrillic or 'A'rabic.
func script(word string) byte {
	for _, r := range word {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return 'C'
		case unicode.Is(unicode.Arabic, r):
			return 'A'
		}
	}
	return 'L'
}

// placeKeys returns the keys of a word: how it sounds in Latin letters, with
// doubled letters single. A Cyrillic "г" is g in Russian and h in Ukrainian,
// so such a word has more keys ("Беннінггофен": g after н, h elsewhere).
// For Arabic script, and for German names compared with it, use consonants.
func placeKeys(word string) []string {
	word = strings.ToLower(word)
	var variants []string
	switch script(word) {
	case 'C':
		variants = []string{translit(word, cyrillicLatin, 0)}
		if strings.ContainsRune(word, 'г') {
			variants = append(variants, translit(word, cyrillicLatin, 'г'))
			if g := ukrainianG.Replace(word); g != word {
				variants = append(variants, translit(g, cyrillicLatin, 'г'))
			}
		}
		// A first Э or Е may be the German Ö of "Oespel", "Oestrich".
		if rest, ok := strings.CutPrefix(word, "э"); ok {
			variants = append(variants, translit("о"+rest, cyrillicLatin, 0))
		} else if rest, ok := strings.CutPrefix(word, "е"); ok {
			variants = append(variants, translit("о"+rest, cyrillicLatin, 0))
		}
	case 'A':
		variants = arabicVariants(word)
	default:
		variants = []string{word}
	}
	for i, v := range variants {
		variants[i] = single(soundKey.Replace(v))
	}
	return variants
}

// ukrainianG marks the г that Ukrainian writes for a German g, not h: after
// н, before г, р and л ("Беннінггофен", "Гросголтгаузен", "Берггофен").
var ukrainianG = strings.NewReplacer("нг", "нґ", "гг", "ґг", "гр", "ґр", "гл", "ґл")

// arabicVariants writes an Arabic-script word in Latin letters, as it is
// and without what Arabic and Farsi join to a name: "in", "to", "and" and
// the article before it ("بهورده", "الهورده": in Hörde, the Hörde), the
// Farsi ezafe after it ("هوردهی"). A final ه is mostly the vowel e
// ("هورده", Hörde).
func arabicVariants(word string) []string {
	forms := []string{word}
	for _, p := range arabicProclitics {
		if rest, ok := strings.CutPrefix(word, p); ok && utf8.RuneCountInString(rest) >= 4 {
			forms = append(forms, rest)
			break
		}
	}
	// و before a vowel letter is the w of a name ("اوینگ", Eving;
	// "ويكده", Wickede), not the vowel of "اونجا" (there).
	for _, f := range forms {
		if w := arabicW.Replace(f); w != f {
			forms = append(forms, w)
			break
		}
	}
	for _, f := range forms {
		if rest, ok := strings.CutSuffix(strings.TrimSuffix(f, "\u200c"), "ی"); ok && utf8.RuneCountInString(rest) >= 4 {
			forms = append(forms, strings.TrimSuffix(rest, "\u200c"))
		}
	}
	out := make([]string, len(forms))
	for i, f := range forms {
		out[i] = translit(strings.TrimSuffix(f, "ه"), arabicLatin, 0)
	}
	return out
}

// arabicW writes و before a vowel letter as ف, how Arabic script writes a w.
var arabicW = strings.NewReplacer("وا", "فا", "وی", "فی", "وي", "في", "وآ", "فآ")

// arabicProclitics are the letters Arabic joins to a following name, longest first.
var arabicProclitics = []string{"وبال", "فبال", "بال", "وال", "فال", "كال", "لل", "ال", "وب", "ول", "فب", "ب", "ل", "و"}

// translit writes a word in Latin letters; the rune h is written "h".
func translit(word string, table map[rune]string, h rune) string {
	var b strings.Builder
	for _, r := range word {
		switch s, ok := table[r]; {
		case r == h:
			b.WriteByte('h')
		case ok:
			b.WriteString(s)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// single makes doubled letters single: "hukkarde" → "hukarde".
func single(s string) string {
	var b strings.Builder
	var last rune
	for i, r := range s {
		if i == 0 || r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// consonants keeps the consonants of a key, with p read as b (Arabic has no p).
func consonants(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch r {
		case 'a', 'e', 'i', 'o', 'u':
		case 'p':
			b.WriteByte('b')
		default:
			b.WriteRune(r)
		}
	}
	return single(b.String())
}

// cyrillicGerman writes Cyrillic the way a German word would be spelt, so
// that a German official term written in Cyrillic letters ("Сениоренбюро",
// "Грундзихерунг") is read as the German word it is.
var cyrillicGerman = map[rune]string{
	'а': "a", 'б': "b", 'в': "w", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'є': "je", 'ё': "ö", 'ж': "sch",
	'з': "s", 'и': "i", 'і': "i", 'ї': "ji", 'й': "j", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "ch", 'ц': "z", 'ч': "tsch", 'ш': "sch",
	'щ': "schtsch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "ü", 'я': "ja",
}

// germanSpelling replaces each Cyrillic word of a text by its German
// spelling; other words stay as they are, so word positions do not change.
func germanSpelling(text string) string {
	var b strings.Builder
	for _, r := range text {
		lower := unicode.ToLower(r)
		if s, ok := cyrillicGerman[lower]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Latin letters as Ukrainians and Russians write their language in chat
// ("de otrymaty zhytlo", "pomoshch s kvartiroi"), longest spelling first.
var (
	latinUkrainian = strings.NewReplacer("shch", "щ", "zh", "ж", "kh", "х", "ch", "ч", "sh", "ш", "ts", "ц",
		"ya", "я", "yu", "ю", "ye", "є", "yi", "ї", "ia", "я", "iu", "ю", "ie", "є",
		"a", "а", "b", "б", "v", "в", "h", "г", "g", "г", "d", "д", "e", "е", "z", "з", "y", "и", "i", "і",
		"j", "й", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "t", "т",
		"u", "у", "f", "ф", "c", "ц", "w", "в", "x", "кс", "q", "к")
	latinRussian = strings.NewReplacer("shch", "щ", "sch", "щ", "zh", "ж", "kh", "х", "ch", "ч", "sh", "ш", "ts", "ц",
		"ya", "я", "yu", "ю", "yo", "ё", "ia", "я", "iu", "ю",
		"ay", "ай", "oy", "ой", "ey", "ей", "uy", "уй", "iy", "ий", "yy", "ый",
		"a", "а", "b", "б", "v", "в", "h", "х", "g", "г", "d", "д", "e", "е", "z", "з", "y", "ы", "i", "и",
		"j", "й", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "t", "т",
		"u", "у", "f", "ф", "c", "ц", "w", "в", "x", "кс", "q", "к")
	// Bulgarian chat writes щ as sht, ъ as a, u or y ("kade", "kyde"), й
	// as y or j after a vowel, я as ya, ia or q.
	latinBulgarian = strings.NewReplacer("sht", "щ", "zh", "ж", "ch", "ч", "sh", "ш", "ts", "ц",
		"ya", "я", "yu", "ю", "ia", "я", "iu", "ю",
		"ay", "ай", "oy", "ой", "ey", "ей", "uy", "уй", "iy", "ий",
		"a", "а", "b", "б", "v", "в", "h", "х", "g", "г", "d", "д", "e", "е", "z", "з", "y", "ъ", "i", "и",
		"j", "й", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "t", "т",
		"u", "у", "f", "ф", "c", "ц", "w", "в", "x", "кс", "q", "я")
)

// latinToCyrillic writes a Ukrainian, Russian or Bulgarian question typed
// in Latin letters in Cyrillic, so that it meets the translated texts. Only words in
// lower case are rewritten: a capital marks a German term or a name
// ("Dortmund-Pass", "Sozialamt"), which stays as written. Each word stays one
// word, so positions still line up with the other readings of the question.
func latinToCyrillic(text, lang string) string {
	r := latinUkrainian
	switch lang {
	case "ru":
		r = latinRussian
	case "bg":
		r = latinBulgarian
	}
	return mapWords(text, func(w string) string {
		for _, c := range w {
			if c < 'a' || c > 'z' {
				return w
			}
		}
		return r.Replace(w)
	})
}

// mapWords applies f to every run of letters of text and keeps the rest.
func mapWords(text string, f func(string) string) string {
	var b strings.Builder
	start := -1
	for i, c := range text {
		if unicode.IsLetter(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			b.WriteString(f(text[start:i]))
			start = -1
		}
		b.WriteRune(c)
	}
	if start >= 0 {
		b.WriteString(f(text[start:]))
	}
	return b.String()
}
