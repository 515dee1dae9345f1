package jsonapi

import (
	"errors"
	"fmt"
	"reflect"
)

// Relationships are resolved by this package, never by google/jsonapi, whose
// resolver recurses without bound on include cycles.

// MaxDepth bounds how deep relationships are resolved from a primary resource;
// deeper references are left as id-only models.
const MaxDepth = 8

// ErrDecode marks every failure to turn a document into models.
var ErrDecode = errors.New("cannot decode document")

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
	vals   [][]byte                   // scratch: member values of the resource being read
}

func newDecoder(doc *Document) *decoder {
	d := &decoder{
		index:  make(map[resKey]*Resource, len(doc.Included)),
		memo:   make(map[memoKey]reflect.Value, len(doc.Included)),
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

func (d *decoder) decode(p *typePlan, r *Resource, depth int) (reflect.Value, error) {
	if !p.accepts(r.Type) {
		return reflect.Value{}, fmt.Errorf("resource type %q where %q was expected", r.Type, p.resType)
	}
	v := reflect.New(p.typ)
	elem := v.Elem()
	elem.Field(p.idField).SetString(r.ID)
	if err := d.members(p, r, elem); err != nil {
		return reflect.Value{}, fmt.Errorf("%s %s: %w", r.Type, r.ID, err)
	}
	if len(p.rels) == 0 || r.Relationships == nil {
		return v, nil
	}
	key := resKey{r.Type, r.ID}
	d.onPath[key] = true
	defer delete(d.onPath, key)
	for i := range p.rels {
		if err := d.relationship(&p.rels[i], r, elem, depth); err != nil {
			return reflect.Value{}, fmt.Errorf("%s %s: %w", r.Type, r.ID, err)
		}
	}
	return v, nil
}

// members reads the resource's attributes, checks the required ones, and
// reads its meta.
func (d *decoder) members(p *typePlan, r *Resource, elem reflect.Value) error {
	vals := d.scratch(p.attrs.nslots)
	if r.Attributes != nil && p.attrs.nslots > 0 {
		if err := p.attrs.scan(r.Attributes, vals); err != nil {
			return err
		}
		if err := p.attrs.apply(elem, vals); err != nil {
			return err
		}
	}
	if err := p.required.check(vals, d.asked[r.Type]); err != nil {
		return err
	}
	if r.Meta == nil || p.metas.nslots == 0 {
		return nil
	}
	vals = d.scratch(p.metas.nslots)
	if err := p.metas.scan(r.Meta, vals); err != nil {
		return err
	}
	return p.metas.apply(elem, vals)
}

// scratch returns d's value slots, n of them, cleared.
func (d *decoder) scratch(n int) [][]byte {
	if cap(d.vals) < n {
		d.vals = make([][]byte, n)
	}
	d.vals = d.vals[:n]
	clear(d.vals)
	return d.vals
}

func (d *decoder) relationship(rp *relPlan, r *Resource, elem reflect.Value, depth int) error {
	rel, ok := lookupRel(r.Relationships, rp.names)
	if !ok || len(rel.Data) == 0 {
		return nil
	}
	if rel.ToMany != rp.toMany {
		what := "one resource where an array was expected"
		if rel.ToMany {
			what = "an array where one resource was expected"
		}
		return fmt.Errorf("relationship %q: linkage is %s", rp.names[0], what)
	}
	field := elem.Field(rp.field)
	if rp.variants != nil {
		return d.polyRelationship(rp, rel.Data[0], field, depth)
	}
	if !rp.toMany {
		ref, err := d.resolve(rp.elem, rel.Data[0], depth+1)
		if err != nil {
			return fmt.Errorf("relationship %q: %w", rp.names[0], err)
		}
		field.Set(ref)
		return nil
	}
	slice := reflect.MakeSlice(field.Type(), len(rel.Data), len(rel.Data))
	for i, id := range rel.Data {
		ref, err := d.resolve(rp.elem, id, depth+1)
		if err != nil {
			return fmt.Errorf("relationship %q[%d]: %w", rp.names[0], i, err)
		}
		slice.Index(i).Set(ref)
	}
	field.Set(slice)
	return nil
}

// polyRelationship fills an interface field with the model the linkage's
// type names, or with the registered fallback for a type of no model.
func (d *decoder) polyRelationship(rp *relPlan, id Identifier, field reflect.Value, depth int) error {
	for _, vp := range rp.variants {
		if vp.accepts(id.Type) {
			ref, err := d.resolve(vp, id, depth+1)
			if err != nil {
				return fmt.Errorf("relationship %q: %w", rp.names[0], err)
			}
			field.Set(ref)
			return nil
		}
	}
	field.Set(rp.other(id.Type, id.ID))
	return nil
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
		v.Elem().Field(p.idField).SetString(id.ID)
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
