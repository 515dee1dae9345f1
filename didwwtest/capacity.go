package didwwtest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// sharedGroup is a shared capacity group: channels of one capacity pool
// that the group's DIDs (those naming it, ownedDID.sharedID) share.
type sharedGroup struct {
	id, name  string
	shared    int
	metered   *int
	extRef    *string
	createdAt time.Time
	poolID    string
}

func (h *holdings) sharedGroup(id string) *sharedGroup {
	return findIn(h.shared, func(g *sharedGroup) string { return g.id }, id)
}

// assigned is how many of the pool's channels are given out: to shared
// groups and as dedicated channels of DIDs.
func (h *holdings) assigned(poolID string) int {
	n := 0
	for _, g := range h.shared {
		if g.poolID == poolID {
			n += g.shared
		}
	}
	for _, d := range h.dids {
		if d.poolID == poolID {
			n += d.dedicated
		}
	}
	return n
}

// unassigned is how many channels of the pool are free to give out.
func (h *holdings) unassigned(poolID string) int { return h.channels[poolID] - h.assigned(poolID) }

// renewDate is when a pool renews: the day after its billing period, which
// ends with the calendar month (see capacityPeriod).
func renewDate(now time.Time) string {
	_, to, _ := capacityPeriod(now)
	return to.AddDate(0, 0, 1).Format(time.DateOnly)
}

func poolObj(own *holdings, p *CapacityPool, now time.Time) *obj {
	var groups, pricings []string
	for _, g := range own.shared {
		if g.poolID == p.ID {
			groups = append(groups, g.id)
		}
	}
	for _, q := range p.QtyBasedPricings {
		pricings = append(pricings, q.ID)
	}
	metered := p.MeteredRate
	if metered == "" {
		metered = "0.0"
	}
	return &obj{typ: "capacity_pools", id: p.ID,
		attrs: map[string]any{
			"name": p.Name, "renew_date": renewDate(now), "total_channels_count": own.channels[p.ID],
			"assigned_channels_count": own.assigned(p.ID), "minimum_limit": p.MinimumLimit,
			"minimum_qty_per_order": max(1, p.MinimumQtyPerOrder), "setup_price": p.SetupPrice,
			"monthly_price": p.MonthlyPrice, "metered_rate": metered,
		},
		rels: []rel{toMany("countries", "countries", p.CountryIDs),
			toMany("shared_capacity_groups", "shared_capacity_groups", groups),
			toMany("qty_based_pricings", "qty_based_pricings", pricings)}}
}

var poolIncludes = []string{"countries", "shared_capacity_groups", "qty_based_pricings"}

// poolResource registers capacity_pools: every pool of the catalogue, with
// the account's channels; list, show, and an update that lowers them.
func (s *Server) poolResource() *resource {
	res := &resource{typ: "capacity_pools", includes: poolIncludes,
		sample: poolObj(&holdings{}, &CapacityPool{}, time.Time{}), update: s.updatePool}
	res.find = func(c *call, id string) *obj {
		if p := s.idx.pools[id]; p != nil {
			return poolObj(&c.acct.own, p, c.now)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		own := &c.acct.own
		spec := &listSpec[*CapacityPool]{typ: "capacity_pools", paginated: true, includes: poolIncludes,
			obj: func(p *CapacityPool) *obj { return poolObj(own, p, c.now) },
			filters: map[string]filterFn[*CapacityPool]{
				"id":         fEq(func(p *CapacityPool) string { return p.ID }),
				"name":       fName(func(p *CapacityPool) string { return p.Name }),
				"country.id": fAny(func(p *CapacityPool) []string { return p.CountryIDs }),
				"has_unassigned_channels": fBool("has_unassigned_channels", func(p *CapacityPool) bool {
					return own.unassigned(p.ID) > 0
				}),
			},
			sorts: poolSorts(own)}
		return serveList(c, spec, ptrs(s.cat.CapacityPools))
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, poolIncludes, nil, http.StatusOK)
	}
	return res
}

