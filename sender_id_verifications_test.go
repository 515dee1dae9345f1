package didww

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sidID = "e5a4e2f1-3b26-4a5c-9a0a-2f7c1f3e8d10"

// assertBearerHeaders checks the headers of a 2026-11-19 request.
func assertBearerHeaders(t *testing.T, r recorded) {
	t.Helper()
	assert.Equal(t, "Bearer tok-v", r.Header.Get("Authorization"))
	assert.Empty(t, r.Header.Get("Api-Key"), "the key goes to the token service only")
	assert.Equal(t, MediaType, r.Header.Get("Accept"))
	assert.Equal(t, APIVersion20261119, r.Header.Get("X-DIDWW-API-Version"))
	if len(r.Body) > 0 {
		assert.Equal(t, MediaType, r.Header.Get("Content-Type"))
	}
}

// assertSIDGet checks the one request rec saw: a 2026-11-19 GET of the
// verification with exactly rawQuery.
func assertSIDGet(t *testing.T, rec *recorder, rawQuery string) {
	t.Helper()
	r := rec.only(t)
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v3/sender_id_verifications/"+sidID, r.Path)
	assert.Equal(t, rawQuery, r.RawQuery)
	assert.Empty(t, r.Body)
	assertBearerHeaders(t, r)
}

func TestSenderIDVerificationGet(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/sender_id_verifications/"+sidID, "sender_id_verifications/get.json")
	v, err := c.SenderIDVerifications.Get(t.Context(), sidID, &GetOptions{
		Include: []string{"sms_trunk"}, Fields: map[string][]string{"sender_id_verifications": {"name", "status"}}})
	require.NoError(t, err)
	assertSIDGet(t, rec, "fields%5Bsender_id_verifications%5D=name%2Cstatus&include=sms_trunk")

	assert.Equal(t, sidID, v.ID)
	assert.Equal(t, "ACME alerts", v.Name)
	assert.Equal(t, SenderIDVerificationActive, v.Status)
	assert.Equal(t, SenderTypeAlphanumeric, v.SenderType)
	assert.Equal(t, []string{"ACME"}, v.SenderIDs)
	assert.Equal(t, "SID-1234", v.Reference)
	assert.Nil(t, v.RejectReasons)
	assert.Empty(t, v.RejectComment)
	assert.Equal(t, "2026-11-22", v.RenewDate)
	assert.Equal(t, time.Date(2026, 10, 22, 9, 15, 42, 118e6, time.UTC), v.CreatedAt)
	require.NotNil(t, v.ActivatedAt)
	assert.Equal(t, time.Date(2026, 10, 22, 11, 40, 7, 532e6, time.UTC), *v.ActivatedAt)
	assert.Nil(t, v.ClosedAt)
	require.NotNil(t, v.SMSTrunk)
	assert.Equal(t, "4b0f6a3e-2d1c-4f5e-9a8b-7c6d5e4f3a21", v.SMSTrunk.ID)
	assert.Nil(t, v.Order)
	assert.Nil(t, v.DIDs)
}

func TestSenderIDVerificationIncludedDIDs(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/sender_id_verifications/"+sidID, "sender_id_verifications/get_include_dids.json")
	v, err := c.SenderIDVerifications.Get(t.Context(), sidID, &GetOptions{Include: []string{"dids"}})
	require.NoError(t, err)
	assertSIDGet(t, rec, "include=dids")
	assert.Equal(t, SenderTypeTollFree, v.SenderType)
	assert.Equal(t, SenderIDVerificationInProcess, v.Status)
	assert.Nil(t, v.ActivatedAt)
	assert.Nil(t, v.SMSTrunk, "data null: no trunk assigned")
	require.Len(t, v.DIDs, 1)
	assert.Equal(t, "18005550100", v.DIDs[0].Number)
	assert.Equal(t, v.SenderIDs, []string{v.DIDs[0].Number})
}

