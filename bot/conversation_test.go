package bot

import (
	"context"
	"errors"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"sort"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
	"github.com/sozialamt-dortmund/sozialbot/index"
)

// call is an expected Bot API call: the method, and strings its parameters
// must contain.
type call struct {
	method string
	has    []string
}

func c(method string, has ...string) call { return call{method, has} }

// params is every parameter of a call as one text, keys sorted.
func params(cl telegramtest.Call) string {
	keys := make([]string, 0, len(cl.Params))
	for k := range cl.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + cl.Params[k] + "\n")
	}
	return b.String()
}

func checkCalls(t *testing.T, name string, got []telegramtest.Call, want []call, not []string) {
	t.Helper()
	var methods []string
	for _, g := range got {
		methods = append(methods, g.Method)
	}
	if len(got) != len(want) {
		var wm []string
		for _, w := range want {
			wm = append(wm, w.method)
		}
		t.Errorf("%s: got calls %v, want %v", name, methods, wm)
		for _, g := range got {
			t.Logf("  %s: %s", g.Method, params(g))
		}
		return
	}
	for i, w := range want {
		p := params(got[i])
		if got[i].Method != w.method {
			t.Errorf("%s: call %d is %s, want %s", name, i, got[i].Method, w.method)
			continue
		}
		for _, h := range w.has {
			if !strings.Contains(p, h) {
				t.Errorf("%s: call %d (%s) lacks %q; params:\n%s", name, i, w.method, h, p)
			}
		}
		for _, n := range not {
			if strings.Contains(p, n) {
				t.Errorf("%s: call %d (%s) contains %q", name, i, w.method, n)
			}
		}
	}
}

func withPhoto(u models.Update) models.Update {
	u.Message.Photo = []models.PhotoSize{{FileID: "x", Width: 1, Height: 1}}
	return u
}

