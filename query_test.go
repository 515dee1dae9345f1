package didww

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func coreEncode(t *testing.T, q *query) string {
	t.Helper()
	v, err := q.values()
	require.NoError(t, err)
	return v.Encode()
}

func TestQueryFilters(t *testing.T) {
	t.Parallel()
	yes, no, zero, n := true, false, 0, -7
	q := newQuery()
	q.filter("name", "Saint-Étienne & co")
	q.filter("empty", "")
	q.filterList("id", []string{"a", "b c", "d/e"})
	q.filterList("none", nil)
	q.filterList("none2", []string{})
	q.filterBool("is_available", &yes)
	q.filterBool("needs_registration", &no)
	q.filterBool("unset", nil)
	q.filterInt("zero", &zero)
	q.filterInt("neg", &n)
	q.filterInt("unset_int", nil)
	q.filterTime("created_at_gteq", time.Date(2026, 4, 16, 14, 30, 0, 999, time.FixedZone("CEST", 2*3600)))
	q.filterTime("created_at_lteq", time.Time{})
	assert.Equal(t,
		"filter%5Bcreated_at_gteq%5D=2026-04-16T12%3A30%3A00Z&filter%5Bid%5D=a%2Cb+c%2Cd%2Fe&filter%5Bis_available%5D=true"+
			"&filter%5Bname%5D=Saint-%C3%89tienne+%26+co&filter%5Bneeds_registration%5D=false&filter%5Bneg%5D=-7&filter%5Bzero%5D=0",
		coreEncode(t, q))
}

func TestQueryFilterListRefusesCommasAndEmpty(t *testing.T) {
	t.Parallel()
	for _, values := range [][]string{{"a,b"}, {"a", ""}, {""}} {
		q := newQuery()
		q.filterList("id", values)
		v, err := q.values()
		require.ErrorIs(t, err, ErrInvalidRequest, "%q", values)
		var re *RequestError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, "filter[id]", re.Field)
		assert.Empty(t, v.Get("filter[id]"))
	}
}

func TestQueryIncludeAndSort(t *testing.T) {
	t.Parallel()
	allowed := []string{"country", "region", "did_group.stock_keeping_units"}
	q := newQuery()
	q.include([]string{"country", "did_group.stock_keeping_units"}, allowed)
	q.sort([]string{"name", "-prefix"}, []string{"name", "prefix"})
	assert.Equal(t, "include=country%2Cdid_group.stock_keeping_units&sort=name%2C-prefix", coreEncode(t, q))

	q = newQuery()
	q.include(nil, nil)
	q.sort([]string{}, nil)
	assert.Equal(t, "", coreEncode(t, q))

	cases := []struct {
		apply func(*query)
		field string
		want  string
	}{
		{func(q *query) { q.include([]string{"country", "city"}, allowed) }, "include",
			`didww: invalid request: include: "city" is not allowed; allowed: country, region, did_group.stock_keeping_units`},
		{func(q *query) { q.include([]string{"x"}, nil) }, "include", `didww: invalid request: include: "x": this resource has no includes`},
		{func(q *query) { q.sort([]string{"--name"}, []string{"name"}) }, "sort",
			`didww: invalid request: sort: "--name" is not allowed; allowed: name (a leading "-" sorts descending)`},
		{func(q *query) { q.sort([]string{"id"}, nil) }, "sort", `didww: invalid request: sort: "id": this resource cannot be sorted`},
	}
	for _, tc := range cases {
		q := newQuery()
		tc.apply(q)
		v, err := q.values()
		require.ErrorIs(t, err, ErrInvalidRequest)
		assert.EqualError(t, err, tc.want)
		assert.Empty(t, v.Get(tc.field), "nothing set for a refused value")
	}
}

func TestQueryPage(t *testing.T) {
	t.Parallel()
	q := newQuery()
	q.page(ListOptions{PageNumber: 2, PageSize: MaxPageSize, Fields: map[string][]string{"did_groups": {"prefix", "area_name"}, "countries": {"iso"}}})
	assert.Equal(t, "fields%5Bcountries%5D=iso&fields%5Bdid_groups%5D=prefix%2Carea_name&page%5Bnumber%5D=2&page%5Bsize%5D=100", coreEncode(t, q))

	q = newQuery()
	q.page(ListOptions{})
	assert.Equal(t, "", coreEncode(t, q), "zero values leave the server's defaults")

	bad := map[string]ListOptions{
		"PageNumber: must not be negative":                 {PageNumber: -1},
		"PageSize: must not be negative":                   {PageSize: -5},
		"PageSize: 101 is above the API's maximum of 100":  {PageSize: 101},
		"PageSize: 1000 is above the API's maximum of 100": {PageSize: 1000, PageNumber: 1},
	}
	for want, o := range bad {
		q := newQuery()
		q.page(o)
		_, err := q.values()
		require.ErrorIs(t, err, ErrInvalidRequest)
		assert.EqualError(t, err, "didww: invalid request: "+want)
	}
}

