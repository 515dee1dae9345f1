package didww

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/didww-go/didww/internal/jsonapi"
)

// TrunkConfiguration is where a voice-in trunk sends calls: a
// *SIPConfiguration or a *PSTNConfiguration, or a *RawConfiguration for a
// kind this version does not know (legacy iax2 and h323 trunks, or kinds
// the API adds later). No other type implements it; switch on the type:
//
//	switch cfg := trunk.Configuration.(type) {
//	case *didww.SIPConfiguration:
//		fmt.Println("SIP to", cfg.Host)
//	case *didww.PSTNConfiguration:
//		fmt.Println("forwarded to", cfg.Dst)
//	}
type TrunkConfiguration interface {
	// Type is the configuration's kind, such as ConfigurationSIP.
	Type() ConfigurationType
	// wire checks the configuration and returns its request form.
	wire(field string) (*configurationEnvelope, error)
}

// ConfigurationType is the kind of a trunk configuration, as the API
// names it; it is also the value of VoiceInTrunkListOptions.ConfigurationType.
type ConfigurationType string

// Configuration kinds the API documents.
const (
	ConfigurationSIP  ConfigurationType = "sip_configurations"
	ConfigurationPSTN ConfigurationType = "pstn_configurations"
)

// TransportProtocol is how SIP travels to the trunk's host
// (transport_protocol_id). Unknown ids are kept.
type TransportProtocol int

// Transport protocols the API documents.
const (
	TransportUDP TransportProtocol = 1
	TransportTCP TransportProtocol = 2
	TransportTLS TransportProtocol = 3
)

func (p TransportProtocol) String() string {
	return enumName("TransportProtocol", int(p), map[int]string{1: "UDP", 2: "TCP", 3: "TLS"})
}

// NetworkProtocolPriority chooses between IPv4 and IPv6 for the host.
type NetworkProtocolPriority string

// Network protocol priorities the API documents.
const (
	NetworkForceIPv4  NetworkProtocolPriority = "force_ipv4"
	NetworkForceIPv6  NetworkProtocolPriority = "force_ipv6"
	NetworkAny        NetworkProtocolPriority = "any"
	NetworkPreferIPv4 NetworkProtocolPriority = "prefer_ipv4"
	NetworkPreferIPv6 NetworkProtocolPriority = "prefer_ipv6"
)

// Codec is an audio codec of a SIP trunk, by the API's id (codec_ids).
// Unknown ids are kept.
type Codec int

// Codecs by the ids DIDWW's SDK documents.
const (
	CodecTelephoneEvent Codec = 6
	CodecG723           Codec = 7
	CodecG729           Codec = 8
	CodecPCMU           Codec = 9
	CodecPCMA           Codec = 10
	CodecSpeex          Codec = 12
	CodecGSM            Codec = 13
	CodecG726_32        Codec = 14
	CodecG721           Codec = 15
	CodecG726_24        Codec = 16
	CodecG726_40        Codec = 17
	CodecG726_16        Codec = 18
	CodecL16            Codec = 19
)

var codecNames = map[int]string{6: "telephone-event", 7: "G723", 8: "G729", 9: "PCMU", 10: "PCMA", 12: "Speex",
	13: "GSM", 14: "G726-32", 15: "G721", 16: "G726-24", 17: "G726-40", 18: "G726-16", 19: "L16"}

func (c Codec) String() string { return enumName("Codec", int(c), codecNames) }

// RxDTMFFormat is how DTMF digits are received from the trunk (rx_dtmf_format_id).
type RxDTMFFormat int

// Receive DTMF formats.
const (
	RxDTMFRFC2833          RxDTMFFormat = 1
	RxDTMFSIPInfo          RxDTMFFormat = 2
	RxDTMFRFC2833OrSIPInfo RxDTMFFormat = 3
)

func (f RxDTMFFormat) String() string {
	return enumName("RxDTMFFormat", int(f), map[int]string{1: "RFC 2833", 2: "SIP INFO", 3: "RFC 2833 or SIP INFO"})
}

// TxDTMFFormat is how DTMF digits are sent to the trunk (tx_dtmf_format_id).
type TxDTMFFormat int

// Send DTMF formats.
const (
	TxDTMFDisabled     TxDTMFFormat = 1
	TxDTMFRFC2833      TxDTMFFormat = 2
	TxDTMFSIPInfoRelay TxDTMFFormat = 3
	TxDTMFSIPInfoDTMF  TxDTMFFormat = 4
)

