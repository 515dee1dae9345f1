package didww

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"strings"
	"time"
)

// AddressVerificationsService submits an address, with the identity and
// documents behind it, for the DIDs that need it (API_REFERENCE §17.12).
// There is no delete: a rejected verification is replaced by a new one.
type AddressVerificationsService service

// AddressVerificationStatus is the state of an address verification:
// pending, then approved or rejected (both final). Known values are read
// case-insensitively (older versions capitalised them); unknown values are
// kept as sent.
type AddressVerificationStatus string

// Address verification statuses the API documents.
const (
	AddressVerificationPending  AddressVerificationStatus = "pending"
	AddressVerificationApproved AddressVerificationStatus = "approved"
	AddressVerificationRejected AddressVerificationStatus = "rejected"
)

func parseAddressVerificationStatus(s string) AddressVerificationStatus {
	for _, known := range []AddressVerificationStatus{AddressVerificationPending, AddressVerificationApproved, AddressVerificationRejected} {
		if strings.EqualFold(s, string(known)) {
			return known
		}
	}
	return AddressVerificationStatus(s)
}

// UnmarshalJSON reads a status, folding the case of known values.
func (s *AddressVerificationStatus) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = parseAddressVerificationStatus(v)
	return nil
}

// AddressVerification is an address submitted for verification for the
// DIDs that need it. Its DIDs stay awaiting registration until it is
// approved.
type AddressVerification struct {
	ID string `didww:"primary,address_verifications"`
	// Reference is DIDWW's, such as "ODW-879912".
	Reference string                    `didww:"attr,reference,required"`
	Status    AddressVerificationStatus `didww:"attr,status,required"`
	// RejectReasons are free-text reasons, set only when rejected;
	// RejectComment is the reviewer's note. Empty when the API sends null.
	RejectReasons      []string `didww:"attr,reject_reasons"`
	RejectComment      string   `didww:"attr,reject_comment"`
	ServiceDescription string   `didww:"attr,service_description"`
	// CallbackURL and CallbackMethod are empty when it has no callback.
	CallbackURL         string         `didww:"attr,callback_url"`
	CallbackMethod      CallbackMethod `didww:"attr,callback_method"`
	ExternalReferenceID string         `didww:"attr,external_reference_id"`
	CreatedAt           time.Time      `didww:"attr,created_at,required"`

	// Relationships: filled when included, ID-only when only linkage came.
	Address *Address `didww:"rel,address"`
	DIDs    []*DID   `didww:"rel,dids"`
}

// AddressVerificationListOptions filters GET /address_verifications, which
// is paginated.
type AddressVerificationListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID                  []string
	AddressID           string                    // filter[address.id]
	IdentityID          string                    // filter[address.identity.id]
	ExternalReferenceID string                    // filter[external_reference_id]
	Reference           string                    // filter[reference]
	ReferenceIn         []string                  // filter[reference_in], comma-joined
	Status              AddressVerificationStatus // filter[status]
	// Include: "address", "dids", "dids.did_group".
	Include []string
	// Sort: "created_at", "external_reference_id" (a leading "-" for
	// descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	addressVerificationIncludes = []string{"address", "dids", "dids.did_group"}
	addressVerificationSorts    = []string{"created_at", "external_reference_id"}
)

