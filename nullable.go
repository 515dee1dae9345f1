package didww

import (
	"bytes"
	"encoding/json"
)

// Nullable is a field of an update request with three states: left out
// (the zero value: the attribute is not sent and stays as it is), set to a
// value (Value), or cleared (Null, sent as JSON null: "no limit", "not
// routed", "renew indefinitely"). In a request struct it is marshalled with
// the omitzero option, so the zero value leaves the key out.
type Nullable[T any] struct {
	value T
	state nullableState
}

type nullableState uint8

const (
	nullableUnset nullableState = iota
	nullableValue
	nullableNull
)

// Value returns a Nullable set to v. Value(0) and Value("") are values,
// sent as 0 and "", unlike the zero Nullable, which is left out.
func Value[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: nullableValue} }

// Null returns a Nullable that clears the field: it is sent as null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: nullableNull} }

// IsZero reports whether n is left out; encoding/json's omitzero calls it.
func (n Nullable[T]) IsZero() bool { return n.state == nullableUnset }

// IsNull reports whether n clears the field.
func (n Nullable[T]) IsNull() bool { return n.state == nullableNull }

// Get returns the value and true when n is set to a value, and the zero T
// and false when it is left out or null.
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == nullableValue }

// MarshalJSON writes the value, or null when n is null or left out (a field
// that is left out should be tagged omitzero so it is not written at all).
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != nullableValue {
		return []byte("null"), nil
	}
	// Without HTML escaping, as encodeBody writes the rest of the body:
	// json.Marshal would send "&" as \u0026.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(n.value); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// UnmarshalJSON reads null as Null and anything else as Value, so that a
// request can be stored and read back.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = Value(v)
	return nil
}

// linkage is the relationship object of a to-one relationship in a request:
// {"data": {"type": ..., "id": ...}}, or {"data": null} to clear it.
type linkage struct {
	Data *resourceIdentifier `json:"data"`
}

// nullableLinkage turns a relationship id of an update request into its
// relationship object, nil when it is left out.
func nullableLinkage(typ string, id Nullable[string]) *linkage {
	switch id.state {
	case nullableValue:
		return &linkage{Data: &resourceIdentifier{Type: typ, ID: id.value}}
	case nullableNull:
		return &linkage{}
	}
	return nil
}

// exclusive enforces a pair of relationships of which a resource has at
// most one (a DID's trunk or trunk group; its capacity pool or shared
// capacity group): both set to a value is refused, naming both fields; one
// set to a value clears the other in the same request; a clear or a field
// left out leaves the other as the caller gave it.
func exclusive(fieldA string, a Nullable[string], fieldB string, b Nullable[string]) (Nullable[string], Nullable[string], error) {
	_, aSet := a.Get()
	_, bSet := b.Get()
	switch {
	case aSet && bSet:
		return a, b, invalid(fieldA, "and %s are both set; a DID has at most one of them", fieldB)
	case aSet:
		return a, Null[string](), nil
	case bSet:
		return Null[string](), b, nil
	}
	return a, b, nil
}
