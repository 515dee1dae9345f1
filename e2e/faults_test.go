package e2e_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Faults during lists and purchases: the client recovers where it may (GET is
// retried), says clearly what happened where it may not, and never places an
// order or a reservation twice.

func e2eSKUOrder(ref string) *didww.OrderCreateRequest {
	return &didww.OrderCreateRequest{
		Items:               []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
		ExternalReferenceID: ref,
	}
}

func TestE2EFaultRateLimitOnList(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultRateLimit, RetryAfter: time.Second, Method: "GET", PathPrefix: "/countries"}))
	client, ctx := srv.Client(), e2eCtx(t)

	start := time.Now()
	page, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		t.Fatalf("list after a 429: %v", err)
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("retried after %s, want the 1s Retry-After honoured", waited)
	}
	if len(page.Items) != 1 || page.Items[0].ID != didwwtest.CountryUSID {
		t.Errorf("countries = %+v", page.Items)
	}
	if got := e2eStatuses(srv, "GET", "/v3/countries"); !slices.Equal(got, []int{429, 200}) {
		t.Errorf("statuses = %v, want [429 200]", got)
	}
}

func TestE2EFaultRateLimitReported(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultRateLimit, RetryAfter: 3 * time.Second, Method: "GET"}))
	client, ctx := srv.ClientFor(srv.APIKey, didww.WithMaxRetries(0)), e2eCtx(t)

	_, err := client.DIDGroupTypes.List(ctx, nil)
	if !errors.Is(err, didww.ErrRateLimited) {
		t.Fatalf("429 without retries: %v, want ErrRateLimited", err)
	}
	if apiErr := e2eAPIError(t, err, 429); apiErr.RetryAfter != 3*time.Second {
		t.Errorf("RetryAfter = %s, want 3s", apiErr.RetryAfter)
	}
}

func TestE2EFaultRateLimitOnPurchase(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultRateLimit, Method: "POST", PathPrefix: "/orders"}))
	client, ctx := srv.Client(), e2eCtx(t)

	// A 429 means the request was not served: POST may be sent again.
	o, err := client.BuySKU(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, ExternalReferenceID: "e2e-429"})
	if err != nil {
		t.Fatalf("BuySKU after a 429: %v", err)
	}
	orders := srv.Orders(srv.APIKey)
	if len(orders) != 1 || orders[0].ID != o.ID {
		t.Errorf("server orders = %+v, want exactly the one returned", orders)
	}
	if got := e2eStatuses(srv, "POST", "/v3/orders"); !slices.Equal(got, []int{429, 201}) {
		t.Errorf("POST statuses = %v, want [429 201]", got)
	}
}

func TestE2EFault503OnList(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "GET", PathPrefix: "/did_groups", Count: 2}))
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{CityID: didwwtest.CityLosAngelesID})
	if err != nil {
		t.Fatalf("list after two 503s: %v", err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != didwwtest.DIDGroupLosAngelesID {
		t.Errorf("groups = %+v", page.Items)
	}
	if got := e2eStatuses(srv, "GET", "/v3/did_groups"); !slices.Equal(got, []int{503, 503, 200}) {
		t.Errorf("statuses = %v, want [503 503 200]", got)
	}

	// More failures than retries: reported, with the status.
	srv.InjectFault(didwwtest.Fault{Kind: didwwtest.FaultStatus, Status: 502, Method: "GET", PathPrefix: "/did_groups", Count: 10})
	limited := srv.ClientFor(srv.APIKey, didww.WithMaxRetries(2))
	_, err = limited.DIDGroups.List(ctx, nil)
	if !errors.Is(err, didww.ErrServer) || !strings.Contains(err.Error(), "502") {
		t.Errorf("persistent 502: %v, want ErrServer naming the status", err)
	}
	e2eAPIError(t, err, 502)
	if got := e2eStatuses(srv, "GET", "/v3/did_groups"); len(got) != 3+3 {
		t.Errorf("statuses = %v, want 3 more tries (1 + 2 retries)", got)
	}
}

func TestE2EFaultDroppedConnectionDuringPagination(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	var names []string
	for c, err := range client.Cities.All(ctx, &didww.CityListOptions{ListOptions: didww.ListOptions{PageSize: 4}, Sort: []string{"name"}}) {
		if err != nil {
			t.Fatalf("after %d cities: %v", len(names), err)
		}
		if len(names) == 0 {
			// Drop the connection twice on the next page (net/http
			// itself retries an idempotent request once).
			srv.InjectFault(didwwtest.Fault{Kind: didwwtest.FaultDrop, Method: "GET", PathPrefix: "/cities", Count: 2})
		}
		names = append(names, c.Name)
	}
	if len(names) != len(srv.Catalogue().Cities) || !slices.IsSorted(names) {
		t.Errorf("got %d cities (sorted %v), want all %d", len(names), slices.IsSorted(names), len(srv.Catalogue().Cities))
	}
	drops := 0
	for _, r := range srv.RequestLog() {
		if r.Fault == didwwtest.FaultDrop.String() {
			drops++
		}
	}
	if drops != 2 {
		t.Errorf("%d dropped requests, want 2", drops)
	}
}

func TestE2EFaultMalformedList(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultMalformed, Method: "GET", PathPrefix: "/nanpa_prefixes"}))
	client, ctx := srv.Client(), e2eCtx(t)

	_, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{NPA: "212"})
	var de *didww.DecodeError
	if !errors.Is(err, didww.ErrDecode) || !errors.As(err, &de) || de.Path == "" || de.StatusCode != 200 {
		t.Fatalf("truncated body: %v, want a DecodeError with path and status", err)
	}
	page, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{NPA: "212"})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("the next list: %v, %d prefixes, want 2", err, len(page.Items))
	}
}

