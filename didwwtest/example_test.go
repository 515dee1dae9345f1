package didwwtest_test

import (
	"context"
	"fmt"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

func ExampleNewServer() {
	srv := didwwtest.NewServer(didwwtest.WithBalance("25.00"))
	defer srv.Close()

	client := srv.Client()
	page, err := client.Countries.List(context.Background(), &didww.CountryListOptions{ISO: "US"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Items[0].Name, page.Items[0].ID)
	fmt.Println("balance", srv.Balance(srv.APIKey))
	// Output:
	// United States 1f6fc2bd-f081-4202-9b1a-d9cb88d942b9
	// balance 25.00
}
