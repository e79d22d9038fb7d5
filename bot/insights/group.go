package insights

import (
	"sort"
	"strings"
	"unicode"
)

// Group is a set of unanswered questions that use mostly the same words.
type Group struct {
	// Question is the most frequent wording in the group.
	Question string
	// Count is how often any question of the group was asked.
	Count int
	// Similar are up to MaxSimilar other wordings, most frequent first.
	Similar []string
}

// MaxSimilar is how many other wordings a Group shows.
const MaxSimilar = 3

// Similarity is how much two questions' words must overlap (Jaccard: shared
// words / all words) to be grouped.
const Similarity = 0.5

// Groups groups questions (wording → how often it was asked) by similar
// words: lower-cased, umlauts folded, small words such as "ich" or "wo"
// dropped, endings cut. It returns the groups most frequent first.
func Groups(questions map[string]int) []Group {
	type wording struct {
		text  string
		count int
		words map[string]bool
	}
	list := make([]wording, 0, len(questions))
	for q, n := range questions {
		list = append(list, wording{q, n, Words(q)})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].text < list[j].text
	})
	type group struct {
		Group
		words map[string]bool
	}
	var groups []*group
	for _, w := range list {
		var best *group
		bestSim := 0.0
		for _, g := range groups {
			if sim := jaccard(w.words, g.words); sim >= Similarity && sim > bestSim {
				best, bestSim = g, sim
			}
		}
		if best == nil {
			groups = append(groups, &group{Group{Question: w.text, Count: w.count}, w.words})
			continue
		}
		best.Count += w.count
		if len(best.Similar) < MaxSimilar {
			best.Similar = append(best.Similar, w.text)
		}
	}
	out := make([]Group, len(groups))
	for i, g := range groups {
		out[i] = g.Group
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// jaccard is |a∩b| / |a∪b|; two empty sets are alike only when the texts
// are, which the caller's map already ensures, so they count as different.
func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// smallWords carry no topic in German or English questions.
var smallWords = wordSet(`
		ich du er sie es wir ihr man mir mich mein meine meinen meinem meiner dein deine uns
		der die das den dem des ein eine einen einem einer kein keine
		und oder aber auch noch schon nur so ja nein nicht doch mal denn dann
		wo wie was wann wer wen wem welche welcher welches warum wieso weshalb woher wohin
		kann koennen konnen muss muessen mussen soll sollte darf will moechte mochte
		ist sind bin bist war waren sein habe hab hast hat haben wird werden wurde gibt gib
		bei fur fuer mit von vom zu zum zur im in an am auf aus nach um uber ueber unter vor durch bis ab
		bitte danke hallo hilfe brauche brauchen suche gerne
		i you he she we they me my your our the a an and or but not no yes
		where how what when who which why can could must should may will would
		is are am was were be been have has had do does did get need please hello thanks help
		to of in on at for from with by about
		zahl datum telefon e-mail iban link name`)

func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// Words returns the words of a question that say what it is about, in a
// normal form: "Wie beantrage ich Grundsicherung?" → {beantrag, grundsicher}.
func Words(q string) map[string]bool {
	q = foldUmlauts(strings.ToLower(q))
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		w = strings.Trim(w, "-")
		if len([]rune(w)) < 2 || smallWords[w] {
			continue
		}
		words[stem(w)] = true
	}
	return words
}

var umlauts = strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss", "ae", "a", "oe", "o", "ue", "u")

func foldUmlauts(s string) string { return umlauts.Replace(s) }

// stem cuts common German and English endings, enough to join "Antrag" and
// "Anträge", "beantragen" and "beantragt"; it is no full stemmer.
func stem(w string) string {
	for _, suffix := range []string{"ungen", "ung", "en", "er", "es", "em", "e", "n", "s", "t"} {
		if r := []rune(w); len(r) > len([]rune(suffix))+3 && strings.HasSuffix(w, suffix) {
			return strings.TrimSuffix(w, suffix)
		}
	}
	return w
}
