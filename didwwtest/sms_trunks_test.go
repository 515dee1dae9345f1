package didwwtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/contract"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trunkServer is a server whose default account speaks 2026-11-19, with a
// token for it, one SMS trunk group ("Support") and two DIDs.
type trunkServer struct {
	*Server
	tok           string
	groupID, did1 string
	did2          string
}

func newTrunkServer(t *testing.T) *trunkServer {
	t.Helper()
	s := newTestServer(t, WithDefaultAccount(APIVersion(version20261119)), WithTest(t))
	x := &trunkServer{Server: s, tok: tokenFor(t, s, s.APIKey), groupID: uid("sms-group/1"), did1: uid("sms-did/1"), did2: uid("sms-did/2")}
	s.mu.Lock()
	a := s.accounts[s.APIKey]
	a.sms.groups = append(a.sms.groups, &smsTrunkGroup{id: x.groupID, name: "Support"})
	a.own.dids = append(a.own.dids, &ownedDID{id: x.did1, number: "441234567890"}, &ownedDID{id: x.did2, number: "441234567891"})
	s.mu.Unlock()
	return x
}

func (x *trunkServer) call(t *testing.T, method, path string, body any) *tResp {
	t.Helper()
	return apiCall(t, x.Server, "", method, path, body, bearer(x.tok)...)
}

// smsBody is a create (id "") or update document of sms_trunks.
func smsBody(id string, attrs map[string]any, rels map[string]any) map[string]any {
	data := map[string]any{"type": "sms_trunks", "attributes": attrs}
	if id != "" {
		data["id"] = id
	}
	if rels != nil {
		data["relationships"] = rels
	}
	return map[string]any{"data": data}
}

func smsCfg(kind string, attrs map[string]any) map[string]any {
	return map[string]any{"type": kind, "attributes": attrs}
}

// smsMailAttrs are the attributes an sms_to_email create needs.
func smsMailAttrs(to string) map[string]any {
	return map[string]any{"send_to": to, "subject": "Inbound SMS", "message": "You have a new message."}
}

func smsMail(to string) map[string]any { return smsCfg("sms_to_email", smsMailAttrs(to)) }

func smsLink(typ, id string) map[string]any {
	return map[string]any{"data": map[string]any{"type": typ, "id": id}}
}

func (x *trunkServer) create(t *testing.T, attrs, rels map[string]any) tRes {
	t.Helper()
	r := x.call(t, "POST", "/sms_trunks", smsBody("", attrs, rels))
	wantStatus(t, r, http.StatusCreated)
	return r.one(t)
}

func configOf(t *testing.T, r tRes) (string, map[string]any) {
	t.Helper()
	c, ok := r.Attributes["configuration"].(map[string]any)
	require.True(t, ok, "configuration: %v", r.Attributes["configuration"])
	attrs, _ := c["attributes"].(map[string]any)
	kind, _ := c["type"].(string)
	return kind, attrs
}

