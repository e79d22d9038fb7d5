package answer

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// namesNoTopic reports whether a short message names no topic: none of its
// words (rest, the words no cue explains) is a word that names a topic or a
// place, yet each is a word the knowledge base uses somewhere ("ich weiß
// nicht weiter", "ich möchte einen Antrag stellen"). Such a message is asked
// back rather than answered from one common word. A word the knowledge base
// never uses ("Wetter", "Pizza") is left to the search, which declines it;
// where nouns is not nil (a German message written with capitals), only an
// unknown noun is: "Mir geht es finanziell schlecht" is asked back. found
// tells that the search found a topic.
func namesNoTopic(kb *knowledge.Base, rest []string, msg, lang string, found bool) bool {
	if len(rest) == 0 {
		return false
	}
	nouns, caps := germanNouns(msg, lang), capitalWords(msg, true)
	v := vocabOf(kb)
	places := placeWords(kb)
	// A person or money a topic's keywords name ("Oma", "Geld") names it
	// only beside a word of content ("Meine Oma braucht Hilfe im
	// Haushalt"); "Es geht um meine Mutter", "Wann kommt mein Geld?" say
	// only who or what any office could be asked about.
	// "die Tochter von Frau Meier": the name after "Frau", a word the
	// knowledge base does not use, names nothing ("eine Frau schlafen" does).
	var named []string
	for i, w := range rest {
		if i == 0 || !titleOfAddress[rest[i-1]] || v.used[w] || v.names[w] {
			named = append(named, w)
		}
	}
	rest = named
	content := slices.ContainsFunc(rest, func(w string) bool {
		return len(w) >= 4 && !namesNothing(w) && !saysWho(w) && !verbLike(v, w, lang)
	})
	for _, w := range rest {
		if namesNothing(w) || saysWho(w) && (!content || !v.names[w] && !v.names[lightStem(w)]) {
			continue
		}
		if u := umlautSpelt(w); u != w && !v.used[w] && (v.used[u] || v.names[u]) {
			w = u // "persoenlich"
		}
		s := lightStem(w)
		// "the city" in English is the council, not a place.
		if v.names[w] || v.names[s] || places[w] && !(lang == "en" && commonTitleWords[w]) || isDigits(w) || v.compound(w) {
			return false
		}
		if verbLike(v, w, lang) {
			// "gekriegt", "abgelehnt", "wollte", "drauf": a verb or a
			// pointer the knowledge base happens not to use is no sign of
			// another domain, as an unknown noun ("Wetter") is.
			continue
		}
		if v.strange(w, nouns) || found && len(w) >= 4 && !v.used[w] && !v.used[s] && (nouns == nil || caps[w]) {
			// A noun the knowledge base does not use, where the search
			// found a topic, is likely a misspelt name: "Grundsischerung".
			return false
		}
	}
	return true
}

// titleOfAddress are the words before a person's name.
var titleOfAddress = set(strings.Fields(`frau herr herrn mr mrs ms`))

// namesNothing reports whether a word names nothing a message could be
// about: a greeting, the people who send the person, a paper of any
// office, a word of asking ("Guten Abend, ich brauche eine Information",
// "meine Betreuerin sagt …", "ich hab nen Brief vom Amt gekriegt").
func namesNothing(w string) bool {
	return greetingWords[w] || helperWords[w] || paperWords[w] || everydayWords[w]
}

// saysWho reports whether w is a person (not a child: "ich bekomme ein
// Baby" asks for Elterngeld) or money in general.
func saysWho(w string) bool {
	return personWords[w] && !childWords[w] || moneyWords[w]
}

// moneyWords are money in general, which every benefit is.
var moneyWords = set(strings.Fields(`geld money kohle knete`))

// childWords are the person words that do name what a message is about:
// "ich bekomme ein Baby" asks for Elterngeld.
var childWords = set(strings.Fields(`kind kinder kindern baby child children`))

// mayName are the words that may name something: not namesNothing, nor
// the person asked about or money ("Mein Sohn", "mein Geld").
func mayName(words []string) []string {
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool { return namesNothing(w) || saysWho(w) })
}

// paperWords are the words for the paperwork of any office: an
// application, an appointment, a form, an objection (a letter and a
// decision are followupWords). They name no topic of ours, nor another
// office's service: "ich brauche einen Termin" asks back what it is about.
var paperWords = set(strings.Fields(`
	termin termine terminen bescheide bescheiden briefe briefen schreiben antrag antrage antrags antragen
	formular formulare formularen formblatt formblatter unterlagen papiere papieren dokument dokumente
	dokumenten nachweis nachweise bescheinigung bescheinigungen widerspruch widerspruche einspruch ablehnung
	absage rueckforderung ruckforderung nachzahlung nachzahlungen rueckzahlung ruckzahlung erstattung mahnung
	akte akten aktenzeichen bearbeitung anhorung anhoerung behoerde behorden behoerden letters appointment
	appointments form forms application applications paperwork papers document documents decision notice
	objection appeal rejection authorities`))

// everydayWords are nouns of asking and understanding ("kein Wort davon",
// "keine Ahnung"), adverbs of any errand ("ewig", "endlich") and the
// calendar ("mein Bescheid vom November"), besides the followupWords: no
// sign of another domain.
var everydayWords = set(strings.Fields(`
	wort worte probleme sache sachen ding dinge ahnung tipp unterstuetzung antwort antworten grund zeit moment
	ewig endlich bald leider echt wirklich schlimm komisch normal normalerweise januar februar marz maerz april
	mai juni juli august september oktober november dezember montag dienstag mittwoch donnerstag freitag samstag
	sonntag woche wochen monat monaten thing things idea advice january february march may june july october
	december monday tuesday wednesday thursday friday saturday sunday week weeks month months
	irgendwo irgendwie irgendwas irgendwann nachdem seitdem obwohl
	wegen weiss weisst weisste weißt du nich sitzen sitzt sitze rufe anrufen melde schreibe calling`))

// verbLike reports whether w, a word the knowledge base does not name, is
// a verb form or a pointer rather than a noun: a participle ("gekriegt",
// "abgelehnt", "zurückgeschickt"), a verb with an inseparable prefix
// ("versteh", "bearbeitet"), a modal's past ("wollte"), a form of a verb
// the knowledge base uses ("ausmachen" of "machen"), a pronominal adverb
// ("drauf", "dran"); in English a form in -ed or -ing.
func verbLike(v vocab, w, lang string) bool {
	if lang == "en" {
		return len(w) >= 5 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
	}
	if pronominalAdverbs[w] || modalForms[w] {
		return true
	}
	// A long word, or one with a noun's suffix, is a compound noun, often a
	// misspelt name: "Bestatungskosten", "Beerdigunskosten".
	if len(w) > 14 || slices.ContainsFunc(nounParts, func(p string) bool { return strings.Contains(w, p) }) {
		return false
	}
	rest := w
	for _, p := range verbPrefixes {
		if x, ok := strings.CutPrefix(rest, p); ok && len(x) >= 5 {
			rest = x
			break
		}
	}
	if rest != w && (namesNothing(rest) || followupWords[rest] || chatWords[rest] || v.used[rest]) {
		return true // "nachfragen", "abholen"
	}
	if x, ok := strings.CutPrefix(rest, "ge"); ok && len(x) >= 4 && (strings.HasSuffix(x, "t") || strings.HasSuffix(x, "en")) {
		return true // "gekriegt", "abgelehnt", "gestrichen"
	}
	for _, p := range []string{"be", "ver", "er", "ent", "zer"} {
		if x, ok := strings.CutPrefix(rest, p); ok && len(x) >= 3 && len(w) <= 12 && slices.ContainsFunc(verbEnds, func(e string) bool { return strings.HasSuffix(x, e) }) {
			return true // "versteh", "bearbeitet", "verpasst"
		}
	}
	// A form of a verb the knowledge base uses: "ausmachen", "kriegst".
	for _, e := range verbEnds {
		if x, ok := strings.CutSuffix(rest, e); ok && len(x) >= 3 && rest != w && (v.used[x+"en"] || v.used[x+"n"]) {
			return true
		}
	}
	return false
}

