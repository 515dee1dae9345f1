package didwwtest

import (
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
)

// Catalogue is the coverage a Server sells: countries, regions, areas,
// cities, DID group types, DID groups with their SKUs, address requirements,
// NANPA prefixes, capacity pools and specific available numbers. It is read
// only once a server uses it. Its JSON form (the field tags below) is what
// LoadCatalogue reads.
type Catalogue struct {
	Countries           []Country            `json:"countries"`
	Regions             []Region             `json:"regions"`
	Areas               []Area               `json:"areas,omitempty"`
	Cities              []City               `json:"cities"`
	DIDGroupTypes       []DIDGroupType       `json:"did_group_types"`
	AddressRequirements []AddressRequirement `json:"address_requirements,omitempty"`
	DIDGroups           []DIDGroup           `json:"did_groups"`
	NanpaPrefixes       []NanpaPrefix        `json:"nanpa_prefixes,omitempty"`
	AvailableDIDs       []AvailableDID       `json:"available_dids,omitempty"`
	CapacityPools       []CapacityPool       `json:"capacity_pools,omitempty"`
	Pops                []Pop                `json:"pops,omitempty"`
	// EmergencyRequirements are served at /emergency_requirements (emergency.go).
	EmergencyRequirements []EmergencyRequirement `json:"emergency_requirements,omitempty"`
	// ProofTypes and SupportingDocumentTemplates are what address
	// requirements ask for (registration.go).
	ProofTypes                  []ProofType                  `json:"proof_types,omitempty"`
	SupportingDocumentTemplates []SupportingDocumentTemplate `json:"supporting_document_templates,omitempty"`
}

// Country is a country of coverage; an empty Prefix is sent as null.
type Country struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Prefix string `json:"prefix"`
	ISO    string `json:"iso"`
}

// Region is a subdivision of a country; an empty ISO is sent as null.
type Region struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ISO       string `json:"iso"`
	CountryID string `json:"country_id"`
}

// Area is a numbering area grouping cities.
type Area struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CountryID string `json:"country_id"`
}

// City is a city of coverage. RegionID and AreaID may be empty.
type City struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CountryID string `json:"country_id"`
	RegionID  string `json:"region_id,omitempty"`
	AreaID    string `json:"area_id,omitempty"`
}

// DIDGroupType is a kind of number: Local, Mobile, Toll-free, National.
// NumberType is its 2026-11-19 name (one of NumberTypes), which that
// version writes on the DID groups and address requirements of the type in
// place of the did_group_type relationship.
type DIDGroupType struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	NumberType string `json:"number_type"`
}

// NumberTypes are the values of number_type in 2026-11-19.
var NumberTypes = []string{"local", "national", "mobile", "toll_free", "shared_cost", "global"}

// AddressRequirement says what a buyer must prove for a DID group.
type AddressRequirement struct {
	ID                         string   `json:"id"`
	CountryID                  string   `json:"country_id,omitempty"`
	DIDGroupTypeID             string   `json:"did_group_type_id,omitempty"`
	IdentityType               string   `json:"identity_type"`
	PersonalAreaLevel          string   `json:"personal_area_level,omitempty"`
	BusinessAreaLevel          string   `json:"business_area_level,omitempty"`
	AddressAreaLevel           string   `json:"address_area_level"`
	PersonalProofQty           int      `json:"personal_proof_qty"`
	BusinessProofQty           int      `json:"business_proof_qty"`
	AddressProofQty            int      `json:"address_proof_qty"`
	PersonalMandatoryFields    []string `json:"personal_mandatory_fields,omitempty"`
	BusinessMandatoryFields    []string `json:"business_mandatory_fields,omitempty"`
	ServiceDescriptionRequired bool     `json:"service_description_required"`
	RestrictionMessage         string   `json:"restriction_message"`
	// The document templates asked for ("" for none): a permanent one is
	// filed once for the identity, a onetime one goes with each address
	// verification.
	PersonalPermanentDocumentID string `json:"personal_permanent_document_id,omitempty"`
	BusinessPermanentDocumentID string `json:"business_permanent_document_id,omitempty"`
	PersonalOnetimeDocumentID   string `json:"personal_onetime_document_id,omitempty"`
	BusinessOnetimeDocumentID   string `json:"business_onetime_document_id,omitempty"`
	// The proof types accepted for the *ProofQty proofs.
	PersonalProofTypeIDs []string `json:"personal_proof_type_ids,omitempty"`
	BusinessProofTypeIDs []string `json:"business_proof_type_ids,omitempty"`
	AddressProofTypeIDs  []string `json:"address_proof_type_ids,omitempty"`
	// RejectReasons, when set, make the server reject every address
	// verification under the requirement with these reasons.
	RejectReasons []string `json:"reject_reasons,omitempty"`
}

