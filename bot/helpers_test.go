package bot

// Test helpers: a small fake knowledge base (with coordinates, an ambiguous
// postcode, a topic too long for one message and text that must be
// escaped), a fake searcher, and a harness around telegramtest.
//
// Needs from telegramtest (noted for its author; worked around here):
//   - a way to tell content violations (length, HTML, callback data) from
//     rate violations. Handle is called without the rate-limited delivery
//     client, so a reply of several messages is "too fast" for the fake;
//     contentViolations filters the rate lines by their wording.

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

var testNow = time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)

const fakeKB = `
categories:
  - id: geld
    title: {de: "Geld zum Leben", en: "Money to live on"}
  - id: alter-pflege
    title: {de: "Alter und Pflege", en: "Old age and care"}
  - id: amt
    title: {de: "Das Sozialamt", en: "The Sozialamt"}
  - id: leer
    title: {de: "Ohne Themen", en: "No topics"}

topics:
  - id: grundsicherung
    category: geld
    title: {de: "Grundsicherung im Alter", en: "Basic income support in old age"}
    summary:
      de: "Geld zum Leben für Menschen ab der Altersgrenze & bei voller Erwerbsminderung."
      en: "Money to live on for people above retirement age & people who cannot work."
    who: {de: "Menschen ab 67 <oder> voll erwerbsgemindert.", en: "People aged 67 or older."}
    what: {de: "Regelbedarf & Kosten der Unterkunft.", en: "Standard needs & housing costs."}
    how: {de: "Antrag beim Sozialamt stellen.", en: "Apply at the Sozialamt."}
    bring: {de: "Personalausweis, Rentenbescheid, Kontoauszüge.", en: "ID card, pension notice, bank statements."}
    deadlines: {de: "Die Leistung beginnt frühestens im Monat des Antrags.", en: "Payments start at the earliest in the month you apply."}
    unknown: {de: "Wie lange die Bearbeitung dauert, wissen wir nicht.", en: "We do not know how long processing takes."}
    offices: [sozialamt-zentrale]
    links:
      - title: {de: "Antrag \"Grundsicherung\"", en: "Application form"}
        url: "https://www.dortmund.de/antrag?x=1&y=2"
    sources: ["https://www.dortmund.de/grundsicherung"]
    reviewed: 2026-10-01
  - id: seniorenbueros
    category: alter-pflege
    title: {de: "Seniorenbüros", en: "Seniorenbüros (advice for older people)"}
    summary: {de: "In jedem Stadtbezirk gibt es ein Seniorenbüro.", en: "Each district has a Seniorenbüro."}
    how: {de: "Rufen Sie an.", en: "Call them."}
    offices: [seniorenbuero-aplerbeck, seniorenbuero-innenstadt-nord, seniorenbuero-innenstadt-ost]
    local_offices: true
    sources: ["https://www.dortmund.de/senioren"]
    reviewed: 2026-10-01
  - id: lokal-willkommen
    category: amt
    title: {de: "lokal willkommen", en: "lokal willkommen (for newcomers)"}
    summary: {de: "Büros für Zugewanderte.", en: "Offices for newcomers."}
    offices: [lokal-willkommen-brackel-aplerbeck]
    local_offices: true
    sources: ["https://www.dortmund.de/lokal-willkommen"]
    reviewed: 2026-10-01
  - id: sozialamt-kontakt
    category: amt
    title: {de: "Sozialamt Dortmund", en: "Sozialamt Dortmund"}
    summary: {de: "So erreichen Sie das Sozialamt.", en: "How to reach the Sozialamt."}
    offices: [sozialamt-zentrale, seniorenbuero-aplerbeck]
    sources: ["https://www.dortmund.de/sozialamt"]
    reviewed: 2026-10-01
  - id: kurz
    category: amt
    title: {de: "Kurzes Thema", en: "Short topic"}
    summary: {de: "Nur eine Zusammenfassung.", en: "Only a summary."}
    sources: ["https://www.dortmund.de/kurz"]
    reviewed: 2026-10-01
%s

offices:
  - id: sozialamt-zentrale
    name: {de: "Sozialamt Dortmund", en: "Sozialamt Dortmund (social welfare office)"}
    address: {street: "Luisenstraße 11–13", postcode: "44137", city: Dortmund, note: {de: "im Erdgeschoss", en: "on the ground floor"}}
    phone: ["0231 50-0"]
    email: [sozialamt@dortmund.de]
    hours:
      - {days: [Mo, Di, Mi, Do, Fr], time: "08:00-12:00"}
      - {days: [Do], time: "14:00-16:00"}
    geo: {lat: 51.5097, lon: 7.4603}
    sources: ["https://www.dortmund.de/sozialamt"]
    reviewed: 2026-10-01
  - id: seniorenbuero-aplerbeck
    name: {de: "Seniorenbüro Aplerbeck", en: "Seniorenbüro Aplerbeck"}
    districts: [aplerbeck]
    address: {street: "Aplerbecker Marktplatz 21", postcode: "44287", city: Dortmund}
    phone: ["0231 50-29250"]
    hours:
      - {days: [Mo, Do], time: "08:00-10:00"}
    hours_note: {de: "und nach Vereinbarung", en: "and by appointment"}
    geo: {lat: 51.4913, lon: 7.5532}
    sources: ["https://www.dortmund.de/senioren-aplerbeck"]
    reviewed: 2026-10-01
  - id: seniorenbuero-innenstadt-nord
    name: {de: "Seniorenbüro Innenstadt-Nord", en: "Seniorenbüro Innenstadt-Nord"}
    districts: [innenstadt-nord]
    phone: ["0231 50-0"]
    unknown: {de: "Die Adresse kennen wir nicht sicher.", en: "We do not know the address for sure."}
    sources: ["https://www.dortmund.de/senioren-nord"]
    reviewed: 2026-10-01
  - id: seniorenbuero-innenstadt-ost
    name: {de: "Seniorenbüro Innenstadt-Ost", en: "Seniorenbüro Innenstadt-Ost"}
    districts: [innenstadt-ost]
    address: {street: "Kaiserstraße 1", postcode: "44135", city: Dortmund}
    email: [senioren-ost@dortmund.de]
    sources: ["https://www.dortmund.de/senioren-ost"]
    reviewed: 2026-10-01
  - id: lokal-willkommen-brackel-aplerbeck
    name: {de: "lokal willkommen Brackel/Aplerbeck", en: "lokal willkommen Brackel/Aplerbeck"}
    districts: [brackel, aplerbeck]
    address: {street: "Oberdorfstraße 23", postcode: "44309", city: Dortmund}
    web: "https://www.dortmund.de/lokal-willkommen-brackel"
    languages: [de, ar, en, fa]
    sources: ["https://www.dortmund.de/lokal-willkommen"]
    reviewed: 2026-10-01

districts:
  - id: aplerbeck
    name: Aplerbeck
    stadtteile: [Aplerbeck, Schüren]
    postcodes: ["44287", "44289"]
    center: {lat: 51.4913, lon: 7.5532}
    sources: ["https://www.dortmund.de/aplerbeck"]
    reviewed: 2026-10-01
  - id: innenstadt-nord
    name: Innenstadt-Nord
    stadtteile: [Nordstadt]
    postcodes: ["44145", "44147"]
    center: {lat: 51.5250, lon: 7.4600}
    sources: ["https://www.dortmund.de/nord"]
    reviewed: 2026-10-01
  - id: innenstadt-ost
    name: Innenstadt-Ost
    stadtteile: [Körne]
    postcodes: ["44141", "44145"]
    center: {lat: 51.5100, lon: 7.4900}
    sources: ["https://www.dortmund.de/ost"]
    reviewed: 2026-10-01
  - id: brackel
    name: Brackel
    stadtteile: [Brackel, Wickede]
    postcodes: ["44309"]
    center: {lat: 51.5200, lon: 7.5600}
    sources: ["https://www.dortmund.de/brackel"]
    reviewed: 2026-10-01
`

