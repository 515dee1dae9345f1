package didww

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreAssertNoKey fails when the test key shows in s.
func coreAssertNoKey(t *testing.T, s string) {
	t.Helper()
	assert.NotContains(t, s, testKey, "the API key leaked")
	assert.NotContains(t, s, testKey[5:], "part of the API key leaked")
}

// coreAssertErrNoKey checks an error's text and its %+v form for the key.
func coreAssertErrNoKey(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	coreAssertNoKey(t, err.Error())
	coreAssertNoKey(t, fmt.Sprintf("%+v %#v", err, err))
}

func TestNewClientEmptyKey(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"", "   ", "\t\n"} {
		c, err := NewClient(key)
		assert.Nil(t, c)
		assert.EqualError(t, err, "didww: the API key is empty")
	}
	c, err := NewClient("abc\r\nX-Evil: 1")
	assert.Nil(t, c)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "abc", "the refused key is not echoed")
}

func TestNewClientDefaults(t *testing.T) {
	t.Parallel()
	c, err := NewClient(testKey, nil)
	require.NoError(t, err)
	assert.Equal(t, string(Sandbox), c.BaseURL())
	assert.Equal(t, "https://sandbox-api.didww.com/v3", c.BaseURL())
	assert.Equal(t, DefaultAPIVersion, c.cfg.apiVersion)
	assert.Equal(t, DefaultRetryPolicy, c.cfg.retry)
	assert.Equal(t, RetryPolicy{MaxRetries: 3, BaseDelay: 250 * time.Millisecond, MaxDelay: 30 * time.Second}, DefaultRetryPolicy)
	require.NotNil(t, c.limiter)
	assert.Equal(t, 50*time.Millisecond, c.limiter.interval, "20 requests per second")
	assert.Equal(t, 20, c.limiter.count)
	assert.Equal(t, 1100*time.Millisecond, c.limiter.span, "20 in any 1.1 s")
	assert.Equal(t, int64(32<<20), c.cfg.maxBody)
	assert.Nil(t, c.cfg.logger)
	assert.NotSame(t, http.DefaultClient, c.cfg.httpClient)
	for name, svc := range map[string]*service{
		"Countries": (*service)(c.Countries), "Regions": (*service)(c.Regions), "Cities": (*service)(c.Cities),
		"DIDGroupTypes": (*service)(c.DIDGroupTypes), "DIDGroups": (*service)(c.DIDGroups),
		"NanpaPrefixes": (*service)(c.NanpaPrefixes), "AvailableDIDs": (*service)(c.AvailableDIDs),
		"DIDReservations": (*service)(c.DIDReservations), "Orders": (*service)(c.Orders),
	} {
		require.NotNil(t, svc, name)
		assert.Same(t, c, svc.client, name)
	}

	p, err := NewClient(testKey, WithEnvironment(Production))
	require.NoError(t, err)
	assert.Equal(t, "https://api.didww.com/v3", p.BaseURL())
	s, err := NewClient(testKey, WithEnvironment(Production), WithEnvironment(Sandbox))
	require.NoError(t, err)
	assert.Equal(t, string(Sandbox), s.BaseURL())
}

