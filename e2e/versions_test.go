package e2e_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// e2eServer1119 is a server whose default account speaks 2026-11-19, and
// its client (which mints tokens at the server's token service).
func e2eServer1119(t *testing.T) (*didwwtest.Server, *didww.Client) {
	t.Helper()
	srv := e2eServer(t, didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	return srv, srv.Client()
}

// Under 2026-11-19 DID groups are filtered by number type and carry it.
func TestE2E20261119DIDGroupsByNumberType(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	page, err := client.DIDGroups.List(e2eCtx(t), &didww.DIDGroupListOptions{
		CountryID: didwwtest.CountryUSID, NumberType: []didww.NumberType{didww.NumberTypeTollFree}, IsDemo: didww.Bool(false),
	})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	assert.Equal(t, didww.APIVersion20261119, page.Meta.APIVersion)
	for _, g := range page.Items {
		assert.Equal(t, didww.NumberTypeTollFree, g.NumberType, g.ID)
		assert.False(t, g.IsDemo)
		assert.Nil(t, g.DIDGroupType, "2026-11-19 sends no did_group_type")
	}
	log := srv.RequestLog()
	require.Len(t, log, 2)
	assert.Equal(t, "/token", log[0].Path)
	assert.Equal(t, "/v3/did_groups", log[1].Path)
	q, err := url.ParseQuery(log[1].RawQuery)
	require.NoError(t, err)
	assert.Equal(t, "toll_free", q.Get("filter[number_type]"))
	assert.Equal(t, "false", q.Get("filter[is_demo]"))
}

// Under 2026-11-19 available DIDs are filtered by their group's number type.
func TestE2E20261119AvailableDIDsByNumberType(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	page, err := client.AvailableDIDs.List(e2eCtx(t), &didww.AvailableDIDListOptions{
		CountryID: didwwtest.CountryUSID, NumberType: []didww.NumberType{didww.NumberTypeLocal}, Include: []string{"did_group"},
	})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	for _, d := range page.Items {
		require.NotNil(t, d.DIDGroup, d.Number)
		assert.Equal(t, didww.NumberTypeLocal, d.DIDGroup.NumberType, d.Number)
	}
	mobile, err := client.AvailableDIDs.List(e2eCtx(t), &didww.AvailableDIDListOptions{
		DIDGroupID: didwwtest.DIDGroupLosAngelesID, NumberType: []didww.NumberType{didww.NumberTypeMobile},
	})
	require.NoError(t, err)
	assert.Empty(t, mobile.Items, "the Los Angeles group is local")
	log := srv.RequestLog()
	q, err := url.ParseQuery(log[len(log)-1].RawQuery)
	require.NoError(t, err)
	assert.Equal(t, "mobile", q.Get("filter[did_group.number_type]"))
}

// What 2026-11-19 refuses the client refuses before sending; sent anyway
// (Extra is unchecked), the server answers 400, as the API does.
func TestE2E20261119RefusesDIDGroupType(t *testing.T) {
	t.Parallel()
	srv, client := e2eServer1119(t)
	ctx := e2eCtx(t)
	_, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{Include: []string{"did_group_type"}})
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "number_type")
	_, err = client.DIDGroupTypes.List(ctx, nil)
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "DIDGroup.NumberType")
	assert.Zero(t, srv.Requests(), "nothing was sent, not even a mint")

	_, err = client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{Extra: url.Values{"include": {"did_group_type"}}})
	var apiErr *didww.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, 400, apiErr.StatusCode)
}

// The same calls under 2026-04-16: did_group_type works, number_type is
// refused before sending.
func TestE2E20260416DIDGroupType(t *testing.T) {
	t.Parallel()
	srv := e2eServer(t)
	client, ctx := srv.Client(), e2eCtx(t)
	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID: didwwtest.CountryUSID, DIDGroupTypeID: didwwtest.DIDGroupTypeTollFreeID, Include: []string{"did_group_type"},
	})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	for _, g := range page.Items {
		require.NotNil(t, g.DIDGroupType)
		assert.Equal(t, "Toll-free", g.DIDGroupType.Name)
		assert.Empty(t, g.NumberType)
	}
	n := srv.Requests()
	_, err = client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{NumberType: []didww.NumberType{didww.NumberTypeLocal}})
	require.ErrorIs(t, err, didww.ErrInvalidRequest)
	assert.Equal(t, n, srv.Requests())
}
