package didwwtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under 2026-11-19 a trunk names its POP in a pop attribute, /pops is gone
// and the pop includes are refused (API_REFERENCE §23.3.5).
func TestTrunkPopPerVersion(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithDefaultAccount(APIVersion("2026-11-19")))
	require.NotEmpty(t, s.cat.Pops)
	pop := s.cat.Pops[0]
	auth := bearer(tokenFor(t, s, s.APIKey))

	require.Equal(t, "NYC", pop.Code)
	b := sipTrunkBody("PBX", nil)
	b["data"].(map[string]any)["attributes"].(map[string]any)["pop"] = pop.Name
	e := wantError(t, apiCall(t, s, "", "POST", "/voice_in_trunks", b, auth...), 422, "100")
	assert.Equal(t, "/data/attributes/pop", e.Source.Pointer, "the attribute takes the POP's code, not its name")
	b["data"].(map[string]any)["attributes"].(map[string]any)["pop"] = pop.Code
	r := apiCall(t, s, "", "POST", "/voice_in_trunks", b, auth...)
	wantStatus(t, r, 201)
	tr := r.one(t)
	assert.Equal(t, pop.Code, tr.Attributes["pop"], "pop attribute: %s", r.body)
	assert.NotContains(t, tr.Relationships, "pop", "2026-11-19 has no pop relationship: %s", r.body)

	b = sipTrunkBody("PBX2", map[string]any{"pop": one("pops", pop.ID)})
	wantStatus(t, apiCall(t, s, "", "POST", "/voice_in_trunks", b, auth...), 400)
	wantError(t, apiCall(t, s, "", "GET", "/pops", nil, auth...), 404, "404")
	wantStatus(t, apiCall(t, s, "", "GET", "/voice_in_trunks?include=pop", nil, auth...), 400)
	wantStatus(t, apiCall(t, s, "", "GET", "/dids?include=voice_in_trunk.pop", nil, auth...), 400)
	wantStatus(t, apiCall(t, s, "", "GET", "/dids?include=voice_in_trunk", nil, auth...), 200)

	old := newTestServer(t)
	r = apiCall(t, old, old.APIKey, "POST", "/voice_in_trunks", sipTrunkBody("PBX", map[string]any{"pop": one("pops", pop.ID)}))
	wantStatus(t, r, 201)
	r = apiCall(t, old, old.APIKey, "GET", "/voice_in_trunks/"+r.one(t).ID+"?include=pop", nil)
	tr = r.one(t)
	assert.NotContains(t, tr.Attributes, "pop", "2026-04-16 has no pop attribute: %s", r.body)
	assert.Equal(t, pop.ID, linkageID(t, tr, "pop"), "pop relationship: %s", r.body)
	wantStatus(t, apiCall(t, old, old.APIKey, "GET", "/pops", nil), 200)
}
