package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/exampletest"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			got, _ := exampletest.Run(t, run, exampletest.AtVersion(v))
			for _, want := range []string{"US  +1    United States\n", "GB  +44   United Kingdom\n"} {
				if !strings.Contains(got, want) {
					t.Errorf("output lacks %q\noutput:\n%s", want, got)
				}
			}
		})
	}
}

func TestRunWrongKey(t *testing.T) {
	t.Parallel()
	srv := didwwtest.NewServer()
	defer srv.Close()
	client, err := didww.NewClient("not-the-key", didww.WithBaseURL(srv.URL), didww.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	err = run(t.Context(), client, &out)
	if !errors.Is(err, didww.ErrUnauthorized) || !strings.Contains(err.Error(), "a production key needs didww.WithEnvironment(didww.Production)") {
		t.Fatalf("run = %v, want ErrUnauthorized with the hint", err)
	}
	if strings.Contains(err.Error(), "not-the-key") || out.Len() != 0 {
		t.Errorf("error %q shows the key, or output %q is not empty", err, out.String())
	}
}
