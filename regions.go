package didww

import (
	"context"
	"iter"
	"net/url"
)

// RegionsService reads the regions (states, provinces) of countries.
type RegionsService service

// Region is a subdivision of a country.
type Region struct {
	ID   string `didww:"primary,regions"`
	Name string `didww:"attr,name,required"`
	// ISO is the ISO 3166-2 subdivision code, such as "US-NJ". The API sends
	// null for most regions, read as empty.
	ISO string `didww:"attr,iso"`
	// Country is filled when the request included "country".
	Country *Country `didww:"rel,country"`
}

// RegionListOptions filters GET /regions. Regions are not paginated: leave
// ListOptions' page fields zero (Fields may be set).
type RegionListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// CountryID is filter[country.id]. It takes one id, like every
	// relationship id filter; the API also reads several joined with commas.
	CountryID string
	// ISO is filter[iso], an ISO 3166-2 subdivision code such as "US-NJ".
	ISO string
	// Name is filter[name].
	Name string
	// Include: "country".
	Include []string
	// Sort: "iso", "name" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	regionIncludes = []string{"country"}
	regionSorts    = []string{"iso", "name"}
)

func (o *RegionListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.unpaginated(o.ListOptions, "regions")
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("iso", o.ISO)
		q.filter("name", o.Name)
		q.include(o.Include, regionIncludes)
		q.sort(o.Sort, regionSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns every region matching opts, in one page. Invalid options are
// an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *RegionsService) List(ctx context.Context, opts *RegionListOptions) (*Page[Region], error) {
	return listOf[Region](ctx, s.client, "/regions", opts)
}

// All yields every region matching opts.
func (s *RegionsService) All(ctx context.Context, opts *RegionListOptions) iter.Seq2[*Region, error] {
	return onePage(ctx, func(ctx context.Context) (*Page[Region], error) { return s.List(ctx, opts) })
}

// Get returns one region; opts may include "country".
func (s *RegionsService) Get(ctx context.Context, id string, opts *GetOptions) (*Region, error) {
	r, _, err := getByID[Region](ctx, s.client, "regions", id, opts, regionIncludes)
	return r, err
}
