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
