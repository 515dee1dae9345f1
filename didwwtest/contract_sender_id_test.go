package didwwtest

import "github.com/stretchr/testify/require"

// senderIDFlow makes SMS trunks through the API and gives the default
// account sender ID verifications (the API cannot create them), renames
// one, moves it between trunks, and tries each refusal the pages document;
// what it leaves is there for the list checks.
func (x *cchecker) senderIDFlow(v string) {
	typ := "sender_id_verifications"
	if x.c.Resources[typ] == nil || x.shape(typ, v) == nil {
		return
	}
	if x.shape("sms_trunks", v) == nil {
		return
	}
	mk := func(name, kind string, attrs map[string]any) string {
		id := x.write("sms_trunks", v, "", body("sms_trunks", "", map[string]any{"name": name, "configuration": smsCfg(kind, attrs)}, nil))
		require.NotEmpty(x.t, id, "%s: the %s trunk the flow needs", v, kind)
		return id
	}
	out := mk("sender out", "http_out", map[string]any{})
	smsc := mk("sender smsc", "smpp_smsc", map[string]any{"host": "smsc.example.net", "tx_port": 2775, "system_id": "me", "password": "pw", "server_location": "nyc"})
	mail := mk("sender mail", "sms_to_email", smsMailAttrs("sender@example.com"))
	add := func(sv SenderIDVerification) string {
		id, err := x.s.AddSenderIDVerification(x.s.APIKey, sv)
		require.NoError(x.t, err)
		return id
	}
	active := add(SenderIDVerification{Name: "ACME alerts", Status: "active", SenderIDs: []string{"ACME"},
		SMSTrunkID: out, CountryIDs: []string{CountryUSID}, Charge: "15.00"})
	other := add(SenderIDVerification{Name: "ACME too", Status: "active", SenderIDs: []string{"ACME"}, SMSTrunkID: smsc})
	add(SenderIDVerification{Name: "Fix me", Status: "changes_required", SenderType: "carrier", SenderIDs: []string{"Carrier"},
		RejectReasons: []string{"Sample messages missing"}, RejectComment: "Add samples."})
	closed := add(SenderIDVerification{Name: "Old", Status: "closed", SenderType: "short_code", SenderIDs: []string{"55123"}})

	rel := func(id string) map[string]any {
		if id == "" {
			return map[string]any{"sms_trunk": map[string]any{"data": nil}}
		}
		return map[string]any{"sms_trunk": one("sms_trunks", id)}
	}
	x.write(typ, v, active, body(typ, active, map[string]any{"name": "ACME notifications"}, nil))
	x.write(typ, v, other, body(typ, other, nil, rel("")))
	x.write(typ, v, other, body(typ, other, nil, rel(smsc)))
	x.refuse(typ, v, "sender_id_in_use", other, body(typ, other, nil, rel(out)))
	x.refuse(typ, v, "trunk_kind", active, body(typ, active, nil, rel(mail)))
	x.refuse(typ, v, "unknown_link", active, body(typ, active, nil, rel(missingID)))
	x.refuse(typ, v, "closed", closed, body(typ, closed, map[string]any{"name": "Reopened"}, nil))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"name": "x"}, nil))
	x.refuse(typ, v, "unknown_param", active, body(typ, active, map[string]any{"status": "active"}, nil))
}