func TestNewClientOptionsValidate(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		opt  Option
		want string
	}{
		"unknown environment":      {WithEnvironment("https://evil.test/v3"), "unknown environment"},
		"empty environment":        {WithEnvironment(""), "unknown environment"},
		"nil HTTP client":          {WithHTTPClient(nil), "WithHTTPClient(nil)"},
		"unparsable base URL":      {WithBaseURL("https://api.test/%zz"), "bad base URL"},
		"control in base URL":      {WithBaseURL("https://api.test/\x7f"), "bad base URL"},
		"base URL without host":    {WithBaseURL("/v3"), `base URL "/v3" has no scheme or host; use a full URL such as https://api.didww.com/v3`},
		"base URL no scheme":       {WithBaseURL("api.didww.com/v3"), `base URL "api.didww.com/v3" has no scheme; use https://api.didww.com/v3`},
		"base URL port no scheme":  {WithBaseURL("localhost:8080/v3"), `base URL "localhost:8080/v3" has no scheme; use https://localhost:8080/v3`},
		"base URL scheme-relative": {WithBaseURL("//api.didww.com/v3"), `base URL "//api.didww.com/v3" has no scheme; use https://api.didww.com/v3`},
		"no scheme with user":      {WithBaseURL("user:pw@api.test/v3"), "base URL has no scheme, and must not carry user info"},
		"empty base URL":           {WithBaseURL(""), `base URL "" has no scheme or host`},
		"base URL only scheme":     {WithBaseURL("https://"), "has no host"},
		"plain http off host":      {WithBaseURL("http://api.didww.com/v3"), "plain http off loopback"},
		"plain http private IP":    {WithBaseURL("http://10.0.0.1/v3"), "plain http off loopback"},
		"plain http lookalike":     {WithBaseURL("http://localhost.evil.test/v3"), "plain http off loopback"},
		"plain http 0.0.0.0":       {WithBaseURL("http://0.0.0.0:8080/v3"), "plain http off loopback"},
		"ftp base URL":             {WithBaseURL("ftp://api.test/v3"), "is not http(s)"},
		"base URL with user":       {WithBaseURL("https://user:pw@api.test/v3"), "must not carry user info"},
		"base URL with query":      {WithBaseURL("https://api.test/v3?x=1"), "must not have a query or fragment"},
		"base URL with fragment":   {WithBaseURL("https://api.test/v3#top"), "must not have a query or fragment"},
		"API version not a date":   {WithAPIVersion("v3"), "is not a date"},
		"API version empty":        {WithAPIVersion(""), "is not a date"},
		"API version bad day":      {WithAPIVersion("2026-02-30"), "is not a date"},
		"user agent line break":    {WithUserAgent("app/1\r\nApi-Key: x"), "line break"},
		"negative retries":         {WithMaxRetries(-1), "≥ 0"},
		"policy negative":          {WithRetryPolicy(RetryPolicy{MaxRetries: -1}), "MaxRetries must not be negative"},
		"policy negative delay":    {WithRetryPolicy(RetryPolicy{BaseDelay: -time.Second}), "delays must not be negative"},
		"policy inverted delays":   {WithRetryPolicy(RetryPolicy{BaseDelay: time.Second, MaxDelay: time.Millisecond}), "MaxDelay must not be below BaseDelay"},
		"negative rate":            {WithRateLimit(-1), "rate ≥ 0"},
		"NaN rate":                 {WithRateLimit(math.NaN()), "rate ≥ 0"},
		"nil logger":               {WithLogger(nil), "WithLogger(nil)"},
		"zero timeout":             {WithTimeout(0), "positive duration"},
		"negative timeout":         {WithTimeout(-time.Second), "positive duration"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(testKey, tc.opt)
			assert.Nil(t, c)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "didww: "), err.Error())
			coreAssertErrNoKey(t, err)
		})
	}
}

func TestWithBaseURLAccepted(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"https://api.test/v3":        "https://api.test/v3",
		"https://api.test/v3/":       "https://api.test/v3",
		"https://api.test":           "https://api.test",
		"HTTPS://api.test:8443/v3//": "https://api.test:8443/v3",
		"http://127.0.0.1:8080/v3":   "http://127.0.0.1:8080/v3",
		"http://127.0.0.2/v3":        "http://127.0.0.2/v3",
		"http://[::1]:9000/v3":       "http://[::1]:9000/v3",
		"http://localhost:9000/v3":   "http://localhost:9000/v3",
		"http://LOCALHOST/v3":        "http://LOCALHOST/v3",
	}
	for in, want := range cases {
		c, err := NewClient(testKey, WithBaseURL(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, c.BaseURL(), in)
	}
}

