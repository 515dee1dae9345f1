package didww

import (
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The key pairs under testdata/encrypted_files were generated once with
//
//	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out key_a_private.pem
//	openssl pkey -in key_a_private.pem -pubout -out key_a_public.pem
//
// (and the same for key B); 4096 bits like the keys DIDWW serves. Their
// fingerprints were computed outside Go with
//
//	openssl pkey -pubin -in key_a_public.pem -outform DER | sha1sum
const (
	fingerprintA = "9551b027bc5a08abe5f2642b79465ea52b14abbe"
	fingerprintB = "478080726446637eb4e331a1514a60ca931f4b87"
)

func testPublicKey(t testing.TB, name, id string) *PublicKey {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "encrypted_files", name+"_public.pem"))
	require.NoError(t, err)
	return &PublicKey{ID: id, Key: string(b)}
}

// testKeys returns key A and key B as /public_keys lists them.
func testKeys(t testing.TB) []*PublicKey {
	return []*PublicKey{testPublicKey(t, "key_a", "key-a"), testPublicKey(t, "key_b", "key-b")}
}

func testPrivateKey(t *testing.T, name string) *rsa.PrivateKey {
	t.Helper()
	block, _ := pem.Decode(fixture(t, "encrypted_files/"+name+"_private.pem"))
	require.NotNil(t, block)
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	require.NoError(t, err)
	return k.(*rsa.PrivateKey)
}

// referenceDecrypt decrypts out as the reference says DIDWW does, with the
// private key of the key at index which (0 = A, 1 = B), using nothing of
// encryption.go: RSA-OAEP (SHA-256, MGF1 SHA-256, no label) on that key's
// block gives key ‖ IV, then AES-256-CBC and PKCS#7 unpadding on the rest.
func referenceDecrypt(t *testing.T, out []byte, priv *rsa.PrivateKey, which int) []byte {
	t.Helper()
	const rsaBlock = 512 // both test keys are 4096-bit
	require.Greater(t, len(out), 2*rsaBlock)
	ra := out[which*rsaBlock : (which+1)*rsaBlock]
	creds, err := priv.Decrypt(nil, ra, &rsa.OAEPOptions{Hash: crypto.SHA256, MGFHash: crypto.SHA256})
	require.NoError(t, err)
	require.Len(t, creds, 48)
	c := bytes.Clone(out[2*rsaBlock:])
	require.Zero(t, len(c)%16, "ciphertext is not whole blocks")
	block, err := aes.NewCipher(creds[:32])
	require.NoError(t, err)
	cipher.NewCBCDecrypter(block, creds[32:]).CryptBlocks(c, c)
	p := int(c[len(c)-1])
	require.True(t, p >= 1 && p <= 16, "padding byte %d", p)
	for _, b := range c[len(c)-p:] {
		require.Equal(t, byte(p), b, "PKCS#7 padding")
	}
	return c[:len(c)-p]
}

// rsaPEM is the "PUBLIC KEY" PEM text of an RSA key made up of n and e.
func rsaPEM(t *testing.T, n *big.Int, e int) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: n, E: e})
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// pattern returns n deterministic bytes that are not all alike.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

func TestEncryptFileDecryptsWithEitherKey(t *testing.T) {
	t.Parallel()
	privA, privB := testPrivateKey(t, "key_a"), testPrivateKey(t, "key_b")
	for _, n := range []int{1, 15, 16, 17, 1000, streamChunk - 1, streamChunk, streamChunk + 1, 2*streamChunk + 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			in := pattern(n)
			out, err := EncryptFile(in, testKeys(t))
			require.NoError(t, err)
			assert.Len(t, out, 512+512+(n/16+1)*16, "RA ‖ RB ‖ padded C")
			assert.Equal(t, in, referenceDecrypt(t, out, privA, 0), "with key A")
			assert.Equal(t, in, referenceDecrypt(t, out, privB, 1), "with key B")
		})
	}
}