func (o *AddressVerificationListOptions) query() (url.Values, error) {
	q := newQuery()
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	q.filterList("id", o.ID)
	q.filter("address.id", o.AddressID)
	q.filter("address.identity.id", o.IdentityID)
	q.filter("external_reference_id", o.ExternalReferenceID)
	q.filter("reference", o.Reference)
	q.filterList("reference_in", o.ReferenceIn)
	q.filter("status", string(o.Status))
	q.include(o.Include, addressVerificationIncludes)
	q.sort(o.Sort, addressVerificationSorts)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of the account's address verifications matching
// opts. Invalid options are an error wrapping ErrInvalidRequest, and
// nothing is sent.
func (s *AddressVerificationsService) List(ctx context.Context, opts *AddressVerificationListOptions) (*Page[AddressVerification], error) {
	return listOf[AddressVerification](ctx, s.client, "/address_verifications", opts)
}

// All yields every address verification matching opts, page after page
// from opts' page on. It yields an error once and stops.
func (s *AddressVerificationsService) All(ctx context.Context, opts *AddressVerificationListOptions) iter.Seq2[*AddressVerification, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one address verification; opts may include the names
// AddressVerificationListOptions.Include lists.
func (s *AddressVerificationsService) Get(ctx context.Context, id string, opts *GetOptions) (*AddressVerification, error) {
	v, _, err := getByID[AddressVerification](ctx, s.client, "address_verifications", id, opts, addressVerificationIncludes)
	return v, err
}

// AddressVerificationCreateRequest is the body of POST
// /address_verifications. AddressID and at least one DID are required;
// everything the requirement demands (proofs, permanent documents) must
// exist already: check with AddressRequirements.Validate first.
// OnetimeFileIDs are encrypted files, sent only when the requirement names
// a one-time template; ServiceDescription only when it asks for one.
type AddressVerificationCreateRequest struct {
	AddressID          string
	DIDIDs             []string
	OnetimeFileIDs     []string
	ServiceDescription string
	// CallbackURL, an absolute http(s) URL, is called when the verification
	// is approved or rejected, with CallbackMethod (get or post).
	CallbackURL         string
	CallbackMethod      CallbackMethod
	ExternalReferenceID string
}

type addressVerificationAttributes struct {
	ServiceDescription  string           `json:"service_description,omitempty"`
	CallbackURL         string           `json:"callback_url,omitempty"`
	CallbackMethod      CallbackMethod   `json:"callback_method,omitempty"`
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

type addressVerificationRelationships struct {
	Address      *linkage  `json:"address"`
	DIDs         *linkages `json:"dids"`
	OnetimeFiles *linkages `json:"onetime_files,omitempty"`
}

func (req *AddressVerificationCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("address", req.AddressID); err != nil {
		return nil, err
	}
	if len(req.DIDIDs) == 0 {
		return nil, invalid("dids", "is empty; a verification is for at least one DID")
	}
	dids, err := toManyLinkage("dids", "dids", req.DIDIDs)
	if err != nil {
		return nil, err
	}
	var onetime *linkages
	if len(req.OnetimeFileIDs) > 0 {
		if onetime, err = toManyLinkage("onetime_files", "encrypted_files", req.OnetimeFileIDs); err != nil {
			return nil, err
		}
	}
	method, err := checkCallback(req.CallbackURL, req.CallbackMethod)
	if err != nil {
		return nil, err
	}
	a := addressVerificationAttributes{
		ServiceDescription: req.ServiceDescription, CallbackURL: req.CallbackURL, CallbackMethod: method,
		ExternalReferenceID: optional(req.ExternalReferenceID),
	}
	if err := checkOptionalReference(a.ExternalReferenceID); err != nil {
		return nil, err
	}
	var attrs any
	if a != (addressVerificationAttributes{}) {
		attrs = &a
	}
	rels := addressVerificationRelationships{
		Address: nullableLinkage("addresses", Value(req.AddressID)), DIDs: dids, OnetimeFiles: onetime,
	}
	return registrationBody("address_verifications", "", attrs, &rels, false)
}

// Create submits an address verification; it starts pending. The request
// is checked first (an error wrapping ErrInvalidRequest names the field,
// and nothing is sent); what the requirement still misses comes back as a
// 422 *APIError. A failure after which it may exist matches
// ErrOutcomeUnknown: list the verifications by AddressID before
// submitting again.
func (s *AddressVerificationsService) Create(ctx context.Context, req *AddressVerificationCreateRequest) (*AddressVerification, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[AddressVerification](ctx, s.client, &request{method: "POST", path: "/address_verifications", body: body}, noMark)
}

// AddressVerificationUpdateRequest is the body of PATCH
// /address_verifications/{id}: the external reference is all it lets
// change. Null clears it.
type AddressVerificationUpdateRequest struct {
	ExternalReferenceID Nullable[string]
}

// Update changes a verification's external reference. An error after
// which the change may have been made matches ErrOutcomeUnknown.
func (s *AddressVerificationsService) Update(ctx context.Context, id string, req *AddressVerificationUpdateRequest) (*AddressVerification, error) {
	path, err := pathFor("address_verifications", id)
	if err != nil {
		return nil, err
	}
	if req == nil || req.ExternalReferenceID.IsZero() {
		return nil, invalid("request", "sets nothing; external_reference_id is the only attribute a verification changes")
	}
	if err := checkOptionalReference(req.ExternalReferenceID); err != nil {
		return nil, err
	}
	body, err := registrationBody("address_verifications", id, &proofAttributes{ExternalReferenceID: req.ExternalReferenceID}, nil, true)
	if err != nil {
		return nil, err
	}
	return writeOne[AddressVerification](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}
