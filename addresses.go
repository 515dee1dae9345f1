package didww

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"
)

// AddressesService manages the addresses of identities, which address
// verifications submit for numbers that need registration.
type AddressesService service

// Address is a postal address of an identity. Description and
// ExternalReferenceID are empty when the API sends null.
type Address struct {
	ID string `didww:"primary,addresses"`
	// Address is the street address.
	Address             string    `didww:"attr,address,required"`
	CityName            string    `didww:"attr,city_name,required"`
	PostalCode          string    `didww:"attr,postal_code,required"`
	Description         string    `didww:"attr,description"`
	ExternalReferenceID string    `didww:"attr,external_reference_id"`
	CreatedAt           time.Time `didww:"attr,created_at,required"`
	// Verified is true once DIDWW accepted the address and its proofs.
	Verified bool `didww:"attr,verified,required"`

	// Relationships: filled when included, ID-only when only linkage came.
	// Area and City are set by DIDWW, never by a request.
	Identity *Identity `didww:"rel,identity"`
	Country  *Country  `didww:"rel,country"`
	Area     *Area     `didww:"rel,area"`
	City     *City     `didww:"rel,city"`
	Proofs   []*Proof  `didww:"rel,proofs"`
}

// AddressListOptions filters GET /addresses, which is paginated. The
// *Contains filters match a part of the attribute.
type AddressListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID                          []string
	Address                     string // filter[address]
	AddressContains             string // filter[address_contains]
	AreaID                      string // filter[area.id]
	CityID                      string // filter[city.id]
	CityName                    string // filter[city_name]
	CityNameContains            string // filter[city_name_contains]
	CountryID                   string // filter[country.id]
	Description                 string // filter[description]
	DescriptionContains         string // filter[description_contains]
	ExternalReferenceID         string // filter[external_reference_id]
	IdentityID                  string // filter[identity.id]
	IdentityExternalReferenceID string // filter[identity.external_reference_id]
	PostalCode                  string // filter[postal_code]
	PostalCodeContains          string // filter[postal_code_contains]
	// Include: "identity", "country", "area", "city", "proofs".
	Include []string
	// Sort: "address", "city_name", "created_at", "description",
	// "external_reference_id", "postal_code", "verified" (a leading "-" for
	// descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	addressIncludes = []string{"identity", "country", "area", "city", "proofs"}
	addressSorts    = []string{"address", "city_name", "created_at", "description", "external_reference_id", "postal_code", "verified"}
)

func (o *AddressListOptions) query() (url.Values, error) {
	q := newQuery()
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	q.filterList("id", o.ID)
	for _, f := range [][2]string{
		{"address", o.Address}, {"address_contains", o.AddressContains},
		{"area.id", o.AreaID}, {"city.id", o.CityID},
		{"city_name", o.CityName}, {"city_name_contains", o.CityNameContains},
		{"country.id", o.CountryID},
		{"description", o.Description}, {"description_contains", o.DescriptionContains},
		{"external_reference_id", o.ExternalReferenceID},
		{"identity.id", o.IdentityID}, {"identity.external_reference_id", o.IdentityExternalReferenceID},
		{"postal_code", o.PostalCode}, {"postal_code_contains", o.PostalCodeContains},
	} {
		q.filter(f[0], f[1])
	}
	q.include(o.Include, addressIncludes)
	q.sort(o.Sort, addressSorts)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of the account's addresses matching opts. Invalid
// options are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *AddressesService) List(ctx context.Context, opts *AddressListOptions) (*Page[Address], error) {
	return listOf[Address](ctx, s.client, "/addresses", opts)
}

