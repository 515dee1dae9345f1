package didww

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	smsGroupID  = "c5e7a9b1-6d3f-4f2a-8c4e-9b1d7f3a5e46"
	smsTrunkAID = "3c7e9a1d-2b4f-4e6a-8d5c-1f9b0a7e3c24"
	smsTrunkBID = "0b1f6c2e-5d4a-4f8e-9c3b-7a2d1e6f4b90"
)

// The documentation's example group decodes with every attribute, its
// member linkage and meta.
func TestSMSTrunkGroupGetDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/sms_trunk_groups/"+smsGroupID, "sms_trunk_groups/get.json")
	g, err := c.SMSTrunkGroups.Get(t.Context(), smsGroupID, &GetOptions{Include: []string{"sms_trunks"}})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v3/sms_trunk_groups/"+smsGroupID, r.Path)
	assert.Equal(t, "include=sms_trunks", r.RawQuery)
	assert.Equal(t, APIVersion20261119, r.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, "Bearer tok-v", r.Header.Get("Authorization"))
	created := time.Date(2026, 10, 22, 9, 15, 42, 118000000, time.UTC)
	assert.Equal(t, &SMSTrunkGroup{ID: smsGroupID, Name: "Inbound SMS", CreatedAt: created, UpdatedAt: created,
		SMSTrunksCount: 2, SMSTrunks: []*SMSTrunk{{ID: smsTrunkAID}, {ID: smsTrunkBID}}}, g)
}

func TestSMSTrunkGroupListQuery(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/sms_trunk_groups", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	page, err := c.SMSTrunkGroups.List(t.Context(), &SMSTrunkGroupListOptions{ListOptions: ListOptions{PageNumber: 2, PageSize: 10},
		ID: []string{"a", "b"}, Name: []string{"Inbound SMS"}, ExternalReferenceID: "ref-1",
		Include: []string{"sms_trunks", "incoming_dids"}, Sort: []string{"-updated_at", "name"}})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	r := rec.only(t)
	assert.Equal(t, "filter%5Bexternal_reference_id%5D=ref-1&filter%5Bid%5D=a%2Cb&filter%5Bname%5D=Inbound+SMS&include=sms_trunks%2Cincoming_dids&page%5Bnumber%5D=2&page%5Bsize%5D=10&sort=-updated_at%2Cname", r.RawQuery)
}

// Writes send only what is set; an empty, non-nil SMSTrunkIDs empties the
// group and a null reference clears it.
func TestSMSTrunkGroupWrites(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	answer := jsonAPI(200, fixture(t, "sms_trunk_groups/get.json"))
	mt.RegisterResponder("POST", testBaseURL+"/sms_trunk_groups", rec.wrap(answer))
	mt.RegisterResponder("PATCH", testBaseURL+"/sms_trunk_groups/"+smsGroupID, rec.wrap(answer))
	mt.RegisterResponder("DELETE", testBaseURL+"/sms_trunk_groups/"+smsGroupID, rec.wrap(jsonAPI(204, nil)))
	ctx := t.Context()
	_, err := c.SMSTrunkGroups.Create(ctx, &SMSTrunkGroupCreateRequest{Name: "Inbound SMS", SMSTrunkIDs: []string{smsTrunkAID, smsTrunkBID}})
	require.NoError(t, err)
	_, err = c.SMSTrunkGroups.Update(ctx, smsGroupID, &SMSTrunkGroupUpdateRequest{ExternalReferenceID: Null[string](), SMSTrunkIDs: []string{}})
	require.NoError(t, err)
	_, err = c.SMSTrunkGroups.Update(ctx, smsGroupID, &SMSTrunkGroupUpdateRequest{Name: String("Inbound SMS primary")})
	require.NoError(t, err)
	require.NoError(t, c.SMSTrunkGroups.Delete(ctx, smsGroupID))
	reqs := rec.all()
	require.Len(t, reqs, 4)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, `{"data":{"type":"sms_trunk_groups","attributes":{"name":"Inbound SMS"},"relationships":{"sms_trunks":{"data":[{"type":"sms_trunks","id":"`+smsTrunkAID+`"},{"type":"sms_trunks","id":"`+smsTrunkBID+`"}]}}}}`, string(reqs[0].Body))
	assert.Equal(t, http.MethodPatch, reqs[1].Method)
	assert.Equal(t, `{"data":{"type":"sms_trunk_groups","id":"`+smsGroupID+`","attributes":{"external_reference_id":null},"relationships":{"sms_trunks":{"data":[]}}}}`, string(reqs[1].Body))
	assert.Equal(t, `{"data":{"type":"sms_trunk_groups","id":"`+smsGroupID+`","attributes":{"name":"Inbound SMS primary"}}}`, string(reqs[2].Body))
	assert.Equal(t, http.MethodDelete, reqs[3].Method)
	assert.Equal(t, "/v3/sms_trunk_groups/"+smsGroupID, reqs[3].Path)
	for _, r := range reqs {
		assert.Equal(t, "Bearer tok-v", r.Header.Get("Authorization"))
	}
	assert.Equal(t, "application/vnd.api+json", reqs[0].Header.Get("Content-Type"))
}

