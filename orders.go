package didww

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/didww-go/didww/internal/jsonapi"
)

// OrdersService places, reads and cancels orders: the calls that cost money.
type OrdersService service

// OrderStatus is the state of an order. Decoding is case-insensitive (older
// API versions write "Pending"); unknown values are kept as sent.
type OrderStatus string

// Order statuses the API documents.
const (
	OrderStatusPending   OrderStatus = "pending"
	OrderStatusCompleted OrderStatus = "completed"
	OrderStatusCanceled  OrderStatus = "canceled"
)

// Final reports whether the status is one an order does not leave:
// completed or canceled. An empty or unknown status is not final.
func (s OrderStatus) Final() bool { return s == OrderStatusCompleted || s == OrderStatusCanceled }

// parseOrderStatus maps any casing of a known status to its constant and
// keeps anything else verbatim.
func parseOrderStatus(s string) OrderStatus {
	for _, known := range []OrderStatus{OrderStatusPending, OrderStatusCompleted, OrderStatusCanceled} {
		if strings.EqualFold(s, string(known)) {
			return known
		}
	}
	return OrderStatus(s)
}

// UnmarshalJSON reads a status in any casing.
func (s *OrderStatus) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("order status: %w", err)
	}
	*s = parseOrderStatus(v)
	return nil
}

// CallbackMethod is the HTTP method of an order callback. Decoding is
// case-insensitive (older API versions write "GET"); unknown values are kept.
type CallbackMethod string

// Callback methods the API documents.
const (
	CallbackGET  CallbackMethod = "get"
	CallbackPOST CallbackMethod = "post"
)

func parseCallbackMethod(s string) CallbackMethod {
	for _, known := range []CallbackMethod{CallbackGET, CallbackPOST} {
		if strings.EqualFold(s, string(known)) {
			return known
		}
	}
	return CallbackMethod(s)
}

// UnmarshalJSON reads a callback method in any casing.
func (m *CallbackMethod) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("callback method: %w", err)
	}
	*m = parseCallbackMethod(v)
	return nil
}

// Order is a purchase. It is charged when placed and may complete later:
// poll with Wait, or set a callback URL.
type Order struct {
	ID string `didww:"primary,orders"`
	// Reference is DIDWW's reference, such as "KTH-650932".
	Reference string `didww:"attr,reference,required"`
	// Description says what was ordered, such as "DID".
	Description string `didww:"attr,description,required"`
	// Amount is the total charged, VAT included.
	Amount    Decimal     `didww:"attr,amount,required"`
	Status    OrderStatus `didww:"attr,status,required"`
	CreatedAt time.Time   `didww:"attr,created_at,required"`
	// CallbackURL and CallbackMethod are empty when the order has no callback.
	CallbackURL    string         `didww:"attr,callback_url"`
	CallbackMethod CallbackMethod `didww:"attr,callback_method"`
	// ExternalReferenceID is the caller's own reference; empty when none.
	ExternalReferenceID string `didww:"attr,external_reference_id"`
	// There is no AllowBackOrdering: it is a request field only, and no
	// answer carries it.
	// Items holds every item of the order, of every type.
	Items []OrderItem `didww:"attr,items,required"`
}

// Order item types the API documents.
const (
	OrderItemDID       = "did_order_items"
	OrderItemCapacity  = "capacity_order_items"
	OrderItemEmergency = "emergency_order_items"
	// OrderItemGeneric is a charge of no other type: under API version
	// 2026-04-16 the older form of an emergency charge, from 2026-11-19 on
	// any other charge, such as a Sender ID verification. Its attributes
	// are the common ones (Qty, NRC, MRC, ProratedMRC, the billing dates)
	// and carry no id of what was charged.
	OrderItemGeneric = "generic_order_items"
)

