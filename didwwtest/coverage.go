package didwwtest

import (
	"hash/fnv"
	"math/big"
	"net/http"
	"reflect"
	"slices"
	"strings"
)

// registrations are every resource the server serves, one entry each.
func (s *Server) registrations() *registry {
	r := newRegistry()
	for _, res := range []*resource{
		s.countries(), s.regions(), s.areas(), s.cities(), s.groupTypes(), s.skus(), s.groups(),
		s.requirements(), s.nanpaPrefixes(), s.availableDIDs(), s.reservationResource(), s.orderResource(),
		s.didResource(), s.historyResource(), s.balanceResource(), s.pops(), s.trunkResource(),
		s.trunkGroupResource(), s.poolResource(), s.pricings(), s.sharedResource(), s.smsTrunkGroupResource(),
		s.outTrunkResource(), s.regenerateResource(), s.exportResource(), s.emergencyRequirementResource(),
		s.emergencyValidationResource(), s.emergencyServiceResource(), s.emergencyVerificationResource(),
		s.proofTypes(), s.templates(), s.identityResource(), s.addressResource(), s.proofResource(),
		s.permanentDocResource(), s.publicKeyResource(), s.encryptedFileResource(), s.validationResource(),
		s.verificationResource(), s.senderIDResource(), s.smsTrunkResource(), s.regenerateSMSResource(),
	} {
		r.add(res)
	}
	return r
}

