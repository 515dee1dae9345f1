package didwwtest

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// smsTrunkGroup is an SMS trunk group of an account; its members are the
// trunks whose groupID names it.
type smsTrunkGroup struct {
	id, name             string
	extRef               *string
	createdAt, updatedAt time.Time
}

func (st *smsState) group(id string) *smsTrunkGroup {
	return findIn(st.groups, func(g *smsTrunkGroup) string { return g.id }, id)
}

func (st *smsState) trunk(id string) *smsTrunk {
	return findIn(st.trunks, func(t *smsTrunk) string { return t.id }, id)
}

// membersOf returns the ids of the trunks of group id, in creation order.
func (st *smsState) membersOf(id string) []string {
	out := []string{}
	for _, t := range st.trunks {
		if t.groupID == id {
			out = append(out, t.id)
		}
	}
	return out
}

// inboundSMSKinds are the trunk kinds that take inbound SMS: the ones a
// group may hold and a DID may route to (http_out only sends).
var inboundSMSKinds = []string{"sms_to_email", "http_in", "smpp_esme", "smpp_smsc"}

// nameTaken says whether an SMS trunk or another SMS trunk group than
// self has name: they share one name space.
func (st *smsState) nameTaken(name, self string) bool {
	return slices.ContainsFunc(st.trunks, func(t *smsTrunk) bool { return t.name == name }) ||
		slices.ContainsFunc(st.groups, func(g *smsTrunkGroup) bool { return g.name == name && g.id != self })
}

// didsRoutedTo returns the ids of the DIDs whose inbound SMS go to group id.
func (h *holdings) didsRoutedTo(id string) []string {
	out := []string{}
	for _, d := range h.dids {
		if d.smsTrunkGroupID == id {
			out = append(out, d.id)
		}
	}
	return out
}

func smsTrunkGroupObj(a *account, g *smsTrunkGroup) *obj {
	members := a.sms.membersOf(g.id)
	return &obj{typ: "sms_trunk_groups", id: g.id,
		attrs: map[string]any{
			"name": g.name, "external_reference_id": optPtr(g.extRef),
			"created_at": timestamp(g.createdAt), "updated_at": timestamp(g.updatedAt),
		},
		meta: map[string]any{"sms_trunks_count": len(members)},
		rels: []rel{toMany("sms_trunks", "sms_trunks", members), toMany("incoming_dids", "dids", a.own.didsRoutedTo(g.id))}}
}

var smsTrunkGroupIncludes = []string{"sms_trunks", "incoming_dids"}

// smsTrunkGroupChanges: 2026-04-16 has no SMS trunk groups.
var smsTrunkGroupChanges = map[string]*change{
	defaultAPIVersion: {gone: "SMS trunk groups arrive in 2026-11-19 (API_REFERENCE §23.3.5)"},
}

var smsTrunkGroupSorts = map[string]func(a, b *smsTrunkGroup) int{
	"name":                  func(a, b *smsTrunkGroup) int { return cmpStr(a.name, b.name) },
	"external_reference_id": func(a, b *smsTrunkGroup) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
	"created_at":            func(a, b *smsTrunkGroup) int { return a.createdAt.Compare(b.createdAt) },
	"updated_at":            func(a, b *smsTrunkGroup) int { return a.updatedAt.Compare(b.updatedAt) },
}

// smsTrunkGroupResource registers sms_trunk_groups: list, show, create,
// update, delete. Membership is the trunks' (a trunk names its group).
func (s *Server) smsTrunkGroupResource() *resource {
	res := &resource{typ: "sms_trunk_groups", includes: smsTrunkGroupIncludes, changes: smsTrunkGroupChanges,
		sample: smsTrunkGroupObj(&account{}, &smsTrunkGroup{}),
		create: s.createSMSTrunkGroup, update: s.updateSMSTrunkGroup, del: s.deleteSMSTrunkGroup}
	res.find = func(c *call, id string) *obj {
		if g := c.acct.sms.group(id); g != nil {
			return smsTrunkGroupObj(c.acct, g)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*smsTrunkGroup]{typ: "sms_trunk_groups", paginated: true, includes: smsTrunkGroupIncludes,
			obj: func(g *smsTrunkGroup) *obj { return smsTrunkGroupObj(c.acct, g) },
			filters: map[string]filterFn[*smsTrunkGroup]{
				"id":                    fEq(func(g *smsTrunkGroup) string { return g.id }),
				"name":                  fEq(func(g *smsTrunkGroup) string { return g.name }),
				"external_reference_id": fEq(func(g *smsTrunkGroup) string { return deref(g.extRef) }),
			},
			sorts: smsTrunkGroupSorts}
		return serveList(c, spec, c.acct.sms.groups)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, smsTrunkGroupIncludes, nil, http.StatusOK)
	}
	return res
}

