package didwwtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// follow sends GET to an absolute link of the server.
func follow(t *testing.T, s *Server, key, link string, hdr ...string) *tResp {
	t.Helper()
	path, ok := strings.CutPrefix(link, s.URL)
	require.True(t, ok, "link %q is not below %s", link, s.URL)
	return apiCall(t, s, key, "GET", path, nil, hdr...)
}

func TestRelationshipLinksAnswer(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	group := apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID, nil).one(t)

	country := group.Relationships["country"].Links
	r := follow(t, s, s.APIKey, country["self"])
	wantStatus(t, r, 200)
	var linkage ref
	err := json.Unmarshal(r.doc.Data, &linkage)
	if assert.NoError(t, err, "self of country: data %s (%v)", r.doc.Data, err) {
		assert.Equal(t, (ref{"countries", CountryUSID}), linkage, "self of country: data %s (%v)", r.doc.Data, err)
	}
	assert.Equal(t, country["self"], r.doc.Links["self"], "self of country: links %v, meta %v", r.doc.Links, r.doc.Meta)
	assert.Equal(t, country["related"], r.doc.Links["related"], "self of country: links %v, meta %v", r.doc.Links, r.doc.Meta)
	assert.Equal(t, "2026-04-16", r.doc.Meta["api_version"], "self of country: links %v, meta %v", r.doc.Links, r.doc.Meta)
	r = follow(t, s, s.APIKey, country["related"])
	wantStatus(t, r, 200)
	c := r.one(t)
	assert.Equal(t, CountryUSID, c.ID, "related country: %s", r.body)
	assert.Equal(t, "countries", c.Type, "related country: %s", r.body)
	assert.Equal(t, "US", c.Attributes["iso"], "related country: %s", r.body)

	r = follow(t, s, s.APIKey, group.Relationships["stock_keeping_units"].Links["related"])
	wantStatus(t, r, 200)
	var ids []string
	for _, k := range r.list(t) {
		ids = append(ids, k.ID)
	}
	assert.Equal(t, []string{SKULosAngelesMeteredID, SKULosAngelesChannelsID}, ids, "related SKUs")
	r = follow(t, s, s.APIKey, group.Relationships["stock_keeping_units"].Links["related"]+"?include=bogus")
	wantError(t, r, 400, "112")

	// A relationship to nothing: null data, on both links.
	mobile := apiCall(t, s, s.APIKey, "GET", "/did_groups/"+uid("did_group/GB/Mobile"), nil).one(t)
	for _, k := range []string{"self", "related"} {
		r = follow(t, s, s.APIKey, mobile.Relationships["city"].Links[k])
		wantStatus(t, r, 200)
		assert.Equal(t, "null", string(r.doc.Data), "%s of a group without city: data %s", k, r.doc.Data)
	}

	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID+"/relationships/bogus", nil), 404)
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID+"/bogus", nil), 404)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/did_groups/nope/country", nil), 404, "404")
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/did_groups/"+DIDGroupLosAngelesID+"/relationships/country", nil), 405)
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/stock_keeping_units/"+SKULosAngelesMeteredID, nil), 404)
}

func TestRelationshipLinksOfAnAccount(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "POST", "/did_reservations", map[string]any{"data": map[string]any{"type": "did_reservations",
		"relationships": map[string]any{"available_did": map[string]any{"data": map[string]any{"type": "available_dids", "id": AvailableDIDNewYorkID}}}}})
	wantStatus(t, r, 201)
	res := r.one(t)
	related := res.Relationships["available_did"].Links["related"]
	r = follow(t, s, s.APIKey, related+"?include=did_group")
	wantStatus(t, r, 200)
	d := r.one(t)
	assert.Equal(t, AvailableDIDNewYorkID, d.ID, "related available DID: %s", r.body)
	if assert.Len(t, r.doc.Included, 1, "related available DID: %s", r.body) {
		assert.Equal(t, DIDGroupNewYorkID, r.doc.Included[0].ID, "related available DID: %s", r.body)
	}
	// Another account does not see the reservation, nor through its links.
	other := s.NewAccount("10")
	wantError(t, follow(t, s, other, related), 404, "404")
	wantError(t, follow(t, s, other, res.Relationships["available_did"].Links["self"]), 404, "404")
}

