package didwwtest

import (
	"net/http"
	"slices"
	"time"
)

// smsTrunk is an SMS trunk of an account. kind is its configuration type
// (sms_to_email, http_in, http_out, smpp_esme, smpp_smsc), fixed at
// creation; groupID is the SMS trunk group it belongs to ("" for none).
type smsTrunk struct {
	id, name, kind string
	groupID        string
	extRef         *string
	blocked        bool
	anyDID         bool
	// priority is nil on http_out trunks (they join no group).
	priority *int
	// outgoing are the DIDs the trunk's outbound messages may come from.
	outgoing []string
	// config holds the configuration attributes, generated ones included.
	config               map[string]any
	createdAt, updatedAt time.Time
}

var smsTrunkKinds = []string{"sms_to_email", "http_in", "http_out", "smpp_esme", "smpp_smsc"}

// smsOutbound says whether trunks of kind send messages (and take outgoing
// DIDs and allow_any_did_as_source); smsGroupable whether they join groups.
func smsOutbound(kind string) bool {
	return kind == "http_out" || kind == "smpp_esme" || kind == "smpp_smsc"
}
func smsGroupable(kind string) bool { return kind != "http_out" }

// smsSubmitURL is the Outbound SMS API endpoint an http_out trunk's
// meta.host names.
const smsSubmitURL = "https://sms-out.didww.com/outbound_messages"

// smsTrunkObj writes t as a of the account sees it: incoming_dids are the
// DIDs routed to it, sender_id_verifications those sending through it.
func smsTrunkObj(a *account, t *smsTrunk) *obj {
	var incoming, senders []string
	if a != nil {
		for _, d := range a.own.dids {
			if d.smsTrunkID == t.id && t.id != "" {
				incoming = append(incoming, d.id)
			}
		}
		for _, v := range a.sms.senderIDs {
			if v.smsTrunkID == t.id && t.id != "" {
				senders = append(senders, v.id)
			}
		}
	}
	outgoing := t.outgoing
	if outgoing == nil {
		outgoing = []string{}
	}
	config := t.config
	if config == nil {
		config = placedConfig(t)
	}
	o := &obj{typ: "sms_trunks", id: t.id,
		attrs: map[string]any{
			"name": t.name, "external_reference_id": optPtr(t.extRef), "blocked": t.blocked,
			"priority": optPtr(t.priority), "allow_any_did_as_source": t.anyDID,
			"allow_in": smsGroupable(t.kind), "allow_out": smsOutbound(t.kind),
			"configuration": map[string]any{"type": t.kind, "attributes": config},
			"created_at":    timestamp(t.createdAt), "updated_at": timestamp(t.updatedAt),
		},
		rels: []rel{toMany("outgoing_dids", "dids", outgoing), toOne("sms_trunk_group", "sms_trunk_groups", t.groupID),
			toMany("incoming_dids", "dids", incoming), toMany("sender_id_verifications", "sender_id_verifications", senders)}}
	if t.kind == "http_out" {
		o.meta = map[string]any{"host": smsSubmitURL}
	}
	return o
}

var smsTrunkIncludes = []string{"outgoing_dids", "incoming_dids", "sms_trunk_group", "sender_id_verifications"}

func smsTrunkFilters() map[string]filterFn[*smsTrunk] {
	return map[string]filterFn[*smsTrunk]{
		"id":                    fEq(func(t *smsTrunk) string { return t.id }),
		"name":                  fEq(func(t *smsTrunk) string { return t.name }),
		"external_reference_id": fEq(func(t *smsTrunk) string { return deref(t.extRef) }),
		"configuration.type":    fOneOf("configuration.type", smsTrunkKinds, func(t *smsTrunk) string { return t.kind }),
	}
}

var smsTrunkSorts = map[string]func(a, b *smsTrunk) int{
	"name":                  func(a, b *smsTrunk) int { return cmpStr(a.name, b.name) },
	"external_reference_id": func(a, b *smsTrunk) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
	"blocked":               func(a, b *smsTrunk) int { return cmpBool(a.blocked, b.blocked) },
	"priority":              func(a, b *smsTrunk) int { return cmpOpt(a.priority, b.priority) },
	"allow_in":              func(a, b *smsTrunk) int { return cmpBool(smsGroupable(a.kind), smsGroupable(b.kind)) },
	"allow_out":             func(a, b *smsTrunk) int { return cmpBool(smsOutbound(a.kind), smsOutbound(b.kind)) },
	"created_at":            func(a, b *smsTrunk) int { return a.createdAt.Compare(b.createdAt) },
	"updated_at":            func(a, b *smsTrunk) int { return a.updatedAt.Compare(b.updatedAt) },
}

// smsChanges: SMS trunks arrive in 2026-11-19; 2026-04-16 has no such paths.
var smsChanges = map[string]*change{
	defaultAPIVersion: {gone: "2026-04-16 has no SMS trunks: they are available starting from version 2026-11-19"},
}

