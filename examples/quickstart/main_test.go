package main

import (
	"strings"
	"testing"

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
			got, _ := exampletest.Run(t, run, exampletest.AtVersion(v))
			for _, want := range []string{"US  +1    United States\n", "GB  +44   United Kingdom\n"} {
				assert.Contains(t, got, want, "output lacks %q\noutput:\n%s", want, got)
			}
		})
	}
}

func TestRunWrongKey(t *testing.T) {
	t.Parallel()
	srv := didwwtest.NewServer()
	defer srv.Close()
	client, err := didww.NewClient("not-the-key", didww.WithBaseURL(srv.URL), didww.WithMaxRetries(0))
	require.NoError(t, err)
	var out strings.Builder
	err = run(t.Context(), client, &out)
	require.ErrorIs(t, err, didww.ErrUnauthorized, "run = %v, want ErrUnauthorized with the hint", err)
	require.Contains(t, err.Error(), "a production key needs didww.WithEnvironment(didww.Production)", "run = %v, want ErrUnauthorized with the hint", err)
	assert.NotContains(t, err.Error(), "not-the-key", "error %q shows the key, or output %q is not empty", err, out.String())
	assert.Equal(t, 0, out.Len(), "error %q shows the key, or output %q is not empty", err, out.String())
}
