package didwwtest

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReservationLifecycle(t *testing.T) {
	t.Parallel()
	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now))
	other := s.NewAccount("10.00")

	r := apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, "for Ann"))
	wantStatus(t, r, 201)
	res := r.one(t)
	require.Equal(t, "did_reservations", res.Type, "reservation: %s", r.body)
	require.Equal(t, "for Ann", res.Attributes["description"], "reservation: %s", r.body)
	require.Equal(t, "2026-03-19T11:37:15.000Z", res.Attributes["created_at"], "reservation: %s", r.body)
	require.Equal(t, "2026-03-19T11:47:15.000Z", res.Attributes["expires_at"], "reservation: %s", r.body)
	// POST takes no include: available_did comes as links only.
	rel := res.Relationships["available_did"]
	assert.Nil(t, rel.Data, "created reservation's available_did: %s", r.body)
	assert.Equal(t, s.URL+"/did_reservations/"+res.ID+"/available_did", rel.Links["related"], "created reservation's available_did: %s", r.body)
	assert.Equal(t, "2026-04-16", r.doc.Meta["api_version"], "create meta %v", r.doc.Meta)
	assert.Nil(t, r.doc.Meta["available_count"], "create meta %v", r.doc.Meta)

	// The holder posts again: same reservation, renewed.
	clock.Advance(5 * time.Minute)
	r = apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, "renewed"))
	wantStatus(t, r, 201)
	again := r.one(t)
	assert.Equal(t, res.ID, again.ID, "renewal: %s", r.body)
	assert.Equal(t, "2026-03-19T11:52:15.000Z", again.Attributes["expires_at"], "renewal: %s", r.body)
	assert.Equal(t, "renewed", again.Attributes["description"], "renewal: %s", r.body)

	// Another account neither sees nor gets the number.
	r = apiCall(t, s, other, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, ""))
	e := wantError(t, r, 422, "100")
	if assert.NotNil(t, e.Source, "422 source: %s", r.body) {
		assert.Equal(t, "/data/relationships/available_did", e.Source.Pointer, "422 source: %s", r.body)
	}
	wantError(t, apiCall(t, s, other, "GET", "/available_dids/"+AvailableDIDLosAngelesID, nil), 404, "404")
	r = apiCall(t, s, other, "GET", "/available_dids?filter%5Bdid_group.id%5D="+DIDGroupLosAngelesID, nil)
	if assert.Len(t, r.list(t), 23, "other account lists the reserved number") {
		assert.NotContains(t, string(r.body), AvailableDIDLosAngelesID, "other account lists the reserved number")
	}
	wantError(t, apiCall(t, s, other, "GET", "/did_reservations/"+res.ID, nil), 404, "404")
	wantError(t, apiCall(t, s, other, "DELETE", "/did_reservations/"+res.ID, nil), 404, "404")
	// The holder still sees it.
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids?filter%5Bdid_group.id%5D="+DIDGroupLosAngelesID, nil)
	assert.Len(t, r.list(t), 24, "holder lists %d numbers", len(r.list(t)))

	r = apiCall(t, s, s.APIKey, "GET", "/did_reservations?include=available_did.did_group.stock_keeping_units", nil)
	wantStatus(t, r, 200)
	l := r.list(t)
	if assert.Len(t, l, 1, "list: %s", r.body) {
		assert.Equal(t, res.ID, l[0].ID, "list: %s", r.body)
		assert.Equal(t, 9.0, r.doc.Meta["available_count"], "list: %s", r.body)
		assert.Equal(t, 1.0, r.doc.Meta["total_records"], "list: %s", r.body)
	}
	// the number, its group, two SKUs
	assert.Len(t, r.doc.Included, 4, "nested include: %d included", len(r.doc.Included))
	r = apiCall(t, s, s.APIKey, "GET", "/did_reservations/"+res.ID+"?include=available_did", nil)
	assert.Equal(t, res.ID, r.one(t).ID, "show: %s", r.body)
	assert.Equal(t, 9.0, r.doc.Meta["available_count"], "show: %s", r.body)
	assert.Len(t, r.doc.Included, 1, "show: %s", r.body)
	got := s.Reservations(s.APIKey)
	if assert.Len(t, got, 1, "Reservations: %+v", got) {
		assert.Equal(t, "12132933575", got[0].Number, "Reservations: %+v", got)
	}

	// Delete releases; the other account can now reserve.
	wantStatus(t, apiCall(t, s, s.APIKey, "DELETE", "/did_reservations/"+res.ID, nil), 204)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/did_reservations/"+res.ID, nil), 404, "404")
	r = apiCall(t, s, other, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, ""))
	wantStatus(t, r, 201)
	held := r.one(t)
	assert.Nil(t, held.Attributes["description"], "empty description is null")

	// Expiry on the clock releases too.
	clock.Advance(10 * time.Minute)
	wantError(t, apiCall(t, s, other, "GET", "/did_reservations/"+held.ID, nil), 404, "404")
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/available_dids/"+AvailableDIDLosAngelesID, nil), 200)
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, "")), 201)
}

