// Command callback_receiver receives DIDWW's order callback: it serves a
// didww.CallbackHandler, places an order whose callback_url points at it,
// and prints the signed request when it arrives.
//
//	go run ./examples/callback_receiver
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest, which calls the receiver on 127.0.0.1.
//
// DIDWW itself can only call a public URL. To use your account
// (DIDWW_API_KEY, DIDWW_ENVIRONMENT=sandbox or production), forward a public
// HTTPS URL to a local address (a tunnel or a reverse proxy) and set:
//
//	DIDWW_CALLBACK_URL     the public URL, such as https://example.com/didww/callback
//	DIDWW_CALLBACK_SECRET  the callback secret of your account
//	DIDWW_CALLBACK_LISTEN  the local address the URL forwards to (default 127.0.0.1:8080)
//
// Without the first two it explains what it needs and exits. The order costs
// money in production, where DIDWW_CONFIRM_PURCHASE=yes is wanted too.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/example"
)

const (
	countryISO   = "US"
	callbackPath = "/didww/callback"
)

// config says where the receiver listens and how DIDWW reaches it.
type config struct {
	// secret is the callback secret the callbacks are signed with.
	secret string
	// listen is the local address to serve on, such as 127.0.0.1:0.
	listen string
	// publicURL is the callback_url DIDWW calls; empty means the local
	// address itself (http://<listen>/didww/callback).
	publicURL string
	// needsPublicURL says DIDWW cannot reach listen itself: the real API.
	needsPublicURL bool
	// waitAtMost bounds the wait for the callback.
	waitAtMost time.Duration
}

// main uses your DIDWW account when DIDWW_API_KEY is set (DIDWW_ENVIRONMENT
// picks sandbox, the default, or production), and the in-memory API of
// package didwwtest otherwise, which calls the receiver on a local port.
func main() {
	key := os.Getenv("DIDWW_API_KEY")
	version, err := example.APIVersion() // DIDWW_API_VERSION: 2026-04-16 (the default) or 2026-11-19
	var client *didww.Client
	var cfg config
	switch {
	case err != nil: // example.Main reports it
	case key != "":
		var env didww.Environment
		if env, err = example.Environment(); err == nil {
			client, err = didww.NewClient(key, didww.WithEnvironment(env), didww.WithAPIVersion(version))
		}
		cfg = configFromEnv()
	default:
		srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(version)))
		defer srv.Close()
		client = srv.Client()
		cfg = config{secret: srv.CallbackSecret, listen: "127.0.0.1:0", waitAtMost: 10 * time.Second}
	}
	example.Main(example.Program{Name: "callback_receiver", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return start(ctx, client, out, cfg)
	})
}

// configFromEnv is the receiver's configuration for the real API, which
// can only call a public URL.
func configFromEnv() config {
	cfg := config{
		secret:         os.Getenv("DIDWW_CALLBACK_SECRET"),
		listen:         os.Getenv("DIDWW_CALLBACK_LISTEN"),
		publicURL:      os.Getenv("DIDWW_CALLBACK_URL"),
		needsPublicURL: true,
		waitAtMost:     5 * time.Minute,
	}
	if cfg.listen == "" {
		cfg.listen = "127.0.0.1:8080"
	}
	return cfg
}

// start explains what the real API needs when it is missing, and otherwise
// runs the receiver; against production it buys only with
// DIDWW_CONFIRM_PURCHASE=yes.
func start(ctx context.Context, client *didww.Client, out io.Writer, cfg config) error {
	if cfg.needsPublicURL && (cfg.publicURL == "" || cfg.secret == "") {
		fmt.Fprintln(out, "DIDWW calls a callback_url on the internet, so this example needs one to receive it:")
		fmt.Fprintln(out, "  DIDWW_CALLBACK_URL     a public URL forwarded to this machine, such as https://example.com/didww/callback")
		fmt.Fprintln(out, "  DIDWW_CALLBACK_SECRET  the callback secret of your DIDWW account")
		fmt.Fprintln(out, "  DIDWW_CALLBACK_LISTEN  the local address it forwards to (default 127.0.0.1:8080)")
		fmt.Fprintln(out, "Nothing was ordered. Unset DIDWW_API_KEY to see the whole flow against the in-memory API.")
		return nil
	}
	// Checked here rather than by example.Main, so that the explanation
	// above needs no confirmation.
	if err := example.ConfirmPurchase(client, "a number"); err != nil {
		return err
	}
	return run(ctx, client, out, cfg)
}

// delivery is one request the receiver answered.
type delivery struct {
	method, signature string
	status            int
	cb                *didww.Callback
}

type deliveryKey struct{}

