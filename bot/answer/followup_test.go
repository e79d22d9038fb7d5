package answer_test

import (
	"context"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// TestFollowups checks the ways a message is read against the one before:
// people and pointers keep the topic, another office's service ends it, a
// place asks for the office there, "das" is the office shown last.
func TestFollowups(t *testing.T) {
	a := answer.New(realIndex(t), answer.Options{})
	tests := []struct {
		dialog []string
		want   string // id answered; "" for no answer
		aspect answer.Aspect
		office string // first office shown, where it matters
	}{
		{[]string{"Elterngeld", "und meine Schwester? die hat ein Kind adoptiert"}, "elterngeld", answer.AspectWho, ""},
		{[]string{"Behindertenfahrdienst", "darf meine Frau mitfahren?"}, "behindertenfahrdienst", answer.AspectWhat, ""},
		{[]string{"Grundsicherung", "wo kann ich meinen Personalausweis verlängern?"}, "", "", ""},
		{[]string{"Dortmund-Pass", "what time is it in New York?"}, "", "", ""},
		{[]string{"Seniorenbüro Mengede", "gibt's auch eins in Bodelschwingh?"}, "seniorenbuero-mengede", answer.AspectWhere, ""},
		{[]string{"Seniorenbüro Hörde", "und in Aplerbeck?"}, "seniorenbuero-aplerbeck", answer.AspectWhere, ""},
		{[]string{"Seniorenbüro", "ich wohn in der Nordstadt"}, "seniorenbuero-innenstadt-nord", answer.AspectWhere, ""},
		{[]string{"Gast-Haus statt Bank", "wo ist das genau?"}, "wohnungslosenhilfe", answer.AspectWhere, "gast-haus"},
		{[]string{"Beschäftigungsförderung", "was gab es da schon so?"}, "beschaeftigungsfoerderung", "", ""},
	}
	for _, tc := range tests {
		var st answer.State
		var d answer.Decision
		for _, m := range tc.dialog {
			var err error
			if d, err = a.Decide(context.Background(), &st, m, answer.Person{}); err != nil {
				t.Fatal(err)
			}
		}
		id, _, ok := d.Answered()
		if !ok {
			id = ""
		}
		if id != tc.want || tc.want != "" && d.Aspect != tc.aspect {
			t.Errorf("%q: %s %q [%s], want %q [%s]", tc.dialog, d.Kind, id, d.Aspect, tc.want, tc.aspect)
		}
		if tc.office != "" && (len(d.Fits) == 0 || d.Fits[0].Office.ID != tc.office) {
			t.Errorf("%q: first office is not %s", tc.dialog, tc.office)
		}
	}
}
