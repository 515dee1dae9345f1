package didww

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"time"
)

// DIDReservationsService holds specific available numbers for a short while
// (10 minutes by default) so that they can be ordered without a race.
type DIDReservationsService service

// DIDReservation is a hold on one available number.
type DIDReservation struct {
	ID string `didww:"primary,did_reservations"`
	// Description is the customer's free-form note; empty when none.
	Description string `didww:"attr,description"`
	// ExpiresAt is when the hold lapses and the number returns to the pool.
	// API version 2026-04-16 calls it expires_at, older ones expire_at: both are read.
	ExpiresAt time.Time `didww:"attr,expires_at|expire_at,required"`
	CreatedAt time.Time `didww:"attr,created_at,required"`
	// AvailableDID is the held number: ID-only unless the request included
	// "available_did" (and deeper, "available_did.did_group...").
	AvailableDID *AvailableDID `didww:"rel,available_did"`

	// AvailableCount is the meta.available_count of the document this
	// reservation came in: how many more reservations the account's plan
	// allows. The API sends it on Get and List (where Page.Meta.AvailableCount
	// holds it too); it is zero when the document has none, as Create's
	// answer documents.
	AvailableCount int
}

// Expired reports whether the hold has lapsed at now. A reservation without
// an expiry time is taken as expired, so that it is never relied upon.
func (r *DIDReservation) Expired(now time.Time) bool {
	return r == nil || r.ExpiresAt.IsZero() || !now.Before(r.ExpiresAt)
}

// DIDReservationListOptions filters GET /did_reservations.
type DIDReservationListOptions struct {
	ListOptions
	ID          []string
	Description string
	// Include may name "available_did", "available_did.did_group" and
	// "available_did.did_group.stock_keeping_units".
	Include []string
	// Sort keys: created_at, description, expires_at (and the older expire_at).
	Sort  []string
	Extra url.Values
}

// DIDReservationCreateRequest is the body of POST /did_reservations.
type DIDReservationCreateRequest struct {
	// AvailableDIDID is the id of the available number to hold (required).
	AvailableDIDID string
	// Description is an optional note kept with the reservation.
	Description string
}

var (
	didReservationIncludes = []string{"available_did", "available_did.did_group", "available_did.did_group.stock_keeping_units"}
	didReservationSorts    = []string{"created_at", "description", "expire_at", "expires_at"}
)

