package didww

import (
	"context"
	"io"
	"net/url"
	"time"
)

// OutboundCallPricesService reads the outbound call price plan of the
// account on the Outbound Call Rates service, api-vout: the prices in
// effect and the changes already scheduled. It needs APIVersion20261119.
type OutboundCallPricesService service

// OutboundPriceCategory groups outbound prices as the sheets of the price
// list in the user panel do.
type OutboundPriceCategory string

// The categories of outbound call prices.
const (
	OutboundInternational OutboundPriceCategory = "International"
	OutboundOriginBased   OutboundPriceCategory = "Origin based"
	OutboundLocal         OutboundPriceCategory = "Local"
)

// OutboundCallPrice is one price of the outbound call plan (type prices):
// the price of a destination prefix under one set of routing conditions.
// Its ID is stable per plan, prefix and routing conditions. Amounts are
// USD, VAT excluded.
type OutboundCallPrice struct {
	ID       string                `didww:"primary,prices"`
	Category OutboundPriceCategory `didww:"attr,category,required"`
	// Country and Network name the prefix's destination; empty when the
	// prefix is attributed to none (null).
	Country string `didww:"attr,country"`
	Network string `didww:"attr,network"`
	// Prefix is the longest prefix of the plan covering the number among
	// the prices of the same routing conditions.
	Prefix string `didww:"attr,prefix,required"`
	// Rate is per minute and ConnectionFee once per call; both are nil
	// when RejectCalls is set.
	Rate          *Decimal `didww:"attr,rate"`
	ConnectionFee *Decimal `didww:"attr,connection_fee"`
	// InitialIncrement is the first billing increment in seconds,
	// RecurringIncrement each following one.
	InitialIncrement   int  `didww:"attr,initial_increment,required"`
	RecurringIncrement int  `didww:"attr,recurring_increment,required"`
	RejectCalls        bool `didww:"attr,reject_calls,required"`
	// The next price, when a change is scheduled: it takes effect at
	// EffectiveAt, and Comment names it. All are nil or empty otherwise.
	NextRate               *Decimal   `didww:"attr,next_rate"`
	NextConnectionFee      *Decimal   `didww:"attr,next_connection_fee"`
	NextInitialIncrement   *int       `didww:"attr,next_initial_increment"`
	NextRecurringIncrement *int       `didww:"attr,next_recurring_increment"`
	EffectiveAt            *time.Time `didww:"attr,effective_at"`
	Comment                string     `didww:"attr,comment"`
}

// OutboundCallPriceQuery is what Lookup prices.
type OutboundCallPriceQuery struct {
	// Number is filter[number], the number called, in digits
	// (493012345678); required. It is the only parameter the service reads.
	Number string
}

// Lookup returns the prices that cover q.Number: for every set of routing
// conditions the plan prices, the price of the longest prefix covering it,
// with the next price when a change is scheduled. A number no price covers
// is an error matching ErrPriceNotFound.
func (s *OutboundCallPricesService) Lookup(ctx context.Context, q *OutboundCallPriceQuery) ([]*OutboundCallPrice, error) {
	if q == nil {
		return nil, pricesError(outboundPrices, invalid("query", "is nil"))
	}
	if err := checkNumber("number", q.Number); err != nil {
		return nil, pricesError(outboundPrices, err)
	}
	v := url.Values{"filter[number]": {q.Number}}
	return lookupPrices[OutboundCallPrice](ctx, s.client, outboundPrices, "/lookup/prices", v)
}

// Download writes the outbound call price file of the plan (the CSV file
// voice_out_prices.csv.gz) into w, decompressed, as it arrives; see
// InboundCallPricesService.Download.
func (s *OutboundCallPricesService) Download(ctx context.Context, w io.Writer) error {
	return s.client.downloadPriceFile(ctx, outboundPrices, "/prices.csv.gz", w)
}

// Stat returns what the headers of the outbound call price file say (HEAD).
func (s *OutboundCallPricesService) Stat(ctx context.Context) (*PriceFileInfo, error) {
	return s.client.statPriceFile(ctx, outboundPrices, "/prices.csv.gz")
}
