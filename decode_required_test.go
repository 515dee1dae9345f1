package didww

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/contract"
	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreGetOrder answers GET /orders/o1 with body and returns what Get gave.
func coreGetOrder(t *testing.T, body string) (*Order, error) {
	t.Helper()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/orders/o1", jsonAPI(200, []byte(body)))
	return c.Orders.Get(t.Context(), "o1", nil)
}

const coreOrderAttrs = `"reference":"KTH-1","description":"DID","amount":"3.60","status":"completed","created_at":"2026-04-16T10:00:00Z"`

func coreAssertDecodeError(t *testing.T, err error, method, path string, want ...string) {
	t.Helper()
	require.ErrorIs(t, err, ErrDecode)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, method, de.Method)
	assert.Equal(t, path, de.Path)
	for _, w := range want {
		assert.Contains(t, err.Error(), w)
	}
	assert.NotContains(t, err.Error(), "\n")
	assert.Less(t, len(err.Error()), 600, "one short line")
}

func TestOrderWithoutRequiredAttributes(t *testing.T) {
	t.Parallel()
	// The answer that decoded as a finished order with an empty status.
	o, err := coreGetOrder(t, `{"data":{"type":"orders","id":"o1","attributes":{}}}`)
	assert.Nil(t, o)
	coreAssertDecodeError(t, err, "GET", "/orders/o1", `orders o1: required attribute "reference" is absent or null`, `body starts "{`)

	for _, name := range []string{"status", "amount", "created_at", "items", "reference", "description"} {
		attrs := strings.Replace(coreOrderAttrs+`,"items":[]`, `"`+name+`":`, `"other_`+name+`":`, 1)
		o, err := coreGetOrder(t, `{"data":{"type":"orders","id":"o1","attributes":{`+attrs+`}}}`)
		assert.Nil(t, o, name)
		coreAssertDecodeError(t, err, "GET", "/orders/o1", `orders o1: required attribute "`+name+`" is absent or null`)
	}

	o, err = coreGetOrder(t, `{"data":{"type":"orders","id":"o1","attributes":{`+coreOrderAttrs+`,"items":[]}}}`)
	require.NoError(t, err)
	assert.Equal(t, OrderStatusCompleted, o.Status)
	assert.Equal(t, Decimal("3.60"), o.Amount)
	assert.Equal(t, []OrderItem{}, o.Items)
}

func TestOrderNullAmounts(t *testing.T) {
	t.Parallel()
	o, err := coreGetOrder(t, `{"data":{"type":"orders","id":"o1","attributes":{`+strings.Replace(coreOrderAttrs, `"3.60"`, `null`, 1)+`,"items":[]}}}`)
	assert.Nil(t, o)
	coreAssertDecodeError(t, err, "GET", "/orders/o1", `orders o1: required attribute "amount" is absent or null`)

	item := func(typ, attrs string) string {
		return `{"data":{"type":"orders","id":"o1","attributes":{` + coreOrderAttrs + `,"items":[{"type":"` + typ + `","attributes":{` + attrs + `}}]}}}`
	}
	cases := []struct{ typ, attrs, want string }{
		{OrderItemDID, `"qty":1,"nrc":null,"mrc":"1.0"`, `order item "did_order_items": null where an amount is required`},
		{OrderItemCapacity, `"qty":1,"nrc":"1.0","mrc":null`, `order item "capacity_order_items": null where an amount is required`},
		{OrderItemDID, `"qty":1,"mrc":"1.0"`, `order item "did_order_items": required attribute "nrc" is absent`},
		{OrderItemGeneric, `"qty":1,"nrc":"1.0"`, `order item "generic_order_items": required attribute "mrc" is absent`},
		{OrderItemEmergency, `"qty":1,"nrc":"1.0","mrc":"1` + strings.Repeat("0", MaxDecimalDigits) + `"`, `more than 40`},
	}
	for _, tc := range cases {
		o, err := coreGetOrder(t, item(tc.typ, tc.attrs))
		assert.Nil(t, o, tc.attrs)
		coreAssertDecodeError(t, err, "GET", "/orders/o1", `orders o1:`, tc.want)
	}

	// An item type this version does not know keeps whatever it carries.
	o, err = coreGetOrder(t, item("sms_bundle_order_items", `"qty":1,"bundle":"b"`))
	require.NoError(t, err)
	require.Len(t, o.Items, 1)
	assert.Equal(t, "sms_bundle_order_items", o.Items[0].Type)
	assert.Equal(t, Decimal(""), o.Items[0].NRC)
	assert.JSONEq(t, `{"qty":1,"bundle":"b"}`, string(o.Items[0].Attributes))
}

