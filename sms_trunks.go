package didww

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"
)

// SMSTrunksService manages SMS trunks (API version 2026-11-19 on; under
// older versions every call is refused before anything is sent, with an
// error wrapping ErrInvalidRequest). Inbound routing is set on the DID (its
// sms_trunk relationship), not on the trunk.
type SMSTrunksService service

// SMSTrunk is an SMS trunk (API 2026-11-19 on): how DIDWW delivers the
// inbound SMS of your DIDs, how you submit outbound SMS, or both.
type SMSTrunk struct {
	ID string `didww:"primary,sms_trunks"`
	// Name is unique among the account's SMS trunks and SMS trunk groups.
	Name string `didww:"attr,name,required"`
	// ExternalReferenceID is the caller's own reference; empty when none.
	ExternalReferenceID string `didww:"attr,external_reference_id"`
	// Blocked trunks handle no messages.
	Blocked bool `didww:"attr,blocked,required"`
	// Priority orders the trunk within its SMS trunk group (0 to 32767,
	// the higher value offered first; 100 by default); nil on http_out
	// trunks, which join no group.
	Priority *int `didww:"attr,priority"`
	// AllowAnyDIDAsSource lets messages sent through the trunk use any DID
	// of the account as their source; OutgoingDIDs is then empty.
	AllowAnyDIDAsSource bool `didww:"attr,allow_any_did_as_source,required"`
	// AllowIn and AllowOut say whether the trunk handles inbound and
	// outbound messages; read-only, derived from the configuration's type.
	AllowIn  bool `didww:"attr,allow_in,required"`
	AllowOut bool `didww:"attr,allow_out,required"`
	// Configuration is the trunk's type and settings; switch on its type.
	// Credentials never print (see Secret).
	Configuration SMSTrunkConfiguration `didww:"attr,configuration,required"`
	CreatedAt     time.Time             `didww:"attr,created_at,required"`
	UpdatedAt     time.Time             `didww:"attr,updated_at,required"`
	// Host is, on an http_out trunk, the full URL outbound messages are
	// submitted to; nil on the other types (the resource's meta).
	Host *string `didww:"meta,host"`

	// Relationships: filled when included, ID-only when only linkage came.
	// OutgoingDIDs may be the source of the messages sent through the
	// trunk; IncomingDIDs are the DIDs routed to it (set on the DID).
	OutgoingDIDs  []*DID         `didww:"rel,outgoing_dids"`
	SMSTrunkGroup *SMSTrunkGroup `didww:"rel,sms_trunk_group"`
	IncomingDIDs  []*DID         `didww:"rel,incoming_dids"`
	// SenderIDVerifications are the verifications sending through the
	// trunk (assigned on the verification); read-only.
	SenderIDVerifications []*SenderIDVerification `didww:"rel,sender_id_verifications"`
}

// Type returns the trunk's configuration type, "" when it has none.
func (t *SMSTrunk) Type() SMSTrunkType {
	if t == nil || t.Configuration == nil {
		return ""
	}
	return t.Configuration.SMSTrunkType()
}

// Credentials returns what DIDWW generated for the trunk: the HTTP Basic
// username and password of an http_out trunk, the system_id and password of
// an smpp_esme trunk. ok is false for the other types.
func (t *SMSTrunk) Credentials() (username string, password Secret, ok bool) {
	if t == nil {
		return "", Secret{}, false
	}
	switch c := t.Configuration.(type) {
	case *HTTPOutConfiguration:
		if c != nil {
			return c.AuthName, c.AuthPassword, true
		}
	case *SMPPESMEConfiguration:
		if c != nil {
			return c.SystemID, c.Password, true
		}
	}
	return "", Secret{}, false
}

// SMSTrunkListOptions filters GET /sms_trunks.
type SMSTrunkListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID []string
	// Name is filter[name], any of these names, each matched exactly.
	Name                []string
	ExternalReferenceID string
	// ConfigurationType is filter[configuration.type], any of these types.
	ConfigurationType []SMSTrunkType
	// Include: "outgoing_dids", "incoming_dids", "sms_trunk_group",
	// "sender_id_verifications".
	Include []string
	// Sort: "name", "external_reference_id", "blocked", "priority",
	// "allow_in", "allow_out", "created_at", "updated_at" (a leading "-"
	// for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	smsTrunkIncludes = []string{"outgoing_dids", "incoming_dids", "sms_trunk_group", "sender_id_verifications"}
	smsTrunkSorts    = []string{"name", "external_reference_id", "blocked", "priority", "allow_in", "allow_out",
		"created_at", "updated_at"}
)

