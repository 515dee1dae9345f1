package didww

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	didTestID    = "9df99644-f1a5-4a3c-99a4-559d758eb96b"
	didTestOrder = "c1b7b2a6-8a3e-4b5e-9c1d-2f3a4b5c6d7e"
	didTestGroup = "2187c36d-28fb-436f-8861-5a0f5b5a3ee1"
	didTestTrunk = "41b94706-325e-4704-a433-d65105758836"
	didTestTG    = "837c5764-a6c3-456f-aa37-71fc8f8ca07b"
	didTestPool  = "f288d07c-e2fc-4ae6-9837-b18fb469c324"
	didTestSCG   = "3688a9c3-354f-4e16-b458-1d2df9f02547"
)

func TestDIDsListRequestAndDecode(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/dids", rec.wrap(jsonAPI(200, fixture(t, "dids/list.json"))))

	p, err := c.DIDs.List(t.Context(), &DIDListOptions{
		ListOptions: ListOptions{PageSize: 50},
		OrderID:     didTestOrder,
		Terminated:  Bool(false),
		Include:     []string{"did_group", "voice_in_trunk"},
		Sort:        []string{"-created_at", "number"},
	})
	require.NoError(t, err)

	got := rec.only(t)
	assert.Equal(t, "GET", got.Method)
	assert.Equal(t, "/v3/dids", got.Path)
	assert.Equal(t, url.Values{
		"page[size]":         {"50"},
		"filter[order.id]":   {didTestOrder},
		"filter[terminated]": {"false"},
		"include":            {"did_group,voice_in_trunk"},
		"sort":               {"-created_at,number"},
	}, got.Query)
	assertStandardHeaders(t, got)

	require.Len(t, p.Items, 2)
	assert.Equal(t, 2, p.Meta.TotalRecords)
	assert.False(t, p.HasNext())
	d := p.Items[0]
	assert.Equal(t, didTestID, d.ID)
	assert.Equal(t, "16091609123456", d.Number)
	assert.Equal(t, "Reception", d.Description)
	assert.False(t, d.Blocked)
	assert.False(t, d.AwaitingRegistration)
	assert.False(t, d.Terminated)
	assert.False(t, d.EmergencyEnabled)
	assert.Equal(t, Int(2), d.CapacityLimit)
	assert.Equal(t, 2, d.ChannelsIncludedCount)
	assert.Zero(t, d.DedicatedChannelsCount)
	assert.Nil(t, d.BillingCyclesCount, "null: renews indefinitely")
	assert.Equal(t, time.Date(2026, 4, 16, 10, 3, 41, 0, time.UTC), d.CreatedAt)
	require.NotNil(t, d.ExpiresAt)
	assert.Equal(t, time.Date(2026, 5, 16, 10, 3, 42, 0, time.UTC), *d.ExpiresAt)
	require.NotNil(t, d.DIDGroup)
	assert.Equal(t, "Trenton", d.DIDGroup.AreaName, "the included group")
	require.NotNil(t, d.VoiceInTrunk)
	assert.Equal(t, didTestTrunk, d.VoiceInTrunk.ID)
	assert.Nil(t, d.Order, "not included: links only")

	d2 := p.Items[1]
	assert.Empty(t, d2.Description, "null description")
	assert.True(t, d2.Blocked)
	assert.True(t, d2.AwaitingRegistration)
	assert.Nil(t, d2.CapacityLimit, "null: no limit")
	assert.Equal(t, Int(3), d2.BillingCyclesCount)
	assert.Nil(t, d2.ExpiresAt)
	assert.Nil(t, d2.VoiceInTrunk, "included as null: unrouted")
	assert.Same(t, d.DIDGroup, d2.DIDGroup, "one included group, shared")
}

