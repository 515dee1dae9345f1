package didww

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	orderSeedID   = "0f2dd6a8-7539-444a-b7c1-e89b3fe7d170"
	orderAllID    = "9b1f3c2e-4d5a-4e6b-8c7d-0e1f2a3b4c5d"
	orderSKU      = "7a2d041e-0f08-4f61-a59b-f2eca3af23f9"
	orderResvID   = "af7677ea-819c-4fc0-b0a6-588be5d434b2"
	orderPoolID   = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
	orderNanpaID  = "6e1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d"
	orderDIDGroup = "7fa8ba67-0622-4ac3-8ade-4aadf92566c5"
)

// orderDoc returns a one-order document in the 2026-04-16 shape.
func orderDoc(id, status, ref string) []byte {
	return fmt.Appendf(nil, `{"data":{"id":%q,"type":"orders","attributes":{"reference":"REF-%s","description":"DID","amount":"1.5",`+
		`"status":%q,"created_at":"2026-04-16T12:00:00Z","callback_url":null,"callback_method":null,"external_reference_id":%s,`+
		`"items":[{"type":"did_order_items","attributes":{"qty":1,"nrc":"0.5","mrc":"1.0","prorated_mrc":false,"billed_from":null,"billed_to":null,"did_group_id":null,"setup_price":"0.5","monthly_price":"1.0"}}]}},`+
		`"meta":{"api_version":"2026-04-16"}}`, id, id[:4], status, jsonOrNull(ref))
}

// orderListDoc turns one-order documents into a one-page list document.
func orderListDoc(t *testing.T, docs ...[]byte) []byte {
	data := make([]json.RawMessage, 0, len(docs))
	for _, d := range docs {
		var one struct {
			Data json.RawMessage `json:"data"`
		}
		err := json.Unmarshal(d, &one)
		if t != nil {
			require.NoError(t, err)
		}
		data = append(data, one.Data)
	}
	list, _ := json.Marshal(map[string]any{
		"data":  data,
		"meta":  map[string]any{"api_version": "2026-04-16", "total_records": len(docs)},
		"links": map[string]string{"first": "https://api.test/v3/orders?page%5Bnumber%5D=1", "last": "https://api.test/v3/orders?page%5Bnumber%5D=1"},
	})
	return list
}

func jsonOrNull(s string) string {
	if s == "" {
		return "null"
	}
	b, _ := json.Marshal(s)
	return string(b)
}

func TestOrdersCreateSeed(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, fixture(t, "orders/create_response_seed.json"))))

	o, err := c.Orders.Create(t.Context(), &OrderCreateRequest{
		AllowBackOrdering: Bool(false),
		Items:             []OrderItemRequest{ReservationOrderItem{SKUID: orderSKU, DIDReservationID: orderResvID}},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "POST", got.Method)
	assert.Equal(t, "/v3/orders", got.Path)
	assert.Empty(t, got.RawQuery)
	assertStandardHeaders(t, got)
	assert.JSONEq(t, string(fixture(t, "orders/create_request_seed.json")), string(got.Body))
	assert.Contains(t, string(got.Body), `"allow_back_ordering":false`, "false is sent, not dropped")

	assert.Equal(t, orderSeedID, o.ID)
	assert.Equal(t, OrderStatusPending, o.Status, `the seed's "Pending"`)
	assert.Equal(t, Decimal("8.0"), o.Amount)
	assert.Equal(t, "DID", o.Description)
	assert.Equal(t, "ZME-571778", o.Reference)
	assert.Equal(t, resvTime(t, "2026-03-19T12:08:23.567Z"), o.CreatedAt)
	assert.Empty(t, o.CallbackURL)
	assert.Empty(t, o.CallbackMethod)
	assert.Empty(t, o.ExternalReferenceID)
	require.Len(t, o.Items, 1)
	it := o.Items[0]
	assert.Equal(t, OrderItemDID, it.Type)
	assert.Equal(t, 1, it.Qty)
	assert.Equal(t, Decimal("4.0"), it.NRC)
	assert.Equal(t, Decimal("4.0"), it.MRC)
	assert.Equal(t, Decimal("4.0"), it.SetupPrice)
	assert.Equal(t, Decimal("4.0"), it.MonthlyPrice)
	assert.False(t, it.ProratedMRC)
	assert.Empty(t, it.BilledFrom)
	assert.Empty(t, it.BilledTo)
	assert.Equal(t, orderDIDGroup, it.DIDGroupID)
	assert.JSONEq(t, `{"qty":1,"nrc":"4.0","mrc":"4.0","prorated_mrc":false,"billed_from":null,"billed_to":null,"setup_price":"4.0","monthly_price":"4.0","did_group_id":"`+orderDIDGroup+`"}`, string(it.Attributes))
}

