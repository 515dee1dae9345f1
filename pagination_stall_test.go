package didww

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stallPage is what a hostile server answers for page n of /cities.
type stallPage struct {
	ids               []string // one city per id
	next, last, total string   // next and last links ("" for none), total_records ("" for none)
}

func (p stallPage) body() string {
	data := make([]string, len(p.ids))
	for i, id := range p.ids {
		data[i] = fmt.Sprintf(`{"type":"cities","id":%q,"attributes":{"name":"City %s"}}`, id, id)
	}
	links := []string{`"first":"` + testBaseURL + `/cities?page%5Bnumber%5D=1"`}
	if p.next != "" {
		links = append(links, `"next":"`+p.next+`"`)
	}
	if p.last != "" {
		links = append(links, `"last":"`+p.last+`"`)
	}
	meta := `"api_version":"2026-04-16"`
	if p.total != "" {
		meta += `,"total_records":` + p.total
	}
	return fmt.Sprintf(`{"data":[%s],"meta":{%s},"links":{%s}}`, strings.Join(data, ","), meta, strings.Join(links, ","))
}

func cityPageLink(n int) string { return testBaseURL + "/cities?page%5Bnumber%5D=" + strconv.Itoa(n) }

// stallShapes are servers that never stop announcing a next page.
var stallShapes = map[string]struct {
	page func(n int) stallPage
	// the ids All yields before the error, the error's text, and how many
	// requests go out without and with look-ahead (min and max, since
	// look-ahead requests started before the error may or may not arrive).
	ids                      []string
	err                      string
	requests                 int
	prefetchMin, prefetchMax int
}{
	"the same page again, next link repeated": {
		page: func(int) stallPage {
			return stallPage{ids: []string{"c1"}, next: testBaseURL + "/cities?page%5Bcursor%5D=abc", last: cityPageLink(1000), total: "100000"}
		},
		ids: []string{"c1"}, err: "page 2 repeats the next link of page 1",
		requests: 2, prefetchMin: 2, prefetchMax: 5,
	},
	"page number ignored, next points back": {
		page: func(int) stallPage { return stallPage{ids: []string{"c1"}, next: cityPageLink(2)} },
		ids:  []string{"c1"}, err: "page 2 links to page 2 as its next",
		requests: 2, prefetchMin: 2, prefetchMax: 2,
	},
	"the same items under advancing links": {
		page: func(n int) stallPage {
			return stallPage{ids: []string{"c1"}, next: cityPageLink(n + 1), last: cityPageLink(1000)}
		},
		ids: []string{"c1"}, err: "page 2 repeats the items of page 1",
		requests: 2, prefetchMin: 2, prefetchMax: 5,
	},
	"a next page past the last page announced": {
		page: func(n int) stallPage {
			return stallPage{ids: []string{"c" + strconv.Itoa(n)}, next: cityPageLink(n + 1), last: cityPageLink(3)}
		},
		ids: []string{"c1", "c2"}, err: "page 3 is the last page by its own last link (3)",
		requests: 3, prefetchMin: 3, prefetchMax: 3,
	},
	"more pages than total_records allows": {
		page: func(n int) stallPage {
			return stallPage{ids: []string{"c" + strconv.Itoa(n) + "a", "c" + strconv.Itoa(n) + "b"}, next: cityPageLink(n + 1), total: "6"}
		},
		ids: []string{"c1a", "c1b", "c2a", "c2b"}, err: "page 3 completes all 6 records (total_records)",
		requests: 3, prefetchMin: 3, prefetchMax: 3,
	},
	"an empty page that announces a next": {
		page: func(n int) stallPage {
			if n >= 3 {
				return stallPage{next: cityPageLink(n + 1)}
			}
			return stallPage{ids: []string{"c" + strconv.Itoa(n)}, next: cityPageLink(n + 1)}
		},
		ids: []string{"c1", "c2"}, err: "page 3 is empty",
		requests: 3, prefetchMin: 3, prefetchMax: 3,
	},
}