func TestSKUPricesNullOrHuge(t *testing.T) {
	t.Parallel()
	group := func(sku string) string {
		return `{"data":[{"type":"did_groups","id":"g1","attributes":{"prefix":"44","area_name":"London","features":[],"is_metered":false,"allow_additional_channels":true},
			"relationships":{"stock_keeping_units":{"data":[{"type":"stock_keeping_units","id":"s1"}]}}}],
			"included":[{"type":"stock_keeping_units","id":"s1","attributes":{` + sku + `}}],"meta":{"total_records":1}}`
	}
	list := func(body string) (*Page[DIDGroup], error) {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testBaseURL+"/did_groups", jsonAPI(200, []byte(body)))
		return c.DIDGroups.List(t.Context(), &DIDGroupListOptions{Include: []string{"stock_keeping_units"}})
	}
	huge := strings.Repeat("9", 1<<20)
	cases := []struct{ sku, want string }{
		{`"setup_price":null,"monthly_price":"1.0","channels_included_count":2`, `stock_keeping_units s1: required attribute "setup_price" is absent or null`},
		{`"monthly_price":"1.0","channels_included_count":2`, `stock_keeping_units s1: required attribute "setup_price" is absent or null`},
		{`"setup_price":"0.0","monthly_price":null,"channels_included_count":2`, `required attribute "monthly_price" is absent or null`},
		{`"setup_price":"0.0","monthly_price":"` + huge + `","channels_included_count":2`, `has 1048576 digits, more than 40`},
		{`"setup_price":0.` + huge + `,"monthly_price":"1.0","channels_included_count":2`, `more than 40`},
	}
	for _, tc := range cases {
		page, err := list(group(tc.sku))
		assert.Nil(t, page)
		coreAssertDecodeError(t, err, "GET", "/did_groups", `did_groups g1: relationship "stock_keeping_units"[0]: `, tc.want)
	}
	page, err := list(group(`"setup_price":"0.50","monthly_price":"1.0","channels_included_count":2`))
	require.NoError(t, err)
	sku := page.Items[0].CheapestSKU(0)
	require.NotNil(t, sku)
	assert.Equal(t, StockKeepingUnit{ID: "s1", SetupPrice: "0.50", MonthlyPrice: "1.0", ChannelsIncludedCount: 2}, *sku)
}

func TestSparseFieldsetsSkipRequired(t *testing.T) {
	t.Parallel()
	body := `{"data":[{"type":"orders","id":"o1","attributes":{"status":"completed"}}],"meta":{"total_records":1}}`
	for _, opts := range []*OrderListOptions{
		{ListOptions: ListOptions{Fields: map[string][]string{"orders": {"status"}}}},
		{Extra: url.Values{"fields[orders]": {"status"}}},
	} {
		c, mt := newTestClient(t)
		rec := &recorder{}
		mt.RegisterResponder("GET", testBaseURL+"/orders", rec.wrap(jsonAPI(200, []byte(body))))
		page, err := c.Orders.List(t.Context(), opts)
		require.NoError(t, err)
		assert.Equal(t, []*Order{{ID: "o1", Status: OrderStatusCompleted}}, page.Items)
		assert.Equal(t, []string{"status"}, rec.only(t).Query["fields[orders]"])
	}
	// A required attribute the request asked for is still required.
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/orders", jsonAPI(200, []byte(body)))
	page, err := c.Orders.List(t.Context(), &OrderListOptions{ListOptions: ListOptions{Fields: map[string][]string{"orders": {"status", "amount"}}}})
	assert.Nil(t, page)
	coreAssertDecodeError(t, err, "GET", "/orders", `orders o1: required attribute "amount" is absent or null`)
	// Without fields, the same answer is refused.
	c, mt = newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/orders", jsonAPI(200, []byte(body)))
	_, err = c.Orders.List(t.Context(), nil)
	coreAssertDecodeError(t, err, "GET", "/orders", `orders o1: required attribute "reference" is absent or null`)
}

