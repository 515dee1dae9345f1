package didww

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" // the API's fingerprint formula: SHA-1 names the keys here, it protects nothing
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"strings"
)

// PublicKey is one of the RSA keys DIDWW publishes on /public_keys for
// encrypting the documents of a registration.
type PublicKey struct {
	ID string `didww:"primary,public_keys"`
	// Key is the PEM text of the key: a "PUBLIC KEY" block holding a DER
	// SubjectPublicKeyInfo, as the API returns it.
	Key string `didww:"attr,key,required"`
}

// MaxUploadFileSize is the largest file, in bytes before encryption, that
// EncryptFile and EncryptStream accept: the API's documented limit of
// "20 MB" per encrypted file. The documentation does not say whether MB
// means 10^6 or 2^20 bytes, nor whether the limit applies before or after
// encryption (the OpenAPI document is silent), so the smaller reading is
// taken: 20,000,000 bytes of content. Its encrypted form (at most 20,001,040
// bytes with DIDWW's 4096-bit keys) stays below 20 MiB.
const MaxUploadFileSize = 20 * 1000 * 1000

const (
	minRSABits   = 2048
	maxRSABits   = 16384
	maxKeyPEM    = 64 << 10 // far above any real key; bounds the parsing of hostile text
	aesKeySize   = 32
	streamChunk  = 32 << 10 // a multiple of aes.BlockSize
	fingerprintJ = ":::"
)

