package didww

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"0", "12", "-0.5", "4.420", "0.00001", "123456789012345678901234567890.123456789", "-0", "007"} {
		d, err := ParseDecimal(ok)
		require.NoError(t, err, ok)
		assert.Equal(t, Decimal(ok), d)
		assert.Equal(t, ok, d.String())
	}
	for _, bad := range []string{"", "-", ".", "1.", ".5", "-.5", "+1", "1e5", "1E5", " 1", "1 ", "1,5", "0x10", "NaN", "Inf", "1.2.3", "--1", "١٢", "1_000", "\x00"} {
		d, err := ParseDecimal(bad)
		assert.Error(t, err, "%q", bad)
		assert.Empty(t, d, "%q", bad)
	}
	_, err := ParseDecimal("abc\ndef")
	assert.EqualError(t, err, `didww: "abc def" is not a decimal number`)
}

func TestDecimalRat(t *testing.T) {
	t.Parallel()
	r, err := Decimal("4.42").Rat()
	require.NoError(t, err)
	assert.Equal(t, big.NewRat(221, 50), r)
	r, err = Decimal("-0.001").Rat()
	require.NoError(t, err)
	assert.Equal(t, big.NewRat(-1, 1000), r)
	for _, bad := range []Decimal{"", "1/3", "1e2", "x"} {
		r, err := bad.Rat()
		assert.Nil(t, r, "%q", bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestDecimalFloat64(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 4.42, Decimal("4.42").Float64())
	assert.Equal(t, -0.5, Decimal("-0.5").Float64())
	assert.Equal(t, 0.0, Decimal("oops").Float64())
}

func TestDecimalCmp(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a, b Decimal
		want int
	}{
		{"1", "1.000", 0},
		{"0.1", "0.10", 0},
		{"-0", "0", 0},
		{"4.42", "4.5", -1},
		{"10", "9.99", 1},
		{"-1", "0.01", -1},
		{"100000000000000000000.01", "100000000000000000000.001", 1},
		{"0.5", "0.05", 1},
		{"0.05", "0.5", -1},
		{"007", "7.000", 0},
		{"-0.000", "0", 0},
		{"-2", "-10", 1},
		{"-1.5", "-1.49", -1},
		{"0.001", "-5", 1},
		{"x", "0", 1},
		{"0", "x", -1},
		{"", "-99999", 1},
		{"a", "b", -1},
		{"b", "b", 0},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.a.Cmp(tc.b), "%s vs %s", tc.a, tc.b)
	}
}

func TestDecimalAdd(t *testing.T) {
	t.Parallel()
	cases := []struct{ a, b, want Decimal }{
		{"0.1", "0.2", "0.3"},
		{"4.42", "1", "5.42"},
		{"1.005", "2", "3.005"},
		{"0.10", "0.2", "0.30"},
		{"-0.5", "0.25", "-0.25"},
		{"0.5", "-0.5", "0.0"},
		{"99999999999999999999.99", "0.01", "100000000000000000000.00"},
		{"3", "4", "7"},
		{"0.1", "x", ""},
		{"", "1", ""},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.a.Add(tc.b), "%s + %s", tc.a, tc.b)
	}
	// Summing ten 0.1 is exactly 1 (float would give 0.9999999999999999).
	sum := Decimal("0")
	for range 10 {
		sum = sum.Add("0.1")
	}
	assert.Equal(t, Decimal("1.0"), sum)
	assert.Equal(t, 0, sum.Cmp("1"))
}

func TestDecimalScaleAndIsZero(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 0, Decimal("12").scale())
	assert.Equal(t, 3, Decimal("4.420").scale())
	assert.True(t, Decimal("0").IsZero())
	assert.True(t, Decimal("-0.000").IsZero())
	assert.False(t, Decimal("0.01").IsZero())
	assert.False(t, Decimal("").IsZero(), "invalid is not zero")
}

