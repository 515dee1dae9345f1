package didwwtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCountries(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)

	r := apiCall(t, s, s.APIKey, "GET", "/countries?filter%5Biso%5D=US", nil)
	wantStatus(t, r, 200)
	got := r.list(t)
	require.Len(t, got, 1, "countries: %s", r.body)
	require.Equal(t, CountryUSID, got[0].ID, "countries: %s", r.body)
	require.Equal(t, "countries", got[0].Type, "countries: %s", r.body)
	require.Equal(t, "United States", got[0].Attributes["name"], "countries: %s", r.body)
	require.Equal(t, "1", got[0].Attributes["prefix"], "countries: %s", r.body)
	require.Equal(t, "US", got[0].Attributes["iso"], "countries: %s", r.body)
	assert.Equal(t, "2026-04-16", r.doc.Meta["api_version"], "countries are not paginated: meta %v links %v", r.doc.Meta, r.doc.Links)
	assert.Nil(t, r.doc.Meta["total_records"], "countries are not paginated: meta %v links %v", r.doc.Meta, r.doc.Links)
	assert.Nil(t, r.doc.Links, "countries are not paginated: meta %v links %v", r.doc.Meta, r.doc.Links)
	rel := got[0].Relationships["regions"]
	assert.Nil(t, rel.Data, "regions relationship without include: %+v", rel)
	assert.Equal(t, s.URL+"/countries/"+CountryUSID+"/regions", rel.Links["related"], "regions relationship without include: %+v", rel)

	r = apiCall(t, s, s.APIKey, "GET", "/countries?filter%5Bis_available%5D=true&sort=-name&include=regions", nil)
	wantStatus(t, r, 200)
	names := []string{}
	for _, c := range r.list(t) {
		names = append(names, c.Attributes["name"].(string))
	}
	assert.Equal(t, []string{"United States", "United Kingdom", "Germany", "Canada"}, names, "available countries by -name")
	regions := 0
	for _, inc := range r.doc.Included {
		assert.Equal(t, "regions", inc.Type, "included")
		regions++
	}
	// NL's region is not in an available country
	assert.Equal(t, len(s.Catalogue().Regions)-1, regions, "%d regions included", regions)

	r = apiCall(t, s, s.APIKey, "GET", "/countries?filter%5Bis_available%5D=false", nil)
	got = r.list(t)
	if assert.Len(t, got, 1, "unavailable countries: %s", r.body) {
		assert.Equal(t, "NL", got[0].Attributes["iso"], "unavailable countries: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/countries/"+CountryCAID, nil)
	wantStatus(t, r, 200)
	one := r.one(t)
	assert.Equal(t, "CA", one.Attributes["iso"], "show: %s", r.body)
	assert.Equal(t, "2026-04-16", r.doc.Meta["api_version"], "show: %s", r.body)
}

