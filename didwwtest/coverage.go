package didwwtest

import (
	"math/big"
	"net/http"
	"slices"
	"strings"
)

// Objects of the catalogue, as the API writes them.

func (s *Server) countryObj(x *Country) *obj {
	var regions []string
	for _, r := range s.cat.Regions {
		if r.CountryID == x.ID {
			regions = append(regions, r.ID)
		}
	}
	return &obj{typ: "countries", id: x.ID,
		attrs: map[string]any{"name": x.Name, "prefix": nullable(x.Prefix), "iso": x.ISO},
		rels:  []rel{toMany("regions", "regions", regions)}}
}

func (s *Server) regionObj(x *Region) *obj {
	return &obj{typ: "regions", id: x.ID, attrs: map[string]any{"name": x.Name, "iso": nullable(x.ISO)},
		rels: []rel{toOne("country", "countries", x.CountryID)}}
}

func (s *Server) areaObj(x *Area) *obj {
	return &obj{typ: "areas", id: x.ID, attrs: map[string]any{"name": x.Name},
		rels: []rel{toOne("country", "countries", x.CountryID)}}
}

func (s *Server) cityObj(x *City) *obj {
	return &obj{typ: "cities", id: x.ID, attrs: map[string]any{"name": x.Name},
		rels: []rel{toOne("country", "countries", x.CountryID), toOne("region", "regions", x.RegionID), toOne("area", "areas", x.AreaID)}}
}

func (s *Server) groupTypeObj(x *DIDGroupType) *obj {
	return &obj{typ: "did_group_types", id: x.ID, attrs: map[string]any{"name": x.Name}}
}

func (s *Server) skuObj(x *StockKeepingUnit) *obj {
	return &obj{typ: "stock_keeping_units", id: x.ID, attrs: map[string]any{
		"setup_price": x.SetupPrice, "monthly_price": x.MonthlyPrice, "channels_included_count": x.ChannelsIncludedCount}}
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

func (s *Server) groupObj(g *DIDGroup) *obj {
	features := g.Features
	if features == nil {
		features = []string{}
	}
	skus := make([]string, len(g.StockKeepingUnits))
	for i, k := range g.StockKeepingUnits {
		skus[i] = k.ID
	}
	return &obj{typ: "did_groups", id: g.ID,
		attrs: map[string]any{
			"prefix": g.Prefix, "local_prefix": g.LocalPrefix, "area_name": g.AreaName, "features": features,
			"is_metered": g.IsMetered, "allow_additional_channels": g.AllowAdditionalChannels,
			"service_restrictions": nullable(g.ServiceRestrictions),
		},
		meta: map[string]any{
			"available_dids_enabled": g.AvailableDIDsEnabled, "needs_registration": g.NeedsRegistration,
			"is_available": g.IsAvailable, "total_count": s.totalCountLocked(g),
		},
		rels: []rel{
			toOne("country", "countries", g.CountryID), toOne("city", "cities", g.CityID),
			toOne("did_group_type", "did_group_types", g.DIDGroupTypeID), toOne("region", "regions", g.RegionID),
			toMany("stock_keeping_units", "stock_keeping_units", skus),
			toOne("address_requirement", "address_requirements", g.AddressRequirementID),
		}}
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
		},
		rels: []rel{
			toOne("country", "countries", x.CountryID), toOne("did_group_type", "did_group_types", x.DIDGroupTypeID),
			toOne("personal_permanent_document", "supporting_document_templates", ""),
			toOne("business_permanent_document", "supporting_document_templates", ""),
			toOne("personal_onetime_document", "supporting_document_templates", ""),
			toOne("business_onetime_document", "supporting_document_templates", ""),
			toMany("personal_proof_types", "proof_types", nil),
			toMany("business_proof_types", "proof_types", nil),
			toMany("address_proof_types", "proof_types", nil),
		}}
}

func (s *Server) nanpaObj(x *NanpaPrefix) *obj {
	return &obj{typ: "nanpa_prefixes", id: x.ID, attrs: map[string]any{"npa": x.NPA, "nxx": x.NXX},
		rels: []rel{toOne("country", "countries", x.CountryID), toOne("region", "regions", x.RegionID)}}
}

func (s *Server) numberObj(x *AvailableDID) *obj {
	return &obj{typ: "available_dids", id: x.ID, attrs: map[string]any{"number": x.Number},
		rels: []rel{toOne("did_group", "did_groups", x.DIDGroupID), toOne("nanpa_prefix", "nanpa_prefixes", x.NanpaPrefixID)}}
}

