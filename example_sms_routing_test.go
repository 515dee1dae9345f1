package didww_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Under API version 2026-11-19 a DID routes its inbound SMS to one SMS
// trunk or one SMS trunk group. Create a group, route a DID to it, and
// delete it once no DID routes to it (the API refuses it before).
func ExampleSMSTrunkGroupsService_Create() {
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)),
		didwwtest.WithOrderCompletionDelay(0))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	group, err := client.SMSTrunkGroups.Create(ctx, &didww.SMSTrunkGroupCreateRequest{
		Name:        "Inbound SMS",
		SMSTrunkIDs: []string{}, // ids from client.SMSTrunks; trunks may join later
	})
	if err != nil {
		log.Fatal(err)
	}
	group, err = client.SMSTrunkGroups.Update(ctx, group.ID, &didww.SMSTrunkGroupUpdateRequest{
		ExternalReferenceID: didww.Value("crm-42"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.Name, group.ExternalReferenceID, group.SMSTrunksCount)

	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true})
	if err != nil {
		log.Fatal(err)
	}
	did := bought.DIDs[0]
	// Setting the group sends sms_trunk as null: the DID leaves its trunk.
	if _, err := client.DIDs.Update(ctx, did.ID, &didww.DIDUpdateRequest{SMSTrunkGroupID: didww.Value(group.ID)}); err != nil {
		log.Fatal(err)
	}
	did, err = client.DIDs.Get(ctx, did.ID, &didww.GetOptions{Include: []string{"sms_trunk_group"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("routed to", did.SMSTrunkGroup.Name)

	var apiErr *didww.APIError
	err = client.SMSTrunkGroups.Delete(ctx, group.ID)
	fmt.Println(errors.As(err, &apiErr), apiErr.StatusCode) // a DID routes to it

	if _, err := client.DIDs.Update(ctx, did.ID, &didww.DIDUpdateRequest{SMSTrunkGroupID: didww.Null[string]()}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.SMSTrunkGroups.Delete(ctx, group.ID))
	// Output:
	// Inbound SMS crm-42 0
	// routed to Inbound SMS
	// true 422
	// <nil>
}
