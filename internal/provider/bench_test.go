package provider

import (
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

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// BenchmarkReadLeads measures what one chatzuri_leads read costs the
// provider: every page through the client, each page converted to Terraform
// values as it arrives, and the result set into the data source's state.
// The emulator runs as a separate process, so the CPU time reported is the
// provider's alone. Run it with `make bench` (one iteration each, -benchmem).
func BenchmarkReadLeads(b *testing.B) {
	counts := []int{1_000, 10_000, 100_000}
	var agents []string
	for _, n := range counts {
		agents = append(agents, fmt.Sprintf("agt_%d=%d", n, n))
	}
	for _, latency := range []time.Duration{0, 50 * time.Millisecond} {
		emu := startEmulatorProcess(b, latency, strings.Join(agents, ","))
		for _, n := range counts {
			for _, c := range benchConcurrencies(b) {
				name := fmt.Sprintf("latency=%s/leads=%d/concurrency=%d", latency, n, c)
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					var requests, overfetched, pages int
					var cpu time.Duration
					for b.Loop() {
						before, cpuBefore := emu.requests(b), processCPU()
						st := readIntoState(b, emu.baseURL, fmt.Sprintf("agt_%d", n), c)
						cpu += processCPU() - cpuBefore
						requests += emu.requests(b) - before
						overfetched += st.Overfetched
						pages = st.Pages
						if st.Items != n {
							b.Fatalf("read %d leads, want %d", st.Items, n)
						}
					}
					per := float64(b.N)
					b.ReportMetric(float64(requests)/per, "requests/op")
					b.ReportMetric(float64(overfetched)/per, "overfetched/op")
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

// readIntoState does what the data source's Read does with a client.
func readIntoState(b *testing.B, baseURL, agent string, concurrency int) client.Stats {
	c, err := client.New(client.Config{BaseURL: baseURL, APIKey: "demo-key", MaxConcurrentRequests: concurrency})
	if err != nil {
		b.Fatal(err)
	}
	var leads leadsBuilder
	st, err := c.EachLeadsPage(context.Background(), client.LeadsQuery{AgentID: agent}, leads.add)
	if err != nil {
		b.Fatal(err)
	}
	s := leadsSchema(b)
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
	model := leadsDataSourceModel{ID: types.StringValue(agent), AgentID: types.StringValue(agent)}
	if diags := setLeadsState(context.Background(), &state, model, &leads); diags.HasError() {
		b.Fatal(diags)
	}
	return st
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
// per-request latency and agents, until the benchmark ends.
func startEmulatorProcess(b *testing.B, latency time.Duration, agents string) *emulatorProcess {
	b.Helper()
	bin, err := buildEmulator()
	if err != nil {
		b.Fatal(err)
	}
	urlFile := filepath.Join(b.TempDir(), "url")
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-latency", latency.String(), "-agents", agents, "-url-file", urlFile)
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
