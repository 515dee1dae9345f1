package didwwtest

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// mediaType is the JSON:API media type.
const mediaType = "application/vnd.api+json"

// defaultAPIVersion is the version served when the request names none.
const defaultAPIVersion = "2026-04-16"

const (
	defaultPageSize = 50
	maxPageSize     = 100
	maxBody         = 1 << 20
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

type handlerFunc func(c *call, id string) (int, any, *apiError)

type route struct {
	list, show, create, update, del handlerFunc
}

func (s *Server) routes() map[string]route {
	return map[string]route{
		"countries":            {list: s.listCountries, show: s.showCountry},
		"regions":              {list: s.listRegions, show: s.showRegion},
		"areas":                {list: s.listAreas, show: s.showArea},
		"cities":               {list: s.listCities, show: s.showCity},
		"did_group_types":      {list: s.listGroupTypes, show: s.showGroupType},
		"did_groups":           {list: s.listGroups, show: s.showGroup},
		"nanpa_prefixes":       {list: s.listNanpa, show: s.showNanpa},
		"available_dids":       {list: s.listNumbers, show: s.showNumber},
		"address_requirements": {list: s.listRequirements, show: s.showRequirement},
		"did_reservations":     {list: s.listReservations, show: s.showReservation, create: s.createReservation, del: s.deleteReservation},
		"orders":               {list: s.listOrders, show: s.showOrder, create: s.createOrder, update: s.updateOrder, del: s.cancelOrder},
	}
}

func (s *Server) newHandler() http.Handler { return s.handlerFor(s.routes()) }

// handlerFor serves routes behind faults and the request log.
func (s *Server) handlerFor(routes map[string]route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveFaulty(w, r, func(w http.ResponseWriter, r *http.Request) int { return s.serveRecovered(w, r, routes) })
	})
}

// serveRecovered is serveAPI that turns a panic into a 500 answer and a
// report (WithTest), so that a bug shows instead of killing the connection.
func (s *Server) serveRecovered(w http.ResponseWriter, r *http.Request, routes map[string]route) (status int) {
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
	return s.serveAPI(tw, r, routes)
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
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, routes map[string]route) int {
	h, id, e := pickRoute(r, routes)
	if e != nil {
		return writeError(w, e)
	}
	key := r.Header.Get("Api-Key")
	acct := s.account(key)
	if key == "" || acct == nil {
		return writeError(w, newError(http.StatusUnauthorized, "401", "Unauthorized", "The API key is missing or invalid."))
	}
	if e := s.rateLimited(key); e != nil {
		return writeError(w, e)
	}
	if !acceptable(r.Header.Values("Accept")) {
		return writeError(w, newError(http.StatusNotAcceptable, "406", "Not acceptable",
			"All requests must use the '"+mediaType+"' Accept without media type parameters."))
	}
	body, e := readBody(r)
	if e != nil {
		return writeError(w, e)
	}
	version := defaultAPIVersion
	if v := r.Header.Get("X-DIDWW-API-Version"); v != "" {
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			version = v
		}
	}
	status, out, e := s.handle(h, &call{s: s, r: r, acct: acct, version: version, body: body}, id)
	if e != nil {
		return writeError(w, e)
	}
	if out == nil {
		w.WriteHeader(status)
		return status
	}
	w.Header().Set("Content-Type", mediaType)
	w.WriteHeader(status)
	_, _ = w.Write(out)
	return status
}

// pickRoute finds the handler of the request's path and method.
func pickRoute(r *http.Request, routes map[string]route) (handlerFunc, string, *apiError) {
	noRoute := newError(http.StatusNotFound, "404", "Not found", "No route matches "+r.URL.Path+".")
	rest, ok := strings.CutPrefix(r.URL.Path, "/v3/")
	if !ok {
		return nil, "", noRoute
	}
	parts := strings.Split(rest, "/")
	rt, known := routes[parts[0]]
	if !known || len(parts) > 2 || (len(parts) == 2 && parts[1] == "") {
		return nil, "", noRoute
	}
	id := ""
	if len(parts) == 2 {
		id = parts[1]
	}
	var h handlerFunc
	switch {
	case r.Method == http.MethodGet && id == "":
		h = rt.list
	case r.Method == http.MethodGet:
		h = rt.show
	case r.Method == http.MethodPost && id == "":
		h = rt.create
	case r.Method == http.MethodPatch && id != "":
		h = rt.update
	case r.Method == http.MethodDelete && id != "":
		h = rt.del
	}
	if h == nil {
		return nil, "", newError(http.StatusMethodNotAllowed, "405", "Method not allowed", r.Method+" is not allowed on "+r.URL.Path+".")
	}
	return h, id, nil
}

