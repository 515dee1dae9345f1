package didww

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const exportID = "da15f006-5da4-45ca-b0df-735baeadf423"

func TestExportCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/exports", rec.wrap(jsonAPI(201, fixture(t, "exports/pending.json"))))

	e, err := c.Exports.Create(t.Context(), &ExportCreateRequest{
		Filters: CDRInFilters{
			From:      time.Date(2026, 4, 1, 2, 0, 0, 0, time.FixedZone("CEST", 2*3600)),
			To:        time.Date(2026, 4, 15, 23, 59, 59, 0, time.UTC),
			DIDNumber: "1234556789",
		},
		CallbackURL:         "https://example.com/exports",
		CallbackMethod:      "POST",
		ExternalReferenceID: "april-cdrs",
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "exports/create_request.json"))), string(r.Body))
	assert.Equal(t, ExportPending, e.Status)
	assert.Equal(t, ExportCDRIn, e.ExportType)
	assert.Empty(t, e.URL)
	assert.Equal(t, map[string]any{"did_number": "1234556789", "from": "2026-04-01 00:00:00", "to": "2026-04-15 23:59:59"}, e.Filters)
	assert.Equal(t, CallbackPOST, e.CallbackMethod)
	assert.Equal(t, "april-cdrs", e.ExternalReferenceID)
	require.NotNil(t, e.CreatedAt)
	assert.Equal(t, time.Date(2026, 4, 16, 8, 0, 0, 0, time.UTC), *e.CreatedAt)
}

func TestExportCreateCDROutBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/exports", rec.wrap(jsonAPI(201, fixture(t, "exports/create_recorded.json"))))
	e, err := c.Exports.Create(t.Context(), &ExportCreateRequest{Filters: &CDROutFilters{
		From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC),
		VoiceOutTrunkID: trunkID,
	}})
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "exports/create_cdr_out_request.json"))), string(rec.only(t).Body))
	assert.Nil(t, e.Filters, "the recorded create answer leaves filters out")
}

func TestExportCreateRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	from, to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC)
	var nilFilters *CDRInFilters
	for name, req := range map[string]*ExportCreateRequest{
		"nil filters":       {},
		"nil pointer":       {Filters: nilFilters},
		"no from":           {Filters: CDRInFilters{To: to}},
		"no to":             {Filters: CDRInFilters{From: from}},
		"to before from":    {Filters: CDRInFilters{From: to, To: from}},
		"newer key":         {Filters: CDRInFilters{From: from, To: to, SourceCountryISO: "US"}},
		"newer cdr_out":     {Filters: CDROutFilters{From: from, To: to, CLI: "1"}},
		"sms under 04-16":   {Filters: SMSInFilters{From: from, To: to}},
		"sms out":           {Filters: SMSOutFilters{From: from, To: to}},
		"extra collides":    {Filters: CDRInFilters{From: from, To: to, Extra: map[string]string{"from": "x"}}},
		"method no url":     {Filters: CDRInFilters{From: from, To: to}, CallbackMethod: CallbackGET},
		"bad method":        {Filters: CDRInFilters{From: from, To: to}, CallbackURL: "https://e.com", CallbackMethod: "put"},
		"url no method":     {Filters: CDRInFilters{From: from, To: to}, CallbackURL: "https://e.com"},
		"long reference":    {Filters: CDRInFilters{From: from, To: to}, ExternalReferenceID: strings.Repeat("x", 101)},
		"relative callback": {Filters: CDRInFilters{From: from, To: to}, CallbackURL: "/cb", CallbackMethod: CallbackGET},
	} {
		_, err := c.Exports.Create(t.Context(), req)
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestExportSMSFiltersUnder20261119(t *testing.T) {
	t.Parallel()
	f := SMSInFilters{From: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
		SourceAddressCont: "447", Extra: map[string]string{"status": "delivered"}}
	typ, m, err := filtersOf(APIVersion20261119, f)
	require.NoError(t, err)
	assert.Equal(t, ExportSMSIn, typ)
	assert.Equal(t, map[string]string{"from": "2026-12-01 00:00:00", "to": "2026-12-02 00:00:00",
		"source_address_cont": "447", "status": "delivered"}, m)
	_, m, err = filtersOf(APIVersion20261119, CDRInFilters{From: f.From, To: f.To, SourceCountryISO: "GB"})
	require.NoError(t, err)
	assert.Equal(t, "GB", m["source_country_iso"])
}

// Every SMS export filter of the typed structs goes under its documented
// key; a service type that is neither A2P nor P2P is refused.
func TestExportSMSTypedFilters(t *testing.T) {
	t.Parallel()
	from, to := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	_, in, err := filtersOf(APIVersion20261119, SMSInFilters{From: from, To: to, SourceAddressEq: "4477", SourceAddressCont: "447",
		DestinationAddressEq: "1212", DestinationAddressCont: "121", Status: SMSRecordQueued, TrunkType: SMSRecordTrunkHTTPIn,
		SMSTrunkID: "t1", SMSID: "m1"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"from": "2026-12-01 00:00:00", "to": "2026-12-02 00:00:00",
		"source_address_eq": "4477", "source_address_cont": "447", "destination_address_eq": "1212", "destination_address_cont": "121",
		"status": "Queued", "trunk_type": "HTTP IN", "sms_trunk.id": "t1", "sms_id": "m1"}, in)
	_, out, err := filtersOf(APIVersion20261119, SMSOutFilters{From: from, To: to, DestinationAddressCont: "44",
		Status: SMSRecordRoutingError, ServiceType: "A2P", SMSTrunkID: "t2", SenderIDVerificationID: "v1", SMSID: "m2"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"from": "2026-12-01 00:00:00", "to": "2026-12-02 00:00:00",
		"destination_address_cont": "44", "status": "Routing Error", "service_type": "A2P", "sms_trunk.id": "t2",
		"sender_id_verification.id": "v1", "sms_id": "m2"}, out)
	_, _, err = filtersOf(APIVersion20261119, SMSOutFilters{From: from, To: to, ServiceType: "OTP"})
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.Contains(t, err.Error(), "A2P or P2P")
}

func TestExportListGetUpdate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/exports", rec.wrap(jsonAPI(200, fixture(t, "exports/list.json"))))
	mt.RegisterResponder("PATCH", testBaseURL+"/exports/"+exportID, rec.wrap(jsonAPI(200, fixture(t, "exports/pending.json"))))

	p, err := c.Exports.List(t.Context(), &ExportListOptions{ExternalReferenceID: "x", ID: []string{exportID}, Sort: []string{"-created_at"}})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bexternal_reference_id%5D=x&filter%5Bid%5D="+exportID+"&sort=-created_at", rec.all()[0].RawQuery)
	require.Len(t, p.Items, 2)
	assert.Equal(t, ExportCDROut, p.Items[0].ExportType)
	assert.Equal(t, trunkID, p.Items[0].Filters["voice_out_trunk.id"])
	assert.Equal(t, 2021.0, p.Items[1].Filters["year"], "older versions' filter keys are kept")

	_, err = c.Exports.Update(t.Context(), exportID, &ExportUpdateRequest{ExternalReferenceID: Null[string]()})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"id":"`+exportID+`","type":"exports","attributes":{"external_reference_id":null}}}`, string(rec.all()[1].Body))

	_, err = c.Exports.Update(t.Context(), exportID, &ExportUpdateRequest{})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.Exports.List(t.Context(), &ExportListOptions{Sort: []string{"url"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.Exports.Get(t.Context(), exportID, &GetOptions{Include: []string{"dids"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.Len(t, rec.all(), 2)
}

func TestExportWaitPollsUntilCompleted(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	answers := []string{"exports/pending.json", "exports/processing.json", "", "exports/completed.json"}
	var n atomic.Int32
	mt.RegisterResponder("GET", testBaseURL+"/exports/"+exportID, func(r *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		if answers[i] == "" { // a status this version does not know is polled on
			return jsonAPI(200, []byte(`{"data":{"id":"`+exportID+`","type":"exports","attributes":{"export_type":"cdr_in","status":"queued","url":null,"filters":{},"callback_url":null,"callback_method":null,"external_reference_id":null,"created_at":null}}}`))(r)
		}
		return jsonAPI(200, fixture(t, answers[i]))(r)
	})
	e, err := c.Exports.Wait(t.Context(), exportID, time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, ExportCompleted, e.Status)
	assert.Equal(t, int32(4), n.Load())
	assert.Equal(t, "https://api.test/v3/exports/b7bd39d0-6c2f-4a43-a6ee-6e2d5c0b9a8e.csv.gz", e.URL)
	assert.Nil(t, e.CreatedAt, "null created_at")
}

func TestExportWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var n atomic.Int32
	mt.RegisterResponder("GET", testBaseURL+"/exports/"+exportID, func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 3 {
			cancel()
		}
		return jsonAPI(200, fixture(t, "exports/processing.json"))(r)
	})
	last, err := c.Exports.Wait(ctx, exportID, time.Millisecond)
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, last)
	assert.Equal(t, ExportProcessing, last.Status)
	_, err = c.Exports.Wait(t.Context(), exportID, 0)
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestExportCallbackTypedAccess(t *testing.T) {
	t.Parallel()
	cb := Callback{ID: exportID, Type: "exports", Status: OrderStatusCompleted, Values: map[string][]string{"status": {"completed"}}}
	e, ok := cb.Export()
	require.True(t, ok)
	assert.Equal(t, ExportCallback{ExportID: exportID, Status: ExportCompleted}, e)
	e, ok = Callback{ID: "x", Type: "cdr_exports", Values: map[string][]string{"status": {"Completed"}}}.Export()
	assert.True(t, ok, "the pre-2022 type name")
	assert.Equal(t, ExportCompleted, e.Status)
	_, ok = Callback{ID: "o", Type: "orders"}.Export()
	assert.False(t, ok)
}

// The list's date, type and status filters are sent from 2026-11-19 on and
// refused before sending under older versions.
func TestExportListFilters20261119(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/exports", "did_groups/empty.json")
	_, err := c.Exports.List(t.Context(), &ExportListOptions{CreatedAtFrom: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		CreatedAtTo: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC), ExportType: []ExportType{ExportSMSIn, ExportSMSOut},
		Status: []ExportStatus{ExportCompleted}, Sort: []string{"-created_at"}})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bcreated_at_gteq%5D=2026-11-01T00%3A00%3A00Z&filter%5Bcreated_at_lteq%5D=2026-11-30T12%3A00%3A00Z"+
		"&filter%5Bexport_type%5D=sms_in%2Csms_out&filter%5Bstatus%5D=completed&sort=-created_at", rec.only(t).Query.Encode())

	older, omt := newVersionClient(t, APIVersion20260416)
	_, err = older.Exports.List(t.Context(), &ExportListOptions{Status: []ExportStatus{ExportPending}})
	covAssertRefused(t, omt, err, "filter[status]", "arrives in API version 2026-11-19")
}
