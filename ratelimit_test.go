package didww

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreClock is a settable clock for the limiter.
type coreClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *coreClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *coreClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func coreLimiter(perSecond float64) (*rateLimiter, *coreClock, time.Time) {
	base := time.Date(2026, 4, 16, 12, 0, 0, 0, time.UTC)
	clock := &coreClock{t: base}
	l := newRateLimiter(perSecond)
	l.now = clock.now
	return l, clock, base
}

func (l *rateLimiter) nextSlot() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.next
}

func TestNewRateLimiter(t *testing.T) {
	t.Parallel()
	assert.Nil(t, newRateLimiter(0))
	assert.Nil(t, newRateLimiter(-3))
	assert.Equal(t, 50*time.Millisecond, newRateLimiter(DefaultRateLimit).interval)
	assert.Equal(t, 100*time.Millisecond, newRateLimiter(10).interval)
	assert.Equal(t, 2*time.Second, newRateLimiter(0.5).interval)
	assert.Equal(t, 20, DefaultRateLimit)
	assert.Positive(t, newRateLimiter(1e-12).interval, "a tiny rate is a long interval, not an overflow")
	assert.Greater(t, newRateLimiter(1e-12).interval, 100*365*24*time.Hour)
	assert.Zero(t, newRateLimiter(math.Inf(1)).interval, "an infinite rate never waits")
}

func TestNilLimiter(t *testing.T) {
	t.Parallel()
	var l *rateLimiter
	assert.NoError(t, l.wait(t.Context()))
	l.pause(time.Hour)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.ErrorIs(t, l.wait(ctx), context.Canceled)
}

func TestLimiterSpacing(t *testing.T) {
	t.Parallel()
	l, clock, base := coreLimiter(100) // one request per 10 ms
	require.Equal(t, 10*time.Millisecond, l.interval)

	// On time: no wait, the next slot moves one interval on.
	for i := range 5 {
		start := time.Now()
		require.NoError(t, l.wait(t.Context()))
		assert.Less(t, time.Since(start), 5*time.Millisecond, "request %d did not wait", i)
		assert.Equal(t, base.Add(time.Duration(i+1)*10*time.Millisecond), l.nextSlot())
		clock.advance(10 * time.Millisecond)
	}

	// Two requests in the same instant: the second waits one interval.
	start := time.Now()
	require.NoError(t, l.wait(t.Context()))
	require.NoError(t, l.wait(t.Context()))
	assert.GreaterOrEqual(t, time.Since(start), 10*time.Millisecond)
	assert.Equal(t, base.Add(70*time.Millisecond), l.nextSlot())

	// After a long idle time no burst is saved up: spacing restarts from now.
	clock.advance(time.Hour)
	require.NoError(t, l.wait(t.Context()))
	assert.Equal(t, base.Add(time.Hour+60*time.Millisecond), l.nextSlot())
}

func TestLimiterPause(t *testing.T) {
	t.Parallel()
	l, clock, base := coreLimiter(100)
	l.pause(time.Second)
	assert.Equal(t, base.Add(time.Second), l.nextSlot())
	l.pause(10 * time.Millisecond)
	assert.Equal(t, base.Add(time.Second), l.nextSlot(), "a shorter pause does not shorten a longer one")
	l.pause(0)
	l.pause(-time.Second)
	assert.Equal(t, base.Add(time.Second), l.nextSlot())
	clock.advance(500 * time.Millisecond)
	l.pause(2 * time.Second)
	assert.Equal(t, base.Add(2500*time.Millisecond), l.nextSlot())

	// The next request waits out the pause; give up after 15 ms.
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := l.wait(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, time.Since(start), 15*time.Millisecond)
	assert.Less(t, time.Since(start), time.Second, "returns when the context ends, not after the pause")
	assert.Equal(t, base.Add(2500*time.Millisecond), l.nextSlot(), "the cancelled caller gives its slot back")
}

