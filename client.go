package didww

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Version is this library's version, sent in the User-Agent header.
const Version = "0.1.0"

// The dated API versions the client knows. Under APIVersion20260416 requests
// carry the API key; from APIVersion20261119 on they carry a bearer token
// minted with it (see TokenSource).
const (
	APIVersion20260416 = "2026-04-16"
	APIVersion20261119 = "2026-11-19"
)

// DefaultAPIVersion is the API version the client pins with the
// X-DIDWW-API-Version header unless WithAPIVersion says otherwise.
const DefaultAPIVersion = APIVersion20260416

// MediaType is the JSON:API media type of every request and response.
const MediaType = "application/vnd.api+json"

// Environment is a DIDWW API environment, named by its base URL. Sandbox and
// production have separate accounts and keys.
type Environment string

const (
	// Sandbox is the test environment, the default.
	Sandbox Environment = "https://sandbox-api.didww.com/v3"
	// Production is the live environment, where orders cost money.
	Production Environment = "https://api.didww.com/v3"
)

const (
	// maxErrorBody caps how much of an error response is read.
	maxErrorBody = 1 << 20
	// defaultMaxBody caps how much of a success response is read.
	defaultMaxBody = 32 << 20
	// MaxPageSize is the largest page[size] the API documents.
	MaxPageSize = 100
)

// Client talks to the DIDWW v3 API. It is safe for concurrent use; its
// services share its configuration, retry policy and rate limiter.
type Client struct {
	cfg     *config
	limiter *rateLimiter
	tokens  *tokenCache // nil under versions that take the API key

	Countries       *CountriesService
	Regions         *RegionsService
	Cities          *CitiesService
	DIDGroupTypes   *DIDGroupTypesService
	DIDGroups       *DIDGroupsService
	NanpaPrefixes   *NanpaPrefixesService
	AvailableDIDs   *AvailableDIDsService
	DIDReservations *DIDReservationsService
	Orders          *OrdersService
	DIDs            *DIDsService
	DIDHistory      *DIDHistoryService
	Balance         *BalanceService
}

// service is the value every resource service shares.
type service struct{ client *Client }

// credential holds one secret of the client, such as the API key. The secret
// lives only in the variable a closure captures, which reflection cannot
// reach: fmt (every verb, on a Client value or any container of one), go-spew
// and testify's diffs see a func, printed as an address. Methods would not be
// enough, since printers skip them on unexported fields or when told to. A
// further secret of the config is one more credential field.
type credential func() string

func newCredential(secret string) credential { return func() string { return secret } }

// reveal returns the secret, for the header that carries it.
func (c credential) reveal() string {
	if c == nil {
		return ""
	}
	return c()
}

type config struct {
	apiKey     credential
	baseURL    *url.URL // resolved by NewClient from the two below
	envURL     *url.URL // WithEnvironment's, Sandbox by default
	customURL  *url.URL // WithBaseURL's, which wins
	httpClient *http.Client
	apiVersion string
	userAgent  string
	retry      RetryPolicy
	maxRetries *int // WithMaxRetries's count, which wins over retry's
	rateLimit  float64
	logger     *slog.Logger
	timeout    time.Duration
	maxBody    int64
	prefetch   int

	// tokenSource and tokenURL serve versions with bearer tokens; the source
	// is a func so that printers cannot reach what it holds.
	tokenSource func(context.Context) (*Token, error)
	tokenURL    *url.URL
	now         func() time.Time // the token clock; nil is time.Now
}

// Format prints the config in short. The key is out of reach anyway (see
// credential); this keeps %v of a config readable.
func (c config) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "didww.config{BaseURL: %v, APIVersion: %s}", c.baseURL, c.apiVersion)
}

// Option configures a Client. Options validate their input and fail NewClient.
// Their order does not matter: an option given twice keeps its last value,
// and where two options set the same thing the narrower one wins, before or
// after the other: WithMaxRetries over the count of WithRetryPolicy,
// WithBaseURL over WithEnvironment, WithTimeout over the Timeout of
// WithHTTPClient's client, WithTokenURL over the environment's token service.
type Option func(*config) error

