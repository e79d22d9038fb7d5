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

// The line under an office on the answer card: "Geprüft am" only when staff
// checked the entry with the office, a warning when the newest source is old.
func ExampleFreshnessOf() {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	office := knowledge.Office{Sources: []knowledge.Source{
		{URL: "https://www.dortmund.de/"},                  // undated: says nothing
		{URL: "https://nordstadtblogger.de/…", Year: 2019}, // the newest dated source
	}}
	f := office.Freshness(now)
	fmt.Println(f.Note("de"))
	fmt.Println(f.Note("en"))

	checked := knowledge.Date{Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	fmt.Println(knowledge.FreshnessOf(checked, office.ContactSourceYear(), now).Note("de"))
	// Output:
	// Angabe von 2019 — bitte vorher anrufen
	// Information from 2019 — please call before you go
	// Geprüft am 01.12.2026
}
