// Package jsonapi is the JSON:API layer of the didww client. It parses a
// response document once, then turns its resources into typed models read
// through `didww` struct tags (plan.go), and it writes request documents
// with github.com/google/jsonapi (encode.go). It never panics on any input
// and never returns a partially decoded model as success.
//
// google/jsonapi writes and does not read. Writing is where it is the right
// tool: MarshalPayload's model gives exactly the request documents the API
// documents — no id on create (an empty primary is left out), relationships
// as {type, id} linkage (the sideloaded "included" is dropped), omitempty
// attributes left out when zero and a *bool set to false kept. It can also
// write the explicit null a PATCH needs to clear an attribute, with a type
// whose zero value means absent and whose MarshalJSON writes null or the
// value (TestMarshalDocumentThreeStates), as the didww package's Nullable
// is. What it cannot write is a relationship that an update either leaves
// out or clears ({"data": null}): it decides from a nil pointer alone, so
// those documents keep encoding/json. Its time.Time attributes need care
// (unix seconds unless tagged rfc3339 or iso8601). Reading is
// where it is not: UnmarshalPayload re-decodes each resource through a
// map[string]interface{} and sets fields by reflection (most of the decode
// time of small resources such as countries), knows no aliases, resource
// meta or older type names, and its relation resolver recurses without bound
// on include cycles.
//
// It imports no package of the didww module.
package jsonapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrNullData is returned when a document's primary data is null.
var ErrNullData = errors.New("document data is null")

// Document is a parsed JSON:API document.
type Document struct {
	// Data holds the primary resources; one at most when Single is true.
	Data []*Resource
	// Single is true when primary data was an object (or null) rather than an array.
	Single bool
	// Null is true when primary data was null.
	Null     bool
	Included []*Resource
	// Meta is the raw top-level meta object, nil when absent.
	Meta json.RawMessage
	// Links holds the top-level links; link objects are reduced to their href.
	Links map[string]string
	// Fieldsets are the sparse fieldsets the request asked for, by resource
	// type (FieldsetsOf reads them from a query). Parse leaves it nil; the
	// caller sets it before decoding, so that a required attribute the
	// request left out is not expected.
	Fieldsets map[string][]string
}

// Resource is one resource object of a document.
type Resource struct {
	Type          string
	ID            string
	Attributes    json.RawMessage
	Relationships map[string]Relationship
	Meta          json.RawMessage
}

// Identifier is a resource identifier object (linkage).
type Identifier struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// Relationship is the linkage of one relationship of a resource.
type Relationship struct {
	// HasData is true when the relationship carried a data member.
	HasData bool
	// ToMany is true when data was an array.
	ToMany bool
	// Data holds the linkage: none for null or an empty array.
	Data []Identifier
}

// ErrorObject is one entry of a JSON:API errors document.
type ErrorObject struct {
	Title  string         `json:"title"`
	Detail string         `json:"detail"`
	Code   string         `json:"code"`
	Status string         `json:"status"`
	Source *ErrorSource   `json:"source"`
	Meta   map[string]any `json:"meta"`
}

// ErrorSource points at the part of the request an error is about.
type ErrorSource struct {
	Pointer   string `json:"pointer"`
	Parameter string `json:"parameter"`
}

// ErrorsDocument is returned by Parse when the document is an errors document.
type ErrorsDocument struct {
	Errors []ErrorObject
}

func (e *ErrorsDocument) Error() string {
	return fmt.Sprintf("errors document with %d error(s)", len(e.Errors))
}

// flexString accepts a JSON string or number; the API's error codes and
// statuses are strings, but a number there is no reason to lose the error.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if v, ok := plainString(b); ok {
		*s = flexString(v)
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %.20q", b)
	}
	*s = flexString(n)
	return nil
}

