package didww

import (
	"net/http"
	"testing"

	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newVersionClient is newTestClient speaking version, with a static bearer
// token under the versions that take one.
func newVersionClient(t *testing.T, version string) (*Client, *httpmock.MockTransport) {
	t.Helper()
	return newTestClient(t, WithAPIVersion(version), WithTokenSource(&staticSource{tok: &Token{AccessToken: "tok-v"}}))
}

// Every option one version does not accept is refused before sending, with
// an error naming the client's version and the replacement.
func TestVersionRefusals(t *testing.T) {
	t.Parallel()
	const v0416, v1119 = APIVersion20260416, APIVersion20261119
	ctx := t.Context()
	for name, tc := range map[string]struct {
		version string
		call    func(c *Client) error
		want    []string
	}{
		"1119 include did_group_type": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{Include: []string{"country", "did_group_type"}})
			return err
		}, []string{`include: "did_group_type": include "did_group_type" is refused from API version 2026-11-19 on`, "read DIDGroup.NumberType", "(the client speaks API version 2026-11-19)"}},
		"1119 get include did_group_type": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.Get(ctx, covDGLondon, &GetOptions{Include: []string{"did_group_type"}})
			return err
		}, []string{`"did_group_type"`, "number_type attribute replaces", "2026-11-19"}},
		"1119 filter did_group_type.id": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{DIDGroupTypeID: "0d51924c"})
			return err
		}, []string{"filter[did_group_type.id]", "DIDGroupTypeID", "filter by number type (NumberType) instead", "speaks API version 2026-11-19"}},
		"1119 sort did_group_type.name": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{Sort: []string{"-did_group_type.name"}})
			return err
		}, []string{`sort: "-did_group_type.name"`, "number_type", "2026-11-19"}},
		"1119 fields did_group_type": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{ListOptions: ListOptions{Fields: map[string][]string{"did_groups": {"prefix", "did_group_type"}}}})
			return err
		}, []string{"fields[did_groups]", `"did_group_type"`, `ask for "number_type" instead`}},
		"1119 get fields of address requirements": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.Get(ctx, covDGLondon, &GetOptions{Fields: map[string][]string{"address_requirements": {"did_group_type"}}})
			return err
		}, []string{"fields[address_requirements]", "number_type"}},
		"1119 fields of DID group types": {v1119, func(c *Client) error {
			_, err := c.DIDGroups.Get(ctx, covDGLondon, &GetOptions{Fields: map[string][]string{"did_group_types": {"name"}}})
			return err
		}, []string{"fields[did_group_types]", "DID group types are gone from API version 2026-11-19"}},
		"1119 available DIDs did_group_type.id": {v1119, func(c *Client) error {
			_, err := c.AvailableDIDs.List(ctx, &AvailableDIDListOptions{DIDGroupTypeID: "0d51924c"})
			return err
		}, []string{"filter[did_group_type.id]", "filter[did_group.number_type]", "2026-11-19"}},
		"1119 DID group types list": {v1119, func(c *Client) error {
			_, err := c.DIDGroupTypes.List(ctx, nil)
			return err
		}, []string{"DID group types are gone from API version 2026-11-19", "DIDGroup.NumberType", "DIDGroupListOptions.NumberType"}},
		"1119 DID group types all": {v1119, func(c *Client) error {
			for _, err := range c.DIDGroupTypes.All(ctx, &DIDGroupTypeListOptions{Sort: []string{"name"}}) {
				return err
			}
			return nil
		}, []string{"DID group types are gone", "NumberType"}},
		"1119 DID group types get": {v1119, func(c *Client) error {
			_, err := c.DIDGroupTypes.Get(ctx, "0d51924c-e863-44ff-be59-10547c138955", nil)
			return err
		}, []string{"DID group types are gone", "NumberType"}},
		"0416 filter number_type": {v0416, func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{NumberType: []NumberType{NumberTypeLocal}})
			return err
		}, []string{"filter[number_type]", "arrives in API version 2026-11-19 (WithAPIVersion(APIVersion20261119))", "filter by DIDGroupTypeID", "speaks API version 2026-04-16"}},
		"0416 filter is_demo": {v0416, func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{IsDemo: Bool(false)})
			return err
		}, []string{"filter[is_demo]", "arrives in API version 2026-11-19"}},
		"0416 fields number_type": {v0416, func(c *Client) error {
			_, err := c.DIDGroups.Get(ctx, covDGLondon, &GetOptions{Fields: map[string][]string{"did_groups": {"number_type"}}})
			return err
		}, []string{"fields[did_groups]", `"number_type"`, "arrives in API version 2026-11-19"}},
		"0416 available DIDs number type": {v0416, func(c *Client) error {
			_, err := c.AvailableDIDs.List(ctx, &AvailableDIDListOptions{NumberType: []NumberType{NumberTypeTollFree}})
			return err
		}, []string{"filter[did_group.number_type]", "arrives in API version 2026-11-19", "filter by DIDGroupTypeID"}},
		"0416 available DIDs fields": {v0416, func(c *Client) error {
			_, err := c.AvailableDIDs.Get(ctx, "a1", &GetOptions{Include: []string{"did_group"}, Fields: map[string][]string{"did_groups": {"is_demo"}}})
			return err
		}, []string{"fields[did_groups]", `"is_demo"`, "2026-11-19"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, tc.version)
			covAssertRefused(t, mt, tc.call(c), tc.want...)
		})
	}
}

