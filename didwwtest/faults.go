package didwwtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

const (
	// FaultRateLimit answers 429 with Retry-After and the API's error
	// document, without serving the request.
	FaultRateLimit FaultKind = iota + 1
	// FaultStatus answers Fault.Status (503 when zero) without serving the request.
	FaultStatus
	// FaultDrop closes the connection without an answer, without serving the
	// request. Note that net/http's client retries an idempotent request once
	// by itself when a reused connection closes without an answer, so a GET
	// needs Count 2 for its caller to see the failure.
	FaultDrop
	// FaultMalformed serves the request, then sends its status with a
	// truncated, unparseable body.
	FaultMalformed
	// FaultDropAfterApply serves the request (an order is placed, a number
	// reserved), then closes the connection without an answer: the outcome
	// is unknown to the client.
	FaultDropAfterApply
)

func (k FaultKind) String() string {
	switch k {
	case FaultRateLimit:
		return "rate-limit"
	case FaultStatus:
		return "status"
	case FaultDrop:
		return "drop"
	case FaultMalformed:
		return "malformed"
	case FaultDropAfterApply:
		return "drop-after-apply"
	}
	return "fault(" + strconv.Itoa(int(k)) + ")"
}

// Fault makes matching requests fail. With Rate zero it hits the next Count
// matching requests (1 when Count is zero); with Rate above zero each
// matching request fails with that probability, drawn from the server's
// seeded source (WithFaultSeed), at most Count times when Count is set.
// Faults act before authentication, as a proxy in front of the API would.
type Fault struct {
	Kind FaultKind
	// Status is the status of FaultStatus; 503 when zero.
	Status int
	// RetryAfter is sent with FaultRateLimit in whole seconds, rounded up;
	// zero sends "0".
	RetryAfter time.Duration
	// Method limits the fault to one HTTP method; "" matches any.
	Method string
	// PathPrefix limits the fault to paths below /v3 starting with it, such
	// as "/orders"; "" matches any API path. The token service (POST
	// /token) is hit only by a fault whose PathPrefix is "/token".
	PathPrefix string
	Count      int
	Rate       float64
}

type faultState struct {
	Fault
	fired int
}

func newFaultState(f Fault) *faultState {
	if f.Rate <= 0 && f.Count <= 0 {
		f.Count = 1
	}
	return &faultState{Fault: f}
}

// InjectFault arms f for the requests that follow.
func (s *Server) InjectFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, newFaultState(f))
}

// ClearFaults disarms every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// pickFaultLocked returns the fault that hits this request, if any.
func (s *Server) pickFaultLocked(r *http.Request) *Fault {
	path := strings.TrimPrefix(r.URL.Path, "/v3")
	for i, f := range s.faults {
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
			continue
		}
		if r.URL.Path == tokenPath && f.PathPrefix == "" {
			continue // the token service is another host: only a fault naming it hits it
		}
		if f.PathPrefix != "" && !strings.HasPrefix(path, f.PathPrefix) {
			continue
		}
		if f.Count > 0 && f.fired >= f.Count {
			continue
		}
		if f.Rate > 0 && s.rng.Float64() >= f.Rate {
			continue
		}
		f.fired++
		out := f.Fault
		if f.Rate <= 0 && f.fired >= f.Count {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return &out
	}
	return nil
}

// serveFaulty wraps serve with latency, fault injection and the request log.
func (s *Server) serveFaulty(w http.ResponseWriter, r *http.Request, serve func(http.ResponseWriter, *http.Request) int) {
	n, f := s.logRequest(r)
	status := 0
	defer func() { s.logAnswer(n, status) }()

	if d := s.cfg.latency; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if f == nil {
		status = serve(w, r)
		return
	}
	switch f.Kind {
	case FaultRateLimit:
		e := newError(http.StatusTooManyRequests, "", "", "Too Many Requests")
		e.errs[0].Title, e.errs[0].Code = "", ""
		secs := int((f.RetryAfter + time.Second - 1) / time.Second)
		e.header = http.Header{"Retry-After": {strconv.Itoa(secs)}}
		status = writeError(w, e)
	case FaultStatus:
		code := f.Status
		if code == 0 {
			code = http.StatusServiceUnavailable
		}
		status = writeError(w, newError(code, strconv.Itoa(code), http.StatusText(code), "Injected failure: "+http.StatusText(code)+"."))
	case FaultDrop:
		hangUp(w)
	case FaultDropAfterApply:
		serve(httptest.NewRecorder(), r)
		hangUp(w)
	case FaultMalformed:
		rec := httptest.NewRecorder()
		status = serve(rec, r)
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		body := rec.Body.Bytes()
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(append(body[:len(body)/2:len(body)/2], []byte(`"}]<<truncated`)...))
	default:
		status = writeError(w, newError(http.StatusInternalServerError, "500", "Internal server error", fmt.Sprintf("unknown fault %v", f.Kind)))
	}
}

// logRequest records r and picks the fault that hits it.
func (s *Server) logRequest(r *http.Request) (int, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := RequestRecord{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
	f := s.pickFaultLocked(r)
	if f != nil {
		// Logged now: a client that sees a dropped connection may read the
		// log before this handler returns.
		rec.Fault = f.Kind.String()
	}
	s.requests = append(s.requests, rec)
	return len(s.requests) - 1, f
}

// logAnswer records the status answered to request n.
func (s *Server) logAnswer(n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[n].Status = status
}

// hangUp closes the client's connection without writing an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// rateLimited applies WithRateLimit: more than the limit within one second
// of real time gets 429. The budget is the account's: under 2026-04-16 the
// API counts per key, and an account here has one key; under 2026-11-19 it
// counts per account, whichever token a request carries.
func (s *Server) rateLimited(acct *account, version string) *apiError {
	limit := s.cfg.rateLimit
	if limit <= 0 || acct == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.rateNow()
	recent := s.rate[acct.key]
	cut := 0
	for cut < len(recent) && now.Sub(recent[cut]) >= time.Second {
		cut++
	}
	recent = recent[cut:]
	if len(recent) >= limit {
		s.rate[acct.key] = recent
		wait := time.Second - now.Sub(recent[0])
		e := tooManyRequests(version)
		e.header = http.Header{"Retry-After": {strconv.Itoa(max(1, int((wait+time.Second-1)/time.Second)))}}
		return e
	}
	s.rate[acct.key] = append(recent, now)
	return nil
}

// tooManyRequests is the 429 of version v: 2026-04-16 documents no code or
// title; 2026-11-19 names too_many_requests, taken here as the code.
func tooManyRequests(v string) *apiError {
	if v == version20261119 {
		return newError(http.StatusTooManyRequests, "too_many_requests", "Too many requests",
			"The request budget of the account for the current window is spent.")
	}
	e := newError(http.StatusTooManyRequests, "", "", "Too Many Requests")
	e.errs[0].Title, e.errs[0].Code = "", ""
	return e
}
