package main

import (
	"context"
	"io"
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
	got, srv := exampletest.Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
		return run(ctx, client, out, true)
	}, didwwtest.WithOrderCompletionDelay(0), didwwtest.WithVerificationDelay(0))
	client := srv.Client()
	vs, err := client.AddressVerifications.List(t.Context(), &didww.AddressVerificationListOptions{Include: []string{"dids"}})
	require.NoError(t, err)
	require.Len(t, vs.Items, 1, "one verification submitted")
	v := vs.Items[0]
	assert.Equal(t, didww.AddressVerificationApproved, v.Status)
	require.Len(t, v.DIDs, 1)
	assert.False(t, v.DIDs[0].AwaitingRegistration, "the number is registered")
	assert.Contains(t, got, "Verification "+v.Reference+": pending\n")
	assert.Contains(t, got, "decided:   approved")
	assert.Contains(t, got, "+"+v.DIDs[0].Number+" awaiting registration: false\n")
	proofs, err := client.Proofs.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, proofs.Items, 2, "an identity proof and an address proof")
	docs, err := client.PermanentSupportingDocuments.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, docs.Items, 1, "the permanent form")
}

func TestDocumentIsAPDF(t *testing.T) {
	t.Parallel()
	d := document("a.pdf", "hello")
	require.Len(t, d, 1)
	s := string(d[0].Content)
	assert.True(t, strings.HasPrefix(s, "%PDF-1.4\n"))
	assert.True(t, strings.HasSuffix(s, "%%EOF\n"))
	assert.Contains(t, s, "/Length 36 >>")
}
