package didww

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The token services of the two environments (API_REFERENCE §23.1.1).
const (
	productionTokenURL = "https://auth.didww.com/token"
	sandboxTokenURL    = "https://auth-sandbox.didww.com/token"
)

const (
	// maxTokenSkew caps how long before its expiry a token is replaced; a
	// short-lived token is replaced at 90% of its lifetime instead.
	maxTokenSkew = 30 * time.Second
	// defaultMintTimeout bounds a mint when WithTimeout sets no bound.
	defaultMintTimeout = 30 * time.Second
)

// usesTokens reports whether a version authenticates with bearer tokens:
// 2026-11-19 and, as far as anything is announced, every later one.
func usesTokens(version string) bool { return version >= APIVersion20261119 }

// Token is a bearer access token. Expiry is when it stops working; zero means
// unknown, and such a token is replaced only when the API refuses it.
//
// Its methods keep AccessToken out of fmt's verbs and log/slog output, but
// whatever prints with methods off still sees the exported field: go-spew's
// DisableMethods (as in testify's diffs), fmt on an unexported field holding
// a Token, fmt's complaint about a verb that does not fit (%!w(...) from
// Sprintf("%w", t), %!p(...)), and encoding/json. Treat a Token as the
// secret it is. The client keeps none: it holds only the text, out of
// reflection's reach.
type Token struct {
	AccessToken string
	Expiry      time.Time
}

// String describes the token without its text.
func (t Token) String() string {
	text := "[redacted]"
	if t.AccessToken == "" {
		text = "[empty]"
	}
	expiry := "unknown"
	if !t.Expiry.IsZero() {
		expiry = t.Expiry.Format(time.RFC3339)
	}
	return "didww.Token{AccessToken: " + text + ", Expiry: " + expiry + "}"
}

// GoString is String, so %#v shows no token either.
func (t Token) GoString() string { return t.String() }

// Format prints String for every verb.
func (t Token) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, t.String()) }

// LogValue keeps the token text out of log/slog records.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// TokenSource gives the client bearer tokens under APIVersion20261119, for
// callers who mint them elsewhere. The client calls Token when it has no
// token, when the one it has is about to expire, and once more when the API
// refuses one; calls never overlap. A source may return the same token
// again: the client only stops after the API refuses a second one.
type TokenSource interface {
	Token(ctx context.Context) (*Token, error)
}

// WithTokenSource takes bearer tokens from ts instead of minting them with
// the API key, which then goes nowhere. It applies under versions with bearer
// tokens (APIVersion20261119) and is unused under older ones.
func WithTokenSource(ts TokenSource) Option {
	return func(c *config) error {
		if ts == nil {
			return errors.New("didww: WithTokenSource(nil)")
		}
		if v := reflect.ValueOf(ts); v.Kind() == reflect.Pointer && v.IsNil() {
			return fmt.Errorf("didww: WithTokenSource got a nil %T", ts)
		}
		c.tokenSource = func(ctx context.Context) (*Token, error) {
			t, err := ts.Token(ctx)
			if err != nil {
				return nil, fmt.Errorf("the token source: %w", err)
			}
			return t, nil
		}
		return nil
	}
}

// WithTokenURL sets the token service the client mints bearer tokens at,
// such as didwwtest's, as the full URL of its token endpoint. It must be
// https, or http on a loopback host. Without it the client mints at
// https://auth.didww.com/token for Production and
// https://auth-sandbox.didww.com/token for Sandbox; a client with another
// base URL under APIVersion20261119 needs WithTokenURL or WithTokenSource.
// It wins over the token service of WithEnvironment, before or after it, and
// is unused under versions that take the API key.
func WithTokenURL(raw string) Option {
	return func(c *config) error {
		u, err := parseServiceURL("token URL", raw)
		if err != nil {
			return err
		}
		c.tokenURL = u
		return nil
	}
}

// withClock sets the clock token expiry is judged by, for tests.
func withClock(now func() time.Time) Option {
	return func(c *config) error {
		c.now = now
		return nil
	}
}

func (c *config) clock() func() time.Time {
	if c.now != nil {
		return c.now
	}
	return time.Now
}

