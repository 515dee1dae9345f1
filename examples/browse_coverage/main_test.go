package main

import (
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/internal/exampletest"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		version     string
		kinds, city string
	}{
		{didww.APIVersion20260416, "Kinds of numbers: Local, Mobile, National, Toll-free\n", "+1 212 New York (Local)"},
		{didww.APIVersion20261119, "Kinds of numbers: local, mobile, national, toll_free\n", "+1 212 New York (local)"},
	} {
		t.Run(tc.version, func(t *testing.T) {
			t.Parallel()
			got, srv := exampletest.Run(t, run, exampletest.AtVersion(tc.version))
			for _, want := range []string{
				"Countries with numbers for sale (4): Canada (+1), Germany (+49), United Kingdom (+44), United States (+1)\n",
				tc.kinds,
				"Cities of United States with numbers for sale: 10, the first 5:\n  Austin, Texas\n",
				"DID groups in New York:\n  " + tc.city + ", features voice_in, t38\n",
				"    available, 949 in stock; numbers can be picked one by one\n",
				"    price: setup 0.0, monthly 0.8, 0 channels included\n",
				"    price: setup 0.5, monthly 0.99, 2 channels included\n",
				"    cheapest first month: 0.8\n",
			} {
				if !strings.Contains(got, want) {
					t.Errorf("output lacks %q\noutput:\n%s", want, got)
				}
			}
			for _, r := range srv.RequestLog() {
				if r.Method != "GET" && r.Path != "/token" {
					t.Errorf("browsing sent %s %s", r.Method, r.Path)
				}
				if r.Status != 200 && r.Status != 201 {
					t.Errorf("%s %s answered %d", r.Method, r.Path, r.Status)
				}
			}
			if n := len(srv.Orders(srv.APIKey)) + len(srv.Reservations(srv.APIKey)); n != 0 {
				t.Errorf("browsing left %d orders or reservations", n)
			}
		})
	}
}

// Meta the answer left out is printed as unknown, not as "not available"
// or "0 in stock".
func TestAvailabilityUnknown(t *testing.T) {
	t.Parallel()
	yes, no, zero := true, false, 0
	for _, tc := range []struct {
		g    didww.DIDGroup
		want string
	}{
		{didww.DIDGroup{}, "availability unknown; registration unknown"},
		{didww.DIDGroup{IsAvailable: &yes, NeedsRegistration: &no}, "available, stock unknown"},
		{didww.DIDGroup{IsAvailable: &yes, TotalCount: &zero, NeedsRegistration: &yes, AvailableDIDsEnabled: true},
			"available, 0 in stock; numbers can be picked one by one; needs registration"},
		{didww.DIDGroup{IsAvailable: &no, NeedsRegistration: &no}, "not available now"},
	} {
		if got := availability(&tc.g); got != tc.want {
			t.Errorf("availability(%+v) = %q, want %q", tc.g, got, tc.want)
		}
	}
}
