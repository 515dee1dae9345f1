package e2e_test

import (
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
	check, err := client.EmergencyRequirements.Validate(ctx, &didww.EmergencyRequirementValidationRequest{
		EmergencyRequirementID: didwwtest.EmergencyRequirementUSLocalID, IdentityID: identity.ID, AddressID: address.ID})
	require.NoError(t, err)
	require.True(t, check.OK, "problems: %v", check.Problems)

	v, err := client.EmergencyVerifications.Create(ctx, &didww.EmergencyVerificationCreateRequest{AddressID: address.ID,
		DIDIDs: []string{bought.DIDs[0].ID}, ExternalReferenceID: "e2e-emergency"})
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
	assert.Equal(t, bought.DIDs[0].ID, svc.DIDs[0].ID)
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
