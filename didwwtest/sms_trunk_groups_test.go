package didwwtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smsServer is a server whose default account is at 2026-11-19, with the
// SMS trunks given seeded directly (the trunk API is its own resource).
type smsServer struct {
	*Server
	tok string
}

func newSMSServer(t *testing.T, trunks ...*smsTrunk) *smsServer {
	t.Helper()
	s := newTestServer(t, WithDefaultAccount(APIVersion(version20261119)), WithOrderCompletionDelay(0))
	s.mu.Lock()
	s.accounts[s.APIKey].sms.trunks = append(s.accounts[s.APIKey].sms.trunks, trunks...)
	s.mu.Unlock()
	status, tok, err := mintToken(s, s.APIKey)
	require.NoError(t, err)
	require.Equal(t, 200, status)
	return &smsServer{Server: s, tok: tok}
}

func (s *smsServer) call(t *testing.T, method, path string, b any) *tResp {
	t.Helper()
	return apiCall(t, s.Server, "", method, path, b, "Authorization", "Bearer "+s.tok)
}

func (s *smsServer) trunkGroups() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, tr := range s.accounts[s.APIKey].sms.trunks {
		out = append(out, tr.id+"="+tr.groupID)
	}
	return out
}

func groupBody(id string, attrs map[string]any, trunks ...string) map[string]any {
	var rels map[string]any
	if trunks != nil {
		rels = map[string]any{"sms_trunks": many("sms_trunks", trunks...)}
	}
	return body("sms_trunk_groups", id, attrs, rels)
}

var (
	smsIn    = &smsTrunk{id: uid("sms/in"), name: "Inbound HTTP", kind: "http_in"}
	smsEmail = &smsTrunk{id: uid("sms/email"), name: "Mailbox", kind: "sms_to_email"}
	smsOut   = &smsTrunk{id: uid("sms/out"), name: "Outbound HTTP", kind: "http_out"}
)

func seeded() []*smsTrunk {
	out := []*smsTrunk{}
	for _, tr := range []*smsTrunk{smsIn, smsEmail, smsOut} {
		c := *tr
		out = append(out, &c)
	}
	return out
}

// Sending sms_trunks replaces the membership, which lives on the trunks;
// an empty list empties the group, and meta counts the members.
func TestSMSTrunkGroupMembershipIsReplaced(t *testing.T) {
	t.Parallel()
	s := newSMSServer(t, seeded()...)
	r := s.call(t, "POST", "/sms_trunk_groups", groupBody("", map[string]any{"name": "Inbound SMS", "external_reference_id": "ref-1"}, smsIn.id, smsEmail.id))
	wantStatus(t, r, 201)
	g := r.one(t)
	assert.Equal(t, "sms_trunk_groups", g.Type)
	assert.Equal(t, 2.0, g.Meta["sms_trunks_count"])
	assert.Equal(t, "ref-1", g.Attributes["external_reference_id"])
	assert.Equal(t, []string{smsIn.id + "=" + g.ID, smsEmail.id + "=" + g.ID, smsOut.id + "="}, s.trunkGroups())

	r = s.call(t, "PATCH", "/sms_trunk_groups/"+g.ID, groupBody(g.ID, nil, smsEmail.id))
	wantStatus(t, r, 200)
	assert.Equal(t, 1.0, r.one(t).Meta["sms_trunks_count"])
	assert.Equal(t, []string{smsIn.id + "=", smsEmail.id + "=" + g.ID, smsOut.id + "="}, s.trunkGroups())

	r = s.call(t, "PATCH", "/sms_trunk_groups/"+g.ID, groupBody(g.ID, map[string]any{"name": "Renamed"}))
	wantStatus(t, r, 200)
	assert.Equal(t, "Renamed", r.one(t).Attributes["name"])
	assert.Equal(t, []string{smsIn.id + "=", smsEmail.id + "=" + g.ID, smsOut.id + "="}, s.trunkGroups(), "no sms_trunks: membership kept")

	r = s.call(t, "PATCH", "/sms_trunk_groups/"+g.ID, groupBody(g.ID, nil, []string{}...))
	wantStatus(t, r, 200)
	assert.Equal(t, 0.0, r.one(t).Meta["sms_trunks_count"])
	assert.Equal(t, []string{smsIn.id + "=", smsEmail.id + "=", smsOut.id + "="}, s.trunkGroups())

	r = s.call(t, "GET", "/sms_trunk_groups?include=sms_trunks&filter%5Bname%5D=Renamed", nil)
	wantStatus(t, r, 200)
	assert.Len(t, r.list(t), 1)
}

