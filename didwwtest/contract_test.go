package didwwtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/didww-go/didww/internal/contract"
	"github.com/stretchr/testify/require"
)

// fakeKnownGaps are the differences between this server's answers and the
// contract that are known and owed a fix, by finding key, with the item of
// issue 10 they belong to. TestContractServer fails on any difference not
// listed here and on any entry that no longer occurs.
var fakeKnownGaps = map[string]string{}

// rawDoc is a JSON document decoded without the client: plain maps.
type rawDoc = map[string]any

type answer struct {
	status int
	body   []byte
	doc    rawDoc // nil when the body is empty
}

// cchecker runs the contract's requests against one server and records
// what differs.
type cchecker struct {
	t     *testing.T
	c     *contract.Contract
	f     *contract.Findings
	s     *Server
	clock *Clock
	// token is the access token of s's default account, minted on first
	// use by a version that takes bearer tokens.
	token string
}

// newChecker checks a server whose default account is at version v, with
// opts. Its clock stands still unless a flow moves it: orders complete when
// moved, and the filter samples' dates stay within DID history's window.
func newChecker(t *testing.T, c *contract.Contract, f *contract.Findings, v string, opts ...Option) *cchecker {
	clock := NewClock(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC))
	opts = append(opts, WithClock(clock.Now), WithDefaultAccount(APIVersion(v)))
	return &cchecker{t: t, c: c, f: f, s: newTestServer(t, opts...), clock: clock}
}

func TestContractServer(t *testing.T) {
	t.Parallel()
	c, err := contract.Load("../testdata/contract")
	require.NoError(t, err)
	f := contract.NewFindings(c)
	for _, v := range c.Versions {
		x := newChecker(t, c, f, v)
		x.reservationFlow(v)
		x.orderFlow(v)
		x.cancelFlow(v)
		x.numbersFlow(v)
		x.moreFlows(v)
		x.registrationFlow(v)
		for _, typ := range c.Types() {
			if s := c.Resources[typ].Shape(v); s != nil && s.Endpoints["list"] != nil {
				x.listChecks(typ, v)
			}
		}
		x.goneChecks(v)
		x.authChecks(v)
	}
	newChecker(t, c, f, c.Default).unlistedVersions()
	f.Compare(t, fakeKnownGaps, "fix didwwtest to follow the contract; never teach the contract the fake's mistake")
}

