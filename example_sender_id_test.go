package didww_test

import (
	"context"
	"fmt"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Sender ID verifications are requested in the DIDWW User Panel; the API
// (2026-11-19 on) lists them and changes their name or SMS trunk. The
// in-memory API holds the ones a test adds.
func ExampleSenderIDVerificationsService_Update() {
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	defer srv.Close()
	ctx := context.Background()
	if _, err := srv.AddSenderIDVerification(srv.APIKey, didwwtest.SenderIDVerification{
		Name: "ACME alerts", Status: "active", SenderIDs: []string{"ACME"}}); err != nil {
		log.Fatal(err)
	}
	client := srv.Client()

	for v, err := range client.SenderIDVerifications.All(ctx, &didww.SenderIDVerificationListOptions{
		Status: didww.SenderIDVerificationActive}) {
		if err != nil {
			log.Fatal(err)
		}
		// Rename it and stop its outbound messages until a trunk is assigned.
		v, err = client.SenderIDVerifications.Update(ctx, v.ID, &didww.SenderIDVerificationUpdateRequest{
			Name:       didww.String("ACME notifications"),
			SMSTrunkID: didww.Null[string](),
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(v.Name, v.Status, v.SenderType, v.SenderIDs, v.SMSTrunk == nil)
	}
	// Output: ACME notifications active alphanumeric [ACME] true
}
