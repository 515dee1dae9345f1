package didww

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreSentinels are every sentinel error of the package.
var coreSentinels = map[string]error{
	"ErrNotFound": ErrNotFound, "ErrUnauthorized": ErrUnauthorized, "ErrForbidden": ErrForbidden,
	"ErrRateLimited": ErrRateLimited, "ErrValidation": ErrValidation, "ErrInsufficientFunds": ErrInsufficientFunds,
	"ErrServer": ErrServer, "ErrInvalidRequest": ErrInvalidRequest, "ErrDecode": ErrDecode,
	"ErrNumberUnavailable": ErrNumberUnavailable, "ErrInsufficientScope": ErrInsufficientScope,
}

// coreMatching lists the sentinels err matches.
func coreMatching(err error) []string {
	var out []string
	for name, s := range coreSentinels {
		if errors.Is(err, s) {
			out = append(out, name)
		}
	}
	return out
}

// coreLazyBody produces size bytes without holding them: a prefix, then 'x'.
type coreLazyBody struct {
	prefix   string
	size, n  int64
	failWith error // returned instead of io.EOF at the end, when set
}

func (b *coreLazyBody) Read(p []byte) (int, error) {
	if b.n >= b.size {
		if b.failWith != nil {
			return 0, b.failWith
		}
		return 0, io.EOF
	}
	k := min(int64(len(p)), b.size-b.n)
	for i := int64(0); i < k; i++ {
		if pos := b.n + i; pos < int64(len(b.prefix)) {
			p[i] = b.prefix[pos]
		} else {
			p[i] = 'x'
		}
	}
	b.n += k
	return int(k), nil
}

// coreRespond answers with status, header and body.
func coreRespond(status int, body io.Reader, header ...string) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		resp := &http.Response{StatusCode: status, Status: http.StatusText(status), Header: http.Header{}, Body: io.NopCloser(body), Request: r}
		for i := 0; i+1 < len(header); i += 2 {
			resp.Header.Set(header[i], header[i+1])
		}
		return resp, nil
	}
}

func TestAPIErrorFromErrorsDocument(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(422, fixture(t, "core/errors_422.json"))
		resp.Header.Set("Content-Type", MediaType)
		resp.Header.Set("X-Request-Id", "req-123")
		return resp, nil
	}))
	resp, err := c.do(t.Context(), &request{method: "POST", path: "/orders", body: []byte(`{"data":{}}`)})
	assert.Nil(t, resp)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, rec.all(), 1, "a 422 is not retried")
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, "POST", apiErr.Method)
	assert.Equal(t, "/orders", apiErr.Path)
	assert.Equal(t, "req-123", apiErr.RequestID)
	assert.Zero(t, apiErr.RetryAfter)
	assert.Nil(t, apiErr.Body, "Body is kept only when the answer is no errors document")
	assert.Equal(t, []ErrorObject{
		{
			Title: "can't be blank", Detail: "sku_id - can't be blank", Code: "100", Status: "422",
			Source: &ErrorSource{Pointer: "/data/attributes/sku_id"}, Meta: map[string]any{"field": "sku_id"},
		},
		{Title: "is invalid", Detail: "qty - is invalid", Code: "100", Status: "422", Source: &ErrorSource{Parameter: "qty"}},
	}, apiErr.Errors)
	assert.Equal(t, "didww: POST /orders: 422 Unprocessable Entity: sku_id: can't be blank; qty: is invalid", err.Error())
	assert.ElementsMatch(t, []string{"ErrValidation"}, coreMatching(err))
	coreAssertErrNoKey(t, err)
}

