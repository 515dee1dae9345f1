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
)

func TestRun(t *testing.T) {
	t.Parallel()
	cfg := config{secret: "example-secret", listen: "127.0.0.1:0", waitAtMost: 5 * time.Second}
	got, srv := didwwtest.RunForTest(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
		return run(ctx, client, out, cfg)
	}, didwwtest.WithCallbackSecret("example-secret"))
	orders := srv.Orders(srv.APIKey)
	if len(orders) != 1 {
		t.Fatalf("server has %d orders, want 1", len(orders))
	}
	o := orders[0]
	for _, re := range []string{
		`(?m)^Receiver   listening on 127\.0\.0\.1:\d+, callback_url http://127\.0\.0\.1:\d+/didww/callback$`,
		`(?m)^Ordered    ` + o.Reference + `: (pending|completed), amount 0\.09; a callback follows when it completes$`,
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
}

func TestRunRefusesWrongSignature(t *testing.T) {
	t.Parallel()
	srv := didwwtest.NewServer(didwwtest.WithCallbackSecret("the-real-secret"))
	defer srv.Close()

	var out bytes.Buffer
	cfg := config{secret: "another-secret", listen: "127.0.0.1:0", waitAtMost: 500 * time.Millisecond}
	err := run(context.Background(), srv.Client(), &out, cfg)
	if err == nil || !strings.Contains(err.Error(), "no callback for order") {
		t.Fatalf("run = %v, want no verified callback\noutput:\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Refused    a POST request: answered 401\n") {
		t.Errorf("output does not show the refused callback:\n%s", out.String())
	}
}

func TestStartRealAPIWithoutPublicURL(t *testing.T) {
	t.Setenv(didwwtest.EnvAPIKey, "callback-example-key")
	t.Setenv(didwwtest.EnvEnvironment, "sandbox")
	t.Setenv("DIDWW_CALLBACK_URL", "")
	t.Setenv("DIDWW_CALLBACK_SECRET", "")

	// didwwtest.Main prints "Using the DIDWW API at ..." first; its tests
	// check that line.
	client, srv, closeFn, err := didwwtest.ClientFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	var out bytes.Buffer
	if err := start(context.Background(), client, srv, &out); err != nil {
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
