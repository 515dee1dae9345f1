package main

import (
	"flag"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunHelpIsNotAFailure(t *testing.T) {
	t.Parallel()
	err := run([]string{"-h"})
	require.ErrorIs(t, err, flag.ErrHelp, "run(-h) = %v, want flag.ErrHelp, which main treats as success", err)
}

func TestRunRefusesUnknownFlag(t *testing.T) {
	t.Parallel()
	err := run([]string{"-no-such-flag"})
	require.Error(t, err, "run(-no-such-flag) = %v, want a failure", err)
	require.NotErrorIs(t, err, flag.ErrHelp, "run(-no-such-flag) = %v, want a failure", err)
}
