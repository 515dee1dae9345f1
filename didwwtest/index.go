package didwwtest

// index holds what the server looks up across resources: entries by id
// that other resources' filters, orders and reservations need, and facts
// derived from several entries. A resource's own lookup by id is its
// registration's.
type index struct {
	groups   map[string]*DIDGroup
	skus     map[string]*StockKeepingUnit
	skuGroup map[string]*DIDGroup
	nanpa    map[string]*NanpaPrefix
	numbers  map[string]*AvailableDID
	pools    map[string]*CapacityPool
	// countryName and groupTypeName are the names DID groups sort by.
	countryName, groupTypeName map[string]string
	// countryPrefix is each country's calling code, for the numbers of DIDs.
	countryPrefix map[string]string
	// catalogueNumbers are the numbers of the available DIDs.
	catalogueNumbers map[string]bool
	// numberType is the number_type of each DID group type.
	numberType map[string]string
	// regionsOf lists the region ids of each country.
	regionsOf map[string][]string
	// numbersOf lists the available numbers of each DID group.
	numbersOf map[string][]*AvailableDID
	// groupsOfNanpa lists the DID groups linked to each NANPA prefix.
	groupsOfNanpa map[string][]*DIDGroup
	// countryAvailable and cityAvailable say whether any group there is available.
	countryAvailable map[string]bool
	cityAvailable    map[string]bool
}

// byID indexes items by their id.
func byID[T any](items []T, id func(*T) string) map[string]*T {
	m := make(map[string]*T, len(items))
	for i := range items {
		m[id(&items[i])] = &items[i]
	}
	return m
}

func newIndex(c *Catalogue) *index {
	x := &index{
		groups:  byID(c.DIDGroups, func(g *DIDGroup) string { return g.ID }),
		nanpa:   byID(c.NanpaPrefixes, func(p *NanpaPrefix) string { return p.ID }),
		numbers: byID(c.AvailableDIDs, func(d *AvailableDID) string { return d.ID }),
		pools:   byID(c.CapacityPools, func(p *CapacityPool) string { return p.ID }),
		skus:    map[string]*StockKeepingUnit{}, skuGroup: map[string]*DIDGroup{},
		countryName: map[string]string{}, groupTypeName: map[string]string{}, regionsOf: map[string][]string{},
		countryPrefix: map[string]string{}, catalogueNumbers: map[string]bool{},
		numberType:    map[string]string{},
		groupsOfNanpa: map[string][]*DIDGroup{}, numbersOf: map[string][]*AvailableDID{},
		countryAvailable: map[string]bool{}, cityAvailable: map[string]bool{},
	}
	for _, co := range c.Countries {
		x.countryName[co.ID] = co.Name
		x.countryPrefix[co.ID] = co.Prefix
	}
	for _, t := range c.DIDGroupTypes {
		x.groupTypeName[t.ID] = t.Name
		x.numberType[t.ID] = t.NumberType
	}
	for _, r := range c.Regions {
		x.regionsOf[r.CountryID] = append(x.regionsOf[r.CountryID], r.ID)
	}
	for i := range c.DIDGroups {
		g := &c.DIDGroups[i]
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
	for i := range c.AvailableDIDs {
		d := &c.AvailableDIDs[i]
		x.numbersOf[d.DIDGroupID] = append(x.numbersOf[d.DIDGroupID], d)
		x.catalogueNumbers[d.Number] = true
	}
	return x
}
