package didwwtest

import (
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
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
type DIDGroupType struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

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
}

// DIDGroup is a group of numbers sharing a prefix, with its price options.
// Stock is how many numbers can be bought by quantity (SKU orders); the
// group's meta total_count is Stock plus its unsold available numbers.
type DIDGroup struct {
	ID                      string             `json:"id"`
	Prefix                  string             `json:"prefix"`
	LocalPrefix             string             `json:"local_prefix"`
	AreaName                string             `json:"area_name"`
	Features                []string           `json:"features"`
	IsMetered               bool               `json:"is_metered"`
	AllowAdditionalChannels bool               `json:"allow_additional_channels"`
	ServiceRestrictions     string             `json:"service_restrictions,omitempty"`
	CountryID               string             `json:"country_id"`
	RegionID                string             `json:"region_id,omitempty"`
	CityID                  string             `json:"city_id,omitempty"`
	DIDGroupTypeID          string             `json:"did_group_type_id"`
	AddressRequirementID    string             `json:"address_requirement_id,omitempty"`
	NanpaPrefixIDs          []string           `json:"nanpa_prefix_ids,omitempty"`
	AvailableDIDsEnabled    bool               `json:"available_dids_enabled"`
	NeedsRegistration       bool               `json:"needs_registration"`
	IsAvailable             bool               `json:"is_available"`
	Stock                   int                `json:"stock"`
	StockKeepingUnits       []StockKeepingUnit `json:"stock_keeping_units"`
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
// SetupPrice once and MonthlyPrice a month.
type CapacityPool struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	SetupPrice   string `json:"setup_price"`
	MonthlyPrice string `json:"monthly_price"`
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
)

