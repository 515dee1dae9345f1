package didwwtest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	sidTrunkOut  = "c0ffee00-5a5a-4000-8000-0000000000a1"
	sidTrunkSMSC = "c0ffee00-5a5a-4000-8000-0000000000a2"
	sidTrunkESME = "c0ffee00-5a5a-4000-8000-0000000000a3"
	sidTrunkIn   = "c0ffee00-5a5a-4000-8000-0000000000a4"
)

// sidServer is a server whose default account is at 2026-11-19 with one
// SMS trunk of each sending kind and an inbound one, set directly: the
// trunks' own API is registered with the SMS trunks. call sends a request
// with the account's token.
func sidServer(t *testing.T, opts ...Option) (s *Server, call func(method, path string, body any) *tResp) {
	t.Helper()
	clock := NewClock(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))
	s = newTestServer(t, append(opts, WithClock(clock.Now), WithDefaultAccount(APIVersion("2026-11-19")))...)
	s.mu.Lock()
	a := s.accounts[s.APIKey]
	a.sms.trunks = append(a.sms.trunks, &smsTrunk{id: sidTrunkOut, name: "out", kind: "http_out"},
		&smsTrunk{id: sidTrunkSMSC, name: "smsc", kind: "smpp_smsc"}, &smsTrunk{id: sidTrunkESME, name: "esme", kind: "smpp_esme"},
		&smsTrunk{id: sidTrunkIn, name: "in", kind: "http_in"})
	s.mu.Unlock()
	tok := tokenFor(t, s, s.APIKey)
	return s, func(method, path string, body any) *tResp {
		t.Helper()
		return apiCall(t, s, "", method, path, body, bearer(tok)...)
	}
}

func addSID(t *testing.T, s *Server, v SenderIDVerification) string {
	t.Helper()
	id, err := s.AddSenderIDVerification(s.APIKey, v)
	require.NoError(t, err)
	return id
}

func sidPatch(id string, attrs map[string]any, trunk any) map[string]any {
	data := map[string]any{"type": "sender_id_verifications", "id": id}
	if attrs != nil {
		data["attributes"] = attrs
	}
	if trunk != nil {
		data["relationships"] = map[string]any{"sms_trunk": map[string]any{"data": trunk}}
	}
	return map[string]any{"data": data}
}

func trunkRef(id string) map[string]any { return map[string]any{"type": "sms_trunks", "id": id} }

// nullTrunk is {"data": null} in sidPatch.
var nullTrunk = json.RawMessage("null")

func TestSenderIDNoneUnlessAdded(t *testing.T) {
	t.Parallel()
	_, call := sidServer(t)
	r := call("GET", "/sender_id_verifications", nil)
	wantStatus(t, r, 200)
	assert.Empty(t, r.list(t))
	assert.Equal(t, float64(0), r.doc.Meta["total_records"])
}

func TestSenderIDSeedDefaults(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t)
	id := addSID(t, s, SenderIDVerification{Name: "ACME alerts", SenderIDs: []string{"ACME"}})
	r := call("GET", "/sender_id_verifications/"+id, nil)
	wantStatus(t, r, 200)
	got := r.one(t)
	assert.Equal(t, map[string]any{"name": "ACME alerts", "status": "new", "sender_type": "alphanumeric",
		"sender_ids": []any{"ACME"}, "reference": got.Attributes["reference"], "reject_reasons": nil, "reject_comment": nil,
		"renew_date": "2026-12-20", "created_at": "2026-11-20T10:00:00.000Z", "activated_at": nil, "closed_at": nil}, got.Attributes)
	assert.True(t, strings.HasPrefix(got.Attributes["reference"].(string), "SID-"), "%v", got.Attributes["reference"])
	assert.ElementsMatch(t, []string{"sms_trunk", "countries", "dids", "order", "identity", "address"}, keys(got.Relationships))
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A long-code verification covers the numbers of its DIDs; a closed one has
// no renewal date; reject reasons show only while changes are required.
func TestSenderIDSeedStatuses(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t)
	s.mu.Lock()
	a := s.accounts[s.APIKey]
	a.own.dids = append(a.own.dids, &ownedDID{id: "d1d1d1d1-0000-4000-8000-000000000001", number: "12125550123"})
	s.mu.Unlock()
	long := addSID(t, s, SenderIDVerification{Name: "10DLC", SenderType: "long_code", Status: "changes_required",
		DIDIDs: []string{"d1d1d1d1-0000-4000-8000-000000000001"}, RejectReasons: []string{"Opt-in missing"}, RejectComment: "Describe opt-in."})
	closed := addSID(t, s, SenderIDVerification{Name: "Old", Status: "closed", SenderIDs: []string{"OLD"},
		RejectReasons: []string{"ignored"}})
	r := call("GET", "/sender_id_verifications/"+long+"?include=dids", nil)
	wantStatus(t, r, 200)
	lv := r.one(t)
	assert.Equal(t, []any{"12125550123"}, lv.Attributes["sender_ids"])
	assert.Equal(t, []any{"Opt-in missing"}, lv.Attributes["reject_reasons"])
	assert.Equal(t, "Describe opt-in.", lv.Attributes["reject_comment"])
	assert.JSONEq(t, `[{"type":"dids","id":"d1d1d1d1-0000-4000-8000-000000000001"}]`, string(lv.Relationships["dids"].Data))
	cv := call("GET", "/sender_id_verifications/"+closed, nil).one(t)
	assert.Nil(t, cv.Attributes["renew_date"])
	assert.Nil(t, cv.Attributes["reject_reasons"], "only while changes are required")
	assert.Equal(t, "2026-11-20T10:00:00.000Z", cv.Attributes["closed_at"])
}

