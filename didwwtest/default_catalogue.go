package didwwtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// DefaultCatalogue returns the seeded, deterministic catalogue a Server uses
// unless WithCatalogue says otherwise: five countries (US, CA, GB, DE and NL,
// whose only groups are not available), their regions, areas and cities
// (Los Angeles and New York with the ids of DIDWW's guide), Local, Mobile,
// Toll-free and National DID groups with two SKUs each, address
// requirements for German and British groups, NANPA prefixes for the US and
// Canadian cities, a capacity pool with quantity price breaks, four POPs
// and a few hundred available numbers. Each call returns a new value.
func DefaultCatalogue() *Catalogue {
	return buildCatalogue(0)
}

// LargeCatalogue returns DefaultCatalogue with synthetic DID groups added
// until it holds at least groups DID groups, for enumeration benchmarks.
func LargeCatalogue(groups int) *Catalogue {
	return buildCatalogue(groups)
}

// The default catalogue is written as data: countries with their regions
// and cities, each city a Local DID group. What a country, a city or a kind
// of group does not say is generated from one seeded random source, in a
// fixed order, so that the catalogue is the same on every run.

type countrySeed struct {
	name, iso, prefix, id string
	regions               []regionSeed
	// Prefixes of the country's Mobile, Toll-free and National groups; "" = none.
	mobile, tollFree, national string
	available, registration    bool
	numbersEnabled             bool
	// features and restrictions are those of the country's Local groups.
	features     []string
	restrictions string
	// requirement applies to the Local groups (its ID and country are filled in).
	requirement *AddressRequirement
	// kindRequirements apply to the country-wide groups, by kind name (their
	// ID, country and DID group type are filled in).
	kindRequirements map[string]*AddressRequirement
}

type regionSeed struct {
	name, iso string
	cities    []citySeed
}

type citySeed struct {
	name, id, groupID string
	prefix            string   // the DID group's prefix
	nanpa             []string // NXX codes under prefix, for NANPA countries
	features          []string // nil: the country's
	skus              []StockKeepingUnit
	metered           bool
	numbers           int // available numbers when the country offers selection; 0: defaultNumbers
}

// defaultNumbers is how many available numbers a group with selection gets.
const defaultNumbers = 6

var (
	usFeatures    = []string{"voice_in", "t38", "sms_in", "emergency"}
	localFeatures = []string{"voice_in", "voice_out", "t38"}
	usRestriction = "To enable SMS features on US numbers, create an SMS campaign after completing your order."
)

