package answer

import "testing"

func TestOpeningOf(t *testing.T) {
	tests := []struct {
		msg  string
		want opening
		lang string
	}{
		{"Hallo, ich hätte mal eine Frage", opensAsking, "de"},
		{"tschuldigung wenn ich stör, hab da ne frage wegen nem brief", opensAsking, "de"},
		{"moin, bin ich hier richtig beim sozialamt?", opensAsking, "de"},
		{"is this the right place to ask something?", opensAsking, "en"},
		{"Merhaba, bir sorum olacaktı", opensAsking, "tr"},
		{"Здравствуйте, у меня вопрос", opensAsking, "ru"},
		{"مرحبا، أحتاج مساعدة من فضلك", opensAsking, "ar"},
		{"Добрий день, підкажіть будь ласка", opensAsking, "uk"},
		{"Dzień dobry, mam pytanie", opensAsking, "pl"},
		{"Buna ziua, am si eu o intrebare", opensAsking, "ro"},
		{"Здравейте, имам въпрос", opensAsking, "bg"},
		{"سلام، یک سوال داشتم", opensAsking, "fa"},
		{"Здравствуйте!", opensGreeting, "ru"},
		{"Dzień dobry", opensGreeting, "pl"},
		{"ja", opensAssent, "de"},
		{"evet", opensAssent, "tr"},
		{"yes please", opensAssent, "en"},
		// A word that names something is no opener.
		{"Hallo, ich habe eine Frage zur Grundsicherung", notOpening, ""},
		{"Merhaba, engelli kimlik kartı için nereye başvurmalıyım?", notOpening, ""},
		{"Sozialamt?", notOpening, ""},
		{"ja ich brauche Wohngeld", notOpening, ""},
	}
	for _, tt := range tests {
		words := foldWords(tt.msg)
		got, _ := openingOf(words, tt.msg[len(tt.msg)-1] == '?')
		if got != tt.want {
			t.Errorf("openingOf(%q) = %d, want %d", tt.msg, got, tt.want)
		}
		if tt.lang != "" && openerLang(words) != tt.lang {
			t.Errorf("openerLang(%q) = %q, want %q", tt.msg, openerLang(words), tt.lang)
		}
	}
}

func TestWithoutOpening(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Entschuldigung, wo ist das Sozialbüro in der Innenstadt?", "wo ist das Sozialbüro in der Innenstadt?"},
		{"Entschuldigen Sie bitte, Pflegeheim zu teuer", "Pflegeheim zu teuer"},
		{"Merhaba, engelli kartı", "engelli kartı"},
		{"Hallo", "Hallo"},
		{"Grundsicherung, hallo", "Grundsicherung, hallo"},
		{"ok, wo ist das?", "ok, wo ist das?"},
	}
	for _, tt := range tests {
		if got := withoutOpening(tt.in); got != tt.want {
			t.Errorf("withoutOpening(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSmallTalk(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
	}{
		{"wie gehts dir bot", true},
		{"bist du ein echter mensch oder ne maschine", true},
		{"привет бот как дела", true},
		{"nasılsın bot", true},
		{"how are you? I need Wohngeld", false},
		{"wie geht es weiter mit meinem Antrag", false},
	}
	for _, tt := range tests {
		if got := smallTalk(foldWords(tt.msg)); got != tt.want {
			t.Errorf("smallTalk(%q) = %v, want %v", tt.msg, got, tt.want)
		}
	}
}

func TestGoesOnFromNothing(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
	}{
		{"а для дружини?", true},
		{"peki ya annem?", true},
		{"und für meine frau?", true},
		{"und", false},
		{"i need a passport", false},
		{"a question about my car tax", false},
	}
	for _, tt := range tests {
		if got := goesOnFromNothing(foldWords(tt.msg)); got != tt.want {
			t.Errorf("goesOnFromNothing(%q) = %v, want %v", tt.msg, got, tt.want)
		}
	}
}
