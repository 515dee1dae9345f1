package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Prices is one file of testdata/contract/prices (its README.md): a shape
// of DIDWW's prices services, which live on hosts of their own.
type Prices struct {
	Service, Type, Sources, Notes string
	Hosts                         struct{ Production, Sandbox string }
	Domains                       []string
	Versions                      map[string]*PricesShape
}

// PricesShape is a prices service under one version.
type PricesShape struct {
	Gone   string
	Lookup *struct {
		Path    string
		Filters map[string]struct {
			Type     string
			Required bool
		}
		OneOfRequired []string `json:"one_of_required"`
		Refused       []string
		Errors        map[string]struct {
			Status int
			Code   string
		}
		Samples []string
	}
	File *struct {
		Path    string
		Methods []string
		Name    string
		Columns []string
	}
	Attributes map[string]*Field
}

// LoadPrices reads every file of the prices contract in dir, strictly: an
// unknown member is an error, and each file's name is its service.
func LoadPrices(dir string) (map[string]*Prices, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	out := map[string]*Prices{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var p Prices
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if name := strings.TrimSuffix(filepath.Base(f), ".json"); p.Service != name || p.Type != "prices" {
			return nil, fmt.Errorf("%s: service %q and type %q, want %q and prices", f, p.Service, p.Type, name)
		}
		out[p.Service] = &p
	}
	return out, nil
}
