package didww

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ExportsService creates and reads exports: CSV files of the account's call
// (and, from API version 2026-11-19, SMS) records, built asynchronously.
// Create one, Wait for it, and Download it.
type ExportsService service

// ExportType is what an export holds. Unknown values are kept.
type ExportType string

// Export types the API documents. The SMS types exist from API version
// 2026-11-19.
const (
	ExportCDRIn  ExportType = "cdr_in"
	ExportCDROut ExportType = "cdr_out"
	ExportSMSIn  ExportType = "sms_in"
	ExportSMSOut ExportType = "sms_out"
)

// ExportStatus is the state of an export. Unknown values are kept.
type ExportStatus string

// Export statuses the API documents, in their order.
const (
	ExportPending    ExportStatus = "pending"
	ExportProcessing ExportStatus = "processing"
	ExportCompleted  ExportStatus = "completed"
)

// Export is a CSV export of records. Its file can be downloaded once
// Status is completed; DIDWW deletes it a month after completion.
type Export struct {
	ID         string       `didww:"primary,exports"`
	ExportType ExportType   `didww:"attr,export_type,required"`
	Status     ExportStatus `didww:"attr,status,required"`
	// URL is where the gzip-compressed CSV is downloaded (Download); empty
	// until the export is completed.
	URL string `didww:"attr,url"`
	// Filters are the filters it was created with, keys as the API sends
	// them ("from", "to", "did_number", ...; exports of older versions carry
	// "year", "month", "day"). Nil when the answer left them out.
	Filters map[string]any `didww:"attr,filters"`
	// CallbackURL and CallbackMethod are empty when the export has no callback.
	CallbackURL    string         `didww:"attr,callback_url"`
	CallbackMethod CallbackMethod `didww:"attr,callback_method"`
	// ExternalReferenceID is the caller's own reference; empty when none.
	ExternalReferenceID string `didww:"attr,external_reference_id"`
	// CreatedAt is nil when the API sends null.
	CreatedAt *time.Time `didww:"attr,created_at"`
}

// ExportListOptions filters GET /exports.
type ExportListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID                  []string
	ExternalReferenceID string
	// From API version 2026-11-19 on: exports created at or after
	// CreatedAtFrom (filter[created_at_gteq]) and at or before CreatedAtTo
	// (filter[created_at_lteq]), of any of ExportType, in any of Status.
	// Older versions refuse them before sending.
	CreatedAtFrom, CreatedAtTo time.Time
	ExportType                 []ExportType
	Status                     []ExportStatus
	// Sort: "created_at", "external_reference_id", "status".
	Sort  []string
	Extra url.Values
}

var exportSorts = []string{"created_at", "external_reference_id", "status"}

// exportOptions are the names export lists may use, by version: DIDWW's
// OpenAPI 2026-10-22 draft adds the date, type and status filters.
var exportOptions = &optionSet{typ: "exports", sorts: exportSorts, versioned: map[string]span{
	"filter:created_at_gteq": since(APIVersion20261119, "CreatedAtFrom (filter[created_at_gteq]) arrives in API version 2026-11-19"),
	"filter:created_at_lteq": since(APIVersion20261119, "CreatedAtTo (filter[created_at_lteq]) arrives in API version 2026-11-19"),
	"filter:export_type":     since(APIVersion20261119, "ExportType (filter[export_type]) arrives in API version 2026-11-19"),
	"filter:status":          since(APIVersion20261119, "Status (filter[status]) arrives in API version 2026-11-19"),
}}

func (o *ExportListOptions) query() (url.Values, error) {
	return o.queryFor(DefaultAPIVersion)
}

