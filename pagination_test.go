package didww

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreFirstErr drains seq and returns its first error.
func coreFirstErr[T any](seq iter.Seq2[*T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

func TestHasNext(t *testing.T) {
	t.Parallel()
	item := []*Country{{ID: "1"}}
	cases := []struct {
		name string
		page *Page[Country]
		want bool
	}{
		{"nil page", nil, false},
		{"no links", &Page[Country]{Items: item, number: 1}, false},
		{"next link", &Page[Country]{Items: item, number: 1, Links: Links{Next: "https://api.test/v3/did_groups?page%5Bnumber%5D=2"}}, true},
		{"next link but no items", &Page[Country]{number: 1, Links: Links{Next: "https://x/?page[number]=2"}}, false},
		{"last beyond current", &Page[Country]{Items: item, number: 2, Links: Links{Last: "https://api.test/v3/did_groups?page%5Bnumber%5D=3&page%5Bsize%5D=50"}}, true},
		{"last with raw brackets", &Page[Country]{Items: item, number: 1, Links: Links{Last: "https://x/?page[number]=2"}}, true},
		{"last is current", &Page[Country]{Items: item, number: 3, Links: Links{Last: "https://api.test/v3/did_groups?page%5Bnumber%5D=3"}}, false},
		{"last before current", &Page[Country]{Items: item, number: 5, Links: Links{Last: "https://x/?page%5Bnumber%5D=3"}}, false},
		{"last without number", &Page[Country]{Items: item, number: 1, Links: Links{Last: "https://x/?page%5Bsize%5D=3"}}, false},
		{"last not a URL", &Page[Country]{Items: item, number: 1, Links: Links{Last: "://%zz"}}, false},
		{"last number garbage", &Page[Country]{Items: item, number: 1, Links: Links{Last: "https://x/?page%5Bnumber%5D=two"}}, false},
		{"first and prev only", &Page[Country]{Items: item, number: 2, Links: Links{First: "https://x/?page%5Bnumber%5D=1", Prev: "https://x/?page%5Bnumber%5D=1"}}, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.page.HasNext(), tc.name)
	}
}

// corePagedServer answers GET /countries?page[number]=N with page N of
// total, two items each, with links like the API's.
func corePagedServer(t *testing.T, mt *httpmock.MockTransport, rec *recorder, total int, linkNext bool) {
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(func(r *http.Request) (*http.Response, error) {
		n, err := strconv.Atoi(r.URL.Query().Get("page[number]"))
		if err != nil {
			n = 1
		}
		links := fmt.Sprintf(`"first":"%[1]s/countries?page%%5Bnumber%%5D=1","last":"%[1]s/countries?page%%5Bnumber%%5D=%[2]d"`, testBaseURL, total)
		if linkNext && n < total {
			links += fmt.Sprintf(`,"next":"%s/countries?page%%5Bnumber%%5D=%d"`, testBaseURL, n+1)
		}
		body := fmt.Sprintf(`{"data":[{"type":"countries","id":"p%[1]d-a","attributes":{"name":"A%[1]d","iso":"AA"}},{"type":"countries","id":"p%[1]d-b","attributes":{"name":"B%[1]d","iso":"BB"}}],
		  "meta":{"api_version":"2026-04-16","total_records":%[2]d},"links":{%[3]s}}`, n, total*2, links)
		return httpmock.NewStringResponse(200, body), nil
	}))
}

func corePagedFetch(c *Client) func(context.Context, ListOptions) (*Page[Country], error) {
	return func(ctx context.Context, lo ListOptions) (*Page[Country], error) {
		q := newQuery()
		q.page(lo)
		v, err := q.values()
		if err != nil {
			return nil, err
		}
		return getList[Country](ctx, c, "/countries", v)
	}
}

func TestGetListPageAndLinks(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	corePagedServer(t, mt, rec, 3, true)
	page, err := corePagedFetch(c)(t.Context(), ListOptions{PageNumber: 2, PageSize: 2})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, &Country{ID: "p2-a", Name: "A2", ISO: "AA"}, page.Items[0])
	assert.Equal(t, Meta{APIVersion: "2026-04-16", TotalRecords: 6}, page.Meta)
	assert.Equal(t, Links{
		First: testBaseURL + "/countries?page%5Bnumber%5D=1",
		Next:  testBaseURL + "/countries?page%5Bnumber%5D=3",
		Last:  testBaseURL + "/countries?page%5Bnumber%5D=3",
	}, page.Links)
	assert.Equal(t, 2, page.number)
	assert.True(t, page.HasNext())
	assert.Equal(t, "page%5Bnumber%5D=2&page%5Bsize%5D=2", rec.only(t).RawQuery)
}