func TestReservationValidation(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithReservationLimit(2))
	nums := s.Catalogue().AvailableDIDs
	for i := range 2 {
		wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody(nums[i].ID, "")), 201)
	}
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody(nums[2].ID, "")), 422, "100")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody("nope", "")), 422, "100")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations",
		`{"data":{"type":"did_reservations","relationships":{}}}`), 422, "100")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations",
		`{"data":{"type":"orders","relationships":{}}}`), 400, "116")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations", `{"meta":{}}`), 400, "106")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/orders", `{"data":{"type":"did_reservations","attributes":{}}}`), 400, "116")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/orders", `{"data":null}`), 400, "106")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/did_reservations",
		`{"data":{"type":"did_reservations","attributes":{"color":"red"}}}`), 400, "105")
}

func TestReservationRace(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	keys := make([]string, 50)
	for i := range keys {
		keys[i] = s.NewAccount("1.00")
	}
	var won, lost atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r := apiCall(t, s, k, "POST", "/did_reservations", reservationBody(AvailableDIDNewYorkID, ""))
			switch r.status {
			case 201:
				won.Add(1)
			case 422:
				lost.Add(1)
			default:
				assert.Fail(t, fmt.Sprintf("status %d: %s", r.status, r.body))
			}
		}()
	}
	close(start)
	wg.Wait()
	assert.Equal(t, int32(1), won.Load(), "%d won, %d lost", won.Load(), lost.Load())
	assert.Equal(t, int32(49), lost.Load(), "%d won, %d lost", won.Load(), lost.Load())
	holders := 0
	for _, k := range keys {
		holders += len(s.Reservations(k))
	}
	assert.Equal(t, 1, holders, "%d holders", holders)
}

