package answer

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// A person's detail in a message ("ich bin 52", "Jahrgang 1960", "ich bin
// die Tante", "wir verdienen zusammen 180.000", "wir sind zu zweit") asks
// whether that person may get it: the aspect who, where nothing else is
// asked strongly, and the rule with the figure leads the answer.

// personDetail reports whether the folded words state a detail of the
// person that the rules of who may get a benefit turn on: an age or year of
// birth, the person's part in a family ("ich bin der Opa", "als Sohn"), an
// income with its amount, the size of the household. (A benefit the person
// gets tells who they are, not what they ask: "ich krieg Bürgergeld, wie
// komm ich da ran?" asks how.)
func personDetail(words []string) bool {
	return askedAge(words) >= 0 || birthYear(words) > 0 || statesIncome(words) || statesRole(words) || household(words)
}

// birthYear is the year of birth a message states ("Jahrgang 1960", "1962
// geboren", "born in 1958"), or 0.
func birthYear(words []string) int {
	for i, w := range words {
		if len(w) != 4 || !isDigits(w) {
			continue
		}
		y, _ := strconv.Atoi(w)
		if y < 1920 || y > 2030 {
			continue
		}
		near := func(j int) bool { return j >= 0 && j < len(words) && birthWords[words[j]] }
		if near(i-1) || near(i+1) || near(i-2) && words[i-1] == "in" {
			return y
		}
	}
	return 0
}

var birthWords = set(strings.Fields(`jahrgang geboren geb baujahr born`))

// statesIncome reports whether a message states an income with its amount
// ("ich verdiene 60000 brutto", "wir haben 190000 zu versteuern").
func statesIncome(words []string) bool {
	amount, income := false, false
	for _, w := range words {
		amount = amount || isDigits(w) && len(w) >= 3
		income = income || incomeWords[w] || strings.HasPrefix(w, "verdien") || strings.HasSuffix(w, "einkommen") || perYearWords[w]
	}
	return amount && income
}

// perYearWords: an amount a year is an income ("21000 Euro im Jahr").
var perYearWords = set(strings.Fields(`jahr jahrlich year yearly annual annually`))

var incomeWords = set(strings.Fields(`brutto netto versteuern gehalt lohn einkommen earn earns earning income salary gross net`))

// statesRole reports whether the writer says what they are to someone:
// "ich bin der Opa", "bin die Tante", "I'm the grandad", "als Sohn".
func statesRole(words []string) bool {
	for i, w := range words {
		j := -1
		switch {
		case w == "bin" || w == "am" || w == "i'm" || w == "im" && i == 0:
			j = i + 1
		case w == "als" || w == "as":
			j = i + 1
		}
		if j < 0 || j >= len(words) {
			continue
		}
		if roleArticles[words[j]] && j+1 < len(words) {
			j++
		}
		if roleWords[words[j]] || roleWords[umlautSpelt(words[j])] {
			return true
		}
	}
	return false
}

var roleArticles = set(strings.Fields(`der die das the a an`))

// roleWords are the parts a person plays in a family, and the standing a
// benefit may turn on ("als Student", "as a pensioner").
var roleWords = set(strings.Fields(`opa oma opi omi grossvater grossmutter tante onkel sohn tochter vater mutter papa mama
	enkel enkelin schwester bruder cousin cousine neffe nichte stiefvater stiefmutter pflegemutter pflegevater
	grandad granddad grandpa grandma grandfather grandmother aunt uncle son daughter father mother dad mum mom
	sister brother nephew niece
	student studentin azubi auszubildender auszubildende rentner rentnerin schuler schulerin
	pensioner retiree apprentice trainee`))

// household reports whether a message says how many live together ("wir
// sind zu zweit", "we are two").
func household(words []string) bool {
	for i := 0; i+2 < len(words); i++ {
		if words[i] == "sind" && words[i+1] == "zu" && strings.HasSuffix(words[i+2], "t") {
			return true
		}
	}
	return false
}

// personCue is what a person's detail counts for the aspect who.
const personCue = strongCue

