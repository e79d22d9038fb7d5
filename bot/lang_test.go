package bot

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
)

// firstWords is the beginning of a table text, up to its first markup or
// 20 characters, to find it in a sent message whatever the language's file
// says.
func firstWords(s string) string {
	if i := strings.IndexAny(s, "<%&\n"); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 20 {
		s = string(r[:20])
	}
	return strings.Trim(s, "\u2068\u2069 ")
}

// TestConversationLanguages: questions in Turkish and Arabic are answered in
// their language whatever the phone says, with the translated knowledge
// texts; a stale translation gets its line and the button for the German
// text; a missing one says the text is German; a language the bot does not
// speak gets the fixed German and English message.
func TestConversationLanguages(t *testing.T) {
	const user = 1002
	cases := []struct {
		name string
		u    []string // messages (or "press:<data>") sent in order; the last one's calls are checked
		want []call
		not  []string
	}{
		{"turkish question, German phone", []string{"Emekli maaşım yetmiyor, Grundsicherung alabilir miyim?"}, []call{
			c("sendChatAction"),
			c("sendMessage", "<b>Yaşlılıkta temel gelir desteği (Grundsicherung im Alter)</b>", "0231 50-0", "Sosyal Yardım Dairesi Dortmund", "Pzt–Cum 08:00–12:00"),
			c("sendVenue"),
		}, []string{"Was gibt es?", "Mo–Fr"}},
		{"a button keeps the conversation's language", []string{"Emekli maaşım yetmiyor, Grundsicherung alabilir miyim?", "press:v1:t:grundsicherung"}, []call{
			c("answerCallbackQuery"),
			c("sendMessage", "Yaş sınırını geçenler &amp; tamamen çalışamayanlar", "Sosyal Yardım Dairesi Dortmund"),
			c("sendVenue"),
		}, []string{"Geld zum Leben für Menschen"}},
		{"turkish stale translation", []string{"Yaşlılar için Seniorenbüro hakkında bilgi"}, []call{
			c("sendChatAction"),
			c("sendMessage", "Her ilçede bir Seniorenbüro var.", firstWords(answer.T("tr", answer.MsgStaleTranslation)), "v1:g:seniorenbueros"),
		}, nil},
		{"the German text of a stale translation", []string{"Yaşlılar için Seniorenbüro hakkında bilgi", "press:v1:g:seniorenbueros"}, []call{
			c("answerCallbackQuery"),
			c("sendMessage", "<b>Seniorenbüros</b>", "In jedem Stadtbezirk gibt es ein Seniorenbüro."),
		}, []string{"Her ilçede"}},
		{"arabic question", []string{"أنا متقاعد، هل يمكنني الحصول على Grundsicherung؟"}, []call{
			c("sendChatAction"),
			c("sendMessage", "<b>الضمان الأساسي في سن الشيخوخة (\u2068Grundsicherung im Alter\u2069)</b>", "\u20680231 50-0\u2069", "مكتب الشؤون الاجتماعية"),
			c("sendVenue"),
		}, []string{"I understand German and English only"}},
		{"arabic missing translation", []string{"معلومات عن Seniorenbüro لكبار السن"}, []call{
			c("sendChatAction"),
			c("sendMessage", "In jedem Stadtbezirk gibt es ein Seniorenbüro.", firstWords(answer.T("ar", answer.MsgMissingTranslation))),
		}, []string{"v1:g:"}},
		{"language the bot does not speak", []string{"ኣብ ዶርትሙንድ Sozialamt ኣበይ ኣሎ?"}, []call{
			c("sendChatAction"),
			c("sendMessage", "Ihre Sprache spreche ich leider nicht", "Sorry, I do not speak your language",
				"<b>lokal willkommen Brackel/Aplerbeck</b>", "Deutsch · العربية · English · فارسی", "0231 50-0"),
		}, []string{"Dazu kann ich leider nichts sagen"}},
		{"/sprache lists ten languages", []string{"/sprache"}, []call{
			c("sendMessage", `"text":"Deutsch","callback_data":"v1:l:de"`, `"text":"Türkçe","callback_data":"v1:l:tr"`,
				`"text":"العربية","callback_data":"v1:l:ar"`, `"text":"Українська"`, `"text":"Русский"`, `"text":"Polski"`,
				`"text":"Română"`, `"text":"Български"`, `"text":"فارسی","callback_data":"v1:l:fa"`),
		}, nil},
		{"choose Turkish", []string{"press:v1:l:tr"}, []call{
			c("answerCallbackQuery"), c("editMessageText", firstWords(answer.T("tr", answer.MsgLanguageSet))),
		}, nil},
		{"chosen Turkish wins over a German question", []string{"press:v1:l:tr", "Grundsicherung"}, []call{
			c("sendChatAction"),
			c("sendMessage", "Yaşlılıkta temel gelir desteği"),
			c("sendVenue"),
		}, []string{"<b>Grundsicherung im Alter</b>"}},
		{"a place name alone keeps the language", []string{"Emekli maaşım yetmiyor, Grundsicherung alabilir miyim?", "44287"}, []call{
			c("sendChatAction"),
			c("sendMessage", "Yaşlılıkta temel gelir desteği"),
			c("sendVenue"),
		}, []string{"Grundsicherung im Alter</b>"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, newFakeSearch(t))
			var got []telegramtest.Call
			for _, m := range tc.u {
				if data, ok := strings.CutPrefix(m, "press:"); ok {
					got = h.send(press(user, "de", data))
				} else {
					got = h.send(privateText(user, "de", m))
				}
			}
			checkCalls(t, tc.name, got, tc.want, tc.not)
		})
	}
}

