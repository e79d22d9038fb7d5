package answer

import "testing"

// TestCacheBounded: a value is built once per key, and the cache forgets
// everything rather than hold more than max entries (reloads bring new keys).
func TestCacheBounded(t *testing.T) {
	c := cache[int, int]{max: 2}
	builds := 0
	get := func(k int) int { return c.get(k, func() int { builds++; return k * 10 }) }
	for _, tc := range []struct{ key, want, builds int }{
		{1, 10, 1}, {1, 10, 1}, {2, 20, 2}, {2, 20, 2},
		{3, 30, 3}, // the third key empties the cache
		{1, 10, 4}, // so 1 is built again
		{3, 30, 4},
	} {
		if got := get(tc.key); got != tc.want || builds != tc.builds {
			t.Errorf("get(%d) = %d after %d builds; want %d after %d", tc.key, got, builds, tc.want, tc.builds)
		}
	}
}
