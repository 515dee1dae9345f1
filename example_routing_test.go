package didww_test

import (
	"context"
	"fmt"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Create a SIP trunk pinned to a point of presence, read its configuration
// back, and change it: a configuration is sent whole, so the one read is
// changed and sent back.
func ExampleVoiceInTrunksService_Create() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	trunk, err := client.VoiceInTrunks.Create(ctx, &didww.VoiceInTrunkCreateRequest{
		Name:  "Office PBX",
		PopID: didwwtest.PopNewYorkID, // an id from client.Pops.List
		Configuration: &didww.SIPConfiguration{
			Host:              "pbx.example.com",
			Port:              didww.Int(5061),
			Username:          "{CALL_DID}", // the DID called, in the request URI
			TransportProtocol: didww.TransportTLS,
			Codecs:            []didww.Codec{didww.CodecPCMA, didww.CodecPCMU},
			AuthEnabled:       true,
			AuthUser:          "office",
			AuthPassword:      didww.NewSecret("s3cret-from-your-vault"),
			SSTAccept501:      true, // booleans are sent as set: keep the API's default here
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	sip := trunk.Configuration.(*didww.SIPConfiguration)
	fmt.Println(trunk.Name, "->", sip.Host, *sip.Port, sip.TransportProtocol, sip.Codecs)
	fmt.Printf("password: %v\n", sip.AuthPassword) // secrets never print

	sip.Port = nil // the default port
	trunk, err = client.VoiceInTrunks.Update(ctx, trunk.ID, &didww.VoiceInTrunkUpdateRequest{
		Configuration: sip,
		PopID:         didww.Null[string](), // unpin
		CapacityLimit: didww.Value(10),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("port:", trunk.Configuration.(*didww.SIPConfiguration).Port, "limit:", *trunk.CapacityLimit)
	// Output:
	// Office PBX -> pbx.example.com 5061 TLS [PCMA PCMU]
	// password: [redacted]
	// port: <nil> limit: 10
}

// Put two trunks in a group: calls try the lower priority first. The list
// of trunks replaces the group's membership.
func ExampleVoiceInTrunkGroupsService_Create() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	var trunkIDs []string
	for i, number := range []string{"442012345678", "442087654321"} {
		t, err := client.VoiceInTrunks.Create(ctx, &didww.VoiceInTrunkCreateRequest{
			Name:          fmt.Sprintf("mobile %d", i+1),
			Priority:      didww.Int(i + 1),
			Configuration: &didww.PSTNConfiguration{Dst: number},
		})
		if err != nil {
			log.Fatal(err)
		}
		trunkIDs = append(trunkIDs, t.ID)
	}
	group, err := client.VoiceInTrunkGroups.Create(ctx, &didww.VoiceInTrunkGroupCreateRequest{
		Name:            "On call",
		VoiceInTrunkIDs: trunkIDs,
	})
	if err != nil {
		log.Fatal(err)
	}
	group, err = client.VoiceInTrunkGroups.Get(ctx, group.ID, &didww.GetOptions{Include: []string{"voice_in_trunks"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.Name, "has", group.TrunksCount, "trunks")
	for _, t := range group.VoiceInTrunks {
		fmt.Println(t.Priority, t.Name, "->", t.Configuration.(*didww.PSTNConfiguration).Dst)
	}
	// Output:
	// On call has 2 trunks
	// 1 mobile 1 -> 442012345678
	// 2 mobile 2 -> 442087654321
}

// Buy channels for a capacity pool, then share some of them among a set
// of DIDs with a shared capacity group.
func ExampleSharedCapacityGroupsService_Create() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	pools, err := client.CapacityPools.List(ctx, &didww.CapacityPoolListOptions{Include: []string{"qty_based_pricings"}})
	if err != nil {
		log.Fatal(err)
	}
	pool := pools.Items[0]
	fmt.Println(pool.Name, "pool, per channel:", pool.MonthlyPrice, "a month")
	for _, q := range pool.QtyBasedPricings {
		fmt.Println("  from", q.Qty, "channels:", q.MonthlyPrice)
	}

	_, err = client.Orders.Create(ctx, &didww.OrderCreateRequest{
		Items: []didww.OrderItemRequest{didww.CapacityOrderItem{CapacityPoolID: pool.ID, Qty: 10}},
	})
	if err != nil {
		log.Fatal(err)
	}
	group, err := client.SharedCapacityGroups.Create(ctx, &didww.SharedCapacityGroupCreateRequest{
		Name:                 "Sales",
		CapacityPoolID:       pool.ID,
		SharedChannelsCount:  4,
		MeteredChannelsCount: didww.Int(2), // overflow calls, billed per minute
	})
	if err != nil {
		log.Fatal(err)
	}
	pool, err = client.CapacityPools.Get(ctx, pool.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.Name, "shares", group.SharedChannelsCount, "channels")
	fmt.Println("pool:", pool.AssignedChannelsCount, "of", pool.TotalChannelsCount, "assigned")
	// Output:
	// Standard pool, per channel: 2.5 a month
	//   from 10 channels: 2.25
	//   from 50 channels: 2.0
	// Sales shares 4 channels
	// pool: 4 of 10 assigned
}

// List the points of presence a trunk can be pinned to. The list is not
// paginated: it comes in one page.
func ExamplePopsService_List() {
	srv := didwwtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	pops, err := client.Pops.List(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range pops.Items {
		fmt.Println(p.Name)
	}
	// Output:
	// New York, NY, USA
	// Frankfurt, Germany
	// Los Angeles, CA, USA
	// London, United Kingdom
}