var (
	nounParts         = []string{"ung", "heit", "keit", "schaft", "nis", "kosten", "geld"}
	verbEnds          = []string{"en", "e", "t", "te", "ten", "st", "h"}
	verbPrefixes      = []string{"zuruck", "zurueck", "heraus", "herein", "hinein", "auf", "aus", "ab", "an", "bei", "ein", "mit", "nach", "vor", "weg", "zu", "hin", "her", "raus", "rein", "durch", "um", "los", "fest", "dazu"}
	modalForms        = set(strings.Fields(`wollte wollten wolltest sollte sollten solltest konnte konnten konntest musste mussten durfte durften mochte mochten mochtest hatte hatten hattest hatt ware waren wurde wurden wuerde brauchte brauchten`))
	pronominalAdverbs = set(strings.Fields(`drauf drin dran drum druber drunter daran darauf darin darum daruber darunter daraus dabei dadurch dafur dagegen dahin damit danach daneben davon davor dazu dazwischen`))
)

// namesTitle reports whether a word of the message, a cue word too, is a word
// of the topic's title (a paper such as "Antrag" aside), or the message
// says one of its keywords of several words: "Dortmund Karte" names the Dortmund-Karte though "Karte" asks for a
// map elsewhere.
func namesTitle(t *knowledge.Topic, words []string) bool {
	if t == nil {
		return false
	}
	title := map[string]bool{}
	for _, w := range foldWords(namingTitle(t, "en")) {
		for _, part := range strings.Split(w, "-") {
			title[part] = true
		}
	}
	for _, word := range words {
		// "Dortmund-Karte" as written, or its parts.
		for _, w := range strings.Split(word, "-") {
			if len(w) >= 4 && title[w] && !followupWords[w] && !stopWords[w] && !commonTitleWords[w] && !greetingWords[w] && !paperWords[w] {
				return true
			}
			// "sozialbuero", "frauenuebernachtung": umlauts written out,
			// also at the start of a long title word.
			if u := umlautSpelt(w); u != w && len(u) >= 8 && slices.ContainsFunc(titleLong(title), func(tw string) bool { return tw == u || len(u) >= 10 && strings.HasPrefix(tw, u) }) {
				return true
			}
		}
	}
	// A keyword of several words, said whole ("auf der Straße").
	joined := " " + strings.Join(words, " ") + " "
	for _, k := range t.Keywords {
		if kw := foldWords(k); len(kw) >= 2 && strings.Contains(joined, " "+strings.Join(kw, " ")+" ") {
			return true
		}
	}
	return false
}

// titleLong are a title's words of 8 letters or more as umlautSpelt reads
// them, so that a word written with "ue" meets them ("sozialbuero"), and a
// word of 10 may begin one ("Frauenübernachtung…stelle").
func titleLong(title map[string]bool) []string {
	var out []string
	for tw := range title {
		if len(tw) >= 8 && !commonTitleWords[tw] {
			out = append(out, umlautSpelt(tw))
		}
	}
	return out
}

// namesHit reports whether the message names a hit that scores as high as
// the first: a topic by its title (namesTitle), an office by its name
// ("amt fuer wohnen" names the Amt für Wohnen, tied with its topic).
func namesHit(kb *knowledge.Base, hits []index.Hit, words []string) bool {
	for _, h := range hits {
		if h.Score < hits[0].Score {
			break
		}
		t := kb.Topic(topicOfHit(kb, h))
		if o := kb.Office(h.ID); h.Kind == index.KindOffice && o != nil {
			t = &knowledge.Topic{Title: o.Name}
		}
		if namesTitle(t, words) {
			return true
		}
	}
	return false
}

// strangeWord reports whether a message speaks of something the knowledge
// base never mentions: a word it does not use that is no place ("Pizza" in
// "wo kann man hier gut Pizza essen?"). Such a message is no follow-up.
//
// Only nouns count, where they can be told: a colloquial verb ("krieg")
// or a place spelled another way does not end a conversation.
func strangeWord(kb *knowledge.Base, rest []string, nouns map[string]bool) bool {
	if nouns == nil {
		return false
	}
	v, places := vocabOf(kb), placeWords(kb)
	for _, w := range rest {
		if !places[w] && !v.names[w] && !v.compound(w) && v.strange(w, nouns) && !v.ends(w) {
			return true
		}
	}
	return false
}

// strangeEnglish reports whether an English message, whose nouns cannot be
// told by capitals, holds two words of five letters or more that the
// knowledge base never uses and that are no verb form, place or chat word:
// "can you book me a flight to London" follows up on nothing. One such word
// may be a relative or a thing of the topic the knowledge base lacks.
func strangeEnglish(kb *knowledge.Base, rest []string) bool {
	n, _ := strangeCount(kb, rest, "en")
	return n >= 2
}

// strangeCount is how many words of five letters or more in rest the
// knowledge base never uses and that are no verb form, place or chat word
// of lang, and the length of the longest that may be a noun (not
// "natürlich", "eigentlich").
func strangeCount(kb *knowledge.Base, rest []string, lang string) (n, long int) {
	v, places := vocabOf(kb), placeWords(kb)
	for _, w := range rest {
		if len(w) >= 5 && !places[w] && !v.namesWord(w) && v.strange(w, nil) && !chatter(v, w, lang) {
			n++
			if !slices.ContainsFunc(adjectiveEnds, func(e string) bool { return strings.HasSuffix(w, e) }) {
				long = max(long, len(w))
			}
		}
	}
	return n, long
}

// adjectiveEnds end German adverbs and adjectives, not nouns.
var adjectiveEnds = strings.Fields("lich liche lichen licher lichem ig ige igen iger isch ische ischen weise bar bare baren sam same")

// ends reports whether a word the knowledge base uses ends with w: "Grundlage"
// is the end of "Rechtsgrundlage".
func (v vocab) ends(w string) bool {
	if len(w) < 5 {
		return false
	}
	// The words ending with w are those whose reversal begins with w's:
	// the first of them in order, if any, is where w's reversal would go.
	r := reversed(w)
	i, _ := slices.BinarySearch(v.usedReversed, r)
	return i < len(v.usedReversed) && strings.HasPrefix(v.usedReversed[i], r)
}

// reversed is s with its bytes in reverse order: a suffix of s is a prefix
// of it, whatever the letters.
func reversed(s string) string {
	b := make([]byte, len(s))
	for i := range len(s) {
		b[len(s)-1-i] = s[i]
	}
	return string(b)
}

// strange reports whether the knowledge base does not use w, a noun where
// nouns can be told, else a word of four letters or more.
func (v vocab) strange(w string, nouns map[string]bool) bool {
	unknown := !v.used[w] && !v.used[lightStem(w)]
	return unknown && (nouns == nil && len(w) >= 4 || nouns[w])
}

// vocab is what the knowledge base's words say about a message's words.
type vocab struct {
	// names are the folded words (and light stems) of the topics' titles,
	// keywords and synonyms, however many topics share them, less the
	// common and function words: a word that names some topic.
	names map[string]bool
	// used are the folded words (and light stems) of every topic's text,
	// and the words of the aspect cues.
	used map[string]bool
	// usedReversed are the words of used, each reversed, sorted: ends
	// finds the words that end with a word by binary search.
	usedReversed []string
	// titles are the words one of which names a topic by its title, as
	// namesTitle reads a single word.
	titles map[string]bool
	// elders are the topics only for older people: their who begins
	// "Ältere Menschen" / "Older people" (the Seniorenbüros).
	elders map[string]bool
}

// namesWord reports whether w, or a compound it begins, names some topic.
func (v vocab) namesWord(w string) bool {
	return v.names[w] || v.names[lightStem(w)] || v.compound(w)
}

// compound reports whether w begins with a long naming word
// ("Bestattungskostenhilfe", "Grundsicherungsantrag").
func (v vocab) compound(w string) bool {
	for n := len(w) - 1; n >= 7; n-- {
		if v.names[w[:n]] {
			return true
		}
	}
	return false
}

func vocabOf(kb *knowledge.Base) vocab {
	return vocabCache.get(kb, func() vocab { return newVocab(kb) })
}

