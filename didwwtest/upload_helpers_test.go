package didwwtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The tests' own implementation of the reference's scheme (API_REFERENCE
// §17.9), written apart from the server's decryption: what a customer does.

// testEncrypt encrypts content for the PEM public keys: RSA-OAEP(SHA-256)
// of key|IV under each key, then AES-256-CBC with PKCS#7 padding.
func testEncrypt(t *testing.T, pems []string, content []byte) []byte {
	t.Helper()
	secret := make([]byte, 48)
	if _, err := rand.Read(secret); err != nil {
		t.Fatal(err)
	}
	var out []byte
	for _, p := range pems {
		block, _ := pem.Decode([]byte(p))
		require.NotNil(t, block, "not a PEM key: %q", p)
		pub, err := x509.ParsePKIXPublicKey(block.Bytes)
		require.NoError(t, err)
		enc, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, pub.(*rsa.PublicKey), secret, nil)
		require.NoError(t, err)
		out = append(out, enc...)
	}
	pad := aes.BlockSize - len(content)%aes.BlockSize
	padded := append(bytes.Clone(content), bytes.Repeat([]byte{byte(pad)}, pad)...)
	c, err := aes.NewCipher(secret[:32])
	require.NoError(t, err)
	data := make([]byte, len(padded))
	cipher.NewCBCEncrypter(c, secret[32:]).CryptBlocks(data, padded)
	return append(out, data...)
}

// testFingerprint is SHA-1 of each key's DER, hex, joined by ":::".
func testFingerprint(t *testing.T, pems []string) string {
	t.Helper()
	var parts []string
	for _, p := range pems {
		block, _ := pem.Decode([]byte(p))
		sum := sha1.Sum(block.Bytes)
		parts = append(parts, hex.EncodeToString(sum[:]))
	}
	return strings.Join(parts, ":::")
}

// publicKeys fetches the server's keys without credentials, in order.
func publicKeys(t *testing.T, base string) []string {
	t.Helper()
	got := rawGet(t, base+"/public_keys", http.Header{"Accept": {mediaType}})
	var pems []string
	for _, k := range objects(got.doc["data"]) {
		attrs, _ := k["attributes"].(map[string]any)
		key, _ := attrs["key"].(string)
		pems = append(pems, key)
	}
	require.Equal(t, http.StatusOK, got.status, "GET /public_keys: %d %s", got.status, got.body)
	require.Len(t, pems, 2, "GET /public_keys: %d %s", got.status, got.body)
	return pems
}

// multipartUpload builds the documented multipart form; an empty field is left out.
func multipartUpload(t *testing.T, fields map[string]string, file []byte) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	if file != nil {
		fw, err := mw.CreateFormFile("encrypted_files[file]", "document.pdf.enc")
		require.NoError(t, err)
		_, _ = fw.Write(file)
	}
	require.NoError(t, mw.Close())
	return mw.FormDataContentType(), b.Bytes()
}

// postUpload sends an upload form with auth headers hdr and decodes the answer.
func postUpload(t *testing.T, url string, hdr http.Header, contentType string, body []byte) (answer, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/encrypted_files", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header = hdr.Clone()
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := answer{status: resp.StatusCode, body: b}
	_ = json.Unmarshal(b, &a.doc)
	return a, resp.Header
}

// upload encrypts content for the server's keys and uploads it as the
// account of key; it returns the answer.
func upload(t *testing.T, s *Server, key string, content []byte) answer {
	t.Helper()
	pems := publicKeys(t, s.URL)
	ct, body := multipartUpload(t, map[string]string{"encrypted_files[encryption_fingerprint]": testFingerprint(t, pems),
		"encrypted_files[description]": "passport.pdf"}, testEncrypt(t, pems, content))
	a, _ := postUpload(t, s.URL, http.Header{"Api-Key": {key}, "Accept": {"application/json"}}, ct, body)
	return a
}

// idOf returns data.id of a single-resource answer.
func idOf(a answer) string {
	data, _ := a.doc["data"].(map[string]any)
	id, _ := data["id"].(string)
	return id
}
