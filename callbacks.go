package didww

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// SignatureHeader is the header DIDWW signs callbacks with.
const SignatureHeader = "X-DIDWW-Signature"

// maxCallbackBody caps the body CallbackHandler reads; order callbacks are a
// few hundred bytes.
const maxCallbackBody = 64 << 10

var (
	// ErrInvalidSignature is wrapped by every error about a callback whose
	// signature is missing, is not hex, or does not match.
	ErrInvalidSignature = errors.New("didww: invalid callback signature")
	// ErrMalformedCallback is wrapped by every error about a callback request
	// that cannot be read: a bad method, body or payload.
	ErrMalformedCallback = errors.New("didww: malformed callback")
)

var (
	// errNoSecret is a configuration error, not the sender's fault.
	errNoSecret = errors.New("didww: the callback secret is empty")
	// errCallbackTooLarge is a body over maxCallbackBody.
	errCallbackTooLarge = fmt.Errorf("%w: body over %d bytes", ErrMalformedCallback, maxCallbackBody)
)

// Callback is a callback DIDWW sent: for an order when it completes or is
// canceled, for an export when it completes (see Export), for an address
// verification when it is approved or rejected (see AddressVerification).
type Callback struct {
	// ID is the id of the resource the callback is about (the order).
	ID string
	// Type is its type, "orders" for order callbacks.
	Type string
	// Status is the order's new status, read in any casing; empty when the
	// callback carries none.
	Status OrderStatus
	// Values holds every parameter of the payload.
	Values url.Values
}

// Callback types other than orders that Callback.Export reads.
const (
	// CallbackTypeExports is the type of an export callback.
	CallbackTypeExports = "exports"
	// callbackTypeCDRExports is its name in API versions before 2022.
	callbackTypeCDRExports = "cdr_exports"
)

// ExportCallback is an export callback: DIDWW calls an export's
// callback_url when the export completes.
type ExportCallback struct {
	// ExportID is the export's id; ExportsService.Get reads its URL.
	ExportID string
	// Status is the export's status, "completed".
	Status ExportStatus
}

// Export reads cb as an export callback, of type "exports" ("cdr_exports"
// in API versions before 2022); ok is false for callbacks of other types.
func (cb Callback) Export() (e ExportCallback, ok bool) {
	if cb.Type != CallbackTypeExports && cb.Type != callbackTypeCDRExports {
		return ExportCallback{}, false
	}
	return ExportCallback{ExportID: cb.ID, Status: ExportStatus(strings.ToLower(cb.Values.Get("status")))}, true
}

// CallbackTypeAddressVerifications is the type of an address verification
// callback.
const CallbackTypeAddressVerifications = "address_verifications"

// AddressVerificationCallback is an address verification callback: DIDWW
// calls a verification's callback_url when it is approved or rejected.
type AddressVerificationCallback struct {
	// VerificationID is the verification's id; AddressVerificationsService.Get
	// reads its reject reasons and comment.
	VerificationID string
	// Status is approved or rejected, read in any casing.
	Status AddressVerificationStatus
	// RejectReason is the payload's reject_reason as sent: empty when
	// approved, the reason text when rejected (how several reasons are
	// joined is not documented).
	RejectReason string
}

// AddressVerification reads cb as an address verification callback; ok is
// false for callbacks of other types.
func (cb Callback) AddressVerification() (v AddressVerificationCallback, ok bool) {
	if cb.Type != CallbackTypeAddressVerifications {
		return AddressVerificationCallback{}, false
	}
	return AddressVerificationCallback{
		VerificationID: cb.ID, Status: parseAddressVerificationStatus(cb.Values.Get("status")),
		RejectReason: cb.Values.Get("reject_reason"),
	}, true
}

// CallbackSignature returns the signature DIDWW sends in SignatureHeader for
// a callback it requests at requestURL with the payload params: the
// lowercase hex HMAC-SHA1, keyed with secret, of the normalized URL followed
// by every parameter as key and value, keys sorted byte-wise (several values
// of one key in their order). The normalized URL is
// scheme://[userinfo@]host:port/path[?query][#fragment], with the default
// port (443 for https, 80 for http) when none is given and IPv6 hosts in
// brackets.
//
// requestURL is the URL DIDWW requests: for a POST callback the callback_url
// as given; for a GET callback the callback_url with the payload added to
// its query, so the payload is signed twice, in the query and after the URL.
// It is useful to test callback receivers.
func CallbackSignature(requestURL string, params url.Values, secret string) (string, error) {
	mac, err := callbackMAC(requestURL, params, secret)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(mac), nil
}

