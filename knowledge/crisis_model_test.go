package knowledge

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The crisis model's training: crisis messages against everything else
// people write to the bot, from the tuning and retired files (never a
// held-out file). go test ./knowledge/ -run TestCrisisModelFile -update
// retrains it and rewrites crisis_model.txt.
var (
	modelFolds       = 5    // cross-validation folds
	modelMaxFalse    = 0.01 // false alarms allowed in cross-validation, as the issue allows in all
	modelMaxDistress = 0.01 // ordinary messages that may get the distress line
	modelEpochs      = 25
	modelRate        = 0.2 // AdaGrad learning rate
	modelL2          = 1e-5
	modelMinDocs     = 2 // a feature must occur in this many messages
	modelMinGramDocs = 2 // a letter group in this many
	// Smaller weights are left out of the file: a message has some 100 to
	// 300 features, each weighted 1/sqrt(count), so a weight below 1 moves
	// the score by less than a tenth.
	modelMinWeight     = 1.0
	modelMinKindWeight = 1.0
	modelSeed          = uint64(20261201)
	modelKindGrams     = false
	modelGroups        = []string{"", "lookalike"}
)

// modelSettings are the settings as the file header and digest show them.
func modelSettings() string {
	return fmt.Sprintf("folds=%d maxfalse=%g maxdistress=%g epochs=%d rate=%g l2=%g mindocs=%d mingramdocs=%d minweight=%g minkindweight=%g seed=%d",
		modelFolds, modelMaxFalse, modelMaxDistress, modelEpochs, modelRate, modelL2, modelMinDocs, modelMinGramDocs, modelMinWeight, modelMinKindWeight, modelSeed)
}

// modelExample is one training message.
type modelExample struct {
	text, lang string
	crisis     bool
	kind       string // "" for a crisis of a kind not given (conversation sets)
	group      string // lookalike, question, conversation, distress, crisis
}

// crisisTrainingData reads the training messages: the crisis messages and
// look-alikes of every testdata/crisis-*.yaml, the distress messages, the
// questions of the search sets and the last messages of the conversation
// sets, each text once, held-out files never.
func crisisTrainingData(t *testing.T) []modelExample {
	t.Helper()
	var out []modelExample
	seen := map[string]bool{}
	add := func(e modelExample) {
		key := strings.ToLower(strings.TrimSpace(e.text))
		if key == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, e)
	}
	heldOut := func(name string) bool { return strings.Contains(filepath.Base(name), "heldout") }
	crisisFiles, _ := filepath.Glob("testdata/crisis-*.yaml")
	for _, name := range crisisFiles {
		if heldOut(name) {
			continue
		}
		m := readCrisisMessages(t, filepath.Base(name))
		for _, c := range m.Crisis {
			add(modelExample{text: c.Text, lang: c.Lang, crisis: true, kind: c.Kind, group: "crisis"})
		}
		for _, l := range m.Lookalike {
			add(modelExample{text: l.Text, lang: l.Lang, group: "lookalike"})
		}
	}
	var distress struct{ Distress, Ordinary []struct{ Lang, Text string } }
	data, err := os.ReadFile("testdata/distress-messages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &distress); err != nil {
		t.Fatalf("distress-messages.yaml: %v", err)
	}
	for _, d := range append(distress.Distress, distress.Ordinary...) {
		add(modelExample{text: d.Text, lang: d.Lang, group: "distress"})
	}
	conversations, _ := filepath.Glob("../bot/answer/testdata/conversations-*.yaml")
	questions, _ := filepath.Glob("../index/testdata/questions-*.yaml")
	for _, name := range append(conversations, questions...) {
		if heldOut(name) {
			continue
		}
		lang, group := "de", "conversation"
		if parts := strings.Split(strings.TrimSuffix(filepath.Base(name), ".yaml"), "-"); parts[0] == "questions" {
			group = "question"
			if len(parts) == 3 && len(parts[1]) == 2 {
				lang = parts[1]
			}
		}
		for _, it := range readQuestionSet(t, name) {
			q := it.Q
			if len(it.Dialog) > 0 {
				q = it.Dialog[len(it.Dialog)-1]
			}
			crisis := it.Crisis != nil && *it.Crisis
			g := group
			if crisis {
				g = "crisis"
			}
			add(modelExample{text: q, lang: lang, crisis: crisis, group: g})
		}
	}
	return out
}

