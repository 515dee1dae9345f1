package example

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/didww-go/didww"
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
			if err != nil || got != tc.want {
				t.Errorf("Environment() = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestEnvironmentRefusesOthers(t *testing.T) {
	t.Setenv(EnvEnvironment, "staging")
	got, err := Environment()
	if err == nil || got != "" {
		t.Fatalf("Environment() = %q, %v; want an error", got, err)
	}
	if want := `DIDWW_ENVIRONMENT="staging": want sandbox or production`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
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
			if err != nil || got != tc.want {
				t.Errorf("APIVersion() = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestAPIVersionRefusesOthers(t *testing.T) {
	t.Setenv(EnvAPIVersion, "2022-05-10")
	got, err := APIVersion()
	if err == nil || got != didww.DefaultAPIVersion {
		t.Fatalf("APIVersion() = %q, %v; want an error", got, err)
	}
	if want := `DIDWW_API_VERSION="2022-05-10": want 2026-04-16 or 2026-11-19`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
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
	if err != nil {
		t.Fatal(err)
	}
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
			if err != nil || rec.calls != 1 || out.String() != tc.want {
				t.Errorf("Run = %v, %d calls, out %q; want nil, 1, %q", err, rec.calls, out.String(), tc.want)
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
				if err != nil || rec.calls != 1 || out.String() != "Using the DIDWW API at https://api.didww.com/v3.\n\nran\n" {
					t.Errorf("Run = %v, %d calls, out %q; want it to run", err, rec.calls, out.String())
				}
				return
			}
			want := "this example buys " + tc.buys + "; against production set DIDWW_CONFIRM_PURCHASE=yes to go ahead"
			if err == nil || err.Error() != want || rec.calls != 0 || out.Len() != 0 {
				t.Errorf("Run = %v, %d calls, out %q; want %q, no call, nothing printed", err, rec.calls, out.String(), want)
			}
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Error("the refusal shows the API key")
			}
		})
	}
}

func TestRunReturnsProgramError(t *testing.T) {
	rec := recorder{err: errors.New("list countries: boom")}
	var out bytes.Buffer
	err := Run(t.Context(), Program{Name: "browse"}, newClient(t, didww.Sandbox), &out, rec.run)
	if err != rec.err {
		t.Errorf("Run = %v, want the program's error", err)
	}
	if !strings.HasSuffix(out.String(), "\n\nran\n") {
		t.Errorf("out = %q, want the banner then the program's output", out.String())
	}
}
