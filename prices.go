package didww

// The prices services (API_REFERENCE §23.4): three JSON:API services on
// hosts of their own, api-vin, api-vout and api-sms, that answer what the
// account's price plans charge. They exist from API version 2026-11-19 on
// and take the same bearer tokens as the API; the API key never goes to
// them. Requests go through the client's pipeline (retries, rate limit,
// token renewal, errors) with another base URL.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/didww-go/didww/internal/jsonapi"
)

var (
	// ErrPriceNotFound matches a 404 of a prices service with the error code
	// price_not_found: no price of the plan covers the number or country.
	ErrPriceNotFound = errors.New("didww: price not found")
	// ErrPricePlanNotAssigned matches a 404 of a prices service with the
	// error code price_plan_not_assigned: the account has no price plan in
	// that domain (an SMS domain without a plan answers it to every
	// operation). A HEAD answer has no body to say so: Stat's 404 matches
	// ErrNotFound only.
	ErrPricePlanNotAssigned = errors.New("didww: price plan not assigned")
)

// The production and sandbox base URLs of the prices services.
const (
	productionInboundPricesURL  = "https://api-vin.didww.com/v3"
	sandboxInboundPricesURL     = "https://api-vin-sandbox.didww.com/v3"
	productionOutboundPricesURL = "https://api-vout.didww.com/v3"
	sandboxOutboundPricesURL    = "https://api-vout-sandbox.didww.com/v3"
	productionSMSPricesURL      = "https://api-sms.didww.com/v3"
	sandboxSMSPricesURL         = "https://api-sms-sandbox.didww.com/v3"
)

// MaxPriceFileSize caps the decompressed size of a price file download.
const MaxPriceFileSize = 4 << 30

// PricesURLs are the base URLs of the three prices services, such as
// https://api-vin.didww.com/v3.
type PricesURLs struct {
	InboundCalls  string
	OutboundCalls string
	SMS           string
}

// pricesBases are PricesURLs, checked.
type pricesBases struct{ in, out, sms *url.URL }

// WithPricesURLs points the prices services at other hosts, such as
// didwwtest's (Server.PricesURLs). Each URL must be https, or http on a
// loopback host, and all three are needed. Without it the services use
// the hosts of WithEnvironment's environment; a client with WithBaseURL
// and no WithPricesURLs refuses prices requests, since its bearer tokens
// come from elsewhere than DIDWW.
func WithPricesURLs(u PricesURLs) Option {
	return func(c *config) error {
		var b pricesBases
		for _, p := range []struct {
			name, raw string
			dst       **url.URL
		}{{"InboundCalls", u.InboundCalls, &b.in}, {"OutboundCalls", u.OutboundCalls, &b.out}, {"SMS", u.SMS, &b.sms}} {
			if strings.TrimSpace(p.raw) == "" {
				return fmt.Errorf("didww: WithPricesURLs: %s is empty", p.name)
			}
			v, err := parseServiceURL("prices URL "+p.name, p.raw)
			if err != nil {
				return fmt.Errorf("didww: WithPricesURLs: %s", strings.TrimPrefix(err.Error(), "didww: "))
			}
			v.Path, v.RawPath = strings.TrimRight(v.Path, "/"), ""
			*p.dst = v
		}
		c.prices = &b
		return nil
	}
}

// pricesHost names one prices service.
type pricesHost int

const (
	inboundPrices pricesHost = iota
	outboundPrices
	smsPrices
)

func (h pricesHost) String() string {
	return [...]string{"inbound call prices", "outbound call prices", "SMS prices"}[h]
}

