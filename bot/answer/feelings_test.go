package answer

import (
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// TestWithoutFeelings checks that words of feeling and urgency are left out
// of what is searched, and that nothing else is.
func TestWithoutFeelings(t *testing.T) {
	tests := []struct{ q, want string }{
		{"die nebenkosten bringen mich noch um, gibts einen zuschuss zur miete", "die nebenkosten , gibts einen zuschuss zur miete"},
		{"Notfall! Mein Ausweis ist abgelaufen.", "! Mein Ausweis ist abgelaufen."},
		{"Ich sterbe vor Langeweile. Gibt es Treffen für Senioren?", "Ich . Gibt es Treffen für Senioren?"},
		{"wie beantrage ich Grundsicherung?", "wie beantrage ich Grundsicherung?"},
		{"Notfall!", "Notfall!"}, // nothing else would be left
	}
	for _, tc := range tests {
		if got := withoutFeelings(tc.q); got != tc.want {
			t.Errorf("withoutFeelings(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestWorks checks the words that say the person asking can work.
func TestWorks(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"ich arbeite 25 Stunden im Supermarkt", true},
		{"I work part time in a warehouse", true},
		{"seit 3 monaten arbeitslos", true},
		{"ich kann nicht arbeiten", false},
		{"arbeitslosengeld krieg ich nicht", false},
		{"der verdient gut", false},
		{"ich arbeite in einer Werkstatt", false},
	}
	for _, tc := range tests {
		if got := works(foldWords(tc.q)); got != tc.want {
			t.Errorf("works(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestRefusedBenefits checks that a benefit counts as refused only with a
// verb of getting or wanting, or a refusal, near the denial.
func TestRefusedBenefits(t *testing.T) {
	kb, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want int
	}{
		{"Grundsicherung krieg ich nicht, das hab ich probiert.", 1},
		{"I think I earn too much for Bürgergeld.", 1},
		{"Das Jobcenter hat mein Bürgergeld noch nicht überwiesen.", 0},
		{"Bekomme ich keine Grundsicherung?", 0},
	}
	for _, tc := range tests {
		if got := refusedBenefits(kb, tc.q); len(got) != tc.want {
			t.Errorf("refusedBenefits(%q) = %v, want %d words", tc.q, got, tc.want)
		}
	}
}
