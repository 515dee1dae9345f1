package didwwtest

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// EmergencyRequirement is what registering emergency calling needs for the
// DIDs of one country and DID group type (API_REFERENCE §19.1). Empty
// area levels and prices are sent as null; nil mandatory field lists as
// null under 2026-04-16 and [] under 2026-11-19.
type EmergencyRequirement struct {
	ID                      string   `json:"id"`
	CountryID               string   `json:"country_id"`
	DIDGroupTypeID          string   `json:"did_group_type_id"`
	IdentityType            string   `json:"identity_type"` // any, business, personal
	PersonalAreaLevel       string   `json:"personal_area_level,omitempty"`
	BusinessAreaLevel       string   `json:"business_area_level,omitempty"`
	AddressAreaLevel        string   `json:"address_area_level"`
	PersonalMandatoryFields []string `json:"personal_mandatory_fields,omitempty"`
	BusinessMandatoryFields []string `json:"business_mandatory_fields,omitempty"`
	AddressMandatoryFields  []string `json:"address_mandatory_fields,omitempty"`
	EstimateSetupTime       string   `json:"estimate_setup_time"`
	RestrictionMessage      string   `json:"requirement_restriction_message,omitempty"`
	SetupPrice              string   `json:"setup_price,omitempty"`
	MonthlyPrice            string   `json:"monthly_price,omitempty"`
}

// EmergencyCalling turns the account's emergency calling plan on (the
// default) or off. Without it POST /emergency_verifications answers 403, as
// the API documents for an account without an emergency calling plan; from
// 2026-11-19 on every emergency endpoint does (DIDWW's OpenAPI 2026-10-22
// draft).
func EmergencyCalling(enabled bool) AccountOption {
	return func(a *account) { a.more.noEmergency = !enabled }
}

// emergencyGate refuses every emergency endpoint of an account without
// emergency calling, from 2026-11-19 on.
func emergencyGate(c *call) *apiError {
	if c.version >= version20261119 && c.acct.more.noEmergency {
		return newError(http.StatusForbidden, "403", "Forbidden", "Emergency calling is not enabled for the account.")
	}
	return nil
}

func (s *Server) emergencyRequirement(id string) *EmergencyRequirement {
	for i := range s.cat.EmergencyRequirements {
		if r := &s.cat.EmergencyRequirements[i]; r.ID == id {
			return r
		}
	}
	return nil
}

// emergencyRequirementFor returns the requirement of a country and DID
// group type, or nil.
func (s *Server) emergencyRequirementFor(countryID, typeID string) *EmergencyRequirement {
	for i := range s.cat.EmergencyRequirements {
		if r := &s.cat.EmergencyRequirements[i]; r.CountryID == countryID && r.DIDGroupTypeID == typeID {
			return r
		}
	}
	return nil
}

var emergencyRequirementChanges = map[string]*change{
	defaultAPIVersion: {
		without: map[string]string{"number_type": newIn1119("number_type")},
		filters: map[string]string{"number_type": newIn1119("filter[number_type]")},
	},
	version20261119: {
		without:  map[string]string{"did_group_type": movedToNumberType("fields did_group_type", "request number_type")},
		filters:  map[string]string{"did_group_type.id": movedToNumberType("filter[did_group_type.id]", "filter by number_type")},
		includes: map[string]string{"did_group_type": movedToNumberType("include did_group_type", "read the number_type attribute")},
		adapt: func(o *obj) {
			for _, k := range []string{"personal_mandatory_fields", "business_mandatory_fields", "address_mandatory_fields"} {
				if o.attrs[k] == nil {
					o.attrs[k] = []string{}
				}
			}
		},
	},
}

func (s *Server) emergencyRequirementObj(x *EmergencyRequirement) *obj {
	list := func(v []string) any {
		if v == nil {
			return nil
		}
		return v
	}
	return &obj{typ: "emergency_requirements", id: x.ID,
		attrs: map[string]any{
			"identity_type": x.IdentityType, "personal_area_level": nullable(x.PersonalAreaLevel),
			"business_area_level": nullable(x.BusinessAreaLevel), "address_area_level": x.AddressAreaLevel,
			"personal_mandatory_fields": list(x.PersonalMandatoryFields),
			"business_mandatory_fields": list(x.BusinessMandatoryFields),
			"address_mandatory_fields":  list(x.AddressMandatoryFields),
			"estimate_setup_time":       x.EstimateSetupTime, "requirement_restriction_message": nullable(x.RestrictionMessage),
			"number_type": nullable(s.idx.numberType[x.DIDGroupTypeID]),
		},
		meta: map[string]any{"setup_price": nullable(x.SetupPrice), "monthly_price": nullable(x.MonthlyPrice)},
		rels: []rel{toOne("country", "countries", x.CountryID), toOne("did_group_type", "did_group_types", x.DIDGroupTypeID)}}
}