func TestOrdersCreateBodies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		req  *OrderCreateRequest
	}{
		{"request_sku_qty.json", &OrderCreateRequest{Items: []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 2}}}},
		{"request_sku_qty.json", &OrderCreateRequest{Items: []OrderItemRequest{&SKUOrderItem{SKUID: orderSKU, Qty: 2}}}},
		{"request_available_did.json", &OrderCreateRequest{Items: []OrderItemRequest{AvailableDIDOrderItem{SKUID: orderSKU, AvailableDIDID: resvAvailDID}}}},
		{"request_reservation_cycles.json", &OrderCreateRequest{Items: []OrderItemRequest{&ReservationOrderItem{SKUID: orderSKU, DIDReservationID: orderResvID, BillingCyclesCount: Int(3)}}}},
		{"request_nanpa_prefix.json", &OrderCreateRequest{Items: []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 1, NanpaPrefixID: orderNanpaID}}}},
		{"request_capacity.json", &OrderCreateRequest{Items: []OrderItemRequest{CapacityOrderItem{CapacityPoolID: orderPoolID, Qty: 5}}}},
		{"request_options.json", &OrderCreateRequest{
			Items:               []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 1}},
			AllowBackOrdering:   Bool(false),
			CallbackURL:         "https://example.com/didww/callback?tenant=7&x=<y>",
			CallbackMethod:      CallbackPOST,
			ExternalReferenceID: "shop-order-1001",
		}},
		{"request_back_ordering_true.json", &OrderCreateRequest{
			Items:             []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 1}},
			AllowBackOrdering: Bool(true),
			CallbackURL:       "http://127.0.0.1:8080/cb",
			CallbackMethod:    "GET", // normalised to the API's lowercase
		}},
		{"request_spec_example.json", &OrderCreateRequest{
			AllowBackOrdering: Bool(false),
			CallbackURL:       "https://example.com/cb",
			CallbackMethod:    CallbackPOST,
			Items: []OrderItemRequest{
				SKUOrderItem{SKUID: "11111111-1111-4111-8111-111111111111", Qty: 2},
				AvailableDIDOrderItem{SKUID: "22222222-2222-4222-8222-222222222222", AvailableDIDID: "33333333-3333-4333-8333-333333333333"},
				ReservationOrderItem{SKUID: "44444444-4444-4444-8444-444444444444", DIDReservationID: "55555555-5555-4555-8555-555555555555", BillingCyclesCount: Int(3)},
				SKUOrderItem{SKUID: "66666666-6666-4666-8666-666666666666", Qty: 1, NanpaPrefixID: "77777777-7777-4777-8777-777777777777"},
				CapacityOrderItem{CapacityPoolID: "88888888-8888-4888-8888-888888888888", Qty: 5},
			},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := &recorder{}
			mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "pending", ""))))
			o, err := c.Orders.Create(t.Context(), tc.req)
			require.NoError(t, err)
			assert.Equal(t, orderSeedID, o.ID)
			got := rec.only(t)
			assertStandardHeaders(t, got)
			assert.JSONEq(t, string(fixture(t, "orders/"+tc.file)), string(got.Body))
			assert.NotContains(t, string(got.Body), `"included"`)
			assert.NotContains(t, string(got.Body), `"id":"`+orderSeedID)
		})
	}
}

func TestOrdersCreateValidation(t *testing.T) {
	t.Parallel()
	sku := func(i SKUOrderItem) *OrderCreateRequest { return &OrderCreateRequest{Items: []OrderItemRequest{i}} }
	one := []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 1}}
	var nilSKU *SKUOrderItem
	var nilResv *ReservationOrderItem
	for name, tc := range map[string]struct {
		req   *OrderCreateRequest
		field string
	}{
		"nil request":             {nil, "request"},
		"no items":                {&OrderCreateRequest{}, "items"},
		"nil item":                {&OrderCreateRequest{Items: []OrderItemRequest{nil}}, "items[0]"},
		"nil pointer item":        {&OrderCreateRequest{Items: append(one, nilSKU)}, "items[1]"},
		"nil reservation pointer": {&OrderCreateRequest{Items: []OrderItemRequest{nilResv}}, "items[0]"},
		"sku: no sku_id":          {sku(SKUOrderItem{Qty: 1}), "items[0].sku_id"},
		"sku: blank sku_id":       {sku(SKUOrderItem{SKUID: "  ", Qty: 1}), "items[0].sku_id"},
		"sku: qty 0":              {sku(SKUOrderItem{SKUID: orderSKU}), "items[0].qty"},
		"sku: qty negative":       {sku(SKUOrderItem{SKUID: orderSKU, Qty: -2}), "items[0].qty"},
		"sku: blank nanpa prefix": {sku(SKUOrderItem{SKUID: orderSKU, Qty: 1, NanpaPrefixID: " "}), "items[0].nanpa_prefix_id"},
		"sku: zero cycles":        {sku(SKUOrderItem{SKUID: orderSKU, Qty: 1, BillingCyclesCount: Int(0)}), "items[0].billing_cycles_count"},
		"available: no sku_id": {&OrderCreateRequest{Items: append(one, AvailableDIDOrderItem{AvailableDIDID: resvAvailDID})},
			"items[1].sku_id"},
		"available: no available_did_id": {&OrderCreateRequest{Items: []OrderItemRequest{AvailableDIDOrderItem{SKUID: orderSKU}}},
			"items[0].available_did_id"},
		"available: negative cycles": {&OrderCreateRequest{Items: []OrderItemRequest{AvailableDIDOrderItem{SKUID: orderSKU, AvailableDIDID: resvAvailDID, BillingCyclesCount: Int(-1)}}},
			"items[0].billing_cycles_count"},
		"reservation: no sku_id": {&OrderCreateRequest{Items: []OrderItemRequest{ReservationOrderItem{DIDReservationID: orderResvID}}},
			"items[0].sku_id"},
		"reservation: no did_reservation_id": {&OrderCreateRequest{Items: []OrderItemRequest{ReservationOrderItem{SKUID: orderSKU}}},
			"items[0].did_reservation_id"},
		"reservation: zero cycles": {&OrderCreateRequest{Items: []OrderItemRequest{ReservationOrderItem{SKUID: orderSKU, DIDReservationID: orderResvID, BillingCyclesCount: Int(0)}}},
			"items[0].billing_cycles_count"},
		"reservation ordered twice": {&OrderCreateRequest{Items: []OrderItemRequest{
			ReservationOrderItem{SKUID: orderSKU, DIDReservationID: orderResvID}, &ReservationOrderItem{SKUID: orderSKU, DIDReservationID: orderResvID}}},
			"items[1].did_reservation_id"},
		"available DID ordered twice": {&OrderCreateRequest{Items: []OrderItemRequest{
			AvailableDIDOrderItem{SKUID: orderSKU, AvailableDIDID: resvAvailDID}, AvailableDIDOrderItem{SKUID: "other", AvailableDIDID: resvAvailDID}}},
			"items[1].available_did_id"},
		"capacity: no pool": {&OrderCreateRequest{Items: []OrderItemRequest{CapacityOrderItem{Qty: 1}}}, "items[0].capacity_pool_id"},
		"capacity: qty 0":   {&OrderCreateRequest{Items: []OrderItemRequest{CapacityOrderItem{CapacityPoolID: orderPoolID}}}, "items[0].qty"},
		"callback: relative URL": {&OrderCreateRequest{Items: one, CallbackURL: "/didww/cb"},
			"callback_url"},
		"callback: ftp URL": {&OrderCreateRequest{Items: one, CallbackURL: "ftp://example.com/cb"},
			"callback_url"},
		"callback: no host": {&OrderCreateRequest{Items: one, CallbackURL: "https:///cb"},
			"callback_url"},
		"callback: unparseable URL": {&OrderCreateRequest{Items: one, CallbackURL: "https://exa mple.com/%zz"},
			"callback_url"},
		"callback: bad method": {&OrderCreateRequest{Items: one, CallbackURL: "https://example.com/cb", CallbackMethod: "put"},
			"callback_method"},
		"callback: method without URL": {&OrderCreateRequest{Items: one, CallbackMethod: CallbackPOST},
			"callback_method"},
		"external reference too long": {&OrderCreateRequest{Items: one, ExternalReferenceID: strings.Repeat("x", 101)},
			"external_reference_id"},
		"external reference not UTF-8": {&OrderCreateRequest{Items: one, ExternalReferenceID: "ab\xff"},
			"external_reference_id"},
		"external reference with a comma": {&OrderCreateRequest{Items: one, ExternalReferenceID: "acme,42"},
			"external_reference_id"},
		"external reference with a leading space": {&OrderCreateRequest{Items: one, ExternalReferenceID: " acme-42"},
			"external_reference_id"},
		"external reference with a trailing tab": {&OrderCreateRequest{Items: one, ExternalReferenceID: "acme-42\t"},
			"external_reference_id"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			o, err := c.Orders.Create(t.Context(), tc.req)
			assert.Nil(t, o)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
}

func TestOrdersCreateExternalReferenceLimitCountsCharacters(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(jsonAPI(201, orderDoc(orderSeedID, "pending", ""))))
	ref := strings.Repeat("é", 100) // 100 characters, 200 bytes
	_, err := c.Orders.Create(t.Context(), &OrderCreateRequest{Items: []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 1}}, ExternalReferenceID: ref})
	require.NoError(t, err)
	assert.Contains(t, string(rec.only(t).Body), ref)
}

