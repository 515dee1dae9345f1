package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/internal/exampletest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	t.Parallel()
	for _, v := range exampletest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			got, srv := exampletest.Run(t, func(ctx context.Context, client *didww.Client, out io.Writer) error {
				return run(ctx, client, out, "pbx.test")
			}, exampletest.AtVersion(v))
			orders := srv.Orders(srv.APIKey)
			require.Len(t, orders, 1)
			client := srv.Client()
			dids, err := client.DIDs.List(t.Context(), &didww.DIDListOptions{OrderID: orders[0].ID, Include: []string{"voice_in_trunk"}})
			require.NoError(t, err)
			require.Len(t, dids.Items, qty, "the order's DIDs on the server")
			trunks, err := client.VoiceInTrunks.List(t.Context(), nil)
			require.NoError(t, err)
			require.Len(t, trunks.Items, 1, "one trunk made for the purpose")
			trunk := trunks.Items[0]
			sip, ok := trunk.Configuration.(*didww.SIPConfiguration)
			require.True(t, ok, "a SIP trunk")
			assert.Equal(t, "pbx.test", sip.Host)
			assert.Contains(t, got, "rings sip:{CALL_DID}@pbx.test\n")
			for _, d := range dids.Items {
				require.NotNil(t, d.VoiceInTrunk, "DID %s is routed", d.Number)
				assert.Equal(t, trunk.ID, d.VoiceInTrunk.ID, "DID %s rings the new trunk", d.Number)
				assert.Contains(t, got, "+"+d.Number+" ", "output names %s", d.Number)
			}
			assert.Equal(t, qty, strings.Count(got, "rings trunk \""+trunk.Name+"\""), "output:\n%s", got)
		})
	}
}
