package didwwtest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

func identityObj(r *regState, x *identity) *obj {
	var proofs, addrs, docs []string
	for _, p := range r.proofs {
		if p.entity == (ref{"identities", x.id}) {
			proofs = append(proofs, p.id)
		}
	}
	for _, a := range r.addresses {
		if a.identityID == x.id {
			addrs = append(addrs, a.id)
		}
	}
	for _, d := range r.docs {
		if d.identityID == x.id {
			docs = append(docs, d.id)
		}
	}
	return &obj{typ: "identities", id: x.id,
		attrs: map[string]any{
			"identity_type": x.identityType, "first_name": x.firstName, "last_name": x.lastName, "phone_number": x.phone,
			"contact_email": optPtr(x.contactEmail), "company_name": optPtr(x.companyName),
			"company_reg_number": optPtr(x.companyReg), "vat_id": optPtr(x.vatID), "id_number": optPtr(x.idNumber),
			"personal_tax_id": optPtr(x.taxID), "birth_date": optPtr(x.birthDate), "description": optPtr(x.description),
			"external_reference_id": optPtr(x.extRef), "created_at": timestamp(x.createdAt), "verified": x.verified,
			"company_website": optPtr(x.website),
		},
		rels: []rel{toOne("country", "countries", x.countryID), toOne("birth_country", "countries", x.birthCountryID),
			toMany("proofs", "proofs", proofs), toMany("addresses", "addresses", addrs),
			toMany("permanent_documents", "permanent_supporting_documents", docs)}}
}

var identityIncludes = []string{"country", "birth_country", "proofs", "addresses", "permanent_documents"}

// identityText are the identity's string attributes its filters and sorts read.
var identityText = map[string]func(x *identity) string{
	"company_name": func(x *identity) string { return deref(x.companyName) }, "company_reg_number": func(x *identity) string { return deref(x.companyReg) },
	"description": func(x *identity) string { return deref(x.description) }, "first_name": func(x *identity) string { return x.firstName },
	"id_number": func(x *identity) string { return deref(x.idNumber) }, "last_name": func(x *identity) string { return x.lastName },
	"personal_tax_id": func(x *identity) string { return deref(x.taxID) }, "phone_number": func(x *identity) string { return x.phone },
	"vat_id": func(x *identity) string { return deref(x.vatID) },
}

func identityFilters(*call) map[string]filterFn[*identity] {
	m := map[string]filterFn[*identity]{
		"id":                    fEq(func(x *identity) string { return x.id }),
		"birth_date":            fEq(func(x *identity) string { return deref(x.birthDate) }),
		"country.id":            fEq(func(x *identity) string { return x.countryID }),
		"external_reference_id": fEq(func(x *identity) string { return deref(x.extRef) }),
		"identity_type":         fOneOf("identity_type", []string{"personal", "business"}, func(x *identity) string { return x.identityType }),
	}
	for name, get := range identityText {
		withContains(m, name, get)
	}
	return m
}

func identitySorts() map[string]func(a, b *identity) int {
	m := map[string]func(a, b *identity) int{
		"birth_date":            func(a, b *identity) int { return cmpStr(deref(a.birthDate), deref(b.birthDate)) },
		"contact_email":         func(a, b *identity) int { return cmpStr(deref(a.contactEmail), deref(b.contactEmail)) },
		"created_at":            func(a, b *identity) int { return a.createdAt.Compare(b.createdAt) },
		"external_reference_id": func(a, b *identity) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
		"verified":              func(a, b *identity) int { return cmpBool(a.verified, b.verified) },
	}
	for name, get := range identityText {
		m[name] = func(a, b *identity) int { return cmpStr(get(a), get(b)) }
	}
	return m
}

