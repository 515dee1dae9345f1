package didww

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/didww-go/didww/internal/jsonapi"
)

// Sentinel errors. Every *APIError matches the ones that fit its status and
// error objects through errors.Is; client-side failures wrap ErrInvalidRequest
// or ErrDecode.
var (
	// ErrNotFound matches a 404 answer.
	ErrNotFound = errors.New("didww: not found")
	// ErrUnauthorized matches a 401 answer. Under APIVersion20260416 the API
	// refused the API key: missing, wrong, or a key of the other environment.
	// From APIVersion20261119 on it is the token service refusing the key
	// (the error names the token URL, and no request reached the API), or
	// the API refusing a bearer token twice, a fresh one the second time.
	ErrUnauthorized = errors.New("didww: unauthorized")
	// ErrForbidden matches a 403 answer, such as an account in read-only mode.
	ErrForbidden = errors.New("didww: forbidden")
	// ErrInsufficientScope matches the 403 of API version 2026-11-19 to a
	// bearer token whose scope does not cover the method: a token minted
	// with the read scope may only read (API_REFERENCE §23.1.3). The API
	// marks it with a WWW-Authenticate challenge naming insufficient_scope,
	// and an error object titled "Insufficient scope"; either is enough. It
	// also matches ErrForbidden. Minting anew does not help, so the client
	// does not: the token needs another scope.
	ErrInsufficientScope = errors.New("didww: insufficient scope")
	// ErrRateLimited matches a 429 answer.
	ErrRateLimited = errors.New("didww: rate limited")
	// ErrValidation matches a 422 answer or any error object with code "100".
	ErrValidation = errors.New("didww: validation failed")
	// ErrInsufficientFunds matches an answer whose error objects say "Insufficient funds".
	ErrInsufficientFunds = errors.New("didww: insufficient funds")
	// ErrNumberUnavailable matches an answer saying that a particular number
	// cannot be had, so that a caller can pick another without parsing text:
	//   - a 422 to POST /did_reservations (DIDReservations.Create and Renew,
	//     the reservation step of BuyAvailableDID), the one refusal DIDWW
	//     documents there ("the DID cannot be reserved"), unless every error
	//     object points at a part of the request other than available_did;
	//   - a 404 to GET /available_dids/{id}: no number with that id is for
	//     sale, being unknown or sold;
	//   - a 4xx to POST /orders with an error object pointing at an item's
	//     available_did_id.
	// That is all the API's documents allow: they give no error code that
	// tells a number held by another account from one sold or an unknown id,
	// nor say how the account's cap on reservations is refused, so that cap
	// may match too (Meta.AvailableCount of a reservation list tells it). A
	// refused did_reservation_id (a lapsed or released reservation) says
	// nothing of the number and does not match; nor does any 2xx, whose
	// outcome is unknown. The error also matches ErrValidation or ErrNotFound.
	ErrNumberUnavailable = errors.New("didww: number not available")
	// ErrServer matches any 5xx answer.
	ErrServer = errors.New("didww: server error")
	// ErrInvalidRequest is wrapped by every error the client returns for a
	// request it refused to send.
	ErrInvalidRequest = errors.New("didww: invalid request")
	// ErrDecode is wrapped by every error about a response the client could not decode.
	ErrDecode = errors.New("didww: cannot decode response")
)

// APIError is an answer of the API with a non-success status, or a success
// status carrying an errors document.
type APIError struct {
	StatusCode int
	Method     string
	Path       string
	// RequestID is the server's request id header, when it sent one.
	RequestID string
	// RetryAfter is the wait the server asked for, zero when it named none.
	RetryAfter time.Duration
	// Errors are the error objects of a JSON:API errors document.
	Errors []ErrorObject
	// Body is the raw body (capped) when it was not a JSON:API errors document.
	Body []byte

	sandbox bool // the request went to the sandbox: a 401 gets a hint
	bearer  bool // the request carried a bearer token, not the key
	// challenge is the answer's WWW-Authenticate header, on one line.
	challenge string
}

// newAPIError is the one constructor of APIError, for a non-2xx answer and
// for an errors document on a 2xx alike: the request's method and path, the
// answer's status, request id, Retry-After and body.
func newAPIError(r *request, resp *response) *APIError {
	e := &APIError{
		StatusCode: resp.status,
		Method:     r.method,
		Path:       r.path,
		RequestID:  requestID(resp.header),
		sandbox:    resp.sandbox,
		bearer:     r.token.gen != 0,
		challenge:  oneLine(strings.Join(resp.header.Values("WWW-Authenticate"), ", "), 200),
	}
	if ra, ok := parseRetryAfter(resp.header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = ra
	}
	if objs, ok := parseErrorBody(resp.body); ok {
		e.Errors = objs
	} else {
		e.Body = resp.body
	}
	return e
}

// requestID is the server's request id header, on one short line.
func requestID(h http.Header) string {
	for _, n := range []string{"X-Request-Id", "Request-Id"} {
		if v := h.Get(n); v != "" {
			return oneLine(v, 100)
		}
	}
	return ""
}

