package didww

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"mime/multipart"
	"net/url"
	"strings"
	"sync"
	"time"
)

// EncryptedFilesService uploads the documents of a registration, encrypted
// for DIDWW, and lists, reads and deletes the uploads. An uploaded file is
// referenced by proofs, permanent supporting documents and address
// verifications; one left unattached is deleted 24 hours after its upload.
type EncryptedFilesService service

// EncryptedFile is an uploaded, encrypted document. Its content is never
// readable back.
type EncryptedFile struct {
	ID string `didww:"primary,encrypted_files"`
	// Description is the upload's description; empty when none.
	Description string `didww:"attr,description"`
	// ExpiresAt is when the file is deleted unless something references it:
	// 24 hours after its upload.
	ExpiresAt time.Time `didww:"attr,expires_at,required"`
}

// EncryptedFileListOptions filters GET /encrypted_files, which is paginated.
type EncryptedFileListOptions struct {
	ListOptions
	// ID is filter[id]: any of these ids, sent comma-joined.
	ID []string
	// Sort: "description", "expires_at" and its older spelling "expire_at"
	// (a leading "-" for descending).
	Sort []string
	// Extra is merged into the query last, for parameters not typed here.
	Extra url.Values
}

var encryptedFileSorts = []string{"description", "expire_at", "expires_at"}