func TestSMSTrunksCreateEachKind(t *testing.T) {
	t.Parallel()
	x := newTrunkServer(t)
	email := x.create(t, map[string]any{"name": "Inbox", "configuration": smsMail("sms@example.com")},
		map[string]any{"sms_trunk_group": smsLink("sms_trunk_groups", x.groupID)})
	kind, c := configOf(t, email)
	assert.Equal(t, "sms_to_email", kind)
	assert.Equal(t, "Inbound SMS", c["subject"])
	assert.Equal(t, "You have a new message.", c["message"])
	assert.Equal(t, float64(100), email.Attributes["priority"], "the default priority")
	assert.Equal(t, true, email.Attributes["allow_in"])
	assert.Equal(t, false, email.Attributes["allow_out"])
	assert.Nil(t, email.Meta, "no host off http_out")

	out := x.create(t, map[string]any{"name": "Out", "configuration": smsCfg("http_out", map[string]any{"callback_url": "https://example.com/cb"})},
		map[string]any{"outgoing_dids": map[string]any{"data": []any{map[string]any{"type": "dids", "id": x.did1}}}})
	_, c = configOf(t, out)
	assert.Nil(t, out.Attributes["priority"], "http_out has no priority")
	assert.Len(t, c["auth_name"], 10, "generated")
	assert.Len(t, c["auth_password"], 20, "generated")
	assert.Equal(t, smsSubmitURL, out.Meta["host"])
	assert.Equal(t, false, out.Attributes["allow_in"])
	assert.Equal(t, true, out.Attributes["allow_out"])

	esme := x.create(t, map[string]any{"name": "ESME", "allow_any_did_as_source": true,
		"configuration": smsCfg("smpp_esme", map[string]any{"server_location": "fra"})}, nil)
	_, c = configOf(t, esme)
	assert.NotEmpty(t, c["system_id"])
	assert.NotEmpty(t, c["password"])
	assert.Equal(t, true, esme.Attributes["allow_any_did_as_source"])

	hook := x.create(t, map[string]any{"name": "Hook", "priority": 7, "configuration": smsCfg("http_in", map[string]any{
		"url": "https://example.com/in", "http_method": "post", "body_type": "json", "body": "{}"})}, nil)
	_, c = configOf(t, hook)
	assert.Equal(t, "post", c["http_method"])
	assert.Equal(t, true, c["validate_https_certificate"], "the fake's default")
	assert.Nil(t, c["headers"])
	assert.Equal(t, float64(7), hook.Attributes["priority"])
	form := x.create(t, map[string]any{"name": "Form", "configuration": smsCfg("http_in", map[string]any{
		"url": "https://example.com/in", "http_method": "put", "body_type": "html_url_encoded", "body": map[string]string{"text": "{SMS_TEXT}"}})}, nil)
	_, c = configOf(t, form)
	assert.Equal(t, map[string]any{"text": "{SMS_TEXT}"}, c["body"], "a form body is an object")

	smsc := x.create(t, map[string]any{"name": "SMSC", "configuration": smsCfg("smpp_smsc", map[string]any{
		"host": "smsc.example.net", "tx_port": 2775, "system_id": "me", "password": "pw", "server_location": "nyc"})}, nil)
	_, c = configOf(t, smsc)
	assert.Equal(t, float64(2775), c["tx_port"])
	assert.Equal(t, float64(2776), c["rx_port"], "the default receiver port")
	assert.Equal(t, "me", c["system_id"])
	assert.Equal(t, "nyc", c["server_location"])
	assert.NotContains(t, c, "port")
	assert.Nil(t, c["system_type"])

	list := x.call(t, "GET", "/sms_trunks?filter%5Bconfiguration.type%5D=http_out,smpp_esme&sort=name", nil)
	wantStatus(t, list, 200)
	assert.Equal(t, []string{esme.ID, out.ID}, ids(list.list(t)))
	shown := x.call(t, "GET", "/sms_trunks/"+email.ID+"?include=sms_trunk_group", nil)
	wantStatus(t, shown, 200)
	assert.JSONEq(t, `{"type":"sms_trunk_groups","id":"`+x.groupID+`"}`, string(shown.one(t).Relationships["sms_trunk_group"].Data))
}

