package didww

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Steps of RegisterDIDs, named by a *RegistrationError.
const (
	RegisterStepIdentity     = "identity"
	RegisterStepAddress      = "address"
	RegisterStepUpload       = "upload"
	RegisterStepProof        = "proof"
	RegisterStepPermanentDoc = "permanent_document"
	RegisterStepValidate     = "validate"
	RegisterStepVerification = "verification"
)

// ErrRequirementNotMet is matched by a *RegistrationError whose validation
// found the requirement unmet: its Problems say what is missing.
var ErrRequirementNotMet = errors.New("didww: the address requirement is not met")

// RegistrationDocument is a document to upload and file: TypeID is a proof
// type (for proofs) or a supporting document template (for permanent
// documents), Files its pages.
type RegistrationDocument struct {
	TypeID string
	Files  []EncryptedFileUpload
}

// RegisterDIDsRequest is the guide's registration (API_REFERENCE §17.13,
// steps 7 to 13) for numbers already bought that await registration under
// one address requirement.
type RegisterDIDsRequest struct {
	// DIDIDs are the numbers to register (required);
	// AddressRequirementID is their DID group's requirement (required).
	DIDIDs               []string
	AddressRequirementID string
	// Identity is created first; Address is then created for it (its
	// IdentityID is filled by the flow). To register with ones the account
	// already has, name them instead: IdentityID in place of Identity, and
	// AddressID in place of Address (an existing address needs IdentityID,
	// and must belong to that identity). Proofs are filed for them all the
	// same; none is needed when the existing ones already hold them.
	Identity   *IdentityCreateRequest
	IdentityID string
	Address    *AddressCreateRequest
	AddressID  string
	// IdentityProofs and AddressProofs are uploaded and filed as proofs;
	// PermanentDocuments are filed for the identity; OnetimeFiles go with
	// the verification.
	IdentityProofs     []RegistrationDocument
	AddressProofs      []RegistrationDocument
	PermanentDocuments []RegistrationDocument
	OnetimeFiles       []EncryptedFileUpload
	// ServiceDescription, the callback and the external reference go on the
	// verification.
	ServiceDescription  string
	CallbackURL         string
	CallbackMethod      CallbackMethod
	ExternalReferenceID string
}

// Registration is what RegisterDIDs created, in the order it did; after a
// failure, what exists on the account.
type Registration struct {
	Identity *Identity
	Address  *Address
	// ReusedIdentity and ReusedAddress say that Identity and Address were
	// the account's already (IdentityID, AddressID), not created.
	ReusedIdentity, ReusedAddress bool
	Proofs                        []*Proof
	PermanentDocuments            []*PermanentSupportingDocument
	// Verification is the submitted verification, pending until DIDWW
	// decides (follow it with AddressVerifications.Get or its callback).
	Verification *AddressVerification
}

// RegistrationError is a failed RegisterDIDs: the step it reached, its
// error, and what it had created by then (Registration, never nil), which
// stays on the account. A failure whose outcome is unknown also matches
// ErrOutcomeUnknown: that step's resource may exist too.
type RegistrationError struct {
	Step         string
	Err          error
	Registration *Registration
	// Problems are the validation's findings when Step is
	// RegisterStepValidate and the requirement is unmet.
	Problems []ErrorObject
}

// Error names the step, what exists, and the cause.
func (e *RegistrationError) Error() string {
	var made []string
	r := e.Registration
	if r.Identity != nil && !r.ReusedIdentity {
		made = append(made, "identity "+r.Identity.ID)
	}
	if r.Address != nil && !r.ReusedAddress {
		made = append(made, "address "+r.Address.ID)
	}
	if n := len(r.Proofs); n > 0 {
		made = append(made, fmt.Sprintf("%d proofs", n))
	}
	if n := len(r.PermanentDocuments); n > 0 {
		made = append(made, fmt.Sprintf("%d permanent documents", n))
	}
	msg := "didww: registration failed at step " + e.Step
	if len(made) > 0 {
		msg += " (created: " + strings.Join(made, ", ") + ")"
	}
	return msg + ": " + causeText(e.Err)
}

// Unwrap returns the step's error.
func (e *RegistrationError) Unwrap() error { return e.Err }

// RegisterDIDs files an identity, its address, the proofs and permanent
// documents (each uploaded encrypted first), validates them against the
// requirement, and submits the address verification for the DIDs. An
// identity and address the account already has are reused when the
// request names them (IdentityID, AddressID) instead. The
// request is checked first (ErrInvalidRequest, nothing sent). Any later
// failure is a *RegistrationError naming the step and what exists; an unmet
// requirement stops before the verification and matches
// ErrRequirementNotMet, with the problems.
func (c *Client) RegisterDIDs(ctx context.Context, req *RegisterDIDsRequest) (*Registration, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	reg := &Registration{}
	fail := func(step string, err error) (*Registration, error) {
		return reg, &RegistrationError{Step: step, Err: err, Registration: reg}
	}
	if err := c.registrant(ctx, req, reg); err != nil {
		return fail(RegisterStepIdentity, err)
	}
	if err := c.registrantAddress(ctx, req, reg); err != nil {
		return fail(RegisterStepAddress, err)
	}
	if step, err := c.fileDocuments(ctx, req, reg); err != nil {
		return fail(step, err)
	}
	check, err := c.AddressRequirements.Validate(ctx, &AddressRequirementValidationRequest{
		AddressRequirementID: req.AddressRequirementID, IdentityID: reg.Identity.ID, AddressID: reg.Address.ID})
	if err == nil && !check.OK {
		return reg, &RegistrationError{Step: RegisterStepValidate, Err: ErrRequirementNotMet, Registration: reg, Problems: check.Problems}
	}
	if err != nil {
		return fail(RegisterStepValidate, err)
	}
	onetime, err := c.uploadIDs(ctx, req.OnetimeFiles)
	if err != nil {
		return fail(RegisterStepUpload, err)
	}
	reg.Verification, err = c.AddressVerifications.Create(ctx, &AddressVerificationCreateRequest{
		AddressID: reg.Address.ID, DIDIDs: req.DIDIDs, OnetimeFileIDs: onetime, ServiceDescription: req.ServiceDescription,
		CallbackURL: req.CallbackURL, CallbackMethod: req.CallbackMethod, ExternalReferenceID: req.ExternalReferenceID,
	})
	if err != nil {
		return fail(RegisterStepVerification, err)
	}
	return reg, nil
}