func TestOrderWithReservation(t *testing.T) {
	t.Parallel()
	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now))
	other := s.NewAccount("50.00")
	r := apiCall(t, s, s.APIKey, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, ""))
	resID := r.one(t).ID

	// Someone else's reservation is not theirs to buy.
	r = apiCall(t, s, other, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "did_reservation_id": resID})))
	e := wantError(t, r, 422, "100")
	assert.Equal(t, "/data/attributes/items/0/attributes/did_reservation_id", e.Source.Pointer, "pointer")

	r = apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(map[string]any{"allow_back_ordering": false},
		didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "did_reservation_id": resID})))
	wantStatus(t, r, 201)
	o := r.one(t)
	assert.Equal(t, "orders", o.Type, "order: %s", r.body)
	assert.Equal(t, "8.0", o.Attributes["amount"], "order: %s", r.body)
	assert.Equal(t, "pending", o.Attributes["status"], "order: %s", r.body)
	assert.Equal(t, "DID", o.Attributes["description"], "order: %s", r.body)
	assert.Nil(t, o.Attributes["callback_url"], "order: %s", r.body)
	assert.Nil(t, o.Attributes["external_reference_id"], "order: %s", r.body)
	ref, _ := o.Attributes["reference"].(string)
	if assert.Len(t, ref, 10, "reference %q", ref) {
		assert.Equal(t, byte('-'), ref[3], "reference %q", ref)
	}
	items := o.Attributes["items"].([]any)
	item := items[0].(map[string]any)
	attrs := item["attributes"].(map[string]any)
	assert.Equal(t, "did_order_items", item["type"], "item: %v", item)
	assert.Equal(t, 1.0, attrs["qty"], "item: %v", item)
	assert.Equal(t, "4.0", attrs["nrc"], "item: %v", item)
	assert.Equal(t, "4.0", attrs["mrc"], "item: %v", item)
	assert.Equal(t, DIDGroupLosAngelesID, attrs["did_group_id"], "item: %v", item)
	assert.Equal(t, false, attrs["prorated_mrc"], "item: %v", item)
	assert.Nil(t, attrs["billed_from"], "item: %v", item)
	assert.Nil(t, attrs["billed_to"], "item: %v", item)
	assert.Equal(t, "92.00", s.Balance(s.APIKey), "balance")
	assert.True(t, s.Sold(AvailableDIDLosAngelesID), "number not sold")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/did_reservations/"+resID, nil), 404, "404")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/available_dids/"+AvailableDIDLosAngelesID, nil), 404, "404")
	wantError(t, apiCall(t, s, other, "POST", "/did_reservations", reservationBody(AvailableDIDLosAngelesID, "")), 422, "100")
	wantError(t, apiCall(t, s, other, "POST", "/orders", orderBody(nil,
		didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "available_did_id": AvailableDIDLosAngelesID}))), 422, "100")

	// Direct purchase of an available number, and one by quantity with a NANPA prefix.
	nums := s.Catalogue().AvailableDIDs
	var la2 string
	for _, n := range nums {
		if n.DIDGroupID == DIDGroupLosAngelesID && n.ID != AvailableDIDLosAngelesID {
			la2 = n.ID
			break
		}
	}
	r = apiCall(t, s, other, "POST", "/orders", orderBody(map[string]any{"external_reference_id": "crm-1", "callback_method": "GET"},
		didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "available_did_id": la2}),
		didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 3, "nanpa_prefix_id": uid("nanpa/213/555")}),
		map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"capacity_pool_id": CapacityPoolID, "qty": 2}}))
	wantStatus(t, r, 201)
	o = r.one(t)
	// 0.09 + 3 × 0.09 + 2 × 2.5 × 13/31 (capacity for March 19–31) = 0.36 + 2.10
	assert.Equal(t, "2.46", o.Attributes["amount"], "mixed order: %s", r.body)
	assert.Equal(t, "crm-1", o.Attributes["external_reference_id"], "mixed order: %s", r.body)
	assert.Equal(t, "DID, Capacity", o.Attributes["description"], "mixed order: %s", r.body)
	assert.Equal(t, "pending", o.Attributes["status"], "mixed order: %s", r.body)
	assert.Equal(t, "47.54", s.Balance(other), "other balance")
	recs := s.Orders(other)
	if assert.Len(t, recs, 1, "Orders: %+v", recs) {
		assert.Equal(t, "2.46", recs[0].Amount, "Orders: %+v", recs)
		assert.Len(t, recs[0].AvailableDIDIDs, 1, "Orders: %+v", recs)
	}
}

