package didwwtest

import (
	"fmt"
	"strings"
	"time"

	"github.com/stretchr/testify/require"
)

// numbersTypes are the resources numbersFlow writes; it runs for a version
// whose contract has them all. A trunk is pinned to a POP by relationship
// while the version has pops, by its pop attribute after.
var numbersTypes = []string{"dids", "did_history", "balances", "voice_in_trunks", "voice_in_trunk_groups",
	"capacity_pools", "shared_capacity_groups"}

// missingID is an id no resource has.
const missingID = "00000000-0000-4000-8000-000000000000"

func body(typ, id string, attrs, rels map[string]any) map[string]any {
	d := map[string]any{"type": typ}
	if id != "" {
		d["id"] = id
	}
	if attrs != nil {
		d["attributes"] = attrs
	}
	if rels != nil {
		d["relationships"] = rels
	}
	return map[string]any{"data": d}
}

func one(typ, id string) map[string]any {
	if id == "" {
		return map[string]any{"data": nil}
	}
	return map[string]any{"data": map[string]any{"type": typ, "id": id}}
}

func many(typ string, ids ...string) map[string]any {
	list := []any{}
	for _, id := range ids {
		list = append(list, map[string]any{"type": typ, "id": id})
	}
	return map[string]any{"data": list}
}

// write sends a create (id "") or update of typ and checks the answer in
// the shape of op; it returns the answer's id.
func (x *cchecker) write(typ, v, id string, b map[string]any) string {
	op, method := "create", "POST"
	if id != "" {
		op, method = "update", "PATCH"
	}
	ep := x.shape(typ, v).Endpoints[op]
	path := strings.Replace(ep.Path, "{id}", id, 1)
	what := fmt.Sprintf("%s %s %s %s", typ, v, method, path)
	a := x.do(method, path, nil, b, v)
	if !x.expectStatus(x.f.Key(typ, v, "status", op), a, ep.Status, what) {
		return ""
	}
	x.checkDoc(docContext{typ: typ, v: v, op: op, what: what}, a)
	data, _ := a.doc["data"].(map[string]any)
	got, _ := data["id"].(string)
	return got
}

// refuse sends a write that the API answers with an error of kind.
func (x *cchecker) refuse(typ, v, kind, id string, b map[string]any) {
	method, path := "POST", x.shape(typ, v).Endpoints["create"]
	if id != "" {
		method, path = "PATCH", x.shape(typ, v).Endpoints["update"]
	}
	p := strings.Replace(path.Path, "{id}", id, 1)
	x.expectError(typ, v, kind, x.do(method, p, nil, b, v), fmt.Sprintf("%s %s %s %s (%s)", typ, v, method, p, kind))
}

// remove deletes id twice: 204 without a body, then 404.
func (x *cchecker) remove(typ, v, id string) {
	ep := x.shape(typ, v).Endpoints["delete"]
	path := strings.Replace(ep.Path, "{id}", id, 1)
	a := x.do("DELETE", path, nil, nil, v)
	if x.expectStatus(x.f.Key(typ, v, "status", "delete"), a, ep.Status, typ+" "+v+" DELETE "+path) && len(a.body) > 0 {
		x.f.Add(x.f.Key(typ, v, "status", "delete"), "DELETE %s: %d with a body: %.200s", path, a.status, a.body)
	}
	x.expectError(typ, v, "unknown_id", x.do("DELETE", path, nil, nil, v), typ+" "+v+" DELETE "+path+" again")
}

// numbersFlow buys DIDs and capacity, creates trunks, a trunk group and a
// shared capacity group, routes the DIDs, and tries each write's bad
// inputs; what it leaves is there for the list checks.
func (x *cchecker) numbersFlow(v string) {
	for _, typ := range numbersTypes {
		if x.c.Resources[typ] == nil || x.shape(typ, v) == nil {
			return
		}
	}
	capacity := map[string]any{"type": "capacity_order_items", "attributes": map[string]any{"capacity_pool_id": CapacityPoolID, "qty": 10}}
	x.do("POST", "/orders", nil, orderBody(nil, capacity), v)
	x.do("POST", "/orders", nil, orderBody(nil, didItem(map[string]any{"sku_id": x.skuInStock(v), "qty": 2})), v)
	x.clock.Advance(time.Second) // the DID orders complete
	dids := objects(x.do("GET", "/dids", nil, nil, v).doc["data"])
	require.GreaterOrEqual(x.t, len(dids), 3, "%s: %d DIDs after the orders completed; the flow needs 3", v, len(dids))
	didIDs := make([]string, len(dids))
	for i, d := range dids {
		didIDs[i], _ = d["id"].(string)
	}
	group, sip := x.trunkFlow(v)
	x.didFlow(v, didIDs, sip, group)
	x.sharedFlow(v, didIDs[2])
	x.poolFlow(v)
	x.balanceFlow(v)
}

