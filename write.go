package didww

import (
	"context"
	"errors"
	"net/http"
)

// Writes of the resources other than orders and reservations, which have
// rules of their own (safe creation, renewal).

// writeOne sends a write and decodes the resource it answers with. A 2xx
// without a usable resource, or a failure whose outcome is unknown, is an
// error matching ErrOutcomeUnknown; mark adjusts API errors (outbound).
func writeOne[T any](ctx context.Context, c *Client, r *request, mark func(error) error) (*T, error) {
	maybeDone := false
	r.onRetry = func(err error) { maybeDone = maybeDone || outcomeUnknown(err) }
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, changeErr(maybeDone, mark(err))
	}
	v, _, err := decodeOne[T](r, resp)
	if err != nil {
		return nil, changeErr(true, unusable2xx(r, resp, err))
	}
	return v, nil
}

// noMark leaves an error as it is.
func noMark(err error) error { return err }

// deleteByID deletes collection/id: a retry that finds it gone (404) after
// an attempt whose outcome was unknown succeeds.
func deleteByID(ctx context.Context, c *Client, collection, id string) error {
	path, err := pathFor(collection, id)
	if err != nil {
		return err
	}
	maybeDone, err := sendDelete(ctx, c, path)
	var apiErr *APIError
	if maybeDone && errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		return nil
	}
	return changeErr(maybeDone, err)
}

// dryRun posts a validation (an address or emergency requirement's): the
// API's 422 listing what is missing is the answer, as a value; every other
// failure, and an errors document on a 2xx, is an error.
func dryRun(ctx context.Context, c *Client, path string, body []byte) (*RequirementCheck, error) {
	r := &request{method: "POST", path: path, body: body}
	resp, err := c.do(ctx, r)
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnprocessableEntity && len(apiErr.Errors) > 0:
		return &RequirementCheck{Problems: apiErr.Errors}, nil
	case err != nil:
		return nil, err
	}
	if _, err := decodeDocument(r, resp); err != nil {
		return nil, err
	}
	return &RequirementCheck{OK: true}, nil
}
