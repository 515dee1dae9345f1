package jsonapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	gjsonapi "github.com/google/jsonapi"
)

// Struct tags understood by the decoder, beside google/jsonapi's own
// `jsonapi:"primary,<type>"` and `jsonapi:"attr,<name>[,rfc3339]"`:
//
//	didww:"attr,<name>[|<alias>...]"  attribute decoded with encoding/json (enums, decimals, ints, aliases)
//	didww:"attr,<names>,required"      the same, and one of the names must be present and not null
//	didww:"required"                   beside jsonapi:"attr,<name>": that attribute must be present and not null
//	didww:"meta,<key>"                 key of the resource's own meta object
//	didww:"rel,<name>[|<alias>...]"    relationship: *T (to-one) or []*T (to-many) of another model
//	didww:"types,<type>[|<type>...]"   on the primary field: older type names also accepted
//
// Required attributes are described in required.go.
//
// Relationships are declared only through `didww` tags, never through
// google/jsonapi's `relation` tag, whose resolver recurses without bound on
// include cycles.

// MaxDepth bounds how deep relationships are resolved from a primary resource;
// deeper references are left as id-only models.
const MaxDepth = 8

// ErrDecode marks every failure to turn a document into models.
var ErrDecode = errors.New("cannot decode document")

type fieldPlan struct {
	index []int
	names []string
}

type relPlan struct {
	fieldPlan
	toMany bool
	elem   reflect.Type // the struct type pointed to
}

type typePlan struct {
	typ      reflect.Type
	resType  string
	altTypes []string // older names of resType, accepted too
	idIndex  []int
	hasAttrs bool // any google/jsonapi attr field
	attrs    memberSet
	metas    memberSet
	required requiredSet
	rels     []relPlan
}

var plans sync.Map // reflect.Type -> *typePlan or error

// planFor returns the cached decoding plan of a model struct type.
func planFor(t reflect.Type) (*typePlan, error) {
	if v, ok := plans.Load(t); ok {
		if p, ok := v.(*typePlan); ok {
			return p, nil
		}
		return nil, v.(error)
	}
	p, err := buildPlan(t)
	if err != nil {
		plans.Store(t, err)
		return nil, err
	}
	plans.Store(t, p)
	return p, nil
}

// addDidwwTag adds the field's didww tag, if any, to the plan.
func (p *typePlan) addDidwwTag(f reflect.StructField) error {
	t := p.typ
	tag := f.Tag.Get("didww")
	switch tag {
	case "":
		return nil
	case "required":
		kind, name, _ := strings.Cut(f.Tag.Get("jsonapi"), ",")
		name, _, _ = strings.Cut(name, ",")
		if kind != "attr" || name == "" {
			return fmt.Errorf("model %v: didww:\"required\" on %s, which has no jsonapi attr tag", t, f.Name)
		}
		return p.required.add(t.String(), []string{name})
	}
	kind, rest, _ := strings.Cut(tag, ",")
	names, option, _ := strings.Cut(rest, ",")
	if names == "" || (option != "" && (option != "required" || kind != "attr")) {
		return fmt.Errorf("model %v: bad didww tag %q on %s", t, tag, f.Name)
	}
	fp := fieldPlan{index: f.Index, names: strings.Split(names, "|")}
	switch kind {
	case "types":
		p.altTypes = fp.names
	case "attr":
		p.attrs.fields = append(p.attrs.fields, fp)
		if option == "required" {
			return p.required.add(t.String(), fp.names)
		}
	case "meta":
		p.metas.fields = append(p.metas.fields, fp)
	case "rel":
		rp := relPlan{fieldPlan: fp}
		switch {
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			rp.elem = f.Type.Elem()
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Pointer && f.Type.Elem().Elem().Kind() == reflect.Struct:
			rp.toMany, rp.elem = true, f.Type.Elem().Elem()
		default:
			return fmt.Errorf("model %v: relationship field %s must be *T or []*T", t, f.Name)
		}
		p.rels = append(p.rels, rp)
	default:
		return fmt.Errorf("model %v: unknown didww tag kind %q on %s", t, kind, f.Name)
	}
	return nil
}