func TestConversation(t *testing.T) {
	const user = 1001
	huge := strings.Repeat("Wie beantrage ich Grundsicherung für meine Mutter? ", 120)
	cases := []struct {
		name string
		u    models.Update
		want []call
		not  []string
	}{
		// Commands.
		{"start de", privateText(user, "de", "/start"), []call{
			c("sendMessage", "Sozialamt Dortmund", "keine persönlichen Daten", `"callback_data":"v1:t:grundsicherung"`, `"callback_data":"v1:m"`, "parse_mode=HTML"),
			c("sendMessage", "Standort senden", `"request_location":true`),
		}, nil},
		{"start en", privateText(user, "en-GB", "/start"), []call{
			c("sendMessage", "Hello", "Basic income support in old age", "All topics"),
			c("sendMessage", "Send location"),
		}, []string{"Guten Tag"}},
		{"start other language → English", privateText(user, "vi", "/start"), []call{
			c("sendMessage", "Hello"), c("sendMessage"),
		}, nil},
		{"deep link topic", privateText(user, "de", "/start grundsicherung"), []call{
			c("sendMessage", "<b>Grundsicherung im Alter</b>", "v1:w:grundsicherung"),
			c("sendVenue", "Sozialamt Dortmund", "51.5097"),
		}, nil},
		{"deep link office", privateText(user, "de", "/start seniorenbuero-aplerbeck"), []call{
			c("sendMessage", "<b>Seniorenbüro Aplerbeck</b>"),
			c("sendVenue", "Aplerbecker Marktplatz 21"),
		}, nil},
		{"deep link unknown", privateText(user, "de", "/start gibt-es-nicht"), []call{
			c("sendMessage", "Guten Tag"), c("sendMessage", "Standort"),
		}, nil},
		{"deep link garbage", privateText(user, "de", "/start ../../etc/passwd <b>"), []call{
			c("sendMessage", "Guten Tag"), c("sendMessage"),
		}, nil},
		{"hilfe", privateText(user, "de", "/hilfe"), []call{c("sendMessage", "So funktioniert es", "/themen")}, nil},
		{"help", privateText(user, "en", "/help"), []call{c("sendMessage", "How it works", "/topics")}, nil},
		{"themen", privateText(user, "de", "/themen"), []call{
			c("sendMessage", "Wählen Sie einen Bereich", "v1:c:geld", "v1:c:alter-pflege", "v1:c:amt"),
		}, []string{"v1:c:leer"}},
		{"kontakt", privateText(user, "de", "/kontakt"), []call{
			c("sendMessage", "<b>Sozialamt Dortmund</b>", "Luisenstraße 11–13, 44137 Dortmund (im Erdgeschoss)", "<b>Kontakt: Seniorenbüro Aplerbeck</b>", "🗺 Karte: Seniorenbüro"),
			c("sendVenue", "Sozialamt Dortmund"),
			c("sendVenue", "Seniorenbüro Aplerbeck"),
		}, nil},
		{"sprache", privateText(user, "de", "/sprache"), []call{c("sendMessage", "v1:l:de", "v1:l:en")}, nil},
		{"language", privateText(user, "en", "/language"), []call{c("sendMessage", "Which language")}, nil},
		{"datenschutz", privateText(user, "de", "/datenschutz"), []call{
			c("sendMessage", "keine persönlichen Daten", "30 Tage", "Telegram selbst sieht diesen Chat"),
		}, nil},
		{"privacy", privateText(user, "en", "/privacy"), []call{c("sendMessage", "30 days", "Telegram itself sees this chat")}, nil},
		{"unknown command", privateText(user, "de", "/foo"), []call{c("sendMessage", "Diesen Befehl kenne ich nicht")}, nil},
		{"status not admin", privateText(user, "de", "/status"), []call{c("sendMessage", "Diesen Befehl kenne ich nicht")}, []string{"topics"}},
		{"reload not admin", privateText(user, "de", "/reload"), []call{c("sendMessage", "Diesen Befehl kenne ich nicht")}, nil},
		{"status admin", privateText(4242, "de", "/status"), []call{c("sendMessage", "<pre>topics: 5 &lt;ok&gt;</pre>")}, nil},
		{"reload admin", privateText(4242, "de", "/reload"), []call{c("sendMessage", "neu geladen")}, nil},
		{"status admin in a group", groupText(4242, -500, "/status@"+testBotName), nil, nil},

		// Questions.
		{"topic card", privateText(user, "de", "Grundsicherung"), []call{
			c("sendChatAction", "typing"),
			c("sendMessage", "<b>Grundsicherung im Alter</b>", "Geld zum Leben", "<b>Zuständig: Sozialamt Dortmund</b>",
				"<i>jetzt geöffnet, bis 12:00</i>", "Sprechzeiten: Mo–Fr 08:00–12:00; Do 14:00–16:00", "Telefon: 0231 50-0",
				"Text vom: 01.10.2026", "v1:a:grundsicherung:deadlines", "v1:a:grundsicherung:bring", "v1:w:grundsicherung",
				"v1:f:grundsicherung:u", "v1:f:grundsicherung:d", "Unterlagen", "Wo und wann?", "Andere Themen",
				`"url":"https://www.openstreetmap.org/search?query=Luisenstra`, `"is_disabled":true`),
			c("sendVenue", "Sozialamt Dortmund"),
		}, []string{"Personalausweis", "<oder>", "Regelbedarf"}},
		{"aspect asked", privateText(user, "de", "Grundsicherung Fristen"), []call{
			c("sendChatAction"),
			c("sendMessage", "<b>Grundsicherung im Alter</b>", "<b>Fristen</b>", "frühestens im Monat", "v1:t:grundsicherung", "Überblick"),
			c("sendVenue"),
		}, []string{"Geld zum Leben", "v1:a:grundsicherung:deadlines"}},
		{"topic card en", privateText(user, "en", "Grundsicherung"), []call{
			c("sendChatAction"),
			c("sendMessage", "<b>Basic income support in old age</b>", "Opening hours: Mon–Fri 08:00–12:00; Thu 14:00–16:00", "Text of: 1 Oct 2026", "open now, until 12:00", "Documents", "🗺 Map"),
			c("sendVenue"),
		}, []string{"Text vom:"}},
		{"office card", privateText(user, "de", "Seniorenbüro Aplerbeck"), []call{
			c("sendChatAction"),
			c("sendMessage", "<b>Zuständig: Seniorenbüro Aplerbeck</b>", "Sprechzeiten: Mo, Do 08:00–10:00", "und nach Vereinbarung", "0231 50-29250", "v1:f:seniorenbueros:u"),
			c("sendVenue", "Seniorenbüro Aplerbeck", "51.4913"),
		}, nil},
		{"ambiguous postcode asks", privateText(user, "de", "Seniorenbüro 44145"), []call{
			c("sendChatAction"),
			c("sendMessage", "Welcher Stadtbezirk", "v1:d:innenstadt-nord:seniorenbueros", "v1:d:innenstadt-ost:seniorenbueros"),
		}, []string{"Zuständig"}},
		{"district office", privateText(user, "de", "Seniorenbüro Nordstadt"), []call{
			c("sendChatAction"),
			c("sendMessage", "Zuständig: Seniorenbüro Innenstadt-Nord", "Adresse: nicht bekannt", "Die Adresse kennen wir nicht sicher"),
		}, nil},
		{"local topic without place", privateText(user, "de", "Seniorenbüro"), []call{
			c("sendChatAction"),
			c("sendMessage", "Jeder Stadtbezirk hat ein eigenes Büro", "v1:w:seniorenbueros"),
		}, []string{"Zuständig"}},
		{"postcode only", privateText(user, "de", "44287"), []call{
			c("sendChatAction"),
			c("sendMessage", "Worum geht es?", "v1:t:seniorenbueros"),
		}, nil},
		{"ambiguous postcode only", privateText(user, "de", "44145"), []call{
			c("sendChatAction"),
			c("sendMessage", "mehreren Stadtbezirken", `"v1:d:innenstadt-nord"`, `"v1:d:innenstadt-ost"`),
		}, nil},
		{"unsure", privateText(user, "de", "Sozialleistungen"), []call{
			c("sendChatAction"),
			c("sendMessage", "nicht sicher", "Meinten Sie", "0231 50-0", "v1:t:grundsicherung", "v1:o:sozialamt-zentrale"),
		}, []string{"weg-geloescht"}},
		{"out of scope", privateText(user, "de", "Wie wird das Wetter?"), []call{
			c("sendChatAction"),
			c("sendMessage", "Dazu kann ich leider nichts sagen", "0231 50-0", "v1:m"),
		}, nil},
		{"greeting", privateText(user, "de", "Hallo"), []call{
			c("sendChatAction"),
			c("sendMessage", "Hallo! Schön, dass Sie schreiben", "v1:t:grundsicherung"),
		}, nil},
		{"emoji only", privateText(user, "de", "🙂🙂"), []call{c("sendMessage", "keine Frage gefunden")}, nil},
		{"blank", privateText(user, "de", " \n\t "), []call{c("sendMessage", "keine Frage gefunden")}, nil},
		{"binary", privateText(user, "de", "\xff\xfe\x00\x01"), []call{c("sendMessage", "keine Frage gefunden")}, nil},
		{"huge", privateText(user, "de", huge), []call{
			c("sendChatAction"),
			c("sendMessage", "Ihre Nachricht war sehr lang", "Dazu kann ich leider nichts sagen"),
		}, nil},
		// A question in Arabic is answered in Arabic (here: out of scope).
		{"arabic", privateText(user, "de", "مرحبا كيف حالك"), []call{
			c("sendChatAction"),
			c("sendMessage", firstWords(answer.T("ar", answer.MsgGreeting))),
		}, []string{"Deutsch und Englisch", "Dazu kann ich leider nichts sagen"}},
		{"long answer is split", privateText(user, "de", "lang"), []call{
			c("sendChatAction"),
			c("sendMessage", "<b>Langes Thema</b>", "v1:f:langes-thema:u"),
			c("sendVenue"),
		}, nil},
		{"photo", withPhoto(privateText(user, "de", "")), []call{c("sendMessage", "nur Text lesen")}, nil},
		{"location button as text", privateText(user, "de", "📍 Standort senden"), []call{c("sendMessage", "keinen Standort geschickt")}, nil},

		// Locations.
		{"location aplerbeck", location(user, 51.492, 7.55), []call{
			c("sendMessage", "ungefähr im Stadtbezirk <b>Aplerbeck</b>", "<b>Seniorenbüro Aplerbeck</b>", "lokal willkommen"),
			c("sendVenue", "Seniorenbüro Aplerbeck"),
		}, nil},
		{"location berlin", location(user, 52.52, 13.40), []call{c("sendMessage", "nicht in Dortmund")}, nil},
		{"location without office", location(user, 51.5101, 7.4901), []call{
			c("sendMessage", "Innenstadt-Ost", "Seniorenbüro Innenstadt-Ost"),
		}, nil},

		// Groups: only commands and mentions.
		{"group plain text", groupText(user, -500, "Grundsicherung"), nil, nil},
		{"group mention", groupText(user, -500, "@"+testBotName+" Grundsicherung"), []call{
			c("sendChatAction"),
			c("sendMessage", "<b>Grundsicherung im Alter</b>", `"message_id":77`),
			c("sendVenue"),
		}, nil},
		{"group mention other bot", groupText(user, -500, "@"+testBotName+"x Grundsicherung"), nil, nil},
		{"group command for us", groupText(user, -500, "/hilfe@"+testBotName), []call{c("sendMessage", "So funktioniert es")}, nil},
		{"group command for another bot", groupText(user, -500, "/start@other_bot"), nil, nil},
		{"group unknown command", groupText(user, -500, "/foo"), nil, nil},
		{"group start", groupText(user, -500, "/start"), []call{c("sendMessage", "Guten Tag")}, []string{"request_location"}},
		{"group location", func() models.Update {
			u := groupText(user, -500, "")
			u.Message.Location = &models.Location{Latitude: 51.49, Longitude: 7.55}
			return u
		}(), nil, nil},

		// Buttons.
		{"button topic", press(user, "de", "v1:t:grundsicherung"), []call{
			c("answerCallbackQuery"), c("sendMessage", "<b>Grundsicherung im Alter</b>"), c("sendVenue"),
		}, nil},
		{"button office", press(user, "de", "v1:o:sozialamt-zentrale"), []call{
			c("answerCallbackQuery"), c("sendMessage", "<b>Sozialamt Dortmund</b>", "E-Mail: sozialamt@dortmund.de"), c("sendVenue"),
		}, nil},
		{"button details", press(user, "de", "v1:b:grundsicherung"), []call{
			c("answerCallbackQuery"),
			c("sendMessage", "Was muss ich mitbringen?", "Personalausweis, Rentenbescheid", "Wer bekommt es?", "v1:w:grundsicherung"),
			c("sendVenue"),
		}, []string{"67 &lt;oder&gt;"}},
		{"button details without details", press(user, "de", "v1:b:kurz"), []call{
			c("answerCallbackQuery"), c("sendMessage", "keine gesicherte Angabe", "0231 50-0"),
		}, nil},
		{"button where", press(user, "de", "v1:w:sozialamt-kontakt"), []call{
			c("answerCallbackQuery"),
			c("sendMessage", "<b>Sozialamt Dortmund</b>", "Luisenstraße", "Aplerbecker Marktplatz"),
			c("sendVenue"), c("sendVenue"),
		}, nil},
		{"button where local", press(user, "de", "v1:w:seniorenbueros"), []call{
			c("answerCallbackQuery"),
			c("sendMessage", "Welcher Stadtbezirk", "v1:d:aplerbeck:seniorenbueros", "v1:d:innenstadt-nord:seniorenbueros", "v1:d:innenstadt-ost:seniorenbueros"),
		}, []string{"v1:d:brackel"}},
		{"button menu", press(user, "de", "v1:m"), []call{
			c("answerCallbackQuery"), c("sendMessage", "Wählen Sie einen Bereich", "v1:c:geld"),
		}, nil},
		{"button back", press(user, "de", "v1:k"), []call{
			c("answerCallbackQuery"), c("editMessageText", "Wählen Sie einen Bereich", "v1:c:geld", "message_id=10"),
		}, nil},
		{"button category", press(user, "de", "v1:c:amt"), []call{
			c("answerCallbackQuery"), c("editMessageText", "<b>Das Sozialamt</b>", "v1:t:lokal-willkommen", "v1:t:sozialamt-kontakt", "« Zurück", "v1:k"),
		}, nil},
		{"button unknown category", press(user, "de", "v1:c:weg"), []call{c("answerCallbackQuery", "nicht mehr gültig")}, nil},
		{"button feedback up", press(user, "de", "v1:f:grundsicherung:u"), []call{c("answerCallbackQuery", "Danke")}, nil},
		{"button feedback on a card", pressOnCard(user, "de", "v1:f:grundsicherung:u"), []call{
			c("answerCallbackQuery", "Danke"), c("editMessageReplyMarkup", "v1:b:grundsicherung", "v1:m"),
		}, []string{"v1:f:grundsicherung:d\""}},
		{"button feedback down", press(user, "de", "v1:f:grundsicherung:d"), []call{
			c("answerCallbackQuery", "Danke"), c("sendMessage", "Schade", "0231 50-0"),
		}, nil},
		{"button district with topic", press(user, "de", "v1:d:aplerbeck:seniorenbueros"), []call{
			c("answerCallbackQuery"), c("sendMessage", "Zuständig: Seniorenbüro Aplerbeck"), c("sendVenue"),
		}, nil},
		{"button district", press(user, "de", "v1:d:innenstadt-nord"), []call{
			c("answerCallbackQuery"), c("sendMessage", "Seniorenbüro Innenstadt-Nord"),
		}, nil},
		{"button garbage", press(user, "de", "<script>"), []call{c("answerCallbackQuery", "nicht mehr gültig")}, nil},
		{"button old version", press(user, "de", "v0:t:grundsicherung"), []call{c("answerCallbackQuery", "nicht mehr gültig")}, nil},
		{"button deleted topic", press(user, "de", "v1:t:weg-geloescht"), []call{c("answerCallbackQuery", "nicht mehr gültig")}, nil},
		{"button inaccessible message", func() models.Update {
			u := press(user, "de", "v1:t:grundsicherung")
			u.CallbackQuery.Message = models.MaybeInaccessibleMessage{
				Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
				InaccessibleMessage: &models.InaccessibleMessage{Chat: models.Chat{ID: user, Type: models.ChatTypePrivate}},
			}
			return u
		}(), []call{c("answerCallbackQuery"), c("sendMessage", "Grundsicherung"), c("sendVenue")}, nil},
		{"button on an inline message", func() models.Update {
			u := press(user, "de", "v1:t:grundsicherung")
			u.CallbackQuery.Message = models.MaybeInaccessibleMessage{}
			u.CallbackQuery.InlineMessageID = "inl"
			return u
		}(), []call{c("answerCallbackQuery", "nicht mehr gültig")}, nil},

		// Inline mode.
		{"inline", inline(user, "de", "Grundsicherung"), []call{
			c("answerInlineQuery", "Grundsicherung im Alter", "https://t.me/"+testBotName+"?start=grundsicherung", `"parse_mode":"HTML"`, `"start_parameter":"inline"`),
		}, nil},
		{"inline empty", inline(user, "en", ""), []call{c("answerInlineQuery", "Basic income support in old age", "Seniorenbüros")}, nil},
		{"inline nothing", inline(user, "de", "Wetter"), []call{c("answerInlineQuery", `results=[]`)}, nil},
		{"inline unsure", inline(user, "de", "Sozialleistungen"), []call{c("answerInlineQuery", "Grundsicherung", "Sozialamt Dortmund")}, []string{"weg-geloescht"}},
		{"inline long", inline(user, "de", "lang"), []call{c("answerInlineQuery", "Langes Thema", "Im Bot öffnen")}, nil},

		// Nothing to answer.
		{"edited message", models.Update{EditedMessage: &models.Message{Text: "x", Chat: models.Chat{ID: user, Type: models.ChatTypePrivate}}}, nil, nil},
		{"channel post", models.Update{ChannelPost: &models.Message{Text: "x", Chat: models.Chat{ID: -7, Type: models.ChatTypeChannel}}}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, newFakeSearch(t))
			got := h.send(tc.u)
			checkCalls(t, tc.name, got, tc.want, tc.not)
		})
	}
}

