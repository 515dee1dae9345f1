package e2e_test

// Every write the library makes, through a loopback proxy in front of
// didwwtest that breaks the exchange after (or before) the server applies
// it. Whatever the proxy does, the server never holds a duplicate order or
// reservation, and no call returns a plain error while the thing it made
// exists: it succeeds, or says the outcome is unknown (ErrOutcomeUnknown).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// proxyFault is what the proxy does to one request.
type proxyFault int

const (
	// proxyDropAfterApply forwards the request, then hangs up without an answer.
	proxyDropAfterApply proxyFault = iota + 1
	// proxyRewrite forwards the request and answers its 2xx status (200 for
	// a 204) with another body.
	proxyRewrite
	// proxyDelayApply holds the request until the client gives up (its
	// timeout) and the plan's gate opens, then forwards it; the answer goes
	// nowhere.
	proxyDelayApply
	// proxyReset resets the connection without forwarding the request.
	proxyReset
)

// proxyPlan breaks the next request of method whose path below /v3 starts with path.
type proxyPlan struct {
	fault        proxyFault
	method, path string
	body         string        // proxyRewrite
	gate         chan struct{} // proxyDelayApply: opened by open
	applied      chan struct{} // proxyDelayApply: closed once the server applied it
	once         sync.Once
}

func (p *proxyPlan) open() { p.once.Do(func() { close(p.gate) }) }

// writeProxy forwards to a didwwtest server, breaking the requests it is armed for.
type writeProxy struct {
	srv    *didwwtest.Server
	target string // scheme and host of srv
	ts     *httptest.Server
	hc     *http.Client
	late   sync.WaitGroup // delayed requests not yet applied

	// beforeAnswer, when set, runs after a request was forwarded and
	// before its answer goes back.
	beforeAnswer func(r *http.Request)

	mu    sync.Mutex
	plans []*proxyPlan
	gates []*proxyPlan
}

func newWriteProxy(t *testing.T, srv *didwwtest.Server) *writeProxy {
	t.Helper()
	p := &writeProxy{srv: srv, target: strings.TrimSuffix(srv.URL, "/v3"), hc: &http.Client{}}
	p.ts = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(func() {
		p.applyLate()
		p.ts.Close()
	})
	return p
}

// client is a client of apiKey's account that goes through the proxy.
func (p *writeProxy) client(apiKey string, opts ...didww.Option) *didww.Client {
	return p.srv.ClientFor(apiKey, append([]didww.Option{didww.WithBaseURL(p.ts.URL + "/v3")}, opts...)...)
}

func (p *writeProxy) arm(plan *proxyPlan) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if plan.fault == proxyDelayApply {
		plan.gate, plan.applied = make(chan struct{}), make(chan struct{})
		p.gates = append(p.gates, plan)
	}
	p.plans = append(p.plans, plan)
}

// applyLate opens every gate and waits until the delayed requests reached the server.
func (p *writeProxy) applyLate() {
	p.mu.Lock()
	gates := p.gates
	p.mu.Unlock()
	for _, g := range gates {
		g.open()
	}
	p.late.Wait()
}

func (p *writeProxy) take(r *http.Request) *proxyPlan {
	p.mu.Lock()
	defer p.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, "/v3")
	for i, plan := range p.plans {
		if plan.method == r.Method && strings.HasPrefix(path, plan.path) {
			p.plans = append(p.plans[:i:i], p.plans[i+1:]...)
			return plan
		}
	}
	return nil
}

