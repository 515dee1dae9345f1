package didww_test

import (
	"context"
	"fmt"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// An http_out trunk takes the outbound SMS an application submits: DIDWW
// generates its credentials, and Host is where messages are submitted.
// RegenerateCredentials rotates them and reads the trunk back.
func ExampleSMSTrunksService_Create() {
	// An in-memory account upgraded to 2026-11-19, the first version with SMS trunks.
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	trunk, err := client.SMSTrunks.Create(ctx, &didww.SMSTrunkCreateRequest{
		Name:                "Notifications",
		AllowAnyDIDAsSource: true,
		Configuration:       &didww.HTTPOutConfiguration{CallbackURL: "https://example.com/sms/status"},
	})
	if err != nil {
		log.Fatal(err)
	}
	user, password, _ := trunk.Credentials()
	fmt.Println(trunk.Type(), trunk.AllowOut, *trunk.Host)
	fmt.Println(user != "", password) // the password never prints; Reveal returns it

	rotated, err := client.SMSTrunks.RegenerateCredentials(ctx, trunk.ID)
	if err != nil {
		log.Fatal(err)
	}
	_, newPassword, _ := rotated.Credentials()
	fmt.Println(newPassword.Reveal() != password.Reveal())
	// Output:
	// http_out true https://sms-out.didww.com/outbound_messages
	// true [redacted]
	// true
}

// An inbound trunk forwards the SMS of the DIDs routed to it; its
// configuration says how. Switch on the type to read it.
func ExampleSMSTrunkConfiguration() {
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for _, cfg := range []didww.SMSTrunkConfiguration{
		&didww.SMSToEmailConfiguration{SendTo: "support@example.com", Subject: "SMS from {SMS_SRC_ADDR}", Message: "{SMS_TEXT}"},
		&didww.HTTPInConfiguration{URL: "https://example.com/sms", HTTPMethod: didww.HTTPMethodPost,
			BodyType: didww.HTTPBodyJSON, Body: `{"from":"{SMS_SRC_ADDR}","text":"{SMS_TEXT}"}`},
	} {
		if _, err := client.SMSTrunks.Create(ctx, &didww.SMSTrunkCreateRequest{Name: string(cfg.SMSTrunkType()), Configuration: cfg}); err != nil {
			log.Fatal(err)
		}
	}
	page, err := client.SMSTrunks.List(ctx, &didww.SMSTrunkListOptions{Sort: []string{"name"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range page.Items {
		switch cfg := t.Configuration.(type) {
		case *didww.SMSToEmailConfiguration:
			fmt.Println(t.Name, "emails", cfg.SendTo, "priority", *t.Priority)
		case *didww.HTTPInConfiguration:
			fmt.Println(t.Name, cfg.HTTPMethod, cfg.URL, "priority", *t.Priority)
		}
	}
	// Output:
	// http_in post https://example.com/sms priority 100
	// sms_to_email emails support@example.com priority 100
}
