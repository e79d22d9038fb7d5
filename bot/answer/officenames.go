package answer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// askedOffice is the office of topic t that a message asks for by name
// ("adresse männerübernachtungsstelle", "Versorgungsamt Adresse", "wann
// macht das Gast Haus auf", "LWL Inklusionsamt Telefon"), or nil: a word
// the office is called by (officeCallWords) is among the message's words,
// and its other words name neither the topic nor another topic's title
// ("Schwerbehindertenausweis beim Versorgungsamt, wo?" asks the topic,
// whose card shows the office). Only for a message that asks nothing or
// where: what an office offers is in its topic's text. Topics with one office
// per Stadtbezirk are left to the places named, and a referral's text
// says first that another office is responsible.
//
// tied is the office the search matched as well as the topic (namedOffice):
// a word that calls other offices too calls it ("Sozialbüro Innenstadt
// Adresse": "Innenstadt" calls the Seniorenbüros of the Innenstadt too).
func askedOffice(kb *knowledge.Base, t *knowledge.Topic, sig signals, aspect Aspect, tied *knowledge.Office, lang string) *knowledge.Office {
	if t == nil || t.LocalOffices || t.Referral || aspect != AspectNone && aspect != AspectWhere {
		return nil
	}
	calls := officeCallWords(kb, t)
	words := sig.words
	var found *knowledge.Office
	called := map[string]bool{}
	for i, w := range words {
		forms := []string{w, umlautSpelt(w)}
		two := i+1 < len(words)
		if two {
			// "gast haus": the name written in two words.
			forms = append(forms, w+words[i+1], umlautSpelt(w+words[i+1]))
		}
		for k, f := range forms {
			c, ok := calls[f]
			if !ok || c.titled && aspect != AspectWhere || c.shared && (tied == nil || tied.ID != c.office) {
				continue
			}
			if found != nil && found.ID != c.office {
				return nil // two offices named: the topic shows both
			}
			found = kb.Office(c.office)
			called[w] = true
			if k >= 2 {
				called[words[i+1]] = true
			}
		}
	}
	if found == nil {
		return nil
	}
	places := placeWords(kb)
	name := nameParts(found.Name.DE)
	var rest []string
	for _, w := range sig.rest {
		if !called[w] && !places[w] && !slices.Contains(name, w) && !slices.Contains(name, umlautSpelt(w)) {
			rest = append(rest, w)
		}
	}
	if namesTitle(t, rest) || namesTopic(kb, index.Hit{ID: t.ID, Kind: index.KindTopic}, rest, lang) ||
		slices.ContainsFunc(rest, func(w string) bool { return vocabOf(kb).titles[w] }) {
		return nil
	}
	return found
}

// officeCallWords maps the words the offices of topic t are called by to
// the office (shared: another office is called by it too): the capitalised words of its German name (its English name is
// a description; "behinderte" in "Fahrdienst für behinderte Menschen"
// describes) and its keywords, with and without hyphens, and the parts of a
// hyphened name ("LWL", "Inklusionsamt"), where they are no common word, at
// least five letters long or an abbreviation ("MÜS", "ZBS"), and no place.
// A word that another office of the topic is called by too calls none
// ("Sozialbüro", "Sozialamt"). A word of the topic's title names the topic
// (nameCall).
func officeCallWords(kb *knowledge.Base, t *knowledge.Topic) map[string]officeCall {
	return officeCallCache.get(t, func() map[string]officeCall {
		all := officeCallCounts(kb)
		n := map[string]int{}
		per := map[string]map[string]bool{}
		for _, o := range kb.OfficesOf(t) {
			ws := callWords(kb, o)
			for w := range ws {
				n[w]++
			}
			per[o.ID] = ws
		}
		out := map[string]officeCall{}
		for _, o := range kb.OfficesOf(t) {
			for w := range per[o.ID] {
				if n[w] > 1 {
					continue
				}
				if titled, ok := nameCall(t, w); ok {
					out[w] = officeCall{office: o.ID, titled: titled, shared: all[w] > 1}
				}
			}
		}
		return out
	})
}

