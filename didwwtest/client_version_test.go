package didwwtest

import (
	"testing"

	"github.com/didww-go/didww"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A 2026-11-19 account's client mints a token at TokenURL and lists with
// it; the same account's key sent as Api-Key is refused.
func TestClientForBearerAccount(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithDefaultAccount(APIVersion(didww.APIVersion20261119)))
	defer srv.Close()

	page, err := srv.Client().DIDGroups.List(t.Context(), &didww.DIDGroupListOptions{CountryID: CountryUSID})
	require.NoError(t, err, "list DID groups with a bearer token")
	require.NotEmpty(t, page.Items, "got %d groups at version %q, want some at %s", len(page.Items), page.Meta.APIVersion, didww.APIVersion20261119)
	require.Equal(t, didww.APIVersion20261119, page.Meta.APIVersion, "got %d groups at version %q, want some at %s", len(page.Items), page.Meta.APIVersion, didww.APIVersion20261119)
	var minted, listed int
	for _, r := range srv.RequestLog() {
		switch r.Path {
		case "/token":
			minted++
		case "/v3/did_groups":
			listed++
			assert.Equal(t, 200, r.Status, "GET /v3/did_groups answered")
		}
	}
	assert.Equal(t, 1, minted, "%d mints and %d lists, want one of each", minted, listed)
	assert.Equal(t, 1, listed, "%d mints and %d lists, want one of each", minted, listed)

	keyOnly := srv.Client(didww.WithAPIVersion(didww.APIVersion20260416))
	_, err = keyOnly.DIDGroups.List(t.Context(), nil)
	require.ErrorIs(t, err, didww.ErrUnauthorized, "Api-Key on a 2026-11-19 account: %v, want ErrUnauthorized", err)
}

// A 2026-04-16 account's client sends the key and mints nothing.
func TestClientForKeyAccount(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	_, err := srv.Client().Countries.List(t.Context(), nil)
	require.NoError(t, err)
	for _, r := range srv.RequestLog() {
		assert.NotEqual(t, "/token", r.Path, "a 2026-04-16 client minted a token: %+v", r)
	}
}
