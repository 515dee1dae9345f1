package jsonapi

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tShape is a polymorphic attribute: {"kind": ..., "size": ...}.
type tShape interface{ area() int }

type tSquare struct{ Side int }

func (s *tSquare) area() int { return s.Side * s.Side }

type tOther struct{ Raw json.RawMessage }

func (o *tOther) area() int { return 0 }

var _ = RegisterInterface(func(raw []byte) (tShape, error) {
	var w struct {
		Kind string `json:"kind"`
		Size int    `json:"size"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, err
	}
	if w.Kind == "square" {
		return &tSquare{Side: w.Size}, nil
	}
	return &tOther{Raw: raw}, nil
})

type tDrawing struct {
	ID    string `didww:"primary,drawings"`
	Shape tShape `didww:"attr,shape,required"`
	Other tShape `didww:"attr,other"`
}

// tUnregistered has an interface attribute nobody registered a reader for.
type tUnregistered struct {
	ID string                      `didww:"primary,things"`
	V  interface{ unregistered() } `didww:"attr,v"`
}

func TestInterfaceAttributeUsesRegisteredReader(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data":{"type":"drawings","id":"1","attributes":{"shape":{"kind":"square","size":3},"other":{"kind":"circle"}}}}`)
	d, err := DecodeOne[tDrawing](doc)
	require.NoError(t, err)
	require.IsType(t, &tSquare{}, d.Shape)
	assert.Equal(t, 9, d.Shape.area())
	require.IsType(t, &tOther{}, d.Other)
	assert.JSONEq(t, `{"kind":"circle"}`, string(d.Other.(*tOther).Raw))
}

func TestInterfaceAttributeNullAndAbsent(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data":{"type":"drawings","id":"1","attributes":{"shape":{"kind":"square","size":1},"other":null}}}`)
	d, err := DecodeOne[tDrawing](doc)
	require.NoError(t, err)
	assert.Nil(t, d.Other, "null leaves the interface nil")

	_, err = DecodeOne[tDrawing](parse(t, `{"data":{"type":"drawings","id":"1","attributes":{}}}`))
	assert.ErrorContains(t, err, `"shape"`, "a required interface attribute is checked like any other")
}

func TestInterfaceAttributeReaderErrorNamesAttribute(t *testing.T) {
	t.Parallel()
	_, err := DecodeOne[tDrawing](parse(t, `{"data":{"type":"drawings","id":"1","attributes":{"shape":"flat"}}}`))
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrDecode))
	assert.Contains(t, err.Error(), `attribute "shape"`)
}

func TestInterfaceAttributeWithoutReaderIsAPlanError(t *testing.T) {
	t.Parallel()
	err := CheckModel(reflect.TypeFor[tUnregistered]())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has no reader")
}

func TestRegisterInterfaceRefusesNonInterface(t *testing.T) {
	t.Parallel()
	assert.Panics(t, func() { RegisterInterface(func([]byte) (int, error) { return 0, nil }) })
}

// tOwner is a polymorphic relationship: a person or a company.
type tOwner interface{ owner() }

type tPerson struct {
	ID   string `didww:"primary,people"`
	Name string `didww:"attr,name"`
}

type tCompany struct {
	ID string `didww:"primary,companies"`
}

type tOtherOwner struct{ Type, ID string }

func (*tPerson) owner()     {}
func (*tCompany) owner()    {}
func (*tOtherOwner) owner() {}

var _ = RegisterRelationship(func(typ, id string) tOwner { return &tOtherOwner{typ, id} }, tOwner((*tPerson)(nil)), tOwner((*tCompany)(nil)))

type tPet struct {
	ID    string `didww:"primary,pets"`
	Owner tOwner `didww:"rel,owner"`
}

func TestPolymorphicRelationshipPicksModelByLinkageType(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data":{"type":"pets","id":"1","relationships":{"owner":{"data":{"type":"people","id":"p1"}}}},
		"included":[{"type":"people","id":"p1","attributes":{"name":"Ann"}}]}`)
	p, err := DecodeOne[tPet](doc)
	require.NoError(t, err)
	assert.Equal(t, &tPerson{ID: "p1", Name: "Ann"}, p.Owner)

	p, err = DecodeOne[tPet](parse(t, `{"data":{"type":"pets","id":"2","relationships":{"owner":{"data":{"type":"companies","id":"c1"}}}}}`))
	require.NoError(t, err)
	assert.Equal(t, &tCompany{ID: "c1"}, p.Owner)

	p, err = DecodeOne[tPet](parse(t, `{"data":{"type":"pets","id":"3","relationships":{"owner":{"data":{"type":"robots","id":"r1"}}}}}`))
	require.NoError(t, err)
	assert.Equal(t, &tOtherOwner{"robots", "r1"}, p.Owner, "a type of no model reaches the fallback")

	p, err = DecodeOne[tPet](parse(t, `{"data":{"type":"pets","id":"4","relationships":{"owner":{"data":null}}}}`))
	require.NoError(t, err)
	assert.Nil(t, p.Owner)

	d, err := Describe(reflect.TypeFor[tPet]())
	require.NoError(t, err)
	assert.Equal(t, []reflect.Type{reflect.TypeFor[tPerson](), reflect.TypeFor[tCompany]()}, d.Rels[0].Elems)
}

func TestPolymorphicRelationshipRefusesArray(t *testing.T) {
	t.Parallel()
	_, err := DecodeOne[tPet](parse(t, `{"data":{"type":"pets","id":"1","relationships":{"owner":{"data":[{"type":"people","id":"p1"}]}}}}`))
	assert.ErrorContains(t, err, "an array where one resource was expected")
}
