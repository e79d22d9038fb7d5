package bot

import (
	"fmt"
	"strings"
	"testing"
)

// The conversation with the real search over the built-in knowledge base.
func TestRealIndexConversation(t *testing.T) {
	ix := builtinIndex(t)
	cases := []struct {
		name string
		text string
		want []call
	}{
		{"topic", "Grundsicherung beantragen", []call{c("sendChatAction"), c("sendMessage", "<b>Grundsicherung", "v1:f:grundsicherung:u")}},
		{"greeting", "Hallo", []call{c("sendChatAction"), c("sendMessage", "Hallo!")}},
		{"empty", "🙂", []call{c("sendMessage", "keine Frage gefunden")}},
		{"out of scope", "Wann spielt der BVB?", []call{c("sendChatAction"), c("sendMessage", "0231 50-0")}},
		// A German phone, an English question: the answer follows the question.
		{"english question", "How do I get a disability card?", []call{c("sendChatAction"), c("sendMessage", "Text of:", "Who can get it?")}},
	}
	for _, tc := range cases {
		h := newHarness(t, ix)
		checkCalls(t, tc.name, h.send(privateText(1, "de", tc.text)), tc.want, nil)
	}
	// A language chosen with /sprache wins over the question's language.
	h0 := newHarness(t, ix)
	h0.send(press(2, "en", "v1:l:de"))
	checkCalls(t, "chosen German, English question", h0.send(privateText(2, "en", "How do I get a disability card?")),
		[]call{c("sendChatAction"), c("sendMessage", "Text vom:", "Wer bekommt es?")}, nil)

	// A postcode of one district is remembered and the topic asked; one of
	// several asks which district.
	kb := ix.Base()
	var single, shared, name string
	for _, d := range kb.Districts {
		for _, pc := range d.Postcodes {
			switch n := len(kb.DistrictsOfPostcode(pc)); {
			case n == 1 && single == "":
				single, name = pc, d.Name
			case n > 1 && shared == "":
				shared = pc
			}
		}
	}
	h := newHarness(t, ix)
	if single == "" {
		t.Errorf("no postcode belongs to one district only")
	} else {
		checkCalls(t, "postcode "+single, h.send(privateText(1, "de", single)),
			[]call{c("sendChatAction"), c("sendMessage", "Worum geht es?", "v1:t:seniorenbueros")}, nil)
		checkCalls(t, "then the topic "+name, h.send(privateText(1, "de", "Seniorenbüro")),
			[]call{c("sendChatAction"), c("sendMessage", "Zuständig: Seniorenbüro")}, nil)
	}
	if shared != "" {
		checkCalls(t, "postcode "+shared, h.send(privateText(1, "de", shared)),
			[]call{c("sendChatAction"), c("sendMessage", "Welcher Stadtbezirk", "v1:d:")}, nil)
	}
	// A shared location: the conversation's topic there; after /start the
	// district's offices.
	got := h.send(location(1, 51.4833, 7.5))
	checkCalls(t, "location", got, []call{c("sendMessage", "ungefähr im Stadtbezirk <b>Hörde</b>", "Zuständig: Seniorenbüro Hörde")}, nil)
	h.send(privateText(1, "de", "/start"))
	got = h.send(location(1, 51.4833, 7.5))
	checkCalls(t, "location after /start", got, []call{c("sendMessage", "ungefähr im Stadtbezirk <b>Hörde</b>", "Seniorenbüro Hörde", "lokal willkommen")}, nil)
}

// Every way a citizen might ask about each topic of the built-in knowledge
// base (its titles and phrasings, in both languages) gets a reply that
// Telegram accepts, and every deep link opens its topic.
func TestRealIndexEveryTopic(t *testing.T) {
	ix := builtinIndex(t)
	kb := ix.Base()
	h := newHarness(t, ix)
	answered, asked := 0, 0
	for _, tp := range kb.Topics {
		questions := append([]string{tp.Title.DE, tp.Title.EN}, tp.Phrasings.DE...)
		questions = append(questions, tp.Phrasings.EN...)
		for _, q := range questions {
			got := h.send(privateText(1, "de", q))
			asked++
			if countMethod(got, "sendMessage") == 0 {
				t.Errorf("%s: no reply to %q", tp.ID, q)
			}
			for _, cl := range got {
				if strings.Contains(cl.Params["reply_markup"], fmt.Sprintf("v1:f:%s:u", tp.ID)) {
					answered++
					break
				}
			}
		}
		got := h.send(privateText(1, "en", "/start "+tp.ID))
		if len(got) == 0 || !strings.Contains(got[0].Params["text"], "<b>"+esc(tp.Title.EN)+"</b>") {
			t.Errorf("deep link to %s does not open it", tp.ID)
		}
	}
	t.Logf("%d of %d titles and phrasings answered with their own topic", answered, asked)
	for _, o := range kb.Offices {
		got := h.send(privateText(1, "de", "/start "+o.ID))
		if len(got) == 0 || !strings.Contains(got[0].Params["text"], "<b>"+esc(o.Name.DE)+"</b>") {
			t.Errorf("deep link to %s does not open it", o.ID)
		}
	}
	got := h.send(inline(1, "de", "Grundsicherung"))
	checkCalls(t, "inline", got, []call{c("answerInlineQuery", "grundsicherung")}, nil)
}
