package provider

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// The list suite: what every list must do, run for every list from a row of
// its own. A list's row is declared beside its other tests and joins the
// suite there (inSuite); suiteRow reads the rest from its declaration. What
// only one list does is tested beside it.
var listSuite []listUnderTest

// inSuite adds row to the suite; each row's file calls it from an init.
func inSuite(row listUnderTest) {
	listSuite = append(listSuite, row)
}

// listUnderTest is one row of the suite.
type listUnderTest struct {
	// From the declaration (suiteRow).
	name          string
	ofAgent       bool
	limitArgument string
	pageSizeMax   int      // the largest page_size the list accepts; 0 without a page_size argument
	fields        []string // a fields selection to test; nil without a fields argument
	check         func(t *testing.T)

	// serve is an emulator in which agent has n items (a list of the
	// team's: in which the team has n).
	serve func(agent string, n int) emulator.Options
	// want is what a read of agent's whole list returns: computed from the
	// seeds in opts, independently of the provider, or, against the live
	// API, read through the client alone (readDirectly).
	want func(t *testing.T, tg *accTarget, opts emulator.Options, agent string) []item
	// window is what a read of agent's list from start to end (YYYY-MM-DD)
	// returns, for a list with a window of days; nil for one without.
	window func(t *testing.T, tg *accTarget, opts emulator.Options, agent, start, end string) []item
	// invalid are the arguments only this list refuses; every list's own
	// (invalidForEveryList) are added.
	invalid []invalidArguments
	// emulatorOnly is set for a list the live API does not have.
	emulatorOnly bool
}

// item is one element of a list as a test expects it: an attribute's value
// is a string, a *string (nil is null) or, for a nested list, []item.
type item map[string]any

// invalidArguments is a configuration the list refuses at plan time.
type invalidArguments struct {
	name, args string
	want       *regexp.Regexp
}

// suiteRow fills row in from def: names, limit, page size and fields.
func suiteRow[T any](def listDefinition[T], row listUnderTest) listUnderTest {
	row.name, row.ofAgent, row.limitArgument = def.name, def.ofAgent, def.limitArgument
	if def.pageSize != nil {
		row.pageSizeMax = def.pageSize.max
	}
	if def.fieldSelection {
		others := slices.DeleteFunc(slices.Sorted(maps.Keys(def.itemAttributes)), func(n string) bool { return n == "id" })
		row.fields = []string{others[0], "id"}
	}
	row.check = func(t *testing.T) {
		requireListDefinition(t, def)
		if !row.emulatorOnly { // a list only the tests declare has no page
			requireFieldDocs(t, def.name, def.itemAttributes)
		}
	}
	return row
}

func (row listUnderTest) typeName() string { return "chatzuri_" + row.name }

// selection is the arguments that select agent's list, in HCL.
func (row listUnderTest) selection(agent string) string {
	if !row.ofAgent {
		return ""
	}
	return fmt.Sprintf("  agent_id = %q\n", agent)
}

// id is the id of a read of agent's whole list.
func (row listUnderTest) id(agent string) string {
	if !row.ofAgent {
		return row.name
	}
	return agent
}

func (row listUnderTest) config(tg *accTarget, agent, args string, provider ...string) string {
	return tg.providerConfig(provider...) + fmt.Sprintf("\ndata %q \"test\" {\n%s%s\n}\n", row.typeName(), row.selection(agent), args)
}

// invalidForEveryList are what every list refuses, by its arguments.
func (row listUnderTest) invalidForEveryList() []invalidArguments {
	cases := []invalidArguments{
		{"read timeout of zero", `timeouts = { read = "0s" }`, regexp.MustCompile(`(?s)timeouts.read is "0s"; it must be more than 0`)},
		{"negative read timeout", `timeouts = { read = "-5m" }`, regexp.MustCompile(`(?s)timeouts.read is "-5m"; it must be more than 0`)},
		{"read timeout not a duration", `timeouts = { read = "soon" }`, regexp.MustCompile(`(?s)timeouts.read is "soon", which is not a duration`)},
	}
	if row.ofAgent {
		cases = append(cases, invalidArguments{"empty agent", `agent_id = " "`, regexp.MustCompile(`(?s)agent_id is empty or only whitespace`)})
	}
	if row.pageSizeMax > 0 {
		from := fmt.Sprintf("from 1 to %d", row.pageSizeMax)
		cases = append(cases,
			invalidArguments{"page size zero", `page_size = 0`, regexp.MustCompile(`(?s)page_size is 0; it must be a whole number ` + from)},
			invalidArguments{"page size past the list's maximum", fmt.Sprintf(`page_size = %d`, row.pageSizeMax+1),
				regexp.MustCompile(fmt.Sprintf(`(?s)page_size is %d; it must be a whole number %s`, row.pageSizeMax+1, from))})
	}
	if row.limitArgument != "" {
		cases = append(cases, invalidArguments{"limit zero", row.limitArgument + ` = 0`, regexp.MustCompile(`(?s)` + row.limitArgument + ` is 0; it must be a whole number from 1 to`)})
	}
	if row.fields != nil {
		cases = append(cases, invalidArguments{"unknown field", `fields = ["id", "no_such_field"]`, regexp.MustCompile(`(?s)fields\[1\]\s+is\s+"no_such_field",\s+which\s+is\s+not\s+an\s+attribute\s+of\s+the\s.*It\s+must\s+be\s+one\s+of\s.*"id"`)})
	}
	return append(cases, row.invalid...)
}

