package e2e_test

import (
	"errors"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestE2EReservations(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	r, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
		AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: "Reserved for customer",
	})
	require.NoError(t, err)
	// The create answer names the number by links only (POST takes no include).
	assert.True(t, r.CreatedAt.Equal(e2eStart), "reservation = %+v", r)
	assert.True(t, r.ExpiresAt.Equal(e2eStart.Add(10*time.Minute)), "reservation = %+v", r)
	assert.Equal(t, "Reserved for customer", r.Description, "reservation = %+v", r)
	assert.False(t, r.AvailableDID != nil && r.AvailableDID.ID != didwwtest.AvailableDIDLosAngelesID, "reservation = %+v", r)
	rs := srv.Reservations(srv.APIKey)
	if assert.Len(t, rs, 1, "server reservations = %+v", rs) {
		assert.Equal(t, r.ID, rs[0].ID, "server reservations = %+v", rs)
		assert.Equal(t, didwwtest.AvailableDIDLosAngelesID, rs[0].AvailableDIDID, "server reservations = %+v", rs)
	}
	assert.False(t, r.Expired(e2eStart.Add(9*time.Minute)), "Expired disagrees with expires_at")
	assert.True(t, r.Expired(e2eStart.Add(10*time.Minute)), "Expired disagrees with expires_at")

	// Another account no longer sees the number.
	other := srv.ClientFor(srv.NewAccount("10.00"))
	seen, err := other.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{NumberContains: "2933575"})
	require.NoError(t, err)
	assert.Empty(t, seen.Items, "another account still sees the reserved number: %+v", seen.Items)

	got, err := client.DIDReservations.Get(ctx, r.ID, &didww.GetOptions{Include: []string{"available_did.did_group.stock_keeping_units"}})
	require.NoError(t, err)
	if assert.NotNil(t, got.AvailableDID, "Get with nested include") {
		assert.Equal(t, "12132933575", got.AvailableDID.Number, "Get with nested include")
		if assert.NotNil(t, got.AvailableDID.DIDGroup, "Get with nested include") && assert.NotNil(t, got.AvailableDID.DIDGroup.CheapestSKU(0), "Get with nested include") {
			assert.Equal(t, didwwtest.SKULosAngelesMeteredID, got.AvailableDID.DIDGroup.CheapestSKU(0).ID, "Get with nested include")
		}
	}
	assert.Equal(t, didwwtest.DefaultReservationLimit-1, got.AvailableCount, "available_count")

	// The seed's renewal: post again before it lapses.
	clock.Advance(6 * time.Minute)
	renewed, err := client.DIDReservations.Renew(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, r.ID, renewed.ID, "renewed = %+v, want the same reservation held until start+16m", renewed)
	assert.True(t, renewed.ExpiresAt.Equal(e2eStart.Add(16*time.Minute)), "renewed = %+v, want the same reservation held until start+16m", renewed)
	assert.Equal(t, r.Description, renewed.Description, "renewed = %+v, want the same reservation held until start+16m", renewed)
	clock.Advance(6 * time.Minute) // past the first expiry, within the renewed one
	list, err := client.DIDReservations.List(ctx, &didww.DIDReservationListOptions{Include: []string{"available_did"}, Sort: []string{"-expires_at"}})
	require.NoError(t, err)
	if assert.Len(t, list.Items, 1, "list after renewal = %+v, meta %+v", list.Items, list.Meta) {
		assert.Equal(t, r.ID, list.Items[0].ID, "list after renewal = %+v, meta %+v", list.Items, list.Meta)
		assert.Equal(t, "12132933575", list.Items[0].AvailableDID.Number, "list after renewal = %+v, meta %+v", list.Items, list.Meta)
		assert.Equal(t, didwwtest.DefaultReservationLimit-1, list.Meta.AvailableCount, "list after renewal = %+v, meta %+v", list.Items, list.Meta)
	}

	require.NoError(t, client.DIDReservations.Delete(ctx, r.ID))
	rs = srv.Reservations(srv.APIKey)
	assert.Empty(t, rs, "server still holds %+v", rs)
	_, err = client.DIDReservations.Get(ctx, r.ID, nil)
	assert.ErrorIs(t, err, didww.ErrNotFound, "Get after Delete: %v, want ErrNotFound", err)
	err = client.DIDReservations.Delete(ctx, r.ID)
	assert.ErrorIs(t, err, didww.ErrNotFound, "second Delete: %v, want ErrNotFound", err)
	_, err = other.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID})
	assert.NoError(t, err, "another account cannot reserve the released number")

	before := srv.Requests()
	_, err = client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{})
	assert.ErrorIs(t, err, didww.ErrInvalidRequest, "no available DID: %v, want ErrInvalidRequest", err)
	assert.Equal(t, before, srv.Requests(), "a refused reservation reached the server")
	_, err = client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: "00000000-0000-0000-0000-000000000000"})
	assert.True(t, errors.Is(err, didww.ErrValidation) || errors.Is(err, didww.ErrNotFound), "unknown available DID: %v, want a 422 or 404", err)
}

