package didww_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/didww-go/didww"
)

// Read what a DID group's address requirement asks for.
func ExampleAddressRequirementsService_Get() {
	srv := registrationExampleServer()
	defer srv.Close()
	client, err := didww.NewClient("your-api-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	req, err := client.AddressRequirements.Get(ctx, "c9d0e1f2-a3b4-4c5d-8e6f-8a9b0c1d2e3f", &didww.GetOptions{
		Include: []string{"personal_proof_types", "address_proof_types", "personal_permanent_document"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("identity:", req.IdentityType, "mandatory:", req.PersonalMandatoryFields)
	fmt.Printf("%d personal proof of:", req.PersonalProofQty)
	for _, pt := range req.PersonalProofTypes {
		fmt.Printf(" %q", pt.Name)
	}
	fmt.Println()
	if doc := req.PersonalPermanentDocument; doc != nil {
		fmt.Println("form to file once:", doc.Name)
	}
	// Output:
	// identity: personal mandatory: [birth_date]
	// 1 personal proof of: "Drivers License" "Passport"
	// form to file once: Germany Special Registration Form
}

// Check an identity and an address against the requirement before
// submitting a verification: what is missing comes back as a value.
func ExampleAddressRequirementsService_Validate() {
	srv := registrationExampleServer()
	defer srv.Close()
	client, err := didww.NewClient("your-api-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	check, err := client.AddressRequirements.Validate(ctx, &didww.AddressRequirementValidationRequest{
		AddressRequirementID: "c9d0e1f2-a3b4-4c5d-8e6f-8a9b0c1d2e3f",
		IdentityID:           "5e9df058-50d2-4e34-b0d4-d1746b86f41a",
		AddressID:            "bf69bc70-e1c2-442c-9f30-335ee299b663",
	})
	if err != nil {
		log.Fatal(err) // a real failure, not a missing document
	}
	if !check.OK {
		for _, p := range check.Problems {
			fmt.Println("missing:", p.Detail)
		}
	}
	// Output:
	// missing: Address in Belgium required
	// missing: Following Supporting Document(s) required (Belgium Registration Form)
}

// Upload a document: Upload fetches DIDWW's public keys, encrypts the file
// for them and posts it; the returned id goes into proofs and verifications.
func ExampleEncryptedFilesService_Upload() {
	srv := registrationExampleServer()
	defer srv.Close()
	client, err := didww.NewClient("your-api-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	scan := []byte("%PDF-1.4 a scanned passport") // os.ReadFile("passport.pdf")
	files, err := client.EncryptedFiles.Upload(ctx, didww.EncryptedFileUpload{
		Name:        "passport.pdf",
		Description: "passport.pdf",
		Content:     scan,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		fmt.Println("uploaded:", f.ID, "expires:", f.ExpiresAt.Format("2006-01-02 15:04"))
	}
	// Output:
	// uploaded: 6eed102c-66a9-4a9b-a95f-4312d70ec12a expires: 2026-04-17 10:40
}

// registrationExampleServer stands in for the DIDWW API in the registration
// examples, answering with recorded shapes.
func registrationExampleServer() *httptest.Server {
	routes := map[string]struct {
		status int
		file   string
	}{
		"GET /v3/address_requirements/c9d0e1f2-a3b4-4c5d-8e6f-8a9b0c1d2e3f": {200, "address_requirements/get_include_all.json"},
		"POST /v3/address_requirement_validations":                          {422, "address_requirement_validations/create_error_validation.json"},
		"GET /v3/public_keys":      {200, "public_keys/list.json"},
		"POST /v3/encrypted_files": {201, "encrypted_files/create.json"},
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", didww.MediaType)
		route, ok := routes[r.Method+" "+r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errors":[{"title":"Record not found","detail":"not in this example","code":"404","status":"404"}]}`)
			return
		}
		body, err := os.ReadFile(filepath.Join("testdata", route.file))
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(route.status)
		w.Write(body)
	}))
}