func TestListSuite(t *testing.T) {
	for _, row := range listSuite {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			t.Run("declaration", row.check)
			t.Run("every page, in order", row.testEveryPage)
			t.Run("empty list", row.testEmptyList)
			t.Run("401", row.testRejectedKey)
			t.Run("404", row.testNotFound)
			t.Run("bad arguments, before any request", row.testInvalidArguments)
			t.Run("state byte for byte", row.testStateByteForByte)
			t.Run("before the provider is configured", row.testBeforeConfigure)
			// What a list has only when its declaration says so.
			if row.fields != nil {
				t.Run("fields", row.testFields)
			}
			if row.limitArgument != "" {
				t.Run("limit and its warning", row.testLimit)
			}
			if row.pageSizeMax > 0 {
				t.Run("the largest page_size", row.testLargestPageSize)
			}
			t.Run("size limit and its warning", row.testSizeLimit)
			// The live API's variants (issue "First contact").
			t.Run("POST, when GET is answered 405", row.testPOST)
			t.Run("405 to GET and to POST", row.testNoMethod)
			t.Run("paced by rate-limit headers", row.testRateLimitHeaders)
			if row.window != nil {
				t.Run("window of days, sent and inclusive", row.testWindow)
			}
			if servesEphemeral(row.typeName()) {
				t.Run("ephemeral twin", row.testEphemeral)
			}
		})
	}
}

// The suite's tests run in parallel: each has an emulator of its own.
// resource.ParallelTest calls t.Parallel itself, so a test that runs one
// does not.

// suiteAgent is the agent whose list a suite test reads.
const suiteAgent = "agt_suite"

func (row listUnderTest) target(t *testing.T, opts emulator.Options) *accTarget {
	tg := newAccTarget(t, opts)
	if row.emulatorOnly {
		tg.requireEmulator(t, "the live API has no "+row.typeName())
	}
	return tg
}

// Every page is read, one after another, until the empty page, the id names
// the selection, a second plan is empty, and every request names the provider.
func (row listUnderTest) testEveryPage(t *testing.T) {
	opts := row.serve(suiteAgent, 57)
	// The server caps size at 20 while 25 are asked for: every page is
	// short, and the read must go on until the empty page.
	opts.MaxPageSize = 20
	tg := row.target(t, opts)
	agent := tg.agent(suiteAgent)
	args, size := "", "100"
	if row.pageSizeMax > 0 {
		args, size = "  page_size = 25", "25"
	}
	// One page after another, so the order of requests can be checked.
	config := row.config(tg, agent, args, "max_concurrent_requests = 1")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New("id"), knownvalue.StringExact(row.id(agent))),
					statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New(row.name), itemsMatch(row.want(t, tg, opts, agent), nil)),
				},
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	if tg.live {
		return
	}
	// 57 items at 20 a page: pages 1-3 hold them, page 4 is empty.
	requireReadsOfPages(t, tg.emu, row.ofAgent, agent, 4, size)
	ua := regexp.MustCompile(`^terraform-provider-chatzuri/test \(\+https://registry\.terraform\.io/providers/chatzuri/chatzuri\) Terraform/\d+\.\d+\.\d+`)
	for _, got := range tg.userAgents {
		if !ua.MatchString(got) {
			t.Fatalf("User-Agent %q does not name the provider, its version and Terraform's", got)
		}
	}
}

