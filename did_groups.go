package didww

import (
	"context"
	"iter"
	"math/big"
	"net/url"
)

// DIDGroupsService reads DID groups: numbers that share a city or area code,
// with their prices (stock keeping units) and availability.
type DIDGroupsService service

// Feature is a capability of the numbers of a DID group. Values the API adds
// later, or older ones such as "voice" and "sms", are kept as they come.
type Feature string

// Features the API documents.
const (
	FeatureVoiceIn   Feature = "voice_in"
	FeatureVoiceOut  Feature = "voice_out"
	FeatureT38       Feature = "t38"
	FeatureSMSIn     Feature = "sms_in"
	FeatureP2P       Feature = "p2p"
	FeatureA2P       Feature = "a2p"
	FeatureEmergency Feature = "emergency"
	FeatureCNAMOut   Feature = "cnam_out"
)

// NumberType is the kind of numbers of a DID group (API version 2026-11-19
// on; older versions say it with the DIDGroupType relationship). Values the
// API adds later are kept as they come.
type NumberType string

// Number types the API documents.
const (
	NumberTypeLocal      NumberType = "local"
	NumberTypeNational   NumberType = "national"
	NumberTypeMobile     NumberType = "mobile"
	NumberTypeTollFree   NumberType = "toll_free"
	NumberTypeSharedCost NumberType = "shared_cost"
	NumberTypeGlobal     NumberType = "global"
)

// goneGroupType is the reason 2026-11-19 refuses a did_group_type use.
func goneGroupType(use, instead string) string {
	return use + " is refused from API version 2026-11-19 on, where the number_type attribute replaces the did_group_type relationship; " + instead
}

// newNumberType is the reason older versions refuse a number_type use.
func newNumberType(use, instead string) string {
	why := use + " arrives in API version 2026-11-19 (WithAPIVersion(APIVersion20261119))"
	if instead != "" {
		why += "; under older versions " + instead
	}
	return why
}

// versionedTypes are the resource types only some versions have; a request
// for one, or fields[] naming it, is refused under the others.
var versionedTypes = map[string]span{
	"did_group_types": before(APIVersion20261119, "DID group types are gone from API version 2026-11-19 on: "+
		"every DID group carries its kind in the number_type attribute (DIDGroup.NumberType, the NumberType constants); "+
		"filter DID groups with DIDGroupListOptions.NumberType and available DIDs with AvailableDIDListOptions.NumberType"),
	"pops": before(APIVersion20261119, "the POP list is gone from API version 2026-11-19 on: "+
		"a trunk names its POP in its pop attribute (VoiceInTrunk.PopName, VoiceInTrunkCreateRequest.PopName)"),
	"sms_trunk_groups":        since(APIVersion20261119, "SMS trunk groups arrive in API version 2026-11-19"),
	"sender_id_verifications": since(APIVersion20261119, senderIDsArrive),
	"sms_trunks":              since(APIVersion20261119, "SMS trunks arrive in API version 2026-11-19 (WithAPIVersion(APIVersion20261119))"),
}

// versionedFields are the members fields[<type>] may name only under some
// versions, by "<type>.<member>".
var versionedFields = map[string]span{
	"did_groups.did_group_type":                 before(APIVersion20261119, goneGroupType("the did_group_type member", `ask for "number_type" instead`)),
	"did_groups.number_type":                    since(APIVersion20261119, newNumberType(`the number_type member`, `ask for "did_group_type"`)),
	"did_groups.is_demo":                        since(APIVersion20261119, newNumberType(`the is_demo member`, "")),
	"address_requirements.did_group_type":       before(APIVersion20261119, goneGroupType("the did_group_type member", `ask for "number_type" instead`)),
	"address_requirements.number_type":          since(APIVersion20261119, newNumberType(`the number_type member`, `ask for "did_group_type"`)),
	"emergency_requirements.did_group_type":     before(APIVersion20261119, goneGroupType("the did_group_type member", `ask for "number_type" instead`)),
	"emergency_requirements.number_type":        since(APIVersion20261119, newNumberType(`the number_type member`, `ask for "did_group_type"`)),
	"emergency_calling_services.did_group_type": before(APIVersion20261119, goneGroupType("the did_group_type member", `ask for "number_type" instead`)),
	"emergency_calling_services.number_type":    since(APIVersion20261119, newNumberType(`the number_type member`, `ask for "did_group_type"`)),
	"identities.company_website":                since(APIVersion20261119, "the company_website member of identities arrives in API version 2026-11-19"),
}