func TestNumberSelectionGate(t *testing.T) {
	t.Parallel()
	reserve := map[string]any{"data": map[string]any{"type": "did_reservations",
		"relationships": map[string]any{"available_did": map[string]any{"data": map[string]any{"type": "available_dids", "id": AvailableDIDLosAngelesID}}}}}
	gated := []struct {
		method, path string
		body         any
	}{
		{"GET", "/available_dids", nil},
		{"GET", "/available_dids/" + AvailableDIDLosAngelesID, nil},
		{"GET", "/available_dids/" + AvailableDIDLosAngelesID + "/did_group", nil},
		{"GET", "/did_reservations", nil},
		{"GET", "/did_reservations/" + uid("x"), nil},
		{"POST", "/did_reservations", reserve},
		{"DELETE", "/did_reservations/" + uid("x"), nil},
	}
	check := func(s *Server, key string) {
		t.Helper()
		for _, g := range gated {
			e := wantError(t, apiCall(t, s, key, g.method, g.path, g.body), 403, "403")
			assert.Equal(t, "Numbers selection is not enabled for the account.", e.Detail, "%s %s: %+v", g.method, g.path, e)
			assert.Nil(t, e.Source, "%s %s: %+v", g.method, g.path, e)
		}
		// The rest of the API is the account's as before.
		wantStatus(t, apiCall(t, s, key, "GET", "/did_groups?filter%5Bavailable_dids_enabled%5D=true", nil), 200)
	}
	off := newTestServer(t, WithDefaultAccount(NumberSelection(false)))
	check(off, off.APIKey)
	rs := off.Reservations(off.APIKey)
	assert.Empty(t, rs, "a refused account holds %+v", rs)

	s := newTestServer(t)
	check(s, s.NewAccount("10", NumberSelection(false)))
	for _, key := range []string{s.APIKey, s.NewAccount("10", NumberSelection(true))} {
		wantStatus(t, apiCall(t, s, key, "GET", "/available_dids", nil), 200)
	}
}

func TestAPIVersionHeader(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for header, served := range map[string]string{
		"":           "2026-04-16", // the account's version
		"2026-04-16": "2026-04-16",
		"2022-05-10": "2026-04-16", // older than the account's: ignored, as the API does
		"2017-09-18": "2026-04-16",
	} {
		var hdr []string
		if header != "" {
			hdr = []string{"X-DIDWW-API-Version", header}
		}
		r := apiCall(t, s, s.APIKey, "GET", "/countries/"+CountryCAID, nil, hdr...)
		wantStatus(t, r, 200)
		assert.Equal(t, served, r.doc.Meta["api_version"], "header %q: meta.api_version %v, want %s", header, r.doc.Meta["api_version"], served)
	}
	for _, header := range []string{"2026-11-20", "1999-01-01", "2026-4-16", "latest"} {
		r := apiCall(t, s, s.APIKey, "GET", "/countries", nil, "X-DIDWW-API-Version", header)
		e := wantError(t, r, 400, "400")
		assert.Equal(t, "Invalid API version", e.Title, "header %q: %+v", header, e)
		assert.Contains(t, e.Detail, header, "header %q: %+v", header, e)
		assert.Contains(t, e.Detail, "2026-04-16, 2026-11-19", "header %q: %+v", header, e)
	}
	// A newer version applies to the request; 2026-11-19 refuses the key.
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/countries", nil, "X-DIDWW-API-Version", "2026-11-19"), 401, "401")
	// The key is checked first.
	wantStatus(t, apiCall(t, s, "wrong", "GET", "/countries", nil, "X-DIDWW-API-Version", "latest"), 401)
}

