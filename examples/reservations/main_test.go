package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/exampletest"
	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			got, srv := exampletest.Run(t, run, exampletest.AtVersion(v))
			for _, re := range []string{
				// The API lists available numbers in no promised order: any two numbers.
				`(?m)^Reserved   \+1\d{10} until \d\d:\d\d:\d\d UTC$`,
				`(?m)^Reserved   \+1\d{10} until \d\d:\d\d:\d\d UTC$`,
				`(?m)^Renewed    "example hold 1": the hold restarts, until \d\d:\d\d:\d\d UTC \(10m0s from now\)$`,
				`(?m)^The account holds 2 numbers \(8 more allowed\):$`,
				`(?m)^  \+1\d{10} +"example hold 1" +expires in 10m0s$`,
				`(?m)^  \+1\d{10} +"example hold 2" +expires in 10m0s$`,
				`(?m)^Released both; the account holds 0 numbers\.$`,
			} {
				assert.True(t, regexp.MustCompile(re).MatchString(got), "output does not match %s\noutput:\n%s", re, got)
			}
			rs := srv.Reservations(srv.APIKey)
			assert.Empty(t, rs, "reservations left: %+v", rs)
			os := srv.Orders(srv.APIKey)
			assert.Empty(t, os, "orders placed: %+v", os)
			assert.Equal(t, 2, strings.Count(got, "Reserved "), "want two reservations in\n%s", got)
		})
	}
}
