package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestEditDistanceBand compares editDistance, which computes only the band
// of cells near the diagonal, with the whole table on words that differ in
// the ways typos do.
func TestEditDistanceBand(t *testing.T) {
	full := func(a, b string) int {
		ra, rb := []rune(a), []rune(b)
		d := make([][]int, len(ra)+1)
		for i := range d {
			d[i] = make([]int, len(rb)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(ra); i++ {
			for j := 1; j <= len(rb); j++ {
				cost := 1
				if ra[i-1] == rb[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
				if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
					d[i][j] = min(d[i][j], d[i-2][j-2]+1)
				}
			}
		}
		return d[len(ra)][len(rb)]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcdeö")
	word := func() string {
		r := make([]rune, rng.IntN(12))
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		return string(r)
	}
	for range 200000 {
		a, b := word(), word()
		if rng.IntN(2) == 0 {
			b = a
			for range rng.IntN(4) {
				r := []rune(b)
				switch i := rng.IntN(len(r) + 1); rng.IntN(3) {
				case 0:
					r = slices.Insert(r, i, letters[rng.IntN(len(letters))])
				case 1:
					if i < len(r) {
						r = slices.Delete(r, i, i+1)
					}
				default:
					if i+1 < len(r) {
						r[i], r[i+1] = r[i+1], r[i]
					}
				}
				b = string(r)
			}
		}
		for max := range 4 {
			want := min(full(a, b), max+1)
			if got := editDistance(a, b, max); got != want {
				t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", a, b, max, got, want)
			}
		}
	}
}
