package index

import (
	"strings"
	"unicode"
)

// Words that carry no meaning for finding a topic, beyond the analyzers' stop
// words: what people add to be polite or to ask ("bitte", "brauche", "wo").
// A question made only of them and greetings is a greeting.
var fillerWords = strings.Fields(`
	bitte brauche brauchen benötige benoetige möchte moechte will wollen kann können koennen
	muss müssen gibt geben gern gerne frage fragen info infos information informationen
	wissen weiß weiss sagen erklären erklaeren wo wann wie was wer welche welcher welches warum
	wieso weshalb hallo danke dortmund stadt tun machen bekommen kriegen ja nein ok okay
	please need want get can could would know tell me my where when how what who which why
	hello hi thanks thank info information dortmund city do does help
	adresse anschrift telefon telefonnummer tel nr nummer e-mail email mail öffnungszeiten
	oeffnungszeiten sprechzeiten sprechstunde kontakt termin erreichen address phone number
	opening hours contact appointment reach`)

// Words asking for contact details ("Telefonnummer", "Öffnungszeiten") are
// fillers too: every answer card shows the office's address, hours and phone.

// greetingWords are what people write to open or close a chat.
var greetingWords = strings.Fields(`
	hallo hi hey moin servus gruss grüß gruß gott gute guten morgen tag abend nacht alles für
	hello good morning evening afternoon day danke vielen dank thanks thank you
	tschuss tschüss bye ciao ok okay super prima ja nein yes no na und du ihnen dir
	geht gehts es wie how are liebe lieber sehr schon schönen schonen merhaba salam`)

// englishWords and germanWords are frequent words that tell the languages apart.
var (
	englishWords = set(strings.Fields(`the a an is are i my me you your to for of in on with and or
		how what where when who which do does can need get help please is there old have has this that
		from about am not want`))
	germanWords = set(strings.Fields(`der die das ist ich mein meine meiner sie du ein eine einen für
		fur von mit und oder wie was wo wann wer kann brauche bitte habe hat nicht auf bei zum zur
		den dem des im in an bin sind gibt es mir mich`))
)

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// termSets analyses the filler words with each active language's analyzer:
// German and English read fillerWords, the translated languages their own.
func (ix *Index) termSets(words []string) [nLangs]map[string]bool {
	var out [nLangs]map[string]bool
	for _, l := range ix.active {
		out[l] = map[string]bool{}
		list := words
		if l != langDE && l != langEN {
			list = foreignFillers[l]
		}
		for _, w := range list {
			for _, t := range analyze(ix.analyzers[l], w) {
				out[l][t] = true
			}
		}
	}
	return out
}

// isGreeting reports whether a question holds nothing but greetings and
// politeness.
func (ix *Index) isGreeting(folded []string) bool {
	if len(folded) == 0 {
		return false
	}
	for _, w := range folded {
		if !ix.greetings[w] {
			return false
		}
	}
	return true
}

// Languages are the languages DetectLanguage tells apart: German and English,
// and those of knowledge.TranslationLanguages.
var Languages = []string{"de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa"}

// Frequent words, written as people type them (also without diacritics),
// that point to one language. A word may point to several; each counts.
var languageWords = map[string]map[string]bool{
	"de": germanWords,
	"en": englishWords,
	"tr": set(strings.Fields(`ve bir bu şu için icin ne nasıl nasil nerede nereye neden niye kim hangi ben benim bana
		beni sen siz var yok mi mı mu mü çok cok ile ama gibi kadar istiyorum lazım lazim gerek yardım yardim
		lütfen lutfen alabilirim alırım alirim olarak annem babam param evim merhaba selam teşekkür tesekkur
		ederim değil degil yaşlı yasli emekli maaş maas kira hangisi nereden kaç kac zaman başvuru basvuru`)),
	"pl": set(strings.Fields(`się sie jak gdzie czy jest mam dla że ze mój moj moja mnie mi potrzebuję potrzebuje
		pomoc pomocy proszę prosze można mozna jestem mieszkanie pieniądze pieniadze zasiłek zasilek
		dzień dzien dobry cześć czesc dziękuję dziekuje nie tak który ktory która ktora kto mieszkam
		chcę chce muszę musze nasz moje jestem jesteśmy`)),
	"ro": set(strings.Fields(`și este sunt pentru unde cine vreau nevoie ajutor bani locuință locuinta
		poate pot trebuie să mea meu mei mele bună buna ziua mulțumesc multumesc salut cum ce nu
		avem aveți aveti unei unui eu noi voi acest această aceasta fost primesc cerere`)),
	// Cyrillic and Arabic-script words decide between languages of the
	// same script.
	"ru": set(strings.Fields(`как где что мне меня нужно нужна нужен помощь помогите я не и в на это
		есть нет можно пожалуйста здравствуйте привет спасибо получить хочу мой моя у с по для
		куда когда кто какой какие сколько деньги жильё жилье пенсия пенсии живу`)),
	"uk": set(strings.Fields(`як де що мені мене потрібно потрібна допомога допоможіть я не і й в на це
		є немає можна будь ласка привіт дякую отримати хочу мій моя у з по для куди коли хто який які
		скільки гроші житло пенсія живу`)),
	"bg": set(strings.Fields(`как къде какво ми мен трябва нужда помощ помогнете аз не и в на това
		има няма може моля здравейте здрасти благодаря получа искам моят моята съм ли за от
		кога кой какви колко пари жилище пенсия живея да си се ще във със че е сме сте са`)),
	"ar": set(strings.Fields(`في من على أن إلى الى هل كيف أين اين ماذا ما هو هي أنا انا لا نعم عن مع هذا هذه التي الذي
		أريد اريد ممكن مساعدة السلام عليكم مرحبا شكرا المال مال سكن بيت`)),
	"fa": set(strings.Fields(`است در به از که را این آن با برای من چطور چگونه کجا چه چی می میخواهم میخواهم
		هست نیست هستم کمک لطفا سلام ممنون مرسی پول خانه باید کنم`)),
}

