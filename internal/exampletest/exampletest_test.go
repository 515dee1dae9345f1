package exampletest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	t.Parallel()
	var gotURL string
	out, srv := Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
		gotURL = client.BaseURL()
		assert.NoError(t, ctx.Err(), "context already done")
		_, err := io.WriteString(out, "hello\n")
		return err
	}, didwwtest.WithBalance("3.00"))
	assert.Equal(t, "hello\n", out, "out")
	require.NotNil(t, srv, "run's client talks to %q, want the returned server", gotURL)
	require.Equal(t, srv.URL, gotURL, "run's client talks to %q, want the returned server", gotURL)
	got := srv.Balance(srv.APIKey)
	assert.Equal(t, "3.00", got, "balance = %q, want 3.00: options not applied", got)
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

func TestRunFailsOnRunError(t *testing.T) {
	t.Parallel()
	rec := &fatalRecorder{TB: t}
	returned := false
	done := make(chan struct{})
	go func() {
		defer close(done)
		Run(rec, func(_ context.Context, _ *didww.Client, out io.Writer) error {
			_, _ = io.WriteString(out, "partial\n")
			return errors.New("boom")
		})
		returned = true
	}()
	<-done
	if returned {
		t.Error("Run returned after run failed")
	}
	if want := "run: boom\noutput:\npartial\n"; rec.fatal != want {
		t.Errorf("Fatalf message = %q, want %q", rec.fatal, want)
	}
}

// AtVersion sets the version Run's client speaks, and the account's.
func TestRunAtVersion(t *testing.T) {
	t.Parallel()
	for _, v := range Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			var got string
			_, srv := Run(t, func(ctx context.Context, client *didww.Client, _ io.Writer) error {
				got = client.APIVersion()
				p, err := client.Countries.List(ctx, nil)
				if err == nil && p.Meta.APIVersion != v {
					err = fmt.Errorf("served at %q", p.Meta.APIVersion)
				}
				return err
			}, AtVersion(v))
			assert.Equal(t, v, got, "client speaks")
			minted := false
			for _, r := range srv.RequestLog() {
				minted = minted || r.Path == "/token"
			}
			assert.Equal(t, v == didww.APIVersion20261119, minted, "minted a token")
		})
	}
}
