package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const covNP212555 = "e1f2a3b4-c5d6-4e7f-8a8b-0c1d2e3f4a5b"

func TestNanpaPrefixesListByNPANXX(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/nanpa_prefixes", "nanpa_prefixes/list_npanxx.json")

	page, err := c.NanpaPrefixes.List(t.Context(), &NanpaPrefixListOptions{NPANXX: "212555"})
	require.NoError(t, err)
	covAssertGET(t, rec, "/nanpa_prefixes", "filter%5Bnpanxx%5D=212555")
	require.Len(t, page.Items, 1)
	assert.Equal(t, &NanpaPrefix{ID: covNP212555, NPA: "212", NXX: "555"}, page.Items[0])
	assert.Equal(t, 1, page.Meta.TotalRecords)
}

func TestNanpaPrefixesListIncludeAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/nanpa_prefixes", "nanpa_prefixes/list_include_all.json")

	page, err := c.NanpaPrefixes.List(t.Context(), &NanpaPrefixListOptions{
		ID:          []string{"p1"},
		CountryID:   covUS,
		RegionID:    "r",
		NPA:         "212",
		NXX:         "555",
		Features:    []Feature{FeatureVoiceIn, FeatureSMSIn},
		IsAvailable: Bool(true),
		Include:     []string{"country", "region"},
		Sort:        []string{"npa", "-nxx"},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/nanpa_prefixes",
		"filter%5Bcountry.id%5D="+covUS+"&filter%5Bdid_group.features%5D=voice_in%2Csms_in&filter%5Bdid_group.is_available%5D=true"+
			"&filter%5Bid%5D=p1&filter%5Bnpa%5D=212&filter%5Bnxx%5D=555&filter%5Bregion.id%5D=r&include=country%2Cregion&sort=npa%2C-nxx")

	require.Len(t, page.Items, 3)
	ny := page.Items[0]
	assert.Equal(t, covNP212555, ny.ID)
	assert.Equal(t, "212", ny.NPA)
	assert.Equal(t, "555", ny.NXX)
	assert.Equal(t, Country{ID: covUS, Name: "United States", Prefix: "1", ISO: "US"}, *ny.Country)
	assert.Equal(t, Region{ID: "6f4d1c2b-8e5a-4f3b-8d9c-2a1f3e4d5c6b", Name: "New York", ISO: "NY"}, *ny.Region)
	assert.Equal(t, "California", page.Items[1].Region.Name)
	to := page.Items[2]
	assert.Equal(t, "416", to.NPA)
	assert.Equal(t, "Canada", to.Country.Name)
	assert.Equal(t, "Ontario", to.Region.Name)
}

func TestNanpaPrefixesAllStopsAtEmptyPage(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/nanpa_prefixes", "nanpa_prefixes/empty.json")
	items, errs := covCollect(c.NanpaPrefixes.All(t.Context(), &NanpaPrefixListOptions{NPANXX: "999999"}))
	assert.Empty(t, items)
	assert.Empty(t, errs)
	covAssertGET(t, rec, "/nanpa_prefixes", "filter%5Bnpanxx%5D=999999&page%5Bnumber%5D=1")
}

func TestNanpaPrefixesRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts *NanpaPrefixListOptions
		want []string
	}{
		"include":  {&NanpaPrefixListOptions{Include: []string{"did_groups"}}, []string{"allowed: country, region"}},
		"sort":     {&NanpaPrefixListOptions{Sort: []string{"npanxx"}}, []string{"allowed: npa, nxx"}},
		"features": {&NanpaPrefixListOptions{Features: []Feature{""}}, []string{"filter[did_group.features]"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.NanpaPrefixes.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
		})
	}
}

func TestNanpaPrefixesGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	const id = "a3b4c5d6-e7f8-4a9b-8c0d-2e3f4a5b6c7d"
	rec := covServe(t, mt, "/nanpa_prefixes/"+id, "nanpa_prefixes/get_include_all.json")

	got, err := c.NanpaPrefixes.Get(t.Context(), id, &GetOptions{Include: []string{"country", "region"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/nanpa_prefixes/"+id, "include=country%2Cregion")
	assert.Equal(t, &NanpaPrefix{
		ID: id, NPA: "416", NXX: "555",
		Country: &Country{ID: covCA, Name: "Canada", Prefix: "1", ISO: "CA"},
		Region:  &Region{ID: "7a5e2d3c-9f6b-4a4c-9e0d-3b2a4f5e6d7c", Name: "Ontario", ISO: "ON"},
	}, got)
}

func TestNanpaPrefixesGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.NanpaPrefixes.Get(t.Context(), "", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.NanpaPrefixes.Get(t.Context(), "x", &GetOptions{Include: []string{"city"}})
	covAssertRefused(t, mt, err, "allowed: country, region")
}
