package didww

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/davecgh/go-spew/spew"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// leakVerbs are every fmt verb, with the flags that change how values print.
var leakVerbs = []string{
	"%v", "%+v", "%#v", "%T", "%s", "%q", "%#q", "%+q", "%x", "%X", "% x", "%#x", "%d", "%t", "%e", "%E",
	"%f", "%g", "%G", "%b", "%o", "%O", "%c", "%U", "%p", "%w", "%10.3s", "%-20v",
}

// leakForms are the ways a secret could be spelled out: as written, in hex,
// and quoted.
func leakForms(secret string) []string {
	return []string{secret, hex.EncodeToString([]byte(secret)), strings.ToUpper(hex.EncodeToString([]byte(secret))),
		fmt.Sprintf("% x", secret), secret[len(secret)/2:]}
}

// assertNoSecret fails when out holds any spelling of any of the secrets.
func assertNoSecret(t *testing.T, what, out string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, form := range leakForms(s) {
			assert.NotContains(t, out, form, "%s shows the secret (as %q): %s", what, form, out)
		}
	}
}

// captureT is a testify TestingT that keeps the failure messages.
type captureT struct {
	mu   sync.Mutex
	msgs []string
}

func (c *captureT) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, fmt.Sprintf(format, args...))
}

func (c *captureT) output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.msgs, "\n")
}

// leakSubjects are a client in every shape a caller could hand to a printer.
func leakSubjects(c *Client) map[string]any {
	type holder struct {
		Name   string
		Client Client
		Ptr    *Client
		hidden Client
	}
	pc := &c
	return map[string]any{
		"c":                 c,
		"*c":                *c,
		"**c":               pc,
		"[]Client":          []Client{*c},
		"[]*Client":         []*Client{c},
		"[1]Client":         [1]Client{*c},
		"map[string]Client": map[string]Client{"a": *c},
		"map[Client]-like":  map[string]*Client{"a": c},
		"struct":            holder{Name: "x", Client: *c, Ptr: c, hidden: *c},
		"*struct":           &holder{Client: *c},
		"any slice":         []any{*c, c, &c},
		"config":            c.cfg,
		"*config":           *c.cfg,
		"credential":        c.cfg.apiKey,
		"tokens":            c.tokens,
	}
}

func TestClientValueFormattingHidesKey(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t)
	for name, v := range leakSubjects(c) {
		for _, verb := range leakVerbs {
			assertNoSecret(t, verb+" of "+name, fmt.Sprintf(verb, v), testKey)
		}
		assertNoSecret(t, "Sprint of "+name, fmt.Sprint(v), testKey)
		assertNoSecret(t, "Sprintln of "+name, fmt.Sprintln(v, v), testKey)
		assertNoSecret(t, "Errorf of "+name, fmt.Errorf("wrapped: %v", v).Error(), testKey)
		b, _ := json.Marshal(v)
		assertNoSecret(t, "json of "+name, string(b), testKey)
	}
	// The request still carries the key: it is hidden, not lost.
	assert.Equal(t, testKey, c.cfg.apiKey.reveal())
}

func TestClientSpewHidesKey(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t)
	configs := map[string]*spew.ConfigState{
		"default": spew.NewDefaultConfig(),
		// testify's own settings for failure diffs: methods off, so no String or Format helps.
		"testify":  {Indent: " ", DisablePointerAddresses: true, DisableCapacities: true, SortKeys: true, DisableMethods: true, MaxDepth: 10},
		"no-limit": {DisableMethods: true, DisablePointerMethods: true, ContinueOnMethod: true},
	}
	for cname, cfg := range configs {
		for name, v := range leakSubjects(c) {
			assertNoSecret(t, cname+" Sdump of "+name, cfg.Sdump(v), testKey)
			for _, verb := range []string{"%v", "%+v", "%#v", "%#+v"} {
				assertNoSecret(t, cname+" spew "+verb+" of "+name, cfg.Sprintf(verb, v), testKey)
			}
		}
	}
	assertNoSecret(t, "spew.Sdump", spew.Sdump(c, *c, []Client{*c}), testKey)
}

func TestClientTestifyFailureHidesKey(t *testing.T) {
	t.Parallel()
	const otherKey = "other-key-9876543210"
	a, _ := newTestClient(t)
	b, _ := newTestClient(t)
	b.cfg.apiKey = newCredential(otherKey)
	b.cfg.apiVersion = "2022-05-10" // some visible difference for the diff

	ct := &captureT{}
	assert.Equal(ct, *a, *b)
	assert.Equal(ct, a, b)
	assert.Equal(ct, []Client{*a}, []Client{*b})
	assert.Equal(ct, map[string]Client{"k": *a}, map[string]Client{"k": *b})
	assert.Equal(ct, struct{ C Client }{*a}, struct{ C Client }{*b})
	assert.EqualValues(ct, *a, *b)
	assert.Exactly(ct, *a, *b)
	assert.Nil(ct, *a)
	assert.Empty(ct, *b)
	assert.Contains(ct, []Client{*a}, *b)
	out := ct.output()
	require.NotEmpty(t, out, "every assertion above fails")
	assert.Contains(t, out, "Diff:", "the diff, where spew dumps values, is part of the output")
	assertNoSecret(t, "testify failure output", out, testKey, otherKey)
}

