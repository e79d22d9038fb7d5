package answer

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func TestAspectCues(t *testing.T) {
	tests := []struct {
		q    string
		want Aspect
	}{
		{"Was kostet eine Fahrt?", AspectCosts},
		{"Bis wann muss ich Elterngeld beantragen?", AspectDeadlines},
		{"Gibt es eine Frist?", AspectDeadlines},
		{"Antragsfrist Elterngeld", AspectDeadlines},
		{"fristlose Kündigung, was muss ich mitbringen?", AspectBring},
		{"Wer bekommt den Fahrdienst?", AspectWho},
		{"Was muss ich mitbringen?", AspectBring},
		{"Welche Unterlagen brauche ich?", AspectBring},
		{"Wo ist das?", AspectWhere},
		{"Öffnungszeiten Seniorenbüro", AspectWhere},
		{"Telefonnummer Sozialamt", AspectWhere},
		{"Wie beantrage ich Grundsicherung?", AspectHow},
		{"Nach welchem Gesetz?", AspectLegal},
		{"How much does it cost?", AspectCosts},
		{"What documents do I need?", AspectBring},
		{"Where is the office?", AspectWhere},
		{"Grundsicherung", AspectNone},
		{"Was ist der Behindertenfahrdienst?", AspectNone},
		{"Faxnummer Versorgungsamt", AspectWhere},
		{"Mailadresse vom Fahrdienst", AspectWhere},
		{"Wer kriegt die Dortmund-Karte?", AspectWho},
		{"Zahlt die Grundsicherung auch die Miete?", AspectWhat},
		{"Zählt das Einkommen vom Mann mit?", AspectNone},
		{"Which law covers the transport service?", AspectLegal},
		{"Wer hilft mir beim Ausfüllen?", AspectHow},
		// The families of the eight languages: phone, age, paying, how much.
		{"Какой номер телефона у фахрдинста?", AspectWhere},
		{"Wem steht das zu?", AspectWho},
		{"телефонът на службата", AspectWhere},
		{"رقم الهاتف؟", AspectWhere},
		{"godziny otwarcia biura", AspectWhere},
		{"programul biroului", AspectWhere},
		{"kaç yaşında alınır?", AspectWho},
		{"من عمر كم؟", AspectWho},
		{"С какого возраста?", AspectWho},
		{"od ilu lat?", AspectWho},
		{"de la ce vârstă?", AspectWho},
		{"از چند سالگی؟", AspectWho},
		{"скільки коштує?", AspectCosts},
		{"ne kadar tutuyor?", AspectCosts},
		// An amount is costs (prices, amounts, fees); an age, a time or
		// a limit on one's own money is not.
		{"ile wynosi zasiłek?", AspectCosts},
		{"колко е помощта?", AspectCosts},
		{"Wie viel Elterngeld bekommt man höchstens?", AspectCosts},
		{"сколько дают в месяц", AspectCosts},
		{"на колко години?", AspectWho},
		{"wieviel Monate rückwirkend?", AspectDeadlines},
		{"Wie viel Erspartes darf ich behalten?", AspectWhat},
		// Where to apply is how to apply, in every language (the how
		// section names the office too); an address asked stays where.
		{"wo beantrage ich das?", AspectHow},
		{"куди подавати заяву?", AspectHow},
		{"gdzie złożyć wniosek?", AspectHow},
		{"Adresse für den Antrag?", AspectWhere},
		{"wo muss ich hin mit dem Antrag?", AspectHow},
		{"Elterngeld Antrag ro koja befrestam?", AspectHow},
		{"куди дзвонити щоб подати заяву?", AspectWhere},
		// Competing cues, gaps, clitics, families.
		{"Gilt das Blindengeld auch für Kinder?", AspectWho},
		{"gilt mein alter Pass noch?", AspectWhat},
		{"how far back will they pay?", AspectDeadlines},
		{"die kleine ist schon 4 monate, kriegen wir noch was?", AspectDeadlines},
		{"Sozialticket gheymatesh chande?", AspectCosts},
		{"تذكرة الباص، شكد سعرها بالشهر؟", AspectCosts},
		{"ein günstiges Ticket für Bus und Bahn?", AspectWhat},
		{"elterngeld antrag aendern geht das per mail", AspectHow},
		{"wie viel Blindengeld steht mir zu?", AspectCosts},
		{"schwerbehindertenausweis ab wieviel prozent", AspectWho},
		{"who qualifies for it?", AspectWho},
		{"дають якщо я біженка по §24?", AspectWho},
		{"ab wann hat das Gast-Haus morgens auf?", AspectWhere},
		{"ab wann hat man anspruch auf grundsicherung?", AspectWho},
		{"Wo ist das Sozialbüro?", AspectWhere},
		{"czy nie za pozno?", AspectDeadlines},
		{"لمين؟", AspectWho},
		{"AsylbLG طبق کدوم قانونه", AspectLegal},
		{"چطور بگیرم؟", AspectHow},
		{"nasıl alınır bu yardım", AspectHow},
	}
	for _, tc := range tests {
		if got := readSignals(tc.q).aspect; got != tc.want {
			t.Errorf("%q: aspect %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestSignals(t *testing.T) {
	tests := []struct {
		q              string
		gender         string
		tonight, lives bool
		rest           string
		query          string
	}{
		{"ich bin eine Frau", "frau", false, false, "", ""},
		{"als Mann, heute Nacht", "mann", true, false, "", ""},
		{"mein Mann hat mich verlassen und ich brauche Geld", "", false, false, "mann verlassen geld", "mein Mann hat mich verlassen und ich brauche Geld"},
		{"I live in Eving", "", false, true, "eving", "I in Eving"},
		{"ich wohne in Brackel", "", false, true, "brackel", "ich in Brackel"},
		{"Welche Unterlagen brauche ich für Elterngeld?", "", false, false, "elterngeld", "Welche für Elterngeld"},
		{"ich bin 81", "", false, false, "", "ich bin 81"},
	}
	for _, tc := range tests {
		s := readSignals(tc.q)
		if s.gender != tc.gender || s.tonight != tc.tonight || s.lives != tc.lives || strings.Join(s.rest, " ") != tc.rest || s.query != tc.query {
			t.Errorf("%q: gender %q tonight %v lives %v rest %q query %q; want %q %v %v %q %q",
				tc.q, s.gender, s.tonight, s.lives, strings.Join(s.rest, " "), s.query, tc.gender, tc.tonight, tc.lives, tc.rest, tc.query)
		}
	}
}

func TestPointsBack(t *testing.T) {
	for q, want := range map[string]bool{
		"wer bekommt den?":     true,
		"geht das online?":     true,
		"Wie wird das Wetter?": false,
		"Wann spielt der BVB?": false,
		"und dafür?":           true,
	} {
		if got := readSignals(q).refers; got != want {
			t.Errorf("%q: refers %v, want %v", q, got, want)
		}
	}
}

func TestPhoneLang(t *testing.T) {
	for code, want := range map[string]string{"": "de", "de": "de", "de-AT": "de", "en": "en", "en-GB": "en", "tr": "tr", "uk": "uk", "fa-IR": "fa", "vi": "en", "ku": "en"} {
		if got := PhoneLang(code); got != want {
			t.Errorf("PhoneLang(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestMemory(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	m := NewMemory(2, 30*time.Minute, func() time.Time { return now })
	m.Put(1, State{Topic: "grundsicherung"})
	m.Put(2, State{Topic: "elterngeld"})
	if got := m.Get(1).Topic; got != "grundsicherung" {
		t.Errorf("chat 1: %q", got)
	}
	m.Put(1, State{Topic: "grundsicherung"}) // the bot puts the state back after each message
	m.Put(3, State{Topic: "wohngeld"})       // chat 2 was quiet longest
	if m.Get(2).Topic != "" || m.Len() != 2 {
		t.Errorf("the least recently used chat is not forgotten: %d chats", m.Len())
	}
	now = now.Add(31 * time.Minute)
	if got := m.Get(3).Topic; got != "" {
		t.Errorf("after 31 idle minutes: %q", got)
	}
	m.Put(4, State{Topic: "x"})
	m.Forget(4)
	if m.Get(4).Topic != "" {
		t.Error("Forget keeps the state")
	}
}

func TestMessageRendering(t *testing.T) {
	m := Message{}
	m.add(para(line(bold("A <b> & C"))), para(line(text("x < y"), link("https://example.org/?a=1&b=2", "example.org"))), markupPara("<i>Stand</i> &amp; so"))
	m.add(textPara("  "))
	if got, want := m.HTML(), "<b>A &lt;b&gt; &amp; C</b>\n\nx &lt; y<a href=\"https://example.org/?a=1&amp;b=2\">example.org</a>\n\n<i>Stand</i> &amp; so"; got != want {
		t.Errorf("HTML:\n%s\nwant\n%s", got, want)
	}
	if got, want := m.Plain(), "A <b> & C\n\nx < yexample.org\n\nStand & so"; got != want {
		t.Errorf("Plain:\n%s\nwant\n%s", got, want)
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("Ein Satz über nichts Besonderes. ", 20) + "Ab der 31. Fahrt zahlen Sie 25 € pro Fahrt. " + strings.Repeat("Noch ein Satz. ", 10)
	got := excerpt(long, readQuestion("Was kostet die 31. Fahrt?"), nil)
	if !strings.Contains(got, "25 €") || utf8.RuneCountInString(got) > maxExcerpt+2 {
		t.Errorf("excerpt misses the sentence asked for or is too long (%d):\n%s", utf8.RuneCountInString(got), got)
	}
	if short := "Kurz."; excerpt(short, readQuestion("x"), nil) != short {
		t.Error("a short section is cut")
	}
	// A compound holds the question's word, a code is matched as written,
	// and an ordinal does not end a sentence.
	filler := strings.Repeat("Ein Satz über nichts Besonderes. ", 12)
	for _, tc := range []struct{ text, q, want string }{
		{filler + "Träger ist ein Wohlfahrtsverband. " + filler, "Gehört es zu einem Verband?", "Wohlfahrtsverband"},
		{filler + "Merkzeichen: G (gehbehindert), B (Begleitperson). " + filler, "Was heißt B?", "Begleitperson"},
		{filler + "Ab der 101. Fahrt zahlen alle 50 € pro Fahrt. " + filler, "Preis ab der 101. Fahrt", "50 €"},
		// The fact of the shape asked for: an amount, an age.
		{filler + "Es gibt mindestens 300 € im Monat. " + filler, "Wieviel gibts maximal?", "300 €"},
		{filler + "Die Grenze liegt zwischen 65 und 67 Jahren. " + filler, "ab welchem Alter?", "65"},
		{filler + "Der Antrag selbst ist kostenlos. " + filler, "Was kostet das?", "kostenlos"},
		// Sentences of other scripts: Cyrillic capitals, Arabic without them.
		{strings.Repeat("Одно предложение ни о чём. ", 15) + "Автобус 440, остановка. " + strings.Repeat("Ещё одно. ", 15), "Какой автобус?", "440"},
		{strings.Repeat("جملة عن لا شيء هنا. ", 20) + "الباص 440 يذهب إلى هناك. " + strings.Repeat("جملة أخرى. ", 15), "أي باص؟", "440"},
	} {
		if got := excerpt(tc.text, readQuestion(tc.q), nil); !strings.Contains(got, tc.want) || utf8.RuneCountInString(got) > maxExcerpt+2 {
			t.Errorf("%q: excerpt misses %q or is too long:\n%s", tc.q, tc.want, got)
		}
	}
}

// TestWithOfficeWords: the office's word a citizen's word stands for leads
// the excerpt to the sentence that says it ("Waschmaschine" is the text's
// "Erstausstattung"), phrases only where their words stand together.
func TestWithOfficeWords(t *testing.T) {
	kb := &knowledge.Base{Synonyms: []knowledge.Synonym{
		{From: []string{"Waschmaschine", "erste Wohnung"}, To: []string{"Erstausstattung"}},
		{Words: []string{"Fahrt", "Tour"}},
	}}
	filler := strings.Repeat("Ein Satz über nichts Besonderes. ", 12)
	text := filler + "Für die Erstausstattung einer Wohnung gibt es Geld. " + filler
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"Zahlt das Amt eine Waschmaschine?", true},
		{"Meine erste Wohnung ist leer", true},
		{"Die Wohnung ist meine erste", false},
		{"Was kostet eine Tour?", false}, // a group of equal words adds nothing
	} {
		q := withOfficeWords(kb, tc.q)
		if got := strings.Contains(q, "Erstausstattung"); got != tc.want {
			t.Errorf("withOfficeWords(%q) = %q, want Erstausstattung: %v", tc.q, q, tc.want)
		}
		if tc.want && !strings.Contains(excerpt(text, readQuestion(q), nil), "Erstausstattung") {
			t.Errorf("%q: the excerpt misses the sentence with the office's word", tc.q)
		}
	}
}

// FuzzSignals: no input makes reading a message panic, and the query for
// the search holds nothing the message did not.
func FuzzSignals(f *testing.F) {
	for _, s := range []string{"Was kostet das?", "ich bin eine Frau", "\xff\xfe", "€§", "und", strings.Repeat("a ", 300), "Ünd wö ïst däs?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sig := readSignals(s)
		if len(sig.query) > len(s)+1 && sig.query != s {
			t.Errorf("query %q longer than message %q", sig.query, s)
		}
		if sig.aspect != AspectNone {
			if _, ok := ParseAspect(string(sig.aspect)); !ok {
				t.Errorf("unknown aspect %q", sig.aspect)
			}
		}
	})
}

func TestHelpAndFillers(t *testing.T) {
	if !readSignals("Ich bin 79, was kann ich hier fragen?").help {
		t.Error("a question what the bot can do is not read as one")
	}
	if readSignals("Wie beantrage ich Elterngeld?").help {
		t.Error("a question about a topic is read as a question what the bot can do")
	}
	if q := readSignals("Verdammt nochmal, wo ist das Sozialamt?").query; strings.Contains(q, "Verdammt") || !strings.Contains(q, "Sozialamt") {
		t.Errorf("query %q: fillers kept or topic lost", q)
	}
}

// TestPlaceScore: a sentence with an address, even without a postcode,
// tells where to go; a street name alone does not.
func TestPlaceScore(t *testing.T) {
	for _, tc := range []struct {
		sen   string
		place bool
	}{
		{"Familien aus Bochum geben den Antrag am Gustav-Heinemann-Platz 2-6 ab.", true},
		{"Das Sozialbüro ist in der Leopoldstraße 16-20.", true},
		{"Am Entenpoth 34, 44263 Dortmund-Hörde.", true},
		{"Die Leopoldstraße ist eine Straße.", false},
		{"Stellen Sie den Antrag beim Sozialbüro.", false},
	} {
		if got := placeScore(tc.sen) >= minWhereSentence; got != tc.place {
			t.Errorf("%q: place %v, want %v", tc.sen, got, tc.place)
		}
	}
}

// TestAsksRecommendation: a ranking or recommendation asked of the bot is
// declined; advice someone else gave, the best way to apply and a best
// friend are no such question.
func TestAsksRecommendation(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"welche Krankenkasse ist die beste", true},
		{"kannst du mir einen guten Anwalt empfehlen", true},
		{"can you recommend a restaurant", true},
		{"welches Pflegeheim ist das beste", true},
		{"Die Lehrerin empfiehlt eine Schulbegleitung. Wer bezahlt das?", false},
		{"der Arzt hat eine Kur empfohlen", false},
		{"wo stelle ich den Antrag am besten", false},
		{"meine beste Freundin braucht Hilfe", false},
		{"what is the best way to apply", false},
	} {
		_, words := splitWords(tc.q)
		if got := asksRanking(words) || asksRecommendation(words); got != tc.want {
			t.Errorf("%q: asks a ranking or recommendation %v, want %v", tc.q, got, tc.want)
		}
	}
}
