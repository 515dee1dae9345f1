package didwwtest

import (
	"net/http"
	"slices"
	"strconv"
)

func (s *Server) trunkGroupObj(own *holdings, g *trunkGroup) *obj {
	members := own.membersOf(g.id)
	return &obj{typ: "voice_in_trunk_groups", id: g.id,
		attrs: map[string]any{
			"name": g.name, "capacity_limit": optPtr(g.capacityLimit), "external_reference_id": optPtr(g.extRef),
			"created_at": timestamp(g.createdAt),
		},
		meta: map[string]any{"trunks_count": len(members)},
		rels: []rel{toMany("voice_in_trunks", "voice_in_trunks", members)}}
}

var trunkGroupIncludes = []string{"voice_in_trunks"}

// trunkGroupResource registers voice_in_trunk_groups: list, show, create,
// update, delete. Membership is the trunks' (a trunk names its group).
func (s *Server) trunkGroupResource() *resource {
	res := &resource{typ: "voice_in_trunk_groups", includes: trunkGroupIncludes,
		sample: s.trunkGroupObj(&holdings{}, &trunkGroup{}),
		create: s.createTrunkGroup, update: s.updateTrunkGroup, del: s.deleteTrunkGroup}
	res.find = func(c *call, id string) *obj {
		if g := c.acct.own.group(id); g != nil {
			return s.trunkGroupObj(&c.acct.own, g)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		spec := &listSpec[*trunkGroup]{typ: "voice_in_trunk_groups", paginated: true, includes: trunkGroupIncludes,
			obj: func(g *trunkGroup) *obj { return s.trunkGroupObj(&c.acct.own, g) },
			filters: map[string]filterFn[*trunkGroup]{
				"id":                    fEq(func(g *trunkGroup) string { return g.id }),
				"external_reference_id": fEq(func(g *trunkGroup) string { return deref(g.extRef) }),
			},
			sorts: map[string]func(a, b *trunkGroup) int{
				"capacity_limit":        func(a, b *trunkGroup) int { return cmpOpt(a.capacityLimit, b.capacityLimit) },
				"created_at":            func(a, b *trunkGroup) int { return a.createdAt.Compare(b.createdAt) },
				"external_reference_id": func(a, b *trunkGroup) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
				"name":                  func(a, b *trunkGroup) int { return cmpStr(a.name, b.name) },
			}}
		return serveList(c, spec, c.acct.own.groups)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, trunkGroupIncludes, nil, http.StatusOK)
	}
	return res
}

func trunkGroupWrite(update bool) writeSpec {
	return writeSpec{typ: "voice_in_trunk_groups", isUpdate: update,
		attrs: []string{"name", "capacity_limit", "external_reference_id"}, rels: []string{"voice_in_trunks"}}
}

// readTrunkGroup reads a group write into g and returns the trunks it
// names (nil when membership is not sent).
func readTrunkGroup(c *call, w *writeDoc, g *trunkGroup, create bool) []string {
	w.name(create, &g.name)
	w.optInt("capacity_limit", 0, &g.capacityLimit)
	w.externalRef(&g.extRef)
	ids, given := w.toMany("voice_in_trunks", "voice_in_trunks")
	for i, id := range ids {
		if c.acct.own.trunk(id) == nil {
			w.fail("/data/relationships/voice_in_trunks/data/"+strconv.Itoa(i), "voice_in_trunks - "+id+" is invalid")
		}
	}
	if n := len(slices.Compact(slices.Sorted(slices.Values(ids)))); c.version >= version20261119 && n > 10 {
		// DIDWW's OpenAPI 2026-10-22 draft: at most 10 distinct trunks.
		w.fail("/data/relationships/voice_in_trunks", "voice_in_trunks - at most 10 distinct trunks")
	}
	if !given {
		return nil
	}
	return ids
}

// setMembers makes ids the trunks of group id: listed trunks move into it,
// the others leave it.
func (h *holdings) setMembers(id string, ids []string) {
	for _, t := range h.trunks {
		switch {
		case slices.Contains(ids, t.id):
			t.groupID = id
		case t.groupID == id:
			t.groupID = ""
		}
	}
}

func (s *Server) createTrunkGroup(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, trunkGroupWrite(false), "")
	if e != nil {
		return 0, nil, e
	}
	g := &trunkGroup{createdAt: c.now}
	members := readTrunkGroup(c, w, g, true)
	checkVoiceInName(c, w, g.name, "")
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	g.id = s.nextIDLocked("voice_in_trunk_group")
	own := &c.acct.own
	own.groups = append(own.groups, g)
	if members != nil {
		own.setMembers(g.id, members)
	}
	return answerOne(c, s.trunkGroupObj(own, g), http.StatusCreated)
}

func (s *Server) updateTrunkGroup(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, trunkGroupWrite(true), id)
	if e != nil {
		return 0, nil, e
	}
	own := &c.acct.own
	g := own.group(id)
	if g == nil {
		return 0, nil, notFound(id)
	}
	next := *g
	members := readTrunkGroup(c, w, &next, false)
	checkVoiceInName(c, w, next.name, g.id)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*g = next
	if members != nil {
		own.setMembers(g.id, members)
	}
	return answerOne(c, s.trunkGroupObj(own, g), http.StatusOK)
}

// deleteTrunkGroup deletes a group: its trunks stay, ungrouped, and DIDs
// routed to it become unrouted, as for a trunk (refusesDeletingUsedTrunk).
func (s *Server) deleteTrunkGroup(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	own := &c.acct.own
	if own.group(id) == nil {
		return 0, nil, notFound(id)
	}
	if refusesDeletingUsedTrunk(c.version) {
		return deleteGroupAndTrunks(own, id)
	}
	own.setMembers(id, nil)
	own.unroute(id)
	own.groups = slices.DeleteFunc(own.groups, func(g *trunkGroup) bool { return g.id == id })
	return http.StatusNoContent, nil, nil
}

// deleteGroupAndTrunks is the 2026-11-19 delete: the group goes with the
// trunks in it, and is refused while DIDs are routed to any of them
// (DIDWW's OpenAPI 2026-10-22 draft; SMS trunk groups do the same).
func deleteGroupAndTrunks(own *holdings, id string) (int, any, *apiError) {
	members := []string{id}
	for _, t := range own.trunks {
		if t.groupID == id {
			members = append(members, t.id)
		}
	}
	if slices.ContainsFunc(members, own.routedTo) {
		return 0, nil, validation("/data", "voice_in_trunk_group - the group or one of its trunks is still in use by DIDs")
	}
	own.trunks = slices.DeleteFunc(own.trunks, func(t *trunk) bool { return t.groupID == id })
	own.groups = slices.DeleteFunc(own.groups, func(g *trunkGroup) bool { return g.id == id })
	return http.StatusNoContent, nil, nil
}
