package jsonapi

import (
	"fmt"
	"reflect"
	"sync"
)

// Polymorphic attributes
//
// An attribute whose field is of a (non-empty) interface type, such as a
// trunk's configuration, holds one of several kinds of value; no generic
// reader can tell which to build. The package that declares the interface
// registers how its values are read (RegisterInterface), once, before any
// decoding: a model whose interface field has no reader does not decode.

var interfaceReaders sync.Map // reflect.Type (the interface) -> func([]byte) (reflect.Value, error)

// RegisterInterface makes attributes of interface type T readable: read
// turns the attribute's JSON value (never null) into a T. Registering T
// again replaces its reader. It returns true, so that it can initialise a
// package-level variable.
func RegisterInterface[T any](read func(raw []byte) (T, error)) bool {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Interface {
		panic(fmt.Sprintf("jsonapi.RegisterInterface: %v is not an interface type", t))
	}
	interfaceReaders.Store(t, func(raw []byte) (reflect.Value, error) {
		v, err := read(raw)
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(&v).Elem(), nil
	})
	return true
}

// interfaceReader returns the registered reader of interface type t.
func interfaceReader(t reflect.Type) (func([]byte) (reflect.Value, error), error) {
	v, ok := interfaceReaders.Load(t)
	if !ok {
		return nil, fmt.Errorf("interface type %v has no reader (jsonapi.RegisterInterface)", t)
	}
	return v.(func([]byte) (reflect.Value, error)), nil
}

// Polymorphic relationships
//
// A to-one relationship whose linkage may name one of several resource types
// (a proof's entity: an identity or an address) is read into a field of
// interface type. The declaring package registers the models the interface
// may hold (RegisterRelationship); the linkage's type picks the model, and a
// type none of them has is handed to other, so nothing sent is lost.

type polyRel struct {
	models []reflect.Type // pointer-to-struct models implementing the interface
	other  func(typ, id string) reflect.Value
}

var polyRels sync.Map // reflect.Type (the interface) -> polyRel

// RegisterRelationship makes to-one relationships of interface type T
// readable: models are the model pointers T may hold (such as
// (*Identity)(nil)), other builds the value for a linkage of any other type.
// It returns true, so that it can initialise a package-level variable.
func RegisterRelationship[T any](other func(typ, id string) T, models ...T) bool {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Interface {
		panic(fmt.Sprintf("jsonapi.RegisterRelationship: %v is not an interface type", t))
	}
	pr := polyRel{other: func(typ, id string) reflect.Value {
		v := other(typ, id)
		return reflect.ValueOf(&v).Elem()
	}}
	for _, m := range models {
		mt := reflect.TypeOf(m)
		if mt == nil || mt.Kind() != reflect.Pointer || mt.Elem().Kind() != reflect.Struct {
			panic(fmt.Sprintf("jsonapi.RegisterRelationship: model %v is not a pointer to a struct", mt))
		}
		pr.models = append(pr.models, mt)
	}
	polyRels.Store(t, pr)
	return true
}

func polyRelFor(t reflect.Type) (polyRel, error) {
	v, ok := polyRels.Load(t)
	if !ok {
		return polyRel{}, fmt.Errorf("relationship type %v has no models (jsonapi.RegisterRelationship)", t)
	}
	return v.(polyRel), nil
}
