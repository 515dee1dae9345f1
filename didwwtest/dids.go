package didwwtest

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// holdings are what one account owns: its DIDs and their history, its
// trunks and trunk groups, its shared capacity groups and the channels of
// its capacity pools.
type holdings struct {
	balanceID string
	dids      []*ownedDID
	history   []*historyEntry
	trunks    []*trunk
	groups    []*trunkGroup
	shared    []*sharedGroup
	channels  map[string]int // capacity pool id → channels bought
}

func newHoldings(balanceID string) holdings {
	return holdings{balanceID: balanceID, channels: map[string]int{}}
}

// findIn returns the item of items whose id is want, or nil.
func findIn[T any](items []*T, id func(*T) string, want string) *T {
	for _, x := range items {
		if id(x) == want {
			return x
		}
	}
	return nil
}

// ownedDID is a number an order bought. Routing and capacity are ids of the
// account's trunk, trunk group, capacity pool and shared group ("" for none).
type ownedDID struct {
	id, number, groupID, orderID  string
	description                   *string
	blocked, awaiting, terminated bool
	capacityLimit, billingCycles  *int
	channelsIncluded, dedicated   int
	createdAt, expiresAt          time.Time
	trunkID, trunkGroupID         string
	poolID, sharedID              string
	// smsTrunkID, smsTrunkGroupID route inbound SMS (2026-11-19 on): at
	// most one is set.
	smsTrunkID, smsTrunkGroupID string
	// verificationID is the address verification the DID was last sent in.
	verificationID string
}

func (d *ownedDID) key() string { return d.id }

// historyEntry is one event of a DID's life. from and to are set on
// billing_cycles_count_changed only.
type historyEntry struct {
	id, number, action, method string
	createdAt                  time.Time
	from, to                   *string
	changed                    bool
}

// fulfilLocked gives a completed order's account what it bought: the DIDs
// of its DID items, each with an "assigned" history entry, and the
// channels of its capacity items.
func (s *Server) fulfilLocked(o *order, now time.Time) {
	own := &o.acct.own
	for _, it := range o.items {
		if it.typ == "capacity_order_items" {
			own.channels[it.poolID] += it.qty
			continue
		}
		g := s.idx.groups[it.groupID]
		for n := 0; n < it.qty; n++ {
			number := s.newNumberLocked(g)
			if it.numberID != "" {
				number = s.idx.numbers[it.numberID].Number
			}
			s.issued[number] = true
			d := &ownedDID{id: s.nextIDLocked("did"), number: number, groupID: g.ID, orderID: o.id,
				blocked: g.NeedsRegistration, awaiting: g.NeedsRegistration, createdAt: now,
				expiresAt: didPeriodEnd(now).AddDate(0, 0, 1), channelsIncluded: s.idx.skus[it.skuID].ChannelsIncludedCount}
			if it.billingCycles != nil {
				bc := *it.billingCycles
				d.billingCycles = &bc
			}
			own.dids = append(own.dids, d)
			s.recordLocked(o.acct, d, "assigned", now)
		}
	}
}

// newNumberLocked makes a number of group g no one has: its country's
// code, the group's prefix and seven digits.
func (s *Server) newNumberLocked(g *DIDGroup) string {
	for i := len(s.issued); ; i++ {
		n := fmt.Sprintf("%s%s%07d", s.idx.countryPrefix[g.CountryID], g.Prefix, (i*7919+5550000)%10000000)
		if !s.issued[n] && !s.idx.catalogueNumbers[n] {
			return n
		}
	}
}

// recordLocked adds a history entry of d made through API v3.
func (s *Server) recordLocked(a *account, d *ownedDID, action string, at time.Time) *historyEntry {
	h := &historyEntry{id: s.nextIDLocked("did_history"), number: d.number, action: action, method: "api3", createdAt: at}
	a.own.history = append(a.own.history, h)
	return h
}

