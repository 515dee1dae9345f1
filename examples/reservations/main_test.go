package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/exampletest"
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
				if !regexp.MustCompile(re).MatchString(got) {
					t.Errorf("output does not match %s\noutput:\n%s", re, got)
				}
			}
			if rs := srv.Reservations(srv.APIKey); len(rs) != 0 {
				t.Errorf("reservations left: %+v", rs)
			}
			if os := srv.Orders(srv.APIKey); len(os) != 0 {
				t.Errorf("orders placed: %+v", os)
			}
			if strings.Count(got, "Reserved ") != 2 {
				t.Errorf("want two reservations in\n%s", got)
			}
		})
	}
}