func TestE2EReservationExpiry(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t)
	ctx := e2eCtx(t)
	first := srv.Client()
	second := srv.ClientFor(srv.NewAccount("10.00"))

	r, err := first.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	require.NoError(t, err)
	_, err = second.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	require.ErrorIs(t, err, didww.ErrValidation, "second account while held: %v, want ErrValidation", err)

	clock.Advance(didwwtest.DefaultReservationTTL + time.Second)
	rs := srv.Reservations(srv.APIKey)
	assert.Empty(t, rs, "expired reservation still held: %+v", rs)
	_, err = first.DIDReservations.Get(ctx, r.ID, nil)
	assert.ErrorIs(t, err, didww.ErrNotFound, "Get of the lapsed reservation: %v, want ErrNotFound", err)
	back, err := second.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{ID: []string{didwwtest.AvailableDIDNewYorkID}})
	require.NoError(t, err)
	require.Len(t, back.Items, 1, "the number is not back in the pool: %+v", back.Items)
	r2, err := second.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	require.NoError(t, err, "reserve again after expiry")
	assert.NotEqual(t, r.ID, r2.ID, "new reservation = %+v", r2)
	assert.True(t, r2.ExpiresAt.Equal(clock.Now().Add(didwwtest.DefaultReservationTTL)), "new reservation = %+v", r2)
	// The first account's order with its lapsed reservation is refused.
	_, err = first.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.ReservationOrderItem{SKUID: e2eNewYorkSKU(t, srv), DIDReservationID: r.ID}},
	})
	assert.ErrorIs(t, err, didww.ErrValidation, "order with a lapsed reservation: %v, want ErrValidation", err)
	n := len(srv.Orders(srv.APIKey))
	assert.Equal(t, 0, n, "%d orders placed", n)
}

// e2eNewYorkSKU is the cheapest SKU of the New York group.
func e2eNewYorkSKU(t *testing.T, srv *didwwtest.Server) string {
	t.Helper()
	for _, g := range srv.Catalogue().DIDGroups {
		if g.ID == didwwtest.DIDGroupNewYorkID {
			return g.StockKeepingUnits[0].ID
		}
	}
	require.Fail(t, "no New York group")
	return ""
}

