package didww_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Settle an order whose outcome is unknown before ordering again.
func ExampleOrdersService_FindByExternalReference() {
	// The first POST /orders answers 503: the order may or may not exist.
	srv := didwwtest.NewServer(didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "POST", PathPrefix: "/orders"}))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	req := &didww.OrderCreateRequest{
		Items:               []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
		ExternalReferenceID: "invoice-2026-0043",
	}

	order, err := client.Orders.Create(ctx, req)
	if errors.Is(err, didww.ErrOutcomeUnknown) {
		// The order may exist: look for it before ordering again.
		order, err = client.Orders.FindByExternalReference(ctx, req.ExternalReferenceID)
		if errors.Is(err, didww.ErrNotFound) {
			order, err = client.Orders.Create(ctx, req) // it was not placed
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order.ExternalReferenceID, len(srv.Orders(srv.APIKey)))
	// Output:
	// invoice-2026-0043 1
}