// longTopic is a topic whose answer needs several messages.
func longTopic() string {
	sentence := "Dieser Satz steht hier nur, damit die Antwort länger wird als eine Telegram-Nachricht & zeigt <Sonderzeichen>. "
	para := strings.Repeat(sentence, 12)
	long := strings.Repeat(para+"\n\n", 5)
	return fmt.Sprintf(`  - id: langes-thema
    category: amt
    title: {de: "Langes Thema", en: "Long topic"}
    summary: {de: "Eine lange Antwort.", en: "A long answer."}
    what: {de: %q, en: %q}
    offices: [sozialamt-zentrale]
    sources: ["https://www.dortmund.de/lang"]
    reviewed: 2026-10-01`, long, long)
}

func loadFakeKB(t testing.TB) *knowledge.Base {
	t.Helper()
	fsys := fstest.MapFS{"kb.yaml": {Data: []byte(fmt.Sprintf(fakeKB, longTopic()))}}
	// Translations of some texts, current, stale and missing, so that the
	// tests of other languages do not wait for the real translations.
	for _, lang := range []string{"tr", "ar"} {
		data, err := os.ReadFile(filepath.Join("testdata", "i18n", lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		fsys[knowledge.TranslationDir+"/"+lang+".yaml"] = &fstest.MapFile{Data: data}
	}
	kb, err := knowledge.Load(fsys, knowledge.Options{Now: testNow})
	if err != nil {
		t.Fatalf("fake knowledge base: %v", err)
	}
	return kb
}

// fakeSearch answers from a table; questions not in it are out of scope.
type fakeSearch struct {
	kb      *knowledge.Base
	answers map[string]index.Result
	err     error
	mu      sync.Mutex
	asked   []string
}

func (f *fakeSearch) Search(ctx context.Context, q string) (index.Result, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	if f.err != nil {
		return index.Result{}, f.err
	}
	if r, ok := f.answers[q]; ok {
		r.Question = q
		return r, nil
	}
	return index.Result{Question: q, Reason: index.ReasonOutOfScope, Lang: "de"}, nil
}

func (f *fakeSearch) Base() *knowledge.Base { return f.kb }

func topicHit(id string) index.Hit  { return index.Hit{ID: id, Kind: index.KindTopic, Score: 3} }
func officeHit(id string) index.Hit { return index.Hit{ID: id, Kind: index.KindOffice, Score: 3} }

func newFakeSearch(t testing.TB) *fakeSearch {
	return &fakeSearch{kb: loadFakeKB(t), answers: map[string]index.Result{
		"Grundsicherung":         {Answered: true, Hits: []index.Hit{topicHit("grundsicherung")}},
		"Grundsicherung?":        {Answered: true, Hits: []index.Hit{topicHit("grundsicherung")}},
		"Grundsicherung Fristen": {Reason: index.ReasonUnsure, Hits: []index.Hit{topicHit("grundsicherung")}},
		"Seniorenbüro Aplerbeck": {Answered: true, Hits: []index.Hit{officeHit("seniorenbuero-aplerbeck"), topicHit("seniorenbueros")}, Districts: []string{"aplerbeck"}},
		"Seniorenbüro 44145":     {Answered: true, Hits: []index.Hit{topicHit("seniorenbueros")}, Districts: []string{"innenstadt-nord", "innenstadt-ost"}},
		"Seniorenbüro Nordstadt": {Answered: true, Hits: []index.Hit{topicHit("seniorenbueros")}, Districts: []string{"innenstadt-nord"}},
		"Seniorenbüro":           {Answered: true, Hits: []index.Hit{topicHit("seniorenbueros")}},
		"44287":                  {Reason: index.ReasonOutOfScope, Districts: []string{"aplerbeck"}, OnlyPlace: true},
		"44145":                  {Reason: index.ReasonOutOfScope, Districts: []string{"innenstadt-nord", "innenstadt-ost"}},
		"Sozialleistungen":       {Reason: index.ReasonUnsure, Hits: []index.Hit{topicHit("grundsicherung"), officeHit("sozialamt-zentrale"), topicHit("weg-geloescht")}},
		"Hallo":                  {Reason: index.ReasonGreeting},
		"🙂🙂":                     {Reason: index.ReasonEmpty},
		"lang":                   {Answered: true, Hits: []index.Hit{topicHit("langes-thema")}},
		// In other languages (bot/lang_test.go).
		"Emekli maaşım yetmiyor, Grundsicherung alabilir miyim?": {Answered: true, Hits: []index.Hit{topicHit("grundsicherung")}},
		"Yaşlılar için Seniorenbüro hakkında bilgi":              {Answered: true, Hits: []index.Hit{topicHit("seniorenbueros")}},
		"أنا متقاعد، هل يمكنني الحصول على Grundsicherung؟":       {Answered: true, Hits: []index.Hit{topicHit("grundsicherung")}},
		"معلومات عن Seniorenbüro لكبار السن":                     {Answered: true, Hits: []index.Hit{topicHit("seniorenbueros")}},
	}}
}

// recorder keeps Insights events.
type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) Record(ev Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

func (r *recorder) all() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

type fakeAdmin struct{ reloads int }

func (a *fakeAdmin) Status() string { return "topics: 5 <ok>" }
func (a *fakeAdmin) Reload(context.Context) error {
	a.reloads++
	return nil
}

// harness is a Conversation talking to a fake Bot API.
type harness struct {
	t        *testing.T
	srv      *telegramtest.Server
	bot      *tgbot.Bot
	conv     *Conversation
	insights *recorder
	logs     *bytes.Buffer
	search   Searcher
}

const testBotName = "sozialbot_test_bot"

func newHarness(t *testing.T, s Searcher, adjust ...func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, srv: telegramtest.New(t), insights: &recorder{}, logs: &bytes.Buffer{}, search: s}
	cfg := Config{
		Searcher:    s,
		Recorder:    h.insights,
		Logger:      slog.New(slog.NewTextHandler(&syncWriter{w: h.logs}, nil)),
		Now:         func() time.Time { return testNow },
		BotUsername: testBotName,
		Staff:       &fakeAdmin{},
		StaffIDs:    []int64{4242},
	}
	for _, f := range adjust {
		f(&cfg)
	}
	conv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.conv = conv
	h.bot, err = tgbot.New(telegramtest.Token,
		tgbot.WithServerURL(h.srv.URL()),
		tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithDefaultHandler(conv.Handle),
		tgbot.WithErrorsHandler(func(error) {}),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, v := range contentViolations(h.srv.Violations()) {
			t.Errorf("Telegram rule broken: %s", v)
		}
	})
	return h
}

