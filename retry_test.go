package didww

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 4, 16, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2", 2 * time.Second, true},
		{" 2 ", 2 * time.Second, true},
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{"86400", 24 * time.Hour, true},
		{"86401", 24 * time.Hour, true},
		{"9223372036854775807", 24 * time.Hour, true},
		{"99999999999999999999", 0, false},
		{"-1", 0, false},
		{"-0", 0, true},
		{"+3", 3 * time.Second, true},
		{"1.5", 0, false},
		{"2s", 0, false},
		{"garbage", 0, false},
		{"", 0, false},
		{"   ", 0, false},
		{"Thu, 16 Apr 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Thursday, 16-Apr-26 12:01:00 GMT", time.Minute, true},
		{"Thu Apr 16 12:00:05 2026", 5 * time.Second, true},
		{"Thu, 16 Apr 2026 12:00:00 GMT", 0, false},
		{"Thu, 16 Apr 2026 11:59:00 GMT", 0, false},
		{"Wed, 01 Jan 2020 00:00:00 GMT", 0, false},
		{"Thu, 16 Apr 2026 12:00:30 +0000", 0, false},
		{"Fri, 31 Dec 9999 23:59:59 GMT", 24 * time.Hour, true},
		{"2026-04-16T12:00:30Z", 0, false},
	}
	for _, tc := range cases {
		got, ok := parseRetryAfter(tc.in, now)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MaxRetries: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	// Retry-After wins, capped by MaxDelay.
	assert.Equal(t, 2*time.Millisecond, p.backoff(1, 2*time.Millisecond))
	assert.Equal(t, 500*time.Millisecond, p.backoff(5, 500*time.Millisecond))
	assert.Equal(t, time.Second, p.backoff(1, 2*time.Second), "Retry-After: 2 waits MaxDelay at most")
	assert.Equal(t, time.Second, p.backoff(1, 24*time.Hour))

	// Exponential ceilings with jitter in [ceiling/2, ceiling].
	ceilings := map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 30: time.Second}
	for attempt, ceiling := range ceilings {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := p.backoff(attempt, 0)
			require.GreaterOrEqual(t, d, ceiling/2, "attempt %d", attempt)
			require.LessOrEqual(t, d, ceiling, "attempt %d", attempt)
			seen[d] = true
		}
		assert.Greater(t, len(seen), 1, "attempt %d is jittered", attempt)
	}

	assert.Zero(t, RetryPolicy{MaxRetries: 3}.backoff(1, 0), "no delays configured")
	assert.Zero(t, RetryPolicy{MaxRetries: 3}.backoff(1, time.Second), "MaxDelay 0 caps Retry-After too")

	// A huge cap and many attempts neither overflow nor panic.
	huge := RetryPolicy{MaxRetries: 100, BaseDelay: time.Second, MaxDelay: math.MaxInt64}
	for attempt := 1; attempt <= 100; attempt++ {
		d := huge.backoff(attempt, 0)
		require.Positive(t, d, "attempt %d", attempt)
	}
	tiny := RetryPolicy{MaxRetries: 100, BaseDelay: 1, MaxDelay: math.MaxInt64 - 1}
	assert.Positive(t, tiny.backoff(100, 0))
}

func TestRetryPolicyValidate(t *testing.T) {
	t.Parallel()
	assert.NoError(t, DefaultRetryPolicy.validate())
	assert.NoError(t, RetryPolicy{}.validate())
	assert.NoError(t, RetryPolicy{BaseDelay: time.Second, MaxDelay: time.Second}.validate())
	assert.Error(t, RetryPolicy{MaxRetries: -1}.validate())
	assert.Error(t, RetryPolicy{MaxDelay: -1}.validate())
	assert.Error(t, RetryPolicy{BaseDelay: 2, MaxDelay: 1}.validate())
}

// coreSequence answers with each responder in turn, repeating the last.
func coreSequence(rs ...httpmock.Responder) httpmock.Responder {
	i := 0
	return func(r *http.Request) (*http.Response, error) {
		next := rs[min(i, len(rs)-1)]
		i++
		return next(r)
	}
}

func coreStatus(status int, header ...string) httpmock.Responder {
	return coreRespond(status, strings.NewReader(""), header...)
}

var coreOKCountries = func(t *testing.T) httpmock.Responder { return jsonAPI(200, fixture(t, "core/countries.json")) }