func TestRegionsAreasCitiesTypes(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "GET", "/regions?filter%5Bcountry.id%5D="+CountryUSID+"&sort=iso&include=country", nil)
	wantStatus(t, r, 200)
	var isos []string
	for _, x := range r.list(t) {
		isos = append(isos, x.Attributes["iso"].(string))
		var linkage ref
		if assert.NoError(t, json.Unmarshal(x.Relationships["country"].Data, &linkage), "region country linkage %s", x.Relationships["country"].Data) {
			assert.Equal(t, CountryUSID, linkage.ID, "region country linkage %s", x.Relationships["country"].Data)
		}
	}
	assert.Equal(t, []string{"CA", "FL", "IL", "NY", "TX"}, isos, "US regions by iso")
	if assert.Len(t, r.doc.Included, 1, "included country once: %+v", r.doc.Included) {
		assert.Equal(t, CountryUSID, r.doc.Included[0].ID, "included country once: %+v", r.doc.Included)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/cities?filter%5Bcountry.id%5D="+CountryUSID+"&filter%5Bname%5D=Los+Angeles&include=region,area", nil)
	wantStatus(t, r, 200)
	c := r.list(t)
	require.Len(t, c, 1, "Los Angeles: %s", r.body)
	require.Equal(t, CityLosAngelesID, c[0].ID, "Los Angeles: %s", r.body)
	require.Equal(t, 1.0, r.doc.Meta["total_records"], "Los Angeles: %s", r.body)
	assert.Len(t, r.doc.Included, 2, "included region and area: %s", r.body)

	r = apiCall(t, s, s.APIKey, "GET", "/cities?filter%5Bis_available%5D=false", nil)
	c = r.list(t)
	if assert.Len(t, c, 1, "unavailable cities: %s", r.body) {
		assert.Equal(t, "Amsterdam", c[0].Attributes["name"], "unavailable cities: %s", r.body)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/did_group_types?sort=-name", nil)
	var names []string
	for _, x := range r.list(t) {
		names = append(names, x.Attributes["name"].(string))
	}
	assert.Equal(t, []string{"Toll-free", "National", "Mobile", "Local"}, names, "types")
	r = apiCall(t, s, s.APIKey, "GET", "/did_group_types/"+DIDGroupTypeMobileID+"?include=country", nil)
	wantError(t, r, 400, "112")

	r = apiCall(t, s, s.APIKey, "GET", "/areas?filter%5Bcountry.id%5D="+CountryCAID, nil)
	assert.Len(t, r.list(t), 3, "Canadian areas: %s", r.body)
}

func TestDIDGroupsSeedFlow(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	q := url.Values{
		"filter[country.id]":             {CountryUSID},
		"filter[city.id]":                {CityLosAngelesID},
		"filter[available_dids_enabled]": {"true"},
		"include":                        {"stock_keeping_units"},
	}
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups?"+q.Encode(), nil)
	wantStatus(t, r, 200)
	groups := r.list(t)
	require.Len(t, groups, 1, "groups: %s", r.body)
	require.Equal(t, DIDGroupLosAngelesID, groups[0].ID, "groups: %s", r.body)
	g := groups[0]
	assert.Equal(t, "213", g.Attributes["prefix"], "attributes %v", g.Attributes)
	assert.Equal(t, "Los Angeles", g.Attributes["area_name"], "attributes %v", g.Attributes)
	assert.Equal(t, false, g.Attributes["is_metered"], "attributes %v", g.Attributes)
	assert.Equal(t, true, g.Attributes["allow_additional_channels"], "attributes %v", g.Attributes)
	f, _ := g.Attributes["features"].([]any)
	if assert.Len(t, f, 1, "features %v", g.Attributes["features"]) {
		assert.Equal(t, "voice_in", f[0], "features %v", g.Attributes["features"])
	}
	assert.Equal(t, true, g.Meta["available_dids_enabled"], "meta %v", g.Meta)
	assert.Equal(t, false, g.Meta["needs_registration"], "meta %v", g.Meta)
	assert.Equal(t, true, g.Meta["is_available"], "meta %v", g.Meta)
	tc, _ := g.Meta["total_count"].(float64)
	assert.GreaterOrEqual(t, tc, float64(24), "total_count %v", g.Meta["total_count"])
	var skus []ref
	require.NoError(t, json.Unmarshal(g.Relationships["stock_keeping_units"].Data, &skus), "sku linkage %s", g.Relationships["stock_keeping_units"].Data)
	require.Len(t, skus, 2, "sku linkage %s", g.Relationships["stock_keeping_units"].Data)
	assert.Nil(t, g.Relationships["country"].Data, "country linkage without include")
	prices := map[string]string{}
	for _, inc := range r.doc.Included {
		prices[inc.ID] = inc.Attributes["setup_price"].(string) + "/" + inc.Attributes["monthly_price"].(string)
		if inc.ID == SKULosAngelesChannelsID {
			assert.Equal(t, 2.0, inc.Attributes["channels_included_count"], "channels %v", inc.Attributes)
		}
	}
	assert.Equal(t, "0.0/0.09", prices[SKULosAngelesMeteredID], "prices %v", prices)
	assert.Equal(t, "4.0/4.0", prices[SKULosAngelesChannelsID], "prices %v", prices)
}

func TestDIDGroupsFiltersAndSorts(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	count := func(query string) int {
		t.Helper()
		r := apiCall(t, s, s.APIKey, "GET", "/did_groups?"+query, nil)
		wantStatus(t, r, 200)
		return len(r.list(t))
	}
	assert.Equal(t, 1, count("filter%5Bnanpa_prefix.npanxx%5D=212555"), "npanxx 212555")
	assert.Equal(t, 7, count("filter%5Bneeds_registration%5D=true"), "needs registration")
	assert.Equal(t, 1, count("filter%5Bis_available%5D=false"), "not available")
	assert.Equal(t, 5, count("filter%5Bdid_group_type.id%5D="+DIDGroupTypeTollFreeID+"%2C"+DIDGroupTypeNationalID), "toll-free or national")
	assert.Equal(t, 2, count("filter%5Bfeatures%5D=a2p"), "a2p")
	assert.Equal(t, 0, count("filter%5Bmeta.total_count_gteq%5D=100000"), "huge stock")
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bfeatures%5D=teleport", nil)
	wantError(t, r, 400, "107")
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bis_metered%5D=maybe", nil)
	wantError(t, r, 400, "107")

	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bcountry.id%5D="+CountryUSID+"&sort=-is_metered,prefix&page%5Bsize%5D=100", nil)
	var order []string
	for _, g := range r.list(t) {
		order = append(order, g.Attributes["prefix"].(string))
	}
	assert.Equal(t, []string{"312", "800", "212", "213", "214", "305", "415", "512", "619", "713", "716"}, order, "sorted prefixes")
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupAachenID+"?include=address_requirement,country,did_group_type", nil)
	wantStatus(t, r, 200)
	g := r.one(t)
	assert.Equal(t, true, g.Meta["needs_registration"], "Aachen: %s", r.body)
	assert.Equal(t, false, g.Meta["available_dids_enabled"], "Aachen: %s", r.body)
	assert.Len(t, r.doc.Included, 3, "Aachen: %s", r.body)
}

