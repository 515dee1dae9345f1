// Package didww is a typed client for the DIDWW v3 API: browse phone-number
// coverage, reserve a specific number and buy it.
//
//	client, err := didww.NewClient(apiKey)
//	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
//		CountryID: countryID,
//		Include:   []string{"stock_keeping_units"},
//	})
//
// Most of the package's examples run against [github.com/didww-go/didww/didwwtest],
// an in-memory DIDWW API, which can stand in for the real one in tests.
//
// # Authentication
//
// [NewClient] takes the API key of a DIDWW account. Sandbox and production
// have separate accounts and keys; the client talks to [Sandbox] unless
// [WithEnvironment]([Production]) says otherwise. The key travels only in the
// Api-Key header of requests to the configured host: it never appears in
// errors, logs or formatted values of the client.
//
// Under [APIVersion20261119] the API takes bearer tokens instead: the client
// mints them with the key at the environment's token service (or takes them
// from a [TokenSource]), caches them, renews them before they expire and once
// on a 401, and sends the key to the token service only. A client with
// [WithBaseURL] needs [WithTokenURL] or [WithTokenSource] for that version.
//
// # Resources
//
// The client has one service per resource: [Client.Countries],
// [Client.Regions], [Client.Cities], [Client.DIDGroupTypes],
// [Client.DIDGroups] (with their prices, [StockKeepingUnit], and
// [DIDGroup.CheapestSKU]), [Client.NanpaPrefixes], [Client.AvailableDIDs],
// [Client.DIDReservations] and [Client.Orders]. Each list takes a typed
// options struct; include and sort values are checked before anything is
// sent. Relationships a request includes are filled in at any depth; one the
// response only names holds a struct with just its ID.
//
// The numbers the account owns are [Client.DIDs] (list, read, update: route,
// limit, cancel), with their events in [Client.DIDHistory] and the money
// left in [Client.Balance].
//
// # Buying numbers
//
// [Client.BuyAvailableDID] reserves a specific number and orders it,
// releasing the reservation if the order is refused; [Client.BuySKU] orders a
// quantity of a price option; [Client.BuyByNPANXX] orders US or Canadian
// numbers of an area code and exchange. A failure part way is a
// [*PurchaseError] naming the step. An error never reads as "nothing was
// bought" while an order may exist: such an error matches [ErrOutcomeUnknown],
// and an order created with an ExternalReferenceID can then be settled with
// [OrdersService.FindByExternalReference] before ordering again (see
// [OrdersService.Create]).
//
// With Wait, a purchase ends with numbers: [Purchase], [NPANXXPurchase] and
// [SKUPurchase] ([Client.BuySKUDIDs]) carry the DIDs the order created, routed
// to the request's VoiceInTrunkID or VoiceInTrunkGroupID. A routing failure
// after the purchase is a [*RoutingError] returned with it: the numbers are
// bought and paid for, and it names those not routed.
//
// # Versions
//
// Every request pins X-DIDWW-API-Version to [DefaultAPIVersion]
// ([APIVersion20260416]); [WithAPIVersion] picks another, such as
// [APIVersion20261119], which should be the version of the account (DIDWW
// fixes it per account; it is upgraded in the User Panel). The models read
// both versions' shapes, and responses in the 2022-05-10 shapes of DIDWW's
// guide pages (expire_at, capitalised order statuses, the requirement
// relationship) too. Includes, sort keys, filters and sparse fieldsets are
// checked for the client's version before sending, and a name it does not
// accept is refused with an error naming the version and the replacement.
//
// Version 2026-11-19 replaces the did_group_type relationship of DID groups
// and address requirements with a number_type attribute
// ([DIDGroup.NumberType], filtered with [DIDGroupListOptions].NumberType
// and [AvailableDIDListOptions].NumberType), adds [DIDGroup.IsDemo], and has
// no DID group types: under it every did_group_type include, filter, sort or
// fields use, and [Client.DIDGroupTypes], is refused before sending;
// under 2026-04-16 NumberType and IsDemo are. It also authenticates with
// short-lived bearer tokens the client mints with the key (see
// [TokenSource]).
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
// against [ErrNotFound], [ErrUnauthorized], [ErrForbidden],
// [ErrInsufficientScope], [ErrRateLimited], [ErrValidation],
// [ErrInsufficientFunds] and [ErrServer]. A request the client
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
// [WithRetryPolicy], [WithMaxRetries] and [WithRateLimit]. Under 2026-04-16
// the API counts requests per key; from 2026-11-19 on per account, answering
// an exceeded budget with 429 and Retry-After in seconds, which the retry and
// the limiter honour.
//
// # Money
//
// Prices and amounts are [Decimal]: exact decimal text with exact arithmetic.
//
// # Callbacks
//
// DIDWW calls an order's callback URL when the order completes or is
// canceled, signed in the [SignatureHeader]. [CallbackHandler] verifies and
// parses such requests; [VerifyCallback] checks one in a handler of your own.
package didww
