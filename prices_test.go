package didww

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testVinURL  = "https://vin.test/v3"
	testVoutURL = "https://vout.test/v3"
	testSMSURL  = "https://sms.test/v3"
	pricesToken = "tok-prices-1"
)

var testPricesURLs = PricesURLs{InboundCalls: testVinURL, OutboundCalls: testVoutURL, SMS: testSMSURL}

// newPricesClient is a 2026-11-19 client with a bearer token and the test
// prices hosts.
func newPricesClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	base := []Option{WithAPIVersion(APIVersion20261119), WithTokenSource(&staticSource{tok: &Token{AccessToken: pricesToken}}),
		WithPricesURLs(testPricesURLs)}
	return newTestClient(t, append(base, opts...)...)
}

// jsonAnswer answers with body as a JSON:API document.
func jsonAnswer(status int, body []byte) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", MediaType)
		return resp, nil
	}
}

// assertPricesHeaders checks what every prices request carries: the bearer
// token, never the key.
func assertPricesHeaders(t *testing.T, r recorded) {
	t.Helper()
	assert.Equal(t, "Bearer "+pricesToken, r.Header.Get("Authorization"))
	assert.Empty(t, r.Header.Values("Api-Key"), "the API key never goes to a prices host")
	assert.Equal(t, APIVersion20261119, r.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, "didww-go/"+Version, r.Header.Get("User-Agent"))
}

func TestInboundCallPricesLookup(t *testing.T) {
	t.Parallel()
	c, mt := newPricesClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testVinURL+"/lookup/prices", rec.wrap(jsonAnswer(200, fixture(t, "prices/inbound_lookup.json"))))

	prices, err := c.InboundCallPrices.Lookup(t.Context(), &InboundCallPriceQuery{Number: "18005550123", SrcCountryISO: "de"})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v3/lookup/prices", r.Path)
	assert.Equal(t, "filter%5Bnumber%5D=18005550123&filter%5Bsrc_country_iso%5D=DE", r.RawQuery)
	assert.Equal(t, MediaType, r.Header.Get("Accept"))
	assertPricesHeaders(t, r)

	rate, fee := Decimal("0.012"), Decimal("0.0")
	rate2, fee2 := Decimal("0.0315"), Decimal("0.01")
	assert.Equal(t, []*InboundCallPrice{
		{ID: "6f1c8a52-3b0e-4d6a-9c1f-2e7b5d9a0c41", Destination: "1800", Country: "United States", SourceType: SourceTypeFixed,
			Rate: &rate, ConnectionFee: &fee, InitialInterval: 60, NextInterval: 60},
		{ID: "0d4e7b21-9a3c-4f58-8b6e-1c2d3e4f5a6b", Destination: "18005", Country: "United States", SrcCountryName: "Germany",
			SourceType: SourceTypeCellular, Rate: &rate2, ConnectionFee: &fee2, InitialInterval: 1, NextInterval: 1},
		{ID: "a93b5c70-2e1d-4c8f-b6a4-7d0e9f8c1b2a", Destination: "1", SourceType: "payphone", InitialInterval: 60, NextInterval: 60, RejectCalls: true},
	}, prices)
}

func TestInboundCallPricesLookupWithoutSourceCountry(t *testing.T) {
	t.Parallel()
	c, mt := newPricesClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testVinURL+"/lookup/prices", rec.wrap(jsonAnswer(200, fixture(t, "prices/inbound_lookup.json"))))
	_, err := c.InboundCallPrices.Lookup(t.Context(), &InboundCallPriceQuery{Number: "18005550123"})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bnumber%5D=18005550123", rec.only(t).RawQuery, "only filter parameters, and only those set")
}

