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

// popOptions: POPs take no include or sort; the type is gone from API
// version 2026-11-19 on (versionedTypes).
var popOptions = &optionSet{typ: "pops"}

func (o *PopListOptions) query() (url.Values, error) { return o.queryFor(DefaultAPIVersion) }

// queryFor builds the query as API version reads it; a version without
// POPs refuses it whatever it holds.
func (o *PopListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(popOptions, version)
	if o != nil {
		q.unpaginated(o.ListOptions, "POPs")
		q.filterList("id", o.ID)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns every POP matching opts, in one page. The API has no path
// for one POP: there is no Get. Under API version 2026-11-19, which has no
// POP list (a trunk names its POP in VoiceInTrunk.PopName), every call is
// an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *PopsService) List(ctx context.Context, opts *PopListOptions) (*Page[Pop], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[Pop](ctx, s.client, "/pops", q)
}

// All yields every POP matching opts.
func (s *PopsService) All(ctx context.Context, opts *PopListOptions) iter.Seq2[*Pop, error] {
	return onePage(ctx, func(ctx context.Context) (*Page[Pop], error) { return s.List(ctx, opts) })
}
