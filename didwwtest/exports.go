package didwwtest

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultExportDelay is how long a new export takes on the server's clock
// to complete (it is processing for the second half), unless WithExportDelay
// says otherwise.
const DefaultExportDelay = 2 * time.Second

// WithExportDelay sets how long a new export stays pending, then
// processing, on the server's clock before it completes, as the API
// generates exports asynchronously. d <= 0 completes it on the first
// request or sweep after its creation; the create answer is still pending.
func WithExportDelay(d time.Duration) Option { return func(cfg *config) { cfg.exportDelay = d } }

const (
	exportPending    = "pending"
	exportProcessing = "processing"
	exportCompleted  = "completed"
)

// export is a CDR export of an account; csv is its gzip file once completed.
type export struct {
	id, file, exportType, status string
	filters                      map[string]any
	from, to                     time.Time
	callbackURL, callbackMethod  *string
	extRef                       *string
	createdAt                    time.Time
	csv                          []byte
}

func (m *more) export(id string) *export {
	return findIn(m.exports, func(x *export) string { return x.id }, id)
}

func (s *Server) exportObj(x *export) *obj {
	var u any
	if x.status == exportCompleted {
		u = s.URL + "/exports/" + x.file + ".csv.gz"
	}
	filters := x.filters
	if filters == nil {
		filters = map[string]any{}
	}
	return &obj{typ: "exports", id: x.id, attrs: map[string]any{
		"export_type": x.exportType, "status": x.status, "url": u, "filters": filters,
		"callback_url": optPtr(x.callbackURL), "callback_method": optPtr(x.callbackMethod),
		"external_reference_id": optPtr(x.extRef), "created_at": timestamp(x.createdAt),
	}}
}

// exportChanges: the list's date, type and status filters arrive in
// 2026-11-19 (DIDWW's OpenAPI 2026-10-22 draft).
var exportChanges = map[string]*change{defaultAPIVersion: {filters: map[string]string{
	"created_at_gteq": newIn1119("filter[created_at_gteq]"), "created_at_lteq": newIn1119("filter[created_at_lteq]"),
	"export_type": newIn1119("filter[export_type]"), "status": newIn1119("filter[status]"),
}}}

// isExportFile says whether a path segment below /exports names a file.
func isExportFile(id string) bool { return strings.HasSuffix(id, ".csv.gz") }

// exportResource registers exports: list, show, create, update (its
// external reference), and GET /exports/<file>.csv.gz, the download, which
// takes either credential under 2026-11-19.
func (s *Server) exportResource() *resource {
	res := &resource{typ: "exports", sample: s.exportObj(&export{}), create: s.createExport, update: s.updateExport,
		download: isExportFile, changes: exportChanges}
	res.auth = func(method, id string) authRule {
		if method == http.MethodGet && isExportFile(id) {
			return authEither
		}
		return authVersion
	}
	res.find = func(c *call, id string) *obj {
		if x := c.acct.more.export(id); x != nil {
			return s.exportObj(x)
		}
		return nil
	}
	created := func(x *export) time.Time { return x.createdAt }
	spec := &listSpec[*export]{typ: "exports", paginated: true, obj: s.exportObj,
		filters: map[string]filterFn[*export]{
			"id":                    fEq(func(x *export) string { return x.id }),
			"external_reference_id": fEq(func(x *export) string { return deref(x.extRef) }),
			"created_at_gteq":       fTime("created_at_gteq", time.Time{}, func(t, at time.Time) bool { return !at.Before(t) }, created),
			"created_at_lteq":       fTime("created_at_lteq", time.Time{}, func(t, at time.Time) bool { return !at.After(t) }, created),
			"export_type":           fOneOf("export_type", []string{"cdr_in", "cdr_out", "sms_in", "sms_out"}, func(x *export) string { return x.exportType }),
			"status":                fOneOf("status", []string{exportPending, exportProcessing, exportCompleted}, func(x *export) string { return x.status }),
		},
		sorts: map[string]func(a, b *export) int{
			"created_at":            func(a, b *export) int { return a.createdAt.Compare(b.createdAt) },
			"external_reference_id": func(a, b *export) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
			"status":                func(a, b *export) int { return cmpStr(a.status, b.status) },
		}}
	res.list = func(c *call, _ string) (int, any, *apiError) { return serveList(c, spec, c.acct.more.exports) }
	res.show = func(c *call, id string) (int, any, *apiError) {
		if isExportFile(id) {
			return s.downloadExport(c, strings.TrimSuffix(id, ".csv.gz"))
		}
		return serveOne(c, res.find(c, id), id, nil, nil, http.StatusOK)
	}
	return res
}

