package didww

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	resvSeedID     = "b1c2d3e4-f5a6-b7c8-d9e0-f1a2b3c4d5e6"
	resvIncludedID = "e1b4a8c2-5a3d-4f7e-9b61-0c2d3e4f5a6b"
	resvAvailDID   = "4048d28a-6cab-46c9-98e9-d69d2466c131"
)

func resvTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return v
}

// newStrictClient is newTestClient whose transport fails the test on any
// request no responder was registered for.
func newStrictClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	c, mt := newTestClient(t, opts...)
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		assert.Fail(t, fmt.Sprintf("unexpected request %s %s", r.Method, r.URL))
		return httpmock.NewStringResponse(599, "unexpected request"), nil
	})
	return c, mt
}

// assertNothingSent checks that the mock transport saw no request at all
// (with newStrictClient, an unregistered request fails the test by itself).
func assertNothingSent(t *testing.T, mt *httpmock.MockTransport) {
	t.Helper()
	assert.Zero(t, mt.GetTotalCallCount(), "a request was sent")
}

// assertInvalid checks err is a refused request naming field.
func assertInvalid(t *testing.T, err error, field string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	var re *RequestError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, field, re.Field)
}

func TestDIDReservationsCreateSeed(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(201, fixture(t, "did_reservations/create_response_seed.json"))))

	r, err := c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{
		AvailableDIDID: resvAvailDID, Description: "Reserved for customer",
	})
	require.NoError(t, err)

	got := rec.only(t)
	assert.Equal(t, "POST", got.Method)
	assert.Equal(t, "/v3/did_reservations", got.Path)
	assert.Empty(t, got.RawQuery)
	assertStandardHeaders(t, got)
	assert.JSONEq(t, string(fixture(t, "did_reservations/create_request_seed.json")), string(got.Body))

	assert.Equal(t, resvSeedID, r.ID)
	assert.Equal(t, "Reserved for customer", r.Description)
	assert.Equal(t, resvTime(t, "2026-03-19T11:38:15.074Z"), r.ExpiresAt, "the seed's expire_at")
	assert.Equal(t, resvTime(t, "2026-03-19T11:37:15.079Z"), r.CreatedAt)
	require.NotNil(t, r.AvailableDID)
	assert.Equal(t, resvAvailDID, r.AvailableDID.ID)
	assert.Empty(t, r.AvailableDID.Number, "linkage only")
	assert.Zero(t, r.AvailableCount, "the create answer has no available_count")
}

func TestDIDReservationsCreateWithoutDescription(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(201, fixture(t, "did_reservations/get_included.json"))))

	r, err := c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{AvailableDIDID: resvAvailDID})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "did_reservations/create_request_no_description.json")), string(rec.only(t).Body))
	assert.Equal(t, 7, r.AvailableCount, "taken from the document meta when present")
}

func TestDIDReservationsCreateInvalid(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		req   *DIDReservationCreateRequest
		field string
	}{
		"nil request":      {nil, "request"},
		"no available DID": {&DIDReservationCreateRequest{Description: "x"}, "available_did"},
		"empty request":    {&DIDReservationCreateRequest{}, "available_did"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			r, err := c.DIDReservations.Create(t.Context(), tc.req)
			assert.Nil(t, r)
			assertInvalid(t, err, tc.field)
			assertNothingSent(t, mt)
		})
	}
}

func TestDIDReservationsCreateRefused(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", jsonAPI(422, []byte(
		`{"errors":[{"title":"is invalid","detail":"available_did - is invalid","code":"100","status":"422","source":{"pointer":"/data/relationships/available_did"}}]}`)))
	_, err := c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{AvailableDIDID: resvAvailDID})
	assert.ErrorIs(t, err, ErrValidation)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a POST is not retried on 422")
}

