package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// The documented for_each keyed by id works whatever fields says, on every
// list that has fields. Run through the CLI: terraform-plugin-testing's
// state checks cannot address for_each instances.
func TestAccCLI_forEachKeyedByIDWorksWithFieldsLeavingIDOut(t *testing.T) {
	leads := emulator.SeedLeads("agt_keyed", 11)
	conversations := emulator.SeedConversations("agt_keyed", 7)
	tg := newAccTarget(t, emulator.Options{
		Leads:         map[string][]emulator.Lead{"agt_keyed": leads},
		Conversations: map[string][]emulator.Conversation{"agt_keyed": conversations},
	})
	agent := tg.agent("agt_keyed")
	outputs := applyOutputs(t, newTerraformCLI(t, tg.providerConfig()+fmt.Sprintf(`
data "chatzuri_leads" "test" {
  agent_id = %[1]q
  fields   = ["email"]
}

data "chatzuri_conversations" "test" {
  agent_id = %[1]q
  fields   = ["source"]
}

resource "terraform_data" "lead" {
  for_each = { for lead in data.chatzuri_leads.test.leads : lead.id => lead }
  input    = each.value.email
}

resource "terraform_data" "conversation" {
  for_each = { for c in data.chatzuri_conversations.test.conversations : c.id => c }
  input    = each.value.source
}

output "lead_keys" {
  value = keys(terraform_data.lead)
}

output "conversation_keys" {
  value = keys(terraform_data.conversation)
}
`, agent), ""))

	var wantLeads, wantConversations []string
	for _, l := range tg.expectedLeads(t, leads, agent, "", "") {
		wantLeads = append(wantLeads, l.ID)
	}
	for _, c := range tg.expectedConversations(t, conversations, agent, "", "", nil) {
		wantConversations = append(wantConversations, c.ID)
	}
	for name, want := range map[string][]string{"lead_keys": wantLeads, "conversation_keys": wantConversations} {
		var got []string
		if err := json.Unmarshal(outputs[name], &got); err != nil {
			t.Fatalf("output %s = %s: %v", name, outputs[name], err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want every id %v", name, got, want)
		}
	}
}