func TestSentinelsByStatusAndCode(t *testing.T) {
	t.Parallel()
	obj := func(title, code, status string) string {
		return `{"errors":[{"title":"` + title + `","detail":"` + title + `","code":"` + code + `","status":"` + status + `"}]}`
	}
	cases := []struct {
		name   string
		status int
		body   string
		want   []string
	}{
		{"404", 404, obj("Record not found", "404", "404"), []string{"ErrNotFound"}},
		{"401", 401, `{"errors":[{"title":"Unauthorized","status":"401"}]}`, []string{"ErrUnauthorized"}},
		{"403", 403, obj("Forbidden", "403", "403"), []string{"ErrForbidden"}},
		{"403 insufficient scope", 403, obj("Insufficient scope", "403", "403"), []string{"ErrForbidden", "ErrInsufficientScope"}},
		{"403 insufficient_scope code", 403, obj("Forbidden", "insufficient_scope", "403"), []string{"ErrForbidden", "ErrInsufficientScope"}},
		{"401 insufficient scope", 401, obj("Insufficient scope", "401", "401"), []string{"ErrUnauthorized"}},
		{"429", 429, `{"errors":[{"status":"429","detail":"Too Many Requests"}]}`, []string{"ErrRateLimited"}},
		{"422", 422, obj("can't be blank", "100", "422"), []string{"ErrValidation"}},
		{"422 no body", 422, ``, []string{"ErrValidation"}},
		{"400 code 100", 400, obj("is invalid", "100", "400"), []string{"ErrValidation"}},
		{"400 insufficient funds", 400, obj("Insufficient funds", "400", "400"), []string{"ErrInsufficientFunds"}},
		{"400 insufficient funds detail", 400, `{"errors":[{"title":"Bad request","detail":"insufficient  FUNDS on balance"}]}`, nil},
		{"400 insufficient funds in detail", 400, `{"errors":[{"title":"Bad request","detail":"Insufficient funds on balance"}]}`, []string{"ErrInsufficientFunds"}},
		{"400 filter not allowed", 400, obj("Filter not allowed", "102", "400"), nil},
		{"409 conflict", 409, obj("Conflict", "409", "409"), nil},
		{"500", 500, obj("Internal server error", "500", "500"), []string{"ErrServer"}},
		{"502", 502, ``, []string{"ErrServer"}},
		{"503", 503, `oops`, []string{"ErrServer"}},
		{"504", 504, ``, []string{"ErrServer"}},
		{"599", 599, ``, []string{"ErrServer"}},
		{"302 unfollowed", 304, ``, nil},
		{"second object validates", 400, `{"errors":[{"title":"x","code":"102"},{"title":"y","code":"100"}]}`, []string{"ErrValidation"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t, WithMaxRetries(0))
			rec := &recorder{}
			mt.RegisterResponder("GET", testBaseURL+"/countries/c1", rec.wrap(jsonAPI(tc.status, []byte(tc.body))))
			country, err := c.Countries.Get(t.Context(), "c1", nil)
			assert.Nil(t, country)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, "GET", apiErr.Method)
			assert.Equal(t, "/countries/c1", apiErr.Path)
			assert.ElementsMatch(t, tc.want, coreMatching(err))
			assert.Len(t, rec.all(), 1)
			coreAssertErrNoKey(t, err)
		})
	}
}

func TestUnauthorizedSandboxHint(t *testing.T) {
	t.Parallel()
	body := []byte(`{"errors":[{"title":"Unauthorized","detail":"Invalid api key","status":"401"}]}`)
	for env, hint := range map[Environment]bool{Sandbox: true, Production: false} {
		mt := httpmock.NewMockTransport()
		mt.RegisterResponder("GET", string(env)+"/countries", jsonAPI(401, body))
		c, err := NewClient(testKey, WithEnvironment(env), WithHTTPClient(&http.Client{Transport: mt}), WithRateLimit(0))
		require.NoError(t, err)
		_, err = c.Countries.List(t.Context(), nil)
		require.ErrorIs(t, err, ErrUnauthorized)
		msg := err.Error()
		assert.True(t, strings.HasPrefix(msg, "didww: GET /countries: 401 Unauthorized: Invalid api key"), msg)
		if hint {
			assert.Contains(t, msg, "WithEnvironment(didww.Production)")
			assert.Contains(t, msg, "sandbox")
		} else {
			assert.NotContains(t, msg, "WithEnvironment")
		}
		assert.NotContains(t, msg, "\n")
		coreAssertErrNoKey(t, err)
	}
	// A custom base URL is no sandbox: no hint.
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/countries", jsonAPI(401, body))
	_, err := c.Countries.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.NotContains(t, err.Error(), "WithEnvironment")
}

func TestHTMLBadGatewaySummarised(t *testing.T) {
	t.Parallel()
	page := fixture(t, "core/bad_gateway.html")
	c, mt := newTestClient(t, WithMaxRetries(0))
	mt.RegisterResponder("GET", testBaseURL+"/countries", httpmock.NewBytesResponder(502, page).HeaderSet(http.Header{"Content-Type": {"text/html"}}))
	page2, err := c.Countries.List(t.Context(), nil)
	assert.Nil(t, page2)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, page, apiErr.Body, "the raw page is kept")
	assert.Nil(t, apiErr.Errors)
	assert.Equal(t, `didww: GET /countries: 502 Bad Gateway: HTML page "502 Bad Gateway" (`+strconv.Itoa(len(page))+` bytes)`, err.Error())
	for _, pasted := range []string{"<", "nginx", "10.0.0.12", "Lorem", "\n"} {
		assert.NotContains(t, err.Error(), pasted)
	}
	assert.ElementsMatch(t, []string{"ErrServer"}, coreMatching(err))
}

