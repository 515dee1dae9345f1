package didwwtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// received is one callback request as the receiver saw it.
type received struct {
	method, url, signature string
	params                 url.Values
}

// expectedSignature computes X-DIDWW-Signature independently of Sign:
// HMAC-SHA1 over the URL requested (the callback_url for a POST; for a GET
// the URL the receiver saw, the payload in its query; the receiver's host
// carries an explicit port) and the payload's sorted key+value pairs,
// leaving out the callback_url's own query parameters.
func expectedSignature(secret, callbackURL string, r received) string {
	u, _ := url.Parse(callbackURL)
	own := u.Query()
	if r.method == http.MethodGet {
		u, _ = url.Parse(r.url)
	}
	msg := u.Scheme + "://" + u.Host + u.EscapedPath()
	if u.RawQuery != "" {
		msg += "?" + u.RawQuery
	}
	keys := make([]string, 0, len(r.params))
	for k := range r.params {
		if own.Has(k) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		msg += k + r.params.Get(k)
	}
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

func TestCallbacks(t *testing.T) {
	t.Parallel()
	got := make(chan received, 4)
	fail := true
	var mu sync.Mutex
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.NoError(t, r.ParseForm())
		params := r.URL.Query()
		if r.Method == http.MethodPost {
			params = r.PostForm
			assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"), "Content-Type")
		}
		mu.Lock()
		first := fail && strings.Contains(r.URL.Path, "/flaky")
		fail = fail && !first
		mu.Unlock()
		if first {
			w.WriteHeader(500) // DIDWW retries
			return
		}
		// The client package's own check must accept what the server sent.
		if !r.URL.Query().Has("tenant") {
			assert.NoError(t, didww.VerifyCallback(r, "s3cret"), "didww.VerifyCallback")
		} else {
			payload := r.URL.Query()
			payload.Del("tenant") // the callback_url's own parameter
			requested := "http://" + r.Host + r.URL.RequestURI()
			assert.NoError(t, didww.VerifyCallbackURL(requested, payload, r.Header.Get(didww.SignatureHeader), "s3cret"), "didww.VerifyCallbackURL")
		}
		got <- received{method: r.Method, url: "http://" + r.Host + r.URL.RequestURI(), signature: r.Header.Get("X-DIDWW-Signature"), params: params}
	}))
	defer receiver.Close()

	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now), WithOrderCompletionDelay(time.Minute), WithCallbackSecret("s3cret"))
	place := func(attrs map[string]any) string {
		t.Helper()
		r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(attrs, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
		wantStatus(t, r, 201)
		return r.one(t).ID
	}
	urls := map[string]string{}
	postID := place(map[string]any{"callback_url": receiver.URL + "/flaky/cb", "callback_method": "post"})
	urls[postID] = receiver.URL + "/flaky/cb"
	getID := place(map[string]any{"callback_url": receiver.URL + "/cb?tenant=7", "callback_method": "get"})
	urls[getID] = receiver.URL + "/cb?tenant=7"
	plainGetID := place(map[string]any{"callback_url": receiver.URL + "/plain", "callback_method": "get"})
	urls[plainGetID] = receiver.URL + "/plain"
	cancelID := place(map[string]any{"callback_url": receiver.URL + "/cb"})
	urls[cancelID] = receiver.URL + "/cb"

	wantStatus(t, apiCall(t, s, s.APIKey, "DELETE", "/orders/"+cancelID, nil), 204)
	clock.Advance(time.Minute) // the sweeper completes the other two without a request

	want := map[string]received{}
	timeout := time.After(5 * time.Second)
	for len(want) < 4 {
		select {
		case r := <-got:
			want[r.params.Get("id")] = r
		case <-timeout:
			require.Fail(t, fmt.Sprintf("callbacks received: %d", len(want)))
		}
	}
	for id, method := range map[string]string{postID: "POST", getID: "GET", plainGetID: "GET", cancelID: "POST"} {
		r := want[id]
		status := "completed"
		if id == cancelID {
			status = "canceled"
		}
		assert.Equal(t, method, r.method, "callback for %s: %+v", id, r)
		assert.Equal(t, "orders", r.params.Get("type"), "callback for %s: %+v", id, r)
		assert.Equal(t, status, r.params.Get("status"), "callback for %s: %+v", id, r)
		assert.Equal(t, expectedSignature("s3cret", urls[id], r), r.signature, "signature")
		assert.NotEqual(t, expectedSignature("wrong", urls[id], r), r.signature, "signature does not depend on the secret")
	}
	assert.Equal(t, "7", want[getID].params.Get("tenant"), "GET callback lost the URL's own query: %s", want[getID].url)
	s.Close() // waits for the deliveries' records
	for _, c := range s.Callbacks() {
		assert.Equal(t, 200, c.StatusCode, "record %+v", c)
		if c.OrderID == postID {
			assert.Equal(t, 2, c.Attempts, "flaky receiver: %d attempts", c.Attempts)
		}
	}
}

