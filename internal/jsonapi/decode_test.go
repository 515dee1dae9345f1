package jsonapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Test models: a country↔region cycle like the root package's, and a model
// using every kind of tag.
type tCountry struct {
	ID      string     `didww:"primary,countries"`
	Name    string     `didww:"attr,name"`
	Regions []*tRegion `didww:"rel,regions"`
}

type tRegion struct {
	ID      string    `didww:"primary,regions"`
	Name    string    `didww:"attr,name"`
	Country *tCountry `didww:"rel,country"`
}

type tKind string

func (k *tKind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*k = tKind(strings.ToLower(s))
	return nil
}

type tGroup struct {
	ID        string    `didww:"primary,did_groups"`
	Prefix    string    `didww:"attr,prefix"`
	Metered   bool      `didww:"attr,is_metered"`
	Tags      []string  `didww:"attr,tags"`
	Kinds     []tKind   `didww:"attr,kinds"`
	Count     int       `didww:"attr,count"`
	ExpiresAt time.Time `didww:"attr,expires_at|expire_at"`
	Total     int       `didww:"meta,total_count"`
	Available bool      `didww:"meta,is_available"`
	Country   *tCountry `didww:"rel,country"`
	SKUs      []*tSKU   `didww:"rel,stock_keeping_units|skus"`
	Untagged  string
}

type tSKU struct {
	ID    string `didww:"primary,stock_keeping_units"`
	Price string `didww:"attr,setup_price"`
}

// tReservation accepts an older type name too.
type tReservation struct {
	ID   string `didww:"primary,did_reservations|did_reservation|reservations"`
	Note string `didww:"attr,description"`
}

// tChain links to itself through distinct resources: a → b → c → ...
type tChain struct {
	ID   string  `didww:"primary,chains"`
	Next *tChain `didww:"rel,next"`
}

func parse(t *testing.T, body string) *Document {
	t.Helper()
	doc, err := Parse([]byte(body))
	require.NoError(t, err)
	return doc
}

func TestDecodeOneEveryTag(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{
	  "data": {"type": "did_groups", "id": "g1",
	    "attributes": {"prefix": "20", "is_metered": true, "tags": ["a", "b"], "kinds": ["Voice", "SMS"],
	                   "count": 7, "expire_at": "2026-01-02T03:04:05+02:00", "unknown": {"x": 1}},
	    "meta": {"total_count": 12, "is_available": true, "other": "x"},
	    "relationships": {
	      "country": {"data": {"type": "countries", "id": "c1"}},
	      "skus": {"data": [{"type": "stock_keeping_units", "id": "s1"}, {"type": "stock_keeping_units", "id": "s2"}]}
	    }},
	  "included": [
	    {"type": "stock_keeping_units", "id": "s2", "attributes": {"setup_price": "1.50"}},
	    {"type": "countries", "id": "c1", "attributes": {"name": "Egypt"}}
	  ]}`)
	g, err := DecodeOne[tGroup](doc)
	require.NoError(t, err)
	assert.Equal(t, "g1", g.ID)
	assert.Equal(t, "20", g.Prefix)
	assert.True(t, g.Metered)
	assert.Equal(t, []string{"a", "b"}, g.Tags)
	assert.Equal(t, []tKind{"voice", "sms"}, g.Kinds, "UnmarshalJSON of the element type is called")
	assert.Equal(t, 7, g.Count)
	assert.True(t, g.ExpiresAt.Equal(time.Date(2026, 1, 2, 1, 4, 5, 0, time.UTC)), "alias expire_at read: %v", g.ExpiresAt)
	assert.Equal(t, 12, g.Total)
	assert.True(t, g.Available)
	assert.Equal(t, &tCountry{ID: "c1", Name: "Egypt"}, g.Country)
	require.Len(t, g.SKUs, 2)
	assert.Equal(t, &tSKU{ID: "s1"}, g.SKUs[0], "linkage only: a model holding the id")
	assert.Equal(t, &tSKU{ID: "s2", Price: "1.50"}, g.SKUs[1])
	assert.Empty(t, g.Untagged)
}

func TestDecodeAliasOrderAndNulls(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": {"type": "did_groups", "id": "g1",
	  "attributes": {"prefix": null, "is_metered": null, "count": null, "expires_at": null, "expire_at": "2026-05-06T00:00:00Z"},
	  "meta": {"total_count": null},
	  "relationships": {"country": {"data": null}, "skus": {"data": [{"type": "stock_keeping_units", "id": "s9"}]}}}}`)
	g, err := DecodeOne[tGroup](doc)
	require.NoError(t, err)
	assert.Equal(t, &tGroup{
		ID:        "g1",
		ExpiresAt: time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC),
		SKUs:      []*tSKU{{ID: "s9"}},
	}, g, "nulls leave zero values; a null first alias falls through to the next; an absent relationship name falls to its alias")

	// The relationship's own name wins over its alias, even when empty.
	g, err = DecodeOne[tGroup](parse(t, `{"data": {"type": "did_groups", "id": "g1", "relationships": {
	  "stock_keeping_units": {"data": []}, "skus": {"data": [{"type": "stock_keeping_units", "id": "s9"}]}}}}`))
	require.NoError(t, err)
	assert.Nil(t, g.SKUs)
}

