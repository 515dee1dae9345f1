package e2e_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// e2eAachenRegistration buys an Aachen number and returns the request
// registering it, complete.
func e2eAachenRegistration(t *testing.T, ctx context.Context, client *didww.Client) *didww.RegisterDIDsRequest {
	t.Helper()
	group, err := client.DIDGroups.Get(ctx, didwwtest.DIDGroupAachenID, &didww.GetOptions{
		Include: []string{"stock_keeping_units", "address_requirement", "country"}})
	require.NoError(t, err)
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: group.CheapestSKU(0).ID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	doc := func(name string) []didww.EncryptedFileUpload {
		return []didww.EncryptedFileUpload{{Name: name, Content: []byte("%PDF-1.4 " + name + "\n%%EOF")}}
	}
	return &didww.RegisterDIDsRequest{
		DIDIDs: []string{bought.DIDs[0].ID}, AddressRequirementID: group.AddressRequirement.ID,
		Identity: &didww.IdentityCreateRequest{IdentityType: didww.IdentityPersonal, FirstName: "Anna", LastName: "Schmidt",
			PhoneNumber: "492411234567", BirthDate: "1985-03-14", CountryID: group.Country.ID},
		Address:            &didww.AddressCreateRequest{CountryID: group.Country.ID, Address: "Markt 1", CityName: "Aachen", PostalCode: "52062"},
		IdentityProofs:     []didww.RegistrationDocument{{TypeID: didwwtest.ProofTypePassportID, Files: doc("passport.pdf")}},
		AddressProofs:      []didww.RegistrationDocument{{TypeID: didwwtest.ProofTypeUtilityBillID, Files: doc("bill.pdf")}},
		PermanentDocuments: []didww.RegistrationDocument{{TypeID: didwwtest.TemplateGermanyRegistrationID, Files: doc("form.pdf")}},
		ServiceDescription: "Customer support line",
	}
}

func TestE2ERegisterDIDsFlow(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t, didwwtest.WithOrderCompletionDelay(0))
	client, ctx := srv.Client(), e2eCtx(t)
	req := e2eAachenRegistration(t, ctx, client)

	reg, err := client.RegisterDIDs(ctx, req)
	require.NoError(t, err)
	require.NotNil(t, reg.Verification)
	assert.Equal(t, didww.AddressVerificationPending, reg.Verification.Status)
	assert.Len(t, reg.Proofs, 2)
	assert.Len(t, reg.PermanentDocuments, 1)
	assert.Equal(t, 3, e2eRequests(srv, "POST", "/v3/encrypted_files"), "one upload per document")

	clock.Advance(didwwtest.DefaultVerificationDelay)
	d, err := client.DIDs.Get(ctx, req.DIDIDs[0], nil)
	require.NoError(t, err)
	assert.False(t, d.AwaitingRegistration)
}

func TestE2ERegisterDIDsStopsAtAnUnmetRequirement(t *testing.T) {
	t.Parallel()
	srv, _ := e2eClockServer(t, didwwtest.WithOrderCompletionDelay(0))
	client, ctx := srv.Client(), e2eCtx(t)
	req := e2eAachenRegistration(t, ctx, client)
	req.PermanentDocuments = nil

	reg, err := client.RegisterDIDs(ctx, req)
	var re *didww.RegistrationError
	require.True(t, errors.As(err, &re), "err = %v", err)
	assert.ErrorIs(t, err, didww.ErrRequirementNotMet)
	assert.Equal(t, didww.RegisterStepValidate, re.Step)
	assert.NotEmpty(t, re.Problems)
	assert.Same(t, reg, re.Registration)
	require.NotNil(t, reg.Identity)
	require.NotNil(t, reg.Address)
	assert.Len(t, reg.Proofs, 2)
	assert.Nil(t, reg.Verification)
	assert.Contains(t, err.Error(), "identity "+reg.Identity.ID)
	assert.Zero(t, e2eRequests(srv, "POST", "/v3/address_verifications"), "no verification is submitted")

	ids, err := client.Identities.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{reg.Identity.ID}, e2eIDs(ids.Items, func(i *didww.Identity) string { return i.ID }),
		"what the error lists is what exists")
}