// registrant creates the identity, or reads the existing one.
func (c *Client) registrant(ctx context.Context, req *RegisterDIDsRequest, reg *Registration) (err error) {
	if req.IdentityID != "" {
		reg.Identity, err = c.Identities.Get(ctx, req.IdentityID, nil)
		reg.ReusedIdentity = err == nil
		return err
	}
	reg.Identity, err = c.Identities.Create(ctx, req.Identity)
	return err
}

// registrantAddress creates the address for the identity, or reads the
// existing one and checks that it belongs to the identity.
func (c *Client) registrantAddress(ctx context.Context, req *RegisterDIDsRequest, reg *Registration) error {
	if req.AddressID == "" {
		addr := *req.Address
		addr.IdentityID = reg.Identity.ID
		a, err := c.Addresses.Create(ctx, &addr)
		reg.Address = a
		return err
	}
	a, err := c.Addresses.Get(ctx, req.AddressID, &GetOptions{Include: []string{"identity"}})
	if err != nil {
		return err
	}
	if a.Identity == nil || a.Identity.ID != reg.Identity.ID {
		owner := "no identity"
		if a.Identity != nil {
			owner = "identity " + a.Identity.ID
		}
		return invalid("address_id", "%s belongs to %s, not to identity %s", a.ID, owner, reg.Identity.ID)
	}
	reg.Address, reg.ReusedAddress = a, true
	return nil
}

func (req *RegisterDIDsRequest) check() error {
	if req == nil {
		return invalid("request", "is nil")
	}
	if len(req.DIDIDs) == 0 {
		return invalid("dids", "is empty; name the numbers to register")
	}
	if err := checkID("address_requirement", req.AddressRequirementID); err != nil {
		return err
	}
	if err := req.checkIdentity(); err != nil {
		return err
	}
	return req.checkAddress()
}

// checkIdentity wants exactly one of Identity and IdentityID.
func (req *RegisterDIDsRequest) checkIdentity() error {
	switch {
	case req.Identity != nil && req.IdentityID != "":
		return invalid("identity", "and identity_id are both set; create one or name an existing one")
	case req.IdentityID != "":
		return checkID("identity_id", req.IdentityID)
	case req.Identity == nil:
		return invalid("identity", "is nil; set it, or IdentityID for an existing identity")
	}
	_, err := req.Identity.body()
	return err
}

// checkAddress wants exactly one of Address and AddressID; an existing
// address goes with an existing identity, since it has one already.
func (req *RegisterDIDsRequest) checkAddress() error {
	switch {
	case req.Address != nil && req.AddressID != "":
		return invalid("address", "and address_id are both set; create one or name an existing one")
	case req.AddressID != "" && req.IdentityID == "":
		return invalid("address_id", "names an existing address, which belongs to an existing identity: set IdentityID too")
	case req.AddressID != "":
		return checkID("address_id", req.AddressID)
	case req.Address == nil:
		return invalid("address", "is nil; set it, or AddressID for an existing address")
	}
	addr := *req.Address
	addr.IdentityID = "check"
	_, err := addr.body()
	return err
}

// fileDocuments uploads and files the proofs, then the permanent documents.
func (c *Client) fileDocuments(ctx context.Context, req *RegisterDIDsRequest, reg *Registration) (string, error) {
	for _, set := range []struct {
		kind ProofEntityKind
		id   string
		docs []RegistrationDocument
	}{{ProofOfIdentity, reg.Identity.ID, req.IdentityProofs}, {ProofOfAddress, reg.Address.ID, req.AddressProofs}} {
		for _, d := range set.docs {
			ids, err := c.uploadIDs(ctx, d.Files)
			if err != nil {
				return RegisterStepUpload, err
			}
			p, err := c.Proofs.Create(ctx, &ProofCreateRequest{ProofTypeID: d.TypeID, EntityKind: set.kind, EntityID: set.id, FileIDs: ids})
			if err != nil {
				return RegisterStepProof, err
			}
			reg.Proofs = append(reg.Proofs, p)
		}
	}
	for _, d := range req.PermanentDocuments {
		ids, err := c.uploadIDs(ctx, d.Files)
		if err != nil {
			return RegisterStepUpload, err
		}
		doc, err := c.PermanentSupportingDocuments.Create(ctx, &PermanentSupportingDocumentCreateRequest{
			TemplateID: d.TypeID, IdentityID: reg.Identity.ID, FileIDs: ids})
		if err != nil {
			return RegisterStepPermanentDoc, err
		}
		reg.PermanentDocuments = append(reg.PermanentDocuments, doc)
	}
	return "", nil
}

// uploadIDs uploads files and returns their ids; none is no upload.
func (c *Client) uploadIDs(ctx context.Context, files []EncryptedFileUpload) ([]string, error) {
	if len(files) == 0 {
		return nil, nil
	}
	up, err := c.EncryptedFiles.Upload(ctx, files...)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(up))
	for i, f := range up {
		ids[i] = f.ID
	}
	return ids, nil
}
