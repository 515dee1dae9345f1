package jsonapi

import "reflect"

// Description says what the decoder reads into one model type: the names it
// takes from a resource's attributes, meta and relationships, and the Go
// field each one fills. Tests compare it with the API's documented shapes.
type Description struct {
	Type     reflect.Type
	ResType  string
	AltTypes []string // older type names, accepted too
	Attrs    []Member
	Metas    []Member
	Rels     []Member
}

// Member is one model field and the names it is read from, the first being
// the current one and the others older aliases.
type Member struct {
	Field  reflect.StructField
	Names  []string
	ToMany bool         // relationships only
	Elem   reflect.Type // relationships only: the model pointed to
	// Elems are the models a polymorphic relationship may hold, Elem first.
	Elems []reflect.Type
}

// Describe returns the description of model type t, built from its decoding
// plan.
func Describe(t reflect.Type) (*Description, error) {
	p, err := planFor(t)
	if err != nil {
		return nil, err
	}
	d := &Description{Type: t, ResType: p.resType, AltTypes: append([]string(nil), p.altTypes...)}
	members := func(set *memberSet) []Member {
		var out []Member
		for _, m := range set.members {
			out = append(out, Member{Field: t.Field(m.field), Names: append([]string(nil), m.names...)})
		}
		return out
	}
	d.Attrs, d.Metas = members(&p.attrs), members(&p.metas)
	for _, rp := range p.rels {
		m := Member{Field: t.Field(rp.field), Names: append([]string(nil), rp.names...), ToMany: rp.toMany, Elem: rp.elem.typ}
		for _, vp := range rp.variants {
			m.Elems = append(m.Elems, vp.typ)
		}
		d.Rels = append(d.Rels, m)
	}
	return d, nil
}
