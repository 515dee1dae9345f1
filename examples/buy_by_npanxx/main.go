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
	"os/signal"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

const defaultNPANXX = "212555" // New York, area code 212, exchange 555

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	npanxx := defaultNPANXX
	if v := os.Getenv("DIDWW_NPANXX"); v != "" {
		npanxx = v
	}
	client, srv, closeFn, err := didwwtest.ClientFromEnv()
	if err == nil && client.BaseURL() == string(didww.Production) && os.Getenv("DIDWW_CONFIRM_PURCHASE") != "yes" {
		err = errors.New("this example buys a number; against production set DIDWW_CONFIRM_PURCHASE=yes to go ahead")
	}
	if err == nil {
		if srv != nil {
			fmt.Printf("Using the in-memory DIDWW API at %s (set %s to use your account).\n\n", srv.URL, didwwtest.EnvAPIKey)
		} else {
			fmt.Printf("Using the DIDWW API at %s.\n\n", client.BaseURL())
		}
		err = run(ctx, client, os.Stdout, npanxx)
	}
	closeFn()
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "buy_by_npanxx:", err)
		os.Exit(1)
	}
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
	fmt.Fprintf(out, "DID group     %s %s, %d in stock\n", p.DIDGroup.Prefix, p.DIDGroup.AreaName, p.DIDGroup.TotalCount)
	fmt.Fprintf(out, "SKU           setup %s, monthly %s, %d channels included (the cheapest)\n",
		p.SKU.SetupPrice, p.SKU.MonthlyPrice, p.SKU.ChannelsIncludedCount)
	fmt.Fprintf(out, "Order         reference %s, status %s, amount %s\n", p.Order.Reference, p.Order.Status, p.Order.Amount)
	fmt.Fprintf(out, "\nBought a number in (%s) %s-xxxx.\n", p.NanpaPrefix.NPA, p.NanpaPrefix.NXX)
	return nil
}
