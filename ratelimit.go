package didww

import (
	"context"
	"math"
	"net/http/httptrace"
	"slices"
	"sync"
	"time"
)

// DefaultRateLimit is the API's documented limit per key, in requests per second.
const DefaultRateLimit = 20

// The limiter's window counts at most maxWindowRequests requests, and adds
// a tenth of its length as a margin for delivery.
const (
	maxWindowRequests = 100
	windowMarginDiv   = 10
)

// rateLimiter keeps a client within n requests in any one-second window, as
// a server counting arrivals over a sliding window sees them. It is shared
// by every service of a client and applies two rules:
//
//   - Spacing: requests start at least 1/n s apart, so they never burst.
//   - Window: a request never starts within 1.1 s of the one n requests
//     before it, counted from the real start of that one, not its slot:
//     when its headers were written, so that a token minted or a machine
//     stalled after admission does not leave it counted early.
//
// Spacing alone does not hold a sliding window, because the server counts
// arrivals and arrival times jitter: a caller woken late for its slot, a new
// connection, a slow packet. With requests spaced at 95% of the limit, the
// 21st left 1.05 s after the 1st, so a 1st delayed 50 ms more than the 21st,
// less any lateness of the 1st's start, made the server count 21 in a
// second. The window keeps 100 ms for delivery on top of the real starts: the
// server stays within n as long as no request takes 100 ms longer to arrive
// after its write than the one n after it. A longer stall in the network
// can still cost a 429, which then pauses the client as below. Spacing at the
// full rate keeps the first window as fast as the limit allows, so a walk
// of two seconds' worth of requests costs what the 95% spacing did.
//
// A fractional n allows ⌊n⌋ requests (at least one) in 1.1 × ⌊n⌋/n s; above
// 100 per second the window counts 100 requests over 1.1 × 100/n s.
//
// A 429 holds back every request not yet sent until the server's window
// ends, including callers already waiting for a slot: a slot reserved before
// the pause that falls inside it is traded for a new one after it.
type rateLimiter struct {
	mu       sync.Mutex
	interval time.Duration // least time between two starts
	count    int           // at most count starts ...
	span     time.Duration // ... in any span (the window and its margin); 0: no window
	next     time.Time     // earliest start of the next request
	until    time.Time     // no request starts before this (the server's 429 window)
	starts   []slot        // reserved and recent starts in time order, none older than span
	seq      uint64
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
}

// slot is one caller's reservation.
type slot struct {
	id   uint64
	at   time.Time // the planned start; the real one once admitted
	prev time.Time // next before this reservation, restored when it is given back
}

func newRateLimiter(perSecond float64) *rateLimiter {
	if perSecond <= 0 {
		return nil
	}
	// A tiny rate would overflow Duration into a negative interval: no limit at all.
	interval := time.Duration(min(float64(time.Second)/perSecond, float64(math.MaxInt64/2)))
	count := int(min(max(math.Floor(perSecond), 1), maxWindowRequests))
	window := time.Duration(count) * interval
	return &rateLimiter{
		interval: interval, count: count, span: window + window/windowMarginDiv,
		now: time.Now, sleep: sleep,
	}
}

// wait blocks until the caller may send, or until ctx ends.
func (l *rateLimiter) wait(ctx context.Context) error {
	_, err := l.waitSlot(ctx)
	return err
}

// waitSlot is wait, returning the id of the caller's start for sent (0
// without a limiter).
func (l *rateLimiter) waitSlot(ctx context.Context) (uint64, error) {
	if l == nil || ctx.Err() != nil {
		return 0, ctx.Err()
	}
	for {
		s, d := l.reserve()
		if d <= 0 {
			return s.id, ctx.Err()
		}
		if err := l.sleep(ctx, d); err != nil {
			l.release(s)
			return 0, err
		}
		if l.admit(s) {
			return s.id, ctx.Err()
		}
		// A 429 arrived while this caller slept and its window covers the
		// slot, or an earlier caller started late and the window moved.
	}
}