func buildPlan(t reflect.Type) (*typePlan, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model %v is not a struct", t)
	}
	p := &typePlan{typ: t}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag := f.Tag.Get("jsonapi"); tag != "" {
			args := strings.Split(tag, ",")
			switch args[0] {
			case "primary":
				if len(args) < 2 || f.Type.Kind() != reflect.String {
					return nil, fmt.Errorf("model %v: bad primary field %s", t, f.Name)
				}
				p.resType, p.idIndex = args[1], f.Index
			case "attr":
				p.hasAttrs = true
			case "relation":
				return nil, fmt.Errorf("model %v: field %s uses a google/jsonapi relation tag; use didww:\"rel,...\"", t, f.Name)
			}
		}
		if err := p.addDidwwTag(f); err != nil {
			return nil, err
		}
	}
	if p.resType == "" {
		return nil, fmt.Errorf("model %v has no primary field", t)
	}
	for _, m := range []*memberSet{&p.attrs, &p.metas} {
		if err := m.build(t); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// CheckModel reports whether t, and every model reachable from it through
// relationships, is a valid model type for this decoder.
func CheckModel(t reflect.Type) error {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type) error
	walk = func(t reflect.Type) error {
		if seen[t] {
			return nil
		}
		seen[t] = true
		p, err := planFor(t)
		if err != nil {
			return err
		}
		for _, r := range p.rels {
			if err := walk(r.elem); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(t)
}

// ResourceType returns the JSON:API type name a model type decodes.
func ResourceType(t reflect.Type) (string, error) {
	p, err := planFor(t)
	if err != nil {
		return "", err
	}
	return p.resType, nil
}

type resKey struct{ typ, id string }

type memoKey struct {
	resKey
	goType reflect.Type
}

// decoder resolves one document. Each included resource is decoded once per
// Go type and shared by every reference to it.
type decoder struct {
	index  map[resKey]*Resource
	memo   map[memoKey]reflect.Value
	onPath map[resKey]bool
	asked  map[string]map[string]bool // sparse fieldsets by type
}

func newDecoder(doc *Document) *decoder {
	d := &decoder{
		index:  make(map[resKey]*Resource, len(doc.Included)+len(doc.Data)),
		memo:   make(map[memoKey]reflect.Value),
		onPath: make(map[resKey]bool),
		asked:  askedSets(doc.Fieldsets),
	}
	for _, r := range doc.Included {
		d.index[resKey{r.Type, r.ID}] = r
	}
	return d
}

// DecodeMany decodes every primary resource of doc into a new *T each.
func DecodeMany[T any](doc *Document) ([]*T, error) {
	t := reflect.TypeFor[T]()
	p, err := planFor(t)
	if err != nil {
		return nil, err
	}
	d := newDecoder(doc)
	out := make([]*T, len(doc.Data))
	for i, r := range doc.Data {
		v, err := d.decode(p, r, 0)
		if err != nil {
			return nil, fmt.Errorf("%w: data[%d]: %w", ErrDecode, i, err)
		}
		out[i] = v.Interface().(*T)
	}
	return out, nil
}

// DecodeOne decodes the single primary resource of doc. It returns ErrNullData
// when data is null.
func DecodeOne[T any](doc *Document) (*T, error) {
	if doc.Null || len(doc.Data) == 0 {
		return nil, ErrNullData
	}
	if !doc.Single {
		return nil, fmt.Errorf("%w: data is an array where one resource was expected", ErrDecode)
	}
	items, err := DecodeMany[T](doc)
	if err != nil {
		return nil, err
	}
	return items[0], nil
}

func (d *decoder) decode(p *typePlan, r *Resource, depth int) (v reflect.Value, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			v, err = reflect.Value{}, fmt.Errorf("%s %s: %v", r.Type, r.ID, rec)
		}
	}()
	if !p.accepts(r.Type) {
		return reflect.Value{}, fmt.Errorf("resource type %q where %q was expected", r.Type, p.resType)
	}
	v = reflect.New(p.typ)
	if p.hasAttrs && r.Attributes != nil {
		if err := unmarshalAttributes(p.resType, r, v.Interface()); err != nil {
			return reflect.Value{}, fmt.Errorf("%s %s: %w", r.Type, r.ID, err)
		}
	}
	elem := v.Elem()
	elem.FieldByIndex(p.idIndex).SetString(r.ID)
	if len(p.attrs.fields) > 0 && r.Attributes != nil {
		if err := p.attrs.decode(r.Attributes, elem, "attribute"); err != nil {
			return reflect.Value{}, fmt.Errorf("%s %s: %w", r.Type, r.ID, err)
		}
	}
	if err := p.required.check(r.Attributes, d.asked[r.Type]); err != nil {
		return reflect.Value{}, fmt.Errorf("%s %s: %w", r.Type, r.ID, err)
	}
	if len(p.metas.fields) > 0 && r.Meta != nil {
		if err := p.metas.decode(r.Meta, elem, "meta"); err != nil {
			return reflect.Value{}, fmt.Errorf("%s %s: %w", r.Type, r.ID, err)
		}
	}
	if len(p.rels) == 0 || r.Relationships == nil {
		return v, nil
	}
	key := resKey{r.Type, r.ID}
	d.onPath[key] = true
	defer delete(d.onPath, key)
	for _, rp := range p.rels {
		rel, ok := lookupRel(r.Relationships, rp.names)
		if !ok || len(rel.Data) == 0 {
			continue
		}
		if rel.ToMany != rp.toMany {
			return reflect.Value{}, fmt.Errorf("%s %s: relationship %q: linkage is %s", r.Type, r.ID, rp.names[0], map[bool]string{true: "an array where one resource was expected", false: "one resource where an array was expected"}[rel.ToMany])
		}
		ep, err := planFor(rp.elem)
		if err != nil {
			return reflect.Value{}, err
		}
		field := elem.FieldByIndex(rp.index)
		if !rp.toMany {
			ref, err := d.resolve(ep, rel.Data[0], depth+1)
			if err != nil {
				return reflect.Value{}, fmt.Errorf("%s %s: relationship %q: %w", r.Type, r.ID, rp.names[0], err)
			}
			field.Set(ref)
			continue
		}
		slice := reflect.MakeSlice(field.Type(), len(rel.Data), len(rel.Data))
		for i, id := range rel.Data {
			ref, err := d.resolve(ep, id, depth+1)
			if err != nil {
				return reflect.Value{}, fmt.Errorf("%s %s: relationship %q[%d]: %w", r.Type, r.ID, rp.names[0], i, err)
			}
			slice.Index(i).Set(ref)
		}
		field.Set(slice)
	}
	return v, nil
}

