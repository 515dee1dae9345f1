// Package contract loads the documented shape of the DIDWW API from
// testdata/contract: per resource and per API version its endpoints and
// statuses, attributes, relationships, meta, filters, includes and sort keys,
// and the client's recorded decisions. Only tests import it: the client's
// test holds the models and options to it, didwwtest's test the fake's
// answers. The format is described in testdata/contract/README.md.
package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Contract is every resource of the API as documented.
type Contract struct {
	// Default is the version a request without a version header gets.
	Default string `json:"default"`
	// Versions are the versions described, oldest first.
	Versions []string `json:"versions"`
	// ErrorObject describes the members of one error object.
	ErrorObject map[string]*Field `json:"error_object"`
	// RelationshipLinks are the keys of every relationship's links object.
	RelationshipLinks []string `json:"relationship_links"`
	// Authentication says, per version, how requests authenticate.
	Authentication map[string]*Authentication `json:"authentication"`
	Notes          string                     `json:"notes"`
	// Resources by JSON:API type.
	Resources map[string]*Resource `json:"-"`
}

// Authentication is how the requests of one version authenticate.
type Authentication struct {
	// Scheme is "api_key" (the key in Api-Key on every request) or
	// "bearer" (Authorization: Bearer with a token minted at the token
	// service with the key).
	Scheme string `json:"scheme"`
	// TokenService is the token service's URL by environment.
	TokenService map[string]string `json:"token_service"`
	// Refused maps a kind of credential to the status an API request
	// carrying it gets: api_key, expired_token, unknown_token, none.
	Refused map[string]int `json:"refused"`
	// NoAuthentication and Either list the operations ("GET /public_keys")
	// that need no credentials, or take the key or a token.
	NoAuthentication []string `json:"no_authentication"`
	Either           []string `json:"either"`
	// RateLimit says what the limit counts and how it answers.
	RateLimit string `json:"rate_limit"`
	Notes     string `json:"notes"`
}

// Resource is one JSON:API type.
type Resource struct {
	Type    string              `json:"type"`
	Sources string              `json:"sources"`
	Notes   string              `json:"notes"`
	Client  Client              `json:"client"`
	RawVers map[string]rawShape `json:"versions"`
	// Versions holds each version's shape with based_on resolved.
	Versions map[string]*Shape `json:"-"`
	File     string            `json:"-"`
}

// Client records the client's deliberate decisions, so that a difference
// between the client and the API is either a decision or a finding. Keys are
// "<section>.<name>": attributes.x, meta.x, relationships.x, filters.x,
// includes.x, sorts.x, type.x, items.<item type>.x.
type Client struct {
	// Omitted names what the client deliberately does not read or offer.
	Omitted map[string]string `json:"omitted"`
	// Legacy names what the client reads although this version does not
	// send it: the names of older versions, kept so their answers decode.
	Legacy map[string]string `json:"legacy"`
	// NoService says why the client has no service for the endpoints.
	NoService string `json:"no_service"`
}

// Shape is a resource under one API version.
type Shape struct {
	// Gone, when set, says the version does not have the resource.
	Gone          string                   `json:"gone"`
	Endpoints     map[string]*Endpoint     `json:"endpoints"`
	Attributes    map[string]*Field        `json:"attributes"`
	Relationships map[string]*Relationship `json:"relationships"`
	Meta          map[string]*Field        `json:"meta"`
	Filters       map[string]*Filter       `json:"filters"`
	Includes      []string                 `json:"includes"`
	Sorts         []string                 `json:"sorts"`
	Refused       Refused                  `json:"refused"`
	Notes         string                   `json:"notes"`
}

// rawShape is a version entry as written: a full shape, or based_on another
// version with additions and removals.
type rawShape struct {
	Shape
	BasedOn string              `json:"based_on"`
	Remove  map[string][]string `json:"remove"`
}

// Operations, in the order tests run them.
var Operations = []string{"list", "show", "create", "update", "delete"}

// Endpoint is one operation of a resource.
type Endpoint struct {
	Path      string `json:"path"`
	Status    int    `json:"status"`
	Paginated bool   `json:"paginated"`
	// DocumentMeta are the keys of the answer's top-level meta.
	DocumentMeta map[string]*Field `json:"document_meta"`
	// Errors maps a kind of bad input to the status the API answers.
	Errors map[string]int `json:"errors"`
	// Answer holds values the answer carries: "x" is attribute x,
	// "items[].y" attribute y of every item of the items attribute.
	Answer map[string]any `json:"answer"`
	Notes  string         `json:"notes"`
}

// Method is the HTTP method of operation op.
func Method(op string) string {
	return map[string]string{"list": "GET", "show": "GET", "create": "POST", "update": "PATCH", "delete": "DELETE"}[op]
}

// Field is one attribute, meta key or error member.
type Field struct {
	// Type is the JSON type: string, integer, number, boolean, array, object.
	Type string `json:"type"`
	// Format refines a string: date-time, date, decimal, uuid.
	Format string `json:"format"`
	// Items is the JSON type of an array's elements.
	Items    string   `json:"items"`
	Enum     []string `json:"enum"`
	Nullable bool     `json:"nullable"`
	// Required false means the key is sometimes absent; the default is true.
	Required *bool `json:"required"`
	// AbsentWhen lists contexts where the key is never sent: "included".
	AbsentWhen []string `json:"absent_when"`
	// Keys are the members of an object value.
	Keys []string `json:"keys"`
	// Variants describes an array of {type, attributes} objects: the
	// attributes per type.
	Variants map[string]map[string]*Field `json:"variants"`
	Notes    string                       `json:"notes"`
}

