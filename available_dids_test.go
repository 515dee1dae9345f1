package didww

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	covAD    = "75a21935-acfd-4160-8485-9fb7d049f144"
	covDGNY  = "916c8f4d-2108-4d79-853b-7c545ee83f8c"
	covDGLA  = "7fa8ba67-0622-4ac3-8ade-4aadf92566c5"
	covADLA1 = "ea9884ee-887e-4c20-befb-286db7cf55da"
)

func TestAvailableDIDsListSeedNestedSKUs(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids", "available_dids/seed_list_include_did_group_skus.json")

	page, err := c.AvailableDIDs.List(t.Context(), &AvailableDIDListOptions{
		DIDGroupID: covDGLA,
		Include:    []string{"did_group.stock_keeping_units"},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/available_dids", "filter%5Bdid_group.id%5D="+covDGLA+"&include=did_group.stock_keeping_units")
	assert.Equal(t, covSeedQuery(t, "include=did_group.stock_keeping_units&filter%5Bdid_group.id%5D=7fa8ba67-0622-4ac3-8ade-4aadf92566c5"), rec.only(t).Query)

	require.Len(t, page.Items, 1)
	d := page.Items[0]
	assert.Equal(t, covADLA1, d.ID)
	assert.Equal(t, "12132933575", d.Number)
	assert.Nil(t, d.NanpaPrefix, "links only")

	g := d.DIDGroup
	require.NotNil(t, g)
	assert.Equal(t, covDGLA, g.ID)
	assert.Equal(t, "213", g.Prefix)
	assert.Equal(t, "Los Angeles", g.AreaName)
	assert.Equal(t, []Feature{FeatureVoiceIn}, g.Features)
	assert.False(t, g.IsMetered)
	assert.True(t, g.AllowAdditionalChannels)
	assert.True(t, strings.HasPrefix(g.ServiceRestrictions, "\nTo enable SMS features on US numbers, please create an <a href="))
	// Resource meta of an included group.
	assert.True(t, g.AvailableDIDsEnabled)
	assert.Equal(t, Bool(false), g.NeedsRegistration)
	assert.Equal(t, Bool(true), g.IsAvailable)
	assert.Equal(t, Int(2371), g.TotalCount)
	assert.Nil(t, g.Country)
	assert.Nil(t, g.AddressRequirement, "2022 requirement relationship with links only")
	require.Len(t, g.StockKeepingUnits, 2)
	assert.Equal(t, StockKeepingUnit{ID: "72f3a8a8-cd1e-41fc-8d4c-829e4fb8cdea", SetupPrice: "0.0", MonthlyPrice: "0.09"}, *g.StockKeepingUnits[0])
	assert.Equal(t, StockKeepingUnit{ID: "0c6a151e-15e9-495e-b0b4-a5af4c8be393", SetupPrice: "4.0", MonthlyPrice: "4.0", ChannelsIncludedCount: 2}, *g.StockKeepingUnits[1])

	assert.Equal(t, Meta{APIVersion: "2022-05-10", TotalCount: 2368}, page.Meta)
	assert.Equal(t, Links{}, page.Links)
	assert.False(t, page.HasNext())
}

func TestAvailableDIDsListNestedSKUs2026(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	covServe(t, mt, "/available_dids", "available_dids/list_include_nested_skus.json")

	page, err := c.AvailableDIDs.List(t.Context(), &AvailableDIDListOptions{
		DIDGroupID: covDGLA,
		Include:    []string{"did_group.stock_keeping_units"},
	})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	a, b := page.Items[0], page.Items[1]
	assert.Equal(t, "12132933575", a.Number)
	assert.Equal(t, "12132933576", b.Number)
	assert.Same(t, a.DIDGroup, b.DIDGroup, "both numbers share the one decoded group")
	assert.Equal(t, &NanpaPrefix{ID: "f2a3b4c5-d6e7-4f8a-9b9c-1d2e3f4a5b6c"}, a.NanpaPrefix, "linkage without include is ID-only")
	g := a.DIDGroup
	assert.Equal(t, []Feature{FeatureVoiceIn, FeatureSMSIn}, g.Features)
	assert.Equal(t, Int(2371), g.TotalCount)
	require.Len(t, g.StockKeepingUnits, 2)
	assert.Equal(t, Decimal("0.09"), g.StockKeepingUnits[0].MonthlyPrice)
	assert.Equal(t, Decimal("4.00"), g.StockKeepingUnits[1].SetupPrice)
	assert.Equal(t, "0c6a151e-15e9-495e-b0b4-a5af4c8be393", g.CheapestSKU(2).ID)
	assert.Equal(t, Meta{APIVersion: "2026-04-16", TotalCount: 2368}, page.Meta)
}

func TestAvailableDIDsListIncludeAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids", "available_dids/list_include_all.json")

	page, err := c.AvailableDIDs.List(t.Context(), &AvailableDIDListOptions{
		ListOptions:       ListOptions{Fields: map[string][]string{"available_dids": {"number", "did_group"}}},
		ID:                []string{"x", "y"},
		CountryID:         covUS,
		RegionID:          "re",
		CityID:            "ci",
		DIDGroupTypeID:    "ty",
		NanpaPrefixID:     "np",
		NumberContains:    "555",
		NeedsRegistration: Bool(false),
		Features:          []Feature{FeatureVoiceIn, FeatureT38},
		Include:           []string{"did_group", "nanpa_prefix"},
		Sort:              []string{"number"},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/available_dids", strings.Join([]string{
		"fields%5Bavailable_dids%5D=number%2Cdid_group",
		"filter%5Bcity.id%5D=ci",
		"filter%5Bcountry.id%5D=" + covUS,
		"filter%5Bdid_group.features%5D=voice_in%2Ct38",
		"filter%5Bdid_group.needs_registration%5D=false",
		"filter%5Bdid_group_type.id%5D=ty",
		"filter%5Bid%5D=x%2Cy",
		"filter%5Bnanpa_prefix.id%5D=np",
		"filter%5Bnumber_contains%5D=555",
		"filter%5Bregion.id%5D=re",
		"include=did_group%2Cnanpa_prefix",
		"sort=number",
	}, "&"))

	require.Len(t, page.Items, 2)
	ny := page.Items[0]
	assert.Equal(t, covAD, ny.ID)
	assert.Equal(t, "12125550123", ny.Number)
	assert.Equal(t, &NanpaPrefix{ID: "e1f2a3b4-c5d6-4e7f-8a8b-0c1d2e3f4a5b", NPA: "212", NXX: "555"}, ny.NanpaPrefix)
	require.NotNil(t, ny.DIDGroup)
	assert.Equal(t, "New York", ny.DIDGroup.AreaName)
	assert.Equal(t, Int(8), ny.DIDGroup.TotalCount)
	assert.True(t, ny.DIDGroup.AvailableDIDsEnabled)
	assert.Nil(t, ny.DIDGroup.StockKeepingUnits)
	la := page.Items[1]
	assert.Equal(t, "213", la.NanpaPrefix.NPA)
	assert.Equal(t, "293", la.NanpaPrefix.NXX)
	assert.Equal(t, "To enable SMS features on US numbers, create an SMS campaign after completing your order.", la.DIDGroup.ServiceRestrictions)
	assert.Equal(t, 2, page.Meta.TotalCount)
}

