package didww

// The request pipeline of every service: a request is sent with retries,
// the rate limit and the credential (do, try), and its answer is turned
// into an *APIError, a *DecodeError or one decoded resource (decodeOne,
// getByID). Lists and their pages are in pagination.go.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/didww-go/didww/internal/jsonapi"
)

// request is one API call before it is sent.
type request struct {
	method string
	path   string   // escaped path below the base URL, starting with "/"
	base   *url.URL // another base URL than the client's, such as a prices host
	query  url.Values
	body   []byte
	// stream, when set, opens the body afresh for each attempt, written
	// while it is sent (a multipart upload); streamLen is its exact length
	// and contentType its media type. Closing it ends its writer.
	stream      func() io.ReadCloser
	streamLen   int64
	contentType string
	// accept replaces the Accept header when set.
	accept string
	// onRetry, when set, is told the error of each failed attempt that do
	// is about to try again: a write can learn that an earlier attempt may
	// have been carried out.
	onRetry func(err error)
	// anonymous requests carry no credential, such as GET /public_keys.
	anonymous bool
	// token is the bearer token the last try carried; the client sets it.
	token tokenUse
}

// response is an answer, its body read in full (capped).
type response struct {
	status int
	header http.Header
	body   []byte
	// sandbox says the answer came from the sandbox: a 401 gets a hint.
	sandbox bool
}

// pathFor joins a collection and an id, escaping the id. An empty id is an
// invalid request.
func pathFor(collection, id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", invalid("id", "is empty")
	}
	return "/" + collection + "/" + url.PathEscape(id), nil
}

// do sends r, retrying as the policy allows, and returns the 2xx answer or an
// error: *APIError for other statuses, a wrapped transport error otherwise.
func (c *Client) do(ctx context.Context, r *request) (*response, error) {
	if ctx == nil {
		return nil, invalid("ctx", "is nil")
	}
	base := c.cfg.baseURL
	if r.base != nil {
		base = r.base
	}
	target := base.String() + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	for attempt := 0; ; attempt++ {
		slot, err := c.limiter.waitSlot(ctx)
		if err != nil {
			return nil, fmt.Errorf("didww: %s %s: %w", r.method, r.path, err)
		}
		resp, retryAfter, err := c.try(ctx, r, target, attempt, slot)
		if err == nil {
			return resp, nil
		}
		again, err := c.tokenRefused(r, err)
		if again {
			continue
		}
		wait := c.cfg.retry.backoff(attempt+1, retryAfter)
		// Every 429 holds the client's later requests back, retried or not.
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests {
			c.limiter.pause(max(wait, time.Second))
		}
		if ctx.Err() != nil || attempt >= c.cfg.retry.MaxRetries || !c.shouldRetry(r.method, err) {
			return nil, err
		}
		if r.onRetry != nil {
			r.onRetry(err)
		}
		if serr := sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("%w; stopped waiting to retry: %w", err, serr)
		}
	}
}

func (c *Client) shouldRetry(method string, err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return retryableStatus(method, apiErr.StatusCode)
	}
	var te *transportError
	return errors.As(err, &te) && retryableError(method, te.err)
}

// transportError is a request that got no complete answer.
type transportError struct {
	method, path string
	err          error
}

func (e *transportError) Error() string {
	return fmt.Sprintf("didww: %s %s: %v", e.method, e.path, redactURLError(e.err))
}

func (e *transportError) Unwrap() error { return e.err }