func TestE2EFault503OnReservationNotRetried(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "POST", PathPrefix: "/did_reservations"}))
	client, ctx := srv.Client(), e2eCtx(t)

	req := &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}
	if _, err := client.DIDReservations.Create(ctx, req); !errors.Is(err, didww.ErrServer) {
		t.Fatalf("503: %v, want ErrServer", err)
	}
	if n := e2eRequests(srv, "POST", "/v3/did_reservations"); n != 1 {
		t.Errorf("%d POSTs, want 1: a POST is not retried on 503", n)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 0 {
		t.Errorf("reservations = %+v", rs)
	}
	r, err := client.DIDReservations.Create(ctx, req)
	if err != nil {
		t.Fatalf("the caller's retry: %v", err)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 1 || rs[0].ID != r.ID {
		t.Errorf("reservations = %+v", rs)
	}
}

func TestE2EFaultDropAfterApplyOnReservation(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultDropAfterApply, Method: "POST", PathPrefix: "/did_reservations"}))
	client, ctx := srv.Client(), e2eCtx(t)

	// The answer is lost; Create finds the hold the POST made.
	req := &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: "lost answer"}
	r, err := client.DIDReservations.Create(ctx, req)
	if err != nil {
		t.Fatalf("answer lost: %v, want the reservation found", err)
	}
	if n := e2eRequests(srv, "POST", "/v3/did_reservations"); n != 1 {
		t.Errorf("%d POSTs, want 1", n)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 1 || rs[0].ID != r.ID || r.AvailableDID == nil || r.AvailableDID.ID != didwwtest.AvailableDIDLosAngelesID {
		t.Errorf("reservations = %+v, returned %+v: want exactly the one returned", rs, r)
	}
	// Posting again is the documented renewal: still one reservation.
	again, err := client.DIDReservations.Create(ctx, req)
	if err != nil {
		t.Fatalf("post again: %v", err)
	}
	if rs := srv.Reservations(srv.APIKey); len(rs) != 1 || rs[0].ID != again.ID || again.ID != r.ID {
		t.Errorf("reservations = %+v, want exactly %s", rs, r.ID)
	}
}