// smsTrunkResource registers sms_trunks: list, show, create, update and
// delete under 2026-11-19.
func (s *Server) smsTrunkResource() *resource {
	res := &resource{typ: "sms_trunks", includes: smsTrunkIncludes, sample: smsTrunkObj(nil, &smsTrunk{}),
		create: s.createSMSTrunk, update: s.updateSMSTrunk, del: s.deleteSMSTrunk, changes: smsChanges}
	res.find = func(c *call, id string) *obj {
		if t := c.acct.sms.trunk(id); t != nil {
			return smsTrunkObj(c.acct, t)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*smsTrunk]{typ: "sms_trunks", paginated: true, includes: smsTrunkIncludes,
			sorts: smsTrunkSorts, filters: smsTrunkFilters(), obj: func(t *smsTrunk) *obj { return smsTrunkObj(c.acct, t) }}
		return serveList(c, spec, c.acct.sms.trunks)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, smsTrunkIncludes, nil, http.StatusOK)
	}
	return res
}

func smsTrunkWrite(update bool) writeSpec {
	return writeSpec{typ: "sms_trunks", isUpdate: update,
		attrs: []string{"name", "external_reference_id", "blocked", "priority", "allow_any_did_as_source", "configuration"},
		rels:  []string{"outgoing_dids", "sms_trunk_group"}}
}

func (s *Server) createSMSTrunk(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, smsTrunkWrite(false), "")
	if e != nil {
		return 0, nil, e
	}
	t := &smsTrunk{id: s.nextIDLocked("sms_trunk"), createdAt: c.now, updatedAt: c.now}
	if !w.has("configuration") {
		w.failAttr("configuration", "can't be blank")
	}
	s.readSMSTrunk(c, w, t, true)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	c.acct.sms.trunks = append(c.acct.sms.trunks, t)
	return answerOne(c, smsTrunkObj(c.acct, t), http.StatusCreated)
}

func (s *Server) updateSMSTrunk(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, smsTrunkWrite(true), id)
	if e != nil {
		return 0, nil, e
	}
	t := c.acct.sms.trunk(id)
	if t == nil {
		return 0, nil, notFound(id)
	}
	next := *t
	next.config = cloneConfig(t.config)
	next.updatedAt = c.now
	s.readSMSTrunk(c, w, &next, false)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*t = next
	return answerOne(c, smsTrunkObj(c.acct, t), http.StatusOK)
}

// deleteSMSTrunk refuses a trunk DIDs route inbound SMS to (422); sender ID
// verifications using it are left without a trunk.
func (s *Server) deleteSMSTrunk(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	st := &c.acct.sms
	if st.trunk(id) == nil {
		return 0, nil, notFound(id)
	}
	if slices.ContainsFunc(c.acct.own.dids, func(d *ownedDID) bool { return d.smsTrunkID == id }) {
		w := &writeDoc{}
		w.fail("/data", "sms_trunk - is still assigned to DIDs for inbound messages; route them elsewhere first")
		return 0, nil, w.done()
	}
	for _, v := range st.senderIDs {
		if v.smsTrunkID == id {
			v.smsTrunkID = ""
		}
	}
	st.trunks = slices.DeleteFunc(st.trunks, func(t *smsTrunk) bool { return t.id == id })
	return http.StatusNoContent, nil, nil
}

// readSMSTrunk reads the attributes and relationships of a write into t,
// whose kind is the stored one on update ("" on create until read).
func (s *Server) readSMSTrunk(c *call, w *writeDoc, t *smsTrunk, create bool) {
	w.name(create, &t.name)
	if w.has("name") || create {
		s.checkSMSName(c, w, t)
	}
	w.externalRef(&t.extRef)
	decodeAttr(w, "blocked", false, &t.blocked)
	s.readSMSConfiguration(w, t, create)
	readSMSPriority(w, t, create)
	decodeAttr(w, "allow_any_did_as_source", false, &t.anyDID)
	s.readSMSLinks(c, w, t)
	if t.kind == "" || w.bad != nil {
		return
	}
	if t.anyDID && !smsOutbound(t.kind) {
		w.failAttr("allow_any_did_as_source", "can be enabled only on http_out, smpp_esme and smpp_smsc trunks")
	}
	if t.anyDID && len(t.outgoing) > 0 {
		w.fail("/data/relationships/outgoing_dids", "outgoing_dids - must be empty while allow_any_did_as_source is true")
	}
}

// checkSMSName refuses a name another SMS trunk or an SMS trunk group of
// the account already has (they share one name space).
func (s *Server) checkSMSName(c *call, w *writeDoc, t *smsTrunk) {
	if t.name == "" {
		return
	}
	st := &c.acct.sms
	taken := slices.ContainsFunc(st.trunks, func(o *smsTrunk) bool { return o.id != t.id && o.name == t.name }) ||
		slices.ContainsFunc(st.groups, func(g *smsTrunkGroup) bool { return g.name == t.name })
	if taken {
		w.failAttr("name", "has already been taken")
	}
}

