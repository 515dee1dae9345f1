package didwwtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// mediaType is the JSON:API media type.
const mediaType = "application/vnd.api+json"

const (
	defaultPageSize = 50
	maxPageSize     = 100
	maxBody         = 1 << 20
	// maxUploadBody holds a 20 MB document, its two RSA blocks, padding
	// and the form around it.
	maxUploadBody = MaxEncryptedFileSize + 1<<16
)

// call is one authenticated request being served, with the server's lock held.
type call struct {
	s       *Server
	r       *http.Request
	acct    *account
	version string
	now     time.Time
	body    []byte
	render  *renderer
}

// admitted is a request that passed the checks every endpoint shares:
// route, credentials, version, rate limit, media types and body.
type admitted struct {
	res     *resource
	h       handlerFunc
	id      string
	acct    *account
	version string
	body    []byte
}

// newHandler serves the registry and the token service behind faults and
// the request log.
func (s *Server) newHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serve := s.serveAPI
		if r.URL.Path == tokenPath {
			serve = s.serveToken
		} else if isPricesPath(r.URL.Path) {
			serve = s.servePrices
		}
		s.serveFaulty(w, r, func(w http.ResponseWriter, r *http.Request) int { return s.serveRecovered(w, r, serve) })
	})
}

// serveRecovered is serve that turns a panic into a 500 answer and a
// report (WithTest), so that a bug shows instead of killing the connection.
func (s *Server) serveRecovered(w http.ResponseWriter, r *http.Request, serve func(http.ResponseWriter, *http.Request) int) (status int) {
	tw := &trackingWriter{ResponseWriter: w}
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.reportPanic(r, v)
		status = http.StatusInternalServerError
		if !tw.wrote {
			writeError(tw, newError(status, "500", "Internal server error", "The server failed to answer this request."))
		}
	}()
	return serve(tw, r)
}

// trackingWriter notes whether the status line went out.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *trackingWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// serveAPI answers one request and returns the status it wrote.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) int {
	a, e := s.admit(r)
	if e != nil {
		return writeError(w, e)
	}
	status, out, file, e := s.handle(a, r)
	if e != nil {
		return writeError(w, e)
	}
	if file != nil {
		return file.write(w, status)
	}
	if out == nil {
		w.WriteHeader(status)
		return status
	}
	ct := mediaType
	if a.res.upload && r.Method == http.MethodPost {
		ct = "application/json" // the upload's answer (API_REFERENCE §17.9, C15)
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write(out)
	return status
}

// acceptsJSON says whether the Accept headers allow application/json, which
// the upload answers with.
func acceptsJSON(values []string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if mt, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == "application/json" {
				return true
			}
		}
	}
	return false
}

// admit runs the checks every endpoint shares, in the API's order.
func (s *Server) admit(r *http.Request) (*admitted, *apiError) {
	res, h, id, e := s.reg.pickRoute(r)
	if e != nil {
		return nil, e
	}
	cr, e := s.authenticate(r)
	if e != nil {
		return nil, e
	}
	version, e := selectVersion(r.Header.Get("X-DIDWW-API-Version"), cr.base)
	if e != nil {
		return nil, e
	}
	rule := authVersion
	if res.auth != nil {
		rule = res.auth(r.Method, id)
	}
	if e := authorize(cr, rule, version); e != nil {
		return nil, e
	}
	if e := checkScope(cr, r.Method); e != nil {
		return nil, e
	}
	if ch := changeOf(res, version); ch != nil && ch.gone != "" {
		return nil, goneError(r.URL.Path)
	}
	if e := s.rateLimited(cr.acct, version); e != nil {
		return nil, e
	}
	download := res.download != nil && res.download(id)
	if !download && !acceptable(r.Header.Values("Accept")) && !(res.upload && acceptsJSON(r.Header.Values("Accept"))) {
		return nil, newError(http.StatusNotAcceptable, "406", "Not acceptable",
			"All requests must use the '"+mediaType+"' Accept without media type parameters.")
	}
	body, e := readBody(r, res.upload && r.Method == http.MethodPost)
	if e != nil {
		return nil, e
	}
	return &admitted{res: res, h: h, id: id, acct: cr.acct, version: version, body: body}, nil
}

// readBody reads the body of a request that has one, refusing another
// media type; an upload is multipart, with room for a 20 MB document.
func readBody(r *http.Request, upload bool) ([]byte, *apiError) {
	if r.Method != http.MethodPost && r.Method != http.MethodPatch && r.ContentLength <= 0 {
		return nil, nil
	}
	limit := int64(maxBody)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); upload && mt == "multipart/form-data" {
		limit = maxUploadBody
	} else if r.Header.Get("Content-Type") != mediaType {
		return nil, newError(http.StatusUnsupportedMediaType, "415", "Unsupported media type",
			"All requests that create or update must use the '"+mediaType+"' Content-Type.")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil || int64(len(body)) > limit {
		return nil, badRequest("400", "Bad request", "The request body could not be read or is too large.")
	}
	return body, nil
}

// handle runs the request's handler under the server's lock and renders its
// answer (or returns the file it answers with); the lock is released
// however the handler ends.
func (s *Server) handle(a *admitted, r *http.Request) (int, []byte, *fileAnswer, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked()
	c := &call{s: s, r: r, acct: a.acct, version: a.version, body: a.body, now: s.cfg.now()}
	c.render = &renderer{base: s.URL, resolve: func(to ref) *obj { return s.reg.resolve(c, to) },
		shape: func(o *obj) *obj { return s.reg.shape(o, c.version) }}
	if a.res.gate != nil {
		if e := a.res.gate(c); e != nil {
			return 0, nil, nil, e
		}
	}
	status, doc, e := a.h(c, a.id)
	if e != nil {
		return 0, nil, nil, e
	}
	if f, ok := doc.(*fileAnswer); ok {
		return status, nil, f, nil
	}
	if doc == nil {
		return status, nil, nil, nil
	}
	out, err := marshal(doc)
	if err != nil {
		return 0, nil, nil, newError(http.StatusInternalServerError, "500", "Internal server error", err.Error())
	}
	return status, out, nil, nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeError(w http.ResponseWriter, e *apiError) int {
	for k, vs := range e.header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Type", mediaType)
	w.WriteHeader(e.status)
	out, _ := marshal(map[string]any{"errors": e.errs})
	_, _ = w.Write(out)
	return e.status
}

// acceptable says whether the Accept headers allow JSON:API: no header,
// */*, application/*, or the media type without parameters.
func acceptable(values []string) bool {
	if len(values) == 0 {
		return true
	}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			mt, params, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			delete(params, "q")
			switch {
			case mt == "*/*" || mt == "application/*":
				return true
			case mt == mediaType && len(params) == 0:
				return true
			}
		}
	}
	return false
}

func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
