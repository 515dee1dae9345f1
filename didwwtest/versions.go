package didwwtest

import (
	"net/http"
	"slices"
	"strings"
)

// Versions of the API. A request is served at its account's version (the
// token's, for a bearer request), or at a newer one its
// X-DIDWW-API-Version names (API_REFERENCE §1, §23.2, §23.1.6).
const (
	// defaultAPIVersion is the version of a new account.
	defaultAPIVersion = "2026-04-16"
	// version20261119 takes bearer tokens instead of the key and replaces
	// DID group types with number_type (API_REFERENCE §23).
	version20261119 = "2026-11-19"
)

// servedVersions are the versions whose shapes the server writes, oldest
// first. Serving another one is adding it here, saying how it
// authenticates (bearerVersions) and giving the registrations its changes.
var servedVersions = []string{defaultAPIVersion, version20261119}

// bearerVersions take `Authorization: Bearer <token>` on API requests and
// refuse the Api-Key header with 401.
var bearerVersions = []string{version20261119}

// releasedVersions are DIDWW's dated versions, oldest first. The API
// ignores a header naming one older than the account's version: such a
// request is served at the account's version.
var releasedVersions = []string{"2017-09-18", "2021-04-19", "2021-12-15", "2022-05-10", "2026-04-16", "2026-11-19"}

// selectVersion returns the version a request is served at: base (the
// account's or the token's version) unless the header names a newer
// version, or the 400 of a version the server does not serve.
func selectVersion(header, base string) (string, *apiError) {
	switch {
	case header == "" || header == base:
		return base, nil
	case slices.Contains(releasedVersions, header) && header < base:
		return base, nil
	case slices.Contains(servedVersions, header):
		return header, nil
	}
	return "", badRequest("400", "Invalid API version", "X-DIDWW-API-Version "+header+
		" is not a version this server serves; it serves "+strings.Join(servedVersions, ", ")+".")
}

// change is what one version changes of a resource. The registration
// writes every member any version has; a version's change takes out what
// that version does not have and refuses the query parameters it does not
// take, so that one registration serves every version. Reasons are the
// error's detail: they name the replacement when there is one.
type change struct {
	// gone, when set, says the version has no such resource: its paths
	// answer 404 and fields[] of its type is an unknown resource.
	gone string
	// without are the attributes, relationships and resource meta keys
	// ("meta.<key>") the version does not write; fields[] naming one is
	// 400 with the reason.
	without map[string]string
	// filters, sorts and includes the version refuses with 400, by name.
	filters, sorts, includes map[string]string
	// adapt rewrites a copy of an object before it is written, for values
	// whose shape differs by version.
	adapt func(o *obj)
}

// changeOf returns what version v changes of res, or nil.
func changeOf(res *resource, v string) *change {
	if res == nil {
		return nil
	}
	return res.changes[v]
}

// refusal returns the reason version v refuses name in section
// ("filters", "sorts", "includes"), or "".
func (ch *change) refusal(section, name string) string {
	if ch == nil {
		return ""
	}
	switch section {
	case "filters":
		return ch.filters[name]
	case "sorts":
		return ch.sorts[name]
	case "includes":
		return ch.includes[name]
	}
	return ""
}

// cut says whether the version does not have member name, and why.
func (ch *change) cut(name string) (why string, cut bool) {
	if ch == nil {
		return "", false
	}
	why, cut = ch.without[name]
	return why, cut
}

// shape returns o as version v writes it: o itself when v changes nothing
// of its type, else a copy without the members v does not have.
func (r *registry) shape(o *obj, v string) *obj {
	ch := changeOf(r.byType[o.typ], v)
	if ch == nil || (len(ch.without) == 0 && ch.adapt == nil) {
		return o
	}
	out := *o
	out.attrs, out.meta, out.primaryMeta = cutKeys(o.attrs, ch.without, ""), cutKeys(o.meta, ch.without, "meta."),
		cutKeys(o.primaryMeta, ch.without, "meta.")
	out.rels = nil
	for _, rl := range o.rels {
		if _, cut := ch.without[rl.name]; !cut {
			out.rels = append(out.rels, rl)
		}
	}
	if ch.adapt != nil {
		ch.adapt(&out)
	}
	return &out
}

// cutKeys copies m without the keys prefix+k that without names.
func cutKeys(m map[string]any, without map[string]string, prefix string) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if _, cut := without[prefix+k]; !cut {
			out[k] = v
		}
	}
	return out
}

// goneError is the answer to a path of a resource the version does not
// have: the route does not exist there.
func goneError(path string) *apiError {
	return newError(http.StatusNotFound, "404", "Not found", "No route matches "+path+".")
}
