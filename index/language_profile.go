package index

import (
	"io/fs"
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Two kinds of evidence learned from the words of the translations
// (language_words.txt) at the first detection, for the messages that hold
// no telling word:
//
//   - a letter-trigram profile of Russian, Ukrainian and Bulgarian, so that
//     "пенсия малка" or "Elterngeld молба" is read by how its words are
//     spelled, not sent to Russian for want of a known word;
//   - a Latin-letter key of every Cyrillic word, so that "pensiya malka" or
//     "dopomoga na zhytlo" (Cyrillic languages typed in Latin letters, with
//     any of the usual spellings) finds its words.

var cyrillicLangs = [...]string{"ru", "uk", "bg"}

type langProfiles struct {
	tri   [len(cyrillicLangs)]map[string]float64 // trigram → log probability
	floor [len(cyrillicLangs)]float64            // log probability of an unseen trigram
	latin map[string][]string                    // Latin key → the Cyrillic languages with such a word
}

var (
	profilesOnce sync.Once
	profiles     langProfiles
)

func loadProfiles() *langProfiles {
	profilesOnce.Do(func() {
		// The hand-made lists' words are short function words ("что",
		// "къде"); the translations' words are kept from four letters.
		words := [len(cyrillicLangs)][]string{}
		short := map[string]bool{}
		for i, l := range cyrillicLangs {
			for w := range languageWords[l] {
				words[i] = append(words[i], w)
				short[w] = true
			}
		}
		// Keys that German, English, Turkish, Polish or Romanian words
		// also have stay out.
		common := map[string]bool{}
		for _, list := range [][]string{fillerWords, greetingWords} {
			for _, w := range list {
				common[latinKey(w)] = true
			}
		}
		// The words of the German and English texts too ("Kita", "men"):
		// a word of theirs is no Slavic word typed in Latin letters.
		for w := range germanEnglishWords().words {
			common[latinKey(w)] = true
		}
		for _, l := range []string{"de", "en", "tr", "pl", "ro"} {
			for w := range languageWords[l] {
				common[latinKey(w)] = true
			}
		}
		for _, line := range strings.Split(languageWordsFile, "\n") {
			lang, rest, _ := strings.Cut(line, " ")
			for _, w := range strings.Fields(rest) {
				if script(w) == 'L' && (lang == "tr" || lang == "pl" || lang == "ro") {
					common[latinKey(w)] = true
				}
			}
			for i, l := range cyrillicLangs {
				if l == lang {
					words[i] = append(words[i], strings.Fields(rest)...)
				}
			}
		}
		profiles.latin = map[string][]string{}
		for i, l := range cyrillicLangs {
			for _, w := range words[i] {
				if script(w) != 'C' {
					continue
				}
				k := cyrillicKey(w, l)
				if n := utf8Len(k); n < 3 || n < 4 && !short[w] || common[k] {
					continue
				}
				if langs := profiles.latin[k]; len(langs) == 0 || langs[len(langs)-1] != l {
					profiles.latin[k] = append(langs, l)
				}
			}
		}
		// The trigrams of the running texts of the built-in translations,
		// smoothed alike over all trigrams any of the three languages has.
		var counts [len(cyrillicLangs)]map[string]float64
		var totals [len(cyrillicLangs)]float64
		all := map[string]bool{}
		for i, l := range cyrillicLangs {
			counts[i] = map[string]float64{}
			data, _ := fs.ReadFile(knowledge.Builtin(), "i18n/"+l+".yaml")
			for _, w := range strings.FieldsFunc(strings.ToLower(string(data)), func(r rune) bool {
				return !unicode.Is(unicode.Cyrillic, r)
			}) {
				forTrigrams(w, func(t string) { counts[i][t]++; totals[i]++; all[t] = true })
			}
		}
		for i := range cyrillicLangs {
			profiles.tri[i], profiles.floor[i] = logProbabilities(counts[i], totals[i], len(all))
		}
	})
	return &profiles
}

// logProbabilities turns trigram counts into log probabilities, smoothed
// alike over the n trigrams that any class has; floor is an unseen one's.
func logProbabilities(counts map[string]float64, total float64, n int) (tri map[string]float64, floor float64) {
	const k = 0.5
	denom := math.Log(total + k*float64(n))
	tri = make(map[string]float64, len(counts))
	for t, c := range counts {
		tri[t] = math.Log(c+k) - denom
	}
	return tri, math.Log(k) - denom
}

// likelihoods are a word's log likelihoods under each class's trigram
// profile, and its number of trigrams.
func likelihoods(w string, tri []map[string]float64, floor []float64) (ll []float64, n int) {
	ll = make([]float64, len(tri))
	forTrigrams(w, func(t string) {
		n++
		for i := range tri {
			if v, ok := tri[i][t]; ok {
				ll[i] += v
			} else {
				ll[i] += floor[i]
			}
		}
	})
	return ll, n
}

// forTrigrams calls f with the letter trigrams of a word, its edges marked.
func forTrigrams(w string, f func(string)) {
	r := []rune(" " + w + " ")
	for i := 0; i+3 <= len(r); i++ {
		f(string(r[i : i+3]))
	}
}

// trigramWeight is the most one Cyrillic word's spelling counts.
const trigramWeight = 0.5

// spellingMargin is how much more spelling evidence Ukrainian or Bulgarian
// needs than Russian to win a tie.
const spellingMargin = 0.2

// cyrillicSpelling scores a Cyrillic word by the trigram profiles: the
// likeliest language gets up to trigramWeight, by its lead over the next.
// Names ("Менгеде") and words all three languages share ("телефон") have
// spellings too, so this only breaks ties between the telling words.
func cyrillicSpelling(word string, score map[string]float64) {
	p := loadProfiles()
	ll, n := likelihoods(word, p.tri[:], p.floor[:])
	best, second := 0, 1
	if ll[1] > ll[0] {
		best, second = 1, 0
	}
	if ll[2] > ll[best] {
		best, second = 2, best
	} else if ll[2] > ll[second] {
		second = 2
	}
	// The lead per trigram, so long and short words weigh alike.
	lead := (ll[best] - ll[second]) / float64(n)
	score[cyrillicLangs[best]] += trigramWeight * min(1, lead/0.5)
}

// latinSlavic scores a Latin word that is a Russian, Ukrainian or Bulgarian
// word typed in Latin letters. Each language that has the word gets
// latinSlavicWeight, as much as a word of its translations ("skilky",
// "chekaty" against Polish "na"); a word of the German or English texts
// ("Gast", Ukrainian "Гаст") has no key (loadProfiles).
func latinSlavic(word string, score map[string]float64) {
	k := latinKey(word)
	langs := loadProfiles().latin[k]
	for _, l := range langs {
		score[l] += latinSlavicWeight
	}
}

const latinSlavicWeight = 0.75

// The Latin key of a Cyrillic word: how people type it in Latin letters,
// reduced so that the usual spellings meet (и, ы, й and y all i; г, х and
// h, kh all h; ж zh, ш sh, ч ch, щ sht in Bulgarian and shch elsewhere).
var cyrillicKeys = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "h", 'д': "d", 'е': "e", 'є': "ie", 'ё': "io", 'ж': "Z",
	'з': "z", 'и': "i", 'і': "i", 'ї': "ii", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "C", 'ш': "S",
	'щ': "SC", 'ъ': "", 'ы': "i", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
}

