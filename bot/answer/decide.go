// Package answer decides what the Sozialbot says to a message, outside
// Telegram: given the conversation's State, the message and the person's
// language, it returns a Decision (answer, ask back, crisis help, referral,
// greeting, or "I don't know"), and renders its first message as a Message
// that the bot sends as HTML and `sozialbot ask` prints as plain text, in
// the same words. Everything a citizen reads is in text.go.
//
// The package keeps no state of its own; Memory holds each chat's State.
package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Searcher finds topics and offices for a question. *index.Index and
// *index.Live implement it. Base may change between calls (after a reload).
type Searcher interface {
	Search(ctx context.Context, question string) (index.Result, error)
	Base() *knowledge.Base
}

// Kind is what the bot does with a message (the `kind` of `ask --json`).
type Kind string

const (
	KindAnswer   Kind = "answer"   // a topic, an office, or the offices of a Stadtbezirk
	KindAsk      Kind = "ask"      // a question back: which topic, which district, which of two
	KindCrisis   Kind = "crisis"   // emergency and crisis lines first
	KindReferral Kind = "referral" // another office is responsible
	KindDeclined Kind = "declined" // "I don't know", with the closest topics and a number
	KindGreeting Kind = "greeting" // hello or thanks
)

// AskFor is what a question back asks for.
type AskFor string

const (
	AskTopic    AskFor = "topic"    // "Worum geht es?"
	AskDistrict AskFor = "district" // which Stadtbezirk
	AskChoice   AskFor = "choice"   // "Meinen Sie A oder B?"
)

// Decision is what to say to one message.
type Decision struct {
	Kind   Kind
	Aspect Aspect
	Lang   string
	// Topic or Office is what an answer is about; both nil for the offices
	// of a Stadtbezirk (District set) and for anything but an answer.
	Topic  *knowledge.Topic
	Office *knowledge.Office
	// District is the person's Stadtbezirk, when known.
	District string
	// Fits are the offices that fit the person, best first, with their
	// opening state at the time of the decision.
	Fits []knowledge.OfficeFit
	// Crisis is the emergency the message speaks of (KindCrisis), with its
	// lines; Topic is then the topic to offer after them, if any.
	Crisis *knowledge.Crisis
	Lines  []*knowledge.CrisisLine
	// Ask is set for KindAsk; Choices are the topics offered (also the
	// closest topics of a decline), Districts the Stadtbezirke offered.
	Ask       AskFor
	Choices   []index.Hit
	Districts []string
	// Thanks marks a greeting that thanks.
	Thanks bool
	// Followup is true when the message was read against the conversation.
	Followup bool
	// Shown: the answer just before showed the first office's card, and
	// this one asks another part of the same topic; it is not repeated.
	Shown bool
	// Cut is true when the message was longer than index.MaxQuestionRunes.
	Cut bool
	// Reason says why a message was declined.
	Reason index.Reason
	// Distress marks a message that signals distress (despair, fear, not
	// coping, knowledge.Base.Screen): any reply but the crisis answer
	// ends with the TelefonSeelsorge and 112.
	Distress bool
	// OtherLanguage marks a message in a language the bot does not speak
	// (Lang is then LangOther): it gets the fixed message in German and
	// English that points to help in other languages.
	OtherLanguage bool
	// Result is the search behind the decision (zero when there was none).
	Result index.Result
	// Question is the message as read (cleaned); sections are cut to the
	// sentences nearest it.
	Question string
	// Now is when the decision was made: opening hours and the age of
	// contact details are judged at this moment.
	Now time.Time

	// read holds the readings of the question that Decide made, for
	// Render to weigh the same sentences without reading it again.
	read *readings
}

// Person is what the bot knows about who writes: the phone's language
// (Telegram's language_code) and the language chosen with /sprache.
type Person struct {
	PhoneLang  string
	ChosenLang string
}

// Options tune an Answerer.
type Options struct {
	// Margin: when the best two topics score closer than this, the bot
	// asks which one is meant. Zero means DefaultMargin.
	Margin float64
	// StoryLead: a long story, or a message that names a topic, that the
	// search was not sure of is answered when its best topic scores this
	// much above the next. Zero means DefaultStoryLead.
	StoryLead float64
	// Now is the clock for opening hours; nil means time.Now.
	Now func() time.Time
}

// namedLead: a message that names a topic by a word of its title is
// answered when that topic leads the next by this much, even where the rest
// of its words are unknown ("Was passiert mit der Dortmund-Karte, wenn der
// Inhaber stirbt?").
const namedLead = 0.5

// DefaultStoryLead was calibrated on conversations-tune.yaml.
const DefaultStoryLead = 0.7

// storyUnsureLead: a story the search was unsure of (it found a topic
// that explains part of it) is answered when that topic leads the next by
// this much. Over a story's many words the best topic's share stays low, so
// the search says "unsure" where a short question would be clear; a lead
// of this size was right in nine of ten such stories of the tuning files.
const storyUnsureLead = 0.3

// plainlyNamed reports whether a first message the search was unsure of
// names its best hit by a word of the hit's title or an office's name
// (namesHit: "Dortmund Karte", "Frauenübernachtungsstelle", shorter than
// namesTopic asks for), that hit leads the next topic by storyUnsureLead,
// and no word of it is one the knowledge base never uses: "ist die
// frauenübernachtungsstelle auch am wochenende offen" is unsure only
// because its chat words weigh as much as the name. German and English
// only, whose words the knowledge base knows well enough to tell.
// Calibrated on every tuning and retired file: a lead of 0.3 without the
// naming answered one look-alike for six plain questions.
func plainlyNamed(kb *knowledge.Base, hits []index.Hit, sig signals, lang string) bool {
	if lang != "de" && lang != "en" || len(hits) == 0 || !namesHit(kb, hits, sig.words) || !leads(kb, hits, storyUnsureLead) {
		return false
	}
	v := vocabOf(kb)
	return !slices.ContainsFunc(sig.rest, func(w string) bool {
		return v.strange(w, nil) && !chatter(v, w, lang) && !namesHit(kb, hits, []string{w})
	})
}

// chatter reports whether a word the knowledge base does not use is one of
// chat rather than of another domain: a short or colloquial word ("jetz",
// "irgendwo"), a verb form, a day ("dienstags"), a word with umlauts
// written out ("sozialbuero"), a compound of two words the knowledge base
// uses ("Amtshaus").
func chatter(v vocab, w, lang string) bool {
	if len(w) < 5 || namesNothing(w) || chatWords[w] || followupWords[w] || everydayWords[strings.TrimSuffix(w, "s")] || verbLike(v, w, lang) {
		return true
	}
	if u := umlautSpelt(w); u != w && (v.used[u] || v.used[lightStem(u)]) {
		return true
	}
	for i := 3; i <= len(w)-4; i++ {
		if v.used[w[:i]] && v.used[w[i:]] {
			return true
		}
	}
	return false
}

// DefaultMargin was calibrated on conversations-tune.yaml (docs/benchmarks.md).
const DefaultMargin = 0.08

// Answerer makes decisions. It is safe for concurrent use.
type Answerer struct {
	s         Searcher
	margin    float64
	storyLead float64
	now       func() time.Time
}

// New returns an Answerer that searches s.
func New(s Searcher, o Options) *Answerer {
	a := &Answerer{s: s, margin: o.Margin, storyLead: o.StoryLead, now: o.Now}
	if a.storyLead <= 0 {
		a.storyLead = DefaultStoryLead
	}
	if a.margin <= 0 {
		a.margin = DefaultMargin
	}
	if a.now == nil {
		a.now = time.Now
	}
	return a
}

// Base is the knowledge base decisions come from.
func (a *Answerer) Base() *knowledge.Base { return a.s.Base() }

// Decide reads one message against the conversation's state, returns what
// to say, and updates st. The error is only for a failing search.
func (a *Answerer) Decide(ctx context.Context, st *State, msg string, p Person) (Decision, error) {
	guess := st.Guess
	st.Guess = ""
	d, err := a.decide(ctx, st, msg, p, guess)
	if err == nil && st.Topic == "" {
		st.Guess = guessAfter(a.s.Base(), st, d, guess)
	}
	return d, err
}

