package didww

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddressesGetDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/addresses/bf69bc70-e1c2-442c-9f30-335ee299b663",
		jsonAPI(200, fixture(t, "addresses/get_include_area_city.json")))
	a, err := c.Addresses.Get(t.Context(), "bf69bc70-e1c2-442c-9f30-335ee299b663", &GetOptions{Include: []string{"area", "city"}})
	require.NoError(t, err)
	assert.Equal(t, &Address{
		ID: "bf69bc70-e1c2-442c-9f30-335ee299b663", Address: "Markt 1", CityName: "Aachen", PostalCode: "52062",
		ExternalReferenceID: "addr-9", CreatedAt: time.Date(2026, 4, 16, 10, 30, 0, 0, time.UTC), Verified: true,
		Identity: &Identity{ID: "5e9df058-50d2-4e34-b0d4-d1746b86f41a"},
		Area:     &Area{ID: "7a5d3c1e-9b2f-4e8a-a6d4-0c3b2a1f9e8d", Name: "Nordrhein-Westfalen"},
		City:     &City{ID: "e696dec7-9c65-4e99-aab7-55a1f98154f0", Name: "Aachen"},
	}, a)
}

func TestAddressesListQuery(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/addresses", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	_, err := c.Addresses.List(t.Context(), &AddressListOptions{
		IdentityID: "i1", IdentityExternalReferenceID: "crm", PostalCodeContains: "520", AreaID: "a1",
		Include: []string{"identity", "proofs"}, Sort: []string{"-verified"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Barea.id%5D=a1&filter%5Bidentity.external_reference_id%5D=crm&filter%5Bidentity.id%5D=i1"+
		"&filter%5Bpostal_code_contains%5D=520&include=identity%2Cproofs&sort=-verified", rec.only(t).RawQuery)
}

func TestAddressesCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/addresses", rec.wrap(jsonAPI(201, fixture(t, "addresses/get_include_area_city.json"))))
	a, err := c.Addresses.Create(t.Context(), &AddressCreateRequest{
		IdentityID: "i1", CountryID: "c1", Address: "Markt 1", CityName: "Aachen", PostalCode: "52062", Description: "office",
	})
	require.NoError(t, err)
	assert.Equal(t, "bf69bc70-e1c2-442c-9f30-335ee299b663", a.ID)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, `{"data":{"type":"addresses","attributes":{"address":"Markt 1","city_name":"Aachen","postal_code":"52062",`+
		`"description":"office"},"relationships":{"identity":{"data":{"type":"identities","id":"i1"}},`+
		`"country":{"data":{"type":"countries","id":"c1"}}}}}`, string(r.Body))

	for _, req := range []AddressCreateRequest{
		{CountryID: "c1", Address: "a", CityName: "b", PostalCode: "c"},
		{IdentityID: "i", Address: "a", CityName: "b", PostalCode: "c"},
		{IdentityID: "i", CountryID: "c1", CityName: "b", PostalCode: "c"},
	} {
		_, err := c.Addresses.Create(t.Context(), &req)
		assert.ErrorIs(t, err, ErrInvalidRequest)
	}
	assert.Len(t, rec.all(), 1, "refused requests are not sent")
}

func TestAddressesUpdateSendsAttributesOnly(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("PATCH", testBaseURL+"/addresses/bf69", rec.wrap(jsonAPI(200, fixture(t, "addresses/get_include_area_city.json"))))
	city := "Köln"
	_, err := c.Addresses.Update(t.Context(), "bf69", &AddressUpdateRequest{CityName: &city, Description: Null[string](), ExternalReferenceID: Value("")})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"id":"bf69","type":"addresses","attributes":{"city_name":"Köln","description":null,"external_reference_id":""}}}`,
		string(rec.only(t).Body))

	empty := ""
	_, err = c.Addresses.Update(t.Context(), "bf69", &AddressUpdateRequest{PostalCode: &empty})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.Addresses.Update(t.Context(), "", &AddressUpdateRequest{})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}