// readBody reads the body of a request that has one, refusing another media type.
func readBody(r *http.Request) ([]byte, *apiError) {
	if r.Method != http.MethodPost && r.Method != http.MethodPatch && r.ContentLength <= 0 {
		return nil, nil
	}
	if r.Header.Get("Content-Type") != mediaType {
		return nil, newError(http.StatusUnsupportedMediaType, "415", "Unsupported media type",
			"All requests that create or update must use the '"+mediaType+"' Content-Type.")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		return nil, badRequest("400", "Bad request", "The request body could not be read or is too large.")
	}
	return body, nil
}

func (s *Server) account(key string) *account {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accounts[key]
}

// handle runs h under the server's lock and renders its answer; the lock is
// released however h ends.
func (s *Server) handle(h handlerFunc, c *call, id string) (int, []byte, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked()
	c.now = s.cfg.now()
	c.render = &renderer{base: s.URL, resolve: s.resolveLocked}
	status, doc, e := h(c, id)
	if e != nil {
		return 0, nil, e
	}
	if doc == nil {
		return status, nil, nil
	}
	out, err := marshal(doc)
	if err != nil {
		return 0, nil, newError(http.StatusInternalServerError, "500", "Internal server error", err.Error())
	}
	return status, out, nil
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

// params are the parsed query parameters of a request.
type params struct {
	filters  map[string]string
	include  []string
	sort     []string
	page     map[string]string
	fields   map[string][]string
	hasPage  bool
	original url.Values
}

// splitList splits a comma-separated parameter, dropping empty parts.
func splitList(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// bracketed returns name from prefix[name].
func bracketed(k, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(k, prefix+"[")
	if !ok || !strings.HasSuffix(rest, "]") {
		return "", false
	}
	return rest[:len(rest)-1], true
}

// parseParams reads the query, refusing a malformed one and parameters this
// kind of request does not take. Keys are read in order, so that the error
// of a request with several bad ones is always the same.
func parseParams(c *call, listing bool) (*params, *apiError) {
	q, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("400", "Bad request", "The query string is malformed.")
	}
	p := &params{filters: map[string]string{}, page: map[string]string{}, fields: map[string][]string{}, original: q}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := q[k][len(q[k])-1]
		if !p.take(k, v, listing) {
			e := badRequest("105", "Param not allowed", k+" is not allowed.")
			e.errs[0].Source = &errorSource{Parameter: k}
			return nil, e
		}
	}
	if e := c.s.checkFields(p.fields); e != nil {
		return nil, e
	}
	c.render.fields = p.fields
	return p, nil
}

// checkFields refuses fields[] of an unknown type (101) or naming what the
// type does not have (104), as JSON:API servers of this family do.
func (s *Server) checkFields(fields map[string][]string) *apiError {
	types := make([]string, 0, len(fields))
	for t := range fields {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		known, ok := s.fields[t]
		if !ok {
			e := badRequest("101", "Invalid resource", t+" is not a valid resource.")
			e.errs[0].Source = &errorSource{Parameter: "fields[" + t + "]"}
			return e
		}
		for _, f := range fields[t] {
			if known != nil && !known[f] {
				e := badRequest("104", "Invalid field", f+" is not a valid field for "+t+".")
				e.errs[0].Source = &errorSource{Parameter: "fields[" + t + "]"}
				return e
			}
		}
	}
	return nil
}

// take stores one query parameter and says whether it is allowed.
func (p *params) take(k, v string, listing bool) bool {
	if k == "include" {
		p.include = splitList(v)
		return true
	}
	if t, ok := bracketed(k, "fields"); ok {
		p.fields[t] = splitList(v)
		return true
	}
	if !listing {
		return false
	}
	if k == "sort" {
		p.sort = splitList(v)
		return true
	}
	if name, ok := bracketed(k, "filter"); ok {
		p.filters[name] = v
		return true
	}
	if name, ok := bracketed(k, "page"); ok {
		p.page[name] = v
		p.hasPage = true
		return true
	}
	return false
}

// filterFn reads a filter's value, refusing one of the wrong type, and
// returns the test of an item it selects. Values are read before any item
// is looked at, so a bad value is refused on an empty list too.
type filterFn[T any] func(value string) (func(item T) bool, *apiError)