// smsTrunkOptions are the names trunk requests may use; the whole type
// arrives in 2026-11-19 (versionedTypes).
var smsTrunkOptions = &optionSet{typ: "sms_trunks", includes: smsTrunkIncludes, sorts: smsTrunkSorts}

func (o *SMSTrunkListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it.
func (o *SMSTrunkListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(smsTrunkOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filterList("name", o.Name)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.filterList("configuration.type", strs(o.ConfigurationType))
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// smsTrunksGate refuses every SMS trunk request under a version without them.
func smsTrunksGate(version string) error {
	if sp, ok := versionedTypes["sms_trunks"]; ok && !sp.accepts(version) {
		return invalid("sms_trunks", "%s%s", sp.why, speaks(version))
	}
	return nil
}

// List returns one page of the account's SMS trunks. Invalid options are an
// error wrapping ErrInvalidRequest, and nothing is sent.
func (s *SMSTrunksService) List(ctx context.Context, opts *SMSTrunkListOptions) (*Page[SMSTrunk], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[SMSTrunk](ctx, s.client, "/sms_trunks", q)
}

// All yields every SMS trunk matching opts, page after page.
func (s *SMSTrunksService) All(ctx context.Context, opts *SMSTrunkListOptions) iter.Seq2[*SMSTrunk, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one SMS trunk; opts may include "outgoing_dids",
// "incoming_dids", "sms_trunk_group" and "sender_id_verifications". An
// http_out trunk carries its submit URL in Host.
func (s *SMSTrunksService) Get(ctx context.Context, id string, opts *GetOptions) (*SMSTrunk, error) {
	t, _, err := getIn[SMSTrunk](ctx, s.client, "sms_trunks", id, opts, smsTrunkOptions)
	return t, err
}

// SMSTrunkCreateRequest is the body of POST /sms_trunks. Name and
// Configuration are required; zero values of the others are left out (the
// API's defaults apply: not blocked, priority 100 on the types that join
// groups).
type SMSTrunkCreateRequest struct {
	Name string
	// Configuration picks the trunk's type for good.
	Configuration       SMSTrunkConfiguration
	ExternalReferenceID string
	Blocked             bool
	// Priority, 0 to 32767; nil is 100. Not on http_out trunks.
	Priority *int
	// AllowAnyDIDAsSource, only on http_out, smpp_esme and smpp_smsc
	// trunks, and then without OutgoingDIDIDs.
	AllowAnyDIDAsSource bool
	// OutgoingDIDIDs are the DIDs the trunk's outbound messages may come
	// from (outbound types only).
	OutgoingDIDIDs []string
	// SMSTrunkGroupID is the group the trunk joins (not http_out).
	SMSTrunkGroupID string
}

// SMSTrunkUpdateRequest is the body of PATCH /sms_trunks/{id}: only what is
// set is sent. Nullable fields take didww.Value or didww.Null.
type SMSTrunkUpdateRequest struct {
	Name *string
	// ExternalReferenceID Null clears it.
	ExternalReferenceID Nullable[string]
	Blocked             *bool
	// Priority Null sets it back to 100; on http_out trunks it must be
	// left out (or Null).
	Priority            Nullable[int]
	AllowAnyDIDAsSource *bool
	// Configuration, when set, must be of the trunk's type (the API refuses
	// another with 422): its attributes are written, the others keep their
	// values (see SMSTrunkConfiguration).
	Configuration SMSTrunkConfiguration
	// OutgoingDIDIDs, when not nil, replaces the trunk's; an empty slice
	// removes them all.
	OutgoingDIDIDs []string
	// SMSTrunkGroupID Null takes the trunk out of its group.
	SMSTrunkGroupID Nullable[string]
}

type smsTrunkCreateAttributes struct {
	Name                string                    `json:"name"`
	ExternalReferenceID string                    `json:"external_reference_id,omitempty"`
	Blocked             bool                      `json:"blocked,omitempty"`
	Priority            *int                      `json:"priority,omitempty"`
	AllowAnyDIDAsSource bool                      `json:"allow_any_did_as_source,omitempty"`
	Configuration       *smsConfigurationEnvelope `json:"configuration"`
}

type smsTrunkUpdateAttributes struct {
	Name                *string                   `json:"name,omitempty"`
	ExternalReferenceID Nullable[string]          `json:"external_reference_id,omitzero"`
	Blocked             *bool                     `json:"blocked,omitempty"`
	Priority            Nullable[int]             `json:"priority,omitzero"`
	AllowAnyDIDAsSource *bool                     `json:"allow_any_did_as_source,omitempty"`
	Configuration       *smsConfigurationEnvelope `json:"configuration,omitempty"`
}

type smsTrunkRelationships struct {
	OutgoingDIDs  *linkages `json:"outgoing_dids,omitempty"`
	SMSTrunkGroup *linkage  `json:"sms_trunk_group,omitempty"`
}

func (r *smsTrunkRelationships) empty() bool { return r.OutgoingDIDs == nil && r.SMSTrunkGroup == nil }

// smsTrunkRules are the checks create and update share. kind is the
// configuration's type when the request names one ("" otherwise: the
// stored type is not known here, and the API checks it).
type smsTrunkRules struct {
	kind          SMSTrunkType
	priority      *int
	anyDID        bool
	outgoing      []string
	joinsGroup    bool
	externalRefID string
}

func (r *smsTrunkRules) check() error {
	if r.priority != nil && (*r.priority < 0 || *r.priority > 32767) {
		return invalid("priority", "is %d; it must be 0 to 32767", *r.priority)
	}
	if err := optionalRef(r.externalRefID); err != nil {
		return err
	}
	if r.anyDID && len(r.outgoing) > 0 {
		return invalid("outgoing_dids", "must be empty while allow_any_did_as_source is true")
	}
	if !r.kind.Known() {
		return nil
	}
	switch {
	case r.priority != nil && !r.kind.Groupable():
		return invalid("priority", "is set on an %s trunk, which joins no group; leave it out", r.kind)
	case r.anyDID && !r.kind.Outbound():
		return invalid("allow_any_did_as_source", "is true on an %s trunk; only http_out, smpp_esme and smpp_smsc trunks send messages", r.kind)
	case len(r.outgoing) > 0 && !r.kind.Outbound():
		return invalid("outgoing_dids", "are set on an %s trunk; only http_out, smpp_esme and smpp_smsc trunks send messages", r.kind)
	case r.joinsGroup && !r.kind.Groupable():
		return invalid("sms_trunk_group", "is set on an %s trunk, which cannot join an SMS trunk group", r.kind)
	}
	return nil
}

func (req *SMSTrunkCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if strings.TrimSpace(req.Name) == "" {
		return nil, invalid("name", "is empty")
	}
	cfg, err := smsConfigurationWire("configuration", req.Configuration, true)
	if err != nil {
		return nil, err
	}
	rules := smsTrunkRules{kind: cfg.Type, priority: req.Priority, anyDID: req.AllowAnyDIDAsSource,
		outgoing: req.OutgoingDIDIDs, joinsGroup: req.SMSTrunkGroupID != "", externalRefID: req.ExternalReferenceID}
	if err := rules.check(); err != nil {
		return nil, err
	}
	rels := &smsTrunkRelationships{}
	if len(req.OutgoingDIDIDs) > 0 {
		if rels.OutgoingDIDs, err = toManyLinkage("outgoing_dids", "dids", req.OutgoingDIDIDs); err != nil {
			return nil, err
		}
	}
	if req.SMSTrunkGroupID != "" {
		rels.SMSTrunkGroup = &linkage{Data: &resourceIdentifier{Type: "sms_trunk_groups", ID: req.SMSTrunkGroupID}}
	}
	obj := resourceObject{Type: "sms_trunks", Attributes: smsTrunkCreateAttributes{Name: req.Name,
		ExternalReferenceID: req.ExternalReferenceID, Blocked: req.Blocked, Priority: req.Priority,
		AllowAnyDIDAsSource: req.AllowAnyDIDAsSource, Configuration: cfg}}
	if !rels.empty() {
		obj.Relationships = rels
	}
	return jsonBody(resourceDocument{Data: obj})
}

func (req *SMSTrunkUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && strings.TrimSpace(*req.Name) == "" {
		return nil, invalid("name", "is empty")
	}
	a := smsTrunkUpdateAttributes{Name: req.Name, ExternalReferenceID: req.ExternalReferenceID, Blocked: req.Blocked,
		Priority: req.Priority, AllowAnyDIDAsSource: req.AllowAnyDIDAsSource}
	rules := smsTrunkRules{anyDID: req.AllowAnyDIDAsSource != nil && *req.AllowAnyDIDAsSource, outgoing: req.OutgoingDIDIDs}
	if p, ok := req.Priority.Get(); ok {
		rules.priority = &p
	}
	rules.externalRefID, _ = req.ExternalReferenceID.Get()
	group, joins := req.SMSTrunkGroupID.Get()
	rules.joinsGroup = joins
	if joins {
		if err := checkID("sms_trunk_group", group); err != nil {
			return nil, err
		}
	}
	if req.Configuration != nil {
		cfg, err := smsConfigurationWire("configuration", req.Configuration, false)
		if err != nil {
			return nil, err
		}
		a.Configuration, rules.kind = cfg, cfg.Type
	}
	if err := rules.check(); err != nil {
		return nil, err
	}
	rels := &smsTrunkRelationships{SMSTrunkGroup: nullableLinkage("sms_trunk_groups", req.SMSTrunkGroupID)}
	var err error
	if rels.OutgoingDIDs, err = toManyLinkage("outgoing_dids", "dids", req.OutgoingDIDIDs); err != nil {
		return nil, err
	}
	return updateBody("sms_trunks", id, a, rels, rels.empty())
}

// Create creates an SMS trunk and returns it; an http_out or smpp_esme
// trunk comes back with the credentials DIDWW generated. The request is
// checked first (an error wrapping ErrInvalidRequest names the field). A
// failure that leaves open whether the trunk was created matches
// ErrOutcomeUnknown: list the trunks by name before creating it again (names
// are unique, so a second create of the same name is refused).
func (s *SMSTrunksService) Create(ctx context.Context, req *SMSTrunkCreateRequest) (*SMSTrunk, error) {
	if err := smsTrunksGate(s.client.cfg.apiVersion); err != nil {
		return nil, err
	}
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[SMSTrunk](ctx, s.client, &request{method: "POST", path: "/sms_trunks", body: body}, noMark)
}

// Update changes what req sets and returns the updated trunk. A
// configuration of another type than the trunk's is refused by the API
// (422, ErrValidation). A failure that leaves open whether the change was
// made matches ErrOutcomeUnknown.
func (s *SMSTrunksService) Update(ctx context.Context, id string, req *SMSTrunkUpdateRequest) (*SMSTrunk, error) {
	if err := smsTrunksGate(s.client.cfg.apiVersion); err != nil {
		return nil, err
	}
	path, err := pathFor("sms_trunks", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[SMSTrunk](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}

// Delete deletes an SMS trunk. The API refuses it (422, ErrValidation)
// while a DID routes inbound SMS to the trunk: route those DIDs elsewhere
// first; outgoing DIDs do not block it, and sender ID verifications using
// the trunk are left without one. A retried DELETE that finds the trunk gone
// (404) after an attempt whose answer was lost succeeded.
func (s *SMSTrunksService) Delete(ctx context.Context, id string) error {
	if err := smsTrunksGate(s.client.cfg.apiVersion); err != nil {
		return err
	}
	return deleteByID(ctx, s.client, "sms_trunks", id)
}

// RegenerateCredentials replaces the credentials DIDWW generated for an
// http_out trunk (auth_name, auth_password) or an smpp_esme trunk
// (system_id, password) with POST /sms_trunk_regenerate_credentials, and
// returns the trunk read back with the new ones, since the API's answer
// carries only an id. Other types are refused with 422 (ErrValidation).
// When the rotation succeeded but reading the trunk back failed, the error
// says so and wraps the read's error: the old credentials no longer work,
// and Get returns the new ones. A failure that leaves open whether they were
// rotated matches ErrOutcomeUnknown.
func (s *SMSTrunksService) RegenerateCredentials(ctx context.Context, id string) (*SMSTrunk, error) {
	if err := smsTrunksGate(s.client.cfg.apiVersion); err != nil {
		return nil, err
	}
	if err := regenerate(ctx, s.client, "sms_trunk", "sms_trunks", id, func(err error) error { return err }); err != nil {
		return nil, err
	}
	t, err := s.Get(ctx, id, nil)
	if err != nil {
		return nil, regeneratedButUnread(err)
	}
	return t, nil
}
