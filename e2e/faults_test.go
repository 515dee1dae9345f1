package e2e_test

import (
	"slices"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.NoError(t, err, "list after a 429")
	waited := time.Since(start)
	assert.GreaterOrEqual(t, waited, 900*time.Millisecond, "retried after %s, want the 1s Retry-After honoured", waited)
	if assert.Len(t, page.Items, 1, "countries = %+v", page.Items) {
		assert.Equal(t, didwwtest.CountryUSID, page.Items[0].ID, "countries = %+v", page.Items)
	}
	assert.Equal(t, []int{429, 200}, e2eStatuses(srv, "GET", "/v3/countries"), "statuses")
}

func TestE2EFaultRateLimitReported(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultRateLimit, RetryAfter: 3 * time.Second, Method: "GET"}))
	client, ctx := srv.ClientFor(srv.APIKey, didww.WithMaxRetries(0)), e2eCtx(t)

	_, err := client.DIDGroupTypes.List(ctx, nil)
	require.ErrorIs(t, err, didww.ErrRateLimited, "429 without retries: %v, want ErrRateLimited", err)
	apiErr := e2eAPIError(t, err, 429)
	assert.Equal(t, 3*time.Second, apiErr.RetryAfter, "RetryAfter")
}

func TestE2EFaultRateLimitOnPurchase(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultRateLimit, Method: "POST", PathPrefix: "/orders"}))
	client, ctx := srv.Client(), e2eCtx(t)

	// A 429 means the request was not served: POST may be sent again.
	o, err := client.BuySKU(ctx, &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, ExternalReferenceID: "e2e-429"})
	require.NoError(t, err, "BuySKU after a 429")
	orders := srv.Orders(srv.APIKey)
	if assert.Len(t, orders, 1, "server orders = %+v, want exactly the one returned", orders) {
		assert.Equal(t, o.ID, orders[0].ID, "server orders = %+v, want exactly the one returned", orders)
	}
	assert.Equal(t, []int{429, 201}, e2eStatuses(srv, "POST", "/v3/orders"), "POST statuses")
}

func TestE2EFault503OnList(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "GET", PathPrefix: "/did_groups", Count: 2}))
	client, ctx := srv.Client(), e2eCtx(t)

	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{CityID: didwwtest.CityLosAngelesID})
	require.NoError(t, err, "list after two 503s")
	if assert.Len(t, page.Items, 1, "groups = %+v", page.Items) {
		assert.Equal(t, didwwtest.DIDGroupLosAngelesID, page.Items[0].ID, "groups = %+v", page.Items)
	}
	assert.Equal(t, []int{503, 503, 200}, e2eStatuses(srv, "GET", "/v3/did_groups"), "statuses")

	// More failures than retries: reported, with the status.
	srv.InjectFault(didwwtest.Fault{Kind: didwwtest.FaultStatus, Status: 502, Method: "GET", PathPrefix: "/did_groups", Count: 10})
	limited := srv.ClientFor(srv.APIKey, didww.WithMaxRetries(2))
	_, err = limited.DIDGroups.List(ctx, nil)
	if assert.ErrorIs(t, err, didww.ErrServer, "persistent 502: %v, want ErrServer naming the status", err) {
		assert.Contains(t, err.Error(), "502", "persistent 502: %v, want ErrServer naming the status", err)
	}
	e2eAPIError(t, err, 502)
	got := e2eStatuses(srv, "GET", "/v3/did_groups")
	assert.Len(t, got, 3+3, "statuses = %v, want 3 more tries (1 + 2 retries)", got)
}

