package index

import (
	"regexp"
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

// MoneyEnds are the words that tell that money a person gets ends or is
// too little ("ALG 1 läuft aus"), and MoneySmall those that say it is too
// little right before it ("kleine Witwenrente"): another office's service
// beside them is the person's situation, not a question for that office.
// The search (endsNear) and the answer step read the same lists.
var (
	MoneyEnds = strings.Fields(`endet enden läuft laeuft lauft auslaufen ausgelaufen abgelaufen vorbei
	aufgehört aufgehoert gestrichen eingestellt reicht ends ended expires expired runs ran stopped`)
	MoneySmall = strings.Fields(`klein kleine kleinen kleiner niedrig niedrige niedrigen knapp knappe mini small low tiny`)
)

// Words asking for contact details ("Telefonnummer", "Öffnungszeiten") are
// fillers too: every answer card shows the office's address, hours and phone.

// greetingWords are what people write to open or close a chat.
var greetingWords = strings.Fields(`
	hallo hi hey moin servus gruss grüß gruß gott gute guten morgen tag abend nacht alles für
	hello good morning evening afternoon day danke vielen dank thanks thank you
	tschuss tschüss bye ciao ok okay super prima ja nein yes no na und du ihnen dir
	geht gehts es wie how are liebe lieber sehr schon schönen schonen merhaba salam`)

// englishContact are the English words that ask for an office's contact
// details, which a German message writes in German ("Adresse", "Telefon").
var englishContact = set(strings.Fields(`address phone hours opening`))

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
// Arabic, Farsi and Bulgarian written in Latin letters have a few words
// each; words that are also German or English ("da", "kam", "man",
// "pool", "am") are left out.
var languageWords = map[string]map[string]bool{
	"de": germanWords,
	"en": englishWords,
	"tr": set(strings.Fields(`evrak evraklar evraklari evrakları belgeler ve bir bu şu için icin ne nasıl nasil nerede nereye neden niye kim kimler hangi ben
		benim bana beni sen siz var yok mi mı mu mü çok cok ile ama gibi kadar istiyorum lazım lazim gerek
		yardım yardim yardımı yardimi lütfen lutfen alabilirim alırım alirim olarak annem babam param evim
		merhaba selam teşekkür tesekkur ederim değil degil yaşlı yasli emekli maaş maas kira hangisi
		nereden nerde nerdedir nereye kaç kac zaman başvuru basvuru başvurusu basvurusu nedir adresi parası parasi işsizlik
		issizlik
		acaba mı mi musunuz misiniz miyim neresi simdi şimdi sonra önce once daha hiç hic her şey sey biz siz
		onlar bunu onu bize size ona bizim sizin onun yaşında yasinda oldu olur olabilir yapmalıyım yapmaliyim
		gerekiyor gerekli istiyoruz alamıyorum alamiyorum veriyor veriyorlar ediyor oluyor evim kirası kirasi
		eşim esim kızım kizim oğlum oglum çocuk cocuk çocuğum cocugum abi abla hocam rica teşekkürler
		tesekkurler sağol sagol nası nasi bilmiyorum yapabilirim yardımcı yardimci olurmu olurmusunuz
		yapar yapıyor yapiyor yapılır yapilir numarası numarasi fiyatı fiyati ücreti ucreti ücretli ucretli
		neler nelerdir kimin kime hakkı hakki şartlar sartlar şartları sartlari belgeleri`)),
	"pl": set(strings.Fields(`to się sie jak gdzie czy jest mam dla że ze mój moj moja moje mnie mi potrzebuję
		potrzebuje pomoc pomocy proszę prosze można mozna jestem mieszkanie pieniądze pieniadze zasiłek
		zasilek dzień dzien dobry cześć czesc dziękuję dziekuje nie tak który ktory która ktora kto
		mieszkam chcę chce muszę musze nasz jesteśmy za na z w ile jaki jaka jakie od przez urząd urzad
		urzędu urzedu osoby osób osob dokumenty jutro sklep okolicy życie zycie co już juz tylko jego ta tym
		tego może moze był była było być byc są sa będzie bedzie gdy kiedy bardzo jeszcze też tez bo które
		ktore przy nad pod bez u my wy oni ona twój twoj swój swoj jej mu ją ja nam wam sobie siebie coś
		cos ktoś ktos nic nikt wszystko dlaczego chciałbym chcialbym chciałabym chcialabym mogę moge masz
		ma mamy dostać dostaję dostaje pracuję pracuje dziecko dzieci żona zona mąż maz matka ojciec
		rodzice praca pracy wniosek niemiecki polsku polski dzięki dzieki pozdrawiam witam
		żeby zeby jeśli jesli jeżeli jezeli albo lub ale oraz więc wiec trzeba płaci placi płacić placic
		pieniędzy pieniedzy kasy babcia dziadek córka corka dziecka miesięcznie miesiecznie godziny teraz tutaj
		dziś dzis gdzieś gdzies dostać dostac załatwić zalatwic złożyć zlozyc pan pani panie mieszkania
		potrzebny potrzebna potrzebne mogę mogłbym moglbym`)),
	"ro": set(strings.Fields(`și si este sunt pentru unde cine vreau nevoie ajutor bani locuință locuinta
		poate pot trebuie să sa mea meu mei mele bună buna ziua mulțumesc multumesc salut cum ce nu
		avem aveți aveti unei unui eu noi voi acest această aceasta fost primesc cerere dreptul cât cat
		timp bătrâni batrani afară afara din casă casa datorii chirie cu actele când cand deschis există
		exista aplicație aplicatie orașului orasului română romana ne mă ma copil ajută ajuta la pe sau
		dar se în un că ca din mai al ale lui lor aici acolo noastră noastra nostru vrea vrem putem aș as
		fi foarte bine mult multe copii copilul soția sotia soțul sotul mama tata părinții parintii muncă
		munca lucru lucrez locuiesc acte documente germană germana vă va seara mersi pa revedere spune
		spuneți spuneti
		dacă daca despre fără fara după dupa înainte inainte acum azi astăzi astazi mâine maine ieri nimic
		ceva cineva nimeni totul toate banii stau primește primeste primi plătește plateste plăti plati fac sfat
		cererea depun numărul numarul număr numar telefonul îmi imi îți iti niște niste rog dimineața dimineata
		domnule doamna doamnă bunica bunicul băiatul baiatul fiica fiul pensia pensionar bolnav bolnavă bolnava
		cazare primăria primaria orașul orasul ajutorul cât câți cati in`)),
	// Cyrillic and Arabic-script words decide between languages of the
	// same script. The Latin "na", "za", "tak", "z" are Polish and Slavic
	// typed in Latin letters alike: each list has them, so they decide
	// nothing between those.
	"ru": set(strings.Fields(`как где что мне меня нужно нужна нужен помощь помогите я это
		есть нет можно пожалуйста здравствуйте привет спасибо получить хочу мой моя по для
		куда когда кто какой какая какие сколько деньги жильё жилье пенсия пенсии живу мы вы он она они
		этот эта который которая сейчас сегодня завтра очень ещё уже только тоже дети муж жена папа
		немецкий германии пока свидания подскажите скажите
		если чтобы почему зачем надо здесь тут его ее её их был была было будет будут может могу нету чё че
		ну вообще всё все из от или даже потому поэтому сказали говорят делать сделать дали дают платят получаю
		получает работаю работать квартира квартиру квартиры ребенок ребёнок ребенка маме мать отец
		бабушка дедушка помочь добрый вечер ли бы же нам вам им ему ей кому чем
		чего сюда туда нибудь
		na za tak`)),
	"uk": set(strings.Fields(`як де що мені мене потрібно потрібна допомога допоможіть я і й це
		є немає можна будь ласка привіт дякую отримати хочу мій моя з по для куди коли хто який яка
		яке які скільки гроші житло пенсія живу адреса також тому вже його її вони він вона цей ця ці
		зараз сьогодні завтра дуже тільки немає діти чоловік дружина робота бувай побачення підкажіть
		скажіть документи
		шо якщо щоб теж вже треба ми ви мій моє мої з із зі від та але чи або бо ну
		нема був була було буде хочу маю має можу може кажуть сказали дають платять отримую допомогу
		мамі тато батько мати бабуся дитина син донька квартиру грошей роботу працювати люди тепер потім
		звідки тут коло
		na za tak z`)),
	"bg": set(strings.Fields(`как къде какво ми мен трябва нужда помощ помогнете аз това
		има няма може моля здравейте здрасти благодаря получа искам моят моята съм
		кога кой какви колко нужни пари жилище пенсия живея да си се ще във със че е сме сте са хора хората
		дете детето време работно бежанци kude kade kakvo tryabva iskam nyamam se na za
		тази този тези който която които тя ние вие ме сега днес утре деца съпруга съпруг баща родители
		немски български документи много още вече само така тук там мога можете имам нямам мерси чао
		довиждане кажете
		защо ако от към след преди между около като него нея тях им ги го му ѝ нещо някой никой всичко всички
		винаги никога тогава обаче но или ли дали имаме нямаме трябваше беше бях бяха бил била било щом пак
		малко голям голяма майка брат сестра дъщеря син децата мъж лева общината лекар добър ден вечер искаме
		знаете знам правя направя получавам получава плащат плаща коя кое кои нов нова`)),
	"ar": set(strings.Fields(`في من على أن إلى الى هل كيف أين اين ماذا ما هو هي أنا انا لا نعم عن مع هذا هذه التي الذي
		أريد اريد ممكن مساعدة السلام عليكم مرحبا شكرا المال مال سكن بيت
		ana marhaba kifak keefak shu shou wein biddi biddo 3ndi 3andi masari fi yalla shukran maktab shahr
		inshallah habibi ahlan mumkin momken bidi baddi 3ayez ayez 3awz awez mish msh ma3 fih feh wen wain
		ween kif kaif keef shlon eish lesh leh lazem lazim flous fulus floos beit bait sakan shughl shoghl
		3amal mosa3ada musa3ada mosaada musaada mareed marid wlad awlad ummi abuy jawaz iqama ikama laji2
		laje2 lajeh enno inno 3la mafi 3ndna 3andna bjeeb bjib
		el naze nazel nazal shaher bnam sa7bi markaz istishara yalli taba3 sakin shakhs wa7ed wahed
		wach wesh ghir bzaf bezzaf dyal dial walo 3ndha 3ndo 3ndhom 3endi ommi omi jeddi jedda chno chnou
		kifach kifash bghit bghina kayn kayna kaynin makaynch hadchi daba sghir sghira kbir kbira
		adesh 2adesh b2adesh addesh 2addesh ye2dar bi2dar shurut war2 matlub ayemta emta imta akher maw3ed ya3ni`)),
	"fa": set(strings.Fields(`است در به از که را این آن با برای من چطور چگونه کجا چه چی می میخواهم میخوام
		هست نیست هستم کمک لطفا سلام ممنون مرسی پول خانه باید کنم
		hastam nadaram daram mikham mikhaham mikone mikonam chetori chetor koja kojast komak panahjoo
		panahande daftar khane khaneh ki درود خداحافظ خدانگهدار khodahafez mamnoon mamnun
		kheili kheyli baraye chi chera chetor mishe mitunam mitoonam mitonam nemitunam nemitoonam pul
		khoone khune madaram pedaram bache bacheha bachem lotfan chand chiye nist nadare nadarim kardam
		konam konid begiram begirim bedam bayad hastim hastid mikhay mikhastam mikhad midan mide midim
		beram inja alan emruz farda emshab shoharam hamsaram bimar mariz marizam daru bime kharj ejare
		ejareh kerayeh keraye amadam amadim umadam umadim ziade ziyad lazeme
		ruz ruzi variz mikonan mikonand mikonin shomare shomareh farsi befrestam befrestim darkhast gheymat
		chande kasani bikaram bikar shahrdari madarek madareki mitunim bikhaneman posti nameh namehamo
		chie kodoom kodom kodum kodam ghanoon ghanun ghanoone sharayet sharayete sharayetesh mohlat mohlate
		hazineh ejtemai begire migire migiram migirim migiran asase chikar chekar behtarin
		daftare salmandan salmand shomareye javab`)),
}

// DetectLanguage tells which of Languages a message is written in, from its
// script, its letters and its frequent words. It is not confident when a
// message gives too little evidence (a single word, only names); then it
// returns its best guess, "de" when there is none. A German place or office
// name inside a foreign sentence does not make it German: names carry no
// weight, only function words and letters do.
func DetectLanguage(text string) (lang string, confident bool) {
	score := map[string]float64{}
	spelling := map[string]float64{}     // Cyrillic words' trigram evidence
	spelledLatin := map[string]float64{} // Latin words' trigram evidence
	long := map[string]bool{}            // a listed Latin word of four letters or more
	var arabicCounts arabicLetterCounts
	var latin, cyrillic, arabic int
	// cyrillicWord counts Cyrillic words in small letters: a name in a
	// German sentence is written with a capital, a word of the writer's own
	// language ("Fahrdienst für behinderte Menschen телефон") is not.
	cyrillicWord := 0
	// Romanian writes a pronoun joined to its verb by a hyphen ("mi-au",
	// "s-a", "v-am"), which no other language of the list does.
	score["ro"] += 1.5 * float64(len(romanianClitic.FindAllString(strings.ToLower(text), 2)))
	inVocab := map[string]int{} // per language, the words its translations hold
	vocabWords := 0
	english := 0     // words of the English texts only (englishVocabulary)
	contact := false // one of them asks for contact details (englishContact)
	for i, word := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '\u200c'
	}) {
		// A capital inside the message marks a German noun or a name
		// ("Dortmund-Pass", "Haus", "Хомбрух"): its letters tell nothing
		// of the language.
		capital := i > 0 && unicode.IsUpper([]rune(word)[0])
		original := word
		word = strings.ToLower(word)
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
			if unicode.IsLower([]rune(original)[0]) {
				cyrillicWord++
			}
			cyrillicLetters(word, score)
			if capital && strings.ContainsRune(word, 'щ') {
				// Bulgarian writes the German "st" of a name with щ
				// ("Нордщат"); Russian and Ukrainian write шт.
				score["bg"] += 1
			}
			// A word that all three languages' texts hold ("бюро")
			// tells nothing by its spelling.
			if !capital && len(translationVocabulary()[foldLetters(word)]) < 2 {
				cyrillicSpelling(word, spelling)
			}
		case ara:
			arabic++
			arabicLetters(word, &arabicCounts)
		case lat:
			latin++
			latinLetters(word, capital, score)
			if !capital {
				latinSlavic(word, score)
				turkishCase(word, score)
			}
		}
		listed := false
		for l, words := range languageWords {
			switch {
			case words[word]:
			case ara && l == "fa" && words[farsiForms.Replace(word)]:
			case ara && l == "ar" && words[arabicForms.Replace(word)]:
			default:
				continue
			}
			score[l]++
			if l != "de" && l != "en" {
				listed = true
				if lat && utf8Len(word) >= 4 {
					long[l] = true
				}
				if lat && utf8Len(word) >= 6 {
					// A long function word or verb ("nevoie", "potrzebuje")
					// outweighs a short one another language shares ("am").
					score[l] += 0.5
				}
			}
		}
		if lat && !capital && !listed && englishVocabulary()[word] {
			english++
			contact = contact || englishContact[word]
		}
		if langs := vocabularyEvidence(word, score); len(langs) > 0 {
			vocabWords++
			for _, l := range langs {
				inVocab[l]++
			}
		} else if lat && !cyr && !ara && !capital && !listed {
			latinSpelling(word, spelledLatin)
		}
	}
	switch {
	case english >= 2 && score["de"] == 0:
		// Two words only the English texts use, in a message without
		// German function words ("asylum seekers benefits office
		// address", "parental allowance"): English, surely.
		score["en"] += vocabWeight*float64(english) + 0.5
	case english >= 2:
		score["en"] += vocabWeight * float64(english)
	case english == 1 && contact && score["de"] == 0 && score["en"] == 0:
		// An office's name and the one English word that asks for its
		// contact details ("Versorgungsamt Dortmund address").
		score["en"]++
	}
	arabicCounts.score(score)
	for l, v := range spelledLatin {
		score[l] += min(v, maxLatinSpelling)
	}
	// The one language whose translations hold every word that any
	// translation holds ("sosyal bilet": Turkish has both, Polish and
	// Romanian only "bilet") is likelier than each shared word says.
	if only := onlyLanguage(inVocab, vocabWords); vocabWords >= 2 && only != "" {
		score[only] += vocabWeight / 2
	}
	// The script decides first: German and English are written in Latin
	// letters, so any sentence mostly in Cyrillic or Arabic letters is in one
	// of those languages, whatever German names it holds.
	var candidates []string
	switch {
	case cyrillic > 0 && cyrillic >= arabic && (cyrillic*2 >= latin || latin-int(score["de"]+score["en"]) <= cyrillic || cyrillicWord > 0):
		candidates = []string{"ru", "uk", "bg"}
	case arabic > 0 && (arabic*2 >= latin || latin-int(score["de"]+score["en"]) <= arabic):
		candidates = []string{"ar", "fa"}
	default:
		candidates = []string{"de", "en", "tr", "pl", "ro", "ar", "fa", "bg", "ru", "uk"}
	}
	pick := func() (best, second string) {
		best = candidates[0]
		for _, l := range candidates[1:] {
			switch {
			case score[l] > score[best]:
				best, second = l, best
			case second == "" || score[l] > score[second]:
				second = l
			}
		}
		return best, second
	}
	best, second := pick()
	// One German or English word beside German terms in a sentence with a
	// long word of another language ("Grundsicherung Antrag wo? jestem
	// emerytem") quotes the terms; it is not the message's language.
	quoted := long[best] && score["de"]+score["en"] <= 1 && candidates[0] == "de"
	if quoted {
		score["de"], score["en"] = score["de"]/2, score["en"]/2
		best, second = pick()
	}
	tied := candidates[0] == "ru" && score[best] == score[second]
	if tied {
		// No telling word decides between the tied languages: the words'
		// spelling does, when it clearly points away from Russian, the
		// language most Cyrillic messages are written in.
		top := score[best]
		for _, l := range candidates {
			if score[l] == top && (l == "ru" || spelling[l] >= spellingMargin+spelling["ru"]) {
				score[l] += spelling[l]
			}
		}
		best, second = pick()
	}
	top, next := score[best], score[second]
	switch candidates[0] {
	case "ru", "ar":
		// The script alone says a lot; the letters and words choose within it.
		if top == 0 {
			return candidates[0], false
		}
		return best, !tied && top >= 1 && top > next
	}
	// One ending or one shared word is too little to leave German; one
	// word of a language's own vocabulary is enough when nothing in the
	// message is German but names ("Seniorenbüro Huckarde adresa").
	if top == 0 || top < 1 && best != "en" && (top < vocabWeight || score["de"] > 0) {
		return "de", false
	}
	// Without any German or English word, less evidence is enough: one
	// listed word of four letters or more ("unde", "gdzie", "nasil") beside
	// German names, where a short one ("ne", "da") in a German chat is not.
	enough := 2.0
	if quoted || score["de"] == 0 && score["en"] == 0 {
		enough = 1.5
		if long[best] {
			enough = 1
		}
	}
	return best, top >= enough && top >= 2*next
}

