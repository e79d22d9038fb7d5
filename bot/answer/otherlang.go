package answer

import (
	"strings"
	"unicode"
)

// OtherLanguage reports whether a message is written in a language the bot
// does not speak (Langs): a script it does not read (Ge'ez for Tigrinya and
// Amharic, Chinese, Thai …), letters only such a language uses (Vietnamese
// ơ ư đ and its stacked accents, the Sorani Kurdish letters ڕ ڵ ێ ۆ ە), or
// the frequent words of Kurmancî, Somali or Albanian. German terms
// inside the message ("Sozialamt", "Dortmund-Pass") change nothing: they
// are names here, not the message's language. Dari is not another
// language here: it is written Persian, its readers read the Farsi
// answers, so a Dari message is answered in Farsi (index.DetectLanguage
// reads it as "fa").
func OtherLanguage(text string) bool {
	var letters, foreignScript, vietnamese, sorani, kurmanciLetters int
	words := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\u200c'
	}) {
		for _, r := range w {
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			switch {
			case unicode.In(r, unicode.Ethiopic, unicode.Han, unicode.Hangul, unicode.Thai, unicode.Devanagari,
				unicode.Bengali, unicode.Tamil, unicode.Hebrew, unicode.Armenian, unicode.Georgian, unicode.Greek,
				unicode.Khmer, unicode.Lao, unicode.Myanmar, unicode.Sinhala, unicode.Gujarati, unicode.Gurmukhi,
				unicode.Hiragana, unicode.Katakana, unicode.Tibetan):
				foreignScript++
			case r == 'ơ' || r == 'ư' || r == 'đ' || r >= 0x1EA0 && r <= 0x1EF9:
				vietnamese++
			case r == 'ڕ' || r == 'ڵ' || r == 'ێ' || r == 'ۆ' || r == 'ە':
				sorani++
			case r == 'ê' || r == 'î' || r == 'û':
				kurmanciLetters++
			}
		}
		for lang, set := range otherWords {
			if set[w] {
				words[lang]++
			}
		}
	}
	switch {
	case letters == 0:
		return false
	case foreignScript*3 >= letters:
		// Mostly a script the bot does not read, whatever Latin names it holds.
		return true
	case vietnamese >= 2, sorani >= 1:
		return true
	case words["kmr"] >= 2 && kurmanciLetters > 0, words["kmr"] >= 3:
		return true
	case words["so"] >= 2, words["sq"] >= 2, words["vi"] >= 2:
		return true
	}
	return false
}

// otherWords are frequent words of languages the bot does not speak that
// the languages it speaks do not use (so "ku", "ma", "ne" are left out).
var otherWords = map[string]map[string]bool{
	"kmr": set(strings.Fields(`ez em hûn tune heye hebe dixwazim dixwazî alîkarî alîkariya çawa kengî
		penaber îşev razêm razim dijîm dijî silav spas xanî xaniyê pereyê jiyanê derê dayika bavê min jî
		çi kî ji bo ye û li`)),
	"so": set(strings.Fields(`waxaan ahay yaa siinaya lacagta haysto caawa xaggee ayaan karaa hooyaday waa
		buu yahay caawimaad jirtaa sidee baan helaa iyo qaxooti guri aad`)),
	"sq": set(strings.Fields(`jam kush më jep për nuk kam shtëpi mund të fle sonte nëna ime është eshte
		dhe saj shumë shume vogël ndihmë ndihme marr djalin tim refugjat ku`)),
	// Vietnamese written without its accents.
	"vi": set(strings.Fields(`toi giup khong duoc nguoi tien xin chao cam`)),
}
