package didwwtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"math/big"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/didww-go/didww"
)

// DefaultBalance is the prepaid balance of the default account.
const DefaultBalance = "100.00"

// DefaultCallbackSecret signs callbacks unless WithCallbackSecret says otherwise.
const DefaultCallbackSecret = "didwwtest-callback-secret"

// DefaultReservationTTL is how long a reservation holds a number, as the API documents.
const DefaultReservationTTL = 10 * time.Minute

// DefaultReservationLimit is how many numbers one account may hold at once.
const DefaultReservationLimit = 10

// Server is an in-memory DIDWW v3 API. It is safe for concurrent use; every
// change of state happens under one lock, so races between customers resolve
// exactly as a single real server would.
type Server struct {
	// URL is the base URL of the API, ending in /v3.
	URL string
	// TokenURL is the URL of the server's token service (POST with an
	// account's key in Api-Key mints an access token; see doc.go): the
	// server's host with the path /token.
	TokenURL string
	// APIKey is the key of the default account.
	APIKey string
	// CallbackSecret is the key of the HMAC-SHA1 signature of callbacks.
	CallbackSecret string

	cfg     config
	ts      *httptest.Server
	hs      *http.Server
	handler http.Handler

	mu        sync.Mutex
	cat       *Catalogue
	idx       *index
	reg       *registry
	accounts  map[string]*account
	stock     map[string]int          // DID group id → numbers left for qty orders
	sold      map[string]bool         // available DID id → sold
	holds     map[string]*reservation // reservation id → active reservation
	heldBy    map[string]*reservation // available DID id → its active reservation
	issued    map[string]bool         // numbers of the DIDs of every account
	faults    []*faultState
	rng       *mrand.Rand
	seq       int
	requests  []RequestRecord
	callbacks []CallbackRecord
	rate      map[string][]time.Time
	// rateNow is the rate limit's clock: real time (a test may set it).
	rateNow func() time.Time
	tokens  map[string]*accessToken
	// tokenSecret signs the tokens; it never leaves the server.
	tokenSecret []byte

	stop      chan struct{}
	closeOnce sync.Once
	bg        sync.WaitGroup // sweeper and callback deliveries
}

type config struct {
	catalogue        *Catalogue
	balance          string
	apiKey           string
	now              func() time.Time
	completionDelay  time.Duration
	rateLimit        int
	latency          time.Duration
	faults           []Fault
	faultSeed        uint64
	callbackSecret   string
	callbackClient   *http.Client
	reservationTTL   time.Duration
	reservationLimit int
	defaultAccount   []AccountOption
	tokenLifetime    time.Duration
	exportDelay      time.Duration
	// verificationDelay is how long an address verification stays pending.
	verificationDelay time.Duration
	// reportf receives a panic of the server's own code (WithTest).
	reportf func(format string, args ...any)
}

// Option configures a Server.
type Option func(*config)

// WithCatalogue serves c instead of DefaultCatalogue. NewServer panics when
// c does not pass Validate.
func WithCatalogue(c *Catalogue) Option { return func(cfg *config) { cfg.catalogue = c } }

// WithBalance sets the default account's prepaid balance, a decimal string.
func WithBalance(balance string) Option { return func(cfg *config) { cfg.balance = balance } }

// WithAPIKey sets the default account's key instead of a random one.
func WithAPIKey(key string) Option { return func(cfg *config) { cfg.apiKey = key } }

// WithClock makes the server read time from now: reservation expiry, order
// creation and completion all follow it. See Clock for a settable one.
func WithClock(now func() time.Time) Option {
	return func(cfg *config) {
		if now != nil {
			cfg.now = now
		}
	}
}

// WithOrderCompletionDelay keeps new DID orders pending until the server's
// clock passes their created_at plus d (DefaultOrderCompletionDelay without
// this option), as the API answers them pending and fulfils them later.
// d <= 0 asks for completion within the create answer, for tests that need it.
func WithOrderCompletionDelay(d time.Duration) Option {
	return func(cfg *config) { cfg.completionDelay = d }
}

// WithRateLimit answers 429 to a key that sends more than perSecond requests
// within one second of real time, as the API does at 20; 0 (the default) is
// no limit.
func WithRateLimit(perSecond int) Option { return func(cfg *config) { cfg.rateLimit = perSecond } }

// WithLatency delays every answer by d.
func WithLatency(d time.Duration) Option { return func(cfg *config) { cfg.latency = d } }

