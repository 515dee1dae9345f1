package didww

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/didww-go/didww/internal/contract"
	"github.com/didww-go/didww/internal/jsonapi"
	"github.com/stretchr/testify/require"
)

// clientKnownGaps are the differences between the client and the contract
// that are known and owed a fix, by finding key, with the item of issue 10
// they belong to. TestContractClient fails on any difference not listed here
// and on any entry that no longer occurs, so the table only shrinks.
var clientKnownGaps = map[string]string{}

// clientVersions are the API versions the client speaks.
var clientVersions = []string{DefaultAPIVersion, APIVersion20261119}

// listBinding ties a resource's endpoints to the client's options and its
// allowed include and sort sets.
type listBinding struct {
	typ      string
	opts     any // a *XListOptions
	includes []string
	sorts    []string
}

func listBindings() []listBinding {
	return []listBinding{
		{"countries", &CountryListOptions{}, countryIncludes, countrySorts},
		{"regions", &RegionListOptions{}, regionIncludes, regionSorts},
		{"cities", &CityListOptions{}, cityIncludes, citySorts},
		{"did_group_types", &DIDGroupTypeListOptions{}, nil, nil},
		{"did_groups", &DIDGroupListOptions{}, nil, nil},
		{"nanpa_prefixes", &NanpaPrefixListOptions{}, nanpaPrefixIncludes, nanpaPrefixSorts},
		{"available_dids", &AvailableDIDListOptions{}, nil, nil},
		{"did_reservations", &DIDReservationListOptions{}, didReservationIncludes, didReservationSorts},
		{"orders", &OrderListOptions{}, nil, orderSorts},
		{"dids", &DIDListOptions{}, nil, nil},
		{"did_history", &DIDHistoryListOptions{}, nil, didHistorySorts},
		{"address_requirements", &AddressRequirementListOptions{}, nil, nil},
		{"areas", &AreaListOptions{}, areaIncludes, areaSorts},
		{"identities", &IdentityListOptions{}, identityIncludes, identitySorts},
		{"addresses", &AddressListOptions{}, addressIncludes, addressSorts},
		{"proof_types", &ProofTypeListOptions{}, nil, proofTypeSorts},
		{"supporting_document_templates", &SupportingDocumentTemplateListOptions{}, nil, supportingDocumentTemplateSorts},
		{"encrypted_files", &EncryptedFileListOptions{}, nil, encryptedFileSorts},
		{"proofs", &ProofListOptions{}, proofIncludes, proofSorts},
		{"permanent_supporting_documents", &PermanentSupportingDocumentListOptions{}, permanentDocumentIncludes, permanentDocumentSorts},
		{"address_verifications", &AddressVerificationListOptions{}, addressVerificationIncludes, addressVerificationSorts},
		{"voice_in_trunks", &VoiceInTrunkListOptions{}, nil, nil},
		{"voice_in_trunk_groups", &VoiceInTrunkGroupListOptions{}, voiceInTrunkGroupIncludes, voiceInTrunkGroupSorts},
		{"pops", &PopListOptions{}, nil, nil},
		{"capacity_pools", &CapacityPoolListOptions{}, capacityPoolIncludes, capacityPoolSorts},
		{"shared_capacity_groups", &SharedCapacityGroupListOptions{}, sharedCapacityGroupIncludes, sharedCapacityGroupSorts},
		{"voice_out_trunks", &VoiceOutTrunkListOptions{}, voiceOutTrunkIncludes, voiceOutTrunkSorts},
		{"exports", &ExportListOptions{}, nil, exportSorts},
		{"emergency_requirements", &EmergencyRequirementListOptions{}, nil, nil},
		{"emergency_calling_services", &EmergencyCallingServiceListOptions{}, nil, nil},
		{"emergency_verifications", &EmergencyVerificationListOptions{}, emergencyVerificationIncludes, emergencyVerificationSorts},
		{"sms_trunk_groups", &SMSTrunkGroupListOptions{}, nil, nil},
		{"sender_id_verifications", &SenderIDVerificationListOptions{}, nil, nil},
		{"sms_trunks", &SMSTrunkListOptions{}, nil, nil},
	}
}

