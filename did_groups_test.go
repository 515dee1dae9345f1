package didww

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	covDGLondon = "fc271bcc-1f9c-4c19-8174-28b7c55a208a"
	covDGAachen = "ac160b14-e670-490f-b158-d3ba552c623f"
	covARDE     = "c9d0e1f2-a3b4-4c5d-8e6f-8a9b0c1d2e3f"
	covARGB     = "d0e1f2a3-b4c5-4d6e-9f7a-9b0c1d2e3f4a"
)

// covSeedQuery parses the query of a request line in the seed pages, so a
// test can check the client sends the same parameters in its own key order.
func covSeedQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(raw)
	require.NoError(t, err)
	return v
}

func TestDIDGroupsListSeed2017(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups", "did_groups/seed_list_2017.json")

	page, err := c.DIDGroups.List(t.Context(), nil)
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups", "")

	require.Len(t, page.Items, 1)
	g := page.Items[0]
	assert.Equal(t, covDGAachen, g.ID)
	assert.Equal(t, "241", g.Prefix)
	assert.Equal(t, "", g.LocalPrefix)
	assert.Equal(t, "Aachen", g.AreaName)
	// 2017 feature names are kept as they came.
	assert.Equal(t, []Feature{"voice", FeatureVoiceOut, FeatureT38}, g.Features)
	assert.False(t, g.IsMetered)
	assert.True(t, g.AllowAdditionalChannels)
	assert.Equal(t, "", g.ServiceRestrictions)
	assert.False(t, g.AvailableDIDsEnabled)
	assert.Equal(t, Bool(true), g.NeedsRegistration)
	assert.Equal(t, Bool(true), g.IsAvailable)
	assert.Equal(t, Int(21), g.TotalCount)
	assert.True(t, strings.HasPrefix(g.Restrictions, "German Local DID registration requirements:\r\n1. Name"))
	assert.True(t, strings.HasSuffix(g.Restrictions, "Germany_Registration_Form.pdf"))
	// Relationships with links only stay nil.
	assert.Nil(t, g.Country)
	assert.Nil(t, g.City)
	assert.Nil(t, g.Region)
	assert.Nil(t, g.DIDGroupType)
	assert.Nil(t, g.StockKeepingUnits)
	assert.Nil(t, g.AddressRequirement)

	assert.Equal(t, Meta{APIVersion: "2017-09-18", TotalRecords: 1}, page.Meta)
	assert.Equal(t, Links{
		First: "https://api.didww.com/v3/did_groups?page%5Bnumber%5D=1&page%5Bsize%5D=50",
		Last:  "https://api.didww.com/v3/did_groups?page%5Bnumber%5D=32&page%5Bsize%5D=50",
	}, page.Links)
	assert.True(t, page.HasNext(), "the last link points at page 32")
}

func TestDIDGroupsListSeedCountryTypeSKUs(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups", "did_groups/seed_list_country_type_skus.json")

	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{
		CountryID:      "c8647639-fc9c-47b2-acec-7c9e14465c25",
		DIDGroupTypeID: "0d51924c-e863-44ff-be59-10547c138955",
		Include:        []string{"stock_keeping_units"},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups", "filter%5Bcountry.id%5D=c8647639-fc9c-47b2-acec-7c9e14465c25"+
		"&filter%5Bdid_group_type.id%5D=0d51924c-e863-44ff-be59-10547c138955&include=stock_keeping_units")
	assert.Equal(t, covSeedQuery(t, "filter%5Bcountry.id%5D=c8647639-fc9c-47b2-acec-7c9e14465c25&include=stock_keeping_units&filter%5Bdid_group_type.id%5D=0d51924c-e863-44ff-be59-10547c138955"), rec.only(t).Query)

	require.Len(t, page.Items, 1)
	g := page.Items[0]
	assert.Equal(t, "1d5aad75-b853-4125-9a1a-da3fedfc5674", g.ID)
	assert.Equal(t, "7", g.Prefix)
	assert.Equal(t, "Mobile", g.AreaName)
	assert.Equal(t, []Feature{"voice", FeatureVoiceOut, "sms", "sms_out"}, g.Features)
	assert.True(t, g.AvailableDIDsEnabled)
	assert.Equal(t, Bool(false), g.NeedsRegistration)
	assert.Equal(t, Bool(true), g.IsAvailable)
	assert.Equal(t, Int(99), g.TotalCount)
	assert.Equal(t, "", g.Restrictions, "null restrictions read as empty")
	require.Len(t, g.StockKeepingUnits, 2)
	assert.Equal(t, StockKeepingUnit{ID: "cb17c069-098e-4be1-a7eb-eb4529e8c5f5", SetupPrice: "0.0", MonthlyPrice: "0.3", ChannelsIncludedCount: 0}, *g.StockKeepingUnits[0])
	assert.Equal(t, StockKeepingUnit{ID: "e194165e-eda7-4718-9bbe-c5c583bd189a", SetupPrice: "0.0", MonthlyPrice: "0.8", ChannelsIncludedCount: 2}, *g.StockKeepingUnits[1])
	assert.False(t, page.HasNext())
}

