package didwwtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hangGuard bounds a test step that would hang on a wedged server, so that a
// deadlock is a failure rather than a stuck test run.
const hangGuard = 20 * time.Second

// boundedCall is apiCall with a deadline: a request that gets no answer in
// time fails the test instead of hanging it.
func boundedCall(t *testing.T, s *Server, method, path string) (*tResp, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), hangGuard)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", mediaType)
	req.Header.Set("Api-Key", s.APIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	r := &tResp{status: resp.StatusCode, header: resp.Header, body: body}
	err = json.Unmarshal(body, &r.doc)
	require.NoError(t, err, "%s %s: answer is not JSON: %v: %s", method, path, err, body)
	return r, nil
}

// closeBounded closes s and fails the test when Close does not return.
func closeBounded(t *testing.T, s *Server) {
	t.Helper()
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(hangGuard):
		require.Fail(t, "Close hangs")
	}
}

func TestHugePageNumberDoesNotWedgeServer(t *testing.T) {
	t.Parallel()
	s := NewServer()
	defer closeBounded(t, s)
	for _, q := range []string{
		"page%5Bnumber%5D=999999999999999999",
		"page%5Bnumber%5D=9223372036854775807",
		"page%5Bnumber%5D=9223372036854775807&page%5Bsize%5D=100",
		"page%5Bnumber%5D=99999999999999999999999",
		"page%5Bsize%5D=9223372036854775807",
		"page%5Bnumber%5D=-9223372036854775808",
	} {
		r, err := boundedCall(t, s, "GET", "/cities?"+q)
		require.NoError(t, err, "%s: %v", q, err)
		e := wantError(t, r, 400, "118")
		// The API sends no source on a 400.
		assert.Equal(t, "Invalid page value", e.Title, "%s: error %+v", q, e)
		assert.Nil(t, e.Source, "%s: error %+v", q, e)
		assert.True(t, strings.HasSuffix(e.Detail, " page parameter."), "%s: error %+v", q, e)
	}
	// The server still answers, every account alike.
	r, err := boundedCall(t, s, "GET", "/cities?page%5Bnumber%5D=2&page%5Bsize%5D=1")
	require.NoError(t, err, "after a huge page")
	wantStatus(t, r, 200)
	got := len(r.list(t))
	assert.Equal(t, 1, got, "page 2 of size 1 holds %d cities", got)
	assert.Equal(t, "5.00", s.Balance(s.NewAccount("5.00")), "new account balance")
}

// serveBounded runs one request through h without sockets and fails the
// test when h does not return.
func serveBounded(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		h.ServeHTTP(rec, req)
	}()
	select {
	case v := <-done:
		require.Nil(t, v, "%s %s panicked through the handler: %v", req.Method, req.URL, v)
	case <-time.After(hangGuard):
		require.Fail(t, fmt.Sprintf("%s %s hangs", req.Method, req.URL))
	}
	return rec
}

func newAPIRequest(s *Server, method, target string) *http.Request {
	req := httptest.NewRequest(method, target, nil)
	req.Header.Set("Accept", mediaType)
	req.Header.Set("Api-Key", s.APIKey)
	return req
}

// panicReports collects what the server reports through WithTest.
type panicReports struct {
	mu   sync.Mutex
	msgs []string
}

func (p *panicReports) Errorf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, fmt.Sprintf(format, args...))
}

func (p *panicReports) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.msgs...)
}