// identityResource registers identities: list, show, create, update and
// delete, which also deletes the identity's addresses and documents.
func (s *Server) identityResource() *resource {
	res := ownedResource(&owned[identity]{typ: "identities", includes: identityIncludes, paginated: true,
		items: func(r *regState) *[]*identity { return &r.identities }, id: func(x *identity) string { return x.id },
		obj: identityObj, filters: identityFilters, sorts: identitySorts(),
		deleted: func(r *regState, x *identity) {
			for _, a := range r.addresses {
				if a.identityID == x.id {
					r.dropProofsOf(ref{"addresses", a.id})
				}
			}
			r.addresses = slices.DeleteFunc(r.addresses, func(a *address) bool { return a.identityID == x.id })
			r.docs = slices.DeleteFunc(r.docs, func(d *permDoc) bool { return d.identityID == x.id })
			r.dropProofsOf(ref{"identities", x.id})
		},
		inUse: func(c *call, x *identity) *apiError {
			for _, a := range c.acct.reg.addresses {
				if a.identityID == x.id && emergencyServiceOf(c.acct, a.id) {
					return conflict("The identity is still in use: an emergency calling service registered to it has not finished.")
				}
			}
			return nil
		}})
	res.create, res.update = s.createIdentity, s.updateIdentity
	res.changes = identityChanges
	return res
}

// identityChanges: company_website arrives in 2026-11-19.
var identityChanges = map[string]*change{
	defaultAPIVersion: {without: map[string]string{"company_website": newIn1119("company_website")}},
}

func (r *regState) dropProofsOf(entity ref) {
	r.proofs = slices.DeleteFunc(r.proofs, func(p *proof) bool { return p.entity == entity })
}

func identityWrite(c *call, update bool) writeSpec {
	attrs := []string{"first_name", "last_name", "phone_number", "contact_email", "company_name", "company_reg_number",
		"vat_id", "id_number", "personal_tax_id", "birth_date", "description", "external_reference_id"}
	if !update {
		attrs = append(attrs, "identity_type")
	}
	if c.version >= version20261119 {
		attrs = append(attrs, "company_website")
	}
	return writeSpec{typ: "identities", isUpdate: update, attrs: attrs, rels: []string{"country", "birth_country"}}
}

func (s *Server) createIdentity(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, identityWrite(c, false), "")
	if e != nil {
		return 0, nil, e
	}
	x := &identity{createdAt: c.now}
	var typ string
	if given, _ := decodeAttr(w, "identity_type", false, &typ); !given || (typ != "personal" && typ != "business") {
		w.failAttr("identity_type", "is not included in the list")
	}
	x.identityType = typ
	s.readIdentity(w, x, true)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.id = s.nextIDLocked("identity")
	c.acct.reg.identities = append(c.acct.reg.identities, x)
	return answerOne(c, identityObj(&c.acct.reg, x), http.StatusCreated)
}

func (s *Server) updateIdentity(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, identityWrite(c, true), id)
	if e != nil {
		return 0, nil, e
	}
	x := c.acct.reg.identity(id)
	if x == nil {
		return 0, nil, notFound(id)
	}
	next := *x
	s.readIdentity(w, &next, false)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*x = next
	return answerOne(c, identityObj(&c.acct.reg, x), http.StatusOK)
}

// readIdentity reads an identity write into x and validates it as a whole.
func (s *Server) readIdentity(w *writeDoc, x *identity, create bool) {
	w.required("first_name", create, &x.firstName)
	w.required("last_name", create, &x.lastName)
	w.required("phone_number", create, &x.phone)
	if w.has("phone_number") && x.phone != "" && !allDigits(x.phone) {
		w.failAttr("phone_number", "must contain digits only")
	}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"contact_email", &x.contactEmail}, {"company_name", &x.companyName}, {"company_reg_number", &x.companyReg},
		{"vat_id", &x.vatID}, {"id_number", &x.idNumber}, {"personal_tax_id", &x.taxID}, {"birth_date", &x.birthDate},
		{"description", &x.description}, {"company_website", &x.website}} {
		w.optString(f.name, f.dst)
	}
	w.externalRef(&x.extRef)
	if x.contactEmail != nil && !strings.Contains(*x.contactEmail, "@") {
		w.failAttr("contact_email", "is invalid")
	}
	if x.birthDate != nil {
		if _, err := time.Parse(time.DateOnly, *x.birthDate); err != nil {
			w.failAttr("birth_date", "must be a date (YYYY-MM-DD)")
		}
	}
	if x.identityType == "business" && deref(x.companyName) == "" {
		w.failAttr("company_name", "can't be blank")
	}
	if x.identityType == "personal" && x.website != nil {
		w.failAttr("company_website", "must be blank for a personal identity")
	}
	for _, l := range []struct {
		name string
		dst  *string
	}{{"country", &x.countryID}, {"birth_country", &x.birthCountryID}} {
		if id, given := w.toOne(l.name, "countries"); given {
			if id != "" && s.country(id) == nil {
				w.fail("/data/relationships/"+l.name, l.name+" - is invalid")
			}
			*l.dst = id
		}
	}
}