func TestDIDReservationsGetIncluded(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations/"+resvIncludedID, rec.wrap(jsonAPI(200, fixture(t, "did_reservations/get_included.json"))))

	r, err := c.DIDReservations.Get(t.Context(), resvIncludedID, &GetOptions{Include: []string{"available_did.did_group.stock_keeping_units"}})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "GET", got.Method)
	assert.Equal(t, "include=available_did.did_group.stock_keeping_units", got.RawQuery)
	assertStandardHeaders(t, got)

	assert.Equal(t, resvIncludedID, r.ID)
	assert.Empty(t, r.Description, "null description")
	assert.Equal(t, resvTime(t, "2026-04-16T10:10:00.123Z"), r.ExpiresAt, "2026-04-16 expires_at")
	assert.Equal(t, resvTime(t, "2026-04-16T10:00:00.123Z"), r.CreatedAt)
	assert.Equal(t, 7, r.AvailableCount)
	require.NotNil(t, r.AvailableDID)
	assert.Equal(t, "12125550123", r.AvailableDID.Number)
	g := r.AvailableDID.DIDGroup
	require.NotNil(t, g)
	assert.Equal(t, "1212", g.Prefix)
	assert.True(t, g.AvailableDIDsEnabled)
	assert.Equal(t, Int(42), g.TotalCount)
	require.Len(t, g.StockKeepingUnits, 2)
	assert.Equal(t, "7a2d041e-0f08-4f61-a59b-f2eca3af23f9", g.StockKeepingUnits[0].ID)
	assert.Equal(t, Decimal("0.80"), g.StockKeepingUnits[0].MonthlyPrice)
	assert.Equal(t, 10, g.StockKeepingUnits[1].ChannelsIncludedCount)
}

func TestDIDReservationsGetRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	_, err := c.DIDReservations.Get(t.Context(), "", nil)
	assertInvalid(t, err, "id")
	_, err = c.DIDReservations.Get(t.Context(), resvIncludedID, &GetOptions{Include: []string{"did_group"}})
	assertInvalid(t, err, "include")
	assert.ErrorContains(t, err, "available_did.did_group.stock_keeping_units", "the error lists the allowed values")
	assertNothingSent(t, mt)
}

func TestDIDReservationsList(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(200, fixture(t, "did_reservations/list.json"))))

	p, err := c.DIDReservations.List(t.Context(), &DIDReservationListOptions{
		ListOptions: ListOptions{PageNumber: 1, PageSize: 2},
		ID:          []string{"a", "b"},
		Description: "for Ann",
		Include:     []string{"available_did"},
		Sort:        []string{"-expires_at", "created_at"},
	})
	require.NoError(t, err)
	got := rec.only(t)
	assert.Equal(t, "filter%5Bdescription%5D=for+Ann&filter%5Bid%5D=a%2Cb&include=available_did&page%5Bnumber%5D=1&page%5Bsize%5D=2&sort=-expires_at%2Ccreated_at", got.RawQuery)
	assertStandardHeaders(t, got)

	require.Len(t, p.Items, 2)
	assert.Equal(t, 8, p.Meta.AvailableCount)
	assert.Equal(t, 3, p.Meta.TotalRecords)
	assert.Equal(t, "2026-04-16", p.Meta.APIVersion)
	assert.True(t, p.HasNext())
	assert.Equal(t, "for Ann", p.Items[0].Description)
	assert.Equal(t, resvTime(t, "2026-04-16T10:10:00Z"), p.Items[0].ExpiresAt)
	assert.Nil(t, p.Items[0].AvailableDID, "relationship without linkage")
	assert.Equal(t, resvTime(t, "2026-04-16T10:15:00Z"), p.Items[1].ExpiresAt, "expire_at in a list")
	assert.Equal(t, 8, p.Items[1].AvailableCount)
}

func TestDIDReservationsListRefusesUnknownSort(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	_, err := c.DIDReservations.List(t.Context(), &DIDReservationListOptions{Sort: []string{"number"}})
	assertInvalid(t, err, "sort")
	_, err = c.DIDReservations.List(t.Context(), &DIDReservationListOptions{ListOptions: ListOptions{PageSize: 101}})
	assertInvalid(t, err, "PageSize")
	assertNothingSent(t, mt)
}

