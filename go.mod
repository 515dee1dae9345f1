module github.com/didww-go/didww

go 1.24

require (
	github.com/davecgh/go-spew v1.1.1
	github.com/google/jsonapi v1.0.0
	github.com/jarcoal/httpmock v1.4.2
	github.com/stretchr/testify v1.12.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