func TestSignKnownAnswer(t *testing.T) {
	t.Parallel()
	payload := url.Values{"status": {"completed"}, "id": {"1"}, "type": {"orders"}}
	sig, err := Sign("key", "https://example.com/cb", payload)
	require.NoError(t, err)
	m := hmac.New(sha1.New, []byte("key"))
	m.Write([]byte("https://example.com:443/cbid1statuscompletedtypeorders"))
	assert.Equal(t, hex.EncodeToString(m.Sum(nil)), sig, "Sign")
	u, _ := url.Parse("http://user:pw@[::1]/a%20b?x=1#frag")
	assert.Equal(t, "http://user:pw@[::1]:80/a%20b?x=1#frag", NormalizeURL(u), "NormalizeURL")
}

func TestFaults(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	get := func() (*http.Response, []byte, error) {
		req, _ := http.NewRequest("GET", s.URL+"/countries", nil)
		req.Header.Set("Api-Key", s.APIKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}

	s.InjectFault(Fault{Kind: FaultRateLimit, RetryAfter: 1500 * time.Millisecond})
	resp, body, err := get()
	if assert.NoError(t, err, "429 fault: %v %v %s", err, resp, body) {
		assert.Equal(t, 429, resp.StatusCode, "429 fault: %v %v %s", err, resp, body)
		assert.Equal(t, "2", resp.Header.Get("Retry-After"), "429 fault: %v %v %s", err, resp, body)
		assert.Equal(t, []byte(`{"errors":[{"detail":"Too Many Requests","status":"429"}]}`), bytes.TrimSpace(body), "429 fault: %v %v %s", err, resp, body)
	}
	resp, _, _ = get()
	assert.Equal(t, 200, resp.StatusCode, "the fault outlived its count")

	s.InjectFault(Fault{Kind: FaultStatus, Count: 2})
	for i := range 3 {
		resp, _, _ := get()
		want := map[bool]int{true: 503, false: 200}[i < 2]
		assert.Equal(t, want, resp.StatusCode, "request %d: %d, want %d", i, resp.StatusCode, want)
	}

	// A fresh connection: net/http silently retries an idempotent request
	// once when a reused connection closes without an answer.
	s.InjectFault(Fault{Kind: FaultDrop})
	req, _ := http.NewRequest("GET", s.URL+"/countries", nil)
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := fresh.Do(req); err == nil {
		resp.Body.Close()
		assert.Fail(t, "dropped connection gave no error")
	}

	s.InjectFault(Fault{Kind: FaultMalformed})
	resp, body, err = get()
	if assert.NoError(t, err, "malformed: %v %v %s", err, resp, body) {
		assert.Equal(t, 200, resp.StatusCode, "malformed: %v %v %s", err, resp, body)
		assert.False(t, json.Valid(body), "malformed: %v %v %s", err, resp, body)
	}

	// Restricted to a method and path: a GET of countries passes.
	s.InjectFault(Fault{Kind: FaultStatus, Status: 502, Method: "POST", PathPrefix: "/orders"})
	resp, _, _ = get()
	assert.Equal(t, 200, resp.StatusCode, "restricted fault hit GET /countries")
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
	wantError(t, r, 502, "502")
	assert.Empty(t, s.Orders(s.APIKey), "a 5xx fault applied the request")

	// Applied, then the answer is lost.
	s.InjectFault(Fault{Kind: FaultDropAfterApply, Method: "POST", PathPrefix: "/orders"})
	req, _ = http.NewRequest("POST", s.URL+"/orders", strings.NewReader(`{"data":{"type":"orders","attributes":{"external_reference_id":"lost-1","items":[{"type":"did_order_items","attributes":{"sku_id":"`+SKULosAngelesMeteredID+`","qty":1}}]}}}`))
	req.Header.Set("Api-Key", s.APIKey)
	req.Header.Set("Content-Type", mediaType)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		assert.Fail(t, "drop-after-apply answered")
	}
	o := s.Orders(s.APIKey)
	if assert.Len(t, o, 1, "orders after a lost answer: %+v", o) {
		assert.Equal(t, "lost-1", o[0].ExternalReferenceID, "orders after a lost answer: %+v", o)
	}
	log := s.RequestLog()
	last := log[len(log)-1]
	assert.Equal(t, "drop-after-apply", last.Fault, "log %+v", last)
	assert.Equal(t, 0, last.Status, "log %+v", last)
	assert.Equal(t, "POST", last.Method, "log %+v", last)
	assert.Equal(t, len(log), s.Requests(), "Requests %d, log %d", s.Requests(), len(log))
}

