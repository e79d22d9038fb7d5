package answer_test

import (
	"context"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// TestDecideFamilies checks the decision for four kinds of message: a crisis
// that also names a need (the lines, then that topic), despair words beside a
// clear question (the topic), a message that only opens a conversation (ask
// back), and a noun the knowledge base never uses beside a topic word (no answer).
func TestDecideFamilies(t *testing.T) {
	a := answer.New(realIndex(t), answer.Options{})
	tests := []struct {
		dialog []string
		kind   answer.Kind
		topic  string // the decision's topic; "" for none
		lang   string // "" when not checked
	}{
		{[]string{"Ich kann nicht mehr. Die Beerdigung von meinem Mann kann ich nicht bezahlen und ich will auch nicht mehr leben."}, answer.KindCrisis, "bestattungskosten", ""},
		{[]string{"I lost my flat and I'm sleeping outside, honestly I want to kill myself, is there a shelter for men?"}, answer.KindCrisis, "wohnungslosenhilfe", ""},
		{[]string{"Elterngeld", "eigentlich ist alles egal, ich bring mich sowieso um"}, answer.KindCrisis, "elterngeld", ""},
		{[]string{"ich will nicht mehr leben, eigentlich ist es egal"}, answer.KindCrisis, "", ""},
		// Beaten and put out at night: the help for the homeless, read in
		// the message's language; a short crisis in the language of its signal.
		{[]string{"муж избил и выгнал ночью на улицу, я с ребенком, мы в Дортмунде"}, answer.KindCrisis, "wohnungslosenhilfe", "ru"},
		{[]string{"cut again tonight, deeper"}, answer.KindCrisis, "", "en"},
		{[]string{"der antrag auf wohngeld macht mich wahnsinnig, welche unterlagen brauch ich ueberhaupt"}, answer.KindReferral, "wohngeld", ""},
		{[]string{"bin total verzweifelt, wir brauchen einen wbs und keiner hilft uns, was muss ich mitbringen"}, answer.KindReferral, "wohnberechtigungsschein", ""},
		{[]string{"Entschuldigung dass ich störe, ich habe ein Anliegen"}, answer.KindAsk, "", ""},
		{[]string{"meine betreuerin hat gesagt ich soll hier mal schreiben"}, answer.KindAsk, "", ""},
		{[]string{"Guten Abend, ich brauche dringend eine Auskunft"}, answer.KindAsk, "", ""},
		{[]string{"hello?"}, answer.KindAsk, "", "en"},
		{[]string{"hallo"}, answer.KindGreeting, "", ""},
		{[]string{"Vaterschaftsanerkennung vor der Geburt, wo geht das?"}, answer.KindDeclined, "", ""},
	}
	for _, tc := range tests {
		var st answer.State
		var d answer.Decision
		for _, m := range tc.dialog {
			var err error
			if d, err = a.Decide(context.Background(), &st, m, answer.Person{PhoneLang: "de"}); err != nil {
				t.Fatal(err)
			}
		}
		topic := ""
		if d.Topic != nil {
			topic = d.Topic.ID
		}
		if d.Kind != tc.kind || topic != tc.topic || tc.lang != "" && d.Lang != tc.lang {
			t.Errorf("%q: %s %q (%s), want %s %q", tc.dialog, d.Kind, topic, d.Lang, tc.kind, tc.topic)
		}
	}
}