// versionedSets are the option sets of the resources whose names depend on
// the API version; their bindings' includes and sorts come from here.
var versionedSets = map[string]*optionSet{
	"did_group_types":            didGroupTypeOptions,
	"did_groups":                 didGroupOptions,
	"available_dids":             availableDIDOptions,
	"address_requirements":       addressRequirementOptions,
	"dids":                       didOptions,
	"emergency_requirements":     emergencyRequirementOptions,
	"emergency_calling_services": emergencyServiceOptions,
	"voice_in_trunks":            voiceInTrunkOptions,
	"pops":                       popOptions,
	"sms_trunk_groups":           smsTrunkGroupOptions,
	"sender_id_verifications":    senderIDOptions,
	"sms_trunks":                 smsTrunkOptions,
	"exports":                    exportOptions,
}

// at returns the binding with the include and sort sets of version v.
func (b listBinding) at(v string) listBinding {
	if set := versionedSets[b.typ]; set != nil {
		b.includes, b.sorts = set.names("include", v), set.names("sort", v)
	}
	return b
}

// singletonServices are the types the client has a service for that has no
// list options to bind: GET /balance takes no filter, include or sort.
var singletonServices = []string{"balances"}

// rootModels are the models the services return; the others are reached
// through their relationships.
var rootModels = []reflect.Type{
	reflect.TypeFor[Country](), reflect.TypeFor[Region](), reflect.TypeFor[City](), reflect.TypeFor[DIDGroupType](),
	reflect.TypeFor[DIDGroup](), reflect.TypeFor[NanpaPrefix](), reflect.TypeFor[AvailableDID](),
	reflect.TypeFor[DIDReservation](), reflect.TypeFor[Order](),
	reflect.TypeFor[AddressRequirement](), reflect.TypeFor[Area](), reflect.TypeFor[Identity](), reflect.TypeFor[Address](),
	reflect.TypeFor[ProofType](), reflect.TypeFor[SupportingDocumentTemplate](), reflect.TypeFor[PublicKey](),
	reflect.TypeFor[EncryptedFile](),
	reflect.TypeFor[VoiceInTrunk](), reflect.TypeFor[VoiceInTrunkGroup](), reflect.TypeFor[Pop](),
	reflect.TypeFor[CapacityPool](), reflect.TypeFor[SharedCapacityGroup](),
	reflect.TypeFor[DID](), reflect.TypeFor[DIDHistoryEntry](), reflect.TypeFor[Balance](),
	reflect.TypeFor[VoiceOutTrunk](), reflect.TypeFor[Export](), reflect.TypeFor[EmergencyRequirement](),
	reflect.TypeFor[EmergencyCallingService](), reflect.TypeFor[EmergencyVerification](),
	reflect.TypeFor[SMSTrunkGroup](),
	reflect.TypeFor[SenderIDVerification](),
	reflect.TypeFor[SMSTrunk](),
}

// variantReaders are the wire structs that read the variants of a
// polymorphic attribute, by the model type of its elements.
var variantReaders = map[reflect.Type]reflect.Type{
	reflect.TypeFor[OrderItem]():                 reflect.TypeFor[orderItemAttributes](),
	reflect.TypeFor[TrunkConfiguration]():        reflect.TypeFor[trunkConfigurationAttributes](),
	reflect.TypeFor[AuthenticationMethodValue](): reflect.TypeFor[authenticationAttributes](),
	reflect.TypeFor[SMSTrunkConfiguration]():     reflect.TypeFor[smsTrunkConfigurationAttributes](),
}