// fileAnswer is an answer that is not a JSON:API document: a file, or a
// status without a body (header nil).
type fileAnswer struct {
	header http.Header
	body   []byte
}

func (f *fileAnswer) write(w http.ResponseWriter, status int) int {
	for k, vs := range f.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(status)
	_, _ = w.Write(f.body)
	return status
}

// downloadExport answers the gzip file of the account's completed export
// named file: application/gzip, the .csv.gz file itself as the entity (no
// Content-Encoding, which would have HTTP clients decompress it on the way).
// An unknown file is 404 without a body, as the API documents.
func (s *Server) downloadExport(c *call, file string) (int, any, *apiError) {
	i := slices.IndexFunc(c.acct.more.exports, func(x *export) bool { return x.file == file && x.status == exportCompleted })
	if i < 0 {
		return http.StatusNotFound, &fileAnswer{}, nil
	}
	x := c.acct.more.exports[i]
	h := http.Header{}
	h.Set("Content-Type", "application/gzip")
	h.Set("Content-Disposition", `attachment; filename="`+file+`.csv.gz"`)
	return http.StatusOK, &fileAnswer{header: h, body: x.csv}, nil
}

// exportFilterKeys are the filter keys besides from and to each export type
// takes, by version (API_REFERENCE §18.2, §23.3.7).
func exportFilterKeys(version, typ string) ([]string, bool) {
	keys := map[string][]string{"cdr_in": {"did_number"}, "cdr_out": {"voice_out_trunk.id"}}
	if version >= version20261119 {
		keys = map[string][]string{
			"cdr_in":  {"did_number", "source_number", "source_number_out", "source_country_iso"},
			"cdr_out": {"voice_out_trunk.id", "source", "cli", "destination"},
			"sms_in": {"source_address_eq", "source_address_cont", "destination_address_eq", "destination_address_cont",
				"status", "trunk_type", "sms_trunk.id", "sms_id"},
			"sms_out": {"source_address_eq", "source_address_cont", "destination_address_eq", "destination_address_cont",
				"status", "sms_trunk.id", "sms_id", "service_type", "sender_id_verification.id"},
		}
	}
	k, ok := keys[typ]
	return k, ok
}

func (s *Server) createExport(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "exports",
		attrs: []string{"export_type", "filters", "callback_url", "callback_method", "external_reference_id"}}, "")
	if e != nil {
		return 0, nil, e
	}
	x := &export{id: s.nextIDLocked("export"), status: exportPending, createdAt: c.now}
	x.file = uid("export_file/" + x.id)
	decodeAttr(w, "export_type", false, &x.exportType)
	keys, known := exportFilterKeys(c.version, x.exportType)
	switch {
	case x.exportType == "":
		w.failAttr("export_type", "can't be blank")
	case !known:
		w.failAttr("export_type", "is not included in the list")
	}
	s.readExportFilters(c, w, x, keys, known)
	readCallback(w, &x.callbackURL, &x.callbackMethod)
	w.externalRef(&x.extRef)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	c.acct.more.exports = append(c.acct.more.exports, x)
	return answerOne(c, s.exportObj(x), http.StatusCreated)
}

// readExportFilters reads filters: from and to (required; from before to,
// neither in the future, within the current month or the two before it),
// and the keys the export type takes.
func (s *Server) readExportFilters(c *call, w *writeDoc, x *export, keys []string, known bool) {
	var raw map[string]json.RawMessage
	given, _ := decodeAttr(w, "filters", false, &raw)
	if !given || w.bad != nil {
		if !given {
			w.failAttr("filters", "can't be blank")
		}
		return
	}
	x.filters = map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		v, ok := exportFilterValue(x.exportType, k, raw[k])
		if !ok {
			w.malformed(badRequest("103", "Invalid field value", "filters."+k+" has the wrong type."))
			return
		}
		if known && k != "from" && k != "to" && !slices.Contains(keys, k) {
			w.failAttr("filters", k+" is not a filter of "+x.exportType+" exports")
		}
		if why := checkSMSFilter(x.exportType, k, v); why != "" {
			w.failAttr("filters", k+" "+why)
		}
		x.filters[k] = v
	}
	var ok [2]bool
	for i, k := range []string{"from", "to"} {
		v, _ := x.filters[k].(string)
		t, good := parseExportTime(v)
		switch {
		case v == "":
			w.failAttr("filters", k+" can't be blank")
		case !good:
			w.failAttr("filters", k+" is not a date and time")
		case t.After(c.now):
			w.failAttr("filters", k+" can't be in the future")
		default:
			ok[i] = true
		}
		if good && c.version >= version20261119 {
			x.filters[k] = t.Format(time.DateTime)
		}
		if i == 0 {
			x.from = t
		} else {
			x.to = t
		}
	}
	earliest := time.Date(c.now.UTC().Year(), c.now.UTC().Month()-2, 1, 0, 0, 0, 0, time.UTC)
	switch {
	case ok[0] && ok[1] && !x.from.Before(x.to):
		w.failAttr("filters", "from must be before to")
	case ok[0] && x.from.Before(earliest):
		w.failAttr("filters", "from must be within the current month or the two preceding months")
	}
}

