package didwwtest

// smsState is what an account holds for SMS, from API 2026-11-19 on.
// Membership of a trunk in a group lives on the trunk (smsTrunk.groupID):
// a group's sms_trunks are the trunks naming it.
type smsState struct {
	trunks    []*smsTrunk
	groups    []*smsTrunkGroup
	senderIDs []*senderIDVerification
}