func TestSMSTrunksRefuseBadWrites(t *testing.T) {
	t.Parallel()
	x := newTrunkServer(t)
	out := x.create(t, map[string]any{"name": "Out", "configuration": smsCfg("http_out", map[string]any{})}, nil)
	email := x.create(t, map[string]any{"name": "Inbox", "configuration": smsMail("a@example.com")}, nil)
	dids := map[string]any{"outgoing_dids": map[string]any{"data": []any{map[string]any{"type": "dids", "id": x.did1}}}}
	emailCfg := smsMail("b@example.com")
	for name, tc := range map[string]struct {
		attrs, rels map[string]any
		pointer     string
	}{
		"no configuration":  {map[string]any{"name": "n"}, nil, "/data/attributes/configuration"},
		"no name":           {map[string]any{"configuration": emailCfg}, nil, "/data/attributes/name"},
		"trunk name taken":  {map[string]any{"name": "Out", "configuration": emailCfg}, nil, "/data/attributes/name"},
		"group name taken":  {map[string]any{"name": "Support", "configuration": emailCfg}, nil, "/data/attributes/name"},
		"unknown type":      {map[string]any{"name": "n", "configuration": smsCfg("fax", map[string]any{})}, nil, "/data/attributes/configuration/type"},
		"no send_to":        {map[string]any{"name": "n", "configuration": smsCfg("sms_to_email", map[string]any{"subject": "s", "message": "m"})}, nil, "/data/attributes/configuration/attributes/send_to"},
		"no subject":        {map[string]any{"name": "n", "configuration": smsCfg("sms_to_email", map[string]any{"send_to": "a@example.com", "message": "m"})}, nil, "/data/attributes/configuration/attributes/subject"},
		"no http_method":    {map[string]any{"name": "n", "configuration": smsCfg("http_in", map[string]any{"url": "https://h.example"})}, nil, "/data/attributes/configuration/attributes/http_method"},
		"get with body":     {map[string]any{"name": "n", "configuration": smsCfg("http_in", map[string]any{"url": "https://h.example", "http_method": "get", "body": "x"})}, nil, "/data/attributes/configuration/attributes/body"},
		"put without type":  {map[string]any{"name": "n", "configuration": smsCfg("http_in", map[string]any{"url": "https://h.example", "http_method": "put", "body": "x"})}, nil, "/data/attributes/configuration/attributes/body_type"},
		"post without body": {map[string]any{"name": "n", "configuration": smsCfg("http_in", map[string]any{"url": "https://h.example", "http_method": "post", "body_type": "raw"})}, nil, "/data/attributes/configuration/attributes/body"},
		"form body as text": {map[string]any{"name": "n", "configuration": smsCfg("http_in", map[string]any{"url": "https://h.example", "http_method": "post", "body_type": "html_multipart", "body": "a=b"})}, nil, "/data/attributes/configuration/attributes/body"},
		"generated":         {map[string]any{"name": "n", "configuration": smsCfg("http_out", map[string]any{"auth_password": "x"})}, nil, "/data/attributes/configuration/attributes/auth_password"},
		"esme no location":  {map[string]any{"name": "n", "configuration": smsCfg("smpp_esme", map[string]any{})}, nil, "/data/attributes/configuration/attributes/server_location"},
		"esme location":     {map[string]any{"name": "n", "configuration": smsCfg("smpp_esme", map[string]any{"server_location": "us"})}, nil, "/data/attributes/configuration/attributes/server_location"},
		"esme system_type":  {map[string]any{"name": "n", "configuration": smsCfg("smpp_esme", map[string]any{"server_location": "nyc", "system_type": "thirteen-long"})}, nil, "/data/attributes/configuration/attributes/system_type"},
		"smsc host":         {map[string]any{"name": "n", "configuration": smsCfg("smpp_smsc", map[string]any{"system_id": "s", "password": "p", "server_location": "nyc"})}, nil, "/data/attributes/configuration/attributes/host"},
		"smsc tx_port":      {map[string]any{"name": "n", "configuration": smsCfg("smpp_smsc", map[string]any{"host": "h", "tx_port": 70000, "system_id": "s", "password": "p", "server_location": "nyc"})}, nil, "/data/attributes/configuration/attributes/tx_port"},
		"smsc password":     {map[string]any{"name": "n", "configuration": smsCfg("smpp_smsc", map[string]any{"host": "h", "system_id": "s", "password": "nine-long", "server_location": "nyc"})}, nil, "/data/attributes/configuration/attributes/password"},
		"smsc system_id":    {map[string]any{"name": "n", "configuration": smsCfg("smpp_smsc", map[string]any{"host": "h", "system_id": "sixteen-chars-id", "password": "p", "server_location": "nyc"})}, nil, "/data/attributes/configuration/attributes/system_id"},
		"priority on out":   {map[string]any{"name": "n", "priority": 5, "configuration": smsCfg("http_out", map[string]any{})}, nil, "/data/attributes/priority"},
		"priority range":    {map[string]any{"name": "n", "priority": 40000, "configuration": emailCfg}, nil, "/data/attributes/priority"},
		"any DID inbound":   {map[string]any{"name": "n", "allow_any_did_as_source": true, "configuration": emailCfg}, nil, "/data/attributes/allow_any_did_as_source"},
		"any DID and DIDs":  {map[string]any{"name": "n", "allow_any_did_as_source": true, "configuration": smsCfg("http_out", map[string]any{})}, dids, "/data/relationships/outgoing_dids"},
		"DIDs on inbound":   {map[string]any{"name": "n", "configuration": emailCfg}, dids, "/data/relationships/outgoing_dids"},
		"unknown DID": {map[string]any{"name": "n", "configuration": smsCfg("http_out", map[string]any{})},
			map[string]any{"outgoing_dids": map[string]any{"data": []any{map[string]any{"type": "dids", "id": "nope"}}}}, "/data/relationships/outgoing_dids"},
		"unknown group": {map[string]any{"name": "n", "configuration": emailCfg}, map[string]any{"sms_trunk_group": smsLink("sms_trunk_groups", "nope")}, "/data/relationships/sms_trunk_group"},
		"out joins group": {map[string]any{"name": "n", "configuration": smsCfg("http_out", map[string]any{})},
			map[string]any{"sms_trunk_group": smsLink("sms_trunk_groups", x.groupID)}, "/data/relationships/sms_trunk_group"},
	} {
		r := x.call(t, "POST", "/sms_trunks", smsBody("", tc.attrs, tc.rels))
		e := wantError(t, r, 422, "100")
		require.NotNil(t, e.Source, name)
		assert.Equal(t, tc.pointer, e.Source.Pointer, "%s: %s", name, r.body)
	}
	r := x.call(t, "POST", "/sms_trunks", smsBody("", map[string]any{"name": "n", "configuration": smsCfg("http_out", map[string]any{"colour": "red"})}, nil))
	wantError(t, r, 400, "105")
	r = x.call(t, "POST", "/sms_trunks", smsBody("", map[string]any{"name": "n", "configuration": smsCfg("smpp_smsc", map[string]any{"port": 2775})}, nil))
	wantError(t, r, 400, "105")
	r = x.call(t, "PATCH", "/sms_trunks/"+email.ID, smsBody(email.ID, map[string]any{"configuration": smsCfg("http_in", map[string]any{})}, nil))
	e := wantError(t, r, 422, "100")
	assert.Contains(t, e.Detail, "cannot be changed from sms_to_email to http_in")
	r = x.call(t, "PATCH", "/sms_trunks/"+out.ID, smsBody(out.ID, map[string]any{"priority": 1}, nil))
	wantError(t, r, 422, "100")
	r = x.call(t, "PATCH", "/sms_trunks/"+email.ID, smsBody(email.ID, map[string]any{"name": "Out"}, nil))
	wantError(t, r, 422, "100")
	r = x.call(t, "PATCH", "/sms_trunks/"+uid("none"), smsBody(uid("none"), map[string]any{"blocked": true}, nil))
	wantError(t, r, 404, "404")
}

