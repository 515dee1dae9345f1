package didww

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/davecgh/go-spew/spew"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	trunkID       = "425ce763-a3a9-49b4-af5b-ada1a65c8864"
	trunkPassword = "pw-s3cr3t-Zq81"
	trunkDIDID    = "9df99644-f1a5-4a3c-99a4-559d758eb96b"
)

func TestVoiceOutTrunkGetDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/voice_out_trunks/"+trunkID, rec.wrap(jsonAPI(200, fixture(t, "voice_out_trunks/show.json"))))

	tr, err := c.VoiceOutTrunks.Get(t.Context(), trunkID, &GetOptions{Include: []string{"dids"}})
	require.NoError(t, err)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, "include=dids", r.RawQuery)

	assert.Equal(t, "Office PBX", tr.Name)
	assert.Equal(t, VoiceOutTrunkActive, tr.Status)
	assert.Nil(t, tr.CapacityLimit, "null capacity_limit is no limit")
	assert.Nil(t, tr.AllowedRTPIPs, "null allowed_rtp_ips is unrestricted")
	assert.Equal(t, CLIMismatchReplaceCLI, tr.OnCLIMismatchAction)
	assert.Equal(t, DstAllowAll, tr.DefaultDstAction)
	assert.Equal(t, []string{"370"}, tr.DstPrefixes)
	assert.Equal(t, MediaEncryptionDisabled, tr.MediaEncryptionMode)
	assert.Equal(t, 30, tr.RTPTimeout)
	assert.Equal(t, Decimal("200.0"), tr.ThresholdAmount)
	require.NotNil(t, tr.SpentAmount, "meta spent_amount")
	assert.Equal(t, Decimal("12.5"), *tr.SpentAmount, "meta spent_amount")
	assert.Equal(t, time.Date(2026, 4, 20, 10, 11, 12, 345e6, time.UTC), tr.CreatedAt)
	require.Len(t, tr.DIDs, 1)
	assert.Equal(t, trunkDIDID, tr.DIDs[0].ID)
	assert.Empty(t, tr.EmergencyDIDs)

	m, ok := tr.AuthenticationMethod.Method.(*CredentialsAndIPAuthentication)
	require.True(t, ok, "%T", tr.AuthenticationMethod.Method)
	assert.Equal(t, []string{"203.0.113.0/24"}, m.AllowedSIPIPs)
	assert.Equal(t, "k8h2x9q1", m.Username)
	assert.Equal(t, trunkPassword, m.Password.Reveal())
	user, pass, ok := tr.Credentials()
	assert.True(t, ok)
	assert.Equal(t, "k8h2x9q1", user)
	assert.Equal(t, trunkPassword, pass.Reveal())
}

func TestVoiceOutTrunkListDecodesEveryMethod(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/voice_out_trunks", rec.wrap(jsonAPI(200, fixture(t, "voice_out_trunks/list.json"))))

	yes := true
	p, err := c.VoiceOutTrunks.List(t.Context(), &VoiceOutTrunkListOptions{
		ListOptions: ListOptions{PageSize: 10}, ID: []string{"a", "b"}, NameContains: "pbx", Status: VoiceOutTrunkBlocked,
		AuthenticationMethodType: AuthenticationTwilio, DefaultDIDID: "d1", ThresholdReached: &yes, AllowAnyDIDAsCLI: &yes,
		DefaultDstAction: DstRejectAll, MediaEncryptionMode: MediaEncryptionZRTP, OnCLIMismatchAction: CLIMismatchRejectCall,
		ExternalReferenceID: "ref", Name: "n", Include: []string{"emergency_dids"}, Sort: []string{"-created_at", "name"},
	})
	require.NoError(t, err)
	q := rec.only(t).Query
	for k, v := range map[string]string{
		"page[size]": "10", "filter[id]": "a,b", "filter[name_contains]": "pbx", "filter[status]": "blocked",
		"filter[authentication_method.type]": "twilio", "filter[default_did.id]": "d1", "filter[threshold_reached]": "true",
		"filter[allow_any_did_as_cli]": "true", "filter[default_dst_action]": "reject_all",
		"filter[media_encryption_mode]": "zrtp", "filter[on_cli_mismatch_action]": "reject_call",
		"filter[external_reference_id]": "ref", "filter[name]": "n", "include": "emergency_dids", "sort": "-created_at,name",
	} {
		assert.Equal(t, v, q.Get(k), k)
	}
	assert.Len(t, q, 15)
	require.Len(t, p.Items, 2)
	tw, ok := p.Items[0].AuthenticationMethod.Method.(*TwilioAuthentication)
	require.True(t, ok)
	assert.Equal(t, "AC0123456789abcdef0123456789abcdef", tw.TwilioAccountSID)
	assert.Equal(t, 10, *p.Items[0].CapacityLimit)
	assert.Equal(t, []string{"198.51.100.7"}, p.Items[0].AllowedRTPIPs)
	assert.Equal(t, []string{}, p.Items[0].DstPrefixes)
	ip, ok := p.Items[1].AuthenticationMethod.Method.(*IPOnlyAuthentication)
	require.True(t, ok)
	assert.Equal(t, "77", ip.TechPrefix)
	_, _, ok = p.Items[1].Credentials()
	assert.False(t, ok)
	require.NotNil(t, p.Items[1].SpentAmount)
	assert.Equal(t, Decimal("3.25"), *p.Items[1].SpentAmount)
}

