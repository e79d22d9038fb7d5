package answer

import (
	"slices"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// switchTo is the hit, among the first three topics the search found, that
// a follow-up names strongly enough to leave the conversation's topic t
// for it: by a word of its title or by a keyword that at most two topics
// share ("Fahrdienst" … "wie krieg ich den Schwerbehindertenausweis",
// "Elterngeld" … "wir haben Mietschulden"), where t neither is named nor
// speaks of that word. The benefit a person gets ("wir kriegen Wohngeld")
// and the words of their means beside an amount ("1400 netto Rente") tell
// who they are and name nothing. ok is false when there is none.
//
// A message that points back ("zählt da mein Erspartes?") switches only by
// a word of a title.
func switchTo(kb *knowledge.Base, t *knowledge.Topic, hits []index.Hit, words, rest []string, lang string, refers bool) (index.Hit, bool) {
	if t == nil || len(hits) == 0 {
		return index.Hit{}, false
	}
	amount := hasAmount(words)
	// A place asks for the office there; it switches no topic, though a
	// topic's keywords hold it ("Seniorenbüro" … "in Brackel").
	places := placeWords(kb)
	cand := slices.DeleteFunc(without(withoutPersons(rest), received(words)), func(w string) bool {
		return savingsWords[w] || isStatus(w) || amount && meansWords[w] || places[w]
	})
	if len(cand) == 0 || namesTopic(kb, index.Hit{ID: t.ID, Kind: index.KindTopic}, cand, lang) {
		return index.Hit{}, false
	}
	// A compound written apart counts whole, though its parts are small
	// words or the conversation's topic speaks of them ("neu zugewanderte").
	compounds := joined(words)
	own := namingWords(kb)[t.ID]
	cand = slices.DeleteFunc(cand, func(w string) bool {
		held, _ := speaks(kb, t, lang, readWords([]string{w}))
		return own[w] || own[lightStem(w)] || held > 0
	})
	// A title, or a keyword of that topic alone: "was ist mit Blindengeld?"
	// is Blindengeld, though the Sozialamt's contacts list the word too,
	// and "Bochum" (Elterngeld, Versorgungsamt) names neither.
	seen := map[string]bool{t.ID: true}
	for i, h := range hits {
		u := topicOfHit(kb, h, hits[:i]...)
		if u == "" || seen[u] {
			continue
		}
		if seen[u] = true; len(seen) > 4 {
			break
		}
		if h.Kind != index.KindTopic {
			continue
		}
		if slices.ContainsFunc(compounds, func(w string) bool { return titleWord(kb, u, w, lang) }) {
			return h, true
		}
		for _, w := range cand {
			if namesTitleWord(kb, u, w, lang) && !commonTitleWord(kb, w, lang) || !refers && strongKeyword(kb, u, w, 1) {
				return h, true
			}
		}
	}
	// A long keyword of one topic alone names it where the search ranked
	// it low: "mein Enkel braucht Nachhilfe, zahlt das die Stadt?".
	for i := range kb.Topics {
		u := &kb.Topics[i]
		if u.ID == t.ID || refers {
			continue
		}
		for _, w := range cand {
			if len(w) >= 8 && strongKeyword(kb, u.ID, w, 1) {
				return index.Hit{ID: u.ID, Kind: index.KindTopic, Title: u.Title.DE, Score: hits[0].Score}, true
			}
		}
	}
	return index.Hit{}, false
}

// joined are the words of a compound written apart, each pair of
// neighbours as one ("neu zugewanderte": "neuzugewanderte").
func joined(words []string) []string {
	var out []string
	for i := 1; i < len(words); i++ {
		out = append(out, words[i-1]+words[i])
	}
	return out
}

// titleCompounds are the compounds written apart among words that are a
// word of a topic's German or English title ("Dortmund Pass").
func titleCompounds(kb *knowledge.Base, words []string) []string {
	titles := compoundCache.get(kb, func() map[string]bool {
		m := map[string]bool{}
		for i := range kb.Topics {
			for _, w := range titleWordsOf(kb, kb.Topics[i].ID, "en").naming {
				if w = strings.ReplaceAll(w, "-", ""); len(w) >= 6 && !commonTitleWords[w] {
					m[w] = true
				}
			}
		}
		return m
	})
	return slices.DeleteFunc(joined(words), func(w string) bool { return !titles[w] })
}

var compoundCache = cache[*knowledge.Base, map[string]bool]{max: maxCachedBases}

// titleWord reports whether w is a word of the topic's title as it stands
// (hyphens aside), one of six letters or more that names it.
func titleWord(kb *knowledge.Base, topic, w, lang string) bool {
	if len(w) < 6 || commonTitleWords[w] {
		return false
	}
	return slices.ContainsFunc(titleWordsOf(kb, topic, lang).naming, func(tw string) bool { return strings.ReplaceAll(tw, "-", "") == w })
}

// namesTitleWord reports whether w is a word of the topic's title, or
// an inflection of one ("obdachlos", "Schwerbehindertenausweises"), or
// begins with a long one ("Elterngeldantrag"); a short title word at the
// start of a compound names another thing ("Pflegeeltern" is no "Pflege").
func namesTitleWord(kb *knowledge.Base, topic, w, lang string) bool {
	return titleHolds(titleWordsOf(kb, topic, lang).naming, w)
}

// titleHolds reports whether a title's folded words hold w as
// namesTitleWord reads it.
func titleHolds(title []string, w string) bool {
	w = strings.ReplaceAll(w, "-", "")
	for _, tw := range title {
		tw = strings.ReplaceAll(tw, "-", "")
		if len(tw) < 6 || commonTitleWords[tw] {
			continue
		}
		short, long := min(len(w), len(tw)), max(len(w), len(tw))
		if commonPrefix(w, tw) == short && (long-short <= 2 && short >= 6 || short >= 10) {
			return true
		}
	}
	return false
}

// commonTitleWord reports whether three topics' titles or more hold the
// word ("Behinderung": the Fahrdienst, the Schwerbehindertenausweis,
// Eingliederungshilfe): it tells about the person, it names none of them.
// A title that says the topic is not the word's counts too: "Sozialamt" is
// in the titles of its contacts, of Wohngeld and the WBS ("nicht das
// Sozialamt"), and a follow-up that speaks of it changes no topic.
func commonTitleWord(kb *knowledge.Base, w, lang string) bool {
	n := 0
	for i := range kb.Topics {
		if titleHolds(titleWordsOf(kb, kb.Topics[i].ID, lang).full, w) {
			if n++; n >= 3 {
				return true
			}
		}
	}
	return false
}

// namingTitle is the topic's German title and its title in lang, less what a
// title says the topic is not: "Wohngeld: nicht das Sozialamt, sondern die
// Wohngeldstelle" is not named by "Sozialamt", which the Sozialamt's own
// contact topic is.
func namingTitle(t *knowledge.Topic, lang string) string {
	return withoutNegated(t.Title.DE) + " " + withoutNegated(t.Title.In(lang))
}

// titleWords are the folded words of a topic's German title and its title
// in one language: naming those of namingTitle, full all of them.
type titleWords struct{ naming, full []string }

// titleWordsOf are the title words of a topic in lang, read once per
// knowledge base.
func titleWordsOf(kb *knowledge.Base, topic, lang string) titleWords {
	if !IsLang(lang) {
		lang = "de"
	}
	return titleCache.get(kb, func() map[string]titleWords {
		m := map[string]titleWords{}
		for i := range kb.Topics {
			t := &kb.Topics[i]
			for _, l := range Langs {
				m[t.ID+" "+l] = titleWords{naming: foldWords(namingTitle(t, l)), full: foldWords(t.Title.DE + " " + t.Title.In(l))}
			}
		}
		return m
	})[topic+" "+lang]
}

var titleCache = cache[*knowledge.Base, map[string]titleWords]{max: maxCachedBases}

// withoutNegated is a title without each part, up to the next comma,
// colon or bracket, that begins with a word of negation.
func withoutNegated(title string) string {
	var b strings.Builder
	cut := false
	for _, f := range strings.FieldsFunc(title, func(r rune) bool { return r == ' ' }) {
		if negations[strings.ToLower(strings.Trim(f, ",;:()–"))] {
			cut = true
		}
		if !cut {
			b.WriteString(f + " ")
		}
		if strings.ContainsAny(f, ",;:()–") && !strings.HasPrefix(f, "(") {
			cut = false
		}
	}
	return b.String()
}

var negations = set(strings.Fields(`nicht kein keine not no`))

// strongKeyword reports whether w (or its light stem) is a word of six
// letters or more of the topic's keywords that at most share topics' titles
// or keywords use.
func strongKeyword(kb *knowledge.Base, topic, w string, share int) bool {
	nw := namingWords(kb)
	for _, k := range []string{w, lightStem(w)} {
		if len(k) < 6 || !nw[topic][k] {
			continue
		}
		n := 0
		for _, words := range nw {
			if words[k] {
				n++
			}
		}
		if n <= share {
			return true
		}
	}
	return false
}

// namingWords are, per topic id, the folded words (and light stems) of its
// titles and of its keywords of one word ("Ausweis verloren" does not make
// "Ausweis" a name), function and common words aside.
func namingWords(kb *knowledge.Base) map[string]map[string]bool {
	return namingCache.get(kb, func() map[string]map[string]bool {
		out := map[string]map[string]bool{}
		for i := range kb.Topics {
			t := &kb.Topics[i]
			m := map[string]bool{}
			text := namingTitle(t, "en")
			for _, k := range t.Keywords {
				if len(foldWords(k)) == 1 {
					text += " " + k
				}
			}
			for _, w := range foldWords(text) {
				if len(w) < 4 || isDigits(w) || followupWords[w] || stopWords[w] || commonTitleWords[w] || personWords[w] {
					continue
				}
				m[w], m[lightStem(w)] = true, true
			}
			out[t.ID] = m
		}
		return out
	})
}

// keywordWords are the folded words of a topic's keywords, of one word or
// more ("Krankengeld vorbei": "krankengeld", "vorbei").
func keywordWords(t *knowledge.Topic) []string {
	return foldWords(strings.Join(t.Keywords, " "))
}

var namingCache = cache[*knowledge.Base, map[string]map[string]bool]{max: maxCachedBases}

// meansWords speak of a person's income or pension beside an amount ("meine
// Rente ist 1400 netto"): who they are, not the topic asked about.
var meansWords = set(strings.Fields(`rente renten altersrente einkommen lohn gehalt netto brutto euro eur verdien verdiene verdienen
	verdient pension income salary wage wages net gross earn earns`))

// gradeWords name a grade a person has beside its number ("Pflegegrad 3",
// "GdB 50"): who they are, not the topic asked about.
var gradeWords = set(strings.Fields(`pflegegrad pflegegrads pflegestufe grad gdb behinderungsgrad merkzeichen`))

// savingsWords speak of what a person owns, which every means-tested
// topic asks about: "zählt da mein Erspartes?" names none of them.
var savingsWords = set(strings.Fields(`erspartes ersparnis ersparnisse erspartem vermogen vermoegen sparbuch konto
	savings assets`))

// ownedWords are what a relative has, beside whether they must pay ("meine
// Schwester hat aber Geld, muss die zahlen?").
var ownedWords = set(strings.Fields(`geld haus hauser eigentum eigentumswohnung grundstuck grundstueck immobilie immobilien auto
	erbe reich money house property`))

// onlyHoldings reports whether the words of a statement about the person
// say little more than what they own, earn or are ("mein Mann und ich
// haben aber ein kleines Haus", "ich bin Student und verdien 600 im
// Monat"): who they are in the conversation's topic, no need told anew.
func onlyHoldings(fr []string) bool {
	n := 0
	for _, w := range fr {
		if !ownedWords[w] && !savingsWords[w] && !meansWords[w] && !isStatus(w) && !countWords[w] && !hasAmount([]string{w}) {
			n++
		}
	}
	return n <= 1
}

// statusWords say what a person is ("I'm retired", "wir sind Studenten"),
// which many topics ask about: who they are, not what they ask.
var statusWords = set(strings.Fields(`rentner rentnerin rentnern retired pensioner pensionar pensionarin student studentin
	studenten students schwanger pregnant witwe witwer widow widower alleinerziehend alleinerziehende`))

// hasAmount reports whether the words hold a number.
func hasAmount(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool {
		// "50k", "2000€": a number with its unit written on.
		n := strings.TrimRight(w, "0123456789")
		d := strings.TrimLeft(w, "0123456789")
		return isDigits(w) || len(n) == 0 && len(d) < len(w) && amountUnits[d]
	})
}

