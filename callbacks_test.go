package didww

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	cbSecret  = "s3cr3t-callback"
	cbOrderID = "0f2dd6a8-7539-444a-b7c1-e89b3fe7d170"
	// Signatures from testdata/callbacks/signatures.json (computed with openssl).
	cbSigPOSTDefault = "04a1b5f625162dab21b2509e71e935a309b1933c" // https://example.com/callbacks, completed
	cbSigGETPort     = "16e7303ce0d277ab34d1d2f17f60eb2ae338a0fc" // GET http://example.com:8080/didww/cb?<canceled>
	cbSigGETIPv6     = "1fdb14038ab84230338972f8ab1193e730b7b858" // GET http://[::1]/cb?<completed>
	cbSigGETNoPath   = "e037193b4d9ef7336c9aa4bd07d2fd4b21c4ff13" // GET https://example.com?<completed>
	cbSigGETOwnQuery = "b32ec2d103f1ce895b47207a12ea769265683466" // GET https://example.com/cb?tenant=7&a=b&<completed>#frag
	cbSigQuery       = "4fedacd5d6b22b082fbbf894b6acddc0d122bb7a" // https://example.com/cb?tenant=7&a=b, completed
	cbSigQueryFrag   = "772c23e6e72a322f1c5d84535f91c06e5fc697d4" // https://example.com/cb?tenant=7&a=b#frag, completed
	cbSigIPv6Port    = "d50efa000c12110921b309f27fc8923f1b0e2e67" // http://[2001:db8::1]:8443/cb, completed
	cbSigNoPath      = "59f895019099e0b22d7be2b0d941f996bc8c9a31" // https://example.com, completed
)

type cbVectors struct {
	Secret string `json:"secret"`
	Cases  []struct {
		Name, URL, Payload, Message, Signature string
	} `json:"cases"`
}

func TestCallbackSignatureKnownAnswers(t *testing.T) {
	t.Parallel()
	var v cbVectors
	require.NoError(t, json.Unmarshal(fixture(t, "callbacks/signatures.json"), &v))
	require.NotEmpty(t, v.Cases)
	for _, tc := range v.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			params, err := url.ParseQuery(tc.Payload)
			require.NoError(t, err)
			msg, err := callbackMessage(tc.URL, params)
			require.NoError(t, err)
			assert.Equal(t, tc.Message, msg)

			sig, err := CallbackSignature(tc.URL, params, v.Secret)
			require.NoError(t, err)
			assert.Equal(t, tc.Signature, sig)
			assert.NoError(t, VerifyCallbackURL(tc.URL, params, tc.Signature, v.Secret))
			assert.NoError(t, VerifyCallbackURL(tc.URL, params, strings.ToUpper(tc.Signature), v.Secret), "hex digits in either case")
			assert.ErrorIs(t, VerifyCallbackURL(tc.URL, params, tc.Signature, v.Secret+"x"), ErrInvalidSignature)
		})
	}
}

func cbForm(status string) string {
	return url.Values{"id": {cbOrderID}, "type": {"orders"}, "status": {status}}.Encode()
}

func cbPOST(target, body, sig string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if sig != "" {
		r.Header.Set(SignatureHeader, sig)
	}
	return r
}

func cbGET(target, sig string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if sig != "" {
		r.Header.Set(SignatureHeader, sig)
	}
	return r
}

