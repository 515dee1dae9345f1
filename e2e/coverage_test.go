package e2e_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestE2ECountries(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: "US"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "filter[iso]=US: %d countries", len(page.Items))
	us := page.Items[0]
	assert.Equal(t, didwwtest.CountryUSID, us.ID, "US = %+v", us)
	assert.Equal(t, "United States", us.Name, "US = %+v", us)
	assert.Equal(t, "1", us.Prefix, "US = %+v", us)
	assert.Equal(t, "US", us.ISO, "US = %+v", us)
	assert.Equal(t, didww.DefaultAPIVersion, page.Meta.APIVersion, "meta.api_version")

	avail, err := client.Countries.List(ctx, &didww.CountryListOptions{IsAvailable: didww.Bool(true), Sort: []string{"name"}})
	require.NoError(t, err)
	names := e2eIDs(avail.Items, func(c *didww.Country) string { return c.Name })
	assert.Equal(t, []string{"Canada", "Germany", "United Kingdom", "United States"}, names, "available countries by name")
	desc, err := client.Countries.List(ctx, &didww.CountryListOptions{Sort: []string{"-iso"}, Prefix: "1"})
	require.NoError(t, err)
	isos := e2eIDs(desc.Items, func(c *didww.Country) string { return c.ISO })
	assert.Equal(t, []string{"US", "CA"}, isos, "prefix 1 by -iso = %v, want [US CA]", isos)

	all := e2eCollect(t, client.Countries.All(ctx, nil))
	assert.Len(t, all, len(srv.Catalogue().Countries), "All yielded %d countries, the catalogue has %d", len(all), len(srv.Catalogue().Countries))

	got, err := client.Countries.Get(ctx, didwwtest.CountryUSID, &didww.GetOptions{Include: []string{"regions"}})
	require.NoError(t, err)
	regions := e2eIDs(got.Regions, func(r *didww.Region) string { return r.Name })
	want := []string{"California", "Florida", "Illinois", "New York", "Texas"}
	assert.Equal(t, want, e2eSortedCopy(regions), "US regions = %v, want %v", regions, want)

	_, err = client.Countries.Get(ctx, "00000000-0000-0000-0000-000000000000", nil)
	assert.ErrorIs(t, err, didww.ErrNotFound, "unknown id: %v, want ErrNotFound", err)
	e2eAPIError(t, err, 404)

	before := srv.Requests()
	_, err = client.Countries.List(ctx, &didww.CountryListOptions{Include: []string{"cities"}})
	if assert.ErrorIs(t, err, didww.ErrInvalidRequest, "unknown include: %v, want ErrInvalidRequest listing the allowed ones", err) {
		assert.Contains(t, err.Error(), "regions", "unknown include: %v, want ErrInvalidRequest listing the allowed ones", err)
	}
	assert.Equal(t, before, srv.Requests(), "a refused include reached the server")
}

