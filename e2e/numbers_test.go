package e2e_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// e2eRaw sends one JSON:API request to srv with the account's key and
// returns the status and the decoded answer (nil for an empty body). The
// trunks have no service in this package yet: the tests make them so.
func e2eRaw(t *testing.T, srv *didwwtest.Server, method, path string, doc any) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	if doc != nil {
		require.NoError(t, json.NewEncoder(&body).Encode(doc))
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, &body)
	require.NoError(t, err)
	req.Header.Set("Api-Key", srv.APIKey)
	req.Header.Set("Accept", didww.MediaType)
	if doc != nil {
		req.Header.Set("Content-Type", didww.MediaType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	if resp.StatusCode != http.StatusNoContent {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	}
	return resp.StatusCode, out
}

// e2eCreate posts a resource of typ with attrs and returns its id.
func e2eCreate(t *testing.T, srv *didwwtest.Server, typ string, attrs map[string]any) string {
	t.Helper()
	status, out := e2eRaw(t, srv, "POST", "/"+typ, map[string]any{"data": map[string]any{"type": typ, "attributes": attrs}})
	require.Equal(t, http.StatusCreated, status, "%v", out)
	return out["data"].(map[string]any)["id"].(string)
}

func e2eSIPTrunk(t *testing.T, srv *didwwtest.Server, name string) string {
	t.Helper()
	return e2eCreate(t, srv, "voice_in_trunks", map[string]any{"name": name,
		"configuration": map[string]any{"type": "sip_configurations", "attributes": map[string]any{"host": "pbx.example.com", "port": 5060}}})
}

func TestE2EBuyRouteReadBack(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)
	before, err := client.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, srv.Balance(srv.APIKey), before.Balance.Fixed(2))
	trunk := e2eSIPTrunk(t, srv, "Office PBX")

	p, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 2,
		Wait: true, WaitEvery: time.Millisecond, VoiceInTrunkID: trunk})
	require.NoError(t, err)
	require.Equal(t, didww.OrderStatusCompleted, p.Order.Status)
	require.Len(t, p.DIDs, 2)
	for _, d := range p.DIDs {
		require.NotNil(t, d.VoiceInTrunk)
		assert.Equal(t, trunk, d.VoiceInTrunk.ID)
	}

	// Read back: by order, with the trunk included, and by trunk.
	byOrder, err := client.DIDs.List(ctx, &didww.DIDListOptions{OrderID: p.Order.ID, Include: []string{"voice_in_trunk", "order"}, Sort: []string{"number"}})
	require.NoError(t, err)
	require.Len(t, byOrder.Items, 2)
	assert.ElementsMatch(t, e2eIDs(p.DIDs, func(d *didww.DID) string { return d.ID }), e2eIDs(byOrder.Items, func(d *didww.DID) string { return d.ID }))
	for _, d := range byOrder.Items {
		require.NotNil(t, d.VoiceInTrunk, "routed on the server")
		assert.Equal(t, trunk, d.VoiceInTrunk.ID)
		assert.Equal(t, p.Order.Reference, d.Order.Reference)
		assert.Equal(t, 0, d.ChannelsIncludedCount, "the metered SKU includes none")
		assert.False(t, d.Terminated)
	}
	byTrunk := e2eCollect(t, client.DIDs.All(ctx, &didww.DIDListOptions{VoiceInTrunkID: trunk}))
	assert.Len(t, byTrunk, 2)

	// The balance went down by the order's amount, to the cent.
	after, err := client.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Zero(t, after.Balance.Add(p.Order.Amount).Cmp(before.Balance), "before %s, after %s, order %s", before.Balance, after.Balance, p.Order.Amount)
	assert.Zero(t, after.Balance.Add(after.Credit).Cmp(after.TotalBalance))

	// Each number has its "assigned" history entry, made through API v3.
	hist := e2eCollect(t, client.DIDHistory.All(ctx, &didww.DIDHistoryListOptions{DIDNumber: p.DIDs[0].Number}))
	require.Len(t, hist, 1)
	assert.Equal(t, didww.DIDHistoryAssigned, hist[0].Action)
	assert.Equal(t, didww.DIDHistoryAPI3, hist[0].Method)
	got, err := client.DIDHistory.Get(ctx, hist[0].ID, nil)
	require.NoError(t, err)
	assert.Equal(t, hist[0].CreatedAt, got.CreatedAt)
}