func newVocab(kb *knowledge.Base) vocab {
	v := vocab{names: map[string]bool{}, used: map[string]bool{}, titles: map[string]bool{}, elders: map[string]bool{}}
	name := func(text string) {
		for _, w := range foldWords(text) {
			if len(w) < 3 || isDigits(w) || followupWords[w] || stopWords[w] || commonTitleWords[w] {
				continue
			}
			v.names[w], v.names[lightStem(w)] = true, true
		}
	}
	use := func(t knowledge.Text) {
		for _, s := range []string{t.DE, t.EN} {
			for _, w := range foldWords(s) {
				v.used[w], v.used[lightStem(w)] = true, true
			}
		}
	}
	for i := range kb.Topics {
		t := &kb.Topics[i]
		name(namingTitle(t, "en"))
		for _, w := range foldWords(namingTitle(t, "en")) {
			for _, part := range strings.Split(w, "-") {
				if namesTitle(t, []string{part}) {
					v.titles[part] = true
				}
			}
		}
		for _, k := range t.Keywords {
			name(k)
		}
		if w := foldWords(t.Who.DE); len(w) > 1 && w[0] == "altere" && w[1] == "menschen" {
			v.elders[t.ID] = true
		}
		for _, x := range []knowledge.Text{t.Title, t.Summary, t.Who, t.What, t.How, t.Bring, t.Costs, t.Deadlines, t.Legal, t.Unknown} {
			use(x)
		}
	}
	for _, syn := range kb.Synonyms {
		for _, w := range syn.Terms() {
			name(w)
		}
	}
	// The words people ask for an aspect with are the domain's too
	// ("Rechtsgrundlage").
	for _, c := range aspectCues {
		for _, w := range c.words {
			if w := strings.Trim(w, "*="); w != "" {
				v.used[w] = true
			}
		}
	}
	for u := range v.used {
		v.usedReversed = append(v.usedReversed, reversed(u))
	}
	slices.Sort(v.usedReversed)
	return v
}

var vocabCache = cache[*knowledge.Base, vocab]{max: maxCachedBases}

// germanNouns are the folded words of a German message written with capitals
// that begin with one inside a sentence: its nouns. nil when the message is
// not German or written all in lower case, where nouns cannot be told.
func germanNouns(q, lang string) map[string]bool {
	if lang != "de" {
		return nil
	}
	nouns := capitalWords(q, false)
	if r, _ := utf8.DecodeRuneInString(q); nouns == nil && unicode.IsUpper(r) {
		// Written with capitals but none inside: no nouns at all.
		nouns = map[string]bool{}
	}
	return nouns
}

// capitalWords are the folded words that begin with a capital letter, at
// the start of a sentence too when first is set; nil when there are none.
func capitalWords(q string, first bool) map[string]bool {
	var caps map[string]bool
	start := true
	for _, f := range strings.Fields(q) {
		r, _ := utf8.DecodeRuneInString(f)
		if (first || !start) && unicode.IsUpper(r) {
			if caps == nil {
				caps = map[string]bool{}
			}
			for _, w := range foldWords(f) {
				caps[w] = true
			}
		}
		start = strings.ContainsAny(f[len(f)-1:], ".!?:")
	}
	return caps
}

// anyOf reports whether one of words is in m.
func anyOf(words []string, m map[string]bool) bool {
	for _, w := range words {
		if m[w] {
			return true
		}
	}
	return false
}

// personWords speak of the person a question is about, not of a topic:
// family, neighbours, the person's state ("die Schwester", "ich bin allein",
// "my dad"). In a follow-up they ask the conversation's topic again for that
// person ("und für meine Schwester? die hat ein Kind adoptiert"), so they
// neither end the conversation as an unknown noun nor speak for another topic.
var personWords = set(strings.Fields(`
	mutter mama mami mutti vater papa papi vati eltern elternteil sohn tochter kind kinder kindern
	baby enkel enkelin enkelkind oma omi opa opi grossmutter grossvater grosseltern schwester bruder
	geschwister tante onkel cousin cousine neffe nichte schwiegermutter schwiegervater schwiegereltern
	mann frau ehemann ehefrau partner partnerin freund freundin lebensgefahrte lebensgefahrtin
	nachbar nachbarin nachbarn bekannte bekannter kumpel kollege kollegin
	allein alleine alleinstehend alleinstehende alleinstehender alleinlebend alleinlebende einzelperson ehepaar
	ledig verheiratet geschieden getrennt verwitwet witwe witwer single
	mother mum mom mummy father dad daddy parents son daughter child children grandma grandpa
	grandmother grandfather sister brother aunt uncle husband wife neighbour neighbor friend alone`))

// helperWords are the people who send someone to the bot ("meine
// Betreuerin hat gesagt, ich soll hier schreiben") or want a paper from
// them ("für meinen Arbeitgeber"): they name no topic.
var helperWords = set(strings.Fields(`betreuer betreuerin sozialarbeiter sozialarbeiterin berater beraterin
	hausarzt hausarztin arzt arztin doktor sachbearbeiter sachbearbeiterin caseworker doctor
	arbeitgeber arbeitgeberin chef chefin employer boss klient klientin klienten mandant mandantin
	patient patientin pflegekraft pfleger pflegerin krankenschwester krankenpfleger vermieter vermieterin
	hausverwaltung client patient nurse landlord landlady`))

// withoutPersons returns the words that are neither personWords nor
// colloquial verbs of getting ("kriegt das auch mein Freund?").
func withoutPersons(words []string) []string {
	var out []string
	for _, w := range words {
		if !personWords[w] && !getWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// pointsBack reports whether a message of up to ten words holds a German
// word that points back to what was said before ("da", "dort", "dafür");
// the English "it" and "that" are in too many questions ("what time is it
// in New York?") to tell in a longer one.
func pointsBack(words []string) bool {
	return len(words) <= 10 && slices.ContainsFunc(words, func(w string) bool { return pointers[w] && !englishPointers[w] })
}

var englishPointers = set(strings.Fields(`it that there them`))

// namesElsewhere reports whether one of words is a word for another
// office's service (the search's Elsewhere).
func namesElsewhere(words, elsewhere []string) bool {
	if len(elsewhere) == 0 {
		return false
	}
	other := foldWords(strings.Join(elsewhere, " "))
	return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(other, w) })
}

// allUsed reports whether the knowledge base uses every word (or its light
// stem): "what time is it in New York?" speaks of something it does not.
func allUsed(kb *knowledge.Base, words []string) bool {
	v := vocabOf(kb)
	for _, w := range words {
		if !v.used[w] && !v.used[lightStem(w)] {
			return false
		}
	}
	return true
}

// namesAny reports whether one of words names a topic (topicWords, places
// aside): "Bodelschwingh" and "eins" do not, "Pflegewohngeld" does.
func namesAny(kb *knowledge.Base, words []string) bool {
	known, places := topicWords(kb), placeWords(kb)
	for _, w := range words {
		if !places[w] && (known[w] || known[lightStem(w)]) {
			return true
		}
	}
	return false
}

// withoutBackground is a story without its background, when the best
// hit's topic is what the background speaks of: the sentences in which
// another office says no (for a referral topic, "Das Jobcenter sagt, ich
// verdiene zu viel."), or the benefit the person already gets, where only
// that names the topic ("Er hat von der Grundsicherung gelebt"). The story
// itself otherwise.
func withoutBackground(kb *knowledge.Base, q string, best index.Hit) string {
	t := kb.Topic(topicOfHit(kb, best))
	if t == nil {
		return q
	}
	if t.Referral {
		// "Das Jobcenter sagt, ich verdiene zu viel."
		if rest := withoutRefusals(q); rest != q {
			return rest
		}
	}
	orig, words := splitWords(q)
	got := received(words)
	if len(got) == 0 || !namesTopic(kb, best, got, "de") || namesTopic(kb, best, without(words, got), "de") {
		return q
	}
	var keep []string
	for i, w := range words {
		if !slices.Contains(got, w) {
			keep = append(keep, orig[i])
		}
	}
	return strings.Join(keep, " ")
}

