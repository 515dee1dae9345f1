package didww_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// The prices services answer what the account's plans charge: here what a
// call to a German number costs, the change already scheduled for it, and
// the SMS OUT domain the account has no plan in.
func ExampleOutboundCallPricesService_Lookup() {
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	prices, err := client.OutboundCallPrices.Lookup(ctx, &didww.OutboundCallPriceQuery{Number: "493012345678"})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range prices {
		fmt.Printf("%s %s: %s/min", p.Category, p.Prefix, p.Rate)
		if p.NextRate != nil {
			fmt.Printf(", %s/min from %s", p.NextRate, p.EffectiveAt.Format("2006-01-02"))
		}
		fmt.Println()
	}

	_, err = client.SMSPrices.Lookup(ctx, didww.SMSOutOTP, &didww.SMSPriceQuery{DstCountryISO: "DE"})
	fmt.Println(errors.Is(err, didww.ErrPricePlanNotAssigned))
	// Output:
	// International 4930: 0.0042/min, 0.0039/min from 2027-01-01
	// Origin based 49: 0.03/min
	// true
}

// A price file is checked for freshness with Stat, then streamed: Download
// writes the decompressed CSV as it arrives.
func ExampleInboundCallPricesService_Download() {
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	info, err := client.InboundCallPrices.Stat(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Name, info.LastModified.Format("2006-01-02"))

	r, w := io.Pipe()
	go func() { w.CloseWithError(client.InboundCallPrices.Download(ctx, w)) }()
	lines := bufio.NewScanner(r)
	lines.Scan()
	fmt.Println(lines.Text())
	_, _ = io.Copy(io.Discard, r)
	// Output:
	// voice_in_prices.csv.gz 2026-11-19
	// Country,Src country name,Source type,Destination,Rate,Connection fee,Initial interval,Next interval,Reject calls
}
