package didww

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"reflect"
	"strconv"
	"sync"

	"github.com/didww-go/didww/internal/jsonapi"
)

// ListOptions selects a page of a paginated list. Zero values leave the
// server's defaults (page 1, 50 per page).
type ListOptions struct {
	// PageNumber is page[number], 1-based.
	PageNumber int
	// PageSize is page[size], at most MaxPageSize.
	PageSize int
	// Fields selects sparse fieldsets: fields[<type>]=a,b.
	Fields map[string][]string
}

// GetOptions are the options of a Get.
type GetOptions struct {
	// Include names the relationships to include, checked against the resource's allowed set.
	Include []string
	// Fields selects sparse fieldsets: fields[<type>]=a,b.
	Fields map[string][]string
}

// Page is one page of a list.
type Page[T any] struct {
	Items []*T
	Meta  Meta
	Links Links

	number int // the page number requested, 1 when none was
}

// Meta is the top-level meta of a response document.
type Meta struct {
	APIVersion string `json:"api_version"`
	// TotalRecords is the size of a paginated collection.
	TotalRecords int `json:"total_records"`
	// TotalCount is how many available DIDs matched (available_dids only).
	TotalCount int `json:"total_count"`
	// AvailableCount is how many more reservations the account may hold
	// (did_reservations only).
	AvailableCount int `json:"available_count"`
}

// Links are the pagination links of a list.
type Links struct {
	First, Prev, Next, Last string
}

// HasNext reports whether another page follows this one: the server gave a
// next link, or a last link beyond this page.
func (p *Page[T]) HasNext() bool {
	if p == nil || len(p.Items) == 0 {
		return false
	}
	if p.Links.Next != "" {
		return true
	}
	if p.Links.Last == "" {
		return false
	}
	return p.lastPage(0) > p.number
}

// decodeDocument parses a response body into a document, turning an errors
// document into *APIError and anything else unreadable into *DecodeError.
func decodeDocument(r *request, resp *response) (*jsonapi.Document, error) {
	doc, err := jsonapi.Parse(resp.body)
	if err == nil {
		doc.Fieldsets = jsonapi.FieldsetsOf(r.query)
		return doc, nil
	}
	var errDoc *jsonapi.ErrorsDocument
	if errors.As(err, &errDoc) {
		return nil, newAPIError(r, resp)
	}
	return nil, newDecodeError(r, resp, err)
}

func decodeMeta(r *request, resp *response, raw json.RawMessage) (Meta, error) {
	var m Meta
	if raw == nil {
		return m, nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, newDecodeError(r, resp, fmt.Errorf("meta: %w", err))
	}
	return m, nil
}

// getList fetches and decodes one page.
func getList[T any](ctx context.Context, c *Client, path string, q url.Values) (*Page[T], error) {
	r := &request{method: "GET", path: path, query: q}
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	return decodePage[T](r, resp)
}

func decodePage[T any](r *request, resp *response) (*Page[T], error) {
	doc, err := decodeDocument(r, resp)
	if err != nil {
		return nil, err
	}
	if doc.Single {
		return nil, newDecodeError(r, resp, errors.New("data is not an array"))
	}
	items, err := jsonapi.DecodeMany[T](doc)
	if err != nil {
		return nil, newDecodeError(r, resp, err)
	}
	meta, err := decodeMeta(r, resp, doc.Meta)
	if err != nil {
		return nil, err
	}
	p := &Page[T]{Items: items, Meta: meta, number: 1}
	if n, err := strconv.Atoi(r.query.Get("page[number]")); err == nil {
		p.number = n
	}
	p.Links = Links{First: doc.Links["first"], Prev: doc.Links["prev"], Next: doc.Links["next"], Last: doc.Links["last"]}
	return p, nil
}

// getOne fetches and decodes one resource with the document's meta.
func getOne[T any](ctx context.Context, c *Client, path string, q url.Values) (*T, Meta, error) {
	return sendOne[T](ctx, c, &request{method: "GET", path: path, query: q})
}

// sendOne sends r and decodes the single resource it answers with.
func sendOne[T any](ctx context.Context, c *Client, r *request) (*T, Meta, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, Meta{}, err
	}
	return decodeOne[T](r, resp)
}

