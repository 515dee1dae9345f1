package main

import (
	"regexp"
	"testing"
	"time"

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
			got, srv := exampletest.Run(t, run, didwwtest.WithOrderCompletionDelay(300*time.Millisecond), exampletest.AtVersion(v))
			orders := srv.Orders(srv.APIKey)
			require.Len(t, orders, 2, "server has %d orders, want 2", len(orders))
			keep, drop := orders[0], orders[1]
			assert.Equal(t, "completed", keep.Status, "orders = %+v, want the first completed and the second canceled", orders)
			assert.Equal(t, "canceled", drop.Status, "orders = %+v, want the first completed and the second canceled", orders)
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
				assert.True(t, regexp.MustCompile(re).MatchString(got), "output does not match %s\noutput:\n%s", re, got)
			}
		})
	}
}
