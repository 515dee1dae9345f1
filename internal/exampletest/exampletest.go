// Package exampletest runs the example programs against the in-memory API in
// their tests. Only tests import it, so the example binaries do not link
// package testing.
package exampletest

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Versions are the API versions every example runs under.
var Versions = []string{didww.APIVersion20260416, didww.APIVersion20261119}

// AtVersion makes the server's default account, the one Run's client
// speaks for, an account at API version v.
func AtVersion(v string) didwwtest.Option {
	return didwwtest.WithDefaultAccount(didwwtest.APIVersion(v))
}

// Run starts a didwwtest server with opts, closed when the test ends, calls
// run with its client and the test's context, and returns what run wrote.
// When run fails, the test stops with the error and the output.
func Run(t testing.TB, run func(ctx context.Context, client *didww.Client, out io.Writer) error, opts ...didwwtest.Option) (out string, srv *didwwtest.Server) {
	t.Helper()
	srv = didwwtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	var b strings.Builder
	if err := run(t.Context(), srv.Client(), &b); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, b.String())
	}
	return b.String(), srv
}
