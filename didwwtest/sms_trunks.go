package didwwtest

// smsTrunk is an SMS trunk of an account. kind is its configuration type
// (sms_to_email, http_in, http_out, smpp_esme, smpp_smsc), fixed at
// creation; groupID is the SMS trunk group it belongs to ("" for none).
type smsTrunk struct {
	id, name, kind string
	groupID        string
}
