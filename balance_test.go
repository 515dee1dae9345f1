package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBalanceGet(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/balance", rec.wrap(jsonAPI(200, fixture(t, "balance/index.json"))))
	b, err := c.Balance.Get(t.Context())
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "GET", got.Method)
	assert.Equal(t, "/v3/balance", got.Path)
	assert.Empty(t, got.RawQuery)
	assertStandardHeaders(t, got)
	assert.Equal(t, "d6e8ba1c-2e8e-4e51-9f7f-3c2b1a098765", b.ID)
	assert.Equal(t, Decimal("1205.50"), b.TotalBalance)
	assert.Equal(t, Decimal("200.00"), b.Credit)
	assert.Equal(t, Decimal("1005.50"), b.Balance)
	assert.Zero(t, b.Balance.Add(b.Credit).Cmp(b.TotalBalance), "total = balance + credit")
}

func TestBalanceWrongTypeOrNullAmount(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"singular type": `{"data":{"id":"b1","type":"balance","attributes":{"total_balance":"1.00","credit":"0.00","balance":"1.00"}}}`,
		"null credit":   `{"data":{"id":"b1","type":"balances","attributes":{"total_balance":"1.00","credit":null,"balance":"1.00"}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			mt.RegisterResponder("GET", testBaseURL+"/balance", jsonAPI(200, []byte(body)))
			b, err := c.Balance.Get(t.Context())
			assert.Nil(t, b)
			assert.ErrorIs(t, err, ErrDecode)
		})
	}
}
