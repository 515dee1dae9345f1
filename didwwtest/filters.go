package didwwtest

import (
	"slices"
	"strconv"
	"strings"
)

// Filter helpers. Comma-separated values match any of them.

func splitValues(v string) []string { return splitList(v) }

// fEq matches items whose value is one of the filter's, exactly: the docs
// say only name filters ignore case.
func fEq[T any](get func(T) string) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		want := splitValues(v)
		return func(it T) bool { return slices.Contains(want, get(it)) }, nil
	}
}

// fName is fEq ignoring case, as the docs say name filters do.
func fName[T any](get func(T) string) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		want := splitValues(v)
		return func(it T) bool {
			got := get(it)
			return slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(got, w) })
		}, nil
	}
}

// fAny matches items with any value among the filter's, exactly.
func fAny[T any](get func(T) []string) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		want := splitValues(v)
		return func(it T) bool {
			return slices.ContainsFunc(get(it), func(g string) bool { return slices.Contains(want, g) })
		}, nil
	}
}

// knownFeatures are the feature values 2026-04-16 documents (sms_out is
// not one: the API answers 400 to it).
var knownFeatures = []string{"voice_in", "voice_out", "t38", "sms_in", "p2p", "a2p", "emergency", "cnam_out"}

// fFeatures is fAny over features, refusing a value the API does not know.
func fFeatures[T any](name string, get func(T) []string) filterFn[T] {
	match := fAny(get)
	return func(v string) (func(T) bool, *apiError) {
		for _, f := range splitValues(v) {
			if !slices.Contains(knownFeatures, f) {
				return nil, invalidFilter(name, f)
			}
		}
		return match(v)
	}
}

func fBool[T any](name string, get func(T) bool) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		if v != "true" && v != "false" {
			return nil, invalidFilter(name, v)
		}
		want := v == "true"
		return func(it T) bool { return get(it) == want }, nil
	}
}

// fIntAtLeast matches items whose number is at least the filter's integer.
func fIntAtLeast[T any](name string, get func(T) int) filterFn[T] {
	return func(v string) (func(T) bool, *apiError) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, invalidFilter(name, v)
		}
		return func(it T) bool { return get(it) >= n }, nil
	}
}

func invalidFilter(name, v string) *apiError {
	return badRequest("107", "Invalid filter value", v+" is not a valid value for "+name+".")
}

func cmpStr(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