func TestE2EOrders(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t, didwwtest.WithOrderCompletionDelay(time.Minute))
	client, ctx := srv.Client(), e2eCtx(t)

	// One of each did_order_items shape: by SKU with a quantity, a specific
	// available number, and a reservation.
	bySKU, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:               []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesChannelsID, Qty: 2}},
		AllowBackOrdering:   didww.Bool(false),
		ExternalReferenceID: "e2e-sku",
	})
	require.NoError(t, err)
	assert.Equal(t, didww.OrderStatusPending, bySKU.Status, "order by SKU = %+v", bySKU)
	assert.Equal(t, 0, bySKU.Amount.Cmp("16.0"), "order by SKU = %+v", bySKU)
	assert.Equal(t, "e2e-sku", bySKU.ExternalReferenceID, "order by SKU = %+v", bySKU)
	assert.True(t, bySKU.CreatedAt.Equal(e2eStart), "order by SKU = %+v", bySKU)
	if assert.Len(t, bySKU.Items, 1, "order by SKU = %+v", bySKU) {
		assert.Equal(t, 2, bySKU.Items[0].Qty, "order by SKU = %+v", bySKU)
		assert.Equal(t, didww.OrderItemDID, bySKU.Items[0].Type, "order by SKU = %+v", bySKU)
		assert.Equal(t, didwwtest.DIDGroupLosAngelesID, bySKU.Items[0].DIDGroupID, "order by SKU = %+v", bySKU)
	}

	clock.Advance(time.Second)
	byNumber, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.AvailableDIDOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}},
	})
	require.NoError(t, err)
	assert.True(t, srv.Sold(didwwtest.AvailableDIDLosAngelesID), "order by number = %+v, sold %v", byNumber, srv.Sold(didwwtest.AvailableDIDLosAngelesID))
	assert.Equal(t, 0, byNumber.Amount.Cmp("0.09"), "order by number = %+v, sold %v", byNumber, srv.Sold(didwwtest.AvailableDIDLosAngelesID))

	clock.Advance(time.Second)
	res, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	require.NoError(t, err)
	byReservation, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:          []didww.OrderItemRequest{didww.ReservationOrderItem{SKUID: e2eNewYorkSKU(t, srv), DIDReservationID: res.ID}},
		CallbackURL:    "https://example.com/didww",
		CallbackMethod: didww.CallbackGET,
	})
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/didww", byReservation.CallbackURL, "callback fields")
	assert.Equal(t, didww.CallbackGET, byReservation.CallbackMethod, "callback fields")
	rs := srv.Reservations(srv.APIKey)
	assert.Empty(t, rs, "the order did not consume its reservation: %+v", rs)
	assert.True(t, srv.Sold(didwwtest.AvailableDIDNewYorkID), "the order did not consume its reservation: %+v", rs)

	// Filters and sorts.
	for _, tc := range []struct {
		name string
		opts *didww.OrderListOptions
		want []string
	}{
		{"all, newest first", &didww.OrderListOptions{Sort: []string{"-created_at"}}, []string{byReservation.ID, byNumber.ID, bySKU.ID}},
		{"by reference", &didww.OrderListOptions{Reference: byNumber.Reference}, []string{byNumber.ID}},
		{"by external reference", &didww.OrderListOptions{ExternalReferenceID: "e2e-sku"}, []string{bySKU.ID}},
		{"created from +1s", &didww.OrderListOptions{CreatedAfter: e2eStart.Add(time.Second), Sort: []string{"created_at"}}, []string{byNumber.ID, byReservation.ID}},
		{"created until +1s", &didww.OrderListOptions{CreatedBefore: e2eStart.Add(time.Second), Sort: []string{"created_at"}}, []string{bySKU.ID, byNumber.ID}},
		{"by id", &didww.OrderListOptions{ID: []string{bySKU.ID, byReservation.ID}, Sort: []string{"created_at"}}, []string{bySKU.ID, byReservation.ID}},
	} {
		p, err := client.Orders.List(ctx, tc.opts)
		if !assert.NoError(t, err, "%s: %v", tc.name, err) {
			continue
		}
		got := e2eIDs(p.Items, func(o *didww.Order) string { return o.ID })
		assert.Equal(t, tc.want, got, "%s: %v, want %v", tc.name, got, tc.want)
	}

	// Cancel one while pending; the others complete when the delay passes.
	require.NoError(t, client.Orders.Cancel(ctx, byNumber.ID))
	assert.False(t, srv.Sold(didwwtest.AvailableDIDLosAngelesID), "a cancelled order kept its number")
	canceled, err := client.Orders.List(ctx, &didww.OrderListOptions{Status: didww.OrderStatusCanceled})
	require.NoError(t, err)
	if assert.Len(t, canceled.Items, 1, "canceled orders = %+v", canceled.Items) {
		assert.Equal(t, byNumber.ID, canceled.Items[0].ID, "canceled orders = %+v", canceled.Items)
	}
	clock.Advance(time.Minute)
	done, err := client.Orders.Wait(ctx, bySKU.ID, time.Millisecond)
	require.NoError(t, err, "Wait = %+v, %v", done, err)
	require.Equal(t, didww.OrderStatusCompleted, done.Status, "Wait = %+v, %v", done, err)
	err = client.Orders.Cancel(ctx, bySKU.ID)
	assert.ErrorIs(t, err, didww.ErrValidation, "cancel a completed order: %v, want ErrValidation", err)

	renamed, err := client.Orders.SetExternalReferenceID(ctx, byReservation.ID, "e2e-renamed")
	require.NoError(t, err)
	assert.Equal(t, "e2e-renamed", renamed.ExternalReferenceID, "renamed = %+v", renamed)
	assert.Equal(t, byReservation.ID, renamed.ID, "renamed = %+v", renamed)
	got, err := client.Orders.Get(ctx, byReservation.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, "e2e-renamed", got.ExternalReferenceID, "Get = %+v", got)
	assert.Equal(t, didww.OrderStatusCompleted, got.Status, "Get = %+v", got)
	assert.Equal(t, byReservation.Reference, got.Reference, "Get = %+v", got)

	all := e2eCollect(t, client.Orders.All(ctx, &didww.OrderListOptions{ListOptions: didww.ListOptions{PageSize: 1}}))
	assert.Len(t, all, 3, "All, a page of 1: %d orders, want 3", len(all))
}

