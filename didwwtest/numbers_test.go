package didwwtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buyDIDs places a completed order of qty numbers of SKU sku on a server
// that completes at once, and returns the order's id.
func buyDIDs(t *testing.T, s *Server, key, sku string, qty int) string {
	t.Helper()
	r := apiCall(t, s, key, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": qty})))
	wantStatus(t, r, 201)
	o := r.one(t)
	require.Equal(t, "completed", o.Attributes["status"], "order %s: %s", o.Attributes["status"], r.body)
	return o.ID
}

func sipTrunkBody(name string, rels map[string]any) map[string]any {
	cfg := map[string]any{"type": "sip_configurations", "attributes": map[string]any{"host": "pbx.example.com", "port": 5060,
		"auth_enabled": true, "auth_user": "pbx", "auth_password": "s3cret-pass"}}
	return body("voice_in_trunks", "", map[string]any{"name": name, "configuration": cfg}, rels)
}

func createID(t *testing.T, s *Server, path string, b map[string]any) string {
	t.Helper()
	r := apiCall(t, s, s.APIKey, "POST", path, b)
	wantStatus(t, r, 201)
	return r.one(t).ID
}

// linkage decodes the data of relationship name: "" for null.
func linkageID(t *testing.T, r tRes, name string) string {
	t.Helper()
	var to *ref
	err := json.Unmarshal(r.Relationships[name].Data, &to)
	require.NoError(t, err, "%s linkage %s: %v", name, r.Relationships[name].Data, err)
	if to == nil {
		return ""
	}
	return to.ID
}

func TestCompletedOrderCreatesItsDIDs(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	orderID := buyDIDs(t, s, s.APIKey, SKULosAngelesChannelsID, 2)
	r := apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Border.id%5D="+orderID+"&include=did_group,order,voice_in_trunk", nil)
	wantStatus(t, r, 200)
	dids := r.list(t)
	require.Len(t, dids, 2, "DIDs of the order: %s", r.body)
	require.Equal(t, 2.0, r.doc.Meta["total_records"], "DIDs of the order: %s", r.body)
	var numbers []string
	for _, d := range dids {
		n, _ := d.Attributes["number"].(string)
		numbers = append(numbers, n)
		assert.True(t, strings.HasPrefix(n, "1213"), "DID %s: %v", d.ID, d.Attributes)
		if assert.Len(t, n, 11, "DID %s: %v", d.ID, d.Attributes) {
			assert.Equal(t, 2.0, d.Attributes["channels_included_count"], "DID %s: %v", d.ID, d.Attributes)
			assert.Equal(t, false, d.Attributes["blocked"], "DID %s: %v", d.ID, d.Attributes)
			assert.Equal(t, false, d.Attributes["terminated"], "DID %s: %v", d.ID, d.Attributes)
			assert.Nil(t, d.Attributes["billing_cycles_count"], "DID %s: %v", d.ID, d.Attributes)
		}
		assert.Equal(t, orderID, linkageID(t, d, "order"), "DID %s relationships: %s", d.ID, r.body)
		assert.Equal(t, DIDGroupLosAngelesID, linkageID(t, d, "did_group"), "DID %s relationships: %s", d.ID, r.body)
		assert.Empty(t, linkageID(t, d, "voice_in_trunk"), "DID %s relationships: %s", d.ID, r.body)
	}
	assert.NotEqual(t, numbers[1], numbers[0], "two DIDs with number")
	o := apiCall(t, s, s.APIKey, "GET", "/orders/"+orderID, nil).one(t)
	r = apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Border.reference%5D="+o.Attributes["reference"].(string), nil)
	assert.Equal(t, ids(dids), ids(r.list(t)), "by order reference")
	other := s.NewAccount("10")
	assert.Empty(t, apiCall(t, s, other, "GET", "/dids", nil).list(t), "another account sees the DIDs")

	h := apiCall(t, s, s.APIKey, "GET", "/did_history?sort=created_at&filter%5Baction%5D=assigned", nil).list(t)
	require.Len(t, h, 2, "history: %v", h)
	for i, e := range h {
		assert.Equal(t, numbers[i], e.Attributes["did_number"], "history %d: %+v", i, e)
		assert.Equal(t, "api3", e.Attributes["method"], "history %d: %+v", i, e)
		assert.Nil(t, e.Meta, "history %d: %+v", i, e)
	}
	// 2 × (4.0 setup + 4.0 a month) = 16.0 spent.
	b := apiCall(t, s, s.APIKey, "GET", "/balance", nil).one(t)
	assert.Equal(t, "balances", b.Type, "balance: %+v", b)
	if assert.NotEmpty(t, b.ID, "balance: %+v", b) {
		assert.Equal(t, "84.00", b.Attributes["balance"], "balance: %+v", b)
		assert.Equal(t, "0.00", b.Attributes["credit"], "balance: %+v", b)
		assert.Equal(t, "84.00", b.Attributes["total_balance"], "balance: %+v", b)
	}
}

func TestOrderOfASpecificNumberCreatesThatDID(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	r := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID,
		"available_did_id": AvailableDIDLosAngelesID, "billing_cycles_count": 3})))
	wantStatus(t, r, 201)
	d := apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Border.id%5D="+r.one(t).ID, nil).list(t)
	if assert.Len(t, d, 1, "DIDs: %+v", d) {
		assert.Equal(t, "12132933575", d[0].Attributes["number"], "DIDs: %+v", d)
		assert.Equal(t, 3.0, d[0].Attributes["billing_cycles_count"], "DIDs: %+v", d)
	}
}

