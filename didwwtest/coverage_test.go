package didwwtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestCountries(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)

	r := apiCall(t, s, s.APIKey, "GET", "/countries?filter%5Biso%5D=US", nil)
	wantStatus(t, r, 200)
	got := r.list(t)
	if len(got) != 1 || got[0].ID != CountryUSID || got[0].Type != "countries" ||
		got[0].Attributes["name"] != "United States" || got[0].Attributes["prefix"] != "1" || got[0].Attributes["iso"] != "US" {
		t.Fatalf("countries: %s", r.body)
	}
	if r.doc.Meta["api_version"] != "2026-04-16" || r.doc.Meta["total_records"] != nil || r.doc.Links != nil {
		t.Errorf("countries are not paginated: meta %v links %v", r.doc.Meta, r.doc.Links)
	}
	if rel := got[0].Relationships["regions"]; rel.Data != nil || rel.Links["related"] != s.URL+"/countries/"+CountryUSID+"/regions" {
		t.Errorf("regions relationship without include: %+v", rel)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/countries?filter%5Bis_available%5D=true&sort=-name&include=regions", nil)
	wantStatus(t, r, 200)
	names := []string{}
	for _, c := range r.list(t) {
		names = append(names, c.Attributes["name"].(string))
	}
	if want := []string{"United States", "United Kingdom", "Germany", "Canada"}; !slices.Equal(names, want) {
		t.Errorf("available countries by -name: %v, want %v", names, want)
	}
	regions := 0
	for _, inc := range r.doc.Included {
		if inc.Type != "regions" {
			t.Errorf("included %s", inc.Type)
		}
		regions++
	}
	if regions != len(s.Catalogue().Regions)-1 { // NL's region is not in an available country
		t.Errorf("%d regions included", regions)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/countries?filter%5Bis_available%5D=false", nil)
	if got := r.list(t); len(got) != 1 || got[0].Attributes["iso"] != "NL" {
		t.Errorf("unavailable countries: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/countries/"+CountryCAID, nil)
	wantStatus(t, r, 200)
	if one := r.one(t); one.Attributes["iso"] != "CA" || r.doc.Meta["api_version"] != "2026-04-16" {
		t.Errorf("show: %s", r.body)
	}
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
		if err := json.Unmarshal(x.Relationships["country"].Data, &linkage); err != nil || linkage.ID != CountryUSID {
			t.Errorf("region country linkage %s", x.Relationships["country"].Data)
		}
	}
	if !slices.Equal(isos, []string{"CA", "FL", "IL", "NY", "TX"}) {
		t.Errorf("US regions by iso: %v", isos)
	}
	if len(r.doc.Included) != 1 || r.doc.Included[0].ID != CountryUSID {
		t.Errorf("included country once: %+v", r.doc.Included)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/cities?filter%5Bcountry.id%5D="+CountryUSID+"&filter%5Bname%5D=Los+Angeles&include=region,area", nil)
	wantStatus(t, r, 200)
	if c := r.list(t); len(c) != 1 || c[0].ID != CityLosAngelesID || r.doc.Meta["total_records"] != 1.0 {
		t.Fatalf("Los Angeles: %s", r.body)
	}
	if len(r.doc.Included) != 2 {
		t.Errorf("included region and area: %s", r.body)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/cities?filter%5Bis_available%5D=false", nil)
	if c := r.list(t); len(c) != 1 || c[0].Attributes["name"] != "Amsterdam" {
		t.Errorf("unavailable cities: %s", r.body)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/did_group_types?sort=-name", nil)
	var names []string
	for _, x := range r.list(t) {
		names = append(names, x.Attributes["name"].(string))
	}
	if !slices.Equal(names, []string{"Toll-free", "National", "Mobile", "Local"}) {
		t.Errorf("types: %v", names)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/did_group_types/"+DIDGroupTypeMobileID+"?include=country", nil)
	wantError(t, r, 400, "112")

	r = apiCall(t, s, s.APIKey, "GET", "/areas?filter%5Bcountry.id%5D="+CountryCAID, nil)
	if len(r.list(t)) != 3 {
		t.Errorf("Canadian areas: %s", r.body)
	}
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
	if len(groups) != 1 || groups[0].ID != DIDGroupLosAngelesID {
		t.Fatalf("groups: %s", r.body)
	}
	g := groups[0]
	if g.Attributes["prefix"] != "213" || g.Attributes["area_name"] != "Los Angeles" || g.Attributes["is_metered"] != false ||
		g.Attributes["allow_additional_channels"] != true {
		t.Errorf("attributes %v", g.Attributes)
	}
	if f, _ := g.Attributes["features"].([]any); len(f) != 1 || f[0] != "voice_in" {
		t.Errorf("features %v", g.Attributes["features"])
	}
	if g.Meta["available_dids_enabled"] != true || g.Meta["needs_registration"] != false || g.Meta["is_available"] != true {
		t.Errorf("meta %v", g.Meta)
	}
	if tc, _ := g.Meta["total_count"].(float64); tc < 24 {
		t.Errorf("total_count %v", g.Meta["total_count"])
	}
	var skus []ref
	if err := json.Unmarshal(g.Relationships["stock_keeping_units"].Data, &skus); err != nil || len(skus) != 2 {
		t.Fatalf("sku linkage %s", g.Relationships["stock_keeping_units"].Data)
	}
	if g.Relationships["country"].Data != nil {
		t.Errorf("country linkage without include: %s", g.Relationships["country"].Data)
	}
	prices := map[string]string{}
	for _, inc := range r.doc.Included {
		prices[inc.ID] = inc.Attributes["setup_price"].(string) + "/" + inc.Attributes["monthly_price"].(string)
		if inc.ID == SKULosAngelesChannelsID && inc.Attributes["channels_included_count"] != 2.0 {
			t.Errorf("channels %v", inc.Attributes)
		}
	}
	if prices[SKULosAngelesMeteredID] != "0.0/0.09" || prices[SKULosAngelesChannelsID] != "4.0/4.0" {
		t.Errorf("prices %v", prices)
	}
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
	if n := count("filter%5Bnanpa_prefix.npanxx%5D=212555"); n != 1 {
		t.Errorf("npanxx 212555: %d", n)
	}
	if n := count("filter%5Bneeds_registration%5D=true"); n != 7 {
		t.Errorf("needs registration: %d", n)
	}
	if n := count("filter%5Bis_available%5D=false"); n != 1 {
		t.Errorf("not available: %d", n)
	}
	if n := count("filter%5Bdid_group_type.id%5D=" + DIDGroupTypeTollFreeID + "%2C" + DIDGroupTypeNationalID); n != 5 {
		t.Errorf("toll-free or national: %d", n)
	}
	if n := count("filter%5Bfeatures%5D=a2p"); n != 2 {
		t.Errorf("a2p: %d", n)
	}
	if n := count("filter%5Bmeta.total_count_gteq%5D=100000"); n != 0 {
		t.Errorf("huge stock: %d", n)
	}
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bfeatures%5D=teleport", nil)
	wantError(t, r, 400, "107")
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bis_metered%5D=maybe", nil)
	wantError(t, r, 400, "107")

	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bcountry.id%5D="+CountryUSID+"&sort=-is_metered,prefix&page%5Bsize%5D=100", nil)
	var order []string
	for _, g := range r.list(t) {
		order = append(order, g.Attributes["prefix"].(string))
	}
	if want := []string{"312", "800", "212", "213", "214", "305", "415", "512", "619", "713", "716"}; !slices.Equal(order, want) {
		t.Errorf("sorted prefixes %v, want %v", order, want)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupAachenID+"?include=address_requirement,country,did_group_type", nil)
	wantStatus(t, r, 200)
	g := r.one(t)
	if g.Meta["needs_registration"] != true || g.Meta["available_dids_enabled"] != false || len(r.doc.Included) != 3 {
		t.Errorf("Aachen: %s", r.body)
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	total := len(s.Catalogue().DIDGroups)
	next := s.URL + "/did_groups?page%5Bsize%5D=10&filter%5Bprefix%5D=" // an empty filter value matches nothing
	r := apiCall(t, s, s.APIKey, "GET", strings.TrimPrefix(next, s.URL), nil)
	if len(r.list(t)) != 0 || r.doc.Meta["total_records"] != 0.0 || r.doc.Links["last"] == "" || r.doc.Links["next"] != "" {
		t.Errorf("empty page: %s", r.body)
	}

	var seen []string
	pages := 0
	next = s.URL + "/did_groups?page%5Bsize%5D=10"
	for next != "" {
		if !strings.HasPrefix(next, s.URL+"/did_groups?") {
			t.Fatalf("link %q is not under the server URL", next)
		}
		r := apiCall(t, s, s.APIKey, "GET", strings.TrimPrefix(next, s.URL), nil)
		wantStatus(t, r, 200)
		pages++
		seen = append(seen, ids(r.list(t))...)
		if r.doc.Meta["total_records"] != float64(total) {
			t.Errorf("total_records %v", r.doc.Meta["total_records"])
		}
		if r.doc.Links["first"] != s.URL+"/did_groups?page%5Bnumber%5D=1&page%5Bsize%5D=10" {
			t.Errorf("first %q", r.doc.Links["first"])
		}
		if pages == 1 && r.doc.Links["prev"] != "" {
			t.Errorf("prev on page 1: %q", r.doc.Links["prev"])
		}
		if pages > 1 && r.doc.Links["prev"] == "" {
			t.Errorf("no prev on page %d", pages)
		}
		next = r.doc.Links["next"]
		if next == "" && r.doc.Links["last"] != s.URL+"/did_groups?page%5Bnumber%5D=4&page%5Bsize%5D=10" {
			t.Errorf("last %q", r.doc.Links["last"])
		}
	}
	slices.Sort(seen)
	if pages != 4 || len(seen) != total || len(slices.Compact(seen)) != total || total < 30 {
		t.Errorf("%d pages, %d ids of %d", pages, len(seen), total)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?page%5Bnumber%5D=9&page%5Bsize%5D=10&filter%5Bcountry.id%5D="+CountryUSID, nil)
	wantStatus(t, r, 200)
	if len(r.list(t)) != 0 || !strings.Contains(r.doc.Links["last"], "filter%5Bcountry.id%5D="+CountryUSID) {
		t.Errorf("past the end: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups", nil)
	if len(r.list(t)) != min(50, total) {
		t.Errorf("default page size")
	}
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
	if len(r.list(t)) != 100 || r.doc.Meta["total_records"] != 4000.0 || r.doc.Links["next"] != "" {
		t.Errorf("last page of 4000: %d items, meta %v, links %v", len(r.list(t)), r.doc.Meta, r.doc.Links)
	}
}

func TestAvailableDIDs(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	q := "/available_dids?include=did_group.stock_keeping_units&filter%5Bdid_group.id%5D=" + DIDGroupLosAngelesID
	r := apiCall(t, s, s.APIKey, "GET", q, nil)
	wantStatus(t, r, 200)
	nums := r.list(t)
	if len(nums) != 24 || r.doc.Meta["total_count"] != 24.0 || r.doc.Links != nil || r.doc.Meta["total_records"] != nil {
		t.Fatalf("LA numbers: %d, meta %v", len(nums), r.doc.Meta)
	}
	guide := slices.IndexFunc(nums, func(n tRes) bool { return n.ID == AvailableDIDLosAngelesID })
	if guide < 0 || nums[guide].Attributes["number"] != "12132933575" {
		t.Errorf("the guide's number is not listed: %+v", nums)
	}
	if nums[0].Relationships["nanpa_prefix"].Data != nil {
		t.Errorf("nanpa linkage without include")
	}
	var types []string
	for _, inc := range r.doc.Included {
		types = append(types, inc.Type)
		if inc.Type == "did_groups" {
			if inc.Meta["available_dids_enabled"] != true || inc.Relationships["stock_keeping_units"].Data == nil {
				t.Errorf("included group lacks meta or SKU linkage: %+v", inc)
			}
		}
	}
	slices.Sort(types)
	if !slices.Equal(types, []string{"did_groups", "stock_keeping_units", "stock_keeping_units"}) {
		t.Errorf("included %v", types)
	}

	r = apiCall(t, s, s.APIKey, "GET", "/available_dids/"+AvailableDIDNewYorkID+"?include=did_group,nanpa_prefix", nil)
	wantStatus(t, r, 200)
	if n := r.one(t); n.Attributes["number"] != "12124727604" || len(r.doc.Included) != 2 {
		t.Errorf("NY number: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids?filter%5Bnumber_contains%5D=2132933575", nil)
	if n := r.list(t); len(n) != 1 || n[0].ID != AvailableDIDLosAngelesID {
		t.Errorf("number_contains: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids", nil)
	if len(r.list(t)) != availableCap || r.doc.Meta["total_count"].(float64) <= availableCap {
		t.Errorf("capped list: %d, meta %v", len(r.list(t)), r.doc.Meta)
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
	if len(p) != 1 || p[0].Attributes["npa"] != "212" || p[0].Attributes["nxx"] != "555" || len(r.doc.Included) != 2 {
		t.Fatalf("212-555: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups?filter%5Bnanpa_prefix.id%5D="+p[0].ID, nil)
	if g := r.list(t); len(g) != 1 || g[0].ID != DIDGroupNewYorkID {
		t.Errorf("group of 212-555: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/nanpa_prefixes?filter%5Bcountry.id%5D="+CountryCAID+"&sort=-npa", nil)
	var npas []string
	for _, x := range r.list(t) {
		npas = append(npas, x.Attributes["npa"].(string))
	}
	if !slices.Equal(npas, []string{"613", "604", "514", "416"}) {
		t.Errorf("Canadian NPAs: %v", npas)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/address_requirements?include=country,personal_proof_types&sort=-personal_proof_qty", nil)
	wantStatus(t, r, 200)
	reqs := r.list(t)
	personal := fmt.Sprintf(`[{"type":"proof_types","id":"%s"},{"type":"proof_types","id":"%s"},{"type":"proof_types","id":"%s"}]`,
		personalProofs[0], personalProofs[1], personalProofs[2])
	if len(reqs) != 4 || reqs[0].Attributes["address_area_level"] != "city" || string(reqs[0].Relationships["personal_proof_types"].Data) != personal ||
		string(reqs[2].Relationships["personal_proof_types"].Data) != "[]" || len(r.doc.Included) != 5 {
		t.Errorf("requirements: %s", r.body)
	}
}

func TestSparseFields(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID+"?include=stock_keeping_units&fields%5Bdid_groups%5D=prefix,stock_keeping_units&fields%5Bstock_keeping_units%5D=monthly_price", nil)
	wantStatus(t, r, 200)
	g := r.one(t)
	if len(g.Attributes) != 1 || g.Attributes["prefix"] != "213" || len(g.Relationships) != 1 {
		t.Errorf("sparse group: %+v", g)
	}
	for _, inc := range r.doc.Included {
		if len(inc.Attributes) != 1 || inc.Attributes["monthly_price"] == nil {
			t.Errorf("sparse SKU: %+v", inc)
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
			if c.status == 404 && strings.Contains(c.path, "cities") && e.Title != "Record not found" {
				t.Errorf("title %q", e.Title)
			}
		})
	}
	for _, accept := range []string{"", "*/*", "application/*", "text/html, " + mediaType} {
		r := apiCall(t, s, s.APIKey, "GET", "/countries", nil, "Accept", accept)
		if r.status != http.StatusOK {
			t.Errorf("Accept %q: %d", accept, r.status)
		}
	}
}
