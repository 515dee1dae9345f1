// Command orders places two orders, cancels one while it is still pending,
// waits for the other to complete, and lists the account's latest orders.
//
//	go run ./examples/orders
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest, which keeps new orders pending for a moment as the real API may.
// With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=sandbox, the
// default, or production); in production, where orders cost money, it also
// wants DIDWW_CONFIRM_PURCHASE=yes.
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

const (
	countryISO = "US"
	// pollEvery is how often the example asks whether an order completed.
	pollEvery = 500 * time.Millisecond
	// waitAtMost bounds the wait for an order to complete.
	waitAtMost = 2 * time.Minute
)

// main uses your DIDWW account when DIDWW_API_KEY is set (DIDWW_ENVIRONMENT
// picks sandbox, the default, or production), and the in-memory API of
// package didwwtest otherwise.
func main() {
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
		srv := didwwtest.NewServer(didwwtest.WithOrderCompletionDelay(1500*time.Millisecond), didwwtest.WithDefaultAccount(didwwtest.APIVersion(version)))
		defer srv.Close()
		client = srv.Client()
	}
	example.Main(example.Program{Name: "orders", Buys: "numbers", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer) error {
	sku, err := cheapestSKU(ctx, client)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "SKU        setup %s, monthly %s\n\n", sku.SetupPrice, sku.MonthlyPrice)

	// Two orders of one number each, with references of our own.
	stamp := time.Now().UnixNano()
	var placed [2]*didww.Order
	for i, name := range []string{"keep", "cancel"} {
		o, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
			Items:               []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: sku.ID, Qty: 1}},
			AllowBackOrdering:   didww.Bool(false),
			ExternalReferenceID: fmt.Sprintf("orders-example-%s-%d", name, stamp),
		})
		if err != nil {
			return fmt.Errorf("place order %q: %w", name, err)
		}
		placed[i] = o
		fmt.Fprintf(out, "Placed     %s (%s): %s, amount %s\n", o.Reference, name, o.Status, o.Amount)
	}
	keep, drop := placed[0], placed[1]

	// Only a pending DID order can be cancelled; the API refuses others with 422.
	if err := client.Orders.Cancel(ctx, drop.ID); err != nil {
		if !errors.Is(err, didww.ErrValidation) {
			return fmt.Errorf("cancel order %s: %w", drop.Reference, err)
		}
		fmt.Fprintf(out, "Not cancelled %s: it is no longer pending (%v)\n", drop.Reference, err)
	} else {
		o, err := client.Orders.Get(ctx, drop.ID, nil)
		if err != nil {
			return fmt.Errorf("read order %s: %w", drop.Reference, err)
		}
		fmt.Fprintf(out, "Cancelled  %s: %s\n", o.Reference, o.Status)
	}

	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, waitAtMost)
	done, err := client.Orders.Wait(wctx, keep.ID, pollEvery)
	cancel()
	if err != nil {
		return fmt.Errorf("wait for order %s: %w", keep.Reference, err)
	}
	fmt.Fprintf(out, "Waited     %s: %s after %s\n", done.Reference, done.Status, time.Since(start).Round(100*time.Millisecond))

	// The latest orders first.
	page, err := client.Orders.List(ctx, &didww.OrderListOptions{
		ListOptions: didww.ListOptions{PageSize: 5},
		Sort:        []string{"-created_at"},
	})
	if err != nil {
		return fmt.Errorf("list orders: %w", err)
	}
	fmt.Fprintf(out, "\nLatest orders (%d in all):\n", page.Meta.TotalRecords)
	for _, o := range page.Items {
		fmt.Fprintf(out, "  %-10s  %-9s  %6s  %s  %s\n", o.Reference, o.Status, o.Amount, o.CreatedAt.UTC().Format(time.RFC3339), o.ExternalReferenceID)
	}
	return nil
}

// cheapestSKU finds the cheapest price option of an available US DID group.
func cheapestSKU(ctx context.Context, client *didww.Client) (*didww.StockKeepingUnit, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: countryISO})
	if err != nil {
		return nil, fmt.Errorf("find country %s: %w", countryISO, err)
	}
	if len(countries.Items) == 0 {
		return nil, fmt.Errorf("no country with ISO code %s", countryISO)
	}
	groups, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID:         countries.Items[0].ID,
		IsAvailable:       didww.Bool(true),
		NeedsRegistration: didww.Bool(false),
		Include:           []string{"stock_keeping_units"},
	})
	if err != nil {
		return nil, fmt.Errorf("list DID groups: %w", err)
	}
	var best *didww.StockKeepingUnit
	for _, g := range groups.Items {
		s := g.CheapestSKU(0)
		// Two numbers are bought below; a nil TotalCount is unknown stock,
		// not none, and with back ordering off the API refuses what it
		// cannot fill.
		if s != nil && (g.TotalCount == nil || *g.TotalCount >= 2) && (best == nil || s.SetupPrice.Add(s.MonthlyPrice).Cmp(best.SetupPrice.Add(best.MonthlyPrice)) < 0) {
			best = s
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no DID group in %s has a price option", countryISO)
	}
	return best, nil
}
