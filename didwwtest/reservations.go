package didwwtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// reservation holds one available number for one account until expiresAt.
type reservation struct {
	id          string
	acct        *account
	numberID    string
	description string
	createdAt   time.Time
	expiresAt   time.Time
}

// ReservationRecord is a snapshot of an active reservation, for tests.
type ReservationRecord struct {
	ID             string
	AvailableDIDID string
	Number         string
	Description    string
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

// Reservations returns the account's active reservations, oldest first.
func (s *Server) Reservations(apiKey string) []ReservationRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked()
	var out []ReservationRecord
	for _, r := range s.reservationsOfLocked(s.accounts[apiKey]) {
		out = append(out, ReservationRecord{ID: r.id, AvailableDIDID: r.numberID, Number: s.idx.numbers[r.numberID].Number,
			Description: r.description, CreatedAt: r.createdAt, ExpiresAt: r.expiresAt})
	}
	return out
}

// Sold reports whether the available number with this id has been bought.
func (s *Server) Sold(availableDIDID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sold[availableDIDID]
}

func (s *Server) reservationsOfLocked(a *account) []*reservation {
	var out []*reservation
	if a == nil {
		return nil
	}
	for _, r := range s.holds {
		if r.acct == a {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(x, y *reservation) int {
		if c := x.createdAt.Compare(y.createdAt); c != 0 {
			return c
		}
		return strings.Compare(x.id, y.id)
	})
	return out
}

func (s *Server) releaseLocked(r *reservation) {
	delete(s.holds, r.id)
	if s.heldBy[r.numberID] == r {
		delete(s.heldBy, r.numberID)
	}
}

func (s *Server) reservationObj(r *reservation) *obj {
	return &obj{typ: "did_reservations", id: r.id,
		attrs: map[string]any{
			"description": nullable(r.description), "created_at": timestamp(r.createdAt), "expires_at": timestamp(r.expiresAt),
		},
		rels: []rel{toOne("available_did", "available_dids", r.numberID)}}
}

var reservationIncludes = []string{"available_did", "available_did.did_group", "available_did.did_group.stock_keeping_units"}

func (s *Server) availableCountLocked(a *account) int {
	return max(0, s.cfg.reservationLimit-len(s.reservationsOfLocked(a)))
}

func (s *Server) listReservations(c *call, _ string) (int, any, *apiError) {
	spec := &listSpec[*reservation]{
		typ: "did_reservations",
		filters: map[string]filterFn[*reservation]{
			"id":          fEq(func(r *reservation) string { return r.id }),
			"description": fEq(func(r *reservation) string { return r.description }),
		},
		sorts: map[string]func(a, b *reservation) int{
			"created_at":  func(a, b *reservation) int { return a.createdAt.Compare(b.createdAt) },
			"expires_at":  func(a, b *reservation) int { return a.expiresAt.Compare(b.expiresAt) },
			"expire_at":   func(a, b *reservation) int { return a.expiresAt.Compare(b.expiresAt) },
			"description": func(a, b *reservation) int { return cmpStr(a.description, b.description) },
		},
		includes:  reservationIncludes,
		paginated: true,
		meta:      func(int) map[string]any { return map[string]any{"available_count": s.availableCountLocked(c.acct)} },
		obj:       s.reservationObj,
	}
	return serveList(c, spec, s.reservationsOfLocked(c.acct))
}

func (s *Server) ownReservationLocked(c *call, id string) *reservation {
	if r := s.holds[id]; r != nil && r.acct == c.acct {
		return r
	}
	return nil
}

func (s *Server) showReservation(c *call, id string) (int, any, *apiError) {
	var o *obj
	if r := s.ownReservationLocked(c, id); r != nil {
		o = s.reservationObj(r)
	}
	return serveOne(c, o, id, reservationIncludes, map[string]any{"available_count": s.availableCountLocked(c.acct)}, http.StatusOK)
}

func (s *Server) deleteReservation(c *call, id string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	r := s.ownReservationLocked(c, id)
	if r == nil {
		return 0, nil, notFound(id)
	}
	s.releaseLocked(r)
	return http.StatusNoContent, nil, nil
}

// createReservation holds a number for the caller. When the caller already
// holds it, the same reservation is renewed (same id, expires_at moved to
// now plus the TTL, description replaced when one is given): the seed
// guide's way of extending a hold.
func (s *Server) createReservation(c *call, _ string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	d, e := readResource(c.body, "did_reservations")
	if e != nil {
		return 0, nil, e
	}
	if d.ID != nil {
		return 0, nil, badRequest("105", "Param not allowed", "id is not allowed.")
	}
	var description string
	for k, v := range d.Attributes {
		if k != "description" {
			return 0, nil, badRequest("105", "Param not allowed", k+" is not allowed.")
		}
		if string(v) != "null" {
			if err := json.Unmarshal(v, &description); err != nil {
				return 0, nil, badRequest("103", "Invalid field value", "description must be a string.")
			}
		}
	}
	for k := range d.Relationships {
		if k != "available_did" {
			return 0, nil, badRequest("105", "Param not allowed", k+" is not allowed.")
		}
	}
	const pointer = "/data/relationships/available_did"
	target := d.Relationships["available_did"].Data
	if target == nil || target.ID == "" {
		return 0, nil, validation(pointer, "available_did - can't be blank")
	}
	if target.Type != "available_dids" {
		return 0, nil, badRequest("116", "Type mismatch", target.Type+" is not a valid type for available_did.")
	}
	number := s.idx.numbers[target.ID]
	if number == nil || !s.visibleLocked(number, c.acct) {
		return 0, nil, validation(pointer, "available_did - the DID cannot be reserved")
	}
	if r := s.heldBy[number.ID]; r != nil {
		r.expiresAt = c.now.Add(s.cfg.reservationTTL)
		if _, given := d.Attributes["description"]; given {
			r.description = description
		}
		return s.createdReservation(c, r)
	}
	if s.availableCountLocked(c.acct) == 0 {
		return 0, nil, validation(pointer, "available_did - the reservation limit of the account is reached")
	}
	r := &reservation{id: s.nextIDLocked("did_reservation"), acct: c.acct, numberID: number.ID, description: description,
		createdAt: c.now, expiresAt: c.now.Add(s.cfg.reservationTTL)}
	s.holds[r.id] = r
	s.heldBy[number.ID] = r
	return s.createdReservation(c, r)
}

// createdReservation is the create answer: POST takes no include, so
// available_did comes as links only, as the API sends it.
func (s *Server) createdReservation(c *call, r *reservation) (int, any, *apiError) {
	data, _ := c.render.build([]*obj{s.reservationObj(r)}, nil)
	return http.StatusCreated, &document{Data: data[0], Meta: map[string]any{"api_version": c.version}}, nil
}

// decodeBody reads a JSON request body strictly enough to report garbage.
// requestResource is the data member of a request document.
type requestResource struct {
	Type          string                     `json:"type"`
	ID            *string                    `json:"id"`
	Attributes    map[string]json.RawMessage `json:"attributes"`
	Relationships map[string]struct {
		Data *ref `json:"data"`
	} `json:"relationships"`
}

// readResource decodes a request document whose data must be one resource of
// type wantType, answering as the API does when it is missing or of another type.
func readResource(body []byte, wantType string) (*requestResource, *apiError) {
	var doc struct {
		Data *requestResource `json:"data"`
	}
	if e := decodeBody(body, &doc); e != nil {
		return nil, e
	}
	switch d := doc.Data; {
	case d == nil:
		return nil, badRequest("106", "Missing parameter", "The required parameter, data, is missing.")
	case d.Type != wantType:
		return nil, badRequest("116", "Type mismatch", d.Type+" is not a valid type for "+wantType+".")
	}
	return doc.Data, nil
}

func decodeBody(body []byte, v any) *apiError {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return badRequest("400", "Bad request", "The request body is not a valid JSON:API document.")
	}
	if dec.More() {
		return badRequest("400", "Bad request", "The request body holds more than one JSON value.")
	}
	return nil
}
