package didwwtest

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// lookupInbound answers an inbound lookup: per (source type, destination
// country), the longest prefix covering number; with srcISO a price for
// calls from that country outranks the any-source one whatever their
// prefixes, and without it only any-source prices take part.
func lookupInbound(plan []inboundPrice, number, srcISO string) []inboundPrice {
	type pair struct{ sourceType, country string }
	best := map[pair]int{}
	var order []pair
	for i, p := range plan {
		if !covers(p.prefix, number) || (p.srcISO != "" && p.srcISO != srcISO) {
			continue
		}
		k := pair{p.sourceType, p.country}
		j, seen := best[k]
		switch {
		case !seen:
			order = append(order, k)
			best[k] = i
		case p.srcISO != "" && plan[j].srcISO == "",
			(p.srcISO != "") == (plan[j].srcISO != "") && len(p.prefix) > len(plan[j].prefix):
			best[k] = i
		}
	}
	out := make([]inboundPrice, 0, len(order))
	for _, k := range order {
		out = append(out, plan[best[k]])
	}
	return out
}

// lookupOutbound answers an outbound lookup: per set of routing
// conditions, the longest prefix covering number among the prices in
// effect at now whose length bounds hold the number.
func lookupOutbound(plan []outboundPrice, number string, now time.Time) []outboundPrice {
	best := map[string]int{}
	var order []string
	for i, p := range plan {
		p = p.at(now)
		if p.current == nil || !covers(p.prefix, number) || !inLength(len(number), p.minLen, p.maxLen) {
			continue
		}
		j, seen := best[p.routing]
		if !seen {
			order = append(order, p.routing)
		}
		if !seen || len(p.prefix) > len(plan[j].prefix) {
			best[p.routing] = i
		}
	}
	out := make([]outboundPrice, 0, len(order))
	for _, k := range order {
		out = append(out, plan[best[k]].at(now))
	}
	return out
}

// lookupSMSOut answers an SMS OUT lookup: the country narrows first; with
// a number, every price under the longest covering prefix.
func lookupSMSOut(plan []smsOutPrice, number, iso string) []smsOutPrice {
	var in []smsOutPrice
	for _, p := range plan {
		if (iso == "" || p.iso == iso) && (number == "" || covers(p.dest, number)) {
			in = append(in, p)
		}
	}
	return longestDest(in, func(p smsOutPrice) string { return p.dest }, number != "")
}

// lookupSMSIn is lookupSMSOut for SMS IN, where a number takes part only
// in prices whose destination length range holds it.
func lookupSMSIn(plan []smsInPrice, number, iso string) []smsInPrice {
	var in []smsInPrice
	for _, p := range plan {
		if (iso == "" || p.iso == iso) && (number == "" || covers(p.dest, number) && inLength(len(number), p.dstMin, p.dstMax)) {
			in = append(in, p)
		}
	}
	return longestDest(in, func(p smsInPrice) string { return p.dest }, number != "")
}

// longestDest keeps the prices under the longest destination prefix when
// a number was looked up, else all of them.
func longestDest[P any](in []P, dest func(P) string, byNumber bool) []P {
	if !byNumber {
		return in
	}
	longest := -1
	for _, p := range in {
		longest = max(longest, len(dest(p)))
	}
	var out []P
	for _, p := range in {
		if len(dest(p)) == longest {
			out = append(out, p)
		}
	}
	return out
}

// Rendering: nullable attributes are nil for null.

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func decimalOrNull(s string) any { return orNull(priceDecimal(s)) }

