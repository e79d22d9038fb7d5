package answer

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Render is the first message the bot sends for a decision, with its
// buttons. The bot and `sozialbot ask` both use it, so that they say the
// same words.
func Render(kb *knowledge.Base, d Decision) Message {
	var m Message
	if d.Cut {
		m.add(markupPara(T(d.Lang, MsgTooLong)))
	}
	lang := d.Lang
	switch d.Kind {
	case KindAnswer, KindReferral:
		switch {
		case d.Topic != nil:
			topicMessage(&m, kb, d)
		case d.Office != nil:
			m.add(OfficeCard(d.Office, lang, true, d.Now)...)
			m.Pins = append(m.Pins, pins(d.Office, lang)...)
			officeButtons(&m, d.Office, lang)
		case d.District != "":
			if dist := kb.District(d.District); dist != nil {
				DistrictOffices(&m, kb, dist, lang, "", d.Now)
			}
		}
	case KindAsk:
		askMessage(&m, kb, d)
	case KindCrisis:
		crisisMessage(&m, kb, d)
	case KindGreeting:
		if d.Thanks {
			m.add(markupPara(T(lang, MsgThanks)))
		} else {
			m.add(markupPara(T(lang, MsgGreeting)))
		}
		StartButtons(&m, kb, lang)
	case KindDeclined:
		declinedMessage(&m, kb, d)
	}
	translationNote(&m, d)
	distressLine(&m, kb, d)
	if RTL(lang) {
		m.isolate()
	}
	return m
}

func declinedMessage(m *Message, kb *knowledge.Base, d Decision) {
	lang := d.Lang
	switch {
	case d.Reason == index.ReasonEmpty:
		m.add(markupPara(T(lang, MsgEmpty)))
		StartButtons(m, kb, lang)
	case len(d.Choices) > 0:
		m.add(markupPara(T(lang, MsgUnsure)))
		suggestions(m, kb, d.Choices, lang)
	case d.OtherLanguage:
		otherLanguageMessage(m, kb)
	default:
		m.add(markupPara(T(lang, MsgOutOfScope)))
		m.row(Button{Text: T(lang, BtnAllTopics), Do: DoMenu})
	}
}

func askMessage(m *Message, kb *knowledge.Base, d Decision) {
	lang := d.Lang
	switch d.Ask {
	case AskTopic:
		m.add(markupPara(T(lang, MsgWhatAbout)))
		StartButtons(m, kb, lang)
	case AskChoice:
		a, b := d.Choices[0], d.Choices[1]
		m.add(markupPara(T(lang, MsgWhichOf, Esc(hitTitle(kb, a, lang)), Esc(hitTitle(kb, b, lang)))))
		for _, h := range d.Choices {
			m.row(hitButton(kb, h, lang))
		}
		m.row(Button{Text: T(lang, BtnAllTopics), Do: DoMenu})
	case AskDistrict:
		topic := ""
		if d.Topic != nil {
			m.add(markupPara(T(lang, MsgAskDistrictLocal, Esc(d.Topic.Title.In(lang)))))
			topic = d.Topic.ID
		} else {
			m.add(markupPara(T(lang, MsgAskDistrict)))
		}
		var bs []Button
		for _, id := range d.Districts {
			if dist := kb.District(id); dist != nil {
				bs = append(bs, Button{Text: dist.Name, Do: DoDistrict, ID: dist.ID, Arg: topic})
			}
		}
		m.grid(2, bs)
		if d.Topic == nil && len(d.Choices) > 0 {
			m.add(markupPara(T(lang, MsgOrDidYouMean)))
			suggestions(m, kb, d.Choices, lang)
		}
	}
}

// topicMessage leads with what was asked: the section of the aspect (or a
// short overview), then the office that fits the person, then source and
// review date. The rest is one tap away.
func topicMessage(m *Message, kb *knowledge.Base, d Decision) {
	t, lang := d.Topic, d.Lang
	// q is the question read once for the sentences it is weighed against.
	q := sync.OnceValue(func() *reading { return d.read.of(d.Question) })
	m.add(para(line(bold(t.Title.In(lang)))))
	sec, ok := section(t, d.Aspect)
	told := false // what the knowledge base says of the district named
	switch {
	case d.Aspect == AspectNone:
		if sen := districtSentences(kb, t, d); sen != "" {
			m.add(textPara(sen)) // "Gibt es in Mengede ein Sozialbüro?"
			told = true
		} else {
			// No aspect asked, but a sentence may say what the words ask
			// ("Fährt der auch zur Dialyse?": "Er fährt nicht zum Arzt"):
			// then the overview's first sentence is enough beside it.
			if sen := bestSentenceOver(t, lang, q(), nil, false, askedShape(foldWords(d.Question)), wholeQuestion(t, lang, q())); sen != "" {
				m.add(textPara(firstSentence(t.Summary.In(lang))))
				m.add(textPara(sen))
			} else {
				m.add(textPara(t.Summary.In(lang)))
			}
		}
	case d.Aspect == AspectWhere:
		// The offices below answer it; a sentence of the topic that names
		// the place asked for ("Bochum", "Hauptbahnhof") comes first.
		if sen := bestSentence(t, lang, q(), kb.OfficesOf(t), true, shapeNone); sen != "" {
			m.add(textPara(sen))
			if placeScore(sen) > 0 || onCard(sen, kb.OfficesOf(t)) {
				d.Fits = d.Fits[:min(1, len(d.Fits))] // keep the message short
			}
		} else if how, ok := section(t, AspectHow); ok && len(kb.OfficesOf(t)) == 0 {
			// No office card answers where ("Wohngeld, wen ruf ich an?"):
			// how to apply names whom to call.
			m.add(para(line(bold(sectionTitle(how, lang))), line(text(excerpt(how.Text.In(lang), q(), profileOf(t, lang))))))
		}
	case d.Aspect == AspectCosts && (!ok || amountAsked(foldWords(d.Question))):
		costsMessage(m, t, d, sec, ok)
	case ok:
		shown := excerpt(sec.Text.In(lang), d.read.of(withOfficeWords(kb, d.Question)), profileOf(t, lang))
		if sen := elsewhere(t, lang, q(), sec, shown); sen != "" && d.Aspect != AspectDeadlines && d.Aspect != AspectLegal {
			// The section holds none of the question's words; another
			// one's sentence does ("ab wie viel GdB bin ich
			// schwerbehindert?" asks who, "Ab GdB 50" says what). It
			// leads, and the section's first sentence is enough.
			m.add(textPara(sen))
			shown = firstSentence(sec.Text.In(lang))
		}
		if d.Aspect == AspectWho {
			if rule := figureRule(t, lang, q(), shown); rule != "" {
				// "wir verdienen 180.000": the income limit first.
				m.add(para(line(bold(sectionTitle(sec, lang))), line(text(rule)), line(text(shown))))
				break
			}
		}
		m.add(para(line(bold(sectionTitle(sec, lang))), line(text(shown))))
	default:
		// No section for the aspect: a sentence of another section may
		// still answer it, honestly next to what the knowledge base does
		// not know.
		sen := bestSentence(t, lang, q(), nil, false, askedShape(foldWords(d.Question)))
		if sen != "" {
			m.add(textPara(sen))
		} else {
			m.add(markupPara(T(lang, MsgNoSection, Esc(aspectTitle(d.Aspect, lang)))))
		}
		if u := strings.TrimSpace(t.Unknown.In(lang)); u != "" {
			m.add(textPara(excerpt(u, q(), nil)))
		}
	}
	if d.Aspect == AspectHow {
		m.add(links(t.Links, lang))
	}
	if !d.Shown {
		offices(m, kb, d, told)
	}
	if !t.Checked.IsZero() {
		m.add(para(freshness(knowledge.FreshnessOf(t.Checked, 0, d.Now), lang)))
	}
	m.add(footer(t.Sources, t.Reviewed, lang))
	topicButtons(m, kb, t, d.Aspect, lang)
}

// amountAsked reports whether a question of costs asks how much one gets,
// not what one pays: by its words, or by the person an amount is for ("und
// für ein Kind von 8?", "und als Ehepaar?").
func amountAsked(q []string) bool {
	return (asksAmount(q) || rateAge(q) >= 0 || askedLevel(q) > 0) && !asksPrice(q)
}