// uid derives a stable UUID-shaped id from a name, so that the catalogue is
// the same on every run.
func uid(name string) string {
	h := sha1.Sum([]byte("didwwtest/" + name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// DefaultCatalogue returns the seeded, deterministic catalogue a Server uses
// unless WithCatalogue says otherwise: five countries (US, CA, GB, DE and NL,
// whose only groups are not available), their regions, areas and cities
// (Los Angeles and New York with the ids of DIDWW's guide), Local, Mobile,
// Toll-free and National DID groups with two SKUs each, address
// requirements for German and British groups, NANPA prefixes for the US and
// Canadian cities, a capacity pool and a few hundred available numbers.
// Each call returns a new value.
func DefaultCatalogue() *Catalogue {
	return buildCatalogue(0)
}

// LargeCatalogue returns DefaultCatalogue with synthetic DID groups added
// until it holds at least groups DID groups, for enumeration benchmarks.
func LargeCatalogue(groups int) *Catalogue {
	return buildCatalogue(groups)
}

type regionSeed struct {
	name, iso string
	cities    []citySeed
}

type citySeed struct {
	name, id, groupID string
	prefix            string   // the DID group's prefix
	nanpa             []string // NXX codes under prefix, for NANPA countries
}

type countrySeed struct {
	name, iso, prefix, id string
	regions               []regionSeed
	mobile, tollFree      string // prefixes; "" = no such group
	national              string
	available             bool
	registration          bool
	numbersEnabled        bool
}

var countrySeeds = []countrySeed{
	{name: "United States", iso: "US", prefix: "1", id: CountryUSID, available: true, numbersEnabled: true,
		tollFree: "800", regions: []regionSeed{
			{"California", "CA", []citySeed{
				{name: "Los Angeles", id: CityLosAngelesID, groupID: DIDGroupLosAngelesID, prefix: "213", nanpa: []string{"293", "555"}},
				{name: "San Francisco", prefix: "415", nanpa: []string{"555", "523"}},
				{name: "San Diego", prefix: "619", nanpa: []string{"555"}},
			}},
			{"New York", "NY", []citySeed{
				{name: "New York", groupID: DIDGroupNewYorkID, prefix: "212", nanpa: []string{"555", "472"}},
				{name: "Buffalo", prefix: "716", nanpa: []string{"555"}},
			}},
			{"Texas", "TX", []citySeed{
				{name: "Houston", prefix: "713", nanpa: []string{"555"}},
				{name: "Dallas", prefix: "214", nanpa: []string{"555"}},
				{name: "Austin", prefix: "512", nanpa: []string{"555"}},
			}},
			{"Florida", "FL", []citySeed{{name: "Miami", prefix: "305", nanpa: []string{"555"}}}},
			{"Illinois", "IL", []citySeed{{name: "Chicago", prefix: "312", nanpa: []string{"555", "600"}}}},
		}},
	{name: "Canada", iso: "CA", prefix: "1", id: CountryCAID, available: true, numbersEnabled: true,
		tollFree: "888", regions: []regionSeed{
			{"Ontario", "ON", []citySeed{
				{name: "Toronto", prefix: "416", nanpa: []string{"555"}},
				{name: "Ottawa", prefix: "613", nanpa: []string{"555"}},
			}},
			{"Quebec", "QC", []citySeed{{name: "Montreal", prefix: "514", nanpa: []string{"555"}}}},
			{"British Columbia", "BC", []citySeed{{name: "Vancouver", prefix: "604", nanpa: []string{"555"}}}},
		}},
	{name: "United Kingdom", iso: "GB", prefix: "44", available: true, numbersEnabled: true,
		mobile: "7", tollFree: "800", national: "330", regions: []regionSeed{
			{"England", "ENG", []citySeed{
				{name: "London", id: CityLondonID, groupID: DIDGroupLondonID, prefix: "20"},
				{name: "Manchester", prefix: "161"},
				{name: "Birmingham", prefix: "121"},
			}},
			{"Scotland", "SCT", []citySeed{
				{name: "Edinburgh", prefix: "131"},
				{name: "Glasgow", prefix: "141"},
			}},
		}},
	{name: "Germany", iso: "DE", prefix: "49", available: true, registration: true,
		mobile: "15", national: "32", regions: []regionSeed{
			{"North Rhine-Westphalia", "NW", []citySeed{
				{name: "Aachen", groupID: DIDGroupAachenID, prefix: "241"},
				{name: "Cologne", prefix: "221"},
			}},
			{"Berlin", "BE", []citySeed{{name: "Berlin", prefix: "30"}}},
			{"Bavaria", "BY", []citySeed{{name: "Munich", prefix: "89"}}},
			{"Hamburg", "HH", []citySeed{{name: "Hamburg", prefix: "40"}}},
		}},
	{name: "Netherlands", iso: "NL", prefix: "31", regions: []regionSeed{
		{"North Holland", "NH", []citySeed{{name: "Amsterdam", prefix: "20"}}},
	}},
}

// skuPrices are the price options generated groups draw from.
var skuPrices = [][2]string{
	{"0.0", "0.3"}, {"0.0", "0.8"}, {"1.0", "1.5"}, {"0.5", "0.99"}, {"2.0", "2.5"}, {"0.0", "1.2"}, {"3.0", "3.0"},
}

func buildCatalogue(minGroups int) *Catalogue {
	rng := rand.New(rand.NewPCG(20260416, 3))
	c := &Catalogue{
		DIDGroupTypes: []DIDGroupType{
			{ID: DIDGroupTypeLocalID, Name: "Local"},
			{ID: DIDGroupTypeMobileID, Name: "Mobile"},
			{ID: DIDGroupTypeTollFreeID, Name: "Toll-free"},
			{ID: DIDGroupTypeNationalID, Name: "National"},
		},
		CapacityPools: []CapacityPool{{ID: CapacityPoolID, Name: "Standard", SetupPrice: "0.0", MonthlyPrice: "2.5"}},
	}
	skus := func(key string) []StockKeepingUnit {
		a, b := skuPrices[rng.IntN(len(skuPrices))], skuPrices[rng.IntN(len(skuPrices))]
		return []StockKeepingUnit{
			{ID: uid("sku/" + key + "/0"), SetupPrice: a[0], MonthlyPrice: a[1], ChannelsIncludedCount: 0},
			{ID: uid("sku/" + key + "/2"), SetupPrice: b[0], MonthlyPrice: b[1], ChannelsIncludedCount: 2},
		}
	}
	used := map[string]bool{"12132933575": true, "12124727604": true}
	addNumbers := func(g *DIDGroup, countryPrefix string, nanpaIDs []string, n int) {
		for i := range n {
			num := countryPrefix + g.Prefix
			np := ""
			if len(nanpaIDs) > 0 {
				np = nanpaIDs[i%len(nanpaIDs)]
				var nxx string
				for _, p := range c.NanpaPrefixes {
					if p.ID == np {
						nxx = p.NXX
					}
				}
				for num = ""; num == "" || used[num]; {
					num = fmt.Sprintf("1%s%s%04d", g.Prefix, nxx, rng.IntN(10000))
				}
			} else {
				base := num
				for num = ""; num == "" || used[num]; {
					num = base
					for len(num) < len(countryPrefix)+10 {
						num += fmt.Sprint(rng.IntN(10))
					}
				}
			}
			used[num] = true
			c.AvailableDIDs = append(c.AvailableDIDs, AvailableDID{
				ID: uid("available_did/" + g.ID + "/" + fmt.Sprint(i)), Number: num, DIDGroupID: g.ID, NanpaPrefixID: np,
			})
		}
	}

	for _, cs := range countrySeeds {
		cid := cs.id
		if cid == "" {
			cid = uid("country/" + cs.iso)
		}
		c.Countries = append(c.Countries, Country{ID: cid, Name: cs.name, Prefix: cs.prefix, ISO: cs.iso})
		var req string
		if cs.registration || cs.iso == "GB" {
			req = uid("address_requirement/" + cs.iso)
			ar := AddressRequirement{
				ID: req, CountryID: cid, DIDGroupTypeID: DIDGroupTypeLocalID, IdentityType: "any",
				PersonalAreaLevel: "world_wide", BusinessAreaLevel: "world_wide", AddressAreaLevel: "city",
				PersonalProofQty: 1, BusinessProofQty: 1, AddressProofQty: 1,
				PersonalMandatoryFields: []string{"birth_date", "country"}, BusinessMandatoryFields: []string{"company_reg_number", "vat_id"},
				ServiceDescriptionRequired: cs.registration, RestrictionMessage: "A local address in " + cs.name + " is required.",
			}
			if cs.iso == "GB" {
				ar.AddressAreaLevel, ar.PersonalProofQty, ar.BusinessProofQty = "country", 0, 0
				ar.PersonalMandatoryFields, ar.BusinessMandatoryFields = nil, nil
				ar.RestrictionMessage = "An address in the United Kingdom is required."
			}
			c.AddressRequirements = append(c.AddressRequirements, ar)
		}
		for _, rs := range cs.regions {
			rid := uid("region/" + cs.iso + "/" + rs.iso)
			c.Regions = append(c.Regions, Region{ID: rid, Name: rs.name, ISO: rs.iso, CountryID: cid})
			aid := uid("area/" + cs.iso + "/" + rs.iso)
			c.Areas = append(c.Areas, Area{ID: aid, Name: rs.name + " area", CountryID: cid})
			for _, ct := range rs.cities {
				cityID := ct.id
				if cityID == "" {
					cityID = uid("city/" + cs.iso + "/" + ct.name)
				}
				c.Cities = append(c.Cities, City{ID: cityID, Name: ct.name, CountryID: cid, RegionID: rid, AreaID: aid})
				var nanpaIDs []string
				for _, nxx := range ct.nanpa {
					id := uid("nanpa/" + ct.prefix + "/" + nxx)
					nanpaIDs = append(nanpaIDs, id)
					c.NanpaPrefixes = append(c.NanpaPrefixes, NanpaPrefix{ID: id, NPA: ct.prefix, NXX: nxx, CountryID: cid, RegionID: rid})
				}
				gid := ct.groupID
				if gid == "" {
					gid = uid("did_group/" + cs.iso + "/" + ct.name)
				}
				features := []string{"voice_in", "voice_out", "t38"}
				if cs.prefix == "1" {
					features = []string{"voice_in", "t38", "sms_in"}
				}
				g := DIDGroup{
					ID: gid, Prefix: ct.prefix, AreaName: ct.name, Features: features,
					AllowAdditionalChannels: true, CountryID: cid, RegionID: rid, CityID: cityID,
					DIDGroupTypeID: DIDGroupTypeLocalID, AddressRequirementID: req, NanpaPrefixIDs: nanpaIDs,
					AvailableDIDsEnabled: cs.numbersEnabled, NeedsRegistration: cs.registration,
					IsAvailable: cs.available, Stock: 50 + rng.IntN(2000), StockKeepingUnits: skus(gid),
				}
				if !cs.available {
					g.Stock = 0
				}
				if cs.prefix == "1" {
					g.ServiceRestrictions = "To enable SMS features on US numbers, create an SMS campaign after completing your order."
				}
				switch gid {
				case DIDGroupLosAngelesID:
					g.Features = []string{"voice_in"}
					g.StockKeepingUnits = []StockKeepingUnit{
						{ID: SKULosAngelesMeteredID, SetupPrice: "0.0", MonthlyPrice: "0.09", ChannelsIncludedCount: 0},
						{ID: SKULosAngelesChannelsID, SetupPrice: "4.0", MonthlyPrice: "4.0", ChannelsIncludedCount: 2},
					}
				case DIDGroupNewYorkID:
					g.Features = []string{"voice_in", "t38"}
				case DIDGroupLondonID:
					g.StockKeepingUnits = []StockKeepingUnit{
						{ID: "0ba87a94-7143-48cb-a0f6-d50a6a0c8cfa", SetupPrice: "0.0", MonthlyPrice: "0.3"},
						{ID: "1a86de53-3131-491f-9e4b-3392da45d441", SetupPrice: "0.0", MonthlyPrice: "0.8", ChannelsIncludedCount: 2},
					}
				case DIDGroupAachenID:
					g.Features = []string{"voice_in", "voice_out", "t38"}
					g.IsMetered = false
				}
				if ct.name == "Chicago" || ct.name == "Manchester" {
					g.IsMetered = true
				}
				c.DIDGroups = append(c.DIDGroups, g)
				if g.AvailableDIDsEnabled {
					n := 6
					if gid == DIDGroupLosAngelesID || gid == DIDGroupNewYorkID || gid == DIDGroupLondonID {
						n = 24
					}
					addNumbers(&c.DIDGroups[len(c.DIDGroups)-1], cs.prefix, nanpaIDs, n)
				}
			}
		}
		for _, kind := range []struct{ typ, prefix, name string }{
			{DIDGroupTypeMobileID, cs.mobile, "Mobile"},
			{DIDGroupTypeTollFreeID, cs.tollFree, "Toll-free"},
			{DIDGroupTypeNationalID, cs.national, "National"},
		} {
			if kind.prefix == "" {
				continue
			}
			gid := uid("did_group/" + cs.iso + "/" + kind.name)
			g := DIDGroup{
				ID: gid, Prefix: kind.prefix, AreaName: kind.name, Features: []string{"voice_in", "voice_out"},
				AllowAdditionalChannels: kind.name != "Toll-free", CountryID: cid, DIDGroupTypeID: kind.typ,
				NeedsRegistration: cs.registration, IsAvailable: cs.available, Stock: 20 + rng.IntN(500),
				StockKeepingUnits: skus(gid), IsMetered: kind.name == "Toll-free",
			}
			if kind.name == "Mobile" {
				g.Features = []string{"voice_in", "sms_in", "a2p"}
				g.AvailableDIDsEnabled = cs.numbersEnabled
			}
			c.DIDGroups = append(c.DIDGroups, g)
			if g.AvailableDIDsEnabled {
				addNumbers(&c.DIDGroups[len(c.DIDGroups)-1], cs.prefix, nil, 6)
			}
		}
	}
	// The guide's numbers, with their ids, in Los Angeles and New York.
	for i := range c.AvailableDIDs {
		d := &c.AvailableDIDs[i]
		switch d.ID {
		case uid("available_did/" + DIDGroupLosAngelesID + "/0"):
			d.ID, d.Number, d.NanpaPrefixID = AvailableDIDLosAngelesID, "12132933575", uid("nanpa/213/293")
		case uid("available_did/" + DIDGroupNewYorkID + "/1"):
			d.ID, d.Number, d.NanpaPrefixID = AvailableDIDNewYorkID, "12124727604", uid("nanpa/212/472")
		}
	}
	// Synthetic groups for enumeration benchmarks, spread over the cities.
	for i := 0; len(c.DIDGroups) < minGroups; i++ {
		city := c.Cities[i%len(c.Cities)]
		var country Country
		for _, co := range c.Countries {
			if co.ID == city.CountryID {
				country = co
			}
		}
		gid := uid(fmt.Sprintf("did_group/synthetic/%d", i))
		c.DIDGroups = append(c.DIDGroups, DIDGroup{
			ID: gid, Prefix: fmt.Sprintf("%d", 100+i%900), AreaName: fmt.Sprintf("%s %d", city.Name, i),
			Features: []string{"voice_in"}, CountryID: country.ID, RegionID: city.RegionID, CityID: city.ID,
			DIDGroupTypeID: DIDGroupTypeLocalID, IsAvailable: country.ISO != "NL", Stock: 10 + rng.IntN(100),
			StockKeepingUnits: skus(gid),
		})
	}
	return c
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
	seen := map[string]map[string]bool{}
	add := func(kind, id string) error {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("didwwtest: catalogue: a %s has no id", kind)
		}
		if seen[kind] == nil {
			seen[kind] = map[string]bool{}
		}
		if seen[kind][id] {
			return fmt.Errorf("didwwtest: catalogue: duplicate %s id %q", kind, id)
		}
		seen[kind][id] = true
		return nil
	}
	ref := func(kind, id, from string, optional bool) error {
		if id == "" && optional {
			return nil
		}
		if !seen[kind][id] {
			return fmt.Errorf("didwwtest: catalogue: %s refers to unknown %s %q", from, kind, id)
		}
		return nil
	}
	var errs []error
	for _, x := range c.Countries {
		errs = append(errs, add("country", x.ID))
	}
	for _, x := range c.DIDGroupTypes {
		errs = append(errs, add("did_group_type", x.ID))
	}
	for _, x := range c.Regions {
		errs = append(errs, add("region", x.ID), ref("country", x.CountryID, "region "+x.ID, false))
	}
	for _, x := range c.Areas {
		errs = append(errs, add("area", x.ID), ref("country", x.CountryID, "area "+x.ID, false))
	}
	for _, x := range c.Cities {
		errs = append(errs, add("city", x.ID), ref("country", x.CountryID, "city "+x.ID, false),
			ref("region", x.RegionID, "city "+x.ID, true), ref("area", x.AreaID, "city "+x.ID, true))
	}
	for _, x := range c.AddressRequirements {
		errs = append(errs, add("address_requirement", x.ID), ref("country", x.CountryID, "address requirement "+x.ID, true),
			ref("did_group_type", x.DIDGroupTypeID, "address requirement "+x.ID, true))
	}
	for _, x := range c.NanpaPrefixes {
		errs = append(errs, add("nanpa_prefix", x.ID), ref("country", x.CountryID, "NANPA prefix "+x.ID, false),
			ref("region", x.RegionID, "NANPA prefix "+x.ID, true))
	}
	for _, x := range c.CapacityPools {
		errs = append(errs, add("capacity_pool", x.ID), checkPrice(x.SetupPrice, "capacity pool "+x.ID), checkPrice(x.MonthlyPrice, "capacity pool "+x.ID))
	}
	for _, g := range c.DIDGroups {
		from := "DID group " + g.ID
		errs = append(errs, add("did_group", g.ID), ref("country", g.CountryID, from, false),
			ref("region", g.RegionID, from, true), ref("city", g.CityID, from, true),
			ref("did_group_type", g.DIDGroupTypeID, from, false), ref("address_requirement", g.AddressRequirementID, from, true))
		if g.Stock < 0 {
			errs = append(errs, fmt.Errorf("didwwtest: catalogue: %s has negative stock", from))
		}
		for _, np := range g.NanpaPrefixIDs {
			errs = append(errs, ref("nanpa_prefix", np, from, false))
		}
		for _, s := range g.StockKeepingUnits {
			errs = append(errs, add("stock_keeping_unit", s.ID), checkPrice(s.SetupPrice, "SKU "+s.ID), checkPrice(s.MonthlyPrice, "SKU "+s.ID))
		}
	}
	numbers := map[string]bool{}
	for _, d := range c.AvailableDIDs {
		from := "available DID " + d.ID
		errs = append(errs, add("available_did", d.ID), ref("did_group", d.DIDGroupID, from, false), ref("nanpa_prefix", d.NanpaPrefixID, from, true))
		if d.Number == "" || numbers[d.Number] {
			errs = append(errs, fmt.Errorf("didwwtest: catalogue: %s has an empty or duplicate number %q", from, d.Number))
		}
		numbers[d.Number] = true
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func checkPrice(s, from string) error {
	if _, ok := parseDecimal(s); !ok {
		return fmt.Errorf("didwwtest: catalogue: %s has price %q, not a decimal", from, s)
	}
	return nil
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