func addressObj(r *regState, x *address) *obj {
	var proofs []string
	for _, p := range r.proofs {
		if p.entity == (ref{"addresses", x.id}) {
			proofs = append(proofs, p.id)
		}
	}
	return &obj{typ: "addresses", id: x.id,
		attrs: map[string]any{"address": x.street, "city_name": x.cityName, "postal_code": x.postalCode,
			"description": optPtr(x.description), "external_reference_id": optPtr(x.extRef),
			"created_at": timestamp(x.createdAt), "verified": x.verified},
		rels: []rel{toOne("identity", "identities", x.identityID), toOne("country", "countries", x.countryID),
			toOne("area", "areas", x.areaID), toOne("city", "cities", x.cityID), toMany("proofs", "proofs", proofs)}}
}

var addressIncludes = []string{"identity", "country", "area", "city", "proofs"}

func addressFilters(c *call) map[string]filterFn[*address] {
	m := map[string]filterFn[*address]{
		"id":                    fEq(func(x *address) string { return x.id }),
		"area.id":               fEq(func(x *address) string { return x.areaID }),
		"city.id":               fEq(func(x *address) string { return x.cityID }),
		"country.id":            fEq(func(x *address) string { return x.countryID }),
		"external_reference_id": fEq(func(x *address) string { return deref(x.extRef) }),
		"identity.id":           fEq(func(x *address) string { return x.identityID }),
		"identity.external_reference_id": fEq(func(x *address) string {
			if i := c.acct.reg.identity(x.identityID); i != nil {
				return deref(i.extRef)
			}
			return ""
		}),
	}
	withContains(m, "address", func(x *address) string { return x.street })
	withContains(m, "city_name", func(x *address) string { return x.cityName })
	withContains(m, "description", func(x *address) string { return deref(x.description) })
	withContains(m, "postal_code", func(x *address) string { return x.postalCode })
	return m
}

var addressSorts = map[string]func(a, b *address) int{
	"address":               func(a, b *address) int { return cmpStr(a.street, b.street) },
	"city_name":             func(a, b *address) int { return cmpStr(a.cityName, b.cityName) },
	"created_at":            func(a, b *address) int { return a.createdAt.Compare(b.createdAt) },
	"description":           func(a, b *address) int { return cmpStr(deref(a.description), deref(b.description)) },
	"external_reference_id": func(a, b *address) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
	"postal_code":           func(a, b *address) int { return cmpStr(a.postalCode, b.postalCode) },
	"verified":              func(a, b *address) int { return cmpBool(a.verified, b.verified) },
}

// addressResource registers addresses: list, show, create, update, delete.
func (s *Server) addressResource() *resource {
	res := ownedResource(&owned[address]{typ: "addresses", includes: addressIncludes, paginated: true,
		items: func(r *regState) *[]*address { return &r.addresses }, id: func(x *address) string { return x.id },
		obj: addressObj, filters: addressFilters, sorts: addressSorts,
		deleted: func(r *regState, x *address) { r.dropProofsOf(ref{"addresses", x.id}) },
		inUse:   addressInUse})
	res.create, res.update = s.createAddress, s.updateAddress
	return res
}

func addressWrite(update bool) writeSpec {
	spec := writeSpec{typ: "addresses", isUpdate: update,
		attrs: []string{"address", "city_name", "postal_code", "description", "external_reference_id"}}
	if !update {
		spec.rels = []string{"identity", "country"}
	}
	return spec
}

