package jsonapi

import (
	"reflect"
	"testing"
)

type describedRegion struct {
	ID   string `didww:"primary,regions|provinces"`
	Name string `didww:"attr,name"`
}

type describedCountry struct {
	ID      string             `didww:"primary,countries"`
	ISO     string             `didww:"attr,iso|iso_code"`
	Count   *int               `didww:"meta,total_count"`
	Capital *describedRegion   `didww:"rel,capital"`
	Regions []*describedRegion `didww:"rel,regions|provinces"`
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	d, err := Describe(reflect.TypeFor[describedCountry]())
	if err != nil {
		t.Fatal(err)
	}
	if d.ResType != "countries" || len(d.AltTypes) != 0 {
		t.Errorf("type %q alt %v", d.ResType, d.AltTypes)
	}
	names := func(ms []Member) map[string][]string {
		out := map[string][]string{}
		for _, m := range ms {
			out[m.Field.Name] = m.Names
		}
		return out
	}
	if got := names(d.Attrs); !reflect.DeepEqual(got, map[string][]string{"ISO": {"iso", "iso_code"}}) {
		t.Errorf("attrs %v", got)
	}
	if got := names(d.Metas); !reflect.DeepEqual(got, map[string][]string{"Count": {"total_count"}}) {
		t.Errorf("meta %v", got)
	}
	if len(d.Rels) != 2 || d.Rels[0].ToMany || !d.Rels[1].ToMany || d.Rels[1].Elem != reflect.TypeFor[describedRegion]() ||
		!reflect.DeepEqual(d.Rels[1].Names, []string{"regions", "provinces"}) {
		t.Errorf("rels %+v", d.Rels)
	}
	r, err := Describe(reflect.TypeFor[describedRegion]())
	if err != nil {
		t.Fatal(err)
	}
	if got := names(r.Attrs); !reflect.DeepEqual(got, map[string][]string{"Name": {"name"}}) || !reflect.DeepEqual(r.AltTypes, []string{"provinces"}) {
		t.Errorf("region attrs %v alt %v", got, r.AltTypes)
	}
	if _, err := Describe(reflect.TypeFor[int]()); err == nil {
		t.Error("Describe(int): no error")
	}
}
