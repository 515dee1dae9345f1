package didwwtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"
)

// writeDoc is a create or update request being read: its attributes and
// relationships, the first malformed member (a 400, answered before any
// validation) and the validation errors found so far (422, code 100).
type writeDoc struct {
	attrs map[string]json.RawMessage
	rels  map[string]json.RawMessage
	bad   *apiError
	verrs []errorObject
}

// writeSpec names what a create or update of a type accepts.
type writeSpec struct {
	typ          string
	attrs, rels  []string
	isUpdate     bool
	requireAttrs bool // create: attributes must be present (shared capacity groups)
}

// readWrite reads the request document of a create (id "") or an update of
// id: query, type, id, and only the members spec names (400 otherwise).
func readWrite(c *call, spec writeSpec, id string) (*writeDoc, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return nil, e
	}
	var doc struct {
		Data *struct {
			Type          string                     `json:"type"`
			ID            *string                    `json:"id"`
			Attributes    map[string]json.RawMessage `json:"attributes"`
			Relationships map[string]json.RawMessage `json:"relationships"`
		} `json:"data"`
	}
	if e := decodeBody(c.body, &doc); e != nil {
		return nil, e
	}
	d := doc.Data
	switch {
	case d == nil:
		return nil, badRequest("106", "Missing parameter", "The required parameter, data, is missing.")
	case d.Type != spec.typ:
		return nil, badRequest("116", "Type mismatch", d.Type+" is not a valid type for "+spec.typ+".")
	case !spec.isUpdate && d.ID != nil:
		return nil, badRequest("105", "Param not allowed", "id is not allowed.")
	case spec.isUpdate && (d.ID == nil || *d.ID != id):
		got := ""
		if d.ID != nil {
			got = *d.ID
		}
		return nil, badRequest("109", "Key is not included in URL", "The URL does not include the key "+got+".")
	case spec.requireAttrs && d.Attributes == nil:
		return nil, badRequest("106", "Missing parameter", "The required parameter, attributes, is missing.")
	}
	w := &writeDoc{attrs: d.Attributes, rels: d.Relationships}
	if e := onlyKeys(w.attrs, spec.attrs); e != nil {
		return nil, e
	}
	if e := onlyKeys(w.rels, spec.rels); e != nil {
		return nil, e
	}
	return w, nil
}

// onlyKeys refuses, in key order, a member that allowed does not name.
func onlyKeys(m map[string]json.RawMessage, allowed []string) *apiError {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(allowed, k) {
			return badRequest("105", "Param not allowed", k+" is not allowed.")
		}
	}
	return nil
}

func (w *writeDoc) has(name string) bool {
	_, ok := w.attrs[name]
	return ok
}

// malformed records the first 400 of the document.
func (w *writeDoc) malformed(e *apiError) {
	if w.bad == nil {
		w.bad = e
	}
}

func (w *writeDoc) wrongType(name string) {
	w.malformed(badRequest("103", "Invalid field value", name+" has the wrong type."))
}

// fail records a validation error of the member at pointer.
func (w *writeDoc) fail(pointer, detail string) {
	w.verrs = append(w.verrs, errorObject{Title: detail, Detail: detail, Code: "100", Status: "422",
		Source: &errorSource{Pointer: pointer}})
}

// failAttr records a validation error of attribute name.
func (w *writeDoc) failAttr(name, detail string) { w.fail("/data/attributes/"+name, name+" - "+detail) }

// done returns the error the request is answered with, or nil.
func (w *writeDoc) done() *apiError {
	if w.bad != nil {
		return w.bad
	}
	if len(w.verrs) > 0 {
		return &apiError{status: http.StatusUnprocessableEntity, errs: w.verrs}
	}
	return nil
}

// decodeAttr reads attribute name into v when given; it says whether the
// key was given and whether it was null. A null where nullable is false, or
// a value of the wrong type, is malformed.
func decodeAttr[T any](w *writeDoc, name string, nullable bool, v *T) (given, null bool) {
	raw, ok := w.attrs[name]
	if !ok {
		return false, false
	}
	if string(raw) == "null" {
		if !nullable {
			w.wrongType(name)
		}
		return true, true
	}
	if json.Unmarshal(raw, v) != nil {
		w.wrongType(name)
	}
	return true, false
}