func TestOrdersGetEveryItemType(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderAllID, rec.wrap(jsonAPI(200, fixture(t, "orders/get_all_items.json"))))

	o, err := c.Orders.Get(t.Context(), orderAllID, nil)
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "/v3/orders/"+orderAllID, got.Path)
	assert.Empty(t, got.RawQuery)
	assertStandardHeaders(t, got)

	assert.Equal(t, OrderStatusCompleted, o.Status)
	assert.Equal(t, Decimal("36.42"), o.Amount)
	assert.Equal(t, "https://example.com/didww/callback?tenant=7", o.CallbackURL)
	assert.Equal(t, CallbackPOST, o.CallbackMethod)
	assert.Equal(t, "shop-order-1001", o.ExternalReferenceID)
	require.Len(t, o.Items, 6, "every item is kept")

	did := o.Items[0]
	assert.Equal(t, OrderItemDID, did.Type)
	assert.Equal(t, 2, did.Qty)
	assert.Equal(t, Decimal("2.40"), did.NRC)
	assert.Equal(t, Decimal("1.80"), did.MRC)
	assert.True(t, did.ProratedMRC)
	assert.Equal(t, "2026-04-16", did.BilledFrom)
	assert.Equal(t, "2026-05-15", did.BilledTo)
	assert.Equal(t, orderDIDGroup, did.DIDGroupID)

	capItem := o.Items[1]
	assert.Equal(t, OrderItemCapacity, capItem.Type)
	assert.Equal(t, 5, capItem.Qty)
	assert.Equal(t, Decimal("25.00"), capItem.MRC)
	assert.Empty(t, capItem.BilledFrom, "null billed_from")
	assert.Equal(t, orderPoolID, capItem.CapacityPoolID)

	em := o.Items[2]
	assert.Equal(t, OrderItemEmergency, em.Type)
	assert.Equal(t, "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", em.EmergencyCallingServiceID)
	assert.Equal(t, Decimal("3.00"), em.MRC)

	gen := o.Items[3]
	assert.Equal(t, OrderItemGeneric, gen.Type)
	assert.Equal(t, Decimal("0.22"), gen.NRC)
	assert.Empty(t, gen.DIDGroupID)

	unknown := o.Items[4]
	assert.Equal(t, "number_porting_order_items", unknown.Type)
	assert.Equal(t, 1, unknown.Qty, "documented shapes are read on unknown types too")
	assert.Equal(t, Decimal("5.00"), unknown.NRC)
	var extra struct {
		PortDate string `json:"port_date"`
		Donor    struct {
			Carrier string `json:"carrier"`
		} `json:"donor"`
	}
	require.NoError(t, json.Unmarshal(unknown.Attributes, &extra))
	assert.Equal(t, "2026-05-01", extra.PortDate)
	assert.Equal(t, "Example Telecom", extra.Donor.Carrier)

	odd := o.Items[5]
	assert.Equal(t, "sms_bundle_order_items", odd.Type)
	assert.Zero(t, odd.Qty, "an unknown type with other shapes is kept raw only")
	assert.JSONEq(t, `{"qty": "many", "bundle": [1, 2, 3]}`, string(odd.Attributes))

	amount, err := o.Amount.Rat()
	require.NoError(t, err)
	assert.Equal(t, "36.42", amount.FloatString(2))
}