func TestVoiceOutTrunkListRefusesBadOptions(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t)
	for _, o := range []*VoiceOutTrunkListOptions{{Include: []string{"default_did"}}, {Sort: []string{"status"}}} {
		_, err := c.VoiceOutTrunks.List(t.Context(), o)
		assert.ErrorIs(t, err, ErrInvalidRequest)
	}
}

func TestAuthenticationMethodDecoding(t *testing.T) {
	t.Parallel()
	var v AuthenticationMethodValue
	require.NoError(t, json.Unmarshal([]byte(`{"type":"future_kind","attributes":{"token":"tok-secret-9"}}`), &v))
	u, ok := v.Method.(*UnknownAuthentication)
	require.True(t, ok)
	assert.Equal(t, AuthenticationType("future_kind"), u.AuthenticationType())
	assert.JSONEq(t, `{"token":"tok-secret-9"}`, u.Attributes.Reveal())
	assertNoSecret(t, "unknown method", fmt.Sprintf("%+v %#v", u, u), "tok-secret-9")

	for _, bad := range []string{`[]`, `{"attributes":{}}`, `{"type":"twilio","attributes":[]}`, `{"type":"twilio","attributes":{}}`,
		`{"type":"credentials_and_ip","attributes":{"password":5}}`, `null`} {
		var v AuthenticationMethodValue
		err := json.Unmarshal([]byte(bad), &v)
		assert.Error(t, err, bad)
	}
}

func TestVoiceOutTrunkCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/voice_out_trunks", rec.wrap(jsonAPI(201, fixture(t, "voice_out_trunks/show.json"))))

	tr, err := c.VoiceOutTrunks.Create(t.Context(), &VoiceOutTrunkCreateRequest{
		Name:                 "Office PBX",
		AuthenticationMethod: &CredentialsAndIPAuthentication{AllowedSIPIPs: []string{"203.0.113.0/24"}, Username: "ignored", Password: NewSecret("ignored")},
		OnCLIMismatchAction:  CLIMismatchReplaceCLI,
		CapacityLimit:        Int(20),
		AllowAnyDIDAsCLI:     Bool(false),
		ThresholdAmount:      "200.0",
		DIDIDs:               []string{trunkDIDID},
		DefaultDIDID:         trunkDIDID,
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "voice_out_trunks/create_request.json"))), string(r.Body))
	assert.Equal(t, trunkPassword, tr.AuthenticationMethod.Method.(*CredentialsAndIPAuthentication).Password.Reveal())
}

func TestVoiceOutTrunkUpdateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/voice_out_trunks/"+trunkID, rec.wrap(jsonAPI(200, fixture(t, "voice_out_trunks/show.json"))))

	_, err := c.VoiceOutTrunks.Update(t.Context(), trunkID, &VoiceOutTrunkUpdateRequest{
		Status:               VoiceOutTrunkBlocked,
		CapacityLimit:        Null[int](),
		AllowedRTPIPs:        Null[[]string](),
		AuthenticationMethod: TwilioAuthentication{TwilioAccountSID: "AC0123456789abcdef0123456789abcdef"},
		EmergencyDIDIDs:      []string{},
		DefaultDIDID:         Null[string](),
	})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "PATCH", r.Method)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "voice_out_trunks/update_request.json"))), string(r.Body))
}

func TestVoiceOutTrunkRequestsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	auth := CredentialsAndIPAuthentication{}
	var nilAuth *TwilioAuthentication
	for name, req := range map[string]*VoiceOutTrunkCreateRequest{
		"name":          {AuthenticationMethod: auth},
		"no auth":       {Name: "x"},
		"nil auth":      {Name: "x", AuthenticationMethod: nilAuth},
		"unknown auth":  {Name: "x", AuthenticationMethod: &UnknownAuthentication{Type: "x"}},
		"twilio sid":    {Name: "x", AuthenticationMethod: TwilioAuthentication{}},
		"capacity":      {Name: "x", AuthenticationMethod: auth, CapacityLimit: Int(40000)},
		"rtp timeout":   {Name: "x", AuthenticationMethod: auth, RTPTimeout: Int(5)},
		"threshold":     {Name: "x", AuthenticationMethod: auth, ThresholdAmount: "-1"},
		"status":        {Name: "x", AuthenticationMethod: auth, Status: "paused"},
		"cli action":    {Name: "x", AuthenticationMethod: auth, OnCLIMismatchAction: "drop"},
		"any did+dids":  {Name: "x", AuthenticationMethod: auth, AllowAnyDIDAsCLI: Bool(true), DIDIDs: []string{"d"}},
		"all emer+dids": {Name: "x", AuthenticationMethod: auth, EmergencyEnableAll: Bool(true), EmergencyDIDIDs: []string{"d"}},
		"empty did":     {Name: "x", AuthenticationMethod: auth, DIDIDs: []string{""}},
		"callback":      {Name: "x", AuthenticationMethod: auth, CallbackURL: "/relative"},
		"empty sip ip":  {Name: "x", AuthenticationMethod: auth, DstPrefixes: nil, AllowedRTPIPs: nil, ExternalReferenceID: strings.Repeat("r", 101)},
	} {
		_, err := c.VoiceOutTrunks.Create(t.Context(), req)
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	_, err := c.VoiceOutTrunks.Update(t.Context(), trunkID, &VoiceOutTrunkUpdateRequest{})
	assert.ErrorIs(t, err, ErrInvalidRequest, "an update that sets nothing")
	_, err = c.VoiceOutTrunks.Update(t.Context(), "", &VoiceOutTrunkUpdateRequest{Name: new(string)})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestVoiceOutTrunkForbiddenIsOutboundDisabled(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/voice_out_trunks", jsonAPI(403, fixture(t, "voice_out_trunks/forbidden.json")))
	mt.RegisterResponder("POST", testBaseURL+"/voice_out_trunk_regenerate_credentials", jsonAPI(403, fixture(t, "voice_out_trunks/forbidden.json")))
	mt.RegisterResponder("DELETE", testBaseURL+"/voice_out_trunks/"+trunkID,
		jsonAPI(403, []byte(`{"errors":[{"title":"Insufficient scope","detail":"read scope","code":"403","status":"403"}]}`)))

	_, err := c.VoiceOutTrunks.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrOutboundDisabled)
	assert.ErrorIs(t, err, ErrForbidden)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 403, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "outbound calling is not enabled")

	_, err = c.VoiceOutTrunks.RegenerateCredentials(t.Context(), trunkID)
	assert.ErrorIs(t, err, ErrOutboundDisabled)

	err = c.VoiceOutTrunks.Delete(t.Context(), trunkID)
	assert.ErrorIs(t, err, ErrForbidden)
	assert.NotErrorIs(t, err, ErrOutboundDisabled, "a read-only token's 403 is not the outbound service")
}

