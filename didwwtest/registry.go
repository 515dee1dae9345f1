package didwwtest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// handlerFunc answers one request for the resource id ("" on a collection)
// with a status and a document to write (nil for none).
type handlerFunc func(c *call, id string) (int, any, *apiError)

// resource is one registration: everything the server serves for a JSON:API
// type. The route, the show and the relationship endpoints, includes,
// fields[] and the resolution of related objects all come from it.
type resource struct {
	typ string
	// route is the first segment of the resource's paths when it is not
	// the type (the singleton balances at /balance).
	route                           string
	list, show, create, update, del handlerFunc
	// find returns the object of id as c's account may see it, or nil.
	find func(c *call, id string) *obj
	// includes are the include paths a single object of the type accepts.
	includes []string
	// sample is an object of the type with every attribute and
	// relationship, for fields[] to be checked.
	sample *obj
	// gate, when set, refuses the account before any endpoint of the type
	// is served (number selection, for example).
	gate func(c *call) *apiError
	// changes are what each version changes of the type (versions.go);
	// a version without an entry serves the registration as it is.
	changes map[string]*change
	// auth says which credentials a request of the type takes; nil is
	// the version's own (authVersion).
	auth func(method, id string) authRule
	// download, when set, says whether the path of id is a file download
	// (the export CSV): its answer is not JSON:API, so any Accept is taken.
	download func(id string) bool
	// upload: POST takes a multipart/form-data body and answers
	// application/json (encrypted files, API_REFERENCE §17.9).
	upload bool
}

// registry holds the resources the server serves, by type.
type registry struct {
	byType map[string]*resource
	// byRoute holds the resources by the first segment of their paths.
	byRoute map[string]*resource
	// fields lists the attributes and relationships of every type, for
	// fields[] to be checked.
	fields map[string]map[string]bool
}

func newRegistry() *registry {
	return &registry{byType: map[string]*resource{}, byRoute: map[string]*resource{}, fields: map[string]map[string]bool{}}
}

// add registers res; a type registers once.
func (r *registry) add(res *resource) {
	if r.byType[res.typ] != nil {
		panic("didwwtest: resource " + res.typ + " registered twice")
	}
	r.byType[res.typ] = res
	route := res.route
	if route == "" {
		route = res.typ
	}
	r.byRoute[route] = res
	names := map[string]bool{}
	for k := range res.sample.attrs {
		names[k] = true
	}
	for _, rl := range res.sample.rels {
		names[rl.name] = true
	}
	r.fields[res.typ] = names
}

// resolve finds the object a relationship points at, or nil.
func (r *registry) resolve(c *call, to ref) *obj {
	res := r.byType[to.Type]
	if res == nil || res.find == nil {
		return nil
	}
	return res.find(c, to.ID)
}

// kind describes a read-only resource served from data: its items, how one
// is written and how its list is read. readOnly turns it into a resource.
type kind[T any] struct {
	listSpec[T]
	// all are the items in list order; visible, when set, hides some from
	// an account.
	all     []T
	id      func(T) string
	visible func(c *call, x T) bool
	// noList: the type has a show but no list endpoint.
	noList bool
	gate   func(c *call) *apiError
}

// readOnly registers k: list and show endpoints, and find by id.
func readOnly[T any](k *kind[T]) *resource {
	byID := make(map[string]T, len(k.all))
	for _, x := range k.all {
		byID[k.id(x)] = x
	}
	var zero T
	find := func(c *call, id string) (T, bool) {
		x, ok := byID[id]
		if !ok || (k.visible != nil && !k.visible(c, x)) {
			return zero, false
		}
		return x, true
	}
	res := &resource{typ: k.typ, includes: k.includes, gate: k.gate, sample: k.obj(newOf[T]())}
	res.find = func(c *call, id string) *obj {
		if x, ok := find(c, id); ok {
			return k.obj(x)
		}
		return nil
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, k.includes, nil, http.StatusOK)
	}
	if !k.noList {
		res.list = func(c *call, _ string) (int, any, *apiError) {
			items := k.all
			if k.visible != nil {
				items = make([]T, 0, len(k.all))
				for _, x := range k.all {
					if k.visible(c, x) {
						items = append(items, x)
					}
				}
			}
			return serveList(c, &k.listSpec, items)
		}
	}
	return res
}

// target is what a request's path names: a resource type, maybe one of its
// objects, maybe one relationship of it (rel; relationships is true for
// /<type>/<id>/relationships/<rel>).
type target struct {
	res           *resource
	id, rel       string
	relationships bool
}

