// Command buy_available_did walks through DIDWW's guide "Select, Reserve & Buy
// Available DID Number(s)": find the country and the city, the DID groups
// that allow number selection with their prices, list the numbers available,
// pick one and a price, reserve the number, order it with the reservation,
// and wait for the order, which the API fulfils after answering it pending.
//
//	go run ./examples/buy_available_did
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest. With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=sandbox,
// the default, or production); in production, where the order costs money,
// it also wants DIDWW_CONFIRM_PURCHASE=yes.
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

// The guide's choices: a local Los Angeles number.
const (
	countryISO = "US"
	cityName   = "Los Angeles"
)

// How the order is awaited: polled every pollEvery, for at most waitFor.
const (
	pollEvery = time.Second
	waitFor   = 2 * time.Minute
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
	example.Main(example.Program{Name: "buy_available_did", Buys: "a number", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer) error {
	country, city, err := findCity(ctx, client, out)
	if err != nil {
		return err
	}
	group, err := findGroup(ctx, client, out, country, city)
	if err != nil {
		return err
	}
	did, sku, err := pickNumber(ctx, client, out, group)
	if err != nil {
		return err
	}
	order, err := reserveAndOrder(ctx, client, out, did, sku)
	if err != nil {
		return err
	}
	return awaitOrder(ctx, client, out, did, order)
}

// findCity is steps 1 and 2: the country by its ISO code, the city by name.
func findCity(ctx context.Context, client *didww.Client, out io.Writer) (*didww.Country, *didww.City, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: countryISO})
	if err != nil {
		return nil, nil, fmt.Errorf("find country %s: %w", countryISO, err)
	}
	if len(countries.Items) == 0 {
		return nil, nil, fmt.Errorf("no country with ISO code %s", countryISO)
	}
	country := countries.Items[0]
	fmt.Fprintf(out, "1. Country      %s (%s), dialling prefix +%s\n", country.Name, country.ISO, country.Prefix)

	cities, err := client.Cities.List(ctx, &didww.CityListOptions{CountryID: country.ID, Name: cityName})
	if err != nil {
		return nil, nil, fmt.Errorf("find city %s: %w", cityName, err)
	}
	if len(cities.Items) == 0 {
		return nil, nil, fmt.Errorf("no city named %s in %s", cityName, country.Name)
	}
	city := cities.Items[0]
	fmt.Fprintf(out, "2. City         %s\n", city.Name)
	return country, city, nil
}

// findGroup is step 3: the DID groups of the city whose numbers can be
// picked one by one, with their price options (SKUs).
func findGroup(ctx context.Context, client *didww.Client, out io.Writer, country *didww.Country, city *didww.City) (*didww.DIDGroup, error) {
	groups, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID:            country.ID,
		CityID:               city.ID,
		AvailableDIDsEnabled: didww.Bool(true),
		Include:              []string{"stock_keeping_units"},
	})
	if err != nil {
		return nil, fmt.Errorf("list DID groups: %w", err)
	}
	if len(groups.Items) == 0 {
		return nil, fmt.Errorf("no DID group in %s offers number selection", city.Name)
	}
	for _, g := range groups.Items {
		fmt.Fprintf(out, "3. DID group    +%s %s %s: number selection on, %s, %d price options\n",
			country.Prefix, g.Prefix, g.AreaName, stock(g), len(g.StockKeepingUnits))
	}
	return groups.Items[0], nil
}

// pickNumber is step 4: a number available in the group, and the cheapest
// of its group's SKUs.
func pickNumber(ctx context.Context, client *didww.Client, out io.Writer, group *didww.DIDGroup) (*didww.AvailableDID, *didww.StockKeepingUnit, error) {
	// Each number comes with its group's SKUs.
	dids, err := client.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{
		DIDGroupID: group.ID,
		Include:    []string{"did_group.stock_keeping_units"},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list available numbers: %w", err)
	}
	if len(dids.Items) == 0 {
		return nil, nil, fmt.Errorf("DID group %s %s has no number available", group.Prefix, group.AreaName)
	}
	did := dids.Items[0] // a real application lets the customer choose
	sku := did.DIDGroup.CheapestSKU(0)
	if sku == nil {
		return nil, nil, fmt.Errorf("number +%s came without the price options of its DID group", did.Number)
	}
	fmt.Fprintf(out, "4. Number       +%s (first of %d available)\n", did.Number, dids.Meta.TotalCount)
	fmt.Fprintf(out, "   Price        setup %s, monthly %s, %d channels included (cheapest of %d options)\n",
		sku.SetupPrice, sku.MonthlyPrice, sku.ChannelsIncludedCount, len(did.DIDGroup.StockKeepingUnits))
	return did, sku, nil
}

