package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// These tests drive every fault the emulator can inject through the
// Terraform CLI, to show what a user sees: the client-level behaviour is
// TestEmulatorFaults in internal/client.
//
// Timing: the provider retries with a minimum wait of 1 s (the client's
// DefaultRetryWaitMin, not configurable), so every case uses max_retries = 1
// and costs at most one wait of 1-2 s. The cases of each test run in
// parallel; each has its own emulator, so request counts stay exact.

const (
	faultAgent = "agt_faults"
	// faultBudget bounds one case: Terraform's own start-up, one read and at
	// most one retry wait (or a 1 s request timeout twice, for slow-loris).
	faultBudget = 15 * time.Second
)

// faultsConfig reads faultAgent's leads ten a page, with the default
// max_retries = 1 of providerConfig unless extra sets it.
func faultsConfig(tg *accTarget, extra ...string) string {
	return tg.providerConfig(extra...) + fmt.Sprintf(`
data "chatzuri_leads" "test" {
  agent_id  = %q
  page_size = 10
}
`, faultAgent)
}

// TestAccLeadsDataSource_faultsEveryTime: a fault on every request ends the
// read with an error that names page 1, the tries made, what arrived and
// what to do; it never returns a list, and never panics.
func TestAccLeadsDataSource_faultsEveryTime(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		fault      emulator.Fault
		retryAfter string
		provider   []string // extra provider attributes
		want       string   // a regexp of the error: see diagPattern
		// requests is how many the emulator must see: every try of page 1.
		requests int
	}{
		{
			name: "connection reset mid-body", fault: emulator.FaultResetMidBody,
			want: diagPattern("Chatzuri's response was cut off",
				"reading page 1 of get-leads: the request failed after 2 tries: the response body was cut off after 20 bytes: unexpected EOF.",
				"the connection broke before the whole page arrived, on every try"),
			requests: 2,
		},
		{
			name: "truncated JSON", fault: emulator.FaultTruncatedJSON,
			want: diagPattern("Unexpected response from Chatzuri",
				"reading page 1 of get-leads: unusable response after 2 tries: the response is not valid JSON: it ends after 27 bytes, before the JSON is complete, so it was cut short on the way.",
				"The body was not valid JSON on any try. That is most often a response cut short on the way"),
			requests: 2,
		},
		{
			name: "HTML 502 from a proxy", fault: emulator.FaultHTMLBadGateway,
			want: htmlFreeDiagPattern("Chatzuri server error",
				`reading page 1 of get-leads: the API answered 502 Bad Gateway ("the body is an HTML page, not JSON: a proxy or gateway answered instead of the API") after 2 tries.`),
			requests: 2,
		},
		{
			name: "500", fault: emulator.FaultServerError,
			want: diagPattern("Chatzuri server error",
				`reading page 1 of get-leads: the API answered 500 Internal Server Error ("Internal server error") after 2 tries.`,
				"This is usually temporary"),
			requests: 2,
		},
		{
			// Not retried: a complete 2xx that is empty will not improve.
			name: "2xx with an empty body", fault: emulator.FaultEmptyBody,
			want: diagPattern("Unexpected response from Chatzuri",
				"reading page 1 of get-leads: unusable response: the response body is empty, want a JSON object."),
			requests: 1,
		},
		{
			name: "2xx JSON of another shape", fault: emulator.FaultWrongShape,
			want: diagPattern("Unexpected response from Chatzuri",
				`reading page 1 of get-leads: unusable response: the response has no list of items: want one of the keys "data", "collectedCustomers", got keys "items", "total".`),
			requests: 1,
		},
		{
			name: "429 storm", fault: emulator.FaultTooManyRequests, retryAfter: "1",
			want: diagPattern("Rate limited by Chatzuri",
				`reading page 1 of get-leads: the API answered 429 Too Many Requests ("Too many requests") after 2 tries.`,
				"lower max_concurrent_requests", "raise max_retries."),
			requests: 2,
		},
		{
			name: "slow-loris", fault: emulator.FaultSlowLoris, provider: []string{`request_timeout = "1s"`},
			want: diagPattern("Request to Chatzuri timed out",
				"reading page 1 of get-leads: the request timed out after 2 tries:",
				"Chatzuri did not answer within request_timeout (1s) on any try.", "raise the provider's request_timeout"),
			requests: 2,
		},
		{
			// Not retried: the next answer would be as large.
			name: "huge body", fault: emulator.FaultHugeBody,
			want: diagPattern("Unexpected response from Chatzuri",
				fmt.Sprintf("reading page 1 of get-leads: unusable response: the response body is larger than %d bytes, far more than one page can be.", client.DefaultMaxBodyBytes)),
			requests: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tg := newAccTarget(t, emulator.Options{
				Leads:      map[string][]emulator.Lead{faultAgent: emulator.SeedLeads(faultAgent, 25)},
				Faults:     emulator.FaultAlways(tc.fault),
				RetryAfter: tc.retryAfter,
			})
			tg.requireEmulator(t, "it injects faults")

			started := time.Now()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      faultsConfig(tg, append([]string{"max_retries = 1"}, tc.provider...)...),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
			elapsed := time.Since(started)
			t.Logf("took %s", elapsed.Round(10*time.Millisecond))

			if pages := pagesRequested(tg.emu, true, faultAgent); len(pages) != tc.requests || slices.ContainsFunc(pages, func(p string) bool { return p != "1" }) {
				t.Errorf("pages requested = %v; want page 1 %d times (max_retries = 1)", pages, tc.requests)
			}
			if elapsed > faultBudget {
				t.Errorf("the failing read took %s, over the %s budget", elapsed.Round(100*time.Millisecond), faultBudget)
			}
		})
	}
}