// WithFaults arms faults from the start, as InjectFault does.
func WithFaults(faults ...Fault) Option {
	return func(cfg *config) { cfg.faults = append(cfg.faults, faults...) }
}

// WithFaultSeed seeds the server's random choices, the faults given a Rate
// and the order of available DIDs, so that a run is repeatable (the default
// seed is 1).
func WithFaultSeed(seed uint64) Option { return func(cfg *config) { cfg.faultSeed = seed } }

// WithCallbackSecret sets the secret callbacks are signed with
// (default DefaultCallbackSecret).
func WithCallbackSecret(secret string) Option {
	return func(cfg *config) { cfg.callbackSecret = secret }
}

// WithCallbackHTTPClient sends callbacks through hc (default: a client with
// a 5 second timeout).
func WithCallbackHTTPClient(hc *http.Client) Option {
	return func(cfg *config) { cfg.callbackClient = hc }
}

// WithReservationLimit sets how many numbers one account may hold at once
// (default DefaultReservationLimit); reservations past it get 422.
func WithReservationLimit(n int) Option { return func(cfg *config) { cfg.reservationLimit = n } }

// AccountOption configures an account: one of NewAccount, or the default
// account through WithDefaultAccount.
type AccountOption func(*account)

// NumberSelection turns the account's number selection on (the default) or
// off. Without it the account gets 403 "Numbers selection is not enabled for
// the account" from every available_dids and did_reservations endpoint, as
// the API answers such an account.
func NumberSelection(enabled bool) AccountOption {
	return func(a *account) { a.noNumberSelection = !enabled }
}

// Credit gives the account credit on top of its balance: orders may spend
// it, and /balance shows it as credit and in total_balance. It panics when
// amount is not a non-negative decimal.
func Credit(amount string) AccountOption {
	r, ok := parseDecimal(amount)
	if !ok || r.Sign() < 0 {
		panic(fmt.Sprintf("didwwtest: credit %q is not a non-negative decimal", amount))
	}
	return func(a *account) { a.credit = new(big.Rat).Set(r) }
}

// APIVersion sets the account's API version, the one its requests are
// served at without a header and the api_version of its tokens:
// "2026-04-16" (the default) or "2026-11-19", which takes bearer tokens
// instead of the key. NewAccount and NewServer panic on another version.
func APIVersion(v string) AccountOption {
	return func(a *account) { a.version = v }
}

// WithDefaultAccount configures the default account (the one of APIKey).
func WithDefaultAccount(opts ...AccountOption) Option {
	return func(cfg *config) { cfg.defaultAccount = append(cfg.defaultAccount, opts...) }
}

// Reporter receives what WithTest reports; *testing.T is one.
type Reporter interface {
	Errorf(format string, args ...any)
}

// WithTest reports a panic of the server's own code, which it answers with
// 500, through t (a test's Errorf fails the test); without it such a panic
// goes to the standard logger. A panic is a bug of didwwtest, never an
// answer of the API.
func WithTest(t Reporter) Option {
	return func(cfg *config) {
		if t != nil {
			cfg.reportf = t.Errorf
		}
	}
}

// Clock is a settable clock for WithClock: it stands still until moved.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock showing t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type account struct {
	key     string
	balance *big.Rat
	// credit is spent after the balance (Credit); total_balance is their sum.
	credit *big.Rat
	// own is what the account holds: DIDs, trunks, capacity.
	own    holdings
	orders []*order
	// version is the API version the account is served at without a header.
	version string
	// noNumberSelection: reservations and available DIDs answer 403.
	noNumberSelection bool
	// readOnlyTokens: its tokens carry the read scope (ReadOnlyTokens).
	readOnlyTokens bool
	// noPricePlans are the price plans it lacks (WithoutPricePlans).
	noPricePlans map[string]bool
	// more: outbound trunks, exports, emergency services (outbound.go).
	more more
	// reg is what the account filed for registration (registration.go).
	reg regState
	// sms is the account's SMS trunks, trunk groups and sender ID
	// verifications (API 2026-11-19 on).
	sms smsState
}

// NewServer starts a server on a loopback port. It panics when an option is
// invalid (a bad catalogue or balance), as httptest does on failure.
func NewServer(opts ...Option) *Server {
	s := newServer(opts)
	s.ts = httptest.NewUnstartedServer(s.handler)
	s.ts.Start()
	s.URL = s.ts.URL + "/v3"
	s.TokenURL = s.ts.URL + tokenPath
	s.startSweeper()
	return s
}

