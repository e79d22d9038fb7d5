package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"
)

// MaxQuestionRunes is how much of a question is searched; the rest of a very
// long message adds nothing but cost.
const MaxQuestionRunes = 600

// candidates is how many of bleve's best hits are weighed again.
const candidates = 10

// Thresholds of the confidence measure, calibrated on the tuning questions
// in testdata (see docs/benchmarks.md): an answer needs a match that explains
// at least minCoverage of the question's weight, through at least one word
// that is specific (rare among the documents).
const (
	minCoverage = 0.5
	minSpecific = 1.5
)

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
	q := ix.analyzeQuestion(text)
	res.Lang = q.lang
	res.Districts = q.districts
	res.Synonyms = q.synonyms
	if q.greeting {
		res.Reason = ReasonGreeting
		return res, nil
	}
	if len(q.content[langDE]) == 0 && len(q.content[langEN]) == 0 && len(q.districts) == 0 {
		res.Reason = ReasonOutOfScope
		return res, nil
	}

	req := bleve.NewSearchRequestOptions(ix.query(text), candidates, 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	type scored struct {
		info     *docInfo
		bleve    float64
		coverage float64
		specific float64
	}
	var cands []scored
	for _, h := range sr.Hits {
		info := ix.docs[h.ID]
		if info == nil {
			continue
		}
		cov, spec := ix.coverage(q, info)
		cands = append(cands, scored{info, h.Score, cov, spec})
	}
	if len(cands) == 0 {
		res.Reason = ReasonOutOfScope
		return res, nil
	}
	// bleve ranks by weighted term frequency; a candidate that explains more
	// of the question moves up, so that one rare word in a long body does not
	// beat a topic that matches the whole question.
	top := cands[0].bleve
	rank := func(c scored) float64 { return c.bleve/top + 1.5*c.coverage }
	sort.SliceStable(cands, func(i, j int) bool { return rank(cands[i]) > rank(cands[j]) })

	best := cands[0]
	for _, c := range cands {
		res.Hits = append(res.Hits, Hit{ID: c.info.id, Kind: c.info.kind, Title: c.info.title.In(res.Lang), Score: round(rank(c))})
	}
	res.Hits = ix.preferLocalOffice(res.Hits, q.districts, res.Lang)
	if len(res.Hits) > MaxHits {
		res.Hits = res.Hits[:MaxHits]
	}
	switch {
	case best.coverage >= minCoverage && best.specific >= minSpecific:
		res.Answered = true
	case best.coverage >= minCoverage/2:
		res.Reason = ReasonUnsure
	default:
		res.Reason = ReasonOutOfScope
	}
	return res, nil
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// preferLocalOffice puts the office of the named Stadtbezirk first when the
// best hit is a topic with an office in every district (Seniorenbüros, lokal
// willkommen) or one of those offices.
func (ix *Index) preferLocalOffice(hits []Hit, districts []string, lang string) []Hit {
	if len(hits) == 0 || len(districts) != 1 {
		return hits
	}
	first := ix.docs[hits[0].ID]
	topic := first.topic
	if first.kind == KindOffice {
		topic = first.localTopic
	}
	if topic == nil || !topic.LocalOffices {
		return hits
	}
	for _, o := range ix.kb.OfficesOf(topic) {
		for _, d := range o.Districts {
			if d != districts[0] {
				continue
			}
			out := []Hit{{ID: o.ID, Kind: KindOffice, Title: o.Name.In(lang), Score: hits[0].Score}}
			for _, h := range hits {
				if h.ID != o.ID {
					out = append(out, h)
				}
			}
			return out
		}
	}
	return hits
}

// query searches every field in both languages, exact words first and
// misspelt ones at a lower weight. The citizen's text only ever goes into
// match queries, never into a query-string query with its operators.
func (ix *Index) query(text string) query.Query {
	var qs []query.Query
	add := func(field string, boost float64, fuzzy bool) {
		m := bleve.NewMatchQuery(text)
		m.SetField(field)
		if fuzzy {
			m.SetFuzziness(1)
			m.SetPrefix(1)
			boost *= 0.4
		}
		m.SetBoost(boost)
		qs = append(qs, m)
	}
	for _, f := range []struct {
		name  string
		boost float64
		fuzzy bool
	}{
		{fieldTitleDE, 3, true}, {fieldPhraseDE, 2, true}, {fieldBodyDE, 1, false},
		{fieldTitleEN, 3, true}, {fieldPhraseEN, 2, true}, {fieldBodyEN, 1, false},
	} {
		add(f.name, f.boost, false)
		if f.fuzzy {
			add(f.name, f.boost, true)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// question is a question after analysis.
type question struct {
	lang      string
	greeting  bool
	districts []string
	synonyms  []string
	// content holds, per language, the words that carry meaning: no stop
	// words, fillers, numbers or place names.
	content [2][]position
	// extra holds the synonyms' expansions, per language and index into content.
	extra [2]map[int][]string
}

func (ix *Index) analyzeQuestion(text string) question {
	var q question
	folded := ix.foldTokens(text)
	q.lang = guessLanguage(folded)
	q.greeting = ix.isGreeting(folded)
	known := func(t string) bool { return ix.df[langDE][t] > 0 || ix.df[langEN][t] > 0 }
	var placeWords map[int]bool
	q.districts, placeWords = ix.places.find(text, analyzePositions(ix.fold, text), known)
	seen := map[string]bool{}
	for lang, a := range [2]func() []position{
		func() []position { return analyzePositions(ix.de, text) },
		func() []position { return analyzePositions(ix.en, text) },
	} {
		for _, p := range a() {
			if placeWords[p.pos] || ix.fillers[lang][p.terms[0]] || isNumber(p.terms[0]) {
				continue
			}
			q.content[lang] = append(q.content[lang], p)
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
	return q
}

// coverage says how much of the question a document explains: the share of
// the question's weight (rare words weigh more, unknown words most) that the
// document contains, directly, misspelt or through a synonym; and the weight
// of the most specific word it matched.
func (ix *Index) coverage(q question, d *docInfo) (float64, float64) {
	best, specific := 0.0, 0.0
	for lang := range q.content {
		words := q.content[lang]
		if len(words) == 0 {
			continue
		}
		var total, matched, spec float64
		for i, w := range words {
			weight, ok := ix.matchWord(lang, w, q.extra[lang][i], d)
			total += weight
			if ok {
				matched += weight
				spec = math.Max(spec, weight)
			}
		}
		if total > 0 && matched/total > best {
			best, specific = matched/total, spec
		}
	}
	return best, specific
}

// matchWord reports whether a document contains a word (or one of its
// compound parts, a near spelling, or a synonym), and what the word weighs.
func (ix *Index) matchWord(lang int, w position, synonyms []string, d *docInfo) (float64, bool) {
	terms := d.terms[lang]
	unknown := ix.idf(lang, "")
	weight := unknown
	if ix.df[lang][w.terms[0]] > 0 {
		weight = ix.idf(lang, w.terms[0])
	}
	if terms[w.terms[0]] {
		return weight, true
	}
	for _, t := range synonyms {
		if terms[t] {
			return math.Min(weight, ix.idf(lang, t)), true
		}
	}
	// A compound counts as matched when a part matches; it then weighs what
	// the part weighs, as the whole word is usually unknown.
	for _, part := range w.terms[1:] {
		if terms[part] {
			return ix.idf(lang, part), true
		}
	}
	if ix.df[lang][w.terms[0]] == 0 {
		for _, near := range ix.vocab[lang].near(w.terms[0]) {
			if terms[near] {
				return ix.idf(lang, near), true
			}
		}
	}
	return weight, false
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
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar || unicode.Is(unicode.Cf, r) {
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