func TestErrorBodies(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"empty", 500, "", "didww: GET /countries: 500 Internal Server Error"},
		{"blank", 500, " \n ", `didww: GET /countries: 500 Internal Server Error: "" (3 bytes)`},
		{"plain text", 503, "upstream\tconnect error\r\nor disconnect", `didww: GET /countries: 503 Service Unavailable: "upstream connect error or disconnect" (37 bytes)`},
		{"HTML without title", 502, "<html><body>bad</body></html>", "didww: GET /countries: 502 Bad Gateway: HTML page (29 bytes)"},
		{"HTML Latin-1 before title", 502, "<!DOCTYPE html><meta content=\"caf\xe9\"><TITLE>Erreur\xe9</Title>", `didww: GET /countries: 502 Bad Gateway: HTML page "Erreur" (58 bytes)`},
		{"HTML unclosed title", 502, "<!DOCTYPE html><title>bad", "didww: GET /countries: 502 Bad Gateway: HTML page (25 bytes)"},
		{"truncated errors document", 422, `{"errors":[{"title":"can't be`, `didww: GET /countries: 422 Unprocessable Entity: "{\"errors\":[{\"title\":\"can't be" (29 bytes)`},
		{"errors not an array", 400, `{"errors":{"title":"x"}}`, `didww: GET /countries: 400 Bad Request: "{\"errors\":{\"title\":\"x\"}}" (24 bytes)`},
		{"errors empty", 400, `{"errors":[]}`, `didww: GET /countries: 400 Bad Request: "{\"errors\":[]}" (13 bytes)`},
		{"errors null", 400, `{"errors":null}`, `didww: GET /countries: 400 Bad Request: "{\"errors\":null}" (15 bytes)`},
		{"wrong shape", 400, `[1,2,3]`, `didww: GET /countries: 400 Bad Request: "[1,2,3]" (7 bytes)`},
		{"binary", 500, "\x00\x01\xff\xfe", `didww: GET /countries: 500 Internal Server Error: "" (4 bytes)`},
		{"object with only code", 400, `{"errors":[{"code":"106"}]}`, "didww: GET /countries: 400 Bad Request: code 106"},
		{"title without detail", 400, `{"errors":[{"title":"Filter not allowed","source":{"parameter":"filter[x]"}}]}`, "didww: GET /countries: 400 Bad Request: filter[x]: Filter not allowed"},
		{"detail names its field", 422, `{"errors":[{"detail":"qty must be positive","source":{"pointer":"/data/attributes/qty"}}]}`, "didww: GET /countries: 422 Unprocessable Entity: qty must be positive"},
		{"multi-line detail", 400, `{"errors":[{"detail":"line one\nline\ttwo\u0000"}]}`, "didww: GET /countries: 400 Bad Request: line one line two"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t, WithMaxRetries(0))
			mt.RegisterResponder("GET", testBaseURL+"/countries", httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.Countries.List(t.Context(), nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.want, err.Error())
			if apiErr.Errors == nil {
				assert.Equal(t, tc.body, string(apiErr.Body))
			} else {
				assert.Nil(t, apiErr.Body)
			}
			assert.NotContains(t, err.Error(), "\n")
			coreAssertErrNoKey(t, err)
		})
	}
}

func TestHugeErrorBodyIsCapped(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithMaxRetries(0))
	body := &coreLazyBody{prefix: `{"errors":[{"detail":"`, size: 1 << 40}
	mt.RegisterResponder("GET", testBaseURL+"/countries", coreRespond(500, body))
	_, err := c.Countries.List(t.Context(), nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, maxErrorBody, "the body is cut at the cap")
	assert.LessOrEqual(t, body.n, int64(maxErrorBody+1)+32*1024, "no more than the cap was read")
	assert.True(t, strings.HasPrefix(string(apiErr.Body), `{"errors":[{"detail":"xxx`))
	assert.Less(t, len(err.Error()), 200, "the error line stays short")
	assert.Contains(t, err.Error(), "(1048576 bytes)")
}

