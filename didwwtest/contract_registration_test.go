package didwwtest

import (
	"fmt"
	"net/http"
	"time"

	"github.com/stretchr/testify/require"
)

// registrationTypes are the resources registrationFlow writes; it runs for
// a version whose contract has them all (address verifications are added
// where the version has them).
var registrationTypes = []string{"identities", "addresses", "proofs", "public_keys", "encrypted_files",
	"permanent_supporting_documents", "address_requirement_validations"}

// registrationFlow files an identity, an address, uploads, proofs and a
// permanent document, validates them, and submits a verification of a
// German DID; what it leaves is there for the list checks.
func (x *cchecker) registrationFlow(v string) {
	for _, typ := range registrationTypes {
		if x.c.Resources[typ] == nil || x.shape(typ, v) == nil {
			return
		}
	}
	files := []string{x.uploadFlow(v), x.uploadFlow(v), x.uploadFlow(v)}
	de := uid("country/DE")
	identity := x.write("identities", v, "", body("identities", "", map[string]any{"identity_type": "personal",
		"first_name": "Erika", "last_name": "Mustermann", "phone_number": "4924112345", "birth_date": "1980-02-03",
		"contact_email": "erika@example.com", "id_number": "T22000129", "external_reference_id": "contract-identity"},
		map[string]any{"country": one("countries", de), "birth_country": one("countries", de)}))
	x.write("identities", v, identity, body("identities", identity, map[string]any{"description": "contract"}, nil))
	x.refuse("identities", v, "invalid_attribute", "", body("identities", "", map[string]any{"identity_type": "personal",
		"first_name": "x", "last_name": "y", "phone_number": "+49 241"}, nil))
	x.refuse("identities", v, "unknown_param", identity, body("identities", identity, map[string]any{"identity_type": "business"}, nil))
	x.refuse("identities", v, "unknown_id", missingID, body("identities", missingID, map[string]any{"first_name": "x"}, nil))
	addr := x.write("addresses", v, "", body("addresses", "", map[string]any{"address": "Theaterstrasse 1",
		"city_name": "Aachen", "postal_code": "52062"},
		map[string]any{"identity": one("identities", identity), "country": one("countries", de)}))
	x.write("addresses", v, addr, body("addresses", addr, map[string]any{"description": "office"}, nil))
	x.refuse("addresses", v, "missing_relationship", "", body("addresses", "", map[string]any{"address": "a",
		"city_name": "b", "postal_code": "c"}, nil))
	x.refuse("addresses", v, "invalid_attribute", addr, body("addresses", addr, map[string]any{"postal_code": ""}, nil))
	x.refuse("addresses", v, "unknown_id", missingID, body("addresses", missingID, map[string]any{"address": "x"}, nil))
	x.proofFlow(v, identity, addr, files)
	x.validationFlow(v, identity, addr)
	x.verificationFlow(v, addr, files[2])
	x.underReviewFlow(v, identity, addr)
	spare := x.write("identities", v, "", body("identities", "", map[string]any{"identity_type": "business",
		"first_name": "Max", "last_name": "Muster", "phone_number": "4930123", "company_name": "Muster GmbH"}, nil))
	x.remove("identities", v, spare)
}

