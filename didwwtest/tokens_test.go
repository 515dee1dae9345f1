package didwwtest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mint posts to the token service with hdr and returns the raw answer.
func mint(t *testing.T, s *Server, method string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.TokenURL, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

// tokenFor mints a token for the account of key.
func tokenFor(t *testing.T, s *Server, key string) string {
	t.Helper()
	status, tok, err := mintToken(s, key)
	require.NoError(t, err, "mint: status %d, err %v", status, err)
	require.Equal(t, http.StatusOK, status, "mint: status %d, err %v", status, err)
	require.NotEmpty(t, tok, "mint: status %d, err %v", status, err)
	return tok
}

func bearer(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

func TestTokenServiceMints(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now), WithDefaultAccount(APIVersion("2026-11-19")))
	require.Equal(t, strings.TrimSuffix(s.URL, "/v3")+"/token", s.TokenURL, "TokenURL")
	status, hdr, body := mint(t, s, http.MethodPost, "Api-Key", s.APIKey)
	require.Equal(t, 200, status, "mint: %d %v %s", status, hdr, body)
	require.Equal(t, "application/json", hdr.Get("Content-Type"), "mint: %d %v %s", status, hdr, body)
	require.Equal(t, "no-store", hdr.Get("Cache-Control"), "mint: %d %v %s", status, hdr, body)
	var got map[string]any
	require.NoError(t, json.Unmarshal(body, &got))
	tok, _ := got["access_token"].(string)
	require.Equal(t, "Bearer", got["token_type"], "mint answer %s", body)
	require.Equal(t, float64(900), got["expires_in"], "mint answer %s", body)
	require.Len(t, got, 3, "mint answer %s", body)
	require.NotEmpty(t, tok, "mint answer %s", body)
	assert.NotContains(t, tok, s.APIKey, "the token carries the key")
	parts := strings.Split(tok, ".")
	require.Len(t, parts, 3, "token is not a JWT: %d parts", len(parts))
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var claims map[string]any
	require.NoError(t, json.Unmarshal(payload, &claims))
	assert.Equal(t, "2026-11-19", claims["api_version"], "claims %v", claims)
	assert.Equal(t, float64(clock.Now().Add(15*time.Minute).Unix()), claims["exp"], "claims %v", claims)
	r := apiCall(t, s, "", "GET", "/countries/"+CountryCAID, nil, bearer(tok)...)
	wantStatus(t, r, 200)
	assert.Equal(t, "2026-11-19", r.doc.Meta["api_version"], "meta %v", r.doc.Meta)
	log := s.RequestLog()
	assert.Equal(t, "POST", log[0].Method, "request log %+v", log[0])
	assert.Equal(t, "/token", log[0].Path, "request log %+v", log[0])
	assert.Equal(t, 200, log[0].Status, "request log %+v", log[0])
}

func TestTokenServiceRefuses(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for name, hdr := range map[string][]string{"no key": nil, "wrong key": {"Api-Key", "wrong"}} {
		status, _, body := mint(t, s, http.MethodPost, hdr...)
		assert.Equal(t, 401, status, "%s: %d %s", name, status, body)
		assert.Contains(t, string(body), `"status":"401"`, "%s: %d %s", name, status, body)
	}
	status, hdr, _ := mint(t, s, http.MethodGet, "Api-Key", s.APIKey)
	assert.Equal(t, 405, status, "GET /token: %d %v", status, hdr)
	assert.Equal(t, "POST", hdr.Get("Allow"), "GET /token: %d %v", status, hdr)
}

func TestTokenExpiresOnTheServerClock(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now), WithTokenLifetime(2*time.Minute))
	key := s.NewAccount("10", APIVersion("2026-11-19"))
	status, _, body := mint(t, s, http.MethodPost, "Api-Key", key)
	require.Equal(t, 200, status, "mint: %d %s", status, body)
	require.Contains(t, string(body), `"expires_in":120`, "mint: %d %s", status, body)
	tok := tokenFor(t, s, key)
	clock.Advance(2*time.Minute - time.Second)
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, bearer(tok)...), 200)
	clock.Advance(time.Second)
	r := apiCall(t, s, "", "GET", "/countries", nil, bearer(tok)...)
	e := wantError(t, r, 401, "401")
	assert.Contains(t, e.Detail, "expired", "expired token: %+v %v", e, r.header)
	assert.Equal(t, `Bearer error="invalid_token"`, r.header.Get("Www-Authenticate"), "expired token: %+v %v", e, r.header)
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, bearer(tokenFor(t, s, key))...), 200)
}

