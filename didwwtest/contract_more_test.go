package didwwtest

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/didww-go/didww/internal/contract"
	"github.com/stretchr/testify/require"
)

// moreFlows writes the outbound trunks, exports and emergency resources of
// version v; what they leave is there for the list checks.
func (x *cchecker) moreFlows(v string) {
	x.outboundFlow(v)
	x.exportFlow(v)
	x.emergencyFlow(v)
	x.smsFlow(v)
	x.senderIDFlow(v)
}

// firstData returns the data object of an answer.
func firstData(a answer) map[string]any {
	data, _ := a.doc["data"].(map[string]any)
	return data
}

// bare checks the answer of an operation that stores nothing of its own:
// 201 with data {id, type} and the document meta.
func (x *cchecker) bare(typ, v string, a answer, what string) {
	if !x.expectStatus(x.f.Key(typ, v, "status", "create"), a, 201, what) {
		return
	}
	data := firstData(a)
	if keys := sortedKeys(data); !slices.Equal(keys, []string{"id", "type"}) || data["type"] != typ {
		x.f.Add(x.f.Key(typ, v, "document", "data"), "%s: data %v, want {id, type: %s}", what, data, typ)
	}
	x.checkMembers(func(n string) string { return x.f.Key(typ, v, "document_meta", n) }, what+" meta",
		x.shape(typ, v).Endpoints["create"].DocumentMeta, a.doc["meta"])
}

func credentials(ips ...string) map[string]any {
	return map[string]any{"type": "credentials_and_ip", "attributes": map[string]any{"allowed_sip_ips": ips}}
}

// outboundFlow creates a credentials trunk holding a DID and a Twilio
// trunk, updates both, regenerates the credentials, tries the bad inputs,
// deletes the Twilio trunk, and reads the 403 of an account without the
// outbound service.
func (x *cchecker) outboundFlow(v string) {
	typ, regen := "voice_out_trunks", "voice_out_trunk_regenerate_credentials"
	if x.c.Resources[typ] == nil || x.shape(typ, v) == nil || x.shape(regen, v) == nil {
		return
	}
	// A version whose contract has no dids (2026-11-19 so far) gets trunks
	// without them: their includes could not be checked.
	did, links := missingID, map[string]any{}
	if x.shape("dids", v) != nil {
		did = x.emergencyDID(v)
		links = map[string]any{"dids": many("dids", did), "default_did": one("dids", did)}
	}
	cred := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract out", "authentication_method": credentials("203.0.113.0/24"),
		"on_cli_mismatch_action": "replace_cli", "dst_prefixes": []string{"44", "49"}, "threshold_amount": "50.0"}, links))
	twilio := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract twilio",
		"authentication_method": map[string]any{"type": "twilio", "attributes": map[string]any{"twilio_account_sid": "AC0123"}}}, nil))
	x.write(typ, v, twilio, body(typ, twilio, map[string]any{"status": "blocked", "capacity_limit": nil, "allowed_rtp_ips": []string{"198.51.100.7"}}, nil))
	x.write(typ, v, cred, body(typ, cred, map[string]any{"external_reference_id": "contract-out"}, map[string]any{"emergency_dids": many("dids")}))
	x.refuse(typ, v, "invalid_attribute", "", body(typ, "", map[string]any{"name": "x", "authentication_method": credentials(), "on_cli_mismatch_action": "bogus"}, nil))
	x.refuse(typ, v, "missing_authentication_method", "", body(typ, "", map[string]any{"name": "x"}, nil))
	x.refuse(typ, v, "unknown_link", "", body(typ, "", map[string]any{"name": "x", "authentication_method": credentials()}, map[string]any{"dids": many("dids", missingID)}))
	if did != missingID {
		x.refuse(typ, v, "dids_with_any_did", cred, body(typ, cred, map[string]any{"allow_any_did_as_cli": true}, map[string]any{"dids": many("dids", did)}))
	}
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"name": "x"}, nil))
	before := x.password(v, cred)
	path := x.shape(regen, v).Endpoints["create"].Path
	x.bare(regen, v, x.do("POST", path, nil, body(regen, "", nil, map[string]any{"voice_out_trunk": one(typ, cred)}), v), regen+" "+v+" POST "+path)
	if after := x.password(v, cred); after == before || after == "" {
		x.f.Add(x.f.Key(regen, v, "answer", "password"), "%s: the password is %q before and %q after the regeneration", v, before, after)
	}
	for kind, id := range map[string]string{"no_credentials": twilio, "unknown_trunk": missingID} {
		x.expectError(regen, v, kind, x.do("POST", path, nil, body(regen, "", nil, map[string]any{"voice_out_trunk": one(typ, id)}), v), regen+" "+v+" ("+kind+")")
	}
	x.remove(typ, v, twilio)
	x.outboundRefusals(v, cred)
}

