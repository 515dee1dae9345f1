package e2e_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// e2eAtOnce runs fn n times in parallel, released together, and waits.
func e2eAtOnce(n int, fn func(i int)) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

func TestE2EConcurrentReservationsOneWinner(t *testing.T) {
	t.Parallel()
	const accounts = 50
	srv, clock := e2eClockServer(t)
	ctx := e2eCtx(t)

	keys := make([]string, accounts)
	clients := make([]*didww.Client, accounts)
	for i := range keys {
		keys[i] = srv.NewAccount("10.00")
		clients[i] = srv.ClientFor(keys[i])
	}
	results := make([]*didww.DIDReservation, accounts)
	errs := make([]error, accounts)
	e2eAtOnce(accounts, func(i int) {
		results[i], errs[i] = clients[i].DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
			AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: fmt.Sprint("customer ", i),
		})
	})

	winner := -1
	for i, err := range errs {
		switch {
		case err == nil:
			require.Less(t, winner, 0, "accounts %d and %d both reserved the number", winner, i)
			winner = i
		case !errors.Is(err, didww.ErrValidation):
			assert.Fail(t, fmt.Sprintf("account %d: %v, want ErrValidation", i, err))
		default:
			e2eAPIError(t, err, 422)
		}
	}
	require.GreaterOrEqual(t, winner, 0, "no account reserved the number")
	held := 0
	for _, k := range keys {
		held += len(srv.Reservations(k))
	}
	assert.Equal(t, 1, held, "%d reservations on the server, want the winner's one", held)
	assert.Len(t, srv.Reservations(keys[winner]), 1, "%d reservations on the server, want the winner's one", held)

	// The winner posting again extends its hold (the seed's renewal);
	// the losers still cannot take it.
	first := results[winner]
	clock.Advance(4 * time.Minute)
	again, err := clients[winner].DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
		AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: first.Description,
	})
	require.NoError(t, err, "winner posting again")
	assert.Equal(t, first.ID, again.ID, "renewal = %s until %s, want %s until %s", again.ID, again.ExpiresAt, first.ID, first.ExpiresAt.Add(4*time.Minute))
	assert.True(t, again.ExpiresAt.Equal(first.ExpiresAt.Add(4*time.Minute)), "renewal = %s until %s, want %s until %s", again.ID, again.ExpiresAt, first.ID, first.ExpiresAt.Add(4*time.Minute))
	loser := (winner + 1) % accounts
	_, err = clients[loser].DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID})
	assert.ErrorIs(t, err, didww.ErrValidation, "a loser after the renewal: %v, want ErrValidation", err)
	rs := srv.Reservations(keys[winner])
	if assert.Len(t, rs, 1, "server reservations of the winner = %+v", rs) {
		assert.True(t, rs[0].ExpiresAt.Equal(again.ExpiresAt), "server reservations of the winner = %+v", rs)
	}
}

func TestE2EConcurrentOrdersNeverOverspend(t *testing.T) {
	t.Parallel()
	const orders, affordable = 20, 10
	// The metered Los Angeles SKU costs 0.09 (no setup); the balance pays for 10.
	srv := e2eServer(t, didwwtest.WithBalance("0.90"))
	client, ctx := srv.Client(), e2eCtx(t)

	// Sample the balance while the orders race, from before the first one.
	var negative atomic.Value
	stop, ready, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for n := 0; ; n++ {
			b := didww.Decimal(srv.Balance(srv.APIKey))
			if b.Cmp("0") < 0 {
				negative.Store(string(b))
			}
			if n == 0 {
				close(ready)
			}
			select {
			case <-stop:
				return
			default:
				time.Sleep(100 * time.Microsecond)
			}
		}
	}()

	<-ready
	errs := make([]error, orders)
	e2eAtOnce(orders, func(i int) {
		_, errs[i] = client.Orders.Create(ctx, &didww.OrderCreateRequest{
			Items:               []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
			ExternalReferenceID: fmt.Sprint("e2e-race-", i),
		})
	})
	close(stop)
	<-done

	ok := 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, didww.ErrInsufficientFunds):
			assert.Fail(t, fmt.Sprintf("order %d: %v, want success or ErrInsufficientFunds", i, err))
		}
	}
	assert.Equal(t, affordable, ok, "%d orders succeeded, want %d", ok, affordable)
	assert.Nil(t, negative.Load(), "the balance went negative")
	b := srv.Balance(srv.APIKey)
	assert.Equal(t, 0, didww.Decimal(b).Cmp("0"), "final balance = %s, want 0", b)
	n := len(srv.Orders(srv.APIKey))
	assert.Equal(t, affordable, n, "server has %d orders, want %d", n, affordable)
}

func TestE2EConcurrentOrdersOfOneNumber(t *testing.T) {
	t.Parallel()
	const buyers = 20
	srv := e2eServer(t)
	ctx := e2eCtx(t)
	keys := make([]string, buyers)
	for i := range keys {
		keys[i] = srv.NewAccount("10.00")
	}
	errs := make([]error, buyers)
	e2eAtOnce(buyers, func(i int) {
		_, errs[i] = srv.ClientFor(keys[i]).Orders.Create(ctx, &didww.OrderCreateRequest{
			Items: []didww.OrderItemRequest{didww.AvailableDIDOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}},
		})
	})
	sold := 0
	for i, err := range errs {
		if err == nil {
			sold++
		} else if !errors.Is(err, didww.ErrValidation) {
			assert.Fail(t, fmt.Sprintf("buyer %d: %v, want ErrValidation", i, err))
		}
	}
	total := 0
	for _, k := range keys {
		total += len(srv.Orders(k))
	}
	assert.Equal(t, 1, sold, "the number was sold %d times (%d orders on the server), want once", sold, total)
	assert.Equal(t, 1, total, "the number was sold %d times (%d orders on the server), want once", sold, total)
}