func TestE2ERegisterDIDsRejectedCallsBack(t *testing.T) {
	t.Parallel()
	const secret = "e2e-registration-secret"
	callbackURL, received := e2eReceiver(t, secret) // torn down after the API
	srv, clock := e2eClockServer(t, didwwtest.WithCallbackSecret(secret), didwwtest.WithOrderCompletionDelay(0))
	client, ctx := srv.Client(), e2eCtx(t)
	req := e2eAachenRegistration(t, ctx, client)
	req.Identity.IDNumber = didwwtest.SandboxRejectIDNumber
	req.CallbackURL, req.CallbackMethod = callbackURL, didww.CallbackPOST

	reg, err := client.RegisterDIDs(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, didww.CallbackPOST, reg.Verification.CallbackMethod)
	clock.Advance(didwwtest.DefaultVerificationDelay)
	v, err := client.AddressVerifications.Get(ctx, reg.Verification.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, didww.AddressVerificationRejected, v.Status)

	cb := e2eAwaitCallback(t, received)
	av, ok := cb.AddressVerification()
	require.True(t, ok, "callback = %+v", cb)
	assert.Equal(t, didww.AddressVerificationCallback{
		VerificationID: reg.Verification.ID, Status: didww.AddressVerificationRejected,
		RejectReason: strings.Join(v.RejectReasons, "; "),
	}, av)
	d, err := client.DIDs.Get(ctx, req.DIDIDs[0], nil)
	require.NoError(t, err)
	assert.True(t, d.AwaitingRegistration)
}

// A second number registers with the identity and address the first one
// filed: nothing is created again, and the proofs they hold satisfy the
// requirement.
func TestE2ERegisterDIDsReusesAnIdentityAndAddress(t *testing.T) {
	t.Parallel()
	srv, _ := e2eClockServer(t, didwwtest.WithOrderCompletionDelay(0))
	client, ctx := srv.Client(), e2eCtx(t)
	first, err := client.RegisterDIDs(ctx, e2eAachenRegistration(t, ctx, client))
	require.NoError(t, err)

	next := e2eAachenRegistration(t, ctx, client)
	again := &didww.RegisterDIDsRequest{DIDIDs: next.DIDIDs, AddressRequirementID: next.AddressRequirementID,
		IdentityID: first.Identity.ID, AddressID: first.Address.ID, ServiceDescription: "Second line"}
	reg, err := client.RegisterDIDs(ctx, again)
	require.NoError(t, err)
	assert.True(t, reg.ReusedIdentity)
	assert.True(t, reg.ReusedAddress)
	assert.Equal(t, first.Identity.ID, reg.Identity.ID)
	assert.Equal(t, first.Address.ID, reg.Address.ID)
	assert.Empty(t, reg.Proofs)
	require.NotNil(t, reg.Verification)
	assert.Equal(t, 1, e2eRequests(srv, "POST", "/v3/identities"), "the identity is not filed twice")
	assert.Equal(t, 1, e2eRequests(srv, "POST", "/v3/addresses"))
	assert.Equal(t, 2, e2eRequests(srv, "POST", "/v3/address_verifications"))

	// An address of another identity is refused before anything is filed.
	other, err := client.Identities.Create(ctx, next.Identity)
	require.NoError(t, err)
	again.IdentityID = other.ID
	reg, err = client.RegisterDIDs(ctx, again)
	var re *didww.RegistrationError
	require.True(t, errors.As(err, &re), "err = %v", err)
	assert.Equal(t, didww.RegisterStepAddress, re.Step)
	assert.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "belongs to identity "+first.Identity.ID)
	assert.NotContains(t, err.Error(), "created:", "nothing was created")
	assert.Nil(t, reg.Address)
	assert.Equal(t, 2, e2eRequests(srv, "POST", "/v3/address_verifications"))
}