func TestCreditIsSpendableAndShown(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	key := s.NewAccount("5.00", Credit("10"))
	r := apiCall(t, s, key, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1})))
	wantStatus(t, r, 201)
	b := apiCall(t, s, key, "GET", "/balance", nil).one(t)
	assert.Equal(t, "-3.00", b.Attributes["balance"], "balance: %v", b.Attributes)
	assert.Equal(t, "10.00", b.Attributes["credit"], "balance: %v", b.Attributes)
	assert.Equal(t, "7.00", b.Attributes["total_balance"], "balance: %v", b.Attributes)
	wantError(t, apiCall(t, s, key, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesChannelsID, "qty": 1}))), 400, "400")
	wantError(t, apiCall(t, s, key, "GET", "/balance?include=x", nil), 400, "112")
	wantError(t, apiCall(t, s, key, "GET", "/balance/"+b.ID, nil), 404, "404")
	wantError(t, apiCall(t, s, key, "GET", "/pops/"+PopNewYorkID, nil), 404, "404")
}

func TestRouteDIDToTrunkAndReadBack(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	buyDIDs(t, s, s.APIKey, SKULosAngelesMeteredID, 1)
	did := apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t)[0].ID
	trunkID := createID(t, s, "/voice_in_trunks", sipTrunkBody("PBX", map[string]any{"pop": one("pops", PopNewYorkID)}))
	r := apiCall(t, s, s.APIKey, "PATCH", "/dids/"+did, body("dids", did, map[string]any{"description": "desk"},
		map[string]any{"voice_in_trunk": one("voice_in_trunks", trunkID), "voice_in_trunk_group": one("voice_in_trunk_groups", "")}))
	wantStatus(t, r, 200)
	got := r.one(t)
	assert.Equal(t, "desk", got.Attributes["description"], "update answer: %s", r.body)
	assert.Nil(t, got.Relationships["voice_in_trunk"].Data, "update answer: %s", r.body)
	r = apiCall(t, s, s.APIKey, "GET", "/dids/"+did+"?include=voice_in_trunk.pop", nil)
	wantStatus(t, r, 200)
	require.Equal(t, trunkID, linkageID(t, r.one(t), "voice_in_trunk"), "read back: %s", r.body)
	require.Len(t, r.doc.Included, 2, "read back: %s", r.body)
	inc := r.doc.Included[0]
	cfg, _ := inc.Attributes["configuration"].(map[string]any)
	attrs, _ := cfg["attributes"].(map[string]any)
	assert.Equal(t, trunkID, inc.ID, "included trunk: %+v", r.doc.Included)
	assert.Equal(t, "sip_configurations", cfg["type"], "included trunk: %+v", r.doc.Included)
	assert.Equal(t, "s3cret-pass", attrs["auth_password"], "included trunk: %+v", r.doc.Included)
	assert.Equal(t, "pbx.example.com", attrs["host"], "included trunk: %+v", r.doc.Included)
	assert.Equal(t, 5060.0, attrs["port"], "included trunk: %+v", r.doc.Included)
	if assert.Len(t, attrs, 39, "included trunk: %+v", r.doc.Included) {
		assert.Equal(t, "New York, NY, USA", r.doc.Included[1].Attributes["name"], "included trunk: %+v", r.doc.Included)
	}
	assert.Equal(t, []string{did}, ids(apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Bvoice_in_trunk.id%5D="+trunkID, nil).list(t)), "filter voice_in_trunk.id")
}

func TestRoutingNeedsAnExistingTrunkAndOnlyOne(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	buyDIDs(t, s, s.APIKey, SKULosAngelesMeteredID, 1)
	did := apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t)[0].ID
	trunkID := createID(t, s, "/voice_in_trunks", sipTrunkBody("PBX", nil))
	groupID := createID(t, s, "/voice_in_trunk_groups", body("voice_in_trunk_groups", "", map[string]any{"name": "G"}, nil))
	patch := func(rels map[string]any) *tResp {
		return apiCall(t, s, s.APIKey, "PATCH", "/dids/"+did, body("dids", did, nil, rels))
	}
	e := wantError(t, patch(map[string]any{"voice_in_trunk": one("voice_in_trunks", missingID)}), 422, "100")
	if assert.NotNil(t, e.Source, "missing trunk: %+v", e) {
		assert.Equal(t, "/data/attributes/voice_in_trunk_id", e.Source.Pointer, "missing trunk: %+v", e)
		assert.Equal(t, "voice_in_trunk - is invalid", e.Detail, "missing trunk: %+v", e)
	}
	// Another account's trunk is missing too.
	otherKey := s.NewAccount("1")
	other := apiCall(t, s, otherKey, "POST", "/voice_in_trunks", sipTrunkBody("theirs", nil)).one(t).ID
	wantError(t, patch(map[string]any{"voice_in_trunk": one("voice_in_trunks", other)}), 422, "100")
	e = wantError(t, patch(map[string]any{"voice_in_trunk": one("voice_in_trunks", trunkID), "voice_in_trunk_group": one("voice_in_trunk_groups", groupID)}), 422, "100")
	assert.Contains(t, e.Detail, "voice_in_trunk_group", "both: %+v", e)
	assert.False(t, !strings.Contains(e.Detail, "voice_in_trunk ") && !strings.HasSuffix(e.Detail, "voice_in_trunk"), "both: %+v", e)
	wantError(t, patch(map[string]any{"capacity_pool": one("capacity_pools", CapacityPoolID), "shared_capacity_group": one("shared_capacity_groups", missingID)}), 422, "100")
	wantError(t, patch(map[string]any{"voice_in_trunk": one("voice_in_trunk_groups", groupID)}), 400, "116")
	d := apiCall(t, s, s.APIKey, "GET", "/dids/"+did+"?include=voice_in_trunk,voice_in_trunk_group", nil).one(t)
	require.Empty(t, linkageID(t, d, "voice_in_trunk"), "a refused update changed the DID: %+v", d.Relationships)
	require.Empty(t, linkageID(t, d, "voice_in_trunk_group"), "a refused update changed the DID: %+v", d.Relationships)
	// Setting one clears the other.
	wantStatus(t, patch(map[string]any{"voice_in_trunk": one("voice_in_trunks", trunkID)}), 200)
	wantStatus(t, patch(map[string]any{"voice_in_trunk_group": one("voice_in_trunk_groups", groupID)}), 200)
	d = apiCall(t, s, s.APIKey, "GET", "/dids/"+did+"?include=voice_in_trunk,voice_in_trunk_group", nil).one(t)
	assert.Empty(t, linkageID(t, d, "voice_in_trunk"), "after routing to the group: %+v", d.Relationships)
	assert.Equal(t, groupID, linkageID(t, d, "voice_in_trunk_group"), "after routing to the group: %+v", d.Relationships)
}

