package didww

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"
)

// VoiceInTrunksService manages voice-in trunks: where the calls to the
// account's DIDs go (a SIP host or client, or a phone number).
type VoiceInTrunksService service

// CLIFormat is how the caller's number is presented to a trunk. Unknown
// values are kept.
type CLIFormat string

// CLI formats DIDWW's SDK documents.
const (
	CLIFormatRaw   CLIFormat = "raw"
	CLIFormatE164  CLIFormat = "e164"
	CLIFormatLocal CLIFormat = "local"
)

// VoiceInTrunk is a destination for incoming calls. DIDs are routed to it
// (or to its trunk group) with DIDs.Update.
type VoiceInTrunk struct {
	ID   string `didww:"primary,voice_in_trunks"`
	Name string `didww:"attr,name,required"`
	// Description and ExternalReferenceID are empty when none is set.
	Description         string `didww:"attr,description"`
	ExternalReferenceID string `didww:"attr,external_reference_id"`
	// Priority orders the trunks of a group (lower first); Weight shares
	// calls among trunks of equal priority.
	Priority int `didww:"attr,priority,required"`
	Weight   int `didww:"attr,weight,required"`
	// CapacityLimit caps simultaneous calls; nil is no limit.
	CapacityLimit *int `didww:"attr,capacity_limit"`
	// CLIFormat and CLIPrefix shape the caller ID; empty when not set.
	CLIFormat CLIFormat `didww:"attr,cli_format"`
	CLIPrefix string    `didww:"attr,cli_prefix"`
	// RingingTimeout is in seconds (1 to 32 from API 2026-11-19 on); nil
	// is the platform's default.
	RingingTimeout *int      `didww:"attr,ringing_timeout"`
	CreatedAt      time.Time `didww:"attr,created_at,required"`
	// Configuration is a *SIPConfiguration or a *PSTNConfiguration (a
	// *RawConfiguration for other kinds).
	Configuration TrunkConfiguration `didww:"attr,configuration,required"`

	// VoiceInTrunkGroup is the group the trunk belongs to, nil when none
	// (or when the answer did not include or link it).
	VoiceInTrunkGroup *VoiceInTrunkGroup `didww:"rel,voice_in_trunk_group"`
	// Pop is the point of presence the trunk is pinned to, nil when none,
	// as API version 2026-04-16 links it (the pop relationship; its Name is
	// set only when the answer included it). Nil under 2026-11-19, which
	// names the POP in PopName instead.
	Pop *Pop `didww:"rel,pop"`
	// PopName is the POP the trunk is pinned to as API version 2026-11-19
	// names it (the pop attribute): its code, such as PopCodeNewYork;
	// empty when none, and under 2026-04-16, whose Pop says it.
	PopName string `didww:"attr,pop"`
}

// Codes of DIDWW's POPs, as API version 2026-11-19 names them in a trunk's
// pop attribute (DIDWW's OpenAPI 2026-10-22 draft; the 2026-11-19 pages do
// not show the format). A code not listed here is sent as given.
const (
	PopCodeNewYork    = "NYC"
	PopCodeFrankfurt  = "FRA"
	PopCodeLosAngeles = "LAC"
	PopCodeMiami      = "MIA"
	PopCodeSingapore  = "SG"
	PopCodeHongKong   = "HK"
	PopCodeAmsterdam  = "AMS"
)

// PinnedPop returns the POP the trunk is pinned to, read from either
// version's shape: the pop relationship (ID, and Name when included) or the
// pop attribute (Name holds the code). It is nil when the trunk is not
// pinned.
func (t *VoiceInTrunk) PinnedPop() *Pop {
	switch {
	case t == nil:
		return nil
	case t.Pop != nil:
		return t.Pop
	case t.PopName != "":
		return &Pop{Name: t.PopName}
	}
	return nil
}

// VoiceInTrunkListOptions filters GET /voice_in_trunks, which is paginated.
type VoiceInTrunkListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// Name is filter[name].
	Name string
	// ExternalReferenceID is filter[external_reference_id].
	ExternalReferenceID string
	// ConfigurationType is filter[configuration.type]: SIP or PSTN trunks.
	ConfigurationType ConfigurationType
	// Include: "voice_in_trunk_group", "pop" ("pop" only before API
	// version 2026-11-19, where a trunk's POP is its PopName).
	Include []string
	// Sort: "capacity_limit", "cli_format", "cli_prefix", "created_at",
	// "description", "external_reference_id", "name", "priority",
	// "ringing_timeout", "weight" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	voiceInTrunkIncludes = []string{"voice_in_trunk_group", "pop"}
	voiceInTrunkSorts    = []string{"capacity_limit", "cli_format", "cli_prefix", "created_at", "description",
		"external_reference_id", "name", "priority", "ringing_timeout", "weight"}
)

