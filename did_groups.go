package didww

// DIDGroupsService reads DID groups: numbers that share a city or area code,
// with their prices (stock keeping units) and availability.
type DIDGroupsService service

// Feature is a capability of the numbers of a DID group. Unknown values are kept.
type Feature string

// Features the API documents.
const (
	FeatureVoiceIn   Feature = "voice_in"
	FeatureVoiceOut  Feature = "voice_out"
	FeatureT38       Feature = "t38"
	FeatureSMSIn     Feature = "sms_in"
	FeatureP2P       Feature = "p2p"
	FeatureA2P       Feature = "a2p"
	FeatureEmergency Feature = "emergency"
	FeatureCNAMOut   Feature = "cnam_out"
)

// DIDGroup is a group of numbers sharing a prefix and area.
type DIDGroup struct {
	ID string `jsonapi:"primary,did_groups"`
	// Prefix is the dialling prefix, such as "20" or "4420".
	Prefix      string `jsonapi:"attr,prefix"`
	LocalPrefix string `jsonapi:"attr,local_prefix"`
	AreaName    string `jsonapi:"attr,area_name"`
	// Features are the group's capabilities.
	Features                []Feature `didww:"attr,features"`
	IsMetered               bool      `jsonapi:"attr,is_metered"`
	AllowAdditionalChannels bool      `jsonapi:"attr,allow_additional_channels"`
	// ServiceRestrictions is restriction text, often HTML; empty when none.
	ServiceRestrictions string `jsonapi:"attr,service_restrictions"`

	// The four values below come from the resource's own meta, on primary
	// and included groups alike.

	// AvailableDIDsEnabled says whether specific numbers of the group can be
	// listed (AvailableDIDs) and reserved.
	AvailableDIDsEnabled bool `didww:"meta,available_dids_enabled"`
	// NeedsRegistration says whether numbers need the buyer's documents before activation.
	NeedsRegistration bool `didww:"meta,needs_registration"`
	// IsAvailable says whether numbers can be bought now.
	IsAvailable bool `didww:"meta,is_available"`
	// TotalCount is how many numbers are in stock.
	TotalCount int `didww:"meta,total_count"`

	// Relationships: filled when included, ID-only when only linkage came.
	Country            *Country            `didww:"rel,country"`
	Region             *Region             `didww:"rel,region"`
	City               *City               `didww:"rel,city"`
	DIDGroupType       *DIDGroupType       `didww:"rel,did_group_type"`
	StockKeepingUnits  []*StockKeepingUnit `didww:"rel,stock_keeping_units"`
	AddressRequirement *AddressRequirement `didww:"rel,address_requirement|requirement"`
}

// StockKeepingUnit is a price option of a DID group; its ID is the sku_id of
// an order item.
type StockKeepingUnit struct {
	ID string `jsonapi:"primary,stock_keeping_units"`
	// SetupPrice is the one-off charge, VAT excluded.
	SetupPrice Decimal `didww:"attr,setup_price"`
	// MonthlyPrice is the recurring monthly charge, VAT excluded.
	MonthlyPrice Decimal `didww:"attr,monthly_price"`
	// ChannelsIncludedCount is how many simultaneous calls are included.
	ChannelsIncludedCount int `didww:"attr,channels_included_count"`
}

// AddressRequirement says what a buyer must prove to activate numbers of a DID group.
type AddressRequirement struct {
	ID                         string   `jsonapi:"primary,address_requirements" didww:"types,requirements"`
	IdentityType               string   `jsonapi:"attr,identity_type"`
	PersonalAreaLevel          string   `jsonapi:"attr,personal_area_level"`
	BusinessAreaLevel          string   `jsonapi:"attr,business_area_level"`
	AddressAreaLevel           string   `jsonapi:"attr,address_area_level"`
	PersonalProofQty           int      `didww:"attr,personal_proof_qty"`
	BusinessProofQty           int      `didww:"attr,business_proof_qty"`
	AddressProofQty            int      `didww:"attr,address_proof_qty"`
	PersonalMandatoryFields    []string `didww:"attr,personal_mandatory_fields"`
	BusinessMandatoryFields    []string `didww:"attr,business_mandatory_fields"`
	ServiceDescriptionRequired bool     `jsonapi:"attr,service_description_required"`
	RestrictionMessage         string   `jsonapi:"attr,restriction_message"`
}
