package didww

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// MaxExportSize caps the decompressed size of a download: a file larger
// than 4 GiB is an error, whatever its compressed size.
const MaxExportSize = 4 << 30

// downloadBuffer is the size of each read and write of a download: memory
// stays bounded by a few of these, whatever the file's size.
const downloadBuffer = 32 << 10

// Download writes the CSV file of a completed export into w, decompressed,
// as it arrives: memory stays bounded whatever the file's size.
//
// It refuses, before sending anything, an export that is not completed or
// has no URL, and a URL off the client's API host: the request carries the
// client's credential (the key, or a bearer token, which the download takes
// under either version), and redirects are followed only on that host. What
// arrives is checked on the way: it must be gzip-compressed (the checksum
// is verified at the end), decompress to at most MaxExportSize bytes, and
// be a CSV text: a header line, then records of as many fields, quotes
// balanced. A failed check is an error wrapping ErrDecode; a status other
// than 2xx is an *APIError (404 when DIDWW deleted the file, a month after
// completion). After an error, w may hold part of the file. The download is
// not retried, since part of it may be written already, except once after a
// 401 to a bearer token, with a token minted anew (nothing is written then);
// WithTimeout, when given, bounds the whole download.
func (s *ExportsService) Download(ctx context.Context, e *Export, w io.Writer) error {
	switch {
	case ctx == nil:
		return invalid("ctx", "is nil")
	case e == nil:
		return invalid("export", "is nil")
	case w == nil:
		return invalid("w", "is nil")
	case e.Status != ExportCompleted:
		return invalid("export", "%s is %q, not completed; Wait for it first", e.ID, e.Status)
	case e.URL == "":
		return invalid("export", "%s has no url", e.ID)
	}
	target, err := s.client.downloadURL(e.URL)
	if err != nil {
		return err
	}
	r := &request{method: "GET", path: target.EscapedPath()}
	resp, err := s.client.fetch(ctx, r, target)
	if again, refused := s.client.tokenRefused(r, err); again {
		// A refused bearer token is minted anew once, as for API requests:
		// nothing was written yet.
		resp, err = s.client.fetch(ctx, r, target)
		_, err = s.client.tokenRefused(r, err)
	} else {
		err = refused
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return copyExport(r, resp, w)
}

// downloadURL checks an export's URL: http(s) (http on loopback only), no
// user info, and on the API's host, since the credential travels with it.
func (c *Client) downloadURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, invalid("export.url", "is not a URL: %s", redactURLError(err))
	}
	api := c.cfg.baseURL
	switch {
	case u.User != nil:
		return nil, invalid("export.url", "must not carry user info")
	case u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())):
		return nil, invalid("export.url", "is not https")
	case !strings.EqualFold(u.Host, api.Host):
		return nil, invalid("export.url", "is on host %q, not the API's %q: the credential is sent only to the API", u.Host, api.Host)
	}
	return u, nil
}

// fetch sends one GET for a file and returns the 2xx response with its body
// unread; any other status is an *APIError.
func (c *Client) fetch(ctx context.Context, r *request, target *url.URL) (*http.Response, error) {
	slot, err := c.limiter.waitSlot(ctx)
	if err != nil {
		return nil, fmt.Errorf("didww: %s %s: %w", r.method, r.path, err)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target.String(), nil)
	if err != nil {
		return nil, &wrapError{text: fmt.Sprintf("didww: %s %s: %s", r.method, r.path, redactURLError(err)), errs: []error{ErrInvalidRequest, err}}
	}
	req.Header.Set("Accept", "text/csv")
	if err := c.authorize(ctx, req, r); err != nil {
		return nil, err
	}
	req = req.WithContext(c.limiter.traceSent(req.Context(), slot))
	req.Header.Set("X-DIDWW-API-Version", c.cfg.apiVersion)
	req.Header.Set("User-Agent", c.cfg.userAgentHeader())
	hc := *c.cfg.httpClient
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !strings.EqualFold(req.URL.Host, target.Host) {
			return fmt.Errorf("refusing redirect off the API host to %s", req.URL.Host)
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, &transportError{method: r.method, path: r.path, err: err}
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	return nil, newAPIError(r, &response{status: resp.StatusCode, header: resp.Header, body: body,
		sandbox: c.cfg.baseURL.String() == string(Sandbox)})
}

// writeError is a failure of the caller's writer, passed through as is.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// copyExport decompresses and checks the body while writing it to w.
func copyExport(r *request, resp *http.Response, w io.Writer) error {
	return copyCSV(r, resp, w, csvFile{what: "export file", limit: MaxExportSize})
}

// csvFile names a gzip-compressed CSV file the API serves and its bound.
type csvFile struct {
	what  string // "export file", "price file"
	limit int64  // decompressed bytes at most
	// plain: the transport decompressed the body already (Content-Encoding).
	plain bool
}

// copyCSV decompresses the body of a file answer (unless f.plain) and
// checks it while writing it to w: gzip with its checksum, at most f.limit
// bytes, a CSV text. A failed check is a decode error; a failure of w is
// the caller's, passed through.
func copyCSV(r *request, resp *http.Response, w io.Writer, f csvFile) error {
	answer := &response{status: resp.StatusCode, header: resp.Header}
	fail := func(format string, args ...any) error {
		return newDecodeError(r, answer, fmt.Errorf(format, args...))
	}
	var src io.Reader = bufio.NewReaderSize(resp.Body, downloadBuffer)
	if !f.plain {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return fail("the %s is not gzip-compressed: %v", f.what, err)
		}
		defer gz.Close()
		src = gz
	}
	check := &csvCheck{w: w, fieldStart: true, lineEmpty: true}
	limited := &io.LimitedReader{R: src, N: f.limit + 1}
	_, err := io.CopyBuffer(check, limited, make([]byte, downloadBuffer))
	var we *writeError
	var ce *csvError
	switch {
	case errors.As(err, &we):
		return fmt.Errorf("didww: writing %s %s: %w", f.what, r.path, we.err)
	case errors.As(err, &ce):
		return fail("not a CSV file: %s", ce.text)
	case err != nil:
		return fail("the %s is broken: %s", f.what, redactURLError(err))
	case limited.N <= 0:
		return fail("the %s decompresses to more than %d bytes", f.what, f.limit)
	}
	if err := check.finish(); err != nil {
		return fail("not a CSV file: %s", err.(*csvError).text)
	}
	return nil
}

