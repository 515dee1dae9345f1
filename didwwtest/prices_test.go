package didwwtest

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pricesServer is a server whose default account speaks 2026-11-19, with a
// token for it.
func pricesServer(t *testing.T, opts ...Option) (*Server, string) {
	t.Helper()
	s := newTestServer(t, append([]Option{WithDefaultAccount(APIVersion(version20261119))}, opts...)...)
	return s, tokenFor(t, s, s.APIKey)
}

// priceCall sends method to a prices URL with the headers hdr (pairs).
func priceCall(t *testing.T, method, url string, hdr ...string) *tResp {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", mediaType)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := &tResp{status: resp.StatusCode, header: resp.Header, body: data}
	if resp.Header.Get("Content-Type") == mediaType && len(data) > 0 {
		require.NoError(t, json.Unmarshal(data, &r.doc), "%s", data)
	}
	return r
}

// attrsOf returns the attributes of a lookup's prices, checking their type.
func attrsOf(t *testing.T, r *tResp) []map[string]any {
	t.Helper()
	wantStatus(t, r, http.StatusOK)
	var out []map[string]any
	for _, p := range r.list(t) {
		assert.Equal(t, "prices", p.Type)
		assert.Len(t, p.ID, 36, "a UUID")
		out = append(out, p.Attributes)
	}
	return out
}

func TestPricesTakeBearerTokensOnly(t *testing.T) {
	t.Parallel()
	s, tok := pricesServer(t)
	url := s.PricesURLs().InboundCalls + "/lookup/prices?filter%5Bnumber%5D=18005550123"
	for name, hdr := range map[string][]string{
		"nothing":             nil,
		"the key":             {"Api-Key", s.APIKey},
		"the key and a token": {"Api-Key", s.APIKey, "Authorization", "Bearer " + tok},
		"an unknown token":    bearer("nope"),
	} {
		r := priceCall(t, "GET", url, hdr...)
		wantError(t, r, http.StatusUnauthorized, "401")
		assert.Contains(t, r.header.Get("Www-Authenticate"), "Bearer", name)
	}
	wantStatus(t, priceCall(t, "GET", url, bearer(tok)...), http.StatusOK)

	old := s.NewAccount("10")
	r := priceCall(t, "GET", url, bearer(tokenFor(t, s, old))...)
	wantError(t, r, http.StatusNotFound, "404") // the services exist from 2026-11-19 on
}

func TestInboundPriceLookupRules(t *testing.T) {
	t.Parallel()
	s, tok := pricesServer(t)
	lookup := func(q string) *tResp {
		return priceCall(t, "GET", s.PricesURLs().InboundCalls+"/lookup/prices?"+q, bearer(tok)...)
	}
	// Any-source prices only: per source type, the longest prefix.
	got := attrsOf(t, lookup("filter[number]=18005550123"))
	require.Len(t, got, 2)
	assert.Equal(t, map[string]any{"destination": "1800", "country": "United States", "src_country_name": nil, "source_type": "fixed",
		"rate": "0.012", "connection_fee": "0.0", "initial_interval": 60.0, "next_interval": 60.0, "reject_calls": false}, got[0])
	assert.Equal(t, "18005", got[1]["destination"])
	assert.Equal(t, "0.03", got[1]["rate"])

	// A price for calls from Germany outranks the longer any-source prefix.
	got = attrsOf(t, lookup("filter[number]=18005550123&filter[src_country_iso]=DE"))
	require.Len(t, got, 2)
	assert.Equal(t, "1800", got[1]["destination"])
	assert.Equal(t, "Germany", got[1]["src_country_name"])
	assert.Equal(t, "0.05", got[1]["rate"])
	assert.Equal(t, "0.01", got[1]["connection_fee"])
	// Another source country falls back to the any-source price.
	got = attrsOf(t, lookup("filter[number]=18005550123&filter[src_country_iso]=FR"))
	assert.Equal(t, "18005", got[1]["destination"])

	// A rejected destination is still returned, without amounts.
	got = attrsOf(t, lookup("filter[number]=448001234567"))
	require.Len(t, got, 2)
	assert.Equal(t, map[string]any{"destination": "44800", "country": "United Kingdom", "src_country_name": nil, "source_type": "cellular",
		"rate": nil, "connection_fee": nil, "initial_interval": 60.0, "next_interval": 60.0, "reject_calls": true}, got[1])
	// The plan's global country has a null country.
	got = attrsOf(t, lookup("filter[number]=881612345678"))
	require.Len(t, got, 1)
	assert.Nil(t, got[0]["country"])

	wantError(t, lookup("filter[number]=49301234"), http.StatusNotFound, "price_not_found")
	// The collection's meta counts the answers and names no version.
	assert.Equal(t, map[string]any{"total_records": 2.0}, lookup("filter[number]=18005550123").doc.Meta)
	// filter[number] is 8 to 15 digits, the first not 0.
	for _, n := range []string{"4930123", "0180055501", "1800555012345678"} {
		wantError(t, lookup("filter[number]="+n), http.StatusBadRequest, "400")
	}
	for _, q := range []string{"", "filter[src_country_iso]=DE", "filter[number]=1800&sort=rate", "filter[number]=1800&page[size]=10",
		"filter[number]=1800&fields[prices]=rate", "filter[number]=1800&include=country", "filter[number]=1800&filter[id]=x",
		"filter[number]=1800&foo=1", "filter[number]=%2B1800", "filter[number]=1800&filter[src_country_iso]=deu"} {
		wantError(t, lookup(q), http.StatusBadRequest, "400")
	}
}