// Bad requests, and every call under 2026-04-16, are refused before sending.
func TestSMSTrunkGroupRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	for name, tc := range map[string]struct {
		version string
		call    func(c *Client) error
		want    string
	}{
		"0416 list": {APIVersion20260416, func(c *Client) error { _, err := c.SMSTrunkGroups.List(ctx, nil); return err }, "sms_trunk_groups"},
		"0416 get": {APIVersion20260416, func(c *Client) error {
			_, err := c.SMSTrunkGroups.Get(ctx, smsGroupID, nil)
			return err
		}, "sms_trunk_groups"},
		"0416 create": {APIVersion20260416, func(c *Client) error {
			_, err := c.SMSTrunkGroups.Create(ctx, &SMSTrunkGroupCreateRequest{Name: "x"})
			return err
		}, "2026-11-19"},
		"0416 update": {APIVersion20260416, func(c *Client) error {
			_, err := c.SMSTrunkGroups.Update(ctx, smsGroupID, &SMSTrunkGroupUpdateRequest{Name: String("x")})
			return err
		}, "2026-11-19"},
		"0416 delete": {APIVersion20260416, func(c *Client) error { return c.SMSTrunkGroups.Delete(ctx, smsGroupID) }, "2026-04-16"},
		"duplicate trunk": {APIVersion20261119, func(c *Client) error {
			_, err := c.SMSTrunkGroups.Create(ctx, &SMSTrunkGroupCreateRequest{Name: "x", SMSTrunkIDs: []string{smsTrunkAID, smsTrunkAID}})
			return err
		}, "sms_trunks"},
		"no name": {APIVersion20261119, func(c *Client) error {
			_, err := c.SMSTrunkGroups.Create(ctx, &SMSTrunkGroupCreateRequest{})
			return err
		}, "name"},
		"update sets nothing": {APIVersion20261119, func(c *Client) error {
			_, err := c.SMSTrunkGroups.Update(ctx, smsGroupID, &SMSTrunkGroupUpdateRequest{})
			return err
		}, "sets nothing"},
		"unknown include": {APIVersion20261119, func(c *Client) error {
			_, err := c.SMSTrunkGroups.List(ctx, &SMSTrunkGroupListOptions{Include: []string{"sms_trunk"}})
			return err
		}, "include"},
		"unknown sort": {APIVersion20261119, func(c *Client) error {
			_, err := c.SMSTrunkGroups.List(ctx, &SMSTrunkGroupListOptions{Sort: []string{"sms_trunks_count"}})
			return err
		}, "sort"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, tc.version)
			err := tc.call(c)
			assert.ErrorIs(t, err, ErrInvalidRequest)
			assert.ErrorContains(t, err, tc.want)
			assert.Zero(t, mt.GetTotalCallCount(), "a request was sent")
		})
	}
}

// The DID's SMS routing is an exclusive pair: setting one sends the other
// as null; both set, and either under 2026-04-16, are refused before sending.
func TestDIDSMSRoutingBody(t *testing.T) {
	t.Parallel()
	b, err := (&DIDUpdateRequest{SMSTrunkGroupID: Value(smsGroupID)}).body(didTestID, APIVersion20261119)
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"dids","id":"`+didTestID+`","relationships":{"sms_trunk":{"data":null},"sms_trunk_group":{"data":{"type":"sms_trunk_groups","id":"`+smsGroupID+`"}}}}}`, string(b))
	b, err = (&DIDUpdateRequest{SMSTrunkID: Value(smsTrunkAID)}).body(didTestID, APIVersion20261119)
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"dids","id":"`+didTestID+`","relationships":{"sms_trunk":{"data":{"type":"sms_trunks","id":"`+smsTrunkAID+`"}},"sms_trunk_group":{"data":null}}}}`, string(b))
	b, err = (&DIDUpdateRequest{SMSTrunkID: Null[string]()}).body(didTestID, APIVersion20261119)
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"dids","id":"`+didTestID+`","relationships":{"sms_trunk":{"data":null}}}}`, string(b))

	_, err = (&DIDUpdateRequest{SMSTrunkID: Value(smsTrunkAID), SMSTrunkGroupID: Value(smsGroupID)}).body(didTestID, APIVersion20261119)
	assertInvalid(t, err, "sms_trunk")
	_, err = (&DIDUpdateRequest{SMSTrunkGroupID: Null[string]()}).body(didTestID, APIVersion20260416)
	assertInvalid(t, err, "sms_trunk_group")
	assert.ErrorContains(t, err, "2026-11-19")

	c, mt := newStrictClient(t)
	_, err = c.DIDs.Update(t.Context(), didTestID, &DIDUpdateRequest{SMSTrunkID: Value(smsTrunkAID)})
	assertInvalid(t, err, "sms_trunk")
	_, err = c.DIDs.Get(t.Context(), didTestID, &GetOptions{Include: []string{"sms_trunk_group"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.ErrorContains(t, err, `"sms_trunk_group"`)
	assertNothingSent(t, mt)
}

// DIDs are filtered by where their inbound SMS go from 2026-11-19 on;
// older versions refuse those filters before sending.
func TestDIDListFiltersBySMSRouting(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/dids", "did_groups/empty.json")
	_, err := c.DIDs.List(t.Context(), &DIDListOptions{SMSTrunkID: "t1", SMSTrunkGroupID: "g1"})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bsms_trunk.id%5D=t1&filter%5Bsms_trunk_group.id%5D=g1", rec.only(t).Query.Encode())

	older, omt := newVersionClient(t, APIVersion20260416)
	_, err = older.DIDs.List(t.Context(), &DIDListOptions{SMSTrunkGroupID: "g1"})
	covAssertRefused(t, omt, err, "filter[sms_trunk_group.id]", "arrives in API version 2026-11-19")
}
