package didwwtest

// senderIDVerification is a sender ID verification of an account;
// smsTrunkID is the trunk it sends through ("" for none).
type senderIDVerification struct {
	id, name   string
	smsTrunkID string
}