func TestLanguageChoiceIsKept(t *testing.T) {
	h := newHarness(t, newFakeSearch(t))
	got := h.send(press(7, "de", "v1:l:en"))
	checkCalls(t, "choose English", got, []call{c("answerCallbackQuery"), c("editMessageText", "in English from now on")}, nil)
	got = h.send(privateText(7, "de", "/start"))
	checkCalls(t, "start after choice", got, []call{c("sendMessage", "Hello"), c("sendMessage", "Send location")}, []string{"Guten Tag"})
	// Another user is not affected.
	got = h.send(privateText(8, "de", "/start"))
	checkCalls(t, "other user", got, []call{c("sendMessage", "Guten Tag"), c("sendMessage")}, nil)
	h.send(press(7, "en", "v1:l:de"))
	got = h.send(privateText(7, "en", "/hilfe"))
	checkCalls(t, "back to German", got, []call{c("sendMessage", "So funktioniert es")}, nil)
}

func TestLanguageStoreIsBounded(t *testing.T) {
	s := newLangStore(3)
	for id := int64(1); id <= 10; id++ {
		s.set(id, "en")
	}
	if n := s.len(); n != 3 {
		t.Errorf("store holds %d users, want 3", n)
	}
	if _, ok := s.get(1); ok {
		t.Errorf("oldest user still remembered")
	}
	s.get(8) // 8 is now the most recently used
	s.set(11, "de")
	if _, ok := s.get(8); !ok {
		t.Errorf("recently used user forgotten")
	}
	if _, ok := s.get(9); ok {
		t.Errorf("least recently used user kept")
	}
}

