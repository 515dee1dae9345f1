package didwwtest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// regState is what one account filed to register numbers: identities,
// their addresses, proofs and permanent documents, uploaded files and
// address verifications, each in creation order.
type regState struct {
	identities    []*identity
	addresses     []*address
	proofs        []*proof
	docs          []*permDoc
	files         []*encFile
	verifications []*verification
}

// identity is a person or business numbers are registered to.
type identity struct {
	id, identityType, firstName, lastName, phone           string
	contactEmail, companyName, companyReg, vatID, idNumber *string
	taxID, birthDate, description, extRef, website         *string
	countryID, birthCountryID                              string
	createdAt                                              time.Time
	verified                                               bool
}

// address is an address of an identity; cityID and areaID are the
// catalogue's city of that name in its country, if any.
type address struct {
	id, identityID, countryID, cityID, areaID string
	street, cityName, postalCode              string
	description, extRef                       *string
	createdAt                                 time.Time
	verified                                  bool
}

func (r *regState) identity(id string) *identity {
	return findIn(r.identities, func(x *identity) string { return x.id }, id)
}

func (r *regState) address(id string) *address {
	return findIn(r.addresses, func(x *address) string { return x.id }, id)
}

// owned describes a resource an account creates: its list, show, find and
// delete come from it (ownedResource).
type owned[T any] struct {
	typ       string
	includes  []string
	items     func(r *regState) *[]*T
	id        func(*T) string
	obj       func(r *regState, x *T) *obj
	filters   func(c *call) map[string]filterFn[*T]
	sorts     map[string]func(a, b *T) int
	paginated bool
	// deleted, when set, runs after an item is removed.
	deleted func(r *regState, x *T)
	// inUse, when set, is the refusal of a delete from 2026-11-19 on (nil
	// when there is none).
	inUse func(c *call, x *T) *apiError
}

func ownedResource[T any](o *owned[T]) *resource {
	var zero T
	res := &resource{typ: o.typ, includes: o.includes, sample: o.obj(&regState{}, &zero)}
	get := func(c *call, id string) *T {
		if c.acct == nil {
			return nil
		}
		return findIn(*o.items(&c.acct.reg), o.id, id)
	}
	res.find = func(c *call, id string) *obj {
		if x := get(c, id); x != nil {
			return o.obj(&c.acct.reg, x)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*T]{typ: o.typ, paginated: o.paginated, includes: o.includes, sorts: o.sorts,
			filters: o.filters(c), obj: func(x *T) *obj { return o.obj(&c.acct.reg, x) }}
		return serveList(c, spec, *o.items(&c.acct.reg))
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, o.includes, nil, http.StatusOK)
	}
	res.del = func(c *call, id string) (int, any, *apiError) {
		if _, e := parseParams(c, false); e != nil {
			return 0, nil, e
		}
		x := get(c, id)
		if x == nil {
			return 0, nil, notFound(id)
		}
		if o.inUse != nil && c.version >= version20261119 {
			if e := o.inUse(c, x); e != nil {
				return 0, nil, e
			}
		}
		items := o.items(&c.acct.reg)
		*items = slices.DeleteFunc(*items, func(y *T) bool { return y == x })
		if o.deleted != nil {
			o.deleted(&c.acct.reg, x)
		}
		return http.StatusNoContent, nil, nil
	}
	return res
}

// required reads a non-blank string attribute: on create it must be given.
func (w *writeDoc) required(name string, create bool, dst *string) {
	var v string
	given, _ := decodeAttr(w, name, false, &v)
	switch {
	case given && strings.TrimSpace(v) == "", !given && create:
		w.failAttr(name, "can't be blank")
	case given:
		*dst = v
	}
}

// fContains matches items whose value contains the filter's, ignoring case.
func fContains[T any](get func(T) string) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		want := strings.ToLower(v)
		return func(it T) bool { return strings.Contains(strings.ToLower(get(it)), want) }, nil
	}
}

// withContains adds name and name_contains filters of get to m.
func withContains[T any](m map[string]filterFn[T], name string, get func(T) string) {
	m[name] = fEq(get)
	m[name+"_contains"] = fContains(get)
}