func TestE2EFaultDroppedConnectionDuringPagination(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)

	var names []string
	for c, err := range client.Cities.All(ctx, &didww.CityListOptions{ListOptions: didww.ListOptions{PageSize: 4}, Sort: []string{"name"}}) {
		require.NoError(t, err, "after %d cities: %v", len(names), err)
		if len(names) == 0 {
			// Drop the connection twice on the next page (net/http
			// itself retries an idempotent request once).
			srv.InjectFault(didwwtest.Fault{Kind: didwwtest.FaultDrop, Method: "GET", PathPrefix: "/cities", Count: 2})
		}
		names = append(names, c.Name)
	}
	if assert.Len(t, names, len(srv.Catalogue().Cities), "got %d cities (sorted %v), want all %d", len(names), slices.IsSorted(names), len(srv.Catalogue().Cities)) {
		assert.True(t, slices.IsSorted(names), "got %d cities (sorted %v), want all %d", len(names), slices.IsSorted(names), len(srv.Catalogue().Cities))
	}
	drops := 0
	for _, r := range srv.RequestLog() {
		if r.Fault == didwwtest.FaultDrop.String() {
			drops++
		}
	}
	assert.Equal(t, 2, drops, "%d dropped requests, want 2", drops)
}

func TestE2EFaultMalformedList(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultMalformed, Method: "GET", PathPrefix: "/nanpa_prefixes"}))
	client, ctx := srv.Client(), e2eCtx(t)

	_, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{NPA: "212"})
	var de *didww.DecodeError
	require.ErrorIs(t, err, didww.ErrDecode, "truncated body: %v, want a DecodeError with path and status", err)
	require.ErrorAs(t, err, &de, "truncated body: %v, want a DecodeError with path and status", err)
	require.NotEmpty(t, de.Path, "truncated body: %v, want a DecodeError with path and status", err)
	require.Equal(t, 200, de.StatusCode, "truncated body: %v, want a DecodeError with path and status", err)
	page, err := client.NanpaPrefixes.List(ctx, &didww.NanpaPrefixListOptions{NPA: "212"})
	require.NoError(t, err, "the next list: %v, %d prefixes, want 2", err, len(page.Items))
	require.Len(t, page.Items, 2, "the next list: %v, %d prefixes, want 2", err, len(page.Items))
}

func TestE2EFault503OnReservationNotRetried(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Method: "POST", PathPrefix: "/did_reservations"}))
	client, ctx := srv.Client(), e2eCtx(t)

	req := &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}
	_, err := client.DIDReservations.Create(ctx, req)
	require.ErrorIs(t, err, didww.ErrServer, "503")
	n := e2eRequests(srv, "POST", "/v3/did_reservations")
	assert.Equal(t, 1, n, "%d POSTs, want 1: a POST is not retried on 503", n)
	rs := srv.Reservations(srv.APIKey)
	assert.Empty(t, rs, "reservations = %+v", rs)
	r, err := client.DIDReservations.Create(ctx, req)
	require.NoError(t, err, "the caller's retry")
	rs = srv.Reservations(srv.APIKey)
	if assert.Len(t, rs, 1, "reservations = %+v", rs) {
		assert.Equal(t, r.ID, rs[0].ID, "reservations = %+v", rs)
	}
}

