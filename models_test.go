package didww

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreModel is one response model with a decoder for it.
type coreModel struct {
	typ    reflect.Type
	decode func(*jsonapi.Document) (any, error)
}

func coreModelOf[T any]() coreModel {
	return coreModel{typ: reflect.TypeFor[T](), decode: func(d *jsonapi.Document) (any, error) { return jsonapi.DecodeOne[T](d) }}
}

// coreModels lists every exported model of the package with a primary tag.
var coreModels = []coreModel{
	coreModelOf[Country](), coreModelOf[Region](), coreModelOf[City](), coreModelOf[Area](),
	coreModelOf[DIDGroupType](), coreModelOf[DIDGroup](), coreModelOf[StockKeepingUnit](),
	coreModelOf[AddressRequirement](), coreModelOf[NanpaPrefix](), coreModelOf[AvailableDID](),
	coreModelOf[DIDReservation](), coreModelOf[Order](), coreModelOf[SupportingDocumentTemplate](), coreModelOf[ProofType](),
	coreModelOf[DID](), coreModelOf[DIDHistoryEntry](), coreModelOf[Balance](),
	coreModelOf[VoiceInTrunk](), coreModelOf[VoiceInTrunkGroup](), coreModelOf[CapacityPool](), coreModelOf[SharedCapacityGroup](),
	coreModelOf[Pop](), coreModelOf[QtyBasedPricing](),
	coreModelOf[Identity](), coreModelOf[Address](), coreModelOf[Proof](), coreModelOf[PermanentSupportingDocument](),
	coreModelOf[PublicKey](), coreModelOf[EncryptedFile](),
	coreModelOf[VoiceOutTrunk](), coreModelOf[Export](), coreModelOf[SMSTrunk](),
	coreModelOf[EmergencyRequirement](), coreModelOf[EmergencyCallingService](), coreModelOf[EmergencyVerification](),
	coreModelOf[SMSTrunkGroup](),
	coreModelOf[SenderIDVerification](),
	// An id-only placeholder an SMS trunk group, a DID and a sender ID
	// verification link to.
	coreModelOf[SMSTrunk](),
	// An id-only placeholder a DID links to (dids_targets.go).
	coreModelOf[AddressVerification](),
}

func TestModelsAreValid(t *testing.T) {
	t.Parallel()
	for _, m := range coreModels {
		t.Run(m.typ.Name(), func(t *testing.T) {
			require.NoError(t, jsonapi.CheckModel(m.typ))
			for i := 0; i < m.typ.NumField(); i++ {
				f := m.typ.Field(i)
				tag := f.Tag.Get("jsonapi")
				assert.False(t, strings.HasPrefix(tag, "relation"), "%s uses google/jsonapi's relation tag", f.Name)
				if kind, _, _ := strings.Cut(tag, ","); kind == "attr" {
					// google/jsonapi truncates 1.5 into an int and cannot call
					// UnmarshalJSON: only plain strings and bools go through it.
					assert.Contains(t, []reflect.Type{reflect.TypeFor[string](), reflect.TypeFor[bool]()}, f.Type,
						"%s (%s) should use a didww:\"attr,...\" tag", f.Name, f.Type)
				}
				if f.Anonymous {
					assert.Empty(t, f.Tag, "embedded %s: google/jsonapi ignores embedded structs", f.Name)
				}
			}
		})
	}
}

// TestModelsListIsComplete fails when a model with a primary tag is added to
// the package's source without being listed in coreModels.
func TestModelsListIsComplete(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{}
	for _, m := range coreModels {
		typ, err := jsonapi.ResourceType(m.typ)
		require.NoError(t, err)
		listed[typ] = true
	}
	for _, m := range coreModels {
		for _, rel := range coreRels(m.typ) {
			typ, err := jsonapi.ResourceType(rel.elem)
			require.NoError(t, err)
			assert.True(t, listed[typ], "%s.%s points at %s, which is not listed", m.typ.Name(), rel.name, rel.elem.Name())
			for _, alt := range rel.alts {
				typ, err := jsonapi.ResourceType(alt)
				require.NoError(t, err)
				assert.True(t, listed[typ], "%s.%s may hold %s, which is not listed", m.typ.Name(), rel.name, alt.Name())
			}
		}
	}
}

