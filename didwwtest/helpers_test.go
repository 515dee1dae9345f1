package didwwtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testStart is the clock of tests that control time.
var testStart = time.Date(2026, 3, 19, 11, 37, 15, 0, time.UTC)

func newTestServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(s.Close)
	return s
}

// tRes is a resource as the tests read it.
type tRes struct {
	ID            string         `json:"id"`
	Type          string         `json:"type"`
	Attributes    map[string]any `json:"attributes"`
	Relationships map[string]struct {
		Links map[string]string `json:"links"`
		Data  json.RawMessage   `json:"data"`
	} `json:"relationships"`
	Meta map[string]any `json:"meta"`
}

type tDoc struct {
	Data     json.RawMessage   `json:"data"`
	Included []tRes            `json:"included"`
	Meta     map[string]any    `json:"meta"`
	Links    map[string]string `json:"links"`
	Errors   []errorObject     `json:"errors"`
}

type tResp struct {
	status int
	header http.Header
	body   []byte
	doc    tDoc
}

func (r *tResp) list(t *testing.T) []tRes {
	t.Helper()
	var out []tRes
	err := json.Unmarshal(r.doc.Data, &out)
	require.NoError(t, err, "data is not a list: %v: %s", err, r.body)
	return out
}

func (r *tResp) one(t *testing.T) tRes {
	t.Helper()
	var out tRes
	err := json.Unmarshal(r.doc.Data, &out)
	require.NoError(t, err, "data is not one resource: %v: %s", err, r.body)
	return out
}

// apiCall sends a request as the API's clients do: key, Accept, and the
// media type on bodies. hdr overrides or adds headers ("" deletes).
func apiCall(t *testing.T, s *Server, key, method, path string, body any, hdr ...string) *tResp {
	t.Helper()
	var rd io.Reader
	if body != nil {
		raw, ok := body.(string)
		if !ok {
			b, err := json.Marshal(body)
			require.NoError(t, err)
			raw = string(b)
		}
		rd = strings.NewReader(raw)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Accept", mediaType)
	if key != "" {
		req.Header.Set("Api-Key", key)
	}
	if body != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "%s %s: %v", method, path, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := &tResp{status: resp.StatusCode, header: resp.Header, body: data}
	if len(bytes.TrimSpace(data)) > 0 {
		err := json.Unmarshal(data, &r.doc)
		require.NoError(t, err, "%s %s: answer is not JSON: %v: %s", method, path, err, data)
		ct := resp.Header.Get("Content-Type")
		assert.Equal(t, mediaType, ct, "%s %s: Content-Type %q", method, path, ct)
	}
	return r
}

func wantStatus(t *testing.T, r *tResp, status int) {
	t.Helper()
	require.Equal(t, status, r.status, "status %d, want %d: %s", r.status, status, r.body)
}

// wantError checks the status and the first error object's code.
func wantError(t *testing.T, r *tResp, status int, code string) errorObject {
	t.Helper()
	wantStatus(t, r, status)
	require.NotEmpty(t, r.doc.Errors, "no errors in %s", r.body)
	e := r.doc.Errors[0]
	require.Equal(t, code, e.Code, "error code %q status %q, want %q %d: %s", e.Code, e.Status, code, status, r.body)
	require.Equal(t, itoa(status), e.Status, "error code %q status %q, want %q %d: %s", e.Code, e.Status, code, status, r.body)
	return e
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func ids(rs []tRes) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func reservationBody(numberID, description string) map[string]any {
	return map[string]any{"data": map[string]any{
		"type":          "did_reservations",
		"attributes":    map[string]any{"description": description},
		"relationships": map[string]any{"available_did": map[string]any{"data": map[string]any{"type": "available_dids", "id": numberID}}},
	}}
}

func orderBody(attrs map[string]any, items ...map[string]any) map[string]any {
	a := map[string]any{"items": items}
	for k, v := range attrs {
		a[k] = v
	}
	return map[string]any{"data": map[string]any{"type": "orders", "attributes": a}}
}

func didItem(attrs map[string]any) map[string]any {
	return map[string]any{"type": "did_order_items", "attributes": attrs}
}
