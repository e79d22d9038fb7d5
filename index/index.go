// Package index finds the topic or office that answers a citizen's question.
//
// It builds an in-memory bleve (scorch) index from a knowledge.Base, with
// German and English analysis, the staff's synonyms, typo tolerance, split
// compounds and folded umlauts. On top of bleve's ranking it measures how much
// of a question the best match really explains, so that greetings, gibberish
// and questions for other offices are declined instead of answered, and it
// resolves places (Stadtteil, colloquial name, postcode) to the office of the
// Stadtbezirk.
//
// An *Index is read-only after Build and safe for concurrent use.
package index

import (
	"fmt"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Index answers questions from one knowledge base.
type Index struct {
	kb      *knowledge.Base
	bleve   bleve.Index
	mapping *mapping.IndexMappingImpl
	de, en  analysis.Analyzer
	fold    analysis.Analyzer

	// docs holds, per document id, what the confidence measure needs.
	docs map[string]*docInfo
	// terms numbers the analysed terms of each language and counts the
	// documents they occur in.
	terms  [2]*termTable
	vocab  [2]*vocabulary
	ndocs  int
	places *places
	syn    *synonyms
	// fillers are fillerWords as each language's analyzer sees them;
	// greetings are greetingWords folded.
	fillers   [2]map[string]bool
	greetings map[string]bool
	// elsewhere are the analysed phrases of knowledge.Base.Elsewhere.
	elsewhere [2][][]string
	// officeTopic is, per office id, the first topic that lists the office.
	officeTopic map[string]*knowledge.Topic
}

const (
	langDE = 0
	langEN = 1
)

type docInfo struct {
	id    string
	kind  Kind
	title knowledge.Text
	// terms are the document's analysed terms, per language.
	terms [2]docTerms
	// office is the office for office documents.
	office *knowledge.Office
	// localTopic is the local-offices topic an office belongs to, if any.
	localTopic *knowledge.Topic
	topic      *knowledge.Topic
}

// document is what bleve indexes for a topic or an office.
type document struct {
	TitleDE  string `json:"title_de"`
	PhraseDE string `json:"phrases_de"`
	TitleEN  string `json:"title_en"`
	PhraseEN string `json:"phrases_en"`
	// The bodies are not given to bleve: its ranking works on titles,
	// phrasings and keywords, and the confidence measure reads the bodies.
	BodyDE string `json:"-"`
	BodyEN string `json:"-"`
}

// Build indexes a knowledge base. The knowledge base must not change afterwards.
func Build(kb *knowledge.Base) (*Index, error) {
	parts := make([]string, 0, len(kb.WordParts))
	for _, p := range kb.WordParts {
		if f := foldWord(p); f != "" {
			parts = append(parts, f)
		}
	}
	m, err := newMapping(parts)
	if err != nil {
		return nil, fmt.Errorf("build index mapping: %w", err)
	}
	// An in-memory scorch index: bleve.NewMemOnly would build an upsidedown
	// index, on which synonyms are silently ignored (bleve issue #2274).
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix := &Index{
		kb: kb, bleve: bi, mapping: m,
		de:    m.AnalyzerNamed(analyzerDE),
		en:    m.AnalyzerNamed(analyzerEN),
		fold:  m.AnalyzerNamed(analyzerFold),
		docs:  map[string]*docInfo{},
		terms: [2]*termTable{newTermTable(), newTermTable()},
	}
	if err := ix.fill(); err != nil {
		bi.Close()
		return nil, err
	}
	ix.places = newPlaces(kb, ix.foldTokens)
	ix.fillers = ix.termSets(fillerWords)
	for _, w := range kb.Elsewhere {
		for lang, a := range []analysis.Analyzer{ix.de, ix.en} {
			var phrase []string
			for _, p := range analyzePositions(a, w) {
				phrase = append(phrase, p.terms[0])
			}
			if len(phrase) > 0 {
				ix.elsewhere[lang] = append(ix.elsewhere[lang], phrase)
			}
		}
	}
	ix.greetings = map[string]bool{}
	for _, w := range greetingWords {
		for _, t := range ix.foldTokens(w) {
			ix.greetings[t] = true
		}
	}
	return ix, nil
}

func (ix *Index) fill() error {
	batch := ix.bleve.NewBatch()
	localTopic := map[string]*knowledge.Topic{}
	ix.officeTopic = map[string]*knowledge.Topic{}
	for i := range ix.kb.Topics {
		t := &ix.kb.Topics[i]
		for _, id := range t.Offices {
			if t.LocalOffices {
				localTopic[id] = t
			}
			if ix.officeTopic[id] == nil {
				ix.officeTopic[id] = t
			}
		}
	}
	// Documents repeat their words; each distinct word is analysed once.
	words := [2]*wordCache{newWordCache(ix.de), newWordCache(ix.en)}
	add := func(info *docInfo, d document) error {
		info.terms[langDE] = ix.terms[langDE].addDocument(words[langDE], d.BodyDE, d.TitleDE, d.PhraseDE)
		info.terms[langEN] = ix.terms[langEN].addDocument(words[langEN], d.BodyEN, d.TitleEN, d.PhraseEN)
		ix.docs[info.id] = info
		if err := batch.Index(info.id, d); err != nil {
			return fmt.Errorf("index %s %s: %w", info.kind, info.id, err)
		}
		return nil
	}
	for i := range ix.kb.Topics {
		t := &ix.kb.Topics[i]
		if err := add(&docInfo{id: t.ID, kind: KindTopic, title: t.Title, topic: t}, topicDocument(t)); err != nil {
			return err
		}
	}
	for i := range ix.kb.Offices {
		o := &ix.kb.Offices[i]
		info := &docInfo{id: o.ID, kind: KindOffice, title: o.Name, office: o, localTopic: localTopic[o.ID]}
		if err := add(info, ix.officeDocument(o)); err != nil {
			return err
		}
	}
	ix.ndocs = len(ix.docs)
	ix.vocab = [2]*vocabulary{newVocabulary(ix.terms[langDE]), newVocabulary(ix.terms[langEN])}
	ix.syn = newSynonyms(ix.kb.Synonyms, [2]func(string) []position{
		func(s string) []position { return analyzePositions(ix.de, s) },
		func(s string) []position { return analyzePositions(ix.en, s) },
	})
	for i, s := range ix.kb.Synonyms {
		def := &bleve.SynonymDefinition{Synonyms: s.Words}
		if len(s.Words) == 0 {
			def = &bleve.SynonymDefinition{Input: s.From, Synonyms: s.To}
		}
		for _, c := range []string{collectionDE, collectionEN} {
			if err := batch.IndexSynonym(fmt.Sprintf("%s-%d", c, i), c, def); err != nil {
				return fmt.Errorf("index synonym at %s: %w", s.Pos, err)
			}
		}
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("index knowledge base: %w", err)
	}
	return nil
}

func topicDocument(t *knowledge.Topic) document {
	var bodyDE, bodyEN []string
	for _, s := range t.Sections() {
		bodyDE = append(bodyDE, s.Text.DE)
		bodyEN = append(bodyEN, s.Text.EN)
	}
	keywords := strings.Join(t.Keywords, " . ")
	return document{
		TitleDE:  t.Title.DE,
		PhraseDE: strings.Join(t.Phrasings.DE, " . ") + " . " + keywords,
		BodyDE:   t.Summary.DE + " . " + strings.Join(bodyDE, " . "),
		TitleEN:  t.Title.EN,
		PhraseEN: strings.Join(t.Phrasings.EN, " . ") + " . " + keywords,
		BodyEN:   t.Summary.EN + " . " + strings.Join(bodyEN, " . "),
	}
}

func (ix *Index) officeDocument(o *knowledge.Office) document {
	var places []string
	for _, id := range o.Districts {
		if d := ix.kb.District(id); d != nil {
			places = append(places, d.Name)
		}
	}
	// People name an office by its street or its operator as often as by
	// its name ("lokal willkommen Schildplatz").
	phrases := append(append([]string{}, o.Keywords...), places...)
	if o.Address != nil {
		phrases = append(phrases, o.Address.Street)
	}
	if o.Operator != "" {
		phrases = append(phrases, o.Operator)
	}
	keywords := strings.Join(phrases, " . ")
	return document{
		TitleDE:  o.Name.DE,
		PhraseDE: keywords,
		TitleEN:  o.Name.EN,
		PhraseEN: keywords,
	}
}

// Base returns the knowledge base the index was built from.
func (ix *Index) Base() *knowledge.Base { return ix.kb }

// Close releases the bleve index. Searches must have finished.
func (ix *Index) Close() error { return ix.bleve.Close() }

func (ix *Index) analyzeDE(s string) []string  { return analyze(ix.de, s) }
func (ix *Index) analyzeEN(s string) []string  { return analyze(ix.en, s) }
func (ix *Index) foldTokens(s string) []string { return analyze(ix.fold, s) }

// analyze returns the terms of s in order; compound parts follow their word.
func analyze(a analysis.Analyzer, s string) []string {
	var out []string
	for _, p := range analyzePositions(a, s) {
		out = append(out, p.terms...)
	}
	return out
}

// idf weighs a term by how rare it is among the documents; a term found in
// no document weighs more than the rarest, as it is most likely what a
// question for another office is about.
func (ix *Index) idf(lang int, term string) float64 {
	n := float64(ix.terms[lang].df(term))
	if n == 0 {
		n = 0.5
	}
	return math.Log(1 + float64(ix.ndocs)/n)
}

// known reports whether any document holds the term.
func (ix *Index) known(lang int, term string) bool { return ix.terms[lang].df(term) > 0 }
