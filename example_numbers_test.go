package didww_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// numbersServer is an in-memory API on a fixed clock whose orders complete
// at once.
func numbersServer() *didwwtest.Server {
	clock := didwwtest.NewClock(time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC))
	return didwwtest.NewServer(didwwtest.WithClock(clock.Now), didwwtest.WithOrderCompletionDelay(0))
}

// exampleInboundTrunk creates a SIP trunk on srv with a plain POST and returns its
// id; the client's voice-in trunks service makes one the same way.
func exampleInboundTrunk(srv *didwwtest.Server) string {
	body := `{"data":{"type":"voice_in_trunks","attributes":{"name":"Office PBX",` +
		`"configuration":{"type":"sip_configurations","attributes":{"host":"pbx.example.com","port":5060}}}}}`
	req, err := http.NewRequest("POST", srv.URL+"/voice_in_trunks", bytes.NewBufferString(body))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Api-Key", srv.APIKey)
	req.Header.Set("Content-Type", didww.MediaType)
	req.Header.Set("Accept", didww.MediaType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		Data struct{ ID string } `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || resp.StatusCode != http.StatusCreated {
		log.Fatalf("creating the trunk: %d %v", resp.StatusCode, err)
	}
	return doc.Data.ID
}

func ExampleClient_BuySKUDIDs() {
	srv := numbersServer()
	defer srv.Close()
	client := srv.Client()
	trunkID := exampleInboundTrunk(srv)

	p, err := client.BuySKUDIDs(context.Background(), &didww.BuySKURequest{
		SKUID:          didwwtest.SKULosAngelesMeteredID,
		Qty:            2,
		Wait:           true,
		WaitEvery:      10 * time.Millisecond,
		VoiceInTrunkID: trunkID, // where the numbers ring once they exist
	})
	var unrouted *didww.RoutingError
	if errors.As(err, &unrouted) {
		// Bought and paid for: route unrouted.Unrouted again later.
		log.Printf("%d numbers are not routed: %v", len(unrouted.Unrouted), err)
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println("order:", p.Order.Status, p.Order.Amount)
	for _, d := range p.DIDs {
		fmt.Println(d.Number, "rings the office trunk:", d.VoiceInTrunk != nil && d.VoiceInTrunk.ID == trunkID)
	}
	// Output:
	// order: completed 0.18
	// 12135550000 rings the office trunk: true
	// 12135557919 rings the office trunk: true
}

func ExampleDIDsService_List() {
	srv := numbersServer()
	defer srv.Close()
	client := srv.Client()
	order, err := client.BuySKU(context.Background(), &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true})
	if err != nil {
		log.Fatal(err)
	}

	page, err := client.DIDs.List(context.Background(), &didww.DIDListOptions{
		OrderID: order.ID, // the numbers this order bought
		Include: []string{"did_group", "voice_in_trunk"},
		Sort:    []string{"number"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range page.Items {
		fmt.Println(d.Number, d.DIDGroup.AreaName, "routed:", d.VoiceInTrunk != nil)
		fmt.Println("paid until", d.ExpiresAt.Format(time.DateOnly), "renews indefinitely:", d.BillingCyclesCount == nil)
	}
	// Output:
	// 12135550000 Los Angeles routed: false
	// paid until 2026-05-16 renews indefinitely: true
}

func ExampleDIDsService_Update() {
	srv := numbersServer()
	defer srv.Close()
	client := srv.Client()
	p, err := client.BuySKUDIDs(context.Background(), &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true})
	if err != nil {
		log.Fatal(err)
	}
	id := p.DIDs[0].ID

	d, err := client.DIDs.Update(context.Background(), id, &didww.DIDUpdateRequest{
		Description:        didww.String("Reception"),
		CapacityLimit:      didww.Value(2),                        // at most two calls at once
		BillingCyclesCount: didww.Value(12),                       // release after a year
		VoiceInTrunkID:     didww.Value(exampleInboundTrunk(srv)), // also sends voice_in_trunk_group null
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Description, *d.CapacityLimit, *d.BillingCyclesCount)

	d, err = client.DIDs.Update(context.Background(), id, &didww.DIDUpdateRequest{
		CapacityLimit:      didww.Null[int](), // no limit of its own
		BillingCyclesCount: didww.Null[int](), // renew indefinitely
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Description, d.CapacityLimit == nil, d.BillingCyclesCount == nil)
	// Output:
	// Reception 2 12
	// Reception true true
}

func ExampleBalanceService_Get() {
	srv := numbersServer()
	defer srv.Close()
	client := srv.Client()

	b, err := client.Balance.Get(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("balance", b.Balance, "credit", b.Credit, "can spend", b.TotalBalance)
	// Output:
	// balance 100.00 credit 0.00 can spend 100.00
}

func ExampleDIDHistoryService_List() {
	srv := numbersServer()
	defer srv.Close()
	client := srv.Client()
	p, err := client.BuySKUDIDs(context.Background(), &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, Wait: true})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.DIDs.Update(context.Background(), p.DIDs[0].ID, &didww.DIDUpdateRequest{BillingCyclesCount: didww.Value(3)}); err != nil {
		log.Fatal(err)
	}

	history, err := client.DIDHistory.List(context.Background(), &didww.DIDHistoryListOptions{
		DIDNumber: p.DIDs[0].Number,
		Sort:      []string{"created_at"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range history.Items {
		fmt.Println(h.CreatedAt.Format(time.RFC3339), h.Action, "by", h.Method)
		if h.Action == didww.DIDHistoryBillingCyclesCountChanged {
			fmt.Println("  cycles:", h.From == nil, "->", *h.To) // From nil: it renewed indefinitely
		}
	}
	// Output:
	// 2026-04-16T10:00:00Z assigned by api3
	// 2026-04-16T10:00:00Z billing_cycles_count_changed by api3
	//   cycles: true -> 3
}
