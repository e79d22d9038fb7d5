package index_test

import (
	"context"
	"fmt"

	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func ExampleIndex_Search() {
	kb, err := knowledge.Load(knowledge.Builtin(), knowledge.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := index.Build(kb)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	for _, q := range []string{"meine rente reicht nich", "Seniorenbüro Sölde", "Kfz-Steuer bezahlen"} {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			fmt.Println(err)
			return
		}
		if res.Answered {
			fmt.Printf("%s → %s %s\n", q, res.Hits[0].Kind, res.Hits[0].ID)
		} else {
			fmt.Printf("%s → declined (%s)\n", q, res.Reason)
		}
	}
	// Output:
	// meine rente reicht nich → topic grundsicherung
	// Seniorenbüro Sölde → office seniorenbuero-aplerbeck
	// Kfz-Steuer bezahlen → declined (out-of-scope)
}