func TestFaultRateIsSeeded(t *testing.T) {
	t.Parallel()
	run := func() []int {
		s := NewServer(WithFaultSeed(42), WithFaults(Fault{Kind: FaultStatus, Rate: 0.3}))
		defer s.Close()
		var out []int
		for range 30 {
			r := apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil)
			out = append(out, r.status)
		}
		return out
	}
	a, b := run(), run()
	fails := 0
	for i := range a {
		require.Equal(t, b[i], a[i], "runs differ at %d: %v vs %v", i, a, b)
		if a[i] == 503 {
			fails++
		}
	}
	assert.NotZero(t, fails, "%d of 30 failed at rate 0.3", fails)
	assert.NotEqual(t, 30, fails, "%d of 30 failed at rate 0.3", fails)
}

func TestServerRateLimit(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithRateLimit(5))
	other := s.NewAccount("1.00")
	statuses := []int{}
	for range 6 {
		statuses = append(statuses, apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil).status)
	}
	assert.Equal(t, 200, statuses[4], "statuses %v", statuses)
	assert.Equal(t, 429, statuses[5], "statuses %v", statuses)
	r := apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil)
	assert.Equal(t, 429, r.status, "429: %d %v %s", r.status, r.header, r.body)
	if assert.NotEmpty(t, r.header.Get("Retry-After"), "429: %d %v %s", r.status, r.header, r.body) {
		assert.Equal(t, "Too Many Requests", r.doc.Errors[0].Detail, "429: %d %v %s", r.status, r.header, r.body)
	}
	wantStatus(t, apiCall(t, s, other, "GET", "/did_group_types", nil), 200) // per key
}

func TestLatency(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithLatency(50*time.Millisecond))
	start := time.Now()
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil), 200)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond, "answered in")
}