func TestAllPagesFollowsPages(t *testing.T) {
	t.Parallel()
	for _, linkNext := range []bool{true, false} {
		c, mt := newTestClient(t)
		rec := &recorder{}
		corePagedServer(t, mt, rec, 3, linkNext)
		first := ListOptions{PageSize: 2, Fields: map[string][]string{"countries": {"name"}}}
		var ids []string
		for country, err := range allPages(t.Context(), c, first, corePagedFetch(c)) {
			require.NoError(t, err)
			ids = append(ids, country.ID)
		}
		assert.Equal(t, []string{"p1-a", "p1-b", "p2-a", "p2-b", "p3-a", "p3-b"}, ids, "next link: %v", linkNext)
		reqs := rec.all()
		require.Len(t, reqs, 3)
		sort.Slice(reqs, func(i, j int) bool { return reqs[i].RawQuery < reqs[j].RawQuery })
		for i, r := range reqs {
			assert.Equal(t, fmt.Sprintf("fields%%5Bcountries%%5D=name&page%%5Bnumber%%5D=%d&page%%5Bsize%%5D=2", i+1), r.RawQuery)
		}
		assert.Equal(t, ListOptions{PageSize: 2, Fields: map[string][]string{"countries": {"name"}}}, first, "the caller's options are untouched")
	}
}

func TestAllPagesStartsAtGivenPageAndStopsAtBreak(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithPrefetch(0))
	rec := &recorder{}
	corePagedServer(t, mt, rec, 5, true)
	var ids []string
	for country, err := range allPages(t.Context(), c, ListOptions{PageNumber: 3}, corePagedFetch(c)) {
		require.NoError(t, err)
		ids = append(ids, country.ID)
		if len(ids) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"p3-a", "p3-b", "p4-a"}, ids)
	assert.Len(t, rec.all(), 2, "no page fetched after the break")
}

func TestAllPagesErrorOnceThenStop(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	seq, _ := newTestClient(t, WithPrefetch(0))
	calls := 0
	fetch := func(_ context.Context, lo ListOptions) (*Page[Country], error) {
		calls++
		if lo.PageNumber == 2 {
			return nil, boom
		}
		return &Page[Country]{Items: []*Country{{ID: "a"}}, number: lo.PageNumber, Links: Links{Next: "x"}}, nil
	}
	var got []string
	var errs []error
	for country, err := range allPages(t.Context(), seq, ListOptions{}, fetch) {
		if err != nil {
			errs = append(errs, err)
			assert.Nil(t, country)
			continue
		}
		got = append(got, country.ID)
	}
	assert.Equal(t, []string{"a"}, got)
	assert.Equal(t, []error{boom}, errs)
	assert.Equal(t, 2, calls)

	// The consumer may break on the error too.
	for _, err := range allPages(t.Context(), seq, ListOptions{PageNumber: 2}, fetch) {
		require.ErrorIs(t, err, boom)
		break
	}
}