// costsMessage answers an amount asked ("wie viel Elterngeld", "was kostet
// das Sozialticket") where the costs section does not say it (there is
// none, or it is the fee of the application, and the question asks how much
// one gets): with the sentences of the topic that hold an amount (what
// there is states the benefit's amounts), the section itself when none
// does, and otherwise honestly that the amount is not known.
func costsMessage(m *Message, t *knowledge.Topic, d Decision, sec knowledge.Section, ok bool) {
	lang := d.Lang
	sh := shapeAmount
	switch {
	case askedShape(foldWords(d.Question)) == shapePercent:
		sh = shapePercent // "wie viel spart man im Theater": "50 % günstiger"
	case ok:
		sh = shapeMoney // an amount received, not "free of charge"
	case slices.ContainsFunc(foldWords(d.Question), freeOfCharge):
		sh = shapeFree // "ist der Westfalenpark umsonst?"
	}
	q := d.read.of(d.Question)
	sen := amountExcerpt(t, lang, q, sh)
	switch {
	case sen != "":
		m.add(textPara(sen))
	case ok:
		m.add(para(line(bold(sectionTitle(sec, lang))), line(text(excerpt(sec.Text.In(lang), q, profileOf(t, lang))))))
		return
	default:
		m.add(markupPara(T(lang, MsgNoSection, Esc(aspectTitle(d.Aspect, lang)))))
	}
	if u := strings.TrimSpace(t.Unknown.In(lang)); u != "" {
		m.add(textPara(excerpt(u, q, nil)))
	}
}

// amountExcerpt is the part of the topic's section with the best sentence
// that holds an amount that answers the question: its sentences (long ones
// cut at their semicolons, a list of amounts) that hold an amount and a
// word of the question, in the text's order, as many as fit (all that hold
// an amount when none holds a word of the question). Empty when no
// sentence holds an amount.
func amountExcerpt(t *knowledge.Topic, lang string, question *reading, sh shape) string {
	prof := profileOf(t, lang)
	terms := questionTerms(question, prof)
	q := foldWords(question.text)
	bound, marks, age, level := askedBound(q), askedMarks(q), rateAge(q), askedLevel(q)
	var best []string
	var bestScores []float64
	top := 0.0
	for _, s := range t.Sections() {
		sens := clauses(splitSentences(strings.TrimSpace(s.Text.In(lang))))
		scores := make([]float64, len(sens))
		for i, sen := range sens {
			if ws := prof.sentence(sen); ws.hasShape(sh) && utf8.RuneCountInString(sen) <= maxExcerpt {
				scores[i] = shapeScore + sentenceScore(ws, terms) + boundScore(sen, bound) + markScore(sen, marks) + levelScore(sen, level)
				if age >= 0 && agesOf(foldWords(sen), age) {
					// "Kind mit 8 Jahren": "von 6 bis unter 14 Jahren", a
					// mark as strong as the words the rates are asked with.
					scores[i] += 2 * shapeScore
				}
			}
			if scores[i] > top {
				best, bestScores, top = sens, scores, scores[i]
			}
		}
	}
	if top == 0 {
		return ""
	}
	order := make([]int, len(best))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return bestScores[order[a]] > bestScores[order[b]] })
	keep := map[int]bool{order[0]: true}
	size := utf8.RuneCountInString(best[order[0]])
	for _, i := range order[1:] {
		n := utf8.RuneCountInString(best[i]) + 1
		if bestScores[i] == 0 || bestScores[i] <= shapeScore && top > shapeScore {
			break // with a word of the question, only the amounts it names
		}
		if size+n <= maxExcerpt {
			keep[i], size = true, size+n
		}
	}
	var out []string
	for i, sen := range best {
		if keep[i] {
			out = append(out, sen)
		}
	}
	return strings.ReplaceAll(strings.Join(out, " "), "… …", "…")
}

// offices adds the offices that fit the person: in full for "where", else
// the first one with the ways to reach it.
func offices(m *Message, kb *knowledge.Base, d Decision, told bool) {
	t, lang := d.Topic, d.Lang
	local := t.LocalOffices && len(kb.OfficesOf(t)) > 1
	switch {
	case local && d.District != "" && (len(d.Fits) == 0 || len(d.Fits[0].Office.Districts) == 0):
		m.add(markupPara(T(lang, MsgNoDistrictOffice, Esc(districtName(kb, d.District)))))
	case local && d.District == "":
		m.add(markupPara(T(lang, MsgLocalHint)))
	case !local && !told && d.District != "" && len(d.Fits) > 0 && len(d.Fits[0].Office.Districts) > 0 && !servesDistrict(d.Fits, d.District) &&
		!knownDistrictOffice(kb, t, d.District):
		// "Sozialbüro Hörde": the Sozialbüros of some districts are known,
		// not Hörde's; the office below is another district's.
		m.add(markupPara(T(lang, MsgNoDistrictOffice, Esc(districtName(kb, d.District)))))
	}
	if len(d.Fits) == 0 {
		return
	}
	shown := d.Fits[:1]
	named := officeNamed(kb, &d) == d.Fits[0].Office.ID
	if d.Aspect == AspectWhere || len(d.Fits) > 1 && len(d.Fits[0].Office.Audience) > 0 && !named {
		// Where and when: two offices. A place only for some (a women's
		// shelter) first: the next one too, for whoever it is not for.
		shown = d.Fits[:min(2, len(d.Fits))]
		if len(d.Fits[0].Office.Audience) > 0 && d.Aspect != AspectWhere && !named {
			for _, f := range d.Fits[1:] {
				if len(f.Office.Audience) > 0 && !slices.Equal(f.Office.Audience, d.Fits[0].Office.Audience) {
					shown = []knowledge.OfficeFit{d.Fits[0], f} // the men's shelter beside the women's
					break
				}
			}
		}
	}
	var maps []Button
	for i, f := range shown {
		label := LblContact
		if f.Responsible {
			label = LblResponsible
		}
		// Where and when: the best place in full, the next one short, so
		// the first message stays readable on a phone.
		m.add(fitCard(f, T(lang, label), lang, d.Aspect == AspectWhere && i == 0, d.Now))
		m.Pins = append(m.Pins, pins(f.Office, lang)...)
		maps = append(maps, mapButton(f.Office, lang, len(shown) > 1))
	}
	m.row(maps...)
	if len(d.Fits) > len(shown) && d.Aspect == AspectWhere {
		// Elsewhere the "Wo und wann?" button below says it.
		m.add(markupPara(T(lang, MsgMoreOffices)))
	}
}

// districtSentences are, when the message names a Stadtbezirk, the first
// sentence of the topic's sections and the first of what it does not know
// that name it ("Auch in Mengede gibt es ein Sozialbüro." and that its
// address is not known), or "".
func districtSentences(kb *knowledge.Base, t *knowledge.Topic, d Decision) string {
	dist := kb.District(d.District)
	if dist == nil {
		return ""
	}
	name := foldWords(dist.Name)
	q := foldWords(d.Question)
	if len(name) != 1 || !slices.Contains(q, name[0]) {
		return ""
	}
	// A sentence must name the district and something else asked
	// ("Sozialbüro"), not only the district ("… an den Entenpoth 34 in
	// Hörde").
	asked := map[string]bool{}
	for _, w := range q {
		if utf8.RuneCountInString(w) >= 4 && w != name[0] && !followupWords[w] && !stopWords[w] {
			asked[lightStem(w)] = true
		}
	}
	names := func(sen string) bool {
		ws := foldWords(sen)
		return slices.Contains(ws, name[0]) && slices.ContainsFunc(ws, func(w string) bool { return asked[lightStem(w)] })
	}
	var out []string
	texts := []string{}
	for _, s := range t.Sections() {
		texts = append(texts, s.Text.In(d.Lang))
	}
	for i, list := range [][]string{texts, {t.Unknown.In(d.Lang)}} {
		for _, text := range list {
			if len(out) > i {
				break
			}
			for _, sen := range splitSentences(strings.TrimSpace(text)) {
				if names(sen) && utf8.RuneCountInString(sen) <= maxExcerpt {
					out = append(out, sen)
					break
				}
			}
		}
	}
	return strings.Join(out, " ")
}