// optString reads a nullable string attribute into *dst when given.
func (w *writeDoc) optString(name string, dst **string) {
	var v string
	if given, null := decodeAttr(w, name, true, &v); given {
		*dst = nil
		if !null {
			*dst = &v
		}
	}
}

// optInt reads a nullable integer attribute into *dst when given, refusing
// one below lo.
func (w *writeDoc) optInt(name string, lo int, dst **int) {
	var v int
	if given, null := decodeAttr(w, name, true, &v); given {
		*dst = nil
		if !null {
			if v < lo {
				w.failAttr(name, "must be greater than or equal to "+strconv.Itoa(lo))
			}
			*dst = &v
		}
	}
}

// intIn reads a non-nullable integer attribute within [lo, hi] into *dst.
func (w *writeDoc) intIn(name string, lo, hi int, dst *int) {
	var v int
	if given, _ := decodeAttr(w, name, false, &v); given {
		if v < lo || v > hi {
			w.failAttr(name, "must be between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi))
		}
		*dst = v
	}
}

// name reads a required, non-blank name: on create it must be given.
func (w *writeDoc) name(create bool, dst *string) {
	var v string
	given, _ := decodeAttr(w, "name", false, &v)
	switch {
	case given && v == "", !given && create:
		w.failAttr("name", "can't be blank")
	case given:
		*dst = v
	}
}

// externalRef reads external_reference_id: a nullable string of at most
// 100 characters.
func (w *writeDoc) externalRef(dst **string) {
	w.optString("external_reference_id", dst)
	if *dst != nil && utf8.RuneCountInString(**dst) > 100 {
		w.failAttr("external_reference_id", "is too long (maximum is 100 characters)")
	}
}

// relData reads relationship name's data member: nil raw when not given.
func (w *writeDoc) relData(name string) (json.RawMessage, bool) {
	raw, ok := w.rels[name]
	if !ok {
		return nil, false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj["data"] == nil {
		w.malformed(badRequest("106", "Missing parameter", "The required parameter, data, is missing from "+name+"."))
		return nil, false
	}
	return obj["data"], true
}

// toOne reads a to-one relationship to typ: given, and the id ("" for null).
func (w *writeDoc) toOne(name, typ string) (id string, given bool) {
	raw, ok := w.relData(name)
	if !ok {
		return "", false
	}
	if string(raw) == "null" {
		return "", true
	}
	var r ref
	if json.Unmarshal(raw, &r) != nil || r.ID == "" {
		w.malformed(badRequest("103", "Invalid field value", name+" has the wrong type."))
		return "", false
	}
	if r.Type != typ {
		w.malformed(badRequest("116", "Type mismatch", r.Type+" is not a valid type for "+name+"."))
		return "", false
	}
	return r.ID, true
}

// toMany reads a to-many relationship to typ: given, and the ids in order.
func (w *writeDoc) toMany(name, typ string) (ids []string, given bool) {
	raw, ok := w.relData(name)
	if !ok {
		return nil, false
	}
	var refs []ref
	if json.Unmarshal(raw, &refs) != nil {
		w.malformed(badRequest("103", "Invalid field value", name+" must be an array of resource identifiers."))
		return nil, false
	}
	ids = []string{}
	for _, r := range refs {
		if r.Type != typ || r.ID == "" {
			w.malformed(badRequest("116", "Type mismatch", r.Type+" is not a valid type for "+name+"."))
			return nil, false
		}
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids, true
}

// answerOne is the answer of a create or update: the object without
// includes, as the API answers writes.
func answerOne(c *call, o *obj, status int) (int, any, *apiError) {
	data, _ := c.render.build([]*obj{o}, nil)
	return status, &document{Data: data[0], Meta: map[string]any{"api_version": c.version}}, nil
}

// optPtr returns *p, or nil for a nil p: a nullable value as written.
func optPtr[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