func (s *Server) proofTypes() *resource {
	spec := listSpec[*ProofType]{typ: "proof_types", obj: proofTypeObj,
		sorts: map[string]func(a, b *ProofType) int{
			"entity_type": func(a, b *ProofType) int { return cmpStr(a.EntityType, b.EntityType) },
			"name":        func(a, b *ProofType) int { return cmpStr(a.Name, b.Name) },
		}}
	all := ptrs(s.cat.ProofTypes)
	res := readOnly(&kind[*ProofType]{all: all, id: func(x *ProofType) string { return x.ID }, listSpec: spec})
	// entity_type is filtered in the version's spelling.
	res.list = func(c *call, _ string) (int, any, *apiError) {
		values, spell := proofEntityTypes, func(x *ProofType) string { return x.EntityType }
		if c.version >= version20261119 {
			values = []string{"address", "business", "personal", "porting"}
			spell = func(x *ProofType) string { return strings.ToLower(x.EntityType) }
		}
		v := spec
		v.filters = map[string]filterFn[*ProofType]{
			"id":          fEq(func(x *ProofType) string { return x.ID }),
			"entity_type": fOneOf("entity_type", values, spell),
		}
		return serveList(c, &v, all)
	}
	res.changes = proofTypeChanges
	return res
}

func proofTypeObj(x *ProofType) *obj {
	return &obj{typ: "proof_types", id: x.ID, attrs: map[string]any{"name": x.Name, "entity_type": x.EntityType}}
}

// proofTypeChanges: 2026-11-19 writes entity_type in lower case and
// filters by the lower-case values (API_REFERENCE §23.3.4).
var proofTypeChanges = map[string]*change{
	version20261119: {adapt: func(o *obj) {
		attrs := make(map[string]any, len(o.attrs))
		for k, v := range o.attrs {
			attrs[k] = v
		}
		if et, ok := attrs["entity_type"].(string); ok {
			attrs["entity_type"] = strings.ToLower(et)
		}
		o.attrs = attrs
	}},
}

func (s *Server) templates() *resource {
	type tpl = SupportingDocumentTemplate
	return readOnly(&kind[*tpl]{all: ptrs(s.cat.SupportingDocumentTemplates), id: func(x *tpl) string { return x.ID },
		listSpec: listSpec[*tpl]{typ: "supporting_document_templates", paginated: true,
			obj: func(x *tpl) *obj {
				return &obj{typ: "supporting_document_templates", id: x.ID,
					attrs: map[string]any{"name": x.Name, "permanent": x.Permanent, "url": x.URL}}
			},
			filters: map[string]filterFn[*tpl]{
				"id":            fEq(func(x *tpl) string { return x.ID }),
				"name":          fEq(func(x *tpl) string { return x.Name }),
				"name_contains": fContains(func(x *tpl) string { return x.Name }),
				"permanent":     fBool("permanent", func(x *tpl) bool { return x.Permanent }),
			},
			sorts: map[string]func(a, b *tpl) int{
				"name":      func(a, b *tpl) int { return cmpStr(a.Name, b.Name) },
				"permanent": func(a, b *tpl) int { return cmpBool(a.Permanent, b.Permanent) },
			},
		}})
}

// catalogue lookups of the registration data.

func (s *Server) proofType(id string) *ProofType {
	return findIn(ptrs(s.cat.ProofTypes), func(x *ProofType) string { return x.ID }, id)
}

func (s *Server) template(id string) *SupportingDocumentTemplate {
	return findIn(ptrs(s.cat.SupportingDocumentTemplates), func(x *SupportingDocumentTemplate) string { return x.ID }, id)
}

func (s *Server) requirement(id string) *AddressRequirement {
	return findIn(ptrs(s.cat.AddressRequirements), func(x *AddressRequirement) string { return x.ID }, id)
}

func (s *Server) country(id string) *Country {
	return findIn(ptrs(s.cat.Countries), func(x *Country) string { return x.ID }, id)
}