// knownDistrictOffice reports whether the knowledge base knows an office
// of the kind the topic has for some Stadtbezirke (a "Sozialbüro …") for
// this one, or whether the topic has no such offices at all: only then is
// saying "no office known for Hörde" true and needed.
func knownDistrictOffice(kb *knowledge.Base, t *knowledge.Topic, district string) bool {
	kinds := map[string]bool{}
	for _, o := range kb.OfficesOf(t) {
		if ws := foldWords(o.Name.DE); len(o.Districts) > 0 && len(ws) > 0 {
			kinds[ws[0]] = true
		}
	}
	if len(kinds) == 0 {
		return true
	}
	for i := range kb.Offices {
		o := &kb.Offices[i]
		if ws := foldWords(o.Name.DE); len(ws) > 0 && kinds[ws[0]] && slices.Contains(o.Districts, district) {
			return true
		}
	}
	return false
}

// servesDistrict reports whether one of the offices serves the Stadtbezirk.
func servesDistrict(fits []knowledge.OfficeFit, district string) bool {
	return slices.ContainsFunc(fits, func(f knowledge.OfficeFit) bool { return slices.Contains(f.Office.Districts, district) })
}

// links are the topic's web pages (forms, the city's page), shown with
// "how to apply".
func links(ls []knowledge.Link, lang string) Para {
	if len(ls) == 0 {
		return nil
	}
	p := Para{line(markup("<b>" + T(lang, LblMore) + "</b>"))}
	for _, l := range ls {
		p = append(p, line(text("• "), link(l.URL, l.Title.In(lang))))
	}
	return p
}

// fitCard is an office that fits the person: label and name, whether it is
// open now, and how to reach it.
func fitCard(f knowledge.OfficeFit, label, lang string, full bool, now time.Time) Para {
	p := Para{line(bold(label + ": " + f.Office.Name.In(lang)))}
	if open := openText(f.Open, lang); open != "" {
		p = append(p, line(italic(open)))
	}
	p = append(p, ContactLines(f.Office, lang, full)...)
	if l := freshness(f.Office.Freshness(now), lang); l != nil {
		p = append(p, l)
	}
	if u := strings.TrimSpace(f.Office.Unknown.In(lang)); u != "" && (full || f.Office.Address == nil) {
		// Honest about what is not known, above all a missing address.
		p = append(p, line(italic(splitSentences(u)[0])))
	}
	return p
}

// openText says whether an office is open now: "jetzt geöffnet, bis 12:00",
// "jetzt geschlossen, öffnet Mo 08:00"; empty when the hours are not known.
func openText(s knowledge.OpenState, lang string) string {
	switch {
	case !s.Known:
		return ""
	case s.AllDay:
		return T(lang, LblOpenAllDay)
	case s.Open:
		return T(lang, LblOpenUntil, s.Until.In(berlin).Format("15:04"))
	case !s.Next.IsZero():
		n := s.Next.In(berlin)
		day := weekdayName((int(n.Weekday())+6)%7, lang)
		return T(lang, LblOpensAt, day+" "+n.Format("15:04"))
	}
	return ""
}

// berlin is the time zone of the offices' hours (knowledge embeds tzdata).
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// mapButton opens a map search for the office's address (OpenStreetMap):
// no coordinates are invented. named puts the office's name on the button.
func mapButton(o *knowledge.Office, lang string, named bool) Button {
	if o.Address == nil {
		return Button{}
	}
	text := T(lang, BtnMap)
	if named {
		text += ": " + shorten(o.Name.In(lang), 24)
	}
	return Button{Text: text, Do: DoURL, URL: o.Address.MapURL()}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// distressLine ends the reply to a message that signals distress, but no
// crisis (whose answer names the lines already), with the TelefonSeelsorge
// and 112.
func distressLine(m *Message, kb *knowledge.Base, d Decision) {
	l := kb.DistressLine()
	if !d.Distress || d.Kind == KindCrisis || l == nil {
		return
	}
	m.add(markupPara(T(d.Lang, MsgDistress, Esc(strings.Join(l.Phone, " / ")))))
}

// crisisMessage puts the crisis lines first, then the topic that helps and
// the place that fits the person now.
func crisisMessage(m *Message, kb *knowledge.Base, d Decision) {
	lang := d.Lang
	m.add(textPara(d.Crisis.Message.In(lang)))
	for _, l := range d.Lines {
		p := Para{line(bold(l.Name.In(lang)))}
		if len(l.Phone) > 0 {
			p = append(p, line(markup(T(lang, LblPhone)+": "), bold(strings.Join(l.Phone, ", "))))
		}
		if h := strings.TrimSpace(l.Hours.In(lang)); h != "" {
			p = append(p, line(text(h)))
		}
		m.add(p)
	}
	if d.Topic != nil {
		m.add(markupPara(T(lang, MsgCrisisHelp, Esc(d.Topic.Title.In(lang)))))
		if len(d.Fits) > 0 {
			f := d.Fits[0]
			label := LblContact
			if f.Responsible {
				label = LblResponsible
			}
			m.add(fitCard(f, T(lang, label), lang, false, d.Now))
			m.row(mapButton(f.Office, lang, false))
		}
		m.row(Button{Text: d.Topic.Title.In(lang), Do: DoTopic, ID: d.Topic.ID})
	}
	m.row(Button{Text: T(lang, BtnAllTopics), Do: DoMenu})
}

// section is the topic's section for an aspect, if it has text.
func section(t *knowledge.Topic, a Aspect) (knowledge.Section, bool) {
	for _, s := range t.Sections() {
		if s.Key == string(a) && !s.Text.IsZero() {
			return s, true
		}
	}
	return knowledge.Section{}, false
}

// aspectTitle names an aspect ("Kosten") for a message.
func aspectTitle(a Aspect, lang string) string {
	if a == AspectWhere {
		return T(lang, LblOffices)
	}
	var t knowledge.Topic
	for _, s := range t.Sections() {
		if s.Key == string(a) {
			return sectionTitle(s, lang)
		}
	}
	return string(a)
}

// sectionTitle names a section: the knowledge base's title in German and
// English, the section's button in the other languages (their message files
// translate it).
func sectionTitle(s knowledge.Section, lang string) string {
	if k, ok := aspectButtons[Aspect(s.Key)]; ok && lang != "de" && lang != "en" {
		return T(lang, k)
	}
	return s.Title.In(lang)
}

// maxExcerpt is how long a section may be in a first message before only
// the sentences nearest the question are shown.
const maxExcerpt = 380

// excerpt shortens a long section to the sentences that share the most
// rare words with the question (the topic's own words do not count), in the
// text's order, so that the fact asked for leads and the message stays
// short; without such sentences, to its beginning. The whole section is one
// tap away.
func excerpt(s string, question *reading, prof *profile) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= maxExcerpt {
		return s
	}
	sentences := splitSentences(s)
	terms := telling(questionTerms(question, prof), sentences, prof)
	q := foldWords(question.text)
	sh, bound, marks, level, age := askedShape(q), askedBound(q), askedMarks(q), askedLevel(q), rateAge(q)
	where := slices.ContainsFunc(q, func(w string) bool { return whereWords[w] })
	score := make([]float64, len(sentences))
	focus := 0.0 // the best sentence's weight, the words that ask in full
	for i, sen := range sentences {
		ws := prof.sentence(sen)
		score[i] = sentenceScore(ws, terms) + boundScore(sen, bound) + markScore(sen, marks) + levelScore(sen, level)
		if age >= 0 && ws.hasShape(shapeMoney) && agesOf(foldWords(sen), age) {
			score[i] += 2 * shapeScore // "und für ein Kind von 8?": "390 € für Kinder von 6 bis unter 14"
		}
		if where && placeScore(sen) >= minWhereSentence {
			// "wo stelle ich den Antrag?": the sentence with the address.
			score[i] += shapeScore
		}
		focus = max(focus, score[i]+askingScore(ws, terms))
		if ws.hasShape(sh) {
			score[i] += shapeScore
		}
		if figureNear(prof, sen, sh, terms) {
			score[i] += shapeScore
		}
	}
	order := make([]int, len(sentences))
	for i := range order {
		order[i] = i
	}
	if reorders(sentences, score, terms, prof) || focus >= focusScore {
		// Words that only ask ("zum Antrag") do not reorder a section: its
		// beginning leads ("Personalausweis …" before what an unofficial
		// page adds).
		sort.SliceStable(order, func(a, b int) bool { return score[order[a]] > score[order[b]] })
	}
	keep := map[int]bool{}
	size := 0
	for _, i := range order {
		n := utf8.RuneCountInString(sentences[i]) + 1
		if score[i] == 0 && max(score[order[0]], focus) >= focusScore && size+n > focusFill {
			break // the sentences that answer the question, and little else
		}
		if size+n <= maxExcerpt || size == 0 {
			keep[i], size = true, size+n
		} else if score[i] == 0 {
			break
		}
	}
	var out []string
	for i, sen := range sentences {
		if keep[i] {
			out = append(out, sen)
		}
	}
	text := strings.Join(out, " ")
	if len(out) < len(sentences) {
		text += " …"
	}
	return text
}