// The largest page_size the list declares is asked of every page, and a
// server that serves that many reads in as few requests.
func (row listUnderTest) testLargestPageSize(t *testing.T) {
	largest := row.pageSizeMax
	opts := row.serve(suiteAgent, 2*largest+3)
	opts.MaxPageSize = largest
	tg := row.target(t, opts)
	tg.requireEmulator(t, "it needs a server that serves pages of the largest size")
	config := row.config(tg, suiteAgent, fmt.Sprintf("  page_size = %d", largest), "max_concurrent_requests = 1") +
		fmt.Sprintf("\noutput \"count\" {\n  value = length(data.%s.test.%s)\n}\n", row.typeName(), row.name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(int64(2*largest+3)))},
		}},
	})
	// Two full pages, the rest, and the empty page.
	requireReadsOfPages(t, tg.emu, row.ofAgent, suiteAgent, 4, fmt.Sprint(largest))
}

// A list whose GET is answered 405 is read with POST, its parameters in a
// JSON body (the emulator reads the body alone, so a read that returns the
// list proves the body right), and the provider asks with GET once per
// configured client: on page 1, never again.
func (row listUnderTest) testPOST(t *testing.T) {
	opts := row.serve(suiteAgent, 23)
	opts.Method, opts.MaxPageSize = emulator.MethodPOST, 5
	tg := row.target(t, opts)
	tg.requireEmulator(t, "it needs an API that takes POST only")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: row.config(tg, suiteAgent, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New(row.name), itemsMatch(row.want(t, tg, opts, suiteAgent), nil)),
			},
		}},
	})
	methods, queries := tg.emu.Methods(), tg.emu.Queries()
	var gets, posts int
	for i, m := range methods {
		switch {
		case m == http.MethodGet && queries[i].Get("page") == "1":
			gets++
		case m == http.MethodPost:
			posts++
		default:
			t.Fatalf("request %d: %s of page %s, want GET only of page 1", i+1, m, queries[i].Get("page"))
		}
	}
	if gets == 0 || posts < 5*gets {
		t.Fatalf("%d GETs and %d POSTs: want one GET per read, and every page by POST", gets, posts)
	}
}

// A 405 to both methods is one error that names both, and is not retried.
func (row listUnderTest) testNoMethod(t *testing.T) {
	opts := row.serve(suiteAgent, 3)
	opts.Method = emulator.MethodNone
	tg := row.target(t, opts)
	tg.requireEmulator(t, "it needs an API that refuses both methods")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      row.config(tg, suiteAgent, ""),
			ExpectError: regexp.MustCompile(`(?s)Chatzuri refused both GET and POST.*page 1 of get-.*405\s+Method\s+Not\s+Allowed\s+to\s+both\s+GET\s+and\s+POST.*base_url`),
		}},
	})
	methods := tg.emu.Methods()
	if len(methods) == 0 || len(methods)%2 != 0 {
		t.Fatalf("requests = %v, want pairs of GET and POST", methods)
	}
	for i := 0; i < len(methods); i += 2 {
		if methods[i] != http.MethodGet || methods[i+1] != http.MethodPost {
			t.Fatalf("requests = %v, want pairs of GET and POST, neither retried", methods)
		}
	}
}

// Under a rate limit that sends its headers, one read (terraform plan:
// one configured provider) needs twice the window and meets at most a
// couple of 429s.
func (row listUnderTest) testRateLimitHeaders(t *testing.T) {
	t.Parallel()
	opts := row.serve(suiteAgent, 30)
	opts.MaxPageSize = 3
	opts.RateLimit = &emulator.RateLimit{Requests: 5, Window: time.Second, Headers: true}
	tg := row.target(t, opts)
	tg.requireEmulator(t, "it needs a rate limit that sends its headers")
	tf := newTerraformCLI(t, row.config(tg, suiteAgent, "")+
		fmt.Sprintf("\noutput \"count\" {\n  value = length(data.%s.test.%s)\n}\n", row.typeName(), row.name), "")
	out, err := tf.run(t, nil, "plan", "-input=false", "-no-color")
	if err != nil || !strings.Contains(out, "+ count = 30") {
		t.Fatalf("terraform plan: %v\n%s", err, out)
	}
	if requests := tg.emu.Requests(); requests <= 2*opts.RateLimit.Requests {
		t.Fatalf("test premise: the read needs more than two windows, made %d requests", requests)
	}
	if denied := tg.emu.RateLimited(); denied > 2 {
		t.Errorf("the read met %d 429s, want at most 2", denied)
	}
}