// onlyLanguage returns the one language that holds all n words, or "".
func onlyLanguage(inVocab map[string]int, n int) string {
	only := ""
	for l, k := range inVocab {
		if k == n {
			if only != "" {
				return ""
			}
			only = l
		}
	}
	return only
}

// romanianClitic matches a Romanian pronoun joined to a verb form.
var romanianClitic = regexp.MustCompile(`(^|[^\pL])(mi|ți|ti|i|l|s|v|m|n|ne|le|ni|vi|li|si|și)-(a|am|ai|au|ați|ati|aș|as|ar|ați|o|i|l|e)($|[^\pL])`)

// turkishCase scores a German or English word with a Turkish case or
// possessive ending ("formulari", "adresleri", "kartı"): the word itself is
// no German or English one, its stem is. The bare -u and -i are left out:
// Polish genitives ("telefonu", "maili") end so too.
func turkishCase(word string, score map[string]float64) {
	names := germanEnglishWords().words
	if names[foldLetters(word)] {
		return
	}
	for _, e := range []string{"ü", "ı", "su", "sü", "sı", "si", "yu", "yi", "yı", "ları", "leri", "lari"} {
		stem := strings.TrimSuffix(word, e)
		if stem != word && utf8Len(stem) >= 4 && names[foldLetters(stem)] {
			score["tr"] += 1
			return
		}
	}
}

