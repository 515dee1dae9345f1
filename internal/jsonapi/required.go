package jsonapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Required attributes
//
// An attribute marked required must be present under one of its names with a
// value other than null; otherwise the resource does not decode and the error
// names the attribute. A model marks an attribute required only when every
// API version the client reads always sends it with a value. An attribute the
// API sends but allows to be null is not marked: absent and null read the
// same in a Go value, and both mean "none".
//
// Sparse fieldsets (fields[<type>]=a,b) drop attributes on purpose: for a
// type the request pruned, only the required attributes it asked for are
// checked (see Document.Fieldsets).

// maxRequired bounds the required names of one model, one bit each.
const maxRequired = 64

// requiredSet is the required attributes of a model: alias groups, one of
// whose names must be present and not null.
type requiredSet struct {
	names  []string // every name of every group
	group  []int    // per name, its group
	groups [][]string
}

func (s *requiredSet) add(model string, names []string) error {
	if len(s.names)+len(names) > maxRequired {
		return fmt.Errorf("model %s: more than %d required attribute names", model, maxRequired)
	}
	for _, n := range names {
		s.names = append(s.names, n)
		s.group = append(s.group, len(s.groups))
	}
	s.groups = append(s.groups, names)
	return nil
}

// check returns an error naming the first required attribute that attrs (a
// JSON object, nil when the resource had none) lacks or holds as null. asked
// is the sparse fieldset of the resource's type, nil when none was requested.
func (s *requiredSet) check(attrs []byte, asked map[string]bool) error {
	if len(s.groups) == 0 {
		return nil
	}
	var have uint64 // bit i: names[i] is present with a value; the last duplicate wins
	if attrs != nil {
		err := scanObject(attrs, func(key []byte, null bool) {
			for i, n := range s.names {
				if string(key) == n {
					have = have&^(1<<i) | boolBit(!null)<<i
				}
			}
		})
		if err != nil {
			return fmt.Errorf("attributes: %w", err)
		}
	}
	var satisfied uint64 // bit g: group g has a value
	for i := range s.names {
		if have&(1<<i) != 0 {
			satisfied |= 1 << s.group[i]
		}
	}
	for g, names := range s.groups {
		if satisfied&(1<<g) != 0 || !wasAsked(names, asked) {
			continue
		}
		return fmt.Errorf("required attribute %s is absent or null", describeNames(names))
	}
	return nil
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func wasAsked(names []string, asked map[string]bool) bool {
	if asked == nil {
		return true
	}
	for _, n := range names {
		if asked[n] {
			return true
		}
	}
	return false
}

func describeNames(names []string) string {
	s := fmt.Sprintf("%q", names[0])
	if len(names) > 1 {
		s += " (or " + strings.Join(quoteAll(names[1:]), ", ") + ")"
	}
	return s
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

// FieldsetsOf returns the sparse fieldsets a request query asked for
// (fields[<type>]=a,b), or nil when it asked for none. Set it as a
// Document's Fieldsets so that required attributes the request left out are
// not expected.
func FieldsetsOf(q url.Values) map[string][]string {
	var out map[string][]string
	for k, vs := range q {
		typ, ok := strings.CutPrefix(k, "fields[")
		typ, closed := strings.CutSuffix(typ, "]")
		if !ok || !closed {
			continue
		}
		if out == nil {
			out = map[string][]string{}
		}
		for _, v := range vs {
			out[typ] = append(out[typ], strings.Split(v, ",")...)
		}
	}
	return out
}

func askedSets(f map[string][]string) map[string]map[string]bool {
	if len(f) == 0 {
		return nil
	}
	out := make(map[string]map[string]bool, len(f))
	for typ, names := range f {
		set := make(map[string]bool, len(names))
		for _, n := range names {
			set[strings.TrimSpace(n)] = true
		}
		out[typ] = set
	}
	return out
}

var errMalformedObject = errors.New("malformed object")

// scanObject calls fn with the key of each member of the JSON object b, in
// order, and whether its value is null. It reads the bytes once without
// decoding values or copying keys; an escaped key is unescaped with
// encoding/json.
func scanObject(b []byte, fn func(key []byte, null bool)) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return errMalformedObject
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return errMalformedObject
		}
		end := endString(b, i)
		if end < 0 {
			return errMalformedObject
		}
		key, err := objectKey(b[i:end])
		if err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return errMalformedObject
		}
		i = skipSpace(b, i+1)
		vend := endValue(b, i)
		if vend < 0 {
			return errMalformedObject
		}
		fn(key, b[i] == 'n')
		i = skipSpace(b, vend)
		if i >= len(b) {
			return errMalformedObject
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return nil
		default:
			return errMalformedObject
		}
	}
}

// objectKey returns the text of a quoted key.
func objectKey(quoted []byte) ([]byte, error) {
	inner := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return inner, nil
	}
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return nil, errMalformedObject
	}
	return []byte(s), nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// endString returns the index just past the string that opens at b[i], or
// -1 when it does not end.
func endString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// endValue returns the index just past the value that starts at b[i], or -1.
func endValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return endString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				k := endString(b, j)
				if k < 0 {
					return -1
				}
				j = k - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && !isSpace(b[j]) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
