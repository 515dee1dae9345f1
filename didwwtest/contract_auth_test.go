package didwwtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww/internal/contract"
	"github.com/stretchr/testify/require"
)

// mintToken asks s's token service for a token of the account of key and
// returns the answer's status and access_token.
func mintToken(s *Server, key string) (int, string, error) {
	req, err := http.NewRequest(http.MethodPost, s.TokenURL, nil)
	if err != nil {
		return 0, "", err
	}
	if key != "" {
		req.Header.Set("Api-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", err
	}
	if resp.StatusCode == http.StatusOK {
		err = json.Unmarshal(b, &body)
	}
	return resp.StatusCode, body.AccessToken, err
}

// mint returns the access token of the default account, minting it once.
func (x *cchecker) mint() string {
	x.t.Helper()
	if x.token == "" {
		status, tok, err := mintToken(x.s, x.s.APIKey)
		require.NoError(x.t, err, "POST %s: status %d, err %v", x.s.TokenURL, status, err)
		require.Equal(x.t, http.StatusOK, status, "POST %s: status %d, err %v", x.s.TokenURL, status, err)
		require.NotEmpty(x.t, tok, "POST %s: status %d, err %v", x.s.TokenURL, status, err)
		x.token = tok
	}
	return x.token
}

// goneChecks asks for every resource version v does not have, at the path
// an earlier version served it: the route is refused (404, or 400), and so
// is fields[] of its type.
func (x *cchecker) goneChecks(v string) {
	for _, typ := range x.c.Types() {
		r := x.c.Resources[typ]
		if s := r.Versions[v]; s == nil || s.Gone == "" {
			continue
		}
		for _, earlier := range x.c.Versions {
			s := r.Shape(earlier)
			if earlier >= v || s == nil || s.Endpoints["list"] == nil {
				continue
			}
			path := s.Endpoints["list"].Path
			a := x.do("GET", path, nil, nil, v)
			if a.status != http.StatusNotFound && a.status != http.StatusBadRequest {
				x.f.Add(x.f.Key(typ, v, "gone", ""), "%s %s GET %s: status %d for a resource the version does not have (%s): %.200s", typ, v, path, a.status, r.Versions[v].Gone, a.body)
			} else {
				x.checkErrorDoc(v, a, typ+" "+v+" GET "+path)
			}
			fields := x.do("GET", "/countries", map[string][]string{"fields[" + typ + "]": {"name"}}, nil, v)
			if fields.status != http.StatusBadRequest {
				x.f.Add(x.f.Key(typ, v, "gone", "fields"), "%s GET /countries?fields[%s]=name: status %d, want 400", v, typ, fields.status)
			}
			break
		}
	}
}

// authChecks sends a plain list request with each kind of credential the
// version refuses, and with none where the version needs none.
func (x *cchecker) authChecks(v string) {
	a := x.c.Authentication[v]
	var clock *Clock
	srv := x.s
	if _, ok := a.Refused["expired_token"]; ok {
		clock = NewClock(time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC))
		srv = newTestServer(x.t, WithClock(clock.Now), WithTokenLifetime(time.Minute), WithDefaultAccount(APIVersion(v)))
	}
	for _, kind := range contract.Sorted(a.Refused) {
		hdr := http.Header{"Accept": {mediaType}, "X-Didww-Api-Version": {v}}
		switch kind {
		case "api_key":
			hdr.Set("Api-Key", srv.APIKey)
		case "unknown_key":
			hdr.Set("Api-Key", "not-a-key")
		case "unknown_token":
			hdr.Set("Authorization", "Bearer not-a-token")
		case "expired_token":
			_, tok, err := mintToken(srv, srv.APIKey)
			require.NoError(x.t, err)
			clock.Advance(time.Minute)
			hdr.Set("Authorization", "Bearer "+tok)
		case "none":
		default:
			require.Fail(x.t, fmt.Sprintf("%s: refused credential kind %q has no request", v, kind))
		}
		got := rawGet(x.t, srv.URL+"/countries", hdr)
		if got.status != a.Refused[kind] {
			x.f.Add(x.f.Key("authentication", v, "refused", kind), "%s GET /countries with credential %s: status %d, want %d: %.200s", v, kind, got.status, a.Refused[kind], got.body)
		} else {
			x.checkErrorDoc(v, got, v+" GET /countries with credential "+kind)
		}
	}
	// Checked once the contract describes the resource (public_keys is not
	// served yet).
	for _, op := range a.NoAuthentication {
		typ, _ := strings.CutPrefix(op, "GET /")
		if r := x.c.Resources[typ]; r != nil && r.Shape(v) != nil {
			got := rawGet(x.t, srv.URL+"/"+typ, http.Header{"Accept": {mediaType}, "X-Didww-Api-Version": {v}})
			if got.status != http.StatusOK {
				x.f.Add(x.f.Key("authentication", v, "no_authentication", typ), "%s %s without credentials: status %d, want 200", v, op, got.status)
			}
		}
	}
}

// rawGet sends GET u with hdr and decodes the answer.
func rawGet(t testing.TB, u string, hdr http.Header) answer {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	req.Header = hdr
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := answer{status: resp.StatusCode, body: b}
	_ = json.Unmarshal(b, &a.doc)
	return a
}
