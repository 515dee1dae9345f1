package didww

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/contract"
	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadPricesContract reads every file of the prices contract, strictly.
func loadPricesContract(t *testing.T, dir string) map[string]*contract.Prices {
	t.Helper()
	out, err := contract.LoadPrices(dir)
	require.NoError(t, err)
	require.Len(t, out, 4)
	for name, c := range out {
		require.NotNil(t, c.Versions[APIVersion20261119], name)
		require.NotEmpty(t, c.Versions[APIVersion20260416].Gone, "%s: the services are gone under 2026-04-16", name)
	}
	return out
}

// priceBinding is what the client has for one service shape.
type priceBinding struct {
	model  reflect.Type
	hosts  [2]string // production, sandbox
	lookup func(ctx context.Context, c *Client, domain SMSPriceDomain, filters map[string]string) error
}

var priceBindings = map[string]priceBinding{
	"inbound_call_prices": {reflect.TypeFor[InboundCallPrice](), [2]string{productionInboundPricesURL, sandboxInboundPricesURL},
		func(ctx context.Context, c *Client, _ SMSPriceDomain, f map[string]string) error {
			_, err := c.InboundCallPrices.Lookup(ctx, &InboundCallPriceQuery{Number: f["number"], SrcCountryISO: f["src_country_iso"]})
			return err
		}},
	"outbound_call_prices": {reflect.TypeFor[OutboundCallPrice](), [2]string{productionOutboundPricesURL, sandboxOutboundPricesURL},
		func(ctx context.Context, c *Client, _ SMSPriceDomain, f map[string]string) error {
			_, err := c.OutboundCallPrices.Lookup(ctx, &OutboundCallPriceQuery{Number: f["number"]})
			return err
		}},
	"sms_out_prices": {reflect.TypeFor[SMSOutPrice](), [2]string{productionSMSPricesURL, sandboxSMSPricesURL},
		func(ctx context.Context, c *Client, d SMSPriceDomain, f map[string]string) error {
			_, err := c.SMSPrices.Lookup(ctx, d, &SMSPriceQuery{DstNumber: f["dst_number"], DstCountryISO: f["dst_country_iso"]})
			return err
		}},
	"sms_in_prices": {reflect.TypeFor[SMSInPrice](), [2]string{productionSMSPricesURL, sandboxSMSPricesURL},
		func(ctx context.Context, c *Client, _ SMSPriceDomain, f map[string]string) error {
			_, err := c.SMSPrices.LookupIn(ctx, &SMSPriceQuery{DstNumber: f["dst_number"], DstCountryISO: f["dst_country_iso"]})
			return err
		}},
}

func TestPricesContractClient(t *testing.T) {
	t.Parallel()
	for name, pc := range loadPricesContract(t, "testdata/contract/prices") {
		b, ok := priceBindings[name]
		require.True(t, ok, "the client has no binding for %s", name)
		s := pc.Versions[APIVersion20261119]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, [2]string{pc.Hosts.Production, pc.Hosts.Sandbox}, b.hosts, "hosts")
			checkPriceModel(t, b.model, s.Attributes)
			checkPriceLookup(t, pc, b)
		})
	}
}

// checkPriceModel compares a model's attributes with the contract's: the
// same names, Go types that fit, required exactly when never null.
func checkPriceModel(t *testing.T, model reflect.Type, want map[string]*contract.Field) {
	d, err := jsonapi.Describe(model)
	require.NoError(t, err)
	assert.Equal(t, "prices", d.ResType)
	required := coreRequiredTags(model)
	var names []string
	for _, m := range d.Attrs {
		name := m.Names[0]
		names = append(names, name)
		fd := want[name]
		if !assert.NotNil(t, fd, "%s reads %s, which the contract does not list", model.Name(), name) {
			continue
		}
		assert.Empty(t, goTypeFits(fd, m.Field.Type, false), "%s.%s", model.Name(), m.Field.Name)
		if fd.Type == "string" && fd.Format == "decimal" && fd.Nullable {
			assert.Equal(t, reflect.Pointer, m.Field.Type.Kind(), "%s.%s: a nullable amount is a *Decimal", model.Name(), m.Field.Name)
		}
		assert.Equal(t, !fd.Nullable && fd.IsRequired(), slices.Contains(required, name), "%s.%s: required", model.Name(), m.Field.Name)
	}
	sort.Strings(names)
	assert.Equal(t, contract.Sorted(want), names, "%s reads every attribute", model.Name())
}

// checkPriceLookup sends a lookup with every filter and checks path, query
// and the refusal of a lookup without its required filters.
func checkPriceLookup(t *testing.T, pc *contract.Prices, b priceBinding) {
	s := pc.Versions[APIVersion20261119]
	domains := pc.Domains
	if len(domains) == 0 {
		domains = []string{""}
	}
	all := map[string]string{}
	for name := range s.Lookup.Filters {
		all[name] = map[bool]string{true: "DE", false: "4930123456"}[strings.HasSuffix(name, "_iso")]
	}
	for _, d := range domains {
		c, mt := newPricesClient(t)
		rec := &recorder{}
		mt.RegisterNoResponder(rec.wrap(jsonAnswer(200, []byte(`{"data":[]}`))))
		require.NoError(t, b.lookup(t.Context(), c, SMSPriceDomain(d), all))
		got := rec.all()
		require.Len(t, got, 1)
		assert.Equal(t, "/v3"+strings.ReplaceAll(s.Lookup.Path, "{domain}", d), got[0].Path)
		var sent []string
		for k := range got[0].Query {
			sent = append(sent, strings.TrimSuffix(strings.TrimPrefix(k, "filter["), "]"))
		}
		sort.Strings(sent)
		var names []string
		for n := range s.Lookup.Filters {
			names = append(names, n)
		}
		sort.Strings(names)
		assert.Equal(t, names, sent, "every filter, and only filters")

		for name, f := range s.Lookup.Filters {
			without := map[string]string{}
			for k, v := range all {
				if k != name {
					without[k] = v
				}
			}
			err := b.lookup(t.Context(), c, SMSPriceDomain(d), without)
			if f.Required {
				assert.ErrorIs(t, err, ErrInvalidRequest, "%s is required", name)
			} else {
				assert.NoError(t, err, "%s is optional", name)
			}
		}
		if len(s.Lookup.OneOfRequired) > 0 {
			assert.ErrorIs(t, b.lookup(t.Context(), c, SMSPriceDomain(d), map[string]string{}), ErrInvalidRequest, "one of %v is required", s.Lookup.OneOfRequired)
		}
	}
}
