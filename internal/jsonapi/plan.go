package jsonapi

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
)

// A model is a struct whose fields carry `didww` tags, the only vocabulary
// the decoder reads:
//
//	didww:"primary,<type>[|<older type>...]"      the ID string field and the resource type
//	didww:"attr,<name>[|<alias>...][,required]"    an attribute; required: present and not null
//	didww:"meta,<key>[|<alias>...]"                a key of the resource's own meta object
//	didww:"rel,<name>[|<alias>...]"                a relationship: *T (to-one) or []*T (to-many) of another model
//
// The first name of a list is the current one, the others older names that
// are read too. How a value is read is the decoder's business: strings,
// booleans and integers directly, types with an UnmarshalJSON method through
// it, interfaces through their registered reader (interfaces.go), anything
// else through encoding/json. Required attributes are described
// in required.go.
//
// A model's plan is built and checked once, with the plans of every model it
// reaches through relationships: a tag, a field type or a relationship that
// the decoder could not honour is an error then, so decoding itself never
// meets a field it cannot set.

const tagName = "didww"

type typePlan struct {
	typ      reflect.Type
	resType  string
	altTypes []string // older names of resType, accepted too
	idField  int
	attrs    memberSet
	metas    memberSet
	required requiredSet
	rels     []relPlan
}

type relPlan struct {
	field  int
	names  []string
	toMany bool
	elem   *typePlan // the model pointed to
	// variants and other are set for a polymorphic relationship (an
	// interface field): the models it may hold, and the fallback.
	variants []*typePlan
	other    func(typ, id string) reflect.Value
}

type planEntry struct {
	plan *typePlan
	err  error
}

var plans sync.Map // reflect.Type -> planEntry

// planFor returns the cached, checked plan of a model struct type; the plans
// of the models its relationships reach are built and checked with it.
func planFor(t reflect.Type) (*typePlan, error) {
	if v, ok := plans.Load(t); ok {
		e := v.(planEntry)
		return e.plan, e.err
	}
	building := map[reflect.Type]*typePlan{}
	_, err := buildPlan(t, building)
	if err != nil {
		v, _ := plans.LoadOrStore(t, planEntry{err: err})
		return nil, v.(planEntry).err
	}
	for typ, bp := range building {
		plans.LoadOrStore(typ, planEntry{plan: bp})
	}
	v, _ := plans.Load(t)
	return v.(planEntry).plan, nil
}

// buildPlan builds the plan of t, and of every model it reaches that has no
// cached plan yet, into building.
func buildPlan(t reflect.Type, building map[reflect.Type]*typePlan) (*typePlan, error) {
	if v, ok := plans.Load(t); ok {
		e := v.(planEntry)
		return e.plan, e.err
	}
	if p, ok := building[t]; ok {
		return p, nil // a cycle: the plan is being filled in
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model %v is not a struct", t)
	}
	p := &typePlan{typ: t, idField: -1}
	building[t] = p
	for i := 0; i < t.NumField(); i++ {
		if err := p.addField(i, building); err != nil {
			return nil, fmt.Errorf("model %v: %w", t, err)
		}
	}
	if p.idField < 0 {
		return nil, fmt.Errorf("model %v has no primary field (didww:\"primary,<type>\")", t)
	}
	p.attrs.what, p.metas.what = "attribute", "meta"
	p.attrs.build()
	p.metas.build()
	if err := p.required.build(&p.attrs); err != nil {
		return nil, fmt.Errorf("model %v: %w", t, err)
	}
	return p, nil
}

// fieldTag is one parsed didww tag.
type fieldTag struct {
	kind   string
	names  []string
	option string
}

func parseTag(f reflect.StructField) (fieldTag, bool, error) {
	tag, ok := f.Tag.Lookup(tagName)
	_, foreign := f.Tag.Lookup("jsonapi")
	if foreign {
		return fieldTag{}, false, fmt.Errorf("field %s has a jsonapi tag; models carry didww tags only", f.Name)
	}
	if !ok {
		return fieldTag{}, false, nil
	}
	kind, rest, _ := strings.Cut(tag, ",")
	list, option, _ := strings.Cut(rest, ",")
	names := strings.Split(list, "|")
	for _, n := range names {
		if n == "" {
			return fieldTag{}, false, fmt.Errorf("bad didww tag %q on %s: empty name", tag, f.Name)
		}
	}
	if option != "" && (option != "required" || kind != "attr") {
		return fieldTag{}, false, fmt.Errorf("bad didww tag %q on %s", tag, f.Name)
	}
	if !f.IsExported() {
		return fieldTag{}, false, fmt.Errorf("field %s is unexported; the decoder cannot set it", f.Name)
	}
	return fieldTag{kind: kind, names: names, option: option}, true, nil
}