func TestOptionsApplied(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	policy := RetryPolicy{MaxRetries: 5, BaseDelay: time.Second, MaxDelay: time.Minute}
	c, err := NewClient(testKey,
		WithAPIVersion("2022-05-10"), WithUserAgent("  myapp/2.0 "), WithRetryPolicy(policy), WithMaxRetries(1),
		WithRateLimit(4), WithLogger(logger), WithTimeout(3*time.Second))
	require.NoError(t, err)
	assert.Equal(t, "2022-05-10", c.cfg.apiVersion)
	assert.Equal(t, "myapp/2.0", c.cfg.userAgent)
	assert.Equal(t, RetryPolicy{MaxRetries: 1, BaseDelay: time.Second, MaxDelay: time.Minute}, c.cfg.retry)
	assert.Equal(t, 250*time.Millisecond, c.limiter.interval)
	assert.Same(t, logger, c.cfg.logger)
	assert.Equal(t, 3*time.Second, c.cfg.httpClient.Timeout)

	off, err := NewClient(testKey, WithRateLimit(0), WithMaxRetries(0))
	require.NoError(t, err)
	assert.Nil(t, off.limiter, "rate 0 turns the limiter off")
	assert.Equal(t, 0, off.cfg.retry.MaxRetries)
}

func TestWithTimeoutDoesNotMutateCallerClient(t *testing.T) {
	t.Parallel()
	var redirects atomic.Int32
	check := func(*http.Request, []*http.Request) error { redirects.Add(1); return nil }
	transport := &http.Transport{}
	hc := &http.Client{Transport: transport, CheckRedirect: check}
	before := *hc

	c, err := NewClient(testKey, WithHTTPClient(hc), WithTimeout(2*time.Second))
	require.NoError(t, err)
	assert.Equal(t, time.Duration(0), hc.Timeout)
	assert.Same(t, transport, hc.Transport)
	assert.Equal(t, reflect.ValueOf(check).Pointer(), reflect.ValueOf(hc.CheckRedirect).Pointer(), "CheckRedirect untouched")
	assert.Equal(t, before.Jar, hc.Jar)
	assert.NotSame(t, hc, c.cfg.httpClient)
	assert.Equal(t, 2*time.Second, c.cfg.httpClient.Timeout)
	assert.Same(t, transport, c.cfg.httpClient.Transport)

	// The caller's CheckRedirect still runs, behind the client's own.
	require.NoError(t, c.cfg.httpClient.CheckRedirect(
		&http.Request{URL: mustURL(t, "https://api.test/v3/b"), Header: http.Header{}},
		[]*http.Request{{URL: mustURL(t, "https://api.test/v3/a")}}))
	assert.Equal(t, int32(1), redirects.Load())

	// A caller client without CheckRedirect keeps none.
	plain := &http.Client{}
	_, err = NewClient(testKey, WithHTTPClient(plain), WithTimeout(time.Second))
	require.NoError(t, err)
	assert.Nil(t, plain.CheckRedirect)
	assert.Equal(t, time.Duration(0), plain.Timeout)

	// Without WithTimeout the caller's own timeout is kept on the copy.
	timed := &http.Client{Timeout: 7 * time.Second}
	c, err = NewClient(testKey, WithHTTPClient(timed))
	require.NoError(t, err)
	assert.Equal(t, 7*time.Second, c.cfg.httpClient.Timeout)
}

func TestHeadersOnEveryRequest(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithUserAgent("shop/1.2"))
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(jsonAPI(200, fixture(t, "core/countries.json"))))
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, []byte(`{"data":null}`))))
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/r1", rec.wrap(httpmock.NewBytesResponder(204, nil)))

	_, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	_, err = c.do(t.Context(), &request{method: "POST", path: "/orders", body: []byte(`{"data":{"type":"orders"}}`)})
	require.NoError(t, err)
	resp, err := c.do(t.Context(), &request{method: "DELETE", path: "/did_reservations/r1"})
	require.NoError(t, err)
	assert.Equal(t, 204, resp.status)
	assert.Empty(t, resp.body)

	reqs := rec.all()
	require.Len(t, reqs, 3)
	for _, r := range reqs {
		assert.Equal(t, testKey, r.Header.Get("Api-Key"), r.Method)
		assert.Equal(t, "2026-04-16", r.Header.Get("X-DIDWW-API-Version"), r.Method)
		assert.Equal(t, "application/vnd.api+json", r.Header.Get("Accept"), r.Method)
		assert.Equal(t, "didww-go/"+Version+" shop/1.2", r.Header.Get("User-Agent"), r.Method)
	}
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Empty(t, reqs[0].Header.Values("Content-Type"), "no Content-Type without a body")
	assert.Empty(t, reqs[0].Body)
	assert.Equal(t, "POST", reqs[1].Method)
	assert.Equal(t, []string{"application/vnd.api+json"}, reqs[1].Header.Values("Content-Type"))
	assert.Equal(t, `{"data":{"type":"orders"}}`, string(reqs[1].Body))
	assert.Equal(t, "DELETE", reqs[2].Method)
	assert.Empty(t, reqs[2].Header.Values("Content-Type"))
}