func callbackMAC(callbackURL string, params url.Values, secret string) ([]byte, error) {
	if secret == "" {
		return nil, errNoSecret
	}
	msg, err := callbackMessage(callbackURL, params)
	if err != nil {
		return nil, err
	}
	h := hmac.New(sha1.New, []byte(secret))
	h.Write([]byte(msg))
	return h.Sum(nil), nil
}

// callbackMessage is the text a callback's signature covers: the normalized
// URL, then every parameter as key and value, keys sorted byte-wise.
func callbackMessage(callbackURL string, params url.Values) (string, error) {
	norm, err := normalizeCallbackURL(callbackURL)
	if err != nil {
		return "", err
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(norm)
	for _, k := range keys {
		for _, v := range params[k] {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	return b.String(), nil
}

// normalizeCallbackURL writes a callback URL the way its signature covers it.
func normalizeCallbackURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: callback URL: %v", ErrMalformedCallback, errors.Unwrap(err))
	}
	var port string
	switch u.Scheme {
	case "https":
		port = "443"
	case "http":
		port = "80"
	default:
		return "", fmt.Errorf("%w: callback URL is not an absolute http(s) URL", ErrMalformedCallback)
	}
	host := u.Hostname()
	if host == "" {
		return "", fmt.Errorf("%w: callback URL has no host", ErrMalformedCallback)
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" {
		port = p
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(u.User.String() + "@")
	}
	b.WriteString(host + ":" + port)
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" {
		b.WriteString("?" + u.RawQuery)
	}
	if u.Fragment != "" {
		b.WriteString("#" + u.EscapedFragment())
	}
	return b.String(), nil
}

// VerifyCallbackURL checks signature (the SignatureHeader value) against a
// callback DIDWW requested at requestURL with the payload params, as
// CallbackSignature computes it: for a POST, requestURL is the callback_url
// exactly as given and params the form; for a GET, requestURL is that
// callback_url with the query the request arrived with (the payload DIDWW
// added), and params the payload. The comparison is constant-time; hex
// digits may be in either case; an empty or non-hex signature never
// matches. The error wraps ErrInvalidSignature, or ErrMalformedCallback for
// a URL that is not absolute http(s).
func VerifyCallbackURL(requestURL string, params url.Values, signature, secret string) error {
	want, err := callbackMAC(requestURL, params, secret)
	if err != nil {
		return err
	}
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return fmt.Errorf("%w: no %s header", ErrInvalidSignature, SignatureHeader)
	}
	got, err := hex.DecodeString(signature)
	if err != nil || len(got) != sha1.Size {
		return fmt.Errorf("%w: %s is not %d hex digits", ErrInvalidSignature, SignatureHeader, 2*sha1.Size)
	}
	if !hmac.Equal(got, want) {
		return fmt.Errorf("%w: it does not match the URL and payload", ErrInvalidSignature)
	}
	return nil
}

// VerifyCallback checks the SignatureHeader of a callback request as DIDWW
// sent it, with the URL rebuilt from the request:
//
//   - scheme: https when the connection is TLS (r.TLS), else http; an
//     X-Forwarded-Proto header of "http" or "https" (its first value) wins,
//     for receivers behind a TLS-terminating proxy;
//   - host and port: r.Host (the Host header), with the scheme's default
//     port when none is given;
//   - path: r.URL's escaped path ("/" matches a callback_url with no path too);
//   - query: r.URL's raw query, byte for byte; for a GET it holds the
//     payload DIDWW added, which is signed as part of the URL.
//
// The payload is the form body of a POST (at most 64 KiB; read once, and
// kept in r.PostForm, which is used when already set) or the query
// parameters of a GET.
//
// When the URL the request arrives on differs from the URL DIDWW signed (a
// proxy that rewrites Host or path, a callback_url with user info or a
// fragment, which no request carries, or a GET callback_url with a query of
// its own), use CallbackHandlerForURL, or VerifyCallbackURL with the
// callback_url itself.
func VerifyCallback(r *http.Request, secret string) error {
	if r == nil {
		return fmt.Errorf("%w: nil request", ErrMalformedCallback)
	}
	params, err := callbackPayload(r)
	if err != nil {
		return err
	}
	return verifyRequest(r, params, secret)
}

