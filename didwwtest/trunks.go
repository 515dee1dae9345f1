package didwwtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// trunk is a voice-in trunk of an account: where its DIDs' calls go.
type trunk struct {
	id, name                                  string
	description, extRef, cliFormat, cliPrefix *string
	priority, weight                          int
	capacityLimit, ringingTimeout             *int
	createdAt                                 time.Time
	groupID, popID, popCode                   string
	cfgType                                   string         // sip_configurations or pstn_configurations
	cfg                                       map[string]any // every attribute of the configuration
}

// trunkGroup is a voice-in trunk group; its trunks name it (trunk.groupID).
type trunkGroup struct {
	id, name      string
	capacityLimit *int
	extRef        *string
	createdAt     time.Time
}

func (h *holdings) trunk(id string) *trunk {
	return findIn(h.trunks, func(t *trunk) string { return t.id }, id)
}

func (h *holdings) group(id string) *trunkGroup {
	return findIn(h.groups, func(g *trunkGroup) string { return g.id }, id)
}

// membersOf returns the ids of the trunks of group id, in creation order.
func (h *holdings) membersOf(id string) []string {
	out := []string{}
	for _, t := range h.trunks {
		if t.groupID == id {
			out = append(out, t.id)
		}
	}
	return out
}

// unrouteLocked takes the DIDs routed to trunk or group id off it.
func (h *holdings) unroute(id string) {
	for _, d := range h.dids {
		if d.trunkID == id {
			d.trunkID = ""
		}
		if d.trunkGroupID == id {
			d.trunkGroupID = ""
		}
	}
}

// routedTo says whether a DID is routed to trunk or group id.
func (h *holdings) routedTo(id string) bool {
	return slices.ContainsFunc(h.dids, func(d *ownedDID) bool { return d.trunkID == id || d.trunkGroupID == id })
}

// refusesDeletingUsedTrunk says whether version v refuses to delete a trunk
// (or trunk group) that DIDs are routed to: 2026-11-19 answers 422 "still
// in use"; 2026-04-16 deletes it and leaves its DIDs unrouted.
func refusesDeletingUsedTrunk(v string) bool { return v >= "2026-11-19" }

func popObj(p *Pop) *obj { return &obj{typ: "pops", id: p.ID, attrs: map[string]any{"name": p.Name}} }

// pops registers GET /pops: a list that is neither paginated nor sortable,
// with no member path.
func (s *Server) pops() *resource {
	res := readOnly(&kind[*Pop]{all: ptrs(s.cat.Pops), id: func(p *Pop) string { return p.ID },
		listSpec: listSpec[*Pop]{typ: "pops", obj: popObj,
			filters: map[string]filterFn[*Pop]{"id": fEq(func(p *Pop) string { return p.ID })}}})
	res.show = nil
	res.changes = popChanges
	return res
}

// What 2026-11-19 changes of the POPs and trunks (API_REFERENCE §23.3.5):
// /pops is apparently gone and a trunk names its POP in a pop attribute
// instead of the pop relationship. trunkObj writes both; each version's
// adapt keeps its own.
var popChanges = map[string]*change{
	version20261119: {gone: "2026-11-19 has no POPs list: a trunk names its POP in its pop attribute (API_REFERENCE §23.3.5)"},
}

var trunkChanges = map[string]*change{
	defaultAPIVersion: {adapt: func(o *obj) { o.attrs = cutKeys(o.attrs, map[string]string{"pop": ""}, "") }},
	version20261119: {
		includes: map[string]string{"pop": "include pop is not allowed in 2026-11-19: a trunk's POP is its pop attribute."},
		adapt: func(o *obj) {
			o.rels = slices.DeleteFunc(slices.Clone(o.rels), func(r rel) bool { return r.name == "pop" })
		},
	},
}

func trunkObj(t *trunk) *obj {
	return &obj{typ: "voice_in_trunks", id: t.id,
		attrs: map[string]any{
			"name": t.name, "description": optPtr(t.description), "external_reference_id": optPtr(t.extRef),
			"priority": t.priority, "weight": t.weight, "capacity_limit": optPtr(t.capacityLimit),
			"cli_format": optPtr(t.cliFormat), "cli_prefix": optPtr(t.cliPrefix),
			"ringing_timeout": optPtr(t.ringingTimeout), "created_at": timestamp(t.createdAt),
			"configuration": map[string]any{"type": t.cfgType, "attributes": t.cfg},
			"pop":           nullable(t.popCode),
		},
		rels: []rel{toOne("voice_in_trunk_group", "voice_in_trunk_groups", t.groupID), toOne("pop", "pops", t.popID)}}
}

var trunkIncludes = []string{"voice_in_trunk_group", "pop"}