// OrderItem is one line of an order as the API answers it. Every item is
// kept: for the four documented types the typed fields are filled (a wrong
// shape is a decoding error); for a type this version does not know they are
// filled when its attributes have the documented shapes and left zero
// otherwise. Attributes always holds the item's raw attributes.
type OrderItem struct {
	// Type is the item type, such as OrderItemDID ("did_order_items").
	Type string
	Qty  int
	// NRC is the one-off charge and MRC the monthly one, VAT included.
	NRC, MRC Decimal
	// SetupPrice and MonthlyPrice are the deprecated aliases of NRC and MRC.
	SetupPrice, MonthlyPrice Decimal
	ProratedMRC              bool
	// BilledFrom and BilledTo are dates ("2026-04-16"), empty until the item is filled.
	BilledFrom, BilledTo string
	// The ids below are those the item carries (DIDGroupID on DID items,
	// CapacityPoolID on capacity items, EmergencyCallingServiceID on
	// emergency items); empty when absent or null. The request's sku_id,
	// available_did_id, did_reservation_id, nanpa_prefix_id and
	// billing_cycles_count are never sent back, so they have no field.
	DIDGroupID, CapacityPoolID, EmergencyCallingServiceID string
	// Attributes are the item's attributes as received.
	Attributes json.RawMessage
}

// orderItemAttributes are the attributes of any order item type.
type orderItemAttributes struct {
	Qty                       int     `json:"qty"`
	NRC                       Decimal `json:"nrc"`
	MRC                       Decimal `json:"mrc"`
	SetupPrice                Decimal `json:"setup_price"`
	MonthlyPrice              Decimal `json:"monthly_price"`
	ProratedMRC               bool    `json:"prorated_mrc"`
	BilledFrom                *string `json:"billed_from"`
	BilledTo                  *string `json:"billed_to"`
	DIDGroupID                *string `json:"did_group_id"`
	CapacityPoolID            *string `json:"capacity_pool_id"`
	EmergencyCallingServiceID *string `json:"emergency_calling_service_id"`
}

// UnmarshalJSON reads one {type, attributes} item. An item that is not an
// object, has no type, or has attributes that are not an object is an error.
func (it *OrderItem) UnmarshalJSON(b []byte) error {
	var wire struct {
		Type       *string         `json:"type"`
		Attributes json.RawMessage `json:"attributes"`
	}
	if err := json.Unmarshal(b, &wire); err != nil {
		return fmt.Errorf("order item: %w", err)
	}
	if wire.Type == nil || *wire.Type == "" {
		return errors.New("order item: no type")
	}
	attrs := bytes.TrimSpace(wire.Attributes)
	if len(attrs) == 0 || attrs[0] != '{' {
		return fmt.Errorf("order item %q: attributes are not an object", *wire.Type)
	}
	var a orderItemAttributes
	err := json.Unmarshal(attrs, &a)
	switch *wire.Type {
	case OrderItemDID, OrderItemCapacity, OrderItemEmergency, OrderItemGeneric:
		if err != nil {
			return fmt.Errorf("order item %q: %w", *wire.Type, err)
		}
		// Every documented item carries both amounts (null is refused above).
		if a.NRC == "" || a.MRC == "" {
			absent := map[bool]string{true: "nrc", false: "mrc"}[a.NRC == ""]
			return fmt.Errorf("order item %q: required attribute %q is absent", *wire.Type, absent)
		}
	default:
		if err != nil {
			a = orderItemAttributes{} // unknown shape: keep it raw only
		}
	}
	*it = OrderItem{
		Type: *wire.Type, Qty: a.Qty, NRC: a.NRC, MRC: a.MRC, SetupPrice: a.SetupPrice, MonthlyPrice: a.MonthlyPrice,
		ProratedMRC: a.ProratedMRC, BilledFrom: deref(a.BilledFrom), BilledTo: deref(a.BilledTo),
		DIDGroupID: deref(a.DIDGroupID), CapacityPoolID: deref(a.CapacityPoolID),
		EmergencyCallingServiceID: deref(a.EmergencyCallingServiceID),
		Attributes:                append(json.RawMessage(nil), attrs...),
	}
	return nil
}

// deref is *p, or the zero value when p is nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// OrderListOptions filters GET /orders.
type OrderListOptions struct {
	ListOptions
	ID                  []string
	Status              OrderStatus
	Reference           string
	ExternalReferenceID string
	// CreatedAfter and CreatedBefore bound created_at, both inclusive
	// (created_at_gteq, created_at_lteq); zero means unbounded.
	CreatedAfter, CreatedBefore time.Time
	// Sort keys: amount, created_at, external_reference_id, reference, status.
	Sort  []string
	Extra url.Values
}

var orderSorts = []string{"amount", "created_at", "external_reference_id", "reference", "status"}

