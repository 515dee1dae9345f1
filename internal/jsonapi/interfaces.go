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
