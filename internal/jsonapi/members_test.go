package jsonapi

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastSamples are the fields whose values the decoder reads without
// encoding/json when it can.
type fastSamples struct {
	S   string
	K   tKind
	B   bool
	I   int
	I8  int8
	I64 int64
}

// FuzzMemberShortcuts: whatever JSON value comes, a member reads it exactly
// as encoding/json does: the same value, and an error when it gives one.
func FuzzMemberShortcuts(f *testing.F) {
	for _, s := range []string{`"plain"`, `"esc\"aped\n"`, `"\u00e9t\u00e9"`, `"été"`, "\"\xff\"", `""`, `true`, `false`, `0`, `-0`, `7`, `-128`, `128`,
		`9223372036854775807`, `9223372036854775808`, `123456789012345678`, `1.5`, `1e3`, `null`, `[]`, `{}`, `"7"`, `"Voice"`} {
		f.Add([]byte(s))
	}
	typ := reflect.TypeFor[fastSamples]()
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) || raw[0] == 'n' || raw[0] == ' ' || raw[len(raw)-1] == ' ' {
			return // the decoder hands members only trimmed non-null values
		}
		for i := 0; i < typ.NumField(); i++ {
			m, err := newMember(i, typ.Field(i), []string{"x"})
			require.NoError(t, err)
			got, want := reflect.New(typ).Elem(), reflect.New(typ).Elem()
			gotErr := m.set(got.Field(i), raw)
			wantErr := json.Unmarshal(raw, want.Field(i).Addr().Interface())
			assert.Equal(t, wantErr == nil, gotErr == nil, "%s from %q: %v / %v", typ.Field(i).Name, raw, gotErr, wantErr)
			if wantErr == nil {
				assert.Equal(t, want.Field(i).Interface(), got.Field(i).Interface(), "%s from %q", typ.Field(i).Name, raw)
			}
		}
	})
}

func TestMemberKinds(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[tPointers]()
	want := map[string]struct {
		kind valueKind
		ptr  bool
	}{
		"S": {kindString, true}, "B": {kindBool, true}, "N": {kindInt, true}, "When": {kindUnmarshaler, true},
		"Small": {kindInt, false}, "Kinds": {kindJSON, false}, "Values": {kindJSON, false},
	}
	for name, w := range want {
		f, _ := typ.FieldByName(name)
		m, err := newMember(f.Index[0], f, []string{"x"})
		require.NoError(t, err)
		assert.Equal(t, w.kind, m.kind, name)
		assert.Equal(t, w.ptr, m.ptr, name)
	}
}