// All yields every address matching opts, page after page from opts' page
// on. It yields an error once and stops; opts is not modified.
func (s *AddressesService) All(ctx context.Context, opts *AddressListOptions) iter.Seq2[*Address, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one address; opts may include the names
// AddressListOptions.Include lists.
func (s *AddressesService) Get(ctx context.Context, id string, opts *GetOptions) (*Address, error) {
	v, _, err := getByID[Address](ctx, s.client, "addresses", id, opts, addressIncludes)
	return v, err
}

// AddressCreateRequest is the body of POST /addresses. IdentityID,
// CountryID, Address, CityName and PostalCode are required; empty optional
// strings are left out. The API sets the address's area and city itself.
type AddressCreateRequest struct {
	IdentityID          string
	CountryID           string
	Address             string
	CityName            string
	PostalCode          string
	Description         string
	ExternalReferenceID string
}

type addressAttributes struct {
	Address             string           `json:"address,omitempty"`
	CityName            string           `json:"city_name,omitempty"`
	PostalCode          string           `json:"postal_code,omitempty"`
	Description         Nullable[string] `json:"description,omitzero"`
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

type addressRelationships struct {
	Identity linkage `json:"identity"`
	Country  linkage `json:"country"`
}

func (req *AddressCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	for _, f := range [][2]string{
		{"identity", req.IdentityID}, {"country", req.CountryID},
		{"address", req.Address}, {"city_name", req.CityName}, {"postal_code", req.PostalCode},
	} {
		if strings.TrimSpace(f[1]) == "" {
			return nil, invalid(f[0], "is empty")
		}
	}
	if err := checkReferenceLength(req.ExternalReferenceID); err != nil {
		return nil, err
	}
	a := addressAttributes{
		Address: req.Address, CityName: req.CityName, PostalCode: req.PostalCode,
		Description: optional(req.Description), ExternalReferenceID: optional(req.ExternalReferenceID),
	}
	rels := addressRelationships{
		Identity: linkage{Data: &resourceIdentifier{Type: "identities", ID: req.IdentityID}},
		Country:  linkage{Data: &resourceIdentifier{Type: "countries", ID: req.CountryID}},
	}
	return registrationBody("addresses", "", &a, &rels, false)
}

// Create creates an address of an identity. The request is checked first
// (an error wrapping ErrInvalidRequest names the field, and nothing is
// sent). A failure after which the address may exist matches
// ErrOutcomeUnknown: list the identity's addresses before creating it again.
func (s *AddressesService) Create(ctx context.Context, req *AddressCreateRequest) (*Address, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	return writeOne[Address](ctx, s.client, &request{method: "POST", path: "/addresses", body: body}, noMark)
}

// AddressUpdateRequest is the body of PATCH /addresses/{id}: attributes
// only, as the API takes them (the identity and the country cannot change).
// Nil pointers and zero Nullables are left out; Null clears.
type AddressUpdateRequest struct {
	Address             *string
	CityName            *string
	PostalCode          *string
	Description         Nullable[string]
	ExternalReferenceID Nullable[string]
}

func (req *AddressUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	a := addressAttributes{Description: req.Description, ExternalReferenceID: req.ExternalReferenceID}
	for _, f := range []struct {
		name string
		v    *string
		dst  *string
	}{{"address", req.Address, &a.Address}, {"city_name", req.CityName, &a.CityName}, {"postal_code", req.PostalCode, &a.PostalCode}} {
		if f.v == nil {
			continue
		}
		if strings.TrimSpace(*f.v) == "" {
			return nil, invalid(f.name, "is empty; the API needs a value")
		}
		*f.dst = *f.v
	}
	if err := checkOptionalReference(a.ExternalReferenceID); err != nil {
		return nil, err
	}
	return registrationBody("addresses", id, &a, nil, true)
}

// Update changes an address and returns it as the API answers. Only what
// req sets is sent. An error after which the change may have been made
// matches ErrOutcomeUnknown; sending the same update again is harmless.
func (s *AddressesService) Update(ctx context.Context, id string, req *AddressUpdateRequest) (*Address, error) {
	path, err := pathFor("addresses", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[Address](ctx, s.client, &request{method: "PATCH", path: path, body: body}, noMark)
}

// Delete deletes an address. A retry that finds it gone (404) after an
// attempt whose answer was lost succeeded; a 404 on the first attempt is an
// error matching ErrNotFound. An error that leaves open whether it was
// deleted matches ErrOutcomeUnknown. From API version 2026-11-19 on an
// address still in use (a verification of it pending, an emergency calling
// service registered to it not finished) is refused with 409: an *APIError
// whose StatusCode says so.
func (s *AddressesService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "addresses", id)
}