func (row listUnderTest) testEmptyList(t *testing.T) {
	tg := row.target(t, row.serve(suiteAgent, 0))
	tg.requireEmulator(t, "it needs an empty list")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: row.config(tg, suiteAgent, "") + fmt.Sprintf("\noutput \"count\" {\n  value = length(data.%s.test.%s)\n}\n", row.typeName(), row.name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New(row.name), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// fields keeps the attributes it names, the others null, and the id says so.
func (row listUnderTest) testFields(t *testing.T) {
	opts := row.serve(suiteAgent, 12)
	tg := row.target(t, opts)
	agent := tg.agent(suiteAgent)
	config := row.config(tg, agent, fmt.Sprintf("  fields = [%q, %q]", row.fields[1], row.fields[0]))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New(row.name), itemsMatch(row.want(t, tg, opts, agent), row.fields)),
					statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New("id"), knownvalue.StringExact(row.id(agent)+"?fields="+strings.Join(row.fields, ","))),
				},
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			// id is kept whatever fields names: every list is keyed by it.
			{
				Config: row.config(tg, agent, fmt.Sprintf("  fields = [%q]", row.fields[0])),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New(row.name), itemsMatch(row.want(t, tg, opts, agent), row.fields)),
					statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New("id"), knownvalue.StringExact(row.id(agent)+"?fields="+strings.Join(row.fields, ","))),
				},
			},
		},
	})
}

// start_date and end_date are sent with every request, and both days are
// in the window.
func (row listUnderTest) testWindow(t *testing.T) {
	opts := row.serve(suiteAgent, 120)
	tg := row.target(t, opts)
	agent := tg.agent(suiteAgent)
	// Days that hold items (the list is newest first), so both bounds are
	// tested as inclusive.
	all := row.want(t, tg, opts, agent)
	day := func(i int) string { return (*all[i]["created_at"].(*string))[:len("2006-01-02")] }
	start, end := day(len(all)*3/4), day(len(all)/4)
	want := row.window(t, tg, opts, agent, start, end)
	if !tg.live && (len(want) < len(all)/3 || len(want) >= len(all)) {
		t.Fatalf("test premise: the window should hold part of the list, holds %d of %d", len(want), len(all))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: row.config(tg, agent, fmt.Sprintf("  start_date = %q\n  end_date   = %q", start, end)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New("id"),
					knownvalue.StringExact(fmt.Sprintf("%s?end_date=%s&start_date=%s", agent, end, start))),
				statecheck.ExpectKnownValue("data."+row.typeName()+".test", tfjsonpath.New(row.name), itemsMatch(want, nil)),
			},
		}},
	})
	if tg.live {
		return
	}
	for _, q := range tg.emu.Queries() {
		if q.Get("startDate") != start || q.Get("endDate") != end {
			t.Fatalf("a request carried startDate=%q endDate=%q, want %q and %q", q.Get("startDate"), q.Get("endDate"), start, end)
		}
	}
}

func (row listUnderTest) testRejectedKey(t *testing.T) {
	tg := row.target(t, row.serve(suiteAgent, 3))
	bad := &accTarget{live: tg.live, baseURL: tg.baseURL, apiKey: "not-the-key", agentID: tg.agentID}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      row.config(bad, tg.agent(suiteAgent), ""),
			ExpectError: regexp.MustCompile(`(?s)Chatzuri rejected the API key.*401.*CHATZURI_API_KEY`),
		}},
	})
}

// A 404 names the agent, and base_url too when it is not the default; a
// list of the team's names no agent, so there it can only be base_url.
func (row listUnderTest) testNotFound(t *testing.T) {
	tg := row.target(t, row.serve(suiteAgent, 3))
	config := row.config(tg, "agt_no_such_agent_7d1e", "")
	// base_url is the emulator's, not the default: both causes are named.
	want := regexp.MustCompile(`(?s)Chatzuri agent not found, or base_url is not the Chatzuri API.*"agt_no_such_agent_7d1e".*404.*agent_id.*/api/v1`)
	if tg.live && tg.baseURL == client.DefaultBaseURL {
		want = regexp.MustCompile(`(?s)Chatzuri agent not found.*"agt_no_such_agent_7d1e".*404`)
	}
	if !row.ofAgent {
		tg.requireEmulator(t, "it points base_url at a path the emulator does not serve")
		wrong := &accTarget{baseURL: strings.TrimSuffix(tg.baseURL, "/api/v1") + "/api/v2", apiKey: tg.apiKey}
		config = row.config(wrong, "", "")
		want = regexp.MustCompile(`(?s)Chatzuri API not found at base_url.*404.*check base_url`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ExpectError: want}},
	})
}

