package index

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/registry"
)

// Token filters of our own, registered by name for the mapping.
const (
	// stemPL is bleve's Polish (Stempel) stemmer, loaded once per process:
	// bleve's own filter loads its table (about 30 ms) for every index.
	stemPL = "kb_stem_pl"
	// stemUK, stemBG and stemFA strip the commonest endings. bleve has no
	// stemmer for Ukrainian, Bulgarian or Farsi; a light one joins the forms
	// people write ("житло", "житла", "житлом") without the risk of an
	// aggressive one joining different words.
	stemUK = "kb_stem_uk"
	stemBG = "kb_stem_bg"
	stemFA = "kb_stem_fa"
	// foldTR writes Turkish letters as people type them on a German or
	// English keyboard ("kaldım" is "kaldim", "şehir" is "sehir"). It runs
	// before the stemmer on both the texts and the questions, so a question
	// without diacritics meets the same stems as the translated texts.
	foldTR = "kb_fold_tr"
	// foldRO does the same for Romanian ("batrani", "locuinta").
	foldRO = "kb_fold_ro"
	// foldPL writes Polish stems without diacritics; it runs after the
	// stemmer, whose tables need them where they are written.
	foldPL = "kb_fold_pl"
)

var romanianFold = strings.NewReplacer("ă", "a", "â", "a", "î", "i", "ș", "s", "ş", "s", "ț", "t", "ţ", "t")

var polishFold = strings.NewReplacer("ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z")

var turkishFold = strings.NewReplacer("ç", "c", "ğ", "g", "ı", "i", "ş", "s", "ö", "o", "ü", "u", "â", "a", "î", "i", "û", "u")

// foldFilter replaces letters in every token.
type foldFilter struct{ r *strings.Replacer }

func (f foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = []byte(f.r.Replace(string(t.Term)))
	}
	return input
}

var polishStemmer = sync.OnceValues(func() (analysis.TokenFilter, error) { return pl.NewPolishStemmerFilter() })

// Endings, longest first within each list; a word keeps at least minStem letters.
var (
	ukrainianEndings = suffixList(`ськими ського ському ська ське ські ський
		ання ення іння ями ами ові еві ого ому ими іми ою ею ій ий ої их іх ах ях ам ям ом ем ів їв
		ати яти ити іти ють ують ить ать ться ся сь ти ть ла ло ли ння а я о е и і ї у ю ь й`)
	bulgarianEndings = suffixList(`ищата ията ите ият ата ото ето ове еве ища ът ят та то те ия
		ни на но не ен а я о е и ъ`)
	farsiEndings = suffixList(`هایی های ها ترین تر ان ات ی`)
)

const minStem = 3

func suffixList(s string) []string {
	fields := strings.Fields(s)
	// Longest first, so that "ами" is tried before "и".
	for i := range fields {
		for j := i + 1; j < len(fields); j++ {
			if utf8.RuneCountInString(fields[j]) > utf8.RuneCountInString(fields[i]) {
				fields[i], fields[j] = fields[j], fields[i]
			}
		}
	}
	return fields
}

// suffixStemmer strips one ending (the longest that leaves minStem letters).
type suffixStemmer struct{ endings []string }

func (s suffixStemmer) stem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, e := range s.endings {
		if strings.HasSuffix(w, e) && n-utf8.RuneCountInString(e) >= minStem {
			return strings.TrimSuffix(w, e)
		}
	}
	return w
}

func (s suffixStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = []byte(s.stem(string(t.Term)))
	}
	return input
}

func init() {
	for name, endings := range map[string][]string{stemUK: ukrainianEndings, stemBG: bulgarianEndings, stemFA: farsiEndings} {
		st := suffixStemmer{endings}
		if err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) { return st, nil }); err != nil {
			panic(err)
		}
	}
	if err := registry.RegisterTokenFilter(foldTR, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{turkishFold}, nil
	}); err != nil {
		panic(err)
	}
	for name, fold := range map[string]*strings.Replacer{foldRO: romanianFold, foldPL: polishFold} {
		f := foldFilter{fold}
		if err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) { return f, nil }); err != nil {
			panic(err)
		}
	}
	if err := registry.RegisterTokenFilter(stemPL, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) { return polishStemmer() }); err != nil {
		panic(err)
	}
}