type coreRel struct {
	name string
	elem reflect.Type
	many bool
	alts []reflect.Type // a polymorphic relationship's other models
}

// coreRels reads a model's didww rel tags.
func coreRels(t reflect.Type) []coreRel {
	var out []coreRel
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		kind, names, ok := strings.Cut(f.Tag.Get("didww"), ",")
		if !ok || kind != "rel" {
			continue
		}
		name, _, _ := strings.Cut(names, "|")
		if f.Type.Kind() == reflect.Interface {
			out = append(out, polyRel(t, f.Name, name))
			continue
		}
		if f.Type.Kind() == reflect.Slice {
			out = append(out, coreRel{name: name, elem: f.Type.Elem().Elem(), many: true})
		} else {
			out = append(out, coreRel{name: name, elem: f.Type.Elem()})
		}
	}
	return out
}

// polyRel reads a polymorphic relationship's models from the decoder.
func polyRel(t reflect.Type, field, name string) coreRel {
	d, err := jsonapi.Describe(t)
	if err != nil {
		panic(err)
	}
	for _, m := range d.Rels {
		if m.Field.Name == field {
			return coreRel{name: name, elem: m.Elems[0], alts: m.Elems[1:]}
		}
	}
	panic("no relationship " + field)
}

// coreDenseDocument builds a document where every resource reachable from
// root is included with id "1" and every relationship of every resource is
// filled, pointing back into the graph: the worst case for cycles.
func coreDenseDocument(t *testing.T, root reflect.Type) string {
	t.Helper()
	seen := map[reflect.Type]bool{}
	var resources []string
	var walk func(reflect.Type) string
	walk = func(typ reflect.Type) string {
		resType, err := jsonapi.ResourceType(typ)
		require.NoError(t, err)
		if seen[typ] {
			return resType
		}
		seen[typ] = true
		var rels []string
		for _, r := range coreRels(typ) {
			for _, alt := range r.alts {
				walk(alt)
			}
			target := walk(r.elem)
			link := fmt.Sprintf(`{"type":%q,"id":"1"}`, target)
			if r.many {
				link = "[" + link + "," + strings.Replace(link, `"1"`, `"2"`, 1) + "]"
			}
			rels = append(rels, fmt.Sprintf(`%q:{"data":%s}`, r.name, link))
		}
		res := fmt.Sprintf(`{"type":%q,"id":"1","attributes":%s,"relationships":{%s}}`, resType, coreMinimalAttributes(resType), strings.Join(rels, ","))
		resources = append(resources, res, strings.Replace(res, `"id":"1"`, `"id":"2"`, 1))
		return resType
	}
	rootType := walk(root)
	return fmt.Sprintf(`{"data":{"type":%q,"id":"1","attributes":%s,"relationships":%s},"included":[%s]}`,
		rootType, coreMinimalAttributes(rootType), coreRelsOf(resources[len(resources)-2]), strings.Join(resources, ","))
}

func coreRelsOf(res string) string {
	i := strings.Index(res, `"relationships":`)
	return res[i+len(`"relationships":`) : len(res)-1]
}

func TestModelsDecodeDenseCyclicDocuments(t *testing.T) {
	t.Parallel()
	for _, m := range coreModels {
		t.Run(m.typ.Name(), func(t *testing.T) {
			t.Parallel()
			body := coreDenseDocument(t, m.typ)
			doc, err := jsonapi.Parse([]byte(body))
			require.NoError(t, err, body)
			v, err := m.decode(doc)
			require.NoError(t, err)
			rv := reflect.ValueOf(v)
			require.False(t, rv.IsNil())
			assert.Equal(t, "1", rv.Elem().FieldByName("ID").String())
			for _, r := range coreRels(m.typ) {
				f := rv.Elem().FieldByName(coreFieldName(m.typ, r.name))
				if r.many {
					assert.Equal(t, 2, f.Len(), r.name)
				} else {
					assert.False(t, f.IsNil(), r.name)
				}
			}
		})
	}
}

