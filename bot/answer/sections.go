package answer

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Weights of the aspect choice, calibrated on conversations-tune.yaml: a
// cue ("was kostet") counts cueWeight per point of its weight; a section
// that holds the question's rarer words counts their weight; without a cue
// a section must reach minOverlap to lead instead of the overview.
const (
	// strongCue is the weight from which a cue is not outweighed by the
	// words of a section that no cue names.
	strongCue   = 2
	cueWeight   = 1.0
	minOverlap  = 1.2
	minOwnWords = 1
)

// aspectFor chooses the aspect to answer a message about a topic with: the
// cues it holds, and the topic's sections that hold its words ("Darf meine
// Begleitperson mitfahren?" is answered by the section that names the
// Begleitperson). read are the message's readings.
func aspectFor(kb *knowledge.Base, t *knowledge.Topic, lang string, sig signals, read *readings) Aspect {
	prof := profileOf(t, lang)
	// A cue in the topic's own name ("Bestattungskosten", "funeral
	// costs") does not ask for an aspect.
	cues := map[Aspect]int{}
	for _, m := range sig.matches {
		// A topic named for its addresses ("Kontakt und Adressen") is
		// still asked where it is, one named for its law ("… طبق قانون
		// …") for the law.
		own := m.aspect != AspectWhere && m.aspect != AspectLegal
		for _, w := range m.words {
			own = own && prof.name[stem(w)]
		}
		if !own {
			cues[m.aspect] += m.weight
		}
	}
	for a, w := range sig.cues {
		if w > 0 && len(sig.matches) == 0 {
			cues[a] = w // set by the caller, without words
		}
	}
	if w := responsibleAsked(sig.matches); w > 0 && !prof.sections[AspectWho].holdsStem(responsibleStems) && prof.sections[AspectHow].holdsStem(responsibleStems) {
		// "wer ist zuständig": the section that says who is responsible
		// answers it, here the one of how to apply ("Zuständig ist die
		// Stadt Dortmund, Sozialamt, Stationäre Hilfen").
		cues[AspectWho] -= w
		cues[AspectHow] += w
		if cues[AspectWho] <= 0 {
			delete(cues, AspectWho)
		}
	}
	if (personDetail(sig.words) || statesMark(sig.words)) && !strongerCue(cues, AspectWho) && cues[AspectWhat] == 0 && cues[AspectCosts] == 0 {
		// "Elterngeld, ich bin die Tante", "wir verdienen 180.000": whether
		// that person may get it; not "mein Enkel ist 12, was bekommt er?".
		cues[AspectWho] += personCue
	}
	places := placeWords(kb)
	offices := officeWords(kb, t, lang)
	var terms []term
	namesOffice := false
	for _, tm := range prof.terms(read.of(sig.query)) {
		// A word that names one of the topic's places ("Gast-Haus",
		// "ZBS") says which office, not which section: the section that
		// lists the places does not answer "Telefon Gast-Haus".
		namesOffice = namesOffice || offices[tm.stem]
		if !tm.name && !tm.excerpt && !places[tm.word] && !offices[tm.stem] && !slices.Contains(maintenanceWords, tm.word) {
			terms = append(terms, tm)
		}
	}
	if namesOffice && anyOf(sig.words, timeWords) && cues[AspectWhere] == 0 && len(cues) <= 1 && (len(cues) == 0 || cues[AspectDeadlines] > 0) {
		// A time asked of one of the topic's offices ("Frühstück Gast-Haus
		// wann", "bis wann …"): its hours, which its card tells.
		return AspectWhere
	}
	// A deadlines cue for a topic without deadlines ("bis wann fahren
	// die?", "wie lange darf man bleiben?"), and no cue for a part it has,
	// asks for a span of time: the section that holds one answers it, not
	// "no reliable information on deadlines". (A price asked of a topic
	// without costs stays costs: the answer leads with the sentence that
	// holds an amount.)
	when := cues[AspectWhere] > 0 && onlyWhen(sig.matches)
	if w := cues[AspectDeadlines]; w > 0 && prof.sections[AspectDeadlines] == nil && (len(cues) == 1 || len(cues) == 2 && when) {
		if to := spanSection(prof); to != AspectNone {
			cues = map[Aspect]int{to: w}
		}
	}
	if when && cues[AspectWhere] > 0 && runsAtHours(t) {
		// "fährt der auch abends?", "und am wochenende?": the hours a
		// service runs are what it gives, not its office's hours.
		cues[AspectWhat] += max(cues[AspectWhere], strongCue)
		delete(cues, AspectWhere)
	}
	var extra []term
	if familyPays(sig.words) {
		extra = prof.withMaintenance(nil, map[string]bool{})
		if len(extra) > 0 {
			// Whether the family must pay is not what something costs.
			delete(cues, AspectCosts)
		}
	}
	terms = append(terms, extra...)
	best, bestScore := AspectNone, 0.0
	bestOverlap := 0.0
	for _, a := range aspectOrder {
		overlap := 0.0
		if sec := prof.sections[a]; sec != nil {
			for _, tm := range terms {
				if sec.holds(tm) {
					overlap += tm.weight
				}
			}
		}
		score := cueWeight*float64(cues[a]) + overlap
		if score > bestScore {
			best, bestScore, bestOverlap = a, score, overlap
		}
	}
	if cues[best] == 0 {
		// A section that no cue names does not outweigh a strong cue by
		// its words alone ("wie viel Grundsicherung bekomme ich als
		// Alleinstehender?" names words of what there is, and asks
		// costs): the strongest cue's aspect answers.
		cued, top := AspectNone, 0.0
		for _, a := range aspectOrder {
			if cues[a] < strongCue {
				continue
			}
			overlap := 0.0
			if sec := prof.sections[a]; sec != nil {
				for _, tm := range terms {
					if sec.holds(tm) {
						overlap += tm.weight
					}
				}
			}
			if sc := cueWeight*float64(cues[a]) + overlap; sc > top {
				cued, top = a, sc
			}
		}
		if cued != AspectNone {
			return cued
		}
	}
	summary := 0.0
	for _, tm := range terms {
		if prof.summary.holds(tm) {
			summary += tm.weight
		}
	}
	if cues[best] == 0 && summary > 0 && summary >= bestOverlap {
		// The overview says as much about the question's words as any
		// section ("meine Rente reicht nicht"): no aspect was asked.
		return AspectNone
	}
	if cues[best] == 0 && bestOverlap < minOverlap {
		if len(terms) >= minOwnWords && prof.sections[AspectWhat] != nil {
			// A question with words of its own beyond the topic's name, that
			// no section holds: what the topic gives comes closest.
			return AspectWhat
		}
		return AspectNone
	}
	return best
}

