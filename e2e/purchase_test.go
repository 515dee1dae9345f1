package e2e_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

func TestE2EReservations(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	r, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
		AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: "Reserved for customer",
	})
	if err != nil {
		t.Fatal(err)
	}
	// The create answer names the number by links only (POST takes no include).
	if !r.CreatedAt.Equal(e2eStart) || !r.ExpiresAt.Equal(e2eStart.Add(10*time.Minute)) || r.Description != "Reserved for customer" ||
		(r.AvailableDID != nil && r.AvailableDID.ID != didwwtest.AvailableDIDLosAngelesID) {
		t.Errorf("reservation = %+v", r)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 1 || rs[0].ID != r.ID || rs[0].AvailableDIDID != didwwtest.AvailableDIDLosAngelesID {
		t.Errorf("server reservations = %+v", rs)
	}
	if r.Expired(e2eStart.Add(9*time.Minute)) || !r.Expired(e2eStart.Add(10*time.Minute)) {
		t.Error("Expired disagrees with expires_at")
	}

	// Another account no longer sees the number.
	other := srv.ClientFor(srv.NewAccount("10.00"))
	seen, err := other.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{NumberContains: "2933575"})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen.Items) != 0 {
		t.Errorf("another account still sees the reserved number: %+v", seen.Items)
	}

	got, err := client.DIDReservations.Get(ctx, r.ID, &didww.GetOptions{Include: []string{"available_did.did_group.stock_keeping_units"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.AvailableDID == nil || got.AvailableDID.Number != "12132933575" || got.AvailableDID.DIDGroup == nil ||
		got.AvailableDID.DIDGroup.CheapestSKU(0) == nil || got.AvailableDID.DIDGroup.CheapestSKU(0).ID != didwwtest.SKULosAngelesMeteredID {
		t.Errorf("Get with nested include: %+v", got.AvailableDID)
	}
	if got.AvailableCount != didwwtest.DefaultReservationLimit-1 {
		t.Errorf("available_count = %d, want %d", got.AvailableCount, didwwtest.DefaultReservationLimit-1)
	}

	// The seed's renewal: post again before it lapses.
	clock.Advance(6 * time.Minute)
	renewed, err := client.DIDReservations.Renew(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if renewed.ID != r.ID || !renewed.ExpiresAt.Equal(e2eStart.Add(16*time.Minute)) || renewed.Description != r.Description {
		t.Errorf("renewed = %+v, want the same reservation held until start+16m", renewed)
	}
	clock.Advance(6 * time.Minute) // past the first expiry, within the renewed one
	list, err := client.DIDReservations.List(ctx, &didww.DIDReservationListOptions{Include: []string{"available_did"}, Sort: []string{"-expires_at"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].ID != r.ID || list.Items[0].AvailableDID.Number != "12132933575" || list.Meta.AvailableCount != didwwtest.DefaultReservationLimit-1 {
		t.Errorf("list after renewal = %+v, meta %+v", list.Items, list.Meta)
	}

	if err := client.DIDReservations.Delete(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 0 {
		t.Errorf("server still holds %+v", rs)
	}
	if _, err := client.DIDReservations.Get(ctx, r.ID, nil); !errors.Is(err, didww.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := client.DIDReservations.Delete(ctx, r.ID); !errors.Is(err, didww.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if _, err := other.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}); err != nil {
		t.Errorf("another account cannot reserve the released number: %v", err)
	}

	before := srv.Requests()
	if _, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{}); !errors.Is(err, didww.ErrInvalidRequest) {
		t.Errorf("no available DID: %v, want ErrInvalidRequest", err)
	}
	if srv.Requests() != before {
		t.Error("a refused reservation reached the server")
	}
	_, err = client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: "00000000-0000-0000-0000-000000000000"})
	if !errors.Is(err, didww.ErrValidation) && !errors.Is(err, didww.ErrNotFound) {
		t.Errorf("unknown available DID: %v, want a 422 or 404", err)
	}
}

func TestE2EReservationExpiry(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t)
	ctx := e2eCtx(t)
	first := srv.Client()
	second := srv.ClientFor(srv.NewAccount("10.00"))

	r, err := first.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := second.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID}); !errors.Is(err, didww.ErrValidation) {
		t.Fatalf("second account while held: %v, want ErrValidation", err)
	}

	clock.Advance(didwwtest.DefaultReservationTTL + time.Second)
	if rs := srv.Reservations(srv.APIKey); len(rs) != 0 {
		t.Errorf("expired reservation still held: %+v", rs)
	}
	if _, err := first.DIDReservations.Get(ctx, r.ID, nil); !errors.Is(err, didww.ErrNotFound) {
		t.Errorf("Get of the lapsed reservation: %v, want ErrNotFound", err)
	}
	back, err := second.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{ID: []string{didwwtest.AvailableDIDNewYorkID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Items) != 1 {
		t.Fatalf("the number is not back in the pool: %+v", back.Items)
	}
	r2, err := second.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	if err != nil {
		t.Fatalf("reserve again after expiry: %v", err)
	}
	if r2.ID == r.ID || !r2.ExpiresAt.Equal(clock.Now().Add(didwwtest.DefaultReservationTTL)) {
		t.Errorf("new reservation = %+v", r2)
	}
	// The first account's order with its lapsed reservation is refused.
	_, err = first.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.ReservationOrderItem{SKUID: e2eNewYorkSKU(t, srv), DIDReservationID: r.ID}},
	})
	if !errors.Is(err, didww.ErrValidation) {
		t.Errorf("order with a lapsed reservation: %v, want ErrValidation", err)
	}
	if n := len(srv.Orders(srv.APIKey)); n != 0 {
		t.Errorf("%d orders placed", n)
	}
}