func TestContractClient(t *testing.T) {
	t.Parallel()
	c, err := contract.Load("testdata/contract")
	require.NoError(t, err)
	require.Equal(t, DefaultAPIVersion, c.Default, "contract default version %s, client DefaultAPIVersion %s", c.Default, DefaultAPIVersion)
	models := describeModels(t)
	f := contract.NewFindings(c)
	bound := map[string]bool{}
	for _, b := range listBindings() {
		bound[b.typ] = true
	}
	for _, typ := range singletonServices {
		bound[typ] = true
	}
	for _, v := range clientVersions {
		for _, typ := range c.Types() {
			r := c.Resources[typ]
			s := r.Shape(v)
			if s == nil {
				continue
			}
			// A type the client has no service for (client.no_service) needs
			// no model until the service comes; a model it has is checked.
			// An id-only model of such a type is a placeholder a
			// relationship points at (dids_targets.go): checked once the
			// type's service comes and its no_service goes.
			if d := models[typ]; d != nil && !(r.Client.NoService != "" && idOnly(d)) {
				checkModel(f, c, r, v, d, models)
			} else if r.Client.NoService == "" {
				f.Add(f.Key(typ, v, "model", ""), "%s %s: the API has this type; no model decodes it and %s records no client.no_service", typ, v, r.File)
			}
			if len(s.Endpoints) > 0 && !bound[typ] && r.Client.NoService == "" {
				f.Add(f.Key(typ, v, "service", ""), "%s %s: the API has endpoints; the client has no service and %s records no decision (client.no_service)", typ, v, r.File)
			}
		}
		for _, b := range listBindings() {
			r := c.Resources[b.typ]
			switch {
			case r != nil && r.Versions[v] == nil && v != c.Default:
				// The contract does not describe this version of the
				// resource yet; the fake's test skips it too.
			case r != nil && r.Versions[v] != nil && r.Versions[v].Gone != "":
				checkGone(f, r, v, b)
			case r == nil || r.Shape(v) == nil:
				f.Add(f.Key(b.typ, v, "service", ""), "%s %s: the client has a service; the contract has no such resource", b.typ, v)
			default:
				checkOptions(f, r, v, b.at(v))
				checkRefusedFields(f, r, v)
			}
		}
	}
	checkDocumentMeta(f, c)
	f.Compare(t, clientKnownGaps, "fix the client, or record a deliberate decision in the resource's client section of testdata/contract")
}

// describeModels returns the decoding description of every model reachable
// from rootModels, by resource type.
func describeModels(t *testing.T) map[string]*jsonapi.Description {
	t.Helper()
	out := map[string]*jsonapi.Description{}
	queue := slices.Clone(rootModels)
	for len(queue) > 0 {
		typ := queue[0]
		queue = queue[1:]
		d, err := jsonapi.Describe(typ)
		require.NoError(t, err)
		if out[d.ResType] != nil {
			require.True(t, out[d.ResType].Type == typ, "two models decode %s: %v and %v", d.ResType, out[d.ResType].Type, typ)
			continue
		}
		out[d.ResType] = d
		for _, r := range d.Rels {
			queue = append(queue, r.Elem)
			queue = append(queue, r.Elems...)
		}
	}
	return out
}

// idOnly reports whether a model reads nothing but the id.
func idOnly(d *jsonapi.Description) bool {
	return len(d.Attrs) == 0 && len(d.Metas) == 0 && len(d.Rels) == 0
}

// checkModel compares what the model reads with what the API sends.
func checkModel(f *contract.Findings, c *contract.Contract, r *contract.Resource, v string, d *jsonapi.Description, models map[string]*jsonapi.Description) {
	s := r.Shape(v)
	where := fmt.Sprintf("%s %s (%v)", r.Type, v, d.Type)
	for _, alt := range d.AltTypes {
		if r.Client.Legacy["type."+alt] == "" {
			f.Add(f.Key(r.Type, v, "type", alt), "%s: the model also accepts type %q, which the contract does not record as legacy", where, alt)
		}
	}
	compareMembers(f, r, v, "attributes", s.Attributes, d.Attrs, where)
	compareMembers(f, r, v, "meta", s.Meta, d.Metas, where)
	for _, m := range d.Attrs {
		if a := s.Attributes[m.Names[0]]; a != nil && a.Variants != nil {
			checkVariants(f, r, v, m, a, where)
		}
	}
	read := map[string]jsonapi.Member{}
	for _, m := range d.Rels {
		for _, n := range m.Names {
			read[n] = m
		}
	}
	for _, name := range contract.Sorted(s.Relationships) {
		rel := s.Relationships[name]
		m, ok := read[name]
		switch {
		case !ok && r.Client.Omitted["relationships."+name] == "":
			f.Add(f.Key(r.Type, v, "relationships", name), "%s: the API sends relationship %s (to-%s %s); no model field reads it", where, name, rel.To, rel.Type)
		case !ok:
		case m.ToMany != (rel.To == "many"):
			f.Add(f.Key(r.Type, v, "relationships", name), "%s: relationship %s is to-%s; field %s is %v", where, name, rel.To, m.Field.Name, m.Field.Type)
		case m.Elems != nil:
			checkPolymorphic(f, r, v, name, rel, m, models, where)
		default:
			target := models[rel.Type]
			if target == nil || target.Type != m.Elem {
				got, _ := jsonapi.ResourceType(m.Elem)
				f.Add(f.Key(r.Type, v, "relationships", name), "%s: relationship %s points at %s; field %s decodes %s", where, name, rel.Type, m.Field.Name, got)
			}
		}
	}
	for _, name := range contract.Sorted(read) {
		if s.Relationships[name] == nil && r.Client.Legacy["relationships."+name] == "" {
			f.Add(f.Key(r.Type, v, "relationships", name), "%s: field %s reads relationship %q, which %s does not send (no legacy decision recorded)", where, read[name].Field.Name, name, v)
		}
	}
}