func TestOutboundCallPricesLookup(t *testing.T) {
	t.Parallel()
	c, mt := newPricesClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testVoutURL+"/lookup/prices", rec.wrap(jsonAnswer(200, fixture(t, "prices/outbound_lookup.json"))))

	prices, err := c.OutboundCallPrices.Lookup(t.Context(), &OutboundCallPriceQuery{Number: "493012345678"})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v3/lookup/prices", r.Path)
	assert.Equal(t, "filter%5Bnumber%5D=493012345678", r.RawQuery)
	assertPricesHeaders(t, r)

	rate, fee, next, nextFee := Decimal("0.0042"), Decimal("0.0"), Decimal("0.0039"), Decimal("0.0")
	sixty := 60
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	require.Len(t, prices, 2)
	assert.Equal(t, &OutboundCallPrice{ID: "3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", Category: OutboundInternational, Country: "Germany",
		Network: "Germany - Berlin", Prefix: "4930", Rate: &rate, ConnectionFee: &fee, InitialIncrement: 1, RecurringIncrement: 1,
		NextRate: &next, NextConnectionFee: &nextFee, NextInitialIncrement: &sixty, NextRecurringIncrement: &sixty,
		EffectiveAt: &at, Comment: "Rate decrease"}, prices[0])
	assert.Equal(t, &OutboundCallPrice{ID: "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", Category: OutboundOriginBased, Country: "Germany",
		Prefix: "49", InitialIncrement: 60, RecurringIncrement: 60, RejectCalls: true}, prices[1])
}

func TestSMSPricesLookup(t *testing.T) {
	t.Parallel()
	for _, d := range []SMSPriceDomain{SMSOutA2P, SMSOutP2P, SMSOutOTP} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			c, mt := newPricesClient(t)
			rec := &recorder{}
			mt.RegisterResponder("GET", testSMSURL+"/"+string(d)+"/lookup/prices", rec.wrap(jsonAnswer(200, fixture(t, "prices/sms_out_lookup.json"))))
			prices, err := c.SMSPrices.Lookup(t.Context(), d, &SMSPriceQuery{DstNumber: "4915112345678", DstCountryISO: "de"})
			require.NoError(t, err)
			r := rec.only(t)
			assert.Equal(t, "/v3/"+string(d)+"/lookup/prices", r.Path)
			assert.Equal(t, "filter%5Bdst_country_iso%5D=DE&filter%5Bdst_number%5D=4915112345678", r.RawQuery)
			assertPricesHeaders(t, r)
			price := Decimal("0.0525")
			mcc, mnc := 262, 2
			assert.Equal(t, []*SMSOutPrice{
				{ID: "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", DestinationPrefix: "4915", Country: "Germany", MCC: &mcc, MCCName: "Germany",
					MNC: &mnc, MNCName: "Vodafone", Price: &price},
				{ID: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", SourcePrefix: "1", DestinationPrefix: "4915", Country: "Germany", RejectSMS: true},
			}, prices)
		})
	}
}

func TestSMSPricesLookupIn(t *testing.T) {
	t.Parallel()
	c, mt := newPricesClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testSMSURL+"/sms_in/lookup/prices", rec.wrap(jsonAnswer(200, fixture(t, "prices/sms_in_lookup.json"))))
	prices, err := c.SMSPrices.LookupIn(t.Context(), &SMSPriceQuery{DstCountryISO: "US"})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "/v3/sms_in/lookup/prices", r.Path)
	assert.Equal(t, "filter%5Bdst_country_iso%5D=US", r.RawQuery)
	assertPricesHeaders(t, r)
	assert.Equal(t, []*SMSInPrice{{ID: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", SourceNumberLengthMin: 1, SourceNumberLengthMax: 15,
		DestinationPrefix: "1", DestinationNumberLengthMin: 11, DestinationNumberLengthMax: 11, Country: "United States", Price: "0.0"}}, prices)
}