func TestSearchErrorGivesFriendlyAnswer(t *testing.T) {
	s := newFakeSearch(t)
	s.err = errors.New("bleve: index /secret/path is corrupt")
	h := newHarness(t, s)
	got := h.send(privateText(1, "de", "Grundsicherung"))
	checkCalls(t, "search error", got, []call{c("sendChatAction"), c("sendMessage", "Entschuldigung", "0231 50-0")}, []string{"bleve", "corrupt"})
	got = h.send(inline(1, "de", "Grundsicherung"))
	checkCalls(t, "inline search error", got, []call{c("answerInlineQuery", "results=[]")}, nil)
}

// A panic in the search must not end the process: the citizen gets an apology.
func TestPanicIsRecovered(t *testing.T) {
	h := newHarness(t, panicSearch{newFakeSearch(t)})
	got := h.send(privateText(1, "de", "Grundsicherung"))
	checkCalls(t, "panic", got, []call{c("sendChatAction"), c("sendMessage", "Entschuldigung")}, nil)
	if !strings.Contains(h.logs.String(), "handler panic") {
		t.Errorf("panic not logged")
	}
}

type panicSearch struct{ *fakeSearch }

func (panicSearch) Search(context.Context, string) (index.Result, error) { panic("boom") }

func TestTelegramErrors(t *testing.T) {
	// A bad request (e.g. HTML Telegram cannot parse) is retried once as plain text.
	h := newHarness(t, newFakeSearch(t))
	h.srv.Script("sendMessage", telegramtest.Response{Status: 400, Description: "Bad Request: can't parse entities"})
	got := h.send(privateText(1, "de", "/hilfe"))
	if len(got) != 2 || got[1].Params["parse_mode"] != "" || !strings.Contains(got[1].Params["text"], "So funktioniert es") || strings.Contains(got[1].Params["text"], "<b>") {
		t.Errorf("bad request: want a plain-text retry, got %d calls", len(got))
		for _, g := range got {
			t.Logf("  %s %s", g.Method, params(g))
		}
	}

	// A user who blocked the bot: one attempt, no retry, no venue after it.
	h = newHarness(t, newFakeSearch(t))
	h.srv.Script("sendMessage", telegramtest.Response{Status: 403})
	got = h.send(privateText(1, "de", "Grundsicherung"))
	checkCalls(t, "blocked", got, []call{c("sendChatAction"), c("sendMessage")}, nil)
	if !strings.Contains(h.logs.String(), "blocked") {
		t.Errorf("403 not logged as blocked:\n%s", h.logs)
	}

	// 429 is reported with retry_after; pacing and retrying is delivery's job.
	h = newHarness(t, newFakeSearch(t))
	h.srv.Script("sendMessage", telegramtest.Response{Status: 429, RetryAfter: 7})
	h.send(privateText(1, "de", "/hilfe"))
	if !strings.Contains(h.logs.String(), "retry_after_s=7") {
		t.Errorf("429 not logged with retry_after:\n%s", h.logs)
	}
}