func (f TxDTMFFormat) String() string {
	return enumName("TxDTMFFormat", int(f), map[int]string{1: "disabled", 2: "RFC 2833", 3: "SIP INFO relay", 4: "SIP INFO DTMF"})
}

// SSTRefreshMethod is how SIP session timers are refreshed (sst_refresh_method_id).
type SSTRefreshMethod int

// Session timer refresh methods.
const (
	SSTRefreshInvite               SSTRefreshMethod = 1
	SSTRefreshUpdate               SSTRefreshMethod = 2
	SSTRefreshUpdateFallbackInvite SSTRefreshMethod = 3
)

func (m SSTRefreshMethod) String() string {
	return enumName("SSTRefreshMethod", int(m), map[int]string{1: "INVITE", 2: "UPDATE", 3: "UPDATE, falling back to INVITE"})
}

// MediaEncryptionMode is how a SIP trunk's media is encrypted.
type MediaEncryptionMode string

// Media encryption modes the API documents.
const (
	MediaEncryptionDisabled MediaEncryptionMode = "disabled"
	MediaEncryptionSRTPSDES MediaEncryptionMode = "srtp_sdes"
	MediaEncryptionSRTPDTLS MediaEncryptionMode = "srtp_dtls"
	MediaEncryptionZRTP     MediaEncryptionMode = "zrtp"
)

// STIRShakenMode is how STIR/SHAKEN attestation reaches the trunk.
type STIRShakenMode string

// STIR/SHAKEN modes the API documents.
const (
	STIRShakenDisabled    STIRShakenMode = "disabled"
	STIRShakenOriginal    STIRShakenMode = "original"
	STIRShakenPAI         STIRShakenMode = "pai"
	STIRShakenOriginalPAI STIRShakenMode = "original_pai"
	STIRShakenVerstat     STIRShakenMode = "verstat"
)

// DiversionRelayPolicy is which Diversion headers are relayed to the trunk.
type DiversionRelayPolicy string

// Diversion relay policies the API documents.
const (
	DiversionRelayNone DiversionRelayPolicy = "none"
	DiversionRelayAsIs DiversionRelayPolicy = "as_is"
	DiversionRelaySIP  DiversionRelayPolicy = "sip"
	DiversionRelayTel  DiversionRelayPolicy = "tel"
)

// DiversionInjectMode is whether a Diversion header with the DID is added.
type DiversionInjectMode string

// Diversion inject modes the API documents.
const (
	DiversionInjectNone      DiversionInjectMode = "none"
	DiversionInjectDIDNumber DiversionInjectMode = "did_number"
)

// DisconnectCode is a rerouting disconnect code id: a call answered with
// its SIP status moves on to the next trunk of the group. Ids 56 to 108 are
// SIP statuses 400 to 606 (SIPStatus, DisconnectCodeForSIPStatus);
// DisconnectRingingTimeout is the ringing timeout. Unknown ids are kept.
type DisconnectCode int

// DisconnectRingingTimeout reroutes a call that rang out (ringing_timeout).
const DisconnectRingingTimeout DisconnectCode = 1505

// disconnectSIP maps the documented rerouting ids to their SIP statuses.
var disconnectSIP = map[DisconnectCode]int{
	56: 400, 57: 401, 58: 402, 59: 403, 60: 404, 64: 408, 65: 409, 66: 410, 67: 412, 68: 413, 69: 414, 70: 415,
	71: 416, 72: 417, 73: 420, 74: 421, 75: 422, 76: 423, 77: 424, 78: 428, 79: 429, 80: 433, 81: 436, 82: 437,
	83: 438, 84: 480, 86: 482, 87: 483, 88: 484, 89: 485, 90: 486, 91: 487, 92: 488, 96: 494, 97: 500, 98: 501,
	99: 502, 100: 503, 101: 504, 102: 505, 103: 513, 104: 580, 105: 600, 106: 603, 107: 604, 108: 606,
}

// SIPStatus returns the SIP status code c stands for, and false for the
// ringing timeout and unknown ids.
func (c DisconnectCode) SIPStatus() (int, bool) {
	s, ok := disconnectSIP[c]
	return s, ok
}

