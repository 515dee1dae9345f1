package didww

import (
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIdentitiesGetDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/identities/5e9df058-50d2-4e34-b0d4-d1746b86f41a",
		rec.wrap(jsonAPI(200, fixture(t, "identities/get_include_country.json"))))
	id, err := c.Identities.Get(t.Context(), "5e9df058-50d2-4e34-b0d4-d1746b86f41a", &GetOptions{Include: []string{"country"}})
	require.NoError(t, err)
	assert.Equal(t, "include=country", rec.only(t).RawQuery)
	assert.Equal(t, &Identity{
		ID: "5e9df058-50d2-4e34-b0d4-d1746b86f41a", IdentityType: IdentityPersonal,
		FirstName: "John", LastName: "Doe", PhoneNumber: "4930123456", IDNumber: "ABC1234567", BirthDate: "1970-01-01",
		Description: "test identity", PersonalTaxID: "987654321", ExternalReferenceID: "crm-17", ContactEmail: "john@example.com",
		CreatedAt: time.Date(2026, 4, 16, 10, 11, 12, 0, time.UTC),
		Country:   &Country{ID: "1f6fc2bd-f081-4202-9b1a-d9cb88d942b9", Name: "Germany", Prefix: "49", ISO: "DE"},
	}, id)
}

func TestIdentitiesListQuery(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/identities", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	_, err := c.Identities.List(t.Context(), &IdentityListOptions{
		IdentityType: IdentityBusiness, CompanyNameContains: "Acme", VATID: "DE1", CountryID: "c1", ExternalReferenceID: "x",
		Include: []string{"addresses", "permanent_documents"}, Sort: []string{"-created_at", "verified"},
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, "filter%5Bcompany_name_contains%5D=Acme&filter%5Bcountry.id%5D=c1&filter%5Bexternal_reference_id%5D=x"+
		"&filter%5Bidentity_type%5D=business&filter%5Bvat_id%5D=DE1&include=addresses%2Cpermanent_documents&sort=-created_at%2Cverified", r.RawQuery)

	_, err = c.Identities.List(t.Context(), &IdentityListOptions{Include: []string{"country.regions"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestIdentitiesCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/identities", rec.wrap(jsonAPI(201, fixture(t, "identities/create_business.json"))))
	id, err := c.Identities.Create(t.Context(), &IdentityCreateRequest{
		IdentityType: IdentityBusiness, FirstName: "Jane", LastName: "Roe", PhoneNumber: "4930987654",
		CompanyName: "Acme GmbH", CompanyRegNumber: "HRB 12345", VATID: "DE123456789", CountryID: "c-de",
	})
	require.NoError(t, err)
	assert.Equal(t, "a2f0c5a4-3b7e-4e0c-9c53-2c1d8e9f7a61", id.ID)
	assert.Equal(t, IdentityBusiness, id.IdentityType)
	assert.Equal(t, "", id.IDNumber, "null reads as empty")
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, `{"data":{"type":"identities","attributes":{"identity_type":"business","first_name":"Jane","last_name":"Roe",`+
		`"phone_number":"4930987654","company_name":"Acme GmbH","company_reg_number":"HRB 12345","vat_id":"DE123456789"},`+
		`"relationships":{"country":{"data":{"type":"countries","id":"c-de"}}}}}`, string(r.Body))
}

func TestIdentitiesCreateRefusals(t *testing.T) {
	t.Parallel()
	c, _ := newStrictClient(t)
	ok := IdentityCreateRequest{IdentityType: IdentityPersonal, FirstName: "J", LastName: "D", PhoneNumber: "123"}
	tests := map[string]func(r *IdentityCreateRequest){
		"identity_type": func(r *IdentityCreateRequest) { r.IdentityType = "any" },
		"first_name":    func(r *IdentityCreateRequest) { r.FirstName = " " },
		"phone_number":  func(r *IdentityCreateRequest) { r.PhoneNumber = "+49 30" },
		"company_name":  func(r *IdentityCreateRequest) { r.IdentityType = IdentityBusiness },
		"birth_date":    func(r *IdentityCreateRequest) { r.BirthDate = "01.01.1970" },
		"external_reference_id": func(r *IdentityCreateRequest) {
			r.ExternalReferenceID = string(make([]byte, 101))
		},
	}
	for field, mutate := range tests {
		req := ok
		mutate(&req)
		_, err := c.Identities.Create(t.Context(), &req)
		var re *RequestError
		require.ErrorAs(t, err, &re, field)
		assert.Equal(t, field, re.Field)
	}
}

func TestIdentitiesUpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("PATCH", testBaseURL+"/identities/a2f0c5a4-3b7e-4e0c-9c53-2c1d8e9f7a61",
		rec.wrap(jsonAPI(200, fixture(t, "identities/create_business.json"))))
	last := "Roe"
	_, err := c.Identities.Update(t.Context(), "a2f0c5a4-3b7e-4e0c-9c53-2c1d8e9f7a61", &IdentityUpdateRequest{
		LastName:     &last,
		ContactEmail: Null[string](),
		VATID:        Value("DE999"),
		CountryID:    Null[string](),
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, `{"data":{"id":"a2f0c5a4-3b7e-4e0c-9c53-2c1d8e9f7a61","type":"identities",`+
		`"attributes":{"last_name":"Roe","contact_email":null,"vat_id":"DE999"},"relationships":{"country":{"data":null}}}}`, string(r.Body))
}

func TestIdentitiesWriteOutcomes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/identities", jsonAPI(502, []byte(`bad gateway`)))
	req := &IdentityCreateRequest{IdentityType: IdentityPersonal, FirstName: "J", LastName: "D", PhoneNumber: "1"}
	_, err := c.Identities.Create(t.Context(), req)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "a 5xx to a POST may have created it")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a POST is not retried on a 502")

	c2, mt2 := newTestClient(t)
	mt2.RegisterResponder("POST", testBaseURL+"/identities", jsonAPI(422, []byte(`{"errors":[{"title":"bad","code":"100","status":"422"}]}`)))
	_, err = c2.Identities.Create(t.Context(), req)
	assert.ErrorIs(t, err, ErrValidation)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)

	c3, mt3 := newTestClient(t)
	mt3.RegisterResponder("POST", testBaseURL+"/identities", jsonAPI(201, []byte(`{"data":null}`)))
	_, err = c3.Identities.Create(t.Context(), req)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrDecode)
}

func TestIdentitiesDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("DELETE", testBaseURL+"/identities/id%2F1", rec.wrap(httpmock.NewStringResponder(204, "")))
	require.NoError(t, c.Identities.Delete(t.Context(), "id/1"))
	r := rec.only(t)
	assert.Equal(t, "DELETE", r.Method)

	// A retry finding it gone: the lost first attempt deleted it.
	c2, mt2 := newTestClient(t)
	mt2.RegisterResponder("DELETE", testBaseURL+"/identities/x", httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(503, ""), httpmock.NewStringResponse(404, `{"errors":[{"title":"Record not found","code":"404","status":"404"}]}`),
	}))
	require.NoError(t, c2.Identities.Delete(t.Context(), "x"))

	c3, mt3 := newTestClient(t)
	mt3.RegisterResponder("DELETE", testBaseURL+"/identities/x", httpmock.NewStringResponder(404, `{"errors":[{"title":"Record not found","code":"404","status":"404"}]}`))
	assert.ErrorIs(t, c3.Identities.Delete(t.Context(), "x"), ErrNotFound)
}