// trunkFlow creates a trunk group and a SIP trunk in it, pinned to a POP,
// updates both, and creates and deletes a PSTN trunk and a second group.
func (x *cchecker) trunkFlow(v string) (group, sip string) {
	group = x.write("voice_in_trunk_groups", v, "", body("voice_in_trunk_groups", "", map[string]any{"name": "contract group", "capacity_limit": 10}, nil))
	sipCfg := map[string]any{"type": "sip_configurations", "attributes": map[string]any{"host": "pbx.example.com", "port": 5060,
		"auth_enabled": true, "auth_user": "pbx", "auth_password": "s3cret", "codec_ids": []int{9, 8}}}
	sipAttrs, sipRels := map[string]any{"name": "contract SIP", "configuration": sipCfg}, map[string]any{"voice_in_trunk_group": one("voice_in_trunk_groups", group)}
	if x.shape("pops", v) != nil {
		sipRels["pop"] = one("pops", PopNewYorkID)
	} else {
		sipAttrs["pop"] = "NYC"
	}
	sip = x.write("voice_in_trunks", v, "", body("voice_in_trunks", "", sipAttrs, sipRels))
	pstn := x.write("voice_in_trunks", v, "", body("voice_in_trunks", "", map[string]any{"name": "contract PSTN",
		"configuration": map[string]any{"type": "pstn_configurations", "attributes": map[string]any{"dst": "558540420024"}}}, nil))
	x.write("voice_in_trunks", v, sip, body("voice_in_trunks", sip, map[string]any{"description": "rings the PBX", "configuration": sipCfg}, nil))
	x.write("voice_in_trunk_groups", v, group, body("voice_in_trunk_groups", group, map[string]any{"name": "contract group 1"},
		map[string]any{"voice_in_trunks": many("voice_in_trunks", sip)}))
	x.refuse("voice_in_trunks", v, "missing_configuration", "", body("voice_in_trunks", "", map[string]any{"name": "x"}, nil))
	x.refuse("voice_in_trunks", v, "invalid_attribute", "", body("voice_in_trunks", "", map[string]any{"name": "x",
		"configuration": map[string]any{"type": "sip_configurations", "attributes": map[string]any{"host": "h", "media_encryption_mode": "bogus"}}}, nil))
	if x.shape("pops", v) != nil {
		x.refuse("voice_in_trunks", v, "unknown_link", "", body("voice_in_trunks", "", map[string]any{"name": "x", "configuration": sipCfg},
			map[string]any{"pop": one("pops", missingID)}))
	}
	x.refuse("voice_in_trunks", v, "configuration_type_change", sip, body("voice_in_trunks", sip, map[string]any{
		"configuration": map[string]any{"type": "pstn_configurations", "attributes": map[string]any{"dst": "1"}}}, nil))
	x.refuse("voice_in_trunks", v, "unknown_id", missingID, body("voice_in_trunks", missingID, map[string]any{"name": "x"}, nil))
	x.refuse("voice_in_trunk_groups", v, "invalid_attribute", "", body("voice_in_trunk_groups", "", map[string]any{"name": ""}, nil))
	x.refuse("voice_in_trunk_groups", v, "unknown_link", "", body("voice_in_trunk_groups", "", map[string]any{"name": "x"},
		map[string]any{"voice_in_trunks": many("voice_in_trunks", missingID)}))
	x.refuse("voice_in_trunk_groups", v, "unknown_id", missingID, body("voice_in_trunk_groups", missingID, map[string]any{"name": "x"}, nil))
	if x.errorStatus("voice_in_trunks", v, "name_taken") != 0 {
		x.refuse("voice_in_trunks", v, "name_taken", "", body("voice_in_trunks", "", map[string]any{"name": "contract group 1", "configuration": sipCfg}, nil))
		x.refuse("voice_in_trunks", v, "name_taken", pstn, body("voice_in_trunks", pstn, map[string]any{"name": "contract SIP"}, nil))
		x.refuse("voice_in_trunk_groups", v, "name_taken", "", body("voice_in_trunk_groups", "", map[string]any{"name": "contract PSTN"}, nil))
		x.refuse("voice_in_trunks", v, "ringing_timeout_range", pstn, body("voice_in_trunks", pstn, map[string]any{"ringing_timeout": 33}, nil))
	}
	if x.errorStatus("voice_in_trunk_groups", v, "too_many_trunks") != 0 {
		var eleven []string
		for i := range 11 {
			eleven = append(eleven, x.write("voice_in_trunks", v, "", body("voice_in_trunks", "", map[string]any{"name": fmt.Sprintf("contract many %d", i),
				"configuration": map[string]any{"type": "pstn_configurations", "attributes": map[string]any{"dst": "558540420024"}}}, nil)))
		}
		x.refuse("voice_in_trunk_groups", v, "too_many_trunks", "", body("voice_in_trunk_groups", "", map[string]any{"name": "contract many"},
			map[string]any{"voice_in_trunks": many("voice_in_trunks", eleven...)}))
		for _, id := range eleven {
			x.remove("voice_in_trunks", v, id)
		}
	}
	spare := x.write("voice_in_trunk_groups", v, "", body("voice_in_trunk_groups", "", map[string]any{"name": "contract spare"}, nil))
	x.remove("voice_in_trunk_groups", v, spare)
	x.remove("voice_in_trunks", v, pstn)
	return group, sip
}

