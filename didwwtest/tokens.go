package didwwtest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultTokenLifetime is how long an access token of the token service is
// valid unless WithTokenLifetime says otherwise. The API documents tokens
// only as "short-lived" (API_REFERENCE §23.1.5).
const DefaultTokenLifetime = 15 * time.Minute

// tokenPath is the path of the token service, beside /v3 on the server's
// host (production has it on its own host, auth.didww.com).
const tokenPath = "/token"

// WithTokenLifetime sets how long the access tokens the token service mints
// stay valid on the server's clock (default DefaultTokenLifetime); d <= 0
// keeps the default.
func WithTokenLifetime(d time.Duration) Option {
	return func(cfg *config) {
		if d > 0 {
			cfg.tokenLifetime = d
		}
	}
}

// accessToken is a minted token: the account it acts for, the version its
// api_version claim names and when it lapses on the server's clock.
type accessToken struct {
	acct    *account
	version string
	expires time.Time
	// readOnly: the token carries the read scope (ReadOnlyTokens).
	readOnly bool
}

// ReadOnlyTokens makes the tokens the account's key mints carry the read
// scope: they may only read, and every other method is refused with 403
// and a WWW-Authenticate challenge naming insufficient_scope (API_REFERENCE
// §23.1.3). How a caller asks the token service for a scope is not
// documented, so here the account decides.
func ReadOnlyTokens() AccountOption {
	return func(a *account) { a.readOnlyTokens = true }
}

// tokenAnswer is the body of a successful POST /token. The documentation
// reachable does not show the real body; this is the common OAuth form.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

// serveToken is the token service: POST /token with an account's key in
// Api-Key mints a token for the account, with the account's version.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) int {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return writeError(w, newError(http.StatusMethodNotAllowed, "405", "Method not allowed", r.Method+" is not allowed on "+tokenPath+"."))
	}
	key := r.Header.Get("Api-Key")
	s.mu.Lock()
	acct := s.accounts[key]
	var tok string
	var lifetime time.Duration
	if key != "" && acct != nil {
		now := s.cfg.now()
		lifetime = s.cfg.tokenLifetime
		t := &accessToken{acct: acct, version: acct.version, expires: now.Add(lifetime), readOnly: acct.readOnlyTokens}
		tok = s.signToken(t, now)
		s.tokens[tok] = t
	}
	s.mu.Unlock()
	if tok == "" {
		return writeError(w, newError(http.StatusUnauthorized, "401", "Unauthorized", "The API key is missing or invalid."))
	}
	out, _ := marshal(tokenAnswer{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int((lifetime + time.Second - 1) / time.Second)})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
	return http.StatusOK
}

// signToken writes t as a JWT signed with the server's own secret, with
// the claims the reference names (aud, api_version) and exp. The server
// never reads a token's claims back: it looks tokens up.
func (s *Server) signToken(t *accessToken, now time.Time) string {
	jti := make([]byte, 12)
	_, _ = rand.Read(jti)
	aud := "api.didww.com"
	if u, err := url.Parse(s.URL); err == nil && u.Host != "" {
		aud = u.Host
	}
	c := map[string]any{
		"sub": uid("account/" + t.acct.key), "aud": []string{aud}, "api_version": t.version,
		"iat": now.Unix(), "exp": t.expires.Unix(), "jti": hex.EncodeToString(jti),
	}
	if t.readOnly {
		c["scope"] = "read"
	}
	claims, _ := json.Marshal(c)
	enc := base64.RawURLEncoding
	head := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha256.New, s.tokenSecret)
	mac.Write([]byte(head))
	return head + "." + enc.EncodeToString(mac.Sum(nil))
}

// authRule is which credentials a request takes.
type authRule int

const (
	// authVersion: the version's own, the key or (under bearerVersions)
	// a bearer token only.
	authVersion authRule = iota
	// authNone: no credentials (GET /public_keys under 2026-11-19).
	authNone
	// authEither: the key or a bearer token (the export CSV download).
	authEither
)

// credential is who a request authenticated as.
type credential struct {
	acct *account
	// base is the version without a header: the account's, or the
	// token's api_version; the default version without credentials.
	base           string
	bearer, apiKey bool
	// readOnly: a bearer token with the read scope.
	readOnly bool
}

// authenticate reads the request's credentials: a bearer token when it
// has an Authorization header, else the key. Credentials that are sent
// must be valid; none at all is allowed here and judged by authorize.
func (s *Server) authenticate(r *http.Request) (*credential, *apiError) {
	key := r.Header.Get("Api-Key")
	cr := &credential{base: defaultAPIVersion, apiKey: key != ""}
	s.mu.Lock()
	defer s.mu.Unlock()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		t := s.tokens[strings.TrimSpace(tok)]
		switch {
		case !strings.EqualFold(scheme, "Bearer") || t == nil:
			return nil, unauthorized(`Bearer error="invalid_token"`, "The access token is invalid.")
		case !s.cfg.now().Before(t.expires):
			return nil, unauthorized(`Bearer error="invalid_token"`, "The access token has expired; mint a new one.")
		}
		cr.acct, cr.base, cr.bearer, cr.readOnly = t.acct, t.version, true, t.readOnly
		return cr, nil
	}
	if key != "" {
		if cr.acct = s.accounts[key]; cr.acct == nil {
			return nil, unauthorized("", "The API key is missing or invalid.")
		}
		cr.base = cr.acct.version
	}
	return cr, nil
}

// authorize applies rule to a request served at version v.
func authorize(cr *credential, rule authRule, v string) *apiError {
	bearerOnly := slices.Contains(bearerVersions, v)
	switch {
	case rule == authNone:
		return nil
	case cr.acct == nil && bearerOnly:
		return unauthorized("Bearer", "Version "+v+" takes an access token: send Authorization: Bearer <token> minted at the token service.")
	case cr.acct == nil:
		return unauthorized("", "The API key is missing or invalid.")
	case rule == authVersion && bearerOnly && cr.apiKey:
		return unauthorized("Bearer", "Version "+v+" does not take the Api-Key header on API requests: the key only mints access tokens; send Authorization: Bearer <token>.")
	}
	return nil
}

// checkScope refuses a read-scope token any method but GET and HEAD.
func checkScope(cr *credential, method string) *apiError {
	if !cr.readOnly || method == http.MethodGet || method == http.MethodHead {
		return nil
	}
	e := newError(http.StatusForbidden, "403", "Insufficient scope",
		"The access token carries the read scope, which does not cover "+method+".")
	e.header = http.Header{"Www-Authenticate": {`Bearer error="insufficient_scope"`}}
	return e
}

// unauthorized is a 401 error document, with a WWW-Authenticate challenge
// when challenge is set.
func unauthorized(challenge, detail string) *apiError {
	e := newError(http.StatusUnauthorized, "401", "Unauthorized", detail)
	if challenge != "" {
		e.header = http.Header{"Www-Authenticate": {challenge}}
	}
	return e
}
