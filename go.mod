module github.com/didww-go/didww

go 1.23

require github.com/google/jsonapi v1.0.0

require (
	github.com/jarcoal/httpmock v1.4.2 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