func TestEncryptFileKeepsTheKeysOrder(t *testing.T) {
	t.Parallel()
	in := []byte("%PDF-1.4 identity document")
	keys := testKeys(t)
	out, err := EncryptFile(in, []*PublicKey{keys[1], keys[0]})
	require.NoError(t, err)
	// Given B first, the first block is B's and the second A's.
	assert.Equal(t, in, referenceDecrypt(t, out, testPrivateKey(t, "key_b"), 0))
	assert.Equal(t, in, referenceDecrypt(t, out, testPrivateKey(t, "key_a"), 1))
}

// TestEncryptFileOpenSSL decrypts with the openssl command line, the way the
// reference describes DIDWW's side.
func TestEncryptFileOpenSSL(t *testing.T) {
	t.Parallel()
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed: the openssl decryption check is skipped (TestEncryptFileDecryptsWithEitherKey still checks the format)")
	}
	in := pattern(40_000)
	out, err := EncryptFile(in, testKeys(t))
	require.NoError(t, err)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o600))
		return p
	}
	data := write("c.bin", out[1024:])
	for i, name := range []string{"key_a", "key_b"} {
		block := write(name+".bin", out[i*512:(i+1)*512])
		creds, err := exec.CommandContext(t.Context(), openssl, "pkeyutl", "-decrypt",
			"-inkey", filepath.Join("testdata", "encrypted_files", name+"_private.pem"), "-in", block,
			"-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256").Output()
		require.NoError(t, err, "openssl pkeyutl with %s", name)
		require.Len(t, creds, 48)
		plain, err := exec.CommandContext(t.Context(), openssl, "enc", "-d", "-aes-256-cbc",
			"-K", hex.EncodeToString(creds[:32]), "-iv", hex.EncodeToString(creds[32:]), "-in", data).Output()
		require.NoError(t, err, "openssl enc with %s", name)
		assert.Equal(t, in, plain, "decrypted by openssl with %s", name)
	}
}

func TestEncryptFileIsRandomized(t *testing.T) {
	t.Parallel()
	in := pattern(100)
	a, err := EncryptFile(in, testKeys(t))
	require.NoError(t, err)
	b, err := EncryptFile(in, testKeys(t))
	require.NoError(t, err)
	require.Len(t, b, len(a))
	assert.NotEqual(t, a[:512], b[:512], "RA")
	assert.NotEqual(t, a[512:1024], b[512:1024], "RB")
	assert.NotEqual(t, a[1024:], b[1024:], "C: a fresh AES key and IV each time")
}

func TestEncryptFileAcceptsA2048BitKey(t *testing.T) {
	t.Parallel()
	keys := []*PublicKey{testPublicKey(t, "rsa2048", ""), testPublicKey(t, "key_b", "")}
	out, err := EncryptFile([]byte("x"), keys)
	require.NoError(t, err)
	assert.Len(t, out, 256+512+16, "a block as long as each key's modulus")
}

