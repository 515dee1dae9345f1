package didwwtest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/contract"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadPricesContract(t *testing.T) []*contract.Prices {
	t.Helper()
	byService, err := contract.LoadPrices("../testdata/contract/prices")
	require.NoError(t, err)
	require.Len(t, byService, 4)
	var out []*contract.Prices
	for _, name := range contract.Sorted(byService) {
		out = append(out, byService[name])
	}
	return out
}

// TestPricesContractServer holds the fake's prices services to the
// contract: the attributes of every sample lookup, the refused parameters,
// the errors, the files' columns and the version gate.
func TestPricesContractServer(t *testing.T) {
	t.Parallel()
	s, tok := pricesServer(t)
	old := tokenFor(t, s, s.NewAccount("10"))
	urls := s.PricesURLs()
	bases := map[string]string{"inbound_call_prices": urls.InboundCalls, "outbound_call_prices": urls.OutboundCalls,
		"sms_out_prices": urls.SMS, "sms_in_prices": urls.SMS}
	plans := defaultPricePlans()
	serviceOf := map[string]string{"inbound_call_prices": "vin", "outbound_call_prices": "vout", "sms_out_prices": "sms", "sms_in_prices": "sms"}
	for _, pc := range loadPricesContract(t) {
		shape := pc.Versions[version20261119]
		domains := pc.Domains
		if len(domains) == 0 {
			domains = []string{""}
		}
		for _, d := range domains {
			where := pc.Service + " " + d
			lookup := bases[pc.Service] + strings.ReplaceAll(shape.Lookup.Path, "{domain}", d) + "?"
			file := bases[pc.Service] + strings.ReplaceAll(shape.File.Path, "{domain}", d)
			wantError(t, priceCall(t, "GET", lookup+shape.Lookup.Samples[0], bearer(old)...), http.StatusNotFound, "404")
			if e, ok := shape.Lookup.Errors["no_plan"]; ok && !plans.missing(serviceOf[pc.Service], d) {
				// An account without the plan: every operation is 404.
				bare := tokenFor(t, s, s.NewAccount("10", APIVersion(version20261119), WithoutPricePlans(planName(serviceOf[pc.Service], d))))
				wantError(t, priceCall(t, "GET", lookup+shape.Lookup.Samples[0], bearer(bare)...), e.Status, e.Code)
				wantError(t, priceCall(t, "GET", file, bearer(bare)...), e.Status, e.Code)
			}
			if plans.missing(serviceOf[pc.Service], d) {
				e := shape.Lookup.Errors["no_plan"]
				wantError(t, priceCall(t, "GET", lookup+shape.Lookup.Samples[0], bearer(tok)...), e.Status, e.Code)
				wantError(t, priceCall(t, "GET", file, bearer(tok)...), e.Status, e.Code)
				continue
			}
			for _, q := range shape.Lookup.Samples {
				checkPriceAttributes(t, where+" "+q, shape.Attributes, priceCall(t, "GET", lookup+q, bearer(tok)...))
			}
			for _, q := range shape.Lookup.Refused {
				wantError(t, priceCall(t, "GET", lookup+shape.Lookup.Samples[0]+"&"+q, bearer(tok)...), http.StatusBadRequest, "400")
			}
			wantError(t, priceCall(t, "GET", lookup, bearer(tok)...), http.StatusBadRequest, "400")
			e := shape.Lookup.Errors["no_price"]
			wantError(t, priceCall(t, "GET", lookup+strings.Split(shape.Lookup.Samples[0], "=")[0]+"=999999999", bearer(tok)...), e.Status, e.Code)

			for _, m := range shape.File.Methods {
				wantStatus(t, priceCall(t, m, file, bearer(tok)...), http.StatusOK)
			}
			get := priceCall(t, "GET", file, bearer(tok)...)
			if shape.File.Name != "" {
				assert.Equal(t, `attachment; filename="`+shape.File.Name+`"`, get.header.Get("Content-Disposition"), where)
			}
			rows := readPriceFile(t, get.body)
			assert.Equal(t, shape.File.Columns, rows[0], where)
			for _, row := range rows[1:] {
				assert.Len(t, row, len(shape.File.Columns), where)
			}
		}
	}
}

// checkPriceAttributes checks every price of a lookup against the
// contract's attributes; amounts print as the services print them.
func checkPriceAttributes(t *testing.T, where string, want map[string]*contract.Field, r *tResp) {
	t.Helper()
	for _, attrs := range attrsOf(t, r) {
		assert.Equal(t, contract.Sorted(want), sortedKeys(attrs), where)
		for name, fd := range want {
			v, ok := attrs[name]
			if !ok {
				continue
			}
			assert.Empty(t, valueFits(fd, v), "%s: %s", where, name)
			if s, isString := v.(string); isString && fd.Format == "decimal" {
				assert.Equal(t, priceDecimal(s), s, "%s: %s is printed without trailing zeros, one decimal at least", where, name)
			}
		}
	}
}