// pricesBase is the base URL of service h, or the reason the client does
// not send to it: a version without bearer tokens (the API key must never
// reach a prices host, and the services are documented from 2026-11-19
// on), or a custom base URL without WithPricesURLs.
func (c *Client) pricesBase(h pricesHost) (*url.URL, error) {
	cfg := c.cfg
	switch {
	case !usesTokens(cfg.apiVersion) || c.tokens == nil:
		return nil, invalid("version", "the %s service exists from API version %s on and takes its bearer tokens only; "+
			"the client speaks %s, whose API key is never sent to a prices host: use WithAPIVersion(APIVersion20261119)",
			h, APIVersion20261119, cfg.apiVersion)
	case cfg.prices != nil:
		return [...]*url.URL{cfg.prices.in, cfg.prices.out, cfg.prices.sms}[h], nil
	case cfg.customURL != nil:
		return nil, invalid("base URL", "%s is neither environment: say where the %s service is with WithPricesURLs", cfg.baseURL, h)
	}
	prod := cfg.envURL.String() == string(Production)
	urls := [...][2]string{
		{sandboxInboundPricesURL, productionInboundPricesURL},
		{sandboxOutboundPricesURL, productionOutboundPricesURL},
		{sandboxSMSPricesURL, productionSMSPricesURL},
	}[h]
	raw := urls[0]
	if prod {
		raw = urls[1]
	}
	return url.Parse(raw)
}

// pricesError wraps err, an error of service h, naming the service and
// adding the sentinel of a 404 whose error code says why.
func pricesError(h pricesHost, err error) error {
	errs := []error{err}
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		switch {
		case apiErr.hasCode("price_not_found"):
			errs = append(errs, ErrPriceNotFound)
		case apiErr.hasCode("price_plan_not_assigned"):
			errs = append(errs, ErrPricePlanNotAssigned)
		}
	}
	return &wrapError{text: "didww: " + h.String() + ": " + strings.TrimPrefix(err.Error(), "didww: "), errs: errs}
}

// hasCode reports whether an error object carries code. The pages name the
// identifiers "error codes" without showing an error document; the title is
// accepted too (inference).
func (e *APIError) hasCode(code string) bool {
	for _, o := range e.Errors {
		if o.Code == code || strings.EqualFold(o.Title, code) {
			return true
		}
	}
	return false
}

// lookupPrices sends a lookup to service h and decodes its collection.
func lookupPrices[T any](ctx context.Context, c *Client, h pricesHost, path string, q url.Values) ([]*T, error) {
	if ctx == nil {
		return nil, invalid("ctx", "is nil")
	}
	base, err := c.pricesBase(h)
	if err != nil {
		return nil, pricesError(h, err)
	}
	r := &request{method: http.MethodGet, base: base, path: path, query: q}
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, pricesError(h, err)
	}
	doc, err := decodeDocument(r, resp)
	if err == nil && doc.Single {
		err = newDecodeError(r, resp, errors.New("data is not an array"))
	}
	if err != nil {
		return nil, pricesError(h, err)
	}
	items, err := jsonapi.DecodeMany[T](doc)
	if err != nil {
		return nil, pricesError(h, newDecodeError(r, resp, err))
	}
	return items, nil
}

// checkNumber checks a number to price: digits only, as the pages write
// them (18005550123), without a leading + (inference).
func checkNumber(field, n string) error {
	switch {
	case n == "":
		return invalid(field, "is empty")
	case strings.HasPrefix(n, "+"):
		return invalid(field, "%q starts with +: write the number in digits only, such as 18005550123", n)
	case len(n) > 20 || strings.Trim(n, "0123456789") != "":
		return invalid(field, "%q is not a number of up to 20 digits", n)
	}
	return nil
}

// checkInboundNumber checks the number of an inbound call price lookup:
// 8 to 15 digits, the first not 0, the form the Voice IN service answers
// (OpenAPI 2026-10-22 draft, openapi/sources/voice_in.json); any other is
// a 400.
func checkInboundNumber(field, n string) error {
	if err := checkNumber(field, n); err != nil {
		return err
	}
	if len(n) < 8 || len(n) > 15 || n[0] == '0' {
		return invalid(field, "%q is not 8 to 15 digits with a non-zero first digit, such as 18005550123", n)
	}
	return nil
}

