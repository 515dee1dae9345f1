package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDIDGroupTypesList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_group_types", "did_group_types/list.json")

	page, err := c.DIDGroupTypes.List(t.Context(), &DIDGroupTypeListOptions{
		ListOptions: ListOptions{PageNumber: 1, PageSize: 100},
		ID:          []string{"a"},
		Name:        "Local",
		Sort:        []string{"name"},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_group_types", "filter%5Bid%5D=a&filter%5Bname%5D=Local&page%5Bnumber%5D=1&page%5Bsize%5D=100&sort=name")

	want := []DIDGroupType{
		{ID: "0d51924c-e863-44ff-be59-10547c138955", Name: "Local"},
		{ID: "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b", Name: "Mobile"},
		{ID: "a7b8c9d0-e1f2-4a3b-8c4d-6e7f8a9b0c1d", Name: "National"},
		{ID: "b8c9d0e1-f2a3-4b4c-9d5e-7f8a9b0c1d2e", Name: "Shared Cost"},
		{ID: "f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8a9b0c", Name: "Toll-free"},
	}
	require.Len(t, page.Items, len(want))
	for i, w := range want {
		assert.Equal(t, w, *page.Items[i])
	}
	assert.Equal(t, Meta{APIVersion: "2026-04-16", TotalRecords: 5}, page.Meta)
	assert.False(t, page.HasNext())
}

func TestDIDGroupTypesAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_group_types", "did_group_types/list.json")
	items, errs := covCollect(c.DIDGroupTypes.All(t.Context(), nil))
	assert.Empty(t, errs)
	assert.Len(t, items, 5)
	covAssertGET(t, rec, "/did_group_types", "page%5Bnumber%5D=1")
}

func TestDIDGroupTypesRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts *DIDGroupTypeListOptions
		want []string
	}{
		"include": {&DIDGroupTypeListOptions{Include: []string{"did_groups"}}, []string{"no includes"}},
		"sort":    {&DIDGroupTypeListOptions{Sort: []string{"id"}}, []string{"allowed: name"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.DIDGroupTypes.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
		})
	}
}

func TestDIDGroupTypesGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	const id = "f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8a9b0c"
	rec := covServe(t, mt, "/did_group_types/"+id, "did_group_types/get.json")

	got, err := c.DIDGroupTypes.Get(t.Context(), id, nil)
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_group_types/"+id, "")
	assert.Equal(t, &DIDGroupType{ID: id, Name: "Toll-free"}, got)
}

func TestDIDGroupTypesGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.DIDGroupTypes.Get(t.Context(), "", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.DIDGroupTypes.Get(t.Context(), "x", &GetOptions{Include: []string{"country"}})
	covAssertRefused(t, mt, err, "no includes")
}