func TestDIDReservationsAll(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations", rec.wrap(func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("page[number]") == "2" {
			return jsonAPI(200, fixture(t, "did_reservations/list_page2.json"))(r)
		}
		return jsonAPI(200, fixture(t, "did_reservations/list.json"))(r)
	}))
	opts := &DIDReservationListOptions{ListOptions: ListOptions{PageSize: 2}, Description: "x"}
	var ids []string
	for r, err := range c.DIDReservations.All(t.Context(), opts) {
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{resvIncludedID, "f2c5b9d3-6b4e-4a8f-8c72-1d3e4f5a6b7c", "a3d6c0e4-7c5f-4b9a-9d83-2e4f5a6b7c8d"}, ids)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.Equal(t, "filter%5Bdescription%5D=x&page%5Bnumber%5D=1&page%5Bsize%5D=2", reqs[0].RawQuery)
	assert.Equal(t, "filter%5Bdescription%5D=x&page%5Bnumber%5D=2&page%5Bsize%5D=2", reqs[1].RawQuery)
	assert.Equal(t, ListOptions{PageSize: 2}, opts.ListOptions, "opts not mutated")
}

func TestDIDReservationsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, rec.wrap(httpmock.NewStringResponder(204, "")))
	require.NoError(t, c.DIDReservations.Delete(t.Context(), resvSeedID))
	got := rec.only(t)
	assert.Equal(t, "DELETE", got.Method)
	assert.Equal(t, "/v3/did_reservations/"+resvSeedID, got.Path)
	assert.Empty(t, got.Body)
	assertStandardHeaders(t, got)

	assertInvalid(t, c.DIDReservations.Delete(t.Context(), " "), "id")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDIDReservationsDeleteNotFound(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/gone", jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","detail":"Record not found","code":"404","status":"404"}]}`)))
	err := c.DIDReservations.Delete(t.Context(), "gone")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestDIDReservationsRenew(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	rec := &recorder{}
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(201, fixture(t, "did_reservations/create_response_seed.json"))))

	old := &DIDReservation{ID: resvSeedID, Description: "Reserved for customer", AvailableDID: &AvailableDID{ID: resvAvailDID}}
	r, err := c.DIDReservations.Renew(t.Context(), old)
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "did_reservations/create_request_seed.json")), string(rec.only(t).Body), "the same POST as the first reservation")
	assert.Equal(t, resvTime(t, "2026-03-19T11:38:15.074Z"), r.ExpiresAt)
	assert.NotSame(t, old, r)
	assert.True(t, old.ExpiresAt.IsZero(), "the old value is not changed")

	_, err = c.DIDReservations.Renew(t.Context(), nil)
	assertInvalid(t, err, "reservation")
	_, err = c.DIDReservations.Renew(t.Context(), &DIDReservation{})
	assertInvalid(t, err, "available_did")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// The API answers a create, and a list or get without include, with the
// available_did relationship as links only: Renew reads the reservation
// with include=available_did, then posts the same body as the first create.
func TestDIDReservationsRenewLinksOnly(t *testing.T) {
	t.Parallel()
	const body = `{"data":{"type":"did_reservations","attributes":{"description":"for Ann"},` +
		`"relationships":{"available_did":{"data":{"type":"available_dids","id":"` + resvAvailDID + `"}}}}}`
	for name, first := range map[string]func(*Client, *httpmock.MockTransport) (*DIDReservation, error){
		"from Create": func(c *Client, _ *httpmock.MockTransport) (*DIDReservation, error) {
			return c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{AvailableDIDID: resvAvailDID, Description: "for Ann"})
		},
		"from List": func(c *Client, mt *httpmock.MockTransport) (*DIDReservation, error) {
			mt.RegisterResponder("GET", testBaseURL+"/did_reservations", jsonAPI(200, fixture(t, "did_reservations/list.json")))
			p, err := c.DIDReservations.List(t.Context(), nil)
			if err != nil {
				return nil, err
			}
			return p.Items[0], nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := &recorder{}
			mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(201, fixture(t, "did_reservations/create_response.json"))))
			mt.RegisterResponder("GET", testBaseURL+"/did_reservations/"+resvIncludedID, rec.wrap(jsonAPI(200, fixture(t, "did_reservations/get_included.json"))))
			r, err := first(c, mt)
			require.NoError(t, err)
			require.Nil(t, r.AvailableDID, "links only: the number is not named")

			renewed, err := c.DIDReservations.Renew(t.Context(), r)
			require.NoError(t, err)
			reqs := rec.all()
			posts := reqs[:0:0]
			for _, q := range reqs {
				if q.Method == "POST" {
					posts = append(posts, q)
				}
			}
			get := reqs[len(reqs)-2]
			assert.Equal(t, "GET", get.Method)
			assert.Equal(t, "/v3/did_reservations/"+resvIncludedID, get.Path)
			assert.Equal(t, "include=available_did", get.RawQuery)
			renew := reqs[len(reqs)-1]
			assert.Equal(t, "POST", renew.Method)
			assert.Equal(t, body, string(renew.Body))
			if name == "from Create" {
				require.Len(t, posts, 2)
				assert.Equal(t, string(posts[0].Body), string(posts[1].Body), "the same POST as the first reservation")
			}
			assert.Equal(t, resvTime(t, "2026-04-16T10:10:00.123Z"), renewed.ExpiresAt)
			assert.Nil(t, r.AvailableDID, "r is not changed")
		})
	}
}

// A reservation gone before Renew reads it cannot be renewed, and nothing is posted.
func TestDIDReservationsRenewGone(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations/"+resvIncludedID,
		jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","detail":"Record not found","code":"404","status":"404"}]}`)))
	_, err := c.DIDReservations.Renew(t.Context(), &DIDReservation{ID: resvIncludedID, Description: "for Ann"})
	assert.ErrorIs(t, err, ErrNotFound)
	assert.ErrorContains(t, err, "renewing reservation "+resvIncludedID)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "no POST")

	c, mt = newStrictClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations/"+resvIncludedID, jsonAPI(200, fixture(t, "did_reservations/create_response.json")))
	_, err = c.DIDReservations.Renew(t.Context(), &DIDReservation{ID: resvIncludedID})
	assert.ErrorIs(t, err, ErrDecode, "an answer without the included number")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "no POST")
}

