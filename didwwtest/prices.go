package didwwtest

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/didww-go/didww"
)

// The prices services (API_REFERENCE §23.4) run on the server's own
// listener, each under a path prefix standing for its host: api-vin,
// api-vout and api-sms. They take bearer tokens of API 2026-11-19 only
// (the Api-Key header is refused) and answer from the account's plans
// (prices_plan.go): lookups as JSON:API collections of type prices, and
// each plan's gzip CSV file to GET and HEAD.
const (
	inboundPricesPrefix  = "/api-vin/v3"
	outboundPricesPrefix = "/api-vout/v3"
	smsPricesPrefix      = "/api-sms/v3"
)

// smsDomains are the SMS price domains, by path prefix.
var smsDomains = []string{"sms_out/a2p", "sms_out/p2p", "sms_out/otp", "sms_in"}

// PricesURLs returns the base URLs of the three prices services on the
// server, for didww.WithPricesURLs; Client sets them already.
func (s *Server) PricesURLs() didww.PricesURLs {
	root := strings.TrimSuffix(s.URL, "/v3")
	return didww.PricesURLs{InboundCalls: root + inboundPricesPrefix, OutboundCalls: root + outboundPricesPrefix, SMS: root + smsPricesPrefix}
}

// isPricesPath reports whether path belongs to a prices service.
func isPricesPath(path string) bool {
	for _, p := range []string{inboundPricesPrefix, outboundPricesPrefix, smsPricesPrefix} {
		if strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// pricesCall is one request to a prices service.
type pricesCall struct {
	service string // "vin", "vout" or "sms"
	domain  string // the SMS domain, "" for the call services
	file    bool   // the price file, else the lookup
	plans   *pricePlans
	now     time.Time
}

// servePrices answers one request to a prices service.
func (s *Server) servePrices(w http.ResponseWriter, r *http.Request) int {
	pc, e := s.admitPrices(r)
	if e != nil {
		return writeError(w, e)
	}
	if pc.plans.missing(pc.service, pc.domain) {
		return writeError(w, newError(http.StatusNotFound, "price_plan_not_assigned", "Price plan not assigned",
			"The account holds no "+planName(pc.service, pc.domain)+" price plan."))
	}
	if pc.file {
		return writePriceFile(w, r, pc.priceFile())
	}
	if !acceptable(r.Header.Values("Accept")) {
		return writeError(w, newError(http.StatusNotAcceptable, "406", "Not acceptable",
			"All requests must use the '"+mediaType+"' Accept without media type parameters."))
	}
	out, e := pc.lookup(r)
	if e != nil {
		return writeError(w, e)
	}
	w.Header().Set("Content-Type", mediaType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
	return http.StatusOK
}

// writePriceFile answers GET or HEAD of a price file. If-Modified-Since at
// or after Last-Modified is answered 304 with the headers and no body
// (OpenAPI 2026-10-22 draft, openapi/sources/voice_in.json; no ETag, so
// If-None-Match is ignored).
func writePriceFile(w http.ResponseWriter, r *http.Request, f *fileAnswer) int {
	if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		if mod, err := http.ParseTime(f.header.Get("Last-Modified")); err == nil && !mod.After(since) {
			f.header.Del("Content-Length")
			f.header.Del("Content-Type")
			f.body = nil
			return f.write(w, http.StatusNotModified)
		}
	}
	if r.Method == http.MethodHead {
		f.body = nil // the same headers, Content-Length included
	}
	return f.write(w, http.StatusOK)
}

// admitPrices routes the request and checks its credentials, version and
// rate limit.
func (s *Server) admitPrices(r *http.Request) (*pricesCall, *apiError) {
	pc, e := routePrices(r)
	if e != nil {
		return nil, e
	}
	cr, e := s.authenticate(r)
	if e != nil {
		return nil, e
	}
	switch {
	case cr.apiKey:
		return nil, unauthorized("Bearer", "The prices services do not take the Api-Key header: the key only mints access tokens; send Authorization: Bearer <token>.")
	case !cr.bearer:
		return nil, unauthorized("Bearer", "The prices services take an access token: send Authorization: Bearer <token> minted at the token service.")
	}
	version, e := selectVersion(r.Header.Get("X-DIDWW-API-Version"), cr.base)
	if e != nil {
		return nil, e
	}
	if !slices.Contains(bearerVersions, version) {
		return nil, goneError(r.URL.Path) // the services exist from 2026-11-19 on
	}
	if e := s.rateLimited(cr.acct, version); e != nil {
		return nil, e
	}
	pc.plans, pc.now = defaultPricePlans().without(cr.acct.noPricePlans), s.cfg.now()
	return pc, nil
}

// routePrices reads the service, domain and operation of a request.
func routePrices(r *http.Request) (*pricesCall, *apiError) {
	pc := &pricesCall{}
	var rest string
	for svc, p := range map[string]string{"vin": inboundPricesPrefix, "vout": outboundPricesPrefix, "sms": smsPricesPrefix} {
		if after, ok := strings.CutPrefix(r.URL.Path, p); ok {
			pc.service, rest = svc, after
		}
	}
	if pc.service == "sms" {
		for _, d := range smsDomains {
			if after, ok := strings.CutPrefix(rest, "/"+d+"/"); ok {
				pc.domain, rest = d, "/"+after
			}
		}
		if pc.domain == "" {
			return nil, goneError(r.URL.Path)
		}
	}
	allow := http.MethodGet
	switch rest {
	case "/lookup/prices":
	case "/prices.csv.gz":
		pc.file, allow = true, "GET, HEAD"
	default:
		return nil, goneError(r.URL.Path)
	}
	if r.Method != http.MethodGet && !(pc.file && r.Method == http.MethodHead) {
		e := newError(http.StatusMethodNotAllowed, "405", "Method not allowed", r.Method+" is not allowed on "+r.URL.Path+".")
		e.header = http.Header{"Allow": {allow}}
		return nil, e
	}
	return pc, nil
}

// missing says whether the account holds no plan of the service (and SMS
// domain).
func (p *pricePlans) missing(service, domain string) bool {
	switch {
	case service == "vin":
		return p.inbound == nil
	case service == "vout":
		return p.outbound == nil
	case domain == "sms_in":
		return p.smsIn == nil
	}
	return p.smsOut[domain] == nil
}

// planName names a plan as WithoutPricePlans does.
func planName(service, domain string) string {
	switch service {
	case "vin":
		return PricePlanInboundCalls
	case "vout":
		return PricePlanOutboundCalls
	}
	return domain
}

// Plans an account can lack (WithoutPricePlans): the call plans, and the
// SMS domains by their paths.
const (
	PricePlanInboundCalls  = "inbound_calls"
	PricePlanOutboundCalls = "outbound_calls"
	PricePlanSMSOutA2P     = "sms_out/a2p"
	PricePlanSMSOutP2P     = "sms_out/p2p"
	PricePlanSMSOutOTP     = "sms_out/otp"
	PricePlanSMSIn         = "sms_in"
)

// WithoutPricePlans takes plans away from the account: every operation of
// a missing plan answers 404 price_plan_not_assigned. The default account
// holds every plan but SMS OUT OTP.
func WithoutPricePlans(plans ...string) AccountOption {
	return func(a *account) {
		if a.noPricePlans == nil {
			a.noPricePlans = map[string]bool{}
		}
		for _, p := range plans {
			a.noPricePlans[p] = true
		}
	}
}

// without drops the plans names lists.
func (p *pricePlans) without(names map[string]bool) *pricePlans {
	if names[PricePlanInboundCalls] {
		p.inbound = nil
	}
	if names[PricePlanOutboundCalls] {
		p.outbound = nil
	}
	if names[PricePlanSMSIn] {
		p.smsIn = nil
	}
	for name := range names {
		delete(p.smsOut, name)
	}
	return p
}

// lookupFilters are the filters each lookup reads; anything else is a 400.
var lookupFilters = map[string][]string{
	"vin":  {"number", "src_country_iso"},
	"vout": {"number"},
	"sms":  {"dst_number", "dst_country_iso"},
}

// lookupQuery checks a lookup's parameters: only the service's filters,
// each once, with a value of the documented form.
func (pc *pricesCall) lookupQuery(r *http.Request) (map[string]string, *apiError) {
	allowed := lookupFilters[pc.service]
	got := map[string]string{}
	for key, vs := range r.URL.Query() {
		name, ok := strings.CutPrefix(key, "filter[")
		name, closed := strings.CutSuffix(name, "]")
		switch {
		case !ok || !closed:
			return nil, badRequest("400", "Bad request", "Parameter "+key+" is not read by this service: only filter is.")
		case !slices.Contains(allowed, name):
			return nil, badRequest("400", "Bad request", "filter["+name+"] is not a filter of this lookup.")
		case len(vs) != 1 || vs[0] == "":
			return nil, badRequest("400", "Bad request", "filter["+name+"] needs one value.")
		}
		v := vs[0]
		if strings.HasSuffix(name, "number") && strings.Trim(v, "0123456789") != "" {
			return nil, badRequest("400", "Bad request", "filter["+name+"] is not a number.")
		}
		if pc.service == "vin" && name == "number" && !inboundNumber(v) {
			return nil, badRequest("400", "Bad request", "filter[number] must be 8 to 15 digits with a non-zero first digit.")
		}
		if strings.HasSuffix(name, "_iso") && (len(v) != 2 || strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
			return nil, badRequest("400", "Bad request", "filter["+name+"] is not an ISO 3166-1 alpha-2 code.")
		}
		got[name] = v
	}
	switch {
	case pc.service != "sms" && got["number"] == "":
		return nil, badRequest("400", "Bad request", "filter[number] is required.")
	case pc.service == "sms" && got["dst_number"] == "" && got["dst_country_iso"] == "":
		return nil, badRequest("400", "Bad request", "filter[dst_number] or filter[dst_country_iso] is required.")
	}
	return got, nil
}

// lookup answers a lookup: the collection, or 404 price_not_found when it
// would be empty.
func (pc *pricesCall) lookup(r *http.Request) ([]byte, *apiError) {
	q, e := pc.lookupQuery(r)
	if e != nil {
		return nil, e
	}
	var data []map[string]any
	switch {
	case pc.service == "vin":
		data = renderInbound(lookupInbound(pc.plans.inbound, q["number"], q["src_country_iso"]))
	case pc.service == "vout":
		data = renderOutbound(lookupOutbound(pc.plans.outbound, q["number"], pc.now))
	case pc.domain == "sms_in":
		data = renderSMSIn(lookupSMSIn(pc.plans.smsIn, q["dst_number"], q["dst_country_iso"]))
	default:
		data = renderSMSOut(pc.domain, lookupSMSOut(pc.plans.smsOut[pc.domain], q["dst_number"], q["dst_country_iso"]))
	}
	if len(data) == 0 {
		return nil, newError(http.StatusNotFound, "price_not_found", "Price not found", "No price of the plan covers the number or country.")
	}
	// The collection's meta is total_records alone, the number of answers
	// (OpenAPI 2026-10-22 draft, openapi/sources/voice_in.json).
	out, _ := marshal(map[string]any{"data": data, "meta": map[string]any{"total_records": len(data)}})
	return out, nil
}

// inboundNumber reports whether n is of the Voice IN lookup's form: 8 to 15
// digits, the first not 0 (OpenAPI 2026-10-22 draft,
// openapi/sources/voice_in.json: ^[1-9][0-9]{7,14}$).
func inboundNumber(n string) bool {
	return len(n) >= 8 && len(n) <= 15 && n[0] != '0' && strings.Trim(n, "0123456789") == ""
}
