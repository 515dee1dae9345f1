package didwwtest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultVerificationDelay is how long an address verification stays
// pending on the server's clock before it is decided, unless
// WithVerificationDelay says otherwise.
const DefaultVerificationDelay = 500 * time.Millisecond

// WithVerificationDelay keeps address verifications pending for d of the
// server's clock before they are approved or rejected.
func WithVerificationDelay(d time.Duration) Option {
	return func(cfg *config) { cfg.verificationDelay = d }
}

// sandboxRejectReasons are the reasons of a verification the sandbox
// identity (SandboxRejectIDNumber) has rejected.
var sandboxRejectReasons = []string{"Address cannot be validated", "Proof of address should be not older than of 6 months"}

const (
	verificationPending  = "pending"
	verificationApproved = "approved"
	verificationRejected = "rejected"
)

// verification is an address verification of DIDs.
type verification struct {
	id, reference, status, addressID, requirementID string
	rejectReasons                                   []string
	rejectComment, serviceDescription, extRef       *string
	callbackURL, callbackMethod                     *string
	createdAt, decideAt                             time.Time
	dids, onetime                                   []string
}

func addressVerificationObj(_ *regState, v *verification) *obj {
	var reasons any
	if v.rejectReasons != nil {
		reasons = slices.Clone(v.rejectReasons)
	}
	return &obj{typ: "address_verifications", id: v.id,
		attrs: map[string]any{"reference": v.reference, "status": v.status, "reject_reasons": reasons,
			"reject_comment": optPtr(v.rejectComment), "service_description": optPtr(v.serviceDescription),
			"callback_url": optPtr(v.callbackURL), "callback_method": optPtr(v.callbackMethod),
			"external_reference_id": optPtr(v.extRef), "created_at": timestamp(v.createdAt)},
		rels: []rel{toOne("address", "addresses", v.addressID), toMany("dids", "dids", v.dids)}}
}

func verificationFilters(c *call) map[string]filterFn[*verification] {
	return map[string]filterFn[*verification]{
		"id":                    fEq(func(v *verification) string { return v.id }),
		"address.id":            fEq(func(v *verification) string { return v.addressID }),
		"external_reference_id": fEq(func(v *verification) string { return deref(v.extRef) }),
		"reference":             fEq(func(v *verification) string { return v.reference }),
		"reference_in":          fEq(func(v *verification) string { return v.reference }),
		"status": fOneOf("status", []string{verificationPending, verificationApproved, verificationRejected},
			func(v *verification) string { return v.status }),
		"address.identity.id": fEq(func(v *verification) string {
			if a := c.acct.reg.address(v.addressID); a != nil {
				return a.identityID
			}
			return ""
		}),
	}
}

// verificationResource registers address_verifications: list, show,
// create and update; there is no delete.
func (s *Server) verificationResource() *resource {
	res := ownedResource(&owned[verification]{typ: "address_verifications", includes: []string{"address", "dids", "dids.did_group"},
		paginated: true, items: func(r *regState) *[]*verification { return &r.verifications },
		id: func(v *verification) string { return v.id }, obj: addressVerificationObj, filters: verificationFilters,
		sorts: map[string]func(a, b *verification) int{
			"created_at":            func(a, b *verification) int { return a.createdAt.Compare(b.createdAt) },
			"external_reference_id": func(a, b *verification) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
		}})
	res.del = nil
	res.create = s.createAddressVerification
	res.update = func(c *call, id string) (int, any, *apiError) {
		return updateExtRef(c, id, "address_verifications", func(r *regState) *verification {
			return findIn(r.verifications, func(v *verification) string { return v.id }, id)
		}, func(v *verification) **string { return &v.extRef }, addressVerificationObj)
	}
	return res
}

func (s *Server) createAddressVerification(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "address_verifications",
		attrs: []string{"service_description", "callback_url", "callback_method", "external_reference_id"},
		rels:  []string{"address", "dids", "onetime_files"}}, "")
	if e != nil {
		return 0, nil, e
	}
	v := &verification{status: verificationPending, createdAt: c.now}
	w.optString("service_description", &v.serviceDescription)
	w.externalRef(&v.extRef)
	readVerificationCallback(w, v)
	addressID, _ := w.toOne("address", "addresses")
	dids, _ := w.toMany("dids", "dids")
	v.onetime, _ = w.toMany("onetime_files", "encrypted_files")
	if w.bad == nil && (addressID == "" || len(dids) == 0) {
		return 0, nil, badRequest("106", "Missing parameter", "The required relationships, address and dids, are missing.")
	}
	addr := c.acct.reg.address(addressID)
	if w.bad == nil && addr == nil {
		w.fail("/data/relationships/address", "address - is invalid")
	}
	req := s.checkVerificationDIDs(c, w, dids)
	c.acct.reg.checkFiles(w, "onetime_files", v.onetime, c.now)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	if items := s.verificationMissing(c, req, addr, v); len(items) > 0 {
		return 0, nil, unsatisfied(items)
	}
	s.seq++
	v.id, v.reference, v.requirementID, v.dids = s.nextIDLocked("address_verification"), fmt.Sprintf("ODW-%06d", 100000+s.seq), req.ID, dids
	v.addressID = addressID
	v.decideAt = c.now.Add(s.cfg.verificationDelay)
	for _, d := range c.acct.own.dids {
		if slices.Contains(dids, d.id) {
			d.verificationID = v.id
		}
	}
	c.acct.reg.verifications = append(c.acct.reg.verifications, v)
	return answerOne(c, addressVerificationObj(&c.acct.reg, v), http.StatusCreated)
}

