package didww

import (
	"context"
	"iter"
	"net/url"
)

// DIDGroupTypesService reads the types of DID groups (Local, Mobile, Toll-free, ...).
type DIDGroupTypesService service

// DIDGroupType is a kind of number, such as "Local" or "Toll-free".
type DIDGroupType struct {
	ID   string `didww:"primary,did_group_types"`
	Name string `didww:"attr,name,required"`
}

// DIDGroupTypeListOptions filters GET /did_group_types, which is paginated.
type DIDGroupTypeListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// Name is filter[name], such as "Local".
	Name string
	// Include exists for symmetry: DID group types have no relationships,
	// so any value is refused.
	Include []string
	// Sort: "name" ("-name" descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	didGroupTypeIncludes = []string{}
	didGroupTypeSorts    = []string{"name"}
)

func (o *DIDGroupTypeListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.include(o.Include, didGroupTypeIncludes)
		q.sort(o.Sort, didGroupTypeSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the DID group types matching opts. Invalid options
// are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *DIDGroupTypesService) List(ctx context.Context, opts *DIDGroupTypeListOptions) (*Page[DIDGroupType], error) {
	return listOf[DIDGroupType](ctx, s.client, "/did_group_types", opts)
}

// All yields every DID group type matching opts, page after page from opts'
// page on. It yields an error once and stops; opts is not modified.
func (s *DIDGroupTypesService) All(ctx context.Context, opts *DIDGroupTypeListOptions) iter.Seq2[*DIDGroupType, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one DID group type. It has no includes.
func (s *DIDGroupTypesService) Get(ctx context.Context, id string, opts *GetOptions) (*DIDGroupType, error) {
	t, _, err := getByID[DIDGroupType](ctx, s.client, "did_group_types", id, opts, didGroupTypeIncludes)
	return t, err
}