func TestDIDsListEveryFilter(t *testing.T) {
	t.Parallel()
	opts := &DIDListOptions{
		ID: "d1", Number: "+16091609123456", Description: "Reception", Terminated: Bool(true),
		AwaitingRegistration: Bool(false), PendingRemoval: Bool(true), Blocked: Bool(false), BillingCyclesCount: Int(0),
		EmergencyEnabled: Bool(false), DIDGroupID: "g1", DIDGroupFeatures: []Feature{FeatureVoiceIn, FeatureSMSIn},
		CountryID: "c1", RegionID: "r1", CityID: "ci1", OrderID: "o1", OrderReference: "KTH-650932",
		VoiceInTrunkID: "t1", VoiceInTrunkGroupID: "tg1", CapacityPoolID: "p1", SharedCapacityGroupID: "s1",
		AddressVerificationID: "av1", EmergencyCallingServiceID: "e1",
		Extra: url.Values{"filter[trunk.id]": {"t0"}},
	}
	q, err := opts.query()
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"filter[id]": {"d1"}, "filter[number]": {"16091609123456"}, "filter[description]": {"Reception"},
		"filter[terminated]": {"true"}, "filter[awaiting_registration]": {"false"}, "filter[pending_removal]": {"true"},
		"filter[blocked]": {"false"}, "filter[billing_cycles_count]": {"0"}, "filter[emergency_enabled]": {"false"},
		"filter[did_group.id]": {"g1"}, "filter[did_group.features]": {"voice_in,sms_in"},
		"filter[country.id]": {"c1"}, "filter[region.id]": {"r1"}, "filter[city.id]": {"ci1"},
		"filter[order.id]": {"o1"}, "filter[order.reference]": {"KTH-650932"},
		"filter[voice_in_trunk.id]": {"t1"}, "filter[voice_in_trunk_group.id]": {"tg1"},
		"filter[capacity_pool.id]": {"p1"}, "filter[shared_capacity_group.id]": {"s1"},
		"filter[address_verification.id]": {"av1"}, "filter[emergency_calling_service.id]": {"e1"},
		"filter[trunk.id]": {"t0"},
	}, q)
}

func TestDIDsListRefusedOptions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts    *DIDListOptions
		version string
		field   string
	}{
		"unknown include":        {&DIDListOptions{Include: []string{"trunk"}}, DefaultAPIVersion, "include"},
		"unknown sort":           {&DIDListOptions{Sort: []string{"-order.id"}}, DefaultAPIVersion, "sort"},
		"negative cycles":        {&DIDListOptions{BillingCyclesCount: Int(-1)}, DefaultAPIVersion, "BillingCyclesCount"},
		"page too large":         {&DIDListOptions{ListOptions: ListOptions{PageSize: 101}}, DefaultAPIVersion, "PageSize"},
		"feature with a comma":   {&DIDListOptions{DIDGroupFeatures: []Feature{"voice_in,t38"}}, DefaultAPIVersion, "filter[did_group.features]"},
		"pop include, 2026-11":   {&DIDListOptions{Include: []string{"voice_in_trunk.pop"}}, APIVersion20261119, "include"},
		"group type, 2026-11-19": {&DIDListOptions{Include: []string{"did_group.did_group_type"}}, APIVersion20261119, "include"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t, WithAPIVersion(tc.version), WithTokenURL("https://auth.test/token"))
			p, err := c.DIDs.List(t.Context(), tc.opts)
			assert.Nil(t, p)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
	// The names 2026-11-19 refuses are fine under 2026-04-16.
	q, err := (&DIDListOptions{Include: []string{"voice_in_trunk.pop", "did_group.did_group_type"}}).query()
	require.NoError(t, err)
	assert.Equal(t, "voice_in_trunk.pop,did_group.did_group_type", q.Get("include"))
}

func TestDIDsGet(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/dids/"+didTestID, rec.wrap(jsonAPI(200, fixture(t, "dids/get.json"))))

	d, err := c.DIDs.Get(t.Context(), didTestID, &GetOptions{Include: []string{"order", "capacity_pool"}})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "/v3/dids/"+didTestID, got.Path)
	assert.Equal(t, "include=order%2Ccapacity_pool", got.RawQuery)
	require.NotNil(t, d.Order)
	assert.Equal(t, "KTH-650932", d.Order.Reference)
	assert.Equal(t, OrderStatusCompleted, d.Order.Status)
	require.NotNil(t, d.CapacityPool)
	assert.Equal(t, didTestPool, d.CapacityPool.ID)

	_, err = c.DIDs.Get(t.Context(), didTestID, &GetOptions{Include: []string{"dids"}})
	assertInvalid(t, err, "include")
	_, err = c.DIDs.Get(t.Context(), " ", nil)
	assertInvalid(t, err, "id")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "refused Gets send nothing")
}