// TestPricesHostsFollowTheEnvironment: without WithPricesURLs each service
// goes to its documented host of the client's environment.
func TestPricesHostsFollowTheEnvironment(t *testing.T) {
	t.Parallel()
	for env, hosts := range map[Environment][3]string{
		Production: {"api-vin.didww.com", "api-vout.didww.com", "api-sms.didww.com"},
		Sandbox:    {"api-vin-sandbox.didww.com", "api-vout-sandbox.didww.com", "api-sms-sandbox.didww.com"},
	} {
		t.Run(string(env), func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			var got []string
			answer := func(name string) httpmock.Responder {
				doc := fixture(t, "prices/"+name)
				return func(r *http.Request) (*http.Response, error) {
					got = append(got, r.URL.Host+r.URL.Path)
					assert.Empty(t, r.Header.Values("Api-Key"))
					return jsonAnswer(200, doc)(r)
				}
			}
			mt.RegisterResponder("GET", "https://"+hosts[0]+"/v3/lookup/prices", answer("inbound_lookup.json"))
			mt.RegisterResponder("GET", "https://"+hosts[1]+"/v3/lookup/prices", answer("outbound_lookup.json"))
			mt.RegisterResponder("GET", "https://"+hosts[2]+"/v3/sms_in/lookup/prices", answer("sms_in_lookup.json"))
			c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: mt}), WithEnvironment(env), WithRateLimit(0),
				WithAPIVersion(APIVersion20261119), WithTokenSource(&staticSource{tok: &Token{AccessToken: pricesToken}}))
			require.NoError(t, err)
			_, err = c.InboundCallPrices.Lookup(t.Context(), &InboundCallPriceQuery{Number: "18005550123"})
			require.NoError(t, err)
			_, err = c.OutboundCallPrices.Lookup(t.Context(), &OutboundCallPriceQuery{Number: "493012345678"})
			require.NoError(t, err)
			_, err = c.SMSPrices.LookupIn(t.Context(), &SMSPriceQuery{DstNumber: "12125550100"})
			require.NoError(t, err)
			assert.Equal(t, []string{hosts[0] + "/v3/lookup/prices", hosts[1] + "/v3/lookup/prices", hosts[2] + "/v3/sms_in/lookup/prices"}, got)
		})
	}
}

// TestPricesRefusedBeforeSending: every refusal wraps ErrInvalidRequest and
// nothing reaches a host.
func TestPricesRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	old := func(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
		return newTestClient(t, append([]Option{WithPricesURLs(testPricesURLs)}, opts...)...)
	}
	custom := func(t *testing.T) (*Client, *httpmock.MockTransport) {
		return newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(&staticSource{tok: &Token{AccessToken: pricesToken}}))
	}
	inbound := func(c *Client, q *InboundCallPriceQuery) error {
		_, err := c.InboundCallPrices.Lookup(t.Context(), q)
		return err
	}
	sms := func(c *Client, d SMSPriceDomain, q *SMSPriceQuery) error {
		_, err := c.SMSPrices.Lookup(t.Context(), d, q)
		return err
	}
	cases := map[string]struct {
		client func(*testing.T) (*Client, *httpmock.MockTransport)
		call   func(*Client) error
		want   string
	}{
		"2026-04-16 lookup": {func(t *testing.T) (*Client, *httpmock.MockTransport) { return old(t) }, func(c *Client) error {
			return inbound(c, &InboundCallPriceQuery{Number: "18005550123"})
		}, "didww: inbound call prices: invalid request: version: the inbound call prices service exists from API version 2026-11-19 on"},
		"2026-04-16 with a token source": {func(t *testing.T) (*Client, *httpmock.MockTransport) {
			return old(t, WithTokenSource(&staticSource{tok: &Token{AccessToken: pricesToken}}))
		}, func(c *Client) error { return c.SMSPrices.Download(t.Context(), SMSIn, &strings.Builder{}) }, "the client speaks 2026-04-16"},
		"2026-04-16 stat": {func(t *testing.T) (*Client, *httpmock.MockTransport) { return old(t) }, func(c *Client) error {
			_, err := c.OutboundCallPrices.Stat(t.Context())
			return err
		}, "use WithAPIVersion(APIVersion20261119)"},
		"custom base URL": {custom, func(c *Client) error {
			return inbound(c, &InboundCallPriceQuery{Number: "18005550123"})
		}, "https://api.test/v3 is neither environment: say where the inbound call prices service is with WithPricesURLs"},
		"nil query":    {nil, func(c *Client) error { return inbound(c, nil) }, "query: is nil"},
		"empty number": {nil, func(c *Client) error { return inbound(c, &InboundCallPriceQuery{}) }, "number: is empty"},
		"plus":         {nil, func(c *Client) error { return inbound(c, &InboundCallPriceQuery{Number: "+18005550123"}) }, "starts with +"},
		"letters":      {nil, func(c *Client) error { return inbound(c, &InboundCallPriceQuery{Number: "1800FLOWERS"}) }, "is not a number"},
		"bad source iso": {nil, func(c *Client) error {
			return inbound(c, &InboundCallPriceQuery{Number: "18005550123", SrcCountryISO: "DEU"})
		}, "src_country_iso"},
		"short number":     {nil, func(c *Client) error { return inbound(c, &InboundCallPriceQuery{Number: "1800555"}) }, "not 8 to 15 digits"},
		"long number":      {nil, func(c *Client) error { return inbound(c, &InboundCallPriceQuery{Number: "1800555012345678"}) }, "not 8 to 15 digits"},
		"leading zero":     {nil, func(c *Client) error { return inbound(c, &InboundCallPriceQuery{Number: "018005550123"}) }, "non-zero first digit"},
		"outbound nil":     {nil, func(c *Client) error { _, err := c.OutboundCallPrices.Lookup(t.Context(), nil); return err }, "query: is nil"},
		"sms no filter":    {nil, func(c *Client) error { return sms(c, SMSOutA2P, &SMSPriceQuery{}) }, "needs DstNumber, DstCountryISO or both"},
		"sms bad iso":      {nil, func(c *Client) error { return sms(c, SMSOutA2P, &SMSPriceQuery{DstCountryISO: "1"}) }, "dst_country_iso"},
		"sms in to Lookup": {nil, func(c *Client) error { return sms(c, SMSIn, &SMSPriceQuery{DstNumber: "1212"}) }, "use LookupIn"},
		"unknown domain":   {nil, func(c *Client) error { return sms(c, "sms_out/mms", &SMSPriceQuery{DstNumber: "1212"}) }, `"sms_out/mms" is not an SMS price domain`},
		"in no filter": {nil, func(c *Client) error {
			_, err := c.SMSPrices.LookupIn(t.Context(), &SMSPriceQuery{})
			return err
		}, "needs DstNumber"},
		"nil writer":      {nil, func(c *Client) error { return c.InboundCallPrices.Download(t.Context(), nil) }, "w: is nil"},
		"download domain": {nil, func(c *Client) error { return c.SMSPrices.Download(t.Context(), "x", &strings.Builder{}) }, "not an SMS price domain"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var c *Client
			var mt *httpmock.MockTransport
			if tc.client == nil {
				c, mt = newPricesClient(t)
			} else {
				c, mt = tc.client(t)
			}
			err := tc.call(c)
			require.ErrorIs(t, err, ErrInvalidRequest)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), testKey)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")
		})
	}
}

func TestPricesErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body      []byte
		is, isNot error
	}{
		"price_not_found":         {fixture(t, "prices/price_not_found.json"), ErrPriceNotFound, ErrPricePlanNotAssigned},
		"price_plan_not_assigned": {fixture(t, "prices/price_plan_not_assigned.json"), ErrPricePlanNotAssigned, ErrPriceNotFound},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newPricesClient(t)
			mt.RegisterResponder("GET", testSMSURL+"/sms_out/otp/lookup/prices", jsonAnswer(404, tc.body))
			mt.RegisterResponder("GET", testSMSURL+"/sms_out/otp/prices.csv.gz", jsonAnswer(404, tc.body))
			_, err := c.SMSPrices.Lookup(t.Context(), SMSOutOTP, &SMSPriceQuery{DstNumber: "4915112345678"})
			for _, err := range []error{err, c.SMSPrices.Download(t.Context(), SMSOutOTP, &strings.Builder{})} {
				require.ErrorIs(t, err, tc.is)
				assert.NotErrorIs(t, err, tc.isNot)
				assert.ErrorIs(t, err, ErrNotFound)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, 404, apiErr.StatusCode)
				assert.True(t, strings.HasPrefix(err.Error(), "didww: SMS prices: GET /sms_out/otp/"), err.Error())
			}
		})
	}
	t.Run("a plain 404", func(t *testing.T) {
		t.Parallel()
		c, mt := newPricesClient(t)
		mt.RegisterResponder("GET", testVoutURL+"/lookup/prices", jsonAnswer(404, []byte(`{"errors":[{"title":"Not found","code":"404","status":"404"}]}`)))
		_, err := c.OutboundCallPrices.Lookup(t.Context(), &OutboundCallPriceQuery{Number: "1"})
		require.ErrorIs(t, err, ErrNotFound)
		assert.NotErrorIs(t, err, ErrPriceNotFound)
		assert.NotErrorIs(t, err, ErrPricePlanNotAssigned)
	})
	t.Run("not a collection", func(t *testing.T) {
		t.Parallel()
		c, mt := newPricesClient(t)
		mt.RegisterResponder("GET", testVoutURL+"/lookup/prices", jsonAnswer(200, []byte(`{"data":{"id":"1","type":"prices","attributes":{}}}`)))
		_, err := c.OutboundCallPrices.Lookup(t.Context(), &OutboundCallPriceQuery{Number: "1"})
		require.ErrorIs(t, err, ErrDecode)
		assert.Contains(t, err.Error(), "data is not an array")
	})
	t.Run("another type", func(t *testing.T) {
		t.Parallel()
		c, mt := newPricesClient(t)
		mt.RegisterResponder("GET", testVinURL+"/lookup/prices", jsonAnswer(200, []byte(`{"data":[{"id":"1","type":"countries","attributes":{}}]}`)))
		_, err := c.InboundCallPrices.Lookup(t.Context(), &InboundCallPriceQuery{Number: "18005550123"})
		require.ErrorIs(t, err, ErrDecode)
	})
}