// EncryptFile encrypts content for an upload to /encrypted_files, in the
// format DIDWW decrypts. Callers normally use EncryptedFiles.Upload, which
// fetches the keys, encrypts, fingerprints and posts the form; EncryptFile
// and Fingerprint are for callers who upload themselves.
//
// keys must be exactly the two keys of /public_keys, in the order the API
// returned them (key A, then key B). The scheme is hybrid: a random 32-byte
// AES key and a random 16-byte IV (crypto/rand) encrypt content with
// AES-256-CBC and PKCS#7 padding into C; key‖IV (48 bytes) is encrypted with
// RSA-OAEP (SHA-256, MGF1 with SHA-256, empty label) under key A into RA and,
// separately, under key B into RB. The result is RA ‖ RB ‖ C, raw bytes: each
// RSA block is as long as its key's modulus (512 bytes for 4096-bit keys),
// and C is len(content) rounded up to the next multiple of 16 (a full block
// of padding when it is already a multiple). Two calls on the same content
// give different results. The scheme has no integrity check: CBC detects no
// tampering, and nothing here claims to.
//
// Every refusal wraps ErrInvalidRequest and nothing is encrypted: keys that
// are not two RSA "PUBLIC KEY" PEM texts of 2048 to 16384 bits, empty
// content (the API needs a document), or content over MaxUploadFileSize.
// For files too large to hold twice in memory, use EncryptStream.
func EncryptFile(content []byte, keys []*PublicKey) ([]byte, error) {
	pubs, err := parsePublicKeys(keys)
	if err != nil {
		return nil, err
	}
	if err := checkContentSize(int64(len(content))); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(encryptedSize(pubs, int64(len(content))))
	if _, err := encryptStream(&out, bytes.NewReader(content), pubs); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// EncryptStream encrypts the file read from src into dst, in the format of
// EncryptFile, with memory bounded by a fixed buffer (32 KiB) whatever the
// size of the file. It is meant for writing straight into a multipart part
// (an io.Pipe into the request body) without holding the file.
//
// It writes RA ‖ RB as soon as src has yielded its first bytes, then the
// AES-256-CBC blocks as src yields them, then the padded last block at EOF.
// It returns the number of bytes written to dst.
//
// Invalid keys, and a src that is empty, are refused before anything is
// written. A src longer than MaxUploadFileSize is detected while streaming:
// EncryptStream stops with an error wrapping ErrInvalidRequest after having
// read at most MaxUploadFileSize+1 bytes, and the bytes already written to dst
// are a partial output that must be discarded (abort the request with
// io.PipeWriter.CloseWithError). An error reading src or writing dst is
// returned wrapped, also after a partial output; it does not wrap
// ErrInvalidRequest.
func EncryptStream(dst io.Writer, src io.Reader, keys []*PublicKey) (int64, error) {
	pubs, err := parsePublicKeys(keys)
	if err != nil {
		return 0, err
	}
	if dst == nil || src == nil {
		return 0, invalid("", "EncryptStream needs a destination and a source")
	}
	return encryptStream(dst, src, pubs)
}

// Fingerprint returns the encryption fingerprint of the two keys, as the
// encrypted_files[encryption_fingerprint] form field wants it: for each key
// the lowercase hex SHA-1 of its DER SubjectPublicKeyInfo (the base64-decoded
// PEM body), joined as hex(A) + ":::" + hex(B) in the order given. The keys
// are checked as EncryptFile checks them; a refusal wraps ErrInvalidRequest.
func Fingerprint(keys []*PublicKey) (string, error) {
	pubs, err := parsePublicKeys(keys)
	if err != nil {
		return "", err
	}
	a := sha1.Sum(pubs[0].der)
	b := sha1.Sum(pubs[1].der)
	return hex.EncodeToString(a[:]) + fingerprintJ + hex.EncodeToString(b[:]), nil
}

// encryptionKey is a checked public key with the DER it was parsed from.
type encryptionKey struct {
	pub *rsa.PublicKey
	der []byte
}

func parsePublicKeys(keys []*PublicKey) ([]encryptionKey, error) {
	if len(keys) != 2 {
		return nil, invalid("keys", "need exactly the 2 public keys of /public_keys, got %d", len(keys))
	}
	pubs := make([]encryptionKey, len(keys))
	for i, k := range keys {
		pub, der, err := parsePublicKey(k)
		if err != nil {
			return nil, invalid(keyField(i, k), "%v", err)
		}
		pubs[i] = encryptionKey{pub: pub, der: der}
	}
	return pubs, nil
}

// keyField names key i in an error, with its id when it has a short one.
func keyField(i int, k *PublicKey) string {
	if k == nil || k.ID == "" {
		return fmt.Sprintf("keys[%d]", i)
	}
	return fmt.Sprintf("keys[%d] (id %q)", i, capText(k.ID, 64))
}

// parsePublicKey checks that k is a PEM "PUBLIC KEY" holding an RSA key fit
// for the scheme and returns it with its DER SubjectPublicKeyInfo.
func parsePublicKey(k *PublicKey) (*rsa.PublicKey, []byte, error) {
	if k == nil {
		return nil, nil, errors.New("is nil")
	}
	if len(k.Key) > maxKeyPEM {
		return nil, nil, fmt.Errorf("is %d bytes long, too long for a public key", len(k.Key))
	}
	block, rest := pem.Decode([]byte(k.Key))
	switch {
	case block == nil:
		return nil, nil, errors.New("is not PEM text")
	case block.Type == "RSA PUBLIC KEY":
		// PKCS#1 is refused: the fingerprint is defined over the
		// SubjectPublicKeyInfo DIDWW publishes, which PKCS#1 text is not.
		return nil, nil, errors.New(`is a PKCS#1 "RSA PUBLIC KEY"; want the "PUBLIC KEY" (SubjectPublicKeyInfo) text of /public_keys`)
	case block.Type != "PUBLIC KEY":
		return nil, nil, fmt.Errorf(`is a PEM %q block, want "PUBLIC KEY"`, capText(block.Type, 40))
	case len(block.Headers) > 0:
		return nil, nil, errors.New("has PEM headers; a public key has none")
	case strings.TrimSpace(string(rest)) != "":
		return nil, nil, errors.New("has text after its PEM block")
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("is not a valid SubjectPublicKeyInfo: %v", err)
	}
	rsaPub, ok := pub.(*rsa.PublicKey)
	if !ok {
		return nil, nil, fmt.Errorf("is a %s key, want RSA", keyKind(pub))
	}
	if err := checkRSAKey(rsaPub); err != nil {
		return nil, nil, err
	}
	return rsaPub, block.Bytes, nil
}

func checkRSAKey(pub *rsa.PublicKey) error {
	if bits := pub.N.BitLen(); bits < minRSABits || bits > maxRSABits {
		return fmt.Errorf("is a %d-bit RSA key, want %d to %d bits", bits, minRSABits, maxRSABits)
	}
	if pub.N.Bit(0) == 0 {
		return errors.New("has an even RSA modulus")
	}
	if pub.E < 3 || pub.E%2 == 0 {
		return fmt.Errorf("has RSA public exponent %d, want an odd one of at least 3", pub.E)
	}
	return nil
}

func keyKind(pub any) string {
	switch pub.(type) {
	case *ecdsa.PublicKey:
		return "ECDSA"
	case ed25519.PublicKey:
		return "Ed25519"
	case *ecdh.PublicKey:
		return "X25519"
	default:
		return fmt.Sprintf("%T", pub)
	}
}

// capText shortens s, which may come from a hostile server, for an error.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func checkContentSize(n int64) error {
	if n == 0 {
		return invalid("content", "is empty; the API needs a document")
	}
	if n > MaxUploadFileSize {
		return invalid("content", "is over the API's limit of %d bytes per file", MaxUploadFileSize)
	}
	return nil
}

