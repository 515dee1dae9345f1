package didww

// Placeholders: the resources a DID links to that this package does not
// model yet. Each holds the id its relationship carries, so that a DID names
// its trunk, pool or verification; the full models (with their services)
// replace these declarations when they land, keeping the names.

// VoiceInTrunk is a voice-in trunk: where a DID's calls go.
// Placeholder, id only, until the full model lands.
type VoiceInTrunk struct {
	ID string `didww:"primary,voice_in_trunks"`
}

// VoiceInTrunkGroup is a group of voice-in trunks.
// Placeholder, id only, until the full model lands.
type VoiceInTrunkGroup struct {
	ID string `didww:"primary,voice_in_trunk_groups"`
}

// CapacityPool is a pool of channels DIDs draw on.
// Placeholder, id only, until the full model lands.
type CapacityPool struct {
	ID string `didww:"primary,capacity_pools"`
}

// SharedCapacityGroup shares channels of a capacity pool among DIDs.
// Placeholder, id only, until the full model lands.
type SharedCapacityGroup struct {
	ID string `didww:"primary,shared_capacity_groups"`
}

// AddressVerification proves the address a DID needs.
// Placeholder, id only, until the full model lands.
type AddressVerification struct {
	ID string `didww:"primary,address_verifications"`
}

// EmergencyCallingService is the emergency calling a DID takes part in.
// Placeholder, id only, until the full model lands.
type EmergencyCallingService struct {
	ID string `didww:"primary,emergency_calling_services"`
}

// EmergencyVerification verifies a DID's emergency address.
// Placeholder, id only, until the full model lands.
type EmergencyVerification struct {
	ID string `didww:"primary,emergency_verifications"`
}

// Identity is the person or business a DID is registered to.
// Placeholder, id only, until the full model lands.
type Identity struct {
	ID string `didww:"primary,identities"`
}
