package didwwtest

// smsFlow makes SMS trunks of the inbound kinds and an outbound one through
// the API, groups two of them, changes the group's membership, routes a DID
// to the group, and tries each refusal of the group's writes; what it
// leaves is there for the list checks.
func (x *cchecker) smsFlow(v string) {
	trunks, groups := "sms_trunks", "sms_trunk_groups"
	if x.shape(trunks, v) == nil || x.shape(groups, v) == nil || x.shape("dids", v) == nil {
		return
	}
	mk := func(name, kind string, attrs map[string]any) string {
		return x.write(trunks, v, "", body(trunks, "", map[string]any{"name": name, "configuration": smsCfg(kind, attrs)}, nil))
	}
	mail := mk("flow mail", "sms_to_email", smsMailAttrs("flow@example.com"))
	hook := mk("flow hook", "http_in", map[string]any{"url": "https://example.com/flow", "http_method": "get"})
	out := mk("flow out", "http_out", map[string]any{})
	members := func(ids ...string) map[string]any { return map[string]any{"sms_trunks": many(trunks, ids...)} }
	group := x.write(groups, v, "", body(groups, "", map[string]any{"name": "flow group", "external_reference_id": "flow-1"}, members(mail, hook)))
	x.write(groups, v, group, body(groups, group, map[string]any{"name": "flow group 2"}, members(mail)))
	x.write(groups, v, group, body(groups, group, nil, members(hook, mail)))
	x.refuse(groups, v, "outbound_sms_trunk", "", body(groups, "", map[string]any{"name": "x"}, members(out)))
	x.refuse(groups, v, "outbound_sms_trunk", group, body(groups, group, nil, members(out)))
	x.refuse(groups, v, "duplicate_name", "", body(groups, "", map[string]any{"name": "flow out"}, nil))
	x.refuse(groups, v, "unknown_link", "", body(groups, "", map[string]any{"name": "x"}, members(missingID)))
	x.refuse(groups, v, "unknown_link", group, body(groups, group, nil, members(missingID)))
	x.refuse(groups, v, "invalid_attribute", "", body(groups, "", map[string]any{"name": ""}, nil))
	x.refuse(groups, v, "unknown_id", missingID, body(groups, missingID, map[string]any{"name": "x"}, nil))
	spare := x.write(groups, v, "", body(groups, "", map[string]any{"name": "flow spare"}, nil))
	dids := objects(x.do("GET", "/dids", nil, nil, v).doc["data"])
	if len(dids) == 0 {
		return
	}
	did, _ := dids[0]["id"].(string)
	route := func(rels map[string]any) { x.write("dids", v, did, body("dids", did, nil, rels)) }
	route(map[string]any{"sms_trunk_group": one(groups, spare)})
	x.expectError(groups, v, "in_use", x.do("DELETE", "/sms_trunk_groups/"+spare, nil, nil, v), groups+" "+v+" DELETE a routed group")
	route(map[string]any{"sms_trunk_group": one(groups, group)})
	x.remove(groups, v, spare)
}
