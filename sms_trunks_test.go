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
	smsOutID            = "6a2d4f8b-1c3e-4b7a-9e5f-2d8c0b6a4f13"
	smsInID             = "5e8a1c3d-6b9f-4d2e-8a7c-0f3b5d7e9a24"
	smsESMEID           = "8e4b2c6a-9d1f-4a3e-b7c5-5f0d2e8a1b67"
	smsTrunkGroupLinkID = "d2f4b6c8-3e5a-4b7d-9f1c-6a8e2d4b0c91"
	smsDIDID            = "3b9e4c1a-7f2d-4e8b-a6c5-1d0f9e8b7a62"
	smsOutPass          = "pw-SmsOut-9x7Q2k"
	smsESMEPass         = "Esm3-pass-Kq"
	smsSMSCPass         = "smscPa55"
	smsHookHeader       = "Bearer hook-t0ken-5521"
)

// assertSMSHeaders checks the headers of a 2026-11-19 request.
func assertSMSHeaders(t *testing.T, r recorded) {
	t.Helper()
	assert.Equal(t, "Bearer tok-v", r.Header.Get("Authorization"))
	assert.Empty(t, r.Header.Get("Api-Key"))
	assert.Equal(t, MediaType, r.Header.Get("Accept"))
	assert.Equal(t, APIVersion20261119, r.Header.Get("X-DIDWW-API-Version"))
	if len(r.Body) > 0 {
		assert.Equal(t, MediaType, r.Header.Get("Content-Type"))
	}
}

func TestSMSTrunkGetDecodesHTTPOut(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/sms_trunks/"+smsOutID, rec.wrap(jsonAPI(200, fixture(t, "sms_trunks/show_http_out.json"))))

	tr, err := c.SMSTrunks.Get(t.Context(), smsOutID, &GetOptions{Include: []string{"outgoing_dids"},
		Fields: map[string][]string{"sms_trunks": {"name", "configuration"}}})
	require.NoError(t, err)
	r := rec.only(t)
	assertSMSHeaders(t, r)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v3/sms_trunks/"+smsOutID, r.Path)
	assert.Equal(t, "fields%5Bsms_trunks%5D=name%2Cconfiguration&include=outgoing_dids", r.RawQuery)

	assert.Equal(t, "Outbound HTTP", tr.Name)
	assert.Empty(t, tr.ExternalReferenceID)
	assert.False(t, tr.Blocked)
	assert.Nil(t, tr.Priority, "null on http_out")
	assert.False(t, tr.AllowIn)
	assert.True(t, tr.AllowOut)
	assert.Equal(t, SMSTrunkHTTPOut, tr.Type())
	assert.Equal(t, time.Date(2026, 11, 20, 8, 15, 30, 123e6, time.UTC), tr.CreatedAt)
	assert.Equal(t, time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), tr.UpdatedAt)
	require.NotNil(t, tr.Host)
	assert.Equal(t, "https://us.sms-out.didww.com/outbound_messages", *tr.Host)
	require.Len(t, tr.OutgoingDIDs, 1)
	assert.Equal(t, smsDIDID, tr.OutgoingDIDs[0].ID)
	assert.Nil(t, tr.SMSTrunkGroup)
	assert.Empty(t, tr.IncomingDIDs)
	require.Len(t, tr.SenderIDVerifications, 1)
	assert.Equal(t, "7c3a9e1f-4b2d-4f6a-8e5c-9d1b3a7f2e60", tr.SenderIDVerifications[0].ID)

	cfg, ok := tr.Configuration.(*HTTPOutConfiguration)
	require.True(t, ok, "%T", tr.Configuration)
	assert.Equal(t, "https://example.com/sms/status", cfg.CallbackURL)
	assert.Equal(t, []string{"203.0.113.10", "2001:db8::/32"}, cfg.AllowedIPs)
	user, pass, ok := tr.Credentials()
	require.True(t, ok)
	assert.Equal(t, "a7c2e9f4", user)
	assert.Equal(t, smsOutPass, pass.Reveal())
}

