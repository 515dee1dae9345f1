package didww

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// VoiceOutTrunksService manages voice-out trunks: SIP trunks that carry the
// account's outbound calls. Accounts without DIDWW's outbound service are
// refused with 403: such errors match ErrOutboundDisabled.
type VoiceOutTrunksService service

// ErrOutboundDisabled matches a 403 answer to a voice-out trunk request
// (list, get, create, update, delete, regenerate credentials): the account
// does not have DIDWW's outbound service (2026-04-16 documents it on the
// list; 2026-11-19 on every endpoint, without the Outbound API). A 403 that
// refuses a read-only token (ErrInsufficientScope) does not match. The API
// gives no error code of its own for it, so another 403 on these endpoints
// (an account in read-only mode) would match too.
// The error also matches ErrForbidden, and errors.As finds its *APIError.
var ErrOutboundDisabled = errors.New("didww: the account has no outbound service")

// outboundError marks a 403 to a voice-out trunk request.
type outboundError struct{ err error }

func (e *outboundError) Error() string {
	return e.err.Error() + " (outbound calling is not enabled for this account; DIDWW enables it on request)"
}

func (e *outboundError) Is(target error) bool { return target == ErrOutboundDisabled }
func (e *outboundError) Unwrap() error        { return e.err }

// outbound marks the 403 of a voice-out trunk request as ErrOutboundDisabled.
func outbound(err error) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden || apiErr.insufficientScope() {
		return err
	}
	return &outboundError{err: err}
}

// VoiceOutTrunkStatus is a trunk's state. Unknown values are kept.
type VoiceOutTrunkStatus string

// Trunk statuses the API documents.
const (
	VoiceOutTrunkActive  VoiceOutTrunkStatus = "active"
	VoiceOutTrunkBlocked VoiceOutTrunkStatus = "blocked"
)

// CLIMismatchAction is what a trunk does with a call whose caller ID is not
// one of its DIDs. Unknown values are kept.
type CLIMismatchAction string

// CLI mismatch actions the API documents. SendOriginalCLI and RandomizeCLI
// need the account enabled for them.
const (
	CLIMismatchRejectCall      CLIMismatchAction = "reject_call"
	CLIMismatchReplaceCLI      CLIMismatchAction = "replace_cli"
	CLIMismatchSendOriginalCLI CLIMismatchAction = "send_original_cli"
	CLIMismatchRandomizeCLI    CLIMismatchAction = "randomize_cli"
)

// DstAction is a trunk's default for destinations: allow all but the
// DstPrefixes, or reject all but them. Unknown values are kept.
type DstAction string

// Destination actions the API documents.
const (
	DstAllowAll  DstAction = "allow_all"
	DstRejectAll DstAction = "reject_all"
)

// VoiceOutTrunk is a SIP trunk for outbound calls.
type VoiceOutTrunk struct {
	ID     string              `didww:"primary,voice_out_trunks"`
	Name   string              `didww:"attr,name,required"`
	Status VoiceOutTrunkStatus `didww:"attr,status,required"`
	// ExternalReferenceID is the caller's own reference; empty when none.
	ExternalReferenceID string `didww:"attr,external_reference_id"`
	// CapacityLimit caps simultaneous calls; nil means no limit.
	CapacityLimit *int `didww:"attr,capacity_limit"`
	// AllowAnyDIDAsCLI true lets calls present any of the account's DIDs;
	// DIDs is then managed by DIDWW.
	AllowAnyDIDAsCLI    bool                `didww:"attr,allow_any_did_as_cli,required"`
	OnCLIMismatchAction CLIMismatchAction   `didww:"attr,on_cli_mismatch_action,required"`
	DefaultDstAction    DstAction           `didww:"attr,default_dst_action,required"`
	DstPrefixes         []string            `didww:"attr,dst_prefixes,required"`
	MediaEncryptionMode MediaEncryptionMode `didww:"attr,media_encryption_mode,required"`
	// AllowedRTPIPs restricts where media may come from; nil means anywhere.
	AllowedRTPIPs     []string `didww:"attr,allowed_rtp_ips"`
	ForceSymmetricRTP bool     `didww:"attr,force_symmetric_rtp,required"`
	RTPPing           bool     `didww:"attr,rtp_ping,required"`
	// RTPTimeout is in seconds.
	RTPTimeout int `didww:"attr,rtp_timeout,required"`
	// ThresholdAmount is the 24-hour spend that blocks the trunk.
	ThresholdAmount Decimal `didww:"attr,threshold_amount,required"`
	// ThresholdReached says the spend passed ThresholdAmount.
	ThresholdReached bool `didww:"attr,threshold_reached,required"`
	// CallbackURL is notified when the threshold blocks or unblocks the
	// trunk; empty when none.
	CallbackURL        string    `didww:"attr,callback_url"`
	EmergencyEnableAll bool      `didww:"attr,emergency_enable_all,required"`
	CreatedAt          time.Time `didww:"attr,created_at,required"`
	// AuthenticationMethod is how calls authenticate; Method is one of the
	// AuthenticationMethod types. Credentials never print (see Secret).
	AuthenticationMethod AuthenticationMethodValue `didww:"attr,authentication_method,required"`
	// SpentAmount is what the trunk spent in the current billing period; nil when the answer carries no meta
	// (the resource's meta).
	SpentAmount *Decimal `didww:"meta,spent_amount"`

	// Relationships: filled when included, ID-only when only linkage came.
	DIDs          []*DID `didww:"rel,dids"`
	EmergencyDIDs []*DID `didww:"rel,emergency_dids"`
	// DefaultDID is the caller ID replace_cli uses; the API documents it in
	// requests only, and older answers carry it.
	DefaultDID *DID `didww:"rel,default_did"`
}