// verifyRequest checks the signature against the URL rebuilt from r. A
// request for "/" may answer a callback_url written with or without that
// slash, so both are tried.
func verifyRequest(r *http.Request, params url.Values, secret string) error {
	u := requestURL(r)
	err := VerifyCallbackURL(u.String(), params, r.Header.Get(SignatureHeader), secret)
	if errors.Is(err, ErrInvalidSignature) && u.Path == "/" && u.RawPath == "" {
		u.Path = ""
		if VerifyCallbackURL(u.String(), params, r.Header.Get(SignatureHeader), secret) == nil {
			return nil
		}
	}
	return err
}

// requestURL rebuilds the URL a callback request was sent to.
func requestURL(r *http.Request) *url.URL {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ","); p != "" {
		switch p = strings.ToLower(strings.TrimSpace(p)); p {
		case "http", "https":
			scheme = p
		}
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	return &url.URL{Scheme: scheme, Host: host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
}

// callbackPayload returns the signed parameters of a callback request.
func callbackPayload(r *http.Request) (url.Values, error) {
	switch r.Method {
	case http.MethodGet:
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return nil, fmt.Errorf("%w: query: %v", ErrMalformedCallback, err)
		}
		return q, nil
	case http.MethodPost:
		if ct := r.Header.Get("Content-Type"); ct != "" {
			mt, _, err := mime.ParseMediaType(ct)
			if err != nil || mt != "application/x-www-form-urlencoded" {
				return nil, fmt.Errorf("%w: Content-Type %q is not application/x-www-form-urlencoded", ErrMalformedCallback, oneLine(ct, 60))
			}
		}
		if r.PostForm != nil {
			return r.PostForm, nil // already read by the caller
		}
		var body []byte
		if r.Body != nil {
			var err error
			body, err = io.ReadAll(io.LimitReader(r.Body, maxCallbackBody+1))
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe) || len(body) > maxCallbackBody:
				return nil, errCallbackTooLarge
			case err != nil:
				return nil, fmt.Errorf("%w: reading the body: %v", ErrMalformedCallback, err)
			}
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("%w: form: %v", ErrMalformedCallback, err)
		}
		r.PostForm = form
		return form, nil
	}
	return nil, fmt.Errorf("%w: method %s (callbacks use GET or POST)", ErrMalformedCallback, r.Method)
}

// parseCallback reads the payload of a verified callback. id and type are
// required, each given once; status may be absent.
func parseCallback(values url.Values) (Callback, error) {
	one := func(key string, required bool) (string, error) {
		vs := values[key]
		switch {
		case len(vs) > 1:
			return "", fmt.Errorf("%w: %q given %d times", ErrMalformedCallback, key, len(vs))
		case len(vs) == 0 || vs[0] == "":
			if required {
				return "", fmt.Errorf("%w: no %q", ErrMalformedCallback, key)
			}
			return "", nil
		}
		return vs[0], nil
	}
	id, err := one("id", true)
	if err != nil {
		return Callback{}, err
	}
	typ, err := one("type", true)
	if err != nil {
		return Callback{}, err
	}
	status, err := one("status", false)
	if err != nil {
		return Callback{}, err
	}
	cp := make(url.Values, len(values))
	for k, vs := range values {
		cp[k] = append([]string(nil), vs...)
	}
	return Callback{ID: id, Type: typ, Status: parseOrderStatus(status), Values: cp}, nil
}

// CallbackHandler returns an http.Handler that receives DIDWW callbacks (GET
// or POST) on the URL rebuilt as VerifyCallback describes, and calls fn with
// each verified one. It answers:
//
//   - 200 when fn returns nil;
//   - 401 when the signature is missing or does not match;
//   - 400 when the request cannot be read, or lacks id or type;
//   - 405 for methods other than GET and POST;
//   - 413 for a body over 64 KiB;
//   - 500 when fn fails (DIDWW then tries again later), or the secret is empty.
//
// Answers are short plain text; neither the secret, the signature nor fn's
// error is echoed. fn gets the request's context.
func CallbackHandler(secret string, fn func(ctx context.Context, cb Callback) error) http.Handler {
	return &callbackHandler{secret: secret, fn: fn}
}

