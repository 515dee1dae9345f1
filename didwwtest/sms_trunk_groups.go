package didwwtest

// smsTrunkGroup is an SMS trunk group of an account; its members are the
// trunks whose groupID names it.
type smsTrunkGroup struct {
	id, name string
}