// Credentials returns the SIP username and password of a trunk that
// authenticates with credentials_and_ip; ok is false otherwise.
func (t *VoiceOutTrunk) Credentials() (username string, password Secret, ok bool) {
	if t == nil {
		return "", Secret{}, false
	}
	if m, is := t.AuthenticationMethod.Method.(*CredentialsAndIPAuthentication); is && m != nil {
		return m.Username, m.Password, true
	}
	return "", Secret{}, false
}

// VoiceOutTrunkListOptions filters GET /voice_out_trunks.
type VoiceOutTrunkListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID                  []string
	Name                string
	NameContains        string
	Status              VoiceOutTrunkStatus
	ExternalReferenceID string
	AllowAnyDIDAsCLI    *bool
	// AuthenticationMethodType is filter[authentication_method.type].
	AuthenticationMethodType AuthenticationType
	// DefaultDIDID is filter[default_did.id].
	DefaultDIDID        string
	DefaultDstAction    DstAction
	MediaEncryptionMode MediaEncryptionMode
	OnCLIMismatchAction CLIMismatchAction
	ThresholdReached    *bool
	// Include: "dids", "emergency_dids".
	Include []string
	// Sort: "allow_any_did_as_cli", "created_at", "external_reference_id",
	// "name", "threshold_reached" (a leading "-" for descending).
	Sort  []string
	Extra url.Values
}

var (
	voiceOutTrunkIncludes = []string{"dids", "emergency_dids"}
	voiceOutTrunkSorts    = []string{"allow_any_did_as_cli", "created_at", "external_reference_id", "name", "threshold_reached"}
)

