package didww_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/stretchr/testify/require"
)

// BenchmarkEnumerateDIDGroups walks 40 pages of 100 DID groups from the
// in-memory API with 100 ms latency per request, behind a front that enforces
// the API's 20 requests per second as a sliding window (windowServer: a 21st
// arrival within any second gets 429). The floor is what the limit allows
// for one request per 1/20 s: 40 requests / 20 per second = 2.0 s. Each walk
// starts after a quiet second. It reports, over the walks of a run, the mean
// wall time as a ratio to that floor and the slowest walk's, the 429s the
// front answered per walk, the widest spread of arrival delays within a walk
// (how late the latest request arrived against the earliest), and the peak
// heap growth during a walk. The delayed case holds one request in 21 back
// 60 ms more on its way to the server, as a slow link would.
//
//	go test -run '^$' -bench EnumerateDIDGroups -benchtime 1x -count 20
//	go test -run '^$' -bench EnumerateDIDGroups/prefetch=default -benchtime 20x
func BenchmarkEnumerateDIDGroups(b *testing.B) {
	for _, bc := range []struct {
		name     string
		prefetch int
		delayed  time.Duration // extra delivery delay of one request in 21
	}{
		{"prefetch=default", didww.DefaultPrefetch, 0},
		{"prefetch=0", 0, 0},
		{"prefetch=default,delayed=60ms", didww.DefaultPrefetch, 60 * time.Millisecond},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const pages, perPage, rate = 40, 100, 20
			const latency = 100 * time.Millisecond
			floor := time.Duration(pages) * time.Second / rate
			srv := didwwtest.NewServer(
				didwwtest.WithCatalogue(didwwtest.LargeCatalogue(pages*perPage)),
				didwwtest.WithLatency(latency/2),
			)
			defer srv.Close()
			front := newWindowServer(b, srv, rate, latency/2)
			front.slowEvery, front.slow = 21, bc.delayed
			client := benchClient(b, srv.APIKey, front.URL, rate, bc.prefetch)
			opts := &didww.DIDGroupListOptions{ListOptions: didww.ListOptions{PageSize: perPage}, Include: []string{"stock_keeping_units"}}

			var total, worst, spread time.Duration
			var peak uint64
			limited, limitedWalks := 0, 0
			for b.Loop() {
				// A quiet second: earlier walks' requests leave the window.
				time.Sleep(1100 * time.Millisecond)
				_, before, _ := front.stats()
				stop := sampleHeap(&peak)
				start := time.Now()
				n := 0
				for _, err := range client.DIDGroups.All(b.Context(), opts) {
					require.NoError(b, err)
					n++
				}
				wall := time.Since(start)
				stop()
				require.Equal(b, pages*perPage, n, "enumerated %d groups, want %d", n, pages*perPage)
				_, after, walkSpread := front.stats()
				total, worst, spread = total+wall, max(worst, wall), max(spread, walkSpread)
				limited += after - before
				if after > before {
					limitedWalks++
				}
			}
			b.ReportMetric(float64(total)/float64(b.N)/float64(floor), "x-floor")
			b.ReportMetric(float64(worst)/float64(floor), "worst-x-floor")
			b.ReportMetric(float64(limited)/float64(b.N), "429s/walk")
			b.ReportMetric(float64(limitedWalks), "walks-with-429")
			b.ReportMetric(float64(spread)/float64(time.Millisecond), "spread-ms")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
	b.Run("floor", benchEnumerationFloor)
}

// benchEnumerationFloor measures, in the same run and on the same servers,
// what any client at 20 requests per second could do: page k starts at
// exactly k/20 s on its own goroutine and its body is read in full. Its
// requests go through a front with the same uplink that refuses nothing,
// since a schedule this tight trips a sliding window now and then.
func benchEnumerationFloor(b *testing.B) {
	const pages, perPage, rate = 40, 100, 20
	const latency = 100 * time.Millisecond
	floor := time.Duration(pages) * time.Second / rate
	srv := didwwtest.NewServer(
		didwwtest.WithCatalogue(didwwtest.LargeCatalogue(pages*perPage)),
		didwwtest.WithLatency(latency/2),
	)
	defer srv.Close()
	front := newWindowServer(b, srv, math.MaxInt, latency/2)
	hc := &http.Client{}
	get := func(page int) error {
		target := fmt.Sprintf("%s/v3/did_groups?include=stock_keeping_units&page%%5Bnumber%%5D=%d&page%%5Bsize%%5D=%d", front.URL, page, perPage)
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Api-Key", srv.APIKey)
		req.Header.Set("Accept", didww.MediaType)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		if err == nil && (resp.StatusCode != http.StatusOK || n == 0) {
			err = fmt.Errorf("page %d: %d, %d bytes", page, resp.StatusCode, n)
		}
		return err
	}
	var total, worst time.Duration
	for b.Loop() {
		time.Sleep(1100 * time.Millisecond)
		start := time.Now()
		errs := make([]error, pages)
		var wg sync.WaitGroup
		for k := range pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(time.Until(start.Add(time.Duration(k) * time.Second / rate)))
				errs[k] = get(k + 1)
			}()
		}
		wg.Wait()
		wall := time.Since(start)
		require.NoError(b, errors.Join(errs...))
		total, worst = total+wall, max(worst, wall)
	}
	b.ReportMetric(float64(total)/float64(b.N)/float64(floor), "x-floor")
	b.ReportMetric(float64(worst)/float64(floor), "worst-x-floor")
}

// benchClient is a client of key at the front's URL with the API's rate
// limit, the look-ahead given, sent stamps on every request, and the retry
// policy of didwwtest's clients.
func benchClient(tb testing.TB, key, frontURL string, rate float64, prefetch int) *didww.Client {
	tb.Helper()
	c, err := didww.NewClient(key,
		didww.WithBaseURL(frontURL+"/v3"),
		didww.WithRateLimit(rate),
		didww.WithPrefetch(prefetch),
		didww.WithHTTPClient(&http.Client{Transport: stampSends{http.DefaultTransport}}),
		didww.WithRetryPolicy(didww.RetryPolicy{MaxRetries: 3, BaseDelay: 2 * time.Millisecond, MaxDelay: 2 * time.Second}),
	)
	require.NoError(tb, err)
	return c
}

// sampleHeap records the largest heap growth over the current heap until
// the returned stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for !done.Load() {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base && m.HeapAlloc-base > *peak {
				*peak = m.HeapAlloc - base
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); wg.Wait() }
}
