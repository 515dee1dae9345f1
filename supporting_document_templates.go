package didww

import (
	"context"
	"iter"
	"net/url"
)

// SupportingDocumentTemplatesService reads the blank forms address
// requirements ask to be filled in and uploaded.
type SupportingDocumentTemplatesService service

// SupportingDocumentTemplate is a blank form an address requirement asks for.
type SupportingDocumentTemplate struct {
	ID string `didww:"primary,supporting_document_templates"`
	// Name is the form's name, such as "Letter of Authorization".
	Name string `didww:"attr,name,required"`
	// Permanent true: the completed form is filed once as a permanent
	// supporting document; false: it is sent with each verification.
	Permanent bool `didww:"attr,permanent,required"`
	// URL is where the blank form can be downloaded.
	URL string `didww:"attr,url,required"`
}

// SupportingDocumentTemplateListOptions filters GET
// /supporting_document_templates, which is paginated.
type SupportingDocumentTemplateListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID []string
	// Name is filter[name].
	Name string
	// NameContains is filter[name_contains].
	NameContains string
	// Permanent is filter[permanent].
	Permanent *bool
	// Sort: "name", "permanent" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var supportingDocumentTemplateSorts = []string{"name", "permanent"}

func (o *SupportingDocumentTemplateListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.filter("name_contains", o.NameContains)
		q.filterBool("permanent", o.Permanent)
		q.sort(o.Sort, supportingDocumentTemplateSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the templates matching opts. Invalid options are
// an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *SupportingDocumentTemplatesService) List(ctx context.Context, opts *SupportingDocumentTemplateListOptions) (*Page[SupportingDocumentTemplate], error) {
	return listOf[SupportingDocumentTemplate](ctx, s.client, "/supporting_document_templates", opts)
}

// All yields every template matching opts, page after page from opts' page
// on. It yields an error once and stops; opts is not modified.
func (s *SupportingDocumentTemplatesService) All(ctx context.Context, opts *SupportingDocumentTemplateListOptions) iter.Seq2[*SupportingDocumentTemplate, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one template. Templates have no relationships: opts.Include
// must be empty.
func (s *SupportingDocumentTemplatesService) Get(ctx context.Context, id string, opts *GetOptions) (*SupportingDocumentTemplate, error) {
	v, _, err := getByID[SupportingDocumentTemplate](ctx, s.client, "supporting_document_templates", id, opts, nil)
	return v, err
}
