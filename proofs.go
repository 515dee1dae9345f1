package didww

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/didww-go/didww/internal/jsonapi"
)

// ProofsService files the documents that prove an identity or an address
// (API_REFERENCE §17.7). A proof cannot be edited beyond its external
// reference: to replace the document, delete the proof and create another.
type ProofsService service

// Proof is a document filed as proof of an identity or an address, of one
// of the proof types an address requirement accepts. Its files are never
// readable back.
type Proof struct {
	ID        string    `didww:"primary,proofs"`
	CreatedAt time.Time `didww:"attr,created_at,required"`
	// ExpiresAt is when DIDWW stops accepting the document; nil: never.
	ExpiresAt           *time.Time `didww:"attr,expires_at"`
	ExternalReferenceID string     `didww:"attr,external_reference_id"`
	// ProofType is filled when included, ID-only when only linkage came.
	ProofType *ProofType `didww:"rel,proof_type"`
	// Entity is what the proof proves: an *Identity or an *Address (filled
	// when included, ID-only otherwise), or an *OtherProofEntity for a type
	// this library does not know.
	Entity ProofEntity `didww:"rel,entity"`
}

// ProofEntity is what a proof proves. It is implemented by *Identity,
// *Address and *OtherProofEntity only; use a type switch.
type ProofEntity interface {
	// EntityRef returns the entity's resource type and id.
	EntityRef() (typ, id string)
	proofEntity()
}

// OtherProofEntity is a proof's entity of a type this library does not
// know, kept as the linkage named it.
type OtherProofEntity struct {
	Type string
	ID   string
}

// EntityRef returns "identities" and the identity's id.
func (i *Identity) EntityRef() (typ, id string) { return "identities", i.ID }

// EntityRef returns "addresses" and the address's id.
func (a *Address) EntityRef() (typ, id string) { return "addresses", a.ID }

// EntityRef returns the type and id the API sent.
func (o *OtherProofEntity) EntityRef() (typ, id string) { return o.Type, o.ID }

func (*Identity) proofEntity()         {}
func (*Address) proofEntity()          {}
func (*OtherProofEntity) proofEntity() {}

var _ = jsonapi.RegisterRelationship(
	func(typ, id string) ProofEntity { return &OtherProofEntity{Type: typ, ID: id} },
	ProofEntity((*Identity)(nil)), ProofEntity((*Address)(nil)))

// ProofListOptions filters GET /proofs, which is paginated.
type ProofListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID                  []string
	ExternalReferenceID string // filter[external_reference_id]
	// Include: "proof_type", "entity".
	Include []string
	// Sort: "created_at", "expires_at", "external_reference_id" (a leading
	// "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	proofIncludes = []string{"proof_type", "entity"}
	proofSorts    = []string{"created_at", "expires_at", "external_reference_id"}
)

func (o *ProofListOptions) query() (url.Values, error) {
	q := newQuery()
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	q.filterList("id", o.ID)
	q.filter("external_reference_id", o.ExternalReferenceID)
	q.include(o.Include, proofIncludes)
	q.sort(o.Sort, proofSorts)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of the account's proofs matching opts. Invalid
// options are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *ProofsService) List(ctx context.Context, opts *ProofListOptions) (*Page[Proof], error) {
	return listOf[Proof](ctx, s.client, "/proofs", opts)
}

