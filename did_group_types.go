package didww

// DIDGroupTypesService is a placeholder until its resource is written.
type DIDGroupTypesService service