const samplePriceCSV = "Country,Src country name,Source type,Destination,Rate,Connection fee,Initial interval,Next interval,Reject calls\n" +
	"United States,,fixed,1800,0.012,0.0,60,60,false\n" +
	"United States,Germany,cellular,18005,0.0315,0.01,1,1,false\n" +
	",,payphone,1,,,60,60,true\n"

// fileAnswer answers with a gzip price file and its headers.
func priceFileAnswer(body []byte) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(200, body)
		if r.Method == http.MethodHead {
			resp = httpmock.NewBytesResponse(200, nil)
		}
		resp.Header.Set("Content-Type", "application/gzip")
		resp.Header.Set("Content-Disposition", `attachment; filename="voice_in_prices.csv.gz"`)
		resp.Header.Set("Content-Length", "1234")
		resp.Header.Set("Last-Modified", "Thu, 19 Nov 2026 08:00:00 GMT")
		resp.Header.Set("ETag", `"abc123"`)
		return resp, nil
	}
}

func TestPriceFileDownloadAndStat(t *testing.T) {
	t.Parallel()
	c, mt := newPricesClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testVinURL+"/prices.csv.gz", rec.wrap(priceFileAnswer(gzipped(t, samplePriceCSV))))
	mt.RegisterResponder("HEAD", testVinURL+"/prices.csv.gz", rec.wrap(priceFileAnswer(nil)))

	var out strings.Builder
	require.NoError(t, c.InboundCallPrices.Download(t.Context(), &out))
	assert.Equal(t, samplePriceCSV, out.String())
	info, err := c.InboundCallPrices.Stat(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "voice_in_prices.csv.gz", info.Name)
	assert.Equal(t, int64(1234), info.Size)
	assert.Equal(t, time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC), info.LastModified)
	assert.Equal(t, `"abc123"`, info.ETag)
	assert.Equal(t, "application/gzip", info.ContentType)
	assert.Equal(t, `"abc123"`, info.Header.Get("ETag"))

	reqs := rec.all()
	require.Len(t, reqs, 2)
	for i, method := range []string{"GET", "HEAD"} {
		assert.Equal(t, method, reqs[i].Method)
		assert.Equal(t, "/v3/prices.csv.gz", reqs[i].Path)
		assert.Empty(t, reqs[i].RawQuery)
		assertPricesHeaders(t, reqs[i])
	}
}

func TestPriceFileDownloadChecksWhatArrives(t *testing.T) {
	t.Parallel()
	for name, body := range map[string][]byte{
		"not gzip":  []byte("Country,Rate\nX,1.0\n"),
		"not CSV":   gzipped(t, "Country,Rate\nX,1.0,extra\n"),
		"cut short": gzipped(t, samplePriceCSV)[:40],
		"no header": gzipped(t, ""),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newPricesClient(t)
			mt.RegisterResponder("GET", testVoutURL+"/prices.csv.gz", priceFileAnswer(body))
			err := c.OutboundCallPrices.Download(t.Context(), &strings.Builder{})
			require.ErrorIs(t, err, ErrDecode)
			assert.True(t, strings.HasPrefix(err.Error(), "didww: outbound call prices: "), err.Error())
		})
	}
}