var amountUnits = set(strings.Fields(`k tsd € eur euro`))

// tellsAboutPerson reports whether a message is a short statement about the
// person asking, not a question: "ich wiege 130 kilo", "meine Rente ist
// 1400 netto", "ich bin schwanger, 14. Woche", "meine Mutter ist im Heim,
// ich bin der Sohn", "male, 45". In a conversation it asks the topic again
// for that person.
func tellsAboutPerson(q string, sig signals) bool {
	if strings.ContainsAny(q, "?؟") || sig.aspect != "" || len(sig.words) > 15 || len(sig.words) == 0 {
		return false
	}
	for _, w := range sig.words {
		if questionWords[w] {
			return false
		}
	}
	// "sie ist 9 und geht in die 3. Klasse": the person asked about.
	self := slices.ContainsFunc(sig.words, func(w string) bool { return selfWords[w] }) || thirdPerson[sig.words[0]]
	// "ich bekomme Bürgergeld": what the person gets.
	return self && (hasAmount(sig.words) || aboutPerson(sig.words) || slices.ContainsFunc(sig.words, isStatus) || len(received(sig.words)) > 0 ||
		slices.ContainsFunc(sig.words, func(w string) bool { return personWords[w] })) ||
		hasAmount(sig.words) && len(sig.words) <= 3 ||
		// "mit hartz": a few words that say only what the person lives on.
		len(sig.words) <= 4 && len(sig.rest) > 0 && len(without(sig.rest, received(sig.words))) == 0
}

