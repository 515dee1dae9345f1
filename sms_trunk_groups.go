package didww

// SMSTrunkGroup is a group of SMS trunks (API 2026-11-19 on) that inbound
// SMS are offered to by priority.
type SMSTrunkGroup struct {
	ID string `didww:"primary,sms_trunk_groups"`
}
