package didww_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Buy a specific number: reserve it, order it with the reservation (the
// reservation is released if the order fails), and wait for completion.
func ExampleClient_BuyAvailableDID() {
	// The in-memory API stands in for DIDWW: its clock stands still, so the
	// output is stable, and its orders complete at once.
	clock := didwwtest.NewClock(time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC))
	srv := didwwtest.NewServer(didwwtest.WithClock(clock.Now), didwwtest.WithOrderCompletionDelay(0))
	defer srv.Close()
	client := srv.Client()

	p, err := client.BuyAvailableDID(context.Background(), &didww.BuyAvailableDIDRequest{
		AvailableDIDID:      didwwtest.AvailableDIDLosAngelesID, // an id from client.AvailableDIDs.List
		SKUID:               didwwtest.SKULosAngelesChannelsID,  // one of its DID group's SKUs
		Description:         "Reserved for customer",
		ExternalReferenceID: "crm-42", // lets a lost order answer be settled
		AllowBackOrdering:   didww.Bool(false),
		Wait:                true,
		WaitEvery:           10 * time.Millisecond, // a few seconds against the real API
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("reserved until:", p.Reservation.ExpiresAt.Format(time.RFC3339))
	fmt.Println("order:", p.Order.Status, p.Order.Amount)
	for _, item := range p.Order.Items {
		fmt.Println("item:", item.Type, item.Qty, "setup", item.NRC, "monthly", item.MRC)
	}
	// Output:
	// reserved until: 2026-04-16T10:10:00Z
	// order: completed 8.0
	// item: did_order_items 1 setup 4.0 monthly 4.0
}

// Receive order callbacks: the handler checks the X-DIDWW-Signature header
// with the callback secret, then hands over the order's new status.
func ExampleCallbackHandler() {
	handler := didww.CallbackHandler("callback-secret", func(ctx context.Context, cb didww.Callback) error {
		fmt.Printf("order %s is %s\n", cb.ID, cb.Status)
		return nil // an error answers 500, and DIDWW calls again later
	})
	// In a real program: http.Handle("/didww/callback", handler).
	srv := httptest.NewServer(handler)
	defer srv.Close()

	// What DIDWW sends to the order's callback_url (callback_method "post").
	callbackURL := srv.URL + "/didww/callback"
	form := url.Values{"id": {"0f2dd6a8-7539-444a-b7c1-e89b3fe7d170"}, "type": {"orders"}, "status": {"completed"}}
	for _, secret := range []string{"callback-secret", "another-secret"} {
		sig, err := didww.CallbackSignature(callbackURL, form, secret)
		if err != nil {
			log.Fatal(err)
		}
		req, err := http.NewRequest(http.MethodPost, callbackURL, strings.NewReader(form.Encode()))
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
		fmt.Println("answer:", resp.StatusCode)
	}
	// Output:
	// order 0f2dd6a8-7539-444a-b7c1-e89b3fe7d170 is completed
	// answer: 200
	// answer: 401
}

// purchaseExampleServer answers the three calls of the purchase flow the way
// the DIDWW API does, in the 2026-04-16 shapes: the reservation's number is
// links only, the order is pending on creation, with null billing dates,
// and completed on the second read.
func purchaseExampleServer() *httptest.Server {
	var reads atomic.Int32
	order := func(status string) string {
		billed := `"billed_from":null,"billed_to":null` // until the item is filled
		if status == "completed" {
			billed = `"billed_from":"2026-04-16","billed_to":"2026-05-15"`
		}
		return `{"data":{"id":"0f2dd6a8-7539-444a-b7c1-e89b3fe7d170","type":"orders","attributes":{` +
			`"amount":"8.0","status":"` + status + `","created_at":"2026-04-16T10:00:05Z","description":"DID","reference":"ZME-571778",` +
			`"callback_url":null,"callback_method":null,"external_reference_id":"crm-42","items":[{"type":"did_order_items","attributes":` +
			`{"qty":1,"nrc":"4.0","mrc":"4.0","prorated_mrc":false,` + billed + `,"setup_price":"4.0","monthly_price":"4.0",` +
			`"did_group_id":"7fa8ba67-0622-4ac3-8ade-4aadf92566c5"}}]}},"meta":{"api_version":"2026-04-16"}}`
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", didww.MediaType)
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/v3/did_reservations":
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, `{"data":{"id":"b1c2d3e4-f5a6-b7c8-d9e0-f1a2b3c4d5e6","type":"did_reservations","attributes":{`+
				`"expires_at":"2026-04-16T10:10:00Z","created_at":"2026-04-16T10:00:00Z","description":"Reserved for customer"},`+
				`"relationships":{"available_did":{"links":{`+
				`"self":"https://api.didww.com/v3/did_reservations/b1c2d3e4-f5a6-b7c8-d9e0-f1a2b3c4d5e6/relationships/available_did",`+
				`"related":"https://api.didww.com/v3/did_reservations/b1c2d3e4-f5a6-b7c8-d9e0-f1a2b3c4d5e6/available_did"}}}},`+
				`"meta":{"api_version":"2026-04-16"}}`)
		case r.Method == http.MethodPost && r.URL.Path == "/v3/orders":
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, order("pending"))
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v3/orders/"):
			status := "pending"
			if reads.Add(1) >= 2 {
				status = "completed"
			}
			_, _ = io.WriteString(w, order(status))
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"errors":[{"title":"Record not found","detail":"Record not found","code":"404","status":"404"}]}`)
		}
	}))
}

// The canned answers follow the recorded shapes: a created reservation
// names its number by links only (no linkage), and a new order is pending
// with null billing dates.
func TestPurchaseExampleServerShapes(t *testing.T) {
	t.Parallel()
	api := purchaseExampleServer()
	defer api.Close()
	post := func(path string) map[string]any {
		resp, err := http.Post(api.URL+path, didww.MediaType, strings.NewReader(`{}`))
		require.NoError(t, err)
		defer resp.Body.Close()
		var doc map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&doc))
		return doc["data"].(map[string]any)
	}
	rel := post("/v3/did_reservations")["relationships"].(map[string]any)["available_did"].(map[string]any)
	_, ok := rel["data"]
	assert.False(t, ok, "created reservation carries available_did linkage %v; the API sends links only", rel["data"])
	_, ok = rel["links"].(map[string]any)["related"]
	assert.True(t, ok, "available_did links = %v, want self and related", rel["links"])
	attrs := post("/v3/orders")["attributes"].(map[string]any)
	item := attrs["items"].([]any)[0].(map[string]any)["attributes"].(map[string]any)
	assert.Equal(t, "pending", attrs["status"], "new order: status %v, billed %v..%v; want pending with null dates", attrs["status"], item["billed_from"], item["billed_to"])
	assert.Nil(t, item["billed_from"], "new order: status %v, billed %v..%v; want pending with null dates", attrs["status"], item["billed_from"], item["billed_to"])
	assert.Nil(t, item["billed_to"], "new order: status %v, billed %v..%v; want pending with null dates", attrs["status"], item["billed_from"], item["billed_to"])
}
