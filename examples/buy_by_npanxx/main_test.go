package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			require.Len(t, orders, 1, "server has %d orders, want 1", len(orders))
			o := orders[0]
			assert.Equal(t, "completed", o.Status, "order = %+v, want completed, 0.8, with an external reference", o)
			assert.Equal(t, "0.8", o.Amount, "order = %+v, want completed, 0.8, with an external reference", o)
			assert.True(t, strings.HasPrefix(o.ExternalReferenceID, "buy-by-npanxx-"), "order = %+v, want completed, 0.8, with an external reference", o)
			dids, err := srv.Client().DIDs.List(t.Context(), &didww.DIDListOptions{OrderID: o.ID})
			require.NoError(t, err)
			require.Len(t, dids.Items, 1, "the order's DIDs on the server")
			for _, want := range []string{
				"Looking for NPA-NXX 212555\n",
				"NANPA prefix  NPA 212, NXX 555\n",
				"DID group     212 New York, ",
				"SKU           setup 0.0, monthly 0.8, 0 channels included (the cheapest)\n",
				"Order         reference " + o.Reference + ", status completed, amount 0.8\n",
				"Bought +" + dids.Items[0].Number + " (DID " + dids.Items[0].ID + ").\n",
			} {
				assert.Contains(t, got, want, "output lacks %q\noutput:\n%s", want, got)
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
	require.ErrorIs(t, err, didww.ErrNotFound, "run = %v, want a not-found error naming the NPA-NXX", err)
	require.Contains(t, err.Error(), "nothing for sale in NPA-NXX 999999", "run = %v, want a not-found error naming the NPA-NXX", err)
	n := len(srv.Orders(srv.APIKey))
	assert.Equal(t, 0, n, "%d orders placed for an unknown NPA-NXX", n)
}