func (o *OrderListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("status", string(o.Status))
		q.filter("reference", o.Reference)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.filterTime("created_at_gteq", o.CreatedAfter)
		q.filterTime("created_at_lteq", o.CreatedBefore)
		if !o.CreatedAfter.IsZero() && !o.CreatedBefore.IsZero() && o.CreatedBefore.Before(o.CreatedAfter) {
			q.fail("CreatedBefore", "is before CreatedAfter")
		}
		q.sort(o.Sort, orderSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's orders.
func (s *OrdersService) List(ctx context.Context, opts *OrderListOptions) (*Page[Order], error) {
	return listOf[Order](ctx, s.client, "/orders", opts)
}

// All yields every order matching opts, page after page.
func (s *OrdersService) All(ctx context.Context, opts *OrderListOptions) iter.Seq2[*Order, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one order. Orders have no relationships: opts.Include must be empty.
func (s *OrdersService) Get(ctx context.Context, id string, opts *GetOptions) (*Order, error) {
	o, _, err := getByID[Order](ctx, s.client, "orders", id, opts, nil)
	return o, err
}

// Bool returns a pointer to v, for optional fields such as AllowBackOrdering.
func Bool(v bool) *bool { return &v }

// Int returns a pointer to v, for optional fields such as BillingCyclesCount.
func Int(v int) *int { return &v }

// maxExternalReferenceID is the documented length limit of external_reference_id.
const maxExternalReferenceID = 100

// OrderCreateRequest is the body of POST /orders.
type OrderCreateRequest struct {
	// Items are what to buy; at least one.
	Items []OrderItemRequest
	// AllowBackOrdering false refuses the order when some numbers are not in
	// stock; nil leaves the API's default (true).
	AllowBackOrdering *bool
	// CallbackURL, an absolute http(s) URL, is called when the order
	// completes or is canceled, with CallbackMethod (get or post).
	CallbackURL    string
	CallbackMethod CallbackMethod
	// ExternalReferenceID is the caller's own reference: at most 100
	// characters, no comma, no leading or trailing spaces. Setting it, unique
	// per order, lets Create settle an ambiguous failure: see Create.
	ExternalReferenceID string
}

// OrderItemRequest is one item of an OrderCreateRequest: SKUOrderItem,
// AvailableDIDOrderItem, ReservationOrderItem, CapacityOrderItem or
// EmergencyOrderItem (values or pointers). No other type implements it.
type OrderItemRequest interface {
	orderItem(field string) (orderItemWire, error)
}

// SKUOrderItem buys Qty numbers of a SKU, optionally only numbers of a NANPA
// prefix (US and Canada).
type SKUOrderItem struct {
	SKUID         string
	Qty           int
	NanpaPrefixID string
	// BillingCyclesCount releases the numbers after that many billing
	// cycles; nil renews indefinitely.
	BillingCyclesCount *int
}

// AvailableDIDOrderItem buys one specific available number with a SKU of its DID group.
type AvailableDIDOrderItem struct {
	SKUID, AvailableDIDID string
	BillingCyclesCount    *int
}

// ReservationOrderItem buys the number held by a reservation with a SKU of its DID group.
type ReservationOrderItem struct {
	SKUID, DIDReservationID string
	BillingCyclesCount      *int
}

// CapacityOrderItem buys Qty channels for a capacity pool.
type CapacityOrderItem struct {
	CapacityPoolID string
	Qty            int
}

// EmergencyOrderItem orders Qty terms of an emergency calling service, as
// {"type":"emergency_order_items","attributes":{"emergency_calling_service_id",
// "qty"}}: the shape DIDWW's SDKs send and the answers' emergency items
// carry. DIDWW's OpenAPI request schema does not list it, and DIDWW creates
// the order of a new service itself when its verification is approved
// (EmergencyVerifications.Create), so the API may refuse this item; the
// refusal is a plain 4xx error.
type EmergencyOrderItem struct {
	EmergencyCallingServiceID string
	Qty                       int
}

func (i EmergencyOrderItem) orderItem(f string) (orderItemWire, error) {
	if err := checkID(f+".emergency_calling_service_id", i.EmergencyCallingServiceID); err != nil {
		return orderItemWire{}, err
	}
	if i.Qty < 1 {
		return orderItemWire{}, invalid(f+".qty", "is %d; it must be at least 1", i.Qty)
	}
	return orderItemWire{Type: OrderItemEmergency, Attributes: emergencyOrderItemAttributes(i)}, nil
}

type emergencyOrderItemAttributes struct {
	EmergencyCallingServiceID string `json:"emergency_calling_service_id"`
	Qty                       int    `json:"qty"`
}

// orderItemWire is one request item as sent.
type orderItemWire struct {
	Type       string `json:"type"`
	Attributes any    `json:"attributes"`
}

type didOrderItemAttributes struct {
	SKUID              string `json:"sku_id"`
	Qty                int    `json:"qty,omitempty"`
	AvailableDIDID     string `json:"available_did_id,omitempty"`
	DIDReservationID   string `json:"did_reservation_id,omitempty"`
	NanpaPrefixID      string `json:"nanpa_prefix_id,omitempty"`
	BillingCyclesCount *int   `json:"billing_cycles_count,omitempty"`
}

type capacityOrderItemAttributes struct {
	CapacityPoolID string `json:"capacity_pool_id"`
	Qty            int    `json:"qty"`
}

func checkID(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(field, "is empty")
	}
	return nil
}

func checkCycles(field string, n *int) error {
	if n != nil && *n < 1 {
		return invalid(field, "is %d; it must be at least 1, or nil to renew indefinitely", *n)
	}
	return nil
}

func (i SKUOrderItem) orderItem(f string) (orderItemWire, error) {
	if err := checkID(f+".sku_id", i.SKUID); err != nil {
		return orderItemWire{}, err
	}
	if i.Qty < 1 {
		return orderItemWire{}, invalid(f+".qty", "is %d; it must be at least 1", i.Qty)
	}
	if i.NanpaPrefixID != "" {
		if err := checkID(f+".nanpa_prefix_id", i.NanpaPrefixID); err != nil {
			return orderItemWire{}, err
		}
	}
	if err := checkCycles(f+".billing_cycles_count", i.BillingCyclesCount); err != nil {
		return orderItemWire{}, err
	}
	return orderItemWire{Type: OrderItemDID, Attributes: didOrderItemAttributes{
		SKUID: i.SKUID, Qty: i.Qty, NanpaPrefixID: i.NanpaPrefixID, BillingCyclesCount: i.BillingCyclesCount,
	}}, nil
}

func (i AvailableDIDOrderItem) orderItem(f string) (orderItemWire, error) {
	if err := checkID(f+".sku_id", i.SKUID); err != nil {
		return orderItemWire{}, err
	}
	if err := checkID(f+".available_did_id", i.AvailableDIDID); err != nil {
		return orderItemWire{}, err
	}
	if err := checkCycles(f+".billing_cycles_count", i.BillingCyclesCount); err != nil {
		return orderItemWire{}, err
	}
	return orderItemWire{Type: OrderItemDID, Attributes: didOrderItemAttributes{
		SKUID: i.SKUID, AvailableDIDID: i.AvailableDIDID, BillingCyclesCount: i.BillingCyclesCount,
	}}, nil
}

func (i ReservationOrderItem) orderItem(f string) (orderItemWire, error) {
	if err := checkID(f+".sku_id", i.SKUID); err != nil {
		return orderItemWire{}, err
	}
	if err := checkID(f+".did_reservation_id", i.DIDReservationID); err != nil {
		return orderItemWire{}, err
	}
	if err := checkCycles(f+".billing_cycles_count", i.BillingCyclesCount); err != nil {
		return orderItemWire{}, err
	}
	return orderItemWire{Type: OrderItemDID, Attributes: didOrderItemAttributes{
		SKUID: i.SKUID, DIDReservationID: i.DIDReservationID, BillingCyclesCount: i.BillingCyclesCount,
	}}, nil
}

func (i CapacityOrderItem) orderItem(f string) (orderItemWire, error) {
	if err := checkID(f+".capacity_pool_id", i.CapacityPoolID); err != nil {
		return orderItemWire{}, err
	}
	if i.Qty < 1 {
		return orderItemWire{}, invalid(f+".qty", "is %d; it must be at least 1", i.Qty)
	}
	return orderItemWire{Type: OrderItemCapacity, Attributes: capacityOrderItemAttributes(i)}, nil
}

// orderCreateDocument is the JSON:API body of POST /orders, written by
// google/jsonapi (see encodeDocument).
type orderCreateDocument struct {
	ID                  string          `jsonapi:"primary,orders"`
	Items               []orderItemWire `jsonapi:"attr,items"`
	AllowBackOrdering   *bool           `jsonapi:"attr,allow_back_ordering,omitempty"`
	CallbackURL         string          `jsonapi:"attr,callback_url,omitempty"`
	CallbackMethod      CallbackMethod  `jsonapi:"attr,callback_method,omitempty"`
	ExternalReferenceID string          `jsonapi:"attr,external_reference_id,omitempty"`
}

// encodeDocument writes a request document with google/jsonapi.
func encodeDocument(doc any) ([]byte, error) {
	b, err := jsonapi.MarshalDocument(doc)
	if err != nil {
		return nil, fmt.Errorf("didww: encoding the request: %w", err)
	}
	return b, nil
}

// body checks the request as the API documents it and returns its JSON.
func (req *OrderCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if len(req.Items) == 0 {
		return nil, invalid("items", "is empty; an order needs at least one item")
	}
	a := &orderCreateDocument{}
	held := map[string]string{} // reserved or specific number -> field naming it first
	for i, item := range req.Items {
		field := fmt.Sprintf("items[%d]", i)
		item, err := derefItem(field, item)
		if err != nil {
			return nil, err
		}
		w, err := item.orderItem(field)
		if err != nil {
			return nil, err
		}
		if d, ok := w.Attributes.(didOrderItemAttributes); ok {
			for name, id := range map[string]string{"available_did_id": d.AvailableDIDID, "did_reservation_id": d.DIDReservationID} {
				if id == "" {
					continue
				}
				if first, dup := held[name+"="+id]; dup {
					return nil, invalid(field+"."+name, "%q is already ordered by %s", id, first)
				}
				held[name+"="+id] = field
			}
		}
		a.Items = append(a.Items, w)
	}
	a.AllowBackOrdering = req.AllowBackOrdering
	if req.CallbackURL != "" {
		if err := checkCallbackURL(req.CallbackURL); err != nil {
			return nil, err
		}
		a.CallbackURL = req.CallbackURL
	}
	if req.CallbackMethod != "" {
		m := parseCallbackMethod(string(req.CallbackMethod))
		if m != CallbackGET && m != CallbackPOST {
			return nil, invalid("callback_method", "is %q; it must be %q or %q", req.CallbackMethod, CallbackGET, CallbackPOST)
		}
		if req.CallbackURL == "" {
			return nil, invalid("callback_method", "is set without a callback_url")
		}
		a.CallbackMethod = m
	}
	if req.ExternalReferenceID != "" {
		if err := checkExternalReferenceID(req.ExternalReferenceID); err != nil {
			return nil, err
		}
		a.ExternalReferenceID = req.ExternalReferenceID
	}
	return encodeDocument(a)
}

// derefItem turns a pointer item into its value, refusing nil.
func derefItem(field string, item OrderItemRequest) (OrderItemRequest, error) {
	var isNil bool
	switch v := item.(type) {
	case nil:
		isNil = true
	case *SKUOrderItem:
		if isNil = v == nil; !isNil {
			return *v, nil
		}
	case *AvailableDIDOrderItem:
		if isNil = v == nil; !isNil {
			return *v, nil
		}
	case *ReservationOrderItem:
		if isNil = v == nil; !isNil {
			return *v, nil
		}
	case *CapacityOrderItem:
		if isNil = v == nil; !isNil {
			return *v, nil
		}
	case *EmergencyOrderItem:
		if isNil = v == nil; !isNil {
			return *v, nil
		}
	}
	if isNil {
		return nil, invalid(field, "is nil")
	}
	return item, nil
}

func checkCallbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return invalid("callback_url", "is not a URL: %v", errors.Unwrap(err))
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalid("callback_url", "%q is not an absolute http(s) URL", raw)
	}
	return nil
}