func TestDecodeBothAliasesFirstWins(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": {"type": "did_groups", "id": "g1",
	  "attributes": {"expires_at": "2026-01-01T00:00:00Z", "expire_at": "2030-01-01T00:00:00Z"}}}`)
	g, err := DecodeOne[tGroup](doc)
	require.NoError(t, err)
	assert.Equal(t, 2026, g.ExpiresAt.Year())
}

func TestDecodeMany(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": [
	  {"type": "regions", "id": "r1", "attributes": {"name": "Alpha"}, "relationships": {"country": {"data": {"type": "countries", "id": "c1"}}}},
	  {"type": "regions", "id": "r2", "attributes": {"name": "Beta"}, "relationships": {"country": {"data": {"type": "countries", "id": "c1"}}}},
	  {"type": "regions", "id": "r3"}
	], "included": [{"type": "countries", "id": "c1", "attributes": {"name": "Chile"}}]}`)
	rs, err := DecodeMany[tRegion](doc)
	require.NoError(t, err)
	require.Len(t, rs, 3)
	assert.Equal(t, "Alpha", rs[0].Name)
	assert.Equal(t, "Beta", rs[1].Name)
	assert.Equal(t, &tRegion{ID: "r3"}, rs[2])
	require.NotNil(t, rs[0].Country)
	assert.Equal(t, "Chile", rs[0].Country.Name)
	assert.Same(t, rs[0].Country, rs[1].Country, "an included resource is decoded once and shared")

	empty, err := DecodeMany[tRegion](parse(t, `{"data": []}`))
	require.NoError(t, err)
	assert.Empty(t, empty)
	assert.NotNil(t, empty)
}

func TestDecodeAltTypes(t *testing.T) {
	t.Parallel()
	for _, typ := range []string{"did_reservations", "did_reservation", "reservations"} {
		r, err := DecodeOne[tReservation](parse(t, `{"data": {"type": "`+typ+`", "id": "1", "attributes": {"description": "hold"}}}`))
		require.NoError(t, err, typ)
		assert.Equal(t, &tReservation{ID: "1", Note: "hold"}, r, typ)
	}
	r, err := DecodeOne[tReservation](parse(t, `{"data": {"type": "orders", "id": "1"}}`))
	assert.Nil(t, r)
	require.ErrorIs(t, err, ErrDecode)
	assert.Contains(t, err.Error(), `resource type "orders" where "did_reservations" was expected`)
}