// NewClient returns a client for apiKey, talking to the sandbox unless an
// option says otherwise. An empty key or a failing option is an error.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, errors.New("didww: the API key is empty")
	}
	if strings.ContainsAny(apiKey, "\r\n") {
		return nil, errors.New("didww: the API key contains a line break")
	}
	cfg := &config{
		apiKey:     newCredential(apiKey),
		apiVersion: DefaultAPIVersion,
		retry:      DefaultRetryPolicy,
		rateLimit:  DefaultRateLimit,
		maxBody:    defaultMaxBody,
		prefetch:   DefaultPrefetch,
	}
	if err := WithEnvironment(Sandbox)(cfg); err != nil {
		return nil, err
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	cfg.resolve()
	cfg.httpClient = safeHTTPClient(cfg.httpClient, cfg.timeout)
	tokens, err := newTokenCache(cfg)
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, limiter: newRateLimiter(cfg.rateLimit), tokens: tokens}
	common := service{client: c}
	c.Countries = (*CountriesService)(&common)
	c.Regions = (*RegionsService)(&common)
	c.Cities = (*CitiesService)(&common)
	c.DIDGroupTypes = (*DIDGroupTypesService)(&common)
	c.DIDGroups = (*DIDGroupsService)(&common)
	c.NanpaPrefixes = (*NanpaPrefixesService)(&common)
	c.AvailableDIDs = (*AvailableDIDsService)(&common)
	c.DIDReservations = (*DIDReservationsService)(&common)
	c.Orders = (*OrdersService)(&common)
	c.DIDs = (*DIDsService)(&common)
	c.DIDHistory = (*DIDHistoryService)(&common)
	c.Balance = (*BalanceService)(&common)
	return c, nil
}

// resolve settles the options that overlap, whatever order they came in.
func (c *config) resolve() {
	c.baseURL = c.envURL
	if c.customURL != nil {
		c.baseURL = c.customURL
	}
	if c.maxRetries != nil {
		c.retry.MaxRetries = *c.maxRetries
	}
}

// safeHTTPClient copies the caller's client (never mutating it) and makes its
// redirects drop the API key and any bearer token when they leave the original
// host, and refuse plain HTTP off loopback.
func safeHTTPClient(in *http.Client, timeout time.Duration) *http.Client {
	var hc http.Client
	if in != nil {
		hc = *in
	}
	if timeout > 0 {
		hc.Timeout = timeout
	}
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		if req.URL.Scheme == "http" && !isLoopback(req.URL.Hostname()) {
			return fmt.Errorf("refusing redirect to plain http://%s", req.URL.Host)
		}
		if !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
			req.Header.Del("Api-Key")
			req.Header.Del("Authorization")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &hc
}

// String describes the client without its key.
func (c *Client) String() string {
	return fmt.Sprintf("didww.Client{BaseURL: %s, APIVersion: %s}", c.cfg.baseURL, c.cfg.apiVersion)
}

// GoString is String, so %#v shows no key either.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so no formatting of a Client shows its key.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// BaseURL returns the base URL requests go to, such as https://api.didww.com/v3.
func (c *Client) BaseURL() string { return c.cfg.baseURL.String() }

// WithEnvironment selects Sandbox (the default) or Production. A WithBaseURL
// given too, before or after it, decides where requests go.
func WithEnvironment(env Environment) Option {
	return func(c *config) error {
		if env != Sandbox && env != Production {
			return fmt.Errorf("didww: unknown environment %q (use didww.Sandbox or didww.Production)", string(env))
		}
		u, err := baseURLOf(string(env))
		c.envURL = u
		return err
	}
}

// WithBaseURL points the client at another server, such as didwwtest. It must
// be https, or http on a loopback host. It wins over WithEnvironment, before
// or after it.
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		u, err := baseURLOf(raw)
		if err != nil {
			return err
		}
		c.customURL = u
		return nil
	}
}