func TestAvailableDIDsPromiseNoOrder(t *testing.T) {
	t.Parallel()
	numbers := func(s *Server, q string) []string {
		t.Helper()
		r := apiCall(t, s, s.APIKey, "GET", "/available_dids?filter%5Bdid_group.id%5D="+DIDGroupLosAngelesID+q, nil)
		wantStatus(t, r, 200)
		var out []string
		for _, d := range r.list(t) {
			out = append(out, d.Attributes["number"].(string))
		}
		return out
	}
	s := newTestServer(t)
	plain := numbers(s, "")
	desc := slices.Clone(plain)
	slices.Reverse(desc)
	if assert.Len(t, plain, 24, "numbers in number order: %v", plain) {
		assert.False(t, slices.IsSorted(plain), "numbers in number order: %v", plain)
		assert.False(t, slices.IsSorted(desc), "numbers in number order: %v", plain)
	}
	for _, q := range []string{"", "&sort=number", "&sort=-number"} {
		got := numbers(s, q)
		assert.Equal(t, plain, got, "%q: %v, want the server's one order %v", q, got, plain)
	}
	assert.Equal(t, plain, numbers(newTestServer(t), ""), "same seed, other order")
	other := numbers(newTestServer(t, WithFaultSeed(7)), "")
	assert.False(t, slices.Equal(other, plain), "seed 7 gives the order of seed 1")
}

func TestGroupMetaAsTheAPISendsIt(t *testing.T) {
	t.Parallel()
	cat := DefaultCatalogue()
	for i := range cat.DIDGroups {
		if cat.DIDGroups[i].ID == DIDGroupLosAngelesID {
			cat.DIDGroups[i].AbsentMeta = []string{"total_count", "needs_registration"}
		}
	}
	s := newTestServer(t, WithCatalogue(cat))
	keys := func(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
	r := apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID, nil)
	assert.Equal(t, []string{"available_dids_enabled", "is_available"}, keys(r.one(t).Meta), "primary group with absent meta")
	r = apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupNewYorkID, nil)
	assert.Equal(t, []string{"available_dids_enabled", "is_available", "needs_registration", "total_count"}, keys(r.one(t).Meta), "primary group")
	r = apiCall(t, s, s.APIKey, "GET", "/available_dids/"+AvailableDIDNewYorkID+"?include=did_group", nil)
	if assert.Len(t, r.doc.Included, 1, "included group: %s", r.body) {
		assert.Equal(t, []string{"available_dids_enabled"}, keys(r.doc.Included[0].Meta), "included group: %s", r.body)
	}

	cat.DIDGroups[0].AbsentMeta = []string{"available_dids_enabled"}
	err := cat.Validate()
	if assert.Error(t, err, "Validate with absent_meta available_dids_enabled") {
		assert.Contains(t, err.Error(), "absent_meta", "Validate with absent_meta available_dids_enabled")
	}
}

func TestStringFiltersIgnoreCaseOnlyForNames(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	count := func(q string) int {
		t.Helper()
		r := apiCall(t, s, s.APIKey, "GET", q, nil)
		wantStatus(t, r, 200)
		return len(r.list(t))
	}
	for q, want := range map[string]int{
		"/countries?filter%5Bname%5D=united%20STATES":     1,
		"/countries?filter%5Biso%5D=us":                   0,
		"/countries?filter%5Biso%5D=US":                   1,
		"/regions?filter%5Bname%5D=CALIFORNIA":            1,
		"/regions?filter%5Biso%5D=ca":                     0,
		"/cities?filter%5Bname%5D=los%20angeles":          1,
		"/did_groups?filter%5Barea_name%5D=los%20angeles": 0,
		"/did_groups?filter%5Barea_name%5D=Los%20Angeles": 1,
	} {
		got := count(q)
		assert.Equal(t, want, got, "%s: %d items, want %d", q, got, want)
	}
}