func TestAllStopsWhenPagesMakeNoProgress(t *testing.T) {
	t.Parallel()
	for name, shape := range stallShapes {
		for _, prefetch := range []int{0, 4} {
			t.Run(fmt.Sprintf("%s/prefetch=%d", name, prefetch), func(t *testing.T) {
				t.Parallel()
				c, mt := newTestClient(t, WithPrefetch(prefetch))
				rec := &recorder{}
				mt.RegisterResponder("GET", testBaseURL+"/cities", rec.wrap(func(r *http.Request) (*http.Response, error) {
					n, err := strconv.Atoi(r.URL.Query().Get("page[number]"))
					require.NoError(t, err, "every request names its page")
					return jsonAPI(200, []byte(shape.page(n).body()))(r)
				}))
				var ids []string
				var errs []error
				for city, err := range c.Cities.All(t.Context(), nil) {
					if err != nil {
						errs = append(errs, err)
						continue
					}
					ids = append(ids, city.ID)
					require.Less(t, len(ids), 50, "All keeps walking")
				}
				assert.Equal(t, shape.ids, ids)
				require.Len(t, errs, 1, "one error, then the walk stops")
				assert.ErrorIs(t, errs[0], ErrDecode)
				assert.EqualError(t, errs[0], "didww: cannot decode response: the list does not advance: "+shape.err+", yet announces a next page")
				n := len(rec.all())
				if prefetch == 0 {
					assert.Equal(t, shape.requests, n, "requests")
				} else {
					assert.GreaterOrEqual(t, n, shape.prefetchMin, "requests")
					assert.LessOrEqual(t, n, shape.prefetchMax, "requests")
				}
			})
		}
	}
}

// A collection that grows while it is walked is followed past the last page
// the first page announced: each page's own links are consistent.
func TestAllFollowsAGrowingCollection(t *testing.T) {
	t.Parallel()
	for _, prefetch := range []int{0, 2} {
		c, mt := newTestClient(t, WithPrefetch(prefetch))
		rec := &recorder{}
		mt.RegisterResponder("GET", testBaseURL+"/cities", rec.wrap(func(r *http.Request) (*http.Response, error) {
			n, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
			p := stallPage{ids: []string{"c" + strconv.Itoa(n)}, last: cityPageLink(max(3, min(n+1, 5))), total: strconv.Itoa(max(3, min(n+1, 5)))}
			if n < 5 {
				p.next = cityPageLink(n + 1)
			}
			return jsonAPI(200, []byte(p.body()))(r)
		}))
		var ids []string
		for city, err := range c.Cities.All(t.Context(), &CityListOptions{ListOptions: ListOptions{PageSize: 1}}) {
			require.NoError(t, err)
			ids = append(ids, city.ID)
		}
		assert.Equal(t, []string{"c1", "c2", "c3", "c4", "c5"}, ids, "prefetch %d", prefetch)
		assert.Len(t, rec.all(), 5, "prefetch %d", prefetch)
	}
}

func TestPageWalkStartsMidList(t *testing.T) {
	t.Parallel()
	// Starting at page 3 of 2-item pages, the 4 records before count too:
	// page 3 completes 6 of 6 and must not announce more.
	var w pageWalk[Country]
	p := &Page[Country]{Items: []*Country{{ID: "a"}, {ID: "b"}}, Meta: Meta{TotalRecords: 6}, Links: Links{Next: cityPageLink(4)}}
	assert.EqualError(t, w.check(3, p), "didww: cannot decode response: the list does not advance: page 3 completes all 6 records (total_records), yet announces a next page")
	var ok pageWalk[Country]
	p.Meta.TotalRecords = 7
	assert.NoError(t, ok.check(3, p), "a seventh record is still to come")
	p.Links.Next = ""
	assert.NoError(t, (&pageWalk[Country]{}).check(3, p), "no next announced: the walk simply ends")
	assert.NoError(t, (&pageWalk[Country]{}).check(1, &Page[Country]{}), "an empty list that announces nothing")
	assert.Equal(t, 0, linkPageNumber("://%zz"))
	assert.Equal(t, 0, linkPageNumber(testBaseURL+"/cities?page%5Bnumber%5D=-2"))
	assert.Equal(t, 7, linkPageNumber(testBaseURL+"/cities?page[number]=7"))
}

// The brief's own case: one body, always the same, always announcing a next.
func TestAllStopsOnAFixedAnswer(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	body := stallPage{ids: []string{"c1"}, next: cityPageLink(2), last: cityPageLink(2), total: "2"}.body()
	mt.RegisterResponder("GET", testBaseURL+"/cities", rec.wrap(httpmock.NewStringResponder(200, body)))
	var ids []string
	err := coreFirstErr(func(yield func(*City, error) bool) {
		for city, err := range c.Cities.All(t.Context(), nil) {
			if city != nil {
				ids = append(ids, city.ID)
			}
			if !yield(city, err) || len(ids) > 50 {
				return
			}
		}
	})
	require.ErrorIs(t, err, ErrDecode)
	assert.Equal(t, []string{"c1"}, ids)
	assert.Len(t, rec.all(), 2)
}