// checkPolymorphic checks that a polymorphic relationship's field decodes
// every type the API may send in it, and no other.
func checkPolymorphic(f *contract.Findings, r *contract.Resource, v, name string, rel *contract.Relationship, m jsonapi.Member, models map[string]*jsonapi.Description, where string) {
	want := rel.Types
	if len(want) == 0 {
		want = []string{rel.Type}
	}
	var got []string
	for _, e := range m.Elems {
		typ, _ := jsonapi.ResourceType(e)
		got = append(got, typ)
		if models[typ] == nil || models[typ].Type != e {
			f.Add(f.Key(r.Type, v, "relationships", name), "%s: relationship %s: field %s decodes %s with %v, another model than the one registered", where, name, m.Field.Name, typ, e)
		}
	}
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		f.Add(f.Key(r.Type, v, "relationships", name), "%s: relationship %s may hold %v; field %s decodes %v", where, name, want, m.Field.Name, got)
	}
}

// compareMembers compares attribute or meta names both ways and checks the
// Go type of each field read against the JSON type.
func compareMembers(f *contract.Findings, r *contract.Resource, v, section string, want map[string]*contract.Field, got []jsonapi.Member, where string) {
	read := map[string]jsonapi.Member{}
	for _, m := range got {
		for _, n := range m.Names {
			read[n] = m
		}
	}
	for _, name := range contract.Sorted(want) {
		m, ok := read[name]
		key := f.Key(r.Type, v, section, name)
		switch {
		case !ok && r.Client.Omitted[section+"."+name] == "":
			f.Add(key, "%s: the API sends %s %q; no model field reads it and no decision is recorded (client.omitted)", where, section, name)
		case ok && r.Client.Omitted[section+"."+name] != "":
			f.Add(key, "%s: %s %q is recorded as omitted, yet field %s reads it", where, section, name, m.Field.Name)
		case ok:
			if why := goTypeFits(want[name], m.Field.Type, section == "meta"); why != "" {
				f.Add(key, "%s: %s %q (%s): field %s is %v: %s", where, section, name, describeField(want[name]), m.Field.Name, m.Field.Type, why)
			}
		}
	}
	for _, name := range contract.Sorted(read) {
		if want[name] == nil && r.Client.Legacy[section+"."+name] == "" {
			f.Add(f.Key(r.Type, v, section, name), "%s: field %s reads %s %q, which %s never sends (no legacy decision recorded)", where, read[name].Field.Name, section, name, v)
		}
	}
}

