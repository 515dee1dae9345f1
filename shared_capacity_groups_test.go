package didww

import (
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sharedGroupID = "89f987e2-0862-4bf4-a3f4-cdc89af0d875"

func TestSharedCapacityGroupsGetWithPool(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/shared_capacity_groups/"+sharedGroupID, rec.wrap(jsonAPI(200, fixture(t, "shared_capacity_groups/get_included.json"))))
	g, err := c.SharedCapacityGroups.Get(t.Context(), sharedGroupID, &GetOptions{Include: []string{"capacity_pool"}})
	require.NoError(t, err)
	assert.Equal(t, "include=capacity_pool", rec.only(t).RawQuery)
	assert.Equal(t, "Sales", g.Name)
	assert.Equal(t, 5, g.SharedChannelsCount)
	assert.Nil(t, g.MeteredChannelsCount, "null: no metered overflow")
	assert.Empty(t, g.ExternalReferenceID)
	assert.Equal(t, time.Date(2026, 4, 16, 10, 2, 3, 456e6, time.UTC), g.CreatedAt)
	require.NotNil(t, g.CapacityPool)
	assert.Equal(t, "Standard", g.CapacityPool.Name)
	assert.Equal(t, Decimal("15.0"), g.CapacityPool.MonthlyPrice)
	require.Len(t, g.DIDs, 1)
	assert.Equal(t, "9df99644-f1a5-4a3c-99a4-559d758eb96b", g.DIDs[0].ID)
}

func TestSharedCapacityGroupsListQuery(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/shared_capacity_groups", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	_, err := c.SharedCapacityGroups.List(t.Context(), &SharedCapacityGroupListOptions{
		ListOptions: ListOptions{PageSize: 5}, ID: []string{"a"}, Name: "Sales", CapacityPoolID: []string{poolID},
		ExternalReferenceID: "s-1", Include: []string{"capacity_pool", "dids"}, Sort: []string{"shared_channels_count"},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"page[size]": {"5"}, "filter[id]": {"a"}, "filter[name]": {"Sales"},
		"filter[capacity_pool.id]": {poolID}, "filter[external_reference_id]": {"s-1"}, "include": {"capacity_pool,dids"},
		"sort": {"shared_channels_count"}}, map[string][]string(rec.only(t).Query))
}

func TestSharedCapacityGroupsCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/shared_capacity_groups", rec.wrap(jsonAPI(201, fixture(t, "shared_capacity_groups/get_included.json"))))
	g, err := c.SharedCapacityGroups.Create(t.Context(), &SharedCapacityGroupCreateRequest{
		Name: "Sales", MeteredChannelsCount: Int(2), CapacityPoolID: poolID, DIDIDs: []string{"9df99644-f1a5-4a3c-99a4-559d758eb96b"},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "POST", got.Method)
	assertStandardHeaders(t, got)
	assert.Equal(t, fixtureBody(t, "shared_capacity_groups/create_request.json"), string(got.Body), "0 shared channels is sent")
	assert.Equal(t, sharedGroupID, g.ID)
}

func TestSharedCapacityGroupsUpdateBody(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/shared_capacity_groups/"+sharedGroupID, rec.wrap(jsonAPI(200, fixture(t, "shared_capacity_groups/get_included.json"))))
	_, err := c.SharedCapacityGroups.Update(t.Context(), sharedGroupID, &SharedCapacityGroupUpdateRequest{
		SharedChannelsCount: Int(8), MeteredChannelsCount: Null[int](), ExternalReferenceID: Value("sales-2"),
	})
	require.NoError(t, err)
	assert.Equal(t, fixtureBody(t, "shared_capacity_groups/update_request.json"), string(rec.only(t).Body))

	_, err = c.SharedCapacityGroups.Update(t.Context(), sharedGroupID, &SharedCapacityGroupUpdateRequest{CapacityPoolID: "p2", DIDIDs: []string{}})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"shared_capacity_groups","id":"`+sharedGroupID+`","relationships":{"capacity_pool":{"data":{"type":"capacity_pools","id":"p2"}},"dids":{"data":[]}}}}`,
		string(rec.all()[1].Body))
}

func TestSharedCapacityGroupsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	create := func(r *SharedCapacityGroupCreateRequest) error {
		return second(c.SharedCapacityGroups.Create(t.Context(), r))
	}
	update := func(r *SharedCapacityGroupUpdateRequest) error {
		return second(c.SharedCapacityGroups.Update(t.Context(), sharedGroupID, r))
	}
	assertInvalid(t, create(nil), "request")
	assertInvalid(t, create(&SharedCapacityGroupCreateRequest{CapacityPoolID: poolID}), "name")
	assertInvalid(t, create(&SharedCapacityGroupCreateRequest{Name: "s"}), "capacity_pool")
	assertInvalid(t, create(&SharedCapacityGroupCreateRequest{Name: "s", CapacityPoolID: poolID, SharedChannelsCount: -1}), "shared_channels_count")
	assertInvalid(t, create(&SharedCapacityGroupCreateRequest{Name: "s", CapacityPoolID: poolID, MeteredChannelsCount: Int(-1)}), "metered_channels_count")
	assertInvalid(t, create(&SharedCapacityGroupCreateRequest{Name: "s", CapacityPoolID: poolID, DIDIDs: []string{"d", "d"}}), "dids")
	assertInvalid(t, update(nil), "request")
	assertInvalid(t, update(&SharedCapacityGroupUpdateRequest{Name: ptr("")}), "name")
	assertNothingSent(t, mt)
}

func TestSharedCapacityGroupsMissingPoolIs422WithPointer(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/shared_capacity_groups", jsonAPI(422, fixture(t, "shared_capacity_groups/create_error_missing_pool.json")))
	_, err := c.SharedCapacityGroups.Create(t.Context(), &SharedCapacityGroupCreateRequest{Name: "s", CapacityPoolID: "gone"})
	require.ErrorIs(t, err, ErrValidation)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/data/relationships/capacity_pool", apiErr.Errors[0].Source.Pointer)
	assert.Contains(t, err.Error(), "capacity_pool: can't be blank")
}

func TestSharedCapacityGroupsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/shared_capacity_groups/"+sharedGroupID, rec.wrap(httpmock.NewBytesResponder(204, nil)))
	require.NoError(t, c.SharedCapacityGroups.Delete(t.Context(), sharedGroupID))
	assert.Equal(t, "/v3/shared_capacity_groups/"+sharedGroupID, rec.only(t).Path)
}