// DisconnectCodeForSIPStatus returns the rerouting id of a SIP status, and
// false when the API has none for it.
func DisconnectCodeForSIPStatus(status int) (DisconnectCode, bool) {
	for c, s := range disconnectSIP {
		if s == status {
			return c, true
		}
	}
	return 0, false
}

func (c DisconnectCode) String() string {
	if c == DisconnectRingingTimeout {
		return "ringing timeout"
	}
	if s, ok := disconnectSIP[c]; ok {
		return "SIP " + strconv.Itoa(s)
	}
	return "DisconnectCode(" + strconv.Itoa(int(c)) + ")"
}

// enumName names an integer enum value, or writes Type(n) for an unknown one.
func enumName(typ string, n int, names map[int]string) string {
	if s, ok := names[n]; ok {
		return s
	}
	return typ + "(" + strconv.Itoa(n) + ")"
}

// SIPConfiguration sends a trunk's calls to a SIP host, or to a SIP client
// that registers with DIDWW (EnabledSIPRegistration).
//
// As a request (VoiceInTrunkCreateRequest.Configuration, or an update) the
// configuration is sent whole, and the API replaces the trunk's with it:
// fields left at their zero value (empty strings and enums, nil pointers and
// slices, zero ids) are left out and take the API's defaults; booleans and
// MaxTransfers, Max30xRedirects are sent as they are, false and 0 included
// (SSTAccept501 defaults to true on the API: set it to keep it). A
// configuration read from a trunk can be changed and sent back as it is;
// the two incoming credentials are never sent (the API makes them).
type SIPConfiguration struct {
	// Host is where calls are sent; empty with SIP registration.
	Host string
	// Port is the host's port; nil for the default, and with SIP registration.
	Port *int
	// Username is the user part of the request URI, such as "{CALL_DID}".
	Username string
	// TransportProtocol is UDP, TCP or TLS.
	TransportProtocol       TransportProtocol
	NetworkProtocolPriority NetworkProtocolPriority
	// ResolveRURI resolves the request URI's host before sending.
	ResolveRURI bool
	// UseDIDInRURI puts the DID in the request URI's user part; it needs
	// SIP registration.
	UseDIDInRURI bool
	// Codecs are the codecs offered, in order of preference.
	Codecs       []Codec
	RxDTMFFormat *RxDTMFFormat
	TxDTMFFormat *TxDTMFFormat
	// AuthEnabled authenticates towards the host with AuthUser and AuthPassword.
	AuthEnabled    bool
	AuthUser       string
	AuthPassword   Secret
	AuthFromUser   string
	AuthFromDomain string
	// EnabledSIPRegistration makes the customer's SIP client register with
	// DIDWW, with the incoming credentials the API generates.
	EnabledSIPRegistration bool
	// IncomingAuthUsername and IncomingAuthPassword are the credentials
	// the SIP client registers with; read-only (generated by the API).
	IncomingAuthUsername string
	IncomingAuthPassword Secret
	// SST: SIP session timers.
	SSTEnabled        bool
	SSTMinTimer       *int
	SSTMaxTimer       *int
	SSTSessionExpires *int
	SSTRefreshMethod  SSTRefreshMethod
	SSTAccept501      bool
	// SIPTimerB and DNSSRVFailoverTimer are in milliseconds.
	SIPTimerB           *int
	DNSSRVFailoverTimer *int
	RTPPing             *bool
	// RTPTimeout is the seconds of RTP silence before hanging up.
	RTPTimeout             *int
	ForceSymmetricRTP      *bool
	SymmetricRTPIgnoreRTCP *bool
	// AllowedRTPIPs restricts where media may come from; nil is unrestricted.
	AllowedRTPIPs        []string
	MediaEncryptionMode  MediaEncryptionMode
	STIRShakenMode       STIRShakenMode
	DiversionRelayPolicy DiversionRelayPolicy
	DiversionInjectMode  DiversionInjectMode
	CNAMLookup           bool
	// MaxTransfers is how many REFER transfers are allowed.
	MaxTransfers    int
	Max30xRedirects int
	// ReroutingDisconnectCodes are the answers that move a call on to the
	// next trunk of its group.
	ReroutingDisconnectCodes []DisconnectCode
}

// Type returns ConfigurationSIP.
func (*SIPConfiguration) Type() ConfigurationType { return ConfigurationSIP }