// newTokenCache returns the client's tokens, or nil under a version that
// takes the API key.
func newTokenCache(cfg *config) (*tokenCache, error) {
	if !usesTokens(cfg.apiVersion) {
		return nil, nil
	}
	fetch := cfg.tokenSource
	if fetch == nil {
		u, err := cfg.tokenEndpoint()
		if err != nil {
			return nil, err
		}
		fetch = (&minter{cfg: cfg, url: u}).mintRetrying
	}
	timeout := cfg.timeout
	if timeout <= 0 {
		timeout = defaultMintTimeout
	}
	return &tokenCache{fetch: fetch, now: cfg.clock(), timeout: timeout}, nil
}

// tokenEndpoint is WithTokenURL's URL, else the token service of the
// environment the base URL names.
func (c *config) tokenEndpoint() (string, error) {
	if c.tokenURL != nil {
		return c.tokenURL.String(), nil
	}
	if c.baseURL.Scheme == "https" {
		switch strings.ToLower(c.baseURL.Host) {
		case "api.didww.com":
			return productionTokenURL, nil
		case "sandbox-api.didww.com":
			return sandboxTokenURL, nil
		}
	}
	return "", fmt.Errorf("didww: API version %s authenticates with bearer tokens, and the base URL %s is neither "+
		"environment: say where to mint them with WithTokenURL, or pass WithTokenSource", c.apiVersion, c.baseURL)
}

// tokenCache holds the client's bearer token and makes sure one fetch at a
// time replaces it.
type tokenCache struct {
	fetch   func(context.Context) (*Token, error)
	now     func() time.Time
	timeout time.Duration

	mu        sync.Mutex
	token     credential // nil before the first fetch and after a refusal
	refreshAt time.Time  // when to replace token; zero: only when refused
	gen       uint64     // counts fetched tokens, so a refusal drops only the token it names
	flight    *tokenFlight
}

// tokenFlight is a fetch in progress; its fields are set before done closes.
type tokenFlight struct {
	done   chan struct{}
	joined int // callers that waited for it, for tests
	token  credential
	gen    uint64
	err    error
}

// get returns a token to send and its generation, fetching one when there is
// none or it is due. Concurrent callers share one fetch. The fetch runs on
// its own, under the first caller's context values but not its cancellation,
// bounded by the client's timeout (or 30 s): a caller whose context ends
// stops waiting, and the others still get the token.
func (tc *tokenCache) get(ctx context.Context) (credential, uint64, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("waiting for a bearer token: %w", err)
	}
	tc.mu.Lock()
	if tc.token != nil && (tc.refreshAt.IsZero() || tc.now().Before(tc.refreshAt)) {
		tok, gen := tc.token, tc.gen
		tc.mu.Unlock()
		return tok, gen, nil
	}
	f := tc.flight
	if f == nil {
		f = &tokenFlight{done: make(chan struct{})}
		tc.flight = f
		go tc.run(context.WithoutCancel(ctx), f)
	}
	f.joined++
	tc.mu.Unlock()
	select {
	case <-f.done:
		return f.token, f.gen, f.err
	case <-ctx.Done():
		return nil, 0, fmt.Errorf("waiting for a bearer token: %w", ctx.Err())
	}
}

// run fetches a token for f and caches it.
func (tc *tokenCache) run(ctx context.Context, f *tokenFlight) {
	ctx, cancel := context.WithTimeout(ctx, tc.timeout)
	defer cancel()
	t, err := tc.fetchSafely(ctx)
	now := tc.now()
	tc.mu.Lock()
	if err == nil {
		tc.gen++
		tc.token, tc.refreshAt = newCredential(t.AccessToken), refreshTime(now, t.Expiry)
		f.token, f.gen = tc.token, tc.gen
	}
	f.err = err
	tc.flight = nil
	tc.mu.Unlock()
	close(f.done)
}

// fetchSafely calls fetch and checks what it gave; a panicking TokenSource
// becomes an error, since it runs on a goroutine no caller could recover.
func (tc *tokenCache) fetchSafely(ctx context.Context) (t *Token, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("the token source panicked: %v", p)
		}
	}()
	if t, err = tc.fetch(ctx); err != nil {
		return nil, err
	}
	switch {
	case t == nil:
		return nil, errors.New("the token source gave no token")
	case t.AccessToken == "":
		return nil, errors.New("the token source gave an empty access token")
	case !validHeaderText(t.AccessToken):
		return nil, errors.New("the token source gave an access token with spaces or control characters")
	}
	return t, nil
}