func readVerificationCallback(w *writeDoc, v *verification) {
	w.optString("callback_url", &v.callbackURL)
	w.optString("callback_method", &v.callbackMethod)
	if v.callbackMethod != nil && *v.callbackMethod != "get" && *v.callbackMethod != "post" {
		w.failAttr("callback_method", "is not included in the list")
	}
	if v.callbackURL != nil {
		if u, err := url.Parse(*v.callbackURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			w.failAttr("callback_url", "is not a valid URL")
		}
	}
}

// checkVerificationDIDs refuses DIDs that are not the account's, need no
// registration or are under verification already, and returns the one
// address requirement they all fall under.
func (s *Server) checkVerificationDIDs(c *call, w *writeDoc, ids []string) *AddressRequirement {
	var req *AddressRequirement
	for i, id := range ids {
		at := "/data/relationships/dids/data/" + strconv.Itoa(i)
		d := findIn(c.acct.own.dids, (*ownedDID).key, id)
		if d == nil {
			w.fail(at, "dids - "+id+" is invalid")
			continue
		}
		g := s.idx.groups[d.groupID]
		r := s.requirement(g.AddressRequirementID)
		switch {
		case !d.awaiting || r == nil:
			w.fail(at, "dids - "+d.number+" does not need registration")
		case c.acct.reg.underVerification(d):
			w.fail(at, "dids - "+d.number+" is under verification already")
		case req != nil && r != req:
			w.fail(at, "dids - "+d.number+" falls under another address requirement")
		default:
			req = r
		}
	}
	return req
}

// underVerification says whether d is in a pending or approved verification.
func (r *regState) underVerification(d *ownedDID) bool {
	v := findIn(r.verifications, func(v *verification) string { return v.id }, d.verificationID)
	return v != nil && v.status != verificationRejected
}

// verificationMissing is what the requirement still needs: the validation's
// items, the onetime document and the service description.
func (s *Server) verificationMissing(c *call, req *AddressRequirement, addr *address, v *verification) []string {
	reg := &c.acct.reg
	idn := reg.identity(addr.identityID)
	items := s.missing(reg, req, idn, addr)
	if n := needOf(req, idn.identityType); n.onetime != "" && len(v.onetime) == 0 {
		items = append(items, s.documentsRequired(n.onetime))
	}
	if req.ServiceDescriptionRequired && strings.TrimSpace(deref(v.serviceDescription)) == "" {
		items = append(items, "Service description required")
	}
	return items
}

// sweepRegistrationLocked applies the clock to a's registration: expired
// uploads go, due verifications are decided.
func (s *Server) sweepRegistrationLocked(a *account, now time.Time) {
	a.reg.files = slices.DeleteFunc(a.reg.files, func(f *encFile) bool { return !now.Before(f.expiresAt) })
	for _, v := range a.reg.verifications {
		if v.status == verificationPending && !now.Before(v.decideAt) {
			s.decideLocked(a, v)
		}
	}
}

// decideLocked approves v, or rejects it where the sandbox identity or the
// requirement's RejectReasons say so, and sends its callback. Approval
// activates its DIDs and verifies the identity and address.
func (s *Server) decideLocked(a *account, v *verification) {
	addr := a.reg.address(v.addressID)
	var idn *identity
	if addr != nil {
		idn = a.reg.identity(addr.identityID)
	}
	req := s.requirement(v.requirementID)
	switch {
	case idn != nil && deref(idn.idNumber) == SandboxRejectIDNumber:
		v.rejectReasons = slices.Clone(sandboxRejectReasons)
	case req != nil && len(req.RejectReasons) > 0 && (idn == nil || deref(idn.idNumber) != SandboxApproveIDNumber):
		v.rejectReasons = slices.Clone(req.RejectReasons)
	}
	if v.rejectReasons != nil {
		v.status = verificationRejected
		comment := "Rejected: " + strings.Join(v.rejectReasons, "; ")
		v.rejectComment = &comment
	} else {
		v.status = verificationApproved
		for _, d := range a.own.dids {
			if slices.Contains(v.dids, d.id) {
				d.awaiting, d.blocked = false, d.terminated
			}
		}
		if addr != nil && idn != nil {
			addr.verified, idn.verified = true, true
		}
	}
	if v.callbackURL != nil {
		payload := url.Values{"id": {v.id}, "type": {"address_verifications"}, "status": {v.status},
			"reject_reason": {strings.Join(v.rejectReasons, "; ")}}
		s.signAndSendLocked(CallbackRecord{Type: "address_verifications", ID: v.id, Status: v.status},
			*v.callbackURL, deref(v.callbackMethod), payload)
	}
}