func TestHugeSuccessBodyIsRefused(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	c.cfg.maxBody = 1024
	body := &coreLazyBody{prefix: `{"data":[{"type":"countries","id":"`, size: 1 << 40}
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(coreRespond(200, body)))
	page, err := c.Countries.List(t.Context(), nil)
	assert.Nil(t, page)
	require.ErrorIs(t, err, ErrDecode)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "GET", de.Method)
	assert.Equal(t, "/countries", de.Path)
	assert.Equal(t, 200, de.StatusCode)
	assert.EqualError(t, de.Err, "response body exceeds 1024 bytes")
	wantExcerpt := `{"data":[{"type":"countries","id":"`
	wantExcerpt += strings.Repeat("x", 64-len(wantExcerpt)) + "…"
	assert.Equal(t, wantExcerpt, de.Excerpt)
	assert.LessOrEqual(t, body.n, int64(1025+32*1024))
	assert.Len(t, rec.all(), 1, "an oversized answer is not retried")

	// A body exactly at the cap is fine.
	exact := `{"data":[],"meta":{"api_version":"` + strings.Repeat("x", 1024-len(`{"data":[],"meta":{"api_version":""}}`)) + `"}}`
	require.Len(t, exact, 1024)
	mt.RegisterResponder("GET", testBaseURL+"/regions", httpmock.NewStringResponder(200, exact))
	regions, err := c.Regions.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, regions.Items)
}

func TestDecodeFailuresOnSuccess(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, want string
		get              bool
	}{
		{"empty list", ``, "empty body", false},
		{"empty get", ``, "empty body", true},
		{"truncated", `{"data":[{"type":"countries","id":"1","attributes":{"name":"Chi`, "invalid JSON: unexpected end of JSON input", false},
		{"HTML", `<html><title>Maintenance</title></html>`, "body is not a JSON object", false},
		{"array body", `[{"type":"countries"}]`, "body is not a JSON object", false},
		{"data string", `{"data":"countries"}`, `"data" is neither an object, an array nor null`, false},
		{"no data", `{"meta":{}}`, `document has no "data" member`, true},
		{"object on list", `{"data":{"type":"countries","id":"1"}}`, "data is not an array", false},
		{"array on get", `{"data":[{"type":"countries","id":"1"}]}`, "data is an array where one resource was expected", true},
		{"wrong type on get", `{"data":{"type":"regions","id":"1"}}`, `resource type "regions" where "countries" was expected`, true},
		{"wrong type in list", `{"data":[{"type":"countries","id":"1","attributes":{"name":"N","iso":"NN"}},{"type":"regions","id":"2"}]}`, `data[1]: resource type "regions"`, false},
		{"attribute wrong type", `{"data":{"type":"countries","id":"1","attributes":{"name":7}}}`, `countries 1: attribute "name"`, true},
		{"required attribute absent", `{"data":{"type":"countries","id":"1","attributes":{"name":"N"}}}`, `countries 1: required attribute "iso" is absent or null`, true},
		{"required attribute null in list", `{"data":[{"type":"countries","id":"1","attributes":{"name":null,"iso":"NN"}}]}`, `data[0]: countries 1: required attribute "name" is absent or null`, false},
		{"attributes array", `{"data":{"type":"countries","id":"1","attributes":["x"]}}`, "attributes of countries 1 are not an object", true},
		{"relationship malformed", `{"data":{"type":"countries","id":"1","relationships":{"regions":{"data":"r1"}}}}`, "linkage is neither", true},
		{"included wrong type", `{"data":{"type":"countries","id":"1","attributes":{"name":"N","iso":"NN"},"relationships":{"regions":{"data":[{"type":"regions","id":"r1"}]}}},"included":[{"type":"regions","id":"r1","attributes":{"name":["x"]}}]}`, `relationship "regions"[0]: regions r1: attribute "name"`, true},
		{"meta wrong shape on list", `{"data":[],"meta":{"total_records":"many"}}`, "meta: json: cannot unmarshal string", false},
		{"meta wrong shape on get", `{"data":{"type":"countries","id":"1","attributes":{"name":"N","iso":"NN"}},"meta":{"api_version":5}}`, "meta: json: cannot unmarshal number", true},
		{"meta not an object", `{"data":[],"meta":[1]}`, "meta: json: cannot unmarshal array", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			rec := &recorder{}
			mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(jsonAPI(200, []byte(tc.body))))
			mt.RegisterResponder("GET", testBaseURL+"/countries/1", rec.wrap(jsonAPI(200, []byte(tc.body))))
			var err error
			if tc.get {
				var country *Country
				country, err = c.Countries.Get(t.Context(), "1", nil)
				assert.Nil(t, country, "no half-filled model")
			} else {
				var page *Page[Country]
				page, err = c.Countries.List(t.Context(), nil)
				assert.Nil(t, page, "no half-filled page")
			}
			require.ErrorIs(t, err, ErrDecode)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
			assert.Equal(t, "GET", de.Method)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "didww: GET /countries")
			assert.Contains(t, err.Error(), "cannot decode 200 response")
			assert.NotContains(t, err.Error(), "\n")
			assert.ElementsMatch(t, []string{"ErrDecode"}, coreMatching(err))
			assert.Len(t, rec.all(), 1, "a decode failure is not retried")
			coreAssertErrNoKey(t, err)
		})
	}
}