// decide is Decide; guess is the topic the bot was not sure of before
// (State.Guess).
func (a *Answerer) decide(ctx context.Context, st *State, msg string, p Person, guess string) (Decision, error) {
	kb := a.s.Base()
	q := index.Clean(msg)
	crisis, distress := kb.Screen(q)
	d := Decision{Cut: utf8.RuneCountInString(q) >= index.MaxQuestionRunes, Question: q, Now: a.now(), Distress: distress, read: &readings{}}
	msgLang, sure := index.DetectLanguage(q)
	ctx = index.WithLanguage(ctx, q, msgLang, sure)
	sig := readSignals(q)
	feelings := feelingAt(sig.words) != nil
	if feelings {
		sig.rest = withoutFeelingWords(sig.words, sig.rest)
	}
	if !hasWord(q) {
		d.Kind, d.Reason, d.Lang = KindDeclined, index.ReasonEmpty, a.lang(st, p, "", false)
		return d, nil
	}
	other := OtherLanguage(q)
	offered := st.Offered
	st.Offered = [2]string{}
	if h, ok := chosen(kb, offered, sig.words); ok && crisis == nil {
		// "Meinen Sie A oder B?" … "das zweite": the one picked, no search.
		d.Lang = a.lang(st, p, msgLang, sure)
		if t := kb.Topic(h.ID); t != nil && sig.aspect == AspectNone && st.Aspect != AspectNone {
			return a.answerTopic(kb, st, d, t, st.Aspect), nil // "Pflegeheim kosten": the costs of the one picked
		}
		return a.answerHit(kb, st, d, []index.Hit{h}, sig, nil), nil
	}
	if sig.gender != "" {
		st.Gender = sig.gender
	}
	if sig.tonight {
		st.Tonight = true
	}
	// "ich hab zu wenig Geld zum Leben" … "bin 70": the need for money to
	// live on, whichever topic answered it, is what a person's age asks.
	means := st.Means || shortOfMoney(sig.words)
	st.Means = means
	// Crisis help comes first, before any search: the lines, then the
	// topic that helps, with the place that fits the person now.
	if c := crisis; c != nil {
		d.Kind, d.Crisis, d.Lines = KindCrisis, c, kb.CrisisLines(c)
		if !sure {
			// Too short to tell its language, but its crisis words are
			// of one: the lines in the words the person wrote.
			if langs := kb.SignalLanguages(q); len(langs) > 0 && !slices.Contains(langs, msgLang) {
				msgLang, sure = langs[0], true
			}
		}
		d.Lang = a.lang(st, p, msgLang, sure && !other)
		if t, tonight := a.crisisTopic(ctx, kb, st, q, c); t != nil {
			st.Tonight = st.Tonight || tonight
			d.Topic, d.Fits = t, a.officesFor(kb, t, st)
			st.Topic, st.Aspect, st.Local = t.ID, AspectNone, ""
		}
		return d, nil
	}

	if d, ok := a.opener(st, p, d, sig, q, msgLang, sure); ok {
		return d, nil
	}

	// A message of nothing but cues ("und wo ist das?", "was kostet das?",
	// "ich bin eine Frau") names no topic: it follows up on the last one,
	// or asks back what it is about. It needs no search.
	if len(sig.rest) == 0 && !sig.thanks && (sig.aspect != "" || sig.gender != "" || sig.tonight || len(sig.words) > 0) {
		d.Lang = a.lang(st, p, msgLang, sure)
		cur := kb.Topic(st.Topic)
		if cur == nil {
			// "das mit dem billigen Busticket" (asked back) … "wie viel
			// kostet das im Monat?": the topic the bot was not sure of.
			cur = kb.Topic(guess)
		}
		if t := cur; t != nil && sig.aspect == "" && sig.gender == "" && !sig.tonight && onlyAsks(sig.words) {
			// "und?", "wann?", "warum?": the topic again, "wann" by when
			// or, where it has no deadlines, when its office is open.
			return a.followup(kb, st, d, t, whenSignals(sig, profileOf(t, d.Lang))), nil
		}
		if t := cur; t != nil && sig.aspect == "" && (onlyYes(sig.words) || elliptic(sig.words)) {
			// "ja", "genau": yes to the topic answered, which goes on;
			// "and for deaf people?": what was asked, for them.
			return a.followup(kb, st, d, t, sig), nil
		}
		if t := cur; t != nil && (sig.aspect != "" || sig.gender != "" || sig.tonight || pointsBack(sig.words) || aboutPerson(sig.words)) {
			// "was gab es da schon so?" points back with "da"; "ich bin
			// aber über 60" tells about the person asking.
			if u := kb.Topic(personSpan(kb, sig.words)); switchesSpan(kb, t, u, means, tellsAboutPerson(q, sig), q, sig.words, nil) {
				// "Bürgergeld" … "nee bin schon 67": the topic of that need for them.
				return a.followup(kb, st, d, u, personSignals(sig, AspectNone)), nil
			}
			if sig.gender == "" && !sig.tonight && tellsAboutPerson(q, sig) {
				sig = personSignals(sig, st.Aspect)
			}
			return a.followup(kb, st, d, t, sig), nil
		}
		if !onlyGreeting(sig.words) {
			d.Kind, d.Ask, d.Aspect = KindAsk, AskTopic, sig.aspect
			st.Aspect = sig.aspect
			return d, nil
		}
	}

	if st.Topic == "" && guess == "" && onlyPersonAsked(sig.words) {
		// "ya eşim için?", "وللبنت؟" with nothing before: about what?
		d.Lang = a.lang(st, p, msgLang, sure)
		d.Kind, d.Ask, d.Aspect = KindAsk, AskTopic, sig.aspect
		st.Aspect = sig.aspect
		return d, nil
	}
	if other && p.ChosenLang == "" {
		// A language the bot does not speak: no German or English answer
		// to a question it cannot read, but where help in other languages is.
		d.Kind, d.Reason, d.Lang, d.OtherLanguage = KindDeclined, index.ReasonOutOfScope, LangOther, true
		return d, nil
	}
	// "Entschuldigung, wo ist das Sozialbüro …": the greeting or excuse
	// before a question is searched for nothing.
	sq := q
	if !isStory(q) {
		// A story's search weighs all its sentences; one word less moves it.
		sq, sig.query = withoutOpening(q), withoutOpening(sig.query)
	}
	if isStory(q) {
		// "gibts da was vom Staat außer Wohngeld?", "die Beerdigung haben
		// wir schon bezahlt": what is set aside or settled is searched for
		// nothing.
		sq = dropWords(sq, append(exceptedBenefits(kb, sig.words), settledWords(kb, sig.words)...))
	}
	if feelings {
		// Feelings and urgency beside the need are searched for nothing.
		sig.query, sq = withoutFeelings(sig.query), withoutFeelings(sq)
	}
	res, cueless, err := a.search(ctx, kb, sq, sig)
	if err != nil {
		return d, fmt.Errorf("decide: %w", err)
	}
	res.Question = q
	var aged bool
	res.Hits, aged = bySituation(kb, res.Hits, q, sig.words)
	// A story of a person of pension age whose money is short ("er ist 74,
	// die kleine Rente reicht hinten und vorne nicht"), whose search found
	// the topic for them first or behind topics of side details, is
	// answered with it, though its many words leave the search unsure.
	aged = aged && isStory(q)
	// "firma nas zwolniła, nie mamy na jedzenie": a person dismissed whose
	// money is short, and the search, unsure of the many words, found the
	// money topic for those who can work first.
	jobless := res.Reason == index.ReasonUnsure && lostWork(sig.words) && len(res.Hits) > 0 && kb.SpanTopic(knowledge.SpanWorking) != nil && topicOfHit(kb, res.Hits[0]) == kb.SpanTopic(knowledge.SpanWorking).ID
	d.Result = res
	// The words that matched show the language only where the message's
	// own letters and words did not: a German office name in a Turkish
	// sentence does not make the answer German.
	if !sure && res.MatchLang != "" && !scriptShows(msgLang) {
		msgLang, sure = res.MatchLang, true
	}
	d.Lang = a.lang(st, p, msgLang, sure)
	hits := knownHits(kb, res.Hits)
	if res.Answered && len(hits) > 0 && topicOfHit(kb, hits[0]) != guess {
		// The search sure of a topic outweighs the one the bot was not
		// sure of before ("meine oma braucht hilfe" … "sie ist 91 und
		// wohnt allein in lanstrop": the Seniorenbüro there).
		guess = ""
	}
	if st.Topic == "" && guess == "" && (msgLang == "de" || msgLang == "en" || !sure && !scriptShows(msgLang)) && !sig.thanks && res.Reason != index.ReasonGreeting && !isStory(q) && namesNoTopic(kb, sig.rest, msg, msgLang, res.Answered) &&
		!namesHit(kb, hits, sig.words) &&
		!(res.Reason == index.ReasonUnsure && anyOf(mayName(sig.rest), capitalWords(msg, true))) {
		// "ich weiß nicht weiter", "Ich möchte einen Antrag stellen": no
		// word names a topic; one common word would only guess one. A noun
		// the search is unsure of ("Pflege") gets its closest topics instead.
		// Only German and English words are known well enough to tell (a
		// guess of another language from one word, "ne", is no sign).
		d.Kind, d.Ask, d.Aspect = KindAsk, AskTopic, sig.aspect
		st.Aspect = sig.aspect
		return d, nil
	}
	if len(res.Districts) == 1 {
		st.District = res.Districts[0]
	}
	// A message that names a topic by its title is more than a place, even
	// where the search found little else: "… dass ich vielleicht Anspruch
	// auf Grundsicherung habe. Wie geht das?"
	onlyPlace := (res.OnlyPlace || len(res.Districts) > 0 && allPlaces(kb, sig.rest)) &&
		!(len(hits) > 0 && namesTopic(kb, hits[0], sig.rest, "de"))

	switch {
	case res.Reason == index.ReasonGreeting:
		if !sure && len(sig.words) > 0 && !slices.ContainsFunc(sig.words, func(w string) bool { return !englishGreetings[w] }) {
			d.Lang = a.lang(st, p, "en", true) // "hello?", "good morning"
		}
		if !sig.thanks && strings.HasSuffix(q, "?") {
			// "hallo?", "hello?": is anyone there? Yes, and what is it about?
			d.Kind, d.Ask = KindAsk, AskTopic
			return d, nil
		}
		d.Kind, d.Thanks = KindGreeting, sig.thanks
		return d, nil
	case res.Reason == index.ReasonEmpty:
		d.Kind, d.Reason = KindDeclined, res.Reason
		return d, nil
	}

	t := kb.Topic(st.Topic)
	if t == nil {
		// The topic the bot was not sure of is the conversation's until
		// the person names another: "männerübernachtung" … "kostet das was".
		t = kb.Topic(guess)
	}
	if t != nil && len(res.Districts) == 0 && st.District != "" && len(sig.words) <= 6 && len(kb.OfficesOf(t)) > 1 {
		if id := siblingDistrict(kb, st.District, sig.words); id != "" {
			// "Seniorenbüro Innenstadt-Nord" … "nee ich meine Ost": the
			// office of the district so named.
			st.District, d.Result.Districts = id, []string{id}
			sig.aspect, sig.cues = AspectWhere, map[Aspect]int{AspectWhere: 1}
			return a.followup(kb, st, d, t, sig), nil
		}
	}
	// A pointer ("da", "dort", "dafür") points back in a sentence of some
	// length too: "ich bin nur die Nachbarin, darf ich da trotzdem anrufen?".
	refers := sig.refers || pointsBack(sig.words) || pronounBack(sig.words)
	// "ok und wie lange habe ich Zeit?", "nein, ich meine für zu Hause":
	// "und" after a word of assent, or a correction, goes on from before.
	sig.and = sig.and || goesOn(sig.words)
	// fr are the words that may name a topic: the people a follow-up speaks
	// of ("und meine Schwester?") ask the conversation's topic for them.
	fr := withoutPersons(sig.rest)
	// frRead is fr read once for the topics it is weighed against.
	frRead := sync.OnceValue(func() *reading { return readWords(fr) })
	registers := sig.words
	if isStory(q) {
		// A story tells of other offices' decisions before it asks ("seit
		// der Reha … die Rentenversicherung prüft noch … wovon leben?"):
		// its asking sentence decides.
		_, registers = splitWords(askingSentence(q))
	}
	if registersElsewhere(kb, registers) && !(len(hits) > 0 && namesTopic(kb, hits[0], sig.rest, d.Lang)) {
		// "Behindertenfahrdienst" … "Wie melde ich mein Auto ab?": another
		// office's service, though the Fahrdienst speaks of a car.
		d.Kind, d.Reason, d.Choices = KindDeclined, index.ReasonOutOfScope, nil
		return d, nil
	}
	if asksRanking(sig.words) || asksRecommendation(sig.words) && !(len(hits) > 0 && namesTopic(kb, hits[0], sig.rest, d.Lang)) {
		// "Schwerbehindertenausweis" … "welche Krankenkasse ist die beste",
		// "welches Pflegeheim ist das beste": a ranking of products or
		// providers, which no topic gives; "kennst du einen guten
		// Fahrdienst" is answered by the one that names it.
		d.Kind, d.Reason, d.Choices = KindDeclined, index.ReasonOutOfScope, nil
		return d, nil
	}
	// from is the topic a message that names another switches from: the
	// conversation's, also where it says it asks about something else.
	var from *knowledge.Topic
	if t != nil && newSubject(sig.words) {
		from = t
		// "ganz andere Frage: …", "something else: …": the conversation's
		// topic is over; the search's other topics answer.
		if len(hits) > 0 && topicOfHit(kb, hits[0]) == t.ID {
			res.Answered = false
		}
		hits = slices.DeleteFunc(slices.Clone(hits), func(h index.Hit) bool { return topicOfHit(kb, h) == t.ID })
		t = nil
	}
	// "ich wiege 130 kilo", "meine Rente ist 1400 netto": a statement about
	// the person asks the conversation's topic again for them (a place
	// alone, a postcode too, asks for the office there instead).
	person := t != nil && sig.gender == "" && !sig.tonight && !onlyPlaceOrNumber(kb, sig.rest) && tellsAboutPerson(q, sig)
	strange := false
	if t != nil && !(refers && len(fr) <= 2) && !(person && hasAmount(sig.words)) {
		// "wo kann man hier gut Pizza essen?" follows up on nothing, nor
		// does "wie mach ich nudelsalat" written small; "muss mein Sohn da
		// was zahlen?" points back with "da" and stays, and so does a
		// message whose best hit is the conversation's topic ("HLU" … "ich
		// bin 34, nach einer OP krankgeschrieben …"). A short message
		// written small, which neither points back nor tells about the
		// person or a place, is read by its words the knowledge base never
		// uses ("Grundsicherung" … "wo ist der nächste geldautomat": "Geld"
		// found it).
		nouns := germanNouns(msg, msgLang)
		own := len(hits) > 0 && topicOfHit(kb, hits[0]) == t.ID
		if !own && (strangeWord(kb, fr, nouns) || msgLang == "en" && strangeEnglish(kb, fr)) {
			t = nil
		} else if msgLang == "de" && nouns == nil && len(sig.words) <= 8 && !pointsBack(sig.words) && !pronounBack(sig.words) && !anyOf(sig.words, thatWords) && !person && len(res.Districts) == 0 && strangeLower(kb, fr) {
			t, strange = nil, true
		}
	}
	if t != nil && sig.thanks && sig.aspect == "" && !asksAbout(sig) && !strings.Contains(q, "?") && !namesAny(kb, fr) {
		// "danke dir, das hilft mir": thanks, not a question.
		d.Kind, d.Thanks = KindGreeting, true
		return d, nil
	}
	if t != nil && sig.aspect != AspectBring && namesElsewhere(without(without(sig.rest, keywordWords(t)), received(sig.words)), res.Elsewhere) {
		// "Grundsicherung" … "wo kann ich meinen Personalausweis
		// verlängern?": another office's service, though the topic's list
		// of papers names the word. One the topic's keywords hold is the
		// person's situation in it: "HLU" … "mein Krankengeld ist vorbei";
		// so is what they get: "ich krieg Arbeitslosengeld 1, geht das?".
		t = nil
	}
	// "und für meine Mutter?", "ich wohne in Bochum": a short follow-up
	// that names no topic stays with the conversation's topic, even when
	// the search finds a weak match for one of its words.
	// Words for another office's service name none of our topics: "kimlik
	// kartı" (identity card) shares a word with "engelli kimlik kartı".
	// A title's compound written apart names it too ("dortmund pass wer kriegt den").
	named := len(hits) > 0 && namesTopic(kb, hits[0], slices.Concat(without(fr, foldWords(strings.Join(res.Elsewhere, " "))), titleCompounds(kb, sig.words)), d.Lang)
	if named && t != nil && !namesTopic(kb, hits[0], without(sig.rest, received(sig.words)), d.Lang) {
		// "Maßnahme für Langzeitarbeitslose" … "wie komm ich da rein? ich
		// krieg Bürgergeld": what the person gets tells who they are; it
		// is not the topic asked about.
		named = false
	}
	if named && person && hasAmount(sig.words) && !namesTopic(kb, hits[0], slices.DeleteFunc(slices.Clone(fr), func(w string) bool { return meansWords[w] || gradeWords[w] }), d.Lang) {
		// "Pflegewohngeld" … "meine Mutter hat Pflegegrad 3 und ist im
		// Heim": a grade beside its number tells who the person is, like
		// an amount of pension; it does not ask about Hilfe zur Pflege.
		named = false
	}
	if t != nil && !newSubject(sig.words) && forAnotherPerson(sig.words, msgLang) && !namesAny(kb, withoutPersons(sig.rest)) {
		// "Sosyal bilet" … "çocuklarım için de var mı": the topic for them.
		return a.followup(kb, st, d, t, sig), nil
	}
	// "Fahrdienst" … "wie krieg ich eigentlich den Schwerbehindertenausweis":
	// a word that names another topic the search found leaves the
	// conversation's topic for it.
	switched := false
	if from == nil {
		from = t
	}
	// "gilt das auch für meinen Sohn? … Psychose" points back like "da":
	// only a word of a title switches.
	if h, ok := switchTo(kb, from, hits, sig.words, sig.rest, d.Lang, refers || asksSameFor(sig.words)); ok {
		switched, named = true, true
		if !res.Answered || topicOfHit(kb, hits[0]) == from.ID {
			// The search's own best answer stands where it is another topic
			// ("Demenz … wo bekommen wir Beratung? … in Brackel").
			hits = append([]index.Hit{h}, slices.DeleteFunc(slices.Clone(hits), func(x index.Hit) bool { return x == h })...)
		}
	}
	if t != nil && !switched && !asksSameFor(sig.words) && !(person && onlyHoldings(fr)) && tellsAnew(kb, t, hits, res.Answered, sig.words, fr, d.Lang) {
		// "Seniorenbüro Hörde" … "noch ne Frage: meine Tochter hat ihr Kind
		// bekommen, sie will zu Hause bleiben, gibts da Geld?": a need told
		// anew at length, which the search answers with a topic that
		// speaks of it far more than the conversation's.
		switched, named = true, true
	}
	// The words of working ("unemployed") name Beschäftigungsförderung; said
	// of the person they tell who it is.
	namedBeyond := named && namesTopic(kb, hits[0], slices.DeleteFunc(slices.Clone(fr), func(w string) bool { return workWords[w] }), d.Lang)
	// "Dortmund-Pass" … "gilt das auch für meine Oma mit kleiner Rente?"
	// asks the topic pointed back to for her; only a money topic moves by
	// the person's age or means.
	if t != nil && !namedBeyond && len(sig.words) <= maxSpanWords && !(asksSameFor(sig.words) && t.NeedSpan == "") {
		if u := kb.Topic(personSpan(kb, sig.words)); switchesSpan(kb, t, u, means, person || sig.gender != "" && tellsAboutPerson(q, sig), q, sig.words, hits) {
			// "wo beantrag ich Bürgergeld" … "ich bin aber schon 68, Rente
			// ist mini", "Grundsicherung" … "ach ne ich bin erst 29 und such
			// Arbeit": how long the person cannot work, their age, or that
			// they can work makes the other topic of that need the one that fits.
			return a.followup(kb, st, d, u, personSignals(sig, AspectNone)), nil
		}
	}
	if person && t != nil && !named {
		return a.followup(kb, st, d, t, personSignals(sig, st.Aspect)), nil
	}
	if t != nil && !switched && endsPointingBack(q) && !(len(hits) > 0 && namesTopic(kb, hits[0], uncommonTitleWords(kb, fr, d.Lang), d.Lang)) {
		// "Grundsicherung" … "meine Tochter ist 25 und kann wegen
		// Behinderung nie arbeiten, geht das auch?": a message that ends
		// asking about "das" asks the conversation's topic, whatever it
		// tells before; "Behinderung" is in three titles and names none.
		// "… auch?", "… trotzdem?" asks whether it is for them too: who.
		if sig.aspect == "" && slices.ContainsFunc(sig.words, func(w string) bool { return w == "auch" || w == "trotzdem" }) {
			sig.aspect, sig.cues = AspectWho, map[Aspect]int{AspectWho: 1}
		}
		return a.followup(kb, st, d, t, sig), nil
	}
	if t != nil && sig.aspect != "" && !named && msgLang != "de" && msgLang != "en" && len(fr) <= 3 {
		// "Blindengeld" … "скільки це грошей?": a question for an aspect in
		// a language whose small words no list here knows, that names no
		// topic by its title, asks the conversation's topic.
		return a.followup(kb, st, d, t, sig), nil
	}
	if t != nil && familyPays(sig.words) && !slices.ContainsFunc(fr, func(w string) bool { return !isPayWord(w) && !ownedWords[w] && !savingsWords[w] && !meansWords[w] }) {
		if len(profileOf(t, d.Lang).withMaintenance(nil, map[string]bool{})) > 0 {
			// "Pflegewohngeld" … "müssen die Kinder dann zahlen?", "mein
			// Bruder hat aber ein Haus, muss der zahlen?": whether the
			// family owes maintenance for the topic, which speaks of it;
			// "zahlen" does not name the statistics' "Zahlen".
			return a.followup(kb, st, d, t, sig), nil
		}
		if sig.aspect == AspectNone && profileOf(t, d.Lang).whoPays() {
			// "Bestattungskosten" … "meine Schwester hat aber Geld, muss
			// die zahlen?": who has to pay, which its who says.
			sig.aspect, sig.cues = AspectWho, map[Aspect]int{AspectWho: 1}
			return a.followup(kb, st, d, t, sig), nil
		}
	}
	// better: a question whose words the search's topic, another than the
	// conversation's, holds all of, and more of them than the conversation's.
	// A person telling about themselves ("ich bin die Mutter") asks nothing new.
	better := t != nil && sig.aspect != "" && sig.gender == "" && res.Answered && len(hits) > 0 && topicOfHit(kb, hits[0]) != t.ID &&
		speaksBetter(kb, kb.Topic(topicOfHit(kb, hits[0])), t, d.Lang, frRead())
	if t != nil && sig.aspect != "" && !named && len(sig.rest) <= 3 && res.Answered && len(hits) > 0 && topicOfHit(kb, hits[0]) != t.ID && a.onlyCues(ctx, q, sig, cueless) {
		// "bis wann muss der Antrag da sein?": the search found a topic
		// only through the words that ask for an aspect.
		return a.followup(kb, st, d, t, sig), nil
	}
	if t != nil && sig.aspect != "" && !named && !better && len(fr) > 0 && len(fr) <= 2 && !namesAny(kb, fr) && !switched {
		// "Blindengeld beantragen" … "was brauch ich vom Arzt": an aspect
		// and a word or two that name no topic ask the conversation's
		// topic, though another topic's text holds the word.
		return a.followup(kb, st, d, t, sig), nil
	}
	if t != nil && (sig.aspect != "" || sig.and || refers) && !named && len(fr) <= 3 && len(hits) > 0 && topicOfHit(kb, hits[0]) != t.ID && speaksOf(kb, t, d.Lang, frRead()) && !better {
		// "Wohnungslos" … "wo krieg ich morgen früh was zu essen?": a short
		// question whose words the conversation's topic speaks of stays
		// with it rather than go to another topic that shares a word.
		return a.followup(kb, st, d, t, sig), nil
	}
	// A message that names another topic switches to it, even when the
	// search is unsure of it ("und was ist mit dem Dortmund-Pass?").
	if t != nil && (sig.and || sig.lives || refers || sig.gender != "") && len(fr) <= 3 && !better && !(named && (res.Answered || res.Reason == index.ReasonUnsure) && topicOfHit(kb, hits[0]) != t.ID) {
		if sig.lives && sig.aspect == "" && len(res.Districts) > 0 {
			// "ich wohne in Eving", not "und wenn man alleine lebt?"
			sig.aspect, sig.cues = AspectWhere, map[Aspect]int{AspectWhere: 1}
		}
		return a.followup(kb, st, d, t, sig), nil
	}
	if t != nil && !named && len(fr) > 0 && len(fr) <= 3 && len(fr) < len(sig.rest) && speaksOf(kb, t, d.Lang, frRead()) && !better {
		// "Behindertenfahrdienst" … "darf meine Frau mitfahren?": a person
		// and words the conversation's topic speaks of ask it for them,
		// though "Frau" finds the women's shelter.
		return a.followup(kb, st, d, t, sig), nil
	}
	if t != nil && len(fr) == 0 && len(sig.rest) > 0 && !named {
		// "Grundsicherung" … "für meinen Opa": the topic for that person.
		return a.followup(kb, st, d, t, sig), nil
	}
	// A place in another script or language is no German place word, and
	// that language's small words are no German stop words ("ما در برکل
	// هستیم", we are in Brackel): its place words do not count.
	short := len(fr)-res.PlaceWords <= 3
	if t != nil && len(res.Districts) == 1 && !named && short && len(kb.OfficesOf(t)) > 1 && !namesAny(kb, fr) {
		// "Seniorenbüro Mengede" … "gibts auch eins in Bodelschwingh?": a
		// place and no word that names a topic asks for the office there.
		if sig.aspect == "" {
			sig.aspect, sig.cues = AspectWhere, map[Aspect]int{AspectWhere: 1}
		}
		return a.followup(kb, st, d, t, sig), nil
	}
	// "wo ist das Sozialbüro?": "das" points to the office the message names,
	// not back to an earlier message.
	namedOffice := slices.ContainsFunc(hits[:min(3, len(hits))], func(h index.Hit) bool { return namesOffice(kb, h, fr, d.Lang, nil) })
	// "wo krieg ich den dortmund pass": an article before a word written
	// small points back only where the search found nothing it names.
	pointer := sig.refers && (!res.Answered || pointsBack(sig.words) || pronounBack(sig.words) || slices.ContainsFunc(sig.words, func(w string) bool { return englishPointers[w] }))
	if t == nil && len(fr) == 0 && len(sig.rest) > 0 && sig.aspect == "" && sig.gender == "" && !sig.tonight && !sig.thanks && !named && !namedOffice && len(res.Districts) == 0 {
		// "Hallo, mein Vater ist 84": who it is about, not what (though
		// Elterngeld's keywords hold "Vater"); the topic is asked.
		d.Kind, d.Ask = KindAsk, AskTopic
		return d, nil
	}
	if t == nil && (sig.and || pointer) && len(sig.rest) <= 3 && !named && !namedOffice || t == nil && asksWhatNext(sig.words) {
		// "und für meine Mutter?" with nothing before it: about what?
		d.Kind, d.Ask, d.Aspect = KindAsk, AskTopic, sig.aspect
		return d, nil
	}
	if u := kb.Topic(st.Local); t == nil && st.Topic == "" && u != nil && u.LocalOffices && onlyPlace && len(res.Districts) == 1 {
		// "gibts sowas wie ne Beratungsstelle für ältere Leute" (not sure:
		// the Seniorenbüros first) … "44143": the office of the place of
		// the topic the bot was not sure of.
		st.District = res.Districts[0]
		return a.answerTopic(kb, st, d, u, AspectWhere), nil
	}
	if t == nil && onlyPlace && len(res.Districts) == 1 && sig.aspect == "" {
		// "Ich wohne in Eving": the district is remembered, the topic asked,
		// even when a word of the message ("wohne") matches a topic.
		d.Kind, d.Ask, d.District = KindAsk, AskTopic, res.Districts[0]
		return d, nil
	}
	if t == nil && !res.Answered && sig.help && !named && !isStory(q) {
		// "Was kann ich hier fragen?": the topics to choose from.
		d.Kind, d.Ask = KindAsk, AskTopic
		return d, nil
	}
	if switched {
		if asksAbout(sig) {
			// "was ist mit Blindengeld?"; not "… wir kriegen Wohngeld".
			hits = preferSwitch(kb, hits, slices.Concat(without(sig.rest, received(sig.words)), titleCompounds(kb, sig.words)), d.Lang)
		}
		return a.answerHit(kb, st, d, hits, sig, res.Districts), nil
	}
	if res.Answered && len(hits) > 0 && st.Topic == "" && elsewhereFirst(kb, hits[0], q, sig.words, res.Elsewhere, d.Lang) {
		// "blauer Parkausweis für Schwerbehinderte", "когда вывозят
		// крупный мусор": another office's service, and no title of the
		// topic the search found for the words beside it.
		d.Kind, d.Reason, d.Choices = KindDeclined, index.ReasonOutOfScope, nil
		return d, nil
	}
	if strange && !named && !switched {
		// "Fahrdienst" … "wie mach ich nudelsalat": another domain's words,
		// which the search matched only by chance.
		d.Kind, d.Reason, d.Choices = KindDeclined, index.ReasonOutOfScope, nil
		return d, nil
	}
	if res.Answered && len(hits) > 0 {
		hits = a.preferNamed(kb, hits, slices.Concat(titleCompounds(kb, sig.words), sig.rest), d.Lang, res.Districts)
		if t != nil && asksAbout(sig) {
			// "Grundsicherung" … "was ist eigentlich mit Blindengeld?":
			// the topic the switch names, among the first few.
			hits = preferSwitch(kb, hits, slices.Concat(titleCompounds(kb, sig.words), sig.rest), d.Lang)
		}
		if alt, ok := a.close(kb, hits, st, sig.rest, d.Lang); ok {
			if t != nil && !named && (len(fr) <= 4 && speaksOf(kb, t, d.Lang, frRead()) || sig.aspect != "" && a.tied(kb, hits, t.ID)) {
				// "Grundsicherung" … "zählt mein Auto als Vermögen?": two
				// other topics too close to choose, and the conversation's
				// speaks of the words, or is as close as they are to a
				// question of an aspect ("Bestattungskosten" … "wer ist
				// zuständig, wenn er in Bochum gestorben ist?"): it is the
				// one asked about.
				return a.followup(kb, st, d, t, sig), nil
			}
			d.Kind, d.Ask, d.Choices, d.Aspect = KindAsk, AskChoice, alt, sig.aspect
			st.Aspect, st.Offered = sig.aspect, offer(alt)
			return d, nil
		}
		return a.answerHit(kb, st, d, hits, sig, res.Districts), nil
	}

	// Not answered by the search: a place or a cue may still follow up.
	switch {
	case t != nil && onlyPlace && len(res.Districts) == 1:
		if sig.aspect == "" {
			sig.aspect, sig.cues = AspectWhere, map[Aspect]int{AspectWhere: 1}
		}
		return a.followup(kb, st, d, t, sig), nil
	case t != nil && (sig.aspect != "" || sig.gender != "") && len(sig.rest) <= 2 && (res.Reason != index.ReasonOutOfScope || verbsOnly(kb, fr, msgLang)) && !named:
		// "Blindengeld" … "was für Nachweise muss ich abgeben?": a cue and
		// a verb the knowledge base does not use ask the topic again.
		return a.followup(kb, st, d, t, sig), nil
	case t != nil && !named && len(fr) <= 3 && len(sig.words) <= 12 && allUsed(kb, fr) && speaksOf(kb, t, d.Lang, frRead()):
		// "Behindertenfahrdienst" … "darf meine Frau mitfahren?": a short
		// message the search finds nothing for, whose words the
		// conversation's topic speaks of, asks about that topic.
		return a.followup(kb, st, d, t, sig), nil
	case t != nil && !named && len(sig.words) <= 15 && len(fr) <= 6 && allUsed(kb, fr) && speaksAtLeast(kb, t, hits, d.Lang, frRead()):
		// "Schwerbehindertenausweis" … "muss ich die Befunde im Original
		// schicken oder reicht Kopie?": a question the search is unsure
		// of, whose words the conversation's topic speaks of as well as
		// any topic the search found, asks about that topic.
		return a.followup(kb, st, d, t, sig), nil
	case t != nil && !named && len(hits) > 0 && topicOfHit(kb, hits[0]) == t.ID:
		// "Fahrdienst" … "fährt der mich auch zur Dialyse dreimal die
		// Woche?": the search is unsure, but its best guess is the topic
		// the conversation is about, which is answer enough.
		return a.followup(kb, st, d, t, sig), nil
	case len(res.Districts) == 1 && onlyPlace:
		// A place and nothing else: the district is remembered, the topic asked.
		d.Kind, d.Ask, d.District = KindAsk, AskTopic, res.Districts[0]
		return d, nil
	case len(res.Districts) > 1:
		d.Kind, d.Ask, d.Districts, d.Choices = KindAsk, AskDistrict, res.Districts, hits
		if t != nil && t.LocalOffices {
			d.Topic = t
		}
		return d, nil
	case len(hits) > 0 && !(res.Reason == index.ReasonOutOfScope && len(res.Elsewhere) > 0 && !namesTitle(kb.Topic(topicOfHit(kb, hits[0])), sig.words)) &&
		!(st.Topic == "" && elsewhereFirst(kb, hits[0], q, sig.words, res.Elsewhere, d.Lang)) &&
		(aged || jobless && leads(kb, hits, storyUnsureLead) || named && res.Reason == index.ReasonUnsure || (named || isStory(q)) && leads(kb, hits, a.storyLead) ||
			named && leads(kb, hits, namedLead) || isStory(q) && res.Reason == index.ReasonUnsure && leads(kb, hits, storyUnsureLead) ||
			t == nil && res.Reason == index.ReasonUnsure && !isStory(q) && plainlyNamed(kb, hits, sig, msgLang)):
		// A long story dilutes the share of words any topic explains, and so
		// do extra words beside a topic's name ("Bis wann muss ich eigentlich
		// Elterngeld beantragen?"); the best topic still answers when it
		// stands clear of the next one. Not where the search saw another
		// office's service and the message names no title of ours in
		// German or English ("unde pot face pașaportul pentru copil": the
		// translated title's "pentru" names nothing).
		hits = a.preferNamed(kb, hits, slices.Concat(titleCompounds(kb, sig.words), sig.rest), d.Lang, res.Districts)
		if alt, ok := a.close(kb, hits, st, sig.rest, d.Lang); ok {
			d.Kind, d.Ask, d.Choices = KindAsk, AskChoice, alt
			st.Offered = offer(alt)
			return d, nil
		}
		return a.answerHit(kb, st, d, hits, sig, res.Districts), nil
	}
	if len(hits) > 0 && res.Reason == index.ReasonUnsure {
		if t := kb.Topic(topicOfHit(kb, hits[0])); t != nil {
			if o := shelterFor(kb, t, sig.gender, sig.aspect); o != nil {
				// "bi adam yatiyo … erkekler icin gecelik yer var mi": a
				// man or a woman named beside the search's best guess of
				// a topic with a shelter only for them is that shelter.
				d = a.answerOffice(kb, st, d, o, sig.aspect)
				st.Topic = t.ID
				return d, nil
			}
		}
	}
	if st.Topic == "" && len(res.Elsewhere) == 0 && goesOnFromNothing(sig.words) {
		// "а для дружини?", "ve eşim?" with nothing before: about what?
		d.Kind, d.Ask, d.Aspect = KindAsk, AskTopic, sig.aspect
		return d, nil
	}
	d.Kind, d.Reason, d.Choices = KindDeclined, res.Reason, hits
	if d.Reason == "" {
		d.Reason = index.ReasonOutOfScope
	}
	st.Local = ""
	if len(hits) == 0 || d.Reason != index.ReasonUnsure || st.Topic != "" {
		return d, nil
	}
	if u := kb.Topic(topicOfHit(kb, hits[0])); u != nil && u.LocalOffices {
		// Not sure, but the first suggestion has an office per Stadtbezirk:
		// a place alone next asks for it.
		st.Local = u.ID
	}
	return d, nil
}

