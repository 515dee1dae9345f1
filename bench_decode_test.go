package didww

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Decoding benchmarks: each case decodes the same bytes through the library's
// public path (decodePage, what List runs after the HTTP read) and through
// the floor, a hand-written encoding/json decoder into plain structs with a
// memoizing include resolver. BENCHMARKS.md reports their ratio.

type benchCase struct {
	name  string
	body  []byte
	path  string
	query string
	// floor decodes body the plain way; floorDecode when nil.
	floor func([]byte) (any, error)
}

func (bc benchCase) floorOf() func([]byte) (any, error) {
	if bc.floor != nil {
		return bc.floor
	}
	return floorDecode
}

func benchCases(tb testing.TB) []benchCase {
	tb.Helper()
	return []benchCase{
		{"DIDGroups100", genDIDGroupsPage(100, 10), "/did_groups", "include=stock_keeping_units", nil},
		{"AvailableDIDs100x10Groups", genAvailableDIDsPage(100, 10), "/available_dids", "include=did_group.stock_keeping_units", nil},
		{"AvailableDIDs100x1Group", genAvailableDIDsPage(100, 1), "/available_dids", "include=did_group.stock_keeping_units", nil},
		{"Countries241", genCountries(241), "/countries", "", nil},
		{"DIDGroupGet4Includes", genDIDGroupGet(), "/did_groups/x", "include=country,region,city,stock_keeping_units", nil},
		{"DIDs100WithIncludes", genDIDsPage(100, 10, 5), "/dids", "include=did_group,order", floorDecodeDIDs},
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, bc := range benchCases(b) {
		r := &request{method: "GET", path: bc.path, query: mustQuery(bc.query)}
		resp := &response{status: 200, body: bc.body}
		b.Run(bc.name+"/library", func(b *testing.B) {
			b.SetBytes(int64(len(bc.body)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				switch bc.path {
				case "/did_groups":
					_, err = decodePage[DIDGroup](r, resp)
				case "/available_dids":
					_, err = decodePage[AvailableDID](r, resp)
				case "/countries":
					_, err = decodePage[Country](r, resp)
				case "/dids":
					_, err = decodePage[DID](r, resp)
				default:
					_, _, err = decodeOne[DIDGroup](r, resp)
				}
				require.NoError(b, err)
			}
		})
		floor := bc.floorOf()
		b.Run(bc.name+"/floor", func(b *testing.B) {
			b.SetBytes(int64(len(bc.body)))
			b.ReportAllocs()
			for b.Loop() {
				_, err := floor(bc.body)
				require.NoError(b, err)
			}
		})
	}
}

// TestBenchmarkInputsAgree checks that the library and the floor read the
// benchmark documents the same way, so the comparison is between equals.
func TestBenchmarkInputsAgree(t *testing.T) {
	t.Parallel()
	for _, bc := range benchCases(t) {
		floor, err := bc.floorOf()(bc.body)
		require.NoError(t, err, "%s: floor: %v", bc.name, err)
		r := &request{method: "GET", path: bc.path, query: mustQuery(bc.query)}
		resp := &response{status: 200, body: bc.body}
		var lib any
		switch bc.path {
		case "/did_groups":
			p, err := decodePage[DIDGroup](r, resp)
			require.NoError(t, err)
			lib = p.Items
		case "/available_dids":
			p, err := decodePage[AvailableDID](r, resp)
			require.NoError(t, err)
			lib = p.Items
		case "/countries":
			p, err := decodePage[Country](r, resp)
			require.NoError(t, err)
			lib = p.Items
		case "/dids":
			p, err := decodePage[DID](r, resp)
			if err != nil {
				t.Fatal(err)
			}
			lib = p.Items
		default:
			g, _, err := decodeOne[DIDGroup](r, resp)
			require.NoError(t, err)
			lib = g
		}
		want, _ := json.Marshal(floor)
		got, _ := json.Marshal(lib)
		assert.Equal(t, string(got), string(want), "%s: library and floor disagree\nlibrary: %.400s\nfloor:   %.400s", bc.name, got, want)
	}
}

// --- generated documents (deterministic) ---

func benchID(kind string, i int) string {
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", i*2654435761%0xffffffff, len(kind), i%4096, (i*7)%4096, i)
}

func relLinks(selfType, selfID, name string) map[string]string {
	base := "https://api.didww.com/v3/" + selfType + "/" + selfID
	return map[string]string{"self": base + "/relationships/" + name, "related": base + "/" + name}
}

func didGroupResource(i, skus int) (map[string]any, []map[string]any) {
	id := benchID("did_groups", i)
	rels := map[string]any{}
	for _, name := range []string{"country", "city", "did_group_type", "region", "address_requirement"} {
		rels[name] = map[string]any{"links": relLinks("did_groups", id, name)}
	}
	var linkage []map[string]string
	var included []map[string]any
	for s := 0; s < skus; s++ {
		sid := benchID("stock_keeping_units", i*10+s)
		linkage = append(linkage, map[string]string{"type": "stock_keeping_units", "id": sid})
		included = append(included, map[string]any{
			"id": sid, "type": "stock_keeping_units",
			"attributes": map[string]any{
				"setup_price": fmt.Sprintf("%d.%02d", s, i%100), "monthly_price": fmt.Sprintf("%d.%02d", s+1, (i*3)%100),
				"channels_included_count": s * 2,
			},
		})
	}
	rels["stock_keeping_units"] = map[string]any{"links": relLinks("did_groups", id, "stock_keeping_units"), "data": linkage}
	return map[string]any{
		"id": id, "type": "did_groups",
		"attributes": map[string]any{
			"prefix": fmt.Sprintf("%d", 200+i), "local_prefix": "", "area_name": fmt.Sprintf("Area %d", i),
			"features": []string{"voice_in", "voice_out", "t38"}, "is_metered": i%2 == 0,
			"allow_additional_channels": true, "service_restrictions": nil,
		},
		"relationships": rels,
		"meta": map[string]any{
			"available_dids_enabled": i%3 == 0, "needs_registration": i%5 == 0, "is_available": true, "total_count": i * 7,
		},
	}, included
}

// genDIDGroupsPage is a did_groups page of n groups with about 2.5 SKUs each.
func genDIDGroupsPage(n, _ int) []byte {
	var data, included []map[string]any
	for i := 0; i < n; i++ {
		g, skus := didGroupResource(i, 2+i%2)
		data = append(data, g)
		included = append(included, skus...)
	}
	return mustJSON(map[string]any{
		"data": data, "included": included,
		"meta":  map[string]any{"total_records": n * 40, "api_version": "2026-04-16"},
		"links": map[string]string{"first": "https://api.didww.com/v3/did_groups?page%5Bnumber%5D=1", "next": "https://api.didww.com/v3/did_groups?page%5Bnumber%5D=2", "last": "https://api.didww.com/v3/did_groups?page%5Bnumber%5D=40"},
	})
}

// genAvailableDIDsPage is n numbers spread over groups DID groups, with the
// groups and their SKUs included.
func genAvailableDIDsPage(n, groups int) []byte {
	var data, included []map[string]any
	for g := 0; g < groups; g++ {
		grp, skus := didGroupResource(g, 3)
		included = append(included, grp)
		included = append(included, skus...)
	}
	for i := 0; i < n; i++ {
		id := benchID("available_dids", i)
		gid := benchID("did_groups", i%groups)
		data = append(data, map[string]any{
			"id": id, "type": "available_dids",
			"attributes": map[string]any{"number": fmt.Sprintf("1213%07d", i)},
			"relationships": map[string]any{
				"did_group":    map[string]any{"links": relLinks("available_dids", id, "did_group"), "data": map[string]string{"type": "did_groups", "id": gid}},
				"nanpa_prefix": map[string]any{"links": relLinks("available_dids", id, "nanpa_prefix")},
			},
		})
	}
	return mustJSON(map[string]any{"data": data, "included": included, "meta": map[string]any{"total_count": n * 3, "api_version": "2026-04-16"}})
}

func genCountries(n int) []byte {
	var data []map[string]any
	for i := 0; i < n; i++ {
		var prefix any = fmt.Sprintf("%d", i+1)
		if i%50 == 49 {
			prefix = nil
		}
		data = append(data, map[string]any{
			"id": benchID("countries", i), "type": "countries",
			"attributes": map[string]any{"name": fmt.Sprintf("Country %d", i), "prefix": prefix, "iso": fmt.Sprintf("%c%c", 'A'+i/26%26, 'A'+i%26)},
		})
	}
	return mustJSON(map[string]any{"data": data, "meta": map[string]any{"api_version": "2026-04-16"}})
}

// genDIDGroupGet is one DID group with its country, region, city and SKUs
// included, as a Get with four includes answers.
func genDIDGroupGet() []byte {
	g, skus := didGroupResource(7, 3)
	gid := g["id"].(string)
	cid, rid, tid := benchID("countries", 1), benchID("regions", 1), benchID("cities", 1)
	rels := g["relationships"].(map[string]any)
	for name, id := range map[string]string{"country": cid, "region": rid, "city": tid} {
		rels[name] = map[string]any{"links": relLinks("did_groups", gid, name), "data": map[string]string{"type": name2type[name], "id": id}}
	}
	link := func(self, id, name, typ, target string) map[string]any {
		return map[string]any{"links": relLinks(typ, id, name), "data": map[string]string{"type": self, "id": target}}
	}
	included := []map[string]any{
		{"id": cid, "type": "countries", "attributes": map[string]any{"name": "United States", "prefix": "1", "iso": "US"},
			"relationships": map[string]any{"regions": map[string]any{"links": relLinks("countries", cid, "regions")}}},
		{"id": rid, "type": "regions", "attributes": map[string]any{"name": "California", "iso": "US-CA"},
			"relationships": map[string]any{"country": link("countries", rid, "country", "regions", cid)}},
		{"id": tid, "type": "cities", "attributes": map[string]any{"name": "Los Angeles"},
			"relationships": map[string]any{
				"country": link("countries", tid, "country", "cities", cid),
				"region":  link("regions", tid, "region", "cities", rid),
				"area":    map[string]any{"links": relLinks("cities", tid, "area")},
			}},
	}
	included = append(included, skus...)
	return mustJSON(map[string]any{"data": g, "included": included, "meta": map[string]any{"api_version": "2026-04-16"}})
}

var name2type = map[string]string{"country": "countries", "region": "regions", "city": "cities"}

// didRelationships are the relationships every DID carries, by name and type.
var didRelationships = [][2]string{{"did_group", "did_groups"}, {"order", "orders"}, {"capacity_pool", "capacity_pools"},
	{"shared_capacity_group", "shared_capacity_groups"}, {"address_verification", "address_verifications"},
	{"voice_in_trunk", "voice_in_trunks"}, {"voice_in_trunk_group", "voice_in_trunk_groups"},
	{"emergency_calling_service", "emergency_calling_services"}, {"emergency_verification", "emergency_verifications"},
	{"identity", "identities"}}

// genDIDsPage is a dids page of n numbers bought by orders orders, in
// groups DID groups, with include=did_group,order: every relationship with
// links, linkage on the two included, nullable attributes null on some.
func genDIDsPage(n, groups, orders int) []byte {
	var data, included []map[string]any
	for g := 0; g < groups; g++ {
		grp, _ := didGroupResource(g, 0)
		delete(grp["relationships"].(map[string]any)["stock_keeping_units"].(map[string]any), "data")
		included = append(included, grp)
	}
	for o := 0; o < orders; o++ {
		included = append(included, benchOrder(o))
	}
	for i := 0; i < n; i++ {
		id := benchID("dids", i)
		rels := map[string]any{}
		for _, r := range didRelationships {
			rels[r[0]] = map[string]any{"links": relLinks("dids", id, r[0])}
		}
		rels["did_group"].(map[string]any)["data"] = map[string]string{"type": "did_groups", "id": benchID("did_groups", i%groups)}
		rels["order"].(map[string]any)["data"] = map[string]string{"type": "orders", "id": benchID("orders", i%orders)}
		var limit, cycles, expires, description any
		if i%3 != 0 {
			limit, cycles, description = i%5+1, i%12, fmt.Sprintf("Line %d", i)
			expires = fmt.Sprintf("2026-05-%02dT10:03:42.000Z", i%28+1)
		}
		data = append(data, map[string]any{
			"id": id, "type": "dids",
			"attributes": map[string]any{
				"number": fmt.Sprintf("1213%07d", i), "description": description, "blocked": i%7 == 0,
				"awaiting_registration": i%11 == 0, "terminated": false, "emergency_enabled": i%13 == 0,
				"capacity_limit": limit, "channels_included_count": i % 3, "dedicated_channels_count": i % 2,
				"billing_cycles_count": cycles, "created_at": "2026-04-16T10:03:41.000Z", "expires_at": expires,
			},
			"relationships": rels,
		})
	}
	return mustJSON(map[string]any{
		"data": data, "included": included,
		"meta":  map[string]any{"total_records": n * 3, "api_version": "2026-04-16"},
		"links": map[string]string{"first": "https://api.didww.com/v3/dids?page%5Bnumber%5D=1", "next": "https://api.didww.com/v3/dids?page%5Bnumber%5D=2", "last": "https://api.didww.com/v3/dids?page%5Bnumber%5D=3"},
	})
}

// benchOrder is a completed order of two DID items.
func benchOrder(o int) map[string]any {
	item := func(qty int) map[string]any {
		return map[string]any{"type": "did_order_items", "attributes": map[string]any{
			"qty": qty, "nrc": "0.50", "mrc": "0.99", "prorated_mrc": false, "billed_from": "2026-04-16", "billed_to": "2026-05-15",
			"setup_price": "0.50", "monthly_price": "0.99", "did_group_id": benchID("did_groups", o),
		}}
	}
	return map[string]any{"id": benchID("orders", o), "type": "orders", "attributes": map[string]any{
		"reference": fmt.Sprintf("KTH-%06d", o), "description": "DID", "amount": fmt.Sprintf("%d.49", o+1), "status": "completed",
		"created_at": "2026-04-16T10:03:40.000Z", "callback_url": nil, "callback_method": nil, "external_reference_id": fmt.Sprintf("crm-%d", o),
		"items": []map[string]any{item(10), item(10)},
	}}
}

func mustQuery(q string) url.Values {
	v, err := url.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	return v
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// --- the floor: encoding/json into plain structs, includes memoized ---

type floorLinkage []struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

func (l *floorLinkage) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		var one struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		}
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*l = floorLinkage{one}
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	var many []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	}
	err := json.Unmarshal(b, &many)
	*l = many
	return err
}

