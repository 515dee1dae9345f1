package didwwtest

import (
	"encoding/json"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// more is what an account holds of outbound calling, exports and
// emergency services, and whether it has the outbound service.
type more struct {
	// noOutbound: GET /voice_out_trunks answers 403 before 2026-11-19
	// (OutboundService).
	noOutbound bool
	// noOutboundAPI: every voice-out trunk endpoint answers 403 from
	// 2026-11-19 on (OutboundAPI).
	noOutboundAPI bool
	// noEmergency: POST /emergency_verifications answers 403 (EmergencyCalling).
	noEmergency bool
	outTrunks   []*outTrunk
	exports     []*export
	ecs         []*emergencyService
	evs         []*emergencyVerification
}

// OutboundService turns the account's outbound calling on (the default) or
// off. The API documents outbound trunks as needing the service enabled on
// the account by DIDWW; every account here starts configured, as with
// NumberSelection. Without it GET /voice_out_trunks answers 403, the only
// refusal the API documents: its documentation lets trunks be created,
// updated and their credentials regenerated without the service.
func OutboundService(enabled bool) AccountOption {
	return func(a *account) { a.more.noOutbound = !enabled }
}

// OutboundAPI turns the account's Outbound API on (the default) or off.
// From API 2026-11-19 on it alone decides: without it every voice-out trunk
// endpoint answers 403, with it every endpoint works even when the outbound
// service (OutboundService) is off (API_REFERENCE §23.3.5). DIDWW turns
// both off on a new account; here, as with NumberSelection, an account
// starts configured.
func OutboundAPI(enabled bool) AccountOption {
	return func(a *account) { a.more.noOutboundAPI = !enabled }
}

// outboundGate refuses every voice-out trunk endpoint of an account without
// the Outbound API, from 2026-11-19 on.
func outboundGate(c *call) *apiError {
	if c.version >= version20261119 && c.acct.more.noOutboundAPI {
		return newError(http.StatusForbidden, "403", "Forbidden", "The Outbound API is not enabled for the account.")
	}
	return nil
}

// outTrunk is a voice-out trunk: how the account's PBX sends calls out.
type outTrunk struct {
	id, name, status, onMismatch, dstAction, media, threshold string
	extRef, callbackURL                                       *string
	capacityLimit                                             *int
	allowAnyDID, symmetric, rtpPing, emergencyAll             bool
	rtpTimeout                                                int
	dstPrefixes, allowedRTP                                   []string // allowedRTP nil = null
	createdAt                                                 time.Time
	authType                                                  string
	auth                                                      map[string]any
	dids, emergencyDIDs                                       []string
	defaultDID                                                string
}

func (m *more) outTrunk(id string) *outTrunk {
	return findIn(m.outTrunks, func(t *outTrunk) string { return t.id }, id)
}

var (
	authTypes       = []string{"credentials_and_ip", "ip_only", "twilio"}
	cliActions      = []string{"reject_call", "replace_cli", "send_original_cli", "randomize_cli"}
	dstActions      = []string{"allow_all", "reject_all"}
	mediaModes      = []string{"disabled", "srtp_sdes", "srtp_dtls", "zrtp"}
	outTrunkStatus  = []string{"active", "blocked"}
	outTrunkInclude = []string{"dids", "emergency_dids"}
)

func outTrunkObj(t *outTrunk) *obj {
	list := func(v []string) any {
		if v == nil {
			return nil
		}
		return v
	}
	prefixes := t.dstPrefixes
	if prefixes == nil {
		prefixes = []string{}
	}
	return &obj{typ: "voice_out_trunks", id: t.id,
		attrs: map[string]any{
			"name": t.name, "status": t.status, "external_reference_id": optPtr(t.extRef),
			"capacity_limit": optPtr(t.capacityLimit), "allow_any_did_as_cli": t.allowAnyDID,
			"on_cli_mismatch_action": t.onMismatch, "default_dst_action": t.dstAction, "dst_prefixes": prefixes,
			"media_encryption_mode": t.media, "allowed_rtp_ips": list(t.allowedRTP), "force_symmetric_rtp": t.symmetric,
			"rtp_ping": t.rtpPing, "rtp_timeout": t.rtpTimeout, "threshold_amount": t.threshold,
			"callback_url": optPtr(t.callbackURL), "emergency_enable_all": t.emergencyAll,
			"created_at": timestamp(t.createdAt), "threshold_reached": false,
			"authentication_method": map[string]any{"type": t.authType, "attributes": t.auth},
		},
		meta: map[string]any{"spent_amount": "0.0"},
		rels: []rel{toMany("dids", "dids", t.dids), toMany("emergency_dids", "dids", t.emergencyDIDs)}}
}

func outTrunkFilters() map[string]filterFn[*outTrunk] {
	return map[string]filterFn[*outTrunk]{
		"id":                         fEq(func(t *outTrunk) string { return t.id }),
		"name":                       fName(func(t *outTrunk) string { return t.name }),
		"name_contains":              fContains(func(t *outTrunk) string { return t.name }),
		"status":                     fOneOf("status", outTrunkStatus, func(t *outTrunk) string { return t.status }),
		"external_reference_id":      fEq(func(t *outTrunk) string { return deref(t.extRef) }),
		"allow_any_did_as_cli":       fBool("allow_any_did_as_cli", func(t *outTrunk) bool { return t.allowAnyDID }),
		"authentication_method.type": fOneOf("authentication_method.type", authTypes, func(t *outTrunk) string { return t.authType }),
		"default_did.id":             fEq(func(t *outTrunk) string { return t.defaultDID }),
		"default_dst_action":         fOneOf("default_dst_action", dstActions, func(t *outTrunk) string { return t.dstAction }),
		"media_encryption_mode":      fOneOf("media_encryption_mode", mediaModes, func(t *outTrunk) string { return t.media }),
		"on_cli_mismatch_action":     fOneOf("on_cli_mismatch_action", cliActions, func(t *outTrunk) string { return t.onMismatch }),
		"threshold_reached":          fBool("threshold_reached", func(*outTrunk) bool { return false }),
	}
}

var outTrunkSorts = map[string]func(a, b *outTrunk) int{
	"allow_any_did_as_cli":  func(a, b *outTrunk) int { return cmpBool(a.allowAnyDID, b.allowAnyDID) },
	"created_at":            func(a, b *outTrunk) int { return a.createdAt.Compare(b.createdAt) },
	"external_reference_id": func(a, b *outTrunk) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
	"name":                  func(a, b *outTrunk) int { return cmpStr(a.name, b.name) },
	"threshold_reached":     func(*outTrunk, *outTrunk) int { return 0 },
}

// outTrunkResource registers voice_out_trunks: list (403 without the
// outbound service before 2026-11-19), show, create, update, delete (403
// without the Outbound API from 2026-11-19 on).
func (s *Server) outTrunkResource() *resource {
	res := &resource{typ: "voice_out_trunks", includes: outTrunkInclude, sample: outTrunkObj(&outTrunk{}),
		create: s.createOutTrunk, update: s.updateOutTrunk, del: s.deleteOutTrunk, gate: outboundGate}
	res.find = func(c *call, id string) *obj {
		if t := c.acct.more.outTrunk(id); t != nil {
			return outTrunkObj(t)
		}
		return nil
	}
	spec := &listSpec[*outTrunk]{typ: "voice_out_trunks", paginated: true, includes: outTrunkInclude, obj: outTrunkObj,
		sorts: outTrunkSorts, filters: outTrunkFilters()}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		if c.acct.more.noOutbound && c.version < version20261119 {
			return 0, nil, newError(http.StatusForbidden, "403", "Forbidden", "The account has no outbound plan: outbound calling is not enabled for the account.")
		}
		return serveList(c, spec, c.acct.more.outTrunks)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, outTrunkInclude, nil, http.StatusOK)
	}
	return res
}