// received are the words right after a verb of getting ("ich krieg
// Bürgergeld", "sie hatte Grundsicherung", "I get Wohngeld"): the benefit a
// person already has, which says who they are.
func received(words []string) []string {
	var out []string
	for i, w := range words {
		if (getWords[w] || haveWords[w] && i+1 < len(words) && isBenefit(words[i+1])) && !asksToGet(words, i) {
			// "ich bekomme jetzt Hilfe zum Lebensunterhalt": past the
			// words of time, the benefit's name of up to three words.
			j := i + 1
			for j < len(words) && receivedSince[words[j]] {
				j++
			}
			for k := j; k < len(words) && k < j+3 && (k < j+2 || linkWords[words[k-1]]); k++ {
				out = append(out, words[k])
			}
			// "ich bekomme Kindergeld und Wohngeld": both.
			for k := j + 1; k+1 < len(words) && k < j+4; k++ {
				if alsoGot[words[k]] && isBenefit(words[k+1]) {
					out = append(out, words[k+1])
				}
			}
		}
		// "für meine Oma, die Grundsicherung bekommt": a relative clause
		// about someone, not "bis sie die Grundsicherung bekommt".
		if getWords[w] && strings.HasSuffix(w, "t") && i >= 3 && isBenefit(words[i-1]) && relatives[words[i-2]] && !subjectWords[words[i-3]] {
			out = append(out, words[i-1])
		}
		// "sie hat bis zuletzt Grundsicherung bekommen", "er hatte
		// Wohngeld bezogen": the benefit between "hat" and the participle
		// (not "hat noch kein Geld bekommen").
		if isBenefit(w) && (i == 0 || !denials[words[i-1]]) && slices.ContainsFunc(words[max(0, i-4):i], func(v string) bool { return haveWords[v] || v == "hatte" || v == "hatten" }) &&
			slices.ContainsFunc(words[i+1:min(len(words), i+5)], func(v string) bool { return gotParticiples[v] }) {
			out = append(out, w)
		}
		// "Dortmund-Pass" … "mit hartz", "auch mit Grundsicherung?": a
		// message that begins with the benefit the person lives on.
		if i <= 1 && (w == "mit" || w == "with") && i+1 < len(words) && (isBenefit(words[i+1]) || slangBenefits[words[i+1]]) {
			out = append(out, words[i+1])
		}
		// "I'm on Bürgergeld myself", "she has been on Wohngeld"
		if w == "on" && i > 0 && beenOn[words[i-1]] && i+1 < len(words) && isBenefit(words[i+1]) {
			out = append(out, words[i+1])
		}
		// "von der Grundsicherung gelebt", "lebt von Bürgergeld"
		if w == "von" && i+3 < len(words) && livedWords[words[i+3]] || w == "von" && i > 0 && livedWords[words[i-1]] {
			for k := i + 1; k < len(words) && k <= i+2; k++ {
				out = append(out, words[k])
			}
		}
	}
	return out
}

// slangBenefits are the benefits named by their everyday names, which
// isBenefit's endings miss.
var slangBenefits = set(strings.Fields(`hartz hartz4 hartziv alg alg1 alg2 stütze stuetze bafög bafoeg`))

// asksToGet reports whether the verb of getting at i asks rather than
// tells: its subject follows it ("bekomme ich Wohngeld?", "kriegt der
// Blindengeld?" where no subject came before: "ich kriege die Rente"
// tells) or an auxiliary comes before it ("do I get", "can we get").
func asksToGet(words []string, i int) bool {
	told := i > 0 && subjectWords[words[i-1]]
	if i+1 < len(words) && (subjectWords[words[i+1]] || !told && articles[words[i+1]]) {
		return true
	}
	return i >= 2 && auxWords[words[i-2]] || i >= 1 && auxWords[words[i-1]]
}

var (
	subjectWords = set(strings.Fields(`ich du er sie es wir ihr man`))
	auxWords     = set(strings.Fields(`do does did can could will would may might`))
	relatives    = set(strings.Fields(`die der welche welcher who`))
)

// receivedSince are the words of time between a verb of getting and what
// is got ("wir kriegen seit Mai Wohngeld").
var receivedSince = set(strings.Fields(`jetzt schon auch noch nur aktuell derzeit momentan bereits zurzeit seit now already also still currently`))

// alsoGot join two benefits a person gets.
var alsoGot = set(strings.Fields(`und sowie oder plus and or`))

// linkWords join the words of a benefit's name ("Hilfe zum Lebensunterhalt",
// "Hilfe zur Pflege").
var linkWords = set(strings.Fields(`zum zur zu der des`))

// gotParticiples end a perfect tense of getting ("hat … bekommen").
var gotParticiples = set(strings.Fields(`bekommen gekriegt bezogen erhalten gehabt`))

var beenOn = set(strings.Fields(`am im is are was were been`))

var livedWords = set(strings.Fields(`gelebt lebt leben lebte lebten`))

var getWords = set(strings.Fields(`bekomme bekommt bekommen bekam krieg kriege kriegt kriegen beziehe bezieht beziehen
	erhalte erhalt hatte hatten get gets got receive receives received
	dostawal dostawala dostawali dostaje dostajemy dostaja pobiera pobieral pobierala otrzymuje otrzymywal otrzymywala
	получает получал получала получали получаю получаем получают отримує отримував отримувала отримую отримуємо отримують
	primeste primea primim primesc primeau получава получаваше получавам получаваме получават`))

// haveWords tell what a person gets where a benefit follows ("wir haben
// Wohngeld", "sie hat Grundsicherung"), not where a debt does ("ich habe
// Mietschulden").
var haveWords = set(strings.Fields(`habe hab haben hat have has`))