// checkCountryISO checks an ISO 3166-1 alpha-2 code and returns it in
// upper case.
func checkCountryISO(field, iso string) (string, error) {
	up := strings.ToUpper(iso)
	if len(up) != 2 || strings.Trim(up, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", invalid(field, "%q is not a two-letter ISO 3166-1 country code, such as DE", iso)
	}
	return up, nil
}

// PriceFileInfo is what the headers of a price file say, for checking
// whether a copy is current before downloading the file again. Fields the
// server did not send are zero.
type PriceFileInfo struct {
	// Name is the file name of Content-Disposition, such as
	// voice_in_prices.csv.gz.
	Name string
	// Size is the compressed size in bytes (Content-Length); -1 when unknown.
	Size int64
	// LastModified is when the file last changed (Last-Modified).
	LastModified time.Time
	// ETag is the entity tag, quotes included, as sent. The Voice IN
	// service sends none (Last-Modified is its validator).
	ETag        string
	ContentType string
	// Header holds every header of the answer, for whatever else it says.
	Header http.Header
}

// newPriceFileInfo reads the headers of a price file answer.
func newPriceFileInfo(h http.Header) *PriceFileInfo {
	info := &PriceFileInfo{Size: -1, ETag: h.Get("ETag"), ContentType: h.Get("Content-Type"), Header: h.Clone()}
	if n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64); err == nil && n >= 0 {
		info.Size = n
	}
	if t, err := http.ParseTime(h.Get("Last-Modified")); err == nil {
		info.LastModified = t
	}
	if _, params, err := mime.ParseMediaType(h.Get("Content-Disposition")); err == nil {
		info.Name = params["filename"]
	}
	return info
}

// priceFile sends one GET or HEAD for a price file at path of service h,
// renewing a refused bearer token once, and returns the 2xx answer with
// its body unread. It is not retried otherwise: a download may be written
// in part already.
func (c *Client) priceFile(ctx context.Context, h pricesHost, method, path string) (*request, *http.Response, error) {
	if ctx == nil {
		return nil, nil, invalid("ctx", "is nil")
	}
	base, err := c.pricesBase(h)
	if err != nil {
		return nil, nil, err
	}
	target, err := url.Parse(base.String() + path)
	if err != nil {
		return nil, nil, invalid("path", "%s", redactURLError(err))
	}
	r := &request{method: method, base: base, path: path}
	for {
		resp, err := c.fetch(ctx, r, target)
		if err == nil {
			return r, resp, nil
		}
		if again, err := c.tokenRefused(r, err); !again {
			return nil, nil, err
		}
	}
}

// statPriceFile is the Stat of every prices service.
func (c *Client) statPriceFile(ctx context.Context, h pricesHost, path string) (*PriceFileInfo, error) {
	_, resp, err := c.priceFile(ctx, h, http.MethodHead, path)
	if err != nil {
		return nil, pricesError(h, err)
	}
	resp.Body.Close()
	return newPriceFileInfo(resp.Header), nil
}

// downloadPriceFile is the Download of every prices service.
func (c *Client) downloadPriceFile(ctx context.Context, h pricesHost, path string, w io.Writer) error {
	if w == nil {
		return pricesError(h, invalid("w", "is nil"))
	}
	r, resp, err := c.priceFile(ctx, h, http.MethodGet, path)
	if err != nil {
		return pricesError(h, err)
	}
	defer resp.Body.Close()
	if err := copyPriceFile(r, resp, w); err != nil {
		return pricesError(h, err)
	}
	return nil
}

// copyPriceFile decompresses and checks a price file while writing it to
// w, as copyExport does an export: gzip with its checksum, at most
// MaxPriceFileSize bytes, a CSV text. A body the transport decompressed
// already (Content-Encoding: gzip) is checked as it is.
func copyPriceFile(r *request, resp *http.Response, w io.Writer) error {
	return copyCSV(r, resp, w, csvFile{what: "price file", limit: MaxPriceFileSize, plain: resp.Uncompressed})
}