// reorders reports whether a sentence scores by more than the words that
// only ask ("Antrag" in "was muss ich zum Antrag mitbringen"): a word of
// the question, a shape or a mark asked.
func reorders(sentences []string, score []float64, terms []term, prof *profile) bool {
	var asking []term
	for _, tm := range terms {
		if tm.asks {
			asking = append(asking, tm)
		}
	}
	for i, sen := range sentences {
		if score[i] > sentenceScore(prof.sentence(sen), asking) {
			return true
		}
	}
	return false
}

// telling gives a word of the topic's name back its weight where it labels
// some of the sentences: a title that names several benefits ("Blindengeld,
// Blindenhilfe und Gehörlosengeld") lists the papers of each in a sentence
// labelled with its name ("Gehörlosengeld: Personalausweis …"), and
// "Gehörlosengeld, welche Unterlagen?" asks the one so labelled.
func telling(terms []term, sentences []string, prof *profile) []term {
	var labels []*wordSet
	for _, sen := range sentences {
		if l, _, ok := strings.Cut(sen, ":"); ok && len(strings.Fields(l)) <= 3 {
			labels = append(labels, newWordSet(l))
		}
	}
	if len(labels) < 2 {
		return terms
	}
	out := slices.Clone(terms)
	for i, tm := range out {
		if tm.name && !tm.asks && slices.ContainsFunc(labels, func(l *wordSet) bool { return l.holds(tm) }) {
			out[i].weight = max(tm.weight/nameWeight, 1)
		}
	}
	return out
}

// leastCues and mostCues ask for the least or the most of an amount, and
// say it in a sentence ("mindestens 300 €", "maximum parental allowance",
// "en az", "الحد الأقصى", "най-малко"), in every language the knowledge
// base is written in. A sentence that says the bound asked answers the
// question, not the income limit next to it.
var (
	leastCues = foldCues("mindestens", "minimal", "minimum", "mindestbetrag", "mindestsatz", "at least", "lowest", "least",
		"en az", "asgari", "الأدنى", "أدنى", "ادنى", "على الأقل", "الأقل", "اقل", "минимум", "минимал*", "не менее",
		"мінімум", "мінімал*", "щонайменше", "co najmniej", "najmniej", "minimaln*", "cel puțin", "minim*",
		"най-малко", "حداقل", "دست کم")
	mostCues = foldCues("hochstens", "hoechstens", "maximal", "maximum", "max", "hochstbetrag", "hoechstbetrag", "hochstsatz",
		"at most", "highest", "most", "en fazla", "azami", "الأقصى", "أقصى", "اقصى", "على الأكثر", "الأكثر", "максимум",
		"максимал*", "не более", "щонайбільше", "najwyżej", "najwięcej", "maksymaln*", "cel mult", "maxim*", "най-много", "حداکثر")
)

// A figure asked by what it is about, not by its words: one's savings
// ("wie viel Erspartes", "заощаджень", "in cont", "پس انداز") are the
// protected assets, one adult on their own ("für eine Person", "на
// одного", "tek kişi", "یک نفر") is Regelbedarfsstufe 1. The sentence that
// says it carries the term the knowledge base keeps in every language
// ("Schonvermögen", "Regelbedarfsstufe 1"), so its marks are those terms.
var askedFigures = []struct{ cues, marks [][]string }{
	{foldCues("erspart*", "ersparnis*", "vermogen", "schonvermogen", "sparbuch", "konto", "bankkonto", "auf der bank",
		"savings", "saved", "bank account", "in the bank", "birikim*", "tasarruf*", "bankada", "hesab*",
		"مدخرات", "بالبنك", "البنك", "مصاري", "заощадж*", "рахунк*", "накопич*", "сбережен*", "накоплен*",
		"счет*", "счёт*", "oszczednosc*", "oszczędnoś*", "koncie", "economii", "in cont", "contul",
		"спестен*", "спестяван*", "сметка*", "پس انداز", "پس\u200cانداز", "حساب*"),
		foldCues("schonvermogen")},
	{foldCues("eine person", "einzelne person", "einzelperson", "alleinstehend*", "allein", "alleine", "single", "one person",
		"a single person", "на одного", "одного человека", "одну людину", "одна людина", "самотн*", "одинок*",
		"jednej osoby", "jedna osoba", "o persoana", "o singura persoana", "tek kisi", "bir kisi", "yalniz yasa*",
		"یک نفر", "تنها", "شخص واحد", "للشخص الواحد", "لشخص واحد", "للفرد", "един човек", "за един"),
		foldCues("regelbedarfsstufe 1")},
}

// askedLevels are the persons a Regelsatz is asked for by what it is
// about, not by an age (agesOf reads those): a couple ("als Ehepaar", "we
// are married") is level 2, an adult in a home ("im Heim", "stationär",
// "в доме престарелых") level 3. Every language writes the level as a
// number in brackets after the amount ("(Stufe 2)", "(level 3)", "(3.
// kademe)"), so the mark is that number (levelOf).
var askedLevels = []struct {
	cues  [][]string
	level int
}{
	{foldCues("ehepaar*", "als paar", "verheiratet*", "eheleute", "zu zweit", "wir beide", "mit partner*", "mit meinem mann",
		"mit meiner frau", "mit meinem partner", "mit meiner partnerin", "lebenspartner*", "married", "married couple",
		"as a couple", "for a couple", "spouse", "husband and wife", "evli", "esimle", "eşimle", "супруг*", "подружж*",
		"женаты", "małżeństwo", "malzenstwo", "małżonk*", "malzonk*", "casatorit*", "căsătorit*", "cuplu", "съпруз*",
		"семейна двойка", "زوجين", "متزوج*", "زن و شوهر", "متاهل"),
		2},
	{foldCues("heim", "im heim", "pflegeheim", "altenheim", "altersheim", "wohnheim", "stationar", "stationaer", "einrichtung",
		"care home", "nursing home", "in a home", "institution", "residential", "bakimevi", "bakımevi", "huzurevi",
		"дом престарелых", "доме престарелых", "учреждени*", "интернат*", "будинок для літніх", "будинку для літніх",
		"закладі", "dom opieki", "domu opieki", "placówce", "placowce", "camin", "cămin", "azil", "дом за стари",
		"заведение", "دار رعاية", "دار المسنين", "مؤسسة", "خانه سالمندان", "آسایشگاه"),
		3},
}

// askedLevel is the Regelsatz level a question asks by, or 0.
func askedLevel(words []string) int {
	for _, l := range askedLevels {
		if holdsAny(words, l.cues) {
			return l.level
		}
	}
	return 0
}

// levelOf is the level a sentence or clause names in brackets after its
// amount ("(Stufe 2)", "(Regelbedarfsstufe 1)", "(3. kademe)"), or 0.
func levelOf(sen string) int {
	level := 0
	for rest := sen; ; {
		open := strings.IndexByte(rest, '(')
		if open < 0 {
			return level
		}
		end := strings.IndexByte(rest[open:], ')')
		if end < 0 {
			return level
		}
		if f := strings.Fields(rest[open+1 : open+end]); len(f) <= 3 {
			for _, w := range f {
				if w = strings.TrimSuffix(w, "."); len(w) == 1 && w[0] >= '1' && w[0] <= '9' {
					level = int(w[0] - '0')
				}
			}
		}
		rest = rest[open+end:]
	}
}

// levelScore is what a sentence that names the level asked counts: as
// much as a mark.
func levelScore(sen string, level int) float64 {
	if level > 0 && levelOf(sen) == level {
		return 2 * shapeScore
	}
	return 0
}

// askedBound is the list of bound words a question asks by, or nil.
func askedBound(words []string) [][]string {
	for _, cs := range [][][]string{leastCues, mostCues} {
		if holdsAny(words, cs) {
			return cs
		}
	}
	return nil
}

// askedMarks are the marks of the figures a question asks by, or nil.
func askedMarks(words []string) [][]string {
	var out [][]string
	for _, f := range askedFigures {
		if holdsAny(words, f.cues) {
			out = slices.Concat(out, f.marks)
		}
	}
	return out
}

