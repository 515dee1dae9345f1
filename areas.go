package didww

import (
	"context"
	"iter"
	"net/url"
)

// AreasService reads the regulatory areas of countries: an address
// requirement may ask for an address in the number's area.
type AreasService service

// Area is a regulatory area of a country that groups cities; an address
// requirement may ask for an address in the number's area.
type Area struct {
	ID   string `didww:"primary,areas"`
	Name string `didww:"attr,name,required"`
	// Country is filled when the answer included it (areas?include=country),
	// ID-only when only linkage came.
	Country *Country `didww:"rel,country"`
}

// AreaListOptions filters GET /areas, which is paginated.
type AreaListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID []string
	// CountryID is filter[country.id].
	CountryID string
	// Name is filter[name], which the API compares case-insensitively.
	Name string
	// Include: "country".
	Include []string
	// Sort: "name" ("-name" descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	areaIncludes = []string{"country"}
	areaSorts    = []string{"name"}
)

func (o *AreaListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("name", o.Name)
		q.include(o.Include, areaIncludes)
		q.sort(o.Sort, areaSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the areas matching opts. Invalid options are an
// error wrapping ErrInvalidRequest, and nothing is sent.
func (s *AreasService) List(ctx context.Context, opts *AreaListOptions) (*Page[Area], error) {
	return listOf[Area](ctx, s.client, "/areas", opts)
}

// All yields every area matching opts, page after page from opts' page on.
// It yields an error once and stops; opts is not modified.
func (s *AreasService) All(ctx context.Context, opts *AreaListOptions) iter.Seq2[*Area, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one area; opts may include "country".
func (s *AreasService) Get(ctx context.Context, id string, opts *GetOptions) (*Area, error) {
	a, _, err := getByID[Area](ctx, s.client, "areas", id, opts, areaIncludes)
	return a, err
}
