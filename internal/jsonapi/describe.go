package jsonapi

import (
	"reflect"
	"strings"
)

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
}

// Describe returns the description of model type t, built from its decoding
// plan. Attributes decoded by google/jsonapi are listed with the others.
func Describe(t reflect.Type) (*Description, error) {
	p, err := planFor(t)
	if err != nil {
		return nil, err
	}
	d := &Description{Type: t, ResType: p.resType, AltTypes: append([]string(nil), p.altTypes...)}
	member := func(fp fieldPlan) Member {
		return Member{Field: t.FieldByIndex(fp.index), Names: append([]string(nil), fp.names...)}
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		args := strings.Split(f.Tag.Get("jsonapi"), ",")
		if len(args) >= 2 && args[0] == "attr" {
			d.Attrs = append(d.Attrs, Member{Field: f, Names: []string{args[1]}})
		}
	}
	for _, fp := range p.attrs.fields {
		d.Attrs = append(d.Attrs, member(fp))
	}
	for _, fp := range p.metas.fields {
		d.Metas = append(d.Metas, member(fp))
	}
	for _, rp := range p.rels {
		m := member(rp.fieldPlan)
		m.ToMany, m.Elem = rp.toMany, rp.elem
		d.Rels = append(d.Rels, m)
	}
	return d, nil
}
