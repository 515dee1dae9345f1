package jsonapi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"unicode/utf8"
)

// valueKind is how a member's value is read.
type valueKind uint8

const (
	kindJSON        valueKind = iota // encoding/json
	kindString                       // a plain JSON string, else encoding/json
	kindBool                         // true or false, else encoding/json
	kindInt                          // a plain JSON integer, else encoding/json
	kindUnmarshaler                  // the type's own UnmarshalJSON
	kindInterface                    // the reader registered for the interface type
)

// member is one model field read from an attribute or meta key.
type member struct {
	field int
	names []string
	slots []int                               // per name, its slot in the set
	kind  valueKind                           // of typ
	typ   reflect.Type                        // the field type, or what it points to when ptr
	ptr   bool                                // the field is *typ, allocated when a value comes
	read  func([]byte) (reflect.Value, error) // kindInterface: the registered reader
}

// memberSet decodes a model's attributes (or meta) in one pass over the
// object: each member name has a slot that receives the last value the
// object gives it (nil for null), then each field takes the value of its
// first name that has one. Absent and null leave the field at its zero value.
type memberSet struct {
	what    string // "attribute" or "meta", for errors
	members []member
	slotOf  map[string]int
	nslots  int
}

func (m *memberSet) build() {
	m.slotOf = map[string]int{}
	for i := range m.members {
		mem := &m.members[i]
		for _, n := range mem.names {
			j, ok := m.slotOf[n]
			if !ok {
				j = len(m.slotOf)
				m.slotOf[n] = j
			}
			mem.slots = append(mem.slots, j)
		}
	}
	m.nslots = len(m.slotOf)
}

// scan fills vals (len nslots, cleared) with the values of obj's members.
func (m *memberSet) scan(obj []byte, vals [][]byte) error {
	err := scanObject(obj, func(key, val []byte) {
		if j, ok := m.slotOf[string(key)]; ok {
			if val[0] == 'n' {
				val = nil
			}
			vals[j] = val
		}
	})
	if err != nil {
		return fmt.Errorf("%s: %w", m.what, err)
	}
	return nil
}

// apply sets the fields of elem from the scanned values.
func (m *memberSet) apply(elem reflect.Value, vals [][]byte) error {
	for i := range m.members {
		mem := &m.members[i]
		for k, j := range mem.slots {
			if vals[j] == nil {
				continue
			}
			if err := mem.set(elem.Field(mem.field), vals[j]); err != nil {
				return fmt.Errorf("%s %q: %w", m.what, mem.names[k], err)
			}
			break
		}
	}
	return nil
}

func (m *member) set(f reflect.Value, raw []byte) error {
	if !m.ptr {
		return m.setValue(f, raw)
	}
	p := reflect.New(m.typ)
	if err := m.setValue(p.Elem(), raw); err != nil {
		return err
	}
	f.Set(p)
	return nil
}

func (m *member) setValue(f reflect.Value, raw []byte) error {
	switch m.kind {
	case kindString:
		if s, ok := plainString(raw); ok {
			f.SetString(s)
			return nil
		}
	case kindBool:
		switch string(raw) {
		case "true":
			f.SetBool(true)
			return nil
		case "false":
			f.SetBool(false)
			return nil
		}
	case kindInt:
		if n, ok := plainInt(raw); ok && !f.OverflowInt(n) {
			f.SetInt(n)
			return nil
		}
	case kindUnmarshaler:
		return f.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
	case kindInterface:
		v, err := m.read(raw)
		if err != nil {
			return err
		}
		f.Set(v)
		return nil
	}
	// Anything else, and every value the shortcuts do not take (escapes,
	// wrong types), goes through encoding/json, which also words the error.
	return json.Unmarshal(raw, f.Addr().Interface())
}

// plainString returns the text of a JSON string without escapes, control
// characters or invalid UTF-8, which reads the same with encoding/json.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	ascii := true
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}

// plainInt reads a JSON integer of at most 18 digits.
func plainInt(raw []byte) (int64, bool) {
	neg := len(raw) > 0 && raw[0] == '-'
	digits := raw
	if neg {
		digits = raw[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
