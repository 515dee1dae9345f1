package didww

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/didww-go/didww/internal/jsonapi"
)

// SMSTrunkType is the kind of an SMS trunk: its configuration's type, fixed
// when the trunk is created. Unknown values are kept.
type SMSTrunkType string

// SMS trunk types the API documents.
const (
	// SMSTrunkSMSToEmail forwards inbound SMS as email.
	SMSTrunkSMSToEmail SMSTrunkType = "sms_to_email"
	// SMSTrunkHTTPIn delivers inbound SMS as an HTTP request to your endpoint.
	SMSTrunkHTTPIn SMSTrunkType = "http_in"
	// SMSTrunkHTTPOut takes the outbound SMS your application submits over HTTP.
	SMSTrunkHTTPOut SMSTrunkType = "http_out"
	// SMSTrunkSMPPESME: your application binds to DIDWW as an SMPP ESME
	// (inbound and outbound).
	SMSTrunkSMPPESME SMSTrunkType = "smpp_esme"
	// SMSTrunkSMPPSMSC: DIDWW binds to your SMSC (inbound and outbound).
	SMSTrunkSMPPSMSC SMSTrunkType = "smpp_smsc"
)

var smsTrunkTypes = []SMSTrunkType{SMSTrunkSMSToEmail, SMSTrunkHTTPIn, SMSTrunkHTTPOut, SMSTrunkSMPPESME, SMSTrunkSMPPSMSC}

// Known reports whether the API documents t.
func (t SMSTrunkType) Known() bool { return slices.Contains(smsTrunkTypes, t) }

// Inbound reports whether trunks of type t handle inbound SMS (every
// documented type but http_out).
func (t SMSTrunkType) Inbound() bool { return t.Known() && t != SMSTrunkHTTPOut }

// Outbound reports whether trunks of type t send outbound SMS (http_out,
// smpp_esme, smpp_smsc). Only these take outgoing DIDs and
// allow_any_did_as_source.
func (t SMSTrunkType) Outbound() bool {
	return t == SMSTrunkHTTPOut || t == SMSTrunkSMPPESME || t == SMSTrunkSMPPSMSC
}

// Groupable reports whether trunks of type t can join an SMS trunk group and
// take a priority (every documented type but http_out).
func (t SMSTrunkType) Groupable() bool { return t.Inbound() }

// SMSTrunkConfiguration is what an SMS trunk does, by its type:
// *SMSToEmailConfiguration, *HTTPInConfiguration, *HTTPOutConfiguration,
// *SMPPESMEConfiguration, *SMPPSMSCConfiguration, or a
// *RawSMSTrunkConfiguration for a type this version does not know. No other
// type implements it.
//
// As a request (create, or update) only what a configuration sets is sent:
// empty text, nil slices, maps and pointers are left out (on create they take
// the API's defaults, on update they keep their stored values; a non-nil
// empty slice or map is sent, and clears). The Clear fields send a nullable
// attribute as null. A configuration read from a trunk can be changed and
// sent back as it is; the attributes DIDWW generates (credentials) are never
// sent.
type SMSTrunkConfiguration interface {
	// SMSTrunkType is the configuration's type, such as SMSTrunkHTTPIn.
	SMSTrunkType() SMSTrunkType
	// smsWire checks the configuration and returns its request form;
	// create asks for the attributes a new trunk needs.
	smsWire(field string, create bool) (*smsConfigurationEnvelope, error)
}

// SMSToEmailConfiguration forwards a trunk's inbound SMS by email. Subject
// and Message may use the placeholders {SMS_TIME}, {SMS_SRC_ADDR},
// {SMS_DST_ADDR}, {SMS_TEXT}.
type SMSToEmailConfiguration struct {
	// SendTo is the recipient address, Subject and Message the email's
	// templates; all three are required on create.
	SendTo  string
	Subject string
	Message string
}

// HTTPMethod is how an http_in trunk calls your endpoint.
type HTTPMethod string

// HTTP methods an http_in trunk uses.
const (
	HTTPMethodGet  HTTPMethod = "get"
	HTTPMethodPost HTTPMethod = "post"
	HTTPMethodPut  HTTPMethod = "put"
)

// HTTPBodyType is how an http_in trunk encodes the body of a POST or PUT.
// Unknown values are kept.
type HTTPBodyType string

