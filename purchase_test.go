package didww

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func buyRequest() *BuyAvailableDIDRequest {
	return &BuyAvailableDIDRequest{
		AvailableDIDID:      resvAvailDID,
		SKUID:               orderSKU,
		Description:         "Reserved for customer",
		ExternalReferenceID: "crm-42",
		AllowBackOrdering:   Bool(false),
	}
}

// buyServe registers the reservation POST (the seed's answer) on a recorder.
func buyServe(t *testing.T, mt *httpmock.MockTransport) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(201, fixture(t, "did_reservations/create_response_seed.json"))))
	return rec
}

func buySteps(rec *recorder) []string {
	var out []string
	for _, r := range rec.all() {
		out = append(out, r.Method+" "+strings.TrimPrefix(r.Path, "/v3"))
	}
	return out
}

func TestBuyAvailableDIDWaitsForCompletion(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, fixture(t, "orders/create_response_seed.json"))))
	var polls atomic.Int32
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, rec.wrap(func(r *http.Request) (*http.Response, error) {
		status := "pending"
		if polls.Add(1) == 2 {
			status = "completed"
		}
		return jsonAPI(200, orderDoc(orderSeedID, status, "crm-42"))(r)
	}))

	mt.RegisterResponder("GET", testBaseURL+"/dids", rec.wrap(jsonAPI(200, fixture(t, "dids/list_by_order.json"))))

	req := buyRequest()
	req.Wait, req.WaitEvery = true, time.Millisecond
	p, err := c.BuyAvailableDID(t.Context(), req)
	require.NoError(t, err)

	assert.Equal(t, []string{"POST /did_reservations", "POST /orders", "GET /orders/" + orderSeedID, "GET /orders/" + orderSeedID, "GET /dids"}, buySteps(rec))
	assert.Equal(t, orderSeedID, rec.all()[4].Query.Get("filter[order.id]"), "the DIDs found by the order's id")
	require.Len(t, p.DIDs, 2)
	assert.Equal(t, "16091609123456", p.DIDs[0].Number)
	reqs := rec.all()
	assert.JSONEq(t, string(fixture(t, "did_reservations/create_request_seed.json")), string(reqs[0].Body))
	assert.JSONEq(t, string(fixture(t, "orders/request_purchase.json")), string(reqs[1].Body))
	for _, r := range reqs {
		assertStandardHeaders(t, r)
	}
	require.NotNil(t, p.Reservation)
	assert.Equal(t, resvSeedID, p.Reservation.ID)
	require.NotNil(t, p.Order)
	assert.Equal(t, OrderStatusCompleted, p.Order.Status)
	assert.Equal(t, "crm-42", p.Order.ExternalReferenceID)
}

func TestBuyAvailableDIDWithoutWait(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, fixture(t, "orders/create_response_seed.json"))))
	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /did_reservations", "POST /orders"}, buySteps(rec))
	assert.Equal(t, OrderStatusPending, p.Order.Status)
}

func TestBuyAvailableDIDOrderRefusedReleasesTheReservation(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(400, []byte(`{"errors":[{"title":"Insufficient funds","detail":"Insufficient funds","code":"400","status":"400"}]}`))))
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, rec.wrap(httpmock.NewStringResponder(204, "")))

	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	assert.Nil(t, p, "nothing is left")
	assert.ErrorIs(t, err, ErrInsufficientFunds)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepOrder, pe.Step)
	assert.True(t, pe.Released)
	assert.NoError(t, pe.ReleaseErr)
	assert.Equal(t, resvSeedID, pe.ReservationID)
	assert.ErrorContains(t, err, "reservation "+resvSeedID+" released")
	assert.Equal(t, []string{"POST /did_reservations", "POST /orders", "DELETE /did_reservations/" + resvSeedID}, buySteps(rec))
}