func TestOrdersMalformedItemIsAnError(t *testing.T) {
	t.Parallel()
	for name, items := range map[string]string{
		"item not an object":          `[42]`,
		"item without type":           `[{"attributes":{"qty":1}}]`,
		"item with empty type":        `[{"type":"","attributes":{"qty":1}}]`,
		"item type not a string":      `[{"type":7,"attributes":{"qty":1}}]`,
		"item without attributes":     `[{"type":"did_order_items"}]`,
		"attributes not an object":    `[{"type":"did_order_items","attributes":[1]}]`,
		"attributes null":             `[{"type":"generic_order_items","attributes":null}]`,
		"known type, qty not integer": `[{"type":"did_order_items","attributes":{"qty":"one"}}]`,
		"known type, bad decimal":     `[{"type":"capacity_order_items","attributes":{"nrc":"1,5"}}]`,
		"items not an array":          `{"type":"did_order_items","attributes":{}}`,
		"second item bad":             `[{"type":"did_order_items","attributes":{"qty":1}},{"type":"did_order_items","attributes":{"billed_from":5}}]`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			body := `{"data":{"id":"x","type":"orders","attributes":{"status":"pending","amount":"1","items":` + items + `}},"meta":{"api_version":"2026-04-16"}}`
			mt.RegisterResponder("GET", testBaseURL+"/orders/x", jsonAPI(200, []byte(body)))
			o, err := c.Orders.Get(t.Context(), "x", nil)
			assert.Nil(t, o)
			assert.ErrorIs(t, err, ErrDecode)
		})
	}
}

func TestOrderStatusAndCallbackMethodCasing(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]OrderStatus{
		`"Pending"`: OrderStatusPending, `"pending"`: OrderStatusPending, `"COMPLETED"`: OrderStatusCompleted,
		`"Canceled"`: OrderStatusCanceled, `"on_hold"`: "on_hold", `"Refunded"`: "Refunded",
	} {
		var s OrderStatus
		require.NoError(t, json.Unmarshal([]byte(in), &s))
		assert.Equal(t, want, s, in)
	}
	for in, want := range map[string]CallbackMethod{`"GET"`: CallbackGET, `"post"`: CallbackPOST, `"Post"`: CallbackPOST, `"put"`: "put"} {
		var m CallbackMethod
		require.NoError(t, json.Unmarshal([]byte(in), &m))
		assert.Equal(t, want, m, in)
	}
	var s OrderStatus
	assert.Error(t, json.Unmarshal([]byte(`1`), &s))
	var m CallbackMethod
	assert.Error(t, json.Unmarshal([]byte(`true`), &m))
}

func TestOrdersList(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/orders", rec.wrap(jsonAPI(200, fixture(t, "orders/list.json"))))

	after := time.Date(2026, 4, 1, 2, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	before := time.Date(2026, 4, 16, 23, 59, 59, 0, time.UTC)
	p, err := c.Orders.List(t.Context(), &OrderListOptions{
		ListOptions:         ListOptions{PageNumber: 1, PageSize: 50},
		Status:              OrderStatusPending,
		Reference:           "ZME-571778",
		ExternalReferenceID: "shop-order-1002",
		CreatedAfter:        after,
		CreatedBefore:       before,
		Sort:                []string{"-created_at"},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "filter%5Bcreated_at_gteq%5D=2026-04-01T00%3A00%3A00Z&filter%5Bcreated_at_lteq%5D=2026-04-16T23%3A59%3A59Z"+
		"&filter%5Bexternal_reference_id%5D=shop-order-1002&filter%5Breference%5D=ZME-571778&filter%5Bstatus%5D=pending"+
		"&page%5Bnumber%5D=1&page%5Bsize%5D=50&sort=-created_at", got.RawQuery)
	assertStandardHeaders(t, got)

	require.Len(t, p.Items, 2)
	assert.Equal(t, 2, p.Meta.TotalRecords)
	assert.False(t, p.HasNext())
	assert.Equal(t, OrderStatusPending, p.Items[0].Status)
	assert.Equal(t, "shop-order-1002", p.Items[0].ExternalReferenceID)
	assert.Empty(t, p.Items[0].Items[0].DIDGroupID, "null did_group_id")
	assert.Equal(t, OrderStatusCanceled, p.Items[1].Status, `"Canceled"`)
	assert.Equal(t, CallbackGET, p.Items[1].CallbackMethod, `"GET"`)
	assert.Empty(t, p.Items[1].ExternalReferenceID)
	assert.Empty(t, p.Items[1].Items)

	var ids []string
	for o, err := range c.Orders.All(t.Context(), nil) {
		require.NoError(t, err)
		ids = append(ids, o.ID)
	}
	assert.Equal(t, []string{orderSeedID, "1a3ee7b9-864a-455b-c8d2-f9a04c0e8281"}, ids)
	assert.Equal(t, "page%5Bnumber%5D=1", rec.all()[1].RawQuery)
}

func TestOrdersListRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	now := time.Now()
	_, err := c.Orders.List(t.Context(), &OrderListOptions{CreatedAfter: now, CreatedBefore: now.Add(-time.Hour)})
	assertInvalid(t, err, "CreatedBefore")
	_, err = c.Orders.List(t.Context(), &OrderListOptions{Sort: []string{"description"}})
	assertInvalid(t, err, "sort")
	_, err = c.Orders.Get(t.Context(), orderSeedID, &GetOptions{Include: []string{"items"}})
	assertInvalid(t, err, "include")
	_, err = c.Orders.Get(t.Context(), "", nil)
	assertInvalid(t, err, "id")
	assertNothingSent(t, mt)
}

func TestOrdersCancel(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/orders/"+orderSeedID, rec.wrap(httpmock.NewStringResponder(204, "")))
	mt.RegisterResponder("DELETE", testBaseURL+"/orders/done", jsonAPI(422, []byte(`{"errors":[{"title":"Order cannot be cancelled","detail":"Order cannot be cancelled","code":"100","status":"422"}]}`)))

	require.NoError(t, c.Orders.Cancel(t.Context(), orderSeedID))
	got := rec.only(t)
	assert.Equal(t, "DELETE", got.Method)
	assert.Equal(t, "/v3/orders/"+orderSeedID, got.Path)
	assert.Empty(t, got.Body)
	assertStandardHeaders(t, got)

	err := c.Orders.Cancel(t.Context(), "done")
	assert.ErrorIs(t, err, ErrValidation)
	assert.ErrorContains(t, err, "DELETE /orders/done: 422")
	assertInvalid(t, c.Orders.Cancel(t.Context(), ""), "id")
}

func TestOrdersSetExternalReferenceID(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/orders/"+orderSeedID, rec.wrap(jsonAPI(200, orderDoc(orderSeedID, "completed", "shop-order-2002"))))

	o, err := c.Orders.SetExternalReferenceID(t.Context(), orderSeedID, "shop-order-2002")
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "PATCH", got.Method)
	assert.Equal(t, "/v3/orders/"+orderSeedID, got.Path)
	assertStandardHeaders(t, got)
	assert.JSONEq(t, string(fixture(t, "orders/patch_request.json")), string(got.Body))
	assert.Equal(t, `{"data":{"type":"orders","id":"`+orderSeedID+`","attributes":{"external_reference_id":"shop-order-2002"}}}`, string(got.Body))
	assert.Equal(t, "shop-order-2002", o.ExternalReferenceID)
	assert.Equal(t, OrderStatusCompleted, o.Status)

	_, err = c.Orders.SetExternalReferenceID(t.Context(), orderSeedID, strings.Repeat("r", 101))
	assertInvalid(t, err, "external_reference_id")
	_, err = c.Orders.SetExternalReferenceID(t.Context(), orderSeedID, "")
	assertInvalid(t, err, "external_reference_id")
	_, err = c.Orders.SetExternalReferenceID(t.Context(), orderSeedID, "shop,2002")
	assertInvalid(t, err, "external_reference_id")
	assert.ErrorContains(t, err, "comma")
	_, err = c.Orders.SetExternalReferenceID(t.Context(), "", "x")
	assertInvalid(t, err, "id")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestOrdersClearExternalReferenceID(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/orders/"+orderSeedID, rec.wrap(jsonAPI(200, orderDoc(orderSeedID, "completed", ""))))

	o, err := c.Orders.ClearExternalReferenceID(t.Context(), orderSeedID)
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "PATCH", got.Method)
	assert.Equal(t, "/v3/orders/"+orderSeedID, got.Path)
	assertStandardHeaders(t, got)
	assert.Equal(t, `{"data":{"type":"orders","id":"`+orderSeedID+`","attributes":{"external_reference_id":null}}}`, string(got.Body))
	assert.Empty(t, o.ExternalReferenceID)

	_, err = c.Orders.ClearExternalReferenceID(t.Context(), "")
	assertInvalid(t, err, "id")
	_, err = c.Orders.SetExternalReferenceID(t.Context(), orderSeedID, "")
	assertInvalid(t, err, "external_reference_id")
	assert.ErrorContains(t, err, "ClearExternalReferenceID removes a reference")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// A clear whose answer was lost is settled by reading the order back: no
// reference means it was applied.
func TestOrdersClearExternalReferenceIDAnswerLost(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		stored string
		ok     bool
	}{"applied": {"", true}, "not applied": {"shop-1", false}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			mt.RegisterResponder("PATCH", testBaseURL+"/orders/"+orderSeedID, func(*http.Request) (*http.Response, error) { return nil, timeoutError{} })
			mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, jsonAPI(200, orderDoc(orderSeedID, "completed", tc.stored)))
			o, err := c.Orders.ClearExternalReferenceID(t.Context(), orderSeedID)
			if tc.ok {
				require.NoError(t, err)
				assert.Empty(t, o.ExternalReferenceID)
				return
			}
			assert.Nil(t, o)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
		})
	}
}