// Every bad argument is refused at plan time, before any request. The
// cases are data sources of one configuration, planned once: Terraform
// validates them all and reports each error on its own block.
func (row listUnderTest) testInvalidArguments(t *testing.T) {
	t.Parallel()
	tg := row.target(t, row.serve(suiteAgent, 3))
	agent := tg.agent(suiteAgent)
	cases := row.invalidForEveryList()
	var config strings.Builder
	config.WriteString(tg.providerConfig())
	for i, tc := range cases {
		args := tc.args
		if row.ofAgent && !strings.Contains(args, "agent_id") {
			args = fmt.Sprintf("agent_id = %q\n  %s", agent, args)
		}
		fmt.Fprintf(&config, "\ndata %q \"case%d\" {\n  %s\n}\n", row.typeName(), i, args)
	}
	out, err := newTerraformCLI(t, config.String(), "").run(t, nil, "plan", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("terraform plan passed:\n%s", out)
	}
	errs := planErrors(out)
	for i, tc := range cases {
		block := fmt.Sprintf("with data.%s.case%d,", row.typeName(), i)
		var found []string
		for _, e := range errs {
			if strings.Contains(e, block) {
				found = append(found, e)
			}
		}
		if len(found) != 1 || !tc.want.MatchString(found[0]) {
			t.Errorf("%s (%s): want one error matching %s, got %d:\n%s", tc.name, tc.args, tc.want, len(found), strings.Join(found, "\n---\n"))
		}
	}
	if len(errs) != len(cases) {
		t.Errorf("terraform plan reported %d errors for %d bad configurations:\n%s", len(errs), len(cases), out)
	}
	if !tg.live && tg.emu.Requests() != 0 {
		t.Errorf("invalid configurations sent %d requests, want none", tg.emu.Requests())
	}
}

// planErrors splits what terraform plan -no-color printed into its errors.
func planErrors(out string) []string {
	parts := strings.Split(out, "Error: ")
	return parts[1:]
}

// The limit cuts the list with a warning on the limit argument, and only
// when the list is longer; the id names the limit.
func (row listUnderTest) testLimit(t *testing.T) {
	t.Parallel()
	// read reads a list of n items with the limit, and returns the ids the
	// API's first limit items have, in its order, besides what it read.
	read := func(t *testing.T, n, limit int) (*tfprotov6.ReadDataSourceResponse, []tftypes.Value, string, []string) {
		opts := row.serve(suiteAgent, n)
		var first []string
		for _, it := range row.want(t, &accTarget{}, opts, suiteAgent)[:min(n, limit)] {
			first = append(first, it["id"].(string))
		}
		ps := configuredServer(t, opts)
		args := row.selectionValues(suiteAgent)
		args[row.limitArgument] = tftypes.NewValue(tftypes.Number, limit)
		if row.pageSizeMax > 0 {
			// Pages of 3: a limit of 5 cuts the second page in two.
			args["page_size"] = tftypes.NewValue(tftypes.Number, 3)
		}
		resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, row.typeName(), args))
		if err != nil {
			t.Fatal(err)
		}
		if hasError(resp.Diagnostics) {
			t.Fatalf("read: %v", diagnosticsText(resp.Diagnostics))
		}
		state, _ := resp.State.Unmarshal(stateType(t, ps, row.typeName()))
		return resp, stateList(t, state, row.name), *stateString(t, state, "id"), first
	}
	t.Run("cut, with a warning", func(t *testing.T) {
		t.Parallel()
		resp, got, id, first := read(t, 12, 5)
		if ids := stateIDs(t, got); !slices.Equal(ids, first) {
			t.Fatalf("kept %s %v, want the first 5 in the API's order, %v", row.name, ids, first)
		}
		if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning {
			t.Fatalf("diagnostics = %v, want one warning", diagnosticsText(resp.Diagnostics))
		}
		w := resp.Diagnostics[0]
		owner := "The team"
		if row.ofAgent {
			owner = fmt.Sprintf("Agent %q", suiteAgent)
		}
		if w.Attribute.String() != tftypes.NewAttributePath().WithAttributeName(row.limitArgument).String() ||
			!strings.Contains(w.Summary, "cut to "+row.limitArgument) || !containsAll(w.Detail, owner+" has more than 5 "+row.name, "Raise "+row.limitArgument) {
			t.Errorf("warning on %v: %q / %q", w.Attribute, w.Summary, w.Detail)
		}
		if want := row.id(suiteAgent) + "?" + row.limitArgument + "=5"; id != want {
			t.Errorf("id = %q, want %q", id, want)
		}
	})
	t.Run("exactly the limit, no warning", func(t *testing.T) {
		t.Parallel()
		resp, got, _, first := read(t, 10, 10)
		if ids := stateIDs(t, got); len(resp.Diagnostics) != 0 || !slices.Equal(ids, first) {
			t.Fatalf("got %s %v and %v; want all 10, %v, and no diagnostics", row.name, ids, diagnosticsText(resp.Diagnostics), first)
		}
	})
}