// forward sends the request on to the server and returns its answer.
func (p *writeProxy) forward(method, uri string, header http.Header, body []byte) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(context.Background(), method, p.target+uri, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header = header
	resp, err := p.hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

func (p *writeProxy) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	plan := p.take(r)
	method, uri, header := r.Method, r.URL.RequestURI(), r.Header.Clone()
	if plan != nil && plan.fault == proxyReset {
		proxyHangUp(w, true)
		return
	}
	if plan != nil && plan.fault == proxyDelayApply {
		gaveUp := r.Context().Done()
		p.late.Add(1) // before the client can return and call applyLate
		go func() {
			defer p.late.Done()
			<-gaveUp
			<-plan.gate
			_, _, _ = p.forward(method, uri, header, body)
			close(plan.applied)
		}()
		<-gaveUp
		return
	}
	resp, data, err := p.forward(method, uri, header, body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if p.beforeAnswer != nil {
		p.beforeAnswer(r)
	}
	for k, vs := range resp.Header {
		if k != "Content-Length" {
			w.Header()[k] = vs
		}
	}
	status := resp.StatusCode
	switch {
	case plan != nil && plan.fault == proxyDropAfterApply:
		proxyHangUp(w, false)
		return
	case plan != nil && plan.fault == proxyRewrite && status/100 == 2:
		data = []byte(plan.body)
		if status == http.StatusNoContent {
			status = http.StatusOK
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// proxyHangUp closes the client's connection without an answer; with reset,
// as a TCP reset.
func proxyHangUp(w http.ResponseWriter, reset bool) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// writeFaults are the ways the proxy breaks a write. want is the answer a
// creation gets: "ok" when the client can settle it, "unknown" when it
// cannot (the server has not applied it yet, or never got it).
var writeFaults = []struct {
	name  string
	fault proxyFault
	body  string // of proxyRewrite
	want  string
}{
	{"apply then drop", proxyDropAfterApply, "", "ok"},
	{"apply then null data", proxyRewrite, `{"data":null}`, "ok"},
	{"apply then empty array", proxyRewrite, `{"data":[]}`, "ok"},
	{"apply then errors document", proxyRewrite, `{"errors":[{"title":"is invalid","detail":"sku_id - is invalid","code":"100","status":"422"}]}`, "ok"},
	{"apply then garbage", proxyRewrite, `<html><title>502 Bad Gateway</title>`, "ok"},
	{"apply after the client gave up", proxyDelayApply, "", "unknown"},
	{"reset before forwarding", proxyReset, "", "unknown"},
}

// writeEnv is one write under one fault.
type writeEnv struct {
	t      *testing.T
	ctx    context.Context
	srv    *didwwtest.Server
	proxy  *writeProxy
	client *didww.Client  // through the proxy
	opts   []didww.Option // of client
	direct *didww.Client  // straight to the server, for setting up
	fault  proxyFault
	body   string
	want   string
}

// arm breaks the next method request below path.
func (e *writeEnv) arm(method, path string) {
	e.proxy.arm(&proxyPlan{fault: e.fault, body: e.body, method: method, path: path})
}

// outcome classifies a call's error: "ok", "unknown" (may exist) or "plain".
func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, didww.ErrOutcomeUnknown):
		return "unknown"
	}
	return "plain"
}

// ordersWithRef are the server's orders with the external reference.
func (e *writeEnv) ordersWithRef(apiKey, ref string) []didwwtest.OrderRecord {
	var out []didwwtest.OrderRecord
	for _, o := range e.srv.Orders(apiKey) {
		if o.ExternalReferenceID == ref {
			out = append(out, o)
		}
	}
	return out
}

// assertNoDuplicates checks the server's state: at most one order per
// external reference, at most one reservation per number.
func (e *writeEnv) assertNoDuplicates(apiKey string) {
	e.t.Helper()
	refs, numbers := map[string]int{}, map[string]int{}
	for _, o := range e.srv.Orders(apiKey) {
		refs[o.ExternalReferenceID]++
		if assert.NotEmpty(e.t, o.ExternalReferenceID, "order %s with reference %q: duplicate or unreferenced", o.ID, o.ExternalReferenceID) {
			assert.LessOrEqual(e.t, refs[o.ExternalReferenceID], 1, "order %s with reference %q: duplicate or unreferenced", o.ID, o.ExternalReferenceID)
		}
	}
	for _, r := range e.srv.Reservations(apiKey) {
		numbers[r.AvailableDIDID]++
		assert.LessOrEqual(e.t, numbers[r.AvailableDIDID], 1, "a second reservation %s of %s", r.ID, r.AvailableDIDID)
	}
}

// settleOrder is what a careful caller does after Create or a purchase
// flow said the order may exist: find it, and place it again only when it
// is not there once the late requests have arrived.
func (e *writeEnv) settleOrder(ref string, again func() error) {
	e.t.Helper()
	o, err := e.direct.Orders.FindByExternalReference(e.ctx, ref)
	if errors.Is(err, didww.ErrNotFound) {
		err = again()
	} else if err == nil && o.ExternalReferenceID != ref {
		assert.Fail(e.t, fmt.Sprintf("found %+v for %q", o, ref))
	}
	require.NoError(e.t, err, "settling %q: %v", ref, err)
	n := len(e.ordersWithRef(e.srv.APIKey, ref))
	assert.Equal(e.t, 1, n, "%d orders with reference %q after settling, want 1", n, ref)
}

func TestE2EWritesThroughAFaultyProxy(t *testing.T) {
	t.Parallel()
	writes := map[string]func(e *writeEnv){
		"order create":                     e2eWriteOrderCreate,
		"order create, late in the window": e2eWriteOrderCreateLateInWindow,
		"reservation create":               e2eWriteReservationCreate,
		"reservation delete":               e2eWriteReservationDelete,
		"order cancel":                     e2eWriteOrderCancel,
		"order patch":                      e2eWriteOrderPatch,
		"BuyAvailableDID, order":           e2eWriteBuyOrder,
		"BuyAvailableDID, reservation":     e2eWriteBuyReservation,
		"BuyAvailableDID, release":         e2eWriteBuyRelease,
		"BuySKU":                           e2eWriteBuySKU,
		"BuyByNPANXX":                      e2eWriteBuyByNPANXX,
	}
	for wname, write := range writes {
		for _, f := range writeFaults {
			if wname == "order create, late in the window" && f.fault != proxyDelayApply {
				continue
			}
			t.Run(wname+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				srv := e2eServer(t, didwwtest.WithOrderCompletionDelay(time.Hour))
				proxy := newWriteProxy(t, srv)
				var opts []didww.Option
				if f.fault == proxyDelayApply {
					opts = append(opts, didww.WithTimeout(500*time.Millisecond)) // the client gives up; the server applies later
				}
				e := &writeEnv{t: t, ctx: e2eCtx(t), srv: srv, proxy: proxy, client: proxy.client(srv.APIKey, opts...), opts: opts,
					direct: srv.Client(), fault: f.fault, body: f.body, want: f.want}
				write(e)
				proxy.applyLate()
				e.assertNoDuplicates(srv.APIKey)
			})
		}
	}
}