// redactURLError is the text of a *url.Error without its operation and URL:
// the message names method and path already, and filter values in a query
// may be private (the key is never in a URL).
func redactURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// try makes one attempt; slot is its start in the rate limiter, moved to
// when the request's headers are written (after any token it waited for).
func (c *Client) try(ctx context.Context, r *request, target string, attempt int, slot uint64) (*response, time.Duration, error) {
	req, err := c.newHTTPRequest(ctx, r, target)
	if err != nil {
		return nil, 0, err
	}
	if err := c.authorize(ctx, req, r); err != nil {
		return nil, 0, err
	}
	req = req.WithContext(c.limiter.traceSent(req.Context(), slot))
	req.Header.Set("X-DIDWW-API-Version", c.cfg.apiVersion)
	req.Header.Set("User-Agent", c.cfg.userAgentHeader())

	start := time.Now()
	resp, err := c.cfg.httpClient.Do(req)
	if err != nil {
		c.log(ctx, r, 0, start, attempt, err)
		return nil, 0, &transportError{method: r.method, path: r.path, err: err}
	}
	defer resp.Body.Close()
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	limit := int64(maxErrorBody)
	if success {
		limit = c.cfg.maxBody
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	c.log(ctx, r, resp.StatusCode, start, attempt, err)
	if err != nil {
		return nil, 0, &transportError{method: r.method, path: r.path, err: fmt.Errorf("reading the %d response: %w", resp.StatusCode, err)}
	}
	tooLarge := int64(len(data)) > limit
	if tooLarge {
		data = data[:limit]
	}
	answer := &response{status: resp.StatusCode, header: resp.Header, body: data, sandbox: c.cfg.baseURL.String() == string(Sandbox)}
	if success {
		if tooLarge {
			return nil, 0, newDecodeError(r, answer, fmt.Errorf("response body exceeds %d bytes", limit))
		}
		return answer, 0, nil
	}
	apiErr := newAPIError(r, answer)
	return nil, apiErr.RetryAfter, apiErr
}

// newHTTPRequest builds the attempt's request with its body and media types.
func (c *Client) newHTTPRequest(ctx context.Context, r *request, target string) (*http.Request, error) {
	var body io.Reader
	switch {
	case r.stream != nil:
		body = r.stream()
	case r.body != nil:
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		if rc, ok := body.(io.Closer); ok {
			rc.Close()
		}
		text := fmt.Sprintf("didww: %s %s: %s", r.method, r.path, redactURLError(err))
		return nil, &wrapError{text: text, errs: []error{ErrInvalidRequest, err}}
	}
	switch {
	case r.stream != nil:
		req.ContentLength = r.streamLen
		req.Header.Set("Content-Type", r.contentType)
	case r.body != nil:
		raw := r.body
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil }
		req.Header.Set("Content-Type", MediaType)
	}
	req.Header.Set("Accept", MediaType)
	if r.accept != "" {
		req.Header.Set("Accept", r.accept)
	}
	return req, nil
}

func (c *Client) log(ctx context.Context, r *request, status int, start time.Time, attempt int, err error) {
	if c.cfg.logger == nil || !c.cfg.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", r.method),
		slog.String("path", r.path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.Int("attempt", attempt+1),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redactURLError(err)))
	}
	c.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "didww request", attrs...)
}

// decodeDocument parses a response body into a document, turning an errors
// document into *APIError and anything else unreadable into *DecodeError.
func decodeDocument(r *request, resp *response) (*jsonapi.Document, error) {
	doc, err := jsonapi.Parse(resp.body)
	if err == nil {
		doc.Fieldsets = jsonapi.FieldsetsOf(r.query)
		return doc, nil
	}
	var errDoc *jsonapi.ErrorsDocument
	if errors.As(err, &errDoc) {
		return nil, newAPIError(r, resp)
	}
	return nil, newDecodeError(r, resp, err)
}

func decodeMeta(r *request, resp *response, raw json.RawMessage) (Meta, error) {
	var m Meta
	if raw == nil {
		return m, nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, newDecodeError(r, resp, fmt.Errorf("meta: %w", err))
	}
	return m, nil
}

// getOne fetches and decodes one resource with the document's meta.
func getOne[T any](ctx context.Context, c *Client, path string, q url.Values) (*T, Meta, error) {
	return sendOne[T](ctx, c, &request{method: "GET", path: path, query: q})
}

// sendOne sends r and decodes the single resource it answers with.
func sendOne[T any](ctx context.Context, c *Client, r *request) (*T, Meta, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, Meta{}, err
	}
	return decodeOne[T](r, resp)
}

// decodeOne decodes the single resource of a 2xx answer to r.
func decodeOne[T any](r *request, resp *response) (*T, Meta, error) {
	doc, err := decodeDocument(r, resp)
	if err != nil {
		return nil, Meta{}, err
	}
	v, err := jsonapi.DecodeOne[T](doc)
	if errors.Is(err, jsonapi.ErrNullData) {
		return nil, Meta{}, fmt.Errorf("%w: %s %s answered %d with null data", ErrNotFound, r.method, r.path, resp.status)
	}
	if err != nil {
		return nil, Meta{}, newDecodeError(r, resp, err)
	}
	meta, err := decodeMeta(r, resp, doc.Meta)
	if err != nil {
		return nil, Meta{}, err
	}
	return v, meta, nil
}

// getByID is the Get of every resource: checks the id and includes, then
// fetches collection/id.
func getByID[T any](ctx context.Context, c *Client, collection, id string, opts *GetOptions, includes []string) (*T, Meta, error) {
	path, err := pathFor(collection, id)
	if err != nil {
		return nil, Meta{}, err
	}
	q := newQueryFor(nil, c.cfg.apiVersion) // checks fields[] for the version
	if opts != nil {
		q.include(opts.Include, includes)
		q.fields(opts.Fields)
	}
	v, err := q.values()
	if err != nil {
		return nil, Meta{}, err
	}
	return getOne[T](ctx, c, path, v)
}

// encodeBody marshals a request document without HTML escaping, so that
// URLs with & travel as written.
func encodeBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("didww: encoding the request: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
