package didww

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func registerRequest() *RegisterDIDsRequest {
	return &RegisterDIDsRequest{
		DIDIDs: []string{"d1"}, AddressRequirementID: "r1",
		Identity: &IdentityCreateRequest{IdentityType: IdentityPersonal, FirstName: "Ann", LastName: "Lee", PhoneNumber: "4930123456"},
		Address:  &AddressCreateRequest{CountryID: "c1", Address: "Markt 1", CityName: "Aachen", PostalCode: "52062"},
	}
}

func TestRegisterDIDsChecksTheRequestFirst(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	for name, edit := range map[string]func(r *RegisterDIDsRequest){
		"dids":                func(r *RegisterDIDsRequest) { r.DIDIDs = nil },
		"address_requirement": func(r *RegisterDIDsRequest) { r.AddressRequirementID = "" },
		"identity":            func(r *RegisterDIDsRequest) { r.Identity = nil },
		"last_name":           func(r *RegisterDIDsRequest) { r.Identity.LastName = "" },
		"postal_code":         func(r *RegisterDIDsRequest) { r.Address.PostalCode = "" },
		"identity_id":         func(r *RegisterDIDsRequest) { r.IdentityID = "i1" },
		"address_id":          func(r *RegisterDIDsRequest) { r.AddressID = "a1" },
		"IdentityID too": func(r *RegisterDIDsRequest) {
			r.Address, r.AddressID = nil, "a1"
		},
		"address": func(r *RegisterDIDsRequest) { r.Address = nil },
	} {
		req := registerRequest()
		edit(req)
		reg, err := c.RegisterDIDs(t.Context(), req)
		require.True(t, errors.Is(err, ErrInvalidRequest), "%s: %v", name, err)
		assert.Contains(t, err.Error(), name)
		assert.Nil(t, reg)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent for an invalid request")
}

func TestRegisterDIDsNamesTheStepAndWhatExists(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/identities", jsonAPI(201, fixture(t, "identities/get_include_country.json")))
	mt.RegisterResponder("POST", testBaseURL+"/addresses", jsonAPI(422,
		[]byte(`{"errors":[{"title":"is invalid","detail":"country - is invalid","code":"100","status":"422"}]}`)))
	reg, err := c.RegisterDIDs(t.Context(), registerRequest())
	var re *RegistrationError
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, RegisterStepAddress, re.Step)
	var apiErr *APIError
	assert.True(t, errors.As(err, &apiErr), "the step's error is kept")
	require.NotNil(t, reg.Identity)
	assert.Nil(t, reg.Address)
	assert.Equal(t, "didww: registration failed at step address (created: identity "+reg.Identity.ID+"): "+causeText(re.Err), err.Error())
	assert.Equal(t, 2, mt.GetTotalCallCount())
}