// An update writes the configuration attributes sent and keeps the others;
// membership and priority follow the request.
func TestSMSTrunksUpdateKeepsWhatIsNotSent(t *testing.T) {
	t.Parallel()
	x := newTrunkServer(t)
	hook := x.create(t, map[string]any{"name": "Hook", "configuration": smsCfg("http_in", map[string]any{
		"url": "https://example.com/in", "http_method": "post", "body_type": "json", "body": "{}", "follow_redirect": true})},
		map[string]any{"sms_trunk_group": smsLink("sms_trunk_groups", x.groupID)})
	r := x.call(t, "PATCH", "/sms_trunks/"+hook.ID, smsBody(hook.ID, map[string]any{"priority": nil, "blocked": true,
		"configuration": smsCfg("http_in", map[string]any{"http_method": "get", "body_type": nil, "body": nil})},
		map[string]any{"sms_trunk_group": map[string]any{"data": nil}}))
	wantStatus(t, r, 200)
	got := r.one(t)
	_, c := configOf(t, got)
	assert.Equal(t, "get", c["http_method"])
	assert.Nil(t, c["body"])
	assert.Equal(t, "https://example.com/in", c["url"], "kept")
	assert.Equal(t, true, c["follow_redirect"], "kept")
	assert.Equal(t, float64(100), got.Attributes["priority"], "null is 100")
	assert.Equal(t, true, got.Attributes["blocked"])
	x.mu.Lock()
	groupID := x.accounts[x.APIKey].sms.trunk(hook.ID).groupID
	x.mu.Unlock()
	assert.Empty(t, groupID, "left its group")

	r = x.call(t, "PATCH", "/sms_trunks/"+hook.ID, smsBody(hook.ID, nil, map[string]any{"sms_trunk_group": smsLink("sms_trunk_groups", x.groupID)}))
	wantStatus(t, r, 200)
	x.mu.Lock()
	groupID = x.accounts[x.APIKey].sms.trunk(hook.ID).groupID
	x.mu.Unlock()
	assert.Equal(t, x.groupID, groupID, "joined")
}