// drop forgets the token of generation gen, which the API refused; a token
// fetched since is kept.
func (tc *tokenCache) drop(gen uint64) {
	tc.mu.Lock()
	if tc.gen == gen {
		tc.token = nil
	}
	tc.mu.Unlock()
}

// refreshTime is when a token fetched at now, expiring at expiry, is due:
// maxTokenSkew or a tenth of its lifetime before expiry, whichever is less.
// A token already expired by this clock (the clocks disagree) is kept until
// the API refuses it, rather than fetched again for every request.
func refreshTime(now, expiry time.Time) time.Time {
	life := expiry.Sub(now)
	if expiry.IsZero() || life <= 0 {
		return time.Time{}
	}
	return expiry.Add(-min(maxTokenSkew, life/10))
}

func validHeaderText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	return true
}

// tokenUse is what a request knows of the bearer token it last carried.
type tokenUse struct {
	gen     uint64 // 0: no bearer token
	renewed bool   // a refusal already dropped a token
}

// authorize sets r's credential on req: none for an anonymous request, the
// key under versions that take it, else a bearer token.
func (c *Client) authorize(ctx context.Context, req *http.Request, r *request) error {
	switch {
	case r.anonymous:
		return nil
	case c.tokens == nil:
		req.Header.Set("Api-Key", c.cfg.apiKey.reveal())
		return nil
	}
	tok, gen, err := c.tokens.get(ctx)
	if err != nil {
		return &wrapError{text: fmt.Sprintf("didww: %s %s: %s", r.method, r.path, causeText(err)), errs: []error{err}}
	}
	r.token.gen = gen
	req.Header.Set("Authorization", "Bearer "+tok.reveal())
	return nil
}

// tokenRefused handles a 401 to a request with a bearer token: the first
// drops the token and asks for one more try, whatever the method, since the
// API did not act on the request; a second one is the caller's error, saying
// so. Other errors pass through.
func (c *Client) tokenRefused(r *request, err error) (again bool, _ error) {
	var apiErr *APIError
	if r.token.gen == 0 || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
		return false, err
	}
	if !r.token.renewed {
		r.token.renewed = true
		c.tokens.drop(r.token.gen)
		return true, err
	}
	return false, fmt.Errorf("%w; the API refused the bearer token, and a new one after it", err)
}

// minter mints bearer tokens at a token service with the API key, the one
// place the key goes under versions with bearer tokens.
type minter struct {
	cfg *config
	url string
}

// mintRetrying mints, trying again under the client's retry policy when
// the token service is busy or unreachable (429, 502, 503, 504, a transport
// fault): a mint that reached the service and failed only leaves a token
// unused, so every fault is worth another try. A refusal is final.
func (m *minter) mintRetrying(ctx context.Context) (*Token, error) {
	p := m.cfg.retry
	for attempt := 1; ; attempt++ {
		t, err := m.mint(ctx)
		var te *tokenError
		if err == nil || attempt > p.MaxRetries || !errors.As(err, &te) || !te.retryable() {
			return t, err
		}
		timer := time.NewTimer(p.backoff(attempt, te.retryAfter))
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, err
		case <-timer.C:
		}
	}
}

