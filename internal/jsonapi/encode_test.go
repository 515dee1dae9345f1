package jsonapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type tTarget struct {
	ID   string `jsonapi:"primary,targets"`
	Name string `jsonapi:"attr,name"` // never sent: linkage only
}

type tCreate struct {
	ID      string     `jsonapi:"primary,things"`
	Note    string     `jsonapi:"attr,note,omitempty"`
	Flag    *bool      `jsonapi:"attr,flag,omitempty"`
	URL     string     `jsonapi:"attr,url,omitempty"`
	Items   []tItem    `jsonapi:"attr,items,omitempty"`
	Clear   *string    `jsonapi:"attr,clear"`
	Target  *tTarget   `jsonapi:"relation,target,omitempty"`
	Targets []*tTarget `jsonapi:"relation,targets,omitempty"`
}

type tItem struct {
	Type string `json:"type"`
	Qty  int    `json:"qty"`
}

func TestMarshalDocument(t *testing.T) {
	t.Parallel()
	no := false
	b, err := MarshalDocument(&tCreate{
		Flag: &no, URL: "https://example.com/cb?a=1&b=2", Items: []tItem{{"did_order_items", 2}},
		Target: &tTarget{ID: "t1", Name: "x"}, Targets: []*tTarget{{ID: "t2"}, {ID: "t3"}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data": {"type": "things",
	  "attributes": {"flag": false, "url": "https://example.com/cb?a=1&b=2", "items": [{"type": "did_order_items", "qty": 2}], "clear": null},
	  "relationships": {"target": {"data": {"type": "targets", "id": "t1"}},
	    "targets": {"data": [{"type": "targets", "id": "t2"}, {"type": "targets", "id": "t3"}]}}}}`, string(b))
	assert.Contains(t, string(b), "a=1&b=2", "no HTML escaping")

	b, err = MarshalDocument(&tCreate{ID: "9", Note: "n"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data": {"type": "things", "id": "9", "attributes": {"note": "n", "clear": null}}}`, string(b))

	_, err = MarshalDocument(tCreate{})
	assert.Error(t, err)
	_, err = MarshalDocument([]*tCreate{{}})
	assert.ErrorContains(t, err, "want one resource")
}

// tNullable is what a PATCH that may clear an attribute needs: absent,
// null and a value. google/jsonapi leaves an omitempty attribute out when it
// equals its zero value, and otherwise hands it to encoding/json, so a type
// whose zero value means "absent" and whose MarshalJSON writes null or the
// value gives the three.
type tNullable struct {
	set, null bool
	v         string
}

func (n tNullable) MarshalJSON() ([]byte, error) {
	if n.null {
		return []byte("null"), nil
	}
	return json.Marshal(n.v)
}

type tPatch struct {
	ID   string    `jsonapi:"primary,things"`
	Note tNullable `jsonapi:"attr,note,omitempty"`
}

func TestMarshalDocumentThreeStates(t *testing.T) {
	t.Parallel()
	for want, n := range map[string]tNullable{
		`{}`:               {},
		`{"note": null}`:   {set: true, null: true},
		`{"note": "text"}`: {set: true, v: "text"},
	} {
		b, err := MarshalDocument(&tPatch{ID: "1", Note: n})
		require.NoError(t, err)
		var doc struct {
			Data struct {
				Attributes json.RawMessage `json:"attributes"`
			} `json:"data"`
		}
		require.NoError(t, json.Unmarshal(b, &doc))
		if want == `{}` {
			assert.Nil(t, doc.Data.Attributes, "%s", b)
			continue
		}
		assert.JSONEq(t, want, string(doc.Data.Attributes))
	}
}
