package didww

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"
)

// IdentitiesService manages the identities (a person or a business) that
// the numbers of a DID group with needs_registration are registered to.
type IdentitiesService service

// IdentityType is whether an identity is a person or a business. Unknown
// values are kept as sent.
type IdentityType string

// Identity types the API documents.
const (
	IdentityPersonal IdentityType = "personal"
	IdentityBusiness IdentityType = "business"
)

// Identity is a person or a business numbers are registered to. Which of
// the optional attributes must be filled depends on the address
// requirement's mandatory fields. The optional texts are empty when the API
// sends null.
type Identity struct {
	ID           string       `didww:"primary,identities"`
	IdentityType IdentityType `didww:"attr,identity_type,required"`
	FirstName    string       `didww:"attr,first_name,required"`
	LastName     string       `didww:"attr,last_name,required"`
	// PhoneNumber is digits only, such as "4930123456".
	PhoneNumber  string `didww:"attr,phone_number,required"`
	ContactEmail string `didww:"attr,contact_email"`
	CompanyName  string `didww:"attr,company_name"`
	// CompanyWebsite is sent from API version 2026-11-19 on.
	CompanyWebsite   string `didww:"attr,company_website"`
	CompanyRegNumber string `didww:"attr,company_reg_number"`
	VATID            string `didww:"attr,vat_id"`
	// IDNumber is the number of a personal identity document.
	IDNumber      string `didww:"attr,id_number"`
	PersonalTaxID string `didww:"attr,personal_tax_id"`
	// BirthDate is a date, "YYYY-MM-DD".
	BirthDate           string    `didww:"attr,birth_date"`
	Description         string    `didww:"attr,description"`
	ExternalReferenceID string    `didww:"attr,external_reference_id"`
	CreatedAt           time.Time `didww:"attr,created_at,required"`
	// Verified is true once DIDWW accepted the identity and its documents.
	Verified bool `didww:"attr,verified,required"`

	// Relationships: filled when included, ID-only when only linkage came.
	Country            *Country                       `didww:"rel,country"`
	BirthCountry       *Country                       `didww:"rel,birth_country"`
	Proofs             []*Proof                       `didww:"rel,proofs"`
	Addresses          []*Address                     `didww:"rel,addresses"`
	PermanentDocuments []*PermanentSupportingDocument `didww:"rel,permanent_documents"`
}

// IdentityListOptions filters GET /identities, which is paginated. The
// *Contains filters match a part of the attribute.
type IdentityListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID                       []string
	IdentityType             IdentityType // filter[identity_type]
	CountryID                string       // filter[country.id]
	BirthDate                string       // filter[birth_date], "YYYY-MM-DD"
	CompanyName              string       // filter[company_name]
	CompanyNameContains      string       // filter[company_name_contains]
	CompanyRegNumber         string       // filter[company_reg_number]
	CompanyRegNumberContains string       // filter[company_reg_number_contains]
	Description              string       // filter[description]
	DescriptionContains      string       // filter[description_contains]
	ExternalReferenceID      string       // filter[external_reference_id]
	FirstName                string       // filter[first_name]
	FirstNameContains        string       // filter[first_name_contains]
	LastName                 string       // filter[last_name]
	LastNameContains         string       // filter[last_name_contains]
	IDNumber                 string       // filter[id_number]
	IDNumberContains         string       // filter[id_number_contains]
	PersonalTaxID            string       // filter[personal_tax_id]
	PersonalTaxIDContains    string       // filter[personal_tax_id_contains]
	PhoneNumber              string       // filter[phone_number]
	PhoneNumberContains      string       // filter[phone_number_contains]
	VATID                    string       // filter[vat_id]
	VATIDContains            string       // filter[vat_id_contains]
	// Include: "country", "birth_country", "proofs", "addresses",
	// "permanent_documents".
	Include []string
	// Sort: "birth_date", "company_name", "company_reg_number",
	// "contact_email", "created_at", "description", "external_reference_id",
	// "first_name", "id_number", "last_name", "personal_tax_id",
	// "phone_number", "vat_id", "verified" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	identityIncludes = []string{"country", "birth_country", "proofs", "addresses", "permanent_documents"}
	identitySorts    = []string{"birth_date", "company_name", "company_reg_number", "contact_email", "created_at", "description",
		"external_reference_id", "first_name", "id_number", "last_name", "personal_tax_id", "phone_number", "vat_id", "verified"}
)