func TestLimiterCancelWhileWaiting(t *testing.T) {
	t.Parallel()
	l, _, base := coreLimiter(1) // one per second
	require.NoError(t, l.wait(t.Context()))
	assert.Equal(t, base.Add(time.Second), l.nextSlot())

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(10*time.Millisecond, cancel)
	start := time.Now()
	require.ErrorIs(t, l.wait(ctx), context.Canceled)
	assert.Less(t, time.Since(start), 500*time.Millisecond)
	assert.Equal(t, base.Add(time.Second), l.nextSlot(), "slot given back")

	// When someone queued behind the cancelled caller, the slot is kept so
	// that the later caller's spacing still holds. At one per second the
	// window (one start in any 1.1 s) sets the slots: 1.1 s after the last.
	ctx1, cancel1 := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- l.wait(ctx1) }()
	require.Eventually(t, func() bool { return l.nextSlot().Equal(base.Add(2100 * time.Millisecond)) }, time.Second, time.Millisecond)
	ctx2, cancel2 := context.WithCancel(t.Context())
	done2 := make(chan error)
	go func() { done2 <- l.wait(ctx2) }()
	require.Eventually(t, func() bool { return l.nextSlot().Equal(base.Add(3200 * time.Millisecond)) }, time.Second, time.Millisecond)
	cancel1()
	require.ErrorIs(t, <-done, context.Canceled)
	assert.Equal(t, base.Add(3200*time.Millisecond), l.nextSlot())
	cancel2()
	require.ErrorIs(t, <-done2, context.Canceled)
	assert.Equal(t, base.Add(2100*time.Millisecond), l.nextSlot())
	assert.Empty(t, l.starts[1:], "the cancelled callers left the window")

	// An already cancelled context fails even when no wait is needed.
	fresh, _, _ := coreLimiter(1)
	ctx3, cancel3 := context.WithCancel(t.Context())
	cancel3()
	assert.ErrorIs(t, fresh.wait(ctx3), context.Canceled)
}

func TestSleep(t *testing.T) {
	t.Parallel()
	assert.NoError(t, sleep(t.Context(), 0))
	assert.NoError(t, sleep(t.Context(), -time.Second))
	start := time.Now()
	assert.NoError(t, sleep(t.Context(), 5*time.Millisecond))
	assert.GreaterOrEqual(t, time.Since(start), 5*time.Millisecond)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.ErrorIs(t, sleep(ctx, 0), context.Canceled)
	assert.ErrorIs(t, sleep(ctx, time.Hour), context.Canceled)
}

func TestLimiterConcurrent(t *testing.T) {
	t.Parallel()
	const n = 20
	l := newRateLimiter(2000) // 0.5 ms apart, real clock
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		times []time.Time
	)
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if assert.NoError(t, l.wait(t.Context())) {
				mu.Lock()
				times = append(times, time.Now())
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	require.Len(t, times, n)
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	assert.GreaterOrEqual(t, times[n-1].Sub(start), time.Duration(n-1)*l.interval-time.Millisecond,
		"%d requests took at least %d intervals", n, n-1)
}

func TestClientConcurrentRequests(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithRateLimit(5000))
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(jsonAPI(200, fixture(t, "core/countries.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/regions", rec.wrap(jsonAPI(200, fixture(t, "core/regions.json"))))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				p, err := c.Countries.List(t.Context(), nil)
				if assert.NoError(t, err) {
					assert.Equal(t, "United Kingdom", p.Items[0].Name)
				}
				return
			}
			p, err := c.Regions.List(t.Context(), nil)
			if assert.NoError(t, err) {
				assert.Equal(t, "California", p.Items[0].Name)
			}
		}()
	}
	wg.Wait()
	assert.Len(t, rec.all(), 16)
}

// timeline is a fake clock whose sleepers wake only when the test moves time
// on, so that tests of the limiter's order are free of real timing.
type timeline struct {
	mu       sync.Mutex
	t        time.Time
	sleepers []timelineSleeper
}

type timelineSleeper struct {
	at   time.Time
	wake chan struct{}
}

func (tl *timeline) now() time.Time {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return tl.t
}

