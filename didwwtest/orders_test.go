package didwwtest

import (
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// itemAttrs returns the attributes of the order's only item.
func itemAttrs(t *testing.T, o tRes) map[string]any {
	t.Helper()
	items, _ := o.Attributes["items"].([]any)
	require.Len(t, items, 1, "items: %v", o.Attributes["items"])
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
	require.Equal(t, "pending", o.Attributes["status"], "create answer: %s", r.body)
	require.Nil(t, attrs["billed_from"], "create answer: %s", r.body)
	require.Nil(t, attrs["billed_to"], "create answer: %s", r.body)
	_, echoed := attrs["billing_cycles_count"]
	assert.False(t, echoed, "billing_cycles_count is request-only: %v", attrs)

	clock.Advance(DefaultOrderCompletionDelay - time.Millisecond)
	early := apiCall(t, s, s.APIKey, "GET", "/orders/"+o.ID, nil).one(t)
	require.Equal(t, "pending", early.Attributes["status"], "completed before the delay: %v", early.Attributes)
	clock.Advance(time.Millisecond)
	r = apiCall(t, s, s.APIKey, "GET", "/orders/"+o.ID, nil)
	got := r.one(t)
	attrs = itemAttrs(t, got)
	assert.Equal(t, "completed", got.Attributes["status"], "completed order: %s", r.body)
	assert.Equal(t, "2026-03-19", attrs["billed_from"], "completed order: %s", r.body)
	assert.Equal(t, "2026-04-18", attrs["billed_to"], "completed order: %s", r.body)
	assert.Equal(t, false, attrs["prorated_mrc"], "completed order: %s", r.body)
	assert.Equal(t, "4.0", attrs["mrc"], "completed order: %s", r.body)
	recs := s.Orders(s.APIKey)
	if assert.Len(t, recs, 1, "Orders: %+v", recs) {
		assert.Equal(t, "completed", recs[0].Status, "Orders: %+v", recs)
	}
}

func TestOrderCompletionDelayZeroCompletesAtOnce(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithClock(func() time.Time { return testStart }), WithOrderCompletionDelay(0))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1})))
	wantStatus(t, r, 201)
	o := r.one(t)
	attrs := itemAttrs(t, o)
	assert.Equal(t, "completed", o.Attributes["status"], "create answer: %s", r.body)
	assert.Equal(t, "2026-03-19", attrs["billed_from"], "create answer: %s", r.body)
	assert.Equal(t, "2026-04-18", attrs["billed_to"], "create answer: %s", r.body)
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
		assert.Equal(t, c.wantStatus, o.Attributes["status"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		assert.Equal(t, c.amount, o.Attributes["amount"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		assert.Equal(t, c.mrc, attrs["mrc"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		assert.Equal(t, "0.0", attrs["nrc"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		assert.Equal(t, c.prorated, attrs["prorated_mrc"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		assert.Equal(t, c.fromDate, attrs["billed_from"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		assert.Equal(t, c.billTo, attrs["billed_to"], "%s: %s", c.day.Format(time.DateOnly), r.body)
		want := formatMoney(new(big.Rat).Sub(big.NewRat(100, 1), mustDecimal(t, c.amount)))
		assert.Equal(t, want, s.Balance(s.APIKey), "%s: balance %s, want %s", c.day.Format(time.DateOnly), s.Balance(s.APIKey), want)
	}
}

func mustDecimal(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := parseDecimal(s)
	require.True(t, ok, "not a decimal: %q", s)
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
		got := didPeriodEnd(from).Format(time.DateOnly)
		assert.Equal(t, want, got, "didPeriodEnd(%s) = %s, want %s", from.Format(time.DateOnly), got, want)
	}
	for in, want := range map[string]string{"2.0967": "2.1", "0.005": "0.01", "0.0049": "0.0", "19.3548": "19.35", "7": "7.0"} {
		got := formatDecimal(roundCents(mustDecimal(t, in)))
		assert.Equal(t, want, got, "roundCents(%s) = %s, want %s", in, got, want)
	}
}
