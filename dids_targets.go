package didww

// AddressVerification proves the address a DID needs.
// Placeholder, id only, until the full model lands with its service.
type AddressVerification struct {
	ID string `didww:"primary,address_verifications"`
}
