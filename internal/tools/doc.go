// Package tools pins the versions of the linters CI runs, in a module of
// its own so that the library's go.mod and its users never depend on them.
//
//	cd internal/tools && go build -o ../../.bin/staticcheck honnef.co/go/tools/cmd/staticcheck
package tools