func TestDecodeCyclicDocument(t *testing.T) {
	t.Parallel()
	body, err := os.ReadFile("testdata/cyclic.json")
	require.NoError(t, err)
	doc, err := Parse(body)
	require.NoError(t, err)

	c, err := DecodeOne[tCountry](doc)
	require.NoError(t, err)
	assert.Equal(t, "United States", c.Name)
	require.Len(t, c.Regions, 2)
	assert.Equal(t, "California", c.Regions[0].Name)
	assert.Equal(t, "Texas", c.Regions[1].Name)
	// The back-reference to the country on the path is cut to its id.
	assert.Equal(t, &tCountry{ID: "c1"}, c.Regions[0].Country)
	assert.Equal(t, &tCountry{ID: "c1"}, c.Regions[1].Country)

	// The same document decoded from the region side: region → country → regions,
	// where the region on the path is cut.
	regionDoc := parse(t, `{"data": {"type": "regions", "id": "r1", "relationships": {"country": {"data": {"type": "countries", "id": "c1"}}}},
	  "included": [
	    {"type": "countries", "id": "c1", "relationships": {"regions": {"data": [{"type": "regions", "id": "r1"}, {"type": "regions", "id": "r2"}]}}},
	    {"type": "regions", "id": "r1", "relationships": {"country": {"data": {"type": "countries", "id": "c1"}}}},
	    {"type": "regions", "id": "r2", "attributes": {"name": "Texas"}, "relationships": {"country": {"data": {"type": "countries", "id": "c1"}}}}
	  ]}`)
	r, err := DecodeOne[tRegion](regionDoc)
	require.NoError(t, err)
	require.NotNil(t, r.Country)
	require.Len(t, r.Country.Regions, 2)
	assert.Equal(t, &tRegion{ID: "r1"}, r.Country.Regions[0])
	assert.Equal(t, "Texas", r.Country.Regions[1].Name)
	assert.Equal(t, &tCountry{ID: "c1"}, r.Country.Regions[1].Country)
}

func TestDecodeSelfReference(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": {"type": "chains", "id": "a", "relationships": {"next": {"data": {"type": "chains", "id": "a"}}}},
	  "included": [{"type": "chains", "id": "a", "relationships": {"next": {"data": {"type": "chains", "id": "a"}}}}]}`)
	c, err := DecodeOne[tChain](doc)
	require.NoError(t, err)
	// The reference back to the resource being decoded is cut to its id.
	assert.Equal(t, &tChain{ID: "a", Next: &tChain{ID: "a"}}, c)
}

func chainDoc(n int) string {
	var b strings.Builder
	b.WriteString(`{"data": {"type": "chains", "id": "n0", "relationships": {"next": {"data": {"type": "chains", "id": "n1"}}}}, "included": [`)
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"type": "chains", "id": "n%d", "relationships": {"next": {"data": {"type": "chains", "id": "n%d"}}}}`, i, i+1)
	}
	b.WriteString("]}")
	return b.String()
}

func TestDecodeDeepChainStopsAtMaxDepth(t *testing.T) {
	t.Parallel()
	doc := parse(t, chainDoc(MaxDepth+20))
	c, err := DecodeOne[tChain](doc)
	require.NoError(t, err)
	depth := 0
	last := c
	for last.Next != nil {
		last = last.Next
		depth++
	}
	// Levels 1..MaxDepth are resolved from included; the next one is an id-only model.
	assert.Equal(t, MaxDepth+1, depth)
	assert.Equal(t, &tChain{ID: fmt.Sprintf("n%d", MaxDepth+1)}, last)

	// A chain shorter than MaxDepth resolves in full, ending at an id-only link
	// to a resource that is not included.
	short, err := DecodeOne[tChain](parse(t, chainDoc(3)))
	require.NoError(t, err)
	assert.Equal(t, "n4", short.Next.Next.Next.Next.ID)
	assert.Nil(t, short.Next.Next.Next.Next.Next)
}