func TestSMSTrunksRegenerateCredentials(t *testing.T) {
	t.Parallel()
	x := newTrunkServer(t)
	out := x.create(t, map[string]any{"name": "Out", "configuration": smsCfg("http_out", map[string]any{})}, nil)
	email := x.create(t, map[string]any{"name": "Inbox", "configuration": smsMail("a@example.com")}, nil)
	_, before := configOf(t, out)
	regen := func(id string) *tResp {
		return x.call(t, "POST", "/sms_trunk_regenerate_credentials", map[string]any{"data": map[string]any{
			"type": "sms_trunk_regenerate_credentials", "relationships": map[string]any{"sms_trunk": smsLink("sms_trunks", id)}}})
	}
	r := regen(out.ID)
	wantStatus(t, r, http.StatusCreated)
	assert.Equal(t, "sms_trunk_regenerate_credentials", r.one(t).Type)
	assert.Empty(t, r.one(t).Attributes, "the answer holds only the id")
	shown := x.call(t, "GET", "/sms_trunks/"+out.ID, nil)
	_, after := configOf(t, shown.one(t))
	assert.NotEqual(t, before["auth_password"], after["auth_password"])
	assert.NotEqual(t, before["auth_name"], after["auth_name"])

	wantError(t, regen(email.ID), 422, "100")
	wantError(t, regen(uid("none")), 422, "100")
}

