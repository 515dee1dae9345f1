// Package didww is a typed client for the DIDWW v3 API: browse phone-number
// coverage, reserve a specific number and buy it.
//
// # Authentication
//
// [NewClient] takes the API key of a DIDWW account. Sandbox and production
// have separate accounts and keys; the client talks to [Sandbox] unless
// [WithEnvironment]([Production]) says otherwise. The key travels only in the
// Api-Key header of requests to the configured host: it never appears in
// errors, logs or formatted values of the client.
//
// # Versions
//
// Every request pins X-DIDWW-API-Version to [DefaultAPIVersion]; choose another
// with [WithAPIVersion]. Responses of older versions the seed documents show
// (expire_at, capitalised order statuses, the requirement relationship) are read too.
//
// # Pagination
//
// List methods return one [Page]; All methods return an iterator over every
// item of every page, which stops at the caller's break and yields an error
// once:
//
//	for g, err := range client.DIDGroups.All(ctx, opts) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(g.Prefix)
//	}
//
// # Errors
//
// An answer with an error status is an [*APIError], which errors.Is matches
// against [ErrNotFound], [ErrUnauthorized], [ErrForbidden], [ErrRateLimited],
// [ErrValidation], [ErrInsufficientFunds] and [ErrServer]. A request the client
// refuses to send wraps [ErrInvalidRequest] and sends nothing; a response it
// cannot read wraps [ErrDecode]. Transport errors wrap their cause, so
// context.Canceled and context.DeadlineExceeded can be tested with errors.Is.
//
// # Retries and rate limits
//
// GET and DELETE are retried on connection errors and on 429, 502, 503 and 504
// with capped, jittered exponential backoff that honours Retry-After. POST and
// PATCH are retried only on 429 or when the request never reached the server.
// A client-side limiter spaces requests to [DefaultRateLimit] per second; see
// [WithRetryPolicy], [WithMaxRetries] and [WithRateLimit].
//
// # Money
//
// Prices and amounts are [Decimal]: exact decimal text with exact arithmetic.
package didww