func TestDecodeNullData(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": null}`)
	c, err := DecodeOne[tCountry](doc)
	assert.Nil(t, c)
	assert.ErrorIs(t, err, ErrNullData)
	assert.NotErrorIs(t, err, ErrDecode)

	cs, err := DecodeMany[tCountry](doc)
	require.NoError(t, err)
	assert.Empty(t, cs)

	// An empty array where one resource was expected is no resource either.
	c, err = DecodeOne[tCountry](parse(t, `{"data": []}`))
	assert.Nil(t, c)
	assert.ErrorIs(t, err, ErrNullData)
}

func TestDecodeOneRefusesArray(t *testing.T) {
	t.Parallel()
	c, err := DecodeOne[tCountry](parse(t, `{"data": [{"type": "countries", "id": "1"}]}`))
	assert.Nil(t, c)
	require.ErrorIs(t, err, ErrDecode)
	assert.Contains(t, err.Error(), "data is an array where one resource was expected")
}

func TestDecodeFailures(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ body, want string }{
		"wrong primary type":  {`{"data": {"type": "regions", "id": "1"}}`, `resource type "regions" where "did_groups" was expected`},
		"string attr number":  {`{"data": {"type": "did_groups", "id": "1", "attributes": {"prefix": 20}}}`, `did_groups 1: attribute "prefix": json: cannot unmarshal number`},
		"bool attr string":    {`{"data": {"type": "did_groups", "id": "1", "attributes": {"is_metered": "yes"}}}`, `did_groups 1: attribute "is_metered": json: cannot unmarshal string`},
		"[]string of numbers": {`{"data": {"type": "did_groups", "id": "1", "attributes": {"tags": [1, 2]}}}`, `did_groups 1: attribute "tags"`},
		"[]string of object":  {`{"data": {"type": "did_groups", "id": "1", "attributes": {"tags": {"a": 1}}}}`, `did_groups 1: attribute "tags"`},
		"didww int string":    {`{"data": {"type": "did_groups", "id": "1", "attributes": {"count": "7"}}}`, `attribute "count"`},
		"didww int fraction":  {`{"data": {"type": "did_groups", "id": "1", "attributes": {"count": 1.5}}}`, `attribute "count"`},
		"enum slice numbers":  {`{"data": {"type": "did_groups", "id": "1", "attributes": {"kinds": [1]}}}`, `attribute "kinds"`},
		"date only":           {`{"data": {"type": "did_groups", "id": "1", "attributes": {"expires_at": "2018-12-28"}}}`, `attribute "expires_at"`},
		"meta wrong type":     {`{"data": {"type": "did_groups", "id": "1", "meta": {"total_count": "many"}}}`, `meta "total_count"`},
		"meta bool wrong":     {`{"data": {"type": "did_groups", "id": "1", "meta": {"is_available": 1}}}`, `meta "is_available"`},
		"to-one as array":     {`{"data": {"type": "did_groups", "id": "1", "relationships": {"country": {"data": [{"type": "countries", "id": "c"}]}}}}`, "linkage is an array where one resource was expected"},
		"to-many as object":   {`{"data": {"type": "did_groups", "id": "1", "relationships": {"skus": {"data": {"type": "stock_keeping_units", "id": "s"}}}}}`, "linkage is one resource where an array was expected"},
		"linkage wrong type":  {`{"data": {"type": "did_groups", "id": "1", "relationships": {"country": {"data": {"type": "regions", "id": "r"}}}}}`, `relationship "country": linkage type "regions" where "countries" was expected`},
		"to-many wrong type":  {`{"data": {"type": "did_groups", "id": "1", "relationships": {"skus": {"data": [{"type": "stock_keeping_units", "id": "s"}, {"type": "x", "id": "y"}]}}}}`, `relationship "stock_keeping_units"[1]`},
		"included attr wrong": {`{"data": {"type": "did_groups", "id": "1", "relationships": {"country": {"data": {"type": "countries", "id": "c"}}}}, "included": [{"type": "countries", "id": "c", "attributes": {"name": 5}}]}`, `relationship "country": countries c: attribute "name"`},
		"included sku wrong":  {`{"data": {"type": "did_groups", "id": "1", "relationships": {"skus": {"data": [{"type": "stock_keeping_units", "id": "s"}]}}}, "included": [{"type": "stock_keeping_units", "id": "s", "attributes": {"setup_price": 1.5}}]}`, `relationship "stock_keeping_units"[0]: stock_keeping_units s: attribute "setup_price"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g, err := DecodeOne[tGroup](parse(t, tc.body))
			assert.Nil(t, g, "no half-filled model with an error")
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrDecode)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestDecodeManyNeverDropsAnElement(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": [
	  {"type": "did_groups", "id": "1", "attributes": {"tags": ["ok"]}},
	  {"type": "did_groups", "id": "2", "attributes": {"tags": [3]}},
	  {"type": "did_groups", "id": "3"}
	]}`)
	gs, err := DecodeMany[tGroup](doc)
	assert.Nil(t, gs)
	require.ErrorIs(t, err, ErrDecode)
	assert.Contains(t, err.Error(), "data[1]: did_groups 2")
}