func (o *EncryptedFileListOptions) query() (url.Values, error) {
	q := newQuery()
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.sort(o.Sort, encryptedFileSorts)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's encrypted files matching opts.
// Invalid options are an error wrapping ErrInvalidRequest, and nothing is sent.
func (s *EncryptedFilesService) List(ctx context.Context, opts *EncryptedFileListOptions) (*Page[EncryptedFile], error) {
	return listOf[EncryptedFile](ctx, s.client, "/encrypted_files", opts)
}

// All yields every encrypted file matching opts, page after page from opts'
// page on. It yields an error once and stops; opts is not modified.
func (s *EncryptedFilesService) All(ctx context.Context, opts *EncryptedFileListOptions) iter.Seq2[*EncryptedFile, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one encrypted file. It has no relationships: opts.Include
// must be empty.
func (s *EncryptedFilesService) Get(ctx context.Context, id string, opts *GetOptions) (*EncryptedFile, error) {
	v, _, err := getByID[EncryptedFile](ctx, s.client, "encrypted_files", id, opts, nil)
	return v, err
}

// Delete deletes an encrypted file before it expires. A retry that finds it
// gone (404) after an attempt whose answer was lost succeeded; a 404 on the
// first attempt is an error matching ErrNotFound.
func (s *EncryptedFilesService) Delete(ctx context.Context, id string) error {
	return deleteByID(ctx, s.client, "encrypted_files", id)
}

// EncryptedFileUpload is one document to upload: a PDF, JPEG or PNG file
// (the formats DIDWW accepts) of at most MaxUploadFileSize bytes.
type EncryptedFileUpload struct {
	// Name is the file name sent with the encrypted part, such as
	// "passport.pdf" (required).
	Name string
	// Description becomes the uploaded file's description; empty leaves it out.
	Description string
	// Content is the document itself, before encryption.
	Content []byte
}

// The form fields of POST /encrypted_files.
const (
	uploadFingerprintField = "encrypted_files[encryption_fingerprint]"
	uploadDescriptionField = "encrypted_files[description]"
	uploadFileField        = "encrypted_files[file]"
)

// check refuses an upload the API would refuse, before anything is encrypted.
func (f *EncryptedFileUpload) check(field string) error {
	switch {
	case strings.TrimSpace(f.Name) == "":
		return invalid(field+".Name", "is empty")
	case strings.ContainsFunc(f.Name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return invalid(field+".Name", "holds a control character")
	case strings.ContainsFunc(f.Description, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' }):
		return invalid(field+".Description", "holds a control character")
	case len(f.Content) == 0:
		return invalid(field+".Content", "is empty; the API needs a document")
	case len(f.Content) > MaxUploadFileSize:
		return invalid(field+".Content", "is %d bytes, over the API's limit of %d bytes per file", len(f.Content), MaxUploadFileSize)
	}
	return nil
}

// Upload encrypts each file for DIDWW and uploads it, one POST
// /encrypted_files per file as the API takes them, and returns the uploaded
// files in order. It fetches the public keys (PublicKeys.List) once,
// encrypts with EncryptStream's scheme and sends the keys' Fingerprint with
// each file. The encrypted bytes are written into the multipart body while
// it is sent, so memory stays bounded by a small buffer besides the files
// themselves.
//
// Every file is checked before anything is fetched or encrypted (an empty
// name or file, a file over MaxUploadFileSize): a refusal wraps
// ErrInvalidRequest and nothing is sent. An upload is not retried once it
// may have reached the server; when its outcome is unknown (a timeout, a
// connection lost after sending, a 5xx, a 2xx without a usable file), the
// error matches ErrOutcomeUnknown: the file may exist, and expires within
// 24 hours if nothing references it. On a failure Upload stops and returns
// the files uploaded before it with the error.
func (s *EncryptedFilesService) Upload(ctx context.Context, files ...EncryptedFileUpload) ([]*EncryptedFile, error) {
	if len(files) == 0 {
		return nil, invalid("files", "is empty; nothing to upload")
	}
	for i := range files {
		if err := files[i].check(fmt.Sprintf("files[%d]", i)); err != nil {
			return nil, err
		}
	}
	keys, err := s.client.PublicKeys.List(ctx)
	if err != nil {
		return nil, &wrapError{text: "didww: fetching the public keys to encrypt with: " + causeText(err), errs: []error{err}}
	}
	pubs, err := parsePublicKeys(keys)
	if err != nil {
		return nil, fmt.Errorf("%w: GET /public_keys answered keys that cannot encrypt: %s", ErrDecode, causeText(err))
	}
	fp, _ := Fingerprint(keys) // the keys are checked above
	out := make([]*EncryptedFile, 0, len(files))
	for i := range files {
		f, err := s.uploadOne(ctx, &files[i], fp, pubs)
		if err != nil {
			if len(files) > 1 {
				err = &wrapError{text: fmt.Sprintf("didww: file %d of %d: %s", i+1, len(files), causeText(err)), errs: []error{err}}
			}
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// uploadOne posts one file. Each attempt writes the form afresh, with a new
// AES key.
func (s *EncryptedFilesService) uploadOne(ctx context.Context, f *EncryptedFileUpload, fp string, pubs []encryptionKey) (*EncryptedFile, error) {
	boundary := multipart.NewWriter(io.Discard).Boundary()
	var frame byteCounter // the form without the encrypted bytes
	if err := writeUploadForm(&frame, boundary, fp, f, nil); err != nil {
		return nil, err
	}
	r := &request{
		method: "POST", path: "/encrypted_files",
		accept:      MediaType + ", application/json", // the API answers with either
		contentType: "multipart/form-data; boundary=" + boundary,
		streamLen:   frame.n + int64(encryptedSize(pubs, int64(len(f.Content)))),
		stream: func() io.ReadCloser {
			return newUploadBody(func(w io.Writer) error { return writeUploadForm(w, boundary, fp, f, pubs) })
		},
	}
	resp, err := s.client.do(ctx, r)
	if err != nil {
		if outcomeUnknown(err) {
			return nil, uploadOutcomeUnknown(f.Name, err)
		}
		return nil, err
	}
	v, _, err := decodeOne[EncryptedFile](r, resp)
	if err != nil {
		return nil, uploadOutcomeUnknown(f.Name, unusable2xx(r, resp, err))
	}
	return v, nil
}

func uploadOutcomeUnknown(name string, err error) error {
	return &wrapError{
		text: fmt.Sprintf("didww: file %q may have been uploaded: %s; an encrypted file nothing references is deleted after 24 hours", name, causeText(err)),
		errs: []error{ErrOutcomeUnknown, err},
	}
}

// writeUploadForm writes the multipart form of one upload: the fingerprint,
// the description when there is one, and the file part, whose content is
// the encrypted file (left empty when pubs is nil, to measure the rest).
func writeUploadForm(w io.Writer, boundary, fp string, f *EncryptedFileUpload, pubs []encryptionKey) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	if err := mw.WriteField(uploadFingerprintField, fp); err != nil {
		return err
	}
	if f.Description != "" {
		if err := mw.WriteField(uploadDescriptionField, f.Description); err != nil {
			return err
		}
	}
	part, err := mw.CreateFormFile(uploadFileField, f.Name)
	if err != nil {
		return err
	}
	if pubs != nil {
		if _, err := encryptStream(part, bytes.NewReader(f.Content), pubs); err != nil {
			return err
		}
	}
	return mw.Close()
}

type byteCounter struct{ n int64 }

func (c *byteCounter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// uploadBody is a request body written by a goroutine into a pipe as the
// transport reads it. The goroutine starts at the first Read, so a body
// never read leaves nothing running; Close stops it and waits for it.
type uploadBody struct {
	write func(io.Writer) error
	pr    *io.PipeReader
	pw    *io.PipeWriter
	once  sync.Once
	done  chan struct{}
}

func newUploadBody(write func(io.Writer) error) *uploadBody {
	pr, pw := io.Pipe()
	return &uploadBody{write: write, pr: pr, pw: pw, done: make(chan struct{})}
}

func (b *uploadBody) Read(p []byte) (int, error) {
	b.once.Do(func() {
		go func() {
			defer close(b.done)
			b.pw.CloseWithError(b.write(b.pw)) // nil: the reader sees EOF
		}()
	})
	return b.pr.Read(p)
}

// Close ends the writer (its next write fails) and waits for it.
func (b *uploadBody) Close() error {
	b.pr.Close()
	b.once.Do(func() { close(b.done) }) // never started
	<-b.done
	return nil
}
