package didwwtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"embed"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The server's two document encryption key pairs: fixed 2048-bit RSA keys
// (the API's are 4096-bit; the scheme does not depend on the size, and
// smaller keys keep tests fast). Every server serves the same pair.
//
//go:embed testdata/keys/a.pem testdata/keys/b.pem
var keyFiles embed.FS

// encryptionKey is one key pair of /public_keys.
type encryptionKey struct {
	id   string
	priv *rsa.PrivateKey
	pem  string // the public key, PEM SubjectPublicKeyInfo
	der  []byte
}

var serverKeys = sync.OnceValue(func() []*encryptionKey {
	var out []*encryptionKey
	for _, name := range []string{"a", "b"} {
		raw, err := keyFiles.ReadFile("testdata/keys/" + name + ".pem")
		if err != nil {
			panic(err)
		}
		block, _ := pem.Decode(raw)
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			panic(err)
		}
		priv := k.(*rsa.PrivateKey)
		der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
		if err != nil {
			panic(err)
		}
		out = append(out, &encryptionKey{id: uid("public_key/" + name), priv: priv, der: der,
			pem: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	}
	return out
})

// EncryptionFingerprint is the encryption_fingerprint an upload to the
// server must carry: the SHA-1 of each public key's DER form, in
// /public_keys order, in lowercase hex joined by ":::".
func EncryptionFingerprint() string {
	var parts []string
	for _, k := range serverKeys() {
		sum := sha1.Sum(k.der)
		parts = append(parts, hex.EncodeToString(sum[:]))
	}
	return strings.Join(parts, ":::")
}

// MaxEncryptedFileSize is the largest document the API accepts (20 MB).
const MaxEncryptedFileSize = 20 << 20

// DefaultEncryptedFileLifetime is how long an upload stays on file.
const DefaultEncryptedFileLifetime = 24 * time.Hour

var errUndecryptable = errors.New("does not decrypt")

// decryptUpload undoes the API's scheme: RSA_A | RSA_B | AES-256-CBC data,
// each RSA block the OAEP (SHA-256) encryption of the 32-byte AES key and
// the 16-byte IV under one key, the data PKCS#7 padded. Both blocks must
// decrypt, to the same key and IV.
func decryptUpload(data []byte) ([]byte, error) {
	keys := serverKeys()
	var creds []byte
	off := 0
	for _, k := range keys {
		n := k.priv.Size()
		if len(data) < off+n {
			return nil, errUndecryptable
		}
		got, err := rsa.DecryptOAEP(sha256.New(), nil, k.priv, data[off:off+n], nil)
		if err != nil || len(got) != 48 || (creds != nil && !bytes.Equal(got, creds)) {
			return nil, errUndecryptable
		}
		creds, off = got, off+n
	}
	body := data[off:]
	if len(body) == 0 || len(body)%aes.BlockSize != 0 {
		return nil, errUndecryptable
	}
	block, err := aes.NewCipher(creds[:32])
	if err != nil {
		return nil, errUndecryptable
	}
	out := make([]byte, len(body))
	cipher.NewCBCDecrypter(block, creds[32:]).CryptBlocks(out, body)
	pad := int(out[len(out)-1])
	if pad < 1 || pad > aes.BlockSize || !bytes.Equal(out[len(out)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, errUndecryptable
	}
	return out[:len(out)-pad], nil
}

// publicKeyResource registers GET /public_keys: two keys, no pagination,
// no credentials needed. 2026-04-16 writes meta.api_version, as its
// documentation's example shows; 2026-11-19 writes no meta.
func (s *Server) publicKeyResource() *resource {
	type key = encryptionKey
	spec := listSpec[*key]{typ: "public_keys",
		obj:     func(k *key) *obj { return &obj{typ: "public_keys", id: k.id, attrs: map[string]any{"key": k.pem}} },
		filters: map[string]filterFn[*key]{"id": fEq(func(k *key) string { return k.id })},
		sorts:   map[string]func(a, b *key) int{"key": func(a, b *key) int { return strings.Compare(a.pem, b.pem) }}}
	res := readOnly(&kind[*key]{all: serverKeys(), id: func(k *key) string { return k.id }, listSpec: spec})
	res.show = nil
	list := res.list
	res.list = func(c *call, id string) (int, any, *apiError) {
		status, doc, e := list(c, id)
		if d, ok := doc.(*document); ok && c.version >= version20261119 {
			d.Meta = nil
		}
		return status, doc, e
	}
	res.auth = func(string, string) authRule { return authNone }
	return res
}

// encFile is an uploaded document: the server keeps what it decrypted.
type encFile struct {
	id          string
	description *string
	expiresAt   time.Time
	content     []byte
}

func (r *regState) file(id string) *encFile {
	return findIn(r.files, func(f *encFile) string { return f.id }, id)
}

func encFileObj(_ *regState, f *encFile) *obj {
	return &obj{typ: "encrypted_files", id: f.id,
		attrs: map[string]any{"description": optPtr(f.description), "expires_at": timestamp(f.expiresAt)}}
}

// encryptedFileResource registers encrypted_files: the multipart upload,
// list, show and delete.
func (s *Server) encryptedFileResource() *resource {
	expires := func(a, b *encFile) int { return a.expiresAt.Compare(b.expiresAt) }
	res := ownedResource(&owned[encFile]{typ: "encrypted_files", paginated: true,
		items: func(r *regState) *[]*encFile { return &r.files }, id: func(f *encFile) string { return f.id }, obj: encFileObj,
		filters: func(*call) map[string]filterFn[*encFile] {
			return map[string]filterFn[*encFile]{"id": fEq(func(f *encFile) string { return f.id })}
		},
		sorts: map[string]func(a, b *encFile) int{
			"description": func(a, b *encFile) int { return cmpStr(deref(a.description), deref(b.description)) },
			"expire_at":   expires, "expires_at": expires,
		}})
	res.create = s.uploadFile
	res.upload = true
	return res
}

// uploadForm is the multipart form of an upload.
type uploadForm struct {
	fingerprint, description *string
	file                     []byte
}

// readUpload reads the documented fields of the form; another field, the
// legacy batch form or a malformed body is 400.
func readUpload(c *call) (*uploadForm, *apiError) {
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, badRequest("400", "Bad request", "An upload must be multipart/form-data.")
	}
	form := &uploadForm{}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return form, nil
		}
		if err != nil {
			return nil, badRequest("400", "Bad request", "The multipart body is malformed.")
		}
		b, err := io.ReadAll(part)
		if err != nil {
			return nil, badRequest("400", "Bad request", "The multipart body is malformed.")
		}
		v := string(b)
		switch name := part.FormName(); {
		case name == "encrypted_files[encryption_fingerprint]":
			form.fingerprint = &v
		case name == "encrypted_files[description]":
			form.description = &v
		case name == "encrypted_files[file]" && part.FileName() != "":
			form.file = b
		case strings.HasPrefix(name, "encrypted_files[items]"):
			return nil, badRequest("105", "Param not allowed", "encrypted_files[items] is not allowed: upload one file per request.")
		default:
			return nil, badRequest("105", "Param not allowed", name+" is not allowed.")
		}
	}
}