func TestUserAgentAndVersionDefaults(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithAPIVersion("2022-05-10"), WithUserAgent(""))
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(jsonAPI(200, fixture(t, "core/countries.json"))))
	_, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "didww-go/"+Version, r.Header.Get("User-Agent"))
	assert.Equal(t, "2022-05-10", r.Header.Get("X-DIDWW-API-Version"))
	assert.Regexp(t, `^\d+\.\d+\.\d+$`, Version)
}

func TestSandboxAndProductionRequestsGoToTheirHost(t *testing.T) {
	t.Parallel()
	for env, host := range map[Environment]string{Sandbox: "sandbox-api.didww.com", Production: "api.didww.com"} {
		mt := httpmock.NewMockTransport()
		rec := &recorder{}
		mt.RegisterResponder("GET", "https://"+host+"/v3/countries", rec.wrap(jsonAPI(200, fixture(t, "core/countries.json"))))
		c, err := NewClient(testKey, WithEnvironment(env), WithHTTPClient(&http.Client{Transport: mt}), WithRateLimit(0))
		require.NoError(t, err)
		page, err := c.Countries.List(t.Context(), nil)
		require.NoError(t, err)
		assert.Len(t, page.Items, 2)
		r := rec.only(t)
		assert.Equal(t, "/v3/countries", r.Path)
		assertStandardHeaders(t, r)
	}
}

func TestClientFormattingHidesKey(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, WithUserAgent("x"))
	out := fmt.Sprintf("%v %+v %#v %s %q %x %d", c, c, c, c, c, c, c)
	coreAssertNoKey(t, out)
	assert.Contains(t, out, "didww.Client{BaseURL: https://api.test/v3, APIVersion: 2026-04-16}")
	assert.Equal(t, "didww.Client{BaseURL: https://api.test/v3, APIVersion: 2026-04-16}", c.String())
	assert.Equal(t, c.String(), c.GoString())

	// The value, the config and the key itself hide it too.
	coreAssertNoKey(t, fmt.Sprintf("%v %+v %#v", *c, *c, *c))
	cfgOut := fmt.Sprintf("%v %+v %#v %v", c.cfg, *c.cfg, c.cfg, c.cfg.apiKey)
	coreAssertNoKey(t, cfgOut)
	assert.Contains(t, cfgOut, "didww.config{BaseURL: https://api.test/v3, APIVersion: 2026-04-16}")
	coreAssertNoKey(t, fmt.Sprintf("%v %+v", c.Countries, c.Orders))

	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("client", "c", c, "cfg", c.cfg)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("client", "cfg", *c.cfg)
	coreAssertNoKey(t, buf.String())
}

func TestLoggerLinePerAttempt(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&coreSyncWriter{w: &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newTestClient(t, WithLogger(logger))
	mt.RegisterResponder("GET", testBaseURL+"/countries/c-us", httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(503, "busy"),
		httpmock.NewBytesResponse(200, fixture(t, "core/country.json")),
	}))
	mt.RegisterResponder("GET", testBaseURL+"/regions", httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}))

	_, err := c.Countries.Get(t.Context(), "c-us", nil)
	require.NoError(t, err)
	_, err = c.Regions.List(t.Context(), &RegionListOptions{Name: "x"})
	coreAssertErrNoKey(t, err)

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 6, buf.String())
	assert.Regexp(t, `level=DEBUG msg="didww request" method=GET path=/countries/c-us status=503 duration=\S+ attempt=1$`, lines[0])
	assert.Regexp(t, `level=DEBUG msg="didww request" method=GET path=/countries/c-us status=200 duration=\S+ attempt=2$`, lines[1])
	for i, l := range lines[2:] {
		assert.Regexp(t, fmt.Sprintf(`method=GET path=/regions status=0 duration=\S+ attempt=%d error="read tcp: connection reset by peer"$`, i+1), l)
		assert.NotContains(t, l, "filter", "the query is not logged")
	}
	coreAssertNoKey(t, buf.String())

	// A logger above debug level gets nothing.
	var quiet bytes.Buffer
	c, mt = newTestClient(t, WithLogger(slog.New(slog.NewTextHandler(&quiet, nil))))
	mt.RegisterResponder("GET", testBaseURL+"/countries", jsonAPI(200, fixture(t, "core/countries.json")))
	_, err = c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, quiet.String())
}