// officeCall is the office a word calls; titled: the topic's title says
// the word, so that it calls the office only where the message asks where
// it is.
type officeCall struct {
	office string
	titled bool
	// shared: an office of another topic is called by the word too
	// ("Innenstadt"); it calls this one only where the search agrees.
	shared bool
}

// nameCall tells whether a word of an office's name may call the office in
// a message about topic t (ok), and whether the title says it (titled). A
// word of the title names the topic ("wohnungslose" in the ZBS's name),
// unless the title says it is where the topic is handled ("beim
// Versorgungsamt", "Entscheidung beim LWL"); a compound that begins with a
// word of the title ("Bestattungskostenhilfe") names the topic as much as
// the office.
func nameCall(t *knowledge.Topic, w string) (titled, ok bool) {
	title, at := titleAndSeat(t)
	switch {
	case at[w]:
		return true, true
	case title[w]:
		return false, false
	}
	return beginsWithAny(w, title), true
}

// titleAndSeat are the folded words of the topic's German title and the parts
// of its hyphened words; at are those that follow "beim", "im", "bei":
// where the topic is handled.
func titleAndSeat(t *knowledge.Topic) (title, at map[string]bool) {
	title, at = map[string]bool{}, map[string]bool{}
	words := foldWords(t.Title.DE)
	for i, w := range words {
		title[w] = true
		for _, p := range strings.Split(w, "-") {
			title[p] = true
		}
		if i > 0 && atWords[words[i-1]] {
			at[w] = true
		}
	}
	return title, at
}

var atWords = set(strings.Fields(`beim im bei`))

// beginsWithAny reports whether w is a compound that begins with one of
// the words (of six letters at least).
func beginsWithAny(w string, words map[string]bool) bool {
	for p := range words {
		if len(p) >= 6 && len(w) > len(p) && strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// callWords are the words an office may be called by (see officeCallWords),
// before they are weighed against the other offices.
func callWords(kb *knowledge.Base, o *knowledge.Office) map[string]bool {
	places, v := placeWords(kb), vocabOf(kb)
	ws := map[string]bool{}
	keyword := false
	add := func(orig, w string) {
		abbrev := len([]rune(orig)) >= 2 && strings.ToUpper(orig) == orig && strings.IndexFunc(orig, unicode.IsLetter) >= 0
		capital := strings.IndexFunc(orig, unicode.IsUpper) == 0
		if !abbrev && (!capital || len(w) < 5 || followupWords[w] || stopWords[w] || nameFillers[w] || places[w]) {
			return
		}
		if keyword && v.namesWord(w) {
			return // "Frauen", "Kinder": a keyword that names some topic says who the office is for
		}
		ws[w] = true
		if v := umlautSpelt(w); v != w {
			ws[v] = true
		}
	}
	read := func(s string) {
		orig, folded := splitWords(s)
		for i, w := range folded {
			if keyword && len(folded) > 1 && !isStreet(w) {
				continue // "Zentrale Beratungsstelle": the name's words; "Untere Brinkstraße": the street
			}
			add(orig[i], w)
			if strings.Contains(w, "-") {
				add(orig[i], strings.ReplaceAll(w, "-", ""))
				origParts := strings.Split(orig[i], "-")
				for j, p := range strings.Split(w, "-") {
					if j < len(origParts) {
						add(origParts[j], p)
					}
				}
			}
		}
	}
	read(o.Name.DE)
	keyword = true
	for _, k := range o.Keywords {
		read(k)
	}
	return ws
}

// nameFillers are words of offices' names that call no office: the cities
// an office serves, words that qualify.
var nameFillers = set(strings.Fields(`statt gemeinsames stadte soziale besondere bochum hagen`))

// officeCallCounts counts by how many offices each word may be called.
func officeCallCounts(kb *knowledge.Base) map[string]int {
	return officeCallCountCache.get(kb, func() map[string]int {
		n := map[string]int{}
		for i := range kb.Offices {
			for w := range callWords(kb, &kb.Offices[i]) {
				n[w]++
			}
		}
		return n
	})
}

var (
	officeCallCache      = cache[*knowledge.Topic, map[string]officeCall]{max: maxCached}
	officeCallCountCache = cache[*knowledge.Base, map[string]int]{max: maxCachedBases}
)
