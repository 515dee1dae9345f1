// Command reservations holds specific numbers for a while without buying
// them: it reserves two available numbers, renews one hold, lists the
// account's reservations, and releases both.
//
//	go run ./examples/reservations
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest; with it, against your account (DIDWW_ENVIRONMENT=sandbox, the
// default, or production). Reservations cost nothing, and the example
// releases what it reserved.
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

const countryISO = "US"

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
	example.Main(example.Program{Name: "reservations", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer) (err error) {
	dids, err := twoNumbers(ctx, client)
	if err != nil {
		return err
	}

	// Reserve two numbers; whatever happens next, release them at the end.
	var held []*didww.DIDReservation
	defer func() {
		for _, r := range held {
			if delErr := client.DIDReservations.Delete(context.WithoutCancel(ctx), r.ID); delErr != nil {
				err = errors.Join(err, fmt.Errorf("release reservation %s: %w", r.ID, delErr))
			}
		}
	}()
	for i, did := range dids {
		r, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
			AvailableDIDID: did.ID,
			Description:    fmt.Sprintf("example hold %d", i+1),
		})
		if err != nil {
			return fmt.Errorf("reserve +%s: %w", did.Number, err)
		}
		held = append(held, r)
		fmt.Fprintf(out, "Reserved   +%s until %s\n", did.Number, clock(r.ExpiresAt))
	}

	// Posting the reservation again restarts its hold from now; a program
	// renews shortly before ExpiresAt, this one at once to show the call.
	renewed, err := client.DIDReservations.Renew(ctx, held[0])
	if err != nil {
		return fmt.Errorf("renew reservation %s: %w", held[0].ID, err)
	}
	fmt.Fprintf(out, "Renewed    %q: the hold restarts, until %s (%s from now)\n",
		renewed.Description, clock(renewed.ExpiresAt), time.Until(renewed.ExpiresAt).Round(time.Minute))
	if renewed.ID != held[0].ID {
		held = append(held, renewed) // release the new one too
	}
	if err := printHolds(ctx, client, out); err != nil {
		return err
	}

	// Release both holds: the numbers go back to the pool.
	for _, r := range held {
		if err := client.DIDReservations.Delete(ctx, r.ID); err != nil && !errors.Is(err, didww.ErrNotFound) {
			return fmt.Errorf("release reservation %s: %w", r.ID, err)
		}
	}
	held = nil
	after, err := client.DIDReservations.List(ctx, nil)
	if err != nil {
		return fmt.Errorf("list reservations: %w", err)
	}
	fmt.Fprintf(out, "\nReleased both; the account holds %d numbers.\n", after.Meta.TotalRecords)
	return nil
}

// twoNumbers finds two available numbers of countryISO that need no registration.
func twoNumbers(ctx context.Context, client *didww.Client) ([]*didww.AvailableDID, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: countryISO})
	if err != nil {
		return nil, fmt.Errorf("find country %s: %w", countryISO, err)
	}
	if len(countries.Items) == 0 {
		return nil, fmt.Errorf("no country with ISO code %s", countryISO)
	}
	dids, err := client.AvailableDIDs.List(ctx, &didww.AvailableDIDListOptions{
		CountryID:         countries.Items[0].ID,
		NeedsRegistration: didww.Bool(false),
	})
	if err != nil {
		return nil, fmt.Errorf("list available numbers: %w", err)
	}
	if len(dids.Items) < 2 {
		return nil, fmt.Errorf("want 2 available numbers in %s, found %d", countryISO, len(dids.Items))
	}
	return dids.Items[:2], nil
}

// printHolds lists the account's reservations with their numbers.
func printHolds(ctx context.Context, client *didww.Client, out io.Writer) error {
	page, err := client.DIDReservations.List(ctx, &didww.DIDReservationListOptions{
		Include: []string{"available_did"},
		Sort:    []string{"created_at"},
	})
	if err != nil {
		return fmt.Errorf("list reservations: %w", err)
	}
	fmt.Fprintf(out, "\nThe account holds %d numbers (%d more allowed):\n", page.Meta.TotalRecords, page.Meta.AvailableCount)
	for _, r := range page.Items {
		number := "?"
		if r.AvailableDID != nil && r.AvailableDID.Number != "" {
			number = "+" + r.AvailableDID.Number
		}
		fmt.Fprintf(out, "  %-14s %-16q expires in %s\n", number, r.Description, time.Until(r.ExpiresAt).Round(time.Minute))
	}
	return nil
}

// clock shows a time of day.
func clock(t time.Time) string { return t.UTC().Format("15:04:05 MST") }