type wireErrorObject struct {
	Title  string         `json:"title"`
	Detail string         `json:"detail"`
	Code   flexString     `json:"code"`
	Status flexString     `json:"status"`
	Source *ErrorSource   `json:"source"`
	Meta   map[string]any `json:"meta"`
}

type wireDocument struct {
	Data     json.RawMessage            `json:"data"`
	Included []wireResource             `json:"included"`
	Meta     json.RawMessage            `json:"meta"`
	Links    map[string]json.RawMessage `json:"links"`
	Errors   json.RawMessage            `json:"errors"`
}

type wireResource struct {
	Type          string                      `json:"type"`
	ID            flexString                  `json:"id"`
	Attributes    json.RawMessage             `json:"attributes"`
	Relationships map[string]wireRelationship `json:"relationships"`
	Meta          json.RawMessage             `json:"meta"`
}

type wireRelationship struct {
	Data json.RawMessage `json:"data"`
}

// Parse parses a response body. An errors document (whatever the status it
// came with) is returned as an *ErrorsDocument error; anything that is not a
// JSON:API document is an error describing what is wrong.
func Parse(body []byte) (*Document, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("body is not a JSON object")
	}
	// A valid document of resources takes the fast parse; anything else (null
	// data, errors, odd shapes, invalid JSON) the general one, which reads
	// every document the fast one does the same way.
	if json.Valid(trimmed) {
		if doc, ok := parseFast(trimmed); ok {
			return doc, nil
		}
	}
	return parseGeneral(trimmed)
}

func parseGeneral(body []byte) (doc *Document, err error) {
	var w wireDocument
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if len(w.Errors) > 0 && !isNull(w.Errors) {
		objs, err := ParseErrors(w.Errors)
		if err != nil {
			return nil, err
		}
		return nil, &ErrorsDocument{Errors: objs}
	}
	if w.Data == nil {
		return nil, errors.New(`document has no "data" member`)
	}
	doc = &Document{Meta: nullToNil(w.Meta)}
	if doc.Links, err = parseLinks(w.Links); err != nil {
		return nil, err
	}
	if err := doc.parseData(w.Data); err != nil {
		return nil, err
	}
	if doc.Included, err = resources("included", w.Included); err != nil {
		return nil, err
	}
	return doc, nil
}

// parseData reads primary data that is null, one resource or an array.
func (doc *Document) parseData(data json.RawMessage) (err error) {
	switch firstByte(data) {
	case 'n':
		doc.Single, doc.Null = true, true
	case '{':
		var r wireResource
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("data: %w", err)
		}
		res := new(Resource)
		if err := r.resource(res); err != nil {
			return fmt.Errorf("data: %w", err)
		}
		doc.Single = true
		doc.Data = []*Resource{res}
	case '[':
		var rs []wireResource
		if err := json.Unmarshal(data, &rs); err != nil {
			return fmt.Errorf("data: %w", err)
		}
		if doc.Data, err = resources("data", rs); err != nil {
			return err
		}
	default:
		return errors.New(`"data" is neither an object, an array nor null`)
	}
	return nil
}

func resources(where string, ws []wireResource) ([]*Resource, error) {
	out := make([]*Resource, len(ws))
	slab := make([]Resource, len(ws))
	for i := range ws {
		if err := ws[i].resource(&slab[i]); err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", where, i, err)
		}
		out[i] = &slab[i]
	}
	return out, nil
}

// ParseErrors decodes the value of an "errors" member.
func ParseErrors(raw json.RawMessage) ([]ErrorObject, error) {
	var ws []wireErrorObject
	if err := json.Unmarshal(raw, &ws); err != nil {
		return nil, fmt.Errorf("errors member: %w", err)
	}
	out := make([]ErrorObject, len(ws))
	for i, w := range ws {
		out[i] = ErrorObject{Title: w.Title, Detail: w.Detail, Code: string(w.Code), Status: string(w.Status), Source: w.Source, Meta: w.Meta}
	}
	return out, nil
}

