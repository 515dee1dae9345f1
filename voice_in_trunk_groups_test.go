package didww

import (
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVoiceInTrunkGroupsGetWithTrunks(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunk_groups/"+trunkGrpID, rec.wrap(jsonAPI(200, fixture(t, "voice_in_trunk_groups/get_included.json"))))
	g, err := c.VoiceInTrunkGroups.Get(t.Context(), trunkGrpID, &GetOptions{Include: []string{"voice_in_trunks"}})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "/v3/voice_in_trunk_groups/"+trunkGrpID, got.Path)
	assert.Equal(t, "include=voice_in_trunks", got.RawQuery)

	assert.Equal(t, "Office", g.Name)
	assert.Equal(t, Int(10), g.CapacityLimit)
	assert.Equal(t, "grp-1", g.ExternalReferenceID)
	assert.Equal(t, time.Date(2026, 4, 16, 9, 0, 0, 0, time.UTC), g.CreatedAt)
	assert.Equal(t, 2, g.TrunksCount)
	require.Len(t, g.VoiceInTrunks, 2)
	assert.Equal(t, "Forward to mobile", g.VoiceInTrunks[0].Name, "included")
	assert.Equal(t, &PSTNConfiguration{Dst: "558540420024"}, g.VoiceInTrunks[0].Configuration)
	assert.Equal(t, &VoiceInTrunk{ID: "9d7c5a4e-3b21-4f0e-8c6d-2a1b0c9d8e7f"}, g.VoiceInTrunks[1], "not included: id only")
}

func TestVoiceInTrunkGroupsListQuery(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunk_groups", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	p, err := c.VoiceInTrunkGroups.List(t.Context(), &VoiceInTrunkGroupListOptions{
		ID: []string{"g1"}, ExternalReferenceID: "grp-1", Include: []string{"voice_in_trunks"}, Sort: []string{"-capacity_limit"},
	})
	require.NoError(t, err)
	assert.Empty(t, p.Items)
	assert.Equal(t, map[string][]string{"filter[id]": {"g1"}, "filter[external_reference_id]": {"grp-1"},
		"include": {"voice_in_trunks"}, "sort": {"-capacity_limit"}}, map[string][]string(rec.only(t).Query))

	_, err = c.VoiceInTrunkGroups.List(t.Context(), &VoiceInTrunkGroupListOptions{Sort: []string{"trunks_count"}})
	assertInvalid(t, err, "sort")
	assert.Len(t, rec.all(), 1, "the refused list sent nothing")
}

func TestVoiceInTrunkGroupsCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/voice_in_trunk_groups", rec.wrap(jsonAPI(201, fixture(t, "voice_in_trunk_groups/get_included.json"))))
	g, err := c.VoiceInTrunkGroups.Create(t.Context(), &VoiceInTrunkGroupCreateRequest{
		Name: "Office", CapacityLimit: Int(10), ExternalReferenceID: "grp-1",
		VoiceInTrunkIDs: []string{"41b0c7b3-1c70-4c1c-9d94-3f2a8d1e2b10", "9d7c5a4e-3b21-4f0e-8c6d-2a1b0c9d8e7f"},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "POST", got.Method)
	assertStandardHeaders(t, got)
	assert.Equal(t, fixtureBody(t, "voice_in_trunk_groups/create_request.json"), string(got.Body))
	assert.Equal(t, trunkGrpID, g.ID)
}

func TestVoiceInTrunkGroupsUpdateClearsAndEmpties(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/voice_in_trunk_groups/"+trunkGrpID, rec.wrap(jsonAPI(200, fixture(t, "voice_in_trunk_groups/get_included.json"))))
	_, err := c.VoiceInTrunkGroups.Update(t.Context(), trunkGrpID, &VoiceInTrunkGroupUpdateRequest{
		CapacityLimit: Null[int](), ExternalReferenceID: Null[string](), VoiceInTrunkIDs: []string{},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "PATCH", got.Method)
	assert.Equal(t, fixtureBody(t, "voice_in_trunk_groups/update_request.json"), string(got.Body), "an empty set is sent as []")

	_, err = c.VoiceInTrunkGroups.Update(t.Context(), trunkGrpID, &VoiceInTrunkGroupUpdateRequest{Name: ptr("Renamed")})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"voice_in_trunk_groups","id":"`+trunkGrpID+`","attributes":{"name":"Renamed"}}}`,
		string(rec.all()[1].Body), "nil trunk ids leave the membership alone")
}

func TestVoiceInTrunkGroupsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	for _, tc := range []struct {
		err   error
		field string
	}{
		{second(c.VoiceInTrunkGroups.Create(t.Context(), nil)), "request"},
		{second(c.VoiceInTrunkGroups.Create(t.Context(), &VoiceInTrunkGroupCreateRequest{})), "name"},
		{second(c.VoiceInTrunkGroups.Create(t.Context(), &VoiceInTrunkGroupCreateRequest{Name: "g", VoiceInTrunkIDs: []string{"a", "a"}})), "voice_in_trunks"},
		{second(c.VoiceInTrunkGroups.Create(t.Context(), &VoiceInTrunkGroupCreateRequest{Name: "g", VoiceInTrunkIDs: []string{""}})), "voice_in_trunks"},
		{second(c.VoiceInTrunkGroups.Create(t.Context(), &VoiceInTrunkGroupCreateRequest{Name: "g", CapacityLimit: Int(-1)})), "capacity_limit"},
		{second(c.VoiceInTrunkGroups.Update(t.Context(), "", &VoiceInTrunkGroupUpdateRequest{})), "id"},
		{second(c.VoiceInTrunkGroups.Update(t.Context(), "g", nil)), "request"},
		{c.VoiceInTrunkGroups.Delete(t.Context(), " "), "id"},
	} {
		assertInvalid(t, tc.err, tc.field)
	}
	assertNothingSent(t, mt)
}

// second returns the error of a (value, error) call.
func second[T any](_ T, err error) error { return err }

func TestVoiceInTrunkGroupsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/voice_in_trunk_groups/"+trunkGrpID, rec.wrap(httpmock.NewBytesResponder(204, nil)))
	require.NoError(t, c.VoiceInTrunkGroups.Delete(t.Context(), trunkGrpID))
	assert.Equal(t, "DELETE", rec.only(t).Method)
}