func e2eWriteOrderCreate(e *writeEnv) {
	const ref = "w-order"
	e.arm("POST", "/orders")
	o, err := e.client.Orders.Create(e.ctx, e2eSKUOrder(ref))
	got := outcome(err)
	require.Equal(e.t, e.want, got, "Create: %s (%v), want %s", got, err, e.want)
	e.proxy.applyLate()
	if err == nil {
		got := e.ordersWithRef(e.srv.APIKey, ref)
		require.Len(e.t, got, 1, "server orders %+v, returned %+v", got, o)
		require.Equal(e.t, o.ID, got[0].ID, "server orders %+v, returned %+v", got, o)
		return
	}
	var oe *didww.OrderOutcomeError
	if assert.ErrorAs(e.t, err, &oe, "error %v, want an OrderOutcomeError for %q after 5 lookups", err, ref) {
		assert.Equal(e.t, ref, oe.ExternalReferenceID, "error %v, want an OrderOutcomeError for %q after 5 lookups", err, ref)
		assert.Equal(e.t, 5, oe.Lookups, "error %v, want an OrderOutcomeError for %q after 5 lookups", err, ref)
	}
	e.settleOrder(ref, func() error { _, err := e.direct.Orders.Create(e.ctx, e2eSKUOrder(ref)); return err })
}

// The server applies the order while Create is still looking: a later
// lookup of the window finds it.
func e2eWriteOrderCreateLateInWindow(e *writeEnv) {
	const ref = "w-order-window"
	plan := &proxyPlan{fault: proxyDelayApply, method: "POST", path: "/orders"}
	e.proxy.arm(plan)
	// The first lookup's answer (nothing yet) goes back only once the
	// delayed POST has been applied.
	var first sync.Once
	e.proxy.beforeAnswer = func(r *http.Request) {
		if r.Method == "GET" && r.URL.Path == "/v3/orders" {
			first.Do(func() {
				plan.open()
				<-plan.applied
			})
		}
	}
	o, err := e.client.Orders.Create(e.ctx, e2eSKUOrder(ref))
	require.NoError(e.t, err, "Create: %v, want the order found by a later lookup", err)
	got := e.ordersWithRef(e.srv.APIKey, ref)
	if assert.Len(e.t, got, 1, "server orders %+v, returned %+v", got, o) {
		assert.Equal(e.t, o.ID, got[0].ID, "server orders %+v, returned %+v", got, o)
	}
	if n := e2eRequests(e.srv, "GET", "/v3/orders"); n != 2 {
		t := e.t
		assert.Fail(t, fmt.Sprintf("%d lookups, want 2: the first missed the late order", n))
	}
}