func TestOrderValidation(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	sku := SKULosAngelesChannelsID
	cases := []struct {
		name    string
		body    any
		status  int
		code    string
		pointer string
	}{
		{"no items", orderBody(nil), 400, "400", ""},
		{"no sku", orderBody(nil, didItem(map[string]any{"qty": 1})), 400, "400", ""},
		{"nothing to buy", orderBody(nil, didItem(map[string]any{"sku_id": sku})), 400, "400", ""},
		{"two ways", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1, "available_did_id": AvailableDIDLosAngelesID})), 400, "400", ""},
		{"nanpa with number", orderBody(nil, didItem(map[string]any{"sku_id": sku, "available_did_id": AvailableDIDLosAngelesID, "nanpa_prefix_id": "x"})), 400, "400", ""},
		{"unknown key", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1, "color": "red"})), 400, "400", ""},
		{"unknown type", orderBody(nil, map[string]any{"type": "gift_items", "attributes": map[string]any{}}), 400, "400", ""},
		{"capacity without pool", orderBody(nil, map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"qty": 1}}), 400, "400", ""},
		{"unknown attribute", orderBody(map[string]any{"discount": true}, didItem(map[string]any{"sku_id": sku, "qty": 1})), 400, "105", ""},
		{"unknown sku", orderBody(nil, didItem(map[string]any{"sku_id": "nope", "qty": 1})), 422, "100", "/data/attributes/items/0/attributes/sku_id"},
		{"zero qty", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 0})), 400, "400", ""},
		{"qty not a number", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": "2"})), 400, "400", ""},
		{"zero billing cycles", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1, "billing_cycles_count": 0})), 400, "400", ""},
		{"zero channels", orderBody(nil, map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"qty": 0, "capacity_pool_id": CapacityPoolID}}), 400, "400", ""},
		{"foreign nanpa", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1, "nanpa_prefix_id": uid("nanpa/212/555")})), 422, "100", "/data/attributes/items/0/attributes/nanpa_prefix_id"},
		{"sku of another group", orderBody(nil, didItem(map[string]any{"sku_id": sku, "available_did_id": AvailableDIDNewYorkID})), 422, "100", "/data/attributes/items/0/attributes/sku_id"},
		{"unknown pool", orderBody(nil, map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"qty": 1, "capacity_pool_id": "nope"}}), 422, "100", "/data/attributes/items/0/attributes/capacity_pool_id"},
		{"bad callback", orderBody(map[string]any{"callback_url": "ftp://x"}, didItem(map[string]any{"sku_id": sku, "qty": 1})), 422, "100", "/data/attributes/callback_url"},
		{"bad method", orderBody(map[string]any{"callback_url": "https://x.test/cb", "callback_method": "put"}, didItem(map[string]any{"sku_id": sku, "qty": 1})), 422, "100", "/data/attributes/callback_method"},
		{"long reference", orderBody(map[string]any{"external_reference_id": strings.Repeat("x", 101)}, didItem(map[string]any{"sku_id": sku, "qty": 1})), 422, "100", "/data/attributes/external_reference_id"},
		{"out of stock", orderBody(map[string]any{"allow_back_ordering": false}, didItem(map[string]any{"sku_id": sku, "qty": 100000})), 422, "100", "/data/attributes/items"},
		{"unavailable group", orderBody(nil, didItem(map[string]any{"sku_id": s.Catalogue().DIDGroups[len(s.Catalogue().DIDGroups)-1].StockKeepingUnits[0].ID, "qty": 1})), 422, "100", "/data/attributes/items/0/attributes/sku_id"},
		{"insufficient funds", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 13})), 400, "400", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := apiCall(t, s, s.APIKey, "POST", "/orders", c.body)
			e := wantError(t, r, c.status, c.code)
			if c.pointer != "" {
				if assert.NotNil(t, e.Source, "source %+v, want %q: %s", e.Source, c.pointer, r.body) {
					assert.Equal(t, c.pointer, e.Source.Pointer, "source %+v, want %q: %s", e.Source, c.pointer, r.body)
				}
			}
			// The reference declares 400 for item data missing or not allowed; a 400 has no source.
			if c.status == 400 {
				assert.Nil(t, e.Source, "a 400 with a source: %s", r.body)
			}
			if c.code == "400" && c.name != "insufficient funds" {
				assert.Contains(t, e.Detail, "required item data missing or not allowed", "detail")
			}
			if c.name == "insufficient funds" {
				assert.Equal(t, "Insufficient funds", e.Title, "insufficient funds: %s", r.body)
				assert.Equal(t, "104.0", e.Meta["amount"], "insufficient funds: %s", r.body)
			}
		})
	}
	b := s.Balance(s.APIKey)
	assert.Equal(t, "100.00", b, "a refused order changed state: balance %s, %d orders", b, len(s.Orders(s.APIKey)))
	assert.Empty(t, s.Orders(s.APIKey), "a refused order changed state: balance %s, %d orders", b, len(s.Orders(s.APIKey)))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": "nope", "qty": 1}),
		map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"qty": 1, "capacity_pool_id": "nope"}}))
	assert.Equal(t, 422, r.status, "every validation error is reported: %s", r.body)
	assert.Len(t, r.doc.Errors, 2, "every validation error is reported: %s", r.body)
}

