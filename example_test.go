package didww_test

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The examples below run against didwwtest, the in-memory DIDWW API of this
// module, so that they need no account and no network. With a real key, build
// the client with NewClient instead of srv.Client(); nothing else changes.

// Create a client. It talks to the sandbox unless told otherwise; sandbox and
// production keys differ, so a production key needs WithEnvironment.
func ExampleNewClient() {
	sandbox, err := didww.NewClient("your-sandbox-key")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sandbox.BaseURL())

	production, err := didww.NewClient("your-production-key",
		didww.WithEnvironment(didww.Production),
		didww.WithTimeout(30*time.Second), // bounds each attempt
		didww.WithUserAgent("my-app/1.0"), // appended to didww-go/<version>
		didww.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(production) // never shows the key
	// Output:
	// https://sandbox-api.didww.com/v3
	// didww.Client{BaseURL: https://api.didww.com/v3, APIVersion: 2026-04-16}
}

// Configure retries and the client-side rate limit. GET and DELETE are tried
// again on connection errors and on 429, 502, 503 and 504; POST and PATCH only
// on 429 or when the request never reached the server.
func ExampleWithRetryPolicy() {
	client, err := didww.NewClient("your-api-key",
		didww.WithRetryPolicy(didww.RetryPolicy{
			MaxRetries: 5,                      // tries after the first
			BaseDelay:  500 * time.Millisecond, // doubled on each retry, with jitter
			MaxDelay:   10 * time.Second,       // caps every wait, Retry-After included
		}),
		didww.WithRateLimit(10), // requests per second, shared by every service; 0 turns it off
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = client

	// Or only change the number of retries; 0 turns them off.
	noRetries, err := didww.NewClient("your-api-key", didww.WithMaxRetries(0))
	if err != nil {
		log.Fatal(err)
	}
	_ = noRetries
	fmt.Println("default:", didww.DefaultRetryPolicy.MaxRetries, "retries,", didww.DefaultRateLimit, "requests per second")
	// Output:
	// default: 3 retries, 20 requests per second
}

// A list survives a server that answers 503 twice: the client waits and
// tries again. didwwtest injects the faults.
func ExampleRetryPolicy() {
	srv := didwwtest.NewServer(didwwtest.WithFaults(didwwtest.Fault{Kind: didwwtest.FaultStatus, Status: 503, Count: 2}))
	defer srv.Close()
	client := srv.Client(didww.WithRetryPolicy(didww.RetryPolicy{MaxRetries: 3, BaseDelay: 5 * time.Millisecond, MaxDelay: 50 * time.Millisecond}))

	page, err := client.Countries.List(context.Background(), &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Items[0].Name)
	for _, r := range srv.RequestLog() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// United States
	// GET /v3/countries 503
	// GET /v3/countries 503
	// GET /v3/countries 200
}

// Tell errors apart with errors.Is, and read the API's details with errors.As.
func ExampleAPIError() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	_, err := client.DIDGroups.Get(ctx, "00000000-0000-0000-0000-000000000000", nil)
	fmt.Println(errors.Is(err, didww.ErrNotFound))

	var apiErr *didww.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode)
		fmt.Println(apiErr.Error())
	}
	// Output:
	// true
	// 404
	// didww: GET /did_groups/00000000-0000-0000-0000-000000000000: 404 Not Found: The record identified by 00000000-0000-0000-0000-000000000000 could not be found.
}

// The API refuses an order the balance cannot pay, and a number another
// customer holds; the client refuses a request it knows is wrong before
// sending it.
func ExampleAPIError_sentinels() {
	srv := didwwtest.NewServer(didwwtest.WithBalance("1.00"))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	_, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesChannelsID, Qty: 1}},
	})
	fmt.Println("insufficient funds:", errors.Is(err, didww.ErrInsufficientFunds))

	other := srv.ClientFor(srv.NewAccount("10.00"))
	if _, err := other.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID}); err != nil {
		log.Fatal(err)
	}
	_, err = client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{AvailableDIDID: didwwtest.AvailableDIDLosAngelesID})
	fmt.Println("validation:", errors.Is(err, didww.ErrValidation))
	fmt.Println(err)

	_, err = client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{Qty: 1}},
	})
	var reqErr *didww.RequestError
	if errors.As(err, &reqErr) {
		fmt.Println("refused before sending:", errors.Is(err, didww.ErrInvalidRequest), reqErr.Field)
	}
	fmt.Println(err)
	// Output:
	// insufficient funds: true
	// validation: true
	// didww: POST /did_reservations: 422 Unprocessable Entity: available_did: the DID cannot be reserved
	// refused before sending: true items[0].sku_id
	// didww: invalid request: items[0].sku_id: is empty
}