func didObj(d *ownedDID) *obj {
	var expires any
	if !d.expiresAt.IsZero() {
		expires = timestamp(d.expiresAt)
	}
	return &obj{typ: "dids", id: d.id,
		attrs: map[string]any{
			"number": d.number, "description": optPtr(d.description), "blocked": d.blocked,
			"awaiting_registration": d.awaiting, "terminated": d.terminated, "emergency_enabled": false,
			"capacity_limit": optPtr(d.capacityLimit), "channels_included_count": d.channelsIncluded,
			"dedicated_channels_count": d.dedicated, "billing_cycles_count": optPtr(d.billingCycles),
			"created_at": timestamp(d.createdAt), "expires_at": expires,
		},
		rels: []rel{
			toOne("did_group", "did_groups", d.groupID), toOne("order", "orders", d.orderID),
			toOne("capacity_pool", "capacity_pools", d.poolID),
			toOne("shared_capacity_group", "shared_capacity_groups", d.sharedID),
			toOne("address_verification", "address_verifications", d.verificationID),
			toOne("voice_in_trunk", "voice_in_trunks", d.trunkID),
			toOne("voice_in_trunk_group", "voice_in_trunk_groups", d.trunkGroupID),
			toOne("emergency_calling_service", "emergency_calling_services", ""),
			toOne("emergency_verification", "emergency_verifications", ""),
			toOne("identity", "identities", ""),
			toOne("sms_trunk", "sms_trunks", d.smsTrunkID),
			toOne("sms_trunk_group", "sms_trunk_groups", d.smsTrunkGroupID),
		}}
}

var didIncludes = []string{"did_group", "order", "capacity_pool", "shared_capacity_group", "address_verification",
	"voice_in_trunk", "voice_in_trunk_group", "emergency_calling_service", "emergency_verification", "identity",
	"voice_in_trunk.voice_in_trunk_group", "voice_in_trunk.pop", "did_group.country", "did_group.city",
	"did_group.region", "did_group.did_group_type", "did_group.stock_keeping_units", "sms_trunk", "sms_trunk_group"}

// didChanges: 2026-11-19 has neither a trunk's pop relationship nor a DID
// group's did_group_type, so their include paths are refused; 2026-04-16
// has no inbound SMS routing (API_REFERENCE §23.3.5).
var didChanges = map[string]*change{
	defaultAPIVersion: {
		without: map[string]string{"sms_trunk": noSMSRouting, "sms_trunk_group": noSMSRouting},
		filters: map[string]string{
			"sms_trunk.id":       "filter[sms_trunk.id] is not allowed in 2026-04-16: " + noSMSRouting,
			"sms_trunk_group.id": "filter[sms_trunk_group.id] is not allowed in 2026-04-16: " + noSMSRouting,
		},
		includes: map[string]string{
			"sms_trunk":       "include sms_trunk is not allowed in 2026-04-16: " + noSMSRouting,
			"sms_trunk_group": "include sms_trunk_group is not allowed in 2026-04-16: " + noSMSRouting,
		},
	},
	version20261119: {includes: map[string]string{
		"voice_in_trunk.pop":       "include voice_in_trunk.pop is not allowed in 2026-11-19: a trunk's POP is its pop attribute; include voice_in_trunk.",
		"did_group.did_group_type": movedToNumberType("include did_group.did_group_type", "include did_group and read its number_type"),
	}},
}

// didResource registers dids: list, show and update; orders create them.
func (s *Server) didResource() *resource {
	res := &resource{typ: "dids", includes: didIncludes, sample: didObj(&ownedDID{}), changes: didChanges}
	res.find = func(c *call, id string) *obj {
		if d := findIn(c.acct.own.dids, (*ownedDID).key, id); d != nil {
			return didObj(d)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*ownedDID]{typ: "dids", paginated: true, includes: didIncludes, obj: didObj,
			filters: s.didFilters(c), sorts: didSorts}
		return serveList(c, spec, c.acct.own.dids)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, didIncludes, nil, http.StatusOK)
	}
	res.update = s.updateDID
	return res
}