func TestDIDsGetRefusesGoneIncludeUnderNewVersion(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t, WithAPIVersion(APIVersion20261119), WithTokenURL("https://auth.test/token"))
	d, err := c.DIDs.Get(t.Context(), didTestID, &GetOptions{Include: []string{"voice_in_trunk.pop"}})
	assert.Nil(t, d)
	assertInvalid(t, err, "include")
	assert.ErrorContains(t, err, "2026-11-19")
	assertNothingSent(t, mt)
}

func TestDIDsUpdateBodies(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		req     *DIDUpdateRequest
		fixture string
	}{
		"route to a trunk":     {&DIDUpdateRequest{VoiceInTrunkID: Value(didTestTrunk)}, "update_assign_trunk_request.json"},
		"route to a group":     {&DIDUpdateRequest{VoiceInTrunkGroupID: Value(didTestTG)}, "update_assign_trunk_group_request.json"},
		"draw on a pool":       {&DIDUpdateRequest{CapacityPoolID: Value(didTestPool), DedicatedChannelsCount: Int(1)}, "update_set_capacity_pool_request.json"},
		"draw on a shared one": {&DIDUpdateRequest{SharedCapacityGroupID: Value(didTestSCG)}, "update_set_shared_capacity_group_request.json"},
		"clear":                {&DIDUpdateRequest{CapacityLimit: Null[int](), Description: new(string), Terminated: Bool(false), BillingCyclesCount: Null[int](), AddressVerificationID: Null[string](), EmergencyCallingServiceID: Null[string]()}, "update_clear_request.json"},
		"attributes":           {&DIDUpdateRequest{CapacityLimit: Value(5), Description: ptrTo("Sales & support"), Terminated: Bool(true), BillingCyclesCount: Value(12), DedicatedChannelsCount: Int(0)}, "update_terminate_request.json"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := &recorder{}
			mt.RegisterResponder("PATCH", testBaseURL+"/dids/"+didTestID, rec.wrap(jsonAPI(200, fixture(t, "dids/update_response.json"))))
			d, err := c.DIDs.Update(t.Context(), didTestID, tc.req)
			require.NoError(t, err)
			got := rec.only(t)
			assert.Equal(t, "PATCH", got.Method)
			assert.Equal(t, "/v3/dids/"+didTestID, got.Path)
			assert.Empty(t, got.RawQuery)
			assertStandardHeaders(t, got)
			assert.Equal(t, string(fixture(t, "dids/"+tc.fixture)), string(got.Body), "byte for byte")
			assert.Equal(t, didTestID, d.ID)
			assert.True(t, d.Terminated)
			assert.True(t, d.Blocked)
			assert.Equal(t, Int(0), d.BillingCyclesCount, "the answer to terminated: true")
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestDIDsUpdateRefused(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		req    *DIDUpdateRequest
		fields []string // the field, then any other name the message must give
	}{
		"nil":                  {nil, []string{"request"}},
		"nothing set":          {&DIDUpdateRequest{}, []string{"request"}},
		"trunk and group":      {&DIDUpdateRequest{VoiceInTrunkID: Value("t1"), VoiceInTrunkGroupID: Value("g1")}, []string{"voice_in_trunk", "voice_in_trunk_group"}},
		"pool and shared":      {&DIDUpdateRequest{CapacityPoolID: Value("p1"), SharedCapacityGroupID: Value("s1")}, []string{"capacity_pool", "shared_capacity_group"}},
		"negative limit":       {&DIDUpdateRequest{CapacityLimit: Value(-1)}, []string{"capacity_limit"}},
		"cycles above 999":     {&DIDUpdateRequest{BillingCyclesCount: Value(1000)}, []string{"billing_cycles_count"}},
		"negative cycles":      {&DIDUpdateRequest{BillingCyclesCount: Value(-1)}, []string{"billing_cycles_count"}},
		"negative dedicated":   {&DIDUpdateRequest{DedicatedChannelsCount: Int(-2)}, []string{"dedicated_channels_count"}},
		"empty trunk id":       {&DIDUpdateRequest{VoiceInTrunkID: Value("")}, []string{"voice_in_trunk"}},
		"blank verification":   {&DIDUpdateRequest{AddressVerificationID: Value(" ")}, []string{"address_verification"}},
		"empty emergency id":   {&DIDUpdateRequest{EmergencyCallingServiceID: Value("")}, []string{"emergency_calling_service"}},
		"empty shared id":      {&DIDUpdateRequest{SharedCapacityGroupID: Value("")}, []string{"shared_capacity_group"}},
		"empty group id, pair": {&DIDUpdateRequest{VoiceInTrunkGroupID: Value("")}, []string{"voice_in_trunk_group"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			d, err := c.DIDs.Update(t.Context(), didTestID, tc.req)
			assert.Nil(t, d)
			assertInvalid(t, err, tc.fields[0])
			for _, f := range tc.fields[1:] {
				assert.Contains(t, err.Error(), f)
			}
			assertNothingSent(t, mt)
		})
	}
	c, mt := newStrictClient(t)
	_, err := c.DIDs.Update(t.Context(), "", &DIDUpdateRequest{Terminated: Bool(true)})
	assertInvalid(t, err, "id")
	assertNothingSent(t, mt)
}

func TestDIDsUpdateClearingOneOfAPairLeavesTheOther(t *testing.T) {
	t.Parallel()
	b, err := (&DIDUpdateRequest{VoiceInTrunkID: Null[string](), CapacityPoolID: Null[string]()}).body(didTestID, DefaultAPIVersion)
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"dids","id":"`+didTestID+`","relationships":{"capacity_pool":{"data":null},"voice_in_trunk":{"data":null}}}}`, string(b))
	b, err = (&DIDUpdateRequest{VoiceInTrunkID: Null[string](), VoiceInTrunkGroupID: Value(didTestTG)}).body(didTestID, DefaultAPIVersion)
	require.NoError(t, err)
	assert.Equal(t, string(fixture(t, "dids/update_assign_trunk_group_request.json")), string(b), "a clear and a value together")
}

func TestDIDsUpdateErrors(t *testing.T) {
	t.Parallel()
	invalidGroup := `{"errors":[{"title":"is invalid","detail":"voice_in_trunk_group - is invalid","code":"100",` +
		`"source":{"pointer":"/data/attributes/voice_in_trunk_group_id"},"status":"422"}]}`
	for name, tc := range map[string]struct {
		responder httpmock.Responder
		unknown   bool
		check     func(t *testing.T, err error)
	}{
		"422 refusal": {jsonAPI(422, []byte(invalidGroup)), false, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrValidation)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusUnprocessableEntity, apiErr.StatusCode)
		}},
		"404": {jsonAPI(404, []byte(`{"errors":[{"title":"Not found","code":"404","status":"404"}]}`)), false, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrNotFound)
		}},
		"502":         {jsonAPI(502, []byte(`bad gateway`)), true, nil},
		"answer lost": {httpmock.NewErrorResponder(errors.New("connection reset by peer")), true, nil},
		"2xx without the DID": {jsonAPI(200, []byte(`{"data":null}`)), true, func(t *testing.T, err error) {
			assert.NotErrorIs(t, err, ErrNotFound, "the change was most likely made")
			assert.ErrorIs(t, err, ErrDecode)
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			mt.RegisterResponder("PATCH", testBaseURL+"/dids/"+didTestID, tc.responder)
			d, err := c.DIDs.Update(t.Context(), didTestID, &DIDUpdateRequest{VoiceInTrunkGroupID: Value(didTestTG)})
			assert.Nil(t, d)
			require.Error(t, err)
			assert.Equal(t, tc.unknown, errors.Is(err, ErrOutcomeUnknown), "%v", err)
			assert.Equal(t, 1, mt.GetTotalCallCount(), "a PATCH is not retried")
			if tc.check != nil {
				tc.check(t, err)
			}
		})
	}
}