func TestOutboundPriceLookupRules(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	s, tok := pricesServer(t, WithClock(clock.Now))
	lookup := func(q string) *tResp {
		return priceCall(t, "GET", s.PricesURLs().OutboundCalls+"/lookup/prices?"+q, bearer(tok)...)
	}
	// One price per set of routing conditions, the scheduled change with it.
	got := attrsOf(t, lookup("filter[number]=493012345678"))
	require.Len(t, got, 2)
	assert.Equal(t, map[string]any{"category": "International", "country": "Germany", "network": "Germany - Berlin", "prefix": "4930",
		"rate": "0.0042", "connection_fee": "0.0", "initial_increment": 1.0, "recurring_increment": 1.0, "reject_calls": false,
		"next_rate": "0.0039", "next_connection_fee": "0.0", "next_initial_increment": 60.0, "next_recurring_increment": 60.0,
		"effective_at": "2027-01-01T00:00:00.000Z", "comment": "Rate decrease"}, got[0])
	assert.Equal(t, "Origin based", got[1]["category"])
	assert.Nil(t, got[1]["next_rate"])

	// The mobile prefix is not in effect yet: 49 answers for it.
	got = attrsOf(t, lookup("filter[number]=4915112345678"))
	assert.Equal(t, "49", got[0]["prefix"])
	// Outside the prefix's length bounds nothing of that routing answers.
	got = attrsOf(t, lookup("filter[number]=491234567"))
	require.Len(t, got, 1)
	assert.Equal(t, "Origin based", got[0]["category"])
	got = attrsOf(t, lookup("filter[number]=5371234567"))
	assert.Equal(t, true, got[0]["reject_calls"])
	assert.Nil(t, got[0]["rate"])

	clock.Advance(200 * 24 * time.Hour) // past both scheduled changes
	tok = tokenFor(t, s, s.APIKey)
	got = attrsOf(t, lookup("filter[number]=493012345678"))
	assert.Equal(t, "0.0039", got[0]["rate"])
	assert.Nil(t, got[0]["next_rate"])
	assert.Nil(t, got[0]["effective_at"])
	got = attrsOf(t, lookup("filter[number]=4915112345678"))
	assert.Equal(t, "4915", got[0]["prefix"])

	wantError(t, lookup("filter[number]=8800123"), http.StatusNotFound, "price_not_found")
	for _, q := range []string{"filter[number]=4930&filter[src_country_iso]=DE", "filter[number]=4930&filter[id]=1", "filter[number]=4930&sort=prefix", "page[number]=1"} {
		wantError(t, lookup(q), http.StatusBadRequest, "400")
	}
}