// mint asks the token service for a token. The request goes through the
// client's HTTP client (and its timeout) but not its rate limiter, which
// counts the API's requests; it carries the version header, in case the
// service puts the version in the token from it.
func (m *minter) mint(ctx context.Context) (*Token, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.url, http.NoBody)
	if err != nil {
		return nil, &tokenError{url: m.url, err: err}
	}
	req.Header.Set("Api-Key", m.cfg.apiKey.reveal())
	req.Header.Set("Accept", "application/json, "+MediaType)
	req.Header.Set("X-DIDWW-API-Version", m.cfg.apiVersion)
	req.Header.Set("User-Agent", m.cfg.userAgentHeader())
	start := time.Now()
	resp, err := m.cfg.httpClient.Do(req)
	if err != nil {
		m.log(ctx, 0, start, err)
		return nil, &tokenError{url: m.url, err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody+1))
	m.log(ctx, resp.StatusCode, start, err)
	e := &tokenError{url: m.url, status: resp.StatusCode}
	e.retryAfter, _ = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	if err != nil {
		e.err = fmt.Errorf("reading the answer: %w", err)
		return nil, e
	}
	if len(body) > maxErrorBody {
		e.detail = fmt.Sprintf("the answer exceeds %d bytes", maxErrorBody)
		return nil, e
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e.detail = m.redact(refusalDetail(resp.Header.Get("Content-Type"), body))
		return nil, e
	}
	t, err := parseTokenAnswer(body, m.cfg.clock()())
	if err != nil {
		e.detail = m.redact(fmt.Sprintf("%v (%s)", err, answerShape(resp.Header.Get("Content-Type"), body)))
		return nil, e
	}
	return t, nil
}

// redact removes the key from text a token service sent back, in case it
// echoes it.
func (m *minter) redact(text string) string {
	if key := m.cfg.apiKey.reveal(); key != "" {
		text = strings.ReplaceAll(text, key, "[redacted]")
	}
	return text
}

// log writes the debug line of a token request: never the key or the token.
func (m *minter) log(ctx context.Context, status int, start time.Time, err error) {
	l := m.cfg.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", http.MethodPost),
		slog.String("url", m.url),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redactURLError(err)))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "didww token request", attrs...)
}

// refusalDetail says what a token service's refusal holds: its error objects
// when it sent JSON:API errors, else only its shape.
func refusalDetail(contentType string, body []byte) string {
	objs, ok := parseErrorBody(body)
	if !ok {
		return answerShape(contentType, body)
	}
	parts := make([]string, 0, len(objs))
	for _, o := range objs {
		parts = append(parts, o.summary())
	}
	return strings.Join(parts, "; ")
}

func answerShape(contentType string, body []byte) string {
	if contentType == "" {
		contentType = "no content type"
	}
	return fmt.Sprintf("%s, %d bytes", oneLine(contentType, 60), len(body))
}

// tokenError is a failed mint at a token service. It never holds the key or
// a token.
type tokenError struct {
	url    string
	status int    // 0 when no answer came
	detail string // what came back
	err    error  // the transport failure, if any
	// retryAfter is the wait the service asked for, zero when none.
	retryAfter time.Duration
}

