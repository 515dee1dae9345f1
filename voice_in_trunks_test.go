package didww

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	trunkSIPID = "a80006b6-4183-4865-8b99-7ebbd359a762"
	trunkGrpID = "837c5764-a6c3-456f-aa37-71fc8f8ca07b"
	trunkPopID = "d8aa8d8b-ba1d-4a4b-8b10-f7b4b8cce5d5"
	sipPass    = "sip-pass-8f3e2a91c7"
)

// fixtureBody is a recorded request body, as the client must send it byte for byte.
func fixtureBody(t *testing.T, name string) string {
	t.Helper()
	return strings.TrimSpace(string(fixture(t, name)))
}

func TestVoiceInTrunksGetDecodesSIPConfiguration(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunks/"+trunkSIPID, rec.wrap(jsonAPI(200, fixture(t, "voice_in_trunks/get_sip.json"))))

	tr, err := c.VoiceInTrunks.Get(t.Context(), trunkSIPID, &GetOptions{Include: []string{"voice_in_trunk_group", "pop"}})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "GET", got.Method)
	assert.Equal(t, "/v3/voice_in_trunks/"+trunkSIPID, got.Path)
	assert.Equal(t, "include=voice_in_trunk_group%2Cpop", got.RawQuery)
	assertStandardHeaders(t, got)

	assert.Equal(t, "Office PBX", tr.Name)
	assert.Equal(t, "Main office", tr.Description)
	assert.Equal(t, "pbx-1", tr.ExternalReferenceID)
	assert.Equal(t, 1, tr.Priority)
	assert.Equal(t, 65535, tr.Weight)
	assert.Equal(t, Int(18), tr.CapacityLimit)
	assert.Equal(t, CLIFormatE164, tr.CLIFormat)
	assert.Equal(t, "+", tr.CLIPrefix)
	assert.Equal(t, Int(30), tr.RingingTimeout)
	assert.Equal(t, time.Date(2026, 4, 16, 9, 30, 12, 311e6, time.UTC), tr.CreatedAt)
	require.NotNil(t, tr.VoiceInTrunkGroup)
	assert.Equal(t, "Office", tr.VoiceInTrunkGroup.Name)
	assert.Equal(t, 2, tr.VoiceInTrunkGroup.TrunksCount, "the group's resource meta")
	assert.Nil(t, tr.VoiceInTrunkGroup.CapacityLimit)
	require.NotNil(t, tr.Pop)
	assert.Equal(t, Pop{ID: trunkPopID, Name: "New York, NY, USA"}, *tr.Pop)

	sip, ok := tr.Configuration.(*SIPConfiguration)
	require.True(t, ok, "configuration is %T", tr.Configuration)
	assert.Equal(t, ConfigurationSIP, sip.Type())
	want := &SIPConfiguration{
		Host: "pbx.example.com", Port: Int(5060), Username: "{CALL_DID}", TransportProtocol: TransportTCP,
		NetworkProtocolPriority: NetworkPreferIPv4, ResolveRURI: true,
		Codecs:       []Codec{CodecPCMU, CodecPCMA, CodecG729, CodecG723, CodecTelephoneEvent},
		RxDTMFFormat: ptr(RxDTMFRFC2833), TxDTMFFormat: ptr(TxDTMFRFC2833),
		AuthEnabled: true, AuthUser: "office", AuthPassword: NewSecret(sipPass), AuthFromUser: "office",
		AuthFromDomain: "example.com", SSTEnabled: true, SSTMinTimer: Int(600), SSTMaxTimer: Int(900),
		SSTRefreshMethod: SSTRefreshInvite, SSTAccept501: true, SIPTimerB: Int(8000), DNSSRVFailoverTimer: Int(2000),
		RTPPing: Bool(false), RTPTimeout: Int(30), ForceSymmetricRTP: Bool(false), SymmetricRTPIgnoreRTCP: Bool(false),
		AllowedRTPIPs: []string{"203.0.113.0/24"}, MediaEncryptionMode: MediaEncryptionSRTPSDES,
		STIRShakenMode: STIRShakenPAI, DiversionRelayPolicy: DiversionRelayAsIs, DiversionInjectMode: DiversionInjectDIDNumber,
		CNAMLookup: true, MaxTransfers: 2, Max30xRedirects: 1,
		ReroutingDisconnectCodes: []DisconnectCode{58, 90, DisconnectRingingTimeout},
	}
	assert.Equal(t, want, sip)
	assert.Equal(t, sipPass, sip.AuthPassword.Reveal())
	assert.True(t, sip.IncomingAuthPassword.IsZero(), "null incoming password")
}