func checkExternalReferenceID(ref string) error {
	if n := utf8.RuneCountInString(ref); n > maxExternalReferenceID {
		return invalid("external_reference_id", "is %d characters long; the API allows %d", n, maxExternalReferenceID)
	}
	if !utf8.ValidString(ref) {
		return invalid("external_reference_id", "is not valid UTF-8")
	}
	// The lookup that settles an ambiguous Create filters by the reference:
	// the API reads a comma there as "any of", and may trim spaces.
	if strings.Contains(ref, ",") {
		return invalid("external_reference_id", "%q contains a comma, which a lookup by reference cannot match", ref)
	}
	if strings.TrimSpace(ref) != ref {
		return invalid("external_reference_id", "%q has leading or trailing spaces", ref)
	}
	return nil
}

// Create places an order. The request is checked first (an error wrapping
// ErrInvalidRequest names the field, and nothing is sent).
//
// POST /orders is never retried after it may have reached the server, and
// Create's answer is one of three:
//   - the order, nil: it was placed (found by its reference when the POST's
//     own answer was lost);
//   - nil, a plain error: no order was placed. Only a request refused before
//     sending, one that provably never reached the server, or a definitive
//     4xx refusal by the API (other than 408) ends so. Calling Create again
//     is safe.
//   - nil, an *OrderOutcomeError (errors.Is ErrOutcomeUnknown): the order may
//     exist. This is every other failure: a timeout, a connection lost after
//     sending, a 5xx, a 2xx without a usable order, when looking the order
//     up by ExternalReferenceID did not find it (or there is no reference).
//     Settle it with FindByExternalReference before ordering again.
//
// The lookup runs at once and then up to four more times, the waits growing
// as the client's retry policy backs off (about 2 to 4 seconds in all with
// DefaultRetryPolicy, each wait at most 2 seconds), so that an order the
// server applies a little late is still found; it stops when ctx ends.
func (s *OrdersService) Create(ctx context.Context, req *OrderCreateRequest) (*Order, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	r := &request{method: "POST", path: "/orders", body: body}
	resp, err := s.client.do(ctx, r)
	if err == nil {
		o, _, derr := decodeOne[Order](r, resp)
		if derr == nil {
			return o, nil
		}
		err = unusable2xx(r, resp, derr)
	} else if !outcomeUnknown(err) {
		return nil, err
	}
	ref := req.ExternalReferenceID
	oe := &OrderOutcomeError{ExternalReferenceID: ref, Err: err}
	if ref == "" {
		return nil, oe
	}
	found, misses, lerr := lookAgain(ctx, s.client, func(ctx context.Context) (*Order, error) {
		return s.findByExternalReference(ctx, ref)
	})
	if found != nil {
		return found, nil
	}
	oe.Lookups, oe.LookupErr = misses, lerr
	return nil, oe
}

