package didwwtest

import (
	"math"
	"net/http"
	"slices"
	"strconv"
)

func sharedObj(own *holdings, g *sharedGroup) *obj {
	var dids []string
	for _, d := range own.dids {
		if d.sharedID == g.id && g.id != "" {
			dids = append(dids, d.id)
		}
	}
	return &obj{typ: "shared_capacity_groups", id: g.id,
		attrs: map[string]any{
			"name": g.name, "shared_channels_count": g.shared, "metered_channels_count": optPtr(g.metered),
			"external_reference_id": optPtr(g.extRef), "created_at": timestamp(g.createdAt),
		},
		rels: []rel{toOne("capacity_pool", "capacity_pools", g.poolID), toMany("dids", "dids", dids)}}
}

var sharedIncludes = []string{"capacity_pool", "dids"}

// sharedResource registers shared_capacity_groups: list, show, create,
// update, delete.
func (s *Server) sharedResource() *resource {
	res := &resource{typ: "shared_capacity_groups", includes: sharedIncludes,
		sample: sharedObj(&holdings{}, &sharedGroup{}),
		create: s.createShared, update: s.updateShared, del: s.deleteShared}
	res.find = func(c *call, id string) *obj {
		if g := c.acct.own.sharedGroup(id); g != nil {
			return sharedObj(&c.acct.own, g)
		}
		return nil
	}
	res.list = func(c *call, _ string) (int, any, *apiError) {
		own := &c.acct.own
		spec := &listSpec[*sharedGroup]{typ: "shared_capacity_groups", paginated: true, includes: sharedIncludes,
			obj: func(g *sharedGroup) *obj { return sharedObj(own, g) },
			filters: map[string]filterFn[*sharedGroup]{
				"id":                    fEq(func(g *sharedGroup) string { return g.id }),
				"name":                  fName(func(g *sharedGroup) string { return g.name }),
				"capacity_pool.id":      fEq(func(g *sharedGroup) string { return g.poolID }),
				"external_reference_id": fEq(func(g *sharedGroup) string { return deref(g.extRef) }),
			},
			sorts: map[string]func(a, b *sharedGroup) int{
				"created_at":             func(a, b *sharedGroup) int { return a.createdAt.Compare(b.createdAt) },
				"external_reference_id":  func(a, b *sharedGroup) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
				"metered_channels_count": func(a, b *sharedGroup) int { return cmpOpt(a.metered, b.metered) },
				"name":                   func(a, b *sharedGroup) int { return cmpStr(a.name, b.name) },
				"shared_channels_count":  func(a, b *sharedGroup) int { return a.shared - b.shared },
			}}
		return serveList(c, spec, own.shared)
	}
	res.show = func(c *call, id string) (int, any, *apiError) {
		return serveOne(c, res.find(c, id), id, sharedIncludes, nil, http.StatusOK)
	}
	return res
}

func sharedWrite(update bool) writeSpec {
	return writeSpec{typ: "shared_capacity_groups", isUpdate: update, requireAttrs: !update,
		attrs: []string{"name", "shared_channels_count", "metered_channels_count", "external_reference_id"},
		rels:  []string{"capacity_pool", "dids"}}
}

// readShared reads a group write into g and returns the DIDs it names (nil
// when the set is not sent). The group must have a pool that can give its
// channels.
func (s *Server) readShared(c *call, w *writeDoc, g, prev *sharedGroup) []string {
	own := &c.acct.own
	w.name(prev == nil, &g.name)
	w.intIn("shared_channels_count", 0, math.MaxInt32, &g.shared)
	w.optInt("metered_channels_count", 0, &g.metered)
	w.externalRef(&g.extRef)
	const poolPointer = "/data/relationships/capacity_pool"
	if id, given := w.toOne("capacity_pool", "capacity_pools"); given || prev == nil {
		switch {
		case id == "":
			w.fail(poolPointer, "capacity_pool - can't be blank")
		case s.idx.pools[id] == nil:
			w.fail(poolPointer, "capacity_pool - is invalid")
		default:
			g.poolID = id
			poolFits(w, own, g, prev)
		}
	} else {
		poolFits(w, own, g, prev)
	}
	ids, given := w.toMany("dids", "dids")
	for i, id := range ids {
		if findIn(own.dids, (*ownedDID).key, id) == nil {
			w.fail("/data/relationships/dids/data/"+strconv.Itoa(i), "dids - "+id+" is invalid")
		}
	}
	if !given {
		return nil
	}
	return ids
}

// setDIDs makes ids the DIDs of group id. A DID that joins leaves its
// capacity pool (a DID draws on one or the other), and its dedicated
// channels go back to that pool.
func (h *holdings) setDIDs(id string, ids []string) {
	for _, d := range h.dids {
		switch {
		case slices.Contains(ids, d.id):
			d.sharedID = id
			if d.poolID != "" {
				d.poolID, d.dedicated = "", 0
			}
		case d.sharedID == id:
			d.sharedID = ""
		}
	}
}

func (s *Server) createShared(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, sharedWrite(false), "")
	if e != nil {
		return 0, nil, e
	}
	g := &sharedGroup{createdAt: c.now}
	dids := s.readShared(c, w, g, nil)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	g.id = s.nextIDLocked("shared_capacity_group")
	own := &c.acct.own
	own.shared = append(own.shared, g)
	if dids != nil {
		own.setDIDs(g.id, dids)
	}
	return answerOne(c, sharedObj(own, g), http.StatusCreated)
}

func (s *Server) updateShared(c *call, id string) (int, any, *apiError) {
	w, e := readWrite(c, sharedWrite(true), id)
	if e != nil {
		return 0, nil, e
	}
	own := &c.acct.own
	g := own.sharedGroup(id)
	if g == nil {
		return 0, nil, notFound(id)
	}
	next := *g
	dids := s.readShared(c, w, &next, g)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*g = next
	if dids != nil {
		own.setDIDs(g.id, dids)
	}
	return answerOne(c, sharedObj(own, g), http.StatusOK)
}

// deleteShared deletes a group: its channels go back to the pool and its
// DIDs leave it.
func (s *Server) deleteShared(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	own := &c.acct.own
	if own.sharedGroup(id) == nil {
		return 0, nil, notFound(id)
	}
	own.setDIDs(id, nil)
	own.shared = slices.DeleteFunc(own.shared, func(g *sharedGroup) bool { return g.id == id })
	return http.StatusNoContent, nil, nil
}
