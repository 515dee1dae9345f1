package jsonapi

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// The fast parse reads a valid document with the byte scanner of scan.go
// instead of encoding/json's reflection: attributes and meta stay slices of
// the body, strings are read without escapes, and the type names of a
// document are shared. It reads only documents it can read exactly as the
// general path (encoding/json) does; anything else — errors, null data,
// duplicate or case-folded member names, escaped or numeric ids, malformed
// resources — is left to the general path, which also words the errors.

type fastParser struct {
	types map[string]string // type names seen, shared by their resources
	bad   bool
}

var (
	topMembers      = []string{"data", "included", "meta", "links", "errors"}
	resourceMembers = []string{"type", "id", "attributes", "relationships", "meta"}
	relMembers      = []string{"data"}
)

// parseFast returns the document b (valid JSON, an object), or ok false.
func parseFast(b []byte) (doc *Document, ok bool) {
	p := fastParser{types: map[string]string{}}
	doc = &Document{}
	var data, included, links []byte
	var seen uint8
	err := scanObject(b, func(key, val []byte) {
		i := p.member(key, topMembers, &seen)
		switch i {
		case 0:
			data = val
		case 1:
			included = val
		case 2:
			doc.Meta = nullToNil(val)
		case 3:
			links = val
		case 4:
			p.bad = p.bad || val[0] != 'n'
		}
	})
	if err != nil || p.bad || data == nil {
		return nil, false
	}
	switch data[0] {
	case '[':
		doc.Data = p.resources(data)
	case '{':
		doc.Single = true
		doc.Data = []*Resource{new(Resource)}
		p.resource(data, doc.Data[0])
	default:
		return nil, false
	}
	doc.Included = []*Resource{}
	if included != nil && included[0] != 'n' {
		doc.Included = p.resources(included)
	}
	if links != nil && links[0] != 'n' {
		raw := p.links(links)
		if p.bad {
			return nil, false
		}
		if doc.Links, err = parseLinks(raw); err != nil {
			return nil, false
		}
	}
	if p.bad {
		return nil, false
	}
	return doc, true
}

// member returns the index of key in names, or -1 for a member the document
// may carry and the parse ignores. A name met twice, or a key encoding/json
// would match to a name by folding case, marks the parse bad.
func (p *fastParser) member(key []byte, names []string, seen *uint8) int {
	for i, n := range names {
		if string(key) == n {
			if *seen&(1<<i) != 0 {
				p.bad = true
				return -1
			}
			*seen |= 1 << i
			return i
		}
	}
	for _, n := range names {
		if foldEqual(key, n) {
			p.bad = true
		}
	}
	return -1
}

// foldEqual reports whether encoding/json would take key for name: equal
// under Unicode case folding.
func foldEqual(key []byte, name string) bool {
	if len(key) != len(name) {
		for _, c := range key {
			if c >= utf8.RuneSelf {
				return strings.EqualFold(string(key), name)
			}
		}
		return false
	}
	return strings.EqualFold(string(key), name)
}

func (p *fastParser) resources(b []byte) []*Resource {
	if b[0] != '[' {
		p.bad = true
		return nil
	}
	var slab []Resource
	err := scanArray(b, func(elem []byte) error {
		slab = append(slab, Resource{})
		p.resource(elem, &slab[len(slab)-1])
		return nil
	})
	if err != nil || p.bad {
		p.bad = true
		return nil
	}
	out := make([]*Resource, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

func (p *fastParser) resource(b []byte, r *Resource) {
	if b[0] != '{' {
		p.bad = true
		return
	}
	var seen uint8
	err := scanObject(b, func(key, val []byte) {
		switch p.member(key, resourceMembers, &seen) {
		case 0:
			r.Type = p.typeName(val)
		case 1:
			s, ok := plainString(val)
			p.bad = p.bad || !ok
			r.ID = s
		case 2:
			r.Attributes = p.object(val)
		case 3:
			r.Relationships = p.relationships(val)
		case 4:
			r.Meta = p.object(val)
		}
	})
	p.bad = p.bad || err != nil || r.Type == "" || r.ID == ""
}

func (p *fastParser) typeName(val []byte) string {
	if t, ok := p.types[string(val)]; ok {
		return t
	}
	s, ok := plainString(val)
	if !ok {
		p.bad = true
		return ""
	}
	p.types[string(val)] = s
	return s
}

// object returns an object member as it is, nil for null.
func (p *fastParser) object(val []byte) json.RawMessage {
	switch val[0] {
	case 'n':
		return nil
	case '{':
		return val
	}
	p.bad = true
	return nil
}

func (p *fastParser) relationships(val []byte) map[string]Relationship {
	if p.object(val) == nil {
		return nil
	}
	var rels map[string]Relationship
	err := scanObject(val, func(key, rv []byte) {
		if rels == nil {
			rels = make(map[string]Relationship, 8)
		}
		if _, dup := rels[string(key)]; dup {
			p.bad = true
			return
		}
		var data []byte
		if obj := p.object(rv); obj != nil {
			var seen uint8
			err := scanObject(obj, func(k, v []byte) {
				if p.member(k, relMembers, &seen) == 0 {
					data = v
				}
			})
			p.bad = p.bad || err != nil
		}
		rel, err := parseRelationship(data)
		p.bad = p.bad || err != nil
		rels[string(key)] = rel
	})
	p.bad = p.bad || err != nil
	return rels
}

func (p *fastParser) links(val []byte) map[string]json.RawMessage {
	if val[0] != '{' {
		p.bad = true
		return nil
	}
	links := map[string]json.RawMessage{}
	err := scanObject(val, func(key, v []byte) { links[string(key)] = v })
	p.bad = p.bad || err != nil
	return links
}