// TestEveryResponseFixtureDecodes: every recorded answer under testdata, the
// older versions' seeds included, satisfies the models' required attributes.
func TestEveryResponseFixtureDecodes(t *testing.T) {
	t.Parallel()
	decoders := map[string]func(*jsonapi.Document) error{
		"countries":        coreDecodeAll[Country],
		"regions":          coreDecodeAll[Region],
		"cities":           coreDecodeAll[City],
		"did_group_types":  coreDecodeAll[DIDGroupType],
		"did_groups":       coreDecodeAll[DIDGroup],
		"nanpa_prefixes":   coreDecodeAll[NanpaPrefix],
		"available_dids":   coreDecodeAll[AvailableDID],
		"did_reservations": coreDecodeAll[DIDReservation],
		"orders":           coreDecodeAll[Order],
		"dids":             coreDecodeAll[DID],
		"did_history":      coreDecodeAll[DIDHistoryEntry],
		"balance":          coreDecodeAll[Balance],
	}
	files, err := filepath.Glob("testdata/*/*.json")
	require.NoError(t, err)
	n := 0
	for _, f := range files {
		dir := filepath.Base(filepath.Dir(f))
		if f == "testdata/core/countries.json" || f == "testdata/core/country.json" {
			dir = "countries"
		} else if f == "testdata/core/regions.json" {
			dir = "regions"
		}
		decode, ok := decoders[dir]
		if !ok || strings.Contains(filepath.Base(f), "request") {
			continue
		}
		body, err := os.ReadFile(f)
		require.NoError(t, err)
		doc, err := jsonapi.Parse(body)
		require.NoError(t, err, f)
		assert.NoError(t, decode(doc), f)
		n++
	}
	assert.Greater(t, n, 40, "fixtures checked")
}

func coreDecodeAll[T any](doc *jsonapi.Document) error {
	if doc.Single {
		_, err := jsonapi.DecodeOne[T](doc)
		if errors.Is(err, jsonapi.ErrNullData) {
			return nil
		}
		return err
	}
	_, err := jsonapi.DecodeMany[T](doc)
	return err
}

// notInContract are model types the contract does not describe yet, and why.
// An entry whose type the contract gains fails the test, so the table only shrinks.
var notInContract = map[string]string{}

// requiredNotMarked are attributes the contract lists as always sent with a
// value under the default version that the models still do not require, and why.
var requiredNotMarked = map[string]string{
	"exports.filters": "a recorded create answer (testdata/exports/create_recorded.json) leaves it out, whatever the contract says",
}

// TestRequiredAgreesWithContract: a required attribute is one the contract
// says is always present and never null (and sent on included resources
// too); one the contract says so of is required unless listed above.
func TestRequiredAgreesWithContract(t *testing.T) {
	t.Parallel()
	c, err := contract.Load("testdata/contract")
	require.NoError(t, err)
	for _, m := range coreModels {
		resType, err := jsonapi.ResourceType(m.typ)
		require.NoError(t, err)
		r := c.Resources[resType]
		if notInContract[resType] != "" {
			assert.Nil(t, r, "%s is in the contract now: remove it from notInContract", resType)
			continue
		}
		require.NotNil(t, r, resType)
		// A type the default version lacks is held to its first version.
		shape := r.Shape(c.Default)
		for _, v := range c.Versions {
			if shape == nil {
				shape = r.Shape(v)
			}
		}
		require.NotNil(t, shape, resType)
		attrs := shape.Attributes
		marked := map[string]bool{}
		for _, name := range coreRequiredTags(m.typ) {
			marked[name] = true
			fd := attrs[name]
			if assert.NotNil(t, fd, "%s.%s is required but not in the contract", resType, name) {
				assert.True(t, fd.IsRequired() && !fd.Nullable && len(fd.AbsentWhen) == 0,
					"%s.%s is required but the contract allows it absent or null", resType, name)
			}
		}
		d, err := jsonapi.Describe(m.typ)
		require.NoError(t, err)
		for _, a := range d.Attrs {
			fd := attrs[a.Names[0]]
			key := resType + "." + a.Names[0]
			if fd == nil || !fd.IsRequired() || fd.Nullable || len(fd.AbsentWhen) > 0 || marked[a.Names[0]] {
				continue
			}
			assert.NotEmpty(t, requiredNotMarked[key], "%s is always sent with a value: mark it required or say why not", key)
		}
	}
}
