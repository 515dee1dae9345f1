// Command export_cdrs exports the inbound call records of the last day,
// waits for DIDWW to build the file, downloads it decompressed to
// cdrs.csv (or the path given as the first argument), and prints how many
// calls it holds.
//
//	go run ./examples/export_cdrs [file.csv]
//
// Without DIDWW_API_KEY it runs against the in-memory API of package
// didwwtest. With DIDWW_API_KEY it uses your account (DIDWW_ENVIRONMENT=
// sandbox, the default, or production); exports cost nothing.
package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/didww-go/didww"
	"github.com/didww-go/didww/didwwtest"
	"github.com/didww-go/didww/internal/example"
)

// pollEvery is how often the example asks whether the export is ready.
const pollEvery = time.Second

func main() {
	key := os.Getenv("DIDWW_API_KEY")
	var client *didww.Client
	var err error
	if key != "" {
		var env didww.Environment
		if env, err = example.Environment(); err == nil {
			client, err = didww.NewClient(key, didww.WithEnvironment(env))
		}
	} else {
		srv := didwwtest.NewServer()
		defer srv.Close()
		client = srv.Client()
	}
	path := "cdrs.csv"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	example.Main(example.Program{Name: "export_cdrs", InMemory: key == ""}, client, err, func(ctx context.Context, out io.Writer) error {
		return run(ctx, client, out, path, time.Now())
	})
}

func run(ctx context.Context, client *didww.Client, out io.Writer, path string, now time.Time) error {
	to := now.UTC().Truncate(time.Hour)
	e, err := client.Exports.Create(ctx, &didww.ExportCreateRequest{
		Filters: didww.CDRInFilters{From: to.Add(-24 * time.Hour), To: to},
	})
	if err != nil {
		return fmt.Errorf("create the export: %w", err)
	}
	fmt.Fprintf(out, "Export     %s of inbound calls %s to %s: %s\n", e.ID, to.Add(-24*time.Hour).Format(time.DateTime), to.Format(time.DateTime), e.Status)
	if e, err = client.Exports.Wait(ctx, e.ID, pollEvery); err != nil {
		return fmt.Errorf("wait for the export: %w", err)
	}
	fmt.Fprintf(out, "Completed  %s\n", e.Status)
	if err := download(ctx, client, e, path); err != nil {
		return err
	}
	calls, err := countRows(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Saved      %s: %d calls\n", path, calls)
	return nil
}

// download writes the export's CSV file to path, removing it on failure.
func download(ctx context.Context, client *didww.Client, e *didww.Export, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = client.Exports.Download(ctx, e, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("download the export: %w", err)
	}
	return nil
}

// countRows counts the records of a CSV file after its header line. A CDR
// export has no line breaks inside its fields, so lines are records.
func countRows(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	lines := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if len(sc.Bytes()) > 0 {
			lines++
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return max(lines-1, 0), nil
}