func TestPanicAnswers500AndReleasesLock(t *testing.T) {
	t.Parallel()
	var broken atomic.Bool
	clock := func() time.Time {
		if broken.Load() {
			panic("clock is broken")
		}
		return testStart
	}
	reports := &panicReports{}
	s := NewServer(WithClock(clock), WithTest(reports))
	defer closeBounded(t, s)

	broken.Store(true)
	rec := serveBounded(t, s.handler, newAPIRequest(s, "GET", "/v3/did_groups"))
	broken.Store(false)
	require.Equal(t, 500, rec.Code, "status %d, Content-Type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	require.Equal(t, mediaType, rec.Header().Get("Content-Type"), "status %d, Content-Type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	var doc tDoc
	err := json.Unmarshal(rec.Body.Bytes(), &doc)
	require.NoError(t, err, "errors document: %v: %s", err, rec.Body)
	require.Len(t, doc.Errors, 1, "errors document: %v: %s", err, rec.Body)
	e := doc.Errors[0]
	assert.Equal(t, "500", e.Code, "error %+v", e)
	assert.Equal(t, "500", e.Status, "error %+v", e)
	assert.Equal(t, "Internal server error", e.Title, "error %+v", e)
	got := reports.all()
	require.NotEmpty(t, got, "reports %q", got)
	require.Contains(t, got[0], "clock is broken", "reports %q", got)
	assert.True(t, slices.ContainsFunc(got, func(m string) bool { return strings.Contains(m, "GET /v3/did_groups") }), "no report names the request: %q", got)
	log := s.RequestLog()
	if assert.Len(t, log, 1, "request log %+v", log) {
		assert.Equal(t, 500, log[0].Status, "request log %+v", log)
	}

	// The lock was released: the next request and another account go through.
	rec = serveBounded(t, s.handler, newAPIRequest(s, "GET", "/v3/did_groups?page%5Bsize%5D=1"))
	require.Equal(t, 200, rec.Code, "after the panic: %d %s", rec.Code, rec.Body)
	assert.Equal(t, "1.00", s.Balance(s.NewAccount("1.00")), "new account balance")
}

func TestFilterValuesCheckedBeforeData(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	empty := s.NewAccount("0")
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil,
		didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1}))), 201)
	cases := []struct{ path, param string }{
		// An account without orders still has its filter values read.
		{"/orders?filter%5Bcreated_at_gteq%5D=notatime", "filter[created_at_gteq]"},
		{"/orders?filter%5Bcreated_at_lteq%5D=2026-13-40", "filter[created_at_lteq]"},
		// A value after a filter that matches nothing is read all the same.
		{"/did_groups?filter%5Bcountry.id%5D=nowhere&filter%5Bmeta.total_count_gteq%5D=many", "filter[meta.total_count_gteq]"},
		{"/did_groups?filter%5Bcountry.id%5D=nowhere&filter%5Bis_metered%5D=maybe", "filter[is_metered]"},
		{"/did_groups?filter%5Bcountry.id%5D=nowhere&filter%5Bfeatures%5D=teleport", "filter[features]"},
		{"/nanpa_prefixes?filter%5Bnpa%5D=000&filter%5Bdid_group.is_available%5D=1", "filter[did_group.is_available]"},
		{"/available_dids?filter%5Bdid_group.id%5D=none&filter%5Bdid_group.needs_registration%5D=yes", "filter[did_group.needs_registration]"},
		{"/cities?filter%5Bid%5D=none&filter%5Bis_available%5D=TRUE", "filter[is_available]"},
	}
	for _, key := range []string{empty, s.APIKey} {
		for _, c := range cases {
			e := wantError(t, apiCall(t, s, key, "GET", c.path, nil), 400, "107")
			name := strings.TrimSuffix(strings.TrimPrefix(c.param, "filter["), "]")
			assert.Equal(t, "Invalid filter value", e.Title, "%s: %+v", c.path, e)
			assert.Nil(t, e.Source, "%s: %+v", c.path, e)
			assert.True(t, strings.HasSuffix(e.Detail, " for "+name+"."), "%s: %+v", c.path, e)
		}
	}
}