func e2eWriteReservationCreate(e *writeEnv) {
	e.arm("POST", "/did_reservations")
	req := &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, Description: "w"}
	r, err := e.client.DIDReservations.Create(e.ctx, req)
	got := outcome(err)
	require.Equal(e.t, e.want, got, "Create: %s (%v), want %s", got, err, e.want)
	e.proxy.applyLate()
	rs := e.srv.Reservations(e.srv.APIKey)
	if err == nil {
		require.Len(e.t, rs, 1, "reservations %+v, returned %+v", rs, r)
		require.Equal(e.t, r.ID, rs[0].ID, "reservations %+v, returned %+v", rs, r)
		return
	}
	var re *didww.ReservationOutcomeError
	if assert.ErrorAs(e.t, err, &re, "error %v, want a ReservationOutcomeError", err) {
		assert.Equal(e.t, didwwtest.AvailableDIDLosAngelesID, re.AvailableDIDID, "error %v, want a ReservationOutcomeError", err)
	}
	// Reserving again is safe: it renews the hold that may exist.
	again, err := e.direct.DIDReservations.Create(e.ctx, req)
	require.NoError(e.t, err)
	rs2 := e.srv.Reservations(e.srv.APIKey)
	if assert.Len(e.t, rs2, 1, "reservations before %+v, after %+v, renewed %s", rs, rs2, again.ID) {
		assert.Equal(e.t, again.ID, rs2[0].ID, "reservations before %+v, after %+v, renewed %s", rs, rs2, again.ID)
		assert.False(e.t, len(rs) == 1 && rs[0].ID != again.ID, "reservations before %+v, after %+v, renewed %s", rs, rs2, again.ID)
	}
}

func e2eWriteReservationDelete(e *writeEnv) {
	r, err := e.direct.DIDReservations.Create(e.ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID})
	require.NoError(e.t, err)
	e.arm("DELETE", "/did_reservations")
	err = e.client.DIDReservations.Delete(e.ctx, r.ID)
	assert.NoError(e.t, err, "Delete: %v, want success (retried, then found gone)", err)
	e.proxy.applyLate()
	rs := e.srv.Reservations(e.srv.APIKey)
	assert.Empty(e.t, rs, "reservations %+v, want none", rs)
}

func e2eWriteOrderCancel(e *writeEnv) {
	o, err := e.direct.Orders.Create(e.ctx, e2eSKUOrder("w-cancel"))
	require.NoError(e.t, err)
	e.arm("DELETE", "/orders")
	err = e.client.Orders.Cancel(e.ctx, o.ID)
	assert.NoError(e.t, err, "Cancel: %v, want success (retried, then found canceled)", err)
	e.proxy.applyLate()
	got := e.ordersWithRef(e.srv.APIKey, "w-cancel")
	if assert.Len(e.t, got, 1, "orders %+v, want the one canceled", got) {
		assert.Equal(e.t, "canceled", got[0].Status, "orders %+v, want the one canceled", got)
	}
}

func e2eWriteOrderPatch(e *writeEnv) {
	o, err := e.direct.Orders.Create(e.ctx, e2eSKUOrder("w-patch-old"))
	require.NoError(e.t, err)
	e.arm("PATCH", "/orders")
	got, err := e.client.Orders.SetExternalReferenceID(e.ctx, o.ID, "w-patch-new")
	require.Equal(e.t, e.want, outcome(err), "SetExternalReferenceID: %s (%v), want %s", outcome(err), err, e.want)
	if err == nil {
		assert.Equal(e.t, o.ID, got.ID, "returned %+v", got)
		assert.Equal(e.t, "w-patch-new", got.ExternalReferenceID, "returned %+v", got)
	}
	e.proxy.applyLate()
	old, changed := e.ordersWithRef(e.srv.APIKey, "w-patch-old"), e.ordersWithRef(e.srv.APIKey, "w-patch-new")
	if err == nil {
		assert.Empty(e.t, old, "success, but the server has old %+v, new %+v", old, changed)
		assert.Len(e.t, changed, 1, "success, but the server has old %+v, new %+v", old, changed)
	}
	assert.Equal(e.t, 1, len(old)+len(changed), "old %+v, new %+v: want the one order", old, changed)
}