func (o *DIDReservationListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("description", o.Description)
		q.include(o.Include, didReservationIncludes)
		q.sort(o.Sort, didReservationSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's reservations. Page.Meta.AvailableCount
// says how many more the plan allows.
func (s *DIDReservationsService) List(ctx context.Context, opts *DIDReservationListOptions) (*Page[DIDReservation], error) {
	q, err := opts.query()
	if err != nil {
		return nil, err
	}
	p, err := getList[DIDReservation](ctx, s.client, "/did_reservations", q)
	if err != nil {
		return nil, err
	}
	for _, r := range p.Items {
		r.AvailableCount = p.Meta.AvailableCount
	}
	return p, nil
}

// All yields every reservation matching opts, page after page.
func (s *DIDReservationsService) All(ctx context.Context, opts *DIDReservationListOptions) iter.Seq2[*DIDReservation, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one reservation, with AvailableCount from the document's meta.
func (s *DIDReservationsService) Get(ctx context.Context, id string, opts *GetOptions) (*DIDReservation, error) {
	r, meta, err := getByID[DIDReservation](ctx, s.client, "did_reservations", id, opts, didReservationIncludes)
	if err != nil {
		return nil, err
	}
	r.AvailableCount = meta.AvailableCount
	return r, nil
}

// reservationCreateDocument is the JSON:API body of POST /did_reservations,
// written by google/jsonapi (see encodeDocument).
type reservationCreateDocument struct {
	ID           string            `jsonapi:"primary,did_reservations"`
	Description  string            `jsonapi:"attr,description,omitempty"`
	AvailableDID *availableDIDLink `jsonapi:"relation,available_did"`
}

// availableDIDLink is the linkage of a reservation to its number.
type availableDIDLink struct {
	ID string `jsonapi:"primary,available_dids"`
}

// resourceIdentifier is JSON:API linkage, for the request documents that
// encoding/json writes (see linkage).
type resourceIdentifier struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

func (req *DIDReservationCreateRequest) body() ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.AvailableDIDID == "" {
		return nil, invalid("available_did", "AvailableDIDID is empty")
	}
	return encodeDocument(&reservationCreateDocument{Description: req.Description, AvailableDID: &availableDIDLink{ID: req.AvailableDIDID}})
}

// Create reserves an available number. The request is checked before it is
// sent; a number that cannot be reserved answers an *APIError matching
// ErrValidation and ErrNumberUnavailable.
//
// As with orders, a plain error means no reservation was made. When the
// POST's outcome is unknown (a timeout, a connection lost after sending, a
// 5xx, a 2xx without a usable reservation), Create looks for a reservation of
// the account holding the number, over the same short window as
// OrdersService.Create, and returns it when there is one. Otherwise the error
// is a *ReservationOutcomeError (errors.Is ErrOutcomeUnknown): a reservation
// may hold the number until it lapses. Posting again for the same number
// renews a hold rather than making a second one, so calling Create again
// after such an error is safe.
func (s *DIDReservationsService) Create(ctx context.Context, req *DIDReservationCreateRequest) (*DIDReservation, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	r := &request{method: "POST", path: "/did_reservations", body: body}
	resp, err := s.client.do(ctx, r)
	if err == nil {
		v, meta, derr := decodeOne[DIDReservation](r, resp)
		if derr == nil {
			v.AvailableCount = meta.AvailableCount
			return v, nil
		}
		err = unusable2xx(r, resp, derr)
	} else if !outcomeUnknown(err) {
		return nil, err
	}
	found, misses, lerr := lookAgain(ctx, s.client, func(ctx context.Context) (*DIDReservation, error) {
		return s.findHold(ctx, req.AvailableDIDID)
	})
	if found != nil {
		return found, nil
	}
	return nil, &ReservationOutcomeError{AvailableDIDID: req.AvailableDIDID, Err: err, Lookups: misses, LookupErr: lerr}
}

// findHold returns the account's reservation of the available number, or nil.
func (s *DIDReservationsService) findHold(ctx context.Context, availableDIDID string) (*DIDReservation, error) {
	opts := &DIDReservationListOptions{ListOptions: ListOptions{PageSize: MaxPageSize}, Include: []string{"available_did"}}
	for r, err := range s.All(ctx, opts) {
		if err != nil {
			return nil, err
		}
		if r.AvailableDID != nil && r.AvailableDID.ID == availableDIDID {
			return r, nil
		}
	}
	return nil, nil
}

// ReservationOutcomeError is a POST /did_reservations that may or may not
// have reserved the number, and that Create could not settle by listing the
// account's reservations. A reservation made so lapses by itself; posting
// again for the number renews it. errors.Is and errors.As see Err,
// LookupErr and ErrOutcomeUnknown.
type ReservationOutcomeError struct {
	AvailableDIDID string
	// Err is the POST's error.
	Err error
	// Lookups is how many looks at the reservations found none for the number.
	Lookups int
	// LookupErr is the error of the look that failed; nil when none failed.
	LookupErr error
}

// Error says the reservation may exist.
func (e *ReservationOutcomeError) Error() string {
	msg := fmt.Sprintf("didww: available DID %s may have been reserved: %s; ", e.AvailableDIDID, causeText(e.Err))
	if e.Lookups > 0 {
		msg += fmt.Sprintf("no reservation of it found after %d lookups; ", e.Lookups)
	}
	if e.LookupErr != nil {
		msg += fmt.Sprintf("looking for it failed too: %s; ", causeText(e.LookupErr))
	}
	return msg + "such a reservation lapses by itself, and reserving the number again renews it"
}

// Is reports whether target is ErrOutcomeUnknown.
func (e *ReservationOutcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the POST's error and the lookup's.
func (e *ReservationOutcomeError) Unwrap() []error {
	if e.LookupErr == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.LookupErr}
}

// Delete releases a reservation: the number returns to the pool. When an
// attempt whose answer was lost or was a 5xx is retried and the retry finds
// the reservation gone (404), the first attempt released it, and Delete
// succeeds; a 404 on the first attempt is an error matching ErrNotFound.
// An error that leaves open whether the reservation was released matches
// ErrOutcomeUnknown.
func (s *DIDReservationsService) Delete(ctx context.Context, id string) error {
	path, err := pathFor("did_reservations", id)
	if err != nil {
		return err
	}
	maybeDone, err := sendDelete(ctx, s.client, path)
	var apiErr *APIError
	if maybeDone && errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		return nil
	}
	return changeErr(maybeDone, err)
}

// sendDelete sends a DELETE, retried as the policy allows, and reports
// whether an attempt before the last may have been carried out (its answer
// was lost or was a 5xx): an "already gone" answer to the retry is then the
// success of that attempt.
func sendDelete(ctx context.Context, c *Client, path string) (maybeDone bool, err error) {
	r := &request{method: "DELETE", path: path, onRetry: func(err error) {
		maybeDone = maybeDone || outcomeUnknown(err)
	}}
	_, err = c.do(ctx, r)
	return maybeDone, err
}

// changeErr marks the error of a change (DELETE, PATCH) that may have been
// made though the call failed: an attempt before the last may have been
// carried out, or the last one's outcome is unknown.
func changeErr(maybeDone bool, err error) error {
	if err != nil && (maybeDone || outcomeUnknown(err)) {
		return &changeOutcomeError{err: err}
	}
	return err
}

// changeOutcomeError is a failed change that may have been made.
type changeOutcomeError struct{ err error }

func (e *changeOutcomeError) Error() string {
	return "didww: the change may have been made: " + causeText(e.err)
}

func (e *changeOutcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }

func (e *changeOutcomeError) Unwrap() error { return e.err }

// Renew extends a hold before it lapses by posting a reservation for the
// same available number again, with the same description, as the API
// documents. It returns the reservation the API answers with; r is not
// changed.
//
// The API sends the available_did relationship as links only unless it was
// included, so a reservation from Create, or from List or Get without
// include=available_did, does not name its number: Renew then reads the
// reservation with that include first. A reservation that is gone by then
// (lapsed or released) cannot be renewed: the error matches ErrNotFound,
// and the number may be reserved again with Create.
func (s *DIDReservationsService) Renew(ctx context.Context, r *DIDReservation) (*DIDReservation, error) {
	if r == nil {
		return nil, invalid("reservation", "is nil")
	}
	didID := ""
	if r.AvailableDID != nil {
		didID = r.AvailableDID.ID
	}
	if didID == "" {
		if r.ID == "" {
			return nil, invalid("available_did", "the reservation has neither an ID nor its available DID")
		}
		held, err := s.Get(ctx, r.ID, &GetOptions{Include: []string{"available_did"}})
		if err != nil {
			return nil, fmt.Errorf("didww: renewing reservation %s: reading its available DID: %w", r.ID, err)
		}
		if held.AvailableDID == nil || held.AvailableDID.ID == "" {
			return nil, fmt.Errorf("%w: reservation %s read with include=available_did names no available DID", ErrDecode, r.ID)
		}
		didID = held.AvailableDID.ID
	}
	return s.Create(ctx, &DIDReservationCreateRequest{AvailableDIDID: didID, Description: r.Description})
}