func TestBuyAvailableDIDOrderAndReleaseRefused(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(422, []byte(`{"errors":[{"title":"is invalid","detail":"sku_id - is invalid","code":"100","status":"422"}]}`))))
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, rec.wrap(jsonAPI(403, []byte(`{"errors":[{"title":"Forbidden","detail":"Numbers selection is not enabled","code":"403","status":"403"}]}`))))

	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	require.NotNil(t, p, "the reservation still held is handed back")
	assert.Equal(t, resvSeedID, p.Reservation.ID)
	assert.Nil(t, p.Order)
	assert.ErrorIs(t, err, ErrValidation, "the order's error")
	assert.ErrorIs(t, err, ErrForbidden, "the release's error")
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.False(t, pe.Released)
	assert.ErrorIs(t, pe.ReleaseErr, ErrForbidden)
	msg := err.Error()
	assert.Contains(t, msg, "sku_id - is invalid")
	assert.Contains(t, msg, "releasing reservation "+resvSeedID+" failed too")
	assert.Contains(t, msg, "Numbers selection is not enabled")
	assert.Equal(t, []string{"POST /did_reservations", "POST /orders", "DELETE /did_reservations/" + resvSeedID}, buySteps(rec))
}

func TestBuyAvailableDIDContextCanceledAfterReserving(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(func(r *http.Request) (*http.Response, error) {
		resp, err := jsonAPI(201, fixture(t, "did_reservations/create_response_seed.json"))(r)
		// The caller gives up right after the reservation's answer was read.
		resp.Body = cancelOnClose{resp.Body, cancel}
		return resp, err
	}))
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, rec.wrap(func(r *http.Request) (*http.Response, error) {
		assert.NoError(t, r.Context().Err(), "the release runs on a live context of its own")
		return httpmock.NewStringResponse(204, ""), nil
	}))

	p, err := c.BuyAvailableDID(ctx, buyRequest())
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, p)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.True(t, pe.Released)
	assert.Equal(t, []string{"POST /did_reservations", "DELETE /did_reservations/" + resvSeedID}, buySteps(rec), "no order is placed")
}

func TestBuyAvailableDIDUnknownOrderOutcomeKeepsTheReservation(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(func(*http.Request) (*http.Response, error) { return nil, timeoutError{} }))

	req := buyRequest()
	req.ExternalReferenceID = "" // nothing to look the order up by
	p, err := c.BuyAvailableDID(t.Context(), req)
	require.NotNil(t, p)
	assert.Equal(t, resvSeedID, p.Reservation.ID)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepOrder, pe.Step)
	assert.False(t, pe.Released)
	assert.ErrorContains(t, err, "kept: the order may exist")
	assert.Equal(t, []string{"POST /did_reservations", "POST /orders"}, buySteps(rec), "no release of a reservation an order may use")
}

func TestBuyAvailableDIDLostResponseFoundByReference(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(httpmock.NewStringResponder(504, "")))
	mt.RegisterResponder("GET", testBaseURL+"/orders", rec.wrap(jsonAPI(200, orderListDoc(t, orderDoc(orderSeedID, "pending", "crm-42")))))
	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	require.NoError(t, err)
	assert.Equal(t, orderSeedID, p.Order.ID)
	assert.Equal(t, []string{"POST /did_reservations", "POST /orders", "GET /orders"}, buySteps(rec))
	assert.Equal(t, "filter%5Bexternal_reference_id%5D=crm-42&page%5Bsize%5D=1&sort=-created_at", rec.all()[2].RawQuery)
}

func TestBuyAvailableDIDReservationRefused(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(422, []byte(`{"errors":[{"title":"is invalid","detail":"the DID cannot be reserved","code":"100","status":"422"}]}`))))
	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	assert.Nil(t, p)
	assert.ErrorIs(t, err, ErrValidation)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepReserve, pe.Step)
	assert.Equal(t, []string{"POST /did_reservations"}, buySteps(rec))
}

func TestBuyAvailableDIDWaitSeesCanceled(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, fixture(t, "orders/create_response_seed.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, rec.wrap(jsonAPI(200, orderDoc(orderSeedID, "Canceled", ""))))
	req := buyRequest()
	req.Wait = true
	p, err := c.BuyAvailableDID(t.Context(), req)
	assert.ErrorIs(t, err, ErrOrderCanceled)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepWait, pe.Step)
	assert.Equal(t, orderSeedID, pe.OrderID)
	require.NotNil(t, p)
	assert.Equal(t, OrderStatusCanceled, p.Order.Status)
}