func TestE2EFaultOrderAnswerLost(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		kind didwwtest.FaultKind
	}{
		{"dropped after apply", didwwtest.FaultDropAfterApply},
		{"malformed answer", didwwtest.FaultMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: tc.kind, Method: "POST", PathPrefix: "/orders"}))
			client, ctx := srv.Client(), e2eCtx(t)

			// With an external reference, Create finds the order it placed.
			o, err := client.Orders.Create(ctx, e2eSKUOrder("e2e-lost-"+tc.kind.String()))
			if err != nil {
				t.Fatalf("Create: %v, want the order found by its reference", err)
			}
			orders := srv.Orders(srv.APIKey)
			if len(orders) != 1 || orders[0].ID != o.ID || o.ExternalReferenceID != "e2e-lost-"+tc.kind.String() {
				t.Fatalf("server orders = %+v, returned %+v: want exactly the one returned", orders, o)
			}
			if n := e2eRequests(srv, "POST", "/v3/orders"); n != 1 {
				t.Errorf("%d POSTs, want 1", n)
			}

			// Without one, the outcome is reported unknown, and the
			// order is not sent twice.
			srv.InjectFault(didwwtest.Fault{Kind: tc.kind, Method: "POST", PathPrefix: "/orders"})
			_, err = client.Orders.Create(ctx, e2eSKUOrder(""))
			if err == nil {
				t.Fatal("Create without a reference succeeded after losing the answer")
			}
			if tc.kind == didwwtest.FaultMalformed && !errors.Is(err, didww.ErrDecode) {
				t.Errorf("malformed answer: %v, want ErrDecode", err)
			}
			if n := len(srv.Orders(srv.APIKey)); n != 2 {
				t.Errorf("server has %d orders, want 2 (one per Create)", n)
			}
			if n := e2eRequests(srv, "POST", "/v3/orders"); n != 2 {
				t.Errorf("%d POSTs, want 2", n)
			}
		})
	}
}

func TestE2EFaultOrderNotPlaced(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault didwwtest.Fault
		is    error
	}{
		{"503", didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "POST", PathPrefix: "/orders"}, didww.ErrServer},
		{"dropped", didwwtest.Fault{Kind: didwwtest.FaultDrop, Method: "POST", PathPrefix: "/orders"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := e2eServer(t, didwwtest.WithFaults(tc.fault))
			client, ctx := srv.Client(), e2eCtx(t)

			// The lookup by reference finds nothing: the POST's error comes back.
			_, err := client.Orders.Create(ctx, e2eSKUOrder("e2e-not-placed"))
			if err == nil {
				t.Fatal("Create succeeded though no order was placed")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v, want %v", err, tc.is)
			}
			if n := len(srv.Orders(srv.APIKey)); n != 0 {
				t.Errorf("server has %d orders", n)
			}
			if n := e2eRequests(srv, "POST", "/v3/orders"); n != 1 {
				t.Errorf("%d POSTs, want 1", n)
			}
			if srv.Balance(srv.APIKey) != didwwtest.DefaultBalance {
				t.Errorf("balance = %s", srv.Balance(srv.APIKey))
			}
		})
	}
}

func TestE2EFaultBuyAvailableDID(t *testing.T) {
	t.Parallel()
	t.Run("answer lost", func(t *testing.T) {
		t.Parallel()
		srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultDropAfterApply, Method: "POST", PathPrefix: "/orders"}))
		client, ctx := srv.Client(), e2eCtx(t)
		p, err := client.BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{
			AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesMeteredID, ExternalReferenceID: "e2e-buy-lost",
		})
		if err != nil {
			t.Fatalf("BuyAvailableDID: %v", err)
		}
		orders := srv.Orders(srv.APIKey)
		if len(orders) != 1 || orders[0].ID != p.Order.ID || !slices.Equal(orders[0].AvailableDIDIDs, []string{didwwtest.AvailableDIDLosAngelesID}) {
			t.Errorf("server orders = %+v, returned %+v", orders, p.Order)
		}
		if rs := srv.Reservations(srv.APIKey); len(rs) != 0 {
			t.Errorf("reservations left = %+v", rs)
		}
	})
	t.Run("order answered 503", func(t *testing.T) {
		t.Parallel()
		// A 503 may come from a proxy after the API placed the order: the
		// reservation is kept for the order that may be using it.
		srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "POST", PathPrefix: "/orders"}))
		client, ctx := srv.Client(), e2eCtx(t)
		p, err := client.BuyAvailableDID(ctx, &didww.BuyAvailableDIDRequest{
			AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesMeteredID, ExternalReferenceID: "e2e-buy-503",
		})
		var pe *didww.PurchaseError
		if !errors.As(err, &pe) || pe.Step != didww.StepOrder || pe.Released || pe.ReleaseErr != nil ||
			!errors.Is(err, didww.ErrServer) || !errors.Is(err, didww.ErrOutcomeUnknown) {
			t.Fatalf("BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		}
		rs := srv.Reservations(srv.APIKey)
		if n := len(srv.Orders(srv.APIKey)); n != 0 || len(rs) != 1 || p == nil || p.Reservation.ID != rs[0].ID {
			t.Errorf("%d orders, reservations %+v, purchase %+v; want the kept reservation only", n, rs, p)
		}
	})
}
