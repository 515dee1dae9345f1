package didww

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDIDHistoryListRequestAndDecode(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_history", rec.wrap(jsonAPI(200, fixture(t, "did_history/list.json"))))

	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	p, err := c.DIDHistory.List(t.Context(), &DIDHistoryListOptions{
		DIDNumber: "+16091609123456", Action: DIDHistoryBillingCyclesCountChanged, Method: DIDHistoryUserPanel,
		CreatedAfter: from, CreatedBefore: from.Add(30 * 24 * time.Hour), ID: []string{"h1", "h2"},
		Sort: []string{"-created_at"},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "/v3/did_history", got.Path)
	assert.Equal(t, url.Values{
		"filter[did_number]":      {"16091609123456"},
		"filter[action]":          {"billing_cycles_count_changed"},
		"filter[method]":          {"user_panel"},
		"filter[created_at_gteq]": {"2026-03-31T22:00:00Z"},
		"filter[created_at_lteq]": {"2026-04-30T22:00:00Z"},
		"filter[id]":              {"h1,h2"},
		"sort":                    {"-created_at"},
	}, got.Query)
	assertStandardHeaders(t, got)

	require.Len(t, p.Items, 2)
	a, b := p.Items[0], p.Items[1]
	assert.Equal(t, "1b5fb5c6-8c3e-4a49-b1a3-0dc0e7d9b2c1", a.ID)
	assert.Equal(t, "16091609123456", a.DIDNumber)
	assert.Equal(t, DIDHistoryAssigned, a.Action)
	assert.Equal(t, DIDHistoryAPI3, a.Method)
	assert.Equal(t, time.Date(2026, 4, 16, 10, 3, 41, 0, time.UTC), a.CreatedAt)
	assert.Nil(t, a.From, "no meta")
	assert.Nil(t, a.To)
	assert.Equal(t, DIDHistoryBillingCyclesCountChanged, b.Action)
	assert.Equal(t, DIDHistoryUserPanel, b.Method)
	assert.Equal(t, ptrTo("2"), b.From)
	assert.Equal(t, ptrTo("1"), b.To)
}

func TestDIDHistoryGet(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	id := "57e2b3f1-4d9a-4c6e-8f0a-9b8c7d6e5f40"
	mt.RegisterResponder("GET", testBaseURL+"/did_history/"+id, rec.wrap(jsonAPI(200, fixture(t, "did_history/show_billing_cycles_count_changed.json"))))
	h, err := c.DIDHistory.Get(t.Context(), id, nil)
	require.NoError(t, err)
	assert.Empty(t, rec.only(t).RawQuery)
	assert.Equal(t, ptrTo("1"), h.From)
	assert.Nil(t, h.To, "null: renews indefinitely")

	_, err = c.DIDHistory.Get(t.Context(), id, &GetOptions{Include: []string{"did"}})
	assertInvalid(t, err, "include")
	assert.ErrorContains(t, err, "no includes")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDIDHistoryUnknownValuesKept(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	body := `{"data":[{"id":"h9","type":"did_history","attributes":{"did_number":null,"action":"ported_out","method":"robot",` +
		`"created_at":"2026-04-16T10:00:00Z"}}],"meta":{"total_records":1}}`
	mt.RegisterResponder("GET", testBaseURL+"/did_history", jsonAPI(200, []byte(body)))
	p, err := c.DIDHistory.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, DIDHistoryAction("ported_out"), p.Items[0].Action)
	assert.Equal(t, DIDHistoryMethod("robot"), p.Items[0].Method)
	assert.Empty(t, p.Items[0].DIDNumber)
}

func TestDIDHistoryListRefused(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)
	for name, tc := range map[string]struct {
		opts  *DIDHistoryListOptions
		field string
	}{
		"reversed range": {&DIDHistoryListOptions{CreatedAfter: now, CreatedBefore: now.Add(-time.Second)}, "CreatedBefore"},
		"unknown sort":   {&DIDHistoryListOptions{Sort: []string{"action"}}, "sort"},
		"empty id":       {&DIDHistoryListOptions{ID: []string{""}}, "filter[id]"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			_, err := c.DIDHistory.List(t.Context(), tc.opts)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
}
