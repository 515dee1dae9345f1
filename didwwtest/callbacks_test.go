package didwwtest

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sdkVectors are the callback signatures every official DIDWW SDK tests
// with: key, URL requested, payload, signature.
var sdkVectors = []struct {
	name, method, key, callbackURL, url string
	payload                             url.Values
	signature                           string
}{
	{
		name: "GET, address verification", method: "GET", key: "SOMEAPIKEY",
		callbackURL: "http://example.com/callback.php",
		url:         "http://example.com/callback.php?id=7ae7c48f-d48a-499f-9dc1-c9217014b457&reject_reason=&status=approved&type=address_verifications",
		payload:     url.Values{"status": {"approved"}, "id": {"7ae7c48f-d48a-499f-9dc1-c9217014b457"}, "type": {"address_verifications"}, "reject_reason": {""}},
		signature:   "18050028b6b22d0ed516706fba1c1af8d6a8f9d5",
	},
	{
		name: "POST, order", method: "POST", key: "SOMEAPIKEY",
		callbackURL: "http://example.com/callbacks", url: "http://example.com/callbacks",
		payload:   url.Values{"status": {"completed"}, "id": {"1dd7a68b-e235-402b-8912-fe73ee14243a"}, "type": {"orders"}},
		signature: "fe99e416c3547f2f59002403ec856ea386d05b2f",
	},
	{
		name: "POST, URL with a query and a fragment", method: "POST", key: "OTHERAPIKEY",
		callbackURL: "http://example.com/callbacks?foo=bar#baz", url: "http://example.com/callbacks?foo=bar#baz",
		payload:   url.Values{"status": {"completed"}, "id": {"1dd7a68b-e235-402b-8912-fe73ee14243a"}, "type": {"orders"}},
		signature: "32754ba93ac1207e540c0cf90371e7786b3b1cde",
	},
}

func TestSignSDKVectors(t *testing.T) {
	t.Parallel()
	for _, v := range sdkVectors {
		requested := v.callbackURL
		if v.method == "GET" {
			var err error
			requested, err = getCallbackURL(v.callbackURL, v.payload)
			require.NoError(t, err)
		}
		assert.Equal(t, v.url, requested, "%s: DIDWW requests %q, want %q", v.name, requested, v.url)
		sig, err := Sign(v.key, requested, v.payload)
		require.NoError(t, err)
		assert.Equal(t, v.signature, sig, "%s: Sign = %s, want %s", v.name, sig, v.signature)
		other, _ := Sign(v.key+"x", requested, v.payload)
		assert.NotEqual(t, v.signature, other, "%s: the signature does not depend on the key", v.name)
	}
}

func TestGetCallbackURL(t *testing.T) {
	t.Parallel()
	payload := url.Values{"type": {"orders"}, "status": {"completed"}, "id": {"o 1"}}
	for callbackURL, want := range map[string]string{
		"https://example.com/cb":                "https://example.com/cb?id=o+1&status=completed&type=orders",
		"https://example.com/cb?":               "https://example.com/cb?id=o+1&status=completed&type=orders",
		"https://example.com/cb?tenant=7&a=b":   "https://example.com/cb?tenant=7&a=b&id=o+1&status=completed&type=orders",
		"https://example.com/cb?tenant=7#frag":  "https://example.com/cb?tenant=7&id=o+1&status=completed&type=orders#frag",
		"http://user:pw@[::1]:8080/a%20b?x=%2F": "http://user:pw@[::1]:8080/a%20b?x=%2F&id=o+1&status=completed&type=orders",
	} {
		got, err := getCallbackURL(callbackURL, payload)
		if assert.NoError(t, err, "getCallbackURL(%q) = %q, %v; want %q", callbackURL, got, err, want) {
			assert.Equal(t, want, got, "getCallbackURL(%q) = %q, %v; want %q", callbackURL, got, err, want)
		}
	}
	_, err := getCallbackURL("http://[::1/cb", payload)
	assert.Error(t, err, "a URL that does not parse: no error")
}

func TestSignRefusals(t *testing.T) {
	t.Parallel()
	_, err := Sign("key", "https://example.com/cb", url.Values{"id": {"a", "b"}, "type": {"orders"}})
	if assert.Error(t, err, "repeated key") {
		assert.Contains(t, err.Error(), `"id" has 2 values`, "repeated key")
	}
	_, err = Sign("key", "https://example.com/cb", url.Values{"id": {}})
	assert.Error(t, err, "a key without a value: no error")
	_, err = Sign("key", "http://[::1/cb", url.Values{"id": {"a"}})
	assert.Error(t, err, "a URL that does not parse: no error")
}