// FindByExternalReference returns the newest order whose external reference
// is ref, or an error wrapping ErrNotFound when there is none. It settles an
// *OrderOutcomeError: an order found is the one the failed Create placed.
// When none is found, no order with ref exists yet; a POST still travelling
// or queued at the server could in principle create it later, so after an
// OrderOutcomeError let a little time pass (seconds, not milliseconds)
// before a miss is taken as "not placed" and the order is placed again.
func (s *OrdersService) FindByExternalReference(ctx context.Context, ref string) (*Order, error) {
	if ref == "" {
		return nil, invalid("external_reference_id", "is empty")
	}
	if err := checkExternalReferenceID(ref); err != nil {
		return nil, err
	}
	o, err := s.findByExternalReference(ctx, ref)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, fmt.Errorf("%w: no order with external reference %q", ErrNotFound, ref)
	}
	return o, nil
}

// findByExternalReference returns the newest order with ref, or nil.
func (s *OrdersService) findByExternalReference(ctx context.Context, ref string) (*Order, error) {
	p, err := s.List(ctx, &OrderListOptions{
		ListOptions:         ListOptions{PageSize: 1},
		ExternalReferenceID: ref,
		Sort:                []string{"-created_at"},
	})
	if err != nil {
		return nil, err
	}
	for _, o := range p.Items {
		if o.ExternalReferenceID == ref {
			return o, nil
		}
	}
	return nil, nil
}