// resource checks w and fills r from it.
func (w *wireResource) resource(r *Resource) error {
	if w.Type == "" {
		return errors.New("resource has no type")
	}
	if w.ID == "" {
		return fmt.Errorf("%s resource has no id", w.Type)
	}
	attrs := nullToNil(w.Attributes)
	if attrs != nil && firstByte(attrs) != '{' {
		return fmt.Errorf("attributes of %s %s are not an object", w.Type, w.ID)
	}
	meta := nullToNil(w.Meta)
	if meta != nil && firstByte(meta) != '{' {
		return fmt.Errorf("meta of %s %s is not an object", w.Type, w.ID)
	}
	*r = Resource{Type: w.Type, ID: string(w.ID), Attributes: attrs, Meta: meta}
	if len(w.Relationships) > 0 {
		r.Relationships = make(map[string]Relationship, len(w.Relationships))
		for name, rel := range w.Relationships {
			parsed, err := parseRelationship(rel.Data)
			if err != nil {
				return fmt.Errorf("relationship %q of %s %s: %w", name, w.Type, w.ID, err)
			}
			r.Relationships[name] = parsed
		}
	}
	return nil
}

func parseRelationship(data json.RawMessage) (Relationship, error) {
	switch firstByte(data) {
	case 0:
		return Relationship{}, nil
	case 'n':
		return Relationship{HasData: true}, nil
	case '{':
		id, err := parseIdentifier(data)
		if err != nil {
			return Relationship{}, err
		}
		return Relationship{HasData: true, Data: []Identifier{id}}, nil
	case '[':
		rel := Relationship{HasData: true, ToMany: true}
		err := scanArray(data, func(elem []byte) error {
			id, err := parseIdentifier(elem)
			rel.Data = append(rel.Data, id)
			return err
		})
		if err != nil {
			return Relationship{}, err
		}
		return rel, nil
	}
	return Relationship{}, errors.New("linkage is neither an object, an array nor null")
}

// parseIdentifier reads one linkage object: its type and id, strings both.
func parseIdentifier(b []byte) (Identifier, error) {
	if firstByte(b) != '{' {
		return Identifier{}, errors.New("linkage element is not an object")
	}
	var id Identifier
	var err error
	scanErr := scanObject(b, func(key, val []byte) {
		var dst *string
		switch string(key) {
		case "type":
			dst = &id.Type
		case "id":
			dst = &id.ID
		default:
			return
		}
		if s, ok := plainString(val); ok {
			*dst = s
		} else if e := json.Unmarshal(val, dst); e != nil && err == nil {
			err = fmt.Errorf("linkage %s: %w", key, e)
		}
	})
	if scanErr != nil {
		return Identifier{}, scanErr
	}
	if err != nil {
		return Identifier{}, err
	}
	return id, checkIdentifier(id)
}

func checkIdentifier(id Identifier) error {
	if id.Type == "" || id.ID == "" {
		return errors.New("linkage without type or id")
	}
	return nil
}

func parseLinks(raw map[string]json.RawMessage) (map[string]string, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	links := make(map[string]string, len(raw))
	for name, v := range raw {
		switch firstByte(v) {
		case 'n':
			continue
		case '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf("links.%s: %w", name, err)
			}
			links[name] = s
		case '{':
			var obj struct {
				Href string `json:"href"`
			}
			if err := json.Unmarshal(v, &obj); err != nil {
				return nil, fmt.Errorf("links.%s: %w", name, err)
			}
			links[name] = obj.Href
		default:
			return nil, fmt.Errorf("links.%s is neither a string nor a link object", name)
		}
	}
	return links, nil
}

func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c
	}
	return 0
}

func isNull(b []byte) bool { return firstByte(b) == 'n' }

func nullToNil(b json.RawMessage) json.RawMessage {
	if len(b) == 0 || isNull(b) {
		return nil
	}
	return b
}