func TestPagination(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	total := len(s.Catalogue().DIDGroups)
	next := s.URL + "/did_groups?page%5Bsize%5D=10&filter%5Bprefix%5D=" // an empty filter value matches nothing
	r := apiCall(t, s, s.APIKey, "GET", strings.TrimPrefix(next, s.URL), nil)
	assert.Empty(t, r.list(t), "empty page: %s", r.body)
	assert.Equal(t, 0.0, r.doc.Meta["total_records"], "empty page: %s", r.body)
	if assert.NotEmpty(t, r.doc.Links["last"], "empty page: %s", r.body) {
		assert.Empty(t, r.doc.Links["next"], "empty page: %s", r.body)
	}

	var seen []string
	pages := 0
	next = s.URL + "/did_groups?page%5Bsize%5D=10"
	for next != "" {
		require.True(t, strings.HasPrefix(next, s.URL+"/did_groups?"), "link %q is not under the server URL", next)
		r := apiCall(t, s, s.APIKey, "GET", strings.TrimPrefix(next, s.URL), nil)
		wantStatus(t, r, 200)
		pages++
		seen = append(seen, ids(r.list(t))...)
		assert.Equal(t, float64(total), r.doc.Meta["total_records"], "total_records")
		assert.Equal(t, s.URL+"/did_groups?page%5Bnumber%5D=1&page%5Bsize%5D=10", r.doc.Links["first"], "first")
		if pages == 1 {
			assert.Empty(t, r.doc.Links["prev"], "prev on page 1")
		}
		if pages > 1 {
			assert.NotEmpty(t, r.doc.Links["prev"], "no prev on page %d", pages)
		}
		next = r.doc.Links["next"]
		if next == "" {
			assert.Equal(t, s.URL+"/did_groups?page%5Bnumber%5D=4&page%5Bsize%5D=10", r.doc.Links["last"], "last")
		}
	}
	slices.Sort(seen)
	assert.Equal(t, 4, pages, "%d pages, %d ids of %d", pages, len(seen), total)
	if assert.Len(t, seen, total, "%d pages, %d ids of %d", pages, len(seen), total) && assert.Len(t, slices.Compact(seen), total, "%d pages, %d ids of %d", pages, len(seen), total) {
		assert.GreaterOrEqual(t, total, 30, "%d pages, %d ids of %d", pages, len(seen), total)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?page%5Bnumber%5D=9&page%5Bsize%5D=10&filter%5Bcountry.id%5D="+CountryUSID, nil)
	wantStatus(t, r, 200)
	assert.Empty(t, r.list(t), "past the end: %s", r.body)
	assert.Contains(t, r.doc.Links["last"], "filter%5Bcountry.id%5D="+CountryUSID, "past the end: %s", r.body)
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups", nil)
	assert.Len(t, r.list(t), min(50, total), "default page size")
	for _, bad := range []string{"page%5Bsize%5D=101", "page%5Bsize%5D=0", "page%5Bnumber%5D=0", "page%5Bnumber%5D=x"} {
		wantError(t, apiCall(t, s, s.APIKey, "GET", "/cities?"+bad, nil), 400, "118")
	}
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/cities?page%5Boffset%5D=1", nil), 400, "105")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/countries?page%5Bsize%5D=10", nil), 400, "105")
}

func TestLargeCatalogue(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithCatalogue(LargeCatalogue(4000)))
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups?page%5Bsize%5D=100&page%5Bnumber%5D=40", nil)
	wantStatus(t, r, 200)
	if assert.Len(t, r.list(t), 100, "last page of 4000: %d items, meta %v, links %v", len(r.list(t)), r.doc.Meta, r.doc.Links) {
		assert.Equal(t, 4000.0, r.doc.Meta["total_records"], "last page of 4000: %d items, meta %v, links %v", len(r.list(t)), r.doc.Meta, r.doc.Links)
		assert.Empty(t, r.doc.Links["next"], "last page of 4000: %d items, meta %v, links %v", len(r.list(t)), r.doc.Meta, r.doc.Links)
	}
}