func TestSuccessStatusWithErrorsDocument(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/countries/c1", jsonAPI(200, []byte(`{"errors":[{"title":"is invalid","detail":"filter - is invalid","code":"100","status":"422","source":{"parameter":"filter"}}]}`)))
	mt.RegisterResponder("GET", testBaseURL+"/countries", jsonAPI(200, []byte(`{"errors":[{"title":"Insufficient funds","code":"400"}],"data":[]}`)))

	country, err := c.Countries.Get(t.Context(), "c1", nil)
	assert.Nil(t, country)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 200, apiErr.StatusCode)
	assert.Equal(t, "/countries/c1", apiErr.Path)
	assert.Equal(t, []ErrorObject{{Title: "is invalid", Detail: "filter - is invalid", Code: "100", Status: "422", Source: &ErrorSource{Parameter: "filter"}}}, apiErr.Errors)
	assert.Equal(t, "didww: GET /countries/c1: 200 OK: filter: is invalid", err.Error())
	assert.ElementsMatch(t, []string{"ErrValidation"}, coreMatching(err))

	page, err := c.Countries.List(t.Context(), nil)
	assert.Nil(t, page)
	require.ErrorAs(t, err, &apiErr)
	assert.ElementsMatch(t, []string{"ErrInsufficientFunds"}, coreMatching(err))
	assert.Equal(t, "didww: GET /countries: 200 OK: Insufficient funds", err.Error())
}

func TestNullDataOnGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/countries/gone", jsonAPI(200, []byte(`{"data":null,"meta":{"api_version":"2026-04-16"}}`)))
	country, err := c.Countries.Get(t.Context(), "gone", nil)
	assert.Nil(t, country)
	require.ErrorIs(t, err, ErrNotFound)
	assert.EqualError(t, err, "didww: not found: GET /countries/gone answered 200 with null data")
	var apiErr *APIError
	assert.False(t, errors.As(err, &apiErr), "not an API error: the server said 200")
	assert.ElementsMatch(t, []string{"ErrNotFound"}, coreMatching(err))

	// A list answered with null data is malformed.
	mt.RegisterResponder("GET", testBaseURL+"/countries", jsonAPI(200, []byte(`{"data":null}`)))
	page, err := c.Countries.List(t.Context(), nil)
	assert.Nil(t, page)
	require.ErrorIs(t, err, ErrDecode)
	assert.Contains(t, err.Error(), "data is not an array")
}

func TestRequestIDAndRetryAfterOnAPIError(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		header []string
		id     string
	}{
		"X-Request-Id":  {[]string{"X-Request-Id", "abc"}, "abc"},
		"Request-Id":    {[]string{"Request-Id", "def"}, "def"},
		"none":          {nil, ""},
		"multi-line id": {[]string{"X-Request-Id", "a\x01b " + strings.Repeat("z", 200)}, "a b " + strings.Repeat("z", 96) + "…"},
	}
	for name, tc := range cases {
		c, mt := newTestClient(t, WithMaxRetries(0))
		mt.RegisterResponder("GET", testBaseURL+"/countries", coreRespond(429, strings.NewReader(""), append([]string{"Retry-After", "7"}, tc.header...)...))
		_, err := c.Countries.List(t.Context(), nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr, name)
		assert.Equal(t, tc.id, apiErr.RequestID, name)
		assert.Equal(t, 7*time.Second, apiErr.RetryAfter, name)
	}
}

func TestAPIErrorIsUnknownTarget(t *testing.T) {
	t.Parallel()
	e := &APIError{StatusCode: 404}
	assert.False(t, e.Is(errors.New("didww: not found")), "only the sentinels themselves match")
	assert.False(t, e.Is(ErrDecode))
	assert.False(t, e.Is(nil))
	assert.Equal(t, "didww:  : 0 ", (&APIError{}).Error())
}