type floorResource struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Attributes struct {
		Name                    string    `json:"name"`
		Prefix                  string    `json:"prefix"`
		ISO                     string    `json:"iso"`
		Number                  string    `json:"number"`
		LocalPrefix             string    `json:"local_prefix"`
		AreaName                string    `json:"area_name"`
		Features                []Feature `json:"features"`
		IsMetered               bool      `json:"is_metered"`
		AllowAdditionalChannels bool      `json:"allow_additional_channels"`
		ServiceRestrictions     string    `json:"service_restrictions"`
		SetupPrice              Decimal   `json:"setup_price"`
		MonthlyPrice            Decimal   `json:"monthly_price"`
		ChannelsIncludedCount   int       `json:"channels_included_count"`
	} `json:"attributes"`
	Relationships map[string]struct {
		Data floorLinkage `json:"data"`
	} `json:"relationships"`
	Meta struct {
		AvailableDIDsEnabled bool  `json:"available_dids_enabled"`
		NeedsRegistration    *bool `json:"needs_registration"`
		IsAvailable          *bool `json:"is_available"`
		TotalCount           *int  `json:"total_count"`
	} `json:"meta"`
}

type floorDocument struct {
	Data     []floorResource   `json:"data"`
	Included []floorResource   `json:"included"`
	Meta     Meta              `json:"meta"`
	Links    map[string]string `json:"links"`
}