func poolSorts(own *holdings) map[string]func(a, b *CapacityPool) int {
	num := func(get func(p *CapacityPool) int) func(a, b *CapacityPool) int {
		return func(a, b *CapacityPool) int { return get(a) - get(b) }
	}
	dec := func(get func(p *CapacityPool) string) func(a, b *CapacityPool) int {
		return func(a, b *CapacityPool) int {
			x, _ := parseDecimal(get(a))
			y, _ := parseDecimal(get(b))
			if x == nil || y == nil {
				return cmpStr(get(a), get(b))
			}
			return x.Cmp(y)
		}
	}
	return map[string]func(a, b *CapacityPool) int{
		"assigned_channels_count": num(func(p *CapacityPool) int { return own.assigned(p.ID) }),
		"total_channels_count":    num(func(p *CapacityPool) int { return own.channels[p.ID] }),
		"minimum_limit":           num(func(p *CapacityPool) int { return p.MinimumLimit }),
		"minimum_qty_per_order":   num(func(p *CapacityPool) int { return max(1, p.MinimumQtyPerOrder) }),
		"metered_rate":            dec(func(p *CapacityPool) string { return p.MeteredRate }),
		"monthly_price":           dec(func(p *CapacityPool) string { return p.MonthlyPrice }),
		"setup_price":             dec(func(p *CapacityPool) string { return p.SetupPrice }),
		"name":                    func(a, b *CapacityPool) int { return cmpStr(a.Name, b.Name) },
		"renew_date":              func(a, b *CapacityPool) int { return 0 }, // every pool renews with the month
	}
}

// updatePool lowers a pool's channels: never above the current count, nor
// below the assigned channels or the pool's minimum.
func (s *Server) updatePool(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "capacity_pools", isUpdate: true, attrs: []string{"total_channels_count"}}, id)
	if e != nil {
		return 0, nil, e
	}
	total := -1
	w.intIn("total_channels_count", 0, math.MaxInt32, &total)
	if w.bad != nil {
		return 0, nil, w.bad
	}
	p := s.idx.pools[id]
	if p == nil {
		return 0, nil, notFound(id)
	}
	own := &c.acct.own
	switch current := own.channels[id]; {
	case total < 0:
	case total > current:
		w.failAttr("total_channels_count", fmt.Sprintf("can only be lowered (the pool has %d channels)", current))
	case total < own.assigned(id):
		w.failAttr("total_channels_count", fmt.Sprintf("must be at least the %d assigned channels", own.assigned(id)))
	case total < p.MinimumLimit:
		w.failAttr("total_channels_count", fmt.Sprintf("must be at least the minimum limit of %d", p.MinimumLimit))
	}
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	if total >= 0 {
		own.channels[id] = total
	}
	return answerOne(c, poolObj(own, p, c.now), http.StatusOK)
}

// pricings registers qty_based_pricings, reached only through the
// capacity_pools include.
func (s *Server) pricings() *resource {
	var all []*QtyBasedPricing
	for i := range s.cat.CapacityPools {
		all = append(all, ptrs(s.cat.CapacityPools[i].QtyBasedPricings)...)
	}
	res := readOnly(&kind[*QtyBasedPricing]{all: all, id: func(q *QtyBasedPricing) string { return q.ID }, noList: true,
		listSpec: listSpec[*QtyBasedPricing]{typ: "qty_based_pricings",
			obj: func(q *QtyBasedPricing) *obj {
				return &obj{typ: "qty_based_pricings", id: q.ID, attrs: map[string]any{
					"qty": q.Qty, "setup_price": q.SetupPrice, "monthly_price": q.MonthlyPrice}}
			},
		}})
	res.show = nil
	return res
}

// poolFits checks that a pool can give shared channels: its unassigned
// channels plus what the group already holds there (prev, or 0).
func poolFits(w *writeDoc, own *holdings, g *sharedGroup, prev *sharedGroup) {
	free := own.unassigned(g.poolID)
	if prev != nil && prev.poolID == g.poolID {
		free += prev.shared
	}
	if g.shared > free {
		w.failAttr("shared_channels_count", "exceeds the "+strconv.Itoa(max(free, 0))+" unassigned channels of the capacity pool")
	}
}