func TestNewNeedsSearcher(t *testing.T) {
	if _, err := New(Config{}); err == nil {
		t.Errorf("New without Searcher: want an error")
	}
}

func TestTooFastAndApologize(t *testing.T) {
	h := newHarness(t, newFakeSearch(t))
	run := func(f func(context.Context, *tgbot.Bot, *models.Update), u models.Update) []telegramtest.Call {
		before := len(h.srv.Calls())
		f(context.Background(), h.bot, &u)
		return h.srv.Calls()[before:]
	}
	checkCalls(t, "too fast", run(h.conv.TooFast, privateText(1, "de", "x")), []call{c("sendMessage", "sehr schnell")}, nil)
	checkCalls(t, "too fast button", run(h.conv.TooFast, press(1, "en", "v1:m")), []call{c("answerCallbackQuery", "very fast")}, nil)
	checkCalls(t, "too fast group", run(h.conv.TooFast, groupText(1, -3, "x")), nil, nil)
	checkCalls(t, "too fast inline", run(h.conv.TooFast, inline(1, "de", "x")), nil, nil)
	checkCalls(t, "apologize", run(h.conv.Apologize, privateText(1, "de", "x")), []call{c("sendMessage", "Entschuldigung")}, nil)
	checkCalls(t, "apologize button", run(h.conv.Apologize, press(1, "de", "v1:m")), []call{c("answerCallbackQuery"), c("sendMessage", "Entschuldigung")}, nil)
}
