package didww

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DefaultWaitEvery is how often the purchase flows poll an order they were
// asked to wait for, unless the request names another interval.
const DefaultWaitEvery = 2 * time.Second

// releaseTimeout bounds the release of a reservation after the caller's
// context has ended: cleanup gets a short grace period of its own.
const releaseTimeout = 15 * time.Second

// ErrOrderCanceled is wrapped by the error of a purchase flow that waited for
// its order and saw it canceled.
var ErrOrderCanceled = errors.New("didww: the order was canceled")

// Steps of the purchase flows, as PurchaseError.Step names them.
const (
	StepLookup  = "lookup"  // finding the NANPA prefix, DID group and SKU
	StepReserve = "reserve" // reserving the number
	StepOrder   = "order"   // placing the order
	StepWait    = "wait"    // waiting for the order to complete
	StepDIDs    = "dids"    // reading the DIDs the completed order created
)

// PurchaseError is a purchase flow that failed part way. errors.Is and
// errors.As see Err and ReleaseErr. What exists afterwards, by step:
//   - StepLookup: nothing was reserved or ordered.
//   - StepReserve: nothing was ordered. When Err is a
//     *ReservationOutcomeError a reservation may hold the number until it
//     lapses; otherwise none was made.
//   - StepOrder with Released: the order was refused (a plain error) or
//     never sent, and the reservation no longer exists. Nothing is held or bought.
//   - StepOrder with ReleaseErr: the order was refused, but the reservation
//     could not be released; the Purchase returned holds it, and it lapses
//     by itself.
//   - StepOrder with neither: Err is an *OrderOutcomeError, the order may
//     exist and may be using the reservation, which is kept (the Purchase
//     returned holds it). Settle it with OrdersService.FindByExternalReference.
//   - StepWait: the order OrderID was placed.
//   - StepDIDs: the order OrderID completed and is paid for; its DIDs could
//     not be read, so none was routed. List them with DIDsService.All and
//     DIDListOptions.OrderID.
type PurchaseError struct {
	// Step is where the flow failed: StepLookup, StepReserve, StepOrder,
	// StepWait or StepDIDs.
	Step string
	// Err is that step's error.
	Err error
	// ReservationID names the reservation the flow made, if any.
	ReservationID string
	// Released reports whether that reservation is gone after the order
	// failed: released by the flow, or found already gone (404).
	Released bool
	// ReleaseErr is the failure to release it, nil when it was released or
	// when it was deliberately kept (the order's outcome is unknown: see
	// OrderOutcomeError).
	ReleaseErr error
	// OrderID names the order placed, for failures while waiting.
	OrderID string
}

// Error names the step, what became of the reservation or order, and the errors.
func (e *PurchaseError) Error() string {
	msg := "didww: purchase failed at step " + e.Step
	switch {
	case e.OrderID != "" && e.Step == StepDIDs:
		msg += fmt.Sprintf(" (order %s completed and is paid for; its numbers were not read)", e.OrderID)
	case e.OrderID != "":
		msg += fmt.Sprintf(" (order %s was placed)", e.OrderID)
	case e.ReservationID != "" && e.Released:
		msg += fmt.Sprintf(" (reservation %s released)", e.ReservationID)
	case e.ReservationID != "" && e.ReleaseErr == nil:
		msg += fmt.Sprintf(" (reservation %s kept: the order may exist)", e.ReservationID)
	}
	if e.Err != nil {
		msg += ": " + causeText(e.Err)
	}
	if e.ReleaseErr != nil {
		msg += fmt.Sprintf("; releasing reservation %s failed too: %s", e.ReservationID, causeText(e.ReleaseErr))
	}
	return msg
}

// Unwrap returns the step's error and the release's.
func (e *PurchaseError) Unwrap() []error {
	if e.ReleaseErr == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.ReleaseErr}
}

// BuyAvailableDIDRequest buys one specific available number.
type BuyAvailableDIDRequest struct {
	// AvailableDIDID and SKUID (a SKU of the number's DID group) are required.
	AvailableDIDID, SKUID string
	// Description is kept with the reservation.
	Description string
	// ExternalReferenceID, unique per order, lets an order whose answer was
	// lost be found (see OrdersService.Create).
	ExternalReferenceID string
	AllowBackOrdering   *bool
	BillingCyclesCount  *int
	CallbackURL         string
	CallbackMethod      CallbackMethod
	// Wait polls the order until it leaves pending, every WaitEvery
	// (DefaultWaitEvery when zero), then reads the DIDs it created.
	Wait      bool
	WaitEvery time.Duration
	// VoiceInTrunkID or VoiceInTrunkGroupID (not both; they need Wait)
	// routes the number bought once it exists: see RoutingError.
	VoiceInTrunkID, VoiceInTrunkGroupID string
}

