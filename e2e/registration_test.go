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

// e2eRegistration is what e2eRegister filed for one bought Aachen number.
type e2eRegistration struct {
	did          *didww.DID
	identity     *didww.Identity
	address      *didww.Address
	verification *didww.AddressVerification
}

// e2eRegister buys an Aachen number (its group needs registration) and
// files everything its requirement asks for, idNumber on the identity.
func e2eRegister(t *testing.T, ctx context.Context, client *didww.Client, idNumber string) *e2eRegistration {
	t.Helper()
	group, err := client.DIDGroups.Get(ctx, didwwtest.DIDGroupAachenID, &didww.GetOptions{
		Include: []string{"stock_keeping_units", "address_requirement", "city", "country"}})
	require.NoError(t, err)
	require.NotNil(t, group.AddressRequirement)
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: group.CheapestSKU(0).ID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	require.NoError(t, err)
	require.Len(t, bought.DIDs, 1)
	require.True(t, bought.DIDs[0].AwaitingRegistration, "a number of a needs-registration group awaits registration")

	idn, err := client.Identities.Create(ctx, &didww.IdentityCreateRequest{
		IdentityType: didww.IdentityPersonal, FirstName: "Anna", LastName: "Schmidt", PhoneNumber: "492411234567",
		BirthDate: "1985-03-14", IDNumber: idNumber, CountryID: group.Country.ID,
	})
	require.NoError(t, err)
	addr, err := client.Addresses.Create(ctx, &didww.AddressCreateRequest{
		IdentityID: idn.ID, CountryID: group.Country.ID,
		Address: "Markt 1", CityName: "Aachen", PostalCode: "52062",
	})
	require.NoError(t, err)

	files, err := client.EncryptedFiles.Upload(ctx,
		didww.EncryptedFileUpload{Name: "passport.pdf", Content: []byte("%PDF-1.4 passport of Anna Schmidt\n%%EOF")},
		didww.EncryptedFileUpload{Name: "bill.pdf", Content: []byte("%PDF-1.4 utility bill, Markt 1\n%%EOF")},
		didww.EncryptedFileUpload{Name: "form.pdf", Content: []byte("%PDF-1.4 Germany registration form\n%%EOF")})
	require.NoError(t, err)
	require.Len(t, files, 3)
	for _, p := range []didww.ProofCreateRequest{
		{ProofTypeID: didwwtest.ProofTypePassportID, EntityKind: didww.ProofOfIdentity, EntityID: idn.ID, FileIDs: []string{files[0].ID}},
		{ProofTypeID: didwwtest.ProofTypeUtilityBillID, EntityKind: didww.ProofOfAddress, EntityID: addr.ID, FileIDs: []string{files[1].ID}},
	} {
		proof, err := client.Proofs.Create(ctx, &p)
		require.NoError(t, err)
		got, err := client.Proofs.Get(ctx, proof.ID, &didww.GetOptions{Include: []string{"entity"}})
		require.NoError(t, err)
		require.NotNil(t, got.Entity, "proof %s read with its entity", proof.ID)
		typ, id := got.Entity.EntityRef()
		assert.Equal(t, [2]string{string(p.EntityKind), p.EntityID}, [2]string{typ, id}, "the proof's entity")
	}
	doc, err := client.PermanentSupportingDocuments.Create(ctx, &didww.PermanentSupportingDocumentCreateRequest{
		TemplateID: didwwtest.TemplateGermanyRegistrationID, IdentityID: idn.ID, FileIDs: []string{files[2].ID},
	})
	require.NoError(t, err)
	doc, err = client.PermanentSupportingDocuments.Get(ctx, doc.ID, &didww.GetOptions{Include: []string{"identity", "template"}})
	require.NoError(t, err)
	require.NotNil(t, doc.Identity)
	assert.Equal(t, idn.ID, doc.Identity.ID)
	require.NotNil(t, doc.Template)
	assert.True(t, doc.Template.Permanent)

	check, err := client.AddressRequirements.Validate(ctx, &didww.AddressRequirementValidationRequest{
		AddressRequirementID: group.AddressRequirement.ID, IdentityID: idn.ID, AddressID: addr.ID})
	require.NoError(t, err)
	require.True(t, check.OK, "problems: %+v", check.Problems)

	v, err := client.AddressVerifications.Create(ctx, &didww.AddressVerificationCreateRequest{
		AddressID: addr.ID, DIDIDs: []string{bought.DIDs[0].ID}, ServiceDescription: "Customer support line",
		ExternalReferenceID: "crm-42",
	})
	require.NoError(t, err)
	assert.Equal(t, didww.AddressVerificationPending, v.Status)
	assert.Equal(t, "crm-42", v.ExternalReferenceID)
	return &e2eRegistration{did: bought.DIDs[0], identity: idn, address: addr, verification: v}
}

