package jsonapi

import (
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

// requiredGroup is one required attribute: its names, one of which must be
// present and not null, and their slots in the model's attribute set.
type requiredGroup struct {
	names []string
	slots []int
}

// requiredSet is the required attributes of a model.
type requiredSet struct {
	groups []requiredGroup
}

func (s *requiredSet) build(attrs *memberSet) error {
	for g := range s.groups {
		grp := &s.groups[g]
		for _, n := range grp.names {
			j, ok := attrs.slotOf[n]
			if !ok {
				return fmt.Errorf("required attribute %q is no attribute", n)
			}
			grp.slots = append(grp.slots, j)
		}
	}
	return nil
}

// check returns an error naming the first required attribute that has no
// value in vals, the attribute values the resource gave (see memberSet.scan;
// all nil when it had no attributes). asked is the sparse fieldset of the
// resource's type, nil when none was requested.
func (s *requiredSet) check(vals [][]byte, asked map[string]bool) error {
	for _, g := range s.groups {
		if hasValue(vals, g.slots) || !wasAsked(g.names, asked) {
			continue
		}
		return fmt.Errorf("required attribute %s is absent or null", describeNames(g.names))
	}
	return nil
}

func hasValue(vals [][]byte, slots []int) bool {
	for _, j := range slots {
		if vals[j] != nil {
			return true
		}
	}
	return false
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
