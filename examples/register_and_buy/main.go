// Command register_and_buy follows DIDWW's guide "Buy a DID Number That
// Requires Verification": it finds a German DID group whose numbers need
// registration, buys one number, reads the group's address requirement,
// and registers the number with RegisterDIDs (a personal identity, its
// address, generated documents uploaded encrypted, proofs, the permanent
// form, a validation and the address verification), printing each step.
// Against the in-memory API it then waits for the verification's decision.
//
//	go run ./examples/register_and_buy
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest. With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=sandbox,
// the default, or production); in production, where the order costs money,
// it also wants DIDWW_CONFIRM_PURCHASE=yes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/example"
)

func main() {
	key := os.Getenv("DIDWW_API_KEY")
	version, err := example.APIVersion()
	var client *didww.Client
	switch {
	case err != nil: // example.Main reports it
	case key != "":
		var env didww.Environment
		if env, err = example.Environment(); err == nil {
			client, err = didww.NewClient(key, didww.WithEnvironment(env), didww.WithAPIVersion(version))
		}
	default:
		srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(version)))
		defer srv.Close()
		client = srv.Client()
	}
	example.Main(example.Program{Name: "register_and_buy", Buys: "a number", InMemory: key == ""}, client, err,
		func(ctx context.Context, out io.Writer) error { return run(ctx, client, out, key == "") })
}

func run(ctx context.Context, client *didww.Client, out io.Writer, waitDecision bool) error {
	group, req, err := findGroup(ctx, client)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "1-3. DID group  %s (%s), needs registration\n", group.ID, group.AreaName)
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: group.CheapestSKU(0).ID, Qty: 1, Wait: true})
	if err != nil {
		return fmt.Errorf("buy a number: %w", err)
	}
	did := bought.DIDs[0]
	fmt.Fprintf(out, "4-5. Bought     +%s, awaiting registration: %v\n", did.Number, did.AwaitingRegistration)
	fmt.Fprintf(out, "6.   Requirement %s: %s\n", req.ID, req.RestrictionMessage)

	reg, err := client.RegisterDIDs(ctx, registration(did.ID, req))
	var re *didww.RegistrationError
	if errors.As(err, &re) {
		for _, p := range re.Problems {
			fmt.Fprintf(out, "     missing: %s\n", p.Detail)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "7.   Identity   %s %s (%s)\n", reg.Identity.FirstName, reg.Identity.LastName, reg.Identity.ID)
	fmt.Fprintf(out, "8.   Address    %s, %s (%s)\n", reg.Address.Address, reg.Address.CityName, reg.Address.ID)
	fmt.Fprintf(out, "9-11. Documents %d proofs, %d permanent documents, uploaded encrypted\n", len(reg.Proofs), len(reg.PermanentDocuments))
	fmt.Fprintf(out, "12-13. Verification %s: %s\n", reg.Verification.Reference, reg.Verification.Status)
	if !waitDecision {
		return nil
	}
	return waitFor(ctx, client, out, reg.Verification.ID, did.ID)
}

// findGroup finds a German DID group that needs registration and accepts
// a personal identity, with its requirement read in full.
func findGroup(ctx context.Context, client *didww.Client) (*didww.DIDGroup, *didww.AddressRequirement, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: "DE"})
	if err != nil || len(countries.Items) == 0 {
		return nil, nil, fmt.Errorf("find Germany: %v", err)
	}
	groups, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{CountryID: countries.Items[0].ID,
		NeedsRegistration: didww.Bool(true), Include: []string{"stock_keeping_units", "address_requirement"}})
	if err != nil {
		return nil, nil, fmt.Errorf("list DID groups: %w", err)
	}
	for _, g := range groups.Items {
		if g.AddressRequirement == nil || g.CheapestSKU(0) == nil || g.AddressRequirement.IdentityType == "business" {
			continue
		}
		req, err := client.AddressRequirements.Get(ctx, g.AddressRequirement.ID, &didww.GetOptions{Include: []string{
			"country", "personal_proof_types", "address_proof_types", "personal_permanent_document", "personal_onetime_document"}})
		if err != nil {
			return nil, nil, fmt.Errorf("read the requirement: %w", err)
		}
		return g, req, nil
	}
	return nil, nil, errors.New("no German DID group needing registration takes a personal identity")
}

// registration fills what req asks of a personal identity, with generated
// documents.
func registration(didID string, req *didww.AddressRequirement) *didww.RegisterDIDsRequest {
	country := req.Country.ID
	r := &didww.RegisterDIDsRequest{
		DIDIDs: []string{didID}, AddressRequirementID: req.ID,
		Identity: &didww.IdentityCreateRequest{IdentityType: didww.IdentityPersonal, FirstName: "Anna", LastName: "Schmidt",
			PhoneNumber: "492411234567", BirthDate: "1985-03-14", IDNumber: "L01X00T47", CountryID: country},
		Address: &didww.AddressCreateRequest{CountryID: country, Address: "Markt 1", CityName: "Aachen", PostalCode: "52062"},
	}
	for i := 0; i < req.PersonalProofQty && len(req.PersonalProofTypes) > 0; i++ {
		r.IdentityProofs = append(r.IdentityProofs, didww.RegistrationDocument{TypeID: req.PersonalProofTypes[0].ID,
			Files: document("id-document.pdf", "Identity document of Anna Schmidt")})
	}
	for i := 0; i < req.AddressProofQty && len(req.AddressProofTypes) > 0; i++ {
		r.AddressProofs = append(r.AddressProofs, didww.RegistrationDocument{TypeID: req.AddressProofTypes[0].ID,
			Files: document("utility-bill.pdf", "Utility bill, Markt 1, 52062 Aachen")})
	}
	if t := req.PersonalPermanentDocument; t != nil {
		r.PermanentDocuments = []didww.RegistrationDocument{{TypeID: t.ID, Files: document("form.pdf", t.Name+", completed")}}
	}
	if req.PersonalOnetimeDocument != nil {
		r.OnetimeFiles = document("onetime.pdf", req.PersonalOnetimeDocument.Name+", completed")
	}
	if req.ServiceDescriptionRequired {
		r.ServiceDescription = "Customer support line"
	}
	return r
}

// document generates a small one-page PDF holding text.
func document(name, text string) []didww.EncryptedFileUpload {
	stream := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	pdf := "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n" +
		fmt.Sprintf("4 0 obj << /Length %d >> stream\n%s\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n", len(stream), stream)
	return []didww.EncryptedFileUpload{{Name: name, Description: name, Content: []byte(pdf)}}
}

// waitFor polls the verification until DIDWW decides, then reads the DID.
func waitFor(ctx context.Context, client *didww.Client, out io.Writer, verificationID, didID string) error {
	for {
		v, err := client.AddressVerifications.Get(ctx, verificationID, nil)
		if err != nil {
			return fmt.Errorf("read the verification: %w", err)
		}
		if v.Status != didww.AddressVerificationPending {
			fmt.Fprintf(out, "     decided:   %s %v\n", v.Status, v.RejectReasons)
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	d, err := client.DIDs.Get(ctx, didID, nil)
	if err != nil {
		return fmt.Errorf("read the number: %w", err)
	}
	fmt.Fprintf(out, "     +%s awaiting registration: %v\n", d.Number, d.AwaitingRegistration)
	return nil
}
