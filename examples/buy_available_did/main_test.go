package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
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
				if !strings.Contains(got, want) {
					t.Errorf("output lacks %q\noutput:\n%s", want, got)
				}
			}

			if !regexp.MustCompile(`(?m)^5\. Reserved     until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+m0s from now\)$`).MatchString(got) {
				t.Errorf("reservation expiry is not an RFC 3339 time:\n%s", got)
			}
			orders := srv.Orders(srv.APIKey)
			if len(orders) != 1 {
				t.Fatalf("server has %d orders, want 1", len(orders))
			}
			o := orders[0]
			if o.Status != "completed" || o.Amount != "0.09" || len(o.AvailableDIDIDs) != 1 {
				t.Fatalf("order = %+v, want one number bought for 0.09 and completed", o)
			}
			var bought *didwwtest.AvailableDID
			for i, d := range srv.Catalogue().AvailableDIDs {
				if d.ID == o.AvailableDIDIDs[0] {
					bought = &srv.Catalogue().AvailableDIDs[i]
				}
			}
			if bought == nil || bought.DIDGroupID != didwwtest.DIDGroupLosAngelesID || !strings.Contains(got, "Bought +"+bought.Number+": order ") {
				t.Errorf("order bought %+v, want a Los Angeles number, the one the output names", bought)
			}
			// The API answers the order pending; the example waits for its completion.
			if !strings.Contains(got, "reference "+o.Reference+", status pending, amount 0.09\n") {
				t.Errorf("output does not show order %s placed pending for 0.09:\n%s", o.Reference, got)
			}
			api, err := srv.Client().Orders.Get(t.Context(), o.ID, nil)
			if err != nil || len(api.Items) != 1 || api.Items[0].BilledFrom == "" {
				t.Fatalf("the order through the API: %+v, %v", api, err)
			}
			billed := fmt.Sprintf("7. Completed    order %s, billed %s to %s\n", o.Reference, api.Items[0].BilledFrom, api.Items[0].BilledTo)
			if !strings.Contains(got, billed) || !strings.Contains(got, "order "+o.Reference+" is completed.\n") {
				t.Errorf("output lacks %q and the completion:\n%s", billed, got)
			}
			if rs := srv.Reservations(srv.APIKey); len(rs) != 0 {
				t.Errorf("reservations left after the order: %+v", rs)
			}
			if got := srv.Balance(srv.APIKey); got != "99.91" {
				t.Errorf("balance = %s, want 99.91", got)
			}
			if strings.Contains(got, srv.APIKey) {
				t.Error("output shows the API key")
			}
		})
	}
}