func TestDIDGroupsListSeedCityPrefixSKUs(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups", "did_groups/seed_list_city_prefix_skus.json")

	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{
		CityID:  "e696dec7-9c65-4e99-aab7-55a1f98154f0",
		Prefix:  "20",
		Include: []string{"stock_keeping_units"},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups", "filter%5Bcity.id%5D=e696dec7-9c65-4e99-aab7-55a1f98154f0&filter%5Bprefix%5D=20&include=stock_keeping_units")

	require.Len(t, page.Items, 1)
	g := page.Items[0]
	assert.Equal(t, covDGLondon, g.ID)
	assert.Equal(t, "London", g.AreaName)
	assert.Equal(t, Int(932), g.TotalCount)
	require.Len(t, g.StockKeepingUnits, 2)
	assert.Equal(t, "0ba87a94-7143-48cb-a0f6-d50a6a0c8cfa", g.StockKeepingUnits[0].ID)
	assert.Equal(t, Decimal("0.3"), g.StockKeepingUnits[0].MonthlyPrice)
	assert.Equal(t, "1a86de53-3131-491f-9e4b-3392da45d441", g.StockKeepingUnits[1].ID)
	assert.Equal(t, 2, g.StockKeepingUnits[1].ChannelsIncludedCount)
	assert.Same(t, g.StockKeepingUnits[1], g.CheapestSKU(1))
}

func TestDIDGroupsListSeedAvailableDIDsEnabled(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups", "did_groups/seed_list_available_dids_enabled.json")

	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{
		CountryID:            covUS,
		CityID:               covLA,
		AvailableDIDsEnabled: Bool(true),
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups", "filter%5Bavailable_dids_enabled%5D=true&filter%5Bcity.id%5D="+covLA+"&filter%5Bcountry.id%5D="+covUS)
	assert.Equal(t, covSeedQuery(t, "filter%5Bcountry.id%5D=1f6fc2bd-f081-4202-9b1a-d9cb88d942b9&filter%5Bcity.id%5D=f6672960-da2b-48a4-9f30-0065a8c54182&filter%5Bavailable_dids_enabled%5D=true"), rec.only(t).Query)

	require.Len(t, page.Items, 1)
	assert.Equal(t, &DIDGroup{
		ID:                      "7fa8ba67-0622-4ac3-8ade-4aadf92566c5",
		Prefix:                  "213",
		AreaName:                "Los Angeles",
		Features:                []Feature{FeatureVoiceIn},
		AllowAdditionalChannels: true,
		AvailableDIDsEnabled:    true,
		NeedsRegistration:       Bool(false),
		IsAvailable:             Bool(true),
		TotalCount:              Int(2369),
	}, page.Items[0])
	assert.Equal(t, Meta{APIVersion: "2022-05-10", TotalRecords: 1}, page.Meta)
}

func TestDIDGroupsListEveryFilter(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups", "did_groups/empty.json")

	_, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{
		ListOptions:             ListOptions{PageNumber: 2, PageSize: 25, Fields: map[string][]string{"did_groups": {"prefix"}}},
		ID:                      []string{"g1", "g2"},
		CountryID:               "co",
		RegionID:                "re",
		CityID:                  "ci",
		DIDGroupTypeID:          "ty",
		Prefix:                  "20",
		AreaName:                "London",
		Features:                []Feature{FeatureVoiceIn, FeatureSMSIn},
		IsMetered:               Bool(false),
		AllowAdditionalChannels: Bool(true),
		AvailableDIDsEnabled:    Bool(true),
		NeedsRegistration:       Bool(false),
		IsAvailable:             Bool(true),
		TotalCountGTEQ:          Int(10),
		NanpaPrefixID:           "np",
		NPANXX:                  "212555",
		Include:                 []string{"country", "region", "city", "did_group_type", "stock_keeping_units", "address_requirement"},
		Sort:                    []string{"country.name", "-prefix", "area_name", "did_group_type.name", "is_metered", "allow_additional_channels", "service_restrictions"},
		Extra:                   url.Values{"filter[other]": {"y"}},
	})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups", strings.Join([]string{
		"fields%5Bdid_groups%5D=prefix",
		"filter%5Ballow_additional_channels%5D=true",
		"filter%5Barea_name%5D=London",
		"filter%5Bavailable_dids_enabled%5D=true",
		"filter%5Bcity.id%5D=ci",
		"filter%5Bcountry.id%5D=co",
		"filter%5Bdid_group_type.id%5D=ty",
		"filter%5Bfeatures%5D=voice_in%2Csms_in",
		"filter%5Bid%5D=g1%2Cg2",
		"filter%5Bis_available%5D=true",
		"filter%5Bis_metered%5D=false",
		"filter%5Bmeta.total_count_gteq%5D=10",
		"filter%5Bnanpa_prefix.id%5D=np",
		"filter%5Bnanpa_prefix.npanxx%5D=212555",
		"filter%5Bneeds_registration%5D=false",
		"filter%5Bother%5D=y",
		"filter%5Bprefix%5D=20",
		"filter%5Bregion.id%5D=re",
		"include=country%2Cregion%2Ccity%2Cdid_group_type%2Cstock_keeping_units%2Caddress_requirement",
		"page%5Bnumber%5D=2",
		"page%5Bsize%5D=25",
		"sort=country.name%2C-prefix%2Carea_name%2Cdid_group_type.name%2Cis_metered%2Callow_additional_channels%2Cservice_restrictions",
	}, "&"))
}

func TestDIDGroupsListIncludeAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	covServe(t, mt, "/did_groups", "did_groups/list_include_all.json")

	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{
		CityID:  "e696dec7-9c65-4e99-aab7-55a1f98154f0",
		Include: []string{"country", "city", "did_group_type", "region", "stock_keeping_units", "address_requirement"},
	})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	g := page.Items[0]
	assert.Equal(t, covDGLondon, g.ID)
	assert.Equal(t, []Feature{FeatureVoiceIn, FeatureVoiceOut, FeatureT38, FeatureSMSIn}, g.Features)
	assert.Equal(t, "", g.ServiceRestrictions)
	assert.True(t, g.AvailableDIDsEnabled)
	assert.Equal(t, Int(932), g.TotalCount)
	assert.Equal(t, &Country{ID: covGB, Name: "United Kingdom", Prefix: "44", ISO: "GB"}, g.Country)
	assert.Equal(t, &City{ID: "e696dec7-9c65-4e99-aab7-55a1f98154f0", Name: "London"}, g.City)
	assert.Equal(t, &DIDGroupType{ID: "0d51924c-e863-44ff-be59-10547c138955", Name: "Local"}, g.DIDGroupType)
	assert.Equal(t, &Region{ID: "8b6f3e4d-0a7c-4b5d-8f1e-4c3b5a6f7e8d", Name: "England", ISO: "ENG"}, g.Region)
	require.Len(t, g.StockKeepingUnits, 3)
	assert.Equal(t, StockKeepingUnit{ID: "0ba87a94-7143-48cb-a0f6-d50a6a0c8cfa", SetupPrice: "0.00", MonthlyPrice: "0.30"}, *g.StockKeepingUnits[0])
	assert.Equal(t, StockKeepingUnit{ID: "1a86de53-3131-491f-9e4b-3392da45d441", SetupPrice: "0.00", MonthlyPrice: "0.80", ChannelsIncludedCount: 2}, *g.StockKeepingUnits[1])
	assert.Equal(t, StockKeepingUnit{ID: "2b97ef64-4242-4a2c-8f5c-44a3b5c6d7e8", SetupPrice: "5.00", MonthlyPrice: "4.50", ChannelsIncludedCount: 10}, *g.StockKeepingUnits[2])
	assert.Equal(t, &AddressRequirement{
		ID:                      covARGB,
		IdentityType:            "any",
		PersonalAreaLevel:       "world_wide",
		BusinessAreaLevel:       "world_wide",
		AddressAreaLevel:        "country",
		AddressProofQty:         1,
		PersonalMandatoryFields: []string{"birth_date"},
		RestrictionMessage:      "A UK address is required.",
	}, g.AddressRequirement)
	assert.Equal(t, Meta{APIVersion: "2026-04-16", TotalRecords: 1}, page.Meta)
}

