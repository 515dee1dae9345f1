package didww

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/stretchr/testify/require"
)

// The fuzz targets run their seed corpus (testdata/fuzz/<name>/) as ordinary
// tests; `go test -fuzz=FuzzDecode` explores further. The property of each:
// never panic, and either an error or a fully decoded result.

// coreFuzzDecodeOne checks DecodeOne's contract on doc for one model type
// and returns the model, nil on error.
func coreFuzzDecodeOne[T any](t *testing.T, doc *jsonapi.Document) *T {
	v, err := jsonapi.DecodeOne[T](doc)
	if err != nil {
		require.Nil(t, v, "DecodeOne[%T] returned a model with an error: %v", v, err)
		require.True(t, errors.Is(err, jsonapi.ErrNullData) || errors.Is(err, jsonapi.ErrDecode), "DecodeOne error wraps neither ErrNullData nor ErrDecode: %v", err)
		return nil
	}
	require.NotNil(t, v, "DecodeOne succeeded on a document without one resource")
	require.True(t, doc.Single, "DecodeOne succeeded on a document without one resource")
	require.Len(t, doc.Data, 1, "DecodeOne succeeded on a document without one resource")
	id := reflect.ValueOf(v).Elem().FieldByName("ID").String()
	require.Equal(t, doc.Data[0].ID, id, "decoded id %q, document id %q", id, doc.Data[0].ID)
	return v
}

// coreFuzzCheckOrder: a decoded order has its amount and every amount a
// documented item needs, each valid and within MaxDecimalDigits.
func coreFuzzCheckOrder(t *testing.T, o *Order) {
	coreFuzzCheckAmount(t, "amount", o.Amount)
	for i, it := range o.Items {
		switch it.Type {
		case OrderItemDID, OrderItemCapacity, OrderItemEmergency, OrderItemGeneric:
			coreFuzzCheckAmount(t, fmt.Sprintf("items[%d].nrc", i), it.NRC)
			coreFuzzCheckAmount(t, fmt.Sprintf("items[%d].mrc", i), it.MRC)
		}
	}
}

// coreFuzzCheckGroup: every SKU the document included has valid prices, and
// CheapestSKU answers.
func coreFuzzCheckGroup(t *testing.T, doc *jsonapi.Document, g *DIDGroup) {
	included := map[string]bool{}
	for _, r := range doc.Included {
		if r.Type == "stock_keeping_units" {
			included[r.ID] = true
		}
	}
	for _, sku := range g.StockKeepingUnits {
		if included[sku.ID] {
			coreFuzzCheckAmount(t, "setup_price", sku.SetupPrice)
			coreFuzzCheckAmount(t, "monthly_price", sku.MonthlyPrice)
		}
	}
	_ = g.CheapestSKU(0)
}

func coreFuzzCheckAmount(t *testing.T, what string, d Decimal) {
	require.True(t, d.Valid(), "%s decoded as %.50q", what, d)
	require.LessOrEqual(t, decimalDigits(string(d)), MaxDecimalDigits, "%s decoded as %.50q", what, d)
}

// coreFuzzDecodePage checks the root package's list decoding on body and
// returns the page, nil on error.
func coreFuzzDecodePage[T any](t *testing.T, body []byte, doc *jsonapi.Document) *Page[T] {
	r := &request{method: "GET", path: "/fuzz"}
	page, err := decodePage[T](r, &response{status: 200, body: body})
	if err != nil {
		require.Nil(t, page, "decodePage returned a page with an error: %v", err)
		var apiErr *APIError
		require.True(t, errors.Is(err, ErrDecode) || errors.As(err, &apiErr), "list error is neither a DecodeError nor an APIError: %v", err)
		require.False(t, strings.ContainsAny(err.Error(), "\n\r"), "multi-line error: %q", err.Error())
		return nil
	}
	require.NotNil(t, doc, "decodePage succeeded where Parse failed or data was not an array")
	require.False(t, doc.Single, "decodePage succeeded where Parse failed or data was not an array")
	require.Len(t, page.Items, len(doc.Data), "%d items decoded from %d resources: an element was dropped", len(page.Items), len(doc.Data))
	for i, item := range page.Items {
		require.NotNil(t, item, "item %d is nil", i)
		id := reflect.ValueOf(item).Elem().FieldByName("ID").String()
		require.Equal(t, doc.Data[i].ID, id, "item %d: id %q, document id %q", i, id, doc.Data[i].ID)
	}
	return page
}

