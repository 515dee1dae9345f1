package didwwtest

import (
	"net/http"
	"slices"
	"strings"
)

// What an address requirement asks of an identity and an address, in the
// API's wording (recorded: "Address in Belgium required", "Following
// Supporting Document(s) required (Belgium Registration Form)").

// need is one side of a requirement: an identity type's or the address's.
type need struct {
	level      string
	proofQty   int
	proofTypes []string
	mandatory  []string
	permanent  string
	onetime    string
}

func needOf(req *AddressRequirement, identityType string) need {
	if identityType == "business" {
		return need{req.BusinessAreaLevel, req.BusinessProofQty, req.BusinessProofTypeIDs, req.BusinessMandatoryFields,
			req.BusinessPermanentDocumentID, req.BusinessOnetimeDocumentID}
	}
	return need{req.PersonalAreaLevel, req.PersonalProofQty, req.PersonalProofTypeIDs, req.PersonalMandatoryFields,
		req.PersonalPermanentDocumentID, req.PersonalOnetimeDocumentID}
}

// identityField says whether the identity has mandatory field name filled.
func identityField(x *identity, name string) bool {
	switch name {
	case "country":
		return x.countryID != ""
	case "birth_country":
		return x.birthCountryID != ""
	}
	v := map[string]*string{"birth_date": x.birthDate, "personal_tax_id": x.taxID, "id_number": x.idNumber,
		"vat_id": x.vatID, "tax_id": x.vatID, "company_reg_number": x.companyReg, "contact_email": x.contactEmail,
		"company_name": x.companyName}[name]
	return deref(v) != ""
}

// missing lists what req still needs of idn and addr (addr may be nil).
func (s *Server) missing(r *regState, req *AddressRequirement, idn *identity, addr *address) []string {
	countryName := "the country"
	if co := s.country(req.CountryID); co != nil {
		countryName = co.Name
	}
	var out []string
	if req.IdentityType != "any" && idn.identityType != req.IdentityType {
		out = append(out, "Identity of type "+req.IdentityType+" required")
	}
	n := needOf(req, idn.identityType)
	switch {
	case n.level == "":
		out = append(out, "A "+idn.identityType+" identity is not accepted in "+countryName)
	case n.level != "world_wide" && idn.countryID != req.CountryID:
		out = append(out, "Identity in "+countryName+" required")
	}
	for _, f := range n.mandatory {
		if !identityField(idn, f) {
			out = append(out, "Identity "+f+" required")
		}
	}
	out = append(out, s.proofsMissing(r, ref{"identities", idn.id}, n.proofQty, n.proofTypes, "identity")...)
	if n.permanent != "" && !slices.ContainsFunc(r.docs, func(d *permDoc) bool {
		return d.identityID == idn.id && d.templateID == n.permanent
	}) {
		out = append(out, s.documentsRequired(n.permanent))
	}
	switch {
	case addr == nil:
		out = append(out, "Address in "+countryName+" required")
		return out
	case req.AddressAreaLevel != "world_wide" && addr.countryID != req.CountryID:
		out = append(out, "Address in "+countryName+" required")
	}
	return append(out, s.proofsMissing(r, ref{"addresses", addr.id}, req.AddressProofQty, req.AddressProofTypeIDs, "address")...)
}

// proofsMissing says whether entity lacks qty proofs of the listed types.
func (s *Server) proofsMissing(r *regState, entity ref, qty int, types []string, what string) []string {
	if qty <= 0 {
		return nil
	}
	n := 0
	for _, p := range r.proofs {
		if p.entity == entity && slices.Contains(types, p.proofTypeID) {
			n++
		}
	}
	if n >= qty {
		return nil
	}
	var names []string
	for _, id := range types {
		if pt := s.proofType(id); pt != nil {
			names = append(names, pt.Name)
		}
	}
	return []string{"Following Proof(s) required for " + what + " (" + strings.Join(names, " or ") + ")"}
}

func (s *Server) documentsRequired(templateID string) string {
	name := templateID
	if t := s.template(templateID); t != nil {
		name = t.Name
	}
	return "Following Supporting Document(s) required (" + name + ")"
}

// unsatisfied is the 422 listing what is missing, one error per item.
func unsatisfied(items []string) *apiError {
	e := &apiError{status: http.StatusUnprocessableEntity}
	for _, it := range items {
		e.errs = append(e.errs, errorObject{Title: it, Detail: it, Code: "100", Status: "422", Source: &errorSource{Pointer: "/data"}})
	}
	return e
}

// validationResource registers POST /address_requirement_validations: a
// dry run of an identity and an address against a requirement.
func (s *Server) validationResource() *resource {
	return &resource{typ: "address_requirement_validations", create: s.validate,
		sample: &obj{typ: "address_requirement_validations", attrs: map[string]any{}}}
}

func (s *Server) validate(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "address_requirement_validations",
		rels: []string{"address_requirement", "identity", "address"}}, "")
	if e != nil {
		return 0, nil, e
	}
	reqID, _ := w.toOne("address_requirement", "address_requirements")
	identityID, _ := w.toOne("identity", "identities")
	addressID, _ := w.toOne("address", "addresses")
	if w.bad == nil && (reqID == "" || (identityID == "" && addressID == "")) {
		return 0, nil, badRequest("106", "Missing parameter",
			"The required relationships, address_requirement and an identity or an address, are missing.")
	}
	reg := &c.acct.reg
	req, idn, addr := s.requirement(reqID), reg.identity(identityID), reg.address(addressID)
	switch {
	case w.bad != nil:
	case req == nil:
		w.fail("/data/relationships/address_requirement", "address_requirement - is invalid")
	case identityID != "" && idn == nil:
		w.fail("/data/relationships/identity", "identity - is invalid")
	case addressID != "" && addr == nil:
		w.fail("/data/relationships/address", "address - is invalid")
	case idn != nil && addr != nil && addr.identityID != idn.id:
		w.fail("/data/relationships/address", "address - does not belong to the identity")
	}
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	if idn == nil {
		idn = reg.identity(addr.identityID)
	}
	if items := s.missing(reg, req, idn, addr); len(items) > 0 {
		return 0, nil, unsatisfied(items)
	}
	// The recorded answer has no attributes, and the requirement's id.
	return http.StatusCreated, map[string]any{"data": map[string]any{"id": req.ID, "type": "address_requirement_validations"},
		"meta": map[string]any{"api_version": c.version}}, nil
}
