package didww

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	buyDID1 = "9df99644-f1a5-4a3c-99a4-559d758eb96b"
	buyDID2 = "21d0b02f-b556-4d3c-acbd-1ebb1ddfc2e2"
)

// orderOfDoc is a completed order of qty numbers.
func orderOfDoc(status string, qty int) []byte {
	return fmt.Appendf(nil, `{"data":{"id":%q,"type":"orders","attributes":{"reference":"KTH-1","description":"DID","amount":"3.0",`+
		`"status":%q,"created_at":"2026-04-16T12:00:00Z","callback_url":null,"callback_method":null,"external_reference_id":null,`+
		`"items":[{"type":"did_order_items","attributes":{"qty":%d,"nrc":"0.5","mrc":"1.0","prorated_mrc":false,"billed_from":"2026-04-16","billed_to":"2026-05-15","did_group_id":%q,"setup_price":"0.5","monthly_price":"1.0"}}]}},`+
		`"meta":{"api_version":"2026-04-16"}}`, orderSeedID, status, qty, didTestGroup)
}

// routeServe answers the order (completed at once), the DIDs by order and
// their PATCHes; fail, when set, answers the PATCH of that DID.
func routeServe(t *testing.T, mt *httpmock.MockTransport, qty int, fail map[string]httpmock.Responder) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderOfDoc("completed", qty))))
	mt.RegisterResponder("GET", testBaseURL+"/dids", rec.wrap(jsonAPI(200, fixture(t, "dids/list_by_order.json"))))
	for _, id := range []string{buyDID1, buyDID2} {
		answer := jsonAPI(200, didAnswer(id))
		if f := fail[id]; f != nil {
			answer = f
		}
		mt.RegisterResponder("PATCH", testBaseURL+"/dids/"+id, rec.wrap(answer))
	}
	return rec
}

// didAnswer is the PATCH answer for a DID: links only, as the API sends
// relationships it was not asked to include.
func didAnswer(id string) []byte {
	return fmt.Appendf(nil, `{"data":{"id":%q,"type":"dids","attributes":{"number":"1609%s","description":null,"blocked":false,`+
		`"awaiting_registration":false,"terminated":false,"emergency_enabled":false,"capacity_limit":null,"channels_included_count":2,`+
		`"dedicated_channels_count":0,"billing_cycles_count":null,"created_at":"2026-04-16T10:03:41Z","expires_at":null},`+
		`"relationships":{"voice_in_trunk":{"links":{"self":"https://api.test/v3/dids/%s/relationships/voice_in_trunk"}}}},"meta":{"api_version":"2026-04-16"}}`, id, id[:4], id)
}

func TestBuySKUDIDsRoutesToATrunk(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := routeServe(t, mt, 2, nil)

	p, err := c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true, VoiceInTrunkID: didTestTrunk})
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /orders", "GET /dids", "PATCH /dids/" + buyDID1, "PATCH /dids/" + buyDID2}, buySteps(rec))
	reqs := rec.all()
	assert.Equal(t, orderSeedID, reqs[1].Query.Get("filter[order.id]"))
	want := `{"data":{"type":"dids","id":"%s","relationships":{"voice_in_trunk":{"data":{"type":"voice_in_trunks","id":"` + didTestTrunk + `"}},"voice_in_trunk_group":{"data":null}}}}`
	assert.Equal(t, fmt.Sprintf(want, buyDID1), string(reqs[2].Body), "byte for byte")
	assert.Equal(t, fmt.Sprintf(want, buyDID2), string(reqs[3].Body))
	assert.Equal(t, OrderStatusCompleted, p.Order.Status)
	require.Len(t, p.DIDs, 2)
	for i, id := range []string{buyDID1, buyDID2} {
		assert.Equal(t, id, p.DIDs[i].ID)
		assert.Equal(t, "1609"+id[:4], p.DIDs[i].Number, "the PATCH answer")
		require.NotNil(t, p.DIDs[i].VoiceInTrunk, "names its trunk although the answer had links only")
		assert.Equal(t, didTestTrunk, p.DIDs[i].VoiceInTrunk.ID)
		assert.Nil(t, p.DIDs[i].VoiceInTrunkGroup)
	}
}

