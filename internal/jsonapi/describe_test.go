package jsonapi

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type describedRegion struct {
	ID   string `didww:"primary,regions|provinces"`
	Name string `didww:"attr,name"`
}

type describedCountry struct {
	ID      string             `didww:"primary,countries"`
	ISO     string             `didww:"attr,iso|iso_code"`
	Count   *int               `didww:"meta,total_count"`
	Capital *describedRegion   `didww:"rel,capital"`
	Regions []*describedRegion `didww:"rel,regions|provinces"`
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	d, err := Describe(reflect.TypeFor[describedCountry]())
	require.NoError(t, err)
	assert.Equal(t, "countries", d.ResType, "type %q alt %v", d.ResType, d.AltTypes)
	assert.Empty(t, d.AltTypes, "type %q alt %v", d.ResType, d.AltTypes)
	names := func(ms []Member) map[string][]string {
		out := map[string][]string{}
		for _, m := range ms {
			out[m.Field.Name] = m.Names
		}
		return out
	}
	assert.Equal(t, map[string][]string{"ISO": {"iso", "iso_code"}}, names(d.Attrs), "attrs")
	assert.Equal(t, map[string][]string{"Count": {"total_count"}}, names(d.Metas), "meta")
	if assert.Len(t, d.Rels, 2, "rels %+v", d.Rels) {
		assert.False(t, d.Rels[0].ToMany, "rels %+v", d.Rels)
		if assert.True(t, d.Rels[1].ToMany, "rels %+v", d.Rels) {
			assert.True(t, d.Rels[1].Elem == reflect.TypeFor[describedRegion](), "rels %+v", d.Rels)
			assert.Equal(t, []string{"regions", "provinces"}, d.Rels[1].Names, "rels %+v", d.Rels)
		}
	}
	r, err := Describe(reflect.TypeFor[describedRegion]())
	require.NoError(t, err)
	got := names(r.Attrs)
	assert.Equal(t, map[string][]string{"Name": {"name"}}, got, "region attrs %v alt %v", got, r.AltTypes)
	assert.Equal(t, []string{"provinces"}, r.AltTypes, "region attrs %v alt %v", got, r.AltTypes)
	_, err = Describe(reflect.TypeFor[int]())
	assert.Error(t, err, "Describe(int): no error")
}