// Settling a write whose outcome is unknown: how often and how long to look.
const (
	settleLookups = 5
	maxSettleWait = 2 * time.Second
)

// lookAgain calls find until it finds something or fails, at most
// settleLookups times, waiting the retry policy's backoff (at most
// maxSettleWait) between calls, and stops early when ctx ends. It returns
// what was found, how many calls found nothing, and a failed call's error.
func lookAgain[T any](ctx context.Context, c *Client, find func(context.Context) (*T, error)) (*T, int, error) {
	misses := 0
	for i := range settleLookups {
		if i > 0 && sleep(ctx, min(c.cfg.retry.backoff(i, 0), maxSettleWait)) != nil {
			break
		}
		if ctx.Err() != nil {
			break
		}
		v, err := find(ctx)
		if err != nil || v != nil {
			return v, misses, err
		}
		misses++
	}
	return nil, misses, nil
}

// unusable2xx is the error of a 2xx answer to a write that holds no usable
// resource (null or empty data, an errors document, garbage). The write was
// most likely carried out, so the error is a DecodeError whose cause keeps
// only the text: it must not read as ErrNotFound or as an API refusal.
func unusable2xx(r *request, resp *response, err error) error {
	var de *DecodeError
	if errors.As(err, &de) {
		return err
	}
	return newDecodeError(r, resp, fmt.Errorf("a success status without the resource written: %s", err.Error()))
}