func TestSMSTrunksDelete(t *testing.T) {
	t.Parallel()
	x := newTrunkServer(t)
	out := x.create(t, map[string]any{"name": "Out", "configuration": smsCfg("http_out", map[string]any{})},
		map[string]any{"outgoing_dids": map[string]any{"data": []any{map[string]any{"type": "dids", "id": x.did1}}}})
	in := x.create(t, map[string]any{"name": "In", "configuration": smsMail("a@example.com")}, nil)
	x.mu.Lock()
	a := x.accounts[x.APIKey]
	a.own.dids[1].smsTrunkID = in.ID
	a.sms.senderIDs = append(a.sms.senderIDs, &senderIDVerification{id: uid("sid/1"), name: "Brand", smsTrunkID: out.ID})
	x.mu.Unlock()

	shown := x.call(t, "GET", "/sms_trunks/"+in.ID+"?include=incoming_dids", nil).one(t)
	assert.JSONEq(t, `[{"type":"dids","id":"`+x.did2+`"}]`, string(shown.Relationships["incoming_dids"].Data))

	e := wantError(t, x.call(t, "DELETE", "/sms_trunks/"+in.ID, nil), 422, "100")
	assert.Contains(t, e.Detail, "still assigned to DIDs")
	r := x.call(t, "DELETE", "/sms_trunks/"+out.ID, nil)
	wantStatus(t, r, http.StatusNoContent)
	assert.Empty(t, r.body)
	x.mu.Lock()
	assert.Empty(t, a.sms.senderIDs[0].smsTrunkID, "the verification is left without a trunk")
	x.mu.Unlock()
	wantError(t, x.call(t, "GET", "/sms_trunks/"+out.ID, nil), 404, "404")
	wantError(t, x.call(t, "DELETE", "/sms_trunks/"+out.ID, nil), 404, "404")
}

// 2026-04-16 has no SMS trunks: their paths are not routes there.
func TestSMSTrunksGoneUnder20260416(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, p := range []struct{ method, path string }{{"GET", "/sms_trunks"}, {"GET", "/sms_trunks/x"}, {"POST", "/sms_trunks"},
		{"PATCH", "/sms_trunks/x"}, {"DELETE", "/sms_trunks/x"}, {"POST", "/sms_trunk_regenerate_credentials"}} {
		var body any
		if p.method == "POST" || p.method == "PATCH" {
			body = map[string]any{"data": map[string]any{"type": "sms_trunks"}}
		}
		r := apiCall(t, s, s.APIKey, p.method, p.path, body)
		wantError(t, r, 404, "404")
	}
	r := apiCall(t, s, s.APIKey, "GET", "/countries?fields%5Bsms_trunks%5D=name", nil)
	wantStatus(t, r, 400)
}

// Generated credentials differ between trunks and come from the seeded
// source (repeatable runs), never an empty string.
func TestSMSTrunksGeneratedCredentials(t *testing.T) {
	t.Parallel()
	x := newTrunkServer(t)
	a := x.create(t, map[string]any{"name": "A", "configuration": smsCfg("smpp_esme", map[string]any{"server_location": "nyc"})}, nil)
	b := x.create(t, map[string]any{"name": "B", "configuration": smsCfg("smpp_esme", map[string]any{"server_location": "nyc"})}, nil)
	_, ca := configOf(t, a)
	_, cb := configOf(t, b)
	assert.NotEqual(t, ca["password"], cb["password"])
	raw, _ := json.Marshal(ca)
	assert.False(t, strings.Contains(string(raw), `"password":""`), string(raw))
}

