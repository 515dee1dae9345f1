package didwwtest

import (
	"cmp"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

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
			return nil, badRequest("105", "Param not allowed", k+" is not allowed.")
		}
	}
	if e := c.s.checkFields(p.fields, c.version); e != nil {
		return nil, e
	}
	c.render.fields = p.fields
	return p, nil
}

// checkFields refuses fields[] of an unknown type (101) or naming what the
// type does not have (104), as JSON:API servers of this family do; a type
// or field version v does not have is unknown there.
func (s *Server) checkFields(fields map[string][]string, v string) *apiError {
	types := make([]string, 0, len(fields))
	for t := range fields {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		known, ok := s.reg.fields[t]
		ch := changeOf(s.reg.byType[t], v)
		if !ok || (ch != nil && ch.gone != "") {
			return badRequest("101", "Invalid resource", t+" is not a valid resource.")
		}
		for _, f := range fields[t] {
			if why, cut := ch.cut(f); cut {
				return badRequest("104", "Invalid field", cmp.Or(why, f+" is not a valid field for "+t+"."))
			}
			if known != nil && !known[f] {
				return badRequest("104", "Invalid field", f+" is not a valid field for "+t+".")
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
	typ     string
	filters map[string]filterFn[T]
	// sorts maps each accepted key to its order; a nil order accepts the
	// key without sorting by it.
	sorts     map[string]func(a, b T) int
	includes  []string
	paginated bool
	// check validates the filters as a whole (available_dids' number_contains rule).
	check func(filters map[string]string) *apiError
	// meta adds keys to the top-level meta.
	meta func(total int) map[string]any
	// limit caps an unpaginated list.
	limit int
	// order, when set, orders the matched items where no sort key does
	// (available_dids: the API's order is random).
	order func(c *call, items []T) []T
	obj   func(T) *obj
}

// checkIncludes refuses an include of typ that is not allowed, with the
// version's reason when the version refuses it.
func checkIncludes(c *call, p *params, allowed []string, typ string) *apiError {
	ch := changeOf(c.s.reg.byType[typ], c.version)
	for _, inc := range p.include {
		if why := ch.refusal("includes", inc); why != "" {
			return badRequest("112", "Invalid include", why)
		}
		if !slices.Contains(allowed, inc) {
			return badRequest("112", "Invalid include", inc+" is not a valid includable relationship of "+typ)
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
	if e := checkIncludes(c, p, spec.includes, spec.typ); e != nil {
		return nil, e
	}
	ch := changeOf(c.s.reg.byType[spec.typ], c.version)
	q := &listQuery[T]{p: p}
	names := make([]string, 0, len(p.filters))
	for name := range p.filters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if why := ch.refusal("filters", name); why != "" {
			return nil, badRequest("102", "Filter not allowed", why)
		}
		f := spec.filters[name]
		if f == nil {
			return nil, badRequest("102", "Filter not allowed", name+" is not allowed.")
		}
		test, e := f(p.filters[name])
		if e != nil {
			return nil, e
		}
		q.tests = append(q.tests, test)
	}
	if q.order, e = readSort(p, spec, ch); e != nil {
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

func readSort[T any](p *params, spec *listSpec[T], ch *change) ([]func(a, b T) int, *apiError) {
	var order []func(a, b T) int
	for _, key := range p.sort {
		name, desc := strings.CutPrefix(key, "-")
		if why := ch.refusal("sorts", name); why != "" {
			return nil, badRequest("114", "Invalid sort criteria", why)
		}
		f, known := spec.sorts[name]
		if !known {
			return nil, badRequest("114", "Invalid sort criteria", name+" is not a valid sort criteria for "+spec.typ)
		}
		if f == nil {
			continue // accepted, but the list's order is not the key's
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
			return 0, 0, badRequest("118", "Invalid page value", v+" is not a valid value for "+k+" page parameter.")
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
	if spec.order != nil && len(q.order) == 0 {
		matched = spec.order(c, matched)
	}
	doc := &document{Meta: map[string]any{"api_version": c.version}}
	shown := q.window(c, spec, matched, doc)
	if spec.meta != nil {
		maps.Copy(doc.Meta, spec.meta(len(matched)))
	}
	objs := make([]*obj, len(shown))
	for i, it := range shown {
		objs[i] = spec.obj(it)
	}
	data, included := c.render.build(objs, parseIncludes(q.p.include))
	if data == nil {
		data = []*wireResource{}
	}
	doc.Data, doc.Included = data, included
	return http.StatusOK, doc, nil
}

// window returns the items of the requested page (a paginated list, with
// its links and total_records in doc) or of the capped list.
func (q *listQuery[T]) window(c *call, spec *listSpec[T], matched []T, doc *document) []T {
	if spec.paginated {
		doc.Meta["total_records"] = len(matched)
		var start, end int
		start, end, doc.Links = q.paginate(c, len(matched))
		return matched[start:end]
	}
	if spec.limit > 0 && len(matched) > spec.limit {
		return matched[:spec.limit]
	}
	return matched
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
	if e := checkIncludes(c, p, includes, strings.Split(c.r.URL.Path, "/")[2]); e != nil {
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