// emergencyRequirementResource registers emergency_requirements: list (not
// sortable) and show.
func (s *Server) emergencyRequirementResource() *resource {
	type req = EmergencyRequirement
	res := readOnly(&kind[*req]{all: ptrs(s.cat.EmergencyRequirements), id: func(x *req) string { return x.ID },
		listSpec: listSpec[*req]{typ: "emergency_requirements", paginated: true, obj: s.emergencyRequirementObj,
			filters: map[string]filterFn[*req]{
				"id":                fEq(func(x *req) string { return x.ID }),
				"country.id":        fEq(func(x *req) string { return x.CountryID }),
				"did_group_type.id": fEq(func(x *req) string { return x.DIDGroupTypeID }),
				"number_type":       fNumberType("number_type", func(x *req) string { return s.idx.numberType[x.DIDGroupTypeID] }),
			},
			includes: []string{"country", "did_group_type"},
		}})
	res.changes, res.gate = emergencyRequirementChanges, emergencyGate
	return res
}

// serviceChanges: 2026-11-19 replaces the DID group type of a calling
// service with its number_type attribute, as it does everywhere.
var serviceChanges = map[string]*change{
	defaultAPIVersion: {
		without: map[string]string{"number_type": newIn1119("number_type")},
		filters: map[string]string{"number_type": newIn1119("filter[number_type]")},
	},
	version20261119: {
		without:  map[string]string{"did_group_type": movedToNumberType("fields did_group_type", "request number_type")},
		filters:  map[string]string{"did_group_type.id": movedToNumberType("filter[did_group_type.id]", "filter by number_type")},
		includes: map[string]string{"did_group_type": movedToNumberType("include did_group_type", "read the number_type attribute")},
	},
}

// emergencyService is an emergency calling service of an account; a
// verification with DIDs creates it.
type emergencyService struct {
	id, name, reference, status   string
	activatedAt, canceledAt       *time.Time
	renewDate                     string // "" = null
	createdAt                     time.Time
	countryID, typeID, reqID, vID string
	dids                          []string
}

func (m *more) service(id string) *emergencyService {
	return findIn(m.ecs, func(x *emergencyService) string { return x.id }, id)
}

func (s *Server) serviceObj(x *emergencyService) *obj {
	at := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return timestamp(*t)
	}
	var setup, monthly any
	if r := s.emergencyRequirement(x.reqID); r != nil {
		setup, monthly = nullable(r.SetupPrice), nullable(r.MonthlyPrice)
	}
	return &obj{typ: "emergency_calling_services", id: x.id,
		attrs: map[string]any{"name": x.name, "reference": x.reference, "status": x.status,
			"activated_at": at(x.activatedAt), "canceled_at": at(x.canceledAt), "renew_date": nullable(x.renewDate),
			"created_at": timestamp(x.createdAt), "number_type": nullable(s.idx.numberType[x.typeID])},
		meta: map[string]any{"setup_price": setup, "monthly_price": monthly},
		rels: []rel{toOne("country", "countries", x.countryID), toOne("did_group_type", "did_group_types", x.typeID),
			toOne("order", "orders", ""), toOne("emergency_requirement", "emergency_requirements", x.reqID),
			toOne("emergency_verification", "emergency_verifications", x.vID), toMany("dids", "dids", x.dids)}}
}

var (
	serviceIncludes = []string{"country", "did_group_type", "order", "emergency_requirement", "emergency_verification", "dids"}
	serviceStatuses = []string{"new", "in_process", "changes_required", "active", "pending_update", "canceled"}
)

// emergencyServiceResource registers emergency_calling_services: list,
// show, and DELETE, which cancels.
func (s *Server) emergencyServiceResource() *resource {
	res := &resource{typ: "emergency_calling_services", includes: serviceIncludes, sample: s.serviceObj(&emergencyService{}),
		gate: emergencyGate}
	res.changes = serviceChanges
	res.find = func(c *call, id string) *obj {
		if x := c.acct.more.service(id); x != nil {
			return s.serviceObj(x)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		return serveList(c, s.serviceList(c), c.acct.more.ecs)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, serviceIncludes, nil, http.StatusOK)
	}
	res.del = func(c *call, id string) (int, any, *apiError) {
		if _, e := parseParams(c, false); e != nil {
			return 0, nil, e
		}
		x := c.acct.more.service(id)
		if x == nil {
			return 0, nil, notFound(id)
		}
		if x.status != "canceled" { // cancelling a canceled service changes nothing
			now := c.now
			x.status, x.canceledAt, x.renewDate = "canceled", &now, ""
		}
		return http.StatusNoContent, nil, nil
	}
	return res
}

