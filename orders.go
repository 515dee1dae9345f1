package didww

// OrdersService is a placeholder until its resource is written.
type OrdersService service
