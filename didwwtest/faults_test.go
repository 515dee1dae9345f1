package didwwtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
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
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		params := r.URL.Query()
		if r.Method == http.MethodPost {
			params = r.PostForm
			if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
				t.Errorf("Content-Type %q", ct)
			}
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
			if err := didww.VerifyCallback(r, "s3cret"); err != nil {
				t.Errorf("didww.VerifyCallback: %v", err)
			}
		} else {
			payload := r.URL.Query()
			payload.Del("tenant") // the callback_url's own parameter
			requested := "http://" + r.Host + r.URL.RequestURI()
			if err := didww.VerifyCallbackURL(requested, payload, r.Header.Get(didww.SignatureHeader), "s3cret"); err != nil {
				t.Errorf("didww.VerifyCallbackURL: %v", err)
			}
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
			t.Fatalf("callbacks received: %d", len(want))
		}
	}
	for id, method := range map[string]string{postID: "POST", getID: "GET", plainGetID: "GET", cancelID: "POST"} {
		r := want[id]
		status := "completed"
		if id == cancelID {
			status = "canceled"
		}
		if r.method != method || r.params.Get("type") != "orders" || r.params.Get("status") != status {
			t.Errorf("callback for %s: %+v", id, r)
		}
		if sig := expectedSignature("s3cret", urls[id], r); r.signature != sig {
			t.Errorf("signature %q, want %q", r.signature, sig)
		}
		if sig := expectedSignature("wrong", urls[id], r); r.signature == sig {
			t.Error("signature does not depend on the secret")
		}
	}
	if want[getID].params.Get("tenant") != "7" {
		t.Errorf("GET callback lost the URL's own query: %s", want[getID].url)
	}
	s.Close() // waits for the deliveries' records
	for _, c := range s.Callbacks() {
		if c.StatusCode != 200 {
			t.Errorf("record %+v", c)
		}
		if c.OrderID == postID && c.Attempts != 2 {
			t.Errorf("flaky receiver: %d attempts", c.Attempts)
		}
	}
}

func TestSignKnownAnswer(t *testing.T) {
	t.Parallel()
	payload := url.Values{"status": {"completed"}, "id": {"1"}, "type": {"orders"}}
	sig, err := Sign("key", "https://example.com/cb", payload)
	if err != nil {
		t.Fatal(err)
	}
	m := hmac.New(sha1.New, []byte("key"))
	m.Write([]byte("https://example.com:443/cbid1statuscompletedtypeorders"))
	if want := hex.EncodeToString(m.Sum(nil)); sig != want {
		t.Errorf("Sign = %s, want %s", sig, want)
	}
	u, _ := url.Parse("http://user:pw@[::1]/a%20b?x=1#frag")
	if got := NormalizeURL(u); got != "http://user:pw@[::1]:80/a%20b?x=1#frag" {
		t.Errorf("NormalizeURL = %q", got)
	}
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
	if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" ||
		!bytes.Equal(bytes.TrimSpace(body), []byte(`{"errors":[{"detail":"Too Many Requests","status":"429"}]}`)) {
		t.Errorf("429 fault: %v %v %s", err, resp, body)
	}
	if resp, _, _ := get(); resp.StatusCode != 200 {
		t.Errorf("the fault outlived its count: %d", resp.StatusCode)
	}

	s.InjectFault(Fault{Kind: FaultStatus, Count: 2})
	for i := range 3 {
		resp, _, _ := get()
		if want := map[bool]int{true: 503, false: 200}[i < 2]; resp.StatusCode != want {
			t.Errorf("request %d: %d, want %d", i, resp.StatusCode, want)
		}
	}

	// A fresh connection: net/http silently retries an idempotent request
	// once when a reused connection closes without an answer.
	s.InjectFault(Fault{Kind: FaultDrop})
	req, _ := http.NewRequest("GET", s.URL+"/countries", nil)
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := fresh.Do(req); err == nil {
		resp.Body.Close()
		t.Error("dropped connection gave no error")
	}

	s.InjectFault(Fault{Kind: FaultMalformed})
	resp, body, err = get()
	if err != nil || resp.StatusCode != 200 || json.Valid(body) {
		t.Errorf("malformed: %v %v %s", err, resp, body)
	}

	// Restricted to a method and path: a GET of countries passes.
	s.InjectFault(Fault{Kind: FaultStatus, Status: 502, Method: "POST", PathPrefix: "/orders"})
	if resp, _, _ := get(); resp.StatusCode != 200 {
		t.Errorf("restricted fault hit GET /countries: %d", resp.StatusCode)
	}
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
	wantError(t, r, 502, "502")
	if len(s.Orders(s.APIKey)) != 0 {
		t.Error("a 5xx fault applied the request")
	}

	// Applied, then the answer is lost.
	s.InjectFault(Fault{Kind: FaultDropAfterApply, Method: "POST", PathPrefix: "/orders"})
	req, _ = http.NewRequest("POST", s.URL+"/orders", strings.NewReader(`{"data":{"type":"orders","attributes":{"external_reference_id":"lost-1","items":[{"type":"did_order_items","attributes":{"sku_id":"`+SKULosAngelesMeteredID+`","qty":1}}]}}}`))
	req.Header.Set("Api-Key", s.APIKey)
	req.Header.Set("Content-Type", mediaType)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Error("drop-after-apply answered")
	}
	if o := s.Orders(s.APIKey); len(o) != 1 || o[0].ExternalReferenceID != "lost-1" {
		t.Errorf("orders after a lost answer: %+v", o)
	}
	log := s.RequestLog()
	if last := log[len(log)-1]; last.Fault != "drop-after-apply" || last.Status != 0 || last.Method != "POST" {
		t.Errorf("log %+v", last)
	}
	if s.Requests() != len(log) {
		t.Errorf("Requests %d, log %d", s.Requests(), len(log))
	}
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
		if a[i] != b[i] {
			t.Fatalf("runs differ at %d: %v vs %v", i, a, b)
		}
		if a[i] == 503 {
			fails++
		}
	}
	if fails == 0 || fails == 30 {
		t.Errorf("%d of 30 failed at rate 0.3", fails)
	}
}