func (s *Server) createAddress(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, addressWrite(false), "")
	if e != nil {
		return 0, nil, e
	}
	x := &address{createdAt: c.now}
	readAddress(w, x, true)
	identityID, _ := w.toOne("identity", "identities")
	countryID, _ := w.toOne("country", "countries")
	switch {
	case w.bad != nil:
	case identityID == "" || countryID == "":
		return 0, nil, badRequest("106", "Missing parameter", "The required relationships, identity and country, are missing.")
	case c.acct.reg.identity(identityID) == nil:
		w.fail("/data/relationships/identity", "identity - is invalid")
	case s.country(countryID) == nil:
		w.fail("/data/relationships/country", "country - is invalid")
	}
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.id, x.identityID, x.countryID = s.nextIDLocked("address"), identityID, countryID
	s.placeAddress(x)
	c.acct.reg.addresses = append(c.acct.reg.addresses, x)
	return answerOne(c, addressObj(&c.acct.reg, x), http.StatusCreated)
}

func (s *Server) updateAddress(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, addressWrite(true), id)
	if e != nil {
		return 0, nil, e
	}
	x := c.acct.reg.address(id)
	if x == nil {
		return 0, nil, notFound(id)
	}
	next := *x
	readAddress(w, &next, false)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*x = next
	s.placeAddress(x)
	return answerOne(c, addressObj(&c.acct.reg, x), http.StatusOK)
}

func readAddress(w *writeDoc, x *address, create bool) {
	w.required("address", create, &x.street)
	w.required("city_name", create, &x.cityName)
	w.required("postal_code", create, &x.postalCode)
	w.optString("description", &x.description)
	w.externalRef(&x.extRef)
}

// placeAddress sets the address's city and area: the catalogue's city of
// its city_name in its country, compared ignoring case.
func (s *Server) placeAddress(x *address) {
	x.cityID, x.areaID = "", ""
	for _, ct := range s.cat.Cities {
		if ct.CountryID == x.countryID && strings.EqualFold(ct.Name, strings.TrimSpace(x.cityName)) {
			x.cityID, x.areaID = ct.ID, ct.AreaID
			return
		}
	}
}

// addressInUse says why 2026-11-19 keeps an address (DIDWW's OpenAPI
// 2026-10-22 draft): a verification of it is pending, or an emergency
// calling service registered to it has not finished.
func addressInUse(c *call, x *address) *apiError {
	if c.acct.reg.pendingFor(x.id) {
		return conflict("The address is still in use: a verification of it is pending.")
	}
	if emergencyServiceOf(c.acct, x.id) {
		return conflict("The address is still in use: an emergency calling service registered to it has not finished.")
	}
	return nil
}

// conflict is a 409 "still in use" answer.
func conflict(detail string) *apiError {
	return newError(http.StatusConflict, "409", "Conflict", detail)
}

// pendingFor says whether a verification of the address is under review.
func (r *regState) pendingFor(addressID string) bool {
	return slices.ContainsFunc(r.verifications, func(v *verification) bool { return v.addressID == addressID && v.status == "pending" })
}

// underReview says whether a pending verification relies on the documents
// of entity: its address, or that address's identity.
func (r *regState) underReview(entity ref) bool {
	for _, a := range r.addresses {
		if r.pendingFor(a.id) && (entity == ref{"addresses", a.id} || entity == ref{"identities", a.identityID}) {
			return true
		}
	}
	return false
}

// documentInUse refuses, with 422, deleting a document a verification
// still under review relies on (DIDWW's OpenAPI 2026-10-22 draft).
func documentInUse(r *regState, entity ref) *apiError {
	if r.underReview(entity) {
		return validation("/data", "is relied on by a verification still under review")
	}
	return nil
}

// emergencyServiceOf says whether an emergency calling service that is not
// canceled was registered to the address.
func emergencyServiceOf(a *account, addressID string) bool {
	for _, svc := range a.more.ecs {
		if svc.status == "canceled" {
			continue
		}
		if v := findIn(a.more.evs, func(v *emergencyVerification) string { return v.id }, svc.vID); v != nil && v.addressID == addressID {
			return true
		}
	}
	return false
}