// stateIDs are the ids of a read state's list items, in order.
func stateIDs(t *testing.T, items []tftypes.Value) []string {
	t.Helper()
	ids := make([]string, len(items))
	for i, it := range items {
		if id := stateString(t, it, "id"); id != nil {
			ids[i] = *id
		}
	}
	return ids
}

// selectionValues are the arguments that select agent's list.
func (row listUnderTest) selectionValues(agent string) map[string]tftypes.Value {
	args := map[string]tftypes.Value{}
	if row.ofAgent {
		args["agent_id"] = tftypes.NewValue(tftypes.String, agent)
	}
	return args
}

func (row listUnderTest) testBeforeConfigure(t *testing.T) {
	t.Parallel()
	ps, err := newProviderServer(testProvider())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, row.typeName(), row.selectionValues("a")))
	if err != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Provider not configured" {
		t.Fatalf("got %v, %v; want the not-configured error", err, diagnosticsText(resp.Diagnostics))
	}
}

// The server writes a list's state with the list's encoder; the framework
// alone writes it through terraform-plugin-go. Both must be the same, byte
// for byte, with the same diagnostics: for a long list in pages, with the
// seeds' nulls and absent fields; cut by the limit; empty; and not found.
func (row listUnderTest) testStateByteForByte(t *testing.T) {
	t.Parallel()
	opts := row.serve(suiteAgent, 45)
	opts.MaxPageSize = 7
	ps := configuredServer(t, opts)
	empty := configuredServer(t, row.serve(suiteAgent, 0))
	type stateCase struct {
		name   string
		ps     *providerServer
		args   map[string]tftypes.Value
		result string // "list", "empty", "warning" or "error"
	}
	cases := []stateCase{
		{"pages", ps, row.selectionValues(suiteAgent), "list"},
		{"empty", empty, row.selectionValues(suiteAgent), "empty"},
	}
	if row.limitArgument != "" {
		args := row.selectionValues(suiteAgent)
		args[row.limitArgument] = tftypes.NewValue(tftypes.Number, 11)
		cases = append(cases, stateCase{"cut by the limit", ps, args, "warning"})
	}
	if row.fields != nil {
		args := row.selectionValues(suiteAgent)
		args["fields"] = stringList(row.fields...)
		cases = append(cases, stateCase{"fields", ps, args, "list"})
	}
	if row.ofAgent {
		cases = append(cases, stateCase{"unknown agent", ps, row.selectionValues("agt_nobody"), "error"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requireFastStateIsTheFrameworks(t, tc.ps, row.typeName(), row.name, tc.args, tc.result)
		})
	}
}