// DIDGroup is a group of numbers sharing a prefix, with its price options.
// Stock is how many numbers can be bought by quantity (SKU orders); the
// group's meta total_count is Stock plus its unsold available numbers.
type DIDGroup struct {
	ID     string `json:"id"`
	Prefix string `json:"prefix"`
	// LocalPrefix is not served (2026-04-16 has no local_prefix); it is
	// kept so that catalogue files that have it still load.
	LocalPrefix             string   `json:"local_prefix"`
	AreaName                string   `json:"area_name"`
	Features                []string `json:"features"`
	IsMetered               bool     `json:"is_metered"`
	AllowAdditionalChannels bool     `json:"allow_additional_channels"`
	ServiceRestrictions     string   `json:"service_restrictions,omitempty"`
	CountryID               string   `json:"country_id"`
	RegionID                string   `json:"region_id,omitempty"`
	CityID                  string   `json:"city_id,omitempty"`
	DIDGroupTypeID          string   `json:"did_group_type_id"`
	AddressRequirementID    string   `json:"address_requirement_id,omitempty"`
	NanpaPrefixIDs          []string `json:"nanpa_prefix_ids,omitempty"`
	AvailableDIDsEnabled    bool     `json:"available_dids_enabled"`
	// IsDemo flags a demo group (the is_demo attribute of 2026-11-19).
	IsDemo            bool `json:"is_demo,omitempty"`
	NeedsRegistration bool `json:"needs_registration"`
	IsAvailable       bool `json:"is_available"`
	// AbsentMeta names the resource meta keys (total_count, is_available,
	// needs_registration) the API leaves out of this group's answers, as it
	// often does; an included group never carries them.
	AbsentMeta        []string           `json:"absent_meta,omitempty"`
	Stock             int                `json:"stock"`
	StockKeepingUnits []StockKeepingUnit `json:"stock_keeping_units"`
}

// StockKeepingUnit is a price option of a DID group; prices are decimal
// strings, VAT excluded.
type StockKeepingUnit struct {
	ID                    string `json:"id"`
	SetupPrice            string `json:"setup_price"`
	MonthlyPrice          string `json:"monthly_price"`
	ChannelsIncludedCount int    `json:"channels_included_count"`
}

// NanpaPrefix is a North American NPA-NXX.
type NanpaPrefix struct {
	ID        string `json:"id"`
	NPA       string `json:"npa"`
	NXX       string `json:"nxx"`
	CountryID string `json:"country_id"`
	RegionID  string `json:"region_id,omitempty"`
}

// AvailableDID is a specific number that can be reserved and bought.
type AvailableDID struct {
	ID            string `json:"id"`
	Number        string `json:"number"`
	DIDGroupID    string `json:"did_group_id"`
	NanpaPrefixID string `json:"nanpa_prefix_id,omitempty"`
}

// CapacityPool can be ordered with capacity_order_items; each channel costs
// SetupPrice once and MonthlyPrice a month. Every account has each pool of
// the catalogue, with channels of its own: none until it orders some.
type CapacityPool struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	SetupPrice   string `json:"setup_price"`
	MonthlyPrice string `json:"monthly_price"`
	// MeteredRate is the per-minute rate once the pool is exhausted ("" is "0.0").
	MeteredRate string `json:"metered_rate,omitempty"`
	// MinimumLimit is the floor of the pool's total channels: a PATCH may
	// not lower them below it.
	MinimumLimit int `json:"minimum_limit,omitempty"`
	// MinimumQtyPerOrder is the fewest channels one capacity order item
	// may buy (0 is 1).
	MinimumQtyPerOrder int               `json:"minimum_qty_per_order,omitempty"`
	CountryIDs         []string          `json:"country_ids,omitempty"`
	QtyBasedPricings   []QtyBasedPricing `json:"qty_based_pricings,omitempty"`
}

// QtyBasedPricing is a price break of a capacity pool: from Qty channels
// on, each costs these prices.
type QtyBasedPricing struct {
	ID           string `json:"id"`
	Qty          int    `json:"qty"`
	SetupPrice   string `json:"setup_price"`
	MonthlyPrice string `json:"monthly_price"`
}

// Pop is a DIDWW point of presence a voice-in trunk can be pinned to.
type Pop struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Code is how API version 2026-11-19 names the POP in a trunk's pop
	// attribute (NYC, FRA, LAC, MIA, SG, HK, AMS); a POP without one
	// cannot be pinned under that version.
	Code string `json:"code,omitempty"`
}

