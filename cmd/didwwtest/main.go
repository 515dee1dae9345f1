// Command didwwtest serves the in-memory DIDWW v3 API of package didwwtest,
// so that the library and the API can be tried with curl:
//
//	go run ./cmd/didwwtest -addr 127.0.0.1:8080
//
// It prints the base URL, the API key of its account and a sample request,
// and stops on SIGINT or SIGTERM.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/didww-go/didww/didwwtest"
)

func main() {
	err := run(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return // -h printed the usage: not a failure
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "didwwtest:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("didwwtest", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	key := fs.String("key", "", "API key of the account (random when empty)")
	balance := fs.String("balance", didwwtest.DefaultBalance, "prepaid balance of the account")
	delay := fs.Duration("completion-delay", didwwtest.DefaultOrderCompletionDelay, "how long new DID orders stay pending (0 = complete at once)")
	rate := fs.Int("rate-limit", 0, "requests per second per key before 429 (0 = none)")
	catalogue := fs.String("catalogue", "", "JSON catalogue file (default: the built-in one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := []didwwtest.Option{
		didwwtest.WithAPIKey(*key), didwwtest.WithBalance(*balance),
		didwwtest.WithOrderCompletionDelay(*delay), didwwtest.WithRateLimit(*rate),
	}
	if *catalogue != "" {
		f, err := os.Open(*catalogue)
		if err != nil {
			return err
		}
		c, err := didwwtest.LoadCatalogue(f)
		f.Close()
		if err != nil {
			return err
		}
		opts = append(opts, didwwtest.WithCatalogue(c))
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := didwwtest.NewServerOn(l, opts...)
	fmt.Printf("DIDWW test API listening at %s\n", srv.URL)
	fmt.Printf("API key:  %s (balance %s)\n", srv.APIKey, srv.Balance(srv.APIKey))
	fmt.Printf("Try:      curl -s -H 'Accept: application/vnd.api+json' -H 'Api-Key: %s' '%s/countries?filter%%5Biso%%5D=US'\n", srv.APIKey, srv.URL)
	fmt.Printf("Go:       DIDWW test server; point didww.WithBaseURL(%q) at it\n", srv.URL)
	prices := srv.PricesURLs()
	fmt.Printf("2026-11-19: tokens from %s (didww.WithTokenURL); prices at %s, %s, %s (didww.WithPricesURLs)\n",
		srv.TokenURL, prices.InboundCalls, prices.OutboundCalls, prices.SMS)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	fmt.Println("\nshutting down")
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		return fmt.Errorf("shutdown timed out")
	}
	return nil
}
