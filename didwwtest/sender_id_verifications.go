package didwwtest

import (
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"
)

// senderIDVerification is a sender ID verification of an account;
// smsTrunkID is the trunk it sends through ("" for none). The API cannot
// create one (the User Panel does): tests add them with
// Server.AddSenderIDVerification.
type senderIDVerification struct {
	id, name   string
	smsTrunkID string

	status, senderType, reference string
	senderIDs, rejectReasons      []string
	rejectComment, renewDate      string
	createdAt                     time.Time
	activatedAt, closedAt         *time.Time
	countryIDs, didIDs            []string
	orderID, identityID, addrID   string
}

var (
	senderIDStatuses = []string{"active", "changes_required", "closed", "closing_in_process", "in_process", "new"}
	senderTypes      = []string{"alphanumeric", "carrier", "long_code", "short_code", "toll_free"}
	senderIDIncludes = []string{"sms_trunk", "countries", "dids", "order", "identity", "address"}
	// sendingTrunkKinds are the SMS trunk kinds a verification's outbound
	// messages may be routed through.
	sendingTrunkKinds = []string{"http_out", "smpp_smsc", "smpp_esme"}
)

// senderIDChanges: 2026-04-16 has no sender ID verifications.
var senderIDChanges = map[string]*change{
	defaultAPIVersion: {gone: "2026-04-16 has no sender ID verifications: they arrive in 2026-11-19 (API_REFERENCE §23.3.5)"},
}

// SenderIDVerification is a sender ID verification for
// Server.AddSenderIDVerification: what the User Panel files and DIDWW's
// review decides, which the API only reads. Empty fields take defaults.
type SenderIDVerification struct {
	// Name is required.
	Name string
	// Status is one of new (the default), in_process, changes_required,
	// active, closing_in_process, closed.
	Status string
	// SenderType is one of alphanumeric (the default), carrier, long_code,
	// short_code, toll_free.
	SenderType string
	// SenderIDs are the covered sender IDs (at least one). For long_code
	// and toll_free, when empty, the numbers of DIDIDs.
	SenderIDs []string
	// RejectReasons and RejectComment are written only while the status is
	// changes_required.
	RejectReasons []string
	RejectComment string
	// RenewDate is "YYYY-MM-DD"; by default a month after creation. A
	// closed verification has none.
	RenewDate string
	// SMSTrunkID is the trunk of the account it sends through ("" for
	// none): of kind http_out, smpp_smsc or smpp_esme.
	SMSTrunkID string
	// CountryIDs, DIDIDs, IdentityID and AddressID are its relationships:
	// catalogue countries and the account's own DIDs, identity and address.
	CountryIDs, DIDIDs    []string
	IdentityID, AddressID string
	// Charge, when set, is the decimal amount DIDWW charged for it: a
	// completed order of one generic order item records it (the balance is
	// left as it is: the charge happened in the User Panel).
	Charge string
}

// AddSenderIDVerification gives the account of apiKey a sender ID
// verification, as if requested in the User Panel, and returns its id.
// Accounts have none otherwise. It fails, changing nothing, on an unknown
// key and on a value the API would never hold (an unknown status, a trunk
// that cannot send, a DID of another account, a bad charge).
func (s *Server) AddSenderIDVerification(apiKey string, v SenderIDVerification) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[apiKey]
	if a == nil {
		return "", errors.New("didwwtest: AddSenderIDVerification: unknown API key")
	}
	x, charge, err := s.seedSenderIDLocked(a, v)
	if err != nil {
		return "", fmt.Errorf("didwwtest: AddSenderIDVerification: %w", err)
	}
	x.id = s.nextIDLocked("sender_id_verification")
	x.reference = s.referenceLocked("SID")
	if charge != nil {
		x.orderID = s.senderIDOrderLocked(a, charge, x.createdAt)
	}
	a.sms.senderIDs = append(a.sms.senderIDs, x)
	return x.id, nil
}

