package didww

import (
	"context"
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

	// Registration: what numbers of a DID group with needs_registration ask for.
	AddressRequirements          *AddressRequirementsService
	Identities                   *IdentitiesService
	Addresses                    *AddressesService
	ProofTypes                   *ProofTypesService
	Proofs                       *ProofsService
	PermanentSupportingDocuments *PermanentSupportingDocumentsService
	AddressVerifications         *AddressVerificationsService
	SupportingDocumentTemplates  *SupportingDocumentTemplatesService
	Areas                        *AreasService
	PublicKeys                   *PublicKeysService
	EncryptedFiles               *EncryptedFilesService
	VoiceInTrunks                *VoiceInTrunksService
	VoiceInTrunkGroups           *VoiceInTrunkGroupsService
	SMSTrunkGroups               *SMSTrunkGroupsService
	Pops                         *PopsService
	CapacityPools                *CapacityPoolsService
	SharedCapacityGroups         *SharedCapacityGroupsService
	VoiceOutTrunks               *VoiceOutTrunksService
	Exports                      *ExportsService
	EmergencyRequirements        *EmergencyRequirementsService
	EmergencyCallingServices     *EmergencyCallingServicesService
	EmergencyVerifications       *EmergencyVerificationsService
	SenderIDVerifications        *SenderIDVerificationsService
	DIDs                         *DIDsService
	DIDHistory                   *DIDHistoryService
	Balance                      *BalanceService
	SMSTrunks                    *SMSTrunksService
	InboundCallPrices            *InboundCallPricesService
	OutboundCallPrices           *OutboundCallPricesService
	SMSPrices                    *SMSPricesService
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

	prices *pricesBases // WithPricesURLs's hosts (prices.go)
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
	c.AddressRequirements = (*AddressRequirementsService)(&common)
	c.Identities = (*IdentitiesService)(&common)
	c.Addresses = (*AddressesService)(&common)
	c.Proofs = (*ProofsService)(&common)
	c.PermanentSupportingDocuments = (*PermanentSupportingDocumentsService)(&common)
	c.AddressVerifications = (*AddressVerificationsService)(&common)
	c.ProofTypes = (*ProofTypesService)(&common)
	c.SupportingDocumentTemplates = (*SupportingDocumentTemplatesService)(&common)
	c.Areas = (*AreasService)(&common)
	c.PublicKeys = (*PublicKeysService)(&common)
	c.EncryptedFiles = (*EncryptedFilesService)(&common)
	c.VoiceInTrunks = (*VoiceInTrunksService)(&common)
	c.VoiceInTrunkGroups = (*VoiceInTrunkGroupsService)(&common)
	c.SMSTrunkGroups = (*SMSTrunkGroupsService)(&common)
	c.Pops = (*PopsService)(&common)
	c.CapacityPools = (*CapacityPoolsService)(&common)
	c.SharedCapacityGroups = (*SharedCapacityGroupsService)(&common)
	c.VoiceOutTrunks = (*VoiceOutTrunksService)(&common)
	c.Exports = (*ExportsService)(&common)
	c.EmergencyRequirements = (*EmergencyRequirementsService)(&common)
	c.EmergencyCallingServices = (*EmergencyCallingServicesService)(&common)
	c.EmergencyVerifications = (*EmergencyVerificationsService)(&common)
	c.SenderIDVerifications = (*SenderIDVerificationsService)(&common)
	c.DIDs = (*DIDsService)(&common)
	c.DIDHistory = (*DIDHistoryService)(&common)
	c.Balance = (*BalanceService)(&common)
	c.SMSTrunks = (*SMSTrunksService)(&common)
	c.InboundCallPrices = (*InboundCallPricesService)(&common)
	c.OutboundCallPrices = (*OutboundCallPricesService)(&common)
	c.SMSPrices = (*SMSPricesService)(&common)
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

// APIVersion returns the API version the client speaks: DefaultAPIVersion
// or the one WithAPIVersion chose.
func (c *Client) APIVersion() string { return c.cfg.apiVersion }

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
// such as APIVersion20261119; any dated version is taken. Includes, sort
// keys, filters and sparse fieldsets are checked for that version before
// sending: under APIVersion20261119 every did_group_type use and
// DIDGroupTypes are refused (DIDGroup.NumberType replaces them), under older
// versions NumberType and IsDemo are. From APIVersion20261119 on, requests
// authenticate with bearer tokens (see TokenSource) and still carry the
// header, which keeps the shapes the server answers in explicit. Pick the
// version of the account: the API serves an account at its own version and
// ignores a header naming an older one.
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
//
// What the API counts depends on the version. Under APIVersion20260416 it
// allows 20 requests a second per API key. From APIVersion20261119 on the
// budget is per account and window-based, its size undocumented: every
// client, key and process of one account draws on it, so give each a share.
// An exceeded budget is a 429; 2026-11-19 says in Retry-After how many
// seconds to wait, and the client honours it: the retry waits that long
// (capped by RetryPolicy.MaxDelay) and, with a limit on, no other request of
// the client starts before it has passed.
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

func (c *config) userAgentHeader() string {
	if c.userAgent == "" {
		return "didww-go/" + Version
	}
	return "didww-go/" + Version + " " + c.userAgent
}
