package didww

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

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
	// SendTo is the recipient address; required on create.
	SendTo string
	// Subject and Message are the email's; empty takes DIDWW's defaults.
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

// Body types of an http_in trunk.
const (
	HTTPBodyJSON       HTTPBodyType = "json"
	HTTPBodyMultipart  HTTPBodyType = "multipart"
	HTTPBodyURLEncoded HTTPBodyType = "urlencoded"
)

// HTTPInConfiguration delivers a trunk's inbound SMS as an HTTP request to
// your endpoint. URL, QueryParameters, Headers and Body may use the
// placeholders of the SMS HTTP specification ({SMS_TEXT}, …).
type HTTPInConfiguration struct {
	// URL is the endpoint; required on create.
	URL string
	// HTTPMethod is get, post or put. With get there is no body: BodyType
	// and Body must be empty and are sent as null (a trunk moving to get
	// drops its body).
	HTTPMethod HTTPMethod
	BodyType   HTTPBodyType
	Body       string
	// Headers are sent with every request. Their values may be your
	// endpoint's credentials, so they never print (Secret). A non-nil map
	// replaces the trunk's; nil leaves them as they are.
	Headers map[string]Secret
	// QueryParameters are added to the URL; a non-nil map replaces the
	// trunk's.
	QueryParameters map[string]string
	// VerifyCertificate validates the endpoint's TLS certificate;
	// FollowRedirect follows 3xx answers. nil when the answer leaves them
	// out; in a request nil is left out.
	VerifyCertificate *bool
	FollowRedirect    *bool
}

// HTTPOutConfiguration takes the outbound SMS your application submits to
// DIDWW's Outbound SMS API, authenticated with AuthName and AuthPassword
// (HTTP Basic). SMSTrunk.Host is the submit URL.
type HTTPOutConfiguration struct {
	// CallbackURL receives the status callbacks of the messages sent;
	// empty when none. ClearCallbackURL (requests only) removes it.
	CallbackURL      string
	ClearCallbackURL bool
	// AllowedIPs restricts where submissions may come from; empty is
	// anywhere. A non-nil slice replaces the trunk's list.
	AllowedIPs []string
	// AuthName and AuthPassword are generated by DIDWW and read-only:
	// a request never sends them. SMSTrunks.RegenerateCredentials
	// replaces them. AuthPassword never prints (see Secret).
	AuthName     string
	AuthPassword Secret
}

// SMPPServerLocation is the DIDWW SMPP server a trunk binds with. Unknown
// values are kept.
type SMPPServerLocation string

// SMPP server locations (US, NY and NL, AMS).
const (
	SMPPServerUS SMPPServerLocation = "us"
	SMPPServerEU SMPPServerLocation = "eu"
)

// SMPPESMEConfiguration lets your application bind to DIDWW's SMSC as an
// SMPP ESME, with the SystemID and Password DIDWW generates.
type SMPPESMEConfiguration struct {
	// ServerLocation is the DIDWW server your application binds to.
	ServerLocation SMPPServerLocation
	// AllowedIPs restricts where binds may come from; empty is anywhere.
	// A non-nil slice replaces the trunk's list.
	AllowedIPs []string
	// SystemID and Password are generated by DIDWW and read-only: a
	// request never sends them. SMSTrunks.RegenerateCredentials replaces
	// them. Password never prints (see Secret).
	SystemID string
	Password Secret
}