func TestDIDGroupsListIncludeAddressRequirement(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups", "did_groups/list_include_address_requirement.json")

	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Include: []string{"address_requirement"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups", "include=address_requirement")
	require.Len(t, page.Items, 3)

	de := page.Items[0]
	assert.Equal(t, covDGAachen, de.ID)
	assert.Equal(t, Bool(true), de.NeedsRegistration)
	assert.False(t, de.AvailableDIDsEnabled)
	assert.Equal(t, "German local numbers need a registration: name, ID copy and an address in Aachen.", de.ServiceRestrictions)
	assert.Equal(t, &AddressRequirement{
		ID:                         covARDE,
		IdentityType:               "personal",
		PersonalAreaLevel:          "country",
		AddressAreaLevel:           "city",
		PersonalProofQty:           1,
		AddressProofQty:            1,
		PersonalMandatoryFields:    []string{"birth_date", "id_number", "contact_email"},
		BusinessMandatoryFields:    []string{"company_reg_number", "vat_id"},
		ServiceDescriptionRequired: true,
		RestrictionMessage:         "German local numbers need an address in the same city and a copy of an ID.",
	}, de.AddressRequirement)
	assert.Nil(t, de.StockKeepingUnits, "not included, no linkage")

	gb := page.Items[1]
	require.NotNil(t, gb.AddressRequirement)
	assert.Equal(t, covARGB, gb.AddressRequirement.ID)
	assert.Nil(t, gb.AddressRequirement.BusinessMandatoryFields, "null list reads as nil")

	mobile := page.Items[2]
	assert.Nil(t, mobile.AddressRequirement, "data: null leaves nil")
	assert.Equal(t, Int(99), mobile.TotalCount)
}

func TestDIDGroupsGetNeedsRegistration(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/did_groups/"+covDGAachen, "did_groups/get_needs_registration.json")

	g, err := c.DIDGroups.Get(t.Context(), covDGAachen, &GetOptions{Include: []string{"stock_keeping_units", "address_requirement"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/did_groups/"+covDGAachen, "include=stock_keeping_units%2Caddress_requirement")
	assert.Equal(t, Bool(true), g.NeedsRegistration)
	assert.Equal(t, Bool(true), g.IsAvailable)
	assert.Equal(t, Int(21), g.TotalCount)
	// Linkage without an included resource gives ID-only structs.
	assert.Equal(t, &Country{ID: "3b1f6a8e-42c4-4a87-9b3f-5d1e2c7a9f21"}, g.Country)
	assert.Equal(t, &City{ID: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"}, g.City)
	assert.Equal(t, &Region{ID: "9c7a4f5e-1b8d-4c6e-9a2f-5d4c6b7a8f9e"}, g.Region)
	assert.Equal(t, &DIDGroupType{ID: "0d51924c-e863-44ff-be59-10547c138955"}, g.DIDGroupType)
	require.Len(t, g.StockKeepingUnits, 2)
	assert.Equal(t, Decimal("2.50"), g.StockKeepingUnits[0].MonthlyPrice)
	assert.Equal(t, Decimal("1.00"), g.StockKeepingUnits[0].SetupPrice)
	assert.Equal(t, 4, g.StockKeepingUnits[1].ChannelsIncludedCount)
	require.NotNil(t, g.AddressRequirement)
	assert.Equal(t, "personal", g.AddressRequirement.IdentityType)
	assert.Equal(t, "4db90186-6464-4c4e-8b7e-66c5d7e8f9a0", g.CheapestSKU(1).ID)
}

func TestDIDGroupsGetLinkageOnly(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	covServe(t, mt, "/did_groups/"+covDGLondon, "did_groups/get_linkage_only.json")

	g, err := c.DIDGroups.Get(t.Context(), covDGLondon, nil)
	require.NoError(t, err)
	assert.Equal(t, &Country{ID: covGB}, g.Country)
	assert.Equal(t, &City{ID: "e696dec7-9c65-4e99-aab7-55a1f98154f0"}, g.City)
	assert.Equal(t, &Region{ID: "8b6f3e4d-0a7c-4b5d-8f1e-4c3b5a6f7e8d"}, g.Region)
	assert.Equal(t, &DIDGroupType{ID: "0d51924c-e863-44ff-be59-10547c138955"}, g.DIDGroupType)
	assert.Equal(t, []*StockKeepingUnit{
		{ID: "0ba87a94-7143-48cb-a0f6-d50a6a0c8cfa"},
		{ID: "1a86de53-3131-491f-9e4b-3392da45d441"},
		{ID: "2b97ef64-4242-4a2c-8f5c-44a3b5c6d7e8"},
	}, g.StockKeepingUnits)
	assert.Equal(t, &AddressRequirement{ID: covARGB}, g.AddressRequirement)
	// ID-only SKUs have no prices, so none can be chosen.
	assert.Nil(t, g.CheapestSKU(0))
}

func TestDIDGroupsGetRequirement2022(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithAPIVersion("2022-05-10"))
	rec := covServe(t, mt, "/did_groups/"+covDGAachen, "did_groups/get_requirement_2022.json")

	g, err := c.DIDGroups.Get(t.Context(), covDGAachen, &GetOptions{Include: []string{"requirement"}})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "include=requirement", r.RawQuery)
	assert.Equal(t, "2022-05-10", r.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, Bool(true), g.NeedsRegistration)
	assert.Equal(t, &AddressRequirement{
		ID:                      covARDE,
		IdentityType:            "personal",
		PersonalAreaLevel:       "country",
		AddressAreaLevel:        "city",
		PersonalProofQty:        1,
		AddressProofQty:         1,
		PersonalMandatoryFields: []string{"birth_date"},
		RestrictionMessage:      "An address in Aachen is required.",
	}, g.AddressRequirement)
}

func TestDIDGroupsRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts *DIDGroupListOptions
		want []string
	}{
		"include":        {&DIDGroupListOptions{Include: []string{"stock_keeping_units", "available_dids"}}, []string{`"available_dids"`, "allowed: country, region, city, did_group_type, stock_keeping_units, address_requirement"}},
		"nested include": {&DIDGroupListOptions{Include: []string{"city.region"}}, []string{`"city.region"`, "allowed:"}},
		"sort":           {&DIDGroupListOptions{Sort: []string{"-total_count"}}, []string{`"-total_count"`, "allowed: allow_additional_channels, area_name, country.name, did_group_type.name, is_metered, prefix, service_restrictions"}},
		"page size":      {&DIDGroupListOptions{ListOptions: ListOptions{PageSize: 500}}, []string{"PageSize"}},
		"total count":    {&DIDGroupListOptions{TotalCountGTEQ: Int(-1)}, []string{"TotalCountGTEQ"}},
		"empty feature":  {&DIDGroupListOptions{Features: []Feature{FeatureVoiceIn, ""}}, []string{"filter[features]"}},
		// Names the API dropped: the error says so and names the replacement.
		"removed sort":      {&DIDGroupListOptions{Sort: []string{"prefix", "local_prefix"}}, []string{`sort: "local_prefix": sort key "local_prefix" was removed from the API in version 2022-05-10; sort by "prefix"`}},
		"removed sort desc": {&DIDGroupListOptions{Sort: []string{"-local_prefix"}}, []string{`"-local_prefix"`, "removed from the API in version 2022-05-10"}},
		"renamed include":   {&DIDGroupListOptions{Include: []string{"country", "requirement"}}, []string{`include: "requirement": include "requirement" was renamed in API version 2026-04-16; include "address_requirement" instead`}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.DIDGroups.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
			items, errs := covCollect(c.DIDGroups.All(t.Context(), tc.opts))
			assert.Empty(t, items)
			require.Len(t, errs, 1)
			covAssertRefused(t, mt, errs[0], tc.want...)
		})
	}
}

func TestDIDGroupsGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.DIDGroups.Get(t.Context(), "", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.DIDGroups.Get(t.Context(), covDGLondon, &GetOptions{Include: []string{"skus"}})
	covAssertRefused(t, mt, err, "allowed: country")
	_, err = c.DIDGroups.Get(t.Context(), covDGLondon, &GetOptions{Include: []string{"requirement"}})
	covAssertRefused(t, mt, err, `"requirement" was renamed in API version 2026-04-16; include "address_requirement" instead`)
}

// A client speaking an older version may use the names that version still
// has; a name that version already dropped stays refused.
func TestDIDGroupsGoneNamesFollowTheVersion(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithAPIVersion("2022-05-10"))
	rec := covServe(t, mt, "/did_groups", "did_groups/empty.json")
	_, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Include: []string{"requirement"}})
	require.NoError(t, err)
	assert.Equal(t, "include=requirement", rec.only(t).RawQuery)

	c, mt = newTestClient(t, WithAPIVersion("2022-05-10"))
	_, err = c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Sort: []string{"local_prefix"}})
	covAssertRefused(t, mt, err, "removed from the API in version 2022-05-10")

	c, mt = newTestClient(t, WithAPIVersion("2021-04-19"))
	rec = covServe(t, mt, "/did_groups", "did_groups/empty.json")
	_, err = c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Sort: []string{"-local_prefix"}})
	require.NoError(t, err)
	assert.Equal(t, "sort=-local_prefix", rec.only(t).RawQuery)
}

