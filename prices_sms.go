package didww

import (
	"context"
	"io"
	"net/url"
)

// SMSPricesService reads the SMS price plans of the account on the SMS
// Rates service, api-sms. SMS prices come in four domains, each with a plan
// of its own (or none: then every operation of the domain is an error
// matching ErrPricePlanNotAssigned). It needs APIVersion20261119.
type SMSPricesService service

// SMSPriceDomain is one of the four SMS price domains; its value is the
// domain's path prefix below the service's base URL.
type SMSPriceDomain string

// The SMS price domains: SMS OUT through the account's A2P, P2P and OTP
// plans, and SMS IN, arriving on the account's numbers.
const (
	SMSOutA2P SMSPriceDomain = "sms_out/a2p"
	SMSOutP2P SMSPriceDomain = "sms_out/p2p"
	SMSOutOTP SMSPriceDomain = "sms_out/otp"
	SMSIn     SMSPriceDomain = "sms_in"
)

func (d SMSPriceDomain) check(outOnly bool) error {
	switch d {
	case SMSOutA2P, SMSOutP2P, SMSOutOTP:
		return nil
	case SMSIn:
		if outOnly {
			return invalid("domain", "SMSIn has SMS IN prices: use LookupIn")
		}
		return nil
	}
	return invalid("domain", "%q is not an SMS price domain (SMSOutA2P, SMSOutP2P, SMSOutOTP, SMSIn)", string(d))
}

// SMSOutPrice is one price of an SMS OUT plan (type prices). Its ID is
// derived from the price's content: it changes whenever the price does.
// Prices under one prefix can differ by sending number and destination
// network, which only the delivery decides: a lookup answers the prices
// that apply, not the one charged. Amounts are USD per SMS, VAT excluded.
type SMSOutPrice struct {
	ID string `didww:"primary,prices"`
	// SourcePrefix is the prefix of the sending numbers the price applies
	// to; empty for any number (null).
	SourcePrefix string `didww:"attr,source_prefix"`
	// DestinationPrefix is empty when the price applies to any destination.
	DestinationPrefix string `didww:"attr,destination_prefix"`
	Country           string `didww:"attr,country"`
	// MCC and MNC are the destination network's mobile country and network
	// codes; nil when the price applies to any network.
	MCC     *int   `didww:"attr,mcc"`
	MCCName string `didww:"attr,mcc_name"`
	MNC     *int   `didww:"attr,mnc"`
	MNCName string `didww:"attr,mnc_name"`
	// RejectSMS says the plan rejects SMS to the destination; Price is
	// then nil.
	RejectSMS bool     `didww:"attr,reject_sms,required"`
	Price     *Decimal `didww:"attr,price"`
}

// SMSInPrice is one price of the SMS IN plan (type prices), for SMS
// arriving on the account's numbers. Its ID is derived from the price's
// content. Amounts are USD per SMS, VAT excluded.
type SMSInPrice struct {
	ID string `didww:"primary,prices"`
	// SourcePrefix is empty when the price applies to an SMS from any number.
	SourcePrefix          string `didww:"attr,source_prefix"`
	SourceNumberLengthMin int    `didww:"attr,source_number_length_min,required"`
	SourceNumberLengthMax int    `didww:"attr,source_number_length_max,required"`
	// DestinationPrefix is the prefix of the receiving numbers; empty for
	// any destination.
	DestinationPrefix          string  `didww:"attr,destination_prefix"`
	DestinationNumberLengthMin int     `didww:"attr,destination_number_length_min,required"`
	DestinationNumberLengthMax int     `didww:"attr,destination_number_length_max,required"`
	Country                    string  `didww:"attr,country"`
	Price                      Decimal `didww:"attr,price,required"`
}

// SMSPriceQuery is what a lookup prices: a number, a country or both (the
// country then narrows the prices before the prefixes are ranked).
type SMSPriceQuery struct {
	// DstNumber is filter[dst_number], the receiving number in digits: the
	// longest prefix covering it wins, with every price under it.
	DstNumber string
	// DstCountryISO is filter[dst_country_iso], an ISO 3166-1 alpha-2 code:
	// alone, every price of the plan for the country.
	DstCountryISO string
}

func (q *SMSPriceQuery) values() (url.Values, error) {
	if q == nil {
		return nil, invalid("query", "is nil")
	}
	if q.DstNumber == "" && q.DstCountryISO == "" {
		return nil, invalid("query", "needs DstNumber, DstCountryISO or both")
	}
	v := url.Values{}
	if q.DstNumber != "" {
		if err := checkNumber("dst_number", q.DstNumber); err != nil {
			return nil, err
		}
		v.Set("filter[dst_number]", q.DstNumber)
	}
	if q.DstCountryISO != "" {
		iso, err := checkCountryISO("dst_country_iso", q.DstCountryISO)
		if err != nil {
			return nil, err
		}
		v.Set("filter[dst_country_iso]", iso)
	}
	return v, nil
}

// Lookup returns the SMS OUT prices of the plan in domain (SMSOutA2P,
// SMSOutP2P or SMSOutOTP) that q selects. No matching price is an error
// matching ErrPriceNotFound; a domain without a plan, one matching
// ErrPricePlanNotAssigned.
func (s *SMSPricesService) Lookup(ctx context.Context, domain SMSPriceDomain, q *SMSPriceQuery) ([]*SMSOutPrice, error) {
	if err := domain.check(true); err != nil {
		return nil, pricesError(smsPrices, err)
	}
	v, err := q.values()
	if err != nil {
		return nil, pricesError(smsPrices, err)
	}
	return lookupPrices[SMSOutPrice](ctx, s.client, smsPrices, "/"+string(domain)+"/lookup/prices", v)
}

// LookupIn returns the SMS IN prices that q selects: with DstNumber, only
// the prices whose destination length range holds the number take part.
func (s *SMSPricesService) LookupIn(ctx context.Context, q *SMSPriceQuery) ([]*SMSInPrice, error) {
	v, err := q.values()
	if err != nil {
		return nil, pricesError(smsPrices, err)
	}
	return lookupPrices[SMSInPrice](ctx, s.client, smsPrices, "/"+string(SMSIn)+"/lookup/prices", v)
}

// Download writes the price file of domain's plan into w, decompressed,
// as it arrives (SMSIn's is sms_in_prices.csv.gz); see
// InboundCallPricesService.Download.
func (s *SMSPricesService) Download(ctx context.Context, domain SMSPriceDomain, w io.Writer) error {
	if err := domain.check(false); err != nil {
		return pricesError(smsPrices, err)
	}
	return s.client.downloadPriceFile(ctx, smsPrices, "/"+string(domain)+"/prices.csv.gz", w)
}

// Stat returns what the headers of domain's price file say (HEAD). A HEAD
// answer has no body: a domain without a plan is a 404 matching
// ErrNotFound, not ErrPricePlanNotAssigned.
func (s *SMSPricesService) Stat(ctx context.Context, domain SMSPriceDomain) (*PriceFileInfo, error) {
	if err := domain.check(false); err != nil {
		return nil, pricesError(smsPrices, err)
	}
	return s.client.statPriceFile(ctx, smsPrices, "/"+string(domain)+"/prices.csv.gz")
}