// e2eNewYorkSKU is the cheapest SKU of the New York group.
func e2eNewYorkSKU(t *testing.T, srv *didwwtest.Server) string {
	t.Helper()
	for _, g := range srv.Catalogue().DIDGroups {
		if g.ID == didwwtest.DIDGroupNewYorkID {
			return g.StockKeepingUnits[0].ID
		}
	}
	t.Fatal("no New York group")
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
	if err != nil {
		t.Fatal(err)
	}
	if bySKU.Status != didww.OrderStatusPending || bySKU.Amount.Cmp("16.0") != 0 || bySKU.ExternalReferenceID != "e2e-sku" ||
		!bySKU.CreatedAt.Equal(e2eStart) || len(bySKU.Items) != 1 || bySKU.Items[0].Qty != 2 || bySKU.Items[0].Type != didww.OrderItemDID ||
		bySKU.Items[0].DIDGroupID != didwwtest.DIDGroupLosAngelesID {
		t.Errorf("order by SKU = %+v", bySKU)
	}

	clock.Advance(time.Second)
	byNumber, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.AvailableDIDOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !srv.Sold(didwwtest.AvailableDIDLosAngelesID) || byNumber.Amount.Cmp("0.09") != 0 {
		t.Errorf("order by number = %+v, sold %v", byNumber, srv.Sold(didwwtest.AvailableDIDLosAngelesID))
	}

	clock.Advance(time.Second)
	res, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDNewYorkID})
	if err != nil {
		t.Fatal(err)
	}
	byReservation, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:          []didww.OrderItemRequest{didww.ReservationOrderItem{SKUID: e2eNewYorkSKU(t, srv), DIDReservationID: res.ID}},
		CallbackURL:    "https://example.com/didww",
		CallbackMethod: didww.CallbackGET,
	})
	if err != nil {
		t.Fatal(err)
	}
	if byReservation.CallbackURL != "https://example.com/didww" || byReservation.CallbackMethod != didww.CallbackGET {
		t.Errorf("callback fields = %q %q", byReservation.CallbackURL, byReservation.CallbackMethod)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 0 || !srv.Sold(didwwtest.AvailableDIDNewYorkID) {
		t.Errorf("the order did not consume its reservation: %+v", rs)
	}

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
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := e2eIDs(p.Items, func(o *didww.Order) string { return o.ID }); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}

	// Cancel one while pending; the others complete when the delay passes.
	if err := client.Orders.Cancel(ctx, byNumber.ID); err != nil {
		t.Fatal(err)
	}
	if srv.Sold(didwwtest.AvailableDIDLosAngelesID) {
		t.Error("a cancelled order kept its number")
	}
	canceled, err := client.Orders.List(ctx, &didww.OrderListOptions{Status: didww.OrderStatusCanceled})
	if err != nil {
		t.Fatal(err)
	}
	if len(canceled.Items) != 1 || canceled.Items[0].ID != byNumber.ID {
		t.Errorf("canceled orders = %+v", canceled.Items)
	}
	clock.Advance(time.Minute)
	done, err := client.Orders.Wait(ctx, bySKU.ID, time.Millisecond)
	if err != nil || done.Status != didww.OrderStatusCompleted {
		t.Fatalf("Wait = %+v, %v", done, err)
	}
	if err := client.Orders.Cancel(ctx, bySKU.ID); !errors.Is(err, didww.ErrValidation) {
		t.Errorf("cancel a completed order: %v, want ErrValidation", err)
	}

	renamed, err := client.Orders.SetExternalReferenceID(ctx, byReservation.ID, "e2e-renamed")
	if err != nil {
		t.Fatal(err)
	}
	if renamed.ExternalReferenceID != "e2e-renamed" || renamed.ID != byReservation.ID {
		t.Errorf("renamed = %+v", renamed)
	}
	got, err := client.Orders.Get(ctx, byReservation.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.ExternalReferenceID != "e2e-renamed" || got.Status != didww.OrderStatusCompleted || got.Reference != byReservation.Reference {
		t.Errorf("Get = %+v", got)
	}

	all := e2eCollect(t, client.Orders.All(ctx, &didww.OrderListOptions{ListOptions: didww.ListOptions{PageSize: 1}}))
	if len(all) != 3 {
		t.Errorf("All, a page of 1: %d orders, want 3", len(all))
	}
}