type floorResolver struct {
	index  map[[2]string]*floorResource
	groups map[string]*DIDGroup
	skus   map[string]*StockKeepingUnit
}

type floorOneDocument struct {
	Data     floorResource   `json:"data"`
	Included []floorResource `json:"included"`
	Meta     Meta            `json:"meta"`
}

func newFloorResolver(included []floorResource) *floorResolver {
	fr := &floorResolver{index: map[[2]string]*floorResource{}, groups: map[string]*DIDGroup{}, skus: map[string]*StockKeepingUnit{}}
	for i := range included {
		r := &included[i]
		fr.index[[2]string{r.Type, r.ID}] = r
	}
	return fr
}

func floorDecode(body []byte) (any, error) {
	if len(body) > 9 && string(body[:9]) == `{"data":{` {
		var doc floorOneDocument
		if err := json.Unmarshal(body, &doc); err != nil {
			return nil, err
		}
		return newFloorResolver(doc.Included).group(&doc.Data), nil
	}
	var doc floorDocument
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	fr := newFloorResolver(doc.Included)
	if len(doc.Data) == 0 {
		return []any{}, nil
	}
	switch doc.Data[0].Type {
	case "did_groups":
		out := make([]*DIDGroup, len(doc.Data))
		for i := range doc.Data {
			out[i] = fr.group(&doc.Data[i])
		}
		return out, nil
	case "available_dids":
		out := make([]*AvailableDID, len(doc.Data))
		for i := range doc.Data {
			r := &doc.Data[i]
			d := &AvailableDID{ID: r.ID, Number: r.Attributes.Number}
			if l := r.Relationships["did_group"].Data; len(l) == 1 {
				if g, ok := fr.index[[2]string{l[0].Type, l[0].ID}]; ok {
					d.DIDGroup = fr.group(g)
				} else {
					d.DIDGroup = &DIDGroup{ID: l[0].ID}
				}
			}
			out[i] = d
		}
		return out, nil
	case "countries":
		out := make([]*Country, len(doc.Data))
		for i := range doc.Data {
			r := &doc.Data[i]
			out[i] = &Country{ID: r.ID, Name: r.Attributes.Name, Prefix: r.Attributes.Prefix, ISO: r.Attributes.ISO}
		}
		return out, nil
	}
	return nil, fmt.Errorf("floor: unexpected type %q", doc.Data[0].Type)
}

