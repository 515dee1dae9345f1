package e2e_test

import (
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under 2026-11-19 the account's sender ID verifications (added as the User
// Panel would) are listed, read with their order, renamed and left without
// a trunk; an unknown trunk and a closed verification are the API's 422.
func TestE2E20261119SenderIDVerifications(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	ctx := e2eCtx(t)

	none, err := client.SenderIDVerifications.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, none.Items, "an account has none until they are added")

	id, err := srv.AddSenderIDVerification(srv.APIKey, didwwtest.SenderIDVerification{Name: "ACME alerts", Status: "active",
		SenderIDs: []string{"ACME"}, CountryIDs: []string{didwwtest.CountryUSID}, Charge: "15.00"})
	require.NoError(t, err)
	closed, err := srv.AddSenderIDVerification(srv.APIKey, didwwtest.SenderIDVerification{Name: "Old", Status: "closed",
		SenderType: "short_code", SenderIDs: []string{"55123"}})
	require.NoError(t, err)

	page, err := client.SenderIDVerifications.List(ctx, &didww.SenderIDVerificationListOptions{
		Status: didww.SenderIDVerificationActive, Include: []string{"countries", "order"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	v := page.Items[0]
	assert.Equal(t, id, v.ID)
	assert.Equal(t, didww.SenderTypeAlphanumeric, v.SenderType)
	assert.Equal(t, []string{"ACME"}, v.SenderIDs)
	require.NotNil(t, v.ActivatedAt)
	assert.Nil(t, v.ClosedAt)
	require.Len(t, v.Countries, 1)
	assert.Equal(t, "United States", v.Countries[0].Name)
	require.NotNil(t, v.Order)
	assert.Equal(t, didww.OrderStatusCompleted, v.Order.Status)
	require.Len(t, v.Order.Items, 1)
	assert.Equal(t, didww.OrderItemGeneric, v.Order.Items[0].Type)
	assert.Zero(t, v.Order.Items[0].NRC.Cmp("15"), "nrc %s", v.Order.Items[0].NRC)

	renamed, err := client.SenderIDVerifications.Update(ctx, id, &didww.SenderIDVerificationUpdateRequest{
		Name: didww.String("ACME notifications"), SMSTrunkID: didww.Null[string]()})
	require.NoError(t, err)
	assert.Equal(t, "ACME notifications", renamed.Name)
	assert.Nil(t, renamed.SMSTrunk)

	_, err = client.SenderIDVerifications.Update(ctx, id, &didww.SenderIDVerificationUpdateRequest{
		SMSTrunkID: didww.Value("00000000-0000-4000-8000-000000000000")})
	require.ErrorIs(t, err, didww.ErrValidation)
	e2eAPIError(t, err, 422)
	_, err = client.SenderIDVerifications.Update(ctx, closed, &didww.SenderIDVerificationUpdateRequest{Name: didww.String("x")})
	require.ErrorIs(t, err, didww.ErrValidation)

	got, err := client.SenderIDVerifications.Get(ctx, closed, nil)
	require.NoError(t, err)
	assert.Equal(t, "Old", got.Name, "the refused update changed nothing")
	assert.Empty(t, got.RenewDate)
	require.NotNil(t, got.ClosedAt)
	assert.WithinDuration(t, srv.Now(), *got.ClosedAt, time.Second)
}

// A 2026-04-16 client refuses before sending; the server has no such path
// for the account either.
func TestE2E20260416SenderIDVerificationsRefused(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client := srv.Client()
	ctx := e2eCtx(t)
	before := srv.Requests()
	_, err := client.SenderIDVerifications.List(ctx, nil)
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "2026-11-19")
	assert.Equal(t, before, srv.Requests(), "nothing was sent")
}
