package answer

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// messageClauses splits a message at sentence and clause marks and at the words
// that join two clauses ("und", "aber", "and", "but"): "die pflege zahlt
// keiner und ich will nur noch sterben" is two things said.
func messageClauses(q string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(q, func(r rune) bool {
		return strings.ContainsRune(".!?,;:\n", r)
	}) {
		var cur []string
		for _, w := range strings.Fields(part) {
			if joiners[strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))] && len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = nil
				continue
			}
			cur = append(cur, w)
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
	}
	return out
}

var joiners = set(strings.Fields(`und aber sondern and but`))

// withoutCrisis is the part of a crisis message that says something else
// than the crisis: the clauses that are no crisis on their own and whose
// leaving out does not end the crisis. "grundsicherung abgelehnt, miete
// kann ich nicht zahlen, ich hab mir schon einen strick besorgt" says what
// the person needs besides help now. Empty when the message cannot be told
// apart so (one clause, or every clause speaks of the crisis).
func withoutCrisis(kb *knowledge.Base, q string) string {
	cs := messageClauses(q)
	if len(cs) < 2 {
		return ""
	}
	carries := make([]bool, len(cs))
	found := false
	for i, c := range cs {
		if crisis, _ := kb.Screen(c); crisis != nil {
			carries[i], found = true, true
		}
	}
	if !found {
		// The crisis is in no clause alone ("mein Freund will mich
		// umbringen, wenn ich es behalte"): the clauses without which it
		// is gone carry it.
		for i := range cs {
			rest := strings.Join(append(append([]string{}, cs[:i]...), cs[i+1:]...), ", ")
			if crisis, _ := kb.Screen(rest); crisis == nil {
				carries[i], found = true, true
			}
		}
	}
	if !found {
		return ""
	}
	var keep []string
	for i, c := range cs {
		if !carries[i] {
			keep = append(keep, c)
		}
	}
	return strings.Join(keep, ", ")
}

// crisisTopic is the topic to offer after the crisis lines: the need the
// message names beside the crisis ("ich bring mich um, die Grundsicherung
// wurde abgelehnt"), where the search is sure of it; else a topic the whole
// message names by its title ("… in der Unterkunft geschlagen"); else the
// topic of the crisis itself (a shelter for the night, tonight set); else
// a topic some crisis offers that the search of the whole message is sure
// of (thrown out or assaulted and "on the street" in any language: the
// help for the homeless, tonight set, whatever the kind); else the
// conversation's topic ("wie beantrage ich Grundsicherung" … "ich bring
// mich sowieso bald um").
func (a *Answerer) crisisTopic(ctx context.Context, kb *knowledge.Base, st *State, q string, c *knowledge.Crisis) (t *knowledge.Topic, tonight bool) {
	need := withoutCrisis(kb, q)
	if need != "" {
		if t := a.sureTopic(ctx, kb, need, false); t != nil {
			return t, false
		}
	}
	if t := a.sureTopic(ctx, kb, q, true); t != nil {
		return t, false
	}
	if c.Topic == "" {
		for _, s := range []string{need, q} {
			if s == "" {
				continue
			}
			if t := a.crisisNeed(ctx, kb, s); t != nil {
				return t, true
			}
		}
	}
	if t := kb.Topic(c.Topic); t != nil {
		return t, true
	}
	return kb.Topic(st.Topic), false
}

// sureTopic is the topic a search of q answers with and is sure of: a
// topic q names by a word of its title that leads the next by the margin,
// or (unless named is set) an answer of the search, with no second topic
// within the margin, to words of which one at least names some topic
// ("eigentlich ist es egal" names none). Nil otherwise.
func (a *Answerer) sureTopic(ctx context.Context, kb *knowledge.Base, q string, named bool) *knowledge.Topic {
	res, err := a.s.Search(ctx, q)
	if err != nil || len(res.Elsewhere) > 0 {
		return nil
	}
	hits := knownHits(kb, res.Hits)
	if len(hits) == 0 || !leads(kb, hits, a.margin) {
		return nil
	}
	rest := readSignals(q).rest
	if namesTopic(kb, hits[0], rest, "de") || namesTopic(kb, hits[0], rest, "en") ||
		!named && res.Answered && slices.ContainsFunc(rest, vocabOf(kb).namesWord) {
		return kb.Topic(topicOfHit(kb, hits[0]))
	}
	return nil
}

