package didwwtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// at1119 is a server whose default account is at 2026-11-19, with its token.
func at1119(t *testing.T, opts ...Option) (*Server, []string) {
	t.Helper()
	s := newTestServer(t, append(opts, WithDefaultAccount(APIVersion("2026-11-19")))...)
	return s, bearer(tokenFor(t, s, s.APIKey))
}

func TestNumberTypeReplacesDIDGroupType(t *testing.T) {
	t.Parallel()
	s, auth := at1119(t)
	cases := []struct{ path, code, names string }{
		{"/did_groups?include=did_group_type", "112", "number_type"},
		{"/did_groups/" + DIDGroupLosAngelesID + "?include=did_group_type", "112", "number_type"},
		{"/did_groups?filter%5Bdid_group_type.id%5D=" + DIDGroupTypeLocalID, "102", "filter by number_type"},
		{"/did_groups?sort=-did_group_type.name", "114", "number_type"},
		{"/did_groups?fields%5Bdid_groups%5D=prefix,did_group_type", "104", "number_type"},
		{"/available_dids?filter%5Bdid_group_type.id%5D=" + DIDGroupTypeLocalID, "102", "did_group.number_type"},
		{"/address_requirements?include=did_group_type", "112", "number_type"},
		{"/address_requirements?filter%5Bdid_group_type.id%5D=" + DIDGroupTypeLocalID, "102", "number_type"},
		{"/countries?fields%5Bdid_group_types%5D=name", "101", "did_group_types"},
	}
	for _, tc := range cases {
		e := wantError(t, apiCall(t, s, "", "GET", tc.path, nil, auth...), 400, tc.code)
		assert.Contains(t, e.Detail, tc.names, "%s: detail %q does not name %s", tc.path, e.Detail, tc.names)
	}
	for _, path := range []string{"/did_group_types", "/did_group_types/" + DIDGroupTypeLocalID,
		"/did_groups/" + DIDGroupLosAngelesID + "/did_group_type", "/did_groups/" + DIDGroupLosAngelesID + "/relationships/did_group_type"} {
		wantError(t, apiCall(t, s, "", "GET", path, nil, auth...), 404, "404")
	}
	// The same requests are served under 2026-04-16.
	for _, path := range []string{"/did_groups?include=did_group_type", "/did_group_types", "/available_dids?filter%5Bdid_group_type.id%5D=" + DIDGroupTypeLocalID} {
		wantStatus(t, apiCall(t, s, s.NewAccount("1"), "GET", path, nil), 200)
	}
}

