package didww_test

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/didww-go/didww"
)

// outboundExampleServer answers the requests of the examples below with
// canned documents, as DIDWW would.
func outboundExampleServer() *httptest.Server {
	mux := http.NewServeMux()
	var srv *httptest.Server
	doc := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", didww.MediaType)
			w.WriteHeader(status)
			_, _ = w.Write([]byte(strings.ReplaceAll(body, "{base}", srv.URL)))
		}
	}
	mux.HandleFunc("POST /v3/voice_out_trunks", doc(201, exampleTrunk))
	mux.HandleFunc("GET /v3/voice_out_trunks", doc(403, `{"errors":[{"title":"Forbidden","detail":"The account has no outbound plan","code":"403","status":"403"}]}`))
	mux.HandleFunc("POST /v3/exports", doc(201, exampleExport("pending", "null")))
	mux.HandleFunc("GET /v3/exports/e1", doc(200, exampleExport("completed", `"{base}/v3/exports/f00d.csv.gz"`)))
	mux.HandleFunc("GET /v3/exports/f00d.csv.gz", func(w http.ResponseWriter, r *http.Request) {
		zw := gzip.NewWriter(w)
		_, _ = zw.Write([]byte("Date/Time Start (UTC),Source,Destination DID\n2026-04-15 10:00:00,441234567890,12125550100\n"))
		_ = zw.Close()
	})
	mux.HandleFunc("POST /v3/emergency_requirement_validations",
		doc(422, `{"errors":[{"title":"is invalid","detail":"Address in United States required","code":"100","status":"422"}]}`))
	srv = httptest.NewServer(mux)
	return srv
}

const exampleTrunk = `{"data":{"id":"t1","type":"voice_out_trunks","attributes":{"name":"Office PBX","status":"active",
"external_reference_id":null,"capacity_limit":null,"allow_any_did_as_cli":false,"on_cli_mismatch_action":"reject_call",
"default_dst_action":"allow_all","dst_prefixes":[],"media_encryption_mode":"disabled","allowed_rtp_ips":null,
"force_symmetric_rtp":false,"rtp_ping":false,"rtp_timeout":30,"threshold_amount":"200.0","threshold_reached":false,
"callback_url":null,"emergency_enable_all":false,"created_at":"2026-04-16T10:00:00Z","authentication_method":{
"type":"credentials_and_ip","attributes":{"allowed_sip_ips":["203.0.113.0/24"],"tech_prefix":null,
"username":"k8h2x9q1","password":"pw-s3cr3t"}}},"meta":{"spent_amount":"0.0"}}}`

func exampleExport(status, url string) string {
	return `{"data":{"id":"e1","type":"exports","attributes":{"export_type":"cdr_in","status":"` + status + `","url":` + url +
		`,"filters":{},"callback_url":null,"callback_method":null,"external_reference_id":null,"created_at":null}}}`
}

func outboundExampleClient(srv *httptest.Server) *didww.Client {
	client, err := didww.NewClient("example-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	return client
}

// Create an outbound trunk that authenticates with generated SIP
// credentials; the password prints redacted until revealed.
func ExampleVoiceOutTrunksService_Create() {
	srv := outboundExampleServer()
	defer srv.Close()
	client, ctx := outboundExampleClient(srv), context.Background()

	trunk, err := client.VoiceOutTrunks.Create(ctx, &didww.VoiceOutTrunkCreateRequest{
		Name:                 "Office PBX",
		AuthenticationMethod: didww.CredentialsAndIPAuthentication{AllowedSIPIPs: []string{"203.0.113.0/24"}},
		OnCLIMismatchAction:  didww.CLIMismatchRejectCall,
	})
	if err != nil {
		log.Fatal(err)
	}
	user, password, _ := trunk.Credentials()
	fmt.Printf("%s: user %s, password %v\n", trunk.Name, user, password)
	fmt.Println("revealed:", len(password.Reveal()) > 0)

	_, err = client.VoiceOutTrunks.List(ctx, nil)
	if errors.Is(err, didww.ErrOutboundDisabled) {
		fmt.Println("this account has no outbound service")
	}
	// Output:
	// Office PBX: user k8h2x9q1, password [redacted]
	// revealed: true
	// this account has no outbound service
}

// Export a day of inbound call records, wait for the file, and download it
// decompressed, as it arrives.
func ExampleExportsService_Download() {
	srv := outboundExampleServer()
	defer srv.Close()
	client, ctx := outboundExampleClient(srv), context.Background()

	to := time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)
	e, err := client.Exports.Create(ctx, &didww.ExportCreateRequest{
		Filters: didww.CDRInFilters{From: to.Add(-24 * time.Hour), To: to},
	})
	if err != nil {
		log.Fatal(err)
	}
	e, err = client.Exports.Wait(ctx, e.ID, time.Second)
	if err != nil {
		log.Fatal(err)
	}
	if err := client.Exports.Download(ctx, e, os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Date/Time Start (UTC),Source,Destination DID
	// 2026-04-15 10:00:00,441234567890,12125550100
}

// Check an address against an emergency requirement before filing the
// verification: what is missing comes back as a value.
func ExampleEmergencyRequirementsService_Validate() {
	srv := outboundExampleServer()
	defer srv.Close()
	client, ctx := outboundExampleClient(srv), context.Background()

	check, err := client.EmergencyRequirements.Validate(ctx, &didww.EmergencyRequirementValidationRequest{
		EmergencyRequirementID: "requirement-id", // from client.EmergencyRequirements.List
		AddressID:              "address-id",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range check.Problems {
		fmt.Println("missing:", p.Detail)
	}
	fmt.Println("ok:", check.OK)
	// Output:
	// missing: Address in United States required
	// ok: false
}
