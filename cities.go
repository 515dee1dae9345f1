package didww

import (
	"context"
	"iter"
	"net/url"
)

// CitiesService reads the cities of DIDWW coverage.
type CitiesService service

// City is a city of DIDWW coverage.
type City struct {
	ID   string `didww:"primary,cities"`
	Name string `didww:"attr,name,required"`
	// Country, Region and Area are filled when the request included them,
	// and hold only an ID when the response carried only linkage.
	Country *Country `didww:"rel,country"`
	Region  *Region  `didww:"rel,region"`
	Area    *Area    `didww:"rel,area"`
}

// CityListOptions filters GET /cities, which is paginated.
//
// ID takes several ids, sent comma-joined ("any of"). The relationship id
// filters take one id; the API also reads several joined with commas
// ("id1,id2").
type CityListOptions struct {
	ListOptions
	// ID is filter[id].
	ID []string
	// CountryID is filter[country.id].
	CountryID string
	// RegionID is filter[region.id].
	RegionID string
	// AreaID is filter[area.id].
	AreaID string
	// Name is filter[name].
	Name string
	// IsAvailable is filter[is_available]: cities with numbers for sale now (true) or without (false).
	IsAvailable *bool
	// Include: "country", "region", "area".
	Include []string
	// Sort: "name" ("-name" descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	cityIncludes = []string{"country", "region", "area"}
	citySorts    = []string{"name"}
)

func (o *CityListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("region.id", o.RegionID)
		q.filter("area.id", o.AreaID)
		q.filter("name", o.Name)
		q.filterBool("is_available", o.IsAvailable)
		q.include(o.Include, cityIncludes)
		q.sort(o.Sort, citySorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the cities matching opts. Invalid options are an
// error wrapping ErrInvalidRequest, and nothing is sent.
func (s *CitiesService) List(ctx context.Context, opts *CityListOptions) (*Page[City], error) {
	return listOf[City](ctx, s.client, "/cities", opts)
}

// All yields every city matching opts, page after page from opts' page on.
// It yields an error once and stops; opts is not modified.
func (s *CitiesService) All(ctx context.Context, opts *CityListOptions) iter.Seq2[*City, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one city; opts may include "country", "region" and "area".
func (s *CitiesService) Get(ctx context.Context, id string, opts *GetOptions) (*City, error) {
	c, _, err := getByID[City](ctx, s.client, "cities", id, opts, cityIncludes)
	return c, err
}
