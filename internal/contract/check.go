package contract

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

var (
	fieldTypes  = []string{"string", "integer", "number", "boolean", "array", "object"}
	formats     = []string{"", "date-time", "date", "decimal", "uuid"}
	filterTypes = []string{"string", "boolean", "integer", "date-time"}
)

// check reports every inconsistency of the files, joined.
func (c *Contract) check() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !slices.Contains(c.Versions, c.Default) {
		fail("_versions.json: default %q is not among the versions", c.Default)
	}
	for _, v := range c.Versions {
		if a := c.Authentication[v]; a == nil || (a.Scheme != "api_key" && a.Scheme != "bearer") {
			fail("_versions.json: version %s has no authentication scheme (api_key or bearer)", v)
		}
	}
	for _, v := range Sorted(c.Authentication) {
		if !slices.Contains(c.Versions, v) {
			fail("_versions.json: authentication of %s, which is not among the versions", v)
		}
	}
	for _, typ := range c.Types() {
		r := c.Resources[typ]
		for _, v := range Sorted(r.Versions) {
			s := r.Shape(v)
			if s == nil {
				continue
			}
			where := r.File + " " + v
			for _, op := range Sorted(s.Endpoints) {
				if !slices.Contains(Operations, op) {
					fail("%s: unknown operation %q", where, op)
				}
			}
			checkFields(where+" attributes", s.Attributes, fail)
			checkFields(where+" meta", s.Meta, fail)
			for name, rel := range s.Relationships {
				if rel.To != "one" && rel.To != "many" {
					fail("%s: relationship %s: to is %q, not one or many", where, name, rel.To)
				}
				if rel.Linkage != "" && rel.Linkage != "include" && rel.Linkage != "always" {
					fail("%s: relationship %s: linkage %q", where, name, rel.Linkage)
				}
			}
			for name, f := range s.Filters {
				if !slices.Contains(filterTypes, f.Type) {
					fail("%s: filter %s: type %q", where, name, f.Type)
				}
			}
			for _, inc := range s.Includes {
				if _, err := c.IncludeTarget(typ, v, inc); err != nil {
					fail("%s: include %s: %v", where, inc, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func checkFields(where string, fields map[string]*Field, fail func(string, ...any)) {
	for name, f := range fields {
		if !slices.Contains(fieldTypes, f.Type) || !slices.Contains(formats, f.Format) {
			fail("%s: %s: type %q format %q", where, name, f.Type, f.Format)
		}
		for kind, attrs := range f.Variants {
			checkFields(where+" "+name+"."+kind, attrs, fail)
		}
	}
}

// IncludeTarget returns the type an include path of resource typ reaches
// under version v, following each segment's relationship.
func (c *Contract) IncludeTarget(typ, v, path string) (string, error) {
	cur := typ
	for _, seg := range strings.Split(path, ".") {
		r := c.Resources[cur]
		if r == nil || r.Shape(v) == nil {
			return "", fmt.Errorf("type %s is not in the contract for %s", cur, v)
		}
		rel := r.Shape(v).Relationships[seg]
		if rel == nil {
			return "", fmt.Errorf("%s has no relationship %s", cur, seg)
		}
		cur = rel.Type
	}
	return cur, nil
}

// UndocumentedIncludes returns include paths one level deeper than a
// documented one (or first-level names that are not relationships) that the
// contract does not list: the API answers 400 to them.
func (c *Contract) UndocumentedIncludes(typ, v string) []string {
	s := c.Resources[typ].Shape(v)
	var out []string
	seen := map[string]bool{}
	try := func(p string) {
		if !seen[p] && !slices.Contains(s.Includes, p) {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, inc := range s.Includes {
		target, err := c.IncludeTarget(typ, v, inc)
		if err != nil || c.Resources[target] == nil || c.Resources[target].Shape(v) == nil {
			continue
		}
		for _, name := range Sorted(c.Resources[target].Shape(v).Relationships) {
			try(inc + "." + name)
		}
	}
	return out
}