func coreFieldName(t reflect.Type, rel string) string {
	for i := 0; i < t.NumField(); i++ {
		_, names, _ := strings.Cut(t.Field(i).Tag.Get("didww"), ",")
		if name, _, _ := strings.Cut(names, "|"); name == rel {
			return t.Field(i).Name
		}
	}
	return ""
}

// coreRequired is, per resource type, every attribute the models require
// (API_REFERENCE §6, §7, §9: listed as required and not nullable, and sent by
// every API version the client reads, the 2017-09-18 and 2022-05-10 seeds
// included), each with a valid value. Nullable attributes (country prefix,
// region iso, did group service_restrictions, reservation description, order
// callback and external reference) are not required: null and absent read
// the same. Attributes that older versions lack (service_restrictions before
// 2022, local_prefix after) are not either, nor is resource meta, which
// included did groups do not carry.
var coreRequired = map[string]map[string]string{
	"countries":           {"name": `"Atlantis"`, "iso": `"AX"`},
	"regions":             {"name": `"North"`},
	"cities":              {"name": `"Springfield"`},
	"areas":               {"name": `"Area 51"`},
	"did_group_types":     {"name": `"Local"`},
	"did_groups":          {"prefix": `"4420"`, "area_name": `"London"`, "features": `["voice_in"]`, "is_metered": `true`, "allow_additional_channels": `true`},
	"stock_keeping_units": {"setup_price": `"1.50"`, "monthly_price": `"0.75"`, "channels_included_count": `2`},
	"address_requirements": {"identity_type": `"any"`, "address_area_level": `"city"`, "personal_proof_qty": `1`,
		"business_proof_qty": `1`, "address_proof_qty": `1`, "service_description_required": `false`, "restriction_message": `""`},
	"supporting_document_templates": {"name": `"Letter of Authorization"`, "permanent": `true`, "url": `"https://doc.didww.com/loa.pdf"`},
	"proof_types":                   {"name": `"Utility Bill"`, "entity_type": `"Address"`},
	"nanpa_prefixes":                {"npa": `"212"`, "nxx": `"555"`},
	"available_dids":                {"number": `"12125550100"`},
	"did_reservations":              {"created_at": `"2026-04-16T10:00:00Z"`, "expires_at": `"2026-04-16T10:10:00Z"`},
	"orders": {"reference": `"KTH-1"`, "description": `"DID"`, "amount": `"3.60"`, "status": `"pending"`,
		"created_at": `"2026-04-16T10:00:00Z"`, "items": `[]`},
	"dids": {"number": `"12125550100"`, "blocked": `false`, "awaiting_registration": `false`, "terminated": `false`,
		"emergency_enabled": `false`, "channels_included_count": `2`, "dedicated_channels_count": `0`,
		"created_at": `"2026-04-16T10:00:00Z"`},
	"did_history":           {"action": `"assigned"`, "method": `"api3"`, "created_at": `"2026-04-16T10:00:00Z"`},
	"balances":              {"balance": `"100.00"`, "credit": `"0.00"`, "total_balance": `"100.00"`},
	"address_verifications": {"created_at": `"2026-04-16T10:00:00Z"`, "reference": `"ODW-879912"`, "status": `"pending"`},
	"addresses": {"address": `"Unter den Linden 1"`, "city_name": `"Berlin"`, "created_at": `"2026-04-16T10:00:00Z"`,
		"postal_code": `"10117"`, "verified": `false`},
	"capacity_pools": {"assigned_channels_count": `1`, "metered_rate": `"0.01"`, "minimum_limit": `1`, "minimum_qty_per_order": `1`,
		"monthly_price": `"1.50"`, "name": `"Standard"`, "renew_date": `"2026-05-01"`, "setup_price": `"0.00"`, "total_channels_count": `2`},
	"emergency_calling_services": {"created_at": `"2026-04-16T10:00:00Z"`, "name": `"Office"`, "reference": `"ECS-1"`, "status": `"active"`},
	"emergency_requirements":     {"address_area_level": `"city"`, "estimate_setup_time": `"7-14 days"`, "identity_type": `"any"`},
	"emergency_verifications":    {"created_at": `"2026-04-16T10:00:00Z"`, "reference": `"EV-1"`, "status": `"pending"`},
	"encrypted_files":            {"expires_at": `"2026-04-17T10:00:00Z"`},
	"exports":                    {"export_type": `"cdr_in"`, "status": `"pending"`},
	"identities": {"created_at": `"2026-04-16T10:00:00Z"`, "first_name": `"Ann"`, "identity_type": `"personal"`, "last_name": `"Lee"`,
		"phone_number": `"4930123456"`, "verified": `false`},
	"permanent_supporting_documents": {"created_at": `"2026-04-16T10:00:00Z"`},
	"pops":                           {"name": `"New York"`},
	"proofs":                         {"created_at": `"2026-04-16T10:00:00Z"`},
	"public_keys":                    {"key": `"-----BEGIN PUBLIC KEY-----"`},
	"qty_based_pricings":             {"monthly_price": `"1.50"`, "qty": `10`, "setup_price": `"0.00"`},
	"sender_id_verifications": {"created_at": `"2026-11-19T10:00:00Z"`, "name": `"ACME alerts"`, "reference": `"SID-1"`,
		"sender_ids": `["ACME"]`, "sender_type": `"alphanumeric"`, "status": `"new"`},
	"shared_capacity_groups": {"created_at": `"2026-04-16T10:00:00Z"`, "name": `"Sales"`, "shared_channels_count": `1`},
	"voice_in_trunks": {"configuration": `{"type":"pstn_configurations","attributes":{"dst":"12125550100"}}`,
		"created_at": `"2026-04-16T10:00:00Z"`, "name": `"Office PBX"`, "priority": `1`, "weight": `100`},
	"voice_in_trunk_groups": {"created_at": `"2026-04-16T10:00:00Z"`, "name": `"Office"`},
	"sms_trunk_groups":      {"created_at": `"2026-11-19T10:00:00Z"`, "updated_at": `"2026-11-19T10:00:00Z"`, "name": `"Inbound SMS"`},
	"voice_out_trunks": {"allow_any_did_as_cli": `false`,
		"authentication_method": `{"type":"ip_only","attributes":{"allowed_sip_ips":["203.0.113.1/32"]}}`,
		"created_at":            `"2026-04-16T10:00:00Z"`, "default_dst_action": `"allow_all"`, "dst_prefixes": `[]`, "emergency_enable_all": `false`,
		"force_symmetric_rtp": `false`, "media_encryption_mode": `"disabled"`, "name": `"Outbound"`, "on_cli_mismatch_action": `"reject_call"`,
		"rtp_ping": `false`, "rtp_timeout": `30`, "status": `"active"`, "threshold_amount": `"100.00"`, "threshold_reached": `false`},
	"sms_trunks": {"allow_any_did_as_source": `false`, "allow_in": `true`, "allow_out": `false`, "blocked": `false`,
		"configuration": `{"type":"sms_to_email","attributes":{"send_to":"sms@example.com","subject":"Inbound SMS","message":"You have a new message."}}`,
		"created_at":    `"2026-11-19T10:00:00Z"`, "name": `"Inbox"`, "updated_at": `"2026-11-19T10:00:00Z"`},
}

