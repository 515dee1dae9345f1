package didwwtest

import "slices"

// What 2026-11-19 changes of the coverage resources (API_REFERENCE §23.3):
// the did_group_type relationship of DID groups and address requirements
// gives way to a number_type attribute, every include, filter, sort or
// fields use of did_group_type is 400, and /did_group_types is gone. The
// registrations write both versions' members; these tables cut each
// version down to its own.

// movedToNumberType is the reason of a did_group_type use refused in
// 2026-11-19, naming the replacement.
func movedToNumberType(use, instead string) string {
	return use + " is not allowed in 2026-11-19: the did_group_type relationship is replaced by the number_type attribute; " +
		instead + "."
}

// newIn1119 is the reason 2026-04-16 refuses what 2026-11-19 adds.
func newIn1119(use string) string {
	return use + " is not allowed in 2026-04-16: it arrives in 2026-11-19."
}

var groupTypeChanges = map[string]*change{
	version20261119: {gone: "2026-11-19 has no DID group types: DID groups carry number_type (API_REFERENCE §23.3.2)"},
}

var groupChanges = map[string]*change{
	defaultAPIVersion: {
		without: map[string]string{"number_type": newIn1119("number_type"), "is_demo": newIn1119("is_demo")},
		filters: map[string]string{"number_type": newIn1119("filter[number_type]"), "is_demo": newIn1119("filter[is_demo]")},
		sorts:   map[string]string{"number_type": newIn1119("sort number_type"), "is_demo": newIn1119("sort is_demo")},
	},
	version20261119: {
		without:  map[string]string{"did_group_type": movedToNumberType("fields did_group_type", "request number_type")},
		filters:  map[string]string{"did_group_type.id": movedToNumberType("filter[did_group_type.id]", "filter by number_type")},
		sorts:    map[string]string{"did_group_type.name": movedToNumberType("sort did_group_type.name", "filter by number_type")},
		includes: map[string]string{"did_group_type": movedToNumberType("include did_group_type", "read the number_type attribute")},
	},
}

var requirementChanges = map[string]*change{
	defaultAPIVersion: {
		without: map[string]string{"number_type": newIn1119("number_type")},
		filters: map[string]string{"number_type": newIn1119("filter[number_type]")},
	},
	version20261119: {
		without:  map[string]string{"did_group_type": movedToNumberType("fields did_group_type", "request number_type")},
		filters:  map[string]string{"did_group_type.id": movedToNumberType("filter[did_group_type.id]", "filter by number_type")},
		includes: map[string]string{"did_group_type": movedToNumberType("include did_group_type", "read the number_type attribute")},
		adapt:    mandatoryFieldsNeverNull,
	},
}

var numberChanges = map[string]*change{
	defaultAPIVersion: {
		filters: map[string]string{"did_group.number_type": newIn1119("filter[did_group.number_type]")},
	},
	version20261119: {
		filters: map[string]string{"did_group_type.id": movedToNumberType("filter[did_group_type.id]", "filter by did_group.number_type")},
		sorts:   map[string]string{"number": "sort is not allowed in 2026-11-19: available DIDs come in random order."},
	},
}

// mandatoryFieldsNeverNull writes an address requirement's empty mandatory
// field lists as [], as 2026-11-19 documents them ("never null"; 2026-04-16
// sends null).
func mandatoryFieldsNeverNull(o *obj) {
	for _, k := range []string{"personal_mandatory_fields", "business_mandatory_fields"} {
		if o.attrs[k] == nil {
			o.attrs[k] = []string{}
		}
	}
}

// fNumberType matches items whose number type is one of the filter's,
// refusing a value that is not a number type.
func fNumberType[T any](name string, get func(T) string) filterFn[T] {
	match := fEq(get)
	return func(v string) (func(T) bool, *apiError) {
		for _, t := range splitValues(v) {
			if !slices.Contains(NumberTypes, t) {
				return nil, invalidFilter(name, t)
			}
		}
		return match(v)
	}
}
