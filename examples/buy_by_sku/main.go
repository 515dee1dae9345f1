// Command buy_by_sku buys numbers without choosing them: it picks a price
// option (SKU) of a DID group and orders a quantity of it, as DIDWW's guide
// "Buy a DID Number from DID Inventory" does.
//
//	go run ./examples/buy_by_sku
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest. With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=sandbox,
// the default, or production); in production, where the order costs money,
// it also wants DIDWW_CONFIRM_PURCHASE=yes.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/example"
)

const (
	countryISO  = "US"
	cityName    = "New York"
	qty         = 2
	minChannels = 2 // simultaneous calls each number should carry
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
		srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(version)))
		defer srv.Close()
		client = srv.Client()
	}
	example.Main(example.Program{Name: "buy_by_sku", Buys: "numbers", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer) error {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: countryISO})
	if err != nil {
		return fmt.Errorf("find country %s: %w", countryISO, err)
	}
	if len(countries.Items) == 0 {
		return fmt.Errorf("no country with ISO code %s", countryISO)
	}
	country := countries.Items[0]
	cities, err := client.Cities.List(ctx, &didww.CityListOptions{CountryID: country.ID, Name: cityName})
	if err != nil {
		return fmt.Errorf("find city %s: %w", cityName, err)
	}
	if len(cities.Items) == 0 {
		return fmt.Errorf("no city named %s in %s", cityName, country.Name)
	}

	// The first DID group of the city that sells now and has a SKU with
	// enough channels; its cheapest such SKU.
	var group *didww.DIDGroup
	var sku *didww.StockKeepingUnit
	for g, err := range client.DIDGroups.All(ctx, &didww.DIDGroupListOptions{
		CountryID:   country.ID,
		CityID:      cities.Items[0].ID,
		IsAvailable: didww.Bool(true),
		Include:     []string{"stock_keeping_units"},
	}) {
		if err != nil {
			return fmt.Errorf("list DID groups: %w", err)
		}
		// A nil TotalCount is unknown stock, not none: such a group is
		// tried too, and with back ordering off the API refuses an order
		// it cannot fill rather than waiting for stock.
		if s := g.CheapestSKU(minChannels); s != nil && (g.TotalCount == nil || *g.TotalCount >= qty) {
			group, sku = g, s
			break
		}
	}
	if sku == nil {
		return fmt.Errorf("no DID group in %s sells %d numbers with %d channels", cityName, qty, minChannels)
	}
	fmt.Fprintf(out, "DID group   +%s %s %s, %s\n", country.Prefix, group.Prefix, group.AreaName, stock(group))
	fmt.Fprintf(out, "SKU         setup %s, monthly %s, %d channels included (cheapest with at least %d)\n",
		sku.SetupPrice, sku.MonthlyPrice, sku.ChannelsIncludedCount, minChannels)

	// ExternalReferenceID, unique per order, lets BuySKU find the order when
	// its answer is lost; an error matching didww.ErrOutcomeUnknown means it may exist.
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{
		SKUID:               sku.ID,
		Qty:                 qty,
		AllowBackOrdering:   didww.Bool(false),
		ExternalReferenceID: fmt.Sprintf("buy-by-sku-%d", time.Now().UnixNano()),
		Wait:                true,
	})
	if err != nil {
		return fmt.Errorf("buy %d numbers: %w", qty, err)
	}
	order := bought.Order
	fmt.Fprintf(out, "Order       reference %s, status %s, amount %s\n", order.Reference, order.Status, order.Amount)
	for _, it := range order.Items {
		fmt.Fprintf(out, "  item      %d %s: setup %s, monthly %s\n", it.Qty, itemKind(it.Type), it.NRC, it.MRC)
	}
	fmt.Fprintf(out, "\nBought %d numbers of +%s %s %s:\n", qty, country.Prefix, group.Prefix, group.AreaName)
	for _, d := range bought.DIDs {
		fmt.Fprintf(out, "  +%s\n", d.Number)
	}
	return nil
}

// itemKind names what an order item of type t buys.
func itemKind(t string) string {
	switch t {
	case didww.OrderItemDID:
		return "numbers"
	case didww.OrderItemCapacity:
		return "channels"
	case didww.OrderItemEmergency:
		return "emergency services"
	default:
		return t
	}
}

// stock says how many numbers a group has in stock, or that the answer did not say.
func stock(g *didww.DIDGroup) string {
	if g.TotalCount == nil {
		return "stock unknown"
	}
	return fmt.Sprintf("%d in stock", *g.TotalCount)
}
