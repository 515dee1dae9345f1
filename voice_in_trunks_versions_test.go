package didww

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A 2026-11-19 trunk names its POP in the pop attribute and has no pop
// relationship; PinnedPop reads it.
func TestVoiceInTrunkDecodesPopAttribute20261119(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	const id = "b5c1f3a2-7d04-4e8e-9a51-2f6e0c9d8a17"
	rec := covServe(t, mt, "/voice_in_trunks/"+id, "voice_in_trunks/get_pstn_2026-11-19.json")
	tr, err := c.VoiceInTrunks.Get(t.Context(), id, &GetOptions{Include: []string{"voice_in_trunk_group"}})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "/v3/voice_in_trunks/"+id, r.Path)
	assert.Equal(t, "include=voice_in_trunk_group", r.RawQuery)
	assert.Equal(t, APIVersion20261119, r.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, PopCodeNewYork, tr.PopName)
	assert.Nil(t, tr.Pop)
	assert.Equal(t, &Pop{Name: "NYC"}, tr.PinnedPop())
	assert.Equal(t, "Mobile forward", tr.Name)
}

// A 2026-04-16 trunk links its POP: PinnedPop is the linked POP.
func TestVoiceInTrunkPinnedPop20260416(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	covServe(t, mt, "/voice_in_trunks/"+trunkSIPID, "voice_in_trunks/get_sip.json")
	tr, err := c.VoiceInTrunks.Get(t.Context(), trunkSIPID, &GetOptions{Include: []string{"pop"}})
	require.NoError(t, err)
	assert.Empty(t, tr.PopName)
	assert.Equal(t, &Pop{ID: trunkPopID, Name: "New York, NY, USA"}, tr.PinnedPop())
	assert.Nil(t, (&VoiceInTrunk{}).PinnedPop())
}

// What one version does not take of the POP is refused before sending.
func TestVoiceInTrunkPopRefusalsPerVersion(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pstn := &PSTNConfiguration{Dst: "442071234567"}
	for name, tc := range map[string]struct {
		version string
		call    func(c *Client) error
		want    []string
	}{
		"1119 list include pop": {APIVersion20261119, func(c *Client) error {
			_, err := c.VoiceInTrunks.List(ctx, &VoiceInTrunkListOptions{Include: []string{"pop"}})
			return err
		}, []string{`include "pop"`, "VoiceInTrunk.PopName", "speaks API version 2026-11-19"}},
		"1119 get include pop": {APIVersion20261119, func(c *Client) error {
			_, err := c.VoiceInTrunks.Get(ctx, trunkSIPID, &GetOptions{Include: []string{"pop"}})
			return err
		}, []string{`include "pop"`}},
		"1119 pops list": {APIVersion20261119, func(c *Client) error {
			_, err := c.Pops.List(ctx, nil)
			return err
		}, []string{"POP list is gone", "VoiceInTrunk.PopName"}},
		"1119 dids include voice_in_trunk.pop": {APIVersion20261119, func(c *Client) error {
			_, err := c.DIDs.List(ctx, &DIDListOptions{Include: []string{"voice_in_trunk.pop"}})
			return err
		}, []string{`"voice_in_trunk.pop"`, "pop attribute"}},
		"1119 create with PopID": {APIVersion20261119, func(c *Client) error {
			_, err := c.VoiceInTrunks.Create(ctx, &VoiceInTrunkCreateRequest{Name: "T", Configuration: pstn, PopID: trunkPopID})
			return err
		}, []string{"PopID", "use PopName"}},
		"1119 update with PopID": {APIVersion20261119, func(c *Client) error {
			_, err := c.VoiceInTrunks.Update(ctx, trunkSIPID, &VoiceInTrunkUpdateRequest{PopID: Value(trunkPopID)})
			return err
		}, []string{"PopID", "use PopName"}},
		"1119 update with empty PopName": {APIVersion20261119, func(c *Client) error {
			_, err := c.VoiceInTrunks.Update(ctx, trunkSIPID, &VoiceInTrunkUpdateRequest{PopName: Value("")})
			return err
		}, []string{"PopName is empty"}},
		"0416 create with PopName": {APIVersion20260416, func(c *Client) error {
			_, err := c.VoiceInTrunks.Create(ctx, &VoiceInTrunkCreateRequest{Name: "T", Configuration: pstn, PopName: PopCodeNewYork})
			return err
		}, []string{"PopName", "arrives in API version 2026-11-19", "use PopID"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, tc.version)
			covAssertRefused(t, mt, tc.call(c), tc.want...)
		})
	}
}