// uploadFlow uploads a document and tries the refused uploads; it returns
// the id of the upload.
func (x *cchecker) uploadFlow(v string) string {
	pems := publicKeys(x.t, x.s.URL)
	fp := testFingerprint(x.t, pems)
	ep := x.shape("encrypted_files", v).Endpoints["create"]
	send := func(fields map[string]string, file []byte) answer {
		hdr := http.Header{"Accept": {mediaType}, "X-Didww-Api-Version": {v}}
		if a := x.c.Authentication[v]; a != nil && a.Scheme == "bearer" {
			hdr.Set("Authorization", "Bearer "+x.mint())
		} else {
			hdr.Set("Api-Key", x.s.APIKey)
		}
		ct, b := multipartUpload(x.t, fields, file)
		a, _ := postUpload(x.t, x.s.URL, hdr, ct, b)
		return a
	}
	what := "encrypted_files " + v + " POST " + ep.Path
	sealed := testEncrypt(x.t, pems, []byte("%PDF-1.4 contract document"))
	a := send(map[string]string{"encrypted_files[encryption_fingerprint]": fp, "encrypted_files[description]": "passport.pdf"}, sealed)
	if !x.expectStatus(x.f.Key("encrypted_files", v, "status", "create"), a, ep.Status, what) {
		return ""
	}
	x.checkDoc(docContext{typ: "encrypted_files", v: v, op: "create", what: what}, a)
	garbled := append([]byte{}, sealed...)
	garbled[len(garbled)-20] ^= 0xff
	x.expectError("encrypted_files", v, "undecryptable", send(map[string]string{"encrypted_files[encryption_fingerprint]": fp}, garbled), what+" (garbled)")
	x.expectError("encrypted_files", v, "wrong_fingerprint", send(map[string]string{"encrypted_files[encryption_fingerprint]": "00:::11"}, sealed), what+" (fingerprint)")
	x.expectError("encrypted_files", v, "missing_file", send(map[string]string{"encrypted_files[encryption_fingerprint]": fp}, nil), what+" (no file)")
	x.expectError("encrypted_files", v, "legacy_batch", send(map[string]string{"encrypted_files[items][][description]": "x"}, nil), what+" (legacy)")
	spare := send(map[string]string{"encrypted_files[encryption_fingerprint]": fp}, sealed)
	x.remove("encrypted_files", v, idOf(spare))
	return idOf(a)
}

// proofFlow proves the identity and the address and files the German
// registration form; it tries each write's bad inputs.
func (x *cchecker) proofFlow(v, identity, addr string, files []string) {
	proof := func(typeID string, entity map[string]any, file string) map[string]any {
		return body("proofs", "", nil, map[string]any{"proof_type": one("proof_types", typeID), "entity": entity,
			"files": many("encrypted_files", file)})
	}
	p := x.write("proofs", v, "", proof(ProofTypePassportID, one("identities", identity), files[0]))
	x.write("proofs", v, "", proof(ProofTypeUtilityBillID, one("addresses", addr), files[1]))
	x.write("proofs", v, p, body("proofs", p, map[string]any{"external_reference_id": "contract-proof"}, nil))
	x.refuse("proofs", v, "unknown_link", "", proof(ProofTypeUtilityBillID, one("identities", identity), files[0]))
	x.refuse("proofs", v, "missing_relationship", "", body("proofs", "", nil, map[string]any{"proof_type": one("proof_types", ProofTypePassportID)}))
	x.refuse("proofs", v, "unknown_param", p, body("proofs", p, nil, map[string]any{"files": many("encrypted_files", files[0])}))
	x.refuse("proofs", v, "unknown_id", missingID, body("proofs", missingID, map[string]any{"external_reference_id": "x"}, nil))
	spare := x.write("proofs", v, "", proof(personalProofs[1], one("identities", identity), files[0]))
	x.remove("proofs", v, spare)
	typ := "permanent_supporting_documents"
	doc := func(tpl string) map[string]any {
		return body(typ, "", nil, map[string]any{"template": one("supporting_document_templates", tpl),
			"identity": one("identities", identity), "files": many("encrypted_files", files[0])})
	}
	d := x.write(typ, v, "", doc(TemplateGermanyRegistrationID))
	x.write(typ, v, d, body(typ, d, map[string]any{"external_reference_id": "contract-doc"}, nil))
	x.refuse(typ, v, "unknown_link", "", doc(TemplateGermanyUsageID))
	x.refuse(typ, v, "missing_relationship", "", body(typ, "", nil, map[string]any{"identity": one("identities", identity)}))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"external_reference_id": "x"}, nil))
	spare = x.write(typ, v, "", doc(TemplateGermanyRegistrationID))
	x.remove(typ, v, spare)
}

