package didww

import (
	"context"
	"iter"
	"maps"
	"math/big"
	"net/url"
	"slices"
	"strings"
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
	Country           *Country            `didww:"rel,country"`
	Region            *Region             `didww:"rel,region"`
	City              *City               `didww:"rel,city"`
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
	// DIDGroupTypeID is filter[did_group_type.id].
	DIDGroupTypeID string
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
	// "stock_keeping_units", "address_requirement". Its older name
	// "requirement" is refused under API version 2026-04-16 and later, and
	// accepted only by a client speaking an older version (WithAPIVersion).
	Include []string
	// Sort: "allow_additional_channels", "area_name", "country.name",
	// "did_group_type.name", "is_metered", "prefix", "service_restrictions"
	// (a leading "-" for descending). The seed pages' "local_prefix" is
	// refused: the API removed it in version 2022-05-10.
	Sort []string
	// Extra is merged into the query last, for parameters not typed here. It
	// is sent as given, unchecked: it is the way to reach what the pinned
	// version does not type, such as a removed filter of an older version.
	Extra url.Values
}

var (
	didGroupIncludes = []string{"country", "region", "city", "did_group_type", "stock_keeping_units", "address_requirement"}
	didGroupSorts    = []string{"allow_additional_channels", "area_name", "country.name", "did_group_type.name", "is_metered", "prefix", "service_restrictions"}
)

// goneName is an include or sort name the API refuses (400) from version
// since on, with what to use instead.
type goneName struct{ since, why string }

// didGroupGone are the names older pages and versions show that the API
// has dropped, by "include:" or "sort:" and name. The typed filter
// local_prefix went with its sort key: DIDGroupListOptions has no field for it.
var didGroupGone = map[string]goneName{
	"sort:local_prefix":   {"2022-05-10", `sort key "local_prefix" was removed from the API in version 2022-05-10; sort by "prefix" (the full dialling prefix) instead`},
	"include:requirement": {"2026-04-16", `include "requirement" was renamed in API version 2026-04-16; include "address_requirement" instead`},
}

// refuseGone fails q on the first value that version no longer accepts.
// Sort keys are compared without their leading "-".
func refuseGone(q *query, kind string, values []string, version string) {
	for _, v := range values {
		g, ok := didGroupGone[kind+":"+strings.TrimPrefix(v, "-")]
		if ok && version >= g.since {
			q.fail(kind, "%q: %s", v, g.why)
			return
		}
	}
}

// didGroupNamesFor returns the allowed names of kind ("include" or "sort")
// under version: the current set plus the gone names that version still accepts.
func didGroupNamesFor(kind, version string) []string {
	out := slices.Clone(map[string][]string{"include": didGroupIncludes, "sort": didGroupSorts}[kind])
	for _, key := range slices.Sorted(maps.Keys(didGroupGone)) {
		k, name, _ := strings.Cut(key, ":")
		if k == kind && version < didGroupGone[key].since {
			out = append(out, name)
		}
	}
	return out
}

// query builds the query for DefaultAPIVersion.
func (o *DIDGroupListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it: a name that version no
// longer accepts is refused with its replacement.
func (o *DIDGroupListOptions) queryFor(version string) (url.Values, error) {
	q := newQuery()
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
		refuseGone(q, "include", o.Include, version)
		refuseGone(q, "sort", o.Sort, version)
		q.include(o.Include, didGroupNamesFor("include", version))
		q.sort(o.Sort, didGroupNamesFor("sort", version))
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
	version := s.client.cfg.apiVersion
	if opts != nil {
		q := newQuery()
		refuseGone(q, "include", opts.Include, version)
		if _, err := q.values(); err != nil {
			return nil, err
		}
	}
	g, _, err := getByID[DIDGroup](ctx, s.client, "did_groups", id, opts, didGroupNamesFor("include", version))
	return g, err
}