// isStatus reports whether a word says what a person is (statusWords, and
// "pensioner" in the other languages: "я пенсіонерка", "emekliyim").
func isStatus(w string) bool {
	return statusWords[w] || slices.ContainsFunc(statusPrefixes, func(p string) bool { return strings.HasPrefix(w, p) })
}

var statusPrefixes = []string{"пенсіонер", "пенсионер", "emekli", "emeryt", "pensionar", "متقاعد", "بازنشسته"}

// selfWords speak of the person writing and their own.
var selfWords = set(strings.Fields(`ich mein meine meiner meinem meinen meins wir unser unsere unserer unserem unseren
	bin hab habe i i'm my we our я мені мій моя мы мне мой ми ben benim biz ja mój moja eu أنا انا نحن`))

// thirdPerson begin a statement about the person asked about.
var thirdPerson = set(strings.Fields(`er sie he she`))

// questionWords ask; a sentence with one is no statement about the person.
var questionWords = set(strings.Fields(`wie was wer wo wann warum wieso weshalb welche welcher welches welchen welchem
	wohin woher kann konnen darf muss how what who where when why which can could`))

// registersElsewhere reports whether a message names a service of another
// office by two words of one of the knowledge base's elsewhere pairs ("Wie
// melde ich mein Auto ab?", "how do I register my car?": the
// Zulassungsstelle's or the tax office's, not the Sozialamt's, though the
// Fahrdienst speaks of a car).
func registersElsewhere(kb *knowledge.Base, words []string) bool {
	for _, p := range elsewherePairs(kb) {
		if slices.ContainsFunc(words, func(w string) bool { return p.things[w] }) && p.verbIn(words) {
			return true
		}
	}
	return false
}