// Body types of an http_in trunk. JSON and raw bodies are a text template
// (HTTPInConfiguration.Body); the form encodings take name/value pairs
// (HTTPInConfiguration.BodyFields).
const (
	HTTPBodyJSON           HTTPBodyType = "json"
	HTTPBodyHTMLMultipart  HTTPBodyType = "html_multipart"
	HTTPBodyHTMLURLEncoded HTTPBodyType = "html_url_encoded"
	HTTPBodyRaw            HTTPBodyType = "raw"
)

// form reports whether t encodes its body as a form (an object on the wire).
func (t HTTPBodyType) form() bool { return t == HTTPBodyHTMLMultipart || t == HTTPBodyHTMLURLEncoded }

// HTTPInConfiguration delivers a trunk's inbound SMS as an HTTP request to
// your endpoint. QueryParameters, Headers and the body may use the
// placeholders {SMS_TEXT}, {SMS_TEXT_BASE64_ENCODED}, {SMS_SRC_ADDR},
// {SMS_DST_ADDR} and {SMS_TIME}.
type HTTPInConfiguration struct {
	// URL is the endpoint and HTTPMethod get, post or put; both are
	// required on create.
	URL        string
	HTTPMethod HTTPMethod
	// BodyType and the body are required with post and put. With get there
	// is no body: they must be empty and are sent as null (a trunk moving
	// to get drops its body). Body is the template of a json or raw body;
	// BodyFields the fields of an html_multipart or html_url_encoded one.
	BodyType   HTTPBodyType
	Body       string
	BodyFields map[string]string
	// Headers are sent with every request. Their values may be your
	// endpoint's credentials, so they never print (Secret). A non-nil map
	// replaces the trunk's; nil leaves them as they are.
	Headers map[string]Secret
	// QueryParameters are added to the URL; a non-nil map replaces the
	// trunk's.
	QueryParameters map[string]string
	// ValidateHTTPSCertificate rejects an untrusted TLS certificate;
	// FollowRedirect follows 3xx answers. nil when the answer leaves them
	// out; in a request nil is left out.
	ValidateHTTPSCertificate *bool
	FollowRedirect           *bool
}

// HTTPOutConfiguration takes the outbound SMS your application submits to
// DIDWW's Outbound SMS API, authenticated with AuthName and AuthPassword
// (HTTP Basic). SMSTrunk.Host is where they are submitted.
type HTTPOutConfiguration struct {
	// CallbackURL receives the status events of the messages sent; empty
	// when none. ClearCallbackURL (requests only) removes it.
	CallbackURL      string
	ClearCallbackURL bool
	// AllowedIPs restricts where submissions may come from; nil when the
	// trunk accepts them from anywhere. In a request a non-nil slice
	// replaces the trunk's list, and an empty one lifts the restriction
	// (sent as null).
	AllowedIPs []string
	// AuthName and AuthPassword are generated by DIDWW and read-only:
	// a request never sends them. SMSTrunks.RegenerateCredentials
	// replaces them. AuthPassword never prints (see Secret).
	AuthName     string
	AuthPassword Secret
}

// SMPPServerLocation is the DIDWW SMPP server a trunk is served from. The
// values accepted depend on the environment (DIDWW's examples name "nyc"
// and "fra"); the API checks them, so no list is kept here.
type SMPPServerLocation string

// SMPPESMEConfiguration lets your application bind to DIDWW's SMSC as an
// SMPP ESME, with the SystemID and Password DIDWW generates.
type SMPPESMEConfiguration struct {
	// ServerLocation is the DIDWW server your application binds to;
	// required on create.
	ServerLocation SMPPServerLocation
	// SystemType is the bind's system_type (at most 12 characters); empty
	// when none. ClearSystemType (requests only) removes it.
	SystemType      string
	ClearSystemType bool
	// AllowedIPs restricts where binds may come from, as
	// HTTPOutConfiguration.AllowedIPs does for submissions.
	AllowedIPs []string
	// SystemID and Password are generated by DIDWW and read-only: a
	// request never sends them. SMSTrunks.RegenerateCredentials replaces
	// them. Password never prints (see Secret).
	SystemID string
	Password Secret
}

