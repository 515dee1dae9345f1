package didww

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	emergencyServiceID = "b6d9d793-578d-42d3-bc33-73dd8155e615"
	emergencyAddressID = "d3a1f0e2-0000-4000-8000-000000000003"
	emergencyReqID     = "8e3a2e5c-6b9a-4b1e-9f7d-3c6f7e1a2b01"
)

func TestEmergencyRequirementsListDecodesPrices(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/emergency_requirements", rec.wrap(jsonAPI(200, fixture(t, "emergency_requirements/list.json"))))

	p, err := c.EmergencyRequirements.List(t.Context(), &EmergencyRequirementListOptions{
		CountryID: "c1", DIDGroupTypeID: "t1", ID: []string{"a"}, Include: []string{"country"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bcountry.id%5D=c1&filter%5Bdid_group_type.id%5D=t1&filter%5Bid%5D=a&include=country", rec.only(t).RawQuery)
	require.Len(t, p.Items, 2)
	a, b := p.Items[0], p.Items[1]
	assert.Equal(t, "any", a.IdentityType)
	assert.Equal(t, []string{"first_name", "last_name"}, a.PersonalMandatoryFields)
	assert.Equal(t, []string{"city", "postal_code"}, a.AddressMandatoryFields)
	assert.Equal(t, "3 business days", a.EstimateSetupTime)
	require.NotNil(t, a.SetupPrice)
	assert.Equal(t, Decimal("0.0"), *a.SetupPrice)
	assert.Equal(t, Decimal("1.5"), *a.MonthlyPrice)
	require.NotNil(t, a.Country)
	assert.Equal(t, "US", a.Country.ISO)
	assert.Nil(t, a.DIDGroupType, "links only")

	assert.Empty(t, b.PersonalAreaLevel, "null: personal identities not accepted")
	assert.Nil(t, b.PersonalMandatoryFields)
	require.NotNil(t, b.SetupPrice, "a setup price sent as a number")
	assert.Equal(t, Decimal("0"), *b.SetupPrice)
	assert.Nil(t, b.MonthlyPrice, "null: no emergency rate")
	assert.Equal(t, "Businesses only", b.RequirementRestrictionMessage)

	_, err = c.EmergencyRequirements.List(t.Context(), &EmergencyRequirementListOptions{Include: []string{"address"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.EmergencyRequirements.Get(t.Context(), emergencyReqID, &GetOptions{Include: []string{"dids"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.Len(t, rec.all(), 1)
}

func TestEmergencyRequirementValidate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/emergency_requirement_validations", rec.wrap(jsonAPI(422, fixture(t, "emergency_requirements/validation_problems.json"))))

	check, err := c.EmergencyRequirements.Validate(t.Context(), &EmergencyRequirementValidationRequest{
		EmergencyRequirementID: emergencyReqID, IdentityID: "i1", AddressID: emergencyAddressID,
	})
	require.NoError(t, err, "missing items are an answer, not an error")
	assert.False(t, check.OK)
	require.Len(t, check.Problems, 2)
	assert.Equal(t, "Address in United States required", check.Problems[0].Detail)
	assert.Equal(t, `{"data":{"type":"emergency_requirement_validations","relationships":{"emergency_requirement":{"data":{"type":"emergency_requirements","id":"`+
		emergencyReqID+`"}},"identity":{"data":{"type":"identities","id":"i1"}},"address":{"data":{"type":"addresses","id":"`+emergencyAddressID+`"}}}}}`,
		string(rec.only(t).Body))

	mt.RegisterResponder("POST", testBaseURL+"/emergency_requirement_validations", jsonAPI(201, fixture(t, "emergency_requirements/validation_ok.json")))
	check, err = c.EmergencyRequirements.Validate(t.Context(), &EmergencyRequirementValidationRequest{EmergencyRequirementID: emergencyReqID, AddressID: "a"})
	require.NoError(t, err)
	assert.True(t, check.OK)

	mt.RegisterResponder("POST", testBaseURL+"/emergency_requirement_validations", jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","code":"404","status":"404"}]}`)))
	_, err = c.EmergencyRequirements.Validate(t.Context(), &EmergencyRequirementValidationRequest{EmergencyRequirementID: "gone", AddressID: "a"})
	assert.ErrorIs(t, err, ErrNotFound)

	for _, bad := range []*EmergencyRequirementValidationRequest{nil, {AddressID: "a"}, {EmergencyRequirementID: "r"}, {EmergencyRequirementID: "r", IdentityID: " "}} {
		_, err := c.EmergencyRequirements.Validate(t.Context(), bad)
		assert.ErrorIs(t, err, ErrInvalidRequest)
	}
}

func TestEmergencyCallingServiceGetDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/emergency_calling_services/"+emergencyServiceID, rec.wrap(jsonAPI(200, fixture(t, "emergency_calling_services/show.json"))))
	s, err := c.EmergencyCallingServices.Get(t.Context(), emergencyServiceID, &GetOptions{Include: []string{"order", "dids"}})
	require.NoError(t, err)
	assert.Equal(t, "include=order%2Cdids", rec.only(t).RawQuery)
	assert.Equal(t, "ECS-1234", s.Reference)
	assert.Equal(t, EmergencyServiceActive, s.Status)
	assert.Equal(t, time.Date(2026, 4, 18, 9, 0, 0, 0, time.UTC), *s.ActivatedAt)
	assert.Nil(t, s.CanceledAt)
	assert.Equal(t, "2026-05-18", s.RenewDate)
	require.NotNil(t, s.MonthlyPrice)
	require.NotNil(t, s.SetupPrice)
	assert.Equal(t, Decimal("1.5"), *s.MonthlyPrice)
	assert.Equal(t, Decimal("0.0"), *s.SetupPrice)
	require.NotNil(t, s.Order)
	assert.Equal(t, "Emergency", s.Order.Description)
	require.Len(t, s.Order.Items, 1)
	assert.Equal(t, OrderItemEmergency, s.Order.Items[0].Type)
	assert.Equal(t, emergencyServiceID, s.Order.Items[0].EmergencyCallingServiceID)
	assert.Equal(t, emergencyReqID, s.EmergencyRequirement.ID)
	assert.Equal(t, "c0ffee00-0000-4000-8000-000000000002", s.EmergencyVerification.ID)
	require.Len(t, s.DIDs, 1)
}

func TestEmergencyCallingServiceListAndCancel(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/emergency_calling_services", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"api_version":"2026-04-16","total_records":0}}`))))
	_, err := c.EmergencyCallingServices.List(t.Context(), &EmergencyCallingServiceListOptions{
		AddressID: "a", IdentityID: "i", Status: EmergencyServiceCanceled, Reference: "ECS-1", Sort: []string{"-renew_date"},
	})
	require.NoError(t, err)
	q := rec.only(t).Query
	assert.Equal(t, "a", q.Get("filter[address.id]"))
	assert.Equal(t, "i", q.Get("filter[identity.id]"))
	assert.Equal(t, "canceled", q.Get("filter[status]"))
	assert.Equal(t, "ECS-1", q.Get("filter[reference]"))
	assert.Equal(t, "-renew_date", q.Get("sort"))

	del := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/emergency_calling_services/"+emergencyServiceID, del.wrap(httpmock.NewStringResponder(http.StatusNoContent, "")))
	require.NoError(t, c.EmergencyCallingServices.Cancel(t.Context(), emergencyServiceID))
	assert.Equal(t, "DELETE", del.only(t).Method)
	assert.ErrorIs(t, c.EmergencyCallingServices.Cancel(t.Context(), ""), ErrInvalidRequest)

	c0, mt0 := newTestClient(t, WithMaxRetries(0))
	mt0.RegisterResponder("DELETE", testBaseURL+"/emergency_calling_services/x", httpmock.NewStringResponder(503, "down"))
	assert.ErrorIs(t, c0.EmergencyCallingServices.Cancel(t.Context(), "x"), ErrOutcomeUnknown)
}

func TestEmergencyVerificationCreateBodies(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/emergency_verifications", rec.wrap(jsonAPI(201, fixture(t, "emergency_verifications/show.json"))))

	v, err := c.EmergencyVerifications.Create(t.Context(), &EmergencyVerificationCreateRequest{
		AddressID: emergencyAddressID, EmergencyCallingServiceID: emergencyServiceID,
	})
	require.NoError(t, err)
	_, err = c.EmergencyVerifications.Create(t.Context(), &EmergencyVerificationCreateRequest{
		AddressID: emergencyAddressID, DIDIDs: []string{trunkDIDID}, CallbackURL: "https://example.com/ev", CallbackMethod: CallbackGET,
		ExternalReferenceID: "ev-1",
	})
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assertStandardHeaders(t, reqs[0])
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "emergency_verifications/create_request.json"))), string(reqs[0].Body))
	assert.Equal(t, strings.TrimSpace(string(fixture(t, "emergency_verifications/create_dids_request.json"))), string(reqs[1].Body))

	assert.Equal(t, EmergencyVerificationRejected, v.Status)
	assert.Equal(t, []string{"Address not found"}, v.RejectReasons)
	assert.Equal(t, "Check the street", v.RejectComment)
	assert.Equal(t, emergencyAddressID, v.Address.ID)
	assert.Nil(t, v.EmergencyCallingService)

	for name, bad := range map[string]*EmergencyVerificationCreateRequest{
		"nil":        nil,
		"no address": {DIDIDs: []string{"d"}},
		"both":       {AddressID: "a", DIDIDs: []string{"d"}, EmergencyCallingServiceID: "s"},
		"neither":    {AddressID: "a"},
		"empty did":  {AddressID: "a", DIDIDs: []string{""}},
		"method":     {AddressID: "a", DIDIDs: []string{"d"}, CallbackMethod: CallbackPOST},
	} {
		_, err := c.EmergencyVerifications.Create(t.Context(), bad)
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	assert.Len(t, rec.all(), 2)
}

func TestEmergencyVerificationListAndUpdate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/emergency_verifications", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"api_version":"2026-04-16","total_records":0}}`))))
	mt.RegisterResponder("PATCH", testBaseURL+"/emergency_verifications/ev", rec.wrap(jsonAPI(200, fixture(t, "emergency_verifications/show.json"))))
	_, err := c.EmergencyVerifications.List(t.Context(), &EmergencyVerificationListOptions{
		EmergencyCallingServiceID: "s", Status: EmergencyVerificationPending, Include: []string{"address", "dids"}, Sort: []string{"created_at"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bemergency_calling_service.id%5D=s&filter%5Bstatus%5D=pending&include=address%2Cdids&sort=created_at", rec.all()[0].RawQuery)
	_, err = c.EmergencyVerifications.Update(t.Context(), "ev", &EmergencyVerificationUpdateRequest{ExternalReferenceID: Value("new-ref")})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"id":"ev","type":"emergency_verifications","attributes":{"external_reference_id":"new-ref"}}}`, string(rec.all()[1].Body))
	_, err = c.EmergencyVerifications.List(t.Context(), &EmergencyVerificationListOptions{Sort: []string{"status"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestEmergencyOrderItemRequest(t *testing.T) {
	t.Parallel()
	body, err := (&OrderCreateRequest{Items: []OrderItemRequest{&EmergencyOrderItem{EmergencyCallingServiceID: emergencyServiceID, Qty: 1}}}).body()
	require.NoError(t, err)
	assert.Contains(t, string(body), `"items":[{"type":"emergency_order_items","attributes":{"emergency_calling_service_id":"`+emergencyServiceID+`","qty":1}}]`)
	for _, bad := range []OrderItemRequest{EmergencyOrderItem{Qty: 1}, EmergencyOrderItem{EmergencyCallingServiceID: "s"}, (*EmergencyOrderItem)(nil)} {
		_, err := (&OrderCreateRequest{Items: []OrderItemRequest{bad}}).body()
		assert.ErrorIs(t, err, ErrInvalidRequest)
	}
}
