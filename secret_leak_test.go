package didww

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/davecgh/go-spew/spew"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	leakIncoming = "incoming-pass-7a61c0de"
	leakRawPass  = "iax-secret-51d0e7"
)

// secretSubjects are trunks holding SIP secrets in every shape a caller
// could hand to a printer: decoded from the API, and built for a request.
func secretSubjects(t *testing.T) map[string]any {
	t.Helper()
	c, mt := newStrictClient(t)
	body := strings.Replace(string(fixture(t, "voice_in_trunks/get_sip.json")),
		`"incoming_auth_password": null`, `"incoming_auth_password": "`+leakIncoming+`"`, 1)
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunks/"+trunkSIPID, jsonAPI(200, []byte(body)))
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunks", jsonAPI(200, fixture(t, "voice_in_trunks/list.json")))
	tr, err := c.VoiceInTrunks.Get(t.Context(), trunkSIPID, nil)
	require.NoError(t, err)
	page, err := c.VoiceInTrunks.List(t.Context(), nil)
	require.NoError(t, err)
	sip := tr.Configuration.(*SIPConfiguration)
	require.Equal(t, sipPass, sip.AuthPassword.Reveal())
	require.Equal(t, leakIncoming, sip.IncomingAuthPassword.Reveal())
	raw := page.Items[1].Configuration.(*RawConfiguration)
	require.Contains(t, string(raw.Attributes()), leakRawPass)

	create := &VoiceInTrunkCreateRequest{Name: "x", Configuration: sip}
	type holder struct {
		Trunk  VoiceInTrunk
		hidden *SIPConfiguration
	}
	return map[string]any{
		"trunk": tr, "*trunk": *tr, "page": page, "items": page.Items, "sip": sip, "*sip": *sip,
		"secret": sip.AuthPassword, "*secret": &sip.AuthPassword, "[]Secret": []Secret{sip.AuthPassword},
		"map": map[string]Secret{"p": sip.IncomingAuthPassword}, "raw": raw, "*raw": *raw,
		"config interface": tr.Configuration, "create request": create, "update request": &VoiceInTrunkUpdateRequest{Configuration: sip},
		"holder": holder{Trunk: *tr, hidden: sip}, "any slice": []any{tr, sip, raw},
	}
}

var trunkSecrets = []string{sipPass, leakIncoming, leakRawPass}

func TestTrunkSecretsHiddenInEveryVerb(t *testing.T) {
	t.Parallel()
	for name, v := range secretSubjects(t) {
		for _, verb := range leakVerbs {
			assertNoSecret(t, verb+" of "+name, fmt.Sprintf(verb, v), trunkSecrets...)
		}
		assertNoSecret(t, "Sprint of "+name, fmt.Sprint(v), trunkSecrets...)
		assertNoSecret(t, "Sprintln of "+name, fmt.Sprintln(v, v), trunkSecrets...)
		assertNoSecret(t, "Errorf of "+name, fmt.Errorf("wrapped: %v", v).Error(), trunkSecrets...)
		b, err := json.Marshal(v)
		if err == nil {
			assertNoSecret(t, "json of "+name, string(b), trunkSecrets...)
		}
		var log strings.Builder
		slog.New(slog.NewJSONHandler(&log, nil)).Info("trunk", "v", v)
		slog.New(slog.NewTextHandler(&log, nil)).Info("trunk", "v", v)
		assertNoSecret(t, "slog of "+name, log.String(), trunkSecrets...)
	}
}

func TestTrunkSecretsHiddenFromSpew(t *testing.T) {
	t.Parallel()
	configs := map[string]*spew.ConfigState{
		"default":  spew.NewDefaultConfig(),
		"testify":  {Indent: " ", DisablePointerAddresses: true, DisableCapacities: true, SortKeys: true, DisableMethods: true, MaxDepth: 10},
		"no-limit": {DisableMethods: true, DisablePointerMethods: true, ContinueOnMethod: true},
	}
	for cname, cfg := range configs {
		for name, v := range secretSubjects(t) {
			assertNoSecret(t, cname+" Sdump of "+name, cfg.Sdump(v), trunkSecrets...)
			for _, verb := range []string{"%v", "%+v", "%#v", "%#+v"} {
				assertNoSecret(t, cname+" spew "+verb+" of "+name, cfg.Sprintf(verb, v), trunkSecrets...)
			}
		}
	}
}

func TestTrunkSecretsHiddenFromTestifyDiffs(t *testing.T) {
	t.Parallel()
	subjects := secretSubjects(t)
	tr := subjects["trunk"].(*VoiceInTrunk)
	other := *tr
	otherSIP := *tr.Configuration.(*SIPConfiguration)
	otherSIP.AuthPassword = NewSecret("another-pass-0099aa")
	otherSIP.Host = "visible.example.com"
	other.Configuration = &otherSIP
	ct := &captureT{}
	assert.Equal(ct, tr, &other)
	assert.Equal(ct, *tr, other)
	assert.Equal(ct, tr.Configuration, other.Configuration)
	assert.Equal(ct, subjects["raw"], NewRawConfiguration("iax2_configurations", json.RawMessage(`{}`)))
	assert.Nil(ct, tr)
	assert.Empty(ct, otherSIP)
	out := ct.output()
	require.Contains(t, out, "Diff:")
	require.Contains(t, out, "visible.example.com", "the diff shows the fields that are not secret")
	assertNoSecret(t, "testify output", out, append(trunkSecrets, "another-pass-0099aa")...)
}

func TestSecretEqualityAndReveal(t *testing.T) {
	t.Parallel()
	a, b := NewSecret("same-value-123"), NewSecret("same-value-123")
	assert.Equal(t, a, b, "equal values compare equal")
	assert.True(t, reflect.DeepEqual(a, b))
	assert.NotEqual(t, a, NewSecret("other-value-456"))
	assert.Equal(t, "same-value-123", a.Reveal())
	assert.Equal(t, "[redacted]", a.String())
	assert.Equal(t, "didww.Secret{[redacted]}", fmt.Sprintf("%#v", a))
	var zero Secret
	assert.True(t, zero.IsZero())
	assert.Empty(t, zero.Reveal())
	assert.Empty(t, zero.String())
	assert.Equal(t, NewSecret(""), zero)
	long := strings.Repeat("0123456789abcdef", 9) // longer than one keystream block
	assert.Equal(t, long, NewSecret(long).Reveal())
	assert.NotContains(t, fmt.Sprintf("%#v", struct{ S Secret }{NewSecret(long)}), "0123456789abcdef")

	var read Secret
	require.NoError(t, json.Unmarshal([]byte(`"from-json-77"`), &read))
	assert.Equal(t, "from-json-77", read.Reveal())
	require.NoError(t, json.Unmarshal([]byte(`null`), &read))
	assert.True(t, read.IsZero())
	out, err := json.Marshal(struct {
		A, B Secret
	}{NewSecret("x-secret-9"), Secret{}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"[redacted]","B":null}`, string(out))
}