// pair is an elsewhere pair read for matching: folded words, and the
// separable verbs as prefix and stem ("abmelden": "ab", "meld").
type pair struct {
	verbs, things map[string]bool
	split         []separable
}

type separable struct{ prefix, stem string }

// verbIn reports whether the words hold one of the pair's verbs, whole or
// split as German writes it: "melde … ab", "lasse … zu".
func (p pair) verbIn(words []string) bool {
	for i, w := range words {
		if p.verbs[w] {
			return true
		}
		for _, s := range p.split {
			if strings.HasPrefix(w, s.stem) && slices.Contains(words[i+1:], s.prefix) {
				return true
			}
		}
	}
	return false
}

// separablePrefixes begin German verbs that split ("anmelden" → "melde … an").
var separablePrefixes = []string{"an", "ab", "um", "zu"}

func elsewherePairs(kb *knowledge.Base) []pair {
	return pairCache.get(kb, func() []pair {
		var out []pair
		for _, e := range kb.ElsewherePairs {
			p := pair{verbs: set(foldWords(strings.Join(e.Verbs, " "))), things: set(foldWords(strings.Join(e.Things, " ")))}
			for v := range p.verbs {
				for _, pre := range separablePrefixes {
					// The stem without its ending: "melden" → "meld".
					if rest := strings.TrimPrefix(v, pre); rest != v && strings.HasSuffix(rest, "en") && len(rest) >= 5 {
						p.split = append(p.split, separable{pre, strings.TrimSuffix(rest, "en")})
					}
				}
			}
			out = append(out, p)
		}
		return out
	})
}

var pairCache = cache[*knowledge.Base, []pair]{max: maxCachedBases}