// PSTNConfiguration forwards a trunk's calls to a phone number.
type PSTNConfiguration struct {
	// Dst is the number, in E.164 without "+", such as "442012345678".
	Dst string
}

// Type returns ConfigurationPSTN.
func (*PSTNConfiguration) Type() ConfigurationType { return ConfigurationPSTN }

// RawConfiguration is a configuration of a kind this version does not
// know: a legacy one (iax2, h323) or one the API adds later. Its attributes
// are kept as received but never print (they may hold credentials); read
// them with Attributes. As a request it is sent as it is.
type RawConfiguration struct {
	// Kind is the configuration's type, such as "iax2_configurations".
	Kind  ConfigurationType
	attrs Secret // the raw attributes object, masked like a Secret
}

// NewRawConfiguration returns a configuration of kind with the given
// attributes (a JSON object), for sending a kind this version does not type.
func NewRawConfiguration(kind ConfigurationType, attributes json.RawMessage) *RawConfiguration {
	return &RawConfiguration{Kind: kind, attrs: NewSecret(string(attributes))}
}

// Type returns the configuration's kind.
func (c *RawConfiguration) Type() ConfigurationType { return c.Kind }

// Attributes returns a copy of the raw attributes object.
func (c *RawConfiguration) Attributes() json.RawMessage { return json.RawMessage(c.attrs.Reveal()) }

// String names the kind and hides the attributes.
func (c *RawConfiguration) String() string {
	return "didww.RawConfiguration{Kind: " + string(c.Kind) + ", attributes " + redacted + "}"
}

// GoString is String.
func (c *RawConfiguration) GoString() string { return c.String() }

// Format prints String whatever the verb.
func (c *RawConfiguration) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// trunkConfigurationAttributes reads the attributes of every documented
// configuration kind (SIP's and PSTN's dst).
type trunkConfigurationAttributes struct {
	Host                       string                  `json:"host"`
	Port                       *int                    `json:"port"`
	Username                   string                  `json:"username"`
	TransportProtocolID        TransportProtocol       `json:"transport_protocol_id"`
	NetworkProtocolPriority    NetworkProtocolPriority `json:"network_protocol_priority"`
	ResolveRURI                bool                    `json:"resolve_ruri"`
	UseDIDInRURI               bool                    `json:"use_did_in_ruri"`
	CodecIDs                   []Codec                 `json:"codec_ids"`
	RxDTMFFormatID             *RxDTMFFormat           `json:"rx_dtmf_format_id"`
	TxDTMFFormatID             *TxDTMFFormat           `json:"tx_dtmf_format_id"`
	AuthEnabled                bool                    `json:"auth_enabled"`
	AuthUser                   string                  `json:"auth_user"`
	AuthPassword               string                  `json:"auth_password"`
	AuthFromUser               string                  `json:"auth_from_user"`
	AuthFromDomain             string                  `json:"auth_from_domain"`
	EnabledSIPRegistration     bool                    `json:"enabled_sip_registration"`
	IncomingAuthUsername       string                  `json:"incoming_auth_username"`
	IncomingAuthPassword       string                  `json:"incoming_auth_password"`
	SSTEnabled                 bool                    `json:"sst_enabled"`
	SSTMinTimer                *int                    `json:"sst_min_timer"`
	SSTMaxTimer                *int                    `json:"sst_max_timer"`
	SSTSessionExpires          *int                    `json:"sst_session_expires"`
	SSTRefreshMethodID         SSTRefreshMethod        `json:"sst_refresh_method_id"`
	SSTAccept501               bool                    `json:"sst_accept_501"`
	SIPTimerB                  *int                    `json:"sip_timer_b"`
	DNSSRVFailoverTimer        *int                    `json:"dns_srv_failover_timer"`
	RTPPing                    *bool                   `json:"rtp_ping"`
	RTPTimeout                 *int                    `json:"rtp_timeout"`
	ForceSymmetricRTP          *bool                   `json:"force_symmetric_rtp"`
	SymmetricRTPIgnoreRTCP     *bool                   `json:"symmetric_rtp_ignore_rtcp"`
	AllowedRTPIPs              []string                `json:"allowed_rtp_ips"`
	MediaEncryptionMode        MediaEncryptionMode     `json:"media_encryption_mode"`
	STIRShakenMode             STIRShakenMode          `json:"stir_shaken_mode"`
	DiversionRelayPolicy       DiversionRelayPolicy    `json:"diversion_relay_policy"`
	DiversionInjectMode        DiversionInjectMode     `json:"diversion_inject_mode"`
	CNAMLookup                 bool                    `json:"cnam_lookup"`
	MaxTransfers               int                     `json:"max_transfers"`
	Max30xRedirects            int                     `json:"max_30x_redirects"`
	ReroutingDisconnectCodeIDs []DisconnectCode        `json:"rerouting_disconnect_code_ids"`
	Dst                        string                  `json:"dst"`
}

