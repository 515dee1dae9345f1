package didwwtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	statusPending   = "pending"
	statusCompleted = "completed"
	statusCanceled  = "canceled"
)

// DefaultOrderCompletionDelay is how long a new DID order stays pending on
// the server's clock before it completes, unless WithOrderCompletionDelay
// says otherwise.
const DefaultOrderCompletionDelay = 300 * time.Millisecond

// order is a placed order of one account.
type order struct {
	id, reference, description string
	acct                       *account
	amount                     *big.Rat
	status                     string
	createdAt                  time.Time
	callbackURL                string
	callbackMethod             string
	externalReferenceID        *string
	items                      []*orderItem
	numbers                    []string       // available DIDs bought
	stockTaken                 map[string]int // DID group id → numbers taken by quantity
}

type orderItem struct {
	typ             string
	qty             int
	setup, monthly  *big.Rat // per unit
	groupID, poolID string
	// skuID and numberID (a specific number bought) and billingCycles (the
	// request's billing_cycles_count) are what the item's DIDs are made of.
	skuID, numberID string
	billingCycles   *int
	// share is the part of a month's price charged for a prorated item
	// (capacity), nil for a full month.
	share *big.Rat
	// periodFrom and periodTo are the billing period fixed when a capacity
	// item is charged; zero for DID items, whose period starts on completion.
	periodFrom, periodTo time.Time
	billedFrom           string
	billedTo             string
}

// nrc is the item's setup charge: the unit price times the quantity.
func (it *orderItem) nrc() *big.Rat { return new(big.Rat).Mul(it.setup, big.NewRat(int64(it.qty), 1)) }

// mrc is the item's monthly charge, prorated to whole cents when share is set.
func (it *orderItem) mrc() *big.Rat {
	m := new(big.Rat).Mul(it.monthly, big.NewRat(int64(it.qty), 1))
	if it.share != nil {
		m = roundCents(m.Mul(m, it.share))
	}
	return m
}

// roundCents rounds a non-negative amount half up to two decimals.
func roundCents(r *big.Rat) *big.Rat {
	scaled := new(big.Rat).Mul(r, big.NewRat(100, 1))
	scaled.Add(scaled, big.NewRat(1, 2))
	q := new(big.Int).Quo(scaled.Num(), scaled.Denom())
	return new(big.Rat).SetFrac(q, big.NewInt(100))
}

// capacityPeriod is the billing period of capacity charged at t and the
// share of the month it covers. The API prorates capacity to the remainder
// of its billing period (a recorded capacity order: nrc 25.0, mrc 19.35 =
// 25 × 24/31, billed 2018-12-28 to 2019-01-20, prorated_mrc true); the
// period runs to the pool's renewal, which this server puts at the end of
// the calendar month. A period starting on the 1st is a full month: no share.
func capacityPeriod(t time.Time) (from, to time.Time, share *big.Rat) {
	t = t.UTC()
	from = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	to = time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	if days := to.Day() - t.Day() + 1; days < to.Day() {
		share = big.NewRat(int64(days), int64(to.Day()))
	}
	return from, to, share
}

