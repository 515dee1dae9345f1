package didwwtest

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
)

// cfgField is one attribute of a trunk configuration: its JSON kind
// (string, int, bool, ints, strings), whether null is allowed, the values
// it may take (enum for strings, ints for integers and integer lists), the
// lowest integer, and its value on a configuration that does not send it.
type cfgField struct {
	kind     string
	nullable bool
	enum     []string
	ints     []int
	min      int
	def      any
}

// Value tables of the reference (API_REFERENCE §16.2).
var (
	codecIDs     = []int{6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19}
	rerouteCodes = []int{56, 57, 58, 59, 60, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
		82, 83, 84, 86, 87, 88, 89, 90, 91, 92, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 1505}
)

// sipFields are the 37 writable attributes of sip_configurations, with
// the defaults of the recorded trunks.
var sipFields = map[string]cfgField{
	"host":                          {kind: "string", nullable: true},
	"port":                          {kind: "int", nullable: true, ints: nil, min: 1},
	"username":                      {kind: "string", nullable: true},
	"transport_protocol_id":         {kind: "int", ints: []int{1, 2, 3}, def: 1},
	"network_protocol_priority":     {kind: "string", enum: []string{"force_ipv4", "force_ipv6", "any", "prefer_ipv4", "prefer_ipv6"}, def: "force_ipv4"},
	"resolve_ruri":                  {kind: "bool", def: false},
	"use_did_in_ruri":               {kind: "bool", def: false},
	"codec_ids":                     {kind: "ints", ints: codecIDs, def: []int{9, 10, 8, 7, 6}},
	"rx_dtmf_format_id":             {kind: "int", nullable: true, ints: []int{1, 2, 3}, def: 1},
	"tx_dtmf_format_id":             {kind: "int", nullable: true, ints: []int{1, 2, 3, 4}, def: 1},
	"auth_enabled":                  {kind: "bool", def: false},
	"auth_user":                     {kind: "string", nullable: true},
	"auth_password":                 {kind: "string", nullable: true},
	"auth_from_user":                {kind: "string", nullable: true},
	"auth_from_domain":              {kind: "string", nullable: true},
	"enabled_sip_registration":      {kind: "bool", def: false},
	"sst_enabled":                   {kind: "bool", def: false},
	"sst_min_timer":                 {kind: "int", nullable: true, def: 600},
	"sst_max_timer":                 {kind: "int", nullable: true, def: 900},
	"sst_session_expires":           {kind: "int", nullable: true},
	"sst_refresh_method_id":         {kind: "int", ints: []int{1, 2, 3}, def: 1},
	"sst_accept_501":                {kind: "bool", def: true},
	"sip_timer_b":                   {kind: "int", nullable: true, def: 8000},
	"dns_srv_failover_timer":        {kind: "int", nullable: true, def: 2000},
	"rtp_ping":                      {kind: "bool", nullable: true, def: false},
	"rtp_timeout":                   {kind: "int", nullable: true, def: 30},
	"force_symmetric_rtp":           {kind: "bool", nullable: true, def: false},
	"symmetric_rtp_ignore_rtcp":     {kind: "bool", nullable: true, def: false},
	"allowed_rtp_ips":               {kind: "strings", nullable: true},
	"media_encryption_mode":         {kind: "string", enum: []string{"disabled", "srtp_sdes", "srtp_dtls", "zrtp"}, def: "disabled"},
	"stir_shaken_mode":              {kind: "string", enum: []string{"disabled", "original", "pai", "original_pai", "verstat"}, def: "disabled"},
	"diversion_relay_policy":        {kind: "string", enum: []string{"none", "as_is", "sip", "tel"}, def: "as_is"},
	"diversion_inject_mode":         {kind: "string", enum: []string{"none", "did_number"}, def: "none"},
	"cnam_lookup":                   {kind: "bool", def: false},
	"max_transfers":                 {kind: "int", def: 0},
	"max_30x_redirects":             {kind: "int", def: 0},
	"rerouting_disconnect_code_ids": {kind: "ints", nullable: true, ints: rerouteCodes},
}

// sipGenerated are the attributes the API makes when SIP registration is
// enabled; a request that sends them is refused.
var sipGenerated = []string{"incoming_auth_username", "incoming_auth_password"}

var pstnFields = map[string]cfgField{"dst": {kind: "string", nullable: true}}

