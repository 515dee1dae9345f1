package main

import (
	"fmt"
	"regexp"
	"testing"

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
			got, srv := exampletest.Run(t, run, exampletest.AtVersion(v))
			for _, want := range []string{
				"1. Country      United States (US), dialling prefix +1\n",
				"2. City         Los Angeles\n",
				"3. DID group    +1 213 Los Angeles: number selection on,",
				// The API lists available numbers in no promised order: any Los Angeles number.
				"4. Number       +1213",
				"   Price        setup 0.0, monthly 0.09, 0 channels included (cheapest of 2 options)\n",
				"5. Reserved     until ",
				"6. Ordered      reference ",
				"7. Completed    order ",
				"Bought +1213",
			} {
				assert.Contains(t, got, want, "output lacks %q\noutput:\n%s", want, got)
			}

			assert.True(t, regexp.MustCompile(`(?m)^5\. Reserved     until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+m0s from now\)$`).MatchString(got), "reservation expiry is not an RFC 3339 time:\n%s", got)
			orders := srv.Orders(srv.APIKey)
			require.Len(t, orders, 1, "server has %d orders, want 1", len(orders))
			o := orders[0]
			require.Equal(t, "completed", o.Status, "order = %+v, want one number bought for 0.09 and completed", o)
			require.Equal(t, "0.09", o.Amount, "order = %+v, want one number bought for 0.09 and completed", o)
			require.Len(t, o.AvailableDIDIDs, 1, "order = %+v, want one number bought for 0.09 and completed", o)
			var bought *didwwtest.AvailableDID
			for i, d := range srv.Catalogue().AvailableDIDs {
				if d.ID == o.AvailableDIDIDs[0] {
					bought = &srv.Catalogue().AvailableDIDs[i]
				}
			}
			if assert.NotNil(t, bought, "order bought %+v, want a Los Angeles number, the one the output names", bought) {
				assert.Equal(t, didwwtest.DIDGroupLosAngelesID, bought.DIDGroupID, "order bought %+v, want a Los Angeles number, the one the output names", bought)
				assert.Contains(t, got, "Bought +"+bought.Number+": order ", "order bought %+v, want a Los Angeles number, the one the output names", bought)
			}
			// The API answers the order pending; the example waits for its completion.
			assert.Contains(t, got, "reference "+o.Reference+", status pending, amount 0.09\n", "output does not show order %s placed pending for 0.09:\n%s", o.Reference, got)
			api, err := srv.Client().Orders.Get(t.Context(), o.ID, nil)
			require.NoError(t, err, "the order through the API: %+v, %v", api, err)
			require.Len(t, api.Items, 1, "the order through the API: %+v, %v", api, err)
			require.NotEmpty(t, api.Items[0].BilledFrom, "the order through the API: %+v, %v", api, err)
			billed := fmt.Sprintf("7. Completed    order %s, billed %s to %s\n", o.Reference, api.Items[0].BilledFrom, api.Items[0].BilledTo)
			assert.Contains(t, got, billed, "output lacks %q and the completion:\n%s", billed, got)
			assert.Contains(t, got, "order "+o.Reference+" is completed.\n", "output lacks %q and the completion:\n%s", billed, got)
			rs := srv.Reservations(srv.APIKey)
			assert.Empty(t, rs, "reservations left after the order: %+v", rs)
			assert.Equal(t, "99.91", srv.Balance(srv.APIKey), "balance")
			assert.NotContains(t, got, srv.APIKey, "output shows the API key")
		})
	}
}