// SMPPSMSCConfiguration makes DIDWW bind to your SMSC as an ESME, with the
// credentials your SMSC gave you.
type SMPPSMSCConfiguration struct {
	// ServerLocation is the DIDWW server that binds to your SMSC.
	ServerLocation SMPPServerLocation
	// Host and Port are your SMSC's; required on create.
	Host string
	Port int
	// SystemID and Password are what DIDWW binds with; required on
	// create. Password never prints (see Secret).
	SystemID string
	Password Secret
	// SystemType is sent as the bind's system_type; empty when none.
	// ClearSystemType (requests only) removes it.
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
	SendTo            *string           `json:"send_to"`
	Subject           *string           `json:"subject"`
	Message           *string           `json:"message"`
	URL               *string           `json:"url"`
	HTTPMethod        *string           `json:"http_method"`
	BodyType          *string           `json:"body_type"`
	Body              *string           `json:"body"`
	Headers           map[string]string `json:"headers"`
	QueryParameters   map[string]string `json:"query_parameters"`
	VerifyCertificate *bool             `json:"verify_certificate"`
	FollowRedirect    *bool             `json:"follow_redirect"`
	CallbackURL       *string           `json:"callback_url"`
	AllowedIPs        []string          `json:"allowed_ips"`
	AuthName          *string           `json:"auth_name"`
	AuthPassword      *string           `json:"auth_password"`
	ServerLocation    *string           `json:"server_location"`
	Host              *string           `json:"host"`
	Port              *int              `json:"port"`
	SystemID          *string           `json:"system_id"`
	Password          *string           `json:"password"`
	SystemType        *string           `json:"system_type"`
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
		c := &HTTPInConfiguration{URL: deref(a.URL), HTTPMethod: HTTPMethod(deref(a.HTTPMethod)),
			BodyType: HTTPBodyType(deref(a.BodyType)), Body: deref(a.Body), QueryParameters: a.QueryParameters,
			VerifyCertificate: a.VerifyCertificate, FollowRedirect: a.FollowRedirect}
		if a.Headers != nil {
			c.Headers = make(map[string]Secret, len(a.Headers))
			for k, v := range a.Headers {
				c.Headers[k] = NewSecret(v)
			}
		}
		return c
	case SMSTrunkHTTPOut:
		return &HTTPOutConfiguration{CallbackURL: deref(a.CallbackURL), AllowedIPs: a.AllowedIPs,
			AuthName: deref(a.AuthName), AuthPassword: NewSecret(deref(a.AuthPassword))}
	case SMSTrunkSMPPESME:
		return &SMPPESMEConfiguration{ServerLocation: SMPPServerLocation(deref(a.ServerLocation)), AllowedIPs: a.AllowedIPs,
			SystemID: deref(a.SystemID), Password: NewSecret(deref(a.Password))}
	}
	c := &SMPPSMSCConfiguration{ServerLocation: SMPPServerLocation(deref(a.ServerLocation)), Host: deref(a.Host),
		SystemID: deref(a.SystemID), Password: NewSecret(deref(a.Password)), SystemType: deref(a.SystemType)}
	if a.Port != nil {
		c.Port = *a.Port
	}
	return c
}

// smsConfigurationEnvelope is a configuration as a request sends it.
type smsConfigurationEnvelope struct {
	Type       SMSTrunkType `json:"type"`
	Attributes any          `json:"attributes"`
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
	switch {
	case create && strings.TrimSpace(c.SendTo) == "":
		return nil, invalid(field+".send_to", "is empty; an sms_to_email trunk needs the address SMS are sent to")
	case c.SendTo != "" && !strings.Contains(c.SendTo, "@"):
		return nil, invalid(field+".send_to", "%q is not an email address", c.SendTo)
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkSMSToEmail, Attributes: smsToEmailWrite(*c)}, nil
}

type httpInWrite struct {
	URL               string            `json:"url,omitempty"`
	HTTPMethod        HTTPMethod        `json:"http_method,omitempty"`
	BodyType          Nullable[string]  `json:"body_type,omitzero"`
	Body              Nullable[string]  `json:"body,omitzero"`
	Headers           map[string]string `json:"headers,omitzero"`
	QueryParameters   map[string]string `json:"query_parameters,omitzero"`
	VerifyCertificate *bool             `json:"verify_certificate,omitempty"`
	FollowRedirect    *bool             `json:"follow_redirect,omitempty"`
}