func ptr[T any](v T) *T { return &v }

func TestVoiceInTrunksListDecodesEveryKind(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunks", rec.wrap(jsonAPI(200, fixture(t, "voice_in_trunks/list.json"))))

	p, err := c.VoiceInTrunks.List(t.Context(), &VoiceInTrunkListOptions{
		ListOptions: ListOptions{PageNumber: 1, PageSize: 50},
		ID:          []string{"a", "b"}, Name: "mobile", ExternalReferenceID: "iax-7",
		ConfigurationType: ConfigurationPSTN, Include: []string{"pop"}, Sort: []string{"-created_at", "priority"},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, map[string][]string{
		"page[number]": {"1"}, "page[size]": {"50"}, "filter[id]": {"a,b"}, "filter[name]": {"mobile"},
		"filter[external_reference_id]": {"iax-7"}, "filter[configuration.type]": {"pstn_configurations"},
		"include": {"pop"}, "sort": {"-created_at,priority"},
	}, map[string][]string(got.Query))
	assert.Equal(t, 2, p.Meta.TotalRecords)
	assert.False(t, p.HasNext())
	require.Len(t, p.Items, 2)

	pstn := p.Items[0]
	assert.Equal(t, &PSTNConfiguration{Dst: "558540420024"}, pstn.Configuration)
	assert.Empty(t, pstn.Description, "null description")
	assert.Nil(t, pstn.CapacityLimit)
	assert.Nil(t, pstn.RingingTimeout)
	assert.Nil(t, pstn.VoiceInTrunkGroup, "links only: no group known")

	legacy, ok := p.Items[1].Configuration.(*RawConfiguration)
	require.True(t, ok, "a legacy kind is kept raw, not dropped: %T", p.Items[1].Configuration)
	assert.Equal(t, ConfigurationType("iax2_configurations"), legacy.Type())
	assert.JSONEq(t, `{"dst":"iax.example.net","auth_user":"box","auth_password":"iax-secret-51d0e7"}`, string(legacy.Attributes()))
	assert.Equal(t, CLIFormatLocal, p.Items[1].CLIFormat)
}

func TestVoiceInTrunksListRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts  *VoiceInTrunkListOptions
		field string
	}{
		"include":   {&VoiceInTrunkListOptions{Include: []string{"dids"}}, "include"},
		"sort":      {&VoiceInTrunkListOptions{Sort: []string{"-host"}}, "sort"},
		"page size": {&VoiceInTrunkListOptions{ListOptions: ListOptions{PageSize: 101}}, "PageSize"},
		"id comma":  {&VoiceInTrunkListOptions{ID: []string{"a,b"}}, "filter[id]"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			_, err := c.VoiceInTrunks.List(t.Context(), tc.opts)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
}

// postTrunk records the request a create or update sends and answers with
// the recorded SIP trunk.
func postTrunk(t *testing.T, method, path string) (*Client, *recorder) {
	t.Helper()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	status := map[string]int{"POST": 201, "PATCH": 200}[method]
	mt.RegisterResponder(method, testBaseURL+path, rec.wrap(jsonAPI(status, fixture(t, "voice_in_trunks/get_sip.json"))))
	return c, rec
}

func TestVoiceInTrunksCreateSIPBody(t *testing.T) {
	t.Parallel()
	c, rec := postTrunk(t, "POST", "/voice_in_trunks")
	tr, err := c.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{
		Name: "Office PBX", Description: "Main office", ExternalReferenceID: "pbx-1", Priority: Int(1), Weight: Int(100),
		CapacityLimit: Int(18), CLIFormat: CLIFormatE164, CLIPrefix: "+", RingingTimeout: Int(30),
		VoiceInTrunkGroupID: trunkGrpID, PopID: trunkPopID,
		Configuration: &SIPConfiguration{
			Host: "pbx.example.com", Port: Int(5060), Username: "{CALL_DID}", TransportProtocol: TransportTCP,
			NetworkProtocolPriority: NetworkPreferIPv4, ResolveRURI: true, Codecs: []Codec{CodecPCMU, CodecPCMA, CodecG729},
			RxDTMFFormat: ptr(RxDTMFRFC2833), TxDTMFFormat: ptr(TxDTMFRFC2833),
			AuthEnabled: true, AuthUser: "office", AuthPassword: NewSecret(sipPass),
			SSTRefreshMethod: SSTRefreshInvite, SSTAccept501: true, RTPPing: Bool(false), RTPTimeout: Int(30),
			AllowedRTPIPs: []string{"203.0.113.0/24"}, MediaEncryptionMode: MediaEncryptionSRTPSDES,
			STIRShakenMode: STIRShakenPAI, DiversionRelayPolicy: DiversionRelayAsIs, DiversionInjectMode: DiversionInjectDIDNumber,
			CNAMLookup: true, MaxTransfers: 2, ReroutingDisconnectCodes: []DisconnectCode{90, DisconnectRingingTimeout},
			IncomingAuthUsername: "never-sent", IncomingAuthPassword: NewSecret("never-sent-either"),
		},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "POST", got.Method)
	assert.Equal(t, "/v3/voice_in_trunks", got.Path)
	assertStandardHeaders(t, got)
	assert.Equal(t, fixtureBody(t, "voice_in_trunks/create_sip_request.json"), string(got.Body))
	assert.Equal(t, trunkSIPID, tr.ID)
}

func TestVoiceInTrunksCreatePSTNMinimalBody(t *testing.T) {
	t.Parallel()
	c, rec := postTrunk(t, "POST", "/voice_in_trunks")
	_, err := c.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{
		Name: "Forward to mobile", Configuration: &PSTNConfiguration{Dst: "558540420024"},
	})
	require.NoError(t, err)
	assert.Equal(t, fixtureBody(t, "voice_in_trunks/create_pstn_request.json"), string(rec.only(t).Body))
}