func TestE2EOrderRefusals(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithBalance("1.00"))
	client, ctx := srv.Client(), e2eCtx(t)

	_, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesChannelsID, Qty: 1}},
	})
	if !errors.Is(err, didww.ErrInsufficientFunds) {
		t.Errorf("8.00 on a 1.00 balance: %v, want ErrInsufficientFunds", err)
	}
	e2eAPIError(t, err, 400)

	_, err = client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: "00000000-0000-0000-0000-000000000000", Qty: 1}},
	})
	if !errors.Is(err, didww.ErrValidation) {
		t.Errorf("unknown SKU: %v, want ErrValidation", err)
	}

	before := srv.Requests()
	for name, req := range map[string]*didww.OrderCreateRequest{
		"no items":     {},
		"qty 0":        {Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID}}},
		"relative URL": {Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}}, CallbackURL: "/cb"},
	} {
		if _, err := client.Orders.Create(ctx, req); !errors.Is(err, didww.ErrInvalidRequest) {
			t.Errorf("%s: %v, want ErrInvalidRequest", name, err)
		}
	}
	if srv.Requests() != before {
		t.Error("a refused order reached the server")
	}
	if n := len(srv.Orders(srv.APIKey)); n != 0 || srv.Balance(srv.APIKey) != "1.00" {
		t.Errorf("%d orders, balance %s after refusals", n, srv.Balance(srv.APIKey))
	}
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
	if err != nil {
		t.Fatal(err)
	}
	// The reservation's create answer names its number by links only.
	if p.Reservation == nil || p.Reservation.ID == "" || (p.Reservation.AvailableDID != nil && p.Reservation.AvailableDID.ID != didwwtest.AvailableDIDLosAngelesID) {
		t.Errorf("reservation = %+v", p.Reservation)
	}
	if p.Order == nil || p.Order.Status != didww.OrderStatusCompleted || p.Order.Amount.Cmp("8.0") != 0 || p.Order.ExternalReferenceID != "e2e-buy-available" {
		t.Errorf("order = %+v", p.Order)
	}
	orders := srv.Orders(srv.APIKey)
	if len(orders) != 1 || !slices.Equal(orders[0].AvailableDIDIDs, []string{didwwtest.AvailableDIDLosAngelesID}) {
		t.Errorf("server orders = %+v", orders)
	}
	if srv.Balance(srv.APIKey) != "92.00" {
		t.Errorf("balance = %s, want 92.00", srv.Balance(srv.APIKey))
	}

	// A refused order releases the reservation it made.
	poor := srv.NewAccount("1.00")
	_, err = srv.ClientFor(poor).BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{
		AvailableDIDID: didwwtest.AvailableDIDNewYorkID, SKUID: e2eNewYorkSKUWithChannels(t, srv),
	})
	var pe *didww.PurchaseError
	if !errors.As(err, &pe) || pe.Step != didww.StepOrder || !pe.Released || !errors.Is(err, didww.ErrInsufficientFunds) {
		t.Fatalf("purchase without funds: %v, want a PurchaseError at the order step with the reservation released", err)
	}
	if rs := srv.Reservations(poor); len(rs) != 0 {
		t.Errorf("reservation kept: %+v", rs)
	}
	if srv.Sold(didwwtest.AvailableDIDNewYorkID) {
		t.Error("the number was sold")
	}

	// A number already sold cannot be reserved.
	_, err = client.BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesMeteredID})
	if !errors.As(err, &pe) || pe.Step != didww.StepReserve || !errors.Is(err, didww.ErrValidation) {
		t.Errorf("buy a sold number: %v, want a PurchaseError at the reserve step", err)
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
	t.Fatal("no New York group")
	return ""
}

