package didwwtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fuzzCatalogue is built once: servers do not modify their catalogue.
var fuzzCatalogue = sync.OnceValue(DefaultCatalogue)

// noNetwork refuses every callback delivery, so that no input reaches out.
type noNetwork struct{}

func (noNetwork) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("didwwtest fuzz: no network")
}

// fuzzIDs are the ids a fuzz server holds besides its catalogue: a
// reservation and a pending order of the default account, placed before
// each input so that DELETE and PATCH reach live objects.
type fuzzIDs struct{ reservation, order string }

// newFuzzServer returns a server without a listener or a sweeper, on a
// clock that stands still, with one reservation and one pending order.
func newFuzzServer(t *testing.T) (*Server, fuzzIDs) {
	s := newServer([]Option{
		WithCatalogue(fuzzCatalogue()), WithClock(func() time.Time { return testStart }),
		WithOrderCompletionDelay(time.Hour), WithCallbackHTTPClient(&http.Client{Transport: noNetwork{}}),
		WithTest(t),
	})
	s.URL = "http://didwwtest.invalid/v3"
	res := fuzzSend(t, s, "POST", "/v3/did_reservations", "", reservationJSON(AvailableDIDNewYorkID))
	ord := fuzzSend(t, s, "POST", "/v3/orders", "", `{"data":{"type":"orders","attributes":{"items":[`+
		`{"type":"did_order_items","attributes":{"sku_id":"`+SKULosAngelesMeteredID+`","qty":1}}]}}}`)
	return s, fuzzIDs{reservation: createdID(t, res), order: createdID(t, ord)}
}

func reservationJSON(numberID string) string {
	return `{"data":{"type":"did_reservations","relationships":{"available_did":{"data":{"type":"available_dids","id":"` +
		numberID + `"}}}}}`
}

func createdID(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var doc struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	require.Equal(t, http.StatusCreated, rec.Code, "setup: %d %s", rec.Code, rec.Body)
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc), "setup: %d %s", rec.Code, rec.Body)
	require.NotEmpty(t, doc.Data.ID, "setup: %d %s", rec.Code, rec.Body)
	return doc.Data.ID
}

// fuzzSend serves one request the way net/http would hand it to the
// handler. headers are "Name: value" lines applied over the defaults (the
// default account's key, the JSON:API Accept and, with a body, Content-Type);
// an empty value removes the header.
func fuzzSend(t *testing.T, s *Server, method, target, headers, body string) *httptest.ResponseRecorder {
	t.Helper()
	u, err := url.ParseRequestURI(target)
	if err != nil || !validMethod(method) {
		t.Skip("net/http refuses this request line before any handler")
	}
	req := &http.Request{
		Method: method, URL: u, RequestURI: target, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Host: "didwwtest.invalid", Header: http.Header{}, ContentLength: int64(len(body)),
		Body: io.NopCloser(strings.NewReader(body)),
	}
	req.Header.Set("Api-Key", s.APIKey)
	req.Header.Set("Accept", mediaType)
	if body != "" {
		req.Header.Set("Content-Type", mediaType)
	}
	for _, line := range strings.Split(headers, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if k = strings.TrimSpace(k); !ok || k == "" {
			continue
		}
		if v = strings.TrimSpace(v); v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Add(k, v)
		}
	}
	return serveBounded(t, s.handler, req.WithContext(t.Context()))
}

// validMethod says whether m is an HTTP token, as net/http requires.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, r := range m {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune(`()<>@,;:\"/[]?={}`, r) {
			return false
		}
	}
	return true
}