func TestOrdersWait(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	var n atomic.Int32
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, func(r *http.Request) (*http.Response, error) {
		status := "Pending"
		if n.Add(1) >= 3 {
			status = "Completed"
		}
		return jsonAPI(200, orderDoc(orderSeedID, status, ""))(r)
	})
	o, err := c.Orders.Wait(t.Context(), orderSeedID, time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, OrderStatusCompleted, o.Status)
	assert.Equal(t, int32(3), n.Load())
}

func TestOrdersWaitStopsWithTheContext(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, jsonAPI(200, orderDoc(orderSeedID, "pending", "")))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	o, err := c.Orders.Wait(ctx, orderSeedID, time.Hour)
	assert.Less(t, time.Since(start), 10*time.Second, "the interval does not outlive the context")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, o, "the last order read comes back")
	assert.Equal(t, OrderStatusPending, o.Status)
	assert.Equal(t, 1, mt.GetTotalCallCount())

	_, err = c.Orders.Wait(t.Context(), orderSeedID, 0)
	assertInvalid(t, err, "every")
	_, err = c.Orders.Wait(t.Context(), "", time.Second)
	assertInvalid(t, err, "id")
}

// orderStore is a minimal orders backend: POST stores, GET lists by
// external reference. lose makes POST answer with an error after storing.
type orderStore struct {
	mu     sync.Mutex
	orders map[string]string // external reference -> order id
	posts  atomic.Int32
	gets   atomic.Int32
	lose   func(r *http.Request) (*http.Response, error)
}

func (s *orderStore) register(mt *httpmock.MockTransport) {
	mt.RegisterResponder("POST", testBaseURL+"/orders", func(r *http.Request) (*http.Response, error) {
		s.posts.Add(1)
		var doc struct {
			Data struct {
				Attributes struct {
					Ref string `json:"external_reference_id"`
				} `json:"attributes"`
			} `json:"data"`
		}
		if err := json.NewDecoder(r.Body).Decode(&doc); err != nil {
			return nil, err
		}
		id := fmt.Sprintf("%08d-0000-4000-8000-000000000000", s.posts.Load())
		s.mu.Lock()
		if s.orders == nil {
			s.orders = map[string]string{}
		}
		s.orders[doc.Data.Attributes.Ref] = id
		s.mu.Unlock()
		if s.lose != nil {
			return s.lose(r)
		}
		return jsonAPI(201, orderDoc(id, "pending", doc.Data.Attributes.Ref))(r)
	})
	mt.RegisterResponder("GET", testBaseURL+"/orders", func(r *http.Request) (*http.Response, error) {
		s.gets.Add(1)
		if r.URL.RawQuery != "filter%5Bexternal_reference_id%5D=shop-order-7&page%5Bsize%5D=1&sort=-created_at" {
			return httpmock.NewStringResponse(400, "unexpected query "+r.URL.RawQuery), nil
		}
		s.mu.Lock()
		id, ok := s.orders["shop-order-7"]
		s.mu.Unlock()
		if !ok {
			return jsonAPI(200, orderListDoc(nil))(r)
		}
		return jsonAPI(200, orderListDoc(nil, orderDoc(id, "pending", "shop-order-7")))(r)
	})
}