// decodeOne decodes the single resource of a 2xx answer to r.
func decodeOne[T any](r *request, resp *response) (*T, Meta, error) {
	doc, err := decodeDocument(r, resp)
	if err != nil {
		return nil, Meta{}, err
	}
	v, err := jsonapi.DecodeOne[T](doc)
	if errors.Is(err, jsonapi.ErrNullData) {
		return nil, Meta{}, fmt.Errorf("%w: %s %s answered %d with null data", ErrNotFound, r.method, r.path, resp.status)
	}
	if err != nil {
		return nil, Meta{}, newDecodeError(r, resp, err)
	}
	meta, err := decodeMeta(r, resp, doc.Meta)
	if err != nil {
		return nil, Meta{}, err
	}
	return v, meta, nil
}

// getByID is the Get of every resource: checks the id and includes, then
// fetches collection/id.
func getByID[T any](ctx context.Context, c *Client, collection, id string, opts *GetOptions, includes []string) (*T, Meta, error) {
	path, err := pathFor(collection, id)
	if err != nil {
		return nil, Meta{}, err
	}
	q := newQueryFor(nil, c.cfg.apiVersion) // checks fields[] for the version
	if opts != nil {
		q.include(opts.Include, includes)
		q.fields(opts.Fields)
	}
	v, err := q.values()
	if err != nil {
		return nil, Meta{}, err
	}
	return getOne[T](ctx, c, path, v)
}