func TestRetriesOnStatus(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		method    string
		responses []int // the statuses answered in turn; the last repeats
		header    []string
		opts      []Option
		wantCalls int
		wantOK    bool
	}{
		{"503 then 200", "GET", []int{503, 200}, nil, nil, 2, true},
		{"502 504 then 200", "GET", []int{502, 504, 200}, nil, nil, 3, true},
		{"429 then 200", "GET", []int{429, 200}, []string{"Retry-After", "0"}, nil, 2, true},
		{"429 Retry-After 2 capped", "GET", []int{429, 200}, []string{"Retry-After", "2"}, nil, 2, true},
		{"429 garbage Retry-After", "GET", []int{429, 200}, []string{"Retry-After", "soon"}, nil, 2, true},
		{"429 negative Retry-After", "GET", []int{429, 200}, []string{"Retry-After", "-5"}, nil, 2, true},
		{"429 past date", "GET", []int{429, 200}, []string{"Retry-After", "Wed, 01 Jan 2020 00:00:00 GMT"}, nil, 2, true},
		{"DELETE 503 then 204", "DELETE", []int{503, 204}, nil, nil, 2, true},
		{"exhausted", "GET", []int{503}, nil, nil, 4, false},
		{"WithMaxRetries(0)", "GET", []int{503, 200}, nil, []Option{WithMaxRetries(0)}, 1, false},
		{"WithMaxRetries(1)", "GET", []int{503, 503, 200}, nil, []Option{WithMaxRetries(1)}, 2, false},
		{"WithMaxRetries(1) before a policy", "GET", []int{503, 503, 200}, nil, []Option{WithMaxRetries(1),
			WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})}, 2, false},
		{"WithMaxRetries(0) before a policy", "GET", []int{503, 200}, nil, []Option{WithMaxRetries(0),
			WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})}, 1, false},
		{"500 not retried", "GET", []int{500, 200}, nil, nil, 1, false},
		{"404 not retried", "GET", []int{404, 200}, nil, nil, 1, false},
		{"POST 503 not retried", "POST", []int{503, 201}, nil, nil, 1, false},
		{"POST 502 not retried", "POST", []int{502, 201}, nil, nil, 1, false},
		{"PATCH 504 not retried", "PATCH", []int{504, 200}, nil, nil, 1, false},
		{"POST 429 retried", "POST", []int{429, 201}, []string{"Retry-After", "1"}, nil, 2, true},
		{"PATCH 429 retried", "PATCH", []int{429, 429, 200}, nil, nil, 3, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t, tc.opts...)
			rec := &recorder{}
			var rs []httpmock.Responder
			for _, s := range tc.responses {
				if s < 300 {
					rs = append(rs, jsonAPI(s, []byte(`{"data":[]}`)))
				} else {
					rs = append(rs, coreStatus(s, tc.header...))
				}
			}
			mt.RegisterResponder(tc.method, testBaseURL+"/things", rec.wrap(coreSequence(rs...)))
			var body []byte
			if tc.method == "POST" || tc.method == "PATCH" {
				body = []byte(`{"data":{"type":"orders","attributes":{"items":[{"sku_id":"s1","qty":2}],"callback_url":"https://x.test/?a=1&b=2"}}}`)
			}
			start := time.Now()
			resp, err := c.do(t.Context(), &request{method: tc.method, path: "/things", body: body})
			assert.Less(t, time.Since(start), time.Second, "backoff stays within the policy's MaxDelay")
			reqs := rec.all()
			assert.Len(t, reqs, tc.wantCalls)
			if tc.wantOK {
				require.NoError(t, err)
				assert.Equal(t, tc.responses[len(tc.responses)-1], resp.status)
			} else {
				assert.Nil(t, resp)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.responses[min(tc.wantCalls, len(tc.responses))-1], apiErr.StatusCode)
				coreAssertErrNoKey(t, err)
			}
			for i, r := range reqs {
				assert.Equal(t, tc.method, r.Method)
				assert.Equal(t, "/v3/things", r.Path)
				assert.Equal(t, body, nilIfEmpty(r.Body), "attempt %d re-sends the body byte for byte", i+1)
				assertStandardHeaders(t, r)
			}
		})
	}
}