func TestVerifyCallbackRequests(t *testing.T) {
	t.Parallel()
	behindProxy := cbPOST("http://10.0.0.5:8080/callbacks", cbForm("completed"), cbSigPOSTDefault)
	behindProxy.Host = "example.com"
	behindProxy.Header.Set("X-Forwarded-Proto", "https, http")
	noContentType := cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault)
	noContentType.Header.Del("Content-Type")

	for name, r := range map[string]*http.Request{
		"POST, https default port":         cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault),
		"POST, https explicit port 443":    cbPOST("https://example.com:443/callbacks", cbForm("completed"), cbSigPOSTDefault),
		"POST behind a TLS proxy":          behindProxy,
		"POST without Content-Type":        noContentType,
		"POST with charset":                withHeader(cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
		"GET, http explicit port":          cbGET("http://example.com:8080/didww/cb?"+cbForm("canceled"), cbSigGETPort),
		"POST, URL with a query":           cbPOST("https://example.com/cb?tenant=7&a=b", cbForm("completed"), cbSigQuery),
		"POST, IPv6 explicit port":         cbPOST("http://[2001:db8::1]:8443/cb", cbForm("completed"), cbSigIPv6Port),
		"GET, IPv6 default port":           cbGET("http://[::1]/cb?"+cbForm("completed"), cbSigGETIPv6),
		"GET to / behind a TLS proxy":      withHeader(withHost(cbGET("http://10.0.0.5:8080/?"+cbForm("completed"), cbSigGETNoPath), "example.com"), "X-Forwarded-Proto", "https"),
		"POST to / for a URL without path": cbPOST("https://example.com/", cbForm("completed"), cbSigNoPath),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.NoError(t, VerifyCallback(r, cbSecret))
		})
	}
}

func withHeader(r *http.Request, k, v string) *http.Request {
	r.Header.Set(k, v)
	return r
}

func TestVerifyCallbackRefusals(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		r    *http.Request
		want error
	}{
		"tampered status":         {cbPOST("https://example.com/callbacks", cbForm("canceled"), cbSigPOSTDefault), ErrInvalidSignature},
		"tampered id":             {cbPOST("https://example.com/callbacks", strings.Replace(cbForm("completed"), "0f2d", "1f2d", 1), cbSigPOSTDefault), ErrInvalidSignature},
		"extra parameter":         {cbPOST("https://example.com/callbacks", cbForm("completed")+"&amount=0", cbSigPOSTDefault), ErrInvalidSignature},
		"other path":              {cbPOST("https://example.com/callbacks/", cbForm("completed"), cbSigPOSTDefault), ErrInvalidSignature},
		"other port":              {cbPOST("https://example.com:8443/callbacks", cbForm("completed"), cbSigPOSTDefault), ErrInvalidSignature},
		"plain http":              {cbPOST("http://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), ErrInvalidSignature},
		"missing header":          {cbPOST("https://example.com/callbacks", cbForm("completed"), ""), ErrInvalidSignature},
		"blank header":            {cbPOST("https://example.com/callbacks", cbForm("completed"), "   "), ErrInvalidSignature},
		"non-hex header":          {cbPOST("https://example.com/callbacks", cbForm("completed"), "zz"+cbSigPOSTDefault[2:]), ErrInvalidSignature},
		"short header":            {cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault[:38]), ErrInvalidSignature},
		"long header":             {cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault+"00"), ErrInvalidSignature},
		"URL query tampered":      {cbPOST("https://example.com/cb?tenant=8&a=b", cbForm("completed"), cbSigQuery), ErrInvalidSignature},
		"URL query dropped":       {cbPOST("https://example.com/cb", cbForm("completed"), cbSigQuery), ErrInvalidSignature},
		"GET query reordered":     {cbGET("http://example.com:8080/didww/cb?status=canceled&type=orders&id="+cbOrderID, cbSigGETPort), ErrInvalidSignature},
		"GET over https":          {cbGET("https://example.com:8080/didww/cb?"+cbForm("canceled"), cbSigGETPort), ErrInvalidSignature},
		"no-path signature on /x": {cbPOST("https://example.com/x", cbForm("completed"), cbSigNoPath), ErrInvalidSignature},
		"JSON body":               {withHeader(cbPOST("https://example.com/callbacks", `{"id":"x"}`, cbSigPOSTDefault), "Content-Type", "application/json"), ErrMalformedCallback},
		"bad form":                {cbPOST("https://example.com/callbacks", "id=%zz", cbSigPOSTDefault), ErrMalformedCallback},
		"bad query on GET":        {cbGET("https://example.com/callbacks?id=%zz", cbSigPOSTDefault), ErrMalformedCallback},
		"PUT":                     {httptest.NewRequest(http.MethodPut, "https://example.com/callbacks", nil), ErrMalformedCallback},
		"body over the limit":     {cbPOST("https://example.com/callbacks", "id="+strings.Repeat("a", maxCallbackBody), cbSigPOSTDefault), ErrMalformedCallback},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := VerifyCallback(tc.r, cbSecret)
			assert.ErrorIs(t, err, tc.want)
			if err != nil {
				assert.NotContains(t, err.Error(), cbSecret)
			}
		})
	}
	err := VerifyCallback(cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), "")
	assert.Error(t, err, "an empty secret never verifies")
	assert.NotErrorIs(t, err, ErrInvalidSignature, "it is a configuration error")
	assert.ErrorIs(t, VerifyCallback(nil, cbSecret), ErrMalformedCallback)
}