// NewServerOn serves the API on l (as cmd/didwwtest does) until Close. Its
// URL is http://<l's address>/v3.
func NewServerOn(l net.Listener, opts ...Option) *Server {
	s := newServer(opts)
	s.hs = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	s.URL = "http://" + l.Addr().String() + "/v3"
	s.TokenURL = "http://" + l.Addr().String() + tokenPath
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		_ = s.hs.Serve(l)
	}()
	s.startSweeper()
	return s
}

func newServer(opts []Option) *Server {
	cfg := config{
		balance:           DefaultBalance,
		now:               time.Now,
		faultSeed:         1,
		callbackSecret:    DefaultCallbackSecret,
		reservationTTL:    DefaultReservationTTL,
		reservationLimit:  DefaultReservationLimit,
		completionDelay:   DefaultOrderCompletionDelay,
		tokenLifetime:     DefaultTokenLifetime,
		verificationDelay: DefaultVerificationDelay,
		exportDelay:       DefaultExportDelay,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.catalogue == nil {
		cfg.catalogue = DefaultCatalogue()
	}
	if err := cfg.catalogue.Validate(); err != nil {
		panic(err)
	}
	if cfg.callbackClient == nil {
		cfg.callbackClient = &http.Client{Timeout: 5 * time.Second}
	}
	s := &Server{
		cfg:            cfg,
		CallbackSecret: cfg.callbackSecret,
		cat:            cfg.catalogue,
		idx:            newIndex(cfg.catalogue),
		accounts:       map[string]*account{},
		stock:          map[string]int{},
		sold:           map[string]bool{},
		holds:          map[string]*reservation{},
		heldBy:         map[string]*reservation{},
		issued:         map[string]bool{},
		rng:            mrand.New(mrand.NewPCG(cfg.faultSeed, 0x5eed)),
		rate:           map[string][]time.Time{},
		tokens:         map[string]*accessToken{},
		rateNow:        time.Now,
		tokenSecret:    []byte(randomKey()),
		stop:           make(chan struct{}),
	}
	for _, g := range s.cat.DIDGroups {
		s.stock[g.ID] = g.Stock
	}
	for _, f := range cfg.faults {
		s.faults = append(s.faults, newFaultState(f))
	}
	key := cfg.apiKey
	if key == "" {
		key = randomKey()
	}
	if err := s.addAccount(key, cfg.balance, cfg.defaultAccount); err != nil {
		panic(err)
	}
	s.APIKey = key
	s.reg = s.registrations()
	s.handler = s.newHandler()
	return s
}

func randomKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "test-" + hex.EncodeToString(b)
}