// The refusals of a group write: an http_out trunk, an unknown trunk, a
// trunk listed twice, a name an SMS trunk or group has, a blank name.
func TestSMSTrunkGroupWriteRefusals(t *testing.T) {
	t.Parallel()
	s := newSMSServer(t, seeded()...)
	created := s.call(t, "POST", "/sms_trunk_groups", groupBody("", map[string]any{"name": "Taken"}))
	wantStatus(t, created, 201)
	for name, tc := range map[string]struct {
		body    map[string]any
		pointer string
	}{
		"http_out":   {groupBody("", map[string]any{"name": "x"}, smsOut.id), "/data/relationships/sms_trunks/data/0"},
		"unknown":    {groupBody("", map[string]any{"name": "x"}, smsIn.id, uid("sms/none")), "/data/relationships/sms_trunks/data/1"},
		"duplicate":  {groupBody("", map[string]any{"name": "x"}, smsIn.id, smsIn.id), "/data/relationships/sms_trunks"},
		"group name": {groupBody("", map[string]any{"name": "Taken"}), "/data/attributes/name"},
		"trunk name": {groupBody("", map[string]any{"name": "Mailbox"}), "/data/attributes/name"},
		"blank name": {groupBody("", map[string]any{"name": ""}), "/data/attributes/name"},
	} {
		t.Run(name, func(t *testing.T) {
			e := wantError(t, s.call(t, "POST", "/sms_trunk_groups", tc.body), 422, "100")
			require.NotNil(t, e.Source)
			assert.Equal(t, tc.pointer, e.Source.Pointer)
		})
	}
	assert.Equal(t, []string{smsIn.id + "=", smsEmail.id + "=", smsOut.id + "="}, s.trunkGroups(), "a refused write moves no trunk")
	id := created.one(t).ID
	wantStatus(t, s.call(t, "PATCH", "/sms_trunk_groups/"+id, groupBody(id, map[string]any{"name": "Taken"})), 200)
}

// A DID routes SMS to a trunk that takes them or to a group, never both;
// a group is not deleted while a DID routes to it or to one of its trunks,
// and deleting it deletes its trunks.
func TestDIDSMSRoutingAndGroupDelete(t *testing.T) {
	t.Parallel()
	s := newSMSServer(t, seeded()...)
	wantStatus(t, s.call(t, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1}))), 201)
	did := s.call(t, "GET", "/dids", nil).list(t)[0].ID
	g := s.call(t, "POST", "/sms_trunk_groups", groupBody("", map[string]any{"name": "G"}, smsIn.id)).one(t).ID
	patch := func(rels map[string]any) *tResp {
		return s.call(t, "PATCH", "/dids/"+did+"?include=sms_trunk,sms_trunk_group", body("dids", did, nil, rels))
	}
	wantError(t, patch(map[string]any{"sms_trunk": one("sms_trunks", smsEmail.id), "sms_trunk_group": one("sms_trunk_groups", g)}), 422, "100")
	wantError(t, patch(map[string]any{"sms_trunk": one("sms_trunks", smsOut.id)}), 422, "100")
	wantError(t, patch(map[string]any{"sms_trunk_group": one("sms_trunk_groups", uid("sms/none"))}), 422, "100")

	r := patch(map[string]any{"sms_trunk": one("sms_trunks", smsIn.id), "sms_trunk_group": one("sms_trunk_groups", "")})
	wantStatus(t, r, 200)
	got := s.call(t, "GET", "/dids/"+did+"?include=sms_trunk,sms_trunk_group", nil).one(t)
	assert.Equal(t, smsIn.id, linkageID(t, got, "sms_trunk"))
	assert.Equal(t, "", linkageID(t, got, "sms_trunk_group"))
	wantError(t, s.call(t, "DELETE", "/sms_trunk_groups/"+g, nil), 422, "100")

	wantStatus(t, patch(map[string]any{"sms_trunk_group": one("sms_trunk_groups", g)}), 200)
	got = s.call(t, "GET", "/dids/"+did+"?include=sms_trunk,sms_trunk_group", nil).one(t)
	assert.Equal(t, "", linkageID(t, got, "sms_trunk"), "assigning the group replaces the trunk")
	assert.Equal(t, g, linkageID(t, got, "sms_trunk_group"))
	grp := s.call(t, "GET", "/sms_trunk_groups/"+g+"?include=incoming_dids", nil)
	wantStatus(t, grp, 200)
	if assert.Len(t, grp.doc.Included, 1, "%s", grp.body) {
		assert.Equal(t, did, grp.doc.Included[0].ID)
	}
	wantError(t, s.call(t, "DELETE", "/sms_trunk_groups/"+g, nil), 422, "100")

	wantStatus(t, patch(map[string]any{"sms_trunk_group": one("sms_trunk_groups", "")}), 200)
	r = s.call(t, "DELETE", "/sms_trunk_groups/"+g, nil)
	wantStatus(t, r, 204)
	assert.Equal(t, []string{smsEmail.id + "=", smsOut.id + "="}, s.trunkGroups(), "the member trunk is deleted with its group")
	wantError(t, s.call(t, "DELETE", "/sms_trunk_groups/"+g, nil), 404, "404")
}

// Under 2026-04-16 there are no SMS trunk groups and a DID has no SMS
// routing: the paths are 404, the relationships absent, the includes and
// the PATCH members refused with 400.
func TestSMSRoutingGoneUnder20260416(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithOrderCompletionDelay(0))
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/sms_trunk_groups", nil), 404, "404")
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/sms_trunk_groups", groupBody("", map[string]any{"name": "x"})), 404, "404")
	buyDIDs(t, s, s.APIKey, SKULosAngelesMeteredID, 1)
	d := apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t)[0]
	assert.NotContains(t, d.Relationships, "sms_trunk")
	assert.NotContains(t, d.Relationships, "sms_trunk_group")
	assert.Contains(t, d.Relationships, "voice_in_trunk")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/dids?include=sms_trunk", nil), 400, "112")
	e := wantError(t, apiCall(t, s, s.APIKey, "PATCH", "/dids/"+d.ID, body("dids", d.ID, nil,
		map[string]any{"sms_trunk_group": one("sms_trunk_groups", "")})), 400, "105")
	assert.Equal(t, "sms_trunk_group is not allowed.", e.Detail)
}
