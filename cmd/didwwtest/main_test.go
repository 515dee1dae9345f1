package main

import (
	"errors"
	"flag"
	"testing"
)

func TestRunHelpIsNotAFailure(t *testing.T) {
	t.Parallel()
	err := run([]string{"-h"})
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run(-h) = %v, want flag.ErrHelp, which main treats as success", err)
	}
}

func TestRunRefusesUnknownFlag(t *testing.T) {
	t.Parallel()
	err := run([]string{"-no-such-flag"})
	if err == nil || errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run(-no-such-flag) = %v, want a failure", err)
	}
}
