package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func conversationsConfig(tg *accTarget, args string) string {
	return tg.providerConfig() + fmt.Sprintf(`
data "chatzuri_conversations" "test" {
%s
}
`, args)
}

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

// conversationsMatch checks the conversations attribute field by field and
// message by message, in order.
func conversationsMatch(conversations []client.Conversation) knownvalue.Check {
	checks := make([]knownvalue.Check, len(conversations))
	for i, c := range conversations {
		messages := make([]knownvalue.Check, len(c.Messages))
		for j, m := range c.Messages {
			messages[j] = knownvalue.ObjectExact(map[string]knownvalue.Check{
				"role":    stringOrNull(m.Role),
				"content": stringOrNull(m.Content),
			})
		}
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":         knownvalue.StringExact(c.ID),
			"created_at": stringOrNull(c.CreatedAt),
			"chatbot_id": stringOrNull(c.ChatbotID),
			"customer":   stringOrNull(c.Customer),
			"source":     stringOrNull(c.Source),
			"messages":   knownvalue.ListExact(messages),
		})
	}
	return knownvalue.ListExact(checks)
}

func TestAccConversationsDataSource_readsEveryPageInOrder(t *testing.T) {
	seeded := emulator.SeedConversations("agt_pages", 57)
	// The server caps size at 20 while 25 are asked for: every page is
	// short, and the read must go on until the empty page.
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 20, Conversations: map[string][]emulator.Conversation{"agt_pages": seeded}})
	agent := tg.agent("agt_pages")
	want := tg.expectedConversations(t, seeded, agent, "", "", nil)
	config := tg.providerConfig("max_concurrent_requests = 1") + fmt.Sprintf(`
data "chatzuri_conversations" "test" {
  agent_id  = %q
  page_size = 25
}
`, agent)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("id"), knownvalue.StringExact(agent)),
					statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), conversationsMatch(want)),
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})

	if !tg.live {
		// 57 conversations at 20 a page: pages 1-3 hold them, page 4 is empty.
		requireReadsOfPages(t, tg.emu, agent, 4, "25")
	}
}

func TestAccConversationsDataSource_emptyAgentGivesEmptyList(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_empty": {}}})
	tg.requireEmulator(t, "it needs an agent with no conversations")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: conversationsConfig(tg, `  agent_id = "agt_empty"`) + `
output "count" {
  value = length(data.chatzuri_conversations.test.conversations)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(0)),
			},
		}},
	})
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

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: conversationsConfig(tg, fmt.Sprintf(`  agent_id         = %q
  start_date       = %q
  end_date         = %q
  filtered_sources = ["WhatsApp", "Widget or Iframe"]`, agent, start, end)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("id"),
					knownvalue.StringExact(fmt.Sprintf("%s?end_date=%s&filtered_sources=WhatsApp,Widget or Iframe&start_date=%s", agent, end, start))),
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), conversationsMatch(want)),
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

func TestAccConversationsDataSource_maxConversationsCutsTheList(t *testing.T) {
	seeded := emulator.SeedConversations("agt_many", 30)
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_many": seeded}})
	agent := tg.agent("agt_many")
	want := tg.expectedConversations(t, seeded, agent, "", "", nil)
	if len(want) > 10 {
		want = want[:10]
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: conversationsConfig(tg, fmt.Sprintf(`  agent_id          = %q
  max_conversations = 10
  page_size         = 4`, agent)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), conversationsMatch(want)),
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("id"), knownvalue.StringExact(agent+"?max_conversations=10")),
			},
		}},
	})
}

func TestAccConversationsDataSource_unknownAgentIsNamed(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_a": emulator.SeedConversations("agt_a", 3)}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      conversationsConfig(tg, `  agent_id = "agt_no_such_agent_7d1e"`),
			ExpectError: regexp.MustCompile(`(?s)Chatzuri agent not found.*"agt_no_such_agent_7d1e".*404`),
		}},
	})
}

func TestAccConversationsDataSource_invalidArgumentsFailBeforeAnyRequest(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_a": emulator.SeedConversations("agt_a", 3)}})
	agent := tg.agent("agt_a")

	cases := []struct {
		name, args string
		want       *regexp.Regexp
	}{
		{"unknown source", `filtered_sources = ["API", "Telegram"]`, regexp.MustCompile(`(?s)filtered_sources\[1\].*one of.*"Widget or Iframe".*"Telegram"`)},
		{"source in the wrong case", `filtered_sources = ["whatsapp"]`, regexp.MustCompile(`(?s)filtered_sources\[0\].*"whatsapp"`)},
		{"duplicate source", `filtered_sources = ["API", "Slack", "API"]`, regexp.MustCompile(`(?s)filtered_sources.*duplicate`)},
		{"no source", `filtered_sources = []`, regexp.MustCompile(`(?s)filtered_sources.*at least 1`)},
		{"start after end", "start_date = \"2026-03-02\"\n  end_date = \"2026-03-01\"", regexp.MustCompile(`(?s)end_date is before start_date.*no conversation\s+could match`)},
		{"not a calendar day", `end_date = "2026-02-30"`, regexp.MustCompile(`(?s)end_date.*"2026-02-30".*not a day of the calendar`)},
		{"empty agent", `agent_id = " "`, regexp.MustCompile(`(?s)agent_id is empty or only whitespace`)},
		{"max zero", `max_conversations = 0`, regexp.MustCompile(`(?s)max_conversations is 0; it must be a whole number from 1 to`)},
		{"read timeout not a duration", `timeouts = { read = "soon" }`, regexp.MustCompile(`(?s)timeouts.read is "soon", which is not a duration`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if !regexp.MustCompile(`agent_id`).MatchString(args) {
				args = fmt.Sprintf("agent_id = %q\n  %s", agent, args)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      conversationsConfig(tg, "  "+args),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
	if !tg.live && tg.emu.Requests() != 0 {
		t.Errorf("invalid configurations sent %d requests, want none", tg.emu.Requests())
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

	resource.Test(t, resource.TestCase{
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
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), leadsMatch(wantLeads)),
				statecheck.ExpectKnownValue("data.chatzuri_conversations.test", tfjsonpath.New("conversations"), conversationsMatch(wantConversations)),
			},
		}},
	})
}
