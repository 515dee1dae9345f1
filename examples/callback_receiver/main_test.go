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
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			require.Len(t, orders, 1, "server has %d orders, want 1", len(orders))
			o := orders[0]
			for _, re := range []string{
				`(?m)^Receiver   listening on 127\.0\.0\.1:\d+, callback_url http://127\.0\.0\.1:\d+/didww/callback$`,
				`(?m)^Ordered    ` + o.Reference + `: (pending, amount 0\.09; the callback comes when it completes|completed, amount 0\.09; the callback for that status is on its way)$`,
				`(?m)^Callback   POST /didww/callback, X-DIDWW-Signature [0-9a-f]{12}… verified, answered 200$`,
				`(?m)^           orders ` + o.ID + ` is completed$`,
			} {
				assert.True(t, regexp.MustCompile(re).MatchString(got), "output does not match %s\noutput:\n%s", re, got)
			}
			assert.True(t, strings.HasPrefix(o.CallbackURL, "http://127.0.0.1:"), "order callback_url = %q, want the local receiver", o.CallbackURL)
			assert.True(t, strings.HasSuffix(o.CallbackURL, callbackPath), "order callback_url = %q, want the local receiver", o.CallbackURL)
			srv.Close() // waits for deliveries in flight
			cbs := srv.Callbacks()
			if assert.Len(t, cbs, 1, "callbacks = %+v, want one POST answered 200", cbs) {
				assert.Equal(t, o.ID, cbs[0].OrderID, "callbacks = %+v, want one POST answered 200", cbs)
				assert.Equal(t, "POST", cbs[0].Method, "callbacks = %+v, want one POST answered 200", cbs)
				assert.Equal(t, 200, cbs[0].StatusCode, "callbacks = %+v, want one POST answered 200", cbs)
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
	require.Error(t, err, "run = %v, want no verified callback\noutput:\n%s", err, out.String())
	require.Contains(t, err.Error(), "no callback for order", "run = %v, want no verified callback\noutput:\n%s", err, out.String())
	assert.Contains(t, out.String(), "Refused    a POST request: answered 401\n", "output does not show the refused callback:\n")
}

func TestStartRealAPIWithoutPublicURL(t *testing.T) {
	t.Setenv("DIDWW_CALLBACK_URL", "")
	t.Setenv("DIDWW_CALLBACK_SECRET", "")
	t.Setenv("DIDWW_CALLBACK_LISTEN", "")

	client, err := didww.NewClient("callback-example-key")
	require.NoError(t, err)
	cfg := configFromEnv()
	assert.Equal(t, "127.0.0.1:8080", cfg.listen, "configFromEnv = %+v, want listen 127.0.0.1:8080 and a public URL needed", cfg)
	assert.True(t, cfg.needsPublicURL, "configFromEnv = %+v, want listen 127.0.0.1:8080 and a public URL needed", cfg)
	var out bytes.Buffer
	require.NoError(t, start(t.Context(), client, &out, cfg), "start")
	got := out.String()
	for _, want := range []string{"DIDWW_CALLBACK_URL", "DIDWW_CALLBACK_SECRET", "Nothing was ordered."} {
		assert.Contains(t, got, want, "output lacks")
	}
	assert.NotContains(t, got, "callback-example-key", "output shows the API key")
}

func TestStartRefusesProductionWithoutConfirmation(t *testing.T) {
	t.Setenv("DIDWW_CONFIRM_PURCHASE", "")
	client, err := didww.NewClient("callback-example-key", didww.WithEnvironment(didww.Production))
	require.NoError(t, err)
	cfg := config{secret: "s", publicURL: "https://example.com/cb", listen: "127.0.0.1:0", needsPublicURL: true}
	var out bytes.Buffer
	err = start(t.Context(), client, &out, cfg)
	require.Error(t, err, "start = %v, want the production guard", err)
	require.Contains(t, err.Error(), "DIDWW_CONFIRM_PURCHASE=yes", "start = %v, want the production guard", err)
	assert.Equal(t, 0, out.Len(), "output = %q, want nothing before the guard", out.String())
}
