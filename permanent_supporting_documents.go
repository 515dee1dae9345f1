package didww

import "time"

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

// PermanentSupportingDocumentsService keeps completed supporting document
// templates on file for identities (API_REFERENCE §17.11).
type PermanentSupportingDocumentsService service
