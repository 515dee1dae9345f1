package didwwtest

import (
	"net/http"
	"slices"
	"time"
)

// emergencyVerification is a request to register emergency calling at an
// address: reviewed by DIDWW out of band, so it stays pending here.
type emergencyVerification struct {
	id, reference, status       string
	callbackURL, callbackMethod *string
	extRef                      *string
	createdAt                   time.Time
	addressID, serviceID        string
	dids                        []string
}

var (
	verificationIncludes = []string{"address", "emergency_calling_service", "dids"}
	verificationStatuses = []string{"pending", "approved", "rejected"}
)

func (m *more) verification(id string) *emergencyVerification {
	return findIn(m.evs, func(x *emergencyVerification) string { return x.id }, id)
}

func verificationObj(x *emergencyVerification) *obj {
	return &obj{typ: "emergency_verifications", id: x.id,
		attrs: map[string]any{"reference": x.reference, "status": x.status, "reject_reasons": nil, "reject_comment": nil,
			"callback_url": optPtr(x.callbackURL), "callback_method": optPtr(x.callbackMethod),
			"external_reference_id": optPtr(x.extRef), "created_at": timestamp(x.createdAt)},
		rels: []rel{toOne("address", "addresses", x.addressID),
			toOne("emergency_calling_service", "emergency_calling_services", x.serviceID), toMany("dids", "dids", x.dids)}}
}

// emergencyVerificationResource registers emergency_verifications: list,
// show, create and update (its external reference).
func (s *Server) emergencyVerificationResource() *resource {
	type ev = emergencyVerification
	res := &resource{typ: "emergency_verifications", includes: verificationIncludes, sample: verificationObj(&ev{}),
		create: s.createVerification, update: s.updateVerification, gate: emergencyGate}
	res.find = func(c *call, id string) *obj {
		if x := c.acct.more.verification(id); x != nil {
			return verificationObj(x)
		}
		return nil
	}
	spec := &listSpec[*ev]{typ: "emergency_verifications", paginated: true, includes: verificationIncludes, obj: verificationObj,
		filters: map[string]filterFn[*ev]{
			"id":                           fEq(func(x *ev) string { return x.id }),
			"status":                       fOneOf("status", verificationStatuses, func(x *ev) string { return x.status }),
			"external_reference_id":        fEq(func(x *ev) string { return deref(x.extRef) }),
			"emergency_calling_service.id": fEq(func(x *ev) string { return x.serviceID }),
		},
		sorts: map[string]func(a, b *ev) int{
			"created_at":            func(a, b *ev) int { return a.createdAt.Compare(b.createdAt) },
			"external_reference_id": func(a, b *ev) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
		}}
	res.list = func(c *call, _ string) (int, any, *apiError) { return serveList(c, spec, c.acct.more.evs) }
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, verificationIncludes, nil, http.StatusOK)
	}
	return res
}

func (s *Server) createVerification(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "emergency_verifications",
		attrs: []string{"callback_url", "callback_method", "external_reference_id"},
		rels:  []string{"address", "emergency_calling_service", "dids"}}, "")
	if e != nil {
		return 0, nil, e
	}
	if c.acct.more.noEmergency {
		return 0, nil, newError(http.StatusForbidden, "403", "Forbidden", "The account has no emergency calling plan.")
	}
	x := &emergencyVerification{id: s.nextIDLocked("emergency_verification"), status: "pending", createdAt: c.now}
	readCallback(w, &x.callbackURL, &x.callbackMethod)
	w.externalRef(&x.extRef)
	addr, _ := w.toOne("address", "addresses")
	switch {
	case addr == "":
		w.fail("/data/relationships/address", "address - can't be blank")
	case s.reg.resolve(c, ref{"addresses", addr}) == nil:
		w.fail("/data/relationships/address", "address - is invalid")
	}
	x.addressID = addr
	svcID, svcGiven := w.toOne("emergency_calling_service", "emergency_calling_services")
	dids, didsGiven := w.toMany("dids", "dids")
	var req *EmergencyRequirement
	switch svc := c.acct.more.service(svcID); {
	case w.bad != nil:
	case svcGiven && svcID != "" && didsGiven:
		w.fail("/data/relationships", "dids and emergency_calling_service can't be sent together")
	case svcGiven && svcID != "":
		if svc == nil || svc.status == "canceled" {
			w.fail("/data/relationships/emergency_calling_service", "emergency_calling_service - is invalid")
		}
	case len(dids) == 0:
		w.fail("/data/relationships/dids", "dids - can't be blank without an emergency_calling_service")
	default:
		req = s.didsForService(c, w, dids)
	}
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.reference = s.referenceLocked("EV")
	if req != nil {
		x.serviceID, x.dids = s.newServiceLocked(c, x, req, dids), dids
	} else {
		x.serviceID = svcID
		if svc := c.acct.more.service(svcID); svc.status == "active" {
			svc.status = "pending_update"
		}
	}
	c.acct.more.evs = append(c.acct.more.evs, x)
	return answerOne(c, verificationObj(x), http.StatusCreated)
}