func TestDeletingAUsedTrunkUnroutesItsDIDs(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	buyDIDs(t, s, s.APIKey, SKULosAngelesMeteredID, 2)
	dids := ids(apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t))
	trunkID := createID(t, s, "/voice_in_trunks", sipTrunkBody("PBX", nil))
	groupID := createID(t, s, "/voice_in_trunk_groups", body("voice_in_trunk_groups", "", map[string]any{"name": "G"},
		map[string]any{"voice_in_trunks": many("voice_in_trunks", trunkID)}))
	wantStatus(t, apiCall(t, s, s.APIKey, "PATCH", "/dids/"+dids[0], body("dids", dids[0], nil, map[string]any{"voice_in_trunk": one("voice_in_trunks", trunkID)})), 200)
	wantStatus(t, apiCall(t, s, s.APIKey, "PATCH", "/dids/"+dids[1], body("dids", dids[1], nil, map[string]any{"voice_in_trunk_group": one("voice_in_trunk_groups", groupID)})), 200)

	r := apiCall(t, s, s.APIKey, "DELETE", "/voice_in_trunks/"+trunkID, nil)
	wantStatus(t, r, 204)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/voice_in_trunks/"+trunkID, nil), 404, "404")
	d := apiCall(t, s, s.APIKey, "GET", "/dids/"+dids[0]+"?include=voice_in_trunk", nil).one(t)
	assert.Empty(t, linkageID(t, d, "voice_in_trunk"), "DID still routed to the deleted trunk: %s", d.Relationships["voice_in_trunk"].Data)
	g := apiCall(t, s, s.APIKey, "GET", "/voice_in_trunk_groups/"+groupID, nil).one(t)
	assert.Equal(t, 0.0, g.Meta["trunks_count"], "group after its trunk went: %+v", g.Meta)
	wantStatus(t, apiCall(t, s, s.APIKey, "DELETE", "/voice_in_trunk_groups/"+groupID, nil), 204)
	got := apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Bvoice_in_trunk_group.id%5D="+groupID, nil).list(t)
	assert.Empty(t, got, "DIDs still routed to the deleted group: %v", ids(got))
	assert.False(t, refusesDeletingUsedTrunk("2026-04-16"), "2026-04-16 deletes a used trunk; 2026-11-19 refuses it")
	assert.True(t, refusesDeletingUsedTrunk("2026-11-19"), "2026-04-16 deletes a used trunk; 2026-11-19 refuses it")
}