// Bad model types are refused, not decoded.
type (
	badNoPrimary struct {
		Name string `didww:"attr,name"`
	}
	badPrimaryInt struct {
		ID int `didww:"primary,things"`
	}
	badPrimaryNoType struct {
		ID string `didww:"primary"`
	}
	badRelationTag struct {
		ID    string    `didww:"primary,things"`
		Owner *tCountry `jsonapi:"relation,owner"`
	}
	badDidwwTag struct {
		ID string `didww:"primary,things"`
		X  string `didww:"attr"`
	}
	badDidwwKind struct {
		ID string `didww:"primary,things"`
		X  string `didww:"link,x"`
	}
	badRequiredNoAttr struct {
		ID string `didww:"primary,things"`
		X  string `didww:"required"`
	}
	badRequiredMeta struct {
		ID string `didww:"primary,things"`
		X  string `didww:"meta,x,required"`
	}
	badAttrOption struct {
		ID string `didww:"primary,things"`
		X  string `didww:"attr,x,optional"`
	}
	badRelType struct {
		ID    string   `didww:"primary,things"`
		Owner tCountry `didww:"rel,owner"`
	}
	badRelSlice struct {
		ID     string     `didww:"primary,things"`
		Owners []tCountry `didww:"rel,owners"`
	}
	badNested struct {
		ID   string          `didww:"primary,things"`
		Next *badRelationTag `didww:"rel,next"`
	}
	badTwoPrimaries struct {
		ID    string `didww:"primary,things"`
		Other string `didww:"primary,others"`
	}
	badEmptyAlias struct {
		ID string `didww:"primary,things"`
		X  string `didww:"attr,a||b"`
	}
	badChanAttr struct {
		ID string   `didww:"primary,things"`
		C  chan int `didww:"attr,c"`
	}
	badFuncSlice struct {
		ID string   `didww:"primary,things"`
		F  []func() `didww:"meta,f"`
	}
	badMapKey struct {
		ID string             `didww:"primary,things"`
		M  map[float64]string `didww:"attr,m"`
	}
	// Unexported fields would make reflection panic: their plan refuses them.
	badUnexportedID struct {
		//lint:ignore U1000 the plan is built from this field's tag; it is never read
		id string `didww:"primary,things"`
	}
	badUnexportedAttr struct {
		ID string `didww:"primary,things"`
		//lint:ignore U1000 the plan is built from this field's tag; it is never read
		n int `didww:"attr,n"`
	}
)