// What one version refuses, the other sends as given.
func TestVersionAcceptedNamesAreSent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	for name, tc := range map[string]struct {
		version, path, query string
		call                 func(c *Client) error
	}{
		"1119 number_type and is_demo": {APIVersion20261119, "/did_groups", "fields%5Bdid_groups%5D=prefix%2Cnumber_type&filter%5Bis_demo%5D=false&filter%5Bnumber_type%5D=local%2Ctoll_free", func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{
				ListOptions: ListOptions{Fields: map[string][]string{"did_groups": {"prefix", "number_type"}}},
				NumberType:  []NumberType{NumberTypeLocal, NumberTypeTollFree}, IsDemo: Bool(false),
			})
			return err
		}},
		"1119 available DIDs number type": {APIVersion20261119, "/available_dids", "filter%5Bdid_group.number_type%5D=mobile&include=did_group", func(c *Client) error {
			_, err := c.AvailableDIDs.List(ctx, &AvailableDIDListOptions{NumberType: []NumberType{NumberTypeMobile}, Include: []string{"did_group"}})
			return err
		}},
		"0416 did_group_type": {APIVersion20260416, "/did_groups", "filter%5Bdid_group_type.id%5D=t1&include=did_group_type&sort=did_group_type.name", func(c *Client) error {
			_, err := c.DIDGroups.List(ctx, &DIDGroupListOptions{DIDGroupTypeID: "t1", Include: []string{"did_group_type"}, Sort: []string{"did_group_type.name"}})
			return err
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, tc.version)
			rec := covServe(t, mt, tc.path, "did_groups/empty.json")
			require.NoError(t, tc.call(c))
			r := rec.only(t)
			assert.Equal(t, http.MethodGet, r.Method)
			assert.Equal(t, "/v3"+tc.path, r.Path)
			assert.Equal(t, tc.query, r.Query.Encode())
			assert.Equal(t, tc.version, r.Header.Get("X-DIDWW-API-Version"))
			if usesTokens(tc.version) {
				assert.Equal(t, "Bearer tok-v", r.Header.Get("Authorization"))
				assert.Empty(t, r.Header.Get("Api-Key"))
			}
		})
	}
}

// The allowed sets an error lists follow the version.
func TestVersionAllowedSetsInErrors(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	_, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Include: []string{"skus"}})
	covAssertRefused(t, mt, err, "allowed: country, region, city, stock_keeping_units, address_requirement")
	_, err = c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Sort: []string{"total"}})
	covAssertRefused(t, mt, err, "allowed: allow_additional_channels, area_name, country.name, is_demo, is_metered, number_type, prefix, service_restrictions (")
	older, omt := newVersionClient(t, APIVersion20260416)
	_, err = older.DIDGroups.List(t.Context(), &DIDGroupListOptions{Sort: []string{"-number_type"}})
	covAssertRefused(t, omt, err, `sort key "number_type"`, "arrives in API version 2026-11-19")
	rec := covServe(t, mt, "/did_groups", "did_groups/empty.json")
	_, err = c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Sort: []string{"number_type", "-is_demo"}})
	require.NoError(t, err)
	assert.Equal(t, "sort=number_type%2C-is_demo", rec.only(t).Query.Encode())
}

