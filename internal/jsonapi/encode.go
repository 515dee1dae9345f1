package jsonapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	gjsonapi "github.com/google/jsonapi"
)

// MarshalDocument writes a request document of one resource with
// google/jsonapi: model is a pointer to a struct with google/jsonapi's
// `jsonapi` tags (primary, attr[,omitempty], relation). An empty primary id
// is left out, as a create needs; relationships are written as {type, id}
// linkage and the related resources are never sent (no "included"). HTML is
// not escaped, so that URLs with & travel as written.
func MarshalDocument(model any) ([]byte, error) {
	payload, err := gjsonapi.Marshal(model)
	if err != nil {
		return nil, fmt.Errorf("request document: %w", err)
	}
	one, ok := payload.(*gjsonapi.OnePayload)
	if !ok || one.Data == nil {
		return nil, errors.New("request document: want one resource")
	}
	one.Included = nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(one); err != nil {
		return nil, fmt.Errorf("request document: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