// didFlow routes the first DID to the SIP trunk with dedicated channels of
// the pool and the second to the group, and tries the refused updates.
func (x *cchecker) didFlow(v string, dids []string, sip, group string) {
	x.write("dids", v, dids[0], body("dids", dids[0], map[string]any{"description": "front desk", "capacity_limit": 2, "dedicated_channels_count": 1},
		map[string]any{"voice_in_trunk": one("voice_in_trunks", sip), "voice_in_trunk_group": one("voice_in_trunk_groups", ""),
			"capacity_pool": one("capacity_pools", CapacityPoolID)}))
	x.write("dids", v, dids[1], body("dids", dids[1], map[string]any{"billing_cycles_count": 3},
		map[string]any{"voice_in_trunk_group": one("voice_in_trunk_groups", group)}))
	x.refuse("dids", v, "unknown_link", dids[1], body("dids", dids[1], nil, map[string]any{"voice_in_trunk": one("voice_in_trunks", missingID)}))
	x.refuse("dids", v, "both_trunk_and_group", dids[1], body("dids", dids[1], nil,
		map[string]any{"voice_in_trunk": one("voice_in_trunks", sip), "voice_in_trunk_group": one("voice_in_trunk_groups", group)}))
	x.refuse("dids", v, "invalid_attribute", dids[1], body("dids", dids[1], map[string]any{"billing_cycles_count": 1000}, nil))
	x.refuse("dids", v, "unknown_param", dids[1], body("dids", dids[1], map[string]any{"number": "1"}, nil))
	x.refuse("dids", v, "unknown_id", missingID, body("dids", missingID, map[string]any{"description": "x"}, nil))
}

// sharedFlow creates a shared capacity group holding did, updates it, and
// creates and deletes a second one.
func (x *cchecker) sharedFlow(v, did string) {
	typ := "shared_capacity_groups"
	pool := map[string]any{"capacity_pool": one("capacity_pools", CapacityPoolID)}
	g := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract shared", "shared_channels_count": 2, "metered_channels_count": 1},
		map[string]any{"capacity_pool": one("capacity_pools", CapacityPoolID), "dids": many("dids", did)}))
	x.write(typ, v, g, body(typ, g, map[string]any{"external_reference_id": "contract-2", "metered_channels_count": nil}, nil))
	x.refuse(typ, v, "missing_pool", "", body(typ, "", map[string]any{"name": "x"}, map[string]any{}))
	x.refuse(typ, v, "invalid_attribute", "", body(typ, "", map[string]any{"name": "x", "shared_channels_count": 1000}, pool))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"name": "x"}, nil))
	spare := x.write(typ, v, "", body(typ, "", map[string]any{"name": "contract spare", "shared_channels_count": 1}, pool))
	x.remove(typ, v, spare)
}

// poolFlow lowers the pool's channels and tries to raise them.
func (x *cchecker) poolFlow(v string) {
	typ := "capacity_pools"
	x.write(typ, v, CapacityPoolID, body(typ, CapacityPoolID, map[string]any{"total_channels_count": 8}, nil))
	x.refuse(typ, v, "invalid_attribute", CapacityPoolID, body(typ, CapacityPoolID, map[string]any{"total_channels_count": 9}, nil))
	x.refuse(typ, v, "unknown_id", missingID, body(typ, missingID, map[string]any{"total_channels_count": 1}, nil))
}

// balanceFlow reads the singleton balance, and refuses a list parameter.
func (x *cchecker) balanceFlow(v string) {
	ep := x.shape("balances", v).Endpoints["show"]
	what := "balances " + v + " GET " + ep.Path
	a := x.do("GET", ep.Path, nil, nil, v)
	if x.expectStatus(x.f.Key("balances", v, "status", "show"), a, ep.Status, what) {
		x.checkDoc(docContext{typ: "balances", v: v, op: "show", what: what}, a)
	}
	x.expectError("balances", v, "unknown_param", x.do("GET", ep.Path+"?filter%5Bx%5D=1", nil, nil, v), what+"?filter[x]=1")
}