func TestTrunkGroupMembershipIsReplaced(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	a := createID(t, s, "/voice_in_trunks", sipTrunkBody("A", nil))
	b := createID(t, s, "/voice_in_trunks", sipTrunkBody("B", nil))
	g := createID(t, s, "/voice_in_trunk_groups", body("voice_in_trunk_groups", "", map[string]any{"name": "G"},
		map[string]any{"voice_in_trunks": many("voice_in_trunks", a, b)}))
	r := apiCall(t, s, s.APIKey, "PATCH", "/voice_in_trunk_groups/"+g, body("voice_in_trunk_groups", g, nil,
		map[string]any{"voice_in_trunks": many("voice_in_trunks", b)}))
	wantStatus(t, r, 200)
	assert.Equal(t, 1.0, r.one(t).Meta["trunks_count"], "update answer: %s", r.body)
	r = apiCall(t, s, s.APIKey, "GET", "/voice_in_trunk_groups/"+g+"?include=voice_in_trunks", nil)
	assert.Equal(t, []string{b}, ids(r.doc.Included), "members")
	tr := apiCall(t, s, s.APIKey, "GET", "/voice_in_trunks/"+a+"?include=voice_in_trunk_group", nil).one(t)
	assert.Empty(t, linkageID(t, tr, "voice_in_trunk_group"), "trunk A left the group but names it: %s", tr.Relationships["voice_in_trunk_group"].Data)
}