func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := jsonapi.Parse(body)
		if err != nil {
			require.Nil(t, doc, "Parse returned a document with an error: %v", err)
		} else {
			if doc.Null {
				require.Empty(t, doc.Data, "null data with resources")
			}
			for _, r := range append(append([]*jsonapi.Resource(nil), doc.Data...), doc.Included...) {
				require.NotNil(t, r, "resource without type or id")
				require.NotEmpty(t, r.Type, "resource without type or id")
				require.NotEmpty(t, r.ID, "resource without type or id")
			}
			coreFuzzDecodeOne[Country](t, doc)
			coreFuzzDecodeOne[Region](t, doc)
			if g := coreFuzzDecodeOne[DIDGroup](t, doc); g != nil {
				coreFuzzCheckGroup(t, doc, g)
			}
			coreFuzzDecodeOne[AvailableDID](t, doc)
			coreFuzzDecodeOne[DIDReservation](t, doc)
			if o := coreFuzzDecodeOne[Order](t, doc); o != nil {
				coreFuzzCheckOrder(t, o)
			}
		}
		coreFuzzDecodePage[Country](t, body, doc)
		coreFuzzDecodePage[City](t, body, doc)
		if p := coreFuzzDecodePage[DIDGroup](t, body, doc); p != nil {
			for _, g := range p.Items {
				coreFuzzCheckGroup(t, doc, g)
			}
		}
		coreFuzzDecodePage[NanpaPrefix](t, body, doc)
		if p := coreFuzzDecodePage[Order](t, body, doc); p != nil {
			for _, o := range p.Items {
				coreFuzzCheckOrder(t, o)
			}
		}
	})
}

func FuzzParseErrors(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		objs, ok := parseErrorBody(body)
		require.Equal(t, (len(objs) > 0), ok, "ok=%v with %d error objects", ok, len(objs))
		for _, status := range []int{200, 400, 401, 422, 429, 502} {
			e := &APIError{StatusCode: status, Method: "POST", Path: "/orders", Errors: objs, sandbox: true}
			if !ok {
				e.Body = body
			}
			msg := e.Error()
			require.True(t, strings.HasPrefix(msg, "didww: POST /orders: "), "error line %q", msg)
			for _, r := range msg {
				require.NotEqual(t, '\n', r, "error line has a control character %q: %q", r, msg)
				require.NotEqual(t, '\r', r, "error line has a control character %q: %q", r, msg)
				require.False(t, unicode.IsControl(r) && r != '\t', "error line has a control character %q: %q", r, msg)
			}
			// Each object is cut to a few hundred runes; a body to one short excerpt.
			require.LessOrEqual(t, len([]rune(msg)), 400+420*len(objs), "error line of %d runes for %d objects", len([]rune(msg)), len(objs))
			_ = errors.Is(e, ErrValidation) || errors.Is(e, ErrInsufficientFunds)
		}
	})
}

func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2026, 4, 16, 12, 0, 0, 0, time.UTC)
	policy := RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: 30 * time.Second}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if !ok {
			require.Equal(t, time.Duration(0), d, "%q: not ok but %v", v, d)
		}
		require.GreaterOrEqual(t, d, time.Duration(0), "%q: wait %v out of [0, 24h]", v, d)
		require.LessOrEqual(t, d, 24*time.Hour, "%q: wait %v out of [0, 24h]", v, d)
		w := policy.backoff(1, d)
		require.GreaterOrEqual(t, w, time.Duration(0), "%q: backoff %v out of [0, MaxDelay]", v, w)
		require.LessOrEqual(t, w, policy.MaxDelay, "%q: backoff %v out of [0, MaxDelay]", v, w)
	})
}
