package didww

import (
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// RetryPolicy says how failed requests are tried again. GET and DELETE are
// retried on connection errors and on 429, 502, 503 and 504; POST and PATCH
// only on 429 or when the request provably never reached the server.
type RetryPolicy struct {
	// MaxRetries is how many times a request is tried again after the first
	// try; 0 turns retries off.
	MaxRetries int
	// BaseDelay is the wait before the first retry; each further retry doubles it.
	BaseDelay time.Duration
	// MaxDelay caps every wait, including one asked for by Retry-After.
	MaxDelay time.Duration
}

// DefaultRetryPolicy is the policy of a new client.
var DefaultRetryPolicy = RetryPolicy{MaxRetries: 3, BaseDelay: 250 * time.Millisecond, MaxDelay: 30 * time.Second}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxRetries < 0:
		return errors.New("didww: RetryPolicy.MaxRetries must not be negative")
	case p.BaseDelay < 0 || p.MaxDelay < 0:
		return errors.New("didww: RetryPolicy delays must not be negative")
	case p.MaxDelay < p.BaseDelay:
		return errors.New("didww: RetryPolicy.MaxDelay must not be below BaseDelay")
	}
	return nil
}

// backoff is the wait before retry number attempt (1-based): the server's
// Retry-After when it gave one, else full-jitter exponential backoff; both
// capped by MaxDelay.
func (p RetryPolicy) backoff(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, p.MaxDelay)
	}
	if p.BaseDelay <= 0 {
		return 0
	}
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		if d > p.MaxDelay/2 { // doubling would pass the cap, or overflow
			d = p.MaxDelay
			break
		}
		d *= 2
	}
	d = min(d, p.MaxDelay)
	// Half fixed, half random: spreads clients out without waits near zero.
	return d/2 + rand.N(d/2+1)
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
// Garbage, negative values and dates in the past give 0, false.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, 24*time.Hour), true // the same cap as delay-seconds
		}
	}
	return 0, false
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryableStatus reports whether a status is worth another try for method.
func retryableStatus(method string, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent(method)
	}
	return false
}

// retryableError reports whether a transport error is worth another try for
// method: any connection fault for idempotent requests, only faults before
// the request was sent for the others.
func retryableError(method string, err error) bool {
	if neverSent(err) {
		return true
	}
	if !idempotent(method) {
		return false
	}
	// Every error of http.Client.Do is a *url.Error, itself a net.Error: judge
	// its cause, so that a refused redirect or a bad certificate is final.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE)
}

// neverSent reports whether err proves the request did not reach the server:
// a failure to resolve or connect.
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED)
}