func e2eWriteBuyOrder(e *writeEnv) {
	const ref = "w-buy"
	e.arm("POST", "/orders")
	req := &didww.BuyAvailableDIDRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesMeteredID, ExternalReferenceID: ref}
	p, err := e.client.BuyAvailableDID(e.ctx, req)
	got := outcome(err)
	require.Equal(e.t, e.want, got, "BuyAvailableDID: %s (%v), want %s", got, err, e.want)
	e.proxy.applyLate()
	if err == nil {
		got := e.ordersWithRef(e.srv.APIKey, ref)
		require.Len(e.t, got, 1, "server orders %+v, returned %+v", got, p.Order)
		require.Equal(e.t, p.Order.ID, got[0].ID, "server orders %+v, returned %+v", got, p.Order)
		return
	}
	var pe *didww.PurchaseError
	require.ErrorAs(e.t, err, &pe, "error %v, purchase %+v: want the order step, the reservation kept and returned", err, p)
	require.Equal(e.t, didww.StepOrder, pe.Step, "error %v, purchase %+v: want the order step, the reservation kept and returned", err, p)
	require.False(e.t, pe.Released, "error %v, purchase %+v: want the order step, the reservation kept and returned", err, p)
	require.NoError(e.t, pe.ReleaseErr, "error %v, purchase %+v: want the order step, the reservation kept and returned", err, p)
	require.NotNil(e.t, p, "error %v, purchase %+v: want the order step, the reservation kept and returned", err, p)
	require.NotNil(e.t, p.Reservation, "error %v, purchase %+v: want the order step, the reservation kept and returned", err, p)
	// The reservation is still held unless the late order used it.
	rs, orders := e.srv.Reservations(e.srv.APIKey), e.ordersWithRef(e.srv.APIKey, ref)
	if len(orders) == 0 {
		if assert.Len(e.t, rs, 1, "no order, reservations %+v: want %s kept", rs, p.Reservation.ID) {
			assert.Equal(e.t, p.Reservation.ID, rs[0].ID, "no order, reservations %+v: want %s kept", rs, p.Reservation.ID)
		}
	}
	e.settleOrder(ref, func() error {
		_, err := e.direct.Orders.Create(e.ctx, &didww.OrderCreateRequest{ExternalReferenceID: ref,
			Items: []didww.OrderItemRequest{didww.ReservationOrderItem{SKUID: req.SKUID, DIDReservationID: p.Reservation.ID}}})
		return err
	})
	rs = e.srv.Reservations(e.srv.APIKey)
	assert.Empty(e.t, rs, "reservations %+v left after the order", rs)
}

func e2eWriteBuyReservation(e *writeEnv) {
	const ref = "w-buy-resv"
	e.arm("POST", "/did_reservations")
	req := &didww.BuyAvailableDIDRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesMeteredID, ExternalReferenceID: ref}
	p, err := e.client.BuyAvailableDID(e.ctx, req)
	got := outcome(err)
	require.Equal(e.t, e.want, got, "BuyAvailableDID: %s (%v), want %s", got, err, e.want)
	e.proxy.applyLate()
	orders := e.ordersWithRef(e.srv.APIKey, ref)
	if err == nil {
		if assert.Len(e.t, orders, 1, "orders %+v, reservations %+v; returned %+v", orders, e.srv.Reservations(e.srv.APIKey), p.Order) {
			assert.Equal(e.t, p.Order.ID, orders[0].ID, "orders %+v, reservations %+v; returned %+v", orders, e.srv.Reservations(e.srv.APIKey), p.Order)
			assert.Empty(e.t, e.srv.Reservations(e.srv.APIKey), "orders %+v, reservations %+v; returned %+v", orders, e.srv.Reservations(e.srv.APIKey), p.Order)
		}
		return
	}
	var pe *didww.PurchaseError
	var re *didww.ReservationOutcomeError
	if assert.ErrorAs(e.t, err, &pe, "error %v, purchase %+v, orders %+v: want the reserve step, may exist, nothing ordered", err, p, orders) {
		assert.Equal(e.t, didww.StepReserve, pe.Step, "error %v, purchase %+v, orders %+v: want the reserve step, may exist, nothing ordered", err, p, orders)
		if assert.ErrorAs(e.t, err, &re, "error %v, purchase %+v, orders %+v: want the reserve step, may exist, nothing ordered", err, p, orders) {
			assert.Nil(e.t, p, "error %v, purchase %+v, orders %+v: want the reserve step, may exist, nothing ordered", err, p, orders)
			assert.Empty(e.t, orders, "error %v, purchase %+v, orders %+v: want the reserve step, may exist, nothing ordered", err, p, orders)
		}
	}
}

