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
// server's count within the limit. A 429 pushes every later request back.
type rateLimiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time // earliest start of the next request
	now      func() time.Time
}

func newRateLimiter(perSecond float64) *rateLimiter {
	if perSecond <= 0 {
		return nil
	}
	// A tiny rate would overflow Duration into a negative interval: no limit at all.
	interval := min(float64(time.Second)/perSecond, float64(math.MaxInt64/2))
	return &rateLimiter{interval: time.Duration(interval), now: time.Now}
}

// wait blocks until the caller may send, or until ctx ends.
func (l *rateLimiter) wait(ctx context.Context) error {
	if l == nil {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.now()
	start := l.next
	if start.Before(now) {
		start = now
	}
	l.next = start.Add(l.interval)
	l.mu.Unlock()
	d := start.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	if err := sleep(ctx, d); err != nil {
		// Give the slot back so that a cancelled caller does not slow the rest.
		l.mu.Lock()
		if l.next.Equal(start.Add(l.interval)) {
			l.next = start
		}
		l.mu.Unlock()
		return err
	}
	return nil
}

// pause holds every request back for d, after the server said 429.
func (l *rateLimiter) pause(d time.Duration) {
	if l == nil || d <= 0 {
		return
	}
	l.mu.Lock()
	if until := l.now().Add(d); until.After(l.next) {
		l.next = until
	}
	l.mu.Unlock()
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
