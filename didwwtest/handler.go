package didwwtest

import (
	"bytes"
	"encoding/json"
	"io"
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

func (s *Server) newHandler() http.Handler {
	routes := s.routes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveFaulty(w, r, func(w http.ResponseWriter, r *http.Request) int { return s.serveAPI(w, r, routes) })
	})
}

// serveAPI answers one request and returns the status it wrote.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, routes map[string]route) int {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v3/")
	if !ok {
		return writeError(w, newError(http.StatusNotFound, "404", "Not found", "No route matches "+r.URL.Path+"."))
	}
	parts := strings.Split(rest, "/")
	rt, known := routes[parts[0]]
	if !known || len(parts) > 2 || (len(parts) == 2 && parts[1] == "") {
		return writeError(w, newError(http.StatusNotFound, "404", "Not found", "No route matches "+r.URL.Path+"."))
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
		return writeError(w, newError(http.StatusMethodNotAllowed, "405", "Method not allowed", r.Method+" is not allowed on "+r.URL.Path+"."))
	}

	key := r.Header.Get("Api-Key")
	s.mu.Lock()
	acct := s.accounts[key]
	s.mu.Unlock()
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
	var body []byte
	if r.Method == http.MethodPost || r.Method == http.MethodPatch || r.ContentLength > 0 {
		if r.Header.Get("Content-Type") != mediaType {
			return writeError(w, newError(http.StatusUnsupportedMediaType, "415", "Unsupported media type",
				"All requests that create or update must use the '"+mediaType+"' Content-Type."))
		}
		var err error
		body, err = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil || len(body) > maxBody {
			return writeError(w, badRequest("400", "Bad request", "The request body could not be read or is too large."))
		}
	}
	version := defaultAPIVersion
	if v := r.Header.Get("X-DIDWW-API-Version"); v != "" {
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			version = v
		}
	}

	s.mu.Lock()
	s.sweepLocked()
	c := &call{s: s, r: r, acct: acct, version: version, now: s.cfg.now(), body: body}
	c.render = &renderer{base: s.URL, resolve: s.resolveLocked}
	status, doc, e := h(c, id)
	var out []byte
	if e == nil && doc != nil {
		var err error
		out, err = marshal(doc)
		if err != nil {
			e = newError(http.StatusInternalServerError, "500", "Internal server error", err.Error())
		}
	}
	s.mu.Unlock()
	if e != nil {
		return writeError(w, e)
	}
	if doc == nil {
		w.WriteHeader(status)
		return status
	}
	w.Header().Set("Content-Type", mediaType)
	w.WriteHeader(status)
	_, _ = w.Write(out)
	return status
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

// parseParams reads the query and refuses parameters this kind of request
// does not take.
func parseParams(c *call, listing bool) (*params, *apiError) {
	q := c.r.URL.Query()
	p := &params{filters: map[string]string{}, page: map[string]string{}, fields: map[string][]string{}, original: q}
	for k, vs := range q {
		v := vs[len(vs)-1]
		switch {
		case k == "include":
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					p.include = append(p.include, part)
				}
			}
		case strings.HasPrefix(k, "fields[") && strings.HasSuffix(k, "]"):
			var names []string
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					names = append(names, part)
				}
			}
			p.fields[k[len("fields["):len(k)-1]] = names
		case listing && k == "sort":
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					p.sort = append(p.sort, part)
				}
			}
		case listing && strings.HasPrefix(k, "filter[") && strings.HasSuffix(k, "]"):
			p.filters[k[len("filter["):len(k)-1]] = v
		case listing && strings.HasPrefix(k, "page[") && strings.HasSuffix(k, "]"):
			p.page[k[len("page["):len(k)-1]] = v
			p.hasPage = true
		default:
			e := badRequest("105", "Param not allowed", k+" is not allowed.")
			e.errs[0].Source = &errorSource{Parameter: k}
			return nil, e
		}
	}
	c.render.fields = p.fields
	return p, nil
}

// filterFn matches one item against a filter's value.
type filterFn[T any] func(item T, value string) (bool, *apiError)

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