// outboundRefusals reads the 403s of the outbound gates the version has:
// the list without the outbound service, every endpoint without the
// Outbound API; and the allowed_rtp_ips lists the version refuses.
func (x *cchecker) outboundRefusals(v, trunk string) {
	typ, regen := "voice_out_trunks", "voice_out_trunk_regenerate_credentials"
	if x.errorStatus(typ, v, "no_outbound_service") != 0 {
		closed := newChecker(x.t, x.c, x.f, v, WithDefaultAccount(OutboundService(false)))
		x.expectError(typ, v, "no_outbound_service", closed.do("GET", "/voice_out_trunks", nil, nil, v), typ+" "+v+" GET without the outbound service")
	}
	for kind, ips := range map[string][]string{"empty_rtp_ips": {}, "any_address_rtp_ips": {"0.0.0.0/0"}} {
		if x.errorStatus(typ, v, kind) != 0 {
			x.refuse(typ, v, kind, "", body(typ, "", map[string]any{"name": "x", "authentication_method": credentials(), "allowed_rtp_ips": ips}, nil))
		}
	}
	if x.errorStatus(typ, v, "no_outbound_api") == 0 {
		return
	}
	closed := newChecker(x.t, x.c, x.f, v, WithDefaultAccount(OutboundAPI(false)))
	for op, ep := range x.shape(typ, v).Endpoints {
		path := strings.ReplaceAll(ep.Path, "{id}", trunk)
		x.expectError(typ, v, "no_outbound_api", closed.do(contract.Method(op), path, nil, body(typ, trunk, map[string]any{"name": "x"}, nil), v),
			typ+" "+v+" "+op+" without the Outbound API")
	}
	ep := x.shape(regen, v).Endpoints["create"]
	x.expectError(regen, v, "no_outbound_api", closed.do("POST", ep.Path, nil, body(regen, "", nil, map[string]any{"voice_out_trunk": one(typ, trunk)}), v),
		regen+" "+v+" without the Outbound API")
}

// password reads the generated password of trunk id.
func (x *cchecker) password(v, id string) string {
	attrs, _ := firstData(x.do("GET", "/voice_out_trunks/"+id, nil, nil, v))["attributes"].(map[string]any)
	am, _ := attrs["authentication_method"].(map[string]any)
	a, _ := am["attributes"].(map[string]any)
	p, _ := a["password"].(string)
	return p
}

// exportFlow creates exports of both types, changes a reference, tries the
// bad inputs, lets them complete on the clock and downloads one.
func (x *cchecker) exportFlow(v string) {
	typ := "exports"
	if x.c.Resources[typ] == nil || x.shape(typ, v) == nil {
		return
	}
	ep := x.shape(typ, v).Endpoints["create"]
	filters := func(kind string, f map[string]any) map[string]any {
		all := map[string]any{"from": "2026-05-01 00:00:00", "to": "2026-05-04 09:00:00"}
		for k, val := range f {
			all[k] = val
		}
		return body(typ, "", map[string]any{"export_type": kind, "filters": all}, nil)
	}
	what := typ + " " + v + " POST " + ep.Path
	a := x.do("POST", ep.Path, nil, filters("cdr_in", nil), v)
	if !x.expectStatus(x.f.Key(typ, v, "status", "create"), a, ep.Status, what) {
		return
	}
	x.checkDoc(docContext{typ: typ, v: v, op: "create", what: what}, a)
	x.checkAnswer(typ, v, ep, a, what)
	in, _ := firstData(a)["id"].(string)
	out := x.write(typ, v, "", filters("cdr_out", nil))
	x.write(typ, v, out, body(typ, out, map[string]any{"external_reference_id": "contract-export"}, nil))
	x.refuse(typ, v, "invalid_attribute", "", filters("bogus", nil))
	x.refuse(typ, v, "date_range", "", body(typ, "", map[string]any{"export_type": "cdr_in",
		"filters": map[string]any{"from": "2026-05-03 00:00:00", "to": "2026-05-02 00:00:00"}}, nil))
	x.refuse(typ, v, "unknown_filter_key", "", filters("cdr_in", map[string]any{"voice_out_trunk.id": missingID}))
	x.refuse(typ, v, "unknown_param", out, body(typ, out, map[string]any{"export_type": "cdr_out"}, nil))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"external_reference_id": "x"}, nil))
	x.clock.Advance(DefaultExportDelay)
	attrs, _ := firstData(x.do("GET", "/exports/"+in, nil, nil, v))["attributes"].(map[string]any)
	link, _ := attrs["url"].(string)
	if attrs["status"] != "completed" || !strings.HasPrefix(link, x.s.URL+"/exports/") {
		x.f.Add(x.f.Key(typ, v, "answer", "completed"), "%s: after the delay status %v url %v", v, attrs["status"], attrs["url"])
		return
	}
	x.download(v, link)
}