// Seeding refuses what the API would never hold, and adds nothing then.
func TestSenderIDSeedRefused(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t)
	other := s.NewAccount("10")
	for name, tc := range map[string]struct {
		key  string
		v    SenderIDVerification
		want string
	}{
		"unknown key": {"nope", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}}, "unknown API key"},
		"no name":     {"", SenderIDVerification{Name: " ", SenderIDs: []string{"X"}}, "Name"},
		"status":      {"", SenderIDVerification{Name: "x", Status: "approved", SenderIDs: []string{"X"}}, `status "approved"`},
		"sender type": {"", SenderIDVerification{Name: "x", SenderType: "emoji", SenderIDs: []string{"X"}}, `sender type "emoji"`},
		"no ids":      {"", SenderIDVerification{Name: "x"}, "SenderIDs"},
		"unknown trunk": {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, SMSTrunkID: "t-missing"},
			"not an SMS trunk of the account"},
		"inbound trunk": {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, SMSTrunkID: sidTrunkIn}, "cannot send"},
		"other's trunk": {other, SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, SMSTrunkID: sidTrunkOut},
			"not an SMS trunk of the account"},
		"unknown DID":     {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, DIDIDs: []string{"d-missing"}}, "DID"},
		"unknown country": {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, CountryIDs: []string{"c-missing"}}, "country"},
		"unknown identity": {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, IdentityID: "i-missing"},
			"identity"},
		"bad renew date": {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, RenewDate: "22/11/2026"}, "RenewDate"},
		"bad charge":     {"", SenderIDVerification{Name: "x", SenderIDs: []string{"X"}, Charge: "-1"}, "Charge"},
	} {
		key := tc.key
		if key == "" {
			key = s.APIKey
		}
		id, err := s.AddSenderIDVerification(key, tc.v)
		require.Error(t, err, name)
		assert.Empty(t, id, name)
		assert.Contains(t, err.Error(), tc.want, name)
	}
	assert.Empty(t, call("GET", "/sender_id_verifications", nil).list(t))
	assert.Empty(t, s.Orders(s.APIKey))
}

// The charge of a verification is a completed order of one generic order
// item; the balance is left as the test set it.
func TestSenderIDSeedOrder(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t, WithBalance("100"))
	id := addSID(t, s, SenderIDVerification{Name: "ACME", SenderIDs: []string{"ACME"}, Charge: "15.5"})
	rel := call("GET", "/sender_id_verifications/"+id+"?include=order", nil)
	wantStatus(t, rel, 200)
	var link struct{ ID string }
	require.NoError(t, json.Unmarshal(rel.one(t).Relationships["order"].Data, &link))
	require.Len(t, rel.doc.Included, 1)
	o := rel.doc.Included[0]
	assert.Equal(t, link.ID, o.ID)
	assert.Equal(t, "orders", o.Type)
	assert.Equal(t, "completed", o.Attributes["status"])
	assert.Equal(t, "15.5", o.Attributes["amount"])
	assert.Equal(t, "Sender ID verification", o.Attributes["description"])
	assert.Equal(t, []any{map[string]any{"type": "generic_order_items", "attributes": map[string]any{
		"qty": float64(1), "nrc": "15.5", "mrc": "0.0", "prorated_mrc": false,
		"billed_from": "2026-11-20", "billed_to": "2026-11-20"}}}, o.Attributes["items"])
	assert.Equal(t, "100.00", s.Balance(s.APIKey))
	require.Len(t, s.Orders(s.APIKey), 1)
}

func TestSenderIDUpdate(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t)
	id := addSID(t, s, SenderIDVerification{Name: "ACME", Status: "active", SenderIDs: []string{"ACME"}, SMSTrunkID: sidTrunkOut})
	path := "/sender_id_verifications/" + id

	r := call("PATCH", path, sidPatch(id, map[string]any{"name": "ACME notifications"}, nil))
	wantStatus(t, r, 200)
	assert.Equal(t, "ACME notifications", r.one(t).Attributes["name"])
	trunkOf := func() string {
		rs := call("GET", "/sender_id_verifications?filter[sms_trunk.id]="+sidTrunkESME, nil).list(t)
		if len(rs) == 1 {
			return sidTrunkESME
		}
		return ""
	}
	wantStatus(t, call("PATCH", path, sidPatch(id, nil, trunkRef(sidTrunkESME))), 200)
	assert.Equal(t, sidTrunkESME, trunkOf())
	wantStatus(t, call("PATCH", path, sidPatch(id, nil, nullTrunk)), 200)
	assert.Empty(t, trunkOf())
	got := call("GET", path+"?include=sms_trunk", nil).one(t)
	assert.JSONEq(t, `null`, string(got.Relationships["sms_trunk"].Data), "data null unassigns")
	assert.Equal(t, "ACME notifications", got.Attributes["name"])
}

