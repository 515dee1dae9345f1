package didwwtest

import (
	"strings"
	"time"
)

// The price plans the prices services answer from (API_REFERENCE §23.4).
// Every account holds the default plans: a few prefixes per service, some
// priced for calls from one country, a rejected destination, a scheduled
// change and a price not in effect yet in the outbound plan, and no plan in
// the SMS OUT OTP domain.

// pricePlans are an account's plans, read-only once built.
type pricePlans struct {
	inbound  []inboundPrice
	outbound []outboundPrice
	// smsOut holds the SMS OUT plans by domain path ("sms_out/a2p"); a
	// domain without an entry has no plan.
	smsOut map[string][]smsOutPrice
	smsIn  []smsInPrice
	// modified is when the plans last changed: the files' Last-Modified.
	modified time.Time
}

// inboundPrice is one price of the inbound call plan.
type inboundPrice struct {
	country             string // "" for the plan's global country
	srcCountry, srcISO  string // "" for calls from any country
	sourceType, prefix  string
	rate, fee           string // "" when the destination is rejected
	initialInt, nextInt int
	reject              bool
}

// outboundPrice is one price of the outbound call plan under one set of
// routing conditions (which the API does not return).
type outboundPrice struct {
	routing                    string
	category, country, network string
	prefix                     string
	minLen, maxLen             int // number lengths the prefix answers; 0: unbounded
	reject                     bool
	// current is the price in effect, nil while none is; next a change
	// taking effect at nextAt, named by comment.
	current, next *outboundTerms
	nextAt        time.Time
	comment       string
}

// outboundTerms are the amounts and increments of an outbound price.
type outboundTerms struct {
	rate, fee          string // "" when the destination is rejected
	initial, recurring int
}

// at is the price as it stands at now: a change whose time has come is the
// price in effect.
func (p outboundPrice) at(now time.Time) outboundPrice {
	if p.next != nil && !now.Before(p.nextAt) {
		p.current, p.next, p.nextAt, p.comment = p.next, nil, time.Time{}, ""
	}
	return p
}

// smsOutPrice is one price of an SMS OUT plan.
type smsOutPrice struct {
	source, dest     string // "" for any sending number / any destination
	country, iso     string
	mcc, mnc         int // 0 for any network
	mccName, mncName string
	reject           bool
	price            string // "" when rejected
}

// smsInPrice is one price of the SMS IN plan.
type smsInPrice struct {
	source         string
	srcMin, srcMax int
	dest           string
	dstMin, dstMax int
	country, iso   string
	price          string
}

