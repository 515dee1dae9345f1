package e2e_test

import (
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The SMS resources together, through the client only: trunks made by the
// API join a group, a bought number routes its inbound SMS to the group
// and then to a trunk, what the API refuses is refused, and a sender ID
// verification sends through a trunk until the trunk is deleted.
func TestE2E20261119SMSRouting(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	ctx := e2eCtx(t)
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	did := bought.DIDs[0].ID

	inbox, err := client.SMSTrunks.Create(ctx, &didww.SMSTrunkCreateRequest{Name: "inbox",
		Configuration: &didww.SMSToEmailConfiguration{SendTo: "sms@example.com", Subject: "Inbound SMS", Message: "{SMS_TEXT}"}})
	require.NoError(t, err)
	esme, err := client.SMSTrunks.Create(ctx, &didww.SMSTrunkCreateRequest{Name: "esme", AllowAnyDIDAsSource: true,
		Configuration: &didww.SMPPESMEConfiguration{ServerLocation: "nyc"}})
	require.NoError(t, err)
	out, err := client.SMSTrunks.Create(ctx, &didww.SMSTrunkCreateRequest{Name: "out",
		Configuration: &didww.HTTPOutConfiguration{CallbackURL: "https://example.com/cb"}})
	require.NoError(t, err)

	group, err := client.SMSTrunkGroups.Create(ctx, &didww.SMSTrunkGroupCreateRequest{Name: "desk",
		SMSTrunkIDs: []string{inbox.ID, esme.ID}})
	require.NoError(t, err)
	assert.Equal(t, 2, group.SMSTrunksCount)
	_, err = client.SMSTrunkGroups.Create(ctx, &didww.SMSTrunkGroupCreateRequest{Name: "bad", SMSTrunkIDs: []string{out.ID}})
	assert.ErrorIs(t, err, didww.ErrValidation, "an http_out trunk joins no group")
	_, err = client.SMSTrunkGroups.Create(ctx, &didww.SMSTrunkGroupCreateRequest{Name: "inbox"})
	assert.ErrorIs(t, err, didww.ErrValidation, "trunks and groups share one name space")

	routed, err := client.DIDs.Update(ctx, did, &didww.DIDUpdateRequest{SMSTrunkGroupID: didww.Value(group.ID)})
	require.NoError(t, err)
	got, err := client.DIDs.Get(ctx, routed.ID, &didww.GetOptions{Include: []string{"sms_trunk_group", "sms_trunk"}})
	require.NoError(t, err)
	require.NotNil(t, got.SMSTrunkGroup)
	assert.Equal(t, group.ID, got.SMSTrunkGroup.ID)
	assert.Equal(t, "desk", got.SMSTrunkGroup.Name)
	assert.Nil(t, got.SMSTrunk)
	byGroup, err := client.DIDs.List(ctx, &didww.DIDListOptions{SMSTrunkGroupID: group.ID})
	require.NoError(t, err)
	require.Len(t, byGroup.Items, 1)
	assert.Equal(t, did, byGroup.Items[0].ID)
	byTrunk, err := client.DIDs.List(ctx, &didww.DIDListOptions{SMSTrunkID: inbox.ID})
	require.NoError(t, err)
	assert.Empty(t, byTrunk.Items, "the group, not its trunk, is the DID's route")

	err = client.SMSTrunkGroups.Delete(ctx, group.ID)
	assert.ErrorIs(t, err, didww.ErrValidation, "a group DIDs route to stays")
	_, err = client.DIDs.Update(ctx, did, &didww.DIDUpdateRequest{SMSTrunkID: didww.Value(out.ID)})
	assert.ErrorIs(t, err, didww.ErrValidation, "an http_out trunk takes no inbound SMS")

	// Routing to a trunk sends the group as null: the DID has one or the
	// other. A DID on a member trunk still holds the group back.
	_, err = client.DIDs.Update(ctx, did, &didww.DIDUpdateRequest{SMSTrunkID: didww.Value(esme.ID)})
	require.NoError(t, err)
	got, err = client.DIDs.Get(ctx, did, &didww.GetOptions{Include: []string{"sms_trunk", "sms_trunk_group"}})
	require.NoError(t, err)
	require.NotNil(t, got.SMSTrunk)
	assert.Equal(t, esme.ID, got.SMSTrunk.ID)
	assert.Nil(t, got.SMSTrunkGroup)
	assert.ErrorIs(t, client.SMSTrunkGroups.Delete(ctx, group.ID), didww.ErrValidation, "its trunk esme is routed to")
	hook, err := client.SMSTrunks.Create(ctx, &didww.SMSTrunkCreateRequest{Name: "hook",
		Configuration: &didww.HTTPInConfiguration{URL: "https://example.com/in", HTTPMethod: didww.HTTPMethodGet}})
	require.NoError(t, err)
	_, err = client.DIDs.Update(ctx, did, &didww.DIDUpdateRequest{SMSTrunkID: didww.Value(hook.ID)})
	require.NoError(t, err)
	require.NoError(t, client.SMSTrunkGroups.Delete(ctx, group.ID), "no DID routes to the group or its trunks now")
	for _, id := range []string{inbox.ID, esme.ID} {
		_, err = client.SMSTrunks.Get(ctx, id, nil)
		assert.ErrorIs(t, err, didww.ErrNotFound, "a group's delete takes its trunks")
	}
	assert.ErrorIs(t, client.SMSTrunks.Delete(ctx, hook.ID), didww.ErrValidation, "a trunk a DID routes to stays")

	// A verification sends through the outbound trunk, then has none once
	// the trunk is gone.
	key := srv.APIKey
	vid, err := srv.AddSenderIDVerification(key, didwwtest.SenderIDVerification{Name: "Brand", Status: "active", SenderIDs: []string{"ACME"}})
	require.NoError(t, err)
	v, err := client.SenderIDVerifications.Update(ctx, vid, &didww.SenderIDVerificationUpdateRequest{SMSTrunkID: didww.Value(out.ID)})
	require.NoError(t, err)
	v, err = client.SenderIDVerifications.Get(ctx, v.ID, &didww.GetOptions{Include: []string{"sms_trunk"}})
	require.NoError(t, err)
	require.NotNil(t, v.SMSTrunk)
	assert.Equal(t, out.ID, v.SMSTrunk.ID)
	assert.Equal(t, "out", v.SMSTrunk.Name, "the included trunk decodes in full")
	_, err = client.SenderIDVerifications.Update(ctx, vid, &didww.SenderIDVerificationUpdateRequest{SMSTrunkID: didww.Value(hook.ID)})
	assert.ErrorIs(t, err, didww.ErrValidation, "an http_in trunk sends nothing")
	require.NoError(t, client.SMSTrunks.Delete(ctx, out.ID))
	v, err = client.SenderIDVerifications.Get(ctx, vid, &didww.GetOptions{Include: []string{"sms_trunk"}})
	require.NoError(t, err)
	assert.Nil(t, v.SMSTrunk, "the verification is left without a trunk")
}