// resolveLocked finds the object a relationship points at, or nil.
func (s *Server) resolveLocked(r ref) *obj {
	x := s.idx
	switch r.Type {
	case "countries":
		if v := x.countries[r.ID]; v != nil {
			return s.countryObj(v)
		}
	case "regions":
		if v := x.regions[r.ID]; v != nil {
			return s.regionObj(v)
		}
	case "areas":
		if v := x.areas[r.ID]; v != nil {
			return s.areaObj(v)
		}
	case "cities":
		if v := x.cities[r.ID]; v != nil {
			return s.cityObj(v)
		}
	case "did_group_types":
		if v := x.groupTypes[r.ID]; v != nil {
			return s.groupTypeObj(v)
		}
	case "did_groups":
		if v := x.groups[r.ID]; v != nil {
			return s.groupObj(v)
		}
	case "stock_keeping_units":
		if v := x.skus[r.ID]; v != nil {
			return s.skuObj(v)
		}
	case "address_requirements":
		if v := x.requirements[r.ID]; v != nil {
			return s.requirementObj(v)
		}
	case "nanpa_prefixes":
		if v := x.nanpa[r.ID]; v != nil {
			return s.nanpaObj(v)
		}
	case "available_dids":
		if v := x.numbers[r.ID]; v != nil {
			return s.numberObj(v)
		}
	}
	return nil
}

func ptrs[T any](in []T) []*T {
	out := make([]*T, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}

// Countries.

func (s *Server) countrySpec() *listSpec[*Country] {
	return &listSpec[*Country]{
		typ: "countries",
		filters: map[string]filterFn[*Country]{
			"id":           fEq(func(x *Country) string { return x.ID }),
			"iso":          fEq(func(x *Country) string { return x.ISO }),
			"name":         fEq(func(x *Country) string { return x.Name }),
			"prefix":       fEq(func(x *Country) string { return x.Prefix }),
			"is_available": fBool("is_available", func(x *Country) bool { return s.idx.countryAvailable[x.ID] }),
		},
		sorts: map[string]func(a, b *Country) int{
			"iso":    func(a, b *Country) int { return cmpStr(a.ISO, b.ISO) },
			"name":   func(a, b *Country) int { return cmpStr(a.Name, b.Name) },
			"prefix": func(a, b *Country) int { return cmpStr(a.Prefix, b.Prefix) },
		},
		includes: []string{"regions"},
		obj:      s.countryObj,
	}
}

func (s *Server) listCountries(c *call, _ string) (int, any, *apiError) {
	return serveList(c, s.countrySpec(), ptrs(s.cat.Countries))
}

func (s *Server) showCountry(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"countries", id}), id, []string{"regions"}, nil, http.StatusOK)
}

// Regions.

func (s *Server) listRegions(c *call, _ string) (int, any, *apiError) {
	spec := &listSpec[*Region]{
		typ: "regions",
		filters: map[string]filterFn[*Region]{
			"id":         fEq(func(x *Region) string { return x.ID }),
			"country.id": fEq(func(x *Region) string { return x.CountryID }),
			"iso":        fEq(func(x *Region) string { return x.ISO }),
			"name":       fEq(func(x *Region) string { return x.Name }),
		},
		sorts: map[string]func(a, b *Region) int{
			"iso":  func(a, b *Region) int { return cmpStr(a.ISO, b.ISO) },
			"name": func(a, b *Region) int { return cmpStr(a.Name, b.Name) },
		},
		includes: []string{"country"},
		obj:      s.regionObj,
	}
	return serveList(c, spec, ptrs(s.cat.Regions))
}

func (s *Server) showRegion(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"regions", id}), id, []string{"country"}, nil, http.StatusOK)
}

// Areas.

func (s *Server) listAreas(c *call, _ string) (int, any, *apiError) {
	spec := &listSpec[*Area]{
		typ: "areas",
		filters: map[string]filterFn[*Area]{
			"id":         fEq(func(x *Area) string { return x.ID }),
			"country.id": fEq(func(x *Area) string { return x.CountryID }),
			"name":       fEq(func(x *Area) string { return x.Name }),
		},
		sorts:     map[string]func(a, b *Area) int{"name": func(a, b *Area) int { return cmpStr(a.Name, b.Name) }},
		includes:  []string{"country"},
		paginated: true,
		obj:       s.areaObj,
	}
	return serveList(c, spec, ptrs(s.cat.Areas))
}