func TestDecimalJSON(t *testing.T) {
	t.Parallel()
	var v struct {
		A Decimal  `json:"a"`
		B Decimal  `json:"b"`
		C Decimal  `json:"c"`
		D *Decimal `json:"d"`
		E Decimal  `json:"e"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"a":"4.420","b":0.35,"c":-12,"d":"1"}`), &v))
	assert.Equal(t, Decimal("4.420"), v.A)
	assert.Equal(t, Decimal("0.35"), v.B, "a JSON number keeps its text")
	assert.Equal(t, Decimal("-12"), v.C)
	require.NotNil(t, v.D)
	assert.Equal(t, Decimal("1"), *v.D)
	assert.Equal(t, Decimal(""), v.E, "absent leaves the zero value")

	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"a":"4.420","b":"0.35","c":"-12","d":"1","e":null}`, string(out), "written as strings; the zero Decimal as null")
}

func TestDecimalJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []Decimal{"0", "4.42", "-0.001", "123456789012345678901234567890.000000001"} {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, `"`+string(s)+`"`, string(b))
		var back Decimal
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, s, back)
	}
}

func TestDecimalJSONInvalid(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{`"abc"`, `"1e5"`, `1e5`, `true`, `{}`, `[]`, `""`, `"\u0031\u002e"`, `nul`, `"\q"`} {
		var d Decimal = "7"
		err := json.Unmarshal([]byte(bad), &d)
		assert.Error(t, err, bad)
		assert.Equal(t, Decimal("7"), d, "%s leaves the value", bad)
	}
	_, err := json.Marshal(Decimal("1,5"))
	assert.ErrorContains(t, err, `"1,5" is not a decimal number`)
	b, err := Decimal("").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

func TestDecimalJSONNull(t *testing.T) {
	t.Parallel()
	var v struct {
		A Decimal  `json:"a"`
		P *Decimal `json:"p"`
	}
	v.A = "7"
	err := json.Unmarshal([]byte(`{"a":null}`), &v)
	require.ErrorIs(t, err, ErrDecimalNull)
	assert.Equal(t, Decimal("7"), v.A, "null leaves the value")

	p := Decimal("1")
	v.P = &p
	require.NoError(t, json.Unmarshal([]byte(`{"a":"2","p":null}`), &v))
	assert.Equal(t, Decimal("2"), v.A)
	assert.Nil(t, v.P, "a nullable amount is a *Decimal, nil on null")
}

func TestDecimalLengthBound(t *testing.T) {
	t.Parallel()
	forty := strings.Repeat("9", 20) + "." + strings.Repeat("9", 20)
	d, err := ParseDecimal("-" + forty)
	require.NoError(t, err)
	assert.Equal(t, Decimal("-"+forty), d)

	for _, long := range []string{
		strings.Repeat("1", MaxDecimalDigits+1),
		"0." + strings.Repeat("0", MaxDecimalDigits),
		"1" + strings.Repeat("0", 1<<20),
	} {
		d, err := ParseDecimal(long)
		assert.Empty(t, d)
		assert.ErrorContains(t, err, fmt.Sprintf("more than %d", MaxDecimalDigits))
		assert.Less(t, len(err.Error()), 120, "the error quotes an excerpt only")

		var j Decimal = "7"
		assert.ErrorContains(t, json.Unmarshal([]byte(`"`+long+`"`), &j), "more than 40", "string form")
		assert.ErrorContains(t, json.Unmarshal([]byte(long), &j), "more than 40", "number form")
		assert.Equal(t, Decimal("7"), j)
	}

	// A Decimal made by conversion beyond the methods' ceiling is invalid
	// rather than slow.
	huge := Decimal("1" + strings.Repeat("0", 1<<20))
	assert.False(t, huge.Valid())
	_, err = huge.Rat()
	assert.Error(t, err)
	assert.Equal(t, 1, huge.Cmp("1"))
	assert.Equal(t, Decimal(""), huge.Add("1"))

	// Sums of parsed amounts stay valid even past MaxDecimalDigits.
	sum := Decimal(forty).Add(Decimal("0." + strings.Repeat("0", 19) + "1"))
	assert.True(t, sum.Valid())
	assert.Equal(t, Decimal("1"+strings.Repeat("0", 20)+"."+strings.Repeat("0", 20)), sum)
	assert.Equal(t, 1, sum.Cmp(Decimal(forty)))
}

func TestDecimalValid(t *testing.T) {
	t.Parallel()
	for _, ok := range []Decimal{"0", "-0.5", "4.420"} {
		assert.True(t, ok.Valid(), "%q", ok)
	}
	for _, bad := range []Decimal{"", "x", "1.", "1e5"} {
		assert.False(t, bad.Valid(), "%q", bad)
	}
}

// TestDecimalInvalidFailsClosed: an invalid amount, such as the zero Decimal
// of a field that was never filled, never passes a budget check and is never
// the cheapest, whichever way round the comparison is written.
func TestDecimalInvalidFailsClosed(t *testing.T) {
	t.Parallel()
	budget := Decimal("10.00")
	for _, bad := range []Decimal{"", "n/a"} {
		total := Decimal("1.00").Add(bad)
		assert.False(t, total.Valid(), "%q", bad)
		assert.False(t, total.Cmp(budget) <= 0, "total %q is within the budget", bad)
		assert.True(t, budget.Cmp(total) < 0, "budget %s is not below total %q", budget, bad)
		assert.Equal(t, 1, total.Cmp("-1000000"), "an invalid amount is never the cheapest")
		_, err := total.Rat()
		assert.Error(t, err, "Rat reports it")
	}
}

// TestDecimalCmpMatchesRat checks the digit comparison against big.Rat.
func TestDecimalCmpMatchesRat(t *testing.T) {
	t.Parallel()
	values := []Decimal{"0", "-0", "0.0", "-0.00", "1", "01", "1.0", "1.01", "1.1", "1.10", "-1", "-1.01",
		"9", "10", "10.5", "-10.5", "0.09", "0.9", "0.10", "100", "099.99", "123456789012345678901234567890.5"}
	for _, a := range values {
		for _, b := range values {
			ra, err := a.Rat()
			require.NoError(t, err)
			rb, err := b.Rat()
			require.NoError(t, err)
			assert.Equal(t, ra.Cmp(rb), a.Cmp(b), "%s vs %s", a, b)
		}
	}
}

// BenchmarkDecimalCmp measures Cmp at the longest amount ParseDecimal
// accepts; it reads digits, so it stays linear in their count.
func BenchmarkDecimalCmp(b *testing.B) {
	x := Decimal(strings.Repeat("9", 20) + "." + strings.Repeat("9", 20))
	y := Decimal(strings.Repeat("9", 20) + "." + strings.Repeat("9", 19) + "8")
	b.ReportAllocs()
	for b.Loop() {
		require.Equal(b, 1, x.Cmp(y), "wrong order")
	}
}

func TestDecimalFixed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		d      Decimal
		places int
		want   string
	}{
		{"0.5", 2, "0.50"},
		{"4.42", 2, "4.42"},
		{"4.425", 2, "4.43"},
		{"4.424999", 2, "4.42"},
		{"-4.425", 2, "-4.43"},
		{"12", 0, "12"},
		{"12.5", 0, "13"},
		{"0.0001", 2, "0.00"},
		{"7", -1, "7"},
		{"", 2, ""},
		{"1e3", 2, "1e3"},
	} {
		got := tc.d.Fixed(tc.places)
		assert.Equal(t, tc.want, got, "Decimal(%q).Fixed(%d) = %q, want %q", tc.d, tc.places, got, tc.want)
	}
}