func TestVoiceOutTrunkRegenerateCredentials(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/voice_out_trunk_regenerate_credentials", rec.wrap(jsonAPI(201, fixture(t, "voice_out_trunks/regenerate.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/voice_out_trunks/"+trunkID, rec.wrap(jsonAPI(200, fixture(t, "voice_out_trunks/show.json"))))

	tr, err := c.VoiceOutTrunks.RegenerateCredentials(t.Context(), trunkID)
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.Equal(t, "POST", reqs[0].Method)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "voice_out_trunks/regenerate_request.json"))), string(reqs[0].Body))
	assert.Equal(t, "GET", reqs[1].Method, "the new credentials are read back")
	_, pass, ok := tr.Credentials()
	require.True(t, ok)
	assert.Equal(t, trunkPassword, pass.Reveal())
}

func TestVoiceOutTrunkRegenerateReadBackFails(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithMaxRetries(0))
	mt.RegisterResponder("POST", testBaseURL+"/voice_out_trunk_regenerate_credentials", jsonAPI(201, fixture(t, "voice_out_trunks/regenerate.json")))
	mt.RegisterResponder("GET", testBaseURL+"/voice_out_trunks/"+trunkID, httpmock.NewStringResponder(503, "busy"))
	_, err := c.VoiceOutTrunks.RegenerateCredentials(t.Context(), trunkID)
	require.ErrorIs(t, err, ErrServer)
	assert.Contains(t, err.Error(), "the credentials were regenerated")
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the rotation is known to have happened")
}

func TestVoiceOutTrunkCreateOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/voice_out_trunks", httpmock.NewStringResponder(502, "bad gateway"))
	_, err := c.VoiceOutTrunks.Create(t.Context(), &VoiceOutTrunkCreateRequest{Name: "x", AuthenticationMethod: TwilioAuthentication{TwilioAccountSID: "AC1"}})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a POST is not retried on 502")
}

func TestVoiceOutTrunkDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/voice_out_trunks/"+trunkID, rec.wrap(httpmock.NewStringResponder(http.StatusNoContent, "")))
	require.NoError(t, c.VoiceOutTrunks.Delete(t.Context(), trunkID))
	assert.Equal(t, "/v3/voice_out_trunks/"+trunkID, rec.only(t).Path)

	calls := 0
	mt.RegisterResponder("DELETE", testBaseURL+"/voice_out_trunks/gone", func(*http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			return httpmock.NewStringResponse(503, "later"), nil
		}
		return httpmock.NewStringResponse(404, `{"errors":[{"title":"Record not found","code":"404","status":"404"}]}`), nil
	})
	assert.NoError(t, c.VoiceOutTrunks.Delete(t.Context(), "gone"), "a retry that finds it gone succeeded")
}

// The trunk's password never prints, whatever holds it.
func TestVoiceOutTrunkSecretsNeverPrint(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/voice_out_trunks/"+trunkID, jsonAPI(200, fixture(t, "voice_out_trunks/show.json")))
	tr, err := c.VoiceOutTrunks.Get(t.Context(), trunkID, nil)
	require.NoError(t, err)
	method := tr.AuthenticationMethod.Method.(*CredentialsAndIPAuthentication)
	subjects := map[string]any{
		"trunk": tr, "*trunk": *tr, "value": tr.AuthenticationMethod, "method": method, "*method": *method,
		"secret": method.Password, "&secret": &method.Password, "slice": []*VoiceOutTrunk{tr},
		"map": map[string]VoiceOutTrunk{"a": *tr}, "any": []any{tr, method, method.Password},
	}
	spews := []*spew.ConfigState{spew.NewDefaultConfig(),
		{Indent: " ", DisablePointerAddresses: true, DisableCapacities: true, SortKeys: true, DisableMethods: true, MaxDepth: 10},
		{DisableMethods: true, DisablePointerMethods: true, ContinueOnMethod: true}}
	for name, v := range subjects {
		for _, verb := range leakVerbs {
			assertNoSecret(t, verb+" of "+name, fmt.Sprintf(verb, v), trunkPassword)
		}
		assertNoSecret(t, "Sprint of "+name, fmt.Sprint(v), trunkPassword)
		assertNoSecret(t, "Errorf of "+name, fmt.Errorf("wrapped: %v", v).Error(), trunkPassword)
		b, _ := json.Marshal(v)
		assertNoSecret(t, "json of "+name, string(b), trunkPassword)
		for i, cfg := range spews {
			assertNoSecret(t, fmt.Sprintf("spew %d of %s", i, name), cfg.Sdump(v), trunkPassword)
		}
	}
	ct := &captureT{}
	other := *tr
	other.Name = "other"
	assert.Equal(ct, tr, &other)
	assert.Equal(ct, *method, CredentialsAndIPAuthentication{Password: NewSecret("different-pass")})
	out := ct.output()
	require.Contains(t, out, "Diff:")
	assertNoSecret(t, "testify diff", out, trunkPassword, "different-pass")
	assert.Equal(t, "[redacted]", method.Password.String())
	assert.Equal(t, "", Secret{}.String(), "an empty secret prints nothing")
	assert.Equal(t, trunkPassword, method.Password.Reveal(), "hidden, not lost")
}

