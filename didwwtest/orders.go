package didwwtest

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	statusPending   = "pending"
	statusCompleted = "completed"
	statusCanceled  = "canceled"
)

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
	typ                string
	qty                int
	setup, monthly     *big.Rat // per unit
	groupID, poolID    string
	billedFrom         string
	billedTo           string
	billingCyclesCount *int
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
		qty := big.NewRat(int64(it.qty), 1)
		nrc := formatDecimal(new(big.Rat).Mul(it.setup, qty))
		mrc := formatDecimal(new(big.Rat).Mul(it.monthly, qty))
		attrs := map[string]any{
			"qty": it.qty, "nrc": nrc, "mrc": mrc, "prorated_mrc": false,
			"billed_from": nullable(it.billedFrom), "billed_to": nullable(it.billedTo),
		}
		if it.typ == "did_order_items" {
			attrs["did_group_id"] = nullable(it.groupID)
			attrs["setup_price"] = nrc
			attrs["monthly_price"] = mrc
			if it.billingCyclesCount != nil {
				attrs["billing_cycles_count"] = *it.billingCyclesCount
			}
		} else {
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

// itemError is the 400 the API gives for a malformed order item.
func itemError(i int, detail string) *apiError {
	e := badRequest("400", "Bad request", fmt.Sprintf("items[%d]: %s: required item data missing or not allowed", i, detail))
	e.errs[0].Source = &errorSource{Pointer: fmt.Sprintf("/data/attributes/items/%d", i)}
	return e
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
	o := &order{acct: c.acct, createdAt: c.now, amount: new(big.Rat), stockTaken: map[string]int{}}
	var rawItems []itemRequest
	allowBackOrdering := true
	var verrs []errorObject
	fail := func(pointer, detail string) {
		verrs = append(verrs, errorObject{Title: detail, Detail: detail, Code: "100", Status: "422", Source: &errorSource{Pointer: pointer}})
	}
	for k, v := range d.Attributes {
		bad := false
		switch k {
		case "items":
			bad = json.Unmarshal(v, &rawItems) != nil
		case "allow_back_ordering":
			bad = json.Unmarshal(v, &allowBackOrdering) != nil
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
			return 0, nil, badRequest("105", "Param not allowed", k+" is not allowed.")
		}
		if bad {
			return 0, nil, badRequest("103", "Invalid field value", k+" has the wrong type.")
		}
	}
	if len(rawItems) == 0 {
		fail("/data/attributes/items", "items - can't be blank")
	}
	if o.callbackURL != "" {
		u, err := url.Parse(o.callbackURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fail("/data/attributes/callback_url", "callback_url - is not a valid URL")
		}
	}
	if o.callbackMethod != "" {
		o.callbackMethod = strings.ToLower(o.callbackMethod)
		if o.callbackMethod != "get" && o.callbackMethod != "post" {
			fail("/data/attributes/callback_method", "callback_method - is not included in the list")
		}
	}
	if o.externalReferenceID != nil && utf8.RuneCountInString(*o.externalReferenceID) > 100 {
		fail("/data/attributes/external_reference_id", "external_reference_id - is too long (maximum is 100 characters)")
	}

	var useHolds []*reservation
	numbersSeen := map[string]bool{}
	stockNeeded := map[string]int{}
	hasDID, hasCapacity := false, false
	for i, it := range rawItems {
		p := fmt.Sprintf("/data/attributes/items/%d/attributes/", i)
		attr := it.Attributes
		switch it.Type {
		case "did_order_items":
			hasDID = true
			for k := range attr {
				switch k {
				case "sku_id", "qty", "did_reservation_id", "available_did_id", "nanpa_prefix_id", "billing_cycles_count":
				default:
					return 0, nil, itemError(i, k+" is not allowed")
				}
			}
			skuID, ok := rawString(attr["sku_id"])
			if !ok || skuID == "" {
				return 0, nil, itemError(i, "sku_id is missing")
			}
			_, hasQty := attr["qty"]
			_, hasRes := attr["did_reservation_id"]
			_, hasNum := attr["available_did_id"]
			_, hasNanpa := attr["nanpa_prefix_id"]
			n := 0
			for _, b := range []bool{hasQty, hasRes, hasNum} {
				if b {
					n++
				}
			}
			if n != 1 {
				return 0, nil, itemError(i, "exactly one of qty, did_reservation_id and available_did_id is needed")
			}
			if hasNanpa && !hasQty {
				return 0, nil, itemError(i, "nanpa_prefix_id goes only with qty")
			}
			item := &orderItem{typ: it.Type, qty: 1}
			if raw, ok := attr["billing_cycles_count"]; ok && string(raw) != "null" {
				bc, ok := rawInt(raw)
				if !ok {
					return 0, nil, itemError(i, "billing_cycles_count is not an integer")
				}
				if bc < 1 {
					fail(p+"billing_cycles_count", "billing_cycles_count - must be greater than 0")
				}
				item.billingCyclesCount = &bc
			}
			sku := s.idx.skus[skuID]
			if sku == nil {
				fail(p+"sku_id", "sku_id - is invalid")
				continue
			}
			group := s.idx.skuGroup[skuID]
			item.groupID = group.ID
			item.setup, _ = parseDecimal(sku.SetupPrice)
			item.monthly, _ = parseDecimal(sku.MonthlyPrice)
			if !group.IsAvailable {
				fail(p+"sku_id", "sku_id - the DID group is not available")
			}
			switch {
			case hasQty:
				qty, ok := rawInt(attr["qty"])
				if !ok {
					return 0, nil, itemError(i, "qty is not an integer")
				}
				if qty < 1 {
					fail(p+"qty", "qty - must be greater than 0")
					continue
				}
				item.qty = qty
				if hasNanpa {
					np, _ := rawString(attr["nanpa_prefix_id"])
					linked := false
					for _, id := range group.NanpaPrefixIDs {
						linked = linked || id == np
					}
					if !linked {
						fail(p+"nanpa_prefix_id", "nanpa_prefix_id - is invalid for this SKU's DID group")
					}
				}
				// Saturates: quantities that add past MaxInt must not wrap into a refund of stock.
				stockNeeded[group.ID] = min(stockNeeded[group.ID], math.MaxInt-qty) + qty
			case hasRes:
				resID, _ := rawString(attr["did_reservation_id"])
				r := s.ownReservationLocked(c, resID)
				if r == nil {
					fail(p+"did_reservation_id", "did_reservation_id - is invalid or expired")
					continue
				}
				if s.idx.numbers[r.numberID].DIDGroupID != group.ID {
					fail(p+"sku_id", "sku_id - does not belong to the DID group of the reserved number")
				}
				if numbersSeen[r.numberID] {
					fail(p+"did_reservation_id", "did_reservation_id - the number is ordered twice")
				}
				numbersSeen[r.numberID] = true
				useHolds = append(useHolds, r)
				o.numbers = append(o.numbers, r.numberID)
			case hasNum:
				numID, _ := rawString(attr["available_did_id"])
				num := s.idx.numbers[numID]
				if num == nil || !s.visibleLocked(num, c.acct) {
					fail(p+"available_did_id", "available_did_id - the DID is not available")
					continue
				}
				if num.DIDGroupID != group.ID {
					fail(p+"sku_id", "sku_id - does not belong to the DID group of the number")
				}
				if numbersSeen[numID] {
					fail(p+"available_did_id", "available_did_id - the number is ordered twice")
				}
				numbersSeen[numID] = true
				if r := s.heldBy[numID]; r != nil {
					useHolds = append(useHolds, r)
				}
				o.numbers = append(o.numbers, numID)
			}
			o.items = append(o.items, item)
		case "capacity_order_items":
			hasCapacity = true
			for k := range attr {
				if k != "qty" && k != "capacity_pool_id" {
					return 0, nil, itemError(i, k+" is not allowed")
				}
			}
			poolID, ok1 := rawString(attr["capacity_pool_id"])
			qty, ok2 := rawInt(attr["qty"])
			if !ok1 || !ok2 || poolID == "" {
				return 0, nil, itemError(i, "capacity_pool_id and qty are needed")
			}
			pool := s.idx.pools[poolID]
			if pool == nil {
				fail(p+"capacity_pool_id", "capacity_pool_id - is invalid")
				continue
			}
			if qty < 1 {
				fail(p+"qty", "qty - must be greater than 0")
				continue
			}
			item := &orderItem{typ: it.Type, qty: qty, poolID: poolID}
			item.setup, _ = parseDecimal(pool.SetupPrice)
			item.monthly, _ = parseDecimal(pool.MonthlyPrice)
			o.items = append(o.items, item)
		default:
			return 0, nil, itemError(i, fmt.Sprintf("item type %q is not allowed", it.Type))
		}
	}
	for gid, n := range stockNeeded {
		if n > s.stock[gid] && !allowBackOrdering {
			fail("/data/attributes/items", fmt.Sprintf("items - only %d numbers of DID group %s are in stock", s.stock[gid], gid))
		}
	}
	if len(verrs) > 0 {
		return 0, nil, &apiError{status: http.StatusUnprocessableEntity, errs: verrs}
	}

	for _, it := range o.items {
		unit := new(big.Rat).Add(it.setup, it.monthly)
		o.amount.Add(o.amount, unit.Mul(unit, big.NewRat(int64(it.qty), 1)))
	}
	if o.amount.Cmp(c.acct.balance) > 0 {
		e := badRequest("400", "Insufficient funds", "Insufficient funds")
		e.errs[0].Meta = map[string]any{"amount": formatDecimal(o.amount), "balance": formatMoney(c.acct.balance)}
		return 0, nil, e
	}

	// Everything checked: charge and take the numbers, all under the lock.
	c.acct.balance.Sub(c.acct.balance, o.amount)
	for _, r := range useHolds {
		s.releaseLocked(r)
	}
	for _, id := range o.numbers {
		s.sold[id] = true
	}
	for gid, n := range stockNeeded {
		take := min(n, s.stock[gid])
		s.stock[gid] -= take
		o.stockTaken[gid] = take
	}
	switch {
	case hasDID && hasCapacity:
		o.description = "DID, Capacity"
	case hasCapacity:
		o.description = "Capacity"
	default:
		o.description = "DID"
	}
	o.id = s.nextIDLocked("order")
	o.reference = reference(s.seq)
	o.status = statusPending
	c.acct.orders = append(c.acct.orders, o)
	if s.cfg.completionDelay <= 0 {
		s.finishLocked(o, statusCompleted)
	}
	data, _ := c.render.build([]*obj{s.orderObj(o)}, nil)
	return http.StatusCreated, &document{Data: data[0], Meta: map[string]any{"api_version": c.version}}, nil
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
			it.billedFrom = now.Format(time.DateOnly)
			it.billedTo = now.AddDate(0, 1, -1).Format(time.DateOnly)
		}
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