func TestVerifyCallbackKeepsTheForm(t *testing.T) {
	t.Parallel()
	r := cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault)
	require.NoError(t, VerifyCallback(r, cbSecret))
	assert.Equal(t, "completed", r.PostForm.Get("status"), "the body is read once and kept")
	require.NoError(t, VerifyCallback(r, cbSecret), "a second check reads r.PostForm")
}

// cbServe runs h on r and returns the answer and the callbacks fn received.
func cbServe(h func(fn func(context.Context, Callback) error) http.Handler, r *http.Request, fnErr error) (*httptest.ResponseRecorder, []Callback) {
	var got []Callback
	handler := h(func(ctx context.Context, cb Callback) error {
		got = append(got, cb)
		return fnErr
	})
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, r)
	return w, got
}

func byRequest(secret string) func(func(context.Context, Callback) error) http.Handler {
	return func(fn func(context.Context, Callback) error) http.Handler { return CallbackHandler(secret, fn) }
}

func TestCallbackHandler(t *testing.T) {
	t.Parallel()
	signedNoID := func() *http.Request {
		form := url.Values{"type": {"orders"}, "status": {"completed"}}
		sig, err := CallbackSignature("https://example.com/callbacks", form, cbSecret)
		require.NoError(t, err)
		return cbPOST("https://example.com/callbacks", form.Encode(), sig)
	}
	signedTwice := func() *http.Request {
		form := url.Values{"id": {"a", "b"}, "type": {"orders"}}
		sig, err := CallbackSignature("https://example.com/callbacks", form, cbSecret)
		require.NoError(t, err)
		return cbPOST("https://example.com/callbacks", form.Encode(), sig)
	}
	for name, tc := range map[string]struct {
		r      *http.Request
		secret string
		fnErr  error
		status int
		calls  int
	}{
		"POST ok":             {cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), cbSecret, nil, 200, 1},
		"GET ok":              {cbGET("http://example.com:8080/didww/cb?"+cbForm("canceled"), cbSigGETPort), cbSecret, nil, 200, 1},
		"bad signature":       {cbPOST("https://example.com/callbacks", cbForm("canceled"), cbSigPOSTDefault), cbSecret, nil, 401, 0},
		"missing signature":   {cbPOST("https://example.com/callbacks", cbForm("completed"), ""), cbSecret, nil, 401, 0},
		"non-hex signature":   {cbPOST("https://example.com/callbacks", cbForm("completed"), strings.Repeat("g", 40)), cbSecret, nil, 401, 0},
		"unreadable form":     {cbPOST("https://example.com/callbacks", "id=%zz", cbSigPOSTDefault), cbSecret, nil, 400, 0},
		"JSON body":           {withHeader(cbPOST("https://example.com/callbacks", "{}", cbSigPOSTDefault), "Content-Type", "application/json"), cbSecret, nil, 400, 0},
		"signed, but no id":   {signedNoID(), cbSecret, nil, 400, 0},
		"signed, id twice":    {signedTwice(), cbSecret, nil, 400, 0},
		"fn fails":            {cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), cbSecret, errors.New("db down: password=hunter2"), 500, 1},
		"PUT":                 {httptest.NewRequest(http.MethodPut, "https://example.com/callbacks", nil), cbSecret, nil, 405, 0},
		"body too large":      {cbPOST("https://example.com/callbacks", "id="+strings.Repeat("a", maxCallbackBody), cbSigPOSTDefault), cbSecret, nil, 413, 0},
		"empty secret":        {cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), "", nil, 500, 0},
		"Host that is no URL": {withHost(cbPOST("https://example.com/callbacks", cbForm("completed"), cbSigPOSTDefault), "exa mple.com"), cbSecret, nil, 400, 0},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w, got := cbServe(byRequest(tc.secret), tc.r, tc.fnErr)
			assert.Equal(t, tc.status, w.Code)
			assert.Len(t, got, tc.calls)
			body := w.Body.String()
			assert.NotContains(t, body, cbSecret)
			assert.NotContains(t, body, cbSigPOSTDefault)
			assert.NotContains(t, body, "hunter2", "fn's error is not echoed")
			if tc.status == 405 {
				assert.Equal(t, "GET, POST", w.Header().Get("Allow"))
			}
		})
	}
}

