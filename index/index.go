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
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Index answers questions from one knowledge base.
type Index struct {
	kb      *knowledge.Base
	bleve   bleve.Index
	mapping *mapping.IndexMappingImpl
	// analyzers are the languages' analyzers, nil for languages that are
	// not active.
	analyzers [nLangs]analysis.Analyzer
	fold      analysis.Analyzer
	// active are the languages with indexed text: German, English, and the
	// translated languages that have translations or search words. A
	// knowledge base without translations is indexed and searched exactly
	// as before they existed.
	active []int

	// docs holds, per document id, what the confidence measure needs.
	docs map[string]*docInfo
	// terms numbers the analysed terms of each language and counts the
	// documents they occur in.
	terms  [nLangs]*termTable
	vocab  [nLangs]*vocabulary
	ndocs  int
	places *places
	syn    *synonyms
	// fillers are fillerWords as each language's analyzer sees them;
	// greetings are greetingWords folded.
	fillers   [nLangs]map[string]bool
	greetings map[string]bool
	// endings and smalls are MoneyEnds and MoneySmall as the German and
	// English analyzers see them.
	endings, smalls [nLangs]map[string]bool
	// elsewhere are the analysed phrases of knowledge.Base.Elsewhere, by
	// their first term.
	elsewhere [nLangs]map[string][][]string
	// officeTopic is, per office id, the first topic that lists the office;
	// officeTopics all of them.
	officeTopic  map[string]*knowledge.Topic
	officeTopics map[string][]*knowledge.Topic
	// matchable holds, per language, the terms bleve can match that the
	// term table does not have in titles, phrasings or keywords: terms of
	// its fields the table lacks (none so far) and terms with synonyms in
	// bleve's thesaurus. See searchable.
	matchable [nLangs]map[string]bool
	// thesaurus holds, per field with a synonym source, the synonyms of
	// each term that has some: what bleve would look up in its thesaurus
	// for every term query of every search (a reader per term, a tenth of
	// a long message's search), read once. See synonymsOf.
	thesaurus map[string]map[string][]string
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
	terms [nLangs]docTerms
	// office is the office for office documents.
	office *knowledge.Office
	// localTopic is the local-offices topic an office belongs to, if any.
	localTopic *knowledge.Topic
	topic      *knowledge.Topic
}

// document is what is indexed for a topic or an office, per language.
type document struct {
	title, phrase [nLangs]string
	// The bodies are not given to bleve: its ranking works on titles,
	// phrasings and keywords, and the confidence measure reads the bodies.
	body [nLangs]string
}

// fields returns what bleve indexes: titles and phrases of the active languages.
func (d document) fields(active []int) map[string]any {
	out := make(map[string]any, 2*len(active))
	for _, l := range active {
		out[fieldTitle(l)] = d.title[l]
		out[fieldPhrase(l)] = d.phrase[l]
	}
	return out
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
		fold:   m.AnalyzerNamed(analyzerFold),
		docs:   map[string]*docInfo{},
		active: activeLanguages(kb),
	}
	for _, l := range ix.active {
		if ix.analyzers[l] = m.AnalyzerNamed(analyzerOf[l]); ix.analyzers[l] == nil {
			bi.Close()
			return nil, fmt.Errorf("build index: no analyzer for %s", Languages[l])
		}
		ix.terms[l] = newTermTable()
	}
	if err := ix.fill(); err != nil {
		bi.Close()
		return nil, err
	}
	if err := ix.findMatchable(); err != nil {
		bi.Close()
		return nil, err
	}
	ix.places = newPlaces(kb, ix.foldTokens)
	ix.fillers = ix.termSets(fillerWords)
	for _, l := range []int{langDE, langEN} {
		ix.endings[l], ix.smalls[l] = map[string]bool{}, map[string]bool{}
		for _, w := range MoneyEnds {
			for _, t := range analyze(ix.analyzers[l], w) {
				ix.endings[l][t] = true
			}
		}
		for _, w := range MoneySmall {
			for _, t := range analyze(ix.analyzers[l], w) {
				ix.smalls[l][t] = true
			}
		}
	}
	ix.addElsewhere(kb)
	ix.greetings = map[string]bool{}
	for _, w := range greetingWords {
		for _, t := range ix.foldTokens(w) {
			ix.greetings[t] = true
		}
	}
	return ix, nil
}

