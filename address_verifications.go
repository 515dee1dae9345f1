package didww

// AddressVerificationsService submits an address, with the identity and
// documents behind it, for the DIDs that need it (API_REFERENCE §17.12).
type AddressVerificationsService service
