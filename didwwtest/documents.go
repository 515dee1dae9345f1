package didwwtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// proof is a document proving an identity or an address; files are the
// encrypted files copied onto it (never returned).
type proof struct {
	id, proofTypeID string
	entity          ref
	extRef          *string
	createdAt       time.Time
	files           []string
}

// permDoc is a completed permanent template filed for an identity.
type permDoc struct {
	id, templateID, identityID string
	extRef                     *string
	createdAt                  time.Time
	files                      []string
}

func proofObj(_ *regState, x *proof) *obj {
	entity := rel{name: "entity", typ: "identities"}
	if x.entity.ID != "" {
		entity.typ, entity.refs = x.entity.Type, []ref{x.entity}
	}
	return &obj{typ: "proofs", id: x.id,
		attrs: map[string]any{"created_at": timestamp(x.createdAt), "expires_at": nil, "external_reference_id": optPtr(x.extRef)},
		rels:  []rel{toOne("proof_type", "proof_types", x.proofTypeID), entity}}
}

var proofIncludes = []string{"proof_type", "entity"}

// proofResource registers proofs: list, show, create, update, delete.
func (s *Server) proofResource() *resource {
	res := ownedResource(&owned[proof]{typ: "proofs", includes: proofIncludes, paginated: true,
		items: func(r *regState) *[]*proof { return &r.proofs }, id: func(x *proof) string { return x.id }, obj: proofObj,
		filters: func(*call) map[string]filterFn[*proof] {
			return map[string]filterFn[*proof]{
				"id":                    fEq(func(x *proof) string { return x.id }),
				"external_reference_id": fEq(func(x *proof) string { return deref(x.extRef) }),
			}
		},
		sorts: map[string]func(a, b *proof) int{
			"created_at":            func(a, b *proof) int { return a.createdAt.Compare(b.createdAt) },
			"expires_at":            func(a, b *proof) int { return 0 }, // never expires: all null
			"external_reference_id": func(a, b *proof) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
		},
		inUse: func(c *call, x *proof) *apiError { return documentInUse(&c.acct.reg, x.entity) }})
	res.create = s.createProof
	res.update = func(c *call, id string) (int, any, *apiError) {
		return updateExtRef(c, id, "proofs", func(r *regState) *proof { return findIn(r.proofs, func(x *proof) string { return x.id }, id) },
			func(x *proof) **string { return &x.extRef }, proofObj)
	}
	return res
}

// updateExtRef is a PATCH that takes external_reference_id only.
func updateExtRef[T any](c *call, id, typ string, find func(r *regState) *T, dst func(*T) **string, objOf func(*regState, *T) *obj) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: typ, isUpdate: true, attrs: []string{"external_reference_id"}}, id)
	if e != nil {
		return 0, nil, e
	}
	x := find(&c.acct.reg)
	if x == nil {
		return 0, nil, notFound(id)
	}
	ext := *dst(x)
	w.externalRef(&ext)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	*dst(x) = ext
	return answerOne(c, objOf(&c.acct.reg, x), http.StatusOK)
}

// entityOf is what a proof of entity type et proves: the linkage type and,
// for an identity, its identity_type.
func entityOf(et string) (typ, identityType string) {
	switch et {
	case "Address":
		return "addresses", ""
	case "Personal":
		return "identities", "personal"
	case "Business":
		return "identities", "business"
	}
	return "", ""
}

func (s *Server) createProof(c *call, _ string) (int, any, *apiError) {
	w, e := readWrite(c, writeSpec{typ: "proofs", attrs: []string{"external_reference_id"},
		rels: []string{"proof_type", "entity", "files"}}, "")
	if e != nil {
		return 0, nil, e
	}
	x := &proof{createdAt: c.now}
	w.externalRef(&x.extRef)
	typeID, _ := w.toOne("proof_type", "proof_types")
	entity, _ := w.toOneOf("entity", "identities", "addresses")
	files, _ := w.toMany("files", "encrypted_files")
	if w.bad == nil && (typeID == "" || entity.ID == "" || len(files) == 0) {
		return 0, nil, badRequest("106", "Missing parameter", "The required relationships, proof_type, entity and files, are missing.")
	}
	pt := s.proofType(typeID)
	wantType, wantIdentity := "", ""
	if pt != nil {
		wantType, wantIdentity = entityOf(pt.EntityType)
	}
	switch {
	case w.bad != nil:
	case pt == nil || wantType == "":
		w.fail("/data/relationships/proof_type", "proof_type - is invalid")
	case !c.acct.reg.entityExists(entity):
		w.fail("/data/relationships/entity", "entity - is invalid")
	case entity.Type != wantType || (wantIdentity != "" && c.acct.reg.identity(entity.ID).identityType != wantIdentity):
		w.fail("/data/relationships/entity", "entity - does not match the proof type "+pt.Name+" ("+pt.EntityType+")")
	}
	c.acct.reg.checkFiles(w, "files", files, c.now)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	x.id, x.proofTypeID, x.entity, x.files = s.nextIDLocked("proof"), typeID, entity, files
	c.acct.reg.proofs = append(c.acct.reg.proofs, x)
	return answerOne(c, proofObj(&c.acct.reg, x), http.StatusCreated)
}

