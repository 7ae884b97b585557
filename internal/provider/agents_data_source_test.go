package provider

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func agentsConfig(tg *accTarget) string {
	return tg.providerConfig() + `
data "chatzuri_agents" "team" {}
`
}

// expectedAgents is what a read of the team's agents must return. For the
// emulator it is computed from the seeded agent ids, independently of the
// client: every agent with leads or conversations, newest first, named as
// SeedAgent names it, with no owner in Chatbase's shape. For the live API it
// is the API's own answer, read directly.
func (tg *accTarget) expectedAgents(t *testing.T, opts emulator.Options) []client.Agent {
	t.Helper()
	if tg.live {
		return readDirectly(t, tg, client.Agents, nil)
	}
	var seeded []emulator.Agent
	for id := range opts.Leads {
		seeded = append(seeded, emulator.SeedAgent(id))
	}
	for id := range opts.Conversations {
		if _, ok := opts.Leads[id]; !ok {
			seeded = append(seeded, emulator.SeedAgent(id))
		}
	}
	slices.SortFunc(seeded, func(a, b emulator.Agent) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	want := make([]client.Agent, len(seeded))
	for i, a := range seeded {
		want[i] = client.Agent{ID: a.ID, Name: ptr(a.Name), CreatedAt: ptr(a.CreatedAtText()), OwnerUserID: ptr(a.OwnerUserID)}
		if opts.AgentShape == emulator.AgentShapeChatbase {
			want[i].OwnerUserID = nil
		}
	}
	return want
}

func TestAccAgentsDataSource_readsEitherVendorsShape(t *testing.T) {
	t.Parallel()
	for name, shape := range map[string]emulator.AgentShape{"Chatzuri": emulator.AgentShapeChatzuri, "Chatbase": emulator.AgentShapeChatbase} {
		t.Run(name, func(t *testing.T) {
			opts := emulator.Options{
				AgentShape:    shape,
				Leads:         map[string][]emulator.Lead{"agt_demo": emulator.SeedLeads("agt_demo", 3), "agt_sales": nil, "agt_empty": {}},
				Conversations: map[string][]emulator.Conversation{"agt_chat_only": emulator.SeedConversations("agt_chat_only", 2)},
			}
			tg := newAccTarget(t, opts)
			if shape == emulator.AgentShapeChatbase {
				tg.requireEmulator(t, "only the emulator answers in Chatbase's shape on demand")
			}
			want := tg.expectedAgents(t, opts)
			if !tg.live && (len(want) != 4 || *want[0].Name == "") {
				t.Fatalf("test premise: four named agents, got %+v", want)
			}

			config := agentsConfig(tg) + `
output "names_by_id" {
  value = { for a in data.chatzuri_agents.team.agents : a.id => a.name }
}
`
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: config,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data.chatzuri_agents.team", tfjsonpath.New("id"), knownvalue.StringExact("agents")),
							statecheck.ExpectKnownValue("data.chatzuri_agents.team", tfjsonpath.New("agents"), itemsMatch(itemsOf(want), nil)),
						},
					},
					{
						Config:           config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
				},
			})
			if !tg.live {
				// Every agent fits on page 1; page 2 is empty and ends the read.
				requireReadsOfPages(t, tg.emu, false, "", 2, "100")
			}
		})
	}
}

// teamLeadsConfig reads every agent's leads with for_each over the agents,
// keyed by id, and flattens them into one list, each lead with its agent's
// name. terraform-plugin-testing cannot hold for_each instances in its
// state, so the Terraform CLI applies it.
const teamLeadsConfig = `
data "chatzuri_agents" "team" {}

locals {
  agent_names = { for a in data.chatzuri_agents.team.agents : a.id => a.name }
}

data "chatzuri_leads" "all" {
  for_each = local.agent_names
  agent_id = each.key
}

locals {
  leads = flatten([
    for id, d in data.chatzuri_leads.all : [
      for l in d.leads : merge(l, { agent_name = local.agent_names[id] })
    ]
  ])
}

output "total" {
  value = length(local.leads)
}

output "lead_ids_by_agent" {
  value = { for id, d in data.chatzuri_leads.all : id => [for l in d.leads : l.id] }
}

output "agent_names_of_leads" {
  value = { for l in local.leads : l.chatbot_id => l.agent_name... }
}
`

