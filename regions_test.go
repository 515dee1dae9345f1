package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegionsListIncludeCountry(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/regions", "regions/list_include_country.json")

	opts := &RegionListOptions{
		ID:        []string{"r1", "r2"},
		CountryID: covUS,
		ISO:       "CA",
		Name:      "California",
		Include:   []string{"country"},
		Sort:      []string{"-name", "iso"},
	}
	page, err := c.Regions.List(t.Context(), opts)
	require.NoError(t, err)
	covAssertGET(t, rec, "/regions",
		"filter%5Bcountry.id%5D="+covUS+"&filter%5Bid%5D=r1%2Cr2&filter%5Biso%5D=CA&filter%5Bname%5D=California&include=country&sort=-name%2Ciso")

	require.Len(t, page.Items, 3)
	ca := page.Items[0]
	assert.Equal(t, "5e3c0b1a-7d4f-4e2a-9c8b-1f0e2d3c4b5a", ca.ID)
	assert.Equal(t, "California", ca.Name)
	assert.Equal(t, "CA", ca.ISO)
	require.NotNil(t, ca.Country)
	assert.Equal(t, Country{ID: covUS, Name: "United States", Prefix: "1", ISO: "US"}, *ca.Country)
	// Every region shares the one decoded country.
	assert.Same(t, ca.Country, page.Items[1].Country)
	guam := page.Items[2]
	assert.Equal(t, "Guam", guam.Name)
	assert.Equal(t, "", guam.ISO, "a null iso reads as empty")
	assert.Equal(t, "2026-04-16", page.Meta.APIVersion)
}

func TestRegionsAllAndEmpty(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/regions", "regions/empty.json")
	items, errs := covCollect(c.Regions.All(t.Context(), &RegionListOptions{CountryID: covCA}))
	assert.Empty(t, items)
	assert.Empty(t, errs)
	covAssertGET(t, rec, "/regions", "filter%5Bcountry.id%5D="+covCA)
}

func TestRegionsRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts *RegionListOptions
		want []string
	}{
		"include": {&RegionListOptions{Include: []string{"cities"}}, []string{"allowed: country"}},
		"sort":    {&RegionListOptions{Sort: []string{"prefix"}}, []string{"allowed: iso, name"}},
		"page":    {&RegionListOptions{ListOptions: ListOptions{PageNumber: 2}}, []string{"not paginated"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.Regions.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
		})
	}
}

func TestRegionsGetIncludeCountry(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	const id = "7a5e2d3c-9f6b-4a4c-9e0d-3b2a4f5e6d7c"
	rec := covServe(t, mt, "/regions/"+id, "regions/get_include_country.json")

	got, err := c.Regions.Get(t.Context(), id, &GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/regions/"+id, "include=country")
	assert.Equal(t, &Region{ID: id, Name: "Ontario", ISO: "ON", Country: &Country{ID: covCA, Name: "Canada", Prefix: "1", ISO: "CA"}}, got)
}

func TestRegionsGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.Regions.Get(t.Context(), " ", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.Regions.Get(t.Context(), "x", &GetOptions{Include: []string{"regions"}})
	covAssertRefused(t, mt, err, "allowed: country")
}

func TestRegionsGetCyclicIncludes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	// region r1 -> country c -> regions [r1, r2] -> r2.country -> c again:
	// the decoder must stop at the cycle and leave ID-only references.
	body := []byte(`{"data":{"id":"r1","type":"regions","attributes":{"name":"California","iso":"CA"},
	 "relationships":{"country":{"data":{"type":"countries","id":"c"}}}},
	 "included":[
	  {"id":"c","type":"countries","attributes":{"name":"United States","prefix":"1","iso":"US"},
	   "relationships":{"regions":{"data":[{"type":"regions","id":"r1"},{"type":"regions","id":"r2"}]}}},
	  {"id":"r2","type":"regions","attributes":{"name":"New York","iso":"NY"},
	   "relationships":{"country":{"data":{"type":"countries","id":"c"}}}}],
	 "meta":{"api_version":"2026-04-16"}}`)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/regions/r1", rec.wrap(jsonAPI(200, body)))

	got, err := c.Regions.Get(t.Context(), "r1", &GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/regions/r1", "include=country")
	require.NotNil(t, got.Country)
	assert.Equal(t, "United States", got.Country.Name)
	require.Len(t, got.Country.Regions, 2)
	assert.Equal(t, &Region{ID: "r1"}, got.Country.Regions[0], "the primary region is not re-decoded")
	r2 := got.Country.Regions[1]
	assert.Equal(t, "New York", r2.Name)
	assert.Equal(t, &Country{ID: "c"}, r2.Country, "the cycle back to the country ends in an ID-only struct")
}

// Region iso as recorded: null for most regions (read as empty), else a
// full ISO 3166-2 code.
func TestRegionsISORecordedShapes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/regions", jsonAPI(200, []byte(`{"data": [
		{"id": "r1", "type": "regions", "attributes": {"name": "New Jersey", "iso": "US-NJ"}},
		{"id": "r2", "type": "regions", "attributes": {"name": "Lazio", "iso": null}}],
		"meta": {"api_version": "2026-04-16"}}`)))
	p, err := c.Regions.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	assert.Equal(t, Region{ID: "r1", Name: "New Jersey", ISO: "US-NJ"}, *p.Items[0])
	assert.Equal(t, Region{ID: "r2", Name: "Lazio"}, *p.Items[1])
}
