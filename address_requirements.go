package didww

import (
	"context"
	"iter"
	"net/url"
)

// AddressRequirementsService reads what must be proven to activate numbers
// of a DID group with needs_registration, and checks an identity and an
// address against it before a verification is submitted (Validate).
type AddressRequirementsService service

// AddressRequirement says what a buyer must prove to activate numbers of a DID group.
type AddressRequirement struct {
	ID                         string   `didww:"primary,address_requirements|requirements"`
	IdentityType               string   `didww:"attr,identity_type,required"`
	PersonalAreaLevel          string   `didww:"attr,personal_area_level"`
	BusinessAreaLevel          string   `didww:"attr,business_area_level"`
	AddressAreaLevel           string   `didww:"attr,address_area_level,required"`
	PersonalProofQty           int      `didww:"attr,personal_proof_qty,required"`
	BusinessProofQty           int      `didww:"attr,business_proof_qty,required"`
	AddressProofQty            int      `didww:"attr,address_proof_qty,required"`
	PersonalMandatoryFields    []string `didww:"attr,personal_mandatory_fields"`
	BusinessMandatoryFields    []string `didww:"attr,business_mandatory_fields"`
	ServiceDescriptionRequired bool     `didww:"attr,service_description_required,required"`
	RestrictionMessage         string   `didww:"attr,restriction_message,required"`
	// NumberType is the kind of numbers the requirement applies to, sent
	// from API version 2026-11-19 on (older versions link DIDGroupType).
	NumberType NumberType `didww:"attr,number_type"`

	// Relationships: filled when the answer included them (the requirement's
	// own endpoints, GET /address_requirements/{id}, include all nine), ID-only
	// when only linkage came, nil when the answer carried links only (an
	// address requirement included in a DID group's answer).
	Country      *Country      `didww:"rel,country"`
	DIDGroupType *DIDGroupType `didww:"rel,did_group_type"`
	// The four document templates are the forms to fill in: a permanent one
	// is filed once as a permanent supporting document, a onetime one is
	// sent with each address verification. Nil when none is needed.
	PersonalPermanentDocument *SupportingDocumentTemplate `didww:"rel,personal_permanent_document"`
	BusinessPermanentDocument *SupportingDocumentTemplate `didww:"rel,business_permanent_document"`
	PersonalOnetimeDocument   *SupportingDocumentTemplate `didww:"rel,personal_onetime_document"`
	BusinessOnetimeDocument   *SupportingDocumentTemplate `didww:"rel,business_onetime_document"`
	// The proof types accepted for the personal identity, the business
	// identity and the address: PersonalProofQty (and so on) proofs of these
	// kinds are needed.
	PersonalProofTypes []*ProofType `didww:"rel,personal_proof_types"`
	BusinessProofTypes []*ProofType `didww:"rel,business_proof_types"`
	AddressProofTypes  []*ProofType `didww:"rel,address_proof_types"`
}

// AddressRequirementListOptions filters GET /address_requirements, which is
// paginated.
type AddressRequirementListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID []string
	// CountryID is filter[country.id].
	CountryID string
	// DIDGroupTypeID is filter[did_group_type.id]. API version 2026-11-19
	// replaced the DID group type by the number type: a client speaking it
	// refuses this filter before sending.
	DIDGroupTypeID string
	// NumberType is filter[number_type]: requirements of any of these kinds
	// of numbers, sent comma-joined (API version 2026-11-19 on).
	NumberType []NumberType
	// Include: "country", "did_group_type", "personal_permanent_document",
	// "business_permanent_document", "personal_onetime_document",
	// "business_onetime_document", "personal_proof_types",
	// "business_proof_types", "address_proof_types" ("did_group_type" is
	// refused under 2026-11-19).
	Include []string
	// Sort: "address_proof_qty", "business_proof_qty", "personal_proof_qty",
	// "restriction_message", "service_description_required" (a leading "-"
	// for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

// addressRequirementOptions are the names address requirement requests may
// use, per API version.
var addressRequirementOptions = &optionSet{
	typ: "address_requirements",
	includes: []string{"country", "did_group_type", "personal_permanent_document", "business_permanent_document",
		"personal_onetime_document", "business_onetime_document", "personal_proof_types", "business_proof_types", "address_proof_types"},
	sorts: []string{"address_proof_qty", "business_proof_qty", "personal_proof_qty", "restriction_message", "service_description_required"},
	versioned: map[string]span{
		"include:did_group_type":   before(APIVersion20261119, goneGroupType(`include "did_group_type"`, "read AddressRequirement.NumberType, which every requirement carries")),
		"filter:did_group_type.id": before(APIVersion20261119, goneGroupType("DIDGroupTypeID (filter[did_group_type.id])", "filter by number type (NumberType) instead")),
		"filter:number_type":       since(APIVersion20261119, newNumberType("NumberType (filter[number_type])", "filter by DIDGroupTypeID")),
	},
}