var countrySeeds = []countrySeed{
	{name: "United States", iso: "US", prefix: "1", id: CountryUSID, available: true, numbersEnabled: true,
		tollFree: "800", features: usFeatures, restrictions: usRestriction, regions: []regionSeed{
			{"California", "CA", []citySeed{
				{name: "Los Angeles", id: CityLosAngelesID, groupID: DIDGroupLosAngelesID, prefix: "213", nanpa: []string{"293", "555"},
					features: []string{"voice_in"}, numbers: 24, skus: []StockKeepingUnit{
						{ID: SKULosAngelesMeteredID, SetupPrice: "0.0", MonthlyPrice: "0.09", ChannelsIncludedCount: 0},
						{ID: SKULosAngelesChannelsID, SetupPrice: "4.0", MonthlyPrice: "4.0", ChannelsIncludedCount: 2},
					}},
				{name: "San Francisco", prefix: "415", nanpa: []string{"555", "523"}},
				{name: "San Diego", prefix: "619", nanpa: []string{"555"}},
			}},
			{"New York", "NY", []citySeed{
				{name: "New York", groupID: DIDGroupNewYorkID, prefix: "212", nanpa: []string{"555", "472"},
					features: []string{"voice_in", "t38"}, numbers: 24},
				{name: "Buffalo", prefix: "716", nanpa: []string{"555"}},
			}},
			{"Texas", "TX", []citySeed{
				{name: "Houston", prefix: "713", nanpa: []string{"555"}},
				{name: "Dallas", prefix: "214", nanpa: []string{"555"}},
				{name: "Austin", prefix: "512", nanpa: []string{"555"}},
			}},
			{"Florida", "FL", []citySeed{{name: "Miami", prefix: "305", nanpa: []string{"555"}}}},
			{"Illinois", "IL", []citySeed{{name: "Chicago", prefix: "312", nanpa: []string{"555", "600"}, metered: true}}},
		}},
	{name: "Canada", iso: "CA", prefix: "1", id: CountryCAID, available: true, numbersEnabled: true,
		tollFree: "888", features: usFeatures, restrictions: usRestriction, regions: []regionSeed{
			{"Ontario", "ON", []citySeed{
				{name: "Toronto", prefix: "416", nanpa: []string{"555"}},
				{name: "Ottawa", prefix: "613", nanpa: []string{"555"}},
			}},
			{"Quebec", "QC", []citySeed{{name: "Montreal", prefix: "514", nanpa: []string{"555"}}}},
			{"British Columbia", "BC", []citySeed{{name: "Vancouver", prefix: "604", nanpa: []string{"555"}}}},
		}},
	{name: "United Kingdom", iso: "GB", prefix: "44", available: true, numbersEnabled: true,
		mobile: "7", tollFree: "800", national: "330", features: localFeatures,
		requirement: &AddressRequirement{DIDGroupTypeID: DIDGroupTypeLocalID, IdentityType: "any",
			PersonalAreaLevel: "world_wide", BusinessAreaLevel: "world_wide", AddressAreaLevel: "country", AddressProofQty: 1,
			AddressProofTypeIDs: addressProofs, RestrictionMessage: "An address in the United Kingdom is required."},
		regions: []regionSeed{
			{"England", "ENG", []citySeed{
				{name: "London", id: CityLondonID, groupID: DIDGroupLondonID, prefix: "20", numbers: 24, skus: []StockKeepingUnit{
					{ID: "0ba87a94-7143-48cb-a0f6-d50a6a0c8cfa", SetupPrice: "0.0", MonthlyPrice: "0.3"},
					{ID: "1a86de53-3131-491f-9e4b-3392da45d441", SetupPrice: "0.0", MonthlyPrice: "0.8", ChannelsIncludedCount: 2},
				}},
				{name: "Manchester", prefix: "161", metered: true},
				{name: "Birmingham", prefix: "121"},
			}},
			{"Scotland", "SCT", []citySeed{
				{name: "Edinburgh", prefix: "131"},
				{name: "Glasgow", prefix: "141"},
			}},
		}},
	{name: "Germany", iso: "DE", prefix: "49", available: true, registration: true,
		mobile: "15", national: "32", features: localFeatures,
		requirement: &AddressRequirement{DIDGroupTypeID: DIDGroupTypeLocalID, IdentityType: "any",
			PersonalAreaLevel: "world_wide", BusinessAreaLevel: "world_wide", AddressAreaLevel: "city",
			PersonalProofQty: 1, BusinessProofQty: 1, AddressProofQty: 1,
			PersonalMandatoryFields: []string{"birth_date", "country"}, BusinessMandatoryFields: []string{"company_reg_number", "vat_id"},
			ServiceDescriptionRequired: true, RestrictionMessage: "A local address in Germany is required.",
			PersonalProofTypeIDs: personalProofs, BusinessProofTypeIDs: businessProofs, AddressProofTypeIDs: addressProofs,
			PersonalPermanentDocumentID: TemplateGermanyRegistrationID, BusinessPermanentDocumentID: TemplateGermanyRegistrationID,
			BusinessOnetimeDocumentID: TemplateGermanyUsageID},
		kindRequirements: germanKindRequirements,
		regions: []regionSeed{
			{"North Rhine-Westphalia", "NW", []citySeed{
				{name: "Aachen", groupID: DIDGroupAachenID, prefix: "241"},
				{name: "Cologne", prefix: "221"},
			}},
			{"Berlin", "BE", []citySeed{{name: "Berlin", prefix: "30"}}},
			{"Bavaria", "BY", []citySeed{{name: "Munich", prefix: "89"}}},
			{"Hamburg", "HH", []citySeed{{name: "Hamburg", prefix: "40"}}},
		}},
	{name: "Netherlands", iso: "NL", prefix: "31", features: localFeatures, regions: []regionSeed{
		{"North Holland", "NH", []citySeed{{name: "Amsterdam", prefix: "20"}}},
	}},
}

