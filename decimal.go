package didww

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// Decimal is an exact decimal amount as the API writes it, such as "4.42".
// Money is never turned into a float for arithmetic: use Rat, Cmp and Add.
// Decimals decoded from responses are always valid.
type Decimal string

// ParseDecimal checks s is a plain decimal number ("12", "-0.5", "4.420").
func ParseDecimal(s string) (Decimal, error) {
	if !validDecimal(s) {
		return "", fmt.Errorf("didww: %q is not a decimal number", oneLine(s, 40))
	}
	return Decimal(s), nil
}

func validDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") {
		return false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}

// String returns the decimal text.
func (d Decimal) String() string { return string(d) }

// Rat returns the exact value.
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
// before every valid one.
func (d Decimal) Cmp(other Decimal) int {
	a, errA := d.Rat()
	b, errB := other.Rat()
	switch {
	case errA != nil && errB != nil:
		return strings.Compare(string(d), string(other))
	case errA != nil:
		return -1
	case errB != nil:
		return 1
	}
	return a.Cmp(b)
}

// Add returns the exact sum, written with as many decimal places as the
// longer operand. The sum with an invalid Decimal is the empty, invalid Decimal.
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
	r, err := d.Rat()
	return err == nil && r.Sign() == 0
}

func (d Decimal) scale() int {
	_, frac, _ := strings.Cut(string(d), ".")
	return len(frac)
}

// UnmarshalJSON accepts a JSON string or number holding a plain decimal; null
// leaves d unchanged, as encoding/json does for other types.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
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
// zero Decimal (absent) is null.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	if !validDecimal(string(d)) {
		return nil, fmt.Errorf("didww: %q is not a decimal number", oneLine(string(d), 40))
	}
	return json.Marshal(string(d))
}