func (s *Server) showArea(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"areas", id}), id, []string{"country"}, nil, http.StatusOK)
}

// Cities.

var cityIncludes = []string{"country", "region", "area"}

func (s *Server) listCities(c *call, _ string) (int, any, *apiError) {
	spec := &listSpec[*City]{
		typ: "cities",
		filters: map[string]filterFn[*City]{
			"id":           fEq(func(x *City) string { return x.ID }),
			"country.id":   fEq(func(x *City) string { return x.CountryID }),
			"region.id":    fEq(func(x *City) string { return x.RegionID }),
			"area.id":      fEq(func(x *City) string { return x.AreaID }),
			"name":         fEq(func(x *City) string { return x.Name }),
			"is_available": fBool("is_available", func(x *City) bool { return s.idx.cityAvailable[x.ID] }),
		},
		sorts:     map[string]func(a, b *City) int{"name": func(a, b *City) int { return cmpStr(a.Name, b.Name) }},
		includes:  cityIncludes,
		paginated: true,
		obj:       s.cityObj,
	}
	return serveList(c, spec, ptrs(s.cat.Cities))
}

func (s *Server) showCity(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"cities", id}), id, cityIncludes, nil, http.StatusOK)
}

// DID group types.

func (s *Server) listGroupTypes(c *call, _ string) (int, any, *apiError) {
	spec := &listSpec[*DIDGroupType]{
		typ: "did_group_types",
		filters: map[string]filterFn[*DIDGroupType]{
			"id":   fEq(func(x *DIDGroupType) string { return x.ID }),
			"name": fEq(func(x *DIDGroupType) string { return x.Name }),
		},
		sorts:     map[string]func(a, b *DIDGroupType) int{"name": func(a, b *DIDGroupType) int { return cmpStr(a.Name, b.Name) }},
		paginated: true,
		obj:       s.groupTypeObj,
	}
	return serveList(c, spec, ptrs(s.cat.DIDGroupTypes))
}

func (s *Server) showGroupType(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"did_group_types", id}), id, nil, nil, http.StatusOK)
}

// DID groups.

var groupIncludes = []string{"country", "city", "did_group_type", "region", "stock_keeping_units", "address_requirement"}

// knownFeatures are the feature values the API documents.
var knownFeatures = []string{"voice_in", "voice_out", "t38", "sms_in", "sms_out", "p2p", "a2p", "emergency", "cnam_out"}

func fFeatures[T any](name string, get func(T) []string) filterFn[T] {
	match := fAny(get)
	return func(v string) (func(T) bool, *apiError) {
		for _, f := range splitValues(v) {
			if !slices.Contains(knownFeatures, f) {
				return nil, invalidFilter(name, f)
			}
		}
		return match(v)
	}
}

func (s *Server) groupSpec() *listSpec[*DIDGroup] {
	groupType := func(g *DIDGroup) string {
		if t := s.idx.groupTypes[g.DIDGroupTypeID]; t != nil {
			return t.Name
		}
		return ""
	}
	countryName := func(g *DIDGroup) string {
		if t := s.idx.countries[g.CountryID]; t != nil {
			return t.Name
		}
		return ""
	}
	return &listSpec[*DIDGroup]{
		typ: "did_groups",
		filters: map[string]filterFn[*DIDGroup]{
			"id":                        fEq(func(g *DIDGroup) string { return g.ID }),
			"prefix":                    fEq(func(g *DIDGroup) string { return g.Prefix }),
			"local_prefix":              fEq(func(g *DIDGroup) string { return g.LocalPrefix }),
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
		},
		sorts: map[string]func(a, b *DIDGroup) int{
			"prefix":                    func(a, b *DIDGroup) int { return cmpStr(a.Prefix, b.Prefix) },
			"local_prefix":              func(a, b *DIDGroup) int { return cmpStr(a.LocalPrefix, b.LocalPrefix) },
			"area_name":                 func(a, b *DIDGroup) int { return cmpStr(a.AreaName, b.AreaName) },
			"is_metered":                func(a, b *DIDGroup) int { return cmpBool(a.IsMetered, b.IsMetered) },
			"allow_additional_channels": func(a, b *DIDGroup) int { return cmpBool(a.AllowAdditionalChannels, b.AllowAdditionalChannels) },
			"service_restrictions":      func(a, b *DIDGroup) int { return cmpStr(a.ServiceRestrictions, b.ServiceRestrictions) },
			"country.name":              func(a, b *DIDGroup) int { return cmpStr(countryName(a), countryName(b)) },
			"did_group_type.name":       func(a, b *DIDGroup) int { return cmpStr(groupType(a), groupType(b)) },
		},
		includes:  groupIncludes,
		paginated: true,
		obj:       s.groupObj,
	}
}

