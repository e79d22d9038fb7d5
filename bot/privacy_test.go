package bot

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/index"
)

// Nothing a citizen writes ends up in the logs, and no log line or Insights
// event carries a user or chat id.
func TestPrivacyNoTextOrIDsInLogs(t *testing.T) {
	const user = 987654321
	const marker = "Geheimnis-Müller-1949"
	h := newHarness(t, newFakeSearch(t))
	updates := []string{
		"Grundsicherung " + marker,
		marker,
		"Hallo " + marker,
		"/start " + marker,
		"/foo " + marker,
		"Sozialleistungen",
	}
	for _, text := range updates {
		h.send(privateText(user, "de", text))
	}
	h.send(press(user, "de", "v1:f:grundsicherung:d"))
	h.send(press(user, "de", marker))
	h.send(location(user, 51.49, 7.55))
	h.send(inline(user, "de", marker))
	h.send(groupText(user, -1001234567, "@"+testBotName+" "+marker))

	logs := h.logs.String()
	for _, secret := range []string{marker, "1949", strconv.Itoa(user), "1001234567", "51.49", "7.55"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
	for _, ev := range h.insights.all() {
		if strings.Contains(ev.Question, "1949") || strings.Contains(ev.Question, strconv.Itoa(user)) {
			t.Errorf("event keeps a number: %+v", ev)
		}
		if ev.Outcome != OutcomeDeclined && ev.Question != "" {
			t.Errorf("event %s keeps the question: %+v", ev.Outcome, ev)
		}
		if !ev.Time.Equal(testNow.Truncate(time.Hour)) {
			t.Errorf("event time %v is not cut to the hour", ev.Time)
		}
	}
}

func TestInsightsEvents(t *testing.T) {
	h := newHarness(t, newFakeSearch(t))
	h.send(privateText(1, "de", "Grundsicherung"))
	h.send(privateText(1, "en", "Seniorenbüro Aplerbeck"))
	h.send(privateText(1, "de", "Wie beantrage ich Pflegegeld für Frau Schmidt, geb. 01.02.1940, Tel. 0171 1234567, a.b@example.org?"))
	h.send(privateText(1, "de", "Sozialleistungen"))
	h.send(privateText(1, "de", "Hallo"))
	h.send(privateText(1, "de", "🙂🙂"))
	h.send(press(1, "de", "v1:f:grundsicherung:u"))
	h.send(press(1, "de", "v1:f:seniorenbuero-aplerbeck:d"))
	h.send(privateText(1, "de", "/start grundsicherung"))

	want := []Event{
		{Outcome: OutcomeAnswered, Topic: "grundsicherung", Lang: "de"},
		{Outcome: OutcomeAnswered, Topic: "seniorenbuero-aplerbeck", Lang: "en"},
		{Outcome: OutcomeDeclined, Lang: "de", Reason: index.ReasonOutOfScope,
			Question: "Wie beantrage ich Pflegegeld für Frau Schmidt, geb. [Datum], Tel. [Telefon], [E-Mail]?"},
		{Outcome: OutcomeDeclined, Lang: "de", Reason: index.ReasonUnsure, Question: "Sozialleistungen"},
		{Outcome: OutcomeFeedbackUp, Topic: "grundsicherung", Lang: "de"},
		{Outcome: OutcomeFeedbackDown, Topic: "seniorenbuero-aplerbeck", Lang: "de"},
		{Outcome: OutcomeAnswered, Topic: "grundsicherung", Lang: "de"},
	}
	got := h.insights.all()
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		want[i].Time = testNow.Truncate(time.Hour)
		if got[i] != want[i] {
			t.Errorf("event %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
}

// The admin commands fail closed: a forged username, a group, an empty
// allow-list or a missing Admin all get the normal "unknown command".
func TestAdminFailsClosed(t *testing.T) {
	unknown := []call{c("sendMessage", "Diesen Befehl kenne ich nicht")}
	h := newHarness(t, newFakeSearch(t))
	u := privateText(99, "de", "/reload")
	u.Message.From.Username = "admin"
	checkCalls(t, "forged username", h.send(u), unknown, nil)
	checkCalls(t, "admin in a group", h.send(groupText(4242, -5, "/reload@"+testBotName)), nil, nil)

	h = newHarness(t, newFakeSearch(t), func(c *Config) { c.StaffIDs = nil })
	checkCalls(t, "empty allow-list", h.send(privateText(4242, "de", "/status")), unknown, nil)

	h = newHarness(t, newFakeSearch(t), func(c *Config) { c.Staff = nil })
	checkCalls(t, "no Admin", h.send(privateText(4242, "de", "/status")), unknown, nil)

	admin := &fakeAdmin{}
	h = newHarness(t, newFakeSearch(t), func(c *Config) { c.Staff = admin })
	h.send(privateText(4242, "de", "/reload"))
	h.send(privateText(4243, "de", "/reload"))
	if admin.reloads != 1 {
		t.Errorf("%d reloads, want 1", admin.reloads)
	}
}