func TestE2EDIDUpdates(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)
	p, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	require.Len(t, p.DIDs, 1)
	id := p.DIDs[0].ID
	trunk := e2eSIPTrunk(t, srv, "PBX")
	group := e2eCreate(t, srv, "voice_in_trunk_groups", map[string]any{"name": "Both offices"})

	d, err := client.DIDs.Update(ctx, id, &didww.DIDUpdateRequest{Description: ptr("Sales & support"), CapacityLimit: didww.Value(3),
		BillingCyclesCount: didww.Value(2), VoiceInTrunkID: didww.Value(trunk)})
	require.NoError(t, err)
	assert.Equal(t, "Sales & support", d.Description)
	assert.Equal(t, ptr(3), d.CapacityLimit)
	assert.Equal(t, ptr(2), d.BillingCyclesCount)

	// Setting the group clears the trunk in the same PATCH.
	_, err = client.DIDs.Update(ctx, id, &didww.DIDUpdateRequest{VoiceInTrunkGroupID: didww.Value(group), BillingCyclesCount: didww.Value(1)})
	require.NoError(t, err)
	d, err = client.DIDs.Get(ctx, id, &didww.GetOptions{Include: []string{"voice_in_trunk", "voice_in_trunk_group"}})
	require.NoError(t, err)
	assert.Nil(t, d.VoiceInTrunk)
	require.NotNil(t, d.VoiceInTrunkGroup)
	assert.Equal(t, group, d.VoiceInTrunkGroup.ID)

	changed := e2eCollect(t, client.DIDHistory.All(ctx, &didww.DIDHistoryListOptions{Action: didww.DIDHistoryBillingCyclesCountChanged, Sort: []string{"created_at"}}))
	require.Len(t, changed, 2)
	assert.Equal(t, []*string{nil, ptr("2")}, []*string{changed[0].From, changed[1].From})
	assert.Equal(t, []*string{ptr("2"), ptr("1")}, []*string{changed[0].To, changed[1].To})

	// Clearing: null limit, null cycles, empty description, no group.
	d, err = client.DIDs.Update(ctx, id, &didww.DIDUpdateRequest{CapacityLimit: didww.Null[int](), BillingCyclesCount: didww.Null[int](),
		Description: ptr(""), VoiceInTrunkGroupID: didww.Null[string]()})
	require.NoError(t, err)
	assert.Nil(t, d.CapacityLimit)
	assert.Nil(t, d.BillingCyclesCount)
	assert.Empty(t, d.Description)
	unrouted, err := client.DIDs.List(ctx, &didww.DIDListOptions{VoiceInTrunkGroupID: group})
	require.NoError(t, err)
	assert.Empty(t, unrouted.Items)

	// Terminating blocks the DID and stops renewals; the history says so.
	d, err = client.DIDs.Update(ctx, id, &didww.DIDUpdateRequest{Terminated: didww.Bool(true)})
	require.NoError(t, err)
	assert.True(t, d.Terminated)
	assert.True(t, d.Blocked)
	assert.Equal(t, ptr(0), d.BillingCyclesCount)
	pending, err := client.DIDs.List(ctx, &didww.DIDListOptions{PendingRemoval: didww.Bool(true)})
	require.NoError(t, err)
	assert.Len(t, pending.Items, 1)
	canceled, err := client.DIDHistory.List(ctx, &didww.DIDHistoryListOptions{Action: didww.DIDHistoryCanceled})
	require.NoError(t, err)
	assert.Len(t, canceled.Items, 1)

	// A trunk that does not exist is the API's 422; both targets never leave.
	_, err = client.DIDs.Update(ctx, id, &didww.DIDUpdateRequest{VoiceInTrunkID: didww.Value("00000000-0000-4000-8000-000000000000")})
	assert.ErrorIs(t, err, didww.ErrValidation)
	sent := srv.Requests()
	_, err = client.DIDs.Update(ctx, id, &didww.DIDUpdateRequest{VoiceInTrunkID: didww.Value(trunk), VoiceInTrunkGroupID: didww.Value(group)})
	assert.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Equal(t, sent, srv.Requests())
}

func TestE2EBuyByNPANXXRoutedAndDeletedTrunk(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)
	trunk := e2eSIPTrunk(t, srv, "NY PBX")
	p, err := client.BuyByNPANXX(ctx, &didww.BuyByNPANXXRequest{NPANXX: "212472", Qty: 1, MinChannels: 2,
		Wait: true, WaitEvery: time.Millisecond, VoiceInTrunkID: trunk})
	require.NoError(t, err)
	require.Len(t, p.DIDs, 1)
	assert.Regexp(t, `^1212`, p.DIDs[0].Number, "a New York number")
	assert.Equal(t, 2, p.DIDs[0].ChannelsIncludedCount)
	assert.Equal(t, trunk, p.DIDs[0].VoiceInTrunk.ID)

	// Under 2026-04-16 deleting the trunk leaves its DIDs unrouted.
	status, _ := e2eRaw(t, srv, "DELETE", "/voice_in_trunks/"+trunk, nil)
	require.Equal(t, http.StatusNoContent, status)
	d, err := client.DIDs.Get(ctx, p.DIDs[0].ID, &didww.GetOptions{Include: []string{"voice_in_trunk"}})
	require.NoError(t, err)
	assert.Nil(t, d.VoiceInTrunk)
}

func TestE2EBuyRoutingToAMissingTrunk(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)
	missing := "00000000-0000-4000-8000-00000000abcd"
	p, err := client.BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID,
		SKUID: didwwtest.SKULosAngelesMeteredID, Wait: true, WaitEvery: time.Millisecond, VoiceInTrunkID: missing})
	var re *didww.RoutingError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, didww.ErrValidation)
	require.NotNil(t, p, "the purchase is returned")
	assert.Equal(t, didww.OrderStatusCompleted, p.Order.Status)
	require.Len(t, p.DIDs, 1)
	assert.Equal(t, "12132933575", p.DIDs[0].Number, "the number reserved")
	assert.Equal(t, p.DIDs, re.Unrouted)
	assert.Contains(t, err.Error(), "12132933575")
	assert.Len(t, srv.Orders(srv.APIKey), 1, "bought")

	var pe *didww.PurchaseError
	assert.False(t, errors.As(err, &pe))
	d, err := client.DIDs.Get(ctx, p.DIDs[0].ID, &didww.GetOptions{Include: []string{"voice_in_trunk"}})
	require.NoError(t, err)
	assert.Nil(t, d.VoiceInTrunk, "unrouted on the server")
}

func ptr[T any](v T) *T { return &v }
