package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRun buys a number on the in-memory API, lets two of its calls happen
// on the server's clock, and runs the example: it exports the last day's
// inbound calls, waits, and saves the file with those two calls.
func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			clock := didwwtest.NewClock(time.Date(2026, 4, 16, 9, 30, 0, 0, time.UTC))
			path := filepath.Join(t.TempDir(), "cdrs.csv")
			var number string
			got, _ := exampletest.Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
				number = buyNumber(t, ctx, client, clock)
				clock.Advance(2 * time.Hour) // calls at +10m and +1h have happened
				return run(ctx, client, out, path, clock.Now())
			}, didwwtest.WithClock(clock.Now), didwwtest.WithExportDelay(0), exampletest.AtVersion(v))
			for _, want := range []string{
				"of inbound calls 2026-04-15 11:00:00 to 2026-04-16 11:00:00: pending\n",
				"Completed  completed\n",
				"Saved      " + path + ": 2 calls\n",
			} {
				assert.Contains(t, got, want, "output lacks %q\noutput:\n%s", want, got)
			}
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			require.Len(t, lines, 3, "the decompressed CSV: a header and two calls\n%s", b)
			assert.True(t, strings.HasPrefix(lines[0], "Date/Time Start (UTC),"), "header %q", lines[0])
			for _, l := range lines[1:] {
				assert.Contains(t, l, ","+number+",", "a call to the number bought")
			}
		})
	}
}

// buyNumber orders one number and lets the order complete on the clock.
func buyNumber(t *testing.T, ctx context.Context, client *didww.Client, clock *didwwtest.Clock) string {
	t.Helper()
	_, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
	})
	require.NoError(t, err)
	clock.Advance(didwwtest.DefaultOrderCompletionDelay)
	dids, err := client.DIDs.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, dids.Items, 1)
	return dids.Items[0].Number
}
