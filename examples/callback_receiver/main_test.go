package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			cfg := config{secret: "example-secret", listen: "127.0.0.1:0", waitAtMost: 5 * time.Second}
			got, srv := exampletest.Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
				return run(ctx, client, out, cfg)
			}, didwwtest.WithCallbackSecret("example-secret"), exampletest.AtVersion(v))
			orders := srv.Orders(srv.APIKey)
			if len(orders) != 1 {
				t.Fatalf("server has %d orders, want 1", len(orders))
			}
			o := orders[0]
			for _, re := range []string{
				`(?m)^Receiver   listening on 127\.0\.0\.1:\d+, callback_url http://127\.0\.0\.1:\d+/didww/callback$`,
				`(?m)^Ordered    ` + o.Reference + `: (pending, amount 0\.09; the callback comes when it completes|completed, amount 0\.09; the callback for that status is on its way)$`,
				`(?m)^Callback   POST /didww/callback, X-DIDWW-Signature [0-9a-f]{12}… verified, answered 200$`,
				`(?m)^           orders ` + o.ID + ` is completed$`,
			} {
				if !regexp.MustCompile(re).MatchString(got) {
					t.Errorf("output does not match %s\noutput:\n%s", re, got)
				}
			}
			if !strings.HasPrefix(o.CallbackURL, "http://127.0.0.1:") || !strings.HasSuffix(o.CallbackURL, callbackPath) {
				t.Errorf("order callback_url = %q, want the local receiver", o.CallbackURL)
			}
			srv.Close() // waits for deliveries in flight
			cbs := srv.Callbacks()
			if len(cbs) != 1 || cbs[0].OrderID != o.ID || cbs[0].Method != "POST" || cbs[0].StatusCode != 200 {
				t.Errorf("callbacks = %+v, want one POST answered 200", cbs)
			}
		})
	}
}

func TestRunRefusesWrongSignature(t *testing.T) {
	t.Parallel()
	srv := didwwtest.NewServer(didwwtest.WithCallbackSecret("the-real-secret"))
	defer srv.Close()

	var out bytes.Buffer
	cfg := config{secret: "another-secret", listen: "127.0.0.1:0", waitAtMost: 500 * time.Millisecond}
	err := run(t.Context(), srv.Client(), &out, cfg)
	if err == nil || !strings.Contains(err.Error(), "no callback for order") {
		t.Fatalf("run = %v, want no verified callback\noutput:\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Refused    a POST request: answered 401\n") {
		t.Errorf("output does not show the refused callback:\n%s", out.String())
	}
}

func TestStartRealAPIWithoutPublicURL(t *testing.T) {
	t.Setenv("DIDWW_CALLBACK_URL", "")
	t.Setenv("DIDWW_CALLBACK_SECRET", "")
	t.Setenv("DIDWW_CALLBACK_LISTEN", "")

	client, err := didww.NewClient("callback-example-key")
	if err != nil {
		t.Fatal(err)
	}
	cfg := configFromEnv()
	if cfg.listen != "127.0.0.1:8080" || !cfg.needsPublicURL {
		t.Errorf("configFromEnv = %+v, want listen 127.0.0.1:8080 and a public URL needed", cfg)
	}
	var out bytes.Buffer
	if err := start(t.Context(), client, &out, cfg); err != nil {
		t.Fatalf("start: %v", err)
	}
	got := out.String()
	for _, want := range []string{"DIDWW_CALLBACK_URL", "DIDWW_CALLBACK_SECRET", "Nothing was ordered."} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "callback-example-key") {
		t.Error("output shows the API key")
	}
}

func TestStartRefusesProductionWithoutConfirmation(t *testing.T) {
	t.Setenv("DIDWW_CONFIRM_PURCHASE", "")
	client, err := didww.NewClient("callback-example-key", didww.WithEnvironment(didww.Production))
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{secret: "s", publicURL: "https://example.com/cb", listen: "127.0.0.1:0", needsPublicURL: true}
	var out bytes.Buffer
	err = start(t.Context(), client, &out, cfg)
	if err == nil || !strings.Contains(err.Error(), "DIDWW_CONFIRM_PURCHASE=yes") {
		t.Fatalf("start = %v, want the production guard", err)
	}
	if out.Len() != 0 {
		t.Errorf("output = %q, want nothing before the guard", out.String())
	}
}