// listSpec describes a list endpoint.
type listSpec[T any] struct {
	typ       string
	filters   map[string]filterFn[T]
	sorts     map[string]func(a, b T) int
	includes  []string
	paginated bool
	// check validates the filters as a whole (available_dids' number_contains rule).
	check func(filters map[string]string) *apiError
	// meta adds keys to the top-level meta.
	meta func(total int) map[string]any
	// limit caps an unpaginated list.
	limit int
	obj   func(T) *obj
}

func checkIncludes(p *params, allowed []string, typ string) *apiError {
	for _, inc := range p.include {
		if !slices.Contains(allowed, inc) {
			e := badRequest("112", "Invalid include", inc+" is not a valid includable relationship of "+typ)
			e.errs[0].Source = &errorSource{Parameter: "include"}
			return e
		}
	}
	return nil
}

// listQuery is a list request read and checked in full.
type listQuery[T any] struct {
	p            *params
	tests        []func(T) bool
	order        []func(a, b T) int
	number, size int
}

// readList checks the whole query of a list request: syntax, includes,
// every filter and its value, sort keys and page parameters.
func readList[T any](c *call, spec *listSpec[T]) (*listQuery[T], *apiError) {
	p, e := parseParams(c, true)
	if e != nil {
		return nil, e
	}
	if e := checkIncludes(p, spec.includes, spec.typ); e != nil {
		return nil, e
	}
	q := &listQuery[T]{p: p}
	names := make([]string, 0, len(p.filters))
	for name := range p.filters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := spec.filters[name]
		if f == nil {
			e := badRequest("102", "Filter not allowed", name+" is not allowed.")
			e.errs[0].Source = &errorSource{Parameter: "filter[" + name + "]"}
			return nil, e
		}
		test, e := f(p.filters[name])
		if e != nil {
			return nil, e
		}
		q.tests = append(q.tests, test)
	}
	if q.order, e = readSort(p, spec); e != nil {
		return nil, e
	}
	if q.number, q.size, e = readPage(p, spec.paginated, spec.typ); e != nil {
		return nil, e
	}
	if spec.check != nil {
		if e := spec.check(p.filters); e != nil {
			return nil, e
		}
	}
	return q, nil
}

func readSort[T any](p *params, spec *listSpec[T]) ([]func(a, b T) int, *apiError) {
	var order []func(a, b T) int
	for _, key := range p.sort {
		name, desc := strings.CutPrefix(key, "-")
		f := spec.sorts[name]
		if f == nil {
			e := badRequest("114", "Invalid sort criteria", name+" is not a valid sort criteria for "+spec.typ)
			e.errs[0].Source = &errorSource{Parameter: "sort"}
			return nil, e
		}
		if desc {
			asc := f
			f = func(a, b T) int { return -asc(a, b) }
		}
		order = append(order, f)
	}
	return order, nil
}

// maxPageNumber bounds page[number]: the reference gives no maximum, and a
// page number is read as a 32-bit integer, so that no offset can overflow.
const maxPageNumber = math.MaxInt32

