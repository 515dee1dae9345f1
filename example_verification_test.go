package didww_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// verificationExample buys an Aachen number on the in-memory API and files
// a personal identity and its address: what the examples below start from.
func verificationExample(ctx context.Context, srv *didwwtest.Server) (client *didww.Client, didID, identityID, addressID string) {
	client = srv.Client()
	group, err := client.DIDGroups.Get(ctx, didwwtest.DIDGroupAachenID, &didww.GetOptions{Include: []string{"stock_keeping_units", "country"}})
	if err != nil {
		log.Fatal(err)
	}
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: group.CheapestSKU(0).ID, Qty: 1, Wait: true, WaitEvery: time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	idn, err := client.Identities.Create(ctx, &didww.IdentityCreateRequest{IdentityType: didww.IdentityPersonal,
		FirstName: "Anna", LastName: "Schmidt", PhoneNumber: "492411234567", BirthDate: "1985-03-14", CountryID: group.Country.ID})
	if err != nil {
		log.Fatal(err)
	}
	addr, err := client.Addresses.Create(ctx, &didww.AddressCreateRequest{IdentityID: idn.ID, CountryID: group.Country.ID,
		Address: "Markt 1", CityName: "Aachen", PostalCode: "52062"})
	if err != nil {
		log.Fatal(err)
	}
	return client, bought.DIDs[0].ID, idn.ID, addr.ID
}

// upload encrypts and uploads one document, returning its id.
func upload(ctx context.Context, client *didww.Client, name string) string {
	files, err := client.EncryptedFiles.Upload(ctx, didww.EncryptedFileUpload{Name: name, Content: []byte("%PDF-1.4 " + name)})
	if err != nil {
		log.Fatal(err)
	}
	return files[0].ID
}

// File a proof of an identity: an uploaded document of a proof type the
// requirement accepts.
func ExampleProofsService_Create() {
	srv := didwwtest.NewServer(didwwtest.WithOrderCompletionDelay(0))
	defer srv.Close()
	ctx := context.Background()
	client, _, identityID, _ := verificationExample(ctx, srv)

	proof, err := client.Proofs.Create(ctx, &didww.ProofCreateRequest{
		ProofTypeID: didwwtest.ProofTypePassportID,
		EntityKind:  didww.ProofOfIdentity, EntityID: identityID,
		FileIDs: []string{upload(ctx, client, "passport.pdf")},
	})
	if err != nil {
		log.Fatal(err)
	}
	proof, err = client.Proofs.Get(ctx, proof.ID, &didww.GetOptions{Include: []string{"entity"}})
	if err != nil {
		log.Fatal(err)
	}
	switch e := proof.Entity.(type) {
	case *didww.Identity:
		fmt.Println("proof of identity:", e.FirstName, e.LastName)
	case *didww.Address:
		fmt.Println("proof of address:", e.Address)
	}
	// Output:
	// proof of identity: Anna Schmidt
}

// Keep a completed form on file for an identity.
func ExamplePermanentSupportingDocumentsService_Create() {
	srv := didwwtest.NewServer(didwwtest.WithOrderCompletionDelay(0))
	defer srv.Close()
	ctx := context.Background()
	client, _, identityID, _ := verificationExample(ctx, srv)

	doc, err := client.PermanentSupportingDocuments.Create(ctx, &didww.PermanentSupportingDocumentCreateRequest{
		TemplateID: didwwtest.TemplateGermanyRegistrationID, IdentityID: identityID,
		FileIDs: []string{upload(ctx, client, "registration-form.pdf")},
	})
	if err != nil {
		log.Fatal(err)
	}
	doc, err = client.PermanentSupportingDocuments.Get(ctx, doc.ID, &didww.GetOptions{Include: []string{"template"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("on file:", doc.Template.Name)
	// Output:
	// on file: Germany Registration Form
}

// Submit the address for verification once everything the requirement asks
// for is filed, then follow its status.
func ExampleAddressVerificationsService_Create() {
	clock := didwwtest.NewClock(time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC))
	srv := didwwtest.NewServer(didwwtest.WithClock(clock.Now), didwwtest.WithOrderCompletionDelay(0))
	defer srv.Close()
	ctx := context.Background()
	client, didID, identityID, addressID := verificationExample(ctx, srv)
	for _, p := range []didww.ProofCreateRequest{
		{ProofTypeID: didwwtest.ProofTypePassportID, EntityKind: didww.ProofOfIdentity, EntityID: identityID},
		{ProofTypeID: didwwtest.ProofTypeUtilityBillID, EntityKind: didww.ProofOfAddress, EntityID: addressID},
	} {
		p.FileIDs = []string{upload(ctx, client, "proof.pdf")}
		if _, err := client.Proofs.Create(ctx, &p); err != nil {
			log.Fatal(err)
		}
	}
	_, err := client.PermanentSupportingDocuments.Create(ctx, &didww.PermanentSupportingDocumentCreateRequest{
		TemplateID: didwwtest.TemplateGermanyRegistrationID, IdentityID: identityID,
		FileIDs: []string{upload(ctx, client, "form.pdf")}})
	if err != nil {
		log.Fatal(err)
	}

	v, err := client.AddressVerifications.Create(ctx, &didww.AddressVerificationCreateRequest{
		AddressID: addressID, DIDIDs: []string{didID}, ServiceDescription: "Customer support line",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("submitted:", v.Status)
	clock.Advance(didwwtest.DefaultVerificationDelay) // DIDWW's compliance team decides
	v, err = client.AddressVerifications.Get(ctx, v.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("now:", v.Status, v.RejectReasons)
	// Output:
	// submitted: pending
	// now: approved []
}
