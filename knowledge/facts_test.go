package knowledge

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestExtractFacts(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // kind:key
	}{
		{"Rufen Sie 0231 50-28800 an oder (0231) 842-1110.", []string{"phone:0231502880" + "0", "phone:02318421110"}},
		{"Hilfetelefon 116 016, rund um die Uhr", []string{"phone:116016"}},
		{"Schreiben Sie an sozialamt@stadtdo.de oder https://www.dortmund.de/soziales/.", []string{"e-mail:sozialamt@stadtdo.de", "web address:dortmund.de/soziales"}},
		{"über 2.000 € und 47,60 €, 100.000 Euro", []string{"amount:2000 €", "amount:47.6 €", "amount:100000 €"}},
		{"over 2,000 € and 47.60 €, EUR 100,000", []string{"amount:2000 €", "amount:47.6 €", "amount:100000 €"}},
		{"Seit dem 1. Juli 2015, bis 31.12.2021, ab Februar 2020", []string{"date:2021-12-31", "date:2015-07-01", "date:2020-02"}},
		{"since 1 July 2015, until 31.12.2021, from February 2020", []string{"date:2021-12-31", "date:2015-07-01", "date:2020-02"}},
		{"с 1 июля 2015 года", []string{"date:2015-07-01"}},
		{"§ 41 Abs. 2 SGB XII", []string{"§:§ 41", "law:SGB XII", "number:2"}},
		{"Leopoldstraße 16-20, 44147 Dortmund", []string{"address:leopoldstraße 16-20", "postcode:44147"}},
		{"Hellweg 146 und Schildplatz 7", []string{"address:hellweg 146", "address:schildplatz 7"}},
		{"Mo–Fr 9:30–12 Uhr, Do 16.00 Uhr", []string{"number:9", "number:30", "number:16", "number:12"}},
		{"50 % und %50 und ٥٠٪", []string{"percentage:50 %", "percentage:50 %", "percentage:50 %"}},
		{"الهاتف ٠٢٣١ ٥٠-٠", []string{"phone:0231500"}},
		{"ab 15 Jahren mindestens 3 Stunden in der 13. Woche", []string{"number:15", "number:3", "number:13"}},
		{"Im Mai kommt die Markthalle", nil},
	} {
		var got []string
		for _, f := range ExtractFacts(tc.text) {
			got = append(got, f.Kind+":"+f.Key)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ExtractFacts(%q)\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestCompareFacts(t *testing.T) {
	de := "Stellen Sie den Antrag im Sozialbüro, Leopoldstraße 16-20 (Telefon 0231 50-28800). Der Regelsatz ist 563 €."
	for _, tc := range []struct {
		tr   string
		want []string
	}{
		{"Başvuruyu Sosyal Büro'da yapın, Leopoldstraße 16-20 (telefon 0231 50-28800). Temel oran 563 Euro.", nil},
		{"قدّم الطلب في مكتب الشؤون الاجتماعية، Leopoldstraße 16-20 (هاتف ٠٢٣١ ٥٠-٢٨٨٠٠). المبلغ ٥٦٣ يورو.", nil},
		{"Подайте заявление, Леопольдштрассе 16-20 (0231 50-28800). 536 евро.", []string{
			`address "Leopoldstraße 16-20" of the German text is missing`,
			`amount "536 евро" is not in the German text`,
			`amount "563 €" of the German text is missing`,
			`number "16" is not in the German text`, `number "20" is not in the German text`}},
	} {
		got := CompareFacts(de, tc.tr)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("CompareFacts(%q)\n got %s\nwant %s", tc.tr, strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
		}
	}
}

// TestCompareFactsMonthAfterIn: a month as written after "in" (у лютому,
// w lipcu, в июле) is the German month, not a stray year.
func TestCompareFactsMonthAfterIn(t *testing.T) {
	for _, tc := range []struct{ de, tr string }{
		{"Seit Februar 2020 ist das Büro hier.", "Офіс тут у лютому 2020 року."},
		{"Seit Januar 2021 ist das Büro hier.", "Офіс тут із січні 2021 року."},
		{"Ab Juli 2026 gilt das Gesetz.", "Закон діє з липні 2026 року."},
		{"Ab Juli 2026 gilt das Gesetz.", "Закон действует в июле 2026 года."},
		{"Ab Juli 2026 gilt das Gesetz.", "Ustawa obowiązuje w lipcu 2026."},
		{"Im Februar 2026 beschlossen.", "Uchwalono w lutym 2026."},
	} {
		if got := CompareFacts(tc.de, tc.tr); got != nil {
			t.Errorf("CompareFacts(%q, %q) = %q, want no difference", tc.de, tc.tr, got)
		}
	}
}

func FuzzExtractFacts(f *testing.F) {
	f.Add("Leopoldstraße 16-20, 0231 50-0, 2.000 €, § 41, 1. Juli 2015, ٥٠٪")
	f.Fuzz(func(t *testing.T, s string) {
		for _, fact := range ExtractFacts(s) {
			if fact.Kind == "" || fact.Key == "" {
				t.Errorf("empty fact %+v from %q", fact, s)
			}
		}
		if msgs := CompareFacts(s, s); msgs != nil {
			t.Errorf("a text differs from itself: %q", msgs)
		}
	})
}

// FuzzMayMatch checks that the quick test before each fact pattern never
// skips a text the pattern matches.
func FuzzMayMatch(f *testing.F) {
	for _, s := range []string{
		"Leopoldstraße 16-20, 0231 50-0, 2.000 €, § 41, 1. Juli 2015, ٥٠٪",
		"info@dortmund.de, EUR 12,50, SGB XII, 2026-01-01, 9:30 Uhr, 44137, 50 %",
		"Januar 2026, March 3, 2026, 116 117, (0231) 50-0, +49 231 50",
		"HTTPS://X.Y WWW.Dortmund.DE/a Hohe Str. 3, Am Markt 1, Königswall 8-10",
	} {
		f.Add(s)
	}
	patterns := []*regexp.Regexp{emailFact, urlFact, isoDate, numDate, dayMonthYear, monthDayYear, monthYear, paragraph, lawCode, phoneFact, street, amountAfter, amountBefore, percent, clock, postcode, number}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range patterns {
			if re.MatchString(s) && !mayMatch(re, []byte(s)) {
				t.Errorf("%s matches %q, but mayMatch skips it", re, s)
			}
		}
	})
}
