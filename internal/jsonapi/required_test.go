package jsonapi

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tOrder has required attributes of every kind: a google/jsonapi attribute,
// a didww attribute, and an alias group.
type tOrder struct {
	ID        string    `didww:"primary,orders"`
	Reference string    `didww:"attr,reference,required"`
	Note      string    `didww:"attr,description"`
	Status    tKind     `didww:"attr,status,required"`
	ExpiresAt time.Time `didww:"attr,expires_at|expire_at,required"`
}

// tNote points at an order, to check included resources too.
type tNote struct {
	ID    string  `didww:"primary,notes"`
	Order *tOrder `didww:"rel,order"`
}

const tOrderFull = `"reference": "R-1", "status": "Pending", "expires_at": "2026-04-16T10:00:00Z"`

func TestDecodeRequiredPresent(t *testing.T) {
	t.Parallel()
	o, err := DecodeOne[tOrder](parse(t, `{"data": {"type": "orders", "id": "o1", "attributes": {`+tOrderFull+`}}}`))
	require.NoError(t, err)
	assert.Equal(t, &tOrder{ID: "o1", Reference: "R-1", Status: "pending", ExpiresAt: time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC)}, o)

	// An older version's alias satisfies the group; so does one present
	// alias beside a null one.
	for _, attrs := range []string{
		`"reference": "R-1", "status": "pending", "expire_at": "2026-04-16T10:00:00Z"`,
		`"reference": "R-1", "status": "pending", "expires_at": null, "expire_at": "2026-04-16T10:00:00Z"`,
	} {
		o, err := DecodeOne[tOrder](parse(t, `{"data": {"type": "orders", "id": "o1", "attributes": {`+attrs+`}}}`))
		require.NoError(t, err, attrs)
		assert.Equal(t, time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC), o.ExpiresAt, attrs)
	}
}

func TestDecodeRequiredMissing(t *testing.T) {
	t.Parallel()
	cases := []struct{ attrs, want string }{
		{`"attributes": {}`, `orders o1: required attribute "reference" is absent or null`},
		{``, `orders o1: required attribute "reference" is absent or null`},
		{`"attributes": null`, `orders o1: required attribute "reference" is absent or null`},
		{`"attributes": {"reference": "R-1", "expires_at": "2026-04-16T10:00:00Z"}`, `required attribute "status" is absent or null`},
		{`"attributes": {"reference": "R-1", "status": null, "expires_at": "2026-04-16T10:00:00Z"}`, `required attribute "status" is absent or null`},
		{`"attributes": {"reference": null, "status": "pending", "expires_at": "2026-04-16T10:00:00Z"}`, `required attribute "reference" is absent or null`},
		{`"attributes": {"reference": "R-1", "status": "pending"}`, `required attribute "expires_at" (or "expire_at") is absent or null`},
		{`"attributes": {"reference": "R-1", "status": "pending", "expires_at": null, "expire_at": null}`, `required attribute "expires_at" (or "expire_at") is absent or null`},
		// The last of duplicate keys wins, as in encoding/json.
		{`"attributes": {` + tOrderFull + `, "status": null}`, `required attribute "status" is absent or null`},
		// Keys match exactly.
		{`"attributes": {"reference": "R-1", "Status": "pending", "expires_at": "2026-04-16T10:00:00Z"}`, `required attribute "status" is absent or null`},
	}
	for _, tc := range cases {
		body := `{"data": {"type": "orders", "id": "o1"` + map[bool]string{true: ", ", false: ""}[tc.attrs != ""] + tc.attrs + `}}`
		o, err := DecodeOne[tOrder](parse(t, body))
		assert.Nil(t, o, body)
		require.ErrorIs(t, err, ErrDecode, body)
		assert.Contains(t, err.Error(), tc.want, body)
		assert.NotContains(t, err.Error(), "\n", body)
	}
}

func TestDecodeRequiredEscapedKey(t *testing.T) {
	t.Parallel()
	o, err := DecodeOne[tOrder](parse(t, `{"data": {"type": "orders", "id": "o1", "attributes": {"reference": "R-1", "st\u0061tus": "pending", "expire_at": "2026-04-16T10:00:00Z"}}}`))
	require.NoError(t, err)
	assert.Equal(t, tKind("pending"), o.Status)
}

func TestDecodeRequiredIncluded(t *testing.T) {
	t.Parallel()
	// An included resource is checked like primary data; linkage alone
	// gives an id-only model, which is not checked.
	body := `{"data": {"type": "notes", "id": "n1", "relationships": {"order": {"data": {"type": "orders", "id": "o1"}}}},
		"included": [{"type": "orders", "id": "o1", "attributes": {"reference": "R-1"}}]}`
	n, err := DecodeOne[tNote](parse(t, body))
	assert.Nil(t, n)
	require.ErrorIs(t, err, ErrDecode)
	assert.Contains(t, err.Error(), `notes n1: relationship "order": orders o1: required attribute "status" is absent or null`)

	n, err = DecodeOne[tNote](parse(t, `{"data": {"type": "notes", "id": "n1", "relationships": {"order": {"data": {"type": "orders", "id": "o1"}}}}}`))
	require.NoError(t, err)
	assert.Equal(t, &tNote{ID: "n1", Order: &tOrder{ID: "o1"}}, n)
}

