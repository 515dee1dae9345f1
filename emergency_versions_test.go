package didww

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under 2026-11-19 emergency requirements and calling services refuse the
// DID group type names before sending, and older versions refuse
// number_type.
func TestEmergencyVersionRefusals(t *testing.T) {
	t.Parallel()
	const v0416, v1119 = APIVersion20260416, APIVersion20261119
	ctx := t.Context()
	for name, tc := range map[string]struct {
		version string
		call    func(c *Client) error
		want    []string
	}{
		"1119 requirements include did_group_type": {v1119, func(c *Client) error {
			_, err := c.EmergencyRequirements.List(ctx, &EmergencyRequirementListOptions{Include: []string{"country", "did_group_type"}})
			return err
		}, []string{`include: "did_group_type"`, "refused from API version 2026-11-19", "EmergencyRequirement.NumberType", "(the client speaks API version 2026-11-19)"}},
		"1119 requirement get include did_group_type": {v1119, func(c *Client) error {
			_, err := c.EmergencyRequirements.Get(ctx, "er1", &GetOptions{Include: []string{"did_group_type"}})
			return err
		}, []string{`"did_group_type"`, "number_type attribute replaces", "2026-11-19"}},
		"1119 requirements filter did_group_type.id": {v1119, func(c *Client) error {
			_, err := c.EmergencyRequirements.List(ctx, &EmergencyRequirementListOptions{DIDGroupTypeID: "0d51924c"})
			return err
		}, []string{"filter[did_group_type.id]", "filter by number type (NumberType) instead", "speaks API version 2026-11-19"}},
		"1119 requirements fields did_group_type": {v1119, func(c *Client) error {
			_, err := c.EmergencyRequirements.List(ctx, &EmergencyRequirementListOptions{ListOptions: ListOptions{Fields: map[string][]string{"emergency_requirements": {"did_group_type"}}}})
			return err
		}, []string{"fields[emergency_requirements]", `ask for "number_type" instead`}},
		"1119 calling services include did_group_type": {v1119, func(c *Client) error {
			_, err := c.EmergencyCallingServices.List(ctx, &EmergencyCallingServiceListOptions{Include: []string{"did_group_type"}})
			return err
		}, []string{`include: "did_group_type"`, "2026-11-19"}},
		"1119 calling service get include did_group_type": {v1119, func(c *Client) error {
			_, err := c.EmergencyCallingServices.Get(ctx, "ecs1", &GetOptions{Include: []string{"did_group_type"}})
			return err
		}, []string{`"did_group_type"`, "2026-11-19"}},
		"1119 calling services filter did_group_type.id": {v1119, func(c *Client) error {
			_, err := c.EmergencyCallingServices.List(ctx, &EmergencyCallingServiceListOptions{DIDGroupTypeID: "0d51924c"})
			return err
		}, []string{"filter[did_group_type.id]", "filter by number type (NumberType) instead", "speaks API version 2026-11-19"}},
		"0416 calling services filter number_type": {v0416, func(c *Client) error {
			_, err := c.EmergencyCallingServices.List(ctx, &EmergencyCallingServiceListOptions{NumberType: []NumberType{NumberTypeLocal}})
			return err
		}, []string{"filter[number_type]", "arrives in API version 2026-11-19", "speaks API version 2026-04-16"}},
		"0416 calling service fields number_type": {v0416, func(c *Client) error {
			_, err := c.EmergencyCallingServices.Get(ctx, "ecs1", &GetOptions{Fields: map[string][]string{"emergency_calling_services": {"number_type"}}})
			return err
		}, []string{"fields[emergency_calling_services]", `"number_type"`, "arrives in API version 2026-11-19"}},
		"0416 requirements filter number_type": {v0416, func(c *Client) error {
			_, err := c.EmergencyRequirements.List(ctx, &EmergencyRequirementListOptions{NumberType: NumberTypeLocal})
			return err
		}, []string{"filter[number_type]", "arrives in API version 2026-11-19", "filter by DIDGroupTypeID", "speaks API version 2026-04-16"}},
		"0416 requirement fields number_type": {v0416, func(c *Client) error {
			_, err := c.EmergencyRequirements.Get(ctx, "er1", &GetOptions{Fields: map[string][]string{"emergency_requirements": {"number_type"}}})
			return err
		}, []string{"fields[emergency_requirements]", `"number_type"`, "arrives in API version 2026-11-19"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, tc.version)
			covAssertRefused(t, mt, tc.call(c), tc.want...)
		})
	}
}

// What one version refuses, the other sends as given.
func TestEmergencyVersionAcceptedNamesAreSent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	for name, tc := range map[string]struct {
		version, path, query string
		call                 func(c *Client) error
	}{
		"1119 requirements number_type": {APIVersion20261119, "/emergency_requirements", "filter%5Bnumber_type%5D=mobile&include=country", func(c *Client) error {
			_, err := c.EmergencyRequirements.List(ctx, &EmergencyRequirementListOptions{NumberType: NumberTypeMobile, Include: []string{"country"}})
			return err
		}},
		"1119 calling services number_type": {APIVersion20261119, "/emergency_calling_services", "filter%5Bnumber_type%5D=local%2Cmobile", func(c *Client) error {
			_, err := c.EmergencyCallingServices.List(ctx, &EmergencyCallingServiceListOptions{NumberType: []NumberType{NumberTypeLocal, NumberTypeMobile}})
			return err
		}},
		"0416 requirements did_group_type": {APIVersion20260416, "/emergency_requirements", "filter%5Bdid_group_type.id%5D=t1&include=did_group_type", func(c *Client) error {
			_, err := c.EmergencyRequirements.List(ctx, &EmergencyRequirementListOptions{DIDGroupTypeID: "t1", Include: []string{"did_group_type"}})
			return err
		}},
		"0416 calling services did_group_type": {APIVersion20260416, "/emergency_calling_services", "include=did_group_type%2Cdids&sort=-renew_date", func(c *Client) error {
			_, err := c.EmergencyCallingServices.List(ctx, &EmergencyCallingServiceListOptions{Include: []string{"did_group_type", "dids"}, Sort: []string{"-renew_date"}})
			return err
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, tc.version)
			rec := covServe(t, mt, tc.path, "did_groups/empty.json")
			require.NoError(t, tc.call(c))
			r := rec.only(t)
			assert.Equal(t, http.MethodGet, r.Method)
			assert.Equal(t, "/v3"+tc.path, r.Path)
			assert.Equal(t, tc.query, r.Query.Encode())
			assert.Equal(t, tc.version, r.Header.Get("X-DIDWW-API-Version"))
		})
	}
}