// popIsAttribute is why API version 2026-11-19 refuses the pop
// relationship and include of a trunk.
const popIsAttribute = "a trunk's POP is its pop attribute from API version 2026-11-19 on (VoiceInTrunk.PopName)"

// voiceInTrunkOptions are the names trunk requests may use, per API version.
var voiceInTrunkOptions = &optionSet{typ: "voice_in_trunks", includes: voiceInTrunkIncludes, sorts: voiceInTrunkSorts,
	versioned: map[string]span{"include:pop": before(APIVersion20261119, `include "pop" is not accepted: `+popIsAttribute)}}

func (o *VoiceInTrunkListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it.
func (o *VoiceInTrunkListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(voiceInTrunkOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.filter("configuration.type", string(o.ConfigurationType))
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's trunks. Invalid options (an
// include the client's API version refuses among them) are an error
// wrapping ErrInvalidRequest, and nothing is sent.
func (s *VoiceInTrunksService) List(ctx context.Context, opts *VoiceInTrunkListOptions) (*Page[VoiceInTrunk], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[VoiceInTrunk](ctx, s.client, "/voice_in_trunks", q)
}

// All yields every trunk matching opts, page after page.
func (s *VoiceInTrunksService) All(ctx context.Context, opts *VoiceInTrunkListOptions) iter.Seq2[*VoiceInTrunk, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one trunk; opts may include "voice_in_trunk_group" and (before
// API version 2026-11-19) "pop".
func (s *VoiceInTrunksService) Get(ctx context.Context, id string, opts *GetOptions) (*VoiceInTrunk, error) {
	t, _, err := getIn[VoiceInTrunk](ctx, s.client, "voice_in_trunks", id, opts, voiceInTrunkOptions)
	return t, err
}

// VoiceInTrunkCreateRequest is the body of POST /voice_in_trunks. Name and
// Configuration are required; zero values are left out (the API's defaults:
// priority 1, weight 65535, no limit).
type VoiceInTrunkCreateRequest struct {
	Name string
	// Configuration is a *SIPConfiguration or a *PSTNConfiguration.
	Configuration       TrunkConfiguration
	Description         string
	ExternalReferenceID string
	Priority            *int
	Weight              *int
	CapacityLimit       *int
	CLIFormat           CLIFormat
	CLIPrefix           string
	RingingTimeout      *int
	// VoiceInTrunkGroupID puts the trunk in a group; PopID pins it to a
	// point of presence (Pops.List) under API version 2026-04-16, PopName
	// (the pop attribute: a code such as PopCodeFrankfurt) under
	// 2026-11-19. Each is refused under the other version before sending.
	VoiceInTrunkGroupID string
	PopID               string
	PopName             string
}

// VoiceInTrunkUpdateRequest is the body of PATCH /voice_in_trunks/{id}: only
// what is set is sent. Nullable fields can also be cleared (Null).
type VoiceInTrunkUpdateRequest struct {
	Name *string
	// Configuration, when set, replaces the trunk's whole configuration; it
	// must be of the trunk's kind (the API refuses a SIP-PSTN switch with 422).
	Configuration       TrunkConfiguration
	Description         Nullable[string]
	ExternalReferenceID Nullable[string]
	Priority            *int
	Weight              *int
	CapacityLimit       Nullable[int]
	CLIFormat           Nullable[CLIFormat]
	CLIPrefix           Nullable[string]
	RingingTimeout      Nullable[int]
	// VoiceInTrunkGroupID moves the trunk into a group, or out of its
	// group (Null); PopID (API version 2026-04-16) or PopName (2026-11-19)
	// pins it to a point of presence, or unpins it (Null).
	VoiceInTrunkGroupID Nullable[string]
	PopID               Nullable[string]
	PopName             Nullable[string]
}

// voiceInTrunkAttributes are the attributes a trunk write sends.
type voiceInTrunkAttributes struct {
	Name                Nullable[string]       `json:"name,omitzero"`
	Description         Nullable[string]       `json:"description,omitzero"`
	ExternalReferenceID Nullable[string]       `json:"external_reference_id,omitzero"`
	Priority            *int                   `json:"priority,omitempty"`
	Weight              *int                   `json:"weight,omitempty"`
	CapacityLimit       Nullable[int]          `json:"capacity_limit,omitzero"`
	CLIFormat           Nullable[CLIFormat]    `json:"cli_format,omitzero"`
	CLIPrefix           Nullable[string]       `json:"cli_prefix,omitzero"`
	RingingTimeout      Nullable[int]          `json:"ringing_timeout,omitzero"`
	Configuration       *configurationEnvelope `json:"configuration,omitempty"`
	Pop                 Nullable[string]       `json:"pop,omitzero"`
}

type voiceInTrunkRelationships struct {
	VoiceInTrunkGroup *linkage `json:"voice_in_trunk_group,omitempty"`
	Pop               *linkage `json:"pop,omitempty"`
}

// body checks the request and returns its document as API version writes it.
func (req *VoiceInTrunkCreateRequest) body(version string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	if req.Configuration == nil {
		return nil, invalid("configuration", "is nil; a trunk needs a *SIPConfiguration or a *PSTNConfiguration")
	}
	u := &VoiceInTrunkUpdateRequest{
		Name: &req.Name, Configuration: req.Configuration, Priority: req.Priority, Weight: req.Weight,
		Description: valueUnlessZero(req.Description), ExternalReferenceID: valueUnlessZero(req.ExternalReferenceID),
		CLIFormat: valueUnlessZero(req.CLIFormat), CLIPrefix: valueUnlessZero(req.CLIPrefix),
		VoiceInTrunkGroupID: valueUnlessZero(req.VoiceInTrunkGroupID), PopID: valueUnlessZero(req.PopID),
		PopName: valueUnlessZero(req.PopName),
	}
	if req.CapacityLimit != nil {
		u.CapacityLimit = Value(*req.CapacityLimit)
	}
	if req.RingingTimeout != nil {
		u.RingingTimeout = Value(*req.RingingTimeout)
	}
	return u.document("", version)
}

func (req *VoiceInTrunkUpdateRequest) body(id, version string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && *req.Name == "" {
		return nil, invalid("name", "is empty")
	}
	return req.document(id, version)
}

// popRelationship is the span of versions that pin a trunk with the pop
// relationship; later ones take the pop attribute.
var popRelationship = before(APIVersion20261119, "")

// checkPop refuses the POP field version does not take.
func (req *VoiceInTrunkUpdateRequest) checkPop(version string) error {
	rel := popRelationship.accepts(version)
	switch {
	case rel && !req.PopName.IsZero():
		return invalid("pop", "PopName (the pop attribute) arrives in API version 2026-11-19; use PopID%s", speaks(version))
	case !rel && !req.PopID.IsZero():
		return invalid("pop", "PopID (the pop relationship) is not accepted: %s; use PopName%s", popIsAttribute, speaks(version))
	}
	if name, ok := req.PopName.Get(); ok && name == "" {
		return invalid("pop", "PopName is empty; Null unpins the trunk")
	}
	return nil
}

// document checks the values and encodes the write of trunk id ("" on
// create) as API version writes it.
func (req *VoiceInTrunkUpdateRequest) document(id, version string) ([]byte, error) {
	a := voiceInTrunkAttributes{
		Name: nullableFrom(req.Name), Description: req.Description, ExternalReferenceID: req.ExternalReferenceID,
		Priority: req.Priority, Weight: req.Weight, CapacityLimit: req.CapacityLimit, CLIFormat: req.CLIFormat,
		CLIPrefix: req.CLIPrefix, RingingTimeout: req.RingingTimeout, Pop: req.PopName,
	}
	checks := []error{req.checkPop(version),
		checkReference(req.ExternalReferenceID), checkRange("priority", req.Priority, 0, 65535),
		checkRange("weight", req.Weight, 0, 65535), checkMin("capacity_limit", req.CapacityLimit, 0),
		checkMin("ringing_timeout", req.RingingTimeout, 1), checkRingingTimeout(req.RingingTimeout, version),
		checkLinkID("voice_in_trunk_group", req.VoiceInTrunkGroupID), checkLinkID("pop", req.PopID),
	}
	if err := firstError(checks); err != nil {
		return nil, err
	}
	if req.Configuration != nil {
		cfg, err := configurationWire("configuration", req.Configuration)
		if err != nil {
			return nil, err
		}
		a.Configuration = cfg
	}
	rels := voiceInTrunkRelationships{
		VoiceInTrunkGroup: nullableLinkage("voice_in_trunk_groups", req.VoiceInTrunkGroupID),
		Pop:               nullableLinkage("pops", req.PopID),
	}
	return encodeBody(writeDocument[voiceInTrunkAttributes, voiceInTrunkRelationships]{
		Data: writeData[voiceInTrunkAttributes, voiceInTrunkRelationships]{Type: "voice_in_trunks", ID: id, Attributes: a, Relationships: rels},
	})
}

// Create makes a trunk. A request refused before sending wraps
// ErrInvalidRequest; the API's refusal is an *APIError (422 matches
// ErrValidation, with the offending attribute's pointer in its errors). An
// error that leaves open whether the trunk was made (a lost answer)
// matches ErrOutcomeUnknown: list the trunks before creating it again.
func (s *VoiceInTrunksService) Create(ctx context.Context, req *VoiceInTrunkCreateRequest) (*VoiceInTrunk, error) {
	body, err := req.body(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return writeOne[VoiceInTrunk](ctx, s.client, &request{method: http.MethodPost, path: "/voice_in_trunks", body: body}, noMark)
}

// Update changes a trunk and returns it as the API answers. Errors are as
// Create's.
func (s *VoiceInTrunksService) Update(ctx context.Context, id string, req *VoiceInTrunkUpdateRequest) (*VoiceInTrunk, error) {
	path, err := pathFor("voice_in_trunks", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id, s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return writeOne[VoiceInTrunk](ctx, s.client, &request{method: http.MethodPatch, path: path, body: body}, noMark)
}

// Delete deletes a trunk. Under API version 2026-04-16 the DIDs routed to
// it become unrouted; 2026-11-19 refuses to delete a trunk in use (422).
// A retry that finds the trunk gone after a lost answer succeeds.
func (s *VoiceInTrunksService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "voice_in_trunks", id)
}

// writeDocument is a request document that encoding/json writes: type, the
// id on updates, and the attributes and relationships that are set.
type writeDocument[A, R any] struct {
	Data writeData[A, R] `json:"data"`
}

type writeData[A, R any] struct {
	Type          string `json:"type"`
	ID            string `json:"id,omitempty"`
	Attributes    A      `json:"attributes,omitzero"`
	Relationships R      `json:"relationships,omitzero"`
}

// linkages is a to-many relationship object of a request; its data
// replaces the whole set.
type linkages struct {
	Data []resourceIdentifier `json:"data"`
}

// toManyLinkage turns ids into a relationship object, nil when ids is nil
// (left out); an empty, non-nil ids sends an empty set.
func toManyLinkage(field, typ string, ids []string) (*linkages, error) {
	if ids == nil {
		return nil, nil
	}
	l := &linkages{Data: make([]resourceIdentifier, 0, len(ids))}
	seen := map[string]bool{}
	for i, id := range ids {
		if err := checkID(field, id); err != nil {
			return nil, invalid(field, "[%d] is empty", i)
		}
		if seen[id] {
			return nil, invalid(field, "names %q twice", id)
		}
		seen[id] = true
		l.Data = append(l.Data, resourceIdentifier{Type: typ, ID: id})
	}
	return l, nil
}

// valueUnlessZero is Value(v), or left out when v is the zero value.
func valueUnlessZero[T comparable](v T) Nullable[T] {
	var zero T
	if v == zero {
		return Nullable[T]{}
	}
	return Value(v)
}

// nullableFrom is Value(*p), or left out when p is nil.
func nullableFrom[T any](p *T) Nullable[T] {
	if p == nil {
		return Nullable[T]{}
	}
	return Value(*p)
}

// checkReference checks an external_reference_id: at most 100 characters.
func checkReference(ref Nullable[string]) error {
	v, ok := ref.Get()
	switch {
	case !ok:
		return nil
	case !utf8.ValidString(v):
		return invalid("external_reference_id", "is not valid UTF-8")
	case utf8.RuneCountInString(v) > maxExternalReferenceID:
		return invalid("external_reference_id", "is %d characters long; the API allows %d", utf8.RuneCountInString(v), maxExternalReferenceID)
	}
	return nil
}

// checkRange refuses an integer outside [lo, hi].
func checkRange(field string, n *int, lo, hi int) error {
	if n != nil && (*n < lo || *n > hi) {
		return invalid(field, "is %d; it must be %d to %d", *n, lo, hi)
	}
	return nil
}

// checkMin refuses a nullable integer below lo.
func checkMin(field string, n Nullable[int], lo int) error {
	if v, ok := n.Get(); ok && v < lo {
		return invalid(field, "is %d; it must be at least %d, or Null for none", v, lo)
	}
	return nil
}

// checkRingingTimeout refuses what API 2026-11-19 refuses: a ringing
// timeout above 32 seconds.
func checkRingingTimeout(n Nullable[int], version string) error {
	if v, ok := n.Get(); ok && v > 32 && version >= APIVersion20261119 {
		return invalid("ringing_timeout", "is %d; API version %s takes 1 to 32 seconds, or Null for the platform's default", v, version)
	}
	return nil
}

// checkLinkID refuses a relationship set to an empty id (Null clears it).
func checkLinkID(field string, id Nullable[string]) error {
	if v, ok := id.Get(); ok {
		if err := checkID(field, v); err != nil {
			return invalid(field, "is an empty id; Null clears it")
		}
	}
	return nil
}

// firstError returns the first non-nil error of errs.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