func ptrs[T any](in []T) []*T {
	out := make([]*T, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}

// newOf returns a new empty T, allocated when T is a pointer type: an
// object for sample.
func newOf[T any]() T {
	var zero T
	if t := reflect.TypeOf(&zero).Elem(); t.Kind() == reflect.Pointer {
		return reflect.New(t.Elem()).Interface().(T)
	}
	return zero
}

// numberSelection is the gate of reservations and available DIDs: 403 for
// an account without number selection, as the API answers.
func numberSelection(c *call) *apiError {
	if c.acct.noNumberSelection {
		return newError(http.StatusForbidden, "403", "Forbidden", "Numbers selection is not enabled for the account.")
	}
	return nil
}

func (s *Server) countries() *resource {
	return readOnly(&kind[*Country]{all: ptrs(s.cat.Countries), id: func(x *Country) string { return x.ID },
		listSpec: listSpec[*Country]{typ: "countries",
			filters: map[string]filterFn[*Country]{
				"id":           fEq(func(x *Country) string { return x.ID }),
				"iso":          fEq(func(x *Country) string { return x.ISO }),
				"name":         fName(func(x *Country) string { return x.Name }),
				"prefix":       fEq(func(x *Country) string { return x.Prefix }),
				"is_available": fBool("is_available", func(x *Country) bool { return s.idx.countryAvailable[x.ID] }),
			},
			sorts: map[string]func(a, b *Country) int{
				"iso":    func(a, b *Country) int { return cmpStr(a.ISO, b.ISO) },
				"name":   func(a, b *Country) int { return cmpStr(a.Name, b.Name) },
				"prefix": func(a, b *Country) int { return cmpStr(a.Prefix, b.Prefix) },
			},
			includes: []string{"regions"},
			obj: func(x *Country) *obj {
				return &obj{typ: "countries", id: x.ID,
					attrs: map[string]any{"name": x.Name, "prefix": nullable(x.Prefix), "iso": x.ISO},
					rels:  []rel{toMany("regions", "regions", s.idx.regionsOf[x.ID])}}
			},
		}})
}

func (s *Server) regions() *resource {
	return readOnly(&kind[*Region]{all: ptrs(s.cat.Regions), id: func(x *Region) string { return x.ID },
		listSpec: listSpec[*Region]{typ: "regions",
			filters: map[string]filterFn[*Region]{
				"id":         fEq(func(x *Region) string { return x.ID }),
				"country.id": fEq(func(x *Region) string { return x.CountryID }),
				"iso":        fEq(func(x *Region) string { return x.ISO }),
				"name":       fName(func(x *Region) string { return x.Name }),
			},
			sorts: map[string]func(a, b *Region) int{
				"iso":  func(a, b *Region) int { return cmpStr(a.ISO, b.ISO) },
				"name": func(a, b *Region) int { return cmpStr(a.Name, b.Name) },
			},
			includes: []string{"country"},
			obj: func(x *Region) *obj {
				return &obj{typ: "regions", id: x.ID, attrs: map[string]any{"name": x.Name, "iso": nullable(x.ISO)},
					rels: []rel{toOne("country", "countries", x.CountryID)}}
			},
		}})
}

func (s *Server) areas() *resource {
	return readOnly(&kind[*Area]{all: ptrs(s.cat.Areas), id: func(x *Area) string { return x.ID },
		listSpec: listSpec[*Area]{typ: "areas", paginated: true,
			filters: map[string]filterFn[*Area]{
				"id":         fEq(func(x *Area) string { return x.ID }),
				"country.id": fEq(func(x *Area) string { return x.CountryID }),
				"name":       fName(func(x *Area) string { return x.Name }),
			},
			sorts:    map[string]func(a, b *Area) int{"name": func(a, b *Area) int { return cmpStr(a.Name, b.Name) }},
			includes: []string{"country"},
			obj: func(x *Area) *obj {
				return &obj{typ: "areas", id: x.ID, attrs: map[string]any{"name": x.Name},
					rels: []rel{toOne("country", "countries", x.CountryID)}}
			},
		}})
}

func (s *Server) cities() *resource {
	return readOnly(&kind[*City]{all: ptrs(s.cat.Cities), id: func(x *City) string { return x.ID },
		listSpec: listSpec[*City]{typ: "cities", paginated: true,
			filters: map[string]filterFn[*City]{
				"id":           fEq(func(x *City) string { return x.ID }),
				"country.id":   fEq(func(x *City) string { return x.CountryID }),
				"region.id":    fEq(func(x *City) string { return x.RegionID }),
				"area.id":      fEq(func(x *City) string { return x.AreaID }),
				"name":         fName(func(x *City) string { return x.Name }),
				"is_available": fBool("is_available", func(x *City) bool { return s.idx.cityAvailable[x.ID] }),
			},
			sorts:    map[string]func(a, b *City) int{"name": func(a, b *City) int { return cmpStr(a.Name, b.Name) }},
			includes: []string{"country", "region", "area"},
			obj: func(x *City) *obj {
				return &obj{typ: "cities", id: x.ID, attrs: map[string]any{"name": x.Name},
					rels: []rel{toOne("country", "countries", x.CountryID), toOne("region", "regions", x.RegionID),
						toOne("area", "areas", x.AreaID)}}
			},
		}})
}

func (s *Server) groupTypes() *resource {
	res := readOnly(&kind[*DIDGroupType]{all: ptrs(s.cat.DIDGroupTypes), id: func(x *DIDGroupType) string { return x.ID },
		listSpec: listSpec[*DIDGroupType]{typ: "did_group_types", paginated: true,
			filters: map[string]filterFn[*DIDGroupType]{
				"id":   fEq(func(x *DIDGroupType) string { return x.ID }),
				"name": fName(func(x *DIDGroupType) string { return x.Name }),
			},
			sorts: map[string]func(a, b *DIDGroupType) int{"name": func(a, b *DIDGroupType) int { return cmpStr(a.Name, b.Name) }},
			obj: func(x *DIDGroupType) *obj {
				return &obj{typ: "did_group_types", id: x.ID, attrs: map[string]any{"name": x.Name}}
			},
		}})
	res.changes = groupTypeChanges
	return res
}

// skus have no endpoint: they are reached through did_groups' include.
func (s *Server) skus() *resource {
	var all []*StockKeepingUnit
	for i := range s.cat.DIDGroups {
		all = append(all, ptrs(s.cat.DIDGroups[i].StockKeepingUnits)...)
	}
	res := readOnly(&kind[*StockKeepingUnit]{all: all, id: func(x *StockKeepingUnit) string { return x.ID }, noList: true,
		listSpec: listSpec[*StockKeepingUnit]{typ: "stock_keeping_units",
			obj: func(x *StockKeepingUnit) *obj {
				return &obj{typ: "stock_keeping_units", id: x.ID, attrs: map[string]any{
					"setup_price": x.SetupPrice, "monthly_price": x.MonthlyPrice, "channels_included_count": x.ChannelsIncludedCount}}
			},
		}})
	res.show = nil
	return res
}

// totalCountLocked is a group's numbers in stock: quantity stock plus unsold
// specific numbers.
func (s *Server) totalCountLocked(g *DIDGroup) int {
	n := s.stock[g.ID]
	for _, d := range s.idx.numbersOf[g.ID] {
		if !s.sold[d.ID] {
			n++
		}
	}
	return n
}

// groupObj writes a DID group. Only available_dids_enabled is always in its
// meta; the others are left out of included groups, and out of any answer
// where the catalogue says the API leaves them out (AbsentMeta).
func (s *Server) groupObj(g *DIDGroup) *obj {
	features := g.Features
	if features == nil {
		features = []string{}
	}
	skus := make([]string, len(g.StockKeepingUnits))
	for i, k := range g.StockKeepingUnits {
		skus[i] = k.ID
	}
	primary := map[string]any{"needs_registration": g.NeedsRegistration, "is_available": g.IsAvailable,
		"total_count": s.totalCountLocked(g)}
	for _, k := range g.AbsentMeta {
		delete(primary, k)
	}
	return &obj{typ: "did_groups", id: g.ID,
		attrs: map[string]any{
			"prefix": g.Prefix, "area_name": g.AreaName, "features": features,
			"is_metered": g.IsMetered, "allow_additional_channels": g.AllowAdditionalChannels,
			"service_restrictions": nullable(g.ServiceRestrictions),
			"number_type":          nullable(s.idx.numberType[g.DIDGroupTypeID]), "is_demo": g.IsDemo,
		},
		meta:        map[string]any{"available_dids_enabled": g.AvailableDIDsEnabled},
		primaryMeta: primary,
		rels: []rel{
			toOne("country", "countries", g.CountryID), toOne("city", "cities", g.CityID),
			toOne("did_group_type", "did_group_types", g.DIDGroupTypeID), toOne("region", "regions", g.RegionID),
			toMany("stock_keeping_units", "stock_keeping_units", skus),
			toOne("address_requirement", "address_requirements", g.AddressRequirementID),
		}}
}

func (s *Server) groups() *resource {
	name := func(names map[string]string, id string) string { return names[id] }
	res := readOnly(&kind[*DIDGroup]{all: ptrs(s.cat.DIDGroups), id: func(g *DIDGroup) string { return g.ID },
		listSpec: listSpec[*DIDGroup]{typ: "did_groups", paginated: true, obj: s.groupObj,
			filters: s.groupFilters(),
			sorts: map[string]func(a, b *DIDGroup) int{
				"prefix":                    func(a, b *DIDGroup) int { return cmpStr(a.Prefix, b.Prefix) },
				"area_name":                 func(a, b *DIDGroup) int { return cmpStr(a.AreaName, b.AreaName) },
				"is_metered":                func(a, b *DIDGroup) int { return cmpBool(a.IsMetered, b.IsMetered) },
				"allow_additional_channels": func(a, b *DIDGroup) int { return cmpBool(a.AllowAdditionalChannels, b.AllowAdditionalChannels) },
				"service_restrictions":      func(a, b *DIDGroup) int { return cmpStr(a.ServiceRestrictions, b.ServiceRestrictions) },
				"country.name": func(a, b *DIDGroup) int {
					return cmpStr(name(s.idx.countryName, a.CountryID), name(s.idx.countryName, b.CountryID))
				},
				"did_group_type.name": func(a, b *DIDGroup) int {
					return cmpStr(name(s.idx.groupTypeName, a.DIDGroupTypeID), name(s.idx.groupTypeName, b.DIDGroupTypeID))
				},
				"number_type": func(a, b *DIDGroup) int {
					return cmpStr(s.idx.numberType[a.DIDGroupTypeID], s.idx.numberType[b.DIDGroupTypeID])
				},
				"is_demo": func(a, b *DIDGroup) int { return cmpBool(a.IsDemo, b.IsDemo) },
			},
			includes: []string{"country", "city", "did_group_type", "region", "stock_keeping_units", "address_requirement"},
		}})
	res.changes = groupChanges
	return res
}

func (s *Server) groupFilters() map[string]filterFn[*DIDGroup] {
	return map[string]filterFn[*DIDGroup]{
		"id":                        fEq(func(g *DIDGroup) string { return g.ID }),
		"prefix":                    fEq(func(g *DIDGroup) string { return g.Prefix }),
		"area_name":                 fEq(func(g *DIDGroup) string { return g.AreaName }),
		"country.id":                fEq(func(g *DIDGroup) string { return g.CountryID }),
		"region.id":                 fEq(func(g *DIDGroup) string { return g.RegionID }),
		"city.id":                   fEq(func(g *DIDGroup) string { return g.CityID }),
		"did_group_type.id":         fEq(func(g *DIDGroup) string { return g.DIDGroupTypeID }),
		"nanpa_prefix.id":           fAny(func(g *DIDGroup) []string { return g.NanpaPrefixIDs }),
		"features":                  fFeatures("features", func(g *DIDGroup) []string { return g.Features }),
		"is_metered":                fBool("is_metered", func(g *DIDGroup) bool { return g.IsMetered }),
		"allow_additional_channels": fBool("allow_additional_channels", func(g *DIDGroup) bool { return g.AllowAdditionalChannels }),
		"available_dids_enabled":    fBool("available_dids_enabled", func(g *DIDGroup) bool { return g.AvailableDIDsEnabled }),
		"needs_registration":        fBool("needs_registration", func(g *DIDGroup) bool { return g.NeedsRegistration }),
		"is_available":              fBool("is_available", func(g *DIDGroup) bool { return g.IsAvailable }),
		"nanpa_prefix.npanxx": fAny(func(g *DIDGroup) []string {
			var out []string
			for _, id := range g.NanpaPrefixIDs {
				if p := s.idx.nanpa[id]; p != nil {
					out = append(out, p.NPA+p.NXX)
				}
			}
			return out
		}),
		"meta.total_count_gteq": fIntAtLeast("meta.total_count_gteq", s.totalCountLocked),
		"number_type":           fNumberType("number_type", func(g *DIDGroup) string { return s.idx.numberType[g.DIDGroupTypeID] }),
		"is_demo":               fBool("is_demo", func(g *DIDGroup) bool { return g.IsDemo }),
	}
}

func (s *Server) requirements() *resource {
	type req = AddressRequirement
	res := readOnly(&kind[*req]{all: ptrs(s.cat.AddressRequirements), id: func(x *req) string { return x.ID },
		listSpec: listSpec[*req]{typ: "address_requirements", paginated: true, obj: s.requirementObj,
			filters: map[string]filterFn[*req]{
				"id":                fEq(func(x *req) string { return x.ID }),
				"country.id":        fEq(func(x *req) string { return x.CountryID }),
				"did_group_type.id": fEq(func(x *req) string { return x.DIDGroupTypeID }),
				"number_type":       fNumberType("number_type", func(x *req) string { return s.idx.numberType[x.DIDGroupTypeID] }),
			},
			sorts: map[string]func(a, b *req) int{
				"address_proof_qty":            func(a, b *req) int { return a.AddressProofQty - b.AddressProofQty },
				"business_proof_qty":           func(a, b *req) int { return a.BusinessProofQty - b.BusinessProofQty },
				"personal_proof_qty":           func(a, b *req) int { return a.PersonalProofQty - b.PersonalProofQty },
				"restriction_message":          func(a, b *req) int { return cmpStr(a.RestrictionMessage, b.RestrictionMessage) },
				"service_description_required": func(a, b *req) int { return cmpBool(a.ServiceDescriptionRequired, b.ServiceDescriptionRequired) },
			},
			includes: []string{"country", "did_group_type", "personal_permanent_document", "business_permanent_document",
				"personal_onetime_document", "business_onetime_document", "personal_proof_types", "business_proof_types", "address_proof_types"},
		}})
	res.changes = requirementChanges
	return res
}

func (s *Server) requirementObj(x *AddressRequirement) *obj {
	list := func(v []string) any {
		if v == nil {
			return nil
		}
		return v
	}
	return &obj{typ: "address_requirements", id: x.ID,
		attrs: map[string]any{
			"identity_type": x.IdentityType, "personal_area_level": nullable(x.PersonalAreaLevel),
			"business_area_level": nullable(x.BusinessAreaLevel), "address_area_level": x.AddressAreaLevel,
			"personal_proof_qty": x.PersonalProofQty, "business_proof_qty": x.BusinessProofQty,
			"address_proof_qty": x.AddressProofQty, "personal_mandatory_fields": list(x.PersonalMandatoryFields),
			"business_mandatory_fields":    list(x.BusinessMandatoryFields),
			"service_description_required": x.ServiceDescriptionRequired, "restriction_message": x.RestrictionMessage,
			"number_type": nullable(s.idx.numberType[x.DIDGroupTypeID]),
		},
		rels: []rel{
			toOne("country", "countries", x.CountryID), toOne("did_group_type", "did_group_types", x.DIDGroupTypeID),
			toOne("personal_permanent_document", "supporting_document_templates", x.PersonalPermanentDocumentID),
			toOne("business_permanent_document", "supporting_document_templates", x.BusinessPermanentDocumentID),
			toOne("personal_onetime_document", "supporting_document_templates", x.PersonalOnetimeDocumentID),
			toOne("business_onetime_document", "supporting_document_templates", x.BusinessOnetimeDocumentID),
			toMany("personal_proof_types", "proof_types", x.PersonalProofTypeIDs),
			toMany("business_proof_types", "proof_types", x.BusinessProofTypeIDs),
			toMany("address_proof_types", "proof_types", x.AddressProofTypeIDs),
		}}
}

func (s *Server) nanpaPrefixes() *resource {
	groupsOf := func(p *NanpaPrefix) []*DIDGroup { return s.idx.groupsOfNanpa[p.ID] }
	return readOnly(&kind[*NanpaPrefix]{all: ptrs(s.cat.NanpaPrefixes), id: func(x *NanpaPrefix) string { return x.ID },
		listSpec: listSpec[*NanpaPrefix]{typ: "nanpa_prefixes", paginated: true,
			filters: map[string]filterFn[*NanpaPrefix]{
				"id":         fEq(func(x *NanpaPrefix) string { return x.ID }),
				"country.id": fEq(func(x *NanpaPrefix) string { return x.CountryID }),
				"region.id":  fEq(func(x *NanpaPrefix) string { return x.RegionID }),
				"npa":        fEq(func(x *NanpaPrefix) string { return x.NPA }),
				"nxx":        fEq(func(x *NanpaPrefix) string { return x.NXX }),
				"npanxx":     fEq(func(x *NanpaPrefix) string { return x.NPA + x.NXX }),
				"did_group.features": fFeatures("did_group.features", func(x *NanpaPrefix) []string {
					var out []string
					for _, g := range groupsOf(x) {
						out = append(out, g.Features...)
					}
					return out
				}),
				"did_group.is_available": fBool("did_group.is_available", func(x *NanpaPrefix) bool {
					return slices.ContainsFunc(groupsOf(x), func(g *DIDGroup) bool { return g.IsAvailable })
				}),
			},
			sorts: map[string]func(a, b *NanpaPrefix) int{
				"npa": func(a, b *NanpaPrefix) int { return cmpStr(a.NPA, b.NPA) },
				"nxx": func(a, b *NanpaPrefix) int { return cmpStr(a.NXX, b.NXX) },
			},
			includes: []string{"country", "region"},
			obj: func(x *NanpaPrefix) *obj {
				return &obj{typ: "nanpa_prefixes", id: x.ID, attrs: map[string]any{"npa": x.NPA, "nxx": x.NXX},
					rels: []rel{toOne("country", "countries", x.CountryID), toOne("region", "regions", x.RegionID)}}
			},
		}})
}

// availableCap is how many numbers one GET /available_dids returns at most.
const availableCap = 100

// visibleLocked says whether acct may see (and reserve or buy) number d:
// it is unsold, its group offers number selection, and no one else holds it.
func (s *Server) visibleLocked(d *AvailableDID, acct *account) bool {
	if s.sold[d.ID] {
		return false
	}
	if g := s.idx.groups[d.DIDGroupID]; g == nil || !g.AvailableDIDsEnabled {
		return false
	}
	h := s.heldBy[d.ID]
	return h == nil || h.acct == acct
}

func (s *Server) availableDIDs() *resource {
	res := readOnly(&kind[*AvailableDID]{all: ptrs(s.cat.AvailableDIDs), id: func(d *AvailableDID) string { return d.ID },
		visible: func(c *call, d *AvailableDID) bool { return s.visibleLocked(d, c.acct) },
		gate:    numberSelection,
		listSpec: listSpec[*AvailableDID]{typ: "available_dids", obj: numberObj,
			filters: s.numberFilters(),
			// The API accepts sort=number, but its order is random.
			sorts:    map[string]func(a, b *AvailableDID) int{"number": nil},
			includes: []string{"did_group", "did_group.stock_keeping_units", "nanpa_prefix"},
			check:    checkNumberContains,
			meta:     func(total int) map[string]any { return map[string]any{"total_count": total} },
			limit:    availableCap,
			order:    s.shuffleNumbers,
		}})
	res.changes = numberChanges
	return res
}

func numberObj(x *AvailableDID) *obj {
	return &obj{typ: "available_dids", id: x.ID, attrs: map[string]any{"number": x.Number},
		rels: []rel{toOne("did_group", "did_groups", x.DIDGroupID), toOne("nanpa_prefix", "nanpa_prefixes", x.NanpaPrefixID)}}
}

func (s *Server) numberFilters() map[string]filterFn[*AvailableDID] {
	group := func(d *AvailableDID) *DIDGroup { return s.idx.groups[d.DIDGroupID] }
	return map[string]filterFn[*AvailableDID]{
		"id":                           fEq(func(d *AvailableDID) string { return d.ID }),
		"did_group.id":                 fEq(func(d *AvailableDID) string { return d.DIDGroupID }),
		"nanpa_prefix.id":              fEq(func(d *AvailableDID) string { return d.NanpaPrefixID }),
		"country.id":                   fEq(func(d *AvailableDID) string { return group(d).CountryID }),
		"region.id":                    fEq(func(d *AvailableDID) string { return group(d).RegionID }),
		"city.id":                      fEq(func(d *AvailableDID) string { return group(d).CityID }),
		"did_group_type.id":            fEq(func(d *AvailableDID) string { return group(d).DIDGroupTypeID }),
		"did_group.features":           fFeatures("did_group.features", func(d *AvailableDID) []string { return group(d).Features }),
		"did_group.needs_registration": fBool("did_group.needs_registration", func(d *AvailableDID) bool { return group(d).NeedsRegistration }),
		"did_group.number_type": fNumberType("did_group.number_type", func(d *AvailableDID) string {
			return s.idx.numberType[group(d).DIDGroupTypeID]
		}),
		"number_contains": func(v string) (func(*AvailableDID) bool, *apiError) {
			return func(d *AvailableDID) bool { return strings.Contains(d.Number, v) }, nil
		},
	}
}

// checkNumberContains refuses a number_contains of fewer than 3 digits
// unless a coverage filter narrows the search.
func checkNumberContains(f map[string]string) *apiError {
	v, ok := f["number_contains"]
	if !ok {
		return nil
	}
	digits := strings.Trim(v, "0123456789") == "" && v != ""
	if !digits || (len(v) < 3 && len(f) == 1) {
		return badRequest("107", "Invalid filter value", "number_contains needs at least 3 digits or a coverage filter.")
	}
	return nil
}

// shuffleNumbers orders numbers as the API does not promise any order: by
// a hash of the server's seed and the number's id, so that a run repeats.
func (s *Server) shuffleNumbers(_ *call, items []*AvailableDID) []*AvailableDID {
	key := func(d *AvailableDID) uint64 {
		h := fnv.New64a()
		_, _ = h.Write([]byte{byte(s.cfg.faultSeed), byte(s.cfg.faultSeed >> 8), byte(s.cfg.faultSeed >> 16), byte(s.cfg.faultSeed >> 24)})
		_, _ = h.Write([]byte(d.ID))
		return h.Sum64()
	}
	out := slices.Clone(items)
	slices.SortFunc(out, func(a, b *AvailableDID) int {
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// reservationResource registers the reservation endpoints of reservations.go.
func (s *Server) reservationResource() *resource {
	return &resource{typ: "did_reservations", list: s.listReservations, show: s.showReservation,
		create: s.createReservation, del: s.deleteReservation, includes: reservationIncludes, gate: numberSelection,
		sample: s.reservationObj(&reservation{}),
		find: func(c *call, id string) *obj {
			if r := s.ownReservationLocked(c, id); r != nil {
				return s.reservationObj(r)
			}
			return nil
		}}
}

// orderResource registers the order endpoints of orders.go.
func (s *Server) orderResource() *resource {
	return &resource{typ: "orders", list: s.listOrders, show: s.showOrder, create: s.createOrder,
		update: s.updateOrder, del: s.cancelOrder, sample: s.orderObj(&order{amount: new(big.Rat)}),
		find: func(c *call, id string) *obj {
			if o := s.ownOrderLocked(c, id); o != nil {
				return s.orderObj(o)
			}
			return nil
		}}
}