// personSignals are the signals of a statement about the person, read for
// the aspect without its numbers (an age of 72 is no "§ 72"); with no
// words of a section, the aspect asked before goes on ("was kostet das?"
// … "ich hab unter 2000 euro rente").
func personSignals(sig signals, last Aspect) signals {
	var keep []string
	for _, f := range strings.Fields(sig.query) {
		if !hasAmount(foldWords(f)) {
			keep = append(keep, f)
		}
	}
	sig.query = strings.Join(keep, " ")
	if len(sig.cues) == 0 && last == AspectNone && (len(received(sig.words)) > 0 || aboutPerson(sig.words) ||
		slices.ContainsFunc(sig.words, func(w string) bool { return meansWords[w] || savingsWords[w] })) {
		// "ich bekomme Bürgergeld", "ich lebe allein und verdiene 19000
		// im Jahr", "ich bin 52 und voll erwerbsgemindert": whether that
		// person gets it too, within its limits.
		last = AspectWho
	}
	if len(sig.cues) == 0 && last != AspectNone {
		sig.aspect, sig.cues = last, map[Aspect]int{last: 1}
	}
	return sig
}

// onlyPlaceOrNumber reports whether every word is a place or a number
// ("44147", "Eving").
func onlyPlaceOrNumber(kb *knowledge.Base, words []string) bool {
	places := placeWords(kb)
	return !slices.ContainsFunc(words, func(w string) bool { return !places[w] && !isDigits(w) })
}

// newSubject reports whether a message says outright that it asks about
// something else ("ganz andere Frage", "mal was anderes", "something else").
func newSubject(words []string) bool {
	return slices.ContainsFunc(newSubjectCues, func(c []string) bool { return find(words, c) >= 0 })
}

var newSubjectCues = foldCues("andere frage", "anderen frage", "andere sache", "was anderes", "etwas anderes", "anderes thema",
	"neues thema", "themawechsel", "something else", "another question", "different question", "other question",
	"another thing", "unrelated")

// verbsOnly reports whether each word of a German message is one the
// knowledge base uses or has the shape of an infinitive ("abgeben",
// "einreichen"): a verb says how, not about what; a noun it does not know
// ("Pizza") would speak of something else.
func verbsOnly(kb *knowledge.Base, words []string, lang string) bool {
	if lang != "de" || len(words) == 0 {
		return false
	}
	v := vocabOf(kb)
	return !slices.ContainsFunc(words, func(w string) bool {
		return !v.used[w] && !v.used[lightStem(w)] && !(len(w) >= 6 && strings.HasSuffix(w, "en"))
	})
}

// localBehind is the topic with one office per Stadtbezirk among the first
// three topics of a search, behind a first topic without such offices and
// scoring at least localShare of it; "" when there is none.
func localBehind(kb *knowledge.Base, hits []index.Hit) string {
	if len(hits) == 0 {
		return ""
	}
	first := kb.Topic(topicOfHit(kb, hits[0]))
	if first == nil || first.LocalOffices {
		return ""
	}
	seen := map[string]bool{first.ID: true}
	for i, h := range hits[1:] {
		id := topicOfHit(kb, h, hits[:i+1]...)
		if id == "" || seen[id] {
			continue
		}
		if u := kb.Topic(id); u != nil && u.LocalOffices && h.Score >= localShare*hits[0].Score {
			return id
		}
		if seen[id] = true; len(seen) >= 3 {
			break
		}
	}
	return ""
}

// localShare: a topic with local offices this close behind the first is
// what a place named next may ask for (calibrated on the tuning files).
const localShare = 0.6

// onlyAsks reports whether a message is a question word or "und" alone,
// with particles at most: "und?", "wann?", "und dann?", "why?".
func onlyAsks(words []string) bool { return holdsOnly(words, askWords, particles, assent) }

// holdsOnly reports whether words hold a word of key and besides it only
// words of key or of the other sets.
func holdsOnly(words []string, key map[string]bool, others ...map[string]bool) bool {
	found := false
	for _, w := range words {
		switch {
		case key[w]:
			found = true
		case !slices.ContainsFunc(others, func(o map[string]bool) bool { return o[w] }):
			return false
		}
	}
	return found
}

var askWords = set(strings.Fields(`und wann warum wieso weshalb wie was wer and when why how what who`))

// whenSignals read "wann?" alone as by when (deadlines), or as when the
// office is open (where) for a topic without deadlines; "wer?" as who.
func whenSignals(sig signals, prof *profile) signals {
	a := AspectNone
	switch {
	case slices.Contains(sig.words, "wann") || slices.Contains(sig.words, "when"):
		a = AspectWhere
		if prof.sections[AspectDeadlines] != nil {
			a = AspectDeadlines
		}
	case slices.Contains(sig.words, "wer") || slices.Contains(sig.words, "who"):
		a = AspectWho
	default:
		return sig
	}
	sig.aspect, sig.cues = a, map[Aspect]int{a: 1}
	return sig
}

