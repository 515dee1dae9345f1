package didww

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// query builds a request's query string the way the API reads it and keeps
// the first invalid option as an error.
type query struct {
	v   url.Values
	err error
}

func newQuery() *query { return &query{v: url.Values{}} }

func (q *query) fail(field, format string, args ...any) {
	if q.err == nil {
		q.err = invalid(field, format, args...)
	}
}

// filter sets filter[name]=value unless value is empty.
func (q *query) filter(name, value string) {
	if value != "" {
		q.v.Set("filter["+name+"]", value)
	}
}

// filterList sets filter[name] to the comma-joined values, which the API
// reads as "any of". A value holding a comma or empty would change the
// meaning, so it is refused.
func (q *query) filterList(name string, values []string) {
	if len(values) == 0 {
		return
	}
	for _, v := range values {
		if v == "" || strings.Contains(v, ",") {
			q.fail("filter["+name+"]", "value %q is empty or holds a comma", v)
			return
		}
	}
	q.v.Set("filter["+name+"]", strings.Join(values, ","))
}

// filterBool sets filter[name] to true or false when v is set.
func (q *query) filterBool(name string, v *bool) {
	if v != nil {
		q.v.Set("filter["+name+"]", strconv.FormatBool(*v))
	}
}

// filterInt sets filter[name] when v is set.
func (q *query) filterInt(name string, v *int) {
	if v != nil {
		q.v.Set("filter["+name+"]", strconv.Itoa(*v))
	}
}

// filterTime sets filter[name] to t in RFC 3339 UTC unless t is zero.
func (q *query) filterTime(name string, t time.Time) {
	if !t.IsZero() {
		q.v.Set("filter["+name+"]", t.UTC().Format(time.RFC3339))
	}
}

// include sets include= after checking every path against allowed.
func (q *query) include(values, allowed []string) {
	if len(values) == 0 {
		return
	}
	for _, v := range values {
		if !slices.Contains(allowed, v) {
			if len(allowed) == 0 {
				q.fail("include", "%q: this resource has no includes", v)
			} else {
				q.fail("include", "%q is not allowed; allowed: %s", v, strings.Join(allowed, ", "))
			}
			return
		}
	}
	q.v.Set("include", strings.Join(values, ","))
}

// sort sets sort= after checking every key (without its leading "-") against allowed.
func (q *query) sort(values, allowed []string) {
	if len(values) == 0 {
		return
	}
	for _, v := range values {
		if !slices.Contains(allowed, strings.TrimPrefix(v, "-")) {
			if len(allowed) == 0 {
				q.fail("sort", "%q: this resource cannot be sorted", v)
			} else {
				q.fail("sort", "%q is not allowed; allowed: %s (a leading \"-\" sorts descending)", v, strings.Join(allowed, ", "))
			}
			return
		}
	}
	q.v.Set("sort", strings.Join(values, ","))
}

// page sets page[number], page[size] and the sparse fieldsets.
func (q *query) page(o ListOptions) {
	switch {
	case o.PageNumber < 0:
		q.fail("PageNumber", "must not be negative")
	case o.PageSize < 0:
		q.fail("PageSize", "must not be negative")
	case o.PageSize > MaxPageSize:
		q.fail("PageSize", "%d is above the API's maximum of %d", o.PageSize, MaxPageSize)
	}
	if o.PageNumber > 0 {
		q.v.Set("page[number]", strconv.Itoa(o.PageNumber))
	}
	if o.PageSize > 0 {
		q.v.Set("page[size]", strconv.Itoa(o.PageSize))
	}
	q.fields(o.Fields)
}

// unpaginated refuses page options on an endpoint that has no pages.
func (q *query) unpaginated(o ListOptions, resource string) {
	if o.PageNumber != 0 || o.PageSize != 0 {
		q.fail("ListOptions", "%s are not paginated: the API answers with the whole list", resource)
	}
	q.fields(o.Fields)
}

// fields sets fields[type]=a,b for each type.
func (q *query) fields(f map[string][]string) {
	types := make([]string, 0, len(f))
	for t := range f {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if t == "" || strings.ContainsAny(t, "[]") {
			q.fail("Fields", "bad resource type %q", t)
			return
		}
		q.v.Set("fields["+t+"]", strings.Join(f[t], ","))
	}
}

// extra merges caller-supplied parameters, which win over typed ones.
func (q *query) extra(extra url.Values) {
	for k, vs := range extra {
		q.v[k] = slices.Clone(vs)
	}
}

func (q *query) values() (url.Values, error) { return q.v, q.err }

// strs converts a slice of a string type, such as []Feature, to []string.
func strs[S ~string](in []S) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}