func TestSMSPriceLookupRules(t *testing.T) {
	t.Parallel()
	s, tok := pricesServer(t)
	lookup := func(domain, q string) *tResp {
		return priceCall(t, "GET", s.PricesURLs().SMS+"/"+domain+"/lookup/prices?"+q, bearer(tok)...)
	}
	// A number: every price under the longest covering prefix.
	got := attrsOf(t, lookup("sms_out/a2p", "filter[dst_number]=4915112345678"))
	require.Len(t, got, 2)
	assert.Equal(t, map[string]any{"source_prefix": nil, "destination_prefix": "4915", "country": "Germany", "mcc": 262.0,
		"mcc_name": "Germany", "mnc": 2.0, "mnc_name": "Vodafone", "reject_sms": false, "price": "0.0525"}, got[0])
	assert.Equal(t, "0.06", got[1]["price"])
	// A country alone: every price of the country, under every prefix.
	assert.Len(t, attrsOf(t, lookup("sms_out/a2p", "filter[dst_country_iso]=DE")), 3)
	// Both: the country narrows first.
	wantError(t, lookup("sms_out/a2p", "filter[dst_number]=4915112345678&filter[dst_country_iso]=US"), http.StatusNotFound, "price_not_found")
	got = attrsOf(t, lookup("sms_out/a2p", "filter[dst_number]=5351234567"))
	assert.Equal(t, true, got[0]["reject_sms"])
	assert.Nil(t, got[0]["price"])
	assert.Len(t, attrsOf(t, lookup("sms_out/p2p", "filter[dst_number]=12125550100")), 1)

	// SMS IN: only prices whose length range holds the number take part.
	got = attrsOf(t, lookup("sms_in", "filter[dst_number]=447700900123"))
	require.Len(t, got, 1)
	assert.Equal(t, "447", got[0]["destination_prefix"])
	assert.Equal(t, "0.008", got[0]["price"])
	wantError(t, lookup("sms_in", "filter[dst_number]=4477009001"), http.StatusNotFound, "price_not_found")
	assert.Len(t, attrsOf(t, lookup("sms_in", "filter[dst_country_iso]=GB")), 3)

	wantError(t, lookup("sms_out/otp", "filter[dst_number]=4915112345678"), http.StatusNotFound, "price_plan_not_assigned")
	wantError(t, lookup("sms_out/a2p", "filter[dst_country_iso]=FR"), http.StatusNotFound, "price_not_found")
	for _, q := range []string{"", "filter[id]=1&filter[dst_number]=1", "filter[dst_number]=1&sort=price", "filter[number]=1"} {
		wantError(t, lookup("sms_in", q), http.StatusBadRequest, "400")
	}
	wantError(t, lookup("sms_out/mms", "filter[dst_number]=1"), http.StatusNotFound, "404")
}

