package e2e_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A voice-out trunk is created with generated credentials, renamed, given
// new credentials and deleted.
func TestE2EVoiceOutTrunkLifecycle(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	tr, err := client.VoiceOutTrunks.Create(ctx, &didww.VoiceOutTrunkCreateRequest{
		Name:                 "pbx out",
		AuthenticationMethod: didww.CredentialsAndIPAuthentication{AllowedSIPIPs: []string{"203.0.113.0/24"}},
		AllowAnyDIDAsCLI:     didww.Bool(true),
		OnCLIMismatchAction:  didww.CLIMismatchSendOriginalCLI,
	})
	require.NoError(t, err)
	assert.Equal(t, "pbx out", tr.Name)
	auth, ok := tr.AuthenticationMethod.Method.(*didww.CredentialsAndIPAuthentication)
	require.True(t, ok, "method %T", tr.AuthenticationMethod.Method)
	assert.Equal(t, []string{"203.0.113.0/24"}, auth.AllowedSIPIPs)
	require.NotEmpty(t, auth.Username)
	oldPassword := auth.Password.Reveal()
	require.NotEmpty(t, oldPassword)

	renamed, err := client.VoiceOutTrunks.Update(ctx, tr.ID, &didww.VoiceOutTrunkUpdateRequest{Name: didww.String("pbx out 2")})
	require.NoError(t, err)
	assert.Equal(t, "pbx out 2", renamed.Name)

	fresh, err := client.VoiceOutTrunks.RegenerateCredentials(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, tr.ID, fresh.ID)
	_, password, ok := fresh.Credentials()
	require.True(t, ok)
	assert.NotEqual(t, oldPassword, password.Reveal(), "the password is regenerated")

	require.NoError(t, client.VoiceOutTrunks.Delete(ctx, tr.ID))
	_, err = client.VoiceOutTrunks.Get(ctx, tr.ID, nil)
	assert.ErrorIs(t, err, didww.ErrNotFound)
}

// An account without the outbound service is refused with 403, which the
// caller tells apart with ErrOutboundDisabled.
func TestE2EVoiceOutTrunksNeedTheOutboundService(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	key := srv.NewAccount("10.00", didwwtest.OutboundService(false))
	ctx := e2eCtx(t)

	_, err := srv.ClientFor(key).VoiceOutTrunks.List(ctx, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, didww.ErrOutboundDisabled)
	var apiErr *didww.APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 403, apiErr.StatusCode)

	_, err = srv.Client().VoiceOutTrunks.List(ctx, nil)
	assert.NoError(t, err, "the default account has the service")
}

// An export of the calls to a bought number is pending until the server's
// clock passes its delay, then downloads as the CSV of those calls.
func TestE2EExportWaitAndDownload(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t)
	client, ctx := srv.Client(), e2eCtx(t)
	_, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
	})
	require.NoError(t, err)
	clock.Advance(didwwtest.DefaultOrderCompletionDelay)
	dids, err := client.DIDs.List(ctx, nil) // the order completes now
	require.NoError(t, err)
	require.Len(t, dids.Items, 1)
	clock.Advance(2 * time.Hour) // the number's first two calls have happened

	x, err := client.Exports.Create(ctx, &didww.ExportCreateRequest{
		Filters: didww.CDRInFilters{From: e2eStart.Truncate(24 * time.Hour), To: clock.Now()},
	})
	require.NoError(t, err)
	assert.Equal(t, didww.ExportCDRIn, x.ExportType)
	assert.Equal(t, didww.ExportPending, x.Status)
	require.ErrorIs(t, client.Exports.Download(ctx, x, &bytes.Buffer{}), didww.ErrInvalidRequest, "not completed yet")

	clock.Advance(didwwtest.DefaultExportDelay)
	done, err := client.Exports.Wait(ctx, x.ID, time.Millisecond)
	require.NoError(t, err)
	require.Equal(t, didww.ExportCompleted, done.Status)
	require.NotEmpty(t, done.URL)

	var out bytes.Buffer
	require.NoError(t, client.Exports.Download(ctx, done, &out))
	rows, err := csv.NewReader(&out).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3, "a header and two calls")
	assert.Equal(t, "Date/Time Start (UTC)", rows[0][0])
	assert.Equal(t, "Destination DID", rows[0][6])
	assert.Equal(t, "Call ID", rows[0][len(rows[0])-1])
	for _, row := range rows[1:] {
		assert.Equal(t, dids.Items[0].Number, row[6], "Destination DID")
	}
}

// Emergency requirements carry their prices, and a validation lists what
// an identity and address lack.
func TestE2EEmergencyRequirementPricesAndValidation(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	r, err := client.EmergencyRequirements.Get(ctx, didwwtest.EmergencyRequirementUSLocalID, &didww.GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	require.NotNil(t, r.SetupPrice)
	require.NotNil(t, r.MonthlyPrice)
	assert.Equal(t, "0.0", r.SetupPrice.String())
	assert.Equal(t, "1.5", r.MonthlyPrice.String())
	require.NotNil(t, r.Country)
	assert.Equal(t, "United States", r.Country.Name)

	id, err := client.Identities.Create(ctx, &didww.IdentityCreateRequest{IdentityType: didww.IdentityPersonal,
		FirstName: "Ada", LastName: "Lovelace", PhoneNumber: "12125550100", CountryID: didwwtest.CountryCAID})
	require.NoError(t, err)
	addr, err := client.Addresses.Create(ctx, &didww.AddressCreateRequest{IdentityID: id.ID, CountryID: didwwtest.CountryCAID,
		Address: "1 Main St", CityName: "Toronto", PostalCode: "M5H 2N2"})
	require.NoError(t, err)

	check, err := client.EmergencyRequirements.Validate(ctx, &didww.EmergencyRequirementValidationRequest{
		EmergencyRequirementID: r.ID, IdentityID: id.ID, AddressID: addr.ID})
	require.NoError(t, err)
	assert.False(t, check.OK)
	var details []string
	for _, p := range check.Problems {
		details = append(details, p.Detail)
	}
	assert.Equal(t, []string{"Identity contact_email is required", "Address in United States required"}, details)
}