func holdsAny(words []string, cues [][]string) bool {
	return slices.ContainsFunc(cues, func(c []string) bool { return find(words, c) >= 0 })
}

// askedAge is the age a question names ("ein Kind mit 8 Jahren", "ich bin
// 17", "my son is 4 years old"), or -1.
func askedAge(words []string) int {
	for i, w := range words {
		if !isDigits(w) || len(w) > 3 {
			continue
		}
		n, _ := strconv.Atoi(w)
		next, prev := "", ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if i > 0 {
			prev = words[i-1]
		}
		if n <= 120 && (strings.HasPrefix(next, "jahr") || strings.HasPrefix(next, "jaehr") || strings.HasPrefix(next, "year") ||
			next == "alt" || next == "old" || ageVerbs[prev]) {
			return n
		}
	}
	return -1
}

// ageUnits are the words for "years (old)" after an age in the languages
// the knowledge base is written in ("8 лет", "8 yaşında", "۸ ساله", "8
// lat"), as prefixes.
var ageUnits = []string{"лет", "год", "рок", "рiк", "рік", "lat", "ani", "an", "yas", "ساله", "سال", "سنوات", "سنة", "سنين", "عام"}

// ageWords are a question's folded words with Persian and Arabic-Indic
// digits as Latin ones ("۸" → "8") and an age joined to its unit split
// ("16-jähriger" → "16", "jahriger").
func ageWords(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		w = strings.Map(func(r rune) rune {
			switch {
			case r >= '٠' && r <= '٩':
				return '0' + (r - '٠')
			case r >= '۰' && r <= '۹':
				return '0' + (r - '۰')
			}
			return r
		}, w)
		if n, unit, ok := strings.Cut(w, "-"); ok && isDigits(n) && unit != "" {
			out = append(out, n, unit)
			continue
		}
		out = append(out, w)
	}
	return out
}

// rateAge is the age a Regelsatz is asked for: the age a question names,
// a child's age said as "ein Kind von 8" or "a child of 10", or the age a
// word for a small child stands for ("wie viel kriegt ein Baby"). Only for
// choosing sentences: these say no detail about the person asking.
func rateAge(words []string) int {
	words = ageWords(words)
	if a := askedAge(words); a >= 0 {
		return a
	}
	for i, w := range words {
		if a, ok := childAges[w]; ok {
			return a
		}
		if isDigits(w) && len(w) <= 2 && i+1 < len(words) && slices.ContainsFunc(ageUnits, func(u string) bool {
			return words[i+1] == u || len(u) > 2 && strings.HasPrefix(words[i+1], u)
		}) {
			n, _ := strconv.Atoi(w)
			return n // "ребенку 8 лет", "kızım 8 yaşında", "کودک ۸ ساله"
		}
		if isDigits(w) && len(w) <= 2 && i >= 2 && (words[i-1] == "von" || words[i-1] == "mit" || words[i-1] == "of") && (childWords[words[i-2]] || youthWords[words[i-2]]) {
			n, _ := strconv.Atoi(w)
			return n
		}
	}
	return -1
}

// youthWords name a young person whose age may follow ("ein Jugendlicher
// von 15", "a teenager of 15", "my son of 12").
var youthWords = set(strings.Fields(`jugendliche jugendlicher jugendlichen teenager teen sohn tochter son daughter boy girl junge madchen`))

// childAges are the ages that words for small children stand for.
var childAges = map[string]int{"baby": 0, "babys": 0, "saugling": 0, "neugeborenes": 0, "neugeborene": 0, "newborn": 0,
	"infant": 0, "kleinkind": 2, "toddler": 2, "kindergartenkind": 4}

var ageVerbs = set(strings.Fields(`bin ist wird is am aged age alter i'm мне мені`))

// agesOf reports whether a text states an age range that holds the age:
// "unter 6 Jahren", "von 6 bis unter 14", "ab 60 Jahren", "aged 14 to under
// 18", "from 60".
func agesOf(words []string, age int) bool {
	num := func(i int) int {
		if i < 0 || i >= len(words) || !isDigits(words[i]) || len(words[i]) > 3 {
			return -1
		}
		if i+1 < len(words) && (words[i+1] == "000" || words[i+1] == "€" || words[i+1] == "euro" || words[i+1] == "%") {
			return -1 // "unter 100.000 Euro" is an amount, not an age
		}
		n, _ := strconv.Atoi(words[i])
		return n
	}
	// from is the lower end of a range that ends at word i: "von 6 bis
	// unter", "от 6 до неполных", "de la 6 până la sub", or 0.
	from := func(i int) int {
		j := i - 1
		for j >= 0 && rangeTo[words[j]] {
			j--
		}
		if j < i-1 && num(j) >= 0 {
			return num(j)
		}
		return 0
	}
	for i, w := range words {
		switch {
		case underWords[w]:
			hi := num(i + 1)
			if hi < 0 && i+1 < len(words) && rangeTo[words[i+1]] {
				hi = num(i + 2) // "أقل من 14"
			}
			if hi >= 0 && age >= from(i) && age < hi {
				return true
			}
		case (w == "kucuk" || w == "kadar") && i >= 2 && strings.HasPrefix(words[i-1], "yas") && num(i-2) >= 0:
			// Turkish says the bound after the age: "6 yaşından küçük", "6
			// yaşından 14 yaşına kadar".
			lo := 0
			if i >= 4 && strings.HasPrefix(words[i-3], "yasindan") && num(i-4) >= 0 {
				lo = num(i - 4)
			}
			if age >= lo && age < num(i-2) {
				return true
			}
		case (w == "ab" || w == "from" || w == "uber" || w == "over") && num(i+1) >= 0 && (i+2 >= len(words) || words[i+2] != "bis" && words[i+2] != "to"):
			if age >= num(i+1) {
				return true
			}
		}
	}
	return false
}

// underWords say "under" before an age in the languages of the knowledge
// base ("unter 6", "до неполных 18", "poniżej 18", "زیر 14", "أقل من 14");
// rangeTo are the words between the ends of a range ("von 6 bis unter 14").
var (
	underWords = set(strings.Fields(`unter under below неполных неполного неповних ponizej poniżej sub под زیر أقل اقل دون`))
	rangeTo    = set(strings.Fields(`bis to до do la pana până تا إلى الى من`))
)

// boundScore is what a sentence that says the bound a question asks
// counts.
func boundScore(sen string, bound [][]string) float64 {
	if bound != nil && holdsAny(foldWords(sen), bound) {
		return shapeScore
	}
	return 0
}

// markScore is what a sentence that says a figure the question asks by
// counts: more than the words the question asks it with ("für eine
// Person" is not the sentence on Vermögen "je erwachsene Person").
func markScore(sen string, marks [][]string) float64 {
	if marks != nil && holdsAny(foldWords(sen), marks) {
		return 2 * shapeScore
	}
	return 0
}

// shapeScore is what a sentence that holds the shape of fact asked for (an
// amount in €, an age) counts for, as much as a rare word of the question.
const shapeScore = 1.5

// focusScore is the weight of the question's words a sentence must hold for
// the excerpt to show only the sentences that hold any of them.
const focusScore = 1.0

// focusFill is how long such an excerpt may grow with other sentences.
const focusFill = 150

// minWhereSentence is the weight of the question's rarer words a sentence
// must hold to be shown with the offices (calibrated on the tuning set).
const minWhereSentence = 2.0

// minNextSentence is what the sentence right after the best must hold to
// be shown with it.
const minNextSentence = 1.0

// bestSentence is the sentence of the topic's sections that holds the most
// of the question's rarer words, the shape of fact asked for, or (with place)
// tells where to go, if it holds enough; with the next best of its section
// when that holds enough as well and both are short ("… am Entenpoth 34,
// 44263 Dortmund-Hörde. Bus 440, Haltestelle „Entenpoth“.").
func bestSentence(t *knowledge.Topic, lang string, question *reading, offices []*knowledge.Office, place bool, sh shape) string {
	return bestSentenceOver(t, lang, question, offices, place, sh, minWhereSentence)
}

// termsWeight is the most a sentence can score by the question's words.
func termsWeight(terms []term) float64 {
	all := 0.0
	for _, tm := range terms {
		all += tm.weight + 0.1
	}
	return all
}

