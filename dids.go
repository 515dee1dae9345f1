package didww

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"
)

// DIDsService reads and changes the numbers the account owns. There is no
// Create (orders create DIDs) and no Delete: Update with Terminated true
// cancels a DID, Terminated false restores it.
type DIDsService service

// DID is a number the account owns.
type DID struct {
	ID string `didww:"primary,dids"`
	// Number is the number in E.164 without the leading "+".
	Number string `didww:"attr,number,required"`
	// Description is the customer's note; empty when none.
	Description string `didww:"attr,description"`
	// Blocked is true while the DID cannot take calls: blocked by the
	// customer or by DIDWW, terminated, or awaiting registration.
	Blocked bool `didww:"attr,blocked,required"`
	// AwaitingRegistration is true until the regulatory registration of the
	// number is complete.
	AwaitingRegistration bool `didww:"attr,awaiting_registration,required"`
	// Terminated is true once the DID is canceled; it leaves service at the
	// end of its billing cycle.
	Terminated bool `didww:"attr,terminated,required"`
	// EmergencyEnabled says whether emergency calling is active.
	EmergencyEnabled bool `didww:"attr,emergency_enabled,required"`
	// CapacityLimit is the most simultaneous calls; nil means no limit of the DID's own.
	CapacityLimit *int `didww:"attr,capacity_limit"`
	// ChannelsIncludedCount is how many channels the DID's SKU includes.
	ChannelsIncludedCount int `didww:"attr,channels_included_count,required"`
	// DedicatedChannelsCount is how many channels of its capacity pool are
	// reserved for this DID.
	DedicatedChannelsCount int `didww:"attr,dedicated_channels_count,required"`
	// BillingCyclesCount is how many billing cycles are left before the DID
	// is released: nil renews indefinitely, 0 means it is not renewed (it is
	// pending removal).
	BillingCyclesCount *int      `didww:"attr,billing_cycles_count"`
	CreatedAt          time.Time `didww:"attr,created_at,required"`
	// ExpiresAt is the end of the current billing period; nil when the API
	// gives none.
	ExpiresAt *time.Time `didww:"attr,expires_at"`

	// Relationships: filled when included, ID-only when only linkage came,
	// nil otherwise. The API sends the linkage only for what the request
	// included, so a DID read without include=voice_in_trunk has a nil
	// VoiceInTrunk whether it is routed or not.
	DIDGroup                *DIDGroup                `didww:"rel,did_group"`
	Order                   *Order                   `didww:"rel,order"`
	VoiceInTrunk            *VoiceInTrunk            `didww:"rel,voice_in_trunk"`
	VoiceInTrunkGroup       *VoiceInTrunkGroup       `didww:"rel,voice_in_trunk_group"`
	CapacityPool            *CapacityPool            `didww:"rel,capacity_pool"`
	SharedCapacityGroup     *SharedCapacityGroup     `didww:"rel,shared_capacity_group"`
	AddressVerification     *AddressVerification     `didww:"rel,address_verification"`
	EmergencyCallingService *EmergencyCallingService `didww:"rel,emergency_calling_service"`
	EmergencyVerification   *EmergencyVerification   `didww:"rel,emergency_verification"`
	Identity                *Identity                `didww:"rel,identity"`
	// SMSTrunk and SMSTrunkGroup are where the DID's inbound SMS go (API
	// 2026-11-19 on; at most one is set).
	SMSTrunk      *SMSTrunk      `didww:"rel,sms_trunk"`
	SMSTrunkGroup *SMSTrunkGroup `didww:"rel,sms_trunk_group"`
}

