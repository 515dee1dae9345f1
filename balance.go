package didww

import "context"

// BalanceService reads the account's money: GET /balance, a singleton.
type BalanceService service

// Balance is what the account can spend. Amounts are exact decimals in the
// account's currency.
type Balance struct {
	ID string `didww:"primary,balances"`
	// TotalBalance is what can be spent: Balance plus Credit.
	TotalBalance Decimal `didww:"attr,total_balance,required"`
	// Credit is the credit line on top of the prepaid funds.
	Credit Decimal `didww:"attr,credit,required"`
	// Balance is the prepaid funds.
	Balance Decimal `didww:"attr,balance,required"`
}

// Get returns the account's balance. Orders are charged when placed, so a
// purchase shows here at once.
func (s *BalanceService) Get(ctx context.Context) (*Balance, error) {
	b, _, err := getOne[Balance](ctx, s.client, "/balance", nil)
	return b, err
}
