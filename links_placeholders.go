package didww

// Placeholders: resources the outbound and emergency models link to that
// this package does not model yet. Each holds the id its relationship
// carries; the full models (with their services) replace these declarations
// when they land, keeping the names.

// DID is a number the account owns.
// Placeholder, id only, until the full model lands.
type DID struct {
	ID string `didww:"primary,dids"`
}

// Address is a postal address filed with DIDWW.
// Placeholder, id only, until the full model lands.
type Address struct {
	ID string `didww:"primary,addresses"`
}