// groupKind is a country-wide kind of DID group (no city).
type groupKind struct {
	typeID, name string
	features     []string
	// selection: the group offers number selection where its country does.
	selection, metered, additionalChannels bool
}

// groupKinds are generated for a country in this order, when it has the prefix.
var groupKinds = []struct {
	groupKind
	prefix func(countrySeed) string
}{
	{groupKind{DIDGroupTypeMobileID, "Mobile", []string{"voice_in", "sms_in", "a2p"}, true, false, true}, func(c countrySeed) string { return c.mobile }},
	{groupKind{DIDGroupTypeTollFreeID, "Toll-free", []string{"voice_in", "voice_out"}, false, true, false}, func(c countrySeed) string { return c.tollFree }},
	{groupKind{DIDGroupTypeNationalID, "National", []string{"voice_in", "voice_out"}, false, false, true}, func(c countrySeed) string { return c.national }},
}

// guideNumbers are the numbers of DIDWW's guide pages: the generated number
// at index of the group takes this id, number and NANPA prefix.
var guideNumbers = []struct {
	group      string
	index      int
	id, number string
	npa, nxx   string
}{
	{DIDGroupLosAngelesID, 0, AvailableDIDLosAngelesID, "12132933575", "213", "293"},
	{DIDGroupNewYorkID, 1, AvailableDIDNewYorkID, "12124727604", "212", "472"},
}

// skuPrices are the price options generated groups draw from.
var skuPrices = [][2]string{
	{"0.0", "0.3"}, {"0.0", "0.8"}, {"1.0", "1.5"}, {"0.5", "0.99"}, {"2.0", "2.5"}, {"0.0", "1.2"}, {"3.0", "3.0"},
}

// builder generates a catalogue from the seeds.
type builder struct {
	c    *Catalogue
	rng  *rand.Rand
	used map[string]bool // numbers handed out
}

func buildCatalogue(minGroups int) *Catalogue {
	b := &builder{rng: rand.New(rand.NewPCG(20260416, 3)), used: map[string]bool{}, c: &Catalogue{
		DIDGroupTypes: []DIDGroupType{
			{ID: DIDGroupTypeLocalID, Name: "Local", NumberType: "local"},
			{ID: DIDGroupTypeMobileID, Name: "Mobile", NumberType: "mobile"},
			{ID: DIDGroupTypeTollFreeID, Name: "Toll-free", NumberType: "toll_free"},
			{ID: DIDGroupTypeNationalID, Name: "National", NumberType: "national"},
		},
		CapacityPools: []CapacityPool{{ID: CapacityPoolID, Name: "Standard", SetupPrice: "0.0", MonthlyPrice: "2.5",
			MeteredRate: "0.01", MinimumLimit: 0, MinimumQtyPerOrder: 1, CountryIDs: []string{CountryUSID, CountryCAID},
			QtyBasedPricings: []QtyBasedPricing{
				{ID: uid("qty_based_pricing/standard/10"), Qty: 10, SetupPrice: "0.0", MonthlyPrice: "2.25"},
				{ID: uid("qty_based_pricing/standard/50"), Qty: 50, SetupPrice: "0.0", MonthlyPrice: "2.0"},
			}}},
		Pops: []Pop{
			{ID: PopNewYorkID, Name: "New York, NY, USA", Code: "NYC"},
			{ID: PopFrankfurtID, Name: "Frankfurt, Germany", Code: "FRA"},
			{ID: uid("pop/LA"), Name: "Los Angeles, CA, USA", Code: "LAC"},
			{ID: uid("pop/LON"), Name: "London, United Kingdom"},
		},
	}}
	for _, g := range guideNumbers {
		b.used[g.number] = true
	}
	for _, cs := range countrySeeds {
		b.country(cs)
	}
	b.guide()
	b.c.EmergencyRequirements = defaultEmergencyRequirements()
	b.synthetic(minGroups)
	return b.c
}

