package contract

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const versionsFile = `{"default": "2026-04-16", "versions": ["2026-04-16", "2026-11-19"],
	"authentication": {"2026-04-16": {"scheme": "api_key"}, "2026-11-19": {"scheme": "bearer"}}}`

func TestLoadDerivesLaterVersions(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"_versions.json": versionsFile,
		"kinds.json":     `{"type": "kinds", "versions": {"2026-04-16": {"attributes": {"name": {"type": "string"}}}}}`,
		"groups.json": `{"type": "groups", "versions": {
			"2026-04-16": {"attributes": {"prefix": {"type": "string"}},
				"relationships": {"kind": {"to": "one", "type": "kinds"}},
				"filters": {"kind.id": {"type": "string"}}, "includes": ["kind"], "sorts": ["prefix", "kind.name"]},
			"2026-11-19": {"based_on": "2026-04-16",
				"remove": {"relationships": ["kind"], "filters": ["kind.id"], "includes": ["kind"], "sorts": ["kind.name"]},
				"attributes": {"number_type": {"type": "string"}}}}}`,
	})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	old, cur := c.Resources["groups"].Shape("2026-04-16"), c.Resources["groups"].Shape("2026-11-19")
	if old.Relationships["kind"] == nil || !slices.Equal(old.Sorts, []string{"prefix", "kind.name"}) || old.Attributes["number_type"] != nil {
		t.Errorf("2026-04-16 changed by the later version: %+v", old)
	}
	if cur.Relationships["kind"] != nil || cur.Filters["kind.id"] != nil || len(cur.Includes) != 0 ||
		!slices.Equal(cur.Sorts, []string{"prefix"}) || cur.Attributes["prefix"] == nil || cur.Attributes["number_type"] == nil {
		t.Errorf("2026-11-19 = %+v", cur)
	}
	if c.Resources["kinds"].Shape("2026-11-19") != nil {
		t.Error("kinds has no 2026-11-19 entry, yet Shape returned one")
	}
	if got := c.UndocumentedIncludes("groups", "2026-04-16"); len(got) != 0 {
		t.Errorf("UndocumentedIncludes = %v (kinds has no relationships)", got)
	}
}

func TestLoadRefusesInconsistentFiles(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ file, want string }{
		"unknown member":   {`{"type": "groups", "versions": {"2026-04-16": {"atributes": {}}}}`, "atributes"},
		"bad include path": {`{"type": "groups", "versions": {"2026-04-16": {"includes": ["kind"]}}}`, "no relationship kind"},
		"unknown version":  {`{"type": "groups", "versions": {"2022-05-10": {}}}`, "not in _versions.json"},
		"bad field type":   {`{"type": "groups", "versions": {"2026-04-16": {"attributes": {"a": {"type": "text"}}}}}`, `type "text"`},
		"bad based_on":     {`{"type": "groups", "versions": {"2026-04-16": {"based_on": "2026-11-19"}}}`, "based_on"},
	}
	versions := map[string]string{
		"no scheme":        `{"default": "2026-04-16", "versions": ["2026-04-16"]}`,
		"unknown scheme":   `{"default": "2026-04-16", "versions": ["2026-04-16"], "authentication": {"2026-04-16": {"scheme": "basic"}}}`,
		"unlisted version": `{"default": "2026-04-16", "versions": ["2026-04-16"], "authentication": {"2026-04-16": {"scheme": "api_key"}, "2022-05-10": {"scheme": "api_key"}}}`,
	}
	for name, file := range versions {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(writeFiles(t, map[string]string{"_versions.json": file}))
			if err == nil || !strings.Contains(err.Error(), "authentication") {
				t.Errorf("Load: %v, want an error about authentication", err)
			}
		})
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(writeFiles(t, map[string]string{"_versions.json": versionsFile, "groups.json": tc.file}))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v, want an error naming %q", err, tc.want)
			}
		})
	}
}

func TestFindingsCompare(t *testing.T) {
	t.Parallel()
	f := &Findings{Default: "2026-04-16", found: map[string][]string{}, more: map[string]int{}}
	if k := f.Key("groups", "2026-11-19", "filters", "x"); k != "groups.filters.x@2026-11-19" {
		t.Errorf("Key = %q", k)
	}
	f.Add("groups.filters.x", "found %d", 1)
	f.Add("groups.sorts.y", "found")
	rec := &recorder{}
	f.Compare(rec, map[string]string{Unlisted + "groups.sorts.y": "not in the issue", "groups.meta.z": "item 4"}, "fix it")
	want := []string{"contract mismatch groups.filters.x", "gap fixed: groups.meta.z"}
	if len(rec.errs) != 2 || !strings.HasPrefix(rec.errs[0], want[0]) || !strings.HasPrefix(rec.errs[1], want[1]) {
		t.Errorf("Compare reported %q, want %q", rec.errs, want)
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, strings.TrimSpace(fmt.Sprintf(format, args...)))
}