// Extra is sent unchecked: it is the way to reach what the pinned version
// does not type.
func TestDIDGroupsExtraIsSentAsGiven(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithAPIVersion("2021-04-19"))
	rec := covServe(t, mt, "/did_groups", "did_groups/empty.json")
	_, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Extra: url.Values{"filter[local_prefix]": {"7"}}})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Blocal_prefix%5D=7", rec.only(t).RawQuery)
}

// covDIDGroupPages serves did_groups/page1..3.json by page[number].
func covDIDGroupPages(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"1": fixture(t, "did_groups/page1.json"),
		"2": fixture(t, "did_groups/page2.json"),
		"3": fixture(t, "did_groups/page3.json"),
	}
}

func TestDIDGroupsAllThreePages(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", rec.wrap(covByPage(covDIDGroupPages(t))))

	opts := &DIDGroupListOptions{ListOptions: ListOptions{PageSize: 2}, CountryID: covUS, Features: []Feature{FeatureVoiceIn}}
	before := *opts
	var prefixes []string
	var enabled []bool
	for g, err := range c.DIDGroups.All(t.Context(), opts) {
		require.NoError(t, err)
		prefixes = append(prefixes, g.Prefix)
		enabled = append(enabled, g.AvailableDIDsEnabled)
	}
	assert.Equal(t, []string{"201", "202", "203", "205", "206"}, prefixes)
	assert.Equal(t, []bool{true, false, true, false, true}, enabled)

	reqs := rec.all()
	require.Len(t, reqs, 3)
	// All fetches later pages concurrently: compare in page order.
	sort.Slice(reqs, func(i, j int) bool { return reqs[i].RawQuery < reqs[j].RawQuery })
	for i, r := range reqs {
		assert.Equal(t, "/v3/did_groups", r.Path)
		assert.Equal(t, "filter%5Bcountry.id%5D="+covUS+"&filter%5Bfeatures%5D=voice_in&page%5Bnumber%5D="+string(rune('1'+i))+"&page%5Bsize%5D=2", r.RawQuery)
		assertStandardHeaders(t, r)
	}
	assert.Equal(t, before, *opts, "All must not change the caller's options")
	assert.Equal(t, ListOptions{PageSize: 2}, opts.ListOptions)
}