func baseURLOf(raw string) (*url.URL, error) {
	u, err := parseServiceURL("base URL", raw)
	if err != nil {
		return nil, err
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// parseServiceURL checks a URL credentials travel to: https, or http on a
// loopback host; no user info, query or fragment.
func parseServiceURL(what, raw string) (*url.URL, error) {
	if !strings.Contains(raw, "://") {
		return nil, noScheme(what, raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// The text of a *url.Error quotes the URL, user info and all.
		return nil, fmt.Errorf("didww: bad %s: %s", what, redactURLError(err))
	}
	switch {
	case u.User != nil:
		return nil, fmt.Errorf("didww: %s must not carry user info", what)
	case u.Host == "":
		return nil, fmt.Errorf("didww: %s %q has no host", what, raw)
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, fmt.Errorf("didww: %s %q is plain http off loopback; the API key would travel in clear", what, raw)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("didww: %s %q is not http(s)", what, raw)
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("didww: %s %q must not have a query or fragment", what, raw)
	}
	return u, nil
}

// noScheme is the error of a URL written without its scheme, such as
// api.didww.com/v3.
func noScheme(what, raw string) error {
	rest := strings.TrimPrefix(strings.TrimSpace(raw), "//")
	switch host, _, _ := strings.Cut(rest, "/"); {
	case strings.Contains(raw, "@"):
		return fmt.Errorf("didww: %s has no scheme, and must not carry user info", what)
	case host == "":
		example := string(Production)
		if what == "token URL" {
			example = productionTokenURL
		}
		return fmt.Errorf("didww: %s %q has no scheme or host; use a full URL such as %s", what, raw, example)
	}
	return fmt.Errorf("didww: %s %q has no scheme; use https://%s", what, raw, rest)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithHTTPClient sends requests through hc. The client works on a copy: hc is
// never modified. A WithTimeout, before or after it, replaces hc.Timeout on
// the copy.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("didww: WithHTTPClient(nil)")
		}
		c.httpClient = hc
		return nil
	}
}

// WithAPIVersion sends another X-DIDWW-API-Version than DefaultAPIVersion,
// such as APIVersion20261119; any dated version is taken. From
// APIVersion20261119 on, requests authenticate with bearer tokens (see
// TokenSource) and still carry the header, which keeps the shapes the server
// answers in explicit.
func WithAPIVersion(version string) Option {
	return func(c *config) error {
		if _, err := time.Parse(time.DateOnly, version); err != nil {
			return fmt.Errorf("didww: API version %q is not a date like %s", version, DefaultAPIVersion)
		}
		c.apiVersion = version
		return nil
	}
}

// WithUserAgent appends a product token to the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.ContainsAny(ua, "\r\n") {
			return errors.New("didww: user agent contains a line break")
		}
		c.userAgent = strings.TrimSpace(ua)
		return nil
	}
}

// WithRetryPolicy replaces DefaultRetryPolicy. A WithMaxRetries given too,
// before or after it, sets the count: p.MaxRetries counts only without one.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if err := p.validate(); err != nil {
			return err
		}
		c.retry = p
		return nil
	}
}

// WithMaxRetries sets how many times a failed request is retried; 0 turns
// retries off. It sets only the count, and wins over the MaxRetries of a
// WithRetryPolicy before or after it, whose delays stay.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return errors.New("didww: WithMaxRetries needs a number ≥ 0")
		}
		c.maxRetries = &n
		return nil
	}
}

// WithRateLimit sets the client-side limit in requests per second (default
// DefaultRateLimit); 0 turns it off, and with it the client-wide hold after
// a 429 (each request then only waits out its own retry). With a limit of n
// the client starts requests at least 1/n s apart and at most n in any
// 1.1-second window, counted by their real start times: a server counting
// any 1-second window stays within n even when requests arrive up to 100 ms
// late. A fractional n allows ⌊n⌋ requests (at least one) in 1.1 × ⌊n⌋/n s.
func WithRateLimit(perSecond float64) Option {
	return func(c *config) error {
		if perSecond < 0 || perSecond != perSecond {
			return errors.New("didww: WithRateLimit needs a rate ≥ 0")
		}
		c.rateLimit = perSecond
		return nil
	}
}

// WithLogger logs one debug line per request attempt: method, path, status,
// duration and attempt; and one per bearer token mint: method, token URL,
// status and duration. The key and tokens are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("didww: WithLogger(nil)")
		}
		c.logger = l
		return nil
	}
}

// DefaultPrefetch is how many pages All fetches ahead of the caller.
const DefaultPrefetch = 4

// WithPrefetch sets how many pages All may fetch ahead of the caller once it
// knows the collection's last page (default DefaultPrefetch). Look-ahead keeps
// a long enumeration at the rate limit instead of one round trip per page;
// the price is up to n requests whose pages the caller may not read if it
// stops early. 0 fetches each page only when the caller reaches it.
func WithPrefetch(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return errors.New("didww: WithPrefetch needs a number ≥ 0")
		}
		c.prefetch = n
		return nil
	}
}

// WithTimeout bounds each request attempt, on the client's own copy of the
// HTTP client; it wins over the Timeout of WithHTTPClient's client, before or
// after it.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return errors.New("didww: WithTimeout needs a positive duration")
		}
		c.timeout = d
		return nil
	}
}

// request is one API call before it is sent.
type request struct {
	method string
	path   string // escaped path below the base URL, starting with "/"
	query  url.Values
	body   []byte
	// onRetry, when set, is told the error of each failed attempt that do
	// is about to try again: a write can learn that an earlier attempt may
	// have been carried out.
	onRetry func(err error)
	// anonymous requests carry no credential, such as GET /public_keys.
	anonymous bool
	// token is the bearer token the last try carried; the client sets it.
	token tokenUse
}

// response is an answer, its body read in full (capped).
type response struct {
	status int
	header http.Header
	body   []byte
	// sandbox says the answer came from the sandbox: a 401 gets a hint.
	sandbox bool
}