func TestRequestError(t *testing.T) {
	t.Parallel()
	err := invalid("items[0].sku_id", "is empty (%d)", 3)
	assert.EqualError(t, err, "didww: invalid request: items[0].sku_id: is empty (3)")
	assert.ErrorIs(t, err, ErrInvalidRequest)
	var re *RequestError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, &RequestError{Field: "items[0].sku_id", Problem: "is empty (3)"}, re)
	assert.EqualError(t, &RequestError{Problem: "no items"}, "didww: invalid request: no items")
	assert.ElementsMatch(t, []string{"ErrInvalidRequest"}, coreMatching(err))
}

func TestDecodeErrorUnwrap(t *testing.T) {
	t.Parallel()
	cause := io.ErrUnexpectedEOF
	err := &DecodeError{Method: "GET", Path: "/x", StatusCode: 200, Excerpt: `{"da`, Err: cause}
	assert.ErrorIs(t, err, ErrDecode)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.EqualError(t, err, `didww: GET /x: cannot decode 200 response: unexpected EOF (body starts "{\"da")`)
}

func TestOneLine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"", 10, ""},
		{"  a \n\t b  ", 10, "a b"},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"a b c d", 3, "a b…"},
		{"é\x00\u200bü", 10, "é \u200bü"},
		{"ab cd", 2, "ab…"},
		{"ab cd", 3, "ab…"},
		{"ab cd", 4, "ab c…"},
		{"\xff\xfeok", 10, "ok"},
		{"日本語テキスト", 3, "日本語…"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, oneLine(tc.in, tc.max), "%q", tc.in)
	}
}

func TestParseErrorBody(t *testing.T) {
	t.Parallel()
	objs, ok := parseErrorBody([]byte(`{"errors":[{"title":"t","code":100,"status":422,"source":{"pointer":"/a/b"}},{"detail":"d","meta":{"n":1}}]}`))
	require.True(t, ok)
	assert.Equal(t, []ErrorObject{
		{Title: "t", Code: "100", Status: "422", Source: &ErrorSource{Pointer: "/a/b"}},
		{Detail: "d", Meta: map[string]any{"n": float64(1)}},
	}, objs)
	for _, bad := range []string{``, `x`, `{}`, `{"errors":null}`, `{"errors":[]}`, `{"errors":{}}`, `{"errors":[1]}`, `{"errors":[{"code":{}}]}`, `[]`} {
		objs, ok := parseErrorBody([]byte(bad))
		assert.False(t, ok, bad)
		assert.Nil(t, objs, bad)
	}
}

// An errors document on a 2xx is built like any other APIError: it keeps the
// request id, Retry-After, method and path of the answer.
func TestErrorsDocumentOn2xxKeepsTheAnswer(t *testing.T) {
	t.Parallel()
	body := `{"errors":[{"title":"is invalid","detail":"filter - is invalid","code":"100","status":"422"}]}`
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/countries/c1",
		coreRespond(201, strings.NewReader(body), "Content-Type", MediaType, "X-Request-Id", "req-201", "Retry-After", "3"))
	_, err := c.Countries.Get(t.Context(), "c1", nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 201, apiErr.StatusCode)
	assert.Equal(t, "GET", apiErr.Method)
	assert.Equal(t, "/countries/c1", apiErr.Path)
	assert.Equal(t, "req-201", apiErr.RequestID)
	assert.Equal(t, 3*time.Second, apiErr.RetryAfter)
	assert.Equal(t, []ErrorObject{{Title: "is invalid", Detail: "filter - is invalid", Code: "100", Status: "422"}}, apiErr.Errors)
	assert.Nil(t, apiErr.Body)

	// On POST /orders the same answer may mean a placed order: it stays an
	// outcome error around a DecodeError, which keeps the request id too.
	c, mt = newTestClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/orders",
		coreRespond(201, strings.NewReader(body), "Content-Type", MediaType, "X-Request-Id", "req-order"))
	req := safeOrderRequest()
	req.ExternalReferenceID = ""
	_, err = c.Orders.Create(t.Context(), req)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.NotErrorIs(t, err, ErrValidation, "a 201 never reads as a refusal")
	assert.False(t, errors.As(err, &apiErr), "no APIError: the API did not refuse")
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 201, de.StatusCode)
	assert.Equal(t, "POST", de.Method)
	assert.Equal(t, "/orders", de.Path)
	assert.Equal(t, "req-order", de.RequestID)
}

