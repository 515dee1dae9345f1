package contract

import (
	"fmt"
	"strings"
)

// Findings collects the differences a test finds, by key, so that they can
// be compared with its table of known gaps. A key names one thing:
// "<type>.<section>.<name>", with "@<version>" appended for a version other
// than the default (see Key).
type Findings struct {
	Default string
	found   map[string][]string
	more    map[string]int // messages past maxMessages, by key
}

// maxMessages is how many messages a key keeps; the rest are counted.
const maxMessages = 3

// NewFindings returns an empty set for contract c.
func NewFindings(c *Contract) *Findings {
	return &Findings{Default: c.Default, found: map[string][]string{}, more: map[string]int{}}
}

// Key builds a finding key.
func (f *Findings) Key(typ, version, section, name string) string {
	k := typ + "." + section
	if name != "" {
		k += "." + name
	}
	if version != "" && version != f.Default {
		k += "@" + version
	}
	return k
}

// Add records a finding under key; several messages for one key are kept.
func (f *Findings) Add(key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, m := range f.found[key] {
		if m == msg {
			return
		}
	}
	if len(f.found[key]) == maxMessages {
		f.more[key]++
		return
	}
	f.found[key] = append(f.found[key], msg)
}

// Has reports whether key was found.
func (f *Findings) Has(key string) bool { return len(f.found[key]) > 0 }

// Reporter is the part of testing.TB that Compare uses.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// Unlisted prefixes a known-gap key for a difference the issue that owns the
// known gaps does not list; it matches the finding without the prefix.
const Unlisted = "unlisted:"

// Compare fails t for every finding that known does not list, and for every
// known gap that was not found (it has been fixed: the entry must go).
func (f *Findings) Compare(t Reporter, known map[string]string, fix string) {
	t.Helper()
	listed := map[string]bool{}
	for k := range known {
		listed[strings.TrimPrefix(k, Unlisted)] = true
	}
	for _, k := range Sorted(f.found) {
		if !listed[k] {
			msgs := f.found[k]
			if n := f.more[k]; n > 0 {
				msgs = append(msgs[:len(msgs):len(msgs)], fmt.Sprintf("... and %d more", n))
			}
			t.Errorf("contract mismatch %s:\n\t%s\n\t(%s)", k, strings.Join(msgs, "\n\t"), fix)
		}
	}
	for _, k := range Sorted(known) {
		if !f.Has(strings.TrimPrefix(k, Unlisted)) {
			t.Errorf("gap fixed: %s (%s) no longer occurs: remove it from knownGaps", k, known[k])
		}
	}
}

// Messages returns what was found under key.
func (f *Findings) Messages(key string) []string { return f.found[key] }
