package didww

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// EmergencyVerificationsService files and reads emergency verifications:
// the address DIDWW's emergency team checks before emergency calling works.
// Creating one for DIDs creates their emergency calling service, charged
// once the verification is approved. Accounts without an emergency calling
// plan are refused with 403 (ErrForbidden): on Create under API version
// 2026-04-16, and from 2026-11-19 on at every emergency endpoint, the
// requirements, validations and calling services included.
type EmergencyVerificationsService service

// EmergencyVerificationStatus is the state of a verification. Unknown values are kept.
type EmergencyVerificationStatus string

// Verification statuses the API documents.
const (
	EmergencyVerificationPending  EmergencyVerificationStatus = "pending"
	EmergencyVerificationApproved EmergencyVerificationStatus = "approved"
	EmergencyVerificationRejected EmergencyVerificationStatus = "rejected"
)

// EmergencyVerification is a request to verify the address of an emergency
// calling service. A rejected one is replaced by creating a new one.
type EmergencyVerification struct {
	ID string `didww:"primary,emergency_verifications"`
	// Reference is DIDWW's, such as "EV-1234".
	Reference string                      `didww:"attr,reference,required"`
	Status    EmergencyVerificationStatus `didww:"attr,status,required"`
	// RejectReasons and RejectComment say why it was rejected; empty
	// otherwise (the API sends null or an empty list).
	RejectReasons []string `didww:"attr,reject_reasons"`
	RejectComment string   `didww:"attr,reject_comment"`
	// CallbackURL and CallbackMethod are empty when it has no callback.
	CallbackURL    string         `didww:"attr,callback_url"`
	CallbackMethod CallbackMethod `didww:"attr,callback_method"`
	// ExternalReferenceID is the caller's own reference; empty when none.
	ExternalReferenceID string    `didww:"attr,external_reference_id"`
	CreatedAt           time.Time `didww:"attr,created_at,required"`

	// Relationships: filled when included, ID-only when only linkage came.
	Address                 *Address                 `didww:"rel,address"`
	EmergencyCallingService *EmergencyCallingService `didww:"rel,emergency_calling_service"`
	DIDs                    []*DID                   `didww:"rel,dids"`
}

// EmergencyVerificationListOptions filters GET /emergency_verifications.
type EmergencyVerificationListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID []string
	// EmergencyCallingServiceID is filter[emergency_calling_service.id].
	EmergencyCallingServiceID string
	ExternalReferenceID       string
	Status                    EmergencyVerificationStatus
	// Include: "address", "emergency_calling_service", "dids".
	Include []string
	// Sort: "created_at", "external_reference_id".
	Sort  []string
	Extra url.Values
}

var (
	emergencyVerificationIncludes = []string{"address", "emergency_calling_service", "dids"}
	emergencyVerificationSorts    = []string{"created_at", "external_reference_id"}
)

