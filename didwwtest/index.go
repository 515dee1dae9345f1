package didwwtest

// index finds catalogue entries by id and by their parents.
type index struct {
	countries    map[string]*Country
	regions      map[string]*Region
	areas        map[string]*Area
	cities       map[string]*City
	groupTypes   map[string]*DIDGroupType
	requirements map[string]*AddressRequirement
	groups       map[string]*DIDGroup
	skus         map[string]*StockKeepingUnit
	skuGroup     map[string]*DIDGroup
	nanpa        map[string]*NanpaPrefix
	numbers      map[string]*AvailableDID
	pools        map[string]*CapacityPool
	// numbersOf lists the available numbers of each DID group.
	numbersOf map[string][]*AvailableDID
	// groupsOfNanpa lists the DID groups linked to each NANPA prefix.
	groupsOfNanpa map[string][]*DIDGroup
	// countryAvailable and cityAvailable say whether any group there is available.
	countryAvailable map[string]bool
	cityAvailable    map[string]bool
}

func newIndex(c *Catalogue) *index {
	x := &index{
		countries: map[string]*Country{}, regions: map[string]*Region{}, areas: map[string]*Area{},
		cities: map[string]*City{}, groupTypes: map[string]*DIDGroupType{}, requirements: map[string]*AddressRequirement{},
		groups: map[string]*DIDGroup{}, skus: map[string]*StockKeepingUnit{}, skuGroup: map[string]*DIDGroup{},
		nanpa: map[string]*NanpaPrefix{}, numbers: map[string]*AvailableDID{}, pools: map[string]*CapacityPool{},
		groupsOfNanpa: map[string][]*DIDGroup{}, numbersOf: map[string][]*AvailableDID{}, countryAvailable: map[string]bool{}, cityAvailable: map[string]bool{},
	}
	for i := range c.Countries {
		x.countries[c.Countries[i].ID] = &c.Countries[i]
	}
	for i := range c.Regions {
		x.regions[c.Regions[i].ID] = &c.Regions[i]
	}
	for i := range c.Areas {
		x.areas[c.Areas[i].ID] = &c.Areas[i]
	}
	for i := range c.Cities {
		x.cities[c.Cities[i].ID] = &c.Cities[i]
	}
	for i := range c.DIDGroupTypes {
		x.groupTypes[c.DIDGroupTypes[i].ID] = &c.DIDGroupTypes[i]
	}
	for i := range c.AddressRequirements {
		x.requirements[c.AddressRequirements[i].ID] = &c.AddressRequirements[i]
	}
	for i := range c.DIDGroups {
		g := &c.DIDGroups[i]
		x.groups[g.ID] = g
		for j := range g.StockKeepingUnits {
			x.skus[g.StockKeepingUnits[j].ID] = &g.StockKeepingUnits[j]
			x.skuGroup[g.StockKeepingUnits[j].ID] = g
		}
		for _, np := range g.NanpaPrefixIDs {
			x.groupsOfNanpa[np] = append(x.groupsOfNanpa[np], g)
		}
		if g.IsAvailable {
			x.countryAvailable[g.CountryID] = true
			if g.CityID != "" {
				x.cityAvailable[g.CityID] = true
			}
		}
	}
	for i := range c.NanpaPrefixes {
		x.nanpa[c.NanpaPrefixes[i].ID] = &c.NanpaPrefixes[i]
	}
	for i := range c.AvailableDIDs {
		d := &c.AvailableDIDs[i]
		x.numbers[d.ID] = d
		x.numbersOf[d.DIDGroupID] = append(x.numbersOf[d.DIDGroupID], d)
	}
	for i := range c.CapacityPools {
		x.pools[c.CapacityPools[i].ID] = &c.CapacityPools[i]
	}
	return x
}