func TestCapacityPoolsAndSharedGroupsHoldChannels(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	pool := func() map[string]any {
		return apiCall(t, s, s.APIKey, "GET", "/capacity_pools/"+CapacityPoolID, nil).one(t).Attributes
	}
	p := pool()
	require.Equal(t, 0.0, p["total_channels_count"], "pool before any order: %v", p)
	require.Equal(t, 0.0, p["assigned_channels_count"], "pool before any order: %v", p)
	capacity := map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"capacity_pool_id": CapacityPoolID, "qty": 5}}
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, capacity)), 201)
	buyDIDs(t, s, s.APIKey, SKULosAngelesMeteredID, 1)
	did := apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t)[0].ID
	poolRel := map[string]any{"capacity_pool": one("capacity_pools", CapacityPoolID)}
	shared := func(n int, rels map[string]any) *tResp {
		return apiCall(t, s, s.APIKey, "POST", "/shared_capacity_groups", body("shared_capacity_groups", "",
			map[string]any{"name": "S", "shared_channels_count": n}, rels))
	}
	r := shared(3, map[string]any{"capacity_pool": one("capacity_pools", CapacityPoolID), "dids": many("dids", did)})
	wantStatus(t, r, 201)
	g := r.one(t).ID
	p = pool()
	assert.Equal(t, 5.0, p["total_channels_count"], "pool with a shared group of 3: %v", p)
	assert.Equal(t, 3.0, p["assigned_channels_count"], "pool with a shared group of 3: %v", p)
	e := wantError(t, shared(3, poolRel), 422, "100")
	assert.Equal(t, "/data/attributes/shared_channels_count", e.Source.Pointer, "over the pool: %+v", e)
	e = wantError(t, shared(1, map[string]any{}), 422, "100")
	assert.Equal(t, "/data/relationships/capacity_pool", e.Source.Pointer, "no pool: %+v", e)
	assert.Equal(t, "capacity_pool - can't be blank", e.Detail, "no pool: %+v", e)
	d := apiCall(t, s, s.APIKey, "GET", "/dids/"+did+"?include=shared_capacity_group", nil).one(t)
	assert.Equal(t, g, linkageID(t, d, "shared_capacity_group"), "DID of the group: %s", d.Relationships["shared_capacity_group"].Data)
	// The DID moves to the pool with 2 dedicated channels: it leaves the group.
	wantStatus(t, apiCall(t, s, s.APIKey, "PATCH", "/dids/"+did, body("dids", did, map[string]any{"dedicated_channels_count": 2}, poolRel)), 200)
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/dids/"+did, body("dids", did, map[string]any{"dedicated_channels_count": 3}, nil)), 422, "100")
	p = pool()
	assert.Equal(t, 5.0, p["assigned_channels_count"], "pool with 3 shared and 2 dedicated: %v", p)
	patchPool := func(n int) *tResp {
		return apiCall(t, s, s.APIKey, "PATCH", "/capacity_pools/"+CapacityPoolID, body("capacity_pools", CapacityPoolID,
			map[string]any{"total_channels_count": n}, nil))
	}
	wantError(t, patchPool(4), 422, "100") // below the assigned channels
	wantError(t, patchPool(6), 422, "100") // only lower
	wantStatus(t, apiCall(t, s, s.APIKey, "DELETE", "/shared_capacity_groups/"+g, nil), 204)
	wantStatus(t, patchPool(4), 200)
	p = pool()
	assert.Equal(t, 4.0, p["total_channels_count"], "pool after the group went and the pool was lowered: %v", p)
	assert.Equal(t, 2.0, p["assigned_channels_count"], "pool after the group went and the pool was lowered: %v", p)
	r = apiCall(t, s, s.APIKey, "GET", "/capacity_pools?include=qty_based_pricings&filter%5Bhas_unassigned_channels%5D=true", nil)
	if assert.Len(t, r.list(t), 1, "pricings: %s", r.body) && assert.Len(t, r.doc.Included, 2, "pricings: %s", r.body) {
		assert.Equal(t, 10.0, r.doc.Included[0].Attributes["qty"], "pricings: %s", r.body)
		assert.Equal(t, "2.25", r.doc.Included[0].Attributes["monthly_price"], "pricings: %s", r.body)
	}
}