func TestAvailableDIDs(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	q := "/available_dids?include=did_group.stock_keeping_units&filter%5Bdid_group.id%5D=" + DIDGroupLosAngelesID
	r := apiCall(t, s, s.APIKey, "GET", q, nil)
	wantStatus(t, r, 200)
	nums := r.list(t)
	require.Len(t, nums, 24, "LA numbers: %d, meta %v", len(nums), r.doc.Meta)
	require.Equal(t, 24.0, r.doc.Meta["total_count"], "LA numbers: %d, meta %v", len(nums), r.doc.Meta)
	require.Nil(t, r.doc.Links, "LA numbers: %d, meta %v", len(nums), r.doc.Meta)
	require.Nil(t, r.doc.Meta["total_records"], "LA numbers: %d, meta %v", len(nums), r.doc.Meta)
	guide := slices.IndexFunc(nums, func(n tRes) bool { return n.ID == AvailableDIDLosAngelesID })
	assert.GreaterOrEqual(t, guide, 0, "the guide's number is not listed: %+v", nums)
	assert.Equal(t, "12132933575", nums[guide].Attributes["number"], "the guide's number is not listed: %+v", nums)
	assert.Nil(t, nums[0].Relationships["nanpa_prefix"].Data, "nanpa linkage without include")
	var types []string
	for _, inc := range r.doc.Included {
		types = append(types, inc.Type)
		if inc.Type == "did_groups" {
			assert.Equal(t, true, inc.Meta["available_dids_enabled"], "included group lacks meta or SKU linkage: %+v", inc)
			assert.NotNil(t, inc.Relationships["stock_keeping_units"].Data, "included group lacks meta or SKU linkage: %+v", inc)
		}
	}
	slices.Sort(types)
	assert.Equal(t, []string{"did_groups", "stock_keeping_units", "stock_keeping_units"}, types, "included")

	r = apiCall(t, s, s.APIKey, "GET", "/available_dids/"+AvailableDIDNewYorkID+"?include=did_group,nanpa_prefix", nil)
	wantStatus(t, r, 200)
	n := r.one(t)
	assert.Equal(t, "12124727604", n.Attributes["number"], "NY number: %s", r.body)
	assert.Len(t, r.doc.Included, 2, "NY number: %s", r.body)
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids?filter%5Bnumber_contains%5D=2132933575", nil)
	if found := r.list(t); assert.Len(t, found, 1, "number_contains: %s", r.body) {
		assert.Equal(t, AvailableDIDLosAngelesID, found[0].ID, "number_contains: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids", nil)
	if assert.Len(t, r.list(t), availableCap, "capped list: %d, meta %v", len(r.list(t)), r.doc.Meta) {
		assert.Greater(t, r.doc.Meta["total_count"].(float64), float64(availableCap), "capped list: %d, meta %v", len(r.list(t)), r.doc.Meta)
	}
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/available_dids?filter%5Bnumber_contains%5D=21", nil), 400, "107")
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids?filter%5Bnumber_contains%5D=21&filter%5Bcountry.id%5D="+CountryUSID, nil)
	wantStatus(t, r, 200)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/available_dids?include=did_group.bogus", nil), 400, "112")
}

func TestNanpaPrefixesAndRequirements(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "GET", "/nanpa_prefixes?filter%5Bnpanxx%5D=212555&include=country,region", nil)
	wantStatus(t, r, 200)
	p := r.list(t)
	require.Len(t, p, 1, "212-555: %s", r.body)
	require.Equal(t, "212", p[0].Attributes["npa"], "212-555: %s", r.body)
	require.Equal(t, "555", p[0].Attributes["nxx"], "212-555: %s", r.body)
	require.Len(t, r.doc.Included, 2, "212-555: %s", r.body)
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bnanpa_prefix.id%5D="+p[0].ID, nil)
	g := r.list(t)
	if assert.Len(t, g, 1, "group of 212-555: %s", r.body) {
		assert.Equal(t, DIDGroupNewYorkID, g[0].ID, "group of 212-555: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/nanpa_prefixes?filter%5Bcountry.id%5D="+CountryCAID+"&sort=-npa", nil)
	var npas []string
	for _, x := range r.list(t) {
		npas = append(npas, x.Attributes["npa"].(string))
	}
	assert.Equal(t, []string{"613", "604", "514", "416"}, npas, "Canadian NPAs")
	r = apiCall(t, s, s.APIKey, "GET", "/address_requirements?include=country,personal_proof_types&sort=-personal_proof_qty", nil)
	wantStatus(t, r, 200)
	reqs := r.list(t)
	personal := fmt.Sprintf(`[{"type":"proof_types","id":"%s"},{"type":"proof_types","id":"%s"},{"type":"proof_types","id":"%s"}]`,
		personalProofs[0], personalProofs[1], personalProofs[2])
	if assert.Len(t, reqs, 4, "requirements: %s", r.body) {
		assert.Equal(t, "city", reqs[0].Attributes["address_area_level"], "requirements: %s", r.body)
		assert.Equal(t, personal, string(reqs[0].Relationships["personal_proof_types"].Data), "requirements: %s", r.body)
		assert.Equal(t, "[]", string(reqs[2].Relationships["personal_proof_types"].Data), "requirements: %s", r.body)
		assert.Len(t, r.doc.Included, 5, "requirements: %s", r.body)
	}
}

func TestSparseFields(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID+"?include=stock_keeping_units&fields%5Bdid_groups%5D=prefix,stock_keeping_units&fields%5Bstock_keeping_units%5D=monthly_price", nil)
	wantStatus(t, r, 200)
	g := r.one(t)
	if assert.Len(t, g.Attributes, 1, "sparse group: %+v", g) {
		assert.Equal(t, "213", g.Attributes["prefix"], "sparse group: %+v", g)
		assert.Len(t, g.Relationships, 1, "sparse group: %+v", g)
	}
	for _, inc := range r.doc.Included {
		if assert.Len(t, inc.Attributes, 1, "sparse SKU: %+v", inc) {
			assert.NotNil(t, inc.Attributes["monthly_price"], "sparse SKU: %+v", inc)
		}
	}
}