// responsibleStems are the stems of "zuständig", "responsible".
var responsibleStems = map[string]bool{stem("zustandig"): true, stem("zustaendig"): true, stem("responsible"): true}

// responsibleAsked is the weight of the cues of who that ask who is
// responsible ("wer ist zuständig"), 0 when none does.
func responsibleAsked(matches []cueMatch) int {
	w := 0
	for _, m := range matches {
		if m.aspect == AspectWho && len(m.words) == 1 && responsibleStems[stem(m.words[0])] {
			w += m.weight
		}
	}
	return w
}

// holdsStem reports whether the text holds a word of one of the stems; a
// missing section holds none.
func (ws *wordSet) holdsStem(stems map[string]bool) bool {
	if ws == nil {
		return false
	}
	for st := range stems {
		if ws.stems[st] {
			return true
		}
	}
	return false
}

// timeWords ask a time: when, until or from when, at what time.
var timeWords = set(foldWords("wann wan uhrzeit uhrzeiten when time times"))

// strongerCue reports whether an aspect other than a has a strong cue.
func strongerCue(cues map[Aspect]int, a Aspect) bool {
	for b, w := range cues {
		if b != a && w >= strongCue {
			return true
		}
	}
	return false
}

// onlyWhen reports whether every cue of where found asks a time of the
// week or day (whenCues), none an address, a phone or opening.
func onlyWhen(matches []cueMatch) bool {
	when := false
	for _, m := range matches {
		if m.aspect == AspectWhere {
			if !m.when {
				return false
			}
			when = true
		}
	}
	return when
}

// runsAtHours reports whether what a topic gives holds a time of day
// ("täglich von 7 bis 24 Uhr"): a service that runs at hours of its own.
// The German text is read, whatever the language asked in.
func runsAtHours(t *knowledge.Topic) bool {
	sec := profileOf(t, "de").sections[AspectWhat]
	if sec == nil {
		return false
	}
	// "von 7 bis 24 Uhr", not "rund um die Uhr" (a shelter's door, whose
	// hours its office card tells).
	for i, w := range sec.seq {
		if w == "uhr" && i > 0 && isDigits(sec.seq[i-1]) {
			return true
		}
	}
	return false
}