// send processes one update the way the library would and returns the Bot
// API calls it caused.
func (h *harness) send(u models.Update) []telegramtest.Call {
	before := len(h.srv.Calls())
	h.bot.ProcessUpdate(context.Background(), &u)
	return h.srv.Calls()[before:]
}

// contentViolations drops the rate-limit lines: pacing is the delivery
// client's job, not the conversation's.
func contentViolations(vs []string) []string {
	var out []string
	for _, v := range vs {
		if strings.Contains(v, "sends in one second") || strings.Contains(v, "send per second") {
			continue
		}
		out = append(out, v)
	}
	return out
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// Update builders.

func privateText(user int64, lang, text string) models.Update {
	u := telegramtest.TextUpdate(user, text)
	u.Message.From.LanguageCode = lang
	return u
}

func groupText(user, chat int64, text string) models.Update {
	u := telegramtest.TextUpdate(user, text)
	u.Message.Chat = models.Chat{ID: chat, Type: models.ChatTypeSupergroup, Title: "Nachbarschaft"}
	u.Message.ID = 77
	return u
}

func press(user int64, lang, data string) models.Update {
	u := telegramtest.CallbackUpdate(user, 10, data)
	u.CallbackQuery.From.LanguageCode = lang
	return u
}

// pressOnCard presses a button under an answer card with its usual keyboard.
func pressOnCard(user int64, lang, data string) models.Update {
	u := press(user, lang, data)
	btn := func(text, data string) models.InlineKeyboardButton {
		return models.InlineKeyboardButton{Text: text, CallbackData: data}
	}
	u.CallbackQuery.Message.Message.ReplyMarkup = &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
		{btn("Was brauche ich?", "v1:b:grundsicherung")},
		{btn("Andere Themen", "v1:m")},
		{btn("👍", "v1:f:grundsicherung:u"), btn("👎", "v1:f:grundsicherung:d")},
	}}
	return u
}

func location(user int64, lat, lon float64) models.Update {
	u := telegramtest.TextUpdate(user, "")
	u.Message.Location = &models.Location{Latitude: lat, Longitude: lon}
	return u
}

func inline(user int64, lang, q string) models.Update {
	return models.Update{InlineQuery: &models.InlineQuery{ID: "iq-1", From: &models.User{ID: user, LanguageCode: lang}, Query: q}}
}
