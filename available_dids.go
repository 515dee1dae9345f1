package didww

import (
	"context"
	"iter"
	"net/url"
)

// AvailableDIDsService lists specific numbers that can be reserved and bought.
// The API serves it only to accounts where DIDWW enabled number selection,
// and only for DID groups whose AvailableDIDsEnabled is true.
type AvailableDIDsService service

// AvailableDID is a specific number in stock. Its ID is what a DID
// reservation, or an order item's available_did_id, refers to.
type AvailableDID struct {
	ID string `didww:"primary,available_dids"`
	// Number is E.164 without "+", such as "442037691880".
	Number string `didww:"attr,number,required"`
	// DIDGroup is filled when the request included "did_group" (with its
	// SKUs for "did_group.stock_keeping_units"); ID-only on bare linkage.
	DIDGroup *DIDGroup `didww:"rel,did_group"`
	// NanpaPrefix is set for NANPA numbers when the request included "nanpa_prefix".
	NanpaPrefix *NanpaPrefix `didww:"rel,nanpa_prefix"`
}

// AvailableDIDListOptions filters GET /available_dids. The endpoint is not
// paginated (leave ListOptions' page fields zero): it answers with a capped
// set in random order, and Page.Meta.TotalCount says how many numbers matched.
//
// ID takes several ids, sent comma-joined ("any of"). The relationship id
// filters take one id; the API also reads several joined with commas.
type AvailableDIDListOptions struct {
	ListOptions
	// ID is filter[id].
	ID []string
	// DIDGroupID is filter[did_group.id].
	DIDGroupID string
	// CountryID is filter[country.id].
	CountryID string
	// RegionID is filter[region.id].
	RegionID string
	// CityID is filter[city.id].
	CityID string
	// DIDGroupTypeID is filter[did_group_type.id], under API version
	// 2026-04-16 and older; 2026-11-19 refuses it (use NumberType).
	DIDGroupTypeID string
	// NumberType is filter[did_group.number_type]: numbers whose group is of
	// any of these kinds, sent comma-joined. API version 2026-11-19 on;
	// older ones refuse it (use DIDGroupTypeID).
	NumberType []NumberType
	// NanpaPrefixID is filter[nanpa_prefix.id].
	NanpaPrefixID string
	// NumberContains is filter[number_contains], digits only. The API wants
	// at least 3 digits unless a coverage filter narrows the search.
	NumberContains string
	// NeedsRegistration is filter[did_group.needs_registration].
	NeedsRegistration *bool
	// Features is filter[did_group.features]: numbers whose group has any of
	// these features, sent comma-joined.
	Features []Feature
	// Include: "did_group", "did_group.stock_keeping_units", "nanpa_prefix".
	Include []string
	// Sort: "number", which the 2026-04-16 OpenAPI document allows; DIDWW's
	// pages say results come in random order. API version 2026-11-19
	// disables sorting: the client refuses it before sending.
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

// availableDIDOptions are the names available DID requests may use, by version.
var availableDIDOptions = &optionSet{
	typ:      "available_dids",
	includes: []string{"did_group", "did_group.stock_keeping_units", "nanpa_prefix"},
	sorts:    []string{"number"},
	versioned: map[string]span{
		"sort:number":                  before(APIVersion20261119, "available DIDs are not sortable from API version 2026-11-19 on: they come in random order"),
		"filter:did_group_type.id":     before(APIVersion20261119, goneGroupType("DIDGroupTypeID (filter[did_group_type.id])", "filter by number type (NumberType, sent as filter[did_group.number_type]) instead")),
		"filter:did_group.number_type": since(APIVersion20261119, newNumberType("NumberType (filter[did_group.number_type])", "filter by DIDGroupTypeID")),
	},
}

// query builds the query for DefaultAPIVersion.
func (o *AvailableDIDListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it.
func (o *AvailableDIDListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(availableDIDOptions, version)
	if o != nil {
		q.unpaginated(o.ListOptions, "available DIDs")
		for i := 0; i < len(o.NumberContains); i++ {
			if c := o.NumberContains[i]; c < '0' || c > '9' {
				q.fail("NumberContains", "%q must hold digits only", o.NumberContains)
				break
			}
		}
		q.filterList("id", o.ID)
		q.filter("did_group.id", o.DIDGroupID)
		q.filter("country.id", o.CountryID)
		q.filter("region.id", o.RegionID)
		q.filter("city.id", o.CityID)
		q.filter("did_group_type.id", o.DIDGroupTypeID)
		q.filterList("did_group.number_type", strs(o.NumberType))
		q.filter("nanpa_prefix.id", o.NanpaPrefixID)
		q.filter("number_contains", o.NumberContains)
		q.filterBool("did_group.needs_registration", o.NeedsRegistration)
		q.filterList("did_group.features", strs(o.Features))
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns the available numbers matching opts, in one page whose
// Meta.TotalCount says how many matched in all. Invalid options are an error
// wrapping ErrInvalidRequest, and nothing is sent.
func (s *AvailableDIDsService) List(ctx context.Context, opts *AvailableDIDListOptions) (*Page[AvailableDID], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[AvailableDID](ctx, s.client, "/available_dids", q)
}

// All yields the available numbers matching opts: the one page List returns.
func (s *AvailableDIDsService) All(ctx context.Context, opts *AvailableDIDListOptions) iter.Seq2[*AvailableDID, error] {
	return onePage(ctx, func(ctx context.Context) (*Page[AvailableDID], error) { return s.List(ctx, opts) })
}

// Get returns one available number; opts may include "did_group",
// "did_group.stock_keeping_units" and "nanpa_prefix".
func (s *AvailableDIDsService) Get(ctx context.Context, id string, opts *GetOptions) (*AvailableDID, error) {
	d, _, err := getIn[AvailableDID](ctx, s.client, "available_dids", id, opts, availableDIDOptions)
	return d, err
}