func TestSenderIDVerificationList(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/sender_id_verifications", "sender_id_verifications/list.json")
	p, err := c.SenderIDVerifications.List(t.Context(), &SenderIDVerificationListOptions{
		ListOptions: ListOptions{PageNumber: 2, PageSize: 100},
		ID:          []string{"a", "b"}, Name: "ACME", Reference: "SID-1234",
		Status: SenderIDVerificationChangesRequired, SenderType: SenderTypeLongCode,
		SMSTrunkID: []string{"t1", "t2"},
		Include:    []string{"sms_trunk", "countries", "dids", "order", "identity", "address"},
		Sort:       []string{"-created_at", "renew_date"},
	})
	require.NoError(t, err)
	r := rec.only(t)
	assertBearerHeaders(t, r)
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v3/sender_id_verifications", r.Path)
	assert.Equal(t, url.Values{
		"page[number]": {"2"}, "page[size]": {"100"},
		"filter[id]": {"a,b"}, "filter[name]": {"ACME"}, "filter[reference]": {"SID-1234"},
		"filter[status]": {"changes_required"}, "filter[sender_type]": {"long_code"},
		"filter[sms_trunk.id]": {"t1,t2"},
		"include":              {"sms_trunk,countries,dids,order,identity,address"},
		"sort":                 {"-created_at,renew_date"},
	}, r.Query)

	require.Len(t, p.Items, 3)
	assert.Equal(t, 3, p.Meta.TotalRecords)
	cr := p.Items[1]
	assert.Equal(t, SenderIDVerificationChangesRequired, cr.Status)
	assert.Equal(t, []string{"Sample messages missing", "Opt-in not described"}, cr.RejectReasons)
	assert.Equal(t, "Add two sample messages.", cr.RejectComment)
	closed := p.Items[2]
	assert.Equal(t, SenderIDVerificationClosed, closed.Status)
	assert.Empty(t, closed.RenewDate, "null once closed")
	require.NotNil(t, closed.ClosedAt)
	assert.Equal(t, time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC), *closed.ClosedAt)
}

// Statuses and sender types the API adds later are kept as sent.
func TestSenderIDVerificationUnknownValues(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	body := fixture(t, "sender_id_verifications/get.json")
	body = []byte(strings.NewReplacer(`"active"`, `"suspended"`, `"alphanumeric"`, `"emoji"`).Replace(string(body)))
	mt.RegisterResponder("GET", testBaseURL+"/sender_id_verifications/"+sidID, jsonAPI(200, body))
	v, err := c.SenderIDVerifications.Get(t.Context(), sidID, nil)
	require.NoError(t, err)
	assert.Equal(t, SenderIDVerificationStatus("suspended"), v.Status)
	assert.Equal(t, SenderType("emoji"), v.SenderType)
}

func TestSenderIDVerificationAll(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	rec := covServe(t, mt, "/sender_id_verifications", "sender_id_verifications/list.json")
	var refs []string
	for v, err := range c.SenderIDVerifications.All(t.Context(), &SenderIDVerificationListOptions{Status: SenderIDVerificationActive}) {
		require.NoError(t, err)
		refs = append(refs, v.Reference)
	}
	assert.Equal(t, []string{"SID-1234", "SID-1236", "SID-1001"}, refs)
	assert.Equal(t, "active", rec.only(t).Query.Get("filter[status]"))
}

