package main

import (
	"regexp"
	"testing"
	"time"

	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			got, srv := exampletest.Run(t, run, didwwtest.WithOrderCompletionDelay(300*time.Millisecond), exampletest.AtVersion(v))
			orders := srv.Orders(srv.APIKey)
			if len(orders) != 2 {
				t.Fatalf("server has %d orders, want 2", len(orders))
			}
			keep, drop := orders[0], orders[1]
			if keep.Status != "completed" || drop.Status != "canceled" {
				t.Errorf("orders = %+v, want the first completed and the second canceled", orders)
			}
			for _, re := range []string{
				`(?m)^SKU        setup 0\.0, monthly 0\.09$`,
				`(?m)^Placed     ` + keep.Reference + ` \(keep\): pending, amount 0\.09$`,
				`(?m)^Placed     ` + drop.Reference + ` \(cancel\): pending, amount 0\.09$`,
				`(?m)^Cancelled  ` + drop.Reference + `: canceled$`,
				`(?m)^Waited     ` + keep.Reference + `: completed after \d+(\.\d)?m?s$`,
				`(?m)^Latest orders \(2 in all\):$`,
				`(?m)^  ` + drop.Reference + `  canceled +0\.09  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  orders-example-cancel-\d+$`,
				`(?m)^  ` + keep.Reference + `  completed +0\.09  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  orders-example-keep-\d+$`,
			} {
				if !regexp.MustCompile(re).MatchString(got) {
					t.Errorf("output does not match %s\noutput:\n%s", re, got)
				}
			}
		})
	}
}