// IDs of the default catalogue that tests and examples may rely on. Those
// marked "seed" are the ids of DIDWW's own guide pages.
const (
	CountryUSID          = "1f6fc2bd-f081-4202-9b1a-d9cb88d942b9" // seed
	CountryCAID          = "24eb6e85-f628-4765-bbb2-420e48de76f2" // seed
	CityLosAngelesID     = "f6672960-da2b-48a4-9f30-0065a8c54182" // seed
	CityLondonID         = "e696dec7-9c65-4e99-aab7-55a1f98154f0" // seed
	DIDGroupLosAngelesID = "7fa8ba67-0622-4ac3-8ade-4aadf92566c5" // seed
	DIDGroupNewYorkID    = "916c8f4d-2108-4d79-853b-7c545ee83f8c" // seed
	DIDGroupLondonID     = "fc271bcc-1f9c-4c19-8174-28b7c55a208a" // seed
	DIDGroupAachenID     = "ac160b14-e670-490f-b158-d3ba552c623f" // seed; needs registration
	// SKULosAngelesMeteredID costs 0.0 setup and 0.09 a month, no channels.
	SKULosAngelesMeteredID = "72f3a8a8-cd1e-41fc-8d4c-829e4fb8cdea" // seed
	// SKULosAngelesChannelsID costs 4.0 setup and 4.0 a month, 2 channels.
	SKULosAngelesChannelsID  = "0c6a151e-15e9-495e-b0b4-a5af4c8be393" // seed
	AvailableDIDLosAngelesID = "ea9884ee-887e-4c20-befb-286db7cf55da" // seed, number 12132933575
	AvailableDIDNewYorkID    = "75a21935-acfd-4160-8485-9fb7d049f144" // seed, number 12124727604
	DIDGroupTypeLocalID      = "2b8e5c2a-8f4e-4bd1-9d1c-8c3d1f0e7a11"
	DIDGroupTypeMobileID     = "0d51924c-e863-44ff-be59-10547c138955" // seed
	DIDGroupTypeTollFreeID   = "6a0c7b52-3f7e-4c55-b0a4-2f8e9a1c5d22"
	DIDGroupTypeNationalID   = "9e4d2f17-5b6a-4e83-8c1f-7d2a3b4c5e33"
	CapacityPoolID           = "b3e1f2a4-6c7d-4e8f-9a0b-1c2d3e4f5a66"
	PopNewYorkID             = "c1d2e3f4-0a1b-4c2d-8e3f-4a5b6c7d8e01"
	PopFrankfurtID           = "c1d2e3f4-0a1b-4c2d-8e3f-4a5b6c7d8e02"
)

