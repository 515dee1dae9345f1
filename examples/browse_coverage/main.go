// Command browse_coverage shows what DIDWW sells: the countries with numbers
// for sale, the cities of one of them, and the DID groups of a city with
// their prices and availability.
//
//	go run ./examples/browse_coverage
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest; with it, against your account (DIDWW_ENVIRONMENT=sandbox, the
// default, or production). It only reads.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/example"
)

const (
	countryISO = "US"
	cityName   = "New York"
	maxCities  = 5
)

// main uses your DIDWW account when DIDWW_API_KEY is set (DIDWW_ENVIRONMENT
// picks sandbox, the default, or production), and the in-memory API of
// package didwwtest otherwise.
func main() {
	key := os.Getenv("DIDWW_API_KEY")
	version, err := example.APIVersion() // DIDWW_API_VERSION: 2026-04-16 (the default) or 2026-11-19
	var client *didww.Client
	switch {
	case err != nil: // example.Main reports it
	case key != "":
		var env didww.Environment
		if env, err = example.Environment(); err == nil {
			client, err = didww.NewClient(key, didww.WithEnvironment(env), didww.WithAPIVersion(version))
		}
	default:
		srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(version)))
		defer srv.Close()
		client = srv.Client()
	}
	example.Main(example.Program{Name: "browse_coverage", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out)
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer) error {
	country, err := pickCountry(ctx, client, out)
	if err != nil {
		return err
	}
	if err := printNumberKinds(ctx, client, out); err != nil {
		return err
	}
	city, err := pickCity(ctx, client, out, country)
	if err != nil {
		return err
	}
	return printGroups(ctx, client, out, country, city)
}

// pickCountry lists the countries with numbers for sale, by name (what a
// country drop-down shows), and returns the one of countryISO.
func pickCountry(ctx context.Context, client *didww.Client, out io.Writer) (*didww.Country, error) {
	countries, err := client.Countries.List(ctx, &didww.CountryListOptions{IsAvailable: didww.Bool(true), Sort: []string{"name"}})
	if err != nil {
		return nil, fmt.Errorf("list countries: %w", err)
	}
	var country *didww.Country
	names := make([]string, 0, len(countries.Items))
	for _, c := range countries.Items {
		names = append(names, fmt.Sprintf("%s (+%s)", c.Name, c.Prefix))
		if c.ISO == countryISO {
			country = c
		}
	}
	fmt.Fprintf(out, "Countries with numbers for sale (%d): %s\n", len(countries.Items), strings.Join(names, ", "))
	if country == nil {
		return nil, fmt.Errorf("country %s has no numbers for sale", countryISO)
	}
	return country, nil
}

// hasGroupTypes says whether the client's API version has DID group types:
// 2026-11-19 replaced them with the number_type of each DID group.
func hasGroupTypes(client *didww.Client) bool {
	return client.APIVersion() < didww.APIVersion20261119
}

// printNumberKinds lists the kinds of numbers, to filter DID groups by: the
// DID group types, or from 2026-11-19 on the number types that have groups.
func printNumberKinds(ctx context.Context, client *didww.Client, out io.Writer) error {
	if hasGroupTypes(client) {
		var types []string
		for t, err := range client.DIDGroupTypes.All(ctx, &didww.DIDGroupTypeListOptions{Sort: []string{"name"}}) {
			if err != nil {
				return fmt.Errorf("list DID group types: %w", err)
			}
			types = append(types, t.Name)
		}
		fmt.Fprintf(out, "Kinds of numbers: %s\n", strings.Join(types, ", "))
		return nil
	}
	var kinds []string
	for _, nt := range numberTypes {
		page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
			ListOptions: didww.ListOptions{PageSize: 1},
			NumberType:  []didww.NumberType{nt},
		})
		if err != nil {
			return fmt.Errorf("list %s DID groups: %w", nt, err)
		}
		if page.Meta.TotalRecords > 0 {
			kinds = append(kinds, string(nt))
		}
	}
	fmt.Fprintf(out, "Kinds of numbers: %s\n", strings.Join(kinds, ", "))
	return nil
}

// numberTypes are the documented number types, by name.
var numberTypes = []didww.NumberType{
	didww.NumberTypeGlobal, didww.NumberTypeLocal, didww.NumberTypeMobile,
	didww.NumberTypeNational, didww.NumberTypeSharedCost, didww.NumberTypeTollFree,
}