// coreSyncWriter serialises writes for a handler shared by goroutines.
type coreSyncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *coreSyncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestEmptyIDSendsNothing(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	for _, id := range []string{"", " ", "\t"} {
		country, err := c.Countries.Get(t.Context(), id, nil)
		assert.Nil(t, country)
		require.ErrorIs(t, err, ErrInvalidRequest)
		var re *RequestError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, "id", re.Field)
		assert.Equal(t, "didww: invalid request: id: is empty", err.Error())
		region, err := c.Regions.Get(t.Context(), id, nil)
		assert.Nil(t, region)
		assert.ErrorIs(t, err, ErrInvalidRequest)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")

	p, err := pathFor("orders", "")
	assert.Empty(t, p)
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestIDsArePathEscaped(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"a/b":      "/countries/a%2Fb",
		"a b":      "/countries/a%20b",
		"../x":     "/countries/..%2Fx",
		"a?b#c":    "/countries/a%3Fb%23c",
		"é":        "/countries/%C3%A9",
		"a%2Fb":    "/countries/a%252Fb",
		"c-us":     "/countries/c-us",
		"x;y=1&z":  "/countries/x%3By=1&z",
		"..":       "/countries/..",
		"a\x00b":   "/countries/a%00b",
		"plus+one": "/countries/plus+one",
	}
	for id, want := range cases {
		p, err := pathFor("countries", id)
		require.NoError(t, err, id)
		assert.Equal(t, want, p, id)
	}

	c, mt := newTestClient(t)
	var gotURI string
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		gotURI = r.URL.RequestURI()
		return httpmock.NewBytesResponse(200, fixture(t, "core/country.json")), nil
	})
	_, err := c.Countries.Get(t.Context(), "a/b", nil)
	require.NoError(t, err)
	assert.Equal(t, "/v3/countries/a%2Fb", gotURI)
	_, err = c.Countries.Get(t.Context(), "../../orders", nil)
	require.NoError(t, err)
	assert.Equal(t, "/v3/countries/..%2F..%2Forders", gotURI)
}

func TestNilContextRefused(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	//lint:ignore SA1012 the nil context is the point of the test
	resp, err := c.do(nil, &request{method: "GET", path: "/countries"}) //nolint:staticcheck
	assert.Nil(t, resp)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestBadMethodIsAnError(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	resp, err := c.do(t.Context(), &request{method: "BAD METHOD", path: "/countries"})
	assert.Nil(t, resp)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "didww: BAD METHOD /countries:")
	assert.Zero(t, mt.GetTotalCallCount())
	coreAssertErrNoKey(t, err)
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u
}