// cfgReader reads the attributes of one configuration of a request.
type cfgReader struct {
	w      *writeDoc
	fields map[string]cfgField
}

func cfgPointer(name string) string { return "/data/attributes/configuration/attributes/" + name }

// read returns the configuration the attributes describe: every field of
// the kind, those not sent at their defaults (a configuration is replaced
// whole).
func (r cfgReader) read(attrs map[string]json.RawMessage) map[string]any {
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		if _, ok := r.fields[name]; !ok {
			r.w.malformed(badRequest("105", "Param not allowed", "configuration."+name+" is not allowed."))
			return nil
		}
	}
	for name, f := range r.fields {
		out[name] = f.def
		if raw, ok := attrs[name]; ok {
			out[name] = r.value(name, f, raw)
		}
	}
	return out
}

// value reads one attribute: a wrong JSON type is 400, a value out of its
// documented set is 422.
func (r cfgReader) value(name string, f cfgField, raw json.RawMessage) any {
	if string(raw) == "null" {
		if !f.nullable {
			r.w.fail(cfgPointer(name), "configuration."+name+" - can't be blank")
		}
		return nil
	}
	wrong := func() any {
		r.w.malformed(badRequest("103", "Invalid field value", "configuration."+name+" has the wrong type."))
		return nil
	}
	switch f.kind {
	case "string":
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return wrong()
		}
		if f.enum != nil && !slices.Contains(f.enum, v) {
			r.w.fail(cfgPointer(name), "configuration."+name+" - is not included in the list")
		}
		return v
	case "bool":
		var v bool
		if json.Unmarshal(raw, &v) != nil {
			return wrong()
		}
		return v
	case "strings":
		var v []string
		if json.Unmarshal(raw, &v) != nil {
			return wrong()
		}
		return v
	case "int":
		var v int
		if json.Unmarshal(raw, &v) != nil {
			return wrong()
		}
		r.checkInts(name, f, []int{v})
		return v
	}
	var v []int
	if json.Unmarshal(raw, &v) != nil {
		return wrong()
	}
	r.checkInts(name, f, v)
	return v
}

func (r cfgReader) checkInts(name string, f cfgField, vs []int) {
	for _, v := range vs {
		bad := v < f.min || (f.ints != nil && !slices.Contains(f.ints, v))
		if name == "port" && v > math.MaxUint16 {
			bad = true
		}
		if bad {
			r.w.fail(cfgPointer(name), "configuration."+name+" - is not included in the list")
			return
		}
	}
}

// readSIP reads a SIP configuration and applies its rules: with SIP
// registration, host and port stay blank and the incoming credentials are
// generated (kept from prev when registration stays on); without it, a host
// is needed and the DID cannot go in the R-URI.
func readSIP(w *writeDoc, attrs map[string]json.RawMessage, prev map[string]any, seed string) map[string]any {
	for _, name := range sipGenerated {
		if _, sent := attrs[name]; sent {
			w.malformed(badRequest("105", "Param not allowed", "configuration."+name+" is not allowed."))
			return nil
		}
	}
	cfg := cfgReader{w: w, fields: sipFields}.read(attrs)
	if cfg == nil {
		return nil
	}
	cfg["incoming_auth_username"], cfg["incoming_auth_password"] = nil, nil
	if cfg["enabled_sip_registration"] == true {
		if cfg["host"] != nil || cfg["port"] != nil {
			w.fail(cfgPointer("host"), "configuration.host - must be blank when SIP registration is enabled")
		}
		user, pass := prev["incoming_auth_username"], prev["incoming_auth_password"]
		if prev["enabled_sip_registration"] != true || user == nil {
			h := sha1.Sum([]byte("didwwtest/sip/" + seed))
			user, pass = "u"+hex.EncodeToString(h[:5]), hex.EncodeToString(h[5:17])
		}
		cfg["incoming_auth_username"], cfg["incoming_auth_password"] = user, pass
		return cfg
	}
	if host, _ := cfg["host"].(string); strings.TrimSpace(host) == "" {
		w.fail(cfgPointer("host"), "configuration.host - can't be blank")
	}
	if cfg["use_did_in_ruri"] == true {
		w.fail(cfgPointer("use_did_in_ruri"), "configuration.use_did_in_ruri - requires SIP registration")
	}
	return cfg
}