func TestBuySKURoutesToAGroupAndReturnsTheOrder(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := routeServe(t, mt, 2, nil)
	o, err := c.BuySKU(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true, VoiceInTrunkGroupID: didTestTG})
	require.NoError(t, err)
	assert.Equal(t, orderSeedID, o.ID)
	reqs := rec.all()
	require.Len(t, reqs, 4)
	assert.Equal(t, fmt.Sprintf(`{"data":{"type":"dids","id":"%s","relationships":{"voice_in_trunk":{"data":null},"voice_in_trunk_group":{"data":{"type":"voice_in_trunk_groups","id":"%s"}}}}}`, buyDID2, didTestTG), string(reqs[3].Body))
}

func TestBuySKUWithoutRoutingReadsNoDIDs(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := routeServe(t, mt, 2, nil)
	_, err := c.BuySKU(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /orders"}, buySteps(rec), "BuySKU returns the order alone")

	p, err := c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /orders", "POST /orders", "GET /dids"}, buySteps(rec))
	require.Len(t, p.DIDs, 2)
	assert.Nil(t, p.DIDs[0].VoiceInTrunk)

	p, err = c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2})
	require.NoError(t, err)
	assert.Nil(t, p.DIDs, "without Wait the order may be pending: no DIDs yet")
	assert.Len(t, rec.all(), 4)
}

func TestBuyRoutingFailureSaysWhichNumbersAreUnrouted(t *testing.T) {
	t.Parallel()
	invalidTrunk := `{"errors":[{"title":"is invalid","detail":"voice_in_trunk - is invalid","code":"100","source":{"pointer":"/data/attributes/voice_in_trunk_id"},"status":"422"}]}`
	c, mt := newStrictClient(t)
	rec := routeServe(t, mt, 2, map[string]httpmock.Responder{buyDID2: jsonAPI(422, []byte(invalidTrunk))})

	p, err := c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true, VoiceInTrunkID: didTestTrunk})
	require.NotNil(t, p, "the purchase is returned with the error")
	assert.Equal(t, OrderStatusCompleted, p.Order.Status)
	var re *RoutingError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, orderSeedID, re.OrderID)
	require.Len(t, re.DIDs, 2)
	assert.Equal(t, p.DIDs, re.DIDs)
	require.NotNil(t, re.DIDs[0].VoiceInTrunk, "the first was routed")
	require.Len(t, re.Unrouted, 1)
	assert.Equal(t, buyDID2, re.Unrouted[0].ID)
	assert.ErrorIs(t, err, ErrValidation, "the PATCH's refusal is kept")
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	var pe *PurchaseError
	assert.False(t, errors.As(err, &pe), "not a failed purchase")
	assert.Contains(t, err.Error(), "the purchase succeeded (order "+orderSeedID+" completed and is paid for)")
	assert.Contains(t, err.Error(), "1 of its 2 numbers are not routed (16091609123457)")
	assert.Contains(t, err.Error(), "voice_in_trunk - is invalid")
	assert.Len(t, rec.all(), 4)
}

func TestBuyRoutingStopsAtTheFirstFailure(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := routeServe(t, mt, 2, map[string]httpmock.Responder{buyDID1: httpmock.NewErrorResponder(errors.New("connection reset by peer"))})
	p, err := c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true, VoiceInTrunkID: didTestTrunk})
	var re *RoutingError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, []string{buyDID1, buyDID2}, []string{re.Unrouted[0].ID, re.Unrouted[1].ID})
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "the first may be routed after all")
	assert.Len(t, p.DIDs, 2)
	assert.Equal(t, []string{"POST /orders", "GET /dids", "PATCH /dids/" + buyDID1}, buySteps(rec))
}

