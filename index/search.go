package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// MaxQuestionRunes is how much of a question is searched; the rest of a very
// long message adds nothing but cost.
const MaxQuestionRunes = 500

// candidates is how many of bleve's best hits are weighed again.
const candidates = 10

// compoundMatch is what a match on a part of a compound counts for.
const compoundMatch = 0.5

// elsewhereWeight is what a word for another office's service weighs, in
// weights of a word no document knows. Translated questions weigh more: the
// search words of our topics are whole sentences in those languages, whose
// everyday verbs ("купить", "wyrobić", "almak") match nearly any question,
// so two of them would outweigh the one word that says what is asked.
func elsewhereWeight(lang int) float64 {
	if lang > langEN {
		return 3
	}
	return 2
}

// unknownWordWeight is what a word of a translated language that no
// document of that language holds weighs, in weights of such a word. Our
// texts there are translations: the verbs, pronouns, particles and dialect
// words people chat with ("yapamiyor", "щось", "اگه", "ميدن") are missing
// from them, and would drag an in-scope question below minCoverage. Short
// words are mostly such everyday words; long ones carry what is asked
// ("köpeğim", "shoferska"), so they keep their full weight, as do Arabic
// words of four or five letters: Arabic content words are that short, and
// weighing them less answered out-of-scope Arabic questions. Calibrated on
// the tuning sets (0.2/0.4 and 0.4/0.7 did worse).
func unknownWordWeight(lang int, term string) float64 {
	switch n := utf8.RuneCountInString(term); {
	case n <= 3:
		return 0.3
	case n <= 5 && Languages[lang] != "ar":
		return 0.6
	}
	return 1
}

// officeShare is the share of the best candidate's match that an office of
// the Stadtbezirk a question names needs to go first (Search).
const officeShare = 0.45

// Thresholds of the confidence measure; see match.decide.
const minCoverage = 0.37