// isBenefit reports whether a word names money a person gets: "…geld",
// "…rente", "Grundsicherung", "Sozialhilfe".
func isBenefit(w string) bool {
	for _, end := range []string{"geld", "rente", "sicherung", "sozialhilfe", "pension"} {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// asksAbout reports whether a message turns to something new: it begins
// with "und" or "what about", or says "was ist (eigentlich) mit",
// "wie ist es mit", "wie sieht es mit … aus".
func asksAbout(sig signals) bool {
	if sig.and {
		return true
	}
	for _, p := range switchCues {
		if find(sig.words, p) >= 0 {
			return true
		}
	}
	return false
}

var switchCues = [][]string{
	strings.Fields("was ist mit"), strings.Fields("was ist eigentlich mit"), strings.Fields("wie ist es mit"),
	strings.Fields("wie sieht es mit"), strings.Fields("wie siehts mit"), strings.Fields("und was ist"),
	strings.Fields("how about"), strings.Fields("what about"),
}

// onlyPlaceWords reports whether the words are places and words that name
// a topic, with at most one other word ("komme aus Wickede", "Seniorenbüro
// in der Nähe von Hombruch").
func onlyPlaceWords(kb *knowledge.Base, words []string) bool {
	places, other := placeWords(kb), 0
	for _, w := range words {
		if !places[w] && !namesAny(kb, []string{w}) {
			other++
		}
	}
	return other <= 1
}

// pronounBack reports whether "das", "die" or "der" stands for what was said
// before in a message of up to ten words: at its end or before a particle
// ("geht das trotzdem?", "gilt das auch für …"), not before a noun ("wie
// wird das Wetter").
func pronounBack(words []string) bool {
	if len(words) > 10 {
		return false
	}
	for i, w := range words {
		// "zahlen die das direkt?": an article before another or a particle.
		if articles[w] && (i == len(words)-1 || particles[words[i+1]] || articles[words[i+1]] && words[i+1] != w) {
			return true
		}
	}
	return false
}

var particles = set(strings.Fields(`auch noch trotzdem denn eigentlich dann so schon wirklich ueberhaupt uberhaupt
	genau ungefahr jetzt immer wieder nicht nur mal bei fur mit online direkt einfach gleich sofort vorher selbst`))

// aboutPerson reports whether a message tells about the person asking: an
// age or amount ("ich bin aber über 60") or "ich bin", "wir sind".
func aboutPerson(words []string) bool {
	for i, w := range words {
		if isDigits(w) || i > 0 && (words[i-1] == "ich" && w == "bin" || words[i-1] == "wir" && w == "sind") {
			return true
		}
	}
	return false
}

// withoutRefusals is a message without its sentences in which another
// office says no or sends the person away ("Das Jobcenter sagt, ich verdiene
// zu viel."); the message itself when it has none.
func withoutRefusals(q string) string {
	var b strings.Builder
	start := 0
	for i, r := range q {
		if r != '.' && r != '!' && r != '?' && i != len(q)-1 {
			continue
		}
		sentence := q[start : i+1]
		start = i + 1
		words := foldWords(sentence)
		if slices.ContainsFunc(words, func(w string) bool { return otherOffices[w] }) && slices.ContainsFunc(words, func(w string) bool { return refusals[w] }) {
			continue
		}
		b.WriteString(sentence)
	}
	return strings.TrimSpace(b.String())
}

// otherOffices are the words for other offices a story says sent the person
// away; refusals the words saying so.
var (
	otherOffices = set(strings.Fields(`jobcenter arbeitsamt arbeitsagentur agentur krankenkasse pflegekasse rentenversicherung wohngeldstelle`))
	refusals     = set(strings.Fields(`sagt sagen meint meinen schickt schicken weg abgelehnt lehnt lehnen nicht zustandig nichts
		says said sends sent refused rejected`))
)

// goesOn reports whether a message goes on from the one before: "und"
// after a word of assent ("ok und …", "achso, und …"), or a correction
// ("nein, ich meine …", "ich meinte …").
func goesOn(words []string) bool {
	if n := leadingAssent(words); n > 0 && n < len(words) && (words[n] == "und" || words[n] == "and") {
		return true // "ok und …", "super danke, und …"
	}
	for _, p := range corrections {
		if i := find(words, p); i >= 0 && i <= 1 {
			return true
		}
	}
	return false
}

var (
	assent = set(strings.Fields(`ok okay ah aha achso ach gut super prima toll klasse perfekt cool danke dank vielen lieben
		alles klar jo ja nein hm hmm great perfect fine alright thanks thank you cheers`))
	corrections = [][]string{
		strings.Fields("ich meine"), strings.Fields("ich meinte"), strings.Fields("nein ich"), strings.Fields("nee ich"),
		strings.Fields("gemeint"), strings.Fields("i mean"), strings.Fields("i meant"),
	}
)

// leadingAssent is how many words of assent or thanks begin a message
// ("super danke, und …").
func leadingAssent(words []string) int {
	n := 0
	for n < len(words) && assent[words[n]] {
		n++
	}
	return n
}

// byDuration puts Grundsicherung or Hilfe zum Lebensunterhalt first when
// one of them leads, the other is among the first three topics the search
// found, and the message
// tells how long the person cannot work: for good, or at the age limit, is
// Grundsicherung ("volle Erwerbsminderungsrente", "auf Dauer", "ich bin
// 70"); for a time is Hilfe zum Lebensunterhalt ("die nächsten Monate",
// "vorübergehend").
func byDuration(kb *knowledge.Base, hits []index.Hit, words []string) []index.Hit {
	lastingTopic, forATimeTopic := kb.SpanTopic(knowledge.SpanLasting), kb.SpanTopic(knowledge.SpanTemporary)
	if lastingTopic == nil || forATimeTopic == nil {
		return hits
	}
	lasting, forATime := lastingTopic.ID, forATimeTopic.ID
	if len(hits) == 0 || !amongFirst(kb, lasting, hits, 3) || !amongFirst(kb, forATime, hits, 3) {
		return hits
	}
	if lead := topicOfHit(kb, hits[0]); lead != lasting && lead != forATime {
		return hits // another topic leads ("fristlos gekündigt … Grundsicherung")
	}
	want := spanWanted(kb, words)
	if want == "" {
		return hits
	}
	// The other is left out rather than put behind: what ranks and
	// compares the hits next (the named topic, two close topics, a
	// story's lead) reads their scores in order.
	other := lasting
	if want == lasting {
		other = forATime
	}
	return withoutTopics(kb, hits, map[string]bool{other: true})
}

// byAge puts the topic for those who cannot work for good (Grundsicherung,
// need_span lasting) first where the message says the person is of pension
// age and short of money ("er ist 74 … die Witwenrente plus seine kleine
// Rente reicht hinten und vorne nicht, er hat schon Stromschulden"), the
// topic is among the first three the search found, and no topic before it
// is named by its title: the others matched a side detail ("Schulden").
//
// Not where the money is short for a need with a topic of its own: care or
// a care home ("die Rente reicht nicht für das Heim"), a funeral.
func byAge(kb *knowledge.Base, hits []index.Hit, words []string) ([]index.Hit, bool) {
	lasting := kb.SpanTopic(knowledge.SpanLasting)
	if lasting == nil || len(hits) == 0 || !pensionAge(words) || !shortOfMoney(words) || !amongFirst(kb, lasting.ID, hits, 3) ||
		slices.ContainsFunc(words, func(w string) bool {
			return slices.ContainsFunc(ownNeeds, func(p string) bool { return strings.HasPrefix(w, p) || strings.HasSuffix(w, p) })
		}) {
		return hits, false
	}
	drop := map[string]bool{}
	for i, h := range hits {
		t := topicOfHit(kb, h, hits[:i]...)
		if t == lasting.ID {
			break
		}
		if t == "" || drop[t] {
			continue
		}
		if namesTopic(kb, h, words, "de") || namesTopic(kb, h, words, "en") {
			return hits, false
		}
		drop[t] = true
	}
	if len(drop) == 0 {
		return hits, true
	}
	return withoutTopics(kb, hits, drop), true
}

// ownNeeds begin or end the words of needs with a topic of their own
// beside money to live on: care, a care home, a funeral, a ride ("ein Taxi
// kann sie sich von der kleinen Rente nicht leisten").
var ownNeeds = []string{"pflege", "heim", "beerdigung", "bestattung", "beisetzung", "bestatter", "care", "nursing", "funeral", "burial",
	"taxi", "rollator", "rollstuhl", "fahrdienst", "wheelchair"}

// shortOfMoney reports whether the words say the money is not enough to
// live on ("reicht hinten und vorne nicht", "kommt mit der Rente nicht aus",
// "nur eine kleine Rente", "not enough").
func shortOfMoney(words []string) bool {
	return slices.ContainsFunc(shortCues, func(c []string) bool {
		i := find(words, c)
		return i >= 0 && !slices.ContainsFunc(words[max(0, i-2):i], func(w string) bool { return senseWords[w] })
	})
}

// senseWords before "fast nix", "nix mehr" say a sense is lost, not money:
// "mein Opa sieht fast nix mehr".
var senseWords = set(strings.Fields(`sieht sehe seh sehen siehst hort hore horen hoert hoere hoeren hear see sees`))

var shortCues = foldCues("reicht nicht", "reicht ** nicht", "reicht kaum", "reicht nie", "nicht aus", "fast nix", "fast nichts", "kaum was",
	"kaum etwas", "zu wenig", "kleine rente", "kleinen rente", "kleine altersrente", "kleinen altersrente", "winzige rente", "mini rente",
	"kein geld", "nix mehr", "nichts mehr", "not enough", "small pension", "tiny pension", "too little", "no money", "barely",
	"keine rente", "kein einkommen", "no pension", "no income", "nie gearbeitet", "never worked",
	"keine ** rente", "no ** pension", "nie in die rente", "never paid into",
	"wenig geld", "nicht reicht", "nicht mehr reicht", "ohne einkommen", "nicht genug geld", "little money")

// withoutTopics are the hits of other topics than those in drop.
func withoutTopics(kb *knowledge.Base, hits []index.Hit, drop map[string]bool) []index.Hit {
	var out []index.Hit
	for i, h := range hits {
		if !drop[topicOfHit(kb, h, hits[:i]...)] {
			out = append(out, h)
		}
	}
	return out
}

// spanWanted is the topic of the need for money to live on that the words
// say how long the person cannot work for (need_span): for a time, or for
// good; "" when they say neither or the knowledge base has no such topics.
func spanWanted(kb *knowledge.Base, words []string) string {
	lasting, forATime := kb.SpanTopic(knowledge.SpanLasting), kb.SpanTopic(knowledge.SpanTemporary)
	switch {
	case lasting == nil || forATime == nil:
		return ""
	// A time limit said outright wins: "befristete Erwerbsminderungsrente",
	// "nicht dauerhaft erwerbsgemindert".
	case slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, "befrist") }) ||
		slices.ContainsFunc(temporaryCues, func(c []string) bool { return find(words, c) >= 0 }):
		return forATime.ID
	case forGood(words):
		return lasting.ID
	}
	return ""
}

