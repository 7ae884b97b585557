package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// providerAddress is the address the CLI gives source "chatzuri/chatzuri":
// main.go's for Terraform; under OpenTofu (TF_ACC_PROVIDER_HOST, as
// terraform-plugin-testing reads it), the same under OpenTofu's registry.
func providerAddress() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/chatzuri/chatzuri"
}

// terraformCLI runs the Terraform CLI on PATH as a user's shell does, against
// this provider served in-process. It is for what terraform-plugin-testing
// can neither show (what plan prints) nor do (interrupt a run).
type terraformCLI struct {
	bin string
	dir string
	env []string
}

// newTerraformCLI writes config into a fresh working directory, serves the
// provider for Terraform to attach to, and runs terraform init. With logsTo
// set, the provider's logs go to that file at trace level.
func newTerraformCLI(t *testing.T, config string, logsTo string) *terraformCLI {
	t.Helper()
	testAccPreCheck(t)
	dir := t.TempDir()
	config = `
terraform {
  required_providers {
    chatzuri = {
      source = "chatzuri/chatzuri"
    }
  }
}
` + config
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return newTerraformCLIIn(t, dir, logsTo)
}

// newTerraformCLIIn is newTerraformCLI for a working directory that already
// holds its configuration (a module with its own terraform block).
func newTerraformCLIIn(t *testing.T, dir, logsTo string) *terraformCLI {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("the Terraform CLI is not on PATH (or set TF_ACC_TERRAFORM_PATH): %v", err)
		}
	}
	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// Taken before serveInProcess sets TF_LOG for the provider's log sink:
	// Terraform's own logging is for each run to choose (see run).
	env := os.Environ()
	reattach := serveInProcess(t, logsTo)
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_REATTACH_PROVIDERS="+reattach,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	)
	tf := &terraformCLI{bin: bin, dir: dir, env: env}
	// Offline, init installs nothing: Terraform attaches to this provider
	// and terraform_data is built in.
	if out, err := tf.run(t, nil, "init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return tf
}

// command is terraform with args, run in the working directory, with
// extraEnv on top of the test's environment.
func (tf *terraformCLI) command(extraEnv []string, args ...string) *exec.Cmd {
	cmd := exec.Command(tf.bin, args...)
	cmd.Dir = tf.dir
	cmd.Env = append(slices.Clone(tf.env), extraEnv...)
	return cmd
}

// run runs terraform to its end and returns everything it printed.
func (tf *terraformCLI) run(t *testing.T, extraEnv []string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd := tf.command(extraEnv, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// serveInProcess serves a new provider server in this process for Terraform
// to reattach to, as terraform-plugin-testing does, and returns the value of
// TF_REATTACH_PROVIDERS. Being in-process, a test can see the provider's
// goroutines.
func serveInProcess(t *testing.T, logsTo string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	opts := []tf6server.ServeOpt{
		tf6server.WithDebug(ctx, reattach, closed),
		tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
		tf6server.WithoutLogStderrOverride(),
		// As in terraform-plugin-testing: logs follow TF_LOG and
		// TF_ACC_LOG_PATH, and are off without them.
		tf6server.WithLoggingSink(t),
	}
	if logsTo != "" {
		t.Setenv("TF_LOG", "TRACE")
		t.Setenv("TF_ACC_LOG_PATH", logsTo)
	}
	newServer := newProviderServer(testProvider())
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(providerAddress(), func() tfprotov6.ProviderServer {
			s, err := newServer()
			if err != nil {
				panic(err)
			}
			return s
		}, opts...)
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case err := <-served:
		cancel()
		t.Fatalf("serving the provider: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	raw, err := json.Marshal(map[string]any{providerAddress(): map[string]any{
		"Protocol":        string(cfg.Protocol),
		"ProtocolVersion": cfg.ProtocolVersion,
		"Pid":             cfg.Pid,
		"Test":            cfg.Test,
		"Addr":            map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// readGoroutines returns the stacks of the goroutines that are reading for
// the provider: answering ReadDataSource, or paging in the client.
func readGoroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var reading []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "terraform-provider-chatzuri/internal/client.") ||
			strings.Contains(g, "terraform-provider-chatzuri/internal/provider.(*providerServer).ReadDataSource") ||
			strings.Contains(g, "terraform-provider-chatzuri/internal/provider.(*conversationsDataSource).Read") {
			reading = append(reading, g)
		}
	}
	return reading
}

// waitFor polls cond every 10 ms until it holds or d has passed.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// syncBuffer is a bytes.Buffer that a running command can write to while a
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
