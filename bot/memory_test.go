package bot

import (
	"testing"
)

// Conversations of several messages through the fake Bot API and the real
// search: the memory of a private chat, crisis lines first, asking back,
// the map button, and groups where every message stands alone.
func TestConversationMemory(t *testing.T) {
	ix := builtinIndex(t)
	steps := []struct {
		name string
		chat int64
		text string
		want []call
		not  []string
	}{
		{"topic", 1, "Behindertenfahrdienst", []call{c("sendChatAction"), c("sendMessage", "<b>Behindertenfahrdienst", "🗺 Karte", "openstreetmap.org/search")}, nil},
		{"follow-up on the topic", 1, "was kostet das?", []call{c("sendChatAction"), c("sendMessage", "<b>Kosten</b>", "25 €", "v1:a:behindertenfahrdienst:who")}, []string{"Worum geht es"}},
		{"another follow-up", 1, "und wo ist das?", []call{c("sendChatAction"), c("sendMessage", "Luisenstraße", "0231 50-23330")}, nil},
		{"a new topic switches", 1, "Elterngeld", []call{c("sendChatAction"), c("sendMessage", "<b>Elterngeld")}, []string{"Behindertenfahrdienst"}},
		{"out of scope mid-conversation", 1, "Wann spielt der BVB?", []call{c("sendChatAction"), c("sendMessage", "0231 50-0")}, []string{"<b>Elterngeld"}},
		{"/start forgets", 1, "/start", []call{c("sendMessage", "Guten Tag"), c("sendMessage", "Standort")}, nil},
		{"no topic, no context: ask back", 1, "was kostet das?", []call{c("sendChatAction"), c("sendMessage", "Worum geht es?", "v1:t:grundsicherung")}, []string{"25 €"}},

		{"crisis first", 2, "Ich will nicht mehr leben", []call{c("sendChatAction"), c("sendMessage", "TelefonSeelsorge", "0800 111 0 111")}, nil},

		{"homeless", 3, "Ich bin obdachlos und brauche heute Nacht einen Schlafplatz", []call{c("sendChatAction"), c("sendMessage", "wohnungslose", "rund um die Uhr geöffnet", "Männerübernachtungsstelle", "Frauenübernachtungsstelle")}, nil},
		{"a woman", 3, "ich bin eine Frau", []call{c("sendChatAction"), c("sendMessage", "Frauenübernachtungsstelle", "Nortkirchenstraße")}, []string{"Männerübernachtungsstelle</b>"}},

		{"a place follows up", 4, "Seniorenbüro", []call{c("sendChatAction"), c("sendMessage", "Jeder Stadtbezirk hat ein eigenes Büro")}, nil},
		{"in Sölde", 4, "ich wohne in Sölde", []call{c("sendChatAction"), c("sendMessage", "Zuständig: Seniorenbüro Aplerbeck")}, nil},

		{"group: a topic", -5, "@" + testBotName + " Behindertenfahrdienst", []call{c("sendChatAction"), c("sendMessage", "<b>Behindertenfahrdienst")}, nil},
		{"group: no memory", -5, "@" + testBotName + " was kostet das?", []call{c("sendChatAction"), c("sendMessage", "Worum geht es?")}, []string{"25 €"}},
		{"group: plain text ignored", -5, "was kostet das?", nil, nil},
	}
	h := newHarness(t, ix)
	for _, s := range steps {
		u := privateText(s.chat, "de", s.text)
		if s.chat < 0 {
			u = groupText(1, s.chat, s.text)
		}
		checkCalls(t, s.name, h.send(u), s.want, s.not)
	}
}
