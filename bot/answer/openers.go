package answer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// How a conversation opens before it says what it is about, in the ten
// languages the bot speaks: greetings, excuses, "I have a question", "can
// you help me", "yes", "ok". The search reads such words as content in the
// translated languages ("Merhaba, bir sorum olacaktı" found a topic through
// "bir"), and the German and English lists of fillers do not know them.

// opening is what a message of opener words alone does.
type opening int

const (
	notOpening opening = iota
	// opensGreeting: a greeting alone ("Здравствуйте!", "Dzień dobry").
	opensGreeting
	// opensAsking: a greeting, excuse or politeness with a word saying
	// there is a question or a need ("Вітаю, маю питання", "مرحبا، أحتاج
	// مساعدة من فضلك", "is this the right place to ask something?").
	opensAsking
	// opensAssent: a word of assent alone, the answer to a question the
	// bot never asked ("ja", "evet", "ok").
	opensAssent
)

// openingOf reads a message made only of opener words; notOpening when one
// word is another. words are the message's folded words; a word is also
// read without its Arabic or Persian clitics ("مساعدتي", my help). A
// greeting that asks ("moin, bin ich hier richtig?") asks. greeted tells
// that a word greets or excuses itself.
func openingOf(words []string, asked bool) (o opening, greeted bool) {
	if len(words) == 0 {
		return notOpening, false
	}
	greets, excuses, asks, assents := 0, 0, 0, 0
	for _, w := range words {
		s := stripClitics(w)
		switch {
		case openerAsks[w] || openerAsks[s]:
			asks++
		case openerGreetings[w] || openerGreetings[s]:
			greets++
		case excuseWords[w]:
			excuses++
		case assentWords[w]:
			assents++
		case openerWords[w] || openerWords[s] || followupWords[w] || chatWords[w] || greetingWords[w] || stopWords[w]:
		default:
			return notOpening, false
		}
	}
	greeted = greets+excuses > 0
	switch {
	case asks > 0, asked && greeted && greets < len(words):
		return opensAsking, greeted
	case greets == len(words):
		return opensGreeting, true
	case assents > 0 && !greeted && assents+politeWords(words) == len(words):
		return opensAssent, false
	}
	return notOpening, greeted
}

// politeWords counts the words of politeness ("yes please", "ja bitte").
func politeWords(words []string) int {
	n := 0
	for _, w := range words {
		if pleaseWords[w] {
			n++
		}
	}
	return n
}