func (tl *timeline) sleep(ctx context.Context, d time.Duration) error {
	tl.mu.Lock()
	if d <= 0 {
		tl.mu.Unlock()
		return ctx.Err()
	}
	s := timelineSleeper{at: tl.t.Add(d), wake: make(chan struct{})}
	tl.sleepers = append(tl.sleepers, s)
	tl.mu.Unlock()
	select {
	case <-s.wake:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (tl *timeline) waiting() int {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return len(tl.sleepers)
}

// step moves time to the earliest sleeper's deadline and wakes every sleeper
// due by then.
func (tl *timeline) step() {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if len(tl.sleepers) == 0 {
		return
	}
	earliest := tl.sleepers[0].at
	for _, s := range tl.sleepers {
		if s.at.Before(earliest) {
			earliest = s.at
		}
	}
	tl.t = earliest
	kept := tl.sleepers[:0]
	for _, s := range tl.sleepers {
		if s.at.After(tl.t) {
			kept = append(kept, s)
			continue
		}
		close(s.wake)
	}
	tl.sleepers = kept
}

func newTimeline() *timeline {
	return &timeline{t: time.Date(2026, 4, 16, 12, 0, 0, 0, time.UTC)}
}

// A pause holds back callers that already hold a slot inside it: each wakes
// at its old slot, sees the pause and queues again behind it.
func TestLimiterPauseHoldsWaiters(t *testing.T) {
	t.Parallel()
	tl := newTimeline()
	base := tl.now()
	l := newRateLimiter(10) // 100 ms apart
	l.now, l.sleep = tl.now, tl.sleep
	require.NoError(t, l.wait(t.Context())) // the request that will see 429

	const waiters = 3
	var mu sync.Mutex
	var sent []time.Time
	done := make(chan struct{}, waiters)
	for range waiters {
		go func() {
			defer func() { done <- struct{}{} }()
			if assert.NoError(t, l.wait(t.Context())) {
				mu.Lock()
				sent = append(sent, tl.now())
				mu.Unlock()
			}
		}()
	}
	require.Eventually(t, func() bool { return tl.waiting() == waiters }, 10*time.Second, time.Millisecond)
	assert.Equal(t, base.Add(400*time.Millisecond), l.nextSlot(), "slots at 100, 200 and 300 ms are taken")

	l.pause(time.Second) // the server's window ends at base+1s
	for finished := 0; finished < waiters; runtime.Gosched() {
		select {
		case <-done:
			finished++
			continue
		default:
		}
		if tl.waiting() == waiters-finished {
			tl.step()
		}
	}
	assert.Equal(t, []time.Time{base.Add(time.Second), base.Add(1100 * time.Millisecond), base.Add(1200 * time.Millisecond)}, sent,
		"every waiter starts after the window, still spaced")
}

// The case on a whole client: 50 callers, one 429 with Retry-After: 2.
// No request after the 429 reaches the server inside those 2 seconds, and the
// rest keep their spacing. Time is the fake timeline's, not the machine's.
func TestClient429HoldsQueuedRequests(t *testing.T) {
	t.Parallel()
	const callers = 50
	c, mt := newTestClient(t, WithRateLimit(10), WithRetryPolicy(RetryPolicy{MaxRetries: 0, MaxDelay: time.Minute}))
	tl := newTimeline()
	base := tl.now()
	c.limiter.now, c.limiter.sleep = tl.now, tl.sleep

	var mu sync.Mutex
	var at []time.Time
	mt.RegisterResponder("GET", testBaseURL+"/cities", func(*http.Request) (*http.Response, error) {
		mu.Lock()
		at = append(at, tl.now())
		first := len(at) == 1
		mu.Unlock()
		if first {
			// Answer only once every other caller holds a slot.
			for tl.waiting() < callers-1 {
				time.Sleep(time.Millisecond)
			}
			resp := httpmock.NewStringResponse(429, `{"errors":[{"title":"Too many requests","status":"429"}]}`)
			resp.Header.Set("Retry-After", "2")
			return resp, nil
		}
		return jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))(nil)
	})

	var finished atomic.Int32
	errs := make(chan error, callers)
	for range callers {
		go func() {
			_, err := c.Cities.List(t.Context(), nil)
			finished.Add(1)
			errs <- err
		}()
	}
	for int(finished.Load()) < callers {
		if tl.waiting() == callers-int(finished.Load()) {
			tl.step()
		}
		runtime.Gosched()
	}
	var limited int
	for range callers {
		if err := <-errs; err != nil {
			require.ErrorIs(t, err, ErrRateLimited)
			limited++
		}
	}
	assert.Equal(t, 1, limited, "only the first request saw 429")
	require.Len(t, at, callers)
	assert.Equal(t, base, at[0])
	interval := newRateLimiter(10).interval
	for i := 1; i < callers; i++ {
		assert.False(t, at[i].Before(base.Add(2*time.Second)), "request %d went out %v after the 429, inside its 2 s window", i, at[i].Sub(base))
		if i > 1 {
			assert.GreaterOrEqual(t, at[i].Sub(at[i-1]), interval, "requests %d and %d keep their spacing", i-1, i)
		}
	}
}

// drive moves tl on whenever every one of the n callers not yet done sleeps,
// until all n have sent on done.
func drive(tl *timeline, n int, done <-chan struct{}) {
	for finished := 0; finished < n; runtime.Gosched() {
		select {
		case <-done:
			finished++
			continue
		default:
		}
		if tl.waiting() == n-finished {
			tl.step()
		}
	}
}