func e2eWriteBuyRelease(e *writeEnv) {
	poor := e.srv.NewAccount("1.00")
	e.arm("DELETE", "/did_reservations")
	p, err := e.proxy.client(poor, e.opts...).BuyAvailableDID(e.ctx, &didww.BuyAvailableDIDRequest{
		AvailableDIDID: didwwtest.AvailableDIDLosAngelesID, SKUID: didwwtest.SKULosAngelesChannelsID, ExternalReferenceID: "w-release",
	})
	var pe *didww.PurchaseError
	if assert.ErrorAs(e.t, err, &pe, "BuyAvailableDID: %v, purchase %+v: want the order refused and the reservation released", err, p) {
		assert.Equal(e.t, didww.StepOrder, pe.Step, "BuyAvailableDID: %v, purchase %+v: want the order refused and the reservation released", err, p)
		if assert.True(e.t, pe.Released, "BuyAvailableDID: %v, purchase %+v: want the order refused and the reservation released", err, p) && assert.NoError(e.t, pe.ReleaseErr, "BuyAvailableDID: %v, purchase %+v: want the order refused and the reservation released", err, p) && assert.ErrorIs(e.t, err, didww.ErrInsufficientFunds, "BuyAvailableDID: %v, purchase %+v: want the order refused and the reservation released", err, p) {
			assert.Nil(e.t, p, "BuyAvailableDID: %v, purchase %+v: want the order refused and the reservation released", err, p)
		}
	}
	e.proxy.applyLate()
	rs := e.srv.Reservations(poor)
	assert.Empty(e.t, rs, "reservations %+v, want none", rs)
	e.assertNoDuplicates(poor)
}

func e2eWriteBuySKU(e *writeEnv) {
	const ref = "w-sku"
	e.arm("POST", "/orders")
	req := &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1, ExternalReferenceID: ref}
	o, err := e.client.BuySKU(e.ctx, req)
	got := outcome(err)
	require.Equal(e.t, e.want, got, "BuySKU: %s (%v), want %s", got, err, e.want)
	e.proxy.applyLate()
	if err == nil {
		got := e.ordersWithRef(e.srv.APIKey, ref)
		if assert.Len(e.t, got, 1, "server orders %+v, returned %+v", got, o) {
			assert.Equal(e.t, o.ID, got[0].ID, "server orders %+v, returned %+v", got, o)
		}
		return
	}
	e.settleOrder(ref, func() error { _, err := e.direct.BuySKU(e.ctx, req); return err })
}

func e2eWriteBuyByNPANXX(e *writeEnv) {
	const ref = "w-npanxx"
	e.arm("POST", "/orders")
	req := &didww.BuyByNPANXXRequest{NPANXX: "212472", Qty: 1, MinChannels: 2, ExternalReferenceID: ref}
	p, err := e.client.BuyByNPANXX(e.ctx, req)
	got := outcome(err)
	require.Equal(e.t, e.want, got, "BuyByNPANXX: %s (%v), want %s", got, err, e.want)
	e.proxy.applyLate()
	if err == nil {
		got := e.ordersWithRef(e.srv.APIKey, ref)
		if assert.Len(e.t, got, 1, "server orders %+v, returned %+v", got, p.Order) {
			assert.Equal(e.t, p.Order.ID, got[0].ID, "server orders %+v, returned %+v", got, p.Order)
		}
		return
	}
	var pe *didww.PurchaseError
	if assert.ErrorAs(e.t, err, &pe, "error %v, want a PurchaseError at the order step", err) {
		assert.Equal(e.t, didww.StepOrder, pe.Step, "error %v, want a PurchaseError at the order step", err)
	}
	e.settleOrder(ref, func() error { _, err := e.direct.BuyByNPANXX(e.ctx, req); return err })
}
