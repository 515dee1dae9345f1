package e2e_test

import (
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under 2026-11-19 a trunk of each kind is created, read back, updated; the
// generated credentials are rotated; and the trunks are deleted.
func TestE2E20261119SMSTrunks(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	ctx := e2eCtx(t)
	p, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	require.Len(t, p.DIDs, 1)
	didID := p.DIDs[0].ID

	reqs := []*didww.SMSTrunkCreateRequest{
		{Name: "Inbox", Priority: didww.Int(10), Configuration: &didww.SMSToEmailConfiguration{SendTo: "sms@example.com",
			Subject: "Inbound SMS", Message: "{SMS_TEXT}"}},
		{Name: "Webhook", Configuration: &didww.HTTPInConfiguration{URL: "https://example.com/in", HTTPMethod: didww.HTTPMethodPost,
			BodyType: didww.HTTPBodyJSON, Body: `{"text":"{SMS_TEXT}"}`, Headers: map[string]didww.Secret{"X-Key": didww.NewSecret("hook-key")}}},
		{Name: "Outbound", OutgoingDIDIDs: []string{didID}, Configuration: &didww.HTTPOutConfiguration{CallbackURL: "https://example.com/cb"}},
		{Name: "ESME", AllowAnyDIDAsSource: true, Configuration: &didww.SMPPESMEConfiguration{ServerLocation: "fra"}},
		{Name: "SMSC", Configuration: &didww.SMPPSMSCConfiguration{ServerLocation: "nyc", Host: "smsc.example.net", TxPort: 2775,
			TransceiverMode: didww.Bool(true), SystemID: "me", Password: didww.NewSecret("smsc-pw")}},
		{Name: "Form", Configuration: &didww.HTTPInConfiguration{URL: "https://example.com/form", HTTPMethod: didww.HTTPMethodPut,
			BodyType: didww.HTTPBodyHTMLMultipart, BodyFields: map[string]string{"text": "{SMS_TEXT}"}}},
	}
	trunks := map[didww.SMSTrunkType]*didww.SMSTrunk{}
	var formID string
	for _, req := range reqs {
		tr, err := client.SMSTrunks.Create(ctx, req)
		require.NoError(t, err, req.Name)
		got, err := client.SMSTrunks.Get(ctx, tr.ID, &didww.GetOptions{Include: []string{"outgoing_dids"}})
		require.NoError(t, err, req.Name)
		assert.Equal(t, tr.ID, got.ID)
		assert.Equal(t, req.Name, got.Name)
		assert.Equal(t, req.Configuration.SMSTrunkType(), got.Type())
		if req.Name == "Form" {
			form := got.Configuration.(*didww.HTTPInConfiguration)
			assert.Equal(t, map[string]string{"text": "{SMS_TEXT}"}, form.BodyFields, "a form body comes back as fields")
			formID = got.ID
			continue
		}
		trunks[got.Type()] = got
	}
	require.Len(t, trunks, 5)
	assert.Equal(t, didww.Int(10), trunks[didww.SMSTrunkSMSToEmail].Priority)
	assert.Equal(t, didww.Int(100), trunks[didww.SMSTrunkHTTPIn].Priority, "the default")
	assert.Nil(t, trunks[didww.SMSTrunkHTTPOut].Priority)
	hook := trunks[didww.SMSTrunkHTTPIn].Configuration.(*didww.HTTPInConfiguration)
	assert.Equal(t, "hook-key", hook.Headers["X-Key"].Reveal())
	smsc := trunks[didww.SMSTrunkSMPPSMSC].Configuration.(*didww.SMPPSMSCConfiguration)
	assert.Equal(t, "smsc-pw", smsc.Password.Reveal())
	assert.Equal(t, 2776, smsc.RxPort, "the default receiver port")
	assert.Equal(t, didww.SMPPServerLocation("nyc"), smsc.ServerLocation)

	out := trunks[didww.SMSTrunkHTTPOut]
	require.NotNil(t, out.Host)
	assert.Contains(t, *out.Host, "outbound_messages")
	require.Len(t, out.OutgoingDIDs, 1)
	assert.Equal(t, didID, out.OutgoingDIDs[0].ID)
	assert.True(t, out.AllowOut)
	assert.False(t, out.AllowIn)

	// Moving the webhook to GET drops its body; the URL is kept.
	updated, err := client.SMSTrunks.Update(ctx, trunks[didww.SMSTrunkHTTPIn].ID, &didww.SMSTrunkUpdateRequest{
		Blocked: didww.Bool(true), Priority: didww.Null[int](), ExternalReferenceID: didww.Value("crm-1"),
		Configuration: &didww.HTTPInConfiguration{HTTPMethod: didww.HTTPMethodGet}})
	require.NoError(t, err)
	cfg := updated.Configuration.(*didww.HTTPInConfiguration)
	assert.Equal(t, didww.HTTPMethodGet, cfg.HTTPMethod)
	assert.Empty(t, cfg.Body)
	assert.Equal(t, "https://example.com/in", cfg.URL)
	assert.True(t, updated.Blocked)
	assert.Equal(t, "crm-1", updated.ExternalReferenceID)

	_, err = client.SMSTrunks.Update(ctx, out.ID, &didww.SMSTrunkUpdateRequest{Configuration: &didww.SMPPESMEConfiguration{}})
	require.ErrorIs(t, err, didww.ErrValidation, "the type is fixed")
	e2eAPIError(t, err, 422)

	for _, kind := range []didww.SMSTrunkType{didww.SMSTrunkHTTPOut, didww.SMSTrunkSMPPESME} {
		before := trunks[kind]
		_, oldPass, ok := before.Credentials()
		require.True(t, ok, kind)
		after, err := client.SMSTrunks.RegenerateCredentials(ctx, before.ID)
		require.NoError(t, err, kind)
		user, newPass, ok := after.Credentials()
		require.True(t, ok, kind)
		assert.NotEmpty(t, user, kind)
		assert.NotEqual(t, oldPass.Reveal(), newPass.Reveal(), kind)
	}
	_, err = client.SMSTrunks.RegenerateCredentials(ctx, trunks[didww.SMSTrunkSMSToEmail].ID)
	assert.ErrorIs(t, err, didww.ErrValidation, "sms_to_email has no generated credentials")

	for _, tr := range trunks {
		require.NoError(t, client.SMSTrunks.Delete(ctx, tr.ID), tr.Name)
	}
	require.NoError(t, client.SMSTrunks.Delete(ctx, formID))
	page, err := client.SMSTrunks.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.Equal(t, 0, e2eRequests(srv, "GET", "/v3/voice_in_trunks"), "nothing else was asked")
}

// Under 2026-04-16 the client refuses SMS trunks before sending.
func TestE2E20260416SMSTrunksRefused(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client := srv.Client()
	_, err := client.SMSTrunks.List(e2eCtx(t), nil)
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Equal(t, 0, e2eRequests(srv, "GET", "/v3/sms_trunks"))
}
