package didww

import (
	"context"
	"iter"
	"net/url"
)

// ProofTypesService reads the kinds of documents DIDWW accepts as proof of
// an identity or an address.
type ProofTypesService service

// ProofEntityType is what a proof type proves. Unknown values, and other
// casings (API version 2026-11-19 writes them in lower case), are kept as
// sent; compare with strings.EqualFold to accept both.
type ProofEntityType string

// Proof entity types the API documents (capitalised, as 2026-04-16 sends them).
const (
	ProofEntityAddress  ProofEntityType = "Address"
	ProofEntityBusiness ProofEntityType = "Business"
	ProofEntityPersonal ProofEntityType = "Personal"
	ProofEntityPorting  ProofEntityType = "Porting"
)

// ProofType is a kind of document accepted as proof, such as "Utility Bill".
type ProofType struct {
	ID   string `didww:"primary,proof_types"`
	Name string `didww:"attr,name,required"`
	// EntityType says whether it proves an address, a business, a person or
	// a porting request.
	EntityType ProofEntityType `didww:"attr,entity_type,required"`
}

// ProofTypeListOptions filters GET /proof_types. The OpenAPI document calls
// the list unpaginated while recorded answers are paginated: page options
// are sent, and All follows the next links when there are any.
type ProofTypeListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID []string
	// EntityType is filter[entity_type].
	EntityType ProofEntityType
	// Sort: "entity_type", "name" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var proofTypeSorts = []string{"entity_type", "name"}

func (o *ProofTypeListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("entity_type", string(o.EntityType))
		q.sort(o.Sort, proofTypeSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns the proof types matching opts. Invalid options are an error
// wrapping ErrInvalidRequest, and nothing is sent.
func (s *ProofTypesService) List(ctx context.Context, opts *ProofTypeListOptions) (*Page[ProofType], error) {
	return listOf[ProofType](ctx, s.client, "/proof_types", opts)
}

// All yields every proof type matching opts, following next links when the
// answer has them. It yields an error once and stops; opts is not modified.
func (s *ProofTypesService) All(ctx context.Context, opts *ProofTypeListOptions) iter.Seq2[*ProofType, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one proof type. Proof types have no relationships:
// opts.Include must be empty.
func (s *ProofTypesService) Get(ctx context.Context, id string, opts *GetOptions) (*ProofType, error) {
	v, _, err := getByID[ProofType](ctx, s.client, "proof_types", id, opts, nil)
	return v, err
}