// TestAccLeadsDataSource_faultsOnce: a fault on one request only (request 2,
// the first try of page 2, pages read one at a time so the numbers are
// predictable). A retryable fault is retried and the read gives exactly the
// seeded leads, in order: nothing lost, nothing twice. A fault that is not
// retried ends the read with an error naming page 2, never a short list.
func TestAccLeadsDataSource_faultsOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		fault    emulator.Fault
		provider []string
		// want is empty when the read must succeed, else a regexp of the
		// error: see diagPattern.
		want string
	}{
		{name: "connection reset mid-body", fault: emulator.FaultResetMidBody},
		{name: "truncated JSON", fault: emulator.FaultTruncatedJSON},
		{name: "HTML 502 from a proxy", fault: emulator.FaultHTMLBadGateway},
		{name: "500", fault: emulator.FaultServerError},
		{name: "429", fault: emulator.FaultTooManyRequests},
		{name: "slow-loris", fault: emulator.FaultSlowLoris, provider: []string{`request_timeout = "1s"`}},
		{
			name: "2xx with an empty body", fault: emulator.FaultEmptyBody,
			want: diagPattern("Unexpected response from Chatzuri", "reading page 2 of get-leads: unusable response: the response body is empty, want a JSON object."),
		},
		{
			name: "2xx JSON of another shape", fault: emulator.FaultWrongShape,
			want: diagPattern("Unexpected response from Chatzuri", `reading page 2 of get-leads: unusable response: the response has no list of items: want one of the keys "data", "collectedCustomers", got keys "items", "total".`),
		},
		{
			name: "huge body", fault: emulator.FaultHugeBody,
			want: diagPattern("Unexpected response from Chatzuri", fmt.Sprintf("reading page 2 of get-leads: unusable response: the response body is larger than %d bytes", client.DefaultMaxBodyBytes)),
		},
	}
	seeded := emulator.SeedLeads(faultAgent, 25)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var injected atomic.Int64
			plan := emulator.FaultOnRequests(tc.fault, 2)
			tg := newAccTarget(t, emulator.Options{
				Leads: map[string][]emulator.Lead{faultAgent: seeded},
				Faults: func(n int) emulator.Fault {
					f := plan(n)
					if f != emulator.NoFault {
						injected.Add(1)
					}
					return f
				},
				RetryAfter: "0",
			})
			tg.requireEmulator(t, "it injects faults")

			step := resource.TestStep{
				Config: faultsConfig(tg, append([]string{"max_retries = 1", "max_concurrent_requests = 1"}, tc.provider...)...),
			}
			if tc.want != "" {
				step.ExpectError = regexp.MustCompile(tc.want)
			} else {
				step.ConfigStateChecks = []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"),
						itemsMatch(itemsOf(tg.expectedLeads(t, seeded, faultAgent, "", "")), nil)),
				}
			}
			started := time.Now()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
			})
			elapsed := time.Since(started)
			t.Logf("took %s", elapsed.Round(10*time.Millisecond))

			if injected.Load() != 1 {
				t.Fatalf("the fault was injected %d times, want once", injected.Load())
			}
			// 25 leads at 10 a page: pages 1-3 hold them, page 4 is the empty
			// end. The first read (the plan's, whose result is the state)
			// tries page 2 twice when the fault is retried.
			want := []string{"1", "2", "2", "3", "4"}
			if tc.want != "" {
				want = []string{"1", "2"}
			}
			if got := pagesRequested(tg.emu, true, faultAgent); len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
				t.Errorf("pages requested = %v, want a first read of %v", got, want)
			}
			if elapsed > faultBudget {
				t.Errorf("the read took %s, over the %s budget", elapsed.Round(100*time.Millisecond), faultBudget)
			}
		})
	}
}

