package didww

// DIDGroupTypesService reads the types of DID groups (Local, Mobile, Toll-free, ...).
type DIDGroupTypesService service

// DIDGroupType is a kind of number, such as "Local" or "Toll-free".
type DIDGroupType struct {
	ID   string `jsonapi:"primary,did_group_types"`
	Name string `jsonapi:"attr,name"`
}
