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