// serveList filters, sorts, pages and renders items as spec says.
func serveList[T any](c *call, spec *listSpec[T], items []T) (int, any, *apiError) {
	p, e := parseParams(c, true)
	if e != nil {
		return 0, nil, e
	}
	if e := checkIncludes(p, spec.includes, spec.typ); e != nil {
		return 0, nil, e
	}
	names := make([]string, 0, len(p.filters))
	for name := range p.filters {
		if spec.filters[name] == nil {
			e := badRequest("102", "Filter not allowed", name+" is not allowed.")
			e.errs[0].Source = &errorSource{Parameter: "filter[" + name + "]"}
			return 0, nil, e
		}
		names = append(names, name)
	}
	sort.Strings(names)
	var sorters []func(a, b T) int
	for _, key := range p.sort {
		desc := strings.HasPrefix(key, "-")
		f := spec.sorts[strings.TrimPrefix(key, "-")]
		if f == nil {
			e := badRequest("114", "Invalid sort criteria", strings.TrimPrefix(key, "-")+" is not a valid sort criteria for "+spec.typ)
			e.errs[0].Source = &errorSource{Parameter: "sort"}
			return 0, nil, e
		}
		if desc {
			asc := f
			f = func(a, b T) int { return -asc(a, b) }
		}
		sorters = append(sorters, f)
	}
	number, size := 1, defaultPageSize
	if !spec.paginated && p.hasPage {
		return 0, nil, badRequest("105", "Page parameter not allowed", spec.typ+" are not paginated.")
	}
	for k, v := range p.page {
		n, err := strconv.Atoi(v)
		switch {
		case k != "number" && k != "size":
			return 0, nil, badRequest("105", "Page parameter not allowed", k+" is not an allowed page parameter.")
		case err != nil || n < 1 || (k == "size" && n > maxPageSize):
			e := badRequest("118", "Invalid page value", v+" is not a valid value for "+k+" page parameter.")
			e.errs[0].Source = &errorSource{Parameter: "page[" + k + "]"}
			return 0, nil, e
		case k == "number":
			number = n
		default:
			size = n
		}
	}
	if spec.check != nil {
		if e := spec.check(p.filters); e != nil {
			return 0, nil, e
		}
	}
	var matched []T
	for _, it := range items {
		ok := true
		for _, name := range names {
			m, e := spec.filters[name](it, p.filters[name])
			if e != nil {
				return 0, nil, e
			}
			if !m {
				ok = false
				break
			}
		}
		if ok {
			matched = append(matched, it)
		}
	}
	if len(sorters) > 0 {
		slices.SortStableFunc(matched, func(a, b T) int {
			for _, f := range sorters {
				if r := f(a, b); r != 0 {
					return r
				}
			}
			return 0
		})
	}
	total := len(matched)
	meta := map[string]any{"api_version": c.version}
	var links map[string]string
	pageItems := matched
	if spec.paginated {
		meta["total_records"] = total
		last := max(1, (total+size-1)/size)
		start := min((number-1)*size, total)
		end := min(start+size, total)
		pageItems = matched[start:end]
		links = map[string]string{
			"first": pageLink(c, p, 1, size),
			"last":  pageLink(c, p, last, size),
		}
		if number > 1 {
			links["prev"] = pageLink(c, p, min(number-1, last), size)
		}
		if number < last {
			links["next"] = pageLink(c, p, number+1, size)
		}
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
	data, included := c.render.build(objs, parseIncludes(p.include))
	if data == nil {
		data = []*wireResource{}
	}
	return http.StatusOK, &document{Data: data, Included: included, Meta: meta, Links: links}, nil
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

func splitValues(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func fEq[T any](get func(T) string) filterFn[T] {
	return func(it T, v string) (bool, *apiError) {
		got := get(it)
		for _, want := range splitValues(v) {
			if strings.EqualFold(got, want) {
				return true, nil
			}
		}
		return false, nil
	}
}

func fAny[T any](get func(T) []string) filterFn[T] {
	return func(it T, v string) (bool, *apiError) {
		got := get(it)
		for _, want := range splitValues(v) {
			for _, g := range got {
				if strings.EqualFold(g, want) {
					return true, nil
				}
			}
		}
		return false, nil
	}
}

func fBool[T any](name string, get func(T) bool) filterFn[T] {
	return func(it T, v string) (bool, *apiError) {
		b, err := strconv.ParseBool(v)
		if err != nil || (v != "true" && v != "false") {
			return false, invalidFilter(name, v)
		}
		return get(it) == b, nil
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