func TestE2EOrderRefusals(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithBalance("1.00"))
	client, ctx := srv.Client(), e2eCtx(t)

	_, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesChannelsID, Qty: 1}},
	})
	assert.ErrorIs(t, err, didww.ErrInsufficientFunds, "8.00 on a 1.00 balance: %v, want ErrInsufficientFunds", err)
	e2eAPIError(t, err, 400)

	_, err = client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: "00000000-0000-0000-0000-000000000000", Qty: 1}},
	})
	assert.ErrorIs(t, err, didww.ErrValidation, "unknown SKU: %v, want ErrValidation", err)

	before := srv.Requests()
	for name, req := range map[string]*didww.OrderCreateRequest{
		"no items":     {},
		"qty 0":        {Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID}}},
		"relative URL": {Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}}, CallbackURL: "/cb"},
	} {
		_, err := client.Orders.Create(ctx, req)
		assert.ErrorIs(t, err, didww.ErrInvalidRequest, "%s: %v, want ErrInvalidRequest", name, err)
	}
	assert.Equal(t, before, srv.Requests(), "a refused order reached the server")
	n := len(srv.Orders(srv.APIKey))
	assert.Equal(t, 0, n, "%d orders, balance %s after refusals", n, srv.Balance(srv.APIKey))
	assert.Equal(t, "1.00", srv.Balance(srv.APIKey), "%d orders, balance %s after refusals", n, srv.Balance(srv.APIKey))
}

func TestE2EBuyAvailableDID(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithOrderCompletionDelay(50*time.Millisecond))
	client, ctx := srv.Client(), e2eCtx(t)

	p, err := client.BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{
		AvailableDIDID:      didwwtest.AvailableDIDLosAngelesID,
		SKUID:               didwwtest.SKULosAngelesChannelsID,
		Description:         "Reserved for customer",
		ExternalReferenceID: "e2e-buy-available",
		AllowBackOrdering:   didww.Bool(false),
		Wait:                true,
		WaitEvery:           10 * time.Millisecond,
	})
	require.NoError(t, err)
	// The reservation's create answer names its number by links only.
	if assert.NotNil(t, p.Reservation, "reservation") && assert.NotEmpty(t, p.Reservation.ID, "reservation") {
		assert.False(t, p.Reservation.AvailableDID != nil && p.Reservation.AvailableDID.ID != didwwtest.AvailableDIDLosAngelesID, "reservation")
	}
	if assert.NotNil(t, p.Order, "order") {
		assert.Equal(t, didww.OrderStatusCompleted, p.Order.Status, "order")
		assert.Equal(t, 0, p.Order.Amount.Cmp("8.0"), "order")
		assert.Equal(t, "e2e-buy-available", p.Order.ExternalReferenceID, "order")
	}
	orders := srv.Orders(srv.APIKey)
	if assert.Len(t, orders, 1, "server orders = %+v", orders) {
		assert.Equal(t, []string{didwwtest.AvailableDIDLosAngelesID}, orders[0].AvailableDIDIDs, "server orders = %+v", orders)
	}
	assert.Equal(t, "92.00", srv.Balance(srv.APIKey), "balance")

	// A refused order releases the reservation it made.
	poor := srv.NewAccount("1.00")
	_, err = srv.ClientFor(poor).BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{
		AvailableDIDID: didwwtest.AvailableDIDNewYorkID, SKUID: e2eNewYorkSKUWithChannels(t, srv),
	})
	var pe *didww.PurchaseError
	require.ErrorAs(t, err, &pe, "purchase without funds: %v, want a PurchaseError at the order step with the reservation released", err)
	require.Equal(t, didww.StepOrder, pe.Step, "purchase without funds: %v, want a PurchaseError at the order step with the reservation released", err)
	require.True(t, pe.Released, "purchase without funds: %v, want a PurchaseError at the order step with the reservation released", err)
	require.ErrorIs(t, err, didww.ErrInsufficientFunds, "purchase without funds: %v, want a PurchaseError at the order step with the reservation released", err)
	rs := srv.Reservations(poor)
	assert.Empty(t, rs, "reservation kept: %+v", rs)
	assert.False(t, srv.Sold(didwwtest.AvailableDIDNewYorkID), "the number was sold")

	// A number already sold cannot be reserved.
	_, err = client.BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesMeteredID})
	if assert.ErrorAs(t, err, &pe, "buy a sold number: %v, want a PurchaseError at the reserve step", err) {
		assert.Equal(t, didww.StepReserve, pe.Step, "buy a sold number: %v, want a PurchaseError at the reserve step", err)
		assert.ErrorIs(t, err, didww.ErrValidation, "buy a sold number: %v, want a PurchaseError at the reserve step", err)
	}
}