func withHost(r *http.Request, host string) *http.Request {
	r.Host = host
	return r
}

func TestCallbackHandlerPassesTheCallback(t *testing.T) {
	t.Parallel()
	r := cbGET("http://example.com:8080/didww/cb?id="+cbOrderID+"&type=orders&status=Canceled", "")
	sig, err := CallbackSignature("http://example.com:8080/didww/cb?"+r.URL.RawQuery, r.URL.Query(), cbSecret)
	require.NoError(t, err)
	r.Header.Set(SignatureHeader, sig)
	type ctxKey struct{}
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, "v"))

	var got Callback
	var calls atomic.Int32
	h := CallbackHandler(cbSecret, func(ctx context.Context, cb Callback) error {
		calls.Add(1)
		assert.Equal(t, "v", ctx.Value(ctxKey{}), "fn gets the request's context")
		got = cb
		return nil
	})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, int32(1), calls.Load())
	assert.Equal(t, cbOrderID, got.ID)
	assert.Equal(t, "orders", got.Type)
	assert.Equal(t, OrderStatusCanceled, got.Status, `"Canceled" in any casing`)
	assert.Equal(t, url.Values{"id": {cbOrderID}, "type": {"orders"}, "status": {"Canceled"}}, got.Values)
}

func TestCallbackHandlerForURL(t *testing.T) {
	t.Parallel()
	const public = "https://example.com/cb?tenant=7&a=b#frag"
	// Behind a proxy: the request reaches the app on another host, port and path.
	post := cbPOST("http://app.internal:9000/internal/didww?tenant=7&a=b", cbForm("completed"), cbSigQueryFrag)
	w, got := cbServe(func(fn func(context.Context, Callback) error) http.Handler {
		return CallbackHandlerForURL(public, cbSecret, fn)
	}, post, nil)
	assert.Equal(t, 200, w.Code)
	require.Len(t, got, 1)
	assert.Equal(t, OrderStatusCompleted, got[0].Status)

	// GET: the query holds the URL's own parameters and the payload.
	get := cbGET("http://app.internal:9000/internal/didww?tenant=7&a=b&"+cbForm("completed"), cbSigGETOwnQuery)
	w, got = cbServe(func(fn func(context.Context, Callback) error) http.Handler {
		return CallbackHandlerForURL(public, cbSecret, fn)
	}, get, nil)
	assert.Equal(t, 200, w.Code)
	require.Len(t, got, 1)
	assert.Equal(t, cbOrderID, got[0].ID)
	assert.Equal(t, url.Values{"id": {cbOrderID}, "type": {"orders"}, "status": {"completed"}}, got[0].Values, "the URL's own parameters are not payload")

	// A sender that signs the URL's own parameters as payload too.
	query := "tenant=7&a=b&" + cbForm("completed")
	all, err := url.ParseQuery(query)
	require.NoError(t, err)
	sig, err := CallbackSignature("https://example.com/cb?"+query+"#frag", all, cbSecret)
	require.NoError(t, err)
	w, got = cbServe(func(fn func(context.Context, Callback) error) http.Handler {
		return CallbackHandlerForURL(public, cbSecret, fn)
	}, cbGET("http://app.internal:9000/internal/didww?"+query, sig), nil)
	assert.Equal(t, 200, w.Code)
	require.Len(t, got, 1)
	assert.Equal(t, url.Values{"id": {cbOrderID}, "type": {"orders"}, "status": {"completed"}}, got[0].Values)

	// The URL's own query is signed: a request without it is refused.
	w, got = cbServe(func(fn func(context.Context, Callback) error) http.Handler {
		return CallbackHandlerForURL(public, cbSecret, fn)
	}, cbGET("http://app.internal:9000/internal/didww?"+cbForm("completed"), cbSigGETOwnQuery), nil)
	assert.Equal(t, 401, w.Code)
	assert.Empty(t, got)

	w, got = cbServe(func(fn func(context.Context, Callback) error) http.Handler {
		return CallbackHandlerForURL(public, cbSecret, fn)
	}, cbPOST("http://app.internal:9000/x", cbForm("canceled"), cbSigQueryFrag), nil)
	assert.Equal(t, 401, w.Code)
	assert.Empty(t, got)

	w, _ = cbServe(func(fn func(context.Context, Callback) error) http.Handler {
		return CallbackHandlerForURL("/relative", cbSecret, fn)
	}, cbPOST("http://app.internal:9000/x", cbForm("completed"), cbSigQueryFrag), nil)
	assert.Equal(t, 500, w.Code, "a misconfigured receiver, not the sender's fault")
}

