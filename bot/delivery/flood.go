package delivery

import (
	"sync"
	"time"
)

// episodeGap is how long a user must stay under the limit before a new
// flood earns a new notice.
const episodeGap = time.Minute

// floodLimiter is the per-user inbound limit: a token bucket of perMinute
// tokens refilled evenly over a minute. It is one map lookup under a mutex
// per update, and forgets users whose bucket is full again. Safe for
// concurrent use.
type floodLimiter struct {
	perMinute int // < 0: no limit, only episodes of queue overflow
	now       func() time.Time

	mu    sync.Mutex
	users map[int64]*userBucket
	calls int
}

type userBucket struct {
	tokens      float64
	last        time.Time
	lastLimited time.Time // zero: not in a flood episode
}

func newFloodLimiter(perMinute int, now func() time.Time) *floodLimiter {
	return &floodLimiter{perMinute: perMinute, now: now, users: map[int64]*userBucket{}}
}

// allow takes a token for user. When none is left it returns ok=false, and
// notice=true if this starts a new flood episode (the user gets one notice).
func (f *floodLimiter) allow(user int64) (ok, notice bool) {
	if f.perMinute < 0 {
		return true, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	b := f.bucketLocked(user, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, false
	}
	return false, f.limitedLocked(b, now)
}

// overflow records that user's update was dropped for another reason (a
// full chat queue) and reports whether that starts a new episode.
func (f *floodLimiter) overflow(user int64) (notice bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	return f.limitedLocked(f.bucketLocked(user, now), now)
}

func (f *floodLimiter) limitedLocked(b *userBucket, now time.Time) bool {
	notice := b.lastLimited.IsZero() || now.Sub(b.lastLimited) >= episodeGap
	b.lastLimited = now
	return notice
}

func (f *floodLimiter) bucketLocked(user int64, now time.Time) *userBucket {
	f.calls++
	if f.calls%1024 == 0 {
		f.sweepLocked(now)
	}
	capacity := float64(f.perMinute)
	if capacity < 1 {
		capacity = 1
	}
	b := f.users[user]
	if b == nil {
		b = &userBucket{tokens: capacity, last: now}
		f.users[user] = b
		return b
	}
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens += elapsed.Minutes() * float64(max(f.perMinute, 0))
		if b.tokens > capacity {
			b.tokens = capacity
		}
		b.last = now
	}
	return b
}

// sweepLocked forgets users whose bucket has refilled and whose episode is over.
func (f *floodLimiter) sweepLocked(now time.Time) {
	for id, b := range f.users {
		full := b.tokens+now.Sub(b.last).Minutes()*float64(f.perMinute) >= float64(f.perMinute) || f.perMinute < 0
		if full && (b.lastLimited.IsZero() || now.Sub(b.lastLimited) >= episodeGap) {
			delete(f.users, id)
		}
	}
}
