package didww

// DID is a placeholder for the number model that dids.go defines: only its
// id, so that shared capacity groups can name their DIDs. The full model
// replaces this file.
type DID struct {
	ID string `didww:"primary,dids"`
}