func TestRefusedByTheVersion(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, q := range []string{
		"/did_groups?filter%5Blocal_prefix%5D=213",
		"/did_groups?sort=local_prefix",
		"/did_groups?filter%5Bfeatures%5D=sms_out",
		"/nanpa_prefixes?filter%5Bdid_group.features%5D=voice_in,sms_out",
		"/available_dids?filter%5Bdid_group.features%5D=sms_out",
		"/available_dids?include=did_group.country",
	} {
		r := apiCall(t, s, s.APIKey, "GET", q, nil)
		wantStatus(t, r, 400)
		e := r.doc.Errors[0]
		assert.Nil(t, e.Source, "%s: a 400 with a source: %+v", q, e.Source)
	}
	g := apiCall(t, s, s.APIKey, "GET", "/did_groups/"+DIDGroupLosAngelesID, nil).one(t)
	_, ok := g.Attributes["local_prefix"]
	assert.False(t, ok, "did group carries local_prefix: %v", g.Attributes)
}

// A callback receiver behind TLS with its own certificate needs the
// server to trust it: WithCallbackHTTPClient hands it the receiver's client.
func TestCallbackHTTPClientReachesATLSReceiver(t *testing.T) {
	t.Parallel()
	got := make(chan string, 3)
	rx := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		got <- r.PostForm.Get("status")
	}))
	defer rx.Close()
	s := newTestServer(t, WithCallbackHTTPClient(rx.Client()), WithOrderCompletionDelay(0))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(map[string]any{"callback_url": rx.URL + "/didww"},
		didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
	wantStatus(t, r, 201)
	select {
	case status := <-got:
		assert.Equal(t, "completed", status, "callback status")
	case <-time.After(10 * time.Second):
		require.Fail(t, fmt.Sprintf("no callback reached the TLS receiver: %+v", s.Callbacks()))
	}
}

// A read-only resource is one registration and its data: its list, show,
// filters, sorts, fields[] and relationship links all follow from it.
func TestOneRegistrationServesAResource(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	pools := []CapacityPool{{ID: uid("pool/a"), Name: "Alpha"}, {ID: uid("pool/b"), Name: "Beta"}}
	s.mu.Lock()
	s.reg.add(readOnly(&kind[*CapacityPool]{all: ptrs(pools), id: func(p *CapacityPool) string { return p.ID },
		listSpec: listSpec[*CapacityPool]{typ: "test_widgets", paginated: true,
			filters:  map[string]filterFn[*CapacityPool]{"name": fName(func(p *CapacityPool) string { return p.Name })},
			sorts:    map[string]func(a, b *CapacityPool) int{"name": func(a, b *CapacityPool) int { return cmpStr(a.Name, b.Name) }},
			includes: []string{"country"},
			obj: func(p *CapacityPool) *obj {
				return &obj{typ: "test_widgets", id: p.ID, attrs: map[string]any{"name": p.Name},
					rels: []rel{toOne("country", "countries", CountryUSID)}}
			},
		}}))
	s.mu.Unlock()

	r := apiCall(t, s, s.APIKey, "GET", "/test_widgets?sort=-name&filter%5Bname%5D=alpha,beta", nil)
	wantStatus(t, r, 200)
	got := r.list(t)
	if assert.Len(t, got, 2, "list: %s", r.body) {
		assert.Equal(t, "Beta", got[0].Attributes["name"], "list: %s", r.body)
		assert.Equal(t, 2.0, r.doc.Meta["total_records"], "list: %s", r.body)
	}
	r = apiCall(t, s, s.APIKey, "GET", "/test_widgets/"+pools[0].ID+"?include=country&fields%5Btest_widgets%5D=name", nil)
	wantStatus(t, r, 200)
	p := r.one(t)
	assert.Equal(t, "Alpha", p.Attributes["name"], "show: %s", r.body)
	if assert.Len(t, r.doc.Included, 1, "show: %s", r.body) {
		assert.Equal(t, CountryUSID, r.doc.Included[0].ID, "show: %s", r.body)
	}
	wantStatus(t, follow(t, s, s.APIKey, s.URL+"/test_widgets/"+pools[1].ID+"/country"), 200)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/test_widgets/"+uid("pool/c"), nil), 404, "404")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/test_widgets?fields%5Btest_widgets%5D=size", nil), 400, "104")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/test_widgets?filter%5Bsize%5D=1", nil), 400, "102")
}