func (o *VoiceOutTrunkListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.filter("name_contains", o.NameContains)
		q.filter("status", string(o.Status))
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.filterBool("allow_any_did_as_cli", o.AllowAnyDIDAsCLI)
		q.filter("authentication_method.type", string(o.AuthenticationMethodType))
		q.filter("default_did.id", o.DefaultDIDID)
		q.filter("default_dst_action", string(o.DefaultDstAction))
		q.filter("media_encryption_mode", string(o.MediaEncryptionMode))
		q.filter("on_cli_mismatch_action", string(o.OnCLIMismatchAction))
		q.filterBool("threshold_reached", o.ThresholdReached)
		q.include(o.Include, voiceOutTrunkIncludes)
		q.sort(o.Sort, voiceOutTrunkSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's voice-out trunks.
func (s *VoiceOutTrunksService) List(ctx context.Context, opts *VoiceOutTrunkListOptions) (*Page[VoiceOutTrunk], error) {
	p, err := listOf[VoiceOutTrunk](ctx, s.client, "/voice_out_trunks", opts)
	return p, outbound(err)
}

// All yields every voice-out trunk matching opts, page after page.
func (s *VoiceOutTrunksService) All(ctx context.Context, opts *VoiceOutTrunkListOptions) iter.Seq2[*VoiceOutTrunk, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one voice-out trunk; opts may include "dids" and "emergency_dids".
func (s *VoiceOutTrunksService) Get(ctx context.Context, id string, opts *GetOptions) (*VoiceOutTrunk, error) {
	t, _, err := getByID[VoiceOutTrunk](ctx, s.client, "voice_out_trunks", id, opts, voiceOutTrunkIncludes)
	return t, outbound(err)
}

// VoiceOutTrunkCreateRequest is the body of POST /voice_out_trunks. Name and
// AuthenticationMethod are required; zero values of the others are left out
// (the API's defaults apply).
type VoiceOutTrunkCreateRequest struct {
	Name string
	// AuthenticationMethod is CredentialsAndIPAuthentication or
	// TwilioAuthentication (IPOnlyAuthentication is set by DIDWW).
	AuthenticationMethod AuthenticationMethod
	// Status "" is active.
	Status              VoiceOutTrunkStatus
	ExternalReferenceID string
	// CapacityLimit, 0 to 32767; nil is no limit.
	CapacityLimit       *int
	AllowAnyDIDAsCLI    *bool
	OnCLIMismatchAction CLIMismatchAction
	DefaultDstAction    DstAction
	// DstPrefixes and AllowedRTPIPs are sent when not nil. From API
	// 2026-11-19 on AllowedRTPIPs may not be empty nor hold 0.0.0.0/0 or
	// ::/0: nil is no restriction.
	DstPrefixes         []string
	MediaEncryptionMode MediaEncryptionMode
	AllowedRTPIPs       []string
	ForceSymmetricRTP   *bool
	RTPPing             *bool
	// RTPTimeout in seconds, 30 to 600.
	RTPTimeout *int
	// ThresholdAmount, 0 to 100000, such as "200.0".
	ThresholdAmount    Decimal
	CallbackURL        string
	EmergencyEnableAll *bool
	// DIDIDs are the DIDs calls may present (not with AllowAnyDIDAsCLI);
	// EmergencyDIDIDs those that may call emergency numbers (not with
	// EmergencyEnableAll); DefaultDIDID the caller ID of replace_cli.
	DIDIDs          []string
	EmergencyDIDIDs []string
	DefaultDIDID    string
}

// VoiceOutTrunkUpdateRequest is the body of PATCH /voice_out_trunks/{id}:
// only what is set is sent. Nullable fields take didww.Value or didww.Null;
// a non-nil slice is sent as given, so an empty one clears (DIDIDs: []
// removes every DID).
type VoiceOutTrunkUpdateRequest struct {
	Name *string
	// AuthenticationMethod, when set, replaces the whole method.
	AuthenticationMethod AuthenticationMethod
	// Status VoiceOutTrunkBlocked stops the trunk; active resumes it.
	Status              VoiceOutTrunkStatus
	ExternalReferenceID Nullable[string]
	// CapacityLimit Null removes the limit.
	CapacityLimit       Nullable[int]
	AllowAnyDIDAsCLI    *bool
	OnCLIMismatchAction CLIMismatchAction
	DefaultDstAction    DstAction
	DstPrefixes         []string
	MediaEncryptionMode MediaEncryptionMode
	// AllowedRTPIPs Null lifts the restriction; from API 2026-11-19 on a
	// value may not be empty nor hold 0.0.0.0/0 or ::/0.
	AllowedRTPIPs      Nullable[[]string]
	ForceSymmetricRTP  *bool
	RTPPing            *bool
	RTPTimeout         *int
	ThresholdAmount    Decimal
	CallbackURL        Nullable[string]
	EmergencyEnableAll *bool
	DIDIDs             []string
	EmergencyDIDIDs    []string
	// DefaultDIDID Null clears the default DID.
	DefaultDIDID Nullable[string]
}

type voiceOutTrunkCreateAttributes struct {
	Name                 string              `json:"name"`
	Status               VoiceOutTrunkStatus `json:"status,omitempty"`
	ExternalReferenceID  string              `json:"external_reference_id,omitempty"`
	CapacityLimit        *int                `json:"capacity_limit,omitempty"`
	AllowAnyDIDAsCLI     *bool               `json:"allow_any_did_as_cli,omitempty"`
	OnCLIMismatchAction  CLIMismatchAction   `json:"on_cli_mismatch_action,omitempty"`
	DefaultDstAction     DstAction           `json:"default_dst_action,omitempty"`
	DstPrefixes          []string            `json:"dst_prefixes,omitzero"`
	MediaEncryptionMode  MediaEncryptionMode `json:"media_encryption_mode,omitempty"`
	AllowedRTPIPs        []string            `json:"allowed_rtp_ips,omitzero"`
	ForceSymmetricRTP    *bool               `json:"force_symmetric_rtp,omitempty"`
	RTPPing              *bool               `json:"rtp_ping,omitempty"`
	RTPTimeout           *int                `json:"rtp_timeout,omitempty"`
	ThresholdAmount      string              `json:"threshold_amount,omitempty"`
	CallbackURL          string              `json:"callback_url,omitempty"`
	EmergencyEnableAll   *bool               `json:"emergency_enable_all,omitempty"`
	AuthenticationMethod *authenticationWire `json:"authentication_method"`
}

type voiceOutTrunkUpdateAttributes struct {
	Name                 *string             `json:"name,omitempty"`
	Status               VoiceOutTrunkStatus `json:"status,omitempty"`
	ExternalReferenceID  Nullable[string]    `json:"external_reference_id,omitzero"`
	CapacityLimit        Nullable[int]       `json:"capacity_limit,omitzero"`
	AllowAnyDIDAsCLI     *bool               `json:"allow_any_did_as_cli,omitempty"`
	OnCLIMismatchAction  CLIMismatchAction   `json:"on_cli_mismatch_action,omitempty"`
	DefaultDstAction     DstAction           `json:"default_dst_action,omitempty"`
	DstPrefixes          []string            `json:"dst_prefixes,omitzero"`
	MediaEncryptionMode  MediaEncryptionMode `json:"media_encryption_mode,omitempty"`
	AllowedRTPIPs        Nullable[[]string]  `json:"allowed_rtp_ips,omitzero"`
	ForceSymmetricRTP    *bool               `json:"force_symmetric_rtp,omitempty"`
	RTPPing              *bool               `json:"rtp_ping,omitempty"`
	RTPTimeout           *int                `json:"rtp_timeout,omitempty"`
	ThresholdAmount      string              `json:"threshold_amount,omitempty"`
	CallbackURL          Nullable[string]    `json:"callback_url,omitzero"`
	EmergencyEnableAll   *bool               `json:"emergency_enable_all,omitempty"`
	AuthenticationMethod *authenticationWire `json:"authentication_method,omitempty"`
}

type voiceOutTrunkRelationships struct {
	DIDs          *linkages `json:"dids,omitempty"`
	EmergencyDIDs *linkages `json:"emergency_dids,omitempty"`
	DefaultDID    *linkage  `json:"default_did,omitempty"`
}

func (r *voiceOutTrunkRelationships) empty() bool {
	return r.DIDs == nil && r.EmergencyDIDs == nil && r.DefaultDID == nil
}

// resourceDocument is a request document that encoding/json writes.
type resourceDocument struct {
	Data resourceObject `json:"data"`
}

type resourceObject struct {
	ID            string `json:"id,omitempty"`
	Type          string `json:"type"`
	Attributes    any    `json:"attributes,omitempty"`
	Relationships any    `json:"relationships,omitempty"`
}

// jsonBody encodes a request document with encoding/json.
func jsonBody(doc any) ([]byte, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("didww: encoding the request: %w", err)
	}
	return b, nil
}

// linkMany is the to-many relationship of ids, nil when ids is nil.
func linkMany(field, typ string, ids []string) (*linkages, error) {
	if ids == nil {
		return nil, nil
	}
	l := &linkages{Data: []resourceIdentifier{}}
	for i, id := range ids {
		if err := checkID(fmt.Sprintf("%s[%d]", field, i), id); err != nil {
			return nil, err
		}
		l.Data = append(l.Data, resourceIdentifier{Type: typ, ID: id})
	}
	return l, nil
}

// trunkSettings are the settings create and update share, checked alike.
type trunkSettings struct {
	status          VoiceOutTrunkStatus
	capacity        *int
	cliAction       CLIMismatchAction
	dstAction       DstAction
	encryption      MediaEncryptionMode
	rtpTimeout      *int
	threshold       Decimal
	callbackURL     string
	anyDID, allEmer *bool
	dids, emerDIDs  []string
}

func oneOf[S ~string](field string, v S, allowed ...S) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	return invalid(field, "is %q; it must be one of %v", v, allowed)
}

func (s *trunkSettings) check() error {
	checks := []error{
		oneOf("status", s.status, VoiceOutTrunkActive, VoiceOutTrunkBlocked),
		oneOf("on_cli_mismatch_action", s.cliAction, CLIMismatchRejectCall, CLIMismatchReplaceCLI, CLIMismatchSendOriginalCLI, CLIMismatchRandomizeCLI),
		oneOf("default_dst_action", s.dstAction, DstAllowAll, DstRejectAll),
		oneOf("media_encryption_mode", s.encryption, MediaEncryptionDisabled, MediaEncryptionSRTPSDES, MediaEncryptionSRTPDTLS, MediaEncryptionZRTP),
	}
	if s.capacity != nil && (*s.capacity < 0 || *s.capacity > 32767) {
		checks = append(checks, invalid("capacity_limit", "is %d; it must be 0 to 32767", *s.capacity))
	}
	if s.rtpTimeout != nil && (*s.rtpTimeout < 30 || *s.rtpTimeout > 600) {
		checks = append(checks, invalid("rtp_timeout", "is %d; it must be 30 to 600 seconds", *s.rtpTimeout))
	}
	if s.threshold != "" && (!s.threshold.Valid() || s.threshold.Cmp("0") < 0 || s.threshold.Cmp("100000") > 0) {
		checks = append(checks, invalid("threshold_amount", "is %q; it must be a decimal from 0 to 100000", string(s.threshold)))
	}
	if s.callbackURL != "" {
		checks = append(checks, checkCallbackURL(s.callbackURL))
	}
	if s.anyDID != nil && *s.anyDID && len(s.dids) > 0 {
		checks = append(checks, invalid("dids", "cannot be assigned while allow_any_did_as_cli is true"))
	}
	if s.allEmer != nil && *s.allEmer && len(s.emerDIDs) > 0 {
		checks = append(checks, invalid("emergency_dids", "cannot be assigned while emergency_enable_all is true"))
	}
	return errors.Join(slices.DeleteFunc(checks, func(e error) bool { return e == nil })...)
}

func (req *VoiceOutTrunkCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if strings.TrimSpace(req.Name) == "" {
		return nil, invalid("name", "is empty")
	}
	auth, err := wireOf("authentication_method", req.AuthenticationMethod)
	if err != nil {
		return nil, err
	}
	set := trunkSettings{status: req.Status, capacity: req.CapacityLimit, cliAction: req.OnCLIMismatchAction,
		dstAction: req.DefaultDstAction, encryption: req.MediaEncryptionMode, rtpTimeout: req.RTPTimeout,
		threshold: req.ThresholdAmount, callbackURL: req.CallbackURL, anyDID: req.AllowAnyDIDAsCLI,
		allEmer: req.EmergencyEnableAll, dids: req.DIDIDs, emerDIDs: req.EmergencyDIDIDs}
	if err := firstErr(set.check(), optionalRef(req.ExternalReferenceID)); err != nil {
		return nil, err
	}
	rels := &voiceOutTrunkRelationships{}
	if rels.DIDs, err = linkMany("dids", "dids", req.DIDIDs); err != nil {
		return nil, err
	}
	if rels.EmergencyDIDs, err = linkMany("emergency_dids", "dids", req.EmergencyDIDIDs); err != nil {
		return nil, err
	}
	if req.DefaultDIDID != "" {
		if err := checkID("default_did", req.DefaultDIDID); err != nil {
			return nil, err
		}
		rels.DefaultDID = &linkage{Data: &resourceIdentifier{Type: "dids", ID: req.DefaultDIDID}}
	}
	obj := resourceObject{Type: "voice_out_trunks", Attributes: voiceOutTrunkCreateAttributes{
		Name: req.Name, Status: req.Status, ExternalReferenceID: req.ExternalReferenceID, CapacityLimit: req.CapacityLimit,
		AllowAnyDIDAsCLI: req.AllowAnyDIDAsCLI, OnCLIMismatchAction: req.OnCLIMismatchAction,
		DefaultDstAction: req.DefaultDstAction, DstPrefixes: req.DstPrefixes, MediaEncryptionMode: req.MediaEncryptionMode,
		AllowedRTPIPs: req.AllowedRTPIPs, ForceSymmetricRTP: req.ForceSymmetricRTP, RTPPing: req.RTPPing,
		RTPTimeout: req.RTPTimeout, ThresholdAmount: string(req.ThresholdAmount), CallbackURL: req.CallbackURL,
		EmergencyEnableAll: req.EmergencyEnableAll, AuthenticationMethod: auth,
	}}
	if !rels.empty() {
		obj.Relationships = rels
	}
	return jsonBody(resourceDocument{Data: obj})
}

// checkRTPIPs applies the allowed_rtp_ips rules of API 2026-11-19 to a list
// that is sent: null (nil) lifts the restriction, so the API refuses an
// empty list and the any-address ranges.
func checkRTPIPs(version string, ips []string, sent bool) error {
	if !sent || version < APIVersion20261119 {
		return nil
	}
	if len(ips) == 0 {
		return invalid("allowed_rtp_ips", "is empty, which API version %s refuses; leave it nil (or Null on update) for no restriction", version)
	}
	for _, ip := range ips {
		if ip == "0.0.0.0/0" || ip == "::/0" {
			return invalid("allowed_rtp_ips", "holds %s, which API version %s refuses; leave it nil (or Null on update) for no restriction", ip, version)
		}
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// optionalRef checks an external reference that may be empty.
func optionalRef(ref string) error {
	if ref == "" {
		return nil
	}
	return checkExternalReferenceID(ref)
}

func (req *VoiceOutTrunkUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && strings.TrimSpace(*req.Name) == "" {
		return nil, invalid("name", "is empty")
	}
	a := voiceOutTrunkUpdateAttributes{Name: req.Name, Status: req.Status, ExternalReferenceID: req.ExternalReferenceID,
		CapacityLimit: req.CapacityLimit, AllowAnyDIDAsCLI: req.AllowAnyDIDAsCLI, OnCLIMismatchAction: req.OnCLIMismatchAction,
		DefaultDstAction: req.DefaultDstAction, DstPrefixes: req.DstPrefixes, MediaEncryptionMode: req.MediaEncryptionMode,
		AllowedRTPIPs: req.AllowedRTPIPs, ForceSymmetricRTP: req.ForceSymmetricRTP, RTPPing: req.RTPPing,
		RTPTimeout: req.RTPTimeout, ThresholdAmount: string(req.ThresholdAmount), CallbackURL: req.CallbackURL,
		EmergencyEnableAll: req.EmergencyEnableAll}
	capacity, _ := req.CapacityLimit.Get()
	cb, _ := req.CallbackURL.Get()
	ref, _ := req.ExternalReferenceID.Get()
	set := trunkSettings{status: req.Status, cliAction: req.OnCLIMismatchAction, dstAction: req.DefaultDstAction,
		encryption: req.MediaEncryptionMode, rtpTimeout: req.RTPTimeout, threshold: req.ThresholdAmount, callbackURL: cb,
		anyDID: req.AllowAnyDIDAsCLI, allEmer: req.EmergencyEnableAll, dids: req.DIDIDs, emerDIDs: req.EmergencyDIDIDs}
	if _, ok := req.CapacityLimit.Get(); ok {
		set.capacity = &capacity
	}
	if err := firstErr(set.check(), optionalRef(ref)); err != nil {
		return nil, err
	}
	var err error
	if req.AuthenticationMethod != nil {
		if a.AuthenticationMethod, err = wireOf("authentication_method", req.AuthenticationMethod); err != nil {
			return nil, err
		}
	}
	rels := &voiceOutTrunkRelationships{DefaultDID: nullableLinkage("dids", req.DefaultDIDID)}
	if rels.DIDs, err = linkMany("dids", "dids", req.DIDIDs); err != nil {
		return nil, err
	}
	if rels.EmergencyDIDs, err = linkMany("emergency_dids", "dids", req.EmergencyDIDIDs); err != nil {
		return nil, err
	}
	if id, ok := req.DefaultDIDID.Get(); ok {
		if err := checkID("default_did", id); err != nil {
			return nil, err
		}
	}
	return updateBody("voice_out_trunks", id, a, rels, rels.empty())
}

// updateBody is the PATCH document of a resource: the attributes unless
// none is set, the relationships unless noRels. One that sets nothing is
// refused.
func updateBody(typ, id string, attrs, rels any, noRels bool) ([]byte, error) {
	raw, err := json.Marshal(attrs)
	if err != nil {
		return nil, fmt.Errorf("didww: encoding the request: %w", err)
	}
	obj := resourceObject{ID: id, Type: typ}
	if string(raw) != "{}" {
		obj.Attributes = json.RawMessage(raw)
	}
	if !noRels {
		obj.Relationships = rels
	}
	if obj.Attributes == nil && obj.Relationships == nil {
		return nil, invalid("request", "sets nothing to change")
	}
	return jsonBody(resourceDocument{Data: obj})
}

// Create creates a voice-out trunk and returns it; a credentials_and_ip
// trunk comes back with its generated username and password. The request is
// checked first (an error wrapping ErrInvalidRequest names the field). A
// failure that leaves open whether the trunk was created matches
// ErrOutcomeUnknown: list the trunks by name before creating it again.
func (s *VoiceOutTrunksService) Create(ctx context.Context, req *VoiceOutTrunkCreateRequest) (*VoiceOutTrunk, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	if err := checkRTPIPs(s.client.cfg.apiVersion, req.AllowedRTPIPs, req.AllowedRTPIPs != nil); err != nil {
		return nil, err
	}
	return writeOne[VoiceOutTrunk](ctx, s.client, &request{method: "POST", path: "/voice_out_trunks", body: body}, outbound)
}

// Update changes what req sets and returns the updated trunk. A failure that
// leaves open whether the change was made matches ErrOutcomeUnknown.
func (s *VoiceOutTrunksService) Update(ctx context.Context, id string, req *VoiceOutTrunkUpdateRequest) (*VoiceOutTrunk, error) {
	path, err := pathFor("voice_out_trunks", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	ips, set := req.AllowedRTPIPs.Get()
	if err := checkRTPIPs(s.client.cfg.apiVersion, ips, set); err != nil {
		return nil, err
	}
	return writeOne[VoiceOutTrunk](ctx, s.client, &request{method: "PATCH", path: path, body: body}, outbound)
}

// Delete deletes a voice-out trunk. A retried DELETE that finds the trunk
// gone (404) after an attempt whose answer was lost succeeded; an error that
// leaves open whether it was deleted matches ErrOutcomeUnknown.
func (s *VoiceOutTrunksService) Delete(ctx context.Context, id string) error {
	path, err := pathFor("voice_out_trunks", id)
	if err != nil {
		return err
	}
	maybeDone, err := sendDelete(ctx, s.client, path)
	if maybeDone && errors.Is(err, ErrNotFound) {
		return nil
	}
	return changeErr(maybeDone, outbound(err))
}

// RegenerateCredentials replaces the SIP username and password of a
// credentials_and_ip trunk (POST /voice_out_trunk_regenerate_credentials)
// and returns the trunk read back with the new ones, since the API's answer
// carries none. A trunk without credentials is refused with 422
// (ErrValidation). When the rotation succeeded but reading the trunk back
// failed, the error says so and wraps the read's error: the old credentials
// no longer work, and Get returns the new ones. A failure that leaves open
// whether they were rotated matches ErrOutcomeUnknown.
func (s *VoiceOutTrunksService) RegenerateCredentials(ctx context.Context, id string) (*VoiceOutTrunk, error) {
	if err := regenerate(ctx, s.client, "voice_out_trunk", "voice_out_trunks", id, outbound); err != nil {
		return nil, err
	}
	t, err := s.Get(ctx, id, nil)
	if err != nil {
		return nil, regeneratedButUnread(err)
	}
	return t, nil
}

// regenerate posts a credential regeneration (POST /<rel>_regenerate_credentials)
// for the trunk id of type typ, whose answer carries nothing but an id; mark
// turns the API's refusals into the service's errors.
func regenerate(ctx context.Context, c *Client, rel, typ, id string, mark func(error) error) error {
	if _, err := pathFor(typ, id); err != nil {
		return err
	}
	kind := rel + "_regenerate_credentials"
	body, err := jsonBody(resourceDocument{Data: resourceObject{Type: kind,
		Relationships: map[string]linkage{rel: {Data: &resourceIdentifier{Type: typ, ID: id}}}}})
	if err != nil {
		return err
	}
	r := &request{method: "POST", path: "/" + kind, body: body}
	maybeDone := false
	r.onRetry = func(err error) { maybeDone = maybeDone || outcomeUnknown(err) }
	resp, err := c.do(ctx, r)
	if err != nil {
		return changeErr(maybeDone, mark(err))
	}
	if _, err := decodeDocument(r, resp); err != nil {
		return changeErr(true, err)
	}
	return nil
}

// regeneratedButUnread is the error of a regeneration that succeeded but
// whose trunk could not be read back.
func regeneratedButUnread(err error) error {
	return &wrapError{text: "didww: the credentials were regenerated; reading them back failed: " + causeText(err), errs: []error{err}}
}