func TestBuyAvailableDIDContextEndsWhileWaiting(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := buyServe(t, mt)
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, fixture(t, "orders/create_response_seed.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, rec.wrap(jsonAPI(200, orderDoc(orderSeedID, "pending", ""))))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req := buyRequest()
	req.Wait, req.WaitEvery = true, time.Hour
	p, err := c.BuyAvailableDID(ctx, req)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, p)
	assert.Equal(t, OrderStatusPending, p.Order.Status, "the order placed is handed back")
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepWait, pe.Step)
	assert.ErrorContains(t, err, "order "+orderSeedID+" was placed")
	assert.NotContains(t, buySteps(rec), "DELETE /did_reservations/"+resvSeedID)
}

func TestBuyAvailableDIDRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		mutate func(*BuyAvailableDIDRequest)
		field  string
	}{
		"no available DID":   {func(r *BuyAvailableDIDRequest) { r.AvailableDIDID = "" }, "available_did_id"},
		"no SKU":             {func(r *BuyAvailableDIDRequest) { r.SKUID = "" }, "items[0].sku_id"},
		"bad callback":       {func(r *BuyAvailableDIDRequest) { r.CallbackURL = "example.com/cb" }, "callback_url"},
		"long reference":     {func(r *BuyAvailableDIDRequest) { r.ExternalReferenceID = strings.Repeat("x", 101) }, "external_reference_id"},
		"zero cycles":        {func(r *BuyAvailableDIDRequest) { r.BillingCyclesCount = Int(0) }, "items[0].billing_cycles_count"},
		"negative wait step": {func(r *BuyAvailableDIDRequest) { r.WaitEvery = -time.Second }, "WaitEvery"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			req := buyRequest()
			tc.mutate(req)
			p, err := c.BuyAvailableDID(t.Context(), req)
			assert.Nil(t, p)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
	c, mt := newStrictClient(t)
	_, err := c.BuyAvailableDID(t.Context(), nil)
	assertInvalid(t, err, "request")
	assertNothingSent(t, mt)
}

func TestBuySKU(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "pending", ""))))
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, rec.wrap(jsonAPI(200, orderDoc(orderSeedID, "completed", ""))))

	o, err := c.BuySKU(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 2, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, OrderStatusCompleted, o.Status)
	assert.Equal(t, []string{"POST /orders", "GET /orders/" + orderSeedID}, buySteps(rec))
	assert.JSONEq(t, string(fixture(t, "orders/request_sku_qty.json")), string(rec.all()[0].Body))

	_, err = c.BuySKU(t.Context(), &BuySKURequest{SKUID: orderSKU})
	assertInvalid(t, err, "items[0].qty")
	_, err = c.BuySKU(t.Context(), nil)
	assertInvalid(t, err, "request")
	assert.Len(t, rec.all(), 2)
}

const (
	npaPrefixID = "e1f2a3b4-c5d6-4e7f-8a8b-0c1d2e3f4a5b"
	npaGroupA   = "aaaaaaaa-0000-4000-8000-000000000001"
	npaGroupB   = "bbbbbbbb-0000-4000-8000-000000000002"
	npaSKUCheap = "cccccccc-0000-4000-8000-000000000003"
	npaSKUBig   = "dddddddd-0000-4000-8000-000000000004"
)