// kind is a DID group's kind of numbers, whichever version answered.
func kind(g *didww.DIDGroup) string {
	switch {
	case g.NumberType != "":
		return string(g.NumberType)
	case g.DIDGroupType != nil && g.DIDGroupType.Name != "":
		return g.DIDGroupType.Name
	}
	return "?"
}

// pickCity lists the first cities of country, by name (the list is
// paginated), and returns the one named cityName.
func pickCity(ctx context.Context, client *didww.Client, out io.Writer, country *didww.Country) (*didww.City, error) {
	cities, err := client.Cities.List(ctx, &didww.CityListOptions{
		ListOptions: didww.ListOptions{PageSize: maxCities},
		CountryID:   country.ID,
		IsAvailable: didww.Bool(true),
		Include:     []string{"region"},
		Sort:        []string{"name"},
	})
	if err != nil {
		return nil, fmt.Errorf("list cities: %w", err)
	}
	fmt.Fprintf(out, "\nCities of %s with numbers for sale: %d, the first %d:\n", country.Name, cities.Meta.TotalRecords, len(cities.Items))
	for _, c := range cities.Items {
		region := ""
		if c.Region != nil && c.Region.Name != "" {
			region = ", " + c.Region.Name
		}
		fmt.Fprintf(out, "  %s%s\n", c.Name, region)
	}
	found, err := client.Cities.List(ctx, &didww.CityListOptions{CountryID: country.ID, Name: cityName})
	if err != nil {
		return nil, fmt.Errorf("find city %s: %w", cityName, err)
	}
	if len(found.Items) == 0 {
		return nil, fmt.Errorf("no city named %s in %s", cityName, country.Name)
	}
	return found.Items[0], nil
}

// printGroups lists every DID group of city, with its kind and price options,
// page by page.
func printGroups(ctx context.Context, client *didww.Client, out io.Writer, country *didww.Country, city *didww.City) error {
	fmt.Fprintf(out, "\nDID groups in %s:\n", city.Name)
	include := []string{"stock_keeping_units"}
	if hasGroupTypes(client) {
		include = append(include, "did_group_type") // later versions carry NumberType
	}
	n := 0
	for g, err := range client.DIDGroups.All(ctx, &didww.DIDGroupListOptions{
		CountryID: country.ID,
		CityID:    city.ID,
		Include:   include,
	}) {
		if err != nil {
			return fmt.Errorf("list DID groups: %w", err)
		}
		n++
		fmt.Fprintf(out, "  +%s %s %s (%s), features %s\n", country.Prefix, g.Prefix, g.AreaName, kind(g), joinFeatures(g.Features))
		fmt.Fprintf(out, "    %s\n", availability(g))
		for _, sku := range g.StockKeepingUnits {
			fmt.Fprintf(out, "    price: setup %s, monthly %s, %d channels included\n", sku.SetupPrice, sku.MonthlyPrice, sku.ChannelsIncludedCount)
		}
		if cheapest := g.CheapestSKU(0); cheapest != nil {
			fmt.Fprintf(out, "    cheapest first month: %s\n", cheapest.SetupPrice.Add(cheapest.MonthlyPrice))
		}
	}
	if n == 0 {
		fmt.Fprintf(out, "  none\n")
	}
	return nil
}

// availability describes a group's meta. Only AvailableDIDsEnabled is
// always sent; a nil value is unknown and printed so, never read as
// "not available", "0 in stock" or "no registration needed".
func availability(g *didww.DIDGroup) string {
	var parts []string
	switch {
	case g.IsAvailable == nil:
		parts = append(parts, "availability unknown")
	case *g.IsAvailable:
		parts = append(parts, "available, "+stock(g))
	default:
		parts = append(parts, "not available now")
	}
	if g.AvailableDIDsEnabled {
		parts = append(parts, "numbers can be picked one by one")
	}
	switch {
	case g.NeedsRegistration == nil:
		parts = append(parts, "registration unknown")
	case *g.NeedsRegistration:
		parts = append(parts, "needs registration")
	}
	return strings.Join(parts, "; ")
}

func stock(g *didww.DIDGroup) string {
	if g.TotalCount == nil {
		return "stock unknown"
	}
	return fmt.Sprintf("%d in stock", *g.TotalCount)
}

func joinFeatures(fs []didww.Feature) string {
	if len(fs) == 0 {
		return "none"
	}
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}
