package didww

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"time"
)

// SharedCapacityGroupsService manages shared capacity groups: channels of a
// capacity pool that a set of DIDs share.
type SharedCapacityGroupsService service

// SharedCapacityGroup is a share of a capacity pool's channels for its DIDs.
type SharedCapacityGroup struct {
	ID   string `didww:"primary,shared_capacity_groups"`
	Name string `didww:"attr,name,required"`
	// SharedChannelsCount is how many of the pool's channels the group holds.
	SharedChannelsCount int `didww:"attr,shared_channels_count,required"`
	// MeteredChannelsCount is how many more calls may overflow, billed per
	// minute; nil is no metered overflow.
	MeteredChannelsCount *int      `didww:"attr,metered_channels_count"`
	ExternalReferenceID  string    `didww:"attr,external_reference_id"`
	CreatedAt            time.Time `didww:"attr,created_at,required"`

	// Relationships: filled when included, ID-only when only linkage came.
	CapacityPool *CapacityPool `didww:"rel,capacity_pool"`
	DIDs         []*DID        `didww:"rel,dids"`
}

// SharedCapacityGroupListOptions filters GET /shared_capacity_groups, which is paginated.
type SharedCapacityGroupListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// Name is filter[name].
	Name string
	// CapacityPoolID is filter[capacity_pool.id]: groups of any of these pools.
	CapacityPoolID []string
	// ExternalReferenceID is filter[external_reference_id].
	ExternalReferenceID string
	// Include: "capacity_pool", "dids".
	Include []string
	// Sort: "created_at", "external_reference_id", "metered_channels_count",
	// "name", "shared_channels_count" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	sharedCapacityGroupIncludes = []string{"capacity_pool", "dids"}
	sharedCapacityGroupSorts    = []string{"created_at", "external_reference_id", "metered_channels_count", "name", "shared_channels_count"}
)