func outTrunkWrite(update bool) writeSpec {
	return writeSpec{typ: "voice_out_trunks", isUpdate: update,
		attrs: []string{"name", "status", "external_reference_id", "capacity_limit", "allow_any_did_as_cli",
			"on_cli_mismatch_action", "default_dst_action", "dst_prefixes", "media_encryption_mode", "allowed_rtp_ips",
			"force_symmetric_rtp", "rtp_ping", "rtp_timeout", "threshold_amount", "callback_url", "emergency_enable_all",
			"authentication_method"},
		rels: []string{"dids", "emergency_dids", "default_did"}}
}

func (s *Server) createOutTrunk(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, outTrunkWrite(false), "")
	if e != nil {
		return 0, nil, e
	}
	t := &outTrunk{id: s.nextIDLocked("voice_out_trunk"), status: "active", onMismatch: "reject_call",
		dstAction: "allow_all", media: "disabled", rtpTimeout: 30, threshold: "200.0", createdAt: c.now}
	s.readOutTrunk(c, w, t, true)
	if !w.has("authentication_method") {
		w.failAttr("authentication_method", "can't be blank")
	}
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	c.acct.more.outTrunks = append(c.acct.more.outTrunks, t)
	return answerOne(c, outTrunkObj(t), http.StatusCreated)
}