func TestSenderIDVerificationUpdateBodies(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		req  *SenderIDVerificationUpdateRequest
		want string
	}{
		"name": {&SenderIDVerificationUpdateRequest{Name: String("ACME notifications")},
			`{"data":{"id":"` + sidID + `","type":"sender_id_verifications","attributes":{"name":"ACME notifications"}}}`},
		"assign trunk": {&SenderIDVerificationUpdateRequest{SMSTrunkID: Value("4b0f6a3e-2d1c-4f5e-9a8b-7c6d5e4f3a21")},
			`{"data":{"id":"` + sidID + `","type":"sender_id_verifications","relationships":{"sms_trunk":{"data":{"type":"sms_trunks","id":"4b0f6a3e-2d1c-4f5e-9a8b-7c6d5e4f3a21"}}}}}`},
		"unassign trunk": {&SenderIDVerificationUpdateRequest{SMSTrunkID: Null[string]()},
			`{"data":{"id":"` + sidID + `","type":"sender_id_verifications","relationships":{"sms_trunk":{"data":null}}}}`},
		"both": {&SenderIDVerificationUpdateRequest{Name: String("N"), SMSTrunkID: Null[string]()},
			`{"data":{"id":"` + sidID + `","type":"sender_id_verifications","attributes":{"name":"N"},"relationships":{"sms_trunk":{"data":null}}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, APIVersion20261119)
			rec := &recorder{}
			mt.RegisterResponder("PATCH", testBaseURL+"/sender_id_verifications/"+sidID,
				rec.wrap(jsonAPI(200, fixture(t, "sender_id_verifications/update.json"))))
			v, err := c.SenderIDVerifications.Update(t.Context(), sidID, tc.req)
			require.NoError(t, err)
			r := rec.only(t)
			assert.Equal(t, http.MethodPatch, r.Method)
			assert.Equal(t, "/v3/sender_id_verifications/"+sidID, r.Path)
			assert.Empty(t, r.RawQuery)
			assertBearerHeaders(t, r)
			assert.Equal(t, tc.want, string(r.Body))
			assert.Equal(t, "ACME notifications", v.Name)
		})
	}
}

// What the API would refuse, or what cannot be sent, is refused before
// anything goes out.
func TestSenderIDVerificationUpdateRefused(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		id   string
		req  *SenderIDVerificationUpdateRequest
		want string
	}{
		"nil":          {sidID, nil, "request"},
		"nothing":      {sidID, &SenderIDVerificationUpdateRequest{}, "sets nothing to change"},
		"blank name":   {sidID, &SenderIDVerificationUpdateRequest{Name: String("  ")}, "name"},
		"empty trunk":  {sidID, &SenderIDVerificationUpdateRequest{SMSTrunkID: Value("")}, "sms_trunk"},
		"empty id":     {"", &SenderIDVerificationUpdateRequest{Name: String("x")}, "id"},
		"blank trunk2": {sidID, &SenderIDVerificationUpdateRequest{SMSTrunkID: Value(" ")}, "sms_trunk"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newVersionClient(t, APIVersion20261119)
			_, err := c.SenderIDVerifications.Update(t.Context(), tc.id, tc.req)
			require.ErrorIs(t, err, ErrInvalidRequest)
			assert.Contains(t, err.Error(), tc.want)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
}

// Under 2026-04-16 the type does not exist: every call is refused before
// sending, naming the version that brings it.
func TestSenderIDVerificationsRefused20260416(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := t.Context()
	calls := map[string]func() error{
		"list": func() error { _, err := c.SenderIDVerifications.List(ctx, nil); return err },
		"get":  func() error { _, err := c.SenderIDVerifications.Get(ctx, sidID, nil); return err },
		"all": func() error {
			for _, err := range c.SenderIDVerifications.All(ctx, nil) {
				return err
			}
			return errors.New("All yielded nothing")
		},
		"update": func() error {
			_, err := c.SenderIDVerifications.Update(ctx, sidID, &SenderIDVerificationUpdateRequest{Name: String("x")})
			return err
		},
		"fields of another type": func() error {
			_, err := c.DIDs.List(ctx, &DIDListOptions{ListOptions: ListOptions{Fields: map[string][]string{"sender_id_verifications": {"name"}}}})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		require.ErrorIs(t, err, ErrInvalidRequest, name)
		assert.Contains(t, err.Error(), "sender ID verifications arrive in API version 2026-11-19", name)
		assert.Contains(t, err.Error(), "(the client speaks API version 2026-04-16)", name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestSenderIDVerificationOptionsRefused(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	ctx := t.Context()
	for name, opts := range map[string]*SenderIDVerificationListOptions{
		"include":   {Include: []string{"sms_trunk_group"}},
		"sort":      {Sort: []string{"reference"}},
		"id comma":  {ID: []string{"a,b"}},
		"page size": {ListOptions: ListOptions{PageSize: 101}},
	} {
		_, err := c.SenderIDVerifications.List(ctx, opts)
		require.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	_, err := c.SenderIDVerifications.Get(ctx, sidID, &GetOptions{Include: []string{"did_group"}})
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount())
}

// The API's 422 (a closed verification, a trunk another verification uses)
// reaches the caller as ErrValidation with the API's words.
func TestSenderIDVerificationUpdate422(t *testing.T) {
	t.Parallel()
	c, mt := newVersionClient(t, APIVersion20261119)
	mt.RegisterResponder("PATCH", testBaseURL+"/sender_id_verifications/"+sidID, jsonAPI(422,
		[]byte(`{"errors":[{"title":"is closed","detail":"sender_id_verification - is closed","code":"100","status":"422","source":{"pointer":"/data"}}]}`)))
	_, err := c.SenderIDVerifications.Update(t.Context(), sidID, &SenderIDVerificationUpdateRequest{Name: String("x")})
	require.ErrorIs(t, err, ErrValidation)
	require.NotErrorIs(t, err, ErrOutcomeUnknown)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "is closed")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a 422 is not retried")
}
