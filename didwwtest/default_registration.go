package didwwtest

import "slices"

// ProofType is a kind of document accepted as proof. EntityType is what it
// proves, spelled as 2026-04-16 writes it: Address, Business, Personal or
// Porting (2026-11-19 writes it in lower case).
type ProofType struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	EntityType string `json:"entity_type"`
}

// SupportingDocumentTemplate is a blank form an address requirement asks
// for: a permanent one is filed once for an identity, another one is sent
// with each address verification.
type SupportingDocumentTemplate struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Permanent bool   `json:"permanent"`
	URL       string `json:"url"`
}

// proofEntityTypes are the entity types of proof types (2026-04-16 spelling).
var proofEntityTypes = []string{"Address", "Business", "Personal", "Porting"}

// IDs of the default catalogue's registration data.
const (
	ProofTypePassportID      = "5c1b7e0a-3d52-4f0e-9a61-2f7c8b9d0e11"
	ProofTypeUtilityBillID   = "5c1b7e0a-3d52-4f0e-9a61-2f7c8b9d0e12"
	ProofTypeIncorporationID = "5c1b7e0a-3d52-4f0e-9a61-2f7c8b9d0e13"
	// TemplateGermanyRegistrationID is a permanent form: German numbers
	// need it on file for the identity.
	TemplateGermanyRegistrationID = "7d2c8f1b-4e63-4a1f-8b72-3a8d9c0e1f21"
	// TemplateGermanyUsageID is a onetime form: a business identity sends
	// it with each verification of German local numbers.
	TemplateGermanyUsageID = "7d2c8f1b-4e63-4a1f-8b72-3a8d9c0e1f22"
	// SandboxApproveIDNumber and SandboxRejectIDNumber are the id_number
	// values the API's sandbox documents: an identity with one of them has
	// its address verifications approved, or rejected.
	SandboxApproveIDNumber = "11111111-1111-1111-1111-111111111111"
	SandboxRejectIDNumber  = "22222222-2222-2222-2222-222222222222"
)

var (
	personalProofs = []string{ProofTypePassportID, uid("proof_type/drivers_license"), uid("proof_type/national_id")}
	businessProofs = []string{ProofTypeIncorporationID, uid("proof_type/registry_extract")}
	addressProofs  = []string{ProofTypeUtilityBillID, uid("proof_type/bank_statement"), uid("proof_type/rental_agreement")}
)

func defaultProofTypes() []ProofType {
	return []ProofType{
		{ID: ProofTypePassportID, Name: "Passport", EntityType: "Personal"},
		{ID: personalProofs[1], Name: "Drivers License", EntityType: "Personal"},
		{ID: personalProofs[2], Name: "National ID Card", EntityType: "Personal"},
		{ID: ProofTypeIncorporationID, Name: "Certificate of Incorporation", EntityType: "Business"},
		{ID: businessProofs[1], Name: "Business Registry Extract", EntityType: "Business"},
		{ID: ProofTypeUtilityBillID, Name: "Utility Bill", EntityType: "Address"},
		{ID: addressProofs[1], Name: "Bank Statement", EntityType: "Address"},
		{ID: addressProofs[2], Name: "Rental Agreement", EntityType: "Address"},
		{ID: uid("proof_type/loa"), Name: "Letter of Authorization", EntityType: "Porting"},
	}
}

func defaultTemplates() []SupportingDocumentTemplate {
	return []SupportingDocumentTemplate{
		{ID: TemplateGermanyRegistrationID, Name: "Germany Registration Form", Permanent: true,
			URL: "https://files.didwwtest.invalid/templates/germany-registration-form.pdf"},
		{ID: TemplateGermanyUsageID, Name: "Germany Number Usage Declaration", Permanent: false,
			URL: "https://files.didwwtest.invalid/templates/germany-usage-declaration.pdf"},
	}
}

// germanKindRequirements are those of Germany's Mobile (a personal identity
// of Germany) and National (a business anywhere) groups.
var germanKindRequirements = map[string]*AddressRequirement{
	"Mobile": {IdentityType: "personal", PersonalAreaLevel: "country", AddressAreaLevel: "country",
		PersonalProofQty: 1, PersonalProofTypeIDs: personalProofs, PersonalMandatoryFields: []string{"birth_date", "id_number"},
		RestrictionMessage: "A German personal identity is required for mobile numbers."},
	"National": {IdentityType: "business", BusinessAreaLevel: "world_wide", AddressAreaLevel: "country",
		BusinessProofQty: 1, AddressProofQty: 1, BusinessProofTypeIDs: businessProofs, AddressProofTypeIDs: addressProofs,
		BusinessMandatoryFields: []string{"company_reg_number"}, BusinessPermanentDocumentID: TemplateGermanyRegistrationID,
		RestrictionMessage: "A business with an address in Germany is required."},
}

// registration checks the proof types, templates and address requirements
// of c: ids, references, and that each reference is of the right kind.
func (k *catalogueCheck) registration(c *Catalogue) {
	kinds := map[string]string{}
	for _, x := range c.ProofTypes {
		k.add("proof_type", x.ID)
		kinds[x.ID] = x.EntityType
		if !slices.Contains(proofEntityTypes, x.EntityType) {
			k.fail("proof type %s has entity_type %q, not one of %v", x.ID, x.EntityType, proofEntityTypes)
		}
	}
	permanent := map[string]bool{}
	for _, x := range c.SupportingDocumentTemplates {
		k.add("supporting_document_template", x.ID)
		permanent[x.ID] = x.Permanent
	}
	for _, x := range c.AddressRequirements {
		from := "address requirement " + x.ID
		k.add("address_requirement", x.ID)
		k.ref("country", x.CountryID, from, true)
		k.ref("did_group_type", x.DIDGroupTypeID, from, true)
		for _, t := range []struct {
			id   string
			perm bool
		}{{x.PersonalPermanentDocumentID, true}, {x.BusinessPermanentDocumentID, true},
			{x.PersonalOnetimeDocumentID, false}, {x.BusinessOnetimeDocumentID, false}} {
			k.ref("supporting_document_template", t.id, from, true)
			if t.id != "" && permanent[t.id] != t.perm {
				k.fail("%s: template %s is in the wrong slot (permanent %v)", from, t.id, permanent[t.id])
			}
		}
		for entity, ids := range map[string][]string{"Personal": x.PersonalProofTypeIDs, "Business": x.BusinessProofTypeIDs,
			"Address": x.AddressProofTypeIDs} {
			for _, id := range ids {
				k.ref("proof_type", id, from, false)
				if kinds[id] != "" && kinds[id] != entity {
					k.fail("%s: proof type %s proves %s, listed for %s", from, id, kinds[id], entity)
				}
			}
		}
	}
}