// do sends one request with version v (none when empty) and decodes the answer.
func (x *cchecker) do(method, path string, q url.Values, body any, v string) answer {
	x.t.Helper()
	u := x.s.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(x.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, rd)
	require.NoError(x.t, err)
	if a := x.c.Authentication[v]; a != nil && a.Scheme == "bearer" {
		req.Header.Set("Authorization", "Bearer "+x.mint())
	} else {
		req.Header.Set("Api-Key", x.s.APIKey)
	}
	req.Header.Set("Accept", mediaType)
	if body != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	if v != "" {
		req.Header.Set("X-DIDWW-API-Version", v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(x.t, err, "%s %s: %v", method, u, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(x.t, err)
	a := answer{status: resp.StatusCode, body: b}
	if len(bytes.TrimSpace(b)) > 0 {
		err := json.Unmarshal(b, &a.doc)
		require.NoError(x.t, err, "%s %s: answer is not a JSON object: %v: %.200s", method, u, err, b)
	}
	return a
}

func (x *cchecker) shape(typ, v string) *contract.Shape { return x.c.Resources[typ].Shape(v) }

// expectStatus records a finding under key when the answer's status is not want.
func (x *cchecker) expectStatus(key string, a answer, want int, what string) bool {
	if a.status != want {
		x.f.Add(key, "%s: status %d, want %d: %.300s", what, a.status, want, a.body)
		return false
	}
	return true
}

// expectError checks an error answer: its status and the error document.
func (x *cchecker) expectError(typ, v, kind string, a answer, what string) {
	ep := x.errorStatus(typ, v, kind)
	require.NotZero(x.t, ep, "%s %s: the contract has no status for error kind %q", typ, v, kind)
	if x.expectStatus(x.f.Key(typ, v, "errors", kind), a, ep, what) {
		x.checkErrorDoc(v, a, what)
	}
}

func (x *cchecker) errorStatus(typ, v, kind string) int {
	s := x.shape(typ, v)
	for _, op := range contract.Operations {
		if ep := s.Endpoints[op]; ep != nil && ep.Errors[kind] != 0 {
			return ep.Errors[kind]
		}
	}
	return 0
}

// checkErrorDoc checks {"errors": [...]} against the contract's error object.
func (x *cchecker) checkErrorDoc(v string, a answer, what string) {
	if keys := sortedKeys(a.doc); !slices.Equal(keys, []string{"errors"}) {
		x.f.Add(x.f.Key("errors", v, "document", ""), "%s: error document keys %v, want [errors]", what, keys)
	}
	list, _ := a.doc["errors"].([]any)
	if len(list) == 0 {
		x.f.Add(x.f.Key("errors", v, "document", ""), "%s: no error objects: %.200s", what, a.body)
	}
	for _, e := range list {
		obj, _ := e.(map[string]any)
		for _, k := range contract.Sorted(x.c.ErrorObject) {
			if _, ok := obj[k]; !ok && x.c.ErrorObject[k].IsRequired() {
				x.f.Add(x.f.Key("errors", v, "missing", k), "%s: error object without %q: %v", what, k, obj)
			}
		}
		for k, val := range obj {
			fd := x.c.ErrorObject[k]
			if fd == nil {
				x.f.Add(x.f.Key("errors", v, "extra", k), "%s: error object member %q is not in the contract", what, k)
				continue
			}
			if why := valueFits(fd, val); why != "" {
				x.f.Add(x.f.Key("errors", v, k, ""), "%s: error %s: %s", what, k, why)
			}
			if m, ok := val.(map[string]any); ok && fd.Keys != nil {
				for mk := range m {
					if !slices.Contains(fd.Keys, mk) {
						x.f.Add(x.f.Key("errors", v, k, mk), "%s: error %s has %q (%v); the API sends only %v", what, k, mk, m[mk], fd.Keys)
					}
				}
			}
		}
		if st, _ := obj["status"].(string); st != fmt.Sprint(a.status) {
			x.f.Add(x.f.Key("errors", v, "status", ""), "%s: error status %q in a %d answer", what, st, a.status)
		}
	}
}

func sortedKeys(m map[string]any) []string { return contract.Sorted(m) }

var (
	decimalRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	dateRE    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// valueFits says why a JSON value does not match the field, or "".
func valueFits(fd *contract.Field, v any) string {
	if v == nil {
		if fd.Nullable {
			return ""
		}
		return "null, but the field is not nullable"
	}
	switch fd.Type {
	case "string":
		s, ok := v.(string)
		if !ok {
			return fmt.Sprintf("%T %v, want a string", v, v)
		}
		return stringFits(fd, s)
	case "integer":
		n, ok := v.(float64)
		if !ok || n != float64(int64(n)) {
			return fmt.Sprintf("%T %v, want an integer", v, v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return fmt.Sprintf("%T %v, want a number", v, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Sprintf("%T %v, want a boolean", v, v)
		}
	case "array":
		list, ok := v.([]any)
		if !ok {
			return fmt.Sprintf("%T %v, want an array", v, v)
		}
		for _, it := range list {
			if fd.Items == "" {
				continue
			}
			if why := valueFits(&contract.Field{Type: fd.Items, Enum: fd.Enum}, it); why != "" {
				return "element " + why
			}
		}
	case "object":
		if _, ok := v.(map[string]any); !ok {
			return fmt.Sprintf("%T %v, want an object", v, v)
		}
	}
	return ""
}

func stringFits(fd *contract.Field, s string) string {
	switch fd.Format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			return fmt.Sprintf("%q is not an RFC 3339 date-time", s)
		}
	case "date":
		if !dateRE.MatchString(s) {
			return fmt.Sprintf("%q is not a date", s)
		}
	case "decimal":
		if !decimalRE.MatchString(s) {
			return fmt.Sprintf("%q is not a decimal string", s)
		}
	}
	if fd.Enum != nil && fd.Type == "string" && !slices.Contains(fd.Enum, s) {
		return fmt.Sprintf("%q is not one of %v", s, fd.Enum)
	}
	return ""
}

// docContext is what a request asked for, to judge its answer by.
type docContext struct {
	typ, v, op string
	includes   []string
	what       string // the request, for messages
}

// checkDoc checks a whole answer document: its members, meta, links, data
// and included resources.
func (x *cchecker) checkDoc(dc docContext, a answer) {
	ep := x.shape(dc.typ, dc.v).Endpoints[dc.op]
	key := func(section, name string) string { return x.f.Key(dc.typ, dc.v, section, name) }
	allowed := []string{"data", "meta"}
	if ep.Paginated && dc.op == "list" {
		allowed = append(allowed, "links")
	}
	if len(dc.includes) > 0 {
		allowed = append(allowed, "included")
	}
	for k := range a.doc {
		if !slices.Contains(allowed, k) {
			x.f.Add(key("document", k), "%s: document member %q; want only %v", dc.what, k, allowed)
		}
	}
	for _, k := range []string{"data", "meta"} {
		if _, ok := a.doc[k]; !ok && (k == "data" || hasRequired(ep.DocumentMeta)) {
			x.f.Add(key("document", k), "%s: document has no %q", dc.what, k)
		}
	}
	x.checkMembers(func(n string) string { return key("document_meta", n) }, dc.what+" meta", ep.DocumentMeta, a.doc["meta"])
	if slices.Contains(allowed, "links") {
		x.checkPageLinks(key("links", ""), dc.what, a.doc["links"])
	}
	requested := x.requested(dc.typ, dc.v, dc.includes)
	var primary []map[string]any
	switch data := a.doc["data"].(type) {
	case []any:
		if dc.op != "list" {
			x.f.Add(key("document", "data"), "%s: data is an array", dc.what)
		}
		for _, it := range data {
			m, _ := it.(map[string]any)
			primary = append(primary, m)
		}
	case map[string]any:
		if dc.op == "list" {
			x.f.Add(key("document", "data"), "%s: data is one object where a list answers an array", dc.what)
		}
		primary = append(primary, data)
	default:
		x.f.Add(key("document", "data"), "%s: data is %T", dc.what, data)
	}
	for _, r := range primary {
		x.checkResource(dc, dc.typ, r, requested[""], "primary")
	}
	x.checkIncluded(dc, primary, requested, a.doc["included"])
}

// requested maps each type (and "" for the primary data) to the
// relationship names the include paths ask for at its level.
func (x *cchecker) requested(typ, v string, includes []string) map[string][]string {
	out := map[string][]string{}
	for _, p := range includes {
		segs := strings.Split(p, ".")
		out[""] = append(out[""], segs[0])
		cur := typ
		for i, seg := range segs[:len(segs)-1] {
			rel := x.shape(cur, v).Relationships[seg]
			if rel == nil || x.c.Resources[rel.Type] == nil {
				break
			}
			cur = rel.Type
			out[cur] = append(out[cur], segs[i+1])
		}
	}
	return out
}

// checkMembers checks an object of named fields (attributes, meta) against
// want: no extra key, every required key, value types. key names the
// finding of one member.
func (x *cchecker) checkMembers(key func(name string) string, what string, want map[string]*contract.Field, got any) {
	m, ok := got.(map[string]any)
	if !ok {
		if len(want) > 0 {
			x.f.Add(key(""), "%s: %T, want an object with %v", what, got, contract.Sorted(want))
		}
		return
	}
	for _, k := range contract.Sorted(m) {
		if want[k] == nil {
			x.f.Add(key(k), "%s: key %q (%v) is not in the contract", what, k, m[k])
		} else if why := valueFits(want[k], m[k]); why != "" {
			x.f.Add(key(k), "%s %q: %s", what, k, why)
		}
	}
	for _, k := range contract.Sorted(want) {
		if _, ok := m[k]; !ok && want[k].IsRequired() {
			x.f.Add(key(k), "%s: required key %q is missing", what, k)
		}
	}
}

func (x *cchecker) checkPageLinks(key, what string, got any) {
	m, ok := got.(map[string]any)
	if !ok {
		x.f.Add(key, "%s: links is %T, want an object", what, got)
		return
	}
	for k, val := range m {
		if s, _ := val.(string); !slices.Contains([]string{"first", "last", "next", "prev"}, k) || s == "" {
			x.f.Add(key+"."+k, "%s: links %q = %v; want first, last, next, prev as URLs", what, k, val)
		}
	}
	for _, k := range []string{"first", "last"} {
		if _, ok := m[k]; !ok {
			x.f.Add(key+"."+k, "%s: links without %q", what, k)
		}
	}
}

// checkResource checks one resource object of type typ. requested names its
// relationships whose linkage was asked for; where is primary or included.
func (x *cchecker) checkResource(dc docContext, typ string, r map[string]any, requested []string, where string) {
	s := x.shape(typ, dc.v)
	what := fmt.Sprintf("%s: %s %v", dc.what, where, r["id"])
	key := func(section, name string) string { return x.f.Key(typ, dc.v, section, name) }
	allowed := []string{"id", "type", "attributes"}
	if len(s.Relationships) > 0 {
		allowed = append(allowed, "relationships")
	}
	if len(s.Meta) > 0 {
		allowed = append(allowed, "meta")
	}
	for k := range r {
		if !slices.Contains(allowed, k) {
			x.f.Add(key("resource", k), "%s: resource member %q; want only %v", what, k, allowed)
		}
	}
	for _, k := range allowed {
		optional := (k == "meta" && !hasRequired(s.Meta)) || (k == "attributes" && len(s.Attributes) == 0)
		if _, ok := r[k]; !ok && !optional {
			x.f.Add(key("resource", k), "%s: resource without %q", what, k)
		}
	}
	if id, _ := r["id"].(string); id == "" || r["type"] != typ {
		x.f.Add(key("resource", "id"), "%s: id %v type %v, want a string id and type %s", what, r["id"], r["type"], typ)
	}
	if _, ok := r["attributes"]; ok || len(s.Attributes) > 0 {
		x.checkAttributes(dc, typ, r["attributes"], what)
	}
	if _, sent := r["meta"]; sent || hasRequired(s.Meta) {
		x.checkMembers(func(n string) string { return key("meta", n) }, what+" meta", s.Meta, r["meta"])
		if m, ok := r["meta"].(map[string]any); ok && where == "included" {
			for name, fd := range s.Meta {
				if _, sent := m[name]; sent && slices.Contains(fd.AbsentWhen, "included") {
					x.f.Add(key("meta_when_included", name), "%s: meta %q is sent on an included %s; the API leaves it out there", what, name, typ)
				}
			}
		}
	}
	x.checkRelationships(dc, typ, r["relationships"], requested, what)
}

func hasRequired(m map[string]*contract.Field) bool {
	for _, f := range m {
		if f.IsRequired() {
			return true
		}
	}
	return false
}

func (x *cchecker) checkAttributes(dc docContext, typ string, got any, what string) {
	s := x.shape(typ, dc.v)
	attrs, ok := got.(map[string]any)
	if !ok {
		x.f.Add(x.f.Key(typ, dc.v, "resource", "attributes"), "%s: attributes is %T", what, got)
		return
	}
	x.checkMembers(func(n string) string { return x.f.Key(typ, dc.v, "attributes", n) }, what+" attributes", s.Attributes, attrs)
	for name, fd := range s.Attributes {
		if fd.Variants == nil {
			continue
		}
		switch val := attrs[name].(type) {
		case []any:
			for i, it := range val {
				x.checkVariant(typ, dc.v, name, fd, it, fmt.Sprintf("%s %s[%d]", what, name, i))
			}
		case map[string]any: // one envelope (a trunk's configuration)
			x.checkVariant(typ, dc.v, name, fd, val, what+" "+name)
		}
	}
}

// checkVariant checks one {type, attributes} element of a polymorphic attribute.
func (x *cchecker) checkVariant(typ, v, name string, fd *contract.Field, it any, what string) {
	m, _ := it.(map[string]any)
	if keys := sortedKeys(m); !slices.Equal(keys, []string{"attributes", "type"}) {
		x.f.Add(x.f.Key(typ, v, name, "envelope"), "%s: members %v, want [attributes type]", what, keys)
	}
	kind, _ := m["type"].(string)
	want := fd.Variants[kind]
	if want == nil {
		x.f.Add(x.f.Key(typ, v, name, "type"), "%s: type %q is not one of %v", what, kind, contract.Sorted(fd.Variants))
		return
	}
	x.checkMembers(func(n string) string { return x.f.Key(typ, v, name, n) }, what+" ("+kind+")", want, m["attributes"])
}

func (x *cchecker) checkRelationships(dc docContext, typ string, got any, requested []string, what string) {
	s := x.shape(typ, dc.v)
	if len(s.Relationships) == 0 {
		return
	}
	rels, _ := got.(map[string]any)
	for _, name := range contract.Sorted(rels) {
		if s.Relationships[name] == nil {
			x.f.Add(x.f.Key(typ, dc.v, "relationships", name), "%s: relationship %q is not in the contract", what, name)
		}
	}
	for _, name := range contract.Sorted(s.Relationships) {
		rel := s.Relationships[name]
		obj, ok := rels[name].(map[string]any)
		if !ok {
			x.f.Add(x.f.Key(typ, dc.v, "relationships", name), "%s: relationship %q is missing (the API always sends it with links)", what, name)
			continue
		}
		links, _ := obj["links"].(map[string]any)
		if keys := sortedKeys(links); !slices.Equal(keys, slices.Sorted(slices.Values(x.c.RelationshipLinks))) {
			x.f.Add(x.f.Key(typ, dc.v, "relationship_links", name), "%s: relationship %q links %v, want %v", what, name, keys, x.c.RelationshipLinks)
		}
		for k := range obj {
			if k != "links" && k != "data" {
				x.f.Add(x.f.Key(typ, dc.v, "relationships", name), "%s: relationship %q has member %q", what, name, k)
			}
		}
		data, hasData := obj["data"]
		wantData := rel.AlwaysLinked() || slices.Contains(requested, name)
		switch {
		case hasData && !wantData:
			x.f.Add(x.f.Key(typ, dc.v, "linkage", name), "%s (%s): relationship %q carries linkage %v without include; the API sends links only", what, dc.op, name, data)
		case !hasData && wantData:
			x.f.Add(x.f.Key(typ, dc.v, "linkage", name), "%s (%s): relationship %q was included but carries no linkage", what, dc.op, name)
		case hasData:
			if why := linkageFits(rel, data); why != "" {
				x.f.Add(x.f.Key(typ, dc.v, "linkage", name), "%s: relationship %q: %s", what, name, why)
			}
		}
	}
}

func linkageFits(rel *contract.Relationship, data any) string {
	ident := func(v any) string {
		m, _ := v.(map[string]any)
		typ, _ := m["type"].(string)
		if keys := sortedKeys(m); !slices.Equal(keys, []string{"id", "type"}) || !slices.Contains(rel.Targets(), typ) {
			return fmt.Sprintf("identifier %v, want {type: %v, id}", v, rel.Targets())
		}
		return ""
	}
	if rel.To == "one" {
		if data == nil {
			return ""
		}
		return ident(data)
	}
	list, ok := data.([]any)
	if !ok {
		return fmt.Sprintf("to-many linkage is %T, want an array", data)
	}
	for _, it := range list {
		if why := ident(it); why != "" {
			return why
		}
	}
	return ""
}

// checkIncluded checks that included holds exactly the resources the
// requested linkage names, each in its type's shape.
func (x *cchecker) checkIncluded(dc docContext, primary []map[string]any, requested map[string][]string, included any) {
	inc := objects(included)
	referenced := map[string]bool{}
	collect := func(r map[string]any, names []string) {
		rels, _ := r["relationships"].(map[string]any)
		for _, n := range names {
			obj, _ := rels[n].(map[string]any)
			var ids []any
			switch d := obj["data"].(type) {
			case []any:
				ids = d
			case map[string]any:
				ids = []any{d}
			}
			for _, id := range ids {
				m, _ := id.(map[string]any)
				referenced[fmt.Sprint(m["type"], "/", m["id"])] = true
			}
		}
	}
	for _, r := range primary {
		collect(r, requested[""])
	}
	present := map[string]bool{}
	for _, r := range inc {
		typ, _ := r["type"].(string)
		present[fmt.Sprint(typ, "/", r["id"])] = true
		if x.c.Resources[typ] == nil || x.shape(typ, dc.v) == nil {
			x.f.Add(x.f.Key(dc.typ, dc.v, "included", typ), "%s: included type %q is not in the contract", dc.what, typ)
			continue
		}
		x.checkResource(dc, typ, r, requested[typ], "included")
		collect(r, requested[typ])
	}
	for k := range present {
		if !referenced[k] {
			x.f.Add(x.f.Key(dc.typ, dc.v, "included", "unreferenced"), "%s: included %s is not named by any requested linkage", dc.what, k)
		}
	}
	for k := range referenced {
		if !present[k] {
			x.f.Add(x.f.Key(dc.typ, dc.v, "included", "missing"), "%s: linkage names %s, which included does not hold", dc.what, k)
		}
	}
}

// objects returns the objects of a JSON array (nil for anything else).
func objects(v any) []map[string]any {
	raw, _ := v.([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, it := range raw {
		m, _ := it.(map[string]any)
		out = append(out, m)
	}
	return out
}

// listChecks runs every documented list request of typ, the refused and
// unknown ones, and the show requests of its first item.
func (x *cchecker) listChecks(typ, v string) {
	s := x.shape(typ, v)
	ep := s.Endpoints["list"]
	what := func(q url.Values) string { return fmt.Sprintf("%s %s GET %s?%s", typ, v, ep.Path, q.Encode()) }
	get := func(q url.Values) answer { return x.do("GET", ep.Path, q, nil, v) }
	plain := get(nil)
	if !x.expectStatus(x.f.Key(typ, v, "status", "list"), plain, ep.Status, what(nil)) {
		return
	}
	x.checkDoc(docContext{typ: typ, v: v, op: "list", what: what(nil)}, plain)
	items := objects(plain.doc["data"])
	x.includeChecks(typ, v, ep.Path, "list", get, what)
	for _, name := range contract.Sorted(s.Filters) {
		q := url.Values{"filter[" + name + "]": {filterSample(s, name, items)}}
		if a := get(q); x.expectStatus(x.f.Key(typ, v, "filters", name), a, ep.Status, what(q)) {
			x.checkDoc(docContext{typ: typ, v: v, op: "list", what: what(q)}, a)
		}
	}
	for _, key := range s.Sorts {
		for _, k := range []string{key, "-" + key} {
			q := url.Values{"sort": {k}}
			x.expectStatus(x.f.Key(typ, v, "sorts", key), get(q), ep.Status, what(q))
		}
	}
	x.refusedChecks(typ, v, get, what)
	x.caseChecks(typ, v, get, what, items)
	if len(items) > 0 {
		x.showChecks(typ, v, items[0])
		x.relationshipLinks(typ, v, items[0])
	}
}

// includeChecks requests each documented include alone and all together,
// the undocumented nested ones, and an unknown one.
func (x *cchecker) includeChecks(typ, v, path, op string, get func(url.Values) answer, what func(url.Values) string) {
	s := x.shape(typ, v)
	ep := s.Endpoints[op]
	sets := [][]string{}
	for _, inc := range s.Includes {
		sets = append(sets, []string{inc})
	}
	if len(s.Includes) > 1 {
		sets = append(sets, s.Includes)
	}
	for _, incs := range sets {
		q := url.Values{"include": {strings.Join(incs, ",")}}
		if a := get(q); x.expectStatus(x.f.Key(typ, v, "includes", incs[0]), a, ep.Status, what(q)) {
			x.checkDoc(docContext{typ: typ, v: v, op: op, includes: incs, what: what(q)}, a)
		}
	}
	for _, inc := range x.c.UndocumentedIncludes(typ, v) {
		q := url.Values{"include": {inc}}
		if a := get(q); a.status < 400 {
			x.f.Add(x.f.Key(typ, v, "includes", "undocumented"), "%s: status %d for an include the API does not document (want 400)", what(q), a.status)
		}
	}
	q := url.Values{"include": {"bogus"}}
	x.expectError(typ, v, "unknown_include", get(q), what(q))
}

// refusedChecks sends the unknown and the refused filters, sorts and
// filter values; the API answers 400 to each.
func (x *cchecker) refusedChecks(typ, v string, get func(url.Values) answer, what func(url.Values) string) {
	s := x.shape(typ, v)
	q := url.Values{"filter[bogus]": {"1"}}
	x.expectError(typ, v, "unknown_filter", get(q), what(q))
	q = url.Values{"sort": {"bogus"}}
	x.expectError(typ, v, "unknown_sort", get(q), what(q))
	status := x.errorStatus(typ, v, "unknown_filter")
	for name, why := range s.Refused.Filters {
		q := url.Values{"filter[" + name + "]": {"1"}}
		x.expectStatus(x.f.Key(typ, v, "filters", name), get(q), status, what(q)+" ("+why+")")
	}
	for name, why := range s.Refused.Sorts {
		q := url.Values{"sort": {name}}
		x.expectStatus(x.f.Key(typ, v, "sorts", name), get(q), x.errorStatus(typ, v, "unknown_sort"), what(q)+" ("+why+")")
	}
	for name, why := range s.Refused.Includes {
		q := url.Values{"include": {name}}
		x.expectStatus(x.f.Key(typ, v, "includes", name), get(q), x.errorStatus(typ, v, "unknown_include"), what(q)+" ("+why+")")
	}
	for _, filter := range contract.Sorted(s.Refused.FilterValues) {
		for val, why := range s.Refused.FilterValues[filter] {
			q := url.Values{"filter[" + filter + "]": {val}}
			x.expectStatus(x.f.Key(typ, v, "filter_values", filter), get(q), x.errorStatus(typ, v, "unknown_filter"), what(q)+" ("+why+")")
		}
	}
	if x.errorStatus(typ, v, "unknown_feature") != 0 {
		q := url.Values{"filter[features]": {"bogus"}}
		x.expectError(typ, v, "unknown_feature", get(q), what(q))
	}
	if typ == "available_dids" {
		q := url.Values{"filter[number_contains]": {"12"}}
		x.expectError(typ, v, "short_number_contains", get(q), what(q))
	}
	for _, name := range contract.Sorted(s.Refused.Fields) {
		q := url.Values{"fields[" + typ + "]": {name}}
		x.expectStatus(x.f.Key(typ, v, "fields", name), get(q), http.StatusBadRequest, what(q)+" ("+s.Refused.Fields[name]+")")
	}
}

// filterSample is a value of filter name's type, taken from the first
// item's attribute of the same name where there is one.
func filterSample(s *contract.Shape, name string, items []map[string]any) string {
	fl := s.Filters[name]
	switch {
	case fl.Enum != nil:
		return fl.Enum[0]
	case fl.Type == "boolean":
		return "true"
	case fl.Type == "integer":
		return "1"
	case fl.Type == "date-time":
		return "2026-04-16T00:00:00Z"
	}
	if len(items) > 0 {
		attrs, _ := items[0]["attributes"].(map[string]any)
		if v, ok := attrs[name].(string); ok && v != "" {
			return v
		}
	}
	return "123"
}

// caseChecks sends each case-sensitive string filter that matches an
// attribute with the first item's value in the other case: the item must
// not match. Only name filters are documented as case-insensitive.
func (x *cchecker) caseChecks(typ, v string, get func(url.Values) answer, what func(url.Values) string, items []map[string]any) {
	s := x.shape(typ, v)
	if len(items) == 0 {
		return
	}
	attrs, _ := items[0]["attributes"].(map[string]any)
	for _, name := range contract.Sorted(s.Filters) {
		fl := s.Filters[name]
		val, _ := attrs[name].(string)
		if fl.Type != "string" || fl.CaseInsensitive || val == "" || swapCase(val) == val {
			continue
		}
		q := url.Values{"filter[" + name + "]": {swapCase(val)}}
		a := get(q)
		for _, it := range objects(a.doc["data"]) {
			if it["id"] == items[0]["id"] {
				x.f.Add(x.f.Key(typ, v, "filters", "case"), "%s: matches %v, whose %s is %q: the filter is case-sensitive (docs say case-insensitive only for names)", what(q), it["id"], name, val)
			}
		}
	}
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

// showChecks gets one item with and without includes, an unknown id, and
// an unknown include.
func (x *cchecker) showChecks(typ, v string, item map[string]any) {
	s := x.shape(typ, v)
	ep := s.Endpoints["show"]
	if ep == nil {
		return
	}
	id, _ := item["id"].(string)
	path := strings.Replace(ep.Path, "{id}", url.PathEscape(id), 1)
	what := func(q url.Values) string { return fmt.Sprintf("%s %s GET %s?%s", typ, v, path, q.Encode()) }
	get := func(q url.Values) answer { return x.do("GET", path, q, nil, v) }
	if a := get(nil); x.expectStatus(x.f.Key(typ, v, "status", "show"), a, ep.Status, what(nil)) {
		x.checkDoc(docContext{typ: typ, v: v, op: "show", what: what(nil)}, a)
	}
	x.includeChecks(typ, v, path, "show", get, what)
	missing := strings.Replace(ep.Path, "{id}", "00000000-0000-4000-8000-000000000000", 1)
	x.expectError(typ, v, "unknown_id", x.do("GET", missing, nil, nil, v), typ+" "+v+" GET "+missing)
}

// relationshipLinks follows the links the answer advertises for each
// relationship of item: the API serves them.
func (x *cchecker) relationshipLinks(typ, v string, item map[string]any) {
	rels, _ := item["relationships"].(map[string]any)
	for _, name := range contract.Sorted(rels) {
		obj, _ := rels[name].(map[string]any)
		links, _ := obj["links"].(map[string]any)
		for _, k := range contract.Sorted(links) {
			link, _ := links[k].(string)
			path, ok := strings.CutPrefix(link, x.s.URL)
			if !ok {
				x.f.Add(x.f.Key(typ, v, "relationship_links", ""), "%s %s: relationship %s link %s %q is not below %s", typ, v, name, k, link, x.s.URL)
				continue
			}
			if a := x.do("GET", path, nil, nil, v); a.status != 200 {
				x.f.Add(x.f.Key(typ, v, "relationship_links", ""), "%s %s: relationship %s link %s GET %s: status %d, want 200", typ, v, name, k, path, a.status)
			}
		}
	}
}

// reservationFlow reserves a number, reads the reservation, releases it and
// tries the bad inputs of both operations. A second reservation stays for
// the list checks.
func (x *cchecker) reservationFlow(v string) {
	s := x.shape("did_reservations", v)
	numbers := objects(x.do("GET", "/available_dids", nil, nil, v).doc["data"])
	require.GreaterOrEqual(x.t, len(numbers), 2, "%s: the catalogue offers %d available DIDs; the flow needs 2", v, len(numbers))
	body := func(id string) map[string]any {
		return map[string]any{"data": map[string]any{"type": "did_reservations",
			"attributes":    map[string]any{"description": "contract"},
			"relationships": map[string]any{"available_did": map[string]any{"data": map[string]any{"type": "available_dids", "id": id}}}}}
	}
	create := s.Endpoints["create"]
	var ids []string
	for _, n := range numbers[:2] {
		what := fmt.Sprintf("did_reservations %s POST %s (available DID %v)", v, create.Path, n["id"])
		a := x.do("POST", create.Path, nil, body(n["id"].(string)), v)
		if !x.expectStatus(x.f.Key("did_reservations", v, "status", "create"), a, create.Status, what) {
			return
		}
		x.checkDoc(docContext{typ: "did_reservations", v: v, op: "create", what: what}, a)
		data, _ := a.doc["data"].(map[string]any)
		id, _ := data["id"].(string)
		ids = append(ids, id)
	}
	what := "did_reservations " + v + " POST " + create.Path + " (unknown available DID)"
	x.expectError("did_reservations", v, "unreservable", x.do("POST", create.Path, nil, body("00000000-0000-4000-8000-000000000000"), v), what)
	del := s.Endpoints["delete"]
	path := strings.Replace(del.Path, "{id}", ids[0], 1)
	a := x.do("DELETE", path, nil, nil, v)
	if x.expectStatus(x.f.Key("did_reservations", v, "status", "delete"), a, del.Status, "DELETE "+path) && len(a.body) > 0 {
		x.f.Add(x.f.Key("did_reservations", v, "status", "delete"), "DELETE %s: %d with a body: %.200s", path, a.status, a.body)
	}
	x.expectError("did_reservations", v, "unknown_id", x.do("DELETE", path, nil, nil, v), "DELETE "+path+" again")
}

// orderFlow places a DID order, checks the answer's documented values,
// changes and clears its external reference, and tries bad items.
func (x *cchecker) orderFlow(v string) {
	s := x.shape("orders", v)
	create := s.Endpoints["create"]
	item := func(attrs map[string]any) map[string]any {
		return map[string]any{"data": map[string]any{"type": "orders", "attributes": map[string]any{
			"items": []any{map[string]any{"type": "did_order_items", "attributes": attrs}}}}}
	}
	sku := x.skuInStock(v)
	what := "orders " + v + " POST " + create.Path
	a := x.do("POST", create.Path, nil, item(map[string]any{"sku_id": sku, "qty": 1, "billing_cycles_count": 2}), v)
	if !x.expectStatus(x.f.Key("orders", v, "status", "create"), a, create.Status, what) {
		return
	}
	x.checkDoc(docContext{typ: "orders", v: v, op: "create", what: what}, a)
	x.checkAnswer("orders", v, create, a, what)
	data, _ := a.doc["data"].(map[string]any)
	id, _ := data["id"].(string)
	update := s.Endpoints["update"]
	path := strings.Replace(update.Path, "{id}", id, 1)
	for _, ref := range []any{"contract-1", nil} {
		body := map[string]any{"data": map[string]any{"type": "orders", "id": id, "attributes": map[string]any{"external_reference_id": ref}}}
		what := fmt.Sprintf("orders %s PATCH %s (external_reference_id %v)", v, path, ref)
		a := x.do("PATCH", path, nil, body, v)
		if !x.expectStatus(x.f.Key("orders", v, "status", "update"), a, update.Status, what) {
			continue
		}
		x.checkDoc(docContext{typ: "orders", v: v, op: "update", what: what}, a)
		data, _ := a.doc["data"].(map[string]any)
		if attrs, _ := data["attributes"].(map[string]any); attrs["external_reference_id"] != ref {
			x.f.Add(x.f.Key("orders", v, "update", "external_reference_id"), "%s: answer carries %v", what, attrs["external_reference_id"])
		}
	}
	missing := strings.Replace(update.Path, "{id}", "00000000-0000-4000-8000-000000000000", 1)
	body := map[string]any{"data": map[string]any{"type": "orders", "id": "00000000-0000-4000-8000-000000000000",
		"attributes": map[string]any{"external_reference_id": "x"}}}
	x.expectError("orders", v, "unknown_id", x.do("PATCH", missing, nil, body, v), "PATCH "+missing)
	bad := map[string]any{
		"no sku_id": item(map[string]any{"qty": 1}),
		"qty 0":     item(map[string]any{"sku_id": sku, "qty": 0}),
		"no items":  map[string]any{"data": map[string]any{"type": "orders", "attributes": map[string]any{"items": []any{}}}},
	}
	for _, name := range contract.Sorted(bad) {
		x.expectError("orders", v, "bad_item", x.do("POST", create.Path, nil, bad[name], v), what+" ("+name+")")
	}
}

// skuInStock returns the id of a SKU of a DID group with numbers in stock.
func (x *cchecker) skuInStock(v string) string {
	q := url.Values{"include": {"stock_keeping_units"}, "filter[meta.total_count_gteq]": {"5"}, "filter[is_available]": {"true"}}
	a := x.do("GET", "/did_groups", q, nil, v)
	for _, inc := range objects(a.doc["included"]) {
		if inc["type"] == "stock_keeping_units" {
			return inc["id"].(string)
		}
	}
	require.Fail(x.t, fmt.Sprintf("%s: no DID group with a SKU and numbers in stock: %.300s", v, a.body))
	return ""
}

// checkAnswer compares the answer with the values the endpoint documents.
func (x *cchecker) checkAnswer(typ, v string, ep *contract.Endpoint, a answer, what string) {
	data, _ := a.doc["data"].(map[string]any)
	attrs, _ := data["attributes"].(map[string]any)
	for _, k := range contract.Sorted(ep.Answer) {
		want := ep.Answer[k]
		var got []any
		if list, sub, ok := strings.Cut(k, "[]."); ok {
			for _, it := range objects(attrs[list]) {
				ia, _ := it["attributes"].(map[string]any)
				got = append(got, ia[sub])
			}
		} else {
			got = []any{attrs[k]}
		}
		for _, g := range got {
			if g != want {
				x.f.Add(x.f.Key(typ, v, "answer", k), "%s: %s is %v, want %v (%s)", what, k, g, want, ep.Notes)
				break
			}
		}
	}
}

// cancelFlow cancels a pending order on a server that keeps orders
// pending, then tries a second cancel and an unknown id.
func (x *cchecker) cancelFlow(v string) {
	pending := newChecker(x.t, x.c, x.f, v, WithOrderCompletionDelay(time.Hour))
	s := x.shape("orders", v)
	body := map[string]any{"data": map[string]any{"type": "orders", "attributes": map[string]any{
		"items": []any{map[string]any{"type": "did_order_items", "attributes": map[string]any{"sku_id": pending.skuInStock(v), "qty": 1}}}}}}
	a := pending.do("POST", s.Endpoints["create"].Path, nil, body, v)
	data, _ := a.doc["data"].(map[string]any)
	id, _ := data["id"].(string)
	require.NotEmpty(x.t, id, "%s: order for the cancel flow: %d %.300s", v, a.status, a.body)
	del := s.Endpoints["delete"]
	path := strings.Replace(del.Path, "{id}", id, 1)
	a = pending.do("DELETE", path, nil, nil, v)
	if x.expectStatus(x.f.Key("orders", v, "status", "delete"), a, del.Status, "orders "+v+" DELETE "+path) && len(a.body) > 0 {
		x.f.Add(x.f.Key("orders", v, "status", "delete"), "DELETE %s: %d with a body: %.200s", path, a.status, a.body)
	}
	x.expectError("orders", v, "not_cancelable", pending.do("DELETE", path, nil, nil, v), "orders "+v+" DELETE "+path+" again")
	missing := strings.Replace(del.Path, "{id}", "00000000-0000-4000-8000-000000000000", 1)
	x.expectError("orders", v, "unknown_id", pending.do("DELETE", missing, nil, nil, v), "orders "+v+" DELETE "+missing)
}

// unlistedVersions asks for versions the contract does not describe: the
// answer must refuse them or be served as a described version.
func (x *cchecker) unlistedVersions() {
	for _, v := range []string{"2022-05-10", "2026-11-19", "1999-01-01"} {
		if slices.Contains(x.c.Versions, v) {
			continue
		}
		a := x.do("GET", "/countries", nil, nil, v)
		meta, _ := a.doc["meta"].(map[string]any)
		served, _ := meta["api_version"].(string)
		if a.status < 400 && !slices.Contains(x.c.Versions, served) {
			x.f.Add("versions.unlisted", "GET /countries with X-DIDWW-API-Version %s: status %d, meta.api_version %q: neither refused nor served as one of %v", v, a.status, served, x.c.Versions)
		}
	}
}
