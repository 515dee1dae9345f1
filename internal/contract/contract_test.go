package contract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
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
	require.NoError(t, err)
	old, cur := c.Resources["groups"].Shape("2026-04-16"), c.Resources["groups"].Shape("2026-11-19")
	if assert.NotNil(t, old.Relationships["kind"], "2026-04-16 changed by the later version: %+v", old) {
		assert.Equal(t, []string{"prefix", "kind.name"}, old.Sorts, "2026-04-16 changed by the later version: %+v", old)
		assert.Nil(t, old.Attributes["number_type"], "2026-04-16 changed by the later version: %+v", old)
	}
	assert.Nil(t, cur.Relationships["kind"], "2026-11-19 = %+v", cur)
	assert.Nil(t, cur.Filters["kind.id"], "2026-11-19 = %+v", cur)
	assert.Empty(t, cur.Includes, "2026-11-19 = %+v", cur)
	assert.Equal(t, []string{"prefix"}, cur.Sorts, "2026-11-19 = %+v", cur)
	if assert.NotNil(t, cur.Attributes["prefix"], "2026-11-19 = %+v", cur) {
		assert.NotNil(t, cur.Attributes["number_type"], "2026-11-19 = %+v", cur)
	}
	assert.Nil(t, c.Resources["kinds"].Shape("2026-11-19"), "kinds has no 2026-11-19 entry, yet Shape returned one")
	got := c.UndocumentedIncludes("groups", "2026-04-16")
	assert.Empty(t, got, "UndocumentedIncludes = %v (kinds has no relationships)", got)
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
			if assert.Error(t, err, "Load: %v, want an error about authentication", err) {
				assert.Contains(t, err.Error(), "authentication", "Load: %v, want an error about authentication", err)
			}
		})
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(writeFiles(t, map[string]string{"_versions.json": versionsFile, "groups.json": tc.file}))
			if assert.Error(t, err, "Load: %v, want an error naming %q", err, tc.want) {
				assert.Contains(t, err.Error(), tc.want, "Load: %v, want an error naming %q", err, tc.want)
			}
		})
	}
}

func TestFindingsCompare(t *testing.T) {
	t.Parallel()
	f := &Findings{Default: "2026-04-16", found: map[string][]string{}, more: map[string]int{}}
	assert.Equal(t, "groups.filters.x@2026-11-19", f.Key("groups", "2026-11-19", "filters", "x"), "Key")
	f.Add("groups.filters.x", "found %d", 1)
	f.Add("groups.sorts.y", "found")
	rec := &recorder{}
	f.Compare(rec, map[string]string{Unlisted + "groups.sorts.y": "not in the issue", "groups.meta.z": "item 4"}, "fix it")
	want := []string{"contract mismatch groups.filters.x", "gap fixed: groups.meta.z"}
	if assert.Len(t, rec.errs, 2, "Compare reported %q, want %q", rec.errs, want) {
		assert.True(t, strings.HasPrefix(rec.errs[0], want[0]), "Compare reported %q, want %q", rec.errs, want)
		assert.True(t, strings.HasPrefix(rec.errs[1], want[1]), "Compare reported %q, want %q", rec.errs, want)
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, strings.TrimSpace(fmt.Sprintf(format, args...)))
}
