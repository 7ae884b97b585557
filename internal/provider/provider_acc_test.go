package provider

import (
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// The tests of the environment variables are serial: t.Setenv sets them
// for the whole process.

func TestAccProvider_configuredFromEnvironment(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_env": emulator.SeedLeads("agt_env", 5)}})
	// As `export CHATZURI_API_KEY=$(cat key.txt)` or a secret file leaves it:
	// the newline is not part of the key.
	t.Setenv(envAPIKey, tg.apiKey+"\n")
	t.Setenv(envBaseURL, tg.baseURL)
	t.Setenv(envMaxRetries, "0")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "chatzuri" {}

data "chatzuri_leads" "test" {
  agent_id = %q
}
`, tg.agent("agt_env")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), knownvalue.NotNull()),
			},
		}},
	})
	if !tg.live && tg.emu.Requests() == 0 {
		t.Fatal("the provider configured from the environment never reached the emulator")
	}
}

func TestAccProvider_attributesWinOverEnvironment(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_attr": emulator.SeedLeads("agt_attr", 5)}})
	// Every variable is wrong, or even invalid: the attributes must win
	// without the environment being read, let alone validated.
	t.Setenv(envAPIKey, "wrong-key-from-env")
	t.Setenv(envBaseURL, "http://192.0.2.10/api/v1")
	t.Setenv(envMaxRetries, "many")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dataSourceConfig(tg, "chatzuri_leads", fmt.Sprintf(`  agent_id = %q`, tg.agent("agt_attr"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestAccProvider_configurationErrorsNameTheFix(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_a": {}}})
	data := fmt.Sprintf(`
data "chatzuri_leads" "test" {
  agent_id = %q
}
`, tg.agent("agt_a"))

	cases := []struct {
		name   string
		env    map[string]string // "" unsets
		config string
		want   string
	}{
		{"no key anywhere", map[string]string{envAPIKey: ""}, `provider "chatzuri" {}`, `(?s)Missing Chatzuri API key.*CHATZURI_API_KEY`},
		{"empty key attribute", nil, `provider "chatzuri" { api_key = "" }`, `(?s)api_key is empty`},
		{"relative base_url", nil, `provider "chatzuri" { base_url = "api/v1" }`, `(?s)Invalid base URL.*not an absolute URL`},
		{"plain http to a remote host", nil, `provider "chatzuri" { base_url = "http://api.example.com/v1" }`, `(?s)Invalid base URL.*clear text`},
		{"invalid base URL variable", map[string]string{envAPIKey: "k", envBaseURL: "http://api.example.com/v1"}, `provider "chatzuri" {}`, `(?s)Invalid CHATZURI_BASE_URL.*clear text`},
		{"invalid retries variable", map[string]string{envAPIKey: "k", envMaxRetries: "lots"}, `provider "chatzuri" {}`, `(?s)Invalid CHATZURI_MAX_RETRIES.*"lots".*0 to 20`},
		{"negative retries", nil, `provider "chatzuri" { max_retries = -1 }`, `(?s)max_retries is -1; it must be a whole number from 0 to 20`},
		{"timeout without a unit", nil, `provider "chatzuri" { request_timeout = "30" }`, `(?s)Invalid duration.*request_timeout.*"30s"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envBaseURL, tg.baseURL)
			for k, v := range tc.env {
				t.Setenv(k, v)
				if v == "" {
					os.Unsetenv(k)
				}
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.config + data,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestAccProvider_unknownKeyAtPlanIsExplained(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_a": {}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "key" {
  input = "later"
}

provider "chatzuri" {
  base_url = %q
  api_key  = terraform_data.key.output
}

data "chatzuri_leads" "test" {
  agent_id = %q
}
`, tg.baseURL, tg.agent("agt_a")),
			ExpectError: regexp.MustCompile(`(?s)api_key is not known yet`),
		}},
	})
}

func TestAccProvider_requestTimeoutBoundsEachTry(t *testing.T) {
	// Every response takes 3 s; the provider allows 1 s a try and no retries.
	tg := newAccTarget(t, emulator.Options{Latency: 3 * time.Second, Leads: map[string][]emulator.Lead{"agt_slow": emulator.SeedLeads("agt_slow", 3)}})
	tg.requireEmulator(t, "it needs a server slower than the timeout")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig(`request_timeout = "1s"`) + `
data "chatzuri_leads" "test" {
  agent_id = "agt_slow"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Request to Chatzuri timed out.*page 1.*after 2 tries`),
		}},
	})
}

// TestAccDataSources_readTimeoutEndsTheWholeRead: each page takes 400 ms; the
// whole read may take 1 s; a page alone may take 30 s. The read must end,
// with no list, saying timeouts.read.
func TestAccDataSources_readTimeoutEndsTheWholeRead(t *testing.T) {
	for _, what := range []string{"leads", "conversations"} {
		t.Run(what, func(t *testing.T) {
			tg := newAccTarget(t, emulator.Options{Latency: 400 * time.Millisecond, MaxPageSize: 5,
				Leads:         map[string][]emulator.Lead{"agt_slow": emulator.SeedLeads("agt_slow", 100)},
				Conversations: map[string][]emulator.Conversation{"agt_slow": emulator.SeedConversations("agt_slow", 100)},
			})
			tg.requireEmulator(t, "it needs a slow server")

			started := time.Now()
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: tg.providerConfig("max_concurrent_requests = 1") + fmt.Sprintf(`
data "chatzuri_%s" "test" {
  agent_id  = "agt_slow"
  page_size = 5
  timeouts = {
    read = "1s"
  }
}
`, what),
					ExpectError: regexp.MustCompile(`(?s)Reading ` + what + ` ran out of time.*"agt_slow".*1s.*timeouts.read`),
				}},
			})
			// 20 pages at 400 ms would take 8 s.
			if elapsed := time.Since(started); elapsed > 6*time.Second {
				t.Errorf("the read took %s; timeouts.read should have ended it after 1 s", elapsed.Round(100*time.Millisecond))
			}
		})
	}
}