// goodSeeds reach every route and method with a request that succeeds:
// method, target, headers, body. {res} and {order} stand for the ids of
// fuzzIDs.
func goodSeeds() [][4]string {
	cat := fuzzCatalogue()
	nySKU := ""
	for _, g := range cat.DIDGroups {
		if g.ID == DIDGroupNewYorkID {
			nySKU = g.StockKeepingUnits[0].ID
		}
	}
	order := `{"data":{"type":"orders","attributes":{"items":[{"type":"did_order_items","attributes":{"sku_id":"` +
		SKULosAngelesChannelsID + `","available_did_id":"` + AvailableDIDLosAngelesID + `"}}]}}}`
	return [][4]string{
		{"GET", "/v3/countries?filter%5Biso%5D=US&include=regions&sort=-name", "", ""},
		{"GET", "/v3/countries/" + CountryUSID + "?include=regions&fields%5Bregions%5D=name", "", ""},
		{"GET", "/v3/regions?filter%5Bcountry.id%5D=" + CountryUSID + "&include=country", "", ""},
		{"GET", "/v3/regions/" + cat.Regions[0].ID, "", ""},
		{"GET", "/v3/areas?page%5Bsize%5D=2&page%5Bnumber%5D=2", "", ""},
		{"GET", "/v3/areas/" + cat.Areas[0].ID + "?include=country", "", ""},
		{"GET", "/v3/cities?filter%5Bis_available%5D=true&include=country,region,area&sort=name", "", ""},
		{"GET", "/v3/cities/" + CityLosAngelesID, "", ""},
		{"GET", "/v3/did_group_types?sort=-name", "", ""},
		{"GET", "/v3/did_group_types/" + DIDGroupTypeLocalID, "", ""},
		{"GET", "/v3/did_groups?filter%5Bfeatures%5D=voice_in,sms_in&filter%5Bmeta.total_count_gteq%5D=1&include=stock_keeping_units&sort=-country.name", "", ""},
		{"GET", "/v3/did_groups/" + DIDGroupLosAngelesID + "?include=country,city,did_group_type,region,stock_keeping_units,address_requirement", "", ""},
		{"GET", "/v3/nanpa_prefixes?filter%5Bnpanxx%5D=213293&include=country,region", "", ""},
		{"GET", "/v3/nanpa_prefixes/" + cat.NanpaPrefixes[0].ID, "", ""},
		{"GET", "/v3/available_dids?filter%5Bnumber_contains%5D=213&include=did_group.stock_keeping_units,nanpa_prefix", "", ""},
		{"GET", "/v3/available_dids/" + AvailableDIDLosAngelesID + "?include=did_group", "", ""},
		{"GET", "/v3/address_requirements?sort=-personal_proof_qty", "", ""},
		{"GET", "/v3/address_requirements/" + cat.AddressRequirements[0].ID + "?include=country", "", ""},
		{"GET", "/v3/did_reservations?include=available_did.did_group.stock_keeping_units&sort=-expires_at", "", ""},
		{"GET", "/v3/did_reservations/{res}?include=available_did", "", ""},
		{"POST", "/v3/did_reservations", "", reservationJSON(AvailableDIDLosAngelesID)},
		{"POST", "/v3/did_reservations", "", reservationJSON(AvailableDIDNewYorkID)},
		{"DELETE", "/v3/did_reservations/{res}", "", ""},
		{"GET", "/v3/orders?filter%5Bstatus%5D=pending&filter%5Bcreated_at_gteq%5D=2026-01-01&sort=-created_at", "", ""},
		{"GET", "/v3/orders/{order}", "", ""},
		{"POST", "/v3/orders", "", order},
		{"POST", "/v3/orders", "", `{"data":{"type":"orders","attributes":{"callback_url":"http://example.com/cb","callback_method":"get","external_reference_id":"x-1",` +
			`"items":[{"type":"did_order_items","attributes":{"sku_id":"` + nySKU + `","did_reservation_id":"{res}","billing_cycles_count":2}},` +
			`{"type":"capacity_order_items","attributes":{"capacity_pool_id":"` + CapacityPoolID + `","qty":2}}]}}}`},
		{"PATCH", "/v3/orders/{order}", "", `{"data":{"type":"orders","id":"{order}","attributes":{"external_reference_id":"ref"}}}`},
		{"DELETE", "/v3/orders/{order}", "", ""},
	}
}

// badSeeds are documented errors and the inputs that once broke the server.
func badSeeds() [][4]string {
	return [][4]string{
		{"GET", "/v3/cities?page%5Bnumber%5D=999999999999999999", "", ""},
		{"GET", "/v3/cities?page%5Bnumber%5D=9223372036854775807&page%5Bsize%5D=100", "", ""},
		{"GET", "/v3/did_groups?%zz=1", "", ""},
		{"GET", "/v3/orders?filter%5Bcreated_at_gteq%5D=notatime", "", ""},
		{"GET", "/v3/did_groups?fields%5Bbogus%5D=x&include=nope", "", ""},
		{"POST", "/v3/orders", "", `{"data":{"type":"orders","attributes":{"items":[{"type":"did_order_items","attributes":{"sku_id":"` +
			SKULosAngelesMeteredID + `","qty":9223372036854775807}},{"type":"did_order_items","attributes":{"sku_id":"` +
			SKULosAngelesMeteredID + `","qty":9223372036854775807}}]}}}`},
		{"POST", "/v3/orders", "", `{"data":null}`},
		{"POST", "/v3/orders", "", `{not json`},
		{"PATCH", "/v3/orders/{order}", "", `{"data":{"type":"orders","id":"other"}}`},
		{"GET", "/v3/countries", "Api-Key:\nAccept: text/html", ""},
		{"GET", "/v3/countries", "Accept: " + mediaType + "; ext=bulk", ""},
		{"POST", "/v3/did_reservations", "Content-Type: application/json", `{}`},
		{"PUT", "/v3/orders/{order}", "", ""},
		{"GET", "/v3/orders/{order}/extra", "", ""},
		{"GET", "/v2/countries", "", ""},
		{"GET", "/v3/countries", "X-DIDWW-API-Version: 2022-05-10", "x"},
	}
}

func FuzzServer(f *testing.F) {
	for _, s := range append(goodSeeds(), badSeeds()...) {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, method, target, headers, body string) {
		s, ids := newFuzzServer(t)
		fill := strings.NewReplacer("{res}", ids.reservation, "{order}", ids.order)
		rec := fuzzSend(t, s, method, fill.Replace(target), headers, fill.Replace(body))
		require.Less(t, rec.Code, 500, "%s %q: %d %s", method, target, rec.Code, rec.Body)
		if rec.Body.Len() > 0 {
			ct := rec.Header().Get("Content-Type")
			assert.Equal(t, mediaType, ct, "%s %q: Content-Type %q", method, target, ct)
			assert.True(t, json.Valid(bytes.TrimSpace(rec.Body.Bytes())), "%s %q: answer is not JSON: %s", method, target, rec.Body)
		}
	})
}

// TestFuzzSeedsReachTheirRoutes keeps the seed corpus honest: the good
// seeds succeed, so the fuzzer starts from requests that get past the checks.
func TestFuzzSeedsReachTheirRoutes(t *testing.T) {
	t.Parallel()
	want := map[string]int{"GET": 200, "POST": 201, "PATCH": 200, "DELETE": 204}
	for _, seed := range goodSeeds() {
		s, ids := newFuzzServer(t)
		fill := strings.NewReplacer("{res}", ids.reservation, "{order}", ids.order)
		rec := fuzzSend(t, s, seed[0], fill.Replace(seed[1]), seed[2], fill.Replace(seed[3]))
		assert.Equal(t, want[seed[0]], rec.Code, "%s %s: %d %s", seed[0], seed[1], rec.Code, rec.Body)
	}
}