func TestAvailableDIDsAllOnePage(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids", "available_dids/list_include_all.json")

	opts := &AvailableDIDListOptions{CountryID: covUS}
	items, errs := covCollect(c.AvailableDIDs.All(t.Context(), opts))
	assert.Empty(t, errs)
	require.Len(t, items, 2)
	assert.Equal(t, "12125550123", items[0].Number)
	covAssertGET(t, rec, "/available_dids", "filter%5Bcountry.id%5D="+covUS)
	assert.Equal(t, &AvailableDIDListOptions{CountryID: covUS}, opts)

	n := 0
	for range c.AvailableDIDs.All(t.Context(), opts) {
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Len(t, rec.all(), 2, "one request per iteration")
}

func TestAvailableDIDsListEmpty(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	covServe(t, mt, "/available_dids", "available_dids/empty.json")
	page, err := c.AvailableDIDs.List(t.Context(), &AvailableDIDListOptions{NumberContains: "0000000"})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.Equal(t, Meta{APIVersion: "2026-04-16"}, page.Meta)
}

func TestAvailableDIDsRefusesBadOptions(t *testing.T) {
	t.Parallel()
	allowed := "allowed: did_group, did_group.stock_keeping_units, nanpa_prefix"
	for name, tc := range map[string]struct {
		opts *AvailableDIDListOptions
		want []string
	}{
		"include":          {&AvailableDIDListOptions{Include: []string{"stock_keeping_units"}}, []string{`"stock_keeping_units"`, allowed}},
		"deep include":     {&AvailableDIDListOptions{Include: []string{"did_group.country"}}, []string{`"did_group.country"`, allowed}},
		"sort":             {&AvailableDIDListOptions{Sort: []string{"did_group.prefix"}}, []string{"allowed: number"}},
		"page":             {&AvailableDIDListOptions{ListOptions: ListOptions{PageNumber: 2}}, []string{"not paginated"}},
		"number plus":      {&AvailableDIDListOptions{NumberContains: "+1212"}, []string{"NumberContains", "digits"}},
		"number letters":   {&AvailableDIDListOptions{NumberContains: "12a"}, []string{"NumberContains"}},
		"number non-ascii": {&AvailableDIDListOptions{NumberContains: "١٢٣"}, []string{"NumberContains"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.AvailableDIDs.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
			items, errs := covCollect(c.AvailableDIDs.All(t.Context(), tc.opts))
			assert.Empty(t, items)
			require.Len(t, errs, 1)
			covAssertRefused(t, mt, errs[0], tc.want...)
		})
	}
}

func TestAvailableDIDsGetSeed(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids/"+covAD, "available_dids/seed_get.json")

	d, err := c.AvailableDIDs.Get(t.Context(), covAD, nil)
	require.NoError(t, err)
	covAssertGET(t, rec, "/available_dids/"+covAD, "")
	assert.Equal(t, &AvailableDID{ID: covAD, Number: "12124727604"}, d)
}

func TestAvailableDIDsGetSeedIncludeDIDGroup(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids/"+covAD, "available_dids/seed_get_include_did_group.json")

	d, err := c.AvailableDIDs.Get(t.Context(), covAD, &GetOptions{Include: []string{"did_group"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/available_dids/"+covAD, "include=did_group")
	assert.Equal(t, "12124727604", d.Number)
	assert.Equal(t, &DIDGroup{
		ID:                      covDGNY,
		Prefix:                  "212",
		AreaName:                "New York",
		Features:                []Feature{FeatureVoiceIn, FeatureT38},
		AllowAdditionalChannels: true,
		AvailableDIDsEnabled:    true,
		NeedsRegistration:       Bool(false),
		IsAvailable:             Bool(true),
		TotalCount:              Int(8),
	}, d.DIDGroup)
	assert.Nil(t, d.NanpaPrefix)
}

func TestAvailableDIDsGetSeedIncludeSKUs(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids/"+covAD, "available_dids/seed_get_include_did_group_skus.json")

	d, err := c.AvailableDIDs.Get(t.Context(), covAD, &GetOptions{Include: []string{"did_group.stock_keeping_units"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/available_dids/"+covAD, "include=did_group.stock_keeping_units")
	g := d.DIDGroup
	require.NotNil(t, g)
	assert.Equal(t, covDGNY, g.ID)
	assert.Equal(t, Int(8), g.TotalCount)
	assert.True(t, g.AvailableDIDsEnabled)
	assert.Equal(t, []*StockKeepingUnit{
		{ID: "af589936-3e8d-498c-b127-8054ef026dfa", SetupPrice: "0.0", MonthlyPrice: "0.09", ChannelsIncludedCount: 0},
		{ID: "5dec9d3e-f25a-4ac3-a9b0-efcdd9ec744b", SetupPrice: "0.0", MonthlyPrice: "0.19", ChannelsIncludedCount: 2},
		{ID: "e48e981f-ab6d-48a6-aaf6-e75539fc1011", SetupPrice: "4.42", MonthlyPrice: "4.42", ChannelsIncludedCount: 5},
	}, g.StockKeepingUnits)
	assert.Equal(t, "af589936-3e8d-498c-b127-8054ef026dfa", g.CheapestSKU(0).ID)
	assert.Equal(t, "5dec9d3e-f25a-4ac3-a9b0-efcdd9ec744b", g.CheapestSKU(1).ID)
	assert.Equal(t, "e48e981f-ab6d-48a6-aaf6-e75539fc1011", g.CheapestSKU(3).ID)
	assert.Nil(t, g.CheapestSKU(6))
}

func TestAvailableDIDsGetIncludeNanpaPrefix(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/available_dids/"+covAD, "available_dids/get_include_nanpa_prefix.json")

	d, err := c.AvailableDIDs.Get(t.Context(), covAD, &GetOptions{Include: []string{"nanpa_prefix"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/available_dids/"+covAD, "include=nanpa_prefix")
	assert.Equal(t, &AvailableDID{
		ID:          covAD,
		Number:      "12125550123",
		DIDGroup:    &DIDGroup{ID: covDGNY},
		NanpaPrefix: &NanpaPrefix{ID: "e1f2a3b4-c5d6-4e7f-8a8b-0c1d2e3f4a5b", NPA: "212", NXX: "555"},
	}, d)
}

func TestAvailableDIDsGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.AvailableDIDs.Get(t.Context(), "", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.AvailableDIDs.Get(t.Context(), covAD, &GetOptions{Include: []string{"did_group.region"}})
	covAssertRefused(t, mt, err, "allowed: did_group, did_group.stock_keeping_units, nanpa_prefix")
}