// Purchase is what BuyAvailableDID made.
type Purchase struct {
	Reservation *DIDReservation
	Order       *Order
	// DIDs are the numbers the order created, read once Wait saw it
	// complete (routed when the request asked); nil without Wait.
	DIDs []*DID
}

// BuyAvailableDID is the documented "select, reserve and buy" flow: it
// reserves the number, orders it with the reservation, and, with Wait, polls
// the order until it completes and reads the DID it created into
// Purchase.DIDs, routed to VoiceInTrunkID or VoiceInTrunkGroupID when set.
// A routing failure after the purchase is a *RoutingError returned with the
// Purchase: the number is bought and paid for.
//
// The request is checked before anything is sent. When the order is refused,
// the reservation is released and the *PurchaseError says whether the release
// worked. When the order's outcome is unknown (see OrderOutcomeError) the
// reservation is kept, since the order may be using it; it lapses by itself.
// When ctx ends after the reservation was made and before the order was
// sent, the reservation is released within a short grace period of its own.
// A reservation whose answer was lost is looked for (see
// DIDReservationsService.Create); one that cannot be found is left to lapse
// (10 minutes by default), and the flow stops at StepReserve with a
// *ReservationOutcomeError before anything is ordered. PurchaseError lists
// what exists after each kind of failure.
//
// On error the returned Purchase, when not nil, holds what still exists: a
// reservation still held, or the order placed. It is nil when nothing
// the flow made is left.
func (c *Client) BuyAvailableDID(ctx context.Context, req *BuyAvailableDIDRequest) (*Purchase, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("available_did_id", req.AvailableDIDID); err != nil {
		return nil, err
	}
	order := &OrderCreateRequest{
		Items:               []OrderItemRequest{ReservationOrderItem{SKUID: req.SKUID, DIDReservationID: "(reservation)", BillingCyclesCount: req.BillingCyclesCount}},
		AllowBackOrdering:   req.AllowBackOrdering,
		CallbackURL:         req.CallbackURL,
		CallbackMethod:      req.CallbackMethod,
		ExternalReferenceID: req.ExternalReferenceID,
	}
	if _, err := order.body(); err != nil {
		return nil, err
	}
	if req.WaitEvery < 0 {
		return nil, invalid("WaitEvery", "must not be negative")
	}
	route := routing{req.VoiceInTrunkID, req.VoiceInTrunkGroupID}
	if err := route.check(req.Wait); err != nil {
		return nil, err
	}

	resv, err := c.DIDReservations.Create(ctx, &DIDReservationCreateRequest{AvailableDIDID: req.AvailableDIDID, Description: req.Description})
	if err != nil {
		return nil, &PurchaseError{Step: StepReserve, Err: err}
	}
	p := &Purchase{Reservation: resv}

	if err := ctx.Err(); err != nil {
		// Nothing was ordered: give the number back.
		return c.releaseAfter(ctx, p, err)
	}
	order.Items[0] = ReservationOrderItem{SKUID: req.SKUID, DIDReservationID: resv.ID, BillingCyclesCount: req.BillingCyclesCount}
	o, err := c.Orders.Create(ctx, order)
	if err != nil {
		if errors.Is(err, ErrOutcomeUnknown) {
			// The order may exist and be using the reservation: keep it.
			return p, &PurchaseError{Step: StepOrder, Err: err, ReservationID: resv.ID}
		}
		return c.releaseAfter(ctx, p, err)
	}
	p.Order = o
	if !req.Wait {
		return p, nil
	}
	if err := c.waitPurchase(ctx, o, req.WaitEvery, func(w *Order) { p.Order = w }); err != nil {
		return p, err
	}
	p.DIDs, err = c.numbersOf(ctx, p.Order, route)
	return p, err
}