func (fr *floorResolver) group(r *floorResource) *DIDGroup {
	if g, ok := fr.groups[r.ID]; ok {
		return g
	}
	a := r.Attributes
	g := &DIDGroup{
		ID: r.ID, Prefix: a.Prefix, LocalPrefix: a.LocalPrefix, AreaName: a.AreaName, Features: a.Features,
		IsMetered: a.IsMetered, AllowAdditionalChannels: a.AllowAdditionalChannels, ServiceRestrictions: a.ServiceRestrictions,
		AvailableDIDsEnabled: r.Meta.AvailableDIDsEnabled, NeedsRegistration: r.Meta.NeedsRegistration,
		IsAvailable: r.Meta.IsAvailable, TotalCount: r.Meta.TotalCount,
	}
	fr.places(g, r)
	for _, l := range r.Relationships["stock_keeping_units"].Data {
		sku, ok := fr.skus[l.ID]
		if !ok {
			sku = &StockKeepingUnit{ID: l.ID}
			if s, found := fr.index[[2]string{l.Type, l.ID}]; found {
				sku.SetupPrice, sku.MonthlyPrice, sku.ChannelsIncludedCount = s.Attributes.SetupPrice, s.Attributes.MonthlyPrice, s.Attributes.ChannelsIncludedCount
			}
			fr.skus[l.ID] = sku
		}
		g.StockKeepingUnits = append(g.StockKeepingUnits, sku)
	}
	fr.groups[r.ID] = g
	return g
}