// DIDGroup is a group of numbers sharing a prefix and area.
type DIDGroup struct {
	ID string `didww:"primary,did_groups"`
	// Prefix is the dialling prefix, such as "20" or "4420".
	Prefix string `didww:"attr,prefix,required"`
	// LocalPrefix is the prefix after the country code, as API version
	// 2022-05-10 and older sent it; empty in newer answers, which do not.
	LocalPrefix string `didww:"attr,local_prefix"`
	AreaName    string `didww:"attr,area_name,required"`
	// Features are the group's capabilities.
	Features                []Feature `didww:"attr,features,required"`
	IsMetered               bool      `didww:"attr,is_metered,required"`
	AllowAdditionalChannels bool      `didww:"attr,allow_additional_channels,required"`
	// ServiceRestrictions is restriction text, often HTML; empty when none.
	ServiceRestrictions string `didww:"attr,service_restrictions"`
	// NumberType is the kind of the group's numbers, sent from API version
	// 2026-11-19 on; empty under older versions, whose DIDGroupType says it.
	NumberType NumberType `didww:"attr,number_type"`
	// IsDemo marks a demo group (API version 2026-11-19 on; false under
	// older versions, which do not say).
	IsDemo bool `didww:"attr,is_demo"`

	// The values below come from the resource's own meta, on primary and
	// included groups alike. Only available_dids_enabled is always sent; the
	// three pointers are often absent (a Get, an included group), and nil
	// means unknown, never "no registration", "not available" or "0 in
	// stock". Listing the groups (DIDGroupsService.List) usually tells them.

	// AvailableDIDsEnabled says whether specific numbers of the group can be
	// listed (AvailableDIDs) and reserved.
	AvailableDIDsEnabled bool `didww:"meta,available_dids_enabled"`

	// NeedsRegistration says whether numbers need the buyer's documents
	// before activation; nil when the answer did not say.
	NeedsRegistration *bool `didww:"meta,needs_registration"`
	// IsAvailable says whether numbers can be bought now; nil when the
	// answer did not say.
	IsAvailable *bool `didww:"meta,is_available"`
	// TotalCount is how many numbers are in stock; nil when the answer did
	// not say.
	TotalCount *int `didww:"meta,total_count"`
	// Restrictions is the registration text older API versions (2017-09-18)
	// sent in meta; newer ones use ServiceRestrictions.
	Restrictions string `didww:"meta,restrictions"`

	// Relationships: filled when included, ID-only when only linkage came.
	Country *Country `didww:"rel,country"`
	Region  *Region  `didww:"rel,region"`
	City    *City    `didww:"rel,city"`
	// DIDGroupType is the kind of numbers under API version 2026-04-16 and
	// older; nil from 2026-11-19 on, which has NumberType instead.
	DIDGroupType      *DIDGroupType       `didww:"rel,did_group_type"`
	StockKeepingUnits []*StockKeepingUnit `didww:"rel,stock_keeping_units"`
	// AddressRequirement is read from "address_requirement", or from
	// "requirement" as API version 2022-05-10 names it.
	AddressRequirement *AddressRequirement `didww:"rel,address_requirement|requirement"`
}

// StockKeepingUnit is a price option of a DID group; its ID is the sku_id of
// an order item.
type StockKeepingUnit struct {
	ID string `didww:"primary,stock_keeping_units"`
	// SetupPrice is the one-off charge, VAT excluded.
	SetupPrice Decimal `didww:"attr,setup_price,required"`
	// MonthlyPrice is the recurring monthly charge, VAT excluded.
	MonthlyPrice Decimal `didww:"attr,monthly_price,required"`
	// ChannelsIncludedCount is how many simultaneous calls are included.
	ChannelsIncludedCount int `didww:"attr,channels_included_count,required"`
}