func (o *IdentityListOptions) query() (url.Values, error) {
	q := newQuery()
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	q.filterList("id", o.ID)
	q.filter("identity_type", string(o.IdentityType))
	for _, f := range [][2]string{
		{"country.id", o.CountryID}, {"birth_date", o.BirthDate},
		{"company_name", o.CompanyName}, {"company_name_contains", o.CompanyNameContains},
		{"company_reg_number", o.CompanyRegNumber}, {"company_reg_number_contains", o.CompanyRegNumberContains},
		{"description", o.Description}, {"description_contains", o.DescriptionContains},
		{"external_reference_id", o.ExternalReferenceID},
		{"first_name", o.FirstName}, {"first_name_contains", o.FirstNameContains},
		{"last_name", o.LastName}, {"last_name_contains", o.LastNameContains},
		{"id_number", o.IDNumber}, {"id_number_contains", o.IDNumberContains},
		{"personal_tax_id", o.PersonalTaxID}, {"personal_tax_id_contains", o.PersonalTaxIDContains},
		{"phone_number", o.PhoneNumber}, {"phone_number_contains", o.PhoneNumberContains},
		{"vat_id", o.VATID}, {"vat_id_contains", o.VATIDContains},
	} {
		q.filter(f[0], f[1])
	}
	q.include(o.Include, identityIncludes)
	q.sort(o.Sort, identitySorts)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of the account's identities matching opts.
// Invalid options are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *IdentitiesService) List(ctx context.Context, opts *IdentityListOptions) (*Page[Identity], error) {
	return listOf[Identity](ctx, s.client, "/identities", opts)
}

