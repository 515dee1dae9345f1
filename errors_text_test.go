package didww

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const textDID = "4048d28a-6cab-46c9-98e9-d69d2466c131"

// textCase makes one failure and returns its error; fail registers what the
// mock transport answers.
type textCase struct {
	opts []Option
	fail func(mt *httpmock.MockTransport)
	call func(ctx context.Context, c *Client) error
}

var (
	refused    = httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	reset      = httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET})
	errorsBody = []byte(`{"errors":[{"title":"is invalid","detail":"sku_id - is invalid","code":"100","status":"422"}]}`)
)

func listCountries(ctx context.Context, c *Client) error {
	_, err := c.Countries.List(ctx, &CountryListOptions{Name: "private filter value"})
	return err
}

func createOrder(ref string) func(context.Context, *Client) error {
	return func(ctx context.Context, c *Client) error {
		req := safeOrderRequest()
		req.ExternalReferenceID = ref
		_, err := c.Orders.Create(ctx, req)
		return err
	}
}

func reserve(ctx context.Context, c *Client) error {
	_, err := c.DIDReservations.Create(ctx, &DIDReservationCreateRequest{AvailableDIDID: textDID})
	return err
}

func at(method, path string, r httpmock.Responder) func(*httpmock.MockTransport) {
	return func(mt *httpmock.MockTransport) { mt.RegisterResponder(method, testBaseURL+path, r) }
}

func tokenAt(status int, body string) func(*httpmock.MockTransport) {
	return func(mt *httpmock.MockTransport) {
		mt.RegisterResponder("POST", "https://auth.test/token", httpmock.NewStringResponder(status, body))
	}
}

func textCases() map[string]textCase {
	tokens := []Option{WithAPIVersion(APIVersion20261119), WithTokenURL("https://auth.test/token")}
	badAmount := strings.Replace(string(orderDoc("00000001-0000-4000-8000-000000000000", "pending", "")), `"amount":"1.5"`, `"amount":"abc"`, 1)
	return map[string]textCase{
		"dial refused":           {fail: at("GET", "/countries", refused), call: listCountries},
		"connection reset":       {fail: at("GET", "/countries", reset), call: listCountries},
		"redirect to plain http": {fail: at("GET", "/countries", httpmock.NewStringResponder(302, "").HeaderSet(http.Header{"Location": {"http://evil.test/x"}})), call: listCountries},
		"context canceled": {call: func(ctx context.Context, c *Client) error {
			ctx, cancel := context.WithCancel(ctx)
			cancel()
			return listCountries(ctx, c)
		}},
		"garbage 200":         {fail: at("GET", "/countries", jsonAPI(200, []byte(`<html>hi</html>`))), call: listCountries},
		"bad decimal":         {fail: at("GET", "/orders/o1", jsonAPI(200, []byte(badAmount))), call: func(ctx context.Context, c *Client) error { _, err := c.Orders.Get(ctx, "o1", nil); return err }},
		"404":                 {fail: at("GET", "/countries/x", jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","detail":"x not found","code":"404","status":"404"}]}`))), call: func(ctx context.Context, c *Client) error { _, err := c.Countries.Get(ctx, "x", nil); return err }},
		"422 reservation":     {fail: at("POST", "/did_reservations", jsonAPI(422, []byte(`{"errors":[{"title":"cannot be reserved","detail":"available_did - the DID cannot be reserved","code":"100","status":"422","source":{"pointer":"/data/relationships/available_did"}}]}`))), call: reserve},
		"503 HTML":            {fail: at("GET", "/countries", httpmock.NewStringResponder(503, "<html><title>Down</title></html>")), call: listCountries},
		"empty id":            {call: func(ctx context.Context, c *Client) error { _, err := c.Countries.Get(ctx, " ", nil); return err }},
		"order 2xx errors":    {fail: at("POST", "/orders", jsonAPI(201, errorsBody)), call: createOrder("")},
		"order lost":          {fail: at("POST", "/orders", reset), call: createOrder("")},
		"order lookup failed": {fail: func(mt *httpmock.MockTransport) { at("POST", "/orders", reset)(mt); at("GET", "/orders", refused)(mt) }, call: createOrder("shop-order-7")},
		"reservation 2xx null": {fail: func(mt *httpmock.MockTransport) {
			at("POST", "/did_reservations", jsonAPI(201, []byte(`{"data":null}`)))(mt)
			at("GET", "/did_reservations", httpmock.NewStringResponder(500, "oops"))(mt)
		}, call: reserve},
		"release may be done": {fail: at("DELETE", "/did_reservations/r1", httpmock.NewStringResponder(503, "")), call: func(ctx context.Context, c *Client) error { return c.DIDReservations.Delete(ctx, "r1") }},
		"purchase at reserve": {fail: at("POST", "/did_reservations", jsonAPI(422, errorsBody)), call: func(ctx context.Context, c *Client) error {
			_, err := c.BuyAvailableDID(ctx, &BuyAvailableDIDRequest{AvailableDIDID: textDID, SKUID: orderSKU})
			return err
		}},
		"mint refused":         {opts: tokens, fail: tokenAt(401, `{"errors":[{"title":"bad key `+testKey+`"}]}`), call: listCountries},
		"mint transport error": {opts: tokens, fail: func(mt *httpmock.MockTransport) { mt.RegisterResponder("POST", "https://auth.test/token", refused) }, call: listCountries},
		"mint garbage":         {opts: tokens, fail: tokenAt(200, `{"nope":1}`), call: listCountries},
		"token refused twice": {opts: tokens, fail: func(mt *httpmock.MockTransport) {
			tokenAt(200, `{"access_token":"tok-1"}`)(mt)
			at("GET", "/countries", httpmock.NewStringResponder(401, ""))(mt)
		}, call: listCountries},
		"token source error": {opts: []Option{WithAPIVersion(APIVersion20261119), WithTokenSource(&staticSource{err: fmt.Errorf("vault: %w", ErrUnauthorized)})}, call: listCountries},
	}
}

// Every failure path reads as one line that starts with exactly one
// "didww: ", carries no net/url operation ("Get:", "Post:") and never the key.
func TestErrorTextOfEveryFailurePath(t *testing.T) {
	t.Parallel()
	for name, tc := range textCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t, tc.opts...)
			if tc.fail != nil {
				tc.fail(mt)
			}
			err := tc.call(t.Context(), c)
			require.Error(t, err)
			assertErrorText(t, err.Error())
		})
	}
	for _, opt := range []Option{WithBaseURL("api.didww.com/v3"), WithBaseURL("https://api.test/%zz"), WithBaseURL("https://u:" + testKey + "@api.test/v3"),
		WithBaseURL("u:" + testKey + "@api.test/v3"), WithTokenURL("auth.didww.com/token"), WithEnvironment("prod")} {
		_, err := NewClient(testKey, opt)
		require.Error(t, err)
		assertErrorText(t, err.Error())
	}
}