// spanSection is the first of the sections that tell what a topic is
// (what, who, how) holding a span of time, or AspectNone.
func spanSection(prof *profile) Aspect {
	for _, a := range []Aspect{AspectWhat, AspectWho, AspectHow} {
		if sec := prof.sections[a]; sec != nil && sec.hasShape(shapeSpan) {
			return a
		}
	}
	return AspectNone
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// profile is a topic's summary and sections as sets of words, per language.
type profile struct {
	// name are the stems of the topic's title.
	name     map[string]bool
	summary  *wordSet
	sections map[Aspect]*wordSet
	// sentences are the words of each sentence of the sections, read once.
	sentences map[string]*wordSet
}

// sentence is the word set of a sentence: of the topic's sections from the
// cache, else read now.
func (p *profile) sentence(sen string) *wordSet {
	if p != nil {
		if ws, ok := p.sentences[sen]; ok {
			return ws
		}
	}
	return newWordSet(sen)
}

// wordSet is the words of a text: their stems, the words themselves (for
// compounds) and the short codes written in it ("B", "aG", "RF").
type wordSet struct {
	stems map[string]bool
	words []string
	codes map[string]bool
	// seq are the folded words in the text's order (a number beside a
	// word: figureNear).
	seq []string
}

func newWordSet(text string) *wordSet {
	ws := &wordSet{stems: map[string]bool{}, codes: map[string]bool{}}
	orig, folded := splitWords(text)
	ws.seq = folded
	seen := map[string]bool{}
	for i, w := range folded {
		ws.stems[stem(w)] = true
		if !seen[w] {
			seen[w] = true
			ws.words = append(ws.words, w)
		}
		if isCode(orig[i]) {
			ws.codes[orig[i]] = true
		}
	}
	return ws
}

// hasShape reports whether the text holds a fact of the shape: an amount
// in €, or an age (a number of two digits).
func (ws *wordSet) hasShape(sh shape) bool {
	for _, w := range ws.words {
		switch {
		case (sh == shapeAmount || sh == shapeMoney || sh == shapeFree) && (w == "€" || w == "euro"), sh == shapeAmount && freeOfCharge(w) && !freeAlone[w],
			sh == shapePercent && w == "%",
			sh == shapeFree && freeOfCharge(w):
			return true
		case sh == shapeAge && len(w) == 2 && isDigits(w):
			return true
		case sh == shapeSpan && spanWords[w]:
			return true
		case sh == shapeCount && (isDigits(w) && len(w) <= 3 && w != "000" || numberWords[w]):
			return true
		}
	}
	return false
}

// numberWords are numbers written as words ("zwölf Stadtbezirke",
// "sieben Büros", "twelve").
var numberWords = set(strings.Fields(`zwei drei vier funf sechs sieben acht neun zehn elf zwolf zwanzig hundert
	two three four five six seven eight nine ten eleven twelve twenty hundred`))

// spanWords are the units of a span of time or of a time of day.
var spanWords = set(strings.Fields(`uhr tag tage tagen woche wochen monat monate monaten jahr jahre jahren
	stunden hour hours day days week weeks month months year years`))

// freeAlone say "free of charge" as words of their own ("frei:
// Westfalenpark", "umsonst"), not as the beginning of others ("Freibetrag");
// a sentence that says it so answers only a question that asks whether
// something is free (shapeFree).
var freeAlone = set(strings.Fields(`frei umsonst gratis`))

// freeWords begin the words that say "free of charge", an answer to what
// something costs.
var freeWords = foldCues("kostenlos", "kostenfrei", "gebuhrenfrei", "free", "ucretsiz", "مجاني", "مجانا", "безкоштовн",
	"бесплатн", "bezpłatn", "darmow", "gratuit", "безплатн", "رایگان")

func freeOfCharge(w string) bool {
	if freeAlone[w] {
		return true
	}
	for _, f := range freeWords {
		if strings.HasPrefix(w, f[0]) {
			return true
		}
	}
	return false
}

// holds reports whether the text holds a question's term: a word of the same
// stem, a compound that ends with it ("Wohlfahrtsverband" for "Verband"), the
// end of a compound the question wrote ("Gutachten" for "Pflegegutachten"),
// or the same code.
func (ws *wordSet) holds(tm term) bool {
	if tm.code != "" {
		return ws.codes[tm.code]
	}
	if tm.prefix {
		return slices.ContainsFunc(ws.words, func(w string) bool { return strings.HasPrefix(w, tm.word) })
	}
	if ws.stems[tm.stem] {
		return true
	}
	if len(tm.light) < minCompound {
		return false
	}
	for _, w := range ws.words {
		if len(w) >= minCompound && compoundOf(w, tm.light) {
			return true
		}
	}
	return false
}

// minCompound is the length of the shortest word part matched at the end of
// a compound ("kosten", "verband"); shorter ones ("geld", "amt") match too
// much.
const minCompound = 6

// compoundOf reports whether one word ends with the other, inflection aside.
func compoundOf(w, light string) bool {
	lw := lightStem(w)
	switch {
	case len(lw) > len(light):
		return strings.HasSuffix(lw, light)
	case len(light) > len(lw) && len(lw) >= minCompound:
		return strings.HasSuffix(light, lw)
	}
	return false
}

// lightStem drops a German or English inflection ending.
func lightStem(w string) string {
	for _, end := range []string{"en", "er", "es", "e", "n", "s"} {
		if x, ok := strings.CutSuffix(w, end); ok && len(x) >= 4 {
			return x
		}
	}
	return w
}

// isCode reports whether a word as written is a short code: a capital letter
// alone ("B", "H") or a short word with a capital inside ("aG", "RF").
func isCode(w string) bool {
	n := utf8.RuneCountInString(w)
	if n == 0 || n > 3 || w == "I" {
		return false
	}
	upper := 0
	for i, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		if unicode.IsUpper(r) && (i > 0 || n == 1) {
			upper++
		}
	}
	return upper > 0
}

