package didwwtest

import (
	"math/big"
	"testing"
	"time"
)

// itemAttrs returns the attributes of the order's only item.
func itemAttrs(t *testing.T, o tRes) map[string]any {
	t.Helper()
	items, _ := o.Attributes["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("items: %v", o.Attributes["items"])
	}
	item, _ := items[0].(map[string]any)
	attrs, _ := item["attributes"].(map[string]any)
	return attrs
}

func TestOrderPendingUntilDefaultDelay(t *testing.T) {
	t.Parallel()
	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil,
		didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1, "billing_cycles_count": 3})))
	wantStatus(t, r, 201)
	o := r.one(t)
	attrs := itemAttrs(t, o)
	if o.Attributes["status"] != "pending" || attrs["billed_from"] != nil || attrs["billed_to"] != nil {
		t.Fatalf("create answer: %s", r.body)
	}
	if _, echoed := attrs["billing_cycles_count"]; echoed {
		t.Errorf("billing_cycles_count is request-only: %v", attrs)
	}

	clock.Advance(DefaultOrderCompletionDelay - time.Millisecond)
	if got := apiCall(t, s, s.APIKey, "GET", "/orders/"+o.ID, nil).one(t); got.Attributes["status"] != "pending" {
		t.Fatalf("completed before the delay: %v", got.Attributes)
	}
	clock.Advance(time.Millisecond)
	r = apiCall(t, s, s.APIKey, "GET", "/orders/"+o.ID, nil)
	got := r.one(t)
	attrs = itemAttrs(t, got)
	if got.Attributes["status"] != "completed" || attrs["billed_from"] != "2026-03-19" || attrs["billed_to"] != "2026-04-18" ||
		attrs["prorated_mrc"] != false || attrs["mrc"] != "4.0" {
		t.Errorf("completed order: %s", r.body)
	}
	if recs := s.Orders(s.APIKey); len(recs) != 1 || recs[0].Status != "completed" {
		t.Errorf("Orders: %+v", recs)
	}
}

func TestOrderCompletionDelayZeroCompletesAtOnce(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithClock(func() time.Time { return testStart }), WithOrderCompletionDelay(0))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1})))
	wantStatus(t, r, 201)
	o := r.one(t)
	if attrs := itemAttrs(t, o); o.Attributes["status"] != "completed" || attrs["billed_from"] != "2026-03-19" || attrs["billed_to"] != "2026-04-18" {
		t.Errorf("create answer: %s", r.body)
	}
}

func TestCapacityOrderProrated(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		day                  time.Time
		mrc, amount, billTo  string
		prorated             bool
		fromDate, wantStatus string
	}{
		// 2 channels × 2.5 × 13/31 = 2.0967…, to the cent.
		{testStart, "2.1", "2.1", "2026-03-31", true, "2026-03-19", "completed"},
		// An order on the 1st buys the whole month.
		{time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC), "5.0", "5.0", "2026-04-30", false, "2026-04-01", "completed"},
		// The last day: 2 × 2.5 × 1/28.
		{time.Date(2027, 2, 28, 23, 0, 0, 0, time.UTC), "0.18", "0.18", "2027-02-28", true, "2027-02-28", "completed"},
	} {
		s := newTestServer(t, WithClock(func() time.Time { return c.day }))
		r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil,
			map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"capacity_pool_id": CapacityPoolID, "qty": 2}}))
		wantStatus(t, r, 201)
		o := r.one(t)
		attrs := itemAttrs(t, o)
		if o.Attributes["status"] != c.wantStatus || o.Attributes["amount"] != c.amount || attrs["mrc"] != c.mrc || attrs["nrc"] != "0.0" ||
			attrs["prorated_mrc"] != c.prorated || attrs["billed_from"] != c.fromDate || attrs["billed_to"] != c.billTo {
			t.Errorf("%s: %s", c.day.Format(time.DateOnly), r.body)
		}
		if want := formatMoney(new(big.Rat).Sub(big.NewRat(100, 1), mustDecimal(t, c.amount))); s.Balance(s.APIKey) != want {
			t.Errorf("%s: balance %s, want %s", c.day.Format(time.DateOnly), s.Balance(s.APIKey), want)
		}
	}
}

func mustDecimal(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := parseDecimal(s)
	if !ok {
		t.Fatalf("not a decimal: %q", s)
	}
	return r
}

func TestBillingPeriods(t *testing.T) {
	t.Parallel()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 4, 5, 0, time.UTC) }
	for from, want := range map[time.Time]string{
		day(2018, 8, 17): "2018-09-16", // the recorded order
		day(2026, 1, 31): "2026-02-27", // no February 31: the month's last day, less one
		day(2026, 12, 5): "2027-01-04",
		day(2028, 1, 29): "2028-02-28",
	} {
		if got := didPeriodEnd(from).Format(time.DateOnly); got != want {
			t.Errorf("didPeriodEnd(%s) = %s, want %s", from.Format(time.DateOnly), got, want)
		}
	}
	for in, want := range map[string]string{"2.0967": "2.1", "0.005": "0.01", "0.0049": "0.0", "19.3548": "19.35", "7": "7.0"} {
		if got := formatDecimal(roundCents(mustDecimal(t, in))); got != want {
			t.Errorf("roundCents(%s) = %s, want %s", in, got, want)
		}
	}
}
