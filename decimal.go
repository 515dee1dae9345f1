package didww

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Decimal is an exact decimal amount as the API writes it, such as "4.42".
// Money is never turned into a float for arithmetic: use Rat, Cmp and Add,
// and Fixed to show it. DIDWW bills in US dollars: prices of stock keeping
// units (setup_price, monthly_price) exclude VAT; what an order charges
// (amount, and its items' nrc and mrc) includes it.
//
// Decimals decoded from responses are always valid. The zero Decimal ("") and
// any other text that is not a plain decimal number are invalid: Valid reports
// it, Rat returns an error, Add returns the invalid zero Decimal and Cmp sorts
// an invalid Decimal above every valid one, so that an unknown amount is never
// the cheapest and never within a limit (total.Cmp(budget) <= 0 is false).
// Where an invalid value must stop a decision in either direction, check
// Valid or use Rat.
type Decimal string

// MaxDecimalDigits is the most digits (before and after the point together)
// a Decimal read by ParseDecimal or decoded from JSON may have. No amount of
// money needs more, and the bound keeps arithmetic on amounts cheap: the cost
// of big-number conversion grows with the square of the length.
const MaxDecimalDigits = 40

// maxDecimalLen is the longest text the methods of Decimal treat as a number;
// longer text, which only a conversion can make, is invalid. Sums of parsed
// amounts stay far below it (each Add grows the integer part by one digit at most).
const maxDecimalLen = 256

// ErrDecimalNull is returned when a JSON null is decoded into a Decimal: an
// amount the API documents as nullable is a *Decimal, which encoding/json
// sets to nil on null without calling UnmarshalJSON.
var ErrDecimalNull = errors.New("didww: null where an amount is required")

// ParseDecimal checks s is a plain decimal number ("12", "-0.5", "4.420") of
// at most MaxDecimalDigits digits.
func ParseDecimal(s string) (Decimal, error) {
	if !wellFormedDecimal(s) {
		return "", fmt.Errorf("didww: %q is not a decimal number", oneLine(s, 40))
	}
	if n := decimalDigits(s); n > MaxDecimalDigits {
		return "", fmt.Errorf("didww: decimal %q has %d digits, more than %d", oneLine(s, 40), n, MaxDecimalDigits)
	}
	return Decimal(s), nil
}

// validDecimal reports whether s is a plain decimal number the methods accept.
func validDecimal(s string) bool {
	return len(s) <= maxDecimalLen && wellFormedDecimal(s)
}

func wellFormedDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") {
		return false
	}
	return digitsOnly(intPart) && digitsOnly(frac)
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// decimalDigits counts the digits of a well-formed decimal.
func decimalDigits(s string) int {
	n := len(strings.TrimPrefix(s, "-"))
	if strings.Contains(s, ".") {
		n--
	}
	return n
}

// String returns the decimal text.
func (d Decimal) String() string { return string(d) }

// Fixed returns d rounded to places digits after the point (halves away
// from zero) and padded with zeros, for display: Decimal("1.5").Fixed(2) is
// "1.50", Decimal("0.125").Fixed(2) is "0.13". An invalid Decimal is
// returned as its text; places below 0 count as 0.
func (d Decimal) Fixed(places int) string {
	r, err := d.Rat()
	if err != nil {
		return string(d)
	}
	return r.FloatString(max(places, 0))
}

// Valid reports whether d is a plain decimal number. Decimals decoded from
// responses and returned by ParseDecimal are always valid.
func (d Decimal) Valid() bool { return validDecimal(string(d)) }

// Rat returns the exact value, or an error when d is invalid.
func (d Decimal) Rat() (*big.Rat, error) {
	if !validDecimal(string(d)) {
		return nil, fmt.Errorf("didww: %q is not a decimal number", oneLine(string(d), 40))
	}
	r, ok := new(big.Rat).SetString(string(d))
	if !ok {
		return nil, fmt.Errorf("didww: %q is not a decimal number", oneLine(string(d), 40))
	}
	return r, nil
}

