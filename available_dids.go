package didww

// AvailableDIDsService is a placeholder until its resource is written.
type AvailableDIDsService service
