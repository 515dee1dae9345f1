package didww

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"time"
)

// SMSTrunkGroupsService manages SMS trunk groups (API 2026-11-19 on): sets
// of inbound SMS trunks a DID can route its messages to as one. Under an
// older API version every call is refused before sending.
type SMSTrunkGroupsService service

// SMSTrunkGroup is a group of SMS trunks (API 2026-11-19 on) that inbound
// SMS are offered to by priority.
type SMSTrunkGroup struct {
	ID string `didww:"primary,sms_trunk_groups"`
	// Name is unique among the SMS trunks and SMS trunk groups of the account.
	Name                string    `didww:"attr,name,required"`
	ExternalReferenceID string    `didww:"attr,external_reference_id"`
	CreatedAt           time.Time `didww:"attr,created_at,required"`
	UpdatedAt           time.Time `didww:"attr,updated_at,required"`
	// SMSTrunksCount is how many trunks the group has (the resource's meta).
	SMSTrunksCount int `didww:"meta,sms_trunks_count"`
	// SMSTrunks are the group's trunks and IncomingDIDs the DIDs routed to
	// it: filled when included, ID-only when only linkage came.
	SMSTrunks    []*SMSTrunk `didww:"rel,sms_trunks"`
	IncomingDIDs []*DID      `didww:"rel,incoming_dids"`
}

// SMSTrunkGroupListOptions filters GET /sms_trunk_groups, which is paginated.
type SMSTrunkGroupListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// Name is filter[name]; several names are sent comma-joined ("any of").
	Name []string
	// ExternalReferenceID is filter[external_reference_id].
	ExternalReferenceID string
	// Include: "sms_trunks", "incoming_dids".
	Include []string
	// Sort: "name", "external_reference_id", "created_at", "updated_at"
	// (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

// smsTrunkGroupOptions are the names SMS trunk group requests may use; the
// whole type is 2026-11-19's (versionedTypes).
var smsTrunkGroupOptions = &optionSet{
	typ:      "sms_trunk_groups",
	includes: []string{"sms_trunks", "incoming_dids"},
	sorts:    []string{"name", "external_reference_id", "created_at", "updated_at"},
}

func (o *SMSTrunkGroupListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

func (o *SMSTrunkGroupListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(smsTrunkGroupOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filterList("name", o.Name)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's SMS trunk groups.
func (s *SMSTrunkGroupsService) List(ctx context.Context, opts *SMSTrunkGroupListOptions) (*Page[SMSTrunkGroup], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[SMSTrunkGroup](ctx, s.client, "/sms_trunk_groups", q)
}

// All yields every SMS trunk group matching opts, page after page.
func (s *SMSTrunkGroupsService) All(ctx context.Context, opts *SMSTrunkGroupListOptions) iter.Seq2[*SMSTrunkGroup, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one SMS trunk group; opts may include "sms_trunks" and
// "incoming_dids".
func (s *SMSTrunkGroupsService) Get(ctx context.Context, id string, opts *GetOptions) (*SMSTrunkGroup, error) {
	g, _, err := getIn[SMSTrunkGroup](ctx, s.client, "sms_trunk_groups", id, opts, smsTrunkGroupOptions)
	return g, err
}

// SMSTrunkGroupCreateRequest is the body of POST /sms_trunk_groups. Name is
// required.
type SMSTrunkGroupCreateRequest struct {
	Name                string
	ExternalReferenceID string
	// SMSTrunkIDs are the group's trunks: only inbound ones (sms_to_email,
	// http_in, smpp_esme, smpp_smsc), each once.
	SMSTrunkIDs []string
}

// SMSTrunkGroupUpdateRequest is the body of PATCH /sms_trunk_groups/{id}:
// only what is set is sent.
type SMSTrunkGroupUpdateRequest struct {
	Name                *string
	ExternalReferenceID Nullable[string]
	// SMSTrunkIDs, when not nil, replaces the whole membership: the trunks
	// listed are the group's, the others leave it. An empty, non-nil slice
	// ([]string{}) empties the group; nil leaves it as it is.
	SMSTrunkIDs []string
}

type smsTrunkGroupAttributes struct {
	Name                Nullable[string] `json:"name,omitzero"`
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

type smsTrunkGroupRelationships struct {
	SMSTrunks *linkages `json:"sms_trunks,omitempty"`
}

func (req *SMSTrunkGroupCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	u := &SMSTrunkGroupUpdateRequest{Name: &req.Name, ExternalReferenceID: valueUnlessZero(req.ExternalReferenceID),
		SMSTrunkIDs: req.SMSTrunkIDs}
	return u.document("")
}

func (req *SMSTrunkGroupUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && *req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	if req.Name == nil && req.ExternalReferenceID.IsZero() && req.SMSTrunkIDs == nil {
		return nil, invalid("request", "sets nothing; set at least one field")
	}
	return req.document(id)
}

func (req *SMSTrunkGroupUpdateRequest) document(id string) ([]byte, error) {
	if err := checkReference(req.ExternalReferenceID); err != nil {
		return nil, err
	}
	trunks, err := toManyLinkage("sms_trunks", "sms_trunks", req.SMSTrunkIDs)
	if err != nil {
		return nil, err
	}
	type doc = writeDocument[smsTrunkGroupAttributes, smsTrunkGroupRelationships]
	type data = writeData[smsTrunkGroupAttributes, smsTrunkGroupRelationships]
	return encodeBody(doc{Data: data{Type: "sms_trunk_groups", ID: id,
		Attributes:    smsTrunkGroupAttributes{Name: nullableFrom(req.Name), ExternalReferenceID: req.ExternalReferenceID},
		Relationships: smsTrunkGroupRelationships{SMSTrunks: trunks},
	}})
}

// versionGate refuses a write under an API version without SMS trunk
// groups, as List and Get refuse their queries.
func (s *SMSTrunkGroupsService) versionGate() error {
	_, err := newQueryFor(smsTrunkGroupOptions, s.client.cfg.apiVersion).values()
	return err
}

// Create makes an SMS trunk group. The request is checked first (an error
// wrapping ErrInvalidRequest names the field, and nothing is sent). A
// failure after which the group may exist matches ErrOutcomeUnknown: list
// the groups by Name (unique on the account) before creating it again.
func (s *SMSTrunkGroupsService) Create(ctx context.Context, req *SMSTrunkGroupCreateRequest) (*SMSTrunkGroup, error) {
	if err := s.versionGate(); err != nil {
		return nil, err
	}
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[SMSTrunkGroup](ctx, s.client, &request{method: http.MethodPost, path: "/sms_trunk_groups", body: body}, noMark)
}

// Update changes an SMS trunk group and returns it as the API answers.
func (s *SMSTrunkGroupsService) Update(ctx context.Context, id string, req *SMSTrunkGroupUpdateRequest) (*SMSTrunkGroup, error) {
	if err := s.versionGate(); err != nil {
		return nil, err
	}
	path, err := pathFor("sms_trunk_groups", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[SMSTrunkGroup](ctx, s.client, &request{method: http.MethodPatch, path: path, body: body}, noMark)
}

// Delete deletes an SMS trunk group together with its member trunks (to
// keep a trunk, take it out of the group first). The API refuses it (422)
// while a DID routes its SMS to the group or to one of its trunks.
func (s *SMSTrunkGroupsService) Delete(ctx context.Context, id string) error {
	if err := s.versionGate(); err != nil {
		return err
	}
	return deleteByID(ctx, s.client, "sms_trunk_groups", id)
}