// newServiceLocked creates the calling service a verification with DIDs
// asks for; it waits for the verification's review (in_process).
func (s *Server) newServiceLocked(c *call, x *emergencyVerification, req *EmergencyRequirement, dids []string) string {
	svc := &emergencyService{id: s.nextIDLocked("emergency_calling_service"), status: "in_process", createdAt: c.now,
		countryID: req.CountryID, typeID: req.DIDGroupTypeID, reqID: req.ID, vID: x.id, dids: slices.Clone(dids)}
	svc.reference = s.referenceLocked("ECS")
	svc.name = "Emergency " + s.idx.countryName[req.CountryID] + " " + svc.reference
	c.acct.more.ecs = append(c.acct.more.ecs, svc)
	return svc.id
}

// readCallback reads callback_url (an absolute http(s) URL or null) and
// callback_method (get, post or null).
func readCallback(w *writeDoc, url, method **string) {
	w.optString("callback_url", url)
	if *url != nil && !validCallbackURL(**url) {
		w.failAttr("callback_url", "is not a valid URL")
	}
	w.optString("callback_method", method)
	if m := *method; m != nil && *m != "get" && *m != "post" {
		w.failAttr("callback_method", "is not included in the list")
	}
}

func (s *Server) updateVerification(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "emergency_verifications", isUpdate: true, attrs: []string{"external_reference_id"}}, id)
	if e != nil {
		return 0, nil, e
	}
	x := c.acct.more.verification(id)
	if x == nil {
		return 0, nil, notFound(id)
	}
	ref := x.extRef
	w.externalRef(&ref)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.extRef = ref
	return answerOne(c, verificationObj(x), http.StatusOK)
}

// emergencyValidationResource registers POST
// /emergency_requirement_validations: a dry run of an identity and an
// address against a requirement; 201 when they satisfy it, else 422 with
// one error per problem.
func (s *Server) emergencyValidationResource() *resource {
	typ := "emergency_requirement_validations"
	return &resource{typ: typ, gate: emergencyGate,
		sample: &obj{typ: typ, rels: []rel{toOne("emergency_requirement", "emergency_requirements", ""),
			toOne("identity", "identities", ""), toOne("address", "addresses", "")}},
		create: func(c *call, _ string) (int, any, *apiError) {
			w, e := readWrite(c, writeSpec{typ: typ, rels: []string{"emergency_requirement", "identity", "address"}}, "")
			if e != nil {
				return 0, nil, e
			}
			reqID, _ := w.toOne("emergency_requirement", "emergency_requirements")
			identityID, _ := w.toOne("identity", "identities")
			addressID, _ := w.toOne("address", "addresses")
			if w.bad == nil {
				s.validateEmergency(c, w, reqID, identityID, addressID)
			}
			if e := w.done(); e != nil {
				return 0, nil, e
			}
			return bareAnswer(c, typ, reqID)
		}}
}

// validateEmergency records what the identity and address lack for the
// requirement, each problem one error with pointer /data.
func (s *Server) validateEmergency(c *call, w *writeDoc, reqID, identityID, addressID string) {
	problem := func(detail string) { w.fail("/data", detail) }
	r := s.emergencyRequirement(reqID)
	if r == nil {
		w.fail("/data/relationships/emergency_requirement", "emergency_requirement - is invalid")
		return
	}
	if identityID == "" && addressID == "" {
		problem("An identity or an address is required")
		return
	}
	var identity, address *obj
	if identityID != "" {
		if identity = s.reg.resolve(c, ref{"identities", identityID}); identity == nil {
			w.fail("/data/relationships/identity", "identity - is invalid")
		}
	}
	if addressID != "" {
		if address = s.reg.resolve(c, ref{"addresses", addressID}); address == nil {
			w.fail("/data/relationships/address", "address - is invalid")
		}
	}
	if identity == nil && address != nil {
		identity = s.reg.resolve(c, firstRef(address, "identity"))
	}
	if address != nil && identityID != "" && firstRef(address, "identity").ID != identityID {
		problem("The address does not belong to the identity")
	}
	if identity != nil {
		kind, _ := identity.attrs["identity_type"].(string)
		fields := r.PersonalMandatoryFields
		if kind == "business" {
			fields = r.BusinessMandatoryFields
		}
		if r.IdentityType != "any" && kind != r.IdentityType {
			problem("A " + r.IdentityType + " identity is required")
		}
		missing(identity, fields, "Identity", problem)
	}
	if address != nil {
		if firstRef(address, "country").ID != r.CountryID && r.AddressAreaLevel != "world_wide" {
			problem("Address in " + s.idx.countryName[r.CountryID] + " required")
		}
		missing(address, r.AddressMandatoryFields, "Address", problem)
	} else if addressID == "" {
		problem("Address in " + s.idx.countryName[r.CountryID] + " required")
	}
}

// missing reports each mandatory field o leaves empty. A field is the
// attribute of its name; "city" is an address's city_name.
func missing(o *obj, fields []string, what string, problem func(string)) {
	for _, f := range fields {
		name := f
		if f == "city" && o.typ == "addresses" {
			name = "city_name"
		}
		if v, _ := o.attrs[name].(string); v == "" && firstRef(o, name).ID == "" {
			problem(what + " " + f + " is required")
		}
	}
}

// firstRef returns the ref of to-one relationship name of o, or a zero ref.
func firstRef(o *obj, name string) ref {
	if r := o.rel(name); r != nil && len(r.refs) == 1 {
		return r.refs[0]
	}
	return ref{}
}
