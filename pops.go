package didww

import (
	"context"
	"iter"
	"net/url"
)

// PopsService lists DIDWW's points of presence, where a voice-in trunk can
// be pinned (VoiceInTrunkCreateRequest.PopID).
type PopsService service

// Pop is a point of presence, such as "New York, NY, USA".
type Pop struct {
	ID   string `didww:"primary,pops"`
	Name string `didww:"attr,name,required"`
}

// PopListOptions filters GET /pops. POPs are not paginated and cannot be
// sorted; leave ListOptions' page fields zero (Fields may be set).
type PopListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

func (o *PopListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.unpaginated(o.ListOptions, "POPs")
		q.filterList("id", o.ID)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns every POP matching opts, in one page. The API has no path
// for one POP: there is no Get.
func (s *PopsService) List(ctx context.Context, opts *PopListOptions) (*Page[Pop], error) {
	return listOf[Pop](ctx, s.client, "/pops", opts)
}

// All yields every POP matching opts.
func (s *PopsService) All(ctx context.Context, opts *PopListOptions) iter.Seq2[*Pop, error] {
	return onePage(ctx, func(ctx context.Context) (*Page[Pop], error) { return s.List(ctx, opts) })
}
