package didww

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const exportFileURL = testBaseURL + "/exports/b7bd39d0-6c2f-4a43-a6ee-6e2d5c0b9a8e.csv.gz"

const sampleCSV = "Date/Time Start (UTC),Source,Destination DID,Duration (sec),Call ID\n" +
	"2026-04-01 10:00:00,441234567890,12125550100,61,\"a1,b2\"\n" +
	"2026-04-01 10:05:00,\"say \"\"hi\"\"\",12125550100,5,c3\r\n" +
	"2026-04-01 10:06:00,\"multi\nline\",12125550100,0,d4"

func gzipped(t testing.TB, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = io.WriteString(zw, text)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

func completedExport() *Export {
	return &Export{ID: exportID, Status: ExportCompleted, URL: exportFileURL}
}

// gzipAnswer answers with a gzip file, as the API serves exports.
func gzipAnswer(status int, body []byte) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/gzip")
		return resp, nil
	}
}

func TestExportDownloadWritesDecompressedCSV(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	rec := &recorder{}
	mt.RegisterResponder("GET", exportFileURL, rec.wrap(gzipAnswer(200, gzipped(t, sampleCSV))))

	var out bytes.Buffer
	require.NoError(t, c.Exports.Download(t.Context(), completedExport(), &out))
	assert.Equal(t, sampleCSV, out.String())
	r := rec.only(t)
	assert.Equal(t, testKey, r.Header.Get("Api-Key"))
	assert.Equal(t, DefaultAPIVersion, r.Header.Get("X-DIDWW-API-Version"))
	assert.Equal(t, "text/csv", r.Header.Get("Accept"))
	assert.Equal(t, "didww-go/"+Version, r.Header.Get("User-Agent"))
}

func TestExportDownloadCarriesBearerToken(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(&staticSource{tok: &Token{AccessToken: "tok-123"}}))
	rec := &recorder{}
	mt.RegisterResponder("GET", exportFileURL, rec.wrap(gzipAnswer(200, gzipped(t, sampleCSV))))
	require.NoError(t, c.Exports.Download(t.Context(), completedExport(), io.Discard))
	r := rec.only(t)
	assert.Equal(t, "Bearer tok-123", r.Header.Get("Authorization"))
	assert.Empty(t, r.Header.Get("Api-Key"), "the key goes to the token service only")
}

// countingSource mints tok-1, tok-2, ... one per call.
type countingSource struct{ n atomic.Int32 }

func (s *countingSource) Token(context.Context) (*Token, error) {
	return &Token{AccessToken: fmt.Sprintf("tok-%d", s.n.Add(1))}, nil
}

func TestExportDownloadMintsAnewOnce401(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		refuse  int // answers 401 to the first refuse downloads
		wantErr bool
	}{
		"refused once":  {refuse: 1},
		"refused twice": {refuse: 2, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := &countingSource{}
			c, mt := newTestClient(t, WithAPIVersion(APIVersion20261119), WithTokenSource(src))
			rec := &recorder{}
			mt.RegisterResponder("GET", exportFileURL, rec.wrap(func(r *http.Request) (*http.Response, error) {
				if len(rec.all()) <= tc.refuse {
					return httpmock.NewStringResponse(401, `{"errors":[{"title":"Unauthorized","status":"401"}]}`), nil
				}
				return gzipAnswer(200, gzipped(t, sampleCSV))(r)
			}))
			var out bytes.Buffer
			err := c.Exports.Download(t.Context(), completedExport(), &out)
			var auths []string
			for _, r := range rec.all() {
				auths = append(auths, r.Header.Get("Authorization"))
			}
			assert.Equal(t, []string{"Bearer tok-1", "Bearer tok-2"}, auths, "one new token, one retry")
			if tc.wantErr {
				require.ErrorIs(t, err, ErrUnauthorized)
				assert.Contains(t, err.Error(), "a new one after it")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, sampleCSV, out.String())
		})
	}
}

func TestExportDownloadRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	for name, e := range map[string]*Export{
		"nil":        nil,
		"pending":    {ID: exportID, Status: ExportPending},
		"processing": {ID: exportID, Status: ExportProcessing, URL: exportFileURL},
		"unknown":    {ID: exportID, Status: "archived", URL: exportFileURL},
		"no url":     {ID: exportID, Status: ExportCompleted},
		"other host": {ID: exportID, Status: ExportCompleted, URL: "https://files.example.com/x.csv.gz"},
		"plain http": {ID: exportID, Status: ExportCompleted, URL: "http://api.test/v3/exports/x.csv.gz"},
		"user info":  {ID: exportID, Status: ExportCompleted, URL: "https://u:p@api.test/v3/exports/x.csv.gz"},
	} {
		err := c.Exports.Download(t.Context(), e, io.Discard)
		assert.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	assert.ErrorIs(t, c.Exports.Download(t.Context(), completedExport(), nil), ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestExportDownloadChecksWhatArrives(t *testing.T) {
	t.Parallel()
	good := gzipped(t, sampleCSV)
	badCRC := bytes.Clone(good)
	badCRC[len(badCRC)-6] ^= 0xff
	for name, body := range map[string][]byte{
		"not gzip":        []byte(`{"errors":[]}`),
		"html":            []byte("<html><title>oops</title></html>"),
		"checksum":        badCRC,
		"truncated":       good[:len(good)-10],
		"trailing junk":   append(bytes.Clone(good), "junk"...),
		"field count":     gzipped(t, "a,b,c\n1,2\n"),
		"nul byte":        gzipped(t, "a,b\n1,\x002\n"),
		"open quote":      gzipped(t, "a,b\n1,\"2\n"),
		"bare quote":      gzipped(t, "a,b\n1,x\"y\n"),
		"after close":     gzipped(t, "a,b\n\"1\"x,2\n"),
		"empty":           gzipped(t, ""),
		"only blank line": gzipped(t, "\n\n"),
	} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", exportFileURL, gzipAnswer(200, body))
		err := c.Exports.Download(t.Context(), completedExport(), io.Discard)
		assert.ErrorIs(t, err, ErrDecode, name)
	}
}

func TestExportDownloadAnswersThatAreErrors(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", exportFileURL, httpmock.NewStringResponder(404, ""))
	err := c.Exports.Download(t.Context(), completedExport(), io.Discard)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a download is not retried")

	failing := writerFunc(func([]byte) (int, error) { return 0, io.ErrShortWrite })
	mt.RegisterResponder("GET", exportFileURL, gzipAnswer(200, gzipped(t, sampleCSV)))
	err = c.Exports.Download(t.Context(), completedExport(), failing)
	require.ErrorIs(t, err, io.ErrShortWrite)
	assert.NotErrorIs(t, err, ErrDecode, "the caller's writer failed, not the file")
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestExportDownloadRedirects(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	moved := testBaseURL + "/exports/moved.csv.gz"
	mt.RegisterResponder("GET", exportFileURL, func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(302, "")
		resp.Header.Set("Location", moved)
		return resp, nil
	})
	mt.RegisterResponder("GET", moved, gzipAnswer(200, gzipped(t, sampleCSV)))
	var out bytes.Buffer
	require.NoError(t, c.Exports.Download(t.Context(), completedExport(), &out), "a redirect on the API host is followed")
	assert.Equal(t, sampleCSV, out.String())

	off := &Export{ID: exportID, Status: ExportCompleted, URL: testBaseURL + "/exports/off.csv.gz"}
	mt.RegisterResponder("GET", off.URL, func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(302, "")
		resp.Header.Set("Location", "https://cdn.example.com/off.csv.gz")
		return resp, nil
	})
	rec := &recorder{}
	mt.RegisterResponder("GET", "https://cdn.example.com/off.csv.gz", rec.wrap(gzipAnswer(200, gzipped(t, sampleCSV))))
	err := c.Exports.Download(t.Context(), off, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "refusing redirect off the API host")
	assert.Empty(t, rec.all(), "nothing is sent to another host")
}

// bigCSV is a CSV text of at least size bytes, as an export of many calls.
func bigCSV(size int) string {
	var b strings.Builder
	b.WriteString("Date/Time Start (UTC),Source,Destination DID,Duration (sec),Total (USD),Call ID\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "2026-04-01 %02d:%02d:%02d,4412345%05d,1212555%04d,%d,0.%04d,%08x-%08x\n",
			i/3600%24, i/60%60, i%60, i%100000, i%10000, i%600, i%10000, uint32(i*2654435761), uint32(i*40503))
	}
	return b.String()
}

// A download of a 16 MiB export allocates a small, fixed amount: the file
// is never held in memory. Not parallel, so that no other test's
// allocations count.
func TestExportDownloadMemoryIsBounded(t *testing.T) {
	const size = 16 << 20
	text := bigCSV(size)
	body := gzipped(t, text)
	want := sha256.Sum256([]byte(text))
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", exportFileURL, func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}, nil
	})
	h := sha256.New()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	require.NoError(t, c.Exports.Download(t.Context(), completedExport(), h))
	runtime.ReadMemStats(&after)
	assert.Equal(t, want[:], h.Sum(nil), "every byte arrived")
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("downloaded %d bytes (%d compressed), allocated %d bytes", len(text), len(body), allocated)
	assert.Less(t, allocated, uint64(1<<20), "a download allocates far less than the file's size")
}

func BenchmarkExportDownload(b *testing.B) {
	for _, size := range []int{1 << 20, 16 << 20} {
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			text := bigCSV(size)
			body := gzipped(b, text)
			c, mt := newTestClientB(b)
			mt.RegisterResponder("GET", exportFileURL, func(*http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}, nil
			})
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				require.NoError(b, c.Exports.Download(b.Context(), completedExport(), io.Discard))
			}
		})
	}
}

func newTestClientB(b *testing.B) (*Client, *httpmock.MockTransport) {
	mt := httpmock.NewMockTransport()
	c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: mt}), WithBaseURL(testBaseURL), WithRateLimit(0))
	require.NoError(b, err)
	return c, mt
}