// turkishSuffixes are case endings written after an apostrophe on names.
var turkishSuffixes = set(strings.Fields(`da de ta te dan den tan ten a e ya ye ı i u ü yı yi yu yü nın nin nun nün ın in un ün la le yla yle`))

// latinLetters scores letters that only some of the Latin-script languages use.
// A capital word inside a message is a name ("Frau Şahin", "Herr Yılmaz"):
// its letters say where a person comes from, not the message's language,
// so they count a third.
func latinLetters(word string, capital bool, score map[string]float64) {
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
	letterWeight := 1.5
	if capital {
		letterWeight = 0.5
	}
	add := func(ok bool, lang string) {
		if ok {
			score[lang] += letterWeight
		}
	}
	add(tr, "tr")
	add(pl, "pl")
	add(ro, "ro")
	add(de, "de")
	// Endings and letter pairs that German and English do not have.
	ends := func(lang string, endings ...string) {
		for _, e := range endings {
			if len(word) > len(e)+2 && strings.HasSuffix(word, e) {
				score[lang] += 0.5
				return
			}
		}
	}
	// The Turkish present ("arıyorum", "veriyor") is Turkish alone.
	for _, e := range []string{"iyor", "ıyor", "uyor", "üyor"} {
		if i := strings.Index(word, e); i >= 2 && len(word)-i-len(e) <= 6 {
			score["tr"] += 0.5
			break
		}
	}
	ends("tr", "ildi", "ıldı", "uldu", "üldü", "yor", "yorum", "abilir", "ebilir", "abilirim", "ebilirim", "miyim", "mıyım", "lari", "leri", "ları", "ndan", "ması", "mesi", "masi")
	ends("pl", "ych", "ego", "emu", "ami", "ów")
	ends("ro", "ului", "ție", "tie", "ții")
	if strings.Contains(word, "cz") {
		score["pl"] += 0.5
	}
	if word == "w" || word == "z" {
		score["pl"] += 0.5
	}
	// Russian, Ukrainian and Bulgarian typed in Latin letters write ж, х
	// and щ as zh, kh and shch or sht, which Polish (ż, ch, szcz), German
	// and English do not.
	if strings.Contains(word, "zh") || strings.Contains(word, "kh") || strings.Contains(word, "shch") ||
		strings.Contains(word, "sht") && !strings.HasPrefix(word, "sht") {
		for _, l := range []string{"ru", "uk", "bg"} {
			score[l] += 0.5
		}
	}
	// Arabic in Latin letters writes ء, ع and ح as 2, 3 and 7.
	letters := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters >= 3 && (strings.ContainsAny(word, "237") || arabiziInside.MatchString(word)) {
		score["ar"] += 1.5
	}
}