func TestQueryUnpaginated(t *testing.T) {
	t.Parallel()
	for _, o := range []ListOptions{{PageNumber: 1}, {PageSize: 10}, {PageNumber: -1}} {
		q := newQuery()
		q.unpaginated(o, "countries")
		_, err := q.values()
		require.ErrorIs(t, err, ErrInvalidRequest)
		assert.EqualError(t, err, "didww: invalid request: ListOptions: countries are not paginated: the API answers with the whole list")
	}
	q := newQuery()
	q.unpaginated(ListOptions{Fields: map[string][]string{"countries": {"name", "iso"}}}, "countries")
	assert.Equal(t, "fields%5Bcountries%5D=name%2Ciso", coreEncode(t, q))
}

func TestQueryFields(t *testing.T) {
	t.Parallel()
	q := newQuery()
	q.fields(nil)
	q.fields(map[string][]string{"regions": {}})
	assert.Equal(t, "fields%5Bregions%5D=", coreEncode(t, q))
	for _, bad := range []string{"", "a[b]", "x]"} {
		q := newQuery()
		q.fields(map[string][]string{bad: {"name"}})
		_, err := q.values()
		require.ErrorIs(t, err, ErrInvalidRequest, "%q", bad)
		assert.Contains(t, err.Error(), "Fields: bad resource type")
	}
}

func TestQueryExtraWinsAndIsCopied(t *testing.T) {
	t.Parallel()
	extra := url.Values{"filter[name]": {"override"}, "custom": {"1", "2"}}
	q := newQuery()
	q.filter("name", "typed")
	q.filter("iso", "GB")
	q.extra(extra)
	q.extra(nil)
	assert.Equal(t, "custom=1&custom=2&filter%5Biso%5D=GB&filter%5Bname%5D=override", coreEncode(t, q))
	v, _ := q.values()
	v["custom"][0] = "changed"
	assert.Equal(t, []string{"1", "2"}, extra["custom"], "the caller's values are not shared")
}

func TestQueryKeepsFirstError(t *testing.T) {
	t.Parallel()
	q := newQuery()
	q.page(ListOptions{PageSize: 500})
	q.include([]string{"x"}, nil)
	_, err := q.values()
	assert.EqualError(t, err, "didww: invalid request: PageSize: 500 is above the API's maximum of 100")
}

func TestStrs(t *testing.T) {
	t.Parallel()
	assert.Nil(t, strs[Feature](nil))
	assert.Equal(t, []string{}, strs([]Feature{}))
	assert.Equal(t, []string{"voice_in", "sms_in"}, strs([]Feature{FeatureVoiceIn, FeatureSMSIn}))
}

func TestCountryQueryThroughPipeline(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries", rec.wrap(jsonAPI(200, fixture(t, "core/countries.json"))))
	yes := true
	_, err := c.Countries.List(t.Context(), &CountryListOptions{
		ListOptions: ListOptions{Fields: map[string][]string{"countries": {"name", "iso"}}},
		ID:          []string{"c-gb", "c-us"},
		ISO:         "GB",
		Name:        "United Kingdom",
		Prefix:      "44",
		IsAvailable: &yes,
		Include:     []string{"regions"},
		Sort:        []string{"-name", "iso"},
		Extra:       url.Values{"filter[prefix]": {"1"}, "x": {"y z"}},
	})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v3/countries", r.Path)
	assert.Equal(t, "fields%5Bcountries%5D=name%2Ciso&filter%5Bid%5D=c-gb%2Cc-us&filter%5Bis_available%5D=true&filter%5Biso%5D=GB"+
		"&filter%5Bname%5D=United+Kingdom&filter%5Bprefix%5D=1&include=regions&sort=-name%2Ciso&x=y+z", r.RawQuery)
	assertStandardHeaders(t, r)
	assert.Empty(t, r.Body)
}

func TestRefusedOptionsSendNothing(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := t.Context()
	cases := map[string]func() error{
		"page on countries": func() error {
			_, err := c.Countries.List(ctx, &CountryListOptions{ListOptions: ListOptions{PageSize: 10}})
			return err
		},
		"page on regions": func() error {
			_, err := c.Regions.List(ctx, &RegionListOptions{ListOptions: ListOptions{PageNumber: 2}})
			return err
		},
		"bad include": func() error {
			_, err := c.Countries.List(ctx, &CountryListOptions{Include: []string{"cities"}})
			return err
		},
		"bad sort": func() error {
			_, err := c.Regions.List(ctx, &RegionListOptions{Sort: []string{"population"}})
			return err
		},
		"comma in id": func() error { _, err := c.Regions.List(ctx, &RegionListOptions{ID: []string{"a,b"}}); return err },
		"bad include on get": func() error {
			_, err := c.Countries.Get(ctx, "c1", &GetOptions{Include: []string{"country"}})
			return err
		},
		"bad fields on get": func() error {
			_, err := c.Regions.Get(ctx, "r1", &GetOptions{Fields: map[string][]string{"": {"x"}}})
			return err
		},
		"bad include via All": func() error { return coreFirstErr(c.Countries.All(ctx, &CountryListOptions{Include: []string{"x"}})) },
	}
	for name, call := range cases {
		err := call()
		require.ErrorIs(t, err, ErrInvalidRequest, name)
		coreAssertErrNoKey(t, err)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "no request was sent")
}