func TestCheckModel(t *testing.T) {
	t.Parallel()
	for _, typ := range []reflect.Type{reflect.TypeFor[tCountry](), reflect.TypeFor[tRegion](), reflect.TypeFor[tGroup](), reflect.TypeFor[tChain](), reflect.TypeFor[tReservation](), reflect.TypeFor[tPointers]()} {
		assert.NoError(t, CheckModel(typ), typ.String())
	}
	bad := map[reflect.Type]string{
		reflect.TypeFor[string]():            "is not a struct",
		reflect.TypeFor[badNoPrimary]():      "has no primary field",
		reflect.TypeFor[badPrimaryInt]():     "bad primary field ID: an id is a string, not int",
		reflect.TypeFor[badPrimaryNoType]():  `bad didww tag "primary" on ID: empty name`,
		reflect.TypeFor[badTwoPrimaries]():   "two primary fields, ID and Other",
		reflect.TypeFor[badRelationTag]():    "field Owner has a jsonapi tag; models carry didww tags only",
		reflect.TypeFor[badDidwwTag]():       `bad didww tag "attr" on X: empty name`,
		reflect.TypeFor[badEmptyAlias]():     `bad didww tag "attr,a||b" on X: empty name`,
		reflect.TypeFor[badRequiredNoAttr](): `bad didww tag "required" on X: empty name`,
		reflect.TypeFor[badRequiredMeta]():   `bad didww tag "meta,x,required" on X`,
		reflect.TypeFor[badAttrOption]():     `bad didww tag "attr,x,optional" on X`,
		reflect.TypeFor[badDidwwKind]():      `unknown didww tag kind "link"`,
		reflect.TypeFor[badRelType]():        "must be *T or []*T",
		reflect.TypeFor[badRelSlice]():       "must be *T or []*T",
		reflect.TypeFor[badNested]():         "model jsonapi.badNested: relationship Next: model jsonapi.badRelationTag: field Owner has a jsonapi tag",
		reflect.TypeFor[badUnexportedID]():   "field id is unexported",
		reflect.TypeFor[badUnexportedAttr](): "field n is unexported",
		reflect.TypeFor[badChanAttr]():       "field C: encoding/json cannot decode into chan int",
		reflect.TypeFor[badFuncSlice]():      "field F: encoding/json cannot decode into func()",
		reflect.TypeFor[badMapKey]():         "field M: encoding/json cannot decode map keys of map[float64]string",
	}
	for typ, want := range bad {
		err := CheckModel(typ)
		require.Error(t, err, typ.String())
		assert.Contains(t, err.Error(), want, typ.String())
		// The cached answer is the same.
		assert.Equal(t, err.Error(), CheckModel(typ).Error())
	}
}

func TestResourceType(t *testing.T) {
	t.Parallel()
	typ, err := ResourceType(reflect.TypeFor[tGroup]())
	require.NoError(t, err)
	assert.Equal(t, "did_groups", typ)
	typ, err = ResourceType(reflect.TypeFor[badNoPrimary]())
	assert.Error(t, err)
	assert.Empty(t, typ)
}

