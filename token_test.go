package didww

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tokenService is a loopback token service. By default mint n answers
// {"access_token":"tok-n","expires_in":3600}.
type tokenService struct {
	srv    *httptest.Server
	answer func(n int) (status int, contentType, body string)
	gate   chan struct{} // when set, each mint waits for it to close

	mu   sync.Mutex
	reqs []recorded
}

func newTokenService(t *testing.T) *tokenService {
	t.Helper()
	ts := &tokenService{answer: func(n int) (int, string, string) {
		return 200, "application/json", fmt.Sprintf(`{"access_token":"tok-%d","token_type":"Bearer","expires_in":3600}`, n)
	}}
	ts.srv = httptest.NewServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.srv.Close)
	return ts
}

func (ts *tokenService) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ts.mu.Lock()
	ts.reqs = append(ts.reqs, recorded{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	n := len(ts.reqs)
	answer, gate := ts.answer, ts.gate
	ts.mu.Unlock()
	if gate != nil {
		<-gate
	}
	status, ct, text := answer(n)
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}

func (ts *tokenService) setAnswer(f func(n int) (int, string, string)) {
	ts.mu.Lock()
	ts.answer = f
	ts.mu.Unlock()
}

// hold makes every mint wait until the returned func is called, or the
// test ends (before the server closes, which waits for its handlers).
func (ts *tokenService) hold(t *testing.T) (release func()) {
	gate := make(chan struct{})
	ts.mu.Lock()
	ts.gate = gate
	ts.mu.Unlock()
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(release)
	return release
}

func (ts *tokenService) url() string { return ts.srv.URL + "/token" }

func (ts *tokenService) mints() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.reqs)
}

func (ts *tokenService) all() []recorded {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]recorded(nil), ts.reqs...)
}

// apiService is a loopback API that records every request. status decides
// the answer by the Authorization header: 0 is an empty list, else an error.
type apiService struct {
	srv    *httptest.Server
	status func(auth string) int

	mu   sync.Mutex
	reqs []recorded
}

func newAPIService(t *testing.T) *apiService {
	t.Helper()
	api := &apiService{status: func(string) int { return 0 }}
	api.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		api.mu.Lock()
		api.reqs = append(api.reqs, recorded{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
		status := api.status(r.Header.Get("Authorization"))
		api.mu.Unlock()
		w.Header().Set("Content-Type", MediaType)
		if status != 0 {
			w.WriteHeader(status)
			_, _ = fmt.Fprintf(w, `{"errors":[{"title":%q,"status":"%d"}]}`, http.StatusText(status), status)
			return
		}
		_, _ = io.WriteString(w, `{"data":[],"meta":{"total_records":0}}`)
	}))
	t.Cleanup(api.srv.Close)
	return api
}

func (api *apiService) setStatus(f func(auth string) int) {
	api.mu.Lock()
	api.status = f
	api.mu.Unlock()
}

// refuse answers 401 to the bearer token tok, or to every request when tok is "".
func (api *apiService) refuse(tok string) {
	api.setStatus(func(auth string) int {
		if tok == "" || auth == "Bearer "+tok {
			return http.StatusUnauthorized
		}
		return 0
	})
}

func (api *apiService) all() []recorded {
	api.mu.Lock()
	defer api.mu.Unlock()
	return append([]recorded(nil), api.reqs...)
}

func (api *apiService) bearers() []string {
	var out []string
	for _, r := range api.all() {
		out = append(out, r.Header.Get("Authorization"))
	}
	return out
}

// assertKeyNeverSent fails when any header of any request the API saw holds the key.
func (api *apiService) assertKeyNeverSent(t *testing.T) {
	t.Helper()
	for _, r := range api.all() {
		assert.Empty(t, r.Header.Values("Api-Key"), "%s %s", r.Method, r.Path)
		for name, values := range r.Header {
			for _, v := range values {
				assert.NotContains(t, v, testKey, "header %s of %s %s", name, r.Method, r.Path)
			}
		}
	}
}