// openerLists are the words of openers, per language. A word that only
// one language's list holds tells the opener's language better than the
// detector can from three words ("tschuldigung, hab da ne frage": "ne"
// is Turkish too).
var openerLists = map[string]struct {
	// greet greet; ask say that a question or a need is coming, without
	// saying which ("Frage", "sorum", "سؤال", "вопрос"); excuse excuse the
	// writer; other are the rest: pronouns, verbs of having, being and
	// wanting, politeness; assent say yes or ok.
	greet, ask, excuse, other, assent string
}{
	"de": {
		greet:  `hallo moin servus gruss gruß guten morgen tag abend`,
		ask:    `was etwas frage fragen anliegen hilfe helfen weiterhelfen nachfragen erkundigen auskunft`,
		excuse: `entschuldigung entschuldigen entschuldige tschuldigung verzeihung störung stoerung storung stör stoer stor`,
		other: `wegen meinem meiner meine mein nem ner beim sozialamt stadt dortmund kurz kurze kurzes bräuchte braeuchte
			brauchte hätte haette hatte richtig richtige sehr geehrte geehrter geehrtes damen herren wende wenden liebes team
			ihre ihr sie dich du kannst können könnten konnten würde wurde gerne gern bin hier`,
		assent: `ja jo jup jep jawohl genau stimmt ok okay oki`,
	},
	"en": {
		greet:  `hi hey hello good morning afternoon evening there`,
		ask:    `something question questions ask asking help assist assistance`,
		excuse: `sorry excuse bother bothering`,
		other:  `right place quick small little just might may would could like i'd id im i'm am is this be you someone somebody anybody anyone here`,
		assent: `ok okay oki yes yeah yep yup sure`,
	},
	"tr": {
		greet: `merhaba merhabalar selam selamlar slm iyi günler gunler akşamlar aksamlar sabahlar hayırlı hayirli kolay gelsin
			aleyküm aleykum selamün selamun`,
		ask: `yardımınıza yardiminiza ihtiyacım ihtiyacim ihtiyaç ihtiyac şey sey soru sorum sorular sorularım sorularim sormak soracaktım soracaktim sorabilir sorabilirmiyim miyim
			danışmak danismak yardım yardim yardımcı yardimci yardıma yardima`,
		excuse: `affedersiniz pardon özür ozur kusura dilerim bakmayın bakmayin`,
		other: `bir bi ben benim bana sizin size siz sen senin var olacaktı olacakti olacak vardı vardi acaba istiyorum isterdim
			rica ediyorum ederim lütfen lutfen misiniz musunuz misin musun mı mi mu mü olabilir olur olurmu olabilirmisiniz`,
		assent: `evet tamam olur peki`,
	},
	"ar": {
		greet:  `مرحبا مرحباً مرحبتين اهلا أهلا السلام سلام عليكم صباح مساء الخير`,
		ask:    `سؤال سوال اسئلة أسئلة استفسار مساعدة مساعده مساعدت تساعدني ساعدني يساعدني اسأل أسأل`,
		excuse: `عفوا آسف اسف المعذرة`,
		other:  `عندي لدي أحتاج احتاج بحاجة إلى الى من فضلك لو سمحت ممكن هل يمكنك يمكن تقدر أريد اريد ابغى بدي انا أنا لي معي شكرا واحد`,
		assent: `نعم ايوه أيوه اي طيب تمام حسنا`,
	},
	"ru": {
		greet:  `здравствуйте здрасьте здравствуй привет приветствую добрый доброе день вечер утро дня`,
		ask:    `что-то кое-что вопрос вопросы вопросик спросить помощь помочь помогите подскажите посоветуйте`,
		excuse: `извините простите`,
		other:  `у меня мне есть можно к вам вас я нужна нужен нужно хочу хотел хотела бы задать пожалуйста и а один одна небольшой маленький`,
		assent: `да ага ок окей хорошо ладно`,
	},
	"uk": {
		greet:  `вітаю привіт добрий доброго день дня вечір вечора ранку`,
		ask:    `щось питання запитання запитати спитати допомога допомогу допомоги допоможіть допоможете підкажіть порадьте`,
		excuse: `вибачте перепрошую`,
		other:  `у мене мені є можна до вас я потрібна потрібно маю хочу хотів хотіла б будь ласка і а одне одна невеличке`,
		assent: `так добре гаразд`,
	},
	"pl": {
		greet:  `dzień dzien dobry cześć czesc witam witajcie`,
		ask:    `coś cos pytanie pytania zapytać zapytac spytać spytac pomoc pomocy pomóc pomożecie pomozecie`,
		excuse: `przepraszam`,
		other:  `mam mogę moge czy można mozna się sie mi potrzebuję potrzebuje proszę prosze o chciałbym chcialbym chciałabym chcialabym jedno jedną jedna krótkie krotkie`,
		assent: `tak dobrze`,
	},
	"ro": {
		greet:  `bună buna ziua seara dimineata dimineața salut salutare`,
		ask:    `ceva întrebare intrebare întrebări intrebari întreb intreb ajutor ajutați ajutati ajuta ajutați-mă`,
		excuse: `scuzați scuzati scuze`,
		other:  `am și si eu o un aș as vrea să sa pot puteți puteti vă va rog mă ma nevoie de îmi imi`,
		assent: `da bine`,
	},
	"bg": {
		greet:  `здравейте здравей здрасти добър ден вечер утро`,
		ask:    `нещо въпрос въпроси питам попитам помощ помогнете помогне`,
		excuse: `извинете`,
		other:  `имам може ли да аз ми ви моля бих искал искала един една нужна нужда е`,
		assent: `да добре`,
	},
	"fa": {
		greet:  `سلام درود وقت روز بخیر صبح`,
		ask:    `چیزی سوال سؤال سوالی پرسش بپرسم کمک راهنمایی`,
		excuse: `ببخشید`,
		other:  `یک یه داشتم دارم میخواستم میخوام می خواستم تونم میتونم میشه من به شما از لطفا لطفاً نیاز`,
		assent: `بله آره اره باشه`,
	},
}