func TestMalformedQueryRefused(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, c := range []struct{ method, path string }{
		{"GET", "/did_groups?%zz=1"},
		{"GET", "/did_groups?filter%5Bcountry.id%5D=%zz"},
		{"GET", "/countries?a=%"},
		{"GET", "/cities/" + CityLosAngelesID + "?include=country&x=%G0"},
		{"GET", "/orders?a=1;b=2"},
		{"DELETE", "/did_reservations/none?%zz"},
	} {
		e := wantError(t, apiCall(t, s, s.APIKey, c.method, c.path, nil), 400, "400")
		assert.Equal(t, "Bad request", e.Title, "%s %s: %+v", c.method, c.path, e)
		assert.Equal(t, "The query string is malformed.", e.Detail, "%s %s: %+v", c.method, c.path, e)
	}
	// Checked before the body and the data: a malformed query wins over both.
	r := apiCall(t, s, s.APIKey, "POST", "/orders?%zz=1", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
	wantError(t, r, 400, "400")
	got := s.Orders(s.APIKey)
	assert.Empty(t, got, "an order was placed: %+v", got)
}

func TestSparseFieldsChecked(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	cases := []struct {
		path, code, title, detail string
	}{
		{"/did_groups?fields%5Bdid_groups%5D=prefix,bogus", "104", "Invalid field", "bogus is not a valid field for did_groups."},
		{"/countries/" + CountryUSID + "?fields%5Bcountries%5D=nam", "104", "Invalid field", "nam is not a valid field for countries."},
		{"/orders?fields%5Bbogus%5D=x", "101", "Invalid resource", "bogus is not a valid resource."},
		{"/cities?fields%5B%5D=name", "101", "Invalid resource", " is not a valid resource."},
	}
	for _, c := range cases {
		e := wantError(t, apiCall(t, s, s.APIKey, "GET", c.path, nil), 400, c.code)
		assert.Equal(t, c.title, e.Title, "%s: %+v", c.path, e)
		assert.Equal(t, c.detail, e.Detail, "%s: %+v", c.path, e)
		assert.Nil(t, e.Source, "%s: %+v", c.path, e)
	}
	// Attributes, relationships and types the server never writes are fine.
	r := apiCall(t, s, s.APIKey, "GET", "/countries?fields%5Bcountries%5D=name,regions&fields%5Bdids%5D=number", nil)
	wantStatus(t, r, 200)
	got := r.list(t)[0]
	if assert.Len(t, got.Attributes, 1, "sparse country %+v", got) && assert.NotNil(t, got.Attributes["name"], "sparse country %+v", got) {
		assert.Len(t, got.Relationships, 1, "sparse country %+v", got)
	}
}

func TestOrderPatchCheckedBeforeLookup(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	const missing = "00000000-0000-0000-0000-000000000000"
	for _, c := range []struct {
		body       string
		status     int
		code, want string
	}{
		{`{"data":{"type":"dids","id":"` + missing + `"}}`, 400, "116", "dids is not a valid type for orders."},
		{`{"data":{"type":"orders","id":"` + missing + `","attributes":{"amount":"0"}}}`, 400, "105", "amount is not allowed."},
		{`{"data":{"type":"orders","id":"` + missing + `","attributes":{"external_reference_id":7}}}`, 400, "103", "external_reference_id must be a string."},
		{`{"data":{"type":"orders","id":"` + missing + `","attributes":{"external_reference_id":"x"}}}`, 404, "404", "The record identified by " + missing + " could not be found."},
	} {
		e := wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/orders/"+missing, c.body), c.status, c.code)
		assert.Equal(t, c.want, e.Detail, "%s: detail %q", c.body, e.Detail)
	}
}

func TestHugeQuantitiesDoNotWrapStock(t *testing.T) {
	t.Parallel()
	cat := DefaultCatalogue()
	var g *DIDGroup
	for i := range cat.DIDGroups {
		if cat.DIDGroups[i].ID == DIDGroupNewYorkID {
			g = &cat.DIDGroups[i]
		}
	}
	g.Stock = 5
	g.StockKeepingUnits[0].SetupPrice, g.StockKeepingUnits[0].MonthlyPrice = "0", "0"
	s := newTestServer(t, WithCatalogue(cat))
	huge := didItem(map[string]any{"sku_id": g.StockKeepingUnits[0].ID, "qty": math.MaxInt64})
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(map[string]any{"allow_back_ordering": false}, huge, huge))
	e := wantError(t, r, 422, "100")
	assert.Equal(t, "items - only 5 numbers of DID group "+DIDGroupNewYorkID+" are in stock", e.Detail, "detail")
	got := s.Orders(s.APIKey)
	assert.Empty(t, got, "orders placed: %+v", got)
}
