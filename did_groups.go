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

// DIDGroup is a group of numbers sharing a prefix and area.
type DIDGroup struct {
	ID string `jsonapi:"primary,did_groups"`
	// Prefix is the dialling prefix, such as "20" or "4420".
	Prefix      string `jsonapi:"attr,prefix" didww:"required"`
	LocalPrefix string `jsonapi:"attr,local_prefix"`
	AreaName    string `jsonapi:"attr,area_name" didww:"required"`
	// Features are the group's capabilities.
	Features                []Feature `didww:"attr,features,required"`
	IsMetered               bool      `jsonapi:"attr,is_metered" didww:"required"`
	AllowAdditionalChannels bool      `jsonapi:"attr,allow_additional_channels" didww:"required"`
	// ServiceRestrictions is restriction text, often HTML; empty when none.
	ServiceRestrictions string `jsonapi:"attr,service_restrictions"`

	// The values below come from the resource's own meta, on primary and
	// included groups alike.

	// AvailableDIDsEnabled says whether specific numbers of the group can be
	// listed (AvailableDIDs) and reserved.
	AvailableDIDsEnabled bool `didww:"meta,available_dids_enabled"`
	// NeedsRegistration says whether numbers need the buyer's documents before activation.
	NeedsRegistration bool `didww:"meta,needs_registration"`
	// IsAvailable says whether numbers can be bought now.
	IsAvailable bool `didww:"meta,is_available"`
	// TotalCount is how many numbers are in stock.
	TotalCount int `didww:"meta,total_count"`
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
	ID string `jsonapi:"primary,stock_keeping_units"`
	// SetupPrice is the one-off charge, VAT excluded.
	SetupPrice Decimal `didww:"attr,setup_price,required"`
	// MonthlyPrice is the recurring monthly charge, VAT excluded.
	MonthlyPrice Decimal `didww:"attr,monthly_price,required"`
	// ChannelsIncludedCount is how many simultaneous calls are included.
	ChannelsIncludedCount int `didww:"attr,channels_included_count,required"`
}

// AddressRequirement says what a buyer must prove to activate numbers of a DID group.
type AddressRequirement struct {
	ID                         string   `jsonapi:"primary,address_requirements" didww:"types,requirements"`
	IdentityType               string   `jsonapi:"attr,identity_type" didww:"required"`
	PersonalAreaLevel          string   `jsonapi:"attr,personal_area_level"`
	BusinessAreaLevel          string   `jsonapi:"attr,business_area_level"`
	AddressAreaLevel           string   `jsonapi:"attr,address_area_level" didww:"required"`
	PersonalProofQty           int      `didww:"attr,personal_proof_qty,required"`
	BusinessProofQty           int      `didww:"attr,business_proof_qty,required"`
	AddressProofQty            int      `didww:"attr,address_proof_qty,required"`
	PersonalMandatoryFields    []string `didww:"attr,personal_mandatory_fields"`
	BusinessMandatoryFields    []string `didww:"attr,business_mandatory_fields"`
	ServiceDescriptionRequired bool     `jsonapi:"attr,service_description_required" didww:"required"`
	RestrictionMessage         string   `jsonapi:"attr,restriction_message" didww:"required"`
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
	// LocalPrefix is filter[local_prefix].
	LocalPrefix string
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
	// "stock_keeping_units", "address_requirement", and "requirement" (its
	// name in API version 2022-05-10).
	Include []string
	// Sort: "allow_additional_channels", "area_name", "country.name",
	// "did_group_type.name", "is_metered", "prefix", "local_prefix",
	// "service_restrictions" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	didGroupIncludes = []string{"country", "region", "city", "did_group_type", "stock_keeping_units", "address_requirement", "requirement"}
	didGroupSorts    = []string{"allow_additional_channels", "area_name", "country.name", "did_group_type.name", "is_metered", "prefix", "local_prefix", "service_restrictions"}
)

func (o *DIDGroupListOptions) query() (url.Values, error) {
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
		q.filter("local_prefix", o.LocalPrefix)
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
		q.include(o.Include, didGroupIncludes)
		q.sort(o.Sort, didGroupSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the DID groups matching opts. Invalid options are
// an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *DIDGroupsService) List(ctx context.Context, opts *DIDGroupListOptions) (*Page[DIDGroup], error) {
	return listOf[DIDGroup](ctx, s.client, "/did_groups", opts)
}

// All yields every DID group matching opts, page after page from opts' page
// on. It yields an error once and stops; opts is not modified.
func (s *DIDGroupsService) All(ctx context.Context, opts *DIDGroupListOptions) iter.Seq2[*DIDGroup, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one DID group; opts may include the names DIDGroupListOptions.Include lists.
func (s *DIDGroupsService) Get(ctx context.Context, id string, opts *GetOptions) (*DIDGroup, error) {
	g, _, err := getByID[DIDGroup](ctx, s.client, "did_groups", id, opts, didGroupIncludes)
	return g, err
}