func TestDIDGroupsPageLinks(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", covByPage(covDIDGroupPages(t)))

	p1, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{ListOptions: ListOptions{PageNumber: 1, PageSize: 2}})
	require.NoError(t, err)
	assert.True(t, p1.HasNext())
	assert.Contains(t, p1.Links.Next, "page%5Bnumber%5D=2")
	assert.Empty(t, p1.Links.Prev)
	assert.Equal(t, 5, p1.Meta.TotalRecords)

	p3, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{ListOptions: ListOptions{PageNumber: 3, PageSize: 2}})
	require.NoError(t, err)
	assert.False(t, p3.HasNext())
	assert.Empty(t, p3.Links.Next)
	assert.Contains(t, p3.Links.Prev, "page%5Bnumber%5D=2")
	require.Len(t, p3.Items, 1)
	assert.Equal(t, "Seattle", p3.Items[0].AreaName)
}

func TestDIDGroupsAllEarlyBreak(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", rec.wrap(covByPage(covDIDGroupPages(t))))

	n := 0
	for g, err := range c.DIDGroups.All(t.Context(), &DIDGroupListOptions{ListOptions: ListOptions{PageSize: 2}}) {
		require.NoError(t, err)
		n++
		if g.Prefix == "201" {
			break
		}
	}
	assert.Equal(t, 1, n)
	assert.Len(t, rec.all(), 1, "no page after the break")
}

func TestDIDGroupsAllBreakAtPageEnd(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", rec.wrap(covByPage(covDIDGroupPages(t))))

	n := 0
	for _, err := range c.DIDGroups.All(t.Context(), nil) {
		require.NoError(t, err)
		n++
		if n == 2 {
			break
		}
	}
	assert.Len(t, rec.all(), 1, "breaking on the last item of page 1 must not fetch page 2")
}

