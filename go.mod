module github.com/didww-go/didww

go 1.23

require github.com/google/jsonapi v1.0.0
