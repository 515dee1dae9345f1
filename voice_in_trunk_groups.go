package didww

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// VoiceInTrunkGroupsService manages voice-in trunk groups: trunks tried in
// order of priority (and shared by weight) for the DIDs routed to the group.
type VoiceInTrunkGroupsService service

// VoiceInTrunkGroup is a set of trunks a DID can be routed to as one.
type VoiceInTrunkGroup struct {
	ID   string `didww:"primary,voice_in_trunk_groups"`
	Name string `didww:"attr,name,required"`
	// CapacityLimit caps simultaneous calls across the group; nil is no limit.
	CapacityLimit       *int      `didww:"attr,capacity_limit"`
	ExternalReferenceID string    `didww:"attr,external_reference_id"`
	CreatedAt           time.Time `didww:"attr,created_at,required"`
	// TrunksCount is how many trunks the group has (the resource's meta).
	TrunksCount int `didww:"meta,trunks_count"`
	// VoiceInTrunks are the group's trunks: filled when included, ID-only
	// when only linkage came.
	VoiceInTrunks []*VoiceInTrunk `didww:"rel,voice_in_trunks"`
}

// VoiceInTrunkGroupListOptions filters GET /voice_in_trunk_groups, which is paginated.
type VoiceInTrunkGroupListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// ExternalReferenceID is filter[external_reference_id].
	ExternalReferenceID string
	// Include: "voice_in_trunks".
	Include []string
	// Sort: "capacity_limit", "created_at", "external_reference_id", "name"
	// (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	voiceInTrunkGroupIncludes = []string{"voice_in_trunks"}
	voiceInTrunkGroupSorts    = []string{"capacity_limit", "created_at", "external_reference_id", "name"}
)

func (o *VoiceInTrunkGroupListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.include(o.Include, voiceInTrunkGroupIncludes)
		q.sort(o.Sort, voiceInTrunkGroupSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's trunk groups.
func (s *VoiceInTrunkGroupsService) List(ctx context.Context, opts *VoiceInTrunkGroupListOptions) (*Page[VoiceInTrunkGroup], error) {
	return listOf[VoiceInTrunkGroup](ctx, s.client, "/voice_in_trunk_groups", opts)
}

// All yields every trunk group matching opts, page after page.
func (s *VoiceInTrunkGroupsService) All(ctx context.Context, opts *VoiceInTrunkGroupListOptions) iter.Seq2[*VoiceInTrunkGroup, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one trunk group; opts may include "voice_in_trunks".
func (s *VoiceInTrunkGroupsService) Get(ctx context.Context, id string, opts *GetOptions) (*VoiceInTrunkGroup, error) {
	g, _, err := getByID[VoiceInTrunkGroup](ctx, s.client, "voice_in_trunk_groups", id, opts, voiceInTrunkGroupIncludes)
	return g, err
}

// VoiceInTrunkGroupCreateRequest is the body of POST /voice_in_trunk_groups.
// Name is required.
type VoiceInTrunkGroupCreateRequest struct {
	Name string
	// CapacityLimit caps simultaneous calls across the group; nil is no limit.
	CapacityLimit       *int
	ExternalReferenceID string
	// VoiceInTrunkIDs are the trunks of the group; trunks in another group
	// move to this one.
	VoiceInTrunkIDs []string
}

// VoiceInTrunkGroupUpdateRequest is the body of PATCH
// /voice_in_trunk_groups/{id}: only what is set is sent.
type VoiceInTrunkGroupUpdateRequest struct {
	Name                *string
	CapacityLimit       Nullable[int]
	ExternalReferenceID Nullable[string]
	// VoiceInTrunkIDs, when not nil, replaces the whole membership: the
	// trunks listed are the group's, the others leave it. An empty,
	// non-nil slice ([]string{}) empties the group; nil leaves it as it is.
	VoiceInTrunkIDs []string
}

type voiceInTrunkGroupAttributes struct {
	Name                Nullable[string] `json:"name,omitzero"`
	CapacityLimit       Nullable[int]    `json:"capacity_limit,omitzero"`
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

type voiceInTrunkGroupRelationships struct {
	VoiceInTrunks *linkages `json:"voice_in_trunks,omitempty"`
}

func (req *VoiceInTrunkGroupCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	u := &VoiceInTrunkGroupUpdateRequest{Name: &req.Name, ExternalReferenceID: valueUnlessZero(req.ExternalReferenceID),
		CapacityLimit: nullableFrom(req.CapacityLimit), VoiceInTrunkIDs: req.VoiceInTrunkIDs}
	return u.document("")
}

func (req *VoiceInTrunkGroupUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && *req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	return req.document(id)
}

func (req *VoiceInTrunkGroupUpdateRequest) document(id string) ([]byte, error) {
	if err := firstError([]error{checkReference(req.ExternalReferenceID), checkMin("capacity_limit", req.CapacityLimit, 0)}); err != nil {
		return nil, err
	}
	trunks, err := toManyLinkage("voice_in_trunks", "voice_in_trunks", req.VoiceInTrunkIDs)
	if err != nil {
		return nil, err
	}
	type doc = writeDocument[voiceInTrunkGroupAttributes, voiceInTrunkGroupRelationships]
	type data = writeData[voiceInTrunkGroupAttributes, voiceInTrunkGroupRelationships]
	return encodeBody(doc{Data: data{Type: "voice_in_trunk_groups", ID: id,
		Attributes: voiceInTrunkGroupAttributes{Name: nullableFrom(req.Name), CapacityLimit: req.CapacityLimit,
			ExternalReferenceID: req.ExternalReferenceID},
		Relationships: voiceInTrunkGroupRelationships{VoiceInTrunks: trunks},
	}})
}

// Create makes a trunk group. Errors are as VoiceInTrunksService.Create's.
func (s *VoiceInTrunkGroupsService) Create(ctx context.Context, req *VoiceInTrunkGroupCreateRequest) (*VoiceInTrunkGroup, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	if err := checkGroupSize(req.VoiceInTrunkIDs, s.client.cfg.apiVersion); err != nil {
		return nil, err
	}
	return writeOne[VoiceInTrunkGroup](ctx, s.client, &request{method: http.MethodPost, path: "/voice_in_trunk_groups", body: body}, noMark)
}

// Update changes a trunk group and returns it as the API answers.
func (s *VoiceInTrunkGroupsService) Update(ctx context.Context, id string, req *VoiceInTrunkGroupUpdateRequest) (*VoiceInTrunkGroup, error) {
	path, err := pathFor("voice_in_trunk_groups", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	if err := checkGroupSize(req.VoiceInTrunkIDs, s.client.cfg.apiVersion); err != nil {
		return nil, err
	}
	return writeOne[VoiceInTrunkGroup](ctx, s.client, &request{method: http.MethodPatch, path: path, body: body}, noMark)
}

// maxGroupTrunks is how many distinct trunks a group may hold from API
// version 2026-11-19 on (DIDWW's OpenAPI 2026-10-22 draft).
const maxGroupTrunks = 10

// checkGroupSize refuses what 2026-11-19 refuses: more than maxGroupTrunks
// distinct trunks in one group.
func checkGroupSize(ids []string, version string) error {
	if version < APIVersion20261119 {
		return nil
	}
	if n := len(slices.Compact(slices.Sorted(slices.Values(ids)))); n > maxGroupTrunks {
		return invalid("voice_in_trunks", "names %d distinct trunks; API version %s takes at most %d per group", n, version, maxGroupTrunks)
	}
	return nil
}

// Delete deletes a trunk group. Under API version 2026-04-16 its trunks
// stay, ungrouped, and DIDs routed to the group are handled as for a deleted
// trunk (VoiceInTrunksService.Delete). From 2026-11-19 on the trunks in the
// group are deleted with it, and the API refuses (422) while DIDs are routed
// to the group or to any of its trunks: move its trunks out first to keep
// them.
func (s *VoiceInTrunkGroupsService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "voice_in_trunk_groups", id)
}