func (r *regState) entityExists(e ref) bool {
	switch e.Type {
	case "identities":
		return r.identity(e.ID) != nil
	case "addresses":
		return r.address(e.ID) != nil
	}
	return false
}

// checkFiles refuses files that are not encrypted files of the account
// still on file at now.
func (r *regState) checkFiles(w *writeDoc, name string, ids []string, now time.Time) {
	for i, id := range ids {
		if f := r.file(id); f == nil || !now.Before(f.expiresAt) {
			w.fail("/data/relationships/"+name+"/data/"+strconv.Itoa(i), name+" - encrypted file "+id+" is invalid or expired")
		}
	}
}

// toOneOf reads a polymorphic to-one relationship whose linkage names one
// of types.
func (w *writeDoc) toOneOf(name string, types ...string) (ref, bool) {
	raw, ok := w.relData(name)
	if !ok {
		return ref{}, false
	}
	if string(raw) == "null" {
		return ref{}, true
	}
	var r ref
	if json.Unmarshal(raw, &r) != nil || r.ID == "" {
		w.malformed(badRequest("103", "Invalid field value", name+" has the wrong type."))
		return ref{}, false
	}
	if !slices.Contains(types, r.Type) {
		w.malformed(badRequest("116", "Type mismatch", r.Type+" is not a valid type for "+name+"."))
		return ref{}, false
	}
	return r, true
}

func permDocObj(_ *regState, x *permDoc) *obj {
	return &obj{typ: "permanent_supporting_documents", id: x.id,
		attrs: map[string]any{"created_at": timestamp(x.createdAt), "external_reference_id": optPtr(x.extRef)},
		rels: []rel{toOne("template", "supporting_document_templates", x.templateID),
			toOne("identity", "identities", x.identityID)}}
}

// permanentDocResource registers permanent_supporting_documents.
func (s *Server) permanentDocResource() *resource {
	res := ownedResource(&owned[permDoc]{typ: "permanent_supporting_documents", includes: []string{"template", "identity"},
		paginated: true, items: func(r *regState) *[]*permDoc { return &r.docs }, id: func(x *permDoc) string { return x.id },
		obj: permDocObj,
		filters: func(*call) map[string]filterFn[*permDoc] {
			return map[string]filterFn[*permDoc]{
				"id":                    fEq(func(x *permDoc) string { return x.id }),
				"external_reference_id": fEq(func(x *permDoc) string { return deref(x.extRef) }),
			}
		},
		sorts: map[string]func(a, b *permDoc) int{
			"created_at":            func(a, b *permDoc) int { return a.createdAt.Compare(b.createdAt) },
			"external_reference_id": func(a, b *permDoc) int { return cmpStr(deref(a.extRef), deref(b.extRef)) },
		},
		inUse: func(c *call, x *permDoc) *apiError {
			return documentInUse(&c.acct.reg, ref{"identities", x.identityID})
		}})
	res.create = func(c *call, _ string) (int, any, *apiError) { return s.writePermDoc(c, "") }
	res.update = s.writePermDoc
	return res
}

// writePermDoc creates (id "") or updates a permanent supporting document.
func (s *Server) writePermDoc(c *call, id string) (int, any, *apiError) {
	typ := "permanent_supporting_documents"
	w, e := readWrite(c, writeSpec{typ: typ, isUpdate: id != "", attrs: []string{"external_reference_id"},
		rels: []string{"template", "identity", "files"}}, id)
	if e != nil {
		return 0, nil, e
	}
	x := &permDoc{createdAt: c.now}
	if id != "" {
		if x = findIn(c.acct.reg.docs, func(d *permDoc) string { return d.id }, id); x == nil {
			return 0, nil, notFound(id)
		}
	}
	next := *x
	w.externalRef(&next.extRef)
	tplID, tplGiven := w.toOne("template", "supporting_document_templates")
	identityID, idGiven := w.toOne("identity", "identities")
	files, filesGiven := w.toMany("files", "encrypted_files")
	if w.bad == nil && id == "" && (tplID == "" || identityID == "" || len(files) == 0) {
		return 0, nil, badRequest("106", "Missing parameter", "The required relationships, template, identity and files, are missing.")
	}
	if tpl := s.template(tplID); tplGiven && (tpl == nil || !tpl.Permanent) {
		w.fail("/data/relationships/template", "template - is not a permanent supporting document template")
	}
	if idGiven && c.acct.reg.identity(identityID) == nil {
		w.fail("/data/relationships/identity", "identity - is invalid")
	}
	c.acct.reg.checkFiles(w, "files", files, c.now)
	if e := w.done(); e != nil {
		return 0, nil, e
	}
	if tplGiven {
		next.templateID = tplID
	}
	if idGiven {
		next.identityID = identityID
	}
	if filesGiven {
		next.files = files
	}
	if id != "" {
		*x = next
		return answerOne(c, permDocObj(&c.acct.reg, x), http.StatusOK)
	}
	next.id = s.nextIDLocked("permanent_supporting_document")
	c.acct.reg.docs = append(c.acct.reg.docs, &next)
	return answerOne(c, permDocObj(&c.acct.reg, &next), http.StatusCreated)
}
