package knowledge

import (
	"cmp"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The crisis model is a statistical second opinion after the signals: two
// logistic regressions, crisis or not and which kind of crisis, trained
// on the example messages in testdata (crisis_model_test.go writes it). It
// reads words, word pairs, the crisis cues of any language and the letter
// groups inside words, so a crisis written in words no signal has ("hab
// alle tabletten von oma geschluckt") still resembles the examples.
// DetectCrisis asks it only when no signal matched, and believes it only
// above a threshold that the generator chose by cross-validation so that
// ordinary messages almost never pass it; DetectDistress adds the distress
// line above a lower one.
//
//go:embed crisis_model.txt
var crisisModelFile string

// crisisModelVersion changes whenever the features change: a model file
// written for other features is stale (TestCrisisModelFile).
const crisisModelVersion = 2

// crisisModel is the parsed crisis_model.txt: an alarm model (crisis or
// not) and a kind model (which crisis), over the same features.
type crisisModel struct {
	kinds     []string // crisis ids
	alarmBias float64
	kindBias  []float64
	threshold float64           // an alarm needs P(crisis) above it
	distress  float64           // the distress line needs P(crisis) above it (0: never)
	digest    string            // of the training data it was written from
	index     map[uint64]uint32 // by featureHash of the feature
	alarm     []float32         // alarm weight of feature i
	spans     []uint32          // kind weights of feature i: kind[spans[i]:spans[i+1]]
	kind      []classWeight
}

type classWeight struct {
	class uint8
	w     float32
}

// maxModelKinds bounds the kinds so that scoring needs no allocation.
const maxModelKinds = 16

// builtinCrisisModel parses the embedded model once per process.
var builtinCrisisModel = sync.OnceValues(func() (*crisisModel, error) {
	return parseCrisisModel(crisisModelFile)
})

// parseCrisisModel reads the model format: comment lines ("#"), then
// "version", "digest", "threshold", "distress", "kinds", "bias" lines, then one line
// per feature: the feature, its alarm weight, and its kind weights as
// kind:weight; weights are in thousandths.
func parseCrisisModel(s string) (*crisisModel, error) {
	lines := strings.Count(s, "\n") + 1
	m := &crisisModel{index: make(map[uint64]uint32, lines), spans: make([]uint32, 1, lines+1), alarm: make([]float32, 0, lines)}
	version, n := 0, 0
	for rest := s; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		n++
		if line == "" || line[0] == '#' {
			continue
		}
		bad := func(err error) error { return fmt.Errorf("crisis model line %d: %w", n, err) }
		name, values, _ := strings.Cut(line, " ")
		var err error
		switch name {
		case "version":
			version, err = strconv.Atoi(values)
		case "digest":
			m.digest = values
		case "threshold":
			m.threshold, err = strconv.ParseFloat(values, 64)
		case "distress":
			m.distress, err = strconv.ParseFloat(values, 64)
		case "kinds":
			m.kinds = strings.Fields(values)
			if len(m.kinds) == 0 || len(m.kinds) > maxModelKinds {
				err = fmt.Errorf("want 1 to %d crisis ids", maxModelKinds)
			}
		case "bias":
			fields := strings.Fields(values)
			if len(fields) != len(m.kinds)+1 {
				return nil, bad(fmt.Errorf("want the alarm bias and one bias per kind"))
			}
			for i, f := range fields {
				v, e := strconv.Atoi(f)
				if i == 0 {
					m.alarmBias = float64(v) / 1000
				} else {
					m.kindBias = append(m.kindBias, float64(v)/1000)
				}
				err = cmp.Or(err, e)
			}
		default:
			if len(m.kindBias) == 0 {
				return nil, bad(fmt.Errorf("want kinds and bias before the features"))
			}
			a, kinds, _ := strings.Cut(values, " ")
			alarm, e := strconv.Atoi(a)
			if e != nil {
				return nil, bad(e)
			}
			for kinds != "" {
				var f string
				f, kinds, _ = strings.Cut(kinds, " ")
				c, w, ok := strings.Cut(f, ":")
				class, err1 := strconv.Atoi(c)
				weight, err2 := strconv.Atoi(w)
				if !ok || err1 != nil || err2 != nil || class < 0 || class >= len(m.kinds) {
					return nil, bad(fmt.Errorf("kind weight %q is not kind:weight", f))
				}
				m.kind = append(m.kind, classWeight{uint8(class), float32(weight) / 1000})
			}
			if !m.add(name) {
				return nil, bad(fmt.Errorf("feature %q is listed twice or has the hash of another", name))
			}
			m.alarm = append(m.alarm, float32(alarm)/1000)
			m.spans = append(m.spans, uint32(len(m.kind)))
		}
		if err != nil {
			return nil, bad(err)
		}
	}
	if version != crisisModelVersion {
		return nil, fmt.Errorf("crisis model: version %d, want %d (go test ./knowledge/ -run TestCrisisModelFile -update)", version, crisisModelVersion)
	}
	if len(m.kindBias) == 0 {
		return nil, fmt.Errorf("crisis model: kinds or bias missing")
	}
	return m, nil
}