func TestVoiceInTrunksCreateSIPRegistrationSendsBlankHost(t *testing.T) {
	t.Parallel()
	c, rec := postTrunk(t, "POST", "/voice_in_trunks")
	_, err := c.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{
		Name: "Softphone", Configuration: &SIPConfiguration{EnabledSIPRegistration: true, UseDIDInRURI: true, SSTAccept501: true},
	})
	require.NoError(t, err)
	assert.Equal(t, fixtureBody(t, "voice_in_trunks/create_sip_registration_request.json"), string(rec.only(t).Body),
		"host and port go as explicit nulls, false booleans as false")
}

func TestVoiceInTrunksUpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, rec := postTrunk(t, "PATCH", "/voice_in_trunks/"+trunkSIPID)
	_, err := c.VoiceInTrunks.Update(t.Context(), trunkSIPID, &VoiceInTrunkUpdateRequest{
		Name: ptr("Office PBX 2"), Description: Null[string](), ExternalReferenceID: Value("pbx-2"), Weight: Int(10),
		CapacityLimit: Null[int](), CLIFormat: Null[CLIFormat](), RingingTimeout: Value(60),
		VoiceInTrunkGroupID: Null[string](), PopID: Value(trunkPopID),
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "PATCH", got.Method)
	assert.Equal(t, "/v3/voice_in_trunks/"+trunkSIPID, got.Path)
	assert.Equal(t, fixtureBody(t, "voice_in_trunks/update_request.json"), string(got.Body))
}