// timelineLimiter is a limiter on tl; late, when set, says how much longer
// than asked the nth sleep (from 0) takes, as a busy machine's timers do.
func timelineLimiter(tl *timeline, perSecond float64, late func(n int) time.Duration) *rateLimiter {
	l := newRateLimiter(perSecond)
	var sleeps atomic.Int32
	l.now = tl.now
	l.sleep = func(ctx context.Context, d time.Duration) error {
		n := int(sleeps.Add(1)) - 1
		if late != nil {
			d += late(n)
		}
		return tl.sleep(ctx, d)
	}
	return l
}

// sequentialStarts has one caller wait n times in a row on l and returns
// the time of each start.
func sequentialStarts(t *testing.T, tl *timeline, l *rateLimiter, n int) []time.Duration {
	t.Helper()
	base := tl.now()
	starts := make([]time.Duration, 0, n)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range n {
			if !assert.NoError(t, l.wait(t.Context())) {
				return
			}
			starts = append(starts, tl.now().Sub(base))
		}
	}()
	for {
		select {
		case <-done:
			return starts
		default:
		}
		if tl.waiting() == 1 {
			tl.step()
		}
		runtime.Gosched()
	}
}

// At 20 per second the first 20 requests go 50 ms apart; the 21st waits for
// 1.1 s after the first, and so on: never 21 in any 1.1 s.
func TestLimiterWindow(t *testing.T) {
	t.Parallel()
	tl := newTimeline()
	l := timelineLimiter(tl, DefaultRateLimit, nil)
	assert.Equal(t, 20, l.count)
	assert.Equal(t, 1100*time.Millisecond, l.span)

	starts := sequentialStarts(t, tl, l, 45)
	require.Len(t, starts, 45)
	for i, got := range starts {
		want := time.Duration(i%20)*50*time.Millisecond + time.Duration(i/20)*1100*time.Millisecond
		assert.Equal(t, want, got, "request %d", i)
	}
	assert.LessOrEqual(t, len(l.starts), 21, "only the last window is remembered")
}

// A caller that starts late moves the window with it: the request 20 after
// it keeps 1.1 s from its real start, not from its planned slot.
func TestLimiterWindowCountsRealStarts(t *testing.T) {
	t.Parallel()
	tl := newTimeline()
	// The first sleep (request 1's, due at 50 ms) ends 30 ms late.
	l := timelineLimiter(tl, DefaultRateLimit, func(n int) time.Duration {
		if n == 0 {
			return 30 * time.Millisecond
		}
		return 0
	})
	starts := sequentialStarts(t, tl, l, 41)
	require.Len(t, starts, 41)
	assert.Equal(t, 80*time.Millisecond, starts[1])
	assert.Equal(t, 100*time.Millisecond, starts[2], "spacing counts from the slot, not the late start")
	assert.Equal(t, 1100*time.Millisecond, starts[20])
	assert.Equal(t, 1180*time.Millisecond, starts[21], "1.1 s after request 1's real start")
	for i := 20; i < len(starts); i++ {
		assert.GreaterOrEqual(t, starts[i]-starts[i-20], 1100*time.Millisecond, "requests %d and %d", i-20, i)
	}
}

// A caller whose slot was planned before an earlier caller started late
// checks the window again when it wakes, and waits for the window to allow
// it rather than starting inside it.
func TestLimiterWindowRechecksQueuedCallers(t *testing.T) {
	t.Parallel()
	tl := newTimeline()
	base := tl.now()
	// 2 per second: 500 ms apart, at most 2 in any 1.1 s. B's sleep, the
	// first, ends 200 ms late.
	l := timelineLimiter(tl, 2, func(n int) time.Duration {
		if n == 0 {
			return 200 * time.Millisecond
		}
		return 0
	})
	require.NoError(t, l.wait(t.Context())) // A at 0

	var mu sync.Mutex
	started := map[string]time.Duration{}
	done := make(chan struct{}, 3)
	for i, name := range []string{"B", "C", "D"} {
		go func() {
			defer func() { done <- struct{}{} }()
			if assert.NoError(t, l.wait(t.Context())) {
				mu.Lock()
				started[name] = tl.now().Sub(base)
				mu.Unlock()
			}
		}()
		require.Eventually(t, func() bool { return tl.waiting() == i+1 }, 10*time.Second, time.Millisecond)
	}
	// Planned: B at 500 ms, C at 1.1 s (1.1 s after A), D at 1.6 s (1.1 s after B's slot).
	assert.Equal(t, base.Add(2100*time.Millisecond), l.nextSlot())
	drive(tl, 3, done)
	assert.Equal(t, map[string]time.Duration{
		"B": 700 * time.Millisecond,
		"C": 1100 * time.Millisecond,
		"D": 1800 * time.Millisecond, // 1.1 s after B's real start
	}, started)
}

