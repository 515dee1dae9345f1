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
)

func TestRun(t *testing.T) {
	t.Parallel()
	var gotURL string
	out, srv := Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
		gotURL = client.BaseURL()
		if ctx.Err() != nil {
			t.Errorf("context already done: %v", ctx.Err())
		}
		_, err := io.WriteString(out, "hello\n")
		return err
	}, didwwtest.WithBalance("3.00"))
	if out != "hello\n" {
		t.Errorf("out = %q, want %q", out, "hello\n")
	}
	if srv == nil || gotURL != srv.URL {
		t.Fatalf("run's client talks to %q, want the returned server", gotURL)
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
