package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			got, srv := exampletest.Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
				return run(ctx, client, out, defaultNPANXX)
			}, exampletest.AtVersion(v))
			orders := srv.Orders(srv.APIKey)
			if len(orders) != 1 {
				t.Fatalf("server has %d orders, want 1", len(orders))
			}
			o := orders[0]
			if o.Status != "completed" || o.Amount != "0.8" || !strings.HasPrefix(o.ExternalReferenceID, "buy-by-npanxx-") {
				t.Errorf("order = %+v, want completed, 0.8, with an external reference", o)
			}
			for _, want := range []string{
				"Looking for NPA-NXX 212555\n",
				"NANPA prefix  NPA 212, NXX 555\n",
				"DID group     212 New York, ",
				"SKU           setup 0.0, monthly 0.8, 0 channels included (the cheapest)\n",
				"Order         reference " + o.Reference + ", status completed, amount 0.8\n",
				"Bought a number in (212) 555-xxxx.\n",
			} {
				if !strings.Contains(got, want) {
					t.Errorf("output lacks %q\noutput:\n%s", want, got)
				}
			}
		})
	}
}

func TestRunUnknownNPANXX(t *testing.T) {
	t.Parallel()
	srv := didwwtest.NewServer()
	defer srv.Close()

	var out bytes.Buffer
	err := run(t.Context(), srv.Client(), &out, "999999")
	if !errors.Is(err, didww.ErrNotFound) || !strings.Contains(err.Error(), "nothing for sale in NPA-NXX 999999") {
		t.Fatalf("run = %v, want a not-found error naming the NPA-NXX", err)
	}
	if n := len(srv.Orders(srv.APIKey)); n != 0 {
		t.Errorf("%d orders placed for an unknown NPA-NXX", n)
	}
}