// parseExportTime reads "YYYY-MM-DD HH:MM:SS" (UTC), RFC 3339 or a date.
func parseExportTime(v string) (time.Time, bool) {
	for _, layout := range []string{time.DateTime, time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func (s *Server) updateExport(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "exports", isUpdate: true, attrs: []string{"external_reference_id"}}, id)
	if e != nil {
		return 0, nil, e
	}
	x := c.acct.more.export(id)
	if x == nil {
		return 0, nil, notFound(id)
	}
	ref := x.extRef
	w.externalRef(&ref)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.extRef = ref
	return answerOne(c, s.exportObj(x), http.StatusOK)
}

// progressExportsLocked moves a's exports on the clock: processing for the
// second half of the delay, then completed with the file built and the
// callback sent.
func (s *Server) progressExportsLocked(a *account, now time.Time) {
	d := s.cfg.exportDelay
	for _, x := range a.more.exports {
		if x.status == exportCompleted {
			continue
		}
		if x.status == exportPending && d > 0 && !now.Before(x.createdAt.Add(d/2)) {
			x.status = exportProcessing
		}
		if now.Before(x.createdAt.Add(d)) {
			continue
		}
		x.status = exportCompleted
		x.csv = gzipCSV(s.exportRows(a, x, now))
		if x.callbackURL != nil {
			payload := url.Values{"id": {x.id}, "type": {"exports"}, "status": {exportCompleted}}
			s.signAndSendLocked(CallbackRecord{Type: "exports", ID: x.id, Status: exportCompleted, OrderID: x.id, OrderStatus: exportCompleted},
				*x.callbackURL, deref(x.callbackMethod), payload)
		}
	}
}

func gzipCSV(rows [][]string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	cw := csv.NewWriter(zw)
	_ = cw.WriteAll(rows) // writes to memory cannot fail
	_ = zw.Close()
	return b.Bytes()
}

// smsFilterLists are the SMS export filters that take a list as well as one
// value; smsStatuses and smsTrunkTypes the labels the API accepts.
var (
	smsFilterLists = map[string]bool{"trunk_type": true, "sms_trunk.id": true, "sender_id_verification.id": true}
	smsStatuses    = map[string][]string{
		"sms_in":  {"Success", "Failed", "Queued"},
		"sms_out": {"Routing Error", "In Progress", "Queued", "Failed", "Success"},
	}
	smsTrunkTypes = []string{"SMPP SMSC", "SMPP ESME", "Email", "HTTP IN"}
)

// exportFilterValue reads a filter's value: a string, or for the SMS
// filters that take one, a list of strings.
func exportFilterValue(typ, key string, raw json.RawMessage) (any, bool) {
	var v string
	if json.Unmarshal(raw, &v) == nil {
		return v, true
	}
	var list []string
	if strings.HasPrefix(typ, "sms_") && smsFilterLists[key] && json.Unmarshal(raw, &list) == nil {
		return list, true
	}
	return nil, false
}

// checkSMSFilter returns why an SMS export refuses a filter value, or "".
func checkSMSFilter(typ, key string, v any) string {
	values, _ := v.([]string)
	if s, ok := v.(string); ok {
		values = []string{s}
	}
	for _, x := range values {
		switch {
		case key == "status" && smsStatuses[typ] != nil && !slices.Contains(smsStatuses[typ], x):
			return "is not one of " + strings.Join(smsStatuses[typ], ", ")
		case key == "trunk_type" && typ == "sms_in" && !slices.Contains(smsTrunkTypes, x):
			return "is not one of " + strings.Join(smsTrunkTypes, ", ")
		case key == "service_type" && typ == "sms_out" && !strings.EqualFold(x, "A2P") && !strings.EqualFold(x, "P2P"):
			return "is not A2P or P2P"
		}
	}
	return ""
}
