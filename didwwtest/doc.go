// Package didwwtest is an in-memory DIDWW v3 API for tests, examples and
// trying the library without an account.
//
//	srv := didwwtest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{CountryID: didwwtest.CountryUSID})
//
// The server speaks the API under /v3 as the reference documents it: every
// coverage list and show endpoint with its filters, includes (nested ones
// too), sorts, pagination links and meta; reservations that hold a number
// for ten minutes of its clock; orders that validate their items, charge a
// prepaid balance, consume reservations and numbers, answer pending with
// null billing dates and complete on the server's clock after
// DefaultOrderCompletionDelay (WithOrderCompletionDelay; 0 completes at
// once), can be cancelled while pending, and call their callback_url with a
// signed request (see Sign). Errors are the API's
// documents: 400 for a malformed query string, an unknown filter, include,
// sort, page value or sparse fieldset, or a filter value of the wrong type
// (all checked before any data is read); 401 for a missing or wrong key; 404
// for an unknown id; 406 and 415 for wrong media types; 422 with code 100 and
// a source pointer for validation; 400 "Insufficient funds".
//
// A completed order gives its account the DIDs it bought (found with
// filter[order.id]), each with a DID history entry, and the channels of its
// capacity items; GET /balance shows balance, credit (Credit) and
// total_balance. Voice-in trunks (SIP and PSTN configurations), trunk
// groups and shared capacity groups are created, updated and deleted; a DID
// routes to one trunk or one trunk group of its account and draws on one
// capacity pool or one shared group (both at once is 422; setting one
// clears the other). Deleting a trunk that DIDs use leaves them unrouted,
// as 2026-04-16 does. POPs and a capacity pool with price breaks come from
// the catalogue.
//
// Every relationship's links answer: self with the linkage, related with
// the related objects.
//
// Several accounts (NewAccount) each have their own balance, reservations and
// orders; an account without number selection (NumberSelection) gets 403
// from available DIDs and reservations, as on the API. A number reserved by one account is hidden from the others. All
// state changes happen under one lock, so concurrent customers race exactly
// as on a single real server: of many accounts reserving one number, one wins.
//
// Choices where the API leaves room:
//   - A reservation posted again by its holder renews the same reservation
//     (same id, expires_at moved forward) and answers 201.
//   - GET /available_dids lists at most 100 numbers, with meta.total_count of
//     all that matched, in a shuffled order that only the seed (WithFaultSeed)
//     changes: the API promises no order, and sort=number, which it accepts,
//     changes nothing.
//   - Orders with a quantity take numbers from the DID group's stock; with
//     allow_back_ordering false, more than the stock is 422.
//   - Requests are served at 2026-04-16, the version of every account. An
//     X-DIDWW-API-Version naming an older released version is ignored, as
//     the API ignores a version older than the account's; any other version
//     is 400.
//   - POST /orders answers 400 for malformed item data (a missing, extra or
//     out-of-range key, no items) and 422 code 100 for well-formed items it
//     cannot serve (an unknown SKU, pool, number or reservation; stock).
//   - An order of capacity alone completes in its create answer. Capacity is
//     billed to the end of the calendar month (the pool's renewal here) and
//     prorated by days left, to the cent; a DID is billed for a month from
//     the day its order completes.
//   - WithRateLimit counts requests per key in real time, not on the clock.
//   - page[number] above 2^31-1 is 400 (code 118), as page[size] above 100;
//     a page number past the last page is an empty page.
//   - A malformed query string is 400 with code 400 ("Bad request"); fields[]
//     of an unknown type is 400 code 101, of an unknown field 400 code 104.
//   - A panic of the server's own code is answered 500 and reported (see
//     WithTest); it is a bug of didwwtest, never an answer of the API.
//
// Faults (Fault, InjectFault) make chosen requests fail with 429, a 5xx, a
// dropped connection, a malformed body, or a dropped connection after the
// request was applied, for testing a client's recovery.
package didwwtest