// bySituation weighs the topics of money to live on by what the message
// tells of the person: how long they cannot work (byDuration); that they
// work or have lost a job ("ich arbeite Teilzeit", "das ALG 1 läuft aus"),
// which rules out both topics for those who cannot work, unless they are
// of pension age or cannot work for good; and a benefit they are refused
// or earn too much for ("Grundsicherung krieg ich nicht", "I earn too much
// for Bürgergeld"). A ruled-out topic's hits are left out where a topic the
// search found among its first four remains first.
//
// aged reports that the person is of pension age and short of money and
// the topic for them leads (byAge): the situation answers a story.
func bySituation(kb *knowledge.Base, hits []index.Hit, q string, words []string) (_ []index.Hit, aged bool) {
	hits, aged = byAge(kb, byDuration(kb, hits, words), words)
	if len(hits) == 0 {
		return hits, false
	}
	drop := map[string]bool{}
	youngPerson := young(words)
	// "ich arbeite Teilzeit"; "ihre 900 Rente reicht nicht fürs Heim" (the
	// care home's topic); "sie hat eine gute Rente", "egal was man
	// verdient" (money to live on is not asked); "bin 22 … die Ausbildung
	// abgebrochen, kein Geld für die Miete" (a person of working age who
	// says nothing of being unable to work can work): the topics for those
	// who cannot work are not theirs.
	if works(words) && !forGood(words) || forCareHome(words) || notShortOfMoney(words) ||
		youngPerson && !saysUnable(words) && spanWanted(kb, words) == "" &&
			!slices.ContainsFunc(hits, func(h index.Hit) bool { return spanTopic(kb, topicOfHit(kb, h)) && namesTopic(kb, h, words, "de") }) {
		for _, span := range cannotWorkSpans {
			if t := kb.SpanTopic(span); t != nil {
				drop[t.ID] = true
			}
		}
	}
	if cannotWorkForeign(words) && !lostWork(words) {
		// "мені 58, працювати не можу, Jobcenter каже що я не їхній":
		// the money topic for those who can work is not theirs.
		if t := kb.SpanTopic(knowledge.SpanWorking); t != nil {
			drop[t.ID] = true
		}
	}
	if avoided := notThrough(words); len(avoided) > 0 {
		// "Arbeit, aber nicht über das Jobcenter", "не через Jobcenter":
		// the office the person wants to avoid, and the topics it handles.
		for i, h := range hits {
			if namesTopic(kb, h, avoided, "de") {
				drop[topicOfHit(kb, h, hits[:i]...)] = true
			}
		}
	}
	// A benefit refused, or set aside ("gibts da was ausser Wohngeld?",
	// "Wohngeld hat er schon beantragt … gibt es noch was anderes?").
	for _, named := range [][]string{refusedBenefits(kb, q), exceptedBenefits(kb, words)} {
		if len(named) == 0 {
			continue
		}
		for _, h := range hits {
			if namesTopic(kb, h, named, "de") {
				drop[topicOfHit(kb, h)] = true
			}
		}
	}
	if youngPerson {
		// "mein Bruder ist 35 und hat Autismus … wer hilft beim
		// Einkaufen?": not the offices for older people.
		for id := range vocabOf(kb).elders {
			drop[id] = true
		}
	}
	if len(drop) == 0 {
		return hits, aged
	}
	kept := withoutTopics(kb, hits, drop)
	if len(kept) == 0 || !amongFirst(kb, topicOfHit(kb, kept[0]), hits, 4) {
		return hits, aged
	}
	return kept, aged && topicOfHit(kb, kept[0]) == topicOfHit(kb, hits[0])
}

// notThrough are the words a message names right after "nicht über",
// "не через", "nie przez", "nu prin", "не чрез" ("not through", a verb may
// stand between the two words): an office
// the person does not want to go through. A Cyrillic spelling of an office
// is read in Latin letters ("джобцентр").
func notThrough(words []string) []string {
	var out []string
	negated := func(k int) bool { return k >= 0 && (denials[words[k]] || foreignNot[words[k]]) }
	for i := 1; i+1 < len(words); i++ {
		if !throughWords[words[i]] || !negated(i-1) && !negated(i-2) {
			continue // "nie chcę przez Jobcenter": a verb between
		}
		w := words[i+1]
		if articles[w] && i+2 < len(words) {
			w = words[i+2] // "nicht über das Jobcenter"
		}
		for cyr, lat := range cyrillicOffices {
			if strings.HasPrefix(w, cyr) {
				w = lat
			}
		}
		out = append(out, w)
	}
	return out
}

var (
	foreignNot   = set(strings.Fields(`не nie nu`))
	throughWords = set(strings.Fields(`uber ueber through via через przez prin чрез`))
	// cyrillicOffices: offices people write in Cyrillic letters, by the
	// beginning all their case forms share.
	cyrillicOffices = map[string]string{"джобцентр": "jobcenter", "джобцентер": "jobcenter", "джобцентър": "jobcenter", "социалам": "sozialamt", "соціалам": "sozialamt"}
)

// exceptedBenefits are the benefits named in topic titles that a message sets
// aside: right after "außer", "besides", "other than", "statt" ("gibts da
// was vom Staat außer Wohngeld?"), or told with "schon" where the message
// asks for something else ("Wohngeld hat er schon beantragt … gibt es noch
// was anderes?").
func exceptedBenefits(kb *knowledge.Base, words []string) []string {
	var out []string
	other := slices.ContainsFunc(elseCues, func(c []string) bool { return find(words, c) >= 0 })
	for i, w := range words {
		if !namesAnyTitle(kb, w) || !isBenefit(w) || plainMoney[w] {
			continue
		}
		for k := max(0, i-3); k < i; k++ {
			if exceptWords[words[k]] || k > 0 && exceptPairs[words[k-1]+" "+words[k]] {
				out = append(out, w)
				break
			}
		}
		if other && slices.ContainsFunc(words[max(0, i-3):min(len(words), i+4)], func(v string) bool { return alreadyWords[v] }) {
			out = append(out, w)
		}
	}
	return out
}

var (
	// plainMoney name no benefit of their own: "er bekommt schon Geld
	// vom LWL … gibt es dazu noch was?" sets nothing aside.
	plainMoney   = set(strings.Fields(`geld rente pension`))
	exceptWords  = set(strings.Fields(`ausser auser ausserdem statt anstatt anstelle besides except`))
	exceptPairs  = set([]string{"other than", "apart from", "instead of", "aside from"})
	alreadyWords = set(strings.Fields(`schon bereits already`))
	elseCues     = foldCues("was anderes", "etwas anderes", "noch was", "noch etwas", "sonst noch", "sonst was", "something else",
		"anything else", "other help", "anything more")
)

// settledWords are the words naming a topic that a story tells is settled:
// "schon" or "already" with a verb of having or paying near it ("die
// Beerdigung haben wir schon bezahlt", "Pflegegrad haben wir schon"), not
// one still waited for ("schon beantragt") nor money got from someone ("er
// bekommt schon Geld vom LWL … gibt es dazu noch was?"). What is settled
// is not what the person asks for.
func settledWords(kb *knowledge.Base, words []string) []string {
	var out []string
	for i, w := range words {
		if !alreadyWords[w] {
			continue
		}
		near := words[max(0, i-3):min(len(words), i+3)]
		if !slices.ContainsFunc(near, func(v string) bool { return settledVerbs[v] || haveWords[v] }) {
			continue
		}
		for _, v := range near {
			if namesAny(kb, []string{v}) && !plainMoney[v] {
				out = append(out, v)
			}
		}
	}
	return out
}

var settledVerbs = set(strings.Fields(`bezahlt gezahlt erledigt gemacht geregelt paid done sorted`))

// dropWords is q without the words whose folded form is one of drop,
// its punctuation kept: the sentences stay as they were.
func dropWords(q string, drop []string) string {
	if len(drop) == 0 {
		return q
	}
	fields := strings.Fields(q)
	for i, f := range fields {
		if w := foldWords(f); len(w) == 1 && slices.Contains(drop, w[0]) {
			fields[i] = strings.TrimLeftFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
		}
	}
	return strings.Join(fields, " ")
}

