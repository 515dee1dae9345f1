package example

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests change the environment with t.Setenv, so they do not run in
// parallel. None of them sends a request.

const testKey = "example-test-secret-key-1234"

func TestEnvironment(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  didww.Environment
	}{
		{"", didww.Sandbox},
		{"sandbox", didww.Sandbox},
		{"production", didww.Production},
		{" Production ", didww.Production},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Setenv(EnvEnvironment, tc.value)
			got, err := Environment()
			if assert.NoError(t, err, "Environment()") {
				assert.Equal(t, tc.want, got, "Environment()")
			}
		})
	}
}

func TestEnvironmentRefusesOthers(t *testing.T) {
	t.Setenv(EnvEnvironment, "staging")
	got, err := Environment()
	require.Error(t, err, "Environment() = %q, %v; want an error", got, err)
	require.Empty(t, got, "Environment() = %q, %v; want an error", got, err)
	want := `DIDWW_ENVIRONMENT="staging": want sandbox or production`
	assert.Equal(t, want, err.Error(), "error = %q, want %q", err, want)
}

func TestAPIVersion(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"", didww.DefaultAPIVersion},
		{"2026-04-16", didww.APIVersion20260416},
		{" 2026-11-19 ", didww.APIVersion20261119},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Setenv(EnvAPIVersion, tc.value)
			got, err := APIVersion()
			if assert.NoError(t, err, "APIVersion()") {
				assert.Equal(t, tc.want, got, "APIVersion()")
			}
		})
	}
}

func TestAPIVersionRefusesOthers(t *testing.T) {
	t.Setenv(EnvAPIVersion, "2022-05-10")
	got, err := APIVersion()
	require.Error(t, err, "APIVersion() = %q, %v; want an error", got, err)
	require.Equal(t, didww.DefaultAPIVersion, got, "APIVersion() = %q, %v; want an error", got, err)
	want := `DIDWW_API_VERSION="2022-05-10": want 2026-04-16 or 2026-11-19`
	assert.Equal(t, want, err.Error(), "error = %q, want %q", err, want)
}

// recorder is a program body that records its calls.
type recorder struct {
	calls int
	err   error
}

func (r *recorder) run(_ context.Context, out io.Writer) error {
	r.calls++
	_, _ = io.WriteString(out, "ran\n")
	return r.err
}

func newClient(t *testing.T, env didww.Environment) *didww.Client {
	t.Helper()
	c, err := didww.NewClient(testKey, didww.WithEnvironment(env))
	require.NoError(t, err)
	return c
}

func TestRunBanner(t *testing.T) {
	t.Setenv(EnvConfirmPurchase, "")
	for _, tc := range []struct {
		name     string
		inMemory bool
		want     string
	}{
		{"real", false, "Using the DIDWW API at https://sandbox-api.didww.com/v3.\n\nran\n"},
		{"in memory", true, "Using the in-memory DIDWW API at https://sandbox-api.didww.com/v3 (set DIDWW_API_KEY to use your account).\n\nran\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec recorder
			var out bytes.Buffer
			err := Run(t.Context(), Program{Name: "x", Buys: "a number", InMemory: tc.inMemory}, newClient(t, didww.Sandbox), &out, rec.run)
			if assert.NoError(t, err, "Run = %v, %d calls, out %q; want nil, 1, %q", err, rec.calls, out.String(), tc.want) {
				assert.Equal(t, 1, rec.calls, "Run = %v, %d calls, out %q; want nil, 1, %q", err, rec.calls, out.String(), tc.want)
				assert.Equal(t, tc.want, out.String(), "Run = %v, %d calls, out %q; want nil, 1, %q", err, rec.calls, out.String(), tc.want)
			}
		})
	}
}

func TestRunProductionPurchaseGuard(t *testing.T) {
	for _, tc := range []struct {
		name    string
		buys    string
		confirm string
		wantRun bool
	}{
		{"buys, unconfirmed", "a number", "", false},
		{"buys, confirmed other than yes", "numbers", "true", false},
		{"buys, confirmed", "a number", "yes", true},
		{"only reads", "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvConfirmPurchase, tc.confirm)
			var rec recorder
			var out bytes.Buffer
			err := Run(t.Context(), Program{Name: "buyer", Buys: tc.buys}, newClient(t, didww.Production), &out, rec.run)
			if tc.wantRun {
				if assert.NoError(t, err, "Run = %v, %d calls, out %q; want it to run", err, rec.calls, out.String()) {
					assert.Equal(t, 1, rec.calls, "Run = %v, %d calls, out %q; want it to run", err, rec.calls, out.String())
					assert.Equal(t, "Using the DIDWW API at https://api.didww.com/v3.\n\nran\n", out.String(), "Run = %v, %d calls, out %q; want it to run", err, rec.calls, out.String())
				}
				return
			}
			want := "this example buys " + tc.buys + "; against production set DIDWW_CONFIRM_PURCHASE=yes to go ahead"
			if assert.Error(t, err, "Run = %v, %d calls, out %q; want %q, no call, nothing printed", err, rec.calls, out.String(), want) {
				assert.Equal(t, want, err.Error(), "Run = %v, %d calls, out %q; want %q, no call, nothing printed", err, rec.calls, out.String(), want)
				assert.Equal(t, 0, rec.calls, "Run = %v, %d calls, out %q; want %q, no call, nothing printed", err, rec.calls, out.String(), want)
				assert.Equal(t, 0, out.Len(), "Run = %v, %d calls, out %q; want %q, no call, nothing printed", err, rec.calls, out.String(), want)
			}
			if err != nil {
				assert.NotContains(t, err.Error(), testKey, "the refusal shows the API key")
			}
		})
	}
}

func TestRunReturnsProgramError(t *testing.T) {
	rec := recorder{err: errors.New("list countries: boom")}
	var out bytes.Buffer
	err := Run(t.Context(), Program{Name: "browse"}, newClient(t, didww.Sandbox), &out, rec.run)
	assert.True(t, err == rec.err, "Run = %v, want the program's error", err)
	assert.True(t, strings.HasSuffix(out.String(), "\n\nran\n"), "out = %q, want the banner then the program's output", out.String())
}