var trunkSorts = map[string]func(a, b *trunk) int{
	"capacity_limit":        func(a, b *trunk) int { return cmpOpt(a.capacityLimit, b.capacityLimit) },
	"cli_format":            func(a, b *trunk) int { return cmpStr(deref(a.cliFormat), deref(b.cliFormat)) },
	"cli_prefix":            func(a, b *trunk) int { return cmpStr(deref(a.cliPrefix), deref(b.cliPrefix)) },
	"created_at":            func(a, b *trunk) int { return a.createdAt.Compare(b.createdAt) },
	"description":           func(a, b *trunk) int { return cmpStr(deref(a.description), deref(b.description)) },
	"external_reference_id": func(a, b *trunk) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
	"name":                  func(a, b *trunk) int { return cmpStr(a.name, b.name) },
	"priority":              func(a, b *trunk) int { return a.priority - b.priority },
	"ringing_timeout":       func(a, b *trunk) int { return cmpOpt(a.ringingTimeout, b.ringingTimeout) },
	"weight":                func(a, b *trunk) int { return a.weight - b.weight },
}

// trunkResource registers voice_in_trunks: list, show, create, update, delete.
func (s *Server) trunkResource() *resource {
	res := &resource{typ: "voice_in_trunks", includes: trunkIncludes, sample: trunkObj(&trunk{}),
		create: s.createTrunk, update: s.updateTrunk, del: s.deleteTrunk, changes: trunkChanges}
	res.find = func(c *call, id string) *obj {
		if t := c.acct.own.trunk(id); t != nil {
			return trunkObj(t)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*trunk]{typ: "voice_in_trunks", paginated: true, includes: trunkIncludes, obj: trunkObj,
			sorts: trunkSorts,
			filters: map[string]filterFn[*trunk]{
				"id":   fEq(func(t *trunk) string { return t.id }),
				"name": fName(func(t *trunk) string { return t.name }),
				"configuration.type": fOneOf("configuration.type", []string{"sip_configurations", "pstn_configurations"},
					func(t *trunk) string { return t.cfgType }),
				"external_reference_id": fEq(func(t *trunk) string { return deref(t.extRef) }),
			}}
		return serveList(c, spec, c.acct.own.trunks)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, trunkIncludes, nil, http.StatusOK)
	}
	return res
}

// trunkWrite is what a trunk write may carry under version v: the POP is a
// relationship before 2026-11-19 and an attribute from it on.
func trunkWrite(update bool, v string) writeSpec {
	spec := writeSpec{typ: "voice_in_trunks", isUpdate: update,
		attrs: []string{"name", "description", "external_reference_id", "priority", "weight", "capacity_limit",
			"cli_format", "cli_prefix", "ringing_timeout", "configuration"},
		rels: []string{"voice_in_trunk_group"}}
	if popIsAttribute(v) {
		spec.attrs = append(spec.attrs, "pop")
	} else {
		spec.rels = append(spec.rels, "pop")
	}
	return spec
}

// popIsAttribute says whether version v names a trunk's POP in its pop
// attribute (2026-11-19) rather than the pop relationship.
func popIsAttribute(v string) bool { return v >= version20261119 }

func (s *Server) createTrunk(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, trunkWrite(false, c.version), "")
	if e != nil {
		return 0, nil, e
	}
	t := &trunk{priority: 1, weight: 65535, createdAt: c.now, id: s.nextIDLocked("voice_in_trunk")}
	s.readTrunk(c, w, t, true)
	if !w.has("configuration") {
		w.malformed(badRequest("106", "Missing parameter", "The required parameter, configuration, is missing."))
	}
	checkVoiceInName(c, w, t.name, t.id)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	c.acct.own.trunks = append(c.acct.own.trunks, t)
	return answerOne(c, trunkObj(t), http.StatusCreated)
}

func (s *Server) updateTrunk(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, trunkWrite(true, c.version), id)
	if e != nil {
		return 0, nil, e
	}
	t := c.acct.own.trunk(id)
	if t == nil {
		return 0, nil, notFound(id)
	}
	next := *t
	s.readTrunk(c, w, &next, false)
	checkVoiceInName(c, w, next.name, t.id)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*t = next
	return answerOne(c, trunkObj(t), http.StatusOK)
}

