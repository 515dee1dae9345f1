package didww

import (
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the coverage tests (countries, regions, cities, DID group
// types, DID groups, NANPA prefixes, available DIDs).

// covServe answers GET <path> (any query) with the fixture and records requests.
func covServe(t *testing.T, mt *httpmock.MockTransport, path, fixtureName string) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+path, rec.wrap(jsonAPI(200, fixture(t, fixtureName))))
	return rec
}

// covAssertGET checks the one request rec saw: GET path with exactly rawQuery.
func covAssertGET(t *testing.T, rec *recorder, path, rawQuery string) {
	t.Helper()
	r := rec.only(t)
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v3"+path, r.Path)
	assert.Equal(t, rawQuery, r.RawQuery)
	assert.Empty(t, r.Body)
	assertStandardHeaders(t, r)
}

// covAssertRefused checks err is a client-side validation error that
// mentions every string in want, and that no request left the client.
func covAssertRefused(t *testing.T, mt *httpmock.MockTransport, err error, want ...string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	var re *RequestError
	assert.True(t, errors.As(err, &re), "want *RequestError, got %T", err)
	for _, w := range want {
		assert.Contains(t, err.Error(), w)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}

// covCollect drains an iterator.
func covCollect[T any](seq func(func(*T, error) bool)) ([]*T, []error) {
	var items []*T
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	return items, errs
}

const (
	covUS = "1f6fc2bd-f081-4202-9b1a-d9cb88d942b9"
	covCA = "24eb6e85-f628-4765-bbb2-420e48de76f2"
	covGB = "0e5b2d57-6a23-4d63-a1a1-3e8c8f2b7d10"
)

func TestCountriesListSeedISO(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries", "countries/seed_list_iso_us.json")

	page, err := c.Countries.List(t.Context(), &CountryListOptions{ISO: "US"})
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries", "filter%5Biso%5D=US")

	require.Len(t, page.Items, 1)
	us := page.Items[0]
	assert.Equal(t, covUS, us.ID)
	assert.Equal(t, "United States", us.Name)
	assert.Equal(t, "1", us.Prefix)
	assert.Equal(t, "US", us.ISO)
	assert.Nil(t, us.Regions)
	assert.Equal(t, Meta{APIVersion: "2022-05-10"}, page.Meta)
	assert.Equal(t, Links{}, page.Links)
	assert.False(t, page.HasNext())
}

func TestCountriesListSeedAvailableSortedByName(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries", "countries/seed_list_available_sort_name.json")

	page, err := c.Countries.List(t.Context(), &CountryListOptions{IsAvailable: Bool(true), Sort: []string{"name"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries", "filter%5Bis_available%5D=true&sort=name")

	require.Len(t, page.Items, 2)
	assert.Equal(t, Country{ID: covCA, Name: "Canada", Prefix: "1", ISO: "CA"}, *page.Items[0])
	assert.Equal(t, Country{ID: covUS, Name: "United States", Prefix: "1", ISO: "US"}, *page.Items[1])
}

func TestCountriesListEveryOption(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries", "countries/empty.json")

	opts := &CountryListOptions{
		ListOptions: ListOptions{Fields: map[string][]string{"countries": {"name", "iso"}}},
		ID:          []string{covUS, covCA},
		ISO:         "US",
		Name:        "United States",
		Prefix:      "1",
		IsAvailable: Bool(false),
		Include:     []string{"regions"},
		Sort:        []string{"-iso", "name", "prefix"},
		Extra:       map[string][]string{"filter[custom]": {"x"}},
	}
	page, err := c.Countries.List(t.Context(), opts)
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries",
		"fields%5Bcountries%5D=name%2Ciso&filter%5Bcustom%5D=x&filter%5Bid%5D="+covUS+"%2C"+covCA+
			"&filter%5Bis_available%5D=false&filter%5Biso%5D=US&filter%5Bname%5D=United+States&filter%5Bprefix%5D=1"+
			"&include=regions&sort=-iso%2Cname%2Cprefix")
	assert.NotNil(t, page.Items)
	assert.Empty(t, page.Items)
	assert.Equal(t, "2026-04-16", page.Meta.APIVersion)
}

func TestCountriesListIncludeRegions(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries", "countries/list_include_regions.json")

	page, err := c.Countries.List(t.Context(), &CountryListOptions{Include: []string{"regions"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries", "include=regions")

	require.Len(t, page.Items, 2)
	ca, us := page.Items[0], page.Items[1]
	assert.Equal(t, "Canada", ca.Name)
	require.Len(t, ca.Regions, 1)
	assert.Equal(t, "7a5e2d3c-9f6b-4a4c-9e0d-3b2a4f5e6d7c", ca.Regions[0].ID)
	assert.Equal(t, "Ontario", ca.Regions[0].Name)
	assert.Equal(t, "ON", ca.Regions[0].ISO)
	// The region points back at its country, which is primary data, not
	// included: the back-reference holds only the ID.
	assert.Equal(t, &Country{ID: covCA}, ca.Regions[0].Country)

	require.Len(t, us.Regions, 2)
	assert.Equal(t, "California", us.Regions[0].Name)
	assert.Equal(t, "CA", us.Regions[0].ISO)
	assert.Equal(t, "New York", us.Regions[1].Name)
	assert.Equal(t, "NY", us.Regions[1].ISO)
	assert.Equal(t, covUS, us.Regions[1].Country.ID)
}

func TestCountriesListNullPrefix(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	covServe(t, mt, "/countries", "countries/list_null_prefix.json")

	page, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, "International Freephone", page.Items[0].Name)
	assert.Equal(t, "", page.Items[0].Prefix)
	assert.Equal(t, "XI", page.Items[0].ISO)
	assert.Equal(t, "44", page.Items[1].Prefix)
}

func TestCountriesListEmpty(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries", "countries/empty.json")

	page, err := c.Countries.List(t.Context(), nil)
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries", "")
	assert.Empty(t, page.Items)
	assert.False(t, page.HasNext())
}

func TestCountriesListRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts *CountryListOptions
		want []string
	}{
		"include":  {&CountryListOptions{Include: []string{"cities"}}, []string{`"cities"`, "allowed: regions"}},
		"sort":     {&CountryListOptions{Sort: []string{"-population"}}, []string{`"-population"`, "allowed: iso, name, prefix"}},
		"page":     {&CountryListOptions{ListOptions: ListOptions{PageSize: 10}}, []string{"not paginated"}},
		"id comma": {&CountryListOptions{ID: []string{"a,b"}}, []string{"filter[id]"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			_, err := c.Countries.List(t.Context(), tc.opts)
			covAssertRefused(t, mt, err, tc.want...)
		})
	}
}

func TestCountriesAllOneRequest(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries", "countries/seed_list_available_sort_name.json")

	opts := &CountryListOptions{Sort: []string{"name"}}
	items, errs := covCollect(c.Countries.All(t.Context(), opts))
	assert.Empty(t, errs)
	require.Len(t, items, 2)
	assert.Equal(t, "CA", items[0].ISO)
	assert.Equal(t, "US", items[1].ISO)
	covAssertGET(t, rec, "/countries", "sort=name")
	assert.Equal(t, &CountryListOptions{Sort: []string{"name"}}, opts)
}

func TestCountriesAllBadSortYieldsErrorOnce(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	items, errs := covCollect(c.Countries.All(t.Context(), &CountryListOptions{Sort: []string{"area"}}))
	assert.Empty(t, items)
	require.Len(t, errs, 1)
	covAssertRefused(t, mt, errs[0], "allowed: iso, name, prefix")
}

func TestCountriesGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries/"+covGB, "countries/get.json")

	got, err := c.Countries.Get(t.Context(), covGB, nil)
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries/"+covGB, "")
	assert.Equal(t, &Country{ID: covGB, Name: "United Kingdom", Prefix: "44", ISO: "GB"}, got)
}

func TestCountriesGetIncludeRegions(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := covServe(t, mt, "/countries/"+covGB, "countries/get_include_regions.json")

	got, err := c.Countries.Get(t.Context(), covGB, &GetOptions{Include: []string{"regions"}})
	require.NoError(t, err)
	covAssertGET(t, rec, "/countries/"+covGB, "include=regions")
	require.Len(t, got.Regions, 1)
	assert.Equal(t, "England", got.Regions[0].Name)
	assert.Equal(t, "ENG", got.Regions[0].ISO)
	assert.Equal(t, &Country{ID: covGB}, got.Regions[0].Country)
}

func TestCountriesGetRefuses(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	_, err := c.Countries.Get(t.Context(), "", nil)
	covAssertRefused(t, mt, err, "id")
	_, err = c.Countries.Get(t.Context(), covGB, &GetOptions{Include: []string{"country"}})
	covAssertRefused(t, mt, err, "allowed: regions")
}

func TestCountriesGetNotFound(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/countries/missing", rec.wrap(jsonAPI(404,
		[]byte(`{"errors":[{"title":"Record not found","detail":"missing not found","code":"404","status":"404"}]}`))))
	got, err := c.Countries.Get(t.Context(), "missing", nil)
	assert.Nil(t, got)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Len(t, rec.all(), 1)
}

// covByPage answers each request with the body for its page[number] (1 when
// absent), or 404 when there is none.
func covByPage(bodies map[string][]byte) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		n := r.URL.Query().Get("page[number]")
		if n == "" {
			n = "1"
		}
		body, ok := bodies[n]
		if !ok {
			return jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","detail":"no such page","code":"404","status":"404"}]}`))(r)
		}
		return jsonAPI(200, body)(r)
	}
}