func TestRequestErrors(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	cases := []struct {
		name, method, path, key string
		hdr                     []string
		body                    any
		status                  int
		code                    string
	}{
		{"no key", "GET", "/countries", "", nil, nil, 401, "401"},
		{"wrong key", "GET", "/countries", "nope", nil, nil, 401, "401"},
		{"unknown id", "GET", "/cities/00000000-0000-0000-0000-000000000000", s.APIKey, nil, nil, 404, "404"},
		{"unknown route", "GET", "/sms_trunks", s.APIKey, nil, nil, 404, "404"},
		{"unknown filter", "GET", "/cities?filter%5Bbogus%5D=1", s.APIKey, nil, nil, 400, "102"},
		{"unknown include", "GET", "/cities?include=bogus", s.APIKey, nil, nil, 400, "112"},
		{"unknown sort", "GET", "/cities?sort=-bogus", s.APIKey, nil, nil, 400, "114"},
		{"unknown param", "GET", "/cities?bogus=1", s.APIKey, nil, nil, 400, "105"},
		{"filter on show", "GET", "/cities/" + CityLosAngelesID + "?filter%5Bname%5D=x", s.APIKey, nil, nil, 400, "105"},
		{"html accept", "GET", "/countries", s.APIKey, []string{"Accept", "text/html"}, nil, 406, "406"},
		{"parameterised accept", "GET", "/countries", s.APIKey, []string{"Accept", mediaType + "; ext=bulk"}, nil, 406, "406"},
		{"json content type", "POST", "/orders", s.APIKey, []string{"Content-Type", "application/json"}, "{}", 415, "415"},
		{"parameterised content type", "POST", "/did_reservations", s.APIKey, []string{"Content-Type", mediaType + "; charset=utf-8"}, "{}", 415, "415"},
		{"no content type", "POST", "/orders", s.APIKey, []string{"Content-Type", ""}, "{}", 415, "415"},
		{"method", "DELETE", "/countries/" + CountryUSID, s.APIKey, nil, nil, 405, "405"},
		{"garbage body", "POST", "/orders", s.APIKey, nil, "{not json", 400, "400"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := apiCall(t, s, c.key, c.method, c.path, c.body, c.hdr...)
			e := wantError(t, r, c.status, c.code)
			if c.status == 404 && strings.Contains(c.path, "cities") {
				assert.Equal(t, "Record not found", e.Title, "title")
			}
		})
	}
	for _, accept := range []string{"", "*/*", "application/*", "text/html, " + mediaType} {
		r := apiCall(t, s, s.APIKey, "GET", "/countries", nil, "Accept", accept)
		assert.Equal(t, http.StatusOK, r.status, "Accept %q: %d", accept, r.status)
	}
}