func (o *EmergencyVerificationListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("emergency_calling_service.id", o.EmergencyCallingServiceID)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.filter("status", string(o.Status))
		q.include(o.Include, emergencyVerificationIncludes)
		q.sort(o.Sort, emergencyVerificationSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's emergency verifications.
func (s *EmergencyVerificationsService) List(ctx context.Context, opts *EmergencyVerificationListOptions) (*Page[EmergencyVerification], error) {
	return listOf[EmergencyVerification](ctx, s.client, "/emergency_verifications", opts)
}

// All yields every emergency verification matching opts, page after page.
func (s *EmergencyVerificationsService) All(ctx context.Context, opts *EmergencyVerificationListOptions) iter.Seq2[*EmergencyVerification, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one emergency verification; opts may include "address",
// "emergency_calling_service" and "dids".
func (s *EmergencyVerificationsService) Get(ctx context.Context, id string, opts *GetOptions) (*EmergencyVerification, error) {
	v, _, err := getByID[EmergencyVerification](ctx, s.client, "emergency_verifications", id, opts, emergencyVerificationIncludes)
	return v, err
}

// EmergencyVerificationCreateRequest is the body of POST
// /emergency_verifications, in one of two modes: DIDIDs activates emergency
// calling on those DIDs (same country and DID group type, in no other
// service) and creates their calling service; EmergencyCallingServiceID
// files a new address for an existing service. Exactly one of the two.
type EmergencyVerificationCreateRequest struct {
	// AddressID is the address to verify (required).
	AddressID                 string
	DIDIDs                    []string
	EmergencyCallingServiceID string
	// CallbackURL is called when the verification is approved or rejected,
	// with CallbackMethod (get or post); set both or neither.
	CallbackURL         string
	CallbackMethod      CallbackMethod
	ExternalReferenceID string
}

type emergencyVerificationAttributes struct {
	CallbackURL         string         `json:"callback_url,omitempty"`
	CallbackMethod      CallbackMethod `json:"callback_method,omitempty"`
	ExternalReferenceID string         `json:"external_reference_id,omitempty"`
}

type emergencyVerificationRelationships struct {
	Address                 linkage   `json:"address"`
	DIDs                    *linkages `json:"dids,omitempty"`
	EmergencyCallingService *linkage  `json:"emergency_calling_service,omitempty"`
}

func (req *EmergencyVerificationCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("address", req.AddressID); err != nil {
		return nil, err
	}
	switch {
	case len(req.DIDIDs) > 0 && req.EmergencyCallingServiceID != "":
		return nil, invalid("dids", "and emergency_calling_service are both set; a verification names one of them")
	case len(req.DIDIDs) == 0 && req.EmergencyCallingServiceID == "":
		return nil, invalid("dids", "and emergency_calling_service are both empty; name the DIDs to activate or the service to update")
	}
	rels := emergencyVerificationRelationships{Address: linkage{Data: &resourceIdentifier{Type: "addresses", ID: req.AddressID}}}
	var err error
	if len(req.DIDIDs) > 0 {
		if rels.DIDs, err = linkMany("dids", "dids", req.DIDIDs); err != nil {
			return nil, err
		}
	} else {
		if err := checkID("emergency_calling_service", req.EmergencyCallingServiceID); err != nil {
			return nil, err
		}
		rels.EmergencyCallingService = &linkage{Data: &resourceIdentifier{Type: "emergency_calling_services", ID: req.EmergencyCallingServiceID}}
	}
	method, err := checkCallback(req.CallbackURL, req.CallbackMethod)
	if err != nil {
		return nil, err
	}
	if err := optionalRef(req.ExternalReferenceID); err != nil {
		return nil, err
	}
	return jsonBody(resourceDocument{Data: resourceObject{Type: "emergency_verifications",
		Attributes: emergencyVerificationAttributes{CallbackURL: req.CallbackURL, CallbackMethod: method,
			ExternalReferenceID: req.ExternalReferenceID},
		Relationships: rels}})
}

// Create files an emergency verification; it starts pending. The request
// is checked first (an error wrapping ErrInvalidRequest names the field).
// A failure that leaves open whether it was filed matches
// ErrOutcomeUnknown: list the verifications (by ExternalReferenceID, when
// set) before filing again.
func (s *EmergencyVerificationsService) Create(ctx context.Context, req *EmergencyVerificationCreateRequest) (*EmergencyVerification, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[EmergencyVerification](ctx, s.client, &request{method: "POST", path: "/emergency_verifications", body: body}, noMark)
}

// EmergencyVerificationUpdateRequest is the body of PATCH
// /emergency_verifications/{id}: the external reference is all it lets change.
type EmergencyVerificationUpdateRequest struct {
	// ExternalReferenceID Value sets it, Null clears it.
	ExternalReferenceID Nullable[string]
}

// Update changes the verification's external reference and returns it.
func (s *EmergencyVerificationsService) Update(ctx context.Context, id string, req *EmergencyVerificationUpdateRequest) (*EmergencyVerification, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	return updateReference[EmergencyVerification](ctx, s.client, "emergency_verifications", id, req.ExternalReferenceID)
}
