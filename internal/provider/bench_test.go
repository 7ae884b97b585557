package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// BenchmarkReadLeads and BenchmarkReadConversations measure what one read
// of a list costs the provider: the ReadDataSource call Terraform makes,
// from the first request to the state's msgpack, each page encoded as it
// arrives. The emulator runs as a separate process, so the CPU time
// reported is the provider's alone. Run them with `make bench` (one
// iteration each, -benchmem).
func BenchmarkReadLeads(b *testing.B) {
	benchmarkRead(b, "leads", "-agents", []int{1_000, 10_000, 100_000})
}

func BenchmarkReadConversations(b *testing.B) {
	benchmarkRead(b, "conversations", "-conversations", []int{1_000, 10_000, 50_000})
}

func benchmarkRead(b *testing.B, list, seedFlag string, counts []int) {
	var agents []string
	for _, n := range counts {
		agents = append(agents, fmt.Sprintf("agt_%d=%d", n, n))
	}
	for _, latency := range []time.Duration{0, benchLatency(b)} {
		emu := startEmulatorProcess(b, latency, seedFlag, strings.Join(agents, ","))
		for _, n := range counts {
			for _, c := range benchConcurrencies(b) {
				name := fmt.Sprintf("latency=%s/%s=%d/concurrency=%d", latency, list, n, c)
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					var requests int
					var cpu time.Duration
					for b.Loop() {
						before, cpuBefore := emu.requests(b), processCPU()
						state := readIntoState(b, emu.baseURL, list, fmt.Sprintf("agt_%d", n), c)
						cpu += processCPU() - cpuBefore
						requests += emu.requests(b) - before
						if got := listLength(b, state, list); got != n {
							b.Fatalf("read %d %s, want %d", got, list, n)
						}
					}
					per := float64(b.N)
					// Every page is full but the empty one that ends the
					// list; a concurrent read of three pages or more reads page 1 once
					// more at the end.
					pages := n/client.DefaultPageSize + 1
					overfetched := float64(requests)/per - float64(pages)
					if c > 1 && pages > 2 {
						overfetched--
					}
					b.ReportMetric(float64(requests)/per, "requests/op")
					b.ReportMetric(overfetched, "overfetched/op")
					b.ReportMetric(cpu.Seconds()/per, "cpu-s/op")
					if latency > 0 {
						floor := math.Ceil(float64(pages)/float64(c)) * latency.Seconds()
						b.ReportMetric(b.Elapsed().Seconds()/per/floor, "x-floor")
					}
				})
			}
		}
	}
}

// benchLatency is the emulator's per-request latency for the runs that have
// one: 50 ms, or CHATZURI_BENCH_LATENCY (such as "100ms"), which make bench
// also uses for its end-to-end parts.
func benchLatency(b *testing.B) time.Duration {
	spec := os.Getenv("CHATZURI_BENCH_LATENCY")
	if spec == "" {
		return 50 * time.Millisecond
	}
	d, err := time.ParseDuration(spec)
	if err != nil || d <= 0 {
		b.Fatalf("CHATZURI_BENCH_LATENCY: %q is not a duration above 0, such as \"100ms\"", spec)
	}
	return d
}

// benchConcurrencies is 1 and the default, or the list in
// CHATZURI_BENCH_CONCURRENCY (such as "1,4,8,16") for choosing a default.
func benchConcurrencies(b *testing.B) []int {
	spec := os.Getenv("CHATZURI_BENCH_CONCURRENCY")
	if spec == "" {
		return []int{1, client.DefaultMaxConcurrentRequests}
	}
	var cs []int
	for _, f := range strings.Split(spec, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 {
			b.Fatalf("CHATZURI_BENCH_CONCURRENCY: %q is not a whole number of at least 1", f)
		}
		cs = append(cs, c)
	}
	return cs
}

// readIntoState makes the ReadDataSource call Terraform makes, on a provider
// server configured against baseURL, and returns the state's msgpack.
func readIntoState(b *testing.B, baseURL, list, agent string, concurrency int) []byte {
	ps, err := NewProviderServer("bench")()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	schemas, _ := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	provType := schemas.Provider.ValueType()
	config, err := tfprotov6.NewDynamicValue(provType, tftypes.NewValue(provType, map[string]tftypes.Value{
		"api_key":                 tftypes.NewValue(tftypes.String, "demo-key"),
		"base_url":                tftypes.NewValue(tftypes.String, baseURL),
		"max_retries":             tftypes.NewValue(tftypes.Number, nil),
		"max_concurrent_requests": tftypes.NewValue(tftypes.Number, concurrency),
		"request_timeout":         tftypes.NewValue(tftypes.String, nil),
	}))
	if err != nil {
		b.Fatal(err)
	}
	if resp, err := ps.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config}); err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	typ := schemas.DataSourceSchemas["chatzuri_"+list].ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, ty := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(ty, nil)
	}
	vals["agent_id"] = tftypes.NewValue(tftypes.String, agent)
	dsConfig, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		b.Fatal(err)
	}
	resp, err := ps.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "chatzuri_" + list, Config: &dsConfig})
	if err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("read: %v %v", err, resp.Diagnostics)
	}
	return resp.State.MsgPack
}

// listLength reads the length of the list attribute name out of a state's
// msgpack, without decoding the list.
func listLength(b *testing.B, state []byte, name string) int {
	dec := msgpack.NewDecoder(bytes.NewReader(state))
	n, err := dec.DecodeMapLen()
	if err != nil {
		b.Fatal(err)
	}
	for range n {
		key, err := dec.DecodeString()
		if err != nil {
			b.Fatal(err)
		}
		if key == name {
			length, err := dec.DecodeArrayLen()
			if err != nil {
				b.Fatal(err)
			}
			return length
		}
		if err := dec.Skip(); err != nil {
			b.Fatal(err)
		}
	}
	b.Fatalf("the state has no %s", name)
	return 0
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type emulatorProcess struct {
	baseURL, statsURL string
}

var buildEmulator = sync.OnceValues(func() (string, error) {
	if path := os.Getenv("CHATZURI_BENCH_EMULATOR"); path != "" {
		return path, nil
	}
	dir, err := os.MkdirTemp("", "chatzuri-bench")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "chatzuri-emulator")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/chatzuri/terraform-provider-chatzuri/cmd/chatzuri-emulator").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building the emulator: %v\n%s", err, out)
	}
	return bin, nil
})

// startEmulatorProcess runs the emulator on 127.0.0.1 with the given
// per-request latency and agents (seedFlag "-agents" seeds leads,
// "-conversations" conversations), until the benchmark ends.
func startEmulatorProcess(b *testing.B, latency time.Duration, seedFlag, agents string) *emulatorProcess {
	b.Helper()
	bin, err := buildEmulator()
	if err != nil {
		b.Fatal(err)
	}
	urlFile := filepath.Join(b.TempDir(), "url")
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-latency", latency.String(), seedFlag, agents, "-url-file", urlFile)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if raw, err := os.ReadFile(urlFile); err == nil && len(raw) > 0 {
			base := strings.TrimSpace(string(raw))
			return &emulatorProcess{baseURL: base, statsURL: strings.TrimSuffix(base, "/api/v1") + "/_emulator/stats"}
		}
	}
	b.Fatal("the emulator did not start")
	return nil
}

func (e *emulatorProcess) requests(b *testing.B) int {
	resp, err := http.Get(e.statsURL)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var stats struct {
		Requests int `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		b.Fatal(err)
	}
	return stats.Requests
}
