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