// sent moves the start id to now, when the request was written: what
// happened between admission and the write (a token to mint, a new
// connection, a stalled machine) delays its arrival, and the window must
// count from the arrival, or the request count requests after it may
// reach the server inside the same window.
func (l *rateLimiter) sent(id uint64) {
	if l == nil || id == 0 || l.span == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.restamp(id, l.now())
}

// restamp moves the start id to at, if that is later, keeping starts in
// time order.
func (l *rateLimiter) restamp(id uint64, at time.Time) {
	i := slices.IndexFunc(l.starts, func(o slot) bool { return o.id == id })
	if i < 0 || !at.After(l.starts[i].at) {
		return
	}
	s := l.starts[i]
	l.starts = slices.Delete(l.starts, i, i+1)
	s.at = at
	j, _ := slices.BinarySearchFunc(l.starts, s.at, func(o slot, t time.Time) int { return o.at.Compare(t) })
	l.starts = slices.Insert(l.starts, j, s)
}

// reserve takes the next slot, never inside a pause or against the window,
// and says how long the caller must wait for it.
func (l *rateLimiter) reserve() (slot, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	start := later(later(now, l.next), l.until)
	if l.span > 0 {
		l.forget(now)
		if n := len(l.starts); n >= l.count {
			start = later(start, l.starts[n-l.count].at.Add(l.span))
		}
	}
	l.seq++
	s := slot{id: l.seq, at: start, prev: l.next}
	l.next = start.Add(l.interval)
	if l.span > 0 {
		l.starts = append(l.starts, s) // start is the latest of all
	}
	return s, start.Sub(now)
}

// admit reports whether a slot still stands, and if so records its real
// start: no pause began after it was reserved that reaches past it, and no
// earlier caller's late start has filled the window since. A slot that no
// longer stands is given back, so that the caller queues again from where
// it was.
func (l *rateLimiter) admit(s slot) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s.at.Before(l.until) || l.windowFull(s.id) {
		l.giveBack(s)
		return false
	}
	if l.span > 0 {
		l.drop(s.id)
		s.at = l.now()
		i, _ := slices.BinarySearchFunc(l.starts, s.at, func(o slot, t time.Time) int { return o.at.Compare(t) })
		l.starts = slices.Insert(l.starts, i, s)
	}
	return true
}

// windowFull reports whether the window ending now already holds count
// starts besides the slot id.
func (l *rateLimiter) windowFull(id uint64) bool {
	if l.span == 0 {
		return false
	}
	now := l.now()
	n := 0
	for _, o := range l.starts {
		if o.id != id && !o.at.After(now) && now.Sub(o.at) < l.span {
			n++
		}
	}
	return n >= l.count
}

// release gives a cancelled caller's slot back.
func (l *rateLimiter) release(s slot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.giveBack(s)
}

// giveBack takes the slot out of the window and, unless someone has queued
// behind it, moves the next slot back so that it does not slow the rest.
func (l *rateLimiter) giveBack(s slot) {
	l.drop(s.id)
	if l.next.Equal(s.at.Add(l.interval)) {
		l.next = s.prev
	}
}

// forget drops the starts too old to count in a window that ends now or later.
func (l *rateLimiter) forget(now time.Time) {
	cut := 0
	for cut < len(l.starts) && now.Sub(l.starts[cut].at) >= l.span {
		cut++
	}
	l.starts = slices.Delete(l.starts, 0, cut)
}

// drop removes the slot id from the window, if it is there.
func (l *rateLimiter) drop(id uint64) {
	l.starts = slices.DeleteFunc(l.starts, func(o slot) bool { return o.id == id })
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
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

// traceSent returns ctx with a trace that tells l when the request of start
// id has written its headers.
func (l *rateLimiter) traceSent(ctx context.Context, id uint64) context.Context {
	if l == nil || id == 0 || l.span == 0 {
		return ctx
	}
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { l.sent(id) }})
}