// search searches the message. When the search is not sure and the
// message asks for an aspect, it searches again without the aspect's words
// ("Welche Unterlagen will das Sozialamt für den Fahrdienst sehen?" is
// about the Fahrdienst), and takes that result only when it names a topic.
//
// A story that the search is not sure of is searched once more by its
// topic words alone: in "Meine Mama ist am Sonntag gestorben. Sie hatte
// Grundsicherung … Der Bestatter sagt …" the life around it dilutes what
// the words "gestorben" and "Bestatter" say.
//
// cueless is the search without the aspect's words, when there was one.
func (a *Answerer) search(ctx context.Context, kb *knowledge.Base, q string, sig signals) (res index.Result, cueless *index.Result, err error) {
	res, err = a.s.Search(ctx, q)
	if err != nil || res.Reason == index.ReasonGreeting || res.Reason == index.ReasonEmpty {
		return res, nil, err
	}
	if elsewhere := res.Elsewhere; isStory(q) && len(elsewhere) > 0 {
		// A story searched again by part of its words still told of
		// another office's service: its asking sentence decides.
		defer func() {
			if len(res.Elsewhere) == 0 {
				res.Elsewhere = elsewhere
			}
		}()
	}
	if isStory(q) {
		// "… Das Jobcenter sagt wir bekommen nichts. Gibt es einen
		// Mietzuschuss?", "Er hat von der Grundsicherung gelebt. Die
		// Bestattung kostet …": the office that sent the person away and
		// the benefit they already get are the story's background, not its
		// answer; the story without them chooses among the topics the
		// whole story found.
		whole := knownHits(kb, res.Hits)
		if len(whole) > 0 {
			if rest := withoutBackground(kb, q, whole[0]); rest != q && strings.TrimSpace(rest) != "" {
				again, err := a.s.Search(ctx, rest)
				if err != nil {
					return res, nil, err
				}
				if h := knownHits(kb, again.Hits); len(h) > 0 && (again.Answered || again.Reason == index.ReasonUnsure && leads(kb, h, storyUnsureLead)) &&
					amongFirst(kb, topicOfHit(kb, h[0]), whole, 4) {
					again.Question = q
					if len(res.Districts) > 0 {
						again.Districts = res.Districts
					}
					return again, nil, nil
				}
			}
		}
	}
	if !isStory(q) {
		// "Bürgergeld alıyoruz, sınıf gezisi 90 euro": the benefit a
		// Ukrainian or Turkish message says the person gets is who asks;
		// the message without it chooses among the first three topics.
		if again, ok, err := a.withoutReceivedForeign(ctx, kb, q, res); err != nil || ok {
			return again, nil, err
		}
	}
	if isStory(q) && res.Answered {
		// A story that two topics explain alike ("… Pflegegrad 4 … für die
		// Investitionskosten einen Zuschuss …" is Hilfe zur Pflege and
		// Pflegewohngeld): its topic words choose between the two.
		if whole := knownHits(kb, res.Hits); len(whole) > 1 && !leads(kb, whole, a.margin) {
			if again, ok, err := a.storySearch(ctx, kb, q, res, 2); err != nil || ok {
				return again, nil, err
			}
		}
	}
	if res.Answered {
		// "Kostet der Antrag auf Grundsicherung etwas?": the words that
		// ask for an aspect ("kostet", "Antrag") may lead the search to
		// another topic than the one the message names; without them it
		// finds the named one. Not in a story, whose many words outweigh
		// its few cue words: there the second search cost time and never
		// changed a decision.
		hits := knownHits(kb, res.Hits)
		if len(hits) == 0 || isStory(q) || namesTopic(kb, hits[0], sig.rest, "de") || sig.query == q || strings.TrimSpace(sig.query) == "" {
			return res, nil, nil
		}
		again, err := a.s.Search(ctx, sig.query)
		if err != nil {
			return res, nil, err
		}
		if h := knownHits(kb, again.Hits); again.Answered && len(h) > 0 && namesTopic(kb, h[0], sig.rest, "de") {
			again.Question = q
			return again, &again, nil
		}
		return res, &again, nil
	}
	if again, ok, err := a.clauseSearch(ctx, kb, q, sig.rest, res); err != nil || ok {
		return again, nil, err
	}
	story := isStory(q)
	if !story && sig.query != q && strings.TrimSpace(sig.query) != "" {
		again, err := a.s.Search(ctx, sig.query)
		if err != nil {
			return res, nil, err
		}
		hits := knownHits(kb, again.Hits)
		if again.Answered && len(hits) > 0 && namesTopic(kb, hits[0], sig.rest, "de") {
			again.Question = q
			return again, &again, nil
		}
		return res, &again, nil
	}
	if !story {
		return res, nil, nil
	}
	again, ok, err := a.storySearch(ctx, kb, q, res, 3)
	if err != nil || ok {
		return again, nil, err
	}
	again, _, err = a.askSearch(ctx, kb, q, res)
	return again, nil, err
}