// TestSetCommandsPerLanguage: one setMyCommands per language, German as the
// default, the others by language code; names ASCII, descriptions in the
// language.
func TestSetCommandsPerLanguage(t *testing.T) {
	srv := telegramtest.New(t)
	b, err := tgbot.New(telegramtest.Token, tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := SetCommands(ctx, b); err != nil {
		t.Fatal(err)
	}
	calls := srv.CallsTo("setMyCommands")
	if len(calls) != len(answer.Langs) {
		t.Fatalf("%d setMyCommands calls, want %d", len(calls), len(answer.Langs))
	}
	for i, lang := range answer.Langs {
		p := calls[i].Params
		wantCode := lang
		if lang == "de" {
			wantCode = ""
		}
		if p["language_code"] != wantCode {
			t.Errorf("call %d: language_code %q, want %q", i, p["language_code"], wantCode)
		}
		if !strings.Contains(p["commands"], answer.T(lang, answer.CmdPrivacy)) {
			t.Errorf("%s: commands %s lack the description %q", lang, p["commands"], answer.T(lang, answer.CmdPrivacy))
		}
		for _, cmd := range commandList(lang) {
			if !commandName.MatchString("/" + cmd.Command) {
				t.Errorf("%s: command %q is not ASCII", lang, cmd.Command)
			}
		}
	}
}

// TestGoldenLanguages renders answer cards in Turkish and Arabic (right to
// left) from the test translations in testdata/i18n.
func TestGoldenLanguages(t *testing.T) {
	kb := loadFakeKB(t)
	a := answer.New(&fakeSearch{kb: kb}, answer.Options{Now: func() time.Time { return testNow }})
	dir := filepath.Join("testdata", "golden", "lang")
	for _, lang := range []string{"tr", "ar"} {
		p := answer.Person{ChosenLang: lang}
		var b strings.Builder
		add := func(title string, d answer.Decision) {
			r := replyOf(answer.Render(kb, d))
			checkReply(t, lang+" "+title, r)
			b.WriteString("=== " + title + " ===\n" + renderReply(r) + "\n")
		}
		add("grundsicherung", a.Topic(&answer.State{}, kb.Topic("grundsicherung"), answer.AspectNone, p))
		add("grundsicherung, how", a.Topic(&answer.State{}, kb.Topic("grundsicherung"), answer.AspectHow, p))
		add("seniorenbueros in aplerbeck", a.District(&answer.State{}, "aplerbeck", kb.Topic("seniorenbueros"), p))
		add("office sozialamt-zentrale", a.Office(&answer.State{}, kb.Office("sozialamt-zentrale"), p))
		golden(t, dir, "cards."+lang+".txt", b.String())
	}
}