func TestE2ERegions(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.Regions.List(ctx, &didww.RegionListOptions{
		CountryID: didwwtest.CountryCAID, Include: []string{"country"}, Sort: []string{"name"},
	})
	require.NoError(t, err)
	names := e2eIDs(page.Items, func(r *didww.Region) string { return r.Name })
	assert.Equal(t, []string{"British Columbia", "Ontario", "Quebec"}, names, "Canadian regions")
	for _, r := range page.Items {
		if assert.NotNil(t, r.Country, "region %s: country %+v, want Canada included", r.Name, r.Country) {
			assert.Equal(t, didwwtest.CountryCAID, r.Country.ID, "region %s: country %+v, want Canada included", r.Name, r.Country)
			assert.Equal(t, "Canada", r.Country.Name, "region %s: country %+v, want Canada included", r.Name, r.Country)
		}
	}

	byISO, err := client.Regions.List(ctx, &didww.RegionListOptions{CountryID: didwwtest.CountryUSID, ISO: "CA"})
	require.NoError(t, err)
	require.Len(t, byISO.Items, 1, "US region CA = %+v", byISO.Items)
	require.Equal(t, "California", byISO.Items[0].Name, "US region CA = %+v", byISO.Items)
	one, err := client.Regions.Get(ctx, byISO.Items[0].ID, &didww.GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	assert.Equal(t, "California", one.Name, "Get California = %+v (country %+v)", one, one.Country)
	assert.Equal(t, "CA", one.ISO, "Get California = %+v (country %+v)", one, one.Country)
	if assert.NotNil(t, one.Country, "Get California = %+v (country %+v)", one, one.Country) {
		assert.Equal(t, "US", one.Country.ISO, "Get California = %+v (country %+v)", one, one.Country)
	}
	all := e2eCollect(t, client.Regions.All(ctx, nil))
	assert.Len(t, all, len(srv.Catalogue().Regions), "All yielded %d regions, the catalogue has %d", len(all), len(srv.Catalogue().Regions))
}

func TestE2ECities(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.Cities.List(ctx, &didww.CityListOptions{
		CountryID: didwwtest.CountryUSID, Name: "Los Angeles", Include: []string{"country", "region", "area"},
	})
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "Los Angeles: %d cities, total_records %d", len(page.Items), page.Meta.TotalRecords)
	require.Equal(t, 1, page.Meta.TotalRecords, "Los Angeles: %d cities, total_records %d", len(page.Items), page.Meta.TotalRecords)
	la := page.Items[0]
	assert.Equal(t, didwwtest.CityLosAngelesID, la.ID, "city = %+v", la)
	assert.Equal(t, "Los Angeles", la.Name, "city = %+v", la)
	if assert.NotNil(t, la.Country, "includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area) {
		assert.Equal(t, "US", la.Country.ISO, "includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area)
		if assert.NotNil(t, la.Region, "includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area) {
			assert.Equal(t, "California", la.Region.Name, "includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area)
			if assert.NotNil(t, la.Area, "includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area) {
				assert.NotEmpty(t, la.Area.Name, "includes: country %+v, region %+v, area %+v", la.Country, la.Region, la.Area)
			}
		}
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
	require.NoError(t, err)
	assert.Equal(t, len(usCities), first.Meta.TotalRecords, "first page: %d items of %d, HasNext %v", len(first.Items), first.Meta.TotalRecords, first.HasNext())
	if assert.Len(t, first.Items, 3, "first page: %d items of %d, HasNext %v", len(first.Items), first.Meta.TotalRecords, first.HasNext()) {
		assert.True(t, first.HasNext(), "first page: %d items of %d, HasNext %v", len(first.Items), first.Meta.TotalRecords, first.HasNext())
	}
	opts := &didww.CityListOptions{ListOptions: didww.ListOptions{PageSize: 3}, CountryID: didwwtest.CountryUSID, Sort: []string{"name"}}
	all := e2eCollect(t, client.Cities.All(ctx, opts))
	assert.Equal(t, usCities, e2eIDs(all, func(c *didww.City) string { return c.Name }), "All by name, 3 a page")
	assert.Equal(t, 0, opts.PageNumber, "All changed the caller's options")
	n := e2eRequests(srv, "GET", "/v3/cities")
	assert.Equal(t, 2+(len(usCities)+2)/3, n, "%d GET /v3/cities, want the 2 lists and one per page of All", n)

	got, err := client.Cities.Get(ctx, didwwtest.CityLondonID, &didww.GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	assert.Equal(t, "London", got.Name, "London = %+v, country %+v", got, got.Country)
	if assert.NotNil(t, got.Country, "London = %+v, country %+v", got, got.Country) {
		assert.Equal(t, "GB", got.Country.ISO, "London = %+v, country %+v", got, got.Country)
	}

	_, err = client.Cities.List(ctx, &didww.CityListOptions{ListOptions: didww.ListOptions{PageSize: didww.MaxPageSize + 1}})
	assert.ErrorIs(t, err, didww.ErrInvalidRequest, "page[size] 101: %v, want ErrInvalidRequest", err)
	_, err = client.Cities.List(ctx, &didww.CityListOptions{Extra: map[string][]string{"filter[planet]": {"mars"}}})
	apiErr := e2eAPIError(t, err, 400)
	assert.Contains(t, apiErr.Error(), "planet", "unknown filter: %v, want the server's 400 naming it", err)
}

func TestE2EDIDGroupTypes(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.DIDGroupTypes.List(ctx, &didww.DIDGroupTypeListOptions{Sort: []string{"-name"}})
	require.NoError(t, err)
	names := e2eIDs(page.Items, func(g *didww.DIDGroupType) string { return g.Name })
	assert.Equal(t, []string{"Toll-free", "National", "Mobile", "Local"}, names, "types by -name")
	byName, err := client.DIDGroupTypes.List(ctx, &didww.DIDGroupTypeListOptions{Name: "Mobile"})
	require.NoError(t, err)
	if assert.Len(t, byName.Items, 1, "Mobile = %+v", byName.Items) {
		assert.Equal(t, didwwtest.DIDGroupTypeMobileID, byName.Items[0].ID, "Mobile = %+v", byName.Items)
	}
	got, err := client.DIDGroupTypes.Get(ctx, didwwtest.DIDGroupTypeTollFreeID, nil)
	require.NoError(t, err)
	assert.Equal(t, "Toll-free", got.Name, "Get toll-free = %+v", got)
	all := e2eCollect(t, client.DIDGroupTypes.All(ctx, nil))
	assert.Len(t, all, 4, "All yielded %d types, want 4", len(all))
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
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "Los Angeles groups with number selection")
	g := page.Items[0]
	assert.Equal(t, didwwtest.DIDGroupLosAngelesID, g.ID, "group = %+v", g)
	assert.Equal(t, "213", g.Prefix, "group = %+v", g)
	assert.Equal(t, "Los Angeles", g.AreaName, "group = %+v", g)
	assert.Equal(t, []didww.Feature{didww.FeatureVoiceIn}, g.Features, "group = %+v", g)
	assert.False(t, g.IsMetered, "group = %+v", g)
	assert.True(t, g.AllowAdditionalChannels, "group = %+v", g)
	if assert.True(t, g.AvailableDIDsEnabled, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount) && assert.NotNil(t, g.NeedsRegistration, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount) {
		assert.False(t, *g.NeedsRegistration, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount)
		if assert.NotNil(t, g.IsAvailable, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount) {
			assert.False(t, !*g.IsAvailable, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount)
			if assert.NotNil(t, g.TotalCount, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount) {
				assert.Greater(t, *g.TotalCount, 0, "group meta: enabled %v, registration %v, available %v, total %v", g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount)
			}
		}
	}
	if assert.NotNil(t, g.Country, "includes") {
		assert.Equal(t, "US", g.Country.ISO, "includes")
		if assert.NotNil(t, g.Region, "includes") {
			assert.Equal(t, "California", g.Region.Name, "includes")
			if assert.NotNil(t, g.City, "includes") {
				assert.Equal(t, "Los Angeles", g.City.Name, "includes")
				if assert.NotNil(t, g.DIDGroupType, "includes") {
					assert.Equal(t, "Local", g.DIDGroupType.Name, "includes")
				}
			}
		}
	}
	require.Len(t, g.StockKeepingUnits, 2, "SKUs = %+v", g.StockKeepingUnits)
	cheap := g.CheapestSKU(0)
	channels := g.CheapestSKU(2)
	if assert.NotNil(t, cheap, "cheapest SKU") {
		assert.Equal(t, didwwtest.SKULosAngelesMeteredID, cheap.ID, "cheapest SKU")
		assert.Equal(t, didww.Decimal("0.0"), cheap.SetupPrice, "cheapest SKU")
		assert.Equal(t, didww.Decimal("0.09"), cheap.MonthlyPrice, "cheapest SKU")
		assert.Equal(t, 0, cheap.ChannelsIncludedCount, "cheapest SKU")
	}
	if assert.NotNil(t, channels, "cheapest with 2 channels") {
		assert.Equal(t, didwwtest.SKULosAngelesChannelsID, channels.ID, "cheapest with 2 channels")
		assert.Equal(t, didww.Decimal("4.0"), channels.SetupPrice, "cheapest with 2 channels")
		assert.Equal(t, 2, channels.ChannelsIncludedCount, "cheapest with 2 channels")
	}

	// Get with the address requirement of a group needing registration.
	aachen, err := client.DIDGroups.Get(ctx, didwwtest.DIDGroupAachenID, &didww.GetOptions{Include: []string{"address_requirement", "city"}})
	require.NoError(t, err)
	// A Get may leave needs_registration out (nil); when sent it is true.
	assert.False(t, aachen.NeedsRegistration != nil && !*aachen.NeedsRegistration, "Aachen = %+v, requirement %+v", aachen, aachen.AddressRequirement)
	if assert.NotNil(t, aachen.AddressRequirement, "Aachen = %+v, requirement %+v", aachen, aachen.AddressRequirement) {
		assert.Equal(t, "city", aachen.AddressRequirement.AddressAreaLevel, "Aachen = %+v, requirement %+v", aachen, aachen.AddressRequirement)
		if assert.NotNil(t, aachen.City, "Aachen = %+v, requirement %+v", aachen, aachen.AddressRequirement) {
			assert.Equal(t, "Aachen", aachen.City.Name, "Aachen = %+v, requirement %+v", aachen, aachen.AddressRequirement)
		}
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
		if !assert.NoError(t, err, "%s: %v", tc.name, err) {
			continue
		}
		assert.Equal(t, tc.want, p.Meta.TotalRecords, "%s: total_records %d, want %d (and more than none)", tc.name, p.Meta.TotalRecords, tc.want)
		assert.NotZero(t, tc.want, "%s: total_records %d, want %d (and more than none)", tc.name, p.Meta.TotalRecords, tc.want)
	}

	// Every group, a page of 7 at a time, each once.
	all := e2eCollect(t, client.DIDGroups.All(ctx, &didww.DIDGroupListOptions{ListOptions: didww.ListOptions{PageSize: 7}}))
	ids := e2eIDs(all, func(g *didww.DIDGroup) string { return g.ID })
	if assert.Len(t, ids, len(cat.DIDGroups), "All yielded %d groups (%d distinct), the catalogue has %d", len(ids), len(slices.Compact(e2eSortedCopy(ids))), len(cat.DIDGroups)) {
		assert.Len(t, slices.Compact(e2eSortedCopy(ids)), len(ids), "All yielded %d groups (%d distinct), the catalogue has %d", len(ids), len(slices.Compact(e2eSortedCopy(ids))), len(cat.DIDGroups))
	}

	_, err = client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{Sort: []string{"price"}})
	assert.ErrorIs(t, err, didww.ErrInvalidRequest, "unknown sort: %v, want ErrInvalidRequest", err)
}

func TestE2ENanpaPrefixes(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{NPANXX: "212555", Include: []string{"country", "region"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "212555: %d prefixes", len(page.Items))
	p := page.Items[0]
	assert.Equal(t, "212", p.NPA, "prefix = %+v, country %+v, region %+v", p, p.Country, p.Region)
	assert.Equal(t, "555", p.NXX, "prefix = %+v, country %+v, region %+v", p, p.Country, p.Region)
	if assert.NotNil(t, p.Country, "prefix = %+v, country %+v, region %+v", p, p.Country, p.Region) {
		assert.Equal(t, "US", p.Country.ISO, "prefix = %+v, country %+v, region %+v", p, p.Country, p.Region)
		if assert.NotNil(t, p.Region, "prefix = %+v, country %+v, region %+v", p, p.Country, p.Region) {
			assert.Equal(t, "New York", p.Region.Name, "prefix = %+v, country %+v, region %+v", p, p.Country, p.Region)
		}
	}
	got, err := client.NanpaPrefixes.Get(ctx, p.ID, &didww.GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	assert.Equal(t, "212", got.NPA, "Get = %+v, country %+v", got, got.Country)
	assert.Equal(t, "555", got.NXX, "Get = %+v, country %+v", got, got.Country)
	if assert.NotNil(t, got.Country, "Get = %+v, country %+v", got, got.Country) {
		assert.Equal(t, didwwtest.CountryUSID, got.Country.ID, "Get = %+v, country %+v", got, got.Country)
	}
	canada, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{CountryID: didwwtest.CountryCAID, Sort: []string{"npa"}})
	require.NoError(t, err)
	npas := e2eIDs(canada.Items, func(p *didww.NanpaPrefix) string { return p.NPA })
	assert.Equal(t, []string{"416", "514", "604", "613"}, npas, "Canadian NPAs")
	all := e2eCollect(t, client.NanpaPrefixes.All(ctx, &didww.NanpaPrefixListOptions{ListOptions: didww.ListOptions{PageSize: 4}}))
	assert.Len(t, all, len(srv.Catalogue().NanpaPrefixes), "All yielded %d prefixes, the catalogue has %d", len(all), len(srv.Catalogue().NanpaPrefixes))
}

func TestE2EAvailableDIDs(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	// The seed's step 4: numbers with their group's SKUs nested.
	page, err := client.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{
		DIDGroupID: didwwtest.DIDGroupLosAngelesID, Include: []string{"did_group.stock_keeping_units"},
	})
	require.NoError(t, err)
	want := 0
	for _, d := range srv.Catalogue().AvailableDIDs {
		if d.DIDGroupID == didwwtest.DIDGroupLosAngelesID {
			want++
		}
	}
	if assert.Len(t, page.Items, want, "Los Angeles numbers: %d items, total_count %d, want %d", len(page.Items), page.Meta.TotalCount, want) {
		assert.Equal(t, want, page.Meta.TotalCount, "Los Angeles numbers: %d items, total_count %d, want %d", len(page.Items), page.Meta.TotalCount, want)
	}
	var seed *didww.AvailableDID
	for _, d := range page.Items {
		if d.ID == didwwtest.AvailableDIDLosAngelesID {
			seed = d
		}
		require.NotNil(t, d.DIDGroup, "number %s: group %+v, want the LA group with its 2 SKUs", d.Number, d.DIDGroup)
		require.Equal(t, didwwtest.DIDGroupLosAngelesID, d.DIDGroup.ID, "number %s: group %+v, want the LA group with its 2 SKUs", d.Number, d.DIDGroup)
		require.Len(t, d.DIDGroup.StockKeepingUnits, 2, "number %s: group %+v, want the LA group with its 2 SKUs", d.Number, d.DIDGroup)
	}
	if assert.NotNil(t, seed, "seed number") {
		assert.Equal(t, "12132933575", seed.Number, "seed number")
		assert.Equal(t, didww.Decimal("0.09"), seed.DIDGroup.CheapestSKU(0).MonthlyPrice, "seed number")
		assert.True(t, seed.DIDGroup.AvailableDIDsEnabled, "seed number")
	}

	contains, err := client.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{NumberContains: "2933575"})
	require.NoError(t, err)
	if assert.Len(t, contains.Items, 1, "number_contains 2933575 = %+v", contains.Items) {
		assert.Equal(t, didwwtest.AvailableDIDLosAngelesID, contains.Items[0].ID, "number_contains 2933575 = %+v", contains.Items)
	}

	got, err := client.AvailableDIDs.Get(ctx, didwwtest.AvailableDIDNewYorkID, &didww.GetOptions{Include: []string{"nanpa_prefix", "did_group"}})
	require.NoError(t, err)
	assert.Equal(t, "12124727604", got.Number, "New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup)
	if assert.NotNil(t, got.NanpaPrefix, "New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup) {
		assert.Equal(t, "212", got.NanpaPrefix.NPA, "New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup)
		assert.Equal(t, "472", got.NanpaPrefix.NXX, "New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup)
		if assert.NotNil(t, got.DIDGroup, "New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup) {
			assert.Equal(t, "New York", got.DIDGroup.AreaName, "New York seed number = %+v, prefix %+v, group %+v", got, got.NanpaPrefix, got.DIDGroup)
		}
	}

	all := e2eCollect(t, client.AvailableDIDs.All(ctx, &didww.AvailableDIDListOptions{CountryID: didwwtest.CountryCAID}))
	for _, d := range all {
		assert.True(t, strings.HasPrefix(d.Number, "1"), "Canadian number %s", d.Number)
	}
	assert.NotEmpty(t, all, "no Canadian numbers")
}