// addElsewhere analyses the words for other offices' services: the German
// and English list in both languages, each translation file's list in its
// language (a Turkish question about "köpek vergisi" is declined as one
// about "Hundesteuer" is).
func (ix *Index) addElsewhere(kb *knowledge.Base) {
	add := func(lang int, w string) {
		var phrase []string
		for _, p := range analyzePositions(ix.analyzers[lang], w) {
			phrase = append(phrase, p.terms[0])
		}
		if len(phrase) == 0 {
			return
		}
		if ix.elsewhere[lang] == nil {
			ix.elsewhere[lang] = map[string][][]string{}
		}
		ix.elsewhere[lang][phrase[0]] = append(ix.elsewhere[lang][phrase[0]], phrase)
	}
	for _, w := range kb.Elsewhere {
		add(langDE, w)
		add(langEN, w)
	}
	for _, lang := range ix.active[2:] {
		if f := kb.Translations[Languages[lang]]; f != nil {
			for _, w := range f.Elsewhere {
				add(lang, w)
			}
		}
	}
}

func (ix *Index) fill() error {
	batch := ix.bleve.NewBatch()
	localTopic := map[string]*knowledge.Topic{}
	ix.officeTopic = map[string]*knowledge.Topic{}
	ix.officeTopics = map[string][]*knowledge.Topic{}
	for i := range ix.kb.Topics {
		t := &ix.kb.Topics[i]
		for _, id := range t.Offices {
			if t.LocalOffices {
				localTopic[id] = t
			}
			if ix.officeTopic[id] == nil {
				ix.officeTopic[id] = t
			}
			ix.officeTopics[id] = append(ix.officeTopics[id], t)
		}
	}
	// Documents repeat their words; each distinct word is analysed once.
	var words [nLangs]*wordCache
	for _, l := range ix.active {
		words[l] = newWordCache(ix.analyzers[l])
	}
	add := func(info *docInfo, d document) error {
		for _, l := range ix.active {
			info.terms[l] = ix.terms[l].addDocument(words[l], d.body[l], d.title[l], d.phrase[l])
		}
		ix.docs[info.id] = info
		if err := batch.Index(info.id, d.fields(ix.active)); err != nil {
			return fmt.Errorf("index %s %s: %w", info.kind, info.id, err)
		}
		return nil
	}
	for i := range ix.kb.Topics {
		t := &ix.kb.Topics[i]
		if err := add(&docInfo{id: t.ID, kind: KindTopic, title: t.Title, topic: t}, ix.topicDocument(t)); err != nil {
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
	for _, l := range ix.active {
		ix.vocab[l] = newVocabulary(ix.terms[l])
	}
	ix.syn = newSynonyms(ix.kb.Synonyms, [2]func(string) []position{
		func(s string) []position { return analyzePositions(ix.analyzers[langDE], s) },
		func(s string) []position { return analyzePositions(ix.analyzers[langEN], s) },
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

// findMatchable fills ix.matchable from bleve's field dictionaries and
// thesauri, so that a search can leave out the term queries that cannot
// match: most words of a long message are in no title or phrasing.
func (ix *Index) findMatchable() error {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("matchable terms: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("matchable terms: %w", err)
	}
	defer r.Close()
	add := func(lang int, term string) {
		if !ix.terms[lang].inFields(term) {
			if ix.matchable[lang] == nil {
				ix.matchable[lang] = map[string]bool{}
			}
			ix.matchable[lang][term] = true
		}
	}
	for _, l := range ix.active {
		for _, f := range []string{fieldTitle(l), fieldPhrase(l)} {
			d, err := r.FieldDict(f)
			if err != nil {
				return fmt.Errorf("matchable terms of %s: %w", f, err)
			}
			for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
				if err != nil {
					d.Close()
					return fmt.Errorf("matchable terms of %s: %w", f, err)
				}
				add(l, e.Term)
			}
			d.Close()
		}
	}
	tr, ok := r.(index.ThesaurusReader)
	if !ok {
		return fmt.Errorf("matchable terms: the index has no thesaurus")
	}
	bySource := map[string]map[string][]string{}
	for l, src := range map[int]string{langDE: synonymsDE, langEN: synonymsEN} {
		keys, err := tr.ThesaurusKeys(src)
		if err != nil {
			return fmt.Errorf("matchable terms of %s: %w", src, err)
		}
		for e, err := keys.Next(); e != nil || err != nil; e, err = keys.Next() {
			if err != nil {
				keys.Close()
				return fmt.Errorf("matchable terms of %s: %w", src, err)
			}
			add(l, e.Term)
			syns, err := thesaurusEntry(tr, src, e.Term)
			if err != nil {
				keys.Close()
				return fmt.Errorf("matchable terms of %s: %w", src, err)
			}
			if len(syns) > 0 {
				if bySource[src] == nil {
					bySource[src] = map[string][]string{}
				}
				bySource[src][e.Term] = syns
			}
		}
		keys.Close()
	}
	ix.thesaurus = map[string]map[string][]string{}
	for _, l := range ix.active {
		for _, f := range []string{fieldTitle(l), fieldPhrase(l)} {
			if src := ix.mapping.SynonymSourceForPath(f); bySource[src] != nil {
				ix.thesaurus[f] = bySource[src]
			}
		}
	}
	return nil
}

// thesaurusEntry reads the synonyms of term in a synonym source, in the
// order bleve's query.ExtractSynonyms reads them.
func thesaurusEntry(tr index.ThesaurusReader, src, term string) ([]string, error) {
	r, err := tr.ThesaurusTermReader(context.Background(), src, []byte(term))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var syns []string
	for s, err := r.Next(); s != "" || err != nil; s, err = r.Next() {
		if err != nil {
			return nil, err
		}
		syns = append(syns, s)
	}
	return syns, nil
}

// searchable reports whether a term query in the language's fields can
// match a document, directly or through a synonym.
func (ix *Index) searchable(lang int, term string) bool {
	return ix.terms[lang].inFields(term) || ix.matchable[lang][term]
}

func (ix *Index) topicDocument(t *knowledge.Topic) document {
	var bodyDE, bodyEN []string
	for _, s := range t.Sections() {
		bodyDE = append(bodyDE, s.Text.DE)
		bodyEN = append(bodyEN, s.Text.EN)
	}
	keywords := strings.Join(t.Keywords, " . ")
	var d document
	d.title[langDE] = t.Title.DE
	d.phrase[langDE] = strings.Join(t.Phrasings.DE, " . ") + " . " + keywords
	d.body[langDE] = t.Summary.DE + " . " + strings.Join(bodyDE, " . ")
	d.title[langEN] = t.Title.EN
	d.phrase[langEN] = strings.Join(t.Phrasings.EN, " . ") + " . " + keywords
	d.body[langEN] = t.Summary.EN + " . " + strings.Join(bodyEN, " . ")
	for _, l := range ix.active[2:] {
		code := Languages[l]
		d.title[l] = translated(t.Title, code)
		var body []string
		for _, s := range append([]knowledge.Section{{Text: t.Summary}}, t.Sections()...) {
			if tr := translated(s.Text, code); tr != "" {
				body = append(body, tr)
			}
		}
		d.body[l] = strings.Join(body, " . ")
		d.phrase[l] = searchWords(ix.kb, code, "topic/"+t.ID)
	}
	return d
}

// translated returns the translation of a text, stale or not, or "".
func translated(t knowledge.Text, lang string) string {
	if s, state := t.Lookup(lang); state != knowledge.TranslationMissing {
		return s
	}
	return ""
}

// searchWords returns the phrasings and keywords of a topic or office in a
// translated language, joined for indexing.
func searchWords(kb *knowledge.Base, lang, of string) string {
	sw := kb.SearchWordsOf(lang, of)
	if sw == nil {
		return ""
	}
	return strings.Join(append(append([]string{}, sw.Phrasings...), sw.Keywords...), " . ")
}

// activeLanguages returns German, English and the translated languages that
// have a translation or search words in the knowledge base.
func activeLanguages(kb *knowledge.Base) []int {
	out := []int{langDE, langEN}
	for l := 2; l < nLangs; l++ {
		f := kb.Translations[Languages[l]]
		if f == nil {
			continue
		}
		used := false
		for _, t := range f.Texts {
			used = used || strings.TrimSpace(t.Text) != ""
		}
		for _, sw := range f.Search {
			used = used || len(sw.Phrasings)+len(sw.Keywords) > 0
		}
		if used {
			out = append(out, l)
		}
	}
	return out
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
	var d document
	d.title[langDE], d.phrase[langDE] = o.Name.DE, keywords
	d.title[langEN], d.phrase[langEN] = o.Name.EN, keywords
	for _, l := range ix.active[2:] {
		d.title[l] = translated(o.Name, Languages[l])
		d.phrase[l] = searchWords(ix.kb, Languages[l], "office/"+o.ID)
	}
	return d
}

// Base returns the knowledge base the index was built from.
func (ix *Index) Base() *knowledge.Base { return ix.kb }

// Close releases the bleve index. Searches must have finished.
func (ix *Index) Close() error { return ix.bleve.Close() }

func (ix *Index) analyzeDE(s string) []string  { return analyze(ix.analyzers[langDE], s) }
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

// unknownIDF is the weight of a term no document holds. (idf(lang, "")
// is not: an analyzer may leave an empty term in a document.)
func (ix *Index) unknownIDF() float64 { return math.Log(1 + float64(ix.ndocs)/0.5) }

// known reports whether any document holds the term.
func (ix *Index) known(lang int, term string) bool { return ix.terms[lang].df(term) > 0 }
