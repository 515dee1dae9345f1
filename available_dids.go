package didww

// AvailableDIDsService lists specific numbers that can be reserved and bought.
type AvailableDIDsService service

// AvailableDID is a specific number in stock.
type AvailableDID struct {
	ID string `jsonapi:"primary,available_dids"`
	// Number is E.164 without "+", such as "442037691880".
	Number      string       `jsonapi:"attr,number"`
	DIDGroup    *DIDGroup    `didww:"rel,did_group"`
	NanpaPrefix *NanpaPrefix `didww:"rel,nanpa_prefix"`
}