// requireFastStateIsTheFrameworks reads typeName through the provider's
// server and through the framework alone, and requires the same state, byte
// for byte, and the same diagnostics; result is the kind of read expected.
func requireFastStateIsTheFrameworks(t *testing.T, ps *providerServer, typeName, list string, args map[string]tftypes.Value, result string) {
	t.Helper()
	ctx := testContext(t)
	got, err := ps.ReadDataSource(ctx, readRequest(t, ps, typeName, args))
	if err != nil {
		t.Fatal(err)
	}
	want, err := ps.ProviderServer.ReadDataSource(ctx, readRequest(t, ps, typeName, args))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(diagnosticsText(got.Diagnostics)) != fmt.Sprint(diagnosticsText(want.Diagnostics)) {
		t.Fatalf("diagnostics differ:\n got %v\nwant %v", diagnosticsText(got.Diagnostics), diagnosticsText(want.Diagnostics))
	}
	switch {
	case result == "error":
		if !hasError(got.Diagnostics) {
			t.Fatalf("test premise: an error, got %v", diagnosticsText(got.Diagnostics))
		}
		return // Terraform ignores the state of a failed read
	case result == "warning" && len(got.Diagnostics) != 1:
		t.Fatalf("test premise: one warning, got %v", diagnosticsText(got.Diagnostics))
	case result != "warning" && len(got.Diagnostics) != 0:
		t.Fatalf("test premise: no diagnostics, got %v", diagnosticsText(got.Diagnostics))
	}
	if !bytes.Equal(got.State.MsgPack, want.State.MsgPack) {
		typ := stateType(t, ps, typeName)
		gv, _ := got.State.Unmarshal(typ)
		wv, _ := want.State.Unmarshal(typ)
		t.Fatalf("states differ (%d vs %d bytes; equal as values: %v)", len(got.State.MsgPack), len(want.State.MsgPack), gv.Equal(wv))
	}
	v, _ := got.State.Unmarshal(stateType(t, ps, typeName))
	if n := len(stateList(t, v, list)); (result == "empty") != (n == 0) || (result != "empty" && n < 5) {
		t.Fatalf("test premise: a %s list, got %d items", result, n)
	}
}

// The ephemeral twin gives the data source's list, which Terraform keeps
// out of the state (the echo provider copies it into its own), and its
// result, like the state, is the framework's byte for byte.
func (row listUnderTest) testEphemeral(t *testing.T) {
	t.Parallel()
	opts := row.serve(suiteAgent, 23)
	opts.MaxPageSize = 10
	// Through Terraform, whole and, for a list with fields, with fields: a
	// test case of its own, because the echo resource keeps the value of its
	// first apply.
	through := func(t *testing.T, args string, id func(agent string) string, keep []string) {
		tg := row.target(t, opts)
		agent := tg.agent(suiteAgent)
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
			Steps: []resource.TestStep{{
				Config: tg.providerConfig() + fmt.Sprintf("\nephemeral %q \"test\" {\n%s%s\n}\n\nprovider \"echo\" {\n  data = ephemeral.%s.test\n}\n\nresource \"echo\" \"test\" {}\n",
					row.typeName(), row.selection(agent), args, row.typeName()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("id"), knownvalue.StringExact(id(agent))),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey(row.name), itemsMatch(row.want(t, tg, opts, agent), keep)),
				},
			}},
		})
	}
	t.Run("through Terraform", func(t *testing.T) {
		through(t, "", row.id, nil)
	})
	if row.fields != nil {
		// fields keeps what it names, in any order, and id; the rest is null.
		t.Run("through Terraform, with fields", func(t *testing.T) {
			through(t, fmt.Sprintf("  fields = [%q, %q]", row.fields[1], row.fields[0]),
				func(agent string) string { return row.id(agent) + "?fields=" + strings.Join(row.fields, ",") }, row.fields)
		})
	}
	t.Run("byte for byte", func(t *testing.T) {
		t.Parallel()
		ps := configuredServer(t, opts)
		withFields := row.selectionValues(suiteAgent)
		if row.fields != nil {
			withFields["fields"] = stringList(row.fields...)
		}
		for _, args := range []map[string]tftypes.Value{row.selectionValues(suiteAgent), withFields} {
			requireFastResultIsTheFrameworks(t, ps, row.typeName(), row.name, args, 23)
		}
	})
}

func requireFastResultIsTheFrameworks(t *testing.T, ps *providerServer, typeName, list string, args map[string]tftypes.Value, items int) {
	t.Helper()
	ctx := testContext(t)
	req := openRequest(t, ps, typeName, args)
	got, err := ps.OpenEphemeralResource(ctx, req)
	if err != nil || hasError(got.Diagnostics) {
		t.Fatalf("open: %v %v", err, diagnosticsText(got.Diagnostics))
	}
	want, err := ps.ProviderServer.OpenEphemeralResource(ctx, req)
	if err != nil || hasError(want.Diagnostics) {
		t.Fatalf("open: %v %v", err, diagnosticsText(want.Diagnostics))
	}
	if !bytes.Equal(got.Result.MsgPack, want.Result.MsgPack) {
		t.Fatalf("results differ (%d vs %d bytes)", len(got.Result.MsgPack), len(want.Result.MsgPack))
	}
	v, _ := got.Result.Unmarshal(ephemeralType(t, ps, typeName))
	if n := len(stateList(t, v, list)); n != items {
		t.Fatalf("test premise: the whole list, got %d items, want %d", n, items)
	}
}

