package didwwtest

import (
	"errors"
	"testing"

	"github.com/didww-go/didww"
)

// A 2026-11-19 account's client mints a token at TokenURL and lists with
// it; the same account's key sent as Api-Key is refused.
func TestClientForBearerAccount(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithDefaultAccount(APIVersion(didww.APIVersion20261119)))
	defer srv.Close()

	page, err := srv.Client().DIDGroups.List(t.Context(), &didww.DIDGroupListOptions{CountryID: CountryUSID})
	if err != nil {
		t.Fatalf("list DID groups with a bearer token: %v", err)
	}
	if len(page.Items) == 0 || page.Meta.APIVersion != didww.APIVersion20261119 {
		t.Fatalf("got %d groups at version %q, want some at %s", len(page.Items), page.Meta.APIVersion, didww.APIVersion20261119)
	}
	var minted, listed int
	for _, r := range srv.RequestLog() {
		switch r.Path {
		case "/token":
			minted++
		case "/v3/did_groups":
			listed++
			if r.Status != 200 {
				t.Errorf("GET /v3/did_groups answered %d", r.Status)
			}
		}
	}
	if minted != 1 || listed != 1 {
		t.Errorf("%d mints and %d lists, want one of each", minted, listed)
	}

	keyOnly := srv.Client(didww.WithAPIVersion(didww.APIVersion20260416))
	_, err = keyOnly.DIDGroups.List(t.Context(), nil)
	if !errors.Is(err, didww.ErrUnauthorized) {
		t.Fatalf("Api-Key on a 2026-11-19 account: %v, want ErrUnauthorized", err)
	}
}

// A 2026-04-16 account's client sends the key and mints nothing.
func TestClientForKeyAccount(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	if _, err := srv.Client().Countries.List(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.RequestLog() {
		if r.Path == "/token" {
			t.Errorf("a 2026-04-16 client minted a token: %+v", r)
		}
	}
}
