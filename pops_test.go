package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPopsListIsOnePage(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/pops", rec.wrap(jsonAPI(200, fixture(t, "pops/list.json"))))
	p, err := c.Pops.List(t.Context(), &PopListOptions{ID: []string{trunkPopID, "2fd8a5b3-4a1c-4bd0-9b0e-61f0c1d2e3a4"}})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "GET", got.Method)
	assert.Equal(t, "/v3/pops", got.Path)
	assert.Equal(t, map[string][]string{"filter[id]": {trunkPopID + ",2fd8a5b3-4a1c-4bd0-9b0e-61f0c1d2e3a4"}}, map[string][]string(got.Query))
	assertStandardHeaders(t, got)
	require.Len(t, p.Items, 2)
	assert.Equal(t, Pop{ID: trunkPopID, Name: "New York, NY, USA"}, *p.Items[0])
	assert.Equal(t, "Frankfurt, Germany", p.Items[1].Name)
	assert.False(t, p.HasNext())

	var names []string
	for pop, err := range c.Pops.All(t.Context(), nil) {
		require.NoError(t, err)
		names = append(names, pop.Name)
	}
	assert.Equal(t, []string{"New York, NY, USA", "Frankfurt, Germany"}, names)
	assert.Len(t, rec.all(), 2, "All fetches the one page once")
	assert.Empty(t, rec.all()[1].RawQuery)
}

func TestPopsListRefusesPages(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	_, err := c.Pops.List(t.Context(), &PopListOptions{ListOptions: ListOptions{PageSize: 10}})
	assertInvalid(t, err, "ListOptions")
	for _, err := range c.Pops.All(t.Context(), &PopListOptions{ListOptions: ListOptions{PageNumber: 2}}) {
		assertInvalid(t, err, "ListOptions")
	}
	assertNothingSent(t, mt)
}
