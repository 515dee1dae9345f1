package jsonapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast parse must read every document it takes exactly as the general
// parse does, and leave every other document to it.

func fastSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{
		[]byte(`{"data":[{"type":"a","id":"1","attributes":{"x":1},"relationships":{"r":{"data":{"type":"b","id":"2"},"links":{"self":"s"}},"m":{"data":[{"type":"b","id":"3"}]},"n":{"data":null},"l":{"links":{}}},"meta":{"k":true}}],"included":[{"type":"b","id":"2"}],"meta":{"total_records":1},"links":{"next":"n","last":{"href":"l"},"prev":null}}`),
		[]byte(`{"data":{"type":"a","id":"1","attributes":null,"relationships":null,"meta":null},"included":null,"links":null,"meta":null}`),
		[]byte(`{"data":{"type":"a","id":"1"},"jsonapi":{"version":"1.0"}}`),
		[]byte(`{"data":[],"included":[]}`),
		[]byte(`{"Data":[{"type":"a","id":"1"}]}`),
		[]byte(`{"data":[{"Type":"a","type":"b","id":"1"}]}`),
		[]byte(`{"data":[{"type":"a","id":"1","id":"2"}]}`),
		[]byte(`{"data":[{"type":"a","id":1}]}`),
		[]byte(`{"data":[{"type":"a\u0062","id":"1"}]}`),
		[]byte(`{"data":[{"type":"a","id":"1","relationships":{"r":{"data":{"type":"b","id":"2"}},"r":{"data":null}}}]}`),
		[]byte(`{"data":[{"type":"a","id":"1","relationships":{"r":{"DATA":null}}}]}`),
		[]byte(`{"data":[{"type":"a","id":"1","relationships":{"r":"x"}}]}`),
		[]byte(`{"data":null}`),
		[]byte(`{"data":[],"errors":[{"title":"t"}]}`),
		[]byte(`{"data":[1]}`),
		[]byte(`{"data":[{"type":"a","id":"1","attributes":[]}]}`),
		[]byte(`{"data":[{"type":"a","id":"1"}],"links":{"next":1}}`),
		[]byte(`{"data":[{"type":"a","id":"1","K":"x"}]}`),
		[]byte("{\"data\":[{\"type\":\"a\",\"id\":\"1\",\"\u212a\":1}]}"),
	}
	files, _ := filepath.Glob("testdata/*.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(tb, err)
		seeds = append(seeds, b)
	}
	return seeds
}

func checkFastAgrees(t *testing.T, b []byte) {
	if !json.Valid(b) || len(b) == 0 || b[0] != '{' {
		return
	}
	fast, ok := parseFast(b)
	if !ok {
		return
	}
	general, err := parseGeneral(b)
	require.NoError(t, err, "%s", b)
	assert.Equal(t, general, fast, "%s", b)
}

func TestParseFastAgrees(t *testing.T) {
	t.Parallel()
	taken := 0
	for _, b := range fastSeeds(t) {
		checkFastAgrees(t, b)
		if _, ok := parseFast(b); ok {
			taken++
		}
	}
	assert.GreaterOrEqual(t, taken, 4, "the fast parse takes the ordinary documents")
	for _, odd := range []string{`{"Data":[{"type":"a","id":"1"}]}`, `{"data":[{"type":"a","id":1}]}`, `{"data":null}`, `{"data":[{"type":"a","id":"1","id":"2"}]}`} {
		_, ok := parseFast([]byte(odd))
		assert.False(t, ok, odd)
	}
}

func FuzzParseFastAgrees(f *testing.F) {
	for _, b := range fastSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(checkFastAgrees)
}
