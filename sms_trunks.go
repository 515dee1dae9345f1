package didww

// SMSTrunk is an SMS trunk (API 2026-11-19 on): how DIDWW delivers the
// inbound SMS of your DIDs, how you submit outbound SMS, or both.
type SMSTrunk struct {
	ID string `didww:"primary,sms_trunks"`
}
