package didwwtest

import (
	"errors"
	"fmt"
	"os"
	"strings"

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
