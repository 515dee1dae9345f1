package didwwtest

import (
	"math/big"
	"net/http"
	"slices"
	"time"
)

// historyWindow is how far back DID history goes: the API keeps 90 days and
// answers 400 to a created_at_gteq before them.
const historyWindow = 90 * 24 * time.Hour

var (
	historyActions = []string{"assigned", "renewed", "canceled", "removed", "billing_cycles_count_changed", "restored"}
	historyMethods = []string{"system", "api2", "api3", "staff", "user_panel", "mcp"}
)

func historyObj(h *historyEntry) *obj {
	o := &obj{typ: "did_history", id: h.id, attrs: map[string]any{
		"did_number": nullable(h.number), "action": h.action, "method": h.method, "created_at": timestamp(h.createdAt),
	}}
	if h.changed {
		o.meta = map[string]any{"from": optPtr(h.from), "to": optPtr(h.to)}
	}
	return o
}

// historyResource registers did_history: list and show of the account's
// entries within the window.
func (s *Server) historyResource() *resource {
	res := &resource{typ: "did_history", sample: historyObj(&historyEntry{})}
	recent := func(c *call) []*historyEntry {
		var out []*historyEntry
		for _, h := range c.acct.own.history {
			if c.now.Sub(h.createdAt) <= historyWindow {
				out = append(out, h)
			}
		}
		return out
	}
	res.find = func(c *call, id string) *obj {
		if h := findIn(recent(c), func(h *historyEntry) string { return h.id }, id); h != nil {
			return historyObj(h)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*historyEntry]{typ: "did_history", paginated: true, obj: historyObj,
			filters: map[string]filterFn[*historyEntry]{
				"id":              fEq(func(h *historyEntry) string { return h.id }),
				"did_number":      fEq(func(h *historyEntry) string { return h.number }),
				"action":          fOneOf("action", historyActions, func(h *historyEntry) string { return h.action }),
				"method":          fOneOf("method", historyMethods, func(h *historyEntry) string { return h.method }),
				"created_at_gteq": fTime("created_at_gteq", c.now.Add(-historyWindow), func(t, at time.Time) bool { return !at.Before(t) }, func(h *historyEntry) time.Time { return h.createdAt }),
				"created_at_lteq": fTime("created_at_lteq", time.Time{}, func(t, at time.Time) bool { return !at.After(t) }, func(h *historyEntry) time.Time { return h.createdAt }),
			},
			sorts: map[string]func(a, b *historyEntry) int{
				"created_at": func(a, b *historyEntry) int { return a.createdAt.Compare(b.createdAt) },
			},
		}
		return serveList(c, spec, recent(c))
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, nil, nil, http.StatusOK)
	}
	return res
}

// fOneOf is fEq refusing a value outside the documented ones.
func fOneOf[T any](name string, values []string, get func(T) string) filterFn[T] {
	match := fEq(get)
	return func(v string) (func(T) bool, *apiError) {
		for _, x := range splitValues(v) {
			if !slices.Contains(values, x) {
				return nil, invalidFilter(name, x)
			}
		}
		return match(v)
	}
}

// fTime reads an RFC 3339 time or a date; one before earliest (when set)
// is refused.
func fTime[T any](name string, earliest time.Time, keep func(t, at time.Time) bool, get func(T) time.Time) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			if t, err = time.Parse(time.DateOnly, v); err != nil {
				return nil, invalidFilter(name, v)
			}
		}
		if !earliest.IsZero() && t.Before(earliest) {
			return nil, badRequest("107", "Invalid filter value", name+" must be within the last 90 days.")
		}
		return func(it T) bool { return keep(t, get(it)) }, nil
	}
}

func balanceObj(a *account) *obj {
	return &obj{typ: "balances", id: a.own.balanceID, attrs: map[string]any{
		"balance": formatMoney(a.balance), "credit": formatMoney(a.credit),
		"total_balance": formatMoney(new(big.Rat).Add(a.balance, a.credit)),
	}}
}

// balanceResource registers the singleton GET /balance: its route is the
// singular path, and it takes only fields[balances].
func (s *Server) balanceResource() *resource {
	res := &resource{typ: "balances", route: "balance", sample: balanceObj(&account{balance: new(big.Rat), credit: new(big.Rat)})}
	res.find = func(c *call, id string) *obj {
		if id == c.acct.own.balanceID {
			return balanceObj(c.acct)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		return serveOne(c, balanceObj(c.acct), "", nil, nil, http.StatusOK)
	}
	return res
}