// coreMinimalAttributes is the attributes object of resType holding only
// its required attributes.
func coreMinimalAttributes(resType string) string {
	return coreAttributesWithout(resType, "", "")
}

// coreAttributesWithout is coreMinimalAttributes with name dropped, or set to
// value when value is not empty.
func coreAttributesWithout(resType, name, value string) string {
	var members []string
	for n, v := range coreRequired[resType] {
		switch {
		case n != name:
			members = append(members, fmt.Sprintf("%q:%s", n, v))
		case value != "":
			members = append(members, fmt.Sprintf("%q:%s", n, value))
		}
	}
	sort.Strings(members)
	return "{" + strings.Join(members, ",") + "}"
}

// coreRequiredTags reads the first name of every required attribute of a
// model from its tags.
func coreRequiredTags(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("didww")
		if tag == "required" {
			_, name, _ := strings.Cut(f.Tag.Get("jsonapi"), ",")
			out = append(out, name)
		} else if kind, rest, _ := strings.Cut(tag, ","); kind == "attr" && strings.HasSuffix(rest, ",required") {
			name, _, _ := strings.Cut(rest, "|")
			out = append(out, strings.TrimSuffix(name, ",required"))
		}
	}
	sort.Strings(out)
	return out
}

func TestModelsRequiredAttributes(t *testing.T) {
	t.Parallel()
	for _, m := range coreModels {
		resType, err := jsonapi.ResourceType(m.typ)
		require.NoError(t, err)
		t.Run(resType, func(t *testing.T) {
			t.Parallel()
			var want []string
			for n := range coreRequired[resType] {
				want = append(want, n)
			}
			sort.Strings(want)
			assert.Equal(t, want, coreRequiredTags(m.typ), "the model's required attributes")

			decode := func(attrs string) (any, error) {
				doc, err := jsonapi.Parse([]byte(`{"data":{"type":"` + resType + `","id":"x1","attributes":` + attrs + `}}`))
				require.NoError(t, err)
				return m.decode(doc)
			}
			v, err := decode(coreMinimalAttributes(resType))
			require.NoError(t, err, "only the required attributes")
			assert.Equal(t, "x1", reflect.ValueOf(v).Elem().FieldByName("ID").String())
			for _, name := range want {
				for _, attrs := range []string{coreAttributesWithout(resType, name, ""), coreAttributesWithout(resType, name, "null")} {
					v, err := decode(attrs)
					assert.True(t, reflect.ValueOf(v).IsNil(), "no model without %s", name)
					require.ErrorIs(t, err, jsonapi.ErrDecode, attrs)
					assert.Contains(t, err.Error(), fmt.Sprintf("%s x1: required attribute %q", resType, name), attrs)
				}
			}
		})
	}
}