// wholeQuestion is the least a sentence must hold to answer a short
// question with no aspect: all its words, where they weigh less than
// minWhereSentence together ("und im Theater?" is "50 % günstiger: Theater
// Dortmund"), but at least one rare word.
func wholeQuestion(t *knowledge.Topic, lang string, question *reading) float64 {
	all, rare := 0.0, false
	for _, tm := range questionTerms(question, profileOf(t, lang)) {
		all += tm.weight + 0.1
		rare = rare || !tm.name && !tm.asks && tm.weight >= focusScore
	}
	if !rare {
		return minWhereSentence
	}
	return min(minWhereSentence, all-0.01)
}

// bestSentenceOver is bestSentence with the least score a sentence must
// pass.
func bestSentenceOver(t *knowledge.Topic, lang string, question *reading, offices []*knowledge.Office, place bool, sh shape, least float64) string {
	prof := profileOf(t, lang)
	terms := questionTerms(question, prof)
	if !place && sh == shapeNone && termsWeight(terms) <= least {
		return "" // no sentence can hold enough: spare reading them
	}
	best, bestScore, bestSec := -1, least, -1
	var all [][]string
	var scores [][]float64
	for si, s := range t.Sections() {
		sens := clauses(splitSentences(strings.TrimSpace(s.Text.In(lang))))
		sc := make([]float64, len(sens))
		for i, sen := range sens {
			ws := prof.sentence(sen)
			sc[i] = sentenceScore(ws, terms)
			if place && !onCard(sen, offices) {
				sc[i] += placeScore(sen)
			}
			if ws.hasShape(sh) {
				sc[i] += shapeScore
			}
			if figureNear(prof, sen, sh, terms) {
				sc[i] += shapeScore
			}
			if sc[i] > bestScore && utf8.RuneCountInString(sen) <= maxExcerpt {
				best, bestScore, bestSec = i, sc[i], si
			}
		}
		all, scores = append(all, sens), append(scores, sc)
	}
	if best < 0 {
		return ""
	}
	out := []string{all[bestSec][best]}
	second, secondScore := -1, minWhereSentence
	for i, sc := range scores[bestSec] {
		// The sentence right after the best goes on about the same place
		// ("Bus 440, Haltestelle …"): it needs less.
		if i != best && (sc > secondScore || i == best+1 && sc >= minNextSentence && secondScore == minWhereSentence) {
			second, secondScore = i, sc
		}
	}
	if second >= 0 && utf8.RuneCountInString(out[0])+utf8.RuneCountInString(all[bestSec][second]) < maxExcerpt {
		if second < best {
			out = append([]string{all[bestSec][second]}, out...)
		} else {
			out = append(out, all[bestSec][second])
		}
	}
	// Two clauses of one sentence side by side leave out nothing between.
	return strings.ReplaceAll(strings.Join(out, " "), "… …", "…")
}

// elsewhere is the sentence of another section that holds the question's
// rarer words, where the section shown holds none of them, or "".
func elsewhere(t *knowledge.Topic, lang string, question *reading, sec knowledge.Section, shown string) string {
	if len(foldWords(question.text)) > maxOtherSectionWords {
		// A story's words tell of the person ("nach Schlaganfall voll
		// erwerbsgemindert"), not of the fact it asks.
		return ""
	}
	prof := profileOf(t, lang)
	terms := questionTerms(question, prof)
	sh := askedShape(foldWords(question.text))
	if sh != shapeAmount && sh != shapeCount {
		// An age or a span ("how old may the reports be") is asked of
		// what the section says, not of a number elsewhere.
		sh = shapeNone
	}
	// A sentence answers when it holds the question's words and, where a
	// number is asked, a number of that kind. A question of the topic's own
	// words ("ab wie viel GdB bin ich schwerbehindert?") weighs little: the
	// sentence that holds all of them beside a number answers it.
	need := focusScore
	if len(terms) >= 2 {
		need = min(need, termsWeight(terms)-0.01)
	}
	answers := func(sen string) (float64, bool) {
		ws := prof.sentence(sen)
		sc := sentenceScore(ws, terms)
		if sh == shapeNone {
			return sc, sc >= focusScore
		}
		shaped := ws.hasShape(sh)
		if shaped {
			sc += shapeScore
		}
		if figureNear(prof, sen, sh, terms) {
			shaped, sc = true, sc+shapeScore
		}
		return sc, shaped && sc >= need+shapeScore
	}
	for _, sen := range splitSentences(strings.TrimSpace(sec.Text.In(lang))) {
		if _, ok := answers(sen); ok {
			return ""
		}
	}
	best := bestSentence(t, lang, question, nil, false, sh)
	if sh == shapeNone && best != "" && !ownWord(prof, prof.sentence(best), terms) {
		// Without a number asked, only a word that one other section
		// alone holds ("Physiotherapie": "zur Therapie") says that the
		// question asks that section's fact: "Geburt" in a question of
		// deadlines is everywhere.
		best = ""
	}
	if sh != shapeNone {
		// The overview may say the number ("rund 600
		// Beschäftigungsmaßnahmen").
		top := minWhereSentence
		if best != "" {
			sc, ok := answers(best)
			if !ok {
				// Where a number is asked, the sentence must say one.
				best, sc = "", minWhereSentence
			}
			top = sc
		}
		for _, sen := range splitSentences(strings.TrimSpace(t.Summary.In(lang))) {
			if sc, ok := answers(sen); ok && sc > top {
				best, top = sen, sc
			}
		}
	}
	if best == "" || strings.Contains(shown, best) {
		return ""
	}
	return best
}

// ownWord reports whether a sentence holds a word of the question (not
// one that only asks or names the topic) that just one section holds.
func ownWord(prof *profile, ws *wordSet, terms []term) bool {
	for _, tm := range terms {
		if tm.asks || tm.name || !ws.holds(tm) {
			continue
		}
		n := 0
		for _, sec := range prof.sections {
			if sec.holds(tm) {
				n++
			}
		}
		if n == 1 {
			return true
		}
	}
	return false
}

// maxOtherSectionWords is the longest question whose words may bring a
// sentence of another section.
const maxOtherSectionWords = 14

// firstSentence is a text's first sentence, with "…" when more follows.
func firstSentence(s string) string {
	sens := splitSentences(strings.TrimSpace(s))
	if len(sens) < 2 {
		return strings.TrimSpace(s)
	}
	return sens[0] + " …"
}

// figureNear reports whether, for a question that asks how much or how
// many, the sentence puts a number right beside a word of the question:
// "ab wie viel GdB" is "Ab GdB 50", "wie viele Plätze" "70 Plätze".
func figureNear(prof *profile, sen string, sh shape, terms []term) bool {
	if sh != shapeAmount && sh != shapeCount {
		return false
	}
	words := prof.sentence(sen).seq
	for i, w := range words {
		if (!isDigits(w) || len(w) > 3) && !numberWords[w] {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j < 0 || j >= len(words) || isDigits(words[j]) {
				continue
			}
			st := stem(words[j])
			if slices.ContainsFunc(terms, func(tm term) bool { return tm.code == "" && !isDigits(tm.word) && tm.stem == st }) {
				return true
			}
		}
	}
	return false
}

// clauses splits the sentences too long to show at their semicolons: a
// list of prices ("… Erwachsene 2,00 €; Zoo 2,00 €, Jahreskarte 13,00 €;
// frei: …") answers with the part that holds the price asked for.
func clauses(sens []string) []string {
	var out []string
	for _, sen := range sens {
		if utf8.RuneCountInString(sen) <= maxExcerpt {
			out = append(out, sen)
			continue
		}
		// "…" marks what was left out before and after a clause.
		// Arabic and Farsi write the semicolon as "؛".
		parts := strings.Split(strings.ReplaceAll(sen, "؛ ", "; "), "; ")
		for i, c := range parts {
			if i > 0 {
				c = "… " + c
			}
			if i < len(parts)-1 {
				c += " …"
			}
			out = append(out, c)
		}
	}
	return out
}

// onCard reports whether a sentence names the street of one of the offices,
// whose card says it anyway.
func onCard(sen string, offices []*knowledge.Office) bool {
	for _, o := range offices {
		if o.Address != nil && o.Address.Street != "" && strings.Contains(sen, o.Address.Street) {
			return true
		}
	}
	return false
}