func TestOutboundMarksOnly403(t *testing.T) {
	t.Parallel()
	err := errors.New("plain")
	assert.Same(t, err, outbound(err))
	assert.NotErrorIs(t, outbound(&APIError{StatusCode: 404}), ErrOutboundDisabled)
	assert.ErrorIs(t, outbound(&APIError{StatusCode: 403}), ErrOutboundDisabled)
}

func TestVoiceOutTrunkRTPIPsRulesOf20261119(t *testing.T) {
	t.Parallel()
	auth := CredentialsAndIPAuthentication{}
	newer, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(&staticSource{tok: &Token{AccessToken: "tok"}}))
	for name, ips := range map[string][]string{"empty": {}, "any v4": {"203.0.113.0/24", "0.0.0.0/0"}, "any v6": {"::/0"}} {
		_, err := newer.VoiceOutTrunks.Create(t.Context(), &VoiceOutTrunkCreateRequest{Name: "x", AuthenticationMethod: auth, AllowedRTPIPs: ips})
		require.ErrorIs(t, err, ErrInvalidRequest, name)
		assert.Contains(t, err.Error(), "allowed_rtp_ips", name)
		_, err = newer.VoiceOutTrunks.Update(t.Context(), trunkID, &VoiceOutTrunkUpdateRequest{AllowedRTPIPs: Value(ips)})
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	assert.Zero(t, mt.GetTotalCallCount())

	// Null and a real range are sent, and 2026-04-16 sends what it is given.
	rec := &recorder{}
	mt.RegisterResponder("PATCH", testBaseURL+"/voice_out_trunks/"+trunkID, rec.wrap(jsonAPI(200, fixture(t, "voice_out_trunks/show.json"))))
	_, err := newer.VoiceOutTrunks.Update(t.Context(), trunkID, &VoiceOutTrunkUpdateRequest{AllowedRTPIPs: Null[[]string]()})
	require.NoError(t, err)
	_, err = newer.VoiceOutTrunks.Update(t.Context(), trunkID, &VoiceOutTrunkUpdateRequest{AllowedRTPIPs: Value([]string{"198.51.100.7/32"})})
	require.NoError(t, err)
	older, omt := newTestClient(t)
	orec := &recorder{}
	omt.RegisterResponder("PATCH", testBaseURL+"/voice_out_trunks/"+trunkID, orec.wrap(jsonAPI(200, fixture(t, "voice_out_trunks/show.json"))))
	_, err = older.VoiceOutTrunks.Update(t.Context(), trunkID, &VoiceOutTrunkUpdateRequest{AllowedRTPIPs: Value([]string{})})
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.JSONEq(t, `{"data":{"id":"`+trunkID+`","type":"voice_out_trunks","attributes":{"allowed_rtp_ips":null}}}`, string(reqs[0].Body))
	assert.JSONEq(t, `{"data":{"id":"`+trunkID+`","type":"voice_out_trunks","attributes":{"allowed_rtp_ips":["198.51.100.7/32"]}}}`, string(reqs[1].Body))
	assert.JSONEq(t, `{"data":{"id":"`+trunkID+`","type":"voice_out_trunks","attributes":{"allowed_rtp_ips":[]}}}`, string(orec.only(t).Body))
}