func TestDecodeBadModels(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"data": {"type": "things", "id": "1", "attributes": {"n": 1, "c": 2}, "relationships": {"next": {"data": {"type": "things", "id": "2"}}}}}`)

	// A bad model is refused by its plan, before any document is read: the
	// error is the model's, not the document's.
	_, err := DecodeOne[badRelationTag](doc)
	assert.ErrorContains(t, err, "jsonapi tag")
	assert.NotErrorIs(t, err, ErrDecode)
	_, err = DecodeMany[int](doc)
	assert.ErrorContains(t, err, "is not a struct")

	// A relationship's model is checked with the model that reaches it, even
	// when the document has no such relationship.
	n, err := DecodeOne[badNested](parse(t, `{"data": {"type": "things", "id": "1"}}`))
	assert.Nil(t, n)
	assert.ErrorContains(t, err, "jsonapi tag")

	// Fields reflection could not set are refused up front.
	for _, decode := range []func() (any, error){
		func() (any, error) { return DecodeOne[badUnexportedID](doc) },
		func() (any, error) { return DecodeOne[badUnexportedAttr](doc) },
		func() (any, error) { return DecodeOne[badChanAttr](doc) },
	} {
		v, err := decode()
		assert.Nil(t, v)
		assert.ErrorContains(t, err, "model jsonapi.bad")
		assert.NotErrorIs(t, err, ErrDecode)
	}
}

// tPointers has pointer members, read only when a value comes.
type tPointers struct {
	ID     string         `didww:"primary,pointers"`
	S      *string        `didww:"attr,s"`
	B      *bool          `didww:"meta,b"`
	N      *int           `didww:"meta,n"`
	When   *time.Time     `didww:"attr,when"`
	Small  int8           `didww:"attr,small"`
	Kinds  *[]tKind       `didww:"attr,kinds"`
	Values map[string]int `didww:"attr,values"`
}

func TestDecodePointerMembers(t *testing.T) {
	t.Parallel()
	p, err := DecodeOne[tPointers](parse(t, `{"data": {"type": "pointers", "id": "1",
	  "attributes": {"s": "x", "when": "2026-01-02T03:04:05Z", "small": -128, "kinds": ["A"], "values": {"a": 1}},
	  "meta": {"b": false, "n": 0}}}`))
	require.NoError(t, err)
	require.NotNil(t, p.S)
	require.NotNil(t, p.B)
	require.NotNil(t, p.N)
	require.NotNil(t, p.When)
	assert.Equal(t, "x", *p.S)
	assert.False(t, *p.B, "false is a value, not absence")
	assert.Equal(t, 0, *p.N, "0 is a value, not absence")
	assert.Equal(t, 2026, p.When.Year())
	assert.Equal(t, int8(-128), p.Small)
	assert.Equal(t, &[]tKind{"a"}, p.Kinds)
	assert.Equal(t, map[string]int{"a": 1}, p.Values)

	p, err = DecodeOne[tPointers](parse(t, `{"data": {"type": "pointers", "id": "1", "attributes": {"s": null}, "meta": {"b": null}}}`))
	require.NoError(t, err)
	assert.Equal(t, &tPointers{ID: "1"}, p, "null and absent leave nil")

	_, err = DecodeOne[tPointers](parse(t, `{"data": {"type": "pointers", "id": "1", "attributes": {"small": 128}}}`))
	assert.ErrorContains(t, err, `attribute "small": json: cannot unmarshal number 128 into Go value of type int8`)
}

func TestDecodeAttributesWithSpecialID(t *testing.T) {
	t.Parallel()
	// Quotes and backslashes in an id survive.
	doc := parse(t, `{"data": {"type": "countries", "id": "a\"b\\c", "attributes": {"name": "x"}}}`)
	c, err := DecodeOne[tCountry](doc)
	require.NoError(t, err)
	assert.Equal(t, &tCountry{ID: `a"b\c`, Name: "x"}, c)
}

func TestDecodeMembersNotObject(t *testing.T) {
	t.Parallel()
	// Parse never hands out a non-object, but the decoder does not trust that.
	d := newDecoder(&Document{})
	p, err := planFor(reflect.TypeFor[tGroup]())
	require.NoError(t, err)
	v, err := d.decode(p, &Resource{Type: "did_groups", ID: "1", Meta: json.RawMessage(`[1]`)}, 0)
	assert.False(t, v.IsValid())
	assert.ErrorContains(t, err, "meta:")
	v, err = d.decode(p, &Resource{Type: "did_groups", ID: "1", Attributes: json.RawMessage(`{"prefix": "1"`)}, 0)
	assert.False(t, v.IsValid())
	assert.Error(t, err)
	assert.False(t, errors.Is(err, ErrNullData))
}
