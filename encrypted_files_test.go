package didww

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// upload is a POST /encrypted_files as the server received it.
type upload struct {
	header        http.Header
	contentLength int64
	body          []byte
}

// uploadServer answers /public_keys with the test keys and every upload
// with status and body, keeping what it received.
type uploadServer struct {
	mu      sync.Mutex
	uploads []upload
	keyGets []http.Header
}

func (u *uploadServer) register(t *testing.T, mt *httpmock.MockTransport, status int, contentType string, body []byte) {
	mt.RegisterResponder("GET", testBaseURL+"/public_keys", func(r *http.Request) (*http.Response, error) {
		u.mu.Lock()
		u.keyGets = append(u.keyGets, r.Header.Clone())
		u.mu.Unlock()
		return jsonAPI(200, fixture(t, "public_keys/list.json"))(r)
	})
	mt.RegisterResponder("POST", testBaseURL+"/encrypted_files", func(r *http.Request) (*http.Response, error) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		u.mu.Lock()
		u.uploads = append(u.uploads, upload{header: r.Header.Clone(), contentLength: r.ContentLength, body: b})
		u.mu.Unlock()
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", contentType)
		return resp, nil
	})
}

// splitUpload checks the form byte for byte around the encrypted part and
// returns that part.
func splitUpload(t *testing.T, u upload, fingerprint, description, name string) []byte {
	t.Helper()
	mt, params, err := mime.ParseMediaType(u.header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	b := params["boundary"]
	require.NotEmpty(t, b)
	head := "--" + b + "\r\nContent-Disposition: form-data; name=\"encrypted_files[encryption_fingerprint]\"\r\n\r\n" + fingerprint + "\r\n"
	if description != "" {
		head += "--" + b + "\r\nContent-Disposition: form-data; name=\"encrypted_files[description]\"\r\n\r\n" + description + "\r\n"
	}
	head += "--" + b + "\r\nContent-Disposition: form-data; name=\"encrypted_files[file]\"; filename=\"" + name + "\"\r\n" +
		"Content-Type: application/octet-stream\r\n\r\n"
	tail := "\r\n--" + b + "--\r\n"
	require.True(t, bytes.HasPrefix(u.body, []byte(head)), "form head:\n%q", u.body[:min(len(u.body), len(head)+40)])
	require.True(t, bytes.HasSuffix(u.body, []byte(tail)), "form tail")
	assert.Equal(t, int64(len(u.body)), u.contentLength, "Content-Length is exact")
	return u.body[len(head) : len(u.body)-len(tail)]
}

func TestEncryptedFilesUploadForm(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var srv uploadServer
	srv.register(t, mt, 201, "application/json", fixture(t, "encrypted_files/create.json"))
	content := pattern(70_001)
	files, err := c.EncryptedFiles.Upload(t.Context(), EncryptedFileUpload{Name: "passport.pdf", Description: "passport.pdf", Content: content})
	require.NoError(t, err)
	require.Len(t, files, 1)
	assert.Equal(t, &EncryptedFile{ID: "6eed102c-66a9-4a9b-a95f-4312d70ec12a", Description: "passport.pdf",
		ExpiresAt: time.Date(2026, 4, 17, 10, 40, 0, 0, time.UTC)}, files[0])

	require.Len(t, srv.keyGets, 1)
	assert.Empty(t, srv.keyGets[0].Values("Api-Key"), "the keys are fetched without a credential")
	require.Len(t, srv.uploads, 1)
	u := srv.uploads[0]
	assert.Equal(t, testKey, u.header.Get("Api-Key"))
	assert.Equal(t, "application/vnd.api+json, application/json", u.header.Get("Accept"))
	assert.Equal(t, DefaultAPIVersion, u.header.Get("X-DIDWW-API-Version"))
	enc := splitUpload(t, u, fingerprintA+":::"+fingerprintB, "passport.pdf", "passport.pdf")
	assert.Len(t, enc, 2*512+(70_001/16+1)*16)
	assert.Equal(t, content, referenceDecrypt(t, enc, testPrivateKey(t, "key_a"), 0), "key A decrypts it")
	assert.Equal(t, content, referenceDecrypt(t, enc, testPrivateKey(t, "key_b"), 1), "key B decrypts it")
}

func TestEncryptedFilesUploadSeveral(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var srv uploadServer
	srv.register(t, mt, 201, MediaType, fixture(t, "encrypted_files/create.json"))
	one, two := []byte("%PDF-1.4 first"), pattern(4096)
	files, err := c.EncryptedFiles.Upload(t.Context(), EncryptedFileUpload{Name: "a.pdf", Content: one}, EncryptedFileUpload{Name: "b.png", Content: two})
	require.NoError(t, err)
	assert.Len(t, files, 2)
	assert.Len(t, srv.keyGets, 1, "the keys are fetched once")
	require.Len(t, srv.uploads, 2, "one file per request")
	fp := fingerprintA + ":::" + fingerprintB
	assert.Equal(t, one, referenceDecrypt(t, splitUpload(t, srv.uploads[0], fp, "", "a.pdf"), testPrivateKey(t, "key_a"), 0))
	assert.Equal(t, two, referenceDecrypt(t, splitUpload(t, srv.uploads[1], fp, "", "b.png"), testPrivateKey(t, "key_b"), 1))
}

func TestEncryptedFilesUploadRefusesBeforeAnything(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	big := make([]byte, MaxUploadFileSize+1)
	for name, f := range map[string]EncryptedFileUpload{
		"files[1].Content": {Name: "big.pdf", Content: big},
		"files[1].Name":    {Content: []byte("x")},
	} {
		_, err := c.EncryptedFiles.Upload(t.Context(), EncryptedFileUpload{Name: "ok.pdf", Content: []byte("ok")}, f)
		var re *RequestError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, name, re.Field)
	}
	_, err := c.EncryptedFiles.Upload(t.Context())
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing fetched, nothing sent")
}

func TestEncryptedFilesUploadOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  int
		body    string
		unknown bool
		want    error
	}{
		{"5xx", 502, "bad gateway", true, ErrServer},
		{"2xx without a file", 200, `{"ids":["x"]}`, true, ErrDecode},
		{"422", 422, `{"errors":[{"title":"outdated fingerprint","code":"100","status":"422"}]}`, false, ErrValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			var srv uploadServer
			srv.register(t, mt, tt.status, MediaType, []byte(tt.body))
			files, err := c.EncryptedFiles.Upload(t.Context(), EncryptedFileUpload{Name: "a.pdf", Content: []byte("doc")})
			assert.Empty(t, files)
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.unknown, errorIsOutcomeUnknown(err), "%v", err)
			assert.Len(t, srv.uploads, 1, "an upload is not retried")
		})
	}
}

func errorIsOutcomeUnknown(err error) bool {
	return errors.Is(err, ErrOutcomeUnknown) && strings.Contains(err.Error(), "may have been uploaded")
}

func TestEncryptedFilesUploadStopsAtTheFailedFile(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/public_keys", jsonAPI(200, fixture(t, "public_keys/list.json")))
	mt.RegisterResponder("POST", testBaseURL+"/encrypted_files", httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewBytesResponse(201, fixture(t, "encrypted_files/create.json")),
		httpmock.NewStringResponse(500, "boom"),
	}))
	files, err := c.EncryptedFiles.Upload(t.Context(),
		EncryptedFileUpload{Name: "a.pdf", Content: []byte("1")}, EncryptedFileUpload{Name: "b.pdf", Content: []byte("2")},
		EncryptedFileUpload{Name: "c.pdf", Content: []byte("3")})
	require.Len(t, files, 1, "the file uploaded before the failure")
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorContains(t, err, `file 2 of 3: file "b.pdf" may have been uploaded`)
	assert.Equal(t, 3, mt.GetTotalCallCount(), "keys, a.pdf, b.pdf; c.pdf is not sent")
}

func TestEncryptedFilesUploadRefusesBadServerKeys(t *testing.T) {
	t.Parallel()
	c, mt := newStrictClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/public_keys", jsonAPI(200, []byte(`{"data":[{"id":"k","type":"public_keys","attributes":{"key":"nope"}}]}`)))
	_, err := c.EncryptedFiles.Upload(t.Context(), EncryptedFileUpload{Name: "a.pdf", Content: []byte("1")})
	assert.ErrorIs(t, err, ErrDecode)
	assert.NotErrorIs(t, err, ErrInvalidRequest, "the server's keys are not the caller's mistake")
}

// A real transport reads the streamed form with its exact Content-Length.
func TestEncryptedFilesUploadOverHTTP(t *testing.T) {
	t.Parallel()
	content := pattern(300_000)
	var got []byte
	var length int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/v3/public_keys" {
			w.Write(fixture(t, "public_keys/list.json"))
			return
		}
		length = r.ContentLength
		mr, err := r.MultipartReader()
		if err != nil {
			w.WriteHeader(400)
			return
		}
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if p.FormName() == "encrypted_files[file]" {
				got, _ = io.ReadAll(p)
			}
		}
		w.WriteHeader(201)
		w.Write(fixture(t, "encrypted_files/create.json"))
	}))
	defer srv.Close()
	c, err := NewClient(testKey, WithBaseURL(srv.URL+"/v3"), WithRateLimit(0))
	require.NoError(t, err)
	files, err := c.EncryptedFiles.Upload(t.Context(), EncryptedFileUpload{Name: "scan.png", Content: content})
	require.NoError(t, err)
	require.Len(t, files, 1)
	assert.Greater(t, length, int64(len(content)), "sent with a Content-Length, not chunked")
	assert.Equal(t, content, referenceDecrypt(t, got, testPrivateKey(t, "key_a"), 0))
}

func TestEncryptedFilesListGetDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/encrypted_files", rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	mt.RegisterResponder("GET", testBaseURL+"/encrypted_files/f1", rec.wrap(jsonAPI(200, fixture(t, "encrypted_files/create.json"))))
	mt.RegisterResponder("DELETE", testBaseURL+"/encrypted_files/f1", rec.wrap(httpmock.NewStringResponder(204, "")))
	_, err := c.EncryptedFiles.List(t.Context(), &EncryptedFileListOptions{ID: []string{"f1"}, Sort: []string{"-expires_at"}})
	require.NoError(t, err)
	f, err := c.EncryptedFiles.Get(t.Context(), "f1", nil)
	require.NoError(t, err)
	assert.Equal(t, "passport.pdf", f.Description)
	require.NoError(t, c.EncryptedFiles.Delete(t.Context(), "f1"))
	reqs := rec.all()
	require.Len(t, reqs, 3)
	assert.Equal(t, "filter%5Bid%5D=f1&sort=-expires_at", reqs[0].RawQuery)
	assert.Equal(t, "DELETE", reqs[2].Method)
	_, err = c.EncryptedFiles.List(t.Context(), &EncryptedFileListOptions{Sort: []string{"name"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}