// readSMSPriority reads priority: 0 to 32767, null (or left out on create)
// is 100 on the types that join groups; http_out takes none.
func readSMSPriority(w *writeDoc, t *smsTrunk, create bool) {
	var p int
	given, null := decodeAttr(w, "priority", true, &p)
	switch {
	case t.kind == "http_out" && given && !null:
		w.failAttr("priority", "must be blank on http_out trunks")
	case t.kind == "http_out":
		t.priority = nil
	case given && !null && (p < 0 || p > 32767):
		w.failAttr("priority", "must be between 0 and 32767")
	case given && !null:
		t.priority = &p
	case given || (create && t.priority == nil):
		def := 100
		t.priority = &def
	}
}

// readSMSLinks reads outgoing_dids (DIDs of the account, outbound types
// only) and sms_trunk_group (a group of the account; not http_out).
func (s *Server) readSMSLinks(c *call, w *writeDoc, t *smsTrunk) {
	if ids, given := w.toMany("outgoing_dids", "dids"); given {
		known := func(id string) bool { return findIn(c.acct.own.dids, (*ownedDID).key, id) != nil }
		switch {
		case slices.ContainsFunc(ids, func(id string) bool { return !known(id) }):
			w.fail("/data/relationships/outgoing_dids", "outgoing_dids - is invalid")
		case len(ids) > 0 && t.kind != "" && !smsOutbound(t.kind):
			w.fail("/data/relationships/outgoing_dids", "outgoing_dids - apply only to http_out, smpp_esme and smpp_smsc trunks")
		}
		t.outgoing = ids
	}
	if id, given := w.toOne("sms_trunk_group", "sms_trunk_groups"); given {
		switch {
		case id != "" && c.acct.sms.group(id) == nil:
			w.fail("/data/relationships/sms_trunk_group", "sms_trunk_group - is invalid")
		case id != "" && t.kind == "http_out":
			w.fail("/data/relationships/sms_trunk_group", "sms_trunk_group - http_out trunks cannot join an SMS trunk group")
		}
		t.groupID = id
	}
}

// regenerateSMSResource registers POST /sms_trunk_regenerate_credentials:
// new generated credentials for an smpp_esme or http_out trunk, read back
// with GET /sms_trunks/{id}.
func (s *Server) regenerateSMSResource() *resource {
	typ := "sms_trunk_regenerate_credentials"
	return &resource{typ: typ, changes: smsChanges,
		sample: &obj{typ: typ, rels: []rel{toOne("sms_trunk", "sms_trunks", "")}},
		create: func(c *call, _ string) (int, any, *apiError) {
			w, e := readWrite(c, writeSpec{typ: typ, rels: []string{"sms_trunk"}}, "")
			if e != nil {
				return 0, nil, e
			}
			const ptr = "/data/relationships/sms_trunk"
			id, given := w.toOne("sms_trunk", "sms_trunks")
			t := c.acct.sms.trunk(id)
			switch {
			case w.bad != nil:
			case !given || id == "":
				w.fail(ptr, "sms_trunk - can't be blank")
			case t == nil:
				w.fail(ptr, "sms_trunk - is invalid")
			case t.kind != "smpp_esme" && t.kind != "http_out":
				w.fail(ptr, "sms_trunk - has no generated credentials to regenerate ("+t.kind+" trunk)")
			}
			if e := w.done(); e != nil {
				return 0, nil, e
			}
			s.generateSMSCredentials(t)
			t.updatedAt = c.now
			return bareAnswer(c, typ, s.nextIDLocked(typ))
		}}
}

// generateSMSCredentials gives t fresh generated credentials.
func (s *Server) generateSMSCredentials(t *smsTrunk) {
	switch t.kind {
	case "http_out":
		t.config["auth_name"], t.config["auth_password"] = s.randomToken(10), s.randomToken(20)
	case "smpp_esme":
		t.config["system_id"], t.config["password"] = s.randomToken(8), s.randomToken(12)
	}
}

func cloneConfig(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// placedValues are the values a trunk placed in an account without its
// configuration (by a test) shows for the attributes a create needs or
// DIDWW generates.
var placedValues = map[string]any{"send_to": "sms@example.com", "subject": "Inbound SMS",
	"message": "{SMS_TEXT}", "url": "https://example.com/sms", "http_method": "get", "host": "smsc.example.com",
	"server_location": "nyc", "system_id": "placed", "password": "placed-pw",
	"auth_name": "placed", "auth_password": "placed-password"}

// placedConfig is the configuration of such a trunk: the defaults of its
// kind and placedValues, so that it reads like a created one.
func placedConfig(t *smsTrunk) map[string]any {
	out := map[string]any{}
	for _, a := range smsConfigAttrs[t.kind] {
		out[a.name] = a.def
		if v, ok := placedValues[a.name]; ok && (a.required || a.readOnly) {
			out[a.name] = v
		}
	}
	return out
}
