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
// for an unknown id (and a resource the version does not have); 406 and 415 for wrong media types; 422 with code 100 and
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
// Registration (API_REFERENCE §17): identities, addresses, proofs (of an
// identity or an address), permanent supporting documents, encrypted files
// and address verifications are created, read, updated and deleted as the
// API allows; proof types, supporting document templates and the address
// requirements of the needs-registration DID groups come from the
// catalogue. GET /public_keys serves the server's two RSA keys (fixed
// 2048-bit test keys; the API's are 4096-bit) and needs no credentials;
// POST /encrypted_files takes the documented multipart form, refuses a
// fingerprint other than EncryptionFingerprint and a file that does not
// decrypt with both keys by the reference's scheme (422), and answers
// application/json; UploadedFile returns what it decrypted. Uploads expire
// after 24 hours of the clock. POST /address_requirement_validations
// checks an identity and an address against a requirement (identity type
// and area, mandatory fields, proofs per type, permanent documents, the
// address's country) and answers 422 with one error per missing item.
// An address verification also checks the one-time document and service
// description, stays pending for DefaultVerificationDelay of the clock
// (WithVerificationDelay), and is then approved, or rejected when its
// identity's id_number is SandboxRejectIDNumber (the API sandbox's hook) or
// its requirement has RejectReasons; the decision calls its callback_url
// (type address_verifications, reject_reason the reasons joined by "; ",
// empty when approved). DIDs of a needs-registration group are
// awaiting_registration (and blocked) until their verification is approved.
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
//   - Versions: 2026-04-16 (every account's unless APIVersion says
//     otherwise) and 2026-11-19. The sources disagree on the version header
//     (API_REFERENCE §23.2, §23.1.6); the server takes both readings where
//     they agree: a request is served at its base version (the account's,
//     or the api_version of its bearer token, which is the account's at
//     mint time) unless X-DIDWW-API-Version names a newer served version,
//     which applies to that request only. A header naming an older released
//     version is ignored, as the OpenAPI document says; any other value is
//     400. So an account moved to 2026-11-19 gets 401 for every request
//     that sends the key, whatever its header (what the OpenAPI reading
//     implies for the real API); a 2026-04-16 account can try 2026-11-19
//     per request with a token and the header.
//   - 2026-11-19 shapes: DID groups carry number_type (from their DID group
//     type's NumberType in the catalogue) and is_demo; address requirements
//     carry number_type and never-null mandatory field lists; available DIDs
//     take filter[did_group.number_type]. Every include, filter, sort or
//     fields[] use of did_group_type is 400 with a detail naming number_type,
//     and /did_group_types is 404: its pages are gone from the version's
//     documentation and no removal statement says otherwise, so the route
//     is taken not to exist. 2026-04-16 refuses the 2026-11-19 additions.
//     A voice-in trunk names its POP in a pop attribute (written and read
//     as the POP's name, the format being undocumented) instead of the pop
//     relationship; the pop includes of trunks and DIDs are 400 and /pops
//     is 404 (apparently removed, as /did_group_types). Deleting a trunk or
//     trunk group that DIDs use is 422 (2026-04-16 unroutes the DIDs).
//   - Token service at TokenURL (the server's host, path /token; production
//     has it on auth.didww.com): POST with an account's key in Api-Key
//     answers 200 {"access_token", "token_type": "Bearer", "expires_in"}.
//     The documentation reachable does not show the real answer's body or
//     the token's lifetime: this is the common OAuth form, and tokens live
//     DefaultTokenLifetime (WithTokenLifetime) on the server's clock. The
//     token is a JWT signed by the server with aud, api_version and exp
//     claims; the server never trusts its content, it looks tokens up. A
//     missing or unknown key is 401. How a read scope or api_version is
//     requested is not documented: a token has the account's version, and
//     full scope unless the account has ReadOnlyTokens, whose tokens (claim
//     scope "read") get 403 "Insufficient scope" with WWW-Authenticate:
//     Bearer error="insufficient_scope" on every method but GET and HEAD.
//   - Credentials: under 2026-11-19 an API request needs Authorization:
//     Bearer <token>; an Api-Key header on one (even beside a token) is 401,
//     as is an unknown, malformed or expired token (the 401 body is not
//     documented: the API's error document, with WWW-Authenticate Bearer).
//     Under 2026-04-16 the key works as before and a bearer token is also
//     taken: the 2026-11-19 documentation says the token's api_version
//     selects the version, so tokens are not tied to 2026-11-19. A
//     registration can take no credentials (GET /public_keys, needing none
//     under 2026-11-19, and taken without them under 2026-04-16 too, as its
//     documentation's examples send none) or either (the export CSV
//     download) through its auth hook.
//   - Outbound, exports, emergency: under 2026-04-16 GET /voice_out_trunks
//     is 403 for an account without OutboundService (on by default) and
//     other trunk operations are allowed, as the docs say; from 2026-11-19
//     on every voice-out trunk endpoint is 403 without OutboundAPI (on by
//     default), whatever OutboundService says, and allowed_rtp_ips may not
//     be empty or 0.0.0.0/0 or ::/0. Exports complete on the clock
//     after WithExportDelay with a signed callback (type exports); the file
//     at their url (GET /v3/exports/<file>.csv.gz, not the export id) is an
//     application/gzip CSV of §18.3's columns built from the account's calls:
//     three inbound calls to each DID after its creation (two outbound
//     calls per voice-out trunk), or sample calls when it has none.
//     POST /orders takes no emergency_order_items (the OpenAPI request
//     schema has none); a verification with dids creates the emergency
//     calling service, which stays in_process, and its order is null.
//     Without EmergencyCalling (on by default) creating a verification is
//     403, and from 2026-11-19 on every emergency endpoint is. Deleting a
//     voice-in trunk group under 2026-11-19 deletes its trunks too, and is
//     422 while DIDs are routed to any of them.
//   - Prices services (2026-11-19; 404 under 2026-04-16): inbound call,
//     outbound call and SMS prices under /api-vin/v3, /api-vout/v3 and
//     /api-sms/v3 on the server's host (PricesURLs; Client is wired to
//     them), bearer tokens only, answering from one default plan per
//     service: longest prefix, 404 price_not_found when nothing covers the
//     number, and gzip CSV files with GET, HEAD and If-Modified-Since. The
//     default account has every plan but SMS OUT OTP; WithoutPricePlans
//     takes others away (404 price_plan_not_assigned).
//   - Sender ID verifications (2026-11-19; 404 under 2026-04-16) are
//     requested in the User Panel, not through the API, so accounts have
//     none until a test adds them with AddSenderIDVerification (a charge
//     becomes a completed order of one generic order item; the balance is
//     untouched). PATCH takes name and sms_trunk: only an http_out,
//     smpp_smsc or smpp_esme trunk of the account (another kind, or an
//     unknown trunk, is 422: the pages name no status for the latter),
//     data null unassigns, 422 when another verification that is not
//     closed already uses one of its sender IDs on that trunk, and 422 for
//     a closed verification. Filters match exactly.
//   - The token service is another host in production: faults hit it only
//     when their PathPrefix is "/token". Its requests are in RequestLog.
//   - POST /orders answers 400 for malformed item data (a missing, extra or
//     out-of-range key, no items) and 422 code 100 for well-formed items it
//     cannot serve (an unknown SKU, pool, number or reservation; stock).
//   - An order of capacity alone completes in its create answer. Capacity is
//     billed to the end of the calendar month (the pool's renewal here) and
//     prorated by days left, to the cent; a DID is billed for a month from
//     the day its order completes.
//   - WithRateLimit counts requests per account in real time, not on the
//     clock: per key under 2026-04-16 (an account has one key), per account
//     under 2026-11-19 whichever of its tokens a request carries. The 429
//     carries Retry-After in seconds; under 2026-11-19 its code is
//     too_many_requests (the reference names the identifier, not where it
//     goes).
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
