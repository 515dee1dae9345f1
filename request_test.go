package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncodeBody(t *testing.T) {
	t.Parallel()
	b, err := encodeBody(map[string]any{"callback_url": "https://x.test/cb?a=1&b=<2>", "n": 1})
	require.NoError(t, err)
	assert.Equal(t, `{"callback_url":"https://x.test/cb?a=1&b=<2>","n":1}`, string(b), "no HTML escaping, no trailing newline")
	b, err = encodeBody(make(chan int))
	assert.Nil(t, b)
	assert.ErrorContains(t, err, "didww: encoding the request:")
}
