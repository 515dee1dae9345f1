package contract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadPrices(t *testing.T) {
	t.Parallel()
	all, err := LoadPrices("../../testdata/contract/prices")
	require.NoError(t, err)
	assert.Equal(t, []string{"inbound_call_prices", "outbound_call_prices", "sms_in_prices", "sms_out_prices"}, Sorted(all))
	in := all["inbound_call_prices"].Versions["2026-11-19"]
	require.NotNil(t, in)
	assert.Equal(t, 404, in.Lookup.Errors["no_price"].Status)
	assert.Equal(t, "price_not_found", in.Lookup.Errors["no_price"].Code)

	for name, body := range map[string]string{
		"unknown member": `{"service": "x", "type": "prices", "extra": 1}`,
		"wrong service":  `{"service": "y", "type": "prices"}`,
		"wrong type":     `{"service": "x", "type": "dids"}`,
	} {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "x.json"), []byte(body), 0o600))
		_, err := LoadPrices(dir)
		assert.Error(t, err, name)
	}
}