// IsRequired says whether the key is always present.
func (f *Field) IsRequired() bool { return f.Required == nil || *f.Required }

// Relationship is one relationship of a resource.
type Relationship struct {
	// To is "one" or "many".
	To   string `json:"to"`
	Type string `json:"type"`
	// Types, on a polymorphic relationship, are every type its linkage
	// may name (Type is the one include paths are followed through).
	Types []string `json:"types"`
	// Linkage is "include" (data only when included, the default) or
	// "always".
	Linkage string `json:"linkage"`
	Notes   string `json:"notes"`
}

// Targets returns the types the relationship's linkage may name.
func (r *Relationship) Targets() []string {
	if len(r.Types) > 0 {
		return r.Types
	}
	return []string{r.Type}
}

// AlwaysLinked says whether data is sent without include.
func (r *Relationship) AlwaysLinked() bool { return r.Linkage == "always" }

// Filter is one accepted filter[name].
type Filter struct {
	// Type of the value: string, boolean, integer, date-time.
	Type string `json:"type"`
	// List says several comma-joined values are read as "any of".
	List            bool     `json:"list"`
	Enum            []string `json:"enum"`
	CaseInsensitive bool     `json:"case_insensitive"`
	Notes           string   `json:"notes"`
}

// Refused names what older pages show but this version answers 400 to,
// with the reason (and the replacement) an error should give.
type Refused struct {
	Filters      map[string]string            `json:"filters"`
	Includes     map[string]string            `json:"includes"`
	Sorts        map[string]string            `json:"sorts"`
	FilterValues map[string]map[string]string `json:"filter_values"`
	// Fields are members fields[<type>] may not name.
	Fields map[string]string `json:"fields"`
}

// Load reads every contract file of dir: _versions.json and one file per
// resource. It checks the files against each other (versions, include paths,
// relationship targets) so that a typo fails here, not in a test.
func Load(dir string) (*Contract, error) {
	c := &Contract{Resources: map[string]*Resource{}}
	if err := readStrict(filepath.Join(dir, "_versions.json"), c); err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "_") {
			continue
		}
		r := &Resource{File: filepath.Base(f)}
		if err := readStrict(f, r); err != nil {
			return nil, err
		}
		if r.Type+".json" != r.File {
			return nil, fmt.Errorf("%s: type %q does not match the file name", r.File, r.Type)
		}
		if err := r.resolve(c.Versions); err != nil {
			return nil, fmt.Errorf("%s: %w", r.File, err)
		}
		c.Resources[r.Type] = r
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

func readStrict(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

// resolve builds every version's shape, applying based_on in version order.
func (r *Resource) resolve(versions []string) error {
	r.Versions = map[string]*Shape{}
	for v := range r.RawVers {
		if !slices.Contains(versions, v) {
			return fmt.Errorf("version %s is not in _versions.json", v)
		}
	}
	for _, v := range versions {
		raw, ok := r.RawVers[v]
		if !ok {
			continue
		}
		s := raw.Shape
		if raw.BasedOn != "" {
			base := r.Versions[raw.BasedOn]
			if base == nil {
				return fmt.Errorf("%s: based_on %s, which is not an earlier version of the file", v, raw.BasedOn)
			}
			var err error
			if s, err = derive(base, &raw); err != nil {
				return fmt.Errorf("%s: %w", v, err)
			}
		}
		r.Versions[v] = &s
	}
	return nil
}

// derive copies base, adds what raw adds and removes what raw removes.
func derive(base *Shape, raw *rawShape) (Shape, error) {
	s := Shape{
		Gone: raw.Gone, Notes: raw.Notes, Refused: raw.Refused,
		Endpoints:     merge(base.Endpoints, raw.Endpoints),
		Attributes:    merge(base.Attributes, raw.Attributes),
		Relationships: merge(base.Relationships, raw.Relationships),
		Meta:          merge(base.Meta, raw.Meta),
		Filters:       merge(base.Filters, raw.Filters),
		Includes:      append(slices.Clone(base.Includes), raw.Includes...),
		Sorts:         append(slices.Clone(base.Sorts), raw.Sorts...),
	}
	for section, names := range raw.Remove {
		for _, n := range names {
			switch section {
			case "endpoints":
				delete(s.Endpoints, n)
			case "attributes":
				delete(s.Attributes, n)
			case "relationships":
				delete(s.Relationships, n)
			case "meta":
				delete(s.Meta, n)
			case "filters":
				delete(s.Filters, n)
			case "includes":
				s.Includes = slices.DeleteFunc(s.Includes, func(x string) bool { return x == n })
			case "sorts":
				s.Sorts = slices.DeleteFunc(s.Sorts, func(x string) bool { return x == n })
			default:
				return Shape{}, fmt.Errorf("remove: unknown section %q", section)
			}
		}
	}
	return s, nil
}

func merge[V any](base, add map[string]V) map[string]V {
	out := maps.Clone(base)
	if out == nil {
		out = map[string]V{}
	}
	maps.Copy(out, add)
	return out
}

// Shape returns the resource's shape under version v, or nil when the
// resource is not described (or gone) there.
func (r *Resource) Shape(v string) *Shape {
	s := r.Versions[v]
	if s == nil || s.Gone != "" {
		return nil
	}
	return s
}

// Types returns the resource types, sorted.
func (c *Contract) Types() []string {
	out := slices.Collect(maps.Keys(c.Resources))
	sort.Strings(out)
	return out
}

// Sorted returns the keys of m in order.
func Sorted[V any](m map[string]V) []string {
	out := slices.Collect(maps.Keys(m))
	sort.Strings(out)
	return out
}