func (c *HTTPInConfiguration) smsWire(field string, create bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *HTTPInConfiguration")
	}
	if create && c.URL == "" {
		return nil, invalid(field+".url", "is empty; an http_in trunk needs the endpoint SMS are delivered to")
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
		VerifyCertificate: c.VerifyCertificate, FollowRedirect: c.FollowRedirect}
	if c.Headers != nil {
		w.Headers = make(map[string]string, len(c.Headers))
		for k, v := range c.Headers {
			w.Headers[k] = v.Reveal()
		}
	}
	switch {
	case c.HTTPMethod == HTTPMethodGet && (c.BodyType != "" || c.Body != ""):
		return nil, invalid(field+".body", "is set with http_method get, which sends no body")
	case c.HTTPMethod == HTTPMethodGet:
		w.BodyType, w.Body = Null[string](), Null[string]()
	default:
		if c.BodyType != "" {
			w.BodyType = Value(string(c.BodyType))
		}
		if c.Body != "" {
			w.Body = Value(c.Body)
		}
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkHTTPIn, Attributes: w}, nil
}

type httpOutWrite struct {
	CallbackURL Nullable[string] `json:"callback_url,omitzero"`
	AllowedIPs  []string         `json:"allowed_ips,omitzero"`
}

func (c *HTTPOutConfiguration) smsWire(field string, _ bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *HTTPOutConfiguration")
	}
	w := httpOutWrite{AllowedIPs: c.AllowedIPs}
	switch {
	case c.ClearCallbackURL && c.CallbackURL != "":
		return nil, invalid(field+".callback_url", "is set with ClearCallbackURL; set one of them")
	case c.ClearCallbackURL:
		w.CallbackURL = Null[string]()
	case c.CallbackURL != "":
		if err := checkCallbackURL(c.CallbackURL); err != nil {
			return nil, invalid(field+".callback_url", "%q is not an absolute http(s) URL", c.CallbackURL)
		}
		w.CallbackURL = Value(c.CallbackURL)
	}
	if err := checkIPs(field+".allowed_ips", c.AllowedIPs); err != nil {
		return nil, err
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkHTTPOut, Attributes: w}, nil
}

type smppESMEWrite struct {
	ServerLocation SMPPServerLocation `json:"server_location,omitempty"`
	AllowedIPs     []string           `json:"allowed_ips,omitzero"`
}

func (c *SMPPESMEConfiguration) smsWire(field string, _ bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *SMPPESMEConfiguration")
	}
	if err := checkIPs(field+".allowed_ips", c.AllowedIPs); err != nil {
		return nil, err
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkSMPPESME,
		Attributes: smppESMEWrite{ServerLocation: c.ServerLocation, AllowedIPs: c.AllowedIPs}}, nil
}

type smppSMSCWrite struct {
	ServerLocation SMPPServerLocation `json:"server_location,omitempty"`
	Host           string             `json:"host,omitempty"`
	Port           int                `json:"port,omitempty"`
	SystemID       string             `json:"system_id,omitempty"`
	Password       string             `json:"password,omitempty"`
	SystemType     Nullable[string]   `json:"system_type,omitzero"`
}

func (c *SMPPSMSCConfiguration) smsWire(field string, create bool) (*smsConfigurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *SMPPSMSCConfiguration")
	}
	if create {
		for _, f := range []struct{ name, v string }{{"host", c.Host}, {"system_id", c.SystemID}, {"password", c.Password.Reveal()}} {
			if strings.TrimSpace(f.v) == "" {
				return nil, invalid(field+"."+f.name, "is empty; an smpp_smsc trunk needs your SMSC's host, port, system_id and password")
			}
		}
		if c.Port == 0 {
			return nil, invalid(field+".port", "is 0; an smpp_smsc trunk needs your SMSC's port")
		}
	}
	if c.Port < 0 || c.Port > 65535 {
		return nil, invalid(field+".port", "is %d; a port is 1 to 65535", c.Port)
	}
	w := smppSMSCWrite{ServerLocation: c.ServerLocation, Host: c.Host, Port: c.Port, SystemID: c.SystemID,
		Password: c.Password.Reveal()}
	switch {
	case c.ClearSystemType && c.SystemType != "":
		return nil, invalid(field+".system_type", "is set with ClearSystemType; set one of them")
	case c.ClearSystemType:
		w.SystemType = Null[string]()
	case c.SystemType != "":
		w.SystemType = Value(c.SystemType)
	}
	return &smsConfigurationEnvelope{Type: SMSTrunkSMPPSMSC, Attributes: w}, nil
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
