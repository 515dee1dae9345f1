package jsonapi

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSingleResource(t *testing.T) {
	t.Parallel()
	body := `{
	  "data": {"type": "countries", "id": "c1", "attributes": {"name": "Chile"},
	           "relationships": {
	             "regions": {"data": [{"type": "regions", "id": "r1"}, {"type": "regions", "id": "r2"}]},
	             "capital": {"data": {"type": "cities", "id": "x1"}},
	             "none": {"data": null},
	             "links_only": {"links": {"related": "https://x/y"}}
	           },
	           "meta": {"total_count": 3}},
	  "included": [{"type": "regions", "id": "r1"}],
	  "meta": {"api_version": "2026-04-16"},
	  "links": {"self": "https://x/countries/c1", "related": {"href": "https://x/rel"}, "prev": null}
	}`
	doc, err := Parse([]byte(body))
	require.NoError(t, err)
	assert.True(t, doc.Single)
	assert.False(t, doc.Null)
	require.Len(t, doc.Data, 1)
	r := doc.Data[0]
	assert.Equal(t, "countries", r.Type)
	assert.Equal(t, "c1", r.ID)
	assert.JSONEq(t, `{"name":"Chile"}`, string(r.Attributes))
	assert.JSONEq(t, `{"total_count":3}`, string(r.Meta))
	assert.Equal(t, Relationship{HasData: true, ToMany: true, Data: []Identifier{{"regions", "r1"}, {"regions", "r2"}}}, r.Relationships["regions"])
	assert.Equal(t, Relationship{HasData: true, Data: []Identifier{{"cities", "x1"}}}, r.Relationships["capital"])
	assert.Equal(t, Relationship{HasData: true}, r.Relationships["none"])
	assert.Equal(t, Relationship{}, r.Relationships["links_only"])
	require.Len(t, doc.Included, 1)
	assert.Equal(t, "r1", doc.Included[0].ID)
	assert.Nil(t, doc.Included[0].Attributes)
	assert.JSONEq(t, `{"api_version":"2026-04-16"}`, string(doc.Meta))
	assert.Equal(t, map[string]string{"self": "https://x/countries/c1", "related": "https://x/rel"}, doc.Links)
}

func TestParseCollection(t *testing.T) {
	t.Parallel()
	doc, err := Parse([]byte(` {"data": [{"type": "regions", "id": "1", "attributes": null, "meta": null},
	  {"type": "regions", "id": 2}], "meta": null, "links": {}} `))
	require.NoError(t, err)
	assert.False(t, doc.Single)
	assert.False(t, doc.Null)
	require.Len(t, doc.Data, 2)
	assert.Equal(t, "1", doc.Data[0].ID)
	assert.Nil(t, doc.Data[0].Attributes)
	assert.Nil(t, doc.Data[0].Meta)
	assert.Equal(t, "2", doc.Data[1].ID, "a numeric id is read as its text")
	assert.Nil(t, doc.Meta)
	assert.Nil(t, doc.Links)
	assert.Empty(t, doc.Included)

	empty, err := Parse([]byte(`{"data": []}`))
	require.NoError(t, err)
	assert.Empty(t, empty.Data)
	assert.False(t, empty.Single)
}

func TestParseNullData(t *testing.T) {
	t.Parallel()
	doc, err := Parse([]byte(`{"data": null, "meta": {"x": 1}}`))
	require.NoError(t, err)
	assert.True(t, doc.Null)
	assert.True(t, doc.Single)
	assert.Empty(t, doc.Data)
	// "errors": null is no errors document.
	doc, err = Parse([]byte(`{"data": [], "errors": null}`))
	require.NoError(t, err)
	assert.Empty(t, doc.Data)
}