// tailLangs are the languages whose stories askSearch reads without
// German or English clause rules: sentences end with the same marks, and
// the tail's topic is one the translated search words found sure ("…
// w Jobcenter daja mi tylko kursy. czy miasto ma jakies programy …?").
var tailLangs = set(strings.Fields(`uk ru pl ro bg`))

// askSearch searches the last two sentences of a story the search was not
// sure of: people tell their life first and say the need last ("… wohnen
// zu fünft in 62 qm. Bei der Wohnungsgesellschaft hieß es, wir brauchen
// einen Schein. Wie kommen wir an den?"). It takes that result (ok) when
// the search, made as for a short question (clause by clause), is sure of
// it and its topic is among the first four the whole story found, so the
// tail chooses among the story's topics, not beyond.
func (a *Answerer) askSearch(ctx context.Context, kb *knowledge.Base, q string, whole index.Result) (index.Result, bool, error) {
	ss := storySentences(q)
	if wh := knownHits(kb, whole.Hits); len(ss) < 3 || len(wh) == 0 || whole.Reason == index.ReasonUnsure && leads(kb, wh, storyUnsureLead) {
		// A story whose best topic stands clear of the next is answered
		// by its whole text.
		return whole, false, nil
	}
	lang, _ := index.DetectLanguage(q)
	if lang != "de" && lang != "en" && !tailLangs[lang] {
		// Sentence marks and clause rules are read in German and English.
		return whole, false, nil
	}
	tail := strings.Join(ss[len(ss)-2:], " ")
	if last := ss[len(ss)-1]; tailLangs[lang] && len(strings.Fields(last)) >= 4 {
		// The question, said last: the sentence before it tells the life.
		tail = last
	}
	if isStory(tail) {
		return whole, false, nil
	}
	sig := readSignals(tail)
	again, _, err := a.search(ctx, kb, tail, sig)
	if err != nil {
		return whole, false, err
	}
	// The tail names its topic by a word of the topic's own ("Schein"),
	// not only by the help it asks for ("wo kann ich den Antrag stellen"),
	// which fits many topics once the story's life is cut off.
	if hits := knownHits(kb, again.Hits); again.Answered && len(again.Elsewhere) == 0 && len(hits) > 0 &&
		amongFirst(kb, topicOfHit(kb, hits[0]), knownHits(kb, whole.Hits), 3) && leads(kb, hits, a.margin) &&
		(tailLangs[lang] || namesOwnWord(kb.Topic(topicOfHit(kb, hits[0])), sig.rest)) {
		again.Question, again.Districts = q, whole.Districts
		return again, true, nil
	}
	return whole, false, nil
}

