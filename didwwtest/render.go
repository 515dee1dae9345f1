package didwwtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ref points at one resource.
type ref struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// rel is one relationship of an object, to objects of type typ: to-one
// holds at most one ref.
type rel struct {
	name, typ string
	many      bool
	refs      []ref
}

// obj is a resource before it is written: the server's own document model,
// independent of the client's decoding code.
type obj struct {
	typ, id string
	attrs   map[string]any
	meta    map[string]any
	// primaryMeta are meta keys written only when the object is primary
	// data: the API leaves them out of included objects.
	primaryMeta map[string]any
	rels        []rel
	// alwaysData names relationships written with their linkage even when
	// not included (the created reservation's available_did, as the API does).
	alwaysData []string
}

func (o *obj) key() ref { return ref{o.typ, o.id} }

func (o *obj) rel(name string) *rel {
	for i := range o.rels {
		if o.rels[i].name == name {
			return &o.rels[i]
		}
	}
	return nil
}

func toOne(name, typ, id string) rel {
	r := rel{name: name, typ: typ}
	if id != "" {
		r.refs = []ref{{typ, id}}
	}
	return r
}

func toMany(name, typ string, ids []string) rel {
	r := rel{name: name, typ: typ, many: true, refs: []ref{}}
	for _, id := range ids {
		r.refs = append(r.refs, ref{typ, id})
	}
	return r
}

// Wire shapes of a JSON:API document.
type wireResource struct {
	ID            string                      `json:"id"`
	Type          string                      `json:"type"`
	Attributes    map[string]any              `json:"attributes"`
	Relationships map[string]wireRelationship `json:"relationships,omitempty"`
	Meta          map[string]any              `json:"meta,omitempty"`
}

type wireRelationship struct {
	Links map[string]string `json:"links"`
	Data  json.RawMessage   `json:"data,omitempty"`
}

type document struct {
	Data     any               `json:"data"`
	Included []*wireResource   `json:"included,omitempty"`
	Meta     map[string]any    `json:"meta,omitempty"`
	Links    map[string]string `json:"links,omitempty"`
}

// errorObject is one entry of an error document.
type errorObject struct {
	Title  string         `json:"title,omitempty"`
	Detail string         `json:"detail"`
	Code   string         `json:"code,omitempty"`
	Status string         `json:"status"`
	Source *errorSource   `json:"source,omitempty"`
	Meta   map[string]any `json:"meta,omitempty"`
}

// errorSource points at the member of the request document a validation
// error is about; the API sends no source on 400s.
type errorSource struct {
	Pointer string `json:"pointer"`
}

// apiError is an error answer: a status and its error objects.
type apiError struct {
	status int
	errs   []errorObject
	header http.Header
}

func (e *apiError) Error() string { return e.errs[0].Detail }

func newError(status int, code, title, detail string) *apiError {
	return &apiError{status: status, errs: []errorObject{{Title: title, Detail: detail, Code: code, Status: strconv.Itoa(status)}}}
}

func badRequest(code, title, detail string) *apiError {
	return newError(http.StatusBadRequest, code, title, detail)
}

func notFound(id string) *apiError {
	return newError(http.StatusNotFound, "404", "Record not found", "The record identified by "+id+" could not be found.")
}

// validation is a 422 with code 100 and a source pointer.
func validation(pointer, detail string) *apiError {
	e := newError(http.StatusUnprocessableEntity, "100", detail, detail)
	e.errs[0].Source = &errorSource{Pointer: pointer}
	return e
}

// includeTree is a parsed include parameter: children by relationship name.
type includeTree map[string]includeTree

func parseIncludes(paths []string) includeTree {
	t := includeTree{}
	for _, p := range paths {
		n := t
		for _, part := range strings.Split(p, ".") {
			if n[part] == nil {
				n[part] = includeTree{}
			}
			n = n[part]
		}
	}
	return t
}

// renderer writes objects for one request: base URL for links, sparse
// fieldsets, and a resolver for included resources.
type renderer struct {
	base    string
	fields  map[string][]string
	resolve func(ref) *obj
	// shape, when set, writes an object as the request's version has it.
	shape func(*obj) *obj
}

func (r *renderer) wire(o *obj, withData map[string]bool, primary bool) *wireResource {
	if r.shape != nil {
		o = r.shape(o)
	}
	w := &wireResource{ID: o.id, Type: o.typ, Attributes: map[string]any{}, Meta: o.meta}
	if primary && len(o.primaryMeta) > 0 {
		w.Meta = maps.Clone(o.meta)
		if w.Meta == nil {
			w.Meta = map[string]any{}
		}
		maps.Copy(w.Meta, o.primaryMeta)
	}
	keep, sparse := r.fields[o.typ]
	for k, v := range o.attrs {
		if !sparse || slices.Contains(keep, k) {
			w.Attributes[k] = v
		}
	}
	for _, rl := range o.rels {
		if sparse && !slices.Contains(keep, rl.name) {
			continue
		}
		if w.Relationships == nil {
			w.Relationships = map[string]wireRelationship{}
		}
		self := r.base + "/" + o.typ + "/" + url.PathEscape(o.id)
		wr := wireRelationship{Links: map[string]string{
			"self":    self + "/relationships/" + rl.name,
			"related": self + "/" + rl.name,
		}}
		if withData[rl.name] || slices.Contains(o.alwaysData, rl.name) {
			wr.Data = linkage(rl.many, rl.refs)
		}
		w.Relationships[rl.name] = wr
	}
	return w
}

// build renders the primary objects and everything the include tree asks
// for, each included resource once and never repeating primary data.
func (r *renderer) build(primary []*obj, inc includeTree) (data []*wireResource, included []*wireResource) {
	type entry struct {
		o        *obj
		withData map[string]bool
	}
	entries := map[ref]*entry{}
	var order []ref
	isPrimary := map[ref]bool{}
	for _, o := range primary {
		isPrimary[o.key()] = true
	}
	var walk func(o *obj, t includeTree)
	walk = func(o *obj, t includeTree) {
		e := entries[o.key()]
		if e == nil {
			e = &entry{o: o, withData: map[string]bool{}}
			entries[o.key()] = e
			order = append(order, o.key())
		}
		for name, sub := range t {
			rl := o.rel(name)
			if rl == nil {
				continue
			}
			e.withData[name] = true
			for _, target := range rl.refs {
				child := r.resolve(target)
				if child == nil {
					continue
				}
				if c := entries[child.key()]; c != nil {
					child = c.o
				}
				walk(child, sub)
			}
		}
	}
	for _, o := range primary {
		walk(o, inc)
	}
	for _, o := range primary {
		data = append(data, r.wire(o, entries[o.key()].withData, true))
	}
	for _, k := range order {
		if isPrimary[k] {
			continue
		}
		e := entries[k]
		included = append(included, r.wire(e.o, e.withData, false))
	}
	return data, included
}
