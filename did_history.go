package didww

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"
)

// DIDHistoryService reads the events of the account's DIDs over the last
// 90 days: assigned, renewed, canceled, and so on.
type DIDHistoryService service

// DIDHistoryAction is what happened to a DID. Values the API adds later are
// kept as sent.
type DIDHistoryAction string

// DID history actions the API documents.
const (
	DIDHistoryAssigned                  DIDHistoryAction = "assigned"
	DIDHistoryRenewed                   DIDHistoryAction = "renewed"
	DIDHistoryCanceled                  DIDHistoryAction = "canceled"
	DIDHistoryRemoved                   DIDHistoryAction = "removed"
	DIDHistoryBillingCyclesCountChanged DIDHistoryAction = "billing_cycles_count_changed"
	DIDHistoryRestored                  DIDHistoryAction = "restored"
)

// DIDHistoryMethod is how a change was made. Values the API adds later are
// kept as sent.
type DIDHistoryMethod string

// DID history methods the API documents. MCP is in the OpenAPI document of
// 2026-04-16 but not on its object page (API_REFERENCE §21 C10).
const (
	DIDHistorySystem    DIDHistoryMethod = "system"
	DIDHistoryAPI2      DIDHistoryMethod = "api2"
	DIDHistoryAPI3      DIDHistoryMethod = "api3"
	DIDHistoryStaff     DIDHistoryMethod = "staff"
	DIDHistoryUserPanel DIDHistoryMethod = "user_panel"
	DIDHistoryMCP       DIDHistoryMethod = "mcp"
)

var didHistorySorts = []string{"created_at"}

// DIDHistoryEntry is one event of a DID's life.
type DIDHistoryEntry struct {
	ID string `didww:"primary,did_history"`
	// DIDNumber is the number in E.164 without "+"; empty when the API sends none.
	DIDNumber string           `didww:"attr,did_number"`
	Action    DIDHistoryAction `didww:"attr,action,required"`
	Method    DIDHistoryMethod `didww:"attr,method,required"`
	CreatedAt time.Time        `didww:"attr,created_at,required"`
	// From and To are the previous and the new value of the change, sent
	// on billing_cycles_count_changed entries only: such as "2" and "1".
	// Nil when absent or null (null To: renews indefinitely).
	From *string `didww:"meta,from"`
	To   *string `didww:"meta,to"`
}

// HistoryWindow is how far back DID history goes: the API keeps 90 days
// and refuses (400) a CreatedAfter before them.
const HistoryWindow = 90 * 24 * time.Hour

// DIDHistoryListOptions filters GET /did_history, which is paginated. DID
// history has no relationships, so nothing can be included.
type DIDHistoryListOptions struct {
	ListOptions
	// ID is filter[id]: several ids are sent comma-joined ("any of").
	ID []string
	// DIDNumber is filter[did_number]; a leading "+" is dropped.
	DIDNumber string
	// Action is filter[action], one of the DIDHistoryAction constants. A
	// value the API does not know is sent as given and refused by it (400),
	// so that values it adds later can be used.
	Action DIDHistoryAction
	// Method is filter[method], one of the DIDHistoryMethod constants;
	// sent as given, like Action.
	Method DIDHistoryMethod
	// CreatedAfter and CreatedBefore bound created_at, both inclusive
	// (created_at_gteq, created_at_lteq); zero means unbounded. The API
	// refuses a CreatedAfter older than HistoryWindow with 400; the client
	// leaves that to the API, whose clock decides.
	CreatedAfter, CreatedBefore time.Time
	// Sort: "created_at" (or "-created_at").
	Sort  []string
	Extra url.Values
}

func (o *DIDHistoryListOptions) query() (url.Values, error) {
	q := newQuery()
	if o == nil {
		return q.values()
	}
	q.page(o.ListOptions)
	q.filterList("id", o.ID)
	q.filter("did_number", strings.TrimPrefix(o.DIDNumber, "+"))
	q.filter("action", string(o.Action))
	q.filter("method", string(o.Method))
	q.filterTime("created_at_gteq", o.CreatedAfter)
	q.filterTime("created_at_lteq", o.CreatedBefore)
	if !o.CreatedAfter.IsZero() && !o.CreatedBefore.IsZero() && o.CreatedBefore.Before(o.CreatedAfter) {
		q.fail("CreatedBefore", "is before CreatedAfter")
	}
	q.sort(o.Sort, didHistorySorts)
	q.extra(o.Extra)
	return q.values()
}

// List returns one page of DID history entries matching opts.
func (s *DIDHistoryService) List(ctx context.Context, opts *DIDHistoryListOptions) (*Page[DIDHistoryEntry], error) {
	return listOf[DIDHistoryEntry](ctx, s.client, "/did_history", opts)
}

// All yields every entry matching opts, page after page.
func (s *DIDHistoryService) All(ctx context.Context, opts *DIDHistoryListOptions) iter.Seq2[*DIDHistoryEntry, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one entry. DID history has no relationships: opts.Include must be empty.
func (s *DIDHistoryService) Get(ctx context.Context, id string, opts *GetOptions) (*DIDHistoryEntry, error) {
	h, _, err := getByID[DIDHistoryEntry](ctx, s.client, "did_history", id, opts, nil)
	return h, err
}
