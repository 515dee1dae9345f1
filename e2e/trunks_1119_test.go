package e2e_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under 2026-11-19 a trunk is pinned by its pop attribute, a DID is routed
// to it, and the trunk cannot be deleted while the DID uses it (422); once
// unrouted it can.
func TestE2E20261119TrunkPopAndUsedTrunk(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	ctx := e2eCtx(t)

	trunk, err := client.VoiceInTrunks.Create(ctx, &didww.VoiceInTrunkCreateRequest{
		Name: "Mobile forward", PopName: didww.PopCodeFrankfurt,
		Configuration: &didww.PSTNConfiguration{Dst: "442071234567"},
	})
	require.NoError(t, err)
	assert.Equal(t, didww.PopCodeFrankfurt, trunk.PopName)
	assert.Nil(t, trunk.Pop, "2026-11-19 has no pop relationship")
	assert.Equal(t, "FRA", trunk.PinnedPop().Name)

	p, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	require.Len(t, p.DIDs, 1)
	didID := p.DIDs[0].ID
	_, err = client.DIDs.Update(ctx, didID, &didww.DIDUpdateRequest{VoiceInTrunkID: didww.Value(trunk.ID)})
	require.NoError(t, err)

	page, err := client.DIDs.List(ctx, &didww.DIDListOptions{VoiceInTrunkID: trunk.ID, Include: []string{"voice_in_trunk"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, didID, page.Items[0].ID)
	require.NotNil(t, page.Items[0].VoiceInTrunk)
	assert.Equal(t, didww.PopCodeFrankfurt, page.Items[0].VoiceInTrunk.PopName, "the included trunk carries its pop attribute")

	err = client.VoiceInTrunks.Delete(ctx, trunk.ID)
	require.ErrorIs(t, err, didww.ErrValidation)
	e2eAPIError(t, err, 422)
	_, err = client.VoiceInTrunks.Get(ctx, trunk.ID, nil)
	require.NoError(t, err, "the used trunk stays")

	_, err = client.DIDs.Update(ctx, didID, &didww.DIDUpdateRequest{VoiceInTrunkID: didww.Null[string]()})
	require.NoError(t, err)
	require.NoError(t, client.VoiceInTrunks.Delete(ctx, trunk.ID))

	_, err = client.Pops.List(ctx, nil)
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	before := len(srv.RequestLog())
	_, err = client.VoiceInTrunks.List(ctx, &didww.VoiceInTrunkListOptions{Include: []string{"pop"}})
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Len(t, srv.RequestLog(), before, "refused before sending")

	// Sent anyway (Extra is unchecked), the server answers as the API does.
	_, err = client.DIDs.List(ctx, &didww.DIDListOptions{Extra: url.Values{"include": {"voice_in_trunk.pop"}}})
	e2eAPIError(t, err, 400)
}

// Under 2026-11-19 deleting a voice-in trunk group deletes the trunks in
// it, and is refused while a DID is routed to one of them; under
// 2026-04-16 the trunks stay, ungrouped.
func TestE2ETrunkGroupDeletePerVersion(t *testing.T) {
	t.Parallel()
	for _, v := range []string{didww.APIVersion20260416, didww.APIVersion20261119} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := e2eServer(t, didwwtest.WithDefaultAccount(didwwtest.APIVersion(v)))
			client, ctx := srv.Client(), e2eCtx(t)
			var ids []string
			for _, name := range []string{"first", "second"} {
				tr, err := client.VoiceInTrunks.Create(ctx, &didww.VoiceInTrunkCreateRequest{Name: name,
					Configuration: &didww.PSTNConfiguration{Dst: "442071234567"}})
				require.NoError(t, err)
				ids = append(ids, tr.ID)
			}
			group, err := client.VoiceInTrunkGroups.Create(ctx, &didww.VoiceInTrunkGroupCreateRequest{Name: "pair", VoiceInTrunkIDs: ids})
			require.NoError(t, err)
			p, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
			require.NoError(t, err)
			did := p.DIDs[0].ID
			_, err = client.DIDs.Update(ctx, did, &didww.DIDUpdateRequest{VoiceInTrunkID: didww.Value(ids[1])})
			require.NoError(t, err)

			err = client.VoiceInTrunkGroups.Delete(ctx, group.ID)
			if v == didww.APIVersion20261119 {
				require.ErrorIs(t, err, didww.ErrValidation, "a DID uses one of the group's trunks")
				_, err = client.DIDs.Update(ctx, did, &didww.DIDUpdateRequest{VoiceInTrunkID: didww.Null[string]()})
				require.NoError(t, err)
				require.NoError(t, client.VoiceInTrunkGroups.Delete(ctx, group.ID))
				for _, id := range ids {
					_, err = client.VoiceInTrunks.Get(ctx, id, nil)
					assert.ErrorIs(t, err, didww.ErrNotFound, "the group's trunks go with it")
				}
				return
			}
			require.NoError(t, err)
			for _, id := range ids {
				tr, err := client.VoiceInTrunks.Get(ctx, id, &didww.GetOptions{Include: []string{"voice_in_trunk_group"}})
				require.NoError(t, err, "2026-04-16 keeps the trunks")
				assert.Nil(t, tr.VoiceInTrunkGroup)
			}
			d, err := client.DIDs.Get(ctx, did, &didww.GetOptions{Include: []string{"voice_in_trunk"}})
			require.NoError(t, err)
			require.NotNil(t, d.VoiceInTrunk, "a DID on a member trunk keeps its route")
			assert.Equal(t, ids[1], d.VoiceInTrunk.ID)
		})
	}
}
