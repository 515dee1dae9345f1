package didww

import (
	"context"
	"iter"
	"net/url"
)

// NanpaPrefixesService reads NANPA prefixes (NPA-NXX) of US and Canadian numbers.
type NanpaPrefixesService service

// NanpaPrefix is a North American area code (NPA) and exchange (NXX). Its ID
// is the nanpa_prefix_id of an order item.
type NanpaPrefix struct {
	ID  string `didww:"primary,nanpa_prefixes"`
	NPA string `didww:"attr,npa,required"`
	NXX string `didww:"attr,nxx,required"`
	// Country and Region are filled when the request included them, and
	// hold only an ID when the response carried only linkage.
	Country *Country `didww:"rel,country"`
	Region  *Region  `didww:"rel,region"`
}

// NanpaPrefixListOptions filters GET /nanpa_prefixes, which is paginated.
//
// ID takes several ids, sent comma-joined ("any of"). The relationship id
// filters take one id; the API also reads several joined with commas.
type NanpaPrefixListOptions struct {
	ListOptions
	// ID is filter[id].
	ID []string
	// CountryID is filter[country.id].
	CountryID string
	// RegionID is filter[region.id].
	RegionID string
	// NPA is filter[npa], the area code, such as "212".
	NPA string
	// NXX is filter[nxx], the exchange, such as "555".
	NXX string
	// NPANXX is filter[npanxx], both together, such as "212555".
	NPANXX string
	// Features is filter[did_group.features]: prefixes whose DID groups have
	// any of these features, sent comma-joined.
	Features []Feature
	// IsAvailable is filter[did_group.is_available]: prefixes whose DID
	// groups have numbers for sale now (true) or not (false).
	IsAvailable *bool
	// Include: "country", "region".
	Include []string
	// Sort: "npa", "nxx" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	nanpaPrefixIncludes = []string{"country", "region"}
	nanpaPrefixSorts    = []string{"npa", "nxx"}
)

func (o *NanpaPrefixListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("region.id", o.RegionID)
		q.filter("npa", o.NPA)
		q.filter("nxx", o.NXX)
		q.filter("npanxx", o.NPANXX)
		q.filterList("did_group.features", strs(o.Features))
		q.filterBool("did_group.is_available", o.IsAvailable)
		q.include(o.Include, nanpaPrefixIncludes)
		q.sort(o.Sort, nanpaPrefixSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the NANPA prefixes matching opts. Invalid options
// are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *NanpaPrefixesService) List(ctx context.Context, opts *NanpaPrefixListOptions) (*Page[NanpaPrefix], error) {
	return listOf[NanpaPrefix](ctx, s.client, "/nanpa_prefixes", opts)
}

// All yields every NANPA prefix matching opts, page after page from opts'
// page on. It yields an error once and stops; opts is not modified.
func (s *NanpaPrefixesService) All(ctx context.Context, opts *NanpaPrefixListOptions) iter.Seq2[*NanpaPrefix, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one NANPA prefix; opts may include "country" and "region".
func (s *NanpaPrefixesService) Get(ctx context.Context, id string, opts *GetOptions) (*NanpaPrefix, error) {
	p, _, err := getByID[NanpaPrefix](ctx, s.client, "nanpa_prefixes", id, opts, nanpaPrefixIncludes)
	return p, err
}
