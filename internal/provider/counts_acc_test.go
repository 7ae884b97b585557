package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// countsOf is what counts over items must hold, computed here from each
// item's created_at and group as the emulator sends them (RFC 3339 in UTC),
// independently of the provider's rules.
func countsOf(n int, createdAt func(i int) *string, group func(i int) *string) (byDay, byGroup map[string]knownvalue.Check, undated, ungrouped int64) {
	days, groups := map[string]int64{}, map[string]int64{}
	for i := range n {
		if at := createdAt(i); at != nil {
			days[(*at)[:10]]++
		} else {
			undated++
		}
		if group != nil {
			if g := group(i); g != nil {
				groups[*g]++
			} else {
				ungrouped++
			}
		}
	}
	byDay, byGroup = map[string]knownvalue.Check{}, map[string]knownvalue.Check{}
	for d, c := range days {
		byDay[d] = knownvalue.Int64Exact(c)
	}
	for g, c := range groups {
		byGroup[g] = knownvalue.Int64Exact(c)
	}
	return byDay, byGroup, undated, ungrouped
}

func TestAccLeadCountsDataSource_countsWhatTheLeadsDataSourceReads(t *testing.T) {
	seeded := emulator.SeedLeads("agt_counts", 157)
	// Pages capped at 20 while 25 are asked for: every page is short.
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 20, Leads: map[string][]emulator.Lead{"agt_counts": seeded}})
	agent := tg.agent("agt_counts")
	start := seeded[20].CreatedAt.Format("2006-01-02")
	end := seeded[120].CreatedAt.Format("2006-01-02")
	want := tg.expectedLeads(t, seeded, agent, start, end)
	byDay, _, undated, _ := countsOf(len(want), func(i int) *string { return want[i].CreatedAt }, nil)
	if !tg.live && (len(byDay) < 3 || len(want) >= len(seeded)) {
		t.Fatalf("test premise: a window of several days holding part of the leads, got %d days, %d of %d leads", len(byDay), len(want), len(seeded))
	}
	args := fmt.Sprintf(`
  agent_id   = %q
  start_date = %q
  end_date   = %q
  page_size  = 25`, agent, start, end)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + `
data "chatzuri_lead_counts" "test" {` + args + `
}

data "chatzuri_leads" "test" {` + args + `
}

output "same_total" {
  value = data.chatzuri_lead_counts.test.total == length(data.chatzuri_leads.test.leads)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_lead_counts.test", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(want)))),
				statecheck.ExpectKnownValue("data.chatzuri_lead_counts.test", tfjsonpath.New("by_day"), knownvalue.MapExact(byDay)),
				statecheck.ExpectKnownValue("data.chatzuri_lead_counts.test", tfjsonpath.New("undated"), knownvalue.Int64Exact(undated)),
				statecheck.ExpectKnownValue("data.chatzuri_lead_counts.test", tfjsonpath.New("id"),
					knownvalue.StringExact(fmt.Sprintf("%s?end_date=%s&start_date=%s", agent, end, start))),
				statecheck.ExpectKnownOutputValue("same_total", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccConversationCountsDataSource_countsByDayAndSource(t *testing.T) {
	seeded := emulator.SeedConversations("agt_counts", 90)
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 15, Conversations: map[string][]emulator.Conversation{"agt_counts": seeded}})
	agent := tg.agent("agt_counts")
	want := tg.expectedConversations(t, seeded, agent, "", "", nil)
	byDay, bySource, undated, unknown := countsOf(len(want),
		func(i int) *string { return want[i].CreatedAt }, func(i int) *string { return want[i].Source })
	if !tg.live && (unknown == 0 || len(bySource) < 2) {
		t.Fatalf("test premise: conversations from several sources and some without one, got %d sources and %d without", len(bySource), unknown)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + fmt.Sprintf(`
data "chatzuri_conversation_counts" "test" {
  agent_id = %q
}
`, agent),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(want)))),
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("by_day"), knownvalue.MapExact(byDay)),
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("undated"), knownvalue.Int64Exact(undated)),
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("by_source"), knownvalue.MapExact(bySource)),
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("unknown_source"), knownvalue.Int64Exact(unknown)),
			},
		}},
	})
}

func TestAccConversationCountsDataSource_filteredSourcesAreSent(t *testing.T) {
	seeded := emulator.SeedConversations("agt_counts", 60)
	tg := newAccTarget(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_counts": seeded}})
	tg.requireEmulator(t, "it reads the queries the emulator saw")
	want := tg.expectedConversations(t, seeded, "agt_counts", "", "", []string{"WhatsApp"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + `
data "chatzuri_conversation_counts" "test" {
  agent_id         = "agt_counts"
  filtered_sources = ["WhatsApp"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(want)))),
				statecheck.ExpectKnownValue("data.chatzuri_conversation_counts.test", tfjsonpath.New("by_source"),
					knownvalue.MapExact(map[string]knownvalue.Check{"WhatsApp": knownvalue.Int64Exact(int64(len(want)))})),
			},
		}},
	})
	for _, q := range tg.emu.Queries() {
		if q.Get("filteredSources") != "WhatsApp" {
			t.Fatalf("a request carried filteredSources=%q, want WhatsApp", q.Get("filteredSources"))
		}
	}
}

// The list's validation and errors, unchanged, and no limit: a limit would
// make them the counts of a cut list.
func TestAccLeadCountsDataSource_theListsValidationAndErrors(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_a": emulator.SeedLeads("agt_a", 3)}})
	agent := tg.agent("agt_a")
	for _, tc := range []struct {
		name, args string
		want       string
	}{
		{"start after end", "start_date = \"2026-03-02\"\n  end_date = \"2026-03-01\"", `(?s)end_date is before start_date`},
		{"not a calendar day", `start_date = "2026-02-30"`, `(?s)start_date.*"2026-02-30".*not a day of the calendar`},
		{"page size zero", `page_size = 0`, `(?s)page_size is 0; it must be a whole number from 1 to 1000`},
		{"no limit", `max_leads = 5`, `(?s)Unsupported argument.*max_leads`},
		{"read timeout of zero", `timeouts = { read = "0s" }`, `(?s)timeouts.read is "0s"; it must be more than 0`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: tg.providerConfig() + fmt.Sprintf(`
data "chatzuri_lead_counts" "test" {
  agent_id = %q
  %s
}
`, agent, tc.args),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if !tg.live && tg.emu.Requests() != 0 {
		t.Errorf("invalid configurations sent %d requests, want none", tg.emu.Requests())
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + `
data "chatzuri_lead_counts" "test" {
  agent_id = "agt_no_such_agent_7d1e"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Chatzuri agent not found.*"agt_no_such_agent_7d1e".*404`),
		}},
	})
}