// SMPPSMSCConfiguration makes DIDWW bind to your SMSC as an SMPP client,
// with the credentials your SMSC gave you.
type SMPPSMSCConfiguration struct {
	// ServerLocation is the DIDWW server that binds to your SMSC, Host
	// your SMSC; both are required on create.
	ServerLocation SMPPServerLocation
	Host           string
	// TxPort and RxPort are your SMSC's transmitter and receiver ports
	// (DIDWW's defaults 2775 and 2776); 0 is left out of a request.
	TxPort int
	RxPort int
	// TransceiverMode binds one transceiver instead of a transmitter and a
	// receiver; UseSSL wraps the connection in TLS. nil is left out.
	TransceiverMode *bool
	UseSSL          *bool
	// ConnectionTimeout is the bind timeout in seconds; 0 is left out.
	ConnectionTimeout int
	// SystemID (at most 15 characters) and Password (at most 8) are what
	// DIDWW binds with; required on create. Password never prints (see
	// Secret).
	SystemID string
	Password Secret
	// SystemType is the bind's system_type (at most 12 characters); empty
	// when none. ClearSystemType (requests only) removes it.
	SystemType      string
	ClearSystemType bool
}

// RawSMSTrunkConfiguration is a configuration of a type this version does
// not know, kept as received. Its attributes never print (they may hold
// credentials); read them with Attributes. As a request it is sent as it is.
type RawSMSTrunkConfiguration struct {
	Kind  SMSTrunkType
	attrs Secret // the raw attributes object, masked like a Secret
}

// NewRawSMSTrunkConfiguration returns a configuration of kind with the given
// attributes (a JSON object), for sending a type this version does not type.
func NewRawSMSTrunkConfiguration(kind SMSTrunkType, attributes json.RawMessage) *RawSMSTrunkConfiguration {
	return &RawSMSTrunkConfiguration{Kind: kind, attrs: NewSecret(string(attributes))}
}

// Attributes returns a copy of the raw attributes object.
func (c *RawSMSTrunkConfiguration) Attributes() json.RawMessage {
	return json.RawMessage(c.attrs.Reveal())
}

// String names the kind and hides the attributes.
func (c *RawSMSTrunkConfiguration) String() string {
	return "didww.RawSMSTrunkConfiguration{Kind: " + string(c.Kind) + ", attributes " + redacted + "}"
}

// GoString is String.
func (c *RawSMSTrunkConfiguration) GoString() string { return c.String() }

// Format prints String whatever the verb.
func (c *RawSMSTrunkConfiguration) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// SMSTrunkType returns SMSTrunkSMSToEmail.
func (*SMSToEmailConfiguration) SMSTrunkType() SMSTrunkType { return SMSTrunkSMSToEmail }

// SMSTrunkType returns SMSTrunkHTTPIn.
func (*HTTPInConfiguration) SMSTrunkType() SMSTrunkType { return SMSTrunkHTTPIn }

// SMSTrunkType returns SMSTrunkHTTPOut.
func (*HTTPOutConfiguration) SMSTrunkType() SMSTrunkType { return SMSTrunkHTTPOut }

// SMSTrunkType returns SMSTrunkSMPPESME.
func (*SMPPESMEConfiguration) SMSTrunkType() SMSTrunkType { return SMSTrunkSMPPESME }

// SMSTrunkType returns SMSTrunkSMPPSMSC.
func (*SMPPSMSCConfiguration) SMSTrunkType() SMSTrunkType { return SMSTrunkSMPPSMSC }

// SMSTrunkType returns the type as received.
func (c *RawSMSTrunkConfiguration) SMSTrunkType() SMSTrunkType { return c.Kind }

// smsTrunkConfigurationAttributes read the attributes of every documented
// configuration type.
type smsTrunkConfigurationAttributes struct {
	SendTo                   *string           `json:"send_to"`
	Subject                  *string           `json:"subject"`
	Message                  *string           `json:"message"`
	URL                      *string           `json:"url"`
	HTTPMethod               *string           `json:"http_method"`
	BodyType                 *string           `json:"body_type"`
	Body                     httpInBody        `json:"body"`
	Headers                  map[string]string `json:"headers"`
	QueryParameters          map[string]string `json:"query_parameters"`
	ValidateHTTPSCertificate *bool             `json:"validate_https_certificate"`
	FollowRedirect           *bool             `json:"follow_redirect"`
	CallbackURL              *string           `json:"callback_url"`
	AllowedIPs               []string          `json:"allowed_ips"`
	AuthName                 *string           `json:"auth_name"`
	AuthPassword             *string           `json:"auth_password"`
	ServerLocation           *string           `json:"server_location"`
	Host                     *string           `json:"host"`
	TxPort                   *int              `json:"tx_port"`
	RxPort                   *int              `json:"rx_port"`
	TransceiverMode          *bool             `json:"transceiver_mode"`
	ConnectionTimeout        *int              `json:"connection_timeout"`
	UseSSL                   *bool             `json:"use_ssl"`
	SystemID                 *string           `json:"system_id"`
	Password                 *string           `json:"password"`
	SystemType               *string           `json:"system_type"`
}

