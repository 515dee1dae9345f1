package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// e2eReceiver serves a CallbackHandler on 127.0.0.1 and hands over every
// verified callback.
func e2eReceiver(t *testing.T, secret string) (callbackURL string, got <-chan didww.Callback) {
	t.Helper()
	ch := make(chan didww.Callback, 16)
	ts := httptest.NewServer(didww.CallbackHandler(secret, func(_ context.Context, cb didww.Callback) error {
		ch <- cb
		return nil
	}))
	t.Cleanup(ts.Close)
	return ts.URL + "/didww/callback", ch
}

func e2eAwaitCallback(t *testing.T, ch <-chan didww.Callback) didww.Callback {
	t.Helper()
	select {
	case cb := <-ch:
		return cb
	case <-time.After(5 * time.Second):
		require.Fail(t, "no callback within 5s")
		return didww.Callback{}
	}
}

func TestE2ECallbacks(t *testing.T) {
	t.Parallel()
	for _, method := range []didww.CallbackMethod{didww.CallbackPOST, didww.CallbackGET} {
		t.Run(string(method), func(t *testing.T) {
			t.Parallel()
			const secret = "e2e-callback-secret"
			// The receiver must be torn down after the API, which waits for
			// deliveries in flight on Close: register it first.
			callbackURL, received := e2eReceiver(t, secret)
			srv := e2eServer(t, didwwtest.WithCallbackSecret(secret))
			client, ctx := srv.Client(), e2eCtx(t)

			o, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
				Items:          []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
				CallbackURL:    callbackURL,
				CallbackMethod: method,
			})
			require.NoError(t, err)
			cb := e2eAwaitCallback(t, received)
			assert.Equal(t, o.ID, cb.ID, "callback = %+v, want order %s completed", cb, o.ID)
			assert.Equal(t, "orders", cb.Type, "callback = %+v, want order %s completed", cb, o.ID)
			assert.Equal(t, didww.OrderStatusCompleted, cb.Status, "callback = %+v, want order %s completed", cb, o.ID)
			srv.Close() // waits for the delivery to be recorded
			recs := srv.Callbacks()
			wantMethod := http.MethodPost
			if method == didww.CallbackGET {
				wantMethod = http.MethodGet
			}
			if assert.Len(t, recs, 1, "server's callback records = %+v", recs) {
				assert.Equal(t, o.ID, recs[0].OrderID, "server's callback records = %+v", recs)
				assert.Equal(t, wantMethod, recs[0].Method, "server's callback records = %+v", recs)
				assert.Equal(t, http.StatusOK, recs[0].StatusCode, "server's callback records = %+v", recs)
				assert.Equal(t, 1, recs[0].Attempts, "server's callback records = %+v", recs)
			}
		})
	}
}

func TestE2ECallbackOnCancel(t *testing.T) {
	t.Parallel()
	callbackURL, received := e2eReceiver(t, didwwtest.DefaultCallbackSecret)
	srv := e2eServer(t, didwwtest.WithOrderCompletionDelay(time.Hour))
	client, ctx := srv.Client(), e2eCtx(t)

	o, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:       []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
		CallbackURL: callbackURL,
	})
	require.NoError(t, err)
	select {
	case cb := <-received:
		require.Fail(t, fmt.Sprintf("callback before anything happened: %+v", cb))
	case <-time.After(50 * time.Millisecond):
	}
	require.NoError(t, client.Orders.Cancel(ctx, o.ID))
	cb := e2eAwaitCallback(t, received)
	assert.Equal(t, o.ID, cb.ID, "callback = %+v, want order %s canceled", cb, o.ID)
	assert.Equal(t, didww.OrderStatusCanceled, cb.Status, "callback = %+v, want order %s canceled", cb, o.ID)
}

func TestE2ECallbackWrongSecretRefused(t *testing.T) {
	t.Parallel()
	callbackURL, received := e2eReceiver(t, "the receiver's secret")
	srv := e2eServer(t, didwwtest.WithCallbackSecret("another secret"))
	client, ctx := srv.Client(), e2eCtx(t)

	o, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:       []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
		CallbackURL: callbackURL,
	})
	require.NoError(t, err)
	// The callback goes out when the pending order completes.
	o, err = client.Orders.Wait(ctx, o.ID, 10*time.Millisecond)
	require.NoError(t, err, "Wait = %+v, %v; want the order completed", o, err)
	require.Equal(t, didww.OrderStatusCompleted, o.Status, "Wait = %+v, %v; want the order completed", o, err)
	srv.Close() // waits for the delivery
	recs := srv.Callbacks()
	if assert.NotEmpty(t, recs, "callback records = %+v, want the receiver's 401", recs) {
		assert.Equal(t, http.StatusUnauthorized, recs[len(recs)-1].StatusCode, "callback records = %+v, want the receiver's 401", recs)
	}
	select {
	case cb := <-received:
		assert.Fail(t, fmt.Sprintf("the handler accepted a callback signed with another secret: %+v", cb))
	default:
	}
}

// TestE2EGETCallbackURLWithQuery: a GET callback_url with a query of its own
// gets the payload after it; CallbackHandlerForURL verifies the URL DIDWW
// requested and hands over the payload without the URL's own parameters.
func TestE2EGETCallbackURLWithQuery(t *testing.T) {
	t.Parallel()
	const secret = "e2e-callback-secret"
	got := make(chan didww.Callback, 4)
	mux := http.NewServeMux()
	ts := httptest.NewServer(mux) // closed after the API, which waits for deliveries
	t.Cleanup(ts.Close)
	callbackURL := ts.URL + "/didww/callback?tenant=acme"
	mux.Handle("/didww/callback", didww.CallbackHandlerForURL(callbackURL, secret, func(_ context.Context, cb didww.Callback) error {
		got <- cb
		return nil
	}))
	srv := e2eServer(t, didwwtest.WithCallbackSecret(secret))
	client, ctx := srv.Client(), e2eCtx(t)

	o, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:          []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
		CallbackURL:    callbackURL,
		CallbackMethod: didww.CallbackGET,
	})
	require.NoError(t, err)
	cb := e2eAwaitCallback(t, got)
	want := url.Values{"id": {o.ID}, "type": {"orders"}, "status": {"completed"}}
	assert.Equal(t, o.ID, cb.ID, "callback = %+v, want %v", cb, want)
	assert.Equal(t, didww.OrderStatusCompleted, cb.Status, "callback = %+v, want %v", cb, want)
	assert.Equal(t, want, cb.Values, "callback = %+v, want %v", cb, want)
	srv.Close()
	recs := srv.Callbacks()
	wantURL := callbackURL + "&" + want.Encode()
	if assert.Len(t, recs, 1, "server's callback records = %+v, want one to %s answered 200", recs, wantURL) {
		assert.Equal(t, wantURL, recs[0].URL, "server's callback records = %+v, want one to %s answered 200", recs, wantURL)
		assert.Equal(t, http.StatusOK, recs[0].StatusCode, "server's callback records = %+v, want one to %s answered 200", recs, wantURL)
	}
}