func (a *trunkConfigurationAttributes) sip() *SIPConfiguration {
	return &SIPConfiguration{
		Host: a.Host, Port: a.Port, Username: a.Username, TransportProtocol: a.TransportProtocolID,
		NetworkProtocolPriority: a.NetworkProtocolPriority, ResolveRURI: a.ResolveRURI, UseDIDInRURI: a.UseDIDInRURI,
		Codecs: a.CodecIDs, RxDTMFFormat: a.RxDTMFFormatID, TxDTMFFormat: a.TxDTMFFormatID,
		AuthEnabled: a.AuthEnabled, AuthUser: a.AuthUser, AuthPassword: NewSecret(a.AuthPassword),
		AuthFromUser: a.AuthFromUser, AuthFromDomain: a.AuthFromDomain, EnabledSIPRegistration: a.EnabledSIPRegistration,
		IncomingAuthUsername: a.IncomingAuthUsername, IncomingAuthPassword: NewSecret(a.IncomingAuthPassword),
		SSTEnabled: a.SSTEnabled, SSTMinTimer: a.SSTMinTimer, SSTMaxTimer: a.SSTMaxTimer,
		SSTSessionExpires: a.SSTSessionExpires, SSTRefreshMethod: a.SSTRefreshMethodID, SSTAccept501: a.SSTAccept501,
		SIPTimerB: a.SIPTimerB, DNSSRVFailoverTimer: a.DNSSRVFailoverTimer, RTPPing: a.RTPPing, RTPTimeout: a.RTPTimeout,
		ForceSymmetricRTP: a.ForceSymmetricRTP, SymmetricRTPIgnoreRTCP: a.SymmetricRTPIgnoreRTCP,
		AllowedRTPIPs: a.AllowedRTPIPs, MediaEncryptionMode: a.MediaEncryptionMode, STIRShakenMode: a.STIRShakenMode,
		DiversionRelayPolicy: a.DiversionRelayPolicy, DiversionInjectMode: a.DiversionInjectMode,
		CNAMLookup: a.CNAMLookup, MaxTransfers: a.MaxTransfers, Max30xRedirects: a.Max30xRedirects,
		ReroutingDisconnectCodes: a.ReroutingDisconnectCodeIDs,
	}
}

// The decoder reads VoiceInTrunk.Configuration with readTrunkConfiguration.
var _ = jsonapi.RegisterInterface(readTrunkConfiguration)