func TestE2ERegistrationApproved(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t, didwwtest.WithOrderCompletionDelay(0), didwwtest.WithVerificationDelay(time.Hour))
	client, ctx := srv.Client(), e2eCtx(t)
	reg := e2eRegister(t, ctx, client, "DE1234567")

	// Pending on the server's clock until the delay has passed.
	clock.Advance(59 * time.Minute)
	v, err := client.AddressVerifications.Get(ctx, reg.verification.ID, &didww.GetOptions{Include: []string{"dids"}})
	require.NoError(t, err)
	assert.Equal(t, didww.AddressVerificationPending, v.Status)
	require.Len(t, v.DIDs, 1)
	assert.True(t, v.DIDs[0].AwaitingRegistration)
	assert.Equal(t, reg.did.ID, v.DIDs[0].ID)

	clock.Advance(time.Minute)
	v, err = client.AddressVerifications.Get(ctx, reg.verification.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, didww.AddressVerificationApproved, v.Status)
	assert.Nil(t, v.RejectReasons)
	d, err := client.DIDs.Get(ctx, reg.did.ID, nil)
	require.NoError(t, err)
	assert.False(t, d.AwaitingRegistration, "an approved verification registers its DIDs")

	list, err := client.AddressVerifications.List(ctx, &didww.AddressVerificationListOptions{
		IdentityID: reg.identity.ID, Status: didww.AddressVerificationApproved})
	require.NoError(t, err)
	assert.Equal(t, []string{reg.verification.ID}, e2eIDs(list.Items, func(v *didww.AddressVerification) string { return v.ID }))
	proofs := e2eCollect(t, client.Proofs.All(ctx, &didww.ProofListOptions{Include: []string{"entity"}}))
	require.Len(t, proofs, 2)
	kinds := map[string]bool{}
	for _, p := range proofs {
		switch e := p.Entity.(type) {
		case *didww.Identity:
			kinds["identity"] = e.ID == reg.identity.ID && e.LastName == "Schmidt"
		case *didww.Address:
			kinds["address"] = e.ID == reg.address.ID && e.PostalCode == "52062"
		default:
			t.Errorf("proof %s: entity %#v", p.ID, p.Entity)
		}
	}
	assert.Equal(t, map[string]bool{"identity": true, "address": true}, kinds, "included entities decode by their type")
}

func TestE2ERegistrationRejected(t *testing.T) {
	t.Parallel()
	srv, clock := e2eClockServer(t, didwwtest.WithOrderCompletionDelay(0))
	client, ctx := srv.Client(), e2eCtx(t)
	reg := e2eRegister(t, ctx, client, didwwtest.SandboxRejectIDNumber)

	clock.Advance(didwwtest.DefaultVerificationDelay)
	v, err := client.AddressVerifications.Get(ctx, reg.verification.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, didww.AddressVerificationRejected, v.Status)
	assert.Equal(t, []string{"Address cannot be validated", "Proof of address should be not older than of 6 months"}, v.RejectReasons)
	assert.NotEmpty(t, v.RejectComment)
	d, err := client.DIDs.Get(ctx, reg.did.ID, nil)
	require.NoError(t, err)
	assert.True(t, d.AwaitingRegistration, "a rejected verification leaves its DIDs awaiting registration")
}