// Float64 returns the nearest float64, for display or statistics only; an
// invalid Decimal gives 0.
func (d Decimal) Float64() float64 {
	r, err := d.Rat()
	if err != nil {
		return 0
	}
	f, _ := r.Float64()
	return f
}

// Cmp compares d and other exactly: -1, 0 or +1. An invalid Decimal sorts
// after every valid one (so it is never the cheapest and never at most a
// limit); two invalid Decimals compare by their text. It reads the digits
// directly, in time linear in their length.
func (d Decimal) Cmp(other Decimal) int {
	validA, validB := validDecimal(string(d)), validDecimal(string(other))
	switch {
	case !validA && !validB:
		return strings.Compare(string(d), string(other))
	case !validA:
		return 1
	case !validB:
		return -1
	}
	return cmpDecimal(string(d), string(other))
}

// cmpDecimal compares two valid decimals by their digits.
func cmpDecimal(a, b string) int {
	signA, absA := decimalSign(a)
	signB, absB := decimalSign(b)
	if signA != signB {
		if signA < signB {
			return -1
		}
		return 1
	}
	if signA == 0 {
		return 0
	}
	return signA * cmpMagnitude(absA, absB)
}

// decimalSign returns the sign of a valid decimal (0 for any zero, "-0.00"
// included) and its text without the minus.
func decimalSign(s string) (int, string) {
	abs := strings.TrimPrefix(s, "-")
	if strings.Trim(abs, "0.") == "" {
		return 0, abs
	}
	if len(abs) < len(s) {
		return -1, abs
	}
	return 1, abs
}

// cmpMagnitude compares two unsigned valid decimals.
func cmpMagnitude(a, b string) int {
	intA, fracA, _ := strings.Cut(a, ".")
	intB, fracB, _ := strings.Cut(b, ".")
	intA, intB = strings.TrimLeft(intA, "0"), strings.TrimLeft(intB, "0")
	if len(intA) != len(intB) {
		if len(intA) < len(intB) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(intA, intB); c != 0 {
		return c
	}
	// Without trailing zeros, fraction digits compare as text: a proper
	// prefix is the smaller fraction.
	return strings.Compare(strings.TrimRight(fracA, "0"), strings.TrimRight(fracB, "0"))
}

// Add returns the exact sum, written with as many decimal places as the
// longer operand. The sum with an invalid Decimal is the empty, invalid
// Decimal, which Cmp sorts above every amount.
func (d Decimal) Add(other Decimal) Decimal {
	a, errA := d.Rat()
	b, errB := other.Rat()
	if errA != nil || errB != nil {
		return ""
	}
	return Decimal(new(big.Rat).Add(a, b).FloatString(max(d.scale(), other.scale())))
}

// IsZero reports whether d is a valid decimal equal to zero.
func (d Decimal) IsZero() bool {
	if !validDecimal(string(d)) {
		return false
	}
	sign, _ := decimalSign(string(d))
	return sign == 0
}

func (d Decimal) scale() int {
	_, frac, _ := strings.Cut(string(d), ".")
	return len(frac)
}

// UnmarshalJSON accepts a JSON string or number holding a plain decimal of
// at most MaxDecimalDigits digits. A JSON null is refused with
// ErrDecimalNull, because a Decimal is an amount the API always gives; a
// nullable amount is a *Decimal. On error d is left unchanged.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return ErrDecimalNull
	}
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	} else {
		s = string(b)
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes the decimal as a JSON string, as the API does; the
// zero Decimal (absent) is null, which UnmarshalJSON refuses: an optional
// amount is a *Decimal.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	if !validDecimal(string(d)) {
		return nil, fmt.Errorf("didww: %q is not a decimal number", oneLine(string(d), 40))
	}
	return json.Marshal(string(d))
}