// readPage reads page[number] and page[size]: integers of 1 to
// maxPageNumber and 1 to maxPageSize; anything else is 400 code 118.
func readPage(p *params, paginated bool, typ string) (number, size int, e *apiError) {
	number, size = 1, defaultPageSize
	if !paginated && p.hasPage {
		return 0, 0, badRequest("105", "Page parameter not allowed", typ+" are not paginated.")
	}
	keys := make([]string, 0, len(p.page))
	for k := range p.page {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := p.page[k]
		if k != "number" && k != "size" {
			return 0, 0, badRequest("105", "Page parameter not allowed", k+" is not an allowed page parameter.")
		}
		limit := int64(maxPageNumber)
		if k == "size" {
			limit = maxPageSize
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > limit {
			e := badRequest("118", "Invalid page value", v+" is not a valid value for "+k+" page parameter.")
			e.errs[0].Source = &errorSource{Parameter: "page[" + k + "]"}
			return 0, 0, e
		}
		if k == "number" {
			number = int(n)
		} else {
			size = int(n)
		}
	}
	return number, size, nil
}

// apply filters and sorts items.
func (q *listQuery[T]) apply(items []T) []T {
	var matched []T
	for _, it := range items {
		if !slices.ContainsFunc(q.tests, func(test func(T) bool) bool { return !test(it) }) {
			matched = append(matched, it)
		}
	}
	if len(q.order) > 0 {
		slices.SortStableFunc(matched, func(a, b T) int {
			for _, f := range q.order {
				if r := f(a, b); r != 0 {
					return r
				}
			}
			return 0
		})
	}
	return matched
}

// serveList filters, sorts, pages and renders items as spec says.
func serveList[T any](c *call, spec *listSpec[T], items []T) (int, any, *apiError) {
	q, e := readList(c, spec)
	if e != nil {
		return 0, nil, e
	}
	matched := q.apply(items)
	total := len(matched)
	meta := map[string]any{"api_version": c.version}
	var links map[string]string
	pageItems := matched
	if spec.paginated {
		meta["total_records"] = total
		var start, end int
		start, end, links = q.paginate(c, total)
		pageItems = matched[start:end]
	} else if spec.limit > 0 && len(pageItems) > spec.limit {
		pageItems = pageItems[:spec.limit]
	}
	if spec.meta != nil {
		for k, v := range spec.meta(total) {
			meta[k] = v
		}
	}
	objs := make([]*obj, len(pageItems))
	for i, it := range pageItems {
		objs[i] = spec.obj(it)
	}
	data, included := c.render.build(objs, parseIncludes(q.p.include))
	if data == nil {
		data = []*wireResource{}
	}
	return http.StatusOK, &document{Data: data, Included: included, Meta: meta, Links: links}, nil
}

// paginate returns the bounds of the requested page among total items and
// the pagination links. It never multiplies past the last page, so any
// page number is safe.
func (q *listQuery[T]) paginate(c *call, total int) (start, end int, links map[string]string) {
	number, size := q.number, q.size
	last := max(1, (total+size-1)/size)
	start = total
	if number <= last {
		start = (number - 1) * size
	}
	end = min(start+size, total)
	links = map[string]string{
		"first": pageLink(c, q.p, 1, size),
		"last":  pageLink(c, q.p, last, size),
	}
	if number > 1 {
		links["prev"] = pageLink(c, q.p, min(number-1, last), size)
	}
	if number < last {
		links["next"] = pageLink(c, q.p, number+1, size)
	}
	return start, end, links
}

func pageLink(c *call, p *params, number, size int) string {
	q := url.Values{}
	for k, vs := range p.original {
		if !strings.HasPrefix(k, "page[") {
			q[k] = vs
		}
	}
	q.Set("page[number]", strconv.Itoa(number))
	q.Set("page[size]", strconv.Itoa(size))
	return c.s.URL + strings.TrimPrefix(c.r.URL.Path, "/v3") + "?" + q.Encode()
}

// serveOne renders one object with the includes it may take.
func serveOne(c *call, o *obj, id string, includes []string, extraMeta map[string]any, status int) (int, any, *apiError) {
	p, e := parseParams(c, false)
	if e != nil {
		return 0, nil, e
	}
	if e := checkIncludes(p, includes, strings.Split(c.r.URL.Path, "/")[2]); e != nil {
		return 0, nil, e
	}
	if o == nil {
		return 0, nil, notFound(id)
	}
	data, included := c.render.build([]*obj{o}, parseIncludes(p.include))
	meta := map[string]any{"api_version": c.version}
	for k, v := range extraMeta {
		meta[k] = v
	}
	return status, &document{Data: data[0], Included: included, Meta: meta}, nil
}

// Filter helpers. Comma-separated values match any of them.

func splitValues(v string) []string { return splitList(v) }

func fEq[T any](get func(T) string) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		want := splitValues(v)
		return func(it T) bool {
			got := get(it)
			return slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(got, w) })
		}, nil
	}
}

func fAny[T any](get func(T) []string) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		want := splitValues(v)
		return func(it T) bool {
			for _, g := range get(it) {
				if slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(g, w) }) {
					return true
				}
			}
			return false
		}, nil
	}
}

func fBool[T any](name string, get func(T) bool) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		if v != "true" && v != "false" {
			return nil, invalidFilter(name, v)
		}
		want := v == "true"
		return func(it T) bool { return get(it) == want }, nil
	}
}

// fIntAtLeast matches items whose number is at least the filter's integer.
func fIntAtLeast[T any](name string, get func(T) int) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, invalidFilter(name, v)
		}
		return func(it T) bool { return get(it) >= n }, nil
	}
}

func invalidFilter(name, v string) *apiError {
	e := badRequest("107", "Invalid filter value", v+" is not a valid value for "+name+".")
	e.errs[0].Source = &errorSource{Parameter: "filter[" + name + "]"}
	return e
}

func cmpStr(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