// didPeriodEnd is the last day of the month of service of a DID billed from
// t: the day before the same day of the next month (a recorded order billed
// 2018-08-17 to 2018-09-16), the month's last day when that day is missing.
func didPeriodEnd(t time.Time) time.Time {
	next := time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(next.Year(), next.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(next.Year(), next.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

// OrderRecord is a snapshot of an order, for tests.
type OrderRecord struct {
	ID                  string
	Reference           string
	Status              string // pending, completed or canceled
	Amount              string
	ExternalReferenceID string
	CallbackURL         string
	CreatedAt           time.Time
	// AvailableDIDIDs are the specific numbers the order bought.
	AvailableDIDIDs []string
}

// Orders returns the account's orders, oldest first, with their status as
// of the server's clock.
func (s *Server) Orders(apiKey string) []OrderRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked()
	a := s.accounts[apiKey]
	if a == nil {
		return nil
	}
	out := make([]OrderRecord, 0, len(a.orders))
	for _, o := range a.orders {
		r := OrderRecord{ID: o.id, Reference: o.reference, Status: o.status, Amount: formatDecimal(o.amount),
			CallbackURL: o.callbackURL, CreatedAt: o.createdAt, AvailableDIDIDs: append([]string(nil), o.numbers...)}
		if o.externalReferenceID != nil {
			r.ExternalReferenceID = *o.externalReferenceID
		}
		out = append(out, r)
	}
	return out
}

func (s *Server) orderObj(o *order) *obj {
	items := make([]any, len(o.items))
	for i, it := range o.items {
		nrc, mrc := formatDecimal(it.nrc()), formatDecimal(it.mrc())
		// Exactly the response attributes of the item's type: the request-only
		// keys (sku_id, billing_cycles_count, ...) are never sent back.
		attrs := map[string]any{
			"qty": it.qty, "nrc": nrc, "mrc": mrc, "prorated_mrc": it.share != nil,
			"billed_from": nullable(it.billedFrom), "billed_to": nullable(it.billedTo),
		}
		if it.typ == "did_order_items" {
			attrs["did_group_id"] = nullable(it.groupID)
			attrs["setup_price"] = nrc
			attrs["monthly_price"] = mrc
		} else if it.typ == "capacity_order_items" {
			attrs["capacity_pool_id"] = nullable(it.poolID)
		}
		items[i] = map[string]any{"type": it.typ, "attributes": attrs}
	}
	var ext any
	if o.externalReferenceID != nil {
		ext = *o.externalReferenceID
	}
	return &obj{typ: "orders", id: o.id, attrs: map[string]any{
		"reference": o.reference, "description": o.description, "amount": formatDecimal(o.amount),
		"status": o.status, "created_at": timestamp(o.createdAt), "callback_url": nullable(o.callbackURL),
		"callback_method": nullable(o.callbackMethod), "external_reference_id": ext, "items": items,
	}}
}

func (s *Server) ownOrderLocked(c *call, id string) *order {
	for _, o := range c.acct.orders {
		if o.id == id {
			return o
		}
	}
	return nil
}

func (s *Server) listOrders(c *call, _ string) (int, any, *apiError) {
	timeFilter := func(name string, after bool) filterFn[*order] {
		return func(v string) (func(*order) bool, *apiError) {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				if t, err = time.Parse(time.DateOnly, v); err != nil {
					return nil, invalidFilter(name, v)
				}
			}
			if after {
				return func(o *order) bool { return !o.createdAt.Before(t) }, nil
			}
			return func(o *order) bool { return !o.createdAt.After(t) }, nil
		}
	}
	ext := func(o *order) string {
		if o.externalReferenceID == nil {
			return ""
		}
		return *o.externalReferenceID
	}
	spec := &listSpec[*order]{
		typ: "orders",
		filters: map[string]filterFn[*order]{
			"id":                    fEq(func(o *order) string { return o.id }),
			"reference":             fEq(func(o *order) string { return o.reference }),
			"status":                fEq(func(o *order) string { return o.status }),
			"external_reference_id": fEq(ext),
			"created_at_gteq":       timeFilter("created_at_gteq", true),
			"created_at_lteq":       timeFilter("created_at_lteq", false),
		},
		sorts: map[string]func(a, b *order) int{
			"amount":                func(a, b *order) int { return a.amount.Cmp(b.amount) },
			"created_at":            func(a, b *order) int { return a.createdAt.Compare(b.createdAt) },
			"external_reference_id": func(a, b *order) int { return strings.Compare(ext(a), ext(b)) },
			"reference":             func(a, b *order) int { return strings.Compare(a.reference, b.reference) },
			"status":                func(a, b *order) int { return strings.Compare(a.status, b.status) },
		},
		paginated: true,
		obj:       s.orderObj,
	}
	return serveList(c, spec, c.acct.orders)
}

func (s *Server) showOrder(c *call, id string) (int, any, *apiError) {
	var o *obj
	if ord := s.ownOrderLocked(c, id); ord != nil {
		o = s.orderObj(ord)
	}
	return serveOne(c, o, id, nil, nil, http.StatusOK)
}

// itemError is the 400 the API declares for POST /orders when "required
// item data [is] missing or not allowed": a missing or extra key, a value of
// the wrong type or out of its documented range. Like every 400 of the API
// it has no source; the detail names the item.
func itemError(i int, detail string) *apiError {
	return badRequest("400", "Bad request", fmt.Sprintf("items[%d]: %s: required item data missing or not allowed", i, detail))
}

// itemRequest is one decoded item of POST /orders.
type itemRequest struct {
	Type       string                     `json:"type"`
	Attributes map[string]json.RawMessage `json:"attributes"`
}

func rawString(raw json.RawMessage) (string, bool) {
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

func rawInt(raw json.RawMessage) (int, bool) {
	var n int
	err := json.Unmarshal(raw, &n)
	return n, err == nil
}

// orderDraft is a POST /orders being read: the order, what placing it will
// take, and the validation errors (422) found so far. Malformed data is a
// 400 at once (itemError); 422 is kept for well-formed requests the account
// or the catalogue cannot serve: an unknown SKU, pool, reservation or
// number, a number held or sold, a NANPA prefix of another group, stock
// short without back-ordering, and an invalid callback or reference.
type orderDraft struct {
	o                   *order
	items               []itemRequest
	allowBackOrdering   bool
	verrs               []errorObject
	useHolds            []*reservation
	numbersSeen         map[string]bool
	stockNeeded         map[string]int // DID group id → numbers by quantity
	hasDID, hasCapacity bool
}

func (d *orderDraft) fail(pointer, detail string) {
	d.verrs = append(d.verrs, errorObject{Title: detail, Detail: detail, Code: "100", Status: "422", Source: &errorSource{Pointer: pointer}})
}

func (s *Server) createOrder(c *call, _ string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	d, e := readResource(c.body, "orders")
	if e != nil {
		return 0, nil, e
	}
	if d.ID != nil {
		return 0, nil, badRequest("105", "Param not allowed", "id is not allowed.")
	}
	dr := &orderDraft{o: &order{acct: c.acct, createdAt: c.now, amount: new(big.Rat), stockTaken: map[string]int{}},
		allowBackOrdering: true, numbersSeen: map[string]bool{}, stockNeeded: map[string]int{}}
	if e := dr.readAttributes(d.Attributes); e != nil {
		return 0, nil, e
	}
	for i, it := range dr.items {
		if e := s.readItemLocked(c, dr, i, it); e != nil {
			return 0, nil, e
		}
	}
	s.checkStockLocked(dr)
	if len(dr.verrs) > 0 {
		return 0, nil, &apiError{status: http.StatusUnprocessableEntity, errs: dr.verrs}
	}
	o := dr.o
	for _, it := range o.items {
		o.amount.Add(o.amount, it.nrc())
		o.amount.Add(o.amount, it.mrc())
	}
	// Credit is spendable too: the balance may go below zero by up to it.
	if o.amount.Cmp(new(big.Rat).Add(c.acct.balance, c.acct.credit)) > 0 {
		e := badRequest("400", "Insufficient funds", "Insufficient funds")
		e.errs[0].Meta = map[string]any{"amount": formatDecimal(o.amount), "balance": formatMoney(c.acct.balance)}
		return 0, nil, e
	}
	s.placeLocked(c, dr)
	data, _ := c.render.build([]*obj{s.orderObj(o)}, nil)
	return http.StatusCreated, &document{Data: data[0], Meta: map[string]any{"api_version": c.version}}, nil
}

// readAttributes reads the order's attributes, in key order so that the
// first error is always the same one.
func (d *orderDraft) readAttributes(attrs map[string]json.RawMessage) *apiError {
	o := d.o
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		v, bad := attrs[k], false
		switch k {
		case "items":
			bad = json.Unmarshal(v, &d.items) != nil
		case "allow_back_ordering":
			bad = json.Unmarshal(v, &d.allowBackOrdering) != nil
		case "callback_url":
			if string(v) != "null" {
				o.callbackURL, bad = rawString(v)
				bad = !bad
			}
		case "callback_method":
			if string(v) != "null" {
				o.callbackMethod, bad = rawString(v)
				bad = !bad
			}
		case "external_reference_id":
			if string(v) != "null" {
				ext, ok := rawString(v)
				o.externalReferenceID, bad = &ext, !ok
			}
		default:
			return badRequest("105", "Param not allowed", k+" is not allowed.")
		}
		if bad {
			return badRequest("103", "Invalid field value", k+" has the wrong type.")
		}
	}
	if len(d.items) == 0 {
		return badRequest("400", "Bad request", "items: required item data missing or not allowed")
	}
	d.checkAttributes()
	return nil
}

// checkAttributes adds the validation errors of the order's own attributes.
func (d *orderDraft) checkAttributes() {
	o := d.o
	if o.callbackURL != "" {
		u, err := url.Parse(o.callbackURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.fail("/data/attributes/callback_url", "callback_url - is not a valid URL")
		}
	}
	if o.callbackMethod != "" {
		o.callbackMethod = strings.ToLower(o.callbackMethod)
		if o.callbackMethod != "get" && o.callbackMethod != "post" {
			d.fail("/data/attributes/callback_method", "callback_method - is not included in the list")
		}
	}
	if o.externalReferenceID != nil && utf8.RuneCountInString(*o.externalReferenceID) > 100 {
		d.fail("/data/attributes/external_reference_id", "external_reference_id - is too long (maximum is 100 characters)")
	}
}

// readItemLocked reads item i into the draft.
func (s *Server) readItemLocked(c *call, d *orderDraft, i int, it itemRequest) *apiError {
	switch it.Type {
	case "did_order_items":
		d.hasDID = true
		item, e := s.readDIDItemLocked(c, d, i, it.Attributes)
		if e == nil && item != nil {
			d.o.items = append(d.o.items, item)
		}
		return e
	case "capacity_order_items":
		d.hasCapacity = true
		return s.readCapacityItem(d, i, it.Attributes)
	}
	return itemError(i, fmt.Sprintf("item type %q is not allowed", it.Type))
}

// readDIDItemLocked reads a did_order_items item; it returns nil without
// an error when the item only added validation errors.
func (s *Server) readDIDItemLocked(c *call, d *orderDraft, i int, attr map[string]json.RawMessage) (*orderItem, *apiError) {
	p := fmt.Sprintf("/data/attributes/items/%d/attributes/", i)
	for k := range attr {
		switch k {
		case "sku_id", "qty", "did_reservation_id", "available_did_id", "nanpa_prefix_id", "billing_cycles_count":
		default:
			return nil, itemError(i, k+" is not allowed")
		}
	}
	skuID, ok := rawString(attr["sku_id"])
	if !ok || skuID == "" {
		return nil, itemError(i, "sku_id is missing")
	}
	_, hasQty := attr["qty"]
	_, hasRes := attr["did_reservation_id"]
	_, hasNum := attr["available_did_id"]
	_, hasNanpa := attr["nanpa_prefix_id"]
	if n := btoi(hasQty) + btoi(hasRes) + btoi(hasNum); n != 1 {
		return nil, itemError(i, "exactly one of qty, did_reservation_id and available_did_id is needed")
	}
	if hasNanpa && !hasQty {
		return nil, itemError(i, "nanpa_prefix_id goes only with qty")
	}
	item := &orderItem{typ: "did_order_items", qty: 1, skuID: skuID}
	if raw, ok := attr["billing_cycles_count"]; ok && string(raw) != "null" {
		// Kept for the DIDs the item creates; the order's answer never carries it.
		bc, ok := rawInt(raw)
		if !ok || bc < 1 {
			return nil, itemError(i, "billing_cycles_count is not an integer of at least 1")
		}
		item.billingCycles = &bc
	}
	if raw, ok := attr["qty"]; ok {
		if qty, ok := rawInt(raw); !ok || qty < 1 {
			return nil, itemError(i, "qty is not an integer of at least 1")
		}
	}
	sku := s.idx.skus[skuID]
	if sku == nil {
		d.fail(p+"sku_id", "sku_id - is invalid")
		return nil, nil
	}
	group := s.idx.skuGroup[skuID]
	item.groupID = group.ID
	item.setup, _ = parseDecimal(sku.SetupPrice)
	item.monthly, _ = parseDecimal(sku.MonthlyPrice)
	if !group.IsAvailable {
		d.fail(p+"sku_id", "sku_id - the DID group is not available")
	}
	switch {
	case hasQty:
		return s.readQtyItem(d, p, attr, item, group), nil
	case hasRes:
		return s.readReservedItemLocked(c, d, p, attr, item, group), nil
	}
	return s.readNumberItemLocked(c, d, p, attr, item, group), nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// readQtyItem reads an item by quantity; its qty was checked to be at least 1.
func (s *Server) readQtyItem(d *orderDraft, p string, attr map[string]json.RawMessage, item *orderItem, group *DIDGroup) *orderItem {
	qty, _ := rawInt(attr["qty"])
	item.qty = qty
	if _, hasNanpa := attr["nanpa_prefix_id"]; hasNanpa {
		np, _ := rawString(attr["nanpa_prefix_id"])
		if !slices.Contains(group.NanpaPrefixIDs, np) {
			d.fail(p+"nanpa_prefix_id", "nanpa_prefix_id - is invalid for this SKU's DID group")
		}
	}
	// Saturates: quantities that add past MaxInt must not wrap into a refund of stock.
	d.stockNeeded[group.ID] = min(d.stockNeeded[group.ID], math.MaxInt-qty) + qty
	return item
}

func (s *Server) readReservedItemLocked(c *call, d *orderDraft, p string, attr map[string]json.RawMessage, item *orderItem, group *DIDGroup) *orderItem {
	resID, _ := rawString(attr["did_reservation_id"])
	r := s.ownReservationLocked(c, resID)
	if r == nil {
		d.fail(p+"did_reservation_id", "did_reservation_id - is invalid or expired")
		return nil
	}
	if s.idx.numbers[r.numberID].DIDGroupID != group.ID {
		d.fail(p+"sku_id", "sku_id - does not belong to the DID group of the reserved number")
	}
	if d.numbersSeen[r.numberID] {
		d.fail(p+"did_reservation_id", "did_reservation_id - the number is ordered twice")
	}
	d.numbersSeen[r.numberID] = true
	item.numberID = r.numberID
	d.useHolds = append(d.useHolds, r)
	d.o.numbers = append(d.o.numbers, r.numberID)
	return item
}

func (s *Server) readNumberItemLocked(c *call, d *orderDraft, p string, attr map[string]json.RawMessage, item *orderItem, group *DIDGroup) *orderItem {
	numID, _ := rawString(attr["available_did_id"])
	num := s.idx.numbers[numID]
	if num == nil || !s.visibleLocked(num, c.acct) {
		d.fail(p+"available_did_id", "available_did_id - the DID is not available")
		return nil
	}
	if num.DIDGroupID != group.ID {
		d.fail(p+"sku_id", "sku_id - does not belong to the DID group of the number")
	}
	if d.numbersSeen[numID] {
		d.fail(p+"available_did_id", "available_did_id - the number is ordered twice")
	}
	d.numbersSeen[numID] = true
	item.numberID = numID
	if r := s.heldBy[numID]; r != nil {
		d.useHolds = append(d.useHolds, r)
	}
	d.o.numbers = append(d.o.numbers, numID)
	return item
}

func (s *Server) readCapacityItem(d *orderDraft, i int, attr map[string]json.RawMessage) *apiError {
	p := fmt.Sprintf("/data/attributes/items/%d/attributes/", i)
	for k := range attr {
		if k != "qty" && k != "capacity_pool_id" {
			return itemError(i, k+" is not allowed")
		}
	}
	poolID, ok1 := rawString(attr["capacity_pool_id"])
	qty, ok2 := rawInt(attr["qty"])
	if !ok1 || !ok2 || poolID == "" {
		return itemError(i, "capacity_pool_id and qty are needed")
	}
	if qty < 1 {
		return itemError(i, "qty is not an integer of at least 1")
	}
	pool := s.idx.pools[poolID]
	if pool == nil {
		d.fail(p+"capacity_pool_id", "capacity_pool_id - is invalid")
		return nil
	}
	item := &orderItem{typ: "capacity_order_items", qty: qty, poolID: poolID}
	item.periodFrom, item.periodTo, item.share = capacityPeriod(d.o.createdAt)
	item.setup, _ = parseDecimal(pool.SetupPrice)
	item.monthly, _ = parseDecimal(pool.MonthlyPrice)
	d.o.items = append(d.o.items, item)
	return nil
}

// checkStockLocked refuses more numbers than in stock when the order does
// not allow back-ordering.
func (s *Server) checkStockLocked(d *orderDraft) {
	if d.allowBackOrdering {
		return
	}
	for _, gid := range slices.Sorted(maps.Keys(d.stockNeeded)) {
		if d.stockNeeded[gid] > s.stock[gid] {
			d.fail("/data/attributes/items", fmt.Sprintf("items - only %d numbers of DID group %s are in stock", s.stock[gid], gid))
		}
	}
}

// placeLocked charges the account and takes the numbers of a checked draft.
func (s *Server) placeLocked(c *call, d *orderDraft) {
	o := d.o
	c.acct.balance.Sub(c.acct.balance, o.amount)
	for _, r := range d.useHolds {
		s.releaseLocked(r)
	}
	for _, id := range o.numbers {
		s.sold[id] = true
	}
	for gid, n := range d.stockNeeded {
		take := min(n, s.stock[gid])
		s.stock[gid] -= take
		o.stockTaken[gid] = take
	}
	switch {
	case d.hasDID && d.hasCapacity:
		o.description = "DID, Capacity"
	case d.hasCapacity:
		o.description = "Capacity"
	default:
		o.description = "DID"
	}
	o.id = s.nextIDLocked("order")
	o.reference = reference(s.seq)
	o.status = statusPending
	c.acct.orders = append(c.acct.orders, o)
	// DID orders are fulfilled later; an order of capacity alone is complete
	// in its create answer, as the API's recorded capacity order is.
	if s.cfg.completionDelay <= 0 || !d.hasDID {
		s.finishLocked(o, statusCompleted)
	}
}

// reference makes an order reference like "KTH-650932" from a sequence number.
func reference(n int) string {
	h := uid(fmt.Sprintf("reference/%d", n))
	letters := make([]byte, 3)
	for i := range letters {
		letters[i] = 'A' + h[i]%26
	}
	return fmt.Sprintf("%s-%06d", letters, (n*7919+104729)%1000000)
}

// finishLocked moves a pending order to completed or canceled and sends its
// callback.
func (s *Server) finishLocked(o *order, status string) {
	o.status = status
	if status == statusCompleted {
		now := s.cfg.now().UTC()
		for _, it := range o.items {
			from, to := it.periodFrom, it.periodTo
			if from.IsZero() {
				from, to = now, didPeriodEnd(now)
			}
			it.billedFrom, it.billedTo = from.Format(time.DateOnly), to.Format(time.DateOnly)
		}
		s.fulfilLocked(o, now)
	}
	if o.callbackURL != "" {
		s.sendCallbackLocked(o)
	}
}

func (s *Server) updateOrder(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	// The document is checked in full before the order is looked up.
	d, e := readResource(c.body, "orders")
	if e != nil {
		return 0, nil, e
	}
	if d.ID == nil || *d.ID != id {
		var got string
		if d.ID != nil {
			got = *d.ID
		}
		return 0, nil, badRequest("109", "Key is not included in URL", "The URL does not include the key "+got+".")
	}
	var ext *string
	raw, given := d.Attributes["external_reference_id"]
	for k := range d.Attributes {
		if k != "external_reference_id" {
			return 0, nil, badRequest("105", "Param not allowed", k+" is not allowed.")
		}
	}
	if given && string(raw) != "null" {
		v, ok := rawString(raw)
		if !ok {
			return 0, nil, badRequest("103", "Invalid field value", "external_reference_id must be a string.")
		}
		if utf8.RuneCountInString(v) > 100 {
			return 0, nil, validation("/data/attributes/external_reference_id", "external_reference_id - is too long (maximum is 100 characters)")
		}
		ext = &v
	}
	o := s.ownOrderLocked(c, id)
	if o == nil {
		return 0, nil, notFound(id)
	}
	if given {
		o.externalReferenceID = ext
	}
	data, _ := c.render.build([]*obj{s.orderObj(o)}, nil)
	return http.StatusOK, &document{Data: data[0], Meta: map[string]any{"api_version": c.version}}, nil
}

// cancelOrder cancels a pending DID order, refunding it and putting its
// numbers back; anything else is 422.
func (s *Server) cancelOrder(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	o := s.ownOrderLocked(c, id)
	if o == nil {
		return 0, nil, notFound(id)
	}
	if o.status != statusPending {
		return 0, nil, validation("/data/attributes/status", "Only pending orders can be canceled; this one is "+o.status)
	}
	for _, it := range o.items {
		if it.typ != "did_order_items" {
			return 0, nil, validation("/data/attributes/items", "Only DID orders can be canceled")
		}
	}
	c.acct.balance.Add(c.acct.balance, o.amount)
	for _, n := range o.numbers {
		delete(s.sold, n)
	}
	for gid, n := range o.stockTaken {
		s.stock[gid] += n
	}
	s.finishLocked(o, statusCanceled)
	return http.StatusNoContent, nil, nil
}
