package didww

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type nullableDoc struct {
	Limit  Nullable[int]    `json:"limit,omitzero"`
	Name   Nullable[string] `json:"name,omitzero"`
	Trunk  *linkage         `json:"trunk,omitempty"`
	Always Nullable[bool]   `json:"always"`
}

func TestNullableMarshal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		doc  nullableDoc
		want string
	}{
		{"left out", nullableDoc{}, `{"always":null}`},
		{"values, zero ones included", nullableDoc{Limit: Value(0), Name: Value(""), Always: Value(false)}, `{"limit":0,"name":"","always":false}`},
		{"nulls", nullableDoc{Limit: Null[int](), Name: Null[string](), Always: Null[bool]()}, `{"limit":null,"name":null,"always":null}`},
		{"relationship set", nullableDoc{Trunk: nullableLinkage("voice_in_trunks", Value("t1"))}, `{"trunk":{"data":{"type":"voice_in_trunks","id":"t1"}},"always":null}`},
		{"relationship cleared", nullableDoc{Trunk: nullableLinkage("voice_in_trunks", Null[string]())}, `{"trunk":{"data":null},"always":null}`},
		{"relationship left out", nullableDoc{Trunk: nullableLinkage("voice_in_trunks", Nullable[string]{})}, `{"always":null}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.doc)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
			assert.Equal(t, tc.want, string(b), "byte for byte")
		})
	}
}

func TestNullableStates(t *testing.T) {
	t.Parallel()
	var unset Nullable[int]
	v, ok := unset.Get()
	assert.True(t, unset.IsZero())
	assert.False(t, unset.IsNull())
	assert.False(t, ok)
	assert.Equal(t, 0, v)

	v, ok = Value(7).Get()
	assert.True(t, ok)
	assert.Equal(t, 7, v)
	assert.False(t, Value(7).IsZero())
	assert.False(t, Value(0).IsNull())

	n := Null[int]()
	_, ok = n.Get()
	assert.False(t, ok)
	assert.True(t, n.IsNull())
	assert.False(t, n.IsZero())
}

func TestNullableUnmarshal(t *testing.T) {
	t.Parallel()
	var doc struct {
		A Nullable[int] `json:"a"`
		B Nullable[int] `json:"b"`
		C Nullable[int] `json:"c"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"a": 3, "b": null}`), &doc))
	assert.Equal(t, Value(3), doc.A)
	assert.Equal(t, Null[int](), doc.B)
	assert.True(t, doc.C.IsZero())
	assert.Error(t, json.Unmarshal([]byte(`{"a": "x"}`), &doc))
}

func TestExclusive(t *testing.T) {
	t.Parallel()
	unset := Nullable[string]{}
	for _, tc := range []struct {
		name         string
		a, b         Nullable[string]
		wantA, wantB Nullable[string]
	}{
		{"a set clears b", Value("t1"), unset, Value("t1"), Null[string]()},
		{"b set clears a", unset, Value("g1"), Null[string](), Value("g1")},
		{"a cleared leaves b out", Null[string](), unset, Null[string](), unset},
		{"both cleared", Null[string](), Null[string](), Null[string](), Null[string]()},
		{"a set, b cleared", Value("t1"), Null[string](), Value("t1"), Null[string]()},
		{"neither", unset, unset, unset, unset},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b, err := exclusive("voice_in_trunk_id", tc.a, "voice_in_trunk_group_id", tc.b)
			require.NoError(t, err)
			assert.Equal(t, tc.wantA, a)
			assert.Equal(t, tc.wantB, b)
		})
	}
	_, _, err := exclusive("voice_in_trunk_id", Value("t1"), "voice_in_trunk_group_id", Value("g1"))
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrInvalidRequest))
	assert.Equal(t, "didww: invalid request: voice_in_trunk_id: and voice_in_trunk_group_id are both set; a DID has at most one of them", err.Error())
}
