package didwwtest

import (
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// documentedCDRIn are the cdr_in columns of API_REFERENCE §18.3, written
// out here so that the server's own list is tested against the reference.
var documentedCDRIn = []string{"Date/Time Start (UTC)", "Date/Time Connect (UTC)", "Date/Time End (UTC)", "Status",
	"Source", "Source Name", "Destination DID", "Duration (sec)", "Attempt", "Disconnect Code", "Response",
	"Disconnect Initiator", "Voice IN Trunk", "Destination", "Trunk Group", "Capacity Group", "Toll-free (USD)",
	"PSTN (USD)", "Metered (USD)", "CNAM IN (USD)", "Total (USD)", "Call ID"}

func exportBody(kind, from, to string, extra map[string]any) map[string]any {
	attrs := map[string]any{"export_type": kind, "filters": map[string]any{"from": from, "to": to}}
	for k, v := range extra {
		attrs[k] = v
	}
	return map[string]any{"data": map[string]any{"type": "exports", "attributes": attrs}}
}

func TestExportCompletesOnTheClockWithSignedCallback(t *testing.T) {
	t.Parallel()
	got := make(chan *http.Request, 1)
	forms := make(chan url.Values, 1)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		forms <- r.PostForm
		got <- r
	}))
	t.Cleanup(rcv.Close)
	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now), WithCallbackSecret("export-secret"))
	r := apiCall(t, s, s.APIKey, "POST", "/exports", exportBody("cdr_in", "2026-03-01 00:00:00", "2026-03-19 00:00:00",
		map[string]any{"callback_url": rcv.URL + "/cb", "callback_method": "post"}))
	wantStatus(t, r, 201)
	x := r.one(t)
	assert.Equal(t, "pending", x.Attributes["status"])
	assert.Nil(t, x.Attributes["url"])
	status := func() tRes { return apiCall(t, s, s.APIKey, "GET", "/exports/"+x.ID, nil).one(t) }
	clock.Advance(DefaultExportDelay / 2)
	assert.Equal(t, "processing", status().Attributes["status"])
	clock.Advance(DefaultExportDelay / 2)
	done := status()
	require.Equal(t, "completed", done.Attributes["status"])
	assert.Regexp(t, `^`+s.URL+`/exports/[0-9a-f-]{36}\.csv\.gz$`, done.Attributes["url"])
	assert.NotContains(t, done.Attributes["url"], x.ID, "the file name is not the export id")

	form, req := <-forms, <-got
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "application/x-www-form-urlencoded", req.Header.Get("Content-Type"))
	assert.Equal(t, url.Values{"id": {x.ID}, "type": {"exports"}, "status": {"completed"}}, form)
	// HMAC-SHA1 of the URL (with its port) and the sorted keys and values.
	u, _ := url.Parse(rcv.URL)
	mac := hmac.New(sha1.New, []byte("export-secret"))
	mac.Write([]byte("http://" + u.Host + "/cb" + "id" + x.ID + "statuscompleted" + "typeexports"))
	assert.Equal(t, hex.EncodeToString(mac.Sum(nil)), req.Header.Get("X-DIDWW-Signature"))
}

// download gets a file with the key and Accept: text/csv, as the docs do.
func download(t *testing.T, link, key string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", link, nil)
	require.NoError(t, err)
	req.Header.Set("Api-Key", key)
	req.Header.Set("Accept", "text/csv")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

func TestExportDownloadIsTheAccountsCalls(t *testing.T) {
	t.Parallel()
	clock := NewClock(testStart)
	s := newTestServer(t, WithClock(clock.Now))
	o := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
	wantStatus(t, o, 201)
	clock.Advance(DefaultOrderCompletionDelay)
	dids := apiCall(t, s, s.APIKey, "GET", "/dids", nil).list(t)
	require.Len(t, dids, 1)
	created, err := time.Parse(time.RFC3339, dids[0].Attributes["created_at"].(string))
	require.NoError(t, err)
	clock.Advance(2 * time.Hour) // the calls at +10m and +1h happened; +3h not yet
	r := apiCall(t, s, s.APIKey, "POST", "/exports", exportBody("cdr_in", "2026-03-19 00:00:00", clock.Now().Format(time.DateTime), nil))
	wantStatus(t, r, 201)
	id := r.one(t).ID
	clock.Advance(DefaultExportDelay)
	link, _ := apiCall(t, s, s.APIKey, "GET", "/exports/"+id, nil).one(t).Attributes["url"].(string)
	require.NotEmpty(t, link)

	resp, b := download(t, link, s.APIKey)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "application/gzip", resp.Header.Get("Content-Type"))
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(bytes.NewReader(b))
	require.NoError(t, err)
	rows, err := csv.NewReader(zr).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, documentedCDRIn, rows[0])
	for i, off := range []time.Duration{10 * time.Minute, time.Hour} {
		row := rows[i+1]
		assert.Equal(t, created.Add(off).UTC().Format(time.DateTime), row[0], "start of call %d", i)
		assert.Equal(t, dids[0].Attributes["number"], row[6], "Destination DID of call %d", i)
		assert.Regexp(t, `^[0-9]+$`, row[7])
		assert.Equal(t, "1", row[8])
	}
	assert.Equal(t, "Success", rows[1][3])
	assert.Equal(t, "Failed", rows[2][3])

	other := s.NewAccount("1")
	resp, b = download(t, link, other)
	assert.Equal(t, 404, resp.StatusCode, "another account's file")
	assert.Empty(t, b)
	resp, _ = download(t, link, "")
	assert.Equal(t, 401, resp.StatusCode)
}