// A 2026-11-19 DID group carries number_type and is_demo and no
// did_group_type; an unknown number type is kept as sent.
func TestDIDGroupDecodes20261119(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	covServe(t, mt, "/did_groups", "did_groups/list_2026-11-19.json")
	page, err := c.DIDGroups.List(t.Context(), &DIDGroupListOptions{NumberType: []NumberType{NumberTypeLocal}})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, APIVersion20261119, page.Meta.APIVersion)
	london, demo := page.Items[0], page.Items[1]
	assert.Equal(t, NumberTypeLocal, london.NumberType)
	assert.False(t, london.IsDemo)
	assert.Nil(t, london.DIDGroupType)
	assert.Equal(t, "4420", london.Prefix)
	assert.Equal(t, Int(120), london.TotalCount)
	assert.Equal(t, NumberType("premium_rate"), demo.NumberType, "unknown values are kept")
	assert.True(t, demo.IsDemo)
	assert.Equal(t, "Demo numbers are for testing only.", demo.ServiceRestrictions)
}

// A 2026-04-16 DID group has no number_type: the field stays empty and the
// did_group_type relationship says the kind.
func TestDIDGroupDecodes20260416(t *testing.T) {
	t.Parallel()
	doc, err := jsonapi.Parse(fixture(t, "did_groups/list_include_all.json"))
	require.NoError(t, err)
	groups, err := jsonapi.DecodeMany[DIDGroup](doc)
	require.NoError(t, err)
	require.NotEmpty(t, groups)
	assert.Empty(t, groups[0].NumberType)
	assert.False(t, groups[0].IsDemo)
	require.NotNil(t, groups[0].DIDGroupType)
	assert.Equal(t, "0d51924c-e863-44ff-be59-10547c138955", groups[0].DIDGroupType.ID)
}

// A 2026-11-19 address requirement carries number_type instead of the
// did_group_type relationship, and its mandatory fields are never null.
func TestAddressRequirementDecodes20261119(t *testing.T) {
	t.Parallel()
	doc, err := jsonapi.Parse(fixture(t, "address_requirements/get_include_all_2026-11-19.json"))
	require.NoError(t, err)
	r, err := jsonapi.DecodeOne[AddressRequirement](doc)
	require.NoError(t, err)
	assert.Equal(t, NumberTypeLocal, r.NumberType)
	assert.Nil(t, r.DIDGroupType)
	assert.Equal(t, []string{}, r.BusinessMandatoryFields)
	assert.Equal(t, "Germany", r.Country.Name)

	doc, err = jsonapi.Parse(fixture(t, "address_requirements/get_include_all.json"))
	require.NoError(t, err)
	old, err := jsonapi.DecodeOne[AddressRequirement](doc)
	require.NoError(t, err)
	assert.Empty(t, old.NumberType)
	assert.Equal(t, "Local", old.DIDGroupType.Name)
}

// From 2026-11-19 a generic order item is any other charge, such as a
// Sender ID verification; it reads like every documented item.
func TestOrderGenericItem20261119(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	const id = "9b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
	covServe(t, mt, "/orders/"+id, "orders/get_generic_2026-11-19.json")
	o, err := c.Orders.Get(t.Context(), id, nil)
	require.NoError(t, err)
	require.Len(t, o.Items, 1)
	it := o.Items[0]
	assert.Equal(t, OrderItemGeneric, it.Type)
	assert.Equal(t, 1, it.Qty)
	assert.Equal(t, Decimal("15.00"), it.NRC)
	assert.Equal(t, Decimal("0.0"), it.MRC)
	assert.Equal(t, "2026-11-20", it.BilledFrom)
	assert.Empty(t, it.DIDGroupID+it.CapacityPoolID+it.EmergencyCallingServiceID)
	assert.Equal(t, Decimal("15.00"), o.Amount)
}

func TestClientAPIVersion(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t)
	assert.Equal(t, DefaultAPIVersion, c.APIVersion())
	c, _ = newVersionClient(t, APIVersion20261119)
	assert.Equal(t, APIVersion20261119, c.APIVersion())
}

// Available DIDs are not sortable under 2026-11-19; 2026-04-16 sends the sort.
func TestAvailableDIDSortPerVersion(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	_, err := c.AvailableDIDs.List(t.Context(), &AvailableDIDListOptions{Sort: []string{"number"}})
	covAssertRefused(t, mt, err, `"number"`, "random order", "2026-11-19")
	older, omt := newVersionClient(t, APIVersion20260416)
	rec := covServe(t, omt, "/available_dids", "did_groups/empty.json")
	_, err = older.AvailableDIDs.List(t.Context(), &AvailableDIDListOptions{Sort: []string{"-number"}})
	require.NoError(t, err)
	assert.Equal(t, "sort=-number", rec.only(t).Query.Encode())
}