// DIDListOptions filters GET /dids, which is paginated.
//
// The id filters and Number and Description take one value; the API also
// reads several joined with commas ("any of").
type DIDListOptions struct {
	ListOptions
	// ID is filter[id].
	ID string
	// Number is filter[number]: the number in E.164; a leading "+" is
	// dropped, as the API writes numbers without it.
	Number string
	// Description is filter[description].
	Description string
	// Terminated is filter[terminated].
	Terminated *bool
	// AwaitingRegistration is filter[awaiting_registration].
	AwaitingRegistration *bool
	// PendingRemoval is filter[pending_removal]: DIDs that will not renew.
	PendingRemoval *bool
	// Blocked is filter[blocked].
	Blocked *bool
	// BillingCyclesCount is filter[billing_cycles_count].
	BillingCyclesCount *int
	// EmergencyEnabled is filter[emergency_enabled].
	EmergencyEnabled *bool
	// DIDGroupID is filter[did_group.id].
	DIDGroupID string
	// DIDGroupFeatures is filter[did_group.features]: DIDs of groups with
	// any of these features, sent comma-joined.
	DIDGroupFeatures []Feature
	// CountryID is filter[country.id].
	CountryID string
	// RegionID is filter[region.id].
	RegionID string
	// CityID is filter[city.id].
	CityID string
	// OrderID is filter[order.id]: the DIDs an order created.
	OrderID string
	// OrderReference is filter[order.reference], such as "KTH-650932".
	OrderReference string
	// VoiceInTrunkID is filter[voice_in_trunk.id].
	VoiceInTrunkID string
	// VoiceInTrunkGroupID is filter[voice_in_trunk_group.id].
	VoiceInTrunkGroupID string
	// SMSTrunkID and SMSTrunkGroupID are filter[sms_trunk.id] and
	// filter[sms_trunk_group.id]: the DIDs whose inbound SMS go there (API
	// version 2026-11-19 on).
	SMSTrunkID, SMSTrunkGroupID string
	// CapacityPoolID is filter[capacity_pool.id].
	CapacityPoolID string
	// SharedCapacityGroupID is filter[shared_capacity_group.id].
	SharedCapacityGroupID string
	// AddressVerificationID is filter[address_verification.id].
	AddressVerificationID string
	// EmergencyCallingServiceID is filter[emergency_calling_service.id].
	EmergencyCallingServiceID string
	// Include: the relationships "did_group", "order", "voice_in_trunk",
	// "voice_in_trunk_group", "capacity_pool", "shared_capacity_group",
	// "address_verification", "emergency_calling_service",
	// "emergency_verification", "identity", and the nested
	// "voice_in_trunk.voice_in_trunk_group", "voice_in_trunk.pop",
	// "did_group.country", "did_group.city", "did_group.region",
	// "did_group.did_group_type", "did_group.stock_keeping_units", and from
	// API version 2026-11-19 on "sms_trunk" and "sms_trunk_group". API
	// version 2026-11-19 refuses "voice_in_trunk.pop" and
	// "did_group.did_group_type".
	Include []string
	// Sort: "awaiting_registration", "billing_cycles_count", "blocked",
	// "capacity_limit", "channels_included_count", "created_at",
	// "dedicated_channels_count", "description", "expires_at", "number",
	// "terminated" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, unchecked, for parameters not
	// typed here (such as the legacy filter[trunk.id]).
	Extra url.Values
}

// didOptions are the names DID requests may use, per API version.
var didOptions = &optionSet{
	typ: "dids",
	includes: []string{"did_group", "order", "capacity_pool", "shared_capacity_group", "address_verification",
		"voice_in_trunk", "voice_in_trunk_group", "emergency_calling_service", "emergency_verification", "identity",
		"voice_in_trunk.voice_in_trunk_group", "voice_in_trunk.pop", "did_group.country", "did_group.city",
		"did_group.region", "did_group.did_group_type", "did_group.stock_keeping_units", "sms_trunk", "sms_trunk_group"},
	sorts: []string{"awaiting_registration", "billing_cycles_count", "blocked", "capacity_limit",
		"channels_included_count", "created_at", "dedicated_channels_count", "description", "expires_at", "number", "terminated"},
	versioned: map[string]span{
		"include:voice_in_trunk.pop":       before(APIVersion20261119, `include "voice_in_trunk.pop" is not accepted from API version 2026-11-19 on, where a trunk's POP is its pop attribute`),
		"include:did_group.did_group_type": before(APIVersion20261119, goneGroupType(`include "did_group.did_group_type"`, "read the DID group's NumberType")),
		"filter:sms_trunk.id":              since(APIVersion20261119, `SMSTrunkID (filter[sms_trunk.id]) arrives in API version 2026-11-19, with the DID's inbound SMS routing`),
		"filter:sms_trunk_group.id":        since(APIVersion20261119, `SMSTrunkGroupID (filter[sms_trunk_group.id]) arrives in API version 2026-11-19, with the DID's inbound SMS routing`),
		"include:sms_trunk":                since(APIVersion20261119, `include "sms_trunk" arrives in API version 2026-11-19, with the DID's inbound SMS routing`),
		"include:sms_trunk_group":          since(APIVersion20261119, `include "sms_trunk_group" arrives in API version 2026-11-19, with the DID's inbound SMS routing`),
	},
}