// applyOutputs applies tf's configuration and returns its outputs' values.
func applyOutputs(t *testing.T, tf *terraformCLI, extraEnv ...string) map[string]json.RawMessage {
	t.Helper()
	if out, err := tf.run(t, extraEnv, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	out, err := tf.run(t, extraEnv, "output", "-json")
	if err != nil {
		t.Fatalf("terraform output: %v\n%s", err, out)
	}
	var outputs map[string]struct{ Value json.RawMessage }
	if err := json.Unmarshal([]byte(out), &outputs); err != nil {
		t.Fatalf("terraform output -json: %v\n%s", err, out)
	}
	values := map[string]json.RawMessage{}
	for name, o := range outputs {
		values[name] = o.Value
	}
	return values
}

// The team-wide read the data source exists for: every agent's leads, read
// with for_each over the agents and flattened into one list.
func TestAccAgentsDataSource_everyAgentsLeadsFlattened(t *testing.T) {
	t.Parallel()
	seeded := map[string][]emulator.Lead{
		"agt_support": emulator.SeedLeads("agt_support", 23),
		"agt_sales":   emulator.SeedLeads("agt_sales", 9),
		"agt_empty":   {},
	}
	opts := emulator.Options{MaxPageSize: 5, Leads: seeded,
		Conversations: map[string][]emulator.Conversation{"agt_chat_only": emulator.SeedConversations("agt_chat_only", 3)}}
	tg := newAccTarget(t, opts)
	tg.requireEmulator(t, "it counts the leads it seeded")

	outputs := applyOutputs(t, newTerraformCLI(t, tg.providerConfig()+teamLeadsConfig, ""))

	var total int
	var idsByAgent map[string][]string
	var namesOfLeads map[string][]string
	for name, v := range map[string]any{"total": &total, "lead_ids_by_agent": &idsByAgent, "agent_names_of_leads": &namesOfLeads} {
		if err := json.Unmarshal(outputs[name], v); err != nil {
			t.Fatalf("output %s = %s: %v", name, outputs[name], err)
		}
	}
	if total != 23+9 {
		t.Errorf("the flattened list holds %d leads, want the 32 seeded", total)
	}
	wantIDs := map[string][]string{"agt_chat_only": {}}
	for id, leads := range seeded {
		wantIDs[id] = []string{}
		for _, l := range tg.expectedLeads(t, leads, id, "", "") {
			wantIDs[id] = append(wantIDs[id], l.ID)
		}
	}
	if fmt.Sprint(idsByAgent) != fmt.Sprint(wantIDs) {
		t.Errorf("lead ids by agent = %v\nwant %v", idsByAgent, wantIDs)
	}
	for id, n := range map[string]int{"agt_support": 23, "agt_sales": 9} {
		names := namesOfLeads[id]
		if len(names) != n || slices.ContainsFunc(names, func(name string) bool { return name != emulator.SeedAgent(id).Name }) {
			t.Errorf("the leads of %s carry agent names %q, want %d times %q", id, names, n, emulator.SeedAgent(id).Name)
		}
	}
}

// The examples are applied against the demo catalogue, as a user trying the
// provider with the emulator would.
//
// Serial: it sets the provider's environment variables (t.Setenv).
func TestAccAgentsDataSource_examplesApplyToTheDemoAgents(t *testing.T) {
	opts := emulator.Options{Leads: emulator.DemoLeads(), Conversations: emulator.DemoConversations()}
	tg := newAccTarget(t, opts)
	tg.requireEmulator(t, "it reads the emulator's demo agents")
	// The examples configure no provider: it reads the environment, in
	// this process, where Terraform's reattached provider runs.
	t.Setenv(envAPIKey, tg.apiKey)
	t.Setenv(envBaseURL, tg.baseURL)

	// What each example's output must be with the demo catalogue.
	cases := map[string]struct{ output, want string }{
		"data-source.tf": {"agent_names", `{"agt_demo":"Support (web)","agt_empty":"Onboarding (new)","agt_sales":"Sales (WhatsApp)"}`},
		"data-source-every-agents-leads.tf": {"lead_count_by_agent",
			`{"Onboarding (new) (agt_empty)":0,"Sales (WhatsApp) (agt_sales)":1250,"Support (web) (agt_demo)":12}`},
	}
	for file, tc := range cases {
		t.Run(file, func(t *testing.T) {
			example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", "chatzuri_agents", file))
			if err != nil {
				t.Fatal(err)
			}
			outputs := applyOutputs(t, newTerraformCLI(t, string(example), ""))
			var got any
			if err := json.Unmarshal(outputs[tc.output], &got); err != nil {
				t.Fatalf("output %s: %v", tc.output, err)
			}
			if compact, _ := json.Marshal(got); string(compact) != tc.want {
				t.Errorf("output %s = %s, want %s", tc.output, compact, tc.want)
			}
		})
	}
	if n := tg.emu.Requests(); n < 2+4+14+2 {
		t.Errorf("the emulator saw %d requests: were the examples applied?", n)
	}
}

// chatzuri_agents' row of the list suite (list_suite_test.go): the team
// has n agents, with no leads.
func init() {
	inSuite(suiteRow(agents, listUnderTest{
		serve: func(_ string, n int) emulator.Options {
			opts := emulator.Options{Leads: map[string][]emulator.Lead{}}
			for i := range n {
				opts.Leads[fmt.Sprintf("agt_%02d", i)] = nil
			}
			return opts
		},
		want: func(t *testing.T, tg *accTarget, opts emulator.Options, _ string) []item {
			return itemsOf(tg.expectedAgents(t, opts))
		},
	}))
}

// Each vendor's shape, and a base_url that is not the API, held to the
// framework's state byte for byte as the list suite holds every list.
func TestAgentsRead_fastStateIsTheFrameworksByteForByte(t *testing.T) {
	t.Parallel()
	// The team's agents, seven of them at three a page.
	team := map[string][]emulator.Lead{}
	for i := range 7 {
		team[fmt.Sprintf("agt_%d", i)] = nil
	}
	elsewhere := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", Leads: team}))
	t.Cleanup(elsewhere.Close)
	cases := []struct {
		name   string
		ps     *providerServer
		result string
	}{
		{"Chatzuri's shape, paged", configuredServer(t, emulator.Options{MaxPageSize: 3, Leads: team, AgentShape: emulator.AgentShapeChatzuri}), "list"},
		{"Chatbase's shape, owner null, paged", configuredServer(t, emulator.Options{MaxPageSize: 3, Leads: team, AgentShape: emulator.AgentShapeChatbase}), "list"},
		{"base_url is not the API", configuredServerAt(t, elsewhere.URL+"/not-the-api"), "error"}, // every request answers 404
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requireFastStateIsTheFrameworks(t, tc.ps, "chatzuri_agents", "agents", nil, tc.result)
		})
	}
}