// Read a paginated list page by page.
func ExampleDIDGroupsService_List() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	// All fetches a few pages ahead by default; WithPrefetch(0) makes it
	// request each page only when the loop reaches it.
	client := srv.Client(didww.WithPrefetch(0))
	ctx := context.Background()

	opts := &didww.DIDGroupListOptions{
		CountryID:   didwwtest.CountryUSID,
		Sort:        []string{"area_name"},
		ListOptions: didww.ListOptions{PageNumber: 1, PageSize: 5},
	}
	for {
		page, err := client.DIDGroups.List(ctx, opts)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d: %d groups of %d\n", opts.PageNumber, len(page.Items), page.Meta.TotalRecords)
		if !page.HasNext() {
			break
		}
		opts.PageNumber++
	}
	// Output:
	// page 1: 5 groups of 11
	// page 2: 5 groups of 11
	// page 3: 1 groups of 11
}

// Iterate over every item of every page; the iterator fetches pages as it
// goes and stops fetching at break.
func ExampleDIDGroupsService_All() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	// All fetches a few pages ahead by default; WithPrefetch(0) makes it
	// request each page only when the loop reaches it.
	client := srv.Client(didww.WithPrefetch(0))
	ctx := context.Background()

	opts := &didww.DIDGroupListOptions{
		CountryID:   didwwtest.CountryUSID,
		Sort:        []string{"area_name"},
		ListOptions: didww.ListOptions{PageSize: 2},
	}
	n := 0
	for g, err := range client.DIDGroups.All(ctx, opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.AreaName, g.Prefix)
		if n++; n == 3 {
			break
		}
	}
	fmt.Println("requests:", srv.Requests())
	// Output:
	// Austin 512
	// Buffalo 716
	// Chicago 312
	// requests: 2
}

// Money is exact: Decimal keeps the API's text and adds and compares without
// floats.
func ExampleDecimal_Add() {
	setup, err := didww.ParseDecimal("0.1")
	if err != nil {
		log.Fatal(err)
	}
	monthly := didww.Decimal("0.2")
	total := setup.Add(monthly)
	fmt.Println(total, total.Cmp("0.3") == 0)
	// Output:
	// 0.3 true
}

// Compare prices exactly.
func ExampleDecimal_Cmp() {
	budget := didww.Decimal("5.00")
	for _, price := range []didww.Decimal{"4.99", "5", "5.01"} {
		fmt.Println(price, price.Cmp(budget) <= 0)
	}
	// Output:
	// 4.99 true
	// 5 true
	// 5.01 false
}

// Show an amount with a fixed number of decimals: the API writes "0.5".
func ExampleDecimal_Fixed() {
	for _, price := range []didww.Decimal{"0.5", "12", "0.125"} {
		fmt.Printf("$%s\n", price.Fixed(2))
	}
	// Output:
	// $0.50
	// $12.00
	// $0.13
}

// Check user input before using it as money.
func ExampleParseDecimal() {
	for _, s := range []string{"12.50", "-0.5", "1e3", "12,50"} {
		_, err := didww.ParseDecimal(s)
		fmt.Printf("%q valid: %t\n", s, err == nil)
	}
	// Output:
	// "12.50" valid: true
	// "-0.5" valid: true
	// "1e3" valid: false
	// "12,50" valid: false
}

