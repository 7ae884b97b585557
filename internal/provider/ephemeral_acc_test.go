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
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// testAccProtoV6ProviderFactoriesWithEcho adds terraform-plugin-testing's
// echo provider, which copies an ephemeral value into its state, where a
// test can check it.
var testAccProtoV6ProviderFactoriesWithEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"chatzuri": NewProviderServer("test"),
	"echo":     echoprovider.NewProviderServer(),
}

func TestAccEphemeralLeads_resultIsTheDataSourcesList(t *testing.T) {
	seeded := emulator.SeedLeads("agt_eph", 23)
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 10, Leads: map[string][]emulator.Lead{"agt_eph": seeded}})
	agent := tg.agent("agt_eph")
	want := tg.expectedLeads(t, seeded, agent, "", "")

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + fmt.Sprintf(`
ephemeral "chatzuri_leads" "test" {
  agent_id = %q
}

provider "echo" {
  data = ephemeral.chatzuri_leads.test
}

resource "echo" "test" {}
`, agent),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("id"), knownvalue.StringExact(agent)),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("leads"), leadsMatch(want)),
			},
		}},
	})
}

func TestAccEphemeralConversations_resultIsTheDataSourcesListWithFieldsSelected(t *testing.T) {
	seeded := emulator.SeedConversations("agt_eph", 17)
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_eph": seeded}})
	agent := tg.agent("agt_eph")
	want := tg.expectedConversations(t, seeded, agent, "", "", nil)
	// Only id and source: customer and messages are left null.
	checks := make([]knownvalue.Check, len(want))
	for i, c := range want {
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(c.ID), "source": stringOrNull(c.Source),
			"created_at": knownvalue.Null(), "chatbot_id": knownvalue.Null(), "customer": knownvalue.Null(), "messages": knownvalue.Null(),
		})
	}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + fmt.Sprintf(`
ephemeral "chatzuri_conversations" "test" {
  agent_id = %q
  fields   = ["source", "id"]
}

provider "echo" {
  data = ephemeral.chatzuri_conversations.test
}

resource "echo" "test" {}
`, agent),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("id"), knownvalue.StringExact(agent+"?fields=id,source")),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("conversations"), knownvalue.ListExact(checks)),
			},
		}},
	})
}

func TestAccLeadsDataSource_fieldsKeepOnlyTheAttributesNamed(t *testing.T) {
	seeded := emulator.SeedLeads("agt_fields", 12)
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_fields": seeded}})
	agent := tg.agent("agt_fields")
	want := tg.expectedLeads(t, seeded, agent, "", "")
	checks := make([]knownvalue.Check, len(want))
	for i, l := range want {
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(l.ID), "created_at": stringOrNull(l.CreatedAt),
			"chatbot_owner_user_id": knownvalue.Null(), "chatbot_id": knownvalue.Null(),
			"phone": knownvalue.Null(), "email": knownvalue.Null(), "name": knownvalue.Null(),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: leadsConfig(tg, fmt.Sprintf(`  agent_id = %q
  fields   = ["id", "created_at"]`, agent)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), knownvalue.ListExact(checks)),
					statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("id"), knownvalue.StringExact(agent+"?fields=created_at,id")),
				},
			},
		},
	})
}

// TestAccCLI_ephemeralReadsLeaveNoPersonalDataInStateOrPlan runs what a
// pipeline runs, terraform plan -out and terraform apply of that plan, and
// searches the state and the saved plan for every lead's email, phone and
// name. Read through the ephemeral resource, none may be there; read through
// the data source, they all are: the search can see what it looks for.
func TestAccCLI_ephemeralReadsLeaveNoPersonalDataInStateOrPlan(t *testing.T) {
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