// places fills a group's country, region and city, from the included
// resources when present.
func (fr *floorResolver) places(g *DIDGroup, r *floorResource) {
	country := func(l floorLinkage) *Country {
		if len(l) != 1 {
			return nil
		}
		c := &Country{ID: l[0].ID}
		if s, ok := fr.index[[2]string{l[0].Type, l[0].ID}]; ok {
			c.Name, c.Prefix, c.ISO = s.Attributes.Name, s.Attributes.Prefix, s.Attributes.ISO
		}
		return c
	}
	var c *Country
	if l := r.Relationships["country"].Data; len(l) == 1 {
		c = country(l)
		g.Country = c
	}
	sameCountry := func(l floorLinkage) *Country {
		if c != nil && len(l) == 1 && l[0].ID == c.ID {
			return c
		}
		return country(l)
	}
	if l := r.Relationships["region"].Data; len(l) == 1 {
		g.Region = &Region{ID: l[0].ID}
		if s, ok := fr.index[[2]string{l[0].Type, l[0].ID}]; ok {
			g.Region.Name, g.Region.ISO = s.Attributes.Name, s.Attributes.ISO
			g.Region.Country = sameCountry(s.Relationships["country"].Data)
		}
	}
	if l := r.Relationships["city"].Data; len(l) == 1 {
		g.City = &City{ID: l[0].ID}
		if s, ok := fr.index[[2]string{l[0].Type, l[0].ID}]; ok {
			g.City.Name = s.Attributes.Name
			g.City.Country = sameCountry(s.Relationships["country"].Data)
			if rl := s.Relationships["region"].Data; len(rl) == 1 && g.Region != nil && rl[0].ID == g.Region.ID {
				g.City.Region = g.Region
			}
		}
	}
}