// releaseAfter releases the purchase's reservation after the order failed
// with orderErr, using a detached context with a short timeout when ctx has
// ended.
func (c *Client) releaseAfter(ctx context.Context, p *Purchase, orderErr error) (*Purchase, error) {
	rctx := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
		defer cancel()
	}
	pe := &PurchaseError{Step: StepOrder, Err: orderErr, ReservationID: p.Reservation.ID}
	// Delete already reads a 404 after a retry as released; a 404 on its
	// first attempt means the reservation lapsed: either way it is gone.
	if err := c.DIDReservations.Delete(rctx, p.Reservation.ID); err != nil && !errors.Is(err, ErrNotFound) {
		pe.ReleaseErr = err
		return p, pe
	}
	pe.Released = true
	return nil, pe
}

// waitPurchase waits for o, reporting each order read through set, and
// turns a failure or a canceled order into a *PurchaseError.
func (c *Client) waitPurchase(ctx context.Context, o *Order, every time.Duration, set func(*Order)) error {
	if every == 0 {
		every = DefaultWaitEvery
	}
	w := o
	if !o.Status.Final() {
		var err error
		w, err = c.Orders.Wait(ctx, o.ID, every)
		if w != nil {
			set(w)
		}
		if err != nil {
			return &PurchaseError{Step: StepWait, Err: err, OrderID: o.ID}
		}
	}
	if w.Status == OrderStatusCanceled {
		return &PurchaseError{Step: StepWait, Err: ErrOrderCanceled, OrderID: o.ID}
	}
	return nil
}

// BuySKURequest buys Qty numbers of a SKU (any numbers of its DID group).
type BuySKURequest struct {
	SKUID string
	Qty   int
	// NanpaPrefixID restricts the numbers to a NANPA prefix (US and Canada).
	NanpaPrefixID       string
	BillingCyclesCount  *int
	AllowBackOrdering   *bool
	CallbackURL         string
	CallbackMethod      CallbackMethod
	ExternalReferenceID string
	// Wait polls the order until it leaves pending, every WaitEvery
	// (DefaultWaitEvery when zero).
	Wait      bool
	WaitEvery time.Duration
	// VoiceInTrunkID or VoiceInTrunkGroupID (not both; they need Wait)
	// routes the numbers bought once they exist: see RoutingError.
	VoiceInTrunkID, VoiceInTrunkGroupID string
}

// SKUPurchase is what BuySKUDIDs ordered.
type SKUPurchase struct {
	Order *Order
	// DIDs are the numbers the order created, read once Wait saw it
	// complete (routed when the request asked); nil without Wait.
	DIDs []*DID
}

func (req *BuySKURequest) order() *OrderCreateRequest {
	return &OrderCreateRequest{
		Items:               []OrderItemRequest{SKUOrderItem{SKUID: req.SKUID, Qty: req.Qty, NanpaPrefixID: req.NanpaPrefixID, BillingCyclesCount: req.BillingCyclesCount}},
		AllowBackOrdering:   req.AllowBackOrdering,
		CallbackURL:         req.CallbackURL,
		CallbackMethod:      req.CallbackMethod,
		ExternalReferenceID: req.ExternalReferenceID,
	}
}

// BuySKU orders Qty numbers of a SKU and, with Wait, polls the order until
// it completes. On a failure while waiting it returns the order placed with
// a *PurchaseError. It is BuySKUDIDs returning the order alone: the DIDs
// are read only to route them (VoiceInTrunkID, VoiceInTrunkGroupID), and a
// routing failure is a *RoutingError returned with the order, which is
// bought and paid for.
func (c *Client) BuySKU(ctx context.Context, req *BuySKURequest) (*Order, error) {
	p, err := c.buySKU(ctx, req, false)
	if p == nil {
		return nil, err
	}
	return p.Order, err
}

// BuySKUDIDs orders Qty numbers of a SKU and, with Wait, polls the order
// until it completes and reads the DIDs it created into SKUPurchase.DIDs,
// routed to VoiceInTrunkID or VoiceInTrunkGroupID when set. On a failure
// after the order was placed it returns what exists with the error: a
// *PurchaseError while waiting (StepWait) or reading the DIDs (StepDIDs), a
// *RoutingError when routing failed, the numbers being bought and paid for.
func (c *Client) BuySKUDIDs(ctx context.Context, req *BuySKURequest) (*SKUPurchase, error) {
	return c.buySKU(ctx, req, true)
}