func TestSMSTrunkListDecodesEveryType(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/sms_trunks", "sms_trunks/list.json")
	p, err := c.SMSTrunks.List(t.Context(), &SMSTrunkListOptions{
		ListOptions: ListOptions{PageNumber: 2, PageSize: 10}, ID: []string{"a", "b"}, Name: []string{"Webhook"},
		ExternalReferenceID: "crm-17", ConfigurationType: []SMSTrunkType{SMSTrunkHTTPIn, SMSTrunkSMPPSMSC},
		Include: []string{"incoming_dids", "sms_trunk_group"}, Sort: []string{"-priority", "name"},
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertSMSHeaders(t, r)
	assert.Equal(t, "filter%5Bconfiguration.type%5D=http_in%2Csmpp_smsc&filter%5Bexternal_reference_id%5D=crm-17"+
		"&filter%5Bid%5D=a%2Cb&filter%5Bname%5D=Webhook&include=incoming_dids%2Csms_trunk_group"+
		"&page%5Bnumber%5D=2&page%5Bsize%5D=10&sort=-priority%2Cname", r.RawQuery)
	require.Len(t, p.Items, 5)
	assert.Equal(t, 5, p.Meta.TotalRecords)

	email, hook, out, esme, smsc := p.Items[0], p.Items[1], p.Items[2], p.Items[3], p.Items[4]
	assert.Equal(t, &SMSToEmailConfiguration{SendTo: "sms@example.com",
		Subject: "Inbound SMS", Message: "You have a new message."}, email.Configuration)
	assert.Equal(t, "crm-17", email.ExternalReferenceID)
	assert.Equal(t, Int(100), email.Priority)
	require.NotNil(t, email.SMSTrunkGroup)
	assert.Equal(t, smsTrunkGroupLinkID, email.SMSTrunkGroup.ID)
	assert.Nil(t, email.Host)

	in, ok := hook.Configuration.(*HTTPInConfiguration)
	require.True(t, ok, "%T", hook.Configuration)
	assert.True(t, hook.Blocked)
	assert.Equal(t, Int(0), hook.Priority, "priority 0 is a value, not absent")
	assert.Equal(t, "https://example.com/sms", in.URL)
	assert.Equal(t, HTTPMethodPost, in.HTTPMethod)
	assert.Equal(t, HTTPBodyJSON, in.BodyType)
	assert.Equal(t, `{"text":"{SMS_TEXT}","from":"{SMS_SRC_ADDR}"}`, in.Body)
	assert.Nil(t, in.BodyFields)
	assert.Equal(t, smsHookHeader, in.Headers["Authorization"].Reveal())
	assert.Equal(t, map[string]string{"src": "{SMS_SRC_ADDR}"}, in.QueryParameters)
	assert.Equal(t, Bool(true), in.ValidateHTTPSCertificate)
	assert.Equal(t, Bool(false), in.FollowRedirect)

	assert.True(t, out.AllowAnyDIDAsSource)
	assert.Empty(t, out.Configuration.(*HTTPOutConfiguration).CallbackURL, "null callback_url")
	assert.Nil(t, out.Configuration.(*HTTPOutConfiguration).AllowedIPs, "null allowed_ips")

	e, ok := esme.Configuration.(*SMPPESMEConfiguration)
	require.True(t, ok, "%T", esme.Configuration)
	assert.Equal(t, SMPPServerLocation("fra"), e.ServerLocation)
	assert.Empty(t, e.SystemType)
	assert.Equal(t, []string{"203.0.113.10"}, e.AllowedIPs)
	user, pass, ok := esme.Credentials()
	require.True(t, ok)
	assert.Equal(t, "esme4821", user)
	assert.Equal(t, smsESMEPass, pass.Reveal())

	s, ok := smsc.Configuration.(*SMPPSMSCConfiguration)
	require.True(t, ok, "%T", smsc.Configuration)
	assert.Equal(t, SMPPSMSCConfiguration{ServerLocation: "nyc", Host: "smsc.example.com", TxPort: 2775, RxPort: 2776,
		TransceiverMode: Bool(true), ConnectionTimeout: 30, UseSSL: Bool(false), SystemID: "didww",
		Password: NewSecret(smsSMSCPass)}, *s)
	_, _, ok = smsc.Credentials()
	assert.False(t, ok, "an smpp_smsc trunk's credentials are the customer's, not generated")
}

// A type this version does not know is kept raw; a documented type of the
// wrong shape is an error that does not quote the attributes.
func TestSMSTrunkConfigurationDecoding(t *testing.T) {
	t.Parallel()
	cfg, err := readSMSTrunkConfiguration([]byte(`{"type":"whatsapp","attributes":{"token":"wa-secret-123"}}`))
	require.NoError(t, err)
	raw, ok := cfg.(*RawSMSTrunkConfiguration)
	require.True(t, ok, "%T", cfg)
	assert.Equal(t, SMSTrunkType("whatsapp"), raw.SMSTrunkType())
	assert.JSONEq(t, `{"token":"wa-secret-123"}`, string(raw.Attributes()))
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v %s", raw, raw, raw, raw), "wa-secret")

	cfg, err = readSMSTrunkConfiguration([]byte(`{"type":"http_in","attributes":{"http_method":"put",` +
		`"body_type":"html_url_encoded","body":{"text":"{SMS_TEXT}","from":"{SMS_SRC_ADDR}"}}}`))
	require.NoError(t, err)
	form, ok := cfg.(*HTTPInConfiguration)
	require.True(t, ok, "%T", cfg)
	assert.Equal(t, HTTPBodyHTMLURLEncoded, form.BodyType)
	assert.Empty(t, form.Body)
	assert.Equal(t, map[string]string{"text": "{SMS_TEXT}", "from": "{SMS_SRC_ADDR}"}, form.BodyFields, "a form body is an object")

	for name, in := range map[string]string{
		"not an object": `"http_out"`,
		"no type":       `{"attributes":{}}`,
		"empty type":    `{"type":"","attributes":{}}`,
		"attributes":    `{"type":"smpp_esme","attributes":"x"}`,
		"wrong shape":   `{"type":"smpp_esme","attributes":{"password":12345678}}`,
		"wrong port":    `{"type":"smpp_smsc","attributes":{"tx_port":"2775","password":"smscPa55"}}`,
		"body list":     `{"type":"http_in","attributes":{"body":["a"],"headers":{"X":"Pa55"}}}`,
		"body fields":   `{"type":"http_in","attributes":{"body":{"n":1},"headers":{"X":"Pa55"}}}`,
	} {
		_, err := readSMSTrunkConfiguration([]byte(in))
		require.Error(t, err, name)
		assert.NotContains(t, err.Error(), "12345678", name)
		assert.NotContains(t, err.Error(), "Pa55", name)
	}
}

var smsKinds = []string{"sms_to_email", "http_in", "http_out", "smpp_esme", "smpp_smsc"}

func TestSMSTrunkCreateBodies(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/sms_trunks", rec.wrap(jsonAPI(201, fixture(t, "sms_trunks/show_http_out.json"))))

	reqs := map[string]*SMSTrunkCreateRequest{
		"sms_to_email": {Name: "Support inbox", ExternalReferenceID: "crm-17", Priority: Int(150), SMSTrunkGroupID: smsTrunkGroupLinkID,
			Configuration: &SMSToEmailConfiguration{SendTo: "sms@example.com", Subject: "Inbound SMS", Message: "You have a new message."}},
		"http_in": {Name: "http_in trunk", Configuration: &HTTPInConfiguration{URL: "https://example.com/sms", HTTPMethod: HTTPMethodPost,
			BodyType: HTTPBodyJSON, Body: `{"text":"{SMS_TEXT}","from":"{SMS_SRC_ADDR}"}`}},
		"smpp_esme": {Name: "smpp_esme trunk", Configuration: &SMPPESMEConfiguration{ServerLocation: "nyc", AllowedIPs: []string{"203.0.113.10"},
			SystemID: "never-sent", Password: NewSecret("never-sent")}},
		"http_out": {Name: "Outbound HTTP", AllowAnyDIDAsSource: true, Configuration: &HTTPOutConfiguration{
			CallbackURL: "https://example.com/sms/status", AllowedIPs: []string{"203.0.113.10"},
			AuthName: "never-sent", AuthPassword: NewSecret("never-sent")}},
		"smpp_smsc": {Name: "Carrier SMSC", Blocked: true, OutgoingDIDIDs: []string{smsDIDID}, Configuration: &SMPPSMSCConfiguration{
			ServerLocation: "nyc", Host: "smsc.example.com", TxPort: 2775, RxPort: 2775, TransceiverMode: Bool(true),
			ConnectionTimeout: 30, UseSSL: Bool(false), SystemID: "didww", Password: NewSecret(smsSMSCPass)}},
	}
	for _, name := range smsKinds {
		tr, err := c.SMSTrunks.Create(t.Context(), reqs[name])
		require.NoError(t, err, name)
		assert.Equal(t, smsOutID, tr.ID, name)
	}
	got := rec.all()
	require.Len(t, got, len(smsKinds))
	for i, name := range smsKinds {
		assertSMSHeaders(t, got[i])
		assert.Equal(t, "POST", got[i].Method, name)
		assert.Equal(t, "/v3/sms_trunks", got[i].Path, name)
		assert.Empty(t, got[i].RawQuery, name)
		want := strings.TrimSpace(string(fixture(t, "sms_trunks/create_request_"+name+".json")))
		assert.Equal(t, want, string(got[i].Body), name)
	}
	assert.NotContains(t, string(got[2].Body), "never-sent", "generated credentials are read-only")
	assert.NotContains(t, string(got[3].Body), "never-sent", "generated credentials are read-only")
}

func TestSMSTrunkUpdateBodies(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	mt.RegisterResponder("PATCH", `=~^`+testBaseURL+`/sms_trunks/`, rec.wrap(jsonAPI(200, fixture(t, "sms_trunks/show_http_out.json"))))

	_, err := c.SMSTrunks.Update(t.Context(), smsInID, &SMSTrunkUpdateRequest{
		ExternalReferenceID: Null[string](), Priority: Null[int](), SMSTrunkGroupID: Null[string](),
		Configuration: &HTTPInConfiguration{HTTPMethod: HTTPMethodGet, ValidateHTTPSCertificate: Bool(true)},
	})
	require.NoError(t, err)
	_, err = c.SMSTrunks.Update(t.Context(), smsOutID, &SMSTrunkUpdateRequest{Name: String("Renamed"), Blocked: Bool(false),
		OutgoingDIDIDs: []string{}, Configuration: &HTTPOutConfiguration{ClearCallbackURL: true, AllowedIPs: []string{}}})
	require.NoError(t, err)
	got := rec.all()
	require.Len(t, got, 2)
	assertSMSHeaders(t, got[0])
	assert.Equal(t, "PATCH", got[0].Method)
	assert.Equal(t, "/v3/sms_trunks/"+smsInID, got[0].Path)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "sms_trunks/update_request_http_in.json"))), string(got[0].Body),
		"moving to get sends body_type and body as null")
	assert.Equal(t, "/v3/sms_trunks/"+smsOutID, got[1].Path)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "sms_trunks/update_request_http_out.json"))), string(got[1].Body),
		"an empty allowed_ips lifts the restriction: null")
}

func TestSMSTrunkRequestsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	email := &SMSToEmailConfiguration{SendTo: "a@example.com", Subject: "s", Message: "m"}
	out := &HTTPOutConfiguration{}
	var nilOut *HTTPOutConfiguration
	hook := func(method HTTPMethod, bodyType HTTPBodyType, body string, fields map[string]string) *HTTPInConfiguration {
		return &HTTPInConfiguration{URL: "https://h.example", HTTPMethod: method, BodyType: bodyType, Body: body, BodyFields: fields}
	}
	smsc := func(edit func(*SMPPSMSCConfiguration)) *SMPPSMSCConfiguration {
		c := &SMPPSMSCConfiguration{ServerLocation: "nyc", Host: "h", SystemID: "s", Password: NewSecret("p")}
		edit(c)
		return c
	}
	for name, req := range map[string]*SMSTrunkCreateRequest{
		"nil":                 nil,
		"name":                {Configuration: email},
		"no configuration":    {Name: "x"},
		"nil configuration":   {Name: "x", Configuration: nilOut},
		"send_to":             {Name: "x", Configuration: &SMSToEmailConfiguration{Subject: "s", Message: "m"}},
		"subject":             {Name: "x", Configuration: &SMSToEmailConfiguration{SendTo: "a@example.com", Message: "m"}},
		"message":             {Name: "x", Configuration: &SMSToEmailConfiguration{SendTo: "a@example.com", Subject: "s"}},
		"send_to address":     {Name: "x", Configuration: &SMSToEmailConfiguration{SendTo: "nobody", Subject: "s", Message: "m"}},
		"http_in url":         {Name: "x", Configuration: &HTTPInConfiguration{HTTPMethod: HTTPMethodGet}},
		"http_in no method":   {Name: "x", Configuration: &HTTPInConfiguration{URL: "https://h.example"}},
		"http_in relative":    {Name: "x", Configuration: &HTTPInConfiguration{URL: "/hook", HTTPMethod: HTTPMethodGet}},
		"http_in method":      {Name: "x", Configuration: &HTTPInConfiguration{URL: "https://h.example", HTTPMethod: "patch"}},
		"get with body":       {Name: "x", Configuration: hook(HTTPMethodGet, "", "b", nil)},
		"get with body type":  {Name: "x", Configuration: hook(HTTPMethodGet, HTTPBodyRaw, "", nil)},
		"post no body type":   {Name: "x", Configuration: hook(HTTPMethodPost, "", "b", nil)},
		"post no body":        {Name: "x", Configuration: hook(HTTPMethodPost, HTTPBodyJSON, "", nil)},
		"unknown body type":   {Name: "x", Configuration: hook(HTTPMethodPost, "multipart", "b", nil)},
		"form body as text":   {Name: "x", Configuration: hook(HTTPMethodPut, HTTPBodyHTMLMultipart, "a=b", nil)},
		"json body as fields": {Name: "x", Configuration: hook(HTTPMethodPut, HTTPBodyJSON, "", map[string]string{"a": "b"})},
		"text and fields":     {Name: "x", Configuration: hook(HTTPMethodPut, HTTPBodyRaw, "b", map[string]string{"a": "b"})},
		"callback":            {Name: "x", Configuration: &HTTPOutConfiguration{CallbackURL: "ftp://x"}},
		"callback and clear":  {Name: "x", Configuration: &HTTPOutConfiguration{CallbackURL: "https://x.example", ClearCallbackURL: true}},
		"empty ip":            {Name: "x", Configuration: &HTTPOutConfiguration{AllowedIPs: []string{""}}},
		"esme location":       {Name: "x", Configuration: &SMPPESMEConfiguration{}},
		"esme system_type":    {Name: "x", Configuration: &SMPPESMEConfiguration{ServerLocation: "nyc", SystemType: strings.Repeat("t", 13)}},
		"esme type + clear":   {Name: "x", Configuration: &SMPPESMEConfiguration{ServerLocation: "nyc", SystemType: "v", ClearSystemType: true}},
		"esme empty ip":       {Name: "x", Configuration: &SMPPESMEConfiguration{ServerLocation: "nyc", AllowedIPs: []string{" "}}},
		"system_type + clear": {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.SystemType, c.ClearSystemType = "v", true })},
		"smsc host":           {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.Host = "" })},
		"smsc location":       {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.ServerLocation = "" })},
		"smsc system_id":      {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.SystemID = "" })},
		"smsc password":       {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.Password = Secret{} })},
		"smsc tx_port":        {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.TxPort = 70000 })},
		"smsc rx_port":        {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.RxPort = -1 })},
		"smsc timeout":        {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.ConnectionTimeout = -5 })},
		"smsc long id":        {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.SystemID = strings.Repeat("s", 16) })},
		"smsc long password":  {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.Password = NewSecret("nine-long") })},
		"smsc long type":      {Name: "x", Configuration: smsc(func(c *SMPPSMSCConfiguration) { c.SystemType = strings.Repeat("t", 13) })},
		"raw not object":      {Name: "x", Configuration: NewRawSMSTrunkConfiguration("x", json.RawMessage(`[]`))},
		"priority range":      {Name: "x", Configuration: email, Priority: Int(40000)},
		"priority on out":     {Name: "x", Configuration: out, Priority: Int(1)},
		"any DID on email":    {Name: "x", Configuration: email, AllowAnyDIDAsSource: true},
		"any DID and DIDs":    {Name: "x", Configuration: out, AllowAnyDIDAsSource: true, OutgoingDIDIDs: []string{"d"}},
		"outgoing on inbound": {Name: "x", Configuration: email, OutgoingDIDIDs: []string{"d"}},
		"empty DID":           {Name: "x", Configuration: out, OutgoingDIDIDs: []string{""}},
		"out joins group":     {Name: "x", Configuration: out, SMSTrunkGroupID: smsTrunkGroupLinkID},
		"reference":           {Name: "x", Configuration: email, ExternalReferenceID: strings.Repeat("r", 101)},
	} {
		_, err := c.SMSTrunks.Create(t.Context(), req)
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	for name, req := range map[string]*SMSTrunkUpdateRequest{
		"nil":             nil,
		"nothing":         {},
		"empty name":      {Name: String(" ")},
		"priority on out": {Configuration: out, Priority: Value(5)},
		"group on out":    {Configuration: out, SMSTrunkGroupID: Value(smsTrunkGroupLinkID)},
		"empty group":     {SMSTrunkGroupID: Value("")},
		"any DID + DIDs":  {AllowAnyDIDAsSource: Bool(true), OutgoingDIDIDs: []string{"d"}},
		"duplicate DIDs":  {OutgoingDIDIDs: []string{"d", "d"}},
		"priority range":  {Priority: Value(-1)},
	} {
		_, err := c.SMSTrunks.Update(t.Context(), smsOutID, req)
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	_, err := c.SMSTrunks.Update(t.Context(), "", &SMSTrunkUpdateRequest{Blocked: Bool(true)})
	assert.ErrorIs(t, err, ErrInvalidRequest, "no id")
	_, err = c.SMSTrunks.RegenerateCredentials(t.Context(), " ")
	assert.ErrorIs(t, err, ErrInvalidRequest, "no id")
	assert.ErrorIs(t, c.SMSTrunks.Delete(t.Context(), ""), ErrInvalidRequest, "no id")
	_, err = c.SMSTrunks.List(t.Context(), &SMSTrunkListOptions{Include: []string{"sender_id_verification"}})
	assert.ErrorIs(t, err, ErrInvalidRequest, "unknown include")
	_, err = c.SMSTrunks.List(t.Context(), &SMSTrunkListOptions{Sort: []string{"type"}})
	assert.ErrorIs(t, err, ErrInvalidRequest, "unknown sort")
	_, err = c.SMSTrunks.Get(t.Context(), smsOutID, &GetOptions{Include: []string{"dids"}})
	assert.ErrorIs(t, err, ErrInvalidRequest, "unknown include on get")
	assert.Zero(t, mt.GetTotalCallCount())
}

// Under 2026-04-16 there are no SMS trunks: every call is refused before
// sending, naming the version.
func TestSMSTrunksRefusedUnder20260416(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20260416)
	calls := map[string]func() error{
		"list": func() error { _, err := c.SMSTrunks.List(t.Context(), nil); return err },
		"all": func() error {
			for _, err := range c.SMSTrunks.All(t.Context(), nil) {
				return err
			}
			return nil
		},
		"get": func() error { _, err := c.SMSTrunks.Get(t.Context(), smsOutID, nil); return err },
		"create": func() error {
			_, err := c.SMSTrunks.Create(t.Context(), &SMSTrunkCreateRequest{Name: "x", Configuration: &HTTPOutConfiguration{}})
			return err
		},
		"update": func() error {
			_, err := c.SMSTrunks.Update(t.Context(), smsOutID, &SMSTrunkUpdateRequest{Blocked: Bool(true)})
			return err
		},
		"delete":     func() error { return c.SMSTrunks.Delete(t.Context(), smsOutID) },
		"regenerate": func() error { _, err := c.SMSTrunks.RegenerateCredentials(t.Context(), smsOutID); return err },
		"fields": func() error {
			_, err := c.VoiceInTrunks.Get(t.Context(), "t", &GetOptions{Fields: map[string][]string{"sms_trunks": {"name"}}})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		require.ErrorIs(t, err, ErrInvalidRequest, name)
		assert.Contains(t, err.Error(), "SMS trunks arrive in API version 2026-11-19", name)
		assert.Contains(t, err.Error(), "speaks API version 2026-04-16", name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestSMSTrunkRegenerateCredentials(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/sms_trunk_regenerate_credentials", rec.wrap(jsonAPI(201, fixture(t, "sms_trunks/regenerate.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/sms_trunks/"+smsESMEID, rec.wrap(jsonAPI(200, fixture(t, "sms_trunks/show_http_out.json"))))

	tr, err := c.SMSTrunks.RegenerateCredentials(t.Context(), smsESMEID)
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assertSMSHeaders(t, reqs[0])
	assert.Equal(t, "POST", reqs[0].Method)
	assert.Equal(t, "/v3/sms_trunk_regenerate_credentials", reqs[0].Path)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "sms_trunks/regenerate_request.json"))), string(reqs[0].Body))
	assert.Equal(t, "GET", reqs[1].Method, "the new credentials are read back")
	assert.Equal(t, "/v3/sms_trunks/"+smsESMEID, reqs[1].Path)
	_, pass, ok := tr.Credentials()
	require.True(t, ok)
	assert.Equal(t, smsOutPass, pass.Reveal())
}