// A later secret (a bearer token, say) is one more credential field: the
// credential itself prints nothing of what it holds, alone or inside a struct.
func TestCredentialHidesSecret(t *testing.T) {
	t.Parallel()
	const token = "bearer-token-abcdef0123"
	cred := newCredential(token)
	holder := struct {
		Token credential
		inner struct{ token credential }
	}{Token: cred}
	holder.inner.token = cred
	for _, v := range []any{cred, &cred, holder, &holder, []credential{cred}, map[string]credential{"t": cred}} {
		for _, verb := range leakVerbs {
			assertNoSecret(t, verb, fmt.Sprintf(verb, v), token)
		}
		assertNoSecret(t, "spew", spew.Sdump(v), token)
		assertNoSecret(t, "spew, methods off", (&spew.ConfigState{DisableMethods: true}).Sdump(v), token)
	}
	ct := &captureT{}
	assert.Equal(ct, holder, struct {
		Token credential
		inner struct{ token credential }
	}{})
	assertNoSecret(t, "testify", ct.output(), token)
	assert.Equal(t, token, cred.reveal())
	var none credential
	assert.Empty(t, none.reveal(), "an unset credential reveals nothing and does not panic")
}

const leakToken = "minted-token-fedcba9876"

// tokenHoldingClients are 2026-11-19 clients after a call: one holding the
// token it minted, one whose TokenSource keeps a Token in plain fields.
func tokenHoldingClients(t *testing.T) map[string]*Client {
	t.Helper()
	minted, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenURL("https://auth.test/token"))
	mt.RegisterResponder("POST", "https://auth.test/token",
		httpmock.NewStringResponder(200, `{"access_token":"`+leakToken+`","expires_in":3600}`))
	mt.RegisterResponder("GET", testBaseURL+"/countries", jsonAPI(200, []byte(`{"data":[]}`)))
	sourced, mt2 := newTestClient(t, WithAPIVersion(APIVersion20261119),
		WithTokenSource(&staticSource{tok: &Token{AccessToken: leakToken}}))
	mt2.RegisterResponder("GET", testBaseURL+"/countries", jsonAPI(200, []byte(`{"data":[]}`)))
	clients := map[string]*Client{"minted": minted, "sourced": sourced}
	for name, c := range clients {
		_, err := c.Countries.List(t.Context(), nil)
		require.NoError(t, err, name)
		tok, _, err := c.tokens.get(t.Context())
		require.NoError(t, err)
		require.Equal(t, leakToken, tok.reveal(), "%s: the client holds the token", name)
	}
	return clients
}

func TestClientHoldingTokenHidesIt(t *testing.T) {
	t.Parallel()
	spews := map[string]*spew.ConfigState{
		"default":     spew.NewDefaultConfig(),
		"methods off": {DisableMethods: true, DisablePointerMethods: true, ContinueOnMethod: true},
	}
	for cname, c := range tokenHoldingClients(t) {
		for name, v := range leakSubjects(c) {
			what := cname + " " + name
			for _, verb := range leakVerbs {
				assertNoSecret(t, verb+" of "+what, fmt.Sprintf(verb, v), leakToken, testKey)
			}
			assertNoSecret(t, "Errorf of "+what, fmt.Errorf("wrapped: %v", v).Error(), leakToken, testKey)
			b, _ := json.Marshal(v)
			assertNoSecret(t, "json of "+what, string(b), leakToken, testKey)
			for sname, cfg := range spews {
				assertNoSecret(t, sname+" Sdump of "+what, cfg.Sdump(v), leakToken, testKey)
			}
		}
	}
}

func TestClientHoldingTokenTestifyFailureHidesIt(t *testing.T) {
	t.Parallel()
	clients := tokenHoldingClients(t)
	a, b := clients["minted"], clients["sourced"]
	ct := &captureT{}
	assert.Equal(ct, *a, *b)
	assert.Equal(ct, a, b)
	assert.Equal(ct, []Client{*a}, []Client{*b})
	assert.Nil(ct, a)
	out := ct.output()
	require.Contains(t, out, "Diff:")
	assertNoSecret(t, "testify failure output", out, leakToken, testKey)
}