// ErrorObject is one entry of the API's errors document.
type ErrorObject struct {
	Title  string
	Detail string
	// Code is the API's application code, not the HTTP status: "100" is a
	// validation error, "102" a disallowed filter.
	Code   string
	Status string
	Source *ErrorSource
	Meta   map[string]any
}

// ErrorSource points at the part of the request an error object is about.
type ErrorSource struct {
	Pointer   string
	Parameter string
}

// Error returns one line: method, path, status and every error object.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "didww: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if len(e.Errors) > 0 {
		b.WriteString(": ")
		for i, o := range e.Errors {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(o.summary())
		}
	} else if len(e.Body) > 0 {
		fmt.Fprintf(&b, ": %s", summarizeBody(e.Body))
	}
	if e.insufficientScope() {
		b.WriteString(" (the access token's scope does not cover " + e.Method + "; a token with the read scope may only read)")
	}
	if e.StatusCode == http.StatusUnauthorized && e.sandbox {
		if e.bearer {
			b.WriteString(" (this client talks to the sandbox, which takes only tokens of its own token service, " + sandboxTokenURL + ")")
		} else {
			b.WriteString(" (this client talks to the sandbox, " + sandboxKeyHint + ")")
		}
	}
	return b.String()
}

// sandboxKeyHint explains a key the sandbox or its token service refused.
const sandboxKeyHint = "whose keys differ from production keys; use WithEnvironment(didww.Production) for a production key"

// causeText is the text of an error this package wraps in one of its own,
// without the "didww: " prefixes of the package's errors inside it: every
// message starts with exactly one.
func causeText(err error) string {
	return prefixCutter.Replace(strings.TrimPrefix(err.Error(), "didww: "))
}

var prefixCutter = strings.NewReplacer(": didww: ", ": ", "; didww: ", "; ", "(didww: ", "(")

// wrapError is an error of this package whose text is its own, around errors
// that errors.Is and errors.As see.
type wrapError struct {
	text string
	errs []error
}

func (e *wrapError) Error() string   { return e.text }
func (e *wrapError) Unwrap() []error { return e.errs }

func (o ErrorObject) summary() string {
	text := o.Detail
	if text == "" {
		text = o.Title
	}
	if text == "" {
		text = "code " + o.Code
	}
	text = oneLine(text, 300)
	if o.Source != nil {
		field := o.Source.Parameter
		if p := o.Source.Pointer; p != "" {
			field = p[strings.LastIndexByte(p, '/')+1:]
		}
		if field != "" {
			// The API's details read "sku_id - can't be blank"; say "sku_id: can't be blank".
			if rest, ok := strings.CutPrefix(text, field+" - "); ok && rest != "" {
				text = rest
			}
			if !strings.HasPrefix(text, field) {
				text = oneLine(field, 80) + ": " + text
			}
		}
	}
	return text
}

// Is reports whether the error matches one of the package's sentinels.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrInsufficientScope:
		return e.insufficientScope()
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	case ErrValidation:
		if e.StatusCode == http.StatusUnprocessableEntity {
			return true
		}
		for _, o := range e.Errors {
			if o.Code == "100" {
				return true
			}
		}
	case ErrNumberUnavailable:
		return e.numberUnavailable()
	case ErrInsufficientFunds:
		for _, o := range e.Errors {
			if strings.Contains(strings.ToLower(o.Title+" "+o.Detail), "insufficient funds") {
				return true
			}
		}
	}
	return false
}

// insufficientScope says whether a 403 refuses the token's scope: its
// challenge or an error object names insufficient_scope.
func (e *APIError) insufficientScope() bool {
	if e.StatusCode != http.StatusForbidden {
		return false
	}
	if strings.Contains(strings.ToLower(e.challenge), "insufficient_scope") {
		return true
	}
	for _, o := range e.Errors {
		text := strings.ToLower(o.Title + " " + o.Code)
		if strings.Contains(text, "insufficient scope") || strings.Contains(text, "insufficient_scope") {
			return true
		}
	}
	return false
}

// numberUnavailable reports whether e refuses a particular number; see
// ErrNumberUnavailable.
func (e *APIError) numberUnavailable() bool {
	switch {
	case e.Method == http.MethodPost && e.Path == "/did_reservations" && e.StatusCode == http.StatusUnprocessableEntity:
		for _, o := range e.Errors {
			if o.Source == nil || o.Source.Pointer == "" || isPointerTo(o.Source.Pointer, "/data/relationships/available_did") {
				return true
			}
		}
		return len(e.Errors) == 0
	case e.Method == http.MethodGet && strings.HasPrefix(e.Path, "/available_dids/") && e.StatusCode == http.StatusNotFound:
		return true
	case e.Method == http.MethodPost && e.Path == "/orders" && e.StatusCode >= 400 && e.StatusCode <= 499:
		for _, o := range e.Errors {
			if o.Source != nil && orderItemField(o.Source.Pointer) == "available_did_id" {
				return true
			}
		}
	}
	return false
}

