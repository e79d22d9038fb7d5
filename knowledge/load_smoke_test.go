package knowledge

import "testing"

func TestBuiltinLoads(t *testing.T) {
	b, err := Load(Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range b.Warnings {
		t.Log(w)
	}
}