// figureRule is, for a message that states a person's figure (an income,
// an age, a year of birth) or asks whether the family must pay, the sentence of the topic's text that says the
// rule with that kind of figure (an income limit in €, an age limit), if
// the section shown does not say it: "wir verdienen zusammen 180.000" is
// answered by the Elterngeld's income limit, which its text states with
// what there is, not with who may get it.
func figureRule(t *knowledge.Topic, lang string, question *reading, shown string) string {
	q := foldWords(question.text)
	var sh shape
	var marks [][]string
	switch {
	case familyPays(q):
		sh, marks = shapeMoney, maintenanceMarks // "muss ich als Sohn zahlen?"
	case statesIncome(q):
		sh, marks = shapeMoney, incomeMarks
	case askedAge(q) >= 0 || birthYear(q) > 0:
		sh, marks = shapeAge, ageMarks
	default:
		return ""
	}
	prof := profileOf(t, lang)
	shownWords := prof.sentence(shown)
	if shownWords.hasShape(sh) && holdsAny(shownWords.words, marks) {
		return "" // the section says it
	}
	terms := questionTerms(question, prof)
	best, top := "", 0.0
	for _, s := range t.Sections() {
		for _, sen := range clauses(splitSentences(strings.TrimSpace(s.Text.In(lang)))) {
			ws := prof.sentence(sen)
			if !ws.hasShape(sh) || !holdsAny(ws.words, marks) || utf8.RuneCountInString(sen) > maxExcerpt {
				continue
			}
			if sc := shapeScore + sentenceScore(ws, terms); sc > top {
				best, top = sen, sc
			}
		}
	}
	return best
}

// maintenanceMarks, incomeMarks and ageMarks are the words with which the
// knowledge base states the family's duty to pay, an income limit or an age
// limit.
var (
	maintenanceMarks = foldCues("unterhalt*", "maintenance")
	incomeMarks      = foldCues("*einkommen*", "income", "gesamteinkommen")
	ageMarks         = foldCues("altersgrenze", "geburtsjahr", "age limit", "year of birth", "jahren", "years")
)

// statesMark reports whether a message states the Merkzeichen the person's
// card holds ("der hat nur G im Ausweis", "mit Merkzeichen B"): a detail
// the rules of who may use a service turn on.
func statesMark(words []string) bool {
	card := slices.ContainsFunc(words, func(w string) bool {
		return strings.HasPrefix(w, "merkzeichen") || strings.HasSuffix(w, "ausweis") || w == "card" || w == "pass"
	})
	if !card {
		return false
	}
	for i, w := range words {
		if markWords[w] && i > 0 && markBefore[words[i-1]] {
			return true
		}
	}
	return false
}

var (
	markWords  = set(strings.Fields(`g ag b h bl gl rf`))
	markBefore = set(strings.Fields(`nur hat habe hab mit merkzeichen kein keinen only has have with`))
)

// personSpan is the topic of the need for money to live on that fits what
// a message says of the person: unable to work for a time (Hilfe zum
// Lebensunterhalt), for good or of pension age (Grundsicherung), or able to
// work (Bürgergeld: "bin 34 und kann arbeiten", "ach ne ich bin erst 29
// und such Arbeit"); "" when it says none of them or the knowledge base
// has no such topic.
func personSpan(kb *knowledge.Base, words []string) string {
	if id := spanWanted(kb, words); id != "" {
		return id
	}
	if t := kb.SpanTopic(knowledge.SpanWorking); t != nil && ableToWork(words) {
		return t.ID
	}
	return ""
}

// ableToWork reports whether the words say the person can work or is
// looking for work ("gesund und arbeitslos", "könnte arbeiten, find aber
// nix", "lost my job"), and no denial comes right before the cue ("kann
// nicht arbeiten").
func ableToWork(words []string) bool {
	if works(words) {
		return true
	}
	for _, c := range ableCues {
		i := find(words, c)
		if i >= 0 && !slices.ContainsFunc(words[max(0, i-2):i], func(w string) bool { return denials[w] || mayWords[w] }) {
			return true
		}
	}
	return false
}

var ableCues = foldCues("kann arbeiten", "konnte arbeiten", "koennte arbeiten", "arbeiten kann", "arbeiten konnte", "arbeiten koennte",
	"erwerbsfahig", "erwerbsfaehig", "arbeitsfahig", "arbeitsfaehig", "such arbeit", "suche arbeit", "such nen job", "suche nen job",
	"such einen job", "suche einen job", "suche job", "such job", "arbeitssuchend", "arbeitsuchend", "job verloren", "arbeit verloren",
	"gesund", "can work", "able to work", "looking for work", "looking for a job", "lost my job", "lost his job", "lost her job",
	"out of work", "jobless", "such* ** arbeit", "such* ** job", "such* ** jobs", "such* ** ausbildung*", "such* ** arbeitsstelle",
	"kein* job", "kein* arbeit", "ohne job", "ohne arbeit", "no job", "noch arbeitsfahig", "healthy")

// mayWords before "keine Arbeit" say what the person cannot do, not that
// they have no work: "ich kann keine Arbeit machen".
var mayWords = set(strings.Fields(`kann konnen koennen darf durfen can may`))

// maxSpanWords: a longer message tells a need of its own.
const maxSpanWords = 20