func TestDIDGroupsAllErrorOnPageTwo(t *testing.T) {
	t.Parallel()
	// Without look-ahead, so that page 3 is provably never requested.
	c, mt := newTestClient(t, WithPrefetch(0))
	rec := &recorder{}
	bad := []byte(`{"errors":[{"title":"Invalid page","detail":"page is invalid","code":"400","status":"400"}]}`)
	pages := covDIDGroupPages(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", rec.wrap(func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("page[number]") == "2" {
			return jsonAPI(400, bad)(r)
		}
		return covByPage(pages)(r)
	}))

	var items []*DIDGroup
	var errs []error
	for g, err := range c.DIDGroups.All(t.Context(), &DIDGroupListOptions{ListOptions: ListOptions{PageSize: 2}}) {
		if err != nil {
			assert.Nil(t, g)
			errs = append(errs, err)
			continue
		}
		items = append(items, g)
	}
	assert.Len(t, items, 2)
	require.Len(t, errs, 1, "the error is yielded once, then the iteration ends")
	var apiErr *APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Len(t, rec.all(), 2, "page 3 is never asked for")
}

func TestDIDGroupsAllPassesContext(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", covByPage(covDIDGroupPages(t)))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var errs []error
	n := 0
	for _, err := range c.DIDGroups.All(ctx, nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
		if n == 2 {
			cancel() // the next page must see the cancelled context
		}
	}
	assert.Equal(t, 2, n)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
}

func TestDIDGroupsListEmpty(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	covServe(t, mt, "/did_groups", "did_groups/empty.json")
	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Prefix: "999"})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.False(t, page.HasNext())
	items, errs := covCollect(c.DIDGroups.All(t.Context(), &DIDGroupListOptions{Prefix: "999"}))
	assert.Empty(t, items)
	assert.Empty(t, errs)
}

func TestCheapestSKU(t *testing.T) {
	t.Parallel()
	sku := func(id, setup, monthly string, ch int) *StockKeepingUnit {
		return &StockKeepingUnit{ID: id, SetupPrice: Decimal(setup), MonthlyPrice: Decimal(monthly), ChannelsIncludedCount: ch}
	}
	for name, tc := range map[string]struct {
		skus []*StockKeepingUnit
		min  int
		want string // "" for nil
	}{
		"none":                      {nil, 0, ""},
		"cheapest total":            {[]*StockKeepingUnit{sku("a", "4.0", "4.0", 2), sku("b", "0.0", "0.09", 0)}, 0, "b"},
		"min channels":              {[]*StockKeepingUnit{sku("a", "0.0", "0.09", 0), sku("b", "4.0", "4.0", 2), sku("c", "4.42", "4.42", 5)}, 2, "b"},
		"none has enough":           {[]*StockKeepingUnit{sku("a", "0.0", "0.09", 0), sku("b", "4.0", "4.0", 2)}, 3, ""},
		"exact, not float":          {[]*StockKeepingUnit{sku("a", "0.1", "0.2", 1), sku("b", "0.3", "0.0000000000000001", 1)}, 0, "a"},
		"different scales":          {[]*StockKeepingUnit{sku("a", "1.50", "2", 1), sku("b", "1.4", "2.0", 1)}, 0, "b"},
		"tie: lower monthly":        {[]*StockKeepingUnit{sku("a", "1.00", "2.00", 1), sku("b", "2.00", "1.00", 1)}, 0, "b"},
		"tie: fewer channels":       {[]*StockKeepingUnit{sku("a", "1.0", "1.0", 4), sku("b", "1", "1", 2)}, 0, "b"},
		"full tie: first wins":      {[]*StockKeepingUnit{sku("a", "1.0", "1.0", 2), sku("b", "1", "1", 2)}, 0, "a"},
		"invalid price skipped":     {[]*StockKeepingUnit{sku("a", "", "0", 0), sku("b", "1", "x", 0), sku("c", "5", "5", 0)}, 0, "c"},
		"nil entries skipped":       {[]*StockKeepingUnit{nil, sku("a", "1", "1", 0)}, 0, "a"},
		"negative min is any":       {[]*StockKeepingUnit{sku("a", "1", "1", 0)}, -1, "a"},
		"tie on total, among three": {[]*StockKeepingUnit{sku("a", "0", "3", 1), sku("b", "2", "0.5", 1), sku("c", "0", "2.5", 1)}, 0, "b"},
		"monthly tie, channels":     {[]*StockKeepingUnit{sku("a", "1.0", "1.0", 1), sku("b", "1.00", "1.00", 0)}, 0, "b"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := &DIDGroup{StockKeepingUnits: tc.skus}
			got := g.CheapestSKU(tc.min)
			if tc.want == "" {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tc.want, got.ID)
		})
	}
	var nilGroup *DIDGroup
	assert.Nil(t, nilGroup.CheapestSKU(0))
}

