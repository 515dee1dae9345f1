package didww

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// CapacityPoolsService reads the account's capacity pools (channels shared
// by its DIDs) and lowers their channel counts. Pools are not created here:
// channels are bought with a CapacityOrderItem.
type CapacityPoolsService service

// CapacityPool is a stock of channels that DIDs and shared capacity groups draw on.
type CapacityPool struct {
	ID   string `didww:"primary,capacity_pools"`
	Name string `didww:"attr,name,required"`
	// RenewDate is the next renewal, a date such as "2026-05-01".
	RenewDate string `didww:"attr,renew_date,required"`
	// TotalChannelsCount is how many channels the account holds;
	// AssignedChannelsCount how many of them DIDs and shared groups use.
	TotalChannelsCount    int `didww:"attr,total_channels_count,required"`
	AssignedChannelsCount int `didww:"attr,assigned_channels_count,required"`
	// MinimumLimit is the floor TotalChannelsCount may be lowered to.
	MinimumLimit int `didww:"attr,minimum_limit,required"`
	// MinimumQtyPerOrder is the fewest channels a capacity order may buy.
	MinimumQtyPerOrder int `didww:"attr,minimum_qty_per_order,required"`
	// SetupPrice and MonthlyPrice are per channel; MeteredRate is the
	// per-minute rate once the pool is exhausted.
	SetupPrice   Decimal `didww:"attr,setup_price,required"`
	MonthlyPrice Decimal `didww:"attr,monthly_price,required"`
	MeteredRate  Decimal `didww:"attr,metered_rate,required"`

	// Relationships: filled when included, ID-only when only linkage came.
	Countries            []*Country             `didww:"rel,countries"`
	SharedCapacityGroups []*SharedCapacityGroup `didww:"rel,shared_capacity_groups"`
	// QtyBasedPricings are the price breaks by channel count (include
	// "qty_based_pricings").
	QtyBasedPricings []*QtyBasedPricing `didww:"rel,qty_based_pricings"`
}

// QtyBasedPricing is a price break of a capacity pool: from Qty channels
// on, each costs these prices.
type QtyBasedPricing struct {
	ID           string  `didww:"primary,qty_based_pricings"`
	Qty          int     `didww:"attr,qty,required"`
	SetupPrice   Decimal `didww:"attr,setup_price,required"`
	MonthlyPrice Decimal `didww:"attr,monthly_price,required"`
}

// CapacityPoolListOptions filters GET /capacity_pools, which is paginated.
type CapacityPoolListOptions struct {
	ListOptions
	// ID is filter[id]; several ids are sent comma-joined ("any of").
	ID []string
	// Name is filter[name].
	Name string
	// CountryID is filter[country.id]: pools serving any of these countries.
	CountryID []string
	// HasUnassignedChannels is filter[has_unassigned_channels].
	HasUnassignedChannels *bool
	// Include: "countries", "shared_capacity_groups", "qty_based_pricings".
	Include []string
	// Sort: "assigned_channels_count", "metered_rate", "minimum_limit",
	// "minimum_qty_per_order", "monthly_price", "name", "renew_date",
	// "setup_price", "total_channels_count" (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var (
	capacityPoolIncludes = []string{"countries", "shared_capacity_groups", "qty_based_pricings"}
	capacityPoolSorts    = []string{"assigned_channels_count", "metered_rate", "minimum_limit", "minimum_qty_per_order",
		"monthly_price", "name", "renew_date", "setup_price", "total_channels_count"}
)

func (o *CapacityPoolListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.filterList("country.id", o.CountryID)
		q.filterBool("has_unassigned_channels", o.HasUnassignedChannels)
		q.include(o.Include, capacityPoolIncludes)
		q.sort(o.Sort, capacityPoolSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's capacity pools.
func (s *CapacityPoolsService) List(ctx context.Context, opts *CapacityPoolListOptions) (*Page[CapacityPool], error) {
	return listOf[CapacityPool](ctx, s.client, "/capacity_pools", opts)
}

// All yields every capacity pool matching opts, page after page.
func (s *CapacityPoolsService) All(ctx context.Context, opts *CapacityPoolListOptions) iter.Seq2[*CapacityPool, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one capacity pool; opts may include the names
// CapacityPoolListOptions.Include lists.
func (s *CapacityPoolsService) Get(ctx context.Context, id string, opts *GetOptions) (*CapacityPool, error) {
	p, _, err := getByID[CapacityPool](ctx, s.client, "capacity_pools", id, opts, capacityPoolIncludes)
	return p, err
}

// CapacityPoolUpdateRequest is the body of PATCH /capacity_pools/{id}. The
// channel count is the only attribute the API lets change, and only down:
// not above the current count, nor below the assigned channels or the
// pool's minimum (the API answers 422).
type CapacityPoolUpdateRequest struct {
	// TotalChannelsCount is the new, lower channel count (required).
	TotalChannelsCount *int
}

type capacityPoolAttributes struct {
	TotalChannelsCount *int `json:"total_channels_count"`
}

func (req *CapacityPoolUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.TotalChannelsCount == nil {
		return nil, invalid("total_channels_count", "is nil; it is the only attribute a capacity pool update changes")
	}
	if *req.TotalChannelsCount < 0 {
		return nil, invalid("total_channels_count", "is %d; it must not be negative", *req.TotalChannelsCount)
	}
	return encodeBody(writeDocument[capacityPoolAttributes, struct{}]{Data: writeData[capacityPoolAttributes, struct{}]{
		Type: "capacity_pools", ID: id, Attributes: capacityPoolAttributes{TotalChannelsCount: req.TotalChannelsCount},
	}})
}

// Update lowers a pool's channel count and returns the pool as the API
// answers. Errors are as VoiceInTrunksService.Create's.
func (s *CapacityPoolsService) Update(ctx context.Context, id string, req *CapacityPoolUpdateRequest) (*CapacityPool, error) {
	path, err := pathFor("capacity_pools", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[CapacityPool](ctx, s.client, &request{method: http.MethodPatch, path: path, body: body}, noMark)
}