// retryable says whether another mint may succeed: the service was busy or
// out of reach, not refusing the key.
func (e *tokenError) retryable() bool {
	switch e.status {
	case 0:
		return e.err != nil && !errors.Is(e.err, context.Canceled) && !errors.Is(e.err, context.DeadlineExceeded)
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func (e *tokenError) Error() string {
	var b strings.Builder
	b.WriteString("minting a bearer token at " + e.url)
	if e.status != 0 {
		fmt.Fprintf(&b, ": %d %s", e.status, http.StatusText(e.status))
	}
	if e.detail != "" {
		b.WriteString(": " + e.detail)
	}
	if e.err != nil {
		b.WriteString(": " + redactURLError(e.err))
	}
	if e.status == http.StatusUnauthorized && e.url == sandboxTokenURL {
		b.WriteString(" (the sandbox's token service, " + sandboxKeyHint + ")")
	}
	return b.String()
}

func (e *tokenError) Unwrap() error { return e.err }

// Is matches the sentinels of the service's status, and ErrDecode for a 2xx
// answer with no readable token.
func (e *tokenError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.status == http.StatusUnauthorized
	case ErrForbidden:
		return e.status == http.StatusForbidden
	case ErrRateLimited:
		return e.status == http.StatusTooManyRequests
	case ErrServer:
		return e.status >= 500 && e.status <= 599
	case ErrDecode:
		return e.status >= 200 && e.status <= 299 && e.err == nil
	}
	return false
}

// parseTokenAnswer reads a token service's 2xx answer, whose shape DIDWW
// does not document: a JSON object with access_token (or token), at the top
// or in JSON:API's data.attributes, and expires_in (seconds, a number or a
// numeric string) or expires_at (RFC 3339 or Unix seconds); without those, a
// JWT's exp claim (read, not verified); else no expiry. A body that is only a
// JWT is taken too. The error says what was there, never a value.
func parseTokenAnswer(body []byte, now time.Time) (*Token, error) {
	text := strings.TrimSpace(string(body))
	if isJWT(text) {
		return &Token{AccessToken: text, Expiry: jwtExpiry(text)}, nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil || top == nil {
		return nil, errors.New("the answer is not a JSON object")
	}
	objs := []map[string]any{top}
	if data, ok := top["data"].(map[string]any); ok {
		if attrs, ok := data["attributes"].(map[string]any); ok {
			objs = append(objs, attrs)
		}
		objs = append(objs, data)
	}
	t := &Token{}
	for _, o := range objs {
		if t.AccessToken == "" {
			t.AccessToken = firstString(o, "access_token", "token")
		}
		if t.Expiry.IsZero() {
			t.Expiry = expiryOf(o, now)
		}
	}
	if t.AccessToken == "" {
		return nil, fmt.Errorf("no access_token in the answer; %s", jsonKeys(top))
	}
	if t.Expiry.IsZero() {
		t.Expiry = jwtExpiry(t.AccessToken)
	}
	return t, nil
}

func firstString(o map[string]any, names ...string) string {
	for _, n := range names {
		if s, ok := o[n].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// maxTokenLife bounds a lifetime taken from an answer; more is nonsense, or
// an overflow waiting to happen.
const maxTokenLife = 10 * 365 * 24 * time.Hour

// expiryOf reads expires_in or expires_at of o; zero when neither is usable.
func expiryOf(o map[string]any, now time.Time) time.Time {
	if secs, ok := number(o["expires_in"]); ok && secs > 0 && secs < maxTokenLife.Seconds() {
		return now.Add(time.Duration(secs * float64(time.Second)))
	}
	switch v := o["expires_at"].(type) {
	case string:
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t
		}
		if secs, ok := number(v); ok {
			return unixTime(secs)
		}
	case json.Number:
		if secs, ok := number(v); ok {
			return unixTime(secs)
		}
	}
	return time.Time{}
}

// number reads a JSON number or a numeric string.
func number(v any) (float64, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = string(v)
	case string:
		s = strings.TrimSpace(v)
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

func unixTime(secs float64) time.Time {
	if secs <= 0 || secs > 1e11 {
		return time.Time{}
	}
	whole, frac := math.Modf(secs)
	return time.Unix(int64(whole), int64(frac*1e9))
}

// isJWT reports whether s is three base64url parts whose first two decode to
// JSON objects.
func isJWT(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts[:2] {
		var obj map[string]any
		if jwtPart(p, &obj) != nil || obj == nil {
			return false
		}
	}
	_, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[2], "="))
	return err == nil
}

func jwtPart(p string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(p, "="))
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(v)
}

// jwtExpiry is the exp claim of a JWT, unverified; zero for other tokens.
func jwtExpiry(s string) time.Time {
	if !isJWT(s) {
		return time.Time{}
	}
	var claims map[string]any
	if jwtPart(strings.Split(s, ".")[1], &claims) != nil {
		return time.Time{}
	}
	exp, ok := claims["exp"].(json.Number)
	if !ok {
		return time.Time{}
	}
	secs, ok := number(exp)
	if !ok {
		return time.Time{}
	}
	return unixTime(secs)
}

// jsonKeys names the keys of an answer (and of its data.attributes), for
// an error: names only, short, never values.
func jsonKeys(top map[string]any) string {
	out := "top-level keys " + keyList(top)
	if data, ok := top["data"].(map[string]any); ok {
		if attrs, ok := data["attributes"].(map[string]any); ok {
			out += ", data.attributes keys " + keyList(attrs)
		}
	}
	return out
}

func keyList(o map[string]any) string {
	keys := make([]string, 0, len(o))
	for k := range o {
		if len(k) > 32 { // a name that long could be a secret used as one
			k = fmt.Sprintf("(a %d-byte name)", len(k))
		}
		keys = append(keys, oneLine(k, 40))
	}
	sort.Strings(keys)
	if len(keys) > 12 {
		keys = append(keys[:12], "…")
	}
	return "[" + strings.Join(keys, " ") + "]"
}
