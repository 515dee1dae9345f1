package didwwtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// These tests change the environment with t.Setenv, so they cannot run in
// parallel. None of them sends a request to the real API: NewClient does not
// call the network.

const envTestKey = "env-test-secret-key-1234"

func TestClientFromEnvUnsetStartsServer(t *testing.T) {
	t.Setenv(didwwtest.EnvAPIKey, "")
	t.Setenv(didwwtest.EnvEnvironment, "nonsense") // ignored without a key

	client, srv, closeFn, err := didwwtest.ClientFromEnv()
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
	if len(page.Items) != 1 || page.Items[0].ID != didwwtest.CountryUSID {
		t.Fatalf("countries = %+v, want only the US", page.Items)
	}
	if got := srv.Balance(srv.APIKey); got != didwwtest.DefaultBalance {
		t.Errorf("balance = %q, want %q", got, didwwtest.DefaultBalance)
	}

	closeFn()
	if _, err := client.Countries.List(context.Background(), nil); err == nil {
		t.Error("a request after closeFn succeeded: the server still runs")
	}
}

func TestClientFromEnvWithServerOptions(t *testing.T) {
	t.Setenv(didwwtest.EnvAPIKey, "")

	client, srv, closeFn, err := didwwtest.ClientFromEnvWith(
		[]didwwtest.Option{didwwtest.WithBalance("5.00"), didwwtest.WithAPIKey("local-key")},
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
	t.Setenv(didwwtest.EnvAPIKey, "")

	_, srv, closeFn, err := didwwtest.ClientFromEnvWith([]didwwtest.Option{didwwtest.WithBalance("lots")})
	if err == nil || srv != nil || closeFn == nil {
		t.Fatalf("bad balance: err %v, srv %v, closeFn nil %v; want an error, no server, a no-op closeFn", err, srv, closeFn == nil)
	}
	closeFn()

	_, srv, closeFn, err = didwwtest.ClientFromEnv(didww.WithHTTPClient(nil))
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
			t.Setenv(didwwtest.EnvAPIKey, envTestKey)
			t.Setenv(didwwtest.EnvEnvironment, tc.env)
			client, srv, closeFn, err := didwwtest.ClientFromEnv()
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
	t.Setenv(didwwtest.EnvAPIKey, envTestKey)
	t.Setenv(didwwtest.EnvEnvironment, "staging")

	client, srv, closeFn, err := didwwtest.ClientFromEnv()
	if err == nil {
		t.Fatal("DIDWW_ENVIRONMENT=staging: no error")
	}
	if client != nil || srv != nil || closeFn == nil {
		t.Errorf("got client %v, srv %v, closeFn nil %v; want nil, nil, a no-op", client, srv, closeFn == nil)
	}
	closeFn()
	msg := err.Error()
	if !strings.Contains(msg, didwwtest.EnvEnvironment) || !strings.Contains(msg, "staging") {
		t.Errorf("error %q does not name the variable and its value", msg)
	}
	if strings.Contains(msg, envTestKey) {
		t.Errorf("error %q shows the API key", msg)
	}
}