// outcomeUnknown reports whether a write that failed without a 2xx answer
// may nevertheless have been carried out: anything but a refusal before
// sending, a request that never reached the server, or a 4xx (other than
// 408) from the API.
func outcomeUnknown(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		s := apiErr.StatusCode
		return s < 400 || s >= 500 || s == http.StatusRequestTimeout
	}
	var te *transportError
	if errors.As(err, &te) {
		return !neverSent(te.err)
	}
	// A 2xx whose body could not be read in full; anything else failed
	// before the request was sent (bad request, context ended, limiter).
	return errors.Is(err, ErrDecode)
}

// ErrOutcomeUnknown is matched by errors.Is on an *OrderOutcomeError, a
// *ReservationOutcomeError, and the error of a DELETE or PATCH that may have
// been carried out though the call failed.
var ErrOutcomeUnknown = errors.New("didww: the outcome of the write is unknown")

// OrderOutcomeError is a POST /orders that may or may not have placed the
// order, and that Create could not settle by looking the order up (or had no
// ExternalReferenceID to look it up by). Settle it with
// OrdersService.FindByExternalReference before ordering again. errors.Is
// and errors.As see Err, LookupErr and ErrOutcomeUnknown.
type OrderOutcomeError struct {
	ExternalReferenceID string
	// Err is the POST's error.
	Err error
	// Lookups is how many lookups by reference ran and found nothing.
	Lookups int
	// LookupErr is the error of the lookup that failed; nil when every
	// lookup found nothing or none ran (no reference, or ctx had ended).
	LookupErr error
}

// Error says the order may exist and how to find it.
func (e *OrderOutcomeError) Error() string {
	msg := fmt.Sprintf("didww: the order may have been placed: %s; ", causeText(e.Err))
	if e.Lookups > 0 {
		msg += fmt.Sprintf("not found by reference after %d lookups; ", e.Lookups)
	}
	if e.LookupErr != nil {
		msg += fmt.Sprintf("looking it up failed too: %s; ", causeText(e.LookupErr))
	}
	if e.ExternalReferenceID == "" {
		return msg + "check the order list before ordering again (set ExternalReferenceID to let Create find it)"
	}
	return msg + fmt.Sprintf("look it up by external reference %q (Orders.FindByExternalReference) before ordering again", e.ExternalReferenceID)
}

// Is reports whether target is ErrOutcomeUnknown.
func (e *OrderOutcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the POST's error and the lookup's.
func (e *OrderOutcomeError) Unwrap() []error {
	if e.LookupErr == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.LookupErr}
}

// Cancel cancels a pending DID order (DELETE /orders/{id}). Other orders,
// and orders that need a balance hold, are refused by the API with 422.
// When an attempt whose answer was lost or was a 5xx is retried and the
// retry is refused with 422, Cancel reads the order: canceled means the
// first attempt canceled it, and Cancel succeeds. A 422 on the first attempt
// is always an error. An error that leaves open whether the order was
// canceled matches ErrOutcomeUnknown.
func (s *OrdersService) Cancel(ctx context.Context, id string) error {
	path, err := pathFor("orders", id)
	if err != nil {
		return err
	}
	maybeDone, err := sendDelete(ctx, s.client, path)
	var apiErr *APIError
	if !maybeDone || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity {
		return changeErr(maybeDone, err)
	}
	// The retry was refused; an earlier attempt may have canceled the order.
	o, gerr := s.Get(ctx, id, nil)
	switch {
	case gerr != nil:
		return changeErr(true, err)
	case o.Status == OrderStatusCanceled:
		return nil
	}
	return err
}

