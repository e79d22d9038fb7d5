package answer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// TestDistressLine: a message that signals distress gets its normal reply
// and one line with the TelefonSeelsorge's numbers and 112, in its language;
// an ordinary question does not, and the crisis answer, which names the
// lines already, does not get it a second time.
func TestDistressLine(t *testing.T) {
	ix := realIndex(t)
	kb := ix.Base()
	a := answer.New(ix, answer.Options{})
	phone := kb.DistressLine().Phone[0]
	for _, tc := range []struct {
		msg      string
		lang     string
		distress bool // the line is added
		crisis   bool
	}{
		{"ich halte das alles nicht mehr aus, ich will einfach nur dass es aufhört", "de", true, false},
		{"Ich habe Angst vor dem Amt, wie beantrage ich Grundsicherung?", "de", true, false},
		{"I can't cope anymore, how do I apply for housing benefit?", "en", true, false},
		{"Artık dayanamıyorum, sosyal yardım için nereye başvurmalıyım?", "tr", true, false},
		{"Мне очень страшно, где находится социальное ведомство?", "ru", true, false},
		{"Wie beantrage ich Grundsicherung?", "de", false, false},
		{"Ich habe keine Angst, wo ist das Sozialamt?", "de", false, false},
		{"Ich will nicht mehr leben, ich bin verzweifelt", "de", false, true},
	} {
		t.Run(tc.msg, func(t *testing.T) {
			d, err := a.Decide(context.Background(), &answer.State{}, tc.msg, answer.Person{})
			if err != nil {
				t.Fatal(err)
			}
			if crisis := d.Kind == answer.KindCrisis; crisis != tc.crisis {
				t.Fatalf("kind %s, crisis %v", d.Kind, tc.crisis)
			}
			text := answer.Render(kb, d).Plain()
			line := answer.T(d.Lang, answer.MsgDistress, strings.Join(kb.DistressLine().Phone, " / "))
			if tc.crisis {
				if n := strings.Count(text, phone); n != 1 {
					t.Errorf("crisis answer names %s %d times, want once:\n%s", phone, n, text)
				}
				return
			}
			if got := strings.HasSuffix(strings.TrimSpace(text), strings.TrimSpace(line)); got != tc.distress {
				t.Errorf("[%s] ends with the distress line: %v, want %v:\n%s", d.Lang, got, tc.distress, text)
			}
			if tc.distress && d.Lang != tc.lang {
				t.Errorf("language %s, want %s", d.Lang, tc.lang)
			}
		})
	}
}