func TestVoiceInTrunksUpdateResendsReadConfiguration(t *testing.T) {
	t.Parallel()
	c, rec := postTrunk(t, "PATCH", "/voice_in_trunks/"+trunkSIPID)
	var doc struct {
		Data struct {
			Attributes struct {
				Configuration json.RawMessage `json:"configuration"`
			} `json:"attributes"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(fixture(t, "voice_in_trunks/get_sip.json"), &doc))
	cfg, err := readTrunkConfiguration(doc.Data.Attributes.Configuration)
	require.NoError(t, err)
	cfg.(*SIPConfiguration).IncomingAuthUsername = "generated"

	_, err = c.VoiceInTrunks.Update(t.Context(), trunkSIPID, &VoiceInTrunkUpdateRequest{Configuration: cfg})
	require.NoError(t, err)
	var sent struct {
		Data struct {
			Attributes struct {
				Configuration struct {
					Type       string         `json:"type"`
					Attributes map[string]any `json:"attributes"`
				} `json:"configuration"`
			} `json:"attributes"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(rec.only(t).Body, &sent))
	attrs := sent.Data.Attributes.Configuration.Attributes
	assert.Equal(t, "sip_configurations", sent.Data.Attributes.Configuration.Type)
	assert.Equal(t, sipPass, attrs["auth_password"], "the secret is sent as it is")
	assert.NotContains(t, attrs, "incoming_auth_username", "generated by the API, never sent")
	assert.NotContains(t, attrs, "incoming_auth_password")
	assert.NotContains(t, attrs, "sst_session_expires", "null read, left out")
	// Every other attribute read is sent back as it was.
	var recorded map[string]any
	require.NoError(t, json.Unmarshal(doc.Data.Attributes.Configuration, &struct {
		Attributes *map[string]any `json:"attributes"`
	}{&recorded}))
	for k, v := range recorded {
		if v != nil {
			assert.Equal(t, v, attrs[k], k)
		}
	}
}

func TestVoiceInTrunksRequestsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	sip := func(f func(*SIPConfiguration)) TrunkConfiguration {
		c := &SIPConfiguration{Host: "pbx.example.com"}
		f(c)
		return c
	}
	pstn := &PSTNConfiguration{Dst: "442012345678"}
	long := strings.Repeat("x", 101)
	creates := map[string]struct {
		req   *VoiceInTrunkCreateRequest
		field string
	}{
		"nil":              {nil, "request"},
		"no name":          {&VoiceInTrunkCreateRequest{Configuration: pstn}, "name"},
		"no configuration": {&VoiceInTrunkCreateRequest{Name: "x"}, "configuration"},
		"nil sip":          {&VoiceInTrunkCreateRequest{Name: "x", Configuration: (*SIPConfiguration)(nil)}, "configuration"},
		"nil pstn":         {&VoiceInTrunkCreateRequest{Name: "x", Configuration: (*PSTNConfiguration)(nil)}, "configuration"},
		"no host":          {&VoiceInTrunkCreateRequest{Name: "x", Configuration: &SIPConfiguration{}}, "configuration.host"},
		"host with registration": {&VoiceInTrunkCreateRequest{Name: "x",
			Configuration: sip(func(c *SIPConfiguration) { c.EnabledSIPRegistration = true })}, "configuration.host"},
		"DID in R-URI without registration": {&VoiceInTrunkCreateRequest{Name: "x",
			Configuration: sip(func(c *SIPConfiguration) { c.UseDIDInRURI = true })}, "configuration.use_did_in_ruri"},
		"port 0": {&VoiceInTrunkCreateRequest{Name: "x", Configuration: sip(func(c *SIPConfiguration) { c.Port = Int(0) })}, "configuration.port"},
		"dst with plus": {&VoiceInTrunkCreateRequest{Name: "x", Configuration: &PSTNConfiguration{Dst: "+442012345678"}},
			"configuration.dst"},
		"raw not an object": {&VoiceInTrunkCreateRequest{Name: "x",
			Configuration: NewRawConfiguration("h323_configurations", json.RawMessage(`[1]`))}, "configuration.attributes"},
		"reference too long": {&VoiceInTrunkCreateRequest{Name: "x", Configuration: pstn, ExternalReferenceID: long}, "external_reference_id"},
		"priority":           {&VoiceInTrunkCreateRequest{Name: "x", Configuration: pstn, Priority: Int(-1)}, "priority"},
		"weight":             {&VoiceInTrunkCreateRequest{Name: "x", Configuration: pstn, Weight: Int(65536)}, "weight"},
		"capacity":           {&VoiceInTrunkCreateRequest{Name: "x", Configuration: pstn, CapacityLimit: Int(-2)}, "capacity_limit"},
		"ringing":            {&VoiceInTrunkCreateRequest{Name: "x", Configuration: pstn, RingingTimeout: Int(0)}, "ringing_timeout"},
	}
	for name, tc := range creates {
		t.Run("create "+name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			tr, err := c.VoiceInTrunks.Create(t.Context(), tc.req)
			assert.Nil(t, tr)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
	updates := map[string]struct {
		id    string
		req   *VoiceInTrunkUpdateRequest
		field string
	}{
		"empty id":      {"", &VoiceInTrunkUpdateRequest{}, "id"},
		"nil":           {"t", nil, "request"},
		"empty name":    {"t", &VoiceInTrunkUpdateRequest{Name: ptr("")}, "name"},
		"group id":      {"t", &VoiceInTrunkUpdateRequest{VoiceInTrunkGroupID: Value("")}, "voice_in_trunk_group"},
		"pop id":        {"t", &VoiceInTrunkUpdateRequest{PopID: Value(" ")}, "pop"},
		"configuration": {"t", &VoiceInTrunkUpdateRequest{Configuration: &PSTNConfiguration{Dst: "12-34"}}, "configuration.dst"},
	}
	for name, tc := range updates {
		t.Run("update "+name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			tr, err := c.VoiceInTrunks.Update(t.Context(), tc.id, tc.req)
			assert.Nil(t, tr)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
}

func TestVoiceInTrunksDelete(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/voice_in_trunks/"+trunkSIPID, rec.wrap(httpmock.NewBytesResponder(204, nil)))
	require.NoError(t, c.VoiceInTrunks.Delete(t.Context(), trunkSIPID))
	got := rec.only(t)
	assert.Equal(t, "DELETE", got.Method)
	assert.Equal(t, "/v3/voice_in_trunks/"+trunkSIPID, got.Path)
	assert.Empty(t, got.Body)
}

func TestVoiceInTrunksDeleteSettlesLostAnswer(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	notFound := []byte(`{"errors":[{"title":"Record not found","detail":"x","code":"404","status":"404"}]}`)
	mt.RegisterResponder("DELETE", testBaseURL+"/voice_in_trunks/gone", httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(503, "busy"), jsonResponse(404, notFound),
	}))
	assert.NoError(t, c.VoiceInTrunks.Delete(t.Context(), "gone"), "the first attempt may have deleted it: the retry's 404 is success")

	c2, mt2 := newStrictClient(t)
	mt2.RegisterResponder("DELETE", testBaseURL+"/voice_in_trunks/gone", jsonAPI(404, notFound))
	assert.ErrorIs(t, c2.VoiceInTrunks.Delete(t.Context(), "gone"), ErrNotFound, "a first 404 is an error")
}

func jsonResponse(status int, body []byte) *http.Response {
	r := httpmock.NewBytesResponse(status, body)
	r.Header.Set("Content-Type", MediaType)
	return r
}

func TestVoiceInTrunksCreateRefusalIsValidation(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/voice_in_trunks", jsonAPI(422, []byte(
		`{"errors":[{"title":"is invalid","detail":"pop - is invalid","code":"100","source":{"pointer":"/data/relationships/pop"},"status":"422"}]}`)))
	_, err := c.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{Name: "x", Configuration: &PSTNConfiguration{Dst: "1"}, PopID: "nope"})
	require.ErrorIs(t, err, ErrValidation)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a 422 is a definitive refusal")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, "/data/relationships/pop", apiErr.Errors[0].Source.Pointer)
}