// uploadFile is POST /encrypted_files: the fingerprint must be the
// server's, and the file must decrypt with its keys.
func (s *Server) uploadFile(c *call, _ string) (int, any, *apiError) {
	if _, e := parseParams(c, false); e != nil {
		return 0, nil, e
	}
	form, e := readUpload(c)
	if e != nil {
		return 0, nil, e
	}
	if form.fingerprint == nil || form.file == nil {
		return 0, nil, badRequest("106", "Missing parameter",
			"The required parameters, encrypted_files[encryption_fingerprint] and encrypted_files[file], are missing.")
	}
	if *form.fingerprint != EncryptionFingerprint() {
		return 0, nil, validation("/data/attributes/encryption_fingerprint",
			"encryption_fingerprint - is outdated: fetch the public keys again and encrypt with them")
	}
	content, err := decryptUpload(form.file)
	if err != nil {
		return 0, nil, validation("/data/attributes/file", "file - could not be decrypted with the public keys of the fingerprint")
	}
	if len(content) > MaxEncryptedFileSize {
		return 0, nil, validation("/data/attributes/file", "file - is too large (maximum is 20 MB)")
	}
	f := &encFile{id: s.nextIDLocked("encrypted_file"), description: form.description,
		expiresAt: c.now.Add(DefaultEncryptedFileLifetime), content: content}
	c.acct.reg.files = append(c.acct.reg.files, f)
	return answerOne(c, encFileObj(&c.acct.reg, f), http.StatusCreated)
}

// UploadedFile returns what the server decrypted of the encrypted file id,
// while it is on file.
func (s *Server) UploadedFile(id string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.accounts {
		if f := a.reg.file(id); f != nil {
			return bytes.Clone(f.content), true
		}
	}
	return nil, false
}