func (s *Server) addAccount(key, balance string, opts []AccountOption) error {
	r, ok := parseDecimal(balance)
	if !ok || r.Sign() < 0 {
		return fmt.Errorf("didwwtest: balance %q is not a non-negative decimal", balance)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.accounts[key]; dup {
		return errors.New("didwwtest: duplicate API key")
	}
	a := &account{key: key, balance: r, credit: new(big.Rat), version: defaultAPIVersion,
		own: newHoldings(uid(fmt.Sprintf("balance/%d", len(s.accounts))))}
	for _, o := range opts {
		if o != nil {
			o(a)
		}
	}
	if !slices.Contains(servedVersions, a.version) {
		return fmt.Errorf("didwwtest: API version %q is not one the server serves (%v)", a.version, servedVersions)
	}
	s.accounts[key] = a
	return nil
}

// NewAccount adds a customer with its own balance, reservations and orders,
// configured by opts, and returns its API key. It panics when balance is not
// a non-negative decimal or the version (APIVersion) is not served.
func (s *Server) NewAccount(balance string, opts ...AccountOption) (apiKey string) {
	key := randomKey()
	if err := s.addAccount(key, balance, opts); err != nil {
		panic(err)
	}
	return key
}

// Balance returns the account's balance as a decimal string with at least
// two decimals ("100.00"), or "" for an unknown key.
func (s *Server) Balance(apiKey string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[apiKey]
	if a == nil {
		return ""
	}
	return formatMoney(a.balance)
}

// SetBalance replaces the account's balance; it panics on an unknown key or
// a bad decimal.
func (s *Server) SetBalance(apiKey, balance string) {
	r, ok := parseDecimal(balance)
	if !ok || r.Sign() < 0 {
		panic(fmt.Sprintf("didwwtest: balance %q is not a non-negative decimal", balance))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[apiKey]
	if a == nil {
		panic("didwwtest: unknown API key")
	}
	a.balance = r
}

// Catalogue returns the catalogue the server sells. It must not be modified.
func (s *Server) Catalogue() *Catalogue { return s.cat }

// Now returns the server's clock.
func (s *Server) Now() time.Time { return s.cfg.now() }

// Client returns a client for the default account pointed at the server, with
// test defaults: no client-side rate limit unless the server has one, and
// retries a few milliseconds apart (a Retry-After is still honoured, up to 2
// seconds). opts come last and win. It panics when an option fails.
func (s *Server) Client(opts ...didww.Option) *didww.Client {
	return s.ClientFor(s.APIKey, opts...)
}

// ClientFor is Client for the account of apiKey, at the account's API
// version (see APIVersion) and minting its tokens at TokenURL when that
// version takes bearer tokens; didww.WithAPIVersion among opts picks another.
func (s *Server) ClientFor(apiKey string, opts ...didww.Option) *didww.Client {
	base := []didww.Option{
		didww.WithBaseURL(s.URL),
		didww.WithTokenURL(s.TokenURL),
		didww.WithPricesURLs(s.PricesURLs()),
		didww.WithAPIVersion(s.accountVersion(apiKey)),
		didww.WithRateLimit(float64(s.cfg.rateLimit)),
		didww.WithRetryPolicy(didww.RetryPolicy{MaxRetries: 3, BaseDelay: 2 * time.Millisecond, MaxDelay: 2 * time.Second}),
	}
	c, err := didww.NewClient(apiKey, append(base, opts...)...)
	if err != nil {
		panic(err)
	}
	return c
}

// accountVersion is the API version of apiKey's account, the default for
// an unknown key.
func (s *Server) accountVersion(apiKey string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.accounts[apiKey]; a != nil {
		return a.version
	}
	return defaultAPIVersion
}

// Close stops the server after waiting for callback deliveries in flight.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.stop)
		if s.ts != nil {
			s.ts.Close()
		}
		if s.hs != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = s.hs.Shutdown(ctx)
			cancel()
		}
		s.bg.Wait()
	})
}

// startSweeper completes delayed orders and expires reservations as the
// clock moves, even when no request arrives, so callbacks go out on time.
func (s *Server) startSweeper() {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.sweep()
			}
		}
	}()
}

// sweep is sweepLocked for the sweeper: a panic is reported, and the lock
// released, instead of killing the process.
func (s *Server) sweep() {
	defer func() {
		if v := recover(); v != nil {
			s.reportPanic(nil, v)
		}
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked()
}

// reportPanic tells of a panic while serving r (nil for the sweeper).
func (s *Server) reportPanic(r *http.Request, v any) {
	where := "sweeping"
	if r != nil {
		where = r.Method + " " + r.URL.Path
	}
	msg := fmt.Sprintf("didwwtest: panic while %s: %v\n%s", where, v, debug.Stack())
	if s.cfg.reportf != nil {
		s.cfg.reportf("%s", msg)
		return
	}
	log.Print(msg)
}

// sweepLocked applies the clock: expired reservations release their
// numbers and due orders complete.
func (s *Server) sweepLocked() {
	now := s.cfg.now()
	for _, r := range s.holds {
		if !now.Before(r.expiresAt) {
			s.releaseLocked(r)
		}
	}
	for _, a := range s.accounts {
		for _, o := range a.orders {
			if o.status == statusPending && !now.Before(o.createdAt.Add(s.cfg.completionDelay)) {
				s.finishLocked(o, statusCompleted)
			}
		}
		s.progressExportsLocked(a, now)
		s.sweepRegistrationLocked(a, now)
	}
}

// nextID returns a fresh, deterministic id of kind.
func (s *Server) nextIDLocked(kind string) string {
	s.seq++
	return uid(fmt.Sprintf("%s/%d", kind, s.seq))
}

// RequestRecord is one request the server received.
type RequestRecord struct {
	Method   string
	Path     string // below the host, such as /v3/orders
	RawQuery string
	Status   int    // status answered; 0 when the connection was dropped
	Fault    string // the fault injected, if any
}

// Requests returns how many requests the server received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// RequestLog returns every request received so far, oldest first.
func (s *Server) RequestLog() []RequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]RequestRecord(nil), s.requests...)
}