func (o *AddressRequirementListOptions) query() (url.Values, error) {
	return o.queryFor(DefaultAPIVersion)
}

func (o *AddressRequirementListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(addressRequirementOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("did_group_type.id", o.DIDGroupTypeID)
		q.filterList("number_type", strs(o.NumberType))
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the address requirements matching opts. Invalid
// options are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *AddressRequirementsService) List(ctx context.Context, opts *AddressRequirementListOptions) (*Page[AddressRequirement], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[AddressRequirement](ctx, s.client, "/address_requirements", q)
}

// All yields every address requirement matching opts, page after page from
// opts' page on. It yields an error once and stops; opts is not modified.
func (s *AddressRequirementsService) All(ctx context.Context, opts *AddressRequirementListOptions) iter.Seq2[*AddressRequirement, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one address requirement; opts may include the names
// AddressRequirementListOptions.Include lists. A DID group's answer carries
// its requirement's id (DIDGroup.AddressRequirement.ID): Get it with every
// include to read the proof types and forms it asks for.
func (s *AddressRequirementsService) Get(ctx context.Context, id string, opts *GetOptions) (*AddressRequirement, error) {
	v, _, err := getIn[AddressRequirement](ctx, s.client, "address_requirements", id, opts, addressRequirementOptions)
	return v, err
}

// AddressRequirementValidationRequest names what to check against a
// requirement: an identity, an address, or both (the address must then
// belong to the identity).
type AddressRequirementValidationRequest struct {
	// AddressRequirementID is the requirement to satisfy (required).
	AddressRequirementID string
	// IdentityID and AddressID are what to check; at least one.
	IdentityID string
	AddressID  string
}

// RequirementCheck is the answer of a dry run: OK, or the problems that
// keep the requirement from being satisfied, one per missing item, such as
// "Address in Belgium required" (ErrorObject.Detail).
type RequirementCheck struct {
	OK       bool
	Problems []ErrorObject
}

type validationRelationships struct {
	AddressRequirement linkage  `json:"address_requirement"`
	Identity           *linkage `json:"identity,omitempty"`
	Address            *linkage `json:"address,omitempty"`
}

type validationDocument struct {
	Data struct {
		Type          string                  `json:"type"`
		Relationships validationRelationships `json:"relationships"`
	} `json:"data"`
}

func (req *AddressRequirementValidationRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("address_requirement", req.AddressRequirementID); err != nil {
		return nil, err
	}
	if req.IdentityID == "" && req.AddressID == "" {
		return nil, invalid("identity", "and address are both empty; name at least one to check")
	}
	var doc validationDocument
	doc.Data.Type = "address_requirement_validations"
	rels := &doc.Data.Relationships
	rels.AddressRequirement = linkage{Data: &resourceIdentifier{Type: "address_requirements", ID: req.AddressRequirementID}}
	if req.IdentityID != "" {
		if err := checkID("identity", req.IdentityID); err != nil {
			return nil, err
		}
		rels.Identity = &linkage{Data: &resourceIdentifier{Type: "identities", ID: req.IdentityID}}
	}
	if req.AddressID != "" {
		if err := checkID("address", req.AddressID); err != nil {
			return nil, err
		}
		rels.Address = &linkage{Data: &resourceIdentifier{Type: "addresses", ID: req.AddressID}}
	}
	return encodeBody(&doc)
}

// Validate checks an identity and/or an address against a requirement
// (POST /address_requirement_validations), a dry run that stores nothing.
// A satisfied requirement is &RequirementCheck{OK: true}, nil. An
// unsatisfied one, the API's 422 listing what is missing, is also an answer,
// not an error: OK false and the Problems to show, error nil. Everything
// else (an invalid request, an unknown requirement, an unreadable answer, a
// 5xx, a lost connection) is an error.
func (s *AddressRequirementsService) Validate(ctx context.Context, req *AddressRequirementValidationRequest) (*RequirementCheck, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return dryRun(ctx, s.client, "/address_requirement_validations", body)
}
