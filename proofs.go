package didww

import "time"

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
}