// CheapestSKU returns the stock keeping unit with at least minChannels
// channels included whose first month costs least: setup price plus monthly
// price, compared exactly. Among equal totals the lower monthly price wins
// (it keeps costing), then fewer channels, then the earlier unit in
// StockKeepingUnits. Units with a price that is not a decimal number are
// skipped. It returns nil when no unit fits, or when the group was fetched
// without include=stock_keeping_units.
func (g *DIDGroup) CheapestSKU(minChannels int) *StockKeepingUnit {
	if g == nil {
		return nil
	}
	var (
		best                   *StockKeepingUnit
		bestTotal, bestMonthly *big.Rat
	)
	for _, sku := range g.StockKeepingUnits {
		if sku == nil || sku.ChannelsIncludedCount < minChannels {
			continue
		}
		setup, err := sku.SetupPrice.Rat()
		if err != nil {
			continue
		}
		monthly, err := sku.MonthlyPrice.Rat()
		if err != nil {
			continue
		}
		total := new(big.Rat).Add(setup, monthly)
		if best != nil && !cheaperSKU(total, monthly, sku.ChannelsIncludedCount, bestTotal, bestMonthly, best.ChannelsIncludedCount) {
			continue
		}
		best, bestTotal, bestMonthly = sku, total, monthly
	}
	return best
}

// cheaperSKU reports whether a unit (total, monthly, channels) strictly beats
// the best so far. Equal totals with equal monthly prices have equal setup
// prices, so setup needs no tie-break of its own.
func cheaperSKU(total, monthly *big.Rat, channels int, bestTotal, bestMonthly *big.Rat, bestChannels int) bool {
	if c := total.Cmp(bestTotal); c != 0 {
		return c < 0
	}
	if c := monthly.Cmp(bestMonthly); c != 0 {
		return c < 0
	}
	return channels < bestChannels
}

// DIDGroupListOptions filters GET /did_groups, which is paginated.
//
// ID takes several ids, sent comma-joined ("any of"). The other text and id
// filters take one value; the API also reads several joined with commas
// ("4420,4421").
type DIDGroupListOptions struct {
	ListOptions
	// ID is filter[id].
	ID []string
	// CountryID is filter[country.id].
	CountryID string
	// RegionID is filter[region.id].
	RegionID string
	// CityID is filter[city.id].
	CityID string
	// DIDGroupTypeID is filter[did_group_type.id], under API version
	// 2026-04-16 and older; 2026-11-19 refuses it (use NumberType).
	DIDGroupTypeID string
	// NumberType is filter[number_type]: groups of any of these kinds, sent
	// comma-joined. API version 2026-11-19 on; older ones refuse it.
	NumberType []NumberType
	// IsDemo is filter[is_demo] (API version 2026-11-19 on).
	IsDemo *bool
	// Prefix is filter[prefix].
	Prefix string
	// AreaName is filter[area_name].
	AreaName string
	// Features is filter[features]: groups with any of these features, sent comma-joined.
	Features []Feature
	// IsMetered is filter[is_metered].
	IsMetered *bool
	// AllowAdditionalChannels is filter[allow_additional_channels].
	AllowAdditionalChannels *bool
	// AvailableDIDsEnabled is filter[available_dids_enabled]: groups whose
	// specific numbers can be listed and reserved.
	AvailableDIDsEnabled *bool
	// NeedsRegistration is filter[needs_registration].
	NeedsRegistration *bool
	// IsAvailable is filter[is_available].
	IsAvailable *bool
	// TotalCountGTEQ is filter[meta.total_count_gteq]: groups with at least
	// this many numbers in stock.
	TotalCountGTEQ *int
	// NanpaPrefixID is filter[nanpa_prefix.id].
	NanpaPrefixID string
	// NPANXX is filter[nanpa_prefix.npanxx], such as "212555".
	NPANXX string
	// Include: "country", "region", "city", "did_group_type",
	// "stock_keeping_units", "address_requirement". Each is checked for the
	// client's API version (WithAPIVersion): 2026-11-19 refuses
	// "did_group_type" (read NumberType); the older name "requirement" is
	// accepted only by versions before 2026-04-16.
	Include []string
	// Sort: "allow_additional_channels", "area_name", "country.name",
	// "did_group_type.name", "is_metered", "prefix", "service_restrictions"
	// (a leading "-" for descending); 2026-11-19 refuses
	// "did_group_type.name" and adds "is_demo" and "number_type", which
	// older versions refuse. The seed pages' "local_prefix" is refused: the
	// API removed it in version 2022-05-10.
	Sort []string
	// Extra is merged into the query last, for parameters not typed here. It
	// is sent as given, unchecked: it is the way to reach what the pinned
	// version does not type, such as a removed filter of an older version.
	Extra url.Values
}