// newTokenClient is a 2026-11-19 client on the loopback API, minting at ts.
func newTokenClient(t *testing.T, api *apiService, ts *tokenService, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithBaseURL(api.srv.URL + "/v3"),
		WithAPIVersion(APIVersion20261119),
		WithRateLimit(0),
		WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}),
	}
	if ts != nil {
		base = append(base, WithTokenURL(ts.url()))
	}
	c, err := NewClient(testKey, append(base, opts...)...)
	require.NoError(t, err)
	return c
}

func get(t *testing.T, c *Client, path string) error {
	_, err := c.do(t.Context(), &request{method: "GET", path: path})
	return err
}

func TestTokenFirstCallMintsAndIsCached(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	c := newTokenClient(t, api, ts, WithUserAgent("app/1"))

	_, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	require.NoError(t, get(t, c, "/regions"))

	mints := ts.all()
	require.Len(t, mints, 1, "the second call uses the cached token")
	m := mints[0]
	assert.Equal(t, "POST", m.Method)
	assert.Equal(t, "/token", m.Path)
	assert.Equal(t, testKey, m.Header.Get("Api-Key"))
	assert.Empty(t, m.Header.Get("Authorization"))
	assert.Equal(t, "application/json, "+MediaType, m.Header.Get("Accept"))
	assert.Equal(t, APIVersion20261119, m.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, "didww-go/"+Version+" app/1", m.Header.Get("User-Agent"))
	assert.Empty(t, m.Body)

	reqs := api.all()
	require.Len(t, reqs, 2)
	for i, path := range []string{"/v3/countries", "/v3/regions"} {
		assert.Equal(t, path, reqs[i].Path)
		assert.Equal(t, "Bearer tok-1", reqs[i].Header.Get("Authorization"))
		// The version header is still sent: harmless, and it keeps the shapes explicit.
		assert.Equal(t, APIVersion20261119, reqs[i].Header.Get("X-DIDWW-API-Version"))
		assert.Equal(t, MediaType, reqs[i].Header.Get("Accept"))
	}
	api.assertKeyNeverSent(t)
}

// waitJoined waits until n callers wait for the token fetch in flight.
func waitJoined(t *testing.T, c *Client, n int) {
	t.Helper()
	for i := 0; ; i++ {
		c.tokens.mu.Lock()
		joined := 0
		if c.tokens.flight != nil {
			joined = c.tokens.flight.joined
		}
		c.tokens.mu.Unlock()
		if joined == n {
			return
		}
		require.Less(t, i, 1_000_000, "only %d of %d callers joined the fetch", joined, n)
		runtime.Gosched()
	}
}

func TestTokenConcurrentCallsMintOnce(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	release := ts.hold(t)
	c := newTokenClient(t, api, ts)

	const n = 20
	errs := make(chan error, n)
	for range n {
		go func() { errs <- get(t, c, "/countries") }()
	}
	waitJoined(t, c, n) // every caller waits before the first mint answers
	release()
	for range n {
		require.NoError(t, <-errs)
	}
	assert.Equal(t, 1, ts.mints())
	bearers := api.bearers()
	require.Len(t, bearers, n)
	for _, b := range bearers {
		assert.Equal(t, "Bearer tok-1", b)
	}
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fakeClock) advance(d time.Duration) { f.mu.Lock(); f.now = f.now.Add(d); f.mu.Unlock() }