func TestE2EFaultDropAfterApplyOnReservation(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t, didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultDropAfterApply, Method: "POST", PathPrefix: "/did_reservations"}))
	client, ctx := srv.Client(), e2eCtx(t)

	// The answer is lost; Create finds the hold the POST made.
	req := &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: "lost answer"}
	r, err := client.DIDReservations.Create(ctx, req)
	require.NoError(t, err, "answer lost: %v, want the reservation found", err)
	n := e2eRequests(srv, "POST", "/v3/did_reservations")
	assert.Equal(t, 1, n, "%d POSTs, want 1", n)
	rs := srv.Reservations(srv.APIKey)
	if assert.Len(t, rs, 1, "reservations = %+v, returned %+v: want exactly the one returned", rs, r) {
		assert.Equal(t, r.ID, rs[0].ID, "reservations = %+v, returned %+v: want exactly the one returned", rs, r)
		if assert.NotNil(t, r.AvailableDID, "reservations = %+v, returned %+v: want exactly the one returned", rs, r) {
			assert.Equal(t, didwwtest.AvailableDIDLosAngelesID, r.AvailableDID.ID, "reservations = %+v, returned %+v: want exactly the one returned", rs, r)
		}
	}
	// Posting again is the documented renewal: still one reservation.
	again, err := client.DIDReservations.Create(ctx, req)
	require.NoError(t, err, "post again")
	rs = srv.Reservations(srv.APIKey)
	if assert.Len(t, rs, 1, "reservations = %+v, want exactly %s", rs, r.ID) {
		assert.Equal(t, again.ID, rs[0].ID, "reservations = %+v, want exactly %s", rs, r.ID)
		assert.Equal(t, r.ID, again.ID, "reservations = %+v, want exactly %s", rs, r.ID)
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
			require.NoError(t, err, "Create: %v, want the order found by its reference", err)
			orders := srv.Orders(srv.APIKey)
			require.Len(t, orders, 1, "server orders = %+v, returned %+v: want exactly the one returned", orders, o)
			require.Equal(t, o.ID, orders[0].ID, "server orders = %+v, returned %+v: want exactly the one returned", orders, o)
			require.Equal(t, "e2e-lost-"+tc.kind.String(), o.ExternalReferenceID, "server orders = %+v, returned %+v: want exactly the one returned", orders, o)
			n := e2eRequests(srv, "POST", "/v3/orders")
			assert.Equal(t, 1, n, "%d POSTs, want 1", n)

			// Without one, the outcome is reported unknown, and the
			// order is not sent twice.
			srv.InjectFault(didwwtest.Fault{Kind: tc.kind, Method: "POST", PathPrefix: "/orders"})
			_, err = client.Orders.Create(ctx, e2eSKUOrder(""))
			require.Error(t, err, "Create without a reference succeeded after losing the answer")
			if tc.kind == didwwtest.FaultMalformed {
				assert.ErrorIs(t, err, didww.ErrDecode, "malformed answer: %v, want ErrDecode", err)
			}
			n = len(srv.Orders(srv.APIKey))
			assert.Equal(t, 2, n, "server has %d orders, want 2 (one per Create)", n)
			n = e2eRequests(srv, "POST", "/v3/orders")
			assert.Equal(t, 2, n, "%d POSTs, want 2", n)
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
			require.Error(t, err, "Create succeeded though no order was placed")
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is, "error %v, want %v", err, tc.is)
			}
			n := len(srv.Orders(srv.APIKey))
			assert.Equal(t, 0, n, "server has %d orders", n)
			n = e2eRequests(srv, "POST", "/v3/orders")
			assert.Equal(t, 1, n, "%d POSTs, want 1", n)
			assert.Equal(t, didwwtest.DefaultBalance, srv.Balance(srv.APIKey), "balance")
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
		require.NoError(t, err, "BuyAvailableDID")
		orders := srv.Orders(srv.APIKey)
		if assert.Len(t, orders, 1, "server orders = %+v, returned %+v", orders, p.Order) {
			assert.Equal(t, p.Order.ID, orders[0].ID, "server orders = %+v, returned %+v", orders, p.Order)
			assert.Equal(t, []string{didwwtest.AvailableDIDLosAngelesID}, orders[0].AvailableDIDIDs, "server orders = %+v, returned %+v", orders, p.Order)
		}
		rs := srv.Reservations(srv.APIKey)
		assert.Empty(t, rs, "reservations left = %+v", rs)
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
		require.ErrorAs(t, err, &pe, "BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		require.Equal(t, didww.StepOrder, pe.Step, "BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		require.False(t, pe.Released, "BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		require.NoError(t, pe.ReleaseErr, "BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		require.ErrorIs(t, err, didww.ErrServer, "BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		require.ErrorIs(t, err, didww.ErrOutcomeUnknown, "BuyAvailableDID: %v, want a PurchaseError at the order step, outcome unknown, reservation kept", err)
		rs := srv.Reservations(srv.APIKey)
		n := len(srv.Orders(srv.APIKey))
		assert.Equal(t, 0, n, "%d orders, reservations %+v, purchase %+v; want the kept reservation only", n, rs, p)
		if assert.Len(t, rs, 1, "%d orders, reservations %+v, purchase %+v; want the kept reservation only", n, rs, p) && assert.NotNil(t, p, "%d orders, reservations %+v, purchase %+v; want the kept reservation only", n, rs, p) {
			assert.Equal(t, rs[0].ID, p.Reservation.ID, "%d orders, reservations %+v, purchase %+v; want the kept reservation only", n, rs, p)
		}
	})
}