// checkVariants compares the attributes of each variant of a polymorphic
// attribute with those its wire struct reads.
func checkVariants(f *contract.Findings, r *contract.Resource, v string, m jsonapi.Member, a *contract.Field, where string) {
	elem := m.Field.Type
	if elem.Kind() == reflect.Slice {
		elem = elem.Elem()
	}
	reader := variantReaders[elem]
	if reader == nil {
		f.Add(f.Key(r.Type, v, m.Names[0], ""), "%s: attribute %q has variants; no wire struct is registered for %v in variantReaders", where, m.Names[0], elem)
		return
	}
	read := map[string]reflect.Type{}
	for i := 0; i < reader.NumField(); i++ {
		name, _, _ := strings.Cut(reader.Field(i).Tag.Get("json"), ",")
		read[name] = reader.Field(i).Type
	}
	sent := map[string]bool{}
	for _, kind := range contract.Sorted(a.Variants) {
		for _, name := range contract.Sorted(a.Variants[kind]) {
			sent[name] = true
			omitted := r.Client.Omitted[m.Names[0]+"."+kind+"."+name] != ""
			gt, ok := read[name]
			switch {
			case !ok && !omitted:
				f.Add(f.Key(r.Type, v, m.Names[0], name), "%s: %s of type %s carry %q; %v does not read it", where, m.Names[0], kind, name, reader)
			case ok:
				if why := goTypeFits(a.Variants[kind][name], gt, false); why != "" {
					f.Add(f.Key(r.Type, v, m.Names[0], name), "%s: %s.%s %q: %v: %s", where, m.Names[0], kind, name, gt, why)
				}
			}
		}
	}
	for _, name := range contract.Sorted(read) {
		if !sent[name] {
			f.Add(f.Key(r.Type, v, m.Names[0], name), "%s: %v reads %q, which no %s variant sends under %s: the model presents a field the API never fills", where, reader, name, m.Names[0], v)
		}
	}
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	decimalType = reflect.TypeFor[Decimal]()
)

// goTypeFits says why Go type t cannot hold the field's JSON values
// faithfully, or "" when it can. A value that may be absent or null and
// means something (a count, a flag, a time) needs a pointer; a nullable text
// may be a string, null reading as empty.
func goTypeFits(fd *contract.Field, t reflect.Type, meta bool) string {
	maybe := fd.Nullable || !fd.IsRequired()
	ptr := t.Kind() == reflect.Pointer
	base := t
	if ptr {
		base = t.Elem()
	}
	needPtr := func(what string) string {
		if maybe && !ptr {
			if !fd.IsRequired() {
				return "the key is often absent, and absent would read as " + what + ": use a pointer"
			}
			return "null would read as " + what + ": use a pointer"
		}
		return ""
	}
	switch fd.Type {
	case "string":
		switch {
		case fd.Format == "date-time" && base != timeType:
			return "a date-time wants time.Time"
		case fd.Format == "date-time":
			return needPtr("the zero time")
		case fd.Format == "decimal" && base != decimalType:
			return "a decimal wants Decimal"
		case base.Kind() != reflect.String:
			return "a string wants a string type"
		case meta:
			return needPtr(`""`)
		}
	case "integer":
		if !slices.Contains([]reflect.Kind{reflect.Int, reflect.Int64, reflect.Int32}, base.Kind()) {
			return "an integer wants an int"
		}
		return needPtr("0")
	case "number":
		if base != decimalType && base.Kind() != reflect.Float64 {
			return "a number wants Decimal or float64"
		}
	case "boolean":
		if base.Kind() != reflect.Bool {
			return "a boolean wants bool"
		}
		return needPtr("false")
	case "array":
		if t.Kind() != reflect.Slice {
			return "an array wants a slice"
		}
		if fd.Items == "string" && t.Elem().Kind() != reflect.String {
			return "an array of strings wants a slice of a string type"
		}
	}
	return ""
}

func describeField(fd *contract.Field) string {
	s := fd.Type
	if fd.Format != "" {
		s += " " + fd.Format
	}
	if fd.Nullable {
		s += ", nullable"
	}
	if !fd.IsRequired() {
		s += ", often absent"
	}
	return s
}

