package main

import (
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/internal/exampletest"
	"github.com/stretchr/testify/assert"
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
				assert.Contains(t, got, want, "output lacks %q\noutput:\n%s", want, got)
			}
			for _, r := range srv.RequestLog() {
				if r.Method != "GET" {
					assert.Equal(t, "/token", r.Path, "browsing sent %s %s", r.Method, r.Path)
				}
				if r.Status != 200 {
					assert.Equal(t, 201, r.Status, "%s %s answered %d", r.Method, r.Path, r.Status)
				}
			}
			n := len(srv.Orders(srv.APIKey)) + len(srv.Reservations(srv.APIKey))
			assert.Equal(t, 0, n, "browsing left %d orders or reservations", n)
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
		got := availability(&tc.g)
		assert.Equal(t, tc.want, got, "availability(%+v) = %q, want %q", tc.g, got, tc.want)
	}
}