func cyrillicKey(w, lang string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case lang == "bg" && r == 'щ':
			b.WriteString("St")
		case lang == "bg" && r == 'ъ':
			b.WriteString("a")
		default:
			if s, ok := cyrillicKeys[r]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

var latinKeys = strings.NewReplacer(
	"shch", "SC", "sch", "SC", "zh", "Z", "ch", "C", "sh", "S", "kh", "h", "ts", "c", "tz", "c",
	"g", "h", "y", "i", "j", "i", "w", "v", "q", "ia", "x", "h", "4", "C", "6", "S",
)

func latinKey(w string) string { return latinKeys.Replace(foldLetters(w)) }

// A letter-trigram profile of the words of German and English (the
// knowledge base's texts, as one class) and of Turkish, Polish and Romanian
// (their translations and hand-made lists), all without diacritics, as
// people type them. It reads a Latin word that no list holds ("wymiana",
// "orar", "ariyorum") by how it is spelled.
var latinClasses = [...]string{"deen", "tr", "pl", "ro"}

type latinProfile struct {
	tri   [len(latinClasses)]map[string]float64
	floor [len(latinClasses)]float64
}

var (
	latinProfileOnce sync.Once
	latinProf        latinProfile
)

func loadLatinProfile() *latinProfile {
	latinProfileOnce.Do(func() {
		var words [len(latinClasses)]map[string]bool
		for i := range words {
			words[i] = map[string]bool{}
		}
		for w := range germanEnglishWords().words {
			words[0][w] = true
		}
		for i, l := range latinClasses[1:] {
			for w := range languageWords[l] {
				words[i+1][foldLetters(w)] = true
			}
		}
		for _, line := range strings.Split(languageWordsFile, "\n") {
			lang, rest, _ := strings.Cut(line, " ")
			for i, l := range latinClasses[1:] {
				if l != lang {
					continue
				}
				for _, w := range strings.Fields(rest) {
					if script(w) == 'L' && !words[0][w] {
						words[i+1][w] = true
					}
				}
			}
		}
		all := map[string]bool{}
		var counts [len(latinClasses)]map[string]float64
		var totals [len(latinClasses)]float64
		for i := range latinClasses {
			counts[i] = map[string]float64{}
			for w := range words[i] {
				forTrigrams(w, func(t string) { counts[i][t]++; totals[i]++; all[t] = true })
			}
		}
		for i := range latinClasses {
			latinProf.tri[i], latinProf.floor[i] = logProbabilities(counts[i], totals[i], len(all))
		}
	})
	return &latinProf
}

// latinSpelling scores a lower-case Latin word that no list and no
// translation holds by its trigrams: when Turkish, Polish or Romanian
// spelling leads clearly, also over German and English, that language gets
// up to latinSpellingWeight. A German or English spelling adds nothing:
// German and English are told by their own words.
func latinSpelling(word string, score map[string]float64) {
	w := foldLetters(word)
	if utf8Len(w) < 4 || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) ||
		germanEnglishWords().words[w] || slavicLatin.MatchString(w) {
		return
	}
	p := loadLatinProfile()
	ll, n := likelihoods(w, p.tri[:], p.floor[:])
	best := 0
	for i := range ll {
		if ll[i] > ll[best] {
			best = i
		}
	}
	if best == 0 || len(loadProfiles().latin[latinKey(w)]) > 0 {
		return // German or English, or a Slavic word typed in Latin letters
	}
	second := math.Inf(-1)
	for i := range ll {
		if i != best {
			second = max(second, ll[i])
		}
	}
	lead := (ll[best] - second) / float64(n)
	if lead < minLatinLead {
		return
	}
	score[latinClasses[best]] += latinSpellingWeight * min(1, lead/fullLatinLead)
}

// latinSpellingWeight is the most one Latin word's spelling counts, by its
// lead per trigram up to fullLatinLead, and maxLatinSpelling the most all
// words of a message count together: as much as one word of a language's
// vocabulary. Turkish and Polish words stand far from German and English
// ("yakininda", "wymiana": a lead of 2 and more), Romance ones less
// ("consulat" 1, Latin's "lorem", "dolor" 0.5–0.7), so a clearly
// Turkish or Polish word beside German names leaves German (unsure), and
// spelling alone never makes a message sure.
const (
	latinSpellingWeight = vocabWeight
	maxLatinSpelling    = vocabWeight
	fullLatinLead       = 1.5
)

// minLatinLead is the least lead per trigram that counts: a word that is
// nearly as likely German or English (a dialect word, a name) tells nothing.
const minLatinLead = 0.25

// slavicLatin marks Russian, Ukrainian and Bulgarian typed in Latin letters
// (zh, kh), which Polish and Turkish do not write.
var slavicLatin = regexp.MustCompile(`zh|kh`)