// namesAnyTitle reports whether w is a word of some topic's title: a
// benefit ("Bürgergeld"), not a service the story's topic offers
// ("Frühförderung").
func namesAnyTitle(kb *knowledge.Base, w string) bool {
	t := vocabOf(kb).titles
	return t[w] || t[umlautSpelt(w)]
}

// storySearch searches a story by its topic words alone, less the benefits
// the person already gets ("wir bekommen Bürgergeld … Nachhilfe"), and takes
// that result (ok) when it answers with, and leads by the margin, one of the
// first n topics the whole text found: the topic words choose among them,
// not beyond them. Else it returns whole.
func (a *Answerer) storySearch(ctx context.Context, kb *knowledge.Base, q string, whole index.Result, n int) (index.Result, bool, error) {
	words := storyWords(kb, q)
	if _, folded := splitWords(q); len(words) > 2 {
		got := append(received(folded), deniedBenefits(kb, q)...)
		var keep []string
		for _, w := range words {
			if f := foldWords(w); len(f) != 1 || !slices.Contains(got, f[0]) || !namesAnyTitle(kb, f[0]) {
				keep = append(keep, w)
			}
		}
		if len(keep) > 0 {
			words = keep
		}
	}
	if len(words) < 2 {
		// One word of a long story ("beantrage") is too little to
		// choose by.
		return whole, false, nil
	}
	again, err := a.s.Search(ctx, strings.Join(words, " "))
	if err != nil {
		return whole, false, err
	}
	if hits := knownHits(kb, again.Hits); again.Answered && len(hits) > 0 && amongFirst(kb, topicOfHit(kb, hits[0]), knownHits(kb, whole.Hits), n) &&
		leads(kb, hits, a.margin) {
		again.Question, again.Districts = q, whole.Districts
		return again, true, nil
	}
	return whole, false, nil
}

