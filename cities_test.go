package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const covLA = "f6672960-da2b-48a4-9f30-0065a8c54182"

func TestCitiesListSeedLosAngeles(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/cities", "cities/seed_list_los_angeles.json")

	page, err := c.Cities.List(t.Context(), &CityListOptions{CountryID: covUS, Name: "Los Angeles"})
	require.NoError(t, err)
	// The seed's request, byte for byte.
	covAssertGET(t, rec, "/cities", "filter%5Bcountry.id%5D=1f6fc2bd-f081-4202-9b1a-d9cb88d942b9&filter%5Bname%5D=Los+Angeles")

	require.Len(t, page.Items, 1)
	assert.Equal(t, &City{ID: covLA, Name: "Los Angeles"}, page.Items[0])
	assert.Equal(t, Meta{APIVersion: "2022-05-10", TotalRecords: 1}, page.Meta)
	assert.False(t, page.HasNext())
}

func TestCitiesListIncludeAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/cities", "cities/list_include_all.json")

	opts := &CityListOptions{
		ListOptions: ListOptions{PageNumber: 1, PageSize: 50},
		ID:          []string{"a", "b"},
		RegionID:    "r",
		AreaID:      "ar",
		IsAvailable: Bool(true),
		Include:     []string{"country", "region", "area"},
		Sort:        []string{"-name"},
	}
	page, err := c.Cities.List(t.Context(), opts)
	require.NoError(t, err)
	covAssertGET(t, rec, "/cities",
		"filter%5Barea.id%5D=ar&filter%5Bid%5D=a%2Cb&filter%5Bis_available%5D=true&filter%5Bregion.id%5D=r"+
			"&include=country%2Cregion%2Carea&page%5Bnumber%5D=1&page%5Bsize%5D=50&sort=-name")

	require.Len(t, page.Items, 3)
	la := page.Items[0]
	assert.Equal(t, covLA, la.ID)
	assert.Equal(t, "Los Angeles", la.Name)
	assert.Equal(t, Country{ID: covUS, Name: "United States", Prefix: "1", ISO: "US"}, *la.Country)
	assert.Equal(t, Region{ID: "5e3c0b1a-7d4f-4e2a-9c8b-1f0e2d3c4b5a", Name: "California", ISO: "CA"}, *la.Region)
	assert.Equal(t, Area{ID: "c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f", Name: "Los Angeles Metro"}, *la.Area)

	ny := page.Items[1]
	assert.Equal(t, "New York", ny.Name)
	assert.Same(t, la.Country, ny.Country, "included resources are shared")
	assert.Equal(t, "New York Metro", ny.Area.Name)

	lon := page.Items[2]
	assert.Equal(t, "London", lon.Name)
	assert.Equal(t, "United Kingdom", lon.Country.Name)
	assert.Equal(t, "England", lon.Region.Name)
	assert.Nil(t, lon.Area, "null linkage leaves the relationship nil")

	assert.Equal(t, Meta{APIVersion: "2026-04-16", TotalRecords: 3}, page.Meta)
	assert.Contains(t, page.Links.First, "page%5Bnumber%5D=1")
	assert.Equal(t, page.Links.First, page.Links.Last)
	assert.False(t, page.HasNext())
}

func TestCitiesListEmpty(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/cities", "cities/empty.json")
	page, err := c.Cities.List(t.Context(), &CityListOptions{Name: "Atlantis"})
	require.NoError(t, err)
	covAssertGET(t, rec, "/cities", "filter%5Bname%5D=Atlantis")
	assert.Empty(t, page.Items)
	assert.Equal(t, 0, page.Meta.TotalRecords)
	assert.False(t, page.HasNext())
}

