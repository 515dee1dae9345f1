package didww

import (
	"context"
	"iter"
	"net/url"
)

// DIDGroupTypesService reads the types of DID groups (Local, Mobile,
// Toll-free, ...) under API version 2026-04-16 and older. API version
// 2026-11-19 has no DID group types: every DID group carries a NumberType
// instead, and List, All and Get refuse before sending.
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

// didGroupTypeOptions are the names DID group type requests may use; the
// type itself is gone from 2026-11-19 on (versionedTypes).
var didGroupTypeOptions = &optionSet{typ: "did_group_types", sorts: []string{"name"}}

// query builds the query for DefaultAPIVersion.
func (o *DIDGroupTypeListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it; a version without DID
// group types refuses it whatever it holds.
func (o *DIDGroupTypeListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(didGroupTypeOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the DID group types matching opts. Invalid options,
// and any call under API version 2026-11-19, are an error wrapping
// ErrInvalidRequest, and nothing is sent.
func (s *DIDGroupTypesService) List(ctx context.Context, opts *DIDGroupTypeListOptions) (*Page[DIDGroupType], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[DIDGroupType](ctx, s.client, "/did_group_types", q)
}

// All yields every DID group type matching opts, page after page from opts'
// page on. It yields an error once and stops; opts is not modified.
func (s *DIDGroupTypesService) All(ctx context.Context, opts *DIDGroupTypeListOptions) iter.Seq2[*DIDGroupType, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one DID group type. It has no includes. Under API version
// 2026-11-19 it refuses before sending, as List does.
func (s *DIDGroupTypesService) Get(ctx context.Context, id string, opts *GetOptions) (*DIDGroupType, error) {
	t, _, err := getIn[DIDGroupType](ctx, s.client, "did_group_types", id, opts, didGroupTypeOptions)
	return t, err
}