// withoutReceivedForeign searches a message without the benefits it says
// the person gets (receivedForeign) and takes that result (ok) when it
// answers with another of the first three topics of whole.
func (a *Answerer) withoutReceivedForeign(ctx context.Context, kb *knowledge.Base, q string, whole index.Result) (index.Result, bool, error) {
	orig, words := splitWords(q)
	got := receivedForeign(words)
	hits := knownHits(kb, whole.Hits)
	if len(got) == 0 || len(hits) == 0 {
		return whole, false, nil
	}
	var keep []string
	for i, w := range words {
		// Neither the benefit nor the verb of getting it ("ناخد", take).
		if !slices.Contains(got, w) && !foreignGetBefore[w] && !foreignGetAfter[w] {
			keep = append(keep, orig[i])
		}
	}
	if len(words)-len(got) < 4 || len(keep) == 0 {
		// "отримую бюргергельд, як продовжити": too little is left.
		return whole, false, nil
	}
	again, err := a.s.Search(ctx, strings.Join(keep, " "))
	if err != nil {
		return whole, false, err
	}
	if h := knownHits(kb, again.Hits); again.Answered && len(h) > 0 && amongFirst(kb, topicOfHit(kb, h[0]), hits, 3) {
		again.Question, again.Districts = q, whole.Districts
		return again, true, nil
	}
	return whole, false, nil
}

// amongFirst reports whether a topic is among the first n topics of hits.
func amongFirst(kb *knowledge.Base, topic string, hits []index.Hit, n int) bool {
	seen := map[string]bool{}
	for i, h := range hits {
		t := topicOfHit(kb, h, hits[:i]...)
		if t == topic {
			return true
		}
		if t != "" {
			seen[t] = true
		}
		if len(seen) >= n {
			return false
		}
	}
	return false
}

// onlyCues reports whether a message's words besides the words that ask for
// an aspect name no topic: its search without them (cueless, if already
// made) answers nothing.
func (a *Answerer) onlyCues(ctx context.Context, q string, sig signals, cueless *index.Result) bool {
	if sig.query == q || strings.TrimSpace(sig.query) == "" {
		return sig.query != q
	}
	if cueless != nil {
		return !cueless.Answered
	}
	again, err := a.s.Search(ctx, sig.query)
	return err == nil && !again.Answered
}

// Topic is the decision for a topic chosen by a button, with an aspect or
// none; it updates st like an answer.
func (a *Answerer) Topic(st *State, t *knowledge.Topic, aspect Aspect, p Person) Decision {
	d := Decision{Lang: a.lang(st, p, "", false), Now: a.now()}
	return a.answerTopic(a.s.Base(), st, d, t, aspect)
}

// Office is the decision for an office chosen by a button.
func (a *Answerer) Office(st *State, o *knowledge.Office, p Person) Decision {
	now := a.now()
	d := Decision{Kind: KindAnswer, Lang: a.lang(st, p, "", false), Office: o, Fits: []knowledge.OfficeFit{{Office: o, Open: o.OpenAt(now)}}, Now: now}
	st.Office = o.ID
	return d
}

// District is the decision for a Stadtbezirk chosen by a button; with a
// topic, the topic's office there.
func (a *Answerer) District(st *State, district string, t *knowledge.Topic, p Person) Decision {
	st.District = district
	if t != nil {
		d := Decision{Lang: a.lang(st, p, "", false), Followup: true, Now: a.now()}
		return a.answerTopic(a.s.Base(), st, d, t, AspectWhere)
	}
	return Decision{Kind: KindAnswer, Lang: a.lang(st, p, "", false), District: district, Now: a.now()}
}

// followup answers the topic of the conversation again, for another aspect
// or another person's details.
func (a *Answerer) followup(kb *knowledge.Base, st *State, d Decision, t *knowledge.Topic, sig signals) Decision {
	d.Followup = true
	aspect := aspectFor(kb, t, d.Lang, sig, d.read)
	if keepsAspect(sig, st.Aspect) {
		// "was kostet das Schwimmbad?" … "und für meinen Sohn, der ist
		// 12?": the same question for another case, though the person's
		// age alone would ask who may get it.
		aspect = st.Aspect
	}
	if aspect == "" && (st.Gender != "" && hasAudience(kb, t) || st.Tonight) || sig.gender != "" && len(sig.cues) == 0 && hasAudience(kb, t) {
		// "ich bin die Mutter": the shelter that takes her.
		aspect = AspectWhere
	}
	if o := shelterFor(kb, t, sig.gender, aspect); o != nil {
		// "brauche dringend nen schlafplatz" … "bin eine frau": the
		// shelter for her, as when she said so at once.
		d = a.answerOffice(kb, st, d, o, aspect)
		st.Topic = t.ID
		return d
	}
	place := len(d.Result.Districts) == 1
	if u := kb.Topic(st.Local); u != nil && place && !t.LocalOffices && u.ID != t.ID && onlyPlaceWords(kb, sig.rest) &&
		(len(sig.matches) == 0 || len(kb.OfficesOf(t)) <= 1) {
		// "Meine Mutter braucht Beratung wegen Pflege" … "sie wohnt in
		// Wickede": the place asks for the office there, which the topic
		// close behind has. Where to go asks for the topic's own office,
		// where it has several: "Grundsicherung" … "wo muss sie hin, sie
		// wohnt in Wickede".
		t = u
	}
	if place && len(kb.OfficesOf(t)) > 1 && (aspect == "" || len(sig.matches) == 0 && onlyPlaceWords(kb, sig.rest)) {
		// "Seniorenbüro Hörde" … "und in Aplerbeck?": the office there.
		aspect = AspectWhere
	}
	// "ich bin ne frau" (her shelter) … "und mein freund?": another person
	// asks the topic again, not the office shown for the first.
	other := slices.ContainsFunc(sig.words, func(w string) bool { return personWords[w] })
	if o := kb.Office(st.Office); o != nil && st.AtOffice && !place && !other && (aspect == AspectWhere ||
		(aspect == AspectNone || aspect == AspectWhat) && sig.aspect == AspectNone && !speaksOf(kb, t, d.Lang, readWords(withoutPersons(sig.rest)))) {
		// "Wo ist das Sozialbüro in Scharnhorst?" … "kann ich da einfach
		// hingehen?": the office shown, not the first topic it serves. A
		// part of the topic asked, or what its text speaks of, is asked of
		// the topic, its office first ("Männerübernachtungsstelle" … "wie
		// lange darf ich da bleiben?", "Fahrdienst für Behinderte" … "fährt
		// der auch zum Arzt?").
		return a.answerOffice(kb, st, d, o, AspectWhere)
	}
	last, before := st.Office, st.Topic
	d = a.answerTopic(kb, st, d, t, aspect)
	// "Pflegewohngeld" … "welche Unterlagen?": the card is still on the
	// screen. Who and what may ask who is in charge ("wer ist dafür
	// zuständig?"), and a topic with an office per Stadtbezirk may be
	// asked for another one: they show it again.
	d.Shown = !place && before == t.ID && last != "" && len(d.Fits) > 0 && d.Fits[0].Office.ID == last && d.Kind != KindAsk &&
		!t.LocalOffices && cardless[aspect]
	if !place && sig.gender == "" && officeFirst(&d, last) {
		// "Gast-Haus statt Bank" … "wo ist das genau?": "das" is the office
		// shown last, where it still fits.
		st.Office = last
	}
	return d
}

// cardless are the aspects whose answer needs no office card shown just before.
var cardless = map[Aspect]bool{AspectCosts: true, AspectBring: true, AspectDeadlines: true, AspectLegal: true}

// officeFirst moves the office with the id to the front of the decision's
// fitting offices; false when it is not among them.
func officeFirst(d *Decision, id string) bool {
	for i, f := range d.Fits {
		if f.Office.ID == id {
			copy(d.Fits[1:i+1], d.Fits[:i])
			d.Fits[0] = f
			return true
		}
	}
	return false
}

// speaksOf reports whether the topic's text holds most of the words.
func speaksOf(kb *knowledge.Base, t *knowledge.Topic, lang string, words *reading) bool {
	held, all := speaks(kb, t, lang, words)
	return held > 0 && 3*held >= all
}

// speaksAtLeast reports whether topic t speaks of most of the words, and
// of as many of them as the topic of the best hit.
func speaksAtLeast(kb *knowledge.Base, t *knowledge.Topic, hits []index.Hit, lang string, words *reading) bool {
	held, all := speaks(kb, t, lang, words)
	if held == 0 || 2*held <= all {
		return false
	}
	if len(hits) == 0 {
		return true
	}
	u := kb.Topic(topicOfHit(kb, hits[0]))
	if u == nil || u.ID == t.ID {
		return true
	}
	other, _ := speaks(kb, u, lang, words)
	return held >= other
}

// speaksBetter reports whether topic u speaks of all the words, two at
// least, and of more of them than t (one shared word says too little): "Grundsicherung" … "und wenn ich keine
// Wohnung habe, wo kann ich schlafen?" goes to the help for the homeless,
// which holds both words, where Grundsicherung holds only "Wohnung".
func speaksBetter(kb *knowledge.Base, u, t *knowledge.Topic, lang string, words *reading) bool {
	if u == nil {
		return false
	}
	hu, all := speaks(kb, u, lang, words)
	ht, _ := speaks(kb, t, lang, words)
	return hu >= 2 && hu == all && hu > ht
}

// speaks counts the words (places and numbers aside) that t's summary or
// sections hold, and all of them.
func speaks(kb *knowledge.Base, t *knowledge.Topic, lang string, words *reading) (held, all int) {
	prof := profileOf(t, lang)
	places := placeWords(kb)
	for _, tm := range prof.terms(words) {
		if places[tm.word] || isDigits(tm.word) {
			continue
		}
		all++
		if prof.summary.holds(tm) || slices.ContainsFunc(Aspects, func(a Aspect) bool { return prof.sections[a] != nil && prof.sections[a].holds(tm) }) {
			held++
		}
	}
	return held, all
}

// hasAudience reports whether one of the topic's offices is only for some
// people (a women's shelter).
func hasAudience(kb *knowledge.Base, t *knowledge.Topic) bool {
	for _, o := range kb.OfficesOf(t) {
		if len(o.Audience) > 0 {
			return true
		}
	}
	return false
}

