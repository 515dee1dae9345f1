package e2e_test

import (
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A read-scope token reads, and every write it attempts is refused with
// an error the caller can tell apart, without a second token being minted.
func TestE2EReadScopeTokensOnlyRead(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	key := srv.NewAccount("10.00", didwwtest.APIVersion(didww.APIVersion20261119), didwwtest.ReadOnlyTokens())
	client, ctx := srv.ClientFor(key), e2eCtx(t)

	_, err := client.Countries.List(ctx, nil)
	require.NoError(t, err)
	before := srv.Requests()

	_, err = client.VoiceInTrunkGroups.Create(ctx, &didww.VoiceInTrunkGroupCreateRequest{Name: "read only"})
	require.Error(t, err)
	assert.ErrorIs(t, err, didww.ErrInsufficientScope)
	assert.ErrorIs(t, err, didww.ErrForbidden)
	assert.NotErrorIs(t, err, didww.ErrUnauthorized)
	assert.Contains(t, err.Error(), "a token with the read scope may only read")
	assert.Equal(t, before+1, srv.Requests(), "one request: a scope refusal is neither retried nor re-minted")

	err = client.VoiceOutTrunks.Delete(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, didww.ErrInsufficientScope)
	assert.NotErrorIs(t, err, didww.ErrOutboundDisabled, "the scope, not the outbound gate, refused it")
}

// From 2026-11-19 on the Outbound API gates every voice-out trunk endpoint;
// the outbound service alone no longer refuses the list.
func TestE2EVoiceOutTrunksNeedTheOutboundAPI(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	v := didwwtest.APIVersion(didww.APIVersion20261119)
	closed := srv.ClientFor(srv.NewAccount("10.00", v, didwwtest.OutboundAPI(false)))
	ctx := e2eCtx(t)

	_, err := closed.VoiceOutTrunks.List(ctx, nil)
	assert.ErrorIs(t, err, didww.ErrOutboundDisabled)
	_, err = closed.VoiceOutTrunks.Create(ctx, &didww.VoiceOutTrunkCreateRequest{Name: "pbx",
		AuthenticationMethod: didww.CredentialsAndIPAuthentication{}})
	assert.ErrorIs(t, err, didww.ErrOutboundDisabled)
	assert.NotErrorIs(t, err, didww.ErrOutcomeUnknown, "a 403 settles the outcome: nothing was made")
	_, err = closed.VoiceOutTrunks.RegenerateCredentials(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, didww.ErrOutboundDisabled)

	open := srv.ClientFor(srv.NewAccount("10.00", v, didwwtest.OutboundService(false)))
	tr, err := open.VoiceOutTrunks.Create(ctx, &didww.VoiceOutTrunkCreateRequest{Name: "pbx",
		AuthenticationMethod: didww.CredentialsAndIPAuthentication{}, AllowedRTPIPs: []string{"203.0.113.0/24"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"203.0.113.0/24"}, tr.AllowedRTPIPs)
	list, err := open.VoiceOutTrunks.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, list.Items, 1)
}
