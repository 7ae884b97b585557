package provider

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// testAccProtoV6ProviderFactoriesWithEcho adds terraform-plugin-testing's
// echo provider, which copies an ephemeral value into its state, where a
// test can check it.
var testAccProtoV6ProviderFactoriesWithEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"chatzuri": newProviderServer(testProvider()),
	"echo":     echoprovider.NewProviderServer(),
}

// TestAccCLI_ephemeralReadsLeaveNoPersonalDataInStateOrPlan runs what a
// pipeline runs, terraform plan -out and terraform apply of that plan, and
// searches the state and the saved plan for every lead's email, phone and
// name. Read through the ephemeral resource, none may be there; read through
// the data source, they all are: the search can see what it looks for.
func TestAccCLI_ephemeralReadsLeaveNoPersonalDataInStateOrPlan(t *testing.T) {
	t.Parallel()
	leads := emulator.SeedLeads("agt_gdpr", 30)
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 10, Leads: map[string][]emulator.Lead{"agt_gdpr": leads}})
	tg.requireEmulator(t, "it needs to know every lead's personal data in advance")
	var personal []string
	for _, l := range leads {
		for _, v := range []*string{l.Email, l.Phone, l.Name} {
			if v != nil {
				personal = append(personal, *v)
			}
		}
	}

	for _, tc := range []struct {
		name, read, ref string
		wantFound       bool
	}{
		{"ephemeral resource", "ephemeral", "ephemeral.chatzuri_leads.new", false},
		{"data source", "data", "data.chatzuri_leads.new", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pushed := filepath.Join(t.TempDir(), "pushed.json")
			tf := newTerraformCLI(t, tg.providerConfig()+fmt.Sprintf(`
%s "chatzuri_leads" "new" {
  agent_id = "agt_gdpr"
}

# Pushes the leads on, as a CRM webhook call would.
resource "terraform_data" "push" {
  triggers_replace = plantimestamp()

  provisioner "local-exec" {
    command = "printf '%%s' \"$LEADS\" > %s"
    environment = {
      LEADS = jsonencode(%s.leads)
    }
  }
}
`, tc.read, pushed, tc.ref), "")
			if out, err := tf.run(t, nil, "plan", "-input=false", "-no-color", "-out=run.tfplan"); err != nil {
				t.Fatalf("terraform plan: %v\n%s", err, out)
			}
			if out, err := tf.run(t, nil, "apply", "-input=false", "-no-color", "run.tfplan"); err != nil {
				t.Fatalf("terraform apply: %v\n%s", err, out)
			}
			// The provisioner got every lead.
			if got := readFile(t, pushed); !containsAll(got, personal...) {
				t.Fatalf("the provisioner did not get every lead: %d bytes", len(got))
			}
			stored := readFile(t, filepath.Join(tf.dir, "terraform.tfstate")) + "\n" + unzipAll(t, filepath.Join(tf.dir, "run.tfplan"))
			found := 0
			for _, p := range personal {
				if strings.Contains(stored, p) {
					found++
				}
			}
			switch {
			case tc.wantFound && found != len(personal):
				t.Fatalf("the search found %d of %d lead values in the state and plan of a data source read; it cannot see them all", found, len(personal))
			case !tc.wantFound && found > 0:
				t.Fatalf("%d of %d lead values were written to the state or the saved plan", found, len(personal))
			}
		})
	}
}

// unzipAll is every file of a saved plan (a zip archive), uncompressed.
func unzipAll(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("the saved plan is not a zip archive: %v", err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteByte('\n')
	}
	if len(zr.File) < 2 {
		t.Fatalf("the saved plan holds %d files", len(zr.File))
	}
	return all.String()
}