func TestServerRateLimit(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithRateLimit(5))
	other := s.NewAccount("1.00")
	statuses := []int{}
	for range 6 {
		statuses = append(statuses, apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil).status)
	}
	if statuses[4] != 200 || statuses[5] != 429 {
		t.Errorf("statuses %v", statuses)
	}
	r := apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil)
	if r.status != 429 || r.header.Get("Retry-After") == "" || r.doc.Errors[0].Detail != "Too Many Requests" {
		t.Errorf("429: %d %v %s", r.status, r.header, r.body)
	}
	wantStatus(t, apiCall(t, s, other, "GET", "/did_group_types", nil), 200) // per key
}

func TestLatency(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithLatency(50*time.Millisecond))
	start := time.Now()
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/did_group_types", nil), 200)
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered in %v", d)
	}
}

func TestClientAgainstServer(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithFaults(Fault{Kind: FaultStatus, Method: "GET", Count: 1}))
	c := s.Client(didww.WithUserAgent("didwwtest-test"))
	page, err := c.Countries.List(t.Context(), &didww.CountryListOptions{ISO: "US", Include: []string{"regions"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != CountryUSID || len(page.Items[0].Regions) != 5 || page.Meta.APIVersion != "2026-04-16" {
		t.Errorf("countries through the client (after a retried 503): %+v", page.Items)
	}
	bad := s.ClientFor("wrong-key", didww.WithMaxRetries(0))
	_, err = bad.Countries.Get(t.Context(), CountryUSID, nil)
	if !errors.Is(err, didww.ErrUnauthorized) {
		t.Errorf("wrong key: %v", err)
	}
}

func TestNewServerOnListener(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := NewServerOn(l, WithAPIKey("fixed-key"), WithBalance("5"))
	if s.URL != "http://"+l.Addr().String()+"/v3" || s.APIKey != "fixed-key" || s.Balance("fixed-key") != "5.00" {
		t.Errorf("server %s %s %s", s.URL, s.APIKey, s.Balance("fixed-key"))
	}
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/countries", nil), 200)
	s.Close()
	if _, err := http.Get(s.URL + "/countries"); err == nil {
		t.Error("still serving after Close")
	}
}

func TestCatalogueJSON(t *testing.T) {
	t.Parallel()
	raw, err := json.Marshal(DefaultCatalogue())
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCatalogue(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(c)
	if !bytes.Equal(raw, again) {
		t.Error("catalogue does not round-trip")
	}
	first, _ := json.Marshal(DefaultCatalogue())
	if !bytes.Equal(raw, first) {
		t.Error("DefaultCatalogue is not deterministic")
	}
	small := `{"countries":[{"id":"c1","name":"Testland","prefix":"999","iso":"TL"}],"regions":[],"cities":[],
	"did_group_types":[{"id":"t1","name":"Local","number_type":"local"}],
	"did_groups":[{"id":"g1","prefix":"1","area_name":"Anywhere","features":["voice_in"],"country_id":"c1","did_group_type_id":"t1",
	  "available_dids_enabled":true,"is_available":true,"stock":1,"stock_keeping_units":[{"id":"k1","setup_price":"1.10","monthly_price":"2.20","channels_included_count":1}]}],
	"available_dids":[{"id":"n1","number":"9991000","did_group_id":"g1"}]}`
	c, err = LoadCatalogue(strings.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, WithCatalogue(c))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": "k1", "available_did_id": "n1"})))
	if wantStatus(t, r, 201); r.one(t).Attributes["amount"] != "3.3" || s.Balance(s.APIKey) != "96.70" {
		t.Errorf("custom catalogue order: %s", r.body)
	}
	for name, bad := range map[string]string{
		"dangling":        strings.Replace(small, `"did_group_id":"g1"`, `"did_group_id":"g9"`, 1),
		"bad price":       strings.Replace(small, `"1.10"`, `"1,10"`, 1),
		"unknown field":   strings.Replace(small, `"stock":1`, `"stok":1`, 1),
		"no number_type":  strings.Replace(small, `,"number_type":"local"`, ``, 1),
		"bad number_type": strings.Replace(small, `"number_type":"local"`, `"number_type":"Local"`, 1),
		"duplicate":       strings.Replace(small, `"did_group_id":"g1"}]`, `"did_group_id":"g1"},{"id":"n2","number":"9991000","did_group_id":"g1"}]`, 1),
	} {
		if _, err := LoadCatalogue(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if n := len(LargeCatalogue(4000).DIDGroups); n != 4000 {
		t.Errorf("large catalogue has %d groups", n)
	}
	if err := LargeCatalogue(4000).Validate(); err != nil {
		t.Error(err)
	}
}
