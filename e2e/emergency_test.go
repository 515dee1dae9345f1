package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under 2026-11-19 an emergency verification of a US number makes a
// calling service that carries the number type, which the list filters
// by; the service is then canceled.
func TestE2E20261119EmergencyCallingService(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	ctx := e2eCtx(t)
	group, did, identity, address := e2eEmergencyRegistrant(t, ctx, client)
	check, err := client.EmergencyRequirements.Validate(ctx, &didww.EmergencyRequirementValidationRequest{
		EmergencyRequirementID: didwwtest.EmergencyRequirementUSLocalID, IdentityID: identity.ID, AddressID: address.ID})
	require.NoError(t, err)
	require.True(t, check.OK, "problems: %v", check.Problems)

	v, err := client.EmergencyVerifications.Create(ctx, &didww.EmergencyVerificationCreateRequest{AddressID: address.ID,
		DIDIDs: []string{did}, ExternalReferenceID: "e2e-emergency"})
	require.NoError(t, err)
	assert.Equal(t, "e2e-emergency", v.ExternalReferenceID)

	services, err := client.EmergencyCallingServices.List(ctx, &didww.EmergencyCallingServiceListOptions{
		NumberType: []didww.NumberType{group.NumberType}, Include: []string{"dids", "country"}})
	require.NoError(t, err)
	require.Len(t, services.Items, 1)
	svc := services.Items[0]
	assert.Equal(t, group.NumberType, svc.NumberType, "the service carries its numbers' type")
	assert.NotEmpty(t, svc.NumberType)
	assert.Nil(t, svc.DIDGroupType, "2026-11-19 has no DID group types")
	require.Len(t, svc.DIDs, 1)
	assert.Equal(t, did, svc.DIDs[0].ID)
	other := didww.NumberTypeTollFree
	if group.NumberType == other {
		other = didww.NumberTypeLocal
	}
	none, err := client.EmergencyCallingServices.List(ctx, &didww.EmergencyCallingServiceListOptions{NumberType: []didww.NumberType{other}})
	require.NoError(t, err)
	assert.Empty(t, none.Items)

	shut := srv.ClientFor(srv.NewAccount("10.00", didwwtest.APIVersion(didww.APIVersion20261119), didwwtest.EmergencyCalling(false)))
	_, err = shut.EmergencyRequirements.List(ctx, nil)
	assert.ErrorIs(t, err, didww.ErrForbidden, "2026-11-19 refuses every emergency endpoint without emergency calling")

	require.NoError(t, client.EmergencyCallingServices.Cancel(ctx, svc.ID))
	got, err := client.EmergencyCallingServices.Get(ctx, svc.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, didww.EmergencyServiceCanceled, got.Status)
}

// Under 2026-11-19 the address and identity of a running emergency calling
// service are refused deletion with 409; once it is canceled they go.
func TestE2E20261119RegistrantInUse(t *testing.T) {
	t.Parallel()
	_, client := e2eServer1119(t)
	ctx := e2eCtx(t)
	_, did, identity, address := e2eEmergencyRegistrant(t, ctx, client)
	_, err := client.EmergencyVerifications.Create(ctx, &didww.EmergencyVerificationCreateRequest{AddressID: address.ID, DIDIDs: []string{did}})
	require.NoError(t, err)

	for name, del := range map[string]func() error{
		"address":  func() error { return client.Addresses.Delete(ctx, address.ID) },
		"identity": func() error { return client.Identities.Delete(ctx, identity.ID) },
	} {
		err := del()
		var apiErr *didww.APIError
		require.ErrorAs(t, err, &apiErr, name)
		assert.Equal(t, 409, apiErr.StatusCode, name)
		assert.NotErrorIs(t, err, didww.ErrOutcomeUnknown, "a refusal settles it: %s is kept", name)
	}
	services, err := client.EmergencyCallingServices.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, services.Items, 1)
	require.NoError(t, client.EmergencyCallingServices.Cancel(ctx, services.Items[0].ID))
	require.NoError(t, client.Addresses.Delete(ctx, address.ID))
	require.NoError(t, client.Identities.Delete(ctx, identity.ID))
}

// e2eEmergencyRegistrant buys a US number of a group with the emergency
// feature and files a US identity and its address.
func e2eEmergencyRegistrant(t *testing.T, ctx context.Context, client *didww.Client) (*didww.DIDGroup, string, *didww.Identity, *didww.Address) {
	t.Helper()
	groups, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{CountryID: didwwtest.CountryUSID,
		Features: []didww.Feature{didww.FeatureEmergency}, Include: []string{"stock_keeping_units"}})
	require.NoError(t, err)
	require.NotEmpty(t, groups.Items)
	group := groups.Items[0]
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: group.CheapestSKU(0).ID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	identity, err := client.Identities.Create(ctx, &didww.IdentityCreateRequest{IdentityType: didww.IdentityPersonal,
		FirstName: "Ada", LastName: "Lovelace", PhoneNumber: "12125550100", ContactEmail: "ada@example.com", CountryID: didwwtest.CountryUSID})
	require.NoError(t, err)
	address, err := client.Addresses.Create(ctx, &didww.AddressCreateRequest{IdentityID: identity.ID, CountryID: didwwtest.CountryUSID,
		Address: "1 Main St", CityName: "Houston", PostalCode: "77002"})
	require.NoError(t, err)
	return group, bought.DIDs[0].ID, identity, address
}