// The fake's SMS trunk answers, with a trunk of each kind, hold to the
// contract: writes, refusals, regeneration, delete, and the list and show
// checks with items present.
func TestContractSMSTrunks(t *testing.T) {
	t.Parallel()
	c, err := contract.Load("../testdata/contract")
	require.NoError(t, err)
	f := contract.NewFindings(c)
	v := version20261119
	x := newChecker(t, c, f, v)
	typ, regen := "sms_trunks", "sms_trunk_regenerate_credentials"
	x.s.mu.Lock()
	a := x.s.accounts[x.s.APIKey]
	groupID, didID := uid("contract-sms-group"), uid("contract-sms-did")
	a.sms.groups = append(a.sms.groups, &smsTrunkGroup{id: groupID, name: "contract group"})
	a.own.dids = append(a.own.dids, &ownedDID{id: didID, number: "441234567899"})
	x.s.mu.Unlock()
	email := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract email", "external_reference_id": "ref-1",
		"configuration": smsMail("a@example.com")}, map[string]any{"sms_trunk_group": one("sms_trunk_groups", groupID)}))
	x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract hook", "configuration": smsCfg("http_in",
		map[string]any{"url": "https://example.com/in", "http_method": "get", "headers": map[string]string{"X-Key": "k"}})}, nil))
	out := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract out", "configuration": smsCfg("http_out", map[string]any{})},
		map[string]any{"outgoing_dids": many("dids", didID)}))
	esme := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract esme", "allow_any_did_as_source": true,
		"configuration": smsCfg("smpp_esme", map[string]any{"server_location": "nyc"})}, nil))
	x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract smsc", "configuration": smsCfg("smpp_smsc",
		map[string]any{"host": "smsc.example.net", "tx_port": 2775, "system_id": "me", "password": "pw", "server_location": "nyc", "system_type": "vms"})}, nil))
	x.write(typ, v, email, body(typ, email, map[string]any{"priority": 5, "blocked": true}, map[string]any{"sms_trunk_group": one("sms_trunk_groups", "")}))
	emailCfg := smsMail("b@example.com")
	for kind, b := range map[string]map[string]any{
		"missing_configuration":      body(typ, "", map[string]any{"name": "x"}, nil),
		"invalid_attribute":          body(typ, "", map[string]any{"name": "x", "configuration": smsCfg("sms_to_email", map[string]any{})}, nil),
		"duplicate_name":             body(typ, "", map[string]any{"name": "contract group", "configuration": emailCfg}, nil),
		"priority_on_http_out":       body(typ, "", map[string]any{"name": "x", "priority": 1, "configuration": smsCfg("http_out", map[string]any{})}, nil),
		"any_did_with_outgoing_dids": body(typ, "", map[string]any{"name": "x", "allow_any_did_as_source": true, "configuration": smsCfg("http_out", map[string]any{})}, map[string]any{"outgoing_dids": many("dids", didID)}),
		"any_did_on_inbound_type":    body(typ, "", map[string]any{"name": "x", "allow_any_did_as_source": true, "configuration": emailCfg}, nil),
		"http_out_in_group":          body(typ, "", map[string]any{"name": "x", "configuration": smsCfg("http_out", map[string]any{})}, map[string]any{"sms_trunk_group": one("sms_trunk_groups", groupID)}),
		"unknown_link":               body(typ, "", map[string]any{"name": "x", "configuration": emailCfg}, map[string]any{"sms_trunk_group": one("sms_trunk_groups", missingID)}),
	} {
		x.refuse(typ, v, kind, "", b)
	}
	x.refuse(typ, v, "configuration_type_change", email, body(typ, email, map[string]any{"configuration": smsCfg("http_in", map[string]any{})}, nil))
	x.refuse(typ, v, "duplicate_name", email, body(typ, email, map[string]any{"name": "contract out"}, nil))
	x.refuse(typ, v, "priority_on_http_out", out, body(typ, out, map[string]any{"priority": 3}, nil))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"name": "x"}, nil))
	path := x.shape(regen, v).Endpoints["create"].Path
	for _, id := range []string{out, esme} {
		x.bare(regen, v, x.do("POST", path, nil, body(regen, "", nil, map[string]any{"sms_trunk": one(typ, id)}), v), regen+" "+v+" POST "+path)
	}
	for kind, id := range map[string]string{"no_generated_credentials": email, "unknown_trunk": missingID} {
		x.expectError(regen, v, kind, x.do("POST", path, nil, body(regen, "", nil, map[string]any{"sms_trunk": one(typ, id)}), v), regen+" ("+kind+")")
	}
	x.listChecks(typ, v)
	x.s.mu.Lock()
	a.own.dids[len(a.own.dids)-1].smsTrunkID = esme
	x.s.mu.Unlock()
	x.expectError(typ, v, "in_use", x.do("DELETE", "/sms_trunks/"+esme, nil, nil, v), typ+" DELETE while routed")
	x.remove(typ, v, out)
	f.Compare(t, map[string]string{}, "fix didwwtest to follow the contract; never teach the contract the fake's mistake")
}