// arabiziInside matches the digits Arabic in Latin letters also writes for
// خ, ط, ص/ق (5, 6, 9: "bta5od", "6ayeb"), between letters only: at a
// word's end they are a number ("Pflegegrad5").
var arabiziInside = regexp.MustCompile(`(^|\pL)[569]\pL`)

// ukrainianNever matches и before a vowel, or -ия at the end of a word.
var ukrainianNever = regexp.MustCompile(`и[аеёиоуюэ]|ия$`)

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
	// Bulgarian writes ь only in "ьо", as Ukrainian does in names (Хьорде);
	// Russian writes ё there.
	// Where a name has ьо and an i, Ukrainian writes the i as і
	// ("Бьовінгхаузен"), Bulgarian as и ("Бьовингхаузен").
	switch {
	case strings.Contains(word, "ьо") && strings.ContainsRune(word, 'и') && !strings.ContainsAny(word, "іїє"):
		score["uk"] += 0.5
		score["bg"] += 1
	case strings.Contains(word, "ьо"):
		score["uk"] += 1
		score["bg"] += 1
	case strings.ContainsRune(word, 'ь'):
		score["ru"] += 0.5
		score["uk"] += 0.5
	}
	// Bulgarian verbal nouns end in -ане/-яне (Russian -ание, Ukrainian -ання).
	if utf8Len(word) > 5 && (strings.HasSuffix(word, "ане") || strings.HasSuffix(word, "яне")) {
		score["bg"] += 0.5
	}
	if strings.HasSuffix(word, "ията") {
		score["bg"] += 1
	}
	// Ukrainian infinitives end in -ити, -увати (Russian -ить, -овать).
	if utf8Len(word) > 5 && (strings.HasSuffix(word, "ити") || strings.HasSuffix(word, "увати")) {
		score["uk"] += 0.5
	}
	if strings.HasSuffix(word, "ът") || strings.HasSuffix(word, "ята") {
		score["bg"] += 1 // the definite article
	}
	// Ukrainian adjectives end in -ий after a hard consonant, where Russian
	// writes -ый ("добрий", "новий"); Russian -арий, -орий, -ерий are nouns.
	// Russian -ский, -цкий are Ukrainian -ський, -цький.
	switch r := []rune(word); {
	case len(r) >= 5 && (strings.HasSuffix(word, "ский") || strings.HasSuffix(word, "цкий")):
		score["ru"] += 0.5
	case len(r) >= 5 && strings.HasSuffix(word, "ий") && strings.ContainsRune("бвдзмпрсфт", r[len(r)-3]) &&
		!strings.ContainsRune("аое", r[len(r)-4]):
		score["uk"] += 0.5
	}
	// Ukrainian writes і before a vowel where Russian and Bulgarian write и:
	// "сеніорен", "пенсія" against "сениорен", "пенсия".
	if ukrainianNever.MatchString(word) {
		score["ru"] += 0.5
		score["bg"] += 0.5
	}
	// Ukrainian writes the prefix роз- where Russian writes раз-, рас-.
	if utf8Len(word) >= 6 && strings.HasPrefix(word, "роз") {
		score["uk"] += 0.5
	}
}