func npaServe(t *testing.T, mt *httpmock.MockTransport, prefixes string) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/nanpa_prefixes", rec.wrap(jsonAPI(200, []byte(`{"data":[`+prefixes+`],
		"meta":{"api_version":"2026-04-16","total_records":1},"links":{"first":"x","last":"x"}}`))))
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", rec.wrap(jsonAPI(200, []byte(`{
		"data":[
		 {"id":"`+npaGroupA+`","type":"did_groups","attributes":{"prefix":"1212","area_name":"New York","features":["voice_in"],"is_metered":false,"allow_additional_channels":true,"service_restrictions":null},
		  "meta":{"available_dids_enabled":false},"relationships":{"stock_keeping_units":{"links":{"self":"x","related":"x"},"data":[]}}},
		 {"id":"`+npaGroupB+`","type":"did_groups","attributes":{"prefix":"1212","area_name":"New York","features":["voice_in","sms_in"],"is_metered":false,"allow_additional_channels":true,"service_restrictions":null},
		  "meta":{"available_dids_enabled":true,"is_available":true,"total_count":12},
		  "relationships":{"stock_keeping_units":{"links":{"self":"x","related":"x"},"data":[{"type":"stock_keeping_units","id":"`+npaSKUBig+`"},{"type":"stock_keeping_units","id":"`+npaSKUCheap+`"}]}}}],
		"included":[
		 {"id":"`+npaSKUBig+`","type":"stock_keeping_units","attributes":{"setup_price":"0.00","monthly_price":"9.00","channels_included_count":30}},
		 {"id":"`+npaSKUCheap+`","type":"stock_keeping_units","attributes":{"setup_price":"0.50","monthly_price":"1.00","channels_included_count":2}}],
		"meta":{"api_version":"2026-04-16","total_records":2},"links":{"first":"x","last":"x"}}`))))
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "pending", ""))))
	return rec
}

const npaPrefixJSON = `{"id":"` + npaPrefixID + `","type":"nanpa_prefixes","attributes":{"npa":"212","nxx":"555"}}`

func TestBuyByNPANXX(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := npaServe(t, mt, npaPrefixJSON)

	p, err := c.BuyByNPANXX(t.Context(), &BuyByNPANXXRequest{NPANXX: "212555", Qty: 1})
	require.NoError(t, err)
	assert.Equal(t, []string{"GET /nanpa_prefixes", "GET /did_groups", "POST /orders"}, buySteps(rec))
	reqs := rec.all()
	assert.Equal(t, "filter%5Bnpanxx%5D=212555&page%5Bsize%5D=1", reqs[0].RawQuery)
	assert.Equal(t, "filter%5Bnanpa_prefix.id%5D="+npaPrefixID+"&include=stock_keeping_units&page%5Bnumber%5D=1", reqs[1].RawQuery)
	assert.JSONEq(t, `{"data":{"type":"orders","attributes":{"items":[{"type":"did_order_items","attributes":{"sku_id":"`+npaSKUCheap+`","qty":1,"nanpa_prefix_id":"`+npaPrefixID+`"}}]}}}`, string(reqs[2].Body))
	assert.Equal(t, "212", p.NanpaPrefix.NPA)
	assert.Equal(t, npaGroupB, p.DIDGroup.ID, "the only group offering a SKU")
	assert.Equal(t, npaSKUCheap, p.SKU.ID)
	assert.Equal(t, orderSeedID, p.Order.ID)
}

func TestBuyByNPANXXCheapestAcrossGroups(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	group := func(id, skuID, setup, monthly string, channels int) (string, string) {
		return `{"id":"` + id + `","type":"did_groups","attributes":{"prefix":"1212","area_name":"New York","features":["voice_in"],"is_metered":false,"allow_additional_channels":true,"service_restrictions":null},
			"meta":{"available_dids_enabled":true,"is_available":true,"total_count":5},
			"relationships":{"stock_keeping_units":{"links":{"self":"x","related":"x"},"data":[{"type":"stock_keeping_units","id":"` + skuID + `"}]}}}`,
			`{"id":"` + skuID + `","type":"stock_keeping_units","attributes":{"setup_price":"` + setup + `","monthly_price":"` + monthly + `","channels_included_count":` + strconv.Itoa(channels) + `}}`
	}
	g1, s1 := group(npaGroupA, npaSKUBig, "0.50", "1.00", 2)
	g2, s2 := group(npaGroupB, npaSKUCheap, "0.20", "0.80", 2)
	mt.RegisterResponder("GET", testBaseURL+"/nanpa_prefixes", rec.wrap(jsonAPI(200, []byte(`{"data":[`+npaPrefixJSON+`],"meta":{"api_version":"2026-04-16","total_records":1}}`))))
	mt.RegisterResponder("GET", testBaseURL+"/did_groups", rec.wrap(jsonAPI(200, []byte(`{"data":[`+g1+`,`+g2+`],"included":[`+s1+`,`+s2+`],"meta":{"api_version":"2026-04-16","total_records":2}}`))))
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "pending", ""))))

	p, err := c.BuyByNPANXX(t.Context(), &BuyByNPANXXRequest{NPANXX: "212555", Qty: 1, MinChannels: 2})
	require.NoError(t, err)
	assert.Equal(t, npaGroupB, p.DIDGroup.ID, "the later group is cheaper: 1.00 against 1.50")
	assert.Equal(t, npaSKUCheap, p.SKU.ID)
	assert.Contains(t, string(rec.all()[2].Body), `"sku_id":"`+npaSKUCheap+`"`)
}

func TestBuyByNPANXXWithChannelsOrSKU(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		req  BuyByNPANXXRequest
		want string
	}{
		"min channels": {BuyByNPANXXRequest{NPANXX: "212555", Qty: 3, MinChannels: 10}, npaSKUBig},
		"named SKU":    {BuyByNPANXXRequest{NPANXX: "212555", Qty: 3, SKUID: npaSKUBig}, npaSKUBig},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := npaServe(t, mt, npaPrefixJSON)
			p, err := c.BuyByNPANXX(t.Context(), &tc.req)
			require.NoError(t, err)
			assert.Equal(t, tc.want, p.SKU.ID)
			assert.Contains(t, string(rec.all()[2].Body), `"sku_id":"`+tc.want+`"`)
		})
	}
}

func TestBuyByNPANXXNothingFound(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		prefixes string
		req      BuyByNPANXXRequest
		steps    []string
	}{
		"unknown prefix": {"", BuyByNPANXXRequest{NPANXX: "999555", Qty: 1}, []string{"GET /nanpa_prefixes"}},
		"no SKU with enough channels": {npaPrefixJSON, BuyByNPANXXRequest{NPANXX: "212555", Qty: 1, MinChannels: 100},
			[]string{"GET /nanpa_prefixes", "GET /did_groups"}},
		"unknown SKU": {npaPrefixJSON, BuyByNPANXXRequest{NPANXX: "212555", Qty: 1, SKUID: "nope"},
			[]string{"GET /nanpa_prefixes", "GET /did_groups"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := npaServe(t, mt, tc.prefixes)
			p, err := c.BuyByNPANXX(t.Context(), &tc.req)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, ErrNotFound)
			var pe *PurchaseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, StepLookup, pe.Step)
			assert.Equal(t, tc.steps, buySteps(rec), "nothing is ordered")
		})
	}
}

func TestBuyByNPANXXRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	for _, tc := range []struct {
		req   *BuyByNPANXXRequest
		field string
	}{
		{nil, "request"},
		{&BuyByNPANXXRequest{NPANXX: "21255", Qty: 1}, "NPANXX"},
		{&BuyByNPANXXRequest{NPANXX: "212-55", Qty: 1}, "NPANXX"},
		{&BuyByNPANXXRequest{NPANXX: "212555"}, "items[0].qty"},
		{&BuyByNPANXXRequest{NPANXX: "212555", Qty: 1, MinChannels: -1}, "MinChannels"},
		{&BuyByNPANXXRequest{NPANXX: "212555", Qty: 1, CallbackMethod: CallbackGET}, "callback_method"},
	} {
		_, err := c.BuyByNPANXX(t.Context(), tc.req)
		assertInvalid(t, err, tc.field)
	}
	assertNothingSent(t, mt)
}

func TestBuySKUAlreadyCompletedIsNotPolled(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "completed", ""))))
	o, err := c.BuySKU(t.Context(), &BuySKURequest{SKUID: orderSKU, Qty: 1, NanpaPrefixID: orderNanpaID, Wait: true})
	require.NoError(t, err)
	assert.Equal(t, OrderStatusCompleted, o.Status)
	assert.Equal(t, []string{"POST /orders"}, buySteps(rec))
	assert.JSONEq(t, string(fixture(t, "orders/request_nanpa_prefix.json")), string(rec.all()[0].Body))
}

// cancelOnClose cancels a context once the client has read and closed a body.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// A 2xx to the order POST without a usable order: the order was placed and
// uses the reservation, which must not be released.
func TestBuyAvailableDID2xxWithoutOrderKeepsTheReservation(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"null data":       `{"data":null}`,
		"empty array":     `{"data":[]}`,
		"errors document": `{"errors":[{"title":"is invalid","detail":"sku_id - is invalid","code":"100","status":"422"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := buyServe(t, mt)
			mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, []byte(body))))
			mt.RegisterResponder("GET", testBaseURL+"/orders", rec.wrap(jsonAPI(200, orderListDoc(t))))
			p, err := c.BuyAvailableDID(t.Context(), buyRequest())
			require.NotNil(t, p)
			assert.Equal(t, resvSeedID, p.Reservation.ID, "the reservation the order may use")
			assert.Nil(t, p.Order)
			var pe *PurchaseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, StepOrder, pe.Step)
			assert.False(t, pe.Released)
			assert.NoError(t, pe.ReleaseErr)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.NotErrorIs(t, err, ErrNotFound)
			assert.ErrorContains(t, err, "kept: the order may exist")
			assert.Equal(t, []string{"POST /did_reservations", "POST /orders", "GET /orders", "GET /orders", "GET /orders", "GET /orders", "GET /orders"},
				buySteps(rec), "looked up, never released")
		})
	}
}