// allPages walks a paginated list from first's page on. It passes ctx to
// every request, stops at the caller's break, and yields an error once, then
// stops. Once the first page tells how many pages there are, up to the
// client's prefetch depth of later pages are fetched while the caller
// consumes earlier ones; they are cancelled and waited for when the caller
// stops, so nothing outlives the loop. A walk that makes no progress ends
// with an error wrapping ErrDecode (see pageWalk).
func allPages[T any](ctx context.Context, c *Client, first ListOptions, fetch func(context.Context, ListOptions) (*Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		opts := first
		if opts.PageNumber == 0 {
			opts.PageNumber = 1
		}
		var walk pageWalk[T]
		page, err := fetch(ctx, opts)
		for {
			if err == nil {
				err = walk.check(opts.PageNumber, page)
			}
			if err != nil {
				yield(nil, err)
				return
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if !page.HasNext() {
				return
			}
			if last := page.lastPage(opts.PageSize); last > opts.PageNumber+1 && c.cfg.prefetch > 0 {
				opts.PageNumber++
				prefetchPages(ctx, c.cfg.prefetch, opts, last, fetch, &walk, yield)
				return
			}
			opts.PageNumber++
			page, err = fetch(ctx, opts)
		}
	}
}

// pageWalk checks, page after page, that a walk through a list gets
// somewhere. A server that keeps announcing a next page would otherwise make
// All run forever, so a page that announces one is refused when it is empty,
// when it is the last page by its own last link, when its next link points
// back or repeats the one before, when it repeats the previous page's items,
// or when the pages so far already hold all of total_records.
type pageWalk[T any] struct {
	started   bool
	seen      int // items so far, counting the pages before the first one asked for
	prevNext  string
	prevItems []*T
}

// check looks at page n before its items are yielded.
func (w *pageWalk[T]) check(n int, p *Page[T]) error {
	if !w.started {
		// Pages before the first are taken to be as long as this one.
		w.started, w.seen = true, (n-1)*len(p.Items)
	}
	prevNext, prevItems := w.prevNext, w.prevItems
	w.seen += len(p.Items)
	w.prevNext, w.prevItems = p.Links.Next, p.Items
	next, last := p.Links.Next, linkPageNumber(p.Links.Last)
	if next == "" && last <= n {
		return nil // the walk ends here
	}
	switch nextNumber := linkPageNumber(next); {
	case len(p.Items) == 0:
		return stalled(n, "is empty")
	case next != "" && last > 0 && n >= last:
		return stalled(n, "is the last page by its own last link (%d)", last)
	case nextNumber > 0 && nextNumber <= n:
		return stalled(n, "links to page %d as its next", nextNumber)
	case next != "" && next == prevNext:
		return stalled(n, "repeats the next link of page %d", n-1)
	case prevItems != nil && reflect.DeepEqual(p.Items, prevItems):
		return stalled(n, "repeats the items of page %d", n-1)
	case p.Meta.TotalRecords > 0 && w.seen >= p.Meta.TotalRecords:
		return stalled(n, "completes all %d records (total_records)", p.Meta.TotalRecords)
	}
	return nil
}

// stalled is the error of a walk that makes no progress.
func stalled(n int, format string, args ...any) error {
	return fmt.Errorf("%w: the list does not advance: page %d %s, yet announces a next page", ErrDecode, n, fmt.Sprintf(format, args...))
}

// linkPageNumber is the page[number] of a pagination link, 0 when it has none.
func linkPageNumber(link string) int {
	if link == "" {
		return 0
	}
	u, err := url.Parse(link)
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(u.Query().Get("page[number]"))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// listOptions lets the generic helpers reach the ListOptions every paginated
// options struct embeds.
func (o *ListOptions) listOptions() *ListOptions { return o }

// allOf is the All of every paginated service: it copies opts once (the
// caller's value is never modified, and later changes to it do not leak into
// the walk) and pages through list with allPages.
func allOf[T, O any, P interface {
	*O
	listOptions() *ListOptions
}](ctx context.Context, c *Client, opts P, list func(context.Context, P) (*Page[T], error)) iter.Seq2[*T, error] {
	var base O
	if opts != nil {
		base = *opts
	}
	return allPages(ctx, c, *P(&base).listOptions(), func(ctx context.Context, lo ListOptions) (*Page[T], error) {
		o := base
		*P(&o).listOptions() = lo
		return list(ctx, &o)
	})
}

// listOf is the List of every service: it builds the query from opts, which
// refuses invalid options before anything is sent, and fetches one page.
func listOf[T any](ctx context.Context, c *Client, path string, opts interface{ query() (url.Values, error) }) (*Page[T], error) {
	q, err := opts.query()
	if err != nil {
		return nil, err
	}
	return getList[T](ctx, c, path, q)
}

// prefetchPages yields pages from.PageNumber..last in order, keeping up to
// ahead requests under way. The pages' own links still decide where to stop.
// It returns after every request it started has ended.
func prefetchPages[T any](ctx context.Context, ahead int, from ListOptions, last int, fetch func(context.Context, ListOptions) (*Page[T], error), walk *pageWalk[T], yield func(*T, error) bool) {
	type result struct {
		page *Page[T]
		err  error
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()

	pending := make(map[int]chan result, ahead)
	launched := from.PageNumber - 1
	launch := func(upTo int) {
		for launched < upTo {
			launched++
			ch := make(chan result, 1)
			pending[launched] = ch
			opts := from
			opts.PageNumber = launched
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := fetch(ctx, opts)
				ch <- result{p, err}
			}()
		}
	}
	for n := from.PageNumber; ; n++ {
		// Past the announced last page (the links disagree), go one by one.
		launch(max(min(n+ahead-1, last), n))
		res := <-pending[n]
		delete(pending, n)
		if res.err == nil {
			res.err = walk.check(n, res.page)
		}
		if res.err != nil {
			yield(nil, res.err)
			return
		}
		for _, item := range res.page.Items {
			if !yield(item, nil) {
				return
			}
		}
		if !res.page.HasNext() {
			return
		}
	}
}

// lastPage is the number of the collection's last page, or 0 when the page
// does not tell: from the last link, else from total_records and the page size
// (the one asked for, or this page's length when it is full and not the last).
func (p *Page[T]) lastPage(pageSize int) int {
	if n := linkPageNumber(p.Links.Last); n > 0 {
		return n
	}
	if pageSize == 0 && p.Links.Next != "" {
		pageSize = len(p.Items)
	}
	if p.Meta.TotalRecords > 0 && pageSize > 0 {
		return (p.Meta.TotalRecords + pageSize - 1) / pageSize
	}
	return 0
}

// onePage yields the items of a non-paginated list.
func onePage[T any](ctx context.Context, fetch func(context.Context) (*Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		page, err := fetch(ctx)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, item := range page.Items {
			if !yield(item, nil) {
				return
			}
		}
	}
}
