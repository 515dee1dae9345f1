package didww_test

import (
	"context"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
)

// BenchmarkEnumerateDIDGroups walks 40 pages of 100 DID groups from the
// in-memory API with 100 ms latency per request and the API's 20 requests per
// second limit. The floor is what the limit allows: 40 requests / 20 per
// second = 2.0 s. It reports the wall time as a ratio to that floor, the 429s
// the server answered, and the peak heap growth during the walk.
//
//	go test -run '^$' -bench EnumerateDIDGroups -benchtime 1x -count 5
func BenchmarkEnumerateDIDGroups(b *testing.B) {
	for _, bc := range []struct {
		name     string
		prefetch int
	}{{"prefetch=default", didww.DefaultPrefetch}, {"prefetch=0", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			const pages, perPage, rate = 40, 100, 20
			floor := time.Duration(pages) * time.Second / rate
			srv := didwwtest.NewServer(
				didwwtest.WithCatalogue(didwwtest.LargeCatalogue(pages*perPage)),
				didwwtest.WithLatency(100*time.Millisecond),
				didwwtest.WithRateLimit(rate),
			)
			defer srv.Close()
			client := srv.Client(didww.WithPrefetch(bc.prefetch))
			opts := &didww.DIDGroupListOptions{ListOptions: didww.ListOptions{PageSize: perPage}, Include: []string{"stock_keeping_units"}}

			var total time.Duration
			var peak uint64
			limited := 0
			for b.Loop() {
				// A fresh second for the server's window: earlier iterations' requests age out.
				time.Sleep(1100 * time.Millisecond)
				before := len(srv.RequestLog())
				stop := sampleHeap(&peak)
				start := time.Now()
				n := 0
				for _, err := range client.DIDGroups.All(context.Background(), opts) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				total += time.Since(start)
				stop()
				if n != pages*perPage {
					b.Fatalf("enumerated %d groups, want %d", n, pages*perPage)
				}
				for _, r := range srv.RequestLog()[before:] {
					if r.Status == http.StatusTooManyRequests {
						limited++
					}
				}
			}
			wall := total / time.Duration(b.N)
			b.ReportMetric(float64(wall)/float64(floor), "x-floor")
			b.ReportMetric(wall.Seconds(), "s/walk")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(limited)/float64(b.N), "429s/walk")
		})
	}
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