func TestSMSTrunkRegenerateFailures(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	mt.RegisterResponder("POST", testBaseURL+"/sms_trunk_regenerate_credentials", jsonAPI(201, fixture(t, "sms_trunks/regenerate.json")))
	mt.RegisterResponder("GET", testBaseURL+"/sms_trunks/"+smsESMEID, httpmock.NewStringResponder(404, `{"errors":[{"title":"Not found","code":"404","status":"404"}]}`))
	_, err := c.SMSTrunks.RegenerateCredentials(t.Context(), smsESMEID)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "the credentials were regenerated")
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the rotation is known to have happened")

	c, mt = newVersionClient(t, APIVersion20261119)
	mt.RegisterResponder("POST", testBaseURL+"/sms_trunk_regenerate_credentials",
		jsonAPI(422, []byte(`{"errors":[{"title":"is invalid","detail":"sms_trunk - is invalid","code":"100","status":"422"}]}`)))
	_, err = c.SMSTrunks.RegenerateCredentials(t.Context(), smsInID)
	assert.ErrorIs(t, err, ErrValidation, "a type without generated credentials")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "nothing is read back after a refusal")
}

func TestSMSTrunkDelete(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/sms_trunks/"+smsInID, rec.wrap(httpmock.NewStringResponder(http.StatusNoContent, "")))
	mt.RegisterResponder("DELETE", testBaseURL+"/sms_trunks/"+smsOutID, jsonAPI(422,
		[]byte(`{"errors":[{"title":"is still assigned to DIDs","detail":"sms_trunk - is still assigned to DIDs","code":"100","status":"422"}]}`)))
	require.NoError(t, c.SMSTrunks.Delete(t.Context(), smsInID))
	r := rec.only(t)
	assertSMSHeaders(t, r)
	assert.Equal(t, "DELETE", r.Method)
	assert.Equal(t, "/v3/sms_trunks/"+smsInID, r.Path)
	assert.Empty(t, r.Body)

	err := c.SMSTrunks.Delete(t.Context(), smsOutID)
	assert.ErrorIs(t, err, ErrValidation, "a trunk DIDs route to")
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 422, apiErr.StatusCode)
}

func TestSMSTrunkCreateOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	mt.RegisterResponder("POST", testBaseURL+"/sms_trunks", httpmock.NewStringResponder(502, "bad gateway"))
	_, err := c.SMSTrunks.Create(t.Context(), &SMSTrunkCreateRequest{Name: "x", Configuration: &HTTPOutConfiguration{}})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a POST is not retried on 502")
}

// The trunks' passwords and the webhook's header never print, whatever
// holds them.
func TestSMSTrunkSecretsNeverPrint(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	covServe(t, mt, "/sms_trunks", "sms_trunks/list.json")
	p, err := c.SMSTrunks.List(t.Context(), nil)
	require.NoError(t, err)
	secrets := []string{smsOutPass, smsESMEPass, smsSMSCPass, smsHookHeader}
	hook := p.Items[1].Configuration.(*HTTPInConfiguration)
	out := p.Items[2].Configuration.(*HTTPOutConfiguration)
	esme := p.Items[3].Configuration.(*SMPPESMEConfiguration)
	smsc := p.Items[4].Configuration.(*SMPPSMSCConfiguration)
	raw := NewRawSMSTrunkConfiguration("x", json.RawMessage(`{"password":"`+smsSMSCPass+`"}`))
	subjects := map[string]any{
		"page": p, "items": p.Items, "trunk": p.Items[2], "*trunk": *p.Items[3], "hook": hook, "*hook": *hook,
		"headers": hook.Headers, "out": out, "*out": *out, "esme": esme, "*esme": *esme, "smsc": smsc, "*smsc": *smsc,
		"raw": raw, "*raw": *raw, "secret": out.AuthPassword, "&secret": &esme.Password,
		"map": map[string]SMSTrunk{"a": *p.Items[4]}, "any": []any{p.Items[1], smsc, esme.Password},
	}
	spews := []*spew.ConfigState{spew.NewDefaultConfig(),
		{Indent: " ", DisablePointerAddresses: true, DisableCapacities: true, SortKeys: true, DisableMethods: true, MaxDepth: 10},
		{DisableMethods: true, DisablePointerMethods: true, ContinueOnMethod: true}}
	for name, v := range subjects {
		for _, verb := range leakVerbs {
			assertNoSecret(t, verb+" of "+name, fmt.Sprintf(verb, v), secrets...)
		}
		assertNoSecret(t, "Errorf of "+name, fmt.Errorf("wrapped: %v", v).Error(), secrets...)
		b, _ := json.Marshal(v)
		assertNoSecret(t, "json of "+name, string(b), secrets...)
		for i, cfg := range spews {
			assertNoSecret(t, fmt.Sprintf("spew %d of %s", i, name), cfg.Sdump(v), secrets...)
		}
	}
	ct := &captureT{}
	other := *p.Items[4]
	other.Name = "other"
	assert.Equal(ct, p.Items[4], &other)
	assert.Equal(ct, *esme, SMPPESMEConfiguration{Password: NewSecret("different-pass")})
	assert.Equal(ct, *hook, HTTPInConfiguration{Headers: map[string]Secret{"Authorization": NewSecret("different-pass")}})
	diff := ct.output()
	require.Contains(t, diff, "Diff:")
	assertNoSecret(t, "testify diff", diff, append(secrets, "different-pass")...)
	assert.Equal(t, smsESMEPass, esme.Password.Reveal(), "hidden, not lost")
}