// buySKU orders, waits when asked, and reads the DIDs when withDIDs says so
// or when they are to be routed.
func (c *Client) buySKU(ctx context.Context, req *BuySKURequest, withDIDs bool) (*SKUPurchase, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.WaitEvery < 0 {
		return nil, invalid("WaitEvery", "must not be negative")
	}
	route := routing{req.VoiceInTrunkID, req.VoiceInTrunkGroupID}
	if err := route.check(req.Wait); err != nil {
		return nil, err
	}
	o, err := c.Orders.Create(ctx, req.order())
	if err != nil {
		return nil, err
	}
	p := &SKUPurchase{Order: o}
	if !req.Wait {
		return p, nil
	}
	if err := c.waitPurchase(ctx, o, req.WaitEvery, func(w *Order) { p.Order = w }); err != nil {
		return p, err
	}
	if withDIDs || route.asked() {
		p.DIDs, err = c.numbersOf(ctx, p.Order, route)
	}
	return p, err
}

// BuyByNPANXXRequest buys numbers of a US or Canadian area code and exchange.
type BuyByNPANXXRequest struct {
	// NPANXX is the six digits of area code and exchange, such as "212555".
	NPANXX string
	Qty    int
	// SKUID picks the SKU; when empty, the cheapest SKU (setup plus monthly
	// price, compared as DIDGroup.CheapestSKU does) with at least MinChannels
	// channels among all the DID groups serving the prefix is used.
	SKUID       string
	MinChannels int

	BillingCyclesCount  *int
	AllowBackOrdering   *bool
	CallbackURL         string
	CallbackMethod      CallbackMethod
	ExternalReferenceID string
	// Wait polls the order until it completes, then reads its DIDs.
	Wait      bool
	WaitEvery time.Duration
	// VoiceInTrunkID or VoiceInTrunkGroupID (not both; they need Wait)
	// routes the numbers bought once they exist: see RoutingError.
	VoiceInTrunkID, VoiceInTrunkGroupID string
}

// NPANXXPurchase is what BuyByNPANXX found and ordered.
type NPANXXPurchase struct {
	NanpaPrefix *NanpaPrefix
	DIDGroup    *DIDGroup
	SKU         *StockKeepingUnit
	Order       *Order
	// DIDs are the numbers the order created, read once Wait saw it
	// complete (routed when the request asked); nil without Wait.
	DIDs []*DID
}

// BuyByNPANXX finds the NANPA prefix (nanpa_prefixes?filter[npanxx]), the DID
// groups serving it with their SKUs (did_groups?filter[nanpa_prefix.id]), and
// orders Qty numbers of the chosen SKU restricted to that prefix; with Wait
// it polls the order until it completes and reads the DIDs it created,
// routed to VoiceInTrunkID or VoiceInTrunkGroupID when set (a failure then
// is a *RoutingError: the numbers are bought and paid for). A prefix or SKU
// that cannot be found is a *PurchaseError at StepLookup wrapping
// ErrNotFound. On error the returned value, when not nil, holds what was found
// and ordered.
//
// The groups' meta does not choose: TotalCount, IsAvailable and
// NeedsRegistration are often absent (nil, unknown), so no group is skipped
// as "out of stock" or preferred as "no registration needed" on their
// account. With AllowBackOrdering false the API refuses an order it cannot
// fill; numbers of a group that needs registration are bought and await it.
func (c *Client) BuyByNPANXX(ctx context.Context, req *BuyByNPANXXRequest) (*NPANXXPurchase, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if len(req.NPANXX) != 6 || !allDigits(req.NPANXX) {
		return nil, invalid("NPANXX", "%q is not six digits such as 212555", req.NPANXX)
	}
	if req.MinChannels < 0 {
		return nil, invalid("MinChannels", "must not be negative")
	}
	if req.WaitEvery < 0 {
		return nil, invalid("WaitEvery", "must not be negative")
	}
	sku := &BuySKURequest{
		SKUID: req.SKUID, Qty: req.Qty, NanpaPrefixID: "(prefix)", BillingCyclesCount: req.BillingCyclesCount,
		AllowBackOrdering: req.AllowBackOrdering, CallbackURL: req.CallbackURL, CallbackMethod: req.CallbackMethod,
		ExternalReferenceID: req.ExternalReferenceID, Wait: req.Wait, WaitEvery: req.WaitEvery,
		VoiceInTrunkID: req.VoiceInTrunkID, VoiceInTrunkGroupID: req.VoiceInTrunkGroupID,
	}
	if err := (routing{req.VoiceInTrunkID, req.VoiceInTrunkGroupID}).check(req.Wait); err != nil {
		return nil, err
	}
	if sku.SKUID == "" {
		sku.SKUID = "(cheapest)"
	}
	if _, err := sku.order().body(); err != nil {
		return nil, err
	}

	prefixes, err := c.NanpaPrefixes.List(ctx, &NanpaPrefixListOptions{NPANXX: req.NPANXX, ListOptions: ListOptions{PageSize: 1}})
	if err != nil {
		return nil, &PurchaseError{Step: StepLookup, Err: err}
	}
	if len(prefixes.Items) == 0 {
		return nil, &PurchaseError{Step: StepLookup, Err: fmt.Errorf("%w: no NANPA prefix %s", ErrNotFound, req.NPANXX)}
	}
	p := &NPANXXPurchase{NanpaPrefix: prefixes.Items[0]}
	p.DIDGroup, p.SKU, err = c.findNanpaSKU(ctx, p.NanpaPrefix.ID, req.SKUID, req.MinChannels)
	if err != nil {
		return nil, &PurchaseError{Step: StepLookup, Err: err}
	}
	sku.SKUID, sku.NanpaPrefixID = p.SKU.ID, p.NanpaPrefix.ID
	bought, err := c.buySKU(ctx, sku, true)
	if bought == nil {
		var pe *PurchaseError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, &PurchaseError{Step: StepOrder, Err: err}
	}
	p.Order, p.DIDs = bought.Order, bought.DIDs
	return p, err
}

