package didwwtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"testing"

	"github.com/didww-go/didww"
)

// Environment variables ClientFromEnv reads.
const (
	// EnvAPIKey holds the API key of a real DIDWW account; when it is unset
	// or empty, an in-memory server is used instead.
	EnvAPIKey = "DIDWW_API_KEY"
	// EnvEnvironment selects the real API: "sandbox" (the default) or
	// "production".
	EnvEnvironment = "DIDWW_ENVIRONMENT"
	// EnvConfirmPurchase must be "yes" for Main to run a program that buys
	// against the production API.
	EnvConfirmPurchase = "DIDWW_CONFIRM_PURCHASE"
)

// ClientFromEnv returns a client for the real DIDWW API when DIDWW_API_KEY is
// set, and otherwise starts an in-memory Server and returns its client. It is
// what the examples use, so that they run out of the box and against a real
// account alike.
//
// With DIDWW_API_KEY set, DIDWW_ENVIRONMENT picks the environment: "sandbox"
// (also when unset or empty) or "production", in any case; anything else is an
// error. srv is then nil. Without it, srv is a new Server with the default
// catalogue and balance, and client is srv.Client(opts...).
//
// opts are applied last, for both backends. closeFn stops the server (it does
// nothing for the real API) and must be called when done; it is a no-op func,
// never nil, also when err is not nil. The key is never part of an error.
func ClientFromEnv(opts ...didww.Option) (client *didww.Client, srv *Server, closeFn func(), err error) {
	return ClientFromEnvWith(nil, opts...)
}

// ClientFromEnvWith is ClientFromEnv with options for the in-memory server,
// such as WithOrderCompletionDelay or WithCallbackSecret; they are ignored
// when DIDWW_API_KEY selects the real API.
func ClientFromEnvWith(serverOpts []Option, opts ...didww.Option) (client *didww.Client, srv *Server, closeFn func(), err error) {
	noop := func() {}
	if key := os.Getenv(EnvAPIKey); key != "" {
		env, err := environmentFromEnv()
		if err != nil {
			return nil, nil, noop, err
		}
		c, err := didww.NewClient(key, append([]didww.Option{didww.WithEnvironment(env)}, opts...)...)
		if err != nil {
			return nil, nil, noop, err
		}
		return c, nil, noop, nil
	}
	srv, err = newServerSafely(serverOpts)
	if err != nil {
		return nil, nil, noop, err
	}
	c, err := clientSafely(srv, opts)
	if err != nil {
		srv.Close()
		return nil, nil, noop, err
	}
	return c, srv, srv.Close, nil
}

// MainOptions configures Main.
type MainOptions struct {
	// Buys says what the program buys, such as "a number" or "numbers".
	// When it is not empty, the program spends money, so against the
	// production API Main refuses to run it unless DIDWW_CONFIRM_PURCHASE=yes.
	Buys string
	// ServerOptions configure the in-memory server; they are ignored when
	// DIDWW_API_KEY selects the real API.
	ServerOptions []Option
}

// MainFunc is the body of an example program: it uses client and writes
// what it did to out. srv is the in-memory server, or nil for the real API.
type MainFunc func(ctx context.Context, client *didww.Client, srv *Server, out io.Writer) error

// Main is the main function of the example programs; it is not meant for
// other programs. It gets a client with ClientFromEnvWith, refuses a program
// that buys (opts.Buys) against production without DIDWW_CONFIRM_PURCHASE=yes,
// says on stdout which API it uses (never the key), and calls run with a
// context cancelled on interrupt. When anything fails it prints
// "name: error" to stderr and exits the process with status 1.
func Main(name string, opts MainOptions, run MainFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := runMain(ctx, name, opts, run, os.Stdout, os.Stderr)
	stop()
	if code != 0 {
		os.Exit(code)
	}
}

// runMain is Main without the signal handling and the exit: it returns the
// exit status.
func runMain(ctx context.Context, name string, opts MainOptions, run MainFunc, stdout, stderr io.Writer) int {
	if err := mainErr(ctx, opts, run, stdout); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	return 0
}

func mainErr(ctx context.Context, opts MainOptions, run MainFunc, out io.Writer) error {
	client, srv, closeFn, err := ClientFromEnvWith(opts.ServerOptions)
	defer closeFn()
	if err != nil {
		return err
	}
	if opts.Buys != "" && client.BaseURL() == string(didww.Production) && os.Getenv(EnvConfirmPurchase) != "yes" {
		return fmt.Errorf("this example buys %s; against production set %s=yes to go ahead", opts.Buys, EnvConfirmPurchase)
	}
	if srv != nil {
		fmt.Fprintf(out, "Using the in-memory DIDWW API at %s (set %s to use your account).\n\n", srv.URL, EnvAPIKey)
	} else {
		fmt.Fprintf(out, "Using the DIDWW API at %s.\n\n", client.BaseURL())
	}
	return run(ctx, client, srv, out)
}

// RunForTest is for the tests of the example programs: it starts a Server
// with opts, closed when the test ends, calls run with its client and the
// test's context, and returns what run wrote. When run fails, the test stops
// with the error and the output.
func RunForTest(t testing.TB, run func(ctx context.Context, client *didww.Client, out io.Writer) error, opts ...Option) (out string, srv *Server) {
	t.Helper()
	srv = NewServer(opts...)
	t.Cleanup(srv.Close)
	var b strings.Builder
	if err := run(t.Context(), srv.Client(), &b); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, b.String())
	}
	return b.String(), srv
}

func environmentFromEnv() (didww.Environment, error) {
	switch v := strings.ToLower(strings.TrimSpace(os.Getenv(EnvEnvironment))); v {
	case "", "sandbox":
		return didww.Sandbox, nil
	case "production":
		return didww.Production, nil
	default:
		return "", fmt.Errorf("didwwtest: %s=%q: want sandbox or production", EnvEnvironment, v)
	}
}

// newServerSafely turns NewServer's panic on a bad option into an error.
func newServerSafely(opts []Option) (srv *Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	return NewServer(opts...), nil
}

// clientSafely turns Client's panic on a failing option into an error, so the
// test defaults stay in one place (ClientFor).
func clientSafely(srv *Server, opts []didww.Option) (c *didww.Client, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	return srv.Client(opts...), nil
}

func panicError(r any) error {
	if e, ok := r.(error); ok {
		return e
	}
	return errors.New(fmt.Sprint(r))
}