// add indexes the next feature; false when its hash is taken.
func (m *crisisModel) add(name string) bool {
	h := featureHash(name)
	if _, taken := m.index[h]; taken {
		return false
	}
	m.index[h] = uint32(len(m.alarm))
	return true
}

// featureHash is the 64-bit FNV-1a hash of a feature: looking up a number
// is about twice as fast as looking up the string, and among some 25,000
// features a collision is as good as impossible (parsing would report it).
func featureHash[T string | []byte](key T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	return h
}

// crisisFeatures calls fn with each feature of the words that are not
// masked: the word ("w:"), the pair with the next word ("b:"), the crisis
// cues it is a word of ("k:sterben", in any language), and its
// letter groups of 3 to 5 with "<" and ">" marking the word's edges
// ("c:<tab", "c:ette>"). key is only valid during the call.
func crisisFeatures(words [][]string, masked []bool, cues *cueIndex, fn func(key []byte)) {
	var buf, pbuf [128]byte
	key := buf[:0]
	prev := ""
	for j, forms := range words {
		if masked[j] {
			prev = ""
			continue
		}
		w := forms[0]
		key = append(append(key[:0], "w:"...), w...)
		fn(key)
		if prev != "" {
			key = append(append(append(append(key[:0], "b:"...), prev...), '_'), w...)
			fn(key)
		}
		prev = w
		cues.each(forms, func(name string) {
			key = append(append(key[:0], "k:"...), name...)
			fn(key)
		})
		// The letter groups of the first maxGramRunes letters: a longer
		// "word" is no word anyone writes.
		padded := append(append(append(pbuf[:0], '<'), w...), '>')
		var starts [maxGramRunes + 3]int // rune offsets, and where the last ends
		n, i := 0, 0
		for ; i < len(padded) && n < len(starts)-1; n++ {
			starts[n] = i
			_, size := utf8.DecodeRune(padded[i:])
			i += size
		}
		starts[n] = i
		for g := 3; g <= 5; g++ {
			for i := 0; i+g <= n; i++ {
				key = append(append(key[:0], "c:"...), padded[starts[i]:starts[i+g]]...)
				fn(key)
			}
		}
	}
}

// maxGramRunes is how many letters of a word give letter groups.
const maxGramRunes = 40

// score returns P(crisis), the model's belief that the words are a
// crisis, and the index of the kind it finds most likely.
func (m *crisisModel) score(words [][]string, masked []bool, cues *cueIndex) (float64, int) {
	var z [maxModelKinds]float64
	a, n := 0.0, 0
	crisisFeatures(words, masked, cues, func(key []byte) {
		n++
		if i, ok := m.index[featureHash(key)]; ok {
			a += float64(m.alarm[i])
			for _, cw := range m.kind[m.spans[i]:m.spans[i+1]] {
				z[cw.class] += float64(cw.w)
			}
		}
	})
	if n == 0 {
		return 0, 0
	}
	scale := featureScale(n)
	best := 0
	for c := range m.kinds {
		z[c] = m.kindBias[c] + z[c]*scale
		if z[c] > z[best] {
			best = c
		}
	}
	return 1 / (1 + math.Exp(-(m.alarmBias + a*scale))), best
}