func (s *Server) didFilters(c *call) map[string]filterFn[*ownedDID] {
	group := func(d *ownedDID) *DIDGroup { return s.idx.groups[d.groupID] }
	field := func(get func(d *ownedDID) string) filterFn[*ownedDID] { return fEq(get) }
	reference := func(d *ownedDID) string {
		if o := s.ownOrderLocked(c, d.orderID); o != nil {
			return o.reference
		}
		return ""
	}
	trunk := field(func(d *ownedDID) string { return d.trunkID })
	trunkGroup := field(func(d *ownedDID) string { return d.trunkGroupID })
	return map[string]filterFn[*ownedDID]{
		"id":                    field(func(d *ownedDID) string { return d.id }),
		"number":                field(func(d *ownedDID) string { return d.number }),
		"description":           field(func(d *ownedDID) string { return deref(d.description) }),
		"terminated":            fBool("terminated", func(d *ownedDID) bool { return d.terminated }),
		"awaiting_registration": fBool("awaiting_registration", func(d *ownedDID) bool { return d.awaiting }),
		"pending_removal": fBool("pending_removal", func(d *ownedDID) bool {
			return d.billingCycles != nil && *d.billingCycles == 0
		}),
		"blocked":                      fBool("blocked", func(d *ownedDID) bool { return d.blocked }),
		"emergency_enabled":            fBool("emergency_enabled", func(*ownedDID) bool { return false }),
		"billing_cycles_count":         fOptInt("billing_cycles_count", func(d *ownedDID) *int { return d.billingCycles }),
		"did_group.id":                 field(func(d *ownedDID) string { return d.groupID }),
		"did_group.features":           fFeatures("did_group.features", func(d *ownedDID) []string { return group(d).Features }),
		"country.id":                   field(func(d *ownedDID) string { return group(d).CountryID }),
		"region.id":                    field(func(d *ownedDID) string { return group(d).RegionID }),
		"city.id":                      field(func(d *ownedDID) string { return group(d).CityID }),
		"order.id":                     field(func(d *ownedDID) string { return d.orderID }),
		"order.reference":              field(reference),
		"voice_in_trunk.id":            trunk,
		"voice_in_trunk_group.id":      trunkGroup,
		"trunk.id":                     trunk,
		"trunk_group.id":               trunkGroup,
		"capacity_pool.id":             field(func(d *ownedDID) string { return d.poolID }),
		"shared_capacity_group.id":     field(func(d *ownedDID) string { return d.sharedID }),
		"address_verification.id":      field(func(d *ownedDID) string { return d.verificationID }),
		"emergency_calling_service.id": field(func(*ownedDID) string { return "" }),
		"sms_trunk.id":                 field(func(d *ownedDID) string { return d.smsTrunkID }),
		"sms_trunk_group.id":           field(func(d *ownedDID) string { return d.smsTrunkGroupID }),
	}
}

var didSorts = map[string]func(a, b *ownedDID) int{
	"awaiting_registration":    func(a, b *ownedDID) int { return cmpBool(a.awaiting, b.awaiting) },
	"billing_cycles_count":     func(a, b *ownedDID) int { return cmpOpt(a.billingCycles, b.billingCycles) },
	"blocked":                  func(a, b *ownedDID) int { return cmpBool(a.blocked, b.blocked) },
	"capacity_limit":           func(a, b *ownedDID) int { return cmpOpt(a.capacityLimit, b.capacityLimit) },
	"channels_included_count":  func(a, b *ownedDID) int { return a.channelsIncluded - b.channelsIncluded },
	"created_at":               func(a, b *ownedDID) int { return a.createdAt.Compare(b.createdAt) },
	"dedicated_channels_count": func(a, b *ownedDID) int { return a.dedicated - b.dedicated },
	"description":              func(a, b *ownedDID) int { return cmpStr(deref(a.description), deref(b.description)) },
	"expires_at":               func(a, b *ownedDID) int { return a.expiresAt.Compare(b.expiresAt) },
	"number":                   func(a, b *ownedDID) int { return cmpStr(a.number, b.number) },
	"terminated":               func(a, b *ownedDID) int { return cmpBool(a.terminated, b.terminated) },
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// cmpOpt orders nullable values, null first.
func cmpOpt[T cmp.Ordered](a, b *T) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Compare(*a, *b)
}

