package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// expectedConversations is what a read of agent must return: computed from
// the seeded conversations for the emulator, independently of the client;
// the API's own answer, read directly, for the live API.
func (tg *accTarget) expectedConversations(t *testing.T, seeded []emulator.Conversation, agent, start, end string, sources []string) []client.Conversation {
	t.Helper()
	if tg.live {
		params := client.ConversationParams(client.AgentWindow{AgentID: agent, StartDate: start, EndDate: end}, sources)
		return readDirectly(t, tg, client.Conversations, params)
	}
	want := []client.Conversation{}
	for i := len(seeded) - 1; i >= 0; i-- { // seeded oldest first; the API answers newest first
		c := seeded[i]
		day := c.CreatedAt.UTC().Format("2006-01-02")
		source := "Unspecified"
		if c.Source != nil {
			source = *c.Source
		}
		if (start != "" && day < start) || (end != "" && day > end) || (len(sources) > 0 && !slices.Contains(sources, source)) {
			continue
		}
		messages := []client.Message{}
		for _, m := range c.Messages {
			messages = append(messages, client.Message{Role: m.Role, Content: m.Content})
		}
		want = append(want, client.Conversation{
			ID: c.ID, CreatedAt: ptr(c.CreatedAtText()), ChatbotID: c.ChatbotID, Customer: c.Customer, Source: c.Source, Messages: messages,
		})
	}
	return want
}

func TestAccConversationsDataSource_dateWindowAndSourcesAreSent(t *testing.T) {
	seeded := emulator.SeedConversations("agt_dates", 150)
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_dates": seeded}})
	agent := tg.agent("agt_dates")
	start := seeded[20].CreatedAt.Format("2006-01-02")
	end := seeded[120].CreatedAt.Format("2006-01-02")
	sources := []string{"WhatsApp", "Widget or Iframe"}
	want := tg.expectedConversations(t, seeded, agent, start, end, sources)
	if !tg.live && (len(want) < 20 || len(want) >= 100) {
		t.Fatalf("test premise: the window and sources should keep part of the conversations, keep %d of %d", len(want), len(seeded))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dataSourceConfig(tg, "chatzuri_conversations", fmt.Sprintf(`  agent_id         = %q
  start_date       = %q
  end_date         = %q
  filtered_sources = ["WhatsApp", "Widget or Iframe"]`, agent, start, end)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("id"),
					knownvalue.StringExact(fmt.Sprintf("%s?end_date=%s&filtered_sources=WhatsApp,Widget or Iframe&start_date=%s", agent, end, start))),
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), itemsMatch(itemsOf(want), nil)),
			},
		}},
	})

	if !tg.live {
		for _, q := range tg.emu.Queries() {
			if q.Get("startDate") != start || q.Get("endDate") != end || q.Get("filteredSources") != "WhatsApp,Widget or Iframe" {
				t.Fatalf("a request carried startDate=%q endDate=%q filteredSources=%q", q.Get("startDate"), q.Get("endDate"), q.Get("filteredSources"))
			}
		}
	}
}

func TestAccConversationsDataSource_readBesideLeadsOfTheSameAgent(t *testing.T) {
	leads := emulator.SeedLeads("agt_both", 25)
	conversations := emulator.SeedConversations("agt_both", 35)
	tg := newAccTarget(t, emulator.Options{
		Leads:         map[string][]emulator.Lead{"agt_both": leads},
		Conversations: map[string][]emulator.Conversation{"agt_both": conversations},
	})
	agent := tg.agent("agt_both")
	wantLeads := tg.expectedLeads(t, leads, agent, "", "")
	wantConversations := tg.expectedConversations(t, conversations, agent, "", "", nil)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + fmt.Sprintf(`
data "chatzuri_leads" "test" {
  agent_id  = %[1]q
  page_size = 10
}

data "chatzuri_conversations" "test" {
  agent_id  = %[1]q
  page_size = 10
}
`, agent),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), itemsMatch(itemsOf(wantLeads), nil)),
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), itemsMatch(itemsOf(wantConversations), nil)),
			},
		}},
	})
}

// chatzuri_conversations' row of the list suite (list_suite_test.go).
func init() {
	inSuite(suiteRow(conversations, listUnderTest{
		serve: func(agent string, n int) emulator.Options {
			return emulator.Options{Conversations: map[string][]emulator.Conversation{agent: emulator.SeedConversations(agent, n)}}
		},
		want: func(t *testing.T, tg *accTarget, opts emulator.Options, agent string) []item {
			return itemsOf(tg.expectedConversations(t, opts.Conversations[suiteAgent], agent, "", "", nil))
		},
		window: func(t *testing.T, tg *accTarget, opts emulator.Options, agent, start, end string) []item {
			return itemsOf(tg.expectedConversations(t, opts.Conversations[suiteAgent], agent, start, end, nil))
		},
		invalid: []invalidArguments{
			{"unknown source", `filtered_sources = ["API", "Telegram"]`, regexp.MustCompile(`(?s)filtered_sources\[1\]\s+is\s+"Telegram",\s+which\s+is\s+not\s+a\s+source\s+Chatzuri\s+documents.*one\s+of.*"Widget\s+or\s+Iframe"`)},
			{"source in the wrong case", `filtered_sources = ["whatsapp"]`, regexp.MustCompile(`(?s)filtered_sources\[0\].*"whatsapp"`)},
			{"duplicate source", `filtered_sources = ["API", "Slack", "API"]`, regexp.MustCompile(`(?s)filtered_sources.*duplicate`)},
			{"no source", `filtered_sources = []`, regexp.MustCompile(`(?s)filtered_sources.*at least 1`)},
			{"start after end", "start_date = \"2026-03-02\"\n  end_date = \"2026-03-01\"", regexp.MustCompile(`(?s)end_date is before start_date.*no conversation\s+could match`)},
			{"not a calendar day", `end_date = "2026-02-30"`, regexp.MustCompile(`(?s)end_date.*"2026-02-30".*not a day of the calendar`)},
		},
	}))
}
