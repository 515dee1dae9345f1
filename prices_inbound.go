package didww

import (
	"context"
	"io"
	"net/url"
)

// InboundCallPricesService reads the inbound call price plan of the
// account (toll-free, shared-cost and metered numbers) on the Inbound Call
// Rates service, api-vin. Like every prices service it needs
// APIVersion20261119: under older versions each call is refused before
// sending, with an error wrapping ErrInvalidRequest.
type InboundCallPricesService service

// CallSourceType is the calling party category an inbound call price
// applies to: the kind of line the call comes from. The pages name two
// values "such as"; others may come.
type CallSourceType string

// The source types the pages name.
const (
	SourceTypeCellular CallSourceType = "cellular"
	SourceTypeFixed    CallSourceType = "fixed"
)

// InboundCallPrice is one price of the inbound call plan (type prices). Its
// ID is a UUID naming the plan's price; no endpoint returns a price by ID.
// Amounts are USD, VAT excluded.
type InboundCallPrice struct {
	ID string `didww:"primary,prices"`
	// Destination is the prefix that priced the number: the longest one
	// covering it for this source type and destination country.
	Destination string `didww:"attr,destination,required"`
	// Country is the destination country by name; empty for a price of
	// the plan's global country (null).
	Country string `didww:"attr,country"`
	// SrcCountryName is the country of the calls the price applies to;
	// empty when it applies to calls from any country (null).
	SrcCountryName string         `didww:"attr,src_country_name"`
	SourceType     CallSourceType `didww:"attr,source_type,required"`
	// Rate is per minute and ConnectionFee once per call; both are nil
	// when RejectCalls is set.
	Rate          *Decimal `didww:"attr,rate"`
	ConnectionFee *Decimal `didww:"attr,connection_fee"`
	// InitialInterval is the first billing increment in seconds (a call is
	// charged for at least this long); NextInterval each following one.
	InitialInterval int `didww:"attr,initial_interval,required"`
	NextInterval    int `didww:"attr,next_interval,required"`
	// RejectCalls says the plan rejects calls to this destination.
	RejectCalls bool `didww:"attr,reject_calls,required"`
}

// InboundCallPriceQuery is what Lookup prices.
type InboundCallPriceQuery struct {
	// Number is filter[number], the number called: 8 to 15 digits, the
	// first not 0, without + (18005550123); required.
	Number string
	// SrcCountryISO is filter[src_country_iso], the ISO code of the
	// country the call comes from: a price the plan sets for calls from
	// there outranks the any-source price. Empty: any-source prices only.
	SrcCountryISO string
}

// Lookup returns the prices that cover q.Number: for every source type and
// destination country the plan prices, the price of the longest prefix
// covering it. A number no price covers is an error matching
// ErrPriceNotFound.
func (s *InboundCallPricesService) Lookup(ctx context.Context, q *InboundCallPriceQuery) ([]*InboundCallPrice, error) {
	if q == nil {
		return nil, pricesError(inboundPrices, invalid("query", "is nil"))
	}
	if err := checkInboundNumber("number", q.Number); err != nil {
		return nil, pricesError(inboundPrices, err)
	}
	v := url.Values{"filter[number]": {q.Number}}
	if q.SrcCountryISO != "" {
		iso, err := checkCountryISO("src_country_iso", q.SrcCountryISO)
		if err != nil {
			return nil, pricesError(inboundPrices, err)
		}
		v.Set("filter[src_country_iso]", iso)
	}
	return lookupPrices[InboundCallPrice](ctx, s.client, inboundPrices, "/lookup/prices", v)
}

// Download writes the inbound call price file of the plan (the CSV file
// voice_in_prices.csv.gz) into w, decompressed, as it arrives: memory
// stays bounded whatever the file's size. What arrives is checked on the
// way, as Exports.Download checks an export; a failed check is an error
// wrapping ErrDecode, and after an error w may hold part of the file. The
// download is not retried.
func (s *InboundCallPricesService) Download(ctx context.Context, w io.Writer) error {
	return s.client.downloadPriceFile(ctx, inboundPrices, "/prices.csv.gz", w)
}

// Stat returns what the headers of the inbound call price file say (HEAD),
// to check whether a copy is current before downloading it.
func (s *InboundCallPricesService) Stat(ctx context.Context) (*PriceFileInfo, error) {
	return s.client.statPriceFile(ctx, inboundPrices, "/prices.csv.gz")
}