func TestNormalizeCallbackURLRefusals(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"", "/cb", "example.com/cb", "ftp://example.com/cb", "https://", "https://exa mple.com/", "http://[::1/cb"} {
		_, err := normalizeCallbackURL(raw)
		assert.ErrorIs(t, err, ErrMalformedCallback, raw)
		_, err = CallbackSignature(raw, nil, cbSecret)
		assert.Error(t, err, raw)
	}
	_, err := CallbackSignature("https://example.com/cb", nil, "")
	assert.Error(t, err)
}

func TestParseCallback(t *testing.T) {
	t.Parallel()
	cb, err := parseCallback(url.Values{"id": {"x"}, "type": {"orders"}, "status": {"COMPLETED"}, "extra": {"1", "2"}})
	require.NoError(t, err)
	assert.Equal(t, Callback{ID: "x", Type: "orders", Status: OrderStatusCompleted, Values: url.Values{"id": {"x"}, "type": {"orders"}, "status": {"COMPLETED"}, "extra": {"1", "2"}}}, cb)
	cb, err = parseCallback(url.Values{"id": {"x"}, "type": {"exports"}})
	require.NoError(t, err)
	assert.Empty(t, cb.Status)
	for _, v := range []url.Values{
		{}, {"type": {"orders"}}, {"id": {""}, "type": {"orders"}}, {"id": {"x"}}, {"id": {"x"}, "type": {"orders", "orders"}},
		{"id": {"x"}, "type": {"orders"}, "status": {"a", "b"}},
	} {
		_, err := parseCallback(v)
		assert.ErrorIs(t, err, ErrMalformedCallback, "%v", v)
	}
}

// FuzzCallbackHandler feeds arbitrary requests to the handler: it must never
// panic, answer only with the documented statuses, and call fn only for a
// request whose signature verifies and that names an id and a type.
func FuzzCallbackHandler(f *testing.F) {
	f.Add(true, "", cbForm("completed"), cbSigPOSTDefault)
	f.Add(false, cbForm("canceled"), "", cbSigGETPort)
	f.Add(true, "tenant=7&a=b", cbForm("completed"), cbSigQuery)
	f.Add(true, "", "id=%zz", "")
	f.Add(false, "id=;&type=%", "", "zz")
	f.Fuzz(func(t *testing.T, post bool, rawQuery, body, sig string) {
		method, target := http.MethodPost, "https://example.com/callbacks"
		if !post {
			method, target = http.MethodGet, "http://example.com:8080/didww/cb"
		}
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		r.URL.RawQuery = rawQuery
		if post {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		r.Header.Set(SignatureHeader, sig)
		var got []Callback
		h := CallbackHandler(cbSecret, func(_ context.Context, cb Callback) error {
			got = append(got, cb)
			return nil
		})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200:
			require.Len(t, got, 1, "200 with callbacks %+v", got)
			require.NotEmpty(t, got[0].ID, "200 with callbacks %+v", got)
			require.NotEmpty(t, got[0].Type, "200 with callbacks %+v", got)
			require.NotContains(t, w.Body.String(), cbSecret, "secret echoed")
		case 400, 401, 413:
			require.Empty(t, got, "%d but fn was called", w.Code)
		default:
			require.Fail(t, fmt.Sprintf("status %d", w.Code))
		}
	})
}