// didGroupOptions are the names DID group requests may use, by version.
var didGroupOptions = &optionSet{
	typ:      "did_groups",
	includes: []string{"country", "region", "city", "did_group_type", "stock_keeping_units", "address_requirement", "requirement"},
	sorts: []string{"allow_additional_channels", "area_name", "country.name", "did_group_type.name", "is_demo", "is_metered",
		"number_type", "prefix", "service_restrictions", "local_prefix"},
	versioned: map[string]span{
		"sort:number_type":         since(APIVersion20261119, newNumberType(`sort key "number_type"`, `sort by "did_group_type.name"`)),
		"sort:is_demo":             since(APIVersion20261119, newNumberType(`sort key "is_demo"`, "")),
		"sort:local_prefix":        before("2022-05-10", `sort key "local_prefix" was removed from the API in version 2022-05-10; sort by "prefix" (the full dialling prefix) instead`),
		"include:requirement":      before(APIVersion20260416, `include "requirement" was renamed in API version 2026-04-16; include "address_requirement" instead`),
		"include:did_group_type":   before(APIVersion20261119, goneGroupType(`include "did_group_type"`, "read DIDGroup.NumberType, which every group carries")),
		"sort:did_group_type.name": before(APIVersion20261119, goneGroupType(`sort key "did_group_type.name"`, "filter by number type (NumberType) instead")),
		"filter:did_group_type.id": before(APIVersion20261119, goneGroupType("DIDGroupTypeID (filter[did_group_type.id])", "filter by number type (NumberType) instead")),
		"filter:number_type":       since(APIVersion20261119, newNumberType("NumberType (filter[number_type])", "filter by DIDGroupTypeID")),
		"filter:is_demo":           since(APIVersion20261119, newNumberType("IsDemo (filter[is_demo])", "")),
	},
}

// query builds the query for DefaultAPIVersion.
func (o *DIDGroupListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it: a name that version
// does not accept is refused with its replacement.
func (o *DIDGroupListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(didGroupOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		if o.TotalCountGTEQ != nil && *o.TotalCountGTEQ < 0 {
			q.fail("TotalCountGTEQ", "must not be negative")
		}
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("region.id", o.RegionID)
		q.filter("city.id", o.CityID)
		q.filter("did_group_type.id", o.DIDGroupTypeID)
		q.filterList("number_type", strs(o.NumberType))
		q.filterBool("is_demo", o.IsDemo)
		q.filter("prefix", o.Prefix)
		q.filter("area_name", o.AreaName)
		q.filterList("features", strs(o.Features))
		q.filterBool("is_metered", o.IsMetered)
		q.filterBool("allow_additional_channels", o.AllowAdditionalChannels)
		q.filterBool("available_dids_enabled", o.AvailableDIDsEnabled)
		q.filterBool("needs_registration", o.NeedsRegistration)
		q.filterBool("is_available", o.IsAvailable)
		q.filterInt("meta.total_count_gteq", o.TotalCountGTEQ)
		q.filter("nanpa_prefix.id", o.NanpaPrefixID)
		q.filter("nanpa_prefix.npanxx", o.NPANXX)
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the DID groups matching opts. Invalid options are
// an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *DIDGroupsService) List(ctx context.Context, opts *DIDGroupListOptions) (*Page[DIDGroup], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[DIDGroup](ctx, s.client, "/did_groups", q)
}

// All yields every DID group matching opts, page after page from opts' page
// on. It yields an error once and stops; opts is not modified.
func (s *DIDGroupsService) All(ctx context.Context, opts *DIDGroupListOptions) iter.Seq2[*DIDGroup, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one DID group; opts may include the names DIDGroupListOptions.Include lists.
func (s *DIDGroupsService) Get(ctx context.Context, id string, opts *GetOptions) (*DIDGroup, error) {
	g, _, err := getIn[DIDGroup](ctx, s.client, "did_groups", id, opts, didGroupOptions)
	return g, err
}