func TestSenderIDUpdateRefused(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t)
	id := addSID(t, s, SenderIDVerification{Name: "ACME", Status: "active", SenderIDs: []string{"ACME", "SHOP"}, SMSTrunkID: sidTrunkOut})
	addSID(t, s, SenderIDVerification{Name: "Shop", Status: "active", SenderIDs: []string{"SHOP"}, SMSTrunkID: sidTrunkSMSC})
	addSID(t, s, SenderIDVerification{Name: "Gone", Status: "closed", SenderIDs: []string{"ACME"}, SMSTrunkID: sidTrunkESME})
	closed := addSID(t, s, SenderIDVerification{Name: "Old", Status: "closed", SenderIDs: []string{"OLD"}})
	path := "/sender_id_verifications/" + id
	for name, tc := range map[string]struct {
		path   string
		body   any
		status int
		code   string
		detail string
	}{
		"in use on the trunk": {path, sidPatch(id, nil, trunkRef(sidTrunkSMSC)), 422, "100", "SHOP is already used"},
		"inbound trunk":       {path, sidPatch(id, nil, trunkRef(sidTrunkIn)), 422, "100", "http_out, smpp_smsc or smpp_esme"},
		"unknown trunk":       {path, sidPatch(id, nil, trunkRef("t-missing")), 422, "100", "sms_trunk - is invalid"},
		"blank name":          {path, sidPatch(id, map[string]any{"name": ""}, nil), 422, "100", "name - can't be blank"},
		"closed":              {"/sender_id_verifications/" + closed, sidPatch(closed, map[string]any{"name": "x"}, nil), 422, "100", "closed"},
		"status":              {path, sidPatch(id, map[string]any{"status": "closed"}, nil), 400, "105", "status is not allowed"},
		"trunk type":          {path, sidPatch(id, nil, map[string]any{"type": "voice_in_trunks", "id": sidTrunkOut}), 400, "116", ""},
		"unknown id":          {"/sender_id_verifications/nope", sidPatch("nope", map[string]any{"name": "x"}, nil), 404, "404", ""},
	} {
		r := call("PATCH", tc.path, tc.body)
		e := wantError(t, r, tc.status, tc.code)
		assert.Contains(t, e.Detail, tc.detail, name)
	}
	// The closed verification holding ACME on the esme trunk does not block it.
	wantStatus(t, call("PATCH", path, sidPatch(id, nil, trunkRef(sidTrunkESME))), 200)
	got := call("GET", path, nil).one(t)
	assert.Equal(t, "ACME", got.Attributes["name"], "refused updates changed nothing")
}

func TestSenderIDListFiltersAndSorts(t *testing.T) {
	t.Parallel()
	s, call := sidServer(t)
	b := addSID(t, s, SenderIDVerification{Name: "Bravo", Status: "active", SenderIDs: []string{"B"}, SMSTrunkID: sidTrunkOut})
	a := addSID(t, s, SenderIDVerification{Name: "Alpha", SenderType: "carrier", SenderIDs: []string{"A"}})
	for q, want := range map[string][]string{
		"sort=name":                                {a, b},
		"sort=-name":                               {b, a},
		"filter[status]=active":                    {b},
		"filter[sender_type]=carrier":              {a},
		"filter[sms_trunk.id]=" + sidTrunkOut:      {b},
		"filter[name]=Alpha":                       {a},
		"filter[id]=" + a + "," + b + "&sort=name": {a, b},
	} {
		r := call("GET", "/sender_id_verifications?"+q, nil)
		wantStatus(t, r, 200)
		assert.Equal(t, want, ids(r.list(t)), q)
	}
	wantError(t, call("GET", "/sender_id_verifications?filter[status]=approved", nil), 400, "107")
	wantError(t, call("GET", "/sender_id_verifications?sort=reference", nil), 400, "114")
	wantError(t, call("GET", "/sender_id_verifications?include=sms_trunk_group", nil), 400, "112")
}

// 2026-04-16 has no sender ID verifications: their paths answer 404.
func TestSenderIDGoneUnder20260416(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	id := addSID(t, s, SenderIDVerification{Name: "ACME", SenderIDs: []string{"ACME"}})
	for _, path := range []string{"/sender_id_verifications", "/sender_id_verifications/" + id} {
		wantError(t, apiCall(t, s, s.APIKey, "GET", path, nil), 404, "404")
	}
	wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/sender_id_verifications/"+id, sidPatch(id, map[string]any{"name": "x"}, nil)), 404, "404")
}