// fOptInt matches a nullable integer: a blank value matches null.
func fOptInt[T any](name string, get func(T) *int) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		if v == "" {
			return func(it T) bool { return get(it) == nil }, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, invalidFilter(name, v)
		}
		return func(it T) bool { p := get(it); return p != nil && *p == n }, nil
	}
}

// noSMSRouting is why 2026-04-16 has no sms_trunk or sms_trunk_group on a DID.
const noSMSRouting = "a DID routes inbound SMS from 2026-11-19 on"

// didWrite is what PATCH /dids/{id} takes under version v: 2026-04-16
// refuses the SMS routing as it refuses any unknown relationship.
func didWrite(v string) writeSpec {
	rels := []string{"capacity_pool", "shared_capacity_group", "address_verification", "voice_in_trunk",
		"voice_in_trunk_group", "emergency_calling_service"}
	if v >= version20261119 {
		rels = append(rels, "sms_trunk", "sms_trunk_group")
	}
	return writeSpec{typ: "dids", isUpdate: true,
		attrs: []string{"capacity_limit", "description", "terminated", "billing_cycles_count", "dedicated_channels_count"},
		rels:  rels}
}

// updateDID is PATCH /dids/{id}: the document is read in full, then the
// DID is looked up, then the change is validated as a whole and applied.
func (s *Server) updateDID(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, didWrite(c.version), id)
	if e != nil {
		return 0, nil, e
	}
	d := findIn(c.acct.own.dids, (*ownedDID).key, id)
	var next ownedDID
	if d != nil {
		next = *d
	}
	readDIDAttributes(w, &next)
	s.readDIDLinks(c, w, &next)
	if w.bad != nil {
		return 0, nil, w.bad
	}
	if d == nil {
		return 0, nil, notFound(id)
	}
	s.checkDedicated(c, w, d, &next)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	s.applyDIDLocked(c, d, next, w.has("billing_cycles_count"))
	return answerOne(c, didObj(d), http.StatusOK)
}

func readDIDAttributes(w *writeDoc, n *ownedDID) {
	w.optString("description", &n.description)
	decodeAttr(w, "terminated", false, &n.terminated)
	w.optInt("capacity_limit", 0, &n.capacityLimit)
	w.optInt("billing_cycles_count", 0, &n.billingCycles)
	if n.billingCycles != nil && *n.billingCycles > 999 && w.has("billing_cycles_count") {
		w.failAttr("billing_cycles_count", "must be less than or equal to 999")
	}
	w.intIn("dedicated_channels_count", 0, math.MaxInt32, &n.dedicated)
}

// link is one side of a pair of mutually exclusive to-one relationships.
type link struct {
	name, typ string
	exists    func(id string) bool
	dst       *string
}