// Use didwwtest in your own tests: it is the DIDWW API in memory, with
// accounts, balances, reservations and orders.
func Example_didwwtest() {
	// In a test: srv := didwwtest.NewServer(); t.Cleanup(srv.Close)
	srv := didwwtest.NewServer(didwwtest.WithBalance("20.00"))
	defer srv.Close()
	client := srv.Client() // a *didww.Client for the server's account

	order, err := client.BuySKU(context.Background(), &didww.BuySKURequest{
		SKUID: didwwtest.SKULosAngelesChannelsID, Qty: 1, Wait: true, WaitEvery: 10 * time.Millisecond,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order.Status, order.Amount)
	fmt.Println("balance left:", srv.Balance(srv.APIKey))
	fmt.Println("orders on the server:", len(srv.Orders(srv.APIKey)))

	// A second customer with an empty balance.
	broke := srv.ClientFor(srv.NewAccount("0.00"))
	_, err = broke.BuySKU(context.Background(), &didww.BuySKURequest{SKUID: didwwtest.SKULosAngelesChannelsID, Qty: 1})
	fmt.Println(errors.Is(err, didww.ErrInsufficientFunds))
	// Output:
	// completed 8.0
	// balance left: 12.00
	// orders on the server: 1
	// true
}

// List the regions of a country.
func ExampleRegionsService_List() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	page, err := client.Regions.List(context.Background(), &didww.RegionListOptions{
		CountryID: didwwtest.CountryCAID,
		Sort:      []string{"name"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range page.Items {
		fmt.Println(r.ISO, r.Name)
	}
	// Output:
	// BC British Columbia
	// ON Ontario
	// QC Quebec
}

// Find cities with numbers for sale, with their region included.
func ExampleCitiesService_List() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	page, err := client.Cities.List(context.Background(), &didww.CityListOptions{
		CountryID:   didwwtest.CountryUSID,
		Name:        "Los Angeles",
		IsAvailable: didww.Bool(true),
		Include:     []string{"region"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range page.Items {
		fmt.Println(c.Name, c.Region.Name, c.ID)
	}
	// Output:
	// Los Angeles California f6672960-da2b-48a4-9f30-0065a8c54182
}

// List the kinds of numbers.
func ExampleDIDGroupTypesService_List() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	page, err := client.DIDGroupTypes.List(context.Background(), &didww.DIDGroupTypeListOptions{Sort: []string{"name"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range page.Items {
		fmt.Println(t.Name)
	}
	// Output:
	// Local
	// Mobile
	// National
	// Toll-free
}

// Pick the cheapest price option of a DID group.
func ExampleDIDGroup_CheapestSKU() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	g, err := client.DIDGroups.Get(context.Background(), didwwtest.DIDGroupLosAngelesID, &didww.GetOptions{
		Include: []string{"stock_keeping_units", "did_group_type"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.AreaName, g.DIDGroupType.Name, g.Features)
	for _, sku := range g.StockKeepingUnits {
		fmt.Printf("%d channels: setup %s, monthly %s\n", sku.ChannelsIncludedCount, sku.SetupPrice, sku.MonthlyPrice)
	}
	for _, channels := range []int{0, 2, 30} {
		if sku := g.CheapestSKU(channels); sku != nil { // nil: no SKU has that many channels
			fmt.Printf("cheapest with %d+ channels: %s\n", channels, sku.MonthlyPrice)
		} else {
			fmt.Printf("no SKU with %d+ channels\n", channels)
		}
	}
	// Output:
	// Los Angeles Local [voice_in]
	// 0 channels: setup 0.0, monthly 0.09
	// 2 channels: setup 4.0, monthly 4.0
	// cheapest with 0+ channels: 0.09
	// cheapest with 2+ channels: 4.0
	// no SKU with 30+ channels
}

// Look up a US area code and exchange.
func ExampleNanpaPrefixesService_List() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	page, err := client.NanpaPrefixes.List(context.Background(), &didww.NanpaPrefixListOptions{
		NPANXX:  "212555",
		Include: []string{"region"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range page.Items {
		fmt.Println(p.NPA, p.NXX, p.Region.Name)
	}
	// Output:
	// 212 555 New York
}

// Hold a specific number, renew the hold, and release it.
func ExampleDIDReservationsService_Create() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	r, err := client.DIDReservations.Create(ctx, &didww.DIDReservationCreateRequest{
		AvailableDIDID: didwwtest.AvailableDIDLosAngelesID,
		Description:    "for customer 42",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("held for:", r.ExpiresAt.Sub(r.CreatedAt))

	r, err = client.DIDReservations.Renew(ctx, r) // before it lapses
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.DIDReservations.List(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("reservations:", len(page.Items), "more allowed:", page.Meta.AvailableCount)

	if err := client.DIDReservations.Delete(ctx, r.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println("released")
	// Output:
	// held for: 10m0s
	// reservations: 1 more allowed: 9
	// released
}

// Place an order safely, wait for it, and find it again by reference.
func ExampleOrdersService_Create() {
	srv := didwwtest.NewServer(didwwtest.WithOrderCompletionDelay(50 * time.Millisecond))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	order, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{
			didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 2, BillingCyclesCount: didww.Int(12)},
		},
		AllowBackOrdering:   didww.Bool(false),
		ExternalReferenceID: "invoice-2026-0042", // unique per order: lets Create find the order when its answer is lost
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order.Status, order.Amount, order.ExternalReferenceID)

	order, err = client.Orders.Wait(ctx, order.ID, 10*time.Millisecond) // a few seconds against the real API
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order.Status)

	page, err := client.Orders.List(ctx, &didww.OrderListOptions{ExternalReferenceID: "invoice-2026-0042"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found:", len(page.Items))
	// Output:
	// pending 0.18 invoice-2026-0042
	// completed
	// found: 1
}

// Cancel an order that is still pending.
func ExampleOrdersService_Cancel() {
	srv := didwwtest.NewServer(didwwtest.WithOrderCompletionDelay(time.Hour))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	order, err := client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.SKUOrderItem{SKUID: didwwtest.SKULosAngelesMeteredID, Qty: 1}},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := client.Orders.Cancel(ctx, order.ID); err != nil {
		log.Fatal(err)
	}
	order, err = client.Orders.Get(ctx, order.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order.Status)
	// Output:
	// canceled
}

// Buy numbers of a SKU: any numbers of its DID group.
func ExampleClient_BuySKU() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	order, err := client.BuySKU(context.Background(), &didww.BuySKURequest{
		SKUID:               didwwtest.SKULosAngelesMeteredID,
		Qty:                 3,
		ExternalReferenceID: "crm-7",
		Wait:                true,
		WaitEvery:           10 * time.Millisecond, // DefaultWaitEvery when zero
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order.Reference != "", order.Status, order.Amount)
	// Output:
	// true completed 0.27
}

// Buy a US number by area code and exchange, with the cheapest SKU that
// includes two channels.
func ExampleClient_BuyByNPANXX() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	p, err := client.BuyByNPANXX(context.Background(), &didww.BuyByNPANXXRequest{
		NPANXX:      "212555",
		Qty:         1,
		MinChannels: 2,
		Wait:        true,
		WaitEvery:   10 * time.Millisecond,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.NanpaPrefix.NPA, p.NanpaPrefix.NXX, p.DIDGroup.AreaName)
	fmt.Println(p.SKU.ChannelsIncludedCount, "channels, monthly", p.SKU.MonthlyPrice)
	fmt.Println(p.Order.Status, p.Order.Amount)
	// Output:
	// 212 555 New York
	// 2 channels, monthly 0.99
	// completed 1.49
}

// Check a callback's signature in your own handler.
func ExampleVerifyCallback() {
	// The callback secret is configured in DIDWW's User Panel;
	// DIDWW signs every callback with the one enabled.
	const secret = "callback-secret"
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := didww.VerifyCallback(r, secret); err != nil {
			fmt.Println("refused:", errors.Is(err, didww.ErrInvalidSignature))
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		fmt.Println("order", r.PostForm.Get("id"), r.PostForm.Get("status"))
	}))
	defer receiver.Close()

	// What DIDWW sends, signed with the right secret and with another.
	form := url.Values{"id": {"0f2dd6a8-7539-444a-b7c1-e89b3fe7d170"}, "type": {"orders"}, "status": {"completed"}}
	for _, key := range []string{secret, "wrong"} {
		sig, err := didww.CallbackSignature(receiver.URL, form, key)
		if err != nil {
			log.Fatal(err)
		}
		req, err := http.NewRequest(http.MethodPost, receiver.URL, strings.NewReader(form.Encode()))
		if err != nil {
			log.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(didww.SignatureHeader, sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
	}
	// Output:
	// order 0f2dd6a8-7539-444a-b7c1-e89b3fe7d170 completed
	// refused: true
}

// TestREADMESnippets keeps the README honest: every Go snippet in it must be a
// run of lines of one Example function's body, so it compiles and its output
// is checked.
func TestREADMESnippets(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	names, err := filepath.Glob("*_test.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var bodies [][]string
	for _, name := range names {
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Body == nil || !strings.HasPrefix(fd.Name.Name, "Example") {
				continue
			}
			from, to := fset.Position(fd.Body.Lbrace).Offset+1, fset.Position(fd.Body.Rbrace).Offset
			bodies = append(bodies, readmeCodeLines(string(src[from:to])))
		}
	}
	programs, err := filepath.Glob("examples/*/main.go")
	require.NoError(t, err)
	for _, name := range programs { // a whole program may be quoted too
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		bodies = append(bodies, readmeCodeLines(string(src)))
	}
	blocks := strings.Split(string(readme), "```go\n")[1:]
	require.NotEmpty(t, blocks, "README.md has no Go snippets")
	for i, b := range blocks {
		end := strings.Index(b, "```")
		require.GreaterOrEqual(t, end, 0, "Go snippet %d is not closed", i+1)
		snippet := readmeCodeLines(b[:end])
		assert.True(t, slices.ContainsFunc(bodies, func(body []string) bool { return readmeContainsRun(body, snippet) }), "README Go snippet %d is not copied from an Example function or an example program:\n%s", i+1, b[:end])
	}
}

// readmeCodeLines returns the non-blank lines of src without their indentation.
func readmeCodeLines(src string) []string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readmeContainsRun reports whether run occurs in lines as consecutive lines.
func readmeContainsRun(lines, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(lines); i++ {
		if slices.Equal(lines[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