func run(ctx context.Context, client *didww.Client, out io.Writer, cfg config) error {
	l, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return fmt.Errorf("listen for callbacks: %w", err)
	}
	callbackURL := cfg.publicURL
	if callbackURL == "" {
		callbackURL = "http://" + l.Addr().String() + callbackPath
	}

	deliveries := make(chan delivery, 8)
	hs := &http.Server{Handler: receiver(cfg, deliveries), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(l) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		_ = hs.Shutdown(sctx)
		cancel()
	}()
	fmt.Fprintf(out, "Receiver   listening on %s, callback_url %s\n", l.Addr(), callbackURL)

	sku, err := cheapestSKU(ctx, client)
	if err != nil {
		return err
	}
	order, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items:               []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: sku.ID, Qty: 1}},
		AllowBackOrdering:   didww.Bool(false),
		CallbackURL:         callbackURL,
		CallbackMethod:      didww.CallbackPOST,
		ExternalReferenceID: fmt.Sprintf("callback-example-%d", time.Now().UnixNano()),
	})
	if err != nil {
		return fmt.Errorf("place order: %w", err)
	}
	fmt.Fprintf(out, "Ordered    %s: %s, amount %s; %s\n", order.Reference, order.Status, order.Amount, callbackNote(order.Status))

	timeout := time.NewTimer(cfg.waitAtMost)
	defer timeout.Stop()
	for {
		select {
		case d := <-deliveries:
			if d.cb == nil {
				// Someone else's request, or a bad signature: the handler refused it.
				fmt.Fprintf(out, "Refused    a %s request: answered %d\n", d.method, d.status)
				continue
			}
			fmt.Fprintf(out, "Callback   %s %s, %s %s verified, answered %d\n",
				d.method, callbackPath, didww.SignatureHeader, shorten(d.signature), d.status)
			fmt.Fprintf(out, "           %s %s is %s\n", d.cb.Type, d.cb.ID, d.cb.Status)
			if d.cb.ID != order.ID {
				continue // a callback about another order
			}
			return nil
		case <-timeout.C:
			return fmt.Errorf("no callback for order %s within %s", order.Reference, cfg.waitAtMost)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// callbackNote says when DIDWW calls back for an order of status s.
func callbackNote(s didww.OrderStatus) string {
	if s == didww.OrderStatusPending {
		return "the callback comes when it completes"
	}
	return "the callback for that status is on its way"
}

// receiver serves callbackPath, reporting every request it answered to
// deliveries.
func receiver(cfg config, deliveries chan<- delivery) http.Handler {
	// The handler checks X-DIDWW-Signature before calling fn; behind a
	// tunnel the URL DIDWW signed is the public one, not the local one.
	fn := func(ctx context.Context, cb didww.Callback) error {
		if d, ok := ctx.Value(deliveryKey{}).(*delivery); ok {
			d.cb = &cb
		}
		return nil
	}
	verify := didww.CallbackHandler(cfg.secret, fn)
	if cfg.publicURL != "" {
		verify = didww.CallbackHandlerForURL(cfg.publicURL, cfg.secret, fn)
	}
	mux := http.NewServeMux()
	mux.HandleFunc(callbackPath, func(w http.ResponseWriter, r *http.Request) {
		d := &delivery{method: r.Method, signature: r.Header.Get(didww.SignatureHeader)}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		verify.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), deliveryKey{}, d)))
		d.status = sw.status
		select {
		case deliveries <- *d:
		default:
		}
	})
	return mux
}

// statusWriter remembers the status the handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// shorten keeps the start of a signature: enough to recognise it.
func shorten(sig string) string {
	if len(sig) > 12 {
		return sig[:12] + "…"
	}
	return sig
}

// cheapestSKU finds the cheapest price option of an available US DID group.
func cheapestSKU(ctx context.Context, client *didww.Client) (*didww.StockKeepingUnit, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{ISO: countryISO})
	if err != nil {
		return nil, fmt.Errorf("find country %s: %w", countryISO, err)
	}
	if len(countries.Items) == 0 {
		return nil, fmt.Errorf("no country with ISO code %s", countryISO)
	}
	groups, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID:         countries.Items[0].ID,
		IsAvailable:       didww.Bool(true),
		NeedsRegistration: didww.Bool(false),
		Include:           []string{"stock_keeping_units"},
	})
	if err != nil {
		return nil, fmt.Errorf("list DID groups: %w", err)
	}
	var best *didww.StockKeepingUnit
	for _, g := range groups.Items {
		s := g.CheapestSKU(0)
		if s != nil && (best == nil || s.SetupPrice.Add(s.MonthlyPrice).Cmp(best.SetupPrice.Add(best.MonthlyPrice)) < 0) {
			best = s
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no DID group in %s has a price option", countryISO)
	}
	return best, nil
}