// Fifty callers at once on one limiter at 20 per second: every start keeps
// 50 ms from the one before and 1.1 s from the one 20 before.
func TestLimiterWindowManyCallers(t *testing.T) {
	t.Parallel()
	const callers = 50
	tl := newTimeline()
	base := tl.now()
	l := timelineLimiter(tl, DefaultRateLimit, nil)
	var mu sync.Mutex
	var starts []time.Duration
	done := make(chan struct{}, callers)
	for range callers {
		go func() {
			defer func() { done <- struct{}{} }()
			if assert.NoError(t, l.wait(t.Context())) {
				mu.Lock()
				starts = append(starts, tl.now().Sub(base))
				mu.Unlock()
			}
		}()
	}
	// Each caller either started at once or sleeps for its slot.
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return tl.waiting()+len(starts) == callers
	}, 10*time.Second, time.Millisecond)
	drive(tl, callers, done)
	require.Len(t, starts, callers)
	slices.Sort(starts)
	for i := 1; i < callers; i++ {
		assert.GreaterOrEqual(t, starts[i]-starts[i-1], 50*time.Millisecond, "requests %d and %d", i-1, i)
		if i >= 20 {
			assert.GreaterOrEqual(t, starts[i]-starts[i-20], 1100*time.Millisecond, "requests %d and %d", i-20, i)
		}
	}
	assert.Equal(t, 2*1100*time.Millisecond+9*50*time.Millisecond, starts[callers-1])
}

// A request written later than it was admitted (a token to mint, a stalled
// machine) arrives later: sent moves its start, and no 1.1 s window of
// arrivals holds more than 20. Without sent, request 0 counts from 0 while
// arriving at 300 ms, and the window from there holds 21.
func TestLimiterCountsFromTheWrite(t *testing.T) {
	t.Parallel()
	for _, report := range []bool{true, false} {
		l, clock, base := coreLimiter(DefaultRateLimit)
		var arrivals []time.Duration
		first := uint64(0)
		for i := range 45 {
			s, d := l.reserve()
			clock.advance(d)
			require.True(t, l.admit(s), "request %d", i)
			at := clock.now().Sub(base)
			if i == 0 {
				first, at = s.id, 300*time.Millisecond
			} else {
				arrivals = append(arrivals, at)
			}
			if report && first != 0 && clock.now().Sub(base) >= 300*time.Millisecond {
				l.sent(first) // request 0 writes its headers now
				first = 0
			}
		}
		arrivals = append(arrivals, 300*time.Millisecond)
		slices.Sort(arrivals)
		crowded := 0
		for i := 20; i < len(arrivals); i++ {
			if arrivals[i]-arrivals[i-20] < 1100*time.Millisecond {
				crowded++
			}
		}
		if report {
			assert.Zero(t, crowded, "windows holding 21 arrivals: %v", arrivals)
		} else {
			assert.NotZero(t, crowded, "the case needs the report: %v", arrivals)
		}
	}
}

// slowSource takes d to hand out its token, between the limiter's admission
// and the write.
type slowSource struct{ d time.Duration }

func (s slowSource) Token(context.Context) (*Token, error) {
	time.Sleep(s.d)
	return &Token{AccessToken: "tok"}, nil
}

// The client tells the limiter when a request's headers are written: a
// token minted after admission moves the request's start past the mint.
func TestClientRecordsTheWriteAsTheStart(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", MediaType)
		_, _ = io.WriteString(w, `{"data":[]}`)
	}))
	t.Cleanup(srv.Close)
	const mint = 50 * time.Millisecond
	c, err := NewClient(testKey, WithBaseURL(srv.URL+"/v3"), WithAPIVersion(APIVersion20261119),
		WithTokenSource(slowSource{d: mint}))
	require.NoError(t, err)
	before := time.Now()
	_, err = c.do(t.Context(), &request{method: "GET", path: "/countries"})
	require.NoError(t, err)
	c.limiter.mu.Lock()
	starts := slices.Clone(c.limiter.starts)
	c.limiter.mu.Unlock()
	require.Len(t, starts, 1)
	assert.GreaterOrEqual(t, starts[0].at.Sub(before), mint, "the start is the write, after the mint")
}