// All yields every proof matching opts, page after page from opts' page
// on. It yields an error once and stops; opts is not modified.
func (s *ProofsService) All(ctx context.Context, opts *ProofListOptions) iter.Seq2[*Proof, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one proof; opts may include "proof_type" and "entity".
func (s *ProofsService) Get(ctx context.Context, id string, opts *GetOptions) (*Proof, error) {
	v, _, err := getByID[Proof](ctx, s.client, "proofs", id, opts, proofIncludes)
	return v, err
}

// ProofEntityKind names the resource type a proof is filed for.
type ProofEntityKind string

// The kinds of entity a proof proves.
const (
	ProofOfIdentity ProofEntityKind = "identities"
	ProofOfAddress  ProofEntityKind = "addresses"
)

// ProofCreateRequest is the body of POST /proofs. ProofTypeID, the entity
// and at least one file are required; the proof type must prove the
// entity's kind. FileIDs are encrypted files (EncryptedFiles.Upload),
// copied onto the proof and never readable back; they expire 24 hours
// after the upload.
type ProofCreateRequest struct {
	ProofTypeID string
	// EntityKind and EntityID name the identity or the address proven.
	EntityKind          ProofEntityKind
	EntityID            string
	FileIDs             []string
	ExternalReferenceID string
}

type proofAttributes struct {
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

type proofRelationships struct {
	ProofType *linkage  `json:"proof_type"`
	Entity    *linkage  `json:"entity"`
	Files     *linkages `json:"files"`
}

func (req *ProofCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("proof_type", req.ProofTypeID); err != nil {
		return nil, err
	}
	switch req.EntityKind {
	case ProofOfIdentity, ProofOfAddress:
	default:
		return nil, invalid("entity", "kind is %q; it must be %q or %q", req.EntityKind, ProofOfIdentity, ProofOfAddress)
	}
	if err := checkID("entity", req.EntityID); err != nil {
		return nil, err
	}
	if len(req.FileIDs) == 0 {
		return nil, invalid("files", "is empty; a proof needs at least one encrypted file")
	}
	files, err := toManyLinkage("files", "encrypted_files", req.FileIDs)
	if err != nil {
		return nil, err
	}
	a := proofAttributes{ExternalReferenceID: optional(req.ExternalReferenceID)}
	if err := checkOptionalReference(a.ExternalReferenceID); err != nil {
		return nil, err
	}
	rels := proofRelationships{
		ProofType: nullableLinkage("proof_types", Value(req.ProofTypeID)),
		Entity:    nullableLinkage(string(req.EntityKind), Value(req.EntityID)),
		Files:     files,
	}
	var attrs any
	if a != (proofAttributes{}) {
		attrs = &a
	}
	return registrationBody("proofs", "", attrs, &rels, false)
}

// Create files a proof. The request is checked first (an error wrapping
// ErrInvalidRequest names the field, and nothing is sent). A failure after
// which the proof may exist matches ErrOutcomeUnknown: list the proofs, by
// ExternalReferenceID when one was set, before filing it again.
func (s *ProofsService) Create(ctx context.Context, req *ProofCreateRequest) (*Proof, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[Proof](ctx, s.client, &request{method: "POST", path: "/proofs", body: body}, noMark)
}

// ProofUpdateRequest is the body of PATCH /proofs/{id}: the external
// reference is all a proof lets change. Null clears it.
type ProofUpdateRequest struct {
	ExternalReferenceID Nullable[string]
}

// Update changes a proof's external reference. An error after which the
// change may have been made matches ErrOutcomeUnknown.
func (s *ProofsService) Update(ctx context.Context, id string, req *ProofUpdateRequest) (*Proof, error) {
	path, err := pathFor("proofs", id)
	if err != nil {
		return nil, err
	}
	if req == nil || req.ExternalReferenceID.IsZero() {
		return nil, invalid("request", "sets nothing; external_reference_id is the only attribute a proof changes")
	}
	a := proofAttributes{ExternalReferenceID: req.ExternalReferenceID}
	if err := checkOptionalReference(a.ExternalReferenceID); err != nil {
		return nil, err
	}
	body, err := registrationBody("proofs", id, &a, nil, true)
	if err != nil {
		return nil, err
	}
	return writeOne[Proof](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}

// Delete deletes a proof. A retry that finds it gone (404) after an attempt
// whose answer was lost succeeded; a 404 on the first attempt is an error
// matching ErrNotFound. An error that leaves open whether it was deleted
// matches ErrOutcomeUnknown. From API version 2026-11-19 on a proof that a
// verification still under review relies on is refused with 422
// (ErrValidation).
func (s *ProofsService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "proofs", id)
}
