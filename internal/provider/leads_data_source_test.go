package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// fiveThousandLeadsBudget is far above what 5,000 plain leads take (about
// 7 s on 2 cores) and far below what Sensitive lead fields cost: Terraform
// 1.11 applies such marks in time quadratic in the list's length, and this
// test ran 236 s with them before failing.
const fiveThousandLeadsBudget = 90 * time.Second

// TestAccLeadsDataSource_fiveThousandLeads guards the schema against
// Sensitive lead fields end to end: the run must finish inside its budget,
// and an output built from lead fields must need no sensitive flag.
//
// Serial: it is timed against its budget, which tests running beside it
// would eat into (and a parallel test's clock would include its wait to
// start).
func TestAccLeadsDataSource_fiveThousandLeads(t *testing.T) {
	seeded := emulator.SeedLeads("agt_big", 5000)
	tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_big": seeded}})
	tg.requireEmulator(t, "it needs an agent with exactly 5,000 leads")
	want := tg.expectedLeads(t, seeded, "agt_big", "", "")

	started := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dataSourceConfig(tg, "chatzuri_leads", `  agent_id = "agt_big"`) + `
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
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("data.chatzuri_leads.l%d", i), tfjsonpath.New("leads"), itemsMatch(itemsOf(want), nil)))
	}

	resource.ParallelTest(t, resource.TestCase{
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
			itemsMatch(itemsOf(tg.expectedLeads(t, agents[agent], agent, "", "")), nil)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config.String(), ConfigStateChecks: checks}},
	})
	if injected.Load() < 10 {
		t.Fatalf("only %d faults were injected; the test proves little", injected.Load())
	}
	t.Logf("%d faults injected in %d requests", injected.Load(), tg.emu.Requests())
}

// chatzuri_leads' row of the list suite (list_suite_test.go).
func init() {
	inSuite(suiteRow(leads, listUnderTest{
		serve: func(agent string, n int) emulator.Options {
			return emulator.Options{Leads: map[string][]emulator.Lead{agent: emulator.SeedLeads(agent, n)}}
		},
		want: func(t *testing.T, tg *accTarget, opts emulator.Options, agent string) []item {
			return itemsOf(tg.expectedLeads(t, opts.Leads[suiteAgent], agent, "", ""))
		},
		window: func(t *testing.T, tg *accTarget, opts emulator.Options, agent, start, end string) []item {
			return itemsOf(tg.expectedLeads(t, opts.Leads[suiteAgent], agent, start, end))
		},
		invalid: []invalidArguments{
			{"not a calendar day", `start_date = "2026-02-30"`, regexp.MustCompile(`(?s)start_date.*"2026-02-30".*not a day of the calendar`)},
			{"not zero-padded", `end_date = "2026-1-5"`, regexp.MustCompile(`(?s)end_date.*"2026-1-5".*YYYY-MM-DD`)},
			{"start after end", "start_date = \"2026-03-02\"\n  end_date = \"2026-03-01\"", regexp.MustCompile(`(?s)end_date is before start_date`)},
		},
	}))
}

// What only leads have, held to the framework's state byte for byte as the
// list suite holds every list: string ids, a page size, a window of days
// and timeouts.read.
func TestLeadsRead_fastStateIsTheFrameworksByteForByte(t *testing.T) {
	t.Parallel()
	stringIDs := emulator.SeedLeads("agt_str", 20)
	for i := range stringIDs {
		stringIDs[i].ID, stringIDs[i].NumericID = fmt.Sprintf("lead_%d", i), false
	}
	seeded := emulator.SeedLeads("agt_mix", 61)
	ps := configuredServer(t, emulator.Options{MaxPageSize: 7, Leads: map[string][]emulator.Lead{"agt_mix": seeded, "agt_str": stringIDs}})
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	day := func(i int) string { return seeded[i].CreatedAt.Format("2006-01-02") }
	timeouts := tftypes.NewValue(stateType(t, ps, "chatzuri_leads").AttributeTypes["timeouts"], map[string]tftypes.Value{"read": str("5m")})
	for name, args := range map[string]map[string]tftypes.Value{
		"string ids, page size set": {"agent_id": str("agt_str"), "page_size": tftypes.NewValue(tftypes.Number, 4)},
		"date window":               {"agent_id": str("agt_mix"), "start_date": str(day(10)), "end_date": str(day(40))},
		"timeouts set":              {"agent_id": str("agt_mix"), "timeouts": timeouts},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireFastStateIsTheFrameworks(t, ps, "chatzuri_leads", "leads", args, "list")
		})
	}
}