// forCareHome reports whether the words tell of a care home ("muss ins
// Heim", "im Pflegeheim", "care home"): its costs have topics of their own.
func forCareHome(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return careHomeWords[w] }) ||
		slices.ContainsFunc(careHomeCues, func(c []string) bool { return find(words, c) >= 0 })
}

var (
	careHomeWords = set(strings.Fields(`heim pflegeheim altenheim altersheim seniorenheim heimkosten heimplatz heimrechnung pflegeeinrichtung`))
	careHomeCues  = foldCues("care home", "nursing home")
)

// notShortOfMoney reports whether the words say money is not the need: a
// good pension, enough money, help whatever one earns.
func notShortOfMoney(words []string) bool {
	return slices.ContainsFunc(wealthCues, func(c []string) bool { return find(words, c) >= 0 })
}

var wealthCues = foldCues("gute rente", "guten rente", "gute pension", "guten pension", "ordentliche rente", "ordentlichen rente",
	"ordentliche pension", "ordentliche beamtenpension", "gute beamtenpension", "genug geld", "genug rente", "nicht ums geld", "nicht um geld",
	"um geld geht es nicht", "geld ist nicht das problem", "egal was man verdient", "egal wie viel man verdient", "unabhangig vom einkommen",
	"einkommensunabhangig", "good pension", "decent pension", "enough money", "not about money", "money is not the problem",
	"regardless of income", "whatever you earn")

// young reports whether the words give the age of a person under 55 ("bin
// 38", "mein Bruder ist 35", "Ich (34)") and name no one older: no parent
// or grandparent, no age of pension.
func young(words []string) bool {
	if pensionAge(words) || slices.ContainsFunc(words, func(w string) bool { return elderWords[w] }) {
		return false
	}
	for i, w := range words {
		if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 55 && (i+1 >= len(words) || !units[words[i+1]]) &&
			(i+1 >= len(words) || !personWords[words[i+1]] && !childWords[words[i+1]]) &&
			(i > 0 && (ageBefore[words[i-1]] || subjectWords[words[i-1]] || personWords[words[i-1]]) ||
				i+2 < len(words) && yearWords[words[i+1]] && (words[i+2] == "alt" || words[i+2] == "old")) {
			return true
		}
	}
	return false
}

// spanTopic reports whether a topic is one of money to live on for those
// who cannot work (need_span).
func spanTopic(kb *knowledge.Base, id string) bool {
	for _, span := range cannotWorkSpans {
		if t := kb.SpanTopic(span); t != nil && t.ID == id {
			return true
		}
	}
	return false
}

// cannotWorkSpans are the need spans of money to live on for those who
// cannot work.
var cannotWorkSpans = []string{knowledge.SpanLasting, knowledge.SpanTemporary}

// saysUnable reports whether the words say the person cannot work (fully)
// or is ill.
func saysUnable(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool {
		return slices.ContainsFunc(unableWords, func(p string) bool { return strings.HasPrefix(w, p) })
	}) || slices.ContainsFunc(unableCues, func(c []string) bool { return find(words, c) >= 0 })
}

// unableWords begin the words, and unableCues are the phrases, that say a
// person cannot work (fully) or is ill.
var (
	unableWords = []string{"krank", "erwerbsunfah", "arbeitsunfah", "erwerbsminder", "erwerbsgemindert", "behindert", "behinderung", "disab", "sick", "ill",
		"emrente", "em-rente"}
	unableCues = foldCues("nicht arbeiten", "kann nicht mehr", "nur noch", "stunden am tag", "em rente", "cannot work", "can't work", "unable to work",
		"not able to work", "no longer work", "hours a day")
)

var elderWords = set(strings.Fields(`mutter mama mutti vater papa vati eltern oma omi opa grossmutter grossvater grosseltern schwiegermutter
	schwiegervater schwiegereltern tante onkel senior seniorin mother mom mum father dad parents grandma grandpa grandmother grandfather
	grandparents aunt uncle elderly`))

// works reports whether the words say the person works or is out of work
// and looking ("ich arbeite 25 Stunden", "verdiene 1100 netto", "I work part
// time", "seit 3 Monaten arbeitslos"): someone able to work. Not where a
// denial comes near ("ich kann nicht arbeiten", "arbeite nicht mehr", "ALG
// bekomme ich nicht"), nor in a workshop for disabled people.
func works(words []string) bool {
	if lostWork(words) {
		return true
	}
	for i, w := range words {
		if !workWords[w] && !(w == "part" && i+1 < len(words) && words[i+1] == "time") {
			continue
		}
		negated := false
		for k := max(0, i-3); k < min(len(words), i+4) && !negated; k++ {
			negated = k != i && (denials[words[k]] || words[k] == "cannot" || words[k] == "unable" || words[k] == "werkstatt")
		}
		if !negated {
			return true
		}
	}
	// "ich will einfach wieder richtig arbeiten", "I want a proper job
	// again": someone who wants work can work.
	return slices.ContainsFunc(wantsWork, func(c []string) bool { return find(words, c) >= 0 })
}

var wantsWork = foldCues("wieder arbeiten", "richtig arbeiten", "will arbeiten", "mochte arbeiten", "moechte arbeiten", "arbeiten will",
	"arbeiten mochte", "arbeiten moechte", "arbeit finden", "job finden", "arbeit suchen", "want to work", "find a job", "find work", "proper job", "a job again",
	"look for work", "looking for work", "look for a job", "looking for a job", "found a job", "job search", "such arbeit", "suche arbeit", "suche einen job")

// workWords say that the person asking works, or has lost work and can
// work; not "arbeitet", "verdient": "der verdient gut" is the son who may
// have to pay.
var workWords = set(strings.Fields(`arbeite jobbe verdiene verdienen teilzeit vollzeit minijob minijobber
	lohn gehalt arbeitslos arbeitslose arbeitsloser arbeitslosengeld alg
	working earn earns earning wage wages salary part-time full-time unemployed`))

// lostWork reports whether the words say, in Polish, Russian, Ukrainian,
// Romanian or Bulgarian, that the person was dismissed or is out of work.
func lostWork(words []string) bool {
	for i, w := range words {
		if lostWorkWords[w] && (i == 0 || !denials[words[i-1]] && !foreignNot[words[i-1]]) {
			return true
		}
	}
	return slices.ContainsFunc(lostWorkCues, func(c []string) bool { return find(words, c) >= 0 })
}

// cannotWorkForeign reports whether the words say, in Ukrainian, Russian,
// Polish, Romanian or Bulgarian, that the person cannot work.
func cannotWorkForeign(words []string) bool {
	return slices.ContainsFunc(cannotWorkCues, func(c []string) bool { return find(words, c) >= 0 })
}

var cannotWorkCues = foldCues("не можу працювати", "працювати не можу", "не може працювати", "не могу работать", "работать не могу", "не может работать",
	"nie moge pracowac", "nie mogę pracować", "pracowac nie moge", "nie moze pracowac", "nu pot lucra", "nu pot sa lucrez", "nu poate lucra",
	"не мога да работя", "не може да работи", "ne moga da rabotya", "ne moga da rabotq")

var lostWorkCues = foldCues("stracil* prac*", "straci* ** prac*", "втратив роботу", "втратила роботу", "потерял* работу", "загубих работата", "загуби работата",
	"pierdut locul de munca", "ramas fara serviciu", "ramas fara loc de munca", "останах без работа", "остался без работы", "осталась без работы",
	"залишився без роботи", "залишилась без роботи")

// lostWorkWords say in Polish, Russian, Ukrainian, Romanian and Bulgarian
// that the person was dismissed or is out of work ("firma nas zwolniła",
// "go uvolniha"): someone able to work. Only a denial right before undoes
// them; the next clause's "nie mamy pieniędzy" does not.
var lostWorkWords = set(foldWords(`zwolnili zwolnila zwolnil zwolniony zwolniona zwolnienie bezrobotny bezrobotna
	уволили уволен уволена уволился уволилась безработный безработная звільнили звільнений звільнена безробітний безробітна
	concediat concediata concediati somer someri şomer şomeri уволниха уволнен уволнена безработен безработна
	uvolniha uvolnen uvolnena bezraboten bezrabotna`))