// Search answers one question. It never fails on odd input: empty, huge,
// binary or emoji-only text comes back declined with a Reason. The error is
// only for a failing index or a cancelled context.
func (ix *Index) Search(ctx context.Context, question string) (Result, error) {
	text := Clean(question)
	res := Result{Question: question, Lang: "de", Hits: []Hit{}}
	if !hasWord(text) {
		res.Reason = ReasonEmpty
		return res, nil
	}
	lang, confident := detectLanguage(ctx, text)
	q := ix.analyzeIn(text, lang, confident)
	res.Lang = q.lang
	res.Districts, res.PlaceWords = q.districts, q.placeWords
	res.Elsewhere = ix.elsewhereWords(text, q)
	res.Synonyms = q.synonyms
	if q.greeting {
		res.Reason = ReasonGreeting
		return res, nil
	}
	if !q.hasContent() {
		res.OnlyPlace = len(q.districts) > 0
		if !res.OnlyPlace {
			res.Reason = ReasonOutOfScope
			return res, nil
		}
	}

	sr := &bleve.SearchResult{}
	if qry := ix.query(q); len(qry.Disjuncts) > 0 {
		var err error
		req := bleve.NewSearchRequestOptions(qry, candidates, 0, false)
		req.PreSearchData = map[string]any{bsearch.SynonymPreSearchDataKey: ix.synonymsOf(qry)}
		if sr, err = ix.bleve.SearchInContext(ctx, req); err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
	} else if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	type scored struct {
		info  *docInfo
		bleve float64
		match match
	}
	var cands []scored
	ix.lookUpWords(&q)
	for _, h := range sr.Hits {
		if info := ix.docs[h.ID]; info != nil {
			cands = append(cands, scored{info, h.Score, ix.coverage(q, info)})
		}
	}
	if len(cands) == 0 {
		res.Reason = ReasonOutOfScope
		return res, nil
	}
	// bleve ranks by weighted term frequency; a candidate that explains more
	// of the question moves up, so that one rare word in a long body does not
	// beat a topic that matches the whole question.
	top := cands[0].bleve
	rank := func(c scored) float64 { return c.bleve/top + 3*c.match.coverage }
	sort.SliceStable(cands, func(i, j int) bool { return rank(cands[i]) > rank(cands[j]) })
	for _, c := range cands {
		res.Hits = append(res.Hits, Hit{ID: c.info.id, Kind: c.info.kind, Title: c.info.title.In(res.Lang), Score: round(rank(c))})
	}
	// Offices whose match explains more of the question than their topic's.
	ownWords := map[string]bool{}
	for _, c := range cands {
		if t := c.info.localTopic; t != nil && c.match.coverage > ix.coverage(q, ix.docs[t.ID]).coverage {
			ownWords[c.info.id] = true
		}
	}
	// An office of the one Stadtbezirk the question names goes first, where
	// its topic has no office per Stadtbezirk, when its name and keywords
	// explain the question about half as well as the best candidate's:
	// "Sozialbüro Wickede" is the Sozialbüro Brackel, not the Sozialamt's
	// contact topic that names all Sozialbüros; the translated offices lack
	// the words for opening hours that the topic has ("godziny otwarcia").
	// Not when the search is unsure, nor when the best is itself a topic
	// with an office per Stadtbezirk ("Seniorenbüro Brackel, das Amtshaus
	// ist doch zu" names the Amtshaus of the Sozialbüro's text, too).
	local := cands[0].info.localTopic != nil || cands[0].info.topic != nil && cands[0].info.topic.LocalOffices
	if best := cands[0].match; len(q.districts) == 1 && !local && best.coverage >= minCoverage && best.strong > 0 {
		for i, c := range cands {
			if o := c.info.office; o != nil && c.info.localTopic == nil && slices.Contains(o.Districts, q.districts[0]) &&
				c.match.coverage >= officeShare*best.coverage && c.match.strong >= officeShare*best.strong {
				h := res.Hits[i]
				h.Score = res.Hits[0].Score
				res.Hits = append([]Hit{h}, slices.Delete(res.Hits, i, i+1)...)
				ownWords[h.ID] = true
				break
			}
		}
	}
	res.Hits = ix.placeOffices(res.Hits, q.districts, ownWords, res.Lang)
	if len(res.Hits) > MaxHits {
		res.Hits = res.Hits[:MaxHits]
	}
	best := cands[0].match
	// An office that ranks first answers through its topic, so the topic's
	// match is evidence, too: "pomoc dla seniorow Eving" finds the
	// Seniorenbüro Eving by its place, whose name explains nothing else,
	// and the Seniorenbüros' topic by the rest. An office of several
	// topics counts by the one that explains least: a Sozialbüro serves
	// many topics, and which one is asked its name can't say.
	if d := cands[0].info; d.kind == KindOffice {
		topics := ix.officeTopics[d.id]
		if d.localTopic != nil {
			topics = []*knowledge.Topic{d.localTopic}
		}
		var least *match
		for _, t := range topics {
			if td := ix.docs[t.ID]; td != nil {
				if m := ix.coverage(q, td); least == nil || m.coverage < least.coverage {
					least = &m
				}
			}
		}
		if least != nil && least.coverage > best.coverage {
			best = *least
		}
	}
	res.Answered, res.Reason = best.decide()
	res.MatchLang = ix.vocabLang(q)
	if res.MatchLang == "" && best.coverage > 0 && best.langSure {
		res.MatchLang = Languages[best.lang]
	}
	return res, nil
}

// elsewhereWords returns the words of the question, as written, that name
// another office's service in any language it is read in.
func (ix *Index) elsewhereWords(text string, q question) []string {
	at := map[int]bool{}
	for _, l := range q.langs {
		for i := range q.elsewhere[l] {
			at[q.content[l][i].pos] = true
		}
	}
	if len(at) == 0 {
		return nil
	}
	var out []string
	for _, t := range ix.fold.Analyze([]byte(text)) {
		if at[t.Position] {
			delete(at, t.Position)
			out = append(out, text[t.Start:t.End])
		}
	}
	return out
}