// answerHit answers the best hit of a search.
func (a *Answerer) answerHit(kb *knowledge.Base, st *State, d Decision, hits []index.Hit, sig signals, districts []string) Decision {
	h := hits[0]
	st.Local = localBehind(kb, hits)
	st.Means = shortOfMoney(sig.words)
	aspect := sig.aspect
	if t := kb.Topic(topicOfHit(kb, h)); t != nil {
		aspect = aspectFor(kb, t, d.Lang, sig, d.read)
		if t.ID == st.Topic && keepsAspect(sig, st.Aspect) {
			aspect = st.Aspect // "wie viel für ein Ehepaar?" … "und wenn man alleine lebt?"
		}
	}
	if aspect == AspectNone && sig.and && st.Aspect != AspectWhere {
		aspect = st.Aspect // "und beim Elterngeld?" asks the same as before
	}
	if h.Kind == index.KindOffice {
		o := kb.Office(h.ID)
		if t := localTopicOf(kb, o.ID); t != nil && len(districts) == 1 {
			// "Seniorenbüro Aplerbeck": the topic with the office of the place.
			st.District = districts[0]
			if aspect == AspectNone || sig.aspect == AspectNone && onlyPlaceWords(kb, sig.rest) {
				// "komme aus Wickede": a place, and at most one word
				// that names nothing, asks where the office is.
				aspect = AspectWhere
			}
			return a.answerTopic(kb, st, d, t, aspect)
		}
		if aspect != AspectNone && aspect != AspectWhere {
			if t := homeTopic(kb, o.ID); t != nil {
				return a.answerTopic(kb, st, d, t, aspect)
			}
		}
		return a.answerOffice(kb, st, d, o, aspect)
	}
	t := kb.Topic(h.ID)
	named := namedOffice(kb, t, hits)
	if o := askedOffice(kb, t, sig, aspect, named, d.Lang); o != nil {
		// "adresse männerübernachtungsstelle": the office asked for, not
		// the topic whose card would show it among others.
		d = a.answerOffice(kb, st, d, o, aspect)
		st.Topic = t.ID
		return d
	}
	if named != nil && !t.LocalOffices && !t.Referral && len(named.Districts) == 0 && len(t.Offices) > 1 && named.ID != t.Offices[0] && (aspect == AspectNone || aspect == AspectWhere || aspect == AspectWhat) && d.Lang != "de" && d.Lang != "en" {
		// "الغاست هاوس بيفتح يوم الأحد؟": an office named in a translated
		// language (its search words, which askedOffice's German call
		// words do not know), matched as strongly as its topic, is what
		// is asked for, also what it offers ("الغاست هاوس بيعطي فطور؟");
		// a topic's card shows its first or only office anyway.
		d = a.answerOffice(kb, st, d, named, aspect)
		st.Topic = t.ID
		return d
	}
	if o := districtOffice(kb, t, districts, aspect); o != nil {
		// "Sozialamt godziny otwarcia w Scharnhorst": the office's own
		// contact topic asked where, with a place, is its office there.
		d = a.answerOffice(kb, st, d, o, AspectWhere)
		st.Topic = t.ID
		return d
	}
	if o := shelterFor(kb, t, sig.gender, sig.aspect); o != nil {
		// "kadinlar icin gece kalinacak yer": the office only for women
		// of the topic found, not the topic's card of every office.
		d = a.answerOffice(kb, st, d, o, aspect)
		st.Topic = t.ID
		return d
	}
	if named != nil && t.LocalOffices && len(named.Districts) == 1 && len(districts) == 0 {
		st.District = named.Districts[0] // "Seniorenbüro Kaiserviertel"
	}
	if t.LocalOffices && len(districts) > 1 {
		d.Kind, d.Ask, d.Districts, d.Topic, d.Aspect = KindAsk, AskDistrict, districts, t, aspect
		st.Topic, st.Aspect = t.ID, aspect
		return d
	}
	if (aspect == AspectNone || sig.aspect == AspectNone && len(districts) == 1 && onlyPlaceWords(kb, sig.rest)) && t.LocalOffices && st.District != "" {
		// "ich wohne in Asseln" … "und das Seniorenbüro?": the office there.
		aspect = AspectWhere
	}
	d = a.answerTopic(kb, st, d, t, aspect)
	if named != nil && officeFirst(&d, named.ID) {
		// The office the question names goes first.
		st.Office = named.ID
	}
	return d
}

// shelterFor is the one office of topic t that is only for the gender the
// message states (knowledge.Office.Audience), when the message's cues ask
// nothing or where (the topic's sections may read "what" into it): a woman asking for a place to sleep is answered with
// the women's night shelter. Nil for any other topic or aspect.
func shelterFor(kb *knowledge.Base, t *knowledge.Topic, gender string, aspect Aspect) *knowledge.Office {
	audience := knowledge.GenderAudience(gender)
	if audience == "" || t == nil || t.LocalOffices || t.Referral || aspect != AspectNone && aspect != AspectWhere {
		return nil
	}
	var found *knowledge.Office
	for _, o := range kb.OfficesOf(t) {
		if slices.Contains(o.Audience, audience) {
			if found != nil {
				return nil
			}
			found = o
		}
	}
	return found
}

// answerOffice answers an office alone; the conversation goes on with the
// topic it belongs to.
func (a *Answerer) answerOffice(kb *knowledge.Base, st *State, d Decision, o *knowledge.Office, aspect Aspect) Decision {
	d.Kind, d.Office, d.Aspect = KindAnswer, o, aspect
	d.Fits = []knowledge.OfficeFit{{Office: o, Open: o.OpenAt(a.now())}}
	st.Office, st.Aspect, st.AtOffice = o.ID, aspect, true
	if t := homeTopic(kb, o.ID); t != nil {
		st.Topic = t.ID
	}
	return d
}

// namedOffice is the office of topic t that the search matched as well as
// the topic itself (the index lists it right after its topic with the same
// score): the Frauenübernachtungsstelle of "Wo ist die
// Frauenübernachtungsstelle?".
func namedOffice(kb *knowledge.Base, t *knowledge.Topic, hits []index.Hit) *knowledge.Office {
	if len(hits) < 2 || hits[0].ID != t.ID || hits[1].Kind != index.KindOffice || hits[1].Score < hits[0].Score {
		return nil
	}
	if o := kb.Office(hits[1].ID); o != nil && contains(t.Offices, o.ID) {
		return o
	}
	return nil
}

// answerTopic answers a topic for an aspect, with the offices that fit.
func (a *Answerer) answerTopic(kb *knowledge.Base, st *State, d Decision, t *knowledge.Topic, aspect Aspect) Decision {
	if st.Topic != t.ID {
		st.Office = ""
	}
	st.AtOffice = false
	d.Kind, d.Topic, d.Aspect, d.District = KindAnswer, t, aspect, st.District
	if t.Referral {
		d.Kind = KindReferral
	}
	d.Fits = a.officesFor(kb, t, st)
	namedFirst(kb, &d)
	if aspect == AspectWhere && t.LocalOffices && st.District == "" && len(d.Fits) == 0 && len(kb.OfficesOf(t)) > 1 {
		d.Kind, d.Ask, d.Districts = KindAsk, AskDistrict, districtsOf(kb, t)
	}
	st.Topic, st.Aspect = t.ID, aspect
	if len(d.Fits) > 0 {
		st.Office = d.Fits[0].Office.ID
	}
	return d
}

// officesFor are the offices of a topic that fit the person, best first.
// For a topic with one office per Stadtbezirk only the district's office
// fits, and none while the district is not known.
func (a *Answerer) officesFor(kb *knowledge.Base, t *knowledge.Topic, st *State) []knowledge.OfficeFit {
	fits := kb.OfficesFor(t, knowledge.Need{District: st.District, Gender: st.Gender, Tonight: st.Tonight, Now: a.now()})
	if !t.LocalOffices || len(kb.OfficesOf(t)) < 2 {
		return fits
	}
	if len(fits) > 0 && fits[0].Responsible && len(fits[0].Office.Districts) > 0 {
		return fits[:1] // the office of the person's district
	}
	// District not known (or no office there): the offices for the whole
	// city, if the topic has any.
	var city []knowledge.OfficeFit
	for _, f := range fits {
		if len(f.Office.Districts) == 0 {
			city = append(city, f)
		}
	}
	return city
}

// close returns the two best topics when they score too close to choose;
// a topic of the conversation among them is taken without asking.
func (a *Answerer) close(kb *knowledge.Base, hits []index.Hit, st *State, rest []string, lang string) ([]index.Hit, bool) {
	first := topicOfHit(kb, hits[0])
	for i, h := range hits[1:] {
		t := topicOfHit(kb, h, hits[:i+1]...)
		if t == "" || t == first || hits[0].Kind == index.KindOffice && contains(kb.Topic(t).Offices, hits[0].ID) {
			continue // an office first ("Sozialbüro Kurl") and the topics that list it are no choice
		}
		if hits[0].Score-h.Score >= a.margin || st.Topic == first || st.Topic == t {
			return nil, false
		}
		if namesTopic(kb, hits[0], rest, lang) && !namesTopic(kb, h, rest, lang) {
			return nil, false // the message names the first by its title
		}
		return []index.Hit{topicHit(kb, hits[0], first), topicHit(kb, h, t)}, true
	}
	return nil, false
}

// tied reports whether a hit of the topic scores within the margin of the
// best hit.
func (a *Answerer) tied(kb *knowledge.Base, hits []index.Hit, topic string) bool {
	for i, h := range hits {
		if hits[0].Score-h.Score >= a.margin {
			return false
		}
		if topicOfHit(kb, h, hits[:i]...) == topic {
			return true
		}
	}
	return false
}

// preferNamed puts first a topic that scores within the margin of the best
// and that the message names by a word of its title when the best is not
// named ("Gilt mein alter DortmundPass noch?").
func (a *Answerer) preferNamed(kb *knowledge.Base, hits []index.Hit, rest []string, lang string, districts []string) []index.Hit {
	if len(hits) < 2 || namesTopic(kb, hits[0], rest, lang) || namesOffice(kb, hits[0], rest, lang, districts) {
		return hits
	}
	first := topicOfHit(kb, hits[0])
	for i, h := range hits[1:] {
		if hits[0].Score-h.Score >= a.margin {
			break
		}
		if t := topicOfHit(kb, h, hits[:i+1]...); t != "" && t != first && namesTopic(kb, h, rest, lang) {
			out := append([]index.Hit{h}, hits[:i+1]...)
			return append(out, hits[i+2:]...)
		}
	}
	return hits
}

// namesOffice reports whether the hit is an office the message names: by a
// word of its name ("Sozialbüro für Grevel" names the Sozialbüro the search
// put first, though Blindengeld's title says "Antrag im Sozialbüro"), or as
// the office of the one Stadtbezirk it names, which the search put first
// ("социално бюро в Шарнхорст", where the translated name is German).
func namesOffice(kb *knowledge.Base, h index.Hit, rest []string, lang string, districts []string) bool {
	o := kb.Office(h.ID)
	if h.Kind != index.KindOffice || o == nil {
		return false
	}
	return len(districts) == 1 && contains(o.Districts, districts[0]) ||
		namesTopic(kb, index.Hit{Title: o.Name.DE + " " + o.Name.In(lang)}, rest, lang)
}