// encryptedSize is the length of the output for n bytes of content.
func encryptedSize(pubs []encryptionKey, n int64) int {
	size := int(n/aes.BlockSize+1) * aes.BlockSize
	for _, k := range pubs {
		size += k.pub.Size()
	}
	return size
}

// encryptStream is EncryptStream once the keys are checked.
func encryptStream(dst io.Writer, src io.Reader, pubs []encryptionKey) (int64, error) {
	src = io.LimitReader(src, MaxUploadFileSize+1)
	buf := make([]byte, streamChunk+aes.BlockSize) // room for the padding
	n, eof, err := readChunk(src, buf[:streamChunk])
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, checkContentSize(0)
	}
	header, cbc, err := newEncryption(pubs)
	if err != nil {
		return 0, err
	}
	w := &countingWriter{w: dst}
	if err := w.write(header); err != nil {
		return w.n, err
	}
	total := int64(0)
	for {
		total += int64(n)
		if err := checkContentSize(total); err != nil {
			return w.n, err
		}
		chunk := buf[:n]
		if eof {
			chunk = pkcs7Pad(chunk)
		}
		cbc.CryptBlocks(chunk, chunk)
		if err := w.write(chunk); err != nil || eof {
			return w.n, err
		}
		if n, eof, err = readChunk(src, buf[:streamChunk]); err != nil {
			return w.n, err
		}
	}
}

// readChunk fills buf from src; eof reports that src has nothing after it.
// A full buf leaves eof false even when src happens to end there.
func readChunk(src io.Reader, buf []byte) (n int, eof bool, err error) {
	n, err = io.ReadFull(src, buf)
	switch {
	case err == nil:
		return n, false, nil
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return n, true, nil
	default:
		return n, false, fmt.Errorf("didww: reading the file to encrypt: %w", err)
	}
}

// newEncryption draws a fresh AES key and IV and returns RA ‖ RB and the
// CBC encrypter they describe.
func newEncryption(pubs []encryptionKey) ([]byte, cipher.BlockMode, error) {
	creds := make([]byte, aesKeySize+aes.BlockSize) // key ‖ IV
	defer clear(creds)
	if _, err := rand.Read(creds); err != nil {
		return nil, nil, fmt.Errorf("didww: drawing an AES key: %w", err)
	}
	var header []byte
	for i, k := range pubs {
		block, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, k.pub, creds, nil)
		if err != nil {
			return nil, nil, invalid(fmt.Sprintf("keys[%d]", i), "cannot encrypt with it: %v", err)
		}
		header = append(header, block...)
	}
	aesBlock, err := aes.NewCipher(creds[:aesKeySize])
	if err != nil {
		return nil, nil, fmt.Errorf("didww: AES: %w", err)
	}
	return header, cipher.NewCBCEncrypter(aesBlock, creds[aesKeySize:]), nil
}

// pkcs7Pad pads b in place (its capacity has room for one block) to a
// multiple of the AES block size: 1 to 16 bytes, each holding the count.
func pkcs7Pad(b []byte) []byte {
	p := aes.BlockSize - len(b)%aes.BlockSize
	for range p {
		b = append(b, byte(p))
	}
	return b
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) write(p []byte) error {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return fmt.Errorf("didww: writing the encrypted file: %w", err)
	}
	return nil
}