// errorsDoc is an errors document of the API's shape (API_REFERENCE §4):
// one object per pointer, "" for none.
func errorsDoc(status int, code, detail string, pointers ...string) []byte {
	objs := make([]string, 0, len(pointers))
	for _, p := range pointers {
		source := ""
		if p != "" {
			source = fmt.Sprintf(`,"source":{"pointer":%q}`, p)
		}
		objs = append(objs, fmt.Sprintf(`{"title":%q,"detail":%q,"code":%q,"status":"%d"%s}`, detail, detail, code, status, source))
	}
	return []byte(`{"errors":[` + strings.Join(objs, ",") + `]}`)
}

// "Number not available" can be told without parsing text where the API's
// documents allow it, and nowhere else.
func TestNumberUnavailable(t *testing.T) {
	t.Parallel()
	const did = "4048d28a-6cab-46c9-98e9-d69d2466c131"
	reserve := func(ctx context.Context, c *Client) error {
		_, err := c.DIDReservations.Create(ctx, &DIDReservationCreateRequest{AvailableDIDID: did})
		return err
	}
	getDID := func(ctx context.Context, c *Client) error { _, err := c.AvailableDIDs.Get(ctx, did, nil); return err }
	order := func(ctx context.Context, c *Client) error {
		_, err := c.Orders.Create(ctx, &OrderCreateRequest{Items: []OrderItemRequest{
			SKUOrderItem{SKUID: orderSKU, Qty: 1}, AvailableDIDOrderItem{SKUID: orderSKU, AvailableDIDID: did}}})
		return err
	}
	buy := func(ctx context.Context, c *Client) error {
		_, err := c.BuyAvailableDID(ctx, &BuyAvailableDIDRequest{AvailableDIDID: did, SKUID: orderSKU})
		return err
	}
	const item1 = "/data/attributes/items/1/attributes/"
	cases := map[string]struct {
		method, path string
		status       int
		body         []byte
		call         func(context.Context, *Client) error
		want         []string
	}{
		"reserve: cannot be reserved": {"POST", "/did_reservations", 422, errorsDoc(422, "100", "available_did - the DID cannot be reserved", "/data/relationships/available_did"),
			reserve, []string{"ErrValidation", "ErrNumberUnavailable"}},
		"reserve: pointer below available_did": {"POST", "/did_reservations", 422, errorsDoc(422, "100", "is invalid", "/data/relationships/available_did/data/id"),
			reserve, []string{"ErrValidation", "ErrNumberUnavailable"}},
		"reserve: no pointer":       {"POST", "/did_reservations", 422, errorsDoc(422, "100", "cannot be reserved", ""), reserve, []string{"ErrValidation", "ErrNumberUnavailable"}},
		"reserve: not a document":   {"POST", "/did_reservations", 422, []byte("Unprocessable"), reserve, []string{"ErrValidation", "ErrNumberUnavailable"}},
		"reserve: about the note":   {"POST", "/did_reservations", 422, errorsDoc(422, "100", "description - is too long", "/data/attributes/description"), reserve, []string{"ErrValidation"}},
		"reserve: lookalike field":  {"POST", "/did_reservations", 422, errorsDoc(422, "100", "is invalid", "/data/relationships/available_dids"), reserve, []string{"ErrValidation"}},
		"reserve: 403":              {"POST", "/did_reservations", 403, errorsDoc(403, "403", "Numbers selection is not enabled", ""), reserve, []string{"ErrForbidden"}},
		"buy: refused reservation":  {"POST", "/did_reservations", 422, errorsDoc(422, "100", "cannot be reserved", "/data/relationships/available_did"), buy, []string{"ErrValidation", "ErrNumberUnavailable"}},
		"available DID: 404":        {"GET", "/available_dids/" + did, 404, errorsDoc(404, "404", "Record not found", ""), getDID, []string{"ErrNotFound", "ErrNumberUnavailable"}},
		"order: number refused":     {"POST", "/orders", 422, errorsDoc(422, "100", "available_did_id - is invalid", item1+"available_did_id"), order, []string{"ErrValidation", "ErrNumberUnavailable"}},
		"order: reservation lapsed": {"POST", "/orders", 422, errorsDoc(422, "100", "did_reservation_id - is invalid", item1+"did_reservation_id"), order, []string{"ErrValidation"}},
		"order: SKU refused":        {"POST", "/orders", 422, errorsDoc(422, "100", "sku_id - is invalid", item1+"sku_id"), order, []string{"ErrValidation"}},
		"order: odd pointer":        {"POST", "/orders", 422, errorsDoc(422, "100", "is invalid", "/data/attributes/items/x/attributes/available_did_id"), order, []string{"ErrValidation"}},
		"order: insufficient funds": {"POST", "/orders", 400, errorsDoc(400, "400", "Insufficient funds", ""), order, []string{"ErrInsufficientFunds"}},
		"order: second of two":      {"POST", "/orders", 400, errorsDoc(400, "100", "is invalid", item1+"sku_id", item1+"available_did_id"), order, []string{"ErrValidation", "ErrNumberUnavailable"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			rec := &recorder{}
			mt.RegisterResponder(tc.method, testBaseURL+tc.path, rec.wrap(jsonAPI(tc.status, tc.body)))
			err := tc.call(t.Context(), c)
			require.Error(t, err)
			assert.ElementsMatch(t, tc.want, coreMatching(err))
			assert.Equal(t, tc.method, rec.only(t).Method)
		})
	}

	// Elsewhere the same answers are no statement about a number.
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_groups/g1", jsonAPI(404, errorsDoc(404, "404", "Record not found", "")))
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", jsonAPI(201, errorsDoc(422, "100", "cannot be reserved", "/data/relationships/available_did")))
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations", jsonAPI(200, []byte(`{"data":[],"meta":{"api_version":"2026-04-16","total_records":0,"available_count":10}}`)))
	_, err := c.DIDGroups.Get(t.Context(), "g1", nil)
	assert.ElementsMatch(t, []string{"ErrNotFound"}, coreMatching(err))
	err = reserve(t.Context(), c)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "a 2xx may have reserved the number")
	assert.NotErrorIs(t, err, ErrNumberUnavailable)
}