func TestDIDTerminationAndRenewalsAreHistory(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	buyDIDs(t, s, s.APIKey, SKULosAngelesMeteredID, 1)
	did := apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t)[0].ID
	patch := func(attrs map[string]any) tRes {
		r := apiCall(t, s, s.APIKey, "PATCH", "/dids/"+did, body("dids", did, attrs, nil))
		wantStatus(t, r, 200)
		return r.one(t)
	}
	d := patch(map[string]any{"billing_cycles_count": 4, "capacity_limit": nil})
	assert.Equal(t, 4.0, d.Attributes["billing_cycles_count"], "renewals: %v", d.Attributes)
	assert.Nil(t, d.Attributes["capacity_limit"], "renewals: %v", d.Attributes)
	d = patch(map[string]any{"terminated": true})
	assert.Equal(t, true, d.Attributes["blocked"], "terminated: %v", d.Attributes)
	assert.Equal(t, 0.0, d.Attributes["billing_cycles_count"], "terminated: %v", d.Attributes)
	d = patch(map[string]any{"terminated": false})
	assert.Equal(t, false, d.Attributes["blocked"], "restored: %v", d.Attributes)
	assert.Nil(t, d.Attributes["billing_cycles_count"], "restored: %v", d.Attributes)
	h := apiCall(t, s, s.APIKey, "GET", "/did_history", nil).list(t)
	var actions []string
	for _, e := range h {
		actions = append(actions, e.Attributes["action"].(string))
	}
	require.Equal(t, []string{"assigned", "billing_cycles_count_changed", "canceled", "restored"}, actions, "history")
	assert.Nil(t, h[1].Meta["from"], "change meta: %v", h[1].Meta)
	assert.Equal(t, "4", h[1].Meta["to"], "change meta: %v", h[1].Meta)
	assert.Len(t, h[1].Meta, 2, "change meta: %v", h[1].Meta)
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/dids/"+did, body("dids", did, map[string]any{"terminated": nil}, nil)), 400, "103")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/did_history?filter%5Bcreated_at_gteq%5D=2000-01-01", nil), 400, "107")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/did_history?filter%5Bmethod%5D=fax", nil), 400, "107")
}

func TestSIPRegistrationAndConfigurationRules(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	create := func(cfg map[string]any) *tResp {
		return apiCall(t, s, s.APIKey, "POST", "/voice_in_trunks", body("voice_in_trunks", "", map[string]any{"name": "R",
			"configuration": map[string]any{"type": "sip_configurations", "attributes": cfg}}, nil))
	}
	r := create(map[string]any{"enabled_sip_registration": true, "use_did_in_ruri": true, "host": nil, "port": nil})
	wantStatus(t, r, 201)
	cfg := r.one(t).Attributes["configuration"].(map[string]any)["attributes"].(map[string]any)
	u, _ := cfg["incoming_auth_username"].(string)
	if assert.NotEmpty(t, u, "registration: %v", cfg) && assert.NotNil(t, cfg["incoming_auth_password"], "registration: %v", cfg) {
		assert.Equal(t, 1.0, cfg["transport_protocol_id"], "registration: %v", cfg)
	}
	e := wantError(t, create(map[string]any{"enabled_sip_registration": true, "host": "pbx.example.com"}), 422, "100")
	assert.Equal(t, "/data/attributes/configuration/attributes/host", e.Source.Pointer, "host with registration: %+v", e)
	wantError(t, create(map[string]any{"host": "h", "incoming_auth_username": "me"}), 400, "105")
	wantError(t, create(map[string]any{"host": "h", "transport_protocol_id": 4}), 422, "100")
	wantError(t, create(map[string]any{"host": "h", "codec_ids": []int{9, 11}}), 422, "100")
	wantError(t, create(map[string]any{"host": "h", "port": "5060"}), 400, "103")
	wantError(t, create(map[string]any{"host": "h", "bogus": 1}), 400, "105")
	wantError(t, create(map[string]any{}), 422, "100") // no host, no registration
	e = wantError(t, apiCall(t, s, s.APIKey, "POST", "/voice_in_trunks", body("voice_in_trunks", "", map[string]any{"name": "x", "cli_format": "bogus",
		"configuration": map[string]any{"type": "pstn_configurations", "attributes": map[string]any{"dst": "12125550100"}}}, nil)), 422, "100")
	assert.Equal(t, "/data/attributes/cli_format", e.Source.Pointer, "cli_format: %+v", e)
}
