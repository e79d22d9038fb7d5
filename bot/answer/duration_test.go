package answer

import "testing"

// TestForGood checks the words that say a person cannot work for good
// (Grundsicherung) against those of a time (Hilfe zum Lebensunterhalt).
func TestForGood(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"ich bin 63 und hab volle erwerbsminderungsrente", true},
		{"ich kann auf Dauer nicht arbeiten", true},
		{"ich bin 70 und die Rente reicht nicht", true},
		{"wir sind 72 Jahre alt", true},
		{"ich bin 45 und kann ein paar Monate nicht arbeiten", false},
		{"ich habe 90 Euro auf dem Konto", false},
	}
	for _, tc := range tests {
		if got := forGood(foldWords(tc.q)); got != tc.want {
			t.Errorf("forGood(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