func TestTokenRenewedBeforeExpiry(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		expiresIn    int
		keep, renew  time.Duration // still used at keep, replaced at renew
		answerFormat string
	}{
		"short lifetime: a tenth before": {100, 89 * time.Second, 91 * time.Second, `{"access_token":"tok-%d","expires_in":%d}`},
		"long lifetime: 30 s before":     {3600, 3569 * time.Second, 3571 * time.Second, `{"access_token":"tok-%d","expires_in":"%d"}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api, ts := newAPIService(t), newTokenService(t)
			ts.setAnswer(func(n int) (int, string, string) {
				return 200, "application/json", fmt.Sprintf(tc.answerFormat, n, tc.expiresIn)
			})
			clock := &fakeClock{now: time.Date(2026, 11, 19, 12, 0, 0, 0, time.UTC)}
			c := newTokenClient(t, api, ts, withClock(clock.Now))

			require.NoError(t, get(t, c, "/countries"))
			clock.advance(tc.keep)
			require.NoError(t, get(t, c, "/countries"))
			assert.Equal(t, 1, ts.mints(), "not yet due")
			clock.advance(tc.renew - tc.keep)
			require.NoError(t, get(t, c, "/countries"))
			assert.Equal(t, 2, ts.mints(), "due: minted anew before use")
			assert.Equal(t, []string{"Bearer tok-1", "Bearer tok-1", "Bearer tok-2"}, api.bearers())
		})
	}
}

func TestTokenWithoutExpiryIsKeptUntilRefused(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	ts.setAnswer(func(n int) (int, string, string) {
		return 200, "application/json", fmt.Sprintf(`{"access_token":"tok-%d"}`, n)
	})
	clock := &fakeClock{now: time.Date(2026, 11, 19, 12, 0, 0, 0, time.UTC)}
	c := newTokenClient(t, api, ts, withClock(clock.Now))
	require.NoError(t, get(t, c, "/countries"))
	clock.advance(1000 * time.Hour)
	require.NoError(t, get(t, c, "/countries"))
	assert.Equal(t, 1, ts.mints())

	api.refuse("tok-1")
	require.NoError(t, get(t, c, "/countries"))
	assert.Equal(t, 2, ts.mints())
	assert.Equal(t, []string{"Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2"}, api.bearers())
}

func TestToken401MintsOnceAndRetries(t *testing.T) {
	t.Parallel()
	for _, method := range []string{"GET", "POST", "PATCH", "DELETE"} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			api, ts := newAPIService(t), newTokenService(t)
			api.refuse("tok-1")
			// No retries: the retry after a refused token is not one of them.
			c := newTokenClient(t, api, ts, WithMaxRetries(0))
			body := []byte(`{"data":{"type":"orders"}}`)
			_, err := c.do(t.Context(), &request{method: method, path: "/orders", body: body})
			require.NoError(t, err)

			assert.Equal(t, 2, ts.mints())
			reqs := api.all()
			require.Len(t, reqs, 2)
			assert.Equal(t, []string{"Bearer tok-1", "Bearer tok-2"}, api.bearers())
			for _, r := range reqs {
				assert.Equal(t, method, r.Method)
				assert.Equal(t, body, r.Body, "the body is sent again as it was")
			}
			api.assertKeyNeverSent(t)
		})
	}
}

func TestToken401TwiceFailsClearly(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	api.refuse("")
	c := newTokenClient(t, api, ts)

	err := get(t, c, "/countries")
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnauthorized)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "GET /countries: 401 Unauthorized")
	assert.Contains(t, err.Error(), "the API refused the bearer token, and a new one after it")
	assert.Equal(t, 2, ts.mints(), "one mint, one re-mint, no loop")
	assert.Equal(t, []string{"Bearer tok-1", "Bearer tok-2"}, api.bearers())
	assertNoSecret(t, "error", err.Error(), testKey, "tok-1", "tok-2")

	// The next call gets the same single renewal, not more.
	require.Error(t, get(t, c, "/countries"))
	assert.Equal(t, 3, ts.mints())
	assert.Len(t, api.all(), 4)
}

func TestToken401ConcurrentRefusalsMintOnce(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	api.refuse("tok-1")
	c := newTokenClient(t, api, ts)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if get(t, c, "/countries") != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, failed.Load())
	assert.Equal(t, 2, ts.mints(), "refusals of the same token drop it once")
}

func TestTokenOtherErrorsAreNotReminted(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	c := newTokenClient(t, api, ts)
	api.setStatus(func(string) int { return http.StatusForbidden })
	err := get(t, c, "/orders")
	assert.ErrorIs(t, err, ErrForbidden)
	assert.Equal(t, 1, ts.mints(), "a 403 (such as insufficient scope) is no reason to mint")
	assert.Len(t, api.all(), 1)
}

func TestTokenUnreadableAnswerIsClearError(t *testing.T) {
	t.Parallel()
	const secret = "opaque-secret-token-4711"
	for name, tc := range map[string]struct {
		contentType, body string
		want              []string
	}{
		"html":             {"text/html", "<html><body>" + secret + "</body></html>", []string{"not a JSON object", "text/html", "bytes"}},
		"unknown field":    {"application/json", `{"jwt":"` + secret + `","ttl":60}`, []string{"no access_token", "top-level keys [jwt ttl]", "application/json"}},
		"json:api no attr": {MediaType, `{"data":{"type":"tokens","attributes":{"value":"` + secret + `"}}}`, []string{"data.attributes keys [value]"}},
		"token not string": {"application/json", `{"access_token":12345}`, []string{"top-level keys [access_token]"}},
		"empty":            {"", "", []string{"not a JSON object", "no content type, 0 bytes"}},
		"echoes the key":   {"application/json", `{"key":"` + testKey + `"}`, []string{"top-level keys [key]"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api, ts := newAPIService(t), newTokenService(t)
			ts.setAnswer(func(int) (int, string, string) { return 200, tc.contentType, tc.body })
			c := newTokenClient(t, api, ts)
			err := get(t, c, "/countries")
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrDecode)
			msg := err.Error()
			assert.Contains(t, msg, "didww: GET /countries: minting a bearer token at "+ts.url()+": 200 OK: ")
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			assertNoSecret(t, "error", msg, testKey, secret)
			assert.Empty(t, api.all(), "no API request without a token")
		})
	}
}

func TestTokenMintRefusedIsClearError(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		status   int
		body     string
		sentinel error
		want     string
		mints    int // a refusal is final; a busy service is tried 1+MaxRetries times
	}{
		"401 with errors": {401, `{"errors":[{"title":"Invalid API key ` + testKey + `"}]}`, ErrUnauthorized, "401 Unauthorized: Invalid API key [redacted]", 1},
		"403 plain":       {403, `forbidden ` + testKey, ErrForbidden, "403 Forbidden: text/plain, ", 1},
		"400":             {400, `{}`, nil, "400 Bad Request", 1},
		"429":             {429, ``, ErrRateLimited, "429 Too Many Requests", 4},
		"503":             {503, `<html>down</html>`, ErrServer, "503 Service Unavailable: text/plain, 17 bytes", 4},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api, ts := newAPIService(t), newTokenService(t)
			ts.setAnswer(func(int) (int, string, string) { return tc.status, "text/plain", tc.body })
			c := newTokenClient(t, api, ts)
			err := get(t, c, "/countries")
			require.Error(t, err)
			if tc.sentinel != nil {
				assert.ErrorIs(t, err, tc.sentinel)
			}
			assert.NotErrorIs(t, err, ErrDecode)
			var apiErr *APIError
			assert.False(t, errors.As(err, &apiErr), "the API did not answer")
			assert.Contains(t, err.Error(), "minting a bearer token at "+ts.url()+": "+tc.want)
			assertNoSecret(t, "error", err.Error(), testKey)
			assert.Equal(t, tc.mints, ts.mints())
			assert.Empty(t, api.all())
		})
	}
}

func TestTokenMintRetriedWhileTheServiceIsBusy(t *testing.T) {
	t.Parallel()
	for _, status := range []int{429, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			api, ts := newAPIService(t), newTokenService(t)
			ts.setAnswer(func(n int) (int, string, string) {
				if n < 3 {
					return status, "text/plain", "busy"
				}
				return 200, "application/json", `{"access_token":"tok-late","expires_in":3600}`
			})
			c := newTokenClient(t, api, ts)
			require.NoError(t, get(t, c, "/countries"))
			assert.Equal(t, 3, ts.mints())
			assert.Equal(t, []string{"Bearer tok-late"}, api.bearers(), "the API saw only the minted token")
			for _, r := range ts.all() {
				assert.Equal(t, testKey, r.Header.Get("Api-Key"), "each mint carries the key")
			}
		})
	}
}

func TestTokenMintRetryHonoursRetryAfterAndContext(t *testing.T) {
	t.Parallel()
	api := newAPIService(t)
	var mints atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mints.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	// The service asks for an hour, within the policy's cap; the mint's
	// own bound (the client's timeout) ends the wait with the service's
	// error. Ignoring Retry-After would mint four times, 1 ms apart.
	c := newTokenClient(t, api, nil, WithTokenURL(srv.URL+"/token"), WithTimeout(100*time.Millisecond),
		WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: time.Hour}))
	err := get(t, c, "/countries")
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, int32(1), mints.Load(), "the wait for Retry-After was cut by the context, not skipped")
	assert.Empty(t, api.all())
}

func TestTokenMintTransportErrorNamesURL(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	url := ts.url()
	ts.srv.Close()
	c := newTokenClient(t, api, nil, WithTokenURL(url))
	err := get(t, c, "/countries")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "didww: GET /countries: minting a bearer token at "+url+": ")
	assertNoSecret(t, "error", err.Error(), testKey)
	assert.Empty(t, api.all())
}

type staticSource struct {
	tok   *Token
	err   error
	panic bool
	calls atomic.Int32
}

func (s *staticSource) Token(context.Context) (*Token, error) {
	s.calls.Add(1)
	if s.panic {
		panic("boom")
	}
	return s.tok, s.err
}

func TestTokenStaticSourceUsedAsGiven(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	src := &staticSource{tok: &Token{AccessToken: "static-abc"}}
	c := newTokenClient(t, api, ts, WithTokenSource(src))
	for range 3 {
		require.NoError(t, get(t, c, "/countries"))
	}
	assert.Equal(t, []string{"Bearer static-abc", "Bearer static-abc", "Bearer static-abc"}, api.bearers())
	assert.Equal(t, int32(1), src.calls.Load())
	assert.Zero(t, ts.mints(), "the key is sent nowhere")
	api.assertKeyNeverSent(t)

	// A refused static token is asked for once more, then the call fails.
	api.refuse("")
	err := get(t, c, "/countries")
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, int32(2), src.calls.Load())
	assert.Zero(t, ts.mints())
}

func TestTokenSourceNeedsNoTokenURL(t *testing.T) {
	t.Parallel()
	api := newAPIService(t)
	c := newTokenClient(t, api, nil, WithTokenSource(&staticSource{tok: &Token{AccessToken: "s"}}))
	require.NoError(t, get(t, c, "/countries"))
	assert.Equal(t, []string{"Bearer s"}, api.bearers())
}

func TestTokenSourceBadAnswersAreErrors(t *testing.T) {
	t.Parallel()
	cause := errors.New("vault sealed")
	for name, tc := range map[string]struct {
		src  *staticSource
		want string
	}{
		"error":       {&staticSource{err: cause}, "didww: GET /countries: the token source: vault sealed"},
		"nil token":   {&staticSource{}, "the token source gave no token"},
		"empty token": {&staticSource{tok: &Token{}}, "gave an empty access token"},
		"line break":  {&staticSource{tok: &Token{AccessToken: "a\r\nX-Evil: 1"}}, "gave an access token with spaces or control characters"},
		"space":       {&staticSource{tok: &Token{AccessToken: "two words"}}, "gave an access token with spaces or control characters"},
		"panic":       {&staticSource{panic: true}, "the token source panicked: boom"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api := newAPIService(t)
			c := newTokenClient(t, api, nil, WithTokenSource(tc.src))
			err := get(t, c, "/countries")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, api.all())
		})
	}
	t.Run("error is wrapped", func(t *testing.T) {
		t.Parallel()
		c := newTokenClient(t, newAPIService(t), nil, WithTokenSource(&staticSource{err: cause}))
		assert.ErrorIs(t, get(t, c, "/countries"), cause)
	})
}

func TestTokenWaiterStopsWithItsContext(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	release := ts.hold(t)
	c := newTokenClient(t, api, ts)

	ctx, cancel := context.WithCancel(t.Context())
	first := make(chan error, 1)
	go func() {
		_, err := c.do(ctx, &request{method: "GET", path: "/countries"})
		first <- err
	}()
	waitJoined(t, c, 1)
	second := make(chan error, 1)
	go func() { second <- get(t, c, "/regions") }()
	waitJoined(t, c, 2)

	cancel() // the caller that started the mint leaves
	err := <-first
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "waiting for a bearer token")
	release()
	require.NoError(t, <-second, "the mint goes on for the others")
	assert.Equal(t, 1, ts.mints())
	assert.Equal(t, []string{"Bearer tok-1"}, api.bearers())

	// A context already done starts no mint.
	c2 := newTokenClient(t, api, ts)
	_, err = c2.do(ctx, &request{method: "GET", path: "/countries"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, ts.mints())
}

func TestAnonymousRequestCarriesNoCredential(t *testing.T) {
	t.Parallel()
	for _, version := range []string{APIVersion20260416, APIVersion20261119} {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			api, ts := newAPIService(t), newTokenService(t)
			c := newTokenClient(t, api, ts, WithAPIVersion(version))
			_, err := c.do(t.Context(), &request{method: "GET", path: "/public_keys", anonymous: true})
			require.NoError(t, err)
			r := api.all()
			require.Len(t, r, 1)
			assert.Equal(t, "/v3/public_keys", r[0].Path)
			assert.Empty(t, r[0].Header.Values("Api-Key"))
			assert.Empty(t, r[0].Header.Values("Authorization"))
			assert.Equal(t, version, r[0].Header.Get("X-DIDWW-API-Version"))
			assert.Zero(t, ts.mints())
		})
	}
	t.Run("a 401 to it mints nothing", func(t *testing.T) {
		t.Parallel()
		api, ts := newAPIService(t), newTokenService(t)
		api.refuse("")
		c := newTokenClient(t, api, ts)
		_, err := c.do(t.Context(), &request{method: "GET", path: "/public_keys", anonymous: true})
		assert.ErrorIs(t, err, ErrUnauthorized)
		assert.NotContains(t, err.Error(), "bearer")
		assert.Zero(t, ts.mints())
		assert.Len(t, api.all(), 1)
	})
}

func TestNoTokenUnder20260416(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	src := &staticSource{tok: &Token{AccessToken: "unused"}}
	c := newTokenClient(t, api, ts, WithAPIVersion(APIVersion20260416), WithTokenSource(src))
	assert.Nil(t, c.tokens)
	require.NoError(t, get(t, c, "/countries"))
	r := api.all()
	require.Len(t, r, 1)
	assert.Equal(t, testKey, r[0].Header.Get("Api-Key"))
	assert.Empty(t, r[0].Header.Values("Authorization"))
	assert.Equal(t, APIVersion20260416, r[0].Header.Get("X-DIDWW-API-Version"))
	assert.Zero(t, ts.mints())
	assert.Zero(t, src.calls.Load())

	// A 401 under the key is the caller's error, with no second try.
	api.refuse("")
	assert.ErrorIs(t, get(t, c, "/countries"), ErrUnauthorized)
	assert.Len(t, api.all(), 2)
}

func TestTokenURLPerEnvironment(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts []Option
		want string
	}{
		"sandbox, the default": {nil, "https://auth-sandbox.didww.com/token"},
		"production":           {[]Option{WithEnvironment(Production)}, "https://auth.didww.com/token"},
		"production by URL":    {[]Option{WithBaseURL("https://API.didww.com/v3/")}, "https://auth.didww.com/token"},
		"custom with URL":      {[]Option{WithBaseURL("https://proxy.example/v3"), WithTokenURL("https://auth.example/mint")}, "https://auth.example/mint"},
		"loopback http":        {[]Option{WithTokenURL("http://127.0.0.1:9/token")}, "http://127.0.0.1:9/token"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(testKey, append([]Option{WithAPIVersion(APIVersion20261119)}, tc.opts...)...)
			require.NoError(t, err)
			require.NotNil(t, c.tokens)
			got, err := c.cfg.tokenEndpoint()
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestTokenOptionsValidate(t *testing.T) {
	t.Parallel()
	var nilSource *staticSource
	for name, tc := range map[string]struct {
		opts []Option
		want string
	}{
		"custom base URL without token URL": {[]Option{WithAPIVersion(APIVersion20261119), WithBaseURL("https://proxy.example/v3")},
			"API version 2026-11-19 authenticates with bearer tokens, and the base URL https://proxy.example/v3 is neither environment: say where to mint them with WithTokenURL, or pass WithTokenSource"},
		"later version, too":      {[]Option{WithAPIVersion("2027-05-01"), WithBaseURL("http://localhost:1/v3")}, "WithTokenURL"},
		"nil source":              {[]Option{WithTokenSource(nil)}, "didww: WithTokenSource(nil)"},
		"typed nil source":        {[]Option{WithTokenSource(nilSource)}, "didww: WithTokenSource got a nil *didww.staticSource"},
		"plain http off loopback": {[]Option{WithTokenURL("http://auth.example/token")}, "token URL \"http://auth.example/token\" is plain http off loopback"},
		"no host":                 {[]Option{WithTokenURL("/token")}, "token URL \"/token\" has no scheme or host; use a full URL such as https://auth.didww.com/token"},
		"no scheme":               {[]Option{WithTokenURL("auth.example/token")}, "token URL \"auth.example/token\" has no scheme; use https://auth.example/token"},
		"ftp":                     {[]Option{WithTokenURL("ftp://auth.example/token")}, "is not http(s)"},
		"user info":               {[]Option{WithTokenURL("https://u:p@auth.example/token")}, "token URL must not carry user info"},
		"query":                   {[]Option{WithTokenURL("https://auth.example/token?x=1")}, "must not have a query or fragment"},
		"unparsable":              {[]Option{WithTokenURL("https://auth.example/%zz")}, "didww: bad token URL"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClient(testKey, tc.opts...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	// Under the key's version a custom base URL needs nothing more.
	_, err := NewClient(testKey, WithBaseURL("https://proxy.example/v3"))
	assert.NoError(t, err)
}

func TestTokenRequestLoggedWithoutSecrets(t *testing.T) {
	t.Parallel()
	api, ts := newAPIService(t), newTokenService(t)
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTokenClient(t, api, ts, WithLogger(logger))
	require.NoError(t, get(t, c, "/countries"))
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	assert.Contains(t, out, `msg="didww token request" method=POST url=`+ts.url()+" status=200")
	assert.Contains(t, out, `msg="didww request" method=GET path=/countries status=200`)
	assertNoSecret(t, "log", out, testKey, "tok-1")
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestRedirectToAnotherHostDropsBearer(t *testing.T) {
	t.Parallel()
	// A subdomain: Go's own redirect rules would pass Authorization on to it.
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("POST", "https://auth.test/token",
		httpmock.NewStringResponder(200, `{"access_token":"tok-1","expires_in":3600}`))
	mt.RegisterResponder("GET", "https://api.test/v3/countries", func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(http.StatusFound, "")
		resp.Header.Set("Location", "https://evil.api.test/v3/countries")
		return resp, nil
	})
	var rec recorder
	mt.RegisterResponder("GET", "https://evil.api.test/v3/countries", rec.wrap(jsonAPI(200, []byte(`{"data":[]}`))))
	c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: mt}), WithBaseURL("https://api.test/v3"),
		WithTokenURL("https://auth.test/token"), WithAPIVersion(APIVersion20261119), WithRateLimit(0))
	require.NoError(t, err)
	require.NoError(t, get(t, c, "/countries"))
	r := rec.only(t)
	assert.Empty(t, r.Header.Values("Authorization"))
	assert.Empty(t, r.Header.Values("Api-Key"))
	assert.Equal(t, APIVersion20261119, r.Header.Get("X-DIDWW-API-Version"), "other headers survive")
}

func jwt(claims string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + "." + enc([]byte("signature"))
}

func TestParseTokenAnswer(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 19, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return now.Add(d) }
	exp := time.Unix(1795000000, 0)
	withExp := jwt(`{"sub":"acct","exp":1795000000,"api_version":"2026-11-19"}`)
	noExp := jwt(`{"sub":"acct"}`)
	for name, tc := range map[string]struct {
		body   string
		token  string
		expiry time.Time
	}{
		"oauth":                   {`{"access_token":"a1","token_type":"Bearer","expires_in":900}`, "a1", at(15 * time.Minute)},
		"expires_in string":       {`{"access_token":"a1","expires_in":"900"}`, "a1", at(15 * time.Minute)},
		"expires_in fraction":     {`{"access_token":"a1","expires_in":1.5}`, "a1", at(1500 * time.Millisecond)},
		"token and expires_at":    {`{"token":"a2","expires_at":"2026-11-19T13:00:00Z"}`, "a2", at(time.Hour)},
		"expires_at unix":         {`{"token":"a2","expires_at":1795000000}`, "a2", exp},
		"json:api attributes":     {`{"data":{"id":"1","type":"tokens","attributes":{"access_token":"a3","expires_in":60}}}`, "a3", at(time.Minute)},
		"json:api meta expiry":    {`{"data":{"type":"tokens","attributes":{"token":"a4"}},"expires_in":60}`, "a4", at(time.Minute)},
		"jwt exp":                 {`{"access_token":"` + withExp + `"}`, withExp, exp},
		"expires_in beats exp":    {`{"access_token":"` + withExp + `","expires_in":60}`, withExp, at(time.Minute)},
		"jwt without exp":         {`{"access_token":"` + noExp + `"}`, noExp, time.Time{}},
		"bare jwt":                {"  " + withExp + "\n", withExp, exp},
		"no expiry":               {`{"access_token":"a5"}`, "a5", time.Time{}},
		"zero expires_in":         {`{"access_token":"a5","expires_in":0}`, "a5", time.Time{}},
		"negative expires_in":     {`{"access_token":"a5","expires_in":-5}`, "a5", time.Time{}},
		"huge expires_in":         {`{"access_token":"a5","expires_in":1e300}`, "a5", time.Time{}},
		"garbage expires_in":      {`{"access_token":"a5","expires_in":"soon"}`, "a5", time.Time{}},
		"garbage expires_at":      {`{"access_token":"a5","expires_at":"tomorrow"}`, "a5", time.Time{}},
		"access_token over token": {`{"token":"b","access_token":"a"}`, "a", time.Time{}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tok, err := parseTokenAnswer([]byte(tc.body), now)
			require.NoError(t, err)
			assert.Equal(t, tc.token, tok.AccessToken)
			assert.True(t, tc.expiry.Equal(tok.Expiry), "expiry %v, want %v", tok.Expiry, tc.expiry)
		})
	}
	for _, bad := range []string{``, `[]`, `null`, `"a"`, `{}`, `{"data":[{"access_token":"x"}]}`, `a.b.c`, `{"access_token":""}`} {
		_, err := parseTokenAnswer([]byte(bad), now)
		assert.Error(t, err, bad)
	}
}

func TestRefreshTime(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 19, 12, 0, 0, 0, time.UTC)
	assert.Equal(t, now.Add(90*time.Second), refreshTime(now, now.Add(100*time.Second)))
	assert.Equal(t, now.Add(time.Hour-30*time.Second), refreshTime(now, now.Add(time.Hour)))
	assert.True(t, refreshTime(now, time.Time{}).IsZero(), "unknown expiry")
	assert.True(t, refreshTime(now, now.Add(-time.Minute)).IsZero(), "expired on arrival: kept until refused")
}

func TestTokenFormattingHidesText(t *testing.T) {
	t.Parallel()
	const secret = "eyJhbGciOi.secret-token-text.sig0123"
	tok := Token{AccessToken: secret, Expiry: time.Date(2026, 11, 19, 13, 0, 0, 0, time.UTC)}
	type holder struct {
		T  Token
		PT *Token
	}
	for _, v := range []any{tok, &tok, []Token{tok}, []*Token{&tok}, map[string]Token{"t": tok}, holder{tok, &tok}, &holder{tok, &tok}} {
		for _, verb := range leakVerbs {
			if verb == "%w" || verb == "%p" {
				// Verbs that do not fit a value print it with methods off
				// (%!w(...)): Token's documented limit.
				continue
			}
			assertNoSecret(t, verb, fmt.Sprintf(verb, v), secret)
		}
		assertNoSecret(t, "Sprint", fmt.Sprint(v), secret)
		assertNoSecret(t, "Errorf", fmt.Errorf("x: %v", v).Error(), secret)
	}
	assert.Equal(t, "didww.Token{AccessToken: [redacted], Expiry: 2026-11-19T13:00:00Z}", fmt.Sprintf("%+v", tok))
	assert.Equal(t, "didww.Token{AccessToken: [empty], Expiry: unknown}", Token{}.String())

	for _, json := range []bool{false, true} {
		var buf bytes.Buffer
		var h slog.Handler = slog.NewTextHandler(&buf, nil)
		if json {
			h = slog.NewJSONHandler(&buf, nil)
		}
		slog.New(h).Info("minted", "token", tok, "ptr", &tok)
		assert.Contains(t, buf.String(), "[redacted]")
		assertNoSecret(t, "slog", buf.String(), secret)
	}
}