// placeScore is what a sentence that tells where to go counts for a
// question where something is: an address with a postcode ("Entenpoth 34,
// 44263 Dortmund-Hörde", a place that has no office card) or a web address
// more than the question's words must, a street with a house number just as
// much, a bus stop or platform a little.
func placeScore(sen string) float64 {
	score := 0.0
	words := foldWords(sen)
	for i, w := range words {
		switch {
		case len(w) == 5 && isDigits(w), w == "www":
			score = max(score, minWhereSentence+transitScore)
		case i+1 < len(words) && (isStreet(w) || i > 0 && streetWords[w]) && isHouseNumber(words[i+1]):
			// A street without a postcode: shown only when the sentence
			// also holds a word of the question ("in Bochum").
			score = max(score, minWhereSentence)
		case transitWords[w]:
			score = max(score, transitScore)
		}
	}
	return score
}

const transitScore = 0.5

// isStreet reports whether a folded word names a street or square
// ("Gustav-Heinemann-Platz", "Entenpoth" aside).
func isStreet(w string) bool {
	for _, end := range []string{"strasse", "str", "platz", "weg", "allee", "ring", "damm"} {
		if strings.HasSuffix(w, end) && len(w) > len(end)+2 {
			return true
		}
	}
	return false
}

// isHouseNumber reports whether a folded word is a house number: "34",
// "16-20", "2a".
func isHouseNumber(w string) bool {
	return w != "" && w[0] >= '1' && w[0] <= '9' && len(w) <= 6
}

// streetWords end a street's name written in two words ("Rheinische
// Straße 22", "Am Zoo 2" aside).
var streetWords = set(strings.Fields(`strasse str platz weg allee ring damm`))

var transitWords = set(strings.Fields(`bus haltestelle gleis u-bahn stadtbahn stop platform platforms`))

// questionTerms are the question's words that may point to a sentence;
// without a topic (prof nil) every word weighs the same.
func questionTerms(question *reading, prof *profile) []term {
	if prof != nil {
		return prof.terms(question)
	}
	var out []term
	for _, tm := range (&profile{}).terms(question) {
		tm.weight = 1
		out = append(out, tm)
	}
	return out
}

// askingScore is the weight the words that ask lost in sentenceScore.
func askingScore(ws *wordSet, terms []term) float64 {
	score := 0.0
	for _, tm := range terms {
		if tm.asks && ws.holds(tm) {
			score += tm.weight/nameWeight - tm.weight
		}
	}
	return score
}

// sentenceScore weighs the question's terms a sentence holds: rare ones (in
// few of the topic's sections) more.
func sentenceScore(ws *wordSet, terms []term) float64 {
	score := 0.0
	for _, tm := range terms {
		if ws.holds(tm) {
			score += tm.weight + 0.1
		}
	}
	return score
}

func stem(w string) string {
	r := []rune(w)
	if len(r) > 5 {
		r = r[:5]
	}
	return string(r)
}

// splitSentences splits a text after ". ", "! ", "? " and "؟ " when the next
// word starts with a capital letter of any script, or with a letter of a
// script without capitals (Arabic, Farsi), so that "z. B. so" stays whole
// and a translated section is cut as the German one is.
func splitSentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 0; i+2 < len(rs); i++ {
		// A line break ends a sentence as a space does: the items of a
		// list ("– Männerübernachtungsstelle …\n– Frauen…") are sentences
		// of their own, not one sentence too long to show.
		if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?' || rs[i] == '؟') && (rs[i+1] == ' ' || rs[i+1] == '\n') && (isSentenceStart(rs[i+2]) || rs[i+1] == '\n' && isDash(rs[i+2]) || numberStart(rs, i)) && !abbrevBefore(rs, i) {
			out = append(out, strings.TrimSpace(string(rs[start:i+1])))
			start = i + 2
		}
	}
	out = append(out, strings.TrimSpace(string(rs[start:])))
	return out
}

func isDash(r rune) bool { return r == '–' || r == '-' || r == '•' }

func isSentenceStart(r rune) bool {
	// A capital of any script (Cyrillic too), or a letter of a script
	// without capitals (Arabic, Farsi).
	return unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) || r == '„' || r == '"' || r == '«'
}

// numberStart reports whether the sentence after the full stop at dot
// begins with a number after a word ("… (2026 itibarıyla). 1 Ocak 2026'dan
// …", "bis 24 Uhr. 2020 zog …"), not after a number ("der 101. Fahrt").
func numberStart(rs []rune, dot int) bool {
	return dot > 0 && dot+2 < len(rs) && unicode.IsDigit(rs[dot+2]) && !unicode.IsDigit(rs[dot-1])
}

// abbrevBefore reports a short abbreviation before a full stop ("Nr.", "z.B.").
func abbrevBefore(rs []rune, dot int) bool {
	j := dot
	for j > 0 && rs[j-1] != ' ' {
		j--
	}
	w := string(rs[j:dot])
	if strings.ContainsAny(w[len(w)-min(len(w), 3):], ")“”\"»") {
		return false // "(Stufe 6). Seit …", "(LWL). Die …": a bracket or quote closes the sentence
	}
	return utf8.RuneCountInString(w) <= 2 || strings.Contains(w, ".") || abbreviations[strings.ToLower(w)] ||
		len(w) <= 3 && isDigits(w) && ordinalBefore(rs[:max(j-1, 0)])
}

// abbreviations of more than two letters that a capital may follow ("bzw.
// Kinder", "ggf. Ihre").
var abbreviations = set(strings.Fields(`bzw ggf evtl inkl vgl zzgl abs str tel gem sog prof usf resp approx incl`))

// ordinalBefore reports whether the text before a number ends with a word
// that makes it an ordinal: "ab der 101. Fahrt", not "Hellweg 170. Die …".
func ordinalBefore(rs []rune) bool {
	fields := strings.Fields(string(rs))
	return len(fields) > 0 && ordinalWords[fields[len(fields)-1]]
}

var ordinalWords = set(strings.Fields(`der die das dem den des zur zum am im vom ab bis seit the from`))

// topicButtons offer the other parts of the topic, other topics and 👍/👎.
func topicButtons(m *Message, kb *knowledge.Base, t *knowledge.Topic, shown Aspect, lang string) {
	var bs []Button
	if shown != AspectNone {
		bs = append(bs, Button{Text: T(lang, BtnOverview), Do: DoTopic, ID: t.ID})
	}
	for _, s := range t.Sections() {
		a := Aspect(s.Key)
		if a != shown && !s.Text.IsZero() {
			bs = append(bs, Button{Text: T(lang, aspectButtons[a]), Do: DoAspect, ID: t.ID, Arg: string(a)})
		}
	}
	if shown != AspectWhere && len(kb.OfficesOf(t)) > 0 {
		bs = append(bs, Button{Text: T(lang, BtnWhere), Do: DoWhere, ID: t.ID})
	}
	m.grid(3, bs)
	m.row(Button{Text: T(lang, BtnOtherTopics), Do: DoMenu})
	feedback(m, t.ID, lang)
}

var aspectButtons = map[Aspect]MsgKey{
	AspectWho: BtnWho, AspectWhat: BtnWhat, AspectHow: BtnHow, AspectBring: BtnBring,
	AspectCosts: BtnCosts, AspectDeadlines: BtnDeadlines, AspectLegal: BtnLegal,
}

func officeButtons(m *Message, o *knowledge.Office, lang string) {
	m.row(mapButton(o, lang, false))
	m.row(Button{Text: T(lang, BtnOtherTopics), Do: DoMenu})
	feedback(m, o.ID, lang)
}

func feedback(m *Message, id, lang string) {
	m.row(Button{Text: T(lang, BtnHelpful), Do: DoFeedback, ID: id, Arg: "u"}, Button{Text: T(lang, BtnNotHelpful), Do: DoFeedback, ID: id, Arg: "d"})
}

// PopularTopics are offered on /start and when the bot asks what a message
// is about, in this order, where they exist.
var PopularTopics = []string{
	"grundsicherung", "hilfe-zur-pflege", "seniorenbueros", "behindertenfahrdienst",
	"wohnungslosenhilfe", "lokal-willkommen", "dortmund-pass", "sozialamt-kontakt",
}

// StartButtons offer the most asked-for topics and all topics.
func StartButtons(m *Message, kb *knowledge.Base, lang string) {
	var bs []Button
	for _, id := range PopularTopics {
		if t := kb.Topic(id); t != nil {
			bs = append(bs, Button{Text: t.Title.In(lang), Do: DoTopic, ID: t.ID})
		}
	}
	m.grid(2, bs)
	m.row(Button{Text: T(lang, BtnAllTopics), Do: DoMenu})
}

func suggestions(m *Message, kb *knowledge.Base, hits []index.Hit, lang string) {
	for _, h := range hits {
		m.row(hitButton(kb, h, lang))
	}
	m.row(Button{Text: T(lang, BtnAllTopics), Do: DoMenu})
}