// isPointerTo reports whether a JSON pointer is base or below it.
func isPointerTo(pointer, base string) bool {
	rest, ok := strings.CutPrefix(pointer, base)
	return ok && (rest == "" || rest[0] == '/')
}

// orderItemField is the attribute of an order item a pointer such as
// /data/attributes/items/0/attributes/available_did_id names, or "".
func orderItemField(pointer string) string {
	rest, ok := strings.CutPrefix(pointer, "/data/attributes/items/")
	if !ok {
		return ""
	}
	index, field, ok := strings.Cut(rest, "/attributes/")
	if !ok || index == "" || strings.Trim(index, "0123456789") != "" || strings.Contains(field, "/") {
		return ""
	}
	return field
}

// summarizeBody describes a body that is not an errors document without
// pasting it: a short printable excerpt of text, or its size otherwise.
func summarizeBody(body []byte) string {
	trimmed := strings.TrimSpace(string(body))
	lower := strings.ToLower(trimmed)
	if strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") {
		if title := htmlTitle(trimmed); title != "" {
			return fmt.Sprintf("HTML page %q (%d bytes)", title, len(body))
		}
		return fmt.Sprintf("HTML page (%d bytes)", len(body))
	}
	return fmt.Sprintf("%q (%d bytes)", oneLine(trimmed, 80), len(body))
}

func htmlTitle(page string) string {
	start := indexASCIIFold(page, "<title>")
	if start < 0 {
		return ""
	}
	rest := page[start+len("<title>"):]
	end := indexASCIIFold(rest, "</title>")
	if end < 0 {
		return ""
	}
	return oneLine(rest[:end], 80)
}

// indexASCIIFold is strings.Index ignoring ASCII case, for a lower-case
// ASCII sub. Unlike an index into strings.ToLower(s), its offsets are valid
// in s whatever bytes s holds (ToLower changes the length of invalid UTF-8).
func indexASCIIFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

// oneLine collapses whitespace and control characters and cuts s to max runes.
func oneLine(s string, max int) string {
	var b strings.Builder
	space, n := false, 0
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if n >= max || (space && n+1 >= max) {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func convertErrorObjects(in []jsonapi.ErrorObject) []ErrorObject {
	out := make([]ErrorObject, len(in))
	for i, o := range in {
		out[i] = ErrorObject{Title: o.Title, Detail: o.Detail, Code: o.Code, Status: o.Status, Meta: o.Meta}
		if o.Source != nil {
			out[i].Source = &ErrorSource{Pointer: o.Source.Pointer, Parameter: o.Source.Parameter}
		}
	}
	return out
}

// RequestError is a request the client refused to send. It wraps
// ErrInvalidRequest.
type RequestError struct {
	// Field names the offending option or attribute, e.g. "items[0].sku_id".
	Field string
	// Problem says what is wrong with it.
	Problem string
}

func (e *RequestError) Error() string {
	if e.Field == "" {
		return "didww: invalid request: " + e.Problem
	}
	return "didww: invalid request: " + e.Field + ": " + e.Problem
}

// Unwrap returns ErrInvalidRequest.
func (e *RequestError) Unwrap() error { return ErrInvalidRequest }

func invalid(field, format string, args ...any) error {
	return &RequestError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// DecodeError is a response the client could not decode. It wraps ErrDecode
// and the underlying cause.
type DecodeError struct {
	Method, Path string
	StatusCode   int
	// RequestID is the server's request id header, when it sent one.
	RequestID string
	// Excerpt is the start of the body, for diagnosis.
	Excerpt string
	Err     error
}

// newDecodeError is the DecodeError of the answer resp to r, caused by err.
func newDecodeError(r *request, resp *response, err error) *DecodeError {
	return &DecodeError{Method: r.method, Path: r.path, StatusCode: resp.status, RequestID: requestID(resp.header),
		Excerpt: excerpt(resp.body), Err: err}
}

func (e *DecodeError) Error() string {
	// The cause may quote the body, which can hold anything: keep one line.
	return fmt.Sprintf("didww: %s %s: cannot decode %d response: %s (body starts %q)", e.Method, e.Path, e.StatusCode, oneLine(causeText(e.Err), 300), e.Excerpt)
}

// Unwrap returns ErrDecode and the cause.
func (e *DecodeError) Unwrap() []error { return []error{ErrDecode, e.Err} }

func excerpt(body []byte) string { return oneLine(string(body), 64) }

// parseErrorBody reads a JSON:API errors document; ok is false for any other body.
func parseErrorBody(body []byte) (objs []ErrorObject, ok bool) {
	var doc struct {
		Errors json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &doc) != nil || len(doc.Errors) == 0 {
		return nil, false
	}
	parsed, err := jsonapi.ParseErrors(doc.Errors)
	if err != nil || len(parsed) == 0 {
		return nil, false
	}
	return convertErrorObjects(parsed), true
}