func (p *typePlan) addField(i int, building map[reflect.Type]*typePlan) error {
	f := p.typ.Field(i)
	tag, ok, err := parseTag(f)
	if err != nil || !ok {
		return err
	}
	switch tag.kind {
	case "primary":
		if p.idField >= 0 {
			return fmt.Errorf("two primary fields, %s and %s", p.typ.Field(p.idField).Name, f.Name)
		}
		if f.Type.Kind() != reflect.String {
			return fmt.Errorf("bad primary field %s: an id is a string, not %v", f.Name, f.Type)
		}
		p.idField, p.resType, p.altTypes = i, tag.names[0], tag.names[1:]
	case "attr", "meta":
		m, err := newMember(i, f, tag.names)
		if err != nil {
			return err
		}
		set := &p.attrs
		if tag.kind == "meta" {
			set = &p.metas
		}
		set.members = append(set.members, m)
		if tag.option == "required" {
			p.required.groups = append(p.required.groups, requiredGroup{names: tag.names})
		}
	case "rel":
		return p.addRel(i, f, tag.names, building)
	default:
		return fmt.Errorf("unknown didww tag kind %q on %s", tag.kind, f.Name)
	}
	return nil
}

func (p *typePlan) addRel(i int, f reflect.StructField, names []string, building map[reflect.Type]*typePlan) error {
	rp := relPlan{field: i, names: names}
	var elem reflect.Type
	switch {
	case f.Type.Kind() == reflect.Interface:
		return p.addPolyRel(rp, f, building)
	case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
		elem = f.Type.Elem()
	case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Pointer && f.Type.Elem().Elem().Kind() == reflect.Struct:
		rp.toMany, elem = true, f.Type.Elem().Elem()
	default:
		return fmt.Errorf("relationship field %s must be *T or []*T of a model, not %v", f.Name, f.Type)
	}
	ep, err := buildPlan(elem, building)
	if err != nil {
		return fmt.Errorf("relationship %s: %w", f.Name, err)
	}
	rp.elem = ep
	p.rels = append(p.rels, rp)
	return nil
}

// addPolyRel plans a to-one relationship of interface type, whose models
// were registered with RegisterRelationship.
func (p *typePlan) addPolyRel(rp relPlan, f reflect.StructField, building map[reflect.Type]*typePlan) error {
	pr, err := polyRelFor(f.Type)
	if err != nil {
		return fmt.Errorf("field %s: %w", f.Name, err)
	}
	for _, m := range pr.models {
		if !m.Implements(f.Type) {
			return fmt.Errorf("field %s: model %v does not implement %v", f.Name, m, f.Type)
		}
		ep, err := buildPlan(m.Elem(), building)
		if err != nil {
			return fmt.Errorf("relationship %s: %w", f.Name, err)
		}
		rp.variants = append(rp.variants, ep)
	}
	if len(rp.variants) == 0 {
		return fmt.Errorf("field %s: no models registered for %v", f.Name, f.Type)
	}
	rp.elem, rp.other = rp.variants[0], pr.other
	p.rels = append(p.rels, rp)
	return nil
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
)

// newMember decides how the field's values are read, and refuses a type
// encoding/json cannot decode into.
func newMember(i int, f reflect.StructField, names []string) (member, error) {
	m := member{field: i, names: names}
	t := f.Type
	if t.Kind() == reflect.Interface && t.NumMethod() > 0 {
		read, err := interfaceReader(t)
		if err != nil {
			return member{}, fmt.Errorf("field %s: %w", f.Name, err)
		}
		m.kind, m.typ, m.read = kindInterface, t, read
		return m, nil
	}
	if t.Kind() == reflect.Pointer && fastKind(t.Elem()) != kindJSON {
		m.ptr, t = true, t.Elem()
	}
	m.kind, m.typ = fastKind(t), t
	if err := decodable(t, 0); err != nil {
		return member{}, fmt.Errorf("field %s: %w", f.Name, err)
	}
	return m, nil
}

func fastKind(t reflect.Type) valueKind {
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(unmarshalerType):
		return kindUnmarshaler
	case pt.Implements(textUnmarshalerType):
		return kindJSON
	}
	switch t.Kind() {
	case reflect.String:
		return kindString
	case reflect.Bool:
		return kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return kindInt
	}
	return kindJSON
}

// decodable reports whether encoding/json can decode some JSON value into t.
func decodable(t reflect.Type, depth int) error {
	if depth > 16 || t == timeType || reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil
	}
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer, reflect.Uintptr:
		return fmt.Errorf("encoding/json cannot decode into %v", t)
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return decodable(t.Elem(), depth+1)
	case reflect.Map:
		switch t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		default:
			if !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) {
				return fmt.Errorf("encoding/json cannot decode map keys of %v", t)
			}
		}
		return decodable(t.Elem(), depth+1)
	}
	return nil
}

// CheckModel reports whether t, and every model reachable from it through
// relationships, is a valid model type for this decoder.
func CheckModel(t reflect.Type) error {
	_, err := planFor(t)
	return err
}

// ResourceType returns the JSON:API type name a model type decodes.
func ResourceType(t reflect.Type) (string, error) {
	p, err := planFor(t)
	if err != nil {
		return "", err
	}
	return p.resType, nil
}
