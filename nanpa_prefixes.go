package didww

// NanpaPrefixesService reads NANPA prefixes (NPA-NXX) of US and Canadian numbers.
type NanpaPrefixesService service

// NanpaPrefix is a North American area code (NPA) and exchange (NXX).
type NanpaPrefix struct {
	ID      string   `jsonapi:"primary,nanpa_prefixes"`
	NPA     string   `jsonapi:"attr,npa"`
	NXX     string   `jsonapi:"attr,nxx"`
	Country *Country `didww:"rel,country"`
	Region  *Region  `didww:"rel,region"`
}