func TestBuyRoutingWithFewerDIDsThanOrdered(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	routeServe(t, mt, 3, nil)
	p, err := c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 3, Wait: true, VoiceInTrunkID: didTestTrunk})
	var re *RoutingError
	require.ErrorAs(t, err, &re)
	assert.Empty(t, re.Unrouted, "the two found are routed")
	assert.Len(t, p.DIDs, 2)
	assert.Contains(t, err.Error(), "the purchase succeeded (order "+orderSeedID+" completed and is paid for), but not every number it bought is routed: the order bought 3 numbers and 2 exist yet")
}

func TestBuyDIDsUnreadable(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/orders", jsonAPI(201, orderOfDoc("completed", 1)))
	mt.RegisterResponder("GET", testBaseURL+"/dids", jsonAPI(500, []byte(`{"errors":[{"title":"Internal","status":"500"}]}`)))
	p, err := c.BuySKUDIDs(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 1, Wait: true, VoiceInTrunkID: didTestTrunk})
	require.NotNil(t, p)
	assert.Equal(t, orderSeedID, p.Order.ID)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepDIDs, pe.Step)
	assert.Equal(t, orderSeedID, pe.OrderID)
	assert.Contains(t, err.Error(), "completed and is paid for")
	assert.Equal(t, 0, mt.GetCallCountInfo()["PATCH "+testBaseURL+"/dids/"+buyDID1])
}

func TestBuyRoutingRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	both := func(r *BuySKURequest) { r.VoiceInTrunkID, r.VoiceInTrunkGroupID = "t1", "g1" }
	for name, tc := range map[string]struct {
		set   func(*BuySKURequest)
		field string
		also  string
	}{
		"trunk and group": {both, "VoiceInTrunkID", "VoiceInTrunkGroupID"},
		"no wait":         {func(r *BuySKURequest) { r.Wait, r.VoiceInTrunkID = false, "t1" }, "Wait", "VoiceInTrunkID"},
		"blank trunk":     {func(r *BuySKURequest) { r.VoiceInTrunkID = " " }, "VoiceInTrunkID", "blank"},
		"blank group":     {func(r *BuySKURequest) { r.VoiceInTrunkGroupID = "\t" }, "VoiceInTrunkGroupID", "blank"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			sku := &BuySKURequest{SKUID: orderSKU, Qty: 1, Wait: true}
			tc.set(sku)
			_, err := c.BuySKUDIDs(t.Context(), sku)
			assertInvalid(t, err, tc.field)
			assert.Contains(t, err.Error(), tc.also)

			avail := buyRequest()
			avail.Wait, avail.VoiceInTrunkID, avail.VoiceInTrunkGroupID = sku.Wait, sku.VoiceInTrunkID, sku.VoiceInTrunkGroupID
			_, err = c.BuyAvailableDID(t.Context(), avail)
			assertInvalid(t, err, tc.field)

			npa := &BuyByNPANXXRequest{NPANXX: "212555", Qty: 1, Wait: sku.Wait, VoiceInTrunkID: sku.VoiceInTrunkID, VoiceInTrunkGroupID: sku.VoiceInTrunkGroupID}
			_, err = c.BuyByNPANXX(t.Context(), npa)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
}

func TestBuyAvailableDIDRoutesItsNumber(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderOfDoc("completed", 1))))
	mt.RegisterResponder("GET", testBaseURL+"/dids", rec.wrap(jsonAPI(200, orderListDoc(t, didAnswer(buyDID1)))))
	mt.RegisterResponder("PATCH", testBaseURL+"/dids/"+buyDID1, rec.wrap(jsonAPI(200, didAnswer(buyDID1))))

	req := buyRequest()
	req.Wait, req.WaitEvery, req.VoiceInTrunkGroupID = true, time.Millisecond, didTestTG
	p, err := c.BuyAvailableDID(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /did_reservations", "POST /orders", "GET /dids", "PATCH /dids/" + buyDID1}, buySteps(rec))
	require.Len(t, p.DIDs, 1)
	require.NotNil(t, p.DIDs[0].VoiceInTrunkGroup)
	assert.Equal(t, didTestTG, p.DIDs[0].VoiceInTrunkGroup.ID)
	assert.Equal(t, http.MethodPatch, rec.all()[3].Method)
}