// download gets an export's file and checks it is a gzip CSV with the
// cdr_in header; an unknown file is 404 without a body.
func (x *cchecker) download(v, link string) {
	status, b := x.get(v, link)
	zr, err := gzip.NewReader(bytes.NewReader(b))
	var rows [][]string
	if err == nil {
		rows, err = csv.NewReader(zr).ReadAll()
	}
	if status != 200 || err != nil || len(rows) == 0 || !slices.Equal(rows[0], documentedCDRIn) {
		x.f.Add(x.f.Key("exports", v, "download", ""), "%s GET %s: %d, %v, header %v", v, link, status, err, rows)
	}
	if status, b := x.get(v, x.s.URL+"/exports/"+missingID+".csv.gz"); status != 404 || len(b) > 0 {
		x.f.Add(x.f.Key("exports", v, "download", "unknown"), "%s: unknown file: %d %q", v, status, b)
	}
}

// get sends a GET of a file URL with the version's credentials.
func (x *cchecker) get(v, link string) (int, []byte) {
	req, err := http.NewRequest("GET", link, nil)
	require.NoError(x.t, err)
	if a := x.c.Authentication[v]; a != nil && a.Scheme == "bearer" {
		req.Header.Set("Authorization", "Bearer "+x.mint())
	} else {
		req.Header.Set("Api-Key", x.s.APIKey)
	}
	req.Header.Set("Accept", "text/csv")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(x.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(x.t, err)
	return resp.StatusCode, b
}

// emergencyFlow validates against a requirement, and, where the server has
// identities and addresses, registers a bought DID for emergency calling
// and cancels the service it created.
func (x *cchecker) emergencyFlow(v string) {
	val, ev := "emergency_requirement_validations", "emergency_verifications"
	if x.shape(val, v) == nil || x.shape(ev, v) == nil {
		return
	}
	path := x.shape(val, v).Endpoints["create"].Path
	check := func(kind string, rels map[string]any) {
		x.expectError(val, v, kind, x.do("POST", path, nil, body(val, "", nil, rels), v), val+" "+v+" ("+kind+")")
	}
	check("not_satisfied", map[string]any{"emergency_requirement": one("emergency_requirements", EmergencyRequirementUSLocalID)})
	check("unknown_requirement", map[string]any{"emergency_requirement": one("emergency_requirements", missingID)})
	x.refuse(ev, v, "unknown_link", "", body(ev, "", nil, map[string]any{"address": one("addresses", missingID), "dids": many("dids", missingID)}))
	shut := newChecker(x.t, x.c, x.f, v, WithDefaultAccount(EmergencyCalling(false)))
	shut.refuse(ev, v, "no_emergency_plan", "", body(ev, "", nil, map[string]any{"address": one("addresses", missingID)}))
	x.emergencyGates(shut, v)
	if res := x.s.reg.byType["addresses"]; res == nil || res.create == nil {
		return // registered with the registration resources
	}
	identity, address := x.registrant(v)
	rels := map[string]any{"emergency_requirement": one("emergency_requirements", EmergencyRequirementUSLocalID),
		"identity": one("identities", identity), "address": one("addresses", address)}
	x.bare(val, v, x.do("POST", path, nil, body(val, "", nil, rels), v), val+" "+v+" POST "+path)
	did := x.emergencyDID(v)
	id := x.write(ev, v, "", body(ev, "", map[string]any{"callback_url": "https://example.com/ev", "callback_method": "post"},
		map[string]any{"address": one("addresses", address), "dids": many("dids", did)}))
	x.write(ev, v, id, body(ev, id, map[string]any{"external_reference_id": "contract-ev"}, nil))
	x.refuse(ev, v, "unknown_id", missingID, body(ev, missingID, map[string]any{"external_reference_id": "x"}, nil))
	services := objects(x.do("GET", "/emergency_calling_services", nil, nil, v).doc["data"])
	if len(services) != 1 {
		x.f.Add(x.f.Key("emergency_calling_services", v, "answer", "created"), "%s: %d services after a verification with dids", v, len(services))
		return
	}
	svc, _ := services[0]["id"].(string)
	if x.errorStatus("addresses", v, "in_use") != 0 {
		x.expectError("addresses", v, "in_use", x.do("DELETE", "/addresses/"+address, nil, nil, v), "addresses "+v+" DELETE with a running emergency service")
		x.expectError("identities", v, "in_use", x.do("DELETE", "/identities/"+identity, nil, nil, v), "identities "+v+" DELETE with a running emergency service")
	}
	x.refuse(ev, v, "both_modes", "", body(ev, "", nil, map[string]any{"address": one("addresses", address),
		"dids": many("dids", did), "emergency_calling_service": one("emergency_calling_services", svc)}))
	p := "/emergency_calling_services/" + svc
	x.expectStatus(x.f.Key("emergency_calling_services", v, "status", "delete"), x.do("DELETE", p, nil, nil, v), 204, "DELETE "+p)
	x.expectError("emergency_calling_services", v, "unknown_id", x.do("DELETE", "/emergency_calling_services/"+missingID, nil, nil, v), "DELETE unknown")
}

// registrant creates a personal identity in the US and its address.
func (x *cchecker) registrant(v string) (identity, address string) {
	country := map[string]any{"country": one("countries", CountryUSID)}
	identity = x.write("identities", v, "", body("identities", "", map[string]any{"identity_type": "personal", "first_name": "Ada",
		"last_name": "Lovelace", "phone_number": "12125550100", "contact_email": "ada@example.com"}, country))
	address = x.write("addresses", v, "", body("addresses", "", map[string]any{"address": "1 Main St", "city_name": "Houston",
		"postal_code": "77002"}, map[string]any{"identity": one("identities", identity), "country": one("countries", CountryUSID)}))
	return identity, address
}

// emergencyDID buys a DID of a US group with the emergency feature.
func (x *cchecker) emergencyDID(v string) string {
	q := url.Values{"filter[features]": {"emergency"}, "filter[country.id]": {CountryUSID}, "include": {"stock_keeping_units"}}
	var sku string
	for _, inc := range objects(x.do("GET", "/did_groups", q, nil, v).doc["included"]) {
		if inc["type"] == "stock_keeping_units" {
			sku, _ = inc["id"].(string)
			break
		}
	}
	a := x.do("POST", "/orders", nil, orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1})), v)
	order, _ := firstData(a)["id"].(string)
	x.clock.Advance(DefaultOrderCompletionDelay)
	for _, d := range objects(x.do("GET", "/dids", url.Values{"include": {"order"}}, nil, v).doc["data"]) {
		rels, _ := d["relationships"].(map[string]any)
		o, _ := rels["order"].(map[string]any)
		if ref, _ := o["data"].(map[string]any); ref["id"] == order {
			return fmt.Sprint(d["id"])
		}
	}
	require.Fail(x.t, fmt.Sprintf("%s: no DID of the emergency order %s: %.300s", v, order, a.body))
	return ""
}

// emergencyGates reads the 403 of every emergency endpoint whose contract
// lists it, for an account without emergency calling.
func (x *cchecker) emergencyGates(shut *cchecker, v string) {
	for _, typ := range []string{"emergency_requirements", "emergency_requirement_validations", "emergency_calling_services", "emergency_verifications"} {
		for op, ep := range x.shape(typ, v).Endpoints {
			if ep.Errors["no_emergency_plan"] == 0 || (typ == "emergency_verifications" && op == "create") {
				continue
			}
			path, method := strings.ReplaceAll(ep.Path, "{id}", missingID), contract.Method(op)
			var b any
			if method == "POST" || method == "PATCH" {
				b = body(typ, missingID, nil, nil)
			}
			x.expectError(typ, v, "no_emergency_plan", shut.do(method, path, nil, b, v), typ+" "+v+" "+op+" without emergency calling")
		}
	}
}