type orderUpdateDocument struct {
	ID string `jsonapi:"primary,orders"`
	// nil sends null, which clears the reference.
	ExternalReferenceID *string `jsonapi:"attr,external_reference_id"`
}

// SetExternalReferenceID changes the caller's reference of a placed order,
// the only attribute the API lets change, and returns the updated order. An
// empty ref is refused, so that a zero value never clears a reference by
// accident: ClearExternalReferenceID removes it.
// When the PATCH's outcome is unknown (its answer lost or unusable, a 5xx),
// the order is read back and returned when it carries ref; otherwise the
// error matches ErrOutcomeUnknown: the change may still be made, and calling
// again is harmless.
func (s *OrdersService) SetExternalReferenceID(ctx context.Context, id, ref string) (*Order, error) {
	if _, err := pathFor("orders", id); err != nil {
		return nil, err
	}
	if ref == "" {
		return nil, invalid("external_reference_id", "is empty; ClearExternalReferenceID removes a reference")
	}
	if err := checkExternalReferenceID(ref); err != nil {
		return nil, err
	}
	return s.patchExternalReference(ctx, id, &ref)
}

// ClearExternalReferenceID removes the caller's reference of a placed order
// (the PATCH sends external_reference_id null) and returns the updated order,
// whose ExternalReferenceID is then empty. An unknown outcome is settled as
// SetExternalReferenceID settles it.
func (s *OrdersService) ClearExternalReferenceID(ctx context.Context, id string) (*Order, error) {
	if _, err := pathFor("orders", id); err != nil {
		return nil, err
	}
	return s.patchExternalReference(ctx, id, nil)
}

// patchExternalReference sends the PATCH that sets ref, or clears the
// reference when ref is nil, and settles an unknown outcome by reading the
// order back.
func (s *OrdersService) patchExternalReference(ctx context.Context, id string, ref *string) (*Order, error) {
	path, err := pathFor("orders", id)
	if err != nil {
		return nil, err
	}
	body, err := encodeDocument(&orderUpdateDocument{ID: id, ExternalReferenceID: ref})
	if err != nil {
		return nil, err
	}
	r := &request{method: "PATCH", path: path, body: body}
	resp, err := s.client.do(ctx, r)
	if err == nil {
		o, _, derr := decodeOne[Order](r, resp)
		if derr == nil {
			return o, nil
		}
		err = unusable2xx(r, resp, derr)
	} else if !outcomeUnknown(err) {
		return nil, err
	}
	// The change may have been made: read the order to see.
	want := ""
	if ref != nil {
		want = *ref
	}
	if o, gerr := s.Get(ctx, id, nil); gerr == nil && o.ExternalReferenceID == want {
		return o, nil
	}
	return nil, changeErr(true, err)
}

// Wait polls the order every interval, starting at once, until its status
// is final (completed or canceled), and returns it. Any other status,
// pending, empty or one this version does not know, is polled on: only ctx
// ends the wait then. On failure it returns the last order read (nil if
// none) with the error, which wraps ctx.Err() when ctx ended first.
func (s *OrdersService) Wait(ctx context.Context, id string, every time.Duration) (*Order, error) {
	if every <= 0 {
		return nil, invalid("every", "is %v; the poll interval must be positive", every)
	}
	if _, err := pathFor("orders", id); err != nil {
		return nil, err
	}
	var last *Order
	for {
		o, err := s.Get(ctx, id, nil)
		if err != nil {
			if ctx.Err() != nil {
				return last, fmt.Errorf("didww: waiting for order %s: %w", id, ctx.Err())
			}
			return last, err
		}
		last = o
		if o.Status.Final() {
			return o, nil
		}
		if err := sleep(ctx, every); err != nil {
			return last, fmt.Errorf("didww: waiting for order %s, still %q: %w", id, o.Status, err)
		}
	}
}
