package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	// Analysis parts are registered by name when their package is imported;
	// the mapping below refers to them by those names.
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/compound"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
)

// Analyzer and synonym names used in the mapping.
const (
	// analyzerDE reads German: lower case, no stop words, umlauts and ß
	// folded (so "Buergerbuero" is "Bürgerbüro"), compounds split into the
	// knowledge base's word parts, Snowball stems (which join "Anmeldung"
	// and "anmelden", unlike the light stemmer of bleve's "de").
	analyzerDE = "kb_de"
	// analyzerEN is bleve's English analyzer.
	analyzerEN = en.AnalyzerName
	// analyzerFold only lower-cases and folds umlauts; it matches place names.
	analyzerFold = "kb_fold"

	synonymsDE   = "kb_synonyms_de"
	synonymsEN   = "kb_synonyms_en"
	collectionDE = "thesaurus_de"
	collectionEN = "thesaurus_en"

	wordPartsMap     = "kb_word_parts"
	decompoundToken  = "kb_decompound"
	foldedStopMap    = "kb_stop_de_folded"
	foldedStopFilter = "kb_stop_de_folded"
)

// Document fields, per language: title_de, phrases_de, title_tr, …
// Titles and phrasings (with keywords) are kept apart so that a match in a
// title counts more.
func fieldTitle(lang int) string  { return "title_" + Languages[lang] }
func fieldPhrase(lang int) string { return "phrases_" + Languages[lang] }

// newMapping builds the bleve mapping: German and English fields, each with
// the synonym source of its language, and the fields of the translated
// languages with their analyzers.
func newMapping(wordParts []string) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addLanguageAnalyzers(m); err != nil {
		return nil, fmt.Errorf("language analyzers: %w", err)
	}
	// Stop words written without umlauts ("fuer", "ueber", "moechte") pass
	// the German stop filter, which knows only "für"; a second one after
	// folding catches them.
	if err := m.AddCustomTokenMap(foldedStopMap, map[string]any{"type": tokenmap.Name, "tokens": foldedStopWords()}); err != nil {
		return nil, fmt.Errorf("folded stop words: %w", err)
	}
	if err := m.AddCustomTokenFilter(foldedStopFilter, map[string]any{"type": stop.Name, "stop_token_map": foldedStopMap}); err != nil {
		return nil, fmt.Errorf("folded stop filter: %w", err)
	}
	filters := []any{lowercase.Name, de.StopName, de.NormalizeName, foldedStopFilter}
	if len(wordParts) > 0 {
		tokens := make([]any, len(wordParts))
		for i, p := range wordParts {
			tokens[i] = p
		}
		if err := m.AddCustomTokenMap(wordPartsMap, map[string]any{"type": tokenmap.Name, "tokens": tokens}); err != nil {
			return nil, fmt.Errorf("word parts: %w", err)
		}
		if err := m.AddCustomTokenFilter(decompoundToken, map[string]any{
			"type":             compound.Name,
			"dict_token_map":   wordPartsMap,
			"min_word_size":    7.0,
			"min_subword_size": 4.0,
		}); err != nil {
			return nil, fmt.Errorf("decompound filter: %w", err)
		}
		filters = append(filters, decompoundToken)
	}
	filters = append(filters, de.SnowballStemmerName)
	if err := m.AddCustomAnalyzer(analyzerDE, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters,
	}); err != nil {
		return nil, fmt.Errorf("analyzer for German: %w", err)
	}
	if err := m.AddCustomAnalyzer(analyzerFold, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []any{lowercase.Name, de.NormalizeName},
	}); err != nil {
		return nil, fmt.Errorf("folding analyzer: %w", err)
	}
	for _, src := range []struct{ name, collection, analyzer string }{
		{synonymsDE, collectionDE, analyzerDE},
		{synonymsEN, collectionEN, analyzerEN},
	} {
		if err := m.AddSynonymSource(src.name, map[string]any{"collection": src.collection, "analyzer": src.analyzer}); err != nil {
			return nil, fmt.Errorf("synonym source %s: %w", src.name, err)
		}
	}

	text := func(analyzer, synonyms string) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.SynonymSource = synonyms
		// Nothing is read back from bleve but ids and scores, and no phrase
		// query or highlighting needs positions: leaving them out halves
		// the index's memory.
		fm.Store = false
		fm.IncludeInAll = false
		fm.DocValues = false
		fm.IncludeTermVectors = false
		return fm
	}
	doc := bleve.NewDocumentStaticMapping()
	for l := range nLangs {
		synonyms := ""
		switch l {
		case langDE:
			synonyms = synonymsDE
		case langEN:
			synonyms = synonymsEN
		}
		for _, f := range []string{fieldTitle(l), fieldPhrase(l)} {
			doc.AddFieldMappingsAt(f, text(analyzerOf[l], synonyms))
		}
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerDE
	return m, nil
}

// foldedStopWords returns the German stop words whose folded spelling
// differs from the original ("für" → "fur").
func foldedStopWords() []any {
	words := analysis.NewTokenMap()
	_ = words.LoadBytes(de.GermanStopWords) // a fixed list compiled into bleve
	var out []any
	for w := range words {
		if f := foldWord(w); f != w {
			out = append(out, f)
		}
	}
	return out
}

// foldWord lower-cases and folds umlauts the way the German analyzer does
// before stemming, so word parts written as "Büro" match "buro".
func foldWord(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss").Replace(s)
}