// checkOptions compares the filters, includes and sort keys the client
// offers with those the API accepts.
func checkOptions(f *contract.Findings, r *contract.Resource, v string, b listBinding) {
	s := r.Shape(v)
	where := fmt.Sprintf("%s %s (%T)", r.Type, v, b.opts)
	offered := discoverFilters(f, r, v, b.opts, where)
	for _, name := range contract.Sorted(offered) {
		field := offered[name]
		want := s.Filters[name]
		key := f.Key(r.Type, v, "filters", name)
		switch {
		case want == nil && s.Refused.Filters[name] != "":
			f.Add(key, "%s: field %s sends filter[%s], which the API refuses: %s", where, field.Name, name, s.Refused.Filters[name])
		case want == nil:
			f.Add(key, "%s: field %s sends filter[%s], which %s does not accept", where, field.Name, name, v)
		default:
			if why := filterTypeFits(want, field.Type); why != "" {
				f.Add(key, "%s: filter[%s] takes %s; field %s is %v: %s", where, name, want.Type, field.Name, field.Type, why)
			}
		}
	}
	for _, name := range contract.Sorted(s.Filters) {
		if _, ok := offered[name]; !ok && r.Client.Omitted["filters."+name] == "" {
			f.Add(f.Key(r.Type, v, "filters", name), "%s: the API accepts filter[%s]; no option sends it (no decision in client.omitted)", where, name)
		}
	}
	compareSet(f, r, v, "includes", b.includes, s.Includes, s.Refused.Includes, where)
	compareSet(f, r, v, "sorts", b.sorts, s.Sorts, s.Refused.Sorts, where)
	for name, why := range s.Refused.Includes {
		if err := queryWith(b.opts, v, "Include", []string{name}); err == nil {
			f.Add(f.Key(r.Type, v, "includes", name), "%s: include %q is sent, yet the API refuses it: %s", where, name, why)
		}
	}
	for name, why := range s.Refused.Sorts {
		if err := queryWith(b.opts, v, "Sort", []string{name}); err == nil {
			f.Add(f.Key(r.Type, v, "sorts", name), "%s: sort %q is sent, yet the API refuses it: %s", where, name, why)
		}
	}
}

// compareSet compares an allowed set of the client with the contract's.
func compareSet(f *contract.Findings, r *contract.Resource, v, section string, client, api []string, refused map[string]string, where string) {
	for _, name := range client {
		if slices.Contains(api, name) {
			continue
		}
		why := v + " does not accept it"
		if refused[name] != "" {
			why = "the API refuses it: " + refused[name]
		}
		f.Add(f.Key(r.Type, v, section, name), "%s: the client allows %s %q; %s", where, section, name, why)
	}
	for _, name := range api {
		if !slices.Contains(client, name) && r.Client.Omitted[section+"."+name] == "" {
			f.Add(f.Key(r.Type, v, section, name), "%s: the API accepts %s %q; the client refuses it (no decision in client.omitted)", where, section, name)
		}
	}
}

type querier interface{ query() (url.Values, error) }

// versionedQuerier builds the query of a given API version.
type versionedQuerier interface {
	queryFor(version string) (url.Values, error)
}

// queryAt is the query opts builds under version v: its queryFor when it
// has one, else its query (the same for every version).
func queryAt(opts any, v string) (url.Values, error) {
	if vq, ok := opts.(versionedQuerier); ok {
		return vq.queryFor(v)
	}
	return opts.(querier).query()
}

// queryWith sets one field of a fresh copy of opts and returns the error of
// its query under version v.
func queryWith(opts any, v, field string, value any) error {
	p := reflect.New(reflect.TypeOf(opts).Elem())
	p.Elem().FieldByName(field).Set(reflect.ValueOf(value))
	_, err := queryAt(p.Interface(), v)
	return err
}

// checkGone checks that the client refuses, before sending, every request
// for a resource version v does not have.
func checkGone(f *contract.Findings, r *contract.Resource, v string, b listBinding) {
	if _, err := queryAt(b.opts, v); !errors.Is(err, ErrInvalidRequest) {
		f.Add(f.Key(r.Type, v, "service", ""), "%s %s: the version has no such resource (%s); the client's list query gives error %v, want a refusal", r.Type, v, r.Versions[v].Gone, err)
	}
	q := newQueryFor(nil, v)
	q.fields(map[string][]string{r.Type: {"name"}})
	if _, err := q.values(); err == nil {
		f.Add(f.Key(r.Type, v, "fields", ""), "%s %s: the version has no such resource; fields[%s] is sent", r.Type, v, r.Type)
	}
}

// checkRefusedFields checks that fields[<type>] naming a member version v
// refuses is refused before sending.
func checkRefusedFields(f *contract.Findings, r *contract.Resource, v string) {
	for _, name := range contract.Sorted(r.Shape(v).Refused.Fields) {
		q := newQueryFor(nil, v)
		q.fields(map[string][]string{r.Type: {name}})
		if _, err := q.values(); err == nil {
			f.Add(f.Key(r.Type, v, "fields", name), "%s %s: fields[%s]=%s is sent, yet the API refuses it: %s", r.Type, v, r.Type, name, r.Shape(v).Refused.Fields[name])
		}
	}
}