func TestParallelOrdersBalance(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithBalance("80.00")) // ten orders of 8.0
	var ok, poor atomic.Int32
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var watcher sync.WaitGroup
	watcher.Add(1)
	go func() {
		defer watcher.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			b := s.Balance(s.APIKey)
			if !assert.False(t, strings.HasPrefix(b, "-"), "negative balance %s", b) {
				return
			}
			time.Sleep(100 * time.Microsecond) // sample, do not starve the server of its lock
		}
	}()
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1})))
			switch {
			case r.status == 201:
				ok.Add(1)
			case r.status == 400 && len(r.doc.Errors) == 1 && r.doc.Errors[0].Title == "Insufficient funds":
				poor.Add(1)
			default:
				assert.Fail(t, fmt.Sprintf("status %d: %s", r.status, r.body))
			}
		}()
	}
	wg.Wait()
	close(stop)
	watcher.Wait()
	assert.Equal(t, int32(10), ok.Load(), "%d ok, %d refused, balance %s", ok.Load(), poor.Load(), s.Balance(s.APIKey))
	assert.Equal(t, int32(10), poor.Load(), "%d ok, %d refused, balance %s", ok.Load(), poor.Load(), s.Balance(s.APIKey))
	assert.Equal(t, "0.00", s.Balance(s.APIKey), "%d ok, %d refused, balance %s", ok.Load(), poor.Load(), s.Balance(s.APIKey))
	assert.Len(t, s.Orders(s.APIKey), 10, "%d ok, %d refused, balance %s", ok.Load(), poor.Load(), s.Balance(s.APIKey))
}

