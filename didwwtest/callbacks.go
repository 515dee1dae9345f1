package didwwtest

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// CallbackRecord is one callback the server sent (or tried to): of an
// order or of an address verification.
type CallbackRecord struct {
	// Type, ID and Status are the payload's: orders (completed or
	// canceled) or address_verifications (approved or rejected).
	Type, ID, Status string
	// OrderID and OrderStatus are ID and Status of an order's callback.
	OrderID     string
	OrderStatus string // completed or canceled; an export's completed
	Method      string // GET or POST
	URL         string // the request URL, with the payload for GET
	Signature   string // X-DIDWW-Signature
	StatusCode  int    // the receiver's last answer; 0 when none came
	Err         string // the last transport error, if any
	Attempts    int
}

// Callbacks returns the callbacks sent so far, in the order they finished.
func (s *Server) Callbacks() []CallbackRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CallbackRecord(nil), s.callbacks...)
}

// Sign computes the X-DIDWW-Signature of a callback as DIDWW does: the
// lowercase hex HMAC-SHA1, keyed with secret, of the normalized URL DIDWW
// requests followed by every payload key and value, keys sorted byte-wise.
// For a POST callback requestURL is the callback_url as given; for a GET it
// is the callback_url with the payload added to its query (so the payload
// is signed in the URL and again after it). DIDWW's payloads carry one value
// per key; a key with several values is an error.
func Sign(secret, requestURL string, payload url.Values) (string, error) {
	u, err := url.Parse(requestURL)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(NormalizeURL(u))
	keys := make([]string, 0, len(payload))
	for k, vs := range payload {
		if len(vs) != 1 {
			return "", fmt.Errorf("didwwtest: payload key %q has %d values, want 1", k, len(vs))
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k)
		b.WriteString(payload[k][0])
	}
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(b.String()))
	return hex.EncodeToString(m.Sum(nil)), nil
}

// getCallbackURL is the URL DIDWW requests for a GET callback: callbackURL
// with the payload, keys sorted, after the query it already has.
func getCallbackURL(callbackURL string, payload url.Values) (string, error) {
	u, err := url.Parse(callbackURL)
	if err != nil {
		return "", err
	}
	if u.RawQuery != "" {
		u.RawQuery += "&" + payload.Encode()
	} else {
		u.RawQuery = payload.Encode()
	}
	u.ForceQuery = false
	return u.String(), nil
}

// NormalizeURL writes u as the signature's message starts: scheme://,
// userinfo@ if any, host (IPv6 in brackets), :port (443 or 80 when none is
// given), the escaped path, ?query and #fragment when present.
func NormalizeURL(u *url.URL) string {
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(u.User.String() + "@")
	}
	port := u.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(u.Scheme, "https") {
			port = "443"
		}
	}
	b.WriteString(net.JoinHostPort(u.Hostname(), port))
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" {
		b.WriteString("?" + u.RawQuery)
	}
	if u.Fragment != "" {
		b.WriteString("#" + u.EscapedFragment())
	}
	return b.String()
}

// sendCallbackLocked delivers the order's callback (signAndSendLocked).
func (s *Server) sendCallbackLocked(o *order) {
	rec := CallbackRecord{Type: "orders", ID: o.id, Status: o.status, OrderID: o.id, OrderStatus: o.status}
	s.signAndSendLocked(rec, o.callbackURL, o.callbackMethod, url.Values{"id": {o.id}, "type": {"orders"}, "status": {o.status}})
}

// signAndSendLocked delivers a callback from a goroutine that Close waits
// for: a GET with the payload in the query (callbackMethod "get") or a form
// POST, signed, tried up to three times until the receiver answers 2xx.
func (s *Server) signAndSendLocked(rec CallbackRecord, callbackURL, callbackMethod string, payload url.Values) {
	select {
	case <-s.stop:
		return
	default:
	}
	// DIDWW signs the URL it requests: for a GET that URL carries the
	// payload in its query, after the callback_url's own parameters.
	method, target, body := http.MethodPost, callbackURL, payload.Encode()
	var err error
	if callbackMethod == "get" {
		method, body = http.MethodGet, ""
		target, err = getCallbackURL(callbackURL, payload)
	}
	var sig string
	if err == nil {
		sig, err = Sign(s.CallbackSecret, target, payload)
	}
	rec.Method, rec.URL, rec.Signature = method, target, sig
	if err != nil {
		rec.Err = err.Error()
		s.callbacks = append(s.callbacks, rec)
		return
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for attempt := 1; attempt <= 3; attempt++ {
			rec.Attempts = attempt
			rec.StatusCode, rec.Err = s.deliver(method, target, body, sig)
			if rec.StatusCode >= 200 && rec.StatusCode < 300 {
				break
			}
			select {
			case <-s.stop:
				attempt = 3
			case <-time.After(time.Duration(attempt) * 20 * time.Millisecond):
			}
		}
		s.mu.Lock()
		s.callbacks = append(s.callbacks, rec)
		s.mu.Unlock()
	}()
}

func (s *Server) deliver(method, target, body, sig string) (int, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-DIDWW-Signature", sig)
	req.Header.Set("User-Agent", "didwwtest")
	resp, err := s.cfg.callbackClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	return resp.StatusCode, ""
}
