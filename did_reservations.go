package didww

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// DIDReservationsService holds specific available numbers for a short while
// (10 minutes by default) so that they can be ordered without a race.
type DIDReservationsService service

// DIDReservation is a hold on one available number.
type DIDReservation struct {
	ID string `jsonapi:"primary,did_reservations"`
	// Description is the customer's free-form note; empty when none.
	Description string `jsonapi:"attr,description"`
	// ExpiresAt is when the hold lapses and the number returns to the pool.
	// API version 2026-04-16 calls it expires_at, older ones expire_at: both are read.
	ExpiresAt time.Time `didww:"attr,expires_at|expire_at"`
	CreatedAt time.Time `didww:"attr,created_at"`
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

// reservationCreateDocument is the JSON:API body of POST /did_reservations.
type reservationCreateDocument struct {
	Data struct {
		Type       string `json:"type"`
		Attributes *struct {
			Description string `json:"description"`
		} `json:"attributes,omitempty"`
		Relationships struct {
			AvailableDID struct {
				Data resourceIdentifier `json:"data"`
			} `json:"available_did"`
		} `json:"relationships"`
	} `json:"data"`
}

// resourceIdentifier is JSON:API linkage.
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
	var doc reservationCreateDocument
	doc.Data.Type = "did_reservations"
	if req.Description != "" {
		doc.Data.Attributes = &struct {
			Description string `json:"description"`
		}{req.Description}
	}
	doc.Data.Relationships.AvailableDID.Data = resourceIdentifier{Type: "available_dids", ID: req.AvailableDIDID}
	return encodeBody(doc)
}

// Create reserves an available number. The request is checked before it is
// sent; a number that cannot be reserved answers an *APIError matching
// ErrValidation.
func (s *DIDReservationsService) Create(ctx context.Context, req *DIDReservationCreateRequest) (*DIDReservation, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	r, meta, err := sendOne[DIDReservation](ctx, s.client, &request{method: "POST", path: "/did_reservations", body: body})
	if err != nil {
		return nil, err
	}
	r.AvailableCount = meta.AvailableCount
	return r, nil
}

// Delete releases a reservation: the number returns to the pool.
func (s *DIDReservationsService) Delete(ctx context.Context, id string) error {
	path, err := pathFor("did_reservations", id)
	if err != nil {
		return err
	}
	_, err = s.client.do(ctx, &request{method: "DELETE", path: path})
	return err
}

// Renew extends a hold before it lapses by posting a reservation for the
// same available number again, with the same description, as the API
// documents. It returns the reservation the API answers with; r is not
// changed. r must carry its AvailableDID (Create's answer always does).
func (s *DIDReservationsService) Renew(ctx context.Context, r *DIDReservation) (*DIDReservation, error) {
	if r == nil {
		return nil, invalid("reservation", "is nil")
	}
	if r.AvailableDID == nil || r.AvailableDID.ID == "" {
		return nil, invalid("available_did", "reservation %q does not name its available DID", r.ID)
	}
	return s.Create(ctx, &DIDReservationCreateRequest{AvailableDIDID: r.AvailableDID.ID, Description: r.Description})
}