// forGood reports whether the words say the person cannot work for good:
// a full reduction in earning capacity, "auf Dauer", or pension age.
func forGood(words []string) bool {
	for _, w := range words {
		if slices.ContainsFunc(lastingPrefixes, func(p string) bool { return strings.HasPrefix(w, p) }) {
			return true
		}
	}
	return pensionAge(words) || slices.ContainsFunc(lastingCues, func(c []string) bool { return find(words, c) >= 0 })
}

// pensionAge reports whether the words say the person is of pension age:
// an age of 65 and more ("ich bin 70", "72 Jahre", "Frau S. (71)") or an
// old-age pension ("Altersrente", "Rentner", "in Rente", "retired").
func pensionAge(words []string) bool {
	for i, w := range words {
		if n, err := strconv.Atoi(w); err == nil && n >= 65 && n < 110 &&
			(i > 0 && ageBefore[words[i-1]] || i+1 < len(words) && yearWords[words[i+1]] ||
				slices.ContainsFunc(words[max(0, i-3):i], func(v string) bool { return agedVerbs[v] }) ||
				personAge(words, i)) {
			// "ich bin 70", "Witwe, 71", "72 Jahre", "ich bin aber schon 68",
			// "Frau S. (71)", "mein Nachbar, 79", "beide über 70"
			return true
		}
		if slices.ContainsFunc(pensionAgePrefixes, func(p string) bool { return strings.HasPrefix(w, p) }) {
			return true
		}
	}
	return slices.ContainsFunc(pensionCues, func(c []string) bool { return find(words, c) >= 0 })
}

// agedVerbs say a person's age before it: "ich bin 70", "wir sind beide
// 68", "we are both 71".
var agedVerbs = set(strings.Fields("bin sind beide am are both"))

// personAge reports whether the number at i is the age of a person the
// story names: right after the person ("Frau S. (71)", "mein Nachbar, 79",
// "Herr K 74") or after "über" said of them ("beide über 70"), and before
// no unit ("Oma 80 Euro").
func personAge(words []string, i int) bool {
	if i+1 < len(words) && units[words[i+1]] || i == 0 {
		return false
	}
	prev := words[i-1]
	switch {
	case personWords[prev] || honorifics[prev]:
		return true
	case i >= 2 && utf8.RuneCountInString(prev) == 1 && (personWords[words[i-2]] || honorifics[words[i-2]]):
		return true // an initial: "Frau S. (71)"
	case i >= 2 && (prev == "uber" || prev == "ueber" || prev == "over") && (ageBefore[words[i-2]] || words[i-2] == "beide" || words[i-2] == "both"):
		return true
	}
	return false
}

var (
	// units follow a number that is no age.
	units      = set(strings.Fields(`euro eur € prozent % qm quadratmeter m2 stunden std minuten tage tagen wochen monate monaten km kg kilo mal cent`))
	honorifics = set(strings.Fields(`herr herrn frau mr mrs ms`))
	// pensionAgePrefixes say the person draws an old-age pension: of
	// pension age, unable to work for good in the sense of the span topics
	// ("Altersrente", "Rentner", "im Ruhestand", "retired").
	pensionAgePrefixes = []string{"altersrent", "rentner", "ruhestand", "vorruhestand", "pensionar", "pensioner", "retired", "retiree"}
)

var (
	lastingPrefixes = []string{"erwerbsminder", "erwerbsgemindert", "dauerhaft", "permanent",
		// uk ru bg pl ro: "for good", "without a time limit", "for life"
		"назавжди", "безстроков", "довічн", "навсегда", "бессрочн", "пожизненн", "завинаги", "безсрочн", "trwal", "bezterminow", "definitiv"}
	lastingCues = foldCues("auf dauer", "nie mehr arbeiten", "nie wieder arbeiten", "nie arbeiten", "gar nicht mehr arbeiten", "for good",
		"disability pension", "never work again", "nie ** arbeiten", "never ** work",
		"na zawsze", "na stale", "pentru totdeauna", "pe viata")
	pensionCues   = foldCues("in rente", "in pension")
	temporaryCues = foldCues("nicht dauerhaft", "nicht auf dauer", "vorubergehend", "voruebergehend", "zeitweise", "krankgeschrieben", "paar monate", "nachsten monate",
		"halbes jahr", "eine zeit lang", "fur eine zeit", "temporarily", "temporary", "few months", "for a while",
		// uk ru bg pl ro: "for a time", "temporary", "for a year", "for two years"
		"тимчасов*", "на час", "на рік", "на * роки", "на * років", "временн*", "на время", "на год", "на * года", "на * лет",
		"за година", "за една година", "за * години", "tymczasow*", "czasowo", "na czas okreslony", "na rok", "na * lata", "na * lat",
		"temporar*", "pe un an", "pe * ani", "pe o perioada", "pe timp limitat")
	yearWords = set(strings.Fields("jahre jahren jahr years year лет года год років роки рік lata lat ani години yasinda yasindayim yasindadir سنة عاما سال ساله"))
	// ageBefore come right before an age: "ich bin 70", "she is 79",
	// "Witwe, 71", "Rentner, 72".
	ageBefore = set(strings.Fields("bin ist am sind is are aged rentner rentnerin witwe witwer seniorin senior pensioner widow widower"))
)

// receivedForeign are the words that name a benefit or office a Ukrainian or
// Turkish message says the person already gets ("Bürgergeld alıyoruz",
// "ми отримуємо бюргергельд", "хто на бюргергельді", "сидимо на
// джобцентрі"): like received for German and English, they say who asks,
// not what about. Turkish puts the benefit before its verb, Ukrainian after
// it or in the locative after "на" ("-і", not the "на" of applying for it).
func receivedForeign(words []string) []string {
	var out []string
	for i, w := range words {
		switch {
		case foreignGetBefore[w]:
			for k := max(0, i-2); k < i; k++ {
				if benefitLike(words[k]) {
					out = append(out, words[k])
				}
			}
		case foreignGetAfter[w]:
			for k := i + 1; k < min(len(words), i+3); k++ {
				if benefitLike(words[k]) {
					out = append(out, words[k])
				}
			}
		case (w == "на" || w == "na") && i+1 < len(words) && benefitLike(words[i+1]) && strings.HasSuffix(words[i+1], "і"):
			out = append(out, words[i+1])
		}
	}
	return out
}

// benefitLike reports whether a folded word, maybe with a Turkish case
// ending after an apostrophe ("bürgergeld'den") or in Cyrillic letters,
// names a benefit or the Jobcenter.
func benefitLike(w string) bool {
	if i := strings.IndexByte(w, '\''); i > 0 {
		w = w[:i]
	}
	for _, part := range []string{"geld", "sicherung", "sozialhilfe", "jobcenter", "гельд", "зіхерунг", "зихерунг", "джобцентр", "соціалк",
		"گلد", "غيلد", "غلد", "زیشرونگ", "زيشرونغ", "سيشرونغ"} {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// foreignGetBefore are Turkish and Farsi verbs of getting that follow the
// benefit; foreignGetAfter Ukrainian (and surzhyk, Latin-letter) and
// Arabic ones it follows ("عم ناخد Wohngeld").
var (
	// Folded as messages are: "alıyoruz" is "aliyoruz".
	foreignGetBefore = set(strings.Fields(`aliyoruz aliyorum aliyor aliyorlar aliyoz aliyom yararlaniyoruz yararlaniyorum
		aldigimiz
		میگیرم میگیریم میگیره میگیرن میگیرد میگیرند migiram migirim`))
	foreignGetAfter = set(strings.Fields(`отримуємо отримую отримує отримують отримувала отримував отримували получаємо получаю
		получає получають сидимо сиджу живемо живу otrymuiemo otrymuyemo otrymuju otrymuyu otrymuye poluchaiemo poluchayemo
		ناخد ناخذ نأخذ باخد باخذ آخذ اخذ بناخد بناخذ بآخذ بياخد بياخذ ياخذ ياخد تاخد بتاخد نستلم بستلم نقبض بنقبض نحصل بنحصل احصل أحصل`))
)