func (b *builder) country(cs countrySeed) {
	c := b.c
	cid := cs.id
	if cid == "" {
		cid = uid("country/" + cs.iso)
	}
	c.Countries = append(c.Countries, Country{ID: cid, Name: cs.name, Prefix: cs.prefix, ISO: cs.iso})
	if len(c.ProofTypes) == 0 {
		c.ProofTypes, c.SupportingDocumentTemplates = defaultProofTypes(), defaultTemplates()
	}
	var req string
	if cs.requirement != nil {
		ar := *cs.requirement
		ar.ID, ar.CountryID = uid("address_requirement/"+cs.iso), cid
		req = ar.ID
		c.AddressRequirements = append(c.AddressRequirements, ar)
	}
	for _, rs := range cs.regions {
		rid := uid("region/" + cs.iso + "/" + rs.iso)
		c.Regions = append(c.Regions, Region{ID: rid, Name: rs.name, ISO: rs.iso, CountryID: cid})
		aid := uid("area/" + cs.iso + "/" + rs.iso)
		c.Areas = append(c.Areas, Area{ID: aid, Name: rs.name + " area", CountryID: cid})
		for _, ct := range rs.cities {
			b.city(cs, ct, cid, rid, aid, req)
		}
	}
	for _, k := range groupKinds {
		if prefix := k.prefix(cs); prefix != "" {
			b.kindGroup(cs, k.groupKind, cid, prefix)
		}
	}
}

// city adds a city, its NANPA prefixes and its Local DID group.
func (b *builder) city(cs countrySeed, ct citySeed, cid, rid, aid, req string) {
	c := b.c
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
	features := ct.features
	if features == nil {
		features = cs.features
	}
	g := DIDGroup{
		ID: gid, Prefix: ct.prefix, AreaName: ct.name, Features: slices.Clone(features), IsMetered: ct.metered,
		AllowAdditionalChannels: true, CountryID: cid, RegionID: rid, CityID: cityID, ServiceRestrictions: cs.restrictions,
		DIDGroupTypeID: DIDGroupTypeLocalID, AddressRequirementID: req, NanpaPrefixIDs: nanpaIDs,
		AvailableDIDsEnabled: cs.numbersEnabled, NeedsRegistration: cs.registration, IsAvailable: cs.available,
	}
	g.Stock = 50 + b.rng.IntN(2000)
	g.StockKeepingUnits = b.skus(gid) // drawn even when the seed fixes them, so the sequence stays the same
	if ct.skus != nil {
		g.StockKeepingUnits = slices.Clone(ct.skus)
	}
	if !cs.available {
		g.Stock = 0
	}
	n := ct.numbers
	if n == 0 {
		n = defaultNumbers
	}
	b.addGroup(g, cs.prefix, nanpaIDs, n)
}