func (s *Server) updateOutTrunk(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, outTrunkWrite(true), id)
	if e != nil {
		return 0, nil, e
	}
	t := c.acct.more.outTrunk(id)
	if t == nil {
		return 0, nil, notFound(id)
	}
	next := *t
	s.readOutTrunk(c, w, &next, false)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*t = next
	return answerOne(c, outTrunkObj(t), http.StatusOK)
}

func (s *Server) deleteOutTrunk(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	m := &c.acct.more
	if m.outTrunk(id) == nil {
		return 0, nil, notFound(id)
	}
	m.outTrunks = slices.DeleteFunc(m.outTrunks, func(t *outTrunk) bool { return t.id == id })
	return http.StatusNoContent, nil, nil
}

// readOutTrunk reads the attributes and relationships of a trunk write into t.
func (s *Server) readOutTrunk(c *call, w *writeDoc, t *outTrunk, create bool) {
	w.name(create, &t.name)
	w.enum("status", outTrunkStatus, &t.status)
	w.externalRef(&t.extRef)
	w.optInt("capacity_limit", 0, &t.capacityLimit)
	if t.capacityLimit != nil && *t.capacityLimit > 32767 {
		w.failAttr("capacity_limit", "must be less than or equal to 32767")
	}
	decodeAttr(w, "allow_any_did_as_cli", false, &t.allowAnyDID)
	w.enum("on_cli_mismatch_action", cliActions, &t.onMismatch)
	w.enum("default_dst_action", dstActions, &t.dstAction)
	if given, _ := decodeAttr(w, "dst_prefixes", false, &t.dstPrefixes); given {
		for _, p := range t.dstPrefixes {
			if !allDigits(p) {
				w.failAttr("dst_prefixes", "must contain digits only")
				break
			}
		}
	}
	w.enum("media_encryption_mode", mediaModes, &t.media)
	if given, null := decodeAttr(w, "allowed_rtp_ips", true, &t.allowedRTP); given && null {
		t.allowedRTP = nil
	} else if given && c.version >= version20261119 {
		checkRTPIPs(w, t.allowedRTP)
	}
	decodeAttr(w, "force_symmetric_rtp", false, &t.symmetric)
	decodeAttr(w, "rtp_ping", false, &t.rtpPing)
	w.intIn("rtp_timeout", 30, 600, &t.rtpTimeout)
	s.readThreshold(w, t)
	decodeAttr(w, "emergency_enable_all", false, &t.emergencyAll)
	s.readOutTrunkLinks(c, w, t)
	s.readAuthMethod(w, t)
}