// httpInBody reads http_in's body, a text template or (for the form
// encodings) an object of fields; an object is kept as its JSON behind
// formBodyMark.
type httpInBody string

const formBodyMark = "\x00form:"

// UnmarshalJSON reads a string, an object of strings, or null.
func (b *httpInBody) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	switch {
	case string(raw) == "null":
		*b = ""
	case len(raw) > 0 && raw[0] == '{':
		var fields map[string]string
		if err := json.Unmarshal(raw, &fields); err != nil {
			return errors.New("body: not an object of strings")
		}
		*b = httpInBody(formBodyMark + string(raw))
	default:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return errors.New("body: neither a string nor an object")
		}
		*b = httpInBody(s)
	}
	return nil
}

// split returns the body as a template or as form fields.
func (b httpInBody) split() (string, map[string]string) {
	rest, form := strings.CutPrefix(string(b), formBodyMark)
	if !form {
		return rest, nil
	}
	var fields map[string]string
	_ = json.Unmarshal([]byte(rest), &fields) // checked by UnmarshalJSON
	return "", fields
}

// The decoder reads SMSTrunk.Configuration with readSMSTrunkConfiguration.
var _ = jsonapi.RegisterInterface(readSMSTrunkConfiguration)

// readSMSTrunkConfiguration reads one {type, attributes} object. A type this
// version does not know is kept raw; an object without a type, or a known
// type whose attributes are not an object of the documented shapes, is an
// error that never quotes the attributes (they may hold a password).
func readSMSTrunkConfiguration(raw []byte) (SMSTrunkConfiguration, error) {
	var env struct {
		Type       *string         `json:"type"`
		Attributes json.RawMessage `json:"attributes"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, errors.New("sms trunk configuration: not a {type, attributes} object")
	}
	if env.Type == nil || *env.Type == "" {
		return nil, errors.New("sms trunk configuration: no type")
	}
	kind := SMSTrunkType(*env.Type)
	attrs := bytes.TrimSpace(env.Attributes)
	if !kind.Known() {
		return &RawSMSTrunkConfiguration{Kind: kind, attrs: NewSecret(string(attrs))}, nil
	}
	if len(attrs) == 0 || attrs[0] != '{' {
		return nil, fmt.Errorf("sms trunk configuration %q: attributes are not an object", kind)
	}
	var a smsTrunkConfigurationAttributes
	if err := json.Unmarshal(attrs, &a); err != nil {
		return nil, fmt.Errorf("sms trunk configuration %q: attributes have the wrong shape", kind)
	}
	return a.model(kind), nil
}

// model builds the configuration of a documented kind from its attributes.
func (a *smsTrunkConfigurationAttributes) model(kind SMSTrunkType) SMSTrunkConfiguration {
	switch kind {
	case SMSTrunkSMSToEmail:
		return &SMSToEmailConfiguration{SendTo: deref(a.SendTo), Subject: deref(a.Subject), Message: deref(a.Message)}
	case SMSTrunkHTTPIn:
		return a.httpIn()
	case SMSTrunkHTTPOut:
		return &HTTPOutConfiguration{CallbackURL: deref(a.CallbackURL), AllowedIPs: a.AllowedIPs,
			AuthName: deref(a.AuthName), AuthPassword: NewSecret(deref(a.AuthPassword))}
	case SMSTrunkSMPPESME:
		return &SMPPESMEConfiguration{ServerLocation: SMPPServerLocation(deref(a.ServerLocation)),
			SystemType: deref(a.SystemType), AllowedIPs: a.AllowedIPs,
			SystemID: deref(a.SystemID), Password: NewSecret(deref(a.Password))}
	}
	return &SMPPSMSCConfiguration{ServerLocation: SMPPServerLocation(deref(a.ServerLocation)), Host: deref(a.Host),
		TxPort: deref(a.TxPort), RxPort: deref(a.RxPort), TransceiverMode: a.TransceiverMode,
		UseSSL: a.UseSSL, ConnectionTimeout: deref(a.ConnectionTimeout), SystemID: deref(a.SystemID),
		Password: NewSecret(deref(a.Password)), SystemType: deref(a.SystemType)}
}

func (a *smsTrunkConfigurationAttributes) httpIn() *HTTPInConfiguration {
	c := &HTTPInConfiguration{URL: deref(a.URL), HTTPMethod: HTTPMethod(deref(a.HTTPMethod)),
		BodyType: HTTPBodyType(deref(a.BodyType)), QueryParameters: a.QueryParameters,
		ValidateHTTPSCertificate: a.ValidateHTTPSCertificate, FollowRedirect: a.FollowRedirect}
	c.Body, c.BodyFields = a.Body.split()
	if a.Headers != nil {
		c.Headers = make(map[string]Secret, len(a.Headers))
		for k, v := range a.Headers {
			c.Headers[k] = NewSecret(v)
		}
	}
	return c
}

// smsConfigurationEnvelope is a configuration as a request sends it.
type smsConfigurationEnvelope struct {
	Type       SMSTrunkType `json:"type"`
	Attributes any          `json:"attributes"`
}

// requireText refuses, on create, the first of the named values that is
// blank.
func requireText(field, kind string, create bool, values ...[2]string) error {
	if !create {
		return nil
	}
	for _, v := range values {
		if strings.TrimSpace(v[1]) == "" {
			return invalid(field+"."+v[0], "is empty; an %s trunk needs it", kind)
		}
	}
	return nil
}

// maxLen refuses a value longer than n characters.
func maxLen(field, v string, n int) error {
	if utf8.RuneCountInString(v) > n {
		return invalid(field, "is %d characters long; at most %d are accepted", utf8.RuneCountInString(v), n)
	}
	return nil
}

// clearable is a nullable text attribute of a request: its value, or null
// with clear, or left out.
func clearable(field, v string, clear bool) (Nullable[string], error) {
	switch {
	case clear && v != "":
		return Nullable[string]{}, invalid(field, "is set together with its Clear field; set one of them")
	case clear:
		return Null[string](), nil
	case v != "":
		return Value(v), nil
	}
	return Nullable[string]{}, nil
}

// allowedIPs is an allowed_ips list as a request sends it: left out when
// nil, null when empty (no restriction).
func allowedIPs(field string, ips []string) (Nullable[[]string], error) {
	switch {
	case ips == nil:
		return Nullable[[]string]{}, nil
	case len(ips) == 0:
		return Null[[]string](), nil
	}
	if err := checkIPs(field, ips); err != nil {
		return Nullable[[]string]{}, err
	}
	return Value(ips), nil
}

type smsToEmailWrite struct {
	SendTo  string `json:"send_to,omitempty"`
	Subject string `json:"subject,omitempty"`
	Message string `json:"message,omitempty"`
}

func (c *SMSToEmailConfiguration) smsWire(field string, create bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *SMSToEmailConfiguration")
	}
	if err := requireText(field, "sms_to_email", create, [2]string{"send_to", c.SendTo},
		[2]string{"subject", c.Subject}, [2]string{"message", c.Message}); err != nil {
		return nil, err
	}
	if c.SendTo != "" && !strings.Contains(c.SendTo, "@") {
		return nil, invalid(field+".send_to", "%q is not an email address", c.SendTo)
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkSMSToEmail, Attributes: smsToEmailWrite(*c)}, nil
}

type httpInWrite struct {
	URL                      string            `json:"url,omitempty"`
	HTTPMethod               HTTPMethod        `json:"http_method,omitempty"`
	BodyType                 Nullable[string]  `json:"body_type,omitzero"`
	Body                     Nullable[any]     `json:"body,omitzero"`
	Headers                  map[string]string `json:"headers,omitzero"`
	QueryParameters          map[string]string `json:"query_parameters,omitzero"`
	ValidateHTTPSCertificate *bool             `json:"validate_https_certificate,omitempty"`
	FollowRedirect           *bool             `json:"follow_redirect,omitempty"`
}

func (c *HTTPInConfiguration) smsWire(field string, create bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *HTTPInConfiguration")
	}
	if err := requireText(field, "http_in", create, [2]string{"url", c.URL},
		[2]string{"http_method", string(c.HTTPMethod)}); err != nil {
		return nil, err
	}
	if c.URL != "" {
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, invalid(field+".url", "%q is not an absolute http(s) URL", c.URL)
		}
	}
	if err := oneOf(field+".http_method", c.HTTPMethod, HTTPMethodGet, HTTPMethodPost, HTTPMethodPut); err != nil {
		return nil, err
	}
	w := httpInWrite{URL: c.URL, HTTPMethod: c.HTTPMethod, QueryParameters: c.QueryParameters,
		ValidateHTTPSCertificate: c.ValidateHTTPSCertificate, FollowRedirect: c.FollowRedirect}
	if c.Headers != nil {
		w.Headers = make(map[string]string, len(c.Headers))
		for k, v := range c.Headers {
			w.Headers[k] = v.Reveal()
		}
	}
	if err := c.bodyWire(field, create, &w); err != nil {
		return nil, err
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkHTTPIn, Attributes: w}, nil
}

// bodyWire checks the body against the method and the body type: none with
// get (sent as null), a type and a body with post and put on create, a text
// template for json and raw, fields for the form encodings.
func (c *HTTPInConfiguration) bodyWire(field string, create bool, w *httpInWrite) error {
	hasBody := c.Body != "" || c.BodyFields != nil
	switch {
	case c.Body != "" && c.BodyFields != nil:
		return invalid(field+".body", "is set both as Body and as BodyFields; set one of them")
	case c.HTTPMethod == HTTPMethodGet && (c.BodyType != "" || hasBody):
		return invalid(field+".body", "is set with http_method get, which sends no body")
	case c.HTTPMethod == HTTPMethodGet:
		w.BodyType, w.Body = Null[string](), Null[any]()
		return nil
	case create && c.BodyType == "":
		return invalid(field+".body_type", "is empty; http_method %s needs a body type", c.HTTPMethod)
	case create && !hasBody:
		return invalid(field+".body", "is empty; http_method %s needs a body", c.HTTPMethod)
	}
	if c.BodyType != "" {
		if err := oneOf(field+".body_type", c.BodyType, HTTPBodyJSON, HTTPBodyHTMLMultipart, HTTPBodyHTMLURLEncoded, HTTPBodyRaw); err != nil {
			return err
		}
		w.BodyType = Value(string(c.BodyType))
	}
	switch {
	case c.BodyType != "" && c.BodyType.form() && c.Body != "":
		return invalid(field+".body", "is text with body_type %s, which takes fields (BodyFields)", c.BodyType)
	case c.BodyType != "" && !c.BodyType.form() && c.BodyFields != nil:
		return invalid(field+".body", "is fields with body_type %s, which takes a text template (Body)", c.BodyType)
	case c.Body != "":
		w.Body = Value[any](c.Body)
	case c.BodyFields != nil:
		w.Body = Value[any](c.BodyFields)
	}
	return nil
}

type httpOutWrite struct {
	CallbackURL Nullable[string]   `json:"callback_url,omitzero"`
	AllowedIPs  Nullable[[]string] `json:"allowed_ips,omitzero"`
}

func (c *HTTPOutConfiguration) smsWire(field string, _ bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *HTTPOutConfiguration")
	}
	var w httpOutWrite
	var err error
	if w.CallbackURL, err = clearable(field+".callback_url", c.CallbackURL, c.ClearCallbackURL); err != nil {
		return nil, err
	}
	if c.CallbackURL != "" && checkCallbackURL(c.CallbackURL) != nil {
		return nil, invalid(field+".callback_url", "%q is not an absolute http(s) URL", c.CallbackURL)
	}
	if w.AllowedIPs, err = allowedIPs(field+".allowed_ips", c.AllowedIPs); err != nil {
		return nil, err
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkHTTPOut, Attributes: w}, nil
}

type smppESMEWrite struct {
	ServerLocation SMPPServerLocation `json:"server_location,omitempty"`
	SystemType     Nullable[string]   `json:"system_type,omitzero"`
	AllowedIPs     Nullable[[]string] `json:"allowed_ips,omitzero"`
}

func (c *SMPPESMEConfiguration) smsWire(field string, create bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *SMPPESMEConfiguration")
	}
	if err := requireText(field, "smpp_esme", create, [2]string{"server_location", string(c.ServerLocation)}); err != nil {
		return nil, err
	}
	if err := maxLen(field+".system_type", c.SystemType, 12); err != nil {
		return nil, err
	}
	w := smppESMEWrite{ServerLocation: c.ServerLocation}
	var err error
	if w.SystemType, err = clearable(field+".system_type", c.SystemType, c.ClearSystemType); err != nil {
		return nil, err
	}
	if w.AllowedIPs, err = allowedIPs(field+".allowed_ips", c.AllowedIPs); err != nil {
		return nil, err
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkSMPPESME, Attributes: w}, nil
}

type smppSMSCWrite struct {
	ServerLocation    SMPPServerLocation `json:"server_location,omitempty"`
	Host              string             `json:"host,omitempty"`
	TxPort            int                `json:"tx_port,omitempty"`
	RxPort            int                `json:"rx_port,omitempty"`
	TransceiverMode   *bool              `json:"transceiver_mode,omitempty"`
	ConnectionTimeout int                `json:"connection_timeout,omitempty"`
	UseSSL            *bool              `json:"use_ssl,omitempty"`
	SystemID          string             `json:"system_id,omitempty"`
	Password          string             `json:"password,omitempty"`
	SystemType        Nullable[string]   `json:"system_type,omitzero"`
}

func (c *SMPPSMSCConfiguration) smsWire(field string, create bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *SMPPSMSCConfiguration")
	}
	if err := c.check(field, create); err != nil {
		return nil, err
	}
	w := smppSMSCWrite{ServerLocation: c.ServerLocation, Host: c.Host, TxPort: c.TxPort, RxPort: c.RxPort,
		TransceiverMode: c.TransceiverMode, ConnectionTimeout: c.ConnectionTimeout, UseSSL: c.UseSSL,
		SystemID: c.SystemID, Password: c.Password.Reveal()}
	var err error
	if w.SystemType, err = clearable(field+".system_type", c.SystemType, c.ClearSystemType); err != nil {
		return nil, err
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkSMPPSMSC, Attributes: w}, nil
}

// check refuses what the API would: a missing required attribute on
// create, a port out of range, a negative timeout, a value too long.
func (c *SMPPSMSCConfiguration) check(field string, create bool) error {
	if err := requireText(field, "smpp_smsc", create, [2]string{"server_location", string(c.ServerLocation)},
		[2]string{"host", c.Host}, [2]string{"system_id", c.SystemID}, [2]string{"password", c.Password.Reveal()}); err != nil {
		return err
	}
	for _, p := range []struct {
		name string
		v    int
	}{{"tx_port", c.TxPort}, {"rx_port", c.RxPort}} {
		if p.v < 0 || p.v > 65535 {
			return invalid(field+"."+p.name, "is %d; a port is 1 to 65535", p.v)
		}
	}
	if c.ConnectionTimeout < 0 {
		return invalid(field+".connection_timeout", "is %d; a timeout is a positive number of seconds", c.ConnectionTimeout)
	}
	if err := maxLen(field+".system_id", c.SystemID, 15); err != nil {
		return err
	}
	if err := maxLen(field+".password", c.Password.Reveal(), 8); err != nil {
		return err
	}
	return maxLen(field+".system_type", c.SystemType, 12)
}

// smsWire sends the kind and attributes as they are; the attributes must be
// a JSON object.
func (c *RawSMSTrunkConfiguration) smsWire(field string, _ bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *RawSMSTrunkConfiguration")
	}
	if c.Kind == "" {
		return nil, invalid(field+".type", "is empty")
	}
	attrs := bytes.TrimSpace(c.Attributes())
	if len(attrs) == 0 || attrs[0] != '{' || !json.Valid(attrs) {
		return nil, invalid(field+".attributes", "are not a JSON object")
	}
	return &smsConfigurationEnvelope{Type: c.Kind, Attributes: json.RawMessage(attrs)}, nil
}

// smsConfigurationWire returns the request form of cfg, refusing a nil one
// (a nil pointer of a documented type included).
func smsConfigurationWire(field string, cfg SMSTrunkConfiguration, create bool) (*smsConfigurationEnvelope, error) {
	if cfg == nil {
		return nil, invalid(field, "is nil")
	}
	return cfg.smsWire(field, create)
}