func TestE2EBuySKUAndNPANXX(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	o, err := client.BuySKU(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 3, AllowBackOrdering: didww.Bool(false), Wait: true, WaitEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != didww.OrderStatusCompleted || o.Amount.Cmp("0.27") != 0 || len(o.Items) != 1 || o.Items[0].Qty != 3 {
		t.Errorf("BuySKU = %+v", o)
	}

	p, err := client.BuyByNPANXX(ctx, &didww.BuyByNPANXXRequest{NPANXX: "212472", Qty: 1, MinChannels: 2})
	if err != nil {
		t.Fatal(err)
	}
	if p.NanpaPrefix.NPA != "212" || p.NanpaPrefix.NXX != "472" || p.DIDGroup.ID != didwwtest.DIDGroupNewYorkID || p.SKU.ChannelsIncludedCount != 2 {
		t.Errorf("BuyByNPANXX found %+v %+v %+v", p.NanpaPrefix, p.DIDGroup, p.SKU)
	}
	// The answer's items name the DID group, not the SKU or prefix asked for.
	if len(p.Order.Items) != 1 || p.Order.Items[0].DIDGroupID != didwwtest.DIDGroupNewYorkID || p.Order.Items[0].Qty != 1 ||
		p.Order.Amount.Cmp(p.SKU.SetupPrice.Add(p.SKU.MonthlyPrice)) != 0 {
		t.Errorf("order = %+v", p.Order)
	}
	if n := len(srv.Orders(srv.APIKey)); n != 2 {
		t.Errorf("%d orders, want 2", n)
	}

	_, err = client.BuyByNPANXX(ctx, &didww.BuyByNPANXXRequest{NPANXX: "999999", Qty: 1})
	var pe *didww.PurchaseError
	if !errors.As(err, &pe) || pe.Step != didww.StepLookup || !errors.Is(err, didww.ErrNotFound) {
		t.Errorf("unknown NPA-NXX: %v, want a lookup PurchaseError wrapping ErrNotFound", err)
	}
}