func (s *Server) readThreshold(w *writeDoc, t *outTrunk) {
	var v string
	if given, _ := decodeAttr(w, "threshold_amount", false, &v); given {
		r, ok := parseDecimal(v)
		if !ok || r.Sign() < 0 || r.Cmp(big.NewRat(100000, 1)) > 0 {
			w.failAttr("threshold_amount", "must be a decimal between 0.0 and 100000.0")
		}
		t.threshold = v
	}
	w.optString("callback_url", &t.callbackURL)
	if t.callbackURL != nil && w.has("callback_url") && !validCallbackURL(*t.callbackURL) {
		w.failAttr("callback_url", "is not a valid URL")
	}
}

// validCallbackURL says whether u is an absolute http(s) URL.
func validCallbackURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// readOutTrunkLinks reads dids, emergency_dids and default_did: DIDs of the
// account, refused while the trunk's "all" switch for them is on.
func (s *Server) readOutTrunkLinks(c *call, w *writeDoc, t *outTrunk) {
	own := &c.acct.own
	known := func(id string) bool { return findIn(own.dids, (*ownedDID).key, id) != nil }
	for _, l := range []struct {
		name string
		dst  *[]string
		all  bool
		why  string
	}{{"dids", &t.dids, t.allowAnyDID, "allow_any_did_as_cli"}, {"emergency_dids", &t.emergencyDIDs, t.emergencyAll, "emergency_enable_all"}} {
		ids, given := w.toMany(l.name, "dids")
		if !given {
			continue
		}
		if l.all && len(ids) > 0 {
			w.fail("/data/relationships/"+l.name, l.name+" - can't be assigned while "+l.why+" is true")
		}
		if slices.ContainsFunc(ids, func(id string) bool { return !known(id) }) {
			w.fail("/data/relationships/"+l.name, l.name+" - is invalid")
		}
		*l.dst = ids
	}
	if id, given := w.toOne("default_did", "dids"); given {
		if id != "" && !known(id) {
			w.fail("/data/relationships/default_did", "default_did - is invalid")
		}
		t.defaultDID = id
	}
}

// readAuthMethod replaces the trunk's authentication method with the one
// sent; credentials are generated when a trunk takes credentials_and_ip and
// kept while it keeps it.
func (s *Server) readAuthMethod(w *writeDoc, t *outTrunk) {
	var env struct {
		Type       string                     `json:"type"`
		Attributes map[string]json.RawMessage `json:"attributes"`
	}
	if given, null := decodeAttr(w, "authentication_method", false, &env); !given || null || w.bad != nil {
		return
	}
	const ptr = "/data/attributes/authentication_method"
	var names []string
	switch env.Type {
	case "credentials_and_ip", "ip_only":
		names = []string{"allowed_sip_ips", "tech_prefix"}
	case "twilio":
		names = []string{"twilio_account_sid"}
	default:
		w.fail(ptr, "authentication_method - type "+env.Type+" is not one of "+strings.Join(authTypes, ", "))
		return
	}
	got := readAuthAttrs(w, names, env.Attributes)
	if got == nil {
		return
	}
	if env.Type == "twilio" {
		if sid, _ := got["twilio_account_sid"].(string); sid == "" {
			w.fail(ptr+"/attributes/twilio_account_sid", "authentication_method.twilio_account_sid - can't be blank")
		}
	}
	if env.Type == "ip_only" && t.authType == "ip_only" && !jsonEqual(got["allowed_sip_ips"], t.auth["allowed_sip_ips"]) {
		w.fail(ptr+"/attributes/allowed_sip_ips", "authentication_method.allowed_sip_ips - is read-only once set")
	}
	if env.Type == "credentials_and_ip" {
		user, pass := any(s.randomToken(8)), any(s.randomToken(16))
		if t.authType == "credentials_and_ip" {
			user, pass = t.auth["username"], t.auth["password"]
		}
		got["username"], got["password"] = user, pass
	}
	t.authType, t.auth = env.Type, got
}