// readDIDLinks reads the routing and capacity relationships. A DID routes
// to a trunk or a trunk group and draws on a capacity pool or a shared
// capacity group, never both: both set is 422; setting one clears the other.
func (s *Server) readDIDLinks(c *call, w *writeDoc, n *ownedDID) {
	own := &c.acct.own
	exclusive(w,
		link{"voice_in_trunk", "voice_in_trunks", func(id string) bool { return own.trunk(id) != nil }, &n.trunkID},
		link{"voice_in_trunk_group", "voice_in_trunk_groups", func(id string) bool { return own.group(id) != nil }, &n.trunkGroupID})
	exclusive(w,
		link{"capacity_pool", "capacity_pools", func(id string) bool { return s.idx.pools[id] != nil }, &n.poolID},
		link{"shared_capacity_group", "shared_capacity_groups", func(id string) bool { return own.sharedGroup(id) != nil }, &n.sharedID})
	// Inbound SMS go to a trunk that takes them (not http_out) or a group.
	sms := &c.acct.sms
	exclusive(w,
		link{"sms_trunk", "sms_trunks", func(id string) bool {
			t := sms.trunk(id)
			return t != nil && slices.Contains(inboundSMSKinds, t.kind)
		}, &n.smsTrunkID},
		link{"sms_trunk_group", "sms_trunk_groups", func(id string) bool { return sms.group(id) != nil }, &n.smsTrunkGroupID})
	// A DID links to a verification of its account that names it; the
	// account has no emergency services here: only null links them.
	if id, given := w.toOne("address_verification", "address_verifications"); given {
		v := findIn(c.acct.reg.verifications, func(v *verification) string { return v.id }, id)
		switch {
		case id != "" && (v == nil || !slices.Contains(v.dids, n.id)):
			w.fail(linkPointer("address_verification"), "address_verification - is invalid")
		case id != "":
			n.verificationID = id
		}
	}
	if id, _ := w.toOne("emergency_calling_service", "emergency_calling_services"); id != "" {
		w.fail(linkPointer("emergency_calling_service"), "emergency_calling_service - is invalid")
	}
}

// linkPointer is where the API points a DID's relationship errors (a
// recorded answer: /data/attributes/voice_in_trunk_group_id).
func linkPointer(name string) string { return "/data/attributes/" + name + "_id" }

func exclusive(w *writeDoc, a, b link) {
	idA, givenA := w.toOne(a.name, a.typ)
	idB, givenB := w.toOne(b.name, b.typ)
	if idA != "" && idB != "" {
		w.fail(linkPointer(b.name), b.name+" - can't be set together with "+a.name)
		return
	}
	set := func(l link, id string, given bool, other link) {
		switch {
		case !given:
		case id != "" && !l.exists(id):
			w.fail(linkPointer(l.name), l.name+" - is invalid")
		default:
			*l.dst = id
			if id != "" {
				*other.dst = ""
			}
		}
	}
	set(a, idA, givenA, b)
	set(b, idB, givenB, a)
}

// checkDedicated refuses dedicated channels the DID's capacity pool cannot
// give: they are drawn from its unassigned channels.
func (s *Server) checkDedicated(c *call, w *writeDoc, d, n *ownedDID) {
	if n.dedicated == 0 || (n.dedicated == d.dedicated && n.poolID == d.poolID) {
		return
	}
	if n.poolID == "" {
		w.failAttr("dedicated_channels_count", "needs a capacity pool")
		return
	}
	free := c.acct.own.unassigned(n.poolID)
	if d.poolID == n.poolID {
		free += d.dedicated
	}
	if n.dedicated > free {
		w.failAttr("dedicated_channels_count", fmt.Sprintf("exceeds the %d unassigned channels of the capacity pool", free))
	}
}

// applyDIDLocked stores a validated change and records its history:
// terminating blocks the DID and ends its renewals, restoring undoes that.
func (s *Server) applyDIDLocked(c *call, d *ownedDID, n ownedDID, cyclesGiven bool) {
	old := *d
	switch {
	case n.terminated && !old.terminated:
		zero := 0
		n.blocked, n.billingCycles = true, &zero
		s.recordLocked(c.acct, d, "canceled", c.now)
	case !n.terminated && old.terminated:
		n.blocked = n.awaiting
		if !cyclesGiven {
			n.billingCycles = nil
		}
		s.recordLocked(c.acct, d, "restored", c.now)
	case cyclesGiven && cmpOpt(old.billingCycles, n.billingCycles) != 0:
		h := s.recordLocked(c.acct, d, "billing_cycles_count_changed", c.now)
		h.changed, h.from, h.to = true, cyclesText(old.billingCycles), cyclesText(n.billingCycles)
	}
	*d = n
}

func cyclesText(p *int) *string {
	if p == nil {
		return nil
	}
	t := strconv.Itoa(*p)
	return &t
}