func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	// The wait is the server's ask, capped by MaxDelay; asserted through the
	// policy rather than slept.
	p := RetryPolicy{MaxRetries: 1, MaxDelay: 2 * time.Second}
	assert.Equal(t, time.Second, p.backoff(1, time.Second))
	assert.Equal(t, 2*time.Second, p.backoff(1, 5*time.Second))

	// Retry-After as an HTTP date lands on the APIError as a duration.
	c, mt := newTestClient(t, WithMaxRetries(0))
	when := time.Now().Add(time.Hour).UTC()
	mt.RegisterResponder("GET", testBaseURL+"/countries", coreStatus(429, "Retry-After", when.Format(http.TimeFormat)))
	_, err := c.Countries.List(t.Context(), nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.InDelta(t, time.Hour.Seconds(), apiErr.RetryAfter.Seconds(), 2)

	// ...and drives the pipeline's wait, here capped at the test policy's 5 ms.
	c, mt = newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(coreSequence(
		coreStatus(429, "Retry-After", when.Format(http.TimeFormat)), coreOKCountries(t))))
	start := time.Now()
	page, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.Len(t, rec.all(), 2)
	assert.GreaterOrEqual(t, time.Since(start), 5*time.Millisecond, "the capped wait was slept")
	assert.Less(t, time.Since(start), time.Second)
}

func TestRetryOnTransportErrors(t *testing.T) {
	t.Parallel()
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	cases := []struct {
		name      string
		method    string
		fault     error
		wantCalls int
	}{
		{"GET connection reset", "GET", reset, 2},
		{"GET bare ECONNRESET", "GET", syscall.ECONNRESET, 2},
		{"GET unexpected EOF", "GET", io.ErrUnexpectedEOF, 2},
		{"GET EOF", "GET", io.EOF, 2},
		{"GET broken pipe", "GET", syscall.EPIPE, 2},
		{"GET timeout", "GET", &net.OpError{Op: "read", Err: coreTimeout{}}, 2},
		{"DELETE connection reset", "DELETE", reset, 2},
		{"GET dial error", "GET", dial, 2},
		{"POST dial error", "POST", dial, 2},
		{"POST DNS error", "POST", &net.DNSError{Err: "no such host", Name: "api.test"}, 2},
		{"POST refused", "POST", syscall.ECONNREFUSED, 2},
		{"POST connection reset", "POST", reset, 1},
		{"PATCH unexpected EOF", "PATCH", io.ErrUnexpectedEOF, 1},
		{"GET plain error", "GET", errors.New("tls: bad certificate"), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			rec := &recorder{}
			mt.RegisterResponder(tc.method, testBaseURL+"/things", rec.wrap(coreSequence(httpmock.NewErrorResponder(tc.fault), jsonAPI(200, []byte(`{"data":[]}`)))))
			var body []byte
			if tc.method != "GET" && tc.method != "DELETE" {
				body = []byte(`{"data":{"type":"orders"}}`)
			}
			resp, err := c.do(t.Context(), &request{method: tc.method, path: "/things", body: body})
			reqs := rec.all()
			require.Len(t, reqs, tc.wantCalls)
			if tc.wantCalls == 2 {
				require.NoError(t, err)
				assert.Equal(t, 200, resp.status)
				assert.Equal(t, reqs[0].Body, reqs[1].Body)
				return
			}
			assert.Nil(t, resp)
			require.ErrorIs(t, err, tc.fault)
			var te *transportError
			require.ErrorAs(t, err, &te)
			assert.True(t, strings.HasPrefix(err.Error(), "didww: "+tc.method+" /things: "), err.Error())
			assert.NotContains(t, err.Error(), "api.test", "the URL is not repeated")
			coreAssertErrNoKey(t, err)
		})
	}
}

type coreTimeout struct{}

func (coreTimeout) Error() string   { return "i/o timeout" }
func (coreTimeout) Timeout() bool   { return true }
func (coreTimeout) Temporary() bool { return true }

func TestTruncatedBodyMidStream(t *testing.T) {
	t.Parallel()
	// The connection drops in the middle of a success body.
	cut := func(r *http.Request) (*http.Response, error) {
		return coreRespond(200, &coreLazyBody{prefix: `{"data":[`, size: 100, failWith: io.ErrUnexpectedEOF})(r)
	}
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(coreSequence(cut, coreOKCountries(t))))
	page, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err, "a GET is retried")
	assert.Len(t, page.Items, 2)
	assert.Len(t, rec.all(), 2)

	// A POST is not: the server may have acted on it.
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(coreSequence(cut, jsonAPI(201, []byte(`{"data":null}`)))))
	resp, err := c.do(t.Context(), &request{method: "POST", path: "/orders", body: []byte(`{}`)})
	assert.Nil(t, resp)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, "didww: POST /orders: reading the 200 response: unexpected EOF", err.Error())
	assert.Len(t, rec.all(), 3)
}