// uncommonTitleWords are the words that fewer than three topics' titles hold.
func uncommonTitleWords(kb *knowledge.Base, words []string, lang string) []string {
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool { return commonTitleWord(kb, w, lang) })
}

// endsPointingBack reports whether a message's last clause, of a few words,
// points back ("…, geht das auch?", "…, gilt das dann auch für sie?").
func endsPointingBack(q string) bool {
	clauses := strings.FieldsFunc(q, func(r rune) bool { return strings.ContainsRune(",;.!?:", r) })
	if len(clauses) < 2 {
		return false
	}
	words := foldWords(clauses[len(clauses)-1])
	return len(words) <= 6 && (pronounBack(words) || slices.ContainsFunc(words, func(w string) bool { return pointers[w] && !englishPointers[w] }))
}

// choiceWords pick one of two choices offered; the index is 0 or 1, -1 for
// the last one named.
var choiceWords = map[string]int{
	"erste": 0, "ersten": 0, "erstes": 0, "erster": 0, "ersteres": 0, "eins": 0, "1": 0, "first": 0, "former": 0, "a": 0,
	"zweite": 1, "zweiten": 1, "zweites": 1, "zweiter": 1, "zwei": 1, "2": 1, "second": 1, "latter": 1, "b": 1,
	// "beides": the first of the two, rather than asking "Worum geht es?" again
	"beides": 0, "beide": 0, "both": 0,
	"letzte": 1, "letzten": 1, "letzteres": 1, "letztere": 1, "last": 1, "andere": 1, "anderen": 1, "other": 1,
}

// choiceFiller are the words a reply that picks a choice may have besides
// the ordinal: "ich meine das zweite bitte", "the second one".
var choiceFiller = map[string]bool{
	"das": true, "den": true, "die": true, "der": true, "dem": true, "bitte": true, "ich": true, "meine": true, "meinte": true,
	"nehme": true, "eher": true, "lieber": true, "thema": true, "ok": true, "ja": true, "nein": true, "option": true,
	"the": true, "one": true, "please": true, "i": true, "mean": true, "meant": true, "punkt": true, "von": true, "beiden": true,
	"also": true, "naja": true, "hmm": true, "genau": true, "danke": true,
}

// offer keeps the ids of the two choices asked about.
func offer(alt []index.Hit) [2]string {
	if len(alt) < 2 {
		return [2]string{}
	}
	return [2]string{alt[0].ID, alt[1].ID}
}

// chosen is the choice a reply to "Meinen Sie A oder B?" picks by its
// place ("das zweite", "the first one"); false where the reply says more.
func chosen(kb *knowledge.Base, offered [2]string, words []string) (index.Hit, bool) {
	if offered[0] == "" || len(words) == 0 || len(words) > 6 {
		return index.Hit{}, false
	}
	pick := -1
	for _, w := range words {
		if i, ok := choiceWords[w]; ok {
			if pick >= 0 && pick != i {
				return index.Hit{}, false
			}
			pick = i
		} else if !choiceFiller[w] {
			return index.Hit{}, false
		}
	}
	if pick < 0 {
		return index.Hit{}, false
	}
	id := offered[pick]
	if kb.Topic(id) != nil {
		return index.Hit{ID: id, Kind: index.KindTopic, Score: 1}, true
	}
	if kb.Office(id) != nil {
		return index.Hit{ID: id, Kind: index.KindOffice, Score: 1}, true
	}
	return index.Hit{}, false
}

// elliptic reports whether a message of a few words goes on from the one
// before without a question of its own: "und für meinen Sohn?", "auch in
// der Kurzzeitpflege?", "ok, und wenn man allein lebt?", "and for kids?".
func elliptic(words []string) bool {
	w := words[leadingAssent(words):]
	if len(w) < 2 || len(w) > 8 || !ellipsisStarts[w[0]] && !(len(w) > 2 && (w[0] == "what" || w[0] == "how") && w[1] == "about") {
		return false
	}
	return !slices.ContainsFunc(w, func(x string) bool { return questionWords[x] })
}

// keepsAspect reports whether a message asks the aspect last answered
// again: it is elliptic and has no cue of its own.
func keepsAspect(sig signals, last Aspect) bool {
	return last != AspectNone && len(sig.matches) == 0 && len(sig.cues) == 0 && elliptic(sig.words)
}