// Under 2026-11-19 PopName is sent as the pop attribute, and Null unpins.
func TestVoiceInTrunkWritesPopAttribute20261119(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	answer := jsonAPI(200, fixture(t, "voice_in_trunks/get_pstn_2026-11-19.json"))
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/voice_in_trunks", rec.wrap(answer))
	mt.RegisterResponder(http.MethodPatch, testBaseURL+"/voice_in_trunks/"+trunkSIPID, rec.wrap(answer))

	_, err := c.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{Name: "Mobile forward",
		Configuration: &PSTNConfiguration{Dst: "442071234567"}, PopName: PopCodeNewYork})
	require.NoError(t, err)
	_, err = c.VoiceInTrunks.Update(t.Context(), trunkSIPID, &VoiceInTrunkUpdateRequest{PopName: Null[string]()})
	require.NoError(t, err)
	got := rec.all()
	require.Len(t, got, 2)
	assert.Equal(t, `{"data":{"type":"voice_in_trunks","attributes":{"name":"Mobile forward",`+
		`"configuration":{"type":"pstn_configurations","attributes":{"dst":"442071234567"}},"pop":"NYC"}}}`, string(got[0].Body))
	assert.Equal(t, `{"data":{"type":"voice_in_trunks","id":"`+trunkSIPID+`","attributes":{"pop":null}}}`, string(got[1].Body))
	assert.Equal(t, "Bearer tok-v", got[1].Header.Get("Authorization"))
}

// From 2026-11-19 on a ringing timeout above 32 s is refused before
// sending; 2026-04-16 sends it.
func TestVoiceInTrunkRingingTimeoutRange20261119(t *testing.T) {
	t.Parallel()
	newer, mt := newVersionClient(t, APIVersion20261119)
	cfg := &PSTNConfiguration{Dst: "558540420024"}
	_, err := newer.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{Name: "x", Configuration: cfg, RingingTimeout: Int(33)})
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.Contains(t, err.Error(), "ringing_timeout")
	_, err = newer.VoiceInTrunks.Update(t.Context(), trunkSIPID, &VoiceInTrunkUpdateRequest{RingingTimeout: Value(60)})
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount())

	older, omt := newStrictClient(t)
	rec := &recorder{}
	omt.RegisterResponder(http.MethodPatch, testBaseURL+"/voice_in_trunks/"+trunkSIPID, rec.wrap(jsonAPI(200, fixture(t, "voice_in_trunks/get_sip.json"))))
	_, err = older.VoiceInTrunks.Update(t.Context(), trunkSIPID, &VoiceInTrunkUpdateRequest{RingingTimeout: Value(60)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data":{"id":"`+trunkSIPID+`","type":"voice_in_trunks","attributes":{"ringing_timeout":60}}}`, string(rec.only(t).Body))
}

// From 2026-11-19 on a group holds at most 10 trunks: more is refused
// before sending; 2026-04-16 documents no limit.
func TestVoiceInTrunkGroupSize20261119(t *testing.T) {
	t.Parallel()
	ids := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("t%d", i))
		}
		return out
	}
	patch := func(mt *httpmock.MockTransport) *recorder {
		rec := &recorder{}
		mt.RegisterResponder(http.MethodPatch, testBaseURL+"/voice_in_trunk_groups/g1", rec.wrap(jsonAPI(200, fixture(t, "voice_in_trunk_groups/get_included.json"))))
		return rec
	}
	c, mt := newVersionClient(t, APIVersion20261119)
	_, err := c.VoiceInTrunkGroups.Create(t.Context(), &VoiceInTrunkGroupCreateRequest{Name: "g", VoiceInTrunkIDs: ids(11)})
	covAssertRefused(t, mt, err, "11 distinct trunks", "at most 10")
	_, err = c.VoiceInTrunkGroups.Update(t.Context(), "g1", &VoiceInTrunkGroupUpdateRequest{VoiceInTrunkIDs: ids(12)})
	covAssertRefused(t, mt, err, "12 distinct trunks")
	rec := patch(mt)
	_, err = c.VoiceInTrunkGroups.Update(t.Context(), "g1", &VoiceInTrunkGroupUpdateRequest{VoiceInTrunkIDs: ids(10)})
	require.NoError(t, err)
	assert.Len(t, rec.all(), 1)
	older, omt := newVersionClient(t, APIVersion20260416)
	orec := patch(omt)
	_, err = older.VoiceInTrunkGroups.Update(t.Context(), "g1", &VoiceInTrunkGroupUpdateRequest{VoiceInTrunkIDs: ids(11)})
	require.NoError(t, err)
	assert.Len(t, orec.all(), 1)
}
