package provider

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// TestAccCLI_interruptStopsTheRead presses Ctrl-C (SIGINT to the Terraform
// CLI) in the middle of a long paginated read, where Terraform tells the
// provider to stop: during terraform plan, and during the apply phase of
// terraform apply (a read that waits for a resource), and while the provider
// waits out a 429's Retry-After. The provider must stop reading within 2 s,
// send no request after that, and leave no goroutine of the read behind;
// Terraform must end with an error, not a list.
//
// Terraform waits instead, without telling the provider, for a read made in
// the plan that terraform apply runs first; that read ends by itself.
//
// Serial: it finds the read by the process's goroutines, which parallel
// tests would add to.
func TestAccCLI_interruptStopsTheRead(t *testing.T) {
	const bigLeadsRead = `
data "chatzuri_leads" "big" {
  agent_id  = "agt_big"
  page_size = 10
}
`
	cases := []struct {
		name, data string
		args       []string
		// before is what Terraform prints before the read; want, after it.
		before []string
		want   string
		// rateLimited answers every request 429 with Retry-After: 30, so
		// the interrupt comes while the provider waits to retry.
		rateLimited bool
	}{
		{
			name: "terraform plan, leads",
			data: bigLeadsRead,
			args: []string{"plan", "-input=false", "-no-color"},
			want: "Reading leads was cancelled",
		},
		{
			name: "terraform plan, conversations",
			data: `
data "chatzuri_conversations" "big" {
  agent_id  = "agt_big"
  page_size = 10
}
`,
			args: []string{"plan", "-input=false", "-no-color"},
			want: "Reading conversations was cancelled",
		},
		{
			name: "apply phase of terraform apply, leads",
			data: `
resource "terraform_data" "agent" {
  input = "agt_big"
}

data "chatzuri_leads" "big" {
  agent_id  = terraform_data.agent.output
  page_size = 10
}
`,
			args:   []string{"apply", "-auto-approve", "-input=false", "-no-color"},
			before: []string{"terraform_data.agent: Creation complete", "data.chatzuri_leads.big: Reading..."},
			want:   "Reading leads was cancelled",
		},
		{
			name:        "terraform plan, waiting out a 429",
			data:        bigLeadsRead,
			args:        []string{"plan", "-input=false", "-no-color"},
			want:        "Reading leads was cancelled",
			rateLimited: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// 300 pages, two at a time, 200 ms each: 30 s uninterrupted.
			opts := emulator.Options{Latency: 200 * time.Millisecond, MaxPageSize: 10,
				Leads:         map[string][]emulator.Lead{"agt_big": emulator.SeedLeads("agt_big", 3000)},
				Conversations: map[string][]emulator.Conversation{"agt_big": emulator.SeedConversations("agt_big", 3000)},
			}
			underway := 6
			if tc.rateLimited {
				opts.Faults, opts.RetryAfter = emulator.FaultAlways(emulator.FaultTooManyRequests), "30"
				underway = 1
			}
			tg := newAccTarget(t, opts)
			tg.requireEmulator(t, "it needs a read slow enough to interrupt")
			tf := newTerraformCLI(t, tg.providerConfig("max_concurrent_requests = 2")+tc.data, "")

			var out syncBuffer
			cmd := tf.command(nil, tc.args...)
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			t.Cleanup(func() { _ = cmd.Process.Kill() })

			if !waitFor(20*time.Second, func() bool { return tg.emu.Requests() >= underway || len(exited) > 0 }) || len(exited) > 0 {
				t.Fatalf("the read did not get under way (%d requests); Terraform printed:\n%s", tg.emu.Requests(), out.String())
			}
			if tc.rateLimited {
				time.Sleep(500 * time.Millisecond) // well into the 30 s wait
			}
			if len(readGoroutines()) == 0 {
				t.Fatal("no goroutine of the provider is reading: the test cannot see the read it interrupts")
			}
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			interrupted := time.Now()
			atInterrupt := tg.emu.Requests()

			if !waitFor(2*time.Second, func() bool { return len(readGoroutines()) == 0 }) {
				t.Fatalf("the read was still running 2 s after the interrupt (%d requests since):\n%s",
					tg.emu.Requests()-atInterrupt, strings.Join(readGoroutines(), "\n\n"))
			}
			stopped := tg.emu.Requests()
			t.Logf("read stopped %s after the interrupt; %d requests before it, %d after", time.Since(interrupted).Round(10*time.Millisecond), atInterrupt, stopped-atInterrupt)

			var err error
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second):
				t.Fatalf("Terraform had not exited 30 s after the interrupt; it printed:\n%s", out.String())
			}
			var exitErr *exec.ExitError
			if !errors.As(err, &exitErr) {
				t.Fatalf("Terraform exited with %v after the interrupt, want a failure; it printed:\n%s", err, out.String())
			}
			for _, want := range append(tc.before, tc.want) {
				if !strings.Contains(out.String(), want) {
					t.Errorf("Terraform's output lacks %q:\n%s", want, out.String())
				}
			}
			if n := tg.emu.Requests(); n != stopped {
				t.Errorf("%d requests reached the API after the read stopped", n-stopped)
			}
			if atInterrupt >= 300 {
				t.Errorf("the read had made %d requests before the interrupt; it was not interrupted mid-way", atInterrupt)
			}
		})
	}
}