// clauseSearch searches, one by one, the clauses of a message the search
// was not sure of that hold a word naming some topic. Feelings said beside
// the question dilute what its words explain ("das Sozialamt bringt mich
// noch ins Grab, wann kommt endlich mein Bescheid für Grundsicherung"); the
// clause that names the topic is clear. A clause counts when its best topic
// leads the next by the margin and the clause names it (a word of its title
// or one of its one-word keywords: "wie kriege ich einen WBS") and none of
// the whole message's other first three ("Versorgungsamt" is in the titles
// of Elterngeld and of the Schwerbehindertenausweis); of the
// topics so counted, the one the whole message ranks first is taken, when
// it is among the whole message's first three. Not for stories: a story
// names the benefits the person already has or was refused ("für
// Grundsicherung sind wir zu reich"), which search reads as background.
func (a *Answerer) clauseSearch(ctx context.Context, kb *knowledge.Base, q string, rest []string, whole index.Result) (index.Result, bool, error) {
	cs := messageClauses(q)
	if len(cs) < 2 || len(whole.Elsewhere) > 0 || isStory(q) {
		return whole, false, nil
	}
	lang, _ := index.DetectLanguage(q)
	nouns := germanNouns(q, lang)
	if nouns != nil {
		// A sentence may begin with the noun: "Vaterschaftsanerkennung
		// vor der Geburt, wo geht das?"
		for w := range capitalWords(q, true) {
			nouns[w] = true
		}
	}
	if strangeWord(kb, rest, nouns) {
		// A noun the knowledge base never uses ("Vaterschaftsanerkennung
		// vor der Geburt", "unsere Katze ist gestorben") is what the
		// message is about: the clause beside it is no better.
		return whole, false, nil
	}
	v := vocabOf(kb)
	wholeHits := knownHits(kb, whole.Hits)
	found := map[string]index.Result{}
	asking := false
	for _, c := range cs {
		sig := readSignals(c)
		words := sig.rest
		if !slices.ContainsFunc(words, v.namesWord) {
			continue
		}
		if a := asks(q, c, sig); a && !asking {
			// "Gibt es eine E-Mail-Adresse vom Sozialamt? Ich bin
			// schwerhörig": the clause that asks, not the one that tells
			// who asks.
			asking, found = true, map[string]index.Result{}
		} else if asking && !a {
			continue
		}
		res, err := a.s.Search(ctx, c)
		if err != nil {
			return whole, false, err
		}
		hits := knownHits(kb, res.Hits)
		if len(hits) == 0 || len(res.Elsewhere) > 0 || !leads(kb, hits, a.margin) {
			continue
		}
		t := topicOfHit(kb, hits[0])
		// A clause the search is sure of agrees with the whole message
		// where the whole ranks its topic first: "… bin todmüde vom
		// Papierkram, will nur wissen wo man den Dortmund Pass verlängert".
		agrees := res.Answered && len(wholeHits) > 0 && t == topicOfHit(kb, wholeHits[0])
		if _, seen := found[t]; !seen && (namesOwnWord(kb.Topic(t), words) || agrees) && !namesOther(kb, t, wholeHits, words) {
			found[t] = res
		}
	}
	seen := map[string]bool{}
	for i, h := range wholeHits {
		t := topicOfHit(kb, h, wholeHits[:i]...)
		if t == "" || seen[t] {
			continue
		}
		if res, ok := found[t]; ok {
			res.Question, res.Districts, res.Answered, res.Reason = q, whole.Districts, true, ""
			return res, true, nil
		}
		if seen[t] = true; len(seen) >= 3 {
			break
		}
	}
	return whole, false, nil
}

// namesOther reports whether the words name another topic than t among the
// first three topics of hits.
func namesOther(kb *knowledge.Base, t string, hits []index.Hit, words []string) bool {
	seen := map[string]bool{}
	for i, h := range hits {
		u := topicOfHit(kb, h, hits[:i]...)
		if u == "" || seen[u] {
			continue
		}
		if seen[u] = true; u != t && namesOwnWord(kb.Topic(u), words) {
			return true
		}
		if len(seen) >= 3 {
			break
		}
	}
	return false
}

// namesOwnWord reports whether one of the words is a word of the topic's
// title (four letters or more) or one of its keywords of one word ("WBS")
// that is no person ("Kind", "Mutter" name who, not what).
func namesOwnWord(t *knowledge.Topic, words []string) bool {
	if t == nil {
		return false
	}
	if namesTitle(t, words) {
		return true
	}
	for _, k := range t.Keywords {
		if kw := foldWords(k); len(kw) == 1 && len(kw[0]) >= 3 && !personWords[kw[0]] && slices.Contains(words, kw[0]) {
			return true
		}
	}
	return false
}

// asks reports whether clause c of message q (with the signals sig of c)
// asks: it ends with a question mark, begins with a question word, or asks
// for an aspect.
func asks(q, c string, sig signals) bool {
	if i := strings.Index(q, c); i >= 0 && strings.HasPrefix(strings.TrimSpace(q[i+len(c):]), "?") {
		return true
	}
	return sig.aspect != "" || len(sig.words) > 0 && (questionWords[sig.words[0]] || questionStarts[sig.words[0]])
}