// resolve returns the model a linkage points at: the decoded included resource
// when the document has it, or a model holding only the id when it does not,
// when the reference closes a cycle, or past MaxDepth.
func (d *decoder) resolve(p *typePlan, id Identifier, depth int) (reflect.Value, error) {
	if !p.accepts(id.Type) {
		return reflect.Value{}, fmt.Errorf("linkage type %q where %q was expected", id.Type, p.resType)
	}
	key := resKey{id.Type, id.ID}
	mk := memoKey{key, p.typ}
	if v, ok := d.memo[mk]; ok {
		return v, nil
	}
	r, ok := d.index[key]
	if !ok || d.onPath[key] || depth > MaxDepth {
		v := reflect.New(p.typ)
		v.Elem().FieldByIndex(p.idIndex).SetString(id.ID)
		return v, nil
	}
	v, err := d.decode(p, r, depth)
	if err != nil {
		return reflect.Value{}, err
	}
	d.memo[mk] = v
	return v, nil
}

func (p *typePlan) accepts(typ string) bool {
	if typ == p.resType {
		return true
	}
	for _, t := range p.altTypes {
		if typ == t {
			return true
		}
	}
	return false
}

func lookupRel(rels map[string]Relationship, names []string) (Relationship, bool) {
	for _, n := range names {
		if rel, ok := rels[n]; ok && rel.HasData {
			return rel, true
		}
	}
	return Relationship{}, false
}