// pathFor joins a collection and an id, escaping the id. An empty id is an
// invalid request.
func pathFor(collection, id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", invalid("id", "is empty")
	}
	return "/" + collection + "/" + url.PathEscape(id), nil
}

// do sends r, retrying as the policy allows, and returns the 2xx answer or an
// error: *APIError for other statuses, a wrapped transport error otherwise.
func (c *Client) do(ctx context.Context, r *request) (*response, error) {
	if ctx == nil {
		return nil, invalid("ctx", "is nil")
	}
	target := c.cfg.baseURL.String() + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	for attempt := 0; ; attempt++ {
		if err := c.limiter.wait(ctx); err != nil {
			return nil, fmt.Errorf("didww: %s %s: %w", r.method, r.path, err)
		}
		resp, retryAfter, err := c.try(ctx, r, target, attempt)
		if err == nil {
			return resp, nil
		}
		again, err := c.tokenRefused(r, err)
		if again {
			continue
		}
		wait := c.cfg.retry.backoff(attempt+1, retryAfter)
		// Every 429 holds the client's later requests back, retried or not.
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests {
			c.limiter.pause(max(wait, time.Second))
		}
		if ctx.Err() != nil || attempt >= c.cfg.retry.MaxRetries || !c.shouldRetry(r.method, err) {
			return nil, err
		}
		if r.onRetry != nil {
			r.onRetry(err)
		}
		if serr := sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("%w; stopped waiting to retry: %w", err, serr)
		}
	}
}

func (c *Client) shouldRetry(method string, err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return retryableStatus(method, apiErr.StatusCode)
	}
	var te *transportError
	return errors.As(err, &te) && retryableError(method, te.err)
}

// transportError is a request that got no complete answer.
type transportError struct {
	method, path string
	err          error
}

func (e *transportError) Error() string {
	return fmt.Sprintf("didww: %s %s: %v", e.method, e.path, redactURLError(e.err))
}

func (e *transportError) Unwrap() error { return e.err }

// redactURLError is the text of a *url.Error without its operation and URL:
// the message names method and path already, and filter values in a query
// may be private (the key is never in a URL).
func redactURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// try makes one attempt.
func (c *Client) try(ctx context.Context, r *request, target string, attempt int) (*response, time.Duration, error) {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		text := fmt.Sprintf("didww: %s %s: %s", r.method, r.path, redactURLError(err))
		return nil, 0, &wrapError{text: text, errs: []error{ErrInvalidRequest, err}}
	}
	if r.body != nil {
		raw := r.body
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil }
		req.Header.Set("Content-Type", MediaType)
	}
	req.Header.Set("Accept", MediaType)
	if err := c.authorize(ctx, req, r); err != nil {
		return nil, 0, err
	}
	req.Header.Set("X-DIDWW-API-Version", c.cfg.apiVersion)
	req.Header.Set("User-Agent", c.cfg.userAgentHeader())

	start := time.Now()
	resp, err := c.cfg.httpClient.Do(req)
	if err != nil {
		c.log(ctx, r, 0, start, attempt, err)
		return nil, 0, &transportError{method: r.method, path: r.path, err: err}
	}
	defer resp.Body.Close()
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	limit := int64(maxErrorBody)
	if success {
		limit = c.cfg.maxBody
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	c.log(ctx, r, resp.StatusCode, start, attempt, err)
	if err != nil {
		return nil, 0, &transportError{method: r.method, path: r.path, err: fmt.Errorf("reading the %d response: %w", resp.StatusCode, err)}
	}
	tooLarge := int64(len(data)) > limit
	if tooLarge {
		data = data[:limit]
	}
	answer := &response{status: resp.StatusCode, header: resp.Header, body: data, sandbox: c.cfg.baseURL.String() == string(Sandbox)}
	if success {
		if tooLarge {
			return nil, 0, newDecodeError(r, answer, fmt.Errorf("response body exceeds %d bytes", limit))
		}
		return answer, 0, nil
	}
	apiErr := newAPIError(r, answer)
	return nil, apiErr.RetryAfter, apiErr
}

func (c *Client) log(ctx context.Context, r *request, status int, start time.Time, attempt int, err error) {
	if c.cfg.logger == nil || !c.cfg.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", r.method),
		slog.String("path", r.path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.Int("attempt", attempt+1),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redactURLError(err)))
	}
	c.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "didww request", attrs...)
}

func (c *config) userAgentHeader() string {
	if c.userAgent == "" {
		return "didww-go/" + Version
	}
	return "didww-go/" + Version + " " + c.userAgent
}

// encodeBody marshals a request document without HTML escaping, so that
// URLs with & travel as written.
func encodeBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("didww: encoding the request: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
