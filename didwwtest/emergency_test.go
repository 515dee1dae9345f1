package didwwtest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registrant gives the default account a personal identity without a
// contact email and its address in country: through the API where the
// server has identities and addresses, else as objects of a stand-in
// registration that only the lookups of the emergency endpoints see.
func registrant(t *testing.T, s *Server, country string) (identity, address string) {
	t.Helper()
	if res := s.reg.byType["addresses"]; res != nil && res.create != nil {
		i := apiCall(t, s, s.APIKey, "POST", "/identities", body("identities", "", map[string]any{"identity_type": "personal",
			"first_name": "Ada", "last_name": "Lovelace", "phone_number": "12125550100"},
			map[string]any{"country": one("countries", country)}))
		wantStatus(t, i, 201)
		a := apiCall(t, s, s.APIKey, "POST", "/addresses", body("addresses", "", map[string]any{"address": "1 Main St",
			"city_name": "Toronto", "postal_code": "M5H 2N2"},
			map[string]any{"identity": one("identities", i.one(t).ID), "country": one("countries", country)}))
		wantStatus(t, a, 201)
		return i.one(t).ID, a.one(t).ID
	}
	identity, address = uid("test/identity"), uid("test/address")
	objs := map[string]*obj{
		identity: {typ: "identities", id: identity, attrs: map[string]any{"identity_type": "personal", "first_name": "Ada",
			"last_name": "Lovelace", "phone_number": "12125550100", "contact_email": nil},
			rels: []rel{toOne("country", "countries", country)}},
		address: {typ: "addresses", id: address, attrs: map[string]any{"address": "1 Main St", "city_name": "Toronto",
			"postal_code": "M5H 2N2"}, rels: []rel{toOne("identity", "identities", identity), toOne("country", "countries", country)}},
	}
	for _, typ := range []string{"identities", "addresses"} {
		s.reg.byType[typ] = &resource{typ: typ, find: func(_ *call, id string) *obj {
			if o := objs[id]; o != nil && o.typ == typ {
				return o
			}
			return nil
		}}
	}
	return identity, address
}

func validation422(t *testing.T, s *Server, rels map[string]any) []errorObject {
	t.Helper()
	r := apiCall(t, s, s.APIKey, "POST", "/emergency_requirement_validations", body("emergency_requirement_validations", "", nil, rels))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	return r.doc.Errors
}

func TestEmergencyValidationListsProblems(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	identity, address := registrant(t, s, CountryCAID)
	req := one("emergency_requirements", EmergencyRequirementUSLocalID)
	errs := validation422(t, s, map[string]any{"emergency_requirement": req,
		"identity": one("identities", identity), "address": one("addresses", address)})
	var details []string
	for _, e := range errs {
		assert.Equal(t, "100", e.Code)
		assert.Equal(t, "422", e.Status)
		assert.Equal(t, "/data", e.Source.Pointer)
		details = append(details, e.Detail)
	}
	assert.Equal(t, []string{"Identity contact_email is required", "Address in United States required"}, details)

	errs = validation422(t, s, map[string]any{"emergency_requirement": req})
	require.Len(t, errs, 1)
	assert.Equal(t, "An identity or an address is required", errs[0].Detail)
	errs = validation422(t, s, map[string]any{"emergency_requirement": one("emergency_requirements", missingID),
		"address": one("addresses", address)})
	assert.Equal(t, "/data/relationships/emergency_requirement", errs[0].Source.Pointer)
}

func TestEmergencyRequirementPrices(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "GET", "/emergency_requirements/"+EmergencyRequirementUSLocalID+"?include=country", nil)
	wantStatus(t, r, 200)
	x := r.one(t)
	assert.Equal(t, map[string]any{"setup_price": "0.0", "monthly_price": "1.5"}, x.Meta)
	assert.Equal(t, []any{"city", "postal_code"}, x.Attributes["address_mandatory_fields"])
	require.Len(t, r.doc.Included, 1)
	assert.Equal(t, "United States", r.doc.Included[0].Attributes["name"])
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/emergency_requirements?sort=identity_type", nil), 400, "114")
}