func TestOrderDelayCancelPatchAndFilters(t *testing.T) {
	t.Parallel()
	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now), WithOrderCompletionDelay(time.Minute))
	place := func(ext string) tRes {
		t.Helper()
		r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(map[string]any{"external_reference_id": ext},
			didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1})))
		wantStatus(t, r, 201)
		return r.one(t)
	}
	a := place("a")
	require.Equal(t, "pending", a.Attributes["status"], "status")
	stockBefore := s.totalCountOf(DIDGroupLosAngelesID)
	clock.Advance(10 * time.Second)
	b := place("b")

	// Cancel a pending order: refunded, number back in stock, stays readable.
	wantStatus(t, apiCall(t, s, s.APIKey, "DELETE", "/orders/"+a.ID, nil), 204)
	r := apiCall(t, s, s.APIKey, "GET", "/orders/"+a.ID, nil)
	assert.Equal(t, "canceled", r.one(t).Attributes["status"], "after cancel: %s, balance %s", r.body, s.Balance(s.APIKey))
	assert.Equal(t, "92.00", s.Balance(s.APIKey), "after cancel: %s, balance %s", r.body, s.Balance(s.APIKey))
	assert.Equal(t, stockBefore, s.totalCountOf(DIDGroupLosAngelesID), "after cancel: %s, balance %s", r.body, s.Balance(s.APIKey))
	wantError(t, apiCall(t, s, s.APIKey, "DELETE", "/orders/"+a.ID, nil), 422, "100")

	// The clock completes b.
	clock.Advance(time.Minute)
	r = apiCall(t, s, s.APIKey, "GET", "/orders/"+b.ID, nil)
	assert.Equal(t, "completed", r.one(t).Attributes["status"], "b: %s", r.body)
	wantError(t, apiCall(t, s, s.APIKey, "DELETE", "/orders/"+b.ID, nil), 422, "100")

	// PATCH changes only the external reference.
	patch := map[string]any{"data": map[string]any{"type": "orders", "id": b.ID, "attributes": map[string]any{"external_reference_id": "b2"}}}
	r = apiCall(t, s, s.APIKey, "PATCH", "/orders/"+b.ID, patch)
	wantStatus(t, r, 200)
	assert.Equal(t, "b2", r.one(t).Attributes["external_reference_id"], "patch: %s", r.body)
	bad := map[string]any{"data": map[string]any{"type": "orders", "id": b.ID, "attributes": map[string]any{"amount": "0"}}}
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/orders/"+b.ID, bad), 400, "105")
	wrongID := map[string]any{"data": map[string]any{"type": "orders", "id": a.ID, "attributes": map[string]any{"external_reference_id": "x"}}}
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/orders/"+b.ID, wrongID), 400, "109")
	noID := map[string]any{"data": map[string]any{"type": "orders", "attributes": map[string]any{"external_reference_id": "x"}}}
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/orders/"+b.ID, noID), 400, "109")
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/orders/"+b.ID, `{"data":{"type":"did_reservations","id":"`+b.ID+`"}}`), 400, "116")
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/orders/"+b.ID, `{}`), 400, "106")
	other := s.NewAccount("1.00")
	wantError(t, apiCall(t, s, other, "PATCH", "/orders/"+b.ID, patch), 404, "404")
	wantError(t, apiCall(t, s, other, "GET", "/orders/"+b.ID, nil), 404, "404")

	list := func(q string) []string {
		t.Helper()
		r := apiCall(t, s, s.APIKey, "GET", "/orders?"+q, nil)
		wantStatus(t, r, 200)
		return ids(r.list(t))
	}
	got := list("filter%5Bexternal_reference_id%5D=b2")
	if assert.Len(t, got, 1, "by external reference: %v", got) {
		assert.Equal(t, b.ID, got[0], "by external reference: %v", got)
	}
	got = list("filter%5Bstatus%5D=canceled")
	if assert.Len(t, got, 1, "canceled: %v", got) {
		assert.Equal(t, a.ID, got[0], "canceled: %v", got)
	}
	after := url.QueryEscape(testStart.Add(5 * time.Second).Format(time.RFC3339))
	got = list("filter%5Bcreated_at_gteq%5D=" + after)
	if assert.Len(t, got, 1, "created after: %v", got) {
		assert.Equal(t, b.ID, got[0], "created after: %v", got)
	}
	got = list("filter%5Bcreated_at_lteq%5D=" + after)
	if assert.Len(t, got, 1, "created before: %v", got) {
		assert.Equal(t, a.ID, got[0], "created before: %v", got)
	}
	got = list("sort=-created_at")
	if assert.Len(t, got, 2, "sorted: %v", got) {
		assert.Equal(t, b.ID, got[0], "sorted: %v", got)
	}
	got = list("filter%5Breference%5D=" + b.Attributes["reference"].(string))
	assert.Len(t, got, 1, "by reference: %v", got)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/orders?filter%5Bcreated_at_gteq%5D=yesterday", nil), 400, "107")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/orders?include=items", nil), 400, "112")
}

// totalCountOf reads a group's meta total_count as the API reports it.
func (s *Server) totalCountOf(groupID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.totalCountLocked(s.idx.groups[groupID])
}

func TestOrderCancelRestoresNumbers(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(time.Hour))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil,
		didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "available_did_id": AvailableDIDLosAngelesID})))
	wantStatus(t, r, 201)
	require.True(t, s.Sold(AvailableDIDLosAngelesID), "not sold")
	wantStatus(t, apiCall(t, s, s.APIKey, "DELETE", "/orders/"+r.one(t).ID, nil), 204)
	assert.False(t, s.Sold(AvailableDIDLosAngelesID), "still sold after cancel")
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/available_dids/"+AvailableDIDLosAngelesID, nil), 200)
	c := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil,
		map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"capacity_pool_id": CapacityPoolID, "qty": 1}}))
	wantError(t, apiCall(t, s, s.APIKey, "DELETE", "/orders/"+c.one(t).ID, nil), 422, "100")
}
