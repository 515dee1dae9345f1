// Command quickstart lists the countries where DIDWW sells phone numbers,
// with their dialling prefixes: the first program to run with this library.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

func main() {
	// The API version of your account: 2026-04-16, or 2026-11-19 once upgraded.
	version := cmp.Or(os.Getenv("DIDWW_API_VERSION"), didww.DefaultAPIVersion)
	var client *didww.Client
	if key := os.Getenv("DIDWW_API_KEY"); key != "" {
		// Your sandbox account; add didww.WithEnvironment(didww.Production) for real numbers.
		c, err := didww.NewClient(key, didww.WithAPIVersion(version))
		if err != nil {
			log.Fatal(err)
		}
		client = c
	} else {
		// No key yet: an in-memory DIDWW API with a sample catalogue.
		srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(version)))
		defer srv.Close()
		client = srv.Client()
	}
	if err := run(context.Background(), client, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, client *didww.Client, out io.Writer) error {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{IsAvailable: didww.Bool(true)})
	if errors.Is(err, didww.ErrUnauthorized) {
		return fmt.Errorf("DIDWW refused the key (a production key needs didww.WithEnvironment(didww.Production)): %w", err)
	}
	if err != nil {
		return fmt.Errorf("list countries: %w", err)
	}
	for _, c := range countries.Items {
		fmt.Fprintf(out, "%-2s  +%-4s %s\n", c.ISO, c.Prefix, c.Name)
	}
	return nil
}