func TestEncryptFileRefusesBadKeys(t *testing.T) {
	t.Parallel()
	keyA, keyB := testPublicKey(t, "key_a", "a"), testPublicKey(t, "key_b", "b")
	with := func(text string) []*PublicKey { return []*PublicKey{{ID: "k1", Key: text}, keyB} }
	text := func(name string) string { return testPublicKey(t, name, "").Key }
	modulusA := testPrivateKey(t, "key_a").N
	tests := []struct {
		name string
		keys []*PublicKey
		want string
	}{
		{"none", nil, "keys: need exactly the 2 public keys of /public_keys, got 0"},
		{"one", []*PublicKey{keyA}, "got 1"},
		{"three", []*PublicKey{keyA, keyB, keyA}, "got 3"},
		{"nil key", []*PublicKey{keyA, nil}, "keys[1]: is nil"},
		{"empty", with(""), `keys[0] (id "k1"): is not PEM text`},
		{"base64 without PEM", with("MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA"), "is not PEM text"},
		{"PKCS#1", with(text("key_a_pkcs1")), `PKCS#1 "RSA PUBLIC KEY"`},
		{"private key", with(string(fixture(t, "encrypted_files/key_a_private.pem"))), `PEM "PRIVATE KEY" block, want "PUBLIC KEY"`},
		{"ECDSA", with(text("ec_p256")), "is a ECDSA key, want RSA"},
		{"Ed25519", with(text("ed25519")), "is a Ed25519 key, want RSA"},
		{"1024 bits", with(text("rsa1024")), "is a 1024-bit RSA key, want 2048 to 16384 bits"},
		{"2047 bits", with(text("rsa2047")), "is a 2047-bit RSA key"},
		{"two blocks", with(keyA.Key + keyB.Key), "has text after its PEM block"},
		{"headers", with(strings.Replace(keyA.Key, "KEY-----\n", "KEY-----\nProc-Type: 4,ENCRYPTED\n\n", 1)), "has PEM headers"},
		{"bad DER", with("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), "is not a valid SubjectPublicKeyInfo"},
		{"huge", with(strings.Repeat("A", maxKeyPEM+1)), "too long for a public key"},
		{"even modulus", with(rsaPEM(t, new(big.Int).Add(modulusA, big.NewInt(1)), 65537)), "has an even RSA modulus"},
		{"exponent 1", with(rsaPEM(t, modulusA, 1)), "has RSA public exponent 1, want an odd one of at least 3"},
		{"even exponent", with(rsaPEM(t, modulusA, 65536)), "has RSA public exponent 65536"},
		{"17000 bits", with(rsaPEM(t, new(big.Int).Lsh(modulusA, 17000-4096), 65537)), "is a 17000-bit RSA key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := EncryptFile([]byte("document"), tt.keys)
			assert.Nil(t, out)
			require.ErrorIs(t, err, ErrInvalidRequest)
			var re *RequestError
			require.ErrorAs(t, err, &re)
			assert.Contains(t, err.Error(), tt.want)

			_, ferr := Fingerprint(tt.keys)
			assert.Equal(t, err.Error(), ferr.Error(), "Fingerprint checks the keys alike")

			var dst bytes.Buffer
			n, serr := EncryptStream(&dst, bytes.NewReader([]byte("document")), tt.keys)
			assert.ErrorIs(t, serr, ErrInvalidRequest)
			assert.Zero(t, n)
			assert.Zero(t, dst.Len(), "nothing written before the keys are checked")
		})
	}
}

func TestEncryptFileRefusesBadContent(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		content []byte
		want    string
	}{
		{"nil", nil, "content: is empty; the API needs a document"},
		{"empty", []byte{}, "content: is empty; the API needs a document"},
		{"over the limit", make([]byte, MaxUploadFileSize+1), "content: is over the API's limit of 20000000 bytes per file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := EncryptFile(tt.content, testKeys(t))
			assert.Nil(t, out)
			require.ErrorIs(t, err, ErrInvalidRequest)
			assert.EqualError(t, err, "didww: invalid request: "+tt.want)
		})
	}
}

func TestFingerprintKnownKeys(t *testing.T) {
	t.Parallel()
	keys := testKeys(t)
	fp, err := Fingerprint(keys)
	require.NoError(t, err)
	assert.Equal(t, fingerprintA+":::"+fingerprintB, fp)

	fp, err = Fingerprint([]*PublicKey{keys[1], keys[0]})
	require.NoError(t, err)
	assert.Equal(t, fingerprintB+":::"+fingerprintA, fp, "the order as given")

	// Line endings and surrounding blank lines do not change the DER.
	crlf := strings.ReplaceAll(keys[0].Key, "\n", "\r\n")
	fp, err = Fingerprint([]*PublicKey{{Key: "\n" + crlf + "\n\n"}, keys[1]})
	require.NoError(t, err)
	assert.Equal(t, fingerprintA+":::"+fingerprintB, fp)
}

// failAfter is a writer that takes limit bytes and then fails.
type failAfter struct {
	limit int
	got   int
}

var errDiskFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if w.got+len(p) > w.limit {
		n := w.limit - w.got
		w.got = w.limit
		return n, errDiskFull
	}
	w.got += len(p)
	return len(p), nil
}

func TestEncryptStreamMatchesTheFormat(t *testing.T) {
	t.Parallel()
	privA, privB := testPrivateKey(t, "key_a"), testPrivateKey(t, "key_b")
	in := pattern(3*streamChunk + 100)
	readers := map[string]func() io.Reader{
		"one byte at a time": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(in)) },
		"half reads":         func() io.Reader { return iotest.HalfReader(bytes.NewReader(in)) },
		"data with EOF":      func() io.Reader { return iotest.DataErrReader(bytes.NewReader(in)) },
	}
	for name, src := range readers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var dst bytes.Buffer
			n, err := EncryptStream(&dst, src(), testKeys(t))
			require.NoError(t, err)
			assert.Equal(t, int64(dst.Len()), n, "count of bytes written")
			assert.Equal(t, 1024+(len(in)/16+1)*16, dst.Len())
			assert.Equal(t, in, referenceDecrypt(t, dst.Bytes(), privA, 0))
			assert.Equal(t, in, referenceDecrypt(t, dst.Bytes(), privB, 1))
		})
	}
}

func TestEncryptStreamFailures(t *testing.T) {
	t.Parallel()
	keys := testKeys(t)
	errBoom := errors.New("boom")

	t.Run("empty source writes nothing", func(t *testing.T) {
		t.Parallel()
		var dst bytes.Buffer
		n, err := EncryptStream(&dst, strings.NewReader(""), keys)
		assert.ErrorIs(t, err, ErrInvalidRequest)
		assert.EqualError(t, err, "didww: invalid request: content: is empty; the API needs a document")
		assert.Zero(t, n)
		assert.Zero(t, dst.Len())
	})
	t.Run("source fails at once", func(t *testing.T) {
		t.Parallel()
		var dst bytes.Buffer
		n, err := EncryptStream(&dst, iotest.ErrReader(errBoom), keys)
		assert.ErrorIs(t, err, errBoom)
		assert.NotErrorIs(t, err, ErrInvalidRequest)
		assert.Zero(t, n)
		assert.Zero(t, dst.Len())
	})
	t.Run("source fails later", func(t *testing.T) {
		t.Parallel()
		var dst bytes.Buffer
		src := io.MultiReader(bytes.NewReader(pattern(2*streamChunk)), iotest.ErrReader(errBoom))
		n, err := EncryptStream(&dst, src, keys)
		assert.ErrorIs(t, err, errBoom)
		assert.EqualError(t, err, "didww: reading the file to encrypt: boom")
		assert.Equal(t, int64(1024+2*streamChunk), n, "the header and the two whole chunks read were written")
		assert.Equal(t, int64(dst.Len()), n)
	})
	t.Run("destination fails", func(t *testing.T) {
		t.Parallel()
		dst := &failAfter{limit: 700}
		n, err := EncryptStream(dst, bytes.NewReader(pattern(100)), keys)
		assert.ErrorIs(t, err, errDiskFull)
		assert.NotErrorIs(t, err, ErrInvalidRequest)
		assert.Equal(t, int64(700), n)
	})
	t.Run("nil source or destination", func(t *testing.T) {
		t.Parallel()
		_, err := EncryptStream(nil, strings.NewReader("x"), keys)
		assert.ErrorIs(t, err, ErrInvalidRequest)
		_, err = EncryptStream(io.Discard, nil, keys)
		assert.ErrorIs(t, err, ErrInvalidRequest)
	})
}

// generated is a reader of n bytes made up as they are read, so a large
// input costs no memory of its own.
type generated struct{ n, off int64 }

func (g *generated) Read(p []byte) (int, error) {
	if g.off >= g.n {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), g.n-g.off)]
	for i := range p {
		p[i] = byte(g.off + int64(i))
	}
	g.off += int64(len(p))
	return len(p), nil
}