// The opener words of all languages by class, and the languages each word
// is in.
var openerGreetings, openerAsks, excuseWords, openerWords, assentWords, openerLangs = func() (greet, ask, excuse, other, assent map[string]bool, langs map[string][]string) {
	greet, ask, excuse, other, assent = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	langs = map[string][]string{}
	for _, lang := range Langs {
		l := openerLists[lang]
		for _, c := range []struct {
			m    map[string]bool
			list string
		}{{greet, l.greet}, {ask, l.ask}, {excuse, l.excuse}, {other, l.other}, {assent, l.assent}} {
			for _, w := range foldWords(c.list) {
				c.m[w] = true
				if !slices.Contains(langs[w], lang) {
					langs[w] = append(langs[w], lang)
				}
			}
		}
	}
	return greet, ask, excuse, other, assent, langs
}()

// openerLang is the one language whose opener words a message has most
// of; "" when two have as many, or none.
func openerLang(words []string) string {
	votes := map[string]int{}
	for _, w := range words {
		ls := openerLangs[w]
		if len(ls) == 0 {
			ls = openerLangs[stripClitics(w)]
		}
		for _, l := range ls {
			votes[l]++
		}
	}
	best, n, tie := "", 0, false
	for _, l := range Langs {
		switch v := votes[l]; {
		case v > n:
			best, n, tie = l, v, false
		case v == n && v > 0:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// pleaseWords are politeness beside assent.
var pleaseWords = set(foldWords(`bitte gerne gern please lütfen lutfen من فضلك пожалуйста будь ласка proszę prosze vă va rog моля لطفا`))

// opener decides a message that only opens a conversation (openingOf), in
// the language it is written in: a greeting is greeted, a greeting that
// says a question or a need is coming is asked what it is about, and a
// word of assent with nothing before it is asked too. Inside a
// conversation only a greeting or excuse opens anew ("Hallo, ich hätte
// noch eine Frage"); "und wie bekomme ich Hilfe?" asks the topic. ok is
// false for any other message.
func (a *Answerer) opener(st *State, p Person, d Decision, sig signals, q, msgLang string, sure bool) (Decision, bool) {
	o, greeted := openingOf(sig.words, strings.HasSuffix(q, "?"))
	chat := o == notOpening && smallTalk(sig.words)
	if chat {
		// "wie gehts dir bot", "как дела? ты кто?": the bot says what it
		// is for, as to a greeting.
		o = opensGreeting
	}
	if o == notOpening && !(st.Topic == "" && sig.thanks) {
		return d, false
	}
	if l := openerLang(sig.words); l != "" {
		// "ja" alone is German, not the Polish "I"; a Latin-letter guess
		// is weak evidence (lang), a word of one language's opener list is not.
		msgLang, sure = l, !(l == "de" || l == "en") || sure
	}
	switch {
	case o == opensGreeting && !onlyGreeting(sig.words):
		// German and English greetings the search tells.
		d.Lang = a.lang(st, p, msgLang, sure)
		d.Kind = KindGreeting
		if !chat && strings.HasSuffix(q, "?") {
			d.Kind, d.Ask = KindAsk, AskTopic
		}
		return d, true
	case o == opensAsking && (st.Topic == "" || greeted):
		d.Lang = a.lang(st, p, msgLang, sure)
		d.Kind, d.Ask, d.Aspect = KindAsk, AskTopic, sig.aspect
		st.Aspect = sig.aspect
		return d, true
	case o == opensAssent && st.Topic == "":
		d.Lang = a.lang(st, p, msgLang, sure)
		d.Kind, d.Ask = KindAsk, AskTopic
		return d, true
	case st.Topic == "" && sig.thanks && len(sig.rest) == 0 && sig.aspect == "":
		// "vielen Dank für die Info" with nothing before it: thanks.
		d.Lang = a.lang(st, p, msgLang, sure)
		d.Kind, d.Thanks = KindGreeting, true
		return d, true
	}
	return d, false
}

// goesOnFromNothing reports whether a short message begins as a follow-up
// does, with "and" or "what about" in one of the ten languages ("а для
// дружини?", "peki ya annem?", "și pentru soție?"): said with no conversation
// before it, it asks back rather than be declined for the words the search
// cannot place.
func goesOnFromNothing(words []string) bool {
	return len(words) >= 2 && len(words) <= 5 && andWords[words[0]]
}

// onlyPersonAsked reports whether a short message names nothing but a
// person and the words that link it to what was said before ("ya eşim
// için?", "وللبنت؟", "برای برادرم چی؟", "und für meine Mutter?"): said
// with no conversation before it, whom it is for is clear, what is not.
func onlyPersonAsked(words []string) bool {
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	person, linked := false, len(words) > 1 && andWords[words[0]]
	for _, w := range words {
		bare, joined := arabicLinked(w)
		switch {
		case personWords[w] || foreignPerson(w) || foreignPerson(bare):
			person = true
			linked = linked || joined
		case andWords[w] || personLinkWords[w] || possessives[w] || stopWords[w]:
			linked = linked || personLinkWords[w]
		default:
			return false
		}
	}
	return person && linked
}

// arabicLinked strips the "and" and "for" Arabic joins to a word ("وللمرة":
// and for the wife); joined tells that it had them.
func arabicLinked(w string) (string, bool) {
	for _, p := range []string{"وللل", "ولل", "ول", "لل"} {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest, true
		}
	}
	return w, false
}

// personLinkWords ask "and for …?" in the translated languages: "için",
// "ne", "peki", "برای", "چی", "چطور", "طيب", "شو", "for", "für".
var personLinkWords = set(foldWords(`için icin ne peki nasıl nasil برای واسه چی چطور پس طيب طب شو وشو ماذا for what about für fur was ist mit`))

// asksWhatNext reports whether a short message only asks what comes next
// ("а шо далі?", "a co dalej?", "și mai departe?", "и после какво?", "ну и
// что дальше?"): a word of "next" or "now", and besides it only small words
// of asking, doing and going on. Said with no conversation before, it asks
// back: no search can tell what it goes on from.
func asksWhatNext(words []string) bool {
	return len(words) <= 5 && holdsOnly(words, nextWords, andWords, nextSmallWords)
}

var (
	// nextWords: "next", "then", "now", "further" in uk ru bg pl ro.
	nextWords = set(foldWords(`далі потім тепер далее дальше потом теперь сейчас после нататък сега dalej potem teraz departe apoi acum`))
	// nextSmallWords may stand beside them: "what", "to do", "well", "and".
	nextSmallWords = set(foldWords(`шо що што что чо какво ну та й і и а робити делать правя co i a no robic zrobic ce si mai fac facem`))
)

// andWords begin a follow-up: "und", "and", "aber", "а", "и", "і", "ve",
// "ya", "peki", "و", "și", "ами", "پس"; not the Polish "i" and "a", which
// are English words.
var andWords = set(foldWords(`und aber and but а и і ve ya peki وماذا و și si iar ами پس`))

// asksElsewhere reports whether a message the search answered asks for
// another office's service: it holds one of the words for such services
// (elsewhere), and the words beside them name neither the title of the
// hit's topic (German or English, whole) nor, in a translated language,
// that language's title. "Parkausweis … schwerbehindert" is the city's
// parking office, though "schwerbehindert" begins the
// Schwerbehindertenausweis' title.
func asksElsewhere(kb *knowledge.Base, h index.Hit, words, elsewhere []string, lang string) bool {
	if len(words) > maxElsewhereWords {
		// A longer message tells of other offices besides its question
		// ("laut Rentenversicherung voll erwerbsgemindert … stockt das
		// Sozialamt auf?"); a story's asking sentence is read by
		// storyAsksElsewhere.
		return false
	}
	return elsewhereAsked(kb, h, words, elsewhere, lang)
}

// storyAsksElsewhere reports whether a story asks for another office's
// service in the sentence that asks ("… Nächstes Jahr will ich in Rente
// gehen. Wo stelle ich den Rentenantrag?"): the life told before may name
// our topics, the question is not ours. Not where that sentence names the
// title of any topic of ours or the office ("… stockt das Sozialamt
// auf?"); not from the sentences before, which tell what the person
// already gets ("Kindergeld kriegen wir schon. Wo krieg ich da Hilfe?").
func storyAsksElsewhere(kb *knowledge.Base, h index.Hit, q string, elsewhere []string, lang string) bool {
	if len(elsewhere) == 0 {
		return false
	}
	other := foldWords(strings.Join(elsewhere, " "))
	// Its last clause: "der Nachbar hat nen Parkausweis und nen Ausweis mit
	// G, wie kommt man da ran" asks for the Ausweis.
	clauses := strings.Split(askingSentence(q), ",")
	_, words := splitWords(clauses[len(clauses)-1])
	if slices.ContainsFunc(without(words, other), func(w string) bool { return namesAnyTitle(kb, w) }) {
		return false
	}
	asked := slices.DeleteFunc(slices.Clone(elsewhere), func(e string) bool {
		return !slices.ContainsFunc(foldWords(e), func(f string) bool { return slices.Contains(words, f) })
	})
	return len(asked) > 0 && elsewhereAsked(kb, h, words, asked, lang)
}

// askingSentence is the last sentence of a story that asks (ends in "?"),
// else its last sentence.
func askingSentence(q string) string {
	ss := storySentences(q)
	if len(ss) == 0 {
		return q
	}
	for i := len(ss) - 1; i >= 0; i-- {
		if strings.Contains(ss[i], "?") {
			return ss[i]
		}
	}
	return ss[len(ss)-1]
}

// elsewhereAsked is asksElsewhere without the limit of length.
func elsewhereAsked(kb *knowledge.Base, h index.Hit, words, elsewhere []string, lang string) bool {
	if len(elsewhere) == 0 {
		return false
	}
	other := foldWords(strings.Join(elsewhere, " "))
	for i, w := range words {
		if i+1 < len(words) && secondWords[words[i+1]] && slices.Contains(other, w) {
			// "Arbeitslosengeld 2" is the Bürgergeld's old name; the search
			// reads no numbers, and saw "Arbeitslosengeld" (I).
			other = slices.DeleteFunc(other, func(o string) bool { return o == w })
		}
		if slices.Contains(other, w) && (slices.ContainsFunc(words[max(0, i-2):min(len(words), i+4)], func(v string) bool { return endingWords[v] }) || i > 0 && smallWords[words[i-1]]) {
			// "ALG 1 läuft aus, was dann?", "kleine Witwenrente, wer hilft
			// mir": the other office's money ends or is too little; the
			// person asks what comes after it, which may be ours.
			other = slices.DeleteFunc(other, func(o string) bool { return o == w })
		}
	}
	if len(other) == 0 {
		return false
	}
	rest := without(words, other)
	t := kb.Topic(topicOfHit(kb, h))
	if namesTitle(t, rest) || beginsTitle(kb, t, rest) {
		return false
	}
	return lang == "de" || lang == "en" || !namesTitleIn(kb, topicOfHit(kb, h), rest, lang)
}

// endingWords and smallWords are index.MoneyEnds and index.MoneySmall as
// messages fold them; a short message also ends its money with "hört auf"
// and "reichen"/"enough"; the search leaves them out (with them it
// answered a tuning question confidently wrong).
var (
	endingWords = set(foldWords(strings.Join(index.MoneyEnds, " ") + " hort hoert reichen enough nach after"))
	smallWords  = set(foldWords(strings.Join(index.MoneySmall, " ")))
)

// beginsTitle reports whether one of words is a compound that begins with
// a word of the topic's German or English title: "Elterngeldantrag".
func beginsTitle(kb *knowledge.Base, t *knowledge.Topic, words []string) bool {
	if t == nil {
		return false
	}
	for _, tw := range titleWordsOf(kb, t.ID, "en").naming {
		if len(tw) < 6 || commonTitleWords[tw] {
			continue
		}
		if slices.ContainsFunc(words, func(w string) bool { return len(w) > len(tw) && strings.HasPrefix(w, tw) }) {
			return true
		}
	}
	return false
}

// namesTitleIn reports whether one of words is a word of the topic's title
// in lang, or that word with another ending of one letter or two: "пособие"
// names "пособия", but "крупный" (large) does not name "крупных городов"
// (large cities). Letters, not bytes, are counted.
func namesTitleIn(kb *knowledge.Base, topic string, words []string, lang string) bool {
	for _, tw := range titleWordsOf(kb, topic, lang).naming {
		t := []rune(tw)
		if len(t) < 6 || commonTitleWords[tw] {
			continue
		}
		for _, w := range words {
			if r := []rune(w); len(r) >= 5 && commonRunes(r, t) >= min(len(t)-1, 10) {
				return true
			}
		}
	}
	return false
}

// commonRunes is how many letters a and b begin with alike.
func commonRunes(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// withoutOpening is a message without the greetings and excuses it begins
// with ("Hallo, …", "Entschuldigen Sie bitte, …", "Merhaba, …"); the
// message itself when they are all of it.
func withoutOpening(q string) string {
	orig, words := splitWords(q)
	n := 0
	for n < len(words) && (openerGreetings[words[n]] || excuseWords[words[n]] || greetingWords[words[n]] && !assent[words[n]] ||
		n > 0 && (pleaseWords[words[n]] || addressWords[words[n]])) {
		n++
	}
	if n == 0 || n == len(words) {
		return q
	}
	// Cut after the n-th word as written, keeping the rest's punctuation.
	at := 0
	for _, w := range orig[:n] {
		at += strings.Index(q[at:], w) + len(w)
	}
	return strings.TrimLeft(q[at:], " ,.;:!-–")
}

// addressWords follow a greeting or excuse: "Entschuldigen Sie", "Hallo
// zusammen", "hi all".
var addressWords = set(foldWords(`sie zusammen leute alle ihr all everyone guys`))

// secondWords number the second of a benefit: "Arbeitslosengeld 2", "ALG II".
var secondWords = set(strings.Fields(`2 ii`))

// smallTalk reports whether a message is small talk with the bot and
// nothing else: it asks how the bot is, who or what it is ("wie geht's
// dir", "bist du ein Mensch", "как дела", "nasılsın"), and every other
// word is an opener's or a word for the bot.
func smallTalk(words []string) bool {
	used := make([]bool, len(words))
	found := false
	for _, p := range smallTalkCues {
		if i := find(words, p); i >= 0 {
			found = true
			mark(used, i, len(p))
		}
	}
	if !found {
		return false
	}
	for i, w := range words {
		if !used[i] && !botWords[w] && !openerGreetings[w] && !openerWords[w] && !followupWords[w] && !stopWords[w] && !greetingWords[w] {
			return false
		}
	}
	return true
}

// smallTalkCues ask the bot how it is or what it is, in the ten languages.
var smallTalkCues = foldCues("wie geht es dir", "wie gehts dir", "wie geht's dir", "wie geht es ihnen", "wer bist du", "was bist du",
	"bist du ein", "bist du eine", "how are you", "who are you", "what are you", "are you a", "are you real",
	"nasılsın", "nasilsin", "naber", "sen kimsin", "kimsin", "كيف حالك", "من انت", "من أنت", "как дела", "как ты", "кто ты", "ты кто", "ты бот",
	"як справи", "як ти", "хто ти", "ти хто", "jak się masz", "jak sie masz", "kim jesteś", "kim jestes", "ce faci", "cine ești", "cine esti",
	"как си", "кой си", "حالت چطوره", "خوبی", "تو کی هستی", "کی هستی")

// botWords speak of the bot itself.
var botWords = set(foldWords(`bot chatbot roboter robot maschine machine mensch human person echter echte real ki ai
	бот робот человек людина bota robotu insan yapay روبوت بوت ربات آدم człowiek człowiekiem om`))

// maxElsewhereWords is the longest message asksElsewhere reads as a
// question for another office.
const maxElsewhereWords = 12
