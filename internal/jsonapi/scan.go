package jsonapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

var (
	errMalformedObject = errors.New("malformed object")
	errMalformedArray  = errors.New("malformed array")
)

// scanObject calls fn with the key and the value of each member of the JSON
// object b, in order. It reads the bytes once without decoding values or
// copying keys; an escaped key is unescaped with encoding/json.
func scanObject(b []byte, fn func(key, value []byte)) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return errMalformedObject
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return errMalformedObject
		}
		end := endString(b, i)
		if end < 0 {
			return errMalformedObject
		}
		key, err := objectKey(b[i:end])
		if err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return errMalformedObject
		}
		i = skipSpace(b, i+1)
		vend := endValue(b, i)
		if vend < 0 {
			return errMalformedObject
		}
		fn(key, b[i:vend])
		i = skipSpace(b, vend)
		if i >= len(b) {
			return errMalformedObject
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return nil
		default:
			return errMalformedObject
		}
	}
}

// scanArray calls fn with each element of the JSON array b, in order,
// stopping at the first error fn returns.
func scanArray(b []byte, fn func(elem []byte) error) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return errMalformedArray
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return nil
	}
	for {
		end := endValue(b, i)
		if end < 0 {
			return errMalformedArray
		}
		if err := fn(b[i:end]); err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i >= len(b) {
			return errMalformedArray
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case ']':
			return nil
		default:
			return errMalformedArray
		}
	}
}

// objectKey returns the text of a quoted key, as encoding/json reads it
// (escapes decoded, invalid UTF-8 replaced).
func objectKey(quoted []byte) ([]byte, error) {
	inner := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return inner, nil
	}
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return nil, errMalformedObject
	}
	return []byte(s), nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// endString returns the index just past the string that opens at b[i], or
// -1 when it does not end.
func endString(b []byte, i int) int {
	for j := i + 1; ; {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		k += j
		escapes := 0
		for m := k - 1; m > i && b[m] == '\\'; m-- {
			escapes++
		}
		if escapes%2 == 0 {
			return k + 1
		}
		j = k + 1
	}
}

// endValue returns the index just past the value that starts at b[i], or -1.
func endValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return endString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				k := endString(b, j)
				if k < 0 {
					return -1
				}
				j = k - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && !isSpace(b[j]) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
