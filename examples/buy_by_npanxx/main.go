// Command buy_by_npanxx buys a US number of a chosen area code and exchange
// (NPA-NXX): it finds the NANPA prefix, a DID group serving it with its
// prices, and orders a number restricted to that prefix.
//
//	go run ./examples/buy_by_npanxx
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest. With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=sandbox,
// the default, or production); in production, where the order costs money,
// it also wants DIDWW_CONFIRM_PURCHASE=yes. DIDWW_NPANXX picks another
// NPA-NXX than 212555.
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

const defaultNPANXX = "212555" // New York, area code 212, exchange 555

// main uses your DIDWW account when DIDWW_API_KEY is set (DIDWW_ENVIRONMENT
// picks sandbox, the default, or production), and the in-memory API of
// package didwwtest otherwise.
func main() {
	npanxx := defaultNPANXX
	if v := os.Getenv("DIDWW_NPANXX"); v != "" {
		npanxx = v
	}
	key := os.Getenv("DIDWW_API_KEY")
	version, err := example.APIVersion() // DIDWW_API_VERSION: 2026-04-16 (the default) or 2026-11-19
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
	example.Main(example.Program{Name: "buy_by_npanxx", Buys: "a number", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out, npanxx)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer, npanxx string) error {
	fmt.Fprintf(out, "Looking for NPA-NXX %s\n", npanxx)
	// BuyByNPANXX does three calls: nanpa_prefixes?filter[npanxx],
	// did_groups?filter[nanpa_prefix.id] with their SKUs, and the order.
	p, err := client.BuyByNPANXX(ctx, &didww.BuyByNPANXXRequest{
		NPANXX:              npanxx,
		Qty:                 1,
		AllowBackOrdering:   didww.Bool(false),
		ExternalReferenceID: fmt.Sprintf("buy-by-npanxx-%d", time.Now().UnixNano()),
		Wait:                true,
	})
	if err != nil {
		if errors.Is(err, didww.ErrNotFound) {
			return fmt.Errorf("nothing for sale in NPA-NXX %s: %w", npanxx, err)
		}
		return fmt.Errorf("buy a number in NPA-NXX %s: %w", npanxx, err)
	}
	fmt.Fprintf(out, "NANPA prefix  NPA %s, NXX %s\n", p.NanpaPrefix.NPA, p.NanpaPrefix.NXX)
	stock := "stock unknown" // nil: the answer did not say, which is not 0
	if p.DIDGroup.TotalCount != nil {
		stock = fmt.Sprintf("%d in stock", *p.DIDGroup.TotalCount)
	}
	fmt.Fprintf(out, "DID group     %s %s, %s\n", p.DIDGroup.Prefix, p.DIDGroup.AreaName, stock)
	fmt.Fprintf(out, "SKU           setup %s, monthly %s, %d channels included (the cheapest)\n",
		p.SKU.SetupPrice, p.SKU.MonthlyPrice, p.SKU.ChannelsIncludedCount)
	fmt.Fprintf(out, "Order         reference %s, status %s, amount %s\n", p.Order.Reference, p.Order.Status, p.Order.Amount)
	for _, d := range p.DIDs { // the numbers the completed order created
		fmt.Fprintf(out, "\nBought +%s (DID %s).\n", d.Number, d.ID)
	}
	if len(p.DIDs) == 0 {
		fmt.Fprintf(out, "\nThe order is %s; its number appears under client.DIDs once it completes.\n", p.Order.Status)
	}
	return nil
}
