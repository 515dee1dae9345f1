package didww_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sentHeader carries the time a request left the client (stampSends), so
// that the window server can measure how late requests arrive.
const sentHeader = "X-Test-Sent-At"

// windowServer fronts a didwwtest server and enforces the API's rate limit
// the strict way: it counts each key's requests by their arrival in any
// one-second window, and answers 429 (a JSON:API error with Retry-After: 1)
// to a request that would be the limit+1th in the last second. A request it
// refuses does not count. Requests are counted after uplink, the part of the
// round trip before the server sees them; the rest of the latency is the
// didwwtest server's own.
type windowServer struct {
	*httptest.Server
	limit  int
	window time.Duration
	uplink time.Duration
	// slowEvery and slow delay every slowEvery-th request (counted from
	// the first) by slow more than the others: a delivery delay.
	slowEvery int
	slow      time.Duration
	// byStamp counts a request at its sent stamp plus the delay the front
	// adds, not at its real arrival: the network is then exactly the one
	// simulated, and a test checks the limiter against it, not against the
	// machine's scheduling stalls.
	byStamp bool
	proxy   http.Handler

	mu       sync.Mutex
	arrivals map[string][]time.Time // per key, the admitted arrivals of the last window
	seen     int                    // requests that reached the front
	limited  int                    // requests answered 429
	stamped  bool                   // minDelay and maxDelay hold a measurement
	minDelay time.Duration          // earliest and latest arrival after the sent stamp
	maxDelay time.Duration
}

// newWindowServer starts a front enforcing limit requests per second for
// backend.
func newWindowServer(tb testing.TB, backend *didwwtest.Server, limit int, uplink time.Duration) *windowServer {
	tb.Helper()
	target, err := url.Parse(backend.URL)
	require.NoError(tb, err)
	target.Path = ""
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{MaxIdleConnsPerHost: 256}
	ws := &windowServer{limit: limit, window: time.Second, uplink: uplink, proxy: proxy, arrivals: map[string][]time.Time{}}
	ws.Server = httptest.NewServer(http.HandlerFunc(ws.serve))
	tb.Cleanup(ws.Close)
	return ws
}

