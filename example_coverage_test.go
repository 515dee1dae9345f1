package didww_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"

	"github.com/didww-go/didww"
)

// Browse coverage: find a country by its ISO code.
func ExampleCountriesService_List_byISO() {
	srv := coverageExampleServer()
	defer srv.Close()

	client, err := didww.NewClient("your-api-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.Countries.List(context.Background(), &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range page.Items {
		fmt.Printf("%s %s (+%s) id=%s\n", c.ISO, c.Name, c.Prefix, c.ID)
	}
	// Output:
	// US United States (+1) id=1f6fc2bd-f081-4202-9b1a-d9cb88d942b9
}

// List the DID groups of a city with their prices, and pick the cheapest
// price option that includes at least two channels.
func ExampleDIDGroupsService_List_withSKUs() {
	srv := coverageExampleServer()
	defer srv.Close()

	client, err := didww.NewClient("your-api-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.DIDGroups.List(context.Background(), &didww.DIDGroupListOptions{
		CityID:  "e696dec7-9c65-4e99-aab7-55a1f98154f0",
		Prefix:  "20",
		Include: []string{"stock_keeping_units"},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Only available_dids_enabled is always sent: nil means the answer did
	// not say, which is not "0 in stock" nor "no registration needed".
	known := func(b *bool) string {
		if b == nil {
			return "unknown"
		}
		return strconv.FormatBool(*b)
	}
	for _, g := range page.Items {
		stock := "stock unknown"
		if g.TotalCount != nil {
			stock = fmt.Sprintf("%d numbers in stock", *g.TotalCount)
		}
		fmt.Printf("%s (prefix %s): %s, available: %s, needs registration: %s\n",
			g.AreaName, g.Prefix, stock, known(g.IsAvailable), known(g.NeedsRegistration))
		for _, sku := range g.StockKeepingUnits {
			fmt.Printf("  %d channels: setup %s, monthly %s\n", sku.ChannelsIncludedCount, sku.SetupPrice, sku.MonthlyPrice)
		}
		if sku := g.CheapestSKU(2); sku != nil {
			fmt.Printf("  cheapest with 2+ channels: %s\n", sku.ID)
		}
	}
	// Output:
	// London (prefix 20): 932 numbers in stock, available: true, needs registration: false
	//   0 channels: setup 0.0, monthly 0.3
	//   2 channels: setup 0.0, monthly 0.8
	//   cheapest with 2+ channels: 1a86de53-3131-491f-9e4b-3392da45d441
}

// List specific numbers of a DID group, with the group's prices, to let a
// user choose one before reserving it.
func ExampleAvailableDIDsService_List_selectNumber() {
	srv := coverageExampleServer()
	defer srv.Close()

	client, err := didww.NewClient("your-api-key", didww.WithBaseURL(srv.URL+"/v3"))
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.AvailableDIDs.List(context.Background(), &didww.AvailableDIDListOptions{
		DIDGroupID: "7fa8ba67-0622-4ac3-8ade-4aadf92566c5",
		Include:    []string{"did_group.stock_keeping_units"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d numbers match; this answer holds %d\n", page.Meta.TotalCount, len(page.Items))
	for _, d := range page.Items {
		fmt.Printf("+%s in %s (available_did id %s)\n", d.Number, d.DIDGroup.AreaName, d.ID)
		for _, sku := range d.DIDGroup.StockKeepingUnits {
			fmt.Printf("  sku %s: %d channels, monthly %s\n", sku.ID, sku.ChannelsIncludedCount, sku.MonthlyPrice)
		}
	}
	// Output:
	// 2368 numbers match; this answer holds 1
	// +12132933575 in Los Angeles (available_did id ea9884ee-887e-4c20-befb-286db7cf55da)
	//   sku 72f3a8a8-cd1e-41fc-8d4c-829e4fb8cdea: 0 channels, monthly 0.09
	//   sku 0c6a151e-15e9-495e-b0b4-a5af4c8be393: 2 channels, monthly 4.0
}

// coverageExampleServer stands in for the DIDWW API in the coverage examples:
// it answers the seed pages' requests with their recorded responses.
func coverageExampleServer() *httptest.Server {
	routes := map[string]string{
		"/v3/countries":      "countries/seed_list_iso_us.json",
		"/v3/did_groups":     "did_groups/seed_list_city_prefix_skus.json",
		"/v3/available_dids": "available_dids/seed_list_include_did_group_skus.json",
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", didww.MediaType)
		name, ok := routes[r.URL.Path]
		if !ok || r.Method != http.MethodGet || r.Header.Get("Api-Key") == "" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errors":[{"title":"Record not found","detail":"not in this example","code":"404","status":"404"}]}`)
			return
		}
		body, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Write(body)
	}))
}