func TestParseErrorsDocument(t *testing.T) {
	t.Parallel()
	body := `{"errors": [
	  {"title": "can't be blank", "detail": "sku_id - can't be blank", "code": "100", "status": "422",
	   "source": {"pointer": "/data/attributes/sku_id"}, "meta": {"hint": "x"}},
	  {"title": "bad filter", "code": 102, "status": 400, "source": {"parameter": "filter[x]"}},
	  {"title": "nulls", "code": null, "status": null}
	], "data": {"type": "x", "id": "1"}}`
	doc, err := Parse([]byte(body))
	assert.Nil(t, doc)
	var ed *ErrorsDocument
	require.ErrorAs(t, err, &ed)
	assert.Equal(t, "errors document with 3 error(s)", ed.Error())
	require.Len(t, ed.Errors, 3)
	assert.Equal(t, ErrorObject{
		Title: "can't be blank", Detail: "sku_id - can't be blank", Code: "100", Status: "422",
		Source: &ErrorSource{Pointer: "/data/attributes/sku_id"}, Meta: map[string]any{"hint": "x"},
	}, ed.Errors[0])
	assert.Equal(t, ErrorObject{Title: "bad filter", Code: "102", Status: "400", Source: &ErrorSource{Parameter: "filter[x]"}}, ed.Errors[1])
	assert.Equal(t, ErrorObject{Title: "nulls"}, ed.Errors[2])

	_, err = Parse([]byte(`{"errors": []}`))
	require.ErrorAs(t, err, &ed)
	assert.Empty(t, ed.Errors)
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	objs, err := ParseErrors(json.RawMessage(`[{"detail": "Insufficient funds", "code": 1.5e2}]`))
	require.NoError(t, err)
	assert.Equal(t, []ErrorObject{{Detail: "Insufficient funds", Code: "1.5e2"}}, objs)

	for _, bad := range []string{`{}`, `"x"`, `[1]`, `[{"code": true}]`, `[{"code": "\x"}]`, `[{"status": {}}]`, `[`} {
		objs, err := ParseErrors(json.RawMessage(bad))
		assert.Error(t, err, bad)
		assert.Nil(t, objs, bad)
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ body, want string }{
		"empty":                 {"", "empty body"},
		"blank":                 {" \n\t", "empty body"},
		"array":                 {`[{"data": null}]`, "not a JSON object"},
		"html":                  {"<html><title>502 Bad Gateway</title></html>", "not a JSON object"},
		"truncated":             {`{"data": [{"type": "regions", "id": "1"`, "invalid JSON"},
		"no data":               {`{"meta": {}}`, `no "data" member`},
		"data string":           {`{"data": "countries"}`, `"data" is neither`},
		"data number":           {`{"data": 1}`, `"data" is neither`},
		"data object wrong":     {`{"data": {"type": 1}}`, "data:"},
		"data element wrong":    {`{"data": [{"type": "a", "id": "1"}, 7]}`, "data:"},
		"no type":               {`{"data": {"id": "1"}}`, "data: resource has no type"},
		"no id":                 {`{"data": [{"type": "regions"}]}`, "data[0]: regions resource has no id"},
		"empty id":              {`{"data": {"type": "regions", "id": ""}}`, "has no id"},
		"bool id":               {`{"data": {"type": "regions", "id": true}}`, "want a string or a number"},
		"attributes array":      {`{"data": {"type": "regions", "id": "1", "attributes": [1, 2]}}`, "attributes of regions 1 are not an object"},
		"attributes string":     {`{"data": {"type": "regions", "id": "1", "attributes": "x"}}`, "are not an object"},
		"meta array":            {`{"data": {"type": "regions", "id": "1", "meta": []}}`, "meta of regions 1 is not an object"},
		"relationships array":   {`{"data": {"type": "regions", "id": "1", "relationships": []}}`, "data: json: cannot unmarshal array"},
		"relationship string":   {`{"data": {"type": "regions", "id": "1", "relationships": {"country": "c1"}}}`, "data: json: cannot unmarshal string"},
		"linkage string":        {`{"data": {"type": "regions", "id": "1", "relationships": {"country": {"data": "c1"}}}}`, `relationship "country" of regions 1: linkage is neither`},
		"linkage number":        {`{"data": {"type": "regions", "id": "1", "relationships": {"country": {"data": 5}}}}`, "linkage is neither"},
		"linkage without id":    {`{"data": {"type": "regions", "id": "1", "relationships": {"country": {"data": {"type": "countries"}}}}}`, "linkage without type or id"},
		"linkage without type":  {`{"data": {"type": "regions", "id": "1", "relationships": {"country": {"data": {"id": "c1"}}}}}`, "linkage without type or id"},
		"linkage numeric id":    {`{"data": {"type": "regions", "id": "1", "relationships": {"country": {"data": {"type": "countries", "id": 5}}}}}`, "relationship \"country\""},
		"to-many without id":    {`{"data": {"type": "countries", "id": "1", "relationships": {"regions": {"data": [{"type": "regions", "id": "r"}, {"type": "regions"}]}}}}`, "linkage without type or id"},
		"to-many wrong element": {`{"data": {"type": "countries", "id": "1", "relationships": {"regions": {"data": [1]}}}}`, "relationship \"regions\""},
		"included string":       {`{"data": [], "included": "x"}`, "invalid JSON"},
		"included number":       {`{"data": [], "included": [1]}`, "invalid JSON"},
		"included without id":   {`{"data": [], "included": [{"type": "regions"}]}`, "included[0]: regions resource has no id"},
		"included bad attrs":    {`{"data": [], "included": [{"type": "regions", "id": "1"}, {"type": "regions", "id": "2", "attributes": 3}]}`, "included[1]: attributes of regions 2"},
		"links number":          {`{"data": [], "links": {"next": 3}}`, "links.next is neither"},
		"links href number":     {`{"data": [], "links": {"next": {"href": 3}}}`, "links.next:"},
		"links array":           {`{"data": [], "links": []}`, "invalid JSON"},
		"errors object":         {`{"errors": {"title": "x"}}`, "errors member"},
		"errors string":         {`{"errors": "boom"}`, "errors member"},
		"meta string":           {`{"data": [], "meta": "x"}`, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc, err := Parse([]byte(tc.body))
			if name == "meta string" {
				// A non-object top-level meta is kept raw; decoding it is the caller's business.
				require.NoError(t, err)
				assert.Equal(t, `"x"`, string(doc.Meta))
				return
			}
			require.Error(t, err)
			assert.Nil(t, doc)
			assert.Contains(t, err.Error(), tc.want)
			var ed *ErrorsDocument
			assert.False(t, errors.As(err, &ed), "not an errors document")
		})
	}
}

func TestFlexString(t *testing.T) {
	t.Parallel()
	var s flexString
	require.NoError(t, s.UnmarshalJSON([]byte(`"a\u00e9"`)))
	assert.Equal(t, flexString("aé"), s)
	require.NoError(t, s.UnmarshalJSON([]byte(`42`)))
	assert.Equal(t, flexString("42"), s)
	require.NoError(t, s.UnmarshalJSON([]byte(`null`)))
	assert.Equal(t, flexString("42"), s, "null leaves the value")
	assert.Error(t, s.UnmarshalJSON([]byte(`"\q"`)))
	err := s.UnmarshalJSON([]byte(`{"a": 1}`))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "want a string or a number"))
}

func TestFirstByteAndNulls(t *testing.T) {
	t.Parallel()
	assert.Equal(t, byte('{'), firstByte([]byte(" \t\r\n{")))
	assert.Equal(t, byte(0), firstByte([]byte("  ")))
	assert.True(t, isNull([]byte(" null")))
	assert.Nil(t, nullToNil(json.RawMessage("null")))
	assert.Nil(t, nullToNil(nil))
	assert.Equal(t, json.RawMessage("{}"), nullToNil(json.RawMessage("{}")))
}