// --- the floor of the DIDs page: its own structs, so that the floors of
// the other cases stay as they were ---

type floorDIDAttributes struct {
	Number                 string     `json:"number"`
	Description            string     `json:"description"`
	Blocked                bool       `json:"blocked"`
	AwaitingRegistration   bool       `json:"awaiting_registration"`
	Terminated             bool       `json:"terminated"`
	EmergencyEnabled       bool       `json:"emergency_enabled"`
	CapacityLimit          *int       `json:"capacity_limit"`
	ChannelsIncludedCount  int        `json:"channels_included_count"`
	DedicatedChannelsCount int        `json:"dedicated_channels_count"`
	BillingCyclesCount     *int       `json:"billing_cycles_count"`
	CreatedAt              time.Time  `json:"created_at"`
	ExpiresAt              *time.Time `json:"expires_at"`
}

// floorDIDIncluded reads the included DID groups and orders.
type floorDIDIncluded struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Attributes struct {
		Prefix                  string         `json:"prefix"`
		LocalPrefix             string         `json:"local_prefix"`
		AreaName                string         `json:"area_name"`
		Features                []Feature      `json:"features"`
		IsMetered               bool           `json:"is_metered"`
		AllowAdditionalChannels bool           `json:"allow_additional_channels"`
		ServiceRestrictions     string         `json:"service_restrictions"`
		Reference               string         `json:"reference"`
		Description             string         `json:"description"`
		Amount                  Decimal        `json:"amount"`
		Status                  OrderStatus    `json:"status"`
		CreatedAt               time.Time      `json:"created_at"`
		CallbackURL             string         `json:"callback_url"`
		CallbackMethod          CallbackMethod `json:"callback_method"`
		ExternalReferenceID     string         `json:"external_reference_id"`
		Items                   []OrderItem    `json:"items"`
	} `json:"attributes"`
	Meta struct {
		AvailableDIDsEnabled bool  `json:"available_dids_enabled"`
		NeedsRegistration    *bool `json:"needs_registration"`
		IsAvailable          *bool `json:"is_available"`
		TotalCount           *int  `json:"total_count"`
	} `json:"meta"`
}