// findNanpaSKU walks the DID groups of a NANPA prefix for the SKU to buy: the
// one named, or the cheapest fitting one of all the groups.
func (c *Client) findNanpaSKU(ctx context.Context, prefixID, skuID string, minChannels int) (*DIDGroup, *StockKeepingUnit, error) {
	opts := &DIDGroupListOptions{NanpaPrefixID: prefixID, Include: []string{"stock_keeping_units"}}
	// Without a SKU: each group's cheapest fitting SKU competes, and
	// CheapestSKU over those candidates picks the winner.
	var candidates DIDGroup
	groupOf := map[*StockKeepingUnit]*DIDGroup{}
	for g, err := range c.DIDGroups.All(ctx, opts) {
		if err != nil {
			return nil, nil, err
		}
		if skuID == "" {
			if s := g.CheapestSKU(minChannels); s != nil {
				candidates.StockKeepingUnits = append(candidates.StockKeepingUnits, s)
				groupOf[s] = g
			}
			continue
		}
		for _, s := range g.StockKeepingUnits {
			if s != nil && s.ID == skuID {
				return g, s, nil
			}
		}
	}
	if s := candidates.CheapestSKU(minChannels); s != nil {
		return groupOf[s], s, nil
	}
	if skuID != "" {
		return nil, nil, fmt.Errorf("%w: no DID group of NANPA prefix %s offers SKU %s", ErrNotFound, prefixID, skuID)
	}
	return nil, nil, fmt.Errorf("%w: no DID group of NANPA prefix %s offers a SKU with %d channels or more", ErrNotFound, prefixID, minChannels)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// routing is where a purchase's numbers ring once they exist: the
// VoiceInTrunkID or VoiceInTrunkGroupID of a buy request.
type routing struct{ VoiceInTrunkID, VoiceInTrunkGroupID string }

func (r routing) asked() bool { return r.VoiceInTrunkID != "" || r.VoiceInTrunkGroupID != "" }

// check refuses both targets at once, a blank id, and routing without
// Wait: the numbers exist only once the order completes.
func (r routing) check(wait bool) error {
	switch {
	case r.VoiceInTrunkID != "" && r.VoiceInTrunkGroupID != "":
		return invalid("VoiceInTrunkID", "and VoiceInTrunkGroupID are both set; a DID routes to a trunk or a trunk group, not both")
	case r.VoiceInTrunkID != "" && strings.TrimSpace(r.VoiceInTrunkID) == "":
		return invalid("VoiceInTrunkID", "is blank")
	case r.VoiceInTrunkGroupID != "" && strings.TrimSpace(r.VoiceInTrunkGroupID) == "":
		return invalid("VoiceInTrunkGroupID", "is blank")
	case r.asked() && !wait:
		return invalid("Wait", "is false; routing the numbers (VoiceInTrunkID, VoiceInTrunkGroupID) needs Wait: they exist once the order completes")
	}
	return nil
}

// RoutingError is a purchase that succeeded, whose numbers could not all be
// routed as asked. The order completed and is paid for: the money is
// spent, and the numbers are the account's. The purchase result returned
// with it holds the order and every DID; Unrouted are those still to route
// (DIDsService.Update with the same VoiceInTrunkID or VoiceInTrunkGroupID).
// When errors.Is(err, ErrOutcomeUnknown), the first of Unrouted may be
// routed after all. errors.Is and errors.As see Err.
type RoutingError struct {
	// OrderID is the completed order.
	OrderID string
	// DIDs are all the numbers the order created, routed or not.
	DIDs []*DID
	// Unrouted are the numbers not routed as asked, in the order of DIDs.
	Unrouted []*DID
	// Err is the failure that stopped the routing.
	Err error
}

// Error says the purchase succeeded and which numbers are not routed.
func (e *RoutingError) Error() string {
	numbers := make([]string, len(e.Unrouted))
	for i, d := range e.Unrouted {
		numbers[i] = d.Number
	}
	msg := fmt.Sprintf("didww: the purchase succeeded (order %s completed and is paid for), but ", e.OrderID)
	if len(numbers) == 0 {
		return msg + "not every number it bought is routed: " + causeText(e.Err)
	}
	msg += fmt.Sprintf("%d of its %d numbers are not routed (%s)", len(e.Unrouted), len(e.DIDs), strings.Join(numbers, ", "))
	return msg + ": " + causeText(e.Err)
}

// Unwrap returns the failure that stopped the routing.
func (e *RoutingError) Unwrap() error { return e.Err }

// orderedNumbers is how many numbers the DID items of o buy.
func orderedNumbers(o *Order) int {
	n := 0
	for _, it := range o.Items {
		if it.Type == OrderItemDID {
			n += it.Qty
		}
	}
	return n
}

// numbersOf reads the DIDs the completed order o created and routes them
// as r asks. It returns the DIDs it has with a *PurchaseError at StepDIDs
// when they cannot be read, or a *RoutingError when they cannot all be routed.
func (c *Client) numbersOf(ctx context.Context, o *Order, r routing) ([]*DID, error) {
	var dids []*DID
	opts := &DIDListOptions{ListOptions: ListOptions{PageSize: MaxPageSize}, OrderID: o.ID}
	for d, err := range c.DIDs.All(ctx, opts) {
		if err != nil {
			return nil, &PurchaseError{Step: StepDIDs, Err: err, OrderID: o.ID}
		}
		dids = append(dids, d)
	}
	if !r.asked() {
		return dids, nil
	}
	routed, err := c.route(ctx, o.ID, dids, r)
	if err == nil && len(dids) < orderedNumbers(o) {
		err = &RoutingError{OrderID: o.ID, DIDs: routed, Err: fmt.Errorf(
			"the order bought %d numbers and %d exist yet; route the others when they appear (DIDs.List with OrderID)", orderedNumbers(o), len(dids))}
	}
	return routed, err
}

// route points each DID at r's trunk or trunk group, one PATCH each, and
// stops at the first failure: that DID and the ones after it are unrouted.
// A routed DID names its target (ID only) even though the PATCH answer
// carries no linkage.
func (c *Client) route(ctx context.Context, orderID string, dids []*DID, r routing) ([]*DID, error) {
	req := &DIDUpdateRequest{VoiceInTrunkGroupID: Value(r.VoiceInTrunkGroupID)}
	if r.VoiceInTrunkID != "" {
		req = &DIDUpdateRequest{VoiceInTrunkID: Value(r.VoiceInTrunkID)}
	}
	out := slices.Clone(dids)
	for i, d := range dids {
		routed, err := c.DIDs.Update(ctx, d.ID, req)
		if err != nil {
			return out, &RoutingError{OrderID: orderID, DIDs: out, Unrouted: slices.Clone(out[i:]), Err: err}
		}
		if r.VoiceInTrunkID != "" && routed.VoiceInTrunk == nil {
			routed.VoiceInTrunk, routed.VoiceInTrunkGroup = &VoiceInTrunk{ID: r.VoiceInTrunkID}, nil
		}
		if r.VoiceInTrunkGroupID != "" && routed.VoiceInTrunkGroup == nil {
			routed.VoiceInTrunkGroup, routed.VoiceInTrunk = &VoiceInTrunkGroup{ID: r.VoiceInTrunkGroupID}, nil
		}
		out[i] = routed
	}
	return out, nil
}