func TestExportFiltersPerType(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithClock(NewClock(testStart).Now))
	cases := []struct {
		name    string
		body    map[string]any
		pointer string
	}{
		{"unknown type", exportBody("cdr_x", "2026-03-01", "2026-03-02", nil), "/data/attributes/export_type"},
		{"from after to", exportBody("cdr_in", "2026-03-03", "2026-03-02", nil), "/data/attributes/filters"},
		{"future", exportBody("cdr_in", "2026-03-01", "2026-04-01", nil), "/data/attributes/filters"},
		{"three months back", exportBody("cdr_in", "2025-12-31 23:59:59", "2026-03-01", nil), "/data/attributes/filters"},
		{"cdr_out key on cdr_in", map[string]any{"data": map[string]any{"type": "exports", "attributes": map[string]any{
			"export_type": "cdr_in", "filters": map[string]any{"from": "2026-03-01", "to": "2026-03-02", "voice_out_trunk.id": "x"}}}},
			"/data/attributes/filters"},
		{"sms_in under 2026-04-16", exportBody("sms_in", "2026-03-01", "2026-03-02", nil), "/data/attributes/export_type"},
	}
	for _, c := range cases {
		r := apiCall(t, s, s.APIKey, "POST", "/exports", c.body)
		e := wantError(t, r, 422, "100")
		assert.Equal(t, c.pointer, e.Source.Pointer, c.name)
	}
	ok := map[string]any{"data": map[string]any{"type": "exports", "attributes": map[string]any{
		"export_type": "cdr_out", "filters": map[string]any{"from": "2026-01-01", "to": "2026-03-02", "voice_out_trunk.id": "x"}}}}
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/exports", ok), 201)
}

// Under 2026-11-19 SMS exports take their documented keys, lists where the
// API takes them, and only the labels it documents.
func TestExportSMSFilters20261119(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithClock(NewClock(testStart).Now))
	tok := tokenFor(t, s, s.NewAccount("10", APIVersion("2026-11-19")))
	smsBody := func(kind string, f map[string]any) map[string]any {
		all := map[string]any{"from": "2026-03-01", "to": "2026-03-02"}
		for k, v := range f {
			all[k] = v
		}
		return map[string]any{"data": map[string]any{"type": "exports", "attributes": map[string]any{"export_type": kind, "filters": all}}}
	}
	in := smsBody("sms_in", map[string]any{"source_address_eq": "4477", "destination_address_cont": "121", "status": "Queued",
		"trunk_type": []string{"HTTP IN", "Email"}, "sms_trunk.id": "t1", "sms_id": "m1"})
	r := apiCall(t, s, "", "POST", "/exports", in, bearer(tok)...)
	wantStatus(t, r, 201)
	f := r.one(t).Attributes["filters"].(map[string]any)
	assert.Equal(t, []any{"HTTP IN", "Email"}, f["trunk_type"])
	assert.Equal(t, "Queued", f["status"])
	out := smsBody("sms_out", map[string]any{"status": "Routing Error", "service_type": "p2p", "sender_id_verification.id": []string{"v1", "v2"}})
	wantStatus(t, apiCall(t, s, "", "POST", "/exports", out, bearer(tok)...), 201)
	for name, b := range map[string]map[string]any{
		"in status of out":   smsBody("sms_in", map[string]any{"status": "Routing Error"}),
		"unknown trunk type": smsBody("sms_in", map[string]any{"trunk_type": "SIP"}),
		"service type":       smsBody("sms_out", map[string]any{"service_type": "OTP"}),
		"out key on in":      smsBody("sms_in", map[string]any{"service_type": "A2P"}),
		"trunk type on out":  smsBody("sms_out", map[string]any{"trunk_type": "Email"}),
	} {
		e := wantError(t, apiCall(t, s, "", "POST", "/exports", b, bearer(tok)...), 422, "100")
		assert.Equal(t, "/data/attributes/filters", e.Source.Pointer, name)
	}
	list := smsBody("sms_in", map[string]any{"sms_id": []string{"a", "b"}})
	wantError(t, apiCall(t, s, "", "POST", "/exports", list, bearer(tok)...), 400, "103")
}
