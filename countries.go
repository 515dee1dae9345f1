package didww

import (
	"context"
	"iter"
	"net/url"
)

// CountriesService reads the countries of DIDWW coverage.
type CountriesService service

// Country is a country of DIDWW coverage.
type Country struct {
	ID   string `didww:"primary,countries"`
	Name string `didww:"attr,name,required"`
	// Prefix is the dialling prefix without "+", such as "44"; empty when the API has none.
	Prefix string `didww:"attr,prefix"`
	// ISO is the ISO 3166-1 alpha-2 code.
	ISO string `didww:"attr,iso,required"`
	// Regions is filled when the request included "regions".
	Regions []*Region `didww:"rel,regions"`
}

// CountryListOptions filters GET /countries. Countries are not paginated:
// leave ListOptions' page fields zero (Fields may be set).
type CountryListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// ISO is filter[iso], such as "US".
	ISO string
	// Name is filter[name].
	Name string
	// Prefix is filter[prefix], the dialling prefix without "+".
	Prefix string
	// IsAvailable is filter[is_available]: countries with numbers for sale
	// now (true), or in coverage without any (false).
	IsAvailable *bool
	// Include: "regions".
	Include []string
	// Sort: "iso", "name", "prefix" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	countryIncludes = []string{"regions"}
	countrySorts    = []string{"iso", "name", "prefix"}
)

func (o *CountryListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.unpaginated(o.ListOptions, "countries")
		q.filterList("id", o.ID)
		q.filter("iso", o.ISO)
		q.filter("name", o.Name)
		q.filter("prefix", o.Prefix)
		q.filterBool("is_available", o.IsAvailable)
		q.include(o.Include, countryIncludes)
		q.sort(o.Sort, countrySorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns every country matching opts, in one page. Invalid options are
// an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *CountriesService) List(ctx context.Context, opts *CountryListOptions) (*Page[Country], error) {
	return listOf[Country](ctx, s.client, "/countries", opts)
}

// All yields every country matching opts.
func (s *CountriesService) All(ctx context.Context, opts *CountryListOptions) iter.Seq2[*Country, error] {
	return onePage(ctx, func(ctx context.Context) (*Page[Country], error) { return s.List(ctx, opts) })
}

// Get returns one country; opts may include "regions".
func (s *CountriesService) Get(ctx context.Context, id string, opts *GetOptions) (*Country, error) {
	c, _, err := getByID[Country](ctx, s.client, "countries", id, opts, countryIncludes)
	return c, err
}