// FuzzCallbackURL checks URL normalization never panics and that a signature
// is deterministic and verifies.
func FuzzCallbackURL(f *testing.F) {
	for _, s := range []string{"https://example.com/cb", "http://[::1]:8080/a?b=c#d", "https://u:p@h/p%2Fq", "http://[fe80::1%25en0]/", "https://h:/x"} {
		f.Add(s, "id=1&type=orders")
	}
	f.Fuzz(func(t *testing.T, raw, payload string) {
		params, err := url.ParseQuery(payload)
		if err != nil {
			return
		}
		sig, err := CallbackSignature(raw, params, cbSecret)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformedCallback, "error %v does not wrap ErrMalformedCallback", err)
			return
		}
		require.Len(t, sig, 40, "signature")
		require.Equal(t, sig, strings.ToLower(sig), "signature")
		require.NoError(t, VerifyCallbackURL(raw, params, sig, cbSecret), "own signature refused")
	})
}

// sdkVector is one of the known answers every official DIDWW SDK shares
// (testdata/callbacks/sdk_vectors.json).
type sdkVector struct {
	Name, Method, Key, URL, Message, Signature string
	CallbackURL                                string `json:"callback_url"`
	Payload                                    map[string]string
}

func sdkVectors(t *testing.T) []sdkVector {
	t.Helper()
	var v struct{ Cases []sdkVector }
	require.NoError(t, json.Unmarshal(fixture(t, "callbacks/sdk_vectors.json"), &v))
	require.Len(t, v.Cases, 3)
	return v.Cases
}

func (v sdkVector) params() url.Values {
	p := url.Values{}
	for k, val := range v.Payload {
		p.Set(k, val)
	}
	return p
}

// request is the vector's callback as an HTTP server reads it off the wire:
// a GET with the payload in its query, or a form POST; Host is the
// callback URL's host, and the fragment is never sent.
func (v sdkVector) request(t *testing.T, sig string) *http.Request {
	t.Helper()
	body := ""
	if v.Method == http.MethodPost {
		body = v.params().Encode()
	}
	return wireRequest(t, v.Method, v.URL, body, SignatureHeader, sig)
}

// wireRequest parses the request a client sends for method and rawURL, as
// net/http's server does; header holds name, value pairs.
func wireRequest(t *testing.T, method, rawURL, body string, header ...string) *http.Request {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, u.RequestURI(), u.Host)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" {
			fmt.Fprintf(&b, "%s: %s\r\n", header[i], header[i+1])
		}
	}
	if method == http.MethodPost {
		fmt.Fprintf(&b, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n" + body)
	r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(b.String())))
	require.NoError(t, err)
	return r
}

func TestCallbackSDKVectorsSignature(t *testing.T) {
	t.Parallel()
	for _, v := range sdkVectors(t) {
		msg, err := callbackMessage(v.URL, v.params())
		require.NoError(t, err)
		assert.Equal(t, v.Message, msg, v.Name)
		sig, err := CallbackSignature(v.URL, v.params(), v.Key)
		require.NoError(t, err)
		assert.Equal(t, v.Signature, sig, v.Name)
		assert.NoError(t, VerifyCallbackURL(v.URL, v.params(), v.Signature, v.Key), v.Name)
		assert.NoError(t, VerifyCallbackURL(v.URL, v.params(), strings.ToUpper(v.Signature), v.Key), v.Name)
		assert.ErrorIs(t, VerifyCallbackURL(v.URL, v.params(), v.Signature, v.Key+"x"), ErrInvalidSignature, v.Name)
	}
}

// wantSDKCallback is what fn receives for v: every payload value, the
// address verification's empty reject_reason included.
func wantSDKCallback(v sdkVector) Callback {
	return Callback{ID: v.Payload["id"], Type: v.Payload["type"], Status: OrderStatus(v.Payload["status"]), Values: v.params()}
}