func TestDecodeRequiredSparseFieldsets(t *testing.T) {
	t.Parallel()
	decode := func(fields map[string][]string, attrs string) (*tOrder, error) {
		doc := parse(t, `{"data": {"type": "orders", "id": "o1", "attributes": {`+attrs+`}}}`)
		doc.Fieldsets = fields
		return DecodeOne[tOrder](doc)
	}
	// Only what the request asked for is expected.
	o, err := decode(map[string][]string{"orders": {"status"}}, `"status": "completed"`)
	require.NoError(t, err)
	assert.Equal(t, &tOrder{ID: "o1", Status: "completed"}, o)
	// An alias answers for its group.
	o, err = decode(map[string][]string{"orders": {"expire_at", "status"}}, `"status": "completed", "expire_at": "2026-04-16T10:00:00Z"`)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC), o.ExpiresAt)
	// What it asked for is still required.
	_, err = decode(map[string][]string{"orders": {"status", "reference"}}, `"status": "completed"`)
	assert.ErrorContains(t, err, `required attribute "reference" is absent or null`)
	// A fieldset of another type changes nothing for this one.
	_, err = decode(map[string][]string{"notes": {"order"}}, `"status": "completed"`)
	assert.ErrorContains(t, err, `required attribute "reference" is absent or null`)
	// An empty fieldset asks for no attribute.
	o, err = decode(map[string][]string{"orders": {""}}, ``)
	require.NoError(t, err)
	assert.Equal(t, &tOrder{ID: "o1"}, o)
}

func TestFieldsetsOf(t *testing.T) {
	t.Parallel()
	q := url.Values{
		"fields[orders]":     {"status,reference"},
		"fields[did_groups]": {"prefix", "area_name"},
		"fields":             {"x"},
		"fields[open":        {"y"},
		"include":            {"country"},
		"filter[id]":         {"1"},
	}
	assert.Equal(t, map[string][]string{"orders": {"status", "reference"}, "did_groups": {"prefix", "area_name"}}, FieldsetsOf(q))
	assert.Nil(t, FieldsetsOf(url.Values{"include": {"country"}}))
	assert.Nil(t, FieldsetsOf(nil))
}

func TestScanObject(t *testing.T) {
	t.Parallel()
	type member struct{ key, value string }
	scan := func(s string) ([]member, error) {
		var out []member
		err := scanObject([]byte(s), func(k, v []byte) { out = append(out, member{string(k), string(v)}) })
		return out, err
	}
	got, err := scan(` { "a" : null , "b":"x\"}y", "c": {"d": [1, "]", {"e": null}]}, "f": [], "g\u00e9": -1.5e3, "h": true,"i":false } `)
	require.NoError(t, err)
	assert.Equal(t, []member{{"a", "null"}, {"b", `"x\"}y"`}, {"c", `{"d": [1, "]", {"e": null}]}`}, {"f", "[]"}, {"gé", "-1.5e3"}, {"h", "true"}, {"i", "false"}}, got)
	got, err = scan(`{}`)
	require.NoError(t, err)
	assert.Empty(t, got)

	for _, bad := range []string{``, ` `, `[]`, `{`, `{"a"}`, `{"a":}`, `{"a":1`, `{"a":1,}`, `{"a":"x}`, `{"a":[1}`, `{"a":{"b":1}`, `{a:1}`, `{"a":1 "b":2}`, `{"\q":1}`, `{"a` + strings.Repeat("[", 100)} {
		_, err := scan(bad)
		assert.ErrorIs(t, err, errMalformedObject, "%q", bad)
	}
}

// FuzzScanObject: on every JSON object encoding/json accepts, scanObject
// finds the same members with the same values, the last of duplicates
// winning.
func FuzzScanObject(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":null,"b":[{"c":"]}"}],"d":"\"","a":1}`, `{"k\u00e9y":true, "x" : -0.5e+3 }`, `{"a":{"b":{"c":[[],[{}]]}}}`, `null`, `[1]`, `{"a"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := map[string]string{}
		err := scanObject(b, func(k, v []byte) { got[string(k)] = string(v) })
		var want map[string]json.RawMessage
		if !utf8.Valid(b) || json.Unmarshal(b, &want) != nil || want == nil {
			return // anything but an object: an error or not, never a panic
		}
		require.NoError(t, err)
		require.Len(t, got, len(want))
		for k, v := range want {
			value, ok := got[k]
			require.True(t, ok, "key %q", k)
			assert.Equal(t, string(v), value, "key %q", k)
		}
	})
}
