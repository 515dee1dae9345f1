// Command route_numbers buys two US numbers and points them at a PBX: it
// creates a SIP voice-in trunk for the purpose, orders the numbers with the
// trunk on the buy request, waits for the order, and prints each number and
// where its calls ring.
//
//	go run ./examples/route_numbers
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest. With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=sandbox,
// the default, or production); in production, where the order costs money,
// it also wants DIDWW_CONFIRM_PURCHASE=yes. DIDWW_PBX_HOST names the SIP host
// (default pbx.example.com).
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

const qty = 2

// main uses your DIDWW account when DIDWW_API_KEY is set (DIDWW_ENVIRONMENT
// picks sandbox, the default, or production), and the in-memory API of
// package didwwtest otherwise.
func main() {
	host := "pbx.example.com"
	if v := os.Getenv("DIDWW_PBX_HOST"); v != "" {
		host = v
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
	example.Main(example.Program{Name: "route_numbers", Buys: "numbers", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out, host)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer, host string) error {
	sku, err := cheapestSKU(ctx, client)
	if err != nil {
		return err
	}
	trunk, err := client.VoiceInTrunks.Create(ctx, &didww.VoiceInTrunkCreateRequest{
		Name: "PBX " + time.Now().UTC().Format("2006-01-02 15:04:05.000"),
		Configuration: &didww.SIPConfiguration{
			Host:         host,
			Username:     "{CALL_DID}", // the number called, in the request URI
			SSTAccept501: true,
		},
	})
	if err != nil {
		return fmt.Errorf("create the SIP trunk: %w", err)
	}
	fmt.Fprintf(out, "Trunk      %q (%s) rings sip:{CALL_DID}@%s\n", trunk.Name, trunk.ID, host)

	// The buy request names the trunk: once the order completes, each
	// number it created is routed there.
	bought, err := client.BuySKUDIDs(ctx, &didww.BuySKURequest{
		SKUID:               sku.ID,
		Qty:                 qty,
		AllowBackOrdering:   didww.Bool(false),
		ExternalReferenceID: fmt.Sprintf("route-numbers-%d", time.Now().UnixNano()),
		Wait:                true,
		VoiceInTrunkID:      trunk.ID,
	})
	var routing *didww.RoutingError
	if errors.As(err, &routing) {
		// The numbers are bought and paid for; some are not routed yet.
		return fmt.Errorf("bought, but not all numbers are routed: %w", err)
	}
	if err != nil {
		return fmt.Errorf("buy %d numbers: %w", qty, err)
	}
	fmt.Fprintf(out, "Order      %s, %s, amount %s\n\n", bought.Order.Reference, bought.Order.Status, bought.Order.Amount)
	return printRoutes(ctx, client, out, bought.DIDs)
}

// printRoutes reads each DID back and says where its calls go.
func printRoutes(ctx context.Context, client *didww.Client, out io.Writer, dids []*didww.DID) error {
	for _, d := range dids {
		got, err := client.DIDs.Get(ctx, d.ID, &didww.GetOptions{Include: []string{"voice_in_trunk"}})
		if err != nil {
			return fmt.Errorf("read DID %s back: %w", d.ID, err)
		}
		where := "not routed"
		if got.VoiceInTrunk != nil {
			where = fmt.Sprintf("rings trunk %q", got.VoiceInTrunk.Name)
		}
		fmt.Fprintf(out, "+%-14s %s\n", got.Number, where)
	}
	return nil
}

// cheapestSKU finds the cheapest price option of a US DID group that sells
// numbers without registration.
func cheapestSKU(ctx context.Context, client *didww.Client) (*didww.StockKeepingUnit, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		return nil, fmt.Errorf("find the US: %w", err)
	}
	if len(countries.Items) == 0 {
		return nil, errors.New("no country with ISO code US")
	}
	groups, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID:         countries.Items[0].ID,
		NeedsRegistration: didww.Bool(false),
		Include:           []string{"stock_keeping_units"},
	})
	if err != nil {
		return nil, fmt.Errorf("list DID groups: %w", err)
	}
	var best *didww.StockKeepingUnit
	for _, g := range groups.Items {
		s := g.CheapestSKU(0)
		if s != nil && (best == nil || s.SetupPrice.Add(s.MonthlyPrice).Cmp(best.SetupPrice.Add(best.MonthlyPrice)) < 0) {
			best = s
		}
	}
	if best == nil {
		return nil, errors.New("no US DID group has a price option")
	}
	return best, nil
}
