package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func leadsConfig(tg *accTarget, args string) string {
	return tg.providerConfig() + fmt.Sprintf(`
data "chatzuri_leads" "test" {
%s
}
`, args)
}

func TestAccLeadsDataSource_readsEveryPageInOrder(t *testing.T) {
	seeded := emulator.SeedLeads("agt_pages", 57)
	// The server caps size at 20 while 25 are asked for: every page is
	// short, and the read must go on until the empty page.
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 20, Leads: map[string][]emulator.Lead{"agt_pages": seeded}})
	agent := tg.agent("agt_pages")
	want := tg.expectedLeads(t, seeded, agent, "", "")
	// One page after another, so the order of requests can be checked;
	// TestAccLeadsDataSource_tenAtOnceShareTheRequestLimit reads concurrently.
	config := tg.providerConfig("max_concurrent_requests = 1") + fmt.Sprintf(`
data "chatzuri_leads" "test" {
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
					statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("id"), knownvalue.StringExact(agent)),
					statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), leadsMatch(want)),
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
		// 57 leads at 20 a page: pages 1-3 hold leads, page 4 is empty.
		requireReadsOfPages(t, tg.emu, agent, 4, "25")
		ua := regexp.MustCompile(`^terraform-provider-chatzuri/test \(\+https://registry\.terraform\.io/providers/chatzuri/chatzuri\) Terraform/\d+\.\d+\.\d+`)
		for _, got := range tg.userAgents {
			if !ua.MatchString(got) {
				t.Fatalf("User-Agent %q does not name the provider, its version and Terraform's", got)
			}
		}
	}
}

func TestAccLeadsDataSource_emptyAgentGivesEmptyList(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_empty": {}}})
	tg.requireEmulator(t, "it needs an agent with no leads")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: leadsConfig(tg, `  agent_id = "agt_empty"`) + `
output "count" {
  value = length(data.chatzuri_leads.test.leads)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(0)),
			},
		}},
	})
}

func TestAccLeadsDataSource_dateWindowIsSentAndInclusive(t *testing.T) {
	seeded := emulator.SeedLeads("agt_dates", 120)
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_dates": seeded}})
	agent := tg.agent("agt_dates")
	// Days that hold seeded leads, so both bounds are tested as inclusive.
	start := seeded[20].CreatedAt.Format("2006-01-02")
	end := seeded[70].CreatedAt.Format("2006-01-02")
	want := tg.expectedLeads(t, seeded, agent, start, end)
	if !tg.live && (len(want) < 50 || len(want) >= len(seeded)) {
		t.Fatalf("test premise: the window should hold part of the leads, holds %d of %d", len(want), len(seeded))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: leadsConfig(tg, fmt.Sprintf(`  agent_id   = %q
  start_date = %q
  end_date   = %q`, agent, start, end)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("id"),
					knownvalue.StringExact(fmt.Sprintf("%s?end_date=%s&start_date=%s", agent, end, start))),
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), leadsMatch(want)),
			},
		}},
	})

	if !tg.live {
		for _, q := range tg.emu.Queries() {
			if q.Get("startDate") != start || q.Get("endDate") != end {
				t.Fatalf("a request carried startDate=%q endDate=%q, want %q and %q", q.Get("startDate"), q.Get("endDate"), start, end)
			}
		}
	}
}

func TestAccLeadsDataSource_maxLeadsCutsTheList(t *testing.T) {
	seeded := emulator.SeedLeads("agt_many", 30)
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_many": seeded}})
	agent := tg.agent("agt_many")
	want := tg.expectedLeads(t, seeded, agent, "", "")
	if len(want) > 10 {
		want = want[:10]
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: leadsConfig(tg, fmt.Sprintf(`  agent_id  = %q
  max_leads = 10
  page_size = 4`, agent)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"), leadsMatch(want)),
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("id"), knownvalue.StringExact(agent+"?max_leads=10")),
			},
		}},
	})
}

func TestAccLeadsDataSource_rejectedKeyNamesTheFix(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_a": emulator.SeedLeads("agt_a", 3)}})
	bad := &accTarget{live: tg.live, baseURL: tg.baseURL, apiKey: "not-the-key", agentID: tg.agentID}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      leadsConfig(bad, fmt.Sprintf(`  agent_id = %q`, tg.agent("agt_a"))),
			ExpectError: regexp.MustCompile(`(?s)Chatzuri rejected the API key.*401.*CHATZURI_API_KEY`),
		}},
	})
}

func TestAccLeadsDataSource_unknownAgentIsNamed(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_a": emulator.SeedLeads("agt_a", 3)}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      leadsConfig(tg, `  agent_id = "agt_no_such_agent_7d1e"`),
			ExpectError: regexp.MustCompile(`(?s)Chatzuri agent not found.*"agt_no_such_agent_7d1e".*404`),
		}},
	})
}

func TestAccLeadsDataSource_invalidArgumentsFailBeforeAnyRequest(t *testing.T) {
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_a": emulator.SeedLeads("agt_a", 3)}})
	agent := tg.agent("agt_a")

	cases := []struct {
		name, args string
		want       *regexp.Regexp
	}{
		{"not a calendar day", `start_date = "2026-02-30"`, regexp.MustCompile(`(?s)start_date.*"2026-02-30".*not a day of the calendar`)},
		{"not zero-padded", `end_date = "2026-1-5"`, regexp.MustCompile(`(?s)end_date.*"2026-1-5".*YYYY-MM-DD`)},
		{"start after end", "start_date = \"2026-03-02\"\n  end_date = \"2026-03-01\"", regexp.MustCompile(`(?s)end_date is before start_date`)},
		{"empty agent", `agent_id = " "`, regexp.MustCompile(`(?s)agent_id is empty or only whitespace`)},
		{"unknown field", `fields = ["id", "mail"]`, regexp.MustCompile(`(?s)fields\[1\].*value must be one of.*"email".*got.*"mail"`)},
		{"page size zero", `page_size = 0`, regexp.MustCompile(`(?s)page_size is 0; it must be a whole number from 1 to 100`)},
		{"read timeout of zero", `timeouts = { read = "0s" }`, regexp.MustCompile(`(?s)timeouts.read is "0s"; it must be more than 0`)},
		{"negative read timeout", `timeouts = { read = "-5m" }`, regexp.MustCompile(`(?s)timeouts.read is "-5m"; it must be more than 0`)},
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
					Config:      leadsConfig(tg, "  "+args),
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

// fiveThousandLeadsBudget is far above what 5,000 plain leads take (about
// 7 s on 2 cores) and far below what Sensitive lead fields cost: Terraform
// 1.11 applies such marks in time quadratic in the list's length, and this
// test ran 236 s with them before failing.
const fiveThousandLeadsBudget = 90 * time.Second

// TestAccLeadsDataSource_fiveThousandLeads guards the schema against
// Sensitive lead fields end to end: the run must finish inside its budget,
// and an output built from lead fields must need no sensitive flag.
func TestAccLeadsDataSource_fiveThousandLeads(t *testing.T) {
	seeded := emulator.SeedLeads("agt_big", 5000)
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_big": seeded}})
	tg.requireEmulator(t, "it needs an agent with exactly 5,000 leads")
	want := tg.expectedLeads(t, seeded, "agt_big", "", "")

	started := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: leadsConfig(tg, `  agent_id = "agt_big"`) + `
output "count" {
  value = length(data.chatzuri_leads.test.leads)
}
output "by_id" {
  value = { for l in data.chatzuri_leads.test.leads : l.id => l.created_at }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(5000)),
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(want[0].ID)),
				statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads").AtSliceIndex(4999).AtMapKey("id"), knownvalue.StringExact(want[4999].ID)),
			},
		}},
	})
	if elapsed := time.Since(started); elapsed > fiveThousandLeadsBudget {
		t.Fatalf("reading 5,000 leads took %s, over the %s budget: are lead fields Sensitive again?", elapsed.Round(time.Second), fiveThousandLeadsBudget)
	}
}