func TestDIDReservationExpired(t *testing.T) {
	t.Parallel()
	exp := resvTime(t, "2026-04-16T10:10:00Z")
	r := &DIDReservation{ExpiresAt: exp}
	assert.False(t, r.Expired(exp.Add(-time.Nanosecond)))
	assert.True(t, r.Expired(exp))
	assert.True(t, r.Expired(exp.Add(time.Minute)))
	assert.True(t, (&DIDReservation{}).Expired(exp), "no expiry known")
	var nilR *DIDReservation
	assert.True(t, nilR.Expired(exp))
}

func TestDIDReservationsContextCanceled(t *testing.T) {
	t.Parallel()
	c, _ := newStrictClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.DIDReservations.Get(ctx, resvSeedID, nil)
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
}

// resvHoldList is a list of reservations, each holding the available DID
// paired with it, with linkage as include=available_did answers it.
func resvHoldList(pairs ...string) []byte {
	data := "["
	for i := 0; i+1 < len(pairs); i += 2 {
		if i > 0 {
			data += ","
		}
		data += fmt.Sprintf(`{"id":%q,"type":"did_reservations","attributes":{"description":null,"created_at":"2026-04-16T10:00:00Z",`+
			`"expires_at":"2026-04-16T10:10:00Z"},"relationships":{"available_did":{"data":{"type":"available_dids","id":%q}}}}`, pairs[i], pairs[i+1])
	}
	return []byte(`{"data":` + data + `],"meta":{"available_count":8,"total_records":` + fmt.Sprint(len(pairs)/2) + `}}`)
}