// kindGroup adds a country-wide Mobile, Toll-free or National group.
func (b *builder) kindGroup(cs countrySeed, k groupKind, cid, prefix string) {
	gid := uid("did_group/" + cs.iso + "/" + k.name)
	g := DIDGroup{
		ID: gid, Prefix: prefix, AreaName: k.name, Features: slices.Clone(k.features),
		AllowAdditionalChannels: k.additionalChannels, CountryID: cid, DIDGroupTypeID: k.typeID,
		NeedsRegistration: cs.registration, IsAvailable: cs.available, IsMetered: k.metered,
		AvailableDIDsEnabled: k.selection && cs.numbersEnabled,
	}
	if r := cs.kindRequirements[k.name]; r != nil {
		ar := *r
		ar.ID, ar.CountryID, ar.DIDGroupTypeID = uid("address_requirement/"+cs.iso+"/"+k.name), cid, k.typeID
		g.AddressRequirementID = ar.ID
		b.c.AddressRequirements = append(b.c.AddressRequirements, ar)
	}
	g.Stock = 20 + b.rng.IntN(500)
	g.StockKeepingUnits = b.skus(gid)
	b.addGroup(g, cs.prefix, nil, defaultNumbers)
}

func (b *builder) skus(key string) []StockKeepingUnit {
	a, p := skuPrices[b.rng.IntN(len(skuPrices))], skuPrices[b.rng.IntN(len(skuPrices))]
	return []StockKeepingUnit{
		{ID: uid("sku/" + key + "/0"), SetupPrice: a[0], MonthlyPrice: a[1], ChannelsIncludedCount: 0},
		{ID: uid("sku/" + key + "/2"), SetupPrice: p[0], MonthlyPrice: p[1], ChannelsIncludedCount: 2},
	}
}

// addGroup adds g and, when it offers number selection, n numbers.
func (b *builder) addGroup(g DIDGroup, countryPrefix string, nanpaIDs []string, n int) {
	b.c.DIDGroups = append(b.c.DIDGroups, g)
	if !g.AvailableDIDsEnabled {
		return
	}
	for i := range n {
		np, num := "", ""
		if len(nanpaIDs) > 0 {
			np = nanpaIDs[i%len(nanpaIDs)]
			num = b.nanpaNumber(g.Prefix, np)
		} else {
			num = b.number(countryPrefix, g.Prefix)
		}
		b.used[num] = true
		b.c.AvailableDIDs = append(b.c.AvailableDIDs, AvailableDID{
			ID: uid("available_did/" + g.ID + "/" + fmt.Sprint(i)), Number: num, DIDGroupID: g.ID, NanpaPrefixID: np,
		})
	}
}

// nanpaNumber draws an unused 1-NPA-NXX-xxxx number.
func (b *builder) nanpaNumber(npa, nanpaID string) string {
	var nxx string
	for _, p := range b.c.NanpaPrefixes {
		if p.ID == nanpaID {
			nxx = p.NXX
		}
	}
	num := ""
	for num == "" || b.used[num] {
		num = fmt.Sprintf("1%s%s%04d", npa, nxx, b.rng.IntN(10000))
	}
	return num
}

// number draws an unused number of 10 digits after the country code,
// starting with the group's prefix.
func (b *builder) number(countryPrefix, prefix string) string {
	num := ""
	for num == "" || b.used[num] {
		num = countryPrefix + prefix
		for len(num) < len(countryPrefix)+10 {
			num += fmt.Sprint(b.rng.IntN(10))
		}
	}
	return num
}

// guide gives the guide's numbers their ids.
func (b *builder) guide() {
	for _, g := range guideNumbers {
		id := uid("available_did/" + g.group + "/" + fmt.Sprint(g.index))
		for i := range b.c.AvailableDIDs {
			if d := &b.c.AvailableDIDs[i]; d.ID == id {
				d.ID, d.Number, d.NanpaPrefixID = g.id, g.number, uid("nanpa/"+g.npa+"/"+g.nxx)
			}
		}
	}
}

// synthetic adds groups for enumeration benchmarks, spread over the cities,
// until there are minGroups.
func (b *builder) synthetic(minGroups int) {
	c := b.c
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
			DIDGroupTypeID: DIDGroupTypeLocalID, IsAvailable: country.ISO != "NL", Stock: 10 + b.rng.IntN(100),
			StockKeepingUnits: b.skus(gid),
		})
	}
}
