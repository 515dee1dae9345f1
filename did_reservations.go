package didww

// DIDReservationsService is a placeholder until its resource is written.
type DIDReservationsService service