func TestDIDReservationsCreateAnswerLostFindsTheHold(t *testing.T) {
	t.Parallel()
	for name, lose := range map[string]httpmock.Responder{
		"timeout":   func(*http.Request) (*http.Response, error) { return nil, timeoutError{} },
		"504":       httpmock.NewStringResponder(504, ""),
		"null data": jsonAPI(201, []byte(`{"data":null}`)),
		"garbage":   httpmock.NewStringResponder(201, "<html>"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			rec := &recorder{}
			mt.RegisterResponder("POST", testBaseURL+"/did_reservations", rec.wrap(lose))
			mt.RegisterResponder("GET", testBaseURL+"/did_reservations", rec.wrap(jsonAPI(200, resvHoldList("other", "another-did", resvSeedID, resvAvailDID))))
			r, err := c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{AvailableDIDID: resvAvailDID})
			require.NoError(t, err)
			assert.Equal(t, resvSeedID, r.ID)
			assert.Equal(t, resvAvailDID, r.AvailableDID.ID)
			reqs := rec.all()
			require.Len(t, reqs, 2)
			assert.Equal(t, "include=available_did&page%5Bnumber%5D=1&page%5Bsize%5D=100", reqs[1].RawQuery)
		})
	}
}

func TestDIDReservationsCreateOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	var gets int
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", jsonAPI(201, []byte(`{"data":[]}`)))
	mt.RegisterResponder("GET", testBaseURL+"/did_reservations", func(r *http.Request) (*http.Response, error) {
		gets++
		return jsonAPI(200, resvHoldList("other", "another-did"))(r)
	})
	r, err := c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{AvailableDIDID: resvAvailDID})
	assert.Nil(t, r)
	var oe *ReservationOutcomeError
	require.ErrorAs(t, err, &oe)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrDecode)
	assert.NotErrorIs(t, err, ErrNotFound)
	assert.Equal(t, resvAvailDID, oe.AvailableDIDID)
	assert.Equal(t, 5, oe.Lookups)
	assert.Equal(t, 5, gets)
	assert.ErrorContains(t, err, "available DID "+resvAvailDID+" may have been reserved")
	assert.ErrorContains(t, err, "lapses by itself")
}

func TestDIDReservationsCreatePlainRefusalIsNotLookedUp(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("POST", testBaseURL+"/did_reservations", jsonAPI(422, []byte(`{"errors":[{"title":"is invalid","detail":"the DID cannot be reserved","code":"100","status":"422"}]}`)))
	_, err := c.DIDReservations.Create(t.Context(), &DIDReservationCreateRequest{AvailableDIDID: resvAvailDID})
	assert.ErrorIs(t, err, ErrValidation)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// lostThen answers the first call with first and every later one with then.
func lostThen(first, then httpmock.Responder) (httpmock.Responder, *int) {
	n := 0
	return func(r *http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return first(r)
		}
		return then(r)
	}, &n
}

var resvNotFound = jsonAPI(404, []byte(`{"errors":[{"title":"Record not found","detail":"Record not found","code":"404","status":"404"}]}`))

func TestDIDReservationsDeleteAlreadyGoneAfterARetry(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		first   httpmock.Responder
		wantErr error
	}{
		"answer lost":          {func(*http.Request) (*http.Response, error) { return nil, timeoutError{} }, nil},
		"503":                  {httpmock.NewStringResponder(503, ""), nil},
		"429: not carried out": {jsonAPI(429, []byte(`{"errors":[{"title":"Too Many Requests","detail":"x","code":"429","status":"429"}]}`)), ErrNotFound},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newStrictClient(t)
			resp, calls := lostThen(tc.first, resvNotFound)
			mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, resp)
			err := c.DIDReservations.Delete(t.Context(), resvSeedID)
			assert.Equal(t, 2, *calls)
			if tc.wantErr == nil {
				assert.NoError(t, err, "the first attempt released it")
			} else {
				assert.ErrorIs(t, err, tc.wantErr)
				assert.NotErrorIs(t, err, ErrOutcomeUnknown, "nothing was carried out")
			}
		})
	}
}

func TestDIDReservationsDeleteEveryAnswerLost(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("DELETE", testBaseURL+"/did_reservations/"+resvSeedID, func(*http.Request) (*http.Response, error) { return nil, timeoutError{} })
	err := c.DIDReservations.Delete(t.Context(), resvSeedID)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "it may have been released")
	var ne net.Error
	assert.ErrorAs(t, err, &ne)
	assert.Equal(t, 4, mt.GetTotalCallCount(), "1 try + 3 retries")
}