func intOrNull(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func pricesResource(id string, attrs map[string]any) map[string]any {
	return map[string]any{"id": id, "type": "prices", "attributes": attrs}
}

func (p inboundPrice) id() string {
	return uid("prices/vin/" + p.sourceType + "/" + p.country + "/" + p.srcISO + "/" + p.prefix)
}

func renderInbound(ps []inboundPrice) []map[string]any {
	out := make([]map[string]any, 0, len(ps))
	for _, p := range ps {
		out = append(out, pricesResource(p.id(), map[string]any{
			"destination": p.prefix, "country": orNull(p.country), "src_country_name": orNull(p.srcCountry),
			"source_type": p.sourceType, "rate": decimalOrNull(p.rate), "connection_fee": decimalOrNull(p.fee),
			"initial_interval": p.initialInt, "next_interval": p.nextInt, "reject_calls": p.reject,
		}))
	}
	return out
}

func renderOutbound(ps []outboundPrice) []map[string]any {
	out := make([]map[string]any, 0, len(ps))
	for _, p := range ps {
		a := map[string]any{
			"category": p.category, "country": orNull(p.country), "network": orNull(p.network), "prefix": p.prefix,
			"rate": decimalOrNull(p.current.rate), "connection_fee": decimalOrNull(p.current.fee),
			"initial_increment": p.current.initial, "recurring_increment": p.current.recurring, "reject_calls": p.reject,
			"next_rate": nil, "next_connection_fee": nil, "next_initial_increment": nil, "next_recurring_increment": nil,
			"effective_at": nil, "comment": orNull(p.comment),
		}
		if n := p.next; n != nil {
			a["next_rate"], a["next_connection_fee"] = decimalOrNull(n.rate), decimalOrNull(n.fee)
			a["next_initial_increment"], a["next_recurring_increment"] = n.initial, n.recurring
			a["effective_at"] = p.nextAt.UTC().Format("2006-01-02T15:04:05.000Z")
		}
		out = append(out, pricesResource(uid("prices/vout/"+p.routing+"/"+p.prefix), a))
	}
	return out
}

// The ids of SMS prices derive from their content, so a changed price
// gets a new one.
func (p smsOutPrice) content(domain string) string {
	return fmt.Sprintf("%s|%s|%s|%d|%d|%t|%s", domain, p.source, p.dest, p.mcc, p.mnc, p.reject, priceDecimal(p.price))
}

func renderSMSOut(domain string, ps []smsOutPrice) []map[string]any {
	out := make([]map[string]any, 0, len(ps))
	for _, p := range ps {
		out = append(out, pricesResource(uid("prices/sms/"+p.content(domain)), map[string]any{
			"source_prefix": orNull(p.source), "destination_prefix": orNull(p.dest), "country": orNull(p.country),
			"mcc": intOrNull(p.mcc), "mcc_name": orNull(p.mccName), "mnc": intOrNull(p.mnc), "mnc_name": orNull(p.mncName),
			"reject_sms": p.reject, "price": decimalOrNull(p.price),
		}))
	}
	return out
}

func renderSMSIn(ps []smsInPrice) []map[string]any {
	out := make([]map[string]any, 0, len(ps))
	for _, p := range ps {
		id := uid(fmt.Sprintf("prices/sms/sms_in|%s|%d|%d|%s|%d|%d|%s", p.source, p.srcMin, p.srcMax, p.dest, p.dstMin, p.dstMax, priceDecimal(p.price)))
		out = append(out, pricesResource(id, map[string]any{
			"source_prefix": orNull(p.source), "source_number_length_min": p.srcMin, "source_number_length_max": p.srcMax,
			"destination_prefix": orNull(p.dest), "destination_number_length_min": p.dstMin, "destination_number_length_max": p.dstMax,
			"country": orNull(p.country), "price": priceDecimal(p.price),
		}))
	}
	return out
}

// The columns of each price file. The outbound file's columns after
// Recurring increment are not documented in what could be read: they follow
// the lookup's attributes (inference).
var (
	inboundColumns = []string{"Country", "Src country name", "Source type", "Destination", "Rate", "Connection fee",
		"Initial interval", "Next interval", "Reject calls"}
	outboundColumns = []string{"Category", "Country", "Network", "Prefix", "Rate", "Connection fee", "Initial increment",
		"Recurring increment", "Reject calls", "Next rate", "Next connection fee", "Next initial increment",
		"Next recurring increment", "Effective at", "Comment"}
	smsOutColumns = []string{"Source prefix", "Destination prefix", "Country", "MCC", "MCC name", "MNC", "MNC name", "Reject SMS", "Price"}
	smsInColumns  = []string{"Source prefix", "Source number length min", "Source number length max", "Destination prefix",
		"Destination number length min", "Destination number length max", "Country", "Price"}
)

func blankOrInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// priceRows are the header and rows of the call's price file.
func (pc *pricesCall) priceRows() (name string, rows [][]string) {
	switch {
	case pc.service == "vin":
		rows = append(rows, inboundColumns)
		for _, p := range pc.plans.inbound {
			rows = append(rows, []string{p.country, p.srcCountry, p.sourceType, p.prefix, priceDecimal(p.rate), priceDecimal(p.fee),
				strconv.Itoa(p.initialInt), strconv.Itoa(p.nextInt), strconv.FormatBool(p.reject)})
		}
		return "voice_in_prices.csv.gz", rows
	case pc.service == "vout":
		rows = append(rows, outboundColumns)
		for _, p := range pc.plans.outbound {
			rows = append(rows, outboundRow(p.at(pc.now)))
		}
		return "voice_out_prices.csv.gz", rows
	case pc.domain == "sms_in":
		rows = append(rows, smsInColumns)
		for _, p := range pc.plans.smsIn {
			rows = append(rows, []string{p.source, strconv.Itoa(p.srcMin), strconv.Itoa(p.srcMax), p.dest, strconv.Itoa(p.dstMin),
				strconv.Itoa(p.dstMax), p.country, priceDecimal(p.price)})
		}
		return "sms_in_prices.csv.gz", rows
	}
	rows = append(rows, smsOutColumns)
	for _, p := range pc.plans.smsOut[pc.domain] {
		rows = append(rows, []string{p.source, p.dest, p.country, blankOrInt(p.mcc), p.mccName, blankOrInt(p.mnc), p.mncName,
			strconv.FormatBool(p.reject), priceDecimal(p.price)})
	}
	// The SMS OUT file's name is not documented (inference).
	return strings.ReplaceAll(pc.domain, "/", "_") + "_prices.csv.gz", rows
}

// outboundRow is one row of the outbound file: the current price (empty
// while none is in effect) and the scheduled change.
func outboundRow(p outboundPrice) []string {
	cur := outboundTerms{}
	if p.current != nil {
		cur = *p.current
	}
	row := []string{p.category, p.country, p.network, p.prefix, priceDecimal(cur.rate), priceDecimal(cur.fee),
		blankOrInt(cur.initial), blankOrInt(cur.recurring), strconv.FormatBool(p.reject), "", "", "", "", "", p.comment}
	if n := p.next; n != nil {
		row[9], row[10], row[11], row[12] = priceDecimal(n.rate), priceDecimal(n.fee), blankOrInt(n.initial), blankOrInt(n.recurring)
		row[13] = p.nextAt.UTC().Format(time.RFC3339)
	}
	return row
}

// priceFile is the gzip CSV file of the call's plan with its headers, the
// same to GET and HEAD. The OpenAPI 2026-10-22 draft of the Voice IN
// service (openapi/sources/voice_in.json) sends Last-Modified and no ETag,
// Cache-Control private, Vary Authorization (the file is the account's)
// and Accept-Ranges none; the other services are taken to serve their
// files alike (inference: their documents are not published).
func (pc *pricesCall) priceFile() *fileAnswer {
	name, rows := pc.priceRows()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	cw := csv.NewWriter(zw)
	_ = cw.WriteAll(rows) // writes into memory: no error but the writer's own
	_ = zw.Close()
	h := http.Header{}
	h.Set("Content-Type", "application/gzip")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(gz.Len()))
	h.Set("Last-Modified", pc.plans.modified.UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", "private")
	h.Set("Vary", "Authorization")
	h.Set("Accept-Ranges", "none")
	return &fileAnswer{header: h, body: gz.Bytes()}
}