// switchesSpan reports whether a follow-up that says how the person stands
// to work moves the conversation to another topic of the same need: the
// conversation is about money to live on (its topic is one of that need,
// or a message said the money is short): a statement about the person, an
// age beside the person's own words, or a span said outright ("mein Arzt
// sagt, ich kann nie wieder arbeiten") tells it; a question about working
// ("muss ich Arbeit suchen?") does not. In another need's conversation
// only a statement about the person does, where the search found that
// topic among its first three.
func switchesSpan(kb *knowledge.Base, t, u *knowledge.Topic, means, person bool, q string, words []string, hits []index.Hit) bool {
	if u == nil || t == nil || u.ID == t.ID || len(words) == 0 || len(words) > maxSpanWords {
		return false
	}
	if t.NeedSpan == "" && !means {
		// Another need's conversation: only a statement about the person,
		// and the search found that topic too, not the conversation's
		// ("Blindengeld" … "mein Opa ist 85 und sieht fast nix mehr").
		return person && amongFirst(kb, u.ID, hits, 3) && !amongFirst(kb, t.ID, hits, 3)
	}
	// "meine Nachbarin ist 80 und einsam, gibts da Treffen?" asks a
	// question of its own; "und wenn ich erst 40 bin und arbeiten kann?"
	// asks the same for that person.
	if strings.ContainsAny(q, "?؟") && !ellipsisStarts[words[0]] {
		return person
	}
	self := slices.ContainsFunc(words, func(w string) bool { return selfWords[w] })
	return person || self && hasAmount(words) || u.NeedSpan != knowledge.SpanWorking && self
}

// forAnotherPerson reports whether a short message in a language other
// than German or English asks the conversation's topic for another person
// ("çocuklarım için de var mı", "а для моєї мами?", "a dla moich dzieci?"):
// a word of the family in that language, few words besides.
func forAnotherPerson(words []string, lang string) bool {
	if lang == "de" || lang == "en" || len(words) == 0 || len(words) > 6 {
		return false
	}
	return slices.ContainsFunc(words, foreignPerson)
}

// foreignPerson reports whether a folded word names a relative or another
// person in one of the translated languages ("eşim", "مادرم", "dla mamy").
func foreignPerson(w string) bool {
	return foreignPersons[w] || slices.ContainsFunc(foreignPersonStems, func(p string) bool { return strings.HasPrefix(w, p) })
}

// foreignPersons are the family words of tr, ar, fa, pl and ro as messages
// fold them (with their usual endings and possessives: "eşim", my spouse);
// foreignPersonStems begin those of uk, ru, bg (Cyrillic) and ar, fa, whose
// endings vary more.
var (
	foreignPersons = set(foldWords(`annem anneme annemin babam babama babamin cocugum cocuguma cocuklarim cocuklarima
		cocuklarimin cocuklar cocuk oglum ogluma kizim kizima esim esime karim karima kocam kocama dedem nenem ninem babaannem
		anneannem kardesim kardesime ablam abim torunum komsum komsuma
		mama mamy mamie mamą ojciec ojca taty tata dziecko dzieci dziecka dzieciom syn syna synowi corka corki corce zona zony
		zonie maz meza mezowi babcia babci dziadek dziadka brat brata siostra siostry sasiad sasiadka
		mama mamei tata tatal copil copii copilul copiilor fiul fiica sotia sotiei sotul sotului bunica bunicul
		eşim oğlum kızım çocuğum çocuklarım kardeşim kocam karım teyzem halam dayım dayim amcam arkadaşım arkadasim kayınvalidem kayinvalidem
		زوجي زوجتي مرتي جوزي امي أمي ابوي ابي أبي بنتي ابني اخوي اخي أخي اختي أختي جدتي جدي ستي عمي خالي عمتي خالتي
		جاري جارتي مرة المرة بنت البنت ولد الولد الاولاد ولادي اولادي الزوجة الزوج زوجة زوج
		برادرم خواهرم مادرم پدرم همسرم شوهرم زنم پسرم دخترم بچم بچهام بچههام بچهها مادربزرگم پدربزرگم دوستم همسایهام همسایم`))
	foreignPersonStems = []string{"мам", "тат", "бать", "бат", "діт", "дити", "дитя", "сина", "сину", "доньк", "дочк", "доч", "бабус", "дідус",
		"дружин", "чоловік", "брат", "сестр", "сусід", "пап", "отц", "отец", "мать", "матер", "дет", "ребен", "ребён", "сын",
		"бабушк", "дедушк", "жен", "муж", "сосед", "майк", "баща", "дете", "деца", "съпруг",
		"أمي", "لأمي", "والد", "أبي", "لأبي", "ابني", "لابني", "ابنتي", "أطفالي", "لأطفالي", "زوجتي", "لزوجتي", "زوجي", "جدتي", "جدي",
		"مادر", "پدر", "بچه", "فرزند", "همسر", "پسر", "دختر"}
)