func TestClientAgainstServer(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithFaults(Fault{Kind: FaultStatus, Method: "GET", Count: 1}))
	c := s.Client(didww.WithUserAgent("didwwtest-test"))
	page, err := c.Countries.List(t.Context(), &didww.CountryListOptions{ISO: "US", Include: []string{"regions"}})
	require.NoError(t, err)
	if assert.Len(t, page.Items, 1, "countries through the client (after a retried 503): %+v", page.Items) {
		assert.Equal(t, CountryUSID, page.Items[0].ID, "countries through the client (after a retried 503): %+v", page.Items)
		if assert.Len(t, page.Items[0].Regions, 5, "countries through the client (after a retried 503): %+v", page.Items) {
			assert.Equal(t, "2026-04-16", page.Meta.APIVersion, "countries through the client (after a retried 503): %+v", page.Items)
		}
	}
	bad := s.ClientFor("wrong-key", didww.WithMaxRetries(0))
	_, err = bad.Countries.Get(t.Context(), CountryUSID, nil)
	assert.ErrorIs(t, err, didww.ErrUnauthorized, "wrong key")
}

func TestNewServerOnListener(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := NewServerOn(l, WithAPIKey("fixed-key"), WithBalance("5"))
	assert.Equal(t, "http://"+l.Addr().String()+"/v3", s.URL, "server")
	assert.Equal(t, "fixed-key", s.APIKey, "server")
	assert.Equal(t, "5.00", s.Balance("fixed-key"), "server")
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/countries", nil), 200)
	s.Close()
	_, err = http.Get(s.URL + "/countries")
	assert.Error(t, err, "still serving after Close")
}

func TestCatalogueJSON(t *testing.T) {
	t.Parallel()
	raw, err := json.Marshal(DefaultCatalogue())
	require.NoError(t, err)
	c, err := LoadCatalogue(bytes.NewReader(raw))
	require.NoError(t, err)
	again, _ := json.Marshal(c)
	assert.Equal(t, again, raw, "catalogue does not round-trip")
	first, _ := json.Marshal(DefaultCatalogue())
	assert.Equal(t, first, raw, "DefaultCatalogue is not deterministic")
	small := `{"countries":[{"id":"c1","name":"Testland","prefix":"999","iso":"TL"}],"regions":[],"cities":[],
	"did_group_types":[{"id":"t1","name":"Local","number_type":"local"}],
	"did_groups":[{"id":"g1","prefix":"1","area_name":"Anywhere","features":["voice_in"],"country_id":"c1","did_group_type_id":"t1",
	  "available_dids_enabled":true,"is_available":true,"stock":1,"stock_keeping_units":[{"id":"k1","setup_price":"1.10","monthly_price":"2.20","channels_included_count":1}]}],
	"available_dids":[{"id":"n1","number":"9991000","did_group_id":"g1"}]}`
	c, err = LoadCatalogue(strings.NewReader(small))
	require.NoError(t, err)
	s := newTestServer(t, WithCatalogue(c))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": "k1", "available_did_id": "n1"})))
	wantStatus(t, r, 201)
	assert.Equal(t, "3.3", r.one(t).Attributes["amount"], "custom catalogue order: %s", r.body)
	assert.Equal(t, "96.70", s.Balance(s.APIKey), "custom catalogue order: %s", r.body)
	for name, bad := range map[string]string{
		"dangling":        strings.Replace(small, `"did_group_id":"g1"`, `"did_group_id":"g9"`, 1),
		"bad price":       strings.Replace(small, `"1.10"`, `"1,10"`, 1),
		"unknown field":   strings.Replace(small, `"stock":1`, `"stok":1`, 1),
		"no number_type":  strings.Replace(small, `,"number_type":"local"`, ``, 1),
		"bad number_type": strings.Replace(small, `"number_type":"local"`, `"number_type":"Local"`, 1),
		"duplicate":       strings.Replace(small, `"did_group_id":"g1"}]`, `"did_group_id":"g1"},{"id":"n2","number":"9991000","did_group_id":"g1"}]`, 1),
	} {
		_, err := LoadCatalogue(strings.NewReader(bad))
		assert.Error(t, err, "%s: no error", name)
	}
	n := len(LargeCatalogue(4000).DIDGroups)
	assert.Equal(t, 4000, n, "large catalogue has %d groups", n)
	assert.NoError(t, LargeCatalogue(4000).Validate())
}