// pickRoute finds the handler of the request's path and method.
func (r *registry) pickRoute(req *http.Request) (*resource, handlerFunc, string, *apiError) {
	t, e := r.parsePath(req.URL.Path)
	if e != nil {
		return nil, nil, "", e
	}
	var h handlerFunc
	switch m := req.Method; {
	case t.rel != "":
		if m == http.MethodGet {
			h = func(c *call, id string) (int, any, *apiError) { return r.serveRelationship(c, t) }
		}
	case m == http.MethodGet && t.id == "":
		h = t.res.list
	case m == http.MethodGet:
		h = t.res.show
	case m == http.MethodPost && t.id == "":
		h = t.res.create
	case m == http.MethodPatch && t.id != "":
		h = t.res.update
	case m == http.MethodDelete && t.id != "":
		h = t.res.del
	}
	if h == nil {
		return nil, nil, "", newError(http.StatusMethodNotAllowed, "405", "Method not allowed", req.Method+" is not allowed on "+req.URL.Path+".")
	}
	return t.res, h, t.id, nil
}

// parsePath reads /v3/<type>[/<id>[/<rel> | /relationships/<rel>]].
func (r *registry) parsePath(path string) (*target, *apiError) {
	noRoute := newError(http.StatusNotFound, "404", "Not found", "No route matches "+path+".")
	rest, ok := strings.CutPrefix(path, "/v3/")
	if !ok {
		return nil, noRoute
	}
	parts := strings.Split(rest, "/")
	res := r.byRoute[parts[0]]
	for _, p := range parts[1:] {
		if p == "" {
			return nil, noRoute
		}
	}
	t := &target{res: res}
	switch {
	case res == nil || (res.list == nil && res.show == nil && res.create == nil):
		return nil, noRoute // unknown, or reached only through includes
	case len(parts) == 2:
		t.id = parts[1]
	case len(parts) == 3 && parts[2] != "relationships":
		t.id, t.rel = parts[1], parts[2]
	case len(parts) == 4 && parts[2] == "relationships":
		t.id, t.rel, t.relationships = parts[1], parts[3], true
	case len(parts) != 1:
		return nil, noRoute
	}
	if t.rel != "" && res.sample.rel(t.rel) == nil {
		return nil, noRoute
	}
	if t.id != "" && res.show == nil && res.update == nil && res.del == nil {
		return nil, noRoute // no member path (pops, the singleton balance)
	}
	return t, nil
}

// serveRelationship answers the links a relationship advertises: self
// (/relationships/<rel>) with the linkage, related (/<rel>) with the
// related objects as primary data.
func (r *registry) serveRelationship(c *call, t *target) (int, any, *apiError) {
	p, e := parseParams(c, false)
	if e != nil {
		return 0, nil, e
	}
	rl := t.res.sample.rel(t.rel)
	if _, cut := changeOf(t.res, c.version).cut(t.rel); cut {
		return 0, nil, goneError(c.r.URL.Path)
	}
	var targetIncludes []string
	if to := r.byType[rl.typ]; to != nil {
		targetIncludes = to.includes
	}
	allowed := targetIncludes
	if t.relationships {
		allowed = nil
	}
	if e := checkIncludes(c, p, allowed, rl.typ); e != nil {
		return 0, nil, e
	}
	parent := t.res.find(c, t.id)
	if parent == nil {
		return 0, nil, notFound(t.id)
	}
	refs := parent.rel(t.rel).refs
	meta := map[string]any{"api_version": c.version}
	if t.relationships {
		self := c.s.URL + "/" + t.res.typ + "/" + t.id
		return http.StatusOK, &relationshipDocument{Data: linkage(rl.many, refs), Meta: meta,
			Links: map[string]string{"self": self + "/relationships/" + t.rel, "related": self + "/" + t.rel}}, nil
	}
	var objs []*obj
	for _, ref := range refs {
		if o := r.resolve(c, ref); o != nil {
			objs = append(objs, o)
		}
	}
	data, included := c.render.build(objs, parseIncludes(p.include))
	doc := &document{Included: included, Meta: meta}
	switch {
	case rl.many && data == nil:
		doc.Data = []*wireResource{}
	case rl.many:
		doc.Data = data
	case len(data) == 1:
		doc.Data = data[0]
	}
	return http.StatusOK, doc, nil
}

// relationshipDocument is the answer of a relationship's self link.
type relationshipDocument struct {
	Data  json.RawMessage   `json:"data"`
	Meta  map[string]any    `json:"meta"`
	Links map[string]string `json:"links"`
}

// linkage writes the data member of a relationship: an identifier or null
// for to-one, an array for to-many.
func linkage(many bool, refs []ref) json.RawMessage {
	var data any
	switch {
	case many:
		data = append([]ref{}, refs...)
	case len(refs) == 1:
		data = refs[0]
	}
	b, _ := json.Marshal(data)
	return b
}