// readTrunk reads the attributes and relationships of a trunk write into t.
func (s *Server) readTrunk(c *call, w *writeDoc, t *trunk, create bool) {
	w.name(create, &t.name)
	w.optString("description", &t.description)
	w.externalRef(&t.extRef)
	w.intIn("priority", 0, 65535, &t.priority)
	w.intIn("weight", 0, 65535, &t.weight)
	w.optInt("capacity_limit", 0, &t.capacityLimit)
	w.optString("cli_format", &t.cliFormat)
	if w.has("cli_format") && t.cliFormat != nil && !slices.Contains([]string{"raw", "e164", "local"}, *t.cliFormat) {
		w.failAttr("cli_format", "is not included in the list")
	}
	w.optString("cli_prefix", &t.cliPrefix)
	w.optInt("ringing_timeout", 1, &t.ringingTimeout)
	if c.version >= version20261119 && t.ringingTimeout != nil && *t.ringingTimeout > 32 {
		w.failAttr("ringing_timeout", "must be less than or equal to 32")
	}
	if id, given := w.toOne("voice_in_trunk_group", "voice_in_trunk_groups"); given {
		if id != "" && c.acct.own.group(id) == nil {
			w.fail("/data/relationships/voice_in_trunk_group", "voice_in_trunk_group - is invalid")
		}
		t.groupID = id
	}
	s.readTrunkPop(c, w, t)
	readConfiguration(w, t)
}

// readTrunkPop pins t to the POP the write names: by the pop relationship's
// id before 2026-11-19, by the pop attribute from it on, which holds the
// POP's code (DIDWW's OpenAPI 2026-10-22 draft: NYC, FRA, LAC, ...).
func (s *Server) readTrunkPop(c *call, w *writeDoc, t *trunk) {
	if popIsAttribute(c.version) {
		var code *string
		if !w.has("pop") {
			return
		}
		w.optString("pop", &code)
		i := slices.IndexFunc(s.cat.Pops, func(p Pop) bool { return code != nil && p.Code != "" && p.Code == *code })
		switch {
		case code == nil:
			t.popID, t.popCode = "", ""
		case i < 0:
			w.failAttr("pop", "is not included in the list")
		default:
			t.popID, t.popCode = s.cat.Pops[i].ID, s.cat.Pops[i].Code
		}
		return
	}
	if id, given := w.toOne("pop", "pops"); given {
		i := slices.IndexFunc(s.cat.Pops, func(p Pop) bool { return p.ID == id })
		if id != "" && i < 0 {
			w.fail("/data/relationships/pop", "pop - is invalid")
			return
		}
		t.popID, t.popCode = id, ""
		if i >= 0 {
			t.popCode = s.cat.Pops[i].Code
		}
	}
}

// readConfiguration replaces the trunk's configuration with the one sent,
// of the same kind as before on an update.
func readConfiguration(w *writeDoc, t *trunk) {
	var env struct {
		Type       string                     `json:"type"`
		Attributes map[string]json.RawMessage `json:"attributes"`
	}
	if given, null := decodeAttr(w, "configuration", false, &env); !given || null || w.bad != nil {
		return
	}
	if t.cfgType != "" && env.Type != t.cfgType {
		w.fail("/data/attributes/configuration", "configuration - type can't be changed from "+t.cfgType)
		return
	}
	switch env.Type {
	case "sip_configurations":
		t.cfg = readSIP(w, env.Attributes, t.cfg, t.id)
	case "pstn_configurations":
		t.cfg = cfgReader{w: w, fields: pstnFields}.read(env.Attributes)
		if dst, _ := t.cfg["dst"].(string); dst != "" && !allDigits(dst) {
			w.fail(cfgPointer("dst"), "configuration.dst - must be a number in E.164 without +")
		}
	default:
		w.fail("/data/attributes/configuration", "configuration - type "+env.Type+" is not sip_configurations or pstn_configurations")
		return
	}
	t.cfgType = env.Type
}

func allDigits(v string) bool {
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return v != ""
}

// deleteTrunk deletes a trunk; its DIDs become unrouted, or, where the
// version refuses it, a trunk in use stays (422).
func (s *Server) deleteTrunk(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	own := &c.acct.own
	if own.trunk(id) == nil {
		return 0, nil, notFound(id)
	}
	if own.routedTo(id) && refusesDeletingUsedTrunk(c.version) {
		return 0, nil, validation("/data", "voice_in_trunk - is still in use by DIDs")
	}
	own.unroute(id)
	own.trunks = slices.DeleteFunc(own.trunks, func(t *trunk) bool { return t.id == id })
	return http.StatusNoContent, nil, nil
}

// checkVoiceInName refuses, from 2026-11-19 on, a voice-in trunk or trunk
// group name another of either already has: they share one name space
// (API_REFERENCE §23.3.5). self is the id being written.
func checkVoiceInName(c *call, w *writeDoc, name, self string) {
	if c.version < version20261119 || name == "" || !w.has("name") {
		return
	}
	for _, t := range c.acct.own.trunks {
		if t.id != self && t.name == name {
			w.failAttr("name", "has already been taken")
			return
		}
	}
	for _, g := range c.acct.own.groups {
		if g.id != self && g.name == name {
			w.failAttr("name", "has already been taken")
			return
		}
	}
}
