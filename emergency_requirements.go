package didww

import (
	"context"
	"iter"
	"net/url"
)

// EmergencyRequirementsService reads what an emergency calling service
// needs per country and DID group type, with its prices, and checks an
// identity and address against it (Validate).
type EmergencyRequirementsService service

// EmergencyRequirement says what emergency calling needs for the DIDs of
// one country and DID group type: the identity and address to give, and
// what it costs.
type EmergencyRequirement struct {
	ID string `didww:"primary,emergency_requirements"`
	// IdentityType is "any", "business" or "personal".
	IdentityType string `didww:"attr,identity_type,required"`
	// NumberType is the kind of numbers the requirement applies to, sent
	// from API version 2026-11-19 on (older versions link DIDGroupType).
	NumberType NumberType `didww:"attr,number_type"`
	// PersonalAreaLevel, BusinessAreaLevel and AddressAreaLevel say where
	// the identity or address must be: "world_wide", "country", "area" or
	// "city". An empty identity level means that kind is not accepted.
	PersonalAreaLevel string `didww:"attr,personal_area_level"`
	BusinessAreaLevel string `didww:"attr,business_area_level"`
	AddressAreaLevel  string `didww:"attr,address_area_level,required"`
	// The mandatory fields are empty (nil or empty) when none are.
	PersonalMandatoryFields []string `didww:"attr,personal_mandatory_fields"`
	BusinessMandatoryFields []string `didww:"attr,business_mandatory_fields"`
	AddressMandatoryFields  []string `didww:"attr,address_mandatory_fields"`
	// EstimateSetupTime is free text, such as "3 business days".
	EstimateSetupTime string `didww:"attr,estimate_setup_time,required"`
	// RequirementRestrictionMessage is empty when there is none.
	RequirementRestrictionMessage string `didww:"attr,requirement_restriction_message"`
	// SetupPrice and MonthlyPrice come from the resource's meta; nil when
	// the account has no emergency rate for it. The API sends the setup
	// price as a number or a string; both read exactly.
	SetupPrice   *Decimal `didww:"meta,setup_price"`
	MonthlyPrice *Decimal `didww:"meta,monthly_price"`

	// Relationships: filled when included, ID-only when only linkage came.
	Country      *Country      `didww:"rel,country"`
	DIDGroupType *DIDGroupType `didww:"rel,did_group_type"`
}

// EmergencyRequirementListOptions filters GET /emergency_requirements,
// which cannot be sorted.
type EmergencyRequirementListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID []string
	// CountryID is filter[country.id].
	CountryID string
	// DIDGroupTypeID is filter[did_group_type.id], refused from API
	// version 2026-11-19 on (filter by NumberType there).
	DIDGroupTypeID string
	// NumberType is filter[number_type], from API version 2026-11-19 on.
	NumberType NumberType
	// Include: "country", "did_group_type" (the latter refused from API
	// version 2026-11-19 on).
	Include []string
	Extra   url.Values
}

// emergencyRequirementOptions are the names emergency requirement requests
// may use, per API version.
var emergencyRequirementOptions = &optionSet{
	typ:      "emergency_requirements",
	includes: []string{"country", "did_group_type"},
	versioned: map[string]span{
		"include:did_group_type":   before(APIVersion20261119, goneGroupType(`include "did_group_type"`, "read EmergencyRequirement.NumberType, which every requirement carries")),
		"filter:did_group_type.id": before(APIVersion20261119, goneGroupType("DIDGroupTypeID (filter[did_group_type.id])", "filter by number type (NumberType) instead")),
		"filter:number_type":       since(APIVersion20261119, newNumberType("NumberType (filter[number_type])", "filter by DIDGroupTypeID")),
	},
}

func (o *EmergencyRequirementListOptions) query() (url.Values, error) {
	return o.queryFor(DefaultAPIVersion)
}

func (o *EmergencyRequirementListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(emergencyRequirementOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("country.id", o.CountryID)
		q.filter("did_group_type.id", o.DIDGroupTypeID)
		q.filter("number_type", string(o.NumberType))
		q.includes(o.Include)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of emergency requirements. Invalid options, and
// names the client's API version refuses, are an error wrapping
// ErrInvalidRequest, and nothing is sent.
func (s *EmergencyRequirementsService) List(ctx context.Context, opts *EmergencyRequirementListOptions) (*Page[EmergencyRequirement], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[EmergencyRequirement](ctx, s.client, "/emergency_requirements", q)
}

// All yields every emergency requirement matching opts, page after page.
func (s *EmergencyRequirementsService) All(ctx context.Context, opts *EmergencyRequirementListOptions) iter.Seq2[*EmergencyRequirement, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one emergency requirement; opts may include "country" and "did_group_type".
func (s *EmergencyRequirementsService) Get(ctx context.Context, id string, opts *GetOptions) (*EmergencyRequirement, error) {
	v, _, err := getIn[EmergencyRequirement](ctx, s.client, "emergency_requirements", id, opts, emergencyRequirementOptions)
	return v, err
}

// EmergencyRequirementValidationRequest names what to check against an
// emergency requirement: an identity, an address, or both (the address must
// then belong to the identity).
type EmergencyRequirementValidationRequest struct {
	// EmergencyRequirementID is the requirement to satisfy (required).
	EmergencyRequirementID string
	// IdentityID and AddressID are what to check; at least one.
	IdentityID, AddressID string
}

type emergencyValidationRelationships struct {
	EmergencyRequirement linkage  `json:"emergency_requirement"`
	Identity             *linkage `json:"identity,omitempty"`
	Address              *linkage `json:"address,omitempty"`
}

func (req *EmergencyRequirementValidationRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if err := checkID("emergency_requirement", req.EmergencyRequirementID); err != nil {
		return nil, err
	}
	if req.IdentityID == "" && req.AddressID == "" {
		return nil, invalid("identity", "and address are both empty; name at least one to check")
	}
	rels := emergencyValidationRelationships{
		EmergencyRequirement: linkage{Data: &resourceIdentifier{Type: "emergency_requirements", ID: req.EmergencyRequirementID}},
	}
	for _, l := range []struct {
		field, typ, id string
		to             **linkage
	}{{"identity", "identities", req.IdentityID, &rels.Identity}, {"address", "addresses", req.AddressID, &rels.Address}} {
		if l.id == "" {
			continue
		}
		if err := checkID(l.field, l.id); err != nil {
			return nil, err
		}
		*l.to = &linkage{Data: &resourceIdentifier{Type: l.typ, ID: l.id}}
	}
	return jsonBody(resourceDocument{Data: resourceObject{Type: "emergency_requirement_validations", Relationships: rels}})
}

// Validate checks an identity and/or an address against an emergency
// requirement (POST /emergency_requirement_validations), a dry run that
// stores nothing. A satisfied requirement is &RequirementCheck{OK: true},
// nil. An unsatisfied one, the API's 422 listing what is missing, is an
// answer too, not an error: OK false and the Problems, error nil.
// Everything else (an invalid request, an unknown requirement, an
// unreadable answer, a 5xx, a lost connection) is an error.
func (s *EmergencyRequirementsService) Validate(ctx context.Context, req *EmergencyRequirementValidationRequest) (*RequirementCheck, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return dryRun(ctx, s.client, "/emergency_requirement_validations", body)
}