func (s *Server) listGroups(c *call, _ string) (int, any, *apiError) {
	return serveList(c, s.groupSpec(), ptrs(s.cat.DIDGroups))
}

func (s *Server) showGroup(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"did_groups", id}), id, groupIncludes, nil, http.StatusOK)
}

// NANPA prefixes.

func (s *Server) listNanpa(c *call, _ string) (int, any, *apiError) {
	groupsOf := func(p *NanpaPrefix) []*DIDGroup { return s.idx.groupsOfNanpa[p.ID] }
	spec := &listSpec[*NanpaPrefix]{
		typ: "nanpa_prefixes",
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
				for _, g := range groupsOf(x) {
					if g.IsAvailable {
						return true
					}
				}
				return false
			}),
		},
		sorts: map[string]func(a, b *NanpaPrefix) int{
			"npa": func(a, b *NanpaPrefix) int { return cmpStr(a.NPA, b.NPA) },
			"nxx": func(a, b *NanpaPrefix) int { return cmpStr(a.NXX, b.NXX) },
		},
		includes:  []string{"country", "region"},
		paginated: true,
		obj:       s.nanpaObj,
	}
	return serveList(c, spec, ptrs(s.cat.NanpaPrefixes))
}

func (s *Server) showNanpa(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"nanpa_prefixes", id}), id, []string{"country", "region"}, nil, http.StatusOK)
}

// Available DIDs.

var numberIncludes = []string{"did_group", "nanpa_prefix", "did_group.stock_keeping_units", "did_group.country",
	"did_group.region", "did_group.city", "did_group.did_group_type", "did_group.address_requirement"}

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

func (s *Server) listNumbers(c *call, _ string) (int, any, *apiError) {
	group := func(d *AvailableDID) *DIDGroup { return s.idx.groups[d.DIDGroupID] }
	spec := &listSpec[*AvailableDID]{
		typ: "available_dids",
		filters: map[string]filterFn[*AvailableDID]{
			"id":                           fEq(func(d *AvailableDID) string { return d.ID }),
			"did_group.id":                 fEq(func(d *AvailableDID) string { return d.DIDGroupID }),
			"nanpa_prefix.id":              fEq(func(d *AvailableDID) string { return d.NanpaPrefixID }),
			"country.id":                   fEq(func(d *AvailableDID) string { return group(d).CountryID }),
			"region.id":                    fEq(func(d *AvailableDID) string { return group(d).RegionID }),
			"city.id":                      fEq(func(d *AvailableDID) string { return group(d).CityID }),
			"did_group_type.id":            fEq(func(d *AvailableDID) string { return group(d).DIDGroupTypeID }),
			"did_group.features":           fFeatures("did_group.features", func(d *AvailableDID) []string { return group(d).Features }),
			"did_group.needs_registration": fBool("did_group.needs_registration", func(d *AvailableDID) bool { return group(d).NeedsRegistration }),
			"number_contains": func(v string) (func(*AvailableDID) bool, *apiError) {
				return func(d *AvailableDID) bool { return strings.Contains(d.Number, v) }, nil
			},
		},
		sorts:    map[string]func(a, b *AvailableDID) int{"number": func(a, b *AvailableDID) int { return strings.Compare(a.Number, b.Number) }},
		includes: numberIncludes,
		check: func(f map[string]string) *apiError {
			v, ok := f["number_contains"]
			if !ok {
				return nil
			}
			digits := strings.Trim(v, "0123456789") == "" && v != ""
			if !digits || (len(v) < 3 && len(f) == 1) {
				e := badRequest("107", "Invalid filter value", "number_contains needs at least 3 digits or a coverage filter.")
				e.errs[0].Source = &errorSource{Parameter: "filter[number_contains]"}
				return e
			}
			return nil
		},
		meta:  func(total int) map[string]any { return map[string]any{"total_count": total} },
		limit: availableCap,
		obj:   s.numberObj,
	}
	var items []*AvailableDID
	for i := range s.cat.AvailableDIDs {
		if d := &s.cat.AvailableDIDs[i]; s.visibleLocked(d, c.acct) {
			items = append(items, d)
		}
	}
	return serveList(c, spec, items)
}