// All yields every identity matching opts, page after page from opts' page
// on. It yields an error once and stops; opts is not modified.
func (s *IdentitiesService) All(ctx context.Context, opts *IdentityListOptions) iter.Seq2[*Identity, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one identity; opts may include the names
// IdentityListOptions.Include lists.
func (s *IdentitiesService) Get(ctx context.Context, id string, opts *GetOptions) (*Identity, error) {
	v, _, err := getByID[Identity](ctx, s.client, "identities", id, opts, identityIncludes)
	return v, err
}

// IdentityCreateRequest is the body of POST /identities. IdentityType,
// FirstName, LastName and PhoneNumber are required, and CompanyName for a
// business; the address requirement's mandatory fields say which others
// must be set. Empty strings are left out.
type IdentityCreateRequest struct {
	IdentityType IdentityType
	FirstName    string
	LastName     string
	// PhoneNumber is digits only.
	PhoneNumber      string
	ContactEmail     string
	CompanyName      string
	CompanyRegNumber string
	VATID            string
	IDNumber         string
	PersonalTaxID    string
	// BirthDate is "YYYY-MM-DD".
	BirthDate           string
	Description         string
	ExternalReferenceID string
	// CountryID and BirthCountryID link countries by id.
	CountryID      string
	BirthCountryID string
}

// identityAttributes are the attributes of an identity write. Create sets
// the plain strings; Update the Nullable ones (omitzero: unset is left out).
type identityAttributes struct {
	IdentityType        string           `json:"identity_type,omitempty"`
	FirstName           string           `json:"first_name,omitempty"`
	LastName            string           `json:"last_name,omitempty"`
	PhoneNumber         string           `json:"phone_number,omitempty"`
	ContactEmail        Nullable[string] `json:"contact_email,omitzero"`
	CompanyName         Nullable[string] `json:"company_name,omitzero"`
	CompanyRegNumber    Nullable[string] `json:"company_reg_number,omitzero"`
	VATID               Nullable[string] `json:"vat_id,omitzero"`
	IDNumber            Nullable[string] `json:"id_number,omitzero"`
	PersonalTaxID       Nullable[string] `json:"personal_tax_id,omitzero"`
	BirthDate           Nullable[string] `json:"birth_date,omitzero"`
	Description         Nullable[string] `json:"description,omitzero"`
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

type identityRelationships struct {
	Country      *linkage `json:"country,omitempty"`
	BirthCountry *linkage `json:"birth_country,omitempty"`
}

// optional is Value(s), or left out when s is empty.
func optional(s string) Nullable[string] {
	if s == "" {
		return Nullable[string]{}
	}
	return Value(s)
}

func (req *IdentityCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	switch req.IdentityType {
	case IdentityPersonal, IdentityBusiness:
	default:
		return nil, invalid("identity_type", "is %q; it must be %q or %q", req.IdentityType, IdentityPersonal, IdentityBusiness)
	}
	for _, f := range [][2]string{{"first_name", req.FirstName}, {"last_name", req.LastName}} {
		if strings.TrimSpace(f[1]) == "" {
			return nil, invalid(f[0], "is empty")
		}
	}
	if req.IdentityType == IdentityBusiness && strings.TrimSpace(req.CompanyName) == "" {
		return nil, invalid("company_name", "is empty; a business identity needs one")
	}
	a := identityAttributes{
		IdentityType: string(req.IdentityType), FirstName: req.FirstName, LastName: req.LastName, PhoneNumber: req.PhoneNumber,
		ContactEmail: optional(req.ContactEmail), CompanyName: optional(req.CompanyName),
		CompanyRegNumber: optional(req.CompanyRegNumber), VATID: optional(req.VATID), IDNumber: optional(req.IDNumber),
		PersonalTaxID: optional(req.PersonalTaxID), BirthDate: optional(req.BirthDate),
		Description: optional(req.Description), ExternalReferenceID: optional(req.ExternalReferenceID),
	}
	if err := checkIdentityValues(&a, true); err != nil {
		return nil, err
	}
	rels := identityRelationships{
		Country:      nullableLinkage("countries", optional(req.CountryID)),
		BirthCountry: nullableLinkage("countries", optional(req.BirthCountryID)),
	}
	return registrationBody("identities", "", &a, &rels, rels == identityRelationships{})
}

// checkIdentityValues checks the formats the API documents: a phone number
// of digits, a YYYY-MM-DD birth date, a short external reference.
func checkIdentityValues(a *identityAttributes, creating bool) error {
	if creating || a.PhoneNumber != "" {
		if a.PhoneNumber == "" || strings.Trim(a.PhoneNumber, "0123456789") != "" {
			return invalid("phone_number", "%q is not digits only", a.PhoneNumber)
		}
	}
	if d, ok := a.BirthDate.Get(); ok {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return invalid("birth_date", "%q is not a date like 1980-12-31", d)
		}
	}
	return checkOptionalReference(a.ExternalReferenceID)
}

// checkOptionalReference checks an external reference when it is set.
func checkOptionalReference(ref Nullable[string]) error {
	if v, ok := ref.Get(); ok {
		return checkReferenceLength(v)
	}
	return nil
}

// checkReferenceLength applies the API's limit of 100 characters to an
// external reference; registration writes need no lookup by it, so commas
// and spaces are the caller's business.
func checkReferenceLength(ref string) error {
	if n := len([]rune(ref)); n > maxExternalReferenceID {
		return invalid("external_reference_id", "is %d characters long; the API allows %d", n, maxExternalReferenceID)
	}
	return nil
}

// Create creates an identity. The request is checked first (an error
// wrapping ErrInvalidRequest names the field, and nothing is sent). A
// failure after which the identity may exist (an answer lost or unusable, a
// 5xx) matches ErrOutcomeUnknown: list the identities, by
// ExternalReferenceID when one was set, before creating it again.
func (s *IdentitiesService) Create(ctx context.Context, req *IdentityCreateRequest) (*Identity, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[Identity](ctx, s.client, &request{method: "POST", path: "/identities", body: body}, noMark)
}

// IdentityUpdateRequest is the body of PATCH /identities/{id}: only what is
// set is sent. The identity type cannot change. Nil pointers and zero
// Nullables are left out; Null clears an attribute or a country.
type IdentityUpdateRequest struct {
	FirstName           *string
	LastName            *string
	PhoneNumber         *string
	ContactEmail        Nullable[string]
	CompanyName         Nullable[string]
	CompanyRegNumber    Nullable[string]
	VATID               Nullable[string]
	IDNumber            Nullable[string]
	PersonalTaxID       Nullable[string]
	BirthDate           Nullable[string]
	Description         Nullable[string]
	ExternalReferenceID Nullable[string]
	CountryID           Nullable[string]
	BirthCountryID      Nullable[string]
}

func (req *IdentityUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	a := identityAttributes{
		ContactEmail: req.ContactEmail, CompanyName: req.CompanyName, CompanyRegNumber: req.CompanyRegNumber,
		VATID: req.VATID, IDNumber: req.IDNumber, PersonalTaxID: req.PersonalTaxID, BirthDate: req.BirthDate,
		Description: req.Description, ExternalReferenceID: req.ExternalReferenceID,
	}
	for _, f := range []struct {
		name string
		v    *string
		dst  *string
	}{{"first_name", req.FirstName, &a.FirstName}, {"last_name", req.LastName, &a.LastName}, {"phone_number", req.PhoneNumber, &a.PhoneNumber}} {
		if f.v == nil {
			continue
		}
		if strings.TrimSpace(*f.v) == "" {
			return nil, invalid(f.name, "is empty; the API needs a value")
		}
		*f.dst = *f.v
	}
	if err := checkIdentityValues(&a, false); err != nil {
		return nil, err
	}
	rels := identityRelationships{
		Country:      nullableLinkage("countries", req.CountryID),
		BirthCountry: nullableLinkage("countries", req.BirthCountryID),
	}
	return registrationBody("identities", id, &a, &rels, rels == identityRelationships{})
}

// Update changes an identity and returns it as the API answers. Only what
// req sets is sent. An error after which the change may have been made
// matches ErrOutcomeUnknown; sending the same update again is harmless.
func (s *IdentitiesService) Update(ctx context.Context, id string, req *IdentityUpdateRequest) (*Identity, error) {
	path, err := pathFor("identities", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[Identity](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}

// Delete deletes an identity, and with it its addresses and documents. A
// retry that finds it gone (404) after an attempt whose answer was lost
// succeeded; a 404 on the first attempt is an error matching ErrNotFound.
// An error that leaves open whether it was deleted matches ErrOutcomeUnknown.
// From API version 2026-11-19 on an identity still in use (an emergency
// calling service registered to it has not finished, for one) is refused
// with 409: an *APIError whose StatusCode says so.
func (s *IdentitiesService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "identities", id)
}

// registrationResource is the resource object of a registration write,
// written by encoding/json so that Nullable fields can send null.
type registrationResource struct {
	ID            string `json:"id,omitempty"`
	Type          string `json:"type"`
	Attributes    any    `json:"attributes,omitempty"`
	Relationships any    `json:"relationships,omitempty"`
}

// registrationBody writes {"data": {...}}; relationships are left out
// when noRels is true.
func registrationBody(typ, id string, attrs, rels any, noRels bool) ([]byte, error) {
	res := registrationResource{ID: id, Type: typ, Attributes: attrs}
	if !noRels {
		res.Relationships = rels
	}
	return encodeBody(struct {
		Data registrationResource `json:"data"`
	}{res})
}