func TestCallbackSDKVectorsFromTheRequest(t *testing.T) {
	t.Parallel()
	for _, v := range sdkVectors(t) {
		// A fragment is never sent, so only the configured URL can verify it.
		reachable := !strings.Contains(v.URL, "#")
		for _, sig := range []string{v.Signature, strings.ToUpper(v.Signature)} {
			err := VerifyCallback(v.request(t, sig), v.Key)
			if reachable {
				assert.NoError(t, err, v.Name)
			} else {
				assert.ErrorIs(t, err, ErrInvalidSignature, v.Name)
			}
			w, got := cbServe(byRequest(v.Key), v.request(t, sig), nil)
			if !reachable {
				assert.Equal(t, 401, w.Code, v.Name)
				assert.Empty(t, got, v.Name)
				continue
			}
			assert.Equal(t, 200, w.Code, v.Name)
			assert.Equal(t, []Callback{wantSDKCallback(v)}, got, v.Name)
		}
		assert.ErrorIs(t, VerifyCallback(v.request(t, v.Signature), v.Key+"x"), ErrInvalidSignature, v.Name)
		assert.ErrorIs(t, VerifyCallback(v.request(t, ""), v.Key), ErrInvalidSignature, v.Name)
	}
	get := sdkVectors(t)[0]
	r := get.request(t, get.Signature)
	r.Host = "example.com:80"
	assert.NoError(t, VerifyCallback(r, get.Key), "the default port written out")
}

func TestCallbackSDKVectorsForURL(t *testing.T) {
	t.Parallel()
	for _, v := range sdkVectors(t) {
		h := func(fn func(context.Context, Callback) error) http.Handler {
			return CallbackHandlerForURL(v.CallbackURL, v.Key, fn)
		}
		direct := v.request(t, v.Signature)
		// Behind a proxy the request reaches the app on another host and path.
		proxied := v.request(t, strings.ToUpper(v.Signature))
		proxied.Host, proxied.URL.Path = "app.internal:9000", "/internal/didww"
		for name, r := range map[string]*http.Request{"direct": direct, "proxied": proxied} {
			w, got := cbServe(h, r, nil)
			assert.Equal(t, 200, w.Code, "%s, %s", v.Name, name)
			assert.Equal(t, []Callback{wantSDKCallback(v)}, got, "%s, %s", v.Name, name)
		}
		w, got := cbServe(func(fn func(context.Context, Callback) error) http.Handler {
			return CallbackHandlerForURL(v.CallbackURL, v.Key+"x", fn)
		}, v.request(t, v.Signature), nil)
		assert.Equal(t, 401, w.Code, v.Name)
		assert.Empty(t, got, v.Name)
	}
}

// TestCallbackGETTampered changes the GET vector's query: since the URL is
// signed with its query, and the payload after it, every change is refused.
func TestCallbackGETTampered(t *testing.T) {
	t.Parallel()
	v := sdkVectors(t)[0]
	const id = "7ae7c48f-d48a-499f-9dc1-c9217014b457"
	for name, query := range map[string]string{
		"status rejected":       "id=" + id + "&reject_reason=&status=rejected&type=address_verifications",
		"reject_reason forged":  "id=" + id + "&reject_reason=forged&status=approved&type=address_verifications",
		"reject_reason dropped": "id=" + id + "&status=approved&type=address_verifications",
		"other id":              "id=8ae7c48f-d48a-499f-9dc1-c9217014b457&reject_reason=&status=approved&type=address_verifications",
		"other type":            "id=" + id + "&reject_reason=&status=approved&type=orders",
		"reordered":             "status=approved&id=" + id + "&reject_reason=&type=address_verifications",
		"extra parameter":       "id=" + id + "&reject_reason=&status=approved&type=address_verifications&amount=0",
		"id repeated":           "id=" + id + "&id=" + id + "&reject_reason=&status=approved&type=address_verifications",
		"no query":              "",
	} {
		target := "http://example.com/callback.php?" + query
		for _, sig := range []string{v.Signature, strings.ToUpper(v.Signature)} {
			assert.ErrorIs(t, VerifyCallback(wireRequest(t, "GET", target, "", SignatureHeader, sig), v.Key), ErrInvalidSignature, name)
			w, got := cbServe(byRequest(v.Key), wireRequest(t, "GET", target, "", SignatureHeader, sig), nil)
			assert.Equal(t, 401, w.Code, name)
			assert.Empty(t, got, name)
			w, got = cbServe(func(fn func(context.Context, Callback) error) http.Handler {
				return CallbackHandlerForURL(v.CallbackURL, v.Key, fn)
			}, wireRequest(t, "GET", target, "", SignatureHeader, sig), nil)
			assert.Equal(t, 401, w.Code, name)
			assert.Empty(t, got, name)
		}
	}
}

