package didww

// NanpaPrefixesService is a placeholder until its resource is written.
type NanpaPrefixesService service