// TestAccLeadsDataSource_faultsLeadArrivesWhilePaging: a new lead arrives at
// the head of the list while the provider pages, pushing every later item
// one page along. The read must complete with every lead at most once and
// every lead that existed before it began.
//
// Read one page at a time, the lead arrives once page 2 has been served:
// page 3 then repeats page 2's last lead, which must be kept once. Read
// ahead (max_concurrent_requests = 4, pages 2-5 in flight together), page 3
// is held until page 4 has been served and the lead arrives in between:
// page 3 and page 4 then both miss the lead that crossed their boundary,
// which only the client's re-read of page 1 can notice.
func TestAccLeadsDataSource_faultsLeadArrivesWhilePaging(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		concurrency int
		// holdPage3 holds the first request for page 3 until page 4 has
		// been served, and adds the lead after that.
		holdPage3 bool
	}{
		{name: "one page at a time", concurrency: 1},
		{name: "pages read ahead", concurrency: 4, holdPage3: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			seeded := emulator.SeedLeads(faultAgent, 40)
			tg := newAccTarget(t, emulator.Options{Leads: map[string][]emulator.Lead{faultAgent: seeded}})
			tg.requireEmulator(t, "it adds a lead to the list while the provider pages")

			arrival := emulator.Lead{ID: "lead_arrived_mid_read", CreatedAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ChatbotID: ptr(faultAgent)}
			var (
				added, held    atomic.Bool
				page4Served    = make(chan struct{})
				closePage4Once sync.Once
			)
			// Only the first read (the plan's, whose result is the state) sees
			// the lead arrive; later reads find it already there.
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				page := r.URL.Query().Get("page")
				if page == "3" && !added.Load() {
					if tc.holdPage3 {
						select {
						case <-page4Served:
							held.Store(true)
						case <-time.After(5 * time.Second):
						}
					}
					if added.CompareAndSwap(false, true) {
						tg.emu.AddLeads(faultAgent, arrival)
					}
				}
				tg.emu.ServeHTTP(w, r)
				if page == "4" {
					closePage4Once.Do(func() { close(page4Served) })
				}
			}))
			t.Cleanup(srv.Close)
			tg.baseURL = srv.URL + "/api/v1"

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: faultsConfig(tg, fmt.Sprintf("max_concurrent_requests = %d", tc.concurrency)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.chatzuri_leads.test", tfjsonpath.New("leads"),
							eachLeadOnce{before: tg.expectedLeads(t, seeded, faultAgent, "", ""), arrived: arrival.ID}),
					},
				}},
			})

			if !added.Load() {
				t.Fatal("test premise: the lead never arrived; was page 3 never requested?")
			}
			if tc.holdPage3 && !held.Load() {
				t.Fatal("test premise: page 4 was not served while page 3 was held; were pages not read ahead?")
			}
			t.Logf("pages requested: %v", pagesRequested(tg.emu, true, faultAgent))
		})
	}
}

// eachLeadOnce checks a leads list read while a lead arrived: no id twice,
// every lead of before present and in before's order, and nothing else but
// the lead that arrived (which may or may not be there).
type eachLeadOnce struct {
	before  []client.Lead // newest first
	arrived string
}

func (c eachLeadOnce) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("leads is %T, want a list", v)
	}
	position := make(map[string]int, len(list))
	for i, item := range list {
		lead, ok := item.(map[string]any)
		if !ok {
			return fmt.Errorf("leads[%d] is %T, want an object", i, item)
		}
		id, ok := lead["id"].(string)
		if !ok {
			return fmt.Errorf("leads[%d].id is %T, want a string", i, lead["id"])
		}
		if j, dup := position[id]; dup {
			return fmt.Errorf("lead %s is in the list twice, at %d and %d", id, j, i)
		}
		position[id] = i
	}
	last := -1
	for _, l := range c.before {
		i, ok := position[l.ID]
		if !ok {
			return fmt.Errorf("lead %s, there before the read began, is missing from the %d leads read", l.ID, len(list))
		}
		if i < last {
			return fmt.Errorf("lead %s is at %d, before the lead at %d that is newer", l.ID, i, last)
		}
		last = i
	}
	if extra := len(list) - len(c.before); extra > 1 || (extra == 1 && !hasKey(position, c.arrived)) {
		return fmt.Errorf("%d leads read, %d were there before the read and one arrived: the list holds leads from nowhere", len(list), len(c.before))
	}
	return nil
}

func (c eachLeadOnce) String() string {
	return fmt.Sprintf("each of %d leads once, plus at most %s", len(c.before), c.arrived)
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// diagPattern matches an error diagnostic with summary whose detail holds
// each phrase, in order. Phrases are literal text; as Terraform wraps a
// diagnostic's detail at 78 columns, each space in them matches any run of
// white space, a line break included.
func diagPattern(summary string, phrases ...string) string {
	return "(?s)" + joinPhrases(".*", summary, phrases)
}

// htmlFreeDiagPattern is diagPattern for an error that holds no "<" at all:
// whatever else it says, it quotes no HTML.
func htmlFreeDiagPattern(summary string, phrases ...string) string {
	return `\A[^<]*` + joinPhrases("[^<]*", summary, phrases) + `[^<]*\z`
}

func joinPhrases(sep, summary string, phrases []string) string {
	literal := func(s string) string {
		return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `\s+`)
	}
	pattern := `Error: ` + literal(summary) + `\n`
	for _, p := range phrases {
		pattern += sep + literal(p)
	}
	return pattern
}