// ellipsisStarts begin a message that goes on from the one before.
var ellipsisStarts = set(strings.Fields(`und auch aber also and but`))

// tellsAnew reports whether a message of some length tells a need of its
// own: the search answered it with another topic than t, whose text holds
// more of its words (fr, those that may name a topic, or all of them).
func tellsAnew(kb *knowledge.Base, t *knowledge.Topic, hits []index.Hit, answered bool, words, fr []string, lang string) bool {
	// How many there are ("mit meinen zwei Kindern") tells who, not what.
	fr = slices.DeleteFunc(slices.Clone(fr), func(w string) bool { return countWords[w] })
	if !answered || len(hits) == 0 || len(words) < minTold || len(fr) == 0 {
		return false
	}
	u := kb.Topic(topicOfHit(kb, hits[0]))
	if u == nil || u.ID == t.ID {
		return false
	}
	frRead, wordsRead := readWords(fr), readWords(words)
	hu, _ := speaks(kb, u, lang, frRead)
	ht, _ := speaks(kb, t, lang, frRead)
	wu, _ := speaks(kb, u, lang, wordsRead)
	wt, _ := speaks(kb, t, lang, wordsRead)
	return hu > ht || wu >= wt+2
}

var countWords = set(strings.Fields(`ein eine einen zwei drei vier funf fuenf sechs sieben acht neun zehn beide beiden
	one two three four five six seven eight nine ten both`))

// minTold: a message of fewer words asks about the conversation's topic
// rather than tell a need of its own.
const minTold = 8

// onlyYes reports whether a message says yes and nothing else: "ja",
// "ja genau", "yes please".
func onlyYes(words []string) bool {
	return len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !yesWords[w] })
}

var yesWords = set(strings.Fields(`ja jaa jo jup jep genau richtig bitte gerne gern doch yes yeah yep yup please sure`))

// asksRecommendation reports whether a message asks the bot to rank or
// recommend something ("welche Krankenkasse ist die beste", "kennst du
// einen guten Zahnarzt", "welcher Handyvertrag ist am billigsten", "can you
// recommend a restaurant"): the Sozialamt rates no products or providers.
// "wo stelle ich den Antrag am besten" and "meine beste Freundin" ask
// nothing of the kind, nor does "the best way to apply".
func asksRecommendation(words []string) bool {
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		prev := ""
		if i > 0 {
			prev = words[i-1]
		}
		switch {
		case bestWords[w] && prev != "am" && !friendWords[next]:
			return true
		case w == "best" && prev == "the" && !bestWayWords[next]:
			return true
		case cheapestWords[w] && prev == "am" && len(words) > 0 && strings.HasPrefix(words[0], "welch"):
			return true
		case (strings.HasPrefix(w, "empfehl") || strings.HasPrefix(w, "empfiehl") || strings.HasPrefix(w, "recommend")) && !reportedAdvice[w]:
			return true
		}
	}
	return slices.ContainsFunc(recommendCues, func(c []string) bool { return find(words, c) >= 0 })
}

// asksRanking reports whether a message asks which of several things is
// the best or the cheapest ("welches Pflegeheim ist das beste", "which
// health insurance is the best"): a question word of choice before a word
// of rank.
func asksRanking(words []string) bool {
	choice := false
	for i, w := range words {
		switch {
		case w == "welche" || w == "welcher" || w == "welches" || w == "welchen" || w == "which":
			choice = true
		case choice && (bestWords[w] || w == "best" || w == "cheapest"):
			// "welche Unterlagen bringe ich am besten mit" asks no rank.
			prev, next := "", ""
			if i > 0 {
				prev = words[i-1]
			}
			if i+1 < len(words) {
				next = words[i+1]
			}
			if !(w == "besten" && prev == "am") && !friendWords[next] && !bestWayWords[next] {
				return true
			}
		}
	}
	return false
}

var (
	bestWords     = set(strings.Fields("beste besten bester bestes billigste billigsten gunstigste gunstigsten guenstigste guenstigsten"))
	cheapestWords = set(strings.Fields("billigsten gunstigsten guenstigsten"))
	friendWords   = set(strings.Fields("freundin freund freunde freundinnen kumpel kumpels"))
	bestWayWords  = set(strings.Fields("way ways time option thing place to if"))
	// reportedAdvice tell what someone else advised ("die Lehrerin empfiehlt
	// eine Schulbegleitung", "the doctor recommended a cure"), no advice asked.
	reportedAdvice = set(strings.Fields("empfiehlt empfohlen empfahl recommended recommends"))
	recommendCues  = foldCues("kennst du einen guten", "kennst du eine gute", "kennst du ein gutes", "kennen sie einen guten",
		"kennen sie eine gute", "kennen sie ein gutes", "know a good", "know any good")
)

