package didwwtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func outTrunkBody(name string, auth map[string]any) map[string]any {
	return map[string]any{"data": map[string]any{"type": "voice_out_trunks",
		"attributes": map[string]any{"name": name, "authentication_method": auth}}}
}

func TestOutboundServiceRefusesTheList(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	closed := s.NewAccount("1", OutboundService(false))
	e := wantError(t, apiCall(t, s, closed, "GET", "/voice_out_trunks", nil), 403, "403")
	assert.Contains(t, e.Detail, "outbound")
	// The docs let an account without the service create trunks.
	wantStatus(t, apiCall(t, s, closed, "POST", "/voice_out_trunks", outTrunkBody("pbx", credentials())), 201)
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/voice_out_trunks", nil), 200)
	wantStatus(t, apiCall(t, s, s.NewAccount("1"), "GET", "/voice_out_trunks", nil), 200)
}

func TestOutTrunkCredentialsAreGeneratedAndRegenerated(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "POST", "/voice_out_trunks", outTrunkBody("pbx", credentials("203.0.113.0/24")))
	wantStatus(t, r, 201)
	trunk := r.one(t)
	auth := trunk.Attributes["authentication_method"].(map[string]any)
	require.Equal(t, "credentials_and_ip", auth["type"])
	attrs := auth["attributes"].(map[string]any)
	assert.Equal(t, []any{"203.0.113.0/24"}, attrs["allowed_sip_ips"])
	assert.Nil(t, attrs["tech_prefix"])
	user, pass := attrs["username"], attrs["password"]
	assert.Len(t, user, 8)
	assert.Len(t, pass, 16)
	assert.Equal(t, map[string]any{"spent_amount": "0.0"}, trunk.Meta)

	regen := map[string]any{"data": map[string]any{"type": "voice_out_trunk_regenerate_credentials",
		"relationships": map[string]any{"voice_out_trunk": one("voice_out_trunks", trunk.ID)}}}
	r = apiCall(t, s, s.APIKey, "POST", "/voice_out_trunk_regenerate_credentials", regen)
	wantStatus(t, r, 201)
	assert.JSONEq(t, `{"id":"`+r.one(t).ID+`","type":"voice_out_trunk_regenerate_credentials"}`, string(r.doc.Data))
	again := apiCall(t, s, s.APIKey, "GET", "/voice_out_trunks/"+trunk.ID, nil).one(t)
	now := again.Attributes["authentication_method"].(map[string]any)["attributes"].(map[string]any)
	assert.NotEqual(t, user, now["username"])
	assert.NotEqual(t, pass, now["password"])

	twilio := apiCall(t, s, s.APIKey, "POST", "/voice_out_trunks", outTrunkBody("tw",
		map[string]any{"type": "twilio", "attributes": map[string]any{"twilio_account_sid": "AC1"}})).one(t)
	regen["data"].(map[string]any)["relationships"] = map[string]any{"voice_out_trunk": one("voice_out_trunks", twilio.ID)}
	e := wantError(t, apiCall(t, s, s.APIKey, "POST", "/voice_out_trunk_regenerate_credentials", regen), 422, "100")
	assert.Contains(t, e.Detail, "no credentials")
	// username and password are generated, never written.
	bad := outTrunkBody("x", map[string]any{"type": "credentials_and_ip", "attributes": map[string]any{"password": "p"}})
	wantError(t, apiCall(t, s, s.APIKey, "POST", "/voice_out_trunks", bad), 400, "105")
}

func TestOutboundAPIGatesEveryEndpointFrom20261119(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	open := tokenFor(t, s, s.NewAccount("1", APIVersion("2026-11-19"), OutboundService(false)))
	closed := tokenFor(t, s, s.NewAccount("1", APIVersion("2026-11-19"), OutboundAPI(false)))
	regen := map[string]any{"data": map[string]any{"type": "voice_out_trunk_regenerate_credentials",
		"relationships": map[string]any{"voice_out_trunk": one("voice_out_trunks", "x")}}}
	for _, m := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/voice_out_trunks", nil}, {"GET", "/voice_out_trunks/x", nil},
		{"POST", "/voice_out_trunks", outTrunkBody("pbx", credentials())},
		{"PATCH", "/voice_out_trunks/x", outTrunkBody("pbx", nil)}, {"DELETE", "/voice_out_trunks/x", nil},
		{"POST", "/voice_out_trunk_regenerate_credentials", regen},
	} {
		e := wantError(t, apiCall(t, s, "", m.method, m.path, m.body, bearer(closed)...), 403, "403")
		assert.Contains(t, e.Detail, "Outbound API", m.method+" "+m.path)
	}
	// With the Outbound API the service's absence refuses nothing.
	wantStatus(t, apiCall(t, s, "", "GET", "/voice_out_trunks", nil, bearer(open)...), 200)
	wantStatus(t, apiCall(t, s, "", "POST", "/voice_out_trunks", outTrunkBody("pbx", credentials()), bearer(open)...), 201)
	// Before 2026-11-19 the Outbound API is not consulted.
	old := s.NewAccount("1", OutboundAPI(false))
	wantStatus(t, apiCall(t, s, old, "GET", "/voice_out_trunks", nil), 200)
}

func TestAllowedRTPIPsRulesFrom20261119(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	tok := tokenFor(t, s, s.NewAccount("1", APIVersion("2026-11-19")))
	withIPs := func(ips any) map[string]any {
		b := outTrunkBody("pbx", credentials())
		b["data"].(map[string]any)["attributes"].(map[string]any)["allowed_rtp_ips"] = ips
		return b
	}
	for _, ips := range []any{[]string{}, []string{"203.0.113.0/24", "0.0.0.0/0"}, []string{"::/0"}} {
		e := wantError(t, apiCall(t, s, "", "POST", "/voice_out_trunks", withIPs(ips), bearer(tok)...), 422, "100")
		assert.Contains(t, e.Detail, "allowed_rtp_ips", ips)
	}
	r := apiCall(t, s, "", "POST", "/voice_out_trunks", withIPs(nil), bearer(tok)...)
	wantStatus(t, r, 201)
	assert.Nil(t, r.one(t).Attributes["allowed_rtp_ips"])
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/voice_out_trunks", withIPs([]string{})), 201)
}