// CallbackHandlerForURL is CallbackHandler verifying against callbackURL,
// the callback_url given in the orders, instead of the URL rebuilt from the
// request: for receivers behind proxies that change the host, port or path,
// and for callback URLs with user info, a fragment, or a query of their own.
// A POST is verified against callbackURL as given. For a GET the URL DIDWW
// signed is callbackURL with the request's query (its own parameters and the
// payload DIDWW added), and the payload is that query minus one occurrence
// of each parameter callbackURL itself carries (the whole query is tried
// too, since it is signed either way).
func CallbackHandlerForURL(callbackURL, secret string, fn func(ctx context.Context, cb Callback) error) http.Handler {
	return &callbackHandler{secret: secret, fn: fn, fixedURL: callbackURL, hasURL: true}
}

type callbackHandler struct {
	secret   string
	fn       func(context.Context, Callback) error
	fixedURL string
	hasURL   bool
}

func (h *callbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.secret == "" || h.fn == nil {
		http.Error(w, "callback receiver is not configured", http.StatusInternalServerError)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxCallbackBody)
	}
	params, err := callbackPayload(r)
	if err != nil {
		if errors.Is(err, errCallbackTooLarge) {
			http.Error(w, "callback body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "malformed callback", http.StatusBadRequest)
		return
	}
	if h.hasURL {
		params, err = h.verifyFixed(r, params)
	} else {
		err = verifyRequest(r, params, h.secret)
	}
	switch {
	case errors.Is(err, ErrInvalidSignature):
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	case errors.Is(err, ErrMalformedCallback) && !h.hasURL:
		http.Error(w, "malformed callback", http.StatusBadRequest) // a Host header that makes no URL
		return
	case err != nil:
		http.Error(w, "callback receiver is misconfigured", http.StatusInternalServerError)
		return
	}
	cb, err := parseCallback(params)
	if err != nil {
		http.Error(w, "malformed callback", http.StatusBadRequest)
		return
	}
	if err := h.fn(r.Context(), cb); err != nil {
		http.Error(w, "callback not processed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("ok\n"))
}

// verifyFixed checks r against the configured callback URL and returns the
// payload.
func (h *callbackHandler) verifyFixed(r *http.Request, params url.Values) (url.Values, error) {
	sig := r.Header.Get(SignatureHeader)
	if r.Method != http.MethodGet {
		return params, VerifyCallbackURL(h.fixedURL, params, sig, h.secret)
	}
	u, err := url.Parse(h.fixedURL)
	if err != nil {
		return nil, fmt.Errorf("%w: callback URL: %v", ErrMalformedCallback, errors.Unwrap(err))
	}
	own := u.RawQuery
	u.RawQuery, u.ForceQuery = r.URL.RawQuery, false
	payload := withoutURLParams(params, h.fixedURL)
	err = VerifyCallbackURL(u.String(), payload, sig, h.secret)
	if errors.Is(err, ErrInvalidSignature) && own != "" {
		// DIDWW may sign the callback_url's own parameters as payload too.
		if VerifyCallbackURL(u.String(), params, sig, h.secret) == nil {
			return payload, nil
		}
	}
	return payload, err
}

// withoutURLParams removes from params one occurrence of each parameter the
// callback URL's own query carries, leaving the payload DIDWW added.
func withoutURLParams(params url.Values, callbackURL string) url.Values {
	u, err := url.Parse(callbackURL)
	if err != nil || u.RawQuery == "" {
		return params
	}
	own, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return params
	}
	out := make(url.Values, len(params))
	for k, vs := range params {
		rest := append([]string(nil), vs...)
		for _, o := range own[k] {
			for i, v := range rest {
				if v == o {
					rest = append(rest[:i], rest[i+1:]...)
					break
				}
			}
		}
		if len(rest) > 0 {
			out[k] = rest
		}
	}
	return out
}
