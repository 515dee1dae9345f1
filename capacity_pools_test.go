package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const poolID = "f288d07c-e2fc-4ae6-9837-b18fb469c324"

func TestCapacityPoolsListWithPricings(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/capacity_pools", rec.wrap(jsonAPI(200, fixture(t, "capacity_pools/list_pricings.json"))))
	p, err := c.CapacityPools.List(t.Context(), &CapacityPoolListOptions{
		ID: []string{poolID}, Name: "Standard", CountryID: []string{"c1", "c2"}, HasUnassignedChannels: Bool(true),
		Include: []string{"qty_based_pricings"}, Sort: []string{"-monthly_price"},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{
		"filter[id]": {poolID}, "filter[name]": {"Standard"}, "filter[country.id]": {"c1,c2"},
		"filter[has_unassigned_channels]": {"true"}, "include": {"qty_based_pricings"}, "sort": {"-monthly_price"},
	}, map[string][]string(rec.only(t).Query))
	require.Len(t, p.Items, 1)
	pool := p.Items[0]
	assert.Equal(t, "Standard", pool.Name)
	assert.Equal(t, "2026-05-01", pool.RenewDate)
	assert.Equal(t, 25, pool.TotalChannelsCount)
	assert.Equal(t, 7, pool.AssignedChannelsCount)
	assert.Equal(t, 0, pool.MinimumLimit)
	assert.Equal(t, 1, pool.MinimumQtyPerOrder)
	assert.Equal(t, Decimal("0.0"), pool.SetupPrice)
	assert.Equal(t, Decimal("15.0"), pool.MonthlyPrice)
	assert.Equal(t, Decimal("0.01"), pool.MeteredRate)
	assert.Nil(t, pool.Countries, "links only")
	require.Len(t, pool.QtyBasedPricings, 2)
	assert.Equal(t, &QtyBasedPricing{ID: "2c6ee4ea-2a8e-4c5e-a6f6-2bb20b5a1b01", Qty: 10, SetupPrice: "0.0", MonthlyPrice: "14.25"}, pool.QtyBasedPricings[0])
	assert.Equal(t, 50, pool.QtyBasedPricings[1].Qty)
	assert.Equal(t, 0, pool.QtyBasedPricings[1].MonthlyPrice.Cmp("13.10"), "exact decimals")
}

func TestCapacityPoolsGetAndRefusals(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/capacity_pools/"+poolID, rec.wrap(jsonAPI(200, fixture(t, "capacity_pools/update.json"))))
	pool, err := c.CapacityPools.Get(t.Context(), poolID, &GetOptions{Include: []string{"countries", "shared_capacity_groups"}})
	require.NoError(t, err)
	assert.Equal(t, "include=countries%2Cshared_capacity_groups", rec.only(t).RawQuery)
	assert.Equal(t, 20, pool.TotalChannelsCount)

	_, err = c.CapacityPools.Get(t.Context(), poolID, &GetOptions{Include: []string{"dids"}})
	assertInvalid(t, err, "include")
	_, err = c.CapacityPools.List(t.Context(), &CapacityPoolListOptions{Sort: []string{"created_at"}})
	assertInvalid(t, err, "sort")
	assert.Len(t, rec.all(), 1)
}

func TestCapacityPoolsUpdateBody(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/capacity_pools/"+poolID, rec.wrap(jsonAPI(200, fixture(t, "capacity_pools/update.json"))))
	pool, err := c.CapacityPools.Update(t.Context(), poolID, &CapacityPoolUpdateRequest{TotalChannelsCount: Int(20)})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "PATCH", got.Method)
	assert.Equal(t, "/v3/capacity_pools/"+poolID, got.Path)
	assertStandardHeaders(t, got)
	assert.Equal(t, fixtureBody(t, "capacity_pools/update_request.json"), string(got.Body))
	assert.Equal(t, 20, pool.TotalChannelsCount)

	_, err = c.CapacityPools.Update(t.Context(), poolID, &CapacityPoolUpdateRequest{TotalChannelsCount: Int(0)})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"capacity_pools","id":"`+poolID+`","attributes":{"total_channels_count":0}}}`,
		string(rec.all()[1].Body), "0 is a value, sent")
}

func TestCapacityPoolsUpdateRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	assertInvalid(t, second(c.CapacityPools.Update(t.Context(), poolID, nil)), "request")
	assertInvalid(t, second(c.CapacityPools.Update(t.Context(), poolID, &CapacityPoolUpdateRequest{})), "total_channels_count")
	assertInvalid(t, second(c.CapacityPools.Update(t.Context(), poolID, &CapacityPoolUpdateRequest{TotalChannelsCount: Int(-1)})), "total_channels_count")
	assertInvalid(t, second(c.CapacityPools.Update(t.Context(), "", &CapacityPoolUpdateRequest{TotalChannelsCount: Int(1)})), "id")
	assertNothingSent(t, mt)
}

func TestCapacityPoolsUpdateIncreaseRefused(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("PATCH", testBaseURL+"/capacity_pools/"+poolID, jsonAPI(422, []byte(
		`{"errors":[{"title":"is invalid","detail":"total_channels_count - can only be lowered","code":"100","source":{"pointer":"/data/attributes/total_channels_count"},"status":"422"}]}`)))
	_, err := c.CapacityPools.Update(t.Context(), poolID, &CapacityPoolUpdateRequest{TotalChannelsCount: Int(99)})
	assert.ErrorIs(t, err, ErrValidation)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}
