package didwwtest

import (
	"slices"
	"strings"
)

// Versions of the API. A request names one in X-DIDWW-API-Version; without
// the header it gets its account's version (API_REFERENCE §1, §23.2).
const (
	// defaultAPIVersion is the version of a new account.
	defaultAPIVersion = "2026-04-16"
)

// servedVersions are the versions whose shapes the server writes. Serving
// another one is adding it here and giving the registrations its shapes.
var servedVersions = []string{"2026-04-16"}

// releasedVersions are DIDWW's dated versions, oldest first. The API
// ignores a header naming one older than the account's version: such a
// request is served at the account's version.
var releasedVersions = []string{"2017-09-18", "2021-04-19", "2021-12-15", "2022-05-10", "2026-04-16", "2026-11-19"}

// selectVersion returns the version a request is served at, or the 400 of
// a version the server does not serve.
func selectVersion(header, accountVersion string) (string, *apiError) {
	switch {
	case header == "":
		return accountVersion, nil
	case slices.Contains(servedVersions, header):
		return header, nil
	case slices.Contains(releasedVersions, header) && header < accountVersion:
		return accountVersion, nil
	}
	return "", badRequest("400", "Invalid API version", "X-DIDWW-API-Version "+header+
		" is not a version this server serves; it serves "+strings.Join(servedVersions, ", ")+".")
}