// defaultPricePlans are the plans every account holds.
func defaultPricePlans() *pricePlans {
	return &pricePlans{
		modified: time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC),
		inbound: []inboundPrice{
			{country: "United States", sourceType: "fixed", prefix: "1800", rate: "0.0120", fee: "0.0", initialInt: 60, nextInt: 60},
			{country: "United States", sourceType: "cellular", prefix: "1800", rate: "0.025", fee: "0", initialInt: 60, nextInt: 60},
			{country: "United States", sourceType: "cellular", prefix: "18005", rate: "0.0300", fee: "0.0", initialInt: 60, nextInt: 60},
			{country: "United States", srcCountry: "Germany", srcISO: "DE", sourceType: "cellular", prefix: "1800", rate: "0.05", fee: "0.010", initialInt: 1, nextInt: 1},
			{country: "United Kingdom", sourceType: "fixed", prefix: "44800", rate: "0.018", fee: "0.0", initialInt: 60, nextInt: 60},
			{country: "United Kingdom", sourceType: "cellular", prefix: "44800", initialInt: 60, nextInt: 60, reject: true},
			{sourceType: "fixed", prefix: "8816", rate: "0.35", fee: "0.0", initialInt: 60, nextInt: 60},
		},
		outbound: defaultOutboundPlan(),
		smsOut: map[string][]smsOutPrice{
			"sms_out/a2p": {
				{dest: "4915", country: "Germany", iso: "DE", mcc: 262, mccName: "Germany", mnc: 2, mncName: "Vodafone", price: "0.0525"},
				{dest: "4915", country: "Germany", iso: "DE", mcc: 262, mccName: "Germany", mnc: 1, mncName: "Telekom", price: "0.0600"},
				{dest: "49", country: "Germany", iso: "DE", mcc: 262, mccName: "Germany", price: "0.07"},
				{source: "1", dest: "1", country: "United States", iso: "US", mcc: 310, mccName: "United States of America", price: "0.0040"},
				{dest: "1", country: "United States", iso: "US", price: "0.005"},
				{dest: "53", country: "Cuba", iso: "CU", reject: true},
			},
			"sms_out/p2p": {
				{dest: "49", country: "Germany", iso: "DE", mcc: 262, mccName: "Germany", price: "0.03"},
				{dest: "1", country: "United States", iso: "US", price: "0.0025"},
				{dest: "53", country: "Cuba", iso: "CU", reject: true},
			},
		},
		smsIn: []smsInPrice{
			{srcMin: 1, srcMax: 15, dest: "1", dstMin: 11, dstMax: 11, country: "United States", iso: "US", price: "0.0"},
			{srcMin: 1, srcMax: 15, dest: "44", dstMin: 12, dstMax: 12, country: "United Kingdom", iso: "GB", price: "0.0050"},
			{srcMin: 3, srcMax: 6, dest: "44", dstMin: 12, dstMax: 12, country: "United Kingdom", iso: "GB", price: "0.0100"},
			{srcMin: 1, srcMax: 15, dest: "447", dstMin: 12, dstMax: 12, country: "United Kingdom", iso: "GB", price: "0.008"},
		},
	}
}

func defaultOutboundPlan() []outboundPrice {
	intl := func(country, network, prefix string, cur *outboundTerms) outboundPrice {
		return outboundPrice{routing: "standard", category: "International", country: country, network: network, prefix: prefix, current: cur}
	}
	de := intl("Germany", "", "49", &outboundTerms{rate: "0.0150", fee: "0.0", initial: 1, recurring: 1})
	de.minLen, de.maxLen = 10, 13
	berlin := intl("Germany", "Germany - Berlin", "4930", &outboundTerms{rate: "0.0042", fee: "0.0", initial: 1, recurring: 1})
	berlin.next = &outboundTerms{rate: "0.00390", fee: "0.0", initial: 60, recurring: 60}
	berlin.nextAt, berlin.comment = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "Rate decrease"
	// A price of its own for German mobiles takes effect later: until then
	// the 49 price answers for them.
	mobile := intl("Germany", "Germany - Mobile", "4915", nil)
	mobile.next = &outboundTerms{rate: "0.09", fee: "0.0", initial: 60, recurring: 60}
	mobile.nextAt, mobile.comment = time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), "New destination"
	cuba := intl("Cuba", "", "53", &outboundTerms{initial: 60, recurring: 60})
	cuba.reject = true
	return []outboundPrice{
		de, berlin, mobile, cuba,
		{routing: "origin", category: "Origin based", country: "Germany", prefix: "49",
			current: &outboundTerms{rate: "0.0300", fee: "0.01", initial: 60, recurring: 60}},
		{routing: "local", category: "Local", country: "United States", prefix: "1", minLen: 11, maxLen: 11,
			current: &outboundTerms{rate: "0.0050", fee: "0.0", initial: 6, recurring: 6}},
	}
}

// priceDecimal prints a plan amount as the services do: never rounded,
// trailing zeros dropped, at least one decimal kept (0.0, 1.5, 0.0525).
func priceDecimal(s string) string {
	if s == "" {
		return ""
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		frac = "0"
	}
	return whole + "." + frac
}

// covers reports whether prefix (empty: any) covers number, and how well.
func covers(prefix, number string) bool { return strings.HasPrefix(number, prefix) }

// inLength reports whether n digits are within [lo, hi] (0: unbounded).
func inLength(n, lo, hi int) bool { return (lo == 0 || n >= lo) && (hi == 0 || n <= hi) }