// crisisTrainingDigest identifies the training data and settings, and the
// crisis cues and sayings the features are read with: the model file
// records it, and a file with another digest is stale.
func crisisTrainingDigest(t *testing.T, kb *Base, examples []modelExample) string {
	h := sha256.New()
	cues, err := json.Marshal(kb.CrisisCues)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(h, "version %d\n%s\n%s\n", crisisModelVersion, modelSettings(), cues)
	lines := make([]string, len(examples))
	for i, e := range examples {
		lines[i] = fmt.Sprintf("%t\t%s\t%s", e.crisis, e.kind, e.text)
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// modelData is the training messages as feature ids.
type modelData struct {
	examples []modelExample
	words    [][][]string
	masked   [][]bool
	feats    [][]int32 // ids of the features kept, with repeats
	scale    []float64 // 1/sqrt(number of features, kept or not)
	kind     []int     // index in kinds; -1: no crisis or a kind not given
	names    []string  // feature names by id
	// kindFeature are the features the kind model reads: words, pairs and
	// cues; the letter groups only the alarm model (they would make the file
	// four times as large for a better kind in few messages).
	kindFeature []bool
	cues        *cueIndex
	kinds       []string
}

func newModelData(kb *Base, examples []modelExample) *modelData {
	d := &modelData{examples: examples, cues: &kb.cueWords}
	docs := map[string]int{}
	keys := make([][]string, len(examples))
	for i, e := range examples {
		words, _, masked := kb.crisisInput(e.text)
		d.words = append(d.words, words)
		d.masked = append(d.masked, masked)
		once := map[string]bool{}
		crisisFeatures(words, masked, &kb.cueWords, func(key []byte) {
			k := string(key)
			keys[i] = append(keys[i], k)
			if !once[k] {
				once[k] = true
				docs[k]++
			}
		})
		if e.kind != "" && !slices.Contains(d.kinds, e.kind) {
			d.kinds = append(d.kinds, e.kind)
		}
	}
	slices.Sort(d.kinds)
	ids := map[string]int32{}
	for k, n := range docs {
		if n >= modelMinDocs && (!strings.HasPrefix(k, "c:") || n >= modelMinGramDocs) {
			d.names = append(d.names, k)
		}
	}
	slices.Sort(d.names)
	for i, k := range d.names {
		ids[k] = int32(i)
		d.kindFeature = append(d.kindFeature, modelKindGrams || !strings.HasPrefix(k, "c:"))
	}
	for i, e := range examples {
		var f []int32
		for _, k := range keys[i] {
			if id, ok := ids[k]; ok {
				f = append(f, id)
			}
		}
		d.feats = append(d.feats, f)
		d.scale = append(d.scale, featureScale(max(len(keys[i]), 1)))
		d.kind = append(d.kind, slices.Index(d.kinds, e.kind))
	}
	return d
}

// train fits both models on the examples given by index.
func (d *modelData) train(use []int) *crisisModel {
	alarm, alarmBias := d.fit(use, 2, nil, func(e int) int {
		if d.examples[e].crisis {
			return 1
		}
		return 0
	})
	var labelled []int
	for _, e := range use {
		if d.kind[e] >= 0 {
			labelled = append(labelled, e)
		}
	}
	kind, kindBias := d.fit(labelled, len(d.kinds), d.kindFeature, func(e int) int { return d.kind[e] })
	return d.model(alarm, alarmBias, kind, kindBias)
}

// fit is a logistic regression over k classes on the examples given by
// index, fitted with AdaGrad in a fixed order: the same data gives the
// same weights (feature f, class c at f*k+c).
func (d *modelData) fit(use []int, k int, only []bool, target func(e int) int) ([]float64, []float64) {
	w := make([]float64, len(d.names)*k)
	g2 := make([]float64, len(w))
	bias, bg2 := make([]float64, k), make([]float64, k)
	rng := rand.New(rand.NewPCG(modelSeed, uint64(len(use))))
	order := slices.Clone(use)
	z := make([]float64, k)
	for range modelEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, e := range order {
			s := d.scale[e]
			copy(z, bias)
			for _, f := range d.feats[e] {
				if only != nil && !only[f] {
					continue
				}
				for c := range k {
					z[c] += w[int(f)*k+c] * s
				}
			}
			softmax(z)
			z[target(e)]-- // the gradient of the log loss: P - target
			for _, f := range d.feats[e] {
				if only != nil && !only[f] {
					continue
				}
				for c := range k {
					i := int(f)*k + c
					gr := z[c]*s + modelL2*w[i]
					g2[i] += gr * gr
					w[i] -= modelRate * gr / math.Sqrt(g2[i]+1e-8)
				}
			}
			for c := range k {
				bg2[c] += z[c] * z[c]
				bias[c] -= modelRate * z[c] / math.Sqrt(bg2[c]+1e-8)
			}
		}
	}
	return w, bias
}

func softmax(z []float64) {
	m := slices.Max(z)
	sum := 0.0
	for c := range z {
		z[c] = math.Exp(z[c] - m)
		sum += z[c]
	}
	for c := range z {
		z[c] /= sum
	}
}

// model rounds and prunes the weights the way the file holds them, so that
// cross-validation measures the model as it is shipped. The alarm weight
// of a feature is the difference of its two classes' weights.
func (d *modelData) model(alarm, alarmBias, kind, kindBias []float64) *crisisModel {
	k := len(d.kinds)
	m := &crisisModel{kinds: d.kinds, index: map[uint64]uint32{}, spans: []uint32{0},
		alarmBias: milli(alarmBias[1] - alarmBias[0])}
	for _, b := range kindBias {
		m.kindBias = append(m.kindBias, milli(b))
	}
	for f, name := range d.names {
		a := alarm[2*f+1] - alarm[2*f]
		if math.Abs(a) < modelMinWeight {
			a = 0
		}
		n := len(m.kind)
		for c := range k {
			if v := kind[f*k+c]; math.Abs(v) >= modelMinKindWeight {
				m.kind = append(m.kind, classWeight{uint8(c), float32(milli(v))})
			}
		}
		if a != 0 || len(m.kind) > n {
			if !m.add(name) {
				panic(fmt.Sprintf("crisis model: feature %q has the hash of another", name))
			}
			m.alarm = append(m.alarm, float32(milli(a)))
			m.spans = append(m.spans, uint32(len(m.kind)))
		}
	}
	return m
}

// milli rounds to thousandths, as the file writes weights.
func milli(v float64) float64 { return math.Round(v*1000) / 1000 }

// modelFigures are the cross-validation figures of one group of messages.
type modelFigures struct {
	crises, caught, wrongKind, rulesMissed, caughtMissed int
	others, alarms                                       int
}

func (f modelFigures) String() string {
	s := ""
	if f.crises > 0 {
		s += fmt.Sprintf("recall %5.1f %% (%d of %d), of those the rules miss %d of %d, wrong kind %d", pct(f.caught, f.crises), f.caught, f.crises, f.caughtMissed, f.rulesMissed, f.wrongKind)
	}
	if f.others > 0 {
		if s != "" {
			s += "; "
		}
		s += fmt.Sprintf("false alarms %.2f %% (%d of %d)", pct(f.alarms, f.others), f.alarms, f.others)
	}
	return s
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

// crossValidate trains on all folds but one and scores the messages of the
// one left out; it returns each message's score and class.
func (d *modelData) crossValidate() ([]float64, []int) {
	scores, classes := make([]float64, len(d.examples)), make([]int, len(d.examples))
	fold := make([]int, len(d.examples))
	for i, e := range d.examples {
		h := fnv.New32a()
		h.Write([]byte(e.text))
		fold[i] = int(h.Sum32() % uint32(modelFolds))
	}
	for k := range modelFolds {
		var use []int
		for i := range d.examples {
			if fold[i] != k {
				use = append(use, i)
			}
		}
		m := d.train(use)
		for i := range d.examples {
			if fold[i] == k {
				scores[i], classes[i] = m.score(d.words[i], d.masked[i], d.cues)
			}
		}
	}
	return scores, classes
}

// chooseThreshold is the lowest threshold at which at most modelMaxFalse of
// the messages that are no crisis pass, both of all of them and of the
// look-alikes alone (the messages closest to a crisis).
func chooseThreshold(d *modelData, scores []float64) float64 {
	threshold := 0.5
	for _, group := range modelGroups {
		var s []float64
		for i, e := range d.examples {
			if !e.crisis && (group == "" || e.group == group) {
				s = append(s, scores[i])
			}
		}
		slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
		if allowed := int(modelMaxFalse * float64(len(s))); allowed < len(s) {
			threshold = max(threshold, s[allowed])
		}
	}
	return math.Ceil(threshold*1000) / 1000
}

// chooseDistressThreshold is the lowest threshold from 0.5 up at which at
// most modelMaxDistress of the ordinary questions and conversation messages
// pass; 0 when that is not below the alarm threshold.
func chooseDistressThreshold(d *modelData, scores []float64, alarm float64) float64 {
	var s []float64
	for i, e := range d.examples {
		if e.group == "question" || e.group == "conversation" {
			s = append(s, scores[i])
		}
	}
	slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
	t := 0.5
	if allowed := int(modelMaxDistress * float64(len(s))); allowed < len(s) {
		t = max(t, math.Ceil(s[allowed]*1000)/1000)
	}
	if t >= alarm {
		return 0
	}
	return t
}

// writeCrisisModel trains the model on all messages and writes the file
// with the cross-validation figures in its header.
func writeCrisisModel(t *testing.T, kb *Base, examples []modelExample) string {
	d := newModelData(kb, examples)
	if len(d.kinds) > maxModelKinds {
		t.Fatalf("%d crisis kinds, the model holds at most %d", len(d.kinds), maxModelKinds)
	}
	for _, c := range d.kinds {
		if kb.CrisisByID(c) == nil {
			t.Fatalf("the training messages name the crisis %q, which is not in the knowledge base", c)
		}
	}
	scores, classes := d.crossValidate()
	threshold := chooseThreshold(d, scores)
	distress := chooseDistressThreshold(d, scores, threshold)
	var below, line, ordinary, ordinaryLine int
	for i, e := range examples {
		switch {
		case e.crisis && scores[i] <= threshold:
			below++
			if distress > 0 && scores[i] > distress {
				line++
			}
		case e.group == "question" || e.group == "conversation":
			ordinary++
			if distress > 0 && scores[i] > distress {
				ordinaryLine++
			}
		}
	}
	byLang, byGroup := map[string]*modelFigures{}, map[string]*modelFigures{}
	var all modelFigures
	for i, e := range examples {
		lf, gf := byLang[e.lang], byGroup[e.group]
		if lf == nil {
			lf = &modelFigures{}
			byLang[e.lang] = lf
		}
		if gf == nil {
			gf = &modelFigures{}
			byGroup[e.group] = gf
		}
		alarm := scores[i] > threshold
		ruled := kb.DetectCrisis(e.text) != nil
		for _, f := range []*modelFigures{lf, gf, &all} {
			if !e.crisis {
				f.others++
				if alarm {
					f.alarms++
				}
				continue
			}
			f.crises++
			if !ruled {
				f.rulesMissed++
			}
			if alarm {
				f.caught++
				if !ruled {
					f.caughtMissed++
				}
				if e.kind != "" && d.kinds[classes[i]] != e.kind {
					f.wrongKind++
				}
			}
		}
	}
	for i, e := range examples {
		if !e.crisis && scores[i] > threshold-0.1 {
			t.Logf("cross-validation: %.3f %s [%s] %s", scores[i], e.group, e.lang, e.text)
		}
	}
	m := d.train(allIndexes(len(examples)))
	var b strings.Builder
	fmt.Fprintf(&b, `# crisis_model.txt: the crisis model, a statistical second opinion after the
# crisis signals (knowledge/crisis_model.go). GENERATED, do not edit: add
# example messages to knowledge/testdata/crisis-*.yaml and run
#   go test ./knowledge/ -run TestCrisisModelFile -update
#
# What it is: two logistic regressions, crisis or not (the alarm) and which
# kind, reading the words (w:), word pairs (b:), crisis cues of any language
# (k:) and letter groups of 3 to 5 (c:, "<" and ">" mark a word's edges) of a
# message, weighted 1/sqrt(count); words of everyday sayings are left out.
# An alarm needs P(crisis) above the threshold; the kind is the most likely of
# the kinds. Lines: feature, alarm weight, kind:weight (weights in thousandths).
# Trained on %d messages: %d crisis messages, %d others (%s);
# held-out files never. %d features; weights rounded to thousandths, those
# below %g left out. Settings: %s.
#
# The threshold was chosen by %d-fold cross-validation as the lowest at which
# at most %.1f %% of the messages that are no crisis raise an alarm, of all of
# them and of the look-alikes alone. Cross-validation figures of the model
# alone at that threshold (each message scored by a model that never saw it;
# "the rules miss": the crisis messages without a signal):
#   all          %s
`, len(examples), all.crises, all.others, groupCounts(byGroup), len(m.index), modelMinWeight, modelSettings(),
		modelFolds, 100*modelMaxFalse, all)
	for _, g := range sortedKeys(byGroup) {
		fmt.Fprintf(&b, "#   %-12s %s\n", g, byGroup[g])
	}

	for _, l := range sortedKeys(byLang) {
		fmt.Fprintf(&b, "#   %-12s %s\n", l, byLang[l])
	}
	fmt.Fprintf(&b, "# The distress line: the lowest threshold from 0.5 up at which at most %.0f %% of the\n"+
		"# questions and conversation messages pass: %g, for %d of the %d crisis messages\n"+
		"# below the alarm threshold, and %d of %d questions and conversation messages.\n",
		100*modelMaxDistress, distress, line, below, ordinaryLine, ordinary)
	fmt.Fprintf(&b, "version %d\ndigest %s\nthreshold %g\ndistress %g\nkinds %s\nbias %d", crisisModelVersion, crisisTrainingDigest(t, kb, examples), threshold, distress, strings.Join(m.kinds, " "), thousandths(m.alarmBias))
	for _, v := range m.kindBias {
		fmt.Fprintf(&b, " %d", thousandths(v))
	}
	b.WriteString("\n")
	for _, name := range d.names { // sorted
		i, ok := m.index[featureHash(name)]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "%s %d", name, thousandths(float64(m.alarm[i])))
		for _, cw := range m.kind[m.spans[i]:m.spans[i+1]] {
			fmt.Fprintf(&b, " %d:%d", cw.class, thousandths(float64(cw.w)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func thousandths(v float64) int { return int(math.Round(v * 1000)) }

func groupCounts(byGroup map[string]*modelFigures) string {
	var parts []string
	for _, g := range sortedKeys(byGroup) {
		if f := byGroup[g]; f.others > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", f.others, g))
		}
	}
	return strings.Join(parts, ", ")
}

func allIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestCrisisModelFile: crisis_model.txt must have been written from the
// training messages and crisis cues as they are now; -update retrains and
// rewrites it.
func TestCrisisModelFile(t *testing.T) {
	examples := crisisTrainingData(t)
	if updating() {
		kb, err := Load(Builtin(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		kb.model = nil // the figures of the rules are those of the signals alone
		out := writeCrisisModel(t, kb, examples)
		if err := os.WriteFile("crisis_model.txt", []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	m, err := builtinCrisisModel()
	if err != nil {
		t.Fatal(err)
	}
	kb := loadBuiltinKB(t)
	if want := crisisTrainingDigest(t, kb, examples); m.digest != want {
		t.Errorf("crisis_model.txt was trained on other messages, cues or settings (digest %s, now %s): run go test ./knowledge/ -run TestCrisisModelFile -update", m.digest, want)
	}
	if kb.model == nil {
		t.Errorf("the built-in knowledge base does not use the crisis model: %v", kb.Warnings)
	}
}

// TestCrisisModelAlarms: the model on its own raises alarms for clear
// crises in words of no training message, and stays quiet for everyday
// messages that share their words, and for sayings (the idiom cues).
func TestCrisisModelAlarms(t *testing.T) {
	kb := loadBuiltinKB(t)
	tests := []struct {
		text string
		want bool // an alarm, by the model (the signals find none)
	}{
		{"ich habe alle schlaftabletten von meiner mutter geschluckt", true},
		{"mein freund hat eine packung schlaftabletten geschluckt und ist nicht wach zu kriegen", true},
		{"my boyfriend strangled me last night and I passed out", true},
		{"я выпила все снотворное и мне плохо", true},
		{"мій чоловік знову душив мене вночі", true},
		{"Ich brauche Geld für Schlaftabletten, zahlt das die Krankenkasse?", false},
		{"mein Mann ist krank, wer zahlt die Pflege zu Hause?", false},
		{"my husband lost his job, can we get housing benefit", false},
		{"Meine Tochter ist schwanger, bekommt sie Geld für die Erstausstattung?", false},
		{"Wann hat das Sozialamt auf?", false},
		{"das bringt mich um", false},
		{"die miete bringt mich noch um", false},
		{"", false},
	}
	for _, tc := range tests {
		words, _, masked := kb.crisisInput(tc.text)
		p, _ := kb.model.score(words, masked, &kb.cueWords)
		if got := p > kb.model.threshold; got != tc.want {
			t.Errorf("model on %q: P(crisis) %.3f, threshold %.3f: alarm %t, want %t", tc.text, p, kb.model.threshold, got, tc.want)
		}
	}
}

// TestCrisisShortMessages: a reply of one or two words without a crisis
// cue is no alarm ("und dann?" once read as violence), a short crisis is.
func TestCrisisShortMessages(t *testing.T) {
	kb := loadBuiltinKB(t)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"und dann?", false},
		{"and then?", false},
		{"und jetzt?", false},
		{"will sterben", true},
		{"мене зґвалтували", true},
		{"kocam dövüyor", true},
	} {
		if got := kb.DetectCrisis(tc.text) != nil; got != tc.want {
			t.Errorf("DetectCrisis(%q): alarm %t, want %t", tc.text, got, tc.want)
		}
	}
}

// BenchmarkCrisisModelScore is the model's part of DetectCrisis on a
// message of the usual length: it must stay below 50 µs.
func BenchmarkCrisisModelScore(b *testing.B) {
	kb, err := Load(Builtin(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	words, _, masked := kb.crisisInput("Mein Mann ist krank und ich weiß nicht mehr weiter, wer zahlt die Pflege zu Hause?")
	for b.Loop() {
		kb.model.score(words, masked, &kb.cueWords)
	}
}

// BenchmarkCrisisModelLoad parses the embedded model: once per process, it
// must stay below 20 ms.
func BenchmarkCrisisModelLoad(b *testing.B) {
	for b.Loop() {
		if _, err := parseCrisisModel(crisisModelFile); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCrisisSafetyNet: a crisis in words of no signal and of no training
// message gets the crisis answer or, below the model's alarm threshold, at
// least the distress line with the TelefonSeelsorge and 112.
func TestCrisisSafetyNet(t *testing.T) {
	kb := loadBuiltinKB(t)
	for _, text := range []string{
		"I swallowed all my mother's sleeping pills",
		"babam annemi bıçakla yaraladı, kan var",
		"he pushed me down the stairs and I can't feel my leg",
		"мама лежить на підлозі і не дихає",
		"баща ми преби майка ми и тя не става",
		"ich hab mir gerade die pulsadern aufgeschnitten",
	} {
		if kb.DetectCrisis(text) == nil && !kb.DetectDistress(text) {
			words, _, masked := kb.crisisInput(text)
			p, _ := kb.model.score(words, masked, &kb.cueWords)
			t.Errorf("%q: neither a crisis nor distress (model P(crisis) %.3f, distress line above %.3f)", text, p, kb.model.distress)
		}
	}
}

// TestCrisisModelParse: a broken model file is reported, never half read,
// and a knowledge base without the model's kinds does not use it.
func TestCrisisModelParse(t *testing.T) {
	const good = "# a model\nversion 2\nthreshold 0.9\ndistress 0.5\nkinds suizid gewalt\nbias -1000 0 0\nw:tod 2500 0:1500\nc:<to 100\n"
	m, err := parseCrisisModel(strings.Replace(good, "version 2", fmt.Sprintf("version %d", crisisModelVersion), 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.alarm) != 2 || m.threshold != 0.9 || m.distress != 0.5 || m.kindBias[1] != 0 || m.kind[0] != (classWeight{0, 1.5}) {
		t.Errorf("parsed %+v", m)
	}
	for _, tc := range []struct{ old, new, want string }{
		{"version 2", "version 0", "version 0, want"},
		{"bias -1000 0 0", "bias -1000 0", "one bias per kind"},
		{"w:tod 2500 0:1500", "w:tod 2500 7:1500", `"7:1500" is not kind:weight`},
		{"w:tod 2500 0:1500", "w:tod x", "line 7"},
		{"c:<to 100", "w:tod 100", `feature "w:tod" is listed twice`},
		{"threshold 0.9", "threshold high", "line 3"},
	} {
		text := strings.Replace(strings.Replace(good, tc.old, tc.new, 1), "version 2", fmt.Sprintf("version %d", crisisModelVersion), 1)
		if _, err := parseCrisisModel(text); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: error %v, want %q", tc.old, tc.new, err, tc.want)
		}
	}
	kb := loadCrisisKB(t) // kinds suizid, gewalt, kind: not the model's
	if kb.model != nil {
		t.Error("a knowledge base without the model's kinds uses the model")
	}
	if !strings.Contains(kb.Warnings.Error(), "the crisis model knows the crisis") {
		t.Errorf("warnings lack the model's:\n%v", kb.Warnings)
	}
}

// TestCrisisDistant: a signal in a message told from a distance (long
// ago, asked for clients or in general, in a film) raises no alarm when
// the model is sure it is no crisis; the same words here and now do.
func TestCrisisDistant(t *testing.T) {
	kb := loadBuiltinKB(t)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Hatte früher mal Suizidgedanken, das ist lange her und es geht mir gut. Frage: Bekommt man Eingliederungshilfe bei einer psychischen Erkrankung?", false},
		{"Wir sind eine Beratungsstelle gegen häusliche Gewalt und möchten wissen, ob unsere Klientinnen den Dortmund-Pass bekommen können.", false},
		{"I had suicidal thoughts as a teenager, all fine now. Does the social office cover therapy costs?", false},
		{"ich habe suizidgedanken", true},
		{"ich erlebe häusliche gewalt, wo kann ich hin", true},
		{"früher war alles besser, heute will ich nur noch sterben", true},
		{"eşimden ayrıldım, beni evden çıkardı ama şiddet yok. kira yardımı alabilir miyim?", false}, // "eşimden" is no typo of "peşimden"
		{"mein opa hat demenz und haut nachts immer ab, wo gibts beratung", false},
	} {
		if got := kb.DetectCrisis(tc.text) != nil; got != tc.want {
			words, _, masked := kb.crisisInput(tc.text)
			p, _ := kb.modelScore(words, masked)
			t.Errorf("DetectCrisis(%q): alarm %t, want %t (model %.3f)", tc.text, got, tc.want, p)
		}
	}
}
