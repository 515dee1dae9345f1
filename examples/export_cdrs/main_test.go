package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const csvText = "Date/Time Start (UTC),Source,Destination DID,Duration (sec)\n" +
	"2026-04-15 10:00:00,441234567890,12125550100,61\n" +
	"2026-04-15 11:00:00,441234567891,12125550100,5\n" +
	"2026-04-15 12:00:00,441234567892,12125550101,0\n"

// exportAPI is a loopback stand-in for the three exchanges the example
// makes: it answers the create with a pending export, the first poll with
// processing, then completed, and serves the file gzip-compressed.
func exportAPI(t *testing.T) (*httptest.Server, *atomic.Value) {
	t.Helper()
	var polls atomic.Int32
	var created atomic.Value
	mux := http.NewServeMux()
	var srv *httptest.Server
	answer := func(w http.ResponseWriter, status, url string) {
		w.Header().Set("Content-Type", didww.MediaType)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data":{"id":"e1","type":"exports","attributes":{"export_type":"cdr_in","status":"` + status +
			`","url":` + url + `,"filters":{},"callback_url":null,"callback_method":null,"external_reference_id":null,"created_at":"2026-04-16T00:00:00Z"}}}`))
	}
	mux.HandleFunc("POST /v3/exports", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		_, _ = b.ReadFrom(r.Body)
		created.Store(b.String())
		answer(w, "pending", "null")
	})
	mux.HandleFunc("GET /v3/exports/e1", func(w http.ResponseWriter, r *http.Request) {
		if polls.Add(1) == 1 {
			answer(w, "processing", "null")
			return
		}
		answer(w, "completed", `"`+srv.URL+`/v3/exports/f00d.csv.gz"`)
	})
	mux.HandleFunc("GET /v3/exports/f00d.csv.gz", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Api-Key") != "k" {
			http.Error(w, "no key", http.StatusUnauthorized)
			return
		}
		zw := gzip.NewWriter(w)
		_, _ = zw.Write([]byte(csvText))
		_ = zw.Close()
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &created
}

func TestRun(t *testing.T) {
	t.Parallel()
	srv, created := exportAPI(t)
	client, err := didww.NewClient("k", didww.WithBaseURL(srv.URL+"/v3"), didww.WithRateLimit(0))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "cdrs.csv")
	var out strings.Builder
	now := time.Date(2026, 4, 16, 9, 30, 0, 0, time.UTC)
	err = run(t.Context(), client, &out, path, now)
	require.NoError(t, err, "run: %v\n%s", err, out.String())
	for _, want := range []string{
		"Export     e1 of inbound calls 2026-04-15 09:00:00 to 2026-04-16 09:00:00: pending\n",
		"Completed  completed\n",
		"Saved      " + path + ": 3 calls\n",
	} {
		assert.Contains(t, out.String(), want, "output lacks %q\noutput:\n%s", want, out.String())
	}
	got, err := os.ReadFile(path)
	if assert.NoError(t, err, "file = %q, %v; want the decompressed CSV", got, err) {
		assert.Equal(t, csvText, string(got), "file = %q, %v; want the decompressed CSV", got, err)
	}
	wantBody := `{"data":{"type":"exports","attributes":{"export_type":"cdr_in","filters":{"from":"2026-04-15 09:00:00","to":"2026-04-16 09:00:00"}}}}`
	assert.Equal(t, wantBody, created.Load(), "create body")
}
