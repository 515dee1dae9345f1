// Package example holds what the example programs share and a user's own
// program would not need: reading DIDWW_ENVIRONMENT and DIDWW_API_VERSION, the guard against
// spending money in production by accident, and printing the outcome.
package example

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/didww-go/didww"
)

// Environment variables the examples read.
const (
	// EnvAPIKey holds the API key of a real DIDWW account; without it the
	// examples use the in-memory API of package didwwtest.
	EnvAPIKey = "DIDWW_API_KEY"
	// EnvEnvironment picks the real API: "sandbox" (the default) or "production".
	EnvEnvironment = "DIDWW_ENVIRONMENT"
	// EnvConfirmPurchase must be "yes" for an example that buys to run
	// against production.
	EnvConfirmPurchase = "DIDWW_CONFIRM_PURCHASE"
	// EnvAPIVersion picks the API version the client speaks, and the
	// version of the in-memory API's account: "2026-04-16" (the default) or
	// "2026-11-19". A real account must be upgraded to 2026-11-19 first.
	EnvAPIVersion = "DIDWW_API_VERSION"
)

// APIVersion is the version DIDWW_API_VERSION names: DefaultAPIVersion when
// unset, or one of the two versions the client speaks; anything else is an
// error (and DefaultAPIVersion).
func APIVersion() (string, error) {
	switch v := strings.TrimSpace(os.Getenv(EnvAPIVersion)); v {
	case "":
		return didww.DefaultAPIVersion, nil
	case didww.APIVersion20260416, didww.APIVersion20261119:
		return v, nil
	default:
		return didww.DefaultAPIVersion, fmt.Errorf("%s=%q: want %s or %s", EnvAPIVersion, v, didww.APIVersion20260416, didww.APIVersion20261119)
	}
}

// Environment is the environment DIDWW_ENVIRONMENT names: "sandbox" (also
// when unset) or "production", in any case; anything else is an error.
func Environment() (didww.Environment, error) {
	switch v := strings.ToLower(strings.TrimSpace(os.Getenv(EnvEnvironment))); v {
	case "", "sandbox":
		return didww.Sandbox, nil
	case "production":
		return didww.Production, nil
	default:
		return "", fmt.Errorf("%s=%q: want sandbox or production", EnvEnvironment, v)
	}
}

// Program says how Main runs an example.
type Program struct {
	// Name is the program's name, the prefix of its error line.
	Name string
	// Buys says what the program buys, such as "a number". When it is set,
	// Main refuses to run against production without DIDWW_CONFIRM_PURCHASE=yes.
	Buys string
	// InMemory says the client talks to the in-memory API (for the banner).
	InMemory bool
}

// Main runs fn with a context cancelled on interrupt, after the production
// guard and a line saying which API is used (never the key). A failure is
// printed as "name: error" on stderr and exits with status 1. clientErr is
// the error of making client, reported the same way.
func Main(p Program, client *didww.Client, clientErr error, fn func(ctx context.Context, out io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := clientErr
	if err == nil {
		err = Run(ctx, p, client, os.Stdout, fn)
	}
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", p.Name, err)
		os.Exit(1)
	}
}

// Run is Main without the signal handling and the exit.
func Run(ctx context.Context, p Program, client *didww.Client, out io.Writer, fn func(ctx context.Context, out io.Writer) error) error {
	if err := ConfirmPurchase(client, p.Buys); err != nil {
		return err
	}
	if p.InMemory {
		fmt.Fprintf(out, "Using the in-memory DIDWW API at %s (set %s to use your account).\n\n", client.BaseURL(), EnvAPIKey)
	} else {
		fmt.Fprintf(out, "Using the DIDWW API at %s.\n\n", client.BaseURL())
	}
	return fn(ctx, out)
}

// ConfirmPurchase refuses a program that buys what against production unless
// DIDWW_CONFIRM_PURCHASE=yes. An empty what buys nothing and always passes.
func ConfirmPurchase(client *didww.Client, what string) error {
	if what == "" || client.BaseURL() != string(didww.Production) || os.Getenv(EnvConfirmPurchase) == "yes" {
		return nil
	}
	return fmt.Errorf("this example buys %s; against production set %s=yes to go ahead", what, EnvConfirmPurchase)
}