func TestVoiceInTrunksCreateLostAnswerIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/voice_in_trunks", jsonAPI(201, []byte(`{"data":null}`)))
	_, err := c.VoiceInTrunks.Create(t.Context(), &VoiceInTrunkCreateRequest{Name: "x", Configuration: &PSTNConfiguration{Dst: "1"}})
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "a 201 without the trunk: it was most likely made")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a POST is not retried")
}

func TestTrunkConfigurationDecoding(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		raw     string
		want    TrunkConfiguration
		wantErr string
	}{
		"pstn null dst":        {raw: `{"type":"pstn_configurations","attributes":{"dst":null}}`, want: &PSTNConfiguration{}},
		"unknown, no attrs":    {raw: `{"type":"h323_configurations"}`, want: NewRawConfiguration("h323_configurations", nil)},
		"unknown, odd attrs":   {raw: `{"type":"webrtc","attributes":[1,2]}`, want: NewRawConfiguration("webrtc", json.RawMessage(`[1,2]`))},
		"no type":              {raw: `{"attributes":{}}`, wantErr: "no type"},
		"not an object":        {raw: `"sip"`, wantErr: "trunk configuration"},
		"sip attrs not object": {raw: `{"type":"sip_configurations","attributes":null}`, wantErr: "not an object"},
		"sip wrong type":       {raw: `{"type":"sip_configurations","attributes":{"port":"5060"}}`, wantErr: "port"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := readTrunkConfiguration([]byte(tc.raw))
			if tc.wantErr != "" {
				assert.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestTrunkConfigurationBadShapeIsDecodeError(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	body := strings.Replace(string(fixture(t, "voice_in_trunks/get_sip.json")), `"port": 5060`, `"port": "5060"`, 1)
	mt.RegisterResponder("GET", testBaseURL+"/voice_in_trunks/"+trunkSIPID, jsonAPI(200, []byte(body)))
	_, err := c.VoiceInTrunks.Get(t.Context(), trunkSIPID, nil)
	assert.ErrorIs(t, err, ErrDecode)
	assert.ErrorContains(t, err, "configuration")
}

func TestTrunkEnumNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "PCMU", CodecPCMU.String())
	assert.Equal(t, "G726-32", CodecG726_32.String())
	assert.Equal(t, "Codec(42)", Codec(42).String(), "unknown ids are kept and named")
	assert.Equal(t, "TLS", TransportTLS.String())
	assert.Equal(t, "SIP INFO DTMF", TxDTMFSIPInfoDTMF.String())
	assert.Equal(t, "RFC 2833 or SIP INFO", RxDTMFRFC2833OrSIPInfo.String())
	assert.Equal(t, "UPDATE", SSTRefreshUpdate.String())
	assert.Equal(t, "SIP 486", DisconnectCode(90).String())
	assert.Equal(t, "ringing timeout", DisconnectRingingTimeout.String())
	status, ok := DisconnectCode(56).SIPStatus()
	assert.True(t, ok)
	assert.Equal(t, 400, status)
	_, ok = DisconnectRingingTimeout.SIPStatus()
	assert.False(t, ok)
	code, ok := DisconnectCodeForSIPStatus(606)
	assert.True(t, ok)
	assert.Equal(t, DisconnectCode(108), code)
	_, ok = DisconnectCodeForSIPStatus(481)
	assert.False(t, ok, "481 has no rerouting id")
}

// FuzzTrunkConfiguration: whatever comes, reading a configuration never
// panics, and an envelope of a kind this version does not know is kept raw.
func FuzzTrunkConfiguration(f *testing.F) {
	for _, s := range []string{`{"type":"sip_configurations","attributes":{"port":5060,"codec_ids":[9]}}`,
		`{"type":"pstn_configurations","attributes":{"dst":"1"}}`, `{"type":"iax2_configurations","attributes":{}}`,
		`{"type":"x"}`, `{"type":""}`, `null`, `[]`, `{"type":"sip_configurations","attributes":[]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := readTrunkConfiguration(raw)
		if err != nil {
			return
		}
		require.NotNil(t, cfg)
		var env struct {
			Type string `json:"type"`
		}
		require.NoError(t, json.Unmarshal(raw, &env))
		assert.Equal(t, ConfigurationType(env.Type), cfg.Type())
		if r, ok := cfg.(*RawConfiguration); ok && len(r.Attributes()) > 12 {
			assert.NotContains(t, fmt.Sprintf("%v %+v %#v", r, r, r), string(r.Attributes()), "raw attributes never print")
		}
	})
}
