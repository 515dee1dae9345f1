package didwwtest

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPricesEndToEnd drives the client's prices services against the
// server: every lookup, the errors, a download and its headers.
func TestPricesEndToEnd(t *testing.T) {
	t.Parallel()
	s, tok := pricesServer(t)
	c := s.Client()
	ctx := t.Context()

	in, err := c.InboundCallPrices.Lookup(ctx, &didww.InboundCallPriceQuery{Number: "18005550123", SrcCountryISO: "de"})
	require.NoError(t, err)
	require.Len(t, in, 2)
	assert.Equal(t, didww.SourceTypeCellular, in[1].SourceType)
	assert.Equal(t, "Germany", in[1].SrcCountryName)
	assert.Equal(t, didww.Decimal("0.05"), *in[1].Rate)

	out, err := c.OutboundCallPrices.Lookup(ctx, &didww.OutboundCallPriceQuery{Number: "5371234567"})
	require.NoError(t, err)
	require.Len(t, out, 1)
	assert.True(t, out[0].RejectCalls)
	assert.Nil(t, out[0].Rate)

	sms, err := c.SMSPrices.Lookup(ctx, didww.SMSOutA2P, &didww.SMSPriceQuery{DstNumber: "4915112345678"})
	require.NoError(t, err)
	require.Len(t, sms, 2)
	assert.Equal(t, 262, *sms[0].MCC)
	smsIn, err := c.SMSPrices.LookupIn(ctx, &didww.SMSPriceQuery{DstCountryISO: "US"})
	require.NoError(t, err)
	require.Len(t, smsIn, 1)
	assert.Equal(t, didww.Decimal("0.0"), smsIn[0].Price)

	_, err = c.InboundCallPrices.Lookup(ctx, &didww.InboundCallPriceQuery{Number: "49301234"})
	assert.ErrorIs(t, err, didww.ErrPriceNotFound)
	_, err = c.SMSPrices.Lookup(ctx, didww.SMSOutOTP, &didww.SMSPriceQuery{DstNumber: "4915112345678"})
	assert.ErrorIs(t, err, didww.ErrPricePlanNotAssigned)
	assert.ErrorIs(t, c.SMSPrices.Download(ctx, didww.SMSOutOTP, io.Discard), didww.ErrPricePlanNotAssigned)
	_, err = c.SMSPrices.Stat(ctx, didww.SMSOutOTP)
	assert.ErrorIs(t, err, didww.ErrNotFound)

	// The download is the server's file, decompressed.
	var got bytes.Buffer
	require.NoError(t, c.OutboundCallPrices.Download(ctx, &got))
	raw := priceCall(t, "GET", s.PricesURLs().OutboundCalls+"/prices.csv.gz", bearer(tok)...)
	zr, err := gzip.NewReader(bytes.NewReader(raw.body))
	require.NoError(t, err)
	want, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, string(want), got.String())
	assert.True(t, strings.HasPrefix(got.String(), "Category,Country,Network,Prefix,Rate,"))

	info, err := c.OutboundCallPrices.Stat(ctx)
	require.NoError(t, err)
	assert.Equal(t, "voice_out_prices.csv.gz", info.Name)
	assert.Equal(t, int64(len(raw.body)), info.Size)
	assert.Empty(t, info.ETag)
	assert.Equal(t, "private", info.Header.Get("Cache-Control"))

	for _, r := range s.RequestLog() {
		if isPricesPath(r.Path) {
			assert.NotEqual(t, http.StatusUnauthorized, r.Status, "%s %s", r.Method, r.Path)
		}
	}
}

// TestPricesClientUnder20260416 sends nothing: the key never goes to a
// prices host.
func TestPricesClientUnder20260416(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	c := s.Client()
	_, err := c.InboundCallPrices.Lookup(t.Context(), &didww.InboundCallPriceQuery{Number: "18005550123"})
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "2026-11-19")
	assert.ErrorIs(t, c.SMSPrices.Download(t.Context(), didww.SMSIn, io.Discard), didww.ErrInvalidRequest)
	assert.Zero(t, s.Requests())
}

// An account without a plan gets ErrPricePlanNotAssigned from every
// operation of that service, and its other plans still answer.
func TestPricesWithoutAPlan(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	key := s.NewAccount("10", APIVersion(version20261119), WithoutPricePlans(PricePlanInboundCalls, PricePlanSMSOutA2P))
	c := s.ClientFor(key)
	ctx := t.Context()
	_, err := c.InboundCallPrices.Lookup(ctx, &didww.InboundCallPriceQuery{Number: "18005550123"})
	assert.ErrorIs(t, err, didww.ErrPricePlanNotAssigned)
	assert.ErrorIs(t, c.InboundCallPrices.Download(ctx, io.Discard), didww.ErrPricePlanNotAssigned)
	_, err = c.InboundCallPrices.Stat(ctx)
	assert.ErrorIs(t, err, didww.ErrNotFound, "a HEAD answer has no body to name the code")
	_, err = c.SMSPrices.Lookup(ctx, didww.SMSOutA2P, &didww.SMSPriceQuery{DstNumber: "4915112345678"})
	assert.ErrorIs(t, err, didww.ErrPricePlanNotAssigned)
	out, err := c.OutboundCallPrices.Lookup(ctx, &didww.OutboundCallPriceQuery{Number: "5371234567"})
	require.NoError(t, err)
	assert.Len(t, out, 1)
	_, err = c.SMSPrices.Lookup(ctx, didww.SMSOutP2P, &didww.SMSPriceQuery{DstNumber: "4915112345678"})
	assert.NoError(t, err)
}