// preferSwitch puts first a topic among the first three that the message
// names by its title, when the best is not named.
func preferSwitch(kb *knowledge.Base, hits []index.Hit, rest []string, lang string) []index.Hit {
	if namesTopic(kb, hits[0], rest, lang) {
		return hits
	}
	first, seen := topicOfHit(kb, hits[0]), 1
	for i, h := range hits[1:] {
		t := topicOfHit(kb, h, hits[:i+1]...)
		if t == "" || t == first {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		if h.Kind == index.KindTopic && namesTopic(kb, h, rest, lang) {
			out := append([]index.Hit{h}, hits[:i+1]...)
			return append(out, hits[i+2:]...)
		}
	}
	return hits
}

func topicHit(kb *knowledge.Base, h index.Hit, topic string) index.Hit {
	if h.Kind == index.KindTopic {
		return h
	}
	t := kb.Topic(topic)
	return index.Hit{ID: t.ID, Kind: index.KindTopic, Title: t.Title.DE, Score: h.Score}
}

// topicOfHit is the topic a hit answers through: for an office, the
// first topic among the hits before it that lists it, else its home topic
// (as the index places offices after their topic).
func topicOfHit(kb *knowledge.Base, h index.Hit, before ...index.Hit) string {
	if h.Kind == index.KindTopic {
		return h.ID
	}
	for _, b := range before {
		if t := kb.Topic(b.ID); b.Kind == index.KindTopic && t != nil && contains(t.Offices, h.ID) {
			return t.ID
		}
	}
	if t := homeTopic(kb, h.ID); t != nil {
		return t.ID
	}
	return ""
}

// lang is the language of the answer: the choice made with /sprache; else
// the message's language where its words or its script show it; else the
// language the conversation's words showed before; else the phone's.
func (a *Answerer) lang(st *State, p Person, msgLang string, sure bool) string {
	phone := PhoneLang(p.PhoneLang)
	// A conversation already in a language of the same script keeps it
	// against a guess: "gibts da ne frist?" is German, its "ne" Turkish.
	kept := st.Lang != "" && sameScript(msgLang, st.Lang)
	if !sure && !kept && msgLang != "" && msgLang != "de" && msgLang != "en" && !sameLang(msgLang, phone) {
		// A Cyrillic or Arabic word, or a Turkish ending, is evidence enough
		// against a German or English phone (the detector says "de" when
		// it saw none); between languages of one script the phone chooses.
		sure = !scriptShows(msgLang) || !sameScript(msgLang, phone)
	}
	switch {
	case p.ChosenLang != "":
		return p.ChosenLang
	case sure && msgLang != "":
		st.Lang = msgLang // the conversation goes on in the language shown
		return msgLang
	case st.Lang != "":
		return st.Lang
	case msgLang == "en" && phone != "en":
		// "how much", "what documents": too short to be sure, but English
		// words are the only sign of a language the conversation has given.
		return msgLang
	}
	return phone
}

// LangOther is the language of a decision for a message in a language the
// bot does not speak: the reply is in German and English.
const LangOther = "other"

// Langs are the languages the bot answers in, in the order /sprache lists them.
var Langs = []string{"de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa"}

// langNames name each language in itself, as /sprache lists them.
var langNames = map[string]string{
	"de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية", "uk": "Українська",
	"ru": "Русский", "pl": "Polski", "ro": "Română", "bg": "Български", "fa": "فارسی",
}

// LangName is the language's name in itself ("Türkçe"), or the code.
func LangName(lang string) string {
	if n, ok := langNames[lang]; ok {
		return n
	}
	return lang
}

// IsLang reports whether the bot answers in lang.
func IsLang(lang string) bool { return langNames[lang] != "" }

// RTL reports whether lang is written right to left.
func RTL(lang string) bool { return lang == "ar" || lang == "fa" }

// scriptShows reports whether a detected language is one whose script alone
// says it is not German or English (Cyrillic, Arabic).
func scriptShows(lang string) bool {
	switch lang {
	case "ru", "uk", "bg", "ar", "fa":
		return true
	}
	return false
}

// sameLang reports whether a weak guess and the phone's language agree, or
// the phone's language is one the guess may be confused with.
func sameLang(guess, phone string) bool {
	return guess == phone || scriptShows(guess) && sameScript(guess, phone)
}

func sameScript(a, b string) bool {
	group := func(l string) string {
		switch l {
		case "ru", "uk", "bg":
			return "cyrillic"
		case "ar", "fa":
			return "arabic"
		}
		return "latin"
	}
	return group(a) == group(b)
}

// PhoneLang is the answer language for a Telegram language code: German for
// "de" (and "de-AT" …) and for users who share no language, the code's
// language where the bot speaks it, else English.
func PhoneLang(code string) string {
	code = strings.ToLower(code)
	if code == "" {
		return "de"
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(code, "_", "-"), "-")
	if IsLang(base) {
		return base
	}
	return "en"
}

// knownHits are the hits that still exist in the knowledge base.
func knownHits(kb *knowledge.Base, hits []index.Hit) []index.Hit {
	var out []index.Hit
	for _, h := range hits {
		if h.Kind == index.KindTopic && kb.Topic(h.ID) != nil || h.Kind == index.KindOffice && kb.Office(h.ID) != nil {
			out = append(out, h)
		}
	}
	return out
}

// localTopicOf is the topic with one office per district that lists the office.
func localTopicOf(kb *knowledge.Base, office string) *knowledge.Topic {
	for i := range kb.Topics {
		t := &kb.Topics[i]
		if t.LocalOffices && contains(t.Offices, office) {
			return t
		}
	}
	return nil
}

// homeTopic is the first topic that lists the office.
func homeTopic(kb *knowledge.Base, office string) *knowledge.Topic {
	if t := localTopicOf(kb, office); t != nil {
		return t
	}
	for i := range kb.Topics {
		if t := &kb.Topics[i]; contains(t.Offices, office) {
			return t
		}
	}
	return nil
}

// districtsOf are the Stadtbezirke a topic's offices serve, in the
// knowledge base's order.
func districtsOf(kb *knowledge.Base, t *knowledge.Topic) []string {
	var out []string
	offices := kb.OfficesOf(t)
	for _, d := range kb.Districts {
		for _, o := range offices {
			if contains(o.Districts, d.ID) {
				out = append(out, d.ID)
				break
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// leads reports whether the best hit's topic scores at least lead above
// the next topic's.
func leads(kb *knowledge.Base, hits []index.Hit, lead float64) bool {
	first := topicOfHit(kb, hits[0])
	for i, h := range hits[1:] {
		if t := topicOfHit(kb, h, hits[:i+1]...); t != "" && t != first {
			return hits[0].Score-h.Score >= lead
		}
	}
	return hits[0].Score >= lead
}

// allPlaces reports whether every word names a place ("Brackel", "Kirchlinde").
func allPlaces(kb *knowledge.Base, words []string) bool {
	places := placeWords(kb)
	for _, w := range words {
		if !places[w] {
			return false
		}
	}
	return len(words) > 0
}

// namesTopic reports whether the message names the hit's topic by a word
// of its title ("und beim Elterngeld?"), not only by its keywords or a
// common word such as "Menschen".
func namesTopic(kb *knowledge.Base, h index.Hit, rest []string, lang string) bool {
	title := titleWordsOf(kb, topicOfHit(kb, h), lang).naming
	if title == nil {
		title = foldWords(h.Title)
	}
	for _, tw := range title {
		if len(tw) < 6 || commonTitleWords[tw] {
			continue
		}
		for _, w := range rest {
			// The word itself, or a compound that begins like it
			// ("Elterngeldantrag", "Schwerbehinderung"), written with or
			// without a hyphen ("Dortmund-Pass", "DortmundPass").
			w, tw := strings.ReplaceAll(w, "-", ""), strings.ReplaceAll(tw, "-", "")
			if w == tw || commonPrefix(w, tw) >= min(len(tw), 10) {
				return true
			}
			// "Buergergeld", "Gehoerlosengeld"
			if u := umlautSpelt(w); u != w && (u == tw || commonPrefix(u, tw) >= min(len(tw), 10)) {
				return true
			}
		}
	}
	return false
}

// without returns the words not in drop.
func without(words, drop []string) []string {
	if len(drop) == 0 {
		return words
	}
	var out []string
	for _, w := range words {
		if !slices.Contains(drop, w) {
			out = append(out, w)
		}
	}
	return out
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// commonTitleWords appear in titles but name no topic.
// The city's name counts in every script its translated titles write it in.
// Words of a title's explanation ("Zahlen zur Sozialhilfe", "zuständig ist
// das Jobcenter", "früher DortmundPass") name no topic either.
var commonTitleWords = set(strings.Fields(`menschen people dortmund дортмунд دورتموند leistungen benefits beratung advice stadt city hilfe help
	zahlen figures zustandig responsible sondern fruher formerly kunftig grossen`))

// elsewhereFirst reports whether a first message asks for another office's
// service: a short one by its words (asksElsewhere), a story by the
// sentence that asks (storyAsksElsewhere).
func elsewhereFirst(kb *knowledge.Base, h index.Hit, q string, words, elsewhere []string, lang string) bool {
	if isStory(q) {
		return storyAsksElsewhere(kb, h, q, elsewhere, lang)
	}
	return asksElsewhere(kb, h, words, elsewhere, lang)
}

// isStory reports whether a message tells a story (three sentences or
// more, or many words) rather than asks in a few words.
func isStory(q string) bool {
	sentences := 0
	for _, part := range strings.FieldsFunc(q, func(r rune) bool { return r == '.' || r == '!' || r == '?' }) {
		if len(strings.Fields(part)) >= 2 {
			sentences++
		}
	}
	return sentences >= 3 || len(strings.Fields(q)) >= 25
}

func onlyGreeting(words []string) bool {
	for _, w := range words {
		if !greetingWords[w] {
			return false
		}
	}
	return len(words) > 0
}

// englishGreetings are greeting words that are English only.
var englishGreetings = set(strings.Fields(`hello good morning evening thanks thank you bye anybody anyone there`))

var greetingWords = set(strings.Fields(`hallo hi hey moin servus guten tag morgen abend hello good morning evening danke dank vielen thanks thank you bye tschuss ok okay`))

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Answered is what an answer is about, as the command line reports it: the
// office when one was asked for or when a topic with one office per
// Stadtbezirk has the person's office, else the topic. ok is false for
// anything but an answer, a referral, or the question which district a
// clear topic is wanted for.
func (d Decision) Answered() (id string, kind index.Kind, ok bool) {
	switch {
	case d.Kind == KindAsk && d.Ask == AskDistrict && d.Topic != nil:
		return d.Topic.ID, index.KindTopic, true // the topic is clear; the district is asked
	case d.Kind != KindAnswer && d.Kind != KindReferral:
		return "", "", false
	case d.Office != nil:
		return d.Office.ID, index.KindOffice, true
	case d.Topic != nil && d.Topic.LocalOffices && len(d.Fits) > 0 && d.Fits[0].Responsible:
		return d.Fits[0].Office.ID, index.KindOffice, true
	case d.Topic != nil:
		return d.Topic.ID, index.KindTopic, true
	}
	return "", "", false
}

// districtOffice is the one office of a contact topic (category "amt":
// the offices themselves are its subject) that serves the one district
// named, when where it is, or nothing, is asked; nil otherwise.
func districtOffice(kb *knowledge.Base, t *knowledge.Topic, districts []string, aspect Aspect) *knowledge.Office {
	if t.Category != "amt" || t.LocalOffices || len(districts) != 1 || aspect != AspectNone && aspect != AspectWhere {
		return nil
	}
	var found *knowledge.Office
	for _, id := range t.Offices {
		if o := kb.Office(id); o != nil && slices.Contains(o.Districts, districts[0]) {
			if found != nil {
				return nil
			}
			found = o
		}
	}
	return found
}