func (s *Server) showNumber(c *call, id string) (int, any, *apiError) {
	var o *obj
	if d := s.idx.numbers[id]; d != nil && s.visibleLocked(d, c.acct) {
		o = s.numberObj(d)
	}
	return serveOne(c, o, id, numberIncludes, nil, http.StatusOK)
}

// Address requirements.

var requirementIncludes = []string{"country", "did_group_type", "personal_permanent_document", "business_permanent_document",
	"personal_onetime_document", "business_onetime_document", "personal_proof_types", "business_proof_types", "address_proof_types"}

func (s *Server) listRequirements(c *call, _ string) (int, any, *apiError) {
	spec := &listSpec[*AddressRequirement]{
		typ: "address_requirements",
		filters: map[string]filterFn[*AddressRequirement]{
			"id":                fEq(func(x *AddressRequirement) string { return x.ID }),
			"country.id":        fEq(func(x *AddressRequirement) string { return x.CountryID }),
			"did_group_type.id": fEq(func(x *AddressRequirement) string { return x.DIDGroupTypeID }),
		},
		sorts: map[string]func(a, b *AddressRequirement) int{
			"address_proof_qty":  func(a, b *AddressRequirement) int { return a.AddressProofQty - b.AddressProofQty },
			"business_proof_qty": func(a, b *AddressRequirement) int { return a.BusinessProofQty - b.BusinessProofQty },
			"personal_proof_qty": func(a, b *AddressRequirement) int { return a.PersonalProofQty - b.PersonalProofQty },
			"restriction_message": func(a, b *AddressRequirement) int {
				return cmpStr(a.RestrictionMessage, b.RestrictionMessage)
			},
			"service_description_required": func(a, b *AddressRequirement) int {
				return cmpBool(a.ServiceDescriptionRequired, b.ServiceDescriptionRequired)
			},
		},
		includes:  requirementIncludes,
		paginated: true,
		obj:       s.requirementObj,
	}
	return serveList(c, spec, ptrs(s.cat.AddressRequirements))
}

func (s *Server) showRequirement(c *call, id string) (int, any, *apiError) {
	return serveOne(c, s.resolveLocked(ref{"address_requirements", id}), id, requirementIncludes, nil, http.StatusOK)
}

// otherTypes are the API's resource types the server never writes; a
// fields[] of one of them is allowed and changes nothing.
var otherTypes = []string{"dids", "did_history", "balances", "pops", "voice_in_trunks", "voice_in_trunk_groups",
	"capacity_pools", "qty_based_pricings", "shared_capacity_groups", "voice_out_trunks",
	"voice_out_trunk_regenerate_credentials", "identities", "addresses", "proof_types", "proofs", "public_keys",
	"encrypted_files", "supporting_document_templates", "permanent_supporting_documents", "address_verifications",
	"address_requirement_validations", "exports", "emergency_requirements", "emergency_requirement_validations",
	"emergency_calling_services", "emergency_verifications"}

// fieldTable lists the attributes and relationships of every type the
// server writes, from the objects themselves, for fields[] to be checked.
func (s *Server) fieldTable() map[string]map[string]bool {
	samples := []*obj{
		s.countryObj(&Country{}), s.regionObj(&Region{}), s.areaObj(&Area{}), s.cityObj(&City{}),
		s.groupTypeObj(&DIDGroupType{}), s.skuObj(&StockKeepingUnit{}), s.groupObj(&DIDGroup{}),
		s.requirementObj(&AddressRequirement{}), s.nanpaObj(&NanpaPrefix{}), s.numberObj(&AvailableDID{}),
		s.reservationObj(&reservation{}), s.orderObj(&order{amount: new(big.Rat)}),
	}
	t := map[string]map[string]bool{}
	for _, o := range samples {
		names := map[string]bool{}
		for k := range o.attrs {
			names[k] = true
		}
		for _, r := range o.rels {
			names[r.name] = true
		}
		t[o.typ] = names
	}
	for _, typ := range otherTypes {
		t[typ] = nil
	}
	return t
}