// A real pair of servers on 127.0.0.1: the front redirects, the other
// records the Api-Key it got.
func TestRedirectToAnotherHostDropsKey(t *testing.T) {
	t.Parallel()
	var otherKeys, sameKeys []string
	var otherHits, frontHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		otherKeys = append(otherKeys, r.Header.Get("Api-Key"))
		assert.Equal(t, "didww-go/"+Version, r.Header.Get("User-Agent"), "other headers survive")
		w.Header().Set("Content-Type", MediaType)
		_, _ = w.Write(fixture(t, "core/countries.json"))
	}))
	t.Cleanup(other.Close)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		frontHits.Add(1)
		switch r.URL.Path {
		case "/v3/countries":
			http.Redirect(w, r, other.URL+"/v3/countries", http.StatusFound)
		case "/v3/regions":
			http.Redirect(w, r, "/v3/regions-moved", http.StatusTemporaryRedirect)
		case "/v3/regions-moved":
			sameKeys = append(sameKeys, r.Header.Get("Api-Key"))
			w.Header().Set("Content-Type", MediaType)
			_, _ = w.Write(fixture(t, "core/regions.json"))
		case "/v3/cities":
			http.Redirect(w, r, "http://example.invalid/v3/cities", http.StatusFound)
		}
	}))
	t.Cleanup(front.Close)
	require.True(t, strings.HasPrefix(front.URL, "http://127.0.0.1:"), front.URL)

	c, err := NewClient(testKey, WithBaseURL(front.URL+"/v3"), WithRateLimit(0),
		WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	require.NoError(t, err)

	page, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.Equal(t, int32(1), otherHits.Load())
	assert.Equal(t, []string{""}, otherKeys, "Api-Key is not sent to another host")

	regions, err := c.Regions.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, regions.Items, 2)
	assert.Equal(t, []string{testKey}, sameKeys, "a same-host redirect keeps Api-Key")

	// A redirect to plain http off loopback is refused, and not retried.
	frontHits.Store(0)
	_, err = c.Cities.List(t.Context(), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "refusing redirect to plain http://example.invalid")
	assert.Equal(t, int32(1), frontHits.Load(), "a refused redirect is not retried")
	coreAssertErrNoKey(t, err)
}

// Options that set the same thing give the same client in either order: the
// narrower one wins.
func TestOptionOrderDoesNotMatter(t *testing.T) {
	t.Parallel()
	hc := &http.Client{Timeout: time.Minute}
	policy := RetryPolicy{MaxRetries: 7, BaseDelay: time.Second, MaxDelay: time.Minute}
	type outcome struct {
		BaseURL  string
		Retry    RetryPolicy
		Timeout  time.Duration
		TokenURL string
	}
	cases := map[string]struct {
		a, b Option
		base []Option
		want outcome
	}{
		"WithMaxRetries and WithRetryPolicy": {a: WithMaxRetries(1), b: WithRetryPolicy(policy),
			want: outcome{string(Sandbox), RetryPolicy{MaxRetries: 1, BaseDelay: time.Second, MaxDelay: time.Minute}, 0, sandboxTokenURL}},
		"WithMaxRetries(0) and WithRetryPolicy": {a: WithMaxRetries(0), b: WithRetryPolicy(policy),
			want: outcome{string(Sandbox), RetryPolicy{MaxRetries: 0, BaseDelay: time.Second, MaxDelay: time.Minute}, 0, sandboxTokenURL}},
		"WithEnvironment and WithBaseURL": {a: WithEnvironment(Production), b: WithBaseURL("https://proxy.test/v3"),
			base: []Option{WithTokenURL("https://auth.test/token")},
			want: outcome{"https://proxy.test/v3", DefaultRetryPolicy, 0, "https://auth.test/token"}},
		"WithTimeout and WithHTTPClient": {a: WithTimeout(3 * time.Second), b: WithHTTPClient(hc),
			want: outcome{string(Sandbox), DefaultRetryPolicy, 3 * time.Second, sandboxTokenURL}},
		"WithTokenURL and WithEnvironment": {a: WithTokenURL("https://auth.test/token"), b: WithEnvironment(Production),
			want: outcome{string(Production), DefaultRetryPolicy, 0, "https://auth.test/token"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for order, opts := range map[string][]Option{"a then b": {tc.a, tc.b}, "b then a": {tc.b, tc.a}} {
				all := append([]Option{WithAPIVersion(APIVersion20261119)}, tc.base...)
				c, err := NewClient(testKey, append(all, opts...)...)
				require.NoError(t, err, order)
				tokenURL, err := c.cfg.tokenEndpoint()
				require.NoError(t, err, order)
				got := outcome{c.BaseURL(), c.cfg.retry, c.cfg.httpClient.Timeout, tokenURL}
				assert.Equal(t, tc.want, got, order)
			}
		})
	}
	// WithEnvironment alone still picks the environment's token service.
	c, err := NewClient(testKey, WithAPIVersion(APIVersion20261119), WithEnvironment(Production))
	require.NoError(t, err)
	tokenURL, err := c.cfg.tokenEndpoint()
	require.NoError(t, err)
	assert.Equal(t, productionTokenURL, tokenURL)
	assert.Equal(t, time.Minute, hc.Timeout, "the caller's client is not changed")
}