// readPriceFile gunzips and parses a price file.
func readPriceFile(t *testing.T, body []byte) [][]string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(body))
	require.NoError(t, err)
	text, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.NotContains(t, string(text), "\r", "LF line endings")
	rows, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestPriceFiles(t *testing.T) {
	t.Parallel()
	s, tok := pricesServer(t)
	u := s.PricesURLs()
	for _, tc := range []struct {
		url, name string
		header    []string
		row       []string // one row of the plan, as the file prints it
	}{
		{u.InboundCalls + "/prices.csv.gz", "voice_in_prices.csv.gz", inboundColumns,
			[]string{"United States", "", "fixed", "1800", "0.012", "0.0", "60", "60", "false"}},
		{u.OutboundCalls + "/prices.csv.gz", "voice_out_prices.csv.gz", outboundColumns,
			[]string{"International", "Germany", "Germany - Mobile", "4915", "", "", "", "", "false", "0.09", "0.0", "60", "60", "2027-06-01T00:00:00Z", "New destination"}},
		{u.SMS + "/sms_out/a2p/prices.csv.gz", "sms_out_a2p_prices.csv.gz", smsOutColumns,
			[]string{"", "53", "Cuba", "", "", "", "", "true", ""}},
		{u.SMS + "/sms_in/prices.csv.gz", "sms_in_prices.csv.gz", smsInColumns,
			[]string{"", "1", "15", "1", "11", "11", "United States", "0.0"}},
	} {
		get := priceCall(t, "GET", tc.url, bearer(tok)...)
		wantStatus(t, get, http.StatusOK)
		assert.Equal(t, "application/gzip", get.header.Get("Content-Type"))
		assert.Equal(t, `attachment; filename="`+tc.name+`"`, get.header.Get("Content-Disposition"))
		assert.Equal(t, "Thu, 19 Nov 2026 08:00:00 GMT", get.header.Get("Last-Modified"))
		assert.Empty(t, get.header.Get("ETag"), "the services send no ETag")
		assert.Equal(t, "private", get.header.Get("Cache-Control"))
		assert.Equal(t, "Authorization", get.header.Get("Vary"))
		assert.Equal(t, "none", get.header.Get("Accept-Ranges"))
		rows := readPriceFile(t, get.body)
		assert.Equal(t, tc.header, rows[0])
		assert.Contains(t, rows[1:], tc.row)

		head := priceCall(t, "HEAD", tc.url, bearer(tok)...)
		wantStatus(t, head, http.StatusOK)
		assert.Empty(t, head.body)
		for _, h := range []string{"Content-Type", "Content-Disposition", "Content-Length", "Last-Modified", "Cache-Control", "Vary", "Accept-Ranges"} {
			assert.Equal(t, get.header.Get(h), head.header.Get(h), "%s of %s", h, tc.name)
		}
		assert.Equal(t, get.header.Get("Content-Length"), itoa(len(get.body)))
	}
	// A copy as new as Last-Modified is answered 304, headers and no body.
	file := u.InboundCalls + "/prices.csv.gz"
	for _, m := range []string{"GET", "HEAD"} {
		r := priceCall(t, m, file, append(bearer(tok), "If-Modified-Since", "Thu, 19 Nov 2026 08:00:00 GMT")...)
		wantStatus(t, r, http.StatusNotModified)
		assert.Empty(t, r.body)
		assert.Equal(t, `attachment; filename="voice_in_prices.csv.gz"`, r.header.Get("Content-Disposition"))
		assert.Equal(t, "private", r.header.Get("Cache-Control"))
		wantStatus(t, priceCall(t, m, file, append(bearer(tok), "If-Modified-Since", "Thu, 19 Nov 2026 07:59:59 GMT")...), http.StatusOK)
	}
	wantError(t, priceCall(t, "GET", u.SMS+"/sms_out/otp/prices.csv.gz", bearer(tok)...), http.StatusNotFound, "price_plan_not_assigned")
	wantStatus(t, priceCall(t, "HEAD", u.SMS+"/sms_out/otp/prices.csv.gz", bearer(tok)...), http.StatusNotFound)
	r := priceCall(t, "POST", u.InboundCalls+"/prices.csv.gz", bearer(tok)...)
	wantError(t, r, http.StatusMethodNotAllowed, "405")
	assert.Equal(t, "GET, HEAD", r.header.Get("Allow"))
	wantStatus(t, priceCall(t, "HEAD", u.InboundCalls+"/lookup/prices", bearer(tok)...), http.StatusMethodNotAllowed)
	wantError(t, priceCall(t, "GET", u.InboundCalls+"/prices", bearer(tok)...), http.StatusNotFound, "404")
}

func TestPriceDecimal(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"0": "0.0", "0.0": "0.0", "1.50": "1.5", "0.0525": "0.0525", "12": "12.0", "0.00100": "0.001", "": ""} {
		assert.Equal(t, want, priceDecimal(in), in)
	}
	assert.True(t, strings.HasSuffix(priceDecimal("3.000"), ".0"))
}