// discoverFilters sets each filter field of the options alone to a sample
// value and reads which filter[...] key its query produces under version v.
// A field that v refuses is right when the API under v does not take its
// filter (found under another version the client speaks), and is left out.
func discoverFilters(f *contract.Findings, r *contract.Resource, v string, opts any, where string) map[string]reflect.StructField {
	t := reflect.TypeOf(opts).Elem()
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Anonymous || slices.Contains([]string{"Include", "Sort", "Extra"}, sf.Name) {
			continue
		}
		sample, ok := sampleValue(sf.Type)
		if !ok {
			f.Add(f.Key(r.Type, v, "options", sf.Name), "%s: field %s has type %v, which the test cannot fill", where, sf.Name, sf.Type)
			continue
		}
		key, err := filterKey(opts, i, sample, v)
		if errors.Is(err, ErrInvalidRequest) {
			for _, other := range clientVersions {
				if k, e := filterKey(opts, i, sample, other); e == nil && k != "" {
					if r.Shape(v).Filters[k] != nil {
						f.Add(f.Key(r.Type, v, "filters", k), "%s: field %s (filter[%s]) is refused under %s, which accepts it: %v", where, sf.Name, k, v, err)
					}
					break
				}
			}
			continue
		}
		if err != nil || key == "" {
			f.Add(f.Key(r.Type, v, "options", sf.Name), "%s: field %s set alone gives filter %q (error %v); want one filter", where, sf.Name, key, err)
			continue
		}
		out[key] = sf
	}
	return out
}

// filterKey sets field i of a fresh copy of opts to sample and returns the
// one filter[...] key its query under v holds ("" when not exactly one).
func filterKey(opts any, i int, sample reflect.Value, v string) (string, error) {
	p := reflect.New(reflect.TypeOf(opts).Elem())
	p.Elem().Field(i).Set(sample)
	q, err := queryAt(p.Interface(), v)
	if err != nil {
		return "", err
	}
	var keys []string
	for k := range q {
		if strings.HasPrefix(k, "filter[") {
			keys = append(keys, strings.TrimSuffix(strings.TrimPrefix(k, "filter["), "]"))
		}
	}
	if len(keys) != 1 {
		return "", nil
	}
	return keys[0], nil
}

// sampleValue is a non-zero value of t that every option accepts.
func sampleValue(t reflect.Type) (reflect.Value, bool) {
	v := reflect.New(t).Elem()
	switch {
	case t == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)))
	case t.Kind() == reflect.String:
		v.SetString("123")
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		v.Set(reflect.Append(v, reflect.ValueOf("123").Convert(t.Elem())))
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool:
		v.Set(reflect.ValueOf(Bool(true)))
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Int:
		v.Set(reflect.ValueOf(Int(1)))
	default:
		return v, false
	}
	return v, true
}

// filterTypeFits says why an option of Go type t cannot send the filter's
// values, or "".
func filterTypeFits(fl *contract.Filter, t reflect.Type) string {
	switch {
	case t.Kind() == reflect.Slice && !fl.List:
		return "a slice sends several values, which this filter does not take"
	case t.Kind() == reflect.Slice:
		t = t.Elem()
	}
	ok := map[string]bool{
		"string":    t.Kind() == reflect.String,
		"boolean":   t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool,
		"integer":   t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Int,
		"date-time": t == timeType,
	}[fl.Type]
	if !ok {
		return "wrong Go type for the value"
	}
	return ""
}

// checkDocumentMeta checks that Meta reads every document meta key.
func checkDocumentMeta(f *contract.Findings, c *contract.Contract) {
	read := map[string]bool{}
	mt := reflect.TypeFor[Meta]()
	for i := 0; i < mt.NumField(); i++ {
		name, _, _ := strings.Cut(mt.Field(i).Tag.Get("json"), ",")
		read[name] = true
	}
	for _, typ := range c.Types() {
		for _, v := range clientVersions {
			s := c.Resources[typ].Shape(v)
			if s == nil {
				continue
			}
			for _, op := range contract.Sorted(s.Endpoints) {
				for _, key := range contract.Sorted(s.Endpoints[op].DocumentMeta) {
					if !read[key] {
						f.Add(f.Key(typ, v, "document_meta", key), "%s %s %s: the answer's meta has %q; Meta does not read it", typ, v, op, key)
					}
				}
			}
		}
	}
}