func safeOrderRequest() *OrderCreateRequest {
	return &OrderCreateRequest{Items: []OrderItemRequest{SKUOrderItem{SKUID: orderSKU, Qty: 1}}, ExternalReferenceID: "shop-order-7"}
}

// timeoutError is what a client sees when its read deadline passes.
type timeoutError struct{}

func (timeoutError) Error() string   { return "read tcp 10.0.0.1:443: i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestOrdersCreateResponseLostFindsTheOrder(t *testing.T) {
	t.Parallel()
	for name, lose := range map[string]func(*http.Request) (*http.Response, error){
		"timeout": func(*http.Request) (*http.Response, error) { return nil, timeoutError{} },
		"connection reset": func(*http.Request) (*http.Response, error) {
			return nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
		},
		"deadline": func(*http.Request) (*http.Response, error) {
			return nil, fmt.Errorf("reading: %w", os.ErrDeadlineExceeded)
		},
		"unexpected EOF": func(*http.Request) (*http.Response, error) { return nil, io.ErrUnexpectedEOF },
		"502":            httpmock.NewStringResponder(502, "<html><title>Bad Gateway</title></html>"),
		"504":            httpmock.NewStringResponder(504, ""),
		"garbled 201":    httpmock.NewStringResponder(201, `{"data":`),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			store := &orderStore{lose: lose}
			store.register(mt)
			o, err := c.Orders.Create(t.Context(), safeOrderRequest())
			require.NoError(t, err)
			assert.Equal(t, "00000001-0000-4000-8000-000000000000", o.ID, "the order the lost POST created")
			assert.Equal(t, "shop-order-7", o.ExternalReferenceID)
			assert.Equal(t, int32(1), store.posts.Load(), "exactly one order placed")
			assert.Equal(t, int32(1), store.gets.Load())
			assert.Len(t, store.orders, 1)
		})
	}
}

func TestOrdersCreateAmbiguousFailureNotFound(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	var posts, gets atomic.Int32
	mt.RegisterResponder("POST", testBaseURL+"/orders", func(*http.Request) (*http.Response, error) {
		posts.Add(1)
		return httpmock.NewStringResponse(502, "bad gateway"), nil
	})
	mt.RegisterResponder("GET", testBaseURL+"/orders", func(r *http.Request) (*http.Response, error) {
		gets.Add(1)
		return jsonAPI(200, orderListDoc(t))(r)
	})
	o, err := c.Orders.Create(t.Context(), safeOrderRequest())
	assert.Nil(t, o)
	// A 502 may come from a proxy after the API placed the order: not a
	// plain error, even when no lookup finds it.
	var oe *OrderOutcomeError
	require.ErrorAs(t, err, &oe)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrServer, "the POST's own error")
	assert.Equal(t, 5, oe.Lookups)
	assert.NoError(t, oe.LookupErr)
	assert.ErrorContains(t, err, "not found by reference after 5 lookups")
	assert.ErrorContains(t, err, `look it up by external reference "shop-order-7" (Orders.FindByExternalReference)`)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "POST", apiErr.Method)
	assert.Equal(t, int32(1), posts.Load(), "POST /orders is not retried on 502")
	assert.Equal(t, int32(5), gets.Load(), "looked up again over a short window")
}