type floorDIDDocument struct {
	Data []struct {
		Type          string             `json:"type"`
		ID            string             `json:"id"`
		Attributes    floorDIDAttributes `json:"attributes"`
		Relationships map[string]struct {
			Data floorLinkage `json:"data"`
		} `json:"relationships"`
	} `json:"data"`
	Included []floorDIDIncluded `json:"included"`
	Meta     Meta               `json:"meta"`
	Links    map[string]string  `json:"links"`
}

// floorDecodeDIDs decodes a DIDs page whose included groups carry no
// linkage of their own (include=did_group,order).
func floorDecodeDIDs(body []byte) (any, error) {
	var doc floorDIDDocument
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	index := make(map[[2]string]*floorDIDIncluded, len(doc.Included))
	for i := range doc.Included {
		index[[2]string{doc.Included[i].Type, doc.Included[i].ID}] = &doc.Included[i]
	}
	groups, orders := map[string]*DIDGroup{}, map[string]*Order{}
	out := make([]*DID, len(doc.Data))
	for i := range doc.Data {
		r := &doc.Data[i]
		a := r.Attributes
		d := &DID{
			ID: r.ID, Number: a.Number, Description: a.Description, Blocked: a.Blocked, AwaitingRegistration: a.AwaitingRegistration,
			Terminated: a.Terminated, EmergencyEnabled: a.EmergencyEnabled, CapacityLimit: a.CapacityLimit,
			ChannelsIncludedCount: a.ChannelsIncludedCount, DedicatedChannelsCount: a.DedicatedChannelsCount,
			BillingCyclesCount: a.BillingCyclesCount, CreatedAt: a.CreatedAt, ExpiresAt: a.ExpiresAt,
		}
		if l := r.Relationships["did_group"].Data; len(l) == 1 {
			d.DIDGroup = floorDIDGroup(groups, index, l[0].Type, l[0].ID)
		}
		if l := r.Relationships["order"].Data; len(l) == 1 {
			d.Order = floorOrder(orders, index, l[0].Type, l[0].ID)
		}
		out[i] = d
	}
	return out, nil
}

func floorDIDGroup(memo map[string]*DIDGroup, index map[[2]string]*floorDIDIncluded, typ, id string) *DIDGroup {
	if g, ok := memo[id]; ok {
		return g
	}
	g := &DIDGroup{ID: id}
	if r, ok := index[[2]string{typ, id}]; ok {
		a := r.Attributes
		g.Prefix, g.LocalPrefix, g.AreaName, g.Features = a.Prefix, a.LocalPrefix, a.AreaName, a.Features
		g.IsMetered, g.AllowAdditionalChannels, g.ServiceRestrictions = a.IsMetered, a.AllowAdditionalChannels, a.ServiceRestrictions
		g.AvailableDIDsEnabled, g.NeedsRegistration, g.IsAvailable, g.TotalCount = r.Meta.AvailableDIDsEnabled, r.Meta.NeedsRegistration, r.Meta.IsAvailable, r.Meta.TotalCount
	}
	memo[id] = g
	return g
}

func floorOrder(memo map[string]*Order, index map[[2]string]*floorDIDIncluded, typ, id string) *Order {
	if o, ok := memo[id]; ok {
		return o
	}
	o := &Order{ID: id}
	if r, ok := index[[2]string{typ, id}]; ok {
		a := r.Attributes
		o.Reference, o.Description, o.Amount, o.Status, o.CreatedAt = a.Reference, a.Description, a.Amount, a.Status, a.CreatedAt
		o.CallbackURL, o.CallbackMethod, o.ExternalReferenceID, o.Items = a.CallbackURL, a.CallbackMethod, a.ExternalReferenceID, a.Items
	}
	memo[id] = o
	return o
}