// seedSenderIDLocked checks v against the account and fills the defaults.
func (s *Server) seedSenderIDLocked(a *account, v SenderIDVerification) (*senderIDVerification, *big.Rat, error) {
	now := s.cfg.now()
	x := &senderIDVerification{name: v.Name, status: or(v.Status, "new"), senderType: or(v.SenderType, "alphanumeric"),
		senderIDs: slices.Clone(v.SenderIDs), renewDate: v.RenewDate, createdAt: now, smsTrunkID: v.SMSTrunkID,
		countryIDs: slices.Clone(v.CountryIDs), didIDs: slices.Clone(v.DIDIDs), identityID: v.IdentityID, addrID: v.AddressID}
	if e := s.checkSeedLinks(a, x); e != nil {
		return nil, nil, e
	}
	if len(x.senderIDs) == 0 && (x.senderType == "long_code" || x.senderType == "toll_free") {
		for _, id := range x.didIDs {
			x.senderIDs = append(x.senderIDs, findIn(a.own.dids, (*ownedDID).key, id).number)
		}
	}
	switch {
	case strings.TrimSpace(x.name) == "":
		return nil, nil, errors.New("the Name field is required")
	case !slices.Contains(senderIDStatuses, x.status):
		return nil, nil, fmt.Errorf("status %q is not one of %v", x.status, senderIDStatuses)
	case !slices.Contains(senderTypes, x.senderType):
		return nil, nil, fmt.Errorf("sender type %q is not one of %v", x.senderType, senderTypes)
	case len(x.senderIDs) == 0 || slices.Contains(x.senderIDs, ""):
		return nil, nil, errors.New("the SenderIDs field must name at least one sender ID, none empty")
	case x.renewDate != "" && !validDate(x.renewDate):
		return nil, nil, fmt.Errorf("the RenewDate field %q is not YYYY-MM-DD", x.renewDate)
	}
	if x.status == "changes_required" {
		x.rejectReasons, x.rejectComment = slices.Clone(v.RejectReasons), v.RejectComment
	}
	s.seedDates(x, now)
	var charge *big.Rat
	if v.Charge != "" {
		r, ok := parseDecimal(v.Charge)
		if !ok || r.Sign() < 0 {
			return nil, nil, fmt.Errorf("the Charge field %q is not a non-negative decimal", v.Charge)
		}
		charge = r
	}
	return x, charge, nil
}

// checkSeedLinks checks that a seeded verification's relationships name
// what the account holds and the catalogue sells.
func (s *Server) checkSeedLinks(a *account, x *senderIDVerification) error {
	if x.smsTrunkID != "" {
		t := findIn(a.sms.trunks, func(t *smsTrunk) string { return t.id }, x.smsTrunkID)
		switch {
		case t == nil:
			return fmt.Errorf("SMSTrunkID %q is not an SMS trunk of the account", x.smsTrunkID)
		case !slices.Contains(sendingTrunkKinds, t.kind):
			return fmt.Errorf("SMS trunk %q is of kind %s, which cannot send; want one of %v", t.id, t.kind, sendingTrunkKinds)
		}
	}
	for _, id := range x.didIDs {
		if findIn(a.own.dids, (*ownedDID).key, id) == nil {
			return fmt.Errorf("DID %q is not a DID of the account", id)
		}
	}
	for _, id := range x.countryIDs {
		if _, ok := s.idx.countryName[id]; !ok {
			return fmt.Errorf("country %q is not in the catalogue", id)
		}
	}
	if x.identityID != "" && a.reg.identity(x.identityID) == nil {
		return fmt.Errorf("identity %q is not an identity of the account", x.identityID)
	}
	if x.addrID != "" && a.reg.address(x.addrID) == nil {
		return fmt.Errorf("address %q is not an address of the account", x.addrID)
	}
	return nil
}

// seedDates sets what the status implies: active verifications were
// activated, closed ones closed and not renewed.
func (s *Server) seedDates(x *senderIDVerification, now time.Time) {
	if x.renewDate == "" {
		x.renewDate = now.AddDate(0, 1, 0).Format(time.DateOnly)
	}
	switch x.status {
	case "active", "closing_in_process":
		x.activatedAt = &now
	case "closed":
		x.activatedAt, x.closedAt, x.renewDate = &now, &now, ""
	}
}