func TestBearerVersionRefusesTheKey(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithDefaultAccount(APIVersion("2026-11-19")))
	tok := tokenFor(t, s, s.APIKey)
	for name, hdr := range map[string][]string{
		"key":                   nil,
		"key naming 2026-04-16": {"X-DIDWW-API-Version", "2026-04-16"}, // older than the account's: ignored
		"key and token":         bearer(tok),
	} {
		r := apiCall(t, s, s.APIKey, "GET", "/countries", nil, hdr...)
		e := wantError(t, r, 401, "401")
		assert.Contains(t, e.Detail, "Api-Key", "%s: %+v %v", name, e, r.header)
		assert.Equal(t, "Bearer", r.header.Get("Www-Authenticate"), "%s: %+v %v", name, e, r.header)
		assert.NotContains(t, string(r.body), s.APIKey, "%s: the answer carries a credential", name)
		assert.NotContains(t, string(r.body), tok, "%s: the answer carries a credential", name)
	}
	for name, hdr := range map[string][]string{
		"none":          nil,
		"unknown token": bearer("not-a-token"),
		"basic":         {"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("u:p"))},
	} {
		r := apiCall(t, s, "", "GET", "/countries", nil, hdr...)
		assert.Equal(t, 401, r.status, "%s: %d %s", name, r.status, r.body)
		assert.Len(t, r.doc.Errors, 1, "%s: %d %s", name, r.status, r.body)
	}
	// A token of a 2026-11-19 account stays at 2026-11-19 when the header names an older version.
	r := apiCall(t, s, "", "GET", "/countries/"+CountryCAID, nil, append(bearer(tok), "X-DIDWW-API-Version", "2026-04-16")...)
	wantStatus(t, r, 200)
	assert.Equal(t, "2026-11-19", r.doc.Meta["api_version"], "meta %v", r.doc.Meta)
}

func TestOlderAccountsAndTokens(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	tok := tokenFor(t, s, s.APIKey)
	served := func(key string, hdr ...string) string {
		t.Helper()
		r := apiCall(t, s, key, "GET", "/countries/"+CountryCAID, nil, hdr...)
		wantStatus(t, r, 200)
		return r.doc.Meta["api_version"].(string)
	}
	assert.Equal(t, "2026-04-16", served(s.APIKey), "key")
	// A bearer token is taken under 2026-04-16 too; its version is the account's.
	assert.Equal(t, "2026-04-16", served("", bearer(tok)...), "token")
	// A newer version named in the header applies to the request.
	assert.Equal(t, "2026-11-19", served("", append(bearer(tok), "X-DIDWW-API-Version", "2026-11-19")...), "token naming 2026-11-19")
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/countries", nil, "X-DIDWW-API-Version", "2026-11-19"), 401, "401")
	defer func() {
		assert.NotNil(t, recover(), "NewAccount at 2022-05-10 did not panic")
	}()
	s.NewAccount("1", APIVersion("2022-05-10"))
}

func TestReadOnlyTokensMayOnlyRead(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	key := s.NewAccount("10", APIVersion("2026-11-19"), ReadOnlyTokens())
	tok := tokenFor(t, s, key)
	parts := strings.Split(tok, ".")
	require.Len(t, parts, 3)
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	assert.Contains(t, string(claims), `"scope":"read"`)

	wantStatus(t, apiCall(t, s, "", "GET", "/countries/"+CountryCAID, nil, bearer(tok)...), 200)
	wantStatus(t, apiCall(t, s, "", "GET", "/voice_in_trunks", nil, bearer(tok)...), 200)
	body := map[string]any{"data": map[string]any{"type": "voice_in_trunk_groups", "attributes": map[string]any{"name": "g"}}}
	for _, m := range []struct{ method, path string }{
		{"POST", "/voice_in_trunk_groups"}, {"PATCH", "/voice_in_trunk_groups/x"}, {"DELETE", "/voice_in_trunk_groups/x"},
	} {
		r := apiCall(t, s, "", m.method, m.path, body, bearer(tok)...)
		e := wantError(t, r, 403, "403")
		assert.Equal(t, "Insufficient scope", e.Title, m.method)
		assert.Equal(t, `Bearer error="insufficient_scope"`, r.header.Get("WWW-Authenticate"), m.method)
	}
	// A token of another account of the server writes.
	full := tokenFor(t, s, s.NewAccount("10", APIVersion("2026-11-19")))
	wantStatus(t, apiCall(t, s, "", "POST", "/voice_in_trunk_groups", body, bearer(full)...), 201)
}