func (o *DIDListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

func (o *DIDListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(didOptions, version)
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	if o.BillingCyclesCount != nil && *o.BillingCyclesCount < 0 {
		q.fail("BillingCyclesCount", "must not be negative")
	}
	q.filter("id", o.ID)
	q.filter("number", strings.TrimPrefix(o.Number, "+"))
	q.filter("description", o.Description)
	q.filterBool("terminated", o.Terminated)
	q.filterBool("awaiting_registration", o.AwaitingRegistration)
	q.filterBool("pending_removal", o.PendingRemoval)
	q.filterBool("blocked", o.Blocked)
	q.filterInt("billing_cycles_count", o.BillingCyclesCount)
	q.filterBool("emergency_enabled", o.EmergencyEnabled)
	q.filter("did_group.id", o.DIDGroupID)
	q.filterList("did_group.features", strs(o.DIDGroupFeatures))
	q.filter("country.id", o.CountryID)
	q.filter("region.id", o.RegionID)
	q.filter("city.id", o.CityID)
	q.filter("order.id", o.OrderID)
	q.filter("order.reference", o.OrderReference)
	q.filter("voice_in_trunk.id", o.VoiceInTrunkID)
	q.filter("voice_in_trunk_group.id", o.VoiceInTrunkGroupID)
	q.filter("sms_trunk.id", o.SMSTrunkID)
	q.filter("sms_trunk_group.id", o.SMSTrunkGroupID)
	q.filter("capacity_pool.id", o.CapacityPoolID)
	q.filter("shared_capacity_group.id", o.SharedCapacityGroupID)
	q.filter("address_verification.id", o.AddressVerificationID)
	q.filter("emergency_calling_service.id", o.EmergencyCallingServiceID)
	q.includes(o.Include)
	q.sorts(o.Sort)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of the account's DIDs matching opts. Invalid options
// are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *DIDsService) List(ctx context.Context, opts *DIDListOptions) (*Page[DID], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[DID](ctx, s.client, "/dids", q)
}

// All yields every DID matching opts, page after page from opts' page on.
// It yields an error once and stops; opts is not modified.
func (s *DIDsService) All(ctx context.Context, opts *DIDListOptions) iter.Seq2[*DID, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one DID; opts may include the names DIDListOptions.Include lists.
func (s *DIDsService) Get(ctx context.Context, id string, opts *GetOptions) (*DID, error) {
	d, _, err := getIn[DID](ctx, s.client, "dids", id, opts, didOptions)
	return d, err
}

// String returns a pointer to v, for optional text such as
// DIDUpdateRequest.Description.
func String(v string) *string { return &v }

// maxBillingCycles is the largest billing_cycles_count the API documents.
const maxBillingCycles = 999

// DIDUpdateRequest is the body of PATCH /dids/{id}: only what is set is
// sent. Nullable fields are left out when zero, sent as a value with
// Value(v), and sent as null with Null[T](), which means: CapacityLimit no
// limit of the DID's own, BillingCyclesCount renew indefinitely, a
// relationship not linked.
//
// A DID routes to one trunk or one trunk group, and draws on one capacity
// pool or one shared capacity group. Setting both of a pair is refused
// before sending; setting one to a value sends the other as null in the same
// request, so the DID leaves the one it had.
type DIDUpdateRequest struct {
	// Description is the customer's note; an empty one is sent as null,
	// which clears it.
	Description *string
	// Terminated true cancels the DID (it is not renewed and leaves service
	// at the end of its billing cycle); false restores a canceled DID.
	Terminated *bool
	// CapacityLimit is the most simultaneous calls, at least 0.
	CapacityLimit Nullable[int]
	// BillingCyclesCount is how many billing cycles to renew, 0 to 999: 0
	// stops renewals.
	BillingCyclesCount Nullable[int]
	// DedicatedChannelsCount is how many channels of the DID's capacity pool
	// to reserve for it, at least 0.
	DedicatedChannelsCount *int

	// VoiceInTrunkID routes the DID's calls to a trunk (voice_in_trunk).
	VoiceInTrunkID Nullable[string]
	// VoiceInTrunkGroupID routes them to a trunk group (voice_in_trunk_group).
	VoiceInTrunkGroupID Nullable[string]
	// CapacityPoolID is the capacity pool the DID draws on (capacity_pool).
	CapacityPoolID Nullable[string]
	// SharedCapacityGroupID is the shared capacity group it draws on
	// (shared_capacity_group).
	SharedCapacityGroupID Nullable[string]
	// AddressVerificationID links the address verification (address_verification).
	AddressVerificationID Nullable[string]
	// EmergencyCallingServiceID links the DID to an emergency calling
	// service (emergency_calling_service); Null unassigns it.
	EmergencyCallingServiceID Nullable[string]

	// SMSTrunkID routes the DID's inbound SMS to an SMS trunk (sms_trunk)
	// that accepts them (not an http_out trunk), and SMSTrunkGroupID to an
	// SMS trunk group (sms_trunk_group): a pair as the voice routing is.
	// Both are API 2026-11-19's: an older version refuses them before sending.
	SMSTrunkID      Nullable[string]
	SMSTrunkGroupID Nullable[string]
}

// didUpdateDocument is the JSON:API body of PATCH /dids/{id}, written by
// encoding/json: google/jsonapi cannot send null or {"data": null}.
type didUpdateDocument struct {
	Data didUpdateData `json:"data"`
}

type didUpdateData struct {
	Type          string                  `json:"type"`
	ID            string                  `json:"id"`
	Attributes    *didUpdateAttributes    `json:"attributes,omitempty"`
	Relationships *didUpdateRelationships `json:"relationships,omitempty"`
}

type didUpdateAttributes struct {
	CapacityLimit          Nullable[int]    `json:"capacity_limit,omitzero"`
	Description            Nullable[string] `json:"description,omitzero"`
	Terminated             *bool            `json:"terminated,omitempty"`
	BillingCyclesCount     Nullable[int]    `json:"billing_cycles_count,omitzero"`
	DedicatedChannelsCount *int             `json:"dedicated_channels_count,omitempty"`
}

type didUpdateRelationships struct {
	CapacityPool            *linkage `json:"capacity_pool,omitempty"`
	SharedCapacityGroup     *linkage `json:"shared_capacity_group,omitempty"`
	AddressVerification     *linkage `json:"address_verification,omitempty"`
	VoiceInTrunk            *linkage `json:"voice_in_trunk,omitempty"`
	VoiceInTrunkGroup       *linkage `json:"voice_in_trunk_group,omitempty"`
	EmergencyCallingService *linkage `json:"emergency_calling_service,omitempty"`
	SMSTrunk                *linkage `json:"sms_trunk,omitempty"`
	SMSTrunkGroup           *linkage `json:"sms_trunk_group,omitempty"`
}

// body checks the request and returns its JSON for the DID id, as API
// version speaks it.
func (req *DIDUpdateRequest) body(id, version string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := req.check(version); err != nil {
		return nil, err
	}
	rels, err := req.relationships()
	if err != nil {
		return nil, err
	}
	attrs := &didUpdateAttributes{CapacityLimit: req.CapacityLimit, Terminated: req.Terminated,
		BillingCyclesCount: req.BillingCyclesCount, DedicatedChannelsCount: req.DedicatedChannelsCount}
	if req.Description != nil {
		attrs.Description = Value(*req.Description)
		if *req.Description == "" {
			attrs.Description = Null[string]()
		}
	}
	doc := didUpdateDocument{Data: didUpdateData{Type: "dids", ID: id}}
	if *attrs != (didUpdateAttributes{}) {
		doc.Data.Attributes = attrs
	}
	if *rels != (didUpdateRelationships{}) {
		doc.Data.Relationships = rels
	}
	if doc.Data.Attributes == nil && doc.Data.Relationships == nil {
		return nil, invalid("request", "sets nothing; set at least one field")
	}
	return encodeBody(doc)
}

// relationships returns the relationships the request sets; of each
// exclusive pair, setting one sends the other as null.
func (req *DIDUpdateRequest) relationships() (*didUpdateRelationships, error) {
	trunk, group, err := exclusive("voice_in_trunk", req.VoiceInTrunkID, "voice_in_trunk_group", req.VoiceInTrunkGroupID)
	if err != nil {
		return nil, err
	}
	pool, shared, err := exclusive("capacity_pool", req.CapacityPoolID, "shared_capacity_group", req.SharedCapacityGroupID)
	if err != nil {
		return nil, err
	}
	smsTrunk, smsGroup, err := exclusive("sms_trunk", req.SMSTrunkID, "sms_trunk_group", req.SMSTrunkGroupID)
	if err != nil {
		return nil, err
	}
	return &didUpdateRelationships{
		CapacityPool:            nullableLinkage("capacity_pools", pool),
		SharedCapacityGroup:     nullableLinkage("shared_capacity_groups", shared),
		AddressVerification:     nullableLinkage("address_verifications", req.AddressVerificationID),
		VoiceInTrunk:            nullableLinkage("voice_in_trunks", trunk),
		VoiceInTrunkGroup:       nullableLinkage("voice_in_trunk_groups", group),
		EmergencyCallingService: nullableLinkage("emergency_calling_services", req.EmergencyCallingServiceID),
		SMSTrunk:                nullableLinkage("sms_trunks", smsTrunk),
		SMSTrunkGroup:           nullableLinkage("sms_trunk_groups", smsGroup),
	}, nil
}

// smsRoutingSince is the first API version with a DID's inbound SMS routing.
const smsRoutingSince = APIVersion20261119

// check refuses values the API documents as out of range, empty ids, and
// what version does not have.
func (req *DIDUpdateRequest) check(version string) error {
	if n, ok := req.CapacityLimit.Get(); ok && n < 0 {
		return invalid("capacity_limit", "is %d; it must not be negative (Null removes the limit)", n)
	}
	if n, ok := req.BillingCyclesCount.Get(); ok && (n < 0 || n > maxBillingCycles) {
		return invalid("billing_cycles_count", "is %d; it must be 0 to %d (Null renews indefinitely)", n, maxBillingCycles)
	}
	if n := req.DedicatedChannelsCount; n != nil && *n < 0 {
		return invalid("dedicated_channels_count", "is %d; it must not be negative", *n)
	}
	for _, l := range []struct {
		field string
		id    Nullable[string]
	}{
		{"voice_in_trunk", req.VoiceInTrunkID}, {"voice_in_trunk_group", req.VoiceInTrunkGroupID},
		{"capacity_pool", req.CapacityPoolID}, {"shared_capacity_group", req.SharedCapacityGroupID},
		{"address_verification", req.AddressVerificationID}, {"emergency_calling_service", req.EmergencyCallingServiceID},
		{"sms_trunk", req.SMSTrunkID}, {"sms_trunk_group", req.SMSTrunkGroupID},
	} {
		if id, ok := l.id.Get(); ok && strings.TrimSpace(id) == "" {
			return invalid(l.field, "is an empty id; Null unlinks it")
		}
	}
	if version < smsRoutingSince {
		for _, l := range []struct {
			field string
			id    Nullable[string]
		}{{"sms_trunk", req.SMSTrunkID}, {"sms_trunk_group", req.SMSTrunkGroupID}} {
			if !l.id.IsZero() {
				return invalid(l.field, "is inbound SMS routing, which arrives in API version %s%s", smsRoutingSince, speaks(version))
			}
		}
	}
	return nil
}

// Update changes a DID and returns it as the API answers. The request is
// checked first (an error wrapping ErrInvalidRequest names the field, and
// nothing is sent). A PATCH is not retried after it may have reached the
// server; when its outcome is unknown (the answer lost, a 5xx, a 2xx
// without the DID) the error matches ErrOutcomeUnknown: the change may have
// been made, and sending the same request again is harmless.
func (s *DIDsService) Update(ctx context.Context, id string, req *DIDUpdateRequest) (*DID, error) {
	path, err := pathFor("dids", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id, s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return writeOne[DID](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}
