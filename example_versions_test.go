package didww_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// Under API version 2026-11-19 a DID group says its kind in NumberType,
// and DID groups are filtered by it; the did_group_type names of older
// versions are refused before anything is sent.
func ExampleDIDGroupListOptions_numberType() {
	// An in-memory account upgraded to 2026-11-19; its client mints tokens.
	srv := didwwtest.NewServer(didwwtest.WithDefaultAccount(didwwtest.APIVersion(didww.APIVersion20261119)))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	page, err := client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{
		CountryID:  didwwtest.CountryUSID,
		NumberType: []didww.NumberType{didww.NumberTypeTollFree},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range page.Items {
		fmt.Println(g.Prefix, g.AreaName, g.NumberType)
	}

	_, err = client.DIDGroups.List(ctx, &didww.DIDGroupListOptions{Include: []string{"did_group_type"}})
	fmt.Println(errors.Is(err, didww.ErrInvalidRequest))
	// Output:
	// 800 Toll-free toll_free
	// true
}