// e2eNewYorkSKUWithChannels is the SKU of the New York group with channels,
// which costs more than one unit of currency.
func e2eNewYorkSKUWithChannels(t *testing.T, srv *didwwtest.Server) string {
	t.Helper()
	for _, g := range srv.Catalogue().DIDGroups {
		if g.ID == didwwtest.DIDGroupNewYorkID {
			return g.StockKeepingUnits[1].ID
		}
	}
	require.Fail(t, "no New York group")
	return ""
}

func TestE2EBuySKUAndNPANXX(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	o, err := client.BuySKU(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 3, AllowBackOrdering: didww.Bool(false), Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, didww.OrderStatusCompleted, o.Status, "BuySKU = %+v", o)
	assert.Equal(t, 0, o.Amount.Cmp("0.27"), "BuySKU = %+v", o)
	if assert.Len(t, o.Items, 1, "BuySKU = %+v", o) {
		assert.Equal(t, 3, o.Items[0].Qty, "BuySKU = %+v", o)
	}

	p, err := client.BuyByNPANXX(ctx, &didww.BuyByNPANXXRequest{NPANXX: "212472", Qty: 1, MinChannels: 2})
	require.NoError(t, err)
	assert.Equal(t, "212", p.NanpaPrefix.NPA, "BuyByNPANXX found %+v %+v %+v", p.NanpaPrefix, p.DIDGroup, p.SKU)
	assert.Equal(t, "472", p.NanpaPrefix.NXX, "BuyByNPANXX found %+v %+v %+v", p.NanpaPrefix, p.DIDGroup, p.SKU)
	assert.Equal(t, didwwtest.DIDGroupNewYorkID, p.DIDGroup.ID, "BuyByNPANXX found %+v %+v %+v", p.NanpaPrefix, p.DIDGroup, p.SKU)
	assert.Equal(t, 2, p.SKU.ChannelsIncludedCount, "BuyByNPANXX found %+v %+v %+v", p.NanpaPrefix, p.DIDGroup, p.SKU)
	// The answer's items name the DID group, not the SKU or prefix asked for.
	if assert.Len(t, p.Order.Items, 1, "order = %+v", p.Order) {
		assert.Equal(t, didwwtest.DIDGroupNewYorkID, p.Order.Items[0].DIDGroupID, "order = %+v", p.Order)
		assert.Equal(t, 1, p.Order.Items[0].Qty, "order = %+v", p.Order)
		assert.Equal(t, 0, p.Order.Amount.Cmp(p.SKU.SetupPrice.Add(p.SKU.MonthlyPrice)), "order = %+v", p.Order)
	}
	n := len(srv.Orders(srv.APIKey))
	assert.Equal(t, 2, n, "%d orders, want 2", n)

	_, err = client.BuyByNPANXX(ctx, &didww.BuyByNPANXXRequest{NPANXX: "999999", Qty: 1})
	var pe *didww.PurchaseError
	if assert.ErrorAs(t, err, &pe, "unknown NPA-NXX: %v, want a lookup PurchaseError wrapping ErrNotFound", err) {
		assert.Equal(t, didww.StepLookup, pe.Step, "unknown NPA-NXX: %v, want a lookup PurchaseError wrapping ErrNotFound", err)
		assert.ErrorIs(t, err, didww.ErrNotFound, "unknown NPA-NXX: %v, want a lookup PurchaseError wrapping ErrNotFound", err)
	}
}