func TestAccLeadsDataSource_tenAtOnceShareTheRequestLimit(t *testing.T) {
	agents := map[string][]emulator.Lead{}
	for i := range 5 {
		id := fmt.Sprintf("agt_%d", i)
		agents[id] = emulator.SeedLeads(id, 150+40*i)
	}
	// Latency keeps requests in flight long enough to overlap.
	tg := newAccTarget(t, emulator.Options{Latency: 5 * time.Millisecond, Leads: agents})
	tg.requireEmulator(t, "it counts the requests the server has in flight")

	var config strings.Builder
	config.WriteString(tg.providerConfig("max_concurrent_requests = 3"))
	var checks []statecheck.StateCheck
	for i := range 10 {
		agent := fmt.Sprintf("agt_%d", i%5)
		want := tg.expectedLeads(t, agents[agent], agent, "", "")
		fmt.Fprintf(&config, "\ndata \"chatzuri_leads\" \"l%d\" {\n  agent_id  = %q\n  page_size = %d\n}\n", i, agent, 10+i)
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("data.chatzuri_leads.l%d", i), tfjsonpath.New("leads"), leadsMatch(want)))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config.String(), ConfigStateChecks: checks}},
	})
	if peak := tg.emu.PeakInFlight(); peak > 3 || peak < 2 {
		t.Errorf("the emulator saw at most %d requests at once; want 2 or 3 (concurrent, within max_concurrent_requests = 3)", peak)
	}
}

func TestAccLeadsDataSource_twentyAtOnceThroughRandomFaults(t *testing.T) {
	agents := map[string][]emulator.Lead{}
	for i := range 5 {
		id := fmt.Sprintf("agt_%d", i)
		agents[id] = emulator.SeedLeads(id, 30+10*i)
	}
	// 15% of requests answer 429 (Retry-After 0) or 500, chosen by seed.
	plan := emulator.FaultsAtRandom(11, 0.15, emulator.FaultTooManyRequests, emulator.FaultServerError)
	var injected atomic.Int64
	tg := newAccTarget(t, emulator.Options{Leads: agents, RetryAfter: "0", Faults: func(n int) emulator.Fault {
		f := plan(n)
		if f != emulator.NoFault {
			injected.Add(1)
		}
		return f
	}})
	tg.requireEmulator(t, "it injects faults")

	var config strings.Builder
	config.WriteString(tg.providerConfig("max_concurrent_requests = 4", "max_retries = 6"))
	var checks []statecheck.StateCheck
	for i := range 20 {
		agent := fmt.Sprintf("agt_%d", i%5)
		fmt.Fprintf(&config, "\ndata \"chatzuri_leads\" \"l%d\" {\n  agent_id  = %q\n  page_size = %d\n}\n", i, agent, 7+i%4)
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("data.chatzuri_leads.l%d", i), tfjsonpath.New("leads"),
			leadsMatch(tg.expectedLeads(t, agents[agent], agent, "", ""))))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config.String(), ConfigStateChecks: checks}},
	})
	if injected.Load() < 10 {
		t.Fatalf("only %d faults were injected; the test proves little", injected.Load())
	}
	t.Logf("%d faults injected in %d requests", injected.Load(), tg.emu.Requests())
}