// reserveAndOrder is steps 5 and 6: hold the number, then order it with the
// reservation, releasing the hold when the order fails.
func reserveAndOrder(ctx context.Context, client *didww.Client, out io.Writer, did *didww.AvailableDID, sku *didww.StockKeepingUnit) (*didww.Order, error) {
	// Steps 5 and 6 are also one call: client.BuyAvailableDID reserves,
	// orders, and releases the reservation when the order fails. They are
	// spelled out here so that the flow can be read.

	// Step 5: hold the number for this account while ordering.
	res, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
		AvailableDIDID: did.ID,
		Description:    "Reserved for customer",
	})
	if err != nil {
		return nil, fmt.Errorf("reserve +%s: %w", did.Number, err)
	}
	fmt.Fprintf(out, "5. Reserved     until %s (%s from now)\n",
		res.ExpiresAt.UTC().Format(time.RFC3339), time.Until(res.ExpiresAt).Round(time.Minute))

	// Step 6: order the reserved number with the chosen SKU.
	order, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		AllowBackOrdering: didww.Bool(false),
		Items:             []didww.OrderItemRequest{didww.ReservationOrderItem{SKUID: sku.ID, DIDReservationID: res.ID}},
	})
	if err != nil {
		// Free the number for others; it would lapse by itself anyway.
		if relErr := client.DIDReservations.Delete(context.WithoutCancel(ctx), res.ID); relErr != nil {
			err = errors.Join(err, fmt.Errorf("release reservation %s: %w", res.ID, relErr))
		}
		return nil, fmt.Errorf("order +%s: %w", did.Number, err)
	}
	fmt.Fprintf(out, "6. Ordered      reference %s, status %s, amount %s\n", order.Reference, order.Status, order.Amount)
	return order, nil
}

// awaitOrder is step 7: the API answers a DID order pending and fulfils it
// later; poll it (or pass a callback_url) until it completes. An order still
// pending after waitFor is not a failure: the number is bought, and the
// order can be looked up later by its id.
func awaitOrder(ctx context.Context, client *didww.Client, out io.Writer, did *didww.AvailableDID, order *didww.Order) error {
	if order.Status == didww.OrderStatusPending {
		wctx, cancel := context.WithTimeout(ctx, waitFor)
		done, err := client.Orders.Wait(wctx, order.ID, pollEvery)
		cancel()
		switch {
		case err == nil:
			order = done
		case ctx.Err() != nil:
			return fmt.Errorf("wait for order %s: %w", order.Reference, err)
		default:
			fmt.Fprintf(out, "7. Still %s after %s (%v); look order %s up later\n", order.Status, waitFor, err, order.ID)
			return nil
		}
	}
	if order.Status != didww.OrderStatusCompleted {
		return fmt.Errorf("order %s of +%s ended %s", order.Reference, did.Number, order.Status)
	}
	fmt.Fprintf(out, "7. Completed    order %s", order.Reference)
	if len(order.Items) > 0 && order.Items[0].BilledFrom != "" {
		fmt.Fprintf(out, ", billed %s to %s", order.Items[0].BilledFrom, order.Items[0].BilledTo)
	}
	fmt.Fprintf(out, "\n\nBought +%s: order %s is %s.\n", did.Number, order.Reference, order.Status)
	return nil
}

// stock says how many numbers a group has in stock, or that the answer did
// not say (nil is unknown, not 0).
func stock(g *didww.DIDGroup) string {
	if g.TotalCount == nil {
		return "stock unknown"
	}
	return fmt.Sprintf("%d in stock", *g.TotalCount)
}
