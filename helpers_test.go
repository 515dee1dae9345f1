package didww

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey     = "test-key-0123456789"
	testBaseURL = "https://api.test/v3"
)

// newTestClient returns a client on its own mock transport, with no rate
// limit and millisecond backoff so that retry tests stay fast.
func newTestClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	base := []Option{
		WithHTTPClient(&http.Client{Transport: mt}),
		WithBaseURL(testBaseURL),
		WithRateLimit(0),
		WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}),
	}
	c, err := NewClient(testKey, append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// fixture reads testdata/<name>.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// recorded is a request as the server saw it.
type recorded struct {
	Method   string
	Path     string
	RawQuery string
	Query    url.Values
	Header   http.Header
	Body     []byte
}

// recorder keeps every request that reaches its responders.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

// wrap returns a responder that records the request, then answers with next.
func (rec *recorder) wrap(next httpmock.Responder) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{
			Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Query: r.URL.Query(),
			Header: r.Header.Clone(), Body: body,
		})
		rec.mu.Unlock()
		return next(r)
	}
}

func (rec *recorder) all() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.reqs...)
}

// only asserts exactly one request was made and returns it.
func (rec *recorder) only(t *testing.T) recorded {
	t.Helper()
	reqs := rec.all()
	require.Len(t, reqs, 1)
	return reqs[0]
}

// jsonAPI answers status with body as a JSON:API document.
func jsonAPI(status int, body []byte) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", MediaType)
		return resp, nil
	}
}

// assertStandardHeaders checks the headers every request carries.
func assertStandardHeaders(t *testing.T, r recorded) {
	t.Helper()
	assert.Equal(t, testKey, r.Header.Get("Api-Key"))
	assert.Equal(t, MediaType, r.Header.Get("Accept"))
	assert.Equal(t, DefaultAPIVersion, r.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, "didww-go/"+Version, r.Header.Get("User-Agent"))
	if len(r.Body) > 0 {
		assert.Equal(t, MediaType, r.Header.Get("Content-Type"))
	}
}