// TestPriceFileDownloadRenewsARefusedToken: a 401 drops the token and the
// download goes once more with a new one.
func TestPriceFileDownloadRenewsARefusedToken(t *testing.T) {
	t.Parallel()
	src := &sequenceSource{}
	c, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(src), WithPricesURLs(testPricesURLs))
	rec := &recorder{}
	mt.RegisterResponder("GET", testSMSURL+"/sms_in/prices.csv.gz", rec.wrap(func(r *http.Request) (*http.Response, error) {
		if r.Header.Get("Authorization") == "Bearer t1" {
			return httpmock.NewStringResponse(401, `{"errors":[{"title":"Unauthorized","status":"401"}]}`), nil
		}
		return priceFileAnswer(gzipped(t, samplePriceCSV))(r)
	}))
	var out strings.Builder
	require.NoError(t, c.SMSPrices.Download(t.Context(), SMSIn, &out))
	assert.Equal(t, samplePriceCSV, out.String())
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.Equal(t, "Bearer t2", reqs[1].Header.Get("Authorization"))
}

// sequenceSource hands out t1, t2, ... one per call.
type sequenceSource struct{ n int }

func (s *sequenceSource) Token(context.Context) (*Token, error) {
	s.n++
	return &Token{AccessToken: fmt.Sprintf("t%d", s.n)}, nil
}

// TestPriceFileDownloadMemoryIsBounded: a plan of 16 MiB streams through
// in buffers; not parallel, so that nothing else allocates meanwhile.
func TestPriceFileDownloadMemoryIsBounded(t *testing.T) {
	const size = 16 << 20
	text := bigPriceCSV(size)
	body := gzipped(t, text)
	want := sha256.Sum256([]byte(text))
	c, mt := newPricesClient(t)
	mt.RegisterResponder("GET", testVoutURL+"/prices.csv.gz", func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}, nil
	})
	h := sha256.New()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	require.NoError(t, c.OutboundCallPrices.Download(t.Context(), h))
	runtime.ReadMemStats(&after)
	assert.Equal(t, want[:], h.Sum(nil), "every byte arrived")
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("downloaded %d bytes (%d compressed), allocated %d bytes", len(text), len(body), allocated)
	assert.Less(t, allocated, uint64(1<<20), "a download allocates far less than the file's size")
}

// bigPriceCSV is an outbound price file of about size bytes.
func bigPriceCSV(size int) string {
	var b strings.Builder
	b.Grow(size + 200)
	b.WriteString("Category,Country,Network,Prefix,Rate,Connection fee,Initial increment,Recurring increment,Reject calls\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "International,Germany,Network %d,49%d,0.%04d,0.0,1,1,false\n", i%97, i, i%10000+1)
	}
	return b.String()
}

// TestPriceModelsAreValid holds the price models to the decoder's rules
// (they share the type prices, so models_test.go's per-type lists cannot
// hold them): valid tags, and every Decimal required or a pointer.
func TestPriceModelsAreValid(t *testing.T) {
	t.Parallel()
	for _, m := range priceModels {
		require.NoError(t, jsonapi.CheckModel(m))
		typ, err := jsonapi.ResourceType(m)
		require.NoError(t, err)
		assert.Equal(t, "prices", typ)
		for i := 0; i < m.NumField(); i++ {
			f := m.Field(i)
			if f.Type == reflect.TypeFor[Decimal]() {
				assert.True(t, strings.HasSuffix(f.Tag.Get("didww"), ",required"), "%s.%s", m.Name(), f.Name)
			}
		}
	}
}

var priceModels = []reflect.Type{reflect.TypeFor[InboundCallPrice](), reflect.TypeFor[OutboundCallPrice](),
	reflect.TypeFor[SMSOutPrice](), reflect.TypeFor[SMSInPrice]()}

func TestPriceModelsRequireTheirAttributes(t *testing.T) {
	t.Parallel()
	_, err := jsonapi.DecodeMany[InboundCallPrice](mustParse(t, `{"data":[{"id":"1","type":"prices","attributes":{"destination":"1800"}}]}`))
	require.ErrorIs(t, err, jsonapi.ErrDecode)
	assert.Contains(t, err.Error(), "required attribute")
	_, err = jsonapi.DecodeMany[SMSInPrice](mustParse(t, `{"data":[{"id":"1","type":"prices","attributes":{"source_number_length_min":1,
"source_number_length_max":15,"destination_number_length_min":11,"destination_number_length_max":11,"price":null}}]}`))
	require.ErrorIs(t, err, jsonapi.ErrDecode, "an SMS IN price is never null")
	_, err = jsonapi.DecodeMany[SMSOutPrice](mustParse(t, `{"data":[{"id":"1","type":"prices","attributes":{"reject_sms":true,"price":null}}]}`))
	require.NoError(t, err, "a rejected SMS OUT destination has no price")
}