// useCrisisModel switches the built-in model on for the base when every
// crisis kind it knows is one of the base's crises, and warns when the
// base has crises but the model cannot be used with them.
func (b *Base) useCrisisModel(c *checker) {
	b.model = nil
	if len(b.Crises) == 0 {
		return
	}
	m, err := builtinCrisisModel()
	if err != nil {
		c.warnf(b.Crises[0].Pos, "%v; crises are recognised by their signals alone", err)
		return
	}
	for _, id := range m.kinds {
		if b.crises[id] == nil {
			c.warnf(b.Crises[0].Pos, "the crisis model knows the crisis %q, which is not in the knowledge base; crises are recognised by their signals alone (go test ./knowledge/ -run TestCrisisModelFile -update retrains it)", id)
			return
		}
	}
	b.model = m
}

// modelScore is the model's probability that the words are a crisis, and
// the most likely kind; 0 without a model, and 0 for a message of one or two
// words without a crisis cue: "und dann?", "and then?" carry too little for
// the model to judge, and a short crisis names its cue ("will sterben").
func (b *Base) modelScore(words [][]string, masked []bool) (float64, int) {
	if b.model == nil || len(words) < 3 && !b.cueWords.any(words) {
		return 0, 0
	}
	return b.model.score(words, masked, &b.cueWords)
}

// modelDistress reports whether a model score is close enough to a crisis
// for the distress line, though not for a crisis answer.
func (b *Base) modelDistress(p float64) bool {
	return b.model != nil && b.model.distress > 0 && p > b.model.distress
}

// modelCrisis is the crisis of a model score above the threshold, or nil.
func (b *Base) modelCrisis(p float64, kind int) *Crisis {
	if b.model == nil || p <= b.model.threshold {
		return nil
	}
	return b.crises[b.model.kinds[kind]]
}

// cueIndex finds the crisis cues a word belongs to, in any language: the
// model reads "<toeten>" in Polish as in German.
type cueIndex struct {
	names  []string
	byForm map[string][]uint8 // by spelling: indexes in names
	byStem map[string][]cueStem
}

type cueStem struct {
	stem string
	cue  uint8
}

// add adds the words of a cue. A short word of one language is often an
// everyday word of another (English "die"): short words in Latin letters
// count only from minStem letters.
func (x *cueIndex) add(name string, w phraseWord) {
	if x.byForm == nil {
		x.byForm, x.byStem = map[string][]uint8{}, map[string][]cueStem{}
	}
	i := slices.Index(x.names, name)
	if i < 0 {
		if len(x.names) == 256 {
			return // more cues than a feature index holds; never so many
		}
		i = len(x.names)
		x.names = append(x.names, name)
	}
	for _, f := range w.forms {
		if (utf8.RuneCountInString(f) >= minStem || !isASCII(f)) && !slices.Contains(x.byForm[f], uint8(i)) {
			x.byForm[f] = append(x.byForm[f], uint8(i))
		}
	}
	for _, st := range w.stems {
		k := stemKey(st)
		x.byStem[k] = append(x.byStem[k], cueStem{st, uint8(i)})
	}
}

// any reports whether one of the words belongs to a cue.
func (x *cueIndex) any(words [][]string) bool {
	found := false
	for _, forms := range words {
		x.each(forms, func(string) { found = true })
	}
	return found
}

// each calls fn with the name of each cue one of the spellings belongs to,
// once per cue.
func (x *cueIndex) each(forms []string, fn func(name string)) {
	var seen [4]uint64
	hit := func(i uint8) {
		if seen[i/64]&(1<<(i%64)) == 0 {
			seen[i/64] |= 1 << (i % 64)
			fn(x.names[i])
		}
	}
	for _, f := range forms {
		for _, i := range x.byForm[f] {
			hit(i)
		}
		for _, cs := range x.byStem[stemKey(f)] {
			if strings.HasPrefix(f, cs.stem) {
				hit(cs.cue)
			}
		}
	}
}

// featureScale is the weight of each feature of a message with n features:
// 1/sqrt(n), so that a long message is not a crisis by its length alone.
func featureScale(n int) float64 { return 1 / math.Sqrt(float64(n)) }