func TestNumberTypeShapes(t *testing.T) {
	t.Parallel()
	cat := DefaultCatalogue()
	for i := range cat.DIDGroups {
		cat.DIDGroups[i].IsDemo = cat.DIDGroups[i].ID == DIDGroupNewYorkID
	}
	s, auth := at1119(t, WithCatalogue(cat))
	r := apiCall(t, s, "", "GET", "/did_groups/"+DIDGroupLondonID+"?include=address_requirement", nil, auth...)
	wantStatus(t, r, 200)
	g := r.one(t)
	assert.Equal(t, "local", g.Attributes["number_type"], "attributes %v", g.Attributes)
	assert.Equal(t, false, g.Attributes["is_demo"], "attributes %v", g.Attributes)
	_, ok := g.Relationships["did_group_type"]
	assert.False(t, ok, "relationships %v", g.Relationships)
	assert.NotNil(t, g.Relationships["country"].Links, "relationships %v", g.Relationships)
	if assert.Len(t, r.doc.Included, 1, "included requirement %+v", r.doc.Included) {
		assert.Equal(t, "local", r.doc.Included[0].Attributes["number_type"], "included requirement %+v", r.doc.Included)
		assert.NotNil(t, r.doc.Included[0].Attributes["personal_mandatory_fields"], "included requirement %+v", r.doc.Included)
	}
	list := func(path string) []tRes {
		t.Helper()
		r := apiCall(t, s, "", "GET", path, nil, auth...)
		wantStatus(t, r, 200)
		return r.list(t)
	}
	tollFree := list("/did_groups?filter%5Bnumber_type%5D=toll_free&page%5Bsize%5D=100")
	for _, g := range tollFree {
		assert.Equal(t, "toll_free", g.Attributes["number_type"], "number_type=toll_free matched %v", g.Attributes)
		assert.Equal(t, "Toll-free", g.Attributes["area_name"], "number_type=toll_free matched %v", g.Attributes)
	}
	assert.NotEmpty(t, tollFree, "no toll-free group")
	demo := list("/did_groups?filter%5Bis_demo%5D=true")
	if assert.Len(t, demo, 1, "is_demo=true: %v", ids(demo)) {
		assert.Equal(t, DIDGroupNewYorkID, demo[0].ID, "is_demo=true: %v", ids(demo))
	}
	assert.NotEmpty(t, list("/available_dids?filter%5Bdid_group.number_type%5D=mobile&include=did_group"), "no mobile numbers")
	wantError(t, apiCall(t, s, "", "GET", "/did_groups?filter%5Bnumber_type%5D=Local", nil, auth...), 400, "107")
	// 2026-04-16 has none of it.
	old := s.NewAccount("1")
	r = apiCall(t, s, old, "GET", "/did_groups/"+DIDGroupLondonID+"?include=address_requirement", nil)
	wantStatus(t, r, 200)
	assert.Nil(t, r.one(t).Attributes["number_type"], "2026-04-16 group %s", r.body)
	if assert.NotNil(t, r.one(t).Relationships["did_group_type"].Links, "2026-04-16 group %s", r.body) {
		assert.Nil(t, r.doc.Included[0].Attributes["personal_mandatory_fields"], "2026-04-16 group %s", r.body)
	}
	for _, q := range []string{"filter%5Bnumber_type%5D=local", "filter%5Bis_demo%5D=true", "fields%5Bdid_groups%5D=number_type"} {
		r := apiCall(t, s, old, "GET", "/did_groups?"+q, nil)
		assert.Equal(t, 400, r.status, "2026-04-16 %s: %d", q, r.status)
	}
}

func TestCredentialHooks(t *testing.T) {
	t.Parallel()
	s, auth := at1119(t)
	r := apiCall(t, s, "", "GET", "/public_keys", nil, "X-DIDWW-API-Version", "2026-11-19")
	wantStatus(t, r, 200)
	if assert.Len(t, r.list(t), 2, "public_keys: %s", r.body) {
		assert.Nil(t, r.doc.Meta, "public_keys: %s", r.body)
	}
	// The export download takes either credential: an unknown file is then
	// 404 (without a body), not 401.
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/exports/x.csv.gz", nil), 404)
	wantStatus(t, apiCall(t, s, "", "GET", "/exports/x.csv.gz", nil, auth...), 404)
	wantError(t, apiCall(t, s, "", "GET", "/exports/x.csv.gz", nil), 401, "401")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/exports/x", nil), 401, "401")
}

func TestRateLimitPerAccount(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC))
	s, auth := at1119(t, WithRateLimit(2))
	s.rateNow = clock.Now
	other := bearer(tokenFor(t, s, s.APIKey)) // a second token of the same account
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, auth...), 200)
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, other...), 200)
	r := apiCall(t, s, "", "GET", "/countries", nil, other...)
	e := wantError(t, r, 429, "too_many_requests")
	assert.Equal(t, "1", r.header.Get("Retry-After"), "429: %v %+v", r.header, e)
	assert.Equal(t, "Too many requests", e.Title, "429: %v %+v", r.header, e)
	// Another account has its own budget; 2026-04-16 answers without a code.
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, bearer(tokenFor(t, s, s.NewAccount("1", APIVersion("2026-11-19"))))...), 200)
	old := s.NewAccount("1")
	wantStatus(t, apiCall(t, s, old, "GET", "/countries", nil), 200)
	wantStatus(t, apiCall(t, s, old, "GET", "/countries", nil), 200)
	r = apiCall(t, s, old, "GET", "/countries", nil)
	assert.Equal(t, 429, r.status, "2026-04-16 429: %d %s", r.status, r.body)
	assert.Empty(t, r.doc.Errors[0].Code, "2026-04-16 429: %d %s", r.status, r.body)
	assert.Equal(t, "1", r.header.Get("Retry-After"), "2026-04-16 429: %d %s", r.status, r.body)
	clock.Advance(time.Second)
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, auth...), 200)
}