func mustParse(t *testing.T, s string) *jsonapi.Document {
	t.Helper()
	doc, err := jsonapi.Parse([]byte(s))
	require.NoError(t, err)
	return doc
}

func TestWithPricesURLs(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		urls PricesURLs
		want string
	}{
		"empty":      {PricesURLs{InboundCalls: testVinURL, OutboundCalls: testVoutURL}, "didww: WithPricesURLs: SMS is empty"},
		"plain http": {PricesURLs{InboundCalls: "http://vin.example/v3", OutboundCalls: testVoutURL, SMS: testSMSURL}, "InboundCalls"},
		"no scheme":  {PricesURLs{InboundCalls: testVinURL, OutboundCalls: "api-vout.didww.com/v3", SMS: testSMSURL}, "OutboundCalls"},
		"user info":  {PricesURLs{InboundCalls: testVinURL, OutboundCalls: testVoutURL, SMS: "https://u:p@sms.test/v3"}, "must not carry user info"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClient(testKey, WithPricesURLs(tc.urls))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), ":p@")
		})
	}
	c, err := NewClient(testKey, WithPricesURLs(PricesURLs{InboundCalls: "http://127.0.0.1:1/vin/v3/", OutboundCalls: testVoutURL, SMS: testSMSURL}))
	require.NoError(t, err, "http on loopback is fine")
	assert.Equal(t, "127.0.0.1:1", c.cfg.prices.in.Host)
	assert.Equal(t, "/vin/v3", c.cfg.prices.in.Path, "a trailing slash is dropped")
}

// TestPricesLookupRetriesAndRenews: a lookup shares the client's pipeline,
// retrying a 503 and renewing a refused token.
func TestPricesLookupRetriesAndRenews(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(&sequenceSource{}), WithPricesURLs(testPricesURLs))
	rec := &recorder{}
	calls := 0
	doc := fixture(t, "prices/sms_in_lookup.json")
	mt.RegisterResponder("GET", testSMSURL+"/sms_in/lookup/prices", rec.wrap(func(r *http.Request) (*http.Response, error) {
		calls++
		switch calls {
		case 1:
			return httpmock.NewStringResponse(401, `{"errors":[{"title":"Unauthorized","status":"401"}]}`), nil
		case 2:
			return httpmock.NewStringResponse(503, `{"errors":[{"title":"Service unavailable","status":"503"}]}`), nil
		}
		return jsonAnswer(200, doc)(r)
	}))
	prices, err := c.SMSPrices.LookupIn(t.Context(), &SMSPriceQuery{DstNumber: "12125550100"})
	require.NoError(t, err)
	require.Len(t, prices, 1)
	var auth []string
	for _, r := range rec.all() {
		auth = append(auth, r.Header.Get("Authorization"))
		assert.Empty(t, r.Header.Values("Api-Key"))
	}
	assert.Equal(t, []string{"Bearer t1", "Bearer t2", "Bearer t2"}, auth)
}

// TestPriceFileDownloadContentEncoding: a file sent with Content-Encoding:
// gzip arrives decompressed by the transport and is checked as it is.
func TestPriceFileDownloadContentEncoding(t *testing.T) {
	t.Parallel()
	body := gzipped(t, samplePriceCSV)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/v3/prices.csv.gz", r.URL.Path)
		assert.Equal(t, "Bearer "+pricesToken, r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	u := srv.URL + "/v3"
	c, err := NewClient(testKey, WithBaseURL(u), WithRateLimit(0), WithAPIVersion(APIVersion20261119),
		WithTokenSource(&staticSource{tok: &Token{AccessToken: pricesToken}}), WithPricesURLs(PricesURLs{InboundCalls: u, OutboundCalls: u, SMS: u}))
	require.NoError(t, err)
	var out strings.Builder
	require.NoError(t, c.InboundCallPrices.Download(t.Context(), &out))
	assert.Equal(t, samplePriceCSV, out.String())
}
