package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ab 1. Januar 2026 gilt es. Danach nicht.", []string{"Ab 1. Januar 2026 gilt es.", "Danach nicht."}},
		{"In der 13. Woche, z. B. bei Zwillingen. Ende.", []string{"In der 13. Woche, z. B. bei Zwillingen.", "Ende."}},
		{"Ab der 101. Fahrt 50 €. Nach § 94 Abs. 1a SGB XII gilt das.", []string{"Ab der 101. Fahrt 50 €.", "Nach § 94 Abs. 1a SGB XII gilt das."}},
		{"Stand 01.07.2024: 440,90 €. Mehr?", []string{"Stand 01.07.2024: 440,90 €.", "Mehr?"}},
		{"e.g. the zoo. Then", []string{"e.g. the zoo.", "Then"}},
		{"Erster Absatz 2025\n\nZweiter Absatz 15 €", []string{"Erster Absatz 2025", "Zweiter Absatz 15 €"}},
		{"Liste:\n- 300 € ab 2025\n- 15 €", []string{"Liste:", "- 300 € ab 2025", "- 15 €"}},
		{"Im Jahr 2026. Danach 5 €.", []string{"Im Jahr 2026.", "Danach 5 €."}},
		{"", nil},
	}
	for _, tt := range tests {
		got := sentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentences(%q):\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestUndatedAmounts(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Der Regelsatz beträgt ab 1. Januar 2026 563 € im Monat.", 0},
		{"Schulbedarf 2026: 130 € und 65 €.", 0},
		{"Stand 01.07.2024: unter 18 Jahren 440,90 €.", 0},
		{"Laut einer Seite ohne Datum 47,60 € im Monat.", 0},
		{"According to an undated page 47.60 € a month.", 0},
		{"Bis 100.000 Euro im Jahr (Stand 2026).", 0},
		{"Es gibt mindestens 300 € im Monat.", 1},
		{"Unter 2000 € im Monat.", 1}, // 2000 € is an amount, not a year
		{"Es kostet 15 EUR. Seit 2024 gibt es das.", 1},
		{"Ein-Euro-Job seit langem.", 0},
		{"Es gibt 48 € im Monat. Es gibt 10 Euro extra.", 2},
	}
	for _, tt := range tests {
		if got := undatedAmounts(tt.in); len(got) != tt.want {
			t.Errorf("undatedAmounts(%q) = %q, want %d sentences", tt.in, got, tt.want)
		}
	}
}

// TestValidateFolders loads each folder of testdata/validate and compares
// the errors with its want.txt (run with -update to rewrite them).
func TestValidateFolders(t *testing.T) {
	dirs, err := filepath.Glob("testdata/validate/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test folders: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, err := Load(os.DirFS(dir), Options{Now: today})
			ps, _ := err.(Problems)
			got := ""
			for _, p := range ps.Errors() {
				got += p.String() + "\n"
			}
			path := filepath.Join(dir, "want.txt")
			if updating() {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("errors differ (go test ./knowledge -update rewrites %s):\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
}

// TestBuiltinPointsNowhereElse: the knowledge files, comments included, name
// no research notes and no folders of a machine; sources are web pages.
func TestBuiltinPointsNowhereElse(t *testing.T) {
	names, err := filepath.Glob("kb/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "$schema=../kb.schema.json") {
				continue // the editor's schema, inside the repository
			}
			if localPath.MatchString(line) {
				t.Errorf("%s:%d points outside the repository: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}
