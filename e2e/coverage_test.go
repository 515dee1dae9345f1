package e2e_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

func TestE2ECountries(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("filter[iso]=US: %d countries", len(page.Items))
	}
	us := page.Items[0]
	if us.ID != didwwtest.CountryUSID || us.Name != "United States" || us.Prefix != "1" || us.ISO != "US" {
		t.Errorf("US = %+v", us)
	}
	if page.Meta.APIVersion != didww.DefaultAPIVersion {
		t.Errorf("meta.api_version = %q", page.Meta.APIVersion)
	}

	avail, err := client.Countries.List(ctx, &didww.CountryListOptions{IsAvailable: didww.Bool(true), Sort: []string{"name"}})
	if err != nil {
		t.Fatal(err)
	}
	names := e2eIDs(avail.Items, func(c *didww.Country) string { return c.Name })
	if want := []string{"Canada", "Germany", "United Kingdom", "United States"}; !slices.Equal(names, want) {
		t.Errorf("available countries by name = %v, want %v", names, want)
	}
	desc, err := client.Countries.List(ctx, &didww.CountryListOptions{Sort: []string{"-iso"}, Prefix: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if isos := e2eIDs(desc.Items, func(c *didww.Country) string { return c.ISO }); !slices.Equal(isos, []string{"US", "CA"}) {
		t.Errorf("prefix 1 by -iso = %v, want [US CA]", isos)
	}

	all := e2eCollect(t, client.Countries.All(ctx, nil))
	if len(all) != len(srv.Catalogue().Countries) {
		t.Errorf("All yielded %d countries, the catalogue has %d", len(all), len(srv.Catalogue().Countries))
	}

	got, err := client.Countries.Get(ctx, didwwtest.CountryUSID, &didww.GetOptions{Include: []string{"regions"}})
	if err != nil {
		t.Fatal(err)
	}
	regions := e2eIDs(got.Regions, func(r *didww.Region) string { return r.Name })
	if want := []string{"California", "Florida", "Illinois", "New York", "Texas"}; !slices.Equal(e2eSortedCopy(regions), want) {
		t.Errorf("US regions = %v, want %v", regions, want)
	}

	_, err = client.Countries.Get(ctx, "00000000-0000-0000-0000-000000000000", nil)
	if !errors.Is(err, didww.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
	e2eAPIError(t, err, 404)

	before := srv.Requests()
	_, err = client.Countries.List(ctx, &didww.CountryListOptions{Include: []string{"cities"}})
	if !errors.Is(err, didww.ErrInvalidRequest) || !strings.Contains(err.Error(), "regions") {
		t.Errorf("unknown include: %v, want ErrInvalidRequest listing the allowed ones", err)
	}
	if srv.Requests() != before {
		t.Error("a refused include reached the server")
	}
}

func TestE2ERegions(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.Regions.List(ctx, &didww.RegionListOptions{
		CountryID: didwwtest.CountryCAID, Include: []string{"country"}, Sort: []string{"name"},
	})
	if err != nil {
		t.Fatal(err)
	}
	names := e2eIDs(page.Items, func(r *didww.Region) string { return r.Name })
	if want := []string{"British Columbia", "Ontario", "Quebec"}; !slices.Equal(names, want) {
		t.Errorf("Canadian regions = %v, want %v", names, want)
	}
	for _, r := range page.Items {
		if r.Country == nil || r.Country.ID != didwwtest.CountryCAID || r.Country.Name != "Canada" {
			t.Errorf("region %s: country %+v, want Canada included", r.Name, r.Country)
		}
	}

	byISO, err := client.Regions.List(ctx, &didww.RegionListOptions{CountryID: didwwtest.CountryUSID, ISO: "CA"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byISO.Items) != 1 || byISO.Items[0].Name != "California" {
		t.Fatalf("US region CA = %+v", byISO.Items)
	}
	one, err := client.Regions.Get(ctx, byISO.Items[0].ID, &didww.GetOptions{Include: []string{"country"}})
	if err != nil {
		t.Fatal(err)
	}
	if one.Name != "California" || one.ISO != "CA" || one.Country == nil || one.Country.ISO != "US" {
		t.Errorf("Get California = %+v (country %+v)", one, one.Country)
	}
	all := e2eCollect(t, client.Regions.All(ctx, nil))
	if len(all) != len(srv.Catalogue().Regions) {
		t.Errorf("All yielded %d regions, the catalogue has %d", len(all), len(srv.Catalogue().Regions))
	}
}

func TestE2ECities(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.Cities.List(ctx, &didww.CityListOptions{
		CountryID: didwwtest.CountryUSID, Name: "Los Angeles", Include: []string{"country", "region", "area"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Meta.TotalRecords != 1 {
		t.Fatalf("Los Angeles: %d cities, total_records %d", len(page.Items), page.Meta.TotalRecords)
	}
	la := page.Items[0]
	if la.ID != didwwtest.CityLosAngelesID || la.Name != "Los Angeles" {
		t.Errorf("city = %+v", la)
	}
	if la.Country == nil || la.Country.ISO != "US" || la.Region == nil || la.Region.Name != "California" || la.Area == nil || la.Area.Name == "" {
		t.Errorf("includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area)
	}

	// Pagination: three per page, followed to the end by All.
	var usCities []string
	for _, c := range srv.Catalogue().Cities {
		if c.CountryID == didwwtest.CountryUSID {
			usCities = append(usCities, c.Name)
		}
	}
	slices.Sort(usCities)
	first, err := client.Cities.List(ctx, &didww.CityListOptions{
		ListOptions: didww.ListOptions{PageSize: 3}, CountryID: didwwtest.CountryUSID, Sort: []string{"name"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if first.Meta.TotalRecords != len(usCities) || len(first.Items) != 3 || !first.HasNext() {
		t.Errorf("first page: %d items of %d, HasNext %v", len(first.Items), first.Meta.TotalRecords, first.HasNext())
	}
	opts := &didww.CityListOptions{ListOptions: didww.ListOptions{PageSize: 3}, CountryID: didwwtest.CountryUSID, Sort: []string{"name"}}
	all := e2eCollect(t, client.Cities.All(ctx, opts))
	if names := e2eIDs(all, func(c *didww.City) string { return c.Name }); !slices.Equal(names, usCities) {
		t.Errorf("All by name, 3 a page = %v, want %v", names, usCities)
	}
	if opts.PageNumber != 0 {
		t.Error("All changed the caller's options")
	}
	if n := e2eRequests(srv, "GET", "/v3/cities"); n != 2+(len(usCities)+2)/3 {
		t.Errorf("%d GET /v3/cities, want the 2 lists and one per page of All", n)
	}

	got, err := client.Cities.Get(ctx, didwwtest.CityLondonID, &didww.GetOptions{Include: []string{"country"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "London" || got.Country == nil || got.Country.ISO != "GB" {
		t.Errorf("London = %+v, country %+v", got, got.Country)
	}

	_, err = client.Cities.List(ctx, &didww.CityListOptions{ListOptions: didww.ListOptions{PageSize: didww.MaxPageSize + 1}})
	if !errors.Is(err, didww.ErrInvalidRequest) {
		t.Errorf("page[size] 101: %v, want ErrInvalidRequest", err)
	}
	_, err = client.Cities.List(ctx, &didww.CityListOptions{Extra: map[string][]string{"filter[planet]": {"mars"}}})
	if apiErr := e2eAPIError(t, err, 400); !strings.Contains(apiErr.Error(), "planet") {
		t.Errorf("unknown filter: %v, want the server's 400 naming it", err)
	}
}

func TestE2EDIDGroupTypes(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.DIDGroupTypes.List(ctx, &didww.DIDGroupTypeListOptions{Sort: []string{"-name"}})
	if err != nil {
		t.Fatal(err)
	}
	names := e2eIDs(page.Items, func(g *didww.DIDGroupType) string { return g.Name })
	if want := []string{"Toll-free", "National", "Mobile", "Local"}; !slices.Equal(names, want) {
		t.Errorf("types by -name = %v, want %v", names, want)
	}
	byName, err := client.DIDGroupTypes.List(ctx, &didww.DIDGroupTypeListOptions{Name: "Mobile"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byName.Items) != 1 || byName.Items[0].ID != didwwtest.DIDGroupTypeMobileID {
		t.Errorf("Mobile = %+v", byName.Items)
	}
	got, err := client.DIDGroupTypes.Get(ctx, didwwtest.DIDGroupTypeTollFreeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Toll-free" {
		t.Errorf("Get toll-free = %+v", got)
	}
	if all := e2eCollect(t, client.DIDGroupTypes.All(ctx, nil)); len(all) != 4 {
		t.Errorf("All yielded %d types, want 4", len(all))
	}
}

func TestE2EDIDGroups(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	// The seed's step 3, with SKUs and every to-one relationship included.
	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID:            didwwtest.CountryUSID,
		CityID:               didwwtest.CityLosAngelesID,
		AvailableDIDsEnabled: didww.Bool(true),
		Include:              []string{"stock_keeping_units", "country", "region", "city", "did_group_type"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("Los Angeles groups with number selection: %d", len(page.Items))
	}
	g := page.Items[0]
	if g.ID != didwwtest.DIDGroupLosAngelesID || g.Prefix != "213" || g.AreaName != "Los Angeles" ||
		!slices.Equal(g.Features, []didww.Feature{didww.FeatureVoiceIn}) || g.IsMetered || !g.AllowAdditionalChannels {
		t.Errorf("group = %+v", g)
	}
	if !g.AvailableDIDsEnabled || g.NeedsRegistration == nil || *g.NeedsRegistration || g.IsAvailable == nil || !*g.IsAvailable || g.TotalCount == nil || *g.TotalCount <= 0 {
		t.Errorf("group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount)
	}
	if g.Country == nil || g.Country.ISO != "US" || g.Region == nil || g.Region.Name != "California" ||
		g.City == nil || g.City.Name != "Los Angeles" || g.DIDGroupType == nil || g.DIDGroupType.Name != "Local" {
		t.Errorf("includes: %+v %+v %+v %+v", g.Country, g.Region, g.City, g.DIDGroupType)
	}
	if len(g.StockKeepingUnits) != 2 {
		t.Fatalf("SKUs = %+v", g.StockKeepingUnits)
	}
	cheap := g.CheapestSKU(0)
	channels := g.CheapestSKU(2)
	if cheap == nil || cheap.ID != didwwtest.SKULosAngelesMeteredID || cheap.SetupPrice != "0.0" || cheap.MonthlyPrice != "0.09" || cheap.ChannelsIncludedCount != 0 {
		t.Errorf("cheapest SKU = %+v", cheap)
	}
	if channels == nil || channels.ID != didwwtest.SKULosAngelesChannelsID || channels.SetupPrice != "4.0" || channels.ChannelsIncludedCount != 2 {
		t.Errorf("cheapest with 2 channels = %+v", channels)
	}

	// Get with the address requirement of a group needing registration.
	aachen, err := client.DIDGroups.Get(ctx, didwwtest.DIDGroupAachenID, &didww.GetOptions{Include: []string{"address_requirement", "city"}})
	if err != nil {
		t.Fatal(err)
	}
	// A Get may leave needs_registration out (nil); when sent it is true.
	if (aachen.NeedsRegistration != nil && !*aachen.NeedsRegistration) || aachen.AddressRequirement == nil || aachen.AddressRequirement.AddressAreaLevel != "city" || aachen.City == nil || aachen.City.Name != "Aachen" {
		t.Errorf("Aachen = %+v, requirement %+v", aachen, aachen.AddressRequirement)
	}

	// Filters compared with the catalogue.
	cat := srv.Catalogue()
	count := func(keep func(didwwtest.DIDGroup) bool) int {
		n := 0
		for _, g := range cat.DIDGroups {
			if keep(g) {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		name string
		opts *didww.DIDGroupListOptions
		want int
	}{
		{"needs registration", &didww.DIDGroupListOptions{NeedsRegistration: didww.Bool(true)},
			count(func(g didwwtest.DIDGroup) bool { return g.NeedsRegistration })},
		{"metered", &didww.DIDGroupListOptions{IsMetered: didww.Bool(true)},
			count(func(g didwwtest.DIDGroup) bool { return g.IsMetered })},
		{"toll-free type", &didww.DIDGroupListOptions{DIDGroupTypeID: didwwtest.DIDGroupTypeTollFreeID},
			count(func(g didwwtest.DIDGroup) bool { return g.DIDGroupTypeID == didwwtest.DIDGroupTypeTollFreeID })},
		{"sms_in or a2p", &didww.DIDGroupListOptions{Features: []didww.Feature{didww.FeatureSMSIn, didww.FeatureA2P}},
			count(func(g didwwtest.DIDGroup) bool {
				return slices.Contains(g.Features, "sms_in") || slices.Contains(g.Features, "a2p")
			})},
		{"not available", &didww.DIDGroupListOptions{IsAvailable: didww.Bool(false)},
			count(func(g didwwtest.DIDGroup) bool { return !g.IsAvailable })},
		{"prefix 212", &didww.DIDGroupListOptions{Prefix: "212"}, 1},
		{"NPA-NXX 212555", &didww.DIDGroupListOptions{NPANXX: "212555"}, 1},
	} {
		p, err := client.DIDGroups.List(ctx, tc.opts)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if p.Meta.TotalRecords != tc.want || tc.want == 0 {
			t.Errorf("%s: total_records %d, want %d (and more than none)", tc.name, p.Meta.TotalRecords, tc.want)
		}
	}

	// Every group, a page of 7 at a time, each once.
	all := e2eCollect(t, client.DIDGroups.All(ctx, &didww.DIDGroupListOptions{ListOptions: didww.ListOptions{PageSize: 7}}))
	ids := e2eIDs(all, func(g *didww.DIDGroup) string { return g.ID })
	if len(ids) != len(cat.DIDGroups) || len(slices.Compact(e2eSortedCopy(ids))) != len(ids) {
		t.Errorf("All yielded %d groups (%d distinct), the catalogue has %d", len(ids), len(slices.Compact(e2eSortedCopy(ids))), len(cat.DIDGroups))
	}

	_, err = client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{Sort: []string{"price"}})
	if !errors.Is(err, didww.ErrInvalidRequest) {
		t.Errorf("unknown sort: %v, want ErrInvalidRequest", err)
	}
}

func TestE2ENanpaPrefixes(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{NPANXX: "212555", Include: []string{"country", "region"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("212555: %d prefixes", len(page.Items))
	}
	p := page.Items[0]
	if p.NPA != "212" || p.NXX != "555" || p.Country == nil || p.Country.ISO != "US" || p.Region == nil || p.Region.Name != "New York" {
		t.Errorf("prefix = %+v, country %+v, region %+v", p, p.Country, p.Region)
	}
	got, err := client.NanpaPrefixes.Get(ctx, p.ID, &didww.GetOptions{Include: []string{"country"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.NPA != "212" || got.NXX != "555" || got.Country == nil || got.Country.ID != didwwtest.CountryUSID {
		t.Errorf("Get = %+v, country %+v", got, got.Country)
	}
	canada, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{CountryID: didwwtest.CountryCAID, Sort: []string{"npa"}})
	if err != nil {
		t.Fatal(err)
	}
	npas := e2eIDs(canada.Items, func(p *didww.NanpaPrefix) string { return p.NPA })
	if want := []string{"416", "514", "604", "613"}; !slices.Equal(npas, want) {
		t.Errorf("Canadian NPAs = %v, want %v", npas, want)
	}
	if all := e2eCollect(t, client.NanpaPrefixes.All(ctx, &didww.NanpaPrefixListOptions{ListOptions: didww.ListOptions{PageSize: 4}})); len(all) != len(srv.Catalogue().NanpaPrefixes) {
		t.Errorf("All yielded %d prefixes, the catalogue has %d", len(all), len(srv.Catalogue().NanpaPrefixes))
	}
}

func TestE2EAvailableDIDs(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	// The seed's step 4: numbers with their group's SKUs nested.
	page, err := client.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{
		DIDGroupID: didwwtest.DIDGroupLosAngelesID, Include: []string{"did_group.stock_keeping_units"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, d := range srv.Catalogue().AvailableDIDs {
		if d.DIDGroupID == didwwtest.DIDGroupLosAngelesID {
			want++
		}
	}
	if len(page.Items) != want || page.Meta.TotalCount != want {
		t.Errorf("Los Angeles numbers: %d items, total_count %d, want %d", len(page.Items), page.Meta.TotalCount, want)
	}
	var seed *didww.AvailableDID
	for _, d := range page.Items {
		if d.ID == didwwtest.AvailableDIDLosAngelesID {
			seed = d
		}
		if d.DIDGroup == nil || d.DIDGroup.ID != didwwtest.DIDGroupLosAngelesID || len(d.DIDGroup.StockKeepingUnits) != 2 {
			t.Fatalf("number %s: group %+v, want the LA group with its 2 SKUs", d.Number, d.DIDGroup)
		}
	}
	if seed == nil || seed.Number != "12132933575" || seed.DIDGroup.CheapestSKU(0).MonthlyPrice != "0.09" || !seed.DIDGroup.AvailableDIDsEnabled {
		t.Errorf("seed number = %+v", seed)
	}

	contains, err := client.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{NumberContains: "2933575"})
	if err != nil {
		t.Fatal(err)
	}
	if len(contains.Items) != 1 || contains.Items[0].ID != didwwtest.AvailableDIDLosAngelesID {
		t.Errorf("number_contains 2933575 = %+v", contains.Items)
	}

	got, err := client.AvailableDIDs.Get(ctx, didwwtest.AvailableDIDNewYorkID, &didww.GetOptions{Include: []string{"nanpa_prefix", "did_group"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "12124727604" || got.NanpaPrefix == nil || got.NanpaPrefix.NPA != "212" || got.NanpaPrefix.NXX != "472" ||
		got.DIDGroup == nil || got.DIDGroup.AreaName != "New York" {
		t.Errorf("New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup)
	}

	all := e2eCollect(t, client.AvailableDIDs.All(ctx, &didww.AvailableDIDListOptions{CountryID: didwwtest.CountryCAID}))
	for _, d := range all {
		if !strings.HasPrefix(d.Number, "1") {
			t.Errorf("Canadian number %s", d.Number)
		}
	}
	if len(all) == 0 {
		t.Error("no Canadian numbers")
	}
}
