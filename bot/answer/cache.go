package answer

import (
	"sync"
	"sync/atomic"
)

// cache memoises what is computed once from an immutable knowledge base or
// one of its topics. A reload brings new pointers, so instead of growing for
// as long as the bot runs, it forgets everything when it holds max entries.
type cache[K comparable, V any] struct {
	m   sync.Map
	n   atomic.Int64
	max int64
}

func (c *cache[K, V]) get(k K, build func() V) V {
	if v, ok := c.m.Load(k); ok {
		return v.(V)
	}
	v := build()
	if c.n.Add(1) > c.max {
		c.m.Clear()
		c.n.Store(1)
	}
	c.m.Store(k, v)
	return v
}

// The caches are bounded: a knowledge base of some hundred topics in ten
// languages fits, and reloads cannot grow them without end.
const (
	maxCached      = 8192
	maxCachedBases = 4
)