// TestCallbackRepeatedKeys: a key given several times is signed once per
// value, in order; id, type and status must still be given once.
func TestCallbackRepeatedKeys(t *testing.T) {
	t.Parallel()
	const target = "https://example.com/cb?id=" + cbOrderID + "&type=orders&x=1&x=2"
	u, err := url.Parse(target)
	require.NoError(t, err)
	sig, err := CallbackSignature(target, u.Query(), cbSecret)
	require.NoError(t, err)
	msg, err := callbackMessage(target, u.Query())
	require.NoError(t, err)
	assert.Equal(t, "https://example.com:443/cb?id="+cbOrderID+"&type=orders&x=1&x=2id"+cbOrderID+"typeordersx1x2", msg)

	get := withHeader(wireRequest(t, "GET", "http://10.0.0.5"+u.RequestURI(), "", SignatureHeader, sig), "X-Forwarded-Proto", "https")
	get.Host = "example.com"
	w, got := cbServe(byRequest(cbSecret), get, nil)
	assert.Equal(t, 200, w.Code)
	require.Len(t, got, 1)
	assert.Equal(t, []string{"1", "2"}, got[0].Values["x"])

	swapped := strings.Replace(target, "x=1&x=2", "x=2&x=1", 1)
	r := withHeader(wireRequest(t, "GET", swapped, "", SignatureHeader, sig), "X-Forwarded-Proto", "https")
	assert.ErrorIs(t, VerifyCallback(r, cbSecret), ErrInvalidSignature)

	form := url.Values{"id": {cbOrderID}, "type": {"orders"}, "x": {"1", "2"}}
	postSig, err := CallbackSignature("https://example.com/cb", form, cbSecret)
	require.NoError(t, err)
	assert.NoError(t, VerifyCallback(cbPOST("https://example.com/cb", form.Encode(), postSig), cbSecret))
	assert.ErrorIs(t, VerifyCallback(cbPOST("https://example.com/cb", "id="+cbOrderID+"&type=orders&x=2&x=1", postSig), cbSecret), ErrInvalidSignature)
}

func TestCallbackAddressVerificationTypedAccess(t *testing.T) {
	t.Parallel()
	v := sdkVectors(t)[0]
	require.Equal(t, "address_verifications", v.Payload["type"])
	w, got := cbServe(byRequest(v.Key), v.request(t, v.Signature), nil)
	require.Equal(t, 200, w.Code)
	require.Len(t, got, 1)
	av, ok := got[0].AddressVerification()
	require.True(t, ok)
	assert.Equal(t, AddressVerificationCallback{VerificationID: "7ae7c48f-d48a-499f-9dc1-c9217014b457", Status: AddressVerificationApproved}, av)
	_, ok = got[0].Export()
	assert.False(t, ok)

	rejected := Callback{ID: "v1", Type: "address_verifications",
		Values: url.Values{"status": {"Rejected"}, "reject_reason": {"Address cannot be validated"}}}
	av, ok = rejected.AddressVerification()
	require.True(t, ok)
	assert.Equal(t, AddressVerificationCallback{VerificationID: "v1", Status: AddressVerificationRejected, RejectReason: "Address cannot be validated"}, av)

	order := Callback{ID: "o1", Type: "orders", Status: OrderStatusCompleted, Values: url.Values{"status": {"completed"}}}
	_, ok = order.AddressVerification()
	assert.False(t, ok, "an order callback is not an address verification")
	assert.Equal(t, OrderStatusCompleted, order.Status)
}