// readTrunkConfiguration reads one {type, attributes} envelope. A kind this
// version does not know is kept raw, whatever its attributes; an envelope
// without a type, or a known kind whose attributes are not an object of the
// documented shapes, is an error.
func readTrunkConfiguration(raw []byte) (TrunkConfiguration, error) {
	var env struct {
		Type       *string         `json:"type"`
		Attributes json.RawMessage `json:"attributes"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("trunk configuration: %w", err)
	}
	if env.Type == nil || *env.Type == "" {
		return nil, errors.New("trunk configuration: no type")
	}
	kind := ConfigurationType(*env.Type)
	attrs := bytes.TrimSpace(env.Attributes)
	if kind != ConfigurationSIP && kind != ConfigurationPSTN {
		return &RawConfiguration{Kind: kind, attrs: NewSecret(string(attrs))}, nil
	}
	if len(attrs) == 0 || attrs[0] != '{' {
		return nil, fmt.Errorf("trunk configuration %q: attributes are not an object", kind)
	}
	var a trunkConfigurationAttributes
	if err := json.Unmarshal(attrs, &a); err != nil {
		return nil, fmt.Errorf("trunk configuration %q: %w", kind, err)
	}
	if kind == ConfigurationPSTN {
		return &PSTNConfiguration{Dst: a.Dst}, nil
	}
	return a.sip(), nil
}

// configurationEnvelope is a configuration as a request sends it.
type configurationEnvelope struct {
	Type       ConfigurationType `json:"type"`
	Attributes any               `json:"attributes"`
}

// sipConfigurationWrite is a SIP configuration as a request sends it (see
// SIPConfiguration for what is left out).
type sipConfigurationWrite struct {
	Host                       Nullable[string]        `json:"host,omitzero"`
	Port                       Nullable[int]           `json:"port,omitzero"`
	Username                   string                  `json:"username,omitempty"`
	TransportProtocolID        TransportProtocol       `json:"transport_protocol_id,omitempty"`
	NetworkProtocolPriority    NetworkProtocolPriority `json:"network_protocol_priority,omitempty"`
	ResolveRURI                bool                    `json:"resolve_ruri"`
	UseDIDInRURI               bool                    `json:"use_did_in_ruri"`
	CodecIDs                   []Codec                 `json:"codec_ids,omitempty"`
	RxDTMFFormatID             *RxDTMFFormat           `json:"rx_dtmf_format_id,omitempty"`
	TxDTMFFormatID             *TxDTMFFormat           `json:"tx_dtmf_format_id,omitempty"`
	AuthEnabled                bool                    `json:"auth_enabled"`
	AuthUser                   string                  `json:"auth_user,omitempty"`
	AuthPassword               string                  `json:"auth_password,omitempty"`
	AuthFromUser               string                  `json:"auth_from_user,omitempty"`
	AuthFromDomain             string                  `json:"auth_from_domain,omitempty"`
	EnabledSIPRegistration     bool                    `json:"enabled_sip_registration"`
	SSTEnabled                 bool                    `json:"sst_enabled"`
	SSTMinTimer                *int                    `json:"sst_min_timer,omitempty"`
	SSTMaxTimer                *int                    `json:"sst_max_timer,omitempty"`
	SSTSessionExpires          *int                    `json:"sst_session_expires,omitempty"`
	SSTRefreshMethodID         SSTRefreshMethod        `json:"sst_refresh_method_id,omitempty"`
	SSTAccept501               bool                    `json:"sst_accept_501"`
	SIPTimerB                  *int                    `json:"sip_timer_b,omitempty"`
	DNSSRVFailoverTimer        *int                    `json:"dns_srv_failover_timer,omitempty"`
	RTPPing                    *bool                   `json:"rtp_ping,omitempty"`
	RTPTimeout                 *int                    `json:"rtp_timeout,omitempty"`
	ForceSymmetricRTP          *bool                   `json:"force_symmetric_rtp,omitempty"`
	SymmetricRTPIgnoreRTCP     *bool                   `json:"symmetric_rtp_ignore_rtcp,omitempty"`
	AllowedRTPIPs              []string                `json:"allowed_rtp_ips,omitzero"`
	MediaEncryptionMode        MediaEncryptionMode     `json:"media_encryption_mode,omitempty"`
	STIRShakenMode             STIRShakenMode          `json:"stir_shaken_mode,omitempty"`
	DiversionRelayPolicy       DiversionRelayPolicy    `json:"diversion_relay_policy,omitempty"`
	DiversionInjectMode        DiversionInjectMode     `json:"diversion_inject_mode,omitempty"`
	CNAMLookup                 bool                    `json:"cnam_lookup"`
	MaxTransfers               int                     `json:"max_transfers"`
	Max30xRedirects            int                     `json:"max_30x_redirects"`
	ReroutingDisconnectCodeIDs []DisconnectCode        `json:"rerouting_disconnect_code_ids,omitzero"`
}

// wire checks the configuration as the reference's rules go: with SIP
// registration the host and port stay blank (they are sent as null);
// without it a host is needed and the DID cannot go in the request URI.
func (c *SIPConfiguration) wire(field string) (*configurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *SIPConfiguration")
	}
	w := sipConfigurationWrite{
		Username: c.Username, TransportProtocolID: c.TransportProtocol,
		NetworkProtocolPriority: c.NetworkProtocolPriority, ResolveRURI: c.ResolveRURI, UseDIDInRURI: c.UseDIDInRURI,
		CodecIDs: c.Codecs, RxDTMFFormatID: c.RxDTMFFormat, TxDTMFFormatID: c.TxDTMFFormat,
		AuthEnabled: c.AuthEnabled, AuthUser: c.AuthUser, AuthPassword: c.AuthPassword.Reveal(),
		AuthFromUser: c.AuthFromUser, AuthFromDomain: c.AuthFromDomain, EnabledSIPRegistration: c.EnabledSIPRegistration,
		SSTEnabled: c.SSTEnabled, SSTMinTimer: c.SSTMinTimer, SSTMaxTimer: c.SSTMaxTimer,
		SSTSessionExpires: c.SSTSessionExpires, SSTRefreshMethodID: c.SSTRefreshMethod, SSTAccept501: c.SSTAccept501,
		SIPTimerB: c.SIPTimerB, DNSSRVFailoverTimer: c.DNSSRVFailoverTimer, RTPPing: c.RTPPing, RTPTimeout: c.RTPTimeout,
		ForceSymmetricRTP: c.ForceSymmetricRTP, SymmetricRTPIgnoreRTCP: c.SymmetricRTPIgnoreRTCP,
		AllowedRTPIPs: c.AllowedRTPIPs, MediaEncryptionMode: c.MediaEncryptionMode, STIRShakenMode: c.STIRShakenMode,
		DiversionRelayPolicy: c.DiversionRelayPolicy, DiversionInjectMode: c.DiversionInjectMode,
		CNAMLookup: c.CNAMLookup, MaxTransfers: c.MaxTransfers, Max30xRedirects: c.Max30xRedirects,
		ReroutingDisconnectCodeIDs: c.ReroutingDisconnectCodes,
	}
	if err := c.checkHost(field); err != nil {
		return nil, err
	}
	if c.EnabledSIPRegistration {
		w.Host, w.Port = Null[string](), Null[int]()
	} else {
		w.Host = Value(c.Host)
		if c.Port != nil {
			w.Port = Value(*c.Port)
		}
	}
	return &configurationEnvelope{Type: ConfigurationSIP, Attributes: w}, nil
}

func (c *SIPConfiguration) checkHost(field string) error {
	if c.Port != nil && (*c.Port < 1 || *c.Port > 65535) {
		return invalid(field+".port", "is %d; a port is 1 to 65535", *c.Port)
	}
	if c.EnabledSIPRegistration {
		if c.Host != "" || c.Port != nil {
			return invalid(field+".host", "is set with EnabledSIPRegistration; with SIP registration host and port stay empty")
		}
		return nil
	}
	if c.Host == "" {
		return invalid(field+".host", "is empty; a SIP trunk without EnabledSIPRegistration needs the host calls go to")
	}
	if c.UseDIDInRURI {
		return invalid(field+".use_did_in_ruri", "needs EnabledSIPRegistration")
	}
	return nil
}

type pstnConfigurationWrite struct {
	Dst Nullable[string] `json:"dst"`
}

// wire checks that dst is digits only (E.164 without "+").
func (c *PSTNConfiguration) wire(field string) (*configurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *PSTNConfiguration")
	}
	w := pstnConfigurationWrite{Dst: Null[string]()}
	if c.Dst != "" {
		for _, r := range c.Dst {
			if r < '0' || r > '9' {
				return nil, invalid(field+".dst", "%q is not a number in E.164 without \"+\", such as \"442012345678\"", c.Dst)
			}
		}
		w.Dst = Value(c.Dst)
	}
	return &configurationEnvelope{Type: ConfigurationPSTN, Attributes: w}, nil
}

// wire sends the kind and attributes as they are; the attributes must be
// a JSON object.
func (c *RawConfiguration) wire(field string) (*configurationEnvelope, error) {
	if c == nil {
		return nil, invalid(field, "is a nil *RawConfiguration")
	}
	if c.Kind == "" {
		return nil, invalid(field+".type", "is empty")
	}
	attrs := bytes.TrimSpace(c.Attributes())
	if len(attrs) == 0 || attrs[0] != '{' || !json.Valid(attrs) {
		return nil, invalid(field+".attributes", "are not a JSON object")
	}
	return &configurationEnvelope{Type: c.Kind, Attributes: json.RawMessage(attrs)}, nil
}

// configurationWire returns the request form of cfg, refusing a nil one.
func configurationWire(field string, cfg TrunkConfiguration) (*configurationEnvelope, error) {
	if cfg == nil {
		return nil, invalid(field, "is nil")
	}
	return cfg.wire(field)
}