func TestCitiesAllFollowsPages(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	// Page 1 is a one-city page with a next link; page 2 is the seed answer.
	page1 := []byte(`{"data":[{"id":"c1","type":"cities","attributes":{"name":"Aachen"}}],` +
		`"meta":{"total_records":2,"api_version":"2026-04-16"},` +
		`"links":{"first":"https://api.didww.com/v3/cities?page%5Bnumber%5D=1&page%5Bsize%5D=1",` +
		`"next":"https://api.didww.com/v3/cities?page%5Bnumber%5D=2&page%5Bsize%5D=1",` +
		`"last":"https://api.didww.com/v3/cities?page%5Bnumber%5D=2&page%5Bsize%5D=1"}}`)
	page2 := fixture(t, "cities/seed_list_los_angeles.json")
	mt.RegisterResponder("GET", testBaseURL+"/cities", rec.wrap(covByPage(map[string][]byte{"1": page1, "2": page2})))

	opts := &CityListOptions{ListOptions: ListOptions{PageSize: 1}, CountryID: covUS}
	items, errs := covCollect(c.Cities.All(t.Context(), opts))
	assert.Empty(t, errs)
	require.Len(t, items, 2)
	assert.Equal(t, "Aachen", items[0].Name)
	assert.Equal(t, "Los Angeles", items[1].Name)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.Equal(t, "filter%5Bcountry.id%5D="+covUS+"&page%5Bnumber%5D=1&page%5Bsize%5D=1", reqs[0].RawQuery)
	assert.Equal(t, "filter%5Bcountry.id%5D="+covUS+"&page%5Bnumber%5D=2&page%5Bsize%5D=1", reqs[1].RawQuery)
	assert.Equal(t, &CityListOptions{ListOptions: ListOptions{PageSize: 1}, CountryID: covUS}, opts)
}

func TestCitiesRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts *CityListOptions
		want []string
	}{
		"include":   {&CityListOptions{Include: []string{"did_groups"}}, []string{"allowed: country, region, area"}},
		"sort":      {&CityListOptions{Sort: []string{"country.name"}}, []string{"allowed: name"}},
		"page size": {&CityListOptions{ListOptions: ListOptions{PageSize: 101}}, []string{"PageSize", "100"}},
		"page":      {&CityListOptions{ListOptions: ListOptions{PageNumber: -1}}, []string{"PageNumber"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.Cities.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
		})
	}
}

func TestCitiesGetIncludeAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	const id = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
	rec := covServe(t, mt, "/cities/"+id, "cities/get_include_all.json")

	got, err := c.Cities.Get(t.Context(), id, &GetOptions{Include: []string{"country", "region"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/cities/"+id, "include=country%2Cregion")
	assert.Equal(t, &City{
		ID:      id,
		Name:    "Aachen",
		Country: &Country{ID: "3b1f6a8e-42c4-4a87-9b3f-5d1e2c7a9f21", Name: "Germany", Prefix: "49", ISO: "DE"},
		Region:  &Region{ID: "9c7a4f5e-1b8d-4c6e-9a2f-5d4c6b7a8f9e", Name: "North Rhine-Westphalia", ISO: "NW"},
	}, got)
}

func TestCitiesGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.Cities.Get(t.Context(), "", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.Cities.Get(t.Context(), "x", &GetOptions{Include: []string{"areas"}})
	covAssertRefused(t, mt, err, "allowed: country, region, area")
}

// Area reads its country: ID-only when only linkage came.
func TestCitiesIncludedAreaHasItsCountry(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	const id = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
	mt.RegisterResponder("GET", testBaseURL+"/cities/"+id, jsonAPI(200, []byte(`{
		"data": {"id": "`+id+`", "type": "cities", "attributes": {"name": "Aachen"},
			"relationships": {"area": {"data": {"type": "areas", "id": "a1"}}}},
		"included": [{"id": "a1", "type": "areas", "attributes": {"name": "Aachen area"},
			"relationships": {"country": {"data": {"type": "countries", "id": "3b1f6a8e-42c4-4a87-9b3f-5d1e2c7a9f21"}}}}],
		"meta": {"api_version": "2026-04-16"}}`)))
	got, err := c.Cities.Get(t.Context(), id, &GetOptions{Include: []string{"area"}})
	require.NoError(t, err)
	assert.Equal(t, &Area{ID: "a1", Name: "Aachen area", Country: &Country{ID: "3b1f6a8e-42c4-4a87-9b3f-5d1e2c7a9f21"}}, got.Area)
}