// arabicLetters scores the letters that tell Farsi from Arabic.
// The letters پ چ ژ گ are Farsi's alone and ة ى أ إ Arabic's alone;
// the forms of yeh and kaf (Farsi ی ک, Arabic ي ك) tell only the
// keyboard: a Farsi message typed on an Arabic keyboard has ي and ك, and
// an Arabic one on a Farsi keyboard ی and ک. They count only where no
// letter of the other language's own shows the keyboard wrong.
func arabicLetters(word string, l *arabicLetterCounts) {
	for _, r := range word {
		switch r {
		case 'پ', 'چ', 'ژ', 'گ':
			l.farsi++
		case 'ک', 'ی':
			l.farsiForms++
		case 'ة', 'ى', 'إ', 'أ':
			l.arabic++
		case 'ي', 'ك':
			l.arabicForms++
		}
	}
}

type arabicLetterCounts struct{ farsi, farsiForms, arabic, arabicForms int }

// score adds the letters' evidence, once for the whole message.
func (l arabicLetterCounts) score(score map[string]float64) {
	score["fa"] += 2 * float64(l.farsi)
	score["ar"] += float64(l.arabic)
	// Without a letter of either language's own, the forms show the
	// keyboard, which mostly but not always fits: the words weigh more.
	forms := 1.0
	if l.farsi == 0 && l.arabic == 0 {
		forms = 0.5
	}
	if l.arabic == 0 || l.farsi > 0 {
		score["fa"] += forms * float64(l.farsiForms)
	}
	if l.farsi == 0 {
		score["ar"] += forms * float64(l.arabicForms)
	}
}

// keyboardForms spells an Arabic-script word with Farsi's yeh and kaf and
// with Arabic's, to find it in the word lists however it was typed.
var (
	farsiForms  = strings.NewReplacer("ي", "ی", "ك", "ک", "ى", "ی")
	arabicForms = strings.NewReplacer("ی", "ي", "ک", "ك")
)
