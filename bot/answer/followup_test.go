package answer_test

import (
	"context"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// TestFollowups checks the ways a message is read against the one before:
// people, pointers, "ok und", corrections, statements about the person and
// the benefit a person gets keep the topic, a word that names another topic
// switches, another office's service ends it, a place asks for the office
// there, "das" is the office shown last, thanks is thanks.
func TestFollowups(t *testing.T) {
	const anyAspect = answer.Aspect("any") // the aspect is not this test's concern
	a := answer.New(realIndex(t), answer.Options{})
	tests := []struct {
		dialog []string
		want   string        // id answered; "" for no answer
		aspect answer.Aspect // "" for none
		office string        // first office shown, where it matters
	}{
		{[]string{"Elterngeld", "und meine Schwester? die hat ein Kind adoptiert"}, "elterngeld", anyAspect, ""},
		{[]string{"Behindertenfahrdienst", "darf meine Frau mitfahren?"}, "behindertenfahrdienst", anyAspect, ""},
		{[]string{"Behindertenfahrdienst", "whats the phone number?"}, "behindertenfahrdienst", answer.AspectWhere, ""},
		{[]string{"Grundsicherung", "wo kann ich meinen Personalausweis verlängern?"}, "", "", ""},
		{[]string{"Dortmund-Pass", "what time is it in New York?"}, "", "", ""},
		{[]string{"Seniorenbüro Mengede", "gibt's auch eins in Bodelschwingh?"}, "seniorenbuero-mengede", answer.AspectWhere, ""},
		{[]string{"Seniorenbüro Hörde", "und in Aplerbeck?"}, "seniorenbuero-aplerbeck", answer.AspectWhere, ""},
		{[]string{"Seniorenbüro", "ich wohn in der Nordstadt"}, "seniorenbuero-innenstadt-nord", answer.AspectWhere, ""},
		{[]string{"Gast-Haus statt Bank", "wo ist das genau?"}, "gast-haus", answer.AspectWhere, "gast-haus"},
		{[]string{"Beschäftigungsförderung", "was gab es da schon so?"}, "beschaeftigungsfoerderung", anyAspect, ""},
		{[]string{"Bestattungskosten", "ok und wie lange habe ich Zeit?"}, "bestattungskosten", anyAspect, ""},
		{[]string{"Hilfe zur Pflege", "nein, ich meine für zu Hause"}, "hilfe-zur-pflege", anyAspect, ""},
		{[]string{"Seniorenbüro", "danke dir, das hilft mir"}, "", "", ""},
		{[]string{"Elterngeld", "Ich bin Vater"}, "elterngeld", answer.AspectWho, ""},
		{[]string{"Grundsicherung", "für meinen Opa"}, "grundsicherung", anyAspect, ""},
		{[]string{"Pflegewohngeld", "müssen die Kinder dann zahlen?"}, "pflegewohngeld", answer.AspectWho, ""},
		{[]string{"Fahrdienst", "bis wann abends fahren die?"}, "behindertenfahrdienst", answer.AspectWhat, ""},
		{[]string{"Maßnahme für Langzeitarbeitslose", "wie komm ich da rein? ich krieg bürgergeld"}, "beschaeftigungsfoerderung", anyAspect, ""},
		// A word that names another topic switches; what the person gets,
		// owns or earns does not, nor does a statement about them.
		{[]string{"Fahrdienst für Behinderte", "und wie bekomme ich eigentlich einen Schwerbehindertenausweis?"}, "schwerbehindertenausweis", anyAspect, ""},
		{[]string{"Elterngeld", "wir haben auch noch Mietschulden"}, "wohnungslosenhilfe", anyAspect, ""},
		{[]string{"Schwerbehindertenausweis", "kriegt mein Opa dann auch Blindengeld?"}, "blindengeld", anyAspect, ""},
		{[]string{"Behindertenfahrdienst", "was kostet das?", "meine Rente ist 1500 netto"}, "behindertenfahrdienst", answer.AspectCosts, ""},
		{[]string{"Blindengeld", "zählt da mein Erspartes?"}, "blindengeld", anyAspect, ""},
		{[]string{"Pflegewohngeld", "mein Vater ist im Heim in Hombruch, ich bin die Tochter"}, "pflegewohngeld", anyAspect, ""},
		{[]string{"Behindertenfahrdienst", "wie melde ich mein Auto ab?"}, "", "", ""},
		// A ranking or a recommendation, and a short message written small
		// in another domain's words, follow up on nothing.
		{[]string{"Pflegewohngeld", "welches pflegeheim in dortmund ist das beste"}, "", "", ""},
		{[]string{"Schwerbehindertenausweis", "welche krankenkasse ist die beste"}, "", "", ""},
		{[]string{"Blindengeld", "kennst du einen guten zahnarzt in hombruch"}, "", "", ""},
		{[]string{"Fahrdienst", "wie mach ich nudelsalat"}, "", "", ""},
		{[]string{"Grundsicherung", "welche unterlagen bringe ich am besten mit"}, "grundsicherung", answer.AspectBring, ""},
		// "nee ich meine Ost" after Innenstadt-Nord: the office of Innenstadt-Ost.
		{[]string{"Seniorenbüro Innenstadt-Nord", "nee ich meine ost"}, "seniorenbuero-innenstadt-ost", answer.AspectWhere, ""},
		// "gilt das auch für …" asks the topic for that person.
		{[]string{"dortmund pass wer bekommt den", "gilt das auch für meine oma mit kleiner rente"}, "dortmund-pass", anyAspect, ""},
		// "und für X?" asks what was asked before; a need told anew at
		// length switches; "ja" goes on; "sie ist 9 …" tells about her.
		{[]string{"was kostet das schwimmbad mit der dortmund karte", "und für meinen sohn, der ist 12?"}, "dortmund-pass", answer.AspectCosts, ""},
		{[]string{"wie viel grundsicherung kriegt ein ehepaar", "und wenn man alleine lebt?"}, "grundsicherung", answer.AspectCosts, ""},
		{[]string{"wie lange dauert der antrag auf schwerbehinderung", "ok. und meine frau kriegt im märz unser zweites kind, sie will ein jahr zuhause bleiben, gibts da geld vom staat"}, "elterngeld", anyAspect, ""},
		{[]string{"Grundsicherung", "ja"}, "grundsicherung", anyAspect, ""},
		{[]string{"meine tochter hat autismus und braucht in der schule eine begleitperson, wer bezahlt sowas", "sie ist 9 und geht in die 3. klasse"}, "eingliederungshilfe", anyAspect, ""},
		// A reply to "Meinen Sie A oder B?" picks one by its place.
		{[]string{"Pflegeheim kosten", "das zweite"}, "hilfe-zur-pflege", answer.AspectCosts, ""},
		{[]string{"Pflegeheim kosten", "das erste bitte"}, "pflegewohngeld", answer.AspectCosts, ""},
		{[]string{"Grundsicherung", "das zweite"}, "grundsicherung", anyAspect, ""},
		// "ganz andere Frage" ends the topic; a cue and a verb keep it.
		{[]string{"Dortmund-Pass", "ganz andere Frage: wo gibt es ein kostenloses Frühstück?"}, "wohnungslosenhilfe", anyAspect, ""},
		{[]string{"Blindengeld", "was für nachweise muss ich abgeben"}, "blindengeld", answer.AspectBring, ""},
		// A place asks for the office there of the topic with local
		// offices the search found close behind ("Beratung" … Seniorenbüro).
		{[]string{"Meine Mutter braucht Beratung wegen Pflege, sie ist 84", "sie wohnt in Wickede"}, "seniorenbuero-brackel", answer.AspectWhere, ""},
		{[]string{"meine rente reicht nicht, ich bin 68", "wo kann ich das beantragen?", "ich wohne in grevel"}, "grundsicherung", answer.AspectWhere, ""},
		// An aspect asked in another language, a question word alone,
		// thanks before "und", a message ending "geht das auch?" stay.
		{[]string{"Blindengeld", "скільки це грошей?"}, "blindengeld", answer.AspectCosts, ""},
		{[]string{"Männerübernachtungsstelle", "wann?"}, "maenneruebernachtungsstelle", answer.AspectWhere, ""},
		{[]string{"Elterngeld", "und?"}, "elterngeld", "", ""},
		{[]string{"Grundsicherung was brauche ich", "super danke, und bis wann muss ich das abgeben?"}, "grundsicherung", anyAspect, ""},
		{[]string{"Grundsicherung", "meine Tochter ist 25 und kann wegen Behinderung nie arbeiten, geht das auch?"}, "grundsicherung", answer.AspectWho, ""},
		{[]string{"Beschäftigungsförderung", "wer?"}, "beschaeftigungsfoerderung", answer.AspectWho, ""},
		{[]string{"funeral costs help", "what's the phone number?"}, "bestattungskosten", answer.AspectWhere, ""},
		// An article before a word written small is no pointer back when
		// the search found what the word names.
		{[]string{"wo krieg ich den dortmund pass"}, "dortmund-pass", anyAspect, ""},
		// What the person or someone else gets names no topic.
		{[]string{"Dortmund-Pass", "ich bekomme Bürgergeld"}, "dortmund-pass", answer.AspectWho, ""},
		{[]string{"Wohnberechtigungsschein", "ich lebe allein und verdiene 19000 im jahr"}, "wohnberechtigungsschein", answer.AspectWho, ""},
		// A statement about a relative alone opens nothing: the topic is asked.
		{[]string{"Hallo, mein Vater ist 84"}, "", "", ""},
		{[]string{"Gibt es den Dortmund-Pass auch für Kinder?", "und für meine oma die grundsicherung bekommt?"}, "dortmund-pass", anyAspect, ""},
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
		if id != tc.want || tc.want != "" && tc.aspect != anyAspect && d.Aspect != tc.aspect {
			t.Errorf("%q: %s %q [%s], want %q [%s]", tc.dialog, d.Kind, id, d.Aspect, tc.want, tc.aspect)
		}
		if tc.office != "" && (len(d.Fits) == 0 || d.Fits[0].Office.ID != tc.office) {
			t.Errorf("%q: first office is not %s", tc.dialog, tc.office)
		}
	}
}
