package didww

import (
	"context"
	"math"
	"sync"
	"time"
)

// DefaultRateLimit is the API's documented limit per key, in requests per second.
const DefaultRateLimit = 20

// rateLimiter spaces requests evenly at a fixed rate, shared by every service
// of a client. Spacing rather than bursting keeps any one-second window of the
// server's count within the limit. A 429 holds back every request not yet
// sent until the server's window ends, including callers already waiting for
// a slot: a slot reserved before the pause that falls inside it is traded for
// a new one after it.
type rateLimiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time // earliest start of the next request
	until    time.Time // no request starts before this (the server's 429 window)
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
}

func newRateLimiter(perSecond float64) *rateLimiter {
	if perSecond <= 0 {
		return nil
	}
	// A tiny rate would overflow Duration into a negative interval: no limit at all.
	interval := min(float64(time.Second)/perSecond, float64(math.MaxInt64/2))
	return &rateLimiter{interval: time.Duration(interval), now: time.Now, sleep: sleep}
}

// wait blocks until the caller may send, or until ctx ends.
func (l *rateLimiter) wait(ctx context.Context) error {
	if l == nil {
		return ctx.Err()
	}
	for {
		start, d := l.reserve()
		if d <= 0 {
			return ctx.Err()
		}
		if err := l.sleep(ctx, d); err != nil {
			l.release(start)
			return err
		}
		if l.admit(start) {
			return ctx.Err()
		}
		// A 429 arrived while this caller slept and its window covers the slot.
	}
}

// reserve takes the next slot, never inside a pause, and says how long the
// caller must wait for it.
func (l *rateLimiter) reserve() (time.Time, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	start := l.next
	if start.Before(now) {
		start = now
	}
	if start.Before(l.until) {
		start = l.until
	}
	l.next = start.Add(l.interval)
	return start, start.Sub(now)
}

// admit reports whether a slot still stands: no pause began after it was
// reserved that reaches past it.
func (l *rateLimiter) admit(start time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return !start.Before(l.until)
}

// release gives a cancelled caller's slot back so that it does not slow the
// rest, unless someone has queued behind it.
func (l *rateLimiter) release(start time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.next.Equal(start.Add(l.interval)) {
		l.next = start
	}
}

// pause holds every request not yet sent back for d, after the server said 429.
func (l *rateLimiter) pause(d time.Duration) {
	if l == nil || d <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	until := l.now().Add(d)
	if until.After(l.until) {
		l.until = until
	}
	if until.After(l.next) {
		l.next = until
	}
}

// sleep waits for d or until ctx ends, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
