package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// The shipped example module's own tests, which mock this provider, pass
// with the CLI the acceptance tests run: Terraform in make check, OpenTofu
// in CI's OpenTofu job (TF_ACC_TERRAFORM_PATH). Terraform attaches to the
// provider served here for its schema; the mocks read nothing.
func TestAccCLI_exampleModuleTestsPassWithAMockedProvider(t *testing.T) {
	testAccPreCheck(t)
	src := filepath.Join("..", "..", "examples", "modules", "lead-report")
	dir := t.TempDir()
	for _, name := range []string{"main.tf", filepath.Join("tests", "mocked.tftest.hcl")} {
		body, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tf := newTerraformCLIIn(t, dir, "")
	out, err := tf.run(t, nil, "test", "-no-color")
	if err != nil {
		t.Fatalf("terraform test: %v\n%s", err, out)
	}
	runs := regexp.MustCompile(`run "([a-z_]+)"\.\.\. pass`).FindAllStringSubmatch(out, -1)
	var passed []string
	for _, r := range runs {
		passed = append(passed, r[1])
	}
	slices.Sort(passed)
	if want := []string{"an_agent_with_no_leads", "an_empty_team", "counts_the_mocked_lists"}; !slices.Equal(passed, want) {
		t.Errorf("runs passed: %v, want %v\n%s", passed, want, out)
	}
}