// unmarshalAttributes hands the resource's attributes to google/jsonapi as a
// one-resource document. Its recover is kept, and ours wraps it too.
func unmarshalAttributes(resType string, r *Resource, model any) (err error) {
	defer func() {
		if rec := recover(); rec != nil {
			err = fmt.Errorf("attributes: %v", rec)
		}
	}()
	var buf bytes.Buffer
	buf.Grow(len(r.Attributes) + len(resType) + len(r.ID) + 48)
	buf.WriteString(`{"data":{"type":`)
	writeJSONString(&buf, resType)
	buf.WriteString(`,"id":`)
	writeJSONString(&buf, r.ID)
	buf.WriteString(`,"attributes":`)
	buf.Write(r.Attributes)
	buf.WriteString(`}}`)
	if err := gjsonapi.UnmarshalPayload(&buf, model); err != nil {
		return fmt.Errorf("attributes: %w", err)
	}
	return nil
}

func writeJSONString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s) // a string always marshals
	buf.Write(b)
}

// memberSet decodes a model's encoding/json members (attributes or meta) in
// one pass: into a struct type made at plan time with a pointer field per
// member name, so that absent and null leave a nil pointer, then copied to the
// model's fields, the first name of an alias list that is present winning.
type memberSet struct {
	fields []fieldPlan
	typ    reflect.Type // the generated struct; nil when fields is empty
	slots  [][]int      // per field, the generated fields of its names in order
}

func (m *memberSet) build(model reflect.Type) error {
	if len(m.fields) == 0 {
		return nil
	}
	var sf []reflect.StructField
	byName := map[string]int{}
	m.slots = make([][]int, len(m.fields))
	for i, f := range m.fields {
		ft := model.FieldByIndex(f.index).Type
		for _, name := range f.names {
			j, seen := byName[name]
			if !seen {
				j = len(sf)
				byName[name] = j
				sf = append(sf, reflect.StructField{
					Name: "M" + strconv.Itoa(j),
					Type: reflect.PointerTo(ft),
					Tag:  reflect.StructTag(`json:"` + name + `"`),
				})
			} else if sf[j].Type.Elem() != ft {
				return fmt.Errorf("model %v: member %q decodes into two types", model, name)
			}
			m.slots[i] = append(m.slots[i], j)
		}
	}
	m.typ = reflect.StructOf(sf)
	return nil
}

func (m *memberSet) decode(obj json.RawMessage, elem reflect.Value, what string) error {
	v := reflect.New(m.typ)
	if err := json.Unmarshal(obj, v.Interface()); err != nil {
		// Decode member by member to say which one is wrong.
		if err := decodeMembers(obj, elem, m.fields, what); err != nil {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	s := v.Elem()
	for i, f := range m.fields {
		for _, j := range m.slots[i] {
			if p := s.Field(j); !p.IsNil() {
				elem.FieldByIndex(f.index).Set(p.Elem())
				break
			}
		}
	}
	return nil
}

// decodeMembers decodes the named members of a JSON object into fields with
// encoding/json; a null or absent member leaves the field at its zero value.
func decodeMembers(obj json.RawMessage, elem reflect.Value, fields []fieldPlan, what string) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(obj, &members); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	for _, f := range fields {
		for _, name := range f.names {
			raw, ok := members[name]
			if !ok || isNull(raw) {
				continue
			}
			if err := json.Unmarshal(raw, elem.FieldByIndex(f.index).Addr().Interface()); err != nil {
				return fmt.Errorf("%s %q: %w", what, name, err)
			}
			break
		}
	}
	return nil
}
