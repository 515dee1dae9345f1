package didww

import (
	"context"
	"errors"
	"fmt"
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
type PurchaseError struct {
	// Step is where the flow failed: StepLookup, StepReserve, StepOrder or StepWait.
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
	// (DefaultWaitEvery when zero).
	Wait      bool
	WaitEvery time.Duration
}

// Purchase is what BuyAvailableDID made.
type Purchase struct {
	Reservation *DIDReservation
	Order       *Order
}

// BuyAvailableDID is the documented "select, reserve and buy" flow: it
// reserves the number, orders it with the reservation, and, with Wait, polls
// the order until it completes.
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
	return p, c.waitPurchase(ctx, o, req.WaitEvery, func(w *Order) { p.Order = w })
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
// a *PurchaseError.
func (c *Client) BuySKU(ctx context.Context, req *BuySKURequest) (*Order, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.WaitEvery < 0 {
		return nil, invalid("WaitEvery", "must not be negative")
	}
	o, err := c.Orders.Create(ctx, req.order())
	if err != nil {
		return nil, err
	}
	if !req.Wait {
		return o, nil
	}
	err = c.waitPurchase(ctx, o, req.WaitEvery, func(w *Order) { o = w })
	return o, err
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
	Wait                bool
	WaitEvery           time.Duration
}

// NPANXXPurchase is what BuyByNPANXX found and ordered.
type NPANXXPurchase struct {
	NanpaPrefix *NanpaPrefix
	DIDGroup    *DIDGroup
	SKU         *StockKeepingUnit
	Order       *Order
}

// BuyByNPANXX finds the NANPA prefix (nanpa_prefixes?filter[npanxx]), the DID
// groups serving it with their SKUs (did_groups?filter[nanpa_prefix.id]), and
// orders Qty numbers of the chosen SKU restricted to that prefix. A prefix or
// SKU that cannot be found is a *PurchaseError at StepLookup wrapping
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
	p.Order, err = c.BuySKU(ctx, sku)
	if p.Order == nil {
		var pe *PurchaseError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, &PurchaseError{Step: StepOrder, Err: err}
	}
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