func (s *Server) serviceList(c *call) *listSpec[*emergencyService] {
	type svc = emergencyService
	// The address of a service is its verification's, the identity that
	// address's (resolved through the registry: addresses are another file's).
	address := func(x *svc) string {
		if v := findIn(c.acct.more.evs, func(v *emergencyVerification) string { return v.id }, x.vID); v != nil {
			return v.addressID
		}
		return ""
	}
	identity := func(x *svc) string {
		if o := c.s.reg.resolve(c, ref{"addresses", address(x)}); o != nil {
			if r := o.rel("identity"); r != nil && len(r.refs) == 1 {
				return r.refs[0].ID
			}
		}
		return ""
	}
	return &listSpec[*svc]{typ: "emergency_calling_services", paginated: true, includes: serviceIncludes, obj: s.serviceObj,
		filters: map[string]filterFn[*svc]{
			"id":                fEq(func(x *svc) string { return x.id }),
			"name":              fName(func(x *svc) string { return x.name }),
			"reference":         fEq(func(x *svc) string { return x.reference }),
			"status":            fOneOf("status", serviceStatuses, func(x *svc) string { return x.status }),
			"country.id":        fEq(func(x *svc) string { return x.countryID }),
			"did_group_type.id": fEq(func(x *svc) string { return x.typeID }),
			"number_type":       fNumberType("number_type", func(x *svc) string { return s.idx.numberType[x.typeID] }),
			"address.id":        fEq(address),
			"identity.id":       fEq(identity),
		},
		sorts: map[string]func(a, b *svc) int{
			"country.name": func(a, b *svc) int { return cmpStr(s.idx.countryName[a.countryID], s.idx.countryName[b.countryID]) },
			"created_at":   func(a, b *svc) int { return a.createdAt.Compare(b.createdAt) },
			"name":         func(a, b *svc) int { return cmpStr(a.name, b.name) },
			"renew_date":   func(a, b *svc) int { return cmpStr(a.renewDate, b.renewDate) },
			"status":       func(a, b *svc) int { return cmpStr(a.status, b.status) },
		}}
}

// reference is a service's or verification's human reference: prefix and
// a number from the server's sequence.
func (s *Server) referenceLocked(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s-%04d", prefix, 1000+s.seq)
}

// didsShareOne checks DIDs for a new service: the account's, not in
// another service, of one country and DID group type with an emergency
// requirement; it returns that requirement.
func (s *Server) didsForService(c *call, w *writeDoc, ids []string) *EmergencyRequirement {
	const ptr = "/data/relationships/dids"
	var req *EmergencyRequirement
	for _, id := range ids {
		d := findIn(c.acct.own.dids, (*ownedDID).key, id)
		if d == nil {
			w.fail(ptr, "dids - "+id+" is invalid")
			return nil
		}
		if slices.ContainsFunc(c.acct.more.ecs, func(x *emergencyService) bool {
			return x.status != "canceled" && slices.Contains(x.dids, id)
		}) {
			w.fail(ptr, "dids - "+d.number+" already belongs to an emergency calling service")
			return nil
		}
		g := s.idx.groups[d.groupID]
		r := s.emergencyRequirementFor(g.CountryID, g.DIDGroupTypeID)
		switch {
		case r == nil || !slices.Contains(g.Features, "emergency"):
			w.fail(ptr, "dids - "+d.number+" does not support emergency calling")
			return nil
		case req != nil && r != req:
			w.fail(ptr, "dids - must share one country and DID group type")
			return nil
		}
		req = r
	}
	return req
}

// defaultEmergencyRequirements are the catalogue's emergency requirements:
// US and Canadian Local numbers, whose groups (other than Los Angeles and
// New York) have the emergency feature.
func defaultEmergencyRequirements() []EmergencyRequirement {
	return []EmergencyRequirement{
		{ID: EmergencyRequirementUSLocalID, CountryID: CountryUSID, DIDGroupTypeID: DIDGroupTypeLocalID, IdentityType: "any",
			PersonalAreaLevel: "world_wide", BusinessAreaLevel: "world_wide", AddressAreaLevel: "city",
			PersonalMandatoryFields: []string{"contact_email"}, BusinessMandatoryFields: []string{"company_name", "contact_email"},
			AddressMandatoryFields: []string{"city", "postal_code"}, EstimateSetupTime: "3 business days",
			RestrictionMessage: "The address must be where the numbers are used: emergency calls are routed by it.",
			SetupPrice:         "0.0", MonthlyPrice: "1.5"},
		{ID: uid("emergency_requirement/CA/local"), CountryID: CountryCAID, DIDGroupTypeID: DIDGroupTypeLocalID,
			IdentityType: "business", BusinessAreaLevel: "country", AddressAreaLevel: "area",
			BusinessMandatoryFields: []string{"company_name", "company_reg_number"}, AddressMandatoryFields: []string{"postal_code"},
			EstimateSetupTime: "7-14 days", SetupPrice: "0.0", MonthlyPrice: "2.0"},
	}
}

// EmergencyRequirementUSLocalID is the default catalogue's emergency
// requirement of US Local numbers.
const EmergencyRequirementUSLocalID = "5c7f3a2e-41d8-4b6e-9a0c-2f1e8d7b6a55"
