package didwwtest

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"time"
)

// Columns of the export CSV files of 2026-04-16 (API_REFERENCE §18.3); an
// export keeps the columns of the version it was created with, and the
// 2026-11-19 ones are not documented, so every export has these.
var (
	cdrInColumns = []string{"Date/Time Start (UTC)", "Date/Time Connect (UTC)", "Date/Time End (UTC)", "Status",
		"Source", "Source Name", "Destination DID", "Duration (sec)", "Attempt", "Disconnect Code", "Response",
		"Disconnect Initiator", "Voice IN Trunk", "Destination", "Trunk Group", "Capacity Group", "Toll-free (USD)",
		"PSTN (USD)", "Metered (USD)", "CNAM IN (USD)", "Total (USD)", "Call ID"}
	cdrOutColumns = []string{"Date/Time Start (UTC)", "Date/Time Connect (UTC)", "Date/Time End (UTC)", "Status",
		"Source", "CLI", "Destination Number", "Call Duration (sec)", "Billing Duration (sec)", "Disconnect Code",
		"Disconnect Reason", "Voice OUT Trunk", "Destination Country", "Network", "Call Type", "Rate (USD)",
		"Charged (USD)"}
)

// callOffsets are when the calls of the account's records happen: an
// inbound call to each DID this long after the DID was created, an
// outbound call through each voice-out trunk (the first two offsets) after
// the trunk was created. An account without DIDs (or trunks) has sample
// calls instead, at the same offsets after the export's from. A call is in
// an export when it started within [from, to) and before the export
// completed.
var callOffsets = []time.Duration{10 * time.Minute, time.Hour, 3 * time.Hour}

// cdr is one generated call, the same for every export that covers it.
type cdr struct {
	start           time.Time
	n               int // the call's index among its owner's calls
	answered        bool
	duration        int
	number, trunkID string // the DID number and its routing, or the voice-out trunk
	key             string // what the call id derives from
}

// exportRows returns the header and the rows of x as of now.
func (s *Server) exportRows(a *account, x *export, now time.Time) [][]string {
	header := cdrInColumns
	if x.exportType != "cdr_in" {
		header = cdrOutColumns
	}
	rows := [][]string{slices.Clone(header)}
	for _, r := range s.callsOf(a, x) {
		if r.start.Before(x.from) || !r.start.Before(x.to) || r.start.After(now) {
			continue
		}
		if x.exportType == "cdr_in" {
			rows = append(rows, s.cdrInRow(a, r))
		} else {
			rows = append(rows, cdrOutRow(a, r))
		}
	}
	return rows
}

// callsOf lists the calls x may hold, by start, filtered by x's keys.
func (s *Server) callsOf(a *account, x *export) []cdr {
	var out []cdr
	add := func(base time.Time, offsets []time.Duration, number, trunkID, key string) {
		for i, off := range offsets {
			out = append(out, cdr{start: base.Add(off).UTC().Truncate(time.Second), n: i, answered: i != 1,
				duration: 42 + 37*i, number: number, trunkID: trunkID, key: fmt.Sprintf("%s/%d", key, i)})
		}
	}
	switch x.exportType {
	case "cdr_in":
		for _, d := range a.own.dids {
			if want, ok := x.filters["did_number"].(string); !ok || want == d.number {
				add(d.createdAt, callOffsets, d.number, d.id, "cdr_in/"+d.id)
			}
		}
		if len(a.own.dids) == 0 {
			add(x.from, callOffsets, "15550100000", "", "cdr_in/sample/"+x.id)
		}
	case "cdr_out":
		for _, t := range a.more.outTrunks {
			if want, ok := x.filters["voice_out_trunk.id"].(string); !ok || want == t.id {
				add(t.createdAt, callOffsets[:2], "", t.id, "cdr_out/"+t.id)
			}
		}
		if len(a.more.outTrunks) == 0 {
			add(x.from, callOffsets, "", "", "cdr_out/sample/"+x.id)
		}
	}
	slices.SortStableFunc(out, func(p, q cdr) int { return p.start.Compare(q.start) })
	return out
}

func csvTime(t time.Time) string { return t.UTC().Format(time.DateTime) }

// money writes an amount of USD with four decimals.
func money(r *big.Rat) string { return r.FloatString(4) }

// times returns the start, connect and end columns and the billed seconds.
func (r cdr) times() (start, connect, end string, billed int) {
	if !r.answered {
		return csvTime(r.start), "", csvTime(r.start.Add(8 * time.Second)), 0
	}
	c := r.start.Add(4 * time.Second)
	return csvTime(r.start), csvTime(c), csvTime(c.Add(time.Duration(r.duration) * time.Second)), r.duration
}

func (s *Server) cdrInRow(a *account, r cdr) []string {
	start, connect, end, billed := r.times()
	status, code, response, initiator := "Success", "200", "200 OK", "Caller"
	if !r.answered {
		status, code, response, initiator = "Failed", "486", "486 Busy Here", "Callee"
	}
	var trunkName, dest, groupName, sharedName string
	if d := findIn(a.own.dids, (*ownedDID).key, r.trunkID); d != nil {
		if t := a.own.trunk(d.trunkID); t != nil {
			trunkName = t.name
			dest, _ = t.cfg["host"].(string)
			if t.cfgType == "pstn_configurations" {
				dest, _ = t.cfg["dst"].(string)
			}
		}
		if g := a.own.group(d.trunkGroupID); g != nil {
			groupName = g.name
		}
		if g := a.own.sharedGroup(d.sharedID); g != nil {
			sharedName = g.name
		}
	}
	metered := big.NewRat(int64((billed+59)/60), 100) // 0.01 a started minute
	zero := new(big.Rat)
	return []string{start, connect, end, status, "1555020" + fmt.Sprintf("%04d", 1000+r.n), "Caller " + strconv.Itoa(r.n+1),
		r.number, strconv.Itoa(billed), "1", code, response, initiator, trunkName, dest, groupName, sharedName,
		money(zero), money(zero), money(metered), money(zero), money(metered), uid("call/" + r.key)}
}

func cdrOutRow(a *account, r cdr) []string {
	start, connect, end, billed := r.times()
	status, code, reason := "Success", "200", "Normal call clearing"
	if !r.answered {
		status, code, reason = "Failed", "486", "User busy"
	}
	var trunkName, cli string
	if t := a.more.outTrunk(r.trunkID); t != nil {
		trunkName = t.name
	}
	if len(a.own.dids) > 0 {
		cli = a.own.dids[0].number
	}
	rate := big.NewRat(2, 100) // 0.02 a minute
	charged := new(big.Rat).Mul(rate, big.NewRat(int64((billed+59)/60), 1))
	return []string{start, connect, end, status, "pbx", cli, "4930901820" + strconv.Itoa(r.n), strconv.Itoa(billed),
		strconv.Itoa(billed), code, reason, trunkName, "Germany", "Germany Fixed", "Fixed", money(rate), money(charged)}
}