func hitButton(kb *knowledge.Base, h index.Hit, lang string) Button {
	if h.Kind == index.KindOffice {
		return Button{Text: hitTitle(kb, h, lang), Do: DoOffice, ID: h.ID}
	}
	return Button{Text: hitTitle(kb, h, lang), Do: DoTopic, ID: h.ID}
}

func hitTitle(kb *knowledge.Base, h index.Hit, lang string) string {
	if t := kb.Topic(h.ID); h.Kind == index.KindTopic && t != nil {
		return t.Title.In(lang)
	}
	if o := kb.Office(h.ID); o != nil {
		return o.Name.In(lang)
	}
	return h.Title
}

// DistrictOffices adds the offices of a Stadtbezirk: for every topic with
// one office per district (Seniorenbüros, lokal willkommen) the office that
// serves it. intro (table HTML) comes first.
func DistrictOffices(m *Message, kb *knowledge.Base, d *knowledge.District, lang, intro string, now time.Time) {
	m.add(markupPara(intro))
	var found []*knowledge.Office
	seen := map[string]bool{}
	for i := range kb.Topics {
		t := &kb.Topics[i]
		if !t.LocalOffices {
			continue
		}
		for _, o := range kb.OfficesOf(t) {
			if contains(o.Districts, d.ID) && !seen[o.ID] {
				found = append(found, o)
				seen[o.ID] = true
				break
			}
		}
	}
	if len(found) == 0 {
		m.add(markupPara(T(lang, MsgNoDistrictOffice, Esc(d.Name))))
		m.row(Button{Text: T(lang, BtnAllTopics), Do: DoMenu})
		return
	}
	m.add(markupPara(T(lang, MsgDistrictOffices, Esc(d.Name))))
	for _, o := range found {
		m.add(OfficeCard(o, lang, false, now)...)
		m.Pins = append(m.Pins, pins(o, lang)...)
	}
	m.row(Button{Text: T(lang, BtnOtherTopics), Do: DoMenu})
}

// OfficeCard is an office's card: name, how to reach it and, as of now, how
// old that is; full adds fax, web, languages, operator, what is not known,
// source and the date of the text.
func OfficeCard(o *knowledge.Office, lang string, full bool, now time.Time) []Para {
	p := append(Para{line(bold(o.Name.In(lang)))}, ContactLines(o, lang, full)...)
	if l := freshness(o.Freshness(now), lang); l != nil {
		p = append(p, l)
	}
	ps := []Para{p}
	if full {
		if u := strings.TrimSpace(o.Unknown.In(lang)); u != "" {
			ps = append(ps, para(line(bold(T(lang, LblUnknown))), line(text(u))))
		}
		ps = append(ps, footer(o.Sources, o.Reviewed, lang))
	}
	return ps
}

func pins(o *knowledge.Office, lang string) []Pin {
	if o.Geo == nil {
		return nil
	}
	p := Pin{Title: o.Name.In(lang), Address: "Dortmund", Lat: o.Geo.Lat, Lon: o.Geo.Lon}
	if o.Address != nil {
		p.Address = o.Address.String()
	}
	return []Pin{p}
}

// ContactLines are the ways to reach an office, one per line: address,
// hours, phone, e-mail; full adds fax, web, languages and operator.
func ContactLines(o *knowledge.Office, lang string, full bool) []Line {
	label := func(key MsgKey) Span { return markup(T(lang, key) + ": ") }
	var lines []Line
	if o.Address != nil {
		addr := o.Address.String()
		if note := strings.TrimSpace(o.Address.Note.In(lang)); note != "" && full {
			addr += " (" + note + ")"
		}
		lines = append(lines, line(label(LblAddress), text(addr)))
	} else {
		lines = append(lines, line(label(LblAddress), markup(T(lang, LblAddressUnknown))))
	}
	switch {
	case len(o.Hours) > 0:
		lines = append(lines, line(label(LblHours), text(HoursText(o.Hours, lang))))
		if note := strings.TrimSpace(o.HoursNote.In(lang)); note != "" && (full || utf8.RuneCountInString(note) <= 60) {
			lines = append(lines, line(text(note)))
		}
	case !o.HoursNote.IsZero() && full:
		lines = append(lines, line(label(LblHours), text(strings.TrimSpace(o.HoursNote.In(lang)))))
	case full:
		lines = append(lines, line(label(LblHours), markup(T(lang, LblHoursUnknown))))
	}
	if len(o.Phone) > 0 {
		lines = append(lines, line(label(LblPhone), text(strings.Join(o.Phone, ", "))))
	}
	if full && len(o.Fax) > 0 {
		lines = append(lines, line(label(LblFax), text(strings.Join(o.Fax, ", "))))
	}
	if len(o.Email) > 0 && (full || len(o.Phone) == 0) {
		lines = append(lines, line(label(LblEmail), text(strings.Join(o.Email, ", "))))
	}
	if o.Web != "" && (full || len(o.Phone) == 0 && len(o.Email) == 0) {
		lines = append(lines, line(label(LblWeb), link(o.Web, shortURL(o.Web))))
	}
	if full && len(o.Languages) > 0 {
		lines = append(lines, line(label(LblLanguages), text(strings.Join(o.Languages, ", "))))
	}
	if full && o.Operator != "" {
		lines = append(lines, line(label(LblOperator), text(o.Operator)))
	}
	return lines
}

// shortURL is how a web address reads in a message: host and path, no scheme.
func shortURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	s := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// footer is the source (the first one with a web address) and the review
// date of a topic or office.
// freshness is the line that says when the office confirmed the details, or
// how old their source is; nil when there is nothing to warn of or confirm.
func freshness(f knowledge.Freshness, lang string) Line {
	var s string
	switch {
	case !f.Checked.IsZero() && f.CallFirst:
		s = T(lang, LblCheckedCallFirst, reviewedDate(f.Checked, lang))
	case !f.Checked.IsZero():
		s = T(lang, LblChecked, reviewedDate(f.Checked, lang))
	case f.CallFirst:
		s = T(lang, LblOldSource, f.SourceYear)
	default:
		return nil
	}
	return line(italic(s))
}

// footer names the first source and the date the text was written (the
// editorial date, which is not a check with the office).
func footer(sources []knowledge.Citation, reviewed knowledge.Date, lang string) Para {
	var parts []string
	for _, c := range sources {
		s := c.URL
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			continue
		}
		parts = append(parts, T(lang, LblSource)+`: <a href="`+Esc(s)+`">`+Esc(strings.TrimPrefix(u.Host, "www."))+"</a>")
		break
	}
	if d := reviewedDate(reviewed, lang); d != "" {
		parts = append(parts, T(lang, LblReviewed)+": "+Esc(d))
	}
	if len(parts) == 0 {
		return nil
	}
	return markupPara("<i>" + strings.Join(parts, " · ") + "</i>")
}

// HoursText renders opening hours: "Mo, Do 08:00–10:00; Di 14:00–16:00".
func HoursText(hours []knowledge.Hours, lang string) string {
	var lines []string
	for _, h := range hours {
		lines = append(lines, strings.TrimSpace(daysText(h.Days, lang)+" "+timeSpan(h.Time)))
	}
	return strings.Join(lines, "; ")
}

// daysText writes three or more consecutive weekdays as a range: Mo–Fr.
func daysText(days []string, lang string) string {
	idx := make([]int, 0, len(days))
	for _, d := range days {
		i := weekday(d)
		if i < 0 {
			return strings.Join(days, ", ")
		}
		idx = append(idx, i)
	}
	name := func(i int) string { return weekdayName(i, lang) }
	var out []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		if j-i >= 2 {
			out = append(out, name(idx[i])+"–"+name(idx[j]))
		} else {
			for k := i; k <= j; k++ {
				out = append(out, name(idx[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

func weekday(d string) int {
	for i, w := range knowledge.Weekdays {
		if w == d {
			return i
		}
	}
	return -1
}

// timeSpan writes "08:00-10:00" as "08:00–10:00".
func timeSpan(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"–", "-"} {
		if from, to, ok := strings.Cut(s, sep); ok {
			return strings.TrimSpace(from) + "–" + strings.TrimSpace(to)
		}
	}
	return s
}

func districtName(kb *knowledge.Base, id string) string {
	if d := kb.District(id); d != nil {
		return d.Name
	}
	return id
}