// questionStarts begin a question, though inside a sentence they state
// ("gibt es …?" but "ich bekomme 400 €").
var questionStarts = set(strings.Fields(`gibt gibts bekomme kriege krieg bekommt kriegt do does is are`))

// deniedBenefits are the words of topic titles that a story's telling
// sentences deny, with a word of denial within three words: "Für
// Grundsicherung sind wir zu reich", "Bürgergeld bekomme ich nicht, weil
// ich nicht erwerbsfähig bin", "Sozialhilfe wollen wir nicht". They say
// that what the person needs is something else. A question keeps them
// ("Bekomme ich keine Grundsicherung?").
func deniedBenefits(kb *knowledge.Base, q string) []string {
	return titleWordsTold(kb, q, func(words []string, i int) bool { return true })
}

// titleWordsTold are the words of topic titles in the telling sentences of a
// story (not its questions) that a word of denial stands near, and that
// keep(words, i) accepts.
func titleWordsTold(kb *knowledge.Base, q string, keep func(words []string, i int) bool) []string {
	var out []string
	for _, s := range storySentences(q) {
		if strings.HasSuffix(strings.TrimSpace(s), "?") {
			continue
		}
		words := foldWords(s)
		for i, w := range words {
			if namesAnyTitle(kb, w) && deniedAt(words, i) && keep(words, i) {
				out = append(out, w)
			}
		}
	}
	return out
}

// deniedAt reports whether a word of denial stands within three words of
// words[i].
func deniedAt(words []string, i int) bool {
	for k := max(0, i-3); k < min(len(words), i+4); k++ {
		// "verdiene zu viel für Bürgergeld", "earn too much for it"
		if denials[words[k]] || tooMuchAt(words, k) {
			return true
		}
	}
	return false
}

// tooMuchAt reports whether words[k] says, after "zu" or "too", that a
// person has too much for a benefit ("zu viel", "too high").
func tooMuchAt(words []string, k int) bool {
	return k > 0 && tooMuch[words[k]] && (words[k-1] == "zu" || words[k-1] == "too")
}

var tooMuch = set(strings.Fields(`viel hoch much high`))

// refusedBenefits are the denied benefits (deniedBenefits) that the person
// is refused or does not want: a verb of getting or wanting ("Grundsicherung
// krieg ich nicht", "Sozialhilfe möchte ich nicht", "steht mir nicht zu")
// or a refusal ("abgelehnt", "zu viel", "too much") near the word; not
// "das Bürgergeld ist noch nicht überwiesen", nor "die Beerdigung kann ich
// nicht zahlen".
func refusedBenefits(kb *knowledge.Base, q string) []string {
	return titleWordsTold(kb, q, func(words []string, i int) bool {
		for k := max(0, i-3); k < min(len(words), i+4); k++ {
			x := words[k]
			if getWords[x] || wantWords[x] || refusedWords[x] || tooMuchAt(words, k) {
				return true
			}
		}
		return false
	})
}

var (
	wantWords    = set(strings.Fields(`mochte moechte will wollen wollte steht stehen zusteht anspruch want wants eligible entitled`))
	refusedWords = set(strings.Fields(`abgelehnt reich refused rejected denied`))
)

// denials are the words that say a person does not get or want something.
var denials = set(strings.Fields(`nicht kein keine keinen keiner nie abgelehnt reich not no never refused rejected`))

// storySentences splits a text after each sentence mark and line break,
// keeping the marks.
func storySentences(q string) []string {
	var out []string
	start := 0
	for i, r := range q {
		if r == '.' || r == '!' || r == '?' || r == '\n' {
			if s := q[start : i+1]; hasWord(s) {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := q[start:]; hasWord(s) {
		out = append(out, s)
	}
	return out
}

// crisisNeed is the topic some crisis offers (krisen.yaml, topic:) that
// the search answers the whole message with, leading the next: "thrown
// out at night, on the street with the children" in any language. Unlike
// sureTopic it asks for no word of the German or English vocabulary: a
// need of the night is read in the message's own language.
func (a *Answerer) crisisNeed(ctx context.Context, kb *knowledge.Base, q string) *knowledge.Topic {
	res, err := a.s.Search(ctx, q)
	if err != nil || !res.Answered || len(res.Elsewhere) > 0 {
		return nil
	}
	hits := knownHits(kb, res.Hits)
	if len(hits) == 0 || !leads(kb, hits, a.margin) {
		return nil
	}
	if id := topicOfHit(kb, hits[0]); offeredInCrisis(kb, id) {
		return kb.Topic(id)
	}
	return nil
}

// offeredInCrisis reports whether some crisis of the knowledge base offers
// the topic after its lines (krisen.yaml, topic:): a need of the night, not
// a benefit to apply for.
func offeredInCrisis(kb *knowledge.Base, id string) bool {
	return slices.ContainsFunc(kb.Crises, func(c knowledge.Crisis) bool { return c.Topic == id })
}