// servesEphemeral reports whether the tests' provider serves typeName as an
// ephemeral resource too.
func servesEphemeral(typeName string) bool {
	for _, e := range testProvider().EphemeralResources(context.Background()) {
		var resp ephemeral.MetadataResponse
		e().Metadata(context.Background(), ephemeral.MetadataRequest{ProviderTypeName: "chatzuri"}, &resp)
		if resp.TypeName == typeName {
			return true
		}
	}
	return false
}

// itemsMatch checks a list item for item, in order; with keep, the
// attributes not named in it must be null.
func itemsMatch(items []item, keep []string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(items))
	for i, it := range items {
		attrs := map[string]knownvalue.Check{}
		for name, v := range it {
			if keep != nil && !slices.Contains(keep, name) {
				attrs[name] = knownvalue.Null()
				continue
			}
			switch v := v.(type) {
			case string:
				attrs[name] = knownvalue.StringExact(v)
			case *string:
				attrs[name] = stringOrNull(v)
			case []item:
				attrs[name] = itemsMatch(v, nil)
			default:
				panic(fmt.Sprintf("itemsMatch: %s is a %T", name, v))
			}
		}
		checks[i] = knownvalue.ObjectExact(attrs)
	}
	return knownvalue.ListExact(checks)
}

// itemsOf are the client's items as the suite expects them: each exported
// field under its attribute's name (attributeName), nested lists as items.
func itemsOf[T any](values []T) []item {
	out := make([]item, len(values))
	for i, v := range values {
		out[i] = itemOf(reflect.ValueOf(v))
	}
	return out
}

func itemOf(v reflect.Value) item {
	it := item{}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch fv := v.Field(i); fv.Kind() {
		case reflect.Slice:
			nested := make([]item, fv.Len())
			for j := range nested {
				nested[j] = itemOf(fv.Index(j))
			}
			it[attributeName(f.Name)] = nested
		default:
			it[attributeName(f.Name)] = fv.Interface()
		}
	}
	return it
}

func stringList(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

// A list's ephemeral twin and its counts refuse at validate time what the
// list's data source refuses, with the same diagnostics: here a window whose
// end_date is before its start_date, which only the list's own validation
// catches.
func TestTwinAndCountsValidateTheirArgumentsAsTheListDoes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ list, counts string }{
		{"chatzuri_leads", "chatzuri_lead_counts"},
		{"chatzuri_conversations", "chatzuri_conversation_counts"},
	} {
		t.Run(tc.list, func(t *testing.T) {
			t.Parallel()
			if !servesEphemeral(tc.list) {
				t.Fatalf("test premise: %s has no ephemeral twin", tc.list)
			}
			ps, err := newProviderServer(testProvider())()
			if err != nil {
				t.Fatal(err)
			}
			ctx := testContext(t)
			args := map[string]tftypes.Value{
				"agent_id":   tftypes.NewValue(tftypes.String, "agt_1"),
				"start_date": tftypes.NewValue(tftypes.String, "2026-03-02"),
				"end_date":   tftypes.NewValue(tftypes.String, "2026-03-01"),
			}
			config := func(typ tftypes.Object) *tfprotov6.DynamicValue {
				v, err := tfprotov6.NewDynamicValue(typ, objectOf(typ, args))
				if err != nil {
					t.Fatal(err)
				}
				return &v
			}
			validateData := func(typeName string) []string {
				resp, err := ps.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: config(stateType(t, ps, typeName))})
				if err != nil {
					t.Fatal(err)
				}
				return diagnosticsText(resp.Diagnostics)
			}
			want := validateData(tc.list)
			if len(want) != 1 || !strings.Contains(want[0], "end_date is before start_date") {
				t.Fatalf("test premise: the data source's diagnostics are %q, want the one error of the window", want)
			}
			twin, err := ps.ValidateEphemeralResourceConfig(ctx, &tfprotov6.ValidateEphemeralResourceConfigRequest{TypeName: tc.list, Config: config(ephemeralType(t, ps, tc.list))})
			if err != nil {
				t.Fatal(err)
			}
			if got := diagnosticsText(twin.Diagnostics); !slices.Equal(got, want) {
				t.Errorf("the ephemeral twin's diagnostics are %q, want the data source's %q", got, want)
			}
			if got := validateData(tc.counts); !slices.Equal(got, want) {
				t.Errorf("%s's diagnostics are %q, want the list's %q", tc.counts, got, want)
			}
		})
	}
}
