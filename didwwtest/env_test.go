package didwwtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/didww-go/didww"
)

// These tests change the environment with t.Setenv, so they cannot run in
// parallel. None of them sends a request to the real API: NewClient does not
// call the network.

const envTestKey = "env-test-secret-key-1234"

func TestClientFromEnvUnsetStartsServer(t *testing.T) {
	t.Setenv(EnvAPIKey, "")
	t.Setenv(EnvEnvironment, "nonsense") // ignored without a key

	client, srv, closeFn, err := ClientFromEnv()
	if err != nil {
		t.Fatalf("ClientFromEnv: %v", err)
	}
	if srv == nil || client == nil || closeFn == nil {
		t.Fatalf("got client %v, server %v, closeFn nil %v", client, srv, closeFn == nil)
	}
	if got := client.BaseURL(); got != srv.URL {
		t.Errorf("BaseURL = %q, want the server's %q", got, srv.URL)
	}
	page, err := client.Countries.List(context.Background(), &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		t.Fatalf("list countries: %v", err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != CountryUSID {
		t.Fatalf("countries = %+v, want only the US", page.Items)
	}
	if got := srv.Balance(srv.APIKey); got != DefaultBalance {
		t.Errorf("balance = %q, want %q", got, DefaultBalance)
	}

	closeFn()
	if _, err := client.Countries.List(context.Background(), nil); err == nil {
		t.Error("a request after closeFn succeeded: the server still runs")
	}
}

func TestClientFromEnvWithServerOptions(t *testing.T) {
	t.Setenv(EnvAPIKey, "")

	client, srv, closeFn, err := ClientFromEnvWith(
		[]Option{WithBalance("5.00"), WithAPIKey("local-key")},
		didww.WithUserAgent("env-test/1"),
	)
	if err != nil {
		t.Fatalf("ClientFromEnvWith: %v", err)
	}
	defer closeFn()
	if srv.APIKey != "local-key" {
		t.Errorf("APIKey = %q, want local-key", srv.APIKey)
	}
	if got := srv.Balance("local-key"); got != "5.00" {
		t.Errorf("balance = %q, want 5.00", got)
	}
	if _, err := client.DIDGroupTypes.List(context.Background(), nil); err != nil {
		t.Fatalf("list DID group types: %v", err)
	}
}

func TestClientFromEnvBadOptionsAreErrors(t *testing.T) {
	t.Setenv(EnvAPIKey, "")

	_, srv, closeFn, err := ClientFromEnvWith([]Option{WithBalance("lots")})
	if err == nil || srv != nil || closeFn == nil {
		t.Fatalf("bad balance: err %v, srv %v, closeFn nil %v; want an error, no server, a no-op closeFn", err, srv, closeFn == nil)
	}
	closeFn()

	_, srv, closeFn, err = ClientFromEnv(didww.WithHTTPClient(nil))
	if err == nil || srv != nil {
		t.Fatalf("bad client option: err %v, srv %v; want an error and no server", err, srv)
	}
	closeFn()
}

func TestClientFromEnvRealAPI(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want didww.Environment
	}{
		{"", didww.Sandbox},
		{"sandbox", didww.Sandbox},
		{"production", didww.Production},
		{" Production ", didww.Production},
	} {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv(EnvAPIKey, envTestKey)
			t.Setenv(EnvEnvironment, tc.env)
			client, srv, closeFn, err := ClientFromEnv()
			if err != nil {
				t.Fatalf("ClientFromEnv: %v", err)
			}
			defer closeFn()
			if srv != nil {
				t.Errorf("srv = %v, want nil for the real API", srv)
			}
			if got := client.BaseURL(); got != string(tc.want) {
				t.Errorf("BaseURL = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestClientFromEnvBadEnvironment(t *testing.T) {
	t.Setenv(EnvAPIKey, envTestKey)
	t.Setenv(EnvEnvironment, "staging")

	client, srv, closeFn, err := ClientFromEnv()
	if err == nil {
		t.Fatal("DIDWW_ENVIRONMENT=staging: no error")
	}
	if client != nil || srv != nil || closeFn == nil {
		t.Errorf("got client %v, srv %v, closeFn nil %v; want nil, nil, a no-op", client, srv, closeFn == nil)
	}
	closeFn()
	msg := err.Error()
	if !strings.Contains(msg, EnvEnvironment) || !strings.Contains(msg, "staging") {
		t.Errorf("error %q does not name the variable and its value", msg)
	}
	if strings.Contains(msg, envTestKey) {
		t.Errorf("error %q shows the API key", msg)
	}
}

// mainRecorder is a MainFunc that records how it was called.
type mainRecorder struct {
	calls  int
	client *didww.Client
	srv    *Server
	err    error // what it returns
}

func (r *mainRecorder) run(_ context.Context, client *didww.Client, srv *Server, out io.Writer) error {
	r.calls++
	r.client, r.srv = client, srv
	io.WriteString(out, "ran\n")
	return r.err
}

func TestMainInMemory(t *testing.T) {
	t.Setenv(EnvAPIKey, "")

	var rec mainRecorder
	var stdout, stderr bytes.Buffer
	code := runMain(context.Background(), "example", MainOptions{Buys: "numbers", ServerOptions: []Option{WithBalance("7.00")}}, rec.run, &stdout, &stderr)
	if code != 0 || stderr.Len() != 0 {
		t.Fatalf("runMain = %d, stderr %q; want 0 and nothing", code, stderr.String())
	}
	if rec.calls != 1 || rec.srv == nil || rec.client == nil {
		t.Fatalf("run called %d times with client %v, srv %v; want once with the in-memory server", rec.calls, rec.client, rec.srv)
	}
	want := "Using the in-memory DIDWW API at " + rec.srv.URL + " (set DIDWW_API_KEY to use your account).\n\nran\n"
	if got := stdout.String(); got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got := rec.srv.Balance(rec.srv.APIKey); got != "7.00" {
		t.Errorf("balance = %q, want 7.00: ServerOptions not applied", got)
	}
	if got := rec.client.BaseURL(); got != rec.srv.URL {
		t.Errorf("client BaseURL = %q, want %q", got, rec.srv.URL)
	}
	// The server is closed once run returns.
	if _, err := rec.client.Countries.List(context.Background(), nil); err == nil {
		t.Error("the in-memory server still answers after runMain")
	}
}

func TestMainRealAPIBanner(t *testing.T) {
	t.Setenv(EnvAPIKey, envTestKey)
	t.Setenv(EnvEnvironment, "sandbox")
	t.Setenv(EnvConfirmPurchase, "") // sandbox buys need no confirmation

	var rec mainRecorder
	var stdout, stderr bytes.Buffer
	if code := runMain(context.Background(), "example", MainOptions{Buys: "a number"}, rec.run, &stdout, &stderr); code != 0 {
		t.Fatalf("runMain = %d, stderr %q; want 0", code, stderr.String())
	}
	if want := "Using the DIDWW API at https://sandbox-api.didww.com/v3.\n\nran\n"; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
	if rec.srv != nil {
		t.Errorf("srv = %v, want nil for the real API", rec.srv)
	}
	if strings.Contains(stdout.String()+stderr.String(), envTestKey) {
		t.Error("runMain printed the API key")
	}
}

func TestMainProductionPurchaseGuard(t *testing.T) {
	t.Setenv(EnvAPIKey, envTestKey)
	t.Setenv(EnvEnvironment, "production")

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
			var rec mainRecorder
			var stdout, stderr bytes.Buffer
			code := runMain(context.Background(), "buyer", MainOptions{Buys: tc.buys}, rec.run, &stdout, &stderr)
			if tc.wantRun {
				if code != 0 || rec.calls != 1 || stdout.String() != "Using the DIDWW API at https://api.didww.com/v3.\n\nran\n" {
					t.Errorf("runMain = %d, %d calls, stdout %q, stderr %q; want it to run", code, rec.calls, stdout.String(), stderr.String())
				}
				return
			}
			want := "buyer: this example buys " + tc.buys + "; against production set DIDWW_CONFIRM_PURCHASE=yes to go ahead\n"
			if code != 1 || rec.calls != 0 || stdout.Len() != 0 || stderr.String() != want {
				t.Errorf("runMain = %d, %d calls, stdout %q, stderr %q; want 1, no call, nothing, %q", code, rec.calls, stdout.String(), stderr.String(), want)
			}
			if strings.Contains(stderr.String(), envTestKey) {
				t.Error("the refusal shows the API key")
			}
		})
	}
}

func TestMainRunErrorHasName(t *testing.T) {
	t.Setenv(EnvAPIKey, "")

	rec := mainRecorder{err: errors.New("list countries: boom")}
	var stdout, stderr bytes.Buffer
	code := runMain(context.Background(), "browse", MainOptions{}, rec.run, &stdout, &stderr)
	if code != 1 || stderr.String() != "browse: list countries: boom\n" {
		t.Errorf("runMain = %d, stderr %q; want 1 and %q", code, stderr.String(), "browse: list countries: boom\n")
	}
	if !strings.HasSuffix(stdout.String(), "\n\nran\n") {
		t.Errorf("stdout = %q, want the banner then run's output", stdout.String())
	}
}

func TestMainClientErrorHasName(t *testing.T) {
	t.Setenv(EnvAPIKey, envTestKey)
	t.Setenv(EnvEnvironment, "staging")

	var rec mainRecorder
	var stdout, stderr bytes.Buffer
	code := runMain(context.Background(), "browse", MainOptions{}, rec.run, &stdout, &stderr)
	want := "browse: didwwtest: DIDWW_ENVIRONMENT=\"staging\": want sandbox or production\n"
	if code != 1 || rec.calls != 0 || stdout.Len() != 0 || stderr.String() != want {
		t.Errorf("runMain = %d, %d calls, stdout %q, stderr %q; want 1, no call, nothing, %q", code, rec.calls, stdout.String(), stderr.String(), want)
	}
}

func TestRunForTest(t *testing.T) {
	var gotSrvURL string
	out, srv := RunForTest(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
		gotSrvURL = client.BaseURL()
		if ctx.Err() != nil {
			t.Errorf("context already done: %v", ctx.Err())
		}
		_, err := io.WriteString(out, "hello\n")
		return err
	}, WithBalance("3.00"))
	if out != "hello\n" {
		t.Errorf("out = %q, want %q", out, "hello\n")
	}
	if srv == nil || gotSrvURL != srv.URL {
		t.Fatalf("run's client talks to %q, want the returned server", gotSrvURL)
	}
	if got := srv.Balance(srv.APIKey); got != "3.00" {
		t.Errorf("balance = %q, want 3.00: options not applied", got)
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message and stops
// the goroutine, as testing.T's does, without failing the real test.
type fatalRecorder struct {
	testing.TB
	fatal string
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestRunForTestFailsOnRunError(t *testing.T) {
	rec := &fatalRecorder{TB: t}
	returned := false
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunForTest(rec, func(_ context.Context, _ *didww.Client, out io.Writer) error {
			io.WriteString(out, "partial\n")
			return errors.New("boom")
		})
		returned = true
	}()
	<-done
	if returned {
		t.Error("RunForTest returned after run failed")
	}
	if want := "run: boom\noutput:\npartial\n"; rec.fatal != want {
		t.Errorf("Fatalf message = %q, want %q", rec.fatal, want)
	}
}