func (ws *windowServer) serve(w http.ResponseWriter, r *http.Request) {
	ws.mu.Lock()
	n := ws.seen
	ws.seen++
	ws.mu.Unlock()
	delay := ws.uplink
	if ws.slowEvery > 0 && n%ws.slowEvery == 0 {
		delay += ws.slow
	}
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if !ws.admit(r, delay) {
		w.Header().Set("Content-Type", didww.MediaType)
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"errors":[{"title":"Too Many Requests","detail":"Too Many Requests","status":"429"}]}`))
		return
	}
	ws.proxy.ServeHTTP(w, r)
}

// admit counts r, which the front delayed by injected, against its key's
// window and reports whether it is within the limit.
func (ws *windowServer) admit(r *http.Request, injected time.Duration) bool {
	now := time.Now()
	ws.mu.Lock()
	defer ws.mu.Unlock()
	key := r.Header.Get("Api-Key")
	if ns, err := strconv.ParseInt(r.Header.Get(sentHeader), 10, 64); err == nil {
		sent := time.Unix(0, ns)
		d := now.Sub(sent)
		if !ws.stamped {
			ws.minDelay, ws.maxDelay, ws.stamped = d, d, true
		}
		ws.minDelay, ws.maxDelay = min(ws.minDelay, d), max(ws.maxDelay, d)
		if ws.byStamp {
			return ws.admitAt(key, sent.Add(injected))
		}
	}
	recent := ws.arrivals[key]
	cut := 0
	for cut < len(recent) && now.Sub(recent[cut]) >= ws.window {
		cut++
	}
	recent = recent[cut:]
	if len(recent) >= ws.limit {
		ws.arrivals[key] = recent
		ws.limited++
		return false
	}
	ws.arrivals[key] = append(recent, now)
	return true
}

// admitAt admits a request of key counted at at, which may be earlier than
// requests already admitted: it is refused when some window holding at
// would then hold more than the limit.
func (ws *windowServer) admitAt(key string, at time.Time) bool {
	times := append(slices.Clone(ws.arrivals[key]), at)
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i, start := range times {
		if start.After(at) {
			break
		}
		if at.Sub(start) >= ws.window {
			continue
		}
		n := 0
		for _, t := range times[i:] {
			if t.Sub(start) < ws.window {
				n++
			}
		}
		if n > ws.limit {
			ws.limited++
			return false
		}
	}
	ws.arrivals[key] = times
	return true
}

// stats returns the requests seen and refused so far, and the spread of
// arrival delays since the last call (zero without sent stamps), and starts
// a new delay measurement.
func (ws *windowServer) stats() (seen, limited int, spread time.Duration) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	spread = ws.maxDelay - ws.minDelay
	ws.minDelay, ws.maxDelay, ws.stamped = 0, 0, false
	return ws.seen, ws.limited, spread
}

// stampSends is a transport that marks each request with the time it was
// handed to the network.
type stampSends struct{ next http.RoundTripper }

func (s stampSends) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(sentHeader, strconv.FormatInt(time.Now().UnixNano(), 10))
	return s.next.RoundTrip(r)
}

// The window server refuses the 21st request of a key within a second with
// the API's 429 and lets other keys through.
func TestWindowServerRefusesOverLimit(t *testing.T) {
	t.Parallel()
	srv := didwwtest.NewServer()
	t.Cleanup(srv.Close)
	other := srv.NewAccount("1.00")
	front := newWindowServer(t, srv, didww.DefaultRateLimit, 0)
	get := func(key string) *http.Response {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, front.URL+"/v3/countries", nil)
		require.NoError(t, err)
		req.Header.Set("Api-Key", key)
		req.Header.Set("Accept", didww.MediaType)
		resp, err := front.Client().Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { _ = resp.Body.Close() })
		return resp
	}
	for i := range didww.DefaultRateLimit {
		resp := get(srv.APIKey)
		require.Equal(t, http.StatusOK, resp.StatusCode, "request %d: %d, want 200", i+1, resp.StatusCode)
	}
	resp := get(srv.APIKey)
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode, "21st request: %d, Retry-After %q, %s %s; want the API's 429", resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Content-Type"), body)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"), "21st request: %d, Retry-After %q, %s %s; want the API's 429", resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Content-Type"), body)
	assert.Equal(t, didww.MediaType, resp.Header.Get("Content-Type"), "21st request: %d, Retry-After %q, %s %s; want the API's 429", resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Content-Type"), body)
	assert.Contains(t, string(body), `"status":"429"`, "21st request: %d, Retry-After %q, %s %s; want the API's 429", resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Content-Type"), body)
	resp = get(other)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "another key")
	seen, limited, _ := front.stats()
	assert.Equal(t, 22, seen, "seen %d, limited %d; want 22 and 1", seen, limited)
	assert.Equal(t, 1, limited, "seen %d, limited %d; want 22 and 1", seen, limited)
}

// Fifty goroutines sharing one client send 100 requests through a server
// that counts any one-second window, while one request in 21 takes 60 ms
// longer to arrive: the server never counts more than 20.
func TestConcurrentCallersStayInWindow(t *testing.T) {
	t.Parallel()
	const callers, each = 50, 2
	srv := didwwtest.NewServer()
	t.Cleanup(srv.Close)
	front := newWindowServer(t, srv, didww.DefaultRateLimit, 0)
	front.slowEvery, front.slow = 21, 60*time.Millisecond
	front.byStamp = true // the 60 ms is the only delivery delay, whatever the machine's load
	client := benchClient(t, srv.APIKey, front.URL, didww.DefaultRateLimit, didww.DefaultPrefetch)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()

	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				page, err := client.Countries.List(ctx, nil)
				if err == nil && len(page.Items) == 0 {
					err = errors.New("no countries")
				}
				errs[i] = errors.Join(errs[i], err)
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		assert.NoError(t, err, "caller %d: %v", i, err)
	}
	seen, limited, _ := front.stats()
	assert.Equal(t, 0, limited, "the server saw %d requests and refused %d; want %d and none", seen, limited, callers*each)
	assert.Equal(t, callers*each, seen, "the server saw %d requests and refused %d; want %d and none", seen, limited, callers*each)
}
