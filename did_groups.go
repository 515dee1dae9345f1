package didww

// DIDGroupsService is a placeholder until its resource is written.
type DIDGroupsService service