// uid derives a stable UUID-shaped id from a name, so that the catalogue is
// the same on every run.
func uid(name string) string {
	h := sha1.Sum([]byte("didwwtest/" + name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// LoadCatalogue reads a catalogue in its JSON form (see Catalogue) and
// checks it: every id present and unique within its kind, every reference
// resolving, every price an exact decimal.
func LoadCatalogue(r io.Reader) (*Catalogue, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var c Catalogue
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("didwwtest: reading catalogue: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Validate reports the first inconsistency of c: a missing or duplicate id,
// a reference to nothing, a price that is not a decimal.
func (c *Catalogue) Validate() error {
	if c == nil {
		return errors.New("didwwtest: nil catalogue")
	}
	k := &catalogueCheck{seen: map[string]map[string]bool{}}
	for _, x := range c.Countries {
		k.add("country", x.ID)
	}
	for _, x := range c.DIDGroupTypes {
		k.add("did_group_type", x.ID)
		if !slices.Contains(NumberTypes, x.NumberType) {
			k.fail("DID group type %s has number_type %q, not one of %v", x.ID, x.NumberType, NumberTypes)
		}
	}
	for _, x := range c.Regions {
		k.add("region", x.ID)
		k.ref("country", x.CountryID, "region "+x.ID, false)
	}
	for _, x := range c.Areas {
		k.add("area", x.ID)
		k.ref("country", x.CountryID, "area "+x.ID, false)
	}
	for _, x := range c.Cities {
		k.add("city", x.ID)
		k.ref("country", x.CountryID, "city "+x.ID, false)
		k.ref("region", x.RegionID, "city "+x.ID, true)
		k.ref("area", x.AreaID, "city "+x.ID, true)
	}
	k.registration(c)
	for _, x := range c.EmergencyRequirements {
		k.add("emergency_requirement", x.ID)
		k.ref("country", x.CountryID, "emergency requirement "+x.ID, false)
		k.ref("did_group_type", x.DIDGroupTypeID, "emergency requirement "+x.ID, false)
	}
	for _, x := range c.NanpaPrefixes {
		k.add("nanpa_prefix", x.ID)
		k.ref("country", x.CountryID, "NANPA prefix "+x.ID, false)
		k.ref("region", x.RegionID, "NANPA prefix "+x.ID, true)
	}
	for _, x := range c.Pops {
		k.add("pop", x.ID)
	}
	for i := range c.CapacityPools {
		k.pool(&c.CapacityPools[i])
	}
	for i := range c.DIDGroups {
		k.group(&c.DIDGroups[i])
	}
	k.numbers(c.AvailableDIDs)
	return k.err
}

// catalogueCheck keeps the ids seen so far and the first error.
type catalogueCheck struct {
	seen map[string]map[string]bool
	err  error
}

func (k *catalogueCheck) fail(format string, args ...any) {
	if k.err == nil {
		k.err = fmt.Errorf("didwwtest: catalogue: "+format, args...)
	}
}

func (k *catalogueCheck) add(kind, id string) {
	if strings.TrimSpace(id) == "" {
		k.fail("a %s has no id", kind)
		return
	}
	if k.seen[kind] == nil {
		k.seen[kind] = map[string]bool{}
	}
	if k.seen[kind][id] {
		k.fail("duplicate %s id %q", kind, id)
	}
	k.seen[kind][id] = true
}

func (k *catalogueCheck) ref(kind, id, from string, optional bool) {
	if (id != "" || !optional) && !k.seen[kind][id] {
		k.fail("%s refers to unknown %s %q", from, kind, id)
	}
}

func (k *catalogueCheck) prices(from string, prices ...string) {
	for _, p := range prices {
		if _, ok := parseDecimal(p); !ok {
			k.fail("%s has price %q, not a decimal", from, p)
		}
	}
}

func (k *catalogueCheck) pool(p *CapacityPool) {
	from := "capacity pool " + p.ID
	k.add("capacity_pool", p.ID)
	k.prices(from, p.SetupPrice, p.MonthlyPrice)
	if p.MeteredRate != "" {
		k.prices(from, p.MeteredRate)
	}
	if p.MinimumLimit < 0 || p.MinimumQtyPerOrder < 0 {
		k.fail("%s has a negative minimum", from)
	}
	for _, id := range p.CountryIDs {
		k.ref("country", id, from, false)
	}
	for _, q := range p.QtyBasedPricings {
		k.add("qty_based_pricing", q.ID)
		k.prices("qty based pricing "+q.ID, q.SetupPrice, q.MonthlyPrice)
		if q.Qty < 1 {
			k.fail("qty based pricing %s starts at %d channels", q.ID, q.Qty)
		}
	}
}

// groupMeta are the resource meta keys a DID group may leave out (AbsentMeta).
var groupMeta = []string{"total_count", "is_available", "needs_registration"}

func (k *catalogueCheck) group(g *DIDGroup) {
	from := "DID group " + g.ID
	k.add("did_group", g.ID)
	k.ref("country", g.CountryID, from, false)
	k.ref("region", g.RegionID, from, true)
	k.ref("city", g.CityID, from, true)
	k.ref("did_group_type", g.DIDGroupTypeID, from, false)
	k.ref("address_requirement", g.AddressRequirementID, from, true)
	if g.Stock < 0 {
		k.fail("%s has negative stock", from)
	}
	for _, np := range g.NanpaPrefixIDs {
		k.ref("nanpa_prefix", np, from, false)
	}
	for _, s := range g.StockKeepingUnits {
		k.add("stock_keeping_unit", s.ID)
		k.prices("SKU "+s.ID, s.SetupPrice, s.MonthlyPrice)
	}
	for _, m := range g.AbsentMeta {
		if !slices.Contains(groupMeta, m) {
			k.fail("%s: absent_meta %q is not one of %v", from, m, groupMeta)
		}
	}
}

func (k *catalogueCheck) numbers(list []AvailableDID) {
	numbers := map[string]bool{}
	for _, d := range list {
		from := "available DID " + d.ID
		k.add("available_did", d.ID)
		k.ref("did_group", d.DIDGroupID, from, false)
		k.ref("nanpa_prefix", d.NanpaPrefixID, from, true)
		if d.Number == "" || numbers[d.Number] {
			k.fail("%s has an empty or duplicate number %q", from, d.Number)
		}
		numbers[d.Number] = true
	}
}

// parseDecimal reads a plain decimal string such as "4.0" or "0.09" exactly.
func parseDecimal(s string) (*big.Rat, bool) {
	if s == "" || strings.ContainsAny(s, "eE/+") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// formatDecimal writes r with as few decimals as it needs, and at least one
// ("8.0", "0.09"), as the API's prices look.
func formatDecimal(r *big.Rat) string { return formatMin(r, 1) }

// formatMoney writes a balance with at least two decimals ("100.00").
func formatMoney(r *big.Rat) string { return formatMin(r, 2) }

func formatMin(r *big.Rat, minDecimals int) string {
	for d := minDecimals; d <= 12; d++ {
		scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)))
		if scaled.IsInt() {
			return r.FloatString(d)
		}
	}
	return r.FloatString(12)
}
