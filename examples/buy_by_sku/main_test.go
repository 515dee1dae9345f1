package main

import (
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/internal/exampletest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			got, srv := exampletest.Run(t, run, exampletest.AtVersion(v))
			orders := srv.Orders(srv.APIKey)
			require.Len(t, orders, 1, "server has %d orders, want 1", len(orders))
			o := orders[0]
			assert.Equal(t, "completed", o.Status, "order = %+v, want completed, 2.98, with an external reference", o)
			assert.Equal(t, "2.98", o.Amount, "order = %+v, want completed, 2.98, with an external reference", o)
			assert.True(t, strings.HasPrefix(o.ExternalReferenceID, "buy-by-sku-"), "order = %+v, want completed, 2.98, with an external reference", o)
			for _, want := range []string{
				"DID group   +1 212 New York, 949 in stock\n",
				"SKU         setup 0.5, monthly 0.99, 2 channels included (cheapest with at least 2)\n",
				"Order       reference " + o.Reference + ", status completed, amount 2.98\n",
				"  item      2 numbers: setup 1.0, monthly 1.98\n",
				"Bought 2 numbers of +1 212 New York:\n",
			} {
				assert.Contains(t, got, want, "output lacks %q\noutput:\n%s", want, got)
			}
			dids, err := srv.Client().DIDs.List(t.Context(), &didww.DIDListOptions{OrderID: o.ID})
			require.NoError(t, err)
			require.Len(t, dids.Items, 2, "the order's DIDs on the server")
			for _, d := range dids.Items {
				assert.Contains(t, got, "\n  +"+d.Number+"\n", "output names every number bought")
			}
			assert.Equal(t, "97.02", srv.Balance(srv.APIKey), "balance")
		})
	}
}