// The release's answer is lost and its retry finds the reservation gone:
// the release worked, and no Purchase names a reservation that is gone.
func TestBuyAvailableDIDReleaseAnswerLost(t *testing.T) {
	t.Parallel()
	for name, first := range map[string]httpmock.Responder{
		"lost, then 404": func(*http.Request) (*http.Response, error) { return nil, timeoutError{} },
		"404 at once":    resvNotFound,
		"503, then 404":  httpmock.NewStringResponder(503, ""),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := buyServe(t, mt)
			mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(422, []byte(`{"errors":[{"title":"is invalid","detail":"sku_id - is invalid","code":"100","status":"422"}]}`))))
			del, _ := lostThen(first, resvNotFound)
			mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, rec.wrap(del))
			p, err := c.BuyAvailableDID(t.Context(), buyRequest())
			assert.Nil(t, p, "nothing is left")
			var pe *PurchaseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, StepOrder, pe.Step)
			assert.True(t, pe.Released)
			assert.NoError(t, pe.ReleaseErr)
			assert.ErrorIs(t, err, ErrValidation, "the order's refusal")
			assert.ErrorContains(t, err, "reservation "+resvSeedID+" released")
			assert.NotContains(t, err.Error(), "releasing reservation")
		})
	}
}

// The reservation's answer is lost and no hold is found: nothing is ordered.
func TestBuyAvailableDIDReservationOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(func(*http.Request) (*http.Response, error) { return nil, timeoutError{} }))
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(200, resvHoldList())))
	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	assert.Nil(t, p)
	var pe *PurchaseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, StepReserve, pe.Step)
	var re *ReservationOutcomeError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, resvAvailDID, re.AvailableDIDID)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	steps := buySteps(rec)
	assert.Equal(t, "POST /did_reservations", steps[0])
	assert.NotContains(t, steps, "POST /orders")
	assert.Len(t, steps, 6, "one POST, five looks")
}

// A lost reservation answer whose hold is found: the flow goes on with it.
func TestBuyAvailableDIDReservationAnswerLostHoldFound(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(201, []byte(`{"data":null}`))))
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(200, resvHoldList(resvSeedID, resvAvailDID))))
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "pending", "crm-42"))))
	p, err := c.BuyAvailableDID(t.Context(), buyRequest())
	require.NoError(t, err)
	assert.Equal(t, resvSeedID, p.Reservation.ID)
	assert.Equal(t, orderSeedID, p.Order.ID)
	assert.Equal(t, []string{"POST /did_reservations", "GET /did_reservations", "POST /orders"}, buySteps(rec))
	assert.Contains(t, string(rec.all()[2].Body), resvSeedID)
}