// A term is a word of a question that may point to a section or a
// sentence, with its weight: words in few of the topic's sections weigh
// more, the topic's own name little.
type term struct {
	word, stem, light, code string
	name                    bool
	// asks: the word belongs to a cue of how much, who, what or how; it
	// weighs as little as a word of the topic's name.
	asks bool
	// prefix: the term is any word that begins with it ("Unterhalt",
	// "Unterhaltspflicht", not "Lebensunterhalt", whose stem "unter" would
	// be any "unter").
	prefix bool
	// family: the word was added for a word of the question (withFamilies);
	// excerpt: by a family that points to sentences, not to sections.
	family, excerpt bool
	weight          float64
}

// nameWeight is what a word of the topic's title counts for in a sentence.
const nameWeight = 0.3

// reading is a question read once for all the topics and sections it is
// weighed against: its words as written and folded (with the words of their
// families), which of them ask, and whether it asks relatives to pay.
type reading struct {
	text         string
	orig, folded []string
	asking       []bool
	pays         bool
	// added and excerptOnly count the family words at the end of folded:
	// the last added came from families, the last excerptOnly of them
	// only choose the sentence.
	added, excerptOnly int
}

func readQuestion(question string) *reading {
	q, added, excerptOnly := withFamilies(question)
	orig, folded := splitWords(q)
	return &reading{text: question, orig: orig, folded: folded, asking: cueWords(folded), pays: familyPays(folded),
		added: added, excerptOnly: excerptOnly}
}

// readings memoises readQuestion for one message: its decision and its
// rendering read the same question several times.
type readings struct {
	mu sync.Mutex
	m  map[string]*reading
}

