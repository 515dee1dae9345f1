package didww

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// PermanentSupportingDocumentsService keeps completed supporting document
// templates on file for identities (API_REFERENCE §17.11).
type PermanentSupportingDocumentsService service

// PermanentSupportingDocument is a completed supporting document template
// kept on file for an identity. Its files are never readable back.
type PermanentSupportingDocument struct {
	ID                  string    `didww:"primary,permanent_supporting_documents"`
	CreatedAt           time.Time `didww:"attr,created_at,required"`
	ExternalReferenceID string    `didww:"attr,external_reference_id"`
	// Template and Identity are filled when included, ID-only when only
	// linkage came.
	Template *SupportingDocumentTemplate `didww:"rel,template"`
	Identity *Identity                   `didww:"rel,identity"`
}

// PermanentSupportingDocumentListOptions filters GET
// /permanent_supporting_documents, which is paginated.
type PermanentSupportingDocumentListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID                  []string
	ExternalReferenceID string // filter[external_reference_id]
	// Include: "template", "identity".
	Include []string
	// Sort: "created_at", "external_reference_id" (a leading "-" for
	// descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	permanentDocumentIncludes = []string{"template", "identity"}
	permanentDocumentSorts    = []string{"created_at", "external_reference_id"}
)

func (o *PermanentSupportingDocumentListOptions) query() (url.Values, error) {
	q := newQuery()
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	q.filterList("id", o.ID)
	q.filter("external_reference_id", o.ExternalReferenceID)
	q.include(o.Include, permanentDocumentIncludes)
	q.sort(o.Sort, permanentDocumentSorts)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of the account's permanent supporting documents
// matching opts. Invalid options are an error wrapping ErrInvalidRequest,
// and nothing is sent.
func (s *PermanentSupportingDocumentsService) List(ctx context.Context, opts *PermanentSupportingDocumentListOptions) (*Page[PermanentSupportingDocument], error) {
	return listOf[PermanentSupportingDocument](ctx, s.client, "/permanent_supporting_documents", opts)
}

// All yields every permanent supporting document matching opts, page after
// page from opts' page on. It yields an error once and stops.
func (s *PermanentSupportingDocumentsService) All(ctx context.Context, opts *PermanentSupportingDocumentListOptions) iter.Seq2[*PermanentSupportingDocument, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one permanent supporting document; opts may include
// "template" and "identity".
func (s *PermanentSupportingDocumentsService) Get(ctx context.Context, id string, opts *GetOptions) (*PermanentSupportingDocument, error) {
	v, _, err := getByID[PermanentSupportingDocument](ctx, s.client, "permanent_supporting_documents", id, opts, permanentDocumentIncludes)
	return v, err
}

// PermanentSupportingDocumentCreateRequest is the body of POST
// /permanent_supporting_documents. TemplateID, IdentityID and at least one
// file are required; FileIDs are encrypted files (EncryptedFiles.Upload)
// holding the completed template, never readable back.
type PermanentSupportingDocumentCreateRequest struct {
	TemplateID          string
	IdentityID          string
	FileIDs             []string
	ExternalReferenceID string
}

type permanentDocumentRelationships struct {
	Template *linkage  `json:"template,omitempty"`
	Identity *linkage  `json:"identity,omitempty"`
	Files    *linkages `json:"files,omitempty"`
}

func (req *PermanentSupportingDocumentCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("template", req.TemplateID); err != nil {
		return nil, err
	}
	if err := checkID("identity", req.IdentityID); err != nil {
		return nil, err
	}
	if len(req.FileIDs) == 0 {
		return nil, invalid("files", "is empty; a document needs at least one encrypted file")
	}
	return permanentDocumentBody("", optional(req.ExternalReferenceID), Value(req.TemplateID), Value(req.IdentityID), req.FileIDs)
}

// permanentDocumentBody writes a create or an update; unset parts are left out.
func permanentDocumentBody(id string, ref, template, identity Nullable[string], files []string) ([]byte, error) {
	if err := checkOptionalReference(ref); err != nil {
		return nil, err
	}
	fl, err := toManyLinkage("files", "encrypted_files", files)
	if err != nil {
		return nil, err
	}
	rels := permanentDocumentRelationships{
		Template: nullableLinkage("supporting_document_templates", template),
		Identity: nullableLinkage("identities", identity), Files: fl,
	}
	var attrs any
	if !ref.IsZero() {
		attrs = &proofAttributes{ExternalReferenceID: ref}
	}
	return registrationBody("permanent_supporting_documents", id, attrs, &rels, rels == permanentDocumentRelationships{})
}

// Create files a permanent supporting document. The request is checked
// first (an error wrapping ErrInvalidRequest names the field, and nothing
// is sent). A failure after which it may exist matches ErrOutcomeUnknown:
// list the documents, by ExternalReferenceID when one was set, before
// filing it again.
func (s *PermanentSupportingDocumentsService) Create(ctx context.Context, req *PermanentSupportingDocumentCreateRequest) (*PermanentSupportingDocument, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[PermanentSupportingDocument](ctx, s.client,
		&request{method: "POST", path: "/permanent_supporting_documents", body: body}, noMark)
}

// PermanentSupportingDocumentUpdateRequest is the body of PATCH
// /permanent_supporting_documents/{id}: only what is set is sent. A new
// FileIDs set replaces the document; nil leaves the files as they are.
type PermanentSupportingDocumentUpdateRequest struct {
	ExternalReferenceID Nullable[string]
	TemplateID          string
	IdentityID          string
	FileIDs             []string
}

// Update changes a permanent supporting document. An error after which the
// change may have been made matches ErrOutcomeUnknown.
func (s *PermanentSupportingDocumentsService) Update(ctx context.Context, id string, req *PermanentSupportingDocumentUpdateRequest) (*PermanentSupportingDocument, error) {
	path, err := pathFor("permanent_supporting_documents", id)
	if err != nil {
		return nil, err
	}
	if req == nil || (req.ExternalReferenceID.IsZero() && req.TemplateID == "" && req.IdentityID == "" && req.FileIDs == nil) {
		return nil, invalid("request", "sets nothing")
	}
	if req.FileIDs != nil && len(req.FileIDs) == 0 {
		return nil, invalid("files", "is empty; a document needs at least one encrypted file")
	}
	body, err := permanentDocumentBody(id, req.ExternalReferenceID, optional(req.TemplateID), optional(req.IdentityID), req.FileIDs)
	if err != nil {
		return nil, err
	}
	return writeOne[PermanentSupportingDocument](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}

// Delete deletes a permanent supporting document. A retry that finds it
// gone (404) after an attempt whose answer was lost succeeded; a 404 on the
// first attempt is an error matching ErrNotFound. From API version
// 2026-11-19 on a document that a verification still under review relies
// on is refused with 422 (ErrValidation).
func (s *PermanentSupportingDocumentsService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "permanent_supporting_documents", id)
}
