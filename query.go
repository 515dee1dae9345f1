package didww

import (
	"context"
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
	// version is the API version the query is for; "" checks no names
	// against versions (see newQueryFor).
	version string
	// set holds the resource's names that only some versions accept.
	set *optionSet
}

func newQuery() *query { return &query{v: url.Values{}} }

// newQueryFor is a query for API version whose includes, sort keys,
// filters and sparse fieldsets are checked against what that version
// accepts: set's versioned names and the versionedFields of every type.
func newQueryFor(set *optionSet, version string) *query {
	q := newQuery()
	q.set, q.version = set, version
	q.versionGate()
	return q
}

func (q *query) fail(field, format string, args ...any) {
	if q.err == nil {
		q.err = invalid(field, format, args...)
	}
}

// filter sets filter[name]=value unless value is empty.
func (q *query) filter(name, value string) {
	if value != "" && q.accepts("filter", name) {
		q.v.Set("filter["+name+"]", value)
	}
}

// filterList sets filter[name] to the comma-joined values, which the API
// reads as "any of". A value holding a comma or empty would change the
// meaning, so it is refused.
func (q *query) filterList(name string, values []string) {
	if len(values) == 0 || !q.accepts("filter", name) {
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
	if v != nil && q.accepts("filter", name) {
		q.v.Set("filter["+name+"]", strconv.FormatBool(*v))
	}
}

// filterInt sets filter[name] when v is set.
func (q *query) filterInt(name string, v *int) {
	if v != nil && q.accepts("filter", name) {
		q.v.Set("filter["+name+"]", strconv.Itoa(*v))
	}
}

// filterTime sets filter[name] to t in RFC 3339 UTC unless t is zero.
func (q *query) filterTime(name string, t time.Time) {
	if !t.IsZero() && q.accepts("filter", name) {
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
		q.fieldsAccepted(t, f[t])
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

// span is the API versions that accept a name: from from on ("" is every
// older version) until until ("" is every newer one), compared as dates.
// why says, outside the span, what happened to the name and what to use
// instead; errors quote it.
type span struct{ from, until, why string }

func (s span) accepts(version string) bool {
	return (s.from == "" || version >= s.from) && (s.until == "" || version < s.until)
}

// since is a name that arrives in version v.
func since(v, why string) span { return span{from: v, why: why} }

// before is a name that versions from v on refuse.
func before(v, why string) span { return span{until: v, why: why} }

// optionSet is what the requests of one resource may name, for every API
// version: the one table its List and Get check before sending.
type optionSet struct {
	// typ is the resource's JSON:API type: a version versionedTypes says
	// lacks it refuses every request.
	typ string
	// includes and sorts are every name any version accepts, in the order
	// errors list them.
	includes, sorts []string
	// versioned are the names only some versions accept, by "include:x",
	// "sort:x" and "filter:x"; a name absent here is accepted by every
	// version.
	versioned map[string]span
}

// names returns the names of kind ("include" or "sort") version accepts.
func (s *optionSet) names(kind, version string) []string {
	all := s.includes
	if kind == "sort" {
		all = s.sorts
	}
	var out []string
	for _, n := range all {
		if sp, ok := s.versioned[kind+":"+n]; !ok || sp.accepts(version) {
			out = append(out, n)
		}
	}
	return out
}

// refusal says why version does not accept a name, or "".
func (s *optionSet) refusal(kind, name, version string) string {
	if sp, ok := s.versioned[kind+":"+name]; ok && !sp.accepts(version) {
		return sp.why
	}
	return ""
}

// speaks is the suffix of every version refusal, naming the client's version.
func speaks(version string) string { return " (the client speaks API version " + version + ")" }

// versionGate refuses the whole query when its version lacks the resource.
func (q *query) versionGate() {
	if q.set == nil || q.version == "" {
		return
	}
	if sp, ok := versionedTypes[q.set.typ]; ok && !sp.accepts(q.version) {
		q.fail(q.set.typ, "%s%s", sp.why, speaks(q.version))
	}
}

// accepts says whether the query's version takes name of kind (a filter),
// failing the query when it does not.
func (q *query) accepts(kind, name string) bool {
	if q.set == nil || q.version == "" {
		return true
	}
	if why := q.set.refusal(kind, name, q.version); why != "" {
		q.fail(kind+"["+name+"]", "%s%s", why, speaks(q.version))
		return false
	}
	return true
}

// includes is include with the set's names for the query's version; a name
// the version refuses fails with its reason.
func (q *query) includes(values []string) {
	for _, v := range values {
		if why := q.set.refusal("include", v, q.version); why != "" {
			q.fail("include", "%q: %s%s", v, why, speaks(q.version))
			return
		}
	}
	q.include(values, q.set.names("include", q.version))
}

// sorts is sort with the set's keys for the query's version, compared
// without their leading "-".
func (q *query) sorts(values []string) {
	for _, v := range values {
		if why := q.set.refusal("sort", strings.TrimPrefix(v, "-"), q.version); why != "" {
			q.fail("sort", "%q: %s%s", v, why, speaks(q.version))
			return
		}
	}
	q.sort(values, q.set.names("sort", q.version))
}

// fieldsAccepted fails the query when its version lacks type typ, or one of
// the members fields[typ] names (versionedFields).
func (q *query) fieldsAccepted(typ string, members []string) {
	if q.version == "" {
		return
	}
	if sp, ok := versionedTypes[typ]; ok && !sp.accepts(q.version) {
		q.fail("fields["+typ+"]", "%s%s", sp.why, speaks(q.version))
		return
	}
	for _, m := range members {
		if sp, ok := versionedFields[typ+"."+m]; ok && !sp.accepts(q.version) {
			q.fail("fields["+typ+"]", "%q: %s%s", m, sp.why, speaks(q.version))
			return
		}
	}
}

// getIn is the Get of a resource with an optionSet: what the client's
// version does not accept is refused before anything is sent.
func getIn[T any](ctx context.Context, c *Client, collection, id string, opts *GetOptions, set *optionSet) (*T, Meta, error) {
	version := c.cfg.apiVersion
	q := newQueryFor(set, version)
	if opts != nil {
		q.includes(opts.Include)
		q.fields(opts.Fields)
	}
	if _, err := q.values(); err != nil {
		return nil, Meta{}, err
	}
	return getByID[T](ctx, c, collection, id, opts, set.names("include", version))
}