// DetectLanguage tells which of Languages a message is written in, from its
// script, its letters and its frequent words. It is not confident when a
// message gives too little evidence (a single word, only names); then it
// returns its best guess, "de" when there is none. A German place or office
// name inside a foreign sentence does not make it German: names carry no
// weight, only function words and letters do.
func DetectLanguage(text string) (lang string, confident bool) {
	score := map[string]float64{}
	var latin, cyrillic, arabic int
	for _, word := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '\u200c'
	}) {
		// A Turkish suffix after an apostrophe ("Nordstadt'ta") marks
		// Turkish; the name before it counts as nothing.
		if i := strings.IndexAny(word, "'’"); i > 0 {
			if suffix := strings.TrimLeft(word[i:], "'’"); turkishSuffixes[suffix] {
				score["tr"] += 1
			}
			word = word[:i]
		}
		var lat, cyr, ara bool
		for _, r := range word {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr = true
			case unicode.Is(unicode.Arabic, r):
				ara = true
			case unicode.Is(unicode.Latin, r):
				lat = true
			}
		}
		switch {
		case cyr:
			cyrillic++
			cyrillicLetters(word, score)
		case ara:
			arabic++
			arabicLetters(word, score)
		case lat:
			latin++
			latinLetters(word, score)
		}
		for l, words := range languageWords {
			if words[word] {
				score[l]++
			}
		}
	}
	// The script decides first: German and English are written in Latin
	// letters, so any sentence mostly in Cyrillic or Arabic letters is in one
	// of those languages, whatever German names it holds.
	var candidates []string
	switch {
	case cyrillic > 0 && cyrillic >= arabic && (cyrillic*2 >= latin || latin-int(score["de"]+score["en"]) <= cyrillic):
		candidates = []string{"ru", "uk", "bg"}
	case arabic > 0 && (arabic*2 >= latin || latin-int(score["de"]+score["en"]) <= arabic):
		candidates = []string{"ar", "fa"}
	default:
		candidates = []string{"de", "en", "tr", "pl", "ro"}
	}
	best, second := candidates[0], ""
	for _, l := range candidates[1:] {
		switch {
		case score[l] > score[best]:
			best, second = l, best
		case second == "" || score[l] > score[second]:
			second = l
		}
	}
	top, next := score[best], score[second]
	switch candidates[0] {
	case "ru", "ar":
		// The script alone says a lot; the letters and words choose within it.
		if top == 0 {
			return candidates[0], cyrillic+arabic >= 3
		}
		return best, top >= 1 && top > next
	}
	if top == 0 {
		return "de", false
	}
	return best, top >= 2 && top >= 2*next
}

// turkishSuffixes are case endings written after an apostrophe on names.
var turkishSuffixes = set(strings.Fields(`da de ta te dan den tan ten a e ya ye ı i u ü yı yi yu yü nın nin nun nün ın in un ün la le yla yle`))

// latinLetters scores letters that only some of the Latin-script languages use.
func latinLetters(word string, score map[string]float64) {
	var tr, pl, ro, de bool
	for _, r := range word {
		switch r {
		case 'ğ', 'ı', 'ş', 'ç':
			tr = true
		case 'ą', 'ć', 'ę', 'ł', 'ń', 'ś', 'ź', 'ż':
			pl = true
		case 'ă', 'ș', 'ț', 'ţ', 'â', 'î':
			ro = true
		case 'ä', 'ß':
			de = true
		}
	}
	// ş is Turkish, but Romanian keyboards write ș as ş too.
	if tr && strings.ContainsAny(word, "ăâîţ") {
		tr = false
		ro = true
	}
	add := func(ok bool, lang string) {
		if ok {
			score[lang] += 1.5
		}
	}
	add(tr, "tr")
	add(pl, "pl")
	add(ro, "ro")
	add(de, "de")
}

// cyrillicLetters scores the letters that tell Ukrainian, Russian and
// Bulgarian apart.
func cyrillicLetters(word string, score map[string]float64) {
	for _, r := range word {
		switch r {
		case 'і', 'ї', 'є', 'ґ':
			score["uk"] += 2
		case 'ы', 'э', 'ё':
			score["ru"] += 2
		case 'ъ':
			score["bg"] += 1
		}
	}
	// Bulgarian writes ь only in "ьо".
	if strings.ContainsRune(word, 'ь') && !strings.Contains(word, "ьо") {
		score["ru"] += 0.5
		score["uk"] += 0.5
	}
	if strings.HasSuffix(word, "ът") || strings.HasSuffix(word, "ята") {
		score["bg"] += 1 // the definite article
	}
}

// arabicLetters scores the letters that tell Farsi from Arabic.
func arabicLetters(word string, score map[string]float64) {
	for _, r := range word {
		switch r {
		case 'پ', 'چ', 'ژ', 'گ':
			score["fa"] += 2
		case 'ک', 'ی':
			score["fa"] += 1
		case 'ة', 'ي', 'ك', 'ى', 'إ', 'أ':
			score["ar"] += 1
		}
	}
}
