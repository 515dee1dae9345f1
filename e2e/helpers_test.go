package e2e_test

// End-to-end tests: the real client against the in-memory API of didwwtest,
// over HTTP on a loopback port, using only the library's exported API. The
// files of this directory hold them by area; this one holds their shared
// helpers (named e2e*).

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/require"
)

// e2eStart is the time of the tests that run on a settable clock.
var e2eStart = time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC)

// e2eServer starts a didwwtest server closed at the end of the test.
func e2eServer(t *testing.T, opts ...didwwtest.Option) *didwwtest.Server {
	t.Helper()
	srv := didwwtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// e2eClockServer starts a server on a clock standing at e2eStart.
func e2eClockServer(t *testing.T, opts ...didwwtest.Option) (*didwwtest.Server, *didwwtest.Clock) {
	t.Helper()
	clock := didwwtest.NewClock(e2eStart)
	return e2eServer(t, append([]didwwtest.Option{didwwtest.WithClock(clock.Now)}, opts...)...), clock
}

// e2eCtx bounds a test, so that a hang fails it instead of the whole run.
func e2eCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// e2eIDs returns the ids of items in their order.
func e2eIDs[T any](items []*T, id func(*T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// e2eCollect drains an iterator, failing the test on an error.
func e2eCollect[T any](t *testing.T, seq func(func(*T, error) bool)) []*T {
	t.Helper()
	var out []*T
	for it, err := range seq {
		require.NoError(t, err, "iteration failed after %d items: %v", len(out), err)
		out = append(out, it)
	}
	return out
}

// e2eRequests counts the requests in srv's log for method and path (below
// the host, such as /v3/orders).
func e2eRequests(srv *didwwtest.Server, method, path string) int {
	n := 0
	for _, r := range srv.RequestLog() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// e2eStatuses lists the statuses answered to method and path, in order.
func e2eStatuses(srv *didwwtest.Server, method, path string) []int {
	var out []int
	for _, r := range srv.RequestLog() {
		if r.Method == method && r.Path == path {
			out = append(out, r.Status)
		}
	}
	return out
}

// e2eAPIError asserts err is an *APIError with the status.
func e2eAPIError(t *testing.T, err error, status int) *didww.APIError {
	t.Helper()
	var apiErr *didww.APIError
	require.ErrorAs(t, err, &apiErr, "error %v (%T) is not an *APIError", err, err)
	require.Equal(t, status, apiErr.StatusCode, "status = %d, want %d: %v", apiErr.StatusCode, status, err)
	return apiErr
}

// e2eSortedCopy returns s sorted, leaving s alone.
func e2eSortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}
