package knowledge_test

import (
	"fmt"
	"testing/fstest"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func ExampleLoad() {
	folder := fstest.MapFS{"offices.yaml": {Data: []byte(`offices:
  - id: seniorenbuero-eving
    name: {de: Seniorenbüro Eving, en: Senior citizens' office Eving}
    phone: ["0231 50-"]
    sources: [https://example.org]
    reviewed: 2026-11-01
`)}}
	_, err := knowledge.Load(folder, knowledge.Options{Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)})
	for _, p := range err.(knowledge.Problems).Errors() {
		fmt.Println(p)
	}
	// Output:
	// offices.yaml:4:13: office "seniorenbuero-eving": phone "0231 50-" is incomplete
}

func ExampleBase_DetectCrisis() {
	kb, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
	if err != nil {
		panic(err)
	}
	for _, msg := range []string{"Ich bin todmüde", "ich will nicht mehr leben"} {
		c := kb.DetectCrisis(msg)
		if c == nil {
			fmt.Printf("%q: no crisis\n", msg)
			continue
		}
		fmt.Printf("%q: %s, first line %s\n", msg, c.ID, kb.CrisisLines(c)[0].Phone[0])
	}
	// Output:
	// "Ich bin todmüde": no crisis
	// "ich will nicht mehr leben": suizid, first line 0800 111 0 111
}

func ExampleOffice_OpenAt() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	o := &knowledge.Office{Hours: []knowledge.Hours{{Days: []string{"Mo", "Di", "Do"}, Time: "08:00-12:00"}}}
	// Thursday before Easter 2027, in the afternoon: Friday is Karfreitag,
	// Monday Ostermontag.
	st := o.OpenAt(time.Date(2027, 3, 25, 15, 0, 0, 0, berlin))
	fmt.Println(st.Open, st.Next.Format("Mon 02.01. 15:04"))
	// Output:
	// false Tue 30.03. 08:00
}

// The line under an office on the answer card: "Geprüft am" only when staff
// checked the entry with the office, a warning when the newest source is old.
func ExampleFreshnessOf() {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	office := knowledge.Office{Sources: []knowledge.Citation{
		{URL: "https://www.dortmund.de/"},                  // undated: says nothing
		{URL: "https://nordstadtblogger.de/…", Year: 2019}, // the newest dated source
	}}
	f := office.Freshness(now)
	fmt.Println(f.SourceYear, f.CallFirst) // the card: "Angabe von 2019 — bitte vorher anrufen"

	checked := knowledge.Date{Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	f = knowledge.FreshnessOf(checked, office.ContactSourceYear(), now)
	fmt.Println(f.Checked.German(), f.CallFirst) // the card: "Beim Amt geprüft am 01.12.2026"
	// Output:
	// 2019 true
	// 01.12.2026 false
}