// vocabLang is the language whose vocabulary alone knows more of the
// question's words ("phone number senior office" is English even though
// the German texts know "Senior"), or "" when neither does.
func (ix *Index) vocabLang(q question) string {
	en := map[int]string{}
	for _, p := range q.content[langEN] {
		en[p.pos] = p.terms[0]
	}
	var onlyDE, onlyEN int
	for _, p := range q.content[langDE] {
		e, ok := en[p.pos]
		if !ok {
			continue
		}
		de, eng := ix.known(langDE, p.terms[0]), ix.known(langEN, e)
		switch {
		case de && !eng:
			onlyDE++
		case eng && !de:
			onlyEN++
		}
	}
	switch {
	case onlyEN > onlyDE:
		return Languages[langEN]
	case onlyDE > onlyEN:
		return Languages[langDE]
	}
	return ""
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// placeOffices decides where offices stand in the hits. An office answers
// through its topic, whose card shows the office: a hit on an office puts the
// best topic that lists it first. Offices of topics with one office per
// Stadtbezirk (Seniorenbüros, lokal willkommen) are the exception when the
// question names a place: the office of that Stadtbezirk comes first, or, if
// the place is ambiguous (a postcode shared by districts), the topic followed
// by the candidate offices. An office that the question names by words its
// topic lacks (its street, its operator) stays first, too.
func (ix *Index) placeOffices(hits []Hit, districts []string, ownWords map[string]bool, lang string) []Hit {
	var out []Hit
	seen := map[string]bool{}
	add := func(h Hit) {
		if !seen[h.ID] {
			seen[h.ID] = true
			out = append(out, h)
		}
	}
	topicHit := func(t *knowledge.Topic, score float64) Hit {
		return Hit{ID: t.ID, Kind: KindTopic, Title: t.Title.In(lang), Score: score}
	}
	for i, h := range hits {
		d := ix.docs[h.ID]
		topic := d.topic
		if d.kind == KindOffice {
			topic = d.localTopic
			if topic == nil {
				topic = ix.homeTopic(h.ID, hits)
			}
		}
		if topic == nil {
			add(h)
			continue
		}
		if !topic.LocalOffices {
			if i == 0 && ownWords[h.ID] {
				add(h) // the office of the place named, before its topic
			}
			add(topicHit(topic, h.Score))
			add(h)
			continue
		}
		local := ix.localOffices(topic, districts)
		if i == 0 && len(districts) == 0 && d.kind == KindOffice && ownWords[h.ID] {
			local = []*knowledge.Office{d.office} // named by its street or operator
		}
		if i == 0 && len(local) == 1 {
			add(Hit{ID: local[0].ID, Kind: KindOffice, Title: local[0].Name.In(lang), Score: h.Score})
		}
		add(topicHit(topic, h.Score))
		for _, o := range local {
			add(Hit{ID: o.ID, Kind: KindOffice, Title: o.Name.In(lang), Score: h.Score})
		}
	}
	return out
}

// homeTopic returns the topic an office answers through: of the topics that
// list it, the best ranked among hits, else the first in the knowledge base.
func (ix *Index) homeTopic(office string, hits []Hit) *knowledge.Topic {
	for _, h := range hits {
		if t := ix.docs[h.ID].topic; t != nil && slices.Contains(t.Offices, office) {
			return t
		}
	}
	return ix.officeTopic[office]
}

// localOffices returns the offices of a local-offices topic that serve the
// districts, in the topic's order.
func (ix *Index) localOffices(topic *knowledge.Topic, districts []string) []*knowledge.Office {
	serving := map[*knowledge.Office]bool{}
	for _, d := range districts {
		if o := ix.kb.DistrictOfficeFor(topic, d); o != nil {
			serving[o] = true
		}
	}
	var out []*knowledge.Office
	for _, o := range ix.kb.OfficesOf(topic) {
		if serving[o] {
			out = append(out, o)
		}
	}
	return out
}

// query searches every field in both languages, the words as written and,
// at a lower weight, the known terms near a misspelt word. The citizen's
// text only ever goes into match queries, never into a query-string query
// with its operators. Misspellings are corrected against the index's own
// vocabulary rather than with bleve's fuzzy queries, which build an
// automaton per word and field and cost milliseconds.
//
// Terms that no document's fields and no synonym know are left out: they
// match nothing, and what they add to bleve's query norm and coordination
// factor is the same for every document, which ranking by the share of the
// best score cancels.
func (ix *Index) query(q question) *query.DisjunctionQuery {
	var qs []query.Query
	boosts := [2]float64{3, 2}
	for _, lang := range q.langs {
		fields := [2]string{fieldTitle(lang), fieldPhrase(lang)}
		for i, f := range fields {
			for _, term := range q.terms[lang] {
				if !ix.searchable(lang, term) {
					continue
				}
				t := bleve.NewTermQuery(term)
				t.SetField(f)
				t.SetBoost(boosts[i])
				qs = append(qs, t)
			}
		}
		for _, nears := range q.near[lang] {
			for _, near := range nears {
				for i, f := range fields {
					t := bleve.NewTermQuery(near)
					t.SetField(f)
					t.SetBoost(boosts[i] * 0.4)
					qs = append(qs, t)
				}
			}
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// synonymsOf is the synonym map bleve would extract from its thesaurus for
// qry (a disjunction of term queries), from the copy read at build.
func (ix *Index) synonymsOf(qry *query.DisjunctionQuery) bsearch.FieldTermSynonymMap {
	var fts bsearch.FieldTermSynonymMap
	for _, q := range qry.Disjuncts {
		t := q.(*query.TermQuery)
		syns, ok := ix.thesaurus[t.FieldVal][t.Term]
		if !ok {
			continue
		}
		if fts == nil {
			fts = bsearch.FieldTermSynonymMap{}
		}
		if fts[t.FieldVal] == nil {
			fts[t.FieldVal] = map[string][]string{}
		}
		fts[t.FieldVal][t.Term] = syns
	}
	return fts
}

// question is a question after analysis.
type question struct {
	lang      string
	greeting  bool
	districts []string
	// placeWords is how many words name a place.
	placeWords int
	synonyms   []string
	// langs are the languages the question is read in: German, English, and
	// the translated language it is written in (all active ones of its
	// script when that is unsure).
	langs []int
	// content holds, per language, the words that carry meaning: no stop
	// words, fillers, numbers or place names.
	content [nLangs][]position
	// extra holds the synonyms' expansions, per language and index into content.
	extra [nLangs]map[int][]string
	// elsewhere marks, per language, the words of content that name another
	// office's service.
	elsewhere [nLangs]map[int]bool
	// near holds, per language and index into content, the known terms
	// close to a word no document holds (a misspelling).
	near [nLangs]map[int][]string
	// terms are all analysed terms of the question, per language, once each.
	terms [nLangs][]string
	// german is, per word position, the index of the word in content[langDE]:
	// a German official term inside a foreign sentence is matched in German.
	german map[int]int
	// lookups are content's words looked up in the term tables, filled by
	// lookUpWords before the candidates are measured.
	lookups [nLangs][]wordLookup
}

func (q *question) hasContent() bool {
	for _, l := range q.langs {
		if len(q.content[l]) > 0 {
			return true
		}
	}
	return false
}

func (ix *Index) analyzeQuestion(text string) question {
	lang, confident := DetectLanguage(text)
	return ix.analyzeIn(text, lang, confident)
}

// analyzeIn is analyzeQuestion for a text whose language was detected.
func (ix *Index) analyzeIn(text, lang string, confident bool) question {
	var q question
	words := analyzePositions(ix.fold, text)
	var folded []string
	for _, p := range words {
		folded = append(folded, p.terms...)
	}
	q.lang = lang
	q.langs = ix.readIn(q.lang, confident)
	q.greeting = ix.isGreeting(folded)
	known := func(t string) bool { return ix.known(langDE, t) || ix.known(langEN, t) }
	var placeWords map[int]bool
	q.districts, placeWords = ix.places.find(text, words, known, !confident || sameScript(lang, "ru"))
	q.placeWords = len(placeWords)
	var analysed [nLangs][]position
	latinOnly := !strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
	for _, l := range q.langs {
		in := text
		if latinOnly && (Languages[l] == "uk" || Languages[l] == "ru" || Languages[l] == "bg") {
			in = latinToCyrillic(text, Languages[l])
		}
		analysed[l] = analyzePositions(ix.analyzers[l], in)
	}
	if len(q.langs) > 2 && strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		// German terms written in Cyrillic letters are read in German.
		analysed[langDE] = analyzePositions(ix.analyzers[langDE], germanSpelling(text))
	}
	germanFiller := map[int]bool{}
	for _, p := range analysed[langDE] {
		if ix.fillers[langDE][p.terms[0]] {
			germanFiller[p.pos] = true
		}
	}
	seen := map[string]bool{}
	for _, lang := range q.langs {
		a := analysed[lang]
		seenTerm := map[string]bool{}
		for _, p := range a {
			for _, t := range p.terms {
				if !seenTerm[t] {
					seenTerm[t] = true
					q.terms[lang] = append(q.terms[lang], t)
				}
			}
			// Numbers and single letters ("E" of "E-Mail") say nothing.
			if placeWords[p.pos] || ix.fillers[lang][p.terms[0]] || isNumber(p.terms[0]) || utf8.RuneCountInString(p.terms[0]) < 2 {
				continue
			}
			if lang > langEN && germanFiller[p.pos] {
				continue // "bitte", "Telefonnummer" inside a foreign sentence
			}
			q.content[lang] = append(q.content[lang], p)
		}
		q.near[lang] = map[int][]string{}
		for i, w := range q.content[lang] {
			// A clitic split off leaves a word as sure as one written apart:
			// it is searched at full weight, not as a spelling.
			if rest := ix.arabicRest(lang, w.terms[0]); rest != "" && !ix.known(lang, w.terms[0]) {
				q.terms[lang] = append(q.terms[lang], rest)
			}
			if !ix.known(lang, w.terms[0]) {
				q.near[lang][i] = ix.vocab[lang].near(w.terms[0])
				if lang > langEN {
					q.near[lang][i] = append(q.near[lang][i], ix.inflections(lang, w.terms[0])...)
				}
			}
		}
		q.elsewhere[lang] = map[int]bool{}
		for i := range q.content[lang] {
			for _, phrase := range ix.elsewhereAt(lang, q.content[lang], i) {
				if ix.endsNear(lang, q.content[lang], i, len(phrase)) {
					continue
				}
				for k := range phrase {
					q.elsewhere[lang][i+k] = true
				}
			}
		}
		if lang > langEN {
			continue // the staff's synonyms are German and English
		}
		var used []string
		q.extra[lang], used = ix.syn.expand(lang, q.content[lang])
		for _, u := range used {
			if !seen[u] {
				seen[u] = true
				q.synonyms = append(q.synonyms, u)
			}
		}
	}
	if len(q.districts) > 0 && q.greeting {
		q.greeting = false
	}
	q.german = map[int]int{}
	for i, p := range q.content[langDE] {
		q.german[p.pos] = i
	}
	return q
}

// elsewhereAt returns the phrases for other offices' services that begin
// at word i. In the translated languages a listed word also matches a longer
// form of it ("pasaport", "pasaportunu"): their light stemmers leave many
// endings, and the lists cannot hold every form.
func (ix *Index) elsewhereAt(lang int, words []position, i int) [][]string {
	var out [][]string
	try := func(phrase []string) {
		if i+len(phrase) > len(words) {
			return
		}
		for k, t := range phrase {
			if !formOf(lang, t, words[i+k].terms[0]) {
				return
			}
		}
		out = append(out, phrase)
	}
	if lang <= langEN {
		for _, p := range ix.elsewhere[lang][words[i].terms[0]] {
			try(p)
		}
		return out
	}
	for _, ps := range ix.elsewhere[lang] {
		for _, p := range ps {
			try(p)
		}
	}
	return out
}

// formOf reports whether a question's term is a listed term or, in a
// translated language, the listed term (five letters or more) with at most
// three more letters, as sameStem reads unknown words.
func formOf(lang int, listed, asked string) bool {
	if listed == asked {
		return true
	}
	if lang <= langEN || !strings.HasPrefix(asked, listed) {
		return false
	}
	n := utf8.RuneCountInString(listed)
	return n >= 5 && utf8.RuneCountInString(asked)-n <= 3
}

// readIn returns the languages a question is read in: German and English
// always (official terms and names are German), and the detected language
// if the index has text in it. When the detection is unsure between
// languages of one script other than Latin, each of them is tried; a Latin
// question without evidence for Turkish, Polish or Romanian is read as
// German and English only, as before translations existed.
func (ix *Index) readIn(lang string, confident bool) []int {
	out := []int{langDE, langEN}
	l := langIndex(lang)
	for _, a := range ix.active[2:] {
		if a == l || !confident && l > langEN && sameScript(Languages[a], lang) && !sameScript(lang, "de") {
			out = append(out, a)
		}
	}
	return out
}

// sameScript reports whether two of Languages are written in the same script.
func sameScript(a, b string) bool {
	script := func(l string) int {
		switch l {
		case "ru", "uk", "bg":
			return 1
		case "ar", "fa":
			return 2
		}
		return 0
	}
	return script(a) == script(b)
}

// match measures how well a document explains a question.
type match struct {
	// coverage is the share of the question's weight (rare words weigh
	// more, unknown words most) that the document contains, directly,
	// misspelt or through a synonym, counted less when only in its body.
	coverage float64
	// strong is the weight of the words found in the document's title,
	// phrasings or keywords.
	strong float64
	// lang is the language (langDE, langEN) whose analysis matched best;
	// langSure is false when the other matched as well.
	lang     int
	langSure bool
}

// decide turns a match into an answer or a decline. The thresholds were
// calibrated on the tuning questions (testdata/questions-tune.yaml): an
// answer needs a good part of the question's weight explained, with at least
// one word in the document's title, phrasings or keywords.
func (m match) decide() (bool, Reason) {
	switch {
	case m.coverage >= minCoverage && m.strong > 0:
		return true, ""
	case m.coverage >= minCoverage/2:
		return false, ReasonUnsure
	}
	return false, ReasonOutOfScope
}

// coverage measures, per language, how well a document explains the
// question, and keeps the better language.
func (ix *Index) coverage(q question, d *docInfo) match {
	var best match
	var second float64
	defer func() { best.langSure = best.coverage > second }()
	for _, lang := range q.langs {
		words := q.content[lang]
		var total, matched, strong float64
		for i, w := range words {
			weight, share := matchWord(lang, &q.lookups[lang][i], d)
			elsewhere := q.elsewhere[lang][i]
			if g, ok := q.german[w.pos]; ok && lang > langEN {
				// A German word in a foreign sentence: an official term
				// ("Grundsicherung") or another office's service.
				gw, gs := matchWord(langDE, &q.lookups[langDE][g], d)
				if gs > share {
					weight, share = gw, gs
				}
				if gs == 1 && q.lookups[langDE][g].known {
					// The official term names the topic: the citizen chose
					// it over a word of their own language.
					weight *= germanTermWeight
				}
				elsewhere = elsewhere || q.elsewhere[langDE][g]
			}
			if elsewhere {
				// Another office's service: no evidence for any of ours,
				// however often our texts mention it.
				weight, share = elsewhereWeight(lang)*ix.unknownIDF(), 0
			} else if share == 0 && lang > langEN && !q.lookups[lang][i].known {
				// An everyday word our translations lack.
				weight *= unknownWordWeight(lang, w.terms[0])
			}
			total += weight
			matched += weight * share
			if share == 1 {
				strong += weight
			}
		}
		c := 0.0
		if total > 0 {
			c = matched / total
		}
		if c > best.coverage {
			second = best.coverage
			best = match{coverage: c, strong: strong, lang: lang}
		} else if c > second {
			second = c
		}
	}
	return best
}

// wordLookup is what matchWord needs of a question's word, looked up in the
// term table once per question rather than once per candidate document.
type wordLookup struct {
	first    termRef
	known    bool // a document holds the word's first term
	synonyms []termRef
	parts    []termRef // compound parts (idf unused)
	partLen  []int     // their lengths in runes
	whole    int       // the length of the first term in runes
	near     []termRef
}

// termRef is a term's number in a language's term table, and its idf.
type termRef struct {
	id  int32
	idf float64
}

func (ix *Index) lookUp(lang int, w position, synonyms, near []string) wordLookup {
	ref := func(term string) termRef { return termRef{ix.terms[lang].id(term), ix.idf(lang, term)} }
	l := wordLookup{first: ref(w.terms[0]), known: ix.known(lang, w.terms[0])}
	for _, t := range synonyms {
		l.synonyms = append(l.synonyms, ref(t))
	}
	if len(w.terms) > 1 {
		for _, part := range w.terms[1:] {
			l.parts = append(l.parts, termRef{id: ix.terms[lang].id(part)})
			l.partLen = append(l.partLen, utf8.RuneCountInString(part))
		}
		l.whole = utf8.RuneCountInString(w.terms[0])
	}
	for _, n := range near {
		l.near = append(l.near, ref(n))
	}
	return l
}

// lookUpWords fills q.lookups for every content word of q's languages.
func (ix *Index) lookUpWords(q *question) {
	for _, lang := range q.langs {
		ix.lookUpLang(q, lang)
	}
	if len(q.german) > 0 {
		ix.lookUpLang(q, langDE)
	}
}

func (ix *Index) lookUpLang(q *question, lang int) {
	if q.lookups[lang] != nil || len(q.content[lang]) == 0 {
		return
	}
	q.lookups[lang] = make([]wordLookup, len(q.content[lang]))
	for i, w := range q.content[lang] {
		q.lookups[lang][i] = ix.lookUp(lang, w, q.extra[lang][i], q.near[lang][i])
	}
}

// matchWord reports how much a document contains a word (or one of its
// compound parts, a near spelling, or a synonym): 1 in its title, phrasings
// or keywords, less in its body, 0 not at all; and what the word weighs.
func matchWord(lang int, w *wordLookup, d *docInfo) (weight, share float64) {
	terms := d.terms[lang]
	weight = w.first.idf
	try := func(id int32, termWeight float64) {
		if s := terms.share(id); s > share {
			share = s
			weight = termWeight
		}
	}
	try(w.first.id, weight)
	for _, t := range w.synonyms {
		try(t.id, math.Min(weight, t.idf))
	}
	// A compound whose parts match counts at most half, and only as much of
	// it as the matching parts make up: "Pflegeheimkosten" is all known
	// parts, "Personalausweis" is an Ausweis, but not the one we know.
	if len(w.parts) > 0 {
		known := 0
		for i, part := range w.parts {
			if terms.share(part.id) > 0 {
				known += w.partLen[i]
			}
		}
		if s := compoundMatch * math.Min(1, float64(known)/float64(w.whole)); s > share {
			share = s
		}
	}
	if share == 0 {
		for _, n := range w.near {
			try(n.id, n.idf)
		}
	}
	return weight, share
}

// Clean makes any input safe to analyse: valid UTF-8, composed umlauts (so
// "u" plus a combining diaeresis is "ü"), no control characters, single
// spaces, at most MaxQuestionRunes characters.
func Clean(s string) string {
	s = strings.ToValidUTF8(s, " ")
	if len(s) > 4*MaxQuestionRunes {
		s = s[:4*MaxQuestionRunes]
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	n, space := 0, false
	for _, r := range s {
		if n >= MaxQuestionRunes {
			break
		}
		if unicode.Is(unicode.Cf, r) {
			continue // zero-width and direction marks, often inside words
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// endsNear reports whether a word of ending stands within two content
// words of the phrase at i of n words, or one of too little right before
// it: "ALG 1 läuft aus", "kleine Witwenrente" tell the person's situation, another
// office's money that ends, not a question for that office.
func (ix *Index) endsNear(lang int, words []position, i, n int) bool {
	if ix.endings[lang] == nil {
		return false
	}
	if i > 0 && ix.smalls[lang][words[i-1].terms[0]] {
		return true
	}
	for k := max(0, i-2); k < min(len(words), i+n+2); k++ {
		if (k < i || k >= i+n) && ix.endings[lang][words[k].terms[0]] {
			return true
		}
	}
	return false
}