// TestModelsAmountsAreRequiredOrPointers: a Decimal attribute is either
// required (so null and absent are errors, never the invalid zero Decimal)
// or a *Decimal (null is nil).
func TestModelsAmountsAreRequiredOrPointers(t *testing.T) {
	t.Parallel()
	for _, m := range coreModels {
		for i := 0; i < m.typ.NumField(); i++ {
			f := m.typ.Field(i)
			if f.Type != reflect.TypeFor[Decimal]() {
				continue
			}
			assert.True(t, strings.HasPrefix(f.Tag.Get("didww"), "attr,") && strings.HasSuffix(f.Tag.Get("didww"), ",required"),
				"%s.%s is a Decimal attribute that is not required", m.typ.Name(), f.Name)
		}
	}
}

func TestModelsDecodeMinimalResource(t *testing.T) {
	t.Parallel()
	for _, m := range coreModels {
		resType, err := jsonapi.ResourceType(m.typ)
		require.NoError(t, err)
		// An empty attributes object decodes only for a model that requires nothing.
		doc, err := jsonapi.Parse([]byte(`{"data":{"type":"` + resType + `","id":"x1","attributes":{},"meta":{}}}`))
		require.NoError(t, err)
		v, err := m.decode(doc)
		if len(coreRequired[resType]) > 0 {
			assert.ErrorIs(t, err, jsonapi.ErrDecode, m.typ.Name())
			assert.ErrorContains(t, err, "required attribute", m.typ.Name())
			assert.True(t, reflect.ValueOf(v).IsNil(), m.typ.Name())
			continue
		}
		require.NoError(t, err, m.typ.Name())
		want := reflect.New(m.typ)
		want.Elem().FieldByName("ID").SetString("x1")
		assert.Equal(t, want.Interface(), v, m.typ.Name())
	}
}