// Only available_dids_enabled is always in a group's meta: an absent key is
// unknown (nil), distinct from a sent 0 or false.
func TestDIDGroupsMetaAbsentIsUnknown(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_groups/"+covDGLondon, jsonAPI(200, []byte(`{"data": {
		"id": "`+covDGLondon+`", "type": "did_groups",
		"attributes": {"prefix": "4420", "area_name": "London", "features": ["voice_in"], "is_metered": false,
			"allow_additional_channels": true, "service_restrictions": null},
		"meta": {"available_dids_enabled": true}},
		"meta": {"api_version": "2026-04-16"}}`)))
	g, err := c.DIDGroups.Get(t.Context(), covDGLondon, nil)
	require.NoError(t, err)
	assert.True(t, g.AvailableDIDsEnabled)
	assert.Nil(t, g.TotalCount, "total_count absent: unknown, not 0 in stock")
	assert.Nil(t, g.IsAvailable, "is_available absent: unknown")
	assert.Nil(t, g.NeedsRegistration, "needs_registration absent: unknown, not no registration")

	c, mt = newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", jsonAPI(200, []byte(`{"data": [{
		"id": "`+covDGLondon+`", "type": "did_groups",
		"attributes": {"prefix": "4420", "area_name": "London", "features": ["voice_in"], "is_metered": false,
			"allow_additional_channels": true, "service_restrictions": null},
		"meta": {"available_dids_enabled": false, "needs_registration": false, "is_available": false, "total_count": 0}}],
		"meta": {"api_version": "2026-04-16", "total_records": 1}}`)))
	p, err := c.DIDGroups.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, Int(0), p.Items[0].TotalCount, "a sent 0 is 0")
	assert.Equal(t, Bool(false), p.Items[0].IsAvailable)
	assert.Equal(t, Bool(false), p.Items[0].NeedsRegistration)
}

// An address requirement read with all nine includes (as
// GET /address_requirements/{id} answers) tells which proofs and forms a
// buyer needs.
func TestAddressRequirementRelationships(t *testing.T) {
	t.Parallel()
	doc, err := jsonapi.Parse(fixture(t, "address_requirements/get_include_all.json"))
	require.NoError(t, err)
	r, err := jsonapi.DecodeOne[AddressRequirement](doc)
	require.NoError(t, err)
	assert.Equal(t, &Country{ID: "3b1f6a8e-42c4-4a87-9b3f-5d1e2c7a9f21", Name: "Germany", Prefix: "49", ISO: "DE"}, r.Country)
	assert.Equal(t, &DIDGroupType{ID: "0d51924c-e863-44ff-be59-10547c138955", Name: "Local"}, r.DIDGroupType)
	assert.Equal(t, &SupportingDocumentTemplate{
		ID: "206ccec2-1166-461f-9f58-3a56823db548", Name: "Germany Special Registration Form", Permanent: true,
		URL: "https://doc.didww.com/templates/germany-registration-form.pdf",
	}, r.PersonalPermanentDocument)
	assert.Equal(t, &SupportingDocumentTemplate{
		ID: "fd38a5b1-1ba0-4bb0-9bc8-3e5b7c1a4f22", Name: "Letter of Authorization",
		URL: "https://doc.didww.com/templates/letter-of-authorization.pdf",
	}, r.PersonalOnetimeDocument)
	assert.Nil(t, r.BusinessPermanentDocument, "data null: none needed")
	assert.Nil(t, r.BusinessOnetimeDocument)
	assert.Equal(t, []*ProofType{
		{ID: "19cd7b22-559b-41d4-99c9-7ad7ad63d5d1", Name: "Drivers License", EntityType: ProofEntityPersonal},
		{ID: "ff4ea0c2-3b8c-4f1e-9a57-2d6c8b0e5a13", Name: "Passport", EntityType: ProofEntityPersonal},
	}, r.PersonalProofTypes)
	assert.Empty(t, r.BusinessProofTypes)
	assert.Equal(t, []*ProofType{{ID: "a7b3c9d1-6e2f-4a8b-8c5d-1f9e0a2b3c4d", Name: "Utility Bill", EntityType: ProofEntityAddress}}, r.AddressProofTypes)
}
