package didww

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddressRequirementsListQuery(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/address_requirements", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	_, err := c.AddressRequirements.List(t.Context(), &AddressRequirementListOptions{
		ListOptions:    ListOptions{PageSize: 10},
		ID:             []string{"a", "b"},
		CountryID:      "c1",
		DIDGroupTypeID: "t1",
		Include:        []string{"country", "address_proof_types"},
		Sort:           []string{"-address_proof_qty"},
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, "filter%5Bcountry.id%5D=c1&filter%5Bdid_group_type.id%5D=t1&filter%5Bid%5D=a%2Cb&include=country%2Caddress_proof_types&page%5Bsize%5D=10&sort=-address_proof_qty", r.RawQuery)
}

func TestAddressRequirementsRefusals(t *testing.T) {
	t.Parallel()
	c, _ := newStrictClient(t)
	_, err := c.AddressRequirements.List(t.Context(), &AddressRequirementListOptions{Include: []string{"requirement"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.AddressRequirements.List(t.Context(), &AddressRequirementListOptions{Sort: []string{"identity_type"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)

	// 2026-11-19 replaced the DID group type by the number type.
	next, _ := newStrictClient(t, WithAPIVersion(APIVersion20261119), WithTokenURL("https://auth.test/token"))
	_, err = next.AddressRequirements.List(t.Context(), &AddressRequirementListOptions{DIDGroupTypeID: "t1"})
	assert.ErrorContains(t, err, "DIDGroupTypeID")
	_, err = next.AddressRequirements.Get(t.Context(), "r1", &GetOptions{Include: []string{"did_group_type"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.ErrorContains(t, err, "number_type attribute replaces the did_group_type relationship")

	// ... and 2026-04-16 has no number_type filter yet.
	_, err = c.AddressRequirements.List(t.Context(), &AddressRequirementListOptions{NumberType: []NumberType{NumberTypeLocal}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.ErrorContains(t, err, "arrives in API version 2026-11-19")
}

func TestAddressRequirementsGetDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/address_requirements/c9d0e1f2-a3b4-4c5d-8e6f-8a9b0c1d2e3f",
		rec.wrap(jsonAPI(200, fixture(t, "address_requirements/get_include_all.json"))))
	all := addressRequirementOptions.includes
	req, err := c.AddressRequirements.Get(t.Context(), "c9d0e1f2-a3b4-4c5d-8e6f-8a9b0c1d2e3f", &GetOptions{Include: all})
	require.NoError(t, err)
	assert.Equal(t, "include=country%2Cdid_group_type%2Cpersonal_permanent_document%2Cbusiness_permanent_document%2Cpersonal_onetime_document%2Cbusiness_onetime_document%2Cpersonal_proof_types%2Cbusiness_proof_types%2Caddress_proof_types", rec.only(t).RawQuery)
	assert.Equal(t, "personal", req.IdentityType)
	assert.Equal(t, "city", req.AddressAreaLevel)
	assert.Equal(t, []string{"birth_date"}, req.PersonalMandatoryFields)
	assert.Nil(t, req.BusinessMandatoryFields)
	assert.Equal(t, 1, req.PersonalProofQty)
	assert.Equal(t, "An address in Aachen is required.", req.RestrictionMessage)
	require.NotNil(t, req.Country)
	assert.Equal(t, "3b1f6a8e-42c4-4a87-9b3f-5d1e2c7a9f21", req.Country.ID)
}

const validationBody = `{"data":{"type":"address_requirement_validations","relationships":{` +
	`"address_requirement":{"data":{"type":"address_requirements","id":"req-1"}},` +
	`"identity":{"data":{"type":"identities","id":"ident-1"}},` +
	`"address":{"data":{"type":"addresses","id":"addr-1"}}}}}`

func TestAddressRequirementsValidateSatisfied(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/address_requirement_validations",
		rec.wrap(jsonAPI(201, fixture(t, "address_requirement_validations/create.json"))))
	check, err := c.AddressRequirements.Validate(t.Context(), &AddressRequirementValidationRequest{
		AddressRequirementID: "req-1", IdentityID: "ident-1", AddressID: "addr-1",
	})
	require.NoError(t, err)
	assert.Equal(t, &RequirementCheck{OK: true}, check)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, validationBody, string(r.Body))
}

func TestAddressRequirementsValidateMissingIsAValue(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/address_requirement_validations",
		rec.wrap(jsonAPI(422, fixture(t, "address_requirement_validations/create_error_validation.json"))))
	check, err := c.AddressRequirements.Validate(t.Context(), &AddressRequirementValidationRequest{
		AddressRequirementID: "req-1", AddressID: "addr-1",
	})
	require.NoError(t, err)
	require.NotNil(t, check)
	assert.False(t, check.OK)
	require.Len(t, check.Problems, 2)
	assert.Equal(t, "Address in Belgium required", check.Problems[0].Detail)
	assert.Equal(t, "Following Supporting Document(s) required (Belgium Registration Form)", check.Problems[1].Detail)
	assert.Equal(t, "100", check.Problems[0].Code)
	assert.Equal(t, `{"data":{"type":"address_requirement_validations","relationships":{`+
		`"address_requirement":{"data":{"type":"address_requirements","id":"req-1"}},`+
		`"address":{"data":{"type":"addresses","id":"addr-1"}}}}}`, string(rec.only(t).Body))
}

func TestAddressRequirementsValidateRealFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   error
	}{
		{"unknown requirement", 404, `{"errors":[{"title":"Record not found","code":"404","status":"404"}]}`, ErrNotFound},
		{"server error", 500, `oops`, ErrServer},
		{"422 without error objects", 422, `<html>bad</html>`, ErrValidation},
		{"2xx errors document", 201, `{"errors":[{"title":"x","code":"100","status":"422"}]}`, ErrValidation},
		{"2xx not a document", 201, `{`, ErrDecode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder("POST", testBaseURL+"/address_requirement_validations", jsonAPI(tt.status, []byte(tt.body)))
			check, err := c.AddressRequirements.Validate(t.Context(), &AddressRequirementValidationRequest{AddressRequirementID: "r", IdentityID: "i"})
			assert.Nil(t, check)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestAddressRequirementsValidateRefusesBadRequests(t *testing.T) {
	t.Parallel()
	c, _ := newStrictClient(t)
	for _, req := range []*AddressRequirementValidationRequest{
		nil,
		{IdentityID: "i"},
		{AddressRequirementID: "r"},
		{AddressRequirementID: "r", IdentityID: " "},
	} {
		check, err := c.AddressRequirements.Validate(t.Context(), req)
		assert.Nil(t, check)
		var re *RequestError
		assert.True(t, errors.As(err, &re), "%v", err)
	}
}
