package didwwtest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// mint posts to the token service with hdr and returns the raw answer.
func mint(t *testing.T, s *Server, method string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.TokenURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// tokenFor mints a token for the account of key.
func tokenFor(t *testing.T, s *Server, key string) string {
	t.Helper()
	status, tok, err := mintToken(s, key)
	if err != nil || status != http.StatusOK || tok == "" {
		t.Fatalf("mint: status %d, err %v", status, err)
	}
	return tok
}

func bearer(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

func TestTokenServiceMints(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now), WithDefaultAccount(APIVersion("2026-11-19")))
	if want := strings.TrimSuffix(s.URL, "/v3") + "/token"; s.TokenURL != want {
		t.Fatalf("TokenURL %q, want %q", s.TokenURL, want)
	}
	status, hdr, body := mint(t, s, http.MethodPost, "Api-Key", s.APIKey)
	if status != 200 || hdr.Get("Content-Type") != "application/json" || hdr.Get("Cache-Control") != "no-store" {
		t.Fatalf("mint: %d %v %s", status, hdr, body)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	tok, _ := got["access_token"].(string)
	if got["token_type"] != "Bearer" || got["expires_in"] != float64(900) || len(got) != 3 || tok == "" {
		t.Fatalf("mint answer %s", body)
	}
	if strings.Contains(tok, s.APIKey) {
		t.Error("the token carries the key")
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token is not a JWT: %d parts", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	if claims["api_version"] != "2026-11-19" || claims["exp"] != float64(clock.Now().Add(15*time.Minute).Unix()) {
		t.Errorf("claims %v", claims)
	}
	r := apiCall(t, s, "", "GET", "/countries/"+CountryCAID, nil, bearer(tok)...)
	if wantStatus(t, r, 200); r.doc.Meta["api_version"] != "2026-11-19" {
		t.Errorf("meta %v", r.doc.Meta)
	}
	if log := s.RequestLog(); log[0].Method != "POST" || log[0].Path != "/token" || log[0].Status != 200 {
		t.Errorf("request log %+v", log[0])
	}
}

func TestTokenServiceRefuses(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for name, hdr := range map[string][]string{"no key": nil, "wrong key": {"Api-Key", "wrong"}} {
		status, _, body := mint(t, s, http.MethodPost, hdr...)
		if status != 401 || !strings.Contains(string(body), `"status":"401"`) {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
	if status, hdr, _ := mint(t, s, http.MethodGet, "Api-Key", s.APIKey); status != 405 || hdr.Get("Allow") != "POST" {
		t.Errorf("GET /token: %d %v", status, hdr)
	}
}

func TestTokenExpiresOnTheServerClock(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now), WithTokenLifetime(2*time.Minute))
	key := s.NewAccount("10", APIVersion("2026-11-19"))
	status, _, body := mint(t, s, http.MethodPost, "Api-Key", key)
	if status != 200 || !strings.Contains(string(body), `"expires_in":120`) {
		t.Fatalf("mint: %d %s", status, body)
	}
	tok := tokenFor(t, s, key)
	clock.Advance(2*time.Minute - time.Second)
	wantStatus(t, apiCall(t, s, "", "GET", "/countries", nil, bearer(tok)...), 200)
	clock.Advance(time.Second)
	r := apiCall(t, s, "", "GET", "/countries", nil, bearer(tok)...)
	if e := wantError(t, r, 401, "401"); !strings.Contains(e.Detail, "expired") || r.header.Get("Www-Authenticate") != `Bearer error="invalid_token"` {
		t.Errorf("expired token: %+v %v", e, r.header)
	}
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
		if e := wantError(t, r, 401, "401"); !strings.Contains(e.Detail, "Api-Key") || r.header.Get("Www-Authenticate") != "Bearer" {
			t.Errorf("%s: %+v %v", name, e, r.header)
		}
		if strings.Contains(string(r.body), s.APIKey) || strings.Contains(string(r.body), tok) {
			t.Errorf("%s: the answer carries a credential", name)
		}
	}
	for name, hdr := range map[string][]string{
		"none":          nil,
		"unknown token": bearer("not-a-token"),
		"basic":         {"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("u:p"))},
	} {
		if r := apiCall(t, s, "", "GET", "/countries", nil, hdr...); r.status != 401 || len(r.doc.Errors) != 1 {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	// A token of a 2026-11-19 account stays at 2026-11-19 when the header names an older version.
	r := apiCall(t, s, "", "GET", "/countries/"+CountryCAID, nil, append(bearer(tok), "X-DIDWW-API-Version", "2026-04-16")...)
	if wantStatus(t, r, 200); r.doc.Meta["api_version"] != "2026-11-19" {
		t.Errorf("meta %v", r.doc.Meta)
	}
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
	if v := served(s.APIKey); v != "2026-04-16" {
		t.Errorf("key: %s", v)
	}
	// A bearer token is taken under 2026-04-16 too; its version is the account's.
	if v := served("", bearer(tok)...); v != "2026-04-16" {
		t.Errorf("token: %s", v)
	}
	// A newer version named in the header applies to the request.
	if v := served("", append(bearer(tok), "X-DIDWW-API-Version", "2026-11-19")...); v != "2026-11-19" {
		t.Errorf("token naming 2026-11-19: %s", v)
	}
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/countries", nil, "X-DIDWW-API-Version", "2026-11-19"), 401, "401")
	defer func() {
		if recover() == nil {
			t.Error("NewAccount at 2022-05-10 did not panic")
		}
	}()
	s.NewAccount("1", APIVersion("2022-05-10"))
}