// csvError is a CSV check that failed.
type csvError struct{ text string }

func (e *csvError) Error() string { return e.text }

// csvCheck is a writer that checks a CSV text as it passes through, byte by
// byte and without allocating: no NUL bytes; quotes only around whole
// fields, doubled inside them; every record with the header's number of
// fields (empty lines skipped). A chunk that fails is not written.
type csvCheck struct {
	w                     io.Writer
	line                  int // newlines seen
	fields, header        int // separators in this record; fields of the header (0: none yet)
	inQuotes, quoteInside bool
	closed                bool // a quoted field just ended
	fieldStart, lineEmpty bool
}

func (c *csvCheck) Write(p []byte) (int, error) {
	for _, b := range p {
		if err := c.step(b); err != nil {
			return 0, err
		}
	}
	if _, err := c.w.Write(p); err != nil {
		return 0, &writeError{err: err}
	}
	return len(p), nil
}

func (c *csvCheck) fail(format string, args ...any) error {
	return &csvError{text: fmt.Sprintf("line %d: ", c.line+1) + fmt.Sprintf(format, args...)}
}

func (c *csvCheck) step(b byte) error {
	if b == 0 {
		return c.fail("a NUL byte")
	}
	if c.inQuotes {
		switch {
		case c.quoteInside && b == '"':
			c.quoteInside = false // a doubled quote
			return nil
		case c.quoteInside:
			c.inQuotes, c.quoteInside, c.closed = false, false, true // the field ended; b follows it
		case b == '"':
			c.quoteInside = true
			return nil
		default:
			if b == '\n' {
				c.line++
			}
			return nil
		}
	}
	switch b {
	case ',':
		c.fields++
		c.fieldStart, c.lineEmpty, c.closed = true, false, false
	case '\n':
		err := c.endRecord()
		c.line++
		return err
	case '\r':
	case '"':
		if !c.fieldStart {
			return c.fail("a quote inside an unquoted field")
		}
		c.inQuotes, c.fieldStart, c.lineEmpty = true, false, false
	default:
		if c.closed {
			return c.fail("text after a closing quote")
		}
		c.fieldStart, c.lineEmpty = false, false
	}
	return nil
}

func (c *csvCheck) endRecord() error {
	if c.lineEmpty {
		return nil
	}
	n := c.fields + 1
	switch {
	case c.header == 0:
		c.header = n
	case n != c.header:
		return c.fail("%d fields where the header has %d", n, c.header)
	}
	c.fields, c.fieldStart, c.lineEmpty, c.closed = 0, true, true, false
	return nil
}

// finish checks the end of the text: a last record without its newline,
// an unterminated quote, a file without a header.
func (c *csvCheck) finish() error {
	if c.inQuotes && !c.quoteInside {
		return c.fail("a quoted field is not closed")
	}
	c.inQuotes = false
	if err := c.endRecord(); err != nil {
		return err
	}
	if c.header == 0 {
		return &csvError{text: "the file is empty: no header line"}
	}
	return nil
}