// readAuthAttrs reads the attributes of an authentication method: only
// names, each of its documented JSON type (400 otherwise); nil when malformed.
func readAuthAttrs(w *writeDoc, names []string, attrs map[string]json.RawMessage) map[string]any {
	if e := onlyKeys(attrs, names); e != nil {
		w.malformed(e)
		return nil
	}
	out := map[string]any{}
	for _, name := range names {
		out[name] = nil
		raw, ok := attrs[name]
		if !ok || string(raw) == "null" {
			continue
		}
		var v any
		var err error
		if name == "allowed_sip_ips" {
			var ips []string
			err = json.Unmarshal(raw, &ips)
			v = ips
		} else {
			var str string
			err = json.Unmarshal(raw, &str)
			v = str
		}
		if err != nil {
			w.malformed(badRequest("103", "Invalid field value", "authentication_method."+name+" has the wrong type."))
			return nil
		}
		out[name] = v
	}
	return out
}

// enum reads a non-nullable string attribute that must be one of values.
func (w *writeDoc) enum(name string, values []string, dst *string) {
	var v string
	if given, _ := decodeAttr(w, name, false, &v); given {
		if !slices.Contains(values, v) {
			w.failAttr(name, "is not included in the list")
		}
		*dst = v
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// randomToken is n characters from the server's seeded source: generated
// credentials that repeat with the seed.
func (s *Server) randomToken(n int) string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[s.rng.IntN(len(alphabet))]
	}
	return string(b)
}

// regenerateResource registers POST /voice_out_trunk_regenerate_credentials:
// new username and password for a credentials_and_ip trunk, read back with
// GET /voice_out_trunks/{id}.
func (s *Server) regenerateResource() *resource {
	typ := "voice_out_trunk_regenerate_credentials"
	return &resource{typ: typ, gate: outboundGate,
		sample: &obj{typ: typ, rels: []rel{toOne("voice_out_trunk", "voice_out_trunks", "")}},
		create: func(c *call, _ string) (int, any, *apiError) {
			w, e := readWrite(c, writeSpec{typ: typ, rels: []string{"voice_out_trunk"}}, "")
			if e != nil {
				return 0, nil, e
			}
			id, given := w.toOne("voice_out_trunk", "voice_out_trunks")
			t := c.acct.more.outTrunk(id)
			switch {
			case w.bad != nil:
			case !given || id == "":
				w.fail("/data/relationships/voice_out_trunk", "voice_out_trunk - can't be blank")
			case t == nil:
				w.fail("/data/relationships/voice_out_trunk", "voice_out_trunk - is invalid")
			case t.authType != "credentials_and_ip":
				w.fail("/data/relationships/voice_out_trunk", "voice_out_trunk - has no credentials to regenerate (authentication method "+t.authType+")")
			}
			if e := w.done(); e != nil {
				return 0, nil, e
			}
			t.auth["username"], t.auth["password"] = s.randomToken(8), s.randomToken(16)
			return bareAnswer(c, typ, s.nextIDLocked(typ))
		}}
}

// bareAnswer is a 201 whose data is an identifier without attributes, as
// the API answers the operations that store nothing of their own.
func bareAnswer(c *call, typ, id string) (int, any, *apiError) {
	return http.StatusCreated, map[string]any{"data": map[string]any{"id": id, "type": typ},
		"meta": map[string]any{"api_version": c.version}}, nil
}

// checkRTPIPs applies the 2026-11-19 rules of allowed_rtp_ips: null lifts
// the restriction, so an empty list and the any-address ranges are refused.
func checkRTPIPs(w *writeDoc, ips []string) {
	if len(ips) == 0 {
		w.failAttr("allowed_rtp_ips", "can't be empty; send null for no restriction")
	}
	for _, ip := range ips {
		if ip == "0.0.0.0/0" || ip == "::/0" {
			w.failAttr("allowed_rtp_ips", ip+" is not allowed; send null for no restriction")
		}
	}
}