func TestAllPagesPassesContext(t *testing.T) {
	t.Parallel()
	type key struct{}
	ctx := context.WithValue(t.Context(), key{}, "v")
	var seen []any
	fetch := func(ctx context.Context, lo ListOptions) (*Page[Country], error) {
		seen = append(seen, ctx.Value(key{}))
		p := &Page[Country]{Items: []*Country{{ID: strconv.Itoa(lo.PageNumber)}}, number: lo.PageNumber}
		if lo.PageNumber < 2 {
			p.Links.Next = "more"
		}
		return p, nil
	}
	seq, _ := newTestClient(t, WithPrefetch(0))
	n := 0
	for range allPages(ctx, seq, ListOptions{}, fetch) {
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, []any{"v", "v"}, seen)

	// A cancelled context ends the walk with its error, through the pipeline.
	c, mt := newTestClient(t, WithPrefetch(0))
	rec := &recorder{}
	corePagedServer(t, mt, rec, 3, true)
	cctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var errs []error
	for _, err := range allPages(cctx, c, ListOptions{}, corePagedFetch(c)) {
		cancel()
		if err != nil {
			errs = append(errs, err)
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Len(t, rec.all(), 1)
}

func TestOnePageAndServiceAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(jsonAPI(200, fixture(t, "core/countries.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/regions", rec.wrap(jsonAPI(200, fixture(t, "core/regions.json"))))

	var names []string
	for country, err := range c.Countries.All(t.Context(), &CountryListOptions{ISO: "GB"}) {
		require.NoError(t, err)
		names = append(names, country.Name)
	}
	assert.Equal(t, []string{"United Kingdom", "United States"}, names)
	assert.Equal(t, "filter%5Biso%5D=GB", rec.all()[0].RawQuery)

	var regions []*Region
	for r, err := range c.Regions.All(t.Context(), nil) {
		require.NoError(t, err)
		regions = append(regions, r)
		break
	}
	require.Len(t, regions, 1)
	assert.Equal(t, "California", regions[0].Name)
	assert.Equal(t, &Country{ID: "c-us", Name: "United States", Prefix: "1", ISO: "US"}, regions[0].Country)
	assert.Len(t, rec.all(), 2)

	// An error is yielded once.
	mt.RegisterResponder("GET", testBaseURL+"/regions", jsonAPI(404, []byte(`{"errors":[{"title":"Record not found"}]}`)))
	n := 0
	for r, err := range c.Regions.All(t.Context(), nil) {
		n++
		assert.Nil(t, r)
		assert.ErrorIs(t, err, ErrNotFound)
	}
	assert.Equal(t, 1, n)
}

func TestCountryGetWithIncludedRegions(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries/c-us", rec.wrap(jsonAPI(200, fixture(t, "core/country.json"))))
	country, err := c.Countries.Get(t.Context(), "c-us", &GetOptions{Include: []string{"regions"}, Fields: map[string][]string{"regions": {"name", "iso"}}})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "/v3/countries/c-us", r.Path)
	assert.Equal(t, "fields%5Bregions%5D=name%2Ciso&include=regions", r.RawQuery)
	assertStandardHeaders(t, r)
	assert.Equal(t, "United States", country.Name)
	assert.Equal(t, "1", country.Prefix)
	assert.Equal(t, "US", country.ISO)
	require.Len(t, country.Regions, 2)
	assert.Equal(t, "California", country.Regions[0].Name)
	assert.Equal(t, "TX", country.Regions[1].ISO)
	// The cycle back to the country is cut to its id.
	assert.Equal(t, &Country{ID: "c-us"}, country.Regions[0].Country)
}

func TestSendOne(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/countries", rec.wrap(jsonAPI(201, []byte(`{"data":{"type":"countries","id":"new","attributes":{"name":"Atlantis","iso":"AX"}},"meta":{"api_version":"2026-04-16","available_count":4}}`))))
	mt.RegisterResponder("PATCH", testBaseURL+"/countries/new", rec.wrap(jsonAPI(200, []byte(`{"data":null}`))))
	country, meta, err := sendOne[Country](t.Context(), c, &request{method: "POST", path: "/countries", body: []byte(`{"data":{"type":"countries"}}`)})
	require.NoError(t, err)
	assert.Equal(t, &Country{ID: "new", Name: "Atlantis", ISO: "AX"}, country)
	assert.Equal(t, Meta{APIVersion: "2026-04-16", AvailableCount: 4}, meta)

	country, meta, err = sendOne[Country](t.Context(), c, &request{method: "PATCH", path: "/countries/new", body: []byte(`{}`)})
	assert.Nil(t, country)
	assert.Equal(t, Meta{}, meta)
	require.ErrorIs(t, err, ErrNotFound)
	assert.EqualError(t, err, "didww: not found: PATCH /countries/new answered 200 with null data")
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.Equal(t, `{"data":{"type":"countries"}}`, string(reqs[0].Body))
	assert.Equal(t, MediaType, reqs[1].Header.Get("Content-Type"))
}

// prefetchFetch serves pages 1..total of one item each, announcing lastLink
// as the last page, and tracks how many fetches run at once.
type prefetchFetch struct {
	total, lastLink int
	failOn          int
	block           chan struct{} // when set, pages above 2 wait for it or ctx
	mu              sync.Mutex
	inFlight, peak  int
	cancelled       int
	calls           []int
}

func (f *prefetchFetch) fetch(ctx context.Context, lo ListOptions) (*Page[Country], error) {
	f.mu.Lock()
	f.inFlight++
	f.peak = max(f.peak, f.inFlight)
	f.calls = append(f.calls, lo.PageNumber)
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	if f.block != nil && lo.PageNumber > 2 {
		select {
		case <-f.block:
		case <-ctx.Done():
			f.mu.Lock()
			f.cancelled++
			f.mu.Unlock()
			return nil, ctx.Err()
		}
	}
	if lo.PageNumber == f.failOn {
		return nil, errors.New("page failed")
	}
	p := &Page[Country]{Items: []*Country{{ID: strconv.Itoa(lo.PageNumber)}}, number: lo.PageNumber}
	p.Links.Last = "https://api.test/v3/countries?page%5Bnumber%5D=" + strconv.Itoa(f.lastLink)
	if lo.PageNumber < f.total {
		p.Links.Next = "https://api.test/v3/countries?page%5Bnumber%5D=" + strconv.Itoa(lo.PageNumber+1)
	}
	return p, nil
}

func TestAllPagesPrefetchKeepsOrderAndBound(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, WithPrefetch(3))
	f := &prefetchFetch{total: 12, lastLink: 12}
	var ids []string
	for country, err := range allPages(t.Context(), c, ListOptions{}, f.fetch) {
		require.NoError(t, err)
		ids = append(ids, country.ID)
	}
	assert.Equal(t, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, ids)
	assert.Len(t, f.calls, 12, "each page fetched once")
	assert.LessOrEqual(t, f.peak, 3, "never more than the prefetch depth under way")
	assert.Equal(t, 0, f.inFlight)
}

func TestAllPagesPrefetchBreakCancelsAndWaits(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, WithPrefetch(4))
	f := &prefetchFetch{total: 10, lastLink: 10, block: make(chan struct{})}
	n := 0
	for _, err := range allPages(t.Context(), c, ListOptions{}, f.fetch) {
		require.NoError(t, err)
		// Page 2 arrives; pages 3..5 are under way and blocked when we stop.
		if n++; n == 2 {
			break
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Equal(t, 0, f.inFlight, "no fetch outlives the loop")
	assert.Equal(t, 3, f.cancelled, "the look-ahead requests are cancelled")
	assert.ElementsMatch(t, []int{1, 2, 3, 4, 5}, f.calls, "at most the prefetch depth from the page being read")
}

func TestAllPagesPrefetchErrorYieldedOnce(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, WithPrefetch(4))
	f := &prefetchFetch{total: 6, lastLink: 6, failOn: 3}
	var ids []string
	var errs int
	for country, err := range allPages(t.Context(), c, ListOptions{}, f.fetch) {
		if err != nil {
			errs++
			continue
		}
		ids = append(ids, country.ID)
	}
	assert.Equal(t, []string{"1", "2"}, ids, "nothing after the failed page is yielded")
	assert.Equal(t, 1, errs)
	assert.Equal(t, 0, f.inFlight)
}

func TestAllPagesPrefetchRefusesNextPastOwnLast(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, WithPrefetch(2))
	// Every page says the last is 3, yet they keep announcing a next one.
	f := &prefetchFetch{total: 5, lastLink: 3}
	var ids []string
	var errs []error
	for country, err := range allPages(t.Context(), c, ListOptions{}, f.fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, country.ID)
	}
	assert.Equal(t, []string{"1", "2"}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrDecode)
	assert.ErrorContains(t, errs[0], "page 3 is the last page by its own last link (3)")
	assert.ElementsMatch(t, []int{1, 2, 3}, f.calls, "nothing past the announced last page is fetched")
}

func TestPageLastPage(t *testing.T) {
	t.Parallel()
	p := &Page[Country]{Items: make([]*Country, 50), Meta: Meta{TotalRecords: 120}, Links: Links{Next: "n"}}
	assert.Equal(t, 3, p.lastPage(0), "page size taken from a full page")
	assert.Equal(t, 12, p.lastPage(10), "page size asked for wins")
	p.Links.Last = "https://api.test/v3/x?page%5Bnumber%5D=7"
	assert.Equal(t, 7, p.lastPage(10), "the last link wins")
	assert.Equal(t, 0, (&Page[Country]{}).lastPage(0))
}