func smsTrunkGroupWrite(update bool) writeSpec {
	return writeSpec{typ: "sms_trunk_groups", isUpdate: update,
		attrs: []string{"name", "external_reference_id"}, rels: []string{"sms_trunks"}}
}

// readSMSTrunkGroup reads a group write into g and returns the trunks it
// names (nil when membership is not sent).
func readSMSTrunkGroup(c *call, w *writeDoc, g *smsTrunkGroup, create bool) []string {
	st := &c.acct.sms
	w.name(create, &g.name)
	if g.name != "" && w.has("name") && st.nameTaken(g.name, g.id) {
		w.failAttr("name", "has already been taken")
	}
	w.externalRef(&g.extRef)
	if raw, given := w.relData("sms_trunks"); given && smsDuplicates(raw) {
		w.fail("/data/relationships/sms_trunks", "sms_trunks - must not contain duplicates")
	}
	ids, given := w.toMany("sms_trunks", "sms_trunks")
	for i, id := range ids {
		pointer := "/data/relationships/sms_trunks/data/" + strconv.Itoa(i)
		switch t := st.trunk(id); {
		case t == nil:
			w.fail(pointer, "sms_trunks - "+id+" is invalid")
		case !slices.Contains(inboundSMSKinds, t.kind):
			w.fail(pointer, "sms_trunks - "+id+" is an "+t.kind+" trunk, which does not take inbound SMS")
		}
	}
	if !given {
		return nil
	}
	return ids
}

// smsDuplicates says whether a to-many linkage names one id twice; toMany
// reads such a list as a set, the API refuses it.
func smsDuplicates(raw []byte) bool {
	var refs []ref
	if decodeBody(raw, &refs) != nil {
		return false
	}
	seen := map[ref]bool{}
	for _, r := range refs {
		if seen[r] {
			return true
		}
		seen[r] = true
	}
	return false
}

// setSMSMembers makes ids the trunks of group id: listed trunks move into
// it, the others leave it.
func (st *smsState) setSMSMembers(id string, ids []string) {
	for _, t := range st.trunks {
		switch {
		case slices.Contains(ids, t.id):
			t.groupID = id
		case t.groupID == id:
			t.groupID = ""
		}
	}
}

func (s *Server) createSMSTrunkGroup(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, smsTrunkGroupWrite(false), "")
	if e != nil {
		return 0, nil, e
	}
	g := &smsTrunkGroup{createdAt: c.now, updatedAt: c.now}
	members := readSMSTrunkGroup(c, w, g, true)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	g.id = s.nextIDLocked("sms_trunk_group")
	st := &c.acct.sms
	st.groups = append(st.groups, g)
	st.setSMSMembers(g.id, members)
	return answerOne(c, smsTrunkGroupObj(c.acct, g), http.StatusCreated)
}

func (s *Server) updateSMSTrunkGroup(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, smsTrunkGroupWrite(true), id)
	if e != nil {
		return 0, nil, e
	}
	st := &c.acct.sms
	g := st.group(id)
	if g == nil {
		return 0, nil, notFound(id)
	}
	next := *g
	members := readSMSTrunkGroup(c, w, &next, false)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	next.updatedAt = c.now
	*g = next
	if members != nil {
		st.setSMSMembers(g.id, members)
	}
	return answerOne(c, smsTrunkGroupObj(c.acct, g), http.StatusOK)
}

// deleteSMSTrunkGroup deletes a group and its member trunks, refused while
// a DID routes its SMS to the group or to one of them. Sender ID
// verifications that sent through a deleted trunk are left without one.
func (s *Server) deleteSMSTrunkGroup(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	st := &c.acct.sms
	if st.group(id) == nil {
		return 0, nil, notFound(id)
	}
	members := st.membersOf(id)
	if slices.ContainsFunc(c.acct.own.dids, func(d *ownedDID) bool {
		return d.smsTrunkGroupID == id || slices.Contains(members, d.smsTrunkID)
	}) {
		return 0, nil, validation("/data", "sms_trunk_group - the group or one of its trunks is still assigned to DIDs")
	}
	st.trunks = slices.DeleteFunc(st.trunks, func(t *smsTrunk) bool { return t.groupID == id })
	for _, v := range st.senderIDs {
		if slices.Contains(members, v.smsTrunkID) {
			v.smsTrunkID = ""
		}
	}
	st.groups = slices.DeleteFunc(st.groups, func(g *smsTrunkGroup) bool { return g.id == id })
	return http.StatusNoContent, nil, nil
}
