package release

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// envCLI names the Terraform or OpenTofu CLI the tests run, as for make
// demo and make examples-check; by default `terraform` from PATH.
const envCLI = "TERRAFORM"

// cliTimeout bounds one CLI command: init downloads a zip from 127.0.0.1, so
// anything near it means the CLI is waiting on something it should not.
const cliTimeout = 3 * time.Minute

// cli is the Terraform or OpenTofu CLI under test.
type cli struct {
	path     string
	name     string // "Terraform" or "OpenTofu"
	registry string // the host a bare "chatzuri/chatzuri" source means to it
}

func cliUnderTest(t *testing.T) cli {
	t.Helper()
	name := os.Getenv(envCLI)
	if name == "" {
		name = "terraform"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("this test runs the Terraform or OpenTofu CLI (%s=%q): %v", envCLI, name, err)
	}
	// With the environment's CLI configuration a missing file, OpenTofu
	// prints its warning on stdout, before the version.
	cmd := exec.CommandContext(t.Context(), path, "version")
	cmd.Env = cliEnv(os.DevNull, nil)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s version: %v", path, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	switch {
	case strings.HasPrefix(first, "Terraform v"):
		return cli{path, "Terraform", "registry.terraform.io"}
	case strings.HasPrefix(first, "OpenTofu v"):
		return cli{path, "OpenTofu", "registry.opentofu.org"}
	}
	t.Fatalf("%s version printed %q: neither Terraform nor OpenTofu", path, first)
	return cli{}
}

// run runs the CLI in dir with the given CLI configuration and more
// environment, and none of the caller's TF_ and CHATZURI_ variables (a
// plugin cache or another CLI configuration would change what is
// installed), and returns what it printed.
func (c cli) run(t *testing.T, dir, cliConfig string, env []string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), cliTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.path, args...)
	cmd.Dir = dir
	cmd.Env = cliEnv(cliConfig, env)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s %s ran past %s:\n%s", c.name, strings.Join(args, " "), cliTimeout, out)
	}
	return string(out), err
}

// cliEnv is the caller's environment without its TF_, CHATZURI_ and
// SSL_CERT_ variables, with the CLI configuration cliConfig and env.
func cliEnv(cliConfig string, env []string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "CHATZURI_") && !strings.HasPrefix(kv, "SSL_CERT_") {
			out = append(out, kv)
		}
	}
	out = append(out, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return append(out, env...)
}

// registryCLIConfig writes a CLI configuration whose host blocks send both
// registries' provider service to providersURL: Terraform resolves
// "chatzuri/chatzuri" on registry.terraform.io, OpenTofu on
// registry.opentofu.org. A host block replaces the host's service
// discovery (/.well-known/terraform.json) in both CLIs alike
// (ForceHostServices in their commands.go, as of Terraform 1.15 and
// OpenTofu 1.12); no provider_installation block, so installation is
// "direct", from the registry, as for a user.
func registryCLIConfig(t *testing.T, providersURL string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cli.tfrc")
	var b strings.Builder
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		fmt.Fprintf(&b, "host %q {\n  services = {\n    \"providers.v1\" = %q\n  }\n}\n", host, providersURL)
	}
	writeFile(t, path, b.String())
	return path
}

// ansi matches the colour codes some CLI messages carry even with -no-color.
var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func plain(s string) string { return ansi.ReplaceAllString(s, "") }