func validDate(v string) bool {
	_, err := time.Parse(time.DateOnly, v)
	return err == nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// senderIDOrderLocked records the completed order of a verification's
// charge: one generic order item, as the API shows it from 2026-11-19 on.
func (s *Server) senderIDOrderLocked(a *account, charge *big.Rat, at time.Time) string {
	day := at.UTC().Format(time.DateOnly)
	o := &order{acct: a, amount: new(big.Rat).Set(charge), status: statusCompleted, createdAt: at,
		description: "Sender ID verification",
		items: []*orderItem{{typ: "generic_order_items", qty: 1, setup: new(big.Rat).Set(charge), monthly: new(big.Rat),
			billedFrom: day, billedTo: day}}}
	o.id = s.nextIDLocked("order")
	o.reference = reference(s.seq)
	a.orders = append(a.orders, o)
	return o.id
}

func senderIDObj(x *senderIDVerification) *obj {
	var reasons any
	if len(x.rejectReasons) > 0 {
		reasons = slices.Clone(x.rejectReasons)
	}
	var activated, closed any
	if x.activatedAt != nil {
		activated = timestamp(*x.activatedAt)
	}
	if x.closedAt != nil {
		closed = timestamp(*x.closedAt)
	}
	return &obj{typ: "sender_id_verifications", id: x.id,
		attrs: map[string]any{"name": x.name, "status": x.status, "sender_type": x.senderType,
			"sender_ids": append([]string{}, x.senderIDs...), "reference": x.reference, "reject_reasons": reasons,
			"reject_comment": nullable(x.rejectComment), "renew_date": nullable(x.renewDate),
			"created_at": timestamp(x.createdAt), "activated_at": activated, "closed_at": closed},
		rels: []rel{toOne("sms_trunk", "sms_trunks", x.smsTrunkID), toMany("countries", "countries", x.countryIDs),
			toMany("dids", "dids", x.didIDs), toOne("order", "orders", x.orderID),
			toOne("identity", "identities", x.identityID), toOne("address", "addresses", x.addrID)}}
}

func (st *smsState) senderID(id string) *senderIDVerification {
	return findIn(st.senderIDs, func(x *senderIDVerification) string { return x.id }, id)
}

// senderIDResource registers sender_id_verifications (2026-11-19 on): list,
// show and update (name and SMS trunk).
func (s *Server) senderIDResource() *resource {
	type sv = senderIDVerification
	res := &resource{typ: "sender_id_verifications", includes: senderIDIncludes, sample: senderIDObj(&sv{}),
		update: s.updateSenderID, changes: senderIDChanges}
	res.find = func(c *call, id string) *obj {
		if x := c.acct.sms.senderID(id); x != nil {
			return senderIDObj(x)
		}
		return nil
	}
	spec := &listSpec[*sv]{typ: "sender_id_verifications", paginated: true, includes: senderIDIncludes, obj: senderIDObj,
		filters: map[string]filterFn[*sv]{
			"id":           fEq(func(x *sv) string { return x.id }),
			"name":         fEq(func(x *sv) string { return x.name }),
			"reference":    fEq(func(x *sv) string { return x.reference }),
			"status":       fOneOf("status", senderIDStatuses, func(x *sv) string { return x.status }),
			"sender_type":  fOneOf("sender_type", senderTypes, func(x *sv) string { return x.senderType }),
			"sms_trunk.id": fEq(func(x *sv) string { return x.smsTrunkID }),
		},
		sorts: map[string]func(a, b *sv) int{
			"name":       func(a, b *sv) int { return cmpStr(a.name, b.name) },
			"status":     func(a, b *sv) int { return strings.Compare(a.status, b.status) },
			"created_at": func(a, b *sv) int { return a.createdAt.Compare(b.createdAt) },
			"renew_date": func(a, b *sv) int { return strings.Compare(a.renewDate, b.renewDate) },
		}}
	res.list = func(c *call, _ string) (int, any, *apiError) { return serveList(c, spec, c.acct.sms.senderIDs) }
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, senderIDIncludes, nil, http.StatusOK)
	}
	return res
}

// updateSenderID is PATCH /sender_id_verifications/{id}: name and
// sms_trunk only; a closed verification is refused with 422.
func (s *Server) updateSenderID(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "sender_id_verifications", isUpdate: true,
		attrs: []string{"name"}, rels: []string{"sms_trunk"}}, id)
	if e != nil {
		return 0, nil, e
	}
	x := c.acct.sms.senderID(id)
	if x == nil {
		return 0, nil, notFound(id)
	}
	name := x.name
	w.name(false, &name)
	trunkID, given := w.toOne("sms_trunk", "sms_trunks")
	if x.status == "closed" && w.bad == nil {
		w.fail("/data", "A closed sender ID verification cannot be updated")
	}
	if given && trunkID != "" && w.bad == nil && len(w.verrs) == 0 {
		checkSenderIDTrunk(c, w, x, trunkID)
	}
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.name = name
	if given {
		x.smsTrunkID = trunkID
	}
	return answerOne(c, senderIDObj(x), http.StatusOK)
}

// checkSenderIDTrunk refuses a trunk the account does not have, one that
// cannot send, and one on which another verification already uses one of
// x's sender IDs.
func checkSenderIDTrunk(c *call, w *writeDoc, x *senderIDVerification, trunkID string) {
	const ptr = "/data/relationships/sms_trunk"
	t := findIn(c.acct.sms.trunks, func(t *smsTrunk) string { return t.id }, trunkID)
	switch {
	case t == nil:
		w.fail(ptr, "sms_trunk - is invalid")
		return
	case !slices.Contains(sendingTrunkKinds, t.kind):
		w.fail(ptr, "sms_trunk - must be an http_out, smpp_smsc or smpp_esme trunk")
		return
	}
	for _, other := range c.acct.sms.senderIDs {
		if other == x || other.smsTrunkID != trunkID || other.status == "closed" {
			continue
		}
		for _, sid := range x.senderIDs {
			if slices.Contains(other.senderIDs, sid) {
				w.fail(ptr, "sms_trunk - sender ID "+sid+" is already used on this SMS trunk by verification "+other.reference)
				return
			}
		}
	}
}