// strangeLower reports whether a German message written all in small
// letters, whose nouns cannot be told by capitals, holds two words of six
// letters or more that the knowledge base never uses and that are no chat,
// or one such word of nine letters or more ("nudelsalat",
// "handyvertrag billigsten"): it speaks of another domain. Dialect ("die
// werfen misch raus") is shorter.
func strangeLower(kb *knowledge.Base, rest []string) bool {
	n, long := strangeCount(kb, slices.DeleteFunc(slices.Clone(rest), func(w string) bool { return len(w) < 6 }), "de")
	return n >= 2 || long >= 9
}

// siblingDistrict is the Stadtbezirk whose name differs from the name of
// the conversation's district by one word that the message holds:
// "Seniorenbüro Innenstadt-Nord" … "nee ich meine Ost" is Innenstadt-Ost.
// "" when there is none or more than one.
func siblingDistrict(kb *knowledge.Base, current string, words []string) string {
	cur := kb.District(current)
	if cur == nil {
		return ""
	}
	own, found := foldWords(strings.ReplaceAll(cur.Name, "-", " ")), ""
	for _, d := range kb.Districts {
		name := foldWords(strings.ReplaceAll(d.Name, "-", " "))
		if d.ID == current || len(name) != len(own) || len(name) < 2 {
			continue
		}
		diff, word := 0, ""
		for i := range name {
			if name[i] != own[i] {
				diff, word = diff+1, name[i]
			}
		}
		if diff == 1 && slices.Contains(words, word) {
			if found != "" {
				return ""
			}
			found = d.ID
		}
	}
	return found
}

// asksSameFor reports whether a message asks whether what was said holds
// for someone else too ("gilt das auch für meine Oma mit kleiner Rente",
// "does that apply to my wife"): it points back to the conversation's
// topic, whatever it tells about that person.
func asksSameFor(words []string) bool {
	return slices.ContainsFunc(sameForCues, func(c []string) bool { return find(words, c) >= 0 })
}

var sameForCues = foldCues("das auch", "dies auch", "das gleiche", "dasselbe", "that also", "this also", "that apply", "this apply",
	"that work for", "same for")

// thatWords point back to what was said, unlike an article before a noun
// ("kannst du das einfacher erklären?", not "wo ist der nächste Geldautomat").
var thatWords = set(strings.Fields("das dies diese dieses dem dafur dazu davon that this it"))

// guessMin is the score the search's best topic needs, and guessLead its
// lead over the next topic, to be the topic a message the bot asked back
// or declined was most likely about (State.Guess).
const (
	guessMin  = 2.0
	guessLead = 0.5
)

// guessAfter is the topic the bot was not sure of after decision d in a
// conversation without a topic (State.Guess), and sets State.Local to the
// one with an office per Stadtbezirk among those. "Meinen Sie A oder B?":
// the one with local offices where the person's district is known ("oma
// braucht hilfe im alltag, sie wohnt in kirchhoerde"), else none; a message
// asked back or declined: the search's best topic where it stands clear;
// a place alone keeps the guess before it.
func guessAfter(kb *knowledge.Base, st *State, d Decision, before string) string {
	switch {
	case d.Kind == KindAsk && d.Ask == AskChoice && len(d.Choices) > 0:
		local := ""
		for i, h := range d.Choices {
			if t := kb.Topic(topicOfHit(kb, h, d.Choices[:i]...)); t != nil && t.LocalOffices {
				local = t.ID
				break
			}
		}
		if local == "" {
			return ""
		}
		st.Local = local
		if st.District != "" {
			return local
		}
		return ""
	case d.Kind == KindAsk && d.Ask == AskTopic && d.District != "":
		return before // "ich wohne in Eving": still the topic of before
	case d.Kind == KindAsk && d.Ask == AskTopic || d.Kind == KindDeclined && d.Reason == index.ReasonUnsure:
		hits := knownHits(kb, d.Result.Hits)
		if len(hits) == 0 || hits[0].Score < guessMin || !leads(kb, hits, guessLead) {
			return ""
		}
		t := kb.Topic(topicOfHit(kb, hits[0]))
		if t == nil {
			return ""
		}
		if t.LocalOffices {
			st.Local = t.ID
		}
		return t.ID
	}
	return ""
}