func assertErrorText(t *testing.T, msg string) {
	t.Helper()
	t.Log(msg)
	assert.True(t, strings.HasPrefix(msg, "didww: "), msg)
	assert.Equal(t, 1, strings.Count(msg, "didww:"), msg)
	assert.NotContains(t, msg, "\n")
	for _, op := range []string{"Get", "Post", "Patch", "Delete", "parse"} {
		assert.NotContains(t, msg, op+" \"", msg)
		assert.NotContains(t, msg, op+": ", msg)
	}
	assert.NotContains(t, msg, "private filter value", "the query stays out")
	assert.NotContains(t, msg, testKey)
}

// A 401 under bearer tokens on the sandbox: a refused key gets the key hint,
// a refused token a hint about tokens, never the key hint.
func TestUnauthorizedSandboxHintWithTokens(t *testing.T) {
	t.Parallel()
	newSandbox := func(t *testing.T) (*Client, *httpmock.MockTransport) {
		mt := httpmock.NewMockTransport()
		c, err := NewClient(testKey, WithAPIVersion(APIVersion20261119), WithHTTPClient(&http.Client{Transport: mt}),
			WithRateLimit(0), WithMaxRetries(0))
		require.NoError(t, err)
		return c, mt
	}
	c, mt := newSandbox(t)
	mt.RegisterResponder("POST", sandboxTokenURL, httpmock.NewStringResponder(401, ""))
	_, err := c.Countries.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, "didww: GET /countries: minting a bearer token at "+sandboxTokenURL+": 401 Unauthorized: no content type, 0 bytes"+
		" (the sandbox's token service, whose keys differ from production keys; use WithEnvironment(didww.Production) for a production key)", err.Error())

	c, mt = newSandbox(t)
	mt.RegisterResponder("POST", sandboxTokenURL, httpmock.NewStringResponder(200, `{"access_token":"tok-1"}`))
	mt.RegisterResponder("GET", string(Sandbox)+"/countries", httpmock.NewStringResponder(401, ""))
	_, err = c.Countries.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, "didww: GET /countries: 401 Unauthorized (this client talks to the sandbox, which takes only tokens of its own token service, "+
		sandboxTokenURL+"); the API refused the bearer token, and a new one after it", err.Error())
	assert.Equal(t, 2, mt.GetCallCountInfo()["GET "+string(Sandbox)+"/countries"])

	// In production, no hint either way.
	mt = httpmock.NewMockTransport()
	c, err = NewClient(testKey, WithAPIVersion(APIVersion20261119), WithEnvironment(Production),
		WithHTTPClient(&http.Client{Transport: mt}), WithRateLimit(0))
	require.NoError(t, err)
	mt.RegisterResponder("POST", productionTokenURL, httpmock.NewStringResponder(401, ""))
	_, err = c.Countries.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.NotContains(t, err.Error(), "sandbox")
}