// A 2xx is never a clean failure: the order was placed even when the
// answer does not carry it.
func TestOrdersCreate2xxWithoutOrder(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"null data":              `{"data":null}`,
		"empty array":            `{"data":[]}`,
		"errors document":        `{"errors":[{"title":"is invalid","detail":"sku_id - is invalid","code":"100","status":"422"}]}`,
		"not found document":     `{"errors":[{"title":"Record not found","detail":"x","code":"404","status":"404"}]}`,
		"garbage":                `<html>Created</html>`,
		"order without its type": `{"data":{"id":"o1","attributes":{}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("found by reference", func(t *testing.T) {
				t.Parallel()
				c, mt := newStrictClient(t)
				store := &orderStore{lose: func(r *http.Request) (*http.Response, error) { return jsonAPI(201, []byte(body))(r) }}
				store.register(mt)
				o, err := c.Orders.Create(t.Context(), safeOrderRequest())
				require.NoError(t, err)
				assert.Equal(t, "00000001-0000-4000-8000-000000000000", o.ID)
				assert.Equal(t, int32(1), store.posts.Load())
				assert.Equal(t, int32(1), store.gets.Load())
			})
			t.Run("not found", func(t *testing.T) {
				t.Parallel()
				c, mt := newStrictClient(t)
				mt.RegisterResponder("POST", testBaseURL+"/orders", jsonAPI(201, []byte(body)))
				mt.RegisterResponder("GET", testBaseURL+"/orders", jsonAPI(200, orderListDoc(t)))
				_, err := c.Orders.Create(t.Context(), safeOrderRequest())
				var oe *OrderOutcomeError
				require.ErrorAs(t, err, &oe, "the order may exist")
				assert.ErrorIs(t, err, ErrDecode)
				assert.NotErrorIs(t, err, ErrNotFound, "a 201 never reads as not found")
				assert.NotErrorIs(t, err, ErrValidation, "a 201 never reads as a refusal")
				var apiErr *APIError
				assert.False(t, errors.As(err, &apiErr), "no APIError: the API did not refuse")
				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, 201, de.StatusCode)
				assert.Equal(t, 5, oe.Lookups)
			})
			t.Run("no reference", func(t *testing.T) {
				t.Parallel()
				c, mt := newStrictClient(t)
				mt.RegisterResponder("POST", testBaseURL+"/orders", jsonAPI(201, []byte(body)))
				req := safeOrderRequest()
				req.ExternalReferenceID = ""
				_, err := c.Orders.Create(t.Context(), req)
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.Equal(t, 1, mt.GetTotalCallCount(), "nothing to look up by")
			})
		})
	}
}

// The server applies the POST late: the first lookups miss it, a later one
// within the window finds it.
func TestOrdersCreateLateOrderFoundByALaterLookup(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	var gets atomic.Int32
	mt.RegisterResponder("POST", testBaseURL+"/orders", func(*http.Request) (*http.Response, error) { return nil, timeoutError{} })
	mt.RegisterResponder("GET", testBaseURL+"/orders", func(r *http.Request) (*http.Response, error) {
		if gets.Add(1) < 3 {
			return jsonAPI(200, orderListDoc(t))(r)
		}
		return jsonAPI(200, orderListDoc(t, orderDoc(orderSeedID, "pending", "shop-order-7")))(r)
	})
	o, err := c.Orders.Create(t.Context(), safeOrderRequest())
	require.NoError(t, err)
	assert.Equal(t, orderSeedID, o.ID)
	assert.Equal(t, int32(3), gets.Load())
}

func TestOrdersCreateLookupWindowStopsWithTheContext(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Hour, MaxDelay: time.Hour}))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var gets atomic.Int32
	mt.RegisterResponder("POST", testBaseURL+"/orders", httpmock.NewStringResponder(504, ""))
	mt.RegisterResponder("GET", testBaseURL+"/orders", func(r *http.Request) (*http.Response, error) {
		gets.Add(1)
		go cancel() // the caller gives up during the window's first wait (2s at most)
		return jsonAPI(200, orderListDoc(t))(r)
	})
	_, err := c.Orders.Create(ctx, safeOrderRequest())
	var oe *OrderOutcomeError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, int32(1), gets.Load(), "no lookup after ctx ended")
	assert.LessOrEqual(t, oe.Lookups, 1)
}

func TestOrdersFindByExternalReference(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/orders", rec.wrap(func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("filter[external_reference_id]") == "shop-order-7" {
			return jsonAPI(200, orderListDoc(t, orderDoc(orderSeedID, "completed", "shop-order-7")))(r)
		}
		return jsonAPI(200, orderListDoc(t))(r)
	}))
	o, err := c.Orders.FindByExternalReference(t.Context(), "shop-order-7")
	require.NoError(t, err)
	assert.Equal(t, orderSeedID, o.ID)
	assert.Equal(t, "filter%5Bexternal_reference_id%5D=shop-order-7&page%5Bsize%5D=1&sort=-created_at", rec.all()[0].RawQuery)

	_, err = c.Orders.FindByExternalReference(t.Context(), "shop-order-8")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.ErrorContains(t, err, `"shop-order-8"`)
	for _, bad := range []string{"", "a,b", " a"} {
		_, err = c.Orders.FindByExternalReference(t.Context(), bad)
		assertInvalid(t, err, "external_reference_id")
	}
	assert.Len(t, rec.all(), 2)
}

func TestOrdersCreateClearFailureIsNotLookedUp(t *testing.T) {
	t.Parallel()
	for name, resp := range map[string]httpmock.Responder{
		"422":                    jsonAPI(422, []byte(`{"errors":[{"title":"can't be blank","detail":"sku_id - can't be blank","code":"100","status":"422"}]}`)),
		"400 insufficient funds": jsonAPI(400, []byte(`{"errors":[{"title":"Insufficient funds","detail":"Insufficient funds","code":"400","status":"400"}]}`)),
		"403":                    jsonAPI(403, []byte(`{"errors":[{"title":"Forbidden","detail":"read-only mode","code":"403","status":"403"}]}`)),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := &recorder{}
			mt.RegisterResponder("POST", testBaseURL+"/orders", rec.wrap(resp))
			_, err := c.Orders.Create(t.Context(), safeOrderRequest())
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "POST", rec.only(t).Method, "no lookup, no retry")
		})
	}
}

func TestOrdersCreateWithoutReferenceIsNotLookedUp(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	store := &orderStore{lose: func(*http.Request) (*http.Response, error) { return nil, timeoutError{} }}
	store.register(mt)
	req := safeOrderRequest()
	req.ExternalReferenceID = ""
	_, err := c.Orders.Create(t.Context(), req)
	require.Error(t, err)
	var ne net.Error
	assert.ErrorAs(t, err, &ne)
	var oe *OrderOutcomeError
	require.ErrorAs(t, err, &oe, "the caller learns the order may exist")
	assert.Empty(t, oe.ExternalReferenceID)
	assert.ErrorContains(t, err, "the order may have been placed")
	assert.ErrorContains(t, err, "set ExternalReferenceID")
	assert.Equal(t, int32(1), store.posts.Load())
	assert.Zero(t, store.gets.Load())
}

func TestOrdersCreateContextEndedReportsUnknownOutcome(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	store := &orderStore{lose: func(*http.Request) (*http.Response, error) {
		cancel() // the caller gives up while the server is creating the order
		return nil, context.Canceled
	}}
	store.register(mt)
	o, err := c.Orders.Create(ctx, safeOrderRequest())
	assert.Nil(t, o)
	var oe *OrderOutcomeError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "shop-order-7", oe.ExternalReferenceID)
	assert.Nil(t, oe.LookupErr)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, `look it up by external reference "shop-order-7"`)
	assert.Zero(t, store.gets.Load(), "nothing is sent after the caller's context ended")

	// The caller settles it later, as the error says.
	p, err := c.Orders.List(t.Context(), &OrderListOptions{ListOptions: ListOptions{PageSize: 1}, ExternalReferenceID: "shop-order-7", Sort: []string{"-created_at"}})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, int32(1), store.posts.Load())
}

func TestOrdersCreateLookupFails(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/orders", httpmock.NewStringResponder(504, ""))
	mt.RegisterResponder("GET", testBaseURL+"/orders", jsonAPI(401, []byte(`{"errors":[{"title":"Unauthorized","detail":"Unauthorized","code":"401","status":"401"}]}`)))
	_, err := c.Orders.Create(t.Context(), safeOrderRequest())
	var oe *OrderOutcomeError
	require.ErrorAs(t, err, &oe)
	assert.ErrorIs(t, err, ErrServer, "the POST's error")
	assert.ErrorIs(t, err, ErrUnauthorized, "the lookup's error")
	assert.ErrorIs(t, oe.LookupErr, ErrUnauthorized)
	assert.ErrorContains(t, err, "looking it up failed too")
	assert.NotContains(t, err.Error(), testKey)
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

func TestOutcomeUnknown(t *testing.T) {
	t.Parallel()
	dial := &transportError{method: "POST", path: "/orders", err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
	read := &transportError{method: "POST", path: "/orders", err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}
	assert.False(t, outcomeUnknown(dial), "never reached the server")
	assert.True(t, outcomeUnknown(read))
	assert.True(t, outcomeUnknown(fmt.Errorf("wrapped: %w", read)))
	assert.True(t, outcomeUnknown(&APIError{StatusCode: 500}))
	assert.True(t, outcomeUnknown(&APIError{StatusCode: 408}))
	assert.False(t, outcomeUnknown(&APIError{StatusCode: 429}))
	assert.False(t, outcomeUnknown(&APIError{StatusCode: 422}))
	assert.True(t, outcomeUnknown(&DecodeError{Err: errors.New("x")}))
	assert.True(t, outcomeUnknown(&APIError{StatusCode: 304}), "not a refusal")
	assert.False(t, outcomeUnknown(&APIError{StatusCode: 404}))
	assert.False(t, outcomeUnknown(invalid("x", "y")))
	assert.False(t, outcomeUnknown(context.Canceled), "the limiter refused before sending")
}

func TestOrdersCancelAlreadyCanceledAfterARetry(t *testing.T) {
	t.Parallel()
	refused := jsonAPI(422, []byte(`{"errors":[{"title":"is invalid","detail":"Only pending orders can be canceled","code":"100","status":"422"}]}`))
	lost := func(*http.Request) (*http.Response, error) { return nil, timeoutError{} }
	for name, tc := range map[string]struct {
		first  httpmock.Responder
		status string // of the order read after the 422; "" when none is read
		ok     bool
	}{
		"answer lost, then canceled":     {lost, "canceled", true},
		"502, then canceled":             {httpmock.NewStringResponder(502, ""), "canceled", true},
		"answer lost, but completed":     {lost, "completed", false},
		"first attempt refused":          {refused, "", false},
		"429 first: nothing carried out": {jsonAPI(429, []byte(`{"errors":[{"title":"Too Many Requests","detail":"x","code":"429","status":"429"}]}`)), "", false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			resp, calls := lostThen(tc.first, refused)
			mt.RegisterResponder("DELETE", testBaseURL+"/orders/"+orderSeedID, resp)
			gets := 0
			if tc.status != "" {
				mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, func(r *http.Request) (*http.Response, error) {
					gets++
					return jsonAPI(200, orderDoc(orderSeedID, tc.status, ""))(r)
				})
			}
			err := c.Orders.Cancel(t.Context(), orderSeedID)
			if tc.ok {
				assert.NoError(t, err, "the first attempt canceled it")
			} else {
				assert.ErrorIs(t, err, ErrValidation)
			}
			wantCalls := 2
			if name == "first attempt refused" {
				wantCalls = 1 // a 422 is not retried
			}
			assert.Equal(t, wantCalls, *calls)
			if tc.status != "" {
				assert.Equal(t, 1, gets)
			}
		})
	}
}

// An empty or unknown status is never final: Wait polls on until completed
// or canceled.
func TestOrdersWaitUnknownStatusIsNotFinal(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	var n atomic.Int32
	mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, func(r *http.Request) (*http.Response, error) {
		switch n.Add(1) {
		case 1:
			return jsonAPI(200, orderDoc(orderSeedID, "", ""))(r)
		case 2:
			return jsonAPI(200, orderDoc(orderSeedID, "processing", ""))(r)
		}
		return jsonAPI(200, orderDoc(orderSeedID, "Canceled", ""))(r)
	})
	o, err := c.Orders.Wait(t.Context(), orderSeedID, time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, OrderStatusCanceled, o.Status)
	assert.Equal(t, int32(3), n.Load())

	assert.True(t, OrderStatusCompleted.Final())
	assert.True(t, OrderStatusCanceled.Final())
	assert.False(t, OrderStatusPending.Final())
	assert.False(t, OrderStatus("").Final())
	assert.False(t, OrderStatus("failed").Final())
}

func TestOrdersSetExternalReferenceIDAnswerLost(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		patch  httpmock.Responder
		stored string // the reference the order reads back with
		ok     bool
	}{
		"timeout, applied":     {func(*http.Request) (*http.Response, error) { return nil, timeoutError{} }, "shop-9", true},
		"null data, applied":   {jsonAPI(200, []byte(`{"data":null}`)), "shop-9", true},
		"502, not applied":     {httpmock.NewStringResponder(502, ""), "shop-1", false},
		"errors doc with 200":  {jsonAPI(200, []byte(`{"errors":[{"title":"x","detail":"y","code":"100","status":"422"}]}`)), "shop-9", true},
		"404 is not looked up": {jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","detail":"x","code":"404","status":"404"}]}`)), "", false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			mt.RegisterResponder("PATCH", testBaseURL+"/orders/"+orderSeedID, tc.patch)
			if tc.stored != "" {
				mt.RegisterResponder("GET", testBaseURL+"/orders/"+orderSeedID, jsonAPI(200, orderDoc(orderSeedID, "completed", tc.stored)))
			}
			o, err := c.Orders.SetExternalReferenceID(t.Context(), orderSeedID, "shop-9")
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, "shop-9", o.ExternalReferenceID)
				assert.Equal(t, 2, mt.GetTotalCallCount())
				return
			}
			assert.Nil(t, o)
			require.Error(t, err)
			if tc.stored == "" {
				assert.ErrorIs(t, err, ErrNotFound)
				assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a 404 is a refusal")
				assert.Equal(t, 1, mt.GetTotalCallCount())
			} else {
				assert.ErrorIs(t, err, ErrServer)
				assert.ErrorIs(t, err, ErrOutcomeUnknown, "the change may still be made")
				assert.ErrorContains(t, err, "the change may have been made")
			}
		})
	}
}