// validationFlow validates the identity and address against the German
// local requirement (satisfied), and a bare identity (not).
func (x *cchecker) validationFlow(v, identity, addr string) {
	typ := "address_requirement_validations"
	ep := x.shape(typ, v).Endpoints["create"]
	check := func(identity, addr string) map[string]any {
		rels := map[string]any{"address_requirement": one("address_requirements", uid("address_requirement/DE"))}
		if identity != "" {
			rels["identity"] = one("identities", identity)
		}
		if addr != "" {
			rels["address"] = one("addresses", addr)
		}
		return body(typ, "", map[string]any{}, rels)
	}
	what := fmt.Sprintf("%s %s POST %s", typ, v, ep.Path)
	a := x.do("POST", ep.Path, nil, check(identity, addr), v)
	if x.expectStatus(x.f.Key(typ, v, "status", "create"), a, ep.Status, what) {
		x.checkDoc(docContext{typ: typ, v: v, op: "create", what: what}, a)
	}
	bare := x.write("identities", v, "", body("identities", "", map[string]any{"identity_type": "personal",
		"first_name": "A", "last_name": "B", "phone_number": "1"}, nil))
	x.refuse(typ, v, "unsatisfied", "", check(bare, ""))
	x.refuse(typ, v, "unknown_link", "", check(missingID, ""))
	x.refuse(typ, v, "missing_relationship", "", body(typ, "", nil, map[string]any{"identity": one("identities", identity)}))
	x.remove("identities", v, bare)
}

// verificationFlow buys a German local DID and submits its verification.
func (x *cchecker) verificationFlow(v, addr, file string) {
	typ := "address_verifications"
	if x.c.Resources[typ] == nil || x.shape(typ, v) == nil {
		return
	}
	g := x.do("GET", "/did_groups/"+DIDGroupAachenID, map[string][]string{"include": {"stock_keeping_units"}}, nil, v)
	var sku string
	for _, inc := range objects(g.doc["included"]) {
		sku, _ = inc["id"].(string)
	}
	order := x.do("POST", "/orders", nil, orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1})), v)
	x.clock.Advance(time.Second)
	dids := objects(x.do("GET", "/dids", map[string][]string{"filter[order.id]": {idOf(order)}}, nil, v).doc["data"])
	require.Len(x.t, dids, 1, "%s: %d DIDs of the German order: %.300s", v, len(dids), order.body)
	did, _ := dids[0]["id"].(string)
	rels := func(address string) map[string]any {
		return map[string]any{"address": one("addresses", address), "dids": many("dids", did)}
	}
	x.refuse(typ, v, "unsatisfied", "", body(typ, "", nil, rels(addr)))
	x.refuse(typ, v, "unknown_link", "", body(typ, "", map[string]any{"service_description": "x"}, rels(missingID)))
	x.refuse(typ, v, "missing_relationship", "", body(typ, "", nil, map[string]any{"address": one("addresses", addr)}))
	id := x.write(typ, v, "", body(typ, "", map[string]any{"service_description": "Customer support line",
		"callback_url": "http://127.0.0.1:9/callbacks", "callback_method": "post", "external_reference_id": "contract-verification"},
		rels(addr)))
	x.write(typ, v, id, body(typ, id, map[string]any{"external_reference_id": "contract-2"}, nil))
	x.refuse(typ, v, "unknown_param", id, body(typ, id, map[string]any{"service_description": "x"}, nil))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"external_reference_id": "x"}, nil))
}

// underReviewFlow tries to delete what the pending verification of addr
// relies on: the address (409), its proofs and the identity's permanent
// documents (422), where the version refuses it.
func (x *cchecker) underReviewFlow(v, identity, addr string) {
	if x.errorStatus("addresses", v, "in_use") != 0 {
		x.expectError("addresses", v, "in_use", x.do("DELETE", "/addresses/"+addr, nil, nil, v), "addresses "+v+" DELETE under review")
	}
	for _, typ := range []string{"proofs", "permanent_supporting_documents"} {
		if x.errorStatus(typ, v, "under_review") == 0 {
			continue
		}
		items := objects(x.do("GET", "/"+typ, nil, nil, v).doc["data"])
		require.NotEmpty(x.t, items, "%s: the flow filed %s", v, typ)
		for _, it := range items {
			id, _ := it["id"].(string)
			x.expectError(typ, v, "under_review", x.do("DELETE", "/"+typ+"/"+id, nil, nil, v), typ+" "+v+" DELETE under review")
		}
	}
}