func TestInsufficientScopeByChallenge(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		challenge, body string
		method, path    string
		want            []string
		outbound        bool
	}{
		"challenge only": {`Bearer error="insufficient_scope", error_description="read scope"`, `{"errors":[{"title":"Forbidden","status":"403"}]}`,
			"DELETE", "/did_reservations/r1", []string{"ErrForbidden", "ErrInsufficientScope"}, false},
		"challenge without body": {`Bearer realm="didww", error="insufficient_scope"`, ``,
			"DELETE", "/voice_in_trunks/t1", []string{"ErrForbidden", "ErrInsufficientScope"}, false},
		"other challenge": {`Bearer error="invalid_token"`, `{"errors":[{"title":"Numbers selection is not enabled","status":"403"}]}`,
			"DELETE", "/did_reservations/r1", []string{"ErrForbidden"}, false},
		"scope on an outbound trunk": {`Bearer error="insufficient_scope"`, `{"errors":[{"title":"Forbidden","status":"403"}]}`,
			"DELETE", "/voice_out_trunks/t1", []string{"ErrForbidden", "ErrInsufficientScope"}, false},
		"outbound disabled": {``, `{"errors":[{"title":"Forbidden","status":"403"}]}`,
			"DELETE", "/voice_out_trunks/t1", []string{"ErrForbidden"}, true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := &countingSource{}
			c, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(src))
			rec := &recorder{}
			mt.RegisterResponder(tc.method, testBaseURL+tc.path, rec.wrap(func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(403, tc.body)
				resp.Header.Set("Content-Type", MediaType)
				if tc.challenge != "" {
					resp.Header.Set("WWW-Authenticate", tc.challenge)
				}
				return resp, nil
			}))
			var err error
			switch tc.path {
			case "/did_reservations/r1":
				err = c.DIDReservations.Delete(t.Context(), "r1")
			case "/voice_in_trunks/t1":
				err = c.VoiceInTrunks.Delete(t.Context(), "t1")
			case "/voice_out_trunks/t1":
				err = c.VoiceOutTrunks.Delete(t.Context(), "t1")
			}
			require.Error(t, err)
			assert.ElementsMatch(t, tc.want, coreMatching(err))
			assert.Equal(t, tc.outbound, errors.Is(err, ErrOutboundDisabled))
			assert.Len(t, rec.all(), 1, "a 403 is neither retried nor re-minted")
			assert.Equal(t, int32(1), src.n.Load())
			if errors.Is(err, ErrInsufficientScope) {
				assert.Contains(t, err.Error(), "a token with the read scope may only read")
			} else {
				assert.NotContains(t, err.Error(), "scope")
			}
		})
	}
}