// countingDiscard counts what it is given.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func TestEncryptStreamSizeLimit(t *testing.T) {
	t.Parallel()
	t.Run("at the limit", func(t *testing.T) {
		t.Parallel()
		dst := &countingDiscard{}
		n, err := EncryptStream(dst, &generated{n: MaxUploadFileSize}, testKeys(t))
		require.NoError(t, err)
		assert.Equal(t, int64(1024+MaxUploadFileSize+16), n) // the limit is a whole number of blocks
		assert.Equal(t, dst.n, n)
	})
	t.Run("one byte over", func(t *testing.T) {
		t.Parallel()
		src := &generated{n: 1 << 40} // a source far larger than the limit
		n, err := EncryptStream(&countingDiscard{}, src, testKeys(t))
		require.ErrorIs(t, err, ErrInvalidRequest)
		assert.EqualError(t, err, "didww: invalid request: content: is over the API's limit of 20000000 bytes per file")
		assert.Equal(t, int64(MaxUploadFileSize+1), src.off, "reads stop just past the limit")
		assert.Greater(t, n, int64(1024), "a partial output was written")
		assert.Less(t, n, int64(1024+MaxUploadFileSize))
	})
}

// TestEncryptStreamMemoryBounded streams 16 MiB and checks that what it
// allocates does not grow with the input. It does not call t.Parallel: the
// allocation counters are process-wide, and a sequential test runs while the
// parallel ones wait.
func TestEncryptStreamMemoryBounded(t *testing.T) {
	keys := testKeys(t)
	measure := func(size int64) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		n, err := EncryptStream(&countingDiscard{}, &generated{n: size}, keys)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		require.Equal(t, 1024+(size/16+1)*16, n)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := measure(64<<10), measure(16<<20)
	t.Logf("allocated %d bytes for 64 KiB, %d bytes for 16 MiB", small, large)
	assert.Less(t, large, uint64(512<<10), "16 MiB streamed with under 512 KiB allocated")
	assert.Less(t, large, small+(256<<10), "allocations do not grow with the input")
}

func BenchmarkEncryptStream(b *testing.B) {
	keys := testKeys(b)
	const size = 8 << 20
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		_, err := EncryptStream(io.Discard, &generated{n: size}, keys)
		require.NoError(b, err)
	}
}

func BenchmarkEncryptFile(b *testing.B) {
	keys := testKeys(b)
	in := pattern(8 << 20)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_, err := EncryptFile(in, keys)
		require.NoError(b, err)
	}
}

// FuzzPublicKey feeds hostile key text, as key A, to Fingerprint and
// EncryptFile: never a panic; either a one-line error wrapping
// ErrInvalidRequest from both, or a key both accept and encrypt with. The
// seeds are in testdata/fuzz/FuzzPublicKey.
func FuzzPublicKey(f *testing.F) {
	keyB := testPublicKey(f, "key_b", "b")
	f.Fuzz(func(t *testing.T, text string) {
		keys := []*PublicKey{{ID: "fuzz", Key: text}, keyB}
		fp, err := Fingerprint(keys)
		out, eerr := EncryptFile([]byte("fuzz"), keys)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidRequest, "Fingerprint: %v; EncryptFile: %v", err, eerr)
			require.Error(t, eerr, "Fingerprint: %v; EncryptFile: %v", err, eerr)
			require.Equal(t, err.Error(), eerr.Error(), "Fingerprint: %v; EncryptFile: %v", err, eerr)
			require.False(t, strings.ContainsAny(err.Error(), "\r\n"), "error is not one line: %q", err)
			return
		}
		require.NoError(t, eerr, "Fingerprint accepted a key EncryptFile refuses")
		require.Len(t, fp, 40+3+40, "fingerprint")
		require.True(t, strings.HasSuffix(fp, ":::"+fingerprintB), "fingerprint")
		require.Equal(t, fp, strings.ToLower(fp), "fingerprint")
		require.GreaterOrEqual(t, len(out), 256+512+16, "output of %d bytes", len(out))
	})
}