func (o *SharedCapacityGroupListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.filterList("capacity_pool.id", o.CapacityPoolID)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.include(o.Include, sharedCapacityGroupIncludes)
		q.sort(o.Sort, sharedCapacityGroupSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's shared capacity groups.
func (s *SharedCapacityGroupsService) List(ctx context.Context, opts *SharedCapacityGroupListOptions) (*Page[SharedCapacityGroup], error) {
	return listOf[SharedCapacityGroup](ctx, s.client, "/shared_capacity_groups", opts)
}

// All yields every shared capacity group matching opts, page after page.
func (s *SharedCapacityGroupsService) All(ctx context.Context, opts *SharedCapacityGroupListOptions) iter.Seq2[*SharedCapacityGroup, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one shared capacity group; opts may include "capacity_pool" and "dids".
func (s *SharedCapacityGroupsService) Get(ctx context.Context, id string, opts *GetOptions) (*SharedCapacityGroup, error) {
	g, _, err := getByID[SharedCapacityGroup](ctx, s.client, "shared_capacity_groups", id, opts, sharedCapacityGroupIncludes)
	return g, err
}

// SharedCapacityGroupCreateRequest is the body of POST
// /shared_capacity_groups. Name and CapacityPoolID are required.
type SharedCapacityGroupCreateRequest struct {
	Name string
	// SharedChannelsCount is drawn from the pool's unassigned channels (0 is sent as 0).
	SharedChannelsCount int
	// MeteredChannelsCount allows that many overflow calls, billed per
	// minute; nil allows none.
	MeteredChannelsCount *int
	ExternalReferenceID  string
	CapacityPoolID       string
	// DIDIDs are the DIDs that share the channels; each leaves the pool or
	// group it drew on.
	DIDIDs []string
}

// SharedCapacityGroupUpdateRequest is the body of PATCH
// /shared_capacity_groups/{id}: only what is set is sent.
type SharedCapacityGroupUpdateRequest struct {
	Name                 *string
	SharedChannelsCount  *int
	MeteredChannelsCount Nullable[int]
	ExternalReferenceID  Nullable[string]
	// CapacityPoolID moves the group to another pool; empty leaves it.
	CapacityPoolID string
	// DIDIDs, when not nil, replaces the group's whole set of DIDs; an
	// empty, non-nil slice ([]string{}) removes them all.
	DIDIDs []string
}

type sharedCapacityGroupAttributes struct {
	Name                 Nullable[string] `json:"name,omitzero"`
	SharedChannelsCount  *int             `json:"shared_channels_count,omitempty"`
	MeteredChannelsCount Nullable[int]    `json:"metered_channels_count,omitzero"`
	ExternalReferenceID  Nullable[string] `json:"external_reference_id,omitzero"`
}

type sharedCapacityGroupRelationships struct {
	CapacityPool *linkage  `json:"capacity_pool,omitempty"`
	DIDs         *linkages `json:"dids,omitempty"`
}

func (req *SharedCapacityGroupCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	if err := checkID("capacity_pool", req.CapacityPoolID); err != nil {
		return nil, invalid("capacity_pool", "CapacityPoolID is empty; a shared capacity group draws on a pool")
	}
	return (&SharedCapacityGroupUpdateRequest{
		Name: &req.Name, SharedChannelsCount: &req.SharedChannelsCount,
		MeteredChannelsCount: nullableFrom(req.MeteredChannelsCount), ExternalReferenceID: valueUnlessZero(req.ExternalReferenceID),
		CapacityPoolID: req.CapacityPoolID, DIDIDs: req.DIDIDs,
	}).document("")
}

func (req *SharedCapacityGroupUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && *req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	return req.document(id)
}

func (req *SharedCapacityGroupUpdateRequest) document(id string) ([]byte, error) {
	checks := []error{checkReference(req.ExternalReferenceID), checkMin("metered_channels_count", req.MeteredChannelsCount, 0)}
	if req.SharedChannelsCount != nil && *req.SharedChannelsCount < 0 {
		checks = append(checks, invalid("shared_channels_count", "is %d; it must not be negative", *req.SharedChannelsCount))
	}
	if err := firstError(checks); err != nil {
		return nil, err
	}
	dids, err := toManyLinkage("dids", "dids", req.DIDIDs)
	if err != nil {
		return nil, err
	}
	rels := sharedCapacityGroupRelationships{DIDs: dids}
	if req.CapacityPoolID != "" {
		rels.CapacityPool = nullableLinkage("capacity_pools", Value(req.CapacityPoolID))
	}
	type doc = writeDocument[sharedCapacityGroupAttributes, sharedCapacityGroupRelationships]
	type data = writeData[sharedCapacityGroupAttributes, sharedCapacityGroupRelationships]
	return encodeBody(doc{Data: data{Type: "shared_capacity_groups", ID: id,
		Attributes: sharedCapacityGroupAttributes{Name: nullableFrom(req.Name), SharedChannelsCount: req.SharedChannelsCount,
			MeteredChannelsCount: req.MeteredChannelsCount, ExternalReferenceID: req.ExternalReferenceID},
		Relationships: rels,
	}})
}

// Create makes a shared capacity group on a pool. Errors are as
// VoiceInTrunksService.Create's; a pool without enough unassigned channels
// is a 422.
func (s *SharedCapacityGroupsService) Create(ctx context.Context, req *SharedCapacityGroupCreateRequest) (*SharedCapacityGroup, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[SharedCapacityGroup](ctx, s.client, &request{method: http.MethodPost, path: "/shared_capacity_groups", body: body}, noMark)
}

// Update changes a shared capacity group and returns it as the API answers.
func (s *SharedCapacityGroupsService) Update(ctx context.Context, id string, req *SharedCapacityGroupUpdateRequest) (*SharedCapacityGroup, error) {
	path, err := pathFor("shared_capacity_groups", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[SharedCapacityGroup](ctx, s.client, &request{method: http.MethodPatch, path: path, body: body}, noMark)
}

// Delete deletes a shared capacity group: its channels go back to the pool.
func (s *SharedCapacityGroupsService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "shared_capacity_groups", id)
}