func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: 10 * time.Second, MaxDelay: 10 * time.Second}))
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(coreStatus(503)))
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	page, err := c.Countries.List(ctx, nil)
	elapsed := time.Since(start)
	assert.Nil(t, page)
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, ErrServer, "the answer that caused the wait is in the chain too")
	assert.Less(t, elapsed, 2*time.Second, "returns promptly")
	assert.Len(t, rec.all(), 1)
	assert.Equal(t, "didww: GET /countries: 503 Service Unavailable; stopped waiting to retry: context canceled", err.Error())

	// A deadline works the same way.
	ctx2, cancel2 := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel2()
	_, err = c.Countries.List(ctx2, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCancelledBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.Countries.List(ctx, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, mt.GetTotalCallCount())

	// Cancelled while the request is in flight: the transport's error carries
	// context.Canceled and no retry follows.
	c, mt = newTestClient(t)
	ctx, cancel = context.WithCancel(t.Context())
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(func(r *http.Request) (*http.Response, error) {
		cancel()
		<-r.Context().Done()
		return nil, r.Context().Err()
	}))
	_, err = c.Countries.List(ctx, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Len(t, rec.all(), 1)
}

func TestRetryableError(t *testing.T) {
	t.Parallel()
	wrapURL := func(e error) error { return &url.Error{Op: "Get", URL: "https://api.test/v3/x", Err: e} }
	cases := []struct {
		err       error
		get, post bool
		neverSent bool
	}{
		{&net.OpError{Op: "dial", Err: errors.New("refused")}, true, true, true},
		{wrapURL(&net.OpError{Op: "dial", Err: errors.New("refused")}), true, true, true},
		{&net.DNSError{Err: "no such host"}, true, true, true},
		{syscall.ECONNREFUSED, true, true, true},
		{wrapURL(&net.OpError{Op: "read", Err: syscall.ECONNRESET}), true, false, false},
		{wrapURL(io.ErrUnexpectedEOF), true, false, false},
		{wrapURL(errors.New("refusing redirect to plain http://x")), false, false, false},
		{wrapURL(errors.New("x509: certificate signed by unknown authority")), false, false, false},
		{errors.New("anything"), false, false, false},
		{fmt.Errorf("wrapped: %w", syscall.EPIPE), true, false, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.get, retryableError("GET", tc.err), "GET %v", tc.err)
		assert.Equal(t, tc.get, retryableError("DELETE", tc.err), "DELETE %v", tc.err)
		assert.Equal(t, tc.post, retryableError("POST", tc.err), "POST %v", tc.err)
		assert.Equal(t, tc.post, retryableError("PATCH", tc.err), "PATCH %v", tc.err)
		assert.Equal(t, tc.neverSent, neverSent(tc.err), "%v", tc.err)
	}
	for _, m := range []string{"GET", "HEAD", "DELETE", "OPTIONS"} {
		assert.True(t, idempotent(m), m)
		assert.True(t, retryableStatus(m, 503), m)
	}
	for _, m := range []string{"POST", "PATCH", "PUT"} {
		assert.False(t, idempotent(m), m)
		assert.False(t, retryableStatus(m, 503), m)
		assert.True(t, retryableStatus(m, 429), m)
	}
	assert.False(t, retryableStatus("GET", 500))
	assert.False(t, retryableStatus("GET", 501))

	c, _ := newTestClient(t)
	assert.False(t, c.shouldRetry("GET", &DecodeError{Err: io.EOF}), "a decode error is final")
	assert.False(t, c.shouldRetry("GET", invalid("x", "y")))
	assert.True(t, c.shouldRetry("GET", &APIError{StatusCode: 503}))
	assert.True(t, c.shouldRetry("GET", &transportError{err: syscall.ECONNRESET}))
}

func TestRateLimitedWithoutRetryStillPauses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithRateLimit(1000), WithMaxRetries(0))
	base := time.Date(2026, 4, 16, 12, 0, 0, 0, time.UTC)
	c.limiter.now = func() time.Time { return base }
	mt.RegisterResponder("GET", testBaseURL+"/countries", coreStatus(429))
	_, err := c.Countries.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrRateLimited)
	c.limiter.mu.Lock()
	next := c.limiter.next
	c.limiter.mu.Unlock()
	assert.Equal(t, base.Add(time.Second), next, "a 429 pushes later requests back by at least a second")
}