// of is readQuestion(question), read once per message (nil r: each time).
func (r *readings) of(question string) *reading {
	if r == nil {
		return readQuestion(question)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if q, ok := r.m[question]; ok {
		return q
	}
	if r.m == nil {
		r.m = map[string]*reading{}
	}
	q := readQuestion(question)
	r.m[question] = q
	return q
}

// readWords is readQuestion of words already folded.
func readWords(words []string) *reading { return readQuestion(strings.Join(words, " ")) }

// terms are the question's words that may point to a sentence: not function
// words, each stem once.
func (p *profile) terms(r *reading) []term {
	var out []term
	seen := map[string]bool{}
	orig, folded, asking, added, excerptOnly := r.orig, r.folded, r.asking, r.added, r.excerptOnly
	for i, w := range folded {
		if v := umlautSpelt(w); v != w && !p.knows(w) && p.knows(v) {
			w = v // "Gebuehren" is the "Gebühren" of the text
		}
		tm := term{word: w, stem: stem(w), light: lightStem(w)}
		switch {
		case isCode(orig[i]):
			tm.code = orig[i]
		case utf8.RuneCountInString(w) < 3 && !isDigits(w) || followupWords[w] || stopWords[w]:
			continue
		}
		key := tm.stem + "\x00" + tm.code
		if seen[key] {
			continue
		}
		seen[key] = true
		// A word of a family points to its sentence though the title
		// holds it ("Prozent": "Ab GdB 50").
		tm.family = i >= len(folded)-added
		tm.excerpt = i >= len(folded)-excerptOnly
		tm.name = tm.code == "" && p.name[tm.stem] && !tm.family
		df := 0
		for _, sec := range p.sections {
			if sec.holds(tm) {
				df++
			}
		}
		n := float64(len(p.sections))
		tm.weight = math.Log((n + 1) / (float64(df) + 0.5))
		tm.asks = asking[i] && !tm.name
		if tm.name || tm.asks {
			// The topic's own name, and the words that ask ("ile wynosi",
			// "was brauche ich"), say little about which sentence answers.
			tm.weight *= nameWeight
		}
		out = append(out, tm)
	}
	if r.pays {
		out = p.withMaintenance(out, seen)
	}
	return out
}

// withFamilies is the question with the words the knowledge base says its
// everyday words with, for choosing sentences: "Dialyse" and "Physio" are
// a doctor and a therapy ("fährt nicht zum Arzt, … zur Therapie"), "140
// Kilo" a body weight ("Körpergewicht über 120 kg"), the weekend a day
// ("täglich"), the carer on holiday a carer who cannot ("verhindert"), a
// meal the breakfast or soup kitchen a place serves.
// The words of excerptFamilies come last; excerptOnly counts them.
func withFamilies(q string) (out string, added, excerptOnly int) {
	var add []string
	words := foldWords(q)
	for _, fs := range [][]family{wordFamilies, excerptFamilies} {
		excerptOnly = len(add)
		for _, w := range words {
			for _, f := range fs {
				if f.from[w] {
					add = append(add, f.to...)
				}
			}
		}
	}
	if len(add) == 0 {
		return q, 0, 0
	}
	return q + " " + strings.Join(add, " "), len(add), len(add) - excerptOnly
}

// family is a set of everyday words and the knowledge base's words for them.
type family struct {
	from map[string]bool
	to   []string
}

// excerptFamilies point to the sentence that says the fact, not to the
// section asked: "ab wie viel Prozent" asks who, "Ab GdB 50" is said in
// what there is.
var excerptFamilies = []family{
	{set(strings.Fields(`prozent prozentig percent`)), []string{"gdb"}},
	// "welche Bäder", "swimming pool": the baths a list names ("Nordbad und Südbad").
	{set(strings.Fields(`bad bader baeder schwimmbad schwimmbader schwimmbaeder schwimmbaedern hallenbad freibad schwimmen
		pool pools swimming`)), []string{"nordbad"}},
	// "Nachhilfe" is the "Lernförderung" of the text.
	{set(strings.Fields(`nachhilfe nachhilfeunterricht tutoring tutor`)), []string{"lernforderung"}},
}

var wordFamilies = []family{
	{set(strings.Fields(`dialyse physio physiotherapie physiotherapeut krankengymnastik ergotherapie logopadie arzttermin
		arzttermine hausarzt facharzt zahnarzt klinik krankenhaus dialysis physiotherapy hospital clinic`)),
		[]string{"arzt", "therapie", "doctor", "therapy"}},
	{set(strings.Fields(`kilo kilos kilogramm wiege wiegt wiegen gewicht ubergewicht uebergewicht kilograms weigh weighs overweight`)),
		[]string{"korpergewicht", "weight"}},
	{set(strings.Fields(`wochenende wochenenden samstag samstags sonntag sonntags feiertag feiertags feiertagen weekend weekends
		saturday saturdays sunday sundays`)),
		[]string{"taglich", "daily"}},
	{set(strings.Fields(`urlaub verreist kur krank vacation holiday holidays`)),
		[]string{"verhindert", "ersatzpflege"}},
	{set(strings.Fields(`postanschrift meldeadresse postadresse briefadresse`)),
		[]string{"postadresse"}},
	{set(strings.Fields(`mitfahren mitnehmen mitkommen begleiten begleitung begleiter begleiterin companion accompany`)),
		[]string{"begleitperson", "companion"}},
	// "wo krieg ich was zu essen?": the places say their meals.
	{set(strings.Fields(`essen essensausgabe mahlzeit mahlzeiten mittagessen fruhstucken fruehstuecken fruehstueck hunger hungrig
		eat eating food meal meals breakfast lunch hungry`)),
		[]string{"fruhstuck", "suppenkuche", "breakfast", "soup"}},
	// Farsi spells "ticket" both ways and says "a month" colloquially.
	{set(strings.Fields(`بلیط بليط`)), []string{"بلیت"}},
	{set(strings.Fields(`ماهی ماهیانه ماهانه`)), []string{"ماهانه", "ماه"}},
}

// cueWords marks the words of a question that belong to a cue of how much,
// who, what or how: words that ask, not words of the answer.
func cueWords(words []string) []bool {
	used := make([]bool, len(words))
	spelt := umlautsSpelt(words)
	for _, k := range cueStarts.candidates(words, spelt) {
		c := &cueStarts.cues[k]
		if !c.amount && c.aspect != AspectWho && c.aspect != AspectWhat && c.aspect != AspectHow {
			// "Bus", "gratuit", "Unterlagen" name what the sentence says.
			continue
		}
		for i := range words {
			own := matchWords(words, i, c.words)
			if own == nil && spelt != nil {
				own = matchWords(spelt, i, c.words)
			}
			for _, k := range own {
				used[k] = true
			}
		}
	}
	return used
}

// knows reports whether a section or the summary holds a word's stem.
func (p *profile) knows(w string) bool {
	st := stem(w)
	if p.summary != nil && p.summary.stems[st] {
		return true
	}
	for _, sec := range p.sections {
		if sec.stems[st] {
			return true
		}
	}
	return false
}

// withMaintenance adds to a question's terms the family's duty to pay
// ("muss mein Sohn da was dazuzahlen?" asks whether the family owes
// maintenance), where a section of the topic speaks of it.
func (p *profile) withMaintenance(out []term, seen map[string]bool) []term {
	for _, w := range maintenanceWords {
		tm := term{word: w, stem: w, light: w, weight: maintenanceWeight, prefix: true}
		for _, sec := range p.sections {
			if sec.holds(tm) && !seen[tm.stem] {
				seen[tm.stem] = true
				out = append(out, tm)
			}
		}
	}
	return out
}

// whoPays reports whether the topic's section on who may get it says who
// has to pay ("Menschen, die für eine Bestattung aufkommen müssen").
func (p *profile) whoPays() bool {
	sec := p.sections[AspectWho]
	return sec != nil && slices.ContainsFunc(payWords, func(w string) bool {
		return sec.holds(term{word: w, stem: w, light: w, prefix: true})
	})
}

// maintenanceWords name the family's duty to pay for a relative, in the
// knowledge base's German and English.
var maintenanceWords = []string{"unterhalt", "maintenance"}

// maintenanceWeight is what that duty counts for in a section: as much as
// a cue of costs, which the question's paying word also is.
const maintenanceWeight = 3.0

// familyWords are relatives who may owe maintenance; payWords begin the
// verbs of paying for someone.
var (
	familyWords = set(strings.Fields(`kind kinder sohn sohne tochter tochter eltern mutter vater angehorige angehorigen
		familie enkel enkelin geschwister bruder schwester children child son sons daughter daughters parents relatives family`))
	payWords = []string{"zahl", "dazuzahl", "mitzahl", "mitbezahl", "bezahl", "aufkomm", "haft", "unterhalt", "pay", "liable"}
)

// familyPays reports whether relatives are asked to pay ("müssen die Kinder
// dann zahlen?"), not paid for ("zahlt das Amt für meine Kinder?"): a family
// word not after "für" or "for" and a verb of paying.
func familyPays(words []string) bool {
	family, pays := false, false
	for i, w := range words {
		kasse := w == "kasse" && i > 0 && words[i-1] == "zur" // "zur Kasse gebeten"
		if payers[w] && !kasse {
			return false // "zahlt das Sozialamt eine Ersatzpflege?"
		}
		if familyWords[w] && (i == 0 || words[i-1] != "fur" && words[i-1] != "for" && words[i-1] != "welche" && words[i-1] != "which") {
			family = true
		}
		pays = pays || isPayWord(w) || kasse
	}
	return family && pays
}

func isPayWord(w string) bool {
	return slices.ContainsFunc(payWords, func(p string) bool { return strings.HasPrefix(w, p) })
}

// payers are the offices that pay: with one of them the question is what
// the office pays, not what the family owes.
var payers = set(strings.Fields(`amt sozialamt stadt staat jobcenter kasse pflegekasse krankenkasse lwl land city office state`))

// profiles caches profiles by topic pointer and language: a knowledge
// base is immutable, and a reload brings new pointers.
var profiles = cache[profileKey, *profile]{max: maxCached}

type profileKey struct {
	t    *knowledge.Topic
	lang string
}

func profileOf(t *knowledge.Topic, lang string) *profile {
	return profiles.get(profileKey{t, lang}, func() *profile { return newProfile(t, lang) })
}

func newProfile(t *knowledge.Topic, lang string) *profile {
	p := &profile{name: map[string]bool{}, summary: newWordSet(t.Summary.In(lang)), sections: map[Aspect]*wordSet{}, sentences: map[string]*wordSet{}}
	// The German title too: "Bestattung", "Elterngeld" name the topic in
	// any language.
	for _, w := range foldWords(t.Title.In(lang) + " " + t.Title.DE) {
		// "cost" is a word of "Funeral costs" too.
		p.name[stem(w)], p.name[stem(lightStem(w))] = true, true
	}
	for _, s := range t.Sections() {
		if !s.Text.IsZero() {
			text := strings.TrimSpace(s.Text.In(lang))
			p.sections[Aspect(s.Key)] = newWordSet(text)
			for _, sen := range splitSentences(text) {
				p.sentences[sen] = newWordSet(sen)
			}
		}
	}
	return p
}

// officeWords are the stems of the words that name one office of a topic
// and no other of its offices, and that are not words of the topic's title.
func officeWords(kb *knowledge.Base, t *knowledge.Topic, lang string) map[string]bool {
	return officeWordCache.get(profileKey{t, lang}, func() map[string]bool {
		prof := profileOf(t, lang)
		n := map[string]int{}
		for _, o := range kb.OfficesOf(t) {
			seen := map[string]bool{}
			words := foldWords(o.Name.In(lang))
			for _, w := range words {
				if strings.Contains(w, "-") {
					// "Gast-Haus" is written "Gast Haus" too.
					words = append(words, strings.Split(w, "-")...)
				}
			}
			for _, w := range words {
				st := stem(w)
				if utf8.RuneCountInString(w) < 3 || followupWords[w] || stopWords[w] || prof.name[st] || seen[st] {
					continue
				}
				seen[st] = true
				n[st]++
			}
		}
		m := map[string]bool{}
		for st, k := range n {
			if k == 1 {
				m[st] = true
			}
		}
		return m
	})
}

var officeWordCache = cache[profileKey, map[string]bool]{max: maxCached}

// placeWords are the folded words of the Stadtbezirke's and Stadtteile's
// names: a place says where the person lives, not which section they ask.
func placeWords(kb *knowledge.Base) map[string]bool {
	return placeCache.get(kb, func() map[string]bool { return newPlaceWords(kb) })
}

func newPlaceWords(kb *knowledge.Base) map[string]bool {
	m := map[string]bool{}
	for _, d := range kb.Districts {
		for _, name := range append(append([]string{d.Name}, d.Stadtteile...), d.Colloquial...) {
			// "Hörde" is written "Hoerde" too.
			for _, w := range append(foldWords(name), foldWords(umlautsWritten.Replace(name))...) {
				m[w] = true
			}
		}
	}
	return m
}

var placeCache = cache[*knowledge.Base, map[string]bool]{max: maxCachedBases}

// umlautsWritten writes a name's umlauts out, as a keyboard without them does.
var umlautsWritten = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

// storyWords are the words of a message that name a topic: words of the
// topics' titles and keywords and of the synonyms, as written, each once.
func storyWords(kb *knowledge.Base, q string) []string {
	known := topicWords(kb)
	var out []string
	seen := map[string]bool{}
	orig, folded := splitWords(q)
	for i, w := range folded {
		if !seen[w] && (known[w] || known[lightStem(w)]) {
			seen[w] = true
			out = append(out, orig[i])
		}
	}
	return out
}

// topicWords are the folded words (and their light stems) that name a
// topic: words of its title and keywords, and of the synonyms. Common and
// function words are left out, and so are words that several topics share
// ("Kinder", "Wohnung"): they name no topic.
func topicWords(kb *knowledge.Base) map[string]bool {
	return topicWordCache.get(kb, func() map[string]bool { return newTopicWords(kb) })
}

func newTopicWords(kb *knowledge.Base) map[string]bool {
	df := map[string]int{}
	add := func(seen map[string]bool, text string) {
		for _, w := range foldWords(text) {
			if len(w) < 4 || isDigits(w) || followupWords[w] || stopWords[w] || commonTitleWords[w] {
				continue
			}
			for _, k := range []string{w, lightStem(w)} {
				if !seen[k] {
					seen[k] = true
					df[k]++
				}
			}
		}
	}
	for i := range kb.Topics {
		t := &kb.Topics[i]
		seen := map[string]bool{}
		add(seen, t.Title.DE+" "+t.Title.EN)
		for _, k := range t.Keywords {
			add(seen, k)
		}
	}
	for _, syn := range kb.Synonyms {
		seen := map[string]bool{}
		for _, w := range syn.Terms() {
			add(seen, w)
		}
	}
	m := map[string]bool{}
	for w, n := range df {
		if n <= maxTopicWordTopics {
			m[w] = true
		}
	}
	return m
}

// maxTopicWordTopics is how many topics (or synonym groups) may share a word
// that still names a topic in a story.
const maxTopicWordTopics = 4

var topicWordCache = cache[*knowledge.Base, map[string]bool]{max: maxCachedBases}

// namedFirst moves the office the message names to the front of the
// decision's fitting offices ("Telefonnummer LWL Blindengeld", "wann gibt es
// Frühstück im Gast-Haus?").
func namedFirst(kb *knowledge.Base, d *Decision) {
	if id := officeNamed(kb, d); id != "" {
		officeFirst(d, id)
	} else if id := officeTold(kb, d); id != "" {
		officeFirst(d, id)
	}
}

// officeTold is the one office of the decision's fitting offices that the
// topic's sentence nearest the question names by its street ("– Gast-Haus
// statt Bank, Rheinische Straße 22: kostenloses Frühstück" for "wo gibt es
// Frühstück für Obdachlose?"), or "". The sentence must hold enough of the
// question's rarer words and lead the sentences of the other offices;
// places only for some (the shelters) keep the order the person gave them.
func officeTold(kb *knowledge.Base, d *Decision) string {
	if len(d.Fits) < 2 || d.Topic == nil {
		return ""
	}
	prof := profileOf(d.Topic, d.Lang)
	places := placeWords(kb)
	var terms []term
	for _, tm := range prof.terms(d.read.of(d.Question)) {
		if !places[tm.word] {
			terms = append(terms, tm)
		}
	}
	if termsWeight(terms) < minWhereSentence {
		return ""
	}
	best, bestScore, second := -1, 0.0, 0.0
	for _, sec := range d.Topic.Sections() {
		for _, sen := range splitSentences(strings.TrimSpace(sec.Text.In(d.Lang))) {
			named := -1
			for i, f := range d.Fits {
				if o := f.Office; o.Address != nil && o.Address.Street != "" && strings.Contains(sen, o.Address.Street) {
					if named >= 0 {
						named = -2 // two offices: the sentence tells no one
						break
					}
					named = i
				}
			}
			if named < 0 {
				continue
			}
			sc := sentenceScore(prof.sentence(sen), terms)
			switch {
			case named == best:
				bestScore = max(bestScore, sc)
			case sc > bestScore:
				best, bestScore, second = named, sc, bestScore
			default:
				second = max(second, sc)
			}
		}
	}
	if best <= 0 || bestScore < minWhereSentence || bestScore <= second || len(d.Fits[best].Office.Audience) > 0 {
		return ""
	}
	return d.Fits[best].Office.ID
}

// officeNamed is the one office of the decision's fitting offices whose
// name holds a word of the message that no other office of the topic has
// in its name and few offices at all ("LWL", "Gast-Haus", not "Sozialamt"),
// or "".
func officeNamed(kb *knowledge.Base, d *Decision) string {
	if len(d.Fits) < 2 || d.Topic == nil {
		return ""
	}
	words := map[string]bool{}
	for _, w := range nameParts(d.Question) {
		if utf8.RuneCountInString(w) >= 3 && !isDigits(w) && !followupWords[w] && !stopWords[w] {
			words[w] = true
		}
	}
	named := -1
	own := officeOwnWords(kb, d.Topic)
	for i, f := range d.Fits {
		for w := range own[f.Office.ID] {
			if words[w] {
				if named >= 0 && named != i {
					return "" // two offices named: the order stays
				}
				named = i
			}
		}
	}
	if named < 0 {
		return ""
	}
	return d.Fits[named].Office.ID
}

// nameParts are the folded words of a text and the parts of its hyphened
// words ("LWL-Inklusionsamt": "lwl", "inklusionsamt").
func nameParts(s string) []string {
	var out []string
	for _, w := range foldWords(s) {
		out = append(out, w)
		if strings.Contains(w, "-") {
			out = append(out, strings.Split(w, "-")...)
		}
	}
	return out
}

// officeOwnWords are, per office of a topic, the words of its name (German
// and English) that no other office of the topic and at most one other
// office of the knowledge base has in its name.
func officeOwnWords(kb *knowledge.Base, t *knowledge.Topic) map[string]map[string]bool {
	return officeOwnCache.get(t, func() map[string]map[string]bool {
		all := officeNameCounts(kb)
		n := map[string]int{}
		per := map[string]map[string]bool{}
		for _, o := range kb.OfficesOf(t) {
			ws := officeNameWords(o)
			for w := range ws {
				n[w]++
			}
			per[o.ID] = ws
		}
		for _, ws := range per {
			for w := range ws {
				if n[w] > 1 || all[w] > maxNamedOffices {
					delete(ws, w)
				}
			}
		}
		return per
	})
}

// maxNamedOffices is how many offices' names a word may be in and still
// name one of them.
const maxNamedOffices = 2

func officeNameWords(o *knowledge.Office) map[string]bool {
	ws := map[string]bool{}
	for _, w := range nameParts(o.Name.DE + " " + o.Name.EN) {
		ws[w] = true
	}
	return ws
}

// officeNameCounts counts in how many offices' names each word is.
func officeNameCounts(kb *knowledge.Base) map[string]int {
	return officeCountCache.get(kb, func() map[string]int {
		n := map[string]int{}
		for i := range kb.Offices {
			for w := range officeNameWords(&kb.Offices[i]) {
				n[w]++
			}
		}
		return n
	})
}

var (
	officeOwnCache   = cache[*knowledge.Topic, map[string]map[string]bool]{max: maxCached}
	officeCountCache = cache[*knowledge.Base, map[string]int]{max: maxCachedBases}
)

// withOfficeWords is the question with the office's words that its
// citizens' words stand for (synonyms.yaml: "Waschmaschine" and "Möbel" are
// read as "Erstausstattung"), so that the sentence that says the fact in
// the office's words leads the excerpt.
func withOfficeWords(kb *knowledge.Base, q string) string {
	words := foldWords(q)
	byFirst := synonymPhrases(kb)
	var add []string
	for i, w := range words {
		for _, ph := range byFirst[w] {
			if matchAt(words, i, ph.from) {
				add = append(add, ph.to...)
			}
		}
	}
	if len(add) == 0 {
		return q
	}
	return q + " " + strings.Join(add, " ")
}

// synonymPhrase is a citizen's word or phrase, folded, and the office's
// words it is read as.
type synonymPhrase struct{ from, to []string }

// synonymPhrases are the one-way synonyms of the knowledge base by their
// first folded word.
func synonymPhrases(kb *knowledge.Base) map[string][]synonymPhrase {
	return synonymCache.get(kb, func() map[string][]synonymPhrase {
		m := map[string][]synonymPhrase{}
		for _, s := range kb.Synonyms {
			for _, f := range s.From {
				if from := foldWords(f); len(from) > 0 {
					m[from[0]] = append(m[from[0]], synonymPhrase{from: from, to: s.To})
				}
			}
		}
		return m
	})
}

var synonymCache = cache[*knowledge.Base, map[string][]synonymPhrase]{max: maxCachedBases}