func (o *ExportListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(exportOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("external_reference_id", o.ExternalReferenceID)
		q.filterTime("created_at_gteq", o.CreatedAtFrom)
		q.filterTime("created_at_lteq", o.CreatedAtTo)
		q.filterList("export_type", strs(o.ExportType))
		q.filterList("status", strs(o.Status))
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// ExportFilters are the filters of a new export, one type per export type:
// CDRInFilters, CDROutFilters, SMSInFilters, SMSOutFilters (values or
// pointers). The type of the filters is the type of the export. No other
// type implements it.
type ExportFilters interface {
	// ExportType is the export type these filters make.
	ExportType() ExportType
	exportFilters(version string) (map[string]string, error)
}

// Every export covers [From, To): records that started at or after From and
// before To. Both are required, From before To; the API accepts only the
// current month and the two before it, and no time in the future. They are
// sent in UTC as "2006-01-02 15:04:05". Extra carries further filter keys
// the API documents and these types do not, sent as given; a key that a
// typed field sets is refused there.

// CDRInFilters select inbound call records.
type CDRInFilters struct {
	From, To time.Time
	// DIDNumber limits the export to one of the account's numbers.
	DIDNumber string
	// From API version 2026-11-19: the caller's number, the number as sent
	// out, and the caller's country (ISO code). Refused under older versions.
	SourceNumber, SourceNumberOut, SourceCountryISO string
	Extra                                           map[string]string
}

// CDROutFilters select outbound call records.
type CDROutFilters struct {
	From, To time.Time
	// VoiceOutTrunkID limits the export to one trunk; sent as
	// "voice_out_trunk.id", as DIDWW documents the key.
	VoiceOutTrunkID string
	// From API version 2026-11-19: source, caller ID and destination.
	// Refused under older versions.
	Source, CLI, Destination string
	Extra                    map[string]string
}

// SMSInFilters select inbound SMS records (API version 2026-11-19 on).
type SMSInFilters struct {
	From, To time.Time
	// SourceAddressEq and SourceAddressCont match the sender exactly, or
	// as a part; DestinationAddressEq and DestinationAddressCont the
	// recipient.
	SourceAddressEq, SourceAddressCont           string
	DestinationAddressEq, DestinationAddressCont string
	// Status is the message's status: SMSRecordSuccess, SMSRecordFailed
	// or SMSRecordQueued.
	Status SMSRecordStatus
	// TrunkType is the kind of trunk that received it: SMSRecordTrunkSMPPSMSC
	// and so on.
	TrunkType SMSRecordTrunkType
	// SMSTrunkID is the trunk (sms_trunk.id); SMSID one message (sms_id).
	SMSTrunkID, SMSID string
	Extra             map[string]string
}

// SMSOutFilters select outbound SMS records (API version 2026-11-19 on).
type SMSOutFilters struct {
	From, To time.Time
	// The address filters match the sender and the recipient exactly (Eq)
	// or as a part (Cont).
	SourceAddressEq, SourceAddressCont           string
	DestinationAddressEq, DestinationAddressCont string
	// Status is the message's status: SMSRecordSuccess, SMSRecordFailed,
	// SMSRecordQueued, SMSRecordRoutingError or SMSRecordInProgress.
	Status SMSRecordStatus
	// ServiceType is "A2P" or "P2P".
	ServiceType string
	// SMSTrunkID, SenderIDVerificationID and SMSID are the trunk, the sender
	// ID verification and one message the records must have.
	SMSTrunkID, SenderIDVerificationID, SMSID string
	Extra                                     map[string]string
}

// SMSRecordStatus is the status of an SMS record in an export's filters,
// as DIDWW labels it. Other values are sent as given.
type SMSRecordStatus string

// Statuses of SMS records: inbound ones are Success, Failed or Queued;
// outbound ones also Routing Error and In Progress.
const (
	SMSRecordSuccess      SMSRecordStatus = "Success"
	SMSRecordFailed       SMSRecordStatus = "Failed"
	SMSRecordQueued       SMSRecordStatus = "Queued"
	SMSRecordRoutingError SMSRecordStatus = "Routing Error"
	SMSRecordInProgress   SMSRecordStatus = "In Progress"
)

// SMSRecordTrunkType is the kind of trunk an inbound SMS record came
// through, as export filters label it.
type SMSRecordTrunkType string

// Trunk kinds of inbound SMS records.
const (
	SMSRecordTrunkSMPPSMSC SMSRecordTrunkType = "SMPP SMSC"
	SMSRecordTrunkSMPPESME SMSRecordTrunkType = "SMPP ESME"
	SMSRecordTrunkEmail    SMSRecordTrunkType = "Email"
	SMSRecordTrunkHTTPIn   SMSRecordTrunkType = "HTTP IN"
)

// ExportType returns ExportCDRIn.
func (CDRInFilters) ExportType() ExportType { return ExportCDRIn }

// ExportType returns ExportCDROut.
func (CDROutFilters) ExportType() ExportType { return ExportCDROut }

// ExportType returns ExportSMSIn.
func (SMSInFilters) ExportType() ExportType { return ExportSMSIn }

// ExportType returns ExportSMSOut.
func (SMSOutFilters) ExportType() ExportType { return ExportSMSOut }

// exportFilterTime is the format the API documents for from and to.
const exportFilterTime = "2006-01-02 15:04:05"

// filterSet builds the filters object of one export type.
type filterSet struct {
	m       map[string]string
	version string
	err     error
}

func newFilterSet(version string, from, to time.Time) *filterSet {
	f := &filterSet{m: map[string]string{}, version: version}
	switch {
	case from.IsZero():
		f.err = invalid("filters.from", "is required")
	case to.IsZero():
		f.err = invalid("filters.to", "is required")
	case !from.Before(to):
		f.err = invalid("filters.to", "is not after from")
	}
	f.m["from"] = from.UTC().Format(exportFilterTime)
	f.m["to"] = to.UTC().Format(exportFilterTime)
	return f
}

// set adds key=value unless value is empty; since names the version that
// introduced the key ("" for every version).
func (f *filterSet) set(key, value, since string) {
	if value == "" || f.err != nil {
		return
	}
	if since != "" && f.version < since {
		f.err = invalid("filters."+key, "is a filter of API version %s; this client speaks %s", since, f.version)
		return
	}
	f.m[key] = value
}

func (f *filterSet) extra(extra map[string]string) (map[string]string, error) {
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		if _, taken := f.m[k]; taken && f.err == nil {
			f.err = invalid("filters."+k, "is set by a typed field; Extra must not set it again")
		}
		if k == "" && f.err == nil {
			f.err = invalid("filters", "Extra has an empty key")
		}
		if f.err == nil {
			f.m[k] = extra[k]
		}
	}
	return f.m, f.err
}

func (x CDRInFilters) exportFilters(version string) (map[string]string, error) {
	f := newFilterSet(version, x.From, x.To)
	f.set("did_number", x.DIDNumber, "")
	f.set("source_number", x.SourceNumber, APIVersion20261119)
	f.set("source_number_out", x.SourceNumberOut, APIVersion20261119)
	f.set("source_country_iso", x.SourceCountryISO, APIVersion20261119)
	return f.extra(x.Extra)
}

func (x CDROutFilters) exportFilters(version string) (map[string]string, error) {
	f := newFilterSet(version, x.From, x.To)
	f.set("voice_out_trunk.id", x.VoiceOutTrunkID, "")
	f.set("source", x.Source, APIVersion20261119)
	f.set("cli", x.CLI, APIVersion20261119)
	f.set("destination", x.Destination, APIVersion20261119)
	return f.extra(x.Extra)
}

func smsFilterSet(version string, from, to time.Time, typ ExportType) *filterSet {
	f := newFilterSet(version, from, to)
	if version < APIVersion20261119 && f.err == nil {
		f.err = invalid("export_type", "%s exports exist from API version %s; this client speaks %s", typ, APIVersion20261119, version)
	}
	return f
}

func (x SMSInFilters) exportFilters(version string) (map[string]string, error) {
	f := smsFilterSet(version, x.From, x.To, ExportSMSIn)
	f.addresses(x.SourceAddressEq, x.SourceAddressCont, x.DestinationAddressEq, x.DestinationAddressCont)
	f.set("status", string(x.Status), "")
	f.set("trunk_type", string(x.TrunkType), "")
	f.set("sms_trunk.id", x.SMSTrunkID, "")
	f.set("sms_id", x.SMSID, "")
	return f.extra(x.Extra)
}

func (x SMSOutFilters) exportFilters(version string) (map[string]string, error) {
	f := smsFilterSet(version, x.From, x.To, ExportSMSOut)
	f.addresses(x.SourceAddressEq, x.SourceAddressCont, x.DestinationAddressEq, x.DestinationAddressCont)
	f.set("status", string(x.Status), "")
	if t := strings.ToUpper(x.ServiceType); t != "" && t != "A2P" && t != "P2P" && f.err == nil {
		f.err = invalid("filters.service_type", "is %q; it is A2P or P2P", x.ServiceType)
	}
	f.set("service_type", x.ServiceType, "")
	f.set("sms_trunk.id", x.SMSTrunkID, "")
	f.set("sender_id_verification.id", x.SenderIDVerificationID, "")
	f.set("sms_id", x.SMSID, "")
	return f.extra(x.Extra)
}

// addresses sets the four address filters of SMS records.
func (f *filterSet) addresses(srcEq, srcCont, dstEq, dstCont string) {
	f.set("source_address_eq", srcEq, "")
	f.set("source_address_cont", srcCont, "")
	f.set("destination_address_eq", dstEq, "")
	f.set("destination_address_cont", dstCont, "")
}

// filtersOf returns the export type and filters of a request's filters,
// refusing nil (a nil pointer too).
func filtersOf(version string, f ExportFilters) (ExportType, map[string]string, error) {
	var isNil bool
	switch v := f.(type) {
	case nil:
		isNil = true
	case *CDRInFilters:
		isNil = v == nil
	case *CDROutFilters:
		isNil = v == nil
	case *SMSInFilters:
		isNil = v == nil
	case *SMSOutFilters:
		isNil = v == nil
	}
	if isNil {
		return "", nil, invalid("filters", "is nil; use CDRInFilters, CDROutFilters, SMSInFilters or SMSOutFilters")
	}
	m, err := f.exportFilters(version)
	return f.ExportType(), m, err
}

// ExportCreateRequest is the body of POST /exports.
type ExportCreateRequest struct {
	// Filters are required; their type sets the export type.
	Filters ExportFilters
	// CallbackURL, an absolute http(s) URL, is called when the export
	// completes, with CallbackMethod (get or post); set both or neither.
	CallbackURL    string
	CallbackMethod CallbackMethod
	// ExternalReferenceID is the caller's own reference, at most 100 characters.
	ExternalReferenceID string
}

type exportCreateAttributes struct {
	ExportType          ExportType        `json:"export_type"`
	Filters             map[string]string `json:"filters"`
	CallbackURL         string            `json:"callback_url,omitempty"`
	CallbackMethod      CallbackMethod    `json:"callback_method,omitempty"`
	ExternalReferenceID string            `json:"external_reference_id,omitempty"`
}

// checkCallback checks a callback URL and method given together.
func checkCallback(rawURL string, method CallbackMethod) (CallbackMethod, error) {
	if rawURL == "" && method == "" {
		return "", nil
	}
	if rawURL == "" {
		return "", invalid("callback_method", "is set without a callback_url")
	}
	if err := checkCallbackURL(rawURL); err != nil {
		return "", err
	}
	m := parseCallbackMethod(string(method))
	if m != CallbackGET && m != CallbackPOST {
		return "", invalid("callback_method", "is %q; with a callback_url it must be %q or %q", method, CallbackGET, CallbackPOST)
	}
	return m, nil
}

func (req *ExportCreateRequest) body(version string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	typ, filters, err := filtersOf(version, req.Filters)
	if err != nil {
		return nil, err
	}
	method, err := checkCallback(req.CallbackURL, req.CallbackMethod)
	if err != nil {
		return nil, err
	}
	if err := optionalRef(req.ExternalReferenceID); err != nil {
		return nil, err
	}
	return jsonBody(resourceDocument{Data: resourceObject{Type: "exports", Attributes: exportCreateAttributes{
		ExportType: typ, Filters: filters, CallbackURL: req.CallbackURL, CallbackMethod: method,
		ExternalReferenceID: req.ExternalReferenceID,
	}}})
}

// ExportUpdateRequest is the body of PATCH /exports/{id}: the external
// reference is all an export lets change.
type ExportUpdateRequest struct {
	// ExternalReferenceID Value sets it, Null clears it.
	ExternalReferenceID Nullable[string]
}

// updateReference sends the PATCH of a resource whose external reference is
// all the API lets change (exports, emergency verifications): ref Value sets
// it, Null clears it.
func updateReference[T any](ctx context.Context, c *Client, collection, id string, ref Nullable[string]) (*T, error) {
	path, err := pathFor(collection, id)
	if err != nil {
		return nil, err
	}
	if v, ok := ref.Get(); ok {
		if err := checkExternalReferenceID(v); err != nil {
			return nil, err
		}
	}
	body, err := updateBody(collection, id, referenceUpdateAttributes{ExternalReferenceID: ref}, nil, true)
	if err != nil {
		return nil, err
	}
	return writeOne[T](ctx, c, &request{method: "PATCH", path: path, body: body}, noMark)
}

// referenceUpdateAttributes are the attributes of a PATCH that changes
// only external_reference_id.
type referenceUpdateAttributes struct {
	ExternalReferenceID Nullable[string] `json:"external_reference_id,omitzero"`
}

// List returns one page of the account's exports.
func (s *ExportsService) List(ctx context.Context, opts *ExportListOptions) (*Page[Export], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[Export](ctx, s.client, "/exports", q)
}

// All yields every export matching opts, page after page.
func (s *ExportsService) All(ctx context.Context, opts *ExportListOptions) iter.Seq2[*Export, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one export. Exports have no relationships: opts.Include must be empty.
func (s *ExportsService) Get(ctx context.Context, id string, opts *GetOptions) (*Export, error) {
	e, _, err := getByID[Export](ctx, s.client, "exports", id, opts, nil)
	return e, err
}

// Create asks for an export; it starts pending. The request is checked
// first (an error wrapping ErrInvalidRequest names the field; the date
// range itself is the API's to refuse, with 422). A failure that leaves
// open whether the export was created matches ErrOutcomeUnknown.
func (s *ExportsService) Create(ctx context.Context, req *ExportCreateRequest) (*Export, error) {
	body, err := req.body(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return writeOne[Export](ctx, s.client, &request{method: "POST", path: "/exports", body: body}, noMark)
}

// Update changes the export's external reference and returns the export.
func (s *ExportsService) Update(ctx context.Context, id string, req *ExportUpdateRequest) (*Export, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	return updateReference[Export](ctx, s.client, "exports", id, req.ExternalReferenceID)
}

// Wait polls the export every interval, starting at once, until it is
// completed, and returns it. Every other status, pending, processing, empty
// or one this version does not know, is polled on: only ctx ends the wait
// then. On failure it returns the last export read (nil if none) with the
// error, which wraps ctx.Err() when ctx ended first.
func (s *ExportsService) Wait(ctx context.Context, id string, every time.Duration) (*Export, error) {
	if every <= 0 {
		return nil, invalid("every", "is %v; the poll interval must be positive", every)
	}
	if _, err := pathFor("exports", id); err != nil {
		return nil, err
	}
	var last *Export
	for {
		e, err := s.Get(ctx, id, nil)
		if err != nil {
			if ctx.Err() != nil {
				return last, fmt.Errorf("didww: waiting for export %s: %w", id, ctx.Err())
			}
			return last, err
		}
		last = e
		if e.Status == ExportCompleted {
			return e, nil
		}
		if err := sleep(ctx, every); err != nil {
			return last, fmt.Errorf("didww: waiting for export %s, still %q: %w", id, e.Status, err)
		}
	}
}
